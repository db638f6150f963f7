/* SPDX-License-Identifier: MIT */
/* compression: permessage-deflate against servers Ponte did not write
 * (python3-websockets, which compresses every message; node's ws, which
 * compresses only from 1 KiB, so small messages and its pongs come
 * uncompressed) and against Ponte's own echo server; pings while
 * compressed, context takeover on and off, a decompression bomb.
 *
 * Per libwebsockets version (pmd_available):
 *   4.3.3 and newer (Debian 13's 4.3.5): the offer reaches the server,
 *     compression is agreed and used each way (the bytes on the wire are
 *     fewer than the message's), RSV1 is seen on compressed messages only;
 *   older (Debian 12's 4.1.6): the server sees no offer at all, nothing is
 *     agreed, every message goes as it is, and all of it still works. */
#define _POSIX_C_SOURCE 200809L /* posix_spawn, pipes, mkdtemp, clock_gettime, setenv */
#define _DEFAULT_SOURCE         /* usleep, getrusage */
#include <inttypes.h>
#include <sys/resource.h>

#include "net_harness.h"
#include "pmd.h"
#include "xorshift.h"

static bool offered(void)
{
    return pmd_available(PONTE_LWS_VERSION_NUMBER, NULL, 0);
}

/* The peer's "offer ..." line: the offer on new lws, none on old. */
static void expect_offer(struct harness *h, struct peer *p)
{
    char line[256] = "";
    bool got = read_line(&p->out, line, sizeof line, now_ms() + 10000);
    const char *want = offered() ? "offer " PMD_OFFER : "offer none";
    CHECK_MSG(got && !strcmp(line, want), "[%s] the server saw \"%s\", wanted \"%s\"", h->name, line, want);
}

/* A message sent and echoed: both events say whether it went compressed
 * and how many bytes it took on the wire (*sent_wire, *received_wire). */
static void echo_facts_in(struct harness *h, uint64_t id, const char *data, size_t len, bool binary,
                          unsigned fragments, bool want_rx_compressed, uint64_t *sent_wire,
                          uint64_t *received_wire)
{
    struct net_event ev;
    CHECK(fragments > 1 ? net_send_fragments(h->net, id, data, len, binary, fragments)
                        : net_send(h->net, id, data, len, binary));
    if (!expect_event(h, NET_EVENT_SENT, EVENT_TIMEOUT_MS, &ev, "send"))
        return;
    /* A message whose first frame is empty goes uncompressed (extension.c:
     * lws 4.3.5 aborts on an empty one after another, and RSV1 would be
     * missing on a fragmented one). */
    size_t first = fragments > 1 ? len / fragments : len;
    CHECK_MSG(ev.compressed == (offered() && first > 0), "[%s] message %" PRIu64 " (%zu bytes) sent compressed %d",
              h->name, id, len, ev.compressed);
    *sent_wire = ev.compressed ? ev.wire_len : len;
    net_event_free(&ev);
    if (!wait_event(h, NET_EVENT_RECEIVED, EVENT_TIMEOUT_MS, &ev, NULL, "echo"))
        return;
    CHECK_MSG(ev.len == len && ev.binary == binary && (!len || (ev.data && !memcmp(ev.data, data, len))),
              "[%s] message %" PRIu64 ": echo of %zu bytes, wanted %zu", h->name, id, ev.len, len);
    CHECK_MSG(ev.compressed == want_rx_compressed, "[%s] message %" PRIu64 " (%zu bytes) received compressed %d",
              h->name, id, len, ev.compressed);
    CHECK_MSG(ev.compressed || ev.wire_len == len, "[%s] uncompressed, yet %" PRIu64 " bytes on the wire", h->name,
              ev.wire_len);
    *received_wire = ev.wire_len;
    net_event_free(&ev);
}

static void echo_facts(struct harness *h, uint64_t id, const char *data, size_t len, bool binary,
                       bool want_rx_compressed, uint64_t *sent_wire, uint64_t *received_wire)
{
    echo_facts_in(h, id, data, len, binary, 1, want_rx_compressed, sent_wire, received_wire);
}

/* Text that deflate shrinks well. */
static char *big_text(size_t len)
{
    char *text = malloc(len);
    for (size_t i = 0; text && i < len; i++)
        text[i] = "the bridge over the river "[i % 26];
    return text;
}

