/* SPDX-License-Identifier: MIT */
/* net: the network worker. One thread owns a libwebsockets context with a
 * client connection and, with local_echo, the built-in echo server.
 *
 * The UI thread talks to it only through these calls, which move commands
 * and events through two spsc rings; the only lws call they make is
 * lws_cancel_service(), to wake the worker. The worker wakes the UI through
 * config.wake, at most once until the UI has drained the events (coalesced).
 * These calls are net.c; the worker is worker.c and the other files named
 * in worker.h, the module's private header. In the one-thread mode
 * (net_config.deliver, the terminal mode) there is no worker thread: the
 * caller runs the same worker code with net_service. */
#ifndef PONTE_NET_H
#define PONTE_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"
#include "proxy.h"

struct net;
struct frames_request;
struct transcript;

/* A zero means the default: net_config_defaults() (net_config.h) has them. */
struct net_config {
    const char *url;        /* ws:// or wss://; ignored with local_echo */
    bool local_echo;        /* run the echo server on 127.0.0.1 (free port), connect to it */
    bool no_connect;        /* don't connect at start (wait for net_connect) */
    struct transcript *transcript; /* optional; the worker takes ownership */
    const char *ca_file;    /* optional PEM file of extra CAs to trust */
    int timeout_s;          /* connect and handshake timeout */
    size_t max_message;     /* largest message accepted */
    uint32_t ring_capacity; /* per ring, a power of two */
    /* The handshake. Strings are copied. */
    const char *const *headers; /* "Name: value" each */
    size_t header_count;
    const char *const *protocols; /* subprotocols offered */
    size_t protocol_count;
    const char *origin;
    const char *cert_file, *key_file; /* a client certificate (PEM) */
    bool insecure;          /* accept any server certificate */
    bool no_compression;    /* offer no permessage-deflate (else offered where pmd_available) */
    /* Staying connected. */
    bool reconnect;         /* after a connection ends that was not closed on purpose */
    bool queue_offline;     /* messages sent while disconnected wait, in order, for the next connection */
    int retry_first_ms;     /* the first reconnect delay */
    int retry_max_ms;       /* the longest */
    int ping_interval_s;    /* < 0: no pings */
    int ping_timeout_s;     /* hang up when nothing came for this long */
    /* The proxy (see proxy.h), decided again at each attempt for the URL
     * of the moment. Copied; the worker never reads the environment. */
    const char *proxy;      /* --proxy: a proxy URL, "" or "none"; NULL: proxy_env decides */
    const struct proxy_env *proxy_env; /* as read at start; NULL: no variables */
    /* Called on the worker thread when events are waiting and the UI was not
     * told yet. Must be thread-safe and quick (e.g. SDL_PushEvent); returns
     * false when the wake-up could not be delivered (it is tried again with
     * the next event). */
    bool (*wake)(void *user);
    void *wake_user;
    /* The one-thread mode (the terminal mode), when deliver is set: no
     * worker thread and no rings. The caller's thread runs the lws loop
     * with net_service, each event is handed to deliver as the worker makes
     * it (the callee owns what it owns, as after net_poll), and commands
     * are carried out at once (one made inside deliver, other than a send,
     * at the loop's next turn). wake is not used; woken is called on the
     * loop's thread when net_wake_loop was called. */
    void (*deliver)(void *user, struct net_event *ev);
    void (*woken)(void *user);
    void *deliver_user;
};

/* Creates the lws context and starts the worker. On failure returns NULL
 * with a one-line reason in err. The URL must already have been checked. */
struct net *net_start(const struct net_config *config, char *err, size_t errlen);

/* UI thread. Queues a message; the worker answers with SENT or NOT_SENT
 * carrying the same id. The data is copied. False only when out of memory.
 * Messages go out in order; when the socket is slow they wait (bounded in
 * the worker, the rest here). */
bool net_send(struct net *net, uint64_t id, const char *data, size_t len, bool binary);
/* UI thread. The frames a person tests a server with (frames.h has their
 * rules; each returns false, sending nothing, for what those refuse, or
 * when out of memory):
 * - a message in exactly `fragments` frames (SENT's code says how many);
 * - a ping, answered by PING_SENT (or why not) and, when its pong comes,
 *   PING_ANSWERED with the round trip; a pong nobody asked for, PONG_SENT;
 * - a close with code and reason, after what is queued (as net_close).
 * net_frame does what a frames_request asks (id: for a message). */
bool net_send_fragments(struct net *net, uint64_t id, const char *data, size_t len, bool binary,
                        unsigned fragments);
bool net_ping(struct net *net, const void *data, size_t len);
bool net_pong(struct net *net, const void *data, size_t len);
bool net_close_code(struct net *net, int code, const char *reason, size_t len);
bool net_frame(struct net *net, uint64_t id, const struct frames_request *r);
/* UI thread. Connect (when not connected; also now, when a reconnect is
 * waiting) / close with 1000 (when connected; also stops reconnecting). */
bool net_connect(struct net *net);
bool net_close(struct net *net);
/* UI thread. Closes the connection normally and connects again at once
 * (a kiosk's stale-data watchdog); not connected: connects now. */
bool net_reconnect(struct net *net);
/* UI thread. Connects to another URL (already checked with url_parse): the
 * connection there is closed normally first (what is queued goes out
 * first); a reconnect waiting is dropped. The same URL: as net_connect. */
bool net_connect_to(struct net *net, const char *url);
/* UI thread. Starts the built-in echo server (LISTENING with its port;
 * FAILED with NET_ERROR_LISTEN when it cannot) unless it runs already, and
 * connects to it as net_connect_to does: the offer made to a person who is
 * offline. */
bool net_use_local_echo(struct net *net);

/* UI thread. Takes the next event; the caller owns ev->data and releases it
 * with net_event_free. Returns false when there is none; the worker will
 * call wake again when the next one arrives. */
bool net_poll(struct net *net, struct net_event *ev);
void net_event_free(struct net_event *ev);

/* UI thread. What the sends handed to the worker and not yet written cost
 * (bytes + a little each; bounded near 16 MiB), and how many commands wait
 * in the UI thread's backlog behind that bound or a full ring. */
size_t net_unsent_bytes(const struct net *net);
size_t net_backlog_count(const struct net *net);

/* The one-thread mode: one turn of the loop (it sleeps until a socket,
 * a watched descriptor, a timer or net_wake_loop has something). False
 * once networking has ended (it could not start, or the loop broke; a
 * FAILED event said so). */
bool net_service(struct net *net);
/* Any thread: ends the loop's wait at once (woken is called there). */
void net_wake_loop(struct net *net);
/* The one-thread mode: the loop's wait ends within ms at the latest. */
void net_wake_in(struct net *net, int ms);
/* The one-thread mode: a file descriptor (stdin, a pipe) the loop watches
 * (lws's raw-file role; not on Windows, whose stdin cannot be polled).
 * readable is called on the loop's thread when it can be read or has
 * ended; it returns false to stop watching (at its end), and the watch
 * is gone once it has (or after net_stop). NULL when it cannot be
 * watched. */
struct net_watch;
struct net_watch *net_watch_fd(struct net *net, int fd, bool (*readable)(void *user), void *user);
/* Stops (false) or resumes reading the descriptor: backpressure. */
void net_watch_pause(struct net_watch *watch, bool paused);

/* UI thread. Closes the connection with 1000 (waiting at most about 2 s for
 * the server's answer), ends and joins the worker, frees everything. */
void net_stop(struct net *net);

#endif
