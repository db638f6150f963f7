/* SPDX-License-Identifier: MIT */
/* bubble: a message's bubble: its header (label, time, a link), its
 * wrapped text with JSON colours, search hits and the selection, and a note
 * under it. Sizes itself; reports the mouse on it. */
#ifndef PONTE_BUBBLE_H
#define PONTE_BUBBLE_H

#include "json.h"
#include "theme.h"
#include "ui.h"
#include "wrap.h"

/* A message bubble. */
enum bubble_kind {
    BUBBLE_SENT,
    BUBBLE_RECEIVED,
    BUBBLE_FAILED, /* sent side, not sent: clickable to recall */
};

struct bubble {
    enum bubble_kind kind;
    const char *label;   /* "Sent", "Received", "Not sent" */
    const char *time;    /* "HH:MM:SS" */
    const char *after_time; /* more of the header ("↩ 0.21 ms"), or NULL */
    const char *toggle;  /* a link at the right of the header ("Raw", "JSON"), or NULL */
    const char *note;    /* a small line under the text, or NULL */
    const char *note_link; /* a link after the note ("Show all"), or NULL */
    const char *text;    /* display text the wrap refers to */
    const struct wrap *wrap;
    enum ui_font font;   /* of the text (UI_FONT_BODY, or UI_FONT_MONO for JSON and hex) */
    const struct json_span *spans; /* JSON syntax colours (sorted; kind indexes the theme's) */
    size_t span_count;
    /* Selected bytes of text (sel_start == sel_end: none). */
    size_t sel_start, sel_end;
    /* Search hits: starts into text (sorted), each match_len bytes; the
     * one at index current is the current hit (or none: SIZE_MAX). */
    const uint32_t *matches;
    size_t match_count, match_len, current;
    bool focused;
};

/* What happened to a bubble this frame. */
struct bubble_input {
    int result;        /* UI_RESULT_CLICK (a failed bubble clicked without a drag), _PRESS, _HOVER */
    bool text_hit;     /* offset is where the mouse is in the text (for selecting) */
    size_t offset;
    bool toggle_clicked, note_link_clicked;
    bool right_click;  /* the right button went down on it */
    bool time_hover;
    ui_rect time_rect;
};

/* In layout units (see ui_px). */
#define BUBBLE_PAD_X 12
#define BUBBLE_PAD_Y 8
#define BUBBLE_RADIUS 12

/* Outer size of a bubble for its wrapped text. */
void widget_bubble_size(struct ui *ui, const struct bubble *b, int *w, int *h);
/* Draws it at r and reports the mouse on it. */
void widget_bubble(struct ui *ui, const struct theme *t, uint32_t id, ui_rect r, const struct bubble *b,
                   struct bubble_input *in);

#endif
