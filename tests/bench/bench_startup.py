#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""bench_startup: time from starting Ponte to its first presented frame.

Starts its own Xvfb, then runs `ponte --local-echo` RUNS times (default 10)
with PONTE_REPORT_FIRST_FRAME set, which makes Ponte print one line on
stderr right after its first frame is on screen; the time from starting the
process to that line is the figure. Prints the median and the slowest.

    bench_startup.py PATH/TO/ponte [RUNS]
"""
import os
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from xsession import start_xvfb, stop  # noqa: E402 (after the path it is found on)


def main():
    ponte = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    xvfb, display = start_xvfb("bench_startup", reset=True)
    env = dict(os.environ, DISPLAY=display, PONTE_REPORT_FIRST_FRAME="1")
    times = []
    try:
        for _ in range(runs + 1):  # the first run warms the caches; not counted
            t0 = time.perf_counter()
            app = subprocess.Popen([ponte, "--local-echo"], env=env, stderr=subprocess.PIPE)
            line = b""
            deadline = t0 + 20
            while b"first frame presented" not in line and time.perf_counter() < deadline:
                ready, _, _ = select.select([app.stderr], [], [], 0.5)
                if ready:
                    chunk = os.read(app.stderr.fileno(), 4096)
                    if not chunk:
                        break
                    line += chunk
            t1 = time.perf_counter()
            app.terminate()
            app.wait(timeout=10)
            if b"first frame presented" not in line:
                sys.exit("bench_startup: no first frame reported: " + line.decode(errors="replace"))
            times.append((t1 - t0) * 1000)
    finally:
        stop(xvfb)
    counted = sorted(times[1:])
    print(f"bench_startup: {runs} starts, first frame presented after median "
          f"{counted[len(counted) // 2]:.0f} ms, slowest {counted[-1]:.0f} ms")


if __name__ == "__main__":
    main()
