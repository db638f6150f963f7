/* SPDX-License-Identifier: MIT */
/* chart: see chart.h. */
#include "chart.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "layout.h"
#include "platform.h"

/* Sizes in layout units. */
#define CHART_PAD 10
#define CHART_GAP 6
#define CHART_PLOT_H 72    /* a plot's height when there is room */
#define CHART_PLOT_MIN 24  /* below this the panel stops growing smaller: it takes the list's room */
#define CHART_KEEP_LIST 48 /* the conversation keeps this much, when it can */
#define CHART_STRIP_PLOT 26
#define CHART_SWATCH 10

static const int span_seconds[CHART_SPAN_COUNT] = {60, 300, 900};

void chart_init(struct chart *c)
{
    memset(c, 0, sizeof *c);
    c->points_last = STATS_NO_SECOND;
    c->readout = -1;
}

void chart_toggle(struct chart *c, struct ui *ui)
{
    c->open = !c->open;
    c->readout = -1;
    ui_request_frame(ui, 1);
}

int chart_next_ms(int64_t now_us)
{
    int64_t into = now_us % 1000000;
    if (into < 0)
        into += 1000000;
    return (int)((1000000 - into + 999) / 1000) + 1; /* (just past the boundary: that second is over) */
}

/* ---- the series ------------------------------------------------------------------ */

static int64_t now_us(const struct chart *c)
{
    return c->clock_us ? c->clock_us : platform_wall_clock_us();
}

/* Sums the series again when the second or the span changed since: once a
 * second while shown, however much traffic flows (events count in the
 * current second, which is not shown yet; one stamped just before a second
 * ended and taken in after shows a second later). */
static void update_points(struct chart *c, const struct stats *s)
{
    int64_t now = now_us(c);
    int64_t last = (now >= 0 ? now / 1000000 : (now - 999999) / 1000000) - 1; /* the last second that is over */
    if (c->points_last == last && c->points_span == c->span)
        return;
    c->points_last = last;
    c->points_span = c->span;
    if (s) {
        stats_groups(s, last, span_seconds[c->span], CHART_POINTS, c->points);
        return;
    }
    int per = span_seconds[c->span] / CHART_POINTS;
    for (int i = 0; i < CHART_POINTS; i++)
        c->points[i] = (struct stats_bucket){.second = last - (int64_t)(CHART_POINTS - i) * per + 1};
}

/* ---- numbers and units ---------------------------------------------------------- */

/* A short number: 1234, 12.5, 0.25. */
static void format_number(double v, char *out, size_t n)
{
    if (v >= 100 || v == (double)(long long)v)
        snprintf(out, n, "%.0f", v);
    else if (v >= 10)
        snprintf(out, n, "%.1f", v);
    else
        snprintf(out, n, "%.2f", v);
    /* 2.50 reads 2.5 */
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
}

/* The unit a value is shown in: its divisor and symbol. */
struct unit {
    double divisor;
    const char *symbol;
};

static struct unit series_unit(enum chart_series series, double max)
{
    switch (series) {
    case CHART_MESSAGES:
        return (struct unit){1, tr(I18N_CHART_UNIT_MESSAGES)};
    case CHART_BYTES:
        /* (IEC symbols read the same in every language.) */
        if (max >= 1024.0 * 1024.0)
            return (struct unit){1024.0 * 1024.0, "MiB/s"};
        if (max >= 1024.0)
            return (struct unit){1024.0, "KiB/s"};
        return (struct unit){1, "B/s"};
    default:
        return (struct unit){1000, "ms"}; /* (from microseconds) */
    }
}

static void format_value(enum chart_series series, double v, char *out, size_t n)
{
    struct unit u = series_unit(series, v);
    char number[32];
    format_number(v / u.divisor, number, sizeof number);
    snprintf(out, n, "%s %s", number, u.symbol);
}

