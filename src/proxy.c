/* SPDX-License-Identifier: MIT */
/* proxy: see proxy.h. */
#include "proxy.h"

#include "ascii.h"
#include "url.h"

#include <stdio.h>
#include <string.h>

#define PROXY_AUTHORITY_TEXT(code, url_text, proxy_text) [PROXY_##code] = proxy_text,
ERROR_TABLE_DEFINE(proxy_error_text, enum proxy_error, PROXY_ERROR_COUNT,
                   PROXY_ERRORS(ERROR_TABLE_TEXT) URL_AUTHORITY_ERRORS(PROXY_AUTHORITY_TEXT))
#undef PROXY_AUTHORITY_TEXT

/* %-decodes text[0..len) onto the end of out (which holds *used bytes of
 * cap): a bad escape, an escaped NUL and no room are errors. */
static enum proxy_error decode_onto(const char *text, size_t len, char *out, size_t cap, size_t *used)
{
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '%') {
            int hi = i + 2 < len ? ascii_hex_value((unsigned char)text[i + 1]) : -1;
            int lo = hi >= 0 ? ascii_hex_value((unsigned char)text[i + 2]) : -1;
            if (lo < 0)
                return PROXY_BAD_ESCAPE;
            c = (char)(hi << 4 | lo);
            if (c == '\0')
                return PROXY_ESCAPED_NUL;
            i += 2;
        }
        if (*used + 1 >= cap)
            return PROXY_CREDENTIALS_TOO_LONG;
        out[(*used)++] = c;
    }
    out[*used] = '\0';
    return PROXY_OK;
}

/* (PROXY_OK for URL_AUTHORITY_OK: both are 0) */
#define PROXY_AUTHORITY_CODE(code, url_text, proxy_text) [URL_AUTHORITY_##code] = PROXY_##code,
static const enum proxy_error proxy_from_authority[] = {URL_AUTHORITY_ERRORS(PROXY_AUTHORITY_CODE)};
#undef PROXY_AUTHORITY_CODE

enum proxy_error proxy_check(const char *text, struct proxy *p)
{
    memset(p, 0, sizeof *p);
    p->port = PROXY_DEFAULT_PORT;
    if (!text || !*text)
        return PROXY_EMPTY;

    const char *s = text;
    const char *scheme_end = strstr(s, "://");
    if (ascii_starts_with(s, "http://")) {
        s += 7;
    } else if (scheme_end) {
        if (ascii_starts_with(s, "https://"))
            return PROXY_OVER_TLS;
        if (ascii_starts_with(s, "socks"))
            return PROXY_SOCKS;
        return PROXY_SCHEME;
    }

    size_t auth_len = strcspn(s, "/?#");
    const char *rest = s + auth_len;
    if (*rest && strcmp(rest, "/"))
        return PROXY_PATH;
    if (auth_len == 0)
        return PROXY_NO_HOST;

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
            return PROXY_NO_USER;
        size_t used = 0;
        enum proxy_error error = decode_onto(s, (size_t)(user_end - s), p->credentials, sizeof p->credentials, &used);
        if (error != PROXY_OK)
            return error;
        if (strchr(p->credentials, ':'))
            return PROXY_USER_COLON;
        if (used + 1 >= sizeof p->credentials)
            return PROXY_CREDENTIALS_TOO_LONG;
        p->credentials[used++] = ':';
        p->credentials[used] = '\0';
        if (colon && (error = decode_onto(colon + 1, (size_t)(at - colon - 1), p->credentials,
                                          sizeof p->credentials, &used)) != PROXY_OK)
            return error;
        auth_len -= (size_t)(at + 1 - s);
        s = at + 1;
        if (auth_len == 0)
            return PROXY_NO_HOST;
    }

    return proxy_from_authority[url_parse_authority(s, auth_len, p->host, sizeof p->host, &p->port)];
}

bool proxy_parse(const char *text, struct proxy *p, char *err, size_t errlen)
{
    return error_table_words(proxy_error_text(proxy_check(text, p)), err, errlen);
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
    enum proxy_error error = proxy_check(text, out);
    if (error != PROXY_OK) {
        if (errlen)
            snprintf(err, errlen, "%s is not a proxy URL: %s", source, proxy_error_text(error));
        memset(out, 0, sizeof *out);
        return PROXY_INVALID;
    }
    return PROXY_VIA;
}
