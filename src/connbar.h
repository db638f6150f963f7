/* SPDX-License-Identifier: MIT */
/* connbar: the connection bar at the top of the window: the URL field
 * (following the chat's URL unless the person edits it; what is not a
 * WebSocket URL is underlined with the reason under it), the ▾ that opens
 * the drop-down of recent URLs (Down opens it too; typing filters it; Up,
 * Down and Enter pick; Shift+Delete or × forgets one), and Connect /
 * Disconnect. It reports what the person asked for as actions. */
#ifndef PONTE_CONNBAR_H
#define PONTE_CONNBAR_H

#include <stdbool.h>
#include <stdint.h>

#include "chat.h"
#include "recent.h"
#include "url.h"
#include "widgets.h"

struct connbar {
    struct widget_textbox url;
    char url_taken[URL_TEXT_MAX]; /* the chat's URL when the field last took it */
    bool edited;          /* the person changed the field since */
    enum url_error error; /* why the field's text is not a URL (URL_OK: it is) */
    uint64_t checked;     /* the text version error is for, + 1 */
    bool list_open;       /* the drop-down of recent URLs */
    bool list_filtered;   /* it lists only the URLs holding the field's text */
    int pick;             /* the highlighted row of the drop-down (-1: none) */
    int mouse_x, mouse_y; /* where the mouse was at the last frame of the drop-down */
    char chosen[URL_TEXT_MAX]; /* what actions->connect_url points to */
    /* Where things were drawn in the last frame: the bar, its field, the ▾,
     * the button and the open drop-down. */
    ui_rect bar_rect, url_rect, recent_rect, connect_rect, dropdown_rect;
};

struct connbar_actions {
    bool close;              /* Disconnect */
    bool connect;            /* connect again, to the chat's URL */
    const char *connect_url; /* connect to this URL instead (checked; valid until the next frame) */
    int forget_recent;       /* forget the recent URL at index forget_recent - 1 (0: none) */
};

void connbar_init(struct connbar *c);
void connbar_free(struct connbar *c);

/* Puts the focus in the URL field with its text selected (Alt+D, F6). */
void connbar_focus(struct connbar *c, struct ui *ui);

/* Draws the bar at bar, for the chat and the recent URLs (newest first;
 * may be NULL). home is the text box the focus goes back to (the message
 * box) after connecting, disconnecting or Escape. */
void connbar_frame(struct connbar *c, struct ui *ui, const struct theme *t, const struct chat *chat,
                   const struct recent *recent, ui_rect bar, uint32_t home, struct connbar_actions *actions);

/* The open drop-down, or the field's error, over everything drawn after
 * the bar: called last in the frame. */
void connbar_overlay(struct connbar *c, struct ui *ui, const struct theme *t, const struct chat *chat,
                     const struct recent *recent, uint32_t home, struct connbar_actions *actions);

#endif
