/* SPDX-License-Identifier: MIT */
/* bench_ws: Ponte's own WebSocket path against an outside echo server, for
 * tests/bench/bench_ws.py (which compares it with node's ws client and a bare
 * libwebsockets client on the same server).
 *
 * The path is the window's: a UI thread asleep in SDL_WaitEvent queues each
 * message with net_send (command ring, lws_cancel_service); the network
 * worker (src/net.c) writes it to the socket, reads the echo, pushes it on
 * the event ring and wakes the UI with one SDL_PushEvent; the UI takes it
 * with net_poll. Needs a display (the driver starts Xvfb): SDL wakes a
 * sleeping SDL_WaitEvent through the window system.
 *
 *   bench_ws MODE URL COUNT SIZE WINDOW WARMUP    (see bench_common.h)
 *
 * To see what the wake-up costs (for profiling, not the figures),
 * PONTE_BENCH_WAKE changes only how the UI thread sleeps and is woken:
 *   window     (the default) as the window now: on X11 the waiter
 *              (src/waiter.c: poll on the display and the worker's pipe),
 *              elsewhere as sdl
 *   sdl        SDL_PushEvent and SDL_WaitEvent, as the window did before
 *   terminal   the same, as the terminal mode (src/headless.c) did it before it
 *              waited on a semaphore: SDL
 *              with its events only, no video and no window, no display
 *   semaphore  the worker's wake posts an SDL semaphore the UI waits on (what
 *              the terminal mode does now)
 *   spin       the UI never sleeps: it calls net_poll in a loop
 *
 * PONTE_BENCH_WAKE=one-thread is the terminal mode as it is now
 * (src/headless.c): no UI thread at all, net's one-thread mode. This
 * thread runs the lws loop (net_service), each echo is handed to the
 * deliver callback as the worker makes it, and the next message is sent
 * from there, as headless.c sends a line of stdin from the same loop. No
 * SDL is started. */
#define _POSIX_C_SOURCE 200809L
#include "bench_common.h"

#include <SDL.h>

#include <libwebsockets.h> /* LWS_LIBRARY_VERSION_NUMBER, for the compression row */

#include "net.h"
#include "pmd.h"
#include "platform.h"
#include "waiter.h"

static Uint32 wake_type;

static enum { WAKE_WINDOW, WAKE_SDL, WAKE_SEMAPHORE, WAKE_SPIN } wake_mode;
static struct waiter *waiter; /* WAKE_WINDOW on X11 */
static SDL_sem *wake_sem;
/* Crosses threads: the worker counts its wake-up calls, the UI reads the
 * total once the worker is done with the run. */
static SDL_atomic_t wakes;

/* Runs on the worker thread: what app.c's wake_ui does. */
static bool wake(void *user)
{
    (void)user;
    SDL_AtomicAdd(&wakes, 1);
    if (wake_mode == WAKE_SEMAPHORE)
        return SDL_SemPost(wake_sem) == 0;
    if (wake_mode == WAKE_SPIN)
        return true;
    if (waiter)
        return waiter_wake(waiter);
    SDL_Event e;
    SDL_zero(e);
    e.type = wake_type;
    return SDL_PushEvent(&e) == 1;
}

/* Sleeps until the worker's wake-up (or a second has passed). */
static void sleep_until_woken(void)
{
    if (wake_mode == WAKE_SEMAPHORE) {
        SDL_SemWaitTimeout(wake_sem, 1000);
    } else if (waiter) {
        SDL_Event e;
        waiter_wait(waiter, &e, 1000);
    } else if (wake_mode == WAKE_SDL || wake_mode == WAKE_WINDOW) {
        SDL_Event e;
        SDL_WaitEventTimeout(&e, 1000);
    }
}

/* Whether the connection agreed permessage-deflate (from CONNECTED), for
 * the report's "extensions", as node's client reports its own. */
static bool agreed_deflate;

static void note_connected(const struct net_event *ev)
{
    agreed_deflate = ev->connected && ev->connected->compression.on;
}

/* ,"extensions":"permessage-deflate" when it was agreed, else nothing. */
static void append_extensions(char *extra, size_t cap)
{
    size_t used = strlen(extra);
    if (agreed_deflate && used < cap)
        snprintf(extra + used, cap - used, ",\"extensions\":\"permessage-deflate\"");
}

