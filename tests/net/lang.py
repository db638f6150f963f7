#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The real binary finds its Portuguese catalog as it starts.

Usage: /usr/bin/python3 tests/net/lang.py PATH/TO/ponte

Runs `ponte --headless --local-echo` with stdin closed (it connects to its
own echo server, closes and exits) with LANG=pt_BR.UTF-8 and no --lang, and
with --lang pt_BR under LANG=C.UTF-8, LC_ALL and LANGUAGE empty: on a
machine where pt_BR.UTF-8 is not an installed locale, ponte must still load
the catalog (it says "no translation found" on stderr when it cannot). The
terminal mode's own lines stay English, so the window's words are checked
by the i18n, screen and golden tests. PONTE_LOCALEDIR is removed from
ponte's environment.
"""

import os
import subprocess
import sys


def main():
    ponte = sys.argv[1]
    failed = False
    cases = [
        ("LANG=pt_BR.UTF-8", {"LANG": "pt_BR.UTF-8"}, []),
        ("--lang pt_BR, LANG=C.UTF-8", {"LANG": "C.UTF-8"}, ["--lang", "pt_BR"]),
    ]
    for name, env_vars, args in cases:
        env = dict(os.environ, LC_ALL="", LC_MESSAGES="", LANGUAGE="", **env_vars)
        # Found as an uninstalled run finds it, not through the variable
        # meson's test setup sets.
        env.pop("PONTE_LOCALEDIR", None)
        r = subprocess.run([ponte, "--headless", "--local-echo"] + args, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=60)
        ok = r.returncode == 0 and "no translation found" not in r.stderr
        print("%s: %s: exit %d" % ("ok" if ok else "FAIL", name, r.returncode))
        if not ok:
            print(r.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
