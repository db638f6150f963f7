/* SPDX-License-Identifier: MIT */
/* history.c: see history.h.
 *
 * The walk follows the composer's undo: every move is a textedit_set, so
 * Ctrl+Z can take one back, and then the walk is where it was before that
 * move. Each move records the mark of its set; before moving again, the
 * moves whose set has been undone are unwound (history_sync). */
#include "history.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

static bool history_same(const char *a, size_t a_len, const char *b, size_t b_len)
{
    return a_len == b_len && (a_len == 0 || memcmp(a, b, a_len) == 0);
}

static char *history_copy(const char *text, size_t len)
{
    char *copy = malloc(len + 1);

    if (copy != NULL) {
        if (len > 0)
            memcpy(copy, text, len);
        copy[len] = '\0';
    }
    return copy;
}

static void history_end_walk(struct history *h)
{
    for (size_t i = 0; i < h->count; i++) {
        free(h->entries[i].edit);
        h->entries[i].edit = NULL;
        h->entries[i].edit_len = 0;
    }
    free(h->draft);
    h->draft = NULL;
    h->draft_len = 0;
    h->load_count = 0;
    h->at = h->count;
}

void history_init(struct history *h)
{
    memset(h, 0, sizeof *h);
}

void history_free(struct history *h)
{
    history_end_walk(h);
    for (size_t i = 0; i < h->count; i++)
        free(h->entries[i].text);
    free(h->entries);
    free(h->loads);
    memset(h, 0, sizeof *h);
}

bool history_push(struct history *h, const char *text, size_t len)
{
    const struct history_entry *newest = h->count ? &h->entries[h->count - 1] : NULL;
    size_t n = 0;
    char *copy;

    history_end_walk(h);
    if (len == 0 || len > HISTORY_MAX_BYTES ||
        (newest != NULL && history_same(newest->text, newest->len, text, len)))
        return true;
    copy = history_copy(text, len);
    if (copy == NULL)
        return false;
    if (!grow_max(&h->entries, &h->cap, h->count + 1, sizeof *h->entries, 16, HISTORY_MAX_ENTRIES + 1)) {
        free(copy);
        return false;
    }
    while (n < h->count && (h->count - n + 1 > HISTORY_MAX_ENTRIES ||
                            h->bytes + len > HISTORY_MAX_BYTES)) {
        h->bytes -= h->entries[n].len;
        free(h->entries[n++].text);
    }
    memmove(h->entries, h->entries + n, (h->count - n) * sizeof *h->entries);
    h->count -= n;
    h->entries[h->count++] = (struct history_entry){.text = copy, .len = len};
    h->bytes += len;
    h->at = h->count;
    return true;
}

/* Unwinds the moves whose load was undone in the textedit since. */
static void history_sync(struct history *h, const struct textedit *te)
{
    while (h->load_count > 0 &&
           !textedit_applied(te, h->loads[h->load_count - 1].mark))
        h->at = h->loads[--h->load_count].from;
}

/* Keeps what is on screen for the place the walk is leaving. */
static bool history_keep(struct history *h, const struct textedit *te)
{
    char **slot = &h->draft;
    size_t *slot_len = &h->draft_len;
    char *copy;

    if (h->at < h->count) {
        struct history_entry *e = &h->entries[h->at];

        if (history_same(e->text, e->len, te->text, te->len)) {
            free(e->edit);
            e->edit = NULL;
            e->edit_len = 0;
            return true;
        }
        slot = &e->edit;
        slot_len = &e->edit_len;
    }
    if (*slot != NULL && history_same(*slot, *slot_len, te->text, te->len))
        return true;
    copy = history_copy(te->text, te->len);
    if (copy == NULL)
        return false;
    free(*slot);
    *slot = copy;
    *slot_len = te->len;
    return true;
}

static bool history_go(struct history *h, struct textedit *te, size_t to)
{
    const char *text = h->draft;
    size_t len = h->draft_len;
    struct textedit_mark before, after;

    /* Room to remember the move first, so a remembered walk never misses
     * one. Older moves than the textedit can undo are no use. */
    if (h->load_count == TEXTEDIT_MAX_STEPS) {
        memmove(h->loads, h->loads + 1, (h->load_count - 1) * sizeof *h->loads);
        h->load_count--;
    }
    if (!grow(&h->loads, &h->load_cap, h->load_count + 1, sizeof *h->loads, 16))
        return false;
    if (!history_keep(h, te))
        return false;
    if (to < h->count) {
        const struct history_entry *e = &h->entries[to];

        text = e->edit ? e->edit : e->text;
        len = e->edit ? e->edit_len : e->len;
    }
    before = textedit_mark(te);
    if (!textedit_set(te, text ? text : "", len))
        return false;
    after = textedit_mark(te);
    /* No new step when the text was already the same: nothing to undo. */
    if (after.id != 0 && after.id != before.id)
        h->loads[h->load_count++] = (struct history_load){after, h->at};
    h->at = to;
    return true;
}

bool history_prev(struct history *h, struct textedit *te)
{
    history_sync(h, te);
    if (h->at == 0)
        return false;
    return history_go(h, te, h->at - 1);
}

bool history_next(struct history *h, struct textedit *te)
{
    history_sync(h, te);
    if (h->at >= h->count)
        return false;
    return history_go(h, te, h->at + 1);
}
