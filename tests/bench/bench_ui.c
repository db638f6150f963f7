/* SPDX-License-Identifier: MIT */
/* bench_ui (ponte-bench): the figures the README reports for the screen,
 * measured on the real UI code (chat, view, widgets, font, render) drawing
 * into SDL's software renderer at 1280x800:
 *
 *   frames  1,000,000 messages of mixed lengths: frame time (build the UI +
 *           render) while scrolling by wheel and while jumping by the
 *           scroll bar; the text cache's hit rate when scrolling back over
 *           text already drawn; memory per message and resident memory.
 *   flood   the built-in echo server sends back 200,000 messages as fast
 *           as they come: frame time while the window takes them in, and
 *           at the end every message is in the model and the transcript,
 *           in order.
 *
 *   open    a transcript of 1,000,000 messages opened as a recording: the
 *           load in the background (time, the frames drawn meanwhile),
 *           peak resident memory, frame times scrolling and jumping.
 *
 *   bench_ui [frames|flood|day|open|all] [MESSAGES]
 *
 * Prints one "figure: value" line per figure, and exits 1 when a check
 * (everything arrived, in order) fails. Timing targets are not asserted:
 * they are reported. Linux (mkstemp, /proc for resident memory). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

#include "chat.h"
#include "font.h"
#include "i18n.h"
#include "net.h"
#include "opener.h"
#include "platform.h"
#include "render.h"
#include "screen_harness.h"
#include "transcript.h"
#include "ui.h"
#include "view.h"

#define W 1280
#define H 800

static int failures;

static double now_us(void)
{
    return (double)SDL_GetPerformanceCounter() * 1e6 / (double)SDL_GetPerformanceFrequency();
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            kib = atol(line + 6);
    fclose(f);
    return kib;
}

static bool screen_open_bench(struct screen *s)
{
    if (screen_start(s, &(struct screen_config){.w = W, .h = H, .url = "ws://127.0.0.1:1/"}))
        return true;
    fprintf(stderr, "bench_ui: %s\n", s->error);
    return false;
}

/* One frame as the app makes it: build the UI, render it. Returns its
 * time in microseconds. */
static double build_us, render_us; /* the two halves, summed */

static double frame(struct screen *s)
{
    double t0 = now_us();
    struct view_actions actions;
    s->now_ms += 16;
    ui_begin(&s->stage.ui, s->now_ms);
    view_frame(&s->stage.view, &s->stage.ui, &s->stage.chat, W, H, &actions);
    ui_end(&s->stage.ui);
    double t1 = now_us();
    render_frame(s->stage.render, &s->stage.ui, s->stage.view.theme->window_bg, false);
    double t2 = now_us();
    build_us += t1 - t0;
    render_us += t2 - t1;
    return t2 - t0;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report_times(const char *what, double *us, size_t n)
{
    if (!n) {
        printf("%s: no frames\n", what);
        failures++;
        return;
    }
    qsort(us, n, sizeof *us, compare);
    printf("%s: %zu frames, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", what, n, us[n / 2] / 1000.0,
           us[(size_t)((double)(n - 1) * 0.99)] / 1000.0, us[n - 1] / 1000.0);
}

/* ---- frames ------------------------------------------------------------------------------ */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static const char *words[] = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog",
                              "websocket", "message", "ponte", "echo", "server", "conexão",
                              "mensagem", "enviado", "recebido", "latency", "frame", "buffer"};

/* A message of mixed length: most short, some paragraphs, a few long ones
 * and a few JSON documents. */
