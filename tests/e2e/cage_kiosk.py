#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""cage_kiosk: the README's kiosk line on Wayland, as a kiosk board runs it:
packaging/systemd/cage-kiosk.sh starts Debian's cage (wlroots' headless
backend, no input devices) with `ponte --kiosk --local-echo --demo FILE`, and
SDL draws on Wayland:

- the demo file's line goes out and comes back from the built-in echo server
  (the transcript);
- a screenshot taken with Debian's grim shows the fullscreen window: the whole
  1280x720 output is Ponte's (its corners and edges are not black), with a
  sent bubble and a received bubble in it;
- SIGTERM to the script reaches Ponte alone (cage 0.1.4 aborts on its own
  SIGTERM): Ponte closes with 1000, cage ends with it, the script exits 0.

cage refuses to run as root: as root, the script runs as nobody (setpriv-like,
in the child before exec), on copies of Ponte and its fonts in a temporary
folder that nobody can read, with its own XDG_RUNTIME_DIR.

The screenshot: cage 0.1.4 hands a fullscreen client's buffer to the output
directly (direct scan-out). grim's capture makes it composite one frame, and
wlroots 0.15 paints that frame into a buffer last painted before the scan-out
began, counting only the damage of the frames since as if the buffer had seen
them: the capture shows that old buffer (black, for a window that was
fullscreen from its first frame), though the screen itself was right. So the
test turns the output by 180 degrees (CAGE_OPTIONS="-r -r"), which rules the
scan-out out (the buffer's transform is not the output's); grim turns the
picture back. cage 0.1.5 dropped -r, and cage 0.2 (Debian 13) composites with
wlroots' scene, whose damage tracking knows about scan-out: there the output
is left as it is.

    cage_kiosk.py PATH/TO/ponte PATH/TO/cage-kiosk.sh FONT_DIR
