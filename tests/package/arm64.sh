#!/bin/sh
# SPDX-License-Identifier: MIT
# The arm64 stage of tests/run: Ponte for arm64 (kiosk boards) as a Debian
# packager makes it, in a clean Debian 12 chroot, then run under qemu-user.
#   1. debootstrap --variant=minbase bookworm; dpkg --add-architecture arm64;
#      crossbuild-essential-arm64, qemu-user-static, file and python3; apt-get
#      build-dep -a arm64 -Pnocheck on debian/control (the build tools native,
#      the libraries :arm64), which must remove nothing. That chroot is
#      cached in /var/cache/ponte/ as a tar, keyed by bookworm's Release date
#      (from this machine's apt lists) and what goes in; a run never needs the
#      cache, and PONTE_NO_CACHE=1 skips it.
#   2. the clean source tree (what git tracks and would track) copied in;
#      dpkg-buildpackage -a arm64 -Pnocheck -us -uc -b: ponte_VERSION_arm64.deb,
#      checked with dpkg-deb (Architecture arm64, its files) and file (an
#      aarch64 executable).
#   3. the .deb installed in the chroot with apt-get (its dependencies come
#      :arm64) and run there under qemu-aarch64-static, called explicitly (no
#      binfmt_misc needed): --version; --headless --local-echo echoing lines
#      byte for byte; the window on this machine's Xvfb (its socket folder
#      bind-mounted in) with a demo line echoed, the transcript and a
#      screenshot checked (tests/e2e/qemu_window.py).
# The .deb and the screenshot are left in build-arm64/ (OUT, the first
# argument, otherwise). Needs root (debootstrap, chroot, mounts) and, on this
# machine: debootstrap, Xvfb, ImageMagick's import, python3-pil.
# Usage: tests/package/arm64.sh [OUT]
set -eu
cd "$(dirname "$0")/../.."
. tests/package/source_tree.sh
top=$(pwd)
out=${1:-$top/build-arm64}
mirror=http://deb.debian.org/debian
suite=bookworm
# (python3 stands for the test tools a packager's machine has: build-dep must
# leave it in place.)
tools="crossbuild-essential-arm64 qemu-user-static file python3"
started=$(date +%s)

fail() {
    echo "FAIL: $*"
    exit 1
}
step() {
    echo "-- $* ($(($(date +%s) - started)) s)"
}

[ "$(id -u)" = 0 ] || fail "the arm64 stage needs root (debootstrap, chroot, bind mounts); run it as root"
for tool in debootstrap Xvfb import; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install debootstrap xvfb imagemagick)"
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

work=$(mktemp -d "${TMPDIR:-/var/tmp}/ponte-arm64.XXXXXX")
# The chroot (about 1.8 GB) in memory when it can be: written, read and
# thrown away several times faster than on disk.
if mount -t tmpfs -o size=6g,mode=0755 ponte-arm64 "$work" 2>/dev/null; then
    in_memory=true
else
    in_memory=false
fi
root=$work/root
mounted=""
cleanup() {
    status=$?
    for m in $mounted; do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
    if grep -q " $work/" /proc/mounts; then
        echo "WARNING: still mounted under $work, left in place:"
        grep " $work/" /proc/mounts
    elif [ "$in_memory" = true ]; then
        umount "$work" && rmdir "$work"
    else
        rm -rf --one-file-system "$work"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
bind() {
    mkdir -p "$root$2"
    mount --bind "$1" "$root$2"
    mounted="$root$2 $mounted"
}
mount_all() {
    mkdir -p "$root/proc"
    mount -t proc proc "$root/proc"
    mounted="$root/proc $mounted"
    bind /dev /dev
    bind /dev/pts /dev/pts
    [ -d /dev/shm ] && bind /dev/shm /dev/shm
}
umount_all() {
    for m in $mounted; do
        umount "$m"
    done
    mounted=""
}
# In the chroot, with a clean environment.
in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}
quiet() {
    log=$1
    shift
    if ! "$@" >"$work/$log.log" 2>&1; then
        tail -n 40 "$work/$log.log"
        fail "$* (the last 40 lines of its output are above)"
    fi
}

