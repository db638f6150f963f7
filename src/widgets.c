/* SPDX-License-Identifier: MIT */
/* widgets: see widgets.h. */
#include "widgets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


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

/* ---- tag -------------------------------------------------------------------- */

const struct widget_tag_style widget_tag_warning = {.font = UI_FONT_SMALL, .pad_x = 8, .pad_y = 3, .radius = 4};

ui_rect widget_tag_size(struct ui *ui, const struct widget_tag_style *s, const char *text)
{
    int tw = ui_text_width(ui, s->font, text, strlen(text));
    int h = s->height ? ui_px(ui, s->height) : ui_text_height(ui, s->font) + ui_px(ui, 2 * s->pad_y);
    return (ui_rect){0, 0, tw + 2 * ui_px(ui, s->pad_x), h};
}

void widget_tag(struct ui *ui, const struct widget_tag_style *s, const char *text, ui_rect r, ui_color bg,
                ui_color fg, int max_w)
{
    ui_draw_rect(ui, r, bg, s->radius < 0 ? r.h / 2 : ui_px(ui, s->radius));
    size_t len = strlen(text);
    int x = r.x + ui_px(ui, s->pad_x), y = r.y + (r.h - ui_text_height(ui, s->font)) / 2;
    if (max_w > 0)
        widget_text_fit(ui, s->font, text, len, x, y, max_w, fg);
    else
        ui_draw_text(ui, s->font, text, len, x, y, fg);
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

/* ---- wrapping with the ui's fonts ------------------------------------------------ */

static int measure_font(void *user, const char *text, size_t len)
{
    const struct widget_measure *m = user;
    return ui_text_width(m->ui, m->font, text, len);
}

struct wrap_measure widget_measure(struct widget_measure *m)
{
    return (struct wrap_measure){measure_font, m};
}

bool widget_wrap(struct ui *ui, enum ui_font font, const char *text, size_t len, int width,
                 size_t max_lines, struct wrap *out)
{
    struct widget_measure m = {ui, font};
    struct wrap_measure wm = widget_measure(&m);
    return wrap_text(&wm, text, len, width, max_lines, out);
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

bool widget_status_bar(struct ui *ui, const struct theme *t, ui_rect r, const struct status_line *s)
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
        static const struct widget_tag_style style = {.font = UI_FONT_SMALL, .pad_x = 6, .pad_y = 2, .radius = 4};
        ui_rect tag = widget_tag_size(ui, &style, s->tag);
        tag.x = x + ui_px(ui, 8);
        tag.y = r.y + (r.h - tag.h) / 2;
        widget_tag(ui, &style, s->tag, tag, t->tag_bg, t->tag_text, 0);
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
    bool cut = false;
    if (reason) {
        int reason_room = room - (url_w ? url_w + gap : 0);
        cut = reason_w > reason_room;
        ui_color c = s->reason_muted ? t->text_muted : t->text;
        int dw = widget_text_fit(ui, UI_FONT_BODY, dash, sizeof dash - 1, x, body_y, reason_room, c);
        widget_text_fit(ui, UI_FONT_BODY, reason, strlen(reason), x + dw, body_y, reason_room - dw, c);
    }
    if (url) {
        int natural = ui_text_width(ui, UI_FONT_BODY, url, strlen(url));
        cut |= natural > url_w;
        int ux = natural <= url_w ? (reason ? right - natural : x + ui_px(ui, 12)) : right - url_w;
        if (url_w > 0)
            widget_text_fit(ui, UI_FONT_BODY, url, strlen(url), ux, body_y, url_w, t->text_muted);
    }
    return cut;
}

