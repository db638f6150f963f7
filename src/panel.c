/* SPDX-License-Identifier: MIT */
/* panel: the side panel of saved messages (see panel.h). */
#include "panel.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "binview.h"
#include "i18n.h"
#include "textedit.h"

#define PANEL_W 320         /* at scale 1, in a wide window */
#define PANEL_NOTE_MS 6000  /* how long a note of success stays */
#define PANEL_NOTE_LINES 4

void panel_init(struct panel *p)
{
    *p = (struct panel){.pick = -1};
    textedit_init(&p->name.edit);
    textedit_init(&p->path.edit);
}

void panel_free(struct panel *p)
{
    textedit_free(&p->name.edit);
    widget_textbox_free(&p->name);
    textedit_free(&p->path.edit);
    widget_textbox_free(&p->path);
    wrap_free(&p->note_lines);
    wrap_free(&p->hint_lines);
}

/* The panel's widgets have their ids under this one. */
#define PANEL_SCOPE "saved-panel"

uint32_t panel_name_id(struct ui *ui, const struct panel *p)
{
    ui_push_id(ui, ui_id_str(ui, PANEL_SCOPE));
    uint32_t id = widget_textbox_id(ui, &p->name);
    ui_pop_id(ui);
    return id;
}

uint32_t panel_list_id(struct ui *ui)
{
    ui_push_id(ui, ui_id_str(ui, PANEL_SCOPE));
    uint32_t id = ui_id_str(ui, "saved-list");
    ui_pop_id(ui);
    return id;
}

void panel_toggle(struct panel *p, struct ui *ui, bool focus_name)
{
    p->open = !p->open;
    if (p->open && focus_name)
        ui_set_focus(ui, panel_name_id(ui, p));
    ui_request_frame(ui, 1);
}

int panel_width(const struct ui *ui, int width)
{
    int w = ui_px(ui, PANEL_W);
    return w < width * 45 / 100 ? w : width * 45 / 100;
}

void panel_note(struct panel *p, uint64_t now_ms, bool error, bool undo, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->note, sizeof p->note, fmt, ap);
    va_end(ap);
    p->note_error = error;
    p->note_undo = undo;
    p->note_until = error || undo ? 0 : now_ms + PANEL_NOTE_MS;
}

/* A message's first line, for its row: spaces for tabs, "…" when there is more. */
static void preview(const struct saved_message *m, char *out, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < m->len && len + 4 < n; i++) {
        char c = m->text[i];
        if (c == '\n') {
            if (len)
                break;
            continue; /* (blank lines at the start say nothing) */
        }
        out[len++] = c == '\t' || c == '\r' || c == '\0' ? ' ' : c;
    }
    while (len && ((unsigned char)out[len - 1] & 0xC0) == 0x80)
        len--; /* (cut on a code point; the last lead byte goes below) */
    if (len && (unsigned char)out[len - 1] >= 0xC0)
        len--;
    out[len] = '\0';
}

static int row_height(struct ui *ui)
{
    return ui_text_height(ui, UI_FONT_LABEL) + ui_text_height(ui, UI_FONT_SMALL) + ui_px(ui, 14);
}

