/* SPDX-License-Identifier: MIT */
/* keyboard: the on-screen keyboard, for kiosks with touch. It opens when a
 * text box is pressed (the view says which), slides up under the input row
 * and types into that box: letters by language (the accents first), symbols,
 * Shift, space, backspace, Enter (Send in the message box) and hide. */
#ifndef PONTE_KEYBOARD_H
#define PONTE_KEYBOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "widgets.h"

struct keyboard {
    bool open, shift, symbols;
    struct widget_textbox *target; /* the text box it types into (NULL: the message box) */
    uint64_t opened_ms;            /* for its slide */
    ui_rect rect;                  /* where it was drawn in the last frame (h 0: not) */
};

struct keyboard_actions {
    bool send;  /* Send, typed in the message box */
    bool typed; /* the target's text changed */
};

/* Opens it (sliding) for target (NULL: the message box). */
void keyboard_open(struct keyboard *k, struct ui *ui, struct widget_textbox *target);

/* A key's height and the whole keyboard's in a window window_h high; its
 * height as it slides up (0 when closed; asks for frames while sliding). */
int keyboard_key_height(const struct ui *ui, int window_h);
int keyboard_height(const struct ui *ui, int window_h);
int keyboard_shown_height(const struct keyboard *k, struct ui *ui, int window_h);

/* Draws the keys in r (key_h each row) and types into the target, or into
 * message_box; has_text: the message box has something to send. */
void keyboard_frame(struct keyboard *k, struct ui *ui, const struct theme *t, ui_rect r, int key_h,
                    struct widget_textbox *message_box, bool has_text, struct keyboard_actions *actions);

#endif
