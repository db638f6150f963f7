/* SPDX-License-Identifier: MIT */
/* echo: see echo.h. Each session keeps a FIFO of received fragments; every
 * SERVER_WRITEABLE writes one of them back with the same first/final/binary
 * flags, so a message of any size is echoed without being reassembled. */
#include "echo.h"

#include <libwebsockets.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Stop reading from a client once this much of its data waits to be echoed,
 * start again when less than ECHO_RESUME_BYTES is left. */
#define ECHO_PAUSE_BYTES (4u << 20)
#define ECHO_RESUME_BYTES (1u << 20)

struct echo_fragment {
    struct echo_fragment *next;
    size_t len;
    bool first, final, binary;
    unsigned char data[]; /* LWS_PRE bytes of headroom, then the payload */
};

/* Per session, zeroed by lws. Touched only in lws callbacks (worker thread). */
struct echo_session {
    struct echo_fragment *head, *tail;
    size_t queued_bytes;
    bool paused;
    bool failed; /* out of memory: close with 1011 at the next WRITEABLE */
};

static void echo_session_free(struct echo_session *s)
{
    struct echo_fragment *f = s->head;
    while (f) {
        struct echo_fragment *next = f->next;
        free(f);
        f = next;
    }
    memset(s, 0, sizeof *s);
}

/* Never returns non-zero: lws 4.1.6 overruns its frame buffer when a
 * receive callback closes mid-frame; closes start from WRITEABLE. */
static int echo_receive(struct lws *wsi, struct echo_session *s, const void *in, size_t len)
{
    if (s->failed)
        return 0;
    struct echo_fragment *f = malloc(sizeof *f + LWS_PRE + len);
    if (!f) {
        echo_session_free(s);
        s->failed = true;
        lws_rx_flow_control(wsi, 0);
        lws_callback_on_writable(wsi);
        return 0;
    }
    f->next = NULL;
    f->len = len;
    f->first = lws_is_first_fragment(wsi);
    f->final = lws_is_final_fragment(wsi);
    f->binary = lws_frame_is_binary(wsi);
    if (len)
        memcpy(f->data + LWS_PRE, in, len);
    if (s->tail)
        s->tail->next = f;
    else
        s->head = f;
    s->tail = f;
    s->queued_bytes += len;
    if (!s->paused && s->queued_bytes > ECHO_PAUSE_BYTES) {
        s->paused = true;
        lws_rx_flow_control(wsi, 0);
    }
    lws_callback_on_writable(wsi);
    return 0;
}

static int echo_writeable(struct lws *wsi, struct echo_session *s)
{
    if (s->failed) {
        lws_close_reason(wsi, LWS_CLOSE_STATUS_UNEXPECTED_CONDITION,
                         (unsigned char *)"out of memory", 13);
        return -1;
    }
    struct echo_fragment *f = s->head;
    if (!f)
        return 0;
    int flags = lws_write_ws_flags(f->binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT,
                                   f->first, f->final);
    int written = lws_write(wsi, f->data + LWS_PRE, f->len, (enum lws_write_protocol)flags);
    if (written < (int)f->len)
        return -1;
    s->head = f->next;
    if (!s->head)
        s->tail = NULL;
    s->queued_bytes -= f->len;
    free(f);
    if (s->paused && s->queued_bytes < ECHO_RESUME_BYTES) {
        s->paused = false;
        lws_rx_flow_control(wsi, 1);
    }
    if (s->head)
        lws_callback_on_writable(wsi);
    return 0;
}

static int echo_callback(struct lws *wsi, enum lws_callback_reasons reason,
                         void *user, void *in, size_t len)
{
    struct echo_session *s = user;

    switch (reason) {
    case LWS_CALLBACK_RECEIVE:
        return echo_receive(wsi, s, in, len);
    case LWS_CALLBACK_SERVER_WRITEABLE:
        return echo_writeable(wsi, s);
    case LWS_CALLBACK_CLOSED:
        echo_session_free(s);
        return 0;
    default:
        /* Plain HTTP requests get lws's default answers. */
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static const struct lws_protocols echo_protocols[] = {
    /* First in the list, so clients that ask for no subprotocol get it. */
    {"ponte-echo", echo_callback, sizeof(struct echo_session), 0, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

struct lws_vhost *echo_start(struct lws_context *context, int port, const struct lws_extension *extensions,
                             int *port_out)
{
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.vhost_name = "ponte-echo";
    info.port = port;
    info.iface = "127.0.0.1";
    info.protocols = echo_protocols;
    info.extensions = extensions;
    struct lws_vhost *vhost = lws_create_vhost(context, &info);
    if (vhost && port_out)
        *port_out = lws_get_vhost_listen_port(vhost);
    return vhost;
}