static size_t make_message(char *out, size_t cap, int i)
{
    uint32_t r = next_random() % 100;
    if (r < 2)
        return (size_t)snprintf(out, cap,
                                "{\"id\":%d,\"user\":{\"name\":\"Ana\",\"langs\":[\"pt_BR\",\"en\"]},"
                                "\"active\":true,\"score\":%d.5,\"note\":null}",
                                i, i % 100);
    size_t target = r < 60 ? 8 + next_random() % 50 : r < 92 ? 80 + next_random() % 320 : 1000 + next_random() % 3000;
    if (target >= cap)
        target = cap - 1;
    size_t len = (size_t)snprintf(out, cap, "%d", i);
    while (len + 12 < target) {
        const char *w = words[next_random() % (sizeof words / sizeof words[0])];
        size_t n = strlen(w);
        out[len++] = ' ';
        memcpy(out + len, w, n);
        len += n;
    }
    out[len] = '\0';
    return len;
}

/* Scrolling by wheel: a notch every frame, up from the bottom (us holds n). */
static void wheel_scrolling(struct screen *s, double *us, size_t n)
{
    s->stage.ui.in.mouse_x = W / 2;
    s->stage.ui.in.mouse_y = H / 2;
    build_us = render_us = 0;
    for (size_t i = 0; i < n; i++) {
        ui_input_wheel(&s->stage.ui, 1.0f);
        us[i] = frame(s);
    }
    char what[128];
    snprintf(what, sizeof what, "frame time, wheel scrolling (%zu notches) with all the messages loaded", n);
    report_times(what, us, n);
    printf("  of which building the UI %.2f ms, rendering %.2f ms on average\n", build_us / (double)n / 1000.0,
           render_us / (double)n / 1000.0);
}

/* Jumps: the scroll bar dragged to random places. */
static void scroll_bar_jumps(struct screen *s, double *us, size_t jumps)
{
    int track_x = W - 8;
    ui_input_mouse_move(&s->stage.ui, track_x, s->stage.view.list_rect.y + s->stage.view.list_rect.h - 20);
    ui_input_mouse_button(&s->stage.ui, UI_MOUSE_LEFT, true, 1, 0);
    frame(s);
    for (size_t i = 0; i < jumps; i++) {
        int y = s->stage.view.list_rect.y + (int)(next_random() % (uint32_t)s->stage.view.list_rect.h);
        ui_input_mouse_move(&s->stage.ui, track_x, y);
        us[i] = frame(s);
    }
    ui_input_mouse_button(&s->stage.ui, UI_MOUSE_LEFT, false, 1, 0);
    frame(s);
    report_times("frame time, jumping by the scroll bar", us, jumps);
}

