/* SPDX-License-Identifier: MIT */
/* test_frames: the frames a person sends to test a server (the frame menu,
 * --slash), through src/net.c as the window sends them, against
 * tests/net/peers/frames_peer.py: Debian's python3-websockets server taught
 * to print every frame it reads ("frame OPCODE FIN HEX"). Each case asserts
 * both sides: the events Ponte reports and the frames that arrived, byte for
 * byte: a ping's payload and its pong's round trip, an unsolicited pong, a
 * message in exactly N fragments (text and binary, empty fragments too), a
 * close with the person's code and reason, a text frame that is not UTF-8
 * and the server's 1007, and what is refused before anything is sent.
 * The same on libwebsockets 4.1.6 and 4.3.
 *
 * Environment: PONTE_PYTHON (default /usr/bin/python3), PONTE_FRAMES_PEER
 * (default tests/net/peers/frames_peer.py), PONTE_NET_ONLY (one case). */
#define _POSIX_C_SOURCE 200809L /* posix_spawn, pipes, clock_gettime */
#define _DEFAULT_SOURCE

#include "net_harness.h"

#include "frames.h"

#define STEP_MS 10000

static const char *frames_peer_path(void)
{
    const char *p = getenv("PONTE_FRAMES_PEER");
    return p && *p ? p : "tests/net/peers/frames_peer.py";
}

static void stop(struct harness *h, struct peer *p);

/* The peer, and Ponte connected to it with no keepalive pings (so every
 * frame the peer reports is one the test asked for); false, with both
 * stopped, when that did not work. */
static bool start(struct peer *p, struct harness *h, const char *name)
{
    memset(h, 0, sizeof *h);
    if (!peer_spawn(p, frames_peer_path(), NULL, 0))
        return false;
    if (harness_start_on(h, p, false, name, (struct net_config){.ping_interval_s = -1}) &&
        expect_connected(h, false))
        return true;
    stop(h, p);
    return false;
}

/* A payload as the peer prints it: hex, "-" when empty, #LENGTH:FNV-1a-32
 * over 256 bytes. */
static void hex(const void *data, size_t len, char *out, size_t cap)
{
    const unsigned char *b = data;
    size_t at = 0;
    if (len > 256) {
        uint32_t h = 0x811C9DC5u;
        for (size_t i = 0; i < len; i++)
            h = (h ^ b[i]) * 0x01000193u;
        snprintf(out, cap, "#%zu:%08x", len, (unsigned)h);
        return;
    }
    for (size_t i = 0; i < len && at + 3 <= cap; i++)
        at += (size_t)snprintf(out + at, cap - at, "%02x", b[i]);
    if (!len)
        snprintf(out, cap, "-");
}

/* The peer's next frame line must be this frame. */
static bool expect_frame(struct harness *h, struct peer *p, int opcode, int fin, const void *payload, size_t len,
                         const char *step)
{
    char want[600], line[700], data[520];
    hex(payload, len, data, sizeof data);
    snprintf(want, sizeof want, "frame %d %d %s", opcode, fin, data);
    bool got = read_line(&p->out, line, sizeof line, now_ms() + STEP_MS);
    CHECK_MSG(got && strcmp(line, want) == 0, "[%s] %s: the peer read \"%s\", wanted \"%s\"", h->name, step,
              got ? line : "nothing", want);
    return got && strcmp(line, want) == 0;
}

/* The next event is kind with exactly this payload. */
static bool expect_payload(struct harness *h, enum net_event_kind kind, const void *payload, size_t len,
                           struct net_event *ev, const char *step)
{
    if (!expect_event(h, kind, STEP_MS, ev, step))
        return false;
    bool same = ev->len == len && ev->error == NET_ERROR_NONE && (!len || (ev->data && !memcmp(ev->data, payload, len)));
    CHECK_MSG(same, "[%s] %s: payload of %zu bytes (error %s), wanted %zu", h->name, step, ev->len,
              net_error_text(ev->error), len);
    return same;
}

static void stop(struct harness *h, struct peer *p)
{
    if (h->net)
        harness_stop(h);
    peer_stop(p);
}

