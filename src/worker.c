/* SPDX-License-Identifier: MIT */
/* worker: the network thread (see worker.h for the whole module). It owns
 * the lws context's vhosts and runs lws_service; its protocol callback
 * hands each lws reason to the attempt (attempt.c), the open connection
 * (session.c) or the handshake (handshake.c). Commands come in from the UI
 * through the command ring, drained when lws_cancel_service wakes the loop;
 * events go out through the event ring, parked when it is full, with one
 * coalesced wake-up of the UI per batch. */
#include "worker.h"

#include <stdio.h>

#include "echo.h"
#include "extension.h"
#include "platform.h"
#include "transcript.h"

/* pmd.c's gate, read by cli.c through meson's number, and the headers'
 * must speak of the same libwebsockets. */
_Static_assert(PONTE_LWS_VERSION_NUMBER == LWS_LIBRARY_VERSION_NUMBER,
               "meson.build's libwebsockets version is not libwebsockets.h's");

/* A quit ends the worker after this long even if the server never answers
 * our close frame. */
#define NET_QUIT_GRACE_US (3 * LWS_USEC_PER_SEC)
/* Payload bytes the event ring may hold before the worker parks events and
 * stops reading: bounds memory whatever the message sizes. */
#define NET_MAX_INFLIGHT ((size_t)64 << 20)
/* A failed wake-up (SDL's queue full) is tried again after this long. */
#define NET_WAKE_RETRY_US (10 * LWS_USEC_PER_SEC / 1000)
/* A SENT event alone wakes the UI only after this long: an echo or any
 * other event usually comes first and takes it along in the same wake-up.
 * Far below a frame, so a bubble's "sent" is never seen late. */
#define NET_SENT_WAKE_US (2 * LWS_USEC_PER_SEC / 1000)

