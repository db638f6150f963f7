/* SPDX-License-Identifier: MIT */
/* msgrange: a range of messages the person selected in the list (Shift+click
 * on a second bubble, Shift+Up / Shift+Down from a focused one, a long press
 * with a finger), for exporting them. Kept as the ids of its two ends, so
 * it stays on the same messages as new ones arrive, the list scrolls or the
 * find filter hides some (the rows it covers are those the list shows
 * between its ends). Pure: tested in tests/unit/test_msgrange.c. */
#ifndef PONTE_MSGRANGE_H
#define PONTE_MSGRANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chat.h"
#include "find.h"

struct msgrange {
    uint64_t anchor; /* where it started (0: no range) */
    uint64_t end;    /* where it reaches now (either side of anchor) */
};

static inline bool msgrange_active(const struct msgrange *r)
{
    return r->anchor != 0;
}

static inline void msgrange_clear(struct msgrange *r)
{
    r->anchor = r->end = 0;
}

/* From the range's anchor, or from `from` when there is no range yet, to
 * id (both message ids). */
void msgrange_extend(struct msgrange *r, uint64_t from, uint64_t id);

/* Whether message id is inside (ends included). */
bool msgrange_contains(const struct msgrange *r, uint64_t id);

/* Moves the end one row of the list (dir > 0: down), through the filter's
 * rows when it filters; without a range, starts one at from (the focused
 * message) and moves from there. False when there was no row to move to. */
bool msgrange_step(struct msgrange *r, const struct chat *chat, const struct find *filter, uint64_t from, int dir);

/* The range as message indices [*from, *to) of chat: false when none of it
 * is left (cleared away; a trim keeps the part still there). */
bool msgrange_span(const struct msgrange *r, const struct chat *chat, size_t *from, size_t *to);

/* How many rows of the list it covers (through the filter's rows). */
size_t msgrange_rows(const struct msgrange *r, const struct chat *chat, const struct find *filter);

#endif
