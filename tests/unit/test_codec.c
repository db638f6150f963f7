/* SPDX-License-Identifier: MIT */
/* test_codec: hex and base64. RFC 4648's test vectors, every accepted form
 * of hex, every error with the range it points at, checking without an
 * output buffer, and round trips of random bytes through both encoders. */
#include "check.h"
#include "codec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef bool (*decode_fn)(const char *, size_t, unsigned char **, size_t *, struct codec_error *);

/* Decodes in[0..len) and expects want[0..want_len); also checks that
 * checking alone (out NULL) agrees and counts the same bytes. */
static void expect_ok(int line, decode_fn decode, const char *in, size_t len, const char *want,
                      size_t want_len)
{
    unsigned char *out = (unsigned char *)"not written";
    size_t out_len = 12345, count = 12345;
    struct codec_error err = {.code = CODEC_OUT_OF_MEMORY, .offset = 7, .length = 7};
    bool ok = decode(in, len, &out, &out_len, &err);

    CHECK_MSG(ok && out != NULL && out_len == want_len && memcmp(out, want, want_len) == 0,
              "line %d: \"%.*s\": ok %d, %zu bytes, wanted %zu (%s at %zu+%zu)", line, (int)len,
              in, ok, out_len, want_len, codec_error_text(err.code), err.offset, err.length);
    CHECK_MSG(err.code == CODEC_OK && err.offset == 0 && err.length == 0, "line %d: err", line);
    if (ok)
        free(out);
    CHECK_MSG(decode(in, len, NULL, &count, NULL) && count == want_len, "line %d: check only",
              line);
}

static void expect_error(int line, decode_fn decode, const char *in, size_t len,
                         enum codec_code code, size_t offset, size_t length)
{
    unsigned char *out = (unsigned char *)"not written";
    size_t out_len = 12345, count = 12345;
    struct codec_error err = {0}, err2 = {0};
    bool ok = decode(in, len, &out, &out_len, &err);

    CHECK_MSG(!ok && out == NULL && out_len == 0, "line %d: \"%.*s\" should fail", line,
              (int)len, in);
    CHECK_MSG(err.code == code && err.offset == offset && err.length == length,
              "line %d: \"%.*s\": got %s at %zu+%zu, wanted %s at %zu+%zu", line, (int)len, in,
              codec_error_text(err.code), err.offset, err.length, codec_error_text(code), offset,
              length);
    if (ok)
        free(out);
    /* Checking only reports the same error. */
    CHECK_MSG(!decode(in, len, NULL, &count, &err2) && count == 0 && err2.code == err.code &&
                  err2.offset == err.offset && err2.length == err.length,
              "line %d: check only", line);
    CHECK(!decode(in, len, NULL, NULL, NULL));
}

/* Literal lengths, so embedded NULs count. */
#define HEX_OK(in, want) \
    expect_ok(__LINE__, codec_hex_decode, in, sizeof(in) - 1, want, sizeof(want) - 1)
#define HEX_ERROR(in, code, offset, length) \
    expect_error(__LINE__, codec_hex_decode, in, sizeof(in) - 1, code, offset, length)
#define B64_OK(in, want) \
    expect_ok(__LINE__, codec_base64_decode, in, sizeof(in) - 1, want, sizeof(want) - 1)
#define B64_ERROR(in, code, offset, length) \
    expect_error(__LINE__, codec_base64_decode, in, sizeof(in) - 1, code, offset, length)

static void expect_base64_encode(int line, const char *in, const char *want)
{
    char out[64];
    size_t n = codec_base64_encode(in, strlen(in), out);

    CHECK_MSG(n == strlen(want) && n == codec_base64_encoded_len(strlen(in)) &&
                  memcmp(out, want, n) == 0,
              "line %d: \"%s\" encodes as \"%.*s\", wanted \"%s\"", line, in, (int)n, out, want);
}

