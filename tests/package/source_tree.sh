# SPDX-License-Identifier: MIT
# source_tree: copy_source_tree DEST, for the stages that build Ponte away
# from this checkout (package.sh, debian13.sh, arm64.sh); sourced by them
# from the top of the repository. It copies the files git tracks and those
# it would (not ignored), as they are now: what a clean clone in CI has, no
# build folders. Outside a git checkout (a release tarball): everything but
# the build folders.
copy_source_tree() {
    mkdir -p "$1"
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files -z --cached --others --exclude-standard \
            | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$1"
    else
        tar --exclude='./build*' -cf - . | tar -xf - -C "$1"
    fi
}
