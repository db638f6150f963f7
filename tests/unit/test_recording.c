/* SPDX-License-Identifier: MIT */
/* test_recording: recordings read back into entries. A transcript written
 * by transcript.c itself (every kind of event), damaged lines with their
 * numbers, a rotated set read oldest first, HAR files in Chrome's and
 * Firefox's shapes (binary messages as base64), the limits, and files that
 * are neither. */
#define _POSIX_C_SOURCE 200809L /* mkstemp */

#include "check.h"
#include "i18n.h"
#include "msg.h"
#include "recording.h"
#include "transcript.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir_path[64];

static bool read_text(struct recording *rec, const char *text)
{
    char err[256] = "";
    bool ok = recording_read(rec, text, strlen(text), err, sizeof err);
    CHECK_MSG(ok, "%s", err);
    return ok;
}

/* 2026-11-25T04:05:06.123456Z */
#define T0 INT64_C(1795579506123456)

static void test_own_transcript(void)
{
    char path[96], err[256];
    snprintf(path, sizeof path, "%s/own.jsonl", dir_path);
    struct transcript *t = transcript_open(path, err, sizeof err);
    CHECK_MSG(t != NULL, "%s", err);
    if (!t)
        return;
    struct transcript_place place = {.url = "ws://127.0.0.1:9/chat", .proxy = NULL, .headers = NULL};
    struct net_connected connected = {0};
    strcpy(connected.protocol, "chat.v2");
    static const char bin[] = {0, 1, 2, (char)0xFF, 'x'};
    static const char bad_utf8[] = {'a', (char)0xC3};
    struct net_event evs[] = {
        {.kind = NET_EVENT_CONNECTING, .time_us = T0},
        {.kind = NET_EVENT_CONNECTED, .time_us = T0 + 1, .connected = &connected},
        {.kind = NET_EVENT_SENT, .time_us = T0 + 2},
        {.kind = NET_EVENT_RECEIVED, .time_us = T0 + 3, .binary = true},
        {.kind = NET_EVENT_SENT, .time_us = T0 + 4, .code = 3},
        {.kind = NET_EVENT_PING_SENT, .time_us = T0 + 5},
        {.kind = NET_EVENT_PING_ANSWERED, .time_us = T0 + 6, .code = 1234},
        {.kind = NET_EVENT_PONG_SENT, .time_us = T0 + 7},
        {.kind = NET_EVENT_NOT_SENT, .time_us = T0 + 8, .error = NET_ERROR_NOT_CONNECTED},
        {.kind = NET_EVENT_CLOSED, .time_us = T0 + 9, .code = 4001, .closer = NET_CLOSER_SERVER,
         .data = "bye", .len = 3},
        {.kind = NET_EVENT_FAILED, .time_us = T0 + 10, .error = NET_ERROR_HOST_NOT_FOUND, .data = "detail!", .len = 7},
        {.kind = NET_EVENT_RECEIVED, .time_us = T0 + 11},
    };
    struct {
        const char *payload;
        size_t len;
    } payloads[] = {
        {NULL, 0}, {NULL, 0}, {"hello \"you\"\n", 12}, {bin, sizeof bin}, {"in three", 8}, {"pi", 2},
        {"pi", 2},  {"po", 2},  {"late", 4}, {NULL, 0}, {NULL, 0}, {bad_utf8, sizeof bad_utf8},
    };
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++)
        transcript_net_event(t, &evs[i], &place, payloads[i].payload, payloads[i].len);
    transcript_close(t);

    struct recording rec = {0};
    CHECK_MSG(recording_load(&rec, path, err, sizeof err), "%s", err);
    CHECK(rec.format == RECORDING_TRANSCRIPT && rec.count == 12 && rec.damaged == 0);
    CHECK(rec.file_count == 1 && strcmp(rec.files[0], path) == 0);
    CHECK(rec.url && strcmp(rec.url, place.url) == 0);
    if (rec.count != 12) {
        recording_free(&rec);
        return;
    }
    struct recording_entry *e = rec.entries;
    for (size_t i = 0; i < 12; i++)
        CHECK_MSG(e[i].time_us == T0 + (int64_t)i && e[i].line == i + 1 && e[i].file == 0,
                  "entry %zu: time %lld line %zu", i, (long long)e[i].time_us, e[i].line);
    CHECK(e[0].kind == RECORDING_CONNECTING && e[0].direction == RECORDING_NONE &&
          strcmp(e[0].url, place.url) == 0);
    CHECK(e[1].kind == RECORDING_CONNECTED && strcmp(e[1].url, place.url) == 0 &&
          strcmp(e[1].protocol, "chat.v2") == 0);
    CHECK(e[2].kind == RECORDING_SENT && e[2].direction == RECORDING_OUT && !e[2].binary &&
          e[2].len == 12 && memcmp(e[2].data, "hello \"you\"\n", 13) == 0 && e[2].number == 0);
    CHECK(e[3].kind == RECORDING_RECEIVED && e[3].direction == RECORDING_IN && e[3].binary &&
          e[3].len == sizeof bin && memcmp(e[3].data, bin, sizeof bin) == 0 && e[3].data[e[3].len] == '\0');
    CHECK(e[4].kind == RECORDING_SENT && e[4].number == 3);
    CHECK(e[5].kind == RECORDING_PING_SENT && e[5].direction == RECORDING_OUT && e[5].len == 2);
    CHECK(e[6].kind == RECORDING_PONG_RECEIVED && e[6].direction == RECORDING_IN && e[6].number == 1234 &&
          strcmp(e[6].data, "pi") == 0);
    CHECK(e[7].kind == RECORDING_PONG_SENT && strcmp(e[7].data, "po") == 0);
    CHECK(e[8].kind == RECORDING_NOT_SENT && e[8].direction == RECORDING_OUT && strcmp(e[8].data, "late") == 0 &&
          strcmp(e[8].reason, net_error_text(NET_ERROR_NOT_CONNECTED)) == 0);
    CHECK(e[9].kind == RECORDING_CLOSED && e[9].number == 4001 && e[9].by == NET_CLOSER_SERVER &&
          strcmp(e[9].reason, "bye") == 0);
    CHECK(e[10].kind == RECORDING_ERROR && strcmp(e[10].reason, net_error_text(NET_ERROR_HOST_NOT_FOUND)) == 0 &&
          strcmp(e[10].detail, "detail!") == 0);
    /* Text that is not UTF-8: its exact bytes, not U+FFFD, and not binary. */
    CHECK(e[11].kind == RECORDING_RECEIVED && !e[11].binary && e[11].invalid_utf8 &&
          e[11].len == sizeof bad_utf8 && memcmp(e[11].data, bad_utf8, sizeof bad_utf8) == 0);
    CHECK(strcmp(recording_kind_name(e[6].kind), "pong_received") == 0);
    recording_free(&rec);
    CHECK(rec.entries == NULL && rec.count == 0 && rec.files == NULL);
    unlink(path);
}

