/* SPDX-License-Identifier: MIT */
/* test_utf8: decoding against hand-picked cases from the Unicode Standard,
 * then exhaustively (all 1..3 byte inputs, a wide slice of 4 byte inputs)
 * against a reference decoder written from the definition of UTF-8 rather
 * than from the byte table utf8.c uses, then stepping and repair on random
 * byte soup. */
#include "check.h"
#include "utf8.h"
#include "utf8_oracle.h"
#include "xorshift.h"

#include <stdlib.h>
#include <string.h>

#define FFFD UTF8_REPLACEMENT

/* Splits s into units with utf8_decode/utf8_next and compares the code
 * points with want. */
static void expect_decode(int line, const char *s, size_t len,
                          const uint32_t *want, size_t want_count)
{
    uint32_t got[64];
    size_t count = 0;
    bool same;

    for (size_t i = 0; i < len && count < 64;) {
        size_t n = utf8_decode(s + i, len - i, &got[count++]);

        CHECK_MSG(utf8_next(s, len, i) == i + n, "line %d at %zu", line, i);
        i += n;
    }
    same = count == want_count;
    for (size_t k = 0; same && k < count; k++)
        same = got[k] == want[k];
    CHECK_MSG(same, "line %d: decoded %zu code points, wanted %zu", line,
              count, want_count);
    if (!same)
        for (size_t k = 0; k < count; k++)
            fprintf(stderr, "  got[%zu] = U+%04X\n", k, (unsigned)got[k]);
    CHECK_MSG(utf8_count(s, len) == want_count, "line %d: utf8_count", line);
}

