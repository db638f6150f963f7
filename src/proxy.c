/* SPDX-License-Identifier: MIT */
/* proxy: see proxy.h. */
#include "proxy.h"

#include "ascii.h"
#include "url.h"

#include <stdio.h>
#include <string.h>

static bool fail(char *err, size_t errlen, const char *why)
{
    if (errlen)
        snprintf(err, errlen, "%s", why);
    return false;
}

/* %-decodes text[0..len) onto the end of out (which holds *used bytes of
 * cap). False on a bad escape, an escaped NUL or no room. */
static bool decode_onto(const char *text, size_t len, char *out, size_t cap, size_t *used,
                        char *err, size_t errlen)
{
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '%') {
            int hi = i + 2 < len ? ascii_hex_value((unsigned char)text[i + 1]) : -1;
            int lo = hi >= 0 ? ascii_hex_value((unsigned char)text[i + 2]) : -1;
            if (lo < 0)
                return fail(err, errlen, "a % in the user name or password must start an escape like %40");
            c = (char)(hi << 4 | lo);
            if (c == '\0')
                return fail(err, errlen, "the user name or password holds %00");
            i += 2;
        }
        if (*used + 1 >= cap)
            return fail(err, errlen, "the user name and password are too long (at most 93 bytes)");
        out[(*used)++] = c;
    }
    out[*used] = '\0';
    return true;
}

bool proxy_parse(const char *text, struct proxy *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->port = PROXY_DEFAULT_PORT;
    if (!text || !*text)
        return fail(err, errlen, "the proxy URL is empty");

    const char *s = text;
    const char *scheme_end = strstr(s, "://");
    if (ascii_starts_with(s, "http://")) {
        s += 7;
    } else if (scheme_end) {
        if (ascii_starts_with(s, "https://"))
            return fail(err, errlen, "proxies reached over TLS (https://) are not supported: use http://");
        if (ascii_starts_with(s, "socks"))
            return fail(err, errlen, "SOCKS proxies are not supported: use an http:// proxy");
        return fail(err, errlen, "the proxy's scheme must be http://");
    }

    size_t auth_len = strcspn(s, "/?#");
    const char *rest = s + auth_len;
    if (*rest && strcmp(rest, "/"))
        return fail(err, errlen, "a proxy URL has no path, query or fragment");
    if (auth_len == 0)
        return fail(err, errlen, "the proxy URL has no host");

    /* user:password@ — the last '@' ends it, so an unescaped '@' in a
     * password still works. */
    const char *at = NULL;
    for (const char *c = s; c < s + auth_len; c++)
        if (*c == '@')
            at = c;
    if (at) {
        const char *colon = memchr(s, ':', (size_t)(at - s));
        const char *user_end = colon ? colon : at;
        if (user_end == s)
            return fail(err, errlen, "the proxy user name is empty");
        size_t used = 0;
        if (!decode_onto(s, (size_t)(user_end - s), p->credentials, sizeof p->credentials, &used,
                         err, errlen))
            return false;
        if (strchr(p->credentials, ':'))
            return fail(err, errlen, "the proxy user name cannot hold ':'");
        if (used + 1 >= sizeof p->credentials)
            return fail(err, errlen, "the user name and password are too long (at most 93 bytes)");
        p->credentials[used++] = ':';
        p->credentials[used] = '\0';
        if (colon && !decode_onto(colon + 1, (size_t)(at - colon - 1), p->credentials,
                                  sizeof p->credentials, &used, err, errlen))
            return false;
        auth_len -= (size_t)(at + 1 - s);
        s = at + 1;
        if (auth_len == 0)
            return fail(err, errlen, "the proxy URL has no host");
    }

    switch (url_parse_authority(s, auth_len, p->host, sizeof p->host, &p->port)) {
    case URL_AUTHORITY_OK:
        break;
    case URL_AUTHORITY_NO_HOST:
        return fail(err, errlen, "the proxy URL has no host");
    case URL_AUTHORITY_V6_UNCLOSED:
        return fail(err, errlen, "an IPv6 address must end with ']'");
    case URL_AUTHORITY_V6_INVALID:
        return fail(err, errlen, "the proxy's IPv6 address is not valid");
    case URL_AUTHORITY_AFTER_V6:
        return fail(err, errlen, "unexpected text after the proxy's IPv6 address");
    case URL_AUTHORITY_HOST_CHARACTER:
        return fail(err, errlen, "the proxy's host name has a character that is not allowed");
    case URL_AUTHORITY_HOST_TOO_LONG:
        return fail(err, errlen, "the proxy's host name is too long (at most 127 bytes)");
    case URL_AUTHORITY_PORT:
        return fail(err, errlen, "the proxy's port must be a number from 1 to 65535");
    }
    return true;
}

