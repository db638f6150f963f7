/* SPDX-License-Identifier: MIT */
/* view: see view.h. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binenc.h"
#include "display.h"
#include "i18n.h"
#include "platform.h"
#include "layout.h"
#include "statusbar.h"

/* Sizes in layout units (ui_px turns them into pixels). */
#define STATUS_H 44
#define BAR_H 56
#define INPUT_ROW_H 64
#define INPUT_MIN_W 140 /* narrow windows squeeze the buttons before the message box goes under this */
#define LIST_MIN_H 120  /* a tiny window keeps this much list before the offline strip */
#define OFFER_GAP 12
void view_init(struct view *view)
{
    memset(view, 0, sizeof *view);
    widget_textbox_init(&view->input, true);
    findbar_init(&view->findbar);
    exportbar_init(&view->exportbar);
    connbar_init(&view->conn);
    history_init(&view->history);
    list_init(&view->list);
    panel_init(&view->panel);
    framemenu_init(&view->frames);
    openbar_init(&view->openbar);
    chart_init(&view->chart);
    view->theme = &theme_light;
}

void view_free(struct view *view)
{
    view_hide_recording(view);
    list_free(&view->list);
    openbar_free(&view->openbar);
    panel_free(&view->panel);
    framemenu_free(&view->frames);
    findbar_free(&view->findbar);
    exportbar_free(&view->exportbar);
    connbar_free(&view->conn);
    widget_textbox_free(&view->input);
    history_free(&view->history);
    textedit_free(&view->input.edit);
    memset(view, 0, sizeof *view);
}

void view_sent(struct view *view)
{
    struct textedit *te = &view->input.edit;
    history_push(&view->history, te->text, te->len);
    textedit_clear(te);
}

static enum binview_format compose_format(const struct view *v)
{
    return v->compose == VIEW_COMPOSE_CBOR ? BINVIEW_CBOR : BINVIEW_MSGPACK;
}

/* MessagePack and CBOR modes: the JSON's first error, its place and why. */
static void check_encoded(struct view *v, const struct textedit *te)
{
    struct binenc_error err;
    if (binenc_from_json(compose_format(v), te->text, te->len, NULL, NULL, &err))
        return;
    v->compose_error.offset = err.offset;
    v->compose_error.length = err.length;
    if (err.fault == BINENC_NUMBER_RANGE)
        snprintf(v->compose_reason, sizeof v->compose_reason, tr(I18N_COMPOSE_NUMBER_RANGE), err.line, err.column);
    else if (err.fault == BINENC_JSON)
        snprintf(v->compose_reason, sizeof v->compose_reason, "%s", err.reason);
    else
        snprintf(v->compose_reason, sizeof v->compose_reason, "%s", tr_codec_error(CODEC_OUT_OF_MEMORY));
}

/* Checks the input against its mode (once per change of the text). */
static void check_compose(struct view *v)
{
    const struct textedit *te = &v->input.edit;
    if (v->compose_checked == te->version + 1)
        return;
    v->compose_checked = te->version + 1;
    v->compose_error = (struct codec_error){CODEC_OK, 0, 0};
    v->compose_reason[0] = '\0';
    if (!te->len)
        return; /* nothing typed: nothing wrong yet (an empty box is not underlined) */
    if (v->compose == VIEW_COMPOSE_HEX)
        codec_hex_decode(te->text, te->len, NULL, NULL, &v->compose_error);
    else if (v->compose == VIEW_COMPOSE_BASE64)
        codec_base64_decode(te->text, te->len, NULL, NULL, &v->compose_error);
    else if (v->compose != VIEW_COMPOSE_TEXT)
        check_encoded(v, te);
}

/* The text can be sent as its mode says. */
static bool compose_valid(const struct view *v)
{
    return v->compose_error.code == CODEC_OK && !v->compose_reason[0];
}

bool view_payload(struct view *v, char **data, size_t *len, bool *binary)
{
    const struct textedit *te = &v->input.edit;
    *binary = v->compose != VIEW_COMPOSE_TEXT;
    if (!*binary) {
        *data = NULL;
        *len = te->len;
        return true;
    }
    if (v->compose == VIEW_COMPOSE_MSGPACK || v->compose == VIEW_COMPOSE_CBOR) {
        struct binenc_error err;
        return binenc_from_json(compose_format(v), te->text, te->len, data, len, &err);
    }
    unsigned char *bytes = NULL;
    struct codec_error err;
    bool ok = v->compose == VIEW_COMPOSE_HEX ? codec_hex_decode(te->text, te->len, &bytes, len, &err)
                                             : codec_base64_decode(te->text, te->len, &bytes, len, &err);
    *data = (char *)bytes;
    return ok;
}

void view_recall(struct view *view, const char *text, size_t len)
{
    struct textedit *te = &view->input.edit;
    if (te->len == 0)
        textedit_set(te, text, len);
    else if (!(te->len == len && !memcmp(te->text, text, len)))
        textedit_paste(te, text, len); /* never over a draft; never twice; one undo step */
}

/* ---- the list, as the app and the tests see it --------------------------------------- */

void view_scroll_to_top(struct view *v)
{
    list_scroll_to_top(&v->list);
}

void view_scroll_to_bottom(struct view *v)
{
    list_scroll_to_bottom(&v->list);
}

