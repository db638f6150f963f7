/* SPDX-License-Identifier: MIT */
/* assemble: messages put back together from pieces of every size, the cap
 * (counting what is announced), UTF-8 checked as pieces arrive, refusals
 * and what follows them, take's trimming, and running out of memory (through
 * the allocate hook). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assemble.h"
#include "check.h"

/* The allocate hook: counts, remembers sizes, fails when told to. */
static struct {
    int calls;
    int fail_at; /* the call (1-based) that fails; 0: none */
    size_t fail_above; /* sizes above this fail; 0: none */
    size_t largest, last;
} alloc;

static void *counting_realloc(void *ptr, size_t size)
{
    alloc.calls++;
    alloc.last = size;
    if (size > alloc.largest)
        alloc.largest = size;
    if (alloc.calls == alloc.fail_at || (alloc.fail_above && size > alloc.fail_above))
        return NULL;
    return realloc(ptr, size);
}

static void alloc_clear(void)
{
    memset(&alloc, 0, sizeof alloc);
}

/* Feeds s[0..len) as one message in pieces of piece bytes (the last may be
 * shorter; piece 0: one piece), announcing nothing. Returns the result of
 * the last piece fed, stopping at the first refusal; *at is its index. */
static enum assemble_result feed(struct assemble *a, bool binary, const char *s, size_t len,
                                 size_t piece, size_t *at)
{
    enum assemble_result r = ASSEMBLE_MORE;
    size_t i = 0, k = 0;
    if (!piece)
        piece = len ? len : 1;
    assemble_begin(a, binary);
    do {
        size_t n = len - i < piece ? len - i : piece;
        r = assemble_add(a, s + i, n, 0, i + n == len);
        i += n;
        if (at)
            *at = k;
        k++;
        if (r != ASSEMBLE_MORE)
            break;
    } while (i < len);
    return r;
}

/* Takes the message and compares it with s[0..len). */
static bool took(struct assemble *a, const char *s, size_t len)
{
    char *data = NULL;
    size_t got = 12345;
    bool ok = assemble_take(a, &data, &got) && data && got == len &&
              memcmp(data, s, len) == 0 && data[len] == '\0';
    free(data);
    return ok && a->data == NULL && a->size == 0 && !a->complete;
}

static const char text[] = "Olá, mundo! € and 😀 in a message that is long enough to need "
                           "several buffers: ção, naïve, 日本語, \xF4\x8F\xBF\xBF (the last "
                           "code point), \xEF\xBF\xBD, and plain ASCII to pad it out past "
                           "the two hundred and fifty six bytes of the first buffer, so that "
                           "pieces of one byte grow it twice. Done.";

static void test_pieces_of_every_size(void)
{
    size_t len = sizeof text - 1;
    int bad = 0;
    for (int binary = 0; binary < 2; binary++)
        for (size_t piece = 1; piece <= len + 1; piece++) {
            struct assemble a = {0};
            bad += feed(&a, binary, text, len, piece, NULL) != ASSEMBLE_MESSAGE;
            bad += !took(&a, text, len);
            assemble_reset(&a);
        }
    CHECK_MSG(bad == 0, "%d piece sizes went wrong", bad);
    CHECK(len > 256);
}

static void test_binary_and_text(void)
{
    struct assemble a = {0};
    const char junk[] = "\xFF\x00\xC0\x80\xED\xA0\x80";
    size_t len = sizeof junk - 1;
    CHECK(feed(&a, true, junk, len, 2, NULL) == ASSEMBLE_MESSAGE);
    CHECK(a.binary);
    CHECK(took(&a, junk, len));
    CHECK(feed(&a, false, junk, len, 2, NULL) == ASSEMBLE_INVALID_UTF8);
    CHECK(!a.binary && a.data == NULL);
    /* NUL is valid UTF-8, and the message keeps it. */
    CHECK(feed(&a, false, "a\0b", 3, 1, NULL) == ASSEMBLE_MESSAGE);
    CHECK(took(&a, "a\0b", 3));
    assemble_reset(&a);
}

