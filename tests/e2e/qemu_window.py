#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""qemu_window: the window of an arm64 Ponte installed in a chroot, run under
qemu-user, on this machine's Xvfb (tests/package/arm64.sh bind-mounts /tmp/.X11-unix
into the chroot):

- `QEMU /usr/bin/ponte --local-echo --demo FILE --demo-interval 1` in the
  chroot: the demo line is sent and comes back (the transcript);
- a screenshot of the screen (ImageMagick's import) is not blank and shows a
  sent bubble and a received bubble;
- SIGTERM: exit status 0, the connection closed with 1000.

    qemu_window.py ROOT QEMU SCREENSHOT.png
"""
import os
import shutil
import subprocess
import sys
import time

from PIL import Image

from xsession import Checks, bubble_rows, die_with_parent, events, poll, sigterm, start_xvfb

ROOT, QEMU, SHOT = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
SENT_BG = (0x1D, 0x4E, 0xD8)
RECEIVED_BG = (0xFF, 0xFF, 0xFF)
DEMO_LINE = "arm64 under qemu"
# Emulated, with Mesa's software GL: start-up takes seconds, not milliseconds.
WAIT = 90.0
check = Checks()


def main():
    xvfb, display = start_xvfb("qemu_window")
    inside = "/tmp/ponte-qemu"
    here = ROOT + inside
    shutil.rmtree(here, ignore_errors=True)
    os.makedirs(here + "/home")
    with open(here + "/demo.txt", "w") as f:
        f.write(DEMO_LINE + "\n")
    transcript = here + "/t.jsonl"
    log = open(here + "/ponte.log", "w+b")
    command = ["chroot", ROOT, "/usr/bin/env", "-i", "PATH=/usr/bin:/bin", f"HOME={inside}/home",
               "LANG=C.UTF-8", f"DISPLAY={display}", f"XDG_STATE_HOME={inside}/home/state",
               f"XDG_CONFIG_HOME={inside}/home/config", QEMU, "/usr/bin/ponte", "--local-echo",
               "--demo", f"{inside}/demo.txt", "--demo-interval", "1", "--transcript", f"{inside}/t.jsonl"]
    started = time.monotonic()
    # (chroot and env exec, so this is qemu's pid.)
    app = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
    env = dict(os.environ, DISPLAY=display)
    try:
        echoed = poll(lambda: app.poll() is None and any(
            e.get("event") == "received" and e.get("text") == DEMO_LINE for e in events(transcript)), WAIT)
        check(echoed, "under qemu, the demo line was sent and came back from the built-in echo server",
              f"status {app.poll()}, transcript {events(transcript)[-4:]}")
        print(f"# window up and echoing after {time.monotonic() - started:.1f} s", flush=True)
        if echoed:
            # The frame with the bubbles may still be on its way.
            time.sleep(2.0)
            shot = subprocess.run(["import", "-window", "root", SHOT], env=env, capture_output=True, text=True,
                                  timeout=30)
            if check(shot.returncode == 0, "import took a screenshot", shot.stderr.strip()):
                print(f"# screenshot: {SHOT}", flush=True)
                img = Image.open(SHOT).convert("RGB")
                colours = img.getcolors(1 << 16) or []
                check(len(colours) > 10, "the screenshot is not blank", f"{len(colours)} colours")
                check(bubble_rows(img, SENT_BG, 60) >= 15, "it shows a sent bubble",
                      "no blue run 60 px wide in 15 rows")
                check(bubble_rows(img, RECEIVED_BG, 60) >= 15, "it shows a received bubble",
                      "no white run 60 px wide in 15 rows")
        status = sigterm(app, 30)
        check(status == 0, "SIGTERM: ponte exited with status 0", f"status {status}")
        closes = [e for e in events(transcript) if e.get("event") == "closed"]
        check(closes and closes[-1].get("code") == 1000, "it closed the connection with 1000", repr(closes[-1:]))
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        xvfb.kill()
        xvfb.wait()
        log.seek(0)
        said = log.read().decode(errors="replace")
        log.close()
        if check.failed:
            print("# ponte said:\n# " + said[-3000:].replace("\n", "\n# "))


main()
# (Not the "N passed, N failed" line of a test runner: this runs inside a stage.)
print(f"qemu_window: {check.passed} of {check.passed + check.failed} checks passed")
sys.exit(1 if check.failed else 0)
