#!/bin/sh
# SPDX-License-Identifier: MIT
#
# packaging/windows/deps.sh PREFIX: builds the Windows (x86_64-w64-mingw32)
# libraries Ponte links against, from Debian's own source packages, and
# installs them under PREFIX (bin/ the DLLs, lib/ the import libraries and
# lib/pkgconfig/ their .pc files, include/), for the meson cross file
# packaging/windows/x86_64-w64-mingw32.txt.
#
# What comes from where (nothing is fetched from anywhere but Debian's mirror):
#   zlib            Debian 12's libz-mingw-w64-dev (a Windows build Debian
#                   already makes from its zlib source): zlib1.dll.
#   OpenSSL 3       trixie's openssl, ./Configure mingw64, libraries only.
#   FreeType        trixie's freetype, a static library inside SDL2_ttf.dll.
#   SDL2            trixie's libsdl2, video only (no audio, joystick, ...).
#   SDL2_ttf        trixie's libsdl2-ttf, with that FreeType.
#   libwebsockets   trixie's libwebsockets 4.3.5, with OpenSSL and zlib.
#   inih            trixie's libinih (one C file), a static library.
#   msgpack-c       trixie's msgpack-c (the C library; or bookworm's, see
#                   sources_for), a static library.
#   libcbor         trixie's libcbor (or bookworm's), libcbor.dll (its headers, made by
#                   cmake's GenerateExportHeader, import from a DLL unless
#                   CBOR_STATIC_DEFINE is set, which its .pc does not say).
# The sources are Debian 13's (trixie), read through an apt state of our own
# (a deb-src list, lists and cache under the work folder), so the host's apt
# configuration is not changed.
#
# Why libwebsockets 4.3.5 (trixie) and not 4.1.6 (bookworm): 4.1.6's Windows
# event loop waits with WSAWaitForMultipleEvents, and it never reads the
# Windows certificate store, so wss:// would trust nothing a Windows machine
# trusts. 4.2 and later wait with WSAPoll, like poll() on Linux, and with
# LWS_SSL_CLIENT_USE_OS_CA_CERTS (on here) copy the store's "ROOT"
# certificates into the OpenSSL store of each client vhost
# (lib/plat/windows/windows-sockets.c). Ponte is correct on both versions;
# the Windows build simply takes the one that behaves like a Windows program.
#
# The result is cached in /var/cache/ponte/windows-KEY (PONTE_CACHE overrides
# the folder), KEY a hash of the source versions and of this script; with no
# cache it is built (on 2 cores, see README.md for the times) and then cached.
# Needs: gcc-mingw-w64-x86-64, libz-mingw-w64-dev, cmake, meson, ninja-build,
# make, perl, dpkg-dev, xz-utils.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
case $1 in /*) PREFIX=$1 ;; *) PREFIX=$(pwd)/$1 ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
HOST=x86_64-w64-mingw32
JOBS=${JOBS:-2}
CACHE_ROOT=${PONTE_CACHE:-/var/cache/ponte}
WORK=${PONTE_WINDOWS_WORK:-$(mktemp -d /tmp/ponte-windeps.XXXXXX)}
mkdir -p "$WORK"
PACKAGES="openssl freetype libsdl2 libsdl2-ttf libwebsockets libinih msgpack-c libcbor"

log() { printf '[deps %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---- our own apt state for trixie's sources ----------------------------------
APT_DIR=$WORK/apt
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
for suite in "debian trixie" "debian trixie-updates" "debian-security trixie-security"; do
    set -- $suite
    echo "deb-src [signed-by=$KEYRING] http://deb.debian.org/$1 $2 main"
done > "$APT_DIR/sources.list"
# msgpack-c and libcbor: trixie's, else bookworm's (4.0.0 and 0.8.0, what
# Debian 12 builds Ponte with; a mirror here served bookworm's sources of
# these two but not trixie's). Only these two look there: the others stay
# trixie's (see libwebsockets above).
{ cat "$APT_DIR/sources.list"; echo "deb-src [signed-by=$KEYRING] http://deb.debian.org/debian bookworm main"; } \
    > "$APT_DIR/sources-bookworm.list"
sources_for() {
    case $1 in
        msgpack-c|libcbor) echo "$APT_DIR/sources-bookworm.list" ;;
        *) echo "$APT_DIR/sources.list" ;;
    esac
}
apt_opts() {
    echo "-o Dir::Etc::SourceList=$1 -o Dir::Etc::SourceParts=/nonexistent" \
        "-o Dir::State::Lists=$APT_DIR/lists -o Dir::Cache=$APT_DIR/cache" \
        "-o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1 -q"
}
log "reading trixie's source lists"
# shellcheck disable=SC2046
apt-get $(apt_opts "$APT_DIR/sources-bookworm.list") update >"$WORK/apt-update.log" 2>&1 \
    || { cat "$WORK/apt-update.log" >&2; exit 1; }

# The versions of a source package over the three suites, newest first.
versions_of() {
    # shellcheck disable=SC2046
    list=$(apt-cache $(apt_opts "$(sources_for "$1")") showsrc "$1" |
        awk -v p="$1" '/^Package: /{n=$2} /^Version: /{if (n == p) print $2}' | sort -u)
    for v in $list; do
        newer=0
        for w in $list; do
            if dpkg --compare-versions "$w" gt "$v"; then newer=$((newer + 1)); fi
        done
        echo "$newer $v"
    done | sort -n | cut -d' ' -f2
}
VERSIONS=
for p in $PACKAGES; do
    v=$(versions_of "$p" | tr '\n' ',' | sed 's/,$//')
    [ -n "$v" ] || { echo "deps.sh: no source package $p in $(sources_for "$p")" >&2; exit 1; }
    VERSIONS="$VERSIONS$p=$v "
done
ZLIB_VERSION=$(dpkg-query -W -f '${Version}' libz-mingw-w64-dev)
GCC_VERSION=$(dpkg-query -W -f '${Version}' gcc-mingw-w64-x86-64)
KEY=$( { echo "$VERSIONS"; echo "zlib=$ZLIB_VERSION gcc=$GCC_VERSION"; cat "$0"; } | sha256sum | cut -c1-16)
CACHE=$CACHE_ROOT/windows-$KEY
log "sources: $VERSIONS"

install_prefix() {
    mkdir -p "$PREFIX"
    cp -a "$1/." "$PREFIX/"
    # The .pc and cmake files name the folder they were built in: make them
    # name PREFIX.
    built=$(cat "$1/BUILT-IN")
    grep -rlF "$built" "$PREFIX/lib" "$PREFIX/bin" 2>/dev/null | while read -r f; do
        case $f in *.pc|*.cmake|*-config|*.la) sed -i "s|$built|$PREFIX|g" "$f" ;; esac
    done
    echo "$PREFIX" > "$PREFIX/BUILT-IN"
    # For a prefix other than the cross file's default: add this file after
    # packaging/windows/x86_64-w64-mingw32.txt.
    cat > "$PREFIX/meson-cross.txt" <<EOF
# Written by packaging/windows/deps.sh: the libraries are in $PREFIX.
[properties]
pkg_config_libdir = '$PREFIX/lib/pkgconfig'
EOF
}

if [ -f "$CACHE/.complete" ]; then
    log "cached: $CACHE"
    install_prefix "$CACHE"
    exit 0
fi

# ---- fetching the sources --------------------------------------------------------
# apt-get source the newest version. A mirror can list a version whose files
# are not all there yet (seen here: a .dsc missing while its tarballs were
# served); then each suite is asked on its own, and the files apt-get could
# fetch (each checked against the signed index's SHA256) are unpacked as
# dpkg-source would: the upstream tarball, then debian/, then its patches.
SRC=$WORK/src
mkdir -p "$SRC"
fetch() { # package version [orig-only] -> prints the unpacked folder
    p=$1; v=$2; orig_only=${3:-}
    d=$SRC/$p
    rm -rf "$d"; mkdir -p "$d"
    # shellcheck disable=SC2046
    if (cd "$d" && apt-get $(apt_opts "$(sources_for "$p")") source "$p=$v") >"$d.log" 2>&1; then
        find "$d" -mindepth 1 -maxdepth 1 -type d | head -n1
        return
    fi
    i=0
    while read -r line; do
        i=$((i + 1)); echo "$line" > "$WORK/one-$i.list"
        # shellcheck disable=SC2046
        (cd "$d" && apt-get $(apt_opts "$WORK/one-$i.list") source --download-only "$p=$v") >>"$d.log" 2>&1 || true
    done < "$(sources_for "$p")"
    upstream=${v#*:}; upstream=${upstream%-*}
    orig=$(ls "$d/${p}_$upstream.orig.tar."* 2>/dev/null | grep -v '\.asc$' | head -n1 || true)
    deb=$(ls "$d/${p}_${v#*:}.debian.tar."* 2>/dev/null | head -n1 || true)
    if [ -f "$d/${p}_${v#*:}.dsc" ]; then
        (cd "$d" && dpkg-source -x "${p}_${v#*:}.dsc" "$p-src") >>"$d.log" 2>&1
    elif [ -n "$orig" ] && [ -n "$deb" ]; then
        echo "deps.sh: $p $v: no .dsc on the mirror; unpacking its tarballs" >&2
        mkdir -p "$d/$p-src"
        tar -xf "$orig" -C "$d/$p-src" --strip-components=1
        tar -xf "$deb" -C "$d/$p-src"
        if [ -f "$d/$p-src/debian/patches/series" ]; then
            grep -v '^#' "$d/$p-src/debian/patches/series" | while read -r patch _; do
                [ -n "$patch" ] && patch -d "$d/$p-src" -p1 -s < "$d/$p-src/debian/patches/$patch"
            done
        fi
    elif [ -n "$orig" ] && [ -n "$orig_only" ]; then
        # Seen here: a mirror serving trixie's libcbor upstream tarball but
        # neither its .dsc nor its debian/ tarball (nor any file of
        # bookworm's). The upstream tarball alone, checked by apt-get against
        # the signed index like the others, is built as upstream ships it.
        echo "deps.sh: $p $v: only its upstream tarball is on the mirror; building that, without Debian's patches" >&2
        mkdir -p "$d/$p-src"
        tar -xf "$orig" -C "$d/$p-src" --strip-components=1
    else
        return 1
    fi
    echo "$d/$p-src"
}

STAGE=$WORK/stage
rm -rf "$STAGE"; mkdir -p "$STAGE/bin" "$STAGE/lib/pkgconfig" "$STAGE/include"
TIMES=$WORK/times.txt
: > "$TIMES"
timed() { # name command...
    name=$1; shift
    start=$(date +%s)
    log "building $name"
    "$@" > "$WORK/$name.log" 2>&1 || { tail -n 60 "$WORK/$name.log" >&2; echo "deps.sh: $name failed ($WORK/$name.log)" >&2; exit 1; }
    echo "$name $(( $(date +%s) - start ))s" | tee -a "$TIMES" >&2
}

# A cmake toolchain file of ours (lws's contrib/cross-w64.cmake is written
# for Fedora's sysroot).
cat > "$WORK/toolchain.cmake" <<EOF
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER $HOST-gcc)
set(CMAKE_CXX_COMPILER $HOST-g++)
set(CMAKE_RC_COMPILER $HOST-windres)
set(CMAKE_FIND_ROOT_PATH /usr/$HOST $STAGE)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
EOF
CMAKE="cmake -G Ninja -DCMAKE_TOOLCHAIN_FILE=$WORK/toolchain.cmake -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$STAGE -DCMAKE_PREFIX_PATH=$STAGE"
export PKG_CONFIG_LIBDIR="$STAGE/lib/pkgconfig"
unset PKG_CONFIG_PATH || true

# zlib: Debian's own Windows build, copied in so PREFIX stands alone.
cp /usr/$HOST/lib/zlib1.dll "$STAGE/bin/"
cp /usr/$HOST/lib/libz.dll.a "$STAGE/lib/"
cp /usr/$HOST/include/zlib.h /usr/$HOST/include/zconf.h "$STAGE/include/"
cat > "$STAGE/lib/pkgconfig/zlib.pc" <<EOF
prefix=$STAGE
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: zlib
Description: zlib compression library (Debian's libz-mingw-w64-dev)
Version: $(sed -n 's/^Version: //p' /usr/$HOST/lib/pkgconfig/zlib.pc)
Libs: -L\${libdir} -lz
Cflags: -I\${includedir}
EOF

build_openssl() {
    cd "$1"
    # Only the two DLLs, and only what a TLS client and server need: no
    # apps, tests, docs, engines, legacy provider, QUIC, CMP/CMS/OCSP/TS or
    # old and national ciphers.
    ./Configure mingw64 --cross-compile-prefix=$HOST- --prefix="$STAGE" --libdir=lib \
        no-apps no-tests no-docs no-legacy no-engine no-module no-dso shared \
        no-quic no-cmp no-cms no-ts no-ct no-ocsp no-http no-srp no-srtp no-sctp no-comp \
        no-idea no-mdc2 no-rc2 no-rc4 no-rc5 no-md4 no-seed no-bf no-cast no-camellia no-aria \
        no-sm2 no-sm3 no-sm4 no-whirlpool no-gost no-siphash no-dtls no-ssl-trace no-ec2m
    # The DLLs and their import libraries, not the static libcrypto.a and
    # libssl.a that build_libs also makes: each of those compiles every
    # source file a second time.
    make -j"$JOBS" build_generated
    make -j"$JOBS" libcrypto.dll.a libssl.dll.a exporters/libcrypto.pc exporters/libssl.pc exporters/openssl.pc
    mkdir -p "$STAGE/include/openssl"
    cp include/openssl/*.h "$STAGE/include/openssl/"
    cp libcrypto.dll.a libssl.dll.a "$STAGE/lib/"
    # exporters/: the .pc files for the installed tree (those at the top
    # name the build tree).
    cp exporters/libcrypto.pc exporters/libssl.pc exporters/openssl.pc "$STAGE/lib/pkgconfig/"
    cp libcrypto-3-x64.dll libssl-3-x64.dll "$STAGE/bin/"
}

build_freetype() {
    # Static, inside SDL2_ttf.dll; no optional codecs (Ponte draws outline
    # fonts; colour emoji on Windows are COLR outlines, not PNG bitmaps).
    $CMAKE -S "$1" -B "$1/build" -DBUILD_SHARED_LIBS=OFF \
        -DFT_DISABLE_ZLIB=ON -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_PNG=ON \
        -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON
    cmake --build "$1/build" -j"$JOBS"
    cmake --install "$1/build"
}

build_sdl2() {
    # Video, events and the renderer are all Ponte uses (SDL_INIT_VIDEO only).
    $CMAKE -S "$1" -B "$1/build" -DSDL_SHARED=ON -DSDL_STATIC=OFF -DSDL_TEST=OFF \
        -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_HIDAPI=OFF \
        -DSDL_SENSOR=OFF -DSDL_POWER=OFF -DSDL_LOCALE=ON -DSDL_MISC=ON \
        -DSDL_VULKAN=OFF -DSDL_RENDER_D3D=ON -DSDL_DIRECTX=ON -DSDL_WASAPI=OFF \
        -DSDL_VIRTUAL_JOYSTICK=OFF -DSDL_XINPUT=OFF
    cmake --build "$1/build" -j"$JOBS"
    cmake --install "$1/build"
}

build_sdl2_ttf() {
    $CMAKE -S "$1" -B "$1/build" -DBUILD_SHARED_LIBS=ON -DSDL2TTF_SAMPLES=OFF \
        -DSDL2TTF_VENDORED=OFF -DSDL2TTF_HARFBUZZ=OFF
    cmake --build "$1/build" -j"$JOBS"
    cmake --install "$1/build"
}

build_libwebsockets() {
    # Client and server roles with TLS (OpenSSL) and permessage-deflate
    # (zlib), as Debian builds it; no test apps, examples or plugins.
    $CMAKE -S "$1" -B "$1/build" -DLWS_WITH_SHARED=ON -DLWS_WITH_STATIC=OFF \
        -DLWS_WITH_SSL=ON -DLWS_SSL_CLIENT_USE_OS_CA_CERTS=ON \
        -DLWS_OPENSSL_INCLUDE_DIRS="$STAGE/include" \
        -DLWS_OPENSSL_LIBRARIES="$STAGE/lib/libssl.dll.a;$STAGE/lib/libcrypto.dll.a" \
        -DLWS_WITHOUT_EXTENSIONS=OFF -DLWS_WITH_ZLIB=ON -DLWS_WITH_BUNDLED_ZLIB=OFF \
        -DLWS_ZLIB_INCLUDE_DIRS="$STAGE/include" -DLWS_ZLIB_LIBRARIES="$STAGE/lib/libz.dll.a" \
        -DLWS_WITHOUT_TESTAPPS=ON -DLWS_WITH_MINIMAL_EXAMPLES=OFF \
        -DLWS_WITHOUT_TEST_SERVER=ON -DLWS_WITHOUT_TEST_SERVER_EXTPOLL=ON \
        -DLWS_WITHOUT_TEST_PING=ON -DLWS_WITHOUT_TEST_CLIENT=ON \
        -DLWS_WITH_PLUGINS=OFF -DLWS_WITH_LIBUV=OFF -DLWS_IPV6=ON \
        -DLWS_SUPPRESS_DEPRECATED_API_WARNINGS=ON -DDISABLE_WERROR=ON
    cmake --build "$1/build" -j"$JOBS"
    cmake --install "$1/build"
}

build_libinih() {
    cat > "$WORK/inih-cross.txt" <<EOF
[binaries]
c = '$HOST-gcc'
ar = '$HOST-ar'
strip = '$HOST-strip'
[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOF
    # Debian's options (debian/rules): distro_install; a static library.
    meson setup "$1/build" "$1" --cross-file "$WORK/inih-cross.txt" --prefix="$STAGE" --libdir=lib \
        -Ddefault_library=static -Ddistro_install=true -Dwith_INIReader=false
    meson compile -C "$1/build" -j "$JOBS"
    meson install -C "$1/build"
}

build_msgpack_c() {
    # The C library alone (msgpack-c is C only since 6.0): static, no tests
    # or examples.
    $CMAKE -S "$1" -B "$1/build" -DMSGPACK_ENABLE_SHARED=OFF -DMSGPACK_ENABLE_STATIC=ON \
        -DBUILD_SHARED_LIBS=OFF -DMSGPACK_BUILD_TESTS=OFF -DMSGPACK_BUILD_EXAMPLES=OFF
    cmake --build "$1/build" -j"$JOBS"
    cmake --install "$1/build"
}

build_libcbor() {
    $CMAKE -S "$1" -B "$1/build" -DBUILD_SHARED_LIBS=ON -DWITH_TESTS=OFF -DWITH_EXAMPLES=OFF -DSANITIZE=OFF
    cmake --build "$1/build" -j"$JOBS"
    cmake --install "$1/build"
}

BUILT=
for p in $PACKAGES; do
    list=${VERSIONS#*"$p="}; list=${list%% *}
    dir=
    # Whole sources (newest first), else an upstream tarball alone.
    for how in "" orig-only; do
        for v in $(echo "$list" | tr ',' ' '); do
            if dir=$(fetch "$p" "$v" $how) && [ -n "$dir" ]; then break 2; fi
            echo "deps.sh: $p $v cannot be fetched${how:+ even in part}; trying an older version" >&2
            dir=
        done
    done
    [ -n "$dir" ] || { echo "deps.sh: no version of $p could be fetched" >&2; exit 1; }
    BUILT="$BUILT$p=$v "
    case $p in
        openssl) timed openssl build_openssl "$dir" ;;
        freetype) timed freetype build_freetype "$dir" ;;
        libsdl2) timed SDL2 build_sdl2 "$dir" ;;
        libsdl2-ttf) timed SDL2_ttf build_sdl2_ttf "$dir" ;;
        libwebsockets) timed libwebsockets build_libwebsockets "$dir" ;;
        libinih) timed inih build_libinih "$dir" ;;
        msgpack-c) timed msgpack-c build_msgpack_c "$dir" ;;
        libcbor) timed libcbor build_libcbor "$dir" ;;
    esac
    # The licences go into the zip with the DLLs.
    mkdir -p "$STAGE/share/licenses/$p"
    cp "$dir/debian/copyright" "$STAGE/share/licenses/$p/copyright"
done
mkdir -p "$STAGE/share/licenses/zlib"
cp /usr/share/doc/libz-mingw-w64-dev/copyright "$STAGE/share/licenses/zlib/copyright"
echo "$BUILT zlib=$ZLIB_VERSION gcc-mingw-w64-x86-64=$GCC_VERSION" > "$STAGE/VERSIONS"
cp "$TIMES" "$STAGE/BUILD-TIMES"
echo "$STAGE" > "$STAGE/BUILT-IN"
touch "$STAGE/.complete"

# Cache it when we may (a run never needs the cache, so a read-only or
# missing /var/cache is no error).
if mkdir -p "$CACHE_ROOT" 2>/dev/null && [ -w "$CACHE_ROOT" ]; then
    rm -rf "$CACHE.tmp" && cp -a "$STAGE" "$CACHE.tmp" && rm -rf "$CACHE" && mv "$CACHE.tmp" "$CACHE" \
        && log "cached in $CACHE" || log "could not cache in $CACHE"
fi
install_prefix "$STAGE"
log "done: $PREFIX"
