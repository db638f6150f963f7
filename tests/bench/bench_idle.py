#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""bench_idle: CPU use and wake-ups of an idle Ponte window.

Starts its own Xvfb, runs `ponte --local-echo`, waits for the caret to stop
blinking (10 s after the last input), then reads the process's CPU time and
context switches from /proc over SECONDS (default 30) and prints them. Three
cases: the live charts hidden (no timer at all), the chart panel shown
(Ctrl+G: a frame at each second's end), and the --chart strip.

    bench_idle.py PATH/TO/ponte [SECONDS]
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from xsession import find_window, start_xvfb, stop  # noqa: E402 (after the path it is found on)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def switches(pid):
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/status") as f:
            for line in f:
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    total += int(line.split()[1])
    return total


def measure(ponte, seconds, case, args=(), keys=None):
    xvfb, display = start_xvfb("bench_idle", reset=True)
    env = dict(os.environ, DISPLAY=display)
    with tempfile.TemporaryDirectory() as tmp:
        transcript = os.path.join(tmp, "t.jsonl")
        app = subprocess.Popen([ponte, "--local-echo", "--transcript", transcript, *args], env=env)
        try:
            deadline = time.time() + 20
            while time.time() < deadline:
                if os.path.exists(transcript) and '"connected"' in open(transcript).read():
                    break
                time.sleep(0.1)
            else:
                sys.exit("bench_idle: Ponte did not connect")
            if keys:
                wid = find_window(env)
                subprocess.run(["xdotool", "key", "--window", str(wid), keys], env=env, check=True)
            time.sleep(11)  # the caret blinks for 10 s after start, then rests
            hz = os.sysconf("SC_CLK_TCK")
            t0, s0, w0 = cpu_ticks(app.pid), switches(app.pid), time.time()
            time.sleep(seconds)
            t1, s1, w1 = cpu_ticks(app.pid), switches(app.pid), time.time()
            cpu = (t1 - t0) / hz
            print(f"bench_idle: {case}: {w1 - w0:.1f} s idle: CPU {cpu:.2f} s "
                  f"({100 * cpu / (w1 - w0):.2f}% of one core), "
                  f"{s1 - s0} context switches (wake-ups) in all threads")
        finally:
            app.terminate()
            app.wait(timeout=10)
            stop(xvfb)


def main():
    ponte = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
    measure(ponte, seconds, "the charts hidden")
    measure(ponte, seconds, "the chart panel shown (Ctrl+G)", keys="ctrl+g")
    measure(ponte, seconds, "the --chart strip", args=["--chart"])


if __name__ == "__main__":
    main()
