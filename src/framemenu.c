/* SPDX-License-Identifier: MIT */
/* framemenu: the frame menu (see framemenu.h). Its controls come in groups
 * that stay together (Ping and Pong; the fragments; invalid UTF-8; the
 * close) and wrap onto more rows in a narrow window, so every one keeps a
 * full control's height for a finger. */
#include "framemenu.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "textedit.h"

#define COUNT_W 64   /* the fragments field, in layout units */
#define CODE_W 76    /* the close code field */
#define REASON_W 220 /* the reason field, when there is room */
#define REASON_MIN 90

/* Its widgets have their ids under this one. */
#define MENU_SCOPE "frame-menu"

void framemenu_init(struct framemenu *m)
{
    memset(m, 0, sizeof *m);
    widget_textbox_init(&m->count, false);
    widget_textbox_init(&m->code, false);
    widget_textbox_init(&m->reason, false);
    textedit_set(&m->count.edit, "4", 1);
    textedit_set(&m->code.edit, "1000", 4);
}

void framemenu_free(struct framemenu *m)
{
    struct widget_textbox *boxes[] = {&m->count, &m->code, &m->reason};
    for (size_t i = 0; i < 3; i++) {
        textedit_free(&boxes[i]->edit);
        widget_textbox_free(boxes[i]);
    }
}

void framemenu_toggle(struct framemenu *m, struct ui *ui)
{
    m->open = !m->open;
    m->refused = FRAMES_OK;
    ui_request_frame(ui, 1);
}

int framemenu_button_width(struct ui *ui)
{
    const char *label = tr(I18N_FRAMES_BUTTON);
    return ui_text_width(ui, UI_FONT_SMALL, label, strlen(label)) + ui_px(ui, 12);
}

void framemenu_button(struct framemenu *m, struct ui *ui, const struct theme *t, ui_rect r)
{
    /* Drawn as the mode button beside it is: a small tag that is pressed
     * (with a focus ring, as the widgets' buttons, when Tab reaches it). */
    uint32_t id = ui_id_str(ui, "frame-menu-button");
    int result = ui_interact(ui, id, r, true);
    if (result & UI_RESULT_HOVER)
        ui->cursor = UI_CURSOR_HAND;
    ui_color bg = m->open ? t->primary_bg : (result & UI_RESULT_HOVER) ? t->window_bg : t->disabled_bg;
    if (ui->focus == id) {
        ui_draw_rect(ui, ui_rect_inset(r, -ui_px(ui, 3), -ui_px(ui, 3)), t->focus_ring, ui_px(ui, 7));
        ui_draw_rect(ui, ui_rect_inset(r, -ui_px(ui, 1), -ui_px(ui, 1)), t->input_bg, ui_px(ui, 5));
    }
    ui_draw_rect(ui, r, bg, ui_px(ui, 4));
    const char *label = tr(I18N_FRAMES_BUTTON);
    size_t len = strlen(label);
    int tw = ui_text_width(ui, UI_FONT_SMALL, label, len);
    ui_draw_text(ui, UI_FONT_SMALL, label, len, r.x + (r.w - tw) / 2, r.y + ui_px(ui, 4),
                 m->open ? t->primary_text : t->disabled_text);
    bool keyed = ui->focus == id &&
                 (ui_take_key(ui, UI_KEY_ENTER, 0) || ui_take_key(ui, UI_KEY_SPACE, 0));
    if ((result & UI_RESULT_CLICK) || keyed)
        framemenu_toggle(m, ui);
}

void framemenu_refused(struct framemenu *m, enum frames_error why)
{
    m->refused = why;
}

/* ---- layout ------------------------------------------------------------------------ */

struct menu_layout {
    ui_rect title, close, ping, pong, count_label, count, fragments, invalid, code_label, code, reason, close_with,
        note;
    int height;
};

/* The field errors as typed; the close's covers the reason too. */
static enum frames_error count_error(const struct framemenu *m, unsigned *count)
{
    return frames_parse_count(m->count.edit.text, m->count.edit.len, count);
}