#define EXPECT(bytes, ...)                                                \
    expect_decode(__LINE__, bytes, sizeof(bytes) - 1,                     \
                  (const uint32_t[]){__VA_ARGS__},                        \
                  sizeof((const uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t))

static void test_decode_cases(void)
{
    /* Well formed, one of each length and the edges of Table 3-7. */
    EXPECT("A", 0x41);
    EXPECT("\x7F", 0x7F);
    EXPECT("\xC2\x80", 0x80);
    EXPECT("\xC3\xA9", 0xE9);
    EXPECT("\xDF\xBF", 0x7FF);
    EXPECT("\xE0\xA0\x80", 0x800);
    EXPECT("\xE2\x82\xAC", 0x20AC);
    EXPECT("\xED\x9F\xBF", 0xD7FF);
    EXPECT("\xEE\x80\x80", 0xE000);
    EXPECT("\xEF\xBF\xBD", 0xFFFD);
    EXPECT("\xEF\xBF\xBF", 0xFFFF);
    EXPECT("\xF0\x90\x80\x80", 0x10000);
    EXPECT("\xF0\x9F\x98\x80", 0x1F600);
    EXPECT("\xF4\x8F\xBF\xBF", 0x10FFFF);
    EXPECT("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z", 'a', 0xE9, 0x20AC,
           0x1F600, 'z');

    /* Overlong forms: the lead byte (or its pair) is never valid, so every
     * byte is its own maximal subpart. */
    EXPECT("\xC0\x80", FFFD, FFFD);
    EXPECT("\xC1\xBF", FFFD, FFFD);
    EXPECT("\xE0\x80\x80", FFFD, FFFD, FFFD);
    EXPECT("\xE0\x9F\xBF", FFFD, FFFD, FFFD);
    EXPECT("\xF0\x80\x80\x80", FFFD, FFFD, FFFD, FFFD);
    EXPECT("\xF0\x8F\xBF\xBF", FFFD, FFFD, FFFD, FFFD);

    /* Surrogates and values above U+10FFFF. */
    EXPECT("\xED\xA0\x80", FFFD, FFFD, FFFD);
    EXPECT("\xED\xBF\xBF", FFFD, FFFD, FFFD);
    EXPECT("\xED\xA0\x80\xED\xB0\x80", FFFD, FFFD, FFFD, FFFD, FFFD, FFFD);
    EXPECT("\xF4\x90\x80\x80", FFFD, FFFD, FFFD, FFFD);
    EXPECT("\xF5\x80\x80\x80", FFFD, FFFD, FFFD, FFFD);
    EXPECT("\xF8\x88\x80\x80\x80", FFFD, FFFD, FFFD, FFFD, FFFD);
    EXPECT("\xFE\xFF", FFFD, FFFD);

    /* Stray continuation bytes. */
    EXPECT("\x80", FFFD);
    EXPECT("\xBF\x80x", FFFD, FFFD, 'x');

    /* Truncated sequences: the accepted prefix is one subpart. */
    EXPECT("\xE2\x82" "A", FFFD, 'A');
    EXPECT("\xE2\x82", FFFD);
    EXPECT("\xC3", FFFD);
    EXPECT("\xC3\xC3\xA9", FFFD, 0xE9);
    EXPECT("\xF0\x9F\x98", FFFD);
    EXPECT("\xF0\x9F\x98" "A", FFFD, 'A');
    EXPECT("\xF0\x80", FFFD, FFFD);
    EXPECT("\xF4\x8F\xBF", FFFD);

    /* The worked example under Table 3-8 of the Unicode Standard. */
    EXPECT("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", 0x61, FFFD,
           FFFD, FFFD, 0x62, FFFD, 0x63, FFFD, FFFD, 0x64);

    /* NUL inside an explicit length is an ordinary code point. */
    EXPECT("a\0b", 'a', 0, 'b');
}

static void test_decode_lengths(void)
{
    uint32_t cp = 0;

    CHECK(utf8_decode("\xE2\x82" "A", 3, &cp) == 2 && cp == FFFD);
    CHECK(utf8_decode("\xF0\x80", 2, &cp) == 1 && cp == FFFD);
    CHECK(utf8_decode("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
    /* len bounds the read even when more bytes follow in memory. */
    CHECK(utf8_decode("\xC3\xA9", 1, &cp) == 1 && cp == FFFD);
    CHECK(utf8_decode("\xF0\x9F\x98\x80", 3, &cp) == 3 && cp == FFFD);
    CHECK(utf8_decode("\xED\xA0\x80", 3, &cp) == 1 && cp == FFFD);
    CHECK(utf8_decode("\xF4\x90\x80\x80", 4, &cp) == 1 && cp == FFFD);
}

static void test_encode(void)
{
    char out[4];
    size_t n;
    size_t bad = 0;

    /* The edges of each length; what is no scalar value becomes U+FFFD. */
    static const struct {
        uint32_t cp;
        const char *bytes;
    } encoded[] = {
        {'A', "A"},                      {0xE9, "\xC3\xA9"},          {0x7FF, "\xDF\xBF"},
        {0x800, "\xE0\xA0\x80"},         {0x20AC, "\xE2\x82\xAC"},    {0xFFFF, "\xEF\xBF\xBF"},
        {0x10000, "\xF0\x90\x80\x80"},   {0x1F600, "\xF0\x9F\x98\x80"}, {0x10FFFF, "\xF4\x8F\xBF\xBF"},
        {0x110000, "\xEF\xBF\xBD"},      {0xD800, "\xEF\xBF\xBD"},     {0xDFFF, "\xEF\xBF\xBD"},
        {0xFFFFFFFFu, "\xEF\xBF\xBD"},
    };
    for (size_t i = 0; i < sizeof encoded / sizeof encoded[0]; i++) {
        size_t want = strlen(encoded[i].bytes);
        n = utf8_encode(encoded[i].cp, out);
        CHECK_MSG(n == want && memcmp(out, encoded[i].bytes, want) == 0, "U+%04X: %zu bytes", encoded[i].cp, n);
    }

    /* Every scalar value survives a round trip in the shortest form. */
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        uint32_t back = 0;
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        n = utf8_encode(cp, out);
        if (n != want || utf8_decode(out, n, &back) != n || back != cp ||
            !utf8_valid(out, n))
            bad++;
    }
    CHECK_MSG(bad == 0, "%zu scalar values failed the round trip", bad);
}

/* Reference decoder, from the definition: a sequence of n bytes is well
 * formed when its bit pattern fits, its value needs exactly n bytes, and the
 * value is a scalar (at most U+10FFFF, not a surrogate). A prefix belongs to
 * the maximal subpart while some continuation could still complete it; the
 * values a prefix can still reach form one interval, so that is checked by
 * intersecting intervals. */
static bool ref_reachable(uint32_t value, unsigned rest_bits, uint32_t min)
{
    uint32_t lo = value << rest_bits;
    uint32_t hi = lo | ((1u << rest_bits) - 1);

    if (lo < min)
        lo = min;
    if (hi > 0x10FFFF)
        hi = 0x10FFFF;
    if (lo > hi)
        return false;
    return !(lo >= 0xD800 && hi <= 0xDFFF);
}

static size_t ref_decode(const unsigned char *u, size_t len, uint32_t *cp,
                         bool *ok)
{
    size_t need;
    uint32_t min, value;

    *cp = FFFD;
    *ok = false;
    if (u[0] < 0x80) {
        *cp = u[0];
        *ok = true;
        return 1;
    } else if ((u[0] & 0xE0) == 0xC0) {
        need = 2, min = 0x80, value = u[0] & 0x1Fu;
    } else if ((u[0] & 0xF0) == 0xE0) {
        need = 3, min = 0x800, value = u[0] & 0x0Fu;
    } else if ((u[0] & 0xF8) == 0xF0) {
        need = 4, min = 0x10000, value = u[0] & 0x07u;
    } else {
        return 1;
    }
    if (!ref_reachable(value, 6 * (unsigned)(need - 1), min))
        return 1;
    for (size_t k = 1; k < need; k++) {
        uint32_t next;

        if (k >= len || (u[k] & 0xC0) != 0x80)
            return k;
        next = value << 6 | (u[k] & 0x3Fu);
        if (!ref_reachable(next, 6 * (unsigned)(need - 1 - k), min))
            return k;
        value = next;
    }
    *cp = value;
    *ok = true;
    return need;
}

static bool ref_valid(const unsigned char *u, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        bool ok;

        i += ref_decode(u + i, len - i, &cp, &ok);
        if (!ok)
            return false;
    }
    return true;
}

/* Compares the first unit and the validity of the whole input. */
static size_t compare_with_reference(const unsigned char *u, size_t len)
{
    uint32_t want, got;
    bool ok;
    size_t n_want = ref_decode(u, len, &want, &ok);
    size_t n_got = utf8_decode((const char *)u, len, &got);

    if (n_got != n_want || got != want ||
        utf8_unit_length((const char *)u, len) != (ok ? n_want : 0) ||
        utf8_valid((const char *)u, len) != ref_valid(u, len)) {
        fprintf(stderr, "  mismatch on");
        for (size_t k = 0; k < len; k++)
            fprintf(stderr, " %02X", u[k]);
        fprintf(stderr, ": got %zu/U+%04X, reference %zu/U+%04X\n", n_got,
                (unsigned)got, n_want, (unsigned)want);
        return 1;
    }
    return 0;
}

static void test_against_reference(void)
{
    static const unsigned char tails[] = {0x00, 0x41, 0x7F, 0x80, 0x8F,
                                          0x90, 0x9F, 0xA0, 0xBF, 0xC0,
                                          0xC2, 0xE0, 0xF0, 0xFF};
    unsigned char u[4];
    size_t bad = 0;

    for (unsigned a = 0; a < 256 && bad < 10; a++) {
        u[0] = (unsigned char)a;
        bad += compare_with_reference(u, 1);
        for (unsigned b = 0; b < 256; b++) {
            u[1] = (unsigned char)b;
            bad += compare_with_reference(u, 2);
            for (unsigned c = 0; c < 256; c++) {
                u[2] = (unsigned char)c;
                bad += compare_with_reference(u, 3);
            }
        }
    }
    /* Four bytes: every lead from F0 and every second and third byte, with
     * a sample of fourth bytes. */
    for (unsigned a = 0xF0; a < 0x100 && bad < 10; a++)
        for (unsigned b = 0; b < 256; b++)
            for (unsigned c = 0; c < 256; c++)
                for (size_t d = 0; d < sizeof tails; d++) {
                    u[0] = (unsigned char)a;
                    u[1] = (unsigned char)b;
                    u[2] = (unsigned char)c;
                    u[3] = tails[d];
                    bad += compare_with_reference(u, 4);
                }
    CHECK_MSG(bad == 0, "%zu inputs differ from the reference", bad);
}

static void test_valid(void)
{
    CHECK(utf8_valid("", 0));
    CHECK(utf8_valid("hello", 5));
    CHECK(utf8_valid("a\0b", 3));
    CHECK(utf8_valid("\xF0\x9F\x98\x80\xEF\xBF\xBD", 7));
    CHECK(!utf8_valid("\xC0\x80", 2));
    CHECK(!utf8_valid("\xED\xA0\x80", 3));
    CHECK(!utf8_valid("\xF4\x90\x80\x80", 4));
    CHECK(!utf8_valid("ok\x80", 3));
    CHECK(!utf8_valid("\xE2\x82", 2));
    /* Valid up to len; what lies beyond len is not looked at. */
    CHECK(utf8_valid("ab\xFF", 2));
}

static void test_valid_start(void)
{
    size_t whole = 99;
    CHECK(utf8_valid_start("", 0, &whole) && whole == 0);
    CHECK(utf8_valid_start("abc", 3, &whole) && whole == 3);
    CHECK(utf8_valid_start("a\xE2\x82", 3, &whole) && whole == 1);   /* € cut short */
    CHECK(utf8_valid_start("a\xF0\x9F\x98", 4, &whole) && whole == 1);
    CHECK(utf8_valid_start("\xC3", 1, &whole) && whole == 0);
    CHECK(!utf8_valid_start("\xE0\x80", 2, &whole) && whole == 0);  /* overlong already */
    CHECK(!utf8_valid_start("\xED\xA0", 2, &whole));                /* a surrogate already */
    CHECK(!utf8_valid_start("\xF4\x90", 2, &whole));                /* above U+10FFFF */
    CHECK(!utf8_valid_start("ab\x80", 3, &whole) && whole == 2);
    CHECK(!utf8_valid_start("\xC0", 1, &whole));
    CHECK(!utf8_valid_start("\xF5", 1, &whole));
    CHECK(!utf8_valid_start("\xE2\x82x", 3, &whole));

    /* Every string of up to two bytes, and three from bytes that matter,
     * against the definition: some completion makes it valid, and *whole
     * ends the longest valid start that leaves at most three bytes. */
    static const unsigned char picks[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                          0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
                                          0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
    size_t npicks = sizeof picks;
    size_t bad = 0;
    unsigned char u[3];
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 257; b++) {
            u[0] = (unsigned char)a;
            u[1] = (unsigned char)b;
            size_t len = b == 256 ? 1 : 2;
            bool got = utf8_valid_start((const char *)u, len, &whole);
            bad += got != utf8_oracle_completable(u, len);
            bad += got && (whole > len || !utf8_valid((const char *)u, whole) ||
                           (whole < len && utf8_valid((const char *)u, len)));
        }
    for (size_t a = 0; a < npicks; a++)
        for (size_t b = 0; b < npicks; b++)
            for (size_t c = 0; c < npicks; c++) {
                u[0] = picks[a];
                u[1] = picks[b];
                u[2] = picks[c];
                bool got = utf8_valid_start((const char *)u, 3, &whole);
                bad += got != utf8_oracle_completable(u, 3);
                bad += got && (whole > 3 || !utf8_valid((const char *)u, whole) ||
                               (whole < 3 && utf8_valid((const char *)u, 3)));
            }
    CHECK_MSG(bad == 0, "%zu starts judged wrong", bad);
}

static void test_prev_valid(void)
{
    /* a é € 😀 b: starts at 0, 1, 3, 6, 10; length 11 */
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80" "b";
    size_t len = strlen(s);

    CHECK(len == 11);
    CHECK(utf8_prev(s, len, 11) == 10);
    CHECK(utf8_prev(s, len, 10) == 6);
    CHECK(utf8_prev(s, len, 6) == 3);
    CHECK(utf8_prev(s, len, 3) == 1);
    CHECK(utf8_prev(s, len, 1) == 0);
    CHECK(utf8_next(s, len, 0) == 1);
    CHECK(utf8_next(s, len, 1) == 3);
    CHECK(utf8_next(s, len, 3) == 6);
    CHECK(utf8_next(s, len, 6) == 10);
    CHECK(utf8_next(s, len, 10) == 11);
    CHECK(utf8_count(s, len) == 5);
    CHECK(utf8_prev("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 8, 8) == 4);
    CHECK(utf8_prev("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 8, 4) == 0);
}

static void test_prev_invalid(void)
{
    /* Stray continuations before a valid é: each is its own unit, and the
     * é is stepped over whole. */
    CHECK(utf8_prev("\x80\x80\x80\x80\xC3\xA9", 6, 6) == 4);
    CHECK(utf8_prev("\x80\x80\x80\x80\xC3\xA9", 6, 4) == 3);
    CHECK(utf8_prev("\x80\x80\x80\x80\xC3\xA9", 6, 1) == 0);
    /* A stray continuation after a complete sequence. */
    CHECK(utf8_prev("\xC3\xA9\x80", 3, 3) == 2);
    CHECK(utf8_prev("\xC3\xA9\x80", 3, 2) == 0);
    CHECK(utf8_prev("\xF0\x9F\x98\x80\x80", 5, 5) == 4);
    CHECK(utf8_prev("\xF0\x9F\x98\x80\x80", 5, 4) == 0);
    /* A truncated sequence is one unit, backwards as forwards. */
    CHECK(utf8_prev("\xE2\x82" "A", 3, 3) == 2);
    CHECK(utf8_prev("\xE2\x82" "A", 3, 2) == 0);
    CHECK(utf8_prev("x\xF0\x9F\x98", 4, 4) == 1);
    /* F0 80: two units. */
    CHECK(utf8_prev("\xF0\x80", 2, 2) == 1);
    CHECK(utf8_prev("\xF0\x80", 2, 1) == 0);
    /* Called from inside a valid sequence, it goes to that sequence's
     * start rather than to another byte inside it. */
    CHECK(utf8_prev("\xF0\x9F\x98\x80", 4, 3) == 0);
    CHECK(utf8_prev("\xF0\x9F\x98\x80", 4, 2) == 0);
}

static void test_repair(void)
{
    size_t n = 99;
    char *r;

    r = utf8_repair("", 0, &n);
    CHECK(r != NULL && n == 0 && r[0] == '\0');
    free(r);

    r = utf8_repair("h\xC3\xA9llo", 6, &n);
    CHECK(r != NULL && n == 6 && memcmp(r, "h\xC3\xA9llo", 7) == 0);
    free(r);

    r = utf8_repair("a\xFF" "b\xE2\x82" "c\xF0\x80", 8, &n);
    CHECK(r != NULL && n == 15 &&
          memcmp(r, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD",
                 16) == 0);
    free(r);

    r = utf8_repair("x\0y", 3, NULL);
    CHECK(r != NULL && memcmp(r, "x\0y", 4) == 0);
    free(r);
}

static uint32_t rng_state = 0x9E3779B9u;

static uint32_t rng(void)
{
    return xorshift32(&rng_state);
}

/* Random strings mostly made of bytes that matter to UTF-8, checked against
 * properties that tie the functions together. */
static void test_random(void)
{
    static const unsigned char alphabet[] = {
        'a',  0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2,
        0xC3, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
    size_t bad_next = 0, bad_prev = 0, bad_repair = 0, bad_count = 0;

    for (int round = 0; round < 20000; round++) {
        unsigned char s[32];
        size_t len = rng() % sizeof s;
        size_t starts[33];
        size_t units = 0;
        char *want, *got;
        size_t want_len = 0, got_len = 0;

        for (size_t k = 0; k < len; k++)
            s[k] = alphabet[rng() % sizeof alphabet];

        want = malloc(3 * len + 1);
        for (size_t i = 0; i < len;) {
            uint32_t cp;
            bool ok;
            size_t n = ref_decode(s + i, len - i, &cp, &ok);

            starts[units++] = i;
            want_len += utf8_encode(cp, want + want_len);
            if (utf8_next((const char *)s, len, i) != i + n)
                bad_next++;
            i += n;
        }
        starts[units] = len;
        if (utf8_count((const char *)s, len) != units)
            bad_count++;
        /* utf8_prev undoes utf8_next from every unit boundary. */
        for (size_t k = 1; k <= units; k++)
            if (utf8_prev((const char *)s, len, starts[k]) != starts[k - 1])
                bad_prev++;

        got = utf8_repair((const char *)s, len, &got_len);
        if (got == NULL || got_len != want_len ||
            memcmp(got, want, want_len) != 0 || got[got_len] != '\0' ||
            !utf8_valid(got, got_len))
            bad_repair++;
        free(got);
        free(want);
    }
    CHECK_MSG(bad_next == 0, "%zu next steps wrong", bad_next);
    CHECK_MSG(bad_count == 0, "%zu strings miscounted", bad_count);
    CHECK_MSG(bad_prev == 0, "%zu prev steps wrong", bad_prev);
    CHECK_MSG(bad_repair == 0, "%zu repairs wrong", bad_repair);
}

int main(void)
{
    test_decode_cases();
    test_decode_lengths();
    test_encode();
    test_against_reference();
    test_valid();
    test_valid_start();
    test_prev_valid();
    test_prev_invalid();
    test_repair();
    test_random();
    return check_summary("utf8");
}
