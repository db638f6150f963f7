/* SPDX-License-Identifier: MIT */
/* chart: the live charts, drawn from the per-second ring (stats.h) with the
 * ui's own rectangles and text.
 *
 *   - the panel (Ctrl+G, the status bar's Chart button; Escape or Ctrl+G
 *     closes it): messages per second in and out, bytes per second in and
 *     out, and round trips (pings answered, echoes: each bar from the
 *     fastest to the slowest, a mark at the mean), over the last 1, 5 or
 *     15 minutes (60 bars of 1, 5 or 15 seconds), with the scales at the
 *     left, the times under, and a read-out of the bar under the pointer or
 *     the finger;
 *   - the strip (--chart): the same three series, compact, side by side,
 *     with the last second's figures; a click opens the panel, which
 *     takes its place while open.
 *
 * Both show complete seconds only, the last one ending at the current
 * second's start, so the picture changes once a second: the app asks for a
 * frame at each second's boundary while either is shown (chart_next_ms),
 * and for none while they are hidden. The series is summed again only when
 * that second or the span changes. */
#ifndef PONTE_CHART_H
#define PONTE_CHART_H

#include <stdbool.h>
#include <stdint.h>

#include "stats.h"
#include "ui.h"
#include "widgets.h"

#define CHART_POINTS 60

enum chart_span { CHART_SPAN_1_MIN, CHART_SPAN_5_MIN, CHART_SPAN_15_MIN, CHART_SPAN_COUNT };

enum chart_series { CHART_MESSAGES, CHART_BYTES, CHART_RTT, CHART_SERIES_COUNT };

struct chart {
    bool open;            /* the panel */
    enum chart_span span;
    int64_t clock_us;     /* the time shown (0: the wall clock; tests fix it) */
    /* The series shown: summed for points_last and points_span. */
    struct stats_bucket points[CHART_POINTS];
    int64_t points_last;  /* its last second (STATS_NO_SECOND: not summed yet) */
    enum chart_span points_span;
    int readout;          /* the bar under the pointer or the finger (-1: none) */
    /* Where things were drawn in the last frame, for tests and the view. */
    ui_rect rect, close_rect, span_rects[CHART_SPAN_COUNT], plots[CHART_SERIES_COUNT], tip_rect, strip_rect;
};

struct chart_actions {
    bool closed; /* the panel closed: the focus goes back to the message box */
};

void chart_init(struct chart *c);

/* Opens or closes the panel. */
void chart_toggle(struct chart *c, struct ui *ui);

/* The panel's height when room pixels are free under the conversation. */
int chart_panel_height(struct ui *ui, int room);
/* The strip's height. */
int chart_strip_height(struct ui *ui);

/* The panel at r from the ring s (may be NULL: all zero). */
void chart_frame(struct chart *c, struct ui *ui, const struct theme *t, ui_rect r, const struct stats *s,
                 struct chart_actions *a);
/* The strip at r; true when it was clicked (the view opens the panel). */
bool chart_strip(struct chart *c, struct ui *ui, const struct theme *t, ui_rect r, const struct stats *s);

/* Milliseconds from the wall-clock time now_us to the next second's start
 * (at least 1): when the charts change next. */
int chart_next_ms(int64_t now_us);

#endif
