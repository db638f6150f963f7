/* SPDX-License-Identifier: MIT */
/* probe: asking a proxy why it refused the tunnel, on a raw connection of
 * the worker's own (the probe vhost). Worker thread only (see worker.h).
 *
 * lws 4.1.6 reads the proxy's answer to CONNECT itself and, unless it
 * starts with "HTTP/1.0 200 " or "HTTP/1.1 200 ", reports only "proxy not
 * h1": the status is gone, and no callback sees the answer first. To name
 * it for the person (407: credentials wanted or wrong; 403: not allowed),
 * the worker asks the proxy the same question once more on a raw
 * connection of its own and reads the status line. The attempt is
 * reported failed when that answer comes, or when its time runs out. */
#include "worker.h"

#include <stdio.h>

static void probe_finish(struct net *net, const char *detail)
{
    struct worker *w = &net->w;
    w->probe_wsi = NULL;
    if (!w->probing || w->quitting)
        return;
    w->probing = false;
    attempt_failed(net, NET_ERROR_PROXY_DENIED, detail);
}

bool probe_start(struct net *net)
{
    struct worker *w = &net->w;
    if (!w->probe_vhost)
        return false;
    struct lws_client_connect_info info = {
        .context = net->context,
        .vhost = w->probe_vhost,
        .address = w->proxy.host,
        .port = w->proxy.port,
        .host = w->proxy.host,
        .method = "RAW",
        .local_protocol_name = "ponte-proxy-probe",
        .pwsi = &w->probe_wsi,
    };
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

const struct lws_protocols probe_protocols[] = {
    {"ponte-proxy-probe", probe_callback, 0, 0, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};
