/* SPDX-License-Identifier: MIT */
/* test_transcript: escaping and time stamps on their own, then whole records
 * written to a temporary file and read back byte for byte. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, dup, dup2, fileno */

#include "check.h"
#include "msg.h"
#include "transcript.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void expect_escape(int line, const char *in, size_t len,
                          const char *want, size_t want_len)
{
    struct json_buffer b = {0};
    bool ok = json_escape_append(&b, in, len);

    CHECK_MSG(ok && b.len == want_len && memcmp(b.data, want, want_len) == 0 &&
                  b.data[b.len] == '\0',
              "line %d: got \"%.*s\" (%zu bytes), wanted \"%s\"", line,
              ok ? (int)b.len : 0, ok ? b.data : "", b.len, want);
    json_buffer_free(&b);
}

/* Literal lengths, so embedded NULs count. */
#define EXPECT_ESCAPE(in, want) \
    expect_escape(__LINE__, in, sizeof(in) - 1, want, sizeof(want) - 1)

static void test_escape(void)
{
    struct json_buffer b = {0};

    EXPECT_ESCAPE("", "");
    EXPECT_ESCAPE("plain text / 123", "plain text / 123");
    EXPECT_ESCAPE("say \"hi\"", "say \\\"hi\\\"");
    EXPECT_ESCAPE("C:\\dir", "C:\\\\dir");
    EXPECT_ESCAPE("\b\f\n\r\t", "\\b\\f\\n\\r\\t");
    /* Other controls as \u00xx with lowercase hex, NUL included. */
    EXPECT_ESCAPE("\x01", "\\u0001");
    EXPECT_ESCAPE("\x1B[0m", "\\u001b[0m");
    EXPECT_ESCAPE("\x1F", "\\u001f");
    EXPECT_ESCAPE("\0", "\\u0000");
    EXPECT_ESCAPE("a\0b", "a\\u0000b");
    /* DEL is escaped too. */
    EXPECT_ESCAPE("\x7F", "\\u007f");
    /* Valid non-ASCII goes out as raw UTF-8, C1 controls included. */
    EXPECT_ESCAPE("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80",
                  "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    EXPECT_ESCAPE("\xC2\x85", "\xC2\x85");
    EXPECT_ESCAPE("\xEF\xBF\xBD", "\xEF\xBF\xBD");
    /* Invalid UTF-8: one U+FFFD per maximal subpart. */
    EXPECT_ESCAPE("\xFF", "\xEF\xBF\xBD");
    EXPECT_ESCAPE("\xE2\x82" "A", "\xEF\xBF\xBD" "A");
    EXPECT_ESCAPE("\xC0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_ESCAPE("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_ESCAPE("x\xF0\x9F\x98", "x\xEF\xBF\xBD");

    /* Appends rather than overwrites. */
    CHECK(json_escape_append(&b, "a\"", 2));
    CHECK(json_escape_append(&b, "\n", 1));
    CHECK(b.len == 5 && strcmp(b.data, "a\\\"\\n") == 0);
    json_buffer_free(&b);
    CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
}

static void expect_time(int line, int64_t us, const char *want)
{
    char out[32];

    memset(out, '#', sizeof out);
    transcript_format_time(us, out);
    CHECK_MSG(strcmp(out, want) == 0, "line %d: %s, wanted %s", line, out,
              want);
}

static void test_format_time(void)
{
    char out[32];

    expect_time(__LINE__, 0, "1970-01-01T00:00:00.000000Z");
    expect_time(__LINE__, 1, "1970-01-01T00:00:00.000001Z");
    expect_time(__LINE__, 999999, "1970-01-01T00:00:00.999999Z");
    expect_time(__LINE__, INT64_C(1795579506123456),
                "2026-11-25T04:05:06.123456Z");
    expect_time(__LINE__, INT64_C(951868799000000) + 1000000,
                "2000-03-01T00:00:00.000000Z");
    expect_time(__LINE__, INT64_C(951868799000000),
                "2000-02-29T23:59:59.000000Z");
    /* Before 1970 the fraction still counts forward. */
    expect_time(__LINE__, -1, "1969-12-31T23:59:59.999999Z");
    /* Far out of range: clamped, never longer than the format. */
    transcript_format_time(INT64_MAX, out);
    CHECK(strlen(out) == 27);
    transcript_format_time(INT64_MIN, out);
    CHECK(strlen(out) == 27);
}

/* The whole file as a string (NULL when it cannot be read). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t cap = 0, n = 0;

    if (f == NULL)
        return NULL;
    for (;;) {
        if (cap - n < 4096) {
            char *bigger = realloc(data, cap = cap * 2 + 4096);

            if (bigger == NULL)
                break;
            data = bigger;
        }
        size_t got = fread(data + n, 1, cap - n - 1, f);

        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    if (data != NULL)
        data[n] = '\0';
    *len = n;
    return data;
}

static void expect_file(int line, const char *path, const char *want,
                        size_t want_len)
{
    size_t len = 0;
    char *got = slurp(path, &len);

    CHECK_MSG(got != NULL && len == want_len && memcmp(got, want, len) == 0,
              "line %d: file holds %zu bytes:\n%s\nwanted %zu bytes:\n%s",
              line, len, got ? got : "(unreadable)", want_len, want);
    free(got);
}

#define EXPECT_FILE(path, want) \
    expect_file(__LINE__, path, want, sizeof(want) - 1)

/* When Python is there, it confirms that every line is JSON it accepts. */
static void python_check(const char *path)
{
    char command[512];

    if (access("/usr/bin/python3", X_OK) != 0)
        return;
    snprintf(command, sizeof command,
             "/usr/bin/python3 -c 'import json,sys; "
             "[json.loads(l) for l in open(sys.argv[1], encoding=\"utf-8\")]' "
             "'%s'",
             path);
    CHECK_MSG(system(command) == 0, "python3 rejected %s", path);
}

static void test_records(const char *path)
{
    char err[256] = "";
    struct transcript *t;
    FILE *f;

    /* Something from an earlier run that must survive. */
    f = fopen(path, "wb");
    CHECK(f != NULL && fputs("{\"earlier\":1}\n", f) >= 0 && fclose(f) == 0);

    t = transcript_open(path, err, sizeof err);
    CHECK_MSG(t != NULL, "%s", err);
    if (t == NULL)
        return;
    transcript_begin(t, 0, "open");
    transcript_field_text(t, "url", "ws://localhost:9000/", 20);
    transcript_field_int(t, "attempt", 1);
    CHECK(transcript_end(t));
    /* What the file holds, growing: the earlier line and "open"; then
     * "received" and "closed". */
#define AFTER_OPEN \
    "{\"earlier\":1}\n" \
    "{\"ts\":\"1970-01-01T00:00:00.000000Z\",\"event\":\"open\",\"url\":\"ws://localhost:9000/\",\"attempt\":1}\n"
#define AFTER_CLOSED \
    AFTER_OPEN "{\"ts\":\"2026-11-25T04:05:06.123456Z\",\"event\":\"received\"," \
               "\"text\":\"q\\\"b\\\\n\\nt\\t\\u0001\\u0000\xEF\xBF\xBD\xC3\xA9\"," \
               "\"k\\\"ey\":\"\",\"min\":-9223372036854775808,\"neg\":-42}\n" \
               "{\"ts\":\"1970-01-01T00:00:00.000001Z\",\"event\":\"closed\"}\n"
    EXPECT_FILE(path, AFTER_OPEN);

    /* Escaping through the whole path, explicit length with a NUL in it. */
    transcript_begin(t, INT64_C(1795579506123456), "received");
    transcript_field_text(t, "text", "q\"b\\n\nt\t\x01\0\xff\xC3\xA9", 13);
    transcript_field_text(t, "k\"ey", "", 0);
    transcript_field_int(t, "min", INT64_MIN);
    transcript_field_int(t, "neg", -42);
    CHECK(transcript_end(t));
    /* A record with no fields. */
    transcript_begin(t, 1, "closed");
    CHECK(transcript_end(t));
    transcript_close(t);
    EXPECT_FILE(path, AFTER_CLOSED);

    /* Reopening appends after what is there. */
    t = transcript_open(path, err, sizeof err);
    CHECK_MSG(t != NULL, "%s", err);
    if (t == NULL)
        return;
    transcript_begin(t, 2, "again");
    CHECK(transcript_end(t));
    transcript_close(t);
    EXPECT_FILE(path, AFTER_CLOSED "{\"ts\":\"1970-01-01T00:00:00.000002Z\",\"event\":\"again\"}\n");
#undef AFTER_OPEN
#undef AFTER_CLOSED
    python_check(path);
}

/* Each network event's record, one row each: what the worker knows of the
 * connection (place), the event, the payload, and the line written (""
 * for none). */
static void test_net_events(const char *path)
{
    static struct net_connected agreed = {.protocol = "chat", .tls_version = "TLSv1.3",
                                          .tls_cipher = "TLS_AES_128_GCM_SHA256", .proxy = "proxy.lan:3128"};
    static struct net_connected nothing = {.protocol = ""};
    const struct transcript_place direct = {.url = "ws://h:1/p", .headers = "X-A: 1\nAuthorization: ***"};
    const struct transcript_place proxied = {.url = "wss://h/", .proxy = "proxy.lan:3128"};
#define TS "{\"ts\":\"1970-01-01T00:00:00.000001Z\",\"event\":"
    const struct {
        const char *name;
        const struct transcript_place *place;
        struct net_event ev;
        const char *payload;
        size_t len;
        const char *want;
    } rows[] = {
        {"listening", &direct, {.kind = NET_EVENT_LISTENING, .code = 4567}, NULL, 0, ""},
        {"pong", &direct, {.kind = NET_EVENT_PONG, .code = 420}, NULL, 0, ""},
        {"no more retries", &direct, {.kind = NET_EVENT_RETRY, .code = -1}, NULL, 0, ""},
        {"retry", &direct, {.kind = NET_EVENT_RETRY, .code = 512, .id = 3}, NULL, 0,
         TS "\"reconnecting\",\"attempt\":3,\"delay_ms\":512}\n"},
        {"connecting", &direct, {.kind = NET_EVENT_CONNECTING}, NULL, 0,
         TS "\"connecting\",\"url\":\"ws://h:1/p\",\"headers\":\"X-A: 1\\nAuthorization: ***\"}\n"},
        {"connecting through a proxy", &proxied, {.kind = NET_EVENT_CONNECTING}, NULL, 0,
         TS "\"connecting\",\"url\":\"wss://h/\",\"proxy\":\"proxy.lan:3128\"}\n"},
        {"connected", &proxied, {.kind = NET_EVENT_CONNECTED, .connected = &agreed}, NULL, 0,
         TS "\"connected\",\"url\":\"wss://h/\",\"proxy\":\"proxy.lan:3128\",\"protocol\":\"chat\","
            "\"tls\":\"TLSv1.3 TLS_AES_128_GCM_SHA256\"}\n"},
        {"connected, nothing agreed", &direct, {.kind = NET_EVENT_CONNECTED, .connected = &nothing}, NULL, 0,
         TS "\"connected\",\"url\":\"ws://h:1/p\"}\n"},
        {"connected, not known", &direct, {.kind = NET_EVENT_CONNECTED}, NULL, 0,
         TS "\"connected\",\"url\":\"ws://h:1/p\"}\n"},
        {"sent", &direct, {.kind = NET_EVENT_SENT, .id = 7}, "hi\n", 3, TS "\"sent\",\"text\":\"hi\\n\"}\n"},
        {"received, binary", &direct, {.kind = NET_EVENT_RECEIVED, .binary = true}, "\x00\xFF", 2,
         TS "\"received\",\"base64\":\"AP8=\"}\n"},
        {"not sent", &direct, {.kind = NET_EVENT_NOT_SENT, .error = NET_ERROR_NOT_CONNECTED}, "x", 1,
         TS "\"not_sent\",\"text\":\"x\",\"reason\":\"not connected\"}\n"},
        {"closed by the server", &direct,
         {.kind = NET_EVENT_CLOSED, .code = 4000, .closer = NET_CLOSER_SERVER, .data = "bye", .len = 3}, NULL, 0,
         TS "\"closed\",\"code\":4000,\"reason\":\"bye\",\"by\":\"server\"}\n"},
        {"dropped", &direct, {.kind = NET_EVENT_CLOSED, .code = 1006}, NULL, 0,
         TS "\"closed\",\"code\":1006,\"reason\":\"\",\"by\":\"none\"}\n"},
        {"closed by us", &direct, {.kind = NET_EVENT_CLOSED, .code = 1000, .closer = NET_CLOSER_CLIENT}, NULL, 0,
         TS "\"closed\",\"code\":1000,\"reason\":\"\",\"by\":\"client\"}\n"},
        /* The frames of frame-level control (frames.h). */
        {"sent in fragments", &direct, {.kind = NET_EVENT_SENT, .id = 8, .code = 4}, "abcd", 4,
         TS "\"sent\",\"text\":\"abcd\",\"fragments\":4}\n"},
        {"sent, not UTF-8", &direct, {.kind = NET_EVENT_SENT, .id = 9}, "caf\xC3(", 5,
         TS "\"sent\",\"base64\":\"Y2Fmwyg=\",\"invalid_utf8\":true}\n"},
        {"ping sent", &direct, {.kind = NET_EVENT_PING_SENT}, "are you there?", 14,
         TS "\"ping_sent\",\"text\":\"are you there?\"}\n"},
        {"ping not sent", &direct, {.kind = NET_EVENT_PING_SENT, .error = NET_ERROR_NOT_CONNECTED}, "", 0,
         TS "\"ping_not_sent\",\"text\":\"\",\"reason\":\"not connected\"}\n"},
        {"pong sent", &direct, {.kind = NET_EVENT_PONG_SENT}, "\xFF", 1,
         TS "\"pong_sent\",\"base64\":\"/w==\",\"invalid_utf8\":true}\n"},
        {"pong received", &direct, {.kind = NET_EVENT_PING_ANSWERED, .code = 412}, "x", 1,
         TS "\"pong_received\",\"rtt_us\":412,\"text\":\"x\"}\n"},
        {"failed", &direct, {.kind = NET_EVENT_FAILED, .error = NET_ERROR_REFUSED}, NULL, 0,
         TS "\"error\",\"reason\":\"connection refused\"}\n"},
        {"failed, with detail", &direct,
         {.kind = NET_EVENT_FAILED, .error = NET_ERROR_HANDSHAKE, .data = "the server answered 404", .len = 23},
         NULL, 0, TS "\"error\",\"reason\":\"the server refused the WebSocket handshake\","
                     "\"detail\":\"the server answered 404\"}\n"},
    };
#undef TS
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char err[256] = "";
        FILE *f = fopen(path, "wb");
        CHECK(f != NULL && fclose(f) == 0);
        struct transcript *t = transcript_open(path, err, sizeof err);
        CHECK_MSG(t != NULL, "%s", err);
        if (t == NULL)
            return;
        struct net_event ev = rows[i].ev;
        ev.time_us = 1;
        transcript_net_event(t, &ev, rows[i].place, rows[i].payload, rows[i].len);
        transcript_close(t);
        size_t len = 0;
        char *got = slurp(path, &len);
        CHECK_MSG(got && !strcmp(got, rows[i].want), "[%s] wrote:\n%s\nwanted:\n%s", rows[i].name,
                  got ? got : "(unreadable)", rows[i].want);
        free(got);
    }
}

/* Binary payloads as base64 (RFC 4648 test vectors, all three paddings). */
static void test_base64(const char *path)
{
    char err[256] = "";
    struct transcript *t = transcript_open(path, err, sizeof err);
    CHECK_MSG(t != NULL, "%s", err);
    if (t == NULL)
        return;
    static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        transcript_begin(t, 0, "b");
        transcript_field_base64(t, "base64", in[i], strlen(in[i]));
        CHECK(transcript_end(t));
    }
    const unsigned char bytes[] = {0x00, 0xFF, 0xFE, 0x80, 0x3E, 0x3F};
    transcript_begin(t, 0, "b");
    transcript_field_base64(t, "base64", bytes, sizeof bytes);
    CHECK(transcript_end(t));
    transcript_close(t);
#define B64(v) "{\"ts\":\"1970-01-01T00:00:00.000000Z\",\"event\":\"b\",\"base64\":\"" v "\"}\n"
    EXPECT_FILE(path, B64("") B64("Zg==") B64("Zm8=") B64("Zm9v") B64("Zm9vYg==") B64("Zm9vYmE=")
                          B64("Zm9vYmFy") B64("AP/+gD4/"));
#undef B64
}

