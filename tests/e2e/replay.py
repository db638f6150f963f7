#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""replay: `ponte --replay` and `--demo` with a recording in a real window
under its own Xvfb, driven with xdotool; what went out is read from
Ponte's own transcript (--transcript):

- --local-echo --replay REC: the recorded messages go out in order, each
  gap at least the recorded one (less a little) and not many times more;
  paused or finished the window uses no CPU;
- the replay bar's Pause (a click) stops the sends, Resume goes on; typing
  in the message box pauses it too, and Resume ends that pause;
- disconnected, it waits; connected again, it goes on;
- each kind of recorded frame (text, binary, fragments, invalid UTF-8,
  ping, pong) goes out as it was; a browser's HAR file replays;
- --replay-speed 4 and 0: the span from the first to the last send
  against speed 1's (a quarter; far less);
- with no URL given, the recorded one is connected to; a recorded URL that
  cannot be used is said, and Ponte ends with status 1;
- --kiosk --demo REC: the recording loops (the first message again after
  the last), and typing pauses it.

    replay.py PATH/TO/ponte
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

from xsession import Checks, events, find_window, poll, ponte_env, start_xvfb, stop

PONTE = os.path.abspath(sys.argv[1])
ARTIFACTS = os.environ.get("PONTE_ARTIFACTS")
check = Checks()

# Layout units, as view.c and replaybar.c place the bar: under the
# connection bar (56) and the status bar (44), 44 high; its first button
# at the left, after 12 of padding.
BAR_Y = 56 + 44 + 22
TOGGLE_X = 12 + 30


def write_recording(path, count, gap_s, url="ws://127.0.0.1:9/recorded"):
    """A transcript of count messages gap_s apart, each echoed."""
    t0 = datetime.datetime(2025, 11, 25, 14, 32, 5, tzinfo=datetime.timezone.utc)

    def ts(seconds):
        return (t0 + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    with open(path, "w") as f:
        f.write(json.dumps({"ts": ts(0), "event": "connecting", "url": url}) + "\n")
        f.write(json.dumps({"ts": ts(0.05), "event": "connected", "url": url}) + "\n")
        for i in range(count):
            at = 0.1 + i * gap_s
            f.write(json.dumps({"ts": ts(at), "event": "sent", "text": f"message {i + 1}"}) + "\n")
            f.write(json.dumps({"ts": ts(at + 0.001), "event": "received", "text": f"message {i + 1}"}) + "\n")
        f.write(json.dumps({"ts": ts(0.2 + count * gap_s), "event": "closed", "code": 1000, "by": "client"}) + "\n")


def seconds(stamp):
    return datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()


def sends(transcript):
    """(time, text) of each message sent so far."""
    return [(seconds(e["ts"]), e.get("text")) for e in events(transcript) if e.get("event") == "sent"]


def geometry(env, wid):
    p = subprocess.run(["xdotool", "getwindowgeometry", "--shell", str(wid)], env=env, capture_output=True,
                       text=True)
    values = dict(line.split("=", 1) for line in p.stdout.split() if "=" in line)
    return tuple(int(values.get(k, -1)) for k in ("X", "Y", "WIDTH", "HEIGHT"))


def click(env, x, y):
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=env, check=False)


def shoot(env, name):
    if ARTIFACTS:
        subprocess.run(["import", "-window", "root", os.path.join(ARTIFACTS, name)], env=env, check=False)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def cpu_used(run, what, most):
    """Ticks of 10 ms the window used in 2 s, said and checked."""
    before = cpu_ticks(run.app.pid)
    time.sleep(2.0)
    used = cpu_ticks(run.app.pid) - before
    print(f"# CPU {what}: {used} ticks of 10 ms in 2 s", flush=True)
    return used <= most, f"{used} ticks in 2 s"


