#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""opened: recordings opened read-only in a real Ponte window under its own
Xvfb, the three ways a person opens one, and broken files:

- `--open FILE` (a transcript with a sent message and a damaged line): the
  recording's header shows (its strip, #BFDBFE, under the status bar) and
  its sent bubble (#1D4ED8) is in the list, where the live conversation
  (the built-in echo server, nothing sent) has none; Escape goes back to it;
- Ctrl+O, the path typed (xdotool) and Enter: a HAR file (Chrome's shape)
  opens the same way;
- a transcript dropped on the window (dnd.py's XDND source) opens too;
- a dropped file that is neither a recording nor saved messages, and a
  transcript with no valid record opened by Ctrl+O: the open bar says so in
  red (#B91C1C) and Ponte keeps running, its live connection too;
- SIGTERM: status 0.

    opened.py PATH/TO/ponte
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from dnd import DragSource, Shot, check, file_uri, launch
from xsession import end_session, events, poll, ponte_env, sigterm, start_xvfb

PONTE = os.path.abspath(sys.argv[1])
WAIT = 10.0

# theme_light (src/theme.c) and the layout of src/view.c at scale 1.
SELECTION = (0xBF, 0xDB, 0xFE)  # the recording's header
SENT_BG = (0x1D, 0x4E, 0xD8)    # a sent bubble
DANGER = (0xB9, 0x1C, 0x1C)     # the open bar's error
TOP_H = 100                     # the connection bar and the status bar
HEADER_H = 44
INPUT_H = 64                    # the input row (or the read-only row) at the bottom


RECORDED = [
    {"ts": "2026-11-25T04:05:06.000000Z", "event": "connected", "url": "ws://recorded.test/"},
    {"ts": "2026-11-25T04:05:07.000000Z", "event": "sent", "text": "a recorded message, long enough to see it"},
    {"ts": "2026-11-25T04:05:07.100000Z", "event": "received", "text": "its echo"},
    {"ts": "2026-11-25T04:05:09.000000Z", "event": "closed", "code": 1000, "reason": "", "by": "client"},
]
HAR = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [{
    "request": {"method": "GET", "url": "wss://har.test/socket"},
    "_webSocketMessages": [
        {"type": "send", "time": 1795579506.1, "opcode": 1, "data": "sent from a browser, seen again here"},
        {"type": "receive", "time": 1795579506.2, "opcode": 2, "data": "AAEC"}]}]}}


def on_sigterm(signum, frame):
    raise SystemExit(f"opened: stopped by signal {signum}")


def main():
    xvfb, name = start_xvfb("opened")
    tmp = tempfile.mkdtemp(prefix="ponte-opened-")
    env = ponte_env(name, tmp)
    transcript = os.path.join(tmp, "live.jsonl")
    recording = os.path.join(tmp, "session.jsonl")
    with open(recording, "w", encoding="utf-8") as f:
        for i, e in enumerate(RECORDED):
            f.write(json.dumps(e) + "\n")
            if i == 1:
                f.write('{"ts": "2026-11-25T04:05:07.050000Z", "event": \n')  # damaged
    har = os.path.join(tmp, "browser.har")
    with open(har, "w", encoding="utf-8") as f:
        json.dump(HAR, f, indent=2)
    picture = os.path.join(tmp, "picture.png")
    with open(picture, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    no_record = os.path.join(tmp, "no-record.jsonl")
    with open(no_record, "w", encoding="utf-8") as f:
        f.write('plain words\n{"ts": "yesterday", "event": "sent"}\n')
    child = dict(env)
    preload = os.environ.get("PONTE_E2E_PRELOAD")  # (as dnd.py: Mesa stays mapped under ASan)
    if preload:
        child["LD_PRELOAD"] = preload
    source = app = None
    try:
        source = DragSource(name)
        app, wid = launch(env, child, source, ["--open", recording], transcript)
        if not wid:
            return
        geometry = source.disp.create_resource_object("window", wid).get_geometry()
        w, h = geometry.width, geometry.height
        seen = {}

        def look(label):
            s = Shot(env, wid, os.path.join(tmp, label + ".png"))
            seen[label] = (s.count(SELECTION, 0, TOP_H, w, TOP_H + HEADER_H),
                           s.count(SENT_BG, 0, TOP_H + HEADER_H, w, h - INPUT_H),
                           s.count(DANGER, 0, TOP_H, w, TOP_H + 3 * HEADER_H))
            return seen[label]

        def shown(label):
            return poll(lambda: (lambda c: c[0] > w * 30 and c[1] > 2000)(look(label)), WAIT)

        def live(label):
            return poll(lambda: (lambda c: c[0] < w * 5 and c[1] == 0)(look(label)), WAIT)

        def key(*keys):
            subprocess.run(["xdotool", "key", "--window", str(wid)] + list(keys), env=env, check=False)

        def say(label):
            return f"header, sent-bubble, red pixels: {seen.get(label)}; see {os.path.join(tmp, label + '.png')}"

        # 1. --open.
        check(shown("arg"), "--open: the recording's header and its sent bubble are shown", say("arg"))
        key("Escape")
        check(live("back"), "Escape: back to the live conversation (no header, no sent bubble)", say("back"))

        # 2. Ctrl+O, the path typed, Enter: a HAR file.
        key("ctrl+o")
        time.sleep(0.3)
        key("ctrl+a")
        subprocess.run(["xdotool", "type", "--window", str(wid), har], env=env, check=False)
        key("Return")
        check(shown("ctrl-o"), "Ctrl+O, a HAR file's path typed, Enter: it is shown", say("ctrl-o"))
        key("Escape")
        check(live("back-2"), "Escape: back again", say("back-2"))

        # 3. Dropped.
        problem = source.drop(wid, (file_uri(recording) + "\r\n").encode())
        check(problem is None, "XDND: the transcript dropped", problem or "")
        check(shown("dropped"), "a dropped transcript is shown", say("dropped"))
        key("Escape")
        check(live("back-3"), "Escape: back again", say("back-3"))

        # 4. A file that is neither: a red note, Ponte still running.
        red_before = look("before-picture")[2]
        problem = source.drop(wid, (file_uri(picture) + "\r\n").encode())
        check(problem is None, "XDND: a picture dropped", problem or "")
        check(poll(lambda: look("picture")[2] > red_before + 30), "its note in the open bar is red", say("picture"))
        check(app.poll() is None and look("picture-live")[0] < w * 5, "Ponte still runs, nothing opened",
              say("picture-live"))
        key("Escape")
        check(poll(lambda: look("closed-bar")[2] <= red_before), "Escape closes the open bar", say("closed-bar"))
        # A transcript with no record at all, by Ctrl+O.
        key("ctrl+o")
        time.sleep(0.3)
        key("ctrl+a")
        subprocess.run(["xdotool", "type", "--window", str(wid), no_record], env=env, check=False)
        key("Return")
        check(poll(lambda: look("no-record")[2] > red_before + 30),
              "a transcript without a valid record: the open bar says why, in red", say("no-record"))
        check(app.poll() is None, "Ponte is still running", f"status {app.poll()}")
        sent_before = sum(1 for e in events(transcript) if e.get("event") == "sent")
        key("Escape")
        subprocess.run(["xdotool", "type", "--window", str(wid), "still live"], env=env, check=False)
        key("Return")
        check(poll(lambda: sum(1 for e in events(transcript) if e.get("event") == "sent") > sent_before),
              "the live connection still sends")

        # 5. The end.
        check(sigterm(app, WAIT) == 0, "SIGTERM ends Ponte with status 0", f"status {app.poll()}")
    finally:
        end_session(check, app, xvfb, tmp, source)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, on_sigterm)
    main()
    print(f"opened: {check.passed} passed, {check.failed} failed")
    sys.exit(0 if check.passed and not check.failed else 1)
