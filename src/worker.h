/* SPDX-License-Identifier: MIT */
/* worker: private to the network module (net.c, worker.c, attempt.c,
 * session.c, probe.c, handshake.c); nothing else includes it.
 *
 * It holds `struct net`, split by owner, and `struct worker`, the network
 * thread's state. Threads: the rings, the atomics and one semaphore in
 * `struct net` cross between threads, each with its reason beside it; the
 * backlog is the UI thread's; `struct worker` and everything lws belongs to
 * the worker thread, except what net_start writes into it before the thread
 * starts (the handshake copies, the settings) and what net_stop frees after
 * the thread has been joined (the parked events).
 *
 * The worker's files, along the life of a connection:
 *   worker.c    the thread, its lws protocol callback, commands in, events out
 *   attempt.c   one connection attempt, why it failed, reconnecting
 *   session.c   an open connection: sending, receiving, keepalive, closing
 *   probe.c     asking a proxy why it refused the tunnel
 *   handshake.c the handshake's options copied and checked, TLS
 *   watch.c     the one-thread mode's file descriptors in the loop */
#ifndef PONTE_WORKER_H
#define PONTE_WORKER_H

#include <libwebsockets.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "assemble.h"
#include "msg.h"
#include "net.h"
#include "pmd.h"
#include "proxy.h"
#include "spsc.h"
#include "url.h"

/* Each send is counted this many bytes more than its payload against the
 * unsent budget (net.c), for what it costs to keep. */
#define NET_SEND_OVERHEAD 64
/* Outgoing messages are written as frames of at most this size, so a huge
 * message never needs a second copy inside lws and pings can interleave
 * (session.c); the client protocol's buffer is as large (worker.c). */
#define NET_WRITE_CHUNK ((size_t)64 << 10)
/* lws reads the socket into its service buffer, the context's
 * pt_serv_buf_size (4 KiB by default): this size instead (net.c), so a
 * 1 MiB message takes a few reads, not 256. The client protocol's
 * rx_buffer_size, the pieces lws hands a message over in, stays
 * NET_WRITE_CHUNK: lws calls back only when that buffer is full or the
 * frame ends, so a frame announcing more than --max-message is refused
 * once that much has come (tests/net's "length 2^63-1" sends 128 KiB), and
 * 256 KiB pieces measured no faster. */
#define NET_READ_CHUNK ((size_t)256 << 10)

struct parked_event {
    struct parked_event *next;
    struct net_event ev;
};

struct outgoing {
    struct outgoing *next;
    struct net_command cmd;
    size_t offset; /* bytes already written */
    unsigned frame; /* frames already written */
    uint64_t seq;   /* the order it was queued in (worker.out_seq) */
};

/* A control frame the person asked for (session.c), waiting for WRITEABLE. */
struct control_frame {
    struct control_frame *next;
    bool pong;     /* else a ping */
    uint64_t after;  /* goes after the message queued with this seq (0: none) */
    uint64_t inside; /* except this one, begun when it was asked for: it may go between its frames */
    uint8_t len;
    unsigned char payload[125];
};

/* The person's pings waiting for their pongs (their payloads tell them
 * from the keepalive's, which carry 8 bytes of time); the oldest is
 * forgotten when more are waiting. */
#define NET_PINGS_WAITING 8

enum conn_state {
    CONN_IDLE,
    CONN_CONNECTING, /* TCP, TLS and the HTTP upgrade */
    CONN_OPEN,
};

/* Worker thread only (net_start fills the settings before the thread
 * starts; net_stop frees the parked events after it is joined). */
struct worker {
    struct lws_vhost *client_vhost;
    struct lws *wsi; /* the client connection; session_reset clears it */
    enum conn_state state;
    struct url url;
    char url_text[URL_HOST_MAX + URL_PATH_MAX + 32];
    char host_header[URL_HOST_MAX + 16];
    bool url_ready; /* false until the echo server has a port */
    bool switching; /* the person asked for another URL: connect to it once this connection ends */
    int echo_port;  /* the built-in echo server's, once started (0: not running) */
    bool stop, quitting;
    bool without_lws; /* the loop could not start or broke: commands are answered, not carried out */
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
    uint64_t out_seq; /* the last message queued */
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