static void test_damaged(void)
{
    struct recording rec = {0};
    const char *text =
        "{\"ts\":\"2026-01-02T03:04:05.000001Z\",\"event\":\"sent\",\"text\":\"a\"}\n"
        "{\"ts\":\"2026-01-02T03:04:05.000002Z\",\"event\":\"sent\",\"text\":\"b\"\n" /* cut short */
        "\n"                                                                        /* blank: skipped */
        "not json at all\r\n"
        "{\"event\":\"sent\"}\n"
        "{\"ts\":\"yesterday\",\"event\":\"sent\"}\n"
        "{\"ts\":\"2026-01-02T03:04:05Z\",\"event\":\"received\",\"base64\":\"@@\"}\n"
        "{\"ts\":\"2026-01-02T03:04:05.5Z\",\"event\":\"future_thing\",\"detail\":\"d\",\"x\":[1,{}]}\n"
        "{\"ts\":\"2026-01-02T03:04:05.000003Z\",\"event\":\"closed\",\"code\":\"x\"}\n"
        "{\"ts\":\"2026-01-02T03:04:06Z\",\"event\":\"received\",\"text\":\"last\"}"; /* no final newline */
    if (!read_text(&rec, text))
        return;
    static const size_t damaged_lines[] = {2, 4, 5, 6, 7, 9};
    CHECK(rec.count == 9 && rec.damaged == 6);
    size_t d = 0;
    for (size_t i = 0; i < rec.count; i++) {
        if (rec.entries[i].kind != RECORDING_DAMAGED)
            continue;
        CHECK_MSG(d < 6 && rec.entries[i].line == damaged_lines[d] && rec.entries[i].reason &&
                      rec.entries[i].reason[0],
                  "damaged entry %zu on line %zu", d, rec.entries[i].line);
        d++;
    }
    if (rec.count == 9) {
        CHECK(rec.entries[0].kind == RECORDING_SENT && strcmp(rec.entries[0].data, "a") == 0);
        /* The reader's own words, with the column (the line is the entry's). */
        CHECK_MSG(strcmp(rec.entries[1].reason, "column 62: the file ends where '}' was expected") == 0, "%s",
                  rec.entries[1].reason);
        CHECK(strcmp(rec.entries[3].reason, "no \"ts\"") == 0);
        CHECK(strstr(rec.entries[4].reason, "\"ts\" is not a time") != NULL);
        CHECK(strstr(rec.entries[5].reason, "base64") != NULL);
        CHECK(rec.entries[6].kind == RECORDING_OTHER && strcmp(rec.entries[6].detail, "future_thing") == 0 &&
              rec.entries[6].time_us == INT64_C(1767323045500000) && rec.entries[6].line == 8);
        CHECK_MSG(strstr(rec.entries[7].reason, "a number expected") != NULL, "%s", rec.entries[7].reason);
        CHECK(rec.entries[8].kind == RECORDING_RECEIVED && rec.entries[8].line == 10 &&
              strcmp(rec.entries[8].data, "last") == 0 && rec.entries[8].time_us == INT64_C(1767323046000000));
    }
    recording_free(&rec);

    /* Over the line limit: damaged, and the next line still loads. */
    struct recording small = {.max_line = 80};
    char long_text[400];
    snprintf(long_text, sizeof long_text,
             "{\"ts\":\"2026-01-02T03:04:05Z\",\"event\":\"sent\",\"text\":\"%0100d\"}\n"
             "{\"ts\":\"2026-01-02T03:04:05Z\",\"event\":\"sent\",\"text\":\"ok\"}\n",
             0);
    if (read_text(&small, long_text)) {
        CHECK(small.count == 2 && small.damaged == 1 && small.entries[0].kind == RECORDING_DAMAGED &&
              strstr(small.entries[0].reason, "longer than 80") != NULL &&
              small.entries[1].kind == RECORDING_SENT);
    }
    recording_free(&small);
    CHECK(small.max_line == 80); /* the limits stay */

    /* Over the entry limit: an error, what was read kept. */
    struct recording few = {.max_entries = 2};
    char err[256] = "";
    const char *three = "{\"ts\":\"2026-01-02T03:04:05Z\",\"event\":\"sent\",\"text\":\"1\"}\n"
                        "{\"ts\":\"2026-01-02T03:04:05Z\",\"event\":\"sent\",\"text\":\"2\"}\n"
                        "{\"ts\":\"2026-01-02T03:04:05Z\",\"event\":\"sent\",\"text\":\"3\"}\n";
    CHECK(!recording_read(&few, three, strlen(three), err, sizeof err));
    CHECK_MSG(strcmp(err, "more than 2 entries: the rest is not loaded") == 0, "%s", err);
    CHECK(few.count == 2);
    recording_free(&few);
}