int64_t view_scroll_position(const struct view *v)
{
    return list_scroll_position(&v->list);
}

int64_t view_content_height(const struct view *v)
{
    return list_content_height(&v->list);
}

/* ---- find ----------------------------------------------------------------------------- */

void view_find_open(struct view *v, struct ui *ui)
{
    v->findbar.open = true;
    ui_set_focus(ui, widget_textbox_id(ui, &v->findbar.box));
    textedit_select_all(&v->findbar.box.edit);
    ui_request_frame(ui, 1);
}

void view_find_close(struct view *v, struct ui *ui)
{
    struct find *f = &v->list.find;
    v->findbar.open = false;
    textedit_clear(&v->findbar.box.edit);
    f->query.len = 0;
    f->only_matches = f->hide_sent = f->hide_received = f->hide_system = false;
    list_restart_find(&v->list, true);
    ui_set_focus(ui, widget_textbox_id(ui, &v->input));
    ui_request_frame(ui, 1);
}

void view_find_filter(struct view *v, bool only_matches, bool hide_sent, bool hide_received, bool hide_system)
{
    struct find *f = &v->list.find;
    f->only_matches = only_matches;
    f->hide_sent = hide_sent;
    f->hide_received = hide_received;
    f->hide_system = hide_system;
    list_restart_find(&v->list, true);
}

/* Keys for the list that the text box left. */
static void list_keys(struct view *v, struct ui *ui)
{
    int page = v->list_rect.h * 9 / 10;
    if (ui_take_key(ui, UI_KEY_PAGE_UP, 0))
        v->list.scroll_pending -= (float)page;
    if (ui_take_key(ui, UI_KEY_PAGE_DOWN, 0))
        v->list.scroll_pending += (float)page;
    if (ui_take_key(ui, UI_KEY_HOME, UI_MOD_CTRL))
        view_scroll_to_top(v);
    if (ui_take_key(ui, UI_KEY_END, UI_MOD_CTRL))
        view_scroll_to_bottom(v);
    if (ui_take_key(ui, UI_KEY_L, UI_MOD_CTRL))
        v->clear_requested = true;
    if (ui_take_key(ui, UI_KEY_PLUS, UI_MOD_CTRL))
        v->zoom_requested = 1;
    if (ui_take_key(ui, UI_KEY_MINUS, UI_MOD_CTRL))
        v->zoom_requested = -1;
    if (ui_take_key(ui, UI_KEY_0, UI_MOD_CTRL))
        v->zoom_requested = VIEW_ZOOM_RESET;
    if (ui->in.key_count)
        ui_request_frame(ui, 1); /* the list moves in the next frame */
}

/* Pressing a text box opens the keyboard for it (after every text box of
 * the frame has taken its press); one no longer shown hands it back to the
 * message box. */
static void osk_follow(struct view *v, struct ui *ui)
{
    if (!v->osk_enabled)
        return;
    struct widget_textbox *boxes[] = {&v->input,       &v->conn.url,      &v->findbar.box,
                                      &v->panel.name,  &v->panel.path,    &v->frames.count,
                                      &v->frames.code, &v->frames.reason, &v->openbar.path,
                                      &v->exportbar.path};
    for (size_t i = 0; i < sizeof boxes / sizeof boxes[0] && ui->pressed; i++) {
        if (!boxes[i]->id || ui->pressed != boxes[i]->id)
            continue;
        keyboard_open(&v->osk, ui, boxes[i] == &v->input ? NULL : boxes[i]);
    }
    struct widget_textbox *t = v->osk.target;
    if ((t == &v->findbar.box && !v->findbar.open) || (t == &v->panel.name && !v->panel.open) ||
        (t == &v->panel.path && (!v->panel.open || v->panel.file == PANEL_FILE_NONE)) ||
        ((t == &v->frames.count || t == &v->frames.code || t == &v->frames.reason) && !v->frames.open) ||
        (t == &v->openbar.path && !v->openbar.open) || (t == &v->exportbar.path && !v->exportbar.open))
        v->osk.target = NULL;
}

/* ---- export ---------------------------------------------------------------------------- */

/* What there is to export: everything, the filtered rows, the range. */
static void export_counts(const struct view *v, const struct chat *chat, struct exportbar_counts *c)
{
    const struct find *f = &v->list.find;
    c->rows[EXPORTBAR_ALL] = chat->count;
    c->rows[EXPORTBAR_FILTERED] = f->filtered ? f->rows.count : 0;
    c->rows[EXPORTBAR_SELECTION] = msgrange_rows(&v->list.range.range, chat, f);
}

void view_export_open(struct view *v, struct ui *ui, const struct chat *chat)
{
    struct exportbar_counts counts;
    export_counts(v, chat, &counts);
    char name[64], path[96];
    export_default_name(v->exportbar.format, platform_wall_clock_us(), name, sizeof name);
    snprintf(path, sizeof path, "~/%s", name);
    exportbar_open(&v->exportbar, ui, &counts, path);
}

/* The export bar under the find bar (at y), and its Save as an action for
 * the app. Returns its height. */