static enum frames_error close_error(const struct framemenu *m, int *code)
{
    enum frames_error e = frames_parse_code(m->code.edit.text, m->code.edit.len, code);
    return e != FRAMES_OK ? e : frames_check_close(*code, m->reason.edit.text, m->reason.edit.len);
}

/* What the line under the controls says ("" nothing): why the buttons are
 * off, why the last frame was refused, or what is wrong in a field. */
static const char *note_text(struct framemenu *m, bool connected)
{
    unsigned count;
    int code;
    enum frames_error field = count_error(m, &count);
    if (field == FRAMES_OK)
        field = close_error(m, &code);
    if (!connected)
        snprintf(m->note, sizeof m->note, "%s", tr(I18N_FRAMES_NOT_CONNECTED));
    else if (m->refused != FRAMES_OK)
        snprintf(m->note, sizeof m->note, tr(I18N_COMPOSE_INVALID), tr_frames_error(m->refused));
    else
        snprintf(m->note, sizeof m->note, "%s", tr_frames_error(field));
    return m->note;
}

/* Places one group of controls (widths w[0..n), the flexible one shrinking
 * to fit) on the current row, or on a new one when it does not fit; a
 * group too wide for a whole row (a narrow window, a large scale) wraps
 * control by control, and a control wider than the row is cut to it. */
static void place_group(struct ui *ui, ui_rect r, int *x, int *y, ui_rect *out[], int w[], int n, int flex)
{
    int pad = ui_px(ui, metrics_bar.pad), gap = ui_px(ui, metrics_bar.gap), h = ui_px(ui, metrics_bar.control_h);
    int left = r.x + pad, right = r.x + r.w - pad;
    int total = (n - 1) * gap;
    for (int i = 0; i < n; i++)
        total += w[i];
    if (flex >= 0 && total > right - left) {
        int least = ui_px(ui, REASON_MIN), shrunk = w[flex] - (total - (right - left));
        total -= w[flex] - (shrunk > least ? shrunk : least);
        w[flex] = shrunk > least ? shrunk : least;
    }
    if (total > right - left && n > 1) {
        for (int i = 0; i < n; i++)
            place_group(ui, r, x, y, &out[i], &w[i], 1, -1);
        return;
    }
    if (*x > left && *x + total > right) {
        *x = left;
        *y += h + gap;
    }
    if (flex >= 0 && *x + total > right) {
        int shrink = *x + total - right, least = ui_px(ui, REASON_MIN);
        w[flex] = w[flex] - shrink > least ? w[flex] - shrink : least;
    }
    for (int i = 0; i < n; i++) {
        if (*x + w[i] > right)
            w[i] = right - *x > 0 ? right - *x : 0;
        *out[i] = (ui_rect){*x, *y, w[i], h};
        *x += w[i] + gap;
    }
    *x += gap; /* a little more between groups */
}

static void lay_out(struct ui *ui, ui_rect r, struct menu_layout *l)
{
    memset(l, 0, sizeof *l);
    int pad = ui_px(ui, metrics_bar.pad), gap = ui_px(ui, metrics_bar.gap), h = ui_px(ui, metrics_bar.control_h);
    const char *done = tr(I18N_FRAMES_DONE);
    int done_w = widget_button_width(ui, done);
    l->close = (ui_rect){r.x + r.w - pad - done_w, r.y + pad, done_w, h};
    l->title = (ui_rect){r.x + pad, r.y + pad, l->close.x - gap - r.x - pad, h};
    int x = r.x + pad, y = r.y + pad + h + gap;
    {
        ui_rect *out[] = {&l->ping, &l->pong};
        int w[] = {widget_button_width(ui, tr(I18N_FRAMES_PING)), widget_button_width(ui, tr(I18N_FRAMES_PONG))};
        place_group(ui, r, &x, &y, out, w, 2, -1);
    }
    {
        const char *label = tr(I18N_FRAMES_FRAGMENTS_LABEL);
        ui_rect *out[] = {&l->count_label, &l->count, &l->fragments};
        int w[] = {ui_text_width(ui, UI_FONT_LABEL, label, strlen(label)), ui_px(ui, COUNT_W),
                   widget_button_width(ui, tr(I18N_FRAMES_SEND_FRAGMENTS))};
        place_group(ui, r, &x, &y, out, w, 3, -1);
    }
    {
        ui_rect *out[] = {&l->invalid};
        int w[] = {widget_button_width(ui, tr(I18N_FRAMES_SEND_INVALID))};
        place_group(ui, r, &x, &y, out, w, 1, -1);
    }
    {
        const char *label = tr(I18N_FRAMES_CODE_LABEL);
        ui_rect *out[] = {&l->code_label, &l->code, &l->reason, &l->close_with};
        int w[] = {ui_text_width(ui, UI_FONT_LABEL, label, strlen(label)), ui_px(ui, CODE_W), ui_px(ui, REASON_W),
                   widget_button_width(ui, tr(I18N_FRAMES_CLOSE_WITH))};
        place_group(ui, r, &x, &y, out, w, 4, 2);
    }
    y += h;
    /* The note's row is kept when there is nothing to say, so that the
     * controls never move under the pointer as it comes and goes. */
    int note_h = ui_text_height(ui, UI_FONT_SMALL) + ui_px(ui, 8);
    l->note = (ui_rect){r.x + pad, y + gap, r.w - 2 * pad, note_h};
    y += gap + note_h;
    l->height = y + pad - r.y;
}