static void bench_frames(size_t count)
{
    struct screen s;
    if (!screen_open_bench(&s)) {
        failures++;
        return;
    }
    long rss_before = rss_kib();
    char text[4200];
    size_t text_bytes = 0;
    double t0 = now_us();
    for (size_t i = 0; i < count; i++) {
        size_t len = make_message(text, sizeof text, (int)i);
        text_bytes += len + 1; /* with its NUL */
        if (i % 2) {
            chat_add_sent(&s.stage.chat, text, len, (int64_t)i * 1000);
        } else {
            char *copy = malloc(len + 1);
            memcpy(copy, text, len + 1);
            struct net_event ev = {.kind = NET_EVENT_RECEIVED, .data = copy, .len = len,
                                   .time_us = (int64_t)i * 1000};
            chat_apply(&s.stage.chat, &ev);
        }
    }
    double load_ms = (now_us() - t0) / 1000.0;
    double first = frame(&s);
    long rss_after = rss_kib();
    printf("load: %zu messages (%.1f MB of text) in %.0f ms; first frame %.2f ms\n", count,
           (double)text_bytes / 1e6, load_ms, first / 1000.0);

    /* Memory: what the model and the view keep per message beside the
     * text (and its NUL). */
    size_t model = chat_memory(&s.stage.chat) - text_bytes;
    size_t view = s.stage.view.list.rows.cap * sizeof *s.stage.view.list.rows.rows +
                  (s.stage.view.list.rows.blocks + 1) * sizeof *s.stage.view.list.rows.tree;
    printf("memory per message beyond its text: %.1f B (model %.1f B incl. unused block space, "
           "list heights %.1f B)\n",
           (double)(model + view) / (double)count, (double)model / (double)count,
           (double)view / (double)count);
    if (rss_before > 0 && rss_after > 0)
        printf("resident memory with %zu messages: %.1f MiB (%.1f MiB before loading)\n", count,
               (double)rss_after / 1024.0, (double)rss_before / 1024.0);

    size_t n = 3000;
    double *us = malloc(n * sizeof *us);
    wheel_scrolling(&s, us, n);

    /* Steady scrolling over text already drawn: down 400 notches (about
     * 30 screens, text the cache can hold), then back up over it, measured. */
    size_t range = 400;
    for (size_t i = 0; i < range; i++) {
        ui_input_wheel(&s.stage.ui, -1.0f);
        frame(&s);
    }
    for (int i = 0; i < 60; i++)
        frame(&s); /* the smooth scrolling arrives */
    struct font_stats before, after;
    font_get_stats(s.stage.font, &before);
    for (size_t i = 0; i < range; i++) {
        ui_input_wheel(&s.stage.ui, 1.0f);
        us[i] = frame(&s);
    }
    font_get_stats(s.stage.font, &after);
    uint64_t draws = after.draws - before.draws, hits = after.draw_hits - before.draw_hits;
    printf("text cache, scrolling back over 400 notches of drawn text: %.2f%% of %llu text draws from the cache, "
           "%llu TTF_Render calls; cache %zu entries, %.1f MiB of textures, %.1f MiB in all\n",
           draws ? 100.0 * (double)hits / (double)draws : 0.0, (unsigned long long)draws,
           (unsigned long long)(after.renders - before.renders), after.entries,
           (double)after.texture_bytes / (1 << 20), (double)after.memory_bytes / (1 << 20));

    scroll_bar_jumps(&s, us, 300);

    /* Resizing: every other frame a different width, so every height is
     * guessed again and the rows on screen laid out again. */
    size_t resizes = 60;
    for (size_t i = 0; i < resizes; i++) {
        double t0 = now_us();
        struct view_actions actions;
        s.now_ms += 16;
        ui_begin(&s.stage.ui, s.now_ms);
        view_frame(&s.stage.view, &s.stage.ui, &s.stage.chat, i % 2 ? W : W - 200, H, &actions);
        ui_end(&s.stage.ui);
        render_frame(s.stage.render, &s.stage.ui, s.stage.view.theme->window_bg, false);
        us[i] = now_us() - t0;
    }
    report_times("frame time, resizing the window (all heights guessed again)", us, resizes);
    printf("rows laid out in all: %llu of %zu\n", (unsigned long long)s.stage.view.list.stats.layouts_built, count);

    free(us);
    screen_close(&s);
}

/* ---- flood --------------------------------------------------------------------------------- */

/* A transcript in a new file named after template (its XXXXXX replaced);
 * NULL, counted as a failure, when there is none. */
static struct transcript *temp_transcript(char *template)
{
    int fd = mkstemp(template);
    if (fd < 0) {
        perror("bench_ui: mkstemp");
        failures++;
        return NULL;
    }
    close(fd);
    char err[256];
    struct transcript *t = transcript_open(template, err, sizeof err);
    if (!t) {
        fprintf(stderr, "bench_ui: %s\n", err);
        failures++;
    }
    return t;
}

static bool no_wake(void *user)
{
    (void)user;
    return true; /* the loop below polls */
}

