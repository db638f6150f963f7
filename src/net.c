/* SPDX-License-Identifier: MIT */
/* net: the network worker (see net.h).
 *
 * Threads: `struct net` is split by owner. The rings, two atomic flags and
 * one semaphore cross between threads; `backlog` is the UI thread's;
 * `struct worker` and everything lws belongs to the worker thread, which
 * creates its vhosts, runs lws_service and destroys the context (once the UI
 * has made its last lws call). The context itself is created
 * by net_start before the worker exists, so that lws_cancel_service (the one
 * lws call the UI thread makes) has a context to wake from the first moment. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L /* getaddrinfo */
#endif
#include "net.h"

#include <errno.h>
#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <netdb.h>
#include <sys/socket.h>
#endif
#include <libwebsockets.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "assemble.h"
#include "echo.h"
#include "failure.h"
#include "net_config.h"
#include "platform.h"
#include "proxy.h"
#include "spsc.h"
#include "transcript.h"
#include "url.h"

/* Outgoing messages are written as frames of at most this size, so a huge
 * message never needs a second copy inside lws and pings can interleave. */
#define NET_WRITE_CHUNK ((size_t)64 << 10)
/* At most this many frames, or about this many bytes, per WRITEABLE. */
#define NET_WRITE_BATCH_FRAMES 16
#define NET_WRITE_BATCH_BYTES ((size_t)256 << 10)
/* A close (or quit) first lets the messages already queued go out, for at
 * most this long; then the close frame goes, whatever is left is reported
 * not sent. */
#define NET_CLOSE_GRACE_US (2 * LWS_USEC_PER_SEC)
/* A quit ends the worker after this long even if the server never answers
 * our close frame. */
#define NET_QUIT_GRACE_US (3 * LWS_USEC_PER_SEC)
/* Once the close frame is due, the connection ends after this long even if
 * the socket never takes it (seconds, for lws_set_timeout). */
#define NET_CLOSE_STUCK_S 3
/* Payload bytes the event ring may hold before the worker parks events and
 * stops reading: bounds memory whatever the message sizes. */
#define NET_MAX_INFLIGHT ((size_t)64 << 20)
/* Messages handed to the worker and not yet written (nor failed) may hold
 * this many bytes, each counted NET_SEND_OVERHEAD more for what it costs to
 * keep (one message alone may be larger): when the socket is slow, the rest
 * waits, in order, in the UI thread's backlog, so the worker never holds
 * more than that whatever is typed or pasted. */
#define NET_MAX_UNSENT ((size_t)16 << 20)
#define NET_SEND_OVERHEAD 64
/* A failed wake-up (SDL's queue full) is tried again after this long. */
#define NET_WAKE_RETRY_US (10 * LWS_USEC_PER_SEC / 1000)
/* A SENT event alone wakes the UI only after this long: an echo or any
 * other event usually comes first and takes it along in the same wake-up.
 * Far below a frame, so a bubble's "sent" is never seen late. */
#define NET_SENT_WAKE_US (2 * LWS_USEC_PER_SEC / 1000)
/* Reconnecting: retry_first_ms, doubling to retry_max_ms (net_config.c), each
 * +-20%; a connection that lived longer than NET_RETRY_RESET_US starts the
 * series again. */
#define NET_RETRY_RESET_US (30 * LWS_USEC_PER_SEC)

struct parked_event {
    struct parked_event *next;
    struct net_event ev;
};

struct outgoing {
    struct outgoing *next;
    struct net_command cmd;
    size_t offset; /* bytes already written */
};

enum conn_state {
    CONN_IDLE,
    CONN_CONNECTING, /* TCP, TLS and the HTTP upgrade */
    CONN_OPEN,
};

/* Worker thread only. */
struct worker {
    struct lws_vhost *client_vhost;
    struct lws *wsi; /* the client connection; reset_connection clears it */
    enum conn_state state;
    struct url url;
    char url_text[URL_HOST_MAX + URL_PATH_MAX + 32];
    char host_header[URL_HOST_MAX + 16];
    bool url_ready; /* false until the echo server has a port */
    bool switching; /* the person asked for another URL: connect to it once this connection ends */
    int echo_port;  /* the built-in echo server's, once started (0: not running) */
    bool stop, quitting;
    lws_sorted_usec_list_t quit_timer;
    lws_sorted_usec_list_t close_timer;
    lws_sorted_usec_list_t wake_timer;
    lws_sorted_usec_list_t sent_timer; /* a deferred wake-up for SENT */
    bool sent_timer_armed;
    lws_sorted_usec_list_t attempt_timer;
    bool attempt_timed_out, attempt_cancelled, attempt_reported;

    /* The message being received, reassembled from its fragments; its cap
     * is the config's max_message. */
    struct assemble rx;

    struct outgoing *out_head, *out_tail;
    unsigned char *write_buf; /* LWS_PRE + NET_WRITE_CHUNK */

    /* How the current connection is ending. A close is never started by
     * returning -1 from a receive callback: lws 4.1.6 then goes on parsing
     * the frame without resetting its buffer and overruns it. */
    bool close_requested;  /* the person asked: close once the queue is sent */
    bool close_now;        /* close at the next WRITEABLE with close_code */
    bool close_sent;       /* our close frame went out */
    enum net_closer closer;
    enum net_error close_error;
    int close_code;
    char close_reason[124]; /* a close frame carries at most 123 bytes */
    size_t close_reason_len;

    /* Events that found the ring full, oldest first; reading is paused while
     * any wait here. */
    struct parked_event *parked_head, *parked_tail;
    bool rx_paused;

    struct transcript *transcript;
    char *ca_file; /* set before the thread starts; freed after setup */
    int timeout_s;

    /* The handshake, copied from the config by net_start. */
    struct header {
        char *name;  /* with its ':' */
        char *value;
    } *headers;
    size_t header_count;
    char *protocols; /* "a, b": offered subprotocols, or NULL */
    char agreed_protocol[128]; /* the server's choice, for CONNECTED */
    char *origin, *cert_file, *key_file;
    bool insecure;
    bool queue_offline; /* hold messages while disconnected */
    int retry_first_ms, retry_max_ms;
    /* How far the attempt got, for failure.c (reset by connect_now). lws
     * words its failures differently in 4.1.6 and 4.3; these facts are
     * the same in both. */
    bool connect_started;   /* lws 4.3's CONNECTING: the name resolved, connect() is next */
    bool tcp_connected;     /* WSI_CREATE: the first hop's TCP connection is up */
    bool tunnel_open;       /* through a proxy: TLS or the upgrade request started */
    bool tls_started, tls_server_hello, tls_done;
    long tls_verify;        /* the verify result when our side ended the handshake */
    int http_status;        /* the answer to the upgrade request */
    /* What OpenSSL said while the attempt's TLS handshake ran (lws 4.1.6
     * clears the error queue before it reports the failure). */
    char tls_problem[160];
    bool tls_certificate_requested; /* the server sent a CertificateRequest */

    /* Reconnecting. */
    bool reconnect;
    bool person_closed;      /* the person closed: no reconnecting until they connect */
    bool retry_pending;
    unsigned retry_attempt;  /* attempts since the last connection that lived */
    lws_usec_t connected_at; /* 0 when not connected */
    lws_sorted_usec_list_t retry_timer;
    uint64_t jitter;         /* xorshift state for the delays */

    /* The proxy: the settings, copied by net_start, and the choice
     * connect_now makes for each attempt from the URL of the moment. */
    char *proxy_option;         /* --proxy, or NULL */
    struct proxy_env proxy_env; /* values are our copies; names are static */
    bool via_proxy;             /* this attempt goes through proxy */
    struct proxy proxy;
    char proxy_text[PROXY_HOST_MAX + 8]; /* "host:port", never the credentials */
    /* Asking the proxy why it refused the tunnel (see start_probe). */
    struct lws_vhost *probe_vhost;
    struct lws *probe_wsi;      /* the probe connection, or NULL */
    bool probing;               /* the attempt's failure waits for the probe */
    char probe_rx[256];         /* the start of the proxy's answer */
    size_t probe_len;

    /* Keepalive: our own pings, so their round trip is known. */
    int ping_interval_s, ping_timeout_s; /* interval <= 0: no pings */
    lws_sorted_usec_list_t ping_timer;
    lws_usec_t last_rx_us;   /* anything from the server: data, pong, ping */
    lws_usec_t last_ping_us; /* when our last ping went */
    bool ping_due;
};

struct net {
    /* Set by net_start, read-only afterwards (both threads read them). */
    struct lws_context *context;
    SDL_Thread *thread;
    bool (*wake)(void *user);
    void *wake_user;
    bool local_echo, connect_at_start;
    uint32_t ring_capacity;

    /* UI → worker commands and worker → UI events. */
    struct spsc commands;
    struct spsc events;

    /* Crosses threads: the worker sets it when it has pushed events and calls
     * wake only if it was clear; the UI clears it when it finds the event ring
     * empty. One SDL event per batch, however many messages arrive. */
    _Atomic bool wake_pending;
    /* Crosses threads: the worker sets it when events are parked because the
     * event ring was full; the UI clears it and wakes the worker once it has
     * made room. All accesses to both flags are seq_cst: each side writes one
     * flag and then reads the other, and neither read may move before that
     * write, or a wake-up could be lost with both sides asleep. */
    _Atomic bool worker_stalled;
    /* Crosses threads: the UI sets it when it pushes a command and calls
     * lws_cancel_service only if it was clear; the worker clears it before
     * it drains the command ring. One wake-up per batch the worker has not
     * started on, however many commands. Exchanges on both sides (seq_cst,
     * as above): the worker reading the UI's `true` makes the commands
     * pushed before it visible to the pops that follow. */
    _Atomic bool commands_pending;
    /* Crosses threads: payload bytes in the event ring; the worker adds
     * before a push, the UI subtracts after a pop. Only a budget, so relaxed
     * is enough: a stale value merely parks an event a little early or late. */
    _Atomic size_t inflight_bytes;
    /* Crosses threads: what the sends in the command ring and the worker's
     * queue cost (see NET_MAX_UNSENT); the UI adds before a push, the worker
     * subtracts when it reports the message SENT or NOT_SENT. A budget too:
     * relaxed. (The add is ordered before the push, the push's release
     * before the worker's pop, so a subtraction never comes first.) */
    _Atomic size_t unsent_bytes;

    /* Crosses threads: net_stop posts it after its last lws_cancel_service,
     * and the worker waits for it before destroying the context that call
     * reads. A worker that takes the quit command at once must not free the
     * context while the UI is still inside its wake-up call. */
    SDL_sem *ui_done;

    /* UI thread only: commands that found the command ring full, in order. */
    struct net_command *backlog;
    size_t backlog_head, backlog_len, backlog_cap;

    /* Worker thread only. */
    struct worker w;
};

static void free_handshake(struct worker *w);

static char *dup_bytes(const void *data, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    return copy;
}

/* ---- worker: events out ------------------------------------------------ */

static void wake_ui(struct net *net);

static void wake_retry(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, wake_timer);
    wake_ui(lws_container_of(w, struct net, w));
}

