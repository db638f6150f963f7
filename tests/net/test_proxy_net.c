/* SPDX-License-Identifier: MIT */
/* test_proxy_net: connecting through an HTTP proxy (CONNECT), for real, on
 * 127.0.0.1: tests/net/peers/proxy.py is the proxy, tests/net/peers/ws_peer.py the
 * server behind it.
 *
 * The proxy prints one line per CONNECT it got and, when the test closes
 * its stdin, how many there were: a case asserts that the connection really
 * went through it (or, for no_proxy, that it did not).
 *
 * Environment: as test_net (PONTE_PYTHON, PONTE_PEER) and PONTE_PROXY_PEER
 * (default tests/net/peers/proxy.py); PONTE_PROXY_ONLY runs one case by name. */
#define _POSIX_C_SOURCE 200809L /* posix_spawn, pipes, mkdtemp, clock_gettime */
#define _DEFAULT_SOURCE         /* usleep */

#include "net_harness.h"
#include "transcript.h"

static const char *proxy_peer_path(void)
{
    const char *p = getenv("PONTE_PROXY_PEER");
    return p && *p ? p : "tests/net/peers/proxy.py";
}

/* ---- the proxy ------------------------------------------------------------------ */

/* Starts proxy.py with up to 4 more arguments (NULL-terminated list, or
 * NULL) and reads its port. */
static bool proxy_start(struct peer *p, const char *const more[])
{
    return peer_spawn(p, proxy_peer_path(), more, 0);
}

/* Stops the proxy and collects what it printed (its CONNECT lines and the
 * count) into log. Returns the count, -1 when it printed none. */
static int proxy_stop(struct peer *p, char *log, size_t cap)
{
    close(p->to_peer);
    p->to_peer = -1;
    size_t used = 0;
    int count = -1;
    char line[512];
    log[0] = '\0';
    while (read_line(&p->out, line, sizeof line, now_ms() + 10000)) {
        int n = snprintf(log + used, cap - used, "%s\n", line);
        if (n > 0 && (size_t)n < cap - used)
            used += (size_t)n;
        if (!strncmp(line, "connects ", 9)) {
            count = atoi(line + 9);
            break;
        }
    }
    close(p->out.fd);
    reap(p->pid, now_ms() + 5000);
    p->pid = 0;
    return count;
}

static void proxy_url(const struct peer *proxy, const char *credentials, char *out, size_t cap)
{
    snprintf(out, cap, "http://%s%s127.0.0.1:%d", credentials ? credentials : "", credentials ? "@" : "",
             proxy->port);
}

/* An echo server and a proxy in front of it (more: the proxy's options);
 * url is the server's ws:// URL. False, with neither left running, when
 * one does not start. */
static bool start_pair(struct peer *server, struct peer *proxy, const char *const more[], char *url, size_t cap)
{
    if (!peer_start(server, "echo", NULL, NULL))
        return false;
    if (!proxy_start(proxy, more)) {
        peer_stop(server);
        return false;
    }
    peer_url(server, false, url, cap);
    return true;
}

/* ---- helpers -------------------------------------------------------------------- */

/* CONNECTING, CONNECTED (which names the proxy, or none), one echo, a
 * clean close. */
static bool expect_session(struct harness *h, const struct peer *proxy, bool tls)
{
    struct net_event ev;
    if (!expect_connected_event(h, false, &ev))
        return false;
    const struct net_connected *c = ev.connected;
    char want[32] = "";
    if (proxy)
        snprintf(want, sizeof want, "127.0.0.1:%d", proxy->port);
    CHECK_MSG(c && !strcmp(c->proxy, want), "[%s] CONNECTED names the proxy \"%s\", wanted \"%s\"", h->name,
              c ? c->proxy : "(nothing)", want);
    CHECK_MSG(c && (tls ? !strncmp(c->tls_version, "TLSv1.", 6) && c->tls_cipher[0]
                        : !c->tls_version[0] && !c->tls_cipher[0]),
              "[%s] CONNECTED names TLS \"%s\" \"%s\"", h->name, c ? c->tls_version : "(nothing)",
              c ? c->tls_cipher : "");
    net_event_free(&ev);
    bool ok = echo_once(h, 1, "through the proxy", 17, false, "echo") &&
              echo_once(h, 2, "\x00\x01\x02", 3, true, "binary echo");
    expect_client_close(h);
    return ok;
}

/* The attempt ends in FAILED with this error and a detail holding words
 * (NULL-terminated), with only CONNECTING before it. */