/* The top of a scale: 1, 2 or 5 times a power of ten, at least v. */
static double nice_ceiling(double v)
{
    if (v <= 0)
        return 1;
    double p = 1;
    while (p * 10 <= v)
        p *= 10;
    while (p > v)
        p /= 10;
    static const double steps[] = {1, 2, 5, 10};
    for (int i = 0; i < 4; i++)
        if (steps[i] * p >= v)
            return steps[i] * p;
    return 10 * p;
}

/* A point's values per second: in and out (messages or bytes); for round
 * trips the fastest, the mean and the slowest (microseconds). */
static void point_values(const struct chart *c, int i, enum chart_series series, double v[3])
{
    const struct stats_bucket *b = &c->points[i];
    double per = (double)(span_seconds[c->points_span] / CHART_POINTS);
    v[0] = v[1] = v[2] = 0;
    if (series == CHART_MESSAGES) {
        v[0] = b->messages_in / per;
        v[1] = b->messages_out / per;
    } else if (series == CHART_BYTES) {
        v[0] = (double)b->bytes_in / per;
        v[1] = (double)b->bytes_out / per;
    } else if (b->rtt_count) {
        v[0] = b->rtt_min_us;
        v[1] = (double)b->rtt_sum_us / b->rtt_count;
        v[2] = b->rtt_max_us;
    }
}

/* The scale's top in the series' own unit (per second; microseconds). */
static double series_max(const struct chart *c, enum chart_series series)
{
    double max = 0;
    for (int i = 0; i < CHART_POINTS; i++) {
        double v[3];
        point_values(c, i, series, v);
        for (int k = 0; k < 3; k++)
            max = v[k] > max ? v[k] : max;
    }
    struct unit u = series_unit(series, max);
    return nice_ceiling(max / u.divisor) * u.divisor;
}

/* ---- drawing ---------------------------------------------------------------------- */

static ui_color mix(ui_color a, ui_color b, int percent_a)
{
    return (ui_color){(uint8_t)((a.r * percent_a + b.r * (100 - percent_a)) / 100),
                      (uint8_t)((a.g * percent_a + b.g * (100 - percent_a)) / 100),
                      (uint8_t)((a.b * percent_a + b.b * (100 - percent_a)) / 100), 255};
}

/* The series' colours: received, sent, round trips. */
static ui_color color_in(const struct theme *t)
{
    return t->dot_connected;
}
static ui_color color_out(const struct theme *t)
{
    return t->primary_bg;
}
static ui_color color_rtt(const struct theme *t)
{
    return t->dot_connecting;
}

/* Point i's columns in a plot of width w starting at x. */
static void point_span(ui_rect plot, int i, int *x0, int *x1)
{
    *x0 = plot.x + (int)((int64_t)plot.w * i / CHART_POINTS);
    *x1 = plot.x + (int)((int64_t)plot.w * (i + 1) / CHART_POINTS);
}

static int value_y(ui_rect plot, double v, double max)
{
    if (v <= 0)
        return plot.y + plot.h;
    int h = (int)(v / max * plot.h + 0.5);
    if (h < 1)
        h = 1; /* something, however little, shows */
    return plot.y + plot.h - (h > plot.h ? plot.h : h);
}

/* The bars of one series in plot (no axes). */
static void draw_bars(const struct chart *c, struct ui *ui, const struct theme *t, ui_rect plot,
                      enum chart_series series, double max)
{
    ui_color in = color_in(t), out = color_out(t), rtt = color_rtt(t);
    ui_color range = mix(rtt, t->window_bg, 45);
    for (int i = 0; i < CHART_POINTS; i++) {
        double v[3];
        point_values(c, i, series, v);
        int x0, x1;
        point_span(plot, i, &x0, &x1);
        int gap = x1 - x0 > 3 ? 1 : 0, bottom = plot.y + plot.h;
        if (series == CHART_RTT) {
            if (!c->points[i].rtt_count)
                continue;
            int top = value_y(plot, v[2], max), low = value_y(plot, v[0], max), mean = value_y(plot, v[1], max);
            if (low - top < 2)
                low = top + 2;
            ui_draw_rect(ui, (ui_rect){x0 + gap, top, x1 - x0 - gap, low - top}, range, 0);
            int mark = ui_px(ui, 2);
            ui_draw_rect(ui, (ui_rect){x0 + gap, mean - mark / 2, x1 - x0 - gap, mark}, rtt, 0);
            continue;
        }
        /* Received at the left half, sent at the right. */
        int mid = x0 + (x1 - x0) / 2;
        if (v[0] > 0) {
            int y = value_y(plot, v[0], max);
            ui_draw_rect(ui, (ui_rect){x0 + gap, y, mid - x0 - gap > 0 ? mid - x0 - gap : 1, bottom - y}, in, 0);
        }
        if (v[1] > 0) {
            int y = value_y(plot, v[1], max);
            ui_draw_rect(ui, (ui_rect){mid, y, x1 - mid - gap > 0 ? x1 - mid - gap : 1, bottom - y}, out, 0);
        }
    }
}

