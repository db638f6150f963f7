#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ARCHITECTURE.md names every module, and names no module that is gone.

Every src/*.c, and every header with no .c of its own (msg.h, ascii.h, ...),
must have its row in one of the module tables ("| `name` | what it owns |");
every row of those tables must name a file that is in src/. A new file
without its line, or a line left behind by a removed file, fails here.
Usage: architecture_check.py SOURCE_ROOT"""
import os
import re
import sys

root = sys.argv[1]
src = os.path.join(root, "src")
with open(os.path.join(root, "ARCHITECTURE.md"), encoding="utf-8") as f:
    text = f.read()

# The rows of the module tables: the first cell is one file name of src/.
rows = set(re.findall(r"^\| `([A-Za-z0-9_]+\.[ch])` \|", text, re.M))
files = set(os.listdir(src))
modules = {n for n in files if n.endswith(".c")}
modules |= {n for n in files if n.endswith(".h") and n[:-2] + ".c" not in files}

failures = 0
for name in sorted(modules - rows):
    print(f"ARCHITECTURE.md has no row for src/{name}")
    failures += 1
for name in sorted(rows - files):
    print(f"ARCHITECTURE.md has a row for src/{name}, which is not in src/")
    failures += 1
print(f"{len(modules)} modules in src/, {len(rows)} rows in ARCHITECTURE.md, {failures} failures")
sys.exit(1 if failures else 0)