/* Letters at random, which deflate shrinks only to about 60%: a repeat
 * that refers back to them (context takeover) is what makes it small. */
static char *random_text(size_t len, uint32_t x)
{
    char *text = malloc(len);
    for (size_t i = 0; text && i < len; i++)
        text[i] = (char)('a' + xorshift32(&x) % 26);
    return text;
}

/* Empty text and binary messages, first on the connection and after
 * others, with a message in fragments whose first one is empty, then a
 * 16 KiB message twice: all must come back as sent (lws 4.3.5 aborted on an
 * empty message after another, and Ponte now sends them uncompressed), and
 * context takeover must still hold after them (the repeat takes a few
 * bytes) or, without it, still be off (as many as the first). The server
 * compresses what it sends from rx_min bytes on (python 0: all, even empty
 * ones; node 1 KiB; Ponte's echo 1: all but empty ones, and it echoes
 * fragments as they come, so a first fragment that is empty too). Call it
 * first on a connection. */
static void empty_messages(struct harness *h, size_t rx_min, bool client_takeover)
{
    uint64_t sent = 0, received = 0, sent1 = 0, sent2 = 0, rx1 = 0, rx2 = 0;
    echo_facts(h, 101, "", 0, false, offered() && rx_min == 0, &sent, &received);
    echo_facts(h, 102, "", 0, true, offered() && rx_min == 0, &sent, &received);
    echo_facts(h, 103, "hello", 5, false, offered() && rx_min <= 5, &sent, &received);
    echo_facts(h, 104, "", 0, false, offered() && rx_min == 0, &sent, &received);
    echo_facts(h, 105, "", 0, true, offered() && rx_min == 0, &sent, &received);
    echo_facts(h, 106, "", 0, true, offered() && rx_min == 0, &sent, &received);
    /* 2 bytes in 3 frames: the first is empty; then 0 bytes in 3. */
    echo_facts_in(h, 107, "ab", 2, false, 3, offered() && rx_min == 0, &sent, &received);
    echo_facts_in(h, 108, "", 0, true, 3, offered() && rx_min == 0, &sent, &received);
    size_t len = 16 << 10;
    char *text = random_text(len, 88172645u); /* not python_case's text */
    echo_facts(h, 109, text, len, false, offered(), &sent1, &rx1);
    echo_facts(h, 110, "", 0, false, offered() && rx_min == 0, &sent, &received);
    echo_facts(h, 111, text, len, true, offered(), &sent2, &rx2);
    echo_facts(h, 112, "", 0, false, offered() && rx_min == 0, &sent, &received);
    free(text);
    fprintf(stderr, "  [%s] empty messages, then 16 KiB twice: %" PRIu64 " and %" PRIu64 " bytes sent\n", h->name,
            sent1, sent2);
    if (!offered())
        CHECK(sent1 == len && sent2 == len && rx1 == len && rx2 == len);
    else if (client_takeover)
        CHECK_MSG(sent1 < len && sent2 < sent1 / 10, "[%s] with takeover, after empty messages: %" PRIu64
                  " then %" PRIu64, h->name, sent1, sent2);
    else
        CHECK_MSG(sent1 < len && sent2 == sent1, "[%s] without takeover, after empty messages: %" PRIu64
                  " then %" PRIu64, h->name, sent1, sent2);
}

static void check_agreed(struct harness *h, const struct net_event *ev, int client_bits, int server_bits,
                         bool client_no_takeover, bool server_no_takeover)
{
    const struct pmd_agreed *z = ev->connected ? &ev->connected->compression : NULL;
    CHECK_MSG(z && z->on == offered(), "[%s] agreed: %d", h->name, z ? z->on : -1);
    if (!z || !offered())
        return;
    CHECK_MSG(z->client_window_bits == client_bits && z->server_window_bits == server_bits &&
                  z->client_no_takeover == client_no_takeover && z->server_no_takeover == server_no_takeover,
              "[%s] agreed windows %d/%d, no takeover %d/%d", h->name, z->client_window_bits, z->server_window_bits,
              z->client_no_takeover, z->server_no_takeover);
}

/* python3-websockets: every message compressed both ways; context
 * takeover on or off; the same big message twice. With takeover the second
 * refers back to the first and takes a few bytes; without, as many as the
 * first. */