static int export_frame(struct view *v, struct ui *ui, const struct chat *chat, int width, int y,
                        struct view_actions *actions)
{
    if (ui_take_key(ui, UI_KEY_S, UI_MOD_CTRL))
        view_export_open(v, ui, chat);
    struct exportbar *b = &v->exportbar;
    if (!b->open)
        return 0;
    struct exportbar_counts counts;
    export_counts(v, chat, &counts);
    struct exportbar_actions a;
    exportbar_frame(b, ui, v->theme, (ui_rect){0, y, width, exportbar_height(ui, b, width, &counts)}, &counts, &a);
    if (a.close) {
        exportbar_close(b);
        ui_set_focus(ui, widget_textbox_id(ui, &v->input));
        ui_request_frame(ui, 1);
        return 0;
    }
    if (a.save) {
        struct view_export *e = &actions->export;
        const struct find *f = &v->list.find;
        e->save = true;
        e->replace = a.replace;
        e->format = b->format;
        e->path = b->path.edit.text;
        e->chat = chat;
        e->pick = (struct export_pick){b->what == EXPORTBAR_ALL ? NULL : f, 0, chat->count};
        if (b->what == EXPORTBAR_SELECTION && !msgrange_span(&v->list.range.range, chat, &e->pick.from, &e->pick.to))
            e->pick.to = 0;
    }
    return b->rect.h;
}

/* ---- offline ----------------------------------------------------------------------- */

/* No network, or a name that does not resolve (a new user offline, or a
 * kiosk whose network went): a strip under the conversation offers the
 * built-in echo server, one click away, while the retries go on. */
static bool offline(const struct chat *chat)
{
    return chat->connection == CHAT_DISCONNECTED &&
           (chat->last_error == NET_ERROR_NO_NETWORK || chat->last_error == NET_ERROR_HOST_NOT_FOUND);
}

/* The strip's layout in a width: the text and the button side by side, or
 * the button under the text when they do not fit. */
static int offer_layout(struct ui *ui, int width, bool *stacked)
{
    const char *text = tr(I18N_OFFLINE_OFFER), *label = tr(I18N_OFFLINE_USE_ECHO);
    int pad = ui_px(ui, metrics_bar.pad), gap = ui_px(ui, OFFER_GAP), control_h = ui_px(ui, metrics_bar.control_h);
    int need = ui_text_width(ui, UI_FONT_LABEL, text, strlen(text)) + gap + widget_button_width(ui, label);
    *stacked = need > width - 2 * pad;
    return *stacked ? 2 * pad + ui_text_height(ui, UI_FONT_LABEL) + gap + control_h : control_h + 2 * pad;
}

static void draw_offline_offer(struct view *v, struct ui *ui, ui_rect r, bool stacked,
                               struct view_actions *actions)
{
    const struct theme *t = v->theme;
    const char *text = tr(I18N_OFFLINE_OFFER), *label = tr(I18N_OFFLINE_USE_ECHO);
    size_t len = strlen(text);
    int pad = ui_px(ui, metrics_bar.pad), gap = ui_px(ui, OFFER_GAP), control_h = ui_px(ui, metrics_bar.control_h);
    int text_w = ui_text_width(ui, UI_FONT_LABEL, text, len), text_h = ui_text_height(ui, UI_FONT_LABEL);
    int button_w = widget_button_width(ui, label);
    ui_draw_rect(ui, r, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){r.x, r.y, r.w, ui_px(ui, 1)}, t->bar_border, 0);
    /* Centred as one line of text and button, or one above the other. */
    int block_w = stacked ? r.w - 2 * pad : text_w + gap + button_w;
    int x = r.x + (r.w - block_w) / 2;
    int text_y = stacked ? r.y + pad : r.y + (r.h - text_h) / 2;
    int text_x = stacked ? r.x + (r.w - (text_w < block_w ? text_w : block_w)) / 2 : x;
    widget_text_fit(ui, UI_FONT_LABEL, text, len, text_x, text_y, block_w, t->text);
    ui_rect button = stacked ? (ui_rect){r.x + (r.w - button_w) / 2, text_y + text_h + gap, button_w, control_h}
                             : (ui_rect){x + text_w + gap, r.y + (r.h - control_h) / 2, button_w, control_h};
    if (widget_button(ui, t, label, button, BUTTON_PRIMARY, true) & UI_RESULT_CLICK) {
        actions->local_echo = true;
        ui_set_focus(ui, v->input.id);
    }
}

/* ---- the saved messages ---------------------------------------------------------- */

/* The panel, and what the view does itself: putting a saved message in the
 * message box. The rest goes to the app through actions->saved. */
static void draw_panel(struct view *v, struct ui *ui, ui_rect r, struct view_actions *actions)
{
    struct panel_actions *a = &actions->saved;
    bool can_save = v->input.edit.len > 0;
    panel_frame(&v->panel, ui, v->theme, r, v->saved, can_save, a);
    size_t count = v->saved ? v->saved->count : 0;
    struct textedit *te = &v->input.edit;
    if (a->load && (size_t)a->load <= count) {
        const struct saved_message *m = &v->saved->items[a->load - 1];
        enum view_compose before = v->compose;
        /* One undo step: Ctrl+Z brings back what the box held. */
        if (!(te->len == m->len && !memcmp(te->text, m->text, m->len) && v->compose == (enum view_compose)m->mode)) {
            textedit_set(te, m->text, m->len);
            v->compose = (enum view_compose)m->mode;
            v->compose_checked = 0;
            v->saved_mark = textedit_mark(te);
            v->saved_loaded = a->load;
            v->saved_compose = before;
        }
        ui_set_focus(ui, v->input.id);
    }
    if (a->send && (size_t)a->send <= count && v->saved_loaded == a->send) {
        /* The first click of this double click put it in the box: take
         * that back, if nothing was done to the box since. */
        struct textedit_mark now = textedit_mark(te);
        if (now.id == v->saved_mark.id && now.depth == v->saved_mark.depth && textedit_undo(te)) {
            v->compose = v->saved_compose;
            v->compose_checked = 0;
        }
        v->saved_loaded = 0;
    }
    if (a->send)
        view_scroll_to_bottom(v); /* what you send, you see */
    if (a->closed)
        ui_set_focus(ui, v->input.id);
}

