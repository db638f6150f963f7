/* proxy: see proxy.h. */
#include "proxy.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool fail(char *err, size_t errlen, const char *why)
{
    if (errlen)
        snprintf(err, errlen, "%s", why);
    return false;
}

static bool starts_with_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (tolower((unsigned char)*s) != *prefix)
            return false;
    return true;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* %-decodes text[0..len) onto the end of out (which holds *used bytes of
 * cap). False on a bad escape, an escaped NUL or no room. */
static bool decode_onto(const char *text, size_t len, char *out, size_t cap, size_t *used,
                        char *err, size_t errlen)
{
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '%') {
            int hi = i + 2 < len ? hex_value(text[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value(text[i + 2]) : -1;
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

static bool host_name_char_ok(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_';
}

bool proxy_parse(const char *text, struct proxy *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->port = PROXY_DEFAULT_PORT;
    if (!text || !*text)
        return fail(err, errlen, "the proxy URL is empty");

    const char *s = text;
    const char *scheme_end = strstr(s, "://");
    if (starts_with_nocase(s, "http://")) {
        s += 7;
    } else if (scheme_end) {
        if (starts_with_nocase(s, "https://"))
            return fail(err, errlen, "proxies reached over TLS (https://) are not supported: use http://");
        if (starts_with_nocase(s, "socks"))
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

    const char *host = s;
    size_t host_len;
    const char *port_text = NULL;
    size_t port_len = 0;
    if (*s == '[') {
        const char *close = memchr(s, ']', auth_len);
        if (!close)
            return fail(err, errlen, "an IPv6 address must end with ']'");
        host = s + 1;
        host_len = (size_t)(close - host);
        if (host_len < 2)
            return fail(err, errlen, "the proxy's IPv6 address is not valid");
        for (size_t i = 0; i < host_len; i++)
            if (!isxdigit((unsigned char)host[i]) && host[i] != ':' && host[i] != '.')
                return fail(err, errlen, "the proxy's IPv6 address is not valid");
        const char *after = close + 1;
        if (after < s + auth_len) {
            if (*after != ':')
                return fail(err, errlen, "unexpected text after the proxy's IPv6 address");
            port_text = after + 1;
            port_len = (size_t)(s + auth_len - port_text);
        }
    } else {
        const char *colon = memchr(s, ':', auth_len);
        host_len = colon ? (size_t)(colon - s) : auth_len;
        if (colon) {
            port_text = colon + 1;
            port_len = (size_t)(s + auth_len - port_text);
        }
        for (size_t i = 0; i < host_len; i++)
            if (!host_name_char_ok((unsigned char)host[i]))
                return fail(err, errlen, "the proxy's host name has a character that is not allowed");
    }
    if (host_len == 0)
        return fail(err, errlen, "the proxy URL has no host");
    if (host_len >= sizeof p->host)
        return fail(err, errlen, "the proxy's host name is too long (at most 127 bytes)");
    memcpy(p->host, host, host_len);
    p->host[host_len] = '\0';

    if (port_text) {
        int port = 0;
        bool ok = port_len >= 1 && port_len <= 5;
        for (size_t i = 0; ok && i < port_len; i++) {
            ok = isdigit((unsigned char)port_text[i]) != 0;
            port = port * 10 + (port_text[i] - '0');
        }
        if (!ok || port < 1 || port > 65535)
            return fail(err, errlen, "the proxy's port must be a number from 1 to 65535");
        p->port = port;
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
        if (!isdigit((unsigned char)host[i]) && host[i] != '.')
            return false;
    return len > 0;
}

static bool same_nocase(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
            return false;
    return true;
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
        while (*p == ',' || isspace((unsigned char)*p))
            p++;
        const char *entry = p;
        while (*p && *p != ',' && !isspace((unsigned char)*p))
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
        if (len == host_len && same_nocase(entry, host, len))
            return true;
        /* A name matches its subdomains: "example.com" takes a.example.com,
         * not badexample.com. */
        if (!address && len < host_len && host[host_len - len - 1] == '.' &&
            same_nocase(entry, host + host_len - len, len))
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
