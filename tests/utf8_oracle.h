/* SPDX-License-Identifier: MIT */
/* utf8_oracle: what the UTF-8 tests (tests/unit/test_utf8.c) and the
 * reassembly fuzzer (tests/fuzz/fuzz_assemble.c) hold utf8.c's answers
 * against, found by brute force rather than by utf8.c's own reasoning. */
#ifndef PONTE_UTF8_ORACLE_H
#define PONTE_UTF8_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "utf8.h"

/* Could s[0..len) (len at most 4) + up to three more bytes be valid? The
 * bytes 80, 90 and A0 between them fit every range Table 3-7 allows after a
 * lead, so trying every mix of them is trying every completion. */
static inline bool utf8_oracle_completable(const unsigned char *s, size_t len)
{
    static const unsigned char tails[] = {0x80, 0x90, 0xA0};
    unsigned char buf[8];
    memcpy(buf, s, len);
    for (size_t extra = 0, combos = 1; extra <= 3; extra++, combos *= 3) {
        for (size_t c = 0; c < combos; c++) {
            size_t v = c;
            for (size_t k = 0; k < extra; k++, v /= 3)
                buf[len + k] = tails[v % 3];
            if (utf8_valid((const char *)buf, len + extra))
                return true;
        }
    }
    return false;
}

#endif
