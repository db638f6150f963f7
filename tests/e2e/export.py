#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""export: the export bar in the real window under its own Xvfb.

    export.py PATH/TO/ponte

Sends three messages to the built-in echo server, clicks the second sent
bubble and Shift+clicks the third (a range of three messages: sent, its
echo, sent), opens the export bar with Ctrl+S (the selection chosen) and
saves it with Enter as JSON Lines to the default name in $HOME; then, with
the keyboard alone, types other names whose extensions choose HAR and
Markdown; Enter on a file that is there asks first (Replace), a second
Enter writes over it. The files are read back: the JSON Lines records and
the HAR's _webSocketMessages hold the selected messages with the
transcript's times, the Markdown has each message in a fence. Screenshots
go to $PONTE_ARTIFACTS, else to an export-artifacts folder next to the
binary.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from xsession import Checks, die_with_parent, events, find_window, poll, ponte_env, start_xvfb, stop

PONTE = os.path.abspath(sys.argv[1])
SENT_BG = (0x1D, 0x4E, 0xD8)
MESSAGES = ["first message", '{"n":2,"list":[1,2]}', "third one"]


def xdo(env, *args):
    subprocess.run(["xdotool", *args], env=env, check=True, timeout=15)


def shot(env, path):
    subprocess.run(["import", "-window", "root", path], env=env, check=True, timeout=15)