static void test_cap(void)
{
    char buf[100];
    memset(buf, 'c', sizeof buf);
    struct assemble a = {.cap = 10};
    size_t at;
    for (size_t piece = 0; piece <= 11; piece++) {
        CHECK(feed(&a, false, buf, 10, piece, NULL) == ASSEMBLE_MESSAGE);
        CHECK(took(&a, buf, 10));
        /* One byte over: refused on the piece that crosses the cap. */
        CHECK(feed(&a, false, buf, 11, piece, &at) == ASSEMBLE_TOO_BIG);
        size_t p = piece ? piece : 11;
        CHECK_MSG(at == 10 / p, "piece %zu: refused at %zu", piece, at);
        CHECK(a.data == NULL && a.size == 0 && a.discard);
    }
    /* Memory stays at cap + 1 however the pieces come. */
    struct assemble big = {.cap = 1000, .allocate = counting_realloc};
    char many[1000];
    memset(many, 'm', sizeof many);
    alloc_clear();
    CHECK(feed(&big, true, many, 1000, 1, NULL) == ASSEMBLE_MESSAGE);
    CHECK(alloc.largest == 1001);
    CHECK(alloc.calls <= 4); /* 256, 512, 1001: doubling, then the cap */
    CHECK(took(&big, many, 1000));
    assemble_reset(&a);
    assemble_reset(&big);
}

static void test_announced(void)
{
    struct assemble a = {.cap = 100, .allocate = counting_realloc};
    char buf[100];
    memset(buf, 'x', sizeof buf);

    /* 10 bytes and 90 announced: exactly the cap, allocated at once. */
    alloc_clear();
    assemble_begin(&a, true);
    CHECK(assemble_add(&a, buf, 10, 90, false) == ASSEMBLE_MORE);
    CHECK(a.size == 101 && alloc.calls == 1);
    CHECK(assemble_add(&a, buf + 10, 90, 0, true) == ASSEMBLE_MESSAGE);
    CHECK(alloc.calls == 1);
    CHECK(took(&a, buf, 100));

    /* One more announced: refused before anything is allocated. */
    alloc_clear();
    assemble_begin(&a, true);
    CHECK(assemble_add(&a, buf, 10, 91, false) == ASSEMBLE_TOO_BIG);
    CHECK(alloc.calls == 0 && a.data == NULL);

    /* A header that claims 2^63 - 1 bytes, or everything. */
    size_t huge[] = {SIZE_MAX / 2, SIZE_MAX / 2 + 1, SIZE_MAX, SIZE_MAX - 100};
    for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
        assemble_begin(&a, false);
        CHECK(assemble_add(&a, buf, 50, 0, false) == ASSEMBLE_MORE);
        alloc_clear();
        CHECK(assemble_add(&a, buf, 10, huge[i], false) == ASSEMBLE_TOO_BIG);
        CHECK(alloc.calls == 0 && a.data == NULL);
    }

    /* The default cap, 16 MiB: up to it is fine, one byte more is not. */
    struct assemble d = {.allocate = counting_realloc};
    alloc_clear();
    assemble_begin(&d, true);
    CHECK(assemble_add(&d, "z", 1, ASSEMBLE_DEFAULT_CAP - 1, false) == ASSEMBLE_MORE);
    CHECK(alloc.largest == ASSEMBLE_DEFAULT_CAP + 1);
    assemble_begin(&d, true);
    CHECK(assemble_add(&d, "z", 1, ASSEMBLE_DEFAULT_CAP, false) == ASSEMBLE_TOO_BIG);

    /* No cap to speak of: the announcement is only what allocation is sized
     * for, and an impossible one fails as memory, not as arithmetic. */
    struct assemble e = {.cap = SIZE_MAX, .allocate = counting_realloc};
    alloc_clear();
    alloc.fail_above = (size_t)1 << 30;
    assemble_begin(&e, true);
    CHECK(assemble_add(&e, "z", 1, SIZE_MAX - 10, false) == ASSEMBLE_NO_MEMORY);
    CHECK(alloc.largest == SIZE_MAX - 8); /* 1 + announced + NUL */
    assemble_begin(&e, true);
    CHECK(assemble_add(&e, "zz", 2, 0, true) == ASSEMBLE_MESSAGE);
    CHECK(took(&e, "zz", 2));
    alloc_clear();
    assemble_reset(&a);
    assemble_reset(&d);
    assemble_reset(&e);
}

