/* SPDX-License-Identifier: MIT */
/* list: the conversation as a virtual list (see list.h). */
#include "list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "display.h"
#include "grow.h"
#include "row.h"
#include "i18n.h"
#include "platform.h"

#define LIST_PAD_Y 12
#define WHEEL_LINES 3 /* body lines per wheel notch */
#define PILL_H 30
#define TOAST_MS 1500
/* Rows kept laid out around the screen (a power of two); far more than a
 * screen can show at the smallest zoom. */
#define WINDOW_CAP 512

int list_content_width(const struct ui *ui, int list_w)
{
    return row_content_width(ui, list_w);
}

static void window_flush(struct list *ls)
{
    for (size_t i = 0; i < ls->window_count; i++)
        row_clear(&ls->window[(ls->window_head + i) & (ls->window_cap - 1)]);
    ls->window_head = ls->window_count = 0;
}

void list_init(struct list *ls)
{
    memset(ls, 0, sizeof *ls);
    vlist_init(&ls->rows);
    find_init(&ls->find);
    listrange_init(&ls->range);
    ls->follow = true;
}

void list_free(struct list *ls)
{
    window_flush(ls);
    free(ls->window);
    free(ls->marks);
    find_free(&ls->find);
    vlist_free(&ls->rows);
    memset(ls, 0, sizeof *ls);
}

void list_forget(struct list *ls)
{
    ls->sel_id = 0;
    ls->mark_count = 0;
    listrange_init(&ls->range); /* (and where a Shift+click would start) */
}

/* The range of messages changed: a note says how many it holds. */
static void range_changed(struct list *ls, struct ui *ui, const struct chat *chat)
{
    ls->toast = listrange_note(&ls->range, chat, &ls->find);
    ls->toast_until = ui->now_ms + TOAST_MS;
}

/* ---- marks: how the person chose to see a message ---------------------------------- */

