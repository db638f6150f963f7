# SPDX-License-Identifier: MIT
"""xsession: what the tests that drive a real window under their own Xvfb
share (e2e.py, kiosk.py, dnd.py, the idle and start-up benchmarks, and
cage_kiosk.py and qemu_window.py for the rest): the X server, Ponte's
environment, ending a child, checks, polling, Ponte's transcript, its
window, and bubbles in a screenshot."""
import ctypes
import json
import os
import select
import shutil
import signal
import subprocess
import time


class Checks:
    """check(ok, what, detail): an "ok - what" or "FAIL - what: detail"
    line, counted in check.passed and check.failed; returns ok."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def __call__(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"ok - {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL - {what}" + (f": {detail}" if detail else ""), flush=True)
        return ok


def die_with_parent():
    """In a child before exec: if the test is killed outright, the child
    gets SIGTERM, so no Xvfb or Ponte is left behind."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def stop(process, grace=5.0):
    """Ends a child that may still be running: SIGTERM, then SIGKILL after
    grace seconds. Returns its exit status (None for no process)."""
    if process is None:
        return None
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()


def sigterm(process, timeout):
    """Sends SIGTERM (as a service manager or a person's kill would) and
    waits up to timeout seconds: the exit status, or None when it did not
    end by then."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        return None


def ponte_env(display, tmp):
    """The environment Ponte runs in under test: none of the caller's
    PONTE_* settings but PONTE_DATADIR (where its fonts are), the C.UTF-8
    locale, and its state, data and configuration folders under tmp."""
    env = {n: v for n, v in os.environ.items() if not n.startswith("PONTE_") or n == "PONTE_DATADIR"}
    env.update(DISPLAY=display, LANG="C.UTF-8", XDG_STATE_HOME=os.path.join(tmp, "state"),
               XDG_DATA_HOME=os.path.join(tmp, "data"), XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_CONFIG_DIRS=os.path.join(tmp, "config"))
    return env


def start_xvfb(who, timeout=10.0, reset=False):
    """An Xvfb of its own (1280x800, no window manager) on a display it picks
    (-displayfd); returns the process and the display's name. who names the
    test in the error when it does not start. With reset, the server resets
    each time its last client leaves, as Xvfb does by default (the
    benchmarks measure under that)."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"] + ([] if reset else ["-noreset"]), pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)
    os.close(write_fd)
    text = b""
    deadline = time.monotonic() + timeout
    while not text.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_fd], [], [], 1)
        if ready:
            chunk = os.read(read_fd, 64)
            if not chunk:
                break
            text += chunk
    os.close(read_fd)
    if not text.endswith(b"\n"):
        xvfb.kill()
        raise SystemExit(f"{who}: Xvfb did not start")
    return xvfb, ":" + text.decode().strip()


def end_session(check, app, xvfb, tmp, client=None):
    """A test's end, whatever happened: the test's own X client closed,
    Ponte killed if still running (what it said printed when a check
    failed), the X server stopped, tmp removed when every check passed
    (else kept and named)."""
    if client:
        client.close()
    if app:
        if app.poll() is None:
            app.kill()
        out = app.communicate()[0].decode(errors="replace")
        if check.failed and out.strip():
            print("# ponte said: " + out.strip().replace("\n", "\n# "))
    xvfb.terminate()
    xvfb.wait()
    if not check.failed:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(f"# files kept in {tmp}")


def poll(fn, timeout=10.0):
    """fn's first true value within timeout seconds, or None."""
    deadline = time.monotonic() + timeout
    while True:
        value = fn()
        if value or time.monotonic() >= deadline:
            return value or None
        time.sleep(0.05)


def events(path):
    """The transcript's events so far (a line still being written is left
    for the next look)."""
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.endswith("\n") and line.strip():
                    out.append(json.loads(line))
    except FileNotFoundError:
        pass
    return out


def find_window(env):
    """Ponte's window on env's display, or None."""
    p = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Ponte$"], env=env,
                       capture_output=True, text=True)
    ids = p.stdout.split()
    return int(ids[0]) if ids else None


def bubble_rows(img, rgb, min_width):
    """Rows of a PIL image holding a run of at least min_width pixels of rgb
    (a bubble of that colour is that many rows high)."""
    width, height = img.size
    px = img.load()
    rows = 0
    for y in range(height):
        run = best = 0
        for x in range(width):
            run = run + 1 if px[x, y] == rgb else 0
            best = max(best, run)
        if best >= min_width:
            rows += 1
    return rows
