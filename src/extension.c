/* SPDX-License-Identifier: MIT */
/* extension: see extension.h. The deflate is libwebsockets' own
 * (lws_extension_callback_pm_deflate, exported in 4.1.6 and 4.3), for the
 * client and the echo server alike; Ponte's callback passes every event on
 * to it and looks at the buffers before and after, with two exceptions
 * where lws 4.3.5 goes wrong (payload_tx): a message whose first frame is
 * empty goes uncompressed, and lws may never keep the caller's input. */
#include "worker.h"

#include "extension.h"
#include "pmd.h"

/* The two buffers lws hands an extension with LWS_EXT_CB_PAYLOAD_RX and
 * LWS_EXT_CB_PAYLOAD_TX: lws's struct lws_ext_pm_deflate_rx_ebufs (private
 * to lws, lib/roles/ws/private-lib-roles-ws.h, the same in 4.1.6 and
 * 4.3.5): two public struct lws_tokens, the input then the output. */
struct extension_buffers {
    struct lws_tokens in, out;
};

/* The deflate output buffer's size, as a power of two: above what zlib can
 * make of one write of at most NET_WRITE_CHUNK (64 KiB in, at most a few
 * hundred bytes more out, plus what it held back from the frame before).
 * With lws's default, 1 KiB, zlib stops with input left over: lws's
 * deflate returns "pending", keeps pointing at the caller's buffer and
 * sends the rest itself from later WRITEABLEs, while lws_write has already
 * said the whole buffer was taken. The caller may free or refill that
 * buffer at once (the echo server frees each fragment once written, so
 * lws would send freed memory), and a second frame written in the same
 * WRITEABLE (session.c writes up to 16) would be taken for a continuation
 * of the first. Set at construction, for the client and the echo server
 * (whose fragments are at most its 4 KiB receive buffer). */
#define EXTENSION_TX_BUFFER "17"
/* The inflate output: lws caps it at the client protocol's receive buffer
 * (NET_WRITE_CHUNK, 2^16); each part goes to CLIENT_RECEIVE, so a small
 * frame that inflates to a lot (a bomb) arrives 64 KiB at a time and
 * assemble.c refuses it at max_message, never holding more. */
#define EXTENSION_RX_BUFFER "16"

/* What Ponte keeps beside lws's deflate, per connection. The extension's
 * user pointer is the extension's own: lws core only stores it
 * (act_ext_user) and hands it back with every call, so Ponte's wrapper
 * stores this there and gives lws its own pointer back in each call. */
struct extension_conn {
    void *lws_priv;
    bool plain; /* the message being written goes uncompressed */
    unsigned char *rx_copy; /* the echo server's input, see server_input */
    size_t rx_copy_size;
};

/* lws's deflate with its own per-connection pointer. */
static int lws_deflate(struct lws_context *context, const struct lws_extension *ext, struct lws *wsi,
                       enum lws_extension_callback_reasons reason, struct extension_conn *c, void *in,
                       size_t len)
{
    return lws_extension_callback_pm_deflate(context, ext, wsi, reason, c ? c->lws_priv : NULL, in, len);
}

/* LWS_EXT_CB_(CLIENT_)CONSTRUCT: user is the slot lws keeps the pointer in. */
static int construct(struct lws_context *context, const struct lws_extension *ext, struct lws *wsi,
                     enum lws_extension_callback_reasons reason, void **slot, void *in, size_t len)
{
    int result = lws_extension_callback_pm_deflate(context, ext, wsi, reason, slot, in, len);
    if (result)
        return result;
    struct extension_conn *c = calloc(1, sizeof *c);
    if (!c) {
        lws_extension_callback_pm_deflate(context, ext, wsi, LWS_EXT_CB_DESTROY, *slot, NULL, 0);
        *slot = NULL;
        return -1;
    }
    c->lws_priv = *slot;
    *slot = c;
    struct lws_ext_option_arg tx = {.option_name = "tx_buf_size", .start = EXTENSION_TX_BUFFER};
    return lws_deflate(context, ext, wsi, LWS_EXT_CB_NAMED_OPTION_SET, c, &tx, 0);
}

