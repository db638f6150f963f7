/* SPDX-License-Identifier: MIT */
/* failure: one row per way an attempt can fail, the facts as the worker
 * gathers them on either libwebsockets version, and the error and detail
 * the person gets. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "failure.h"

/* The facts every row starts from: a plain ws:// attempt to example.org. */
#define BASE .host = "example.org", .proxy_host = "proxy.lan", .proxy_text = "proxy.lan:3128", \
             .timeout_s = 10

static const struct row {
    const char *name;
    struct failure_facts facts;
    enum net_error error;
    const char *detail; /* a part of it; NULL: nothing to check */
} rows[] = {
    {"closed on purpose", {BASE, .cancelled = true, .timed_out = true}, NET_ERROR_CANCELLED, ""},
    {"our timer", {BASE, .timed_out = true, .tcp_connected = true}, NET_ERROR_TIMEOUT,
     "no answer within 10 s"},
    {"our timer, via a proxy", {BASE, .timed_out = true, .via_proxy = true}, NET_ERROR_TIMEOUT,
     "through the proxy proxy.lan:3128"},

    /* No TCP connection: the look-up, then errno. */
    {"no such name", {BASE, .lookup = FAILURE_LOOKUP_NO_SUCH_NAME}, NET_ERROR_HOST_NOT_FOUND,
     "example.org: the host name did not resolve"},
    {"no name server, no network",
     {BASE, .lookup = FAILURE_LOOKUP_NO_ANSWER, .network_down = true}, NET_ERROR_NO_NETWORK,
     "example.org: no network"},
    {"no name server, a network", {BASE, .lookup = FAILURE_LOOKUP_NO_ANSWER},
     NET_ERROR_HOST_NOT_FOUND, "no name server answered"},
    {"the proxy's name", {BASE, .via_proxy = true, .lookup = FAILURE_LOOKUP_NO_SUCH_NAME},
     NET_ERROR_HOST_NOT_FOUND, "the proxy proxy.lan: the host name did not resolve"},
    {"refused, errno kept", {BASE, .lookup = FAILURE_LOOKUP_RESOLVED, .connect_errno = ECONNREFUSED},
     NET_ERROR_REFUSED, ""},
    /* lws read SO_ERROR itself: errno is still connect()'s. */
    {"refused, errno EINPROGRESS",
     {BASE, .lookup = FAILURE_LOOKUP_RESOLVED, .connect_errno = EINPROGRESS}, NET_ERROR_REFUSED, ""},
    {"refused, errno 0", {BASE, .lookup = FAILURE_LOOKUP_RESOLVED}, NET_ERROR_REFUSED, ""},
    {"the proxy refused",
     {BASE, .via_proxy = true, .lookup = FAILURE_LOOKUP_RESOLVED, .connect_errno = EINPROGRESS},
     NET_ERROR_PROXY_REFUSED, "proxy.lan:3128"},
    {"unreachable", {BASE, .lookup = FAILURE_LOOKUP_RESOLVED, .connect_errno = EHOSTUNREACH},
     NET_ERROR_UNREACHABLE, "example.org"},
    {"unreachable, no network",
     {BASE, .lookup = FAILURE_LOOKUP_RESOLVED, .connect_errno = ENETUNREACH, .network_down = true},
     NET_ERROR_NO_NETWORK, "example.org"},
    {"connect timed out", {BASE, .lookup = FAILURE_LOOKUP_RESOLVED, .connect_errno = ETIMEDOUT},
     NET_ERROR_TIMEOUT, NULL},
    {"another errno", {BASE, .lookup = FAILURE_LOOKUP_RESOLVED, .connect_errno = EACCES},
     NET_ERROR_OTHER, "errno"},

    /* Through a proxy that took the TCP connection, not the tunnel. */
    {"no tunnel", {BASE, .via_proxy = true, .tcp_connected = true}, NET_ERROR_PROXY_DENIED,
     "the proxy proxy.lan:3128 did not open the tunnel"},
    {"a tunnel, then a 404",
     {BASE, .via_proxy = true, .tcp_connected = true, .tunnel_open = true, .http_status = 404},
     NET_ERROR_HANDSHAKE, "the server answered 404 Not Found"},

    /* TLS. */
    {"verify", {BASE, .tcp_connected = true, .tls = true, .tls_started = true, .tls_server_hello = true,
                .tls_verify = 18, .tls_verify_text = "self-signed certificate"},
     NET_ERROR_TLS_VERIFY, "self-signed certificate"},
    {"an alert", {BASE, .tcp_connected = true, .tls = true, .tls_started = true,
                  .tls_problem = "the server sent the alert \"unknown CA\""},
     NET_ERROR_TLS_HANDSHAKE, "unknown CA"},
    {"not TLS", {BASE, .tcp_connected = true, .tls = true, .tls_started = true,
                 .tls_problem = "wrong version number"},
     NET_ERROR_TLS_HANDSHAKE, "wrong version number"},
    {"a certificate wanted",
     {BASE, .tcp_connected = true, .tls = true, .tls_started = true, .tls_server_hello = true,
      .tls_certificate_requested = true},
     NET_ERROR_TLS_HANDSHAKE, "asked for a client certificate, and none was given"},
    {"a certificate wanted after the handshake (TLS 1.3)",
     {BASE, .tcp_connected = true, .tls = true, .tls_started = true, .tls_server_hello = true,
      .tls_done = true, .tls_certificate_requested = true},
     NET_ERROR_TLS_HANDSHAKE, "asked for a client certificate"},
    {"a certificate wanted, the alert says so (TLS 1.3)",
     {BASE, .tcp_connected = true, .tls = true, .tls_started = true, .tls_server_hello = true,
      .tls_done = true, .tls_certificate_requested = true,
      .tls_problem = "the server sent the alert \"certificate required\""},
     NET_ERROR_TLS_HANDSHAKE, "certificate required"},
    {"a certificate given and refused (TLS 1.3)",
     {BASE, .tcp_connected = true, .tls = true, .tls_started = true, .tls_server_hello = true,
      .tls_done = true, .tls_certificate_requested = true, .have_certificate = true,
      .tls_problem = "the server sent the alert \"unknown CA\""},
     NET_ERROR_TLS_HANDSHAKE, "unknown CA"},
    {"no ServerHello", {BASE, .tcp_connected = true, .tls = true, .tls_started = true},
     NET_ERROR_TLS_HANDSHAKE, "without answering the TLS handshake"},
    {"a hang-up after the ServerHello",
     {BASE, .tcp_connected = true, .tls = true, .tls_started = true, .tls_server_hello = true},
     NET_ERROR_TLS_HANDSHAKE, "during the TLS handshake"},

    /* The upgrade. */
    {"404", {BASE, .tcp_connected = true, .http_status = 404}, NET_ERROR_HANDSHAKE,
     "the server answered 404 Not Found"},
    {"an unnamed status", {BASE, .tcp_connected = true, .http_status = 599}, NET_ERROR_HANDSHAKE,
     "the server answered 599"},
    {"over TLS, 403",
     {BASE, .tcp_connected = true, .tls = true, .tls_started = true, .tls_server_hello = true,
      .tls_done = true, .http_status = 403},
     NET_ERROR_HANDSHAKE, "403 Forbidden"},
    {"a wrong accept",
     {BASE, .tcp_connected = true, .http_status = 101, .upgrade = FAILURE_UPGRADE_ACCEPT_WRONG},
     NET_ERROR_HANDSHAKE, "Sec-WebSocket-Accept does not match"},
    {"a 101 refused for words we do not know", {BASE, .tcp_connected = true, .http_status = 101},
     NET_ERROR_HANDSHAKE, "not a WebSocket upgrade"},
    {"a hang-up before the answer", {BASE, .tcp_connected = true}, NET_ERROR_CONNECTION_LOST,
     "the server closed the connection during the handshake"},
};

