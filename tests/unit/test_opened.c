/* SPDX-License-Identifier: MIT */
/* test_opened: a recording turned into the read-only conversation model.
 * Every kind of entry becomes what the live conversation shows for it
 * (bubbles with their times, binary, invalid UTF-8, fragments, not sent;
 * event lines for connections, pings and pongs, closes with code and who
 * closed, failures, unknown events), a damaged line a line with its number
 * and why (at the time of the entry before it), the span and the counts;
 * a HAR's messages after their connection; echoes get their round trip. */
#include "check.h"
#include "display.h"
#include "opened.h"
#include "recording.h"

#include <stdio.h>
#include <string.h>

/* 2026-11-25T04:05:06.000000Z */
#define T0 INT64_C(1795579506000000)

static const char every_kind[] =
    "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"connecting\",\"url\":\"ws://a.test/\"}\n"          /* 1 */
    "{\"ts\":\"2026-11-25T04:05:06.100000Z\",\"event\":\"connected\",\"url\":\"ws://a.test/\"}\n"           /* 2 */
    "{\"ts\":\"2026-11-25T04:05:07.000000Z\",\"event\":\"sent\",\"text\":\"hi\"}\n"                          /* 3 */
    "{\"ts\":\"2026-11-25T04:05:07.002000Z\",\"event\":\"received\",\"text\":\"hi\"}\n"                      /* 4 */
    "{\"ts\":\"2026-11-25T04:05:08.000000Z\",\"event\":\"received\",\"base64\":\"AAH/\"}\n"                 /* 5 */
    "{\"ts\":\"2026-11-25T04:05:09.000000Z\",\"event\":\"sent\",\"text\":\"in three\",\"fragments\":3}\n"    /* 6 */
    "{\"ts\":\"2026-11-25T04:05:09.500000Z\",\"event\":\"sent\",\"base64\":\"YcM=\",\"invalid_utf8\":true}\n" /* 7 */
    "not a record\n"                                                                                     /* 8 */
    "{\"ts\":\"2026-11-25T04:05:10.000000Z\",\"event\":\"ping_sent\",\"text\":\"pi\"}\n"                     /* 9 */
    "{\"ts\":\"2026-11-25T04:05:10.001000Z\",\"event\":\"pong_received\",\"rtt_us\":1000,\"text\":\"pi\"}\n" /* 10 */
    "{\"ts\":\"2026-11-25T04:05:10.500000Z\",\"event\":\"pong_not_sent\",\"text\":\"po\",\"reason\":\"not connected\"}\n"
    "{\"ts\":\"2026-11-25T04:05:11.000000Z\",\"event\":\"not_sent\",\"text\":\"late\",\"reason\":\"message too big\"}\n"
    "{\"ts\":\"2026-11-25T04:05:12.000000Z\",\"event\":\"closed\",\"code\":4001,\"reason\":\"bye\",\"by\":\"server\"}\n"
    "{\"ts\":\"2026-11-25T04:05:13.000000Z\",\"event\":\"reconnecting\",\"attempt\":1,\"delay_ms\":500}\n"
    "{\"ts\":\"2026-11-25T04:05:14.000000Z\",\"event\":\"error\",\"reason\":\"host not found\",\"detail\":\"a.test\"}\n"
    "{\"ts\":\"2026-11-25T04:05:15.000000Z\",\"event\":\"connecting\",\"url\":\"ws://b.test/\"}\n"
    "{\"ts\":\"2026-11-25T04:05:16.000000Z\",\"event\":\"teleported\"}\n"
    "{\"ts\":\"2026-11-25T04:05:17.000000Z\",\"event\":\"error\",\"reason\":\"a reason of another Ponte\"}\n";

static const struct chat_message *at(const struct opened *o, size_t i)
{
    return i < o->chat.count ? &o->chat.messages[i] : NULL;
}

static void line_of(const struct opened *o, size_t i, char *out, size_t n)
{
    const struct chat_message *m = at(o, i);
    out[0] = '\0';
    if (m && m->kind == CHAT_EVENT)
        display_event(&o->chat, m, out, n);
}

