/* SPDX-License-Identifier: MIT */
/* utf8: decoding, validation, stepping and repair of UTF-8 text.
 *
 * Strict RFC 3629: no overlong forms, no surrogates (U+D800..U+DFFF), nothing
 * above U+10FFFF. An invalid sequence is replaced by one U+FFFD per maximal
 * subpart (the Unicode / WHATWG "substitution of maximal subparts" rule), so
 * every consumer of this module sees the same repair. */
#ifndef PONTE_UTF8_H
#define PONTE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the code point at s[0], reading at most len (>= 1) bytes.
 * Returns the number of bytes consumed (1..4). On an invalid sequence, *cp is
 * U+FFFD and the return value is the length of the maximal subpart (>= 1). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Writes cp (<= U+10FFFF, not a surrogate; else U+FFFD is written) to out.
 * Returns the number of bytes written (1..4). */
size_t utf8_encode(uint32_t cp, char out[4]);

/* True when s[0..len) is entirely valid UTF-8. */
bool utf8_valid(const char *s, size_t len);

/* The length (1..4) of the well-formed unit at s[0] (len >= 1), or 0 when
 * it is not one. For scanners that check UTF-8 as they go. */
size_t utf8_unit_length(const char *s, size_t len);

/* True when s[0..len) can still be the start of valid UTF-8: every unit is
 * well formed except perhaps the last, which may be cut short by the end
 * (its bytes so far fit Table 3-7; e.g. "\xE2\x82" but not "\xE0\x80").
 * *whole is the length of the well-formed units before such a cut (len when
 * there is none); checking later bytes can resume there. For validating a
 * message that arrives in pieces. */
bool utf8_valid_start(const char *s, size_t len, size_t *whole);

/* Byte index of the code point after the one starting at i (i < len), or len.
 * Steps over an invalid maximal subpart as one unit, like utf8_decode. */
size_t utf8_next(const char *s, size_t len, size_t i);

/* Byte index of the start of the code point that ends at i (0 < i <= len).
 * On valid text this is the previous code point; on invalid text it never
 * returns an index inside a valid multi-byte sequence. */
size_t utf8_prev(const char *s, size_t len, size_t i);

/* Number of code points (invalid subparts count one each). */
size_t utf8_count(const char *s, size_t len);

/* Returns a malloc'd, NUL-terminated copy of s[0..len) with every invalid
 * subpart replaced by U+FFFD, and its length in *out_len (may be NULL).
 * NULL only when memory runs out. */
char *utf8_repair(const char *s, size_t len, size_t *out_len);

#endif