/* A 1 MiB message goes out whole, on one line. */
static void test_big_record(const char *path)
{
    const size_t size = 1u << 20;
    static const char head[] =
        "{\"ts\":\"1970-01-01T00:00:00.000000Z\",\"event\":\"big\",\"text\":\"";
    static const char tail[] = "\"}\n";
    char *text = malloc(size);
    char *want = malloc(sizeof head - 1 + size + sizeof tail - 1);
    char err[256] = "";
    struct transcript *t;
    size_t len = 0;
    char *got;
    FILE *f;

    CHECK(text != NULL && want != NULL);
    if (text == NULL || want == NULL)
        goto done;
    /* Letters with a two-byte é every 64 bytes; none of it needs escaping. */
    for (size_t i = 0; i < size; i++)
        text[i] = (char)('a' + i % 26);
    for (size_t i = 0; i + 1 < size; i += 64) {
        text[i] = '\xC3';
        text[i + 1] = '\xA9';
    }
    memcpy(want, head, sizeof head - 1);
    memcpy(want + sizeof head - 1, text, size);
    memcpy(want + sizeof head - 1 + size, tail, sizeof tail - 1);

    f = fopen(path, "wb"); /* start empty */
    CHECK(f != NULL && fclose(f) == 0);
    t = transcript_open(path, err, sizeof err);
    CHECK_MSG(t != NULL, "%s", err);
    if (t == NULL)
        goto done;
    transcript_begin(t, 0, "big");
    transcript_field_text(t, "text", text, size);
    CHECK(transcript_end(t));
    transcript_close(t);

    got = slurp(path, &len);
    CHECK_MSG(got != NULL && len == sizeof head - 1 + size + sizeof tail - 1 &&
                  memcmp(got, want, len) == 0,
              "1 MiB record did not round-trip (%zu bytes)", len);
    free(got);
    python_check(path);
done:
    free(want);
    free(text);
}