def sent_bubbles(path):
    """(top, bottom, middle x) of each sent bubble on screen, top to bottom:
    rows whose longest run of the sent blue starts in the right half (the
    focused message box's border is that blue too, from the left), rows
    less than 16 apart joined (the text's rows break the runs)."""
    from PIL import Image
    img = Image.open(path).convert("RGB")
    w, h = img.size
    px = img.load()
    rows = []
    for y in range(h):
        run = best = best_start = 0
        for x in range(w):
            run = run + 1 if px[x, y] == SENT_BG else 0
            if run > best:
                best, best_start = run, x - run + 1
        if best >= 40 and best_start > w // 2:
            rows.append((y, best_start + best // 2))
    found = []
    for y, mid in rows:
        if found and y - found[-1][1] < 16:
            found[-1][1] = y
        else:
            found.append([y, y, mid])
    return [tuple(f) for f in found]


def main():
    check = Checks()
    artifacts = os.environ.get("PONTE_ARTIFACTS") or os.path.join(os.path.dirname(PONTE), "export-artifacts")
    os.makedirs(artifacts, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="ponte-export-")
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    transcript = os.path.join(tmp, "t.jsonl")
    xvfb, display = start_xvfb("export")
    app = None
    try:
        env = ponte_env(display, tmp)
        env["HOME"] = home
        child = dict(env)
        # As in e2e.py: under AddressSanitizer (tests/run), Mesa's GL driver
        # stays mapped so LeakSanitizer can tell its leaks from Ponte's.
        if os.environ.get("PONTE_E2E_PRELOAD"):
            child["LD_PRELOAD"] = os.environ["PONTE_E2E_PRELOAD"]
        app_log = open(os.path.join(artifacts, "export-ponte.log"), "wb")
        app = subprocess.Popen([PONTE, "--local-echo", "--transcript", transcript], env=child,
                               stdout=app_log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        if not check(poll(lambda: find_window(env)) is not None, "the window opens"):
            return 1
        if not check(poll(lambda: any(e["event"] == "connected" for e in events(transcript))) is not None,
                     "connected to the built-in echo server"):
            return 1
        for m in MESSAGES:
            xdo(env, "type", "--delay", "5", m)
            xdo(env, "key", "Return")
            time.sleep(0.2)
        received = lambda: [e for e in events(transcript) if e["event"] == "received"]
        check(poll(lambda: len(received()) == 3) is not None, "three echoes came back")
        time.sleep(0.5)
        before = os.path.join(artifacts, "export-1-conversation.png")
        shot(env, before)
        bubbles = sent_bubbles(before)
        if not check(len(bubbles) >= 2, "the last two sent bubbles on screen", f"{bubbles}"):
            return 1
        second, third = bubbles[-2], bubbles[-1]
        # A click on the second sent message, Shift+click on the third.
        xdo(env, "mousemove", str(second[2]), str((second[0] + second[1]) // 2), "click", "1")
        time.sleep(0.2)
        xdo(env, "keydown", "shift", "mousemove", str(third[2]), str((third[0] + third[1]) // 2), "click", "1",
            "keyup", "shift")
        time.sleep(0.3)
        shot(env, os.path.join(artifacts, "export-2-range.png"))

        # Ctrl+S: the selection is chosen, the default name is in the field.
        xdo(env, "key", "ctrl+s")
        time.sleep(0.3)
        xdo(env, "key", "Return")
        jsonl = poll(lambda: glob.glob(os.path.join(home, "ponte-*.jsonl")), 5)
        shot(env, os.path.join(artifacts, "export-3-saved.png"))
        if check(jsonl is not None, "Ctrl+S, Enter: a .jsonl file in the home folder", f"{os.listdir(home)}"):
            with open(jsonl[0], encoding="utf-8") as f:
                records = [json.loads(line) for line in f]
            check([(r["event"], r.get("text")) for r in records] ==
                  [("sent", MESSAGES[1]), ("received", MESSAGES[1]), ("sent", MESSAGES[2])],
                  "the JSON Lines hold the three selected messages", f"{records}")
            echoes = [e for e in events(transcript) if e["event"] == "received"]
            # (A sent message keeps the time it was typed; the echo, the one it came.)
            check(records[1]["ts"] == echoes[1]["ts"], "with the time the transcript has",
                  f"{records[1]['ts']} against {echoes[1]['ts']}")

        def save_as(name):
            xdo(env, "key", "ctrl+a")
            xdo(env, "type", "--delay", "5", "~/" + name)
            xdo(env, "key", "Return")
            return poll(lambda: os.path.exists(os.path.join(home, name)), 5)

        # HAR, chosen by the name's extension.
        if check(save_as("out.har"), "~/out.har: written"):
            with open(os.path.join(home, "out.har"), encoding="utf-8") as f:
                har = json.load(f)
            log_ = har["log"]
            entries = log_["entries"]
            ws = [m for e in entries for m in e["_webSocketMessages"]]
            check(log_["version"] == "1.2" and log_["creator"]["name"] == "Ponte", "a HAR 1.2 log by Ponte")
            check(len(entries) == 1 and entries[0]["_resourceType"] == "websocket" and
                  entries[0]["response"]["status"] == 101 and entries[0]["request"]["url"].startswith("ws://127.0.0.1:"),
                  "one WebSocket entry with its request URL", f"{entries[0]['request']}")
            check([(m["type"], m["opcode"], m["data"]) for m in ws] ==
                  [("send", 1, MESSAGES[1]), ("receive", 1, MESSAGES[1]), ("send", 1, MESSAGES[2])],
                  "its _webSocketMessages are the selected ones", f"{ws}")
            check(all(isinstance(m["time"], float) and m["time"] > 1.7e9 for m in ws), "with epoch times")

        # Markdown.
        if check(save_as("out.md"), "~/out.md: written"):
            with open(os.path.join(home, "out.md"), encoding="utf-8") as f:
                md = f.read()
            check(md.startswith("# Conversation with ws://127.0.0.1:"), "the Markdown's title names the URL",
                  md[:80])
            check("```json\n{\n  \"n\": 2," in md and "```\nthird one\n```" in md and "first message" not in md,
                  "the Markdown has the selected messages, JSON pretty", md)
            check(md.count("### ") == 3, "a section per message", md)

        # The same name again: asked first, then written over.
        md_path = os.path.join(home, "out.md")
        os.utime(md_path, (1000, 1000))
        xdo(env, "key", "Return")
        time.sleep(0.5)
        shot(env, os.path.join(artifacts, "export-4-replace.png"))
        check(os.path.getmtime(md_path) == 1000, "Enter on a file that is there does not write over it")
        xdo(env, "key", "Return")
        check(poll(lambda: os.path.getmtime(md_path) != 1000, 5) is not None, "a second Enter (Replace) does")
        check(not glob.glob(os.path.join(home, "*.new")), "no temporary file is left")
        shot(env, os.path.join(artifacts, "export-5-replaced.png"))

        # Escape closes the bar; then SIGTERM ends Ponte cleanly (under
        # AddressSanitizer: with nothing reported).
        xdo(env, "key", "Escape")
        time.sleep(0.2)
        status = stop(app)
        app = None
        with open(os.path.join(artifacts, "export-ponte.log"), encoding="utf-8", errors="replace") as f:
            log = f.read()
        check(status == 0, "Ponte ends with status 0 on SIGTERM", f"{status}: {log[-2000:]}")
    finally:
        stop(app)
        stop(xvfb)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"export: {check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
