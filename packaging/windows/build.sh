#!/bin/sh
# SPDX-License-Identifier: MIT
#
# packaging/windows/build.sh OUTDIR: Ponte for 64-bit Windows, cross-built
# on Debian 12. Leaves
#   OUTDIR/ponte-VERSION-windows-x86_64.zip        ponte.exe, its DLLs, the
#       fonts, the translations, the licences and README.txt: unzip and run
#   OUTDIR/ponte-VERSION-windows-x86_64-setup.exe  the same, as an installer
#       made with Debian's nsis: per user (no administrator rights), a
#       Start menu entry, an uninstaller; /S installs silently, /D=DIR
#       chooses the folder
# The libraries come from packaging/windows/deps.sh (Debian's source
# packages, cached in /var/cache/ponte). PONTE_WINDOWS_BUILD names the
# build folder (default: a temporary one), PONTE_WINDOWS_PREFIX the
# libraries' prefix (default: inside it).
# Needs what deps.sh needs, and nsis, imagemagick (the installer's icon),
# python3 (the zip).
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
SRC=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
WORK=${PONTE_WINDOWS_BUILD:-$(mktemp -d /tmp/ponte-winbuild.XXXXXX)}
mkdir -p "$WORK"
PREFIX=${PONTE_WINDOWS_PREFIX:-$WORK/prefix}
HOST=x86_64-w64-mingw32

log() { printf '[build %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [ ! -f "$PREFIX/meson-cross.txt" ]; then
    "$SRC/packaging/windows/deps.sh" "$PREFIX"
fi

BUILD=$WORK/build
if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" "$SRC" --cross-file "$SRC/packaging/windows/x86_64-w64-mingw32.txt" \
        --cross-file "$PREFIX/meson-cross.txt" -Dwerror=true --buildtype=release >"$WORK/setup.log" 2>&1 \
        || { cat "$WORK/setup.log" >&2; exit 1; }
fi
log "compiling ponte.exe"
meson compile -C "$BUILD" -j 2 ponte ponte-gmo >"$WORK/compile.log" 2>&1 \
    || { tail -n 40 "$WORK/compile.log" >&2; exit 1; }
VERSION=$(meson introspect --projectinfo "$BUILD" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
NAME=ponte-$VERSION-windows-x86_64
STAGE=$WORK/$NAME
rm -rf "$STAGE"
mkdir -p "$STAGE/assets" "$STAGE/locale/pt_BR/LC_MESSAGES" "$STAGE/licenses"

# ponte.exe and every DLL it needs, found by walking the import tables
# through the prefix and the compiler's runtime (Windows' own DLLs are not
# in either, and stay out).
$HOST-strip -o "$STAGE/ponte.exe" "$BUILD/ponte.exe"
DLL_DIRS="$PREFIX/bin /usr/lib/gcc/$HOST/$($HOST-gcc -dumpversion) /usr/$HOST/lib"
todo=$STAGE/ponte.exe
while [ -n "$todo" ]; do
    next=
    for f in $todo; do
        for dll in $($HOST-objdump -p "$f" | sed -n 's/^\s*DLL Name: //p'); do
            [ -e "$STAGE/$dll" ] && continue
            for d in $DLL_DIRS; do
                found=$(find "$d" -maxdepth 1 -iname "$dll" 2>/dev/null | head -n1)
                if [ -n "$found" ]; then
                    $HOST-strip -o "$STAGE/$dll" "$found"
                    next="$next $STAGE/$dll"
                    break
                fi
            done
        done
    done
    todo=$next
done

cp "$SRC/assets/DejaVuSans.ttf" "$SRC/assets/DejaVuSans-Bold.ttf" "$SRC/assets/DejaVuSansMono.ttf" "$STAGE/assets/"
cp "$BUILD/po/pt_BR/LC_MESSAGES/ponte.mo" "$STAGE/locale/pt_BR/LC_MESSAGES/"
# The licences: Ponte's, the fonts', and each library's Debian copyright.
cp "$SRC/LICENSE" "$STAGE/licenses/Ponte-LICENSE.txt"
cp "$SRC/assets/DejaVu-LICENSE.txt" "$STAGE/licenses/"
# (deps.sh puts each Debian source package's copyright there; some
# libraries install their own licence file beside it.)
for f in "$PREFIX"/share/licenses/*/*; do
    name=$(basename "$(dirname "$f")")-$(basename "$f")
    cp "$f" "$STAGE/licenses/${name%.txt}.txt"
done
cp "$PREFIX/VERSIONS" "$STAGE/licenses/library-versions.txt"
# Text files with Windows line ends, for Notepad.
sed "s/@VERSION@/$VERSION/g" "$SRC/packaging/windows/README.txt" | sed 's/$/\r/' > "$STAGE/README.txt"
for f in "$STAGE"/licenses/*.txt; do
    sed -i 's/\r*$/\r/' "$f"
done

log "zip"
rm -f "$OUT/$NAME.zip"
(cd "$WORK" && python3 - "$NAME" "$OUT/$NAME.zip" <<'EOF'
import os, sys, zipfile
name, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for root, dirs, files in os.walk(name):
        dirs.sort()
        for f in sorted(files):
            z.write(os.path.join(root, f))
EOF
)

log "installer"
# The installer's icon, from the committed PNGs.
convert "$SRC/packaging/icons/16x16/io.github.ponte.Ponte.png" "$SRC/packaging/icons/32x32/io.github.ponte.Ponte.png" \
    "$SRC/packaging/icons/48x48/io.github.ponte.Ponte.png" "$SRC/packaging/icons/256x256/io.github.ponte.Ponte.png" \
    "$STAGE/ponte.ico"
rm -f "$OUT/$NAME-setup.exe"
makensis -V2 -DVERSION="$VERSION" -DSTAGE="$STAGE" -DOUTFILE="$OUT/$NAME-setup.exe" \
    "$SRC/packaging/windows/ponte.nsi" >"$WORK/nsis.log" 2>&1 || { cat "$WORK/nsis.log" >&2; exit 1; }
ls -l "$OUT/$NAME.zip" "$OUT/$NAME-setup.exe" >&2
