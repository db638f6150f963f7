/* SPDX-License-Identifier: MIT */
/* codec.c: see codec.h.
 *
 * Each decoder is one pass over the input that checks and, when there is an
 * output buffer, writes as it goes; checking only and decoding therefore
 * cannot disagree. The output is allocated once, at the most the input can
 * hold (a byte per two hex digits, three per four base64 characters). */
#include "codec.h"

#include "ascii.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

static const char *const codec_texts[] = {
#define CODEC_TEXT(code, text) [code] = text,
    CODEC_ERRORS(CODEC_TEXT)
#undef CODEC_TEXT
};

static const char codec_hex_digits[] = "0123456789abcdef";
static const char codec_base64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const char *codec_error_text(enum codec_code code)
{
    if ((unsigned)code >= CODEC_CODE_COUNT)
        return "unknown error";
    return codec_texts[code];
}

static bool codec_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int codec_base64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Bytes of the character at in[i]: a lead byte and the continuation bytes
 * that follow it (at most three), so an underline never splits a UTF-8
 * character. Not a validation: a malformed sequence is just kept together. */
static size_t codec_char_length(const char *in, size_t len, size_t i)
{
    size_t n = 1;

    if ((unsigned char)in[i] >= 0xC0)
        while (n < 4 && i + n < len && ((unsigned char)in[i + n] & 0xC0) == 0x80)
            n++;
    return n;
}

/* Fills *err (when there is one) and returns false, so that every failure
 * is one line. */
static bool codec_fail(struct codec_error *err, enum codec_code code, size_t offset,
                       size_t length)
{
    if (err != NULL)
        *err = (struct codec_error){.code = code, .offset = offset, .length = length};
    return false;
}

/* The allocation both decoders make before their pass: at least one byte,
 * so success never hands back NULL. */
static bool codec_begin(unsigned char **out, size_t *out_len, size_t most,
                        struct codec_error *err)
{
    if (out_len != NULL)
        *out_len = 0;
    if (out == NULL)
        return true;
    *out = malloc(most > 0 ? most : 1);
    if (*out == NULL)
        return codec_fail(err, CODEC_OUT_OF_MEMORY, 0, 0);
    return true;
}

static bool codec_finish(unsigned char **out, size_t *out_len, size_t n, bool ok,
                         struct codec_error *err)
{
    if (!ok) {
        if (out != NULL) {
            free(*out);
            *out = NULL;
        }
        return false;
    }
    if (out_len != NULL)
        *out_len = n;
    if (err != NULL)
        *err = (struct codec_error){.code = CODEC_OK};
    return true;
}

static bool codec_is_separator(unsigned char c)
{
    return c == ':' || c == '-' || c == ',';
}

/* The pass itself; buf is NULL when only checking. */
static bool codec_hex_pass(const char *in, size_t len, unsigned char *buf, size_t *n,
                           struct codec_error *err)
{
    const unsigned char *u = (const unsigned char *)in;
    bool have_group = false;       /* a group came before */
    size_t separator = SIZE_MAX;   /* offset of a separator not yet followed by a group */
    size_t i = 0;

    *n = 0;
    while (i < len) {
        size_t start = i, digits;

        if (codec_is_space(u[i])) {
            i++;
            continue;
        }
        if (codec_is_separator(u[i])) {
            if (!have_group || separator != SIZE_MAX)
                return codec_fail(err, CODEC_HEX_MISPLACED_SEPARATOR, i, 1);
            separator = i++;
            continue;
        }
        if (u[i] == '0' && i + 1 < len && ascii_lower(u[i + 1]) == 'x')
            i += 2;
        digits = i;
        while (i < len && ascii_hex_value(u[i]) >= 0)
            i++;
        /* The character that ended the group comes first: it decides where
         * the group ends, and so whether its digit count means anything. */
        if (i < len && !codec_is_space(u[i]) && !codec_is_separator(u[i]))
            return codec_fail(err, CODEC_HEX_INVALID_CHARACTER, i, codec_char_length(in, len, i));
        if (i == digits)
            return codec_fail(err, CODEC_HEX_EMPTY_PREFIX, start, 2);
        if ((i - digits) % 2 != 0)
            return codec_fail(err, CODEC_HEX_ODD_DIGITS, digits, i - digits);
        for (size_t k = digits; k < i; k += 2) {
            if (buf != NULL)
                buf[*n] = (unsigned char)(ascii_hex_value(u[k]) << 4 | ascii_hex_value(u[k + 1]));
            (*n)++;
        }
        have_group = true;
        separator = SIZE_MAX;
    }
    if (separator != SIZE_MAX)
        return codec_fail(err, CODEC_HEX_MISPLACED_SEPARATOR, separator, 1);
    return true;
}

bool codec_hex_decode(const char *in, size_t len, unsigned char **out, size_t *out_len,
                      struct codec_error *err)
{
    size_t n;
    bool ok;

    assert(in != NULL || len == 0);
    if (!codec_begin(out, out_len, len / 2, err))
        return false;
    ok = codec_hex_pass(in, len, out != NULL ? *out : NULL, &n, err);
    return codec_finish(out, out_len, n, ok, err);
}

