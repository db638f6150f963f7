/* SPDX-License-Identifier: MIT */
/* layout: a row cursor that hands out rectangles along a row of controls:
 * from the left, from the right, and what is left in between, each step
 * leaving a gap. So a component says "the button at the right, the field in
 * the rest" instead of adding up pixels. Pure (rectangles only). */
#ifndef PONTE_LAYOUT_H
#define PONTE_LAYOUT_H

#include "theme.h"
#include "ui.h"

struct layout_row {
    ui_rect rest; /* what is not taken yet */
    int gap;      /* pixels left between two rectangles taken */
};

/* A row over r: rectangles as high as r, gap pixels apart. */
struct layout_row layout_row(ui_rect r, int gap);
/* The next w pixels from the left (or from the right), and the gap after
 * them (before them). */
ui_rect layout_left(struct layout_row *row, int w);
ui_rect layout_right(struct layout_row *row, int w);
/* What is left (w may be 0 or less when the row is full). */
ui_rect layout_rest(const struct layout_row *row);

/* A rectangle h high, across r, centred in it from top to bottom. */
ui_rect layout_middle(ui_rect r, int h);

/* The row of a bar's controls: m's padding in from its sides, the
 * controls' height, centred in row_h pixels from the bar's top (row_h 0:
 * the bar's height), m's gap between them. */
struct layout_row layout_bar(const struct ui *ui, const struct metrics *m, ui_rect bar, int row_h);

#endif