/* LWS_EXT_CB_PAYLOAD_TX. A message whose first frame is empty goes
 * uncompressed, all its frames: RFC 7692 lets any message go without RSV1,
 * and an empty one is shortest so (no payload, where compressed it takes
 * one byte, 0x00, RFC 7692 7.2.3.6). lws 4.3.5 cannot compress it once a
 * message has gone before with context takeover: zlib, asked for a sync
 * flush with no input right after the last one, makes nothing (Z_BUF_ERROR)
 * and lws asserts ("FAIL want to trim out length 0", then abort). And an
 * empty first frame of a fragmented message would go without RSV1 while
 * the frames after it are compressed. Uncompressed, neither side's deflate
 * window sees the message, which is what an empty message would add to it
 * anyway, so context takeover stays right both ways.
 * Returns -1 (lws closes the connection) rather than let lws keep a
 * pointer to the caller's buffer (see EXTENSION_TX_BUFFER). */
static int payload_tx(struct lws_context *context, const struct lws_extension *ext, struct lws *wsi,
                      struct extension_conn *c, struct extension_buffers *b, size_t wp, bool *compressed)
{
    int opcode = (int)(wp & 0xf);
    if (opcode == LWS_WRITE_TEXT || opcode == LWS_WRITE_BINARY) /* a message's first frame */
        c->plain = !b->in.token || b->in.len <= 0;
    *compressed = !c->plain;
    if (c->plain)
        return 0; /* b->out is b->in: lws sends the frame as it is */
    int result = lws_deflate(context, ext, wsi, LWS_EXT_CB_PAYLOAD_TX, c, b, wp);
    if (result >= 0 && b->in.token && b->in.len > 0) {
        lwsl_err("ponte: permessage-deflate kept %d bytes of input\n", b->in.len);
        return -1;
    }
    return result;
}

/* The echo server's compressed input, copied before lws's inflate sees it.
 * lws 4.3.5's server hands its inflate the frame's bytes where they were
 * read, in the buffer all connections of the service thread read into
 * (lws_ws_frame_rest_is_payload); with its output full (1 KiB), zlib keeps
 * pointing at the rest, which lws inflates on later passes of the loop,
 * after the thread's other connections have read into the same buffer. In
 * Ponte the client shares the echo server's thread, so its replies
 * overwrote the echo server's pending input: "invalid stored block
 * lengths", or deflate data that still inflates, to the wrong bytes (1007
 * at the client for a 1 MiB message). The copy is the connection's own and
 * is not touched again before lws has drained it (new input comes only
 * then: ops-ws.c's POLLIN drains first). false: out of memory. */
static bool server_input(struct extension_conn *c, struct extension_buffers *b)
{
    if (!b->in.token || b->in.len <= 0)
        return true;
    /* The rest of the copy, handed back (lws_ws_rx_sm loops on it). */
    if (c->rx_copy && b->in.token >= c->rx_copy && b->in.token < c->rx_copy + c->rx_copy_size)
        return true;
    size_t n = (size_t)b->in.len;
    if (n > c->rx_copy_size) {
        unsigned char *grown = realloc(c->rx_copy, n);
        if (!grown)
            return false;
        c->rx_copy = grown;
        c->rx_copy_size = n;
    }
    memmove(c->rx_copy, b->in.token, n);
    b->in.token = c->rx_copy;
    return true;
}

