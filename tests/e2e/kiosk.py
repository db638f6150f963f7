#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""kiosk: `ponte --kiosk` in a real window under its own Xvfb (no window
manager), driven with xdotool and python3-xlib:

- the window covers the whole 1280x800 screen, at 0,0;
- a close request (WM_DELETE_WINDOW, what a window manager sends for the
  close button or Alt+F4) and Ctrl+Q leave it running;
- the quit keys held too briefly leave it running; held for the time
  (--quit-hold 1 here), it exits with status 0, closing with 1000;
- without --kiosk, the same close request ends Ponte (status 0);
- --stale-after 2: with nothing coming from the (echo) server, a red banner
  says so and Ponte reconnects (closed 1000, then connected again), and
  again after the next 2 s;
- --demo FILE --demo-interval 1: the file's lines go out in order, looping;
  typing pauses the loop;
- the on-screen keyboard (on in a kiosk) slides up when the text box is
  tapped, and taps on its keys type "ação" (Portuguese layout), sent by its
  own send key.

    kiosk.py PATH/TO/ponte
"""
import os
import subprocess
import sys
import tempfile
import time

from Xlib import X, display as xdisplay, protocol

from xsession import Checks, events, find_window, poll, ponte_env, start_xvfb

PONTE = os.path.abspath(sys.argv[1])
check = Checks()


def wait_for(what, fn, timeout=10.0):
    value = poll(fn, timeout)
    if not value:
        check(False, what, f"not within {timeout} s")
    return value


def geometry(env, wid):
    p = subprocess.run(["xdotool", "getwindowgeometry", "--shell", str(wid)], env=env, capture_output=True,
                       text=True)
    values = dict(line.split("=", 1) for line in p.stdout.split() if "=" in line)
    if not values:
        print("# getwindowgeometry: " + p.stderr.strip())
    return tuple(int(values.get(k, -1)) for k in ("X", "Y", "WIDTH", "HEIGHT"))


def close_request(disp, wid):
    """What a window manager sends for the close button and Alt+F4."""
    window = disp.create_resource_object("window", wid)
    protocols = disp.intern_atom("WM_PROTOCOLS")
    delete = disp.intern_atom("WM_DELETE_WINDOW")
    event = protocol.event.ClientMessage(window=window, client_type=protocols,
                                         data=(32, [delete, X.CurrentTime, 0, 0, 0]))
    window.send_event(event, event_mask=X.NoEventMask)
    disp.flush()


def start(env, tmp, args, url=None):
    transcript = os.path.join(tmp, "t.jsonl")
    if os.path.exists(transcript):
        os.remove(transcript)
    child = dict(env)
    # As in e2e.py: under AddressSanitizer (tests/run), Mesa's GL driver stays
    # mapped so LeakSanitizer can tell its leaks (tests/lsan.supp) from Ponte's.
    preload = os.environ.get("PONTE_E2E_PRELOAD")
    if preload:
        child["LD_PRELOAD"] = preload
    server = [url] if url else ["--local-echo"]
    app = subprocess.Popen([PONTE] + server + ["--transcript", transcript] + args, env=child,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if not wait_for("connected to the built-in echo server",
                    lambda: any(e.get("event") == "connected" for e in events(transcript))):
        app.kill()
        out = app.communicate()[0].decode(errors="replace")
        print("# ponte said: " + out.replace("\n", "\n# "))
        return app, None, transcript
    # (After that: SDL may make the window again for the renderer.)
    time.sleep(0.5)
    wid = wait_for("the window appears", lambda: find_window(env))
    return app, wid, transcript


def count_color(path, rgb, env):
    """Pixels of exactly rgb in a PNG (through ImageMagick's text output)."""
    p = subprocess.run(["convert", path, "-depth", "8", "txt:-"], env=env, capture_output=True, text=True)
    want = "#%02X%02X%02X" % rgb
    return sum(1 for line in p.stdout.splitlines() if want in line)


def key(env, wid, *keys, action="key"):
    subprocess.run(["xdotool", action, "--window", str(wid)] + list(keys), env=env, check=False)


def main():
    xvfb, name = start_xvfb("kiosk")
    tmp = tempfile.mkdtemp(prefix="ponte-kiosk-")
    env = ponte_env(name, tmp)
    disp = xdisplay.Display(name)
    try:
        app, wid, transcript = start(env, tmp, [])
        if wid:
            g = geometry(env, wid)
            check(g[2] < 1280, "without --kiosk the window is a window", f"geometry {g}")
            close_request(disp, wid)
            status = None
            try:
                status = app.wait(5)
            except subprocess.TimeoutExpired:
                app.kill()
            check(status == 0, "without --kiosk a close request ends Ponte with status 0",
                  f"status {status}: {app.stdout.read().decode(errors='replace')[-2000:] if status is not None else ''}")
        if app.poll() is None:
            app.kill()
            app.wait()
        app, wid, transcript = start(env, tmp, ["--kiosk", "--quit-hold", "1"])
        if wid:
            g = geometry(env, wid)
            check(g == (0, 0, 1280, 800), "the kiosk covers the whole screen", f"geometry {g}")
            close_request(disp, wid)
            time.sleep(1.0)
            check(app.poll() is None, "a close request leaves the kiosk running")
            key(env, wid, "ctrl+q")
            time.sleep(0.5)
            check(app.poll() is None, "Ctrl+Q leaves the kiosk running")
            key(env, wid, "ctrl+alt+q", action="keydown")
            time.sleep(0.3)
            key(env, wid, "ctrl+alt+q", action="keyup")
            time.sleep(1.2)
            check(app.poll() is None, "the quit keys held for 0.3 s leave it running")
            held = time.monotonic()
            key(env, wid, "ctrl+alt+q", action="keydown")
            status = None
            try:
                status = app.wait(5)
            except subprocess.TimeoutExpired:
                pass
            took = time.monotonic() - held
            # (xdotool pressed them through XTEST, the window being focused:
            # released without a window, or the server keeps them held.)
            subprocess.run(["xdotool", "keyup", "ctrl+alt+q"], env=env, check=False)
            check(status == 0, "held for the time, the quit keys end the kiosk with status 0",
                  f"status {status}: {app.stdout.read().decode(errors='replace')[-2000:] if status is not None else ''}")
            check(0.9 <= took < 4, "not before the hold time", f"{took:.2f} s")
            last = (events(transcript) or [{}])[-1]
            check(last.get("event") == "closed" and last.get("code") == 1000,
                  "it closed the connection with 1000", repr(last))
        if app.poll() is None:
            app.kill()
            app.wait()

        # The stale-data watchdog.
        app, wid, transcript = start(env, tmp, ["--kiosk", "--stale-after", "2"])
        if wid:
            def reconnects():
                kinds = [e.get("event") for e in events(transcript)]
                return kinds.count("connected") >= 3 and kinds
            kinds = wait_for("no data for 2 s: Ponte reconnects, twice", reconnects, timeout=15)
            if kinds:
                closes = [e for e in events(transcript) if e.get("event") == "closed"]
                check(len(closes) >= 2 and all(c.get("code") == 1000 and c.get("by") == "client" for c in closes[:2]),
                      "each stale connection was closed normally by Ponte", repr(closes))
            shot = os.path.join(tmp, "stale.png")
            subprocess.run(["import", "-window", str(wid), shot], env=env, check=False)
            red = count_color(shot, (0xB9, 0x1C, 0x1C), env)
            check(red > 500, "the red 'No data' banner shows", f"{red} pixels of #B91C1C")
        app.terminate()
        app.wait()

        # The demo loop.
        demo = os.path.join(tmp, "demo.txt")
        with open(demo, "w") as f:
            f.write("first demo line\r\n\nsecond ação\nthird\n")
        app, wid, transcript = start(env, tmp, ["--kiosk", "--demo", demo, "--demo-interval", "1"])
        if wid:
            def sent():
                return [e.get("text") for e in events(transcript) if e.get("event") == "sent"]
            got = wait_for("the demo sends four lines", lambda: len(sent()) >= 4 and sent(), timeout=10)
            if got:
                check(got[:4] == ["first demo line", "second ação", "third", "first demo line"],
                      "in the file's order, looping, empty lines left out", repr(got[:4]))
            subprocess.run(["xdotool", "type", "--window", str(wid), "x"], env=env, check=False)
            time.sleep(0.3)
            before = len(sent())
            time.sleep(2.5)
            check(len(sent()) == before, "typing pauses the demo", f"{len(sent()) - before} sent meanwhile")
        app.terminate()
        app.wait()

        # The demo loop on another server (python3-websockets): its URL
        # joins the recent ones when it connects, and the lines keep going.
        peer = subprocess.Popen(["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                  "..", "net", "peers", "ws_peer.py"), "--mode", "echo"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:
            port = int(peer.stdout.readline().decode().strip() or "0")
            url = f"ws://127.0.0.1:{port}/"
            app, wid, transcript = start(env, tmp, ["--kiosk", "--demo", demo, "--demo-interval", "1"], url=url)
            if wid:
                def echoed():
                    return [e.get("text") for e in events(transcript) if e.get("event") == "received"]
                got = wait_for("the demo goes on after connecting elsewhere", lambda: len(echoed()) >= 4 and echoed(),
                               timeout=10)
                if got:
                    check(got[:4] == ["first demo line", "second ação", "third", "first demo line"],
                          "the server echoes the demo's lines, in order", repr(got[:4]))
                recent = os.path.join(env["XDG_STATE_HOME"], "ponte", "recent-urls")
                check(os.path.exists(recent) and open(recent).read().splitlines()[:1] == [url],
                      "its URL is kept with the recent ones")
            app.terminate()
            status = app.wait()
            said = app.stdout.read() if not app.stdout.closed else b""
            check(status == 0, "and Ponte ends with status 0",
                  f"status {status}: " + said.decode(errors="replace")[-3000:])
        finally:
            peer.stdin.close()
            peer.kill()
            peer.wait()

        # The on-screen keyboard: taps on its keys. Where the keys are, as
        # src/view.c lays them out at 1280x800 and the kiosk's scale 2: keys
        # 65 px high (45% of the window for 5 rows), 16 px in from the edges,
        # 12 px apart; the keyboard's top is 800 - (5 * 65 + 32).
        # (Nothing may stay held from the quit-key case: a modifier held in
        # the server would turn these taps into something else.)
        subprocess.run(["xdotool", "keyup", "ctrl", "alt", "shift", "q"], env=env, check=False)
        app, wid, transcript = start(env, tmp, ["--kiosk", "--lang", "pt_BR"])
        if wid:
            top, key_h, pad, gap = 800 - (5 * 65 + 32), 65, 16, 12

            def key_at(row, index, count):
                w = (1280 - 2 * pad - (count - 1) * gap) // count
                x0 = (1280 - (count * w + (count - 1) * gap)) // 2
                return x0 + index * (w + gap) + w // 2, top + pad + row * key_h + (key_h - gap) // 2

            def tap(x, y):
                """Held for 80 ms, as a finger's: the press and the release come
                in frames of their own (a click's often come in one)."""
                subprocess.run(["xdotool", "mousemove", "--window", str(wid), str(x), str(y), "mousedown", "1",
                                "sleep", "0.08", "mouseup", "1"], env=env, check=False)
                time.sleep(0.25)

            def screen_row(y):
                """The pixels across the window at y."""
                shot = os.path.join(tmp, "osk.png")
                subprocess.run(["import", "-window", str(wid), shot], env=env, check=False)
                p = subprocess.run(["convert", shot, "-crop", f"1280x1+0+{y}", "-depth", "8", "txt:-"], env=env,
                                   capture_output=True, text=True)
                return p.stdout

            def keyboard_row():
                """The pixels across the keyboard's first row of keys."""
                return screen_row(key_at(0, 0, 11)[1])

            down = keyboard_row()
            # The text box, at the bottom while the keyboard is down; on a
            # busy machine the first tap may come before Ponte is ready for
            # it, so tap again until the keyboard is up.
            up = None
            # (Waiting long enough that a tap taken late is not tapped again:
            # on the keyboard, that one would type a space.)
            for _ in range(3):
                tap(300, 800 - 65)
                up = poll(lambda: keyboard_row() != down, 5.0)
                if up:
                    break
            check(bool(up), "a tap on the text box brings up the on-screen keyboard")
            # All the way up (a tap while it slides lands where the key was
            # then): its top border, #CBD5E1, is across the window at its top.
            wait_for("the keyboard ends its slide", lambda: screen_row(top).count("#CBD5E1") == 1280)
            for row, index, count in ((2, 0, 10), (2, 9, 10), (0, 3, 11), (1, 8, 10)):  # a ç ã o
                tap(*key_at(row, index, count))
            mark = len(events(transcript))
            # The keyboard's own send key: the bottom row's fifth key, two
            # units wide after 1 + 1 + 4 + 1 units.
            unit = (1280 - 2 * pad - 5 * gap) // 10
            tap(pad + 7 * unit + 4 * gap + unit, top + pad + 4 * key_h + (key_h - gap) // 2)
            got = wait_for("the tapped text is sent",
                           lambda: [e.get("text") for e in events(transcript)[mark:] if e.get("event") == "sent"])
            check(got == ["ação"], "taps on the on-screen keyboard typed 'ação'", repr(got))
            if not got:
                app.terminate()
                print("# ponte said: " + app.communicate()[0].decode(errors="replace").replace("\n", "\n# "))
        app.terminate()
        app.wait()
    finally:
        disp.close()
        xvfb.terminate()
        xvfb.wait()
    print(f"kiosk: {check.passed} passed, {check.failed} failed")
    return 1 if check.failed or not check.passed else 0


if __name__ == "__main__":
    sys.exit(main())
