/* SPDX-License-Identifier: MIT */
/* test_net: the network worker driven the way the UI thread drives it, over
 * real sockets on 127.0.0.1: against the built-in echo server, and against
 * tests/net/peers/ws_peer.py (Python's websockets), a peer nobody here wrote.
 *
 * The test thread plays the UI (tests/net/net_harness.h): config.wake signals a
 * condition variable, the test sleeps on it until events arrive and drains
 * them with net_poll. Every wait has a deadline, so a lost event fails with a
 * message instead of hanging. Peers, openssl and the JSON check run as child
 * processes.
 *
 * Environment: PONTE_PYTHON (default /usr/bin/python3) and PONTE_PEER
 * (default tests/net/peers/ws_peer.py, relative to the working directory). */
#define _POSIX_C_SOURCE 200809L /* posix_spawn, pipes, mkdtemp, clock_gettime */
#define _DEFAULT_SOURCE         /* usleep */

#include "binenc.h"
#include "net_harness.h"
#include "transcript.h"
#include "xorshift.h"

#define MIB ((size_t)1 << 20)
#define ROUND_TRIP_COUNT 1000
#define BACKPRESSURE_COUNT 5000

/* ---- messages -------------------------------------------------------------- */

struct message {
    uint64_t id;
    bool binary;
    size_t len;
    char *data;
};

/* Text: a header that makes it unique ("#17/65536:"), then a deterministic
 * mix of 1- to 4-byte characters, so that multi-byte characters straddle
 * frame boundaries; exactly len bytes of valid UTF-8. Messages too short for
 * the header get ASCII derived from the index. Binary: every byte value. */
static void make_message(struct message *m, unsigned index, size_t len, bool binary)
{
    static const char *const pieces[] = {
        "a", "Z", "0", " ", "~",                          /* 1 byte */
        "\xC3\xA9", "\xC3\x9F", "\xCE\xA9",                 /* 2 bytes */
        "\xE2\x82\xAC", "\xE2\x9C\x93", "\xE4\xB8\xAD",     /* 3 bytes */
        "\xF0\x9F\x98\x80", "\xF0\x9F\x8E\x89",             /* 4 bytes */
    };
    m->id = (uint64_t)index + 1;
    m->binary = binary;
    m->len = len;
    m->data = malloc(len ? len : 1);
    if (!m->data) {
        fprintf(stderr, "test_net: out of memory\n");
        exit(2);
    }
    if (binary) {
        for (size_t k = 0; k < len; k++)
            m->data[k] = (char)(unsigned char)(k * 31 + index * 7);
        return;
    }
    char header[32];
    int header_len = snprintf(header, sizeof header, "#%u/%zu:", index, len);
    size_t at = 0;
    if ((size_t)header_len <= len) {
        memcpy(m->data, header, (size_t)header_len);
        at = (size_t)header_len;
        uint32_t rng = 0x9E3779B9u ^ (index * 2654435761u);
        while (at < len) {
            const char *piece = pieces[xorshift32(&rng) % (sizeof pieces / sizeof pieces[0])];
            size_t n = strlen(piece);
            if (n > len - at)
                break;
            memcpy(m->data + at, piece, n);
            at += n;
        }
    }
    for (size_t k = 0; at < len; at++, k++)
        m->data[at] = (char)('A' + (index + k) % 26);
}

/* 1,000 messages: the frame-length edges first (7-bit, 16-bit and 64-bit
 * lengths on both sides of each limit, one write chunk and a MiB), then
 * sizes spread evenly over the powers of two up to 1 MiB. Every seventh
 * (from the 126-byte one) is binary, and so is the 65535-byte one. */
static struct message *make_round_trip_messages(unsigned count)
{
    static const size_t edges[] = {1, 2, 125, 126, 127, 65535, 65536, 65537, MIB};
    struct message *msgs = calloc(count, sizeof *msgs);
    if (!msgs) {
        fprintf(stderr, "test_net: out of memory\n");
        exit(2);
    }
    uint32_t rng = 12345;
    for (unsigned i = 0; i < count; i++) {
        size_t len;
        if (i < sizeof edges / sizeof edges[0])
            len = edges[i];
        else if (i == count / 2 || i == count - 1)
            len = MIB;
        else {
            unsigned bits = xorshift32(&rng) % 20; /* 1 B .. 1 MiB */
            len = ((size_t)1 << bits) + xorshift32(&rng) % ((size_t)1 << bits);
            if (len > MIB)
                len = MIB;
        }
        make_message(&msgs[i], i, len, i % 7 == 3 || i == 5);
    }
    return msgs;
}

static void free_messages(struct message *msgs, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        free(msgs[i].data);
    free(msgs);
}

/* Sends msgs with at most `window` unanswered, and checks that every one
 * comes back RECEIVED in order and byte for byte, each after its SENT (which
 * also arrive in order), and that nothing else happens meanwhile. */
static void round_trip(struct harness *h, const struct message *msgs, unsigned count,
                       unsigned window)
{
    unsigned sent = 0, sent_events = 0, received = 0, failures = 0;
    size_t bytes = 0;
    int64_t start = now_ms();
    char text[256];
    while (received < count && failures < 5) {
        while (sent < count && sent - received < window) {
            const struct message *m = &msgs[sent];
            CHECK_MSG(net_send(h->net, m->id, m->data, m->len, m->binary),
                      "[%s] net_send %u failed", h->name, sent);
            sent++;
        }
        struct net_event ev;
        if (!next_event(h, now_ms() + EVENT_TIMEOUT_MS, &ev)) {
            CHECK_MSG(false, "[%s] round trip stalled: %u sent, %u SENT, %u received", h->name,
                      sent, sent_events, received);
            break;
        }
        if (ev.kind == NET_EVENT_SENT) {
            bool in_order = sent_events < sent && ev.id == msgs[sent_events].id;
            CHECK_MSG(in_order, "[%s] SENT id %" PRIu64 ", wanted %" PRIu64, h->name, ev.id,
                      sent_events < count ? msgs[sent_events].id : 0);
            failures += !in_order;
            sent_events++;
        } else if (ev.kind == NET_EVENT_RECEIVED) {
            const struct message *m = &msgs[received];
            bool same = ev.len == m->len && ev.binary == m->binary && ev.data &&
                        memcmp(ev.data, m->data, m->len) == 0 && ev.data[m->len] == '\0';
            CHECK_MSG(same, "[%s] message %u (len %zu binary %d) came back as len %zu binary %d%s",
                      h->name, received, m->len, m->binary, ev.len, ev.binary,
                      ev.len == m->len ? " with different bytes" : "");
            CHECK_MSG(sent_events > received, "[%s] message %u RECEIVED before its SENT", h->name,
                      received);
            failures += !same || sent_events <= received;
            bytes += ev.len;
            received++;
        } else if (ev.kind == NET_EVENT_PONG) {
            /* Keepalive (every 20 s): a round trip under a sanitizer on a
             * busy machine can take that long. */
        } else {
            CHECK_MSG(false, "[%s] unexpected during the round trip (%u received): %s", h->name,
                      received, describe(&ev, text, sizeof text));
            failures++;
            if (ev.kind == NET_EVENT_CLOSED || ev.kind == NET_EVENT_FAILED)
                failures = 5;
        }
        net_event_free(&ev);
    }
    CHECK_MSG(received == count, "[%s] %u of %u messages came back", h->name, received, count);
    CHECK_MSG(sent_events == received, "[%s] %u SENT for %u received", h->name, sent_events,
              received);
    int64_t took = now_ms() - start;
    fprintf(stderr, "  [%s] %u messages, %zu bytes each way, %" PRId64 " ms\n", h->name, received,
            bytes, took);
}

/* ---- 1. the built-in echo server ----------------------------------------------- */

