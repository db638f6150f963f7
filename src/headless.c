/* SPDX-License-Identifier: MIT */
/* headless: see headless.h.
 *
 * Two threads of our own besides the network worker: this one, asleep on a
 * semaphore, and a reader that turns stdin into SDL events (one per line or
 * chunk, and one for the end) and posts the semaphore. The network worker
 * posts it too, once per batch; the same rings and the same net module as
 * the window carry the messages. (Not SDL_WaitEvent: without a video
 * subsystem SDL 2.26 polls there every millisecond, which put a 1 ms floor
 * under every round trip.) */
#include "headless.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "codec.h"
#include "frames.h"
#include "grow.h"
#include "net.h"
#include "net_config.h"
#include "platform.h"
#include "transcript.h"

#define HEADLESS_CHUNK ((size_t)64 << 10) /* --binary-stdin: bytes per message */
#define HEADLESS_READ 4096                 /* lines: bytes per read, and a line's first room */

struct reader {
    Uint32 type;   /* the SDL event type of its lines */
    SDL_sem *wake; /* posted after each line */
    bool binary;   /* raw chunks, not lines */
    /* Crosses threads: set by the main thread when it is done, so the
     * reader stops pushing into an event queue that is going away. */
    SDL_atomic_t stop;
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
    Uint32 wake_type, line_type;
    bool connected, closing, done;
    bool stdin_done;     /* the reader saw the end of stdin */
    bool had_error;      /* exit status 1 */
    bool normal_close;   /* the connection ended with 1000 */
    uint64_t next_id;
    uint64_t unsent;     /* handed to net, no SENT / NOT_SENT yet */
    uint64_t received;
    uint64_t sent;           /* SENT so far */
    uint64_t last_event_ms;  /* when the network last said something */
    struct pending *queue_head, *queue_tail; /* before the connection is up */
};

/* ---- the stdin reader (its own thread) -------------------------------------------- */

static bool push_line(struct reader *r, char *data, size_t len)
{
    SDL_Event e;
    SDL_zero(e);
    e.type = r->type;
    e.user.data1 = data;
    e.user.data2 = (void *)(uintptr_t)len;
    /* The queue is full when the network is slower than stdin: wait for
     * room rather than lose a line. */
    while (SDL_PushEvent(&e) != 1) {
        if (SDL_AtomicGet(&r->stop)) {
            free(data);
            return false;
        }
        SDL_Delay(1);
    }
    SDL_SemPost(r->wake);
    return true;
}

/* Reads stdin with read(2), not stdio: glibc 2.41 (Debian 13) locks every
 * FILE, stdin included, when exit() flushes them, so a reader blocked in
 * getchar() held stdin's lock and the process never ended (and on Windows
 * platform_read_stdin hands a console's input on as UTF-8, a pipe's as it
 * is). Fills buf up to
 * n bytes unless the input ends first; returns the bytes read (0 at the
 * end or on an error). */
static size_t read_full(char *buf, size_t n, bool *ended)
{
    size_t got = 0;
    while (got < n && !*ended) {
        size_t r = platform_read_stdin(buf + got, n - got);
        if (!r)
            *ended = true;
        got += r;
    }
    return got;
}

static bool push_copy(struct reader *r, const char *data, size_t len)
{
    char *line = malloc(len + 1);
    if (!line) {
        fprintf(stderr, "ponte: out of memory reading stdin\n");
        return false;
    }
    memcpy(line, data, len);
    line[len] = '\0';
    return push_line(r, line, len);
}

static int read_stdin(void *arg)
{
    struct reader *r = arg;
    bool ended = false;
    if (r->binary) {
        /* Chunks of HEADLESS_CHUNK bytes, the last one shorter. */
        while (!ended) {
            char *chunk = malloc(HEADLESS_CHUNK);
            if (!chunk) {
                fprintf(stderr, "ponte: out of memory reading stdin\n");
                break;
            }
            size_t got = read_full(chunk, HEADLESS_CHUNK, &ended);
            if (!got) {
                free(chunk);
                break;
            }
            if (!push_line(r, chunk, got))
                break;
        }
        push_line(r, NULL, 0); /* the end */
        return 0;
    }

    /* Lines: what read gives is split at each line feed; a line that
     * spans reads grows in buf. */
    size_t cap = HEADLESS_READ, len = 0;
    char *buf = malloc(cap);
    char in[HEADLESS_READ];
    bool ok = buf != NULL;
    if (!ok)
        fprintf(stderr, "ponte: out of memory reading stdin\n");
    while (ok) {
        size_t got = platform_read_stdin(in, sizeof in);
        if (!got)
            break;
        for (size_t i = 0; ok && i < got; i++) {
            if (in[i] == '\n') {
                if (len && buf[len - 1] == '\r')
                    len--; /* a CR LF line */
                ok = push_copy(r, buf, len);
                len = 0;
                continue;
            }
            if (!grow(&buf, &cap, len + 2, 1, 0)) { /* (room for one more after this byte) */
                fprintf(stderr, "ponte: out of memory reading stdin\n");
                ok = false;
                break;
            }
            buf[len++] = in[i];
        }
    }
    if (ok && len) /* a last line without its line feed */
        push_copy(r, buf, len);
    free(buf);
    push_line(r, NULL, 0); /* the end */
    return 0;
}