/* RFC 4648 section 10, both ways. */
static void test_rfc4648_vectors(void)
{
    static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const base64[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
                                         "Zm9vYmFy"};
    static const char *const base16[] = {"", "66", "666F", "666F6F", "666F6F62", "666F6F6261",
                                         "666F6F626172"};

    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        char hex[32];
        size_t n;

        expect_base64_encode(__LINE__, plain[i], base64[i]);
        expect_ok(__LINE__, codec_base64_decode, base64[i], strlen(base64[i]), plain[i],
                  strlen(plain[i]));
        /* The RFC writes base16 in capitals; we write lower case and read
         * both. */
        n = codec_hex_encode(plain[i], strlen(plain[i]), '\0', hex);
        CHECK(n == strlen(base16[i]) && n == codec_hex_encoded_len(strlen(plain[i]), '\0'));
        for (size_t k = 0; k < n; k++)
            CHECK(hex[k] == (base16[i][k] >= 'A' ? base16[i][k] | 0x20 : base16[i][k]));
        expect_ok(__LINE__, codec_hex_decode, base16[i], strlen(base16[i]), plain[i],
                  strlen(plain[i]));
        expect_ok(__LINE__, codec_hex_decode, hex, n, plain[i], strlen(plain[i]));
    }
}

static void test_encode(void)
{
    static const unsigned char bytes[] = {0x00, 0x7F, 0x80, 0xAB, 0xFF};
    char out[32];

    CHECK(codec_hex_encode(bytes, 5, '\0', out) == 10 && memcmp(out, "007f80abff", 10) == 0);
    CHECK(codec_hex_encode(bytes, 5, ' ', out) == 14 && memcmp(out, "00 7f 80 ab ff", 14) == 0);
    CHECK(codec_hex_encode(bytes, 5, ':', out) == 14 && memcmp(out, "00:7f:80:ab:ff", 14) == 0);
    CHECK(codec_hex_encode(bytes, 1, '-', out) == 2 && memcmp(out, "00", 2) == 0);
    CHECK(codec_hex_encode(NULL, 0, ':', out) == 0);
    CHECK(codec_base64_encode(NULL, 0, out) == 0);
    expect_base64_encode(__LINE__, "\xFF\xFF\xFF", "////");
    expect_base64_encode(__LINE__, "\xFB\xEF\xBE", "++++");
    expect_base64_encode(__LINE__, "\xFF", "/w==");
    expect_base64_encode(__LINE__, "\xFF\xFF", "//8=");

    CHECK(codec_hex_encoded_len(0, '\0') == 0);
    CHECK(codec_hex_encoded_len(0, ':') == 0);
    CHECK(codec_hex_encoded_len(1, ':') == 2);
    CHECK(codec_hex_encoded_len(3, ' ') == 8);
    CHECK(codec_hex_encoded_len(3, '\0') == 6);
    CHECK(codec_hex_encoded_len(SIZE_MAX / 2, '\0') == SIZE_MAX - 1);
    CHECK(codec_hex_encoded_len(SIZE_MAX / 2 + 1, '\0') == SIZE_MAX);
    CHECK(codec_hex_encoded_len(SIZE_MAX / 3, ':') == SIZE_MAX - 1);
    CHECK(codec_hex_encoded_len(SIZE_MAX / 3 + 1, ':') == SIZE_MAX);
    CHECK(codec_hex_encoded_len(SIZE_MAX / 3 - 1, ':') == SIZE_MAX - 4);
    CHECK(codec_base64_encoded_len(0) == 0);
    CHECK(codec_base64_encoded_len(1) == 4);
    CHECK(codec_base64_encoded_len(3) == 4);
    CHECK(codec_base64_encoded_len(4) == 8);
    CHECK(codec_base64_encoded_len(SIZE_MAX) == SIZE_MAX);
    CHECK(codec_base64_encoded_len(SIZE_MAX / 4 * 3) == SIZE_MAX - 3);
    CHECK(codec_base64_encoded_len(SIZE_MAX / 4 * 3 + 1) == SIZE_MAX);
}

