/* SPDX-License-Identifier: MIT */
/* utf8.c: see utf8.h.
 *
 * Decoding follows the table of well-formed byte sequences in the Unicode
 * Standard (Table 3-7): the lead byte fixes the length and narrows the range
 * of the second byte, and that narrowing alone rules out overlong forms,
 * surrogates and values above U+10FFFF. Checking byte by byte against that
 * table is also what makes the maximal subpart fall out naturally: it is
 * everything accepted before the first byte that does not fit. */
#include "utf8.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static bool utf8_is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* utf8_decode that also says whether the unit was well formed, because a
 * valid U+FFFD in the text and a replaced subpart decode to the same value. */
static size_t utf8_decode_unit(const unsigned char *u, size_t len,
                               uint32_t *cp, bool *ok)
{
    unsigned char c = u[0];
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the next byte */
    size_t need;
    uint32_t value;

    if (c < 0x80) {
        *cp = c;
        *ok = true;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        value = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        value = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* below: overlong */
        else if (c == 0xED)
            hi = 0x9F; /* above: surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        value = c & 0x07;
        if (c == 0xF0)
            lo = 0x90; /* below: overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above: beyond U+10FFFF */
    } else {
        /* Stray continuation, C0/C1 (always overlong) or F5..FF. */
        *cp = UTF8_REPLACEMENT;
        *ok = false;
        return 1;
    }

    for (size_t i = 1; i < need; i++) {
        if (i >= len || u[i] < lo || u[i] > hi) {
            *cp = UTF8_REPLACEMENT;
            *ok = false;
            return i;
        }
        value = value << 6 | (u[i] & 0x3Fu);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = value;
    *ok = true;
    return need;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    bool ok;

    assert(s != NULL && len >= 1);
    return utf8_decode_unit((const unsigned char *)s, len, cp, &ok);
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = UTF8_REPLACEMENT;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_unit_length(const char *s, size_t len)
{
    uint32_t cp;
    bool ok;
    size_t n;

    assert(s != NULL && len >= 1);
    n = utf8_decode_unit((const unsigned char *)s, len, &cp, &ok);
    return ok ? n : 0;
}

bool utf8_valid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        bool ok;

        i += utf8_decode_unit(u + i, len - i, &cp, &ok);
        if (!ok)
            return false;
    }
    return true;
}

bool utf8_valid_start(const char *s, size_t len, size_t *whole)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        bool ok;
        size_t n = utf8_decode_unit(u + i, len - i, &cp, &ok);

        if (!ok) {
            /* A unit that fails on a byte stops short of len; one that ran
             * out of bytes after a lead (C2..F4) reaches it. */
            if (i + n == len && u[i] >= 0xC2 && u[i] <= 0xF4) {
                *whole = i;
                return true;
            }
            *whole = i;
            return false;
        }
        i += n;
    }
    *whole = len;
    return true;
}

size_t utf8_next(const char *s, size_t len, size_t i)
{
    uint32_t cp;

    assert(i < len);
    return i + utf8_decode(s + i, len - i, &cp);
}

size_t utf8_prev(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    /* A unit holds at most three continuation bytes, so if the unit ending at
     * i is longer than s[i-1] alone, its lead byte is one of the four bytes
     * before i. */
    size_t limit = i >= 4 ? i - 4 : 0;
    size_t j = i - 1;
    uint32_t cp;
    size_t n;

    assert(i > 0 && i <= len);
    while (j > limit && utf8_is_continuation(u[j]))
        j--;
    if (utf8_is_continuation(u[j]))
        return i - 1; /* no lead in reach: s[i-1] is a stray byte */

    /* Every unit starts at a non-continuation byte and decoding forward from
     * one is deterministic, so decoding from j shows how the text is really
     * split, the same way utf8_next would split it. */
    n = utf8_decode(s + j, len - j, &cp);
    if (j + n < i)
        return i - 1; /* the bytes after j's unit are stray continuations */
    return j; /* j's unit ends at i, or i is inside it: j is still a start */
}

size_t utf8_count(const char *s, size_t len)
{
    size_t count = 0;

    for (size_t i = 0; i < len; i = utf8_next(s, len, i))
        count++;
    return count;
}

char *utf8_repair(const char *s, size_t len, size_t *out_len)
{
    size_t size = 0;
    char *out;
    char unit[4];

    /* Measure first so a large, mostly valid text gets one exact allocation
     * instead of the worst case of three bytes per input byte. Re-encoding
     * the decoded value writes a valid unit back unchanged and an invalid one
     * as U+FFFD. */
    for (size_t i = 0; i < len;) {
        uint32_t cp;

        i += utf8_decode(s + i, len - i, &cp);
        size += utf8_encode(cp, unit);
    }
    out = malloc(size + 1);
    if (out == NULL)
        return NULL;
    size = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;

        size_t n;

        i += utf8_decode(s + i, len - i, &cp);
        n = utf8_encode(cp, unit);
        memcpy(out + size, unit, n);
        size += n;
    }
    out[size] = '\0';
    if (out_len != NULL)
        *out_len = size;
    return out;
}
