/* SPDX-License-Identifier: MIT */
/* failure: why an attempt failed, from its facts (see failure.h). */
#include "failure.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const char *failure_http_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 426: return "Upgrade Required";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return NULL;
    }
}

enum failure_upgrade failure_upgrade_from_words(const char *why)
{
    static const struct {
        const char *lws;
        enum failure_upgrade fault;
    } faults[] = {
        {"Accept hash wrong", FAILURE_UPGRADE_ACCEPT_WRONG},
        {"ACCEPT missing", FAILURE_UPGRADE_ACCEPT_MISSING},
        {"UPGRADE", FAILURE_UPGRADE_NOT_UPGRADE},
        {"CONNECTION", FAILURE_UPGRADE_CONNECTION},
        {"Subprotocol", FAILURE_UPGRADE_SUBPROTOCOL},
        {"subprotocol", FAILURE_UPGRADE_SUBPROTOCOL},
    };
    for (size_t i = 0; why && i < sizeof faults / sizeof faults[0]; i++)
        if (strstr(why, faults[i].lws))
            return faults[i].fault;
    return FAILURE_UPGRADE_UNKNOWN;
}

/* The TCP connection to the first hop never came up. */
static enum net_error no_connection(const struct failure_facts *f, char *detail, size_t n)
{
    const char *who = f->via_proxy ? "the proxy " : "";
    const char *name = f->via_proxy ? f->proxy_host : f->host;
    switch (f->lookup) {
    case FAILURE_LOOKUP_NO_SUCH_NAME:
        snprintf(detail, n, "%s%s: the host name did not resolve", who, name);
        return NET_ERROR_HOST_NOT_FOUND;
    case FAILURE_LOOKUP_NO_ANSWER:
    case FAILURE_LOOKUP_OTHER:
        if (f->network_down) {
            snprintf(detail, n, "%s%s: no network to look the name up on", who, name);
            return NET_ERROR_NO_NETWORK;
        }
        snprintf(detail, n, "%s%s: no name server answered", who, name);
        return NET_ERROR_HOST_NOT_FOUND;
    case FAILURE_LOOKUP_NOT_TRIED:
    case FAILURE_LOOKUP_RESOLVED:
        break;
    }
    /* Both lws versions read a connect()'s failure with
     * getsockopt(SO_ERROR), which clears it: errno then still holds the
     * call's EINPROGRESS (lws 4.3 only prints the real one into its
     * message). Time-outs are our attempt timer's, so a connect that
     * started and failed was answered by the other side, nearly always
     * with a reset: nothing listens on that port. */
    switch (f->connect_errno) {
    case ECONNREFUSED:
    case ECONNRESET:
    case 0:
    case EINPROGRESS:
    case EALREADY:
    case EAGAIN:
        if (f->via_proxy) {
            snprintf(detail, n, "%s", f->proxy_text);
            return NET_ERROR_PROXY_REFUSED;
        }
        detail[0] = '\0';
        return NET_ERROR_REFUSED;
    case ETIMEDOUT:
        snprintf(detail, n, "%s%s", who, f->via_proxy ? f->proxy_text : "");
        return NET_ERROR_TIMEOUT;
    case ENETUNREACH:
    case EHOSTUNREACH:
        if (f->network_down) {
            snprintf(detail, n, "%s%s", who, name);
            return NET_ERROR_NO_NETWORK;
        }
        snprintf(detail, n, "%s%s", who, f->via_proxy ? f->proxy_text : name);
        return NET_ERROR_UNREACHABLE;
    default:
        snprintf(detail, n, "%s%s (errno %d)", who, f->via_proxy ? f->proxy_text : name,
                 f->connect_errno);
        return NET_ERROR_OTHER;
    }
}

enum net_error failure_classify(const struct failure_facts *f, char *detail, size_t n)
{
    detail[0] = '\0';
    if (f->cancelled)
        return NET_ERROR_CANCELLED;
    if (f->timed_out) {
        snprintf(detail, n, "no answer within %d s%s%s", f->timeout_s,
                 f->via_proxy ? " through the proxy " : "", f->via_proxy ? f->proxy_text : "");
        return NET_ERROR_TIMEOUT;
    }
    if (!f->tcp_connected)
        return no_connection(f, detail, n);

    if (f->via_proxy && !f->tunnel_open) {
        /* (The worker asks the proxy itself first, to name its answer;
         * this is what is left when it could not.) */
        snprintf(detail, n, "the proxy %s did not open the tunnel", f->proxy_text);
        return NET_ERROR_PROXY_DENIED;
    }

    if (f->tls && !f->tls_done) {
        if (f->tls_verify) {
            snprintf(detail, n, "%s", f->tls_verify_text ? f->tls_verify_text : "");
            return NET_ERROR_TLS_VERIFY;
        }
        if (f->tls_problem && *f->tls_problem) {
            snprintf(detail, n, "%s", f->tls_problem);
            return NET_ERROR_TLS_HANDSHAKE;
        }
        if (f->tls_certificate_requested && !f->have_certificate) {
            snprintf(detail, n, "the server asked for a client certificate, and none was given");
            return NET_ERROR_TLS_HANDSHAKE;
        }
        if (f->tls_started && !f->tls_server_hello) {
            /* OpenSSL 3.5 servers (Debian 13) that allow nothing the
             * client offers close without an alert. */
            snprintf(detail, n, "the server hung up without answering the TLS handshake "
                                "(no protocol version or cipher in common?)");
            return NET_ERROR_TLS_HANDSHAKE;
        }
        snprintf(detail, n, "the server closed the connection during the TLS handshake");
        return NET_ERROR_TLS_HANDSHAKE;
    }

    if (f->http_status && f->http_status != 101) {
        const char *phrase = failure_http_reason(f->http_status);
        snprintf(detail, n, "the server answered %d%s%s", f->http_status, phrase ? " " : "",
                 phrase ? phrase : "");
        return NET_ERROR_HANDSHAKE;
    }
    if (f->http_status == 101) {
        static const char *const why[] = {
            [FAILURE_UPGRADE_UNKNOWN] = "its answer was refused",
            [FAILURE_UPGRADE_ACCEPT_WRONG] = "its Sec-WebSocket-Accept does not match the key",
            [FAILURE_UPGRADE_ACCEPT_MISSING] = "it sent no Sec-WebSocket-Accept",
            [FAILURE_UPGRADE_NOT_UPGRADE] = "it did not agree to upgrade to WebSocket",
            [FAILURE_UPGRADE_CONNECTION] = "its Connection header is not Upgrade",
            [FAILURE_UPGRADE_SUBPROTOCOL] = "it chose a subprotocol that was not offered",
        };
        snprintf(detail, n, "the server's answer is not a WebSocket upgrade: %s", why[f->upgrade]);
        return NET_ERROR_HANDSHAKE;
    }
    /* TLS 1.3: the handshake is done on our side before the server reads
     * our certificate (or its absence), alerts and hangs up. */
    if (f->tls && f->tls_problem && *f->tls_problem) {
        snprintf(detail, n, "%s", f->tls_problem);
        return NET_ERROR_TLS_HANDSHAKE;
    }
    if (f->tls && f->tls_certificate_requested && !f->have_certificate) {
        snprintf(detail, n, "the server asked for a client certificate, and none was given");
        return NET_ERROR_TLS_HANDSHAKE;
    }
    snprintf(detail, n, "the server closed the connection during the handshake");
    return NET_ERROR_CONNECTION_LOST;
}
