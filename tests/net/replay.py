#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""replay: `ponte --headless --replay FILE` and `--expect`, the real binary.

    /usr/bin/python3 tests/net/replay.py PATH/TO/ponte PATH/TO/frames_peer.py

The round trip record -> replay -> expect against the built-in echo server
and against Debian's python3-websockets; a server that changes a JSON field
(named in the diff; passing with --ignore); the JUnit report read back with
xml.etree; HAR files in Chrome's and Firefox's shapes; --replay-speed 0
and 2 measured on the sent times of the replay's own transcript; the
frames a replay writes (fragments, binary, invalid UTF-8, pings, pongs) as
frames_peer.py reads them; damaged recordings and a connection lost
mid-replay. The same on libwebsockets 4.1.6 (Debian 12) and 4.3.5 (Debian
13): nothing here depends on lws's version. Prints "replay: N passed, N
failed".
"""

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from headless import Server, run  # noqa: E402  (the same runner and servers as headless.py)

PONTE, PEER = sys.argv[1], sys.argv[2]
PYTHON = os.environ.get("PONTE_PYTHON", "/usr/bin/python3")
TMP = tempfile.mkdtemp(prefix="ponte-replay-")
results = []


def check(ok, what):
    results.append(bool(ok))
    if not ok:
        print(f"replay: FAILED: {what}", file=sys.stderr)


def path(name):
    return os.path.join(TMP, name)


def write(name, text):
    with open(path(name), "w", encoding="utf-8") as f:
        f.write(text)
    return path(name)


def records(name):
    with open(path(name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


async def echo(ws, seen):
    async for m in ws:
        seen["messages"].append(m)
        await ws.send(m)


def changing(change):
    """A server that echoes, but changes each JSON object with change(obj)."""
    async def handler(ws, seen):
        async for m in ws:
            seen["messages"].append(m)
            if isinstance(m, str):
                try:
                    v = json.loads(m)
                except ValueError:
                    v = None
                if isinstance(v, dict):
                    change(v)
                    m = json.dumps(v)
            await ws.send(m)
    return handler


JSON_LINE = '{"id":1,"n":1.0,"items":[{"id":5,"v":"a"},{"id":6,"v":"b"}]}'
BLOB = bytes(range(256))


def record():
    """A session with the built-in echo server: text, JSON, a ping and a
    fragmented message (--slash), then a binary one (--binary-stdin), in
    one transcript (the second run appends to it)."""
    lines = ["hello", JSON_LINE, "/ping abc", "/fragments 3 one message in three", "ação ✓"]
    code, out, err = run(["--local-echo", "--slash", "--transcript", path("rec.jsonl")],
                         ("\n".join(lines) + "\n").encode())
    check(code == 0, f"record: exit {code}: {err}")
    code, out, err = run(["--local-echo", "--binary-stdin", "--transcript", path("rec.jsonl")], BLOB)
    check(code == 0, f"record binary: exit {code}: {err}")
    rec = records("rec.jsonl")
    got = [r.get("text", r.get("base64")) for r in rec if r["event"] == "received"]
    want = ["hello", JSON_LINE, "one message in three", "ação ✓", base64.b64encode(BLOB).decode()]
    check(got == want, f"record: received {got!r}")
    return want


def test_round_trip(want):
    stdout = "\n".join(want[:4] + ["b64:" + want[4]]) + "\n"
    # (a) the built-in echo server
    code, out, err = run(["--local-echo", "--replay", path("rec.jsonl"), "--expect"])
    check(code == 0, f"round trip, built-in: exit {code}: {err}")
    check(out.decode() == stdout, f"round trip, built-in: stdout {out!r}")
    check("expect: 5 of 5 messages as recorded" in err.splitlines(), f"round trip, built-in: stderr {err!r}")
    check("ponte: ping sent: abc" in err.splitlines() and "ponte: sent in 3 fragments" in err.splitlines(),
          f"round trip, built-in: the ping and the fragments: {err!r}")
    # (b) python3-websockets
    s = Server(echo)
    code, out, err = run(["--replay", path("rec.jsonl"), "--expect", s.url()])
    s.close()
    check(code == 0, f"round trip, websockets: exit {code}: {err}")
    check(out.decode() == stdout, f"round trip, websockets: stdout {out!r}")
    check(s.seen["messages"] == want[:4] + [BLOB], f"round trip, websockets: the server saw {s.seen['messages']!r}")
    check(s.seen["close"] == 1000, f"round trip, websockets: close {s.seen['close']}")
    check("expect: 5 of 5 messages as recorded" in err.splitlines(), f"round trip, websockets: stderr {err!r}")
    # Without --expect: the same replay, nothing compared.
    code, out, err = run(["--local-echo", "--replay", path("rec.jsonl")])
    check(code == 0 and out.decode() == stdout and "expect:" not in err, f"replay alone: exit {code}: {err}")


def test_changed_field():
    def change(v):
        v["id"] = v.get("id", 0) + 1
        v["ts"] = time.time()
    s = Server(changing(change))
    code, out, err = run(["--replay", path("rec.jsonl"), "--expect", "--junit", path("j.xml"), s.url()])
    check(code == 1, f"changed: exit {code}")
    lines = err.splitlines()
    check("  $.id: recorded 1, received 2" in lines, f"changed: $.id not in the diff: {err!r}")
    check(any(l.startswith("  $.ts: recorded (none), received ") for l in lines), f"changed: $.ts: {err!r}")
    check(any(l.startswith("message 2 (recorded at ") for l in lines), f"changed: the message's number: {err!r}")
    check("expect: 4 of 5 messages as recorded; 1 differ" in lines, f"changed: summary: {err!r}")
    try:
        suite = ET.parse(path("j.xml")).getroot().find("testsuite")
        cases = suite.findall("testcase")
        failures = [c.find("failure") for c in cases if c.find("failure") is not None]
        check(suite.get("tests") == "5" and suite.get("failures") == "1" and len(cases) == 5,
              f"junit: {suite.attrib!r}")
        check(len(failures) == 1 and "$.id: recorded 1, received 2" in failures[0].text and
              cases[1].find("failure") is not None, "junit: the failure is not message 2's diff")
    except (ET.ParseError, OSError, AttributeError) as e:
        check(False, f"junit: {e}")
    code, out, err = run(["--replay", path("rec.jsonl"), "--expect", "--ignore", "$.id", "--ignore", "$.ts",
                          "--junit", path("j2.xml"), s.url()])
    check(code == 0, f"changed, ignored: exit {code}: {err}")
    suite = ET.parse(path("j2.xml")).getroot().find("testsuite")
    check(suite.get("failures") == "0", f"junit, ignored: {suite.attrib!r}")
    s.close()

    # A field in every element of an array: $.items[*].id.
    def change_items(v):
        for item in v.get("items", []):
            item["id"] += 100
    s = Server(changing(change_items))
    code, out, err = run(["--replay", path("rec.jsonl"), "--expect", s.url()])
    check(code == 1 and "  $.items[0].id: recorded 5, received 105" in err.splitlines() and
          "  $.items[1].id: recorded 6, received 106" in err.splitlines(), f"items: exit {code}: {err!r}")
    code, out, err = run(["--replay", path("rec.jsonl"), "--expect", "--ignore", "$.items[*].id", s.url()])
    check(code == 0, f"items, ignored: exit {code}: {err}")
    s.close()

    # Members in another order and numbers written otherwise are the same.
    def reorder(v):
        items = v.pop("items", None)
        if items is not None:
            v["items"] = items
    s = Server(changing(reorder))
    code, out, err = run(["--replay", path("rec.jsonl"), "--expect", s.url()])
    check(code == 0, f"reordered: exit {code}: {err}")  # (json.dumps writes 1.0 as 1.0, the order changed)
    s.close()


def test_extra_and_missing():
    async def twice(ws, seen):
        async for m in ws:
            await ws.send(m)
            await ws.send(m)
    s = Server(twice)
    code, out, err = run(["--replay", path("rec.jsonl"), "--expect", s.url()])
    s.close()
    check(code == 1 and "not in the recording" in err, f"extra: exit {code}: {err!r}")

    async def mute(ws, seen):
        async for m in ws:
            pass
    s = Server(mute)
    start = time.monotonic()
    code, out, err = run(["--replay", path("rec.jsonl"), "--expect", s.url()])
    took = time.monotonic() - start
    s.close()
    check(code == 1 and err.count("  never received") == 5 and "5 missing" in err, f"missing: exit {code}: {err!r}")
    # (the wait: the recording's last send to its last answer, plus 3 s)
    check(3 <= took < 15, f"missing: waited {took:.1f} s")


HAR_CHROME = {
    "log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": [],
            "entries": [
                {"request": {"method": "GET", "url": "http://127.0.0.1/app.js", "headers": []},
                 "response": {"status": 200}},
                {"_resourceType": "websocket", "startedDateTime": "2026-11-25T04:05:06.000Z",
                 "request": {"method": "GET", "url": "URL", "headers": [{"name": "Upgrade", "value": "websocket"}]},
                 "response": {"status": 101},
                 "_webSocketMessages": [
                     {"type": "send", "time": 1795579506.123456, "opcode": 1, "data": '{"op":"hi","n":2}'},
                     {"type": "receive", "time": 1795579506.25, "opcode": 1, "data": '{"op":"hi","n":2}'},
                     {"type": "send", "time": 1795579506.5, "opcode": 2, "data": "AAH/eA=="},
                     {"type": "receive", "time": 1795579506.625, "opcode": 2, "data": "AAH/eA=="},
                     {"type": "send", "time": 1795579506.75, "opcode": 1, "data": "caf\u00e9"},
                     {"type": "receive", "time": 1795579506.875, "opcode": 1, "data": "caf\u00e9"}]}]}}


def firefox_har(url):
    # Firefox: compact, the messages before the request.
    return ('{"log":{"version":"1.2","creator":{"name":"Firefox","version":"140.0"},"entries":[{'
            '"_webSocketMessages":[{"type":"send","time":1795579506.5,"opcode":1,"data":"ping"},'
            '{"type":"receive","time":1795579506.875,"opcode":1,"data":"ping"},'
            '{"type":"send","time":1795579507,"opcode":2,"data":"3q2+7w=="},'
            '{"type":"receive","time":1795579507.125,"opcode":2,"data":"3q2+7w=="}],'
            '"request":{"bodySize":0,"method":"GET","url":"' + url + '","httpVersion":"HTTP/1.1"},'
            '"response":{"status":101}}]}}')


def test_har():
    s = Server(echo)
    chrome = json.loads(json.dumps(HAR_CHROME).replace('"URL"', json.dumps(s.url())))
    write("chrome.har", json.dumps(chrome, indent=2))
    write("firefox.har", firefox_har(s.url()))
    # No URL given: the one the HAR recorded.
    code, out, err = run(["--replay", path("chrome.har"), "--expect"])
    check(code == 0 and "expect: 3 of 3 messages as recorded" in err.splitlines(), f"chrome: exit {code}: {err}")
    check(out.decode().splitlines() == ['{"op":"hi","n":2}', "b64:AAH/eA==", "café"], f"chrome: stdout {out!r}")
    code, out, err = run(["--replay", path("firefox.har"), "--expect"])
    check(code == 0 and "expect: 2 of 2 messages as recorded" in err.splitlines(), f"firefox: exit {code}: {err}")
    check(s.seen["messages"][-2:] == ["ping", bytes.fromhex("deadbeef")], f"firefox: {s.seen['messages']!r}")
    s.close()
    # The built-in server, its URL given over the HAR's.
    code, out, err = run(["--local-echo", "--replay", path("chrome.har"), "--expect"])
    check(code == 0, f"chrome, built-in: exit {code}: {err}")


def sent_span(name):
    times = [r["ts"] for r in records(name) if r["event"] == "sent"]
    from datetime import datetime
    parse = lambda t: datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()  # noqa: E731
    return parse(times[-1]) - parse(times[0]), len(times)


def test_speed():
    # Three messages 1.5 s apart: 3 s as recorded.
    rec = "".join(json.dumps({"ts": f"2026-11-25T04:05:{6 + 1.5 * i:09.6f}Z", "event": e, "text": f"m{i}"}) + "\n"
                  for i in range(3) for e in ("sent", "received"))
    write("slow.jsonl", rec)
    for speed, low, high in (("0", 0, 0.9), ("2", 1.4, 2.9), ("1", 2.9, 4.5)):  # (1 ms of rounding below)
        out_name = f"speed{speed}.jsonl"
        code, out, err = run(["--local-echo", "--replay", path("slow.jsonl"), "--replay-speed", speed, "--expect",
                              "--transcript", path(out_name)])
        span, n = sent_span(out_name)
        check(code == 0 and n == 3, f"speed {speed}: exit {code}, {n} sent: {err}")
        check(low <= span <= high, f"speed {speed}: sent over {span:.2f} s, wanted {low} to {high}")


def test_frames():
    """What frames_peer.py reads from a replay: each recorded frame as sent."""
    rec = [("sent", {"text": "one message in three", "fragments": 3}),
           ("sent", {"base64": base64.b64encode(b"\x00\x01\xfe").decode()}),
           ("ping_sent", {"text": "pp"}), ("pong_sent", {"text": "qq"}),
           ("sent", {"base64": base64.b64encode(b"caf\xc3(").decode(), "invalid_utf8": True})]
    write("frames.jsonl", "".join(json.dumps(dict({"ts": f"2026-11-25T04:05:06.{i:06d}Z", "event": e}, **f)) + "\n"
                                  for i, (e, f) in enumerate(rec)))
    peer = subprocess.Popen([PYTHON, PEER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = int(peer.stdout.readline())
    code, out, err = run(["--ping-interval", "0", "--replay", path("frames.jsonl"), f"ws://127.0.0.1:{port}/"])
    peer.stdin.close()
    frames = [tuple(l.split()[1:]) for l in peer.stdout.read().splitlines() if l.startswith("frame ")]
    peer.wait(10)
    want = [("1", "0", b"one me".hex()), ("0", "0", b"ssage i".hex()), ("0", "1", b"n three".hex()),
            ("2", "1", "0001fe"), ("9", "1", b"pp".hex()), ("10", "1", b"qq".hex()), ("1", "1", b"caf\xc3(".hex())]
    check(frames[:7] == want, f"frames: the server read {frames!r}, wanted {want!r}")
    # (The server closes with 1007 after the invalid text, once the replay has sent all: exit 1.)
    check(code == 1 and "closed by the server: 1007" in err, f"frames: exit {code}: {err!r}")


def test_damaged():
    def bad(args, want, what):
        code, out, err = run(args)
        check(code == 2 and want in err, f"{what}: exit {code}, stderr {err!r} (wanted {want!r})")
    bad(["--local-echo", "--replay", path("nothing-here.jsonl")], "nothing-here.jsonl", "missing file")
    bad(["--local-echo", "--replay", write("empty.jsonl", "")], "empty.jsonl", "empty file")
    bad(["--local-echo", "--replay", write("junk.txt", "not a recording\x00\xff")], "junk.txt", "junk")
    bad(["--local-echo", "--replay", write("only-in.jsonl",
                                           '{"ts":"2026-11-25T04:05:06Z","event":"received","text":"x"}\n')],
        "no sent messages to replay", "nothing to replay")
    bad(["--local-echo", "--replay", write("no-ws.har", '{"log":{"version":"1.2","entries":[]}}')],
        "no sent messages to replay", "HAR without WebSocket messages")
    damaged = ('{"ts":"2026-11-25T04:05:06Z","event":"sent","text":"a"}\n'
               '{"ts":"2026-11-25T04:05:06Z","event":"rece\n'
               '{"ts":"2026-11-25T04:05:07Z","event":"received","text":"a"}\n')
    bad(["--local-echo", "--replay", write("damaged.jsonl", damaged), "--expect"], "damaged.jsonl:2: ",
        "a damaged line with --expect")
    # Without --expect, a damaged line is named and the rest replayed.
    code, out, err = run(["--local-echo", "--replay", path("damaged.jsonl")])
    check(code == 0 and "damaged.jsonl:2: " in err and out == b"a\n", f"damaged, replayed: exit {code}: {err!r}")
    bad(["--local-echo", "--replay", path("rec.jsonl"), "--expect", "--ignore", "$.items[x]"],
        "--ignore $.items[x]: column 9:", "a bad --ignore path")
    bad(["--replay", write("no-url.jsonl", '{"ts":"2026-11-25T04:05:06Z","event":"sent","text":"a"}\n')],
        "names no URL", "a recording without a URL")


def test_lost():
    async def hang_up(ws, seen):
        await ws.recv()
        await ws.close(1001, "going away")
    rec = "".join(json.dumps({"ts": f"2026-11-25T04:05:0{6 + i}Z", "event": "sent", "text": f"m{i}"}) + "\n"
                  for i in range(3))
    write("three.jsonl", rec)
    s = Server(hang_up)
    code, out, err = run(["--replay", path("three.jsonl"), s.url()])
    s.close()
    check(code == 1 and "the connection ended during the replay (1 of 3 frames sent)" in err,
          f"lost: exit {code}: {err!r}")


def test_lang():
    async def change(ws, seen):
        async for m in ws:
            await ws.send(m + "!" if isinstance(m, str) else m)
    s = Server(change)
    code, out, err = run(["--lang", "pt_BR", "--replay", path("rec.jsonl"), "--expect", s.url()])
    s.close()
    check(code == 1 and "expect: 1 de 5 mensagens como gravadas; 4 diferem" in err.splitlines(),
          f"pt_BR: exit {code}: {err!r}")


def main():
    import logging
    logging.basicConfig(level=logging.CRITICAL)  # closes provoked on purpose
    want = record()
    test_round_trip(want)
    test_changed_field()
    test_extra_and_missing()
    test_har()
    test_speed()
    test_frames()
    test_damaged()
    test_lost()
    test_lang()
    failed = results.count(False)
    print(f"replay: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
