/* SPDX-License-Identifier: MIT */
/* widgets: see widgets.h. */
#include "widgets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

const struct theme theme_light = {
    .window_bg = UI_RGB(0xF1F5F9),
    .bar_bg = UI_RGB(0xFFFFFF),
    .bar_border = UI_RGB(0xCBD5E1),
    .text = UI_RGB(0x0F172A),
    .text_muted = UI_RGB(0x475569),
    .dot_connecting = UI_RGB(0xD97706),
    .dot_connected = UI_RGB(0x16A34A),
    .dot_disconnected = UI_RGB(0xDC2626),
    .sent_bg = UI_RGB(0x1D4ED8),
    .sent_text = UI_RGB(0xFFFFFF),
    .sent_label = UI_RGB(0xDBEAFE),
    .received_bg = UI_RGB(0xFFFFFF),
    .received_text = UI_RGB(0x0F172A),
    .received_label = UI_RGB(0x475569),
    .failed_bg = UI_RGB(0xFEF2F2),
    .failed_border = UI_RGB(0xDC2626),
    .failed_text = UI_RGB(0x0F172A),
    .failed_label = UI_RGB(0xB91C1C),
    .system_text = UI_RGB(0x475569),
    .primary_bg = UI_RGB(0x1D4ED8),
    .primary_hover = UI_RGB(0x1E40AF),
    .primary_text = UI_RGB(0xFFFFFF),
    .danger_text = UI_RGB(0xB91C1C),
    .connect_bg = UI_RGB(0x15803D),
    .connect_hover = UI_RGB(0x166534),
    .connect_text = UI_RGB(0xFFFFFF),
    .secondary_bg = UI_RGB(0xFFFFFF),
    .secondary_hover = UI_RGB(0xFEF2F2),
    .secondary_border = UI_RGB(0xCBD5E1),
    .disabled_bg = UI_RGB(0xE2E8F0),
    .disabled_text = UI_RGB(0x475569),
    .input_bg = UI_RGB(0xFFFFFF),
    .input_border = UI_RGB(0x94A3B8),
    .input_focus = UI_RGB(0x1D4ED8),
    .input_text = UI_RGB(0x0F172A),
    .placeholder = UI_RGB(0x64748B),
    .selection = UI_RGB(0xBFDBFE),
    .caret = UI_RGB(0x0F172A),
    .scroll_thumb = UI_RGB(0x94A3B8),
    .scroll_thumb_hover = UI_RGB(0x64748B),
    .focus_ring = UI_RGB(0x1D4ED8),
    .json_received = {UI_RGB(0x475569), UI_RGB(0x7C2D12), UI_RGB(0x166534), UI_RGB(0x1D4ED8),
                      UI_RGB(0x7E22CE)},
    .json_sent = {UI_RGB(0xDBEAFE), UI_RGB(0xFDE68A), UI_RGB(0xBBF7D0), UI_RGB(0xFFFFFF),
                  UI_RGB(0xFBCFE8)},
    .match_bg = UI_RGB(0xFDE047),
    .match_current_bg = UI_RGB(0xFB923C),
    .match_text = UI_RGB(0x0F172A),
    .pill_bg = UI_RGB(0x1D4ED8),
    .pill_text = UI_RGB(0xFFFFFF),
    .tooltip_bg = UI_RGB(0x0F172A),
    .tooltip_text = UI_RGB(0xF8FAFC),
    .tag_bg = UI_RGB(0xB91C1C),
    .tag_text = UI_RGB(0xFFFFFF),
    .name = "light",
};