/* Waits for the connection, as the UI would: asleep until woken. */
static bool wait_connected(struct net *net)
{
    Uint64 deadline = SDL_GetTicks64() + 10000;
    while (SDL_GetTicks64() < deadline) {
        struct net_event ev;
        while (net_poll(net, &ev)) {
            enum net_event_kind kind = ev.kind;
            if (kind == NET_EVENT_FAILED || kind == NET_EVENT_CLOSED)
                fprintf(stderr, "bench_ws: %s%s%s\n", net_error_text(ev.error),
                        ev.data ? ": " : "", ev.data ? ev.data : "");
            if (kind == NET_EVENT_CONNECTED)
                note_connected(&ev);
            net_event_free(&ev);
            if (kind == NET_EVENT_CONNECTED)
                return true;
            if (kind == NET_EVENT_FAILED || kind == NET_EVENT_CLOSED)
                return false;
        }
        sleep_until_woken();
    }
    fprintf(stderr, "bench_ws: no connection within 10 s\n");
    return false;
}

/* Where a round trip's time goes, from the wall-clock stamps the worker puts
 * on its events (microseconds): net_send to the SENT event (UI thread →
 * command ring → worker → written to the socket), SENT to RECEIVED (the
 * socket, the server, lws reading and reassembling the echo), RECEIVED to
 * net_poll taking it (event ring, wake-up, the UI thread running). The
 * worker stamps after its send() returns: when the woken server preempts it
 * right then (few cores), part of the echo shows as "to the socket"; the
 * sum is exact. */
struct legs {
    double *to_socket, *echo, *to_ui;
};

/* Sends n messages with at most `window` unanswered; records each round
 * trip in us (when given; window 1), and its legs in legs (when given).
 * Sets *elapsed_ns from the first send to the last echo. */
static bool burst(struct net *net, const struct bench_args *a, const char *payload, long n,
                  long window, double *us, struct legs *legs, uint64_t *elapsed_ns)
{
    long sent = 0, received = 0;
    uint64_t start = bench_now_ns(), last_send = 0;
    int64_t send_wall = 0, sent_wall = 0;
    Uint64 quiet_since = SDL_GetTicks64();
    while (received < n) {
        while (sent < n && sent - received < window) {
            send_wall = platform_wall_clock_us();
            last_send = bench_now_ns();
            if (!net_send(net, (uint64_t)sent + 1, payload, a->size, a->binary)) {
                fprintf(stderr, "bench_ws: net_send: out of memory\n");
                return false;
            }
            sent++;
        }
        /* Take everything that is waiting, as app.c's drain_network does
         * (without its per-turn cap: nothing is drawn here). */
        struct net_event ev;
        bool progress = false;
        while (received < n && net_poll(net, &ev)) {
            uint64_t now = bench_now_ns();
            switch (ev.kind) {
            case NET_EVENT_RECEIVED:
                if (ev.len != a->size || ev.binary != a->binary ||
                    memcmp(ev.data, payload, a->size) != 0) {
                    fprintf(stderr, "bench_ws: echo %ld differs\n", received);
                    net_event_free(&ev);
                    return false;
                }
                if (us)
                    us[received] = (double)(now - last_send) / 1e3;
                if (legs) {
                    legs->to_socket[received] = (double)(sent_wall - send_wall);
                    legs->echo[received] = (double)(ev.time_us - sent_wall);
                    legs->to_ui[received] = (double)(platform_wall_clock_us() - ev.time_us);
                }
                received++;
                progress = true;
                if (sent < n && sent - received < window) {
                    send_wall = platform_wall_clock_us();
                    last_send = bench_now_ns();
                    if (!net_send(net, (uint64_t)sent + 1, payload, a->size, a->binary)) {
                        fprintf(stderr, "bench_ws: net_send: out of memory\n");
                        net_event_free(&ev);
                        return false;
                    }
                    sent++;
                }
                break;
            case NET_EVENT_SENT:
                sent_wall = ev.time_us;
                break;
            case NET_EVENT_NOT_SENT:
            case NET_EVENT_CLOSED:
            case NET_EVENT_FAILED:
                fprintf(stderr, "bench_ws: %s after %ld echoes: %s\n",
                        ev.kind == NET_EVENT_NOT_SENT ? "a message was not sent" : "the connection ended",
                        received, net_error_text(ev.error));
                net_event_free(&ev);
                return false;
            default:
                break;
            }
            net_event_free(&ev);
        }
        if (received == n)
            break;
        if (progress)
            quiet_since = SDL_GetTicks64();
        else if (SDL_GetTicks64() - quiet_since > 10000) {
            fprintf(stderr, "bench_ws: no echo for 10 s (%ld of %ld back)\n", received, n);
            return false;
        }
        /* Asleep until the worker's wake-up, as the window's loop. */
        sleep_until_woken();
    }
    *elapsed_ns = bench_now_ns() - start;
    return true;
}

