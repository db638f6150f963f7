/* SPDX-License-Identifier: MIT */
/* widgets: buttons, the text box, message bubbles, the status bar and the
 * scroll bar, on top of the ui core. No SDL. */
#ifndef PONTE_WIDGETS_H
#define PONTE_WIDGETS_H

#include "json.h"
#include "textedit.h"
#include "ui.h"

/* Colours. Every text colour is chosen against the background it is drawn
 * on to reach WCAG AA (4.5:1); tests/test_ui.c checks the ratios. */
struct theme {
    ui_color window_bg;      /* the conversation area */
    ui_color bar_bg;         /* status bar and input row */
    ui_color bar_border;
    ui_color text;           /* on bar_bg */
    ui_color text_muted;     /* on bar_bg and window_bg */
    ui_color dot_connecting;
    ui_color dot_connected;
    ui_color dot_disconnected;
    ui_color sent_bg, sent_text, sent_label;
    ui_color received_bg, received_text, received_label;
    ui_color failed_bg, failed_border, failed_text, failed_label;
    ui_color system_text;    /* on window_bg */
    ui_color primary_bg, primary_hover, primary_text;
    ui_color danger_text, connect_bg, connect_hover, connect_text;
    ui_color secondary_bg, secondary_hover, secondary_border;
    ui_color disabled_bg, disabled_text;
    ui_color input_bg, input_border, input_focus, input_text, placeholder, selection, caret;
    ui_color scroll_thumb, scroll_thumb_hover;
    ui_color focus_ring;
    /* JSON syntax colours (enum json_kind order) on received / sent bubbles. */
    ui_color json_received[5], json_sent[5];
    ui_color match_bg, match_current_bg, match_text; /* search hits, drawn with match_text */
    ui_color pill_bg, pill_text;                     /* "↓ N new messages" */
    ui_color tooltip_bg, tooltip_text;
    ui_color tag_bg, tag_text;                       /* a warning in the status bar ("insecure") */
    const char *name;                                /* "light", "dark" */
};

extern const struct theme theme_light, theme_dark;

/* WCAG 2 contrast ratio of two opaque colours (1..21). */
double theme_contrast(ui_color a, ui_color b);

enum button_kind {
    BUTTON_PRIMARY,   /* filled blue: Send */
    BUTTON_DANGER,    /* outlined, red text: Close connection */
    BUTTON_CONNECT,   /* filled green: Connect */
    BUTTON_SECONDARY, /* outlined, plain text: small toggles */
};

/* A button; returns UI_RESULT_CLICK when clicked, or when it has the focus
 * and Enter or Space is pressed. */
int widget_button(struct ui *ui, const struct theme *t, const char *label, ui_rect r,
                  enum button_kind kind, bool enabled);

/* Width a button needs for label. */
int widget_button_width(struct ui *ui, const char *label);

/* Word wrapping: splits text (no control characters except '\n') into lines
 * no wider than width; a word wider than a line breaks between code points.
 * Stops after max_lines lines (0: no limit), leaving wrap.rest bytes out.
 * Each line costs O(width) to measure, however long the words are. */
struct wrap_line {
    uint32_t start, len; /* bytes into the text */
    int width;           /* measured */
};
struct wrap {
    struct wrap_line *lines;
    size_t count, cap;
    int max_width; /* widest line */
    size_t rest;   /* bytes after the last line, when max_lines cut the text */
};
bool widget_wrap(struct ui *ui, enum ui_font font, const char *text, size_t len, int width,
                 size_t max_lines, struct wrap *out);
void wrap_free(struct wrap *w);

/* The text box (textbox.c). One line that scrolls sideways (the find bar),
 * or, with multiline, wrapped lines that grow the box up to max_lines and
 * then scroll: Enter submits, Shift+Enter breaks the line, Up and Down move
 * between lines (and are left for the owner on the first / last line, for
 * the history). Long texts are laid out only in a window of bytes around
 * the caret, so a frame never measures a whole paste. */
