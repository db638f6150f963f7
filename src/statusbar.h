/* SPDX-License-Identifier: MIT */
/* statusbar: the view's status bar: the connection's state and what it
 * says (the reason, the details, the reconnect countdown, the URL when the
 * field shows another), its Chart, Saved and theme buttons, and the tip
 * under the bar with the whole line when it did not fit. A part of the
 * view (it draws into the view's rects and sets its actions). */
#ifndef PONTE_STATUSBAR_H
#define PONTE_STATUSBAR_H

#include "view.h"

/* Draws the bar in v->status_rect; the theme's button sets
 * actions->theme_changed, Saved and Chart open their panels. */
void statusbar_frame(struct view *v, struct ui *ui, const struct chat *chat, struct view_actions *actions);
/* The tip (v->status_tip) under the bar, within a window width wide. */
void statusbar_tip_frame(struct view *v, struct ui *ui, int width);

#endif