/* PONTE_BENCH_DEFLATE=1 (bench_ws.py's "1 MiB with compression" row):
 * Ponte offers permessage-deflate, as it does by default where the
 * libwebsockets it runs with may (pmd.h); elsewhere (lws before 4.3.3, as
 * Debian 12's 4.1.6) false, exit status 3 and the row says "not offered".
 * Otherwise it offers none, as node's client in the other rows. */
static bool want_compression(struct net_config *config)
{
    const char *deflate = getenv("PONTE_BENCH_DEFLATE");
    if (!deflate || strcmp(deflate, "1") != 0) {
        config->no_compression = true;
        return true;
    }
    char why[200];
    if (pmd_available(LWS_LIBRARY_VERSION_NUMBER, why, sizeof why))
        return true;
    fprintf(stderr, "bench_ws: compression not offered: %s\n", why);
    return false;
}

/* ---- the one-thread mode (the terminal mode's path) ---------------------------- */

struct one {
    const struct bench_args *a;
    const char *payload;
    struct net *net;
    long n, window, sent, received;
    double *us;
    struct legs *legs;
    uint64_t start, last_send, elapsed_ns;
    int64_t send_wall, sent_wall;
    bool connected, failed, done, stopping;
};

static void one_send(struct one *o)
{
    o->send_wall = platform_wall_clock_us();
    o->last_send = bench_now_ns();
    if (!net_send(o->net, (uint64_t)o->sent + 1, o->payload, o->a->size, o->a->binary)) {
        fprintf(stderr, "bench_ws: net_send: out of memory\n");
        o->failed = true;
    }
    o->sent++;
}

/* net's deliver: runs inside the loop, as headless.c's does. */
static void one_deliver(void *user, struct net_event *ev)
{
    struct one *o = user;
    uint64_t now = bench_now_ns();
    switch (ev->kind) {
    case NET_EVENT_CONNECTED:
        o->connected = true;
        note_connected(ev);
        break;
    case NET_EVENT_SENT:
        o->sent_wall = ev->time_us;
        break;
    case NET_EVENT_RECEIVED:
        if (o->received >= o->n)
            break;
        if (ev->len != o->a->size || ev->binary != o->a->binary || memcmp(ev->data, o->payload, o->a->size) != 0) {
            fprintf(stderr, "bench_ws: echo %ld differs\n", o->received);
            o->failed = true;
            break;
        }
        if (o->us)
            o->us[o->received] = (double)(now - o->last_send) / 1e3;
        if (o->legs) {
            o->legs->to_socket[o->received] = (double)(o->sent_wall - o->send_wall);
            o->legs->echo[o->received] = (double)(ev->time_us - o->sent_wall);
            o->legs->to_ui[o->received] = (double)(platform_wall_clock_us() - ev->time_us);
        }
        if (++o->received == o->n) {
            o->elapsed_ns = now - o->start;
            o->done = true;
        }
        else if (o->sent < o->n)
            one_send(o);
        break;
    case NET_EVENT_NOT_SENT:
    case NET_EVENT_CLOSED:
    case NET_EVENT_FAILED:
        if (o->stopping)
            break; /* net_stop's own close */
        fprintf(stderr, "bench_ws: %s after %ld echoes: %s%s%s\n",
                ev->kind == NET_EVENT_NOT_SENT ? "a message was not sent" : "the connection ended", o->received,
                net_error_text(ev->error), ev->data ? ": " : "", ev->data ? ev->data : "");
        o->failed = true;
        break;
    default:
        break;
    }
    net_event_free(ev);
}

