/* SPDX-License-Identifier: MIT */
/* proxy: proxy URLs, no_proxy, and which proxy a connection takes. */
#include <string.h>

#include "check.h"
#include "proxy.h"

static void parses(const char *text, const char *host, int port, const char *credentials)
{
    struct proxy p;
    char err[160] = "";
    bool ok = proxy_parse(text, &p, err, sizeof err);
    CHECK_MSG(ok, "%s: %s", text, err);
    if (!ok)
        return;
    CHECK_MSG(!strcmp(p.host, host), "%s: host '%s'", text, p.host);
    CHECK_MSG(p.port == port, "%s: port %d", text, p.port);
    CHECK_MSG(!strcmp(p.credentials, credentials), "%s: credentials '%s'", text, p.credentials);
}

/* The reasons rejects has seen, by code: every row of proxy.h's table is
 * one some text gives. */
static bool seen[PROXY_ERROR_COUNT];

static void rejects(const char *text, const char *why_part)
{
    struct proxy p;
    char err[160] = "";
    CHECK_MSG(!proxy_parse(text, &p, err, sizeof err), "%s should fail", text);
    enum proxy_error error = proxy_check(text, &p);
    CHECK_MSG(error > PROXY_OK && error < PROXY_ERROR_COUNT && !strcmp(proxy_error_text(error), err),
              "%s: code %d for '%s'", text, (int)error, err);
    if (error < PROXY_ERROR_COUNT)
        seen[error] = true;
    CHECK_MSG(strstr(err, why_part) != NULL, "%s: '%s' lacks '%s'", text, err, why_part);
    /* The reason never repeats the URL: it may hold a password. */
    CHECK_MSG(!strstr(err, "secret"), "%s: '%s' shows the password", text, err);
}

static void formats(const char *text, const char *expected)
{
    struct proxy p;
    char err[160], out[160];
    CHECK(proxy_parse(text, &p, err, sizeof err));
    CHECK(proxy_format(&p, out, sizeof out));
    CHECK_MSG(!strcmp(out, expected), "%s formats as '%s'", text, out);
}

/* A fake environment for proxy_env_read. */
static const char *const *fake_env;

static const char *fake_lookup(const char *name)
{
    for (size_t i = 0; fake_env[i]; i += 2)
        if (!strcmp(fake_env[i], name))
            return fake_env[i + 1];
    return NULL;
}

static struct proxy_env env_of(const char *const *pairs)
{
    struct proxy_env env;
    fake_env = pairs;
    proxy_env_read(&env, fake_lookup);
    return env;
}

/* The host:port a connection goes through ("" when direct, "invalid"). */
static const char *decide(const char *option, const struct proxy_env *env, bool tls, const char *host)
{
    static char out[256];
    struct proxy p;
    char err[200];
    switch (proxy_decide(option, env, tls, host, &p, err, sizeof err)) {
    case PROXY_DIRECT:
        return "";
    case PROXY_VIA:
        proxy_format(&p, out, sizeof out);
        return out;
    case PROXY_INVALID:
        snprintf(out, sizeof out, "invalid: %s", err);
        return out;
    }
    return "?";
}

#define DECIDES(option, env, tls, host, expected)                                        \
    do {                                                                                 \
        const char *got_ = decide(option, env, tls, host);                               \
        CHECK_MSG(!strncmp(got_, expected, strlen(expected)) && (*expected || !*got_),   \
                  "%s for %s%s: '%s', wanted '%s'", option ? option : "(env)", host,     \
                  tls ? " (wss)" : "", got_, expected);                                  \
    } while (0)