class Run:
    """One Ponte, its transcript and its window."""

    def __init__(self, env, tmp, args, connect=True):
        self.env = env
        self.transcript = os.path.join(tmp, "out.jsonl")
        if os.path.exists(self.transcript):
            os.remove(self.transcript)
        child = dict(env)
        preload = os.environ.get("PONTE_E2E_PRELOAD")  # (as e2e.py: Mesa kept mapped under ASan)
        if preload:
            child["LD_PRELOAD"] = preload
        self.app = subprocess.Popen([PONTE, "--transcript", self.transcript] + args, env=child,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.wid = None
        self.started = time.monotonic()
        if connect:
            ok = poll(lambda: any(e.get("event") == "connected" for e in events(self.transcript)), 15)
            if ok:
                time.sleep(0.3)
                self.wid = poll(lambda: find_window(env), 10)
            if not self.wid:
                check(False, "Ponte connects and shows its window", self.output())

    def output(self):
        stop(self.app)
        return self.app.stdout.read().decode(errors="replace")

    def sends(self):
        return sends(self.transcript)

    def wait_sends(self, n, timeout=15):
        return poll(lambda: len(self.sends()) >= n and self.sends(), timeout) or self.sends()

    def toggle(self):
        x, y, _, _ = geometry(self.env, self.wid)
        click(self.env, x + TOGGLE_X, y + BAR_Y)

    def type(self, text):
        subprocess.run(["xdotool", "type", "--window", str(self.wid), text], env=self.env, check=False)

    def end(self):
        return stop(self.app)


def gaps(got):
    return [round(b[0] - a[0], 3) for a, b in zip(got, got[1:])]


def start_replay(env, tmp, count, gap_s, option="--replay", more=()):
    """Ponte on the built-in echo server replaying count messages gap_s
    apart (option: --replay or --demo); None when it did not start."""
    rec = os.path.join(tmp, f"rec{count}.jsonl")
    write_recording(rec, count, gap_s)
    run = Run(env, tmp, ["--local-echo", option, rec] + list(more))
    return run if run.wid else None


def case_replay(env, tmp):
    run = start_replay(env, tmp, 5, 0.3)
    if not run:
        return
    got = run.wait_sends(5)
    check([t for _, t in got] == [f"message {i}" for i in range(1, 6)], "the recorded messages go out in order",
          repr(got))
    g = gaps(got)
    print(f"# gaps at speed 1 (recorded 0.3 s): {g}", flush=True)
    # Each is timed from when the one before was due, not from when it went
    # out: a late one's successor catches up, so a gap may be shorter by as
    # much as the one before was late; from the first, none is early.
    check(len(g) == 4 and all(0.2 <= x <= 1.2 for x in g), "each gap is the recorded 0.3 s (0.2 to 1.2 s)",
          repr(g))
    offsets = [round(t - got[0][0], 3) for t, _ in got]
    check(len(offsets) == 5 and all(offsets[i] >= 0.3 * i - 0.02 for i in range(5)),
          "no message goes out before its recorded time from the first", repr(offsets))
    # (The caret blinks for 10 s after the last key; then nothing moves.)
    time.sleep(max(0.5, run.started + 11 - time.monotonic()))
    shoot(env, "replay-finished.png")
    check(all(e.get("event") != "not_sent" for e in events(run.transcript)), "every message was sent")
    # Finished: no timers left, no frames drawn.
    ok, detail = cpu_used(run, "once finished", 3)
    check(ok, "a finished replay uses no CPU", detail)
    check(len(run.sends()) == 5, "nothing more goes out once it has finished", repr(run.sends()[5:]))
    status = run.end()
    check(status == 0, "Ponte ends with status 0", f"status {status}")


def stops(run, act, what, shot):
    """act() stops the sends: none for 1.5 s after it. Returns how many
    had gone out."""
    act()
    time.sleep(0.4)
    at = len(run.sends())
    time.sleep(1.5)
    shoot(run.env, shot)
    check(len(run.sends()) == at and at < 30, what, f"{len(run.sends()) - at} sent meanwhile")
    return at


def goes_on(run, act, at, what):
    """act() lets the sends go on: two more within a few seconds."""
    act()
    got = run.wait_sends(at + 2, timeout=8)
    check(len(got) >= at + 2, what, f"{len(got)} sent")
    return got


def case_pause_and_typing(env, tmp):
    run = start_replay(env, tmp, 30, 0.3)
    if not run:
        return
    run.wait_sends(2)
    at = stops(run, run.toggle, "Pause on the replay bar stops the sends", "replay-paused.png")
    got = goes_on(run, run.toggle, at, "Resume goes on")
    g = gaps(got[at - 1:])
    check(g and g[0] >= 1.5, "the pause is in the gaps", repr(g))
    # Typing pauses it (for 30 s), as the demo loop; Resume ends that.
    at = stops(run, lambda: run.type("x"), "typing in the message box pauses the replay", "replay-typing.png")
    goes_on(run, run.toggle, at, "Resume ends the typing's pause")
    # Disconnected (the connection bar's button): it waits, and goes on
    # once connected again.
    x, y, w, _ = geometry(env, run.wid)
    at = stops(run, lambda: click(env, x + w - 60, y + 28), "disconnected, the replay waits", "replay-offline.png")
    got = goes_on(run, lambda: click(env, x + w - 60, y + 28), at, "connected again, it goes on")
    check([t for _, t in got] == [f"message {i}" for i in range(1, len(got) + 1)], "still in order",
          repr([t for _, t in got]))
    run.end()


def case_idle(env, tmp):
    """Paused, the window uses no CPU; running, the bar's time costs little."""
    run = start_replay(env, tmp, 2, 60.0)
    if not run:
        return
    run.wait_sends(1)
    # (The caret blinks for 10 s after the window opens and after a click.)
    time.sleep(max(0.5, run.started + 11 - time.monotonic()))
    ok, detail = cpu_used(run, "while a 60 s gap runs (the bar's time moving)", 10)
    check(ok, "a running replay's bar costs little CPU", detail)
    run.toggle()
    time.sleep(11)
    ok, detail = cpu_used(run, "while paused", 3)
    check(ok, "a paused replay uses no CPU", detail)
    run.end()


def case_frames(env, tmp):
    """Each kind of recorded frame goes out as it was."""
    rec = os.path.join(tmp, "frames.jsonl")
    t = "2025-11-25T14:32:05.%06dZ"
    lines = [{"ts": t % 0, "event": "connected", "url": "ws://127.0.0.1:9/"},
             {"ts": t % 100000, "event": "sent", "text": "plain"},
             {"ts": t % 200000, "event": "sent", "base64": "AAEC"},
             {"ts": t % 300000, "event": "sent", "text": "in three parts", "fragments": 3},
             {"ts": t % 400000, "event": "sent", "base64": "//4=", "invalid_utf8": True},
             {"ts": t % 500000, "event": "ping_sent", "text": "p"},
             {"ts": t % 600000, "event": "pong_sent", "text": "q"}]
    with open(rec, "w") as f:
        f.writelines(json.dumps(line) + "\n" for line in lines)
    run = Run(env, tmp, ["--local-echo", "--replay", rec])
    if not run.wid:
        return
    kinds = ("sent", "ping_sent", "pong_sent")
    def out_now():
        return [e for e in events(run.transcript) if e.get("event") in kinds]
    out = poll(lambda: len(out_now()) >= 6, 20) and out_now() or out_now()
    shoot(env, "replay-frames.png")
    run.end()
    want = [("sent", "text", "plain", None), ("sent", "base64", "AAEC", None),
            ("sent", "text", "in three parts", ("fragments", 3)), ("sent", "base64", "//4=", ("invalid_utf8", True)),
            ("ping_sent", "text", "p", None), ("pong_sent", "text", "q", None)]
    check(len(out) == 6, "six recorded frames go out", repr(out))
    for e, (event, key, value, extra) in zip(out, want):
        check(e.get("event") == event and e.get(key) == value and (not extra or e.get(extra[0]) == extra[1]),
              f"{event} {value!r} goes out as recorded", repr(e))


def case_har(env, tmp):
    """A browser's HAR file (Chrome's shape: _webSocketMessages) replays."""
    har = os.path.join(tmp, "session.har")
    t0 = 1764081125.0
    messages = [{"type": "send", "time": t0 + 0.1, "opcode": 1, "data": "har one"},
                {"type": "receive", "time": t0 + 0.15, "opcode": 1, "data": "har one"},
                {"type": "send", "time": t0 + 0.5, "opcode": 1, "data": "har two"},
                {"type": "send", "time": t0 + 0.9, "opcode": 2, "data": "AAEC"}]
    with open(har, "w") as f:
        json.dump({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                           "entries": [{"request": {"method": "GET", "url": "wss://example.org/socket"},
                                        "response": {"status": 101}, "_resourceType": "websocket",
                                        "_webSocketMessages": messages}]}}, f)
    run = Run(env, tmp, ["--local-echo", "--replay", har])
    if not run.wid:
        return
    poll(lambda: len([e for e in events(run.transcript) if e.get("event") == "sent"]) >= 3, 10)
    sent = [e for e in events(run.transcript) if e.get("event") == "sent"]
    run.end()
    check([e.get("text") or e.get("base64") for e in sent] == ["har one", "har two", "AAEC"],
          "a HAR file's sent messages go out in order, binary as binary", repr(sent))
    g = gaps([(seconds(e["ts"]), None) for e in sent])
    check(len(g) == 2 and all(0.3 <= x <= 1.6 for x in g) and sum(g) >= 0.78, "with the HAR's gaps (0.4 s)",
          repr(g))