static size_t mark_index(const struct list *ls, uint64_t id)
{
    size_t lo = 0, hi = ls->mark_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ls->marks[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static uint8_t mark_flags(const struct list *ls, uint64_t id)
{
    size_t i = mark_index(ls, id);
    return i < ls->mark_count && ls->marks[i].id == id ? ls->marks[i].flags : 0;
}

static void mark_toggle(struct list *ls, uint64_t id, uint8_t flag)
{
    size_t i = mark_index(ls, id);
    if (i < ls->mark_count && ls->marks[i].id == id) {
        ls->marks[i].flags ^= flag;
        if (!ls->marks[i].flags) {
            memmove(&ls->marks[i], &ls->marks[i + 1], (ls->mark_count - i - 1) * sizeof *ls->marks);
            ls->mark_count--;
        }
        return;
    }
    if (!grow(&ls->marks, &ls->mark_cap, ls->mark_count + 1, sizeof *ls->marks, 16))
        return;
    memmove(&ls->marks[i + 1], &ls->marks[i], (ls->mark_count - i) * sizeof *ls->marks);
    ls->marks[i] = (struct list_mark){id, flag};
    ls->mark_count++;
}

/* ---- rows and their layouts ----------------------------------------------------------- */

/* The rows the list shows: one per message, or the filtered ones. */
static struct vlist *list_rows(struct list *ls)
{
    return ls->find.filtered ? &ls->find.rows : &ls->rows;
}

static const struct vlist *list_rows_const(const struct list *ls)
{
    return ls->find.filtered ? &ls->find.rows : &ls->rows;
}

static size_t row_message(const struct list *ls, size_t row)
{
    return find_row_message(&ls->find, row);
}

struct list_ctx {
    struct list *ls;
    struct ui *ui;
    const struct theme *theme;
    uint32_t home; /* the text box the focus goes to from a bubble */
    const struct chat *chat;
    int list_w;
    struct row_guess guess;
};

static int guess_row(void *user, size_t row)
{
    struct list_ctx *c = user;
    return row_guess(&c->guess, &c->chat->messages[row], false);
}

static int guess_filtered_row(void *user, size_t row)
{
    struct list_ctx *c = user;
    return row_guess(&c->guess, &c->chat->messages[c->ls->find.row_message[row]], false);
}

static void find_reset(struct list *ls);

/* Whatever was still gliding (a wheel's smooth scroll, a fling) stops:
 * the list is being put somewhere. */
static void scroll_stop(struct list *ls)
{
    ls->scroll_pending = 0;
    widget_fling_stop(&ls->fling);
}

/* Brings the rows up to date with the chat: new messages get a guessed
 * height; a clear, a new width or a new scale starts over. */
static void sync_rows(struct list_ctx *c)
{
    struct list *ls = c->ls;
    const struct chat *chat = c->chat;
    float scale = c->ui->scale > 0 ? c->ui->scale : 1.0f;
    if (chat->clears != ls->chat_clears) {
        window_flush(ls);
        vlist_clear(&ls->rows);
        ls->messages_synced = 0;
        ls->chat_clears = chat->clears;
        ls->follow = true;
        ls->anchor_row = 0;
        ls->anchor_offset = 0;
        scroll_stop(ls);
        ls->seen_rows = 0;
        find_reset(ls);
    }
    row_guess_setup(&c->guess, c->ui, c->list_w);
    if ((int)chat->connection != ls->layout_connection) {
        /* A sending bubble says Queued or Sending by the connection. */
        window_flush(ls);
        ls->layout_connection = (int)chat->connection;
    }
    if (c->list_w != ls->layout_width || scale != ls->layout_scale) {
        /* Zoomed: the offset into the top row, in the new pixels. */
        if (ls->layout_scale > 0 && scale != ls->layout_scale)
            ls->anchor_offset = (int)((float)ls->anchor_offset * scale / ls->layout_scale);
        window_flush(ls);
        vlist_guess_all(&ls->rows, guess_row, c);
        vlist_guess_all(&ls->find.rows, guess_filtered_row, c);
        ls->layout_width = c->list_w;
        ls->layout_scale = scale;
    }
    while (ls->messages_synced < chat->count) {
        const struct chat_message *m = &chat->messages[ls->messages_synced];
        if (!vlist_push(&ls->rows, row_guess(&c->guess, m, true), m->kind == CHAT_EVENT))
            break; /* out of memory: the rest shows when there is room */
        ls->messages_synced++;
    }
}

static struct row_layout *window_at(struct list *ls, size_t i)
{
    return &ls->window[(ls->window_head + i) & (ls->window_cap - 1)];
}

/* The layout of a row, made when it has none or when the message changed;
 * its exact height goes into the rows. The window holds consecutive rows:
 * asking for the row just before or after it grows it (dropping the far
 * end when full), any other row starts it over. */
static struct row_layout *row_layout(struct list_ctx *c, size_t row)
{
    struct list *ls = c->ls;
    if (!ls->window) {
        ls->window = calloc(WINDOW_CAP, sizeof *ls->window);
        if (!ls->window)
            return NULL;
        ls->window_cap = WINDOW_CAP;
    }
    size_t msg = row_message(ls, row);
    const struct chat_message *m = &c->chat->messages[msg];
    struct row_layout *l;
    if (ls->window_count && row >= ls->window_first && row < ls->window_first + ls->window_count) {
        l = window_at(ls, row - ls->window_first);
        if (l->key == row_key(mark_flags(ls, chat_id(c->chat, m)), m))
            return l;
        row_clear(l);
    } else if (ls->window_count && row + 1 == ls->window_first) {
        if (ls->window_count == ls->window_cap)
            row_clear(window_at(ls, --ls->window_count));
        ls->window_head = (ls->window_head - 1) & (ls->window_cap - 1);
        ls->window_first = row;
        ls->window_count++;
        l = window_at(ls, 0);
    } else if (ls->window_count && row == ls->window_first + ls->window_count) {
        if (ls->window_count == ls->window_cap) {
            row_clear(window_at(ls, 0));
            ls->window_head = (ls->window_head + 1) & (ls->window_cap - 1);
            ls->window_first++;
            ls->window_count--;
        }
        l = window_at(ls, ls->window_count++);
    } else {
        window_flush(ls);
        ls->window_first = row;
        ls->window_count = 1;
        l = window_at(ls, 0);
    }
    ls->stats.layouts_built++;
    row_build(c->ui, c->chat, m, mark_flags(ls, chat_id(c->chat, m)), l, c->list_w);
    l->row = row;
    l->message = msg;
    vlist_set(list_rows(ls), row, l->height, true);
    if (ls->find.filtered)
        vlist_set(&ls->rows, msg, l->height, true);
    return l;
}

static int row_height(struct list_ctx *c, size_t row)
{
    struct row_layout *l = row_layout(c, row);
    return l ? l->height : vlist_height(list_rows(c->ls), row);
}

/* ---- scrolling ------------------------------------------------------------------------- */

void list_scroll_to_top(struct list *ls)
{
    ls->follow = false;
    ls->anchor_row = 0;
    ls->anchor_offset = -(1 << 20); /* clamped to the padding by the next frame */
    scroll_stop(ls);
}

void list_scroll_to_bottom(struct list *ls)
{
    ls->follow = true;
    scroll_stop(ls);
}

int64_t list_content_height(const struct list *ls)
{
    const struct vlist *rows = list_rows_const(ls);
    return rows->count ? ls->pad_top + rows->total + ls->pad_bottom : 0;
}

int64_t list_scroll_position(const struct list *ls)
{
    int64_t content = list_content_height(ls);
    if (ls->follow)
        return content > ls->rect.h ? content - ls->rect.h : 0;
    const struct vlist *rows = list_rows_const(ls);
    if (!rows->count)
        return 0;
    size_t row = ls->anchor_row < rows->count ? ls->anchor_row : rows->count - 1;
    return ls->pad_top + vlist_offset(rows, row) + ls->anchor_offset;
}

/* Moves the top of the list by dy pixels (down when positive), laying out
 * the rows it passes so the step is exact. The bottom is settled by
 * place_rows. */
static void scroll_by(struct list_ctx *c, int dy)
{
    struct list *ls = c->ls;
    size_t rows = list_rows(ls)->count;
    if (!rows || !dy)
        return;
    ls->follow = false;
    size_t row = ls->anchor_row < rows ? ls->anchor_row : rows - 1;
    int64_t off = (int64_t)ls->anchor_offset + dy;
    while (off < 0 && row > 0)
        off += row_height(c, --row);
    if (row == 0 && off < -ls->pad_top)
        off = -ls->pad_top;
    while (row + 1 < rows) {
        int h = row_height(c, row);
        if (off < h)
            break;
        off -= h;
        row++;
    }
    int last = row_height(c, row);
    ls->anchor_row = row;
    ls->anchor_offset = (int)(off < last ? off : last);
}

/* Settles where the rows go in a list view_h pixels high: following, the
 * newest row ends at the bottom (or, when everything fits, the rows start
 * at the top); otherwise the anchor stays, unless the rows after it end
 * above the bottom, which means the person scrolled to the end: follow. */
static void place_rows(struct list_ctx *c, int view_h)
{
    struct list *ls = c->ls;
    size_t rows = list_rows(ls)->count;
    if (!rows) {
        ls->follow = true;
        ls->seen_rows = 0;
        return;
    }
    int bottom = view_h - ls->pad_bottom;
    if (ls->anchor_row >= rows) {
        ls->anchor_row = rows - 1;
        ls->anchor_offset = 0;
    }
    if (ls->anchor_row == 0 && ls->anchor_offset < -ls->pad_top)
        ls->anchor_offset = -ls->pad_top;
    if (!ls->follow && ls->anchor_offset > 0) {
        int h = row_height(c, ls->anchor_row); /* it may have shrunk (a resize) */
        if (ls->anchor_offset >= h)
            ls->anchor_offset = h > 0 ? h - 1 : 0;
    }
    if (!ls->follow) {
        int64_t y = -(int64_t)ls->anchor_offset;
        size_t r = ls->anchor_row;
        while (r < rows && y < bottom)
            y += row_height(c, r++);
        if (r == rows && y < bottom)
            ls->follow = true;
    }
    if (ls->follow) {
        int64_t y = bottom;
        size_t r = rows;
        while (r > 0 && y > 0)
            y -= row_height(c, --r);
        if (r == 0 && y >= ls->pad_top) {
            ls->anchor_row = 0;
            ls->anchor_offset = -ls->pad_top;
        } else {
            ls->anchor_row = r;
            ls->anchor_offset = (int)-y;
        }
        ls->seen_rows = rows;
    }
}

/* Applies the smooth scrolling still to do: a third of it per frame, so a
 * wheel notch glides over a few frames and a fast spin still keeps up. */
static void scroll_smoothly(struct list_ctx *c)
{
    struct list *ls = c->ls;
    if (ls->scroll_pending == 0.0f)
        return;
    float step = ls->scroll_pending;
    bool last = step <= 3.0f && step >= -3.0f; /* the rest, rounded to a pixel */
    if (!last)
        step *= 0.35f;
    int px = (int)(step >= 0 ? step + 0.5f : step - 0.5f);
    scroll_by(c, px);
    ls->scroll_pending = last ? 0.0f : ls->scroll_pending - (float)px;
    bool at_top = ls->anchor_row == 0 && ls->anchor_offset <= -ls->pad_top;
    if (at_top && ls->scroll_pending < 0)
        ls->scroll_pending = 0.0f;
    if (ls->scroll_pending != 0.0f)
        ui_request_frame(c->ui, 16);
}

/* A finger on the list: a drag moves the rows with it, pixel for pixel; a
 * flick leaves them flinging; a tap reaches the bubbles as a click (see
 * ui_touch_scroll). The whole list is the finger's, the scroll bar too (a
 * finger at the edge means the list, not a bar a few pixels wide) and the
 * pill over it: a tap there still reaches the pill, drawn after the rows. */
static void touch_scroll(struct list_ctx *c, ui_rect list)
{
    struct list *ls = c->ls;
    struct ui *ui = c->ui;
    /* Anything new from the person stops a fling: a press (the finger
     * that catches it, or the mouse), the wheel, the keys that scroll. */
    bool moving = widget_fling_moving(&ls->fling);
    if (ui->in.mouse_pressed || ui->in.wheel_y != 0.0f || ls->scroll_pending != 0.0f)
        widget_fling_stop(&ls->fling);
    struct ui_drag drag;
    ui_touch_scroll(ui, ui_id_str(ui, "list-touch"), list, moving, &drag);
    if (drag.dy) {
        ls->scroll_pending = 0;
        scroll_by(c, drag.dy);
    }
    if (drag.released)
        widget_fling_start(&ls->fling, ui, drag.velocity);
    scroll_by(c, widget_fling_step(&ls->fling, ui));
}

/* A fling stops at either end (at the bottom place_rows has made the list
 * follow the newest again); until then it asks for frames. */
static void fling_settle(struct list *ls, struct ui *ui)
{
    if (!widget_fling_moving(&ls->fling))
        return;
    bool at_top = ls->anchor_row == 0 && ls->anchor_offset <= -ls->pad_top;
    if ((ls->follow && ls->fling.velocity > 0) || (at_top && ls->fling.velocity < 0))
        widget_fling_stop(&ls->fling);
    else
        ui_request_frame(ui, 16);
}

/* ---- find ----------------------------------------------------------------------------- */

/* Starts the search over (see find_restart); the list starts over too
 * when its rows changed. */
void list_restart_find(struct list *ls, bool rows_too)
{
    if (find_restart(&ls->find, rows_too)) {
        window_flush(ls);
        ls->follow = true;
        ls->anchor_row = 0;
        ls->anchor_offset = 0;
        scroll_stop(ls);
        ls->seen_rows = 0;
        ls->sel_id = 0;
    }
}

static void find_reset(struct list *ls)
{
    list_restart_find(ls, true);
}

static size_t find_in_message(const struct list *ls, const struct chat *chat, const struct chat_message *m)
{
    const struct find *f = &ls->find;
    if (m->kind == CHAT_EVENT) {
        char text[600];
        display_event(chat, m, text, sizeof text);
        return search_all(&f->query, text, strlen(text), NULL, 0);
    }
    if (m->binary)
        return 0;
    struct display shown;
    display_message(m, mark_flags(ls, chat_id(chat, m)), &shown);
    size_t hits = shown.text ? search_all(&f->query, shown.text, shown.len, NULL, 0)
                             : search_all(&f->query, m->text, m->len, NULL, 0);
    display_free(&shown);
    return hits;
}

static size_t source_hits(void *user, const struct chat_message *m)
{
    struct list_ctx *c = user;
    return find_in_message(c->ls, c->chat, m);
}

static int source_guess(void *user, const struct chat_message *m)
{
    struct list_ctx *c = user;
    return row_guess(&c->guess, m, true);
}

/* Searches the next slice of messages; asks for another frame until all
 * are done. */
static void find_step_list(struct list_ctx *c)
{
    struct find_source src = {source_hits, source_guess, c};
    if (find_step(&c->ls->find, c->chat, &src))
        ui_request_frame(c->ui, 1);
}

/* The search hits in a laid-out row's display text, for highlighting. */
static void find_highlights(struct list *ls, const struct chat_message *m, struct row_layout *l)
{
    struct find *f = &ls->find;
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
    struct list *ls = c->ls;
    struct find *f = &ls->find;
    size_t rows = list_rows(ls)->count;
    size_t top = rows ? row_message(ls, ls->first_drawn < rows ? ls->first_drawn : rows - 1) : 0;
    if (!find_move(f, dir, top))
        return;
    size_t row = find_message_row(f, f->hits[f->current].message);
    if (row >= list_rows(ls)->count)
        return;
    struct row_layout *l = row_layout(c, row);
    int y = 0;
    if (l && l->wrap.count) {
        const struct chat_message *m = &c->chat->messages[row_message(ls, row)];
        find_highlights(ls, m, l);
        size_t k = f->occurrence < l->match_count ? f->occurrence : l->match_count ? l->match_count - 1 : 0;
        size_t at = l->match_count ? l->matches[k] : 0;
        size_t line = 0;
        while (line + 1 < l->wrap.count && l->wrap.lines[line + 1].start <= at)
            line++;
        y = ui_px(c->ui, BUBBLE_PAD_Y) + ui_text_height(c->ui, UI_FONT_LABEL) + ui_px(c->ui, 2) +
            (int)line * ui_text_height(c->ui, UI_FONT_BODY);
    }
    ls->follow = false;
    scroll_stop(ls);
    ls->anchor_row = row;
    ls->anchor_offset = 0;
    scroll_by(c, y - list_h / 3);
}

static void draw_event_line(struct ui *ui, const struct theme *t, const struct chat *chat,
                            const struct chat_message *m, ui_rect list, int y)
{
    char text[600];
    display_event(chat, m, text, sizeof text);
    size_t len = strlen(text);
    int content_w = list_content_width(ui, list.w);
    int max_w = content_w - 2 * ui_px(ui, ROW_PAD_X);
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
static void copy_message(struct list *ls, struct ui *ui, const struct chat_message *m)
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
    ls->toast = tr(I18N_COPIED);
    ls->toast_until = ui->now_ms + TOAST_MS;
}

static void draw_row(struct list_ctx *c, size_t row, int y, ui_rect list, struct list_actions *actions)
{
    struct list *ls = c->ls;
    struct ui *ui = c->ui;
    size_t msg = row_message(ls, row);
    const struct chat_message *m = &c->chat->messages[msg];
    struct row_layout *l = row_layout(c, row);
    if (!l)
        return;
    if (m->kind == CHAT_EVENT) {
        draw_event_line(ui, c->theme, c->chat, m, list, y);
        return;
    }
    char time[64], more[64];
    struct bubble b;
    row_bubble(c->chat, m, mark_flags(ls, chat_id(c->chat, m)), l, time, more, &b);
    uint64_t id64 = chat_id(c->chat, m);
    const char *text = b.text;
    size_t len = l->display ? l->display_len : m->len;
    if (ls->find.query.len) {
        find_highlights(ls, m, l);
        b.matches = l->matches;
        b.match_count = l->match_count;
        b.match_len = ls->find.query.len;
        const struct find *f = &ls->find;
        if (f->has_current && f->hits[f->current].message == msg)
            b.current = f->occurrence;
    }
    if (ls->sel_id == id64) {
        b.sel_start = ls->sel_anchor < ls->sel_caret ? ls->sel_anchor : ls->sel_caret;
        b.sel_end = ls->sel_anchor < ls->sel_caret ? ls->sel_caret : ls->sel_anchor;
        if (b.sel_end > len)
            b.sel_end = len;
    }
    int content_w = list_content_width(ui, list.w);
    int pad_x = ui_px(ui, ROW_PAD_X);
    int x = m->kind == CHAT_RECEIVED ? list.x + pad_x : list.x + content_w - pad_x - l->bubble_w;
    ui_push_id(ui, (uint32_t)id64 ^ (uint32_t)(id64 >> 32));
    uint32_t id = ui_id(ui, "bubble", 6);
    ui_pop_id(ui);
    b.focused = ui->focus == id && ui->focus_from_keys;
    if (ui->focus == id) {
        ls->focused_id = id64;
        ls->focused_bubble = id;
    }
    struct bubble_input in;
    widget_bubble(ui, c->theme, id, (ui_rect){x, y, l->bubble_w, l->bubble_h}, &b, &in);

    /* The bubble was drawn with the selection as it was: a change shows in
     * the next frame, asked for right away. */
    size_t was_anchor = ls->sel_anchor, was_caret = ls->sel_caret;
    uint64_t was_id = ls->sel_id;
    if ((in.result & UI_RESULT_PRESS) && listrange_bubble_press(&ls->range, ui, id64))
        range_changed(ls, ui, c->chat);
    if ((in.result & UI_RESULT_PRESS) && in.text_hit) {
        ls->sel_id = id64;
        ls->sel_anchor = ls->sel_caret = in.offset;
        if (ui->in.clicks >= 2)
            select_unit(text, len, in.offset, ui->in.clicks, &ls->sel_anchor, &ls->sel_caret);
        else if ((ui->in.mouse_mods & UI_MOD_SHIFT) && ls->sel_id == id64)
            ls->sel_caret = in.offset;
    } else if (ui->active == id && (ui->in.mouse_down & UI_MOUSE_LEFT || ui->in.mouse_released & UI_MOUSE_LEFT) &&
               in.text_hit && ls->sel_id == id64 && ui->active_clicks < 2) {
        ls->sel_caret = in.offset; /* (also when the last move came with the release) */
    }
    if (ls->sel_id != was_id || ls->sel_anchor != was_anchor || ls->sel_caret != was_caret)
        ui_request_frame(ui, 1);
    /* A click without a drag on a bubble that was not sent recalls it. */
    if ((in.result & UI_RESULT_CLICK) && b.kind == BUBBLE_FAILED && ls->sel_anchor == ls->sel_caret) {
        actions->recall_id = id64;
        ui_set_focus(ui, c->home); /* to edit it and send again */
    }
    if (in.right_click)
        copy_message(ls, ui, m);
    if (in.note_link_clicked || in.toggle_clicked) {
        mark_toggle(ls, id64, in.toggle_clicked ? LIST_MARK_RAW : LIST_MARK_EXPANDED);
        ls->sel_id = 0;
        if (ls->find.query.len) /* the text shown changed, and with it the hits */
            list_restart_find(ls, false);
        ui_request_frame(ui, 1);
    }
    if (in.time_hover) {
        struct tm tm;
        if (platform_local_time(m->time_us, &tm))
            snprintf(ls->tooltip, sizeof ls->tooltip, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        ls->tooltip_anchor = in.time_rect;
    }
}

/* "↓ N new messages", over the bottom of the list. */
static const struct widget_tag_style pill_style = {.font = UI_FONT_LABEL, .pad_x = 16, .height = PILL_H, .radius = -1};

static ui_rect pill_rect(struct ui *ui, ui_rect list, const char *text)
{
    ui_rect r = widget_tag_size(ui, &pill_style, text);
    r.x = list.x + (list_content_width(ui, list.w) - r.w) / 2;
    r.y = list.y + list.h - r.h - ui_px(ui, 12);
    return r;
}

void list_frame(struct list *ls, struct ui *ui, const struct theme *t, const struct chat *chat, ui_rect list,
                int jump, uint32_t home, struct list_actions *actions)
{
    memset(actions, 0, sizeof *actions);
    ls->rect = list;
    ls->tooltip[0] = '\0';
    ls->focused_id = 0;
    struct list_ctx c = {.ls = ls, .ui = ui, .theme = t, .home = home, .chat = chat, .list_w = list.w};
    ls->pad_top = ui_px(ui, LIST_PAD_Y);
    ls->pad_bottom = ui_px(ui, LIST_PAD_Y) - ui_px(ui, ROW_GAP);
    sync_rows(&c);
    find_step_list(&c);
    if (jump)
        find_jump(&c, jump, list.h);

    if (ui->in.wheel_y != 0.0f && ui_mouse_over(ui, list)) {
        float step = (float)(WHEEL_LINES * ui_text_height(ui, UI_FONT_BODY));
        ls->scroll_pending -= ui->in.wheel_y * step;
    }
    touch_scroll(&c, list);
    /* A press on the list clears the selection; a press on a bubble's
     * text starts a new one below. (A finger's press counts when it turns
     * out a tap: a drag only scrolls.) */
    if ((ui->in.mouse_pressed & UI_MOUSE_LEFT) && ui_mouse_over(ui, list)) {
        ls->sel_id = 0;
        listrange_list_press(&ls->range, ui);
    }
    listrange_touch(&ls->range, ui);
    scroll_smoothly(&c);
    place_rows(&c, list.h);
    fling_settle(ls, ui);
    if (ls->follow && ls->scroll_pending > 0)
        ls->scroll_pending = 0;

    /* The scroll bar first: a drag moves the rows drawn this frame. */
    int sb_w = ui_px(ui, ROW_SCROLLBAR_W);
    ui_rect track = {list.x + list.w - sb_w - ui_px(ui, 2), list.y + ui_px(ui, 4), sb_w,
                     list.h - ui_px(ui, 8)};
    int64_t content = list_content_height(ls);
    int64_t pos = list_scroll_position(ls);
    uint32_t sb = ui_id_str(ui, "list-scrollbar");
    if (widget_scrollbar(ui, t, sb, track, content, list.h, &pos) & UI_RESULT_CHANGE) {
        scroll_stop(ls);
        if (pos >= content - list.h) {
            ls->follow = true;
        } else {
            ls->follow = false;
            int64_t y = pos - ls->pad_top;
            if (y < 0) {
                ls->anchor_row = 0;
                ls->anchor_offset = (int)y;
            } else {
                int64_t top;
                ls->anchor_row = vlist_row_at(list_rows(ls), y, &top);
                ls->anchor_offset = (int)(y - top);
            }
        }
        place_rows(&c, list.h);
    }

    /* The pill takes its clicks before the bubbles under it. */
    size_t row_count = list_rows(ls)->count;
    if (ls->find.filtered && ls->find.rows_scanned < chat->count)
        ls->seen_rows = row_count; /* rows still being found are not news */
    size_t unseen = !ls->follow && row_count > ls->seen_rows ? row_count - ls->seen_rows : 0;
    char pill[96] = "";
    ls->pill_rect = (ui_rect){0, 0, 0, 0};
    if (unseen) {
        snprintf(pill, sizeof pill, tr(unseen == 1 ? I18N_NEW_MESSAGE : I18N_NEW_MESSAGES), unseen);
        ls->pill_rect = pill_rect(ui, list, pill);
        ui_block_mouse(ui, ls->pill_rect);
    }

    ui_push_clip(ui, list);
    int y = list.y - ls->anchor_offset;
    size_t row = ls->anchor_row;
    ls->first_drawn = row;
    ls->drawn_count = 0;
    while (row < row_count && y < list.y + list.h) {
        int h = row_height(&c, row);
        ui_rect band = {list.x, y, list_content_width(ui, list.w), h};
        if (listrange_row(&ls->range, ui, t, chat->first_id + row_message(ls, row), band))
            range_changed(ls, ui, chat);
        draw_row(&c, row, y, list, actions);
        y += h;
        row++;
        ls->drawn_count++;
    }
    ls->stats.rows_drawn = ls->drawn_count;
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
        int result = ui_interact(ui, id, ls->pill_rect, false);
        if (result & UI_RESULT_HOVER)
            ui->cursor = UI_CURSOR_HAND;
        widget_tag(ui, &pill_style, pill, ls->pill_rect, t->pill_bg, t->pill_text, 0);
        if (result & UI_RESULT_CLICK) {
            list_scroll_to_bottom(ls);
            ui_request_frame(ui, 1);
        }
    }
    ui_touch_scroll_end(ui);
}

/* Keys for a focused bubble, before the text box draws: typing goes to
 * the text box. */
void list_bubble_keys(struct list *ls, struct ui *ui, const struct chat *chat, uint32_t home)
{
    if (!ls->focused_id && ls->focused_bubble && ui->focus == ls->focused_bubble) {
        /* The focused bubble was scrolled out of the list: what is typed
         * still goes to the text box, never nowhere. */
        bool to_input = false;
        for (int i = 0; i < ui->in.key_count; i++)
            to_input |= !ui->in.keys[i].used && (ui->in.keys[i].key == UI_KEY_NONE ||
                                                 ui->in.keys[i].key == UI_KEY_ESCAPE);
        if (to_input) {
            ui_take_key(ui, UI_KEY_ESCAPE, 0);
            ui_set_focus(ui, home);
            ls->focused_bubble = 0;
        }
        return;
    }
    if (!ls->focused_id)
        return;
    const struct chat_message *m = chat_find((struct chat *)chat, ls->focused_id);
    if (!m) {
        ls->focused_id = 0;
        return;
    }
    if (listrange_keys(&ls->range, ui, chat, &ls->find, ls->focused_id))
        range_changed(ls, ui, chat);
    if (ui_take_key(ui, UI_KEY_C, UI_MOD_CTRL)) {
        if (ls->sel_id == ls->focused_id && ls->sel_anchor != ls->sel_caret) {
            /* The selection, as it is drawn. */
            size_t a = ls->sel_anchor < ls->sel_caret ? ls->sel_anchor : ls->sel_caret;
            size_t b = ls->sel_anchor < ls->sel_caret ? ls->sel_caret : ls->sel_anchor;
            const struct row_layout *l = NULL;
            for (size_t i = 0; i < ls->window_count && !l; i++) {
                const struct row_layout *w = &ls->window[(ls->window_head + i) & (ls->window_cap - 1)];
                if (w->message == (size_t)(m - chat->messages))
                    l = w;
            }
            const char *text = l && l->display ? l->display : m->text;
            size_t len = l && l->display ? l->display_len : m->len;
            if (b > len)
                b = len;
            if (a < b) {
                copy_text(ui, text + a, b - a);
                ls->toast = tr(I18N_COPIED);
                ls->toast_until = ui->now_ms + TOAST_MS;
            }
        } else {
            copy_message(ls, ui, m);
        }
    }
    if (ui_take_key(ui, UI_KEY_A, UI_MOD_CTRL)) {
        ls->sel_id = ls->focused_id;
        ls->sel_anchor = 0;
        ls->sel_caret = SIZE_MAX; /* clamped to the text when drawn */
    }
    bool to_input = ui_take_key(ui, UI_KEY_ESCAPE, 0);
    for (int i = 0; i < ui->in.key_count; i++)
        to_input |= !ui->in.keys[i].used && ui->in.keys[i].key == UI_KEY_NONE;
    if (to_input) {
        ui_set_focus(ui, home);
        ls->focused_id = 0;
    }
}