static void bench_flood(size_t count)
{
    struct screen s;
    if (!screen_open_bench(&s)) {
        failures++;
        return;
    }
    char path[] = "/tmp/ponte-bench-XXXXXX", err[256];
    struct transcript *t = temp_transcript(path);
    if (!t)
        return;
    struct net *net = t ? net_start(&(struct net_config){.local_echo = true, .transcript = t, .wake = no_wake},
                                    err, sizeof err)
                        : NULL;
    if (!net) {
        fprintf(stderr, "bench_ui: %s\n", err);
        failures++;
        return;
    }
    /* Connected first. */
    double deadline = now_us() + 10e6;
    while (s.stage.chat.connection != CHAT_CONNECTED && now_us() < deadline) {
        struct net_event ev;
        while (net_poll(net, &ev)) {
            chat_apply(&s.stage.chat, &ev);
            net_event_free(&ev);
        }
        SDL_Delay(1);
    }
    if (s.stage.chat.connection != CHAT_CONNECTED) {
        fprintf(stderr, "bench_ui: flood: no connection\n");
        failures++;
        return;
    }

    size_t frames_cap = 1 << 20, frames = 0;
    double *us = malloc(frames_cap * sizeof *us);
    double *turn_us = malloc(frames_cap * sizeof *turn_us);
    size_t sent = 0;
    char text[64];
    double t0 = now_us();
    deadline = t0 + 300e6;
    while (s.stage.chat.received < count && now_us() < deadline) {
        /* Type as fast as the ring takes it: a few thousand per turn. */
        for (int k = 0; k < 4096 && sent < count; k++, sent++) {
            int len = snprintf(text, sizeof text, "flood %07zu", sent);
            uint64_t id = chat_add_sent(&s.stage.chat, text, (size_t)len, 0);
            net_send(net, id, text, (size_t)len, false);
        }
        /* The app's turn: take up to 2,048 events, then draw. */
        double turn0 = now_us();
        struct net_event ev;
        int taken = 0;
        while (taken < 2048 && net_poll(net, &ev)) {
            chat_apply(&s.stage.chat, &ev);
            net_event_free(&ev);
            taken++;
        }
        if (!taken) { /* the app would be asleep: no frame */
            SDL_Delay(1);
            continue;
        }
        double f = frame(&s);
        if (frames < frames_cap) {
            turn_us[frames] = now_us() - turn0;
            us[frames++] = f;
        }
    }
    double total_s = (now_us() - t0) / 1e6;
    printf("flood: %llu of %zu messages back in %.2f s (%.0f messages/s)\n",
           (unsigned long long)s.stage.chat.received, count, total_s, (double)s.stage.chat.received / total_s);
    report_times("frame time while taking in the flood", us, frames);
    report_times("turn time (taking in up to 2,048 events, then the frame)", turn_us, frames);
    free(turn_us);

    /* Every echo in the model, in order. */
    size_t expect = 0;
    bool in_order = true;
    for (size_t i = 0; i < s.stage.chat.count; i++) {
        const struct chat_message *m = &s.stage.chat.messages[i];
        if (m->kind != CHAT_RECEIVED)
            continue;
        char want[64];
        snprintf(want, sizeof want, "flood %07zu", expect);
        if (strcmp(m->text, want) != 0) {
            in_order = false;
            break;
        }
        expect++;
    }
    net_stop(net); /* writes and closes the transcript */
    printf("flood: model has %zu echoes %s\n", expect, in_order && expect == count ? "in order" : "MISSING OR OUT OF ORDER");
    if (!in_order || expect != count)
        failures++;

    /* And the transcript, in order. */
    FILE *f = fopen(path, "r");
    size_t got = 0;
    bool t_order = f != NULL;
    char *line = NULL;
    size_t cap = 0;
    while (f && getline(&line, &cap, f) > 0) {
        if (!strstr(line, "\"event\":\"received\""))
            continue;
        char want[64];
        snprintf(want, sizeof want, "\"text\":\"flood %07zu\"", got);
        if (!strstr(line, want)) {
            t_order = false;
            break;
        }
        got++;
    }
    free(line);
    if (f)
        fclose(f);
    remove(path);
    printf("flood: transcript has %zu received records %s\n", got,
           t_order && got == count ? "in order" : "MISSING OR OUT OF ORDER");
    if (!t_order || got != count)
        failures++;
    free(us);
    screen_close(&s);
}

/* A simulated day at a kiosk: 10 messages a second for 24 hours (864,000
 * received, one in ten answering a sent one), the kiosk's history cap of
 * 100,000, a frame after every 50 messages with the list following the
 * newest. Resident memory at the start, each simulated 4 hours, at the
 * peak and at the end: the cap must keep it flat. */