static void wake_ui(struct net *net)
{
    if (net->w.sent_timer_armed) { /* this wake-up carries the SENTs too */
        net->w.sent_timer_armed = false;
        lws_sul_cancel(&net->w.sent_timer);
    }
    if (!atomic_exchange(&net->wake_pending, true) && net->wake && !net->wake(net->wake_user)) {
        /* Not delivered: clear the flag and try again soon, or events could
         * wait for the person's next keystroke. */
        atomic_store(&net->wake_pending, false);
        lws_sul_schedule(net->context, 0, &net->w.wake_timer, wake_retry, NET_WAKE_RETRY_US);
    }
}

static void sent_wake(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, sent_timer);
    w->sent_timer_armed = false;
    wake_ui(lws_container_of(w, struct net, w));
}

/* Wakes the UI for a SENT event within NET_SENT_WAKE_US, or sooner with
 * the next event: never armed again while armed, so a stream of SENTs
 * cannot push the wake-up further away. */
static void wake_ui_soon(struct net *net)
{
    if (net->w.stop) { /* no more timers once the loop ends */
        wake_ui(net);
        return;
    }
    if (!net->w.sent_timer_armed) {
        net->w.sent_timer_armed = true;
        lws_sul_schedule(net->context, 0, &net->w.sent_timer, sent_wake, NET_SENT_WAKE_US);
    }
}

/* Whether a header's value is a secret the transcript must not hold. */
static bool secret_header(const char *name)
{
    static const char *const secrets[] = {"authorization:", "proxy-authorization:", "cookie:"};
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        if (!SDL_strcasecmp(name, secrets[i]))
            return true;
    return false;
}

/* The extra handshake headers, as "Name: value" lines; secrets as ***. */
static void record_headers(struct net *net, struct transcript *t)
{
    struct worker *w = &net->w;
    if (!w->header_count)
        return;
    size_t n = 0;
    for (size_t i = 0; i < w->header_count; i++)
        n += strlen(w->headers[i].name) + strlen(w->headers[i].value) + 3;
    char *all = malloc(n + 1);
    if (!all)
        return;
    size_t at = 0;
    for (size_t i = 0; i < w->header_count; i++) {
        const char *value = secret_header(w->headers[i].name) ? "***" : w->headers[i].value;
        at += (size_t)sprintf(all + at, "%s%s %s", i ? "\n" : "", w->headers[i].name, value);
    }
    transcript_field_text(t, "headers", all, at);
    free(all);
}

static void record(struct net *net, const struct net_event *ev, const char *text, size_t len)
{
    struct transcript *t = net->w.transcript;
    if (!t)
        return;
    switch (ev->kind) {
    case NET_EVENT_LISTENING:
    case NET_EVENT_PONG:
        return;
    case NET_EVENT_RETRY:
        if (ev->code < 0)
            return;
        transcript_begin(t, ev->time_us, "reconnecting");
        transcript_field_int(t, "attempt", (int64_t)ev->id);
        transcript_field_int(t, "delay_ms", ev->code);
        break;
    case NET_EVENT_CONNECTING:
    case NET_EVENT_CONNECTED:
        transcript_begin(t, ev->time_us, ev->kind == NET_EVENT_CONNECTING ? "connecting" : "connected");
        transcript_field_text(t, "url", net->w.url_text, strlen(net->w.url_text));
        if (net->w.via_proxy) /* host:port only: the credentials never reach the transcript */
            transcript_field_text(t, "proxy", net->w.proxy_text, strlen(net->w.proxy_text));
        if (ev->kind == NET_EVENT_CONNECTING)
            record_headers(net, t);
        if (ev->kind == NET_EVENT_CONNECTED && ev->data) {
            const char *tab = strchr(ev->data, '\t');
            size_t plen = tab ? (size_t)(tab - ev->data) : ev->len;
            if (plen)
                transcript_field_text(t, "protocol", ev->data, plen);
            const char *tls = tab ? tab + 1 : "";
            size_t tlen = strcspn(tls, "\t");
            if (tlen)
                transcript_field_text(t, "tls", tls, tlen);
        }
        break;
    case NET_EVENT_SENT:
    case NET_EVENT_RECEIVED:
    case NET_EVENT_NOT_SENT:
        transcript_begin(t, ev->time_us,
                         ev->kind == NET_EVENT_SENT       ? "sent"
                         : ev->kind == NET_EVENT_RECEIVED ? "received"
                                                          : "not_sent");
        if (ev->binary)
            transcript_field_base64(t, "base64", text, len);
        else
            transcript_field_text(t, "text", text, len);
        if (ev->kind == NET_EVENT_NOT_SENT) {
            const char *why = net_error_text(ev->error);
            transcript_field_text(t, "reason", why, strlen(why));
        }
        break;
    case NET_EVENT_CLOSED: {
        transcript_begin(t, ev->time_us, "closed");
        transcript_field_int(t, "code", ev->code);
        transcript_field_text(t, "reason", ev->data ? ev->data : "", ev->len);
        const char *by = ev->closer == NET_CLOSER_SERVER   ? "server"
                         : ev->closer == NET_CLOSER_CLIENT ? "client"
                                                           : "none";
        transcript_field_text(t, "by", by, strlen(by));
        break;
    }
    case NET_EVENT_FAILED: {
        transcript_begin(t, ev->time_us, "error");
        const char *why = net_error_text(ev->error);
        transcript_field_text(t, "reason", why, strlen(why));
        if (ev->data)
            transcript_field_text(t, "detail", ev->data, ev->len);
        break;
    }
    }
    transcript_end(t);
}

static void park(struct net *net, const struct net_event *ev)
{
    struct worker *w = &net->w;
    struct parked_event *p = malloc(sizeof *p);
    if (!p) {
        /* Nowhere left to keep it: say so rather than lose it silently. */
        fprintf(stderr, "ponte: out of memory, a network event was lost\n");
        free(ev->data);
        return;
    }
    p->next = NULL;
    p->ev = *ev;
    if (w->parked_tail)
        w->parked_tail->next = p;
    else
        w->parked_head = p;
    w->parked_tail = p;
    if (w->wsi && !w->rx_paused) {
        /* Stop reading until the UI catches up: never drop, never grow
         * without bound. */
        w->rx_paused = true;
        lws_rx_flow_control(w->wsi, 0);
    }
    atomic_store(&net->worker_stalled, true);
}

/* Pushes an event if the ring has a slot and the byte budget has room (an
 * event alone in the ring always goes, however big). */
static bool push_event(struct net *net, const struct net_event *ev)
{
    size_t inflight = atomic_load_explicit(&net->inflight_bytes, memory_order_relaxed);
    if (inflight > 0 && inflight + ev->len > NET_MAX_INFLIGHT)
        return false;
    atomic_fetch_add_explicit(&net->inflight_bytes, ev->len, memory_order_relaxed);
    if (spsc_push(&net->events, ev))
        return true;
    atomic_fetch_sub_explicit(&net->inflight_bytes, ev->len, memory_order_relaxed);
    return false;
}

/* Writes the event to the transcript (text: the payload for messages) and
 * hands it to the UI. Takes ownership of ev->data. */
static void emit(struct net *net, struct net_event *ev, const char *text, size_t len)
{
    if (!ev->time_us)
        ev->time_us = platform_wall_clock_us();
    if (ev->kind == NET_EVENT_SENT || ev->kind == NET_EVENT_NOT_SENT) /* the message is done with */
        atomic_fetch_sub_explicit(&net->unsent_bytes, len + NET_SEND_OVERHEAD, memory_order_relaxed);
    record(net, ev, text, len);
    bool sent = ev->kind == NET_EVENT_SENT;
    if (net->w.parked_head || !push_event(net, ev))
        park(net, ev);
    if (sent)
        wake_ui_soon(net);
    else
        wake_ui(net);
}

static void flush_parked(struct net *net)
{
    struct worker *w = &net->w;
    bool pushed = false;
    while (w->parked_head && push_event(net, &w->parked_head->ev)) {
        pushed = true;
        struct parked_event *p = w->parked_head;
        w->parked_head = p->next;
        if (!w->parked_head)
            w->parked_tail = NULL;
        free(p);
    }
    if (w->parked_head) {
        atomic_store(&net->worker_stalled, true);
    } else if (w->rx_paused) {
        w->rx_paused = false;
        if (w->wsi)
            lws_rx_flow_control(w->wsi, 1 | LWS_RXFLOW_REASON_FLAG_PROCESS_NOW);
    }
    if (pushed || w->parked_head)
        wake_ui(net);
}

/* ---- worker: the client connection --------------------------------------- */

static void fail_outgoing(struct net *net, enum net_error why)
{
    struct worker *w = &net->w;
    while (w->out_head) {
        struct outgoing *o = w->out_head;
        w->out_head = o->next;
        struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = o->cmd.id,
                               .error = why, .binary = o->cmd.binary};
        emit(net, &ev, o->cmd.data, o->cmd.len);
        free(o->cmd.data);
        free(o);
    }
    w->out_tail = NULL;
}

/* With queue_offline, what is queued waits for the next connection
 * instead of being reported not sent (until Ponte quits). */
static bool holding(const struct worker *w)
{
    return w->queue_offline && !w->quitting;
}

/* The connection ended or never came: the queue fails, or with
 * queue_offline waits (a message half written goes again whole). */
static void drop_or_hold_outgoing(struct net *net, enum net_error why)
{
    struct worker *w = &net->w;
    if (holding(w)) {
        if (w->out_head)
            w->out_head->offset = 0;
        return;
    }
    fail_outgoing(net, why);
}

static void reset_connection(struct net *net)
{
    struct worker *w = &net->w;
    if (w->probe_wsi) /* its callbacks are ignored from now on */
        lws_set_timeout(w->probe_wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
    w->probe_wsi = NULL;
    w->probing = false;
    lws_sul_cancel(&w->attempt_timer);
    lws_sul_cancel(&w->close_timer);
    lws_sul_cancel(&w->ping_timer);
    w->ping_due = false;
    w->state = CONN_IDLE;
    w->wsi = NULL;
    assemble_reset(&w->rx);
    w->rx_paused = false;
    w->close_requested = false;
    w->close_now = false;
    w->close_sent = false;
}

/* The URL's canonical text (events, transcript) and its Host header. */
static void url_texts(struct worker *w)
{
    url_format(&w->url, w->url_text, sizeof w->url_text);
    bool default_port = w->url.port == (w->url.tls ? 443 : 80);
    bool v6 = strchr(w->url.host, ':') != NULL;
    if (default_port)
        snprintf(w->host_header, sizeof w->host_header, v6 ? "[%s]" : "%s", w->url.host);
    else
        snprintf(w->host_header, sizeof w->host_header, v6 ? "[%s]:%d" : "%s:%d", w->url.host,
                 w->url.port);
}

static void connect_now(struct net *net);

static void retry_now(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, retry_timer);
    w->retry_pending = false;
    connect_now(lws_container_of(w, struct net, w));
}

/* After a connection ended or an attempt failed that nobody asked for:
 * the next attempt after a growing delay, never at once, so a server that
 * fails fast cannot make a busy loop. Close codes 1012-1014 ask to come
 * back soon: the series starts again. */
