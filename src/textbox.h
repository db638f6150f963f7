/* SPDX-License-Identifier: MIT */
/* textbox: the text box widget, over the pure editing model (textedit). */
#ifndef PONTE_TEXTBOX_H
#define PONTE_TEXTBOX_H

#include "textedit.h"
#include "theme.h"
#include "ui.h"
#include "wrap.h"

/* The text box. One line that scrolls sideways (the find bar),
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

/* An empty box with its editing model (one line, or multiline), nothing
 * marked, Up/Down with no goal yet. */
void widget_textbox_init(struct widget_textbox *tb, bool multiline);
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

#endif