/* ---- events out ----------------------------------------------------------------- */

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
static void park(struct net *net, const struct net_event *ev)
{
    struct worker *w = &net->w;
    struct parked_event *p = malloc(sizeof *p);
    if (!p) {
        /* Nowhere left to keep it: say so rather than lose it silently. */
        fprintf(stderr, "ponte: out of memory, a network event was lost\n");
        free(ev->data);
        free(ev->connected);
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

void worker_emit(struct net *net, struct net_event *ev, const char *text, size_t len)
{
    struct worker *w = &net->w;
    if (!ev->time_us)
        ev->time_us = platform_wall_clock_us();
    if (ev->kind == NET_EVENT_SENT || ev->kind == NET_EVENT_NOT_SENT) /* the message is done with */
        atomic_fetch_sub_explicit(&net->unsent_bytes, len + NET_SEND_OVERHEAD, memory_order_relaxed);
    if (w->transcript) {
        const struct transcript_place place = {
            .url = w->url_text,
            .proxy = w->via_proxy ? w->proxy_text : NULL,
            .headers = w->headers_shown,
        };
        transcript_net_event(w->transcript, ev, &place, text, len);
    }
    if (net->deliver) {
        /* The one-thread mode: straight to the caller, on this thread. A
         * command it makes meanwhile waits for the next turn unless it is
         * a send (net.c's push_command). */
        net->delivering++;
        net->deliver(net->deliver_user, ev);
        net->delivering--;
        return;
    }
    bool sent = ev->kind == NET_EVENT_SENT;
    if (w->parked_head || !push_event(net, ev))
        park(net, ev);
    if (sent)
        wake_ui_soon(net);
    else
        wake_ui(net);
}

static void flush_parked(struct net *net)
{
    struct worker *w = &net->w;
    if (net->deliver)
        return; /* nothing is ever parked in the one-thread mode */
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

/* ---- commands in ---------------------------------------------------------------- */

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
        worker_emit(net, &ev, NULL, 0);
        return;
    }
    char formatted[sizeof w->url_text];
    url_format(&url, formatted, sizeof formatted);
    if (w->url_ready && strcmp(formatted, w->url_text) == 0) {
        attempt_start(net);
        return;
    }
    w->url = url;
    url_texts(w);
    w->url_ready = true;
    w->retry_attempt = 0; /* another server: its own series */
    w->connected_at = 0;
    if (w->state == CONN_IDLE) {
        attempt_start(net);
        return;
    }
    w->switching = true;
    session_close(net);
}

static bool start_echo(struct net *net);
static bool answer_without_lws(struct net *net, struct net_command *cmd);

void worker_command(struct net *net, struct net_command *cmd)
{
    struct worker *w = &net->w;
    if (w->without_lws) { /* (the one-thread mode; the thread answers in serve_without_lws) */
        if (answer_without_lws(net, cmd))
            w->stop = true;
        return;
    }
    switch (cmd->kind) {
    case NET_COMMAND_SEND: {
        bool open = w->state == CONN_OPEN && !w->close_requested;
        if (!open && !session_holding(w)) {
            struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = cmd->id,
                                   .error = NET_ERROR_NOT_CONNECTED, .binary = cmd->binary};
            worker_emit(net, &ev, cmd->data, cmd->len);
            free(cmd->data);
            return;
        }
        struct outgoing *o = malloc(sizeof *o);
        if (!o) {
            struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = cmd->id,
                                   .error = NET_ERROR_NO_MEMORY, .binary = cmd->binary};
            worker_emit(net, &ev, cmd->data, cmd->len);
            free(cmd->data);
            return;
        }
        o->next = NULL;
        o->cmd = *cmd;
        o->offset = 0;
        o->frame = 0;
        o->seq = ++w->out_seq;
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
        attempt_drop_retry(net); /* "Reconnect now" */
        if (cmd->data) {
            connect_to(net, cmd->data);
            free(cmd->data);
            return;
        }
        attempt_start(net);
        return;
    case NET_COMMAND_CLOSE:
        w->person_closed = true;
        attempt_cancel_retry(net);
        session_close_with(net, cmd->code, cmd->data, cmd->len);
        free(cmd->data);
        return;
    case NET_COMMAND_PING:
    case NET_COMMAND_PONG:
        session_control(net, cmd->kind == NET_COMMAND_PONG, cmd->data, cmd->len);
        free(cmd->data);
        return;
    case NET_COMMAND_RECONNECT:
        /* The connection is stale: end it (as a switch to the same URL)
         * and connect again as soon as it has ended. */
        w->person_closed = false;
        if (w->state == CONN_IDLE) {
            attempt_drop_retry(net);
            attempt_start(net);
            return;
        }
        w->switching = true;
        session_close(net);
        return;
    case NET_COMMAND_LOCAL_ECHO:
        w->person_closed = false;
        attempt_cancel_retry(net);
        if (start_echo(net)) {
            char url[40];
            snprintf(url, sizeof url, "ws://127.0.0.1:%d/", w->echo_port);
            connect_to(net, url);
        }
        return;
    case NET_COMMAND_QUIT:
        w->quitting = true;
        attempt_drop_retry(net);
        if (w->state == CONN_OPEN) {
            session_close(net);
            lws_sul_schedule(net->context, 0, &w->quit_timer, quit_now, NET_QUIT_GRACE_US);
        } else {
            w->stop = true;
        }
        return;
    }
}

static void drain_commands(struct net *net)
{
    if (net->one_thread) { /* no ring: net_wake_loop was called */
        if (net->woken)
            net->woken(net->deliver_user);
        return;
    }
    struct net_command cmd;
    /* Re-arm the UI's wake-up before looking: a command pushed after this
     * wakes us again, one pushed before it is popped below. */
    atomic_exchange(&net->commands_pending, false);
    while (!net->w.stop && spsc_pop(&net->commands, &cmd))
        worker_command(net, &cmd);
    flush_parked(net);
}

