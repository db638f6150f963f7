/* SPDX-License-Identifier: MIT */
/* chart_series: a known quarter of an hour of traffic for the chart's
 * screen tests and golden images (test_chart.c, golden.c): every second of
 * the 15 minutes before CHART_SERIES_NOW_US has messages both ways with
 * their bytes, a round trip every third second, and a quiet minute (the
 * seconds 300..359 of the 900) with nothing at all. */
#ifndef PONTE_CHART_SERIES_H
#define PONTE_CHART_SERIES_H

#include "stats.h"

/* 2026-11-25T04:05:06.400Z: the last second shown ends at 04:05:06. */
#define CHART_SERIES_NOW_US (1764043506LL * 1000000 + 400000)

static inline void chart_series_fill(struct stats *s)
{
    stats_init(s);
    int64_t last = CHART_SERIES_NOW_US / 1000000 - 1;
    for (int64_t k = 0; k < 900; k++) {
        if (k >= 300 && k < 360)
            continue;
        int64_t at = (last - 899 + k) * 1000000;
        int in = 2 + (int)(k * 7 % 11), out = 1 + (int)(k % 5);
        for (int i = 0; i < in; i++) {
            struct stats_sample x = {.time_us = at + i, .in = true, .bytes = 120 + (uint64_t)(k * 37 % 500)};
            stats_add(s, &x);
        }
        for (int i = 0; i < out; i++) {
            struct stats_sample x = {.time_us = at + 1000 + i, .out = true, .bytes = 80};
            stats_add(s, &x);
        }
        if (k % 3 == 0) {
            uint32_t rtt = 800 + (uint32_t)(k * 53 % 2400);
            struct stats_sample a = {.time_us = at + 5000, .rtt_us = rtt};
            struct stats_sample b = {.time_us = at + 6000, .rtt_us = rtt + rtt / 2};
            stats_add(s, &a);
            stats_add(s, &b);
        }
    }
}

#endif
