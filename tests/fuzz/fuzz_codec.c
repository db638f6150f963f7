/* SPDX-License-Identifier: MIT */
/* fuzz_codec: both decoders on arbitrary text, each against a reference
 * that reads the grammar in codec.h another way (hex: split into words at
 * whitespace and separators; base64: strip whitespace, then check the
 * length, the padding and the spare bits of the whole), and both encoders
 * on the input as bytes.
 * - A decoder accepts exactly what its reference accepts, with the same
 *   bytes; checking only (no output buffer) agrees with decoding.
 * - A rejected input names a range inside the input, and the range holds
 *   what its code says (a non-digit, an odd run of digits, a "0x", ...).
 * - Encoding the input and decoding it gives the input back, for every
 *   hex separator and for base64. */
#include "codec.h"
#include "fuzz.h"

#include <stdbool.h>
#include <string.h>

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_separator(unsigned char c)
{
    return c == ':' || c == '-' || c == ',';
}

static int hex_value(unsigned char c)
{
    const char *digits = "0123456789abcdef0123456789ABCDEF";
    const char *p = c != '\0' ? strchr(digits, c) : NULL;

    return p != NULL ? (int)((p - digits) % 16) : -1;
}

static int base64_value(unsigned char c)
{
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = c != '\0' ? strchr(alphabet, c) : NULL;

    return p != NULL ? (int)(p - alphabet) : -1;
}

/* Hex, the reference: words are the runs between whitespace and
 * separators; each must be an optional 0x and pairs of digits, and there is
 * at most one separator between two words and none outside them. */
static bool reference_hex(const unsigned char *in, size_t len, unsigned char *out, size_t *n)
{
    size_t words = 0, separators = 0; /* separators since the last word */
    size_t i = 0;

    *n = 0;
    while (i < len) {
        size_t start = i, digits;

        if (is_space(in[i])) {
            i++;
            continue;
        }
        if (is_separator(in[i])) {
            if (words == 0 || ++separators > 1)
                return false;
            i++;
            continue;
        }
        while (i < len && !is_space(in[i]) && !is_separator(in[i]))
            i++;
        digits = start;
        if (i - start >= 2 && in[start] == '0' && (in[start + 1] == 'x' || in[start + 1] == 'X'))
            digits += 2;
        if (i == digits || (i - digits) % 2 != 0)
            return false;
        for (size_t k = digits; k < i; k += 2) {
            if (hex_value(in[k]) < 0 || hex_value(in[k + 1]) < 0)
                return false;
            out[(*n)++] = (unsigned char)(hex_value(in[k]) << 4 | hex_value(in[k + 1]));
        }
        words++;
        separators = 0;
    }
    return separators == 0;
}

/* Base64, the reference: without whitespace, groups of four of the
 * alphabet, '=' only as the last one or two characters, zero spare bits. */
static bool reference_base64(const unsigned char *in, size_t len, unsigned char *out, size_t *n)
{
    unsigned char *text = malloc(len + 1);
    size_t m = 0, padding = 0;
    bool ok = true;

    FUZZ_CHECK(text != NULL);
    *n = 0;
    for (size_t i = 0; i < len; i++)
        if (!is_space(in[i]))
            text[m++] = in[i];
    while (padding < m && padding < 3 && text[m - 1 - padding] == '=')
        padding++;
    if (m % 4 != 0 || padding > 2)
        ok = false;
    for (size_t i = 0; ok && i < m - padding; i++)
        ok = base64_value(text[i]) >= 0;
    for (size_t i = 0; ok && i < m; i += 4) {
        uint32_t v = 0;
        size_t pad = i + 4 == m ? padding : 0;

        for (size_t k = 0; k < 4 - pad; k++)
            v = v << 6 | (uint32_t)base64_value(text[i + k]);
        v <<= 6 * pad;
        if ((pad == 1 && (v & 0xFF) != 0) || (pad == 2 && (v & 0xFFFF) != 0))
            ok = false;
        for (size_t k = 0; ok && k < 3 - pad; k++)
            out[(*n)++] = (unsigned char)(v >> (16 - 8 * k));
    }
    free(text);
    return ok;
}

static size_t char_length(const unsigned char *in, size_t len, size_t i)
{
    size_t n = 1;

    if (in[i] >= 0xC0)
        while (n < 4 && i + n < len && (in[i + n] & 0xC0) == 0x80)
            n++;
    return n;
}

