/* SPDX-License-Identifier: MIT */
/* connbar: the connection bar and its drop-down of recent URLs (see
 * connbar.h). */
#include "connbar.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"
#include "search.h"
#include "url.h"

void connbar_init(struct connbar *c)
{
    memset(c, 0, sizeof *c);
    widget_textbox_init(&c->url, false);
    c->pick = -1;
}

void connbar_free(struct connbar *c)
{
    textedit_free(&c->url.edit);
    widget_textbox_free(&c->url);
}

void connbar_focus(struct connbar *c, struct ui *ui)
{
    ui_set_focus(ui, widget_textbox_id(ui, &c->url));
    ui->focus_from_keys = true;
    textedit_select_all(&c->url.edit);
}

/* Shift+Delete forgets the picked URL (as the README says). ui_take_key
 * ignores Shift, and plain Delete belongs to the field (it deletes the
 * character after the caret). */
static bool take_shift_delete(struct ui *ui)
{
    for (int i = 0; i < ui->in.key_count; i++) {
        struct ui_key_event *k = &ui->in.keys[i];
        if (!k->used && k->key == UI_KEY_DELETE &&
            (k->mods & (UI_MOD_SHIFT | UI_MOD_CTRL | UI_MOD_ALT)) == UI_MOD_SHIFT) {
            k->used = true;
            return true;
        }
    }
    return false;
}

/* The rows the drop-down shows: indexes into the recent list. */
static size_t dropdown_rows(const struct connbar *c, const struct recent *recent, int rows[RECENT_MAX])
{
    size_t n = 0;
    if (!recent)
        return 0;
    const struct textedit *te = &c->url.edit;
    /* Filtered, case-insensitively (search.c's folding) by what is typed. */
    bool filter = c->list_filtered && te->len > 0;
    struct search_query q;
    if (filter)
        search_prepare(&q, te->text, te->len);
    for (size_t i = 0; i < recent->count; i++) {
        const char *url = recent->urls[i];
        if (!filter || search_next(&q, url, strlen(url), 0) != SIZE_MAX)
            rows[n++] = (int)i;
    }
    return n;
}

static int dropdown_row_h(struct ui *ui)
{
    return ui_text_height(ui, UI_FONT_BODY) + ui_px(ui, 14);
}

static ui_rect dropdown_rect(struct ui *ui, const struct connbar *c, size_t rows)
{
    ui_rect f = c->url_rect;
    int h = (int)rows * dropdown_row_h(ui) + ui_px(ui, 8);
    return (ui_rect){f.x, f.y + f.h + ui_px(ui, 4), f.w, h};
}

static void dropdown_close(struct connbar *c)
{
    c->list_open = false;
    c->list_filtered = false;
    c->pick = -1;
}

/* Checks the field's text when it changed: its error, and its red mark. */
static void check_url(struct connbar *c)
{
    uint64_t version = c->url.edit.version + 1;
    if (c->checked == version)
        return;
    c->checked = version;
    c->error[0] = '\0';
    struct url u;
    char why[128];
    if (c->url.edit.len && !url_parse(c->url.edit.text, &u, why, sizeof why))
        snprintf(c->error, sizeof c->error, "%s", why);
}

/* The person asked to connect to what the field says. */
static void connect_from_field(struct connbar *c, struct ui *ui, const struct chat *chat, uint32_t home,
                               struct connbar_actions *actions)
{
    check_url(c);
    if (c->error[0] || !c->url.edit.len)
        return; /* the reason is shown under the field */
    if (strcmp(c->url.edit.text, chat->url) == 0) {
        actions->connect = true;
    } else {
        snprintf(c->chosen, sizeof c->chosen, "%s", c->url.edit.text);
        actions->connect_url = c->chosen;
    }
    c->edited = false;
    dropdown_close(c);
    ui_set_focus(ui, home);
}

/* Keys for the field, before it draws: the open drop-down's (Up, Down,
 * Shift+Delete, Enter), Escape, and Down that opens the drop-down. */