static void test_rotated_set(void)
{
    char path[96], part[160], err[256];
    snprintf(path, sizeof path, "%s/rot.jsonl", dir_path);
    /* transcript.c's own rotation: three records of ~70 bytes, 100 bytes a file. */
    struct transcript *t = transcript_open(path, err, sizeof err);
    CHECK_MSG(t != NULL, "%s", err);
    if (!t)
        return;
    transcript_set_rotation(t, 100, 5);
    for (int i = 0; i < 4; i++) {
        char text[8];
        snprintf(text, sizeof text, "m%d", i);
        transcript_begin(t, T0 + i, "sent");
        transcript_field_text(t, "text", text, strlen(text));
        CHECK(transcript_end(t));
    }
    transcript_close(t);

    char **paths = NULL;
    size_t n = 0;
    CHECK(recording_rotated_set(path, &paths, &n));
    CHECK(n == 4);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n)
            snprintf(part, sizeof part, "%s.%zu", path, n - 1 - i);
        else
            snprintf(part, sizeof part, "%s", path);
        CHECK_MSG(strcmp(paths[i], part) == 0, "%zu: %s, wanted %s", i, paths[i], part);
    }
    recording_free_paths(paths, n);

    struct recording rec = {0};
    CHECK_MSG(recording_load(&rec, path, err, sizeof err), "%s", err);
    CHECK(rec.count == 4 && rec.file_count == 4);
    for (size_t i = 0; i < rec.count; i++) {
        char want[32];
        snprintf(want, sizeof want, "m%zu", i);
        CHECK_MSG(strcmp(rec.entries[i].data, want) == 0 && rec.entries[i].file == i &&
                      rec.entries[i].line == 1 && rec.entries[i].time_us == T0 + (int64_t)i,
                  "entry %zu: %s in file %u", i, rec.entries[i].data, rec.entries[i].file);
    }
    recording_free(&rec);
    for (size_t i = 1; i <= 3; i++) {
        snprintf(part, sizeof part, "%s.%zu", path, i);
        unlink(part);
    }
    unlink(path);

    /* A file with no set is a set of one; a missing file is an error. */
    snprintf(path, sizeof path, "%s/missing.jsonl", dir_path);
    CHECK(!recording_load(&rec, path, err, sizeof err));
    CHECK_MSG(strstr(err, "missing.jsonl: cannot be read") != NULL, "%s", err);
    recording_free(&rec);
}

