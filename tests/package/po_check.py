#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The translations are complete and their printf conversions match.

Usage: po_check.py PO_DIR [XGETTEXT_ARG...]

Extracts the strings from the sources listed in PO_DIR/POTFILES (with the
xgettext arguments po/meson.build gives meson's i18n module), merges each
language of PO_DIR/LINGUAS with them (as `meson compile ponte-update-po`
would) and asks `msgfmt --check --statistics` about the result: every
message translated, none fuzzy, none obsolete, the c-format ones with the
same conversions. Fails, not skips, when the gettext tools are missing.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile


def main():
    po_dir = os.path.abspath(sys.argv[1])
    xgettext_args = sys.argv[2:]
    source_root = os.path.dirname(po_dir)
    tools = {name: shutil.which(name) for name in ("xgettext", "msgmerge", "msgfmt")}
    missing = [name for name, path in tools.items() if not path]
    if missing:
        print("po_check: missing %s: apt-get install gettext" % ", ".join(missing))
        return 1
    with open(os.path.join(po_dir, "LINGUAS")) as f:
        languages = [w for line in f for w in line.split("#")[0].split()]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "ponte.pot")
        subprocess.run([tools["xgettext"], "--files-from=" + os.path.join(po_dir, "POTFILES"),
                        "--directory=" + source_root, "--output=" + pot] + xgettext_args, check=True)
        for lang in languages:
            po = os.path.join(po_dir, lang + ".po")
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run([tools["msgmerge"], "--quiet", "--no-fuzzy-matching", "--output-file=" + merged,
                            po, pot], check=True)
            with open(merged, encoding="utf-8") as f:
                obsolete = [line for line in f if line.startswith("#~ msgid")]
            for line in obsolete:
                print("po_check: %s: no longer in the sources: %s" % (po, line[3:].strip()))
            stats = {}
            for name, path in (("as committed", po), ("merged with the sources", merged)):
                r = subprocess.run([tools["msgfmt"], "--check", "--statistics", "--output-file=" + os.devnull,
                                    path], capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
                out = (r.stdout + r.stderr).strip()
                print("po_check: %s %s: %s" % (lang, name, out))
                if r.returncode != 0:
                    failed = True
                stats[name] = out
            summary = stats["merged with the sources"]
            if re.search(r"untranslated|fuzzy", summary) or not re.search(r"\d+ translated message", summary):
                print("po_check: %s is not complete: translate the rest (meson compile ponte-update-po, "
                      "then edit %s)" % (lang, po))
                failed = True
            if obsolete:
                failed = True
    print("po_check: %s" % ("FAILED" if failed else "ok: %s complete" % ", ".join(languages)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
