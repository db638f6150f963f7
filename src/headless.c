/* SPDX-License-Identifier: MIT */
/* headless: see headless.h.
 *
 * One thread: the network module's one-thread mode (net.h), so the lws
 * loop runs here, with stdin and the stop pipe (SIGINT, SIGTERM) watched
 * by that same loop (net_watch_fd), each event handed to on_event as the
 * worker makes it and each command carried out at once: no ring, no
 * wake-up between threads and no SDL on the way of a message.
 *
 * Windows waits on sockets only, so there stdin cannot be watched by the
 * loop: a reader thread reads it and hands each line (or chunk) over
 * through SDL's thread-safe event queue, waking the loop with
 * net_wake_loop; Ctrl+C and the like arrive through platform_on_stop,
 * which wakes it too. */
#include "headless.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#include <SDL.h>
#else
#include <unistd.h>
#endif

#include "codec.h"
#include "frames.h"
#include "grow.h"
#include "i18n.h"
#include "net.h"
#include "net_config.h"
#include "platform.h"
#include "playback.h"
#include "transcript.h"

#define HEADLESS_CHUNK ((size_t)64 << 10) /* --binary-stdin: bytes per message */
#define HEADLESS_READ 4096                 /* lines: bytes per read, and a line's first room */
/* Reading stdin pauses while the messages handed to the network and not
 * yet written cost more than this, and goes on below half of it: a fast
 * stdin and a slow server never pile up more. */
#define HEADLESS_MAX_UNSENT ((size_t)16 << 20)

/* stdin cut into lines (or, binary, chunks of HEADLESS_CHUNK): each is
 * handed to emit as a malloc'd copy with a NUL after it, and NULL at the
 * end. Whoever reads stdin owns one. */
struct splitter {
    bool binary;
    char *buf;
    size_t len, cap;
    bool (*emit)(void *ctx, char *data, size_t len);
    void *ctx;
};

/* A line (or chunk) from stdin, waiting for the connection. */
struct pending {
    struct pending *next;
    char *data;
    size_t len;
};

struct headless {
    const struct cli_options *options;
    struct net *net;
    bool connected, closing, done;
    bool stdin_done;     /* the end of stdin was read */
    bool had_error;      /* exit status 1 */
    bool normal_close;   /* the connection ended with 1000 */
    uint64_t next_id;
    uint64_t unsent;     /* handed to net, no SENT / NOT_SENT yet */
    uint64_t received;
    uint64_t sent;           /* SENT so far */
    int64_t last_event_us;   /* when the network last said something */
    struct pending *queue_head, *queue_tail; /* before the connection is up */
    struct splitter split;   /* POSIX: the loop reads stdin */
    struct net_watch *input; /* stdin's watch, until its end */
    bool input_paused;       /* HEADLESS_MAX_UNSENT reached */
    struct playback *playback; /* --replay: sends the recording instead of stdin */
    /* Crosses threads (Windows: the console's stop handler): set when
     * the system asks Ponte to end; the loop looks after each turn. */
    atomic_bool stop;
#if defined(_WIN32)
    Uint32 line_type; /* the SDL event type of the reader's lines */
#endif
};

/* ---- stdin into lines ---------------------------------------------------------------- */

static bool emit_copy(struct splitter *s, const char *data, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy) {
        fprintf(stderr, "ponte: out of memory reading stdin\n");
        return false;
    }
    memcpy(copy, data, len);
    copy[len] = '\0';
    return s->emit(s->ctx, copy, len);
}

/* Takes what one read gave; false when it cannot go on (out of memory,
 * or the receiver is gone). */
static bool split_feed(struct splitter *s, const char *in, size_t got)
{
    if (s->binary) {
        /* Chunks of HEADLESS_CHUNK bytes, the last one shorter. */
        while (got) {
            if (!s->buf && !(s->buf = malloc(HEADLESS_CHUNK))) {
                fprintf(stderr, "ponte: out of memory reading stdin\n");
                return false;
            }
            size_t n = HEADLESS_CHUNK - s->len < got ? HEADLESS_CHUNK - s->len : got;
            memcpy(s->buf + s->len, in, n);
            s->len += n;
            in += n;
            got -= n;
            if (s->len == HEADLESS_CHUNK) {
                char *chunk = s->buf;
                s->buf = NULL;
                s->len = 0;
                if (!s->emit(s->ctx, chunk, HEADLESS_CHUNK))
                    return false;
            }
        }
        return true;
    }
    /* Lines: split at each line feed; a line that spans reads grows in buf. */
    for (size_t i = 0; i < got; i++) {
        if (in[i] == '\n') {
            if (s->len && s->buf[s->len - 1] == '\r')
                s->len--; /* a CR LF line */
            bool ok = emit_copy(s, s->buf, s->len);
            s->len = 0;
            if (!ok)
                return false;
            continue;
        }
        if (!grow(&s->buf, &s->cap, s->len + 2, 1, 0)) { /* (room for one more after this byte) */
            fprintf(stderr, "ponte: out of memory reading stdin\n");
            return false;
        }
        s->buf[s->len++] = in[i];
    }
    return true;
}

