/* SPDX-License-Identifier: MIT */
/* replaybar: the replay bar under the status bar while a recording is
 * replayed (--replay, --demo with a recording): Pause / Resume (Again once
 * it has finished), "Replay · 3 of 5", the recorded time and the total,
 * what it waits for, the speeds (0.5×, 1×, 2×, 4×, max; one button that
 * steps through them when the row is narrow) and a thin line of progress
 * along its bottom. It reads the app's player and reports the buttons as
 * actions; the app carries them out. */
#ifndef PONTE_REPLAYBAR_H
#define PONTE_REPLAYBAR_H

#include <stdbool.h>

#include "player.h"
#include "widgets.h"

struct replaybar {
    const struct player *player; /* the app's; NULL: no bar */
    /* Where things were drawn in the last frame (h 0: not shown), for
     * tests and the end-to-end drivers. */
    ui_rect rect, toggle_rect;
    ui_rect speed_rect[PLAYER_SPEEDS]; /* the chips (all h 0 when one button steps through them) */
};

struct replaybar_actions {
    bool toggle; /* Pause or Resume */
    bool again;  /* start over (shown once it has finished) */
    int speed;   /* 1 + an index into player_speeds (0: none) */
};

/* The bar's height, in pixels. */
int replaybar_height(struct ui *ui);

/* Draws the bar at bar (the player's time is the ui's now). */
void replaybar_frame(struct replaybar *b, struct ui *ui, const struct theme *t, ui_rect bar,
                     struct replaybar_actions *actions);

#endif
