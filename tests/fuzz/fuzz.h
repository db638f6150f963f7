/* SPDX-License-Identifier: MIT */
/* fuzz.h: what the libFuzzer targets share. FUZZ_CHECK is the targets'
 * CHECK: a property that does not hold prints where and aborts, and
 * libFuzzer keeps the input that did it as a crash artifact. */
#ifndef PONTE_FUZZ_H
#define PONTE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(expr)                                                                   \
    do {                                                                                   \
        if (!(expr)) {                                                                     \
            fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #expr); \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* The entry point libFuzzer calls once per input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