/* A time label under the plots: "−30 s", "−5 min", "now". */
static void tick_label(int seconds_ago, char *out, size_t n)
{
    if (!seconds_ago)
        snprintf(out, n, "%s", tr(I18N_CHART_NOW));
    else if (seconds_ago <= 60)
        snprintf(out, n, "\xE2\x88\x92%d s", seconds_ago); /* (symbols: the same in every language) */
    else
        snprintf(out, n, "\xE2\x88\x92%d min", seconds_ago / 60);
}

static void draw_time_axis(const struct chart *c, struct ui *ui, const struct theme *t, ui_rect plot, int y)
{
    static const int ticks[CHART_SPAN_COUNT] = {6, 5, 5}; /* every 10 s, 1 min, 3 min */
    int n = ticks[c->points_span], span = span_seconds[c->points_span];
    int right = plot.x + plot.w;
    for (int k = 0; k <= n; k++) {
        char label[32];
        tick_label(span - span * k / n, label, sizeof label);
        int x = plot.x + (int)((int64_t)plot.w * k / n);
        int w = ui_text_width(ui, UI_FONT_SMALL, label, strlen(label));
        int lx = x - w / 2;
        lx = lx < plot.x ? plot.x : lx + w > right ? right - w : lx;
        ui_draw_rect(ui, (ui_rect){x - (k == n), plot.y + plot.h, ui_px(ui, 1), ui_px(ui, 3)}, t->bar_border, 0);
        ui_draw_text(ui, UI_FONT_SMALL, label, strlen(label), lx, y, t->text_muted);
    }
}

/* A plot's frame: the grid, the scale at the left (its top and 0), the
 * series' name when there is room. */
static void draw_axes(struct ui *ui, const struct theme *t, ui_rect plot, ui_rect gutter, enum chart_series series,
                      double max)
{
    int line = ui_px(ui, 1), text_h = ui_text_height(ui, UI_FONT_SMALL);
    for (int k = 0; k <= 2; k++) /* the top, the middle, the base */
        ui_draw_rect(ui, (ui_rect){plot.x, plot.y + plot.h * k / 2 - (k == 2) * line, plot.w, line}, t->bar_border, 0);
    char top[48];
    format_value(series, max, top, sizeof top);
    int right = gutter.x + gutter.w;
    int w = ui_text_width(ui, UI_FONT_SMALL, top, strlen(top));
    ui_draw_text(ui, UI_FONT_SMALL, top, strlen(top), right - w, plot.y, t->text_muted);
    w = ui_text_width(ui, UI_FONT_SMALL, "0", 1);
    if (plot.h >= 2 * text_h) /* (a plot lower than that has its top's label only) */
        ui_draw_text(ui, UI_FONT_SMALL, "0", 1, right - w, plot.y + plot.h - text_h, t->text_muted);
    if (plot.h >= 3 * text_h) {
        static const enum i18n_id names[CHART_SERIES_COUNT] = {I18N_CHART_MESSAGES, I18N_CHART_BYTES,
                                                              I18N_CHART_ROUND_TRIPS};
        const char *name = tr(names[series]);
        widget_text_fit(ui, UI_FONT_SMALL, name, strlen(name), gutter.x, plot.y + (plot.h - text_h) / 2, gutter.w,
                        t->text);
    }
}