static void ping_and_pong(const char *payload, size_t len, const char *step)
{
    struct peer p;
    struct harness h;
    if (!start(&p, &h, step))
        return;
    struct net_event ev;
    CHECK(net_ping(h.net, payload, len));
    if (expect_payload(&h, NET_EVENT_PING_SENT, payload, len, &ev, "ping sent"))
        net_event_free(&ev);
    expect_frame(&h, &p, 9, 1, payload, len, "the ping");
    if (expect_payload(&h, NET_EVENT_PING_ANSWERED, payload, len, &ev, "its pong")) {
        CHECK_MSG(ev.code > 0 && ev.code < 5 * 1000 * 1000, "[%s] round trip %d us", h.name, ev.code);
        fprintf(stderr, "  [%s] the pong came after %d us\n", h.name, ev.code);
        net_event_free(&ev);
    }
    /* A pong nobody asked for: the server takes it and says nothing. */
    CHECK(net_pong(h.net, "unasked", 7));
    if (expect_payload(&h, NET_EVENT_PONG_SENT, "unasked", 7, &ev, "pong sent"))
        net_event_free(&ev);
    expect_frame(&h, &p, 10, 1, "unasked", 7, "the pong");
    expect_quiet(&h, 300, "after the pong");
    expect_client_close(&h);
    expect_frame(&h, &p, 8, 1, "\x03\xe8", 2, "the close");
    stop(&h, &p);
}

static void test_ping(void)
{
    ping_and_pong("hello ping", 10, "ping");
}

static void test_ping_empty(void)
{
    ping_and_pong("", 0, "empty ping");
}

static void test_ping_largest(void)
{
    char payload[FRAMES_CONTROL_MAX];
    for (size_t i = 0; i < sizeof payload; i++)
        payload[i] = (char)(i * 7); /* every kind of byte: a ping is not text */
    ping_and_pong(payload, sizeof payload, "125-byte ping");
}

/* A ping whose payload is 8 bytes, as the keepalive's are: still the
 * person's (its payload is remembered), not a keepalive round trip. */
static void test_ping_eight(void)
{
    ping_and_pong("\0\0\0\0\0\0\0\1", 8, "8-byte ping");
}

/* len bytes in count fragments: the frames the peer reads, the SENT with
 * their number, and the echo of the whole message. */
static void fragments(size_t len, unsigned count, bool binary, const char *step)
{
    struct peer p;
    struct harness h;
    if (!start(&p, &h, step))
        return;
    char *data = malloc(len ? len : 1);
    for (size_t i = 0; i < len; i++)
        data[i] = binary ? (char)(i * 13) : (char)('a' + i % 26);
    struct net_event ev;
    CHECK(net_send_fragments(h.net, 1, data, len, binary, count));
    if (expect_event(&h, NET_EVENT_SENT, STEP_MS, &ev, "sent")) {
        CHECK_MSG(ev.id == 1 && (unsigned)ev.code == count, "[%s] SENT id %" PRIu64 " fragments %d", h.name, ev.id,
                  ev.code);
        net_event_free(&ev);
    }
    bool all = true;
    for (unsigned i = 0; i < count && all; i++) {
        size_t s, e;
        frames_fragment_bounds(len, count, i, &s, &e);
        char what[64];
        snprintf(what, sizeof what, "fragment %u of %u", i + 1, count);
        all = expect_frame(&h, &p, i == 0 ? (binary ? 2 : 1) : 0, i + 1 == count, data + s, e - s, what);
    }
    if (expect_event(&h, NET_EVENT_RECEIVED, STEP_MS, &ev, "the echo")) {
        CHECK_MSG(ev.len == len && ev.binary == binary && (!len || !memcmp(ev.data, data, len)),
                  "[%s] the echo: %zu bytes binary %d", h.name, ev.len, ev.binary);
        net_event_free(&ev);
    }
    expect_client_close(&h);
    free(data);
    stop(&h, &p);
}

static void test_fragments_text(void)
{
    fragments(22, 4, false, "4 text fragments");
}

static void test_fragments_binary(void)
{
    fragments(100000, 3, true, "3 binary fragments of 33 KiB");
}

static void test_fragments_empty(void)
{
    fragments(3, 5, false, "5 fragments of 3 bytes (two empty)");
}

static void test_fragments_many(void)
{
    fragments(5000, 1000, false, "1000 fragments");
}

/* A ping asked for while a message is being written goes between two of
 * its frames, not after it (RFC 6455 5.4: control frames may be injected in
 * the middle of a fragmented message). The peer reads nothing for 2 s,
 * so 32 MiB in 1,000 fragments is still going out when the ping is asked for. */