# 1. The chroot, from the cache when one fits.
release=$(sed -n 's/^Date: //p' /var/lib/apt/lists/*_dists_${suite}_InRelease 2>/dev/null | head -n 1)
key=$(printf '%s\n' "$suite" "$mirror" "$release" "$tools" "$(sed -n '/^Build-Depends/,/^[A-Z][a-z-]*:/p' debian/control)" \
    | sha256sum | cut -c1-16)
cache=/var/cache/ponte/arm64-$suite-$key.tar
if [ -z "$release" ]; then
    echo "-- no apt lists for $suite on this machine: no cache key, no cache"
    cache=""
fi
if [ -n "$cache" ] && [ -f "$cache" ] && [ "${PONTE_NO_CACHE:-}" != 1 ]; then
    step "the chroot from the cache $cache"
    tar -C "$work" -xf "$cache"
    mount_all
    quiet apt-update in_root apt-get update
else
    step "debootstrap --variant=minbase $suite"
    quiet debootstrap debootstrap --variant=minbase "$suite" "$root" "$mirror"
    # A throw-away system: dpkg need not sync every file it writes.
    echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/ponte-unsafe-io"
    mount_all
    in_root dpkg --add-architecture arm64
    quiet apt-update in_root apt-get update
    step "apt-get install $tools"
    quiet tools in_root apt-get install -y --no-install-recommends $tools
    step "apt-get build-dep -a arm64 -Pnocheck (debian/control)"
    mkdir -p "$root/deps/debian"
    cp debian/control "$root/deps/debian/"
    quiet build-dep in_root apt-get build-dep -y -a arm64 -Pnocheck /deps
    # Cross-friendly build dependencies take nothing away (a plain python3
    # would replace the native one, and everything that needs it).
    grep -q ' 0 to remove' "$work/build-dep.log" || fail "apt-get build-dep -a arm64 removed packages: $(grep -A3 'REMOVED' "$work/build-dep.log")"
    in_root apt-get clean
    if [ -n "$cache" ] && [ "${PONTE_NO_CACHE:-}" != 1 ] && mkdir -p /var/cache/ponte 2>/dev/null; then
        umount_all
        step "saving the chroot to $cache"
        if tar -C "$work" --one-file-system -cf "$cache.tmp" root; then
            mv "$cache.tmp" "$cache"
            # Older chroots of this stage are of no more use.
            for old in /var/cache/ponte/arm64-$suite-*.tar; do
                [ "$old" = "$cache" ] || rm -f "$old"
            done
        else
            rm -f "$cache.tmp"
            echo "-- could not save the cache (not needed)"
        fi
        mount_all
    fi
fi

# 2. The package.
step "the source tree copied into the chroot"
copy_source_tree "$root/build/ponte"
step "dpkg-buildpackage -a arm64 -Pnocheck -us -uc -b"
quiet dpkg-buildpackage in_root sh -c 'cd /build/ponte && DEB_BUILD_OPTIONS=parallel=2 dpkg-buildpackage -a arm64 -Pnocheck -us -uc -b'
deb=$(ls "$root"/build/ponte_*_arm64.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "dpkg-buildpackage made no ponte_*_arm64.deb: $(ls "$root/build")"
name=$(basename "$deb")
cp "$deb" "$out/"
arch=$(dpkg-deb -f "$deb" Architecture)
[ "$arch" = arm64 ] || fail "$name says Architecture: $arch"
echo "ok: $name, Architecture: arm64, $(stat -c %s "$deb") bytes"
dpkg-deb -c "$deb" | awk '{print $NF}' >"$work/deb-files"
for f in ./usr/bin/ponte ./usr/share/applications/io.github.ponte.Ponte.desktop \
         ./usr/share/metainfo/io.github.ponte.Ponte.metainfo.xml ./usr/share/man/man1/ponte.1.gz \
         ./usr/share/locale/pt_BR/LC_MESSAGES/ponte.mo; do
    grep -qx "$f" "$work/deb-files" || fail "$name has no $f"
done
echo "ok: $name has the binary, desktop entry, metainfo, manual page and catalog"
echo "-- Depends: $(dpkg-deb -f "$deb" Depends)"
mkdir "$root/build/x"
dpkg-deb -x "$deb" "$root/build/x"
kind=$(in_root file -b /build/x/usr/bin/ponte)
case $kind in
    *"ELF 64-bit"*"ARM aarch64"*) echo "ok: usr/bin/ponte is $kind" ;;
    *) fail "usr/bin/ponte is $kind, not an aarch64 executable" ;;
esac

# 3. Under qemu-user.
step "apt-get install ./$name (its dependencies :arm64)"
quiet install in_root apt-get install -y --no-install-recommends "/build/$name"
qemu="qemu-aarch64-static"
version=$(in_root $qemu /usr/bin/ponte --version | head -n 1) # (then, on 4.1.6, why no compression)
want="ponte $(dpkg-deb -f "$deb" Version)"
[ "$version" = "$want" ] || fail "under qemu, ponte --version says '$version', not '$want'"
echo "ok: under $qemu, ponte --version says $version"
printf 'one\nzwei \303\274\n\nthree, the last\n' >"$work/lines"
step "under qemu: ponte --headless --local-echo"
if ! in_root $qemu /usr/bin/ponte --headless --local-echo --count 4 <"$work/lines" >"$work/echoed" 2>"$work/headless.log"; then
    cat "$work/headless.log"
    fail "under qemu, ponte --headless --local-echo --count 4 failed"
fi
cmp "$work/lines" "$work/echoed" || fail "under qemu, --headless --local-echo did not echo the 4 lines byte for byte: $(od -c "$work/echoed" | head)"
echo "ok: under qemu, --headless --local-echo echoed 4 lines byte for byte ($(cat "$work/headless.log" | tr '\n' ';'))"
step "under qemu: the window on Xvfb"
mkdir -p /tmp/.X11-unix
chmod 1777 /tmp/.X11-unix
bind /tmp/.X11-unix /tmp/.X11-unix
/usr/bin/python3 tests/e2e/qemu_window.py "$root" "$qemu" "$out/arm64-window.png" \
    || fail "under qemu, the window (above)"
umount_all
step "arm64 stage done: $out/$name ($(stat -c %s "$out/$name") bytes), $out/arm64-window.png"
