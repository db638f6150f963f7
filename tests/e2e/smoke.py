#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Smoke test of a ponte binary as it was installed: does it start, find its
font, talk, and stop?

Usage: /usr/bin/python3 tests/e2e/smoke.py PONTE [--font-dir DIR] [--unset NAME]...

Starts its own Xvfb, runs `PONTE --local-echo --transcript T`, waits for the
window and the connection, types a message and presses Return, checks that
the transcript has it sent and received, checks (from /proc) that the font
DejaVuSans.ttf was opened from under DIR when --font-dir is given, then
sends SIGTERM and expects exit status 0. --unset removes a variable from
ponte's environment (PONTE_DATADIR, so that `meson devenv` or a test
harness cannot hide where the binary looks by itself). Linux only (/proc);
standard library, Xvfb and xdotool.
"""

import argparse
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

WAIT = 15.0
MESSAGE = "hello from the package smoke test"


class Failure(Exception):
    pass


def wait_for(what, probe, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            print("ok: " + what, flush=True)
            return value
        if time.monotonic() > deadline:
            raise Failure("timed out after %.0f s waiting until %s" % (timeout, what))
        time.sleep(0.05)


def start_xvfb():
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    os.close(write_fd)
    text = b""
    deadline = time.monotonic() + WAIT
    try:
        while not text.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("Xvfb did not report its display")
            ready, _, _ = select.select([read_fd], [], [], left)
            if ready:
                chunk = os.read(read_fd, 64)
                if not chunk:
                    raise Failure("Xvfb exited at start (status %s)" % xvfb.poll())
                text += chunk
    finally:
        os.close(read_fd)
    return xvfb, ":" + text.decode().strip()


def events(path):
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.endswith("\n"):
                    out.append(json.loads(line))
    except FileNotFoundError:
        pass
    return out


def open_fonts(pid):
    """The DejaVuSans.ttf files the process holds open (SDL_ttf keeps them)."""
    found = []
    fd_dir = "/proc/%d/fd" % pid
    try:
        for fd in os.listdir(fd_dir):
            try:
                target = os.readlink(os.path.join(fd_dir, fd))
            except OSError:
                continue
            if os.path.basename(target) == "DejaVuSans.ttf":
                found.append(target)
    except OSError:
        pass
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ponte")
    parser.add_argument("--font-dir")
    parser.add_argument("--unset", action="append", default=[])
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="ponte-smoke-")
    transcript = os.path.join(tmp, "transcript.jsonl")
    log_path = os.path.join(tmp, "ponte.log")
    xvfb = app = None
    try:
        xvfb, display = start_xvfb()
        env = dict(os.environ)
        for name in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "SDL_VIDEODRIVER", "WAYLAND_DISPLAY"] + args.unset:
            env.pop(name, None)
        env.update(DISPLAY=display, LANG="C.UTF-8", XDG_STATE_HOME=os.path.join(tmp, "state"))
        print("# %s on Xvfb %s" % (args.ponte, display), flush=True)
        with open(log_path, "wb") as log:
            app = subprocess.Popen([args.ponte, "--local-echo", "--transcript", transcript],
                                   env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)

        def window():
            if app.poll() is not None:
                raise Failure("ponte exited with status %d before its window opened" % app.returncode)
            p = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Ponte$"],
                               env=env, capture_output=True, timeout=WAIT)
            ids = p.stdout.decode().split()
            return ids[0] if ids else None
        win = wait_for("the window 'Ponte' opens", window)
        subprocess.run(["xdotool", "windowfocus", "--sync", win], env=env, timeout=5,
                       capture_output=True)
        wait_for("the transcript says connected",
                 lambda: any(e.get("event") == "connected" for e in events(transcript)))
        if args.font_dir:
            want = os.path.realpath(args.font_dir)
            fonts = wait_for("DejaVuSans.ttf is open", lambda: open_fonts(app.pid))
            if not all(os.path.realpath(f).startswith(want + os.sep) for f in fonts):
                raise Failure("the font came from %s, not from %s" % (", ".join(fonts), want))
            print("ok: the font came from " + ", ".join(fonts), flush=True)
        subprocess.run(["xdotool", "type", "--window", win, "--delay", "20", MESSAGE],
                       env=env, timeout=WAIT, check=True)
        subprocess.run(["xdotool", "key", "--window", win, "Return"], env=env, timeout=WAIT,
                       check=True)
        wait_for("the message is sent",
                 lambda: any(e.get("event") == "sent" and e.get("text") == MESSAGE
                             for e in events(transcript)))
        wait_for("the message comes back from the built-in echo server",
                 lambda: any(e.get("event") == "received" and e.get("text") == MESSAGE
                             for e in events(transcript)))
        app.send_signal(signal.SIGTERM)
        try:
            status = app.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            raise Failure("ponte did not exit within %.0f s of SIGTERM" % WAIT)
        if status != 0:
            raise Failure("ponte exited with status %d after SIGTERM, not 0" % status)
        print("ok: SIGTERM: ponte exits with status 0", flush=True)
        print("smoke test passed: " + args.ponte, flush=True)
        return 0
    except (Failure, subprocess.SubprocessError, OSError) as e:
        print("FAIL: %s" % e, flush=True)
        try:
            with open(log_path, encoding="utf-8", errors="replace") as f:
                sys.stdout.write("--- ponte's output:\n" + f.read())
        except OSError:
            pass
        return 1
    finally:
        for proc in (app, xvfb):
            if proc and proc.poll() is None:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    sys.exit(main())