/* lws's words for a refused 101 answer (client-ws.c, the same in 4.1.6
 * and 4.3.5), and the fault each names. */
static const struct {
    enum failure_upgrade fault;
    const char *words;
} upgrade_rows[] = {
    {FAILURE_UPGRADE_ACCEPT_WRONG, "HS: Accept hash wrong"},
    {FAILURE_UPGRADE_ACCEPT_MISSING, "HS: ACCEPT missing"},
    {FAILURE_UPGRADE_NOT_UPGRADE, "HS: UPGRADE missing"},
    {FAILURE_UPGRADE_NOT_UPGRADE, "HS: UPGRADE malformed"}, /* (lws's words for a bad Connection header) */
    {FAILURE_UPGRADE_UNKNOWN, "HS: Cannot match protocol"},
    {FAILURE_UPGRADE_UNKNOWN, "HS: Upgrade to something other than websocket"},
    {FAILURE_UPGRADE_CONNECTION, "CONNECTION header"},
    {FAILURE_UPGRADE_SUBPROTOCOL, "Subprotocol not offered"},
    {FAILURE_UPGRADE_SUBPROTOCOL, "no subprotocol"},
    {FAILURE_UPGRADE_UNKNOWN, ""},
    {FAILURE_UPGRADE_UNKNOWN, NULL},
};

int main(void)
{
    for (size_t i = 0; i < sizeof upgrade_rows / sizeof upgrade_rows[0]; i++)
        CHECK_MSG(failure_upgrade_from_words(upgrade_rows[i].words) == upgrade_rows[i].fault,
                  "\"%s\": fault %d, wanted %d", upgrade_rows[i].words ? upgrade_rows[i].words : "(null)",
                  (int)failure_upgrade_from_words(upgrade_rows[i].words), (int)upgrade_rows[i].fault);

    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        char detail[256] = "x";
        enum net_error error = failure_classify(&r->facts, detail, sizeof detail);
        CHECK_MSG(error == r->error, "[%s] %s, wanted %s", r->name, net_error_text(error),
                  net_error_text(r->error));
        if (r->detail && !*r->detail)
            CHECK_MSG(!*detail, "[%s] detail \"%s\", wanted none", r->name, detail);
        else if (r->detail)
            CHECK_MSG(strstr(detail, r->detail) != NULL, "[%s] detail \"%s\" lacks \"%s\"", r->name,
                      detail, r->detail);
    }

    /* A detail never overruns its buffer. */
    char small[16];
    struct failure_facts f = {BASE, .tcp_connected = true, .http_status = 404};
    failure_classify(&f, small, sizeof small);
    CHECK(strlen(small) == sizeof small - 1);

    /* The reason phrases, one row a status. */
    static const struct {
        int status;
        const char *phrase;
    } reasons[] = {
        {101, NULL}, {200, "OK"}, {301, "Moved Permanently"}, {302, "Found"}, {400, "Bad Request"},
        {401, "Unauthorized"}, {403, "Forbidden"}, {404, "Not Found"}, {407, "Proxy Authentication Required"},
        {426, "Upgrade Required"}, {429, "Too Many Requests"}, {299, NULL}, {502, "Bad Gateway"},
        {503, "Service Unavailable"}, {0, NULL}, {-1, NULL},
    };
    for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++) {
        const char *got = failure_http_reason(reasons[i].status);
        CHECK_MSG(reasons[i].phrase ? got && !strcmp(got, reasons[i].phrase) : !got, "%d: \"%s\"",
                  reasons[i].status, got ? got : "(none)");
    }
    return check_summary("failure");
}