static void test_hex_accepts(void)
{
    HEX_OK("", "");
    HEX_OK(" \t\r\n ", "");
    HEX_OK("48656c6c6f", "Hello");
    HEX_OK("48656C6C6F", "Hello");
    HEX_OK("48 65 6c 6c 6f", "Hello");
    HEX_OK("  48\t65\r\n6c\n6c  6f\n", "Hello");
    HEX_OK("48:65:6c:6c:6f", "Hello");
    HEX_OK("48-65-6C-6C-6F", "Hello");
    HEX_OK("0x48, 0x65, 0x6c, 0x6c, 0x6f", "Hello");
    HEX_OK("0X48,0X65", "He");
    HEX_OK("0x48656c6c6f", "Hello");
    HEX_OK("0x4865 6c6c:6f", "Hello");
    HEX_OK("48 : 65 -\n6c , 6c 6f", "Hello");
    HEX_OK("00", "\0");
    HEX_OK("0x00", "\0");
    HEX_OK("ff FF fF", "\xFF\xFF\xFF");
    /* Hex dump lines without offsets, wrapped, two bytes a group. */
    HEX_OK("4865 6c6c\n6f21", "Hello!");
}

static void test_hex_errors(void)
{
    HEX_ERROR("4g", CODEC_HEX_INVALID_CHARACTER, 1, 1);
    HEX_ERROR("48 65 zz", CODEC_HEX_INVALID_CHARACTER, 6, 1);
    HEX_ERROR("48\0", CODEC_HEX_INVALID_CHARACTER, 2, 1);
    HEX_ERROR("48;65", CODEC_HEX_INVALID_CHARACTER, 2, 1);
    HEX_ERROR("\\x48", CODEC_HEX_INVALID_CHARACTER, 0, 1);
    HEX_ERROR("48 x65", CODEC_HEX_INVALID_CHARACTER, 3, 1);
    HEX_ERROR("48x65", CODEC_HEX_INVALID_CHARACTER, 2, 1);
    HEX_ERROR("0x0x48", CODEC_HEX_INVALID_CHARACTER, 3, 1);
    HEX_ERROR("0xg1", CODEC_HEX_INVALID_CHARACTER, 2, 1);
    /* A whole UTF-8 character is underlined: "é" (2 bytes), "€" (3), a
     * no-break space (2), an emoji (4), and a stray lead byte alone. */
    HEX_ERROR("48 \xC3\xA9", CODEC_HEX_INVALID_CHARACTER, 3, 2);
    HEX_ERROR("48\xE2\x82\xAC" "65", CODEC_HEX_INVALID_CHARACTER, 2, 3);
    HEX_ERROR("48\xC2\xA0" "65", CODEC_HEX_INVALID_CHARACTER, 2, 2);
    HEX_ERROR("\xF0\x9F\x98\x80", CODEC_HEX_INVALID_CHARACTER, 0, 4);
    HEX_ERROR("48\xE2", CODEC_HEX_INVALID_CHARACTER, 2, 1);
    HEX_ERROR("48\x80\x80", CODEC_HEX_INVALID_CHARACTER, 2, 1);
    /* An invalid character ends the group before its digits are counted. */
    HEX_ERROR("486g", CODEC_HEX_INVALID_CHARACTER, 3, 1);

    HEX_ERROR("4", CODEC_HEX_ODD_DIGITS, 0, 1);
    HEX_ERROR("486", CODEC_HEX_ODD_DIGITS, 0, 3);
    HEX_ERROR("48 6 6c", CODEC_HEX_ODD_DIGITS, 3, 1);
    HEX_ERROR("4 8", CODEC_HEX_ODD_DIGITS, 0, 1);
    HEX_ERROR("48:656:6c", CODEC_HEX_ODD_DIGITS, 3, 3);
    HEX_ERROR("0x486", CODEC_HEX_ODD_DIGITS, 2, 3);
    HEX_ERROR("  0x4", CODEC_HEX_ODD_DIGITS, 4, 1);
    HEX_ERROR("48 65 6", CODEC_HEX_ODD_DIGITS, 6, 1);
    /* "0" alone is a digit, not a prefix. */
    HEX_ERROR("0", CODEC_HEX_ODD_DIGITS, 0, 1);

    HEX_ERROR("0x", CODEC_HEX_EMPTY_PREFIX, 0, 2);
    HEX_ERROR("48 0X 65", CODEC_HEX_EMPTY_PREFIX, 3, 2);
    HEX_ERROR("0x48, 0x, 0x65", CODEC_HEX_EMPTY_PREFIX, 6, 2);

    HEX_ERROR(":48", CODEC_HEX_MISPLACED_SEPARATOR, 0, 1);
    HEX_ERROR("  , 48", CODEC_HEX_MISPLACED_SEPARATOR, 2, 1);
    HEX_ERROR("48::65", CODEC_HEX_MISPLACED_SEPARATOR, 3, 1);
    HEX_ERROR("48 - , 65", CODEC_HEX_MISPLACED_SEPARATOR, 5, 1);
    HEX_ERROR("0x48, 0x65,", CODEC_HEX_MISPLACED_SEPARATOR, 10, 1);
    HEX_ERROR("48-\n", CODEC_HEX_MISPLACED_SEPARATOR, 2, 1);
    HEX_ERROR("-", CODEC_HEX_MISPLACED_SEPARATOR, 0, 1);

    /* The first problem in reading order wins. */
    HEX_ERROR("4 zz", CODEC_HEX_ODD_DIGITS, 0, 1);
    HEX_ERROR("zz 4", CODEC_HEX_INVALID_CHARACTER, 0, 1);
    HEX_ERROR("48, 4", CODEC_HEX_ODD_DIGITS, 4, 1);
    HEX_ERROR("48 6,", CODEC_HEX_ODD_DIGITS, 3, 1);
}

