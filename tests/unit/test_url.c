/* SPDX-License-Identifier: MIT */
/* url: parsing and formatting of ws:// and wss:// addresses. */
#include <string.h>

#include "check.h"
#include "url.h"

static void parses(const char *text, bool tls, const char *host, int port, const char *path)
{
    struct url u;
    char err[128] = "";
    bool ok = url_parse(text, &u, err, sizeof err);
    CHECK_MSG(ok, "%s: %s", text, err);
    if (!ok)
        return;
    CHECK_MSG(u.tls == tls, "%s: tls", text);
    CHECK_MSG(!strcmp(u.host, host), "%s: host '%s'", text, u.host);
    CHECK_MSG(u.port == port, "%s: port %d", text, u.port);
    CHECK_MSG(!strcmp(u.path, path), "%s: path '%s'", text, u.path);
}

/* The reasons rejects has seen, by code: every row of url.h's table is one
 * some text gives. */
static bool seen[URL_ERROR_COUNT];

static void rejects(const char *text, const char *why_part)
{
    struct url u;
    char err[128] = "";
    CHECK_MSG(!url_parse(text, &u, err, sizeof err), "%s should fail", text);
    CHECK_MSG(strstr(err, why_part) != NULL, "%s: '%s' lacks '%s'", text, err, why_part);
    enum url_error error = url_check(text, &u);
    CHECK_MSG(error > URL_OK && error < URL_ERROR_COUNT && !strcmp(url_error_text(error), err),
              "%s: code %d for '%s'", text, (int)error, err);
    if (error < URL_ERROR_COUNT)
        seen[error] = true;
}

static void every_reason_seen(void)
{
    for (int e = URL_OK + 1; e < URL_ERROR_COUNT; e++)
        CHECK_MSG(seen[e], "no test gives '%s'", url_error_text((enum url_error)e));
    CHECK(url_error_text(URL_OK)[0] == '\0' && url_error_text(URL_ERROR_COUNT)[0] == '\0');
    struct url u;
    CHECK(url_check("ws://host/", &u) == URL_OK);
}

static void formats(const char *text, const char *expected)
{
    struct url u;
    char err[128], out[256];
    CHECK(url_parse(text, &u, err, sizeof err));
    CHECK(url_format(&u, out, sizeof out));
    CHECK_MSG(!strcmp(out, expected), "%s formats as '%s'", text, out);
}

int main(void)
{
    parses("ws://127.0.0.1:8080/chat", false, "127.0.0.1", 8080, "/chat");
    parses("wss://ws.postman-echo.com/raw", true, "ws.postman-echo.com", 443, "/raw");
    parses("ws://example.com", false, "example.com", 80, "/");
    parses("WSS://Example.com:443", true, "Example.com", 443, "/");
    parses("ws://host?x=1&y=2", false, "host", 80, "/?x=1&y=2");
    parses("ws://host/a/b?q=%20", false, "host", 80, "/a/b?q=%20");
    parses("ws://[::1]:9000/x", false, "::1", 9000, "/x");
    parses("wss://[2001:db8::1]/", true, "2001:db8::1", 443, "/");
    parses("ws://localhost:65535", false, "localhost", 65535, "/");
    parses("ws://my_host-1.local:1/", false, "my_host-1.local", 1, "/");

    rejects("", "empty");
    rejects("http://example.com/", "ws:// or wss://");
    rejects("example.com", "ws:// or wss://");
    rejects("ws://", "no host");
    rejects("ws:///path", "no host");
    rejects("ws://host:0/", "port");
    rejects("ws://host:65536/", "port");
    rejects("ws://host:80a/", "port");
    rejects("ws://host:/", "port");
    rejects("ws://host:123456/", "port");
    rejects("ws://user:pw@host/", "user names");
    rejects("ws://host/#frag", "fragment");
    rejects("ws://ho st/", "host name");
    rejects("ws://host/a b", "escaped");
    rejects("ws://host/\x01", "escaped");
    rejects("ws://[::1/", "']'");
    rejects("ws://[zz::1]/", "IPv6");
    rejects("ws://[::1]x/", "after the IPv6");

    char long_host[400];
    memset(long_host, 'a', sizeof long_host);
    memcpy(long_host, "ws://", 5);
    long_host[sizeof long_host - 1] = '\0';
    rejects(long_host, "too long");

    /* A path of URL_PATH_MAX - 1 bytes fits u.path with its NUL; one more
     * does not, nor does a query of that length, which gains a "/". */
    static char long_path[URL_PATH_MAX + 16];
    memcpy(long_path, "ws://h/", 7);
    memset(long_path + 7, 'p', URL_PATH_MAX);
    long_path[5 + URL_PATH_MAX] = '\0';
    parses(long_path, false, "h", 80, long_path + 6);
    long_path[5 + URL_PATH_MAX] = 'p';
    long_path[6 + URL_PATH_MAX] = '\0';
    rejects(long_path, "the path is too long");
    long_path[6] = '?';
    long_path[5 + URL_PATH_MAX] = '\0';
    rejects(long_path, "the path is too long");

    formats("ws://127.0.0.1:8080/chat", "ws://127.0.0.1:8080/chat");
    formats("wss://example.com:443/x", "wss://example.com/x");
    formats("ws://example.com:80", "ws://example.com/");
    formats("wss://example.com:80", "wss://example.com:80/");
    formats("ws://[::1]:9000/x?y", "ws://[::1]:9000/x?y");

    struct url u;
    char err[64], small[8];
    CHECK(url_parse("ws://example.com/long/path", &u, err, sizeof err));
    CHECK(!url_format(&u, small, sizeof small));
    CHECK(strlen(small) == sizeof small - 1);
    every_reason_seen();
    return check_summary("url");
}