/* Every multi-byte length, each split at every place into two pieces and
 * into three. */
static void test_utf8_splits(void)
{
    static const char *const samples[] = {"a\xC3\xA9z", "a\xE2\x82\xACz", "a\xF0\x9F\x98\x80z",
                                          "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF\xEE\x80\x80",
                                          "\xC2\x80\xDF\xBF\xE0\xA0\x80\xF0\x90\x80\x80"};
    int bad = 0;
    struct assemble a = {0};
    for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
        const char *m = samples[s];
        size_t len = strlen(m);
        for (size_t i = 0; i <= len; i++)
            for (size_t j = i; j <= len; j++) {
                assemble_begin(&a, false);
                bad += assemble_add(&a, m, i, 0, false) != ASSEMBLE_MORE;
                bad += assemble_add(&a, m + i, j - i, 0, false) != ASSEMBLE_MORE;
                bad += assemble_add(&a, m + j, len - j, 0, true) != ASSEMBLE_MESSAGE;
                bad += !took(&a, m, len);
            }
    }
    CHECK_MSG(bad == 0, "%d splits went wrong", bad);
    assemble_reset(&a);
}

static void test_utf8_invalid(void)
{
    struct assemble a = {0};
    char m[1000];
    memset(m, 'v', sizeof m);
    size_t at;

    /* Invalid at the start of 1,000 one-byte pieces: refused on the first,
     * and the other 999 are dropped. */
    m[0] = '\x80';
    assemble_begin(&a, false);
    CHECK(assemble_add(&a, m, 1, 0, false) == ASSEMBLE_INVALID_UTF8);
    int discarded = 0;
    for (size_t i = 1; i < sizeof m; i++)
        discarded += assemble_add(&a, m + i, 1, 0, i + 1 == sizeof m) == ASSEMBLE_DISCARDED;
    CHECK(discarded == 999);
    CHECK(a.data == NULL && a.size == 0);

    /* In the middle: refused on the piece that holds the bad byte. */
    m[0] = 'v';
    m[500] = '\xFF';
    CHECK(feed(&a, false, m, sizeof m, 10, &at) == ASSEMBLE_INVALID_UTF8 && at == 50);
    m[500] = 'v';

    /* A sequence already impossible before it is whole fails at once. */
    static const char *const early[] = {"\xE0\x80", "\xED\xA0", "\xF0\x80", "\xF4\x90",
                                        "\xC0", "\xC1", "\xF5", "\xC3\x41"};
    for (size_t i = 0; i < sizeof early / sizeof early[0]; i++) {
        assemble_begin(&a, false);
        CHECK(assemble_add(&a, "ok", 2, 0, false) == ASSEMBLE_MORE);
        CHECK_MSG(assemble_add(&a, early[i], strlen(early[i]), 0, false) == ASSEMBLE_INVALID_UTF8,
                  "early %zu", i);
    }

    /* At the end: cut short waits while more may come, and fails at the
     * end of the message, even when the last piece is empty. */
    memcpy(m + 997, "\xE2\x82\xAC", 3);
    CHECK(feed(&a, false, m, 999, 7, &at) == ASSEMBLE_INVALID_UTF8 && at == 998 / 7);
    assemble_begin(&a, false);
    CHECK(assemble_add(&a, m, 999, 0, false) == ASSEMBLE_MORE);
    CHECK(assemble_add(&a, NULL, 0, 0, true) == ASSEMBLE_INVALID_UTF8);
    CHECK(feed(&a, false, m, 1000, 7, NULL) == ASSEMBLE_MESSAGE);
    CHECK(took(&a, m, 1000));
    /* A stray continuation as the very last byte. */
    memset(m, 'v', sizeof m);
    m[999] = '\x80';
    CHECK(feed(&a, false, m, 1000, 0, NULL) == ASSEMBLE_INVALID_UTF8);
    assemble_reset(&a);
}