static void python_case(bool no_takeover)
{
    struct harness h;
    struct peer p;
    const char *const args[] = {"--mode", "echo", no_takeover ? "--no-takeover" : NULL, NULL};
    if (!peer_spawn(&p, getenv("PONTE_PMD_PEER"), args, 0))
        return;
    char url[64];
    peer_url(&p, false, url, sizeof url);
    struct net_event ev;
    if (harness_start(&h, no_takeover ? "python, no takeover" : "python", (struct net_config){.url = url}) &&
        expect_connected_event(&h, false, &ev)) {
        expect_offer(&h, &p);
        check_agreed(&h, &ev, 15, 15, no_takeover, no_takeover);
        net_event_free(&ev);
        empty_messages(&h, 0, !no_takeover);
        size_t len = 16 << 10;
        char *text = random_text(len, 2463534242u);
        uint64_t sent1 = 0, rx1 = 0, sent2 = 0, rx2 = 0, sent3 = 0, rx3 = 0;
        echo_facts(&h, 1, "hello", 5, false, offered(), &sent1, &rx1);
        echo_facts(&h, 2, text, len, false, offered(), &sent2, &rx2);
        echo_facts(&h, 3, text, len, true, offered(), &sent3, &rx3);
        fprintf(stderr, "  [%s] 16 KiB: wire %" PRIu64 " and %" PRIu64 " sent, %" PRIu64 " and %" PRIu64
                        " received\n", h.name, sent2, sent3, rx2, rx3);
        if (offered()) {
            CHECK_MSG(sent2 > len / 2 && sent2 < len && rx2 > len / 2 && rx2 < len, "[%s] 16 KiB took %" PRIu64
                      " / %" PRIu64 " bytes", h.name, sent2, rx2);
            if (no_takeover)
                CHECK_MSG(sent3 == sent2 && rx3 == rx2, "[%s] without takeover the same message took other sizes",
                          h.name);
            else
                CHECK_MSG(sent3 < sent2 / 10 && rx3 < rx2 / 10, "[%s] with takeover the repeat was not smaller",
                          h.name);
        } else {
            CHECK(sent2 == len && rx2 == len && sent3 == len && rx3 == len);
        }
        free(text);
        expect_client_close(&h);
        harness_stop(&h);
    }
    peer_stop(&p);
}

static void python_takeover(void)
{
    python_case(false);
}

static void python_no_takeover(void)
{
    python_case(true);
}

/* Pings every second while messages go both ways: the pongs are control
 * frames on a compressed connection (lws before 4.3.3 looped on them). */