static void test_base64_accepts(void)
{
    B64_OK("", "");
    B64_OK(" \r\n\t", "");
    B64_OK("SGVsbG8=", "Hello");
    B64_OK("SGVsbG8h", "Hello!");
    B64_OK("SGVsbA==", "Hell");
    B64_OK("SGVs\nbG8h\r\n", "Hello!");
    /* Whitespace anywhere, even inside a group or the padding. */
    B64_OK(" S G V s b A = = ", "Hell");
    B64_OK("SGVsbA=\n=", "Hell");
    B64_OK("AAAA", "\0\0\0");
    B64_OK("++//", "\xFB\xEF\xFF");
    B64_OK("/w==", "\xFF");
}

static void test_base64_errors(void)
{
    B64_ERROR("SGVs!G8=", CODEC_BASE64_INVALID_CHARACTER, 4, 1);
    B64_ERROR("SGVs-G8_", CODEC_BASE64_INVALID_CHARACTER, 4, 1); /* URL-safe alphabet */
    B64_ERROR("SGVs\0bG8=", CODEC_BASE64_INVALID_CHARACTER, 4, 1);
    B64_ERROR("SGVs\xC3\xA9", CODEC_BASE64_INVALID_CHARACTER, 4, 2);
    B64_ERROR("\xE2\x82\xAC", CODEC_BASE64_INVALID_CHARACTER, 0, 3);
    B64_ERROR("SGVsbG8=!", CODEC_BASE64_INVALID_CHARACTER, 8, 1);

    B64_ERROR("S", CODEC_BASE64_TRUNCATED, 0, 1);
    B64_ERROR("SGVsb", CODEC_BASE64_TRUNCATED, 4, 1);
    B64_ERROR("SGVs b \n", CODEC_BASE64_TRUNCATED, 5, 1);

    /* The padding goes at the end of the data, before trailing spaces. */
    B64_ERROR("SGVsbA", CODEC_BASE64_MISSING_PADDING, 6, 0);
    B64_ERROR("SGVsbG8", CODEC_BASE64_MISSING_PADDING, 7, 0);
    B64_ERROR("SGVsbA=", CODEC_BASE64_MISSING_PADDING, 7, 0);
    B64_ERROR("SGVsbA \n", CODEC_BASE64_MISSING_PADDING, 6, 0);
    B64_ERROR("Zg", CODEC_BASE64_MISSING_PADDING, 2, 0);

    B64_ERROR("=", CODEC_BASE64_MISPLACED_PADDING, 0, 1);
    B64_ERROR("====", CODEC_BASE64_MISPLACED_PADDING, 0, 1);
    B64_ERROR("S===", CODEC_BASE64_MISPLACED_PADDING, 1, 1);
    B64_ERROR("SGVs=GVs", CODEC_BASE64_MISPLACED_PADDING, 4, 1);
    B64_ERROR("SGVsbA===", CODEC_BASE64_MISPLACED_PADDING, 8, 1);
    B64_ERROR("Zm8==", CODEC_BASE64_MISPLACED_PADDING, 4, 1);
    B64_ERROR("Zm8= \n =", CODEC_BASE64_MISPLACED_PADDING, 7, 1);

    B64_ERROR("SGVsbA=A", CODEC_BASE64_AFTER_PADDING, 7, 1);
    B64_ERROR("Zg==Zg==", CODEC_BASE64_AFTER_PADDING, 4, 1);
    B64_ERROR("Zm8=\nZm9v", CODEC_BASE64_AFTER_PADDING, 5, 1);

    B64_ERROR("Zh==", CODEC_BASE64_TRAILING_BITS, 1, 1);
    B64_ERROR("Zm9=", CODEC_BASE64_TRAILING_BITS, 2, 1);
    B64_ERROR("SGVs bB = =", CODEC_BASE64_TRAILING_BITS, 6, 1);
    /* Unpadded: the bits are wrong before the padding is missing. */
    B64_ERROR("Zh", CODEC_BASE64_TRAILING_BITS, 1, 1);
    B64_ERROR("Zm9", CODEC_BASE64_TRAILING_BITS, 2, 1);
    B64_ERROR("Zm9 \n", CODEC_BASE64_TRAILING_BITS, 2, 1);
}

