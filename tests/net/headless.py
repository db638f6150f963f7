#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""headless: the terminal mode (`ponte --headless`), the real binary.

    /usr/bin/python3 tests/net/headless.py PATH/TO/ponte

Each case runs ponte with stdin, stdout and stderr piped, against the
built-in echo server or a server started here with Debian's
python3-websockets on 127.0.0.1, and checks stdout, the exit status, and
what the server saw. Prints "headless: N passed, N failed".
"""

import asyncio
import base64
import logging
import os
import subprocess
import sys
import threading

import websockets

PONTE = sys.argv[1]

# No configuration file or PONTE_* variable of the person running the tests
# may change what is tested.
_CONFIG = os.path.join(os.environ.get("TMPDIR", "/tmp"), "ponte-headless-no-config")
for _name in [n for n in os.environ if n.startswith("PONTE_") and n != "PONTE_DATADIR"]:
    del os.environ[_name]
os.environ["XDG_CONFIG_HOME"] = _CONFIG
os.environ["XDG_CONFIG_DIRS"] = _CONFIG
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"headless: FAILED: {what}", file=sys.stderr)


def run(args, stdin=b"", timeout=30, env=None):
    p = subprocess.run([PONTE, "--headless", *args], input=stdin, capture_output=True, timeout=timeout,
                       env=env)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


class Server:
    """A websockets server on its own thread: handler(ws, seen) serves one
    connection; `seen` collects what the test wants to know."""

    def __init__(self, handler):
        self.seen = {"messages": [], "close": None}
        self.handler = handler
        self.port = None
        ready = threading.Event()
        self.loop = asyncio.new_event_loop()

        async def main():
            async def serve(ws, path=None):
                try:
                    await self.handler(ws, self.seen)
                finally:
                    self.seen["close"] = ws.close_code
            self.stop = asyncio.get_running_loop().create_future()
            async with websockets.serve(serve, "127.0.0.1", 0, max_size=None) as server:
                self.port = next(iter(server.sockets)).getsockname()[1]
                ready.set()
                await self.stop

        self.thread = threading.Thread(target=lambda: self.loop.run_until_complete(main()), daemon=True)
        self.thread.start()
        ready.wait(10)

    def url(self):
        return f"ws://127.0.0.1:{self.port}/"

    def close(self):
        self.loop.call_soon_threadsafe(self.stop.set_result, None)
        self.thread.join(10)


async def record(ws, seen):
    async for m in ws:
        seen["messages"].append(m)


def main():
    logging.basicConfig(level=logging.CRITICAL)  # closes provoked on purpose
    # Lines to the built-in echo server: each comes back as a line, in
    # order; the end of stdin closes normally: exit 0. One line is longer
    # than a read (4 KiB), so that it grows its buffer more than once.
    lines = [f"line {i} ação ✓" for i in range(2000)]
    lines[1000] = "long " + "ação ✓ " * 3000
    code, out, err = run(["--local-echo"], ("\n".join(lines) + "\n").encode())
    check(code == 0, f"echo: exit {code}: {err}")
    check(out.decode().split("\n")[:-1] == lines, "echo: stdout is not the lines, in order")
    check("closed by Ponte: 1000" in err, f"echo: stderr says {err!r}")

    # Binary chunks come back as base64 lines.
    blob = bytes(range(256)) * 3
    code, out, err = run(["--local-echo", "--binary-stdin"], blob)
    check(code == 0 and out == b"b64:" + base64.b64encode(blob) + b"\n", f"binary: exit {code}, {out[:60]!r}")

    # What the server sees: the lines as text messages, then a close 1000
    # once all are sent.
    s = Server(record)
    code, out, err = run([s.url()], b"one\ntwo\r\nthree")
    s.close()
    check(code == 0, f"to a server: exit {code}: {err}")
    check(s.seen["messages"] == ["one", "two", "three"], f"the server saw {s.seen['messages']}")
    check(s.seen["close"] == 1000, f"the server saw close {s.seen['close']}")

    # The configuration file: $XDG_CONFIG_HOME/ponte/ponte.ini sets the
    # server and --count; a bad line is named with its file and line, and
    # the rest applies.
    s = Server(record)
    ini_dir = os.path.join(_CONFIG, "ponte")
    os.makedirs(ini_dir, exist_ok=True)
    ini = os.path.join(ini_dir, "ponte.ini")
    with open(ini, "w") as f:
        f.write(f"# for the test\nurl = {s.url()}\nping-interval = never\n")
    code, out, err = run([], b"from the file\n")
    s.close()
    os.remove(ini)
    check(code == 0 and s.seen["messages"] == ["from the file"], f"config: exit {code}, seen {s.seen['messages']}: {err}")
    check(f"ponte: {ini}:3: ping-interval: must be whole seconds" in err, f"config: stderr {err!r}")
    # PONTE_URL, and the command line over it.
    env = dict(os.environ)
    env["PONTE_URL"] = "ws://127.0.0.1:9/nowhere"
    s = Server(record)
    code, out, err = run([s.url()], b"cli wins\n", env=env)
    s.close()
    check(code == 0 and s.seen["messages"] == ["cli wins"], f"env: exit {code}: {err}")

    # --count: closes after N received messages.
    async def chatty(ws, seen):
        for i in range(10):
            await ws.send(f"news {i}")
        await record(ws, seen)
    s = Server(chatty)
    p = subprocess.Popen([PONTE, "--headless", "--count", "3", s.url()], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate(timeout=30)  # stdin left open: --count ends it
    s.close()
    check(p.returncode == 0 and out.decode().split("\n")[:-1] == ["news 0", "news 1", "news 2"],
          f"count: exit {p.returncode}, {out!r}")

    # --echo-back: every message answered with itself, text and binary,
    # until the server closes (stdin ends at once).
    async def prober(ws, seen):
        probes = ["hello", b"\x00\x01\xff", "ação", b""]
        for m in probes:
            await ws.send(m)
            seen["messages"].append(await ws.recv())
        await ws.close(1000, "done")
    s = Server(prober)
    code, out, err = run(["--echo-back", s.url()])
    s.close()
    check(s.seen["messages"] == ["hello", b"\x00\x01\xff", "ação", b""],
          f"echo-back: the server got {s.seen['messages']}")
    check(code == 0, f"echo-back: exit {code}: {err}")

    # Errors: exit 1 with the reason on stderr, nothing on stdout.
    code, out, err = run(["ws://127.0.0.1:1/"], b"lost\n")
    check(code == 1 and out == b"" and "connection refused" in err, f"refused: exit {code}, {err!r}")

    # A server that closes with an error code: exit 1.
    async def rude(ws, seen):
        await ws.close(1011, "broken")
    s = Server(rude)
    # (stdin stays open, so the end of stdin does not close first)
    r, w = os.pipe()
    p = subprocess.Popen([PONTE, "--headless", s.url()], stdin=r, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    os.close(r)
    out, err = p.communicate(timeout=30)
    os.close(w)
    s.close()
    check(p.returncode == 1 and b"1011" in err, f"server error close: exit {p.returncode}, {err!r}")

    # Through an HTTP proxy named by http_proxy (tests/net/peers/proxy.py, with
    # Basic credentials): the server gets the lines, stderr names the
    # proxy and never the password; no_proxy naming the host goes around it.
    proxy = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "peers", "proxy.py"),
                              "--auth", "ponte:pa ss"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    proxy_port = int(proxy.stdout.readline())
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["http_proxy"] = f"http://ponte:pa%20ss@127.0.0.1:{proxy_port}"
    s = Server(record)
    code, out, err = run([s.url()], b"via\nproxy\n", env=env)
    env["no_proxy"] = "localhost,127.0.0.1"
    code2, out2, err2 = run([s.url()], b"direct\n", env=env)
    s.close()
    proxy.stdin.close()
    log = proxy.stdout.read().decode()
    proxy.wait(10)
    check(code == 0 and f"via proxy 127.0.0.1:{proxy_port}" in err and "pa ss" not in err,
          f"proxy: exit {code}: {err!r}")
    check(code2 == 0 and "via proxy" not in err2, f"no_proxy: exit {code2}: {err2!r}")
    check(s.seen["messages"] == ["via", "proxy", "direct"], f"proxy: the server saw {s.seen['messages']}")
    check(f"CONNECT 127.0.0.1:{s.port} auth=ok -> 200" in log and "connects 1" in log, f"proxy log: {log!r}")
    # An invalid --proxy: exit 2 before anything, its password not shown.
    p = subprocess.run([PONTE, "--headless", "--proxy", "http://u:s3cr3tpw@p:0", s.url()], capture_output=True,
                       timeout=10)
    check(p.returncode == 2 and b"--proxy must be" in p.stderr and b"s3cr3tpw" not in p.stderr,
          f"bad --proxy: {p.returncode} {p.stderr[:200]!r}")

    # Flags that belong to the terminal mode need it.
    p = subprocess.run([PONTE, "--echo-back"], capture_output=True, timeout=10)
    check(p.returncode == 2 and b"go with --headless" in p.stderr, f"--echo-back alone: {p.returncode}")

    print(f"headless: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