/* The legend: a swatch and a word for each colour. Its width (draw
 * false), or drawn from x. */
static int legend(struct ui *ui, const struct theme *t, int x, int y, bool draw)
{
    const struct {
        enum i18n_id word;
        ui_color color;
    } items[] = {{I18N_CHART_IN, color_in(t)}, {I18N_CHART_OUT, color_out(t)}, {I18N_CHART_RTT, color_rtt(t)}};
    int sw = ui_px(ui, CHART_SWATCH), text_h = ui_text_height(ui, UI_FONT_SMALL), x0 = x;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        const char *word = tr(items[i].word);
        int w = ui_text_width(ui, UI_FONT_SMALL, word, strlen(word));
        if (draw) {
            ui_draw_rect(ui, (ui_rect){x, y + (text_h - sw) / 2, sw, sw}, items[i].color, ui_px(ui, 2));
            ui_draw_text(ui, UI_FONT_SMALL, word, strlen(word), x + sw + ui_px(ui, 4), y, t->text_muted);
        }
        x += sw + ui_px(ui, 4) + w + (i + 1 < sizeof items / sizeof items[0] ? ui_px(ui, 12) : 0);
    }
    return x - x0;
}

/* The read-out's lines for point i. */
static int readout_lines(const struct chart *c, int i, char lines[4][160])
{
    const struct stats_bucket *b = &c->points[i];
    int per = span_seconds[c->points_span] / CHART_POINTS;
    struct tm from, to;
    bool known = platform_local_time(b->second * 1000000, &from) &&
                 platform_local_time((b->second + per - 1) * 1000000, &to);
    if (!known)
        snprintf(lines[0], 160, "--:--:--");
    else if (per == 1)
        snprintf(lines[0], 160, "%02d:%02d:%02d", from.tm_hour, from.tm_min, from.tm_sec);
    else
        snprintf(lines[0], 160, "%02d:%02d:%02d \xE2\x80\x93 %02d:%02d:%02d", from.tm_hour, from.tm_min, from.tm_sec,
                 to.tm_hour, to.tm_min, to.tm_sec);
    for (int s = CHART_MESSAGES; s <= CHART_BYTES; s++) {
        double v[3];
        point_values(c, i, (enum chart_series)s, v);
        char in[48], out[48];
        format_value((enum chart_series)s, v[0], in, sizeof in);
        format_value((enum chart_series)s, v[1], out, sizeof out);
        snprintf(lines[1 + s], 160, tr(I18N_CHART_READOUT_IN_OUT), in, out);
    }
    if (!b->rtt_count) {
        snprintf(lines[3], 160, "%s", tr(I18N_CHART_READOUT_NO_RTT));
    } else {
        double v[3];
        point_values(c, i, CHART_RTT, v);
        char lo[48], mean[48], hi[48];
        format_value(CHART_RTT, v[0], lo, sizeof lo);
        format_value(CHART_RTT, v[1], mean, sizeof mean);
        format_value(CHART_RTT, v[2], hi, sizeof hi);
        snprintf(lines[3], 160, tr(I18N_CHART_READOUT_RTT), mean, lo, hi);
    }
    return 4;
}

/* The read-out of point i beside x, within area. */
static void draw_readout(struct chart *c, struct ui *ui, const struct theme *t, ui_rect area, int i, int x)
{
    char lines[4][160];
    int n = readout_lines(c, i, lines);
    int pad = ui_px(ui, 8), line_h = ui_text_height(ui, UI_FONT_SMALL) + ui_px(ui, 2), w = 0;
    for (int k = 0; k < n; k++) {
        int lw = ui_text_width(ui, UI_FONT_SMALL, lines[k], strlen(lines[k]));
        w = lw > w ? lw : w;
    }
    int max_w = area.w - 2 * pad;
    w = w < max_w ? w : max_w;
    ui_rect r = {x + ui_px(ui, 12), area.y, w + 2 * pad, n * line_h + 2 * pad};
    if (r.x + r.w > area.x + area.w)
        r.x = x - ui_px(ui, 12) - r.w; /* the left side of the pointer */
    if (r.x < area.x)
        r.x = area.x;
    if (r.h > area.h)
        r.h = area.h;
    c->tip_rect = r;
    ui_push_clip(ui, r);
    ui_draw_rect(ui, r, t->tooltip_bg, ui_px(ui, 6));
    for (int k = 0; k < n; k++)
        widget_text_fit(ui, UI_FONT_SMALL, lines[k], strlen(lines[k]), r.x + pad, r.y + pad + k * line_h, w,
                        t->tooltip_text);
    ui_pop_clip(ui);
}

