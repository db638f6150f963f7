/* SPDX-License-Identifier: MIT */
/* history: the messages already sent, walked back and forth with Up and
 * Down like a shell's.
 *
 * The walk shows each entry in the composer's textedit through
 * textedit_set, so Ctrl+Z can take a load back. What is on screen when the
 * walk moves on is kept for the place it leaves: the draft (what was being
 * typed before the first Up) and any edits made to a recalled entry come
 * back when the walk returns there. Edits never change the stored entries;
 * sending (history_push) ends the walk. */
#ifndef PONTE_HISTORY_H
#define PONTE_HISTORY_H

#include "textedit.h"

#include <stdbool.h>
#include <stddef.h>

/* At most this many entries and bytes of entry text; the oldest go first. */
#define HISTORY_MAX_ENTRIES 500
#define HISTORY_MAX_BYTES (4u << 20)

struct history_entry {
    char *text; /* as sent, NUL-terminated */
    size_t len;
    char *edit; /* what the walk left on screen here, when it differs; else NULL */
    size_t edit_len;
};

/* One move of the walk, to undo it when its load is undone. */
struct history_load {
    struct textedit_mark mark; /* the textedit_set that showed the entry */
    size_t from;               /* where the walk was before */
};

struct history {
    struct history_entry *entries; /* oldest first */
    size_t count, cap;
    size_t bytes; /* of entry text */

    /* The walk since the last push. */
    size_t at;   /* the entry on screen, or count for the draft */
    char *draft; /* NULL until the walk first leaves the draft */
    size_t draft_len;
    struct history_load *loads; /* the moves still undoable, oldest first */
    size_t load_count, load_cap;
};

void history_init(struct history *h);
void history_free(struct history *h);

/* Adds a sent text as the newest entry, unless it is empty, the same as
 * the newest entry, or bigger than HISTORY_MAX_BYTES, and ends the walk.
 * Returns false only when memory runs out (the entry is not added; the
 * walk still ends). */
bool history_push(struct history *h, const char *text, size_t len);

/* Up: shows the next older entry in te, the caret at its end; the first
 * call keeps the draft. False at the oldest entry or when memory runs out
 * (te unchanged). */
bool history_prev(struct history *h, struct textedit *te);

/* Down: shows the next newer entry, or past the newest the draft. False
 * when already at the draft or when memory runs out (te unchanged). */
bool history_next(struct history *h, struct textedit *te);

#endif
