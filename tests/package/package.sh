#!/bin/sh
# SPDX-License-Identifier: MIT
# The packaging stage of tests/run: Ponte as it is installed.
#   1. BUILD_DIR/ponte, uninstalled, finds the fonts meson copied into
#      BUILD_DIR/assets/
#   2. `meson install --destdir`: every file in its place; the installed
#      binary finds its fonts in share/ponte/; so does a copy of the installed
#      tree moved elsewhere; PONTE_DATADIR wins over both; `meson devenv`
#      sets PONTE_DATADIR
#   3. the compiled-in data folder: a build with its prefix under build-prefix/,
#      installed there, its binary copied alone to a folder with no assets;
#      then, with that data folder gone too, the DejaVu Sans fontconfig knows:
#      a configuration naming only a folder of copies, then the system's
#   4. the Debian package, built with dpkg-buildpackage -us -uc -b from a copy
#      of the tree in a temporary folder (nothing is written outside it): its
#      file list, its binary run from the extracted .deb (with Debian's DejaVu
#      fonts), and, only as root with CI=true (a throw-away machine), installed
#      with apt-get and /usr/bin/ponte run
# Each run is tests/e2e/smoke.py: window under Xvfb, a message through
# --local-echo checked in the transcript, exit status 0 on SIGTERM.
# Usage: tests/package/package.sh [BUILD_DIR]   (default build; built, anywhere: in the
# tree or outside it)
set -eu
cd "$(dirname "$0")/../.."
. tests/package/source_tree.sh
top=$(pwd)
build=$(cd "${1:-build}" && pwd)
id=io.github.ponte.Ponte
sizes="16 24 32 48 64 128 256 512"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ponte-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
ran=""
not_run=""

smoke() {
    /usr/bin/python3 tests/e2e/smoke.py "$@"
}
fail() {
    echo "FAIL: $*"
    exit 1
}

echo "-- 1. uninstalled: $build/ponte finds $build/assets"
smoke "$build/ponte" --font-dir "$build/assets" --unset PONTE_DATADIR
ran="$ran
  uninstalled $build/ponte: smoke test, font from the build folder's assets/"