static void expect_failure(struct harness *h, enum net_error error, const char *const words[])
{
    struct net_event ev;
    unsigned seen = 0;
    if (!wait_event(h, NET_EVENT_FAILED, EVENT_TIMEOUT_MS, &ev, &seen, "connect"))
        return;
    const char *detail = ev.data ? ev.data : "";
    fprintf(stderr, "  [%s] FAILED: %s: \"%s\"\n", h->name, net_error_text(ev.error), detail);
    CHECK_MSG(ev.error == error, "[%s] error \"%s\", wanted \"%s\" (detail \"%s\")", h->name,
              net_error_text(ev.error), net_error_text(error), detail);
    for (size_t i = 0; words && words[i]; i++)
        CHECK_MSG(strstr(detail, words[i]) != NULL, "[%s] the detail \"%s\" does not say \"%s\"",
                  h->name, detail, words[i]);
    CHECK_MSG(!strstr(detail, "secret"), "[%s] the detail \"%s\" shows the password", h->name, detail);
    CHECK_MSG(seen == 1u << NET_EVENT_CONNECTING, "[%s] events before FAILED: mask %#x", h->name, seen);
    net_event_free(&ev);
}

/* The proxy's log: count CONNECTs, each line holding want (when given). */
static void expect_proxy_log(const char *name, struct peer *proxy, int count, const char *want)
{
    char log[4096];
    int got = proxy_stop(proxy, log, sizeof log);
    CHECK_MSG(got == count, "[%s] the proxy got %d CONNECTs, wanted %d; its log:\n%s", name, got, count,
              log);
    if (want)
        CHECK_MSG(strstr(log, want) != NULL, "[%s] the proxy log lacks \"%s\":\n%s", name, want, log);
}

static bool read_file(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(out, 1, cap - 1, f);
    out[n] = '\0';
    fclose(f);
    return true;
}

/* ---- the cases ---------------------------------------------------------------------- */

/* ws:// through --proxy: the echo works and the proxy saw the CONNECT. */
static void test_ws_through_proxy(void)
{
    struct peer server, proxy;
    char url[64], purl[64], want[64];
    if (!start_pair(&server, &proxy, NULL, url, sizeof url))
        return;
    proxy_url(&proxy, NULL, purl, sizeof purl);
    struct harness h;
    if (harness_start(&h, "ws through --proxy", (struct net_config){.url = url, .proxy = purl})) {
        expect_session(&h, &proxy, false);
        harness_stop(&h);
    }
    snprintf(want, sizeof want, "CONNECT 127.0.0.1:%d auth=none -> 200", server.port);
    expect_proxy_log("ws through --proxy", &proxy, 1, want);
    peer_stop(&server);
}

/* ws:// through http_proxy from the environment (no_proxy names others). */
static void test_ws_through_env(void)
{
    struct peer server, proxy;
    char url[64], purl[64];
    if (!start_pair(&server, &proxy, NULL, url, sizeof url))
        return;
    proxy_url(&proxy, NULL, purl, sizeof purl);
    /* https_proxy is for wss:// only: a broken one must not matter here. */
    struct proxy_env env = {.http_proxy = purl, .https_proxy = "socks5://nowhere", .https_name = "https_proxy",
                            .no_proxy = "localhost, .example.com, 10.0.0.1"};
    struct harness h;
    if (harness_start(&h, "ws through http_proxy", (struct net_config){.url = url, .proxy_env = &env})) {
        expect_session(&h, &proxy, false);
        harness_stop(&h);
    }
    expect_proxy_log("ws through http_proxy", &proxy, 1, NULL);
    peer_stop(&server);
}

