#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""dnd: files dropped on a real Ponte window under its own Xvfb, through the
XDND protocol (version 5 at most), this script being the drag source: a
python3-xlib client with its own unmapped window that owns XdndSelection,
sends XdndEnter, XdndPosition (waiting for XdndStatus), XdndDrop, serves the
SelectionRequest for text/uri-list and waits for XdndFinished. SDL2's X11
backend turns that into SDL_DROPFILE, which Ponte imports into
$XDG_DATA_HOME/ponte/saved.json with the saved-messages panel open:

- a file with two messages: both land in saved.json, in order, and the panel
  opens (its Save button's blue, the composer holding text);
- the same file again: saved.json unchanged (nothing twice), once the note
  for the second drop shows;
- a name with a space, sent as %20 (SDL 2.26's X11_URIToLocal decodes it):
  its one message is added;
- a broken file: saved.json unchanged, Ponte still running, its note red;
- a good file after it: added, and its note of success replaces the red one;
- SIGTERM: Ponte exits with status 0.

Each state is polled for (10 s at most); screenshots are ImageMagick's
`import`, counted for exact colours of theme_light.

    dnd.py PATH/TO/ponte
"""
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

from Xlib import X, Xatom, display as xdisplay, error as xerror, protocol

from xsession import Checks, die_with_parent, end_session, events, find_window, poll, ponte_env, sigterm, start_xvfb

PONTE = os.path.abspath(sys.argv[1])
WAIT = 10.0           # seconds for any one expected state
XDND_VERSION = 5      # the newest this source speaks

# Colours from src/widgets.c (theme_light) and the layout of src/view.c.
PRIMARY_BG = (0x1D, 0x4E, 0xD8)   # the panel's Save button (enabled: text in the composer)
SELECTION = (0xBF, 0xDB, 0xFE)    # a note of success
TAG_BG = (0xB9, 0x1C, 0x1C)       # a note of failure
TOP_H = 100                       # the connection bar and the status bar
PANEL_W = 320

check = Checks()


def on_sigterm(signum, frame):
    # meson's timeout sends SIGTERM: unwind, so the finally block cleans up.
    raise SystemExit(f"dnd: stopped by signal {signum}")


class Shot:
    """A screenshot of the window (ImageMagick's import), as RGB bytes."""

    def __init__(self, env, wid, path):
        self.width = self.height = 0
        self.data = b""
        p = subprocess.run(["import", "-window", str(wid), path], env=env, capture_output=True, timeout=30)
        if p.returncode != 0:
            return
        p = subprocess.run(["convert", path, "-depth", "8", "ppm:-"], capture_output=True, timeout=30)
        header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", p.stdout)
        if p.returncode == 0 and header:
            self.width, self.height = int(header[1]), int(header[2])
            self.data = p.stdout[header.end():]

    def count(self, rgb, x0, y0, x1, y1):
        """Pixels of exactly rgb in [x0, x1) x [y0, y1)."""
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(self.width, x1), min(self.height, y1)
        target = bytes(rgb)
        n = 0
        for y in range(y0, y1):
            row = self.data[(y * self.width + x0) * 3:(y * self.width + x1) * 3]
            n += sum(1 for i in range(0, len(row), 3) if row[i:i + 3] == target)
        return n

    def crop(self, x0, y0, x1, y1):
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(self.width, x1), min(self.height, y1)
        return b"".join(self.data[(y * self.width + x0) * 3:(y * self.width + x1) * 3] for y in range(y0, y1))


class DragSource:
    """The source side of XDND (https://freedesktop.org/wiki/Specifications/XDND/)
    as one client with an unmapped 1x1 window of its own."""

    def __init__(self, name):
        self.disp = xdisplay.Display(name)
        self.root = self.disp.screen().root
        self.window = self.root.create_window(0, 0, 1, 1, 0, X.CopyFromParent,
                                              event_mask=X.PropertyChangeMask)
        atom = self.disp.intern_atom
        self.XdndAware = atom("XdndAware")
        self.XdndSelection = atom("XdndSelection")
        self.XdndEnter = atom("XdndEnter")
        self.XdndPosition = atom("XdndPosition")
        self.XdndStatus = atom("XdndStatus")
        self.XdndDrop = atom("XdndDrop")
        self.XdndFinished = atom("XdndFinished")
        self.XdndLeave = atom("XdndLeave")
        self.XdndActionCopy = atom("XdndActionCopy")
        self.uri_list = atom("text/uri-list")
        self.stamp = atom("_PONTE_DND_TIME")
        self.disp.flush()

    def close(self):
        self.disp.close()

    def server_time(self):
        """A real server timestamp (ICCCM: not CurrentTime for selections):
        the time of a PropertyNotify for a change on our own window."""
        self.window.change_property(self.stamp, Xatom.STRING, 8, b"")
        self.disp.flush()
        e = self.next_event(lambda e: e.type == X.PropertyNotify and e.atom == self.stamp)
        return e.time if e else X.CurrentTime

    def next_event(self, want, timeout=WAIT, serve=None):
        """The first event for which want(e) is true; others go to serve."""
        deadline = time.monotonic() + timeout
        while True:
            while self.disp.pending_events():
                e = self.disp.next_event()
                if want(e):
                    return e
                if serve:
                    serve(e)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            select.select([self.disp.fileno()], [], [], min(left, 0.5))

    def send(self, target, kind, data):
        e = protocol.event.ClientMessage(window=target, client_type=kind, data=(32, data))
        target.send_event(e, event_mask=X.NoEventMask)
        self.disp.flush()

    def target_version(self, wid):
        """The XDND version in the window's XdndAware property, or None."""
        target = self.disp.create_resource_object("window", wid)
        try:
            prop = target.get_full_property(self.XdndAware, X.AnyPropertyType)
        except xerror.XError:
            return None  # (a window SDL has since destroyed)
        return int(prop.value[0]) if prop and len(prop.value) else None

    def drop(self, wid, uri_list):
        """Drops uri_list (bytes, text/uri-list) on window wid at its middle.
        Returns None when every step went as XDND says, else what did not."""
        target = self.disp.create_resource_object("window", wid)
        theirs = self.target_version(wid)
        if theirs is None:
            return "the window has no XdndAware property"
        version = min(XDND_VERSION, theirs)
        geometry = target.get_geometry()
        at = self.root.translate_coords(target, geometry.width // 2, geometry.height // 2)
        x, y = at.x, at.y
        now = self.server_time()
        self.window.set_selection_owner(self.XdndSelection, now)
        self.disp.flush()
        owner = self.disp.get_selection_owner(self.XdndSelection)
        if owner.id != self.window.id:
            return f"XdndSelection is owned by {owner.id:#x}, not by the source"
        src = self.window.id
        # Bit 0 clear: the (one) type is in the message, not in XdndTypeList.
        self.send(target, self.XdndEnter, [src, version << 24, self.uri_list, 0, 0])
        self.send(target, self.XdndPosition, [src, 0, (x << 16) | y, now, self.XdndActionCopy])
        status = self.next_event(lambda e: e.type == X.ClientMessage and e.client_type == self.XdndStatus)
        if not status:
            return f"no XdndStatus for XdndPosition within {WAIT} s"
        data = status.data[1]
        if data[0] != wid or not data[1] & 1:
            self.send(target, self.XdndLeave, [src, 0, 0, 0, 0])
            return f"XdndStatus does not accept the drop: {list(data)}"
        if data[4] != self.XdndActionCopy:
            return f"XdndStatus's action is {self.disp.get_atom_name(data[4])}, not XdndActionCopy"
        self.send(target, self.XdndDrop, [src, 0, now, 0, 0])
        served = []

        def serve(e):
            if e.type != X.SelectionRequest:
                return
            ok = (e.selection == self.XdndSelection and e.target == self.uri_list and e.owner.id == src and
                  e.property != X.NONE)
            if ok:
                e.requestor.change_property(e.property, self.uri_list, 8, uri_list)
            served.append((e.requestor.id, self.disp.get_atom_name(e.target), ok))
            reply = protocol.event.SelectionNotify(time=e.time, requestor=e.requestor, selection=e.selection,
                                                   target=e.target, property=e.property if ok else X.NONE)
            e.requestor.send_event(reply, event_mask=X.NoEventMask)
            self.disp.flush()

        finished = self.next_event(lambda e: e.type == X.ClientMessage and e.client_type == self.XdndFinished,
                                   serve=serve)
        if not finished:
            return f"no XdndFinished within {WAIT} s (selection requests: {served})"
        if served != [(wid, "text/uri-list", True)]:
            return f"the selection requests were {served}, not one from the window for text/uri-list"
        data = finished.data[1]
        if data[0] != wid or (version >= 5 and (not data[1] & 1 or data[2] != self.XdndActionCopy)):
            return f"XdndFinished does not say the copy was done: {list(data)}"
        return None


def launch(env, child, source, args, transcript):
    """Ponte started in the environment child with args (its built-in echo
    server, --transcript), checked to connect and to show an XdndAware
    window (looked for by xdotool in env, without child's preloads): (the
    process, the window), the window None when a check failed."""
    app = subprocess.Popen([PONTE, "--local-echo", "--transcript", transcript] + args, env=child,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
    if not check(poll(lambda: any(e.get("event") == "connected" for e in events(transcript))),
                 "Ponte connects to its built-in echo server", f"not within {WAIT} s"):
        return app, None
    # (SDL may make the window again for the renderer: wait until the
    # one found stays, and is XdndAware.)
    wid = poll(lambda: (lambda w: w if w and source.target_version(w) else None)(find_window(env)))
    check(wid, "the window appears, XdndAware", f"not within {WAIT} s")
    return app, wid


def file_uri(path):
    """A file: URI for path, percent-encoding what a URI cannot hold as is
    (RFC 3986: unreserved characters and '/' stay)."""
    safe = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/"
    return "file://" + "".join(chr(b) if b in safe else "%%%02X" % b for b in os.fsencode(path))


def main():
    xvfb, name = start_xvfb("dnd")
    tmp = tempfile.mkdtemp(prefix="ponte-dnd-")
    env = ponte_env(name, tmp)
    data_home = env["XDG_DATA_HOME"]
    saved_path = os.path.join(data_home, "ponte", "saved.json")
    transcript = os.path.join(tmp, "t.jsonl")
    child = dict(env)
    # As in kiosk.py: under AddressSanitizer (tests/run), Mesa's GL driver
    # stays mapped so LeakSanitizer can tell its leaks from Ponte's.
    preload = os.environ.get("PONTE_E2E_PRELOAD")
    if preload:
        child["LD_PRELOAD"] = preload
    source = None
    app = None
    started = time.monotonic()
    try:
        source = DragSource(name)
        app, wid = launch(env, child, source, [], transcript)
        if not wid:
            return
        version = source.target_version(wid) or 0
        check(version >= 3, f"its XdndAware version is {version} (this source uses {min(XDND_VERSION, version)})")

        def saved():
            try:
                with open(saved_path, encoding="utf-8") as f:
                    return json.load(f).get("messages")
            except (OSError, ValueError):
                return None

        def shot(label):
            return Shot(env, wid, os.path.join(tmp, label + ".png"))

        # Text in the composer, so the panel's Save button is enabled (blue).
        subprocess.run(["xdotool", "type", "--window", str(wid), "draft"], env=env, check=False)

        # 1. A valid file with two messages.
        first = [{"name": "Order", "mode": "text", "text": "BUY 10 @ 4.20"},
                 {"name": "Ping", "mode": "hex", "text": "70 69 6e 67"}]
        valid = os.path.join(tmp, "orders.json")
        with open(valid, "w", encoding="utf-8") as f:
            json.dump({"version": 1, "messages": first}, f)
        problem = source.drop(wid, (file_uri(valid) + "\r\n").encode())
        check(problem is None, f"XDND: {os.path.basename(valid)} dropped (Enter, Position/Status, Drop, "
              "SelectionRequest for text/uri-list, Finished)", problem or "")
        got = poll(lambda: (lambda m: m if m and len(m) >= 2 else None)(saved()))
        check(got == first, "its two messages are in saved.json, in order", f"saved.json holds {got!r}")
        blue = []

        def panel_open():
            s = shot("dropped")
            blue[:] = [s.count(PRIMARY_BG, s.width - PANEL_W, TOP_H, s.width, TOP_H + 120), s]
            return blue[0] > 300

        opened = poll(panel_open)
        s = blue[1]
        w = source.disp.create_resource_object("window", wid).get_geometry().width
        white = s.count((0xFF, 0xFF, 0xFF), w - PANEL_W, TOP_H, w, TOP_H + 120)
        check(opened, "the saved-messages panel opens (its blue Save button at the right)",
              f"{blue[0]} pixels of #1D4ED8 and {white} of the panel's white there (Save is blue only with "
              f"text in the composer); see {os.path.join(tmp, 'dropped.png')}")

        # 2. The same file again: nothing twice. The note of the first drop
        # ("2 added, 0 already here", #BFDBFE) is replaced by the second's
        # ("0 added, 2 already here"); until that shows, Ponte may not have
        # read the file yet.
        note_area = (w - PANEL_W, TOP_H, w, TOP_H + 200)

        def note(s):
            return s.crop(*note_area) if s.count(SELECTION, *note_area) > 1000 else None

        before = note(shot("first-note"))
        before_stat = os.stat(saved_path) if os.path.exists(saved_path) else None
        problem = source.drop(wid, (file_uri(valid) + "\r\n").encode())
        check(problem is None, "XDND: the same file dropped again", problem or "")
        after = poll(lambda: (lambda n: n if n and n != before else None)(note(shot("second-note"))))
        check(after, "a new note of success shows for the second drop",
              f"not within {WAIT} s; see {os.path.join(tmp, 'second-note.png')}")
        got = saved()
        check(got == first, "dropped again, saved.json still holds the two messages, none twice", repr(got))
        after_stat = os.stat(saved_path) if os.path.exists(saved_path) else None
        check(before_stat and after_stat and (before_stat.st_ino, before_stat.st_mtime_ns) ==
              (after_stat.st_ino, after_stat.st_mtime_ns), "and the file was not written again")

        # A name with a space, as %20 in the URI.
        spaced = os.path.join(tmp, "more orders.json")
        third = {"name": "Cancel", "mode": "text", "text": "CANCEL 10"}
        with open(spaced, "w", encoding="utf-8") as f:
            json.dump([third], f)
        uri = file_uri(spaced)
        problem = source.drop(wid, (uri + "\r\n").encode())
        check(problem is None and "%20" in uri, f"XDND: {uri[uri.rindex('/') + 1:]} dropped", problem or uri)
        got = poll(lambda: (lambda m: m if m and len(m) >= 3 else None)(saved()))
        check(got == first + [third], "the %20 is a space to SDL: that file's message is added", repr(got))

        # 3. A broken file: a red note (tag_bg), nothing changed.
        broken = os.path.join(tmp, "broken.json")
        with open(broken, "w", encoding="utf-8") as f:
            f.write('{"version": 1, "messages": [\n  {"name": "x", "text": "y"},\n  {"name": "z" "text": 1}\n]}\n')
        before_stat = os.stat(saved_path) if os.path.exists(saved_path) else None
        red_before = shot("before-broken").count(TAG_BG, *note_area)
        problem = source.drop(wid, (file_uri(broken) + "\r\n").encode())
        check(problem is None, "XDND: a broken file dropped", problem or "")
        red = poll(lambda: (lambda n: n if n > red_before + 2000 else None)(
            shot("broken").count(TAG_BG, *note_area)))
        check(red, "its note is red (#B91C1C) in the panel",
              f"{red_before} pixels before; see {os.path.join(tmp, 'broken.png')}")
        check(app.poll() is None, "Ponte is still running", f"status {app.poll()}")
        got = saved()
        after_stat = os.stat(saved_path) if os.path.exists(saved_path) else None
        check(got == first + [third] and before_stat and after_stat and
              (before_stat.st_ino, before_stat.st_mtime_ns) == (after_stat.st_ino, after_stat.st_mtime_ns),
              "saved.json is unchanged", repr(got))

        # A good file after the broken one: its note of success replaces
        # the red one (which would say, wrongly, that nothing was changed).
        late = os.path.join(tmp, "late.json")
        fourth = {"name": "Status", "mode": "base64", "text": "c3RhdHVz"}
        with open(late, "w", encoding="utf-8") as f:
            json.dump({"version": 1, "messages": [fourth]}, f)
        problem = source.drop(wid, (file_uri(late) + "\r\n").encode())
        check(problem is None, "XDND: a good file dropped after the broken one", problem or "")
        got = poll(lambda: (lambda m: m if m and len(m) >= 4 else None)(saved()))
        check(got == first + [third, fourth], "its message is added", repr(got))
        counts = []

        def replaced():
            s = shot("late")
            counts[:] = [s.count(TAG_BG, *note_area), s.count(SELECTION, *note_area)]
            return counts[0] == 0 and counts[1] > 1000

        check(poll(replaced), "its note of success replaces the red one",
              f"{counts[0]} pixels of #B91C1C and {counts[1]} of #BFDBFE there; see "
              f"{os.path.join(tmp, 'late.png')}")

        # 4. SIGTERM.
        status = sigterm(app, WAIT)
        check(status == 0, "SIGTERM: Ponte exits with status 0", f"status {status}")
    finally:
        end_session(check, app, xvfb, tmp, source)
    print(f"dnd: {check.passed} passed, {check.failed} failed ({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, on_sigterm)
    main()
    sys.exit(1 if check.failed or not check.passed else 0)