/* The note under the name row; returns its height. */
static int draw_note(struct panel *p, struct ui *ui, const struct theme *t, ui_rect r, struct panel_actions *a)
{
    p->undo_rect = (ui_rect){0, 0, 0, 0};
    if (!p->note[0])
        return 0;
    if (p->note_until && ui->now_ms >= p->note_until) {
        p->note[0] = '\0';
        return 0;
    }
    if (p->note_until)
        ui_request_frame(ui, (int)(p->note_until - ui->now_ms) + 1);
    const char *undo = tr(I18N_SAVED_UNDO);
    int undo_w = p->note_undo ? ui_text_width(ui, UI_FONT_LABEL, undo, strlen(undo)) + ui_px(ui, 12) : 0;
    int th = ui_text_height(ui, UI_FONT_SMALL);
    struct wrap *lines = &p->note_lines;
    if (!widget_wrap(ui, UI_FONT_SMALL, p->note, strlen(p->note), r.w - ui_px(ui, 16) - undo_w, PANEL_NOTE_LINES,
                     lines))
        return 0;
    int h = (int)lines->count * th + ui_px(ui, 10);
    ui_rect box = {r.x, r.y, r.w, h};
    ui_draw_rect(ui, box, p->note_error ? t->tag_bg : t->selection, ui_px(ui, 6));
    ui_color color = p->note_error ? t->tag_text : t->text;
    for (size_t i = 0; i < lines->count; i++)
        ui_draw_text(ui, UI_FONT_SMALL, p->note + lines->lines[i].start, lines->lines[i].len,
                     box.x + ui_px(ui, 8), box.y + ui_px(ui, 5) + (int)i * th, color);
    if (p->note_undo) {
        p->undo_rect = (ui_rect){box.x + box.w - undo_w - ui_px(ui, 4), box.y, undo_w, h};
        int res = ui_interact(ui, ui_id_str(ui, "undo"), p->undo_rect, true);
        if (res & UI_RESULT_HOVER)
            ui->cursor = UI_CURSOR_HAND;
        int lh = ui_text_height(ui, UI_FONT_LABEL);
        int ux = p->undo_rect.x + ui_px(ui, 6), uy = box.y + (h - lh) / 2;
        ui_draw_text(ui, UI_FONT_LABEL, undo, strlen(undo), ux, uy, t->text);
        ui_draw_rect(ui, (ui_rect){ux, uy + lh - ui_px(ui, 1), undo_w - ui_px(ui, 12), ui_px(ui, 1)}, t->text, 0);
        if (res & UI_RESULT_CLICK) {
            a->undo_remove = true;
            p->note[0] = '\0';
        }
    }
    return h + ui_px(ui, 8);
}

/* The list's keys, when it has the focus. */
static void list_keys(struct panel *p, struct ui *ui, size_t count, struct panel_actions *a)
{
    if (!count)
        return;
    int last = (int)count - 1;
    if (ui_take_key(ui, UI_KEY_DOWN, 0)) {
        p->pick = p->pick < 0 ? 0 : p->pick < last ? p->pick + 1 : last;
        p->pick_seen = false;
    }
    if (ui_take_key(ui, UI_KEY_UP, 0)) {
        p->pick = p->pick <= 0 ? 0 : p->pick - 1;
        p->pick_seen = false;
    }
    if (ui_take_key(ui, UI_KEY_HOME, 0)) {
        p->pick = 0;
        p->pick_seen = false;
    }
    if (ui_take_key(ui, UI_KEY_END, 0)) {
        p->pick = last;
        p->pick_seen = false;
    }
    if (p->pick < 0 || p->pick > last)
        return;
    if (ui_take_key(ui, UI_KEY_ENTER, UI_MOD_CTRL))
        a->send = p->pick + 1;
    else if (ui_take_key(ui, UI_KEY_ENTER, 0))
        a->load = p->pick + 1;
    else if (ui_take_key(ui, UI_KEY_DELETE, 0))
        a->remove = p->pick + 1;
}

/* The saved messages, in r, scrolling. */
/* Moves the list by finger, fling, wheel and the picked row; the largest
 * scroll it may have. */
