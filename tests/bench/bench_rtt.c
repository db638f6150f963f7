/* SPDX-License-Identifier: MIT */
/* bench_rtt: the round trip of a message through the whole app path, as the
 * window does it: the UI thread queues it (net_send → command ring →
 * lws_cancel_service), the worker writes it to the built-in echo server,
 * reads the echo, pushes it on the event ring and wakes the UI as app.c
 * does: on X11 and Wayland through the waiter (src/waiter.c: a pipe the UI
 * polls with the display), elsewhere (or with PONTE_NO_WAITER set) with one
 * SDL_PushEvent to a UI asleep in SDL_WaitEvent; the UI takes it with
 * net_poll. Needs a display (run it under xvfb-run); prints median, p99 and
 * max over N messages of SIZE bytes.
 *
 *   bench_rtt [COUNT [SIZE]]    default 1000 messages of 100 bytes */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "net.h"
#include "waiter.h"

static Uint32 wake_type;
static struct waiter *waiter;

static bool wake(void *user)
{
    (void)user;
    if (waiter)
        return waiter_wake(waiter);
    SDL_Event e;
    SDL_zero(e);
    e.type = wake_type;
    return SDL_PushEvent(&e) == 1;
}

/* Sleeps in SDL_WaitEvent until the worker wakes us, then drains; returns
 * the first event of the wanted kind (others are dropped). */
static bool wait_for(struct net *net, enum net_event_kind kind, struct net_event *out)
{
    Uint64 deadline = SDL_GetTicks64() + 10000;
    for (;;) {
        struct net_event ev;
        while (net_poll(net, &ev)) {
            if (ev.kind == kind) {
                *out = ev;
                return true;
            }
            if (ev.kind == NET_EVENT_FAILED || ev.kind == NET_EVENT_CLOSED) {
                fprintf(stderr, "bench_rtt: connection ended: %s\n", net_error_text(ev.error));
                net_event_free(&ev);
                return false;
            }
            net_event_free(&ev);
        }
        if (SDL_GetTicks64() > deadline)
            return false;
        SDL_Event e;
        if (waiter)
            waiter_wait(waiter, &e, 1000);
        else
            SDL_WaitEventTimeout(&e, 1000);
    }
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 1000;
    size_t size = argc > 2 ? (size_t)atol(argv[2]) : 100;
    if (count < 1 || size < 1) {
        fprintf(stderr, "usage: bench_rtt [COUNT [SIZE]]\n");
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "bench_rtt: SDL_Init: %s (run it under xvfb-run)\n", SDL_GetError());
        return 1;
    }
    SDL_Window *window = SDL_CreateWindow("ponte-bench", 0, 0, 64, 64, SDL_WINDOW_HIDDEN);
    if (window && !getenv("PONTE_NO_WAITER"))
        waiter = waiter_create(window);
    wake_type = SDL_RegisterEvents(1);
    char err[256];
    struct net *net = net_start(&(struct net_config){.local_echo = true, .wake = wake}, err, sizeof err);
    if (!net) {
        fprintf(stderr, "bench_rtt: %s\n", err);
        return 1;
    }
    struct net_event ev;
    if (!wait_for(net, NET_EVENT_CONNECTED, &ev)) {
        fprintf(stderr, "bench_rtt: no connection\n");
        return 1;
    }
    net_event_free(&ev);

    char *payload = malloc(size);
    memset(payload, 'x', size);
    double *us = malloc(sizeof *us * (size_t)count);
    double freq = (double)SDL_GetPerformanceFrequency();
    /* A few warm-up round trips first. */
    for (int i = -20; i < count; i++) {
        Uint64 t0 = SDL_GetPerformanceCounter();
        net_send(net, (uint64_t)(i + 100), payload, size, false);
        if (!wait_for(net, NET_EVENT_RECEIVED, &ev)) {
            fprintf(stderr, "bench_rtt: no echo for message %d\n", i);
            return 1;
        }
        Uint64 t1 = SDL_GetPerformanceCounter();
        if (ev.len != size || memcmp(ev.data, payload, size) != 0) {
            fprintf(stderr, "bench_rtt: echo %d differs\n", i);
            return 1;
        }
        net_event_free(&ev);
        if (i >= 0)
            us[i] = (double)(t1 - t0) * 1e6 / freq;
    }
    qsort(us, (size_t)count, sizeof *us, compare);
    double median = us[count / 2];
    double p99 = us[(size_t)((count - 1) * 0.99)];
    printf("bench_rtt: %d messages of %zu bytes, whole app path: median %.1f us, p99 %.1f us, "
           "min %.1f us, max %.1f us\n",
           count, size, median, p99, us[0], us[count - 1]);
    free(us);
    free(payload);
    net_stop(net);
    waiter_destroy(waiter);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
