#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""stats_csv: --stats-csv in the terminal mode, the real binary against its
built-in echo server on 127.0.0.1.

- 40 lines on stdin, sent and echoed, some with a pause between: the file
  has the header, then one row per second with no second missing or twice
  (idle seconds as rows of zeros), from the start to the end; the rows add
  up to 40 messages out and 40 in; their bytes, as they went on the wire,
  are the lines' lengths both ways where nothing is compressed (libwebsockets
  before 4.3.3, Debian 12, and --no-compression anywhere) and less where
  permessage-deflate is agreed (4.3.3 and later, Debian 13: on by default;
  these lines compress); every field parses (ISO 8601 UTC time, counts, empty or
  ordered round-trip columns);
- a second run appends: no second header, its rows after the first run's;
- a file that cannot be opened: exit status 2 and a message naming it on
  stderr, before anything connects.

    stats_csv.py PATH/TO/ponte
"""
import csv
import datetime
import os
import subprocess
import sys
import tempfile
import time

from pathlib import Path

PONTE = os.path.abspath(sys.argv[1])
HEADER = ["time", "messages_in", "messages_out", "bytes_in", "bytes_out", "rtt_count", "rtt_min_ms",
          "rtt_avg_ms", "rtt_max_ms"]

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {what}", flush=True)
    else:
        failed += 1
        print(f"FAIL - {what}" + (f": {detail}" if detail else ""), flush=True)
    return ok


def run(csv_path, lines, pause_after=None, pause=0.0, extra=()):
    """ponte --headless --local-echo --stats-csv csv_path, fed lines (with a
    pause after line pause_after); its exit status and stderr."""
    p = subprocess.Popen([PONTE, "--headless", "--local-echo", "--stats-csv", csv_path, *extra],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for i, line in enumerate(lines):
        p.stdin.write((line + "\n").encode())
        p.stdin.flush()
        if i == pause_after:
            time.sleep(pause)
    p.stdin.close()
    p.stdin = None  # (closed: communicate only reads)
    try:
        out, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return None, err.decode(errors="replace")
    return p.returncode, err.decode(errors="replace")


def rows_of(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def parse_time(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def check_rows(rows, what):
    """The rows after the header: each field as it should be, seconds
    consecutive. Returns the sums (in, out, bytes in, bytes out) and the
    times."""
    sums = [0, 0, 0, 0]
    times = []
    for row in rows:
        if not check(len(row) == 9, f"{what}: a row has nine fields", repr(row)):
            return sums, times
        times.append(parse_time(row[0]))
        counts = [int(v) for v in row[1:6]]
        if not check(all(v >= 0 for v in counts), f"{what}: counts are not negative", repr(row)):
            return sums, times
        for k in range(4):
            sums[k] += counts[k]
        if counts[4]:
            lo, avg, hi = (float(v) for v in row[6:9])
            check(0 <= lo <= avg <= hi, f"{what}: round trips ordered", repr(row))
        else:
            check(row[6:9] == ["", "", ""], f"{what}: no round trips, empty columns", repr(row))
    steps = {(b - a).total_seconds() for a, b in zip(times, times[1:])}
    check(steps <= {1.0}, f"{what}: one row per second, none missing or twice", repr(sorted(steps)))
    return sums, times


def main():
    with tempfile.TemporaryDirectory(prefix="ponte-stats-") as tmp:
        path = os.path.join(tmp, "stats.csv")
        lines = [f"message {i} " + "x" * i for i in range(40)]
        start = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        code, err = run(path, lines, pause_after=19, pause=2.5)
        end = datetime.datetime.now(datetime.timezone.utc)
        check(code == 0, "the run ends with status 0", err)
        rows = rows_of(path)
        check(rows and rows[0] == HEADER, "the header first", repr(rows[:1]))
        sums, times = check_rows(rows[1:], "first run")
        want_bytes = sum(len(line.encode()) for line in lines)
        check(sums[1] == 40 and sums[0] == 40, "40 messages out, 40 echoed in", repr(sums))
        config = subprocess.run([PONTE, "--print-config"], capture_output=True, text=True, timeout=20).stdout
        compressing = any(line.split("#")[0].split() == ["compression", "=", "true"] for line in config.splitlines())
        if compressing:  # libwebsockets 4.3.3 and later: the wire carries less
            check(0 < sums[3] < want_bytes and 0 < sums[2] < want_bytes, "the bytes both ways, compressed",
                  f"{sums} against {want_bytes}")
        else:
            check(sums[3] == want_bytes and sums[2] == want_bytes, "the bytes both ways", f"{sums} != {want_bytes}")
        # Without compression, on every version: the payloads exactly.
        plain = os.path.join(tmp, "plain.csv")
        code, err = run(plain, lines, extra=("--no-compression",))
        check(code == 0, "--no-compression: the run ends with status 0", err)
        plain_sums, _ = check_rows(rows_of(plain)[1:], "--no-compression run")
        check(plain_sums == [40, 40, want_bytes, want_bytes], "--no-compression: the bytes both ways",
              f"{plain_sums} != {want_bytes}")
        check(times and times[0] >= start - datetime.timedelta(seconds=1) and times[-1] <= end,
              "the rows span the run", f"{times[:1]} .. {times[-1:]} in {start} .. {end}")
        check(len(times) >= 3, "the pause's idle seconds are rows too", f"{len(times)} rows")
        idle = [r for r in rows[1:] if r[1:6] == ["0", "0", "0", "0", "0"]]
        check(len(idle) >= 1, "an idle second is a row of zeros", f"{len(idle)}")

        # Appended: no second header, later rows after.
        code, err = run(path, ["again"])
        check(code == 0, "the second run ends with status 0", err)
        again = rows_of(path)
        check(sum(1 for r in again if r == HEADER) == 1, "one header after two runs")
        sums2, times2 = check_rows(again[len(rows):], "second run")
        check(sums2[0] == 1 and sums2[1] == 1, "the second run's one message both ways", repr(sums2))
        check(times2 and times and times2[0] >= times[-1], "its rows come after the first run's (from the second it ended in)")

        # Cannot be opened.
        bad = os.path.join(tmp, "no", "such", "dir.csv")
        p = subprocess.run([PONTE, "--headless", "--local-echo", "--stats-csv", bad], input=b"x\n",
                           capture_output=True, timeout=20)
        err = p.stderr.decode(errors="replace")
        check(p.returncode == 2, "a file that cannot be opened: status 2", f"{p.returncode}: {err}")
        check(bad in err and "--stats-csv" in err, "and a message naming it", err)
        check("connected" not in err, "before anything connects", err)
        check(not Path(bad).parent.exists(), "no folder made for it")
    print(f"stats_csv: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