/* Every character in every place before the padding: exactly the ones
 * with zero spare bits are accepted. */
static void test_base64_trailing_bits(void)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    for (int v = 0; v < 64; v++) {
        char two[] = "QA==", three[] = "QUA=";
        struct codec_error err;

        two[1] = alphabet[v];
        three[2] = alphabet[v];
        CHECK_MSG(codec_base64_decode(two, 4, NULL, NULL, &err) == ((v & 0xF) == 0),
                  "%s", two);
        CHECK(err.code == ((v & 0xF) == 0 ? CODEC_OK : CODEC_BASE64_TRAILING_BITS));
        CHECK_MSG(codec_base64_decode(three, 4, NULL, NULL, &err) == ((v & 0x3) == 0),
                  "%s", three);
        CHECK(err.code == ((v & 0x3) == 0 ? CODEC_OK : CODEC_BASE64_TRAILING_BITS));
    }
}

/* Every byte value the other way round: each one alone in both codecs. */
static void test_all_bytes(void)
{
    unsigned char bytes[256];
    char hex[3 * 256], b64[344];
    unsigned char *out;
    size_t n, out_len;

    for (int i = 0; i < 256; i++)
        bytes[i] = (unsigned char)i;
    n = codec_hex_encode(bytes, 256, ' ', hex);
    CHECK(codec_hex_decode(hex, n, &out, &out_len, NULL) && out_len == 256 &&
          memcmp(out, bytes, 256) == 0);
    free(out);
    n = codec_base64_encode(bytes, 256, b64);
    CHECK(n == 344 && codec_base64_decode(b64, n, &out, &out_len, NULL) && out_len == 256 &&
          memcmp(out, bytes, 256) == 0);
    free(out);
    /* Every byte that is not whitespace, a digit, a separator or an x is
     * an invalid character on its own and after a group. */
    for (int c = 0; c < 256; c++) {
        char one[4] = {'4', '8', ' ', (char)c};
        struct codec_error err;
        bool allowed = strchr(" \t\r\n:-,0123456789abcdefABCDEF", c) != NULL && c != 0;
        bool ok = codec_hex_decode(one, 4, NULL, NULL, &err);

        CHECK_MSG(allowed || (!ok && err.code == CODEC_HEX_INVALID_CHARACTER && err.offset == 3),
                  "byte %d", c);
    }
}