def span(env, tmp, rec, speed):
    args = ["--local-echo", "--replay", rec] + (["--replay-speed", speed] if speed else [])
    run = Run(env, tmp, args)
    if not run.wid:
        return None
    got = run.wait_sends(5)
    run.end()
    if len(got) < 5:
        check(False, f"speed {speed or 1}: the five messages go out", repr(got))
        return None
    return got[-1][0] - got[0][0]


def case_speeds(env, tmp):
    rec = os.path.join(tmp, "slow.jsonl")
    write_recording(rec, 5, 0.5)  # 2 s from the first to the last
    one = span(env, tmp, rec, None)
    four = span(env, tmp, rec, "4")
    zero = span(env, tmp, rec, "0")
    if one is None or four is None or zero is None:
        return
    print(f"# first to last send (recorded 2 s): {one:.3f} s at 1, {four:.3f} s at 4, {zero:.3f} s at 0", flush=True)
    check(1.9 <= one <= 4.0, "at speed 1 the recorded 2 s span", f"{one:.3f} s")
    check(0.15 <= four / one <= 0.45, "at speed 4 about a quarter of that", f"{four:.3f} s against {one:.3f} s")
    check(zero / one <= 0.5, "at speed 0 as fast as the server takes them", f"{zero:.3f} s against {one:.3f} s")