static void bench_day(size_t count)
{
    struct screen s;
    if (!screen_open_bench(&s))
        return;
    s.stage.chat.history_cap = 100000;
    struct net_event ev = {.kind = NET_EVENT_CONNECTED, .time_us = 1};
    chat_apply(&s.stage.chat, &ev);
    frame(&s);
    long start = rss_kib(), peak = start, at_cap = 0;
    printf("day: %zu messages, history cap %zu\n", count, s.stage.chat.history_cap);
    printf("day: resident at the start %.1f MiB\n", (double)start / 1024.0);
    char text[8192];
    int64_t t = 1764081125000000LL;
    for (size_t i = 0; i < count; i++) {
        t += 100000; /* 10 a second */
        size_t len = make_message(text, sizeof text, (int)i);
        if (i % 10 == 0) {
            uint64_t id = chat_add_sent(&s.stage.chat, text, len, t);
            ev = (struct net_event){.kind = NET_EVENT_SENT, .id = id, .time_us = t};
            chat_apply(&s.stage.chat, &ev);
        }
        char *copy = malloc(len + 1);
        memcpy(copy, text, len + 1);
        ev = (struct net_event){.kind = NET_EVENT_RECEIVED, .data = copy, .len = len, .time_us = t};
        chat_apply(&s.stage.chat, &ev);
        if (i % 50 == 49)
            frame(&s);
        if (i % 1000 == 999) {
            long r = rss_kib();
            peak = r > peak ? r : peak;
            if (!at_cap && s.stage.chat.dropped)
                at_cap = r;
        }
        if ((i + 1) % (count / 6) == 0)
            printf("day: after %2zu h: resident %.1f MiB, %zu messages shown, %llu dropped\n",
                   (i + 1) * 24 / count, (double)rss_kib() / 1024.0, s.stage.chat.count,
                   (unsigned long long)s.stage.chat.dropped);
    }
    long end = rss_kib();
    printf("day: resident when the cap was first reached %.1f MiB, at the peak %.1f MiB, at the end %.1f MiB\n",
           (double)at_cap / 1024.0, (double)peak / 1024.0, (double)end / 1024.0);
    if (at_cap && end > at_cap * 3 / 2) {
        printf("day: FAILED: memory grew from %.1f to %.1f MiB after the cap\n", (double)at_cap / 1024.0,
               (double)end / 1024.0);
        failures++;
    }
    screen_close(&s);
}

/* ---- open --------------------------------------------------------------------------------- */

static long status_kib(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kib = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, field, n))
            kib = atol(line + n);
    fclose(f);
    return kib;
}

/* The loader thread's wake-up: counted (the loop below polls). */
static SDL_atomic_t wakes;
static bool count_wake(void *user)
{
    (void)user;
    SDL_AtomicIncRef(&wakes);
    return true;
}

/* A recorded session of count messages (transcript.c writes it as Ponte
 * does), opened as the window opens one: the loader thread reads it into
 * the model while the UI thread draws a frame every 16 ms with the
 * progress bar; then scrolling and jumping over it. Load time, the frames
 * while loading, peak resident memory (VmHWM: the model, the list and the
 * file's pages the reader touched, which are the page cache's), frame
 * times. */
