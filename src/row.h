/* SPDX-License-Identifier: MIT */
/* row: one message's row in the list: its layout (the text as shown,
 * wrapped, and the bubble's size, or an event's line), the bubble's words
 * (label, time, notes and links), and a cheap guess of its height for the
 * rows not laid out yet. */
#ifndef PONTE_ROW_H
#define PONTE_ROW_H

#include <stdbool.h>
#include <stdint.h>

#include "chat.h"
#include "widgets.h"

/* In layout units: the rows' padding at the list's sides, the gap after a
 * row, and the scroll bar's width at the list's right. */
#define ROW_PAD_X 16
#define ROW_GAP 8
#define ROW_SCROLLBAR_W 10

/* How the person chose to see a message (the list's marks). */
enum {
    LIST_MARK_EXPANDED = 1 << 0, /* the same bits as DISPLAY_WHOLE and DISPLAY_RAW */
    LIST_MARK_RAW = 1 << 1,
};

struct row_layout {
    size_t row;
    size_t message; /* its index in the chat (rows and messages differ when filtered) */
    int height; /* including the gap after it */
    int bubble_w, bubble_h;
    struct wrap wrap;
    char *display; /* the text as drawn, when it differs from the message's */
    size_t display_len;
    struct json_span *spans; /* when display is pretty JSON */
    size_t span_count;
    bool json;                /* the message is JSON (shown pretty or, marked, raw) */
    uint8_t format;           /* binary and MessagePack or CBOR (enum binview_format): raw is hex */
    enum ui_font font;        /* monospace for pretty JSON and hex dumps */
    uint32_t *matches;        /* search hits in the display text */
    size_t match_count;
    uint64_t match_version;   /* the find version they are for (0: none yet) */
    size_t hidden;  /* bytes of the message the bubble leaves out (line limit) */
    uint8_t key; /* the message state and recall flag this layout was made for */
};

/* Lays out message m (shown as marks say) for a list list_w wide. */
void row_build(struct ui *ui, const struct chat *chat, const struct chat_message *m, uint8_t marks,
               struct row_layout *l, int list_w);
void row_clear(struct row_layout *l);
/* What a layout depends on besides the text and the width: when it
 * changes, the row is laid out again. */
uint8_t row_key(uint8_t marks, const struct chat_message *m);

/* The bubble for a laid-out message; time and more hold its texts. */
void row_bubble(const struct chat *chat, const struct chat_message *m, uint8_t marks, const struct row_layout *l,
                char time[64], char more[64], struct bubble *b);

/* The width the rows take in a list list_w wide (the rest: the scroll bar). */
int row_content_width(const struct ui *ui, int list_w);

/* What guessing heights needs, worked out once for many rows. */
struct row_guess {
    int event_h, line_h, chrome, note_h, gap;
    size_t per_line; /* characters of running text on a line, about */
};
void row_guess_setup(struct row_guess *g, const struct ui *ui, int list_w);
/* A row's height before it is laid out: exact for event lines, a guess
 * for bubbles from the text's length and, with lines, its line breaks.
 * Cheap: no measuring; without lines, no reading of the text at all (for
 * guessing a million rows again when the width changes). */
int row_guess(const struct row_guess *g, const struct chat_message *m, bool lines_too);

#endif
