/* SPDX-License-Identifier: MIT */
/* test_stats: the per-second ring behind the charts and --stats-csv.
 * Samples from network events; buckets by second; seconds with nothing
 * read as zero; the ring after more than 15 minutes (wrap-around, old
 * seconds gone); a clock that steps back; the 1, 5 and 15 minute groups;
 * the CSV's rows, its header only for a new file, idle seconds as zero
 * rows, and a file that cannot be opened. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "check.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define S 1000000LL
#define T0 1796000000LL /* 2026-11-29T...: a second of the tests' */

static struct stats st;

static void add(struct stats *s, int64_t time_us, bool in, bool out, uint64_t bytes, uint32_t rtt)
{
    struct stats_sample x = {.time_us = time_us, .in = in, .out = out, .bytes = bytes, .rtt_us = rtt};
    stats_add(s, &x);
}

static void test_samples(void)
{
    struct net_event ev = {.kind = NET_EVENT_RECEIVED, .time_us = 5, .len = 10, .wire_len = 10};
    struct stats_sample x = stats_sample(&ev, 250);
    CHECK(x.in && !x.out && x.bytes == 10 && x.rtt_us == 250 && x.time_us == 5);
    ev = (struct net_event){.kind = NET_EVENT_SENT, .wire_len = 7};
    x = stats_sample(&ev, 0);
    CHECK(x.out && !x.in && x.bytes == 7 && !x.rtt_us);
    ev = (struct net_event){.kind = NET_EVENT_PONG, .code = 1234};
    x = stats_sample(&ev, 0);
    CHECK(!x.in && !x.out && x.rtt_us == 1234);
    ev = (struct net_event){.kind = NET_EVENT_PING_ANSWERED, .code = 0};
    CHECK(stats_sample(&ev, 0).rtt_us == 1);
    ev = (struct net_event){.kind = NET_EVENT_CLOSED, .code = 1000};
    x = stats_sample(&ev, 0);
    CHECK(!x.in && !x.out && !x.rtt_us);
    /* An empty sample changes nothing. */
    stats_init(&st);
    stats_add(&st, &x);
    CHECK(st.newest == STATS_NO_SECOND && st.version == 0);
    stats_add(NULL, &x); /* (no ring: nothing, no crash) */
    /* The terminal mode's one call per event. */
    ev = (struct net_event){.kind = NET_EVENT_SENT, .time_us = T0 * S, .wire_len = 3};
    stats_add_event(&st, &ev);
    stats_add_event(NULL, &ev);
    CHECK(stats_second(&st, T0).messages_out == 1 && stats_second(&st, T0).bytes_out == 3 && st.version == 1);
}

static void test_buckets(void)
{
    stats_init(&st);
    add(&st, T0 * S + 1, true, false, 100, 0);
    add(&st, T0 * S + 999999, true, false, 50, 2000);
    add(&st, T0 * S + 500000, false, true, 30, 1000);
    add(&st, (T0 + 2) * S, false, true, 9, 3000);
    struct stats_bucket b = stats_second(&st, T0);
    CHECK(b.second == T0 && b.messages_in == 2 && b.messages_out == 1 && b.bytes_in == 150 && b.bytes_out == 30);
    CHECK(b.rtt_count == 2 && b.rtt_min_us == 1000 && b.rtt_max_us == 2000 && b.rtt_sum_us == 3000);
    b = stats_second(&st, T0 + 1); /* a gap: zero, never written */
    CHECK(b.second == T0 + 1 && !b.messages_in && !b.messages_out && !b.bytes_in && !b.rtt_count);
    b = stats_second(&st, T0 + 2);
    CHECK(b.messages_out == 1 && b.bytes_out == 9 && b.rtt_count == 1 && b.rtt_min_us == 3000);
    CHECK(st.newest == T0 + 2);
    /* The clock steps back: counted in the newest second. */
    add(&st, (T0 - 100) * S, true, false, 1, 0);
    CHECK(stats_second(&st, T0 + 2).messages_in == 1 && stats_second(&st, T0 - 100).messages_in == 0);
    CHECK(st.newest == T0 + 2);
}