static void schedule_retry(struct net *net, int close_code)
{
    struct worker *w = &net->w;
    if (!w->reconnect || w->quitting || w->person_closed || !w->url_ready || w->retry_pending)
        return;
    lws_usec_t now = lws_now_usecs();
    if ((w->connected_at && now - w->connected_at > NET_RETRY_RESET_US) ||
        (close_code >= 1012 && close_code <= 1014))
        w->retry_attempt = 0;
    w->connected_at = 0;
    w->retry_attempt++;
    unsigned shift = w->retry_attempt - 1 < 16 ? w->retry_attempt - 1 : 16;
    long long base = (long long)w->retry_first_ms << shift;
    if (base > w->retry_max_ms)
        base = w->retry_max_ms;
    w->jitter ^= w->jitter << 13;
    w->jitter ^= w->jitter >> 7;
    w->jitter ^= w->jitter << 17;
    long long spread = base / 5; /* +-20% */
    long long delay = base - spread + (long long)(w->jitter % (uint64_t)(2 * spread + 1));
    w->retry_pending = true;
    lws_sul_schedule(net->context, 0, &w->retry_timer, retry_now, (lws_usec_t)delay * 1000);
    struct net_event ev = {.kind = NET_EVENT_RETRY, .code = (int)delay, .id = w->retry_attempt};
    emit(net, &ev, NULL, 0);
}

/* The person stopped the reconnecting (Close connection while waiting). */
static void cancel_retry(struct net *net)
{
    struct worker *w = &net->w;
    if (!w->retry_pending)
        return;
    lws_sul_cancel(&w->retry_timer);
    w->retry_pending = false;
    struct net_event ev = {.kind = NET_EVENT_RETRY, .code = -1};
    emit(net, &ev, NULL, 0);
}

/* The connection to the old URL has ended: on to the new one. */
static void switch_now(struct net *net)
{
    net->w.switching = false;
    connect_now(net);
}

static void report_failure(struct net *net, enum net_error error, const char *detail)
{
    struct worker *w = &net->w;
    if (w->attempt_reported)
        return;
    w->attempt_reported = true;
    reset_connection(net);
    struct net_event ev = {.kind = NET_EVENT_FAILED, .error = error};
    if (detail && *detail) {
        ev.len = strlen(detail);
        ev.data = dup_bytes(detail, ev.len);
        if (!ev.data)
            ev.len = 0;
    }
    emit(net, &ev, NULL, 0);
    drop_or_hold_outgoing(net, NET_ERROR_NOT_CONNECTED);
    if (w->quitting)
        w->stop = true;
    else if (w->switching)
        switch_now(net);
    else if (error != NET_ERROR_CANCELLED)
        schedule_retry(net, 0);
}

/* Our own look-up of a host name whose TCP connection never came up: lws
 * keeps getaddrinfo's result to itself (4.1.6 and 4.3 word it differently,
 * and 4.3 reports only a missing name), and whether the name does not
 * exist or no name server answered is what the person needs to know. The
 * worker is lws's own thread: lws made the same blocking call a moment
 * ago, so the answer is at hand (or fails as fast). */
static enum failure_lookup look_up(const char *host)
{
    struct addrinfo hints, *found = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, NULL, &hints, &found);
    if (found)
        freeaddrinfo(found);
    switch (rc) {
    case 0:
        return FAILURE_LOOKUP_RESOLVED;
    case EAI_NONAME:
#if defined(EAI_NODATA) && EAI_NODATA != EAI_NONAME
    case EAI_NODATA:
#endif
        return FAILURE_LOOKUP_NO_SUCH_NAME;
    case EAI_AGAIN:
    case EAI_FAIL:
        return FAILURE_LOOKUP_NO_ANSWER;
    default:
        return FAILURE_LOOKUP_OTHER;
    }
}

/* lws's words for a 101 answer it refused (the one thing lws tells only in
 * words): they pick the detail, never the error. */
static enum failure_upgrade upgrade_fault(const char *why)
{
    static const struct {
        const char *lws;
        enum failure_upgrade fault;
    } faults[] = {
        {"Accept hash wrong", FAILURE_UPGRADE_ACCEPT_WRONG},
        {"ACCEPT missing", FAILURE_UPGRADE_ACCEPT_MISSING},
        {"UPGRADE", FAILURE_UPGRADE_NOT_UPGRADE},
        {"CONNECTION", FAILURE_UPGRADE_CONNECTION},
        {"Subprotocol", FAILURE_UPGRADE_SUBPROTOCOL},
        {"subprotocol", FAILURE_UPGRADE_SUBPROTOCOL},
    };
    for (size_t i = 0; why && i < sizeof faults / sizeof faults[0]; i++)
        if (strstr(why, faults[i].lws))
            return faults[i].fault;
    return FAILURE_UPGRADE_UNKNOWN;
}

/* Why the attempt failed, from what the worker saw of it (failure.c). */
static enum net_error classify_attempt(struct net *net, struct lws *wsi, const char *why,
                                       int saved_errno, enum failure_lookup lookup, char *detail,
                                       size_t detail_len)
{
    struct worker *w = &net->w;
    if (wsi && !w->http_status)
        w->http_status = (int)lws_http_client_http_response(wsi);
    struct failure_facts f = {
        .cancelled = w->attempt_cancelled || w->quitting, /* quitting ends an attempt on purpose */
        .timed_out = w->attempt_timed_out,
        .timeout_s = w->timeout_s,
        .host = w->url.host,
        .via_proxy = w->via_proxy,
        .proxy_host = w->proxy.host,
        .proxy_text = w->proxy_text,
        .tcp_connected = w->tcp_connected,
        .connect_errno = saved_errno,
        .lookup = lookup,
        .tunnel_open = w->tunnel_open,
        .tls = w->url.tls,
        .tls_started = w->tls_started,
        .tls_server_hello = w->tls_server_hello,
        .tls_done = w->tls_done,
        .tls_verify = w->tls_verify,
        .tls_verify_text = w->tls_verify ? X509_verify_cert_error_string(w->tls_verify) : NULL,
        .tls_problem = w->tls_problem,
        .tls_certificate_requested = w->tls_certificate_requested,
        .have_certificate = w->cert_file != NULL,
        .http_status = w->http_status,
        .upgrade = w->http_status == 101 ? upgrade_fault(why) : FAILURE_UPGRADE_UNKNOWN,
    };
    if (!f.cancelled && !f.timed_out && !f.tcp_connected) {
        if (f.lookup == FAILURE_LOOKUP_NOT_TRIED)
            f.lookup = look_up(w->via_proxy ? w->proxy.host : w->url.host);
        if (f.lookup != FAILURE_LOOKUP_RESOLVED)
            f.network_down = !platform_network_up();
        else if (saved_errno == ENETUNREACH || saved_errno == EHOSTUNREACH)
            f.network_down = !platform_network_up();
    }
    return failure_classify(&f, detail, detail_len);
}

static void attempt_timeout(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, attempt_timer);
    struct net *net = lws_container_of(w, struct net, w);
    if (w->state != CONN_CONNECTING)
        return;
    w->attempt_timed_out = true;
    if (w->probing) /* the tunnel was refused; why, the proxy did not say in time */
        report_failure(net, NET_ERROR_PROXY_DENIED, "the proxy did not open the tunnel");
    else if (w->wsi)
        lws_set_timeout(w->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
    else
        report_failure(net, NET_ERROR_TIMEOUT, NULL);
}

/* Makes the client vhost go through the attempt's proxy, or straight to
 * the server. lws 4.1.6 keeps one proxy per vhost and reads it as the
 * connection proceeds (the lookup, the connect, the CONNECT request), so
 * it is set before each attempt: only one attempt runs at a time. ":0" is
 * how lws_set_proxy says none: it clears the credentials and sets port 0,
 * the field lws tests. */
static bool apply_proxy(struct net *net)
{
    struct worker *w = &net->w;
    char spec[16 + PROXY_CREDENTIALS_MAX + PROXY_HOST_MAX + 16] = ":0";
    if (w->via_proxy) {
        /* Always with "http://", which lws strips: a user name that
         * starts with it stays whole. The last '@' ends the credentials. */
        bool v6 = strchr(w->proxy.host, ':') != NULL;
        const char *creds = w->proxy.credentials;
        snprintf(spec, sizeof spec, "http://%s%s%s%s%s:%d", creds, *creds ? "@" : "", v6 ? "[" : "",
                 w->proxy.host, v6 ? "]" : "", w->proxy.port);
    }
    int failed = lws_set_proxy(w->client_vhost, spec);
    /* The password is not left on the stack (a call through a volatile
     * pointer is one the compiler cannot drop). */
    static void *(*const volatile wipe)(void *, int, size_t) = memset;
    wipe(spec, 0, sizeof spec);
    return !failed;
}

/* Whether lws can ask a proxy for the URL's host: 4.1.6 and 4.3 alike
 * write the CONNECT request into 256 bytes, and an IPv6 address without
 * its brackets. */
static bool proxy_can_reach(const struct worker *w, char *why, size_t whylen)
{
    if (strchr(w->url.host, ':')) {
        snprintf(why, whylen, "libwebsockets cannot ask a proxy for an IPv6 address");
        return false;
    }
    /* "CONNECT h:p HTTP/1.1\r\nHost: h:p\r\nUser-agent: lws\r\n" */
    size_t need = 46 + 2 * (strlen(w->url.host) + 5);
    if (need > 255) {
        snprintf(why, whylen, "the host name is too long to ask a proxy for (libwebsockets takes about 100 bytes)");
        return false;
    }
    return true;
}

static void connect_now(struct net *net)
{
    struct worker *w = &net->w;
    if (w->state != CONN_IDLE || w->quitting || !w->url_ready)
        return;

    /* The proxy for this attempt, from the URL of the moment (it can change
     * between attempts). The built-in echo server is always reached
     * directly. */
    char proxy_why[200] = "";
    enum proxy_decision proxy = PROXY_DIRECT;
    bool to_echo = w->echo_port && w->url.port == w->echo_port && !w->url.tls &&
                   strcmp(w->url.host, "127.0.0.1") == 0;
    if (!to_echo)
        proxy = proxy_decide(w->proxy_option, &w->proxy_env, w->url.tls, w->url.host, &w->proxy,
                             proxy_why, sizeof proxy_why);
    w->via_proxy = proxy == PROXY_VIA;
    w->proxy_text[0] = '\0';
    if (w->via_proxy)
        proxy_format(&w->proxy, w->proxy_text, sizeof w->proxy_text);
    if (w->via_proxy && !proxy_can_reach(w, proxy_why, sizeof proxy_why))
        proxy = PROXY_INVALID;

    w->state = CONN_CONNECTING;
    w->attempt_timed_out = w->attempt_cancelled = w->attempt_reported = false;
    w->agreed_protocol[0] = '\0';
    w->tls_problem[0] = '\0';
    w->tls_certificate_requested = false;
    w->connect_started = w->tcp_connected = w->tunnel_open = false;
    w->tls_started = w->tls_server_hello = w->tls_done = false;
    w->tls_verify = X509_V_OK;
    w->http_status = 0;
    w->closer = NET_CLOSER_NONE;
    w->close_error = NET_ERROR_NONE;
    w->close_code = 0;
    w->close_reason_len = 0;
    struct net_event connecting = {.kind = NET_EVENT_CONNECTING, .len = strlen(w->url_text)};
    connecting.data = dup_bytes(w->url_text, connecting.len);
    if (!connecting.data)
        connecting.len = 0;
    emit(net, &connecting, NULL, 0);
    if (proxy == PROXY_INVALID) {
        report_failure(net, NET_ERROR_OTHER, proxy_why);
        return;
    }
    if (!apply_proxy(net)) {
        report_failure(net, NET_ERROR_OTHER, "libwebsockets did not take the proxy setting");
        return;
    }

    struct lws_client_connect_info info;
    memset(&info, 0, sizeof info);
    info.context = net->context;
    info.vhost = w->client_vhost;
    info.address = w->url.host;
    info.port = w->url.port;
    info.path = w->url.path;
    info.host = w->host_header;
    info.origin = w->origin;
    info.protocol = w->protocols;
    info.ssl_connection = w->url.tls ? LCCSCF_USE_SSL : 0;
    if (w->url.tls && w->insecure)
        info.ssl_connection |= LCCSCF_ALLOW_SELFSIGNED | LCCSCF_SKIP_SERVER_CERT_HOSTNAME_CHECK |
                               LCCSCF_ALLOW_EXPIRED | LCCSCF_ALLOW_INSECURE;
    info.local_protocol_name = "ponte-client";
    info.pwsi = &w->wsi;

    lws_sul_schedule(net->context, 0, &w->attempt_timer, attempt_timeout,
                     (lws_usec_t)w->timeout_s * LWS_USEC_PER_SEC);
    if (!lws_client_connect_via_info(&info) && !w->attempt_reported) {
        /* lws gave up before it had a connection to report on (it keeps
         * quiet about failures inside this call): the socket's error, if
         * connect() failed at once (Windows, for a refused port), else
         * the name's look-up (no network). */
        int saved_errno = platform_socket_error();
        char detail[256];
        enum failure_lookup lookup = look_up(w->via_proxy ? w->proxy.host : w->url.host);
        bool connect_failed = w->connect_started || saved_errno == ECONNREFUSED ||
                              saved_errno == ETIMEDOUT || saved_errno == ENETUNREACH ||
                              saved_errno == EHOSTUNREACH;
        if (lookup == FAILURE_LOOKUP_RESOLVED && !connect_failed) {
            report_failure(net, NET_ERROR_OTHER, "the connection could not be started");
        } else {
            enum net_error error = classify_attempt(net, NULL, NULL, saved_errno, lookup, detail, sizeof detail);
            report_failure(net, error, detail);
        }
    }
}

