/* SPDX-License-Identifier: MIT */
/* failure: why a connection attempt failed, decided from facts the worker
 * gathered while it ran (how far it got, errno, the HTTP status, the TLS
 * verify result and alerts, our own name lookup), never from the wording
 * of libwebsockets' messages, which changed between 4.1.6 and 4.3.
 * Pure: no lws, no OpenSSL, no sockets; the worker fills the facts. */
#ifndef PONTE_FAILURE_H
#define PONTE_FAILURE_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"

/* What became of our own look-up of the first hop's host name, made only
 * when the TCP connection never came up. */
enum failure_lookup {
    FAILURE_LOOKUP_NOT_TRIED = 0,
    FAILURE_LOOKUP_RESOLVED,
    FAILURE_LOOKUP_NO_SUCH_NAME, /* EAI_NONAME / EAI_NODATA: the name does not exist */
    FAILURE_LOOKUP_NO_ANSWER,    /* EAI_AGAIN / EAI_FAIL: no name server answered */
    FAILURE_LOOKUP_OTHER,
};

/* A 101 answer that lws refused: what was wrong with it. The one fact lws
 * gives only in words; it changes the detail, never the error. */
enum failure_upgrade {
    FAILURE_UPGRADE_UNKNOWN = 0,
    FAILURE_UPGRADE_ACCEPT_WRONG,
    FAILURE_UPGRADE_ACCEPT_MISSING,
    FAILURE_UPGRADE_NOT_UPGRADE,
    FAILURE_UPGRADE_CONNECTION,
    FAILURE_UPGRADE_SUBPROTOCOL,
};

struct failure_facts {
    bool cancelled;          /* ended on purpose: Close, quit, another URL */
    bool timed_out;          /* our attempt timer fired */
    int timeout_s;

    /* The first hop: the proxy when via_proxy, else the server. */
    const char *host;        /* the server's host name */
    bool via_proxy;
    const char *proxy_host;  /* the proxy's host name */
    const char *proxy_text;  /* "host:port", never credentials */

    bool tcp_connected;      /* the first hop's TCP connection came up */
    int connect_errno;       /* errno when the attempt failed (see failure.c) */
    enum failure_lookup lookup;
    bool network_down;       /* no interface but loopback is up */

    bool tunnel_open;        /* through a proxy: past the CONNECT */

    bool tls;                /* wss:// */
    bool tls_started;        /* our ClientHello went */
    bool tls_server_hello;   /* the server answered it */
    bool tls_done;           /* the TLS handshake completed */
    long tls_verify;         /* 0 (X509_V_OK) or the verify error that ended it */
    const char *tls_verify_text; /* OpenSSL's words for tls_verify */
    const char *tls_problem; /* the first alert or OpenSSL reason, or "" */
    bool tls_certificate_requested;
    bool have_certificate;   /* --cert was given */

    int http_status;         /* the answer to the upgrade request; 0: none */
    enum failure_upgrade upgrade;
};

/* The error, and the detail the person reads (English, like lws's; the
 * error's words are translated). */
enum net_error failure_classify(const struct failure_facts *f, char *detail, size_t detail_len);

/* Which fault lws's words for a refused 101 answer name (4.1.6 and 4.3.5
 * word them alike: "HS: ACCEPT missing", "HS: Accept hash wrong", ...), or
 * FAILURE_UPGRADE_UNKNOWN; why may be NULL. The one fact lws gives only in
 * words: it picks the detail, never the error. */
enum failure_upgrade failure_upgrade_from_words(const char *why);

/* RFC 9110's reason phrase for the statuses an upgrade most often gets
 * instead of 101, or NULL. */
const char *failure_http_reason(int status);

#endif
