/* SPDX-License-Identifier: MIT */
/* listrange: the list's side of a range of messages (msgrange.h), for
 * exporting them: a click on a bubble is where a range can start, a
 * Shift+click on another selects the messages between, Shift+Up and
 * Shift+Down from a focused bubble stretch it a row at a time, a finger's
 * long press selects a message and a long press on another the ones
 * between; Escape or a plain click ends it. Selected rows are drawn on a
 * band in the selection colour with an accent at the left, and a note
 * says how many there are. list.c calls these; the range lives in
 * struct list. */
#ifndef PONTE_LISTRANGE_H
#define PONTE_LISTRANGE_H

#include <stdbool.h>
#include <stdint.h>

#include "chat.h"
#include "find.h"
#include "msgrange.h"
#include "widgets.h"

#define LISTRANGE_LONG_PRESS_MS 500

struct listrange {
    struct msgrange range;
    uint64_t origin;    /* the bubble pressed last without Shift: where a Shift+click starts from */
    uint64_t press_ms;  /* when the finger now down went down (0: none) */
    int press_y;        /* a long press's place, to be matched with a row (-1: none) */
    char note[64];      /* "3 selected", the list's toast while it shows */
};

void listrange_init(struct listrange *lr);

/* A press on the list (before the rows): without Shift the range ends. */
void listrange_list_press(struct listrange *lr, struct ui *ui);
/* A press on a message's bubble: Shift extends the range to it (true: it
 * changed), else it is where the next one starts. */
bool listrange_bubble_press(struct listrange *lr, struct ui *ui, uint64_t id);
/* A finger held still on the list: after LISTRANGE_LONG_PRESS_MS it is a
 * long press (never a tap then); frames are asked for until it is. */
void listrange_touch(struct listrange *lr, struct ui *ui);
/* Each row drawn (r: its whole width): its band when selected, and a long
 * press on it taken. True when the range changed. */
bool listrange_row(struct listrange *lr, struct ui *ui, const struct theme *t, uint64_t id, ui_rect r);
/* Shift+Up / Shift+Down from the focused message (focused: its id), and
 * Escape while there is a range. True when the range changed. */
bool listrange_keys(struct listrange *lr, struct ui *ui, const struct chat *chat, const struct find *filter,
                    uint64_t focused);
/* The note for a changed range ("3 selected"), or NULL when there is none. */
const char *listrange_note(struct listrange *lr, const struct chat *chat, const struct find *filter);

#endif