static void test_open_failure(void)
{
    char path[128];
    char err[256] = "";
    char tiny[8];

    snprintf(path, sizeof path, "/tmp/ponte-no-such-dir-%ld/t.jsonl",
             (long)getpid());
    CHECK(transcript_open(path, err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, path) != NULL && strstr(err, strerror(ENOENT)) &&
                  strncmp(err, "cannot open transcript ", 23) == 0,
              "message: %s", err);
    /* A short buffer gets a truncated, terminated message. */
    memset(tiny, '#', sizeof tiny);
    CHECK(transcript_open(path, tiny, sizeof tiny) == NULL);
    CHECK(memchr(tiny, '\0', sizeof tiny) != NULL &&
          strncmp(tiny, "cannot", 6) == 0);
    /* No buffer at all is allowed. */
    CHECK(transcript_open(path, NULL, 0) == NULL);
}

/* /dev/full accepts the open and fails every flush: end reports false each
 * time, and stderr hears about it once. */
static void test_write_failure(const char *stderr_path)
{
    char err[256] = "";
    struct transcript *t;
    int saved;
    size_t len = 0;
    char *said;
    bool first, second;
    size_t lines = 0;

    if (access("/dev/full", W_OK) != 0)
        return;
    t = transcript_open("/dev/full", err, sizeof err);
    CHECK_MSG(t != NULL, "%s", err);
    if (t == NULL)
        return;

    fflush(stderr);
    saved = dup(fileno(stderr));
    CHECK(saved >= 0 && freopen(stderr_path, "w", stderr) != NULL);
    transcript_begin(t, 0, "one");
    first = transcript_end(t);
    transcript_begin(t, 0, "two");
    second = transcript_end(t);
    fflush(stderr);
    CHECK(dup2(saved, fileno(stderr)) >= 0);
    close(saved);
    transcript_close(t);

    CHECK(!first && !second);
    said = slurp(stderr_path, &len);
    for (size_t i = 0; said != NULL && i < len; i++)
        lines += said[i] == '\n';
    CHECK_MSG(said != NULL && lines == 1 && strstr(said, "/dev/full") != NULL,
              "stderr got %zu lines: %s", lines, said ? said : "(none)");
    free(said);
}

