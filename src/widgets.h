/* SPDX-License-Identifier: MIT */
/* widgets: buttons, the status bar, the scroll bar, kinetic scrolling and
 * fitting text, on top of the ui core; with theme.h, wrap.h, textbox.h and
 * bubble.h (included here) the whole widget set. No SDL. */
#ifndef PONTE_WIDGETS_H
#define PONTE_WIDGETS_H

#include "bubble.h"
#include "textbox.h"
#include "theme.h"
#include "ui.h"
#include "wrap.h"

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

/* Word wrapping (wrap.h) measured with the ui's fonts. */
struct widget_measure {
    struct ui *ui;
    enum ui_font font;
};
struct wrap_measure widget_measure(struct widget_measure *m);
bool widget_wrap(struct ui *ui, enum ui_font font, const char *text, size_t len, int width,
                 size_t max_lines, struct wrap *out);

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

/* A tag: a short text on a rounded rectangle (a warning, a notice, a
 * tooltip, the "new messages" pill). Sizes in layout units. */
struct widget_tag_style {
    enum ui_font font;
    int pad_x;  /* at either side of the text */
    int pad_y;  /* above and below it (the whole: ui_px(2 * pad_y)) */
    int height; /* a fixed height instead (0: the text's and pad_y) */
    int radius; /* the corners' (< 0: round ends, half the height) */
};
/* A warning under a field: why its text cannot be used. */
extern const struct widget_tag_style widget_tag_warning;
/* The tag's size for text, at (0, 0): the owner places it. */
ui_rect widget_tag_size(struct ui *ui, const struct widget_tag_style *s, const char *text);
/* Draws it at r, its text cut to max_w pixels ("…"; <= 0: never cut). */
void widget_tag(struct ui *ui, const struct widget_tag_style *s, const char *text, ui_rect r, ui_color bg,
                ui_color fg, int max_w);

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
/* True when the reason or the URL did not fit whole (the view then shows
 * all of it in a tip while the pointer or a finger is on the bar). */
bool widget_status_bar(struct ui *ui, const struct theme *t, ui_rect r, const struct status_line *s);

#endif