/* xorshift64*: the same bytes on every run. */
static uint64_t random_state = 0x9E3779B97F4A7C15u;

static uint64_t random_next(void)
{
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return random_state * 0x2545F4914F6CDD1Du;
}

/* Random bytes of random lengths through every encoding and back, and with
 * whitespace put in at random. */
static void test_round_trips(void)
{
    static const char separators[] = {'\0', ' ', ':', '-', ','};
    enum { MAX = 600 };
    unsigned char data[MAX];
    char text[3 * MAX], spaced[6 * MAX];

    for (int round = 0; round < 2000; round++) {
        size_t len = round < 20 ? (size_t)round : (size_t)(random_next() % MAX);
        unsigned char *out;
        size_t n, out_len, k = 0;

        for (size_t i = 0; i < len; i++)
            data[i] = (unsigned char)random_next();

        for (size_t s = 0; s < sizeof separators; s++) {
            n = codec_hex_encode(data, len, separators[s], text);
            CHECK(n == codec_hex_encoded_len(len, separators[s]));
            CHECK_MSG(codec_hex_decode(text, n, &out, &out_len, NULL) && out_len == len &&
                          memcmp(out, data, len) == 0,
                      "round %d, separator %zu", round, s);
            free(out);
        }

        n = codec_base64_encode(data, len, text);
        CHECK(n == codec_base64_encoded_len(len));
        CHECK_MSG(codec_base64_decode(text, n, &out, &out_len, NULL) && out_len == len &&
                      memcmp(out, data, len) == 0,
                  "round %d", round);
        free(out);

        /* Base64 with whitespace anywhere. */
        for (size_t i = 0; i < n; i++) {
            if (random_next() % 8 == 0)
                spaced[k++] = " \t\r\n"[random_next() % 4];
            spaced[k++] = text[i];
        }
        CHECK_MSG(codec_base64_decode(spaced, k, &out, &out_len, NULL) && out_len == len &&
                      memcmp(out, data, len) == 0,
                  "round %d, spaced", round);
        free(out);
    }
}

static void test_error_texts(void)
{
    for (int a = 0; a < CODEC_CODE_COUNT; a++) {
        const char *text = codec_error_text((enum codec_code)a);

        CHECK(text != NULL && text[0] != '\0');
        for (int b = 0; b < a; b++)
            CHECK(strcmp(text, codec_error_text((enum codec_code)b)) != 0);
    }
    CHECK(strcmp(codec_error_text(CODEC_HEX_INVALID_CHARACTER), "not a hex digit") == 0);
    CHECK(strcmp(codec_error_text(CODEC_CODE_COUNT), "unknown error") == 0);
}

int main(void)
{
    test_rfc4648_vectors();
    test_encode();
    test_hex_accepts();
    test_hex_errors();
    test_base64_accepts();
    test_base64_errors();
    test_base64_trailing_bits();
    test_all_bytes();
    test_round_trips();
    test_error_texts();
    return check_summary("codec");
}
