/* SPDX-License-Identifier: MIT */
/* fuzz_utf8: every function of utf8.c on arbitrary bytes, against a
 * reference written straight from the Unicode Standard's Table 3-7 (ranges
 * per lead byte, not utf8.c's narrowing of the second byte):
 * - utf8_decode steps exactly over each well-formed sequence or maximal
 *   subpart and yields its code point or U+FFFD; utf8_next agrees;
 * - utf8_valid and utf8_count agree with that split, and utf8_valid_start
 *   accepts exactly the inputs whose only ill-formed unit, if any, is a
 *   multi-byte sequence cut short by the end;
 * - utf8_prev at any index finds the start of the unit before it;
 * - utf8_repair copies well-formed units and writes U+FFFD for the rest;
 * - utf8_encode writes back each well-formed unit, and any value it is
 *   given decodes to that value (or U+FFFD for non-scalars). */
#include "fuzz.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

/* Table 3-7: the well-formed byte sequences. The second byte's range
 * depends on the lead; later bytes are always 80..BF. */
static const struct {
    unsigned char lead_lo, lead_hi, length, second_lo, second_hi;
} reference_rows[] = {
    {0x00, 0x7F, 1, 0, 0},       {0xC2, 0xDF, 2, 0x80, 0xBF}, {0xE0, 0xE0, 3, 0xA0, 0xBF},
    {0xE1, 0xEC, 3, 0x80, 0xBF}, {0xED, 0xED, 3, 0x80, 0x9F}, {0xEE, 0xEF, 3, 0x80, 0xBF},
    {0xF0, 0xF0, 4, 0x90, 0xBF}, {0xF1, 0xF3, 4, 0x80, 0xBF}, {0xF4, 0xF4, 4, 0x80, 0x8F},
};

/* The unit at s: its length, whether it is well formed, and its value. An
 * ill-formed unit is the maximal subpart: the longest start of a
 * well-formed sequence, at least one byte. */
static size_t reference_unit(const unsigned char *s, size_t len, bool *ok, uint32_t *cp)
{
    for (size_t r = 0; r < sizeof reference_rows / sizeof reference_rows[0]; r++) {
        size_t n = reference_rows[r].length;

        if (s[0] < reference_rows[r].lead_lo || s[0] > reference_rows[r].lead_hi)
            continue;
        for (size_t i = 1; i < n; i++) {
            unsigned char lo = i == 1 ? reference_rows[r].second_lo : 0x80;
            unsigned char hi = i == 1 ? reference_rows[r].second_hi : 0xBF;

            if (i >= len || s[i] < lo || s[i] > hi) {
                *ok = false;
                *cp = UTF8_REPLACEMENT;
                return i;
            }
        }
        *ok = true;
        switch (n) {
        case 1: *cp = s[0]; break;
        case 2: *cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3Fu); break;
        case 3: *cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3Fu); break;
        default:
            *cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
                  (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3Fu);
            break;
        }
        return n;
    }
    *ok = false;
    *cp = UTF8_REPLACEMENT;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    /* unit_start[i]: where the unit holding byte i starts */
    size_t *unit_start = malloc((size + 1) * sizeof *unit_start);
    char *repaired, *expected = malloc(size * 3 + 1);
    size_t count = 0, expected_len = 0, repaired_len = 12345;
    bool all_ok = true;
    size_t first_bad = size; /* where the first ill-formed unit starts */
    bool bad_is_cut = false; /* and it is a lead and its bytes, cut by the end */

    FUZZ_CHECK(unit_start != NULL && expected != NULL);
    for (size_t i = 0; i < size;) {
        bool ok;
        uint32_t want_cp, cp = 0;
        size_t n = reference_unit(data + i, size - i, &ok, &want_cp);
        char unit[4];

        FUZZ_CHECK(utf8_decode(s + i, size - i, &cp) == n);
        FUZZ_CHECK(cp == want_cp);
        FUZZ_CHECK(utf8_next(s, size, i) == i + n);
        if (ok) {
            FUZZ_CHECK(utf8_encode(cp, unit) == n && memcmp(unit, s + i, n) == 0);
            memcpy(expected + expected_len, s + i, n);
            expected_len += n;
        } else {
            memcpy(expected + expected_len, "\xEF\xBF\xBD", 3);
            expected_len += 3;
        }
        for (size_t k = i; k < i + n; k++)
            unit_start[k] = i;
        if (!ok && all_ok) {
            first_bad = i;
            bad_is_cut = i + n == size && data[i] >= 0xC2 && data[i] <= 0xF4;
        }
        all_ok = all_ok && ok;
        count++;
        i += n;
    }
    FUZZ_CHECK(utf8_valid(s, size) == all_ok);
    FUZZ_CHECK(utf8_count(s, size) == count);
    size_t whole = 12345;
    bool start = utf8_valid_start(s, size, &whole);
    FUZZ_CHECK(start == (all_ok || bad_is_cut));
    FUZZ_CHECK(!start || whole == first_bad);
    for (size_t i = 1; i <= size; i++)
        FUZZ_CHECK(utf8_prev(s, size, i) == unit_start[i - 1]);

    repaired = utf8_repair(s, size, &repaired_len);
    FUZZ_CHECK(repaired != NULL);
    FUZZ_CHECK(repaired_len == expected_len && memcmp(repaired, expected, expected_len) == 0);
    FUZZ_CHECK(repaired[repaired_len] == '\0');
    FUZZ_CHECK(utf8_valid(repaired, repaired_len));
    FUZZ_CHECK(utf8_count(repaired, repaired_len) == count);
    free(repaired);

    /* utf8_encode on any value: the first four bytes, as a number. */
    if (size >= 4) {
        uint32_t value = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
                         (uint32_t)data[3] << 24;
        bool scalar = value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF);
        char unit[4];
        uint32_t back;
        size_t n = utf8_encode(value, unit);

        FUZZ_CHECK(n >= 1 && n <= 4 && utf8_valid(unit, n));
        FUZZ_CHECK(utf8_decode(unit, n, &back) == n);
        FUZZ_CHECK(back == (scalar ? value : UTF8_REPLACEMENT));
    }

    free(expected);
    free(unit_start);
    return 0;
}