static void test_wrap(void)
{
    stats_init(&st);
    /* One message a second for 20 minutes: the ring holds the last 1024. */
    for (int64_t k = 0; k < 1200; k++)
        add(&st, (T0 + k) * S, true, false, (uint64_t)k, 0);
    CHECK(stats_second(&st, T0 + 1199).bytes_in == 1199);
    CHECK(stats_second(&st, T0 + 1199 - 1023).bytes_in == 1199 - 1023 && stats_second(&st, T0 + 176).messages_in == 1);
    CHECK(stats_second(&st, T0 + 175).messages_in == 0); /* overwritten by a later second: gone, not mixed in */
    CHECK(stats_second(&st, T0 + 10).messages_in == 0);
    /* A gap of more than the ring: the old buckets read as zero, the new
     * second starts from nothing. */
    add(&st, (T0 + 1199 + 5000) * S, false, true, 3, 0);
    struct stats_bucket b = stats_second(&st, T0 + 1199 + 5000);
    CHECK(b.messages_out == 1 && b.messages_in == 0 && b.bytes_out == 3);
    CHECK(stats_second(&st, T0 + 1199 + 5000 - 1024).messages_in == 0); /* same slot, other second */
    int nonzero = 0;
    for (int64_t k = 0; k < 900; k++)
        nonzero += stats_second(&st, T0 + 1199 + 5000 - k).messages_in != 0;
    CHECK(nonzero == 0);
}

static void test_groups(void)
{
    stats_init(&st);
    int64_t last = T0 + 899;
    /* Second i of the 15 minutes: i messages in of 10 bytes, one out; a
     * round trip of 1000 + i us every 7th second. */
    for (int64_t i = 0; i < 900; i++) {
        for (int64_t k = 0; k < i % 4; k++)
            add(&st, (T0 + i) * S + k, true, false, 10, 0);
        add(&st, (T0 + i) * S + 500, false, true, 2, i % 7 == 0 ? (uint32_t)(1000 + i) : 0);
    }
    struct stats_bucket g[60];
    /* 1 minute: 60 groups of one second, the last 60 seconds. */
    stats_groups(&st, last, 60, 60, g);
    CHECK(g[0].second == T0 + 840 && g[59].second == last);
    for (int i = 0; i < 60; i++)
        CHECK(g[i].messages_in == (uint32_t)((840 + i) % 4) && g[i].messages_out == 1 && g[i].bytes_out == 2);
    /* 5 minutes: 60 groups of 5 seconds. */
    stats_groups(&st, last, 300, 60, g);
    CHECK(g[0].second == T0 + 600 && g[59].second == T0 + 895);
    uint64_t in = 0;
    for (int64_t i = 895; i < 900; i++)
        in += (uint64_t)(i % 4);
    CHECK(g[59].messages_in == in && g[59].messages_out == 5 && g[59].bytes_in == 10 * in);
    /* 15 minutes: 60 groups of 15 seconds; round trips merged. */
    stats_groups(&st, last, 900, 60, g);
    CHECK(g[0].second == T0 && g[59].second == T0 + 885);
    uint32_t count = 0, min = 0, max = 0;
    uint64_t sum = 0;
    for (int64_t i = 0; i < 15; i++)
        if (i % 7 == 0) {
            count++;
            sum += (uint64_t)(1000 + i);
            min = min && min < 1000 + i ? min : (uint32_t)(1000 + i);
            max = (uint32_t)(1000 + i) > max ? (uint32_t)(1000 + i) : max;
        }
    CHECK(g[0].rtt_count == count && g[0].rtt_sum_us == sum && g[0].rtt_min_us == min && g[0].rtt_max_us == max);
    CHECK(count == 3 && min == 1000 && max == 1014);
    uint64_t total = 0;
    for (int i = 0; i < 60; i++)
        total += g[i].messages_out;
    CHECK(total == 900);
    /* The future (seconds after the newest): zero. */
    stats_groups(&st, last + 60, 60, 60, g);
    CHECK(g[0].messages_out == 0 && g[59].messages_out == 0 && g[59].second == last + 60);
}