/* no_proxy naming the host, and --proxy none: straight to the server. */
static void test_bypass(void)
{
    struct peer server, proxy;
    char url[64], purl[64];
    if (!start_pair(&server, &proxy, NULL, url, sizeof url))
        return;
    proxy_url(&proxy, NULL, purl, sizeof purl);
    struct proxy_env env = {.http_proxy = purl, .all_proxy = purl, .all_name = "all_proxy",
                            .no_proxy = "example.com,127.0.0.1"};
    struct harness h;
    if (harness_start(&h, "no_proxy", (struct net_config){.url = url, .proxy_env = &env})) {
        expect_session(&h, NULL, false);
        harness_stop(&h);
    }
    /* no_proxy applies to --proxy as well (curl's way). */
    if (harness_start(&h, "no_proxy with --proxy", (struct net_config){.url = url, .proxy = purl, .proxy_env = &env})) {
        expect_session(&h, NULL, false);
        harness_stop(&h);
    }
    /* lws 4.1.6 reads http_proxy itself when a vhost is made, unless told
     * a proxy: Ponte's own choice (none here) must win. */
    setenv("http_proxy", purl, 1);
    if (harness_start(&h, "lws does not read http_proxy", (struct net_config){.url = url})) {
        expect_session(&h, NULL, false);
        harness_stop(&h);
    }
    if (harness_start(&h, "built-in echo, http_proxy set", (struct net_config){.local_echo = true, .proxy = purl})) {
        if (expect_connected(&h, true))
            echo_once(&h, 1, "direct", 6, false, "echo");
        harness_stop(&h);
    }
    unsetenv("http_proxy");
    env.no_proxy = NULL;
    if (harness_start(&h, "--proxy none", (struct net_config){.url = url, .proxy = "none", .proxy_env = &env})) {
        expect_session(&h, NULL, false);
        harness_stop(&h);
    }
    expect_proxy_log("bypass", &proxy, 0, NULL);
    peer_stop(&server);
}

/* Basic credentials: the proxy lets the right ones through; the transcript
 * names the proxy and never holds them. */
static void test_credentials(void)
{
    struct peer server, proxy;
    const char *const more[] = {"--auth", "ponte:sec@ret:1", NULL};
    char dir[256], path[512], url[64], purl[96], want[64];
    if (!start_pair(&server, &proxy, more, url, sizeof url))
        return;
    if (!make_temp_dir(dir, sizeof dir)) {
        proxy_stop(&proxy, path, sizeof path);
        peer_stop(&server);
        return;
    }
    snprintf(path, sizeof path, "%s/transcript.jsonl", dir);
    proxy_url(&proxy, "ponte:sec%40ret:1", purl, sizeof purl); /* '@' escaped, ':' as is */
    char err[256];
    struct transcript *t = transcript_open(path, err, sizeof err);
    CHECK_MSG(t != NULL, "transcript_open: %s", err);
    struct harness h;
    if (t && harness_start(&h, "credentials", (struct net_config){.url = url, .proxy = purl, .transcript = t})) {
        expect_session(&h, &proxy, false);
        harness_stop(&h);
    } else if (t) {
        transcript_close(t);
    }
    snprintf(want, sizeof want, "CONNECT 127.0.0.1:%d auth=ok -> 200", server.port);
    expect_proxy_log("credentials", &proxy, 1, want);

    char text[16384];
    CHECK_MSG(read_file(path, text, sizeof text), "cannot read %s", path);
    snprintf(want, sizeof want, "\"proxy\":\"127.0.0.1:%d\"", proxy.port);
    CHECK_MSG(strstr(text, want) != NULL, "[credentials] the transcript does not name the proxy:\n%s", text);
    /* Neither the password, nor the pair in base64, nor the user name. */
    CHECK_MSG(!strstr(text, "sec@ret") && !strstr(text, "sec%40ret") && !strstr(text, "cG9udGU6") &&
                  !strstr(text, "ponte:"),
              "[credentials] the transcript holds the credentials:\n%s", text);
    static const char *const files[] = {"transcript.jsonl"};
    remove_in(dir, files, 1);
    peer_stop(&server);
}

/* The proxy wants credentials (none given; wrong ones): 407, named. */
static void test_407(void)
{
    struct peer server, proxy;
    const char *const more[] = {"--auth", "ponte:right", NULL};
    char url[64], purl[96];
    if (!start_pair(&server, &proxy, more, url, sizeof url))
        return;
    static const char *const words[] = {"the proxy answered 407 Proxy Authentication Required", NULL};
    struct harness h;
    proxy_url(&proxy, NULL, purl, sizeof purl);
    if (harness_start(&h, "407 without credentials", (struct net_config){.url = url, .proxy = purl})) {
        expect_failure(&h, NET_ERROR_PROXY_DENIED, words);
        harness_stop(&h);
    }
    proxy_url(&proxy, "ponte:secret", purl, sizeof purl);
    if (harness_start(&h, "407 with wrong credentials", (struct net_config){.url = url, .proxy = purl})) {
        expect_failure(&h, NET_ERROR_PROXY_DENIED, words);
        harness_stop(&h);
    }
    /* Each refused attempt is asked once more, to learn why (see start_probe). */
    expect_proxy_log("407", &proxy, 4, "auth=wrong -> 407");
    peer_stop(&server);
}

