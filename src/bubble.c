/* SPDX-License-Identifier: MIT */
/* bubble: one message's bubble, its size and its drawing (see bubble.h). */
#include "bubble.h"

#include <string.h>

#include "widgets.h"

static int link_width(struct ui *ui, const char *link)
{
    return link ? ui_text_width(ui, UI_FONT_SMALL, link, strlen(link)) : 0;
}

static int bubble_header_width(struct ui *ui, const struct bubble *b)
{
    int w = ui_text_width(ui, UI_FONT_LABEL, b->label, strlen(b->label));
    if (b->time)
        w += ui_px(ui, 8) + ui_text_width(ui, UI_FONT_SMALL, b->time, strlen(b->time));
    if (b->after_time)
        w += ui_px(ui, 8) + ui_text_width(ui, UI_FONT_SMALL, b->after_time, strlen(b->after_time));
    if (b->toggle)
        w += ui_px(ui, 16) + link_width(ui, b->toggle);
    return w;
}

static int bubble_note_width(struct ui *ui, const struct bubble *b)
{
    int w = b->note ? ui_text_width(ui, UI_FONT_SMALL, b->note, strlen(b->note)) : 0;
    if (b->note_link)
        w += ui_px(ui, 10) + link_width(ui, b->note_link);
    return w;
}

void widget_bubble_size(struct ui *ui, const struct bubble *b, int *w, int *h)
{
    int content_w = b->wrap->max_width;
    int header_w = bubble_header_width(ui, b);
    if (header_w > content_w)
        content_w = header_w;
    int note_w = bubble_note_width(ui, b);
    if (note_w > content_w)
        content_w = note_w;
    int line_h = ui_text_height(ui, b->font);
    int height = 2 * ui_px(ui, BUBBLE_PAD_Y) + ui_text_height(ui, UI_FONT_LABEL) + ui_px(ui, 2) +
                 (int)b->wrap->count * line_h;
    if (b->note || b->note_link)
        height += ui_px(ui, 2) + ui_text_height(ui, UI_FONT_SMALL);
    *w = content_w + 2 * ui_px(ui, BUBBLE_PAD_X);
    *h = height;
}

/* A small underlined link; true when clicked. */
static bool draw_link(struct ui *ui, uint32_t id, const char *text, int x, int y, ui_color color)
{
    size_t len = strlen(text);
    int w = ui_text_width(ui, UI_FONT_SMALL, text, len);
    int h = ui_text_height(ui, UI_FONT_SMALL);
    ui_rect r = {x, y, w, h};
    int result = ui_interact(ui, id, ui_rect_inset(r, -ui_px(ui, 3), -ui_px(ui, 2)), false);
    if (result & UI_RESULT_HOVER)
        ui->cursor = UI_CURSOR_HAND;
    ui_draw_text(ui, UI_FONT_SMALL, text, len, x, y, color);
    ui_draw_rect(ui, (ui_rect){x, y + h - ui_px(ui, 2), w, ui_px(ui, 1)}, color, 0);
    return (result & UI_RESULT_CLICK) != 0;
}

/* The code point boundary in text[start..start+len) nearest to x (from the
 * line's left edge). */
static size_t line_offset_at(struct ui *ui, enum ui_font font, const char *text, size_t start, size_t len,
                             int x)
{
    struct widget_measure m = {ui, font};
    struct wrap_measure wm = widget_measure(&m);
    return start + textedit_offset_at_x(text + start, len, x, wm.width, wm.user);
}

/* First index in a sorted array of starts whose [start, start + len) ends
 * after pos. */