struct widget_textbox {
    struct textedit edit;
    bool multiline;
    int max_lines;      /* multiline: lines shown before it scrolls (0: 6) */
    uint32_t id;        /* set by widget_textbox */
    bool submit_shift;  /* the last UI_RESULT_SUBMIT came with Shift held */
    /* One line: the window of text laid out and how far it is scrolled. */
    size_t window_start;
    int scroll_x;       /* pixels of the window's text hidden on the left */
    int caret_x;        /* where the caret was drawn, from the text's left edge */
    /* Multiline: the wrapped window text[wrap_start, wrap_end) and what it was made for. */
    struct wrap wrap;
    size_t wrap_start, wrap_end;
    uint64_t wrap_version;
    int wrap_width;
    float wrap_scale;
    bool wrap_valid;
    int scroll_y;       /* pixels of wrapped lines hidden above */
    int goal_x;         /* Up/Down keep to this x; < 0: take the caret's */
    /* Set by the owner each frame: text[mark_start, mark_end) is wrong and
     * underlined in red (mark_start == mark_end < SIZE_MAX: a spot, in a
     * multiline box). */
    size_t mark_start, mark_end;
    int reserve_right; /* pixels at the right kept free of text (for a button there) */
};

void widget_textbox_free(struct widget_textbox *tb); /* the layout, not the edit */

/* The ui id a text box uses (to give it the focus before it is drawn). */
uint32_t widget_textbox_id(struct ui *ui, const struct widget_textbox *tb);

/* The height a multiline box of this width wants (one line's for others). */
int widget_textbox_height(struct ui *ui, struct widget_textbox *tb, int width);

/* Draws the text box at r and applies the keys and mouse. Returns
 * UI_RESULT_SUBMIT on Enter, UI_RESULT_CHANGE when the text changed. Keys
 * it does not use stay in the input for others. */
int widget_textbox(struct ui *ui, const struct theme *t, struct widget_textbox *tb, ui_rect r,
                   const char *placeholder);

/* A vertical scroll bar for content_h pixels shown in view_h. Handles
 * dragging the thumb and clicks on the track; returns UI_RESULT_CHANGE when
 * *scroll changed. */
int widget_scrollbar(struct ui *ui, const struct theme *t, uint32_t id, ui_rect track,
                     int64_t content_h, int view_h, int64_t *scroll);

/* Kinetic scrolling: after a flick the content keeps going at the finger's
 * speed and slows down as if by friction, the speed halving every
 * WIDGET_FLING_HALF_LIFE_MS, so a flick at v pixels per millisecond travels
 * about v * WIDGET_FLING_HALF_LIFE_MS / ln 2 pixels. Driven by ui->now_ms,
 * so the distance does not depend on the frame rate. The owner asks for
 * frames while widget_fling_moving. */
#define WIDGET_FLING_HALF_LIFE_MS 200.0f
#define WIDGET_FLING_MIN 0.15f  /* layout units per ms: slower flicks do not fling */
#define WIDGET_FLING_MAX 8.0f   /* layout units per ms: the fastest fling */
#define WIDGET_FLING_STOP 0.02f /* layout units per ms: slower than this, it stops */
struct widget_fling {
    float velocity;   /* pixels per ms, positive toward the end; 0: still */
    float rest;       /* the fraction of a pixel not scrolled yet */
    uint64_t last_ms; /* the time of the last step */
};
void widget_fling_start(struct widget_fling *f, const struct ui *ui, float velocity);
void widget_fling_stop(struct widget_fling *f);
bool widget_fling_moving(const struct widget_fling *f);
/* The whole pixels to scroll by this frame (positive: toward the end). */
int widget_fling_step(struct widget_fling *f, const struct ui *ui);

/* The longest prefix of text[0..len), cut at a code point boundary, that
 * fits in max_width together with a trailing "…" (when it had to be cut).
 * Returns the prefix length; *ellipsis tells whether to draw the "…". */
size_t widget_fit_text(struct ui *ui, enum ui_font font, const char *text, size_t len,
                       int max_width, bool *ellipsis);
/* Draws text cut to max_width with a trailing "…" when it does not fit;
 * returns the width drawn. */
int widget_text_fit(struct ui *ui, enum ui_font font, const char *text, size_t len, int x, int y,
                    int max_width, ui_color color);

/* The status bar: a coloured dot, the state word, the URL and the reason. */
struct status_line {
    ui_color dot;
    const char *state;
    const char *url;
    const char *reason; /* may be NULL */
    bool reason_muted;  /* reason is details (connected), not a problem */
    const char *tag;    /* a red tag after the state ("insecure"), or NULL */
    int right_reserved; /* pixels at the right kept free (for buttons drawn there) */
};
void widget_status_bar(struct ui *ui, const struct theme *t, ui_rect r, const struct status_line *s);

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