/* A proxy that forbids, one that hangs up, one that is not there. */
static void test_refusals(void)
{
    char url[64], purl[96], detail[64];
    struct peer server, proxy;
    if (!peer_start(&server, "echo", NULL, NULL))
        return;
    peer_url(&server, false, url, sizeof url);
    struct harness h;

    const char *const forbid[] = {"--mode", "forbid", NULL};
    if (proxy_start(&proxy, forbid)) {
        proxy_url(&proxy, NULL, purl, sizeof purl);
        static const char *const words[] = {"the proxy answered 403 Forbidden", NULL};
        if (harness_start(&h, "403", (struct net_config){.url = url, .proxy = purl})) {
            expect_failure(&h, NET_ERROR_PROXY_DENIED, words);
            harness_stop(&h);
        }
        expect_proxy_log("403", &proxy, 2, NULL);
    }

    const char *const hangup[] = {"--mode", "hangup", NULL};
    if (proxy_start(&proxy, hangup)) {
        proxy_url(&proxy, NULL, purl, sizeof purl);
        snprintf(detail, sizeof detail, "the proxy 127.0.0.1:%d closed the connection", proxy.port);
        const char *const words[] = {detail, NULL};
        if (harness_start(&h, "hang-up", (struct net_config){.url = url, .proxy = purl})) {
            expect_failure(&h, NET_ERROR_PROXY_DENIED, words);
            harness_stop(&h);
        }
        expect_proxy_log("hang-up", &proxy, 2, NULL);
    }

    int port = free_port();
    snprintf(purl, sizeof purl, "http://127.0.0.1:%d", port);
    snprintf(detail, sizeof detail, "127.0.0.1:%d", port);
    const char *const words[] = {detail, NULL};
    if (harness_start(&h, "refused", (struct net_config){.url = url, .proxy = purl})) {
        expect_failure(&h, NET_ERROR_PROXY_REFUSED, words);
        harness_stop(&h);
    }

    /* A proxy setting that is not a proxy URL: named with where it came from. */
    struct proxy_env env = {.http_proxy = "socks5://127.0.0.1:1080"};
    static const char *const invalid[] = {"http_proxy is not a proxy URL", "SOCKS", NULL};
    if (harness_start(&h, "invalid http_proxy", (struct net_config){.url = url, .proxy_env = &env})) {
        expect_failure(&h, NET_ERROR_OTHER, invalid);
        harness_stop(&h);
    }
    peer_stop(&server);
}

/* ---- wss:// through the proxy, certificates made here ------------------------------ */

static void test_wss(void)
{
    char dir[256], ca[512], key[512], cert[512];
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(ca, sizeof ca, "%s/ca.pem", dir);
    snprintf(key, sizeof key, "%s/server.key", dir);
    snprintf(cert, sizeof cert, "%s/server.pem", dir);
    bool ok = harness_make_certificates(dir);
    struct peer server, proxy;
    if (ok && peer_start(&server, "echo", cert, key)) {
        if (proxy_start(&proxy, NULL)) {
            char url[64], purl[64], want[64];
            peer_url(&server, true, url, sizeof url);
            proxy_url(&proxy, NULL, purl, sizeof purl);
            /* https_proxy (upper case here) for wss://; http_proxy, which
             * points nowhere, must not be used. */
            struct proxy_env env = {.http_proxy = "http://127.0.0.1:1", .https_proxy = purl,
                                    .https_name = "HTTPS_PROXY"};
            struct harness h;
            if (harness_start(&h, "wss through HTTPS_PROXY",
                              (struct net_config){.url = url, .ca_file = ca, .proxy_env = &env})) {
                expect_session(&h, &proxy, true);
                harness_stop(&h);
            }
            snprintf(want, sizeof want, "CONNECT 127.0.0.1:%d auth=none -> 200", server.port);
            expect_proxy_log("wss through HTTPS_PROXY", &proxy, 1, want);
        }
        peer_stop(&server);
    }
    remove_in(dir, harness_tls_files, sizeof harness_tls_files / sizeof harness_tls_files[0]);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    static const struct net_case tests[] = {
        {"ws", test_ws_through_proxy},
        {"env", test_ws_through_env},
        {"bypass", test_bypass},
        {"credentials", test_credentials},
        {"407", test_407},
        {"refusals", test_refusals},
        {"wss", test_wss},
    };
    run_cases(tests, sizeof tests / sizeof tests[0], "PONTE_PROXY_ONLY");
    return check_summary("proxy_net");
}
