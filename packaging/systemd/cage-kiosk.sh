#!/bin/sh
# SPDX-License-Identifier: MIT
# An example launch on a machine with no desktop: cage (a Wayland kiosk
# compositor, Debian's `cage` package) runs Ponte fullscreen on the first
# display, from a console login or a getty autologin. The demo file is any text
# file; packaging/demo.txt is an example.
exec cage -d -- ponte --kiosk --local-echo --demo "$HOME/ponte-demo.txt"
