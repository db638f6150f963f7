/* SPDX-License-Identifier: MIT */
/* test_chart: the live charts drawn for real (chart.c in the view), from a
 * known quarter of an hour (chart_series.h). Ctrl+G, the status bar's
 * button, Close and Escape open and close the panel; its parts stay inside
 * it and apart from each other, and it leaves the other regions alone, in a
 * 640x480 window, in a kiosk at scale 2 with its on-screen keyboard, and in
 * both languages, and in the smallest window (480x360); the read-out says the values of the bar under the
 * pointer (and a finger's); the spans group 1, 5 and 15 seconds; the
 * series' colours are in the plots in both themes; the picture changes
 * only when a second is over, and a hidden panel asks for no frames; the
 * --chart strip sits over the message box and a tap on it opens the panel. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "chart.h"
#include "chart_series.h"
#include "check.h"
#include "i18n.h"
#include "platform.h"
#include "render.h"
#include "screen_harness.h"
#include "view.h"

static struct stats series;

static Uint32 pixel(const struct screen *s, int x, int y)
{
    const Uint32 *row = (const Uint32 *)((const Uint8 *)s->surface->pixels + y * s->surface->pitch);
    return row[x] & 0xFFFFFF;
}

static int count_color(const struct screen *s, ui_rect r, ui_color c)
{
    Uint32 want = (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
    int n = 0;
    for (int y = r.y; y < r.y + r.h && y < s->h; y++)
        for (int x = r.x; x < r.x + r.w && x < s->w; x++)
            n += pixel(s, x, y) == want;
    return n;
}

static bool inside(ui_rect inner, ui_rect outer)
{
    return inner.w >= 0 && inner.h >= 0 && inner.x >= outer.x && inner.y >= outer.y &&
           inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

static bool overlap(ui_rect a, ui_rect b)
{
    return a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

static bool text_in(const struct screen *s, ui_rect area, const char *text)
{
    return screen_text_in(&s->stage.ui, area, text);
}

/* Every text drawn from y0 to y1 (the panel, but the read-out over it): inside
 * the window and apart from every other. */
static int texts_apart(const struct screen *s, ui_rect area, ui_rect skip)
{
    const struct ui *ui = &s->stage.ui;
    int count = 0;
    for (size_t i = 0; i < ui->command_count; i++) {
        const struct ui_command *a = &ui->commands[i];
        if (a->kind != UI_COMMAND_TEXT || !overlap(a->rect, area) || overlap(a->rect, skip))
            continue;
        count++;
        CHECK_MSG(inside(a->rect, area), "'%.*s' leaves the panel", (int)a->len, ui_command_text(ui, a));
        for (size_t k = i + 1; k < ui->command_count; k++) {
            const struct ui_command *b = &ui->commands[k];
            if (b->kind == UI_COMMAND_TEXT && overlap(b->rect, area) && !overlap(b->rect, skip))
                CHECK_MSG(!overlap(a->rect, b->rect), "'%.*s' and '%.*s' overlap", (int)a->len,
                          ui_command_text(ui, a), (int)b->len, ui_command_text(ui, b));
        }
    }
    return count;
}

static bool start(struct screen *s, int w, int h, float scale)
{
    if (!screen_start(s, &(struct screen_config){.w = w, .h = h, .scale = scale})) {
        fprintf(stderr, "%s\n", s->error);
        screen_close(s);
        return false;
    }
    screen_connect_chat(&s->stage.chat);
    s->stage.view.stats = &series;
    s->stage.view.chart.clock_us = CHART_SERIES_NOW_US;
    ui_input_mouse_move(&s->stage.ui, -100, -100);
    screen_frame(s);
    return true;
}