/* A file name unique to this run. */
static bool make_temp(char *path, size_t size, const char *what)
{
    int fd;

    snprintf(path, size, "/tmp/ponte-test-%s-XXXXXX", what);
    fd = mkstemp(path);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

/* Reads a whole file into a malloc'd string (NULL when missing). */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t cap = 0, n = 0, got;
    char chunk[4096];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n + got + 1 > cap) {
            cap = (n + got + 1) * 2;
            data = realloc(data, cap);
        }
        memcpy(data + n, chunk, got);
        n += got;
    }
    fclose(f);
    if (!data)
        data = calloc(1, 1);
    data[n] = '\0';
    *len = n;
    return data;
}

/* Rotation: 300 records of about 60 bytes with a 1,000-byte cap and 3
 * old files: FILE.1 .. FILE.3 and FILE hold the newest records, in order,
 * whole, each file within the cap; FILE.4 never exists; a record bigger
 * than the cap gets a file of its own. */
static void test_rotation(const char *path)
{
    char name[96];
    for (int i = 1; i <= 5; i++) {
        snprintf(name, sizeof name, "%s.%d", path, i);
        remove(name);
    }
    remove(path);
    char err[256];
    struct transcript *t = transcript_open(path, err, sizeof err);
    CHECK(t != NULL);
    if (!t)
        return;
    transcript_set_rotation(t, 1000, 3);
    for (int i = 0; i < 300; i++) {
        char text[32];
        snprintf(text, sizeof text, "message %03d", i);
        transcript_begin(t, 1764081125000000LL, "sent");
        transcript_field_text(t, "text", text, strlen(text));
        CHECK(transcript_end(t));
    }
    transcript_close(t);
    snprintf(name, sizeof name, "%s.4", path);
    CHECK(access(name, F_OK) != 0);
    /* Oldest to newest: .3, .2, .1, the file. */
    int expect = -1, records = 0;
    bool in_order = true, within = true;
    for (int i = 3; i >= 0; i--) {
        if (i)
            snprintf(name, sizeof name, "%s.%d", path, i);
        else
            snprintf(name, sizeof name, "%s", path);
        size_t len = 0;
        char *data = read_all(name, &len);
        CHECK_MSG(data != NULL, "%s is missing", name);
        if (!data)
            continue;
        within &= len <= 1000;
        for (char *line = data; *line; line = strchr(line, '\n') + 1) {
            int n = -1;
            const char *at = strstr(line, "message ");
            CHECK(at && strchr(line, '\n') && line[0] == '{');
            if (!at || !strchr(line, '\n'))
                break;
            n = atoi(at + 8);
            in_order &= expect < 0 || n == expect + 1;
            expect = n;
            records++;
        }
        free(data);
    }
    CHECK_MSG(in_order && expect == 299, "records out of order (last %d)", expect);
    CHECK_MSG(within, "a file grew past the cap");
    CHECK_MSG(records >= 30 && records < 80, "%d records kept", records);

    /* A record larger than the cap: a file to itself. */
    t = transcript_open(path, err, sizeof err);
    CHECK(t != NULL);
    if (!t)
        return;
    transcript_set_rotation(t, 1000, 3);
    char *big = malloc(3000);
    memset(big, 'x', 2999);
    big[2999] = '\0';
    transcript_begin(t, 1764081125000000LL, "received");
    transcript_field_text(t, "text", big, 2999);
    CHECK(transcript_end(t));
    transcript_begin(t, 1764081125000000LL, "sent");
    transcript_field_text(t, "text", "after", 5);
    CHECK(transcript_end(t));
    transcript_close(t);
    free(big);
    size_t len = 0;
    snprintf(name, sizeof name, "%s.1", path);
    char *data = read_all(name, &len);
    CHECK(data && len > 3000 && strstr(data, "xxxx") && !strstr(data, "after") && !strstr(data, "message"));
    free(data);
    data = read_all(path, &len);
    CHECK(data && strstr(data, "\"after\"") && !strstr(data, "xxxx"));
    free(data);
    for (int i = 1; i <= 3; i++) {
        snprintf(name, sizeof name, "%s.%d", path, i);
        remove(name);
    }
}

int main(void)
{
    char path[64], big_path[64], stderr_path[64], b64_path[64];

    test_escape();
    test_format_time();
    CHECK(make_temp(path, sizeof path, "records"));
    CHECK(make_temp(big_path, sizeof big_path, "big"));
    CHECK(make_temp(stderr_path, sizeof stderr_path, "stderr"));
    test_records(path);
    test_big_record(big_path);
    CHECK(make_temp(b64_path, sizeof b64_path, "b64"));
    test_base64(b64_path);
    remove(b64_path);
    test_net_events(b64_path);
    remove(b64_path);
    char rot_path[64];
    CHECK(make_temp(rot_path, sizeof rot_path, "rotate"));
    test_rotation(rot_path);
    remove(rot_path);
    test_open_failure();
    test_write_failure(stderr_path);
    remove(path);
    remove(big_path);
    remove(stderr_path);
    return check_summary("transcript");
}