/* What the range of each error holds. */
static void check_error(const unsigned char *in, size_t len, const struct codec_error *e)
{
    FUZZ_CHECK(e->offset <= len && e->length <= len - e->offset);
    switch (e->code) {
    case CODEC_HEX_INVALID_CHARACTER:
        FUZZ_CHECK(!is_space(in[e->offset]) && !is_separator(in[e->offset]) &&
                   hex_value(in[e->offset]) < 0);
        FUZZ_CHECK(e->length == char_length(in, len, e->offset));
        break;
    case CODEC_HEX_ODD_DIGITS:
        FUZZ_CHECK(e->length % 2 == 1);
        for (size_t k = e->offset; k < e->offset + e->length; k++)
            FUZZ_CHECK(hex_value(in[k]) >= 0);
        /* The whole run: what comes before it is not a digit (unless it is
         * the 0 of a prefix) and what comes after ends the group. */
        FUZZ_CHECK(e->offset == 0 || hex_value(in[e->offset - 1]) < 0 ||
                   (e->offset >= 2 && (in[e->offset - 1] | 0x20) == 'x'));
        FUZZ_CHECK(e->offset + e->length == len || is_space(in[e->offset + e->length]) ||
                   is_separator(in[e->offset + e->length]));
        break;
    case CODEC_HEX_EMPTY_PREFIX:
        FUZZ_CHECK(e->length == 2 && in[e->offset] == '0' && (in[e->offset + 1] | 0x20) == 'x');
        break;
    case CODEC_HEX_MISPLACED_SEPARATOR:
        FUZZ_CHECK(e->length == 1 && is_separator(in[e->offset]));
        break;
    case CODEC_BASE64_INVALID_CHARACTER:
        FUZZ_CHECK(!is_space(in[e->offset]) && in[e->offset] != '=' &&
                   base64_value(in[e->offset]) < 0);
        FUZZ_CHECK(e->length == char_length(in, len, e->offset));
        break;
    case CODEC_BASE64_TRUNCATED:
    case CODEC_BASE64_TRAILING_BITS:
        FUZZ_CHECK(e->length == 1 && base64_value(in[e->offset]) >= 0);
        break;
    case CODEC_BASE64_MISSING_PADDING:
        /* At the end of the data: only whitespace after it. */
        FUZZ_CHECK(e->length == 0 && e->offset > 0);
        for (size_t k = e->offset; k < len; k++)
            FUZZ_CHECK(is_space(in[k]));
        break;
    case CODEC_BASE64_MISPLACED_PADDING:
        FUZZ_CHECK(e->length == 1 && in[e->offset] == '=');
        break;
    case CODEC_BASE64_AFTER_PADDING:
        FUZZ_CHECK(e->length == 1 && base64_value(in[e->offset]) >= 0);
        break;
    default:
        FUZZ_CHECK(!"a decode error of this codec");
    }
}

typedef bool (*decode_fn)(const char *, size_t, unsigned char **, size_t *, struct codec_error *);
typedef bool (*reference_fn)(const unsigned char *, size_t, unsigned char *, size_t *);

static void check_decoder(decode_fn decode, reference_fn reference, bool hex, const uint8_t *data,
                          size_t size)
{
    unsigned char *want = malloc(size + 1), *out = NULL;
    size_t want_len, out_len = 12345, count = 12345;
    struct codec_error err, err2;
    bool expected = reference(data, size, want, &want_len);
    bool ok = decode((const char *)data, size, &out, &out_len, &err);

    FUZZ_CHECK(ok == expected);
    FUZZ_CHECK(decode((const char *)data, size, NULL, &count, &err2) == ok);
    FUZZ_CHECK(err2.code == err.code && err2.offset == err.offset && err2.length == err.length);
    if (ok) {
        FUZZ_CHECK(out != NULL && out_len == want_len && memcmp(out, want, want_len) == 0);
        FUZZ_CHECK(count == out_len);
        FUZZ_CHECK(err.code == CODEC_OK && err.offset == 0 && err.length == 0);
    } else {
        FUZZ_CHECK(out == NULL && out_len == 0 && count == 0);
        FUZZ_CHECK(hex ? err.code >= CODEC_HEX_INVALID_CHARACTER &&
                             err.code <= CODEC_HEX_MISPLACED_SEPARATOR
                       : err.code >= CODEC_BASE64_INVALID_CHARACTER);
        check_error(data, size, &err);
    }
    free(out);
    free(want);
}

static void check_round_trip(const uint8_t *data, size_t size)
{
    static const char separators[] = {'\0', ' ', ':', '-', ','};
    char *text = malloc(size * 4 + 4);
    unsigned char *out;
    size_t n, out_len;

    FUZZ_CHECK(text != NULL);
    for (size_t s = 0; s < sizeof separators; s++) {
        n = codec_hex_encode(data, size, separators[s], text);
        FUZZ_CHECK(n == codec_hex_encoded_len(size, separators[s]));
        FUZZ_CHECK(codec_hex_decode(text, n, &out, &out_len, NULL));
        FUZZ_CHECK(out_len == size && memcmp(out, data, size) == 0);
        free(out);
    }
    n = codec_base64_encode(data, size, text);
    FUZZ_CHECK(n == codec_base64_encoded_len(size));
    FUZZ_CHECK(codec_base64_decode(text, n, &out, &out_len, NULL));
    FUZZ_CHECK(out_len == size && memcmp(out, data, size) == 0);
    free(out);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_decoder(codec_hex_decode, reference_hex, true, data, size);
    check_decoder(codec_base64_decode, reference_base64, false, data, size);
    check_round_trip(data, size);
    return 0;
}