int framemenu_height(struct framemenu *m, struct ui *ui, int width)
{
    if (!m->open)
        return 0;
    struct menu_layout l;
    lay_out(ui, (ui_rect){0, 0, width, 0}, &l);
    return l.height;
}

/* ---- drawing ----------------------------------------------------------------------- */

static void label(struct ui *ui, const struct theme *t, const char *text, ui_rect r)
{
    size_t len = strlen(text);
    ui_draw_text(ui, UI_FONT_LABEL, text, len, r.x, r.y + (r.h - ui_text_height(ui, UI_FONT_LABEL)) / 2, t->text);
}

/* A one-line field, its text underlined when err says it is wrong. */
static int field(struct ui *ui, const struct theme *t, struct widget_textbox *tb, ui_rect r, const char *placeholder,
                 bool wrong)
{
    tb->mark_start = wrong ? 0 : SIZE_MAX;
    tb->mark_end = wrong ? tb->edit.len : SIZE_MAX;
    return widget_textbox(ui, t, tb, r, placeholder);
}

static void header(struct ui *ui, const struct theme *t, const struct menu_layout *l)
{
    const char *title = tr(I18N_FRAMES_TITLE), *hint = tr(I18N_FRAMES_PAYLOAD_HINT);
    int title_w = ui_text_width(ui, UI_FONT_LABEL, title, strlen(title));
    int y = l->title.y + (l->title.h - ui_text_height(ui, UI_FONT_LABEL)) / 2;
    int drawn = widget_text_fit(ui, UI_FONT_LABEL, title, strlen(title), l->title.x, y, l->title.w, t->text);
    int gap = ui_px(ui, 12);
    if (drawn >= title_w && l->title.w - drawn - gap > ui_px(ui, 40)) {
        int hy = l->title.y + (l->title.h - ui_text_height(ui, UI_FONT_SMALL)) / 2;
        widget_text_fit(ui, UI_FONT_SMALL, hint, strlen(hint), l->title.x + drawn + gap, hy, l->title.w - drawn - gap,
                        t->text_muted);
    }
}