/* ---- the protocol callback ------------------------------------------------------ */

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
            !w->attempt_timed_out && !w->quitting && !w->attempt_reported && probe_start(net))
            return 0; /* reported when the proxy says why */
        enum net_error error =
            attempt_classify(net, wsi, in ? (const char *)in : "", saved_errno, detail, sizeof detail);
        attempt_failed(net, error, detail);
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
        unsigned char **p = (unsigned char **)in;
        if (!handshake_append_headers(w, wsi, p, *p + len))
            return -1; /* no room: the attempt fails, named */
        return 0;
    }

    case LWS_CALLBACK_OPENSSL_LOAD_EXTRA_CLIENT_VERIFY_CERTS:
        /* user: the client vhost's SSL_CTX. */
        handshake_tls_setup(net, user);
        return 0;

    case LWS_CALLBACK_CLIENT_FILTER_PRE_ESTABLISH:
        /* The server's answer is still readable here, not at ESTABLISHED. */
        if (lws_hdr_copy(wsi, w->agreed_protocol, sizeof w->agreed_protocol, WSI_TOKEN_PROTOCOL) < 0)
            w->agreed_protocol[0] = '\0';
        extension_read_answer(net, wsi);
        return 0;

    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        extension_open(net, wsi);
        session_open(net, wsi);
        return 0;

    case LWS_CALLBACK_CLIENT_RECEIVE_PONG:
        session_pong(net, in, len);
        return 0;

    case LWS_CALLBACK_CLIENT_RECEIVE:
        return session_receive(net, wsi, in, len);

    case LWS_CALLBACK_CLIENT_WRITEABLE:
        return session_writeable(net, wsi);

    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        if (session_peer_close(net, wsi, in, len))
            return -1; /* lws sends Ponte's close frame instead */
        return 0;     /* lws answers with the same close frame */

    case LWS_CALLBACK_CLIENT_CLOSED:
        if (w->state == CONN_OPEN)
            session_closed(net);
        return 0;

    case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
        /* lws 4.1.6 ends an attempt that is still waiting for the answer to
         * its upgrade request (killed by our attempt timer, cancelled, or
         * dropped by the server) with this instead of CONNECTION_ERROR. */
        if (w->state == CONN_CONNECTING && !w->attempt_reported && !w->probing) {
            char detail[256];
            enum net_error error = attempt_classify(net, wsi, NULL, 0, detail, sizeof detail);
            attempt_failed(net, error, detail);
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

/* ---- the thread ----------------------------------------------------------------- */

static bool worker_setup(struct net *net, const char *ca_file)
{
    struct worker *w = &net->w;
    attempt_retry_policy(w);
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.vhost_name = "ponte-client";
    info.port = CONTEXT_PORT_NO_LISTEN;
    /* lws builds a vhost's client TLS context (CA file, system CAs) only
     * when the vhost's own options ask for it: without this, every wss://
     * attempt fails with "bio_create failed". */
    info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
    info.protocols = client_protocols;
    /* permessage-deflate, offered where this libwebsockets can have it
     * (pmd.h; NULL: no offer at all). */
    info.extensions = extension_client_list(w->compression);
    info.client_ssl_ca_filepath = ca_file;
    info.client_ssl_cert_filepath = w->cert_file;
    info.client_ssl_private_key_filepath = w->key_file;
    /* Our own attempt timer decides; lws's must not fire first. */
    info.connect_timeout_secs = (unsigned)w->timeout_s + 5;
    /* No proxy yet (attempt_start sets the attempt's). Without an address
     * here, lws 4.1.6 would read getenv("http_proxy") itself, for wss://
     * too and whatever no_proxy says. */
    info.http_proxy_address = ":0";
    w->client_vhost = lws_create_vhost(net->context, &info);
    if (!w->client_vhost) {
        attempt_failed(net, NET_ERROR_OTHER, "the client could not start");
        return false;
    }
    /* The vhost of probe_start's raw connections, which go straight to the
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
    if (!echo_start(net->context, 0, extension_server_list(w->compression), &port) || port <= 0) {
        attempt_failed(net, NET_ERROR_LISTEN, "no free port on 127.0.0.1");
        return false;
    }
    w->echo_port = port;
    struct net_event ev = {.kind = NET_EVENT_LISTENING, .code = port};
    worker_emit(net, &ev, NULL, 0);
    return true;
}

/* Answers a command without networking: a send is reported not sent.
 * True for the quit. */
static bool answer_without_lws(struct net *net, struct net_command *cmd)
{
    if (cmd->kind == NET_COMMAND_SEND) {
        struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = cmd->id,
                               .error = NET_ERROR_NOT_CONNECTED, .binary = cmd->binary};
        worker_emit(net, &ev, cmd->data, cmd->len);
    } else if (cmd->kind == NET_COMMAND_PING || cmd->kind == NET_COMMAND_PONG) {
        /* (Its data is NUL-terminated, as an event's must be: net.c.) */
        struct net_event ev = {.kind = cmd->kind == NET_COMMAND_PONG ? NET_EVENT_PONG_SENT : NET_EVENT_PING_SENT,
                               .error = NET_ERROR_NOT_CONNECTED, .data = cmd->data, .len = cmd->len};
        cmd->data = NULL;
        worker_emit(net, &ev, ev.data, ev.len);
    }
    free(cmd->data);
    return cmd->kind == NET_COMMAND_QUIT;
}

/* lws_service failed, which 4.1.6 does only on a broken event loop (or the
 * vhosts could not be made): no more networking, but every command still
 * gets its answer (sends are reported not sent) until the quit comes. The
 * thread loops here; the one-thread mode answers each as it comes
 * (worker_command). */
static void serve_without_lws(struct net *net, bool report)
{
    if (report)
        attempt_failed(net, NET_ERROR_OTHER, "the network loop stopped");
    session_fail_outgoing(net, NET_ERROR_NOT_CONNECTED);
    net->w.without_lws = true;
    if (net->one_thread)
        return;
    for (;;) {
        struct net_command cmd;
        bool any = false;
        while (spsc_pop(&net->commands, &cmd)) {
            any = true;
            if (answer_without_lws(net, &cmd))
                return;
        }
        flush_parked(net);
        if (!any)
            SDL_Delay(10);
    }
}

bool worker_begin(struct net *net)
{
    struct worker *w = &net->w;
    w->write_buf = malloc(LWS_PRE + NET_WRITE_CHUNK);
    bool ok = w->write_buf && worker_setup(net, w->ca_file);
    free(w->ca_file);
    w->ca_file = NULL;
    if (ok && net->connect_at_start)
        attempt_start(net);
    if (!ok) {
        /* Without a vhost no protocol hears lws_cancel_service: answer
         * the commands here until the quit comes. */
        serve_without_lws(net, false);
        if (!net->one_thread)
            w->stop = true;
        return false;
    }
    /* Commands that arrived before the vhosts existed. */
    drain_commands(net);
    return true;
}

bool worker_turn(struct net *net)
{
    if (net->w.stop || net->w.without_lws)
        return false;
    if (lws_service(net->context, 0) < 0) {
        serve_without_lws(net, true);
        return false;
    }
    return true;
}

void worker_end(struct net *net)
{
    struct worker *w = &net->w;
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
     * run here); with a thread it must happen on the worker thread, after
     * the loop, and only once the UI has made its last lws_cancel_service
     * call. */
    if (!net->one_thread)
        SDL_SemWait(net->ui_done);
    lws_context_destroy(net->context);
    session_fail_outgoing(net, NET_ERROR_NOT_CONNECTED);
    session_fail_controls(net, NET_ERROR_NOT_CONNECTED);
    assemble_reset(&w->rx);
    free(w->write_buf);
    w->write_buf = NULL;
    transcript_close(w->transcript);
    w->transcript = NULL;
    handshake_free(w);
}

int worker_main(void *arg)
{
    struct net *net = arg;
    worker_begin(net);
    while (worker_turn(net))
        ;
    worker_end(net);
    return 0;
}
