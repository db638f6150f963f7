/* SPDX-License-Identifier: MIT */
/* search: see search.h. */
#include "search.h"

#include "ascii.h"

#include <stdint.h>
#include <string.h>

/* The folded form of text[i], given the byte before it. */
static unsigned char fold(unsigned char prev, unsigned char c)
{
    if (ascii_is_upper(c))
        return (unsigned char)ascii_lower(c);
    /* U+00C0..U+00DE (but U+00D7, the multiplication sign) are C3 80..C3 9E;
     * their lower cases are C3 A0..C3 BE. */
    if (prev == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
        return (unsigned char)(c + 0x20);
    return c;
}

void search_prepare(struct search_query *q, const char *text, size_t len)
{
    if (len > SEARCH_MAX_QUERY) {
        len = SEARCH_MAX_QUERY;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    unsigned char prev = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        q->folded[i] = fold(prev, c);
        prev = c;
    }
    q->len = len;
}

static bool match_at(const struct search_query *q, const unsigned char *t, size_t i)
{
    unsigned char prev = i > 0 ? t[i - 1] : 0;
    for (size_t k = 0; k < q->len; k++) {
        unsigned char c = t[i + k];
        if (fold(prev, c) != q->folded[k])
            return false;
        prev = c;
    }
    return true;
}

/* Where the scan for each case of the query's first byte got to: each is
 * looked for again only once passed, so a text without one of the cases
 * is not scanned over and over (within one call or across search_all). */
struct scan {
    const unsigned char *a, *b;
    bool a_done, b_done;
};

static size_t scan_next(const struct search_query *q, const unsigned char *t, size_t len, size_t from,
                        struct scan *sc)
{
    if (!q->len || len < q->len)
        return SIZE_MAX;
    unsigned char first = q->folded[0];
    /* The other case of the first byte, the one to look for as well. In a
     * UTF-8 query the first byte is ASCII or a lead byte, whose only other
     * case is an ASCII capital. A query is bytes, though, and one that
     * starts with the continuation byte of a Latin-1 small letter (A0..BE
     * but B7) also matches its capital's (80..9E) after a C3; match_at
     * checks that byte. */
    unsigned char other = ascii_is_lower(first) ? (unsigned char)ascii_upper(first)
                          : first >= 0xA0 && first <= 0xBE && first != 0xB7 ? (unsigned char)(first - 0x20)
                                                                             : first;
    if (other == first)
        sc->b_done = true;
    size_t last = len - q->len;
    for (size_t i = from; i <= last;) {
        if (!sc->a_done && (!sc->a || (size_t)(sc->a - t) < i)) {
            sc->a = memchr(t + i, first, last - i + 1);
            sc->a_done = !sc->a;
        }
        if (!sc->b_done && (!sc->b || (size_t)(sc->b - t) < i)) {
            sc->b = memchr(t + i, other, last - i + 1);
            sc->b_done = !sc->b;
        }
        const unsigned char *p = sc->a_done ? (sc->b_done ? NULL : sc->b)
                                 : sc->b_done ? sc->a
                                 : sc->a < sc->b ? sc->a
                                                 : sc->b;
        if (!p)
            return SIZE_MAX;
        i = (size_t)(p - t);
        if (match_at(q, t, i))
            return i;
        i++;
    }
    return SIZE_MAX;
}

size_t search_next(const struct search_query *q, const char *text, size_t len, size_t from)
{
    struct scan sc = {0};
    return scan_next(q, (const unsigned char *)text, len, from, &sc);
}

size_t search_all(const struct search_query *q, const char *text, size_t len, size_t *starts, size_t max)
{
    struct scan sc = {0};
    const unsigned char *t = (const unsigned char *)text;
    size_t count = 0;
    for (size_t at = scan_next(q, t, len, 0, &sc); at != SIZE_MAX; at = scan_next(q, t, len, at + q->len, &sc)) {
        if (starts && count < max)
            starts[count] = at;
        count++;
    }
    return count;
}