/* ---- the panel -------------------------------------------------------------------- */

static int header_height(struct ui *ui)
{
    return ui_px(ui, metrics_status.control_h) + 2 * ui_px(ui, CHART_GAP);
}

int chart_panel_height(struct ui *ui, int room)
{
    int text_h = ui_text_height(ui, UI_FONT_SMALL), gap = ui_px(ui, CHART_GAP);
    int fixed = header_height(ui) + text_h + ui_px(ui, 4) + CHART_SERIES_COUNT * gap + ui_px(ui, CHART_PAD);
    int want = fixed + CHART_SERIES_COUNT * ui_px(ui, CHART_PLOT_H);
    int least = fixed + CHART_SERIES_COUNT * ui_px(ui, CHART_PLOT_MIN);
    int keep = ui_px(ui, CHART_KEEP_LIST);
    int h = room - keep < want ? room - keep : want;
    if (h < least)
        h = least < room ? least : room; /* opened on purpose: it may take the list's whole room */
    return h > 0 ? h : 0;
}

/* The header: the title and the legend at the left; the spans and Close at the right. */
static void header_frame(struct chart *c, struct ui *ui, const struct theme *t, ui_rect r, struct chart_actions *a)
{
    struct layout_row row = layout_bar(ui, &metrics_status, r, 0);
    const char *close = tr(I18N_CHART_CLOSE);
    c->close_rect = layout_right(&row, widget_button_width(ui, close));
    for (int k = CHART_SPAN_COUNT - 1; k >= 0; k--) {
        char label[32];
        snprintf(label, sizeof label, "%d min", span_seconds[k] / 60);
        c->span_rects[k] = layout_right(&row, widget_button_width(ui, label) - ui_px(ui, 12));
    }
    ui_rect rest = layout_rest(&row);
    const char *title = tr(I18N_CHART_TITLE);
    int text_h = ui_text_height(ui, UI_FONT_LABEL), title_w = ui_text_width(ui, UI_FONT_LABEL, title, strlen(title));
    /* The legend whole, or none; the title gives way to it first. */
    int x = rest.x, legend_w = legend(ui, t, 0, 0, false), gap = ui_px(ui, 14);
    bool with_legend = legend_w <= rest.w;
    if (title_w + (with_legend ? gap + legend_w : 0) <= rest.w) {
        ui_draw_text(ui, UI_FONT_LABEL, title, strlen(title), x, r.y + (r.h - text_h) / 2, t->text);
        x += title_w + gap;
    }
    if (with_legend)
        legend(ui, t, x, r.y + (r.h - ui_text_height(ui, UI_FONT_SMALL)) / 2, true);
    for (int k = 0; k < CHART_SPAN_COUNT; k++) {
        char label[32];
        snprintf(label, sizeof label, "%d min", span_seconds[k] / 60);
        if (widget_button(ui, t, label, c->span_rects[k], (int)c->span == k ? BUTTON_PRIMARY : BUTTON_SECONDARY, true) &
            UI_RESULT_CLICK) {
            c->span = (enum chart_span)k;
            c->readout = -1;
            ui_request_frame(ui, 1);
        }
    }
    if (widget_button(ui, t, close, c->close_rect, BUTTON_SECONDARY, true) & UI_RESULT_CLICK) {
        c->open = false;
        a->closed = true;
        ui_request_frame(ui, 1);
    }
}