static void bench_open(size_t count)
{
    char path[] = "/tmp/ponte-bench-open-XXXXXX";
    struct transcript *t = temp_transcript(path);
    if (!t)
        return;
    char text[4200];
    double t0 = now_us();
    for (size_t i = 0; i < count; i++) {
        size_t len = make_message(text, sizeof text, (int)i);
        struct net_event ev = {.kind = i % 2 ? NET_EVENT_SENT : NET_EVENT_RECEIVED,
                               .time_us = INT64_C(1795579506000000) + (int64_t)i * 1000};
        transcript_net_event(t, &ev, &(struct transcript_place){.url = "ws://127.0.0.1:1/"}, text, len);
    }
    transcript_close(t);
    FILE *f = fopen(path, "rb");
    long file_bytes = 0;
    if (f && fseek(f, 0, SEEK_END) == 0)
        file_bytes = ftell(f);
    if (f)
        fclose(f);
    printf("open: a transcript of %zu messages, %.1f MB, written in %.0f ms\n", count, (double)file_bytes / 1e6,
           (now_us() - t0) / 1000.0);

    struct screen s;
    if (!screen_open_bench(&s)) {
        failures++;
        unlink(path);
        return;
    }
    frame(&s);
    long rss_before = status_kib("VmRSS:");
    struct opener op;
    opener_init(&op, NULL, count_wake, NULL, &s.stage.view);
    size_t cap = 1 << 16, loading = 0;
    double *us = malloc(cap * sizeof *us);
    t0 = now_us();
    if (!opener_open(&op, &s.stage.view, &s.stage.ui, path)) {
        printf("open: FAILED: %s\n", s.stage.view.openbar.error);
        failures++;
    }
    /* The window's loop: a frame when woken (the bar moved), else asleep. */
    while (s.stage.view.recording.loading) {
        SDL_Delay(16);
        if (opener_poll(&op, &s.stage.view) && s.stage.view.recording.loading && loading < cap)
            us[loading++] = frame(&s);
    }
    double load_ms = (now_us() - t0) / 1000.0;
    double first = frame(&s); /* (the list takes the recording's rows: a height guessed for each) */
    const struct opened *o = s.stage.view.recording.opened;
    printf("open: loaded in %.0f ms (%d wake-ups of the UI, %zu frames drawn meanwhile); the first frame of the "
           "recording %.2f ms\n",
           load_ms, SDL_AtomicGet(&wakes), loading, first / 1000.0);
    report_times("frame time while loading (the progress bar)", us, loading);
    if (!o || o->messages != count) {
        printf("open: FAILED: %llu messages shown of %zu (%s)\n", o ? (unsigned long long)o->messages : 0ULL, count,
               s.stage.view.openbar.error);
        failures++;
    }
    printf("open: resident %.1f MiB before, %.1f MiB after, peak %.1f MiB; the model %.1f MiB\n",
           (double)rss_before / 1024.0, (double)status_kib("VmRSS:") / 1024.0, (double)status_kib("VmHWM:") / 1024.0,
           o ? (double)chat_memory(&o->chat) / (1 << 20) : 0.0);
    if (o && o->messages == count) {
        size_t n = 3000;
        double *scroll = malloc(n * sizeof *scroll);
        wheel_scrolling(&s, scroll, n);
        scroll_bar_jumps(&s, scroll, 300);
        free(scroll);
    }
    free(us);
    opener_free(&op, &s.stage.view);
    screen_close(&s);
    unlink(path);
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "all";
    size_t count = argc > 2 ? (size_t)atol(argv[2]) : 0;
    if (strcmp(what, "frames") && strcmp(what, "flood") && strcmp(what, "day") && strcmp(what, "open") &&
        strcmp(what, "all")) {
        fprintf(stderr, "usage: bench_ui [frames|flood|day|open|all] [MESSAGES]\n");
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "bench_ui: SDL_Init: %s (set SDL_VIDEODRIVER=dummy)\n", SDL_GetError());
        return 1;
    }
    i18n_set_lang(I18N_EN);
    if (!strcmp(what, "frames") || !strcmp(what, "all"))
        bench_frames(count ? count : 1000000);
    if (!strcmp(what, "flood") || !strcmp(what, "all"))
        bench_flood(count ? count : 200000);
    if (!strcmp(what, "day")) /* (not in "all": about a minute more) */
        bench_day(count ? count : 864000);
    if (!strcmp(what, "open")) /* (not in "all": its peak memory is its own) */
        bench_open(count ? count : 1000000);
    SDL_Quit();
    return failures ? 1 : 0;
}