static void test_interleave(void)
{
    struct peer p;
    struct harness h;
    if (!peer_spawn(&p, frames_peer_path(), (const char *const[]){"--sleep", "2", NULL}, 0))
        return;
    if (!harness_start_on(&h, &p, false, "interleave",
                          (struct net_config){.ping_interval_s = -1, .max_message = (size_t)64 << 20}) ||
        !expect_connected(&h, false)) {
        stop(&h, &p);
        return;
    }
    size_t len = (size_t)32 << 20;
    char *data = malloc(len);
    for (size_t i = 0; i < len; i++)
        data[i] = (char)('a' + i % 26);
    CHECK(net_send_fragments(h.net, 1, data, len, false, 1000));
    usleep(500 * 1000); /* the message is being written, and the socket is full */
    CHECK(net_ping(h.net, "between", 7));
    int ping_at = -1, fragments = 0;
    char line[700];
    while (fragments < 1000 && read_line(&p.out, line, sizeof line, now_ms() + 30000)) {
        if (!strncmp(line, "frame 9 1 ", 10)) {
            CHECK_MSG(!strcmp(line + 10, "6265747765656e"), "the ping: %s", line);
            ping_at = fragments;
        } else if (!strncmp(line, "frame ", 6)) {
            fragments++;
        }
    }
    CHECK_MSG(fragments == 1000, "%d fragments read", fragments);
    fprintf(stderr, "  [interleave] the ping went after fragment %d of 1000\n", ping_at);
    CHECK_MSG(ping_at > 0 && ping_at < 1000, "the ping went after fragment %d (wanted between two of them)", ping_at);
    struct net_event ev;
    unsigned seen = 0;
    if (wait_event(&h, NET_EVENT_RECEIVED, 30000, &ev, &seen, "the echo")) {
        CHECK(ev.len == len && !memcmp(ev.data, data, len));
        net_event_free(&ev);
    }
    CHECK_MSG(seen & (1u << NET_EVENT_PING_ANSWERED), "no pong came back");
    free(data);
    stop(&h, &p);
}

/* The person's close: code and reason on the wire, and the same in CLOSED. */
static void close_with(int code, const char *reason)
{
    struct peer p;
    struct harness h;
    char name[64];
    snprintf(name, sizeof name, "close %d", code);
    if (!start(&p, &h, name))
        return;
    size_t len = strlen(reason);
    CHECK(net_close_code(h.net, code, reason, len));
    struct net_event ev;
    if (expect_event(&h, NET_EVENT_CLOSED, STEP_MS, &ev, "closed")) {
        CHECK_MSG(ev.code == code && ev.closer == NET_CLOSER_CLIENT && ev.error == NET_ERROR_NONE &&
                      ev.len == len && (!len || !memcmp(ev.data, reason, len)),
                  "[%s] CLOSED %d by %s error %s reason \"%s\"", h.name, ev.code, closer_name(ev.closer),
                  net_error_text(ev.error), ev.data ? ev.data : "");
        net_event_free(&ev);
    }
    unsigned char body[2 + FRAMES_REASON_MAX];
    body[0] = (unsigned char)(code >> 8);
    body[1] = (unsigned char)code;
    memcpy(body + 2, reason, len);
    expect_frame(&h, &p, 8, 1, body, 2 + len, "the close frame");
    char line[64], want[32];
    snprintf(want, sizeof want, "closed %d", code);
    CHECK_MSG(read_line(&p.out, line, sizeof line, now_ms() + STEP_MS) && strcmp(line, want) == 0,
              "[%s] the peer saw \"%s\", wanted \"%s\"", h.name, line, want);
    stop(&h, &p);
}

static void test_close_codes(void)
{
    close_with(4001, "bye now");
    close_with(1001, "");
    close_with(3000, "caf\xC3\xA9 \xE2\x9C\x93");
    char longest[FRAMES_REASON_MAX + 1];
    memset(longest, 'r', FRAMES_REASON_MAX);
    longest[FRAMES_REASON_MAX] = '\0';
    close_with(1000, longest);
}

/* What RFC 6455 forbids is refused by net.c itself, and nothing goes: the
 * next frame the peer reads is the ping sent after them. */
