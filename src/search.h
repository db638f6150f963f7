/* SPDX-License-Identifier: MIT */
/* search: finding a query in message texts, ignoring case for ASCII and
 * the Latin-1 letters (enough for English and Portuguese: "AÇÃO" finds
 * "ação"). Folding keeps byte lengths, so a match is as long as the query.
 * Matches do not overlap, and start on code point boundaries when the query
 * is UTF-8 (a query is taken as bytes: one that starts with a continuation
 * byte finds it inside characters, in either case). Pure. */
#ifndef PONTE_SEARCH_H
#define PONTE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#define SEARCH_MAX_QUERY 256

struct search_query {
    unsigned char folded[SEARCH_MAX_QUERY];
    size_t len; /* 0: matches nothing */
};

/* Prepares a query (cut to SEARCH_MAX_QUERY bytes on a code point boundary). */
void search_prepare(struct search_query *q, const char *text, size_t len);

/* The first match in text[from..len) (SIZE_MAX when none). */
size_t search_next(const struct search_query *q, const char *text, size_t len, size_t from);

/* Matches in text, at most max of their starts written to starts (NULL:
 * only count). Returns the number of matches. */
size_t search_all(const struct search_query *q, const char *text, size_t len, size_t *starts, size_t max);

#endif
