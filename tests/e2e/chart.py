#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""chart: the live charts in a real window under its own Xvfb, while
messages flow: `ponte --local-echo --demo FILE --demo-interval 1
--stats-csv CSV --transcript T` sends a line a second to the built-in echo
server.

- Ctrl+G (xdotool) opens the panel: its plots show the series' colours
  (theme_light's green for what came in, blue for what went out, amber for
  the echoes' round trips) where the conversation was, none before;
- the plots move on while messages flow (two screenshots 2.5 s apart
  differ in the plots);
- Escape closes it: the colours are gone from there;
- the status bar's Chart button opens it again;
- SIGTERM: status 0, and the --stats-csv file written in the window adds
  up to the transcript's sent and received messages.

Screenshots are ImageMagick's `import`; they go to $PONTE_ARTIFACTS (or a
temporary folder) as chart-*.png.

    chart.py PATH/TO/ponte
"""
import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from xsession import Checks, Shot, events, find_window, poll, ponte_env, sigterm, start_xvfb

PONTE = os.path.abspath(sys.argv[1])
WAIT = 10.0

# theme_light (src/theme.c): the series' colours.
IN = (0x16, 0xA3, 0x4A)    # dot_connected
OUT = (0x1D, 0x4E, 0xD8)   # primary_bg
RTT = (0xD9, 0x77, 0x06)   # dot_connecting
# The window's default 900x640; the panel over the input row (64), about
# 300 high: its plots are inside this rectangle (x0, y0, x1, y1).
PLOTS = (110, 330, 880, 540)
STATUS = (0, 56, 900, 100)  # the status bar (its Chart button)

check = Checks()


def on_sigterm(signum, frame):
    raise SystemExit(f"chart: stopped by signal {signum}")


def main():
    signal.signal(signal.SIGTERM, on_sigterm)
    xvfb, name = start_xvfb("chart")
    tmp = tempfile.mkdtemp(prefix="ponte-chart-")
    shots = os.environ.get("PONTE_ARTIFACTS") or tmp
    os.makedirs(shots, exist_ok=True)
    env = ponte_env(name, tmp)
    child = dict(env)
    # As in e2e.py: under AddressSanitizer (tests/run), Mesa's GL driver stays
    # mapped so LeakSanitizer can tell its leaks (tests/lsan.supp) from Ponte's.
    if os.environ.get("PONTE_E2E_PRELOAD"):
        child["LD_PRELOAD"] = os.environ["PONTE_E2E_PRELOAD"]
    app = None
    try:
        demo = os.path.join(tmp, "demo.txt")
        with open(demo, "w") as f:
            f.write("hello chart\n{\"n\": 1, \"text\": \"json\"}\na longer line of text to make some bytes\n")
        transcript = os.path.join(tmp, "t.jsonl")
        stats = os.path.join(tmp, "stats.csv")
        app = subprocess.Popen([PONTE, "--local-echo", "--demo", demo, "--demo-interval", "1", "--transcript",
                                transcript, "--stats-csv", stats], env=child, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
        wid = poll(lambda: find_window(env), WAIT)
        if not check(wid is not None, "the window appears"):
            return
        flowing = poll(lambda: sum(1 for e in events(transcript) if e.get("event") == "received") >= 3, 15)
        check(flowing, "messages flow on the built-in echo server")
        subprocess.run(["xdotool", "mousemove", "--window", str(wid), "5", "5"], env=env)
        shot = Shot(env, wid, os.path.join(shots, "chart-before.png"))
        check(shot.width == 900 and shot.height == 640, "the window is 900x640", f"{shot.width}x{shot.height}")
        check(shot.count(IN, *PLOTS) < 20, "no chart before Ctrl+G", f"{shot.count(IN, *PLOTS)} green pixels")

        subprocess.run(["xdotool", "key", "--window", str(wid), "ctrl+g"], env=env)
        opened = {}

        def drawn():
            s = Shot(env, wid, os.path.join(shots, "chart-open.png"))
            opened.update(shot=s)
            return s.count(IN, *PLOTS) > 40 and s.count(OUT, *PLOTS) > 40 and s.count(RTT, *PLOTS) > 4

        ok = poll(drawn, WAIT)
        s = opened.get("shot")
        check(ok, "Ctrl+G: the plots show what came in, went out and the round trips",
              s and f"in {s.count(IN, *PLOTS)}, out {s.count(OUT, *PLOTS)}, rtt {s.count(RTT, *PLOTS)}")
        check(s and s.count(OUT, *STATUS) > 100, "the Chart button is lit")

        first = Shot(env, wid, os.path.join(shots, "chart-t0.png"))
        time.sleep(2.5)
        second = Shot(env, wid, os.path.join(shots, "chart-t1.png"))
        check(first.data and first.crop(*PLOTS) != second.crop(*PLOTS),
              "the plots move on while the messages flow")

        subprocess.run(["xdotool", "key", "--window", str(wid), "Escape"], env=env)
        closed = poll(lambda: Shot(env, wid, os.path.join(shots, "chart-closed.png")).count(IN, *PLOTS) < 20, WAIT)
        check(closed, "Escape closes it")

        # The status bar's Chart button: left of Saved and the theme's.
        bar = Shot(env, wid, os.path.join(shots, "chart-bar.png"))
        check(bar.width == 900, "a screenshot of the status bar")
        # (Its place from the view's layout: the third button from the right.)
        pos = None
        for x in range(560, 760):
            if bar.data[(78 * bar.width + x) * 3:(78 * bar.width + x) * 3 + 3] == bytes((0xCB, 0xD5, 0xE1)):
                pos = x + 20  # its border, then inside it
                break
        if check(pos is not None, "the Chart button's border is found"):
            subprocess.run(["xdotool", "mousemove", "--window", str(wid), str(pos), "78", "click", "1"], env=env)
            subprocess.run(["xdotool", "mousemove", "--window", str(wid), "5", "5"], env=env)
            check(poll(lambda: Shot(env, wid, os.path.join(shots, "chart-button.png")).count(IN, *PLOTS) > 40, WAIT),
                  "the Chart button opens it again")

        status = sigterm(app, 10)
        said = app.stdout.read().decode(errors="replace") if status is not None else ""
        check(status == 0, "SIGTERM: status 0", f"{status}: {said[-3000:]}")
        sent = sum(1 for e in events(transcript) if e.get("event") == "sent")
        received = sum(1 for e in events(transcript) if e.get("event") == "received")
        with open(stats, newline="") as f:
            rows = list(csv.reader(f))
        check(rows and rows[0][0] == "time", "the CSV's header")
        ins = sum(int(r[1]) for r in rows[1:])
        outs = sum(int(r[2]) for r in rows[1:])
        rtts = sum(int(r[5]) for r in rows[1:])
        check(outs == sent and ins == received and sent >= 3, "--stats-csv adds up to the transcript",
              f"csv {ins} in {outs} out, transcript {received} received {sent} sent")
        check(rtts >= received - 1, "the echoes' round trips are in it", f"{rtts} of {received}")
    finally:
        if app and app.poll() is None:
            app.kill()
            app.wait()
        xvfb.terminate()
        xvfb.wait()
        if not os.environ.get("PONTE_ARTIFACTS"):
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"chart: {check.passed} passed, {check.failed} failed")


if __name__ == "__main__":
    main()
    sys.exit(1 if check.failed or not check.passed else 0)
