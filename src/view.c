/* view: see view.h. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "platform.h"
#include "utf8.h"

#define STATUS_H 44
#define INPUT_ROW_H 64
#define ROW_PAD 12
#define CONTROL_H 40
#define GAP 8
#define LIST_PAD_X 16
#define LIST_PAD_Y 12
#define ITEM_GAP 8
#define SCROLLBAR_W 10
#define WHEEL_STEP 48
/* Longer messages show this much and a "… N more bytes" line. */
#define DISPLAY_MAX ((size_t)64 << 10)
/* A bubble shows at most this many lines, then "… N more bytes". */
#define BUBBLE_MAX_LINES 200
#define HEX_PREVIEW 64

struct view_layout {
    int64_t y;  /* top, in content coordinates */
    int height; /* including the gap after it */
    int bubble_w, bubble_h;
    struct wrap wrap;
    char *display; /* the text as drawn, when it differs from the message's */
    size_t display_len;
    size_t hidden;  /* bytes of the message the bubble leaves out (line limit) */
    uint8_t key; /* the message state and recall flag this layout was made for */
};

void view_init(struct view *view)
{
    memset(view, 0, sizeof *view);
    textedit_init(&view->input.edit);
    view->follow = true;
    view->theme = &theme_light;
}

static void layout_clear(struct view_layout *l)
{
    wrap_free(&l->wrap);
    free(l->display);
    memset(l, 0, sizeof *l);
}

void view_free(struct view *view)
{
    for (size_t i = 0; i < view->layout_count; i++)
        layout_clear(&view->layouts[i]);
    free(view->layouts);
    textedit_free(&view->input.edit);
    memset(view, 0, sizeof *view);
}

void view_recall(struct view *view, const char *text, size_t len)
{
    struct textedit *te = &view->input.edit;
    if (te->len == 0)
        textedit_set(te, text, len);
    else if (!(te->len == len && !memcmp(te->text, text, len)))
        textedit_insert(te, text, len); /* never over a draft; never twice */
}

/* ---- display text ------------------------------------------------------------ */

struct growing {
    char *data;
    size_t len, cap;
    bool failed;
};

static void put(struct growing *g, const char *s, size_t n)
{
    if (g->failed)
        return;
    if (n > g->cap - g->len) {
        size_t cap = g->cap ? g->cap : 256;
        while (cap - g->len < n + 1)
            cap *= 2;
        char *grown = realloc(g->data, cap);
        if (!grown) {
            g->failed = true;
            return;
        }
        g->data = grown;
        g->cap = cap;
    }
    memcpy(g->data + g->len, s, n);
    g->len += n;
}

/* True when text can be drawn byte for byte: valid UTF-8 with no control
 * characters but line feeds. */
static bool drawable_as_is(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n') || c == 0x7F)
            return false;
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9F)
            return false; /* a C1 control, U+0080..U+009F */
    }
    return utf8_valid(s, len);
}

/* How the code point cp at text[i] is drawn: the bytes written to out
 * (0 to 4). Tabs become spaces, CR LF one line break, other control
 * characters their visible pictures (U+2400), C1 controls U+FFFD. */
static size_t display_code_point(const char *text, size_t len, size_t i, uint32_t cp, char out[4])
{
    if (cp == '\t') {
        memcpy(out, "    ", 4);
        return 4;
    }
    if (cp == '\r' && i + 1 < len && text[i + 1] == '\n')
        return 0; /* the LF that follows makes the break */
    if (cp == '\r' || cp == '\n') {
        out[0] = '\n';
        return 1;
    }
    if (cp < 0x20)
        return utf8_encode(0x2400 + cp, out);
    if (cp == 0x7F)
        return utf8_encode(0x2421, out);
    if (cp >= 0x80 && cp <= 0x9F)
        return utf8_encode(UTF8_REPLACEMENT, out);
    return utf8_encode(cp, out);
}

/* The message bytes that produce the first `shown` bytes of its display
 * text (the inverse of make_display's walk). */