static void field_keys(struct connbar *c, struct ui *ui, const struct chat *chat, const struct recent *recent,
                       uint32_t home, struct connbar_actions *actions)
{
    struct textedit *te = &c->url.edit;
    int rows[RECENT_MAX];
    size_t row_count = dropdown_rows(c, recent, rows);
    if (c->list_open && row_count) {
        while (ui_take_key(ui, UI_KEY_DOWN, 0))
            c->pick = c->pick + 1 < (int)row_count ? c->pick + 1 : 0;
        while (ui_take_key(ui, UI_KEY_UP, 0))
            c->pick = c->pick > 0 ? c->pick - 1 : (int)row_count - 1;
        if (c->pick >= 0 && c->pick < (int)row_count && take_shift_delete(ui)) {
            actions->forget_recent = rows[c->pick] + 1;
            c->pick = -1;
        }
        if (c->pick >= 0 && c->pick < (int)row_count && ui_take_key(ui, UI_KEY_ENTER, 0)) {
            const char *url = recent->urls[rows[c->pick]];
            textedit_set(te, url, strlen(url));
            c->edited = true;
            connect_from_field(c, ui, chat, home, actions);
        }
    }
    if (ui_take_key(ui, UI_KEY_ESCAPE, 0)) {
        if (c->list_open) {
            dropdown_close(c);
        } else {
            /* Back to where it is connected, and to the message box. */
            textedit_set(te, chat->url, strlen(chat->url));
            c->edited = false;
            ui_set_focus(ui, home);
        }
    }
    if (recent && recent->count > 0 && !c->list_open &&
        (ui_take_key(ui, UI_KEY_DOWN, 0) || ui_take_key(ui, UI_KEY_DOWN, UI_MOD_ALT))) {
        c->list_open = true;
        c->list_filtered = false;
        c->pick = 0;
    }
}

/* The ▾ inside the field's right end: opens or closes the whole list. */
static void draw_arrow(struct connbar *c, struct ui *ui, const struct theme *t, uint32_t field_id)
{
    int r = ui_interact(ui, ui_id_str(ui, "recent-urls"), c->recent_rect, false);
    if (r & UI_RESULT_HOVER)
        ui->cursor = UI_CURSOR_HAND;
    if ((r & UI_RESULT_HOVER) || c->list_open)
        ui_draw_rect(ui, c->recent_rect, t->window_bg, ui_px(ui, 6));
    const char *arrow = "\xE2\x96\xBE"; /* ▾ */
    int aw = ui_text_width(ui, UI_FONT_BODY, arrow, 3);
    int ah = ui_text_height(ui, UI_FONT_BODY);
    ui_draw_text(ui, UI_FONT_BODY, arrow, 3, c->recent_rect.x + (c->recent_rect.w - aw) / 2,
                 c->recent_rect.y + (c->recent_rect.h - ah) / 2, t->text_muted);
    if (r & UI_RESULT_CLICK) {
        if (c->list_open && !c->list_filtered) {
            dropdown_close(c);
        } else {
            c->list_open = true;
            c->list_filtered = false;
            c->pick = -1;
        }
        ui_set_focus(ui, field_id);
    }
}

/* Connect, or Disconnect while connected to what the field says. */
static void draw_button(struct connbar *c, struct ui *ui, const struct theme *t, const struct chat *chat,
                        uint32_t home, struct connbar_actions *actions)
{
    struct textedit *te = &c->url.edit;
    bool up = chat->connection == CHAT_CONNECTED || chat->connection == CHAT_CONNECTING ||
              chat->connection == CHAT_STARTING;
    /* (After the field: what was typed this frame counts.) */
    bool elsewhere = c->edited && te->len && strcmp(te->text, chat->url) != 0;
    bool disconnect = up && !elsewhere;
    const char *label = tr(disconnect ? I18N_DISCONNECT : I18N_CONNECT);
    enum button_kind kind = disconnect ? BUTTON_DANGER : BUTTON_CONNECT;
    /* Its own id: the input row's button can read "Connect" too, and a
     * release must not end up at the other one. */
    ui_push_id(ui, ui_id_str(ui, "connection-bar"));
    int b = widget_button(ui, t, label, c->connect_rect, kind, true);
    ui_pop_id(ui);
    if ((b & UI_RESULT_CLICK) && !(b & UI_RESULT_DOUBLE)) {
        if (disconnect) {
            actions->close = true;
            ui_set_focus(ui, home);
        } else {
            c->edited = c->edited || te->len;
            connect_from_field(c, ui, chat, home, actions);
        }
    }
}