void view_focus_url(struct view *v, struct ui *ui)
{
    connbar_focus(&v->conn, ui);
}

static void take_connbar_actions(struct view_actions *actions, const struct connbar_actions *bar)
{
    actions->close |= bar->close;
    actions->connect |= bar->connect;
    if (bar->connect_url)
        actions->connect_url = bar->connect_url;
    if (bar->forget_recent)
        actions->forget_recent = bar->forget_recent;
}

/* ---- an opened recording ------------------------------------------------------------ */

void view_show_recording(struct view *v, const struct opened *o, const char *path)
{
    if (v->recording.opened)
        list_free(&v->list); /* another recording: its own list from the start */
    else
        v->recording.aside = v->list;
    list_init(&v->list);
    v->findbar.box_version = v->findbar.box.edit.version + 1; /* the find bar's query applies to this list */
    v->recording.opened = o;
    snprintf(v->recording.path, sizeof v->recording.path, "%s", path);
    v->frames.open = false;
}

void view_hide_recording(struct view *v)
{
    if (!v->recording.opened)
        return;
    list_free(&v->list);
    v->list = v->recording.aside;
    memset(&v->recording.aside, 0, sizeof v->recording.aside);
    v->recording.opened = NULL;
    v->findbar.box_version = v->findbar.box.edit.version + 1; /* and again to the live one */
}

void view_open_bar(struct view *v, struct ui *ui)
{
    openbar_show(&v->openbar, ui);
}

/* The open bar and the recording's header, at top; returns their height. */
static int recording_frame(struct view *v, struct ui *ui, int width, int top, struct view_actions *actions)
{
    if (ui_take_key(ui, UI_KEY_O, UI_MOD_CTRL))
        view_open_bar(v, ui);
    int bar_h = openbar_height(&v->openbar, ui, width);
    if (bar_h) {
        struct openbar_actions bar;
        openbar_frame(&v->openbar, ui, v->theme, (ui_rect){0, top, width, bar_h}, &bar);
        actions->open_path = bar.open_path;
        if (bar.close) {
            v->openbar.open = false;
            ui_set_focus(ui, v->input.id);
        }
    } else {
        v->openbar.rect = (ui_rect){0, 0, 0, 0};
    }
    int head_h = recview_height(&v->recording, ui);
    struct recview_actions head;
    recview_frame(&v->recording, ui, v->theme, (ui_rect){0, top + bar_h, width, head_h}, &head);
    actions->open_close = head.close;
    actions->open_cancel = head.cancel;
    return bar_h + head_h;
}

/* ---- the frame ------------------------------------------------------------------------- */

/* The replay bar (a recording being replayed) at y; its height (0: none). */
static int replaybar_place(struct view *v, struct ui *ui, int width, int y, struct view_actions *actions)
{
    if (!v->replaybar.player) {
        v->replaybar.rect = (ui_rect){0, 0, 0, 0};
        return 0;
    }
    struct replaybar_actions *a = &actions->replay;
    replaybar_frame(&v->replaybar, ui, v->theme, (ui_rect){0, y, width, replaybar_height(ui)}, a);
    if (a->toggle || a->again || a->speed)
        ui_set_focus(ui, v->input.id); /* a click on the bar leaves the typing where it was */
    return v->replaybar.rect.h;
}

/* The connection bar at the top, the status bar's place under it, the
 * find bar when open and the replay bar while replaying. Returns the
 * height of all that is above the list. */
static int top_frame(struct view *v, struct ui *ui, const struct chat *chat, int width, int *jump,
                     struct view_actions *actions)
{
    const struct theme *t = v->theme;
    int bar_h = ui_px(ui, BAR_H), status_h = ui_px(ui, STATUS_H);
    if (ui_take_key(ui, UI_KEY_D, UI_MOD_ALT) || ui_take_key(ui, UI_KEY_F6, 0))
        view_focus_url(v, ui);
    struct connbar_actions bar;
    connbar_frame(&v->conn, ui, t, chat, v->recent, (ui_rect){0, 0, width, bar_h},
                  widget_textbox_id(ui, &v->input), &bar);
    take_connbar_actions(actions, &bar);
    v->status_rect = (ui_rect){0, bar_h, width, status_h};
    if (ui_take_key(ui, UI_KEY_F, UI_MOD_CTRL))
        view_find_open(v, ui);
    *jump = 0;
    if (v->findbar.open) {
        struct findbar_actions found;
        findbar_frame(&v->findbar, &v->list.find, ui, t, (ui_rect){0, bar_h + status_h, width, findbar_height(ui, width)},
                      v->list.messages_synced, &found);
        *jump = found.jump;
        if (found.close)
            view_find_close(v, ui);
        else if (found.restart)
            list_restart_find(&v->list, found.restart_rows);
    }
    if (!v->findbar.open)
        v->findbar.rect = (ui_rect){0, 0, 0, 0};
    int top = bar_h + status_h + v->findbar.rect.h;
    /* (exporting takes the conversation shown: an opened recording's) */
    top += export_frame(v, ui, v->recording.opened ? &v->recording.opened->chat : chat, width, top, actions);
    return top + replaybar_place(v, ui, width, top, actions);
}

