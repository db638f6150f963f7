#!/bin/sh
# SPDX-License-Identifier: MIT
# NOT BUILT OR TESTED: written on Debian with no Mac at hand; no CI runs it.
# Read it before trusting it (README.md, "macOS, on paper only").
#
# Makes Ponte.app from a macOS build of Ponte:
#   packaging/macos/make-app.sh BUILD_DIR OUT_DIR
# leaves OUT_DIR/Ponte.app:
#   Contents/Info.plist               packaging/macos/Info.plist.in filled in
#   Contents/MacOS/ponte              BUILD_DIR/ponte
#   Contents/Resources/ponte.icns     from packaging/icons/io.github.ponte.Ponte.svg
#   Contents/Resources/assets/        the DejaVu fonts and their licence
#   Contents/Resources/locale/        the catalogs, <lang>/LC_MESSAGES/ponte.mo
#   Contents/Resources/LICENSE
# In a bundle SDL_GetBasePath is Contents/Resources/, where Ponte looks for
# assets/ (src/app.c) and locale/ (src/i18n.c). The libraries stay
# Homebrew's, linked by their absolute paths: the bundle runs on a Mac that
# has the same Homebrew packages, and is not yet something to hand out.
# Needs macOS's sips and iconutil, and rsvg-convert (brew install librsvg)
# or else Quick Look's qlmanage to turn the SVG into pixels.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 BUILD_DIR OUT_DIR" >&2; exit 2; }
[ "$(uname -s)" = Darwin ] || { echo "make-app.sh: macOS only (sips, iconutil)" >&2; exit 1; }
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
[ -x "$build/ponte" ] || { echo "make-app.sh: no $build/ponte: meson compile -C $build first" >&2; exit 1; }
version=$(sed -n "s/^  version: '\(.*\)',\$/\1/p" "$top/meson.build")
app_id=io.github.ponte.Ponte
app=$out/Ponte.app
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ponte-app.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources/assets" "$app/Contents/Resources/locale"
sed -e "s/@APP_ID@/$app_id/g" -e "s/@VERSION@/$version/g" "$top/packaging/macos/Info.plist.in" \
    >"$app/Contents/Info.plist"
plutil -lint "$app/Contents/Info.plist"
cp "$build/ponte" "$app/Contents/MacOS/ponte"
cp "$top"/assets/*.ttf "$top/assets/DejaVu-LICENSE.txt" "$app/Contents/Resources/assets/"
(cd "$build/po" && find . -name ponte.mo) | while read -r mo; do
    mkdir -p "$app/Contents/Resources/locale/$(dirname "$mo")"
    cp "$build/po/$mo" "$app/Contents/Resources/locale/$mo"
done
cp "$top/LICENSE" "$app/Contents/Resources/LICENSE"

# The icon: the SVG drawn at 1024 px, scaled by sips to every size an
# .iconset has (16 to 512, each also at twice the size), packed by iconutil.
svg=$top/packaging/icons/$app_id.svg
if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert -w 1024 -h 1024 "$svg" -o "$tmp/icon.png"
else
    qlmanage -t -s 1024 -o "$tmp" "$svg" >/dev/null
    mv "$tmp/$app_id.svg.png" "$tmp/icon.png"
fi
mkdir "$tmp/ponte.iconset"
for size in 16 32 128 256 512; do
    sips -z "$size" "$size" "$tmp/icon.png" --out "$tmp/ponte.iconset/icon_${size}x${size}.png" >/dev/null
    sips -z $((size * 2)) $((size * 2)) "$tmp/icon.png" \
        --out "$tmp/ponte.iconset/icon_${size}x${size}@2x.png" >/dev/null
done
iconutil -c icns "$tmp/ponte.iconset" -o "$app/Contents/Resources/ponte.icns"

# An ad-hoc signature: Apple silicon runs only signed code, and the bundle
# changed around the binary the linker signed.
codesign --force --deep --sign - "$app"
echo "made $app (version $version; NOT TESTED: see README.md)"