/* Turns the loop until done is true (or a failure, or 10 s without it). */
static bool one_serve(struct one *o, const bool *done)
{
    int64_t deadline = platform_monotonic_us() + 10000000;
    while (!*done && !o->failed) {
        net_wake_in(o->net, 1000);
        if (!net_service(o->net) || platform_monotonic_us() > deadline) {
            fprintf(stderr, "bench_ws: no progress for 10 s\n");
            return false;
        }
        if (o->received)
            deadline = platform_monotonic_us() + 10000000;
    }
    return !o->failed;
}

static bool one_burst(struct one *o, long n, double *us, struct legs *legs)
{
    o->n = n;
    o->sent = o->received = 0;
    o->done = false;
    o->us = us;
    o->legs = legs;
    o->start = bench_now_ns();
    while (o->sent < n && o->sent < o->window && !o->failed)
        one_send(o);
    return one_serve(o, &o->done);
}

static int run_one_thread(const struct bench_args *a, char *payload, double *us, struct legs *legs)
{
    struct one o = {.a = a, .payload = payload, .window = a->window};
    char err[256];
    struct net_config config = {.url = a->url, .deliver = one_deliver, .deliver_user = &o};
    if (!want_compression(&config))
        return 3;
    o.net = net_start(&config, err, sizeof err);
    if (!o.net) {
        fprintf(stderr, "bench_ws: %s\n", err);
        return 1;
    }
    int status = 1;
    if (!one_serve(&o, &o.connected))
        goto end;
    if (a->warmup && !one_burst(&o, a->warmup, NULL, NULL))
        goto end;
    bench_cpu_mark();
    if (!one_burst(&o, a->count, us, us ? legs : NULL))
        goto end;
    char extra[256] = "";
    if (us) {
        size_t count = (size_t)a->count;
        qsort(legs->to_socket, count, sizeof(double), bench_compare);
        qsort(legs->echo, count, sizeof(double), bench_compare);
        qsort(legs->to_ui, count, sizeof(double), bench_compare);
        snprintf(extra, sizeof extra, ",\"p50_to_socket_us\":%.0f,\"p50_echo_us\":%.0f,\"p50_to_ui_us\":%.0f",
                 legs->to_socket[count / 2], legs->echo[count / 2], legs->to_ui[count / 2]);
    }
    append_extensions(extra, sizeof extra);
    bench_report("ponte-one-thread", a, us, o.elapsed_ns, extra);
    status = 0;
end:
    o.stopping = true;
    net_stop(o.net);
    return status;
}

