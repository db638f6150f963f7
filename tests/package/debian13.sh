#!/bin/sh
# SPDX-License-Identifier: MIT
# The Debian 13 stage of tests/run: Ponte as the current Debian stable builds
# it (trixie: libwebsockets 4.3.5, SDL 2.32, OpenSSL 3.5, appstream 1.0,
# python3-websockets 15), next to the Debian 12 machine the other stages run on.
#   1. a minbase trixie chroot from Debian's debootstrap, with the build and
#      test dependencies from trixie's packages (kept in a cache outside the
#      clone, keyed by the package list and the month; never needed: without
#      it, about 3 minutes more)
#   2. a copy of the tree built there with -Werror, and the whole plain suite
#   3. the .deb built there with dpkg-buildpackage (its own unit and package
#      tests), installed with apt-get, and /usr/bin/ponte smoke-tested
# The chroot is an overlay on the cached one, so each run starts clean.
# Runs as root (debootstrap, chroot, mounts).
# Usage: tests/package/debian13.sh   (PONTE_CACHE: the cache folder, default
# /var/cache/ponte; PONTE_DEBIAN_MIRROR: default http://deb.debian.org/debian)
set -eu
cd "$(dirname "$0")/../.."
. tests/package/source_tree.sh
top=$(pwd)
suite=trixie
mirror=${PONTE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${PONTE_CACHE:-/var/cache/ponte}

# What README's test command installs on Debian 12, less what only the other
# stages need (clang for the fuzz and sanitizer builds), plus dpkg-dev.
packages="meson ninja-build gcc pkg-config libsdl2-dev libsdl2-ttf-dev libfontconfig-dev fontconfig
fonts-droid-fallback fonts-noto-color-emoji libwebsockets-dev libssl-dev libinih-dev libmsgpack-c-dev libcbor-dev gettext
python3-websockets nodejs node-ws python3-pil python3-xlib openssl xvfb xauth xdotool imagemagick desktop-file-utils
appstream build-essential debhelper fonts-dejavu-core libsystemd-dev dpkg-dev cage grim xwayland procps"

if [ "$(id -u)" != 0 ]; then
    echo "tests/package/debian13.sh: needs root (debootstrap, chroot, mounts)" >&2
    exit 1
fi
command -v debootstrap >/dev/null || { echo "tests/package/debian13.sh: needs debootstrap" >&2; exit 1; }

key=$(printf '%s %s %s' "$suite" "$(date +%Y-%m)" "$packages" | sha256sum | cut -c1-12)
base=$cache/debian13-$key
work=$(mktemp -d "${TMPDIR:-/tmp}/ponte-debian13.XXXXXX")
root=$work/root
mounted=""

cleanup() {
    for m in $mounted; do
        umount -R "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive CI="${CI:-}" "$@"
}

# 1. The cached chroot, made when missing. Built in a temporary folder and
# renamed into place, so a broken build is never taken for a cache.
if [ ! -f "$base/.ponte-ready" ]; then
    echo "-- debootstrap $suite (no cache at $base)"
    mkdir -p "$cache"
    rm -rf "$base.tmp"
    debootstrap --variant=minbase "$suite" "$base.tmp" "$mirror" >"$work/debootstrap.log" 2>&1 || {
        tail -20 "$work/debootstrap.log"
        echo "FAIL: debootstrap $suite"
        exit 1
    }
    cp /etc/resolv.conf "$base.tmp/etc/resolv.conf"
    mount -t proc proc "$base.tmp/proc"
    mounted="$base.tmp/proc $mounted"
    # shellcheck disable=SC2086
    chroot "$base.tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        sh -c "apt-get update && apt-get install -y --no-install-recommends $(echo $packages) && apt-get clean" \
        >"$work/install.log" 2>&1 || {
        tail -30 "$work/install.log"
        echo "FAIL: installing the build and test dependencies in $suite"
        exit 1
    }
    umount "$base.tmp/proc"
    mounted=""
    touch "$base.tmp/.ponte-ready"
    rm -rf "$base"
    mv "$base.tmp" "$base"
    # Older caches of this stage go.
    for old in "$cache"/debian13-*; do
        [ "$old" = "$base" ] || rm -rf "$old"
    done
else
    echo "-- the cached $suite chroot: $base"
fi

# 2. A clean overlay on it, the tree copied in, the system mounts.
mkdir -p "$work/upper" "$work/overlay-work" "$root"
mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/overlay-work" "$root"
mounted="$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"
mount -t sysfs sys "$root/sys"
mount -t tmpfs tmpfs "$root/tmp"
mounted="$root/tmp $root/sys $root/dev $root/proc $mounted"
cp /etc/resolv.conf "$root/etc/resolv.conf"
copy_source_tree "$root/src/ponte"
in_root sh -c 'dpkg-query -W -f "   \${Package} \${Version}\n" libwebsockets-dev libsdl2-dev libsdl2-ttf-dev libssl-dev appstream python3-websockets'

echo "-- build and the plain suite in $suite"
in_root sh -c 'cd /src/ponte && meson setup build -Dwerror=true && meson compile -C build' >"$work/build.log" 2>&1 || {
    tail -40 "$work/build.log"
    echo "FAIL: the build in $suite"
    exit 1
}
in_root sh -c 'cd /src/ponte && meson test -C build --print-errorlogs' || {
    echo "FAIL: the plain suite in $suite"
    exit 1
}

echo "-- the .deb built in $suite, installed, run"
in_root sh -c 'cd /src/ponte && dpkg-buildpackage -us -uc -b' >"$work/deb.log" 2>&1 || {
    tail -60 "$work/deb.log"
    echo "FAIL: dpkg-buildpackage in $suite"
    exit 1
}
deb=$(cd "$root/src" && ls ponte_*.deb)
echo "   $deb: $(stat -c %s "$root/src/$deb") bytes"
in_root apt-get install -y --no-install-recommends "/src/$deb" >"$work/apt.log" 2>&1 || {
    tail -30 "$work/apt.log"
    echo "FAIL: apt-get install ./$deb in $suite"
    exit 1
}
in_root /usr/bin/ponte --version
in_root sh -c 'cd /src/ponte && /usr/bin/python3 tests/e2e/smoke.py /usr/bin/ponte --font-dir /usr/share/fonts/truetype/dejavu'
echo "ok: Debian 13 ($suite): built, the plain suite passed, $deb installed and run"
