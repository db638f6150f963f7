/* SPDX-License-Identifier: MIT */
/* bench_lws: a bare libwebsockets client on one thread, for tests/bench/bench_ws.py.
 * Everything happens in one lws_service loop: no worker, no rings, no
 * wake-ups. It is what Ponte's path (bench_ws.c) would cost with the thread
 * hand-offs taken away, so the gap between the two is the price of those.
 *
 * It uses libwebsockets the way src/net.c does, so that only the threads
 * differ: the same per-connection receive buffer (64 KiB), one lws_write per
 * WRITEABLE callback with LWS_PRE headroom, messages over 64 KiB written as
 * 64 KiB fragments from a scratch copy (lws masks in place), incoming
 * messages reassembled into one buffer (reused here; net.c hands each one
 * over) before they are compared.
 *
 *   bench_lws MODE URL COUNT SIZE WINDOW WARMUP    (see bench_common.h)
 *
 * Two knobs, to try what net.c could do differently (for profiling, not the
 * figures):
 *   PONTE_BENCH_SERV_BUF=BYTES  the context's pt_serv_buf_size (lws reads at
 *                               most that much per POLLIN; 0, the default,
 *                               is lws's 4096, as net.c)
 *   PONTE_BENCH_WRITES=many     several messages per WRITEABLE, while
 *                               lws_partial_buffered() says the last one
 *                               went out whole (lws-ws-state.h allows it) */
#define _POSIX_C_SOURCE 200809L
#include "bench_common.h"

#include <libwebsockets.h>

#define CHUNK ((size_t)64 << 10)

/* The one client; only the service thread (the only thread) touches it. */
struct client {
    const struct bench_args *a;
    const char *payload;
    unsigned char *write_buf; /* LWS_PRE + CHUNK */
    struct lws *wsi;
    bool established, closed, failed, closing;
    bool many_writes; /* PONTE_BENCH_WRITES=many */

    /* The burst under way. */
    long n, window, sent, received;
    bool writing;  /* a message is partly written */
    size_t offset; /* of the message being written */
    double *us;    /* round trips, when measured */
    uint64_t start, last_send, elapsed_ns;
    bool done;

    /* The message being received. */
    char *rx;
    size_t rx_len, rx_cap;
    bool rx_binary;
};

static bool may_send(const struct client *c)
{
    return c->sent < c->n && c->sent - c->received < c->window;
}

/* Writes the next fragment (of at most CHUNK) of the next message; false
 * when there is nothing to write. */
static bool write_next(struct client *c, struct lws *wsi)
{
    if (!c->writing) {
        if (!may_send(c))
            return false;
        c->writing = true;
        c->offset = 0;
        c->last_send = bench_now_ns();
    }
    size_t remaining = c->a->size - c->offset;
    size_t chunk = remaining < CHUNK ? remaining : CHUNK;
    bool first = c->offset == 0, final = chunk == remaining;
    memcpy(c->write_buf + LWS_PRE, c->payload + c->offset, chunk);
    int flags = lws_write_ws_flags(c->a->binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT, first, final);
    if (lws_write(wsi, c->write_buf + LWS_PRE, chunk, (enum lws_write_protocol)flags) < (int)chunk) {
        fprintf(stderr, "bench_lws: lws_write failed\n");
        c->failed = true;
        return false;
    }
    c->offset += chunk;
    if (final) {
        c->writing = false;
        c->sent++;
    }
    return true;
}

static int on_writeable(struct client *c, struct lws *wsi)
{
    if (c->closing) {
        lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, NULL, 0);
        return -1;
    }
    if (!write_next(c, wsi))
        return c->failed ? -1 : 0;
    while (c->many_writes && !lws_partial_buffered(wsi) && write_next(c, wsi))
        ;
    if (c->failed)
        return -1;
    if (c->writing || may_send(c))
        lws_callback_on_writable(wsi);
    return 0;
}