/* Chrome's shape: "time" with a fraction, opcode 1 and 2, other entries
 * (plain HTTP) without messages. */
static const char chrome_har[] =
    "{\n"
    "  \"log\": {\n"
    "    \"version\": \"1.2\",\n"
    "    \"creator\": {\"name\": \"WebInspector\", \"version\": \"537.36\"},\n"
    "    \"pages\": [],\n"
    "    \"entries\": [\n"
    "      {\"request\": {\"method\": \"GET\", \"url\": \"https://example.org/app.js\", \"headers\": []},\n"
    "       \"response\": {\"status\": 200}},\n"
    "      {\n"
    "        \"_resourceType\": \"websocket\",\n"
    "        \"startedDateTime\": \"2026-11-25T04:05:06.000Z\",\n"
    "        \"request\": {\"method\": \"GET\", \"url\": \"wss://example.org/socket\",\n"
    "                    \"headers\": [{\"name\": \"Upgrade\", \"value\": \"websocket\"}]},\n"
    "        \"response\": {\"status\": 101},\n"
    "        \"_webSocketMessages\": [\n"
    "          {\"type\": \"send\", \"time\": 1795579506.123456, \"opcode\": 1, \"data\": \"{\\\"op\\\":\\\"hi\\\"}\"},\n"
    "          {\"type\": \"receive\", \"time\": 1795579506.25, \"opcode\": 1, \"data\": \"caf\\u00e9\"},\n"
    "          {\"type\": \"receive\", \"time\": 1795579507, \"opcode\": 2, \"data\": \"AAH/eA==\"}\n"
    "        ]\n"
    "      }\n"
    "    ]\n"
    "  }\n"
    "}\n";