int main(void)
{
    /* ---- proxy URLs ---- */
    parses("http://proxy.example:3128", "proxy.example", 3128, "");
    parses("proxy.example:3128", "proxy.example", 3128, "");
    parses("HTTP://Proxy.Example:8080/", "Proxy.Example", 8080, "");
    parses("proxy.example", "proxy.example", 1080, ""); /* curl's default port */
    parses("http://127.0.0.1", "127.0.0.1", 1080, "");
    parses("http://[::1]:3128", "::1", 3128, "");
    parses("[2001:db8::2]", "2001:db8::2", 1080, "");
    parses("http://user:pass@proxy:1", "proxy", 1, "user:pass");
    parses("http://user@proxy:1", "proxy", 1, "user:");
    parses("http://user:@proxy:1", "proxy", 1, "user:");
    parses("http://us%65r:p%40ss%3Aw%2f@proxy:1", "proxy", 1, "user:p@ss:w/");
    parses("http://user:p@ss@proxy:1", "proxy", 1, "user:p@ss"); /* the last '@' ends it */
    parses("http://user:pass@[::1]:9", "::1", 9, "user:pass");
    parses("http://a:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb@p",
           "p", 1080, "a:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    rejects("", "empty");
    rejects("http://", "no host");
    rejects("http://:3128", "no host");
    rejects("https://proxy:443", "https://");
    rejects("socks5://proxy:1080", "SOCKS");
    rejects("socks5h://proxy", "SOCKS");
    rejects("ftp://proxy", "http://");
    rejects("http://proxy:0", "port");
    rejects("http://proxy:65536", "port");
    rejects("http://proxy:", "port");
    rejects("http://proxy:80a", "port");
    rejects("http://proxy:123456", "port");
    rejects("http://proxy/path", "no path");
    rejects("http://proxy?q", "no path");
    rejects("http://pro xy:1", "character");
    rejects("http://[::1", "]");
    rejects("http://[zz]:1", "IPv6");
    rejects("http://[::1]x", "after");
    rejects("http://:secret@proxy", "user name is empty");
    rejects("http://u:secret%4@proxy", "escape");
    rejects("http://u:secret%zz@proxy", "escape");
    rejects("http://u:secret%00@proxy", "%00");
    rejects("http://u%3a:secret@proxy", "cannot hold ':'");
    rejects("http://u:secret@", "no host");
    rejects("http://a:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb@p",
            "too long");
    {
        char long_host[200];
        memset(long_host, 'h', sizeof long_host - 1);
        long_host[sizeof long_host - 1] = '\0';
        rejects(long_host, "too long");
    }

    formats("http://u:p@proxy:3128", "proxy:3128");
    formats("[::1]", "[::1]:1080");
    {
        struct proxy p;
        char err[64], small[6];
        CHECK(proxy_parse("proxy:3128", &p, err, sizeof err));
        CHECK(!proxy_format(&p, small, sizeof small));
        CHECK(!proxy_parse("", &p, NULL, 0)); /* no room for a reason is fine */
    }

    /* ---- no_proxy ---- */
    CHECK(!proxy_bypass(NULL, "example.com"));
    CHECK(!proxy_bypass("", "example.com"));
    CHECK(proxy_bypass("*", "anything.example"));
    CHECK(proxy_bypass("a.test, *", "anything.example"));
    CHECK(proxy_bypass("example.com", "example.com"));
    CHECK(proxy_bypass("example.com", "EXAMPLE.com"));
    CHECK(proxy_bypass("Example.COM", "ws.example.com"));
    CHECK(proxy_bypass(".example.com", "ws.example.com"));
    CHECK(proxy_bypass(".example.com", "example.com"));
    CHECK(proxy_bypass("example.com.", "example.com"));
    CHECK(proxy_bypass("example.com", "example.com."));
    CHECK(!proxy_bypass("example.com", "badexample.com"));
    CHECK(!proxy_bypass("ws.example.com", "example.com"));
    CHECK(!proxy_bypass("com.example", "example.com"));
    CHECK(proxy_bypass("foo,  bar.test ,example.com", "x.example.com"));
    CHECK(proxy_bypass("foo bar.test\texample.com", "x.bar.test"));
    CHECK(!proxy_bypass(",,, ,", "example.com"));
    CHECK(!proxy_bypass("*.example.com", "ws.example.com")); /* no globbing, like curl */
    CHECK(proxy_bypass("127.0.0.1", "127.0.0.1"));
    CHECK(!proxy_bypass("0.0.1", "127.0.0.1"));   /* addresses match whole */
    CHECK(!proxy_bypass(".0.0.1", "127.0.0.1"));
    CHECK(!proxy_bypass("127.0.0.1", "127.0.0.10"));
    CHECK(proxy_bypass("::1", "::1"));
    CHECK(proxy_bypass("[::1]", "::1"));
    CHECK(!proxy_bypass("::1", "::10"));
    CHECK(proxy_bypass("localhost,127.0.0.1,::1", "localhost"));
    CHECK(!proxy_bypass("localhost", "127.0.0.1")); /* names are not resolved */

    /* ---- the environment, read the way curl reads it ---- */
    {
        struct proxy_env env = env_of((const char *const[]){
            "HTTP_PROXY", "http://upper:1", "HTTPS_PROXY", "http://hs:2", "ALL_PROXY", "http://all:3",
            "NO_PROXY", "skip.test", NULL});
        CHECK(env.http_proxy == NULL); /* upper case HTTP_PROXY is never read */
        CHECK(env.https_proxy && !strcmp(env.https_proxy, "http://hs:2") && !strcmp(env.https_name, "HTTPS_PROXY"));
        CHECK(env.all_proxy && !strcmp(env.all_name, "ALL_PROXY"));
        CHECK(env.no_proxy && !strcmp(env.no_proxy, "skip.test"));
        DECIDES(NULL, &env, false, "ws.test", "all:3"); /* ws:// falls back to ALL_PROXY */
        DECIDES(NULL, &env, true, "ws.test", "hs:2");
        DECIDES(NULL, &env, true, "a.skip.test", "");
    }
    {
        struct proxy_env env = env_of((const char *const[]){
            "http_proxy", "http://plain:1", "https_proxy", "http://secure:2", "HTTPS_PROXY", "http://no:9",
            "all_proxy", "http://all:3", "ALL_PROXY", "http://no:9", "no_proxy", "low.test",
            "NO_PROXY", "up.test", NULL});
        CHECK(!strcmp(env.https_name, "https_proxy") && !strcmp(env.all_name, "all_proxy"));
        DECIDES(NULL, &env, false, "ws.test", "plain:1");
        DECIDES(NULL, &env, true, "ws.test", "secure:2");
        DECIDES(NULL, &env, true, "low.test", "");
        DECIDES(NULL, &env, true, "up.test", "secure:2"); /* no_proxy hides NO_PROXY */
        /* --proxy wins over the environment, and no_proxy still applies. */
        DECIDES("opt:4", &env, false, "ws.test", "opt:4");
        DECIDES("http://opt:4", &env, true, "ws.test", "opt:4");
        DECIDES("opt:4", &env, true, "x.low.test", "");
        DECIDES("none", &env, true, "ws.test", "");
        DECIDES("", &env, false, "ws.test", "");
    }
    {
        /* Set but empty: no proxy, no falling back to all_proxy. */
        struct proxy_env env = env_of((const char *const[]){"http_proxy", "", "all_proxy", "all:3", NULL});
        DECIDES(NULL, &env, false, "ws.test", "");
        DECIDES(NULL, &env, true, "ws.test", "all:3");
    }
    {
        struct proxy_env env = env_of((const char *const[]){NULL});
        DECIDES(NULL, &env, false, "ws.test", "");
        DECIDES(NULL, &env, true, "ws.test", "");
        DECIDES(NULL, NULL, true, "ws.test", "");
        DECIDES("p:5", NULL, true, "ws.test", "p:5");
    }
    {
        /* An invalid setting is named by where it came from, never shown. */
        struct proxy_env env = env_of((const char *const[]){"HTTPS_PROXY", "socks5://u:secret@p", NULL});
        DECIDES(NULL, &env, true, "ws.test", "invalid: HTTPS_PROXY is not a proxy URL: SOCKS");
        DECIDES("http://u:secret@p:0", &env, true, "ws.test", "invalid: --proxy is not a proxy URL: ");
        CHECK(!strstr(decide("http://u:secret@p:0", &env, true, "ws.test"), "secret"));
        DECIDES(NULL, &env, false, "ws.test", ""); /* ws:// does not look at it */
    }
    for (int e = PROXY_OK + 1; e < PROXY_ERROR_COUNT; e++)
        CHECK_MSG(seen[e], "no test gives '%s'", proxy_error_text((enum proxy_error)e));
    CHECK(proxy_error_text(PROXY_OK)[0] == '\0' && proxy_error_text(PROXY_ERROR_COUNT)[0] == '\0');
    return check_summary("proxy");
}
