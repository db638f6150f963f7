/* SPDX-License-Identifier: MIT */
/* findbar: see findbar.h. */
#include "findbar.h"

#include <string.h>

#include "i18n.h"
#include "layout.h"

/* In layout units: a row of the bar, and the bar with its second row. */
#define FIND_ROW_H 44
#define FIND_TWO_ROWS_H 80
#define FIND_COUNT_W 120 /* the count's room, at most */
#define FIND_QUERY_MIN_W 160

void findbar_init(struct findbar *b)
{
    memset(b, 0, sizeof *b);
    widget_textbox_init(&b->box, false);
}

void findbar_free(struct findbar *b)
{
    textedit_free(&b->box.edit);
    widget_textbox_free(&b->box);
}

static const char *filter_label(int i)
{
    static const enum i18n_id ids[4] = {I18N_FIND_ONLY_MATCHES, I18N_FILTER_SENT, I18N_FILTER_RECEIVED,
                                        I18N_FILTER_SYSTEM};
    return tr(ids[i]);
}

/* What both the height and the drawing go by. */
struct sizes {
    int pad, gap, h, row_h, count_w;
    int chip_w[4], chips_w; /* the filters' toggles, each with the gap after it */
};

static void measure(struct ui *ui, struct sizes *s)
{
    s->pad = ui_px(ui, metrics_find.pad);
    s->gap = ui_px(ui, metrics_find.gap);
    s->h = ui_px(ui, metrics_find.control_h);
    s->row_h = ui_px(ui, FIND_ROW_H);
    s->count_w = ui_px(ui, FIND_COUNT_W);
    s->chips_w = 0;
    for (int i = 0; i < 4; i++) {
        s->chip_w[i] = widget_button_width(ui, filter_label(i)) - ui_px(ui, 12);
        s->chips_w += s->chip_w[i] + s->gap;
    }
}

/* Whether the filters need a second row: one row holds ✕, ↑ and ↓, the
 * count, the filters and a query at least FIND_QUERY_MIN_W wide. */
static bool two_rows(struct ui *ui, const struct sizes *s, int width)
{
    int need = 2 * s->pad + s->h + s->gap + 2 * (s->h + s->gap) + s->count_w + ui_px(ui, FIND_QUERY_MIN_W) +
               s->chips_w;
    return need > width;
}

int findbar_height(struct ui *ui, int width)
{
    struct sizes s;
    measure(ui, &s);
    return ui_px(ui, two_rows(ui, &s, width) ? FIND_TWO_ROWS_H : FIND_ROW_H);
}

/* A toggle button: filled when on. */
static bool chip(struct ui *ui, const struct theme *t, const char *label, ui_rect r, bool on)
{
    return (widget_button(ui, t, label, r, on ? BUTTON_PRIMARY : BUTTON_SECONDARY, true) &
            UI_RESULT_CLICK) != 0;
}

static void draw(struct findbar *b, struct find *f, struct ui *ui, const struct theme *t, ui_rect bar,
                 size_t messages, struct findbar_actions *a)
{
    ui_draw_rect(ui, bar, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){bar.x, bar.y + bar.h - ui_px(ui, 1), bar.w, ui_px(ui, 1)}, t->bar_border, 0);
    struct sizes s;
    measure(ui, &s);
    struct layout_row row = layout_bar(ui, &metrics_find, bar, s.row_h);

    /* Close, at the right. */
    const char *close = "\xE2\x9C\x95"; /* ✕ */
    if (widget_button(ui, t, close, layout_right(&row, s.h), BUTTON_SECONDARY, true) & UI_RESULT_CLICK) {
        a->close = true;
        return;
    }

    /* The filters: on the first row when there is room, else on a second. */
    bool *flags[4] = {&f->only_matches, &f->hide_sent, &f->hide_received, &f->hide_system};
    ui_rect chips = two_rows(ui, &s, bar.w)
                        ? (ui_rect){bar.x + s.pad, bar.y + s.row_h - ui_px(ui, 4), s.chips_w, s.h}
                        : layout_right(&row, s.chips_w - s.gap);
    struct layout_row chip_row = layout_row(chips, s.gap);
    bool changed = false;
    for (int i = 0; i < 4; i++) {
        bool on = i == 0 ? *flags[i] : !*flags[i];
        if (chip(ui, t, filter_label(i), layout_left(&chip_row, s.chip_w[i]), on)) {
            *flags[i] = !*flags[i];
            changed = true;
            ui_set_focus(ui, widget_textbox_id(ui, &b->box)); /* keep typing the query */
        }
    }

    /* Previous and next. */
    if (widget_button(ui, t, "\xE2\x86\x93", layout_right(&row, s.h), BUTTON_SECONDARY, f->total > 0) &
        UI_RESULT_CLICK)
        a->jump = 1;
    if (widget_button(ui, t, "\xE2\x86\x91", layout_right(&row, s.h), BUTTON_SECONDARY, f->total > 0) &
        UI_RESULT_CLICK)
        a->jump = -1;

    /* The count. */
    char count[96];
    find_count_text(f, messages, count, sizeof count);
    int cw = ui_text_width(ui, UI_FONT_SMALL, count, strlen(count));
    int count_room = cw < s.count_w ? cw : s.count_w;
    if (count_room) {
        ui_rect r = layout_middle(layout_right(&row, count_room), ui_text_height(ui, UI_FONT_SMALL));
        widget_text_fit(ui, UI_FONT_SMALL, count, strlen(count), r.x, r.y, r.w, t->text_muted);
    }

    /* The query. */
    int result = widget_textbox(ui, t, &b->box, layout_rest(&row), tr(I18N_FIND_PLACEHOLDER));
    bool query_changed = false;
    if ((result & UI_RESULT_CHANGE) || b->box.edit.version != b->box_version) {
        b->box_version = b->box.edit.version;
        find_set_query(f, b->box.edit.text, b->box.edit.len);
        query_changed = true;
    }
    if (result & UI_RESULT_SUBMIT)
        a->jump = b->box.submit_shift ? -1 : 1;
    if (ui_take_key(ui, UI_KEY_ESCAPE, 0)) {
        a->close = true;
        return;
    }
    a->restart = changed || query_changed;
    a->restart_rows = changed;
}

void findbar_frame(struct findbar *b, struct find *f, struct ui *ui, const struct theme *t, ui_rect bar,
                   size_t messages, struct findbar_actions *a)
{
    memset(a, 0, sizeof *a);
    b->rect = bar;
    draw(b, f, ui, t, bar, messages, a);
    /* F3 and Shift+F3 step through the hits wherever the focus is. */
    for (int i = 0; i < ui->in.key_count; i++) {
        struct ui_key_event *k = &ui->in.keys[i];
        if (!k->used && k->key == UI_KEY_F3 && !(k->mods & (UI_MOD_CTRL | UI_MOD_ALT))) {
            k->used = true;
            a->jump = (k->mods & UI_MOD_SHIFT) ? -1 : 1;
        }
    }
}