static int list_scroll(struct panel *p, struct ui *ui, ui_rect r, int64_t content, int row_h)
{
    int max_scroll = content > r.h ? (int)(content - r.h) : 0;
    /* A finger drags the list and flicks it, as the conversation's (a tap
     * still reaches the rows); a press or the wheel stops a fling. */
    bool moving = widget_fling_moving(&p->fling);
    if (ui->in.mouse_pressed || (ui_mouse_over(ui, r) && ui->in.wheel_y != 0.0f))
        widget_fling_stop(&p->fling);
    struct ui_drag drag;
    ui_touch_scroll(ui, ui_id_str(ui, "saved-touch"), r, moving, &drag);
    p->scroll += drag.dy;
    if (drag.released)
        widget_fling_start(&p->fling, ui, drag.velocity);
    p->scroll += widget_fling_step(&p->fling, ui);
    if (widget_fling_moving(&p->fling)) {
        if ((p->scroll <= 0 && p->fling.velocity < 0) || (p->scroll >= max_scroll && p->fling.velocity > 0))
            widget_fling_stop(&p->fling);
        else
            ui_request_frame(ui, 16);
    }
    if (ui_mouse_over(ui, r) && ui->in.wheel_y != 0.0f) {
        p->scroll -= (int)(ui->in.wheel_y * (float)row_h);
        ui->in.wheel_y = 0.0f;
    }
    if (p->pick >= 0 && !p->pick_seen) {
        /* The picked row into view, once (the wheel may take it out again). */
        int top = p->pick * row_h;
        if (top < p->scroll)
            p->scroll = top;
        else if (top + row_h > p->scroll + r.h)
            p->scroll = top + row_h - r.h;
        p->pick_seen = true;
    }
    p->scroll = p->scroll < 0 ? 0 : p->scroll > max_scroll ? max_scroll : p->scroll;
    return max_scroll;
}

/* One saved message's row: its name, its mode's tag, the start of its
 * text, and × to remove it while picked. */
static void draw_row(struct ui *ui, const struct theme *t, ui_rect row, ui_rect x_rect, const struct saved_message *m,
                     bool picked, bool remove_hover)
{
    int label_h = ui_text_height(ui, UI_FONT_LABEL), small_h = ui_text_height(ui, UI_FONT_SMALL);
    const char *remove = "\xC3\x97"; /* × */
    int text_x = row.x + ui_px(ui, 8), text_w = row.w - ui_px(ui, 16) - (picked ? x_rect.w : 0);
    int y = row.y + ui_px(ui, 6);
    widget_text_fit(ui, UI_FONT_LABEL, m->name, strlen(m->name), text_x, y, text_w, t->text);
    y += label_h + ui_px(ui, 2);
    int x = text_x;
    if (m->mode != SAVED_TEXT) {
        /* The mode as a small tag before the text: it goes as binary. */
        const char *mode = m->mode == SAVED_HEX      ? tr(I18N_COMPOSE_HEX)
                           : m->mode == SAVED_BASE64 ? tr(I18N_COMPOSE_BASE64)
                                                     : binview_format_name(m->mode == SAVED_CBOR ? BINVIEW_CBOR
                                                                                                 : BINVIEW_MSGPACK);
        int mw = ui_text_width(ui, UI_FONT_SMALL, mode, strlen(mode)) + ui_px(ui, 10);
        ui_draw_rect(ui, (ui_rect){x, y, mw, small_h}, t->primary_bg, ui_px(ui, 4));
        ui_draw_text(ui, UI_FONT_SMALL, mode, strlen(mode), x + ui_px(ui, 5), y, t->primary_text);
        x += mw + ui_px(ui, 6);
    }
    char line[256];
    preview(m, line, sizeof line);
    widget_text_fit(ui, UI_FONT_SMALL, line, strlen(line), x, y, text_x + text_w - x, t->text_muted);
    if (picked) {
        int fw = ui_text_width(ui, UI_FONT_BODY, remove, 2), bh = ui_text_height(ui, UI_FONT_BODY);
        ui_draw_text(ui, UI_FONT_BODY, remove, 2, x_rect.x + (x_rect.w - fw) / 2, x_rect.y + (x_rect.h - bh) / 2,
                     remove_hover ? t->failed_border : t->text_muted);
    }
}