static size_t first_match_after(const uint32_t *starts, size_t count, size_t len, size_t pos)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] + len <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t first_span_after(const struct json_span *spans, size_t count, size_t pos)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((size_t)spans[mid].start + spans[mid].len <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Draws one wrapped line in pieces: each piece has one colour (a JSON
 * span's, a search hit's, the selection's) and maybe a background. */
static void draw_text_line(struct ui *ui, const struct theme *t, const struct bubble *b,
                           const struct wrap_line *line, int x, int y, int line_h, ui_color base,
                           const ui_color *span_colors)
{
    const char *text = b->text;
    size_t ls = line->start, le = ls + line->len;
    bool sel = b->sel_start < b->sel_end && b->sel_start < le + 1 && b->sel_end > ls;
    size_t mi = b->match_count ? first_match_after(b->matches, b->match_count, b->match_len, ls) : 0;
    bool matches = mi < b->match_count && b->matches[mi] < le;
    size_t si = b->span_count ? first_span_after(b->spans, b->span_count, ls) : 0;
    bool spans = si < b->span_count && b->spans[si].start < le;
    if (!sel && !matches && !spans) {
        ui_draw_text(ui, b->font, text + ls, line->len, x, y, base);
        return;
    }
    size_t p = ls;
    int px = 0;
    while (p < le) {
        size_t next = le;
        ui_color fg = base, bg = {0};
        bool has_bg = false;
        while (si < b->span_count && (size_t)b->spans[si].start + b->spans[si].len <= p)
            si++;
        if (si < b->span_count) {
            size_t a = b->spans[si].start, e = a + b->spans[si].len;
            if (a <= p) {
                fg = span_colors[b->spans[si].kind < 5 ? b->spans[si].kind : 0];
                next = e < next ? e : next;
            } else if (a < next) {
                next = a;
            }
        }
        while (mi < b->match_count && b->matches[mi] + b->match_len <= p)
            mi++;
        if (mi < b->match_count) {
            size_t a = b->matches[mi], e = a + b->match_len;
            if (a <= p) {
                fg = t->match_text;
                bg = mi == b->current ? t->match_current_bg : t->match_bg;
                has_bg = true;
                next = e < next ? e : next;
            } else if (a < next) {
                next = a;
            }
        }
        if (b->sel_start < b->sel_end) {
            if (b->sel_start <= p && p < b->sel_end) {
                fg = t->input_text;
                bg = t->selection;
                has_bg = true;
                next = b->sel_end < next ? b->sel_end : next;
            } else if (b->sel_start > p && b->sel_start < next) {
                next = b->sel_start;
            }
        }
        int end_px = ui_text_width(ui, b->font, text + ls, next - ls);
        if (has_bg)
            ui_draw_rect(ui, (ui_rect){x + px, y, end_px - px, line_h}, bg, 0);
        ui_draw_text(ui, b->font, text + p, next - p, x + px, y, fg);
        px = end_px;
        p = next;
    }
    /* A selection that goes on past this line shows its line break. */
    if (sel && b->sel_start <= le && b->sel_end > le && le < b->wrap->lines[b->wrap->count - 1].start +
                                                              (size_t)b->wrap->lines[b->wrap->count - 1].len)
        ui_draw_rect(ui, (ui_rect){x + px, y, ui_px(ui, 4), line_h}, t->selection, 0);
}

/* A bubble's colours, by its kind. */
struct bubble_colors {
    ui_color fill, text, label, border;
    int border_w; /* (unscaled; 0: none) */
    const ui_color *spans; /* a JSON body's, by token */
};

static struct bubble_colors bubble_colors(const struct theme *t, enum bubble_kind kind)
{
    switch (kind) {
    case BUBBLE_SENT:
        return (struct bubble_colors){t->sent_bg, t->sent_text, t->sent_label, {0}, 0, t->json_sent};
    case BUBBLE_RECEIVED:
        return (struct bubble_colors){t->received_bg, t->received_text, t->received_label, t->bar_border, 1,
                                      t->json_received};
    default:
        return (struct bubble_colors){t->failed_bg, t->failed_text, t->failed_label, t->failed_border, 1,
                                      t->json_received};
    }
}

void widget_bubble(struct ui *ui, const struct theme *t, uint32_t id, ui_rect r, const struct bubble *b,
                   struct bubble_input *in)
{
    memset(in, 0, sizeof *in);
    const struct bubble_colors colors = bubble_colors(t, b->kind);
    const ui_color text = colors.text, label = colors.label;
    int border_w = colors.border_w;
    int pad_x = ui_px(ui, BUBBLE_PAD_X);
    int x = r.x + pad_x;
    int y = r.y + ui_px(ui, BUBBLE_PAD_Y);
    int label_h = ui_text_height(ui, UI_FONT_LABEL);
    int small_h = ui_text_height(ui, UI_FONT_SMALL);
    int line_h = ui_text_height(ui, b->font);
    int text_top = y + label_h + ui_px(ui, 2);

    size_t label_len = strlen(b->label);
    int lw = ui_text_width(ui, UI_FONT_LABEL, b->label, label_len);
    int time_x = x + lw + ui_px(ui, 8);
    int header_y = y + (label_h - small_h) / 2 + ui_px(ui, 1);
    int note_y = text_top + (int)b->wrap->count * line_h + ui_px(ui, 2);

    in->result = ui_interact(ui, id, r, true);
    bool hover = (in->result & UI_RESULT_HOVER) != 0;
    in->right_click = hover && (ui->in.mouse_pressed & UI_MOUSE_RIGHT);
    if (hover || ui->active == id) {
        /* Where the mouse is in the text, clamped to it: a drag that
         * leaves the bubble still selects to its start or end. */
        in->text_hit = b->wrap->count > 0;
        if (in->text_hit) {
            int my = ui->in.mouse_y - text_top;
            if (my < 0) {
                in->offset = b->wrap->lines[0].start;
            } else if (my >= (int)b->wrap->count * line_h) {
                const struct wrap_line *last = &b->wrap->lines[b->wrap->count - 1];
                in->offset = last->start + last->len;
            } else {
                const struct wrap_line *line = &b->wrap->lines[my / line_h];
                in->offset = line_offset_at(ui, b->font, b->text, line->start, line->len, ui->in.mouse_x - x);
            }
        }
    }
    if (hover && b->kind != BUBBLE_FAILED)
        ui->cursor = UI_CURSOR_TEXT;
    if (hover && b->kind == BUBBLE_FAILED) {
        ui->cursor = UI_CURSOR_HAND;
        border_w = 2;
    }
    if (b->focused) {
        int ring = ui_px(ui, 2);
        ui_draw_box(ui, ui_rect_inset(r, -ring - ui_px(ui, 1), -ring - ui_px(ui, 1)), t->window_bg,
                    t->focus_ring, ring, ui_px(ui, BUBBLE_RADIUS) + ring);
    }
    ui_draw_box(ui, r, colors.fill, colors.border, border_w ? ui_px(ui, border_w) : 0, ui_px(ui, BUBBLE_RADIUS));

    ui_draw_text(ui, UI_FONT_LABEL, b->label, label_len, x, y, label);
    if (b->time) {
        size_t time_len = strlen(b->time);
        ui_draw_text(ui, UI_FONT_SMALL, b->time, time_len, time_x, header_y, label);
        in->time_rect = (ui_rect){time_x, header_y, ui_text_width(ui, UI_FONT_SMALL, b->time, time_len),
                                  small_h};
        in->time_hover = ui_mouse_over(ui, in->time_rect);
        if (b->after_time)
            ui_draw_text(ui, UI_FONT_SMALL, b->after_time, strlen(b->after_time),
                         time_x + in->time_rect.w + ui_px(ui, 8), header_y, label);
    }
    /* Only the lines inside the clip: a bubble shown whole can have a
     * hundred thousand. */
    ui_rect clip = ui_current_clip(ui);
    size_t first = 0;
    if (clip.w >= 0 && clip.y > text_top && line_h > 0)
        first = (size_t)((clip.y - text_top) / line_h);
    y = text_top + (int)first * line_h;
    for (size_t i = first; i < b->wrap->count; i++, y += line_h) {
        if (clip.w >= 0 && y >= clip.y + clip.h)
            break;
        draw_text_line(ui, t, b, &b->wrap->lines[i], x, y, line_h, text, colors.spans);
    }
    if (b->note)
        ui_draw_text(ui, UI_FONT_SMALL, b->note, strlen(b->note), x, note_y, label);
    /* The links come after the bubble so that a press on them makes them,
     * not the bubble, the active widget. */
    if (b->toggle)
        in->toggle_clicked = draw_link(ui, id ^ 0x5bd1e995u, b->toggle,
                                       r.x + r.w - pad_x - link_width(ui, b->toggle), header_y, label);
    if (b->note_link) {
        int nx = x + (b->note ? ui_text_width(ui, UI_FONT_SMALL, b->note, strlen(b->note)) + ui_px(ui, 10) : 0);
        in->note_link_clicked = draw_link(ui, id ^ 0x27d4eb2fu, b->note_link, nx, note_y, label);
    }
    /* The second click of a double click does not recall the text again. */
    if (in->result & UI_RESULT_DOUBLE)
        in->result &= ~UI_RESULT_CLICK;
}
