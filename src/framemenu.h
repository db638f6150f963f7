/* SPDX-License-Identifier: MIT */
/* framemenu: the frame menu, a strip that opens above the message box
 * (its Frames button) for testing a server with frames a chat never sends:
 *   - Ping and Pong, with the message box's text as the payload;
 *   - the message box's text in N fragments;
 *   - the message box's text as a text frame that is not UTF-8;
 *   - Close with a code and a reason.
 * It holds the fields each needs (fragments, close code, reason), checks
 * them with frames.c as they are typed (a code RFC 6455 forbids is
 * underlined, and named when asked for), and reports what the person asked
 * for as actions; the app builds the frame from the message box's payload
 * (frames_build) and says with framemenu_refused when that refuses it.
 * While not connected its buttons are off and it says why. Keys: Tab moves
 * through it, Enter in a field does its button, Escape closes it. */
#ifndef PONTE_FRAMEMENU_H
#define PONTE_FRAMEMENU_H

#include <stdbool.h>
#include <stddef.h>

#include "frames.h"
#include "ui.h"
#include "widgets.h"

struct framemenu {
    bool open;
    struct widget_textbox count;  /* the fragments (2 to 1000) */
    struct widget_textbox code;   /* the close code */
    struct widget_textbox reason; /* the close reason */
    enum frames_error refused;    /* why the last frame asked for was refused (FRAMES_OK: none) */
    char note[300];               /* its words, as shown */
    /* Where things were drawn in the last frame, for tests. */
    ui_rect rect, close_rect, ping_rect, pong_rect, count_rect, fragments_rect, invalid_rect, code_rect,
        reason_rect, close_with_rect, note_rect;
};

struct framemenu_actions {
    enum frames_kind send;  /* FRAMES_NONE: nothing */
    unsigned fragments;     /* FRAMES_FRAGMENTS */
    int code;               /* FRAMES_CLOSE */
    const char *reason;     /* FRAMES_CLOSE: the reason field's text (until the next frame) */
    size_t reason_len;
    bool closed;            /* the menu closed: the focus goes back to the message box */
};

void framemenu_init(struct framemenu *m);
void framemenu_free(struct framemenu *m);

/* Opens or closes it. */
void framemenu_toggle(struct framemenu *m, struct ui *ui);

/* The Frames button, small, inside the message box beside its mode: it
 * costs the text a little width, not the input row (whose labels must fit
 * a narrow window). Toggles the menu; coloured while it is open. */
int framemenu_button_width(struct ui *ui);
void framemenu_button(struct framemenu *m, struct ui *ui, const struct theme *t, ui_rect r);

/* Its height in a width (0 when closed): the rows its controls wrap into,
 * and its note's. */
int framemenu_height(struct framemenu *m, struct ui *ui, int width);

/* Draws it at r. connected: frames can go now (else the buttons are off). */
void framemenu_frame(struct framemenu *m, struct ui *ui, const struct theme *t, ui_rect r, bool connected,
                     struct framemenu_actions *a);

/* The app refused the frame asked for (its payload did not fit the rules):
 * the menu shows why until the next action. FRAMES_OK clears it. */
void framemenu_refused(struct framemenu *m, enum frames_error why);

#endif
