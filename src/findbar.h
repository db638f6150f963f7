/* SPDX-License-Identifier: MIT */
/* findbar: the find bar under the status bar (Ctrl+F): the query, the
 * count ("3 of 12"), previous / next (also Enter, Shift+Enter, F3,
 * Shift+F3), the filters as toggles (on the first row when there is room,
 * else on a second) and ✕ (also Escape). It edits the find state (find.h)
 * and reports the rest as actions. */
#ifndef PONTE_FINDBAR_H
#define PONTE_FINDBAR_H

#include <stdbool.h>
#include <stdint.h>

#include "find.h"
#include "widgets.h"

struct findbar {
    bool open;
    struct widget_textbox box;
    uint64_t box_version; /* the box's text version the query is for (the on-screen
                           * keyboard types without the box's CHANGE) */
    ui_rect rect;         /* where it was drawn in the last frame (h 0: closed) */
};

struct findbar_actions {
    int jump;          /* move the current hit: 1 down, -1 up (0: no) */
    bool close;        /* ✕ or Escape */
    bool restart;      /* the query or a filter changed: search again */
    bool restart_rows; /* a filter changed: the filtered rows too */
};

void findbar_init(struct findbar *b);
void findbar_free(struct findbar *b);

/* The bar's height in a window width wide: one row, or two when the
 * filters do not fit beside the query. */
int findbar_height(struct ui *ui, int width);

/* Draws the bar at bar; messages: the messages the list holds (for the
 * count while searching). */
void findbar_frame(struct findbar *b, struct find *f, struct ui *ui, const struct theme *t, ui_rect bar,
                   size_t messages, struct findbar_actions *actions);

#endif