/* The end of stdin (or of reading it): the last line without its line
 * feed, or the last short chunk, then the end itself. */
static void split_end(struct splitter *s, bool ok)
{
    if (ok && s->len) {
        if (s->binary) {
            s->emit(s->ctx, s->buf, s->len);
            s->buf = NULL;
        } else {
            emit_copy(s, s->buf, s->len);
        }
    }
    free(s->buf);
    s->buf = NULL;
    s->len = s->cap = 0;
    s->emit(s->ctx, NULL, 0);
}

/* ---- the loop's thread ------------------------------------------------------------- */

/* --slash: a line that is a frame command (frames.h) goes as that frame;
 * one that is refused is named and nothing is sent. False: a plain line. */
static bool send_frame(struct headless *h, const char *line, size_t len)
{
    struct frames_request frame;
    enum frames_error why;
    switch (frames_parse_line(line, len, &frame, &why)) {
    case FRAMES_LINE_PLAIN:
        return false;
    case FRAMES_LINE_REFUSED:
        fprintf(stderr, "ponte: not sent: %.*s: %s\n", len > 80 ? 80 : (int)len, line, frames_error_text(why));
        return true;
    case FRAMES_LINE_COMMAND:
        break;
    }
    bool message = frame.kind == FRAMES_MESSAGE || frame.kind == FRAMES_FRAGMENTS || frame.kind == FRAMES_INVALID_UTF8;
    if (frame.kind == FRAMES_CLOSE)
        h->closing = true;
    if (!net_frame(h->net, message ? ++h->next_id : 0, &frame)) {
        fprintf(stderr, "ponte: out of memory: a frame was not sent\n");
        h->had_error = true;
    } else if (message) {
        h->unsent++;
    }
    frames_request_free(&frame);
    return true;
}

static void send_one(struct headless *h, char *data, size_t len)
{
    /* (Chunks of --binary-stdin are bytes, never commands.) */
    if (h->options->slash && !h->options->binary_stdin && send_frame(h, data, len)) {
        free(data);
        return;
    }
    if (!net_send(h->net, ++h->next_id, data, len, h->options->binary_stdin)) {
        fprintf(stderr, "ponte: out of memory: a line was not sent\n");
        h->had_error = true;
    } else {
        h->unsent++;
    }
    free(data);
    if (h->input && !h->input_paused && net_unsent_bytes(h->net) > HEADLESS_MAX_UNSENT) {
        h->input_paused = true;
        net_watch_pause(h->input, true);
    }
}

/* Everything read and sent: close normally (not with --echo-back, which
 * answers until the server closes, nor with --count, which waits for its
 * messages). Answers to what was just sent may still be on their way: the
 * close waits until as many messages came as were sent (an echo server's
 * all came back) or nothing came for QUIET_MS. */
#define QUIET_MS 500

static void close_when_done(struct headless *h)
{
    if (h->playback) { /* (its own wait: playback.h) */
        if (h->connected && !h->closing && !h->unsent && playback_done(h->playback, platform_monotonic_us())) {
            h->closing = true;
            net_close(h->net);
        }
        return;
    }
    bool answered = h->received >= h->sent || platform_monotonic_us() - h->last_event_us >= QUIET_MS * 1000;
    if (h->stdin_done && h->connected && !h->closing && !h->unsent && !h->queue_head && answered &&
        !h->options->echo_back && !h->options->count) {
        h->closing = true;
        net_close(h->net);
    }
}

/* Where a line (or chunk) of stdin becomes a command: sent now, or kept
 * until the connection is up. data is malloc'd (this takes it); NULL is
 * the end of stdin. */