static void pings_while_compressed(void)
{
    struct harness h;
    struct peer p;
    if (!peer_spawn(&p, getenv("PONTE_PMD_PEER"), (const char *const[]){"--mode", "echo", NULL}, 0))
        return;
    char url[64];
    peer_url(&p, false, url, sizeof url);
    if (harness_start(&h, "pings", (struct net_config){.url = url, .ping_interval_s = 1}) &&
        expect_connected(&h, false)) {
        expect_offer(&h, &p);
        int pongs = 0;
        uint64_t id = 1, sent = 0, received = 0;
        int64_t end = now_ms() + 3500;
        while (now_ms() < end) {
            echo_facts(&h, id++, "ping pong", 9, false, offered(), &sent, &received);
            struct net_event ev;
            while (next_event(&h, now_ms() + 100, &ev)) {
                pongs += ev.kind == NET_EVENT_PONG;
                net_event_free(&ev);
            }
        }
        CHECK_MSG(pongs >= 2, "[%s] %d pongs in 3.5 s", h.name, pongs);
        expect_client_close(&h);
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* node's ws: 100 bytes come back uncompressed, 4 KiB compressed, on the
 * same connection; its pongs are uncompressed control frames. */
static void node_ws(void)
{
    struct harness h;
    struct peer p;
    const char *node = getenv("PONTE_NODE");
    CHECK_MSG(node && *node, "[node ws] no node (apt-get install nodejs node-ws)");
    if (!node || !*node || !peer_spawn_program(&p, node, getenv("PONTE_NODE_PEER"), NULL, 0))
        return;
    char url[64];
    peer_url(&p, false, url, sizeof url);
    struct net_event ev;
    if (harness_start(&h, "node ws", (struct net_config){.url = url, .ping_interval_s = 1}) &&
        expect_connected_event(&h, false, &ev)) {
        expect_offer(&h, &p);
        check_agreed(&h, &ev, 15, 15, false, true);
        net_event_free(&ev);
        empty_messages(&h, 1024, true);
        char *text = big_text(4096);
        uint64_t sent = 0, received = 0;
        for (int round = 0; round < 3; round++) {
            echo_facts(&h, 10 * (uint64_t)round + 1, text, 100, false, false, &sent, &received);
            echo_facts(&h, 10 * (uint64_t)round + 2, text, 4096, true, offered(), &sent, &received);
            CHECK_MSG(offered() ? received < 1024 : received == 4096, "[%s] 4 KiB took %" PRIu64, h.name, received);
        }
        free(text);
        CHECK(wait_event(&h, NET_EVENT_PONG, 5000, &ev, NULL, "a pong"));
        expect_client_close(&h);
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* Ponte's own echo server agrees to compression too (where offered). */
static void own_echo(void)
{
    struct harness h;
    struct net_event ev;
    if (!harness_start(&h, "own echo", (struct net_config){.local_echo = true}) ||
        !expect_connected_event(&h, true, &ev))
        return;
    check_agreed(&h, &ev, 15, 15, false, false);
    net_event_free(&ev);
    empty_messages(&h, 1, true);
    char *text = big_text(200 << 10);
    uint64_t sent = 0, received = 0;
    echo_facts(&h, 1, "hi", 2, false, offered(), &sent, &received);
    echo_facts(&h, 2, text, 200 << 10, false, offered(), &sent, &received);
    CHECK_MSG(offered() ? sent < 20 << 10 && received < 20 << 10 : sent == received, "[%s] 200 KiB: %" PRIu64
              " sent, %" PRIu64 " received", h.name, sent, received);
    free(text);
    expect_client_close(&h);
    harness_stop(&h);
}

/* A 64 KiB compressed frame that inflates to 64 MiB, against a 1 MiB cap:
 * refused with 1009, and the process never held much more than the cap. */
static void bomb(void)
{
    struct harness h;
    struct peer p;
    if (!peer_spawn(&p, getenv("PONTE_PMD_PEER"), (const char *const[]){"--mode", "bomb", NULL}, 0))
        return;
    char url[64];
    peer_url(&p, false, url, sizeof url);
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    struct net_event ev;
    if (harness_start(&h, "bomb", (struct net_config){.url = url, .max_message = 1 << 20}) &&
        expect_connected(&h, false)) {
        expect_offer(&h, &p);
        if (wait_event(&h, NET_EVENT_CLOSED, EVENT_TIMEOUT_MS, &ev, NULL, "the bomb")) {
            CHECK_MSG(ev.code == 1009 && ev.closer == NET_CLOSER_CLIENT && ev.error == NET_ERROR_TOO_BIG,
                      "[%s] closed %d by %d (%s)", h.name, ev.code, ev.closer, net_error_text(ev.error));
            net_event_free(&ev);
        }
        char line[64] = "";
        CHECK(read_line(&p.out, line, sizeof line, now_ms() + 10000) && !strcmp(line, "closed 1009"));
        harness_stop(&h);
    }
    getrusage(RUSAGE_SELF, &after);
    long grew_kib = after.ru_maxrss - before.ru_maxrss;
    fprintf(stderr, "  [bomb] peak memory grew by %ld KiB\n", grew_kib);
    CHECK_MSG(grew_kib < 16 << 10, "[bomb] the peak grew by %ld KiB", grew_kib);
    peer_stop(&p);
}

int main(void)
{
    fprintf(stderr, "libwebsockets %lu: compression %s\n", (unsigned long)PONTE_LWS_VERSION_NUMBER,
            offered() ? "offered" : "not offered");
    setenv("NODE_PATH", "/usr/share/nodejs", 0);
    /* The bomb first: the peak memory it measures is the process's. */
    static const struct net_case cases[] = {
        {"bomb", bomb},
        {"python", python_takeover},
        {"python_no_takeover", python_no_takeover},
        {"pings", pings_while_compressed},
        {"node_ws", node_ws},
        {"own_echo", own_echo},
    };
    run_cases(cases, sizeof cases / sizeof cases[0], "PONTE_COMPRESSION_CASE");
    return check_summary("compression");
}