const struct theme theme_dark = {
    .window_bg = UI_RGB(0x0F172A),
    .bar_bg = UI_RGB(0x1E293B),
    .bar_border = UI_RGB(0x334155),
    .text = UI_RGB(0xF1F5F9),
    .text_muted = UI_RGB(0x94A3B8),
    .dot_connecting = UI_RGB(0xF59E0B),
    .dot_connected = UI_RGB(0x22C55E),
    .dot_disconnected = UI_RGB(0xEF4444),
    .sent_bg = UI_RGB(0x1D4ED8),
    .sent_text = UI_RGB(0xFFFFFF),
    .sent_label = UI_RGB(0xDBEAFE),
    .received_bg = UI_RGB(0x1E293B),
    .received_text = UI_RGB(0xF1F5F9),
    .received_label = UI_RGB(0x94A3B8),
    .failed_bg = UI_RGB(0x450A0A),
    .failed_border = UI_RGB(0xEF4444),
    .failed_text = UI_RGB(0xFEE2E2),
    .failed_label = UI_RGB(0xFCA5A5),
    .system_text = UI_RGB(0x94A3B8),
    .primary_bg = UI_RGB(0x2563EB),
    .primary_hover = UI_RGB(0x1D4ED8),
    .primary_text = UI_RGB(0xFFFFFF),
    .danger_text = UI_RGB(0xFCA5A5),
    .connect_bg = UI_RGB(0x15803D),
    .connect_hover = UI_RGB(0x166534),
    .connect_text = UI_RGB(0xFFFFFF),
    .secondary_bg = UI_RGB(0x1E293B),
    .secondary_hover = UI_RGB(0x450A0A),
    .secondary_border = UI_RGB(0x475569),
    .disabled_bg = UI_RGB(0x334155),
    .disabled_text = UI_RGB(0xCBD5E1),
    .input_bg = UI_RGB(0x0F172A),
    .input_border = UI_RGB(0x64748B),
    .input_focus = UI_RGB(0x60A5FA),
    .input_text = UI_RGB(0xF1F5F9),
    .placeholder = UI_RGB(0x94A3B8),
    .selection = UI_RGB(0x1E40AF),
    .caret = UI_RGB(0xF1F5F9),
    .scroll_thumb = UI_RGB(0x475569),
    .scroll_thumb_hover = UI_RGB(0x64748B),
    .focus_ring = UI_RGB(0x60A5FA),
    .json_received = {UI_RGB(0x94A3B8), UI_RGB(0xFDBA74), UI_RGB(0x86EFAC), UI_RGB(0x93C5FD),
                      UI_RGB(0xD8B4FE)},
    .json_sent = {UI_RGB(0xDBEAFE), UI_RGB(0xFDE68A), UI_RGB(0xBBF7D0), UI_RGB(0xFFFFFF),
                  UI_RGB(0xFBCFE8)},
    .match_bg = UI_RGB(0xFDE047),
    .match_current_bg = UI_RGB(0xFB923C),
    .match_text = UI_RGB(0x0F172A),
    .pill_bg = UI_RGB(0x2563EB),
    .pill_text = UI_RGB(0xFFFFFF),
    .tooltip_bg = UI_RGB(0xF1F5F9),
    .tooltip_text = UI_RGB(0x0F172A),
    .tag_bg = UI_RGB(0xB91C1C),
    .tag_text = UI_RGB(0xFFFFFF),
    .name = "dark",
};

