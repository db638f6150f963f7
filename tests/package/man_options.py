#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The manual page keeps up with the program.

Usage: /usr/bin/python3 tests/package/man_options.py PONTE ponte.1 METAINFO VERSION

Every option that `PONTE --help` names (src/cli.c's usage text) must have its
own entry in ponte.1 (in bold, on the line after a .TP); every setting that
`PONTE --print-config` shows must be an option of --help (the url key: the
URL argument, named among ponte.1's keys), so that each row of cli.c's
option table is in both; and the manual page's .TH line and the AppStream
metainfo's newest release must carry the project's version. (test_cli checks
the same rows in the configuration file reader and the PONTE_* variables.)
"""

import os
import re
import subprocess
import sys
import tempfile


def main():
    ponte, man_path, metainfo_path, version = sys.argv[1:5]
    usage = subprocess.run([ponte, "--help"], capture_output=True, text=True, timeout=30, check=True)
    options = sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-H)\b", usage.stdout)))
    if len(options) < 10:
        print("FAIL: only %d options found in --help:\n%s" % (len(options), usage.stdout))
        return 1
    man = open(man_path, encoding="utf-8").read()
    # An entry: the option in bold on a macro line (.B, .BI, .BR) that
    # follows a .TP, the line that heads an entry.
    entries = set()
    lines = man.splitlines()
    for previous, line in zip(lines, lines[1:]):
        if previous.startswith(".TP") and re.match(r"\.B[IR]?\s", line):
            for token in re.findall(r"\\-(?:\\-)?[A-Za-z][a-z\\-]*", line):
                entries.add(token.replace("\\-", "-"))
    failed = 0
    for option in options:
        ok = option in entries
        failed += not ok
        print("%s: %s" % ("ok" if ok else "FAIL: no entry in ponte.1 for", option))
    # --print-config, away from any configuration the caller has.
    with tempfile.TemporaryDirectory() as home:
        env = {"HOME": home, "XDG_CONFIG_HOME": home, "XDG_CONFIG_DIRS": os.path.join(home, "none"),
               "PATH": os.environ.get("PATH", "/usr/bin")}
        shown = subprocess.run([ponte, "--print-config"], capture_output=True, text=True, timeout=30,
                               check=True, env=env)
    keys = [line.split(" = ")[0] for line in shown.stdout.splitlines() if " = " in line]
    if len(keys) < 10:
        print("FAIL: only %d settings in --print-config:\n%s" % (len(keys), shown.stdout))
        return 1
    for key in dict.fromkeys(keys):
        if key == "url":
            ok = "[URL]" in usage.stdout and re.search(r"^\.BR? url\b", man, re.M) is not None
        else:
            ok = "--" + key in options and "--" + key in entries
        failed += not ok
        print("%s: %s" % ("ok" if ok else "FAIL: not in --help and ponte.1 with an entry:", key + " (--print-config)"))
    th = re.search(r'^\.TH PONTE 1 "[^"]*" "Ponte ([^"]+)"', man, re.M)
    if not th or th.group(1) != version:
        print("FAIL: ponte.1's .TH line does not say Ponte %s" % version)
        failed += 1
    metainfo = open(metainfo_path, encoding="utf-8").read()
    release = re.search(r'<release version="([^"]+)"', metainfo)
    if not release or release.group(1) != version:
        print("FAIL: the metainfo's newest release is not %s" % version)
        failed += 1
    print("%d options, %d failed" % (len(options), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
