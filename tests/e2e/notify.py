#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""notify: Ponte under a service manager's protocol (systemd's sd_notify),
with a datagram socket of our own as NOTIFY_SOCKET and WATCHDOG_USEC=400000:
READY=1 once the window is up, WATCHDOG=1 from the main loop about every
200 ms while it idles, STOPPING=1 on SIGTERM, exit status 0. SDL's dummy
video driver: no display needed.

    notify.py PATH/TO/ponte
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

PONTE = os.path.abspath(sys.argv[1])


def main():
    tmp = tempfile.mkdtemp(prefix="ponte-notify-")
    path = os.path.join(tmp, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PONTE_") or k == "PONTE_DATADIR"}
    env.update(NOTIFY_SOCKET=path, WATCHDOG_USEC="400000", SDL_VIDEODRIVER="dummy", LANG="C.UTF-8",
               XDG_STATE_HOME=os.path.join(tmp, "state"), XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_CONFIG_DIRS=os.path.join(tmp, "config"))
    env.pop("WATCHDOG_PID", None)
    app = subprocess.Popen([PONTE, "--local-echo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    got = []
    times = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and got.count("WATCHDOG=1") < 8:
        try:
            data = sock.recv(4096).decode()
        except socket.timeout:
            continue
        for line in data.split("\n"):
            if line:
                got.append(line)
                times.append(time.monotonic())
    app.send_signal(signal.SIGTERM)
    try:
        status = app.wait(5)
    except subprocess.TimeoutExpired:
        app.kill()
        status = None
    end = time.monotonic() + 1
    while time.monotonic() < end and "STOPPING=1" not in got:
        try:
            got.extend(x for x in sock.recv(4096).decode().split("\n") if x)
        except socket.timeout:
            pass
    sock.close()
    os.remove(path)
    out = app.stdout.read().decode(errors="replace")

    failures = []
    if not got or got[0] != "READY=1":
        failures.append(f"READY=1 first: got {got[:3]}")
    dogs = [t for line, t in zip(got, times) if line == "WATCHDOG=1"]
    if len(dogs) < 8:
        failures.append(f"8 WATCHDOG=1 within 10 s: got {len(dogs)}")
    else:
        gaps = [b - a for a, b in zip(dogs, dogs[1:])]
        if max(gaps) > 0.4:
            failures.append(f"WATCHDOG=1 at most 400 ms apart: gaps {['%.3f' % g for g in gaps]}")
    if "STOPPING=1" not in got:
        failures.append(f"STOPPING=1 on SIGTERM: got {got[-3:]}")
    if status != 0:
        failures.append(f"exit status 0 on SIGTERM: {status} ({out.strip()})")
    for f in failures:
        print("FAIL - " + f)
    print(f"notify: {len(got)} messages, {len(dogs)} watchdog pings; {'ok' if not failures else 'FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
