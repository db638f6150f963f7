#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tests/windows/windows.sh (tests/run windows): Ponte for 64-bit Windows, cross-built
# and tested under Wine.
#   1. the Windows libraries from Debian's source packages
#      (packaging/windows/deps.sh; cached in /var/cache/ponte, never needed)
#   2. build-win/: ponte.exe with -Werror (meson, packaging/windows's cross file)
#   3. under Wine: the unit suite (meson's exe_wrapper) and the windows suite
#      (tests/windows/wine_e2e.py: the terminal mode through the built-in
#      server and a Linux peer, TLS with a CA made now and the Windows
#      certificate store, Ctrl+C, %APPDATA%, the window under Xvfb with a
#      screenshot)
#   4. packaging/windows/build.sh: the zip and the installer; the zip's
#      ponte.exe runs; the installer installs silently (/S, /D=) per user,
#      the installed ponte.exe runs, the Start menu entry is there, the
#      uninstaller removes it all
# Wine runs in a prefix of its own, made once here in a temporary folder.
set -eu
cd "$(dirname "$0")/../.."
SRC=$(pwd)
stage_start=$(date +%s)
step_start=$stage_start
step() {
    now=$(date +%s)
    echo "-- windows: $1 ($((now - step_start)) s)"
    step_start=$now
}

export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=" # no Mono or Gecko installer prompts
WINEPREFIX=$(mktemp -d /tmp/ponte-wine.XXXXXX)
export WINEPREFIX
OUT=$SRC/build-win-out
cleanup() {
    wineserver -k 2>/dev/null || true
    rm -rf "$WINEPREFIX"
}
trap cleanup EXIT

PREFIX=$SRC/build-win-prefix
rm -rf "$PREFIX"
packaging/windows/deps.sh "$PREFIX"
step "libraries ($(cat "$PREFIX/BUILD-TIMES" 2>/dev/null | tr '\n' ' '))"

# A Wine prefix, once (without a display: nothing to show yet).
(unset DISPLAY; wineboot -i >/dev/null 2>&1)
wineserver -w
# A CJK font in the Windows fonts folder under its own name, as a user's
# installed font would be: the fallback fonts are looked for there
# (tests/windows/test_platform_windows.c, the window's screenshot).
cp /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf "$WINEPREFIX/drive_c/windows/Fonts/"
export PONTE_EXPECT_FONT=1
step "wineboot"

# Set up anew each time: a reconfigure would keep the prefix of an older run.
rm -rf build-win
meson setup build-win --cross-file packaging/windows/x86_64-w64-mingw32.txt \
    --cross-file "$PREFIX/meson-cross.txt" -Dwerror=true >/dev/null
meson compile -C build-win -j 2
step "ponte.exe"

# Only the suites that run under Wine (tests/windows/meson.build).
PONTE_ARTIFACTS=$SRC/build-win/meson-logs meson test -C build-win --suite unit --suite windows \
    --print-errorlogs --num-processes 1
step "tests under Wine"

rm -rf "$OUT"
PONTE_WINDOWS_BUILD=$SRC/build-win-pkg PONTE_WINDOWS_PREFIX=$PREFIX packaging/windows/build.sh "$OUT"
step "zip and installer"

# ---- the artifacts, as a user would take them --------------------------------------
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { # what command...
    what=$1
    shift
    if "$@"; then ok; else bad "$what"; fi
}
echo_test() { # exe: lines through the built-in server come back
    got=$(printf 'one\nolá ✓\n' | wine "$1" --headless --local-echo 2>/dev/null) || return 1
    [ "$got" = "$(printf 'one\nolá ✓')" ]
}
version=$(meson introspect --projectinfo build-win | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
name=ponte-$version-windows-x86_64
zip=$OUT/$name.zip
setup=$OUT/$name-setup.exe
check "the zip exists" test -s "$zip"
check "the installer exists" test -s "$setup"

unzipped=$(mktemp -d /tmp/ponte-zip.XXXXXX)
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$unzipped"
for f in ponte.exe README.txt assets/DejaVuSans.ttf locale/pt_BR/LC_MESSAGES/ponte.mo \
    SDL2.dll SDL2_ttf.dll libwebsockets.dll libssl-3-x64.dll libcrypto-3-x64.dll zlib1.dll libcbor.dll \
    licenses/Ponte-LICENSE.txt licenses/DejaVu-LICENSE.txt licenses/openssl-copyright.txt \
    licenses/msgpack-c-copyright.txt licenses/libcbor-LICENSE.md.txt; do
    check "the zip holds $f" test -s "$unzipped/$name/$f"
done
# Only the zip's own DLLs: WINEPATH is not set here.
check "the zip's ponte.exe --version" sh -c "wine '$unzipped/$name/ponte.exe' --version | grep -q '$version'"
check "the zip's ponte.exe echoes" echo_test "$unzipped/$name/ponte.exe"
rm -rf "$unzipped"

# The installer: silently, per user, to a folder of our choosing (/D= must
# come last, and NSIS takes no quotes there, so no spaces), then to the
# default folder; no administrator rights are asked for (RequestExecutionLevel
# user; Wine would run it anyway, so the manifest is checked too).
check "the installer asks for no administrator rights" grep -a -q 'level="asInvoker"' "$setup"
wine "$setup" /S '/D=C:\PonteTest' && ok || bad "the installer /S /D= exited $?"
wineserver -w
dir=$(winepath -u 'C:\PonteTest')
check "installed ponte.exe" test -s "$dir/ponte.exe"
check "installed fonts" test -s "$dir/assets/DejaVuSans.ttf"
check "installed ponte.exe --version" sh -c "wine '$dir/ponte.exe' --version | grep -q '$version'"
check "installed ponte.exe echoes" echo_test "$dir/ponte.exe"
appdata=$(winepath -u "$(wine cmd /c echo '%APPDATA%' | tr -d '\r')")
localappdata=$(winepath -u "$(wine cmd /c echo '%LOCALAPPDATA%' | tr -d '\r')")
check "the Start menu entry" test -s "$appdata/Microsoft/Windows/Start Menu/Programs/Ponte.lnk"
check "the uninstaller" test -s "$dir/uninstall.exe"
check "listed in the user's programs" sh -c "wine reg query 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Ponte' /v DisplayVersion | grep -q '$version'"
# The uninstaller copies itself away and runs from there: wait for it.
wine "$dir/uninstall.exe" /S && ok || bad "the uninstaller exited $?"
wineserver -w
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e "$dir/ponte.exe" ] || break; sleep 1; done
check "uninstalled: ponte.exe gone" test ! -e "$dir/ponte.exe"
check "uninstalled: the folder gone" test ! -e "$dir"
check "uninstalled: the Start menu entry gone" test ! -e "$appdata/Microsoft/Windows/Start Menu/Programs/Ponte.lnk"
wine "$setup" /S && ok || bad "the installer /S exited $?"
wineserver -w
check "the default folder is the user's (%LOCALAPPDATA%\\Programs\\Ponte)" test -s "$localappdata/Programs/Ponte/ponte.exe"
check "installed there, ponte.exe echoes" echo_test "$localappdata/Programs/Ponte/ponte.exe"
step "artifacts"

echo "windows artifacts: $passed passed, $failed failed"
echo "-- windows: the zip $(stat -c %s "$zip") bytes, the installer $(stat -c %s "$setup") bytes"
echo "-- windows: the whole stage took $(( $(date +%s) - stage_start )) s"
[ "$failed" -eq 0 ]