/* Asks for a close frame at the next WRITEABLE, whatever is queued. */
static void close_soon(struct net *net, int code, enum net_error why, const char *reason)
{
    struct worker *w = &net->w;
    if (w->close_now || !w->wsi)
        return;
    w->close_now = true;
    w->closer = NET_CLOSER_CLIENT;
    w->close_code = code;
    w->close_error = why;
    size_t n = reason ? strlen(reason) : 0;
    if (n > sizeof w->close_reason)
        n = sizeof w->close_reason;
    if (n)
        memcpy(w->close_reason, reason, n);
    w->close_reason_len = n;
    lws_callback_on_writable(w->wsi);
    /* A socket that takes nothing never becomes writable: then the
     * connection ends after this long, without the close frame. */
    lws_set_timeout(w->wsi, PENDING_TIMEOUT_USER_OK, NET_CLOSE_STUCK_S);
}

static void close_grace_over(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, close_timer);
    close_soon(lws_container_of(w, struct net, w), LWS_CLOSE_STATUS_NORMAL, NET_ERROR_NONE, NULL);
}

static void close_connection(struct net *net)
{
    struct worker *w = &net->w;
    if (w->state == CONN_OPEN) {
        if (w->close_requested)
            return;
        /* What is queued goes out first (on_writeable closes once the queue
         * is empty), within a grace period. */
        w->close_requested = true;
        lws_sul_schedule(net->context, 0, &w->close_timer, close_grace_over, NET_CLOSE_GRACE_US);
        lws_callback_on_writable(w->wsi);
    } else if (w->state == CONN_CONNECTING) {
        w->attempt_cancelled = true;
        if (w->wsi)
            lws_set_timeout(w->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        else
            report_failure(net, NET_ERROR_CANCELLED, NULL);
    }
}

static void quit_now(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, quit_timer);
    w->stop = true;
}

/* Connects to another URL: the current connection (or attempt) ends
 * first, normally, and the new one starts when it has. The same URL again
 * is just a connect. */
static void connect_to(struct net *net, const char *text)
{
    struct worker *w = &net->w;
    struct url url;
    char why[128];
    if (!url_parse(text, &url, why, sizeof why)) {
        /* The UI checks the URL before it asks; say it all the same. */
        struct net_event ev = {.kind = NET_EVENT_FAILED, .error = NET_ERROR_OTHER};
        char detail[URL_HOST_MAX + URL_PATH_MAX + 200];
        snprintf(detail, sizeof detail, "invalid URL %s: %s", text, why);
        ev.len = strlen(detail);
        ev.data = dup_bytes(detail, ev.len);
        if (!ev.data)
            ev.len = 0;
        emit(net, &ev, NULL, 0);
        return;
    }
    char formatted[sizeof w->url_text];
    url_format(&url, formatted, sizeof formatted);
    if (w->url_ready && strcmp(formatted, w->url_text) == 0) {
        connect_now(net);
        return;
    }
    w->url = url;
    url_texts(w);
    w->url_ready = true;
    w->retry_attempt = 0; /* another server: its own series */
    w->connected_at = 0;
    if (w->state == CONN_IDLE) {
        connect_now(net);
        return;
    }
    w->switching = true;
    close_connection(net);
}

static bool start_echo(struct net *net);

static void handle_command(struct net *net, struct net_command *cmd)
{
    struct worker *w = &net->w;
    switch (cmd->kind) {
    case NET_COMMAND_SEND: {
        bool open = w->state == CONN_OPEN && !w->close_requested;
        if (!open && !holding(w)) {
            struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = cmd->id,
                                   .error = NET_ERROR_NOT_CONNECTED, .binary = cmd->binary};
            emit(net, &ev, cmd->data, cmd->len);
            free(cmd->data);
            return;
        }
        struct outgoing *o = malloc(sizeof *o);
        if (!o) {
            struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = cmd->id,
                                   .error = NET_ERROR_NO_MEMORY, .binary = cmd->binary};
            emit(net, &ev, cmd->data, cmd->len);
            free(cmd->data);
            return;
        }
        o->next = NULL;
        o->cmd = *cmd;
        o->offset = 0;
        if (w->out_tail)
            w->out_tail->next = o;
        else
            w->out_head = o;
        w->out_tail = o;
        if (w->wsi && w->state == CONN_OPEN)
            lws_callback_on_writable(w->wsi); /* else it waits for the connection */
        return;
    }
    case NET_COMMAND_CONNECT:
        w->person_closed = false;
        if (w->retry_pending) { /* "Reconnect now" */
            lws_sul_cancel(&w->retry_timer);
            w->retry_pending = false;
        }
        if (cmd->data) {
            connect_to(net, cmd->data);
            free(cmd->data);
            return;
        }
        connect_now(net);
        return;
    case NET_COMMAND_CLOSE:
        w->person_closed = true;
        cancel_retry(net);
        close_connection(net);
        return;
    case NET_COMMAND_RECONNECT:
        /* The connection is stale: end it (as a switch to the same URL)
         * and connect again as soon as it has ended. */
        w->person_closed = false;
        if (w->state == CONN_IDLE) {
            if (w->retry_pending) {
                lws_sul_cancel(&w->retry_timer);
                w->retry_pending = false;
            }
            connect_now(net);
            return;
        }
        w->switching = true;
        close_connection(net);
        return;
    case NET_COMMAND_LOCAL_ECHO:
        w->person_closed = false;
        cancel_retry(net);
        if (start_echo(net)) {
            char url[40];
            snprintf(url, sizeof url, "ws://127.0.0.1:%d/", w->echo_port);
            connect_to(net, url);
        }
        return;
    case NET_COMMAND_QUIT:
        w->quitting = true;
        if (w->retry_pending) {
            lws_sul_cancel(&w->retry_timer);
            w->retry_pending = false;
        }
        if (w->state == CONN_OPEN) {
            close_connection(net);
            lws_sul_schedule(net->context, 0, &w->quit_timer, quit_now, NET_QUIT_GRACE_US);
        } else {
            w->stop = true;
        }
        return;
    }
}

static void drain_commands(struct net *net)
{
    struct net_command cmd;
    /* Re-arm the UI's wake-up before looking: a command pushed after this
     * wakes us again, one pushed before it is popped below. */
    atomic_exchange(&net->commands_pending, false);
    while (!net->w.stop && spsc_pop(&net->commands, &cmd))
        handle_command(net, &cmd);
    flush_parked(net);
}

/* ---- worker: keepalive ------------------------------------------------------ */

static void ping_tick(lws_sorted_usec_list_t *sul);

/* The next look at the connection: when a ping is due, or when the silence
 * would reach the time-out, whichever comes first. */
static void schedule_ping(struct net *net)
{
    struct worker *w = &net->w;
    if (w->state != CONN_OPEN || w->ping_interval_s <= 0)
        return;
    lws_usec_t now = lws_now_usecs();
    lws_usec_t next_ping = w->last_ping_us + (lws_usec_t)w->ping_interval_s * LWS_USEC_PER_SEC;
    lws_usec_t deadline = w->last_rx_us + (lws_usec_t)w->ping_timeout_s * LWS_USEC_PER_SEC;
    lws_usec_t at = next_ping < deadline ? next_ping : deadline;
    lws_sul_schedule(net->context, 0, &w->ping_timer, ping_tick, at > now ? at - now : 1);
}

static void ping_tick(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, ping_timer);
    struct net *net = lws_container_of(w, struct net, w);
    if (w->state != CONN_OPEN || !w->wsi)
        return;
    lws_usec_t now = lws_now_usecs();
    if (now - w->last_rx_us >= (lws_usec_t)w->ping_timeout_s * LWS_USEC_PER_SEC) {
        /* Nothing for ping_timeout_s, not even a pong: the peer is gone
         * (a half-open connection looks just like this). Hang up; the
         * close is reported as that, and reconnecting follows. */
        w->close_error = NET_ERROR_PING_TIMEOUT;
        lws_set_timeout(w->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        return;
    }
    if (now - w->last_ping_us >= (lws_usec_t)w->ping_interval_s * LWS_USEC_PER_SEC) {
        w->ping_due = true;
        w->last_ping_us = now;
        lws_callback_on_writable(w->wsi);
    }
    schedule_ping(net);
}

/* A pong carries the time its ping left (8 bytes, big-endian). */
static void on_pong(struct net *net, const unsigned char *in, size_t len)
{
    struct worker *w = &net->w;
    w->last_rx_us = lws_now_usecs();
    if (len != 8)
        return; /* not ours (an unsolicited pong) */
    uint64_t sent = 0;
    for (int i = 0; i < 8; i++)
        sent = sent << 8 | in[i];
    lws_usec_t rtt = w->last_rx_us - (lws_usec_t)sent;
    if (rtt < 0 || rtt > 3600 * LWS_USEC_PER_SEC)
        return;
    struct net_event ev = {.kind = NET_EVENT_PONG, .code = (int)rtt};
    emit(net, &ev, NULL, 0);
}

/* After assemble refused the message being received (and dropped the rest
 * of it): stops reading and closes with code at the next WRITEABLE (see
 * close_now). */
static void refuse_message(struct net *net, struct lws *wsi, int code, enum net_error why,
                           const char *reason)
{
    struct worker *w = &net->w;
    if (!w->rx_paused) {
        w->rx_paused = true;
        lws_rx_flow_control(wsi, 0);
    }
    close_soon(net, code, why, reason);
}