/* The input row's parts, measured before the row is placed. */
struct input_row {
    const char *send_label, *close_label;
    const char *modes[VIEW_COMPOSE_COUNT]; /* Text, Hex, Base64, MessagePack, CBOR */
    bool up;               /* connected or connecting: the button closes */
    ui_rect send, close;   /* at y 0 */
    int input_w, mode_w, frames_w;
};

/* The message box, Send, Close / Connect: how wide each is. */
static void input_row_measure(struct view *v, struct ui *ui, const struct chat *chat, int width,
                              struct input_row *in)
{
    bool connecting = chat->connection == CHAT_CONNECTING || chat->connection == CHAT_STARTING;
    bool retrying = chat->connection == CHAT_DISCONNECTED && chat->retry_at_us > 0;
    in->up = chat->connection == CHAT_CONNECTED || connecting;
    in->send_label = tr(I18N_SEND);
    in->close_label = tr(in->up ? I18N_CLOSE : retrying ? I18N_RECONNECT_NOW : I18N_CONNECT);
    int send_w = widget_button_width(ui, in->send_label);
    /* Wide enough for either label, so nothing moves when it changes. */
    int close_w = widget_button_width(ui, tr(I18N_CLOSE));
    int connect_w = widget_button_width(ui, tr(I18N_CONNECT));
    int now_w = widget_button_width(ui, tr(I18N_RECONNECT_NOW));
    if (connect_w > close_w)
        close_w = connect_w;
    if (now_w > close_w)
        close_w = now_w;
    int pad = ui_px(ui, metrics_bar.pad), gap = ui_px(ui, metrics_bar.gap);
    int room = width - 2 * pad - 2 * gap - ui_px(ui, INPUT_MIN_W);
    if (send_w + close_w > room && room > 0) {
        int excess = send_w + close_w - room;
        send_w -= excess / 2;
        close_w -= excess - excess / 2;
    }
    struct layout_row row = layout_row((ui_rect){pad, 0, width - 2 * pad, ui_px(ui, metrics_bar.control_h)}, gap);
    in->close = layout_right(&row, close_w);
    in->send = layout_right(&row, send_w);
    in->input_w = layout_rest(&row).w;
    /* The mode (Text, Hex, Base64) is a small button inside the text box,
     * at its right: it costs the text a little width, not the row. */
    in->modes[0] = tr(I18N_COMPOSE_TEXT);
    in->modes[1] = tr(I18N_COMPOSE_HEX);
    in->modes[2] = tr(I18N_COMPOSE_BASE64);
    in->modes[3] = binview_format_name(BINVIEW_MSGPACK);
    in->modes[4] = binview_format_name(BINVIEW_CBOR);
    in->mode_w = 0;
    /* As wide as the widest of the first three, or the mode's own name
     * when wider ("MessagePack"): the usual modes keep one width. */
    for (int i = 0; i < VIEW_COMPOSE_COUNT; i++) {
        if (i > VIEW_COMPOSE_BASE64 && i != (int)v->compose)
            continue;
        int w = ui_text_width(ui, UI_FONT_SMALL, in->modes[i], strlen(in->modes[i])) + ui_px(ui, 12);
        in->mode_w = w > in->mode_w ? w : in->mode_w;
    }
    in->frames_w = framemenu_button_width(ui); /* the frame menu's, left of the mode */
    v->input.reserve_right = in->mode_w + in->frames_w + ui_px(ui, 12);
}

/* ---- the live charts ------------------------------------------------------------- */

/* Their room, taken from the list's (*list_h): the --chart strip, then the
 * panel when open (Ctrl+G opens and closes it). Returns the panel's height;
 * the strip's is left in v->chart.strip_rect.h. */
static int charts_place(struct view *v, struct ui *ui, int *list_h)
{
    if (ui_take_key(ui, UI_KEY_G, UI_MOD_CTRL)) {
        chart_toggle(&v->chart, ui);
        if (!v->chart.open)
            ui_set_focus(ui, v->input.id);
    }
    int room = *list_h > 0 ? *list_h : 0;
    int strip_h = v->chart_strip && !v->chart.open ? chart_strip_height(ui) : 0; /* (the panel says more) */
    strip_h = strip_h < room ? strip_h : room;
    int chart_h = v->chart.open ? chart_panel_height(ui, room - strip_h) : 0;
    *list_h -= strip_h + chart_h;
    v->chart.strip_rect.h = strip_h;
    return chart_h;
}

/* The panel and the strip where charts_place put them. */
static void charts_frame(struct view *v, struct ui *ui)
{
    struct chart_actions charted;
    chart_frame(&v->chart, ui, v->theme, v->chart.rect, v->stats, &charted);
    if (v->chart.strip_rect.h && chart_strip(&v->chart, ui, v->theme, v->chart.strip_rect, v->stats))
        chart_toggle(&v->chart, ui);
    if (charted.closed)
        ui_set_focus(ui, v->input.id);
}