static void test_empty(void)
{
    struct assemble a = {0};
    for (int binary = 0; binary < 2; binary++) {
        assemble_begin(&a, binary);
        CHECK(assemble_add(&a, NULL, 0, 0, true) == ASSEMBLE_MESSAGE);
        CHECK(took(&a, "", 0));
        /* Empty pieces around and between others. */
        assemble_begin(&a, binary);
        CHECK(assemble_add(&a, NULL, 0, 0, false) == ASSEMBLE_MORE);
        CHECK(assemble_add(&a, "\xC3", 1, 0, false) == ASSEMBLE_MORE);
        CHECK(assemble_add(&a, "", 0, 0, false) == ASSEMBLE_MORE);
        CHECK(assemble_add(&a, "\xA9", 1, 0, false) == ASSEMBLE_MORE);
        CHECK(assemble_add(&a, NULL, 0, 0, true) == ASSEMBLE_MESSAGE);
        CHECK(took(&a, "\xC3\xA9", 2));
    }
    /* A cap of one byte still takes empty and one-byte messages. */
    struct assemble one = {.cap = 1};
    CHECK(feed(&one, false, "", 0, 0, NULL) == ASSEMBLE_MESSAGE && took(&one, "", 0));
    CHECK(feed(&one, false, "x", 1, 0, NULL) == ASSEMBLE_MESSAGE && took(&one, "x", 1));
    CHECK(feed(&one, false, "xy", 2, 1, NULL) == ASSEMBLE_TOO_BIG);
    assemble_reset(&a);
    assemble_reset(&one);
}

static void test_discard_and_reuse(void)
{
    struct assemble a = {.cap = 20};
    char buf[40];
    memset(buf, 'd', sizeof buf);
    /* Refused: everything else of that message, final piece included. */
    assemble_begin(&a, true);
    CHECK(assemble_add(&a, buf, 15, 0, false) == ASSEMBLE_MORE);
    CHECK(assemble_add(&a, buf, 15, 0, false) == ASSEMBLE_TOO_BIG);
    CHECK(assemble_add(&a, buf, 1, 0, false) == ASSEMBLE_DISCARDED);
    CHECK(assemble_add(&a, NULL, 0, 0, true) == ASSEMBLE_DISCARDED);
    CHECK(!assemble_take(&a, &(char *){NULL}, &(size_t){0}));
    /* The next message starts clean. */
    CHECK(feed(&a, false, buf, 20, 3, NULL) == ASSEMBLE_MESSAGE && took(&a, buf, 20));

    /* Dropped from outside (the worker is closing). */
    assemble_begin(&a, false);
    assemble_drop(&a);
    CHECK(assemble_add(&a, "hi", 2, 0, true) == ASSEMBLE_DISCARDED);

    /* Many messages in a row, text and binary, of growing size; a begin
     * before the end of one starts over. */
    int bad = 0;
    struct assemble r = {0};
    char ascii[300];
    for (size_t i = 0; i < sizeof ascii; i++)
        ascii[i] = (char)('a' + i % 26);
    for (size_t n = 0; n < sizeof ascii; n += 13) {
        bad += feed(&r, n % 2, ascii, n, n % 5 + 1, NULL) != ASSEMBLE_MESSAGE ||
               !took(&r, ascii, n);
        assemble_begin(&r, false);
        bad += assemble_add(&r, "unfinished", 10, 0, false) != ASSEMBLE_MORE;
    }
    CHECK_MSG(bad == 0, "%d messages in a row went wrong", bad);
    assemble_begin(&r, true);
    CHECK(assemble_add(&r, "fresh", 5, 0, true) == ASSEMBLE_MESSAGE && took(&r, "fresh", 5));

    /* Reset forgets a half message and a refusal, not the cap. */
    assemble_begin(&a, false);
    CHECK(assemble_add(&a, buf, 5, 0, false) == ASSEMBLE_MORE);
    assemble_reset(&a);
    CHECK(a.data == NULL && a.len == 0 && a.cap == 20 && !a.discard);
    CHECK(feed(&a, false, buf, 21, 0, NULL) == ASSEMBLE_TOO_BIG);
    assemble_reset(&a);
    CHECK(!a.discard);
    assemble_reset(&r);
}

