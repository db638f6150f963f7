/* SPDX-License-Identifier: MIT */
/* layout: see layout.h. */
#include "layout.h"

struct layout_row layout_row(ui_rect r, int gap)
{
    return (struct layout_row){r, gap};
}

ui_rect layout_left(struct layout_row *row, int w)
{
    ui_rect r = {row->rest.x, row->rest.y, w, row->rest.h};
    row->rest.x += w + row->gap;
    row->rest.w -= w + row->gap;
    return r;
}

ui_rect layout_right(struct layout_row *row, int w)
{
    ui_rect r = {row->rest.x + row->rest.w - w, row->rest.y, w, row->rest.h};
    row->rest.w -= w + row->gap;
    return r;
}

ui_rect layout_rest(const struct layout_row *row)
{
    return row->rest;
}

ui_rect layout_middle(ui_rect r, int h)
{
    return (ui_rect){r.x, r.y + (r.h - h) / 2, r.w, h};
}

struct layout_row layout_bar(const struct ui *ui, const struct metrics *m, ui_rect bar, int row_h)
{
    int pad = ui_px(ui, m->pad);
    ui_rect row = {bar.x + pad, bar.y, bar.w - 2 * pad, row_h ? row_h : bar.h};
    return layout_row(layout_middle(row, ui_px(ui, m->control_h)), ui_px(ui, m->gap));
}