static void draw_list(struct panel *p, struct ui *ui, const struct theme *t, ui_rect r, const struct saved *list,
                      struct panel_actions *a)
{
    p->list_rect = r;
    p->row_first = p->row_count = 0;
    size_t count = list ? list->count : 0;
    uint32_t list_id = ui_id_str(ui, "saved-list");
    /* The list itself takes the focus (for its keys); the rows take the clicks. */
    ui_interact(ui, list_id, r, true);
    bool focused = ui->focus == list_id;
    if (focused)
        list_keys(p, ui, count, a);
    if (p->pick >= (int)count)
        p->pick = (int)count - 1;
    if (!count) {
        const char *empty = tr(I18N_SAVED_EMPTY);
        struct wrap *w = &p->hint_lines;
        int th = ui_text_height(ui, UI_FONT_SMALL);
        if (!p->note[0] && widget_wrap(ui, UI_FONT_SMALL, empty, strlen(empty), r.w - ui_px(ui, 16), 6, w))
            for (size_t i = 0; i < w->count; i++)
                ui_draw_text(ui, UI_FONT_SMALL, empty + w->lines[i].start, w->lines[i].len, r.x + ui_px(ui, 8),
                             r.y + ui_px(ui, 8) + (int)i * th, t->text_muted);
        return;
    }
    int row_h = row_height(ui);
    int64_t content = (int64_t)count * row_h;
    int max_scroll = list_scroll(p, ui, r, content, row_h);
    int bar_w = max_scroll ? ui_px(ui, 10) : 0;
    if (max_scroll) {
        int64_t pos = p->scroll;
        ui_rect track = {r.x + r.w - bar_w, r.y, bar_w, r.h};
        if (widget_scrollbar(ui, t, ui_id_str(ui, "saved-scroll"), track, content, r.h, &pos) & UI_RESULT_CHANGE)
            p->scroll = (int)pos;
    }
    bool moved = ui->in.mouse_x != p->mouse_x || ui->in.mouse_y != p->mouse_y || ui->in.mouse_pressed;
    p->mouse_x = ui->in.mouse_x;
    p->mouse_y = ui->in.mouse_y;
    ui_push_clip(ui, r);
    int first = p->scroll / row_h;
    for (int i = first; i < (int)count && (i - first) * row_h - p->scroll % row_h < r.h; i++) {
        const struct saved_message *m = &list->items[i];
        ui_rect row = {r.x, r.y + i * row_h - p->scroll, r.w - bar_w - ui_px(ui, 2), row_h - ui_px(ui, 2)};
        if (p->row_count < (int)(sizeof p->row_rects / sizeof p->row_rects[0])) {
            if (!p->row_count)
                p->row_first = i;
            p->row_rects[p->row_count++] = row;
        }
        ui_rect x_rect = {row.x + row.w - row_h, row.y, row_h, row.h};
        ui_push_id(ui, (uint32_t)i + 1);
        int xr = ui_interact(ui, ui_id_str(ui, "remove"), x_rect, false);
        int rr = ui_interact(ui, ui_id_str(ui, "row"), row, false);
        ui_pop_id(ui);
        bool hover = (rr | xr) & UI_RESULT_HOVER;
        if (hover && moved && p->pick != i) {
            /* (Rows above were drawn with the old pick: draw again.) */
            p->pick = i;
            ui_request_frame(ui, 1);
        }
        bool picked = p->pick == i;
        if (picked && focused) /* (with the keys' ring) */
            ui_draw_box(ui, row, t->selection, t->focus_ring, ui_px(ui, 2), ui_px(ui, 6));
        else if (picked)
            ui_draw_rect(ui, row, t->selection, ui_px(ui, 6));
        draw_row(ui, t, row, x_rect, m, picked, xr & UI_RESULT_HOVER);
        if (hover)
            ui->cursor = UI_CURSOR_HAND;
        if (rr & UI_RESULT_PRESS)
            ui_set_focus(ui, list_id);
        if (xr & UI_RESULT_CLICK) {
            a->remove = i + 1;
        } else if ((rr & UI_RESULT_CLICK) && !(xr & UI_RESULT_HOVER)) {
            if (rr & UI_RESULT_DOUBLE)
                a->send = i + 1;
            else
                a->load = i + 1;
            p->pick = i;
        }
    }
    ui_pop_clip(ui);
    ui_touch_scroll_end(ui);
}

