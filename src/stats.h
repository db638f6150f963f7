/* SPDX-License-Identifier: MIT */
/* stats: the traffic of the last quarter of an hour, second by second, in
 * fixed memory, for the chart panel, the --chart strip and --stats-csv.
 * Pure (no SDL, no lws).
 *
 * A ring of per-second buckets, each tagged with the second it holds: a
 * bucket whose tag is another second reads as zero, so seconds without
 * traffic are never written and an event costs O(1) whatever the gap
 * before it. Filled one network event at a time, keyed by the event's
 * time (the worker's wall clock); an event older than the newest one
 * counted (the clock stepped back) counts in the newest second, so the
 * series only moves forward.
 *
 * --stats-csv appends one row per second to a file, written once the
 * second is over: when an event of a later second comes, and at the end
 * (stats_csv_close), with the idle seconds between as rows of zeros. */
#ifndef PONTE_STATS_H
#define PONTE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "msg.h"

#define STATS_SECONDS 1024 /* the ring: a power of two over 15 minutes */
#define STATS_SPAN_MAX 900 /* the longest view, 15 minutes */
/* Idle seconds written as zero rows at once at most (a clock that jumps a
 * year ahead must not write for minutes): older ones are left out, the
 * time column shows the gap. */
#define STATS_CSV_GAP_MAX 86400

#define STATS_NO_SECOND INT64_MIN

/* One second's traffic (and, summed, a group of seconds'). */
struct stats_bucket {
    int64_t second; /* Unix seconds this bucket holds (another: it is empty) */
    uint32_t messages_in, messages_out;
    uint64_t bytes_in, bytes_out; /* payload bytes as they went on the wire */
    uint32_t rtt_count;           /* round trips: pings answered, echoes */
    uint32_t rtt_min_us, rtt_max_us;
    uint64_t rtt_sum_us;
};

/* What one network event adds. */
struct stats_sample {
    int64_t time_us; /* the event's wall-clock time */
    bool in, out;    /* a message received, a message sent */
    uint64_t bytes;
    uint32_t rtt_us; /* a round trip (0: none) */
};

struct stats {
    struct stats_bucket ring[STATS_SECONDS];
    int64_t newest; /* the latest second counted (STATS_NO_SECOND: none yet) */
    uint64_t version; /* changes with every sample */
    /* --stats-csv */
    FILE *csv;
    int64_t csv_next; /* the first second whose row is not written yet */
    bool csv_failed;  /* a write failed (said at the close) */
};

void stats_init(struct stats *s);

/* The sample of a network event: a received or sent message, a pong's
 * round trip (keepalive pings, the person's pings). echo_rtt_us is the
 * round trip of a received message that echoes a sent one (chat.c finds
 * it; 0: none). Other events make an empty sample. */
struct stats_sample stats_sample(const struct net_event *ev, uint32_t echo_rtt_us);

/* Counts a sample in its second (and writes the CSV rows of the seconds
 * it completes). O(1) but for those rows. s may be NULL: nothing. */
void stats_add(struct stats *s, const struct stats_sample *sample);

/* stats_add of the event's sample (no echo known: the terminal mode's). */
void stats_add_event(struct stats *s, const struct net_event *ev);

/* The bucket of second (zero, with .second set, when nothing happened
 * in it or it is older than the ring). */
struct stats_bucket stats_second(const struct stats *s, int64_t second);

/* Sums count groups of span / count seconds each, the last group ending
 * with second last (inclusive): messages and bytes summed, round trips
 * merged (count, sum, min, max). out[i].second is the group's first
 * second. span at most STATS_SPAN_MAX, a multiple of count. */
void stats_groups(const struct stats *s, int64_t last, int span, int count, struct stats_bucket *out);

/* Opens FILE for appending the rows (the header first when the file is new
 * or empty); rows start with the second of now_us. False, with why in err,
 * when it cannot be opened. */
bool stats_csv_open(struct stats *s, const char *path, int64_t now_us, char *err, size_t err_size);
/* Writes the rows up to the second of now_us (the one not over yet
 * included) and closes the file. False, with why in err, when a write
 * failed at any time. */
bool stats_csv_close(struct stats *s, int64_t now_us, char *err, size_t err_size);

/* The CSV's header line and one second's row, each with its "\n"; return
 * their length (cut to out_size like snprintf). */
#define STATS_CSV_HEADER "time,messages_in,messages_out,bytes_in,bytes_out,rtt_count,rtt_min_ms,rtt_avg_ms,rtt_max_ms\n"
size_t stats_csv_row(const struct stats_bucket *b, char *out, size_t out_size);

#endif