bool proxy_format(const struct proxy *p, char *out, size_t outlen)
{
    bool v6 = strchr(p->host, ':') != NULL;
    int n = snprintf(out, outlen, "%s%s%s:%d", v6 ? "[" : "", p->host, v6 ? "]" : "", p->port);
    return n >= 0 && (size_t)n < outlen;
}

/* An IP address rather than a name: matched whole, never by suffix. */
static bool is_address(const char *host, size_t len)
{
    if (memchr(host, ':', len))
        return true;
    for (size_t i = 0; i < len; i++)
        if (!ascii_is_digit((unsigned char)host[i]) && host[i] != '.')
            return false;
    return len > 0;
}

bool proxy_bypass(const char *no_proxy, const char *host)
{
    if (!no_proxy || !host)
        return false;
    size_t host_len = strlen(host);
    if (host_len && host[host_len - 1] == '.') /* "example.com." is example.com */
        host_len--;
    if (!host_len)
        return false;
    bool address = is_address(host, host_len);

    const char *p = no_proxy;
    while (*p) {
        /* Entries end at a comma or white space. */
        while (*p == ',' || ascii_is_space((unsigned char)*p))
            p++;
        const char *entry = p;
        while (*p && *p != ',' && !ascii_is_space((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - entry);
        if (!len)
            continue;
        if (len == 1 && *entry == '*')
            return true;
        if (len >= 2 && entry[0] == '[' && entry[len - 1] == ']') {
            entry++;
            len -= 2;
        }
        if (len && entry[len - 1] == '.')
            len--;
        if (!address && len && entry[0] == '.') {
            entry++;
            len--;
        }
        if (!len)
            continue;
        if (len == host_len && ascii_ncasecmp(entry, host, len) == 0)
            return true;
        /* A name matches its subdomains: "example.com" takes a.example.com,
         * not badexample.com. */
        if (!address && len < host_len && host[host_len - len - 1] == '.' &&
            ascii_ncasecmp(entry, host + host_len - len, len) == 0)
            return true;
    }
    return false;
}

void proxy_env_read(struct proxy_env *env, const char *(*lookup)(const char *name))
{
    memset(env, 0, sizeof *env);
    env->http_proxy = lookup("http_proxy");
    env->https_name = "https_proxy";
    env->https_proxy = lookup("https_proxy");
    if (!env->https_proxy) {
        env->https_name = "HTTPS_PROXY";
        env->https_proxy = lookup("HTTPS_PROXY");
    }
    env->all_name = "all_proxy";
    env->all_proxy = lookup("all_proxy");
    if (!env->all_proxy) {
        env->all_name = "ALL_PROXY";
        env->all_proxy = lookup("ALL_PROXY");
    }
    env->no_proxy = lookup("no_proxy");
    if (!env->no_proxy)
        env->no_proxy = lookup("NO_PROXY");
}

enum proxy_decision proxy_decide(const char *option, const struct proxy_env *env, bool tls,
                                 const char *host, struct proxy *out, char *err, size_t errlen)
{
    static const struct proxy_env none;
    if (!env)
        env = &none;
    memset(out, 0, sizeof *out);
    const char *text, *source;
    if (option) {
        text = option;
        source = "--proxy";
    } else if (tls && env->https_proxy) {
        text = env->https_proxy;
        source = env->https_name ? env->https_name : "https_proxy";
    } else if (!tls && env->http_proxy) {
        text = env->http_proxy;
        source = "http_proxy";
    } else if (env->all_proxy) {
        text = env->all_proxy;
        source = env->all_name ? env->all_name : "all_proxy";
    } else {
        return PROXY_DIRECT;
    }
    /* Set but empty means no proxy, without falling back (curl's way). */
    if (!*text || !strcmp(text, "none"))
        return PROXY_DIRECT;
    if (proxy_bypass(env->no_proxy, host))
        return PROXY_DIRECT;
    char why[128];
    if (!proxy_parse(text, out, why, sizeof why)) {
        if (errlen)
            snprintf(err, errlen, "%s is not a proxy URL: %s", source, why);
        memset(out, 0, sizeof *out);
        return PROXY_INVALID;
    }
    return PROXY_VIA;
}
