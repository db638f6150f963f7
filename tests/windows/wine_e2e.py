#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""wine_e2e: the cross-built ponte.exe under Wine, as a Windows user would
run it. One case per run:

    wine_e2e.py CASE PONTE_EXE DLL_DIR [HELPER_EXE]

  headless  the terminal mode through the built-in echo server: UTF-8 lines
            from a pipe come back byte for byte (no CR LF added, no code
            page), a CR LF line loses its CR; --binary-stdin with every
            byte value (0x1A, CR, LF, NUL) comes back exact
  peer      the terminal mode against a Linux peer (tests/net/peers/ws_peer.py
            on 127.0.0.1): lines out and back, close 1000 as the peer saw it
  refused   nothing listening: "connection refused" at once, status 1
  tls       wss:// against ws_peer.py with a CA and a certificate made now:
            refused while nothing trusts the CA; accepted with --ca-file;
            accepted without it once the CA is in the Windows "ROOT"
            certificate store (HELPER_EXE adds it, as certutil would, and
            takes it out again afterwards)
  interrupt Ctrl+C (SIGINT to Wine, which raises CTRL_C_EVENT): the
            terminal mode ends at once, with status 1 as on Linux
  appdata   settings from %APPDATA%\\ponte\\ponte.ini (url and count)
  window    the window under Xvfb: a line typed and sent comes back; a
            screenshot shows the text box, both buttons and the echoed
            bubble; taskkill (WM_CLOSE from another program) ends it
            cleanly (status 0), the transcript closed