static bool codec_base64_pass(const char *in, size_t len, unsigned char *buf, size_t *n,
                              struct codec_error *err)
{
    const unsigned char *u = (const unsigned char *)in;
    uint32_t bits = 0;    /* the group so far, 6 bits a character */
    unsigned count = 0;   /* characters in the group, padding included */
    unsigned padding = 0; /* '=' in the group */
    bool ended = false;   /* a padded group has closed the data */
    size_t last = 0;      /* offset of the last character that is not whitespace */
    size_t end = 0;       /* just after it */

    *n = 0;
    for (size_t i = 0; i < len; i++) {
        int value = codec_base64_value(u[i]);

        if (codec_is_space(u[i]))
            continue;
        if (value < 0 && u[i] != '=')
            return codec_fail(err, CODEC_BASE64_INVALID_CHARACTER, i, codec_char_length(in, len, i));
        if (ended)
            return codec_fail(err, u[i] == '=' ? CODEC_BASE64_MISPLACED_PADDING
                                               : CODEC_BASE64_AFTER_PADDING, i, 1);
        if (u[i] == '=') {
            if (count < 2)
                return codec_fail(err, CODEC_BASE64_MISPLACED_PADDING, i, 1);
            /* The first '=' shows which character is the last: two
             * characters carry one byte and 4 spare bits, three carry two
             * bytes and 2 spare bits. */
            if (padding == 0 && (bits & (count == 2 ? 0xF : 0x3)) != 0)
                return codec_fail(err, CODEC_BASE64_TRAILING_BITS, last, 1);
            padding++;
        } else {
            if (padding > 0)
                return codec_fail(err, CODEC_BASE64_AFTER_PADDING, i, 1);
            bits = bits << 6 | (uint32_t)value;
        }
        count++;
        last = i;
        end = i + 1;
        if (count == 4) {
            /* Shift the padded places in as zeros: the bytes are then where
             * a full group has them. */
            bits <<= 6 * padding;
            for (unsigned k = 0; k < 3 - padding; k++) {
                if (buf != NULL)
                    buf[*n] = (unsigned char)(bits >> (16 - 8 * k));
                (*n)++;
            }
            ended = padding > 0;
            bits = 0;
            count = 0;
            padding = 0;
        }
    }
    if (count == 1)
        return codec_fail(err, CODEC_BASE64_TRUNCATED, last, 1);
    if (count > 1) {
        if (padding == 0 && (bits & (count == 2 ? 0xF : 0x3)) != 0)
            return codec_fail(err, CODEC_BASE64_TRAILING_BITS, last, 1);
        return codec_fail(err, CODEC_BASE64_MISSING_PADDING, end, 0);
    }
    return true;
}

bool codec_base64_decode(const char *in, size_t len, unsigned char **out, size_t *out_len,
                         struct codec_error *err)
{
    size_t n;
    bool ok;

    assert(in != NULL || len == 0);
    if (!codec_begin(out, out_len, len / 4 * 3, err))
        return false;
    ok = codec_base64_pass(in, len, out != NULL ? *out : NULL, &n, err);
    return codec_finish(out, out_len, n, ok, err);
}

size_t codec_hex_encoded_len(size_t n, char separator)
{
    if (separator == '\0')
        return n > SIZE_MAX / 2 ? SIZE_MAX : 2 * n;
    if (n == 0)
        return 0;
    /* 3 (n - 1) + 2: every byte but the last has a separator after it */
    return n - 1 > (SIZE_MAX - 2) / 3 ? SIZE_MAX : 3 * (n - 1) + 2;
}

size_t codec_hex_encode(const void *data, size_t n, char separator, char *out)
{
    const unsigned char *p = data;
    char *o = out;

    assert(data != NULL || n == 0);
    for (size_t i = 0; i < n; i++) {
        if (separator != '\0' && i > 0)
            *o++ = separator;
        *o++ = codec_hex_digits[p[i] >> 4];
        *o++ = codec_hex_digits[p[i] & 0xF];
    }
    return (size_t)(o - out);
}

size_t codec_base64_encoded_len(size_t n)
{
    size_t groups = n / 3 + (n % 3 != 0);

    return groups > SIZE_MAX / 4 ? SIZE_MAX : 4 * groups;
}

size_t codec_base64_encode(const void *data, size_t n, char *out)
{
    const unsigned char *p = data;
    char *o = out;
    size_t i = 0;

    assert(data != NULL || n == 0);
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];

        *o++ = codec_base64_alphabet[v >> 18];
        *o++ = codec_base64_alphabet[v >> 12 & 63];
        *o++ = codec_base64_alphabet[v >> 6 & 63];
        *o++ = codec_base64_alphabet[v & 63];
    }
    if (i < n) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);

        *o++ = codec_base64_alphabet[v >> 18];
        *o++ = codec_base64_alphabet[v >> 12 & 63];
        *o++ = i + 1 < n ? codec_base64_alphabet[v >> 6 & 63] : '=';
        *o++ = '=';
    }
    return (size_t)(o - out);
}
