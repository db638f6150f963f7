/* SPDX-License-Identifier: MIT */
/* url: ws:// and wss:// parsing. The grammar is RFC 3986's authority and
 * path, restricted the way RFC 6455 restricts it: no fragment, no user info
 * (it would be sent nowhere), a host that is a name, an IPv4 address or a
 * bracketed IPv6 address. */
#include "url.h"

#include "ascii.h"

#include <stdio.h>
#include <string.h>

#define URL_AUTHORITY_TEXT(code, url_text, proxy_text) [URL_##code] = url_text,
ERROR_TABLE_DEFINE(url_error_text, enum url_error, URL_ERROR_COUNT,
                   URL_ERRORS(ERROR_TABLE_TEXT) URL_AUTHORITY_ERRORS(URL_AUTHORITY_TEXT))
#undef URL_AUTHORITY_TEXT

/* Characters allowed in a path or query: RFC 3986 pchar, '/', '?', and '%'
 * escapes. Everything else (spaces, controls, non-ASCII) must be escaped by
 * whoever wrote the URL; we refuse rather than guess an encoding. */
static bool path_char_ok(unsigned char c)
{
    if (ascii_is_alnum(c))
        return true;
    return strchr("-._~!$&'()*+,;=:@/?%", c) != NULL && c != '\0';
}

static bool host_name_char_ok(unsigned char c)
{
    return ascii_is_alnum(c) || c == '-' || c == '.' || c == '_';
}

enum url_authority url_parse_authority(const char *p, size_t len, char *host_out, size_t host_cap, int *port_out)
{
    const char *host = p;
    size_t host_len;
    const char *port_text = NULL;
    size_t port_len = 0;
    if (len && *p == '[') {
        const char *close = memchr(p, ']', len);
        if (!close)
            return URL_AUTHORITY_V6_UNCLOSED;
        host = p + 1;
        host_len = (size_t)(close - host);
        for (size_t i = 0; i < host_len; i++)
            if (!ascii_is_xdigit((unsigned char)host[i]) && host[i] != ':' && host[i] != '.')
                return URL_AUTHORITY_V6_INVALID;
        if (host_len < 2)
            return URL_AUTHORITY_V6_INVALID;
        const char *after = close + 1;
        if (after < p + len) {
            if (*after != ':')
                return URL_AUTHORITY_AFTER_V6;
            port_text = after + 1;
            port_len = (size_t)(p + len - port_text);
        }
    } else {
        const char *colon = memchr(p, ':', len);
        host_len = colon ? (size_t)(colon - p) : len;
        if (colon) {
            port_text = colon + 1;
            port_len = (size_t)(p + len - port_text);
        }
        for (size_t i = 0; i < host_len; i++)
            if (!host_name_char_ok((unsigned char)host[i]))
                return URL_AUTHORITY_HOST_CHARACTER;
    }
    if (host_len == 0)
        return URL_AUTHORITY_NO_HOST;
    if (host_len >= host_cap)
        return URL_AUTHORITY_HOST_TOO_LONG;
    if (port_text) {
        if (port_len == 0 || port_len > 5)
            return URL_AUTHORITY_PORT;
        int port = 0;
        for (size_t i = 0; i < port_len; i++) {
            if (!ascii_is_digit((unsigned char)port_text[i]))
                return URL_AUTHORITY_PORT;
            port = port * 10 + (port_text[i] - '0');
        }
        if (port < 1 || port > 65535)
            return URL_AUTHORITY_PORT;
        *port_out = port;
    }
    memcpy(host_out, host, host_len);
    host_out[host_len] = '\0';
    return URL_AUTHORITY_OK;
}

#define URL_AUTHORITY_CODE(code, url_text, proxy_text) [URL_AUTHORITY_##code] = URL_##code,
static const enum url_error url_from_authority[] = {URL_AUTHORITY_ERRORS(URL_AUTHORITY_CODE)};
#undef URL_AUTHORITY_CODE

enum url_error url_check(const char *text, struct url *u)
{
    memset(u, 0, sizeof *u);
    if (!text || !*text)
        return URL_EMPTY;

    const char *p;
    if (ascii_starts_with(text, "wss://")) {
        u->tls = true;
        p = text + 6;
    } else if (ascii_starts_with(text, "ws://")) {
        p = text + 5;
    } else if (strstr(text, "://")) {
        return URL_SCHEME;
    } else {
        return URL_NO_SCHEME;
    }
    u->port = u->tls ? 443 : 80;

    size_t auth_len = strcspn(p, "/?#");
    const char *rest = p + auth_len;
    if (memchr(p, '@', auth_len))
        return URL_USER_INFO;
    if (auth_len == 0)
        return URL_NO_HOST;

    enum url_authority authority = url_parse_authority(p, auth_len, u->host, sizeof u->host, &u->port);
    if (authority != URL_AUTHORITY_OK)
        return url_from_authority[authority];

    if (strchr(rest, '#'))
        return URL_FRAGMENT;
    for (const char *c = rest; *c; c++)
        if (!path_char_ok((unsigned char)*c))
            return URL_PATH_CHARACTER;
    if (*rest == '?') {
        /* "ws://host?q" means path "/" with query "q". */
        if (strlen(rest) + 1 >= sizeof u->path)
            return URL_PATH_TOO_LONG;
        u->path[0] = '/';
        strcpy(u->path + 1, rest);
    } else if (*rest) {
        if (strlen(rest) >= sizeof u->path)
            return URL_PATH_TOO_LONG;
        strcpy(u->path, rest);
    } else {
        strcpy(u->path, "/");
    }
    return URL_OK;
}

bool url_parse(const char *text, struct url *u, char *err, size_t errlen)
{
    return error_table_words(url_error_text(url_check(text, u)), err, errlen);
}

bool url_format(const struct url *u, char *out, size_t outlen)
{
    bool v6 = strchr(u->host, ':') != NULL;
    bool default_port = u->port == (u->tls ? 443 : 80);
    char port[8] = "";
    if (!default_port)
        snprintf(port, sizeof port, ":%d", u->port);
    int n = snprintf(out, outlen, "%s://%s%s%s%s%s", u->tls ? "wss" : "ws",
                     v6 ? "[" : "", u->host, v6 ? "]" : "", port, u->path);
    return n >= 0 && (size_t)n < outlen;
}
