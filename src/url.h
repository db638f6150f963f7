/* SPDX-License-Identifier: MIT */
/* url: parsing and checking ws:// and wss:// addresses (RFC 6455 section 3).
 * Pure: no SDL, no lws. */
#ifndef PONTE_URL_H
#define PONTE_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "error_table.h"

#define URL_HOST_MAX 256
#define URL_PATH_MAX 2048
/* A URL as text (typed, kept, shown): room for the longest url_parse
 * takes, its scheme, host, port and path. */
#define URL_TEXT_MAX 2400

struct url {
    bool tls;                 /* wss:// */
    int port;                 /* 1..65535; 80 / 443 when the URL has none */
    char host[URL_HOST_MAX];  /* without the brackets of an IPv6 literal */
    char path[URL_PATH_MAX];  /* "/" when empty; includes the ?query */
};

/* X(code, words for a ws:// URL, words for a proxy URL): what is wrong
 * with an authority (host[:port]), for url_parse_authority, worded for each
 * of its two callers. Each code is URL_AUTHORITY_<code> here, URL_<code> in
 * enum url_error and PROXY_<code> in enum proxy_error. The URL's words are
 * msgids (xgettext takes X's second argument); the proxy's are not
 * translated (proxy.h). */
#define URL_AUTHORITY_ERRORS(X)                                                                    \
    X(NO_HOST, "the URL has no host", "the proxy URL has no host")                                 \
    /* '[' without ']' */                                                                          \
    X(V6_UNCLOSED, "an IPv6 address must end with ']'", "an IPv6 address must end with ']'")       \
    X(V6_INVALID, "the IPv6 address is not valid", "the proxy's IPv6 address is not valid")        \
    /* "[::1]x" */                                                                                 \
    X(AFTER_V6, "unexpected text after the IPv6 address",                                          \
      "unexpected text after the proxy's IPv6 address")                                            \
    X(HOST_CHARACTER, "the host name has a character that is not allowed",                         \
      "the proxy's host name has a character that is not allowed")                                 \
    /* does not fit host_cap with its NUL */                                                       \
    X(HOST_TOO_LONG, "the host name is too long", "the proxy's host name is too long (at most 127 bytes)") \
    X(PORT, "the port must be a number from 1 to 65535", "the proxy's port must be a number from 1 to 65535")

enum url_authority {
    URL_AUTHORITY_OK,
#define URL_AUTHORITY_ENUM(code, url_text, proxy_text) URL_AUTHORITY_##code,
    URL_AUTHORITY_ERRORS(URL_AUTHORITY_ENUM)
#undef URL_AUTHORITY_ENUM
};

/* Reads "host", "host:port", "[v6]" or "[v6]:port" from text[0, len) (no
 * user info): the host, without brackets, into host; the port into *port,
 * left as it is when there is none. Shared by url_parse and the proxy's
 * parser, which word the errors each their own way. */
enum url_authority url_parse_authority(const char *text, size_t len, char *host, size_t host_cap, int *port);

/* X(code, text): every other reason url_check refuses a text. The text is
 * the English words (without the URL itself) and the msgid of their
 * translation: xgettext reads them here (po/POTFILES), and tr_url_error
 * (i18n.c) translates by code. */
#define URL_ERRORS(X)                                                                              \
    X(URL_EMPTY, "the URL is empty")                                                               \
    X(URL_SCHEME, "the scheme must be ws:// or wss://")                                            \
    X(URL_NO_SCHEME, "the URL must start with ws:// or wss://")                                    \
    X(URL_USER_INFO, "user names and passwords in the URL are not supported")                      \
    X(URL_FRAGMENT, "a WebSocket URL cannot have a #fragment")                                     \
    /* xgettext:no-c-format */                                                                     \
    X(URL_PATH_CHARACTER, "the path has a character that must be %-escaped")                       \
    X(URL_PATH_TOO_LONG, "the path is too long")

#define URL_FROM_AUTHORITY_ENUM(code, url_text, proxy_text) URL_##code,
enum url_error {
    URL_OK,
    URL_ERRORS(ERROR_TABLE_ENUM) URL_AUTHORITY_ERRORS(URL_FROM_AUTHORITY_ENUM) URL_ERROR_COUNT
};
#undef URL_FROM_AUTHORITY_ENUM

/* The English words for error ("" for URL_OK or a value out of range). */
const char *url_error_text(enum url_error error);

/* Parses text into *u: URL_OK, or why it is not a WebSocket URL. */
enum url_error url_check(const char *text, struct url *u);

/* url_check with the reason in English words in err (when it is not
 * URL_OK), e.g. "the scheme must be ws:// or wss://": false then. */
bool url_parse(const char *text, struct url *u, char *err, size_t errlen);

/* Writes the canonical form ("wss://host:port/path", the port left out when
 * it is the scheme's default, IPv6 hosts in brackets) into out. Returns false
 * when out is too small (out then holds a truncated string). */
bool url_format(const struct url *u, char *out, size_t outlen);

#endif