static void test_rows(void)
{
    char row[256];
    struct stats_bucket b = {.second = 0};
    size_t n = stats_csv_row(&b, row, sizeof row);
    CHECK(!strcmp(row, "1970-01-01T00:00:00Z,0,0,0,0,0,,,\n") && n == strlen(row));
    b = (struct stats_bucket){.second = 1764547200, .messages_in = 3, .messages_out = 2, .bytes_in = 1234567890123ULL,
                              .bytes_out = 5, .rtt_count = 2, .rtt_min_us = 250, .rtt_max_us = 1750, .rtt_sum_us = 2000};
    stats_csv_row(&b, row, sizeof row);
    CHECK_MSG(!strcmp(row, "2025-12-01T00:00:00Z,3,2,1234567890123,5,2,0.250,1.000,1.750\n"), "%s", row);
    /* Cut like snprintf. */
    CHECK(stats_csv_row(&b, row, 5) == 4 && !strcmp(row, "2025"));
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int lines(const char *text)
{
    int n = 0;
    for (; *text; text++)
        n += *text == '\n';
    return n;
}

static void test_csv(void)
{
    char dir[] = "/tmp/ponte-stats-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/stats.csv", dir);
    stats_init(&st);
    CHECK(stats_csv_open(&st, path, T0 * S + 300000, err, sizeof err));
    char *text = slurp(path);
    CHECK(text && !strcmp(text, STATS_CSV_HEADER)); /* the header at once */
    add(&st, T0 * S + 400000, true, false, 4, 0);
    add(&st, T0 * S + 500000, false, true, 4, 1500);
    CHECK(lines(slurp(path)) == 1); /* the second is not over */
    add(&st, (T0 + 3) * S, true, false, 6, 0); /* over: its row, and two idle seconds */
    text = slurp(path);
    CHECK_MSG(lines(text) == 4, "%s", text);
    CHECK(strstr(text, "T") && strstr(text, ",1,1,4,4,1,1.500,1.500,1.500\n"));
    CHECK(strstr(text, ",0,0,0,0,0,,,\n"));
    CHECK(stats_csv_close(&st, (T0 + 5) * S + 10, err, sizeof err)); /* seconds 3, 4 and 5 */
    text = slurp(path);
    CHECK_MSG(lines(text) == 7, "%s", text);
    CHECK(strstr(text, ",1,0,6,0,0,,,\n"));
    /* Appending again: no second header. */
    stats_init(&st);
    CHECK(stats_csv_open(&st, path, (T0 + 6) * S, err, sizeof err));
    CHECK(stats_csv_close(&st, (T0 + 6) * S, err, sizeof err));
    text = slurp(path);
    CHECK(lines(text) == 8 && strstr(text, "time,") == text && !strstr(text + 1, "time,"));
    /* An idle gap longer than STATS_CSV_GAP_MAX: at most that many rows. */
    stats_init(&st);
    snprintf(path, sizeof path, "%s/gap.csv", dir);
    CHECK(stats_csv_open(&st, path, T0 * S, err, sizeof err));
    add(&st, (T0 + STATS_CSV_GAP_MAX + 1000) * S, true, false, 1, 0);
    CHECK(st.csv_next == T0 + STATS_CSV_GAP_MAX + 1000);
    CHECK(stats_csv_close(&st, 0, err, sizeof err)); /* (a clock gone back: up to the newest) */
    FILE *f = fopen(path, "rb");
    int n = 0, c;
    while (f && (c = fgetc(f)) != EOF)
        n += c == '\n';
    if (f)
        fclose(f);
    CHECK_MSG(n == 1 + STATS_CSV_GAP_MAX + 1, "%d", n);
    remove(path);
    snprintf(path, sizeof path, "%s/stats.csv", dir);
    remove(path);
    /* Cannot be opened: why, with the file's name. */
    snprintf(path, sizeof path, "%s/no/such/dir.csv", dir);
    stats_init(&st);
    CHECK(!stats_csv_open(&st, path, 0, err, sizeof err));
    CHECK(strstr(err, path) && strstr(err, "--stats-csv"));
    CHECK(stats_csv_close(&st, 0, err, sizeof err)); /* (nothing open: nothing to do) */
    rmdir(dir);
}

int main(void)
{
    test_samples();
    test_buckets();
    test_wrap();
    test_groups();
    test_rows();
    test_csv();
    return check_summary("stats");
}
