#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""slash: the terminal mode's frame commands (`ponte --headless --slash`),
the real binary, against tests/net/peers/frames_peer.py (Debian's
python3-websockets server printing every frame it reads).

    /usr/bin/python3 tests/net/slash.py PATH/TO/ponte PATH/TO/frames_peer.py

Each case pipes lines into ponte and checks what the server read, frame by
frame (opcode, FIN, payload), what ponte said on stderr and stdout, its exit
status and its transcript. Prints "slash: N passed, N failed".
"""

import json
import os
import subprocess
import sys
import tempfile

PONTE, PEER = sys.argv[1], sys.argv[2]
PYTHON = os.environ.get("PONTE_PYTHON", "/usr/bin/python3")

# ponte's environment: no configuration file or PONTE_* variable of the
# person running the tests (but the build's fonts) changes what is tested.
NOWHERE = os.path.join(os.environ.get("TMPDIR", "/tmp"), "ponte-slash-no-config")
ENV = {k: v for k, v in os.environ.items() if not k.startswith("PONTE_") or k == "PONTE_DATADIR"}
ENV.update(XDG_CONFIG_HOME=NOWHERE, XDG_CONFIG_DIRS=NOWHERE)
results = []  # (ok, what) per check


def check(ok, what):
    results.append((bool(ok), what))
    if not ok:
        print(f"slash: FAILED: {what}", file=sys.stderr)


def run(lines, slash=True, more=()):
    """Runs ponte on a fresh peer with lines on stdin; returns (status,
    stdout lines, stderr, the peer's frames as (opcode, fin, hex), the
    transcript's records)."""
    peer = subprocess.Popen([PYTHON, PEER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = int(peer.stdout.readline())
    with tempfile.TemporaryDirectory() as tmp:
        transcript = os.path.join(tmp, "t.jsonl")
        args = [PONTE, "--headless", "--ping-interval", "0", "--transcript", transcript]
        if slash:
            args.append("--slash")
        args += more
        p = subprocess.run(args + [f"ws://127.0.0.1:{port}/"], input=b"".join(l + b"\n" for l in lines),
                           capture_output=True, timeout=30, env=ENV)
        with open(transcript, encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
    peer.stdin.close()  # (its signal to end)
    out = peer.stdout.read()
    peer.wait(10)
    frames = []
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "frame":
            frames.append((int(parts[1]), int(parts[2]), parts[3]))
    return p.returncode, p.stdout.decode().splitlines(), p.stderr.decode(errors="replace"), frames, records


def events(records, name):
    return [r for r in records if r["event"] == name]


def hexof(data):
    return data.hex() or "-"


def test_commands():
    status, out, err, frames, records = run(
        [b"plain", b"/ping abc", b"/fragments 4 hello fragmented world", b"/pong x", b"//slash"])
    check(status == 0, f"commands: exit status {status}, stderr {err!r}")
    check(out == ["plain", "hello fragmented world", "/slash"], f"commands: stdout {out!r}")
    want = [(1, 1, hexof(b"plain")), (9, 1, hexof(b"abc")),
            (1, 0, hexof(b"hello")), (0, 0, hexof(b" fragm")), (0, 0, hexof(b"ented")), (0, 1, hexof(b" world")),
            (10, 1, hexof(b"x")), (1, 1, hexof(b"/slash")), (8, 1, hexof(b"\x03\xe8"))]
    check(frames == want, f"commands: the server read {frames!r}, wanted {want!r}")
    for line in ("ponte: ping sent: abc", "ponte: sent in 4 fragments", "ponte: pong sent: x"):
        check(line in err.splitlines(), f"commands: stderr has no {line!r}: {err!r}")
    check(any(l.startswith("ponte: pong after ") and l.endswith(" \u00b5s: abc") for l in err.splitlines()),
          f"commands: no round trip on stderr: {err!r}")
    pings = events(records, "ping_sent")
    check([r["text"] for r in pings] == ["abc"], f"commands: transcript ping_sent {pings!r}")
    pongs = events(records, "pong_received")
    check(len(pongs) == 1 and pongs[0]["text"] == "abc" and 0 < pongs[0]["rtt_us"] < 5_000_000,
          f"commands: transcript pong_received {pongs!r}")
    sent = events(records, "sent")
    check([s.get("fragments") for s in sent] == [None, 4, None] and sent[1]["text"] == "hello fragmented world",
          f"commands: transcript sent {sent!r}")
    check([r["text"] for r in events(records, "pong_sent")] == ["x"], "commands: transcript pong_sent")


def test_refused():
    long_ping = b"/ping " + b"p" * 126
    status, out, err, frames, records = run(
        [b"/close 1005", b"/close 2000 x", b"/bogus", long_ping, b"/fragments 1 x", b"/invalid \\xc3\\xa9",
         b"/close 4000 \xff"])
    check(status == 0, f"refused: exit status {status}")
    lines = err.splitlines()
    for want in ("ponte: not sent: /close 1005: close codes 1005, 1006 and 1015 only report a close, and are never sent",
                 "ponte: not sent: /close 2000 x: close codes 1016 to 2999 are reserved for the protocol",
                 "ponte: not sent: /bogus: unknown command: /ping, /pong, /close, /fragments, /invalid, or // for a "
                 "message that starts with /",
                 "ponte: not sent: /fragments 1 x: a message goes in 2 to 1000 fragments",
                 "ponte: not sent: /invalid \\xc3\\xa9: these bytes are valid UTF-8"):
        check(want in lines, f"refused: stderr has no {want!r}: {err!r}")
    check(any(l.startswith("ponte: not sent: /ping ppp") and l.endswith(": a ping or pong carries at most 125 bytes")
              for l in lines), f"refused: the long ping: {err!r}")
    check(any(l.endswith(": a close reason must be valid UTF-8") for l in lines), f"refused: the reason: {err!r}")
    check(frames == [(8, 1, hexof(b"\x03\xe8"))], f"refused: the server read {frames!r}, wanted only the close 1000")
    check(not events(records, "sent") and not events(records, "ping_sent"), f"refused: transcript {records!r}")


def test_close():
    status, out, err, frames, records = run([b"/close 4001 bye now"])
    check(status == 0, f"close: exit status {status}")
    check(frames == [(8, 1, hexof(b"\x0f\xa1bye now"))], f"close: the server read {frames!r}")
    check("ponte: closed by Ponte: 4001 bye now" in err.splitlines(), f"close: stderr {err!r}")
    closed = events(records, "closed")
    check(closed and closed[0]["code"] == 4001 and closed[0]["reason"] == "bye now" and closed[0]["by"] == "client",
          f"close: transcript {closed!r}")


def test_invalid():
    status, out, err, frames, records = run([b"/invalid caf\\xc3("])
    check(status == 1, f"invalid: exit status {status} (the server closed with 1007)")
    check(frames[:1] == [(1, 1, hexof(b"caf\xc3("))], f"invalid: the server read {frames!r}")
    check("ponte: closed by the server: 1007" in err.splitlines(), f"invalid: stderr {err!r}")
    sent = events(records, "sent")
    check(sent and sent[0].get("invalid_utf8") is True and sent[0]["base64"] == "Y2Fmwyg=",
          f"invalid: transcript {sent!r}")
    closed = events(records, "closed")
    check(closed and closed[0]["code"] == 1007 and closed[0]["by"] == "server", f"invalid: closed {closed!r}")


def test_without_slash():
    """Plain lines stay plain: without --slash, /ping is a message."""
    status, out, err, frames, records = run([b"/ping abc", b"//x"], slash=False)
    check(status == 0 and out == ["/ping abc", "//x"], f"without --slash: status {status}, stdout {out!r}")
    check(frames[:2] == [(1, 1, hexof(b"/ping abc")), (1, 1, hexof(b"//x"))], f"without --slash: {frames!r}")
    # With --binary-stdin, stdin is bytes: --slash finds no commands in it.
    status, out, err, frames, records = run([b"/ping abc"], more=["--binary-stdin"])
    check(status == 0 and frames[:1] == [(2, 1, hexof(b"/ping abc\n"))], f"--binary-stdin: {status} {frames!r}")


def main():
    for test in (test_commands, test_refused, test_close, test_invalid, test_without_slash):
        before = len(results)
        test()
        ok = all(r[0] for r in results[before:])
        print(f"{test.__name__}: {'ok' if ok else 'FAILED'}", file=sys.stderr)
    failed = sum(1 for r in results if not r[0])
    print(f"slash: {len(results) - failed} passed, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