static void test_local_echo(void)
{
    struct harness h;
    if (!harness_start(&h, "local echo", (struct net_config){.local_echo = true}))
        return;
    if (expect_connected(&h, true)) {
        struct message *msgs = make_round_trip_messages(ROUND_TRIP_COUNT);
        round_trip(&h, msgs, ROUND_TRIP_COUNT, 32);
        free_messages(msgs, ROUND_TRIP_COUNT);

        echo_once(&h, 5001, "", 0, false, "empty text message");
        echo_once(&h, 5002, "", 0, true, "empty binary message");

        expect_client_close(&h);
        /* A message while closed is not sent... */
        struct net_event ev;
        CHECK(net_send(h.net, 5010, "closed", 6, false));
        if (expect_event(&h, NET_EVENT_NOT_SENT, EVENT_TIMEOUT_MS, &ev, "send while closed"))
            net_event_free(&ev);

        /* ...and again, on the same worker and the same echo server. */
        CHECK(net_connect(h.net));
        if (expect_connected(&h, false))
            echo_once(&h, 5003, "once more", 9, false, "echo after reconnecting");
    }
    int64_t took = harness_stop(&h);
    CHECK_MSG(took < 3000, "[local echo] net_stop took %" PRId64 " ms", took);
}

/* ---- 2. the same against a third-party peer ------------------------------------ */

