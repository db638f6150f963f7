#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""End-to-end test: the real ponte binary in a real X window.

Usage: /usr/bin/python3 tests/e2e/e2e.py PATH/TO/ponte

Starts its own Xvfb, runs `ponte --local-echo --transcript T` and drives it
with xdotool as a person would: types, presses Return, clicks buttons found
on screen by their colour, closes and reopens the connection, and checks the
results in the JSON Lines transcript and in screenshots. Then, as cases that
each report on their own: selects text in a received bubble with a drag, a
double click and a right click, copies and pastes it into the composer and
sends it; walks the sent history with Up; finds a word with Ctrl+F; zooms
with Ctrl+= and Ctrl+0; writes two lines with Shift+Return; undoes with
Ctrl+Z. Also checks the command-line contract (exit status 2 and usage on
bad arguments, --help).

Screenshots of the key moments go to $PONTE_ARTIFACTS, else to an
e2e-artifacts folder next to the binary. Standard library only (and libX11
through ctypes, to set up the keyboard map).
"""

import ctypes
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from xsession import Checks, die_with_parent, stop

# Layout and colours from src/view.c and src/widgets.c (theme_light).
STATUS_H = 44
BAR_H = 56           # the connection bar, above the status bar
TOP_H = BAR_H + STATUS_H
INPUT_ROW_H = 64
ROW_PAD = 12
LIST_PAD_X = 16

SENT_BG = (0x1D, 0x4E, 0xD8)
PRIMARY_BG = (0x1D, 0x4E, 0xD8)
PRIMARY_HOVER = (0x1E, 0x40, 0xAF)
DISABLED_BG = (0xE2, 0xE8, 0xF0)
DOT_CONNECTED = (0x16, 0xA3, 0x4A)
DOT_DISCONNECTED = (0xDC, 0x26, 0x26)
FAILED_BG = (0xFE, 0xF2, 0xF2)
FAILED_BORDER = (0xDC, 0x26, 0x26)
CONNECT_BG = (0x15, 0x80, 0x3D)
CONNECT_HOVER = (0x16, 0x65, 0x34)
RECEIVED_BG = (0xFF, 0xFF, 0xFF)
BAR_BORDER = (0xCB, 0xD5, 0xE1)       # bars' edges and the received bubble's border
INPUT_FOCUS = (0x1D, 0x4E, 0xD8)
INPUT_BORDER = (0x94, 0xA3, 0xB8)
SELECTION = (0xBF, 0xDB, 0xFE)
MATCH_BG = (0xFD, 0xE0, 0x47)
MATCH_CURRENT_BG = (0xFB, 0x92, 0x3C)
TOAST_BG = (0x0F, 0x17, 0x2A)

WAIT = 10.0          # seconds for any one expected state
POLL = 0.05          # between polls
CMD_TIMEOUT = 15.0   # for any one helper command (xdotool, import)

MESSAGE_1 = "héllo from xdotool"
MESSAGE_2 = "second one, by the Send button ✓"
MESSAGE_3 = "typed while disconnected — çà"
WORDS = "alpha bravo charlie"
AFTER_UNDO = "after undo"


def on_sigterm(signum, frame):
    # meson's timeout sends SIGTERM: unwind, so the finally blocks clean up.
    raise SystemExit("e2e: stopped by signal %d" % signum)


class Failure(Exception):
    """A check failed in a way that the following steps depend on."""


class Run(Checks):
    """Checks, called as run.check(name, ok, detail); run.require stops the
    steps that depend on it."""

    def check(self, name, ok, detail=""):
        return self(ok, name, detail)

    def require(self, name, ok, detail=""):
        if not self.check(name, ok, detail):
            raise Failure(name)


# ---- screenshots ---------------------------------------------------------------------


class Image:
    def __init__(self, width, height, data):
        self.width = width
        self.height = height
        self.data = data  # RGB, 3 bytes a pixel, rows top to bottom

    def pixel(self, x, y):
        i = (y * self.width + x) * 3
        return tuple(self.data[i:i + 3])

    def hits(self, rgb, x0, y0, x1, y1):
        """The pixels (x, y) of exactly colour rgb in [x0, x1) x [y0, y1),
        row by row."""
        target = bytes(rgb)
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(self.width, x1), min(self.height, y1)
        stride = self.width * 3
        for y in range(y0, y1):
            start = y * stride + x0 * 3
            end = y * stride + x1 * 3
            pos = start
            while True:
                i = self.data.find(target, pos, end)
                if i < 0:
                    break
                if (i - start) % 3:
                    pos = i + 1
                    continue
                yield (i - y * stride) // 3, y
                pos = i + 3

    def find(self, rgb, x0, y0, x1, y1):
        """Count and bounding box (x0, y0, x1, y1, exclusive end) of the
        pixels of exactly colour rgb in [x0, x1) x [y0, y1)."""
        count = 0
        box = None
        for x, y in self.hits(rgb, x0, y0, x1, y1):
            count += 1
            if box is None:
                box = [x, y, x + 1, y + 1]
            else:
                box[0] = min(box[0], x)
                box[1] = min(box[1], y)
                box[2] = max(box[2], x + 1)
                box[3] = max(box[3], y + 1)
        return count, box

    def column_counts(self, colours, y0, y1):
        """For each column, how many pixels in rows [y0, y1) have one of
        the colours."""
        counts = [0] * self.width
        for rgb in colours:
            for x, _ in self.hits(rgb, 0, y0, self.width, y1):
                counts[x] += 1
        return counts

    def bubbles(self, fill, border, x0, y0, x1, y1, left_at_most=None):
        """Boxes (x0, y0, x1, y1) of the bubbles in [x0, x1) x [y0, y1), top
        to bottom: bands of rows with enough of the fill colour (starting
        at or left of left_at_most, when given), and some of the border
        colour around them."""
        bands = []
        for y in range(y0, y1):
            count, box = self.find(fill, x0, y, x1, y + 1)
            if count >= 20 and (left_at_most is None or box[0] <= left_at_most):
                if bands and bands[-1][3] == y:
                    band = bands[-1]
                    band[0], band[2], band[3] = min(band[0], box[0]), max(band[2], box[2]), y + 1
                else:
                    bands.append([box[0], y, box[2], y + 1])
        out = []
        for b in bands:
            edge, _ = self.find(border, b[0] - 3, b[1] - 3, b[2] + 3, b[3] + 3)
            if b[3] - b[1] >= 20 and edge >= 40:
                out.append(tuple(b))
        return out


def run_cmd(args, env, timeout=CMD_TIMEOUT, check=True):
    p = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout)
    if check and p.returncode != 0:
        raise Failure("%s exited with %d: %s" % (" ".join(args), p.returncode,
                                                 p.stderr.decode(errors="replace").strip()))
    return p


def grab(env, window):
    """The window's pixels, read with ImageMagick's import as binary PPM."""
    p = run_cmd(["import", "-window", str(window), "-depth", "8", "ppm:-"], env)
    data = p.stdout
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1  # the one whitespace byte after the maximum value
    if fields[0] != b"P6" or fields[3] != b"255":
        raise Failure("import gave an unexpected image header %r" % fields)
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos:pos + width * height * 3]
    if len(pixels) != width * height * 3:
        raise Failure("import gave %d bytes of pixels for %dx%d" % (len(pixels), width, height))
    return Image(width, height, pixels)


def add_keysyms(display, chars):
    """Gives each character of chars that the keyboard map lacks a keycode
    of its own, before anything types or reads keys.

    xdotool types a character missing from the map by binding it to a spare
    keycode, pressing it and binding the keycode back; a client that reads
    the key after the map went back sees nothing, so such characters are
    dropped at random. With every character in the map from the start no
    remapping happens. Keysyms follow xdotool's rule: Latin-1 as is, other
    code points as 0x01000000 + code point."""
    x11 = ctypes.CDLL("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XDisplayKeycodes.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                     ctypes.POINTER(ctypes.c_int)]
    x11.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
    x11.XGetKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int,
                                        ctypes.POINTER(ctypes.c_int)]
    x11.XChangeKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                           ctypes.POINTER(ctypes.c_ulong), ctypes.c_int]
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    dpy = x11.XOpenDisplay(display.encode())
    if not dpy:
        raise Failure("cannot open display %s to set up the keyboard map" % display)
    try:
        low, high = ctypes.c_int(), ctypes.c_int()
        x11.XDisplayKeycodes(dpy, ctypes.byref(low), ctypes.byref(high))
        per = ctypes.c_int()
        count = high.value - low.value + 1
        table = x11.XGetKeyboardMapping(dpy, low.value, count, ctypes.byref(per))
        width = per.value
        present = set()
        spare = []
        for k in range(count):
            syms = [table[k * width + j] for j in range(width)]
            present.update(s for s in syms if s)
            if not any(syms):
                spare.append(low.value + k)
        x11.XFree(table)
        wanted = []
        for ch in sorted(set(chars)):
            code = ord(ch)
            if code < 0x80:
                continue
            keysym = code if code < 0x100 else 0x01000000 + code
            if keysym not in present:
                wanted.append(keysym)
        if len(wanted) > len(spare):
            raise Failure("the keyboard map has %d spare keycodes for %d characters"
                          % (len(spare), len(wanted)))
        for keycode, keysym in zip(reversed(spare), wanted):
            row = (ctypes.c_ulong * width)(*([keysym, keysym] + [0] * (width - 2)))
            x11.XChangeKeyboardMapping(dpy, keycode, width, row, 1)
        x11.XSync(dpy, 0)
    finally:
        x11.XCloseDisplay(dpy)


# ---- the session ---------------------------------------------------------------------


class Session:
    def __init__(self, run, ponte, artifacts):
        self.run = run
        self.ponte = ponte
        self.artifacts = artifacts
        self.tmp = tempfile.mkdtemp(prefix="ponte-e2e-")
        self.transcript = os.path.join(self.tmp, "transcript.jsonl")
        self.xvfb = None
        self.app = None
        self.app_log = None
        self.env = None
        self.window = None
        self.width = self.height = 0
        self.saved = []
        self.previous_grab = None  # for settled_bubble

    # -- processes --

    def start_xvfb(self):
        read_fd, write_fd = os.pipe()
        try:
            self.xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                 "-nolisten", "tcp", "-noreset"],
                pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                preexec_fn=die_with_parent, start_new_session=True)
            os.close(write_fd)
            write_fd = -1
            text = b""
            deadline = time.monotonic() + WAIT
            while not text.endswith(b"\n"):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Failure("Xvfb did not report its display within %.0f s" % WAIT)
                ready, _, _ = select.select([read_fd], [], [], left)
                if not ready:
                    continue
                chunk = os.read(read_fd, 64)
                if not chunk:
                    raise Failure("Xvfb exited before reporting its display (status %s)"
                                  % self.xvfb.poll())
                text += chunk
        finally:
            if write_fd >= 0:
                os.close(write_fd)
            os.close(read_fd)
        display = ":" + text.decode().strip()
        env = dict(os.environ)
        for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "SDL_VIDEODRIVER", "WAYLAND_DISPLAY"):
            env.pop(name, None)
        env["DISPLAY"] = display
        env["LANG"] = "C.UTF-8"
        # The recent URLs go to a fresh directory, not the user's, and no
        # configuration of the person running the tests applies.
        env["XDG_STATE_HOME"] = os.path.join(self.tmp, "state")
        env["XDG_DATA_HOME"] = os.path.join(self.tmp, "data")
        env["XDG_CONFIG_HOME"] = os.path.join(self.tmp, "config")
        env["XDG_CONFIG_DIRS"] = os.path.join(self.tmp, "config")
        for name in [n for n in env if n.startswith("PONTE_") and n not in ("PONTE_DATADIR",)]:
            env.pop(name)
        self.env = env
        print("# Xvfb on display %s" % display, flush=True)
        add_keysyms(display, MESSAGE_1 + MESSAGE_2 + MESSAGE_3)

    def start_ponte(self):
        self.app_log = open(os.path.join(self.tmp, "ponte.log"), "wb")
        env = dict(self.env)
        # tests/run sets this for the AddressSanitizer build: libraries that
        # SDL loads and unloads at run time (Mesa's GL driver) stay mapped,
        # so LeakSanitizer can name them and tests/lsan.supp can tell their
        # leaks from Ponte's. Only Ponte gets it, not this script.
        preload = os.environ.get("PONTE_E2E_PRELOAD")
        if preload:
            env["LD_PRELOAD"] = preload
        self.app = subprocess.Popen(
            [self.ponte, "--local-echo", "--transcript", self.transcript],
            env=env, stdout=self.app_log, stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent, start_new_session=True)

    def cleanup(self):
        stop(self.app)
        if self.app_log:
            self.app_log.close()
        stop(self.xvfb)
        if os.path.exists(self.transcript):
            path = os.path.join(self.artifacts, "transcript.jsonl")
            try:
                shutil.copyfile(self.transcript, path)
                self.saved.append(path)
            except OSError as e:
                print("# could not keep the transcript: %s" % e, flush=True)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def ponte_output(self):
        try:
            with open(os.path.join(self.tmp, "ponte.log"), "rb") as f:
                return f.read().decode(errors="replace")
        except OSError:
            return ""

    # -- the transcript --

    def events(self):
        """Every complete line of the transcript, parsed."""
        try:
            with open(self.transcript, "rb") as f:
                raw = f.read()
        except FileNotFoundError:
            return []
        out = []
        for line in raw.split(b"\n")[:-1]:  # the last piece may be unfinished
            try:
                out.append(json.loads(line.decode("utf-8")))
            except ValueError as e:
                raise Failure("transcript line is not JSON (%s): %r" % (e, line))
        return out

    def dump_transcript(self):
        print("# transcript %s:" % self.transcript)
        try:
            with open(self.transcript, "rb") as f:
                for line in f.read().decode(errors="replace").splitlines():
                    print("#   " + line)
        except OSError as e:
            print("#   (cannot read: %s)" % e)
        out = self.ponte_output().strip()
        if out:
            print("# ponte said:")
            for line in out.splitlines():
                print("#   " + line)

    # -- waiting --

    def wait_for(self, name, probe, timeout=WAIT, required=True):
        """Polls probe() until it returns something other than None/False;
        records a check named name and returns that value. When it does
        not come, a required check stops the steps that depend on it, any
        other is recorded as failed and gives None."""
        deadline = time.monotonic() + timeout
        last_error = None
        while True:
            if self.app and self.app.poll() is not None:
                self.run.require(name, False, "ponte exited with status %d" % self.app.returncode)
            try:
                value = probe()
            except Failure as e:
                value, last_error = None, str(e)
            if value is not None and value is not False:
                self.run.check(name, True)
                return value
            if time.monotonic() >= deadline:
                detail = "not within %.0f s" % timeout
                if last_error:
                    detail += " (last error: %s)" % last_error
                if not required:
                    self.run.check(name, False, detail)
                    return None
                self.run.require(name, False, detail)
            time.sleep(POLL)

    def wait_event(self, name, match, after=0):
        """Waits for a transcript line at index >= after for which
        match(event) is true; returns its index."""
        def probe():
            for i, e in enumerate(self.events()):
                if i >= after and match(e):
                    return i
            return None
        return self.wait_for(name, probe)

    def wait_echo(self, sent_name, received_name, text, after):
        """Waits for text to be sent, then for it to come back, both at
        index >= after; returns the two indexes."""
        sent = self.wait_event(sent_name, lambda e: e.get("event") == "sent" and e.get("text") == text, after)
        received = self.wait_event(received_name,
                                   lambda e: e.get("event") == "received" and e.get("text") == text, after)
        return sent, received

    # -- the window --

    def find_window(self):
        def probe():
            p = run_cmd(["xdotool", "search", "--onlyvisible", "--name", "^Ponte$"],
                        self.env, check=False)
            ids = p.stdout.decode().split()
            return int(ids[0]) if ids else None
        self.window = self.wait_for("the window 'Ponte' appears", probe)
        p = run_cmd(["xdotool", "getwindowgeometry", "--shell", str(self.window)], self.env)
        geometry = dict(line.split("=", 1) for line in p.stdout.decode().split() if "=" in line)
        self.width, self.height = int(geometry["WIDTH"]), int(geometry["HEIGHT"])
        print("# window %d, %dx%d" % (self.window, self.width, self.height), flush=True)
        # With no window manager, nobody gives the window the keyboard focus.
        run_cmd(["xdotool", "windowfocus", "--sync", str(self.window)], self.env, check=False,
                timeout=5)

    def grab(self):
        return grab(self.env, self.window)

    def save(self, name, timeout=CMD_TIMEOUT):
        path = os.path.join(self.artifacts, name)
        try:
            run_cmd(["import", "-window", str(self.window), path], self.env, timeout=timeout)
            self.saved.append(path)
            print("# screenshot " + path, flush=True)
        except (Failure, subprocess.TimeoutExpired, OSError) as e:
            print("# could not save %s: %s" % (path, e), flush=True)

    def type_text(self, text):
        run_cmd(["xdotool", "type", "--window", str(self.window), "--delay", "20", text],
                self.env, timeout=CMD_TIMEOUT + len(text) * 0.1)

    def key(self, *keys):
        run_cmd(["xdotool", "key", "--window", str(self.window)] + list(keys), self.env)

    def click(self, x, y, button=1, repeat=1):
        self.move(x, y)
        args = ["xdotool", "click"]
        if repeat > 1:
            args += ["--repeat", str(repeat), "--delay", "80"]
        run_cmd(args + [str(button)], self.env)

    def move(self, x, y):
        run_cmd(["xdotool", "mousemove", "--window", str(self.window), str(x), str(y)], self.env)

    def drag(self, name, x0, x1, y, until, held_shot, describe):
        """Presses the left button at (x0, y), moves to (x1, y) with the
        button held, and releases. Checks that the screen shows what the
        drag did, until(screenshot), while the button is still held (saves
        held_shot then, and prints describe(screenshot) when it does not
        show), and requires it after the release; returns until's value
        then. The first move is by 2 px only: a press and the move after it
        may reach the app together, and should still land where the drag
        started."""
        self.move(x0, y)
        run_cmd(["xdotool", "mousedown", "1"], self.env)
        try:
            self.move(x0 + 2, y)
            self.move((x0 + x1) // 2, y)
            self.move(x1, y)
            if self.wait_for(name + ", with the button still held", lambda: until(self.grab()),
                             required=False) is None:
                print("# with the button held at x=%d: %s" % (x1, describe(self.grab())), flush=True)
            self.save(held_shot)
        finally:
            run_cmd(["xdotool", "mouseup", "1"], self.env)
        return self.wait_for(name + ", after the release", lambda: until(self.grab()))

    # -- what is on screen --

    def list_area(self):
        return (0, TOP_H, self.width, self.height - INPUT_ROW_H)

    def send_button(self, img):
        """The Send button's rectangle when it is enabled (blue), else None.
        The focused text box has a 2 px border of the same blue, so look for
        a run of columns that are mostly blue, wider than any border."""
        y0 = img.height - INPUT_ROW_H
        counts = img.column_counts((PRIMARY_BG, PRIMARY_HOVER), y0, img.height)
        best = None
        x = 0
        while x < img.width:
            if counts[x] >= 20:
                start = x
                while x < img.width and counts[x] >= 20:
                    x += 1
                if x - start >= 30 and (best is None or x - start > best[1] - best[0]):
                    best = (start, x)
            else:
                x += 1
        if best is None:
            return None
        _, box = img.find(PRIMARY_BG, best[0], y0, best[1], img.height)
        _, hover_box = img.find(PRIMARY_HOVER, best[0], y0, best[1], img.height)
        boxes = [b for b in (box, hover_box) if b]
        top = min(b[1] for b in boxes)
        bottom = max(b[3] for b in boxes)
        return (best[0], top, best[1], bottom)

    def send_disabled(self, img):
        """True when the Send button shows its disabled grey."""
        y0 = img.height - INPUT_ROW_H
        counts = img.column_counts((DISABLED_BG,), y0, img.height)
        run = longest = 0
        for c in counts:
            run = run + 1 if c >= 20 else 0
            longest = max(longest, run)
        return longest >= 30 and self.send_button(img) is None

    def status_dot(self, img, rgb):
        count, _ = img.find(rgb, 0, BAR_H, 48, TOP_H)
        return count

    def close_control(self):
        """A point inside the rightmost control of the input row."""
        return self.width - ROW_PAD - 30, self.height - INPUT_ROW_H // 2

    def not_sent_bubbles(self, img):
        """Boxes (x0, y0, x1, y1) of the not-sent bubbles on the right half
        of the conversation, top to bottom: bands of rows with enough of
        the bubble's fill, and some of its red border."""
        x0, y0, x1, y1 = self.list_area()
        return img.bubbles(FAILED_BG, FAILED_BORDER, x1 // 2, y0, x1, y1)

    def border_runs(self, img):
        """The full-width lines of the bars' border colour (#CBD5E1), top to
        bottom, each as (first row, last row): the status bar's bottom
        edge, the find bar's when it is open, and the input row's top edge."""
        runs = []
        need = img.width * 9 // 10
        stride = img.width * 3
        probe = bytes(BAR_BORDER) * 8
        for y in range(img.height):
            if probe not in img.data[y * stride:(y + 1) * stride]:
                continue
            count, _ = img.find(BAR_BORDER, 0, y, img.width, y + 1)
            if count < need:
                continue
            if runs and runs[-1][1] == y - 1:
                runs[-1][1] = y
            else:
                runs.append([y, y])
        return [tuple(r) for r in runs]

    def bars(self, img):
        """(height of the connection and status bars, list top, list
        bottom) read from the border lines: the list starts under the
        status bar or the find bar and ends at the input row's top line."""
        runs = self.border_runs(img)
        if len(runs) < 3:
            raise Failure("expected the bars' full-width #CBD5E1 lines, found rows %r" % (runs,))
        return runs[1][1] + 1, runs[-2][1] + 1, runs[-1][0]

    def composer_top(self, img):
        """The top edge of the text box at the bottom left: the first row
        under the input row's top line where the box's border (blue when
        focused, else grey) crosses a column near its left end."""
        _, _, bottom = self.bars(img)
        x = ROW_PAD + 24
        for y in range(bottom + 1, img.height):
            if img.pixel(x, y) in (INPUT_FOCUS, INPUT_BORDER):
                return y
        return None

    def composer_point(self):
        """A point inside the text box while it has one line."""
        return ROW_PAD + 40, self.height - INPUT_ROW_H // 2

    def received_bubbles(self, img):
        """Boxes (x0, y0, x1, y1) of the received bubbles, top to bottom:
        bands of rows whose white fill (#FFFFFF) starts at the left of the
        list, with some of the #CBD5E1 border around them."""
        _, top, bottom = self.bars(img)
        return img.bubbles(RECEIVED_BG, BAR_BORDER, 0, top, img.width, bottom, left_at_most=LIST_PAD_X + 8)

    def text_words(self, img, box):
        """The words of a received bubble's one-line text: (middle row of
        the line, [(left, right) columns of each word, right exclusive]),
        or None when the bubble shows no single text line. The line is found
        by the dark cores of its glyphs (text #0F172A; the label and time
        above it are #475569 and never that dark), the words by gaps of 4
        or more blank columns between inked ones (a space; letters of a word
        are at most a pixel or two apart)."""
        x0, y0, x1, y1 = box[0] + 4, box[1], box[2] - 4, box[3]
        rows = []
        for y in range(y0, y1):
            for x in range(x0, x1):
                r, g, b = img.pixel(x, y)
                if r <= 0x30 and g <= 0x38 and b <= 0x50:
                    rows.append(y)
                    break
        if not rows or rows[-1] - rows[0] > 30:
            return None
        top, bottom = rows[0], rows[-1] + 1
        words = []
        blank = 0
        for x in range(x0, x1):
            if any(sum(img.pixel(x, y)) < 600 for y in range(top, bottom)):
                if words and blank < 4:
                    words[-1][1] = x + 1
                else:
                    words.append([x, x + 1])
                blank = 0
            else:
                blank += 1
        return (top + bottom) // 2, [tuple(w) for w in words]

    def settled_bubble(self, word_count):
        """On a screen that stopped moving (two grabs in a row show the same
        list) and that shows the last message, an echo, under the sent one:
        the lowest received bubble with word_count words, as (box, middle row,
        words); else None. For wait_for."""
        previous = self.previous_grab
        img = self.grab()
        self.previous_grab = img
        _, top, bottom = self.bars(img)
        stride = img.width * 3
        if previous is None or (previous.width, previous.height) != (img.width, img.height) \
                or previous.data[top * stride:bottom * stride] != img.data[top * stride:bottom * stride]:
            return None
        bubbles = self.received_bubbles(img)
        if not bubbles or img.find(SENT_BG, 0, bubbles[-1][3], img.width, bottom)[0]:
            return None  # the echo of the last sent message is not drawn yet
        for box in reversed(bubbles):
            found = self.text_words(img, box)
            if found and len(found[1]) == word_count:
                return box, found[0], found[1]
        return None

    def selection_in(self, img, box):
        """The box of the selection colour (#BFDBFE) in a bubble, or None."""
        _, sel = img.find(SELECTION, box[0], box[1], box[2], box[3])
        return sel

    def toast_shown(self, img):
        """True when the dark 'Copied' toast (#0F172A) shows at the bottom
        middle of the list (bubble text has that colour too, but only in
        thin glyph cores, never this many pixels there)."""
        _, _, bottom = self.bars(img)
        count, _ = img.find(TOAST_BG, img.width // 2 - 150, bottom - 90, img.width // 2 + 150, bottom)
        return count >= 300

    # -- the editing and reading cases --
    #
    # Each case starts connected, with the composer empty and focused, and
    # leaves it so. A case that fails is reported and the next one runs
    # (after the composer and the view are put back); ponte exiting stops
    # them all.

    def run_case(self, name, body):
        print("# case: " + name, flush=True)
        try:
            body()
        except Failure as e:
            print("# case %r stopped at: %s" % (name, e), flush=True)
            if self.app.poll() is not None:
                raise
            self.save("failure-%s.png" % name.split()[0].strip(",.").lower())
            self.key("Escape")   # a find bar that is open
            self.key("ctrl+0")   # the zoom
            self.click(*self.composer_point())
            self.key("ctrl+a", "BackSpace")

    def expect_sent(self, name, text, mark):
        """Waits for the first message sent at or after transcript line
        mark and for its echo; checks that both are exactly text."""
        i = self.wait_event(name + ": a message is sent", lambda e: e.get("event") == "sent", mark)
        sent = self.events()[i].get("text")
        self.run.check(name + ": the sent text is exactly %r" % text, sent == text, "sent %r" % sent)
        j = self.wait_event(name + ": its echo comes back", lambda e: e.get("event") == "received", i)
        received = self.events()[j].get("text")
        self.run.check(name + ": the echo is exactly %r" % text, received == text,
                       "received %r" % received)
        return sent

    def paste_and_send(self, name, text):
        """A click into the composer, Ctrl+V, Return: checks that exactly
        text is sent."""
        self.click(*self.composer_point())
        self.key("ctrl+v")
        self.wait_for(name + ": Ctrl+V in the composer pastes (Send turns blue)",
                      lambda: self.send_button(self.grab()))
        mark = len(self.events())
        self.key("Return")
        self.expect_sent(name + ", pasted and sent", text, mark)

    def case_select_copy_paste(self):
        """Select in a received bubble with the mouse, copy, paste into the
        composer and send: what is sent is what was selected."""
        run = self.run
        words = WORDS.split(" ")
        mark = len(self.events())
        self.type_text(WORDS)
        self.key("Return")
        self.expect_sent("typed %r" % WORDS, WORDS, mark)

        # A drag from the left of the first word to the right of the second.
        self.previous_grab = None
        box, y, at = self.wait_for("the echo %r shows, its three words found on screen" % WORDS,
                                   lambda: self.settled_bubble(3))
        left, right = at[0][0], at[1][1]

        def dragged(img):
            sel = self.selection_in(img, box)
            return sel if sel and sel[0] <= left + 1 and sel[2] >= right - 1 else None
        sel = self.drag("dragging from x=%d to x=%d over %r in the received bubble shows a "
                        "selection (#BFDBFE) from x<=%d to x>=%d" % (left - 1, right, WORDS[:11],
                                                                      left + 1, right - 1),
                        left - 1, right, y, dragged, "07-drag-held.png",
                        lambda img: "selection box %r" % (self.selection_in(img, box),))
        run.check("the selection ends before the third word", sel[2] < at[2][0],
                  "selection %r, words %r" % (sel, at))
        self.save("07-drag-released.png")
        self.key("ctrl+c")
        self.wait_for("Ctrl+C shows the 'Copied' toast", lambda: self.toast_shown(self.grab()))
        self.paste_and_send("the dragged selection", " ".join(words[:2]))

        # A double click on the middle word.
        self.previous_grab = None
        box, y, at = self.wait_for("the bubble %r is found again" % WORDS,
                                   lambda: self.settled_bubble(3))

        def word_selected(img):
            sel = self.selection_in(img, box)
            return sel if sel and at[0][1] <= sel[0] <= at[1][0] + 1 and \
                at[1][1] - 1 <= sel[2] <= at[2][0] else None
        x = (at[1][0] + at[1][1]) // 2
        self.click(x, y, repeat=2)
        # The app draws a selection that a press made on its next frame
        # (the drag above checks that lag); a press and release that reach
        # it together leave no next frame. A hand is never quite still:
        # a 1 px move gives that frame and changes no selection.
        self.move(x + 1, y)
        self.wait_for("a double click on %r selects just that word" % words[1],
                      lambda: word_selected(self.grab()))
        self.save("08-double-click.png")
        self.key("ctrl+c")
        self.paste_and_send("the double-clicked word", words[1])

        # A right click on the bubble copies the whole message.
        self.wait_for("the toast of the last copy goes away",
                      lambda: not self.toast_shown(self.grab()))
        self.previous_grab = None
        box, y, at = self.wait_for("the bubble %r is found again" % WORDS,
                                   lambda: self.settled_bubble(3))
        self.click((at[1][0] + at[1][1]) // 2, y, button=3)
        self.wait_for("a right click on the bubble shows the 'Copied' toast",
                      lambda: self.toast_shown(self.grab()))
        self.save("09-right-click.png")
        self.paste_and_send("the right-clicked message", WORDS)

    def case_history(self):
        """Up in the empty composer brings back the last sent text."""
        last = [e.get("text") for e in self.events() if e.get("event") == "sent"][-1]
        self.wait_for("the composer is empty (Send is disabled)",
                      lambda: self.send_disabled(self.grab()))
        self.key("Up")
        self.wait_for("Up in the empty composer brings a text back (Send turns blue)",
                      lambda: self.send_button(self.grab()))
        mark = len(self.events())
        self.key("Return")
        self.expect_sent("Up, then Return", last, mark)

    def case_find(self):
        """Ctrl+F opens the find bar under the status bar; a word from the
        conversation is highlighted in the list; Escape closes the bar."""
        run = self.run
        img = self.grab()
        status_h, list_top, _ = self.bars(img)
        run.require("before Ctrl+F the list starts under the status bar",
                    list_top == status_h, "status bar %d px, list from row %d" % (status_h, list_top))
        self.key("ctrl+f")
        img = self.wait_for(
            "Ctrl+F opens the find bar: the list now starts 30 px or more lower",
            lambda: (lambda i: i if self.bars(i)[1] >= status_h + 30 else None)(self.grab()))
        list_top = self.bars(img)[1]
        word = WORDS.split(" ")[1]
        self.type_text(word)
        img = self.wait_for(
            "typing %r highlights it in the list (#FDE047)" % word,
            lambda: (lambda i: i if i.find(MATCH_BG, 0, list_top, i.width,
                                           self.bars(i)[2])[0] >= 40 else None)(self.grab()))
        count, _ = img.find(MATCH_BG, 0, 0, img.width, list_top)
        run.check("no highlight above the list (the find bar stays as it is)", count == 0,
                  "%d pixels" % count)
        run.check("the query went into the find bar, not into the composer (Send stays disabled)",
                  self.send_disabled(img))
        self.save("10-find.png")
        self.key("Escape")

        def closed(i):
            _, top, bottom = self.bars(i)
            marks = i.find(MATCH_BG, 0, top, i.width, bottom)[0] + \
                i.find(MATCH_CURRENT_BG, 0, top, i.width, bottom)[0]
            return top == status_h and marks == 0
        self.wait_for("Escape closes the find bar: the list starts under the status bar again, "
                      "no highlights", lambda: closed(self.grab()))

    def case_zoom(self):
        """Ctrl+= makes everything larger, Ctrl+0 brings it back."""
        img = self.grab()
        height = self.bars(img)[0]
        self.run.require("the bars above the list are %d px high" % TOP_H, height == TOP_H,
                         "%d px" % height)
        self.key("ctrl+equal")
        zoomed = self.wait_for("Ctrl+= zooms in: the bars grow",
                               lambda: (lambda h: h if h > TOP_H else None)(
                                   self.bars(self.grab())[0]))
        self.run.check("one step in is about 10%% (bars %d px)" % zoomed,
                       TOP_H * 1.05 <= zoomed <= TOP_H * 1.3, "%d px" % zoomed)
        self.save("11-zoomed.png")
        self.key("ctrl+0")
        self.wait_for("Ctrl+0 resets the zoom: the bars above the list are %d px again" % TOP_H,
                      lambda: self.bars(self.grab())[0] == TOP_H)

    def case_multiline(self):
        """Shift+Return breaks the line: the composer grows, the message
        keeps its line break, the composer shrinks back after sending; Up
        brings the two lines back."""
        run = self.run
        text = "line one\nline two"
        top = self.composer_top(self.grab())
        run.require("the composer's top edge is found", top is not None)
        self.type_text("line one")
        self.key("shift+Return")
        self.type_text("line two")

        def grown(i):
            t = self.composer_top(i)
            return t if t is not None and t <= top - 10 else None
        grown_top = self.wait_for("with two lines the composer grows: its top edge moves up",
                                  lambda: grown(self.grab()))
        print("# composer top: row %d with one line, %d with two" % (top, grown_top), flush=True)
        self.save("12-two-lines.png")
        mark = len(self.events())
        self.key("Return")
        self.expect_sent("Shift+Return between two lines", text, mark)
        self.wait_for("after sending, the composer shrinks back to one line",
                      lambda: self.composer_top(self.grab()) == top)
        self.key("Up")
        self.wait_for("Up brings back the two lines (the composer grows again)",
                      lambda: grown(self.grab()))
        mark = len(self.events())
        self.key("Return")
        self.expect_sent("the two lines, from the history", text, mark)
        self.wait_for("the composer is one line again", lambda: self.composer_top(self.grab()) == top)

    def case_undo(self):
        """Ctrl+Z takes back the last typed word; undoing every word
        leaves an empty composer, and Return then sends nothing."""
        self.type_text("undo me")
        self.wait_for("typing 'undo me' (Send turns blue)", lambda: self.send_button(self.grab()))
        self.key("ctrl+z")
        mark = len(self.events())
        self.key("Return")
        i = self.wait_event("Ctrl+Z, then Return: a message is sent",
                            lambda e: e.get("event") == "sent", mark)
        sent = self.events()[i].get("text")
        self.run.check("Ctrl+Z took back the last word: 'undo' was sent",
                       (sent or "").rstrip() == "undo", "sent %r" % sent)
        self.wait_event("its echo comes back", lambda e: e.get("event") == "received", i)
        self.wait_for("the composer is empty after sending", lambda: self.send_disabled(self.grab()))

        self.type_text("undo me")
        self.wait_for("typing 'undo me' again (Send turns blue)", lambda: self.send_button(self.grab()))
        self.key("ctrl+z", "ctrl+z")
        self.wait_for("Ctrl+Z twice empties the composer (Send is disabled)",
                      lambda: self.send_disabled(self.grab()))
        mark = len(self.events())
        self.key("Return")
        self.type_text(AFTER_UNDO)
        self.key("Return")
        i = self.wait_event("the next message is sent", lambda e: e.get("event") == "sent", mark)
        sent = self.events()[i].get("text")
        self.run.check("Return in the emptied composer sent nothing (the next sent text is %r)"
                       % AFTER_UNDO, sent == AFTER_UNDO, "sent %r" % sent)
        self.wait_event("its echo comes back", lambda e: e.get("event") == "received", i)

    def case_connection_bar(self):
        """Alt+D, a URL typed, Return: Ponte leaves the built-in echo
        server for a third-party one (python3-websockets), says so, echoes
        there, and keeps the URL for the drop-down, which brings it back."""
        run = self.run
        peer = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "net", "peers",
                                              "ws_peer.py"), "--mode", "echo"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, preexec_fn=die_with_parent)
        try:
            port = int(peer.stdout.readline().decode().strip() or "0")
            run.require("the third-party echo server started", port > 0)
            url = "ws://127.0.0.1:%d/other" % port
            mark = len(self.events())
            self.key("alt+d")
            self.type_text(url)
            self.key("Return")
            i = self.wait_event("the transcript says it connects to " + url,
                                lambda e: e.get("event") == "connecting" and e.get("url") == url, mark)
            self.wait_event("and that it is connected there",
                            lambda e: e.get("event") == "connected" and e.get("url") == url, i)
            closed = [e for e in self.events()[mark:i] if e.get("event") == "closed"]
            run.check("the built-in echo server's connection was closed normally first",
                      len(closed) == 1 and closed[0].get("code") == 1000, repr(closed))
            self.wait_for("status dot turns green on the new server",
                          lambda: (lambda i: i if self.status_dot(i, DOT_CONNECTED) else None)(self.grab()))
            mark = len(self.events())
            self.type_text("over there")
            self.key("Return")
            self.wait_event("a message comes back from the new server",
                            lambda e: e.get("event") == "received" and e.get("text") == "over there", mark)
            self.save("14-other-server.png")
            path = os.path.join(self.env["XDG_STATE_HOME"], "ponte", "recent-urls")
            self.wait_for("the URL that worked is kept in $XDG_STATE_HOME/ponte/recent-urls",
                          lambda: os.path.exists(path) and open(path).read().splitlines()[:1] == [url])
            # The drop-down: a click on the arrow at the field's right end
            # lists it; Escape closes it; Escape again puts the focus back.
            self.click(self.width - ROW_PAD - 120 - 20, BAR_H // 2)
            self.wait_for("the drop-down of recent URLs opens over the status bar, the URL "
                          "connected to in blue (#1D4ED8) on white",
                          lambda: (lambda i: i.find(PRIMARY_BG, ROW_PAD, BAR_H, self.width // 2,
                                                    BAR_H + 40)[0] > 30
                                   and i.find(RECEIVED_BG, ROW_PAD, BAR_H, self.width // 2,
                                              BAR_H + 40)[0] > 2000)(self.grab()))
            self.save("15-recent-urls.png")
            self.key("Escape")
            self.key("Escape")
            # Back to the built-in echo server, typed, as it was at the start.
            home = next(e.get("url") for e in self.events() if e.get("event") == "connected")
            mark = len(self.events())
            self.key("alt+d")
            self.type_text(home)
            self.key("Return")
            self.wait_event("back on the built-in echo server (" + home + ")",
                            lambda e: e.get("event") == "connected" and e.get("url") == home, mark)
            self.wait_for("status dot green again",
                          lambda: (lambda i: i if self.status_dot(i, DOT_CONNECTED) else None)(self.grab()))
        finally:
            peer.stdin.close()
            peer.kill()
            peer.wait()

    def case_saved_messages(self):
        """Ctrl+B opens the saved messages: the composer's text saved under
        a typed name lands in $XDG_DATA_HOME/ponte/saved.json; a double
        click on it sends it while the composer stays as it was; Import…
        with a typed path adds a file's messages."""
        run = self.run
        path = os.path.join(self.env["XDG_DATA_HOME"], "ponte", "saved.json")

        def saved():
            try:
                with open(path, encoding="utf-8") as f:
                    return json.load(f).get("messages")
            except (OSError, ValueError):
                return None
        text = "saved hello"
        self.type_text(text)
        self.key("ctrl+b")
        panel_x = self.width - min(320, self.width * 45 // 100)
        self.wait_for("Ctrl+B opens the panel at the right (its Save button blue)",
                      lambda: self.grab().find(PRIMARY_BG, panel_x, TOP_H, self.width, TOP_H + 120)[0] > 300)
        self.type_text("Greeting")
        self.key("Return")
        got = self.wait_for("Return in the name field saves the composer's text to " + path,
                            lambda: (lambda m: m if m and m[0].get("name") == "Greeting" else None)(saved()))
        run.check("saved as typed, as text", got == [{"name": "Greeting", "mode": "text", "text": text}],
                  repr(got))
        self.save("16-saved.png")
        # The composer emptied by hand; the saved row is the highlighted one
        # (#BFDBFE), under the note that says it was saved (the same colour).
        self.click(*self.composer_point())
        self.key("ctrl+a", "BackSpace")
        box = self.wait_for("the saved message is listed, highlighted",
                            lambda: (lambda f: f[1] if f[0] > 2000 else None)(
                                self.grab().find(SELECTION, panel_x, TOP_H, self.width, self.height - INPUT_ROW_H)))
        mark = len(self.events())
        self.click(panel_x + 60, box[3] - 12, repeat=2)
        self.expect_sent("a double click on the saved message", text, mark)
        self.wait_for("the composer stays empty after the double click (Send is disabled)",
                      lambda: self.send_disabled(self.grab()))
        # Import… from a file of another tool's shape.
        other = os.path.join(self.tmp, "other.json")
        with open(other, "w", encoding="utf-8") as f:
            json.dump([{"name": "Order", "text": "{\"id\": 1}"}, "plain line",
                       {"name": "Greeting", "text": text}], f)
        self.click(panel_x + 60, self.height - INPUT_ROW_H - 12 - 18)
        self.key("ctrl+a")
        self.type_text(other)
        self.key("Return")
        got = self.wait_for("Import… adds the file's new messages to saved.json",
                            lambda: (lambda m: m if m and len(m) == 3 else None)(saved()))
        run.check("in order, the one already there not twice",
                  [(m.get("name"), m.get("text")) for m in got]
                  == [("Greeting", text), ("Order", '{"id": 1}'), ("plain line", "plain line")], repr(got))
        self.save("17-imported.png")
        self.key("ctrl+b")
        self.click(*self.composer_point())

    # -- the scenario --

    def scenario(self):
        run = self.run
        self.start_xvfb()
        self.start_ponte()
        self.find_window()
        self.wait_event("transcript says connected",
                        lambda e: e.get("event") == "connected")
        img = self.wait_for("status dot turns green (#16A34A)",
                            lambda: (lambda i: i if self.status_dot(i, DOT_CONNECTED) else None)(
                                self.grab()))
        run.check("status dot is not red while connected",
                  self.status_dot(img, DOT_DISCONNECTED) == 0)
        self.save("01-connected.png")

        # 1. Type and press Return.
        mark = len(self.events())
        self.type_text(MESSAGE_1)
        self.key("Return")
        sent1, recv1 = self.wait_echo("message 1 (typed, Return) is sent",
                                      "message 1 comes back from the echo server", MESSAGE_1, mark)
        run.check("message 1: sent before received", sent1 < recv1, "sent at %d, received at %d"
                  % (sent1, recv1))
        self.wait_for("a sent bubble (#1D4ED8) shows on the right",
                      lambda: self.grab().find(SENT_BG, self.width // 2, TOP_H, self.width,
                                               self.height - INPUT_ROW_H)[0] > 200)

        # 2. Type and click the Send message button, found by its colour.
        mark = len(self.events())
        self.type_text(MESSAGE_2)
        button = self.wait_for("Send message button turns blue when the box has text",
                               lambda: self.send_button(self.grab()))
        run.check("Send message button is about 40 px tall",
                  36 <= button[3] - button[1] <= 42, "box %r" % (button,))
        bx = (button[0] + button[2]) // 2
        by = (button[1] + button[3]) // 2
        self.click(bx, by)
        sent2, recv2 = self.wait_echo("message 2 (clicked Send) is sent",
                                      "message 2 comes back from the echo server", MESSAGE_2, mark)
        run.check("messages in order: sent 1, received 1, sent 2, received 2",
                  sent1 < recv1 < sent2 < recv2, "indexes %d %d %d %d" % (sent1, recv1, sent2, recv2))
        sent_texts = [e.get("text") for e in self.events() if e.get("event") == "sent"]
        run.check("exactly the two messages were sent", sent_texts == [MESSAGE_1, MESSAGE_2],
                  repr(sent_texts))
        self.wait_for("the box is empty again: Send message is disabled (#E2E8F0)",
                      lambda: self.send_disabled(self.grab()))
        self.save("02-two-messages.png")

        # 3. Close the connection with the rightmost control.
        mark = len(self.events())
        self.click(*self.close_control())
        closed = self.wait_event("transcript says closed with code 1000",
                                 lambda e: e.get("event") == "closed" and e.get("code") == 1000,
                                 mark)
        run.check("the close is by the client", self.events()[closed].get("by") == "client",
                  repr(self.events()[closed]))
        img = self.wait_for(
            "status dot turns red (#DC2626)",
            lambda: (lambda i: i if self.status_dot(i, DOT_DISCONNECTED)
                     and not self.status_dot(i, DOT_CONNECTED) else None)(self.grab()))
        run.check("status dot is no longer green", self.status_dot(img, DOT_CONNECTED) == 0)
        cx, cy = self.close_control()
        run.check("the rightmost control is now the green Connect button",
                  img.pixel(cx, cy - 15) in (CONNECT_BG, CONNECT_HOVER),
                  "pixel is #%02X%02X%02X" % img.pixel(cx, cy - 15))
        self.save("03-closed.png")

        # 4. Send while disconnected: the message is not sent.
        mark = len(self.events())
        self.type_text(MESSAGE_3)
        self.key("Return")
        self.wait_event("a message typed while disconnected is not_sent",
                        lambda e: e.get("event") == "not_sent" and e.get("text") == MESSAGE_3,
                        mark)
        run.check("nothing was sent while disconnected",
                  not any(e.get("event") == "sent" for e in self.events()[mark:]))
        self.wait_for("a not-sent bubble (#FEF2F2, #DC2626 border) shows on the right",
                      lambda: len(self.not_sent_bubbles(self.grab())) == 1)
        self.wait_for("the box was cleared: Send message is disabled",
                      lambda: self.send_disabled(self.grab()))
        self.save("04-not-sent.png")

        # 5. Up in the empty box brings the not-sent text back; Return tries
        # it again (still not connected).
        self.key("Up")
        self.wait_for("Up in the empty box recalls the not-sent text (Send turns blue)",
                      lambda: self.send_button(self.grab()))
        mark = len(self.events())
        self.key("Return")
        self.wait_event("the text Up recalled is exactly the not-sent one (not_sent again)",
                        lambda e: e.get("event") == "not_sent" and e.get("text") == MESSAGE_3,
                        mark)
        bubbles = self.wait_for("two not-sent bubbles show",
                                lambda: (lambda b: b if len(b) == 2 else None)(
                                    self.not_sent_bubbles(self.grab())))
        self.wait_for("the box was cleared again",
                      lambda: self.send_disabled(self.grab()))

        # 6. A click on the (last) not-sent bubble brings its text back too.
        bubble = bubbles[-1]
        self.click((bubble[0] + bubble[2]) // 2, (bubble[1] + bubble[3]) // 2)
        self.wait_for("clicking the not-sent bubble recalls its text (Send turns blue)",
                      lambda: self.send_button(self.grab()))
        self.save("05-recalled.png")

        # 7. Connect again and send the recalled text with Return.
        mark = len(self.events())
        self.click(*self.close_control())
        self.wait_event("Connect reconnects: transcript says connected",
                        lambda e: e.get("event") == "connected", mark)
        self.wait_for("status dot turns green again",
                      lambda: (lambda i: i if self.status_dot(i, DOT_CONNECTED) else None)(
                          self.grab()))
        mark = len(self.events())
        self.key("Return")
        sent3, recv3 = self.wait_echo("the recalled text is sent after reconnecting",
                                      "the recalled text comes back", MESSAGE_3, mark)
        run.check("recalled text: sent before received", sent3 < recv3)
        sent_texts = [e.get("text") for e in self.events()[mark:] if e.get("event") == "sent"]
        run.check("the recalled text was sent once, as it was typed", sent_texts == [MESSAGE_3],
                  repr(sent_texts))
        self.save("06-resent.png")

        # 8. Editing and reading, as cases that report on their own.
        self.previous_grab = None
        for name, body in (("select, copy and paste from a bubble", self.case_select_copy_paste),
                           ("history with Up", self.case_history),
                           ("find with Ctrl+F", self.case_find),
                           ("zoom with Ctrl+= and Ctrl+0", self.case_zoom),
                           ("multi-line with Shift+Return", self.case_multiline),
                           ("undo with Ctrl+Z", self.case_undo),
                           ("another server from the connection bar", self.case_connection_bar),
                           ("saved messages with Ctrl+B", self.case_saved_messages)):
            self.run_case(name, body)
        self.save("13-cases-done.png")

        # 9. SIGTERM: a clean exit, closing with 1000 on the way out.
        self.app.send_signal(signal.SIGTERM)
        try:
            status = self.app.wait(5)
        except subprocess.TimeoutExpired:
            status = None
        run.check("SIGTERM: ponte exits within 5 s", status is not None)
        run.check("SIGTERM: exit status 0", status == 0, "status %r" % status)
        events = self.events()
        last = events[-1] if events else {}
        run.check("transcript ends with a closed event with code 1000",
                  last.get("event") == "closed" and last.get("code") == 1000, repr(last))
        out = self.ponte_output()
        run.check("ponte wrote nothing on stdout/stderr", out.strip() == "", out.strip())

    def fail_report(self):
        self.dump_transcript()
        if self.window is not None and self.xvfb and self.xvfb.poll() is None:
            self.save("failure.png", timeout=5)


# ---- the command-line contract ---------------------------------------------------------


def check_cli(run, ponte):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["LANG"] = "C.UTF-8"
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(name, None)
    for args in (["--bogus"], ["http://x/"]):
        label = "ponte " + " ".join(args)
        try:
            p = subprocess.run([ponte] + args, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=5)
        except subprocess.TimeoutExpired:
            run.check(label + ": exits within 5 s", False)
            continue
        err = p.stderr.decode(errors="replace")
        first = err.splitlines()[0] if err else ""
        run.check(label + ": exit status 2", p.returncode == 2, "status %d" % p.returncode)
        run.check(label + ": an error line first on stderr",
                  first.startswith("ponte: ") and args[0] in first, repr(first))
        run.check(label + ": the usage on stderr", "usage: ponte" in err, repr(err))
        run.check(label + ": nothing on stdout", p.stdout == b"", repr(p.stdout))
        run.check(label + ": no attempt to open a window",
                  "cannot" not in err and "SDL" not in err, repr(err))
    try:
        p = subprocess.run([ponte, "--help"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=5)
        out = p.stdout.decode(errors="replace")
        run.check("ponte --help: exit status 0", p.returncode == 0, "status %d" % p.returncode)
        run.check("ponte --help: the usage on stdout", out.startswith("usage: ponte"), repr(out))
        run.check("ponte --help: nothing on stderr", p.stderr == b"", repr(p.stderr))
    except subprocess.TimeoutExpired:
        run.check("ponte --help: exits within 5 s", False)


def main():
    if len(sys.argv) != 2:
        print("usage: e2e.py PATH/TO/ponte", file=sys.stderr)
        return 2
    ponte = os.path.abspath(sys.argv[1])
    if not os.access(ponte, os.X_OK):
        print("e2e: %s is not an executable" % ponte, file=sys.stderr)
        return 2
    for tool in ("Xvfb", "xdotool", "import"):
        if not shutil.which(tool):
            print("e2e: %s is not installed" % tool, file=sys.stderr)
            return 1
    artifacts = os.environ.get("PONTE_ARTIFACTS") or os.path.join(os.path.dirname(ponte),
                                                                   "e2e-artifacts")
    os.makedirs(artifacts, exist_ok=True)

    signal.signal(signal.SIGTERM, on_sigterm)
    started = time.monotonic()
    run = Run()
    check_cli(run, ponte)

    session = Session(run, ponte, artifacts)
    try:
        session.scenario()
    except Failure as e:
        print("# stopped at: %s" % e, flush=True)
        session.fail_report()
    except (subprocess.TimeoutExpired, OSError) as e:
        run.check("helper commands work", False, str(e))
        session.fail_report()
    except BaseException:
        session.fail_report()
        raise
    finally:
        session.cleanup()

    if session.saved:
        print("# artefacts:")
        for path in session.saved:
            print("#   " + path)
    print("# took %.1f s" % (time.monotonic() - started))
    print("e2e: %d passed, %d failed" % (run.passed, run.failed), flush=True)
    return 0 if run.failed == 0 and run.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