/* Where the rest goes: the input row at the bottom (growing with the text
 * box, up to its six lines) over the on-screen keyboard, the list between,
 * the saved messages at its right, the offline strip under it. Returns the
 * input row; *osk_h: the keyboard's height as it slides. */
static ui_rect place_regions(struct view *v, struct ui *ui, const struct chat *chat, int width, int height, int top,
                             struct input_row *in, int *osk_h, bool *offer_stacked)
{
    int row_h = ui_px(ui, INPUT_ROW_H), control_h = ui_px(ui, metrics_bar.control_h);
    int box_h = widget_textbox_height(ui, &v->input, in->input_w);
    int margin = (row_h - control_h) / 2;
    if (box_h + 2 * margin > row_h)
        row_h = box_h + 2 * margin;
    if (row_h > height / 2 && height / 2 > ui_px(ui, INPUT_ROW_H))
        row_h = height / 2; /* a tiny window keeps room for the list */
    int above = top - v->findbar.rect.h; /* (the keyboard may cover the find bar's room) */
    *osk_h = 0;
    if (v->osk_enabled) {
        *osk_h = keyboard_shown_height(&v->osk, ui, height);
        if (*osk_h > height - above - row_h)
            *osk_h = height - above - row_h > 0 ? height - above - row_h : 0;
    }
    ui_rect row = {0, height - *osk_h - row_h, width, row_h};
    int list_h = height - top - row_h - *osk_h;
    if (ui_take_key(ui, UI_KEY_B, UI_MOD_CTRL)) {
        panel_toggle(&v->panel, ui, true);
        if (!v->panel.open)
            ui_set_focus(ui, v->input.id);
    }
    int panel_w = v->panel.open ? panel_width(ui, width) : 0;
    /* (Opened on purpose: it may take the whole list's room in a tiny window.) */
    int menu_h = framemenu_height(&v->frames, ui, width);
    if (menu_h > list_h)
        menu_h = list_h > 0 ? list_h : 0;
    list_h -= menu_h;
    v->framemenu_rect = (ui_rect){0, row.y - menu_h, width, menu_h};
    *offer_stacked = false;
    int offer_h = offline(chat) ? offer_layout(ui, width - panel_w, offer_stacked) : 0;
    if (list_h - offer_h < ui_px(ui, LIST_MIN_H))
        offer_h = 0; /* a tiny window keeps its list */
    list_h -= offer_h;
    int chart_h = charts_place(v, ui, &list_h);
    v->list_rect = (ui_rect){0, top, width - panel_w, list_h > 0 ? list_h : 0};
    v->offer_rect = (ui_rect){0, v->list_rect.y + v->list_rect.h, width - panel_w, offer_h};
    v->chart.rect = (ui_rect){0, v->offer_rect.y + offer_h, width, chart_h};
    v->chart.strip_rect = (ui_rect){0, v->chart.rect.y + chart_h, width, v->chart.strip_rect.h};
    int y = row.y + row.h - margin - control_h; /* the buttons sit at the bottom */
    v->close_rect = (ui_rect){in->close.x, y, in->close.w, in->close.h};
    v->send_rect = (ui_rect){in->send.x, y, in->send.w, in->send.h};
    v->input_rect = (ui_rect){row.x + ui_px(ui, metrics_bar.pad), row.y + margin, in->input_w, row.h - 2 * margin};
    int mode_h = ui_text_height(ui, UI_FONT_SMALL) + ui_px(ui, 8);
    v->compose_rect = (ui_rect){v->input_rect.x + v->input_rect.w - in->mode_w - ui_px(ui, 6),
                                v->input_rect.y + v->input_rect.h - mode_h - ui_px(ui, 6), in->mode_w, mode_h};
    v->frames_rect = (ui_rect){v->compose_rect.x - in->frames_w - ui_px(ui, 6), v->compose_rect.y, in->frames_w, mode_h};
    return row;
}

/* The mode button over the message box (after it, so it takes its clicks). */
static void compose_mode(struct view *v, struct ui *ui, const struct input_row *in)
{
    const struct theme *t = v->theme;
    int mode = ui_interact(ui, ui_id_str(ui, "compose-mode"), v->compose_rect, false);
    if (mode & UI_RESULT_HOVER)
        ui->cursor = UI_CURSOR_HAND;
    ui_color mode_bg = v->compose ? t->primary_bg : ((mode & UI_RESULT_HOVER) ? t->window_bg : t->disabled_bg);
    ui_draw_rect(ui, v->compose_rect, mode_bg, ui_px(ui, 4));
    const char *label = in->modes[v->compose];
    size_t len = strlen(label);
    int tw = ui_text_width(ui, UI_FONT_SMALL, label, len);
    ui_draw_text(ui, UI_FONT_SMALL, label, len, v->compose_rect.x + (v->compose_rect.w - tw) / 2,
                 v->compose_rect.y + ui_px(ui, 4), v->compose ? t->primary_text : t->disabled_text);
    if (mode & UI_RESULT_CLICK) {
        v->compose = (v->compose + 1) % VIEW_COMPOSE_COUNT; /* Text, Hex, Base64, MessagePack, CBOR */
        v->compose_checked = 0;
        ui_set_focus(ui, widget_textbox_id(ui, &v->input));
        ui_request_frame(ui, 1);
    }
}