/* Firefox's shape: the messages before the request, and a message that
 * cannot be one (opcode 9). */
static const char firefox_har[] =
    "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Firefox\",\"version\":\"140.0\"},\"entries\":[{"
    "\"_webSocketMessages\":[{\"type\":\"send\",\"time\":1795579506.5,\"opcode\":1,\"data\":\"ping\"},"
    "{\"type\":\"receive\",\"time\":1795579506.75,\"opcode\":9,\"data\":\"\"},"
    "{\"type\":\"receive\",\"time\":1795579506.875,\"opcode\":1,\"data\":\"pong\"}],"
    "\"request\":{\"bodySize\":0,\"method\":\"GET\",\"url\":\"ws://127.0.0.1:8080/\",\"httpVersion\":\"HTTP/1.1\"},"
    "\"response\":{\"status\":101}}]}}";

static void test_har(void)
{
    struct recording rec = {0};
    if (read_text(&rec, chrome_har)) {
        CHECK(rec.format == RECORDING_HAR && rec.count == 4 && rec.damaged == 0);
        CHECK(rec.url && strcmp(rec.url, "wss://example.org/socket") == 0);
        struct recording_entry *e = rec.entries;
        if (rec.count == 4) {
            CHECK(e[0].kind == RECORDING_CONNECTED && strcmp(e[0].url, "wss://example.org/socket") == 0 &&
                  e[0].time_us == INT64_C(1795579506123456) && e[0].line == 9);
            CHECK(e[1].kind == RECORDING_SENT && e[1].direction == RECORDING_OUT &&
                  e[1].time_us == INT64_C(1795579506123456) && strcmp(e[1].data, "{\"op\":\"hi\"}") == 0 &&
                  e[1].line == 16);
            CHECK(e[2].kind == RECORDING_RECEIVED && e[2].time_us == INT64_C(1795579506250000) &&
                  strcmp(e[2].data, "caf\xC3\xA9") == 0 && !e[2].binary);
            CHECK(e[3].kind == RECORDING_RECEIVED && e[3].binary && e[3].len == 4 &&
                  memcmp(e[3].data, "\x00\x01\xFFx", 4) == 0 && e[3].time_us == INT64_C(1795579507000000));
        }
    }
    recording_free(&rec);

    if (read_text(&rec, firefox_har)) {
        CHECK(rec.format == RECORDING_HAR && rec.count == 4 && rec.damaged == 1);
        if (rec.count == 4) {
            CHECK(rec.entries[0].kind == RECORDING_CONNECTED &&
                  strcmp(rec.entries[0].url, "ws://127.0.0.1:8080/") == 0);
            CHECK(rec.entries[1].kind == RECORDING_SENT && strcmp(rec.entries[1].data, "ping") == 0 &&
                  rec.entries[1].time_us == INT64_C(1795579506500000));
            CHECK(rec.entries[2].kind == RECORDING_DAMAGED && strstr(rec.entries[2].reason, "opcode") != NULL &&
                  rec.entries[2].line == 1);
            CHECK(rec.entries[3].kind == RECORDING_RECEIVED && strcmp(rec.entries[3].data, "pong") == 0);
        }
    }
    recording_free(&rec);

    /* A HAR with bad base64 for a binary message: that message is damaged. */
    const char *bad = "{\"log\":{\"entries\":[{\"request\":{\"url\":\"ws://h/\"},\"_webSocketMessages\":["
                      "{\"type\":\"receive\",\"time\":1.5,\"opcode\":2,\"data\":\"not base64!\"}]}]}}";
    if (read_text(&rec, bad))
        CHECK(rec.count == 2 && rec.damaged == 1 && strstr(rec.entries[1].reason, "base64") != NULL);
    recording_free(&rec);
}

static void expect_neither(const char *text, const char *want)
{
    struct recording rec = {0};
    char err[256] = "";
    CHECK_MSG(!recording_read(&rec, text, strlen(text), err, sizeof err), "read: %s", text);
    CHECK_MSG(strstr(err, want) != NULL, "%s: got \"%s\", wanted \"%s\"", text, err, want);
    CHECK(rec.count == 0);
    recording_free(&rec);
}