static size_t message_bytes_shown(const struct chat_message *m, const struct view_layout *l,
                                  size_t shown)
{
    if (!l->display)
        return shown;
    size_t produced = 0, i = 0;
    while (i < m->len && i < DISPLAY_MAX && produced < shown) {
        uint32_t cp;
        size_t step = utf8_decode(m->text + i, m->len - i, &cp);
        char out[4];
        produced += display_code_point(m->text, m->len, i, cp, out);
        i += step;
    }
    return i;
}

/* The text as drawn: at most DISPLAY_MAX bytes, tabs as spaces, CR LF as a
 * line break, other control characters as their visible pictures (U+2400),
 * C1 controls and invalid bytes as U+FFFD, binary as a hex preview. NULL
 * (and *len 0) when the message's own text can be drawn as it is. */
static char *make_display(const struct chat_message *m, size_t *out_len)
{
    struct growing g = {0};
    char line[160];
    *out_len = 0;
    if (m->binary) {
        int n = snprintf(line, sizeof line, tr(I18N_BINARY_MESSAGE), m->len);
        put(&g, line, (size_t)n);
        size_t shown = m->len < HEX_PREVIEW ? m->len : HEX_PREVIEW;
        for (size_t i = 0; i < shown; i++) {
            n = snprintf(line, sizeof line, "%s%02x", i % 16 == 0 ? "\n" : " ",
                         (unsigned char)m->text[i]);
            put(&g, line, (size_t)n);
        }
        if (shown < m->len)
            put(&g, " \xE2\x80\xA6", 4);
    } else {
        size_t limit = m->len;
        if (limit > DISPLAY_MAX) {
            limit = DISPLAY_MAX;
            while (limit > 0 && ((unsigned char)m->text[limit] & 0xC0) == 0x80)
                limit--;
        }
        bool as_is = drawable_as_is(m->text, limit);
        if (as_is && limit == m->len)
            return NULL;
        if (as_is) {
            put(&g, m->text, limit);
        } else {
            for (size_t i = 0; i < limit;) {
                uint32_t cp;
                size_t step = utf8_decode(m->text + i, limit - i, &cp);
                char out[4];
                put(&g, out, display_code_point(m->text, limit, i, cp, out));
                i += step;
            }
        }
        if (limit < m->len) {
            int n = snprintf(line, sizeof line, tr(I18N_MORE_BYTES), m->len - limit);
            put(&g, "\n", 1);
            put(&g, line, (size_t)n);
        }
    }
    put(&g, "", 1); /* the NUL */
    if (g.failed) {
        free(g.data);
        return NULL;
    }
    *out_len = g.len - 1;
    return g.data;
}

/* ---- per-message layout ----------------------------------------------------------- */

