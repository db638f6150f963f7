/* SPDX-License-Identifier: MIT */
/* stats: see stats.h. */
#include "stats.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "platform.h"

/* Seconds rounded towards minus infinity (a time before 1970 too). */
static int64_t second_of(int64_t time_us)
{
    return time_us >= 0 ? time_us / 1000000 : -((-time_us + 999999) / 1000000);
}

static size_t slot(int64_t second)
{
    return (size_t)((uint64_t)second & (STATS_SECONDS - 1));
}

void stats_init(struct stats *s)
{
    memset(s, 0, sizeof *s);
    s->newest = STATS_NO_SECOND;
    s->csv_next = STATS_NO_SECOND;
    for (size_t i = 0; i < STATS_SECONDS; i++)
        s->ring[i].second = STATS_NO_SECOND;
}

struct stats_sample stats_sample(const struct net_event *ev, uint32_t echo_rtt_us)
{
    struct stats_sample x = {.time_us = ev->time_us};
    switch (ev->kind) {
    case NET_EVENT_RECEIVED:
        x.in = true;
        x.bytes = ev->wire_len ? ev->wire_len : ev->len;
        x.rtt_us = echo_rtt_us;
        break;
    case NET_EVENT_SENT:
        x.out = true;
        x.bytes = ev->wire_len;
        break;
    case NET_EVENT_PONG:
    case NET_EVENT_PING_ANSWERED:
        x.rtt_us = ev->code > 0 ? (uint32_t)ev->code : 1; /* (a round trip under a microsecond) */
        break;
    default:
        break;
    }
    return x;
}

struct stats_bucket stats_second(const struct stats *s, int64_t second)
{
    const struct stats_bucket *b = &s->ring[slot(second)];
    if (b->second == second)
        return *b;
    return (struct stats_bucket){.second = second};
}

/* Rows up to (not including) second `until`. */
static void csv_write_until(struct stats *s, int64_t until)
{
    if (!s->csv || s->csv_next == STATS_NO_SECOND || until <= s->csv_next)
        return;
    if (until - s->csv_next > STATS_CSV_GAP_MAX)
        s->csv_next = until - STATS_CSV_GAP_MAX;
    char row[256];
    for (; s->csv_next < until; s->csv_next++) {
        struct stats_bucket b = stats_second(s, s->csv_next);
        size_t n = stats_csv_row(&b, row, sizeof row);
        if (fwrite(row, 1, n, s->csv) != n)
            s->csv_failed = true;
    }
    if (fflush(s->csv) != 0)
        s->csv_failed = true;
}

/* Adds b into sum (sum->second stays). */
static void merge(struct stats_bucket *sum, const struct stats_bucket *b)
{
    sum->messages_in += b->messages_in;
    sum->messages_out += b->messages_out;
    sum->bytes_in += b->bytes_in;
    sum->bytes_out += b->bytes_out;
    if (b->rtt_count) {
        if (!sum->rtt_count || b->rtt_min_us < sum->rtt_min_us)
            sum->rtt_min_us = b->rtt_min_us;
        if (b->rtt_max_us > sum->rtt_max_us)
            sum->rtt_max_us = b->rtt_max_us;
        sum->rtt_count += b->rtt_count;
        sum->rtt_sum_us += b->rtt_sum_us;
    }
}

void stats_add(struct stats *s, const struct stats_sample *x)
{
    if (!s || (!x->in && !x->out && !x->rtt_us))
        return;
    int64_t second = second_of(x->time_us);
    if (s->newest != STATS_NO_SECOND && second < s->newest)
        second = s->newest; /* the clock went back: the series does not */
    if (s->csv && s->csv_next != STATS_NO_SECOND && second > s->csv_next)
        csv_write_until(s, second);
    s->newest = second;
    struct stats_bucket *b = &s->ring[slot(second)];
    if (b->second != second)
        *b = (struct stats_bucket){.second = second}; /* what it held is over 17 minutes old */
    struct stats_bucket one = {.messages_in = x->in, .messages_out = x->out, .bytes_in = x->in ? x->bytes : 0,
                               .bytes_out = x->out ? x->bytes : 0, .rtt_count = x->rtt_us != 0,
                               .rtt_min_us = x->rtt_us, .rtt_max_us = x->rtt_us, .rtt_sum_us = x->rtt_us};
    merge(b, &one);
    s->version++;
}

void stats_add_event(struct stats *s, const struct net_event *ev)
{
    struct stats_sample x = stats_sample(ev, 0);
    stats_add(s, &x);
}

void stats_groups(const struct stats *s, int64_t last, int span, int count, struct stats_bucket *out)
{
    if (span > STATS_SPAN_MAX)
        span = STATS_SPAN_MAX;
    int per = count > 0 ? span / count : 1;
    if (per < 1)
        per = 1;
    int64_t first = last - (int64_t)per * count + 1;
    for (int g = 0; g < count; g++) {
        out[g] = (struct stats_bucket){.second = first + (int64_t)g * per};
        for (int k = 0; k < per; k++) {
            struct stats_bucket b = stats_second(s, out[g].second + k);
            merge(&out[g], &b);
        }
    }
}

/* ---- --stats-csv ------------------------------------------------------------------ */

size_t stats_csv_row(const struct stats_bucket *b, char *out, size_t out_size)
{
    char when[32] = "";
    struct tm tm;
    if ((int64_t)(time_t)b->second == b->second && platform_utc_time((time_t)b->second, &tm) && tm.tm_year >= -1900 &&
        tm.tm_year <= 9999 - 1900)
        snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                 tm.tm_hour, tm.tm_min, tm.tm_sec);
    char rtt[96] = ",,";
    if (b->rtt_count)
        snprintf(rtt, sizeof rtt, "%.3f,%.3f,%.3f", b->rtt_min_us / 1000.0,
                 (double)b->rtt_sum_us / b->rtt_count / 1000.0, b->rtt_max_us / 1000.0);
    int n = snprintf(out, out_size, "%s,%u,%u,%llu,%llu,%u,%s\n", when, (unsigned)b->messages_in,
                     (unsigned)b->messages_out, (unsigned long long)b->bytes_in, (unsigned long long)b->bytes_out,
                     (unsigned)b->rtt_count, rtt);
    if (n < 0)
        return 0;
    return (size_t)n < out_size ? (size_t)n : out_size ? out_size - 1 : 0;
}

bool stats_csv_open(struct stats *s, const char *path, int64_t now_us, char *err, size_t err_size)
{
    /* "b": no "\r\n" on Windows. */
    FILE *f = fopen(path, "ab");
    if (!f) {
        snprintf(err, err_size, "--stats-csv %s: %s", path, strerror(errno));
        return false;
    }
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size == 0 && (fputs(STATS_CSV_HEADER, f) < 0 || fflush(f) != 0)) {
        snprintf(err, err_size, "--stats-csv %s: %s", path, strerror(errno));
        fclose(f);
        return false;
    }
    s->csv = f;
    s->csv_next = second_of(now_us);
    s->csv_failed = false;
    return true;
}

bool stats_csv_close(struct stats *s, int64_t now_us, char *err, size_t err_size)
{
    if (!s->csv)
        return true;
    int64_t until = second_of(now_us);
    if (s->newest != STATS_NO_SECOND && s->newest > until)
        until = s->newest;
    csv_write_until(s, until + 1);
    if (fclose(s->csv) != 0)
        s->csv_failed = true;
    s->csv = NULL;
    if (s->csv_failed)
        snprintf(err, err_size, "--stats-csv: writing the file failed (the disk may be full)");
    return !s->csv_failed;
}
