#!/bin/sh
# SPDX-License-Identifier: MIT
# fuzz.sh FUZZER CORPUS WORKDIR [OPTION...]: fuzzes for PONTE_FUZZ_SECONDS
# seconds (default 20), starting from the committed CORPUS and from what
# earlier runs found in WORKDIR/corpus. New inputs go to WORKDIR/corpus and
# a crashing input to WORKDIR/crash-<sha1> (libFuzzer prints its path and,
# when short, its base64); the committed corpus is only read.
set -eu
fuzzer=$1
corpus=$2
work=$3
shift 3
mkdir -p "$work/corpus"
exec "$fuzzer" -max_total_time="${PONTE_FUZZ_SECONDS:-20}" -timeout=10 \
    -artifact_prefix="$work/" -print_final_stats=1 "$@" "$work/corpus" "$corpus"