int main(int argc, char **argv)
{
    struct bench_args a;
    if (!bench_parse(argc, argv, &a)) {
        fprintf(stderr, "usage: bench_ws rtt|pipe|big URL COUNT SIZE WINDOW WARMUP\n");
        return 2;
    }
    const char *mode = getenv("PONTE_BENCH_WAKE");
    if (mode && strcmp(mode, "one-thread") == 0) {
        char *payload = bench_payload(a.size, a.binary);
        size_t n = (size_t)a.count;
        double *us = a.mode == BENCH_RTT ? malloc(sizeof(double) * n) : NULL;
        struct legs legs = {0};
        if (us) {
            legs.to_socket = malloc(sizeof(double) * n);
            legs.echo = malloc(sizeof(double) * n);
            legs.to_ui = malloc(sizeof(double) * n);
        }
        if (!payload || (a.mode == BENCH_RTT && (!us || !legs.to_socket || !legs.echo || !legs.to_ui))) {
            fprintf(stderr, "bench_ws: out of memory\n");
            return 1;
        }
        int status = run_one_thread(&a, payload, us, &legs);
        free(legs.to_socket);
        free(legs.echo);
        free(legs.to_ui);
        free(us);
        free(payload);
        return status;
    }
    bool terminal = mode && strcmp(mode, "terminal") == 0;
    if (mode && strcmp(mode, "semaphore") == 0)
        wake_mode = WAKE_SEMAPHORE;
    else if (mode && strcmp(mode, "spin") == 0)
        wake_mode = WAKE_SPIN;
    else if (mode && strcmp(mode, "sdl") == 0)
        wake_mode = WAKE_SDL;
    else if (mode && !terminal && strcmp(mode, "window") != 0) {
        fprintf(stderr, "bench_ws: PONTE_BENCH_WAKE is window, sdl, one-thread, terminal, semaphore or spin\n");
        return 2;
    }
    if (SDL_Init(terminal ? SDL_INIT_EVENTS : SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "bench_ws: SDL_Init: %s (it needs a display: run it under Xvfb)\n",
                SDL_GetError());
        return 1;
    }
    /* SDL_WaitEvent sleeps in the window system's event wait only while a
     * window exists; without one (the terminal mode) it polls every
     * millisecond. */
    SDL_Window *window = terminal ? NULL
                                  : SDL_CreateWindow("ponte-bench", 0, 0, 64, 64, SDL_WINDOW_HIDDEN);
    if (window && wake_mode == WAKE_WINDOW)
        waiter = waiter_create(window);
    wake_type = SDL_RegisterEvents(1);
    wake_sem = SDL_CreateSemaphore(0);
    char *payload = bench_payload(a.size, a.binary);
    double *us = NULL;
    struct legs legs = {0};
    if (a.mode == BENCH_RTT) {
        us = malloc(sizeof *us * (size_t)a.count);
        legs.to_socket = malloc(sizeof(double) * (size_t)a.count);
        legs.echo = malloc(sizeof(double) * (size_t)a.count);
        legs.to_ui = malloc(sizeof(double) * (size_t)a.count);
    }
    if ((!terminal && !window) || wake_type == (Uint32)-1 || !wake_sem || !payload ||
        (a.mode == BENCH_RTT && (!us || !legs.to_socket || !legs.echo || !legs.to_ui))) {
        fprintf(stderr, "bench_ws: cannot set up: %s\n", SDL_GetError());
        return 1;
    }
    char err[256];
    struct net_config config = {.url = a.url, .wake = wake};
    if (!want_compression(&config))
        return 3;
    struct net *net = net_start(&config, err, sizeof err);
    if (!net) {
        fprintf(stderr, "bench_ws: %s\n", err);
        return 1;
    }
    int status = 1;
    uint64_t elapsed = 0;
    if (!wait_connected(net))
        goto end;
    if (a.warmup && !burst(net, &a, payload, a.warmup, a.window, NULL, NULL, &elapsed))
        goto end;
    int wakes_before = SDL_AtomicGet(&wakes);
    bench_cpu_mark();
    if (!burst(net, &a, payload, a.count, a.window, us, us ? &legs : NULL, &elapsed))
        goto end;
    /* How often the worker woke the UI thread, per message: each wake-up
     * is an SDL_PushEvent and a trip through the window system. */
    char extra[256];
    int used = snprintf(extra, sizeof extra, ",\"waiter\":%s,\"ui_wakes_per_message\":%.3f", waiter ? "true" : "false",
                        (double)(SDL_AtomicGet(&wakes) - wakes_before) / (double)a.count);
    if (us) {
        size_t count = (size_t)a.count;
        qsort(legs.to_socket, count, sizeof(double), bench_compare);
        qsort(legs.echo, count, sizeof(double), bench_compare);
        qsort(legs.to_ui, count, sizeof(double), bench_compare);
        snprintf(extra + used, sizeof extra - (size_t)used,
                 ",\"p50_to_socket_us\":%.0f,\"p50_echo_us\":%.0f,\"p50_to_ui_us\":%.0f",
                 legs.to_socket[count / 2], legs.echo[count / 2], legs.to_ui[count / 2]);
    }
    append_extensions(extra, sizeof extra);
    bench_report("ponte", &a, us, elapsed, extra);
    status = 0;
end:
    net_stop(net);
    free(legs.to_socket);
    free(legs.echo);
    free(legs.to_ui);
    free(us);
    free(payload);
    SDL_DestroySemaphore(wake_sem);
    waiter_destroy(waiter);
    if (window)
        SDL_DestroyWindow(window);
    SDL_Quit();
    return status;
}