def case_urls(env, tmp):
    rec = os.path.join(tmp, "url.jsonl")
    write_recording(rec, 2, 0.3, url="ws://127.0.0.1:1/recorded")
    run = Run(env, tmp, ["--replay", rec], connect=False)
    got = poll(lambda: [e.get("url") for e in events(run.transcript) if e.get("event") == "connecting"], 15)
    check(got and got[0] == "ws://127.0.0.1:1/recorded", "with no URL given, the recorded one is connected to",
          repr(got))
    run.end()
    bad = os.path.join(tmp, "bad.jsonl")
    write_recording(bad, 2, 0.3, url="http://example.org/not-a-websocket")
    run = Run(env, tmp, ["--replay", bad], connect=False)
    try:
        status = run.app.wait(15)
    except subprocess.TimeoutExpired:
        status = None
    out = run.output()
    check(status == 1 and "URL recorded in" in out and "not-a-websocket" in out,
          "a recorded URL that cannot be used is said, status 1", f"status {status}: {out.strip()}")
    nothing = os.path.join(tmp, "nothing.jsonl")
    with open(nothing, "w") as f:
        f.write('{"ts":"2025-11-25T14:32:05Z","event":"received","text":"x"}\n')
    run = Run(env, tmp, ["--local-echo", "--replay", nothing], connect=False)
    try:
        status = run.app.wait(15)
    except subprocess.TimeoutExpired:
        status = None
    out = run.output()
    check(status == 1 and "no sent messages" in out, "a recording with nothing sent is said, status 1",
          f"status {status}: {out.strip()}")


def case_demo(env, tmp):
    run = start_replay(env, tmp, 3, 0.3, "--demo", ["--kiosk", "--replay-speed", "2"])
    if not run:
        return
    got = run.wait_sends(5, timeout=15)
    texts = [t for _, t in got]
    check(texts[:5] == ["message 1", "message 2", "message 3", "message 1", "message 2"],
          "--demo with a recording replays it, looping", repr(texts))
    shoot(env, "replay-demo.png")
    run.type("x")
    time.sleep(0.4)
    typed_at = len(run.sends())
    time.sleep(2.0)
    check(len(run.sends()) == typed_at, "typing pauses the demo's replay",
          f"{len(run.sends()) - typed_at} sent meanwhile")
    run.end()


def main():
    xvfb, name = start_xvfb("replay")
    tmp = tempfile.mkdtemp(prefix="ponte-replay-")
    env = ponte_env(name, tmp)
    try:
        for case in (case_replay, case_pause_and_typing, case_idle, case_frames, case_har, case_speeds, case_urls, case_demo):
            print(f"# {case.__name__}", flush=True)
            case(env, tmp)
    finally:
        stop(xvfb)
    print(f"# {check.passed} passed, {check.failed} failed")
    return 1 if check.failed or not check.passed else 0


if __name__ == "__main__":
    sys.exit(main())
