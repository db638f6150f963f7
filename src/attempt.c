/* SPDX-License-Identifier: MIT */
/* attempt: one connection attempt (the proxy chosen for it, the facts of
 * how far it got, our own timer), why it failed (from those facts, by
 * failure.c), and reconnecting after a connection ends or an attempt
 * fails. Worker thread only (see worker.h). */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L /* getaddrinfo */
#endif
#include "worker.h"

#include <errno.h>
#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <netdb.h>
#include <sys/socket.h>
#endif
#include <stdio.h>

#include "failure.h"
#include "platform.h"

/* A connection that lived longer than this starts the series of delays
 * again. */
#define NET_RETRY_RESET_US (30 * LWS_USEC_PER_SEC)

static void retry_now(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, retry_timer);
    w->retry_pending = false;
    attempt_start(lws_container_of(w, struct net, w));
}

/* The delays come from lws's own backoff, lws_retry_get_delay_ms, as its
 * minimal-ws-client example uses it (the same in 4.1.6 and 4.3): a table
 * of retry_first_ms doubling to retry_max_ms, one entry an attempt, the
 * last one for ever after. lws adds its jitter upwards only (0 to
 * jitter_percent of the entry), so each entry is the delay less a fifth,
 * and 50% of that is added: the delay +-20%, as Ponte has always said.
 * The series and its attempt count stay ours: lws does not know when a
 * connection lived long enough, or a close code asked, to start over. */
void attempt_retry_policy(struct worker *w)
{
    const size_t most = sizeof w->retry_table / sizeof w->retry_table[0];
    uint64_t base = (uint64_t)w->retry_first_ms;
    size_t n = 0;
    while (n < most) {
        if (base > (uint64_t)w->retry_max_ms)
            base = (uint64_t)w->retry_max_ms;
        w->retry_table[n++] = (uint32_t)(base - base / 5);
        if (base == (uint64_t)w->retry_max_ms)
            break;
        base *= 2;
    }
    w->retry_policy = (lws_retry_bo_t){
        .retry_ms_table = w->retry_table,
        .retry_ms_table_count = (uint16_t)n,
        .conceal_count = LWS_RETRY_CONCEAL_ALWAYS, /* never gives up */
        .jitter_percent = 50,
    };
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
    /* lws's try counter is the table's index, given a copy (it stops at
     * 65535); ours counts on for the person. */
    uint16_t index = w->retry_attempt < 0xFFFF ? (uint16_t)w->retry_attempt : 0xFFFF;
    unsigned delay = lws_retry_get_delay_ms(net->context, &w->retry_policy, &index, NULL);
    w->retry_attempt++;
    w->retry_pending = true;
    /* Scheduled here rather than with lws_retry_sul_schedule, which keeps
     * the delay to itself: the RETRY event carries it, and the UI shows
     * when the next attempt comes. */
    lws_sul_schedule(net->context, 0, &w->retry_timer, retry_now, (lws_usec_t)delay * 1000);
    struct net_event ev = {.kind = NET_EVENT_RETRY, .code = (int)delay, .id = w->retry_attempt};
    worker_emit(net, &ev, NULL, 0);
}

/* The person stopped the reconnecting (Close connection while waiting). */
void attempt_cancel_retry(struct net *net)
{
    struct worker *w = &net->w;
    if (!w->retry_pending)
        return;
    attempt_drop_retry(net);
    struct net_event ev = {.kind = NET_EVENT_RETRY, .code = -1};
    worker_emit(net, &ev, NULL, 0);
}

void attempt_drop_retry(struct net *net)
{
    struct worker *w = &net->w;
    if (!w->retry_pending)
        return;
    lws_sul_cancel(&w->retry_timer);
    w->retry_pending = false;
}

void attempt_next(struct net *net, bool retry, int close_code)
{
    struct worker *w = &net->w;
    if (w->quitting) {
        w->stop = true;
    } else if (w->switching) {
        /* The connection to the old URL has ended: on to the new one. */
        w->switching = false;
        attempt_start(net);
    } else if (retry) {
        schedule_retry(net, close_code);
    }
}

void attempt_failed(struct net *net, enum net_error error, const char *detail)
{
    struct worker *w = &net->w;
    if (w->attempt_reported)
        return;
    w->attempt_reported = true;
    session_reset(net);
    struct net_event ev = {.kind = NET_EVENT_FAILED, .error = error};
    if (detail && *detail) {
        ev.len = strlen(detail);
        ev.data = dup_bytes(detail, ev.len);
        if (!ev.data)
            ev.len = 0;
    }
    worker_emit(net, &ev, NULL, 0);
    session_drop_or_hold(net, NET_ERROR_NOT_CONNECTED);
    attempt_next(net, error != NET_ERROR_CANCELLED, 0);
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

/* Why the attempt failed, from what the worker saw of it (failure.c);
 * lookup: our own look-up of the first hop's name, when it was made. */
static enum net_error classify(struct net *net, struct lws *wsi, const char *why, int saved_errno,
                               enum failure_lookup lookup, char *detail, size_t detail_len)
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
        .tls_verify_text = w->tls_verify ? handshake_verify_text(w->tls_verify) : NULL,
        .tls_problem = w->tls_problem,
        .tls_certificate_requested = w->tls_certificate_requested,
        .have_certificate = w->cert_file != NULL,
        .http_status = w->http_status,
        .upgrade = w->http_status == 101 ? failure_upgrade_from_words(why) : FAILURE_UPGRADE_UNKNOWN,
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

enum net_error attempt_classify(struct net *net, struct lws *wsi, const char *why, int saved_errno,
                                char *detail, size_t detail_len)
{
    return classify(net, wsi, why, saved_errno, FAILURE_LOOKUP_NOT_TRIED, detail, detail_len);
}

static void attempt_timeout(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, attempt_timer);
    struct net *net = lws_container_of(w, struct net, w);
    if (w->state != CONN_CONNECTING)
        return;
    w->attempt_timed_out = true;
    if (w->probing) /* the tunnel was refused; why, the proxy did not say in time */
        attempt_failed(net, NET_ERROR_PROXY_DENIED, "the proxy did not open the tunnel");
    else if (w->wsi)
        lws_set_timeout(w->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
    else
        attempt_failed(net, NET_ERROR_TIMEOUT, NULL);
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

void attempt_start(struct net *net)
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
    w->tls_verify = 0; /* X509_V_OK */
    w->http_status = 0;
    w->closer = NET_CLOSER_NONE;
    w->close_error = NET_ERROR_NONE;
    w->close_code = 0;
    w->close_reason_len = 0;
    struct net_event connecting = {.kind = NET_EVENT_CONNECTING, .len = strlen(w->url_text)};
    connecting.data = dup_bytes(w->url_text, connecting.len);
    if (!connecting.data)
        connecting.len = 0;
    worker_emit(net, &connecting, NULL, 0);
    if (proxy == PROXY_INVALID) {
        attempt_failed(net, NET_ERROR_OTHER, proxy_why);
        return;
    }
    if (!apply_proxy(net)) {
        attempt_failed(net, NET_ERROR_OTHER, "libwebsockets did not take the proxy setting");
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
            attempt_failed(net, NET_ERROR_OTHER, "the connection could not be started");
        } else {
            enum net_error error = classify(net, NULL, NULL, saved_errno, lookup, detail, sizeof detail);
            attempt_failed(net, error, detail);
        }
    }
}

/* Asks for a close frame at the next WRITEABLE, whatever is queued. */
