/* SPDX-License-Identifier: MIT */
/* grow: the one grow-by-doubling step for a heap array, with the size
 * arithmetic checked. Doubling keeps the copying of n appends linear; the
 * checks keep a hostile size (a length field, a huge paste) from wrapping
 * the multiplication into a small block that is then overrun. Header only:
 * the modules that use it link no extra source. */
#ifndef PONTE_GROW_H
#define PONTE_GROW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The capacity (in elements) that holds need elements: cap when it already
 * does, else first (when cap is 0) doubled until it does, never more than
 * max_count. 0 when need is more than max_count. */
static inline size_t grow_capacity(size_t cap, size_t need, size_t first, size_t max_count)
{
    if (need <= cap)
        return cap;
    if (need > max_count)
        return 0;
    cap = cap ? cap : first ? first : 1;
    while (cap < need)
        cap = cap > max_count / 2 ? max_count : cap * 2;
    return cap < max_count ? cap : max_count;
}

/* Makes the array at *buf_ptr (a pointer to any object pointer, as
 * &s->items) hold at least need elements of elem bytes, *cap counting them:
 * a realloc to grow_capacity(*cap, need, first, max_count). True when it
 * holds them; false when need is more than max_count, need * elem would
 * overflow or realloc fails, with *buf_ptr and *cap as they were. The
 * pointer travels through memcpy so that any element type is reached
 * without breaking C's aliasing rules. */
static inline bool grow_max(void *buf_ptr, size_t *cap, size_t need, size_t elem, size_t first,
                            size_t max_count)
{
    size_t to;
    void *buf;

    if (need <= *cap)
        return true;
    /* No object is larger than PTRDIFF_MAX bytes (and gcc 14 refuses to
     * compile an allocation that could ask for more). */
    size_t most = (size_t)PTRDIFF_MAX / elem;
    to = grow_capacity(*cap, need, first, max_count < most ? max_count : most);
    if (to == 0 || to > most) /* (to > most: never; said where gcc 14 sees it) */
        return false;
    memcpy(&buf, buf_ptr, sizeof buf);
    buf = realloc(buf, to * elem);
    if (buf == NULL)
        return false;
    memcpy(buf_ptr, &buf, sizeof buf);
    *cap = to;
    return true;
}

/* grow_max with no ceiling but what size_t can count. */
static inline bool grow(void *buf_ptr, size_t *cap, size_t need, size_t elem, size_t first)
{
    return grow_max(buf_ptr, cap, need, elem, first, SIZE_MAX);
}

#endif
