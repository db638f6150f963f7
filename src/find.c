/* SPDX-License-Identifier: MIT */
/* find: see find.h. */
#include "find.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* Bytes of message text searched per frame: a few milliseconds. */
#define FIND_SLICE ((size_t)8 << 20)
#define FIND_SLICE_MESSAGES 200000

void find_init(struct find *f)
{
    memset(f, 0, sizeof *f);
    vlist_init(&f->rows);
    f->version = 1;
}

void find_free(struct find *f)
{
    free(f->hits);
    free(f->row_message);
    vlist_free(&f->rows);
    memset(f, 0, sizeof *f);
}

void find_set_query(struct find *f, const char *text, size_t len)
{
    search_prepare(&f->query, text, len);
}

bool find_restart(struct find *f, bool rows_too)
{
    f->hit_count = 0;
    f->total = 0;
    f->hits_scanned = 0;
    f->has_current = false;
    f->version++;
    if (f->only_matches)
        rows_too = true;
    if (!rows_too)
        return false;
    bool was_filtered = f->filtered;
    f->filtered = (f->only_matches && f->query.len) || f->hide_sent || f->hide_received || f->hide_system;
    vlist_clear(&f->rows);
    f->rows_scanned = 0;
    return was_filtered || f->filtered;
}

bool find_shown(const struct find *f, const struct chat_message *m)
{
    switch (m->kind) {
    case CHAT_SENT:
        return !f->hide_sent;
    case CHAT_RECEIVED:
        return !f->hide_received;
    default:
        return !f->hide_system;
    }
}

bool find_step(struct find *f, const struct chat *chat, const struct find_source *src)
{
    if (!f->query.len)
        f->hits_scanned = chat->count;
    if (!f->filtered)
        f->rows_scanned = chat->count;
    size_t bytes = 0, n = 0;
    size_t i = f->hits_scanned < f->rows_scanned ? f->hits_scanned : f->rows_scanned;
    for (; i < chat->count && bytes < FIND_SLICE && n < FIND_SLICE_MESSAGES; i++, n++) {
        const struct chat_message *m = &chat->messages[i];
        bool shown = find_shown(f, m);
        bool count_hits = i >= f->hits_scanned;
        bool add_row = i >= f->rows_scanned;
        /* Room first, so running out of memory changes nothing and the
         * message is tried again next frame. */
        if (count_hits && f->hit_count == f->hit_cap) {
            size_t cap = f->hit_cap ? f->hit_cap * 2 : 64;
            struct find_hit *grown = realloc(f->hits, cap * sizeof *grown);
            if (!grown)
                break;
            f->hits = grown;
            f->hit_cap = cap;
        }
        if (add_row && f->rows.count == f->row_cap) {
            size_t cap = f->row_cap ? f->row_cap * 2 : 256;
            uint32_t *grown = realloc(f->row_message, cap * sizeof *grown);
            if (!grown)
                break;
            f->row_message = grown;
            f->row_cap = cap;
        }
        /* With "Only matches" the rows and the hits move together. */
        size_t hits = count_hits && shown && f->query.len ? src->hits(src->user, m) : 0;
        if (add_row && f->filtered && shown && (!f->only_matches || !f->query.len || hits)) {
            if (!vlist_push(&f->rows, src->guess(src->user, m), m->kind == CHAT_EVENT))
                break;
            f->row_message[f->rows.count - 1] = (uint32_t)i;
        }
        if (add_row)
            f->rows_scanned = i + 1;
        if (count_hits) {
            if (hits) {
                f->hits[f->hit_count++] = (struct find_hit){(uint32_t)i, (uint32_t)hits, f->total};
                f->total += hits;
            }
            f->hits_scanned = i + 1;
        }
        bytes += m->len + 64;
    }
    return f->hits_scanned < chat->count || f->rows_scanned < chat->count;
}

bool find_move(struct find *f, int dir, size_t top)
{
    if (!f->hit_count)
        return false;
    if (!f->has_current) {
        size_t i = 0;
        while (i < f->hit_count && f->hits[i].message < top)
            i++;
        if (dir < 0)
            i = i > 0 ? i - 1 : f->hit_count - 1;
        else if (i == f->hit_count)
            i = 0;
        f->current = i;
        f->occurrence = dir < 0 ? f->hits[i].count - 1 : 0;
        f->has_current = true;
    } else if (dir > 0) {
        if (++f->occurrence >= f->hits[f->current].count) {
            f->current = (f->current + 1) % f->hit_count;
            f->occurrence = 0;
        }
    } else {
        if (f->occurrence == 0) {
            f->current = (f->current + f->hit_count - 1) % f->hit_count;
            f->occurrence = f->hits[f->current].count - 1;
        } else {
            f->occurrence--;
        }
    }
    return true;
}

size_t find_row_message(const struct find *f, size_t row)
{
    return f->filtered ? f->row_message[row] : row;
}

size_t find_message_row(const struct find *f, size_t msg)
{
    if (!f->filtered)
        return msg;
    size_t lo = 0, hi = f->rows.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->row_message[mid] < msg)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void find_count_text(const struct find *f, size_t messages, char *out, size_t n)
{
    out[0] = '\0';
    if (!f->query.len)
        return;
    unsigned long long total = (unsigned long long)f->total;
    if (f->hits_scanned < messages)
        snprintf(out, n, tr(I18N_FIND_SEARCHING), total);
    else if (!total)
        snprintf(out, n, "%s", tr(I18N_FIND_NONE));
    else if (f->has_current)
        snprintf(out, n, tr(I18N_FIND_OF), (unsigned long long)(f->hits[f->current].before + f->occurrence + 1),
                 total);
    else if (total == 1)
        snprintf(out, n, "%s", tr(I18N_FIND_ONE));
    else
        snprintf(out, n, tr(I18N_FIND_MANY), total);
}