static void test_take(void)
{
    struct assemble a = {.allocate = counting_realloc};
    char *data = (char *)"sentinel";
    size_t len = 7;
    CHECK(!assemble_take(&a, &data, &len) && data == NULL && len == 0);

    /* Sized for 5,000 announced, finished after 10: trimmed to 11. */
    alloc_clear();
    assemble_begin(&a, false);
    CHECK(assemble_add(&a, "0123456789", 10, 4990, false) == ASSEMBLE_MORE);
    CHECK(a.size == 5001);
    CHECK(assemble_add(&a, NULL, 0, 0, true) == ASSEMBLE_MESSAGE);
    CHECK(assemble_take(&a, &data, &len) && len == 10 && strcmp(data, "0123456789") == 0);
    CHECK(alloc.last == 11);
    free(data);
    /* A short message is trimmed out of the first 256-byte buffer... */
    alloc_clear();
    CHECK(feed(&a, false, "short", 5, 0, NULL) == ASSEMBLE_MESSAGE);
    int calls = alloc.calls;
    CHECK(assemble_take(&a, &data, &len) && len == 5 && strcmp(data, "short") == 0);
    CHECK(alloc.calls == calls + 1 && alloc.last == 6);
    free(data);
    /* ...but not for 64 bytes or fewer to spare. */
    char fill[200];
    memset(fill, 'f', sizeof fill);
    CHECK(feed(&a, true, fill, 200, 0, NULL) == ASSEMBLE_MESSAGE && a.size == 256);
    calls = alloc.calls;
    CHECK(took(&a, fill, 200) && alloc.calls == calls);
    /* A trim that fails hands over the untrimmed buffer. */
    assemble_begin(&a, true);
    CHECK(assemble_add(&a, "abc", 3, 500, false) == ASSEMBLE_MORE);
    CHECK(assemble_add(&a, NULL, 0, 0, true) == ASSEMBLE_MESSAGE);
    alloc.fail_at = alloc.calls + 1;
    CHECK(assemble_take(&a, &data, &len) && len == 3 && memcmp(data, "abc", 4) == 0);
    free(data);
    alloc_clear();
    assemble_reset(&a);
}

static void test_out_of_memory(void)
{
    struct assemble a = {.allocate = counting_realloc};
    char buf[600];
    memset(buf, 'o', sizeof buf);
    /* The first allocation fails. */
    alloc_clear();
    alloc.fail_at = 1;
    CHECK(feed(&a, true, buf, 10, 0, NULL) == ASSEMBLE_NO_MEMORY);
    CHECK(a.data == NULL && a.size == 0 && a.discard);
    /* A growth fails: the part already held is freed (ASan would see a
     * leak), the rest of the message dropped. */
    alloc_clear();
    alloc.fail_at = 2;
    size_t at;
    CHECK(feed(&a, false, buf, 600, 100, &at) == ASSEMBLE_NO_MEMORY && at == 2);
    CHECK(a.data == NULL && a.size == 0);
    CHECK(assemble_add(&a, buf, 100, 0, true) == ASSEMBLE_DISCARDED);
    /* And the next message is fine. */
    alloc_clear();
    CHECK(feed(&a, false, buf, 600, 100, NULL) == ASSEMBLE_MESSAGE && took(&a, buf, 600));
    assemble_reset(&a);
}

static void test_texts(void)
{
    CHECK(strcmp(assemble_result_text(ASSEMBLE_TOO_BIG), "message too big") == 0);
    CHECK(strcmp(assemble_result_text(ASSEMBLE_NO_MEMORY), "out of memory") == 0);
    CHECK(strcmp(assemble_result_text(ASSEMBLE_INVALID_UTF8), "invalid UTF-8") == 0);
    CHECK(strcmp(assemble_result_text((enum assemble_result)99), "?") == 0);
}

int main(void)
{
    test_pieces_of_every_size();
    test_binary_and_text();
    test_cap();
    test_announced();
    test_utf8_splits();
    test_utf8_invalid();
    test_empty();
    test_discard_and_reuse();
    test_take();
    test_out_of_memory();
    test_texts();
    return check_summary("assemble");
}