static void test_neither(void)
{
    expect_neither("", "the file is empty");
    expect_neither(" \n\r\n", "the file is empty");
    expect_neither("hello\nworld\n", "neither a Ponte transcript nor a HAR file");
    expect_neither("{\"log\":{\"version\":\"1.2\"}}", "no \"log\" with \"entries\"");
    expect_neither("{\"log\":{\"entries\":[}}", "line 1, column 20");
    expect_neither("[1,2,3]", "a HAR file starts with '{'");
    /* A HAR that is one JSON text over many lines, cut short. */
    expect_neither("{\n  \"log\": {\n    \"entries\": [\n", "line 4");
}

/* Two connections whose messages overlap in time: one list in order of
 * time, each CONNECTED before its messages, equal times in file order. */
static void test_har_overlap(void)
{
    static const char two[] =
        "{\"log\":{\"entries\":["
        "{\"request\":{\"url\":\"ws://a/\"},\"_webSocketMessages\":["
        "{\"type\":\"send\",\"time\":10.0,\"opcode\":1,\"data\":\"a1\"},"
        "{\"type\":\"receive\",\"time\":12.0,\"opcode\":1,\"data\":\"a2\"},"
        "{\"type\":\"receive\",\"time\":14.0,\"opcode\":1,\"data\":\"a3\"}]},"
        "{\"request\":{\"url\":\"ws://b/\"},\"_webSocketMessages\":["
        "{\"type\":\"send\",\"time\":11.0,\"opcode\":1,\"data\":\"b1\"},"
        "{\"type\":\"receive\",\"time\":12.0,\"opcode\":1,\"data\":\"b2\"},"
        "{\"type\":\"receive\",\"time\":13.0,\"opcode\":9,\"data\":\"b3\"}]}]}}";
    struct recording rec = {0};
    if (read_text(&rec, two) && rec.count == 8) {
        const char *want[] = {"ws://a/", "a1", "ws://b/", "b1", "a2", "b2", NULL, "a3"};
        for (size_t i = 0; i < 8; i++) {
            const struct recording_entry *e = &rec.entries[i];
            if (!want[i])
                CHECK_MSG(e->kind == RECORDING_DAMAGED, "entry %zu: the damaged one stays after b2", i);
            else
                CHECK_MSG(strcmp(e->url ? e->url : e->data ? e->data : "", want[i]) == 0, "entry %zu: %s", i,
                          want[i]);
        }
        for (size_t i = 1; i < 8; i++)
            CHECK(rec.entries[i].kind == RECORDING_DAMAGED || rec.entries[i].time_us >= rec.entries[i - 1].time_us);
    } else {
        CHECK_MSG(rec.count == 8, "%zu entries", rec.count);
    }
    recording_free(&rec);
}

struct sunk {
    size_t entries, damaged, reports;
    double last;
    bool stop_at_first_report;
    char first_data[16];
};

static bool sink_entry(void *user, const struct recording_entry *e)
{
    struct sunk *s = user;
    if (!s->entries && e->data)
        snprintf(s->first_data, sizeof s->first_data, "%s", e->data);
    s->entries++;
    s->damaged += e->kind == RECORDING_DAMAGED;
    return true;
}

static bool sink_progress(void *user, double fraction)
{
    struct sunk *s = user;
    CHECK(fraction >= s->last && fraction <= 1.0);
    s->last = fraction;
    s->reports++;
    return !s->stop_at_first_report;
}

/* A sink takes every entry and nothing is kept; progress goes up to 1; a
 * progress that says stop cancels the reading. A HAR's entries reach the
 * sink in order of time too. */
