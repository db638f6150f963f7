/* SPDX-License-Identifier: MIT */
/* view: see view.h. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "display.h"
#include "i18n.h"
#include "platform.h"
#include "url.h"
#include "utf8.h"

/* Sizes in layout units (ui_px turns them into pixels). */
#define STATUS_H 44
#define BAR_H 56
#define INPUT_ROW_H 64
#define ROW_PAD 12
#define CONTROL_H 40
#define GAP 8
#define LIST_PAD_X 16
#define LIST_PAD_Y 12
#define ITEM_GAP 8
#define SCROLLBAR_W 10
#define WHEEL_LINES 3 /* body lines per wheel notch */
#define PILL_H 30
/* A bubble shows at most this many lines, then "… N more bytes". */
#define BUBBLE_MAX_LINES 200
/* Shown whole ("Show all"), still at most this many: a 16 MiB message of
 * line feeds would otherwise make a bubble taller than an int can say. */
#define EXPANDED_MAX_LINES 100000
/* Rows kept laid out around the screen (a power of two); far more than a
 * screen can show at the smallest zoom. */
#define WINDOW_CAP 512

struct view_layout {
    size_t row;
    size_t message; /* its index in the chat (rows and messages differ when filtered) */
    int height; /* including the gap after it */
    int bubble_w, bubble_h;
    struct wrap wrap;
    char *display; /* the text as drawn, when it differs from the message's */
    size_t display_len;
    struct json_span *spans; /* when display is pretty JSON */
    size_t span_count;
    bool json;                /* the message is JSON (shown pretty or, marked, raw) */
    enum ui_font font;        /* monospace for pretty JSON and hex dumps */
    uint32_t *matches;        /* search hits in the display text */
    size_t match_count;
    uint64_t match_version;   /* the find version they are for (0: none yet) */
    size_t hidden;  /* bytes of the message the bubble leaves out (line limit) */
    uint8_t key; /* the message state and recall flag this layout was made for */
};

void view_init(struct view *view)
{
    memset(view, 0, sizeof *view);
    textedit_init(&view->input.edit);
    view->input.multiline = true;
    view->input.goal_x = -1;
    view->input.mark_start = SIZE_MAX;
    findbar_init(&view->findbar);
    find_init(&view->find);
    connbar_init(&view->conn);
    history_init(&view->history);
    vlist_init(&view->rows);
    panel_init(&view->panel);
    view->follow = true;
    view->theme = &theme_light;
}

static void layout_clear(struct view_layout *l)
{
    wrap_free(&l->wrap);
    free(l->display);
    free(l->spans);
    free(l->matches);
    memset(l, 0, sizeof *l);
}

static void window_flush(struct view *v)
{
    for (size_t i = 0; i < v->window_count; i++)
        layout_clear(&v->window[(v->window_head + i) & (v->window_cap - 1)]);
    v->window_head = v->window_count = 0;
}

void view_free(struct view *view)
{
    window_flush(view);
    free(view->window);
    free(view->marks);
    find_free(&view->find);
    panel_free(&view->panel);
    findbar_free(&view->findbar);
    connbar_free(&view->conn);
    widget_textbox_free(&view->input);
    history_free(&view->history);
    vlist_free(&view->rows);
    textedit_free(&view->input.edit);
    memset(view, 0, sizeof *view);
}

void view_sent(struct view *view)
{
    struct textedit *te = &view->input.edit;
    history_push(&view->history, te->text, te->len);
    textedit_clear(te);
}

