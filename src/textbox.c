/* SPDX-License-Identifier: MIT */
/* textbox: the text box widget (see textbox.h). It maps keys and the mouse
 * onto the pure editing model (textedit) and draws the result; the model
 * knows nothing of lines on screen, so moving up and down between wrapped
 * lines is done here. */
#include "textbox.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "widgets.h"

#define TEXTBOX_PAD 10
#define TEXTBOX_MAX_LINES 6
/* One line: text wider than this is drawn only where it is in view, so no
 * texture has to hold all of a long paste. */
#define TEXTBOX_MAX_DRAW_WIDTH 4096
/* One line: half the bytes of a long text laid out per frame. */
#define TEXTBOX_WINDOW 2048
/* Multiline: texts up to this size are wrapped whole; longer ones in a
 * window of MULTI_WINDOW bytes each side of the caret. */
#define MULTI_WHOLE ((size_t)64 << 10)
#define MULTI_WINDOW ((size_t)16 << 10)

static int measure_body(void *user, const char *text, size_t len)
{
    return ui_text_width(user, UI_FONT_BODY, text, len);
}

void widget_textbox_init(struct widget_textbox *tb, bool multiline)
{
    textedit_init(&tb->edit);
    tb->multiline = multiline;
    tb->mark_start = SIZE_MAX;
    tb->goal_x = -1;
}

void widget_textbox_free(struct widget_textbox *tb)
{
    wrap_free(&tb->wrap);
    tb->wrap_valid = false;
}

uint32_t widget_textbox_id(struct ui *ui, const struct widget_textbox *tb)
{
    return ui_id(ui, &tb, sizeof tb);
}

