/* SPDX-License-Identifier: MIT */
/* url: parsing and checking ws:// and wss:// addresses (RFC 6455 section 3).
 * Pure: no SDL, no lws. */
#ifndef PONTE_URL_H
#define PONTE_URL_H

#include <stdbool.h>
#include <stddef.h>

#define URL_HOST_MAX 256
#define URL_PATH_MAX 2048

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

/* X(code, text): every reason url_check refuses a text. The text is the
 * English words (without the URL itself) and the msgid of their translation:
 * xgettext reads them here (po/POTFILES), and tr_url_error (i18n.c)
 * translates by code. */
#define URL_ERRORS(X)                                                                              \
    X(URL_EMPTY, "the URL is empty")                                                               \
    X(URL_SCHEME, "the scheme must be ws:// or wss://")                                            \
    X(URL_NO_SCHEME, "the URL must start with ws:// or wss://")                                    \
    X(URL_USER_INFO, "user names and passwords in the URL are not supported")                      \
    X(URL_NO_HOST, "the URL has no host")                                                          \
    X(URL_V6_UNCLOSED, "an IPv6 address must end with ']'")                                        \
    X(URL_V6_INVALID, "the IPv6 address is not valid")                                             \
    X(URL_AFTER_V6, "unexpected text after the IPv6 address")                                      \
    X(URL_HOST_CHARACTER, "the host name has a character that is not allowed")                     \
    X(URL_HOST_TOO_LONG, "the host name is too long")                                              \
    X(URL_PORT, "the port must be a number from 1 to 65535")                                       \
    X(URL_FRAGMENT, "a WebSocket URL cannot have a #fragment")                                     \
    /* xgettext:no-c-format */                                                                     \
    X(URL_PATH_CHARACTER, "the path has a character that must be %-escaped")                       \
    X(URL_PATH_TOO_LONG, "the path is too long")

enum url_error {
    URL_OK,
#define URL_ERROR_ENUM(code, text) code,
    URL_ERRORS(URL_ERROR_ENUM)
#undef URL_ERROR_ENUM
    URL_ERROR_COUNT
};

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