static void test_refused(void)
{
    struct peer p;
    struct harness h;
    if (!start(&p, &h, "refused"))
        return;
    static const int codes[] = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        CHECK_MSG(!net_close_code(h.net, codes[i], "", 0), "close code %d was taken", codes[i]);
    char big[200];
    memset(big, 'x', sizeof big);
    CHECK(!net_close_code(h.net, 1000, big, FRAMES_REASON_MAX + 1));
    CHECK(!net_close_code(h.net, 1000, "\xFF", 1));
    CHECK(!net_ping(h.net, big, FRAMES_CONTROL_MAX + 1));
    CHECK(!net_pong(h.net, big, FRAMES_CONTROL_MAX + 1));
    CHECK(!net_send_fragments(h.net, 1, big, 10, false, 1));
    CHECK(!net_send_fragments(h.net, 1, big, 10, false, FRAMES_FRAGMENTS_MAX + 1));
    expect_quiet(&h, 300, "refused frames");
    struct net_event ev;
    CHECK(net_ping(h.net, "after", 5));
    if (expect_payload(&h, NET_EVENT_PING_SENT, "after", 5, &ev, "the ping after"))
        net_event_free(&ev);
    expect_frame(&h, &p, 9, 1, "after", 5, "the first frame after the refusals");
    if (expect_payload(&h, NET_EVENT_PING_ANSWERED, "after", 5, &ev, "its pong"))
        net_event_free(&ev);
    expect_client_close(&h);
    stop(&h, &p);
}

/* A text frame that is not UTF-8: the bytes go as they are, and the server
 * closes with 1007 (RFC 6455 8.1). */
static void test_invalid_utf8(void)
{
    struct peer p;
    struct harness h;
    if (!start(&p, &h, "invalid utf8"))
        return;
    struct frames_request r;
    CHECK(frames_build(FRAMES_INVALID_UTF8, "caf\\xc3(", 8, 0, 0, &r) == FRAMES_OK);
    CHECK(r.len == 5 && !memcmp(r.data, "caf\xC3(", 5));
    CHECK(net_frame(h.net, 7, &r));
    struct net_event ev;
    if (expect_event(&h, NET_EVENT_SENT, STEP_MS, &ev, "sent")) {
        CHECK(ev.id == 7 && !ev.binary && ev.code == 0);
        net_event_free(&ev);
    }
    expect_frame(&h, &p, 1, 1, "caf\xC3(", 5, "the text frame");
    if (expect_event(&h, NET_EVENT_CLOSED, STEP_MS, &ev, "the server's answer")) {
        CHECK_MSG(ev.code == 1007 && ev.closer == NET_CLOSER_SERVER, "[%s] closed %d by %s", h.name, ev.code,
                  closer_name(ev.closer));
        net_event_free(&ev);
    }
    frames_request_free(&r);
    stop(&h, &p);
}

/* Not connected: the ping and pong come back not sent, named. */
static void test_not_connected(void)
{
    struct harness h;
    if (!harness_start(&h, "not connected", (struct net_config){.url = "ws://127.0.0.1:9/", .no_connect = true}))
        return;
    struct net_event ev;
    CHECK(net_ping(h.net, "x", 1));
    if (expect_event(&h, NET_EVENT_PING_SENT, STEP_MS, &ev, "ping")) {
        CHECK_NET_ERROR(&h, &ev, NET_ERROR_NOT_CONNECTED);
        CHECK(ev.len == 1 && ev.data && ev.data[0] == 'x' && ev.data[1] == '\0');
        net_event_free(&ev);
    }
    CHECK(net_pong(h.net, "", 0));
    if (expect_event(&h, NET_EVENT_PONG_SENT, STEP_MS, &ev, "pong")) {
        CHECK_NET_ERROR(&h, &ev, NET_ERROR_NOT_CONNECTED);
        net_event_free(&ev);
    }
    harness_stop(&h);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    static const struct net_case tests[] = {
        {"ping", test_ping},
        {"empty ping", test_ping_empty},
        {"125-byte ping", test_ping_largest},
        {"8-byte ping", test_ping_eight},
        {"text fragments", test_fragments_text},
        {"binary fragments", test_fragments_binary},
        {"empty fragments", test_fragments_empty},
        {"1000 fragments", test_fragments_many},
        {"interleave", test_interleave},
        {"close codes", test_close_codes},
        {"refused", test_refused},
        {"invalid utf8", test_invalid_utf8},
        {"not connected", test_not_connected},
    };
    run_cases(tests, sizeof tests / sizeof tests[0], "PONTE_NET_ONLY");
    return check_summary("frames");
}
