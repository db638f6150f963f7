#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""golden: the main screen against the committed reference images.

Runs the renderer (tests/screen/golden.c), which saves each scene as OUT/<scene>.bmp,
then compares every scene with tests/screen/golden/<scene>.png. A pixel differs when
one of its channels is more than TOLERANCE levels off; a scene fails when more
than MAX_FRACTION of its pixels differ, or more than TILE_MOST in one
TILE x TILE square, when its size changed, or when it has no reference. For a
failing scene it writes <scene>.actual.png and <scene>.diff.png to
$PONTE_ARTIFACTS (or OUT). The renderer failing fails the test too.

    golden.py RENDERER REFERENCES OUT [--update]

With --update (or PONTE_GOLDEN_UPDATE=1) it writes the rendered scenes over
the references instead, and removes references of scenes that no longer exist.
"""
import os
import subprocess
import sys
import time

from PIL import Image, ImageChops

# Glyph edges and rounded corners are anti-aliased blends; another CPU's
# blitter or another build of SDL may round them a level or two apart.
# 8 levels is well under any change of colour a person could see.
TOLERANCE = 8
# Pixels past TOLERANCE: a few, scattered. At most 0.1% of the image, and at
# most TILE_MOST in any TILE x TILE square. The second rule is the one that
# matters: one digit of a time stamp changed is about 45 pixels in one
# place (five of them are only 0.04% of 900x640), and an edge moved by one
# pixel is a line of them; both fail here, while stray pixels pass.
MAX_FRACTION = 0.001
TILE = 16
TILE_MOST = 4


def densest_tile(over):
    """The most pixels of the mask (0 or 255) in one TILE x TILE square, and
    that square's top-left corner."""
    w, h = over.size
    padded = Image.new("L", ((w + TILE - 1) // TILE * TILE, (h + TILE - 1) // TILE * TILE), 0)
    padded.paste(over, (0, 0))
    # Each tile's mean, 0..255, is its share of marked pixels.
    means = padded.reduce(TILE)
    most = max(means.getdata())
    index = list(means.getdata()).index(most)
    count = round(most * TILE * TILE / 255)
    return count, (index % means.size[0] * TILE, index // means.size[0] * TILE)


def diff_image(expected, actual, over):
    """The reference faded to a third, with the pixels past the tolerance in
    red and those within it in yellow, so the eye goes to what changed."""
    faded = Image.blend(Image.new("RGB", expected.size, "white"), expected.convert("L").convert("RGB"), 0.35)
    delta = ImageChops.difference(expected, actual).convert("L")
    small = delta.point(lambda v: 255 if v > 0 else 0)
    faded.paste((255, 200, 0), mask=small)
    faded.paste((230, 0, 0), mask=over)
    return faded


def compare(name, reference, actual, artifacts):
    """Returns a line for the report, and whether the scene passed."""
    if not os.path.exists(reference):
        actual.save(os.path.join(artifacts, name + ".actual.png"))
        return "no reference %s (run with --update to make it)" % reference, False
    expected = Image.open(reference).convert("RGB")
    if expected.size != actual.size:
        actual.save(os.path.join(artifacts, name + ".actual.png"))
        return "size %dx%d, the reference is %dx%d" % (actual.size + expected.size), False
    # Per channel: the largest difference of the three, per pixel.
    channels = ImageChops.difference(expected, actual).split()
    worst = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    histogram = worst.histogram()
    total = actual.size[0] * actual.size[1]
    beyond = sum(histogram[TOLERANCE + 1:])
    changed = total - histogram[0]
    largest = max((v for v, n in enumerate(histogram) if n), default=0)
    over = worst.point(lambda v: 255 if v > TOLERANCE else 0)
    crowded, at = densest_tile(over)
    ok = beyond <= total * MAX_FRACTION and crowded <= TILE_MOST
    line = "%d pixels differ, %d of them by more than %d levels (allowed %d in all, %d in one %dx%d square)" % (
        changed, beyond, TOLERANCE, int(total * MAX_FRACTION), TILE_MOST, TILE, TILE)
    if beyond:
        line += "; at most %d in the square at %d,%d; largest difference %d" % (crowded, at[0], at[1], largest)
    if not ok:
        bbox = over.getbbox()
        if bbox:
            line += "; the differences lie within x %d..%d, y %d..%d" % (bbox[0], bbox[2] - 1, bbox[1], bbox[3] - 1)
        actual.save(os.path.join(artifacts, name + ".actual.png"))
        diff_image(expected, actual, over).save(os.path.join(artifacts, name + ".diff.png"))
    return line, ok


def main():
    # The renderer's messages go straight to the terminal: keep the order.
    sys.stdout.reconfigure(line_buffering=True)
    args = [a for a in sys.argv[1:] if a != "--update"]
    update = "--update" in sys.argv[1:] or os.environ.get("PONTE_GOLDEN_UPDATE") == "1"
    if len(args) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    renderer, references, out = args
    artifacts = os.environ.get("PONTE_ARTIFACTS") or out
    os.makedirs(out, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)
    for old in os.listdir(out):
        if old.endswith(".bmp"):
            os.remove(os.path.join(out, old))

    # The view shows local times: pin the zone here too, so a run by hand
    # draws what the test run draws.
    env = dict(os.environ, TZ="UTC")
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    start = time.monotonic()
    rendered = subprocess.run([renderer, out], env=env)
    render_s = time.monotonic() - start
    scenes = sorted(f[:-4] for f in os.listdir(out) if f.endswith(".bmp"))
    # Images left by an earlier failing run would pass for this run's.
    for name in scenes:
        for stale in (name + ".actual.png", name + ".diff.png"):
            if os.path.exists(os.path.join(artifacts, stale)):
                os.remove(os.path.join(artifacts, stale))
    if update:
        if rendered.returncode != 0 or not scenes:
            print("golden: the renderer failed (exit %d): references left as they are" % rendered.returncode)
            return 1
        os.makedirs(references, exist_ok=True)
        for name in scenes:
            with Image.open(os.path.join(out, name + ".bmp")) as image:
                image.convert("RGB").save(os.path.join(references, name + ".png"), optimize=True)
            print("golden: wrote %s" % os.path.join(references, name + ".png"))
        for old in os.listdir(references):
            if old.endswith(".png") and old[:-4] not in scenes:
                os.remove(os.path.join(references, old))
                print("golden: removed %s (no such scene)" % old)
        return 0

    passed = failed = 0
    if rendered.returncode != 0:
        print("FAIL the renderer exited with %d (its messages are above)" % rendered.returncode)
        failed += 1
    for name in scenes:
        with Image.open(os.path.join(out, name + ".bmp")) as image:
            actual = image.convert("RGB")
        line, ok = compare(name, os.path.join(references, name + ".png"), actual, artifacts)
        print("%s %s: %s" % ("ok  " if ok else "FAIL", name, line))
        passed += ok
        failed += not ok
    # A reference with no scene is a scene that stopped being rendered.
    for ref in sorted(os.listdir(references) if os.path.isdir(references) else []):
        if ref.endswith(".png") and ref[:-4] not in scenes:
            print("FAIL %s: the reference exists but the renderer made no such scene" % ref[:-4])
            failed += 1
    if failed:
        print("golden: actual and diff images in %s (red: beyond %d levels, yellow: within)" % (artifacts, TOLERANCE))
        print("golden: if the change is intended, rewrite the references: "
              "meson test -C BUILD golden --test-args=--update")
    print("golden: rendered in %.1f s" % render_s)
    print("golden: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
