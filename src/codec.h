/* SPDX-License-Identifier: MIT */
/* codec: hex and base64, both ways, for the composer's binary modes (the
 * person types hex or base64, it is decoded and sent as a binary frame) and
 * for the transcript's binary payloads.
 *
 * Encoding is exact and never fails. Decoding says what is wrong and where,
 * as a byte range of the input, so the composer can underline it. It reports
 * the first problem in reading order; a problem that is only known at the
 * end of the input (a separator with nothing after it, a short last base64
 * group) is reported when nothing earlier is wrong.
 *
 * Hex, what people paste: pairs of hex digits in either case, in groups.
 *   48656c6c6f      48 65 6c 6c 6f      48:65:6c:6c:6f      48-65-6C-6C-6F
 *   0x48, 0x65, 0x6c, 0x6c, 0x6f        0x48656c6c6f
 * - A group is an optional 0x or 0X followed by hex digits, two per byte
 *   (so 0x prefixes each byte of a C array, or a whole number-like blob).
 * - Groups are separated by whitespace (space, tab, CR, LF) and/or by one
 *   separator, ':', '-' or ','; whitespace may stand around a separator.
 * - A group with an odd number of digits is an error, rather than a guess
 *   at which byte lacks a digit ("4 8" is not 0x48, "123" is not 01 23).
 * - A separator must stand between two groups: not first, not last, not two
 *   in a row ("0x48, 0x65," is refused at the last comma).
 * - Not accepted: "\x48" escapes, hexdump lines with offsets and ASCII
 *   columns, other Unicode spaces.
 *
 * Base64, strict RFC 4648 section 4 (standard alphabet, with padding), so
 * that what is accepted is exactly the encoding of the bytes it gives (an
 * encoder's output, whitespace aside, and nothing else):
 * - Whitespace (space, tab, CR, LF) is ignored anywhere (line-wrapped MIME
 *   and PEM bodies paste as they are).
 * - The last group of four is padded with '='; a group of two or three
 *   characters without its padding is an error that points at the end.
 * - '=' ends the data: only in the last two places of the last group.
 * - The bits that a final character carries beyond the last byte must be
 *   zero (RFC 4648 section 3.5 allows a decoder to refuse them). Refusing
 *   them means one text, one meaning: "QR==" is not silently read as "QQ==".
 * - The URL-safe alphabet ('-', '_') is not accepted.
 * An empty input (or whitespace only) decodes to zero bytes.
 *
 * Pure: libc only. */
#ifndef PONTE_CODEC_H
#define PONTE_CODEC_H

#include <stdbool.h>
#include <stddef.h>

/* X(code, text): every outcome of a decode and what it means. The text is
 * for logs and tests; a window shows i18n strings chosen by the code. */
#define CODEC_ERRORS(X)                                                                      \
    X(CODEC_OK, "no error")                                                                  \
    X(CODEC_OUT_OF_MEMORY, "out of memory")                                                  \
    /* at: the character (all of it, when it is a UTF-8 sequence) */                        \
    X(CODEC_HEX_INVALID_CHARACTER, "not a hex digit")                                        \
    /* at: the group's digits (after any 0x) */                                              \
    X(CODEC_HEX_ODD_DIGITS, "a byte takes two hex digits: this group has an odd number")    \
    /* at: the 0x */                                                                         \
    X(CODEC_HEX_EMPTY_PREFIX, "0x with no hex digits after it")                              \
    /* at: the separator */                                                                  \
    X(CODEC_HEX_MISPLACED_SEPARATOR, "a separator must stand between two bytes")             \
    /* at: the character (all of it, when it is a UTF-8 sequence) */                        \
    X(CODEC_BASE64_INVALID_CHARACTER, "not a base64 character (A-Z a-z 0-9 + / =)")          \
    /* at: the lone character of the last group */                                           \
    X(CODEC_BASE64_TRUNCATED, "base64 comes in groups of four: the last group has one")      \
    /* at: the end of the data, an empty range where the '=' should go */                    \
    X(CODEC_BASE64_MISSING_PADDING, "the last group is short: it needs '=' padding")          \
    /* at: the '=' */                                                                        \
    X(CODEC_BASE64_MISPLACED_PADDING, "'=' can only fill the last two places of the last group") \
    /* at: the first character after the padding */                                          \
    X(CODEC_BASE64_AFTER_PADDING, "data after the '=' padding that ends the base64")         \
    /* at: the character before the padding */                                               \
    X(CODEC_BASE64_TRAILING_BITS, "this last character sets bits beyond the last byte")

enum codec_code {
#define CODEC_ENUM(code, text) code,
    CODEC_ERRORS(CODEC_ENUM)
#undef CODEC_ENUM
    CODEC_CODE_COUNT
};

/* Where a decode went wrong: input[offset .. offset + length). length is 0
 * only for CODEC_BASE64_MISSING_PADDING (a place, not a range) and for
 * CODEC_OK and CODEC_OUT_OF_MEMORY (offset 0). */
struct codec_error {
    enum codec_code code;
    size_t offset;
    size_t length;
};

/* The text of a code, e.g. "not a hex digit". */
const char *codec_error_text(enum codec_code code);

/* Decode in[0..len). On success returns true, *out is a malloc'd buffer
 * (never NULL, even for zero bytes; the caller frees it) and *out_len its
 * size. On failure returns false, *out is NULL and *out_len 0.
 * out may be NULL to only check the input (nothing is allocated, and
 * *out_len still says how many bytes it holds). out_len and err may be NULL.
 * err is always written: CODEC_OK on success. */
bool codec_hex_decode(const char *in, size_t len, unsigned char **out, size_t *out_len,
                      struct codec_error *err);
bool codec_base64_decode(const char *in, size_t len, unsigned char **out, size_t *out_len,
                         struct codec_error *err);

/* Length of the hex text of n bytes: two lowercase digits per byte and,
 * when separator is not '\0', one separator between bytes. SIZE_MAX when it
 * does not fit in a size_t. */
size_t codec_hex_encoded_len(size_t n, char separator);

/* Writes the hex text of data[0..n) to out (codec_hex_encoded_len(n,
 * separator) bytes; no NUL) and returns its length. codec_hex_decode reads
 * it back with separator '\0', ' ', ':', '-' or ','. */
size_t codec_hex_encode(const void *data, size_t n, char separator, char *out);

/* Length of the base64 text of n bytes: 4 * ceil(n / 3). SIZE_MAX when it
 * does not fit in a size_t. */
size_t codec_base64_encoded_len(size_t n);

/* Writes the padded base64 text of data[0..n) to out
 * (codec_base64_encoded_len(n) bytes; no NUL, no line breaks) and returns
 * its length. */
size_t codec_base64_encode(const void *data, size_t n, char *out);

#endif
