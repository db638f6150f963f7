/* SPDX-License-Identifier: MIT */
/* url: parsing and checking ws:// and wss:// addresses (RFC 6455 section 3).
 * Pure: no SDL, no lws. */
#ifndef PONTE_URL_H
#define PONTE_URL_H

#include <stdbool.h>
#include <stddef.h>

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

/* What is wrong with an authority (host[:port]), for url_parse_authority. */
enum url_authority {
    URL_AUTHORITY_OK,
    URL_AUTHORITY_NO_HOST,
    URL_AUTHORITY_V6_UNCLOSED,   /* '[' without ']' */
    URL_AUTHORITY_V6_INVALID,
    URL_AUTHORITY_AFTER_V6,      /* "[::1]x" */
    URL_AUTHORITY_HOST_CHARACTER,
    URL_AUTHORITY_HOST_TOO_LONG, /* does not fit host_cap with its NUL */
    URL_AUTHORITY_PORT,          /* not a number from 1 to 65535 */
};

/* Reads "host", "host:port", "[v6]" or "[v6]:port" from text[0, len) (no
 * user info): the host, without brackets, into host; the port into *port,
 * left as it is when there is none. Shared by url_parse and the proxy's
 * parser, which word the errors each their own way. */
enum url_authority url_parse_authority(const char *text, size_t len, char *host, size_t host_cap, int *port);

/* Parses text into *u. On failure returns false and writes a one-line reason
 * (without the URL itself) to err, e.g. "the scheme must be ws:// or wss://". */
bool url_parse(const char *text, struct url *u, char *err, size_t errlen);

/* Writes the canonical form ("wss://host:port/path", the port left out when
 * it is the scheme's default, IPv6 hosts in brackets) into out. Returns false
 * when out is too small (out then holds a truncated string). */
bool url_format(const struct url *u, char *out, size_t outlen);

#endif