/* The row with the file's path, under the list. */
static int draw_file_row(struct panel *p, struct ui *ui, const struct theme *t, ui_rect r, struct panel_actions *a)
{
    int control_h = ui_px(ui, 36), gap = ui_px(ui, 8);
    const char *go = tr(p->file == PANEL_FILE_IMPORT ? I18N_SAVED_IMPORT_GO : I18N_SAVED_EXPORT_GO);
    const char *cancel = tr(I18N_SAVED_CANCEL);
    int go_w = widget_button_width(ui, go), cancel_w = widget_button_width(ui, cancel);
    int y = r.y + r.h - control_h;
    p->path_rect = (ui_rect){r.x, y - control_h - gap, r.w, control_h};
    p->cancel_rect = (ui_rect){r.x + r.w - cancel_w, y, cancel_w, control_h};
    p->go_rect = (ui_rect){p->cancel_rect.x - gap - go_w, y, go_w, control_h};
    uint32_t path_id = widget_textbox_id(ui, &p->path);
    int box = widget_textbox(ui, t, &p->path, p->path_rect, tr(I18N_SAVED_PATH_PLACEHOLDER));
    bool has_path = p->path.edit.len > 0;
    bool go_now = (box & UI_RESULT_SUBMIT) && has_path;
    if (widget_button(ui, t, go, p->go_rect, BUTTON_PRIMARY, has_path) & UI_RESULT_CLICK)
        go_now = has_path;
    bool cancel_now = (widget_button(ui, t, cancel, p->cancel_rect, BUTTON_SECONDARY, true) & UI_RESULT_CLICK) ||
                      (ui->focus == path_id && ui_take_key(ui, UI_KEY_ESCAPE, 0));
    if (go_now) {
        if (p->file == PANEL_FILE_IMPORT)
            a->import_path = p->path.edit.text;
        else
            a->export_path = p->path.edit.text;
    }
    if (cancel_now) {
        p->file = PANEL_FILE_NONE;
        ui_set_focus(ui, ui_id_str(ui, "saved-list"));
        ui_request_frame(ui, 1);
    }
    return 2 * control_h + gap;
}