static void test_sink_and_progress(void)
{
    size_t lines = 10000;
    char *text = malloc(lines * 80);
    size_t len = 0;
    for (size_t i = 0; i < lines; i++)
        len += (size_t)sprintf(text + len, i == 5 ? "damaged\n"
                                                 : "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"received\","
                                                   "\"text\":\"m%zu\"}\n", i);
    struct sunk s = {0};
    struct recording rec = {.sink = sink_entry, .progress = sink_progress, .user = &s};
    char err[256] = "";
    CHECK_MSG(recording_read(&rec, text, len, err, sizeof err), "%s", err);
    CHECK_MSG(s.entries == lines && s.damaged == 1 && rec.count == 0 && rec.seen == lines && rec.damaged == 1,
              "%zu entries, %zu damaged, %zu kept", s.entries, s.damaged, rec.count);
    CHECK(strcmp(s.first_data, "m0") == 0);
    CHECK_MSG(s.reports >= 2, "%zu progress reports", s.reports);
    recording_free(&rec);
    CHECK(rec.sink == sink_entry && rec.progress == sink_progress); /* (kept for the next file) */

    struct sunk stop = {.stop_at_first_report = true};
    struct recording cancelled = {.sink = sink_entry, .progress = sink_progress, .user = &stop};
    CHECK(!recording_read(&cancelled, text, len, err, sizeof err));
    CHECK_MSG(strcmp(err, "cancelled") == 0, "%s", err);
    CHECK_MSG(stop.entries < lines, "stopped after %zu entries", stop.entries);
    recording_free(&cancelled);
    free(text);

    struct sunk har = {0};
    struct recording from_har = {.sink = sink_entry, .user = &har};
    CHECK(read_text(&from_har, chrome_har));
    CHECK(har.entries == 4 && from_har.count == 0 && from_har.format == RECORDING_HAR);
    recording_free(&from_har);
}

struct collected {
    struct recording *kept; /* the same file read without a sink */
    size_t at, mismatches;
};

static bool collect(void *user, const struct recording_entry *e)
{
    struct collected *c = user;
    const struct recording_entry *k = c->at < c->kept->count ? &c->kept->entries[c->at] : NULL;
    if (!k || k->kind != e->kind || k->line != e->line || k->len != e->len || k->file != e->file ||
        (e->len && memcmp(k->data, e->data, e->len) != 0)) {
        if (c->mismatches++ < 3)
            fprintf(stderr, "entry %zu (line %zu) differs when streamed\n", c->at, e->line);
    }
    c->at++;
    return true;
}

/* With a sink, recording_load reads a transcript a chunk at a time: the
 * same entries with the same line numbers as the file read whole, across
 * chunk ends, a line longer than the limit and longer than a chunk (one
 * damaged entry, the lines after it numbered right), a last line without
 * its newline; a rotated set too. */