/* Never returns non-zero: see close_now. */
static int on_receive(struct net *net, struct lws *wsi, const void *in, size_t len)
{
    struct worker *w = &net->w;
    w->last_rx_us = lws_now_usecs();
    if (lws_is_first_fragment(wsi)) {
        assemble_begin(&w->rx, lws_frame_is_binary(wsi));
        if (w->close_now)
            assemble_drop(&w->rx); /* closing: no new messages */
    }
    /* What the frame header announced is still to come. */
    size_t announced = lws_remaining_packet_payload(wsi);
    enum assemble_result result =
        assemble_add(&w->rx, in, len, announced, lws_is_final_fragment(wsi));
    switch (result) {
    case ASSEMBLE_MORE:
    case ASSEMBLE_DISCARDED:
        return 0;
    case ASSEMBLE_TOO_BIG:
        refuse_message(net, wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, NET_ERROR_TOO_BIG,
                       assemble_result_text(result));
        return 0;
    case ASSEMBLE_NO_MEMORY:
        refuse_message(net, wsi, LWS_CLOSE_STATUS_UNEXPECTED_CONDITION, NET_ERROR_NO_MEMORY,
                       assemble_result_text(result));
        return 0;
    case ASSEMBLE_INVALID_UTF8:
        /* RFC 6455 8.1, checked by assemble rather than by lws (whose own
         * check closes from inside its parser; see close_now). */
        refuse_message(net, wsi, LWS_CLOSE_STATUS_INVALID_PAYLOAD, NET_ERROR_INVALID_UTF8,
                       assemble_result_text(result));
        return 0;
    case ASSEMBLE_MESSAGE:
        break;
    }
    /* The whole message: hand the buffer over, trimmed to size. */
    struct net_event ev = {.kind = NET_EVENT_RECEIVED, .binary = w->rx.binary};
    assemble_take(&w->rx, &ev.data, &ev.len);
    emit(net, &ev, ev.data, ev.len);
    return 0;
}

/* Writes the next frame of the oldest queued message; -1 when the
 * connection is broken. Adds its payload to *bytes. */
static int write_frame(struct net *net, struct lws *wsi, size_t *bytes)
{
    struct worker *w = &net->w;
    struct outgoing *o = w->out_head;
    size_t remaining = o->cmd.len - o->offset;
    size_t chunk = remaining < NET_WRITE_CHUNK ? remaining : NET_WRITE_CHUNK;
    bool first = o->offset == 0;
    bool final = chunk == remaining;
    /* lws masks client frames in place: write from a scratch copy so the
     * message itself stays intact for the transcript and the SENT event. */
    if (chunk)
        memcpy(w->write_buf + LWS_PRE, o->cmd.data + o->offset, chunk);
    int flags = lws_write_ws_flags(o->cmd.binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT, first, final);
    int written = lws_write(wsi, w->write_buf + LWS_PRE, chunk, (enum lws_write_protocol)flags);
    if (written < (int)chunk)
        return -1;
    o->offset += chunk;
    *bytes += chunk;
    if (final) {
        w->out_head = o->next;
        if (!w->out_head)
            w->out_tail = NULL;
        struct net_event ev = {.kind = NET_EVENT_SENT, .id = o->cmd.id, .binary = o->cmd.binary};
        emit(net, &ev, o->cmd.data, o->cmd.len);
        free(o->cmd.data);
        free(o);
    }
    return 0;
}

static int on_writeable(struct net *net, struct lws *wsi)
{
    struct worker *w = &net->w;
    if (w->close_requested && !w->out_head && !w->close_now)
        close_soon(net, LWS_CLOSE_STATUS_NORMAL, NET_ERROR_NONE, NULL);
    if (w->close_now) {
        lws_close_reason(wsi, (enum lws_close_status)w->close_code, (unsigned char *)w->close_reason,
                         w->close_reason_len);
        w->close_sent = true;
        return -1; /* from WRITEABLE, not from the parser: safe */
    }
    if (w->ping_due) {
        /* A control frame may go between the frames of a message. Alone
         * in its WRITEABLE: the queue goes on at the next. */
        w->ping_due = false;
        uint64_t now = (uint64_t)lws_now_usecs();
        unsigned char *p = w->write_buf + LWS_PRE;
        for (int i = 0; i < 8; i++)
            p[i] = (unsigned char)(now >> (56 - 8 * i));
        if (lws_write(wsi, p, 8, LWS_WRITE_PING) < 8)
            return -1;
        if (w->out_head || w->close_requested)
            lws_callback_on_writable(wsi);
        return 0;
    }
    /* Several frames per WRITEABLE, as lws-ws-state.h allows: after each
     * write, stop if lws_partial_buffered says lws kept part of it back
     * (the socket took less; lws 4.1.6 copies the rest and sends it before
     * anything else, so frames never interleave). Not lws_send_pipe_choked:
     * that also polls the socket, a system call per frame, as costly as the
     * service-loop turn it saves. Bounded, so that reading and timers are
     * not starved by a long queue. */
    size_t frames = 0, bytes = 0;
    while (w->out_head) {
        if (write_frame(net, wsi, &bytes) < 0)
            return -1; /* the connection is broken; CLOSED follows */
        if (++frames == NET_WRITE_BATCH_FRAMES || bytes >= NET_WRITE_BATCH_BYTES ||
            !w->out_head || lws_partial_buffered(wsi))
            break;
    }
    if (w->out_head || w->close_requested)
        lws_callback_on_writable(wsi);
    return 0;
}

static void on_peer_close(struct net *net, const unsigned char *in, size_t len)
{
    struct worker *w = &net->w;
    w->closer = NET_CLOSER_SERVER;
    if (len >= 2) {
        w->close_code = (in[0] << 8) | in[1];
        size_t n = len - 2;
        if (n > sizeof w->close_reason)
            n = sizeof w->close_reason;
        memcpy(w->close_reason, in + 2, n);
        w->close_reason_len = n;
    } else {
        /* No body: 1005, no code. One byte: not even a whole code, a
         * protocol error (RFC 6455 5.5.1). */
        w->close_code = len ? LWS_CLOSE_STATUS_PROTOCOL_ERR : LWS_CLOSE_STATUS_NO_STATUS;
        w->close_reason_len = 0;
    }
}

static void on_closed(struct net *net)
{
    struct worker *w = &net->w;
    bool by_us = w->closer == NET_CLOSER_CLIENT;
    if (by_us && !w->close_sent) {
        /* Our close frame never got out (the server took no more data):
         * the connection just ended. */
        w->closer = NET_CLOSER_NONE;
        if (w->close_error == NET_ERROR_NONE)
            w->close_error = NET_ERROR_CONNECTION_LOST;
    }
    struct net_event ev = {.kind = NET_EVENT_CLOSED, .closer = w->closer, .error = w->close_error};
    if (w->closer == NET_CLOSER_NONE) {
        ev.code = LWS_CLOSE_STATUS_ABNORMAL_CLOSE; /* 1006: no close frame */
        if (ev.error == NET_ERROR_NONE)
            ev.error = NET_ERROR_CONNECTION_LOST; /* (else why we hung up: no pongs) */
    } else {
        ev.code = w->close_code;
        ev.len = w->close_reason_len;
        ev.data = dup_bytes(w->close_reason, w->close_reason_len);
        if (!ev.data)
            ev.len = 0;
    }
    reset_connection(net);
    emit(net, &ev, NULL, 0);
    /* What was still queued when we closed on purpose was cut off by that
     * close; otherwise the connection took it down. */
    drop_or_hold_outgoing(net, by_us ? NET_ERROR_CANCELLED : NET_ERROR_CONNECTION_LOST);
    if (w->quitting)
        w->stop = true;
    else if (w->switching)
        switch_now(net);
    else
        schedule_retry(net, ev.code);
}

/* CONNECTED, with what was agreed: "SUBPROTOCOL\tTLS\tPROXY". */
static void on_established(struct net *net, struct lws *wsi)
{
    const char *protocol = net->w.agreed_protocol;
    char tls[160] = "";
    SSL *ssl = net->w.url.tls ? lws_get_ssl(wsi) : NULL;
    if (ssl)
        snprintf(tls, sizeof tls, "%s %s", SSL_get_version(ssl), SSL_get_cipher_name(ssl));
    struct net_event ev = {.kind = NET_EVENT_CONNECTED};
    char data[300];
    int n = snprintf(data, sizeof data, "%s\t%s\t%s", protocol, tls, net->w.proxy_text);
    ev.len = n > 0 ? (size_t)n : 0;
    ev.data = dup_bytes(data, ev.len);
    if (!ev.data)
        ev.len = 0;
    emit(net, &ev, NULL, 0);
}

/* OpenSSL's info callback, on the worker thread inside SSL_connect and
 * SSL_read: keeps the first reason a handshake gave, while it is still on
 * the error queue or in the alert. */
static void tls_info(const SSL *ssl, int where, int ret)
{
    struct net *net = SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));
    struct worker *w = net ? &net->w : NULL;
    if (!w || w->state != CONN_CONNECTING)
        return;
    if (where & SSL_CB_HANDSHAKE_START)
        w->tls_started = w->tunnel_open = true;
    if (where & SSL_CB_HANDSHAKE_DONE)
        w->tls_done = true;
    if ((where & SSL_CB_LOOP) && SSL_get_state(ssl) == TLS_ST_CR_SRVR_HELLO)
        w->tls_server_hello = true;
    if ((where & SSL_CB_LOOP) && SSL_get_state(ssl) == TLS_ST_CR_CERT_REQ)
        w->tls_certificate_requested = true;
    /* A fatal alert from our side while the chain did not verify: the
     * verify callback refused it (one lws accepts, --insecure's, sends
     * none). The result stays on the SSL, whatever lws frees later. */
    if ((where & SSL_CB_WRITE_ALERT) && (ret >> 8) == SSL3_AL_FATAL && !w->tls_verify &&
        SSL_get_verify_result(ssl) != X509_V_OK)
        w->tls_verify = SSL_get_verify_result(ssl);
    if (w->tls_problem[0])
        return;
    if ((where & SSL_CB_ALERT) && (where & SSL_CB_READ)) {
        /* OpenSSL 3.0 has no words for TLS 1.3's certificate_required. */
        const char *alert = (ret & 0xFF) == 116 ? "certificate required" : SSL_alert_desc_string_long(ret);
        snprintf(w->tls_problem, sizeof w->tls_problem, "the server sent the alert \"%s\"", alert);
    } else if ((where & SSL_CB_EXIT) && ret <= 0) {
        /* (-1 is also "wants to read": then the error queue is empty.) */
        unsigned long e = ERR_peek_last_error();
        const char *reason = e ? ERR_reason_error_string(e) : NULL;
#ifdef SSL_R_UNEXPECTED_EOF_WHILE_READING
        /* OpenSSL 3's words for a peer that hung up: no reason at all;
         * failure.c says what the handshake's progress tells instead. */
        if (ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_UNEXPECTED_EOF_WHILE_READING)
            reason = NULL;
#endif
        if (reason)
            snprintf(w->tls_problem, sizeof w->tls_problem, "%s", reason);
    }
}

/* ---- worker: asking the proxy why it refused ---------------------------- */

/* lws 4.1.6 reads the proxy's answer to CONNECT itself and, unless it
 * starts with "HTTP/1.0 200 " or "HTTP/1.1 200 ", reports only "proxy not
 * h1": the status is gone, and no callback sees the answer first. To name
 * it for the person (407: credentials wanted or wrong; 403: not allowed),
 * the worker asks the proxy the same question once more on a raw
 * connection of its own and reads the status line. The attempt is
 * reported failed when that answer comes, or when its time runs out. */