static void on_line(struct headless *h, char *data, size_t len)
{
    if (!data) {
        h->stdin_done = true;
        close_when_done(h); /* (or once connected and the queue is out) */
        return;
    }
    if (h->connected) {
        send_one(h, data, len);
        return;
    }
    struct pending *p = malloc(sizeof *p);
    if (!p) {
        fprintf(stderr, "ponte: out of memory: a line was not sent\n");
        free(data);
        h->had_error = true;
        return;
    }
    *p = (struct pending){NULL, data, len};
    if (h->queue_tail)
        h->queue_tail->next = p;
    else
        h->queue_head = p;
    h->queue_tail = p;
}

static void print_message(const struct net_event *ev)
{
    if (ev->binary) {
        size_t n = codec_base64_encoded_len(ev->len);
        char *text = n != SIZE_MAX ? malloc(n + 1) : NULL;
        if (!text) {
            fprintf(stderr, "ponte: out of memory: a binary message (%zu bytes) was not printed\n", ev->len);
            return;
        }
        codec_base64_encode(ev->data, ev->len, text);
        fputs("b64:", stdout);
        fwrite(text, 1, n, stdout);
        free(text);
    } else if (ev->len) {
        fwrite(ev->data, 1, ev->len, stdout);
    }
    fputc('\n', stdout);
    fflush(stdout);
}

static void on_event(struct headless *h, struct net_event *ev)
{
    const struct cli_options *o = h->options;
    char frame[300];
    if (frames_event_text(ev, frame, sizeof frame)) /* the frames --slash asked for */
        fprintf(stderr, "ponte: %s\n", frame);
    if (h->playback)
        playback_event(h->playback, ev, platform_monotonic_us());
    switch (ev->kind) {
    case NET_EVENT_LISTENING:
        fprintf(stderr, "ponte: built-in echo server on 127.0.0.1:%d\n", ev->code);
        break;
    case NET_EVENT_CONNECTING:
        break;
    case NET_EVENT_CONNECTED: {
        h->connected = true;
        const struct net_connected none = {0}, *c = ev->connected ? ev->connected : &none;
        fprintf(stderr, "ponte: connected%s%s%s%s%s%s%s%s\n", c->protocol[0] ? ", subprotocol " : "",
                c->protocol, c->tls_version[0] ? ", " : "", c->tls_version, c->tls_version[0] ? " " : "",
                c->tls_cipher, c->proxy[0] ? ", via proxy " : "", c->proxy);
        while (h->queue_head) {
            struct pending *p = h->queue_head;
            h->queue_head = p->next;
            send_one(h, p->data, p->len);
            free(p);
        }
        h->queue_tail = NULL;
        if (h->playback)
            playback_connected(h->playback, platform_monotonic_us());
        close_when_done(h);
        break;
    }
    case NET_EVENT_SENT:
        h->unsent--;
        h->sent++;
        if (h->input_paused && net_unsent_bytes(h->net) < HEADLESS_MAX_UNSENT / 2) {
            h->input_paused = false;
            net_watch_pause(h->input, false);
        }
        close_when_done(h);
        break;
    case NET_EVENT_NOT_SENT:
        h->unsent--;
        h->had_error = true;
        fprintf(stderr, "ponte: a message was not sent: %s\n", net_error_text(ev->error));
        close_when_done(h);
        break;
    case NET_EVENT_RECEIVED:
        if (o->count && h->received >= o->count)
            break; /* --count reached: what else came is not printed */
        print_message(ev);
        h->received++;
        if (o->echo_back) {
            /* The same payload and type, straight back. */
            if (!net_send(h->net, ++h->next_id, ev->data, ev->len, ev->binary)) {
                fprintf(stderr, "ponte: out of memory: an echo was not sent\n");
                h->had_error = true;
            } else {
                h->unsent++;
            }
        }
        if (o->count && h->received >= o->count && !h->closing) {
            h->closing = true;
            net_close(h->net);
        }
        break;
    case NET_EVENT_CLOSED:
        h->connected = false;
        /* (A /close with the person's own code is as normal as 1000.) */
        h->normal_close = ev->code == 1000 || (h->closing && ev->closer == NET_CLOSER_CLIENT && ev->error == NET_ERROR_NONE);
        fprintf(stderr, "ponte: closed by %s: %d%s%s\n",
                ev->closer == NET_CLOSER_SERVER ? "the server" : ev->closer == NET_CLOSER_CLIENT ? "Ponte" : "nobody",
                ev->code, ev->data && *ev->data ? " " : "", ev->data ? ev->data : "");
        if (ev->code != 1000 && ev->error != NET_ERROR_NONE)
            fprintf(stderr, "ponte: %s\n", net_error_text(ev->error));
        uint64_t handed, count;
        if (h->playback && playback_sending(h->playback, &handed, &count)) {
            fprintf(stderr, tr_msgid(N_("ponte: the connection ended during the replay (%llu of %llu frames sent)\n")),
                    (unsigned long long)handed, (unsigned long long)count);
            h->had_error = true;
        }
        if (!o->reconnect || h->closing || h->playback) /* (a replay is one connection's) */
            h->done = true;
        break;
    case NET_EVENT_FAILED:
        h->connected = false;
        fprintf(stderr, "ponte: connection failed: %s%s%s\n", net_error_text(ev->error),
                ev->data && *ev->data ? ": " : "", ev->data ? ev->data : "");
        if (!o->reconnect || h->closing || h->playback) {
            h->had_error = true;
            h->done = true;
        }
        break;
    case NET_EVENT_RETRY:
        if (ev->code >= 0)
            fprintf(stderr, "ponte: reconnecting in %.1f s (attempt %u)\n", ev->code / 1000.0, (unsigned)ev->id);
        break;
    case NET_EVENT_PONG:
    case NET_EVENT_PING_SENT:
    case NET_EVENT_PONG_SENT:
    case NET_EVENT_PING_ANSWERED:
        break;
    }
}

