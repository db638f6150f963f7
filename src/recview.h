/* SPDX-License-Identifier: MIT */
/* recview: an opened recording on screen. Its header above the
 * conversation says which file and which span of time (first to last
 * entry), how many messages and damaged lines, with Close recording (also
 * Escape); while a recording loads, the same strip shows the file, a
 * progress bar and Cancel. Under the conversation, in place of the
 * message box, a row says the recording is read-only. The conversation
 * itself is the list's (list.c), drawn from the recording's chat model
 * (opened.c) with a list state of its own. */
#ifndef PONTE_RECVIEW_H
#define PONTE_RECVIEW_H

#include <stdbool.h>

#include "list.h"
#include "opened.h"
#include "platform.h"
#include "widgets.h"

struct recview {
    const struct opened *opened; /* the app's: shown instead of the live conversation (NULL: the live one) */
    char path[PLATFORM_PATH_MAX]; /* the file the header names */
    bool loading;                 /* a load runs: the strip shows progress */
    int progress;                 /* thousandths done */
    struct list aside;            /* the list state of the conversation not shown */
    ui_rect rect;                 /* the header, last frame (h 0: none) */
};

struct recview_actions {
    bool close;  /* Close recording, or Escape */
    bool cancel; /* Cancel the load */
};

/* The header's height (0: no recording shown or loading). */
int recview_height(const struct recview *r, struct ui *ui);

void recview_frame(struct recview *r, struct ui *ui, const struct theme *t, ui_rect bar,
                   struct recview_actions *a);

/* The read-only row, where the message box was. */
void recview_read_only_row(struct ui *ui, const struct theme *t, ui_rect row);

/* The header's words: "FILE · 2026-11-25 04:05:06 – 04:35:00 · N messages
 * · M damaged lines" (pure; for the tests too). */
void recview_summary(const struct recview *r, char *out, size_t n);

#endif
