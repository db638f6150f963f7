/* SPDX-License-Identifier: MIT */
/* listrange.c: see listrange.h. */
#include "listrange.h"

#include <stdio.h>
#include <string.h>

#include "export.h"
#include "i18n.h"

void listrange_init(struct listrange *lr)
{
    memset(lr, 0, sizeof *lr);
    lr->press_y = -1;
}

void listrange_list_press(struct listrange *lr, struct ui *ui)
{
    if (!(ui->in.mouse_mods & UI_MOD_SHIFT) && msgrange_active(&lr->range)) {
        msgrange_clear(&lr->range);
        ui_request_frame(ui, 1);
    }
}

bool listrange_bubble_press(struct listrange *lr, struct ui *ui, uint64_t id)
{
    if (!(ui->in.mouse_mods & UI_MOD_SHIFT)) {
        lr->origin = id;
        return false;
    }
    if (!msgrange_active(&lr->range) && (!lr->origin || lr->origin == id))
        return false; /* nothing to reach from: Shift+click selects text in the bubble */
    msgrange_extend(&lr->range, lr->origin, id);
    ui_request_frame(ui, 1);
    return true;
}

void listrange_touch(struct listrange *lr, struct ui *ui)
{
    lr->press_y = -1; /* (a long press the last frame's rows did not take, under the last row: gone) */
    bool held = ui->in.touch && ui->touch.owner && !ui->touch.dragging;
    if (!held) {
        lr->press_ms = 0;
        return;
    }
    if (!lr->press_ms) {
        lr->press_ms = ui->now_ms ? ui->now_ms : 1;
    } else if (ui->now_ms - lr->press_ms >= LISTRANGE_LONG_PRESS_MS) {
        lr->press_y = ui->touch.y;
        ui->touch.dragging = true; /* a long press is not also a tap */
        lr->press_ms = 0;
        return;
    }
    ui_request_frame(ui, (int)(lr->press_ms + LISTRANGE_LONG_PRESS_MS - ui->now_ms) + 1);
}

bool listrange_row(struct listrange *lr, struct ui *ui, const struct theme *t, uint64_t id, ui_rect r)
{
    bool changed = false;
    if (lr->press_y >= 0 && lr->press_y >= r.y && lr->press_y < r.y + r.h) { /* (-1: none; a row may start above 0) */
        msgrange_extend(&lr->range, msgrange_active(&lr->range) ? 0 : id, id);
        lr->origin = id;
        lr->press_y = -1;
        changed = true;
        ui_request_frame(ui, 1);
    }
    if (msgrange_contains(&lr->range, id)) {
        ui_color band = t->selection;
        band.a = 120;
        ui_draw_rect(ui, r, band, 0);
        ui_draw_rect(ui, (ui_rect){r.x, r.y, ui_px(ui, 4), r.h}, t->primary_bg, 0);
    }
    return changed;
}

bool listrange_keys(struct listrange *lr, struct ui *ui, const struct chat *chat, const struct find *filter,
                    uint64_t focused)
{
    bool changed = false;
    for (int i = 0; i < ui->in.key_count; i++) {
        struct ui_key_event *k = &ui->in.keys[i];
        bool shift = (k->mods & UI_MOD_SHIFT) && !(k->mods & (UI_MOD_CTRL | UI_MOD_ALT));
        if (k->used || !shift || (k->key != UI_KEY_UP && k->key != UI_KEY_DOWN))
            continue;
        k->used = true;
        changed |= msgrange_step(&lr->range, chat, filter, focused, k->key == UI_KEY_DOWN ? 1 : -1);
    }
    if (msgrange_active(&lr->range) && ui_take_key(ui, UI_KEY_ESCAPE, 0)) {
        msgrange_clear(&lr->range);
        changed = true;
    }
    if (changed)
        ui_request_frame(ui, 1);
    return changed;
}

const char *listrange_note(struct listrange *lr, const struct chat *chat, const struct find *filter)
{
    size_t rows = msgrange_rows(&lr->range, chat, filter);
    if (!rows)
        return NULL;
    char count[32];
    export_format_count(rows, count, sizeof count);
    snprintf(lr->note, sizeof lr->note, tr(I18N_EXPORT_SELECTED), count);
    return lr->note;
}
