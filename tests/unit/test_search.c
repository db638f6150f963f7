/* SPDX-License-Identifier: MIT */
/* search: case-folded matching of queries in texts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "search.h"

static size_t count(const char *query, const char *text)
{
    struct search_query q;
    search_prepare(&q, query, strlen(query));
    return search_all(&q, text, strlen(text), NULL, 0);
}

int main(void)
{
    CHECK(count("hello", "Hello hello HELLO hElLo") == 4);
    CHECK(count("ação", "AÇÃO, Ação e ação") == 3);
    CHECK(count("ÉPOCA", "época") == 1);
    CHECK(count("x", "\xC3\x97") == 0);       /* × does not fold to ÷ or anything */
    CHECK(count("\xC3\x97", "\xC3\xB7") == 0);
    CHECK(count("aa", "aaaa") == 2);           /* matches do not overlap */
    CHECK(count("", "anything") == 0);
    CHECK(count("long query", "short") == 0);
    CHECK(count("你好", "说你好, 你好!") == 2);
    CHECK(count("😀", "a😀b😀") == 2);
    CHECK(count("{\"id\"", "{\"id\": 1}") == 1);
    /* A query that starts inside a character (found by fuzz_search): the
     * continuation byte of "ç" finds those of "ç" and "Ç" alike, as the
     * rest of a query does; that of "÷" does not find "×". */
    CHECK(count("\xA7", "\xC3\xA7 \xC3\x87") == 2);
    CHECK(count("\xA7", "\xC3\x87") == 1);
    CHECK(count("\xA7\xC3\xA3", "A\xC3\x87\xC3\x83O") == 1);
    CHECK(count("\xB7", "\xC3\x97\xC3\xB7") == 1);
    CHECK(count("\x87", "\xC3\x87") == 0);

    /* Starts are byte offsets of each match, in order. */
    struct search_query q;
    search_prepare(&q, "ab", 2);
    size_t starts[8];
    const char *t = "xxABxabyyAb";
    CHECK(search_all(&q, t, strlen(t), starts, 8) == 3);
    CHECK(starts[0] == 2 && starts[1] == 5 && starts[2] == 9);
    CHECK(search_next(&q, t, strlen(t), 3) == 5);
    CHECK(search_next(&q, t, strlen(t), 10) == SIZE_MAX);
    /* More matches than room: all counted, the first ones kept. */
    CHECK(search_all(&q, t, strlen(t), starts, 1) == 3 && starts[0] == 2);

    /* An over-long query is cut on a code point boundary. */
    char longq[600];
    for (int i = 0; i < 300; i++)
        memcpy(longq + 2 * i, "\xC3\xA7", 2);
    search_prepare(&q, longq, 600);
    CHECK(q.len == SEARCH_MAX_QUERY && q.len % 2 == 0);

    /* Megabytes: linear. */
    size_t n = 8 << 20;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = "abcdefgh"[i % 8];
    memcpy(big + n - 6, "NEEDLE", 6);
    big[n] = '\0';
    search_prepare(&q, "needle", 6);
    CHECK(search_next(&q, big, n, 0) == n - 6);
    search_prepare(&q, "abc", 3);
    CHECK(search_all(&q, big, n, NULL, 0) == n / 8 - 1);
    free(big);
    return check_summary("search");
}