static void test_every_kind(void)
{
    struct recording rec = {0};
    struct opened o;
    char err[256] = "", text[512];
    opened_init(&o);
    CHECK_MSG(recording_read(&rec, every_kind, strlen(every_kind), err, sizeof err), "%s", err);
    CHECK(opened_from_recording(&o, &rec));
    CHECK_MSG(o.chat.count == 16, "%zu rows", o.chat.count);
    CHECK(o.entries == 18 && o.damaged == 1 && o.messages == 6);
    CHECK(o.first_us == T0 && o.last_us == T0 + 11000000);
    CHECK(o.format == RECORDING_TRANSCRIPT && strcmp(o.chat.url, "ws://a.test/") == 0);
    CHECK(o.chat.sent == 3 && o.chat.received == 2 && o.chat.not_sent == 1);
    if (o.chat.count != 16) {
        opened_free(&o);
        recording_free(&rec);
        return;
    }
    /* The first attempt has no line (as live); CONNECTED has. */
    line_of(&o, 0, text, sizeof text);
    CHECK_MSG(at(&o, 0)->event == NET_EVENT_CONNECTED && strstr(text, "ws://a.test/"), "%s", text);
    CHECK(at(&o, 1)->kind == CHAT_SENT && at(&o, 1)->state == CHAT_DONE && at(&o, 1)->time_us == T0 + 1000000 &&
          strcmp(at(&o, 1)->text, "hi") == 0);
    CHECK_MSG(at(&o, 2)->kind == CHAT_RECEIVED && at(&o, 2)->rtt_us == 2000, "the echo's round trip: %u",
              (unsigned)at(&o, 2)->rtt_us);
    CHECK(at(&o, 3)->kind == CHAT_RECEIVED && at(&o, 3)->binary && at(&o, 3)->len == 3 &&
          memcmp(at(&o, 3)->text, "\x00\x01\xFF", 3) == 0);
    CHECK(at(&o, 4)->kind == CHAT_SENT && at(&o, 4)->code == 3);
    CHECK(at(&o, 5)->kind == CHAT_SENT && at(&o, 5)->invalid_utf8 && !at(&o, 5)->binary && at(&o, 5)->len == 2);
    /* The damaged line: its number and why, at the time before it. */
    line_of(&o, 6, text, sizeof text);
    CHECK_MSG(at(&o, 6)->event == CHAT_EVENT_DAMAGED && strcmp(text, "Line 8 is damaged: column 1: a record starts with '{'") == 0,
              "%s", text);
    CHECK(at(&o, 6)->time_us == T0 + 3500000);
    line_of(&o, 7, text, sizeof text);
    CHECK_MSG(at(&o, 7)->event == NET_EVENT_PING_SENT && strstr(text, "pi"), "%s", text);
    line_of(&o, 8, text, sizeof text);
    CHECK_MSG(at(&o, 8)->event == NET_EVENT_PING_ANSWERED && at(&o, 8)->rtt_us == 1000 && strstr(text, "1.00 ms"),
              "%s", text);
    CHECK(at(&o, 9)->event == NET_EVENT_PONG_SENT && at(&o, 9)->error == NET_ERROR_NOT_CONNECTED);
    CHECK(at(&o, 10)->kind == CHAT_SENT && at(&o, 10)->state == CHAT_NOT_SENT &&
          at(&o, 10)->error == NET_ERROR_TOO_BIG && at(&o, 10)->recalled);
    line_of(&o, 11, text, sizeof text);
    CHECK_MSG(at(&o, 11)->event == NET_EVENT_CLOSED && at(&o, 11)->code == 4001 &&
                  at(&o, 11)->closer == NET_CLOSER_SERVER && strstr(text, "4001") && strstr(text, "bye"),
              "%s", text);
    /* (reconnecting: no line) */
    line_of(&o, 12, text, sizeof text);
    CHECK_MSG(at(&o, 12)->event == NET_EVENT_FAILED && at(&o, 12)->error == NET_ERROR_HOST_NOT_FOUND &&
                  strstr(text, "a.test"),
              "%s", text);
    line_of(&o, 13, text, sizeof text);
    CHECK_MSG(at(&o, 13)->event == NET_EVENT_CONNECTING && strstr(text, "ws://b.test/"), "%s", text);
    line_of(&o, 14, text, sizeof text);
    CHECK_MSG(at(&o, 14)->event == CHAT_EVENT_UNKNOWN && strstr(text, "teleported"), "%s", text);
    line_of(&o, 15, text, sizeof text);
    CHECK_MSG(at(&o, 15)->event == NET_EVENT_FAILED && strstr(text, "a reason of another Ponte"), "%s", text);
    opened_free(&o);
    recording_free(&rec);
}

/* Only damaged lines, and an empty model: no span, no times. */
static void test_no_times(void)
{
    struct recording rec = {0};
    struct opened o;
    opened_init(&o);
    static const char first_damaged[] = "oops\n{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"sent\",\"text\":\"x\"}\n";
    char err[256];
    CHECK(recording_read(&rec, first_damaged, strlen(first_damaged), err, sizeof err));
    CHECK(opened_from_recording(&o, &rec));
    CHECK(o.chat.count == 2 && o.damaged == 1 && o.messages == 1 && o.first_us == T0 && o.last_us == T0);
    CHECK(o.chat.count == 2 && o.chat.messages[0].time_us == 0 && o.chat.messages[0].rtt_us == 1);
    opened_free(&o);
    recording_free(&rec);
    opened_init(&o);
    CHECK(o.chat.count == 0 && o.first_us == 0 && o.chat.connection == CHAT_DISCONNECTED);
    opened_free(&o);
}

/* A HAR: a connected line with the request's URL, then the messages. */
static void test_har(void)
{
    static const char har[] =
        "{\"log\":{\"entries\":[{\"request\":{\"url\":\"wss://h.test/s\"},\"_webSocketMessages\":["
        "{\"type\":\"send\",\"time\":1795579506.0,\"opcode\":1,\"data\":\"q\"},"
        "{\"type\":\"receive\",\"time\":1795579506.5,\"opcode\":2,\"data\":\"AAE=\"}]}]}}";
    struct recording rec = {0};
    struct opened o;
    char err[256], text[256];
    opened_init(&o);
    CHECK_MSG(recording_read(&rec, har, strlen(har), err, sizeof err), "%s", err);
    CHECK(opened_from_recording(&o, &rec));
    CHECK(o.format == RECORDING_HAR && o.chat.count == 3 && o.messages == 2);
    line_of(&o, 0, text, sizeof text);
    CHECK_MSG(strstr(text, "wss://h.test/s") != NULL, "%s", text);
    CHECK(o.chat.count == 3 && o.chat.messages[1].kind == CHAT_SENT && o.chat.messages[2].binary &&
          o.chat.messages[2].len == 2);
    CHECK(o.first_us == T0 && o.last_us == T0 + 500000);
    opened_free(&o);
    recording_free(&rec);
}

int main(void)
{
    test_every_kind();
    test_no_times();
    test_har();
    return check_summary("opened");
}