/* ---- this thread --------------------------------------------------------------------- */

/* The worker's wake-up (its thread): coalesced by net, so posts are few. */
static bool wake(void *user)
{
    return SDL_SemPost(user) == 0;
}

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
}

/* Everything read and sent: close normally (not with --echo-back, which
 * answers until the server closes, nor with --count, which waits for its
 * messages). Answers to what was just sent may still be on their way: the
 * close waits until as many messages came as were sent (an echo server's
 * all came back) or nothing came for QUIET_MS. */
#define QUIET_MS 500

static void close_when_done(struct headless *h)
{
    bool answered = h->received >= h->sent || SDL_GetTicks64() - h->last_event_ms >= QUIET_MS;
    if (h->stdin_done && h->connected && !h->closing && !h->unsent && !h->queue_head && answered &&
        !h->options->echo_back && !h->options->count) {
        h->closing = true;
        net_close(h->net);
    }
}

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
        close_when_done(h);
        break;
    }
    case NET_EVENT_SENT:
        h->unsent--;
        h->sent++;
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
        if (!o->reconnect || h->closing)
            h->done = true;
        break;
    case NET_EVENT_FAILED:
        h->connected = false;
        fprintf(stderr, "ponte: connection failed: %s%s%s\n", net_error_text(ev->error),
                ev->data && *ev->data ? ": " : "", ev->data ? ev->data : "");
        if (!o->reconnect || h->closing) {
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

/* Any thread. */
static void ask_to_quit(void)
{
    SDL_Event e;
    SDL_zero(e);
    e.type = SDL_QUIT;
    SDL_PushEvent(&e);
}

/* Until the connection is done or SDL_QUIT: stdin's lines out, the
 * network's events in. */
static void run_loop(struct headless *h, SDL_sem *sem)
{
    SDL_Event e;
    while (!h->done) {
        /* SIGINT and SIGTERM become SDL_QUIT without a post: looked at
         * four times a second when nothing else happens. */
        SDL_SemWaitTimeout(sem, 250);
        while (!h->done && SDL_PollEvent(&e)) {
            if (e.type == h->line_type)
                on_line(h, e.user.data1, (size_t)(uintptr_t)e.user.data2);
            else if (e.type == SDL_QUIT)
                h->done = true;
        }
        struct net_event ev;
        while (!h->done && net_poll(h->net, &ev)) {
            h->last_event_ms = SDL_GetTicks64();
            on_event(h, &ev);
            net_event_free(&ev);
        }
        close_when_done(h); /* (also when the quiet time is over) */
    }
}

int headless_run(const struct cli_options *options, struct transcript *transcript)
{
    struct headless h = {.options = options};
    int status = 1;
    bool sdl_started = false, reader_started = false;
    SDL_sem *sem = NULL;
    static struct reader reader;
    char err[512];
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "ponte: cannot start SDL events: %s\n", SDL_GetError());
        goto end;
    }
    sdl_started = true;
    /* The system asking Ponte to end (on Windows: Ctrl+C, the console
     * closed, logging off) is SDL_QUIT, as SIGINT and SIGTERM are. */
    platform_on_stop(ask_to_quit);
    h.wake_type = SDL_RegisterEvents(2);
    if (h.wake_type == (Uint32)-1) {
        fprintf(stderr, "ponte: no SDL event type left to register\n");
        goto end;
    }
    h.line_type = h.wake_type + 1;
    sem = SDL_CreateSemaphore(0);
    if (!sem) {
        fprintf(stderr, "ponte: cannot create a semaphore: %s\n", SDL_GetError());
        goto end;
    }
    struct net_config config = net_config_from_options(options);
    config.transcript = transcript;
    config.wake = wake;
    config.wake_user = sem;
    h.net = net_start(&config, err, sizeof err);
    if (!h.net) {
        fprintf(stderr, "ponte: %s\n", err);
        goto end;
    }
    transcript = NULL; /* the worker owns it now */
    reader = (struct reader){.type = h.line_type, .wake = sem, .binary = options->binary_stdin};
    /* Detached: at the end it may still be blocked reading stdin. */
    SDL_Thread *thread = SDL_CreateThread(read_stdin, "ponte-stdin", &reader);
    if (!thread) {
        fprintf(stderr, "ponte: cannot start the stdin reader: %s\n", SDL_GetError());
        goto end;
    }
    SDL_DetachThread(thread);
    reader_started = true;

    run_loop(&h, sem);
    status = h.had_error || !h.normal_close ? 1 : 0;

end:
    if (reader_started)
        SDL_AtomicSet(&reader.stop, 1);
    net_stop(h.net);
    while (h.queue_head) {
        struct pending *p = h.queue_head;
        h.queue_head = p->next;
        free(p->data);
        free(p);
    }
    /* Lines the reader pushed after the end are freed with the queue. */
    SDL_Event e;
    while (reader_started && SDL_PollEvent(&e))
        if (e.type == h.line_type)
            free(e.user.data1);
    /* (With the reader started the semaphore stays: blocked in stdin, it
     * may still post it; the process ends right after this.) */
    if (sem && !reader_started)
        SDL_DestroySemaphore(sem);
    if (sdl_started)
        SDL_Quit();
    transcript_close(transcript);
    return status;
}
