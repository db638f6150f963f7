/* SPDX-License-Identifier: MIT */
/* proxy: which HTTP proxy, if any, a connection goes through, decided the
 * way curl decides it, and proxy URLs parsed. Pure: no SDL, no lws, no
 * getenv (the environment is read once at start and handed in).
 *
 * The rules (curl's):
 * - --proxy URL wins over the environment; --proxy none (or "") goes direct.
 * - Else wss:// takes https_proxy (then HTTPS_PROXY), ws:// takes http_proxy
 *   (lower case only: a CGI server sets HTTP_PROXY from a request's
 *   "Proxy:" header), and both fall back to all_proxy (then ALL_PROXY).
 *   A variable set to "" means no proxy, without falling back.
 * - no_proxy (then NO_PROXY) lists hosts that go direct, whoever named the
 *   proxy: comma-separated names, each matching itself and its subdomains
 *   (a leading dot is optional), IP addresses matched whole, "*" for every
 *   host; case-insensitive, ports not looked at.
 * - A proxy URL is [http://][user:password@]host[:port][/]: port 1080 when
 *   none is given, user and password %-decoded. */
#ifndef PONTE_PROXY_H
#define PONTE_PROXY_H

#include <stdbool.h>
#include <stddef.h>

#include "error_table.h"
#include "url.h"

/* libwebsockets 4.1.6 keeps a proxy's host in 128 bytes and its
 * "user:password" in a 128-byte base64 token, which holds 93 bytes. */
#define PROXY_HOST_MAX 128
#define PROXY_CREDENTIALS_MAX 94
#define PROXY_DEFAULT_PORT 1080

struct proxy {
    char host[PROXY_HOST_MAX];  /* without the brackets of an IPv6 literal */
    int port;                   /* 1..65535 */
    char credentials[PROXY_CREDENTIALS_MAX]; /* "user:password", decoded; "" when none */
};

/* The environment, as read at start. Values are NULL when unset; each
 * *_name says which variable a value came from (for messages). */
struct proxy_env {
    const char *http_proxy;
    const char *https_proxy, *https_name;
    const char *all_proxy, *all_name;
    const char *no_proxy;
};

/* Fills env from lookup (getenv, or a test's table), lower case first. */
void proxy_env_read(struct proxy_env *env, const char *(*lookup)(const char *name));

/* X(code, text): every reason proxy_check refuses a text but those of its
 * host and port (URL_AUTHORITY_ERRORS in url.h, PROXY_<code> here), in English
 * words that never quote the URL (it may hold a password). The text would
 * be the msgid of a translation; these are not translated yet (they reach
 * a person inside cli.c's messages and the English detail of a failed
 * connection), so proxy.h is not in po/POTFILES. */
#define PROXY_ERRORS(X)                                                                            \
    X(PROXY_EMPTY, "the proxy URL is empty")                                                       \
    X(PROXY_OVER_TLS, "proxies reached over TLS (https://) are not supported: use http://")        \
    X(PROXY_SOCKS, "SOCKS proxies are not supported: use an http:// proxy")                        \
    X(PROXY_SCHEME, "the proxy's scheme must be http://")                                          \
    X(PROXY_PATH, "a proxy URL has no path, query or fragment")                                    \
    X(PROXY_NO_USER, "the proxy user name is empty")                                               \
    X(PROXY_USER_COLON, "the proxy user name cannot hold ':'")                                     \
    X(PROXY_BAD_ESCAPE, "a % in the user name or password must start an escape like %40")          \
    X(PROXY_ESCAPED_NUL, "the user name or password holds %00")                                    \
    X(PROXY_CREDENTIALS_TOO_LONG, "the user name and password are too long (at most 93 bytes)")

#define PROXY_FROM_AUTHORITY_ENUM(code, url_text, proxy_text) PROXY_##code,
enum proxy_error {
    PROXY_OK,
    PROXY_ERRORS(ERROR_TABLE_ENUM) URL_AUTHORITY_ERRORS(PROXY_FROM_AUTHORITY_ENUM) PROXY_ERROR_COUNT
};
#undef PROXY_FROM_AUTHORITY_ENUM

/* Parses a proxy URL: PROXY_OK, or why it is not one, which
 * proxy_error_text words ("" for PROXY_OK or a value out of range).
 * proxy_parse puts those words in err and is false when there are any. */
enum proxy_error proxy_check(const char *text, struct proxy *p);
const char *proxy_error_text(enum proxy_error error);
bool proxy_parse(const char *text, struct proxy *p, char *err, size_t errlen);

/* Whether no_proxy (NULL: none) sends host straight to the server. host is
 * as in a URL, IPv6 literals without brackets. */
bool proxy_bypass(const char *no_proxy, const char *host);

enum proxy_decision {
    PROXY_DIRECT,  /* no proxy for this connection */
    PROXY_VIA,     /* through *out */
    PROXY_INVALID, /* the proxy setting that applies is not a proxy URL: err says which and why */
};

/* Which proxy a connection to host (tls: wss://) goes through. option is
 * --proxy (NULL when not given). */
enum proxy_decision proxy_decide(const char *option, const struct proxy_env *env, bool tls,
                                 const char *host, struct proxy *out, char *err, size_t errlen);

/* "host:port" ("[v6]:port"), never the credentials: for the person and the
 * transcript. False when out is too small. */
bool proxy_format(const struct proxy *p, char *out, size_t outlen);

#endif