/* Checks the input against its mode (once per change of the text). */
static void check_compose(struct view *v)
{
    const struct textedit *te = &v->input.edit;
    if (v->compose_checked == te->version + 1)
        return;
    v->compose_checked = te->version + 1;
    v->compose_error = (struct codec_error){CODEC_OK, 0, 0};
    if (v->compose == VIEW_COMPOSE_HEX)
        codec_hex_decode(te->text, te->len, NULL, NULL, &v->compose_error);
    else if (v->compose == VIEW_COMPOSE_BASE64)
        codec_base64_decode(te->text, te->len, NULL, NULL, &v->compose_error);
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

/* ---- marks: how the person chose to see a message ---------------------------------- */

static size_t mark_index(const struct view *v, uint64_t id)
{
    size_t lo = 0, hi = v->mark_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->marks[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static uint8_t mark_flags(const struct view *v, uint64_t id)
{
    size_t i = mark_index(v, id);
    return i < v->mark_count && v->marks[i].id == id ? v->marks[i].flags : 0;
}

static void mark_toggle(struct view *v, uint64_t id, uint8_t flag)
{
    size_t i = mark_index(v, id);
    if (i < v->mark_count && v->marks[i].id == id) {
        v->marks[i].flags ^= flag;
        if (!v->marks[i].flags) {
            memmove(&v->marks[i], &v->marks[i + 1], (v->mark_count - i - 1) * sizeof *v->marks);
            v->mark_count--;
        }
        return;
    }
    if (v->mark_count == v->mark_cap) {
        size_t cap = v->mark_cap ? v->mark_cap * 2 : 16;
        struct view_mark *grown = realloc(v->marks, cap * sizeof *grown);
        if (!grown)
            return;
        v->marks = grown;
        v->mark_cap = cap;
    }
    memmove(&v->marks[i + 1], &v->marks[i], (v->mark_count - i) * sizeof *v->marks);
    v->marks[i] = (struct view_mark){id, flag};
    v->mark_count++;
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

static void fill_bubble(const struct view *v, const struct chat *chat, const struct chat_message *m,
                        const struct view_layout *l, char time[64], char more[64], struct bubble *b)
{
    format_time(m->time_us, time);
    memset(b, 0, sizeof *b);
    b->time = time;
    if (m->rtt_us) {
        /* The echo's round trip, after the time: "↩ 0.21 ms" (in the
         * buffer's second half). */
        char *rtt = time + 16;
        double ms = (double)m->rtt_us / 1000.0;
        if (ms < 10.0)
            snprintf(rtt, 48, "\xE2\x86\xA9 %.2f ms", ms);
        else if (ms < 1000.0)
            snprintf(rtt, 48, "\xE2\x86\xA9 %.0f ms", ms);
        else
            snprintf(rtt, 48, "\xE2\x86\xA9 %.1f s", ms / 1000.0);
        b->after_time = rtt;
    }
    b->text = l->display ? l->display : m->text;
    b->wrap = &l->wrap;
    b->font = l->font;
    b->current = SIZE_MAX;
    if (m->kind == CHAT_RECEIVED) {
        b->kind = BUBBLE_RECEIVED;
        b->label = tr(I18N_RECEIVED);
    } else if (m->state == CHAT_NOT_SENT) {
        b->kind = BUBBLE_FAILED;
        b->label = tr(I18N_NOT_SENT);
        b->note = m->recalled ? NULL : tr(I18N_NOT_SENT_NOTE);
    } else {
        b->kind = BUBBLE_SENT;
        /* Sending while there is no connection: held for the next one. */
        b->label = tr(m->state != CHAT_SENDING ? I18N_SENT
                      : chat->connection == CHAT_CONNECTED ? I18N_SENDING : I18N_QUEUED);
    }
    uint8_t marks = mark_flags(v, chat_id(chat, m));
    bool expanded = marks & VIEW_MARK_EXPANDED;
    if (l->json) {
        b->toggle = tr(marks & VIEW_MARK_RAW ? I18N_SHOW_JSON : I18N_SHOW_RAW);
        b->spans = l->spans;
        b->span_count = l->span_count;
    }
    if (l->hidden && !b->note) {
        snprintf(more, 64, tr(I18N_MORE_BYTES), l->hidden);
        b->note = more;
        b->note_link = tr(expanded ? I18N_SHOW_LESS : I18N_SHOW_ALL);
    } else if (expanded && !b->note) {
        b->note_link = tr(I18N_SHOW_LESS);
    }
}

static int content_width(const struct ui *ui, int list_w)
{
    return list_w - ui_px(ui, SCROLLBAR_W);
}

static int bubble_max_width(const struct ui *ui, int list_w)
{
    int w = (content_width(ui, list_w) - 2 * ui_px(ui, LIST_PAD_X)) * 3 / 4;
    int least = ui_px(ui, 160);
    return w < least ? least : w;
}

/* What a bubble's layout depends on besides its text and the width. */
static uint8_t layout_key(uint8_t marks, const struct chat_message *m)
{
    return (uint8_t)(m->state | m->recalled << 4 | marks << 5);
}

static int event_height(const struct ui *ui)
{
    return ui_text_height((struct ui *)ui, UI_FONT_SMALL) + ui_px(ui, 8) + ui_px(ui, ITEM_GAP);
}

/* What guessing heights needs, worked out once for many rows. */
struct guess {
    int event_h, line_h, chrome, note_h, gap;
    size_t per_line; /* characters of running text on a line, about */
};

static void guess_setup(struct guess *g, const struct ui *ui, int list_w)
{
    struct ui *mui = (struct ui *)ui;
    g->event_h = event_height(ui);
    g->line_h = ui_text_height(mui, UI_FONT_BODY);
    int text_w = bubble_max_width(ui, list_w) - 2 * ui_px(ui, BUBBLE_PAD_X);
    int char_w = g->line_h * 9 / 20; /* about the width of an average character */
    if (char_w < 1)
        char_w = 1;
    g->per_line = (size_t)(text_w > char_w ? text_w / char_w : 1);
    g->chrome = 2 * ui_px(ui, BUBBLE_PAD_Y) + ui_text_height(mui, UI_FONT_LABEL) + ui_px(ui, 2);
    g->note_h = ui_px(ui, 2) + ui_text_height(mui, UI_FONT_SMALL);
    g->gap = ui_px(ui, ITEM_GAP);
}

/* A row's height before it is laid out: exact for event lines, a guess
 * for bubbles from the text's length and, with lines, its line breaks.
 * Cheap: no measuring; without lines, no reading of the text at all (for
 * guessing a million rows again when the width changes). */
static int guess_height(const struct guess *g, const struct chat_message *m, bool lines_too)
{
    if (m->kind == CHAT_EVENT)
        return g->event_h;
    if (m->binary) { /* its hex dump: a header and a line per 16 bytes */
        size_t rows = 1 + (display_binary_shown(m, 0) + 15) / 16;
        return g->chrome + (m->len > DISPLAY_HEX ? g->note_h : 0) + (int)rows * g->line_h + g->gap;
    }
    size_t len = m->len;
    if (len > DISPLAY_MAX)
        len = DISPLAY_MAX;
    size_t lines = 0, para = 0;
    const char *text = m->text;
    while (para <= len && lines < BUBBLE_MAX_LINES) {
        const char *nl = m->binary || !lines_too ? NULL : memchr(text + para, '\n', len - para);
        size_t end = nl ? (size_t)(nl - text) : len;
        lines += (end - para) / g->per_line + 1;
        para = end + 1;
        if (!nl)
            break;
    }
    if (lines > BUBBLE_MAX_LINES)
        lines = BUBBLE_MAX_LINES;
    int chrome = g->chrome;
    if ((m->kind == CHAT_SENT && m->state == CHAT_NOT_SENT) || m->len > DISPLAY_MAX)
        chrome += g->note_h;
    return chrome + (int)lines * g->line_h + g->gap;
}

static void build_layout(struct view *v, struct ui *ui, const struct chat *chat,
                         const struct chat_message *m, struct view_layout *l, int list_w)
{
    v->stats.layouts_built++;
    uint8_t marks = mark_flags(v, chat_id(chat, m));
    l->key = layout_key(marks, m);
    if (m->kind == CHAT_EVENT) {
        l->height = event_height(ui);
        return;
    }
    bool expanded = marks & VIEW_MARK_EXPANDED;
    struct display shown;
    display_message(m, marks, &shown);
    l->display = shown.text;
    l->display_len = shown.len;
    l->spans = shown.spans;
    l->span_count = shown.span_count;
    l->json = shown.json;
    l->font = shown.spans || m->binary ? UI_FONT_MONO : UI_FONT_BODY;
    const char *text = l->display ? l->display : m->text;
    size_t len = l->display ? l->display_len : m->len;
    int text_w = bubble_max_width(ui, list_w) - 2 * ui_px(ui, BUBBLE_PAD_X);
    if (!widget_wrap(ui, l->font, text, len, text_w, expanded ? EXPANDED_MAX_LINES : BUBBLE_MAX_LINES,
                     &l->wrap))
        l->wrap.count = 0;
    if (l->spans) /* pretty JSON: count what is left out of the pretty text */
        l->hidden = l->wrap.rest;
    else
        l->hidden = m->binary ? m->len - display_binary_shown(m, marks)
                              : m->len - display_message_bytes(m, &shown, len - l->wrap.rest, marks);
    char time[64], more[64];
    struct bubble b;
    fill_bubble(v, chat, m, l, time, more, &b);
    widget_bubble_size(ui, &b, &l->bubble_w, &l->bubble_h);
    l->height = l->bubble_h + ui_px(ui, ITEM_GAP);
}

/* ---- rows and their layouts ----------------------------------------------------------- */

/* The rows the list shows: one per message, or the filtered ones. */
static struct vlist *list_rows(struct view *v)
{
    return v->find.filtered ? &v->find.rows : &v->rows;
}

static const struct vlist *list_rows_const(const struct view *v)
{
    return v->find.filtered ? &v->find.rows : &v->rows;
}

static size_t row_message(const struct view *v, size_t row)
{
    return find_row_message(&v->find, row);
}

struct list_ctx {
    struct view *v;
    struct ui *ui;
    const struct chat *chat;
    int list_w;
    struct guess guess;
};

static int guess_row(void *user, size_t row)
{
    struct list_ctx *c = user;
    return guess_height(&c->guess, &c->chat->messages[row], false);
}

static int guess_filtered_row(void *user, size_t row)
{
    struct list_ctx *c = user;
    return guess_height(&c->guess, &c->chat->messages[c->v->find.row_message[row]], false);
}

static void find_reset(struct view *v);

/* Whatever was still gliding (a wheel's smooth scroll, a fling) stops:
 * the list is being put somewhere. */
static void scroll_stop(struct view *v)
{
    v->scroll_pending = 0;
    widget_fling_stop(&v->fling);
}

/* Brings the rows up to date with the chat: new messages get a guessed
 * height; a clear, a new width or a new scale starts over. */
static void sync_rows(struct list_ctx *c)
{
    struct view *v = c->v;
    const struct chat *chat = c->chat;
    float scale = c->ui->scale > 0 ? c->ui->scale : 1.0f;
    if (chat->clears != v->chat_clears) {
        window_flush(v);
        vlist_clear(&v->rows);
        v->messages_synced = 0;
        v->chat_clears = chat->clears;
        v->follow = true;
        v->anchor_row = 0;
        v->anchor_offset = 0;
        scroll_stop(v);
        v->seen_rows = 0;
        find_reset(v);
    }
    guess_setup(&c->guess, c->ui, c->list_w);
    if ((int)chat->connection != v->layout_connection) {
        /* A sending bubble says Queued or Sending by the connection. */
        window_flush(v);
        v->layout_connection = (int)chat->connection;
    }
    if (c->list_w != v->layout_width || scale != v->layout_scale) {
        /* Zoomed: the offset into the top row, in the new pixels. */
        if (v->layout_scale > 0 && scale != v->layout_scale)
            v->anchor_offset = (int)((float)v->anchor_offset * scale / v->layout_scale);
        window_flush(v);
        vlist_guess_all(&v->rows, guess_row, c);
        vlist_guess_all(&v->find.rows, guess_filtered_row, c);
        v->layout_width = c->list_w;
        v->layout_scale = scale;
    }
    while (v->messages_synced < chat->count) {
        const struct chat_message *m = &chat->messages[v->messages_synced];
        if (!vlist_push(&v->rows, guess_height(&c->guess, m, true), m->kind == CHAT_EVENT))
            break; /* out of memory: the rest shows when there is room */
        v->messages_synced++;
    }
}

static struct view_layout *window_at(struct view *v, size_t i)
{
    return &v->window[(v->window_head + i) & (v->window_cap - 1)];
}

/* The layout of a row, made when it has none or when the message changed;
 * its exact height goes into the rows. The window holds consecutive rows:
 * asking for the row just before or after it grows it (dropping the far
 * end when full), any other row starts it over. */
static struct view_layout *row_layout(struct list_ctx *c, size_t row)
{
    struct view *v = c->v;
    if (!v->window) {
        v->window = calloc(WINDOW_CAP, sizeof *v->window);
        if (!v->window)
            return NULL;
        v->window_cap = WINDOW_CAP;
    }
    size_t msg = row_message(v, row);
    const struct chat_message *m = &c->chat->messages[msg];
    struct view_layout *l;
    if (v->window_count && row >= v->window_first && row < v->window_first + v->window_count) {
        l = window_at(v, row - v->window_first);
        if (l->key == layout_key(mark_flags(v, chat_id(c->chat, m)), m))
            return l;
        layout_clear(l);
    } else if (v->window_count && row + 1 == v->window_first) {
        if (v->window_count == v->window_cap)
            layout_clear(window_at(v, --v->window_count));
        v->window_head = (v->window_head - 1) & (v->window_cap - 1);
        v->window_first = row;
        v->window_count++;
        l = window_at(v, 0);
    } else if (v->window_count && row == v->window_first + v->window_count) {
        if (v->window_count == v->window_cap) {
            layout_clear(window_at(v, 0));
            v->window_head = (v->window_head + 1) & (v->window_cap - 1);
            v->window_first++;
            v->window_count--;
        }
        l = window_at(v, v->window_count++);
    } else {
        window_flush(v);
        v->window_first = row;
        v->window_count = 1;
        l = window_at(v, 0);
    }
    build_layout(v, c->ui, c->chat, m, l, c->list_w);
    l->row = row;
    l->message = msg;
    vlist_set(list_rows(v), row, l->height, true);
    if (v->find.filtered)
        vlist_set(&v->rows, msg, l->height, true);
    return l;
}

static int row_height(struct list_ctx *c, size_t row)
{
    struct view_layout *l = row_layout(c, row);
    return l ? l->height : vlist_height(list_rows(c->v), row);
}

/* ---- scrolling ------------------------------------------------------------------------- */

void view_scroll_to_top(struct view *v)
{
    v->follow = false;
    v->anchor_row = 0;
    v->anchor_offset = -(1 << 20); /* clamped to the padding by the next frame */
    scroll_stop(v);
}

void view_scroll_to_bottom(struct view *v)
{
    v->follow = true;
    scroll_stop(v);
}

/* ---- the frame ------------------------------------------------------------------------ */

int64_t view_content_height(const struct view *v)
{
    const struct vlist *rows = list_rows_const(v);
    return rows->count ? v->pad_top + rows->total + v->pad_bottom : 0;
}

int64_t view_scroll_position(const struct view *v)
{
    int64_t content = view_content_height(v);
    if (v->follow)
        return content > v->list_rect.h ? content - v->list_rect.h : 0;
    const struct vlist *rows = list_rows_const(v);
    if (!rows->count)
        return 0;
    size_t row = v->anchor_row < rows->count ? v->anchor_row : rows->count - 1;
    return v->pad_top + vlist_offset(rows, row) + v->anchor_offset;
}

/* Moves the top of the list by dy pixels (down when positive), laying out
 * the rows it passes so the step is exact. The bottom is settled by
 * place_rows. */
static void scroll_by(struct list_ctx *c, int dy)
{
    struct view *v = c->v;
    size_t rows = list_rows(v)->count;
    if (!rows || !dy)
        return;
    v->follow = false;
    size_t row = v->anchor_row < rows ? v->anchor_row : rows - 1;
    int64_t off = (int64_t)v->anchor_offset + dy;
    while (off < 0 && row > 0)
        off += row_height(c, --row);
    if (row == 0 && off < -v->pad_top)
        off = -v->pad_top;
    while (row + 1 < rows) {
        int h = row_height(c, row);
        if (off < h)
            break;
        off -= h;
        row++;
    }
    int last = row_height(c, row);
    v->anchor_row = row;
    v->anchor_offset = (int)(off < last ? off : last);
}

/* Settles where the rows go in a list view_h pixels high: following, the
 * newest row ends at the bottom (or, when everything fits, the rows start
 * at the top); otherwise the anchor stays, unless the rows after it end
 * above the bottom, which means the person scrolled to the end: follow. */
static void place_rows(struct list_ctx *c, int view_h)
{
    struct view *v = c->v;
    size_t rows = list_rows(v)->count;
    if (!rows) {
        v->follow = true;
        v->seen_rows = 0;
        return;
    }
    int bottom = view_h - v->pad_bottom;
    if (v->anchor_row >= rows) {
        v->anchor_row = rows - 1;
        v->anchor_offset = 0;
    }
    if (v->anchor_row == 0 && v->anchor_offset < -v->pad_top)
        v->anchor_offset = -v->pad_top;
    if (!v->follow && v->anchor_offset > 0) {
        int h = row_height(c, v->anchor_row); /* it may have shrunk (a resize) */
        if (v->anchor_offset >= h)
            v->anchor_offset = h > 0 ? h - 1 : 0;
    }
    if (!v->follow) {
        int64_t y = -(int64_t)v->anchor_offset;
        size_t r = v->anchor_row;
        while (r < rows && y < bottom)
            y += row_height(c, r++);
        if (r == rows && y < bottom)
            v->follow = true;
    }
    if (v->follow) {
        int64_t y = bottom;
        size_t r = rows;
        while (r > 0 && y > 0)
            y -= row_height(c, --r);
        if (r == 0 && y >= v->pad_top) {
            v->anchor_row = 0;
            v->anchor_offset = -v->pad_top;
        } else {
            v->anchor_row = r;
            v->anchor_offset = (int)-y;
        }
        v->seen_rows = rows;
    }
}

/* Applies the smooth scrolling still to do: a third of it per frame, so a
 * wheel notch glides over a few frames and a fast spin still keeps up. */
static void scroll_smoothly(struct list_ctx *c)
{
    struct view *v = c->v;
    if (v->scroll_pending == 0.0f)
        return;
    float step = v->scroll_pending;
    bool last = step <= 3.0f && step >= -3.0f; /* the rest, rounded to a pixel */
    if (!last)
        step *= 0.35f;
    int px = (int)(step >= 0 ? step + 0.5f : step - 0.5f);
    scroll_by(c, px);
    v->scroll_pending = last ? 0.0f : v->scroll_pending - (float)px;
    bool at_top = v->anchor_row == 0 && v->anchor_offset <= -v->pad_top;
    if (at_top && v->scroll_pending < 0)
        v->scroll_pending = 0.0f;
    if (v->scroll_pending != 0.0f)
        ui_request_frame(c->ui, 16);
}

/* A finger on the list: a drag moves the rows with it, pixel for pixel; a
 * flick leaves them flinging; a tap reaches the bubbles as a click (see
 * ui_touch_scroll). The whole list is the finger's, the scroll bar too (a
 * finger at the edge means the list, not a bar a few pixels wide) and the
 * pill over it: a tap there still reaches the pill, drawn after the rows. */
static void touch_scroll(struct list_ctx *c, ui_rect list)
{
    struct view *v = c->v;
    struct ui *ui = c->ui;
    /* Anything new from the person stops a fling: a press (the finger
     * that catches it, or the mouse), the wheel, the keys that scroll. */
    bool moving = widget_fling_moving(&v->fling);
    if (ui->in.mouse_pressed || ui->in.wheel_y != 0.0f || v->scroll_pending != 0.0f)
        widget_fling_stop(&v->fling);
    struct ui_drag drag;
    ui_touch_scroll(ui, ui_id_str(ui, "list-touch"), list, moving, &drag);
    if (drag.dy) {
        v->scroll_pending = 0;
        scroll_by(c, drag.dy);
    }
    if (drag.released)
        widget_fling_start(&v->fling, ui, drag.velocity);
    scroll_by(c, widget_fling_step(&v->fling, ui));
}

/* A fling stops at either end (at the bottom place_rows has made the list
 * follow the newest again); until then it asks for frames. */
static void fling_settle(struct view *v, struct ui *ui)
{
    if (!widget_fling_moving(&v->fling))
        return;
    bool at_top = v->anchor_row == 0 && v->anchor_offset <= -v->pad_top;
    if ((v->follow && v->fling.velocity > 0) || (at_top && v->fling.velocity < 0))
        widget_fling_stop(&v->fling);
    else
        ui_request_frame(ui, 16);
}

/* ---- find ----------------------------------------------------------------------------- */

/* Starts the search over (see find_restart); the list starts over too
 * when its rows changed. */
static void find_restart_list(struct view *v, bool rows_too)
{
    if (find_restart(&v->find, rows_too)) {
        window_flush(v);
        v->follow = true;
        v->anchor_row = 0;
        v->anchor_offset = 0;
        scroll_stop(v);
        v->seen_rows = 0;
        v->sel_id = 0;
    }
}

static void find_reset(struct view *v)
{
    find_restart_list(v, true);
}

static size_t find_in_message(const struct view *v, const struct chat *chat, const struct chat_message *m)
{
    const struct find *f = &v->find;
    if (m->kind == CHAT_EVENT) {
        char text[600];
        display_event(chat, m, text, sizeof text);
        return search_all(&f->query, text, strlen(text), NULL, 0);
    }
    if (m->binary)
        return 0;
    struct display shown;
    display_message(m, mark_flags(v, chat_id(chat, m)), &shown);
    size_t hits = shown.text ? search_all(&f->query, shown.text, shown.len, NULL, 0)
                             : search_all(&f->query, m->text, m->len, NULL, 0);
    display_free(&shown);
    return hits;
}

static size_t source_hits(void *user, const struct chat_message *m)
{
    struct list_ctx *c = user;
    return find_in_message(c->v, c->chat, m);
}

static int source_guess(void *user, const struct chat_message *m)
{
    struct list_ctx *c = user;
    return guess_height(&c->guess, m, true);
}

/* Searches the next slice of messages; asks for another frame until all
 * are done. */
static void find_step_list(struct list_ctx *c)
{
    struct find_source src = {source_hits, source_guess, c};
    if (find_step(&c->v->find, c->chat, &src))
        ui_request_frame(c->ui, 1);
}

/* The search hits in a laid-out row's display text, for highlighting. */
static void find_highlights(struct view *v, const struct chat_message *m, struct view_layout *l)
{
    struct find *f = &v->find;
    if (l->match_version == f->version)
        return;
    free(l->matches);
    l->matches = NULL;
    l->match_count = 0;
    l->match_version = f->version;
    if (!f->query.len || m->kind == CHAT_EVENT || m->binary)
        return;
    const char *text = l->display ? l->display : m->text;
    size_t len = l->display ? l->display_len : m->len;
    size_t n = search_all(&f->query, text, len, NULL, 0);
    if (!n)
        return;
    size_t *starts = malloc(n * sizeof *starts);
    l->matches = malloc(n * sizeof *l->matches);
    if (starts && l->matches) {
        search_all(&f->query, text, len, starts, n);
        for (size_t i = 0; i < n; i++)
            l->matches[i] = (uint32_t)starts[i];
        l->match_count = n;
    }
    free(starts);
}

/* Moves the current hit one step (dir > 0: down, toward newer messages)
 * and scrolls it to a third of the way down the list. The first step
 * starts from what is on screen. */
static void find_jump(struct list_ctx *c, int dir, int list_h)
{
    struct view *v = c->v;
    struct find *f = &v->find;
    size_t rows = list_rows(v)->count;
    size_t top = rows ? row_message(v, v->first_drawn < rows ? v->first_drawn : rows - 1) : 0;
    if (!find_move(f, dir, top))
        return;
    size_t row = find_message_row(f, f->hits[f->current].message);
    if (row >= list_rows(v)->count)
        return;
    struct view_layout *l = row_layout(c, row);
    int y = 0;
    if (l && l->wrap.count) {
        const struct chat_message *m = &c->chat->messages[row_message(v, row)];
        find_highlights(v, m, l);
        size_t k = f->occurrence < l->match_count ? f->occurrence : l->match_count ? l->match_count - 1 : 0;
        size_t at = l->match_count ? l->matches[k] : 0;
        size_t line = 0;
        while (line + 1 < l->wrap.count && l->wrap.lines[line + 1].start <= at)
            line++;
        y = ui_px(c->ui, BUBBLE_PAD_Y) + ui_text_height(c->ui, UI_FONT_LABEL) + ui_px(c->ui, 2) +
            (int)line * ui_text_height(c->ui, UI_FONT_BODY);
    }
    v->follow = false;
    scroll_stop(v);
    v->anchor_row = row;
    v->anchor_offset = 0;
    scroll_by(c, y - list_h / 3);
}

void view_find_open(struct view *v, struct ui *ui)
{
    v->findbar.open = true;
    ui_set_focus(ui, widget_textbox_id(ui, &v->findbar.box));
    textedit_select_all(&v->findbar.box.edit);
    ui_request_frame(ui, 1);
}

void view_find_close(struct view *v, struct ui *ui)
{
    struct find *f = &v->find;
    v->findbar.open = false;
    textedit_clear(&v->findbar.box.edit);
    f->query.len = 0;
    f->only_matches = f->hide_sent = f->hide_received = f->hide_system = false;
    find_reset(v);
    ui_set_focus(ui, widget_textbox_id(ui, &v->input));
    ui_request_frame(ui, 1);
}

void view_find_filter(struct view *v, bool only_matches, bool hide_sent, bool hide_received, bool hide_system)
{
    struct find *f = &v->find;
    f->only_matches = only_matches;
    f->hide_sent = hide_sent;
    f->hide_received = hide_received;
    f->hide_system = hide_system;
    find_reset(v);
}

static void draw_event_line(struct ui *ui, const struct theme *t, const struct chat *chat,
                            const struct chat_message *m, ui_rect list, int y)
{
    char text[600];
    display_event(chat, m, text, sizeof text);
    size_t len = strlen(text);
    int content_w = content_width(ui, list.w);
    int max_w = content_w - 2 * ui_px(ui, LIST_PAD_X);
    bool ellipsis;
    size_t fit = widget_fit_text(ui, UI_FONT_SMALL, text, len, max_w, &ellipsis);
    int w = ui_text_width(ui, UI_FONT_SMALL, text, fit) +
            (ellipsis ? ui_text_width(ui, UI_FONT_SMALL, "\xE2\x80\xA6", 3) : 0);
    widget_text_fit(ui, UI_FONT_SMALL, text, len, list.x + (content_w - w) / 2, y + ui_px(ui, 4), max_w,
                    t->system_text);
}

/* Word or line around offset in a bubble's display text, for a double or
 * triple click. */
static void select_unit(const char *text, size_t len, size_t offset, int clicks, size_t *start,
                        size_t *end)
{
    if (clicks >= 3) {
        size_t a = offset, b = offset;
        while (a > 0 && text[a - 1] != '\n')
            a--;
        while (b < len && text[b] != '\n')
            b++;
        *start = a;
        *end = b;
        return;
    }
    struct textedit te = {.text = (char *)text, .len = len, .caret = offset, .anchor = offset};
    textedit_move(&te, TEXTEDIT_WORD_RIGHT, false);
    textedit_move(&te, TEXTEDIT_WORD_LEFT, true);
    textedit_selection(&te, start, end);
    if (*start > offset || *end < offset) { /* between words: nothing but the spot */
        *start = *end = offset;
    }
}

static void copy_text(struct ui *ui, const char *text, size_t len)
{
    if (!ui->clipboard_set)
        return;
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, text, len);
    copy[len] = '\0';
    ui->clipboard_set(ui->clipboard_user, copy);
    free(copy);
}

/* The whole message to the clipboard: a text as it came, binary as hex. */
static void copy_message(struct view *v, struct ui *ui, const struct chat_message *m)
{
    if (m->binary) {
        size_t n = (size_t)m->len * 3;
        char *hex = malloc(n + 1);
        if (!hex)
            return;
        for (size_t i = 0; i < m->len; i++)
            snprintf(hex + i * 3, 4, "%02x%s", (unsigned char)m->text[i], i + 1 < m->len ? " " : "");
        copy_text(ui, hex, m->len ? n - 1 : 0);
        free(hex);
    } else {
        copy_text(ui, m->text, m->len);
    }
    v->toast = tr(I18N_COPIED);
    v->toast_until = ui->now_ms + 1500;
}

static void draw_row(struct list_ctx *c, size_t row, int y, ui_rect list, struct view_actions *actions)
{
    struct view *v = c->v;
    struct ui *ui = c->ui;
    size_t msg = row_message(v, row);
    const struct chat_message *m = &c->chat->messages[msg];
    struct view_layout *l = row_layout(c, row);
    if (!l)
        return;
    if (m->kind == CHAT_EVENT) {
        draw_event_line(ui, v->theme, c->chat, m, list, y);
        return;
    }
    char time[64], more[64];
    struct bubble b;
    fill_bubble(v, c->chat, m, l, time, more, &b);
    uint64_t id64 = chat_id(c->chat, m);
    const char *text = b.text;
    size_t len = l->display ? l->display_len : m->len;
    if (v->find.query.len) {
        find_highlights(v, m, l);
        b.matches = l->matches;
        b.match_count = l->match_count;
        b.match_len = v->find.query.len;
        const struct find *f = &v->find;
        if (f->has_current && f->hits[f->current].message == msg)
            b.current = f->occurrence;
    }
    if (v->sel_id == id64) {
        b.sel_start = v->sel_anchor < v->sel_caret ? v->sel_anchor : v->sel_caret;
        b.sel_end = v->sel_anchor < v->sel_caret ? v->sel_caret : v->sel_anchor;
        if (b.sel_end > len)
            b.sel_end = len;
    }
    int content_w = content_width(ui, list.w);
    int pad_x = ui_px(ui, LIST_PAD_X);
    int x = m->kind == CHAT_RECEIVED ? list.x + pad_x : list.x + content_w - pad_x - l->bubble_w;
    ui_push_id(ui, (uint32_t)id64 ^ (uint32_t)(id64 >> 32));
    uint32_t id = ui_id(ui, "bubble", 6);
    ui_pop_id(ui);
    b.focused = ui->focus == id && ui->focus_from_keys;
    if (ui->focus == id) {
        v->focused_id = id64;
        v->focused_bubble = id;
    }
    struct bubble_input in;
    widget_bubble(ui, v->theme, id, (ui_rect){x, y, l->bubble_w, l->bubble_h}, &b, &in);

    /* The bubble was drawn with the selection as it was: a change shows in
     * the next frame, asked for right away. */
    size_t was_anchor = v->sel_anchor, was_caret = v->sel_caret;
    uint64_t was_id = v->sel_id;
    if ((in.result & UI_RESULT_PRESS) && in.text_hit) {
        v->sel_id = id64;
        v->sel_anchor = v->sel_caret = in.offset;
        if (ui->in.clicks >= 2)
            select_unit(text, len, in.offset, ui->in.clicks, &v->sel_anchor, &v->sel_caret);
        else if ((ui->in.mouse_mods & UI_MOD_SHIFT) && v->sel_id == id64)
            v->sel_caret = in.offset;
    } else if (ui->active == id && (ui->in.mouse_down & UI_MOUSE_LEFT || ui->in.mouse_released & UI_MOUSE_LEFT) &&
               in.text_hit && v->sel_id == id64 && ui->active_clicks < 2) {
        v->sel_caret = in.offset; /* (also when the last move came with the release) */
    }
    if (v->sel_id != was_id || v->sel_anchor != was_anchor || v->sel_caret != was_caret)
        ui_request_frame(ui, 1);
    /* A click without a drag on a bubble that was not sent recalls it. */
    if ((in.result & UI_RESULT_CLICK) && b.kind == BUBBLE_FAILED && v->sel_anchor == v->sel_caret) {
        actions->recall_id = id64;
        ui_set_focus(ui, widget_textbox_id(ui, &v->input)); /* to edit it and send again */
    }
    if (in.right_click)
        copy_message(v, ui, m);
    if (in.note_link_clicked || in.toggle_clicked) {
        mark_toggle(v, id64, in.toggle_clicked ? VIEW_MARK_RAW : VIEW_MARK_EXPANDED);
        v->sel_id = 0;
        if (v->find.query.len) /* the text shown changed, and with it the hits */
            find_restart_list(v, false);
        ui_request_frame(ui, 1);
    }
    if (in.time_hover) {
        struct tm tm;
        if (platform_local_time(m->time_us, &tm))
            snprintf(v->tooltip, sizeof v->tooltip, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        v->tooltip_anchor = in.time_rect;
    }
}

/* "↓ N new messages", over the bottom of the list. */
static const struct widget_tag_style pill_style = {.font = UI_FONT_LABEL, .pad_x = 16, .height = PILL_H, .radius = -1};

static ui_rect pill_rect(struct ui *ui, ui_rect list, const char *text)
{
    ui_rect r = widget_tag_size(ui, &pill_style, text);
    r.x = list.x + (content_width(ui, list.w) - r.w) / 2;
    r.y = list.y + list.h - r.h - ui_px(ui, 12);
    return r;
}

static void draw_list(struct view *v, struct ui *ui, const struct chat *chat, ui_rect list, int jump,
                      struct view_actions *actions)
{
    const struct theme *t = v->theme;
    struct list_ctx c = {.v = v, .ui = ui, .chat = chat, .list_w = list.w};
    v->pad_top = ui_px(ui, LIST_PAD_Y);
    v->pad_bottom = ui_px(ui, LIST_PAD_Y) - ui_px(ui, ITEM_GAP);
    sync_rows(&c);
    find_step_list(&c);
    if (jump)
        find_jump(&c, jump, list.h);

    if (ui->in.wheel_y != 0.0f && ui_mouse_over(ui, list)) {
        float step = (float)(WHEEL_LINES * ui_text_height(ui, UI_FONT_BODY));
        v->scroll_pending -= ui->in.wheel_y * step;
    }
    touch_scroll(&c, list);
    /* A press on the list clears the selection; a press on a bubble's
     * text starts a new one below. (A finger's press counts when it turns
     * out a tap: a drag only scrolls.) */
    if ((ui->in.mouse_pressed & UI_MOUSE_LEFT) && ui_mouse_over(ui, list))
        v->sel_id = 0;
    scroll_smoothly(&c);
    place_rows(&c, list.h);
    fling_settle(v, ui);
    if (v->follow && v->scroll_pending > 0)
        v->scroll_pending = 0;

    /* The scroll bar first: a drag moves the rows drawn this frame. */
    int sb_w = ui_px(ui, SCROLLBAR_W);
    ui_rect track = {list.x + list.w - sb_w - ui_px(ui, 2), list.y + ui_px(ui, 4), sb_w,
                     list.h - ui_px(ui, 8)};
    int64_t content = view_content_height(v);
    int64_t pos = view_scroll_position(v);
    uint32_t sb = ui_id_str(ui, "list-scrollbar");
    if (widget_scrollbar(ui, t, sb, track, content, list.h, &pos) & UI_RESULT_CHANGE) {
        scroll_stop(v);
        if (pos >= content - list.h) {
            v->follow = true;
        } else {
            v->follow = false;
            int64_t y = pos - v->pad_top;
            if (y < 0) {
                v->anchor_row = 0;
                v->anchor_offset = (int)y;
            } else {
                int64_t top;
                v->anchor_row = vlist_row_at(list_rows(v), y, &top);
                v->anchor_offset = (int)(y - top);
            }
        }
        place_rows(&c, list.h);
    }

    /* The pill takes its clicks before the bubbles under it. */
    size_t row_count = list_rows(v)->count;
    if (v->find.filtered && v->find.rows_scanned < chat->count)
        v->seen_rows = row_count; /* rows still being found are not news */
    size_t unseen = !v->follow && row_count > v->seen_rows ? row_count - v->seen_rows : 0;
    char pill[96] = "";
    v->pill_rect = (ui_rect){0, 0, 0, 0};
    if (unseen) {
        snprintf(pill, sizeof pill, tr(unseen == 1 ? I18N_NEW_MESSAGE : I18N_NEW_MESSAGES), unseen);
        v->pill_rect = pill_rect(ui, list, pill);
        ui_block_mouse(ui, v->pill_rect);
    }

    ui_push_clip(ui, list);
    int y = list.y - v->anchor_offset;
    size_t row = v->anchor_row;
    v->first_drawn = row;
    v->drawn_count = 0;
    while (row < row_count && y < list.y + list.h) {
        int h = row_height(&c, row);
        draw_row(&c, row, y, list, actions);
        y += h;
        row++;
        v->drawn_count++;
    }
    v->stats.rows_drawn = v->drawn_count;
    if (chat->count == 0) {
        const char *empty = tr(I18N_EMPTY);
        size_t len = strlen(empty);
        int w = ui_text_width(ui, UI_FONT_BODY, empty, len);
        ui_draw_text(ui, UI_FONT_BODY, empty, len, list.x + (list.w - w) / 2,
                     list.y + list.h / 2 - ui_text_height(ui, UI_FONT_BODY), t->text_muted);
    }
    ui_pop_clip(ui);

    if (unseen) {
        ui_unblock_mouse(ui);
        uint32_t id = ui_id_str(ui, "new-messages-pill");
        int result = ui_interact(ui, id, v->pill_rect, false);
        if (result & UI_RESULT_HOVER)
            ui->cursor = UI_CURSOR_HAND;
        widget_tag(ui, &pill_style, pill, v->pill_rect, t->pill_bg, t->pill_text, 0);
        if (result & UI_RESULT_CLICK) {
            view_scroll_to_bottom(v);
            ui_request_frame(ui, 1);
        }
    }
    ui_touch_scroll_end(ui);
}

/* Keys for a focused bubble, before the text box draws: typing goes to
 * the text box. */
static void bubble_keys(struct view *v, struct ui *ui, const struct chat *chat)
{
    if (!v->focused_id && v->focused_bubble && ui->focus == v->focused_bubble) {
        /* The focused bubble was scrolled out of the list: what is typed
         * still goes to the text box, never nowhere. */
        bool to_input = false;
        for (int i = 0; i < ui->in.key_count; i++)
            to_input |= !ui->in.keys[i].used && (ui->in.keys[i].key == UI_KEY_NONE ||
                                                 ui->in.keys[i].key == UI_KEY_ESCAPE);
        if (to_input) {
            ui_take_key(ui, UI_KEY_ESCAPE, 0);
            ui_set_focus(ui, widget_textbox_id(ui, &v->input));
            v->focused_bubble = 0;
        }
        return;
    }
    if (!v->focused_id)
        return;
    const struct chat_message *m = chat_find((struct chat *)chat, v->focused_id);
    if (!m) {
        v->focused_id = 0;
        return;
    }
    if (ui_take_key(ui, UI_KEY_C, UI_MOD_CTRL)) {
        if (v->sel_id == v->focused_id && v->sel_anchor != v->sel_caret) {
            /* The selection, as it is drawn. */
            size_t a = v->sel_anchor < v->sel_caret ? v->sel_anchor : v->sel_caret;
            size_t b = v->sel_anchor < v->sel_caret ? v->sel_caret : v->sel_anchor;
            const struct view_layout *l = NULL;
            for (size_t i = 0; i < v->window_count && !l; i++) {
                const struct view_layout *w = &v->window[(v->window_head + i) & (v->window_cap - 1)];
                if (w->message == (size_t)(m - chat->messages))
                    l = w;
            }
            const char *text = l && l->display ? l->display : m->text;
            size_t len = l && l->display ? l->display_len : m->len;
            if (b > len)
                b = len;
            if (a < b) {
                copy_text(ui, text + a, b - a);
                v->toast = tr(I18N_COPIED);
                v->toast_until = ui->now_ms + 1500;
            }
        } else {
            copy_message(v, ui, m);
        }
    }
    if (ui_take_key(ui, UI_KEY_A, UI_MOD_CTRL)) {
        v->sel_id = v->focused_id;
        v->sel_anchor = 0;
        v->sel_caret = SIZE_MAX; /* clamped to the text when drawn */
    }
    bool to_input = ui_take_key(ui, UI_KEY_ESCAPE, 0);
    for (int i = 0; i < ui->in.key_count; i++)
        to_input |= !ui->in.keys[i].used && ui->in.keys[i].key == UI_KEY_NONE;
    if (to_input) {
        ui_set_focus(ui, widget_textbox_id(ui, &v->input));
        v->focused_id = 0;
    }
}

/* Keys for the list that the text box left. */
static void list_keys(struct view *v, struct ui *ui)
{
    int page = v->list_rect.h * 9 / 10;
    if (ui_take_key(ui, UI_KEY_PAGE_UP, 0))
        v->scroll_pending -= (float)page;
    if (ui_take_key(ui, UI_KEY_PAGE_DOWN, 0))
        v->scroll_pending += (float)page;
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
    struct widget_textbox *boxes[] = {&v->input, &v->conn.url, &v->findbar.box, &v->panel.name, &v->panel.path};
    for (size_t i = 0; i < sizeof boxes / sizeof boxes[0] && ui->pressed; i++) {
        if (!boxes[i]->id || ui->pressed != boxes[i]->id)
            continue;
        keyboard_open(&v->osk, ui, boxes[i] == &v->input ? NULL : boxes[i]);
    }
    struct widget_textbox *t = v->osk.target;
    if ((t == &v->findbar.box && !v->findbar.open) || (t == &v->panel.name && !v->panel.open) ||
        (t == &v->panel.path && (!v->panel.open || v->panel.file == PANEL_FILE_NONE)))
        v->osk.target = NULL;
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
    int pad = ui_px(ui, 12), gap = ui_px(ui, 12), control_h = ui_px(ui, CONTROL_H);
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
    int pad = ui_px(ui, 12), gap = ui_px(ui, 12), control_h = ui_px(ui, CONTROL_H);
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

void view_frame(struct view *v, struct ui *ui, const struct chat *chat, int width, int height,
                struct view_actions *actions)
{
    memset(actions, 0, sizeof *actions);
    const struct theme *t = v->theme;
    v->tooltip[0] = '\0';
    v->focused_id = 0;
    v->clear_requested = false;
    int status_h = ui_px(ui, STATUS_H), row_h = ui_px(ui, INPUT_ROW_H), bar_h = ui_px(ui, BAR_H);

    /* The connection bar at the top, the status bar under it. The open
     * drop-down (drawn last, over the rest) takes the mouse where it lies. */
    if (ui_take_key(ui, UI_KEY_D, UI_MOD_ALT) || ui_take_key(ui, UI_KEY_F6, 0))
        view_focus_url(v, ui);
    struct connbar_actions bar;
    connbar_frame(&v->conn, ui, t, chat, v->recent, (ui_rect){0, 0, width, bar_h},
                  widget_textbox_id(ui, &v->input), &bar);
    take_connbar_actions(actions, &bar);
    status_h += bar_h; /* (from here on: all that is above the list) */
    v->status_rect = (ui_rect){0, bar_h, width, status_h - bar_h};
    int find_h = 0;
    if (ui_take_key(ui, UI_KEY_F, UI_MOD_CTRL))
        view_find_open(v, ui);
    int jump = 0;
    if (v->findbar.open) {
        struct findbar_actions bar;
        findbar_frame(&v->findbar, &v->find, ui, t, (ui_rect){0, status_h, width, findbar_height(ui, width)},
                      v->messages_synced, &bar);
        jump = bar.jump;
        if (bar.close)
            view_find_close(v, ui);
        else if (bar.restart)
            find_restart_list(v, bar.restart_rows);
        find_h = v->findbar.open ? v->findbar.rect.h : 0;
    }
    if (!v->findbar.open)
        v->findbar.rect = (ui_rect){0, 0, 0, 0};

    /* The input row: text box, Send, Close / Connect. It grows with the
     * text box, up to its six lines. */
    bool connected = chat->connection == CHAT_CONNECTED;
    bool connecting = chat->connection == CHAT_CONNECTING || chat->connection == CHAT_STARTING;
    const char *send_label = tr(I18N_SEND);
    bool retrying = chat->connection == CHAT_DISCONNECTED && chat->retry_at_us > 0;
    const char *close_label = tr(connected || connecting ? I18N_CLOSE : retrying ? I18N_RECONNECT_NOW : I18N_CONNECT);
    int send_w = widget_button_width(ui, send_label);
    /* Wide enough for either label, so nothing moves when it changes. */
    int close_w = widget_button_width(ui, tr(I18N_CLOSE));
    int connect_w = widget_button_width(ui, tr(I18N_CONNECT));
    int now_w = widget_button_width(ui, tr(I18N_RECONNECT_NOW));
    if (connect_w > close_w)
        close_w = connect_w;
    if (now_w > close_w)
        close_w = now_w;
    int control_h = ui_px(ui, CONTROL_H), gap = ui_px(ui, GAP), pad = ui_px(ui, ROW_PAD);
    /* Narrow windows squeeze the buttons before the text box goes under 140. */
    int room = width - 2 * pad - 2 * gap - ui_px(ui, 140);
    if (send_w + close_w > room && room > 0) {
        int excess = send_w + close_w - room;
        send_w -= excess / 2;
        close_w -= excess - excess / 2;
    }
    /* The mode (Text, Hex, Base64) is a small button inside the text box,
     * at its right: it costs the text a little width, not the row. */
    const char *modes[3] = {tr(I18N_COMPOSE_TEXT), tr(I18N_COMPOSE_HEX), tr(I18N_COMPOSE_BASE64)};
    int mode_w = 0;
    for (int i = 0; i < 3; i++) {
        int w = ui_text_width(ui, UI_FONT_SMALL, modes[i], strlen(modes[i])) + ui_px(ui, 12);
        mode_w = w > mode_w ? w : mode_w;
    }
    v->input.reserve_right = mode_w + ui_px(ui, 6);
    int input_w = width - 2 * pad - 2 * gap - send_w - close_w;
    int box_h = widget_textbox_height(ui, &v->input, input_w);
    int margin = (row_h - control_h) / 2;
    if (box_h + 2 * margin > row_h)
        row_h = box_h + 2 * margin;
    if (row_h > height / 2 && height / 2 > ui_px(ui, INPUT_ROW_H))
        row_h = height / 2; /* a tiny window keeps room for the list */
    /* The on-screen keyboard under the input row, sliding up as it opens. */
    int osk_h = 0;
    if (v->osk_enabled) {
        osk_h = keyboard_shown_height(&v->osk, ui, height);
        if (osk_h > height - status_h - row_h)
            osk_h = height - status_h - row_h > 0 ? height - status_h - row_h : 0;
    }
    ui_rect row = {0, height - osk_h - row_h, width, row_h};
    int list_h = height - status_h - find_h - row_h - osk_h;
    /* The saved messages, at the right of the list, when open. */
    if (ui_take_key(ui, UI_KEY_B, UI_MOD_CTRL)) {
        panel_toggle(&v->panel, ui, true);
        if (!v->panel.open)
            ui_set_focus(ui, v->input.id);
    }
    int panel_w = v->panel.open ? panel_width(ui, width) : 0;
    /* Offline: the offer of the built-in echo server, under the list. */
    bool offer_stacked = false;
    int offer_h = offline(chat) ? offer_layout(ui, width - panel_w, &offer_stacked) : 0;
    if (list_h - offer_h < ui_px(ui, 120))
        offer_h = 0; /* a tiny window keeps its list */
    list_h -= offer_h;
    v->list_rect = (ui_rect){0, status_h + find_h, width - panel_w, list_h > 0 ? list_h : 0};
    v->offer_rect = (ui_rect){0, v->list_rect.y + v->list_rect.h, width - panel_w, offer_h};
    int y = row.y + row.h - margin - control_h; /* the buttons sit at the bottom */
    int right = row.x + row.w - pad;
    v->close_rect = (ui_rect){right - close_w, y, close_w, control_h};
    v->send_rect = (ui_rect){v->close_rect.x - gap - send_w, y, send_w, control_h};
    v->input_rect = (ui_rect){row.x + pad, row.y + margin, input_w, row.h - 2 * margin};
    int mode_h = ui_text_height(ui, UI_FONT_SMALL) + ui_px(ui, 8);
    v->compose_rect = (ui_rect){v->input_rect.x + v->input_rect.w - mode_w - ui_px(ui, 6),
                                v->input_rect.y + v->input_rect.h - mode_h - ui_px(ui, 6), mode_w, mode_h};

    draw_list(v, ui, chat, v->list_rect, jump, actions);
    if (offer_h)
        draw_offline_offer(v, ui, v->offer_rect, offer_stacked, actions);
    bubble_keys(v, ui, chat);
    draw_panel(v, ui, (ui_rect){width - panel_w, v->list_rect.y, panel_w, v->list_rect.h}, actions);

    ui_draw_rect(ui, row, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){row.x, row.y, row.w, ui_px(ui, 1)}, t->bar_border, 0);

    if (!v->started) {
        /* The text box has the focus from the first frame: type right away. */
        v->started = true;
        ui_set_focus(ui, widget_textbox_id(ui, &v->input));
    }
    static const enum i18n_id placeholders[3] = {I18N_PLACEHOLDER, I18N_PLACEHOLDER_HEX, I18N_PLACEHOLDER_BASE64};
    check_compose(v);
    bool compose_ok = v->compose_error.code == CODEC_OK;
    v->input.mark_start = compose_ok ? SIZE_MAX : v->compose_error.offset;
    v->input.mark_end = compose_ok ? SIZE_MAX : v->compose_error.offset + v->compose_error.length;
    int box = widget_textbox(ui, t, &v->input, v->input_rect, tr(placeholders[v->compose]));
    osk_follow(v, ui);
    /* The mode button, over the box (after it, so it takes its clicks). */
    uint32_t mode_id = ui_id_str(ui, "compose-mode");
    int mode = ui_interact(ui, mode_id, v->compose_rect, false);
    if (mode & UI_RESULT_HOVER)
        ui->cursor = UI_CURSOR_HAND;
    ui_color mode_bg = v->compose ? t->primary_bg : ((mode & UI_RESULT_HOVER) ? t->window_bg : t->disabled_bg);
    ui_draw_rect(ui, v->compose_rect, mode_bg, ui_px(ui, 4));
    size_t mode_len = strlen(modes[v->compose]);
    int mode_tw = ui_text_width(ui, UI_FONT_SMALL, modes[v->compose], mode_len);
    ui_draw_text(ui, UI_FONT_SMALL, modes[v->compose], mode_len, v->compose_rect.x + (v->compose_rect.w - mode_tw) / 2,
                 v->compose_rect.y + ui_px(ui, 4), v->compose ? t->primary_text : t->disabled_text);
    if (mode & UI_RESULT_CLICK) {
        v->compose = (v->compose + 1) % 3; /* Text, Hex, Base64 */
        v->compose_checked = 0;
        ui_set_focus(ui, widget_textbox_id(ui, &v->input));
        ui_request_frame(ui, 1);
    }
    check_compose(v); /* the keys may have changed it */
    compose_ok = v->compose_error.code == CODEC_OK;
    bool has_text = v->input.edit.len > 0 && compose_ok;
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
    if (osk_h > 0) {
        struct keyboard_actions keys;
        keyboard_frame(&v->osk, ui, t, (ui_rect){0, height - osk_h, width, keyboard_height(ui, height)},
                       keyboard_key_height(ui, height), &v->input, has_text, &keys);
        actions->send |= keys.send;
        /* Typed into the URL field: it is the person's now (not put back to
         * the connected URL while the focus is on a key). */
        if (keys.typed && v->osk.target == &v->conn.url)
            v->conn.edited = true;
    } else {
        v->osk.rect = (ui_rect){0, 0, 0, 0};
    }
    if (actions->send)
        view_scroll_to_bottom(v); /* what you send, you see */
    if (!compose_ok && v->input.edit.len) {
        /* Why it cannot go, just above the text box. */
        char why[256];
        snprintf(why, sizeof why, tr(I18N_COMPOSE_INVALID), tr_codec_error(v->compose_error.code));
        ui_rect r = widget_tag_size(ui, &widget_tag_warning, why);
        r.x = v->input_rect.x;
        r.y = row.y - ui_text_height(ui, UI_FONT_SMALL) - ui_px(ui, 8);
        widget_tag(ui, &widget_tag_warning, why, r, t->tag_bg, t->tag_text, width - r.x - ui_px(ui, 16));
    }

    /* Up on the first line and Down on the last, which the text box left:
     * a message that was not sent comes back first, then the history. */
    if (ui->focus == v->input.id) {
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
    list_keys(v, ui);
    actions->zoom = v->zoom_requested;
    v->zoom_requested = 0;
    if (v->clear_requested) {
        actions->clear = true;
        v->sel_id = 0;
        v->mark_count = 0;
    }

    /* The status bar. */
    /* The URL, when the field shows another (being edited). */
    bool url_shown = strcmp(v->conn.url.edit.text, chat->url) == 0;
    struct status_line s = {.url = url_shown ? NULL : chat->url, .tag = v->insecure ? tr(I18N_INSECURE) : NULL};
    char reason[512];
    display_status_reason(chat, reason, sizeof reason);
    if (retrying) {
        /* Counting down: a frame at each new second until the attempt. */
        int64_t left_us = chat->retry_at_us - platform_wall_clock_us();
        int left = left_us > 0 ? (int)((left_us + 999999) / 1000000) : 0;
        size_t used = strlen(reason);
        snprintf(reason + used, sizeof reason - used, "%s", used ? " \xE2\x80\x94 " : "");
        used = strlen(reason);
        snprintf(reason + used, sizeof reason - used, tr(I18N_RECONNECTING), left, chat->retry_attempt);
        if (left_us > 0)
            ui_request_frame(ui, (int)(left_us % 1000000 / 1000) + 1);
    }
    char details[512];
    display_connection_details(chat, details, sizeof details);
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
        s.reason = details[0] ? details : NULL;
        s.reason_muted = true;
        break;
    case CHAT_DISCONNECTED:
        s.dot = t->dot_disconnected;
        s.state = tr(I18N_STATE_DISCONNECTED);
        s.reason = reason;
        break;
    }
    const char *theme_label = tr(t == &theme_dark ? I18N_THEME_LIGHT : I18N_THEME_DARK);
    int theme_w = widget_button_width(ui, theme_label);
    int theme_h = ui_px(ui, 28);
    v->theme_rect = (ui_rect){v->status_rect.x + v->status_rect.w - ui_px(ui, 12) - theme_w,
                              v->status_rect.y + (v->status_rect.h - theme_h) / 2, theme_w, theme_h};
    /* Saved, left of the theme's button: it opens the panel by mouse or finger. */
    const char *saved_label = tr(I18N_SAVED_TOGGLE);
    int saved_w = widget_button_width(ui, saved_label);
    v->saved_rect = (ui_rect){v->theme_rect.x - ui_px(ui, 8) - saved_w, v->theme_rect.y, saved_w, theme_h};
    s.right_reserved = theme_w + saved_w + ui_px(ui, 20);
    widget_status_bar(ui, t, v->status_rect, &s);
    if (widget_button(ui, t, saved_label, v->saved_rect, v->panel.open ? BUTTON_PRIMARY : BUTTON_SECONDARY, true) &
        UI_RESULT_CLICK) {
        panel_toggle(&v->panel, ui, false);
        ui_set_focus(ui, v->input.id);
    }
    if (widget_button(ui, t, theme_label, v->theme_rect, BUTTON_SECONDARY, true) & UI_RESULT_CLICK) {
        v->theme = t == &theme_dark ? &theme_light : &theme_dark;
        actions->theme_changed = true;
        ui_set_focus(ui, v->input.id);
        ui_request_frame(ui, 1);
    }

    /* Overlays: the banner, the drop-down, the toast, then the tooltip over everything. */
    if (v->banner) {
        static const struct widget_tag_style banner = {.font = UI_FONT_LABEL, .pad_x = 16, .pad_y = 8, .radius = -1};
        ui_rect r = widget_tag_size(ui, &banner, v->banner);
        r.x = v->list_rect.x + (content_width(ui, v->list_rect.w) - r.w) / 2;
        r.y = v->list_rect.y + ui_px(ui, 12);
        widget_tag(ui, &banner, v->banner, r, t->tag_bg, t->tag_text, 0);
    }
    connbar_overlay(&v->conn, ui, t, chat, v->recent, widget_textbox_id(ui, &v->input), &bar);
    take_connbar_actions(actions, &bar);
    if (v->toast && ui->now_ms < v->toast_until) {
        static const struct widget_tag_style toast = {.font = UI_FONT_LABEL, .pad_x = 14, .pad_y = 6, .radius = -1};
        ui_rect r = widget_tag_size(ui, &toast, v->toast);
        r.x = v->list_rect.x + (content_width(ui, v->list_rect.w) - r.w) / 2;
        r.y = v->list_rect.y + v->list_rect.h - ui_text_height(ui, UI_FONT_LABEL) - ui_px(ui, 24) - ui_px(ui, 12);
        if (v->pill_rect.w > 0)
            r.y -= v->pill_rect.h + ui_px(ui, 8);
        widget_tag(ui, &toast, v->toast, r, t->tooltip_bg, t->tooltip_text, 0);
        ui_request_frame(ui, (int)(v->toast_until - ui->now_ms));
    } else {
        v->toast = NULL;
    }
    if (v->tooltip[0]) {
        static const struct widget_tag_style tip = {.font = UI_FONT_SMALL, .pad_x = 8, .pad_y = 4, .radius = 6};
        ui_rect r = widget_tag_size(ui, &tip, v->tooltip);
        r.x = v->tooltip_anchor.x;
        r.y = v->tooltip_anchor.y + v->tooltip_anchor.h + ui_px(ui, 6);
        if (r.x + r.w > width)
            r.x = width - r.w;
        if (r.y + r.h > height)
            r.y = v->tooltip_anchor.y - r.h - ui_px(ui, 6);
        widget_tag(ui, &tip, v->tooltip, r, t->tooltip_bg, t->tooltip_text, 0);
    }
}