    /* The handshake, copied from the config by net_start (handshake.c). */
    struct header {
        char *name;  /* with its ':' */
        char *value;
    } *headers;
    size_t header_count;
    char *headers_shown; /* "Name: value" lines, secrets as ***, for the transcript; or NULL */
    char *protocols; /* "a, b": offered subprotocols, or NULL */
    char agreed_protocol[128]; /* the server's choice, for CONNECTED */
    char *origin, *cert_file, *key_file;
    bool insecure;
    bool queue_offline; /* hold messages while disconnected */
    int retry_first_ms, retry_max_ms;
    /* How far the attempt got, for failure.c (reset by attempt_start). lws
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

    /* Reconnecting (attempt.c). */
    bool reconnect;
    bool person_closed;      /* the person closed: no reconnecting until they connect */
    bool retry_pending;
    unsigned retry_attempt;  /* attempts since the last connection that lived */
    lws_usec_t connected_at; /* 0 when not connected */
    lws_sorted_usec_list_t retry_timer;
    lws_retry_bo_t retry_policy; /* the delays: retry_table, +-20% */
    uint32_t retry_table[17];

    /* The proxy: the settings, copied by net_start, and the choice
     * attempt_start makes for each attempt from the URL of the moment. */
    char *proxy_option;         /* --proxy, or NULL */
    struct proxy_env proxy_env; /* values are our copies; names are static */
    bool via_proxy;             /* this attempt goes through proxy */
    struct proxy proxy;
    char proxy_text[PROXY_HOST_MAX + 8]; /* "host:port", never the credentials */
    /* Asking the proxy why it refused the tunnel (probe.c). */
    struct lws_vhost *probe_vhost;
    struct lws *probe_wsi;      /* the probe connection, or NULL */
    bool probing;               /* the attempt's failure waits for the probe */
    char probe_rx[256];         /* the start of the proxy's answer */
    size_t probe_len;

    /* The person's frames (session.c): control frames to write, then
     * their pings waiting for an answer; and the close they asked for. */
    struct control_frame *control_head, *control_tail;
    struct person_ping {
        lws_usec_t sent_us;
        uint8_t len;
        unsigned char payload[125];
    } pings[NET_PINGS_WAITING];
    size_t ping_count;
    int close_request_code; /* 0: 1000 */
    char close_request_reason[124];
    size_t close_request_reason_len;

    /* Keepalive: our own pings, so their round trip is known. */
    int ping_interval_s, ping_timeout_s; /* interval <= 0: no pings */
    lws_sorted_usec_list_t ping_timer;
    lws_usec_t last_rx_us;   /* anything from the server: data, pong, ping */
    lws_usec_t last_ping_us; /* when our last ping went */
    bool ping_due;