/* The network module's deliver (one-thread mode): each event as it comes. */
static void deliver(void *user, struct net_event *ev)
{
    struct headless *h = user;
    h->last_event_us = platform_monotonic_us();
    if (!h->done)
        on_event(h, ev);
    net_event_free(ev);
}

#if !defined(_WIN32)
static bool line_in(void *ctx, char *data, size_t len)
{
    on_line(ctx, data, len);
    return true;
}

/* stdin can be read (a read does not wait): one read, split into lines. */
static bool stdin_readable(void *user)
{
    struct headless *h = user;
    char in[HEADLESS_READ];
    size_t got = platform_read_stdin(in, sizeof in);
    if (got && split_feed(&h->split, in, got))
        return true;
    split_end(&h->split, got == 0); /* (not ok: out of memory) */
    h->input = NULL; /* the watch is gone once this returns false */
    return false;
}

static bool stop_readable(void *user)
{
    struct headless *h = user;
    char byte[16];
    int fd = platform_stop_fd();
    while (read(fd, byte, sizeof byte) > 0)
        ;
    atomic_store(&h->stop, true);
    return true;
}

static bool watch_input(struct headless *h)
{
    h->split = (struct splitter){.binary = h->options->binary_stdin, .emit = line_in, .ctx = h};
    int stop_fd = platform_stop_fd();
    if (stop_fd < 0 || !net_watch_fd(h->net, stop_fd, stop_readable, h)) {
        fprintf(stderr, "ponte: cannot watch for SIGINT and SIGTERM\n");
        return false;
    }
    if (h->playback)
        return true; /* (stdin is not read while replaying) */
    h->input = net_watch_fd(h->net, 0, stdin_readable, h);
    if (!h->input) {
        fprintf(stderr, "ponte: cannot read stdin in the network loop\n");
        return false;
    }
    return true;
}

static void stop_input(struct headless *h)
{
    free(h->split.buf);
    h->split.buf = NULL;
}
#else
/* Windows: stdin is read on a thread of its own (see the top), whose
 * lines cross as SDL events. */
static struct net *reader_net; /* set before the reader starts */
static Uint32 reader_type;
static bool reader_binary;
/* Crosses threads: set by the loop's thread when it is done, so the
 * reader stops pushing into an event queue that is going away. */
static SDL_atomic_t reader_stop;

static bool push_line(void *ctx, char *data, size_t len)
{
    (void)ctx;
    SDL_Event e;
    SDL_zero(e);
    e.type = reader_type;
    e.user.data1 = data;
    e.user.data2 = (void *)(uintptr_t)len;
    /* The queue is full when the network is slower than stdin: wait for
     * room rather than lose a line. */
    while (SDL_PushEvent(&e) != 1) {
        if (SDL_AtomicGet(&reader_stop)) {
            free(data);
            return false;
        }
        SDL_Delay(1);
    }
    net_wake_loop(reader_net);
    return true;
}

/* Reads stdin with platform_read_stdin, not stdio (a console's input is
 * handed on as UTF-8, a pipe's as it is). */
static int read_stdin(void *arg)
{
    (void)arg;
    struct splitter split = {.binary = reader_binary, .emit = push_line};
    char in[HEADLESS_READ];
    bool ok = true;
    for (;;) {
        size_t got = platform_read_stdin(in, sizeof in);
        if (!got || !(ok = split_feed(&split, in, got)))
            break;
    }
    split_end(&split, ok);
    return 0;
}