echo "-- 2. meson install --destdir"
meson install -C "$build" --no-rebuild --destdir "$tmp/dest" >"$tmp/install.log"
prefix=$(meson introspect --buildoptions "$build" \
    | /usr/bin/python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
inst=$tmp/dest$prefix
files="bin/ponte share/ponte/DejaVuSans.ttf share/ponte/DejaVuSans-Bold.ttf share/ponte/DejaVuSansMono.ttf
share/ponte/DejaVu-LICENSE.txt share/applications/$id.desktop share/metainfo/$id.metainfo.xml
share/icons/hicolor/scalable/apps/$id.svg share/man/man1/ponte.1"
for size in $sizes; do
    files="$files share/icons/hicolor/${size}x${size}/apps/$id.png"
done
for f in $files; do
    [ -f "$inst/$f" ] || fail "meson install did not install $prefix/$f"
done
echo "ok: meson install put all $(echo $files | wc -w) files in place under $prefix"
smoke "$inst/bin/ponte" --font-dir "$inst/share/ponte" --unset PONTE_DATADIR
cp -a "$inst" "$tmp/moved"
echo "-- the installed tree moved to $tmp/moved"
smoke "$tmp/moved/bin/ponte" --font-dir "$tmp/moved/share/ponte" --unset PONTE_DATADIR
mkdir "$tmp/override"
cp assets/*.ttf "$tmp/override/"
echo "-- PONTE_DATADIR=$tmp/override comes first"
PONTE_DATADIR=$tmp/override smoke "$tmp/moved/bin/ponte" --font-dir "$tmp/override"
devenv=$(meson devenv -C "$build" printenv PONTE_DATADIR)
[ "$devenv" = "$top/assets" ] || fail "meson devenv sets PONTE_DATADIR to '$devenv', not $top/assets"
echo "ok: meson devenv sets PONTE_DATADIR=$devenv"
ran="$ran
  meson install --destdir: $(echo $files | wc -w) files; smoke tests installed, moved, with PONTE_DATADIR; meson devenv"

echo "-- 3. the compiled-in data folder"
if [ -f build-prefix/build.ninja ]; then
    meson setup --reconfigure build-prefix --prefix="$top/build-prefix/stage" >/dev/null
else
    meson setup build-prefix --prefix="$top/build-prefix/stage" >/dev/null
fi
# (Everything install needs: the binary, the catalogs, the merged desktop
# entry and metainfo.)
meson install -C build-prefix >/dev/null
mkdir "$tmp/alone"
cp build-prefix/stage/bin/ponte "$tmp/alone/"
smoke "$tmp/alone/ponte" --font-dir "$top/build-prefix/stage/share/ponte" --unset PONTE_DATADIR
ran="$ran
  the binary alone, away from any assets: smoke test, font from the compiled-in data folder"
echo "-- the compiled-in data folder gone: the DejaVu Sans fontconfig knows"
rm -r build-prefix/stage/share/ponte
mkdir "$tmp/fc-fonts"
cp assets/*.ttf "$tmp/fc-fonts/"
cat >"$tmp/fonts.conf" <<EOF
<?xml version="1.0"?>
<fontconfig><dir>$tmp/fc-fonts</dir><cachedir>$tmp/fc-cache</cachedir></fontconfig>
EOF
FONTCONFIG_FILE=$tmp/fonts.conf smoke "$tmp/alone/ponte" --font-dir "$tmp/fc-fonts" --unset PONTE_DATADIR
dejavu=/usr/share/fonts/truetype/dejavu
[ -f "$dejavu/DejaVuSans.ttf" ] || fail "$dejavu/DejaVuSans.ttf is missing: apt-get install fonts-dejavu-core"
smoke "$tmp/alone/ponte" --font-dir "$dejavu" --unset PONTE_DATADIR --unset FONTCONFIG_FILE
ran="$ran
  the binary alone, no data folder: smoke tests, font from fontconfig (a folder of copies, then $dejavu)"

echo "-- 4. Debian package: dpkg-buildpackage -us -uc -b in $tmp/src/ponte"
copy_source_tree "$tmp/src/ponte"
if ! (cd "$tmp/src/ponte" && dpkg-buildpackage -us -uc -b) >"$tmp/dpkg-buildpackage.log" 2>&1; then
    tail -n 60 "$tmp/dpkg-buildpackage.log"
    fail "dpkg-buildpackage -us -uc -b failed (the last 60 lines of its output are above)"
fi
deb=$(ls "$tmp"/src/ponte_*_*.deb)
echo "ok: built $(basename "$deb") ($(grep -c '^[0-9]*/[0-9]* ponte:' "$tmp/dpkg-buildpackage.log" || true) tests run in the package build)"
dpkg-deb -c "$deb" | awk '{print $NF}' >"$tmp/deb-files"
for f in ./usr/bin/ponte ./usr/share/applications/$id.desktop ./usr/share/metainfo/$id.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/$id.svg ./usr/share/man/man1/ponte.1.gz \
         ./usr/share/doc/ponte/copyright; do
    grep -qx "$f" "$tmp/deb-files" || fail "the .deb has no $f"
done
for size in $sizes; do
    grep -qx "./usr/share/icons/hicolor/${size}x${size}/apps/$id.png" "$tmp/deb-files" \
        || fail "the .deb has no ${size}x${size} icon"
done
if grep '\.ttf$' "$tmp/deb-files"; then
    fail "the .deb ships its own fonts (above); it should use fonts-dejavu-core"
fi
dpkg-deb -f "$deb" Depends | grep -q fonts-dejavu-core || fail "the .deb does not depend on fonts-dejavu-core"
echo "ok: the .deb has the binary, desktop entry, metainfo, icons, manual page, no fonts, and depends on fonts-dejavu-core"
dpkg-deb -x "$deb" "$tmp/deb-root"
echo "-- the .deb's binary, extracted to $tmp/deb-root (not installed)"
smoke "$tmp/deb-root/usr/bin/ponte" --font-dir "$dejavu" --unset PONTE_DATADIR
ran="$ran
  dpkg-buildpackage -us -uc -b: $(basename "$deb"), its file list, its binary extracted: smoke test, font from $dejavu"

if [ "$(id -u)" = 0 ] && [ "${CI:-}" = true ]; then
    echo "-- apt-get install $deb (root, CI=true)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" >"$tmp/apt.log" 2>&1 \
        || { cat "$tmp/apt.log"; fail "apt-get install of the .deb failed"; }
    [ "$(command -v ponte)" = /usr/bin/ponte ] || fail "ponte on PATH is $(command -v ponte), not /usr/bin/ponte"
    smoke /usr/bin/ponte --font-dir "$dejavu" --unset PONTE_DATADIR
    ran="$ran
  apt-get install of the .deb: /usr/bin/ponte smoke test"
else
    not_run="$not_run
  installing the .deb with apt-get and running /usr/bin/ponte: only as root with CI=true (uid $(id -u), CI=${CI:-unset})"
fi

echo "-- package stage: ran:$ran"
if [ -n "$not_run" ]; then
    echo "-- package stage: NOT RUN (not counted as passed):$not_run"
fi