/* The input row: the message box with its mode, Send, Close / Connect.
 * Returns whether there is something to send. */
static bool input_row_frame(struct view *v, struct ui *ui, ui_rect row, const struct input_row *in,
                            struct view_actions *actions)
{
    const struct theme *t = v->theme;
    ui_draw_rect(ui, row, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){row.x, row.y, row.w, ui_px(ui, 1)}, t->bar_border, 0);
    if (!v->started) {
        /* The text box has the focus from the first frame: type right away. */
        v->started = true;
        ui_set_focus(ui, widget_textbox_id(ui, &v->input));
    }
    static const enum i18n_id placeholders[3] = {I18N_PLACEHOLDER, I18N_PLACEHOLDER_HEX, I18N_PLACEHOLDER_BASE64};
    char placeholder[160];
    if (v->compose > VIEW_COMPOSE_BASE64)
        snprintf(placeholder, sizeof placeholder, tr(I18N_PLACEHOLDER_ENCODED), in->modes[v->compose]);
    else
        snprintf(placeholder, sizeof placeholder, "%s", tr(placeholders[v->compose]));
    check_compose(v);
    bool compose_ok = compose_valid(v);
    v->input.mark_start = compose_ok ? SIZE_MAX : v->compose_error.offset;
    v->input.mark_end = compose_ok ? SIZE_MAX : v->compose_error.offset + v->compose_error.length;
    int box = widget_textbox(ui, t, &v->input, v->input_rect, placeholder);
    compose_mode(v, ui, in);
    check_compose(v); /* the keys may have changed it */
    compose_ok = compose_valid(v);
    bool has_text = v->input.edit.len > 0 && compose_ok;
    if ((box & UI_RESULT_SUBMIT) && has_text)
        actions->send = true;
    if (widget_button(ui, t, in->send_label, v->send_rect, BUTTON_PRIMARY, has_text) & UI_RESULT_CLICK) {
        actions->send = has_text;
        ui_set_focus(ui, v->input.id);
    }
    framemenu_button(&v->frames, ui, t, v->frames_rect);
    int toggle = widget_button(ui, t, in->close_label, v->close_rect, in->up ? BUTTON_DANGER : BUTTON_CONNECT, true);
    /* A double click must not close and reconnect at once. */
    if ((toggle & UI_RESULT_CLICK) && !(toggle & UI_RESULT_DOUBLE)) {
        if (in->up)
            actions->close = true;
        else
            actions->connect = true;
        ui_set_focus(ui, v->input.id);
    }
    return has_text;
}

/* Why the message box's text cannot go, just above it. */
static void compose_warning(struct view *v, struct ui *ui, ui_rect row, int width)
{
    if (compose_valid(v) || !v->input.edit.len)
        return;
    char why[256];
    snprintf(why, sizeof why, tr(I18N_COMPOSE_INVALID),
             v->compose_reason[0] ? v->compose_reason : tr_codec_error(v->compose_error.code));
    ui_rect r = widget_tag_size(ui, &widget_tag_warning, why);
    r.x = v->input_rect.x;
    r.y = row.y - ui_text_height(ui, UI_FONT_SMALL) - ui_px(ui, 8);
    widget_tag(ui, &widget_tag_warning, why, r, v->theme->tag_bg, v->theme->tag_text, width - r.x - ui_px(ui, 16));
}

/* Up on the first line and Down on the last, which the text box left: a
 * message that was not sent comes back first, then the history. */
static void history_keys(struct view *v, struct ui *ui, const struct chat *chat, struct view_actions *actions)
{
    if (ui->focus != v->input.id)
        return;
    bool up = false;
    for (int i = 0; i < ui->in.key_count && !up; i++)
        up = !ui->in.keys[i].used && ui->in.keys[i].key == UI_KEY_UP;
    /* (Looked for only when Up is pressed: it walks the messages.) */
    const struct chat_message *lost = up && v->input.edit.len == 0 ? chat_last_not_sent(chat) : NULL;
    if (lost && ui_take_key(ui, UI_KEY_UP, 0))
        actions->recall_id = chat_id(chat, lost);
    while (ui_take_key(ui, UI_KEY_UP, 0))
        history_prev(&v->history, &v->input.edit);
    while (ui_take_key(ui, UI_KEY_DOWN, 0))
        history_next(&v->history, &v->input.edit);
}

