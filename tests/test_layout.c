/* SPDX-License-Identifier: MIT */
/* layout: the row cursor. */
#include "check.h"
#include "layout.h"

static bool same(ui_rect a, ui_rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

int main(void)
{
    /* A bar 400 wide with 12 of padding: a button at the right, a small
     * one at the left, the field in the rest; 8 between them. */
    struct layout_row row = layout_row((ui_rect){12, 10, 376, 40}, 8);
    CHECK(same(layout_right(&row, 100), (ui_rect){288, 10, 100, 40}));
    CHECK(same(layout_left(&row, 40), (ui_rect){12, 10, 40, 40}));
    CHECK(same(layout_right(&row, 30), (ui_rect){250, 10, 30, 40}));
    CHECK(same(layout_rest(&row), (ui_rect){60, 10, 182, 40}));
    /* Taking nothing still leaves the gap; the rest can run out. */
    layout_left(&row, 0);
    CHECK(layout_rest(&row).x == 68 && layout_rest(&row).w == 174);
    layout_right(&row, 200);
    CHECK(layout_rest(&row).w == -34);

    /* Centred from top to bottom (an odd room: the extra pixel below). */
    CHECK(same(layout_middle((ui_rect){0, 100, 50, 45}, 30), (ui_rect){0, 107, 50, 30}));

    /* A bar's row at scale 2: padded, controls centred, the gap scaled. */
    struct ui ui = {.scale = 2.0f};
    const struct metrics m = {.pad = 12, .gap = 8, .control_h = 40};
    row = layout_bar(&ui, &m, (ui_rect){0, 0, 800, 112}, 0);
    CHECK(same(layout_rest(&row), (ui_rect){24, 16, 752, 80}) && row.gap == 16);
    row = layout_bar(&ui, &m, (ui_rect){0, 50, 800, 300}, 88);
    CHECK(same(layout_right(&row, 80), (ui_rect){696, 54, 80, 80}));
    return check_summary("layout");
}