static void format_time(int64_t time_us, char out[16])
{
    struct tm tm;
    if (platform_local_time(time_us, &tm))
        snprintf(out, 16, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
    else
        snprintf(out, 16, "--:--:--");
}

static void fill_bubble(const struct chat_message *m, const struct view_layout *l, char time[16],
                        char more[64], struct bubble *b)
{
    format_time(m->time_us, time);
    memset(b, 0, sizeof *b);
    b->time = time;
    b->text = l->display ? l->display : m->text;
    b->wrap = &l->wrap;
    if (m->kind == CHAT_RECEIVED) {
        b->kind = BUBBLE_RECEIVED;
        b->label = tr(I18N_RECEIVED);
    } else if (m->state == CHAT_NOT_SENT) {
        b->kind = BUBBLE_FAILED;
        b->label = tr(I18N_NOT_SENT);
        b->note = m->recalled ? NULL : tr(I18N_NOT_SENT_NOTE);
    } else {
        b->kind = BUBBLE_SENT;
        b->label = tr(m->state == CHAT_SENDING ? I18N_SENDING : I18N_SENT);
    }
    if (l->hidden && !b->note) {
        snprintf(more, 64, tr(I18N_MORE_BYTES), l->hidden);
        b->note = more;
    }
}

static int bubble_max_width(int list_w)
{
    int w = (list_w - 2 * LIST_PAD_X - SCROLLBAR_W) * 3 / 4;
    return w < 160 ? 160 : w;
}

/* What a bubble's size depends on besides its text and the width. */
static uint8_t layout_key(const struct chat_message *m)
{
    return (uint8_t)(m->state | m->recalled << 4);
}

static void build_layout(struct ui *ui, const struct chat_message *m, struct view_layout *l,
                         int list_w)
{
    l->key = layout_key(m);
    if (m->kind == CHAT_EVENT) {
        l->height = ui_text_height(ui, UI_FONT_SMALL) + 8 + ITEM_GAP;
        return;
    }
    if (!l->display) {
        l->display = make_display(m, &l->display_len);
    }
    const char *text = l->display ? l->display : m->text;
    size_t len = l->display ? l->display_len : m->len;
    int text_w = bubble_max_width(list_w) - 2 * BUBBLE_PAD_X;
    if (!widget_wrap(ui, UI_FONT_BODY, text, len, text_w, BUBBLE_MAX_LINES, &l->wrap))
        l->wrap.count = 0;
    l->hidden = l->wrap.rest ? m->len - message_bytes_shown(m, l, len - l->wrap.rest) : 0;
    char time[16], more[64];
    struct bubble b;
    fill_bubble(m, l, time, more, &b);
    widget_bubble_size(ui, &b, &l->bubble_w, &l->bubble_h);
    l->height = l->bubble_h + ITEM_GAP;
}

static void update_layouts(struct view *v, struct ui *ui, const struct chat *chat, int list_w)
{
    bool width_changed = list_w != v->layout_width;
    if (!width_changed && chat->version == v->chat_version && v->layout_count == chat->count)
        return;
    if (chat->count > v->layout_cap) {
        size_t cap = v->layout_cap ? v->layout_cap : 64;
        while (cap < chat->count)
            cap *= 2;
        struct view_layout *grown = realloc(v->layouts, cap * sizeof *grown);
        if (!grown)
            return; /* keep the old layouts; try again next frame */
        v->layouts = grown;
        v->layout_cap = cap;
    }
    size_t first_changed = chat->count;
    for (size_t i = 0; i < chat->count; i++) {
        const struct chat_message *m = &chat->messages[i];
        struct view_layout *l = &v->layouts[i];
        if (i >= v->layout_count)
            memset(l, 0, sizeof *l);
        else if (!width_changed && l->key == layout_key(m))
            continue;
        build_layout(ui, m, l, list_w);
        if (i < first_changed)
            first_changed = i;
    }
    v->layout_count = chat->count;
    v->bubble_count = 0;
    for (size_t i = 0; i < chat->count; i++)
        v->bubble_count += chat->messages[i].kind != CHAT_EVENT;
    int64_t y = first_changed > 0 && first_changed < chat->count
                ? v->layouts[first_changed - 1].y + v->layouts[first_changed - 1].height
                : LIST_PAD_Y;
    for (size_t i = first_changed; i < chat->count; i++) {
        v->layouts[i].y = y;
        y += v->layouts[i].height;
    }
    if (chat->count)
        v->content_height = v->layouts[chat->count - 1].y + v->layouts[chat->count - 1].height +
                            LIST_PAD_Y - ITEM_GAP;
    else
        v->content_height = 0;
    v->layout_width = list_w;
    v->chat_version = chat->version;
}

/* ---- texts of events and the status bar ------------------------------------------- */

/* What to add after "closed by …: CODE name": the server's own reason, or
 * for our closes the error that made us close (unless the code's name says
 * it already); ours are words for the person, not the frame's English. */
static void close_detail(enum net_closer closer, enum net_error error, int code, const char *reason,
                         char *out, size_t n)
{
    out[0] = '\0';
    if (closer == NET_CLOSER_SERVER && reason && *reason)
        snprintf(out, n, " (%s)", reason);
    else if (closer == NET_CLOSER_CLIENT && error != NET_ERROR_NONE &&
             strcmp(tr_net_error(error), tr_close_code(code)) != 0)
        snprintf(out, n, " (%s)", tr_net_error(error));
}

static void format_close(char *out, size_t n, enum i18n_id id, const struct chat_message *m)
{
    char extra[160];
    close_detail((enum net_closer)m->closer, (enum net_error)m->error, m->code, m->text, extra,
                 sizeof extra);
    snprintf(out, n, tr(id), m->code, tr_close_code(m->code), extra);
}

static void event_text(const struct chat *chat, const struct chat_message *m, char *out, size_t n)
{
    switch (m->event) {
    case NET_EVENT_LISTENING:
        snprintf(out, n, tr(I18N_EVENT_LISTENING), m->code);
        return;
    case NET_EVENT_CONNECTED:
        snprintf(out, n, tr(I18N_EVENT_CONNECTED), chat->url);
        return;
    case NET_EVENT_CLOSED:
        if (m->closer == NET_CLOSER_SERVER)
            format_close(out, n, I18N_EVENT_CLOSED_BY_SERVER, m);
        else if (m->closer == NET_CLOSER_CLIENT)
            format_close(out, n, I18N_EVENT_CLOSED_BY_CLIENT, m);
        else
            snprintf(out, n, tr(I18N_EVENT_CONNECTION_LOST), m->code, tr_close_code(m->code));
        return;
    case NET_EVENT_FAILED: {
        bool has_detail = m->text && *m->text;
        char detail[300] = "";
        if (m->error == NET_ERROR_OTHER && has_detail) {
            /* "Connection failed: connection failed (…)" says it twice. */
            snprintf(out, n, tr(I18N_EVENT_FAILED), m->text, "");
            return;
        }
        if (has_detail)
            snprintf(detail, sizeof detail, " (%s)", m->text);
        snprintf(out, n, tr(I18N_EVENT_FAILED), tr_net_error(m->error), detail);
        return;
    }
    default:
        out[0] = '\0';
        return;
    }
}

static void status_reason(const struct chat *chat, char *out, size_t n)
{
    out[0] = '\0';
    if (chat->connection != CHAT_DISCONNECTED)
        return;
    if (!chat->has_last_close) {
        if (chat->last_detail[0])
            snprintf(out, n, "%s (%s)", tr_net_error(chat->last_error), chat->last_detail);
        else
            snprintf(out, n, "%s", tr_net_error(chat->last_error));
        return;
    }
    char extra[300];
    close_detail(chat->last_closer, chat->last_error, chat->last_code, chat->last_detail, extra,
                 sizeof extra);
    switch (chat->last_closer) {
    case NET_CLOSER_SERVER:
        snprintf(out, n, tr(I18N_REASON_CLOSED_BY_SERVER), chat->last_code,
                 tr_close_code(chat->last_code));
        break;
    case NET_CLOSER_CLIENT:
        snprintf(out, n, tr(I18N_REASON_CLOSED_BY_CLIENT), chat->last_code,
                 tr_close_code(chat->last_code));
        break;
    default:
        snprintf(out, n, "%s: %d %s", tr_net_error(NET_ERROR_CONNECTION_LOST), chat->last_code,
                 tr_close_code(chat->last_code));
        extra[0] = '\0';
        break;
    }
    size_t used = strlen(out);
    snprintf(out + used, n - used, "%s", extra);
}

/* ---- the frame ------------------------------------------------------------------------ */

static size_t first_visible(const struct view *v, int64_t top)
{
    size_t lo = 0, hi = v->layout_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->layouts[mid].y + v->layouts[mid].height <= top)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void draw_list(struct view *v, struct ui *ui, const struct chat *chat, ui_rect list,
                      struct view_actions *actions)
{
    const struct theme *t = v->theme;
    int view_h = list.h;
    int64_t max_scroll = v->content_height - view_h;
    if (max_scroll < 0)
        max_scroll = 0;

    if (ui->in.wheel_y && ui_mouse_over(ui, list)) {
        v->scroll -= ui->in.wheel_y * WHEEL_STEP;
        v->follow = v->scroll >= max_scroll;
    }
    if (v->follow)
        v->scroll = max_scroll;
    if (v->scroll > max_scroll)
        v->scroll = max_scroll;
    if (v->scroll < 0)
        v->scroll = 0;

    ui_push_clip(ui, list);
    int content_w = list.w - SCROLLBAR_W;
    for (size_t i = first_visible(v, v->scroll); i < v->layout_count; i++) {
        const struct view_layout *l = &v->layouts[i];
        const struct chat_message *m = &chat->messages[i];
        int y = (int)(list.y + l->y - v->scroll); /* on screen, so small */
        if (y >= list.y + list.h)
            break;
        if (m->kind == CHAT_EVENT) {
            char text[600];
            event_text(chat, m, text, sizeof text);
            size_t len = strlen(text);
            int max_w = content_w - 2 * LIST_PAD_X;
            bool ellipsis;
            size_t fit = widget_fit_text(ui, UI_FONT_SMALL, text, len, max_w, &ellipsis);
            int w = ui_text_width(ui, UI_FONT_SMALL, text, fit) +
                    (ellipsis ? ui_text_width(ui, UI_FONT_SMALL, "\xE2\x80\xA6", 3) : 0);
            widget_text_fit(ui, UI_FONT_SMALL, text, len, list.x + (content_w - w) / 2, y + 4, max_w,
                            t->system_text);
            continue;
        }
        char time[16], more[64];
        struct bubble b;
        fill_bubble(m, l, time, more, &b);
        int x = m->kind == CHAT_RECEIVED ? list.x + LIST_PAD_X
                                         : list.x + content_w - LIST_PAD_X - l->bubble_w;
        ui_push_id(ui, (uint32_t)m->id);
        uint32_t id = ui_id(ui, "bubble", 6);
        ui_pop_id(ui);
        if (widget_bubble(ui, t, id, (ui_rect){x, y, l->bubble_w, l->bubble_h}, &b) & UI_RESULT_CLICK)
            actions->recall_id = m->id;
    }
    if (v->bubble_count == 0 && v->content_height < list.h / 2) {
        const char *empty = tr(I18N_EMPTY);
        size_t len = strlen(empty);
        int w = ui_text_width(ui, UI_FONT_BODY, empty, len);
        ui_draw_text(ui, UI_FONT_BODY, empty, len, list.x + (list.w - w) / 2,
                     list.y + list.h / 2 - ui_text_height(ui, UI_FONT_BODY), t->text_muted);
    }
    ui_pop_clip(ui);

    ui_rect track = {list.x + list.w - SCROLLBAR_W - 2, list.y + 4, SCROLLBAR_W, list.h - 8};
    uint32_t sb = ui_id_str(ui, "list-scrollbar");
    if (widget_scrollbar(ui, t, sb, track, v->content_height, view_h, &v->scroll) & UI_RESULT_CHANGE)
        v->follow = v->scroll >= max_scroll;
}

void view_frame(struct view *v, struct ui *ui, const struct chat *chat, int width, int height,
                struct view_actions *actions)
{
    memset(actions, 0, sizeof *actions);
    const struct theme *t = v->theme;

    v->status_rect = (ui_rect){0, 0, width, STATUS_H};
    v->list_rect = (ui_rect){0, STATUS_H, width, height - STATUS_H - INPUT_ROW_H};
    ui_rect row = {0, height - INPUT_ROW_H, width, INPUT_ROW_H};

    update_layouts(v, ui, chat, v->list_rect.w);
    draw_list(v, ui, chat, v->list_rect, actions);

    /* The input row: text box, Send, Close / Connect. */
    ui_draw_rect(ui, row, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){row.x, row.y, row.w, 1}, t->bar_border, 0);
    bool connected = chat->connection == CHAT_CONNECTED;
    bool connecting = chat->connection == CHAT_CONNECTING || chat->connection == CHAT_STARTING;
    const char *send_label = tr(I18N_SEND);
    const char *close_label = tr(connected || connecting ? I18N_CLOSE : I18N_CONNECT);
    int send_w = widget_button_width(ui, send_label);
    /* Wide enough for either label, so nothing moves when it changes. */
    int close_w = widget_button_width(ui, tr(I18N_CLOSE));
    int connect_w = widget_button_width(ui, tr(I18N_CONNECT));
    if (connect_w > close_w)
        close_w = connect_w;
    int y = row.y + (row.h - CONTROL_H) / 2;
    int right = row.x + row.w - ROW_PAD;
    /* Narrow windows squeeze the buttons before the text box goes under 140. */
    int room = row.w - 2 * ROW_PAD - 2 * GAP - 140;
    if (send_w + close_w > room && room > 0) {
        int excess = send_w + close_w - room;
        send_w -= excess / 2;
        close_w -= excess - excess / 2;
    }
    v->close_rect = (ui_rect){right - close_w, y, close_w, CONTROL_H};
    v->send_rect = (ui_rect){v->close_rect.x - GAP - send_w, y, send_w, CONTROL_H};
    v->input_rect = (ui_rect){row.x + ROW_PAD, y, v->send_rect.x - GAP - (row.x + ROW_PAD), CONTROL_H};

    if (!v->started) {
        /* The text box has the focus from the first frame: type right away. */
        v->started = true;
        ui_set_focus(ui, widget_textbox_id(ui, &v->input));
    }
    int box = widget_textbox(ui, t, &v->input, v->input_rect, tr(I18N_PLACEHOLDER));
    bool has_text = v->input.edit.len > 0;
    if ((box & UI_RESULT_SUBMIT) && has_text)
        actions->send = true;
    if (widget_button(ui, t, send_label, v->send_rect, BUTTON_PRIMARY, has_text) & UI_RESULT_CLICK) {
        actions->send = has_text;
        ui_set_focus(ui, v->input.id);
    }
    enum button_kind kind = connected || connecting ? BUTTON_DANGER : BUTTON_CONNECT;
    int toggle = widget_button(ui, t, close_label, v->close_rect, kind, true);
    /* A double click must not close and reconnect at once. */
    if ((toggle & UI_RESULT_CLICK) && !(toggle & UI_RESULT_DOUBLE)) {
        if (connected || connecting)
            actions->close = true;
        else
            actions->connect = true;
        ui_set_focus(ui, v->input.id);
    }

    /* Keys nobody else took. */
    if (ui->focus == v->input.id && v->input.edit.len == 0 && ui_take_key(ui, UI_KEY_UP, 0)) {
        const struct chat_message *m = chat_last_not_sent(chat);
        if (!m)
            m = chat_last_typed(chat);
        if (m)
            actions->recall_id = m->id;
    }
    if (ui_take_key(ui, UI_KEY_PAGE_UP, 0)) {
        v->scroll -= v->list_rect.h * 9 / 10;
        v->follow = false;
    }
    if (ui_take_key(ui, UI_KEY_PAGE_DOWN, 0)) {
        v->scroll += v->list_rect.h * 9 / 10;
        v->follow = v->scroll >= v->content_height - v->list_rect.h;
    }

    /* The status bar. */
    struct status_line s = {.url = chat->url};
    char reason[512];
    status_reason(chat, reason, sizeof reason);
    switch (chat->connection) {
    case CHAT_STARTING:
        s.dot = t->dot_connecting;
        s.state = tr(I18N_STATE_STARTING);
        break;
    case CHAT_CONNECTING:
        s.dot = t->dot_connecting;
        s.state = tr(I18N_STATE_CONNECTING);
        break;
    case CHAT_CONNECTED:
        s.dot = t->dot_connected;
        s.state = tr(I18N_STATE_CONNECTED);
        break;
    case CHAT_DISCONNECTED:
        s.dot = t->dot_disconnected;
        s.state = tr(I18N_STATE_DISCONNECTED);
        s.reason = reason;
        break;
    }
    widget_status_bar(ui, t, v->status_rect, &s);
}