    /* Compression (extension.c): offered on this context's connections
     * (the config and pmd_available); what the server's answer agreed, for
     * the connection being made or open; the payload bytes lws's deflate
     * took in (received) and made (sent) for the messages in progress, and
     * whether the one being received came compressed (RSV1). */
    bool compression;
    struct pmd_agreed pmd;
    uint64_t rx_wire, tx_wire;
    bool rx_compressed;
    bool tx_compressed; /* the message being written (extension.c decides) */
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
     * queue cost (see NET_MAX_UNSENT in net.c); the UI adds before a push,
     * the worker subtracts when it reports the message SENT or NOT_SENT. A
     * budget too: relaxed. (The add is ordered before the push, the push's
     * release before the worker's pop, so a subtraction never comes first.) */
    _Atomic size_t unsent_bytes;

    /* Crosses threads: net_stop posts it after its last lws_cancel_service,
     * and the worker waits for it before destroying the context that call
     * reads. A worker that takes the quit command at once must not free the
     * context while the UI is still inside its wake-up call. */
    SDL_sem *ui_done;

    /* UI thread only: commands that found the command ring full, in order. */
    struct net_command *backlog;
    size_t backlog_head, backlog_len, backlog_cap;

    /* The one-thread mode (net_config.deliver): set by net_start, read-only.
     * There is no worker thread, no rings and no atomics are needed: the
     * caller's thread runs the lws loop (net_service), events go straight
     * to deliver, commands are applied at once (net.c). */
    bool one_thread;
    void (*deliver)(void *user, struct net_event *ev);
    void *deliver_user;
    void (*woken)(void *user); /* net_wake_loop reached the loop */
    /* One-thread mode, the loop's thread only: deliver calls under way (a
     * command other than a send made inside one waits in the backlog for
     * backlog_timer, the next turn of the loop, so worker code is never
     * re-entered half-way), and net_wake_in's timer. */
    int delivering;
    bool begun;    /* the first net_service ran worker_begin */
    bool stopping; /* net_stop is under way */
    lws_sorted_usec_list_t backlog_timer;
    lws_sorted_usec_list_t tick_timer;
    struct lws_vhost *watch_vhost; /* net_watch_fd's (watch.c), made at its first call */

    /* Worker thread only (the one-thread mode: the loop's thread). */
    struct worker w;
};

/* A malloc'd copy of data[0..len) with a NUL after it, or NULL. */
static inline char *dup_bytes(const void *data, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    return copy;
}

/* worker.c: the thread (SDL_CreateThread's function; arg is the net),
 * which is worker_begin (the vhosts, the first attempt), worker_turn (one
 * lws_service; false once the loop is over) until it returns false, and
 * worker_end (the context destroyed, everything freed). The one-thread
 * mode calls the three itself (net.c). */
int worker_main(void *arg);
bool worker_begin(struct net *net);
bool worker_turn(struct net *net);
void worker_end(struct net *net);
/* Carries out one command (takes what it owns). */
void worker_command(struct net *net, struct net_command *cmd);
/* Writes the event to the transcript (text: the payload for messages) and
 * hands it to the UI. Takes ownership of what the event owns. */
void worker_emit(struct net *net, struct net_event *ev, const char *text, size_t len);

/* attempt.c */
void attempt_start(struct net *net); /* connects, when idle */
void attempt_failed(struct net *net, enum net_error error, const char *detail);
/* Why the attempt failed, from what the worker saw of it (failure.c);
 * why: lws's words, when it gave any. */
enum net_error attempt_classify(struct net *net, struct lws *wsi, const char *why, int saved_errno,
                                char *detail, size_t detail_len);
/* A connection ended or an attempt failed: quit, switch to the new URL, or
 * (retry) reconnect after a delay. */
void attempt_next(struct net *net, bool retry, int close_code);
void attempt_cancel_retry(struct net *net); /* and say so (RETRY -1) */
void attempt_drop_retry(struct net *net);   /* quietly: another attempt comes now */
/* The delays: first_ms doubling to max_ms, +-20%. */
void attempt_retry_policy(struct worker *w);

/* session.c */
void session_open(struct net *net, struct lws *wsi); /* CLIENT_ESTABLISHED */
void session_reset(struct net *net);
void session_close(struct net *net); /* closes normally, or cancels an attempt */
/* Closes with code (0: 1000) and reason, what is queued going first. */
void session_close_with(struct net *net, int code, const char *reason, size_t len);
/* A ping or pong the person asked for (data: its payload, the command's). */
void session_control(struct net *net, bool pong, const char *data, size_t len);
/* The person's control frames not written: reported with why. */
void session_fail_controls(struct net *net, enum net_error why);
int session_receive(struct net *net, struct lws *wsi, const void *in, size_t len);
int session_writeable(struct net *net, struct lws *wsi);
void session_pong(struct net *net, const unsigned char *in, size_t len);
/* The server's close frame; true when Ponte fails the connection instead
 * (its reason is not UTF-8: 1007), and the callback must return -1. */
bool session_peer_close(struct net *net, struct lws *wsi, const unsigned char *in, size_t len);
void session_closed(struct net *net);
bool session_holding(const struct worker *w);
void session_fail_outgoing(struct net *net, enum net_error why);
void session_drop_or_hold(struct net *net, enum net_error why);

/* probe.c */
extern const struct lws_protocols probe_protocols[];
bool probe_start(struct net *net);

/* handshake.c: copies made by net_start on the UI thread (before the
 * worker exists), freed by the worker when it ends (or by net_start when
 * it fails). */
bool handshake_copy(struct worker *w, const struct net_config *config, char *err, size_t errlen);
void handshake_free(struct worker *w);
bool handshake_check_ca_file(const char *path, char *err, size_t errlen);
/* CLIENT_APPEND_HANDSHAKE_HEADER: false when they do not fit. */
bool handshake_append_headers(const struct worker *w, struct lws *wsi, unsigned char **p, unsigned char *end);
/* OPENSSL_LOAD_EXTRA_CLIENT_VERIFY_CERTS: our info callback and session
 * cache settings on the client SSL_CTX (a void *: lws hands it so). */
void handshake_tls_setup(struct net *net, void *ssl_ctx);
/* The TLS version and cipher of an established wss:// connection. */
void handshake_tls_describe(struct lws *wsi, struct net_connected *c);
/* OpenSSL's words for a verify result. */
const char *handshake_verify_text(long verify);

#endif