"""
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from PIL import Image

from xsession import Checks, bubble_rows, die_with_parent, events, poll, sigterm

PONTE = os.path.abspath(sys.argv[1])
SCRIPT = os.path.abspath(sys.argv[2])
FONTS = os.path.abspath(sys.argv[3])
NOBODY = 65534
SENT_BG = (0x1D, 0x4E, 0xD8)
RECEIVED_BG = (0xFF, 0xFF, 0xFF)
CONVERSATION_BG = (0xF1, 0xF5, 0xF9)
DEMO_LINE = "kiosk line on Wayland"
check = Checks()


def as_user():
    """In the child before exec: nobody when the test runs as root."""
    if os.getuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    # (After the change of user, which clears it.)
    die_with_parent()


def give(path):
    if os.getuid() == 0:
        os.chown(path, NOBODY, NOBODY)


def missing_tools():
    need = {"cage": "cage", "grim": "grim", "Xwayland": "xwayland", "pkill": "procps"}
    # (cage 0.1.4 will not start without Xwayland.)
    return [f"{tool} (apt-get install {package})" for tool, package in need.items() if not shutil.which(tool)]


def cage_version():
    """(0, 1, 4) from `cage -v`: "Cage version 0.1.4"."""
    p = subprocess.run(["cage", "-v"], capture_output=True, text=True)
    words = (p.stdout + p.stderr).split()
    try:
        return tuple(int(n) for n in words[words.index("version") + 1].split(".")[:3])
    except (ValueError, IndexError):
        return (0, 0, 0)


def look(path):
    """What the screenshot shows, as (ok, detail) per claim."""
    img = Image.open(path).convert("RGB")
    width, height = img.size
    px = img.load()
    black = sum(1 for p in img.getdata() if p == (0, 0, 0))
    edges = [px[x, y] for x in range(0, width, 16) for y in (0, height - 1)] + \
            [px[x, y] for y in range(0, height, 16) for x in (0, width - 1)]
    return {
        "the screenshot is the whole 1280x720 output": ((width, height) == (1280, 720), f"{width}x{height}"),
        "it is not black (under 1% black pixels)": (black < width * height // 100, f"{black} black pixels"),
        "the window reaches every edge of the output": (all(p != (0, 0, 0) for p in edges),
                                                        f"{sum(1 for p in edges if p == (0, 0, 0))} black edge pixels"),
        "the conversation's background is there": (sum(1 for p in img.getdata() if p == CONVERSATION_BG) > width * height // 10,
                                                   "little of it"),
        "a sent bubble is there": (bubble_rows(img, SENT_BG, 100) >= 20, "no blue bubble 100 px wide, 20 rows high"),
        "a received bubble is there": (bubble_rows(img, RECEIVED_BG, 150) >= 20, "no white bubble"),
    }


def main():
    missing = missing_tools()
    if missing:
        check(False, "cage, grim and Xwayland are installed", ", ".join(missing))
        return
    tmp = tempfile.mkdtemp(prefix="ponte-cage-")
    os.chmod(tmp, 0o755)
    # Copies nobody can read, wherever the build folder is.
    for d in ("bin", "real", "fonts", "home", "run", "config", "state"):
        os.mkdir(os.path.join(tmp, d), 0o700 if d == "run" else 0o755)
    shutil.copy2(PONTE, os.path.join(tmp, "real", "ponte"))
    for f in glob.glob(os.path.join(FONTS, "*.ttf")):
        shutil.copy2(f, os.path.join(tmp, "fonts"))
    preload = os.environ.get("PONTE_E2E_PRELOAD", "")
    # As in e2e.py: under AddressSanitizer, Mesa's GL driver stays mapped for
    # LeakSanitizer (tests/lsan.supp); for Ponte only, not for cage. On
    # Wayland, Mesa's EGL library too: unloaded at exit, the memory it still
    # holds would show as leaks of an unknown module.
    if preload:
        preload = " ".join([preload] + glob.glob("/usr/lib/*/libEGL_mesa.so.0"))
    # cage 0.1.4 does not tell its client's exit status: this wrapper, the
    # process named ponte that cage starts and the script signals, passes the
    # signal on and writes the status down.
    status_file = os.path.join(tmp, "home", "ponte-status")
    with open(os.path.join(tmp, "bin", "ponte"), "w") as f:
        f.write("#!/bin/sh\n"
                "trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT HUP\n")
        if preload:
            f.write(f"export LD_PRELOAD='{preload}'\n")
        f.write(f"'{tmp}/real/ponte' \"$@\" &\n"
                "child=$!\n"
                "while :; do\n"
                "    wait \"$child\"\n"
                "    status=$?\n"
                "    kill -0 \"$child\" 2>/dev/null || break\n"
                "done\n"
                f"echo \"$status\" >'{status_file}'\n"
                "exit \"$status\"\n")
    os.chmod(os.path.join(tmp, "bin", "ponte"), 0o755)
    with open(os.path.join(tmp, "home", "ponte-demo.txt"), "w") as f:
        f.write(DEMO_LINE + "\n")
    transcript = os.path.join(tmp, "home", "t.jsonl")
    for root, dirs, files in os.walk(tmp):
        for name in dirs + files:
            give(os.path.join(root, name))
    give(tmp)
    run = os.path.join(tmp, "run")
    env = {
        "PATH": os.path.join(tmp, "bin") + ":/usr/local/bin:/usr/bin:/bin",
        "HOME": os.path.join(tmp, "home"),
        "XDG_RUNTIME_DIR": run,
        "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
        "XDG_CONFIG_DIRS": os.path.join(tmp, "config"),
        "XDG_STATE_HOME": os.path.join(tmp, "state"),
        "LANG": "C.UTF-8",
        "PONTE_DATADIR": os.path.join(tmp, "fonts"),
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "SDL_VIDEODRIVER": "wayland",
        "CAGE_OPTIONS": "-r -r" if cage_version() < (0, 1, 5) else "",
    }
    for name in ("ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"):
        if name in os.environ:
            env[name] = os.environ[name]
    # LeakSanitizer's suppressions, where nobody can read them, and one more:
    # SDL 2.26's Wayland driver leaves a display's mode list (768 bytes: 32
    # SDL_DisplayMode) and an 18-byte string at SDL_Quit, allocated inside
    # libSDL2 (no Ponte frame above them); the X11 runs of e2e, kiosk and dnd
    # check Ponte's own SDL objects with no such line.
    if "suppressions=" in env.get("LSAN_OPTIONS", ""):
        options = []
        for option in env["LSAN_OPTIONS"].split(":"):
            if option.startswith("suppressions="):
                copy = os.path.join(tmp, "lsan.supp")
                shutil.copyfile(option.split("=", 1)[1], copy)
                with open(copy, "a") as f:
                    f.write("leak:libSDL2-2.0.so\n")
                os.chmod(copy, 0o644)
                option = "suppressions=" + copy
            options.append(option)
        env["LSAN_OPTIONS"] = ":".join(options)
    log = open(os.path.join(tmp, "cage.log"), "w+b")
    started = time.monotonic()
    # (A session of its own: if it has to be killed, cage and Ponte go with it.)
    script = subprocess.Popen(["/bin/sh", SCRIPT, "--transcript", transcript, "--demo-interval", "1"],
                              env=env, cwd=env["HOME"], stdout=log, stderr=subprocess.STDOUT, preexec_fn=as_user,
                              start_new_session=True)
    try:
        socket = poll(lambda: os.path.exists(os.path.join(run, "wayland-0")), 10)
        check(socket, "cage made its Wayland display", "no wayland-0 in XDG_RUNTIME_DIR")
        echoed = poll(lambda: any(e.get("event") == "received" and e.get("text") == DEMO_LINE
                                  for e in events(transcript)), 15)
        check(echoed, "the demo line was sent and came back from the built-in echo server",
              repr(events(transcript)[-5:]))
        print(f"# window up and echoing after {time.monotonic() - started:.1f} s "
              f"(cage {'.'.join(map(str, cage_version()))}, CAGE_OPTIONS={env['CAGE_OPTIONS']!r})")
        shot = os.path.join(tmp, "cage-kiosk.png")
        claims = {}
        if socket:
            # The first frames after the echo may still be on their way.
            time.sleep(1.0)
            grim = subprocess.run(["grim", shot], env=dict(env, WAYLAND_DISPLAY="wayland-0"),
                                  capture_output=True, text=True, timeout=20, preexec_fn=as_user)
            if check(grim.returncode == 0 and os.path.exists(shot), "grim took a screenshot",
                     grim.stderr.strip()):
                claims = look(shot)
                kept = os.path.join(os.getcwd(), "cage-kiosk.png")
                shutil.copyfile(shot, kept)
                print(f"# screenshot: {kept}")
        for what, (ok, detail) in claims.items():
            check(ok, what, detail)
        status = sigterm(script, 15)
        check(status == 0, "SIGTERM: the script (and cage) exited with status 0", f"status {status}")
        try:
            with open(status_file) as f:
                ponte_status = f.read().strip()
        except OSError as e:
            ponte_status = str(e)
        check(ponte_status == "0", "Ponte exited with status 0", ponte_status)
        closes = [e for e in events(transcript) if e.get("event") == "closed"]
        check(closes and closes[-1].get("code") == 1000 and closes[-1].get("by") == "client",
              "Ponte closed the connection with 1000", repr(closes[-1:]))
    finally:
        if script.poll() is None:
            os.killpg(script.pid, signal.SIGKILL)
            script.wait()
        log.seek(0)
        said = log.read().decode(errors="replace")
        log.close()
        check("Assertion" not in said and "Aborted" not in said, "cage did not abort", said[-1500:])
        if check.failed:
            print("# cage and Ponte said:\n# " + said[-3000:].replace("\n", "\n# "))
            print(f"# kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


main()
print(f"{check.passed} passed, {check.failed} failed")
sys.exit(1 if check.failed else 0)