static void probe_finish(struct net *net, const char *detail)
{
    struct worker *w = &net->w;
    w->probe_wsi = NULL;
    if (!w->probing || w->quitting)
        return;
    w->probing = false;
    report_failure(net, NET_ERROR_PROXY_DENIED, detail);
}

static bool start_probe(struct net *net)
{
    struct worker *w = &net->w;
    if (!w->probe_vhost)
        return false;
    struct lws_client_connect_info info;
    memset(&info, 0, sizeof info);
    info.context = net->context;
    info.vhost = w->probe_vhost;
    info.address = w->proxy.host;
    info.port = w->proxy.port;
    info.host = w->proxy.host;
    info.method = "RAW";
    info.local_protocol_name = "ponte-proxy-probe";
    info.pwsi = &w->probe_wsi;
    w->probing = true;
    w->probe_len = 0;
    w->wsi = NULL; /* the refused connection is lws's to close */
    if (!lws_client_connect_via_info(&info)) {
        w->probing = false;
        w->probe_wsi = NULL;
        return false;
    }
    return true;
}

/* The probe's CONNECT request, the one lws sent, with the credentials in
 * the clear only inside the base64 on the wire. */
static int probe_write(struct net *net, struct lws *wsi)
{
    struct worker *w = &net->w;
    unsigned char buf[LWS_PRE + 512];
    char *p = (char *)buf + LWS_PRE;
    size_t cap = sizeof buf - LWS_PRE;
    int n = snprintf(p, cap, "CONNECT %s:%d HTTP/1.1\r\nHost: %s:%d\r\n", w->url.host, w->url.port,
                     w->url.host, w->url.port);
    if (w->proxy.credentials[0]) {
        char token[4 * (PROXY_CREDENTIALS_MAX / 3 + 1) + 1];
        if (lws_b64_encode_string(w->proxy.credentials, (int)strlen(w->proxy.credentials), token,
                                  (int)sizeof token) < 0)
            return -1;
        n += snprintf(p + n, cap - (size_t)n, "Proxy-Authorization: Basic %s\r\n", token);
    }
    n += snprintf(p + n, cap - (size_t)n, "\r\n");
    int written = lws_write(wsi, (unsigned char *)p, (size_t)n, LWS_WRITE_RAW);
    static void *(*const volatile wipe)(void *, int, size_t) = memset;
    wipe(buf, 0, sizeof buf);
    return written < n ? -1 : 0;
}

/* The status line, once it is whole: "the proxy answered 407 Proxy
 * Authentication Required". Returns false while it is not. */