/* The panel's place among the others, and its parts within it. */
static void check_layout(struct screen *s, const char *name)
{
    const struct view *v = &s->stage.view;
    const struct chart *c = &v->chart;
    ui_rect window = {0, 0, s->w, s->h};
    CHECK_MSG(c->rect.h > 0 && inside(c->rect, window), "%s: the panel is not in the window", name);
    CHECK_MSG(c->rect.y >= v->list_rect.y + v->list_rect.h, "%s: the panel is over the list", name);
    CHECK_MSG(c->rect.y + c->rect.h <= v->input_rect.y, "%s: the panel is over the message box", name);
    CHECK_MSG(!overlap(c->rect, v->status_rect), "%s: the panel is over the status bar", name);
    if (v->osk.rect.h > 0)
        CHECK_MSG(!overlap(c->rect, v->osk.rect), "%s: the panel is under the keyboard", name);
    CHECK_MSG(c->strip_rect.h == 0, "%s: the strip stays with the panel open", name);
    for (int k = 0; k < CHART_SERIES_COUNT; k++) {
        CHECK_MSG(c->plots[k].h >= 8 && inside(c->plots[k], c->rect), "%s: plot %d is not in the panel", name, k);
        if (k)
            CHECK(c->plots[k].y >= c->plots[k - 1].y + c->plots[k - 1].h);
    }
    for (int k = 0; k < CHART_SPAN_COUNT; k++)
        CHECK_MSG(inside(c->span_rects[k], c->rect) && !overlap(c->span_rects[k], c->close_rect), "%s: span %d",
                  name, k);
    CHECK(inside(c->close_rect, c->rect));
    /* The axes: the scales with their units, the times. */
    CHECK_MSG(text_in(s, c->rect, tr(I18N_CHART_UNIT_MESSAGES)) && text_in(s, c->rect, "KiB/s") &&
                  text_in(s, c->rect, " ms") && text_in(s, c->rect, tr(I18N_CHART_NOW)),
              "%s: an axis label is missing", name);
    CHECK_MSG(texts_apart(s, c->rect, c->tip_rect) >= 12, "%s: too few labels", name);
}

/* PONTE_CHART_SHOTS=DIR: each layout checked saved as DIR/<n>.bmp, to look at. */
static void shot(struct screen *s, const char *name)
{
    const char *dir = getenv("PONTE_CHART_SHOTS");
    if (!dir)
        return;
    render_frame(s->stage.render, &s->stage.ui, s->stage.view.theme->window_bg, true);
    char path[512];
    snprintf(path, sizeof path, "%s/%s.bmp", dir, name);
    for (char *p = path + strlen(dir) + 1; *p; p++)
        if (*p == ' ' || *p == '(' || *p == ')' || *p == ',')
            *p = '_';
    SDL_SaveBMP(s->surface, path);
}

static void press_ctrl_g(struct screen *s)
{
    ui_input_key(&s->stage.ui, UI_KEY_G, UI_MOD_CTRL);
    screen_frame(s);
}

static void test_open_close(int w, int h, float scale, bool kiosk, enum i18n_lang lang)
{
    char name[64];
    snprintf(name, sizeof name, "%dx%d at %.1f%s (%s)", w, h, scale, kiosk ? ", kiosk" : "",
             lang == I18N_EN ? "en" : "pt_BR");
    i18n_set_lang(lang);
    static struct screen s;
    if (!start(&s, w, h, scale))
        return;
    struct view *v = &s.stage.view;
    v->osk_enabled = kiosk;
    v->chart_strip = kiosk;
    screen_frame(&s);
    if (kiosk) {
        /* The keyboard up (a press on the message box) leaves the panel
         * room for its header only: it keeps out of the keyboard's way. */
        screen_click_at(&s, v->input_rect.x + 10, v->input_rect.y + 10);
        for (int i = 0; i < 60; i++)
            screen_frame(&s);
        CHECK_MSG(v->osk.rect.h > 0, "%s: no keyboard", name);
        press_ctrl_g(&s);
        screen_frame(&s);
        CHECK(v->chart.open && v->chart.rect.h > 0 && !overlap(v->chart.rect, v->osk.rect) &&
              v->chart.rect.y + v->chart.rect.h <= v->input_rect.y && v->chart.rect.y >= v->list_rect.y);
        shot(&s, "kiosk-keyboard");
        press_ctrl_g(&s);
        /* Then down again (its own key), as a kiosk shows it. */
        v->osk.open = false;
        v->osk.opened_ms = s.now_ms; /* (its slide down starts now) */
        for (int i = 0; i < 60; i++)
            screen_frame(&s);
        CHECK(v->osk.rect.h == 0);
    }
    CHECK(!v->chart.open && v->chart.rect.h == 0);
    press_ctrl_g(&s);
    CHECK_MSG(v->chart.open, "%s: Ctrl+G did not open it", name);
    screen_frame(&s);
    check_layout(&s, name);
    shot(&s, name);
    /* Escape closes it, the message box has the keys again. */
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    screen_frame(&s);
    CHECK(!v->chart.open && s.stage.ui.focus == v->input.id);
    screen_frame(&s);
    CHECK(v->chart.rect.h == 0);
    /* The status bar's button, then Close. */
    ui_rect b = v->chart_button_rect;
    CHECK_MSG(b.w > 0 && inside(b, v->status_rect), "%s: no Chart button", name);
    screen_click_at(&s, b.x + b.w / 2, b.y + b.h / 2);
    screen_frame(&s);
    CHECK(v->chart.open);
    screen_frame(&s);
    check_layout(&s, name);
    ui_rect close = v->chart.close_rect;
    screen_click_at(&s, close.x + close.w / 2, close.y + close.h / 2);
    screen_frame(&s);
    CHECK(!v->chart.open);
    /* Ctrl+G twice: open, closed. */
    press_ctrl_g(&s);
    press_ctrl_g(&s);
    CHECK(!v->chart.open);
    screen_close(&s);
    i18n_set_lang(I18N_EN);
}