/* The bar under the pointer; a finger's stays after it lifts (a lifted
 * finger points at nothing), until it touches elsewhere. */
static void take_pointer(struct chart *c, struct ui *ui, ui_rect area, ui_rect plot)
{
    int x = ui->in.mouse_x;
    bool over = ui_mouse_over(ui, area) && x >= plot.x && x < plot.x + plot.w;
    int under = over ? (int)((int64_t)(x - plot.x) * CHART_POINTS / plot.w) : -1;
    if (!ui->in.touch)
        c->readout = under;
    else if (ui->in.mouse_down || ui->in.mouse_pressed || ui->in.mouse_released)
        c->readout = under;
}

void chart_frame(struct chart *c, struct ui *ui, const struct theme *t, ui_rect r, const struct stats *s,
                 struct chart_actions *a)
{
    memset(a, 0, sizeof *a);
    c->rect = r;
    c->tip_rect = (ui_rect){0, 0, 0, 0};
    if (!c->open || r.h <= 0)
        return;
    if (ui_take_key(ui, UI_KEY_ESCAPE, 0)) {
        c->open = false;
        a->closed = true;
        ui_request_frame(ui, 1);
        return;
    }
    ui_draw_rect(ui, r, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){r.x, r.y, r.w, ui_px(ui, 1)}, t->bar_border, 0);
    ui_push_clip(ui, r);
    int header_h = header_height(ui);
    header_frame(c, ui, t, (ui_rect){r.x, r.y, r.w, header_h}, a);
    if (!c->open) {
        ui_pop_clip(ui);
        return;
    }
    update_points(c, s); /* (after the span buttons: a new span shows at once) */
    int pad = ui_px(ui, CHART_PAD), gap = ui_px(ui, CHART_GAP), text_h = ui_text_height(ui, UI_FONT_SMALL);
    double max[CHART_SERIES_COUNT];
    int gutter_w = ui_px(ui, 40);
    for (int k = 0; k < CHART_SERIES_COUNT; k++) {
        max[k] = series_max(c, (enum chart_series)k);
        char label[48];
        format_value((enum chart_series)k, max[k], label, sizeof label);
        int w = ui_text_width(ui, UI_FONT_SMALL, label, strlen(label));
        gutter_w = w > gutter_w ? w : gutter_w;
    }
    static const enum i18n_id names[CHART_SERIES_COUNT] = {I18N_CHART_MESSAGES, I18N_CHART_BYTES,
                                                          I18N_CHART_ROUND_TRIPS};
    for (int k = 0; k < CHART_SERIES_COUNT; k++) { /* the names whole, when there is room */
        const char *name = tr(names[k]);
        int w = ui_text_width(ui, UI_FONT_SMALL, name, strlen(name));
        gutter_w = w > gutter_w && w < r.w / 6 ? w : gutter_w;
    }
    int gutter_max = r.w / 4;
    gutter_w = gutter_w < gutter_max ? gutter_w : gutter_max;
    int top = r.y + header_h, axis_h = text_h + ui_px(ui, 4);
    int plots_h = r.y + r.h - pad - axis_h - top - CHART_SERIES_COUNT * gap;
    int plot_h = plots_h / CHART_SERIES_COUNT;
    int plot_x = r.x + pad + gutter_w + ui_px(ui, 8), plot_w = r.x + r.w - pad - plot_x;
    if (plot_h < 4 || plot_w < CHART_POINTS) {
        ui_pop_clip(ui);
        return; /* no room to draw in */
    }
    for (int k = 0; k < CHART_SERIES_COUNT; k++) {
        ui_rect plot = {plot_x, top + gap + k * (plot_h + gap), plot_w, plot_h};
        c->plots[k] = plot;
        ui_rect gutter = {r.x + pad, plot.y, gutter_w, plot.h};
        ui_draw_rect(ui, plot, t->window_bg, 0);
        draw_axes(ui, t, plot, gutter, (enum chart_series)k, max[k]);
        draw_bars(c, ui, t, plot, (enum chart_series)k, max[k]);
    }
    ui_rect last = c->plots[CHART_SERIES_COUNT - 1];
    draw_time_axis(c, ui, t, last, last.y + last.h + ui_px(ui, 3));
    ui_rect area = {plot_x, c->plots[0].y, plot_w, last.y + last.h - c->plots[0].y};
    take_pointer(c, ui, area, c->plots[0]);
    if (c->readout >= 0) {
        int x0, x1;
        point_span(c->plots[0], c->readout, &x0, &x1);
        int x = (x0 + x1) / 2;
        ui_draw_rect(ui, (ui_rect){x, area.y, ui_px(ui, 1), area.h}, t->text, 0);
        draw_readout(c, ui, t, (ui_rect){r.x + pad, area.y, r.w - 2 * pad, area.h + axis_h}, c->readout, x);
    }
    ui_pop_clip(ui);
}

