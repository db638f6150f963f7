/* SPDX-License-Identifier: MIT */
/* openbar: see openbar.h. */
#include "openbar.h"

#include <string.h>

#include "i18n.h"
#include "layout.h"

#define OPEN_ROW_H 44 /* a row of the bar, in layout units */

void openbar_init(struct openbar *b)
{
    memset(b, 0, sizeof *b);
    widget_textbox_init(&b->path, false);
}

void openbar_free(struct openbar *b)
{
    textedit_free(&b->path.edit);
    widget_textbox_free(&b->path);
}

void openbar_show(struct openbar *b, struct ui *ui)
{
    b->open = true;
    if (!b->path.edit.len && b->offers[0])
        textedit_set(&b->path.edit, b->offers[0], strlen(b->offers[0]));
    ui_set_focus(ui, widget_textbox_id(ui, &b->path));
    textedit_select_all(&b->path.edit);
    ui_request_frame(ui, 1);
}

const char *openbar_file_name(const char *path)
{
    const char *slash = strrchr(path, '/'), *back = strrchr(path, '\\');
    if (back && (!slash || back > slash))
        slash = back;
    return slash ? slash + 1 : path;
}

static int offer_count(const struct openbar *b)
{
    int n = 0;
    while (n < OPENBAR_OFFERS && b->offers[n])
        n++;
    return n;
}

/* Rows: the field; the offers when there are any; the error when there is one. */
int openbar_height(const struct openbar *b, struct ui *ui, int width)
{
    (void)width;
    if (!b->open)
        return 0;
    int rows = 1 + (offer_count(b) > 0) + (b->error[0] != '\0');
    return ui_px(ui, OPEN_ROW_H) * rows;
}

/* The offers, one button each, as many as fit the row. */
static void offers_row(struct openbar *b, struct ui *ui, const struct theme *t, ui_rect r, struct openbar_actions *a)
{
    struct layout_row row = layout_bar(ui, &metrics_find, r, 0);
    for (int i = 0; i < offer_count(b); i++) {
        const char *name = openbar_file_name(b->offers[i]);
        int w = widget_button_width(ui, name);
        if (w > layout_rest(&row).w)
            break;
        ui_push_id(ui, (uint32_t)i + 1);
        if (widget_button(ui, t, name, layout_left(&row, w), BUTTON_SECONDARY, true) & UI_RESULT_CLICK) {
            textedit_set(&b->path.edit, b->offers[i], strlen(b->offers[i]));
            a->open_path = b->offers[i];
        }
        ui_pop_id(ui);
    }
}

void openbar_frame(struct openbar *b, struct ui *ui, const struct theme *t, ui_rect bar, struct openbar_actions *a)
{
    memset(a, 0, sizeof *a);
    b->rect = bar;
    if (b->focus) { /* (the path again, all of it selected, to be put right) */
        b->focus = false;
        ui_set_focus(ui, widget_textbox_id(ui, &b->path));
        textedit_select_all(&b->path.edit);
    }
    ui_draw_rect(ui, bar, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){bar.x, bar.y + bar.h - ui_px(ui, 1), bar.w, ui_px(ui, 1)}, t->bar_border, 0);
    int row_h = ui_px(ui, OPEN_ROW_H), h = ui_px(ui, metrics_find.control_h);
    struct layout_row row = layout_bar(ui, &metrics_find, (ui_rect){bar.x, bar.y, bar.w, row_h}, 0);
    if (widget_button(ui, t, "\xE2\x9C\x95", layout_right(&row, h), BUTTON_SECONDARY, true) & UI_RESULT_CLICK) {
        a->close = true;
        return;
    }
    const char *open = tr(I18N_OPEN_BAR_OPEN), *title = tr(I18N_OPEN_BAR_TITLE);
    bool has_path = b->path.edit.len > 0;
    ui_rect open_r = layout_right(&row, widget_button_width(ui, open));
    int title_w = ui_text_width(ui, UI_FONT_LABEL, title, strlen(title));
    if (title_w < layout_rest(&row).w / 3) {
        ui_rect r = layout_middle(layout_left(&row, title_w), ui_text_height(ui, UI_FONT_LABEL));
        ui_draw_text(ui, UI_FONT_LABEL, title, strlen(title), r.x, r.y, t->text);
    }
    int result = widget_textbox(ui, t, &b->path, layout_rest(&row), tr(I18N_OPEN_BAR_PLACEHOLDER));
    if (result & UI_RESULT_CHANGE)
        b->error[0] = '\0';
    if (((widget_button(ui, t, open, open_r, BUTTON_PRIMARY, has_path) & UI_RESULT_CLICK) ||
         (result & UI_RESULT_SUBMIT)) && has_path)
        a->open_path = b->path.edit.text;
    int y = bar.y + row_h;
    if (offer_count(b)) {
        offers_row(b, ui, t, (ui_rect){bar.x, y, bar.w, row_h}, a);
        y += row_h;
    }
    if (b->error[0]) {
        int pad = ui_px(ui, metrics_find.pad), text_h = ui_text_height(ui, UI_FONT_SMALL);
        widget_text_fit(ui, UI_FONT_SMALL, b->error, strlen(b->error), bar.x + pad, y + (row_h - text_h) / 2,
                        bar.w - 2 * pad, t->danger_text);
    }
    if (ui_take_key(ui, UI_KEY_ESCAPE, 0))
        a->close = true;
}