/* Over everything: the banner, the drop-down, the toast, then the tooltip. */
static void overlay_frame(struct view *v, struct ui *ui, const struct chat *chat, int width, int height,
                          struct view_actions *actions)
{
    const struct theme *t = v->theme;
    const struct list *ls = &v->list;
    if (v->banner) {
        static const struct widget_tag_style banner = {.font = UI_FONT_LABEL, .pad_x = 16, .pad_y = 8, .radius = -1};
        ui_rect r = widget_tag_size(ui, &banner, v->banner);
        r.x = v->list_rect.x + (list_content_width(ui, v->list_rect.w) - r.w) / 2;
        r.y = v->list_rect.y + ui_px(ui, 12);
        widget_tag(ui, &banner, v->banner, r, t->tag_bg, t->tag_text, 0);
    }
    struct connbar_actions bar;
    connbar_overlay(&v->conn, ui, t, chat, v->recent, widget_textbox_id(ui, &v->input), &bar);
    take_connbar_actions(actions, &bar);
    if (ls->toast && ui->now_ms < ls->toast_until) {
        static const struct widget_tag_style toast = {.font = UI_FONT_LABEL, .pad_x = 14, .pad_y = 6, .radius = -1};
        ui_rect r = widget_tag_size(ui, &toast, ls->toast);
        r.x = v->list_rect.x + (list_content_width(ui, v->list_rect.w) - r.w) / 2;
        r.y = v->list_rect.y + v->list_rect.h - ui_text_height(ui, UI_FONT_LABEL) - ui_px(ui, 24) - ui_px(ui, 12);
        if (ls->pill_rect.w > 0)
            r.y -= ls->pill_rect.h + ui_px(ui, 8);
        widget_tag(ui, &toast, ls->toast, r, t->tooltip_bg, t->tooltip_text, 0);
        ui_request_frame(ui, (int)(ls->toast_until - ui->now_ms));
    } else {
        v->list.toast = NULL;
    }
    if (v->status_tip[0])
        statusbar_tip_frame(v, ui, width);
    if (ls->tooltip[0]) {
        static const struct widget_tag_style tip = {.font = UI_FONT_SMALL, .pad_x = 8, .pad_y = 4, .radius = 6};
        ui_rect r = widget_tag_size(ui, &tip, ls->tooltip);
        r.x = ls->tooltip_anchor.x;
        r.y = ls->tooltip_anchor.y + ls->tooltip_anchor.h + ui_px(ui, 6);
        if (r.x + r.w > width)
            r.x = width - r.w;
        if (r.y + r.h > height)
            r.y = ls->tooltip_anchor.y - r.h - ui_px(ui, 6);
        widget_tag(ui, &tip, ls->tooltip, r, t->tooltip_bg, t->tooltip_text, 0);
    }
}

void view_frame(struct view *v, struct ui *ui, const struct chat *chat, int width, int height,
                struct view_actions *actions)
{
    memset(actions, 0, sizeof *actions);
    v->clear_requested = false;
    uint32_t home = widget_textbox_id(ui, &v->input);
    int jump;
    int top = top_frame(v, ui, chat, width, &jump, actions);
    top += recording_frame(v, ui, width, top, actions);
    const struct chat *live = chat;
    if (v->recording.opened)
        chat = &v->recording.opened->chat; /* the list, find and rows draw it */
    struct input_row in;
    input_row_measure(v, ui, chat, width, &in);
    int osk_h;
    bool offer_stacked;
    ui_rect row = place_regions(v, ui, chat, width, height, top, &in, &osk_h, &offer_stacked);

    struct list_actions listed;
    list_frame(&v->list, ui, v->theme, chat, v->list_rect, jump, home, &listed);
    actions->recall_id = v->recording.opened ? 0 : listed.recall_id; /* (a recorded id is not the live chat's) */
    if (v->offer_rect.h)
        draw_offline_offer(v, ui, v->offer_rect, offer_stacked, actions);
    list_bubble_keys(&v->list, ui, chat, home);
    ui_rect panel = {v->list_rect.w, v->list_rect.y, width - v->list_rect.w, v->list_rect.h};
    draw_panel(v, ui, panel, actions);

    bool has_text = false;
    if (v->recording.opened)
        recview_read_only_row(ui, v->theme, row);
    else
        has_text = input_row_frame(v, ui, row, &in, actions);
    framemenu_frame(&v->frames, ui, v->theme, v->framemenu_rect, chat->connection == CHAT_CONNECTED, &actions->frames);
    if (actions->frames.closed)
        ui_set_focus(ui, v->input.id);
    charts_frame(v, ui);
    /* After every text box of the frame has been pressed or not: the
     * on-screen keyboard types into the one pressed last. */
    osk_follow(v, ui);
    if (osk_h > 0) {
        struct keyboard_actions keys;
        keyboard_frame(&v->osk, ui, v->theme, (ui_rect){0, height - osk_h, width, keyboard_height(ui, height)},
                       keyboard_key_height(ui, height), &v->input, has_text, &keys);
        actions->send |= keys.send;
        /* Typed into the URL field: it is the person's now (not put back to
         * the connected URL while the focus is on a key). */
        if (keys.typed && v->osk.target == &v->conn.url)
            v->conn.edited = true;
    } else {
        v->osk.rect = (ui_rect){0, 0, 0, 0};
    }
    if (v->recording.opened)
        actions->send = false; /* (the on-screen keyboard's Enter: nothing is sent from a recording) */
    if (actions->send)
        view_scroll_to_bottom(v); /* what you send, you see */
    if (!v->recording.opened) {
        compose_warning(v, ui, v->framemenu_rect.h ? v->framemenu_rect : row, width); /* (above the frame menu) */
        history_keys(v, ui, live, actions);
    }
    list_keys(v, ui);
    actions->zoom = v->zoom_requested;
    v->zoom_requested = 0;
    if (v->clear_requested && !v->recording.opened) { /* (Ctrl+L clears the live one, not while it is hidden) */
        actions->clear = true;
        list_forget(&v->list);
    }
    statusbar_frame(v, ui, live, actions);
    overlay_frame(v, ui, live, width, height, actions);
}