static int on_receive(struct client *c, struct lws *wsi, const void *in, size_t len)
{
    if (lws_is_first_fragment(wsi)) {
        c->rx_len = 0;
        c->rx_binary = lws_frame_is_binary(wsi);
    }
    if (c->rx_len + len > c->rx_cap) {
        size_t want = c->rx_len + len + lws_remaining_packet_payload(wsi);
        if (want < c->rx_cap * 2)
            want = c->rx_cap * 2;
        char *grown = realloc(c->rx, want);
        if (!grown) {
            fprintf(stderr, "bench_lws: out of memory\n");
            c->failed = true;
            return -1;
        }
        c->rx = grown;
        c->rx_cap = want;
    }
    memcpy(c->rx + c->rx_len, in, len);
    c->rx_len += len;
    if (!lws_is_final_fragment(wsi))
        return 0;

    uint64_t now = bench_now_ns();
    if (c->rx_len != c->a->size || c->rx_binary != c->a->binary ||
        memcmp(c->rx, c->payload, c->rx_len) != 0 || c->received >= c->n) {
        fprintf(stderr, "bench_lws: echo %ld differs\n", c->received);
        c->failed = true;
        return 0;
    }
    if (c->us)
        c->us[c->received] = (double)(now - c->last_send) / 1e3;
    c->received++;
    if (c->received == c->n) {
        c->elapsed_ns = now - c->start;
        c->done = true;
    } else if (!c->writing && may_send(c)) {
        lws_callback_on_writable(wsi);
    }
    return 0;
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                    size_t len)
{
    struct client *c = lws_context_user(lws_get_context(wsi));
    switch (reason) {
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        fprintf(stderr, "bench_lws: connection failed: %s\n", in ? (const char *)in : "");
        c->failed = true;
        c->wsi = NULL;
        return 0;
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        c->established = true;
        return 0;
    case LWS_CALLBACK_CLIENT_RECEIVE:
        return on_receive(c, wsi, in, len);
    case LWS_CALLBACK_CLIENT_WRITEABLE:
        return on_writeable(c, wsi);
    case LWS_CALLBACK_CLIENT_CLOSED:
        if (!c->closing) {
            fprintf(stderr, "bench_lws: the connection closed\n");
            c->failed = true;
        }
        c->closed = true;
        c->wsi = NULL;
        return 0;
    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static const struct lws_protocols protocols[] = {
    /* The receive buffer size net.c gives its client protocol. */
    {"bench-lws", callback, 0, CHUNK, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

/* Services until *flag, a failure, or 10 s without it. */
static bool serve_until(struct lws_context *context, struct client *c, const bool *flag)
{
    uint64_t deadline = bench_now_ns() + 10000000000u;
    while (!*flag && !c->failed) {
        if (lws_service(context, 0) < 0 || bench_now_ns() > deadline) {
            fprintf(stderr, "bench_lws: gave up waiting\n");
            return false;
        }
    }
    return !c->failed;
}

static bool burst(struct lws_context *context, struct client *c, long n, double *us)
{
    c->n = n;
    c->window = c->a->window;
    c->sent = c->received = 0;
    c->us = us;
    c->done = false;
    c->start = bench_now_ns();
    lws_callback_on_writable(c->wsi);
    return serve_until(context, c, &c->done);
}

int main(int argc, char **argv)
{
    struct bench_args a;
    if (!bench_parse(argc, argv, &a)) {
        fprintf(stderr, "usage: bench_lws rtt|pipe|big URL COUNT SIZE WINDOW WARMUP\n");
        return 2;
    }
    lws_set_log_level(LLL_ERR, NULL);

    /* ws://host:port/path; lws_parse_uri cuts the copy into pieces. */
    char url[512];
    snprintf(url, sizeof url, "%s", a.url);
    const char *scheme, *address, *path;
    int port;
    if (lws_parse_uri(url, &scheme, &address, &port, &path) || strcmp(scheme, "ws") != 0) {
        fprintf(stderr, "bench_lws: only ws:// URLs: %s\n", a.url);
        return 2;
    }
    char path_buf[512], host_buf[300];
    snprintf(path_buf, sizeof path_buf, "/%s", path);
    snprintf(host_buf, sizeof host_buf, "%s:%d", address, port);

    struct client c = {.a = &a};
    const char *writes = getenv("PONTE_BENCH_WRITES");
    c.many_writes = writes && strcmp(writes, "many") == 0;
    c.payload = bench_payload(a.size, a.binary);
    c.write_buf = malloc(LWS_PRE + CHUNK);
    double *us = a.mode == BENCH_RTT ? malloc(sizeof *us * (size_t)a.count) : NULL;
    if (!c.payload || !c.write_buf || (a.mode == BENCH_RTT && !us)) {
        fprintf(stderr, "bench_lws: out of memory\n");
        return 1;
    }

    struct lws_context_creation_info info = {.port = CONTEXT_PORT_NO_LISTEN, .protocols = protocols, .user = &c};
    const char *serv_buf = getenv("PONTE_BENCH_SERV_BUF");
    if (serv_buf)
        info.pt_serv_buf_size = (unsigned)atoi(serv_buf);
    struct lws_context *context = lws_create_context(&info);
    if (!context) {
        fprintf(stderr, "bench_lws: cannot create the lws context\n");
        return 1;
    }

    struct lws_client_connect_info ci = {
        .context = context,
        .address = address,
        .port = port,
        .path = path_buf,
        .host = host_buf,
        .local_protocol_name = "bench-lws",
        .pwsi = &c.wsi,
    };
    int status = 1;
    if (!lws_client_connect_via_info(&ci)) {
        fprintf(stderr, "bench_lws: cannot start the connection\n");
        goto end;
    }
    if (!serve_until(context, &c, &c.established))
        goto end;
    if (a.warmup && !burst(context, &c, a.warmup, NULL))
        goto end;
    bench_cpu_mark();
    if (!burst(context, &c, a.count, us))
        goto end;
    bench_report("lws", &a, us, c.elapsed_ns, NULL);
    status = 0;

    /* Close with 1000 and wait (briefly) for the server's answer. */
    c.closing = true;
    if (c.wsi) {
        lws_callback_on_writable(c.wsi);
        uint64_t deadline = bench_now_ns() + 1000000000u;
        while (!c.closed && bench_now_ns() < deadline && lws_service(context, 0) >= 0)
            ;
    }
end:
    lws_context_destroy(context);
    free(c.rx);
    free(us);
    free(c.write_buf);
    free((char *)c.payload);
    return status;
}
