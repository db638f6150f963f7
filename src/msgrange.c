/* SPDX-License-Identifier: MIT */
/* msgrange.c: see msgrange.h. */
#include "msgrange.h"

void msgrange_extend(struct msgrange *r, uint64_t from, uint64_t id)
{
    if (!r->anchor)
        r->anchor = from ? from : id;
    r->end = id;
}

bool msgrange_contains(const struct msgrange *r, uint64_t id)
{
    if (!r->anchor)
        return false;
    uint64_t lo = r->anchor < r->end ? r->anchor : r->end, hi = r->anchor < r->end ? r->end : r->anchor;
    return id >= lo && id <= hi;
}

bool msgrange_span(const struct msgrange *r, const struct chat *chat, size_t *from, size_t *to)
{
    if (!r->anchor || !chat->count)
        return false;
    uint64_t lo = r->anchor < r->end ? r->anchor : r->end, hi = r->anchor < r->end ? r->end : r->anchor;
    uint64_t first = chat->first_id, last = chat->first_id + chat->count - 1;
    if (hi < first || lo > last)
        return false;
    lo = lo < first ? first : lo;
    hi = hi > last ? last : hi;
    *from = (size_t)(lo - first);
    *to = (size_t)(hi - first) + 1;
    return true;
}

static size_t rows_of(const struct chat *chat, const struct find *filter)
{
    return filter && filter->filtered ? filter->rows.count : chat->count;
}

bool msgrange_step(struct msgrange *r, const struct chat *chat, const struct find *filter, uint64_t from, int dir)
{
    uint64_t end = r->anchor ? r->end : from;
    if (!end || end < chat->first_id || end - chat->first_id >= chat->count || !dir)
        return false;
    size_t msg = (size_t)(end - chat->first_id);
    const struct find *f = filter && filter->filtered ? filter : NULL;
    size_t row = f ? find_message_row(f, msg) : msg, rows = rows_of(chat, filter);
    if (f && (row >= rows || find_row_message(f, row) != msg))
        return false; /* (its end is hidden now) */
    if (dir > 0 ? row + 1 >= rows : row == 0)
        return false;
    row = dir > 0 ? row + 1 : row - 1;
    size_t to = f ? find_row_message(f, row) : row;
    msgrange_extend(r, end, chat->first_id + to);
    return true;
}

size_t msgrange_rows(const struct msgrange *r, const struct chat *chat, const struct find *filter)
{
    size_t from, to;
    if (!msgrange_span(r, chat, &from, &to))
        return 0;
    if (!filter || !filter->filtered)
        return to - from;
    return find_message_row(filter, to) - find_message_row(filter, from);
}
