/* SPDX-License-Identifier: MIT */
/* extension: see extension.h. The client's deflate is libwebsockets' own
 * (lws_extension_callback_pm_deflate, exported in 4.1.6 and 4.3); Ponte's
 * callback passes every event on to it unchanged and only looks at the
 * buffers before and after, so a fault of lws's stays lws's. */
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
 * make of one NET_WRITE_CHUNK (64 KiB in, at most a few hundred bytes more
 * out, plus what it held back from the frame before). lws's default, 1 KiB,
 * would split each frame into parts that lws sends from later WRITEABLEs
 * itself, and a second frame written in the same WRITEABLE (session.c
 * writes up to 16) would be taken for a continuation of the first. */
#define EXTENSION_TX_BUFFER "17"
/* The inflate output: lws caps it at the client protocol's receive buffer
 * (NET_WRITE_CHUNK, 2^16); each part goes to CLIENT_RECEIVE, so a small
 * frame that inflates to a lot (a bomb) arrives 64 KiB at a time and
 * assemble.c refuses it at max_message, never holding more. */
#define EXTENSION_RX_BUFFER "16"

static int client_deflate(struct lws_context *context, const struct lws_extension *ext, struct lws *wsi,
                          enum lws_extension_callback_reasons reason, void *user, void *in, size_t len)
{
    struct extension_buffers *b = in;
    bool payload = (reason == LWS_EXT_CB_PAYLOAD_RX || reason == LWS_EXT_CB_PAYLOAD_TX) && b;
    const unsigned char *in_token = payload ? b->in.token : NULL;
    int in_len = payload ? b->in.len : 0;
    int result = lws_extension_callback_pm_deflate(context, ext, wsi, reason, user, in, len);
    if (!payload || result < 0)
        return result;
    struct worker *w = &((struct net *)lws_context_user(context))->w;
    if (reason == LWS_EXT_CB_PAYLOAD_RX) {
        /* The compressed bytes it took in: what the input went down by.
         * (An uncompressed or control frame is left as it was; while lws
         * drains what zlib still holds, it passes no input.) */
        if (in_token && b->in.len >= 0 && b->in.len <= in_len)
            w->rx_wire += (uint64_t)(in_len - b->in.len);
    } else if (b->out.token != in_token && b->out.len > 0) {
        /* The compressed bytes it made (lws sends them as they are). */
        w->tx_wire += (uint64_t)b->out.len;
    }
    return result;
}

static const struct lws_extension client_list[] = {
    {"permessage-deflate", client_deflate, PMD_OFFER},
    {NULL, NULL, NULL},
};

static const struct lws_extension server_list[] = {
    {"permessage-deflate", lws_extension_callback_pm_deflate, PMD_OFFER},
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
    w->rx_compressed = false;
    if (!w->pmd.on)
        return;
    /* -1: not active after all (lws did not take the answer's extension). */
    if (lws_set_extension_option(wsi, "permessage-deflate", "tx_buf_size", EXTENSION_TX_BUFFER) < 0 ||
        lws_set_extension_option(wsi, "permessage-deflate", "rx_buf_size", EXTENSION_RX_BUFFER) < 0)
        memset(&w->pmd, 0, sizeof w->pmd);
}