/* The loop's woken: the reader's lines. */
static void take_lines(void *user)
{
    struct headless *h = user;
    SDL_Event e;
    while (!h->done && SDL_PeepEvents(&e, 1, SDL_GETEVENT, h->line_type, h->line_type) == 1)
        on_line(h, e.user.data1, (size_t)(uintptr_t)e.user.data2);
}

static struct headless *stop_target;

/* Any thread (the console's handler). */
static void ask_to_quit(void)
{
    atomic_store(&stop_target->stop, true);
    net_wake_loop(stop_target->net);
}

static bool watch_input(struct headless *h)
{
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "ponte: cannot start SDL events: %s\n", SDL_GetError());
        return false;
    }
    h->line_type = SDL_RegisterEvents(1);
    if (h->line_type == (Uint32)-1) {
        fprintf(stderr, "ponte: no SDL event type left to register\n");
        return false;
    }
    stop_target = h;
    platform_on_stop(ask_to_quit);
    if (h->playback)
        return true; /* (stdin is not read while replaying) */
    reader_net = h->net;
    reader_type = h->line_type;
    reader_binary = h->options->binary_stdin;
    /* Detached: at the end it may still be blocked reading stdin. */
    SDL_Thread *thread = SDL_CreateThread(read_stdin, "ponte-stdin", NULL);
    if (!thread) {
        fprintf(stderr, "ponte: cannot start the stdin reader: %s\n", SDL_GetError());
        return false;
    }
    SDL_DetachThread(thread);
    return true;
}

static void stop_input(struct headless *h)
{
    (void)h;
    SDL_AtomicSet(&reader_stop, 1);
    /* Lines the reader pushed after the end; the process ends right after
     * this, with the reader perhaps still blocked in stdin. */
    SDL_Event e;
    while (SDL_PeepEvents(&e, 1, SDL_GETEVENT, reader_type, reader_type) == 1)
        free(e.user.data1);
}
#endif

/* Until the connection is done or Ponte is asked to stop: each turn of the
 * network loop reads stdin, sends, receives and prints as things come. */
static void run_loop(struct headless *h)
{
    while (!h->done) {
        /* Once stdin has ended, close_when_done waits for a quiet time:
         * the loop looks again after it. */
        if (h->stdin_done && !h->closing)
            net_wake_in(h->net, QUIET_MS);
        int wait_ms = -1;
        if (h->playback && !playback_turn(h->playback, h->net, platform_monotonic_us(), &h->next_id, &h->unsent, &wait_ms)) {
            fprintf(stderr, "ponte: %s\n", tr_msgid(N_("out of memory: a recorded message was not sent")));
            h->had_error = true;
        }
        if (wait_ms >= 0)
            net_wake_in(h->net, wait_ms);
        if (!net_service(h->net)) {
            h->had_error = true; /* (the FAILED event said why) */
            break;
        }
        if (atomic_load(&h->stop))
            break;
        close_when_done(h); /* (also when the quiet time is over) */
    }
}

int headless_run(const struct cli_options *options, struct transcript *transcript)
{
    static struct headless h; /* (static: the Windows reader and stop handler may outlive a return) */
    h = (struct headless){.options = options};
    int status = 1;
    char err[512];
    struct net_config config = net_config_from_options(options);
    config.transcript = transcript;
    config.deliver = deliver;
    if (options->replay_file && !(h.playback = playback_open(options, &config.url))) {
        transcript_close(transcript);
        return 2; /* (bad input, as a bad option) */
    }
#if defined(_WIN32)
    config.woken = take_lines;
#endif
    config.deliver_user = &h;
    h.net = net_start(&config, err, sizeof err);
    if (!h.net) {
        fprintf(stderr, "ponte: %s\n", err);
        transcript_close(transcript);
        if (h.playback)
            playback_finish(h.playback); /* (--expect: nothing came) */
        return 1;
    }
    h.last_event_us = platform_monotonic_us();
    if (watch_input(&h)) {
        run_loop(&h);
        status = h.had_error || !h.normal_close ? 1 : 0;
    }
    h.done = true; /* what net_stop still reports is not printed */
    net_stop(h.net);
    if (h.playback && !playback_finish(h.playback))
        status = 1;
    stop_input(&h);
    while (h.queue_head) {
        struct pending *p = h.queue_head;
        h.queue_head = p->next;
        free(p->data);
        free(p);
    }
#if defined(_WIN32)
    SDL_Quit();
#endif
    return status;
}