static size_t code_point_start(const char *text, size_t i)
{
    while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static void copy_selection(struct ui *ui, struct textedit *te)
{
    size_t a, b;
    textedit_selection(te, &a, &b);
    if (a == b || !ui->clipboard_set)
        return;
    char *copy = malloc(b - a + 1);
    if (!copy)
        return;
    memcpy(copy, te->text + a, b - a);
    copy[b - a] = '\0';
    ui->clipboard_set(ui->clipboard_user, copy);
    free(copy);
}

/* A one-line box takes line breaks and tabs as spaces. */
static char *flatten(const char *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    for (size_t i = 0; i < len; i++)
        copy[i] = text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? ' ' : text[i];
    copy[len] = '\0';
    return copy;
}

static bool put_text(struct widget_textbox *tb, const char *text, size_t len, bool paste)
{
    if (tb->multiline)
        return paste ? textedit_paste(&tb->edit, text, len) : textedit_insert(&tb->edit, text, len);
    char *flat = flatten(text, len);
    if (!flat)
        return false;
    bool changed = paste ? textedit_paste(&tb->edit, flat, len) : textedit_insert(&tb->edit, flat, len);
    free(flat);
    return changed;
}

/* ---- multiline layout ---------------------------------------------------------- */

static int inner_width(struct ui *ui, int width)
{
    int w = width - 2 * ui_px(ui, TEXTBOX_PAD);
    return w > 1 ? w : 1;
}

/* The bytes wrapped this frame: all of a short text, else a window around
 * the caret that starts on a line break when one is near, and moves only
 * when the caret nears one of its ends. */
static void multi_window(struct widget_textbox *tb, size_t *start, size_t *end)
{
    const struct textedit *te = &tb->edit;
    if (te->len <= MULTI_WHOLE) {
        *start = 0;
        *end = te->len;
        return;
    }
    size_t s = tb->wrap_valid ? tb->wrap_start : 0, e = tb->wrap_valid ? tb->wrap_end : 0;
    bool inside = tb->wrap_valid && te->caret >= s + (s ? MULTI_WINDOW / 4 : 0) &&
                  te->caret + (e < te->len ? MULTI_WINDOW / 4 : 0) <= e && e <= te->len;
    if (!inside) {
        s = te->caret > MULTI_WINDOW ? te->caret - MULTI_WINDOW : 0;
        const char *nl = s ? memchr(te->text + s, '\n', te->caret - s) : NULL;
        s = nl ? (size_t)(nl - te->text) + 1 : code_point_start(te->text, s);
        e = te->caret + MULTI_WINDOW < te->len ? code_point_start(te->text, te->caret + MULTI_WINDOW) : te->len;
    }
    *start = s;
    *end = e < te->len ? e : te->len;
}

/* Wraps the window for this width, unless it is already. */
static void multi_layout(struct ui *ui, struct widget_textbox *tb, int width)
{
    size_t s, e;
    multi_window(tb, &s, &e);
    int w = inner_width(ui, width - tb->reserve_right);
    float scale = ui->scale > 0 ? ui->scale : 1.0f;
    if (tb->wrap_valid && tb->wrap_version == tb->edit.version && tb->wrap_width == w &&
        tb->wrap_scale == scale && tb->wrap_start == s && tb->wrap_end == e)
        return;
    if (!widget_wrap(ui, UI_FONT_BODY, tb->edit.text + s, e - s, w, 0, &tb->wrap))
        tb->wrap.count = 0;
    tb->wrap_start = s;
    tb->wrap_end = e;
    tb->wrap_version = tb->edit.version;
    tb->wrap_width = w;
    tb->wrap_scale = scale;
    tb->wrap_valid = true;
}

static int max_lines(const struct widget_textbox *tb)
{
    return tb->max_lines > 0 ? tb->max_lines : TEXTBOX_MAX_LINES;
}

int widget_textbox_height(struct ui *ui, struct widget_textbox *tb, int width)
{
    int line_h = ui_text_height(ui, UI_FONT_BODY);
    int pad_y = ui_px(ui, 11);
    if (!tb->multiline)
        return 2 * pad_y + line_h;
    multi_layout(ui, tb, width);
    int lines = tb->wrap.count > 0 ? (int)tb->wrap.count : 1;
    if (lines > max_lines(tb))
        lines = max_lines(tb);
    return 2 * pad_y + lines * line_h;
}

/* The wrapped line the caret (or any offset) is on: the last one that
 * starts at or before it. */
static size_t line_of(const struct widget_textbox *tb, size_t offset)
{
    if (!tb->wrap.count || offset < tb->wrap_start)
        return 0;
    size_t rel = offset - tb->wrap_start;
    size_t lo = 0, hi = tb->wrap.count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tb->wrap.lines[mid].start <= rel)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* x of offset on its line, from the text's left edge. */
static int x_of(struct ui *ui, const struct widget_textbox *tb, size_t line, size_t offset)
{
    if (!tb->wrap.count)
        return 0;
    const struct wrap_line *l = &tb->wrap.lines[line];
    size_t start = tb->wrap_start + l->start;
    size_t end = start + l->len;
    if (offset < start)
        offset = start;
    if (offset > end)
        offset = end;
    return ui_text_width(ui, UI_FONT_BODY, tb->edit.text + start, offset - start);
}

/* The offset nearest to x on a line. */
static size_t offset_on_line(struct ui *ui, const struct widget_textbox *tb, size_t line, int x)
{
    const struct wrap_line *l = &tb->wrap.lines[line];
    size_t start = tb->wrap_start + l->start;
    return start + textedit_offset_at_x(tb->edit.text + start, l->len, x, measure_body, ui);
}

/* Up or Down by one wrapped line; false on the first / last line (the key
 * is then left for the owner). */
static bool move_line(struct ui *ui, struct widget_textbox *tb, int width, int dir, bool extend)
{
    multi_layout(ui, tb, width);
    if (!tb->wrap.count)
        return false;
    size_t line = line_of(tb, tb->edit.caret);
    if ((dir < 0 && line == 0 && tb->wrap_start == 0) ||
        (dir > 0 && line + 1 >= tb->wrap.count && tb->wrap_end == tb->edit.len)) {
        if (!extend)
            return false; /* the owner's: the history */
        /* Shift on the first or last line selects to the start or the end. */
        textedit_move(&tb->edit, dir < 0 ? TEXTEDIT_DOC_START : TEXTEDIT_DOC_END, true);
        return true;
    }
    if (tb->goal_x < 0)
        tb->goal_x = x_of(ui, tb, line, tb->edit.caret);
    size_t target;
    if (dir < 0 && line == 0)
        target = tb->wrap_start - 1; /* before the window: the window follows the caret */
    else if (dir > 0 && line + 1 >= tb->wrap.count)
        target = tb->wrap_end;
    else
        target = offset_on_line(ui, tb, dir < 0 ? line - 1 : line + 1, tb->goal_x);
    int goal = tb->goal_x;
    textedit_set_caret(&tb->edit, target, extend);
    tb->goal_x = goal; /* set_caret is not a sideways move */
    return true;
}

/* ---- keys ------------------------------------------------------------------------ */

static int textbox_keys(struct ui *ui, struct widget_textbox *tb, int width)
{
    struct textedit *te = &tb->edit;
    int result = 0;
    for (int i = 0; i < ui->in.key_count; i++) {
        struct ui_key_event *k = &ui->in.keys[i];
        if (k->used)
            continue;
        bool shift = k->mods & UI_MOD_SHIFT;
        bool ctrl = k->mods & UI_MOD_CTRL;
        bool used = true;
        bool changed = false;
        bool keep_goal = false;
        switch (k->key) {
        case UI_KEY_NONE:
            changed = put_text(tb, ui->in.text + k->text_start, k->text_len, false);
            break;
        case UI_KEY_LEFT:
            textedit_move(te, ctrl ? TEXTEDIT_WORD_LEFT : TEXTEDIT_LEFT, shift);
            break;
        case UI_KEY_RIGHT:
            textedit_move(te, ctrl ? TEXTEDIT_WORD_RIGHT : TEXTEDIT_RIGHT, shift);
            break;
        case UI_KEY_UP:
        case UI_KEY_DOWN:
            used = tb->multiline && !ctrl &&
                   move_line(ui, tb, width, k->key == UI_KEY_UP ? -1 : 1, shift);
            keep_goal = true;
            break;
        case UI_KEY_HOME:
        case UI_KEY_END:
            /* Ctrl+Home/End scroll the conversation; with Shift they select
             * to the start or end of the text. */
            used = !(ctrl && !shift);
            if (used) {
                bool home = k->key == UI_KEY_HOME;
                enum textedit_move m = ctrl ? (home ? TEXTEDIT_DOC_START : TEXTEDIT_DOC_END)
                                            : (home ? TEXTEDIT_LINE_START : TEXTEDIT_LINE_END);
                textedit_move(te, m, shift);
            }
            break;
        case UI_KEY_BACKSPACE:
            if (ctrl && !textedit_has_selection(te))
                textedit_move(te, TEXTEDIT_WORD_LEFT, true);
            changed = textedit_backspace(te);
            break;
        case UI_KEY_DELETE:
            if (ctrl && !textedit_has_selection(te))
                textedit_move(te, TEXTEDIT_WORD_RIGHT, true);
            changed = textedit_delete(te);
            break;
        case UI_KEY_ENTER:
            if (tb->multiline && shift && !ctrl) {
                changed = textedit_insert(te, "\n", 1);
            } else {
                result |= UI_RESULT_SUBMIT;
                tb->submit_shift = shift;
            }
            break;
        case UI_KEY_A:
            used = ctrl;
            if (ctrl)
                textedit_select_all(te);
            break;
        case UI_KEY_C:
            used = ctrl;
            if (ctrl)
                copy_selection(ui, te);
            break;
        case UI_KEY_X:
            used = ctrl;
            if (ctrl) {
                copy_selection(ui, te);
                changed = textedit_delete_selection(te);
            }
            break;
        case UI_KEY_V:
            used = ctrl;
            if (ctrl && ui->clipboard_get) {
                char *clip = ui->clipboard_get(ui->clipboard_user);
                if (clip) {
                    changed = put_text(tb, clip, strlen(clip), true);
                    free(clip);
                }
            }
            break;
        case UI_KEY_Z:
            used = ctrl;
            if (ctrl)
                changed = shift ? textedit_redo(te) : textedit_undo(te);
            break;
        case UI_KEY_Y:
            used = ctrl;
            if (ctrl)
                changed = textedit_redo(te);
            break;
        default:
            used = false;
            break;
        }
        if (used) {
            k->used = true;
            if (!keep_goal)
                tb->goal_x = -1;
        }
        if (changed)
            result |= UI_RESULT_CHANGE;
        if (result & UI_RESULT_SUBMIT) {
            /* What was typed after Enter belongs to the next message. */
            ui_keep_keys_from(ui, i + 1);
            break;
        }
    }
    return result;
}

/* The caret blinks for 10 s after the last input, then stays solid, so an
 * idle window makes no frames at all. */
static void draw_caret(struct ui *ui, const struct theme *t, ui_rect caret)
{
    ui->want_text_input = true;
    ui->text_input_rect = caret;
    uint64_t since = ui->now_ms - ui->last_input_ms;
    const uint64_t period = 530, blink_for = 10000;
    bool on = since >= blink_for || (since / period) % 2 == 0;
    if (on)
        ui_draw_rect(ui, caret, t->caret, 0);
    if (since < blink_for)
        ui_request_frame(ui, (int)(period - since % period));
}

/* The input method's text being composed, underlined at the caret, over
 * whatever follows it. */
static void draw_composing(struct ui *ui, const struct theme *t, int x, int y, int line_h)
{
    const char *text = ui->in.composing;
    size_t len = strlen(text);
    if (!len)
        return;
    int w = ui_text_width(ui, UI_FONT_BODY, text, len);
    ui_draw_rect(ui, (ui_rect){x, y, w + ui_px(ui, 2), line_h}, t->input_bg, 0);
    ui_draw_text(ui, UI_FONT_BODY, text, len, x, y, t->input_text);
    ui_draw_rect(ui, (ui_rect){x, y + line_h - ui_px(ui, 2), w, ui_px(ui, 1)}, t->input_text, 0);
    size_t at = (size_t)ui->in.composing_caret < len ? (size_t)ui->in.composing_caret : len;
    ui->text_input_rect = (ui_rect){x + ui_text_width(ui, UI_FONT_BODY, text, at), y, ui_px(ui, 2), line_h};
}

/* ---- multiline --------------------------------------------------------------------- */

static int multi_textbox(struct ui *ui, const struct theme *t, struct widget_textbox *tb, ui_rect r,
                         const char *placeholder, uint32_t id, int result)
{
    struct textedit *te = &tb->edit;
    int pad_x = ui_px(ui, TEXTBOX_PAD), pad_y = ui_px(ui, 11);
    ui_rect inner = {r.x + pad_x, r.y + pad_y, r.w - 2 * pad_x - tb->reserve_right, r.h - 2 * pad_y};
    int line_h = ui_text_height(ui, UI_FONT_BODY);

    /* The mouse, against the layout of the last frame. */
    multi_layout(ui, tb, r.w);
    bool pressed = result & UI_RESULT_PRESS;
    bool dragging = !pressed && ui->active == id && (ui->in.mouse_down & UI_MOUSE_LEFT);
    if ((pressed || (dragging && ui->active_clicks < 2)) && tb->wrap.count) {
        int my = ui->in.mouse_y - inner.y + tb->scroll_y;
        long line = my < 0 ? 0 : my / line_h;
        if (line >= (long)tb->wrap.count)
            line = (long)tb->wrap.count - 1;
        size_t at = offset_on_line(ui, tb, (size_t)line, ui->in.mouse_x - inner.x);
        if (pressed && ui->in.clicks >= 3)
            textedit_select_line(te, at);
        else if (pressed && ui->in.clicks == 2)
            textedit_select_word(te, at);
        else
            textedit_set_caret(te, at, dragging || (pressed && (ui->in.mouse_mods & UI_MOD_SHIFT)));
        ui->last_input_ms = ui->now_ms;
        tb->goal_x = -1;
    }
    if (ui->in.wheel_y != 0.0f && ui_mouse_over(ui, r)) {
        tb->scroll_y -= (int)(ui->in.wheel_y * (float)(3 * line_h));
        ui->in.wheel_y = 0.0f; /* the box scrolled; the list does not */
    }

    bool focused = ui->focus == id;
    if (focused)
        result |= textbox_keys(ui, tb, r.w);

    /* Lay out what the keys made and keep the caret in view. */
    multi_layout(ui, tb, r.w);
    size_t caret_line = line_of(tb, te->caret);
    int caret_x = x_of(ui, tb, caret_line, te->caret);
    int content_h = (int)(tb->wrap.count ? tb->wrap.count : 1) * line_h;
    int view_h = inner.h;
    if (focused && (result & (UI_RESULT_CHANGE | UI_RESULT_PRESS) || ui->in.key_count)) {
        if ((int)caret_line * line_h < tb->scroll_y)
            tb->scroll_y = (int)caret_line * line_h;
        if (((int)caret_line + 1) * line_h > tb->scroll_y + view_h)
            tb->scroll_y = ((int)caret_line + 1) * line_h - view_h;
    }
    if (tb->scroll_y > content_h - view_h)
        tb->scroll_y = content_h - view_h;
    if (tb->scroll_y < 0)
        tb->scroll_y = 0;

    ui_draw_box(ui, r, t->input_bg, focused ? t->input_focus : t->input_border,
                ui_px(ui, focused ? 2 : 1), ui_px(ui, 8));
    ui_push_clip(ui, (ui_rect){inner.x - ui_px(ui, 2), inner.y, inner.w + ui_px(ui, 4), inner.h});
    size_t sel_a, sel_b;
    textedit_selection(te, &sel_a, &sel_b);
    size_t first = (size_t)(tb->scroll_y / line_h);
    for (size_t i = first; i < tb->wrap.count; i++) {
        int y = inner.y + (int)i * line_h - tb->scroll_y;
        if (y >= inner.y + inner.h)
            break;
        const struct wrap_line *l = &tb->wrap.lines[i];
        size_t start = tb->wrap_start + l->start, end = start + l->len;
        if (sel_a < sel_b && sel_a <= end && sel_b >= start) {
            size_t a = sel_a > start ? sel_a : start, b = sel_b < end ? sel_b : end;
            int xa = x_of(ui, tb, i, a), xb = x_of(ui, tb, i, b);
            /* A selected line break shows as a little more selection. */
            if (sel_b > end && i + 1 < tb->wrap.count)
                xb += ui_px(ui, 5);
            if (xb > xa)
                ui_draw_rect(ui, (ui_rect){inner.x + xa, y, xb - xa, line_h},
                             focused ? t->selection : t->disabled_bg, 0);
        }
        ui_draw_text(ui, UI_FONT_BODY, te->text + start, l->len, inner.x, y, t->input_text);
        /* What the owner marked wrong: a red line under it on this line. */
        if (tb->mark_start != SIZE_MAX && tb->mark_start <= end && tb->mark_end >= start) {
            size_t a = tb->mark_start > start ? tb->mark_start : start;
            size_t b = tb->mark_end < end ? tb->mark_end : end;
            int xa = x_of(ui, tb, i, a), xb = x_of(ui, tb, i, b);
            if (xb - xa < ui_px(ui, 6)) /* a spot (a missing '='): a short mark */
                xb = xa + ui_px(ui, 6);
            if (tb->mark_start < end || tb->mark_end == tb->mark_start)
                ui_draw_rect(ui, (ui_rect){inner.x + xa, y + line_h - ui_px(ui, 2), xb - xa, ui_px(ui, 2)},
                             t->failed_border, 0);
        }
    }
    if (te->len == 0 && placeholder)
        widget_text_fit(ui, UI_FONT_BODY, placeholder, strlen(placeholder), inner.x + (focused ? 3 : 0),
                        inner.y, inner.w - 3, t->placeholder);
    if (focused) {
        ui_rect caret = {inner.x + caret_x, inner.y + (int)caret_line * line_h - tb->scroll_y,
                         ui_px(ui, 2), line_h};
        draw_caret(ui, t, caret);
        draw_composing(ui, t, caret.x, caret.y, line_h);
    }
    ui_pop_clip(ui);
    return result;
}

/* ---- one line ------------------------------------------------------------------------- */

/* The window of text laid out this frame: all of it when short, else
 * 2 * TEXTBOX_WINDOW bytes that move (keeping the caret where it was on
 * screen) only when the caret nears an edge. */
static void line_window(struct widget_textbox *tb, size_t *start, size_t *end)
{
    const struct textedit *te = &tb->edit;
    const size_t w = TEXTBOX_WINDOW;
    if (te->len <= 2 * w) {
        *start = 0;
        *end = te->len;
        return;
    }
    size_t s = tb->window_start <= te->len ? tb->window_start : 0;
    bool near_start = s > 0 && te->caret < s + w / 4;
    bool near_end = s + 2 * w < te->len && te->caret > s + 2 * w - w / 4;
    if (te->caret < s || near_start || near_end)
        s = te->caret > w ? te->caret - w : 0;
    *start = code_point_start(te->text, s);
    *end = *start + 2 * w < te->len ? code_point_start(te->text, *start + 2 * w) : te->len;
}

static size_t window_offset_at(const struct textedit *te, size_t start, size_t end, int x, struct ui *ui)
{
    return start + textedit_offset_at_x(te->text + start, end - start, x, measure_body, ui);
}

static int line_textbox(struct ui *ui, const struct theme *t, struct widget_textbox *tb, ui_rect r,
                        const char *placeholder, uint32_t id, int result)
{
    struct textedit *te = &tb->edit;
    ui_rect inner = ui_rect_inset(r, ui_px(ui, TEXTBOX_PAD), 0);
    inner.w -= tb->reserve_right;

    /* Mouse: a press places the caret (Shift extends), a double click
     * selects a word, a drag selects. Hit-tested against what was drawn
     * last frame. */
    size_t ws, we;
    line_window(tb, &ws, &we);
    bool pressed = result & UI_RESULT_PRESS;
    bool dragging = !pressed && ui->active == id && (ui->in.mouse_down & UI_MOUSE_LEFT);
    if (pressed || (dragging && ui->active_clicks < 2)) {
        if (ws != tb->window_start) /* the text changed under the window: re-anchor */
            tb->scroll_x = ui_text_width(ui, UI_FONT_BODY, te->text + ws, te->caret - ws) - tb->caret_x;
        size_t at = window_offset_at(te, ws, we, ui->in.mouse_x - (inner.x - tb->scroll_x), ui);
        if (pressed && ui->in.clicks >= 3)
            textedit_select_all(te);
        else if (pressed && ui->in.clicks == 2)
            textedit_select_word(te, at);
        else
            textedit_set_caret(te, at, dragging || (pressed && (ui->in.mouse_mods & UI_MOD_SHIFT)));
        ui->last_input_ms = ui->now_ms;
        tb->window_start = ws;
    }

    bool focused = ui->focus == id;
    if (focused)
        result |= textbox_keys(ui, tb, r.w);

    /* Lay out the window; when it moved, keep the caret where it was. */
    size_t old_start = tb->window_start;
    line_window(tb, &ws, &we);
    int caret_px = ui_text_width(ui, UI_FONT_BODY, te->text + ws, te->caret - ws);
    if (ws != old_start)
        tb->scroll_x = caret_px - tb->caret_x;
    tb->window_start = ws;
    int total_px = ui_text_width(ui, UI_FONT_BODY, te->text + ws, we - ws);
    int edge = ui_px(ui, 2);
    if (caret_px - tb->scroll_x > inner.w - edge)
        tb->scroll_x = caret_px - inner.w + edge;
    if (caret_px - tb->scroll_x < 0)
        tb->scroll_x = caret_px;
    if (we == te->len && total_px - tb->scroll_x < inner.w - edge)
        tb->scroll_x = total_px - inner.w + edge;
    if (ws == 0 && tb->scroll_x < 0)
        tb->scroll_x = 0;
    tb->caret_x = caret_px - tb->scroll_x;
    int text_x = inner.x - tb->scroll_x;

    ui_draw_box(ui, r, t->input_bg, focused ? t->input_focus : t->input_border,
                ui_px(ui, focused ? 2 : 1), ui_px(ui, 8));
    int th = ui_text_height(ui, UI_FONT_BODY);
    int ty = r.y + (r.h - th) / 2;
    ui_rect clip = ui_rect_inset(r, edge, edge);
    clip.w -= tb->reserve_right;
    ui_push_clip(ui, clip);

    size_t sel_a, sel_b;
    textedit_selection(te, &sel_a, &sel_b);
    sel_a = sel_a < ws ? ws : sel_a > we ? we : sel_a;
    sel_b = sel_b < ws ? ws : sel_b > we ? we : sel_b;
    if (sel_a != sel_b) {
        int xa = ui_text_width(ui, UI_FONT_BODY, te->text + ws, sel_a - ws);
        int xb = ui_text_width(ui, UI_FONT_BODY, te->text + ws, sel_b - ws);
        ui_draw_rect(ui, (ui_rect){text_x + xa, ty, xb - xa, th}, focused ? t->selection : t->disabled_bg, 0);
    }
    if (te->len == 0 && placeholder) {
        int px = inner.x + (focused ? 3 : 0); /* clear of the caret */
        widget_text_fit(ui, UI_FONT_BODY, placeholder, strlen(placeholder), px, ty, inner.w - 3, t->placeholder);
    } else if (total_px <= TEXTBOX_MAX_DRAW_WIDTH) {
        ui_draw_text(ui, UI_FONT_BODY, te->text + ws, we - ws, text_x, ty, t->input_text);
    } else {
        /* Only the part in view, so no texture holds a whole paste. */
        size_t start = window_offset_at(te, ws, we, tb->scroll_x - 64, ui);
        size_t end = window_offset_at(te, ws, we, tb->scroll_x + inner.w + 64, ui);
        int sx = ui_text_width(ui, UI_FONT_BODY, te->text + ws, start - ws);
        ui_draw_text(ui, UI_FONT_BODY, te->text + start, end - start, text_x + sx, ty, t->input_text);
    }
    if (tb->mark_start < tb->mark_end && tb->mark_start != SIZE_MAX && te->len) {
        /* What the owner marked wrong, underlined in red (in the window). */
        size_t a = tb->mark_start < ws ? ws : tb->mark_start > we ? we : tb->mark_start;
        size_t b = tb->mark_end < ws ? ws : tb->mark_end > we ? we : tb->mark_end;
        int xa = ui_text_width(ui, UI_FONT_BODY, te->text + ws, a - ws);
        int xb = ui_text_width(ui, UI_FONT_BODY, te->text + ws, b - ws);
        if (xb - xa < ui_px(ui, 6))
            xb = xa + ui_px(ui, 6);
        ui_draw_rect(ui, (ui_rect){text_x + xa, ty + th - ui_px(ui, 2), xb - xa, ui_px(ui, 2)}, t->failed_border, 0);
    }
    if (focused) {
        ui_rect caret = {text_x + caret_px, ty, ui_px(ui, 2), th};
        draw_caret(ui, t, caret);
        draw_composing(ui, t, caret.x, ty, th);
    }
    ui_pop_clip(ui);
    return result;
}

int widget_textbox(struct ui *ui, const struct theme *t, struct widget_textbox *tb, ui_rect r,
                   const char *placeholder)
{
    uint32_t id = widget_textbox_id(ui, tb);
    tb->id = id;
    int result = ui_interact(ui, id, r, true);
    if (result & UI_RESULT_HOVER)
        ui->cursor = UI_CURSOR_TEXT;
    result = tb->multiline ? multi_textbox(ui, t, tb, r, placeholder, id, result)
                           : line_textbox(ui, t, tb, r, placeholder, id, result);
    return result & (UI_RESULT_SUBMIT | UI_RESULT_CHANGE | UI_RESULT_HOVER);
}