static int deflate_wrapped(struct lws_context *context, const struct lws_extension *ext, struct lws *wsi,
                           enum lws_extension_callback_reasons reason, void *user, void *in, size_t len,
                           struct worker *count)
{
    struct extension_conn *c = user;
    struct extension_buffers *b = in;
    switch (reason) {
    case LWS_EXT_CB_CONSTRUCT:
    case LWS_EXT_CB_CLIENT_CONSTRUCT:
        return construct(context, ext, wsi, reason, user, in, len);
    case LWS_EXT_CB_DESTROY: {
        if (!c)
            return 0;
        int result = lws_deflate(context, ext, wsi, reason, c, in, len);
        free(c->rx_copy);
        free(c);
        return result;
    }
    case LWS_EXT_CB_PAYLOAD_TX: {
        if (!c || !b)
            return -1;
        bool compressed = false;
        int result = payload_tx(context, ext, wsi, c, b, len, &compressed);
        if (count && result >= 0) {
            count->tx_compressed = compressed;
            /* The compressed bytes it made (lws sends them as they are). */
            if (compressed && b->out.token != b->in.token && b->out.len > 0)
                count->tx_wire += (uint64_t)b->out.len;
        }
        return result;
    }
    case LWS_EXT_CB_PACKET_TX_PRESEND:
        /* lws sets RSV1 here on the frames it compressed; an uncompressed
         * message is none of its business. */
        return c && c->plain ? 0 : lws_deflate(context, ext, wsi, reason, c, in, len);
    case LWS_EXT_CB_PAYLOAD_RX: {
        if (!count && c && b && !server_input(c, b))
            return -1;
        const unsigned char *in_token = b ? b->in.token : NULL;
        int in_len = b ? b->in.len : 0;
        int result = lws_deflate(context, ext, wsi, reason, c, in, len);
        /* The compressed bytes it took in: what the input went down by.
         * (An uncompressed or control frame is left as it was; while lws
         * drains what zlib still holds, it passes no input.) */
        if (count && result >= 0 && in_token && b->in.len >= 0 && b->in.len <= in_len)
            count->rx_wire += (uint64_t)(in_len - b->in.len);
        return result;
    }
    case LWS_EXT_CB_OPTION_SET:
    case LWS_EXT_CB_NAMED_OPTION_SET:
    case LWS_EXT_CB_OPTION_DEFAULT:
    case LWS_EXT_CB_OPTION_CONFIRM:
        return lws_deflate(context, ext, wsi, reason, c, in, len);
    default:
        /* Nothing lws's deflate keeps per connection. */
        return lws_extension_callback_pm_deflate(context, ext, wsi, reason, user, in, len);
    }
}

/* The client's counts the bytes on the wire into the net's worker. */
static int client_deflate(struct lws_context *context, const struct lws_extension *ext, struct lws *wsi,
                          enum lws_extension_callback_reasons reason, void *user, void *in, size_t len)
{
    struct worker *w = &((struct net *)lws_context_user(context))->w;
    return deflate_wrapped(context, ext, wsi, reason, user, in, len, w);
}

static int server_deflate(struct lws_context *context, const struct lws_extension *ext, struct lws *wsi,
                          enum lws_extension_callback_reasons reason, void *user, void *in, size_t len)
{
    return deflate_wrapped(context, ext, wsi, reason, user, in, len, NULL);
}

static const struct lws_extension client_list[] = {
    {"permessage-deflate", client_deflate, PMD_OFFER},
    {NULL, NULL, NULL},
};

static const struct lws_extension server_list[] = {
    {"permessage-deflate", server_deflate, PMD_OFFER},
    {NULL, NULL, NULL},
};

const struct lws_extension *extension_client_list(bool compression)
{
    return compression && pmd_available(LWS_LIBRARY_VERSION_NUMBER, NULL, 0) ? client_list : NULL;
}

const struct lws_extension *extension_server_list(bool compression)
{
    return compression && pmd_available(LWS_LIBRARY_VERSION_NUMBER, NULL, 0) ? server_list : NULL;
}

void extension_read_answer(struct net *net, struct lws *wsi)
{
    struct worker *w = &net->w;
    char answer[256], why[200];
    memset(&w->pmd, 0, sizeof w->pmd);
    if (!w->compression || lws_hdr_copy(wsi, answer, sizeof answer, WSI_TOKEN_EXTENSIONS) <= 0)
        return;
    /* lws has already refused an answer it cannot use (an extension not
     * offered, a window it cannot have); one it took that pmd.c cannot
     * read is still compression, at RFC 7692's defaults. */
    if (!pmd_parse_answer(answer, &w->pmd, why, sizeof why))
        w->pmd = (struct pmd_agreed){.on = true, .client_window_bits = 15, .server_window_bits = 15};
}

void extension_open(struct net *net, struct lws *wsi)
{
    struct worker *w = &net->w;
    w->rx_wire = w->tx_wire = 0;
    w->rx_compressed = w->tx_compressed = false;
    if (!w->pmd.on)
        return;
    /* -1: not active after all (lws did not take the answer's extension). */
    if (lws_set_extension_option(wsi, "permessage-deflate", "rx_buf_size", EXTENSION_RX_BUFFER) < 0)
        memset(&w->pmd, 0, sizeof w->pmd);
}