void connbar_frame(struct connbar *c, struct ui *ui, const struct theme *t, const struct chat *chat,
                   const struct recent *recent, ui_rect bar, uint32_t home, struct connbar_actions *actions)
{
    memset(actions, 0, sizeof *actions);
    c->bar_rect = bar;
    /* The open drop-down (drawn last, over the rest) takes the mouse where it lies. */
    if (c->list_open && c->dropdown_rect.w > 0)
        ui_set_overlay(ui, c->dropdown_rect);
    struct textedit *te = &c->url.edit;
    uint32_t field_id = widget_textbox_id(ui, &c->url);
    bool focused = ui->focus == field_id;

    /* Follow the chat's URL, unless the person is editing the field. */
    if (strcmp(chat->url, c->url_taken) != 0) {
        snprintf(c->url_taken, sizeof c->url_taken, "%s", chat->url);
        if (!c->edited)
            textedit_set(te, chat->url, strlen(chat->url));
    }
    if (!c->edited && !focused && strcmp(te->text, chat->url) != 0)
        textedit_set(te, chat->url, strlen(chat->url));

    int button_w = widget_button_width(ui, tr(I18N_DISCONNECT));
    int connect_w = widget_button_width(ui, tr(I18N_CONNECT));
    if (connect_w > button_w)
        button_w = connect_w;
    struct layout_row row = layout_bar(ui, &metrics_bar, bar, 0);
    c->connect_rect = layout_right(&row, button_w);
    c->url_rect = layout_rest(&row);
    bool has_recent = recent && recent->count > 0;
    /* The ▾ sits inside the field, at its right end. */
    int arrow_w = has_recent ? c->url_rect.h : 0;
    ui_rect arrow = {c->url_rect.x + c->url_rect.w - arrow_w, c->url_rect.y, arrow_w, c->url_rect.h};
    c->recent_rect = ui_rect_inset(arrow, ui_px(ui, 4), ui_px(ui, 4));
    c->url.reserve_right = arrow_w;

    ui_draw_rect(ui, bar, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){bar.x, bar.y + bar.h - ui_px(ui, 1), bar.w, ui_px(ui, 1)}, t->bar_border, 0);

    if (focused)
        field_keys(c, ui, chat, recent, home, actions);
    check_url(c);
    bool bad = c->error[0] && c->edited;
    c->url.mark_start = bad ? 0 : SIZE_MAX;
    c->url.mark_end = bad ? te->len : SIZE_MAX;
    int result = widget_textbox(ui, t, &c->url, c->url_rect, tr(I18N_URL_PLACEHOLDER));
    if (result & UI_RESULT_CHANGE) {
        /* The red line under a bad URL comes with the next frame. */
        check_url(c);
        ui_request_frame(ui, 1);
        c->edited = true;
        /* Typing shows the recent URLs that hold the text. */
        int rows[RECENT_MAX];
        c->list_filtered = true;
        c->list_open = te->len > 0 && dropdown_rows(c, recent, rows);
        c->pick = -1;
    }
    if (result & UI_RESULT_SUBMIT)
        connect_from_field(c, ui, chat, home, actions);
    if (has_recent)
        draw_arrow(c, ui, t, field_id);
    draw_button(c, ui, t, chat, home, actions);
}