static bool probe_read(struct net *net, const void *in, size_t len, char *detail, size_t detail_len)
{
    struct worker *w = &net->w;
    size_t room = sizeof w->probe_rx - 1 - w->probe_len;
    size_t take = len < room ? len : room;
    memcpy(w->probe_rx + w->probe_len, in, take);
    w->probe_len += take;
    w->probe_rx[w->probe_len] = '\0';
    char *eol = strpbrk(w->probe_rx, "\r\n");
    if (!eol && w->probe_len < sizeof w->probe_rx - 1)
        return false;
    if (eol)
        *eol = '\0';
    int status = 0, skip = 0;
    if (sscanf(w->probe_rx, "HTTP/%*d.%*d %3d%n", &status, &skip) != 1 || status < 100) {
        snprintf(detail, detail_len, "the proxy %s did not answer in HTTP", w->proxy_text);
        return true;
    }
    /* The reason phrase, as printable ASCII only, and short. */
    char reason[80];
    size_t n = 0;
    for (const char *c = w->probe_rx + skip; *c && n < sizeof reason - 1; c++)
        if ((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7F && (n || *c != ' '))
            reason[n++] = *c;
    reason[n] = '\0';
#if LWS_LIBRARY_VERSION_NUMBER < 4002000
    /* lws 4.1.6 takes only "HTTP/1.x 200 " at the start of one read. */
    if (status == 200)
        snprintf(detail, detail_len,
                 "the proxy %s answered 200, but not in the form libwebsockets 4.1.6 accepts "
                 "(\"HTTP/1.1 200 \", in one piece)", w->proxy_text);
#else
    if (status == 200)
        snprintf(detail, detail_len, "the proxy %s answered 200, then closed the tunnel", w->proxy_text);
#endif
    else
        snprintf(detail, detail_len, "the proxy answered %d%s%s", status, n ? " " : "", reason);
    return true;
}

static int probe_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                          size_t len)
{
    struct net *net = lws_context_user(lws_get_context(wsi));
    struct worker *w = &net->w;
    char detail[400];
    if (reason == LWS_CALLBACK_EVENT_WAIT_CANCELLED || wsi != w->probe_wsi)
        return lws_callback_http_dummy(wsi, reason, user, in, len); /* (not ours, or a killed probe) */

    switch (reason) {
    case LWS_CALLBACK_RAW_CONNECTED:
        lws_callback_on_writable(wsi);
        return 0;
    case LWS_CALLBACK_RAW_WRITEABLE:
        if (probe_write(net, wsi) < 0) {
            snprintf(detail, sizeof detail, "the proxy %s did not open the tunnel", w->proxy_text);
            probe_finish(net, detail);
            return -1;
        }
        return 0;
    case LWS_CALLBACK_RAW_RX:
        if (!probe_read(net, in, len, detail, sizeof detail))
            return 0;
        probe_finish(net, detail);
        return -1;
    case LWS_CALLBACK_RAW_CLOSE:
        snprintf(detail, sizeof detail, "the proxy %s closed the connection without answering",
                 w->proxy_text);
        probe_finish(net, detail);
        return 0;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        snprintf(detail, sizeof detail, "the proxy %s did not open the tunnel", w->proxy_text);
        probe_finish(net, detail);
        return 0;
    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static const struct lws_protocols probe_protocols[] = {
    {"ponte-proxy-probe", probe_callback, 0, 0, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

static int client_callback(struct lws *wsi, enum lws_callback_reasons reason,
                           void *user, void *in, size_t len)
{
    struct net *net = lws_context_user(lws_get_context(wsi));
    struct worker *w = &net->w;

    switch (reason) {
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        /* The UI pushed commands or made room for events. Never return
         * non-zero here. */
        drain_commands(net);
        return 0;

    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR: {
        int saved_errno = platform_socket_error(); /* before anything can change it (Windows: WSAGetLastError) */
        char detail[256];
        /* The proxy took the TCP connection but not the tunnel: lws keeps
         * its answer to itself (4.1.6 reports "proxy not h1", 4.3 the
         * status in words), so the worker asks the proxy itself. */
        if (w->via_proxy && w->tcp_connected && !w->tunnel_open && !w->attempt_cancelled &&
            !w->attempt_timed_out && !w->quitting && !w->attempt_reported && start_probe(net))
            return 0; /* reported when the proxy says why */
        enum net_error error = classify_attempt(net, wsi, in ? (const char *)in : "", saved_errno,
                                                FAILURE_LOOKUP_NOT_TRIED, detail, sizeof detail);
        report_failure(net, error, detail);
        return 0;
    }

#if LWS_LIBRARY_VERSION_NUMBER >= 4003000
    case LWS_CALLBACK_CONNECTING:
        /* lws 4.3 only (4.1.6 has no such callback): the socket is made
         * and connect() comes next. On Windows a refused connect ends
         * inside lws_client_connect_via_info, which then returns NULL
         * without a CONNECTION_ERROR: this says the connect was tried. */
        if (w->state == CONN_CONNECTING)
            w->connect_started = true;
        return 0;
#endif

    case LWS_CALLBACK_WSI_CREATE:
        /* Both lws versions call this on the client protocol the moment
         * the TCP connection to the first hop is up. */
        if (w->state == CONN_CONNECTING)
            w->tcp_connected = true;
        return 0;

    case LWS_CALLBACK_ESTABLISHED_CLIENT_HTTP:
        /* The answer to the upgrade request has been read, whatever its
         * status (lws checks for 101 after this). */
        w->http_status = (int)lws_http_client_http_response(wsi);
        return 0;

    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER: {
        w->tunnel_open = true; /* the upgrade request is being written */
        unsigned char **p = (unsigned char **)in, *end = *p + len;
        for (size_t i = 0; i < w->header_count; i++) {
            const struct header *h = &w->headers[i];
            if (lws_add_http_header_by_name(wsi, (const unsigned char *)h->name, (const unsigned char *)h->value,
                                            (int)strlen(h->value), p, end))
                return -1; /* no room: the attempt fails, named */
        }
        return 0;
    }

    case LWS_CALLBACK_OPENSSL_LOAD_EXTRA_CLIENT_VERIFY_CERTS:
        /* Our own info callback on the client SSL_CTX (lws 4.1.6's
         * ssl_info_event_mask crashes on client connections: it reads the
         * context from ex data that holds something else there). */
        SSL_CTX_set_app_data((SSL_CTX *)user, net);
        SSL_CTX_set_info_callback((SSL_CTX *)user, tls_info);
        /* lws 4.3 turns on OpenSSL's client session cache to keep its own
         * ten sessions for resumption; OpenSSL's internal store, which
         * clients never look in, then kept every TLS 1.3 ticket (two a
         * connection, up to 20,480): a reconnecting kiosk grew by 6 KiB a
         * connection. lws's own list is fed by its callback either way. */
        SSL_CTX_set_session_cache_mode((SSL_CTX *)user, SSL_CTX_get_session_cache_mode((SSL_CTX *)user) |
                                                            SSL_SESS_CACHE_NO_INTERNAL_STORE);
        return 0;

    case LWS_CALLBACK_CLIENT_FILTER_PRE_ESTABLISH:
        /* The server's answer is still readable here, not at ESTABLISHED. */
        if (lws_hdr_copy(wsi, w->agreed_protocol, sizeof w->agreed_protocol, WSI_TOKEN_PROTOCOL) < 0)
            w->agreed_protocol[0] = '\0';
        return 0;

    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        lws_sul_cancel(&w->attempt_timer);
        w->state = CONN_OPEN;
        w->wsi = wsi;
        w->connected_at = w->last_rx_us = w->last_ping_us = lws_now_usecs();
        on_established(net, wsi);
        schedule_ping(net);
        if (w->out_head)
            lws_callback_on_writable(wsi); /* what was held while offline */
        if (w->quitting || w->attempt_cancelled)
            close_connection(net);
        return 0;

    case LWS_CALLBACK_CLIENT_RECEIVE_PONG:
        on_pong(net, in, len);
        return 0;

    case LWS_CALLBACK_CLIENT_RECEIVE:
        return on_receive(net, wsi, in, len);

    case LWS_CALLBACK_CLIENT_WRITEABLE:
        return on_writeable(net, wsi);

    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        on_peer_close(net, in, len);
        return 0; /* lws answers with the same close frame */

    case LWS_CALLBACK_CLIENT_CLOSED:
        if (w->state == CONN_OPEN)
            on_closed(net);
        return 0;

    case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
        /* lws 4.1.6 ends an attempt that is still waiting for the answer to
         * its upgrade request (killed by our attempt timer, cancelled, or
         * dropped by the server) with this instead of CONNECTION_ERROR. */
        if (w->state == CONN_CONNECTING && !w->attempt_reported && !w->probing) {
            char detail[256];
            enum net_error error = classify_attempt(net, wsi, NULL, 0, FAILURE_LOOKUP_NOT_TRIED, detail,
                                                    sizeof detail);
            report_failure(net, error, detail);
        }
        return 0;

    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static const struct lws_protocols client_protocols[] = {
    {"ponte-client", client_callback, 0, NET_WRITE_CHUNK, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

/* ---- worker: the thread ---------------------------------------------------- */

static bool worker_setup(struct net *net, const char *ca_file)
{
    struct worker *w = &net->w;
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.vhost_name = "ponte-client";
    info.port = CONTEXT_PORT_NO_LISTEN;
    /* lws builds a vhost's client TLS context (CA file, system CAs) only
     * when the vhost's own options ask for it: without this, every wss://
     * attempt fails with "bio_create failed". */
    info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
    info.protocols = client_protocols;
    info.client_ssl_ca_filepath = ca_file;
    info.client_ssl_cert_filepath = w->cert_file;
    info.client_ssl_private_key_filepath = w->key_file;
    /* Our own attempt timer decides; lws's must not fire first. */
    info.connect_timeout_secs = (unsigned)w->timeout_s + 5;
    /* No proxy yet (connect_now sets the attempt's). Without an address
     * here, lws 4.1.6 would read getenv("http_proxy") itself, for wss://
     * too and whatever no_proxy says. */
    info.http_proxy_address = ":0";
    w->client_vhost = lws_create_vhost(net->context, &info);
    if (!w->client_vhost) {
        report_failure(net, NET_ERROR_OTHER, "the client could not start");
        return false;
    }
    /* The vhost of start_probe's raw connections, which go straight to the
     * proxy. Without it, a refused tunnel is still named, only less well. */
    struct lws_context_creation_info probe;
    memset(&probe, 0, sizeof probe);
    probe.vhost_name = "ponte-proxy-probe";
    probe.port = CONTEXT_PORT_NO_LISTEN;
    probe.protocols = probe_protocols;
    probe.http_proxy_address = ":0";
    probe.connect_timeout_secs = (unsigned)w->timeout_s + 5;
    w->probe_vhost = lws_create_vhost(net->context, &probe);

    if (net->local_echo) {
        if (!start_echo(net))
            return false;
        memset(&w->url, 0, sizeof w->url);
        snprintf(w->url.host, sizeof w->url.host, "127.0.0.1");
        w->url.port = w->echo_port;
        snprintf(w->url.path, sizeof w->url.path, "/");
    }
    url_texts(w);
    w->url_ready = true;
    return true;
}

/* The built-in echo server's listening vhost, started once: at start with
 * --local-echo, or when the person offline takes the offer. */
static bool start_echo(struct net *net)
{
    struct worker *w = &net->w;
    if (w->echo_port)
        return true;
    int port = 0;
    if (!echo_start(net->context, 0, &port) || port <= 0) {
        report_failure(net, NET_ERROR_LISTEN, "no free port on 127.0.0.1");
        return false;
    }
    w->echo_port = port;
    struct net_event ev = {.kind = NET_EVENT_LISTENING, .code = port};
    emit(net, &ev, NULL, 0);
    return true;
}

/* lws_service failed, which 4.1.6 does only on a broken event loop: no
 * more networking, but every command still gets its answer (sends are
 * reported not sent) until the quit comes. */
static void serve_without_lws(struct net *net, bool report)
{
    if (report)
        report_failure(net, NET_ERROR_OTHER, "the network loop stopped");
    fail_outgoing(net, NET_ERROR_NOT_CONNECTED);
    for (;;) {
        struct net_command cmd;
        bool any = false;
        while (spsc_pop(&net->commands, &cmd)) {
            any = true;
            if (cmd.kind == NET_COMMAND_QUIT)
                return;
            if (cmd.kind == NET_COMMAND_SEND) {
                struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = cmd.id,
                                       .error = NET_ERROR_NOT_CONNECTED, .binary = cmd.binary};
                emit(net, &ev, cmd.data, cmd.len);
            }
            free(cmd.data);
        }
        flush_parked(net);
        if (!any)
            SDL_Delay(10);
    }
}

static int worker_main(void *arg)
{
    struct net *net = arg;
    struct worker *w = &net->w;

    w->write_buf = malloc(LWS_PRE + NET_WRITE_CHUNK);
    bool ok = w->write_buf && worker_setup(net, w->ca_file);
    free(w->ca_file);
    w->ca_file = NULL;
    if (ok && net->connect_at_start)
        connect_now(net);

    if (!ok) {
        /* Without a vhost no protocol hears lws_cancel_service: answer
         * the commands here until the quit comes. */
        serve_without_lws(net, false);
        w->stop = true;
    }
    /* Commands that arrived before the vhosts existed. */
    drain_commands(net);
    while (!w->stop) {
        if (lws_service(net->context, 0) < 0) {
            serve_without_lws(net, true);
            break;
        }
    }

    if (w->sent_timer_armed)
        wake_ui(net); /* the SENTs it was keeping (and cancels it) */
    lws_sul_cancel(&w->quit_timer);
    lws_sul_cancel(&w->attempt_timer);
    lws_sul_cancel(&w->close_timer);
    lws_sul_cancel(&w->wake_timer);
    lws_sul_cancel(&w->retry_timer);
    lws_sul_cancel(&w->ping_timer);
    w->quitting = true;
    /* Destroying the context closes what is left (CLIENT_CLOSED may still
     * run here); it must happen on this thread, after the loop, and only
     * once the UI has made its last lws_cancel_service call. */
    SDL_SemWait(net->ui_done);
    lws_context_destroy(net->context);
    fail_outgoing(net, NET_ERROR_NOT_CONNECTED);
    assemble_reset(&w->rx);
    free(w->write_buf);
    w->write_buf = NULL;
    transcript_close(w->transcript);
    w->transcript = NULL;
    free_handshake(w);
    return 0;
}

/* ---- UI side --------------------------------------------------------------- */

static void lws_log_to_stderr(int level, const char *line)
{
    (void)level;
    fprintf(stderr, "ponte: lws: %s", line);
}

static void free_handshake(struct worker *w)
{
    for (size_t i = 0; i < w->header_count; i++) {
        free(w->headers[i].name);
        free(w->headers[i].value);
    }
    free(w->headers);
    free(w->protocols);
    free(w->origin);
    free(w->cert_file);
    free(w->key_file);
    w->headers = NULL;
    w->header_count = 0;
    w->protocols = w->origin = w->cert_file = w->key_file = NULL;
    free(w->proxy_option);
    free((char *)w->proxy_env.http_proxy);
    free((char *)w->proxy_env.https_proxy);
    free((char *)w->proxy_env.all_proxy);
    free((char *)w->proxy_env.no_proxy);
    w->proxy_option = NULL;
    memset(&w->proxy_env, 0, sizeof w->proxy_env);
}

static bool readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* Loads the pair the way lws will, so that a file OpenSSL cannot use is
 * named now rather than as "the client could not start". */
static bool check_client_certificate(const char *cert, const char *key, char *err, size_t errlen)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    bool ok = false;
    ERR_clear_error();
    if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1)
        snprintf(err, errlen, "the certificate file %s holds no usable certificate (%s)", cert,
                 ERR_reason_error_string(ERR_peek_last_error()));
    else if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
        snprintf(err, errlen, "the key file %s holds no usable key (%s)", key,
                 ERR_reason_error_string(ERR_peek_last_error()));
    else if (SSL_CTX_check_private_key(ctx) != 1)
        snprintf(err, errlen, "the key file %s is not the key of the certificate in %s", key, cert);
    else
        ok = true;
    ERR_clear_error();
    SSL_CTX_free(ctx);
    return ok;
}

/* The worker's own copies of the handshake options, checked. */
static bool copy_handshake(struct net *net, const struct net_config *config, char *err, size_t errlen)
{
    struct worker *w = &net->w;
    if (config->header_count) {
        w->headers = calloc(config->header_count, sizeof *w->headers);
        if (!w->headers)
            goto oom;
        for (size_t i = 0; i < config->header_count; i++) {
            const char *h = config->headers[i];
            const char *colon = strchr(h, ':');
            if (!colon || colon == h) {
                snprintf(err, errlen, "a header must be \"Name: value\" (got \"%s\")", h);
                return false;
            }
            const char *value = colon + 1;
            while (*value == ' ' || *value == '\t')
                value++;
            w->headers[i].name = dup_bytes(h, (size_t)(colon - h) + 1); /* with the ':' */
            w->headers[i].value = dup_bytes(value, strlen(value));
            w->header_count = i + 1;
            if (!w->headers[i].name || !w->headers[i].value)
                goto oom;
        }
    }
    if (config->protocol_count) {
        size_t n = 0;
        for (size_t i = 0; i < config->protocol_count; i++)
            n += strlen(config->protocols[i]) + 2;
        w->protocols = malloc(n + 1);
        if (!w->protocols)
            goto oom;
        w->protocols[0] = '\0';
        for (size_t i = 0; i < config->protocol_count; i++) {
            if (i)
                strcat(w->protocols, ", ");
            strcat(w->protocols, config->protocols[i]);
        }
    }
    if (config->origin && !(w->origin = dup_bytes(config->origin, strlen(config->origin))))
        goto oom;
    if (!config->cert_file != !config->key_file) {
        snprintf(err, errlen, "a client certificate needs both a certificate and a key file");
        return false;
    }
    if (config->cert_file) {
        if (!readable(config->cert_file)) {
            snprintf(err, errlen, "cannot read the certificate file %s", config->cert_file);
            return false;
        }
        if (!readable(config->key_file)) {
            snprintf(err, errlen, "cannot read the key file %s", config->key_file);
            return false;
        }
        if (!check_client_certificate(config->cert_file, config->key_file, err, errlen))
            return false;
        w->cert_file = dup_bytes(config->cert_file, strlen(config->cert_file));
        w->key_file = dup_bytes(config->key_file, strlen(config->key_file));
        if (!w->cert_file || !w->key_file)
            goto oom;
    }
    if (config->proxy && !(w->proxy_option = dup_bytes(config->proxy, strlen(config->proxy))))
        goto oom;
    if (config->proxy_env) {
        const struct proxy_env *e = config->proxy_env;
        struct proxy_env *c = &w->proxy_env;
        c->https_name = e->https_name;
        c->all_name = e->all_name;
        if ((e->http_proxy && !(c->http_proxy = dup_bytes(e->http_proxy, strlen(e->http_proxy)))) ||
            (e->https_proxy && !(c->https_proxy = dup_bytes(e->https_proxy, strlen(e->https_proxy)))) ||
            (e->all_proxy && !(c->all_proxy = dup_bytes(e->all_proxy, strlen(e->all_proxy)))) ||
            (e->no_proxy && !(c->no_proxy = dup_bytes(e->no_proxy, strlen(e->no_proxy)))))
            goto oom;
    }
    w->insecure = config->insecure;
    w->queue_offline = config->queue_offline;
    w->retry_first_ms = config->retry_first_ms;
    w->retry_max_ms = config->retry_max_ms;
    if (w->retry_max_ms < w->retry_first_ms)
        w->retry_max_ms = w->retry_first_ms;
    w->reconnect = config->reconnect;
    w->ping_interval_s = config->ping_interval_s;
    w->ping_timeout_s = config->ping_timeout_s;
    w->jitter = (uint64_t)platform_wall_clock_us() | 1;
    return true;
oom:
    snprintf(err, errlen, "out of memory");
    return false;
}

struct net *net_start(const struct net_config *given, char *err, size_t errlen)
{
    const struct net_config resolved = net_config_resolve(given), *config = &resolved; /* no zeros left */
    struct net *net = calloc(1, sizeof *net);
    char *ca_copy = NULL;
    if (!net) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    uint32_t capacity = config->ring_capacity;
    net->ring_capacity = capacity;
    if (!spsc_init(&net->commands, sizeof(struct net_command), capacity) ||
        !spsc_init(&net->events, sizeof(struct net_event), capacity)) {
        snprintf(err, errlen, "cannot create the message queues (capacity %u)", (unsigned)capacity);
        goto fail;
    }
    net->wake = config->wake;
    net->wake_user = config->wake_user;
    net->local_echo = config->local_echo;
    net->connect_at_start = !config->no_connect;
    net->w.timeout_s = config->timeout_s;
    if (!copy_handshake(net, config, err, errlen))
        goto fail;
    net->w.rx.cap = config->max_message;
    if (!config->local_echo) {
        char why[128];
        if (!url_parse(config->url, &net->w.url, why, sizeof why)) {
            snprintf(err, errlen, "invalid URL %s: %s", config->url ? config->url : "(none)", why);
            goto fail;
        }
    }
    if (config->ca_file) {
        /* lws only logs an unreadable CA file and goes on; say it here. */
        FILE *f = fopen(config->ca_file, "rb");
        if (!f) {
            snprintf(err, errlen, "cannot read the CA file %s", config->ca_file);
            goto fail;
        }
        fclose(f);
        SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
        bool loaded = ctx && SSL_CTX_load_verify_locations(ctx, config->ca_file, NULL) == 1;
        ERR_clear_error();
        SSL_CTX_free(ctx);
        if (!loaded) {
            snprintf(err, errlen, "the CA file %s holds no certificate", config->ca_file);
            goto fail;
        }
    }
    if (config->ca_file && !(ca_copy = dup_bytes(config->ca_file, strlen(config->ca_file)))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }

    /* lws logs only errors, to stderr with our prefix; PONTE_LWS_LOG=<bitmask>
     * shows more (see lws-logs.h). */
    const char *log_env = getenv("PONTE_LWS_LOG");
    lws_set_log_level(log_env ? atoi(log_env) : LLL_ERR, lws_log_to_stderr);

    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    /* No LWS_SERVER_OPTION_VALIDATE_UTF8: assemble checks text itself
     * (lws's check closes from inside its parser, see close_now). */
    /* JUST_USE_RAW_ORIGIN: --origin goes out as given (else lws 4.1.6
     * writes "http://" before it). */
    info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS | LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT |
                   LWS_SERVER_OPTION_JUST_USE_RAW_ORIGIN;
    info.port = CONTEXT_PORT_NO_LISTEN;
    info.user = net;
    info.timeout_secs = (unsigned)net->w.timeout_s + 5;
    net->context = lws_create_context(&info);
    if (!net->context) {
        snprintf(err, errlen, "cannot create the network context");
        goto fail;
    }

    net->ui_done = SDL_CreateSemaphore(0);
    if (!net->ui_done) {
        snprintf(err, errlen, "cannot create a semaphore: %s", SDL_GetError());
        lws_context_destroy(net->context);
        goto fail;
    }
    net->w.transcript = config->transcript;
    net->w.ca_file = ca_copy;
    net->thread = SDL_CreateThread(worker_main, "ponte-net", net);
    if (!net->thread) {
        snprintf(err, errlen, "cannot start the network thread: %s", SDL_GetError());
        net->w.transcript = NULL;
        net->w.ca_file = NULL;
        lws_context_destroy(net->context);
        goto fail;
    }
    return net;

fail:
    if (net->ui_done)
        SDL_DestroySemaphore(net->ui_done);
    free(ca_copy);
    free_handshake(&net->w);
    spsc_destroy(&net->events);
    spsc_destroy(&net->commands);
    free(net);
    return NULL;
}

/* Wakes the worker to drain the command ring, unless a wake-up is already
 * on its way that it has not answered yet (it re-arms before draining). */
static void wake_worker(struct net *net)
{
    if (!atomic_exchange(&net->commands_pending, true))
        lws_cancel_service(net->context);
}

/* Wakes a worker that parked events, once there is room worth moving
 * them into: the ring at most half full (one wake-up per half ring, not one
 * per event), or empty. */
static void kick_worker_if_stalled(struct net *net, bool empty)
{
    if (!empty && spsc_count(&net->events) > net->ring_capacity / 2)
        return;
    /* (Its drain_commands moves parked events too.) */
    if (atomic_load(&net->worker_stalled) && atomic_exchange(&net->worker_stalled, false))
        wake_worker(net);
}

/* Pushes the oldest backlog commands while the ring has room. */
static size_t send_cost(const struct net_command *cmd)
{
    return cmd->kind == NET_COMMAND_SEND ? cmd->len + NET_SEND_OVERHEAD : 0;
}

/* Into the ring, if there is room and (for a send, unless forced) the
 * budget allows. */
static bool try_push(struct net *net, const struct net_command *cmd, bool force)
{
    size_t cost = send_cost(cmd);
    if (cost && !force) {
        size_t unsent = atomic_load_explicit(&net->unsent_bytes, memory_order_relaxed);
        if (unsent && unsent + cost > NET_MAX_UNSENT)
            return false;
    }
    atomic_fetch_add_explicit(&net->unsent_bytes, cost, memory_order_relaxed);
    if (spsc_push(&net->commands, cmd))
        return true;
    atomic_fetch_sub_explicit(&net->unsent_bytes, cost, memory_order_relaxed);
    return false;
}

/* Pushes the oldest backlog commands while the ring has room and the sends
 * fit the budget (force: whatever the budget). */
static bool flush_backlog(struct net *net, bool force)
{
    bool pushed = false;
    while (net->backlog_len && try_push(net, &net->backlog[net->backlog_head], force)) {
        net->backlog_head = (net->backlog_head + 1) % net->backlog_cap;
        net->backlog_len--;
        pushed = true;
    }
    return pushed;
}

static bool backlog_append(struct net *net, const struct net_command *cmd)
{
    if (net->backlog_len == net->backlog_cap) {
        size_t cap = net->backlog_cap ? net->backlog_cap * 2 : 64;
        struct net_command *grown = malloc(cap * sizeof *grown);
        if (!grown)
            return false;
        for (size_t i = 0; i < net->backlog_len; i++)
            grown[i] = net->backlog[(net->backlog_head + i) % net->backlog_cap];
        free(net->backlog);
        net->backlog = grown;
        net->backlog_cap = cap;
        net->backlog_head = 0;
    }
    net->backlog[(net->backlog_head + net->backlog_len) % net->backlog_cap] = *cmd;
    net->backlog_len++;
    return true;
}

static bool push_command(struct net *net, const struct net_command *cmd)
{
    flush_backlog(net, false);
    /* A send waits behind the sends before it. Connect and close go now,
     * ahead of sends the budget holds back: the person's Close must not
     * wait for a socket that takes nothing (those sends then fail, named). */
    bool now = !net->backlog_len || cmd->kind != NET_COMMAND_SEND;
    if (!(now && try_push(net, cmd, false)) && !backlog_append(net, cmd))
        return false;
    wake_worker(net);
    return true;
}

size_t net_unsent_bytes(const struct net *net)
{
    return atomic_load_explicit(&((struct net *)net)->unsent_bytes, memory_order_relaxed);
}

size_t net_backlog_count(const struct net *net)
{
    return net->backlog_len;
}

bool net_send(struct net *net, uint64_t id, const char *data, size_t len, bool binary)
{
    struct net_command cmd = {.kind = NET_COMMAND_SEND, .id = id, .len = len, .binary = binary};
    if (len) {
        cmd.data = malloc(len);
        if (!cmd.data)
            return false;
        memcpy(cmd.data, data, len);
    }
    if (!push_command(net, &cmd)) {
        free(cmd.data);
        return false;
    }
    return true;
}

bool net_connect(struct net *net)
{
    return push_command(net, &(struct net_command){.kind = NET_COMMAND_CONNECT});
}

bool net_connect_to(struct net *net, const char *url)
{
    struct net_command cmd = {.kind = NET_COMMAND_CONNECT, .len = strlen(url)};
    cmd.data = dup_bytes(url, cmd.len);
    if (!cmd.data)
        return false;
    if (!push_command(net, &cmd)) {
        free(cmd.data);
        return false;
    }
    return true;
}

bool net_use_local_echo(struct net *net)
{
    return push_command(net, &(struct net_command){.kind = NET_COMMAND_LOCAL_ECHO});
}

bool net_reconnect(struct net *net)
{
    return push_command(net, &(struct net_command){.kind = NET_COMMAND_RECONNECT});
}

bool net_close(struct net *net)
{
    return push_command(net, &(struct net_command){.kind = NET_COMMAND_CLOSE});
}

bool net_poll(struct net *net, struct net_event *ev)
{
    if (flush_backlog(net, false))
        wake_worker(net);
    if (!spsc_pop(&net->events, ev)) {
        /* Re-arm the wake-up, then look once more: an event pushed just
         * before the re-arm is seen here, one pushed after it wakes us. An
         * exchange, not a store: reading the worker's `true` is what makes
         * its push visible to the pop below. */
        atomic_exchange(&net->wake_pending, false);
        if (!spsc_pop(&net->events, ev)) {
            kick_worker_if_stalled(net, true);
            return false;
        }
    }
    atomic_fetch_sub_explicit(&net->inflight_bytes, ev->len, memory_order_relaxed);
    kick_worker_if_stalled(net, false);
    return true;
}

void net_event_free(struct net_event *ev)
{
    free(ev->data);
    ev->data = NULL;
    ev->len = 0;
}

void net_stop(struct net *net)
{
    if (!net)
        return;
    /* The worker never waits for the UI (events it cannot push are parked),
     * so it always takes the quit command in the end; until it does, keep
     * feeding it the backlog that comes before. */
    /* The backlog goes first, whatever the budget (the worker reports each
     * of its messages, sent or not, in the transcript). */
    struct net_command quit = {.kind = NET_COMMAND_QUIT};
    bool queued = false;
    while (net->backlog_len || !queued) {
        flush_backlog(net, true);
        if (!queued && !net->backlog_len)
            queued = spsc_push(&net->commands, &quit);
        lws_cancel_service(net->context);
        if (net->backlog_len || !queued)
            SDL_Delay(1);
    }
    SDL_SemPost(net->ui_done); /* no lws call from this thread after this */
    SDL_WaitThread(net->thread, NULL);
    SDL_DestroySemaphore(net->ui_done);

    /* The worker is gone: what is left in the rings and its parked list is
     * ours to free. */
    struct net_event ev;
    while (spsc_pop(&net->events, &ev))
        net_event_free(&ev);
    struct net_command cmd;
    while (spsc_pop(&net->commands, &cmd))
        free(cmd.data);
    free(net->backlog);
    while (net->w.parked_head) {
        struct parked_event *p = net->w.parked_head;
        net->w.parked_head = p->next;
        free(p->ev.data);
        free(p);
    }
    spsc_destroy(&net->events);
    spsc_destroy(&net->commands);
    free(net);
}
