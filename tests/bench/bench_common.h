/* SPDX-License-Identifier: MIT */
/* bench_common: what the C clients of tests/bench/bench_ws.py share with each
 * other and with tests/bench/client.js, so that the three measure the same
 * thing: the arguments, the payload bytes, the clock, the percentiles and
 * the one JSON line each prints.
 *
 *   CLIENT MODE URL COUNT SIZE WINDOW WARMUP
 *
 * MODE  rtt   COUNT text messages of SIZE bytes, one in flight at a time;
 *             p50/p99 of the round trip (send call to echo in hand)
 *       pipe  COUNT text messages of SIZE bytes with up to WINDOW in flight
 *             (one more is sent as each echo comes back); messages/s
 *       big   COUNT binary messages of SIZE bytes, one in flight; MB/s
 *             (10^6 bytes of message echoed per second)
 * WARMUP messages go first, the same way, and are not counted.
 *
 * A file that includes this defines _POSIX_C_SOURCE 200809L before any
 * header (clock_gettime). */
#ifndef PONTE_BENCH_COMMON_H
#define PONTE_BENCH_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/resource.h>

enum bench_mode { BENCH_RTT, BENCH_PIPE, BENCH_BIG };

struct bench_args {
    enum bench_mode mode;
    const char *mode_name;
    const char *url;
    long count, window, warmup;
    size_t size;
    bool binary; /* big: binary messages; rtt and pipe: text */
};

static inline bool bench_parse(int argc, char **argv, struct bench_args *a)
{
    if (argc != 7)
        return false;
    a->mode_name = argv[1];
    if (strcmp(argv[1], "rtt") == 0)
        a->mode = BENCH_RTT;
    else if (strcmp(argv[1], "pipe") == 0)
        a->mode = BENCH_PIPE;
    else if (strcmp(argv[1], "big") == 0)
        a->mode = BENCH_BIG;
    else
        return false;
    a->url = argv[2];
    a->count = atol(argv[3]);
    a->size = (size_t)atol(argv[4]);
    a->window = atol(argv[5]);
    a->warmup = atol(argv[6]);
    a->binary = a->mode == BENCH_BIG;
    if (a->mode != BENCH_PIPE)
        a->window = 1;
    return a->count > 0 && a->size > 0 && a->window > 0 && a->warmup >= 0;
}

/* The same bytes as client.js: lower-case letters for text, a pattern for
 * binary. */
static inline char *bench_payload(size_t size, bool binary)
{
    unsigned char *p = malloc(size);
    if (!p)
        return NULL;
    for (size_t i = 0; i < size; i++)
        p[i] = binary ? (unsigned char)((i * 131 + 7) & 0xff) : (unsigned char)('a' + i % 26);
    return (char *)p;
}

static inline uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* CPU time the whole process (every thread) has used, in microseconds. */
static inline double bench_cpu_us(void)
{
    struct rusage u;
    if (getrusage(RUSAGE_SELF, &u) != 0)
        return 0;
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 + (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

/* Set by bench_cpu_mark just before the timed run: bench_report gives the
 * CPU time spent since, per message. */
static double bench_cpu_start = -1;

static inline void bench_cpu_mark(void)
{
    bench_cpu_start = bench_cpu_us();
}

static int bench_compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Prints the result line: rtt takes the COUNT round trips in microseconds
 * (and sorts them), pipe and big the nanoseconds from the first send of the
 * timed run to its last echo; extra (or NULL) is more JSON members, each
 * with its leading comma. With bench_cpu_mark called before the timed run,
 * also the process's CPU time per message ("cpu_us_per_msg"). */
static inline void bench_report(const char *client, const struct bench_args *a, double *us,
                                uint64_t elapsed_ns, const char *extra)
{
    printf("{\"client\":\"%s\",\"mode\":\"%s\",\"count\":%ld,\"size\":%zu", client, a->mode_name,
           a->count, a->size);
    if (a->mode == BENCH_RTT && us) {
        size_t n = (size_t)a->count;
        qsort(us, n, sizeof *us, bench_compare);
        /* As bench_rtt and client.js: p50 = v[n/2], p99 = v[(n-1)*0.99]. */
        printf(",\"p50_us\":%.3f,\"p99_us\":%.3f,\"min_us\":%.3f,\"max_us\":%.3f", us[n / 2],
               us[(size_t)((double)(n - 1) * 0.99)], us[0], us[n - 1]);
    } else {
        double seconds = (double)elapsed_ns / 1e9;
        if (a->mode == BENCH_PIPE)
            printf(",\"window\":%ld,\"seconds\":%.6f,\"msgs_per_s\":%.1f", a->window, seconds,
                   (double)a->count / seconds);
        else
            printf(",\"seconds\":%.6f,\"mb_per_s\":%.2f", seconds,
                   (double)a->count * (double)a->size / 1e6 / seconds);
    }
    if (bench_cpu_start >= 0) /* the client's CPU (all its threads) per message of the timed run */
        printf(",\"cpu_us_per_msg\":%.3f", (bench_cpu_us() - bench_cpu_start) / (double)a->count);
    printf("%s}\n", extra ? extra : "");
    fflush(stdout);
}

#endif
