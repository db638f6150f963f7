/* SPDX-License-Identifier: MIT */
/* list: the conversation, one row per message (or per message the find
 * filters show): bubbles for sent and received messages, a line for each
 * event. Keeps what a list has to remember: where it is scrolled to, the
 * layouts of the rows near the screen, the selected text, how the person
 * chose to see a message (whole, raw), and the find state (find.h) that
 * filters and highlights it.
 *
 * The list is virtual: every message has a height in a vlist (a guess until
 * it is laid out), and only the rows on screen are laid out and drawn, so a
 * frame costs the same with ten messages or a million. The scroll position
 * is a row and an offset into it, so rows above that change height (laid
 * out for the first time) do not move what is on screen. */
#ifndef PONTE_LIST_H
#define PONTE_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "chat.h"
#include "find.h"
#include "listrange.h"
#include "vlist.h"
#include "widgets.h"

struct row_layout;

struct list_mark {
    uint64_t id;
    uint8_t flags;
};

struct list_stats {
    uint64_t layouts_built; /* rows laid out since the start */
    uint64_t rows_drawn;    /* in the last frame */
};

struct list {
    /* Rows: one per message. */
    struct vlist rows;
    size_t messages_synced; /* messages the rows reflect */
    uint64_t chat_clears;   /* chat->clears the rows reflect */
    int layout_width;       /* the list width the heights are for */
    float layout_scale;     /* and the scale */
    int layout_connection;  /* and the connection state */

    /* Scrolling. */
    bool follow;           /* keep the newest row in view */
    size_t anchor_row;     /* the row at the top of the list... */
    int anchor_offset;     /* ...and how far into it (negative: the padding above row 0) */
    float scroll_pending;  /* pixels still to scroll smoothly (positive: down) */
    struct widget_fling fling; /* a finger's flick still carrying the list */
    size_t seen_rows;      /* rows the person has seen at the bottom: the rest are "new" */
    int pad_top, pad_bottom; /* pixels around the rows, from the last frame */

    /* Layouts of the rows near the screen: a ring over consecutive rows. */
    struct row_layout *window;
    size_t window_cap, window_head, window_count, window_first;

    /* Text selected in one bubble, in its display bytes. */
    uint64_t sel_id;        /* the message (0: none) */
    size_t sel_anchor, sel_caret;
    uint64_t focused_id;    /* the message whose bubble has the focus (0: none) */
    uint32_t focused_bubble; /* that bubble's ui id, also once it is scrolled away */

    /* The few messages the person changed how they look: shown whole
     * (LIST_MARK_EXPANDED) or raw instead of pretty (LIST_MARK_RAW, row.h). */
    struct list_mark *marks;
    size_t mark_count, mark_cap;

    struct find find; /* what Ctrl+F finds, and the filters */
    struct listrange range; /* messages selected as a range (for exporting them) */

    /* A short note at the bottom of the list ("Copied"), until toast_until. */
    const char *toast;
    uint64_t toast_until;
    /* The hovered time stamp's full date, drawn over everything. */
    char tooltip[64];
    ui_rect tooltip_anchor;

    /* Where things were drawn in the last frame. */
    ui_rect rect, pill_rect;         /* the list, and "↓ N new messages" (w 0: none) */
    size_t first_drawn, drawn_count; /* rows on screen */
    struct list_stats stats;
};

struct list_actions {
    uint64_t recall_id; /* put this message's text into the message box (0: none) */
};

void list_init(struct list *ls);
void list_free(struct list *ls);

/* Draws the rows in r, after moving the current hit (jump: 1 down, -1 up).
 * home is the text box the focus goes to from a bubble (the message box). */
void list_frame(struct list *ls, struct ui *ui, const struct theme *t, const struct chat *chat, ui_rect r,
                int jump, uint32_t home, struct list_actions *actions);

/* Keys for a focused bubble (Ctrl+C, Ctrl+A, Escape), before the text box
 * draws: typing goes to home. */
void list_bubble_keys(struct list *ls, struct ui *ui, const struct chat *chat, uint32_t home);

/* The query or a filter changed: search again (see find_restart); the list
 * starts over at the bottom when its rows changed. */
void list_restart_find(struct list *ls, bool rows_too);

/* The conversation was cleared: no selection, no marks. */
void list_forget(struct list *ls);

/* Scrolling as the keys do. */
void list_scroll_to_top(struct list *ls);
void list_scroll_to_bottom(struct list *ls);

/* The scroll position in pixels from the top of the content, and the
 * content's height (guessed for rows not laid out yet). */
int64_t list_scroll_position(const struct list *ls);
int64_t list_content_height(const struct list *ls);

/* The width the rows take in a list list_w wide (the rest: the scroll bar). */
int list_content_width(const struct ui *ui, int list_w);

#endif