void connbar_overlay(struct connbar *c, struct ui *ui, const struct theme *t, const struct chat *chat,
                     const struct recent *recent, uint32_t home, struct connbar_actions *actions)
{
    memset(actions, 0, sizeof *actions);
    ui_set_overlay(ui, (ui_rect){0, 0, 0, 0});
    if (c->error[0] && c->edited && c->url.edit.len) {
        /* Why it is not a URL, just under the field. */
        char why[256];
        snprintf(why, sizeof why, tr(I18N_URL_INVALID), tr_url_error(c->error));
        ui_rect r = widget_tag_size(ui, &widget_tag_warning, why);
        r.x = c->url_rect.x;
        r.y = c->url_rect.y + c->url_rect.h + ui_px(ui, 4);
        widget_tag(ui, &widget_tag_warning, why, r, t->tag_bg, t->tag_text, c->bar_rect.w - r.x - ui_px(ui, 16));
        return; /* (no drop-down over it) */
    }
    int rows[RECENT_MAX];
    size_t n = c->list_open ? dropdown_rows(c, recent, rows) : 0;
    if (!n) {
        if (c->list_open && !c->list_filtered)
            dropdown_close(c);
        c->dropdown_rect = (ui_rect){0, 0, 0, 0};
        return;
    }
    ui_rect box = dropdown_rect(ui, c, n);
    c->dropdown_rect = box;
    /* A press anywhere else closes it. */
    if ((ui->in.mouse_pressed & UI_MOUSE_LEFT) && !ui_rect_contains(box, ui->in.mouse_x, ui->in.mouse_y) &&
        !ui_rect_contains(c->recent_rect, ui->in.mouse_x, ui->in.mouse_y) &&
        !ui_rect_contains(c->url_rect, ui->in.mouse_x, ui->in.mouse_y)) {
        dropdown_close(c);
        return;
    }
    ui_draw_box(ui, (ui_rect){box.x - ui_px(ui, 1), box.y - ui_px(ui, 1), box.w + ui_px(ui, 2), box.h + ui_px(ui, 2)},
                t->tooltip_bg, t->tooltip_bg, 0, ui_px(ui, 9)); /* a thin dark edge */
    ui_draw_box(ui, box, t->input_bg, t->input_border, ui_px(ui, 1), ui_px(ui, 8));
    int row_h = dropdown_row_h(ui), th = ui_text_height(ui, UI_FONT_BODY);
    bool moved = ui->in.mouse_x != c->mouse_x || ui->in.mouse_y != c->mouse_y || ui->in.mouse_pressed;
    c->mouse_x = ui->in.mouse_x;
    c->mouse_y = ui->in.mouse_y;
    const char *forget = "\xC3\x97"; /* × */
    int forget_w = row_h;
    for (size_t i = 0; i < n; i++) {
        const char *url = recent->urls[rows[i]];
        ui_rect r = {box.x + ui_px(ui, 4), box.y + ui_px(ui, 4) + (int)i * row_h, box.w - ui_px(ui, 8), row_h};
        ui_rect x_rect = {r.x + r.w - forget_w, r.y, forget_w, r.h};
        ui_push_id(ui, (uint32_t)rows[i] + 1);
        int xr = ui_interact(ui, ui_id_str(ui, "forget"), x_rect, false);
        int rr = ui_interact(ui, ui_id_str(ui, "recent"), r, false);
        ui_pop_id(ui);
        bool hover = (rr | xr) & UI_RESULT_HOVER;
        if (hover && moved && c->pick != (int)i) {
            /* The keys pick too: the mouse only when it moves. (Rows above
             * were drawn with the old pick: draw again.) */
            c->pick = (int)i;
            ui_request_frame(ui, 1);
        }
        bool picked = c->pick == (int)i;
        if (picked)
            ui_draw_rect(ui, r, t->selection, ui_px(ui, 6));
        bool current = strcmp(url, chat->url) == 0;
        int text_w = r.w - ui_px(ui, 12) - forget_w;
        widget_text_fit(ui, UI_FONT_BODY, url, strlen(url), r.x + ui_px(ui, 8), r.y + (r.h - th) / 2, text_w,
                        current ? t->primary_bg : t->input_text);
        if (picked) {
            int fw = ui_text_width(ui, UI_FONT_BODY, forget, 2);
            ui_draw_text(ui, UI_FONT_BODY, forget, 2, x_rect.x + (x_rect.w - fw) / 2, r.y + (r.h - th) / 2,
                         (xr & UI_RESULT_HOVER) ? t->failed_border : t->text_muted);
        }
        if (hover)
            ui->cursor = UI_CURSOR_HAND;
        if (xr & UI_RESULT_CLICK) {
            actions->forget_recent = rows[i] + 1;
            c->pick = -1;
            ui_set_focus(ui, widget_textbox_id(ui, &c->url));
            ui_request_frame(ui, 1);
            break;
        }
        if ((rr & UI_RESULT_CLICK) && !(xr & UI_RESULT_HOVER)) {
            textedit_set(&c->url.edit, url, strlen(url));
            c->edited = true;
            connect_from_field(c, ui, chat, home, actions);
            ui_request_frame(ui, 1);
            break;
        }
    }
}