static void test_streamed(void)
{
    char path[96], err[256];
    snprintf(path, sizeof path, "%s/big.jsonl", dir_path);
    FILE *f = fopen(path, "wb");
    if (!f) {
        CHECK_MSG(false, "cannot write %s", path);
        return;
    }
    for (int i = 0; i < 70000; i++) {
        if (i == 30000) { /* 6 MiB on one line: more than a chunk */
            for (int k = 0; k < 6 << 20; k++)
                fputc('x', f);
            fputc('\n', f);
        }
        fprintf(f, "{\"ts\":\"2026-11-25T04:05:06.%06dZ\",\"event\":\"received\",\"text\":\"message %d, "
                   "some words to make it longer than a few bytes\"}%s",
                i % 1000000, i, i == 69999 ? "" : i % 7 ? "\n" : "\r\n");
    }
    fclose(f);
    struct recording kept = {.max_line = 1 << 20};
    CHECK_MSG(recording_load(&kept, path, err, sizeof err), "%s", err);
    CHECK_MSG(kept.count == 70001 && kept.damaged == 1, "%zu entries, %zu damaged", kept.count, kept.damaged);
    struct collected c = {.kept = &kept};
    struct recording streamed = {.max_line = 1 << 20, .sink = collect, .user = &c};
    CHECK_MSG(recording_load(&streamed, path, err, sizeof err), "%s", err);
    CHECK_MSG(c.at == kept.count && c.mismatches == 0 && streamed.count == 0 && streamed.damaged == 1,
              "%zu entries streamed, %zu differ", c.at, c.mismatches);
    CHECK(streamed.format == RECORDING_TRANSCRIPT);
    recording_free(&streamed);
    recording_free(&kept);

    /* A rotated set: big.jsonl.1 is the older half. */
    char older[128];
    snprintf(older, sizeof older, "%s.1", path);
    FILE *o = fopen(older, "wb");
    if (o) {
        fputs("{\"ts\":\"2026-11-25T04:05:05.000000Z\",\"event\":\"sent\",\"text\":\"first\"}\nbroken\n", o);
        fclose(o);
    }
    struct recording set = {.max_line = 1 << 20};
    CHECK_MSG(recording_load(&set, path, err, sizeof err), "%s", err);
    struct collected cs = {.kept = &set};
    struct recording set_streamed = {.max_line = 1 << 20, .sink = collect, .user = &cs};
    CHECK_MSG(recording_load(&set_streamed, path, err, sizeof err), "%s", err);
    CHECK_MSG(set.count == 70003 && cs.at == set.count && cs.mismatches == 0, "%zu, %zu streamed, %zu differ",
              set.count, cs.at, cs.mismatches);
    recording_free(&set_streamed);
    recording_free(&set);
    unlink(older);
    unlink(path);
}

/* What a dropped file is, from its first bytes. */
static void test_sniff(void)
{
    static const char transcript[] = "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"sent\",\"text\":\"x\"}\n{";
    CHECK(recording_sniff(transcript, strlen(transcript)) == RECORDING_TRANSCRIPT);
    CHECK(recording_sniff(chrome_har, 40) == RECORDING_HAR);
    CHECK(recording_sniff(firefox_har, strlen(firefox_har)) == RECORDING_HAR);
    static const char saved[] = "{\"version\": 1, \"messages\": [{\"name\": \"a\", \"text\": \"b\"}]}";
    CHECK(recording_sniff(saved, strlen(saved)) == RECORDING_UNKNOWN);
    CHECK(recording_sniff("[1,2]", 5) == RECORDING_UNKNOWN);
    CHECK(recording_sniff("\x89PNG\r\n", 6) == RECORDING_UNKNOWN);
    CHECK(recording_sniff("", 0) == RECORDING_UNKNOWN);
}

/* The reasons in Portuguese, as json.c's. */
static void test_translated(void)
{
    if (!i18n_set_lang(I18N_PT_BR)) {
        CHECK_MSG(false, "no pt_BR catalog: %s", i18n_catalog_path());
        return;
    }
    struct recording rec = {0};
    char err[256] = "";
    CHECK(!recording_read(&rec, "hello\n", 6, err, sizeof err));
    CHECK_MSG(strstr(err, "nem uma transcri\xC3\xA7\xC3\xA3o do Ponte nem um arquivo HAR") != NULL, "%s", err);
    recording_free(&rec);
    static const char damaged[] = "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"sent\"}\n{\"event\":\"sent\"}\n";
    CHECK(recording_read(&rec, damaged, strlen(damaged), err, sizeof err));
    CHECK_MSG(rec.count == 2 && strcmp(rec.entries[1].reason, "sem \"ts\"") == 0, "%s",
              rec.count == 2 ? rec.entries[1].reason : "?");
    recording_free(&rec);
    i18n_set_lang(I18N_EN);
}

int main(void)
{
    snprintf(dir_path, sizeof dir_path, "/tmp/ponte-test-recording-XXXXXX");
    if (!mkdtemp(dir_path)) {
        perror("mkdtemp");
        return 1;
    }
    test_own_transcript();
    test_damaged();
    test_rotated_set();
    test_har();
    test_neither();
    test_har_overlap();
    test_sink_and_progress();
    test_sniff();
    test_streamed();
    test_translated();
    rmdir(dir_path);
    return check_summary("recording");
}
