#!/bin/sh
# SPDX-License-Identifier: MIT
# An example launch on a machine with no desktop: cage (a Wayland kiosk
# compositor, Debian's `cage` package) runs Ponte fullscreen on the first
# display, from a console login or a getty autologin. The demo file is any text
# file; packaging/demo.txt is an example. Arguments are added to Ponte's
# command line; CAGE_OPTIONS to cage's (`-r` turns the display by 90 degrees).
#
# cage is not exec'ed: cage 0.1.4 (Debian 12) aborts on SIGTERM (its signal
# handler is handed the wrong pointer). A SIGTERM, SIGINT or SIGHUP to this
# script goes to Ponte alone, which closes its connection with 1000 and exits
# 0; cage ends with its client and this script with cage.
# shellcheck disable=SC2086 # CAGE_OPTIONS is a list of words
cage ${CAGE_OPTIONS:-} -d -- ponte --kiosk --local-echo --demo "$HOME/ponte-demo.txt" "$@" &
cage=$!
trap 'pkill -TERM -P "$cage" -x ponte' TERM INT HUP
# A trapped signal interrupts wait (status > 128): wait again until cage is gone.
while :; do
    wait "$cage"
    status=$?
    kill -0 "$cage" 2>/dev/null || exit "$status"
done
