#!/bin/sh
# SPDX-License-Identifier: MIT
# Renders the hicolor PNGs from the SVG (rsvg-convert, package librsvg2-bin).
# The PNGs are committed; run this after changing the SVG.
set -eu
cd "$(dirname "$0")"
id=io.github.ponte.Ponte
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "${size}x${size}"
    rsvg-convert -w "$size" -h "$size" -o "${size}x${size}/$id.png" "$id.svg"
done