static void test_peer_echo(void)
{
    struct peer p;
    if (!peer_start(&p, "echo", NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, "peer echo", (struct net_config){0})) {
        if (expect_connected(&h, false)) {
            struct message *msgs = make_round_trip_messages(ROUND_TRIP_COUNT);
            round_trip(&h, msgs, ROUND_TRIP_COUNT, 32);
            free_messages(msgs, ROUND_TRIP_COUNT);
            echo_once(&h, 5001, "", 0, false, "empty text message");
            expect_client_close(&h);
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* ---- 2b. MessagePack and CBOR modes: the bytes a server gets ------------------- */

/* JSON as the composer's MessagePack and CBOR modes encode it (binenc.c,
 * which view_payload calls), sent as a binary message to ws_peer.py, which
 * answers with the bytes it received, in hex, as Python saw them; the
 * expected bytes are written out by hand from the two specifications. */
static void test_encoded_binary(void)
{
    static const struct {
        enum binview_format format;
        const char *json, *got;
    } cases[] = {
        {BINVIEW_MSGPACK, "{\"id\": 4211, \"ok\": [true, null, -1, 1.5, \"\xC3\xA9\"]}",
         "binary 82a26964cd1073a26f6b95c3c0ffca3fc00000a2c3a9"},
        {BINVIEW_CBOR, "{\"id\": 4211, \"ok\": [true, null, -1, 1.5, \"\xC3\xA9\"]}",
         "binary a2626964191073626f6b85f5f620fa3fc0000062c3a9"},
    };
    struct peer p;
    if (!peer_start(&p, "describe", NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, "encoded binary", (struct net_config){0})) {
        if (expect_connected(&h, false)) {
            for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
                char *data = NULL;
                size_t len = 0;
                const char *want = cases[i].got;
                struct binenc_error err;
                CHECK(binenc_from_json(cases[i].format, cases[i].json, strlen(cases[i].json), &data, &len, &err));
                struct net_event ev;
                if (data && net_send(h.net, 6000 + i, data, len, true) &&
                    wait_event(&h, NET_EVENT_RECEIVED, EVENT_TIMEOUT_MS, &ev, NULL, "described")) {
                    CHECK_MSG(!ev.binary && ev.len == strlen(want) && !memcmp(ev.data, want, ev.len),
                              "[encoded binary] %s: the server got '%.*s', not '%s'",
                              binview_format_name(cases[i].format), (int)ev.len, ev.data, want);
                    net_event_free(&ev);
                }
                free(data);
            }
            expect_client_close(&h);
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* ---- 3. the server closes ------------------------------------------------------- */

static void test_server_close(void)
{
    struct peer p;
    if (!peer_start(&p, "close", NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, "server close", (struct net_config){0})) {
        struct net_event ev;
        if (expect_connected(&h, false)) {
            CHECK(net_send(h.net, 1, "close please", 12, false));
            if (expect_event(&h, NET_EVENT_SENT, EVENT_TIMEOUT_MS, &ev, "send")) {
                CHECK(ev.id == 1);
                net_event_free(&ev);
            }
            if (expect_event(&h, NET_EVENT_CLOSED, EVENT_TIMEOUT_MS, &ev, "close")) {
                CHECK_MSG(ev.code == 4000, "[server close] code %d, wanted 4000", ev.code);
                CHECK_MSG(ev.closer == NET_CLOSER_SERVER, "[server close] closer %s, wanted SERVER",
                          closer_name(ev.closer));
                CHECK_MSG(ev.error == NET_ERROR_NONE, "[server close] error %s",
                          net_error_text(ev.error));
                CHECK_MSG(ev.data && ev.len == 13 && memcmp(ev.data, "bye from peer", 13) == 0,
                          "[server close] reason \"%s\" (%zu bytes), wanted \"bye from peer\"",
                          ev.data ? ev.data : "(null)", ev.len);
                net_event_free(&ev);
            }
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* ---- hostile servers: too big, invalid UTF-8, many fragments -------------------- */

/* The peer sends something Ponte must refuse: it closes with code and the
 * error, the peer sees that code, and nothing is received. */
static void refused_by_client(const char *mode, int code, enum net_error error)
{
    struct peer p;
    if (!peer_start(&p, mode, NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, mode, (struct net_config){0})) {
        struct net_event ev;
        if (expect_connected(&h, false) &&
            expect_event(&h, NET_EVENT_CLOSED, 20000, &ev, "refusing close")) {
            CHECK_MSG(ev.code == code, "[%s] code %d, wanted %d", mode, ev.code, code);
            CHECK_MSG(ev.closer == NET_CLOSER_CLIENT, "[%s] closer %s", mode, closer_name(ev.closer));
            CHECK_NET_ERROR(&h, &ev, error);
            net_event_free(&ev);
        }
        char line[64], want[32];
        snprintf(want, sizeof want, "closed %d", code);
        bool got = read_line(&p.out, line, sizeof line, now_ms() + 10000);
        CHECK_MSG(got && strcmp(line, want) == 0, "[%s] the peer said \"%s\", wanted \"%s\"", mode,
                  got ? line : "nothing", want);
        /* Still usable: connect again (the peer sends the same again). */
        CHECK(net_connect(h.net));
        if (expect_connected(&h, false) && expect_event(&h, NET_EVENT_CLOSED, 20000, &ev, "again")) {
            CHECK(ev.code == code);
            net_event_free(&ev);
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

static void test_too_big(void)
{
    refused_by_client("huge", 1009, NET_ERROR_TOO_BIG);
}

static void test_invalid_utf8(void)
{
    refused_by_client("badutf8", 1007, NET_ERROR_INVALID_UTF8);
}

static void test_fragments(void)
{
    struct peer p;
    if (!peer_start(&p, "fragments", NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, "fragments", (struct net_config){0})) {
        struct net_event ev;
        if (expect_connected(&h, false) &&
            expect_event(&h, NET_EVENT_RECEIVED, EVENT_TIMEOUT_MS, &ev, "fragmented message")) {
            char expected[64];
            size_t off = 0;
            bool same = ev.len > 0 && !ev.binary;
            for (int i = 0; i < 1000 && same; i++) {
                int n = snprintf(expected, sizeof expected,
                                 "piece %04d of a fragmented message \xC3\xA9\n", i);
                same = off + (size_t)n <= ev.len && memcmp(ev.data + off, expected, (size_t)n) == 0;
                off += (size_t)n;
            }
            CHECK_MSG(same && off == ev.len, "[fragments] reassembled %zu bytes, not the message",
                      ev.len);
            net_event_free(&ev);
            echo_once(&h, 7, "after", 5, false, "echo after fragments");
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* Close right after sends: what was queued goes out first, then the close. */
static void test_close_after_queue(void)
{
    struct harness h;
    if (!harness_start(&h, "close after queue", (struct net_config){.local_echo = true}))
        return;
    if (expect_connected(&h, true)) {
        size_t big = 4u << 20;
        char *data = malloc(big);
        memset(data, 'q', big);
        CHECK(net_send(h.net, 1, data, big, false));
        CHECK(net_send(h.net, 2, "hello", 5, false));
        CHECK(net_close(h.net));
        bool sent1 = false, sent2 = false, closed = false, not_sent = false;
        struct net_event ev;
        int64_t deadline = now_ms() + EVENT_TIMEOUT_MS;
        while (!closed && next_event(&h, deadline, &ev)) {
            if (ev.kind == NET_EVENT_SENT && ev.id == 1)
                sent1 = true;
            if (ev.kind == NET_EVENT_SENT && ev.id == 2)
                sent2 = true;
            if (ev.kind == NET_EVENT_NOT_SENT)
                not_sent = true;
            if (ev.kind == NET_EVENT_CLOSED) {
                closed = true;
                CHECK_MSG(ev.code == 1000 && ev.closer == NET_CLOSER_CLIENT,
                          "[close after queue] closed %d by %s", ev.code, closer_name(ev.closer));
            }
            net_event_free(&ev);
        }
        CHECK_MSG(sent1 && sent2 && !not_sent && closed,
                  "[close after queue] sent %d %d, not sent %d, closed %d", sent1, sent2, not_sent,
                  closed);
        free(data);
    }
    harness_stop(&h);
}

/* ---- 4. nothing listens ---------------------------------------------------------- */

static void test_refused(void)
{
    int port = free_port();
    CHECK_MSG(port > 0, "no free port");
    char url[64];
    snprintf(url, sizeof url, "ws://127.0.0.1:%d/", port);
    struct harness h;
    if (!harness_start(&h, "refused", (struct net_config){.url = url}))
        return;
    struct net_event ev;
    unsigned seen = 0;
    if (wait_failed(&h, &ev, &seen, "connect")) {
        CHECK_NET_ERROR(&h, &ev, NET_ERROR_REFUSED);
        net_event_free(&ev);
    }
    CHECK_MSG(seen == 1u << NET_EVENT_CONNECTING, "[refused] events before FAILED: mask %#x", seen);
    harness_stop(&h);
}

/* ---- 4b. offline: a name that does not resolve, then the built-in echo server ---- */

/* RFC 2606 keeps .invalid from ever resolving. Whether this machine's
 * resolver says "no such name" or cannot be reached decides between
 * HOST_NOT_FOUND and NO_NETWORK; either names the host. Then the offer the
 * window makes: the built-in echo server, started on demand, connected,
 * echoing; asked again, nothing more happens. */
static void test_offline_echo(void)
{
    struct harness h;
    if (!harness_start(&h, "offline", (struct net_config){.url = "ws://no-such-host.invalid/"}))
        return;
    struct net_event ev;
    unsigned seen = 0;
    if (wait_failed(&h, &ev, &seen, "connect")) {
        CHECK_MSG(ev.error == NET_ERROR_HOST_NOT_FOUND || ev.error == NET_ERROR_NO_NETWORK,
                  "[offline] error %s, wanted host not found or no network", net_error_text(ev.error));
        CHECK_MSG(ev.data && strstr(ev.data, "no-such-host.invalid") &&
                      (strstr(ev.data, "did not resolve") || strstr(ev.data, "no name server") ||
                       strstr(ev.data, "no network")),
                  "[offline] detail \"%s\"", ev.data ? ev.data : "");
        net_event_free(&ev);
    }
    CHECK(net_use_local_echo(h.net));
    if (expect_event(&h, NET_EVENT_LISTENING, EVENT_TIMEOUT_MS, &ev, "echo")) {
        int port = ev.code;
        CHECK_MSG(port > 0 && port < 65536, "[offline] LISTENING port %d", port);
        net_event_free(&ev);
        char url[64];
        snprintf(url, sizeof url, "ws://127.0.0.1:%d/", port);
        if (expect_event(&h, NET_EVENT_CONNECTING, EVENT_TIMEOUT_MS, &ev, "echo")) {
            CHECK_MSG(ev.data && !strcmp(ev.data, url), "[offline] connecting to %s, wanted %s",
                      ev.data ? ev.data : "(none)", url);
            net_event_free(&ev);
        }
        if (expect_event(&h, NET_EVENT_CONNECTED, EVENT_TIMEOUT_MS, &ev, "echo")) {
            net_event_free(&ev);
            echo_once(&h, 1, "offline, and yet", 16, false, "echo");
            CHECK(net_use_local_echo(h.net));
            expect_quiet(&h, 300, "the echo server asked for again");
            echo_once(&h, 2, "still the same connection", 25, false, "echo again");
        }
    }
    harness_stop(&h);
}

/* ---- 5. the server drops the TCP connection -------------------------------------- */

/* An echo goes round, then the peer drops the TCP connection: CLOSED 1006
 * by nobody, the connection lost. */
static bool expect_echo_then_drop(struct harness *h)
{
    struct net_event ev;
    if (!expect_connected(h, false) || !echo_once(h, 1, "one", 3, false, "echo before the drop") ||
        !expect_event(h, NET_EVENT_CLOSED, EVENT_TIMEOUT_MS, &ev, "drop"))
        return false;
    CHECK_MSG(ev.code == 1006 && ev.closer == NET_CLOSER_NONE && ev.error == NET_ERROR_CONNECTION_LOST,
              "[%s] closed with code %d closer %s error %s, wanted 1006 NONE %s", h->name, ev.code,
              closer_name(ev.closer), net_error_text(ev.error), net_error_text(NET_ERROR_CONNECTION_LOST));
    net_event_free(&ev);
    return true;
}

static void test_drop(void)
{
    struct peer p;
    if (!peer_start(&p, "drop", NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, "drop", (struct net_config){0})) {
        struct net_event ev;
        if (expect_echo_then_drop(&h)) {
            CHECK(net_send(h.net, 4242, "too late", 8, false));
            if (expect_event(&h, NET_EVENT_NOT_SENT, EVENT_TIMEOUT_MS, &ev,
                             "send after the drop")) {
                CHECK_MSG(ev.id == 4242 && ev.error == NET_ERROR_NOT_CONNECTED,
                          "[drop] NOT_SENT id %" PRIu64 " error %s", ev.id,
                          net_error_text(ev.error));
                net_event_free(&ev);
            }
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* ---- 6. the handshake is never answered ----------------------------------------- */

static void test_silent(void)
{
    struct peer p;
    if (!peer_start(&p, "silent", NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, "silent", (struct net_config){.timeout_s = 2})) {
        struct net_event ev;
        int64_t start = now_ms();
        if (expect_event(&h, NET_EVENT_CONNECTING, EVENT_TIMEOUT_MS, &ev, "connect")) {
            net_event_free(&ev);
            if (expect_event(&h, NET_EVENT_FAILED, 15000, &ev, "handshake")) {
                int64_t took = now_ms() - start;
                char text[256];
                fprintf(stderr, "  [silent] after %" PRId64 " ms: %s\n", took,
                        describe(&ev, text, sizeof text));
                CHECK_NET_ERROR(&h, &ev, NET_ERROR_TIMEOUT);
                CHECK_MSG(took >= 1500 && took <= 8000,
                          "[silent] failed after %" PRId64 " ms, wanted about 2 s", took);
                net_event_free(&ev);
            }
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* ---- 7. the upgrade is refused ----------------------------------------------------- */

static void test_reject(void)
{
    struct peer p;
    if (!peer_start(&p, "reject", NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, "reject", (struct net_config){0})) {
        struct net_event ev;
        unsigned seen = 0;
        if (wait_failed(&h, &ev, &seen, "handshake")) {
            CHECK_NET_ERROR(&h, &ev, NET_ERROR_HANDSHAKE);
            CHECK_MSG(ev.data && strstr(ev.data, "the server answered 404 Not Found"),
                      "[reject] detail \"%s\" does not say 404 Not Found",
                      ev.data ? ev.data : "(none)");
            net_event_free(&ev);
        }
        CHECK_MSG(seen == 1u << NET_EVENT_CONNECTING, "[reject] events before FAILED: mask %#x",
                  seen);
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* ---- 8. wss:// with a CA made here --------------------------------------------- */

static void test_tls(void)
{
    char dir[256];
    if (!make_temp_dir(dir, sizeof dir))
        return;
    char cert[512], key[512], ca[512];
    snprintf(cert, sizeof cert, "%s/server.pem", dir);
    snprintf(key, sizeof key, "%s/server.key", dir);
    snprintf(ca, sizeof ca, "%s/ca.pem", dir);
    struct peer p;
    if (harness_make_certificates(dir) && peer_start(&p, "echo", cert, key)) {
        char url[64];
        peer_url(&p, true, url, sizeof url);
        struct harness h;

        /* (a) Trusting the test CA: connected, and an echo goes round. */
        if (harness_start(&h, "wss trusted", (struct net_config){.url = url, .ca_file = ca})) {
            if (expect_connected(&h, false)) {
                struct message msgs[4];
                make_message(&msgs[0], 0, 20, false);
                make_message(&msgs[1], 1, 70000, false);
                make_message(&msgs[2], 2, 300, true);
                make_message(&msgs[3], 3, MIB, false);
                round_trip(&h, msgs, 4, 4);
                for (int i = 0; i < 4; i++)
                    free(msgs[i].data);
                expect_client_close(&h);
            }
            harness_stop(&h);
        }

        /* (b) Without it: the certificate does not verify. */
        if (harness_start(&h, "wss untrusted", (struct net_config){.url = url})) {
            struct net_event ev;
            unsigned seen = 0;
            if (wait_failed(&h, &ev, &seen, "connect")) {
                CHECK_NET_ERROR(&h, &ev, NET_ERROR_TLS_VERIFY);
                net_event_free(&ev);
            }
            CHECK_MSG(seen == 1u << NET_EVENT_CONNECTING, "[wss untrusted] before FAILED: mask %#x",
                      seen);
            harness_stop(&h);
        }
        peer_stop(&p);
    }

    /* (c) A TLS peer that drops TCP without close_notify: OpenSSL 3 calls
     * that "unexpected eof"; it is a lost connection (1006), not a TLS
     * failure. */
    if (!access(cert, R_OK) && peer_start(&p, "drop", cert, key)) {
        struct harness h;
        if (harness_start_on(&h, &p, true, "wss drop", (struct net_config){.ca_file = ca})) {
            expect_echo_then_drop(&h);
            harness_stop(&h);
        }
        peer_stop(&p);
    }
    remove_in(dir, harness_tls_files, sizeof harness_tls_files / sizeof harness_tls_files[0]);
}

/* ---- 9. sending while not connected -------------------------------------------- */

static void test_not_connected(void)
{
    struct harness h;
    if (!harness_start(&h, "not connected",
                       (struct net_config){.url = "ws://127.0.0.1:9/", .no_connect = true}))
        return;
    struct net_event ev;
    CHECK(net_send(h.net, 77, "nobody listens", 14, false));
    if (expect_event(&h, NET_EVENT_NOT_SENT, EVENT_TIMEOUT_MS, &ev, "send")) {
        CHECK_MSG(ev.id == 77 && ev.error == NET_ERROR_NOT_CONNECTED && !ev.binary,
                  "[not connected] NOT_SENT id %" PRIu64 " error %s binary %d", ev.id,
                  net_error_text(ev.error), ev.binary);
        net_event_free(&ev);
    }
    CHECK(net_send(h.net, 78, "\x01\x02", 2, true));
    if (expect_event(&h, NET_EVENT_NOT_SENT, EVENT_TIMEOUT_MS, &ev, "send binary")) {
        CHECK_MSG(ev.id == 78 && ev.error == NET_ERROR_NOT_CONNECTED && ev.binary,
                  "[not connected] NOT_SENT id %" PRIu64 " error %s binary %d", ev.id,
                  net_error_text(ev.error), ev.binary);
        net_event_free(&ev);
    }
    /* no_connect means no attempt at all, and closing is a no-op. */
    CHECK(net_close(h.net));
    expect_quiet(&h, 300, "idle");
    /* A connect after refused sends is heard (the worker's wake-up is
     * not left spent by them). */
    CHECK(net_connect(h.net));
    if (expect_event(&h, NET_EVENT_CONNECTING, EVENT_TIMEOUT_MS, &ev, "connect after not-sent messages"))
        net_event_free(&ev);
    harness_stop(&h);
}

/* ---- 10. the transcript ------------------------------------------------------------ */

/* Run as python3 -c SCRIPT FILE. Prints one line per record: the event, then
 * those of url, text, base64, code, reason, by that it has (text, reason and
 * base64 as hex of their bytes). Fails (exit 1) on a line that is not a JSON
 * object with a well-formed "ts" and an "event". */
static const char transcript_check_py[] =
    "import base64, json, re, sys\n"
    "for n, line in enumerate(open(sys.argv[-1], 'rb'), 1):\n"
    "    assert line.endswith(b'\\n'), 'line %d: no newline' % n\n"
    "    o = json.loads(line.decode('utf-8'))\n"
    "    assert isinstance(o, dict), 'line %d: not an object' % n\n"
    "    assert re.fullmatch(r'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z', o['ts']), n\n"
    "    out = [o['event']]\n"
    "    if 'url' in o: out.append('url=' + o['url'])\n"
    "    if 'text' in o: out.append('text=' + o['text'].encode('utf-8').hex())\n"
    "    if 'base64' in o:\n"
    "        out.append('base64=' + base64.b64decode(o['base64'], validate=True).hex())\n"
    "    if 'code' in o: out.append('code=%d' % o['code'])\n"
    "    if 'reason' in o: out.append('reason=' + o['reason'].encode('utf-8').hex())\n"
    "    if 'by' in o: out.append('by=' + o['by'])\n"
    "    print(' '.join(out))\n";

static void append_hex(char *out, size_t cap, const char *data, size_t len)
{
    size_t at = strlen(out);
    for (size_t i = 0; i < len && at + 3 < cap; i++, at += 2)
        snprintf(out + at, cap - at, "%02x", (unsigned char)data[i]);
}

static void test_transcript(void)
{
    static const struct {
        const char *data;
        size_t len;
        bool binary;
    } msgs[] = {
        {"hello", 5, false},
        {"ol\xC3\xA1, mundo \xE2\x9C\x93", 15, false},
        {"tab\there \"quoted\" back\\slash", 28, false},
        {"line one\nline two\r\n", 19, false},
        {"\xF0\x9F\x8E\x89", 4, false},
        {"\x00\xFF\x10\x80 bin", 8, true},
    };
    enum { COUNT = sizeof msgs / sizeof msgs[0] };

    char dir[256];
    if (!make_temp_dir(dir, sizeof dir))
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/transcript.jsonl", dir);
    char err[256] = "";
    struct transcript *t = transcript_open(path, err, sizeof err);
    CHECK_MSG(t != NULL, "transcript_open: %s", err);
    struct harness h;
    int port = 0;
    if (t &&
        harness_start(&h, "transcript", (struct net_config){.local_echo = true, .transcript = t})) {
        struct net_event ev;
        if (expect_event(&h, NET_EVENT_LISTENING, EVENT_TIMEOUT_MS, &ev, "start")) {
            port = ev.code;
            net_event_free(&ev);
        }
        if (expect_connected(&h, false)) {
            for (unsigned i = 0; i < COUNT; i++)
                echo_once(&h, i + 1, msgs[i].data, msgs[i].len, msgs[i].binary,
                          "transcript message");
            expect_client_close(&h);
        }
        harness_stop(&h);
    } else if (t) {
        transcript_close(t);
    }

    /* What the file must say, line by line. */
    char want[4096];
    snprintf(want, sizeof want,
             "connecting url=ws://127.0.0.1:%d/\nconnected url=ws://127.0.0.1:%d/\n", port, port);
    for (unsigned i = 0; i < COUNT; i++) {
        for (int echoed = 0; echoed < 2; echoed++) {
            size_t at = strlen(want);
            snprintf(want + at, sizeof want - at, "%s %s=", echoed ? "received" : "sent",
                     msgs[i].binary ? "base64" : "text");
            append_hex(want, sizeof want, msgs[i].data, msgs[i].len);
            at = strlen(want);
            snprintf(want + at, sizeof want - at, "\n");
        }
    }
    size_t at = strlen(want);
    snprintf(want + at, sizeof want - at, "closed code=1000 reason= by=client\n");

    char *argv[] = {(char *)python_path(), "-c", (char *)transcript_check_py, path, NULL};
    char got[8192];
    int rc = run(argv, got, sizeof got, 30000);
    CHECK_MSG(rc == 0, "[transcript] the JSON check failed (exit %d); output:\n%s", rc, got);
    CHECK_MSG(strcmp(got, want) == 0, "[transcript] records differ.\n--- got:\n%s--- wanted:\n%s",
              got, want);

    /* The raw text too: one object per line, closed with "code":1000. */
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "cannot read %s", path);
    if (f) {
        char line[1024];
        unsigned lines = 0;
        bool closed_1000 = false;
        while (fgets(line, sizeof line, f)) {
            lines++;
            CHECK_MSG(line[0] == '{' && strstr(line, "\"ts\":\"") == line + 1,
                      "[transcript] line %u: %s", lines, line);
            if (strstr(line, "\"event\":\"closed\"") && strstr(line, "\"code\":1000"))
                closed_1000 = true;
        }
        fclose(f);
        CHECK_MSG(lines == 2 + 2 * COUNT + 1, "[transcript] %u lines, wanted %u", lines,
                  2 + 2 * COUNT + 1);
        CHECK_MSG(closed_1000, "[transcript] no closed record with \"code\":1000");
    }
    static const char *const files[] = {"transcript.jsonl"};
    remove_in(dir, files, 1);
}

/* ---- 11. backpressure: tiny rings, a slow UI, nothing lost ------------------------- */

static void test_backpressure(void)
{
    struct harness h;
    if (!harness_start(&h, "backpressure",
                       (struct net_config){.local_echo = true, .ring_capacity = 16}))
        return;
    if (!expect_connected(&h, true)) {
        harness_stop(&h);
        return;
    }
    /* 5,000 sends in one burst: the 16-slot command ring overflows at once
     * and the rest waits in the UI-side backlog. */
    char text[32];
    for (unsigned i = 0; i < BACKPRESSURE_COUNT; i++) {
        int n = snprintf(text, sizeof text, "bp %05u", i);
        CHECK_MSG(net_send(h.net, i + 1, text, (size_t)n, false), "net_send %u failed", i);
    }
    /* Don't look for a while: far more than 16 events pile up, so the worker
     * must park them and stop reading. */
    usleep(300 * 1000);

    unsigned sent = 0, received = 0, failures = 0;
    while ((sent < BACKPRESSURE_COUNT || received < BACKPRESSURE_COUNT) && failures < 5) {
        if (h.events < 1000)
            usleep(300); /* a slow UI at first */
        struct net_event ev;
        if (!next_event(&h, now_ms() + EVENT_TIMEOUT_MS, &ev)) {
            CHECK_MSG(false, "[backpressure] stalled after %u SENT, %u RECEIVED", sent, received);
            break;
        }
        if (ev.kind == NET_EVENT_SENT) {
            CHECK_MSG(ev.id == sent + 1, "[backpressure] SENT id %" PRIu64 ", wanted %u", ev.id,
                      sent + 1);
            failures += ev.id != sent + 1;
            sent++;
        } else if (ev.kind == NET_EVENT_RECEIVED) {
            int n = snprintf(text, sizeof text, "bp %05u", received);
            bool same = ev.len == (size_t)n && memcmp(ev.data, text, (size_t)n) == 0;
            CHECK_MSG(same, "[backpressure] message %u came back as \"%.*s\"", received,
                      (int)(ev.len < 32 ? ev.len : 32), ev.data ? ev.data : "");
            failures += !same;
            received++;
        } else {
            char about[256];
            CHECK_MSG(false, "[backpressure] unexpected: %s", describe(&ev, about, sizeof about));
            failures++;
        }
        net_event_free(&ev);
    }
    CHECK_MSG(sent == BACKPRESSURE_COUNT && received == BACKPRESSURE_COUNT,
              "[backpressure] %u SENT and %u RECEIVED of %u", sent, received, BACKPRESSURE_COUNT);
    unsigned wakes = atomic_load(&h.waker.calls);
    fprintf(stderr, "  [backpressure] %u events, %u wake-ups\n", h.events, wakes);
    CHECK_MSG(wakes >= 1 && wakes <= h.events, "[backpressure] %u wake-ups for %u events", wakes,
              h.events);
    expect_client_close(&h);
    harness_stop(&h);
}

/* ---- 12. net_stop while connected closes with 1000 ------------------------------- */

static void test_stop_closes(void)
{
    struct peer p;
    if (!peer_start(&p, "echo", NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, "stop", (struct net_config){0})) {
        if (expect_connected(&h, false))
            echo_once(&h, 1, "last words", 10, false, "echo before stopping");
        int64_t took = harness_stop(&h);
        fprintf(stderr, "  [stop] net_stop took %" PRId64 " ms\n", took);
        CHECK_MSG(took <= 3000, "[stop] net_stop took %" PRId64 " ms", took);
        char line[64];
        bool got = read_line(&p.out, line, sizeof line, now_ms() + 5000);
        CHECK_MSG(got && strcmp(line, "closed 1000") == 0,
                  "[stop] the peer said \"%s\", wanted \"closed 1000\"", got ? line : "nothing");
    }
    peer_stop(&p);
}

/* ---- 13. start and stop in quick succession ---------------------------------- */

/* Stopping at every stage: before the worker has done anything, while the
 * echo server starts or the client connects, once connected, and in the
 * middle of an attempt that nobody answers. Each net_stop must be prompt. */
static void test_start_stop(void)
{
    struct peer p;
    bool have_silent = peer_start(&p, "silent", NULL, NULL);
    char silent_url[64] = "";
    if (have_silent)
        peer_url(&p, false, silent_url, sizeof silent_url);
    int64_t slowest = 0;
    for (int i = 0; i < 40; i++) {
        struct harness h;
        struct net_config config = {.local_echo = true};
        if (i % 4 == 3) {
            if (!have_silent)
                continue;
            config = (struct net_config){.url = silent_url};
        }
        if (!harness_start(&h, "start/stop", config))
            break;
        struct net_event ev;
        if (i % 4 == 1 || i % 4 == 3) {
            enum net_event_kind until = i % 4 == 1 ? NET_EVENT_CONNECTED : NET_EVENT_CONNECTING;
            if (wait_event(&h, until, EVENT_TIMEOUT_MS, &ev, NULL, "connect"))
                net_event_free(&ev);
        } else if (i % 4 == 2) {
            usleep(1000);
        }
        int64_t took = harness_stop(&h);
        CHECK_MSG(took < 3000, "[start/stop] cycle %d: net_stop took %" PRId64 " ms", i, took);
        if (took > slowest)
            slowest = took;
    }
    fprintf(stderr, "  [start/stop] slowest net_stop %" PRId64 " ms\n", slowest);
    if (have_silent)
        peer_stop(&p);
}

/* ---- 18. the handshake: headers, Origin, subprotocols; secrets kept out ---------- */

static void test_handshake_options(void)
{
    struct peer p;
    if (!peer_start(&p, "inspect", NULL, NULL))
        return;
    char url[64], dir[256], path[512], err[256] = "";
    peer_url(&p, false, url, sizeof url);
    if (!make_temp_dir(dir, sizeof dir)) {
        peer_stop(&p);
        return;
    }
    snprintf(path, sizeof path, "%s/transcript.jsonl", dir);
    struct transcript *t = transcript_open(path, err, sizeof err);
    static const char *const headers[] = {"Authorization: Bearer s3cret-token", "X-Trace: 42"};
    static const char *const protocols[] = {"x-unknown", "v2.json"};
    struct harness h;
    if (t && harness_start(&h, "handshake options",
                           (struct net_config){.url = url, .transcript = t, .headers = headers,
                                               .header_count = 2, .protocols = protocols,
                                               .protocol_count = 2, .origin = "https://ponte.example"})) {
        struct net_event ev;
        if (expect_event(&h, NET_EVENT_CONNECTING, EVENT_TIMEOUT_MS, &ev, "connect")) {
            net_event_free(&ev);
            if (expect_event(&h, NET_EVENT_CONNECTED, EVENT_TIMEOUT_MS, &ev, "connect")) {
                /* The agreed subprotocol; no TLS on ws://, no proxy. */
                const struct net_connected *c = ev.connected;
                CHECK_MSG(c && !strcmp(c->protocol, "v2.json") && !c->tls_version[0] && !c->tls_cipher[0] &&
                              !c->proxy[0],
                          "CONNECTED: protocol \"%s\", TLS \"%s\" \"%s\", proxy \"%s\"", c ? c->protocol : "(none)",
                          c ? c->tls_version : "", c ? c->tls_cipher : "", c ? c->proxy : "");
                net_event_free(&ev);
            }
            if (expect_event(&h, NET_EVENT_RECEIVED, EVENT_TIMEOUT_MS, &ev, "what the server saw")) {
                const char *seen = ev.data ? ev.data : "";
                CHECK_MSG(strstr(seen, "\"authorization\": \"Bearer s3cret-token\"") &&
                              strstr(seen, "\"x-trace\": \"42\"") &&
                              strstr(seen, "\"origin\": \"https://ponte.example\"") &&
                              strstr(seen, "\"sec-websocket-protocol\": \"x-unknown, v2.json\"") &&
                              strstr(seen, "\"subprotocol\": \"v2.json\""),
                          "the server saw: %s", seen);
                net_event_free(&ev);
            }
            expect_client_close(&h);
        }
        harness_stop(&h);
        /* The transcript has the headers, the secret as ***. */
        FILE *f = fopen(path, "r");
        char all[8192] = "";
        size_t got = f ? fread(all, 1, sizeof all - 1, f) : 0;
        all[got] = '\0';
        if (f)
            fclose(f);
        /* (The server's own message repeats the header: that is its text,
         * kept as it came. What Ponte writes of its own handshake is not.) */
        char *first_nl = strchr(all, '\n');
        if (first_nl)
            *first_nl = '\0';
        CHECK_MSG(strstr(all, "\"connecting\"") && strstr(all, "Authorization: ***") &&
                      strstr(all, "X-Trace: 42") && !strstr(all, "s3cret"),
                  "transcript's connecting line: %s", all);
        CHECK_MSG(first_nl && strstr(first_nl + 1, "\"protocol\":\"v2.json\""), "no agreed protocol recorded");
    }
    unlink(path);
    rmdir(dir);
    peer_stop(&p);
}

/* ---- 19. keepalive: the ping's round trip; a peer that went silent -------------- */

static void test_keepalive(void)
{
    struct peer p;
    char url[64];
    struct harness h;
    struct net_event ev;
    if (peer_start(&p, "echo", NULL, NULL)) {
        peer_url(&p, false, url, sizeof url);
        if (harness_start(&h, "ping", (struct net_config){.url = url, .ping_interval_s = 1})) {
            if (expect_connected(&h, false) && expect_event(&h, NET_EVENT_PONG, 5000, &ev, "pong")) {
                CHECK_MSG(ev.code > 0 && ev.code < 1000000, "ping round trip %d us", ev.code);
                net_event_free(&ev);
            }
            harness_stop(&h);
        }
        peer_stop(&p);
    }

    /* Half-open: the handshake is done, then nothing ever comes back. With
     * pings every second and a 2 s time-out it is found within about 2 s,
     * reported as such, and reconnecting starts. */
    if (!peer_start(&p, "mute", NULL, NULL))
        return;
    peer_url(&p, false, url, sizeof url);
    if (harness_start(&h, "half-open", (struct net_config){.url = url, .ping_interval_s = 1, .ping_timeout_s = 2,
                                                          .reconnect = true})) {
        if (expect_connected(&h, false)) {
            int64_t up = now_ms();
            if (expect_event(&h, NET_EVENT_CLOSED, 6000, &ev, "hang up")) {
                int64_t took = now_ms() - up;
                CHECK_MSG(ev.error == NET_ERROR_PING_TIMEOUT && ev.code == 1006 && ev.closer == NET_CLOSER_NONE,
                          "closed with %s, code %d", net_error_text(ev.error), ev.code);
                CHECK_MSG(took >= 1800 && took <= 4000, "the silent peer was found after %" PRId64 " ms", took);
                net_event_free(&ev);
            }
            if (expect_event(&h, NET_EVENT_RETRY, 2000, &ev, "reconnect")) {
                CHECK_MSG(ev.id == 1 && ev.code >= 400 && ev.code <= 600, "retry %d in %d ms", (int)ev.id, ev.code);
                net_event_free(&ev);
            }
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* ---- 20. reconnecting: growing delays, back when the server is ----------------- */

static void test_reconnect(void)
{
    int port = free_port();
    char url[64];
    snprintf(url, sizeof url, "ws://127.0.0.1:%d/", port);
    struct harness h;
    if (!harness_start(&h, "reconnect", (struct net_config){.url = url, .reconnect = true, .timeout_s = 2}))
        return;
    struct net_event ev;
    /* Refused, refused: each time a longer wait, within +-20%. */
    int64_t low[] = {400, 800}, high[] = {600, 1200};
    int64_t last = now_ms();
    for (int attempt = 1; attempt <= 2; attempt++) {
        unsigned seen = 0;
        if (!wait_event(&h, NET_EVENT_RETRY, 5000, &ev, &seen, "retry"))
            break;
        CHECK_MSG(seen & (1u << NET_EVENT_FAILED), "attempt %d: no failure before the retry", attempt);
        CHECK_MSG(ev.id == (uint64_t)attempt && ev.code >= low[attempt - 1] && ev.code <= high[attempt - 1],
                  "attempt %d: retry %d after %d ms", attempt, (int)ev.id, ev.code);
        net_event_free(&ev);
        if (attempt == 2) {
            /* The wait really is a wait: no attempt before it is over. */
            int64_t gap = now_ms() - last;
            CHECK_MSG(gap >= 350, "the second failure came %" PRId64 " ms after the first", gap);
        }
        last = now_ms();
    }
    /* The server comes back: the next attempt connects, and what is sent
     * arrives. */
    struct peer p;
    if (peer_start_port(&p, "echo", port)) {
        unsigned seen = 0;
        if (wait_event(&h, NET_EVENT_CONNECTED, 8000, &ev, &seen, "back")) {
            net_event_free(&ev);
            echo_once(&h, 7, "after a reconnect", 17, false, "echo after reconnecting");
        }
        /* The server goes away again: reconnecting starts again. */
        peer_stop(&p);
        if (wait_event(&h, NET_EVENT_RETRY, 8000, &ev, &seen, "server gone")) {
            CHECK(ev.code > 0);
            net_event_free(&ev);
        }
    }
    /* Close connection while waiting: the reconnecting stops. */
    CHECK(net_close(h.net));
    if (expect_event(&h, NET_EVENT_RETRY, 3000, &ev, "stop reconnecting")) {
        CHECK(ev.code < 0);
        net_event_free(&ev);
    }
    expect_quiet(&h, 2500, "no attempt after Close");
    harness_stop(&h);
}

/* ---- 21. --queue-offline: typed while down, sent in order once back ------------- */

static void test_queue_offline(void)
{
    int port = free_port();
    char url[64];
    snprintf(url, sizeof url, "ws://127.0.0.1:%d/", port);
    struct harness h;
    if (!harness_start(&h, "queue offline",
                       (struct net_config){.url = url, .reconnect = true, .queue_offline = true, .timeout_s = 2}))
        return;
    struct net_event ev;
    unsigned seen = 0;
    /* Down (refused): three messages wait, none is reported not sent. */
    if (wait_event(&h, NET_EVENT_RETRY, 5000, &ev, &seen, "down"))
        net_event_free(&ev);
    static const char *const texts[] = {"first", "second", "third"};
    for (int i = 0; i < 3; i++)
        CHECK(net_send(h.net, (uint64_t)(i + 1), texts[i], strlen(texts[i]), false));
    struct peer p;
    if (peer_start_port(&p, "echo", port)) {
        /* Back: each goes once, in order, and comes back in order. */
        int sent = 0, received = 0;
        int64_t deadline = now_ms() + 10000;
        while ((sent < 3 || received < 3) && next_event(&h, deadline, &ev)) {
            char text[256];
            CHECK_MSG(ev.kind != NET_EVENT_NOT_SENT, "held message reported: %s", describe(&ev, text, sizeof text));
            if (ev.kind == NET_EVENT_SENT) {
                CHECK_MSG(ev.id == (uint64_t)(sent + 1), "sent %d as #%d", (int)ev.id, sent + 1);
                sent++;
            } else if (ev.kind == NET_EVENT_RECEIVED) {
                CHECK_MSG(received < 3 && ev.len == strlen(texts[received]) &&
                              !memcmp(ev.data, texts[received], ev.len),
                          "received %s", describe(&ev, text, sizeof text));
                received++;
            }
            net_event_free(&ev);
        }
        CHECK_MSG(sent == 3 && received == 3, "after reconnecting: %d sent, %d received", sent, received);
        expect_quiet(&h, 300, "nothing twice");
        peer_stop(&p);
    }
    harness_stop(&h);
}

/* ---- 22. a server that restarts 20 times ----------------------------------------- */

/* Each time it goes away, Ponte waits longer before the next attempt (the
 * delays here are shortened: 50 ms doubling to 400 ms), comes back when
 * the server does, and a message typed while it was down (queue_offline)
 * arrives once, in order, right after. */
static void test_restarts(void)
{
    int port = free_port();
    char url[64];
    snprintf(url, sizeof url, "ws://127.0.0.1:%d/", port);
    struct harness h;
    if (!harness_start(&h, "restarts",
                       (struct net_config){.url = url, .reconnect = true, .queue_offline = true, .timeout_s = 2,
                                           .retry_first_ms = 50, .retry_max_ms = 400}))
        return;
    struct net_event ev;
    int reconnected = 0, echoes = 0, last_delay = 0, grew = 0;
    for (int cycle = 0; cycle < 20; cycle++) {
        /* Down: type one message, then the server comes back. */
        char text[32];
        int n = snprintf(text, sizeof text, "while down %d", cycle);
        CHECK(net_send(h.net, (uint64_t)(cycle + 1), text, (size_t)n, false));
        struct peer p;
        if (!peer_start_port(&p, "echo", port))
            break;
        unsigned seen = 0;
        if (!wait_event(&h, NET_EVENT_CONNECTED, 5000, &ev, &seen, "back"))
            break;
        net_event_free(&ev);
        reconnected++;
        /* The held message, once: SENT then its echo. */
        bool sent = false, echoed = false;
        int64_t deadline = now_ms() + 5000;
        while (!(sent && echoed) && next_event(&h, deadline, &ev)) {
            char what[256];
            CHECK_MSG(ev.kind != NET_EVENT_NOT_SENT, "[restarts] %s", describe(&ev, what, sizeof what));
            if (ev.kind == NET_EVENT_SENT) {
                CHECK_MSG(!sent && ev.id == (uint64_t)(cycle + 1), "[restarts] %s", describe(&ev, what, sizeof what));
                sent = true;
            } else if (ev.kind == NET_EVENT_RECEIVED) {
                CHECK_MSG(!echoed && ev.len == (size_t)n && !memcmp(ev.data, text, (size_t)n), "[restarts] %s",
                          describe(&ev, what, sizeof what));
                echoed = true;
            }
            net_event_free(&ev);
        }
        echoes += echoed;
        /* The server restarts: the connection is lost, a retry is planned. */
        peer_stop(&p);
        if (wait_event(&h, NET_EVENT_RETRY, 5000, &ev, &seen, "gone")) {
            CHECK_MSG(ev.code >= 40 && ev.code <= 480, "[restarts] retry after %d ms", ev.code);
            grew += ev.code > last_delay;
            last_delay = ev.code;
            net_event_free(&ev);
        }
    }
    CHECK_MSG(reconnected == 20 && echoes == 20, "[restarts] %d reconnects, %d echoes", reconnected, echoes);
    CHECK_MSG(grew >= 3, "[restarts] the delays grew only %d times", grew);
    harness_stop(&h);
}

/* ---- another URL, from the connection bar ----------------------------------------- */

/* CONNECTING must name url. */
static void expect_connecting_to(struct harness *h, const char *url, const char *step)
{
    struct net_event ev;
    if (!expect_event(h, NET_EVENT_CONNECTING, EVENT_TIMEOUT_MS, &ev, step))
        return;
    CHECK_MSG(ev.data && strcmp(ev.data, url) == 0, "[%s] %s: CONNECTING to %s, wanted %s", h->name, step,
              ev.data ? ev.data : "(none)", url);
    net_event_free(&ev);
}

static void test_switch_url(void)
{
    struct peer p;
    if (!peer_start(&p, "echo", NULL, NULL))
        return;
    char peer[64];
    peer_url(&p, false, peer, sizeof peer);
    /* A server that takes the TCP connection and never answers the
     * upgrade: an attempt that stays in CONNECTING. */
    int hold = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    CHECK(hold >= 0 && bind(hold, (struct sockaddr *)&a, sizeof a) == 0 && listen(hold, 4) == 0 &&
          getsockname(hold, (struct sockaddr *)&a, &alen) == 0);
    char silent[64], refused[64];
    snprintf(silent, sizeof silent, "ws://127.0.0.1:%d/", ntohs(a.sin_port));
    snprintf(refused, sizeof refused, "ws://127.0.0.1:%d/", free_port());

    struct harness h;
    if (!harness_start(&h, "switch url", (struct net_config){.local_echo = true, .reconnect = true}))
        goto end;
    if (!expect_connected(&h, true))
        goto stop;
    struct net_event ev;

    /* A message queued just before the switch still goes to the old
     * server; then it closes normally and the new one is connected. */
    CHECK(net_send(h.net, 1, "to the old one", 14, false));
    CHECK(net_connect_to(h.net, peer));
    if (!expect_event(&h, NET_EVENT_SENT, EVENT_TIMEOUT_MS, &ev, "queued before the switch"))
        goto stop;
    net_event_free(&ev);
    unsigned seen = 0;
    if (!wait_event(&h, NET_EVENT_CLOSED, EVENT_TIMEOUT_MS, &ev, &seen, "the old connection closes"))
        goto stop;
    CHECK_MSG(ev.code == 1000 && ev.closer == NET_CLOSER_CLIENT, "[switch url] closed %d by %s", ev.code,
              closer_name(ev.closer));
    net_event_free(&ev);
    expect_connecting_to(&h, peer, "to the peer");
    if (!expect_event(&h, NET_EVENT_CONNECTED, EVENT_TIMEOUT_MS, &ev, "to the peer"))
        goto stop;
    net_event_free(&ev);
    echo_once(&h, 2, "on the new one", 14, false, "echo on the peer");

    /* The same URL again: nothing happens. */
    CHECK(net_connect_to(h.net, peer));
    expect_quiet(&h, 300, "the same URL while connected");

    /* To a port that refuses: it fails, and the reconnecting is for that
     * URL now... */
    CHECK(net_connect_to(h.net, refused));
    if (!wait_event(&h, NET_EVENT_CLOSED, EVENT_TIMEOUT_MS, &ev, NULL, "leaving the peer"))
        goto stop;
    net_event_free(&ev);
    expect_connecting_to(&h, refused, "to the refusing port");
    if (!expect_event(&h, NET_EVENT_FAILED, EVENT_TIMEOUT_MS, &ev, "refused"))
        goto stop;
    CHECK(ev.error == NET_ERROR_REFUSED);
    net_event_free(&ev);
    if (!expect_event(&h, NET_EVENT_RETRY, EVENT_TIMEOUT_MS, &ev, "a retry is scheduled"))
        goto stop;
    CHECK(ev.code > 0 && ev.id == 1);
    net_event_free(&ev);

    /* ...until the person picks one that answers nothing: the wait for a
     * retry ends, the attempt hangs in the handshake... */
    CHECK(net_connect_to(h.net, silent));
    expect_connecting_to(&h, silent, "to the silent server");
    expect_quiet(&h, 300, "the silent server answers nothing");
    /* ...and another one ends that attempt (cancelled, no retry) and
     * connects there. */
    CHECK(net_connect_to(h.net, peer));
    if (!expect_event(&h, NET_EVENT_FAILED, EVENT_TIMEOUT_MS, &ev, "the hanging attempt ends"))
        goto stop;
    CHECK_MSG(ev.error == NET_ERROR_CANCELLED, "[switch url] error %s", net_error_text(ev.error));
    net_event_free(&ev);
    expect_connecting_to(&h, peer, "back to the peer");
    if (!expect_event(&h, NET_EVENT_CONNECTED, EVENT_TIMEOUT_MS, &ev, "back to the peer"))
        goto stop;
    net_event_free(&ev);
    echo_once(&h, 3, "back again", 10, false, "echo after coming back");

    /* Not a URL (the UI checks first; the worker says so all the same). */
    CHECK(net_connect_to(h.net, "http://nope/"));
    if (expect_event(&h, NET_EVENT_FAILED, EVENT_TIMEOUT_MS, &ev, "not a URL")) {
        CHECK(ev.data && strstr(ev.data, "invalid URL http://nope/"));
        net_event_free(&ev);
    }
    echo_once(&h, 4, "still here", 10, false, "the connection stays");
    expect_client_close(&h);
stop:
    harness_stop(&h);
end:
    if (hold >= 0)
        close(hold);
    peer_stop(&p);
}

/* ---- a socket that takes nothing, or takes it late ------------------------------ */

#define SLOW_COUNT 120
#define SLOW_SIZE (256 << 10)
/* net.c's bound, and one message over it. */
#define SLOW_BOUND ((size_t)(16 << 20) + SLOW_SIZE + 64)

static char *slow_message(int i)
{
    char *m = malloc(SLOW_SIZE);
    if (m)
        for (size_t k = 0; k < SLOW_SIZE; k++)
            m[k] = (char)('a' + (i + k / 4096) % 26);
    return m;
}

/* The SLOW_COUNT messages, made once for both peers: making them byte by
 * byte under ThreadSanitizer takes longer than the sleepy peer's 2 s, which
 * start when the connection does. */
static char *slow_messages[SLOW_COUNT];

static bool make_slow_messages(void)
{
    for (int i = 0; i < SLOW_COUNT; i++)
        if (!slow_messages[i] && !(slow_messages[i] = slow_message(i)))
            return false;
    return true;
}

static void free_slow_messages(void)
{
    for (int i = 0; i < SLOW_COUNT; i++) {
        free(slow_messages[i]);
        slow_messages[i] = NULL;
    }
}

/* Sends SLOW_COUNT large messages to a peer that reads nothing for a while:
 * the worker holds at most the bound, the rest waits in order. */
static bool send_slow(struct harness *h, const char *step)
{
    for (int i = 0; i < SLOW_COUNT; i++) {
        CHECK(net_send(h->net, (uint64_t)i + 1, slow_messages[i], SLOW_SIZE, false));
        CHECK_MSG(net_unsent_bytes(h->net) <= SLOW_BOUND, "[%s] %s: %zu bytes in the worker after %d", h->name,
                  step, net_unsent_bytes(h->net), i + 1);
    }
    CHECK_MSG(net_backlog_count(h->net) > 0, "[%s] %s: nothing held back", h->name, step);
    return true;
}

static void test_slow_socket_peers(void);

static void test_slow_socket(void)
{
    CHECK_MSG(make_slow_messages(), "no memory for the slow socket's messages");
    test_slow_socket_peers();
    free_slow_messages();
}

static void test_slow_socket_peers(void)
{
    /* 1. A peer that never reads: the sends stop at the bound; Close still
     * closes (without its frame, which cannot get out), and every message
     * is reported once, in order: sent (into the socket) or not sent. */
    struct peer p;
    if (!peer_start(&p, "mute", NULL, NULL))
        return;
    struct harness h;
    if (harness_start_on(&h, &p, false, "mute reader", (struct net_config){.ping_interval_s = -1})) {
        if (expect_connected(&h, false)) {
            send_slow(&h, "to a peer that never reads");
            /* Let the socket fill up; the bound holds however long it takes. */
            int64_t until = now_ms() + 700;
            struct net_event ev;
            uint64_t next = 1;
            bool in_order = true;
            int sent = 0, not_sent = 0;
            while (next_event(&h, until, &ev)) {
                if (ev.kind == NET_EVENT_SENT) {
                    in_order &= ev.id == next++;
                    sent++;
                }
                CHECK(ev.kind != NET_EVENT_NOT_SENT && ev.kind != NET_EVENT_CLOSED);
                net_event_free(&ev);
                CHECK(net_unsent_bytes(h.net) <= SLOW_BOUND);
            }
            CHECK_MSG(sent < SLOW_COUNT / 2, "[mute reader] %d of %d went into a socket nobody reads", sent,
                      SLOW_COUNT);
            CHECK(net_backlog_count(h.net) > 0);
            int64_t asked = now_ms();
            CHECK(net_close(h.net));
            bool closed = false;
            while (!closed && next_event(&h, now_ms() + 10000, &ev)) {
                if (ev.kind == NET_EVENT_SENT || ev.kind == NET_EVENT_NOT_SENT) {
                    in_order &= ev.id == next++;
                    if (ev.kind == NET_EVENT_SENT)
                        sent++;
                    else
                        not_sent++;
                } else if (ev.kind == NET_EVENT_CLOSED) {
                    closed = true;
                    CHECK_MSG(ev.code == 1006 && ev.closer == NET_CLOSER_NONE, "[mute reader] closed %d by %s",
                              ev.code, closer_name(ev.closer));
                }
                net_event_free(&ev);
            }
            int64_t took = now_ms() - asked;
            CHECK_MSG(closed && took < 7000, "[mute reader] closed %d after %" PRId64 " ms", closed, took);
            /* Those that never reached the worker are answered too. */
            while (sent + not_sent < SLOW_COUNT && next_event(&h, now_ms() + 5000, &ev)) {
                if (ev.kind == NET_EVENT_SENT || ev.kind == NET_EVENT_NOT_SENT) {
                    in_order &= ev.id == next++;
                    not_sent += ev.kind == NET_EVENT_NOT_SENT;
                    sent += ev.kind == NET_EVENT_SENT;
                }
                net_event_free(&ev);
            }
            CHECK_MSG(sent + not_sent == SLOW_COUNT && in_order, "[mute reader] %d sent + %d not sent, in order %d",
                      sent, not_sent, in_order);
            CHECK(net_unsent_bytes(h.net) == 0);
        }
        harness_stop(&h);
    }
    peer_stop(&p);

    /* 2. A peer that reads after 2 s: everything arrives, in order, whole. */
    if (!peer_start(&p, "sleepy", NULL, NULL))
        return;
    if (harness_start_on(&h, &p, false, "sleepy reader", (struct net_config){0})) {
        if (expect_connected(&h, false)) {
            send_slow(&h, "to a peer that reads late");
            uint64_t next_sent = 1;
            int received = 0;
            bool ok = true;
            struct net_event ev;
            size_t most = 0;
            while (received < SLOW_COUNT && next_event(&h, now_ms() + 20000, &ev)) {
                if (ev.kind == NET_EVENT_SENT) {
                    ok &= ev.id == next_sent++;
                } else if (ev.kind == NET_EVENT_RECEIVED) {
                    const char *want = slow_messages[received];
                    ok &= want && ev.len == SLOW_SIZE && memcmp(ev.data, want, SLOW_SIZE) == 0;
                    received++;
                } else if (ev.kind != NET_EVENT_PONG) {
                    char text[256];
                    CHECK_MSG(false, "[sleepy reader] unexpected %s", describe(&ev, text, sizeof text));
                    ok = false;
                }
                net_event_free(&ev);
                size_t unsent = net_unsent_bytes(h.net);
                most = unsent > most ? unsent : most;
            }
            CHECK_MSG(ok && received == SLOW_COUNT && next_sent == SLOW_COUNT + 1,
                      "[sleepy reader] %d received, %" PRIu64 " sent, in order %d", received, next_sent - 1, ok);
            CHECK_MSG(most <= SLOW_BOUND, "[sleepy reader] %zu bytes held in the worker", most);
            CHECK(net_unsent_bytes(h.net) == 0 && net_backlog_count(h.net) == 0);
            expect_client_close(&h);
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    static const struct net_case tests[] = {
        {"local echo", test_local_echo},
        {"peer echo", test_peer_echo},
        {"encoded binary", test_encoded_binary},
        {"server close", test_server_close},
        {"refused", test_refused},
        {"offline", test_offline_echo},
        {"drop", test_drop},
        {"silent", test_silent},
        {"reject", test_reject},
        {"tls", test_tls},
        {"too big", test_too_big},
        {"invalid utf8", test_invalid_utf8},
        {"fragments", test_fragments},
        {"close after queue", test_close_after_queue},
        {"not connected", test_not_connected},
        {"transcript", test_transcript},
        {"backpressure", test_backpressure},
        {"stop closes", test_stop_closes},
        {"start/stop", test_start_stop},
        {"handshake options", test_handshake_options},
        {"keepalive", test_keepalive},
        {"reconnect", test_reconnect},
        {"queue offline", test_queue_offline},
        {"restarts", test_restarts},
        {"switch url", test_switch_url},
        {"slow socket", test_slow_socket},
    };
    run_cases(tests, sizeof tests / sizeof tests[0], "PONTE_NET_ONLY");
    return check_summary("net");
}