static double channel_luminance(uint8_t c)
{
    double s = c / 255.0;
    return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(ui_color c)
{
    return 0.2126 * channel_luminance(c.r) + 0.7152 * channel_luminance(c.g) +
           0.0722 * channel_luminance(c.b);
}

double theme_contrast(ui_color a, ui_color b)
{
    double la = luminance(a), lb = luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

/* ---- text fitting ----------------------------------------------------------- */

static const char ellipsis_text[] = "\xE2\x80\xA6"; /* … */

size_t widget_fit_text(struct ui *ui, enum ui_font font, const char *text, size_t len,
                       int max_width, bool *ellipsis)
{
    *ellipsis = false;
    if (ui_text_width(ui, font, text, len) <= max_width)
        return len;
    *ellipsis = true;
    int room = max_width - ui_text_width(ui, font, ellipsis_text, 3);
    /* Binary search over byte lengths, then snap to a code point start. */
    size_t lo = 0, hi = len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        size_t cut = mid;
        while (cut > 0 && cut < len && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
        if (ui_text_width(ui, font, text, cut) <= room)
            lo = mid;
        else
            hi = mid - 1;
    }
    while (lo > 0 && lo < len && ((unsigned char)text[lo] & 0xC0) == 0x80)
        lo--;
    return lo;
}

int widget_text_fit(struct ui *ui, enum ui_font font, const char *text, size_t len, int x, int y,
                    int max_width, ui_color color)
{
    if (max_width <= 0)
        return 0;
    bool ellipsis;
    size_t n = widget_fit_text(ui, font, text, len, max_width, &ellipsis);
    ui_draw_text(ui, font, text, n, x, y, color);
    int w = ui_text_width(ui, font, text, n);
    if (ellipsis) {
        ui_draw_text(ui, font, ellipsis_text, 3, x + w, y, color);
        w += ui_text_width(ui, font, ellipsis_text, 3);
    }
    return w;
}

/* ---- button ------------------------------------------------------------------- */

#define BUTTON_PAD_X 16

int widget_button_width(struct ui *ui, const char *label)
{
    return ui_text_width(ui, UI_FONT_LABEL, label, strlen(label)) + 2 * ui_px(ui, BUTTON_PAD_X);
}

int widget_button(struct ui *ui, const struct theme *t, const char *label, ui_rect r,
                  enum button_kind kind, bool enabled)
{
    uint32_t id = ui_id_str(ui, label);
    int result = 0;
    if (enabled) {
        result = ui_interact(ui, id, r, true);
        if (ui->focus == id &&
            (ui_take_key(ui, UI_KEY_ENTER, 0) || ui_take_key(ui, UI_KEY_SPACE, 0)))
            result |= UI_RESULT_CLICK;
        if (result & UI_RESULT_HOVER)
            ui->cursor = UI_CURSOR_HAND;
    } else if (ui->focus == id) {
        ui->focus = 0;
    }
    bool hover = (result & UI_RESULT_HOVER) != 0;
    bool pressed = hover && ui->active == id;

    ui_color fill, text, border = {0};
    int border_w = 0;
    if (!enabled) {
        fill = t->disabled_bg;
        text = t->disabled_text;
    } else if (kind == BUTTON_PRIMARY) {
        fill = hover ? t->primary_hover : t->primary_bg;
        text = t->primary_text;
    } else if (kind == BUTTON_CONNECT) {
        fill = hover ? t->connect_hover : t->connect_bg;
        text = t->connect_text;
    } else if (kind == BUTTON_SECONDARY) {
        fill = hover ? t->window_bg : t->secondary_bg;
        text = t->text;
        border = t->secondary_border;
        border_w = 1;
    } else {
        fill = hover ? t->secondary_hover : t->secondary_bg;
        text = t->danger_text;
        border = t->secondary_border;
        border_w = 1;
    }
    if (ui->focus == id && enabled) {
        ui_draw_rect(ui, ui_rect_inset(r, -ui_px(ui, 3), -ui_px(ui, 3)), t->focus_ring, ui_px(ui, 11));
        ui_draw_rect(ui, ui_rect_inset(r, -ui_px(ui, 1), -ui_px(ui, 1)), t->bar_bg, ui_px(ui, 9));
    }
    ui_rect body = pressed ? (ui_rect){r.x, r.y + ui_px(ui, 1), r.w, r.h} : r;
    ui_draw_box(ui, body, fill, border, border_w ? ui_px(ui, border_w) : 0, ui_px(ui, 8));
    size_t len = strlen(label);
    int tw = ui_text_width(ui, UI_FONT_LABEL, label, len);
    int th = ui_text_height(ui, UI_FONT_LABEL);
    int tx = body.x + (body.w - tw) / 2;
    int inner = ui_px(ui, 4);
    if (tx < body.x + inner)
        tx = body.x + inner; /* too narrow: start at the padding, cut with "…" */
    widget_text_fit(ui, UI_FONT_LABEL, label, len, tx, body.y + (body.h - th) / 2, body.w - 2 * inner, text);
    return result;
}

/* ---- wrapping ----------------------------------------------------------------------- */

static bool wrap_push(struct wrap *w, size_t start, size_t len, int width)
{
    if (w->count == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 4;
        struct wrap_line *grown = realloc(w->lines, cap * sizeof *grown);
        if (!grown)
            return false;
        w->lines = grown;
        w->cap = cap;
    }
    w->lines[w->count++] = (struct wrap_line){(uint32_t)start, (uint32_t)len, width};
    if (width > w->max_width)
        w->max_width = width;
    return true;
}

/* The longest prefix of text[start..end), cut at a code point boundary,
 * that fits width; at least one code point. Binary search: O(log n) measures. */
static size_t fit_code_points(struct ui *ui, enum ui_font font, const char *text, size_t start,
                              size_t end, int width)
{
    size_t lo = utf8_next(text, end, start), hi = end;
    if (ui_text_width(ui, font, text + start, lo - start) > width)
        return lo;
    while (lo < hi) {
        size_t cut = lo + (hi - lo + 1) / 2;
        while (cut > lo && cut < end && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
        if (cut == lo) {
            cut = utf8_next(text, end, lo);
            if (cut > hi)
                break;
        }
        if (ui_text_width(ui, font, text + start, cut - start) <= width)
            lo = cut;
        else
            hi = cut - 1;
    }
    return lo;
}

/* No glyph that matters is narrower than this many pixels: a piece of text
 * longer than width / WRAP_MIN_ADVANCE code points (4 bytes each at most)
 * cannot fit a line, so it is never measured whole. That keeps wrapping a
 * 64 KiB word linear instead of quadratic. (Zero-width marks only make such
 * a line break a little early.) */
#define WRAP_MIN_ADVANCE 2

bool widget_wrap(struct ui *ui, enum ui_font font, const char *text, size_t len, int width,
                 size_t max_lines, struct wrap *out)
{
    out->count = 0;
    out->max_width = 0;
    out->rest = 0;
    if (width < 1)
        width = 1;
    size_t most_bytes = ((size_t)width / WRAP_MIN_ADVANCE + 1) * 4;
    size_t para = 0;
    for (;;) {
        const char *nl = memchr(text + para, '\n', len - para);
        size_t para_end = nl ? (size_t)(nl - text) : len;
        size_t pos = para;
        if (pos == para_end) {
            if (max_lines && out->count == max_lines) {
                out->rest = len - pos;
                return true;
            }
            if (!wrap_push(out, para, 0, 0))
                return false;
        }
        while (pos < para_end) {
            if (max_lines && out->count == max_lines) {
                out->rest = len - pos;
                return true;
            }
            /* Fill the line with tokens: the spaces before a word and the
             * word. Widths are summed token by token, so each is measured
             * once. */
            size_t line_start = pos, line_end = pos, p = pos;
            int line_w = 0;
            while (p < para_end) {
                size_t tok_end = p;
                while (tok_end < para_end && text[tok_end] == ' ')
                    tok_end++;
                while (tok_end < para_end && text[tok_end] != ' ')
                    tok_end++;
                int tok_w = tok_end - p > most_bytes ? width + 1
                                                     : ui_text_width(ui, font, text + p, tok_end - p);
                if (line_end == line_start && tok_w > width) {
                    /* A word longer than the line breaks where it must. */
                    size_t end = tok_end;
                    if (end - line_start > most_bytes) {
                        end = line_start + most_bytes;
                        while (end > line_start + 1 && ((unsigned char)text[end] & 0xC0) == 0x80)
                            end--;
                    }
                    line_end = fit_code_points(ui, font, text, line_start, end, width);
                    line_w = ui_text_width(ui, font, text + line_start, line_end - line_start);
                    p = line_end;
                    break;
                }
                if (line_end != line_start && line_w + tok_w > width)
                    break;
                line_end = tok_end;
                line_w += tok_w;
                p = tok_end;
            }
            /* The line as a whole, as it is drawn: the sum of its words
             * misses the kerning between them. */
            if (line_end - line_start > 0 && line_end - line_start <= most_bytes)
                line_w = ui_text_width(ui, font, text + line_start, line_end - line_start);
            if (!wrap_push(out, line_start, line_end - line_start, line_w))
                return false;
            /* The spaces where a line breaks are the break itself. */
            while (p < para_end && text[p] == ' ')
                p++;
            pos = p;
        }
        if (!nl)
            return true;
        para = para_end + 1;
    }
}

void wrap_free(struct wrap *w)
{
    free(w->lines);
    memset(w, 0, sizeof *w);
}

/* ---- scroll bar --------------------------------------------------------------------- */

#define SCROLL_MIN_THUMB 28

int widget_scrollbar(struct ui *ui, const struct theme *t, uint32_t id, ui_rect track,
                     int64_t content_h, int view_h, int64_t *scroll)
{
    int64_t max_scroll = content_h - view_h;
    if (max_scroll <= 0) {
        *scroll = 0;
        return 0;
    }
    int thumb_h = (int)((int64_t)track.h * view_h / content_h);
    if (thumb_h < ui_px(ui, SCROLL_MIN_THUMB))
        thumb_h = ui_px(ui, SCROLL_MIN_THUMB);
    if (thumb_h > track.h)
        thumb_h = track.h;
    int travel = track.h - thumb_h;
    int thumb_y = track.y + (travel > 0 ? (int)(*scroll * travel / max_scroll) : 0);
    ui_rect thumb = {track.x + ui_px(ui, 2), thumb_y, track.w - 2 * ui_px(ui, 2), thumb_h};

    int64_t old = *scroll;
    int result = ui_interact(ui, id, track, false);
    if (result & UI_RESULT_PRESS) {
        if (ui_rect_contains(thumb, ui->in.mouse_x, ui->in.mouse_y)) {
            ui->drag_anchor = ui->in.mouse_y - thumb_y;
        } else {
            /* A click on the track pages toward it. */
            *scroll += ui->in.mouse_y < thumb_y ? -view_h : view_h;
            ui->drag_anchor = -1;
        }
    } else if (ui->active == id && ui->drag_anchor >= 0 && travel > 0) {
        int y = ui->in.mouse_y - ui->drag_anchor - track.y;
        *scroll = (int64_t)y * max_scroll / travel;
    }
    if (*scroll < 0)
        *scroll = 0;
    if (*scroll > max_scroll)
        *scroll = max_scroll;
    thumb.y = track.y + (travel > 0 ? (int)(*scroll * travel / max_scroll) : 0);
    bool lit = (result & UI_RESULT_HOVER) || ui->active == id;
    ui_draw_rect(ui, thumb, lit ? t->scroll_thumb_hover : t->scroll_thumb, (thumb.w) / 2);
    return *scroll != old ? UI_RESULT_CHANGE : 0;
}

/* ---- kinetic scrolling ------------------------------------------------------------ */

#define FLING_LN2 0.693147181f

/* A layout unit in pixels, for the speeds (ui_px rounds to whole pixels). */
static float fling_scale(const struct ui *ui)
{
    return ui->scale > 0 ? ui->scale : 1.0f;
}

void widget_fling_start(struct widget_fling *f, const struct ui *ui, float velocity)
{
    float scale = fling_scale(ui);
    float most = WIDGET_FLING_MAX * scale;
    velocity = velocity > most ? most : velocity < -most ? -most : velocity;
    f->velocity = fabsf(velocity) >= WIDGET_FLING_MIN * scale ? velocity : 0.0f;
    f->rest = 0.0f;
    f->last_ms = ui->now_ms;
}

void widget_fling_stop(struct widget_fling *f)
{
    f->velocity = 0.0f;
    f->rest = 0.0f;
}

bool widget_fling_moving(const struct widget_fling *f)
{
    return f->velocity != 0.0f;
}

int widget_fling_step(struct widget_fling *f, const struct ui *ui)
{
    if (f->velocity == 0.0f)
        return 0;
    uint64_t dt = ui->now_ms > f->last_ms ? ui->now_ms - f->last_ms : 0;
    f->last_ms = ui->now_ms;
    /* Exact for any dt: the speed decays by 2^(-t/h), and the distance is
     * its integral, v * h / ln 2 * (1 - 2^(-dt/h)). */
    float keep = exp2f(-(float)dt / WIDGET_FLING_HALF_LIFE_MS);
    f->rest += f->velocity * (WIDGET_FLING_HALF_LIFE_MS / FLING_LN2) * (1.0f - keep);
    f->velocity *= keep;
    int px = (int)f->rest; /* toward zero: the rest waits for the next frame */
    f->rest -= (float)px;
    if (fabsf(f->velocity) < WIDGET_FLING_STOP * fling_scale(ui))
        widget_fling_stop(f);
    return px;
}

/* ---- status bar ------------------------------------------------------------------- */

void widget_status_bar(struct ui *ui, const struct theme *t, ui_rect r, const struct status_line *s)
{
    ui_draw_rect(ui, r, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){r.x, r.y + r.h - ui_px(ui, 1), r.w, ui_px(ui, 1)}, t->bar_border, 0);
    int dot = ui_px(ui, 10);
    int x = r.x + ui_px(ui, 16);
    ui_draw_rect(ui, (ui_rect){x, r.y + (r.h - dot) / 2, dot, dot}, s->dot, dot / 2);
    x += dot + ui_px(ui, 10);
    int right = r.x + r.w - ui_px(ui, 16) - s->right_reserved;
    int label_y = r.y + (r.h - ui_text_height(ui, UI_FONT_LABEL)) / 2;
    int body_y = r.y + (r.h - ui_text_height(ui, UI_FONT_BODY)) / 2;
    x += widget_text_fit(ui, UI_FONT_LABEL, s->state, strlen(s->state), x, label_y, right - x, t->text);
    if (s->tag && right - x > ui_px(ui, 60)) {
        size_t len = strlen(s->tag);
        int pad = ui_px(ui, 6), th = ui_text_height(ui, UI_FONT_SMALL);
        int tw = ui_text_width(ui, UI_FONT_SMALL, s->tag, len);
        ui_rect tag = {x + ui_px(ui, 8), r.y + (r.h - th - ui_px(ui, 4)) / 2, tw + 2 * pad, th + ui_px(ui, 4)};
        ui_draw_rect(ui, tag, t->tag_bg, ui_px(ui, 4));
        ui_draw_text(ui, UI_FONT_SMALL, s->tag, len, tag.x + pad, tag.y + ui_px(ui, 2), t->tag_text);
        x = tag.x + tag.w;
    }

    /* What is left goes to the reason first, then the URL (at the right):
     * why a connection ended matters more than where it went. */
    static const char dash[] = " \xE2\x80\x94 "; /* " — " */
    const char *reason = s->reason && *s->reason ? s->reason : NULL;
    const char *url = s->url && *s->url ? s->url : NULL;
    int gap = ui_px(ui, 24);
    int room = right - x;
    int reason_w = reason ? ui_text_width(ui, UI_FONT_BODY, dash, sizeof dash - 1) +
                                ui_text_width(ui, UI_FONT_BODY, reason, strlen(reason))
                          : 0;
    int url_w = url ? ui_text_width(ui, UI_FONT_BODY, url, strlen(url)) : 0;
    if (reason && url && reason_w + gap + url_w > room) {
        int url_min = url_w < ui_px(ui, 140) ? url_w : ui_px(ui, 140);
        int url_room = room - gap - reason_w;
        url_w = url_room > url_min ? url_room : url_min;
        if (url_w > room - gap)
            url_w = 0; /* no room at all: the reason wins */
    } else if (url && url_w > room) {
        url_w = room;
    }
    if (reason) {
        int reason_room = room - (url_w ? url_w + gap : 0);
        ui_color c = s->reason_muted ? t->text_muted : t->text;
        int dw = widget_text_fit(ui, UI_FONT_BODY, dash, sizeof dash - 1, x, body_y, reason_room, c);
        widget_text_fit(ui, UI_FONT_BODY, reason, strlen(reason), x + dw, body_y, reason_room - dw, c);
    }
    if (url && url_w > 0) {
        int natural = ui_text_width(ui, UI_FONT_BODY, url, strlen(url));
        int ux = natural <= url_w ? (reason ? right - natural : x + ui_px(ui, 12)) : right - url_w;
        widget_text_fit(ui, UI_FONT_BODY, url, strlen(url), ux, body_y, url_w, t->text_muted);
    }
}

/* ---- bubble ------------------------------------------------------------------------- */

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

struct measuring {
    struct ui *ui;
    enum ui_font font;
};

static int measure_in(void *user, const char *text, size_t len)
{
    const struct measuring *m = user;
    return ui_text_width(m->ui, m->font, text, len);
}

/* The code point boundary in text[start..start+len) nearest to x (from the
 * line's left edge). */
static size_t line_offset_at(struct ui *ui, enum ui_font font, const char *text, size_t start, size_t len,
                             int x)
{
    struct measuring m = {ui, font};
    return start + textedit_offset_at_x(text + start, len, x, measure_in, &m);
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

void widget_bubble(struct ui *ui, const struct theme *t, uint32_t id, ui_rect r, const struct bubble *b,
                   struct bubble_input *in)
{
    memset(in, 0, sizeof *in);
    ui_color fill, text, label, border = {0};
    const ui_color *span_colors = t->json_received;
    int border_w = 0;
    switch (b->kind) {
    case BUBBLE_SENT:
        fill = t->sent_bg;
        text = t->sent_text;
        label = t->sent_label;
        span_colors = t->json_sent;
        break;
    case BUBBLE_RECEIVED:
        fill = t->received_bg;
        text = t->received_text;
        label = t->received_label;
        border = t->bar_border;
        border_w = 1;
        break;
    default:
        fill = t->failed_bg;
        text = t->failed_text;
        label = t->failed_label;
        border = t->failed_border;
        border_w = 1;
        break;
    }
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
    ui_draw_box(ui, r, fill, border, border_w ? ui_px(ui, border_w) : 0, ui_px(ui, BUBBLE_RADIUS));

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
        draw_text_line(ui, t, b, &b->wrap->lines[i], x, y, line_h, text, span_colors);
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
