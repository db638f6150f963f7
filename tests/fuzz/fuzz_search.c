/* SPDX-License-Identifier: MIT */
/* fuzz_search: the find bar's matching on arbitrary bytes. The input is a
 * query, a NUL byte and the text (without a NUL, the input is both).
 * Against a plain scan that tries every place in turn:
 * - search_all finds the same non-overlapping matches, counts them all
 *   and writes no more starts than asked;
 * - search_next from any place finds the first match at or after it;
 * - a query longer than SEARCH_MAX_QUERY is cut on a code point boundary;
 * - with valid UTF-8 on both sides, every match starts on a code point. */
#include "fuzz.h"
#include "search.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

/* The folding of search.h, written out: ASCII capitals, and the Latin-1
 * capitals U+00C0..U+00DE but U+00D7, which are C3 80..9E in UTF-8. */
static unsigned char reference_fold(unsigned char prev, unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c - 'A' + 'a');
    if (prev == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
        return (unsigned char)(c + 0x20);
    return c;
}

static bool reference_match(const unsigned char *query, size_t qlen, const unsigned char *t,
                            size_t len, size_t at)
{
    if (qlen == 0 || at + qlen > len)
        return false;
    for (size_t k = 0; k < qlen; k++) {
        unsigned char qprev = k > 0 ? query[k - 1] : 0;
        unsigned char tprev = at + k > 0 ? t[at + k - 1] : 0;

        if (reference_fold(qprev, query[k]) != reference_fold(tprev, t[at + k]))
            return false;
    }
    return true;
}

static size_t reference_next(const unsigned char *query, size_t qlen, const unsigned char *t,
                             size_t len, size_t from)
{
    for (size_t at = from; at < len; at++)
        if (reference_match(query, qlen, t, len, at))
            return at;
    return SIZE_MAX;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    const unsigned char *query = data, *text = nul != NULL ? nul + 1 : data;
    size_t query_len = nul != NULL ? (size_t)(nul - data) : size;
    size_t text_len = nul != NULL ? size - query_len - 1 : size;
    size_t qlen = query_len, count = 0, *starts, *want, got;
    struct search_query q;

    /* The cut: at most SEARCH_MAX_QUERY bytes, not before a continuation
     * byte. */
    if (qlen > SEARCH_MAX_QUERY) {
        qlen = SEARCH_MAX_QUERY;
        while (qlen > 0 && (query[qlen] & 0xC0) == 0x80)
            qlen--;
    }
    search_prepare(&q, (const char *)query, query_len);
    FUZZ_CHECK(q.len == qlen);
    if (utf8_valid((const char *)query, query_len))
        FUZZ_CHECK(utf8_valid((const char *)query, q.len));

    want = malloc((text_len + 1) * sizeof *want);
    starts = malloc((text_len + 2) * sizeof *starts);
    FUZZ_CHECK(want != NULL && starts != NULL);
    for (size_t at = reference_next(query, qlen, text, text_len, 0); at != SIZE_MAX;
         at = reference_next(query, qlen, text, text_len, at + qlen))
        want[count++] = at;

    got = search_all(&q, (const char *)text, text_len, starts, text_len + 1);
    FUZZ_CHECK(got == count && memcmp(starts, want, count * sizeof *want) == 0);
    FUZZ_CHECK(search_all(&q, (const char *)text, text_len, NULL, 0) == count);
    /* Half the room: the first half of the starts, and the whole count. */
    starts[count / 2] = 12345;
    FUZZ_CHECK(search_all(&q, (const char *)text, text_len, starts, count / 2) == count);
    FUZZ_CHECK(memcmp(starts, want, count / 2 * sizeof *want) == 0 && starts[count / 2] == 12345);

    /* search_next from the start, from just after each match, and from a
     * place the input picks. */
    FUZZ_CHECK(search_next(&q, (const char *)text, text_len, 0) ==
               reference_next(query, qlen, text, text_len, 0));
    for (size_t k = 0; k < count && k < 16; k++)
        FUZZ_CHECK(search_next(&q, (const char *)text, text_len, want[k] + 1) ==
                   reference_next(query, qlen, text, text_len, want[k] + 1));
    if (text_len > 0) {
        size_t from = (size_t)query_len * 7919 % (text_len + 1);

        FUZZ_CHECK(search_next(&q, (const char *)text, text_len, from) ==
                   reference_next(query, qlen, text, text_len, from));
    }

    if (utf8_valid((const char *)query, qlen) && utf8_valid((const char *)text, text_len))
        for (size_t k = 0; k < count; k++)
            FUZZ_CHECK((text[want[k]] & 0xC0) != 0x80);

    free(starts);
    free(want);
    return 0;
}