void panel_frame(struct panel *p, struct ui *ui, const struct theme *t, ui_rect r, const struct saved *list,
                 bool can_save, struct panel_actions *a)
{
    memset(a, 0, sizeof *a);
    p->rect = r;
    if (!p->open)
        return;
    ui_push_id(ui, ui_id_str(ui, PANEL_SCOPE));
    ui_draw_rect(ui, r, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){r.x, r.y, ui_px(ui, 1), r.h}, t->bar_border, 0);
    int pad = ui_px(ui, 12), gap = ui_px(ui, 8), control_h = ui_px(ui, 36);
    ui_rect in = {r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad};

    /* The title and ×. */
    const char *title = tr(I18N_SAVED_TITLE);
    int label_h = ui_text_height(ui, UI_FONT_LABEL);
    p->close_rect = (ui_rect){in.x + in.w - ui_px(ui, 28), in.y, ui_px(ui, 28), ui_px(ui, 28)};
    widget_text_fit(ui, UI_FONT_LABEL, title, strlen(title), in.x, in.y + (p->close_rect.h - label_h) / 2,
                    in.w - p->close_rect.w - gap, t->text);
    bool close = widget_button(ui, t, "\xC3\x97", p->close_rect, BUTTON_SECONDARY, true) & UI_RESULT_CLICK;
    int y = in.y + p->close_rect.h + gap;

    /* The name and Save. */
    const char *save = tr(I18N_SAVED_SAVE);
    int save_w = widget_button_width(ui, save);
    p->name_rect = (ui_rect){in.x, y, in.w - save_w - gap, control_h};
    p->save_rect = (ui_rect){in.x + in.w - save_w, y, save_w, control_h};
    uint32_t name_id = widget_textbox_id(ui, &p->name);
    int box = widget_textbox(ui, t, &p->name, p->name_rect, tr(I18N_SAVED_NAME_PLACEHOLDER));
    if (((box & UI_RESULT_SUBMIT) || (widget_button(ui, t, save, p->save_rect, BUTTON_PRIMARY, can_save) &
                                      UI_RESULT_CLICK)) &&
        can_save)
        a->save = true;
    if (ui->focus == name_id && ui_take_key(ui, UI_KEY_ESCAPE, 0))
        close = true;
    y += control_h + gap;
    y += draw_note(p, ui, t, (ui_rect){in.x, y, in.w, 0}, a);

    /* The foot: Import… and Export…, or the path row. */
    int foot_h;
    if (p->file != PANEL_FILE_NONE) {
        foot_h = draw_file_row(p, ui, t, (ui_rect){in.x, in.y + in.h - 2 * control_h - gap, in.w,
                                                   2 * control_h + gap},
                               a);
        p->import_rect = p->export_rect = (ui_rect){0, 0, 0, 0};
    } else {
        foot_h = control_h;
        const char *import = tr(I18N_SAVED_IMPORT), *export = tr(I18N_SAVED_EXPORT);
        int w = (in.w - gap) / 2;
        p->import_rect = (ui_rect){in.x, in.y + in.h - control_h, w, control_h};
        p->export_rect = (ui_rect){in.x + in.w - w, in.y + in.h - control_h, w, control_h};
        p->path_rect = p->go_rect = p->cancel_rect = (ui_rect){0, 0, 0, 0};
        enum panel_file file = PANEL_FILE_NONE;
        if (widget_button(ui, t, import, p->import_rect, BUTTON_SECONDARY, true) & UI_RESULT_CLICK)
            file = PANEL_FILE_IMPORT;
        if (widget_button(ui, t, export, p->export_rect, BUTTON_SECONDARY, list && list->count) & UI_RESULT_CLICK)
            file = PANEL_FILE_EXPORT;
        if (file != PANEL_FILE_NONE) {
            p->file = file;
            if (!p->path.edit.len)
                textedit_set(&p->path.edit, "~/ponte-saved.json", strlen("~/ponte-saved.json"));
            textedit_select_all(&p->path.edit);
            ui_set_focus(ui, widget_textbox_id(ui, &p->path));
            ui_request_frame(ui, 1);
        }
    }

    /* The hint and the list between. */
    const char *hint = tr(I18N_SAVED_HINT);
    int small_h = ui_text_height(ui, UI_FONT_SMALL);
    int list_bottom = in.y + in.h - foot_h - gap;
    struct wrap *hint_lines = &p->hint_lines;
    if (list && list->count && list_bottom - y > 6 * small_h &&
        widget_wrap(ui, UI_FONT_SMALL, hint, strlen(hint), in.w, 2, hint_lines)) {
        int hint_h = (int)hint_lines->count * small_h;
        for (size_t i = 0; i < hint_lines->count; i++)
            ui_draw_text(ui, UI_FONT_SMALL, hint + hint_lines->lines[i].start, hint_lines->lines[i].len, in.x,
                         list_bottom - hint_h + (int)i * small_h, t->text_muted);
        list_bottom -= hint_h + gap;
    }
    draw_list(p, ui, t, (ui_rect){in.x - ui_px(ui, 4), y, in.w + ui_px(ui, 8), list_bottom - y > 0 ? list_bottom - y : 0},
              list, a);
    if (close) {
        p->open = false;
        a->closed = true;
        ui_request_frame(ui, 1);
    }
    if (a->save || a->load || a->send || a->remove || a->undo_remove || a->import_path || a->export_path)
        ui_request_frame(ui, 1);
    ui_pop_id(ui);
}