void framemenu_frame(struct framemenu *m, struct ui *ui, const struct theme *t, ui_rect r, bool connected,
                     struct framemenu_actions *a)
{
    memset(a, 0, sizeof *a);
    if (!m->open || r.h <= 0) {
        m->rect = (ui_rect){0, 0, 0, 0};
        return;
    }
    struct menu_layout l;
    lay_out(ui, r, &l);
    m->rect = r;
    ui_draw_rect(ui, r, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){r.x, r.y, r.w, ui_px(ui, 1)}, t->bar_border, 0);
    ui_push_clip(ui, r);
    ui_push_id(ui, ui_id_str(ui, MENU_SCOPE));
    header(ui, t, &l);
    unsigned count = 0;
    int code = 0;
    enum frames_error count_err = count_error(m, &count), close_err = close_error(m, &code);

    if (widget_button(ui, t, tr(I18N_FRAMES_PING), l.ping, BUTTON_PRIMARY, connected) & UI_RESULT_CLICK)
        a->send = FRAMES_PING;
    if (widget_button(ui, t, tr(I18N_FRAMES_PONG), l.pong, BUTTON_SECONDARY, connected) & UI_RESULT_CLICK)
        a->send = FRAMES_PONG;
    label(ui, t, tr(I18N_FRAMES_FRAGMENTS_LABEL), l.count_label);
    int count_box = field(ui, t, &m->count, l.count, "", count_err != FRAMES_OK);
    int fragments = widget_button(ui, t, tr(I18N_FRAMES_SEND_FRAGMENTS), l.fragments, BUTTON_SECONDARY, connected);
    if (((fragments & UI_RESULT_CLICK) || (count_box & UI_RESULT_SUBMIT)) && connected) {
        a->send = count_err == FRAMES_OK ? FRAMES_FRAGMENTS : FRAMES_NONE;
        a->fragments = count;
        m->refused = count_err;
    }
    if (widget_button(ui, t, tr(I18N_FRAMES_SEND_INVALID), l.invalid, BUTTON_SECONDARY, connected) & UI_RESULT_CLICK)
        a->send = FRAMES_INVALID_UTF8;
    label(ui, t, tr(I18N_FRAMES_CODE_LABEL), l.code_label);
    bool code_wrong = frames_parse_code(m->code.edit.text, m->code.edit.len, &code) != FRAMES_OK;
    int code_box = field(ui, t, &m->code, l.code, "", code_wrong);
    int reason_box = field(ui, t, &m->reason, l.reason, tr(I18N_FRAMES_REASON_PLACEHOLDER),
                           !code_wrong && close_err != FRAMES_OK);
    int close = widget_button(ui, t, tr(I18N_FRAMES_CLOSE_WITH), l.close_with, BUTTON_DANGER, connected);
    if (((close & UI_RESULT_CLICK) || ((code_box | reason_box) & UI_RESULT_SUBMIT)) && connected) {
        close_err = close_error(m, &code);
        a->send = close_err == FRAMES_OK ? FRAMES_CLOSE : FRAMES_NONE;
        a->code = code;
        a->reason = m->reason.edit.text;
        a->reason_len = m->reason.edit.len;
        m->refused = close_err;
    }
    if ((count_box | code_box | reason_box) & UI_RESULT_CHANGE)
        m->refused = FRAMES_OK; /* (a new value: the old refusal no longer holds) */
    if (a->send != FRAMES_NONE)
        m->refused = FRAMES_OK;

    bool done = widget_button(ui, t, tr(I18N_FRAMES_DONE), l.close, BUTTON_SECONDARY, true) & UI_RESULT_CLICK;
    if (done || ui_take_key(ui, UI_KEY_ESCAPE, 0)) {
        m->open = false;
        a->closed = true;
        a->send = FRAMES_NONE;
        ui_request_frame(ui, 1);
    }
    ui_pop_id(ui);
    const char *note = note_text(m, connected);
    if (*note) { /* (every note is a warning) */
        ui_rect tag = widget_tag_size(ui, &widget_tag_warning, note);
        tag.x = l.note.x;
        tag.y = l.note.y;
        widget_tag(ui, &widget_tag_warning, note, tag, t->tag_bg, t->tag_text, l.note.w);
    } else {
        /* Nothing wrong: the rules, where the warnings would be. */
        const char *rules = tr(I18N_FRAMES_RULES);
        int y = l.note.y + (l.note.h - ui_text_height(ui, UI_FONT_SMALL)) / 2;
        widget_text_fit(ui, UI_FONT_SMALL, rules, strlen(rules), l.note.x, y, l.note.w, t->text_muted);
    }
    ui_pop_clip(ui);
    m->close_rect = l.close;
    m->ping_rect = l.ping;
    m->pong_rect = l.pong;
    m->count_rect = l.count;
    m->fragments_rect = l.fragments;
    m->invalid_rect = l.invalid;
    m->code_rect = l.code;
    m->reason_rect = l.reason;
    m->close_with_rect = l.close_with;
    m->note_rect = l.note;
}