/* ---- the strip ---------------------------------------------------------------------- */

int chart_strip_height(struct ui *ui)
{
    return ui_text_height(ui, UI_FONT_SMALL) + ui_px(ui, CHART_STRIP_PLOT) + 3 * ui_px(ui, CHART_GAP);
}

/* The strip's cell for one series: its latest figures over its bars. */
static void strip_cell(const struct chart *c, struct ui *ui, const struct theme *t, ui_rect cell,
                       enum chart_series series)
{
    int text_h = ui_text_height(ui, UI_FONT_SMALL), gap = ui_px(ui, CHART_GAP);
    char line[200];
    const struct stats_bucket *b = &c->points[CHART_POINTS - 1];
    double v[3];
    point_values(c, CHART_POINTS - 1, series, v);
    if (series == CHART_RTT) {
        char mean[48];
        format_value(series, v[1], mean, sizeof mean);
        snprintf(line, sizeof line, "%s: %s", tr(I18N_CHART_ROUND_TRIPS), b->rtt_count ? mean : "\xE2\x80\x94");
    } else {
        char in[48], out[48];
        format_value(series, v[0], in, sizeof in);
        format_value(series, v[1], out, sizeof out);
        snprintf(line, sizeof line, tr(I18N_CHART_READOUT_IN_OUT), in, out);
    }
    widget_text_fit(ui, UI_FONT_SMALL, line, strlen(line), cell.x, cell.y, cell.w, t->text_muted);
    ui_rect plot = {cell.x, cell.y + text_h + gap / 2, cell.w, cell.h - text_h - gap / 2};
    ui_draw_rect(ui, plot, t->window_bg, 0);
    ui_draw_rect(ui, (ui_rect){plot.x, plot.y + plot.h - ui_px(ui, 1), plot.w, ui_px(ui, 1)}, t->bar_border, 0);
    if (plot.w >= CHART_POINTS)
        draw_bars(c, ui, t, plot, series, series_max(c, series));
}

bool chart_strip(struct chart *c, struct ui *ui, const struct theme *t, ui_rect r, const struct stats *s)
{
    c->strip_rect = r;
    if (r.h <= 0)
        return false;
    update_points(c, s);
    ui_draw_rect(ui, r, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){r.x, r.y, r.w, ui_px(ui, 1)}, t->bar_border, 0);
    int pad = ui_px(ui, CHART_PAD), gap = ui_px(ui, CHART_GAP) * 2;
    int cell_w = (r.w - 2 * pad - 2 * gap) / CHART_SERIES_COUNT;
    ui_push_clip(ui, r);
    for (int k = 0; k < CHART_SERIES_COUNT; k++) {
        ui_rect cell = {r.x + pad + k * (cell_w + gap), r.y + ui_px(ui, CHART_GAP), cell_w,
                        r.h - 2 * ui_px(ui, CHART_GAP)};
        strip_cell(c, ui, t, cell, (enum chart_series)k);
    }
    ui_pop_clip(ui);
    int result = ui_interact(ui, ui_id_str(ui, "chart-strip"), r, false);
    if (result & UI_RESULT_HOVER)
        ui->cursor = UI_CURSOR_HAND;
    return (result & UI_RESULT_CLICK) != 0;
}