WINEPREFIX must name a Wine prefix made with wineboot (tests/windows/windows.sh
makes a temporary one); WINEDEBUG=-all is set here. Screenshots go to
$PONTE_ARTIFACTS (else the build folder's meson-logs).
"""

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
import e2e  # noqa: E402  (Image, grab, the layout and the colours)
import xsession  # noqa: E402

CASE, PONTE, DLLS = sys.argv[1], sys.argv[2], sys.argv[3]
HELPER = sys.argv[4] if len(sys.argv) > 4 else None
PEER = os.path.join(os.path.dirname(HERE), "net", "peers", "ws_peer.py")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, flush=True)
    return ok


def wine_env(display=None):
    env = dict(os.environ)
    env["WINEDEBUG"] = "-all"
    env["WINEPATH"] = DLLS
    env["WINEDLLOVERRIDES"] = "mscoree,mshtml="  # no Mono or Gecko prompts
    env.pop("DISPLAY", None)
    if display:
        env["DISPLAY"] = display
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(name, None)
    if "WINEPREFIX" not in env:
        raise SystemExit("wine_e2e: WINEPREFIX is not set (tests/windows/windows.sh makes one)")
    return env


def ponte(args, stdin=b"", timeout=60, env=None):
    p = subprocess.run(["wine", PONTE] + args, input=stdin, capture_output=True, timeout=timeout,
                       env=env or wine_env())
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def start_peer(*args):
    peer = subprocess.Popen(["/usr/bin/python3", PEER] + list(args), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    port = int(peer.stdout.readline())
    return peer, port


def stop_peer(peer):
    # (communicate closes its stdin: the peer's cue to stop.)
    try:
        out, _ = peer.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        peer.kill()
        out, _ = peer.communicate()
    return out.decode()


def case_headless():
    lines = ["plain ascii", "ação, ñ, ü — “quotes”", "emoji 🌉 and 中文", "tab\there", "ctrl-z \x1a inside"]
    data = ("\n".join(lines) + "\r\nlast without CR LF").encode()
    code, out, err = ponte(["--headless", "--local-echo"], data)
    want = ("\n".join(lines + ["last without CR LF"]) + "\n").encode()
    check(code == 0, f"headless: exit {code}: {err}")
    check(out == want, f"headless: stdout is {out!r}, expected {want!r}")
    check("closed by Ponte: 1000" in err, f"headless: stderr says {err!r}")
    blob = bytes(range(256)) * 4 + b"\r\n\x1a\r\r\n\n"
    code, out, err = ponte(["--headless", "--local-echo", "--binary-stdin"], blob)
    check(code == 0 and out == b"b64:" + base64.b64encode(blob) + b"\n",
          f"binary: exit {code}, stdout {out[:80]!r}: {err}")


def case_peer():
    peer, port = start_peer("--mode", "echo")
    code, out, err = ponte(["--headless", f"ws://127.0.0.1:{port}/", "--count", "2"],
                           "to linux\nolá, peer ✓\n".encode())
    said = stop_peer(peer)
    check(code == 0, f"peer: exit {code}: {err}")
    check(out.decode() == "to linux\nolá, peer ✓\n", f"peer: stdout {out!r}")
    check("closed 1000" in said, f"peer: the peer printed {said!r}")


def case_refused():
    # Nothing listening: refused, named, status 1.
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    free = s.getsockname()[1]
    s.close()
    start = time.monotonic()
    code, out, err = ponte(["--headless", f"ws://127.0.0.1:{free}/"], b"x\n")
    took = time.monotonic() - start
    check(code == 1 and "refused" in err, f"refused: exit {code}: {err}")
    check(took < 20, f"refused: took {took:.1f} s")



def make_certs(d):
    def run(*args):
        subprocess.run(["openssl"] + list(args), check=True, capture_output=True, cwd=d)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Ponte Wine test CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=localhost")
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    run("x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der")


def case_tls():
    d = tempfile.mkdtemp(prefix="ponte-wine-tls-")
    try:
        make_certs(d)
        peer, port = start_peer("--mode", "echo", "--tls", os.path.join(d, "server.pem"),
                                os.path.join(d, "server.key"))
        url = f"wss://localhost:{port}/"
        code, out, err = ponte(["--headless", url, "--count", "1"], b"untrusted\n")
        check(code == 1 and out == b"" and "certificate" in err.lower(),
              f"tls untrusted: exit {code}, {out!r}: {err}")
        code, out, err = ponte(["--headless", url, "--count", "1", "--ca-file", os.path.join(d, "ca.pem")],
                               b"with --ca-file\n")
        check(code == 0 and out == b"with --ca-file\n", f"tls --ca-file: exit {code}, {out!r}: {err}")
        # The Windows store: lws 4.3 copies its ROOT certificates into the
        # client's OpenSSL store.
        p = subprocess.run(["wine", HELPER, "add", os.path.join(d, "ca.der")], capture_output=True,
                           env=wine_env(), timeout=60)
        check(p.returncode == 0, f"adding the CA to ROOT: {p.returncode} {p.stdout!r} {p.stderr!r}")
        try:
            code, out, err = ponte(["--headless", url, "--count", "1"], b"trusted by Windows\n")
            check(code == 0 and out == b"trusted by Windows\n",
                  f"tls Windows store: exit {code}, {out!r}: {err}")
        finally:
            subprocess.run(["wine", HELPER, "remove", os.path.join(d, "ca.der")], capture_output=True,
                           env=wine_env(), timeout=60)
        stop_peer(peer)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def case_interrupt():
    # stdin stays open, so only the interrupt can end it.
    p = subprocess.Popen(["wine", PONTE, "--headless", "--local-echo"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=wine_env())
    p.stdin.write(b"before the interrupt\n")
    p.stdin.flush()
    line = p.stdout.readline()
    check(line == b"before the interrupt\n", f"interrupt: echo before {line!r}")
    p.send_signal(signal.SIGINT)
    try:
        code = p.wait(timeout=15)
    except subprocess.TimeoutExpired:
        p.kill()
        code = None
    err = p.stderr.read().decode("utf-8", "replace")
    check(code == 1, f"interrupt: exit {code} (1 expected, as on Linux): {err}")


def case_appdata():
    peer, port = start_peer("--mode", "echo")
    env = wine_env()
    # %APPDATA% of the prefix's user, as Wine maps it.
    p = subprocess.run(["wine", "cmd", "/c", "echo", "%APPDATA%"], capture_output=True, env=env, timeout=60)
    appdata = p.stdout.decode().strip()
    unix = subprocess.run(["winepath", "-u", appdata], capture_output=True, env=env,
                          timeout=60).stdout.decode().strip()
    check(appdata and unix and os.path.isdir(unix), f"appdata: {appdata!r} -> {unix!r}")
    ini = os.path.join(unix, "ponte", "ponte.ini")
    os.makedirs(os.path.dirname(ini), exist_ok=True)
    with open(ini, "w") as f:
        f.write(f"url = ws://127.0.0.1:{port}/\ncount = 1\nno-such-key = 1\n")
    try:
        code, out, err = ponte(["--headless"], b"from APPDATA\n")
        check(code == 0 and out == b"from APPDATA\n", f"appdata: exit {code}, {out!r}: {err}")
        check("ponte.ini:3" in err and "no-such-key" in err, f"appdata: the bad line is not named: {err!r}")
    finally:
        os.remove(ini)
        stop_peer(peer)


def case_window():
    artifacts = os.environ.get("PONTE_ARTIFACTS") or os.path.join(os.getcwd(), "meson-logs")
    os.makedirs(artifacts, exist_ok=True)
    xvfb, display = xsession.start_xvfb("wine_e2e window")
    d = tempfile.mkdtemp(prefix="ponte-wine-window-")
    transcript = os.path.join(d, "t.jsonl")
    env = wine_env(display)
    p = subprocess.Popen(["wine", PONTE, "--local-echo", "--transcript", transcript],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        window = xsession.poll(lambda: xsession.find_window(env), timeout=60)
        if not check(window, "window: no window named Ponte appeared"):
            return
        connected = xsession.poll(lambda: any(e.get("event") == "connected" for e in xsession.events(transcript)),
                                  timeout=30)
        check(connected, "window: not connected to the built-in server")
        message = "Hello from Wine"
        subprocess.run(["xdotool", "windowactivate", "--sync", str(window)], env=env, capture_output=True)
        subprocess.run(["xdotool", "windowfocus", "--sync", str(window)], env=env, capture_output=True)
        time.sleep(0.5)
        subprocess.run(["xdotool", "type", "--delay", "30", message], env=env, check=True)
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True)

        def echoed():
            return [e for e in xsession.events(transcript) if e.get("event") == "received"]
        got = xsession.poll(echoed, timeout=20)
        check(got and got[0].get("text") == message, f"window: the echo was {got!r}")
        time.sleep(1.0)
        img = e2e.grab(env, window)
        save_png(img, os.path.join(artifacts, "windows-window.png"))
        check_screen(img)
        # taskkill posts WM_CLOSE, as a service manager would: a clean end.
        # Under Wine, about one run in six the first WM_CLOSE never reached
        # the window (Ponte idle, its window up for seconds): a second
        # taskkill is sent then, and said so, as a service manager's retry
        # would be; a Ponte that ignores both fails.
        code = None
        for attempt in (1, 2):
            tk = subprocess.run(["wine", "taskkill", "/IM", "ponte.exe"], env=env, capture_output=True,
                                timeout=60)
            try:
                code = p.wait(timeout=15)
                break
            except subprocess.TimeoutExpired:
                print(f"window: taskkill {attempt} did not end Ponte (taskkill said "
                      f"{tk.returncode} {tk.stdout.decode(errors='replace').strip()!r})", flush=True)
        if code is None:
            p.kill()
        check(code == 0, f"window: taskkill: exit {code}")
        events = [e.get("event") for e in xsession.events(transcript)]
        check(events and events[-1] in ("closed", "stopped", "disconnected", "closing"),
              f"window: the transcript ends with {events[-3:]!r}")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(d, ignore_errors=True)


def save_png(img, path):
    ppm = path[:-4] + ".ppm"
    with open(ppm, "wb") as f:
        f.write(b"P6 %d %d 255\n" % (img.width, img.height) + img.data)
    subprocess.run(["convert", ppm, path], check=True)
    os.remove(ppm)


def reddish(img, x0, y0, x1, y1):
    """Pixels of red text (antialiased: strongly red, little green or blue)."""
    n = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            r, g, b = img.pixel(x, y)
            n += r > 140 and g < 90 and b < 90
    return n


def check_screen(img):
    w, h = img.width, img.height
    bottom = h - e2e.INPUT_ROW_H
    # The text box: its focused border (blue) at the bottom left.
    box, _ = img.find(e2e.INPUT_FOCUS, 0, bottom, w // 2, h)
    grey, _ = img.find(e2e.INPUT_BORDER, 0, bottom, w // 2, h)
    check(box + grey >= 100, f"screen: no text box border at the bottom ({box} + {grey} pixels)")
    # The Send button: the box is empty again, so it shows its disabled
    # grey, a wide block right of the middle.
    send, sbox = img.find(e2e.DISABLED_BG, w // 2, bottom, w, h)
    check(send >= 1500, f"screen: no Send button ({send} grey pixels at the bottom right)")
    # The Close connection button: red text right of Send.
    red = reddish(img, sbox[2] if sbox else w // 2, bottom, w, h)
    check(red >= 40, f"screen: no Close connection button ({red} red text pixels right of Send)")
    # The echoed bubble: white, bordered, at the left of the list; the sent
    # one, blue, at the right.
    white_rows = 0
    for y in range(e2e.TOP_H, bottom):
        count, bx = img.find(e2e.RECEIVED_BG, 0, y, w // 2, y + 1)
        if count >= 60 and bx[0] <= e2e.LIST_PAD_X + 8:
            white_rows += 1
    check(white_rows >= 30, f"screen: no received bubble ({white_rows} white rows at the left)")
    border, _ = img.find(e2e.BAR_BORDER, 0, e2e.TOP_H, w // 2, bottom)
    check(border >= 40, f"screen: the received bubble has no border ({border} pixels)")
    sent, _ = img.find(e2e.SENT_BG, w // 2, e2e.TOP_H, w, bottom)
    check(sent >= 1500, f"screen: no sent bubble ({sent} blue pixels)")
    dot, _ = img.find(e2e.DOT_CONNECTED, 0, e2e.BAR_H, 48, e2e.TOP_H)
    check(dot >= 10, "screen: the status dot is not green")


CASES = {"headless": case_headless, "peer": case_peer, "refused": case_refused, "tls": case_tls, "interrupt": case_interrupt,
         "appdata": case_appdata, "window": case_window}

if __name__ == "__main__":
    CASES[CASE]()
    print(f"wine-{CASE}: " + (f"{len(failures)} check(s) failed" if failures else "every check passed"))
    sys.exit(1 if failures else 0)