/* The read-out of the bar under the pointer, at each span. */
static void test_readout(void)
{
    static struct screen s;
    if (!start(&s, 900, 640, 1.0f))
        return;
    struct chart *c = &s.stage.view.chart;
    press_ctrl_g(&s);
    screen_frame(&s);
    int64_t last = CHART_SERIES_NOW_US / 1000000 - 1;
    CHECK(c->points_last == last && c->points[CHART_POINTS - 1].second == last);
    /* The 1-minute view: bar i is second 840 + i of the 900. */
    ui_rect p = c->plots[0];
    int i = 45;
    int x = p.x + (int)((int64_t)p.w * i / CHART_POINTS) + 2;
    ui_input_mouse_move(&s.stage.ui, x, p.y + p.h / 2);
    screen_frame(&s);
    CHECK(c->readout == i && c->tip_rect.w > 0);
    int64_t k = 840 + i;
    char want[96], in[32], out[32];
    snprintf(in, sizeof in, "%d msg/s", 2 + (int)(k * 7 % 11));
    snprintf(out, sizeof out, "%d msg/s", 1 + (int)(k % 5));
    snprintf(want, sizeof want, tr(I18N_CHART_READOUT_IN_OUT), in, out);
    CHECK_MSG(text_in(&s, c->tip_rect, want), "read-out: no '%s'", want);
    struct tm tm;
    CHECK(platform_local_time((last - 59 + i) * 1000000, &tm));
    snprintf(want, sizeof want, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
    CHECK_MSG(text_in(&s, c->tip_rect, want), "read-out: no time %s", want);
    CHECK(text_in(&s, c->tip_rect, k % 3 == 0 ? " ms (" : tr(I18N_CHART_READOUT_NO_RTT)));
    /* Off the plots: no read-out. */
    ui_input_mouse_move(&s.stage.ui, p.x - 5, p.y + p.h / 2);
    screen_frame(&s);
    CHECK(c->readout == -1 && c->tip_rect.w == 0);
    /* 5 minutes: 60 bars of 5 seconds; 15 minutes: of 15. */
    ui_rect r = c->span_rects[CHART_SPAN_5_MIN];
    screen_click_at(&s, r.x + r.w / 2, r.y + r.h / 2);
    screen_frame(&s);
    CHECK(c->span == CHART_SPAN_5_MIN && c->points[CHART_POINTS - 1].second == last - 4 && c->points[0].second == last - 299);
    r = c->span_rects[CHART_SPAN_15_MIN];
    screen_click_at(&s, r.x + r.w / 2, r.y + r.h / 2);
    screen_frame(&s);
    CHECK(c->span == CHART_SPAN_15_MIN && c->points[0].second == last - 899);
    /* The quiet minute (seconds 300..359) is bars 20..23: nothing in them. */
    CHECK(c->points[20].messages_in == 0 && c->points[23].messages_out == 0 && c->points[24].messages_in > 0);
    /* A finger on bar 21: the read-out of a group, its time span and no traffic. */
    p = c->plots[1];
    ui_input_touch(&s.stage.ui, true);
    x = p.x + (int)((int64_t)p.w * 21 / CHART_POINTS) + 2;
    screen_click_at(&s, x, p.y + p.h / 2);
    screen_frame(&s);
    screen_frame(&s);
    CHECK(c->readout == 21);
    snprintf(want, sizeof want, tr(I18N_CHART_READOUT_IN_OUT), "0 B/s", "0 B/s");
    CHECK_MSG(text_in(&s, c->tip_rect, want), "finger read-out: no '%s'", want);
    CHECK(text_in(&s, c->tip_rect, "\xE2\x80\x93")); /* from – to */
    screen_close(&s);
}

/* The series' colours in their plots; the picture the same until a second is over. */
static void test_pixels_and_clock(bool dark)
{
    static struct screen s;
    if (!start(&s, 900, 640, 1.0f))
        return;
    const struct theme *t = dark ? &theme_dark : &theme_light;
    s.stage.view.theme = t;
    struct chart *c = &s.stage.view.chart;
    press_ctrl_g(&s);
    screen_frame(&s);
    CHECK(render_frame(s.stage.render, &s.stage.ui, t->window_bg, true));
    CHECK_MSG(count_color(&s, c->plots[CHART_MESSAGES], t->dot_connected) > 100, "no 'in' bars");
    CHECK_MSG(count_color(&s, c->plots[CHART_MESSAGES], t->primary_bg) > 100, "no 'out' bars");
    CHECK_MSG(count_color(&s, c->plots[CHART_BYTES], t->dot_connected) > 100, "no 'in' bytes");
    CHECK_MSG(count_color(&s, c->plots[CHART_RTT], t->dot_connecting) > 20, "no round trips");
    CHECK(count_color(&s, c->plots[CHART_MESSAGES], t->dot_connecting) == 0);
    /* Hidden or shown, the view asks for no frames of its own: the app's
     * clock draws it once a second (chart_next_ms), only while shown. */
    s.now_ms += 20000;
    screen_frame(&s);
    CHECK(s.stage.ui.next_frame_ms == 0);
    CHECK(!render_frame(s.stage.render, &s.stage.ui, t->window_bg, false)); /* the same picture */
    /* New traffic in the current second: not shown until it is over. */
    struct stats_sample x = {.time_us = CHART_SERIES_NOW_US, .in = true, .bytes = 1 << 20};
    stats_add(&series, &x);
    c->clock_us += 500000; /* 04:05:06.900 */
    screen_frame(&s);
    CHECK(!render_frame(s.stage.render, &s.stage.ui, t->window_bg, false));
    c->clock_us += 200000; /* 04:05:07.100: 04:05:06 is over */
    screen_frame(&s);
    CHECK(c->points[CHART_POINTS - 1].messages_in == series.ring[(CHART_SERIES_NOW_US / 1000000) & (STATS_SECONDS - 1)].messages_in);
    CHECK(render_frame(s.stage.render, &s.stage.ui, t->window_bg, false));
    CHECK(text_in(&s, c->rect, "MiB/s"));
    chart_series_fill(&series);
    screen_close(&s);
}

/* The --chart strip, and a tap on it. */
static void test_strip(void)
{
    static struct screen s;
    if (!start(&s, 640, 480, 1.0f))
        return;
    struct view *v = &s.stage.view;
    v->chart_strip = true;
    screen_frame(&s);
    ui_rect st = v->chart.strip_rect;
    CHECK(st.h > 0 && st.y >= v->list_rect.y + v->list_rect.h && st.y + st.h <= v->input_rect.y);
    CHECK(v->list_rect.h >= 120);
    CHECK(text_in(&s, st, "msg/s") && text_in(&s, st, "B/s") && text_in(&s, st, tr(I18N_CHART_ROUND_TRIPS)));
    CHECK(render_frame(s.stage.render, &s.stage.ui, v->theme->window_bg, true));
    CHECK(count_color(&s, st, v->theme->dot_connected) > 20 && count_color(&s, st, v->theme->primary_bg) > 20);
    CHECK(!v->chart.open);
    screen_click_at(&s, st.x + st.w / 2, st.y + st.h / 2);
    screen_frame(&s);
    CHECK(v->chart.open);
    screen_frame(&s);
    check_layout(&s, "strip, 640x480");
    screen_close(&s);
}

static void test_next_ms(void)
{
    CHECK(chart_next_ms(1000000LL * 100 + 400000) == 601);
    CHECK(chart_next_ms(1000000LL * 100) == 1001);
    CHECK(chart_next_ms(1000000LL * 100 + 999999) == 2);
    CHECK(chart_next_ms(-1) == 2);
}

int main(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    chart_series_fill(&series);
    test_next_ms();
    test_open_close(480, 360, 1.0f, false, I18N_PT_BR); /* (the window's smallest) */
    test_open_close(640, 480, 1.0f, false, I18N_EN);
    test_open_close(640, 480, 1.0f, false, I18N_PT_BR);
    test_open_close(900, 640, 1.0f, false, I18N_PT_BR);
    test_open_close(1280, 960, 2.0f, true, I18N_EN);
    test_open_close(1280, 960, 2.0f, true, I18N_PT_BR);
    test_open_close(1920, 1080, 1.5f, false, I18N_EN);
    test_readout();
    test_pixels_and_clock(false);
    test_pixels_and_clock(true);
    test_strip();
    SDL_Quit();
    return check_summary("chart");
}
