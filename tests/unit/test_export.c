/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L /* setenv, tzset */
/* test_export: a conversation with every kind of message written as JSON
 * Lines, HAR and Markdown; the first two read back with recording_read give
 * the same content, the third has its parts. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "chat.h"
#include "export.h"
#include "find.h"
#include "i18n.h"
#include "recording.h"

#define T0 1764953100000000LL /* 2025-12-05 16:45:00 UTC */

static void event(struct chat *chat, enum net_event_kind kind, int64_t t, const char *data, int code)
{
    struct net_event ev = {.kind = kind, .time_us = t, .code = code};
    if (data) {
        ev.len = strlen(data);
        ev.data = malloc(ev.len + 1);
        memcpy(ev.data, data, ev.len + 1);
    }
    chat_apply(chat, &ev);
}

static void received(struct chat *chat, int64_t t, const char *data, size_t len, bool binary)
{
    struct net_event ev = {.kind = NET_EVENT_RECEIVED, .time_us = t, .binary = binary, .len = len};
    ev.data = malloc(len + 1);
    memcpy(ev.data, data, len);
    ev.data[len] = '\0';
    chat_apply(chat, &ev);
}

static void sent(struct chat *chat, int64_t t, const char *data, size_t len, bool binary, bool ok)
{
    uint64_t id = chat_add_sent_data(chat, data, len, binary, t);
    struct net_event ev = {.kind = ok ? NET_EVENT_SENT : NET_EVENT_NOT_SENT, .id = id, .time_us = t + 5,
                           .error = ok ? NET_ERROR_NONE : NET_ERROR_NOT_CONNECTED};
    chat_apply(chat, &ev);
}

static const char binary_bytes[] = {0, 1, 2, (char)0xFF, 'A', 'B', '\n', (char)0x80, 9, 10, 11, 12, 13, 14, 15, 16, 17};
static const char invalid_text[] = "caf\xC3 \xFF!";
static const char json_text[] = "{\"id\":7,\"items\":[1,2]}";
static const char fenced_text[] = "code:\n```\nx = 1\n```\nend";

/* Every kind: connected, text, JSON, binary, invalid UTF-8 text, not sent,
 * a ping's pong, a close with a code, a second connection. */
static void build(struct chat *chat)
{
    chat_init(chat, "ws://127.0.0.1:9/first");
    event(chat, NET_EVENT_CONNECTING, T0, "ws://127.0.0.1:9/first", 0);
    event(chat, NET_EVENT_CONNECTED, T0 + 1000, NULL, 0);                       /* 0 */
    sent(chat, T0 + 2000, "hello", 5, false, true);                             /* 1 */
    received(chat, T0 + 3000, "hello", 5, false);                               /* 2 */
    received(chat, T0 + 4000, json_text, strlen(json_text), false);             /* 3 */
    received(chat, T0 + 5000, binary_bytes, sizeof binary_bytes, true);         /* 4 */
    sent(chat, T0 + 6000, invalid_text, strlen(invalid_text), false, true);     /* 5 */
    sent(chat, T0 + 7000, "lost", 4, false, false);                             /* 6 */
    struct net_event pong = {.kind = NET_EVENT_PING_ANSWERED, .time_us = T0 + 8000, .code = 412};
    pong.data = malloc(3);
    memcpy(pong.data, "p1", 3);
    pong.len = 2;
    chat_apply(chat, &pong);                                                    /* 7 */
    struct net_event closed = {.kind = NET_EVENT_CLOSED, .time_us = T0 + 9000, .code = 4001,
                               .closer = NET_CLOSER_SERVER};
    closed.data = malloc(4);
    memcpy(closed.data, "bye", 4);
    closed.len = 3;
    chat_apply(chat, &closed);                                                  /* 8 */
    event(chat, NET_EVENT_CONNECTING, T0 + 10000, "ws://127.0.0.1:9/second", 0); /* 9 */
    event(chat, NET_EVENT_CONNECTED, T0 + 11000, NULL, 0);                      /* 10 */
    received(chat, T0 + 12000, fenced_text, strlen(fenced_text), false);        /* 11 */
}

/* The whole stream's bytes (malloc'd, NUL-terminated). */
static char *slurp(FILE *f, size_t *len)
{
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    *len = fread(s, 1, (size_t)n, f);
    s[*len] = '\0';
    return s;
}

static char *export_to_text(enum export_format format, const struct chat *chat, const struct export_pick *pick,
                            size_t *len, size_t *written)
{
    FILE *f = tmpfile();
    char err[128] = "";
    CHECK(f != NULL);
    bool ok = export_write(f, format, chat, pick, written, err, sizeof err);
    CHECK_MSG(ok, "%s", err);
    char *s = slurp(f, len);
    fclose(f);
    return s;
}

/* The whole conversation in format. */
static char *export_all(enum export_format format, const struct chat *chat, size_t *len, size_t *written)
{
    struct export_pick all = {NULL, 0, chat->count};
    return export_to_text(format, chat, &all, len, written);
}

static bool data_is(const struct recording_entry *e, const char *data, size_t len)
{
    return e->len == len && e->data && memcmp(e->data, data, len) == 0;
}

static void test_jsonl(const struct chat *chat)
{
    size_t len, written;
    char *text = export_all(EXPORT_JSONL, chat, &len, &written);
    CHECK(written == chat->count);
    struct recording rec = {0};
    char err[256] = "";
    CHECK_MSG(recording_read(&rec, text, len, err, sizeof err), "%s", err);
    CHECK(rec.format == RECORDING_TRANSCRIPT);
    CHECK_MSG(rec.count == chat->count && rec.damaged == 0, "%zu entries, %zu damaged", rec.count, rec.damaged);
    static const enum recording_kind kinds[] = {
        RECORDING_CONNECTED, RECORDING_SENT,     RECORDING_RECEIVED,      RECORDING_RECEIVED,
        RECORDING_RECEIVED,  RECORDING_SENT,     RECORDING_NOT_SENT,      RECORDING_PONG_RECEIVED,
        RECORDING_CLOSED,    RECORDING_CONNECTING, RECORDING_CONNECTED,   RECORDING_RECEIVED};
    for (size_t i = 0; i < rec.count && i < sizeof kinds / sizeof kinds[0]; i++) {
        CHECK_MSG(rec.entries[i].kind == kinds[i], "entry %zu is %s", i, recording_kind_name(rec.entries[i].kind));
        CHECK_MSG(rec.entries[i].time_us == chat->messages[i].time_us, "entry %zu's time", i);
    }
    if (rec.count == 12) {
        const struct recording_entry *e = rec.entries;
        CHECK(e[0].url && strcmp(e[0].url, "ws://127.0.0.1:9/first") == 0);
        CHECK(data_is(&e[1], "hello", 5) && e[1].direction == RECORDING_OUT && !e[1].binary);
        CHECK(data_is(&e[2], "hello", 5) && e[2].direction == RECORDING_IN);
        CHECK(data_is(&e[3], json_text, strlen(json_text)));
        CHECK(data_is(&e[4], binary_bytes, sizeof binary_bytes) && e[4].binary);
        CHECK(data_is(&e[5], invalid_text, strlen(invalid_text)) && e[5].invalid_utf8 && !e[5].binary);
        CHECK(data_is(&e[6], "lost", 4) && e[6].reason && strcmp(e[6].reason, "not connected") == 0);
        CHECK(data_is(&e[7], "p1", 2) && e[7].number == 412);
        CHECK(e[8].number == 4001 && e[8].by == NET_CLOSER_SERVER && e[8].reason && strcmp(e[8].reason, "bye") == 0);
        CHECK(e[9].url && strcmp(e[9].url, "ws://127.0.0.1:9/second") == 0);
        CHECK(e[10].url && strcmp(e[10].url, "ws://127.0.0.1:9/second") == 0);
        CHECK(data_is(&e[11], fenced_text, strlen(fenced_text)));
    }
    recording_free(&rec);
    free(text);
}

static void test_har(const struct chat *chat)
{
    size_t len, written;
    char *text = export_all(EXPORT_HAR, chat, &len, &written);
    CHECK_MSG(written == 6, "%zu messages in the HAR", written); /* the not-sent one and events left out */
    CHECK(strstr(text, "\"version\":\"1.2\"") && strstr(text, "\"creator\":{\"name\":\"Ponte\""));
    CHECK(strstr(text, "\"status\":101") && strstr(text, "\"_resourceType\":\"websocket\""));
    CHECK(strstr(text, "\"startedDateTime\":\"2025-12-05T16:45:00.001Z\""));
    CHECK(strstr(text, "\"time\":1764953100.002000"));
    struct recording rec = {0};
    char err[256] = "";
    CHECK_MSG(recording_read(&rec, text, len, err, sizeof err), "%s", err);
    CHECK(rec.format == RECORDING_HAR);
    CHECK_MSG(rec.count == 8 && rec.damaged == 0, "%zu entries, %zu damaged", rec.count, rec.damaged);
    if (rec.count == 8) {
        const struct recording_entry *e = rec.entries;
        CHECK(e[0].kind == RECORDING_CONNECTED && strcmp(e[0].url, "ws://127.0.0.1:9/first") == 0);
        CHECK(e[0].time_us == T0 + 2000); /* (a HAR's connection starts at its first message) */
        CHECK(e[1].kind == RECORDING_SENT && data_is(&e[1], "hello", 5) && e[1].time_us == T0 + 2000);
        CHECK(e[2].kind == RECORDING_RECEIVED && data_is(&e[2], "hello", 5) && e[2].time_us == T0 + 3000);
        CHECK(data_is(&e[3], json_text, strlen(json_text)));
        CHECK(e[4].binary && data_is(&e[4], binary_bytes, sizeof binary_bytes) && e[4].time_us == T0 + 5000);
        /* A HAR holds text: the bytes that are not UTF-8 come back as U+FFFD. */
        CHECK(e[5].kind == RECORDING_SENT && data_is(&e[5], "caf\xEF\xBF\xBD \xEF\xBF\xBD!", 11));
        CHECK(e[6].kind == RECORDING_CONNECTED && strcmp(e[6].url, "ws://127.0.0.1:9/second") == 0);
        CHECK(e[7].kind == RECORDING_RECEIVED && data_is(&e[7], fenced_text, strlen(fenced_text)));
    }
    recording_free(&rec);
    free(text);
}

static void test_markdown(const struct chat *chat)
{
    size_t len, written;
    char *md = export_all(EXPORT_MARKDOWN, chat, &len, &written);
    CHECK(written == chat->count);
    CHECK_MSG(strncmp(md, "# Conversation with ws://127.0.0.1:9/second\n", 44) == 0, "%.60s", md);
    CHECK(strstr(md, "From 2025-12-05 16:45:00 to 2025-12-05 16:45:00 \xC2\xB7 12 messages"));
    CHECK(strstr(md, "### 16:45:00.002 \xC2\xB7 Sent\n\n```\nhello\n```\n"));
    CHECK(strstr(md, "### 16:45:00.003 \xC2\xB7 Received\n\n```\nhello\n```\n"));
    CHECK(strstr(md, "```json\n{\n  \"id\": 7,"));
    CHECK(strstr(md, "binary \xC2\xB7 17 bytes\n\n```\n0000  00 01 02 ff 41 42 0a 80  09 0a 0b 0c 0d 0e 0f 10  "
                     "....AB..........\n0010  11"));
    CHECK(strstr(md, "Sent as text with invalid UTF\\-8") == NULL); /* ('-' is not escaped) */
    CHECK(strstr(md, "Sent as text with invalid UTF-8\n\n```\ncaf\xEF\xBF\xBD \xEF\xBF\xBD!\n```"));
    CHECK(strstr(md, "### 16:45:00.007 \xC2\xB7 Not sent\n\n```\nlost\n```"));
    CHECK(strstr(md, "*16:45:00.009 \xC2\xB7 ") && strstr(md, "4001"));
    /* The message with ``` inside gets a longer fence, so it stays whole. */
    CHECK(strstr(md, "````\ncode:\n```\nx = 1\n```\nend\n````\n"));
    free(md);

    /* In Portuguese. */
    i18n_set_lang(I18N_PT_BR);
    md = export_all(EXPORT_MARKDOWN, chat, &len, &written);
    CHECK_MSG(strstr(md, "# Conversa com ws://") && strstr(md, "12 mensagens") && strstr(md, "Recebido"), "%.200s",
              md);
    free(md);
    i18n_set_lang(I18N_EN);
}

/* The filtered view and a selection: only their messages go. */
static void test_picks(const struct chat *chat)
{
    struct find f;
    memset(&f, 0, sizeof f);
    uint32_t shown[] = {2, 3, 4, 11}; /* as if sent messages and events were hidden */
    f.filtered = true;
    f.row_message = shown;
    f.rows.count = 4;
    struct export_pick filtered = {&f, 0, chat->count};
    CHECK(export_count(chat, &filtered) == 4);
    size_t len, written;
    char *text = export_to_text(EXPORT_JSONL, chat, &filtered, &len, &written);
    struct recording rec = {0};
    char err[256];
    CHECK(written == 4 && recording_read(&rec, text, len, err, sizeof err) && rec.count == 4);
    CHECK(rec.count == 4 && rec.entries[3].kind == RECORDING_RECEIVED && data_is(&rec.entries[3], fenced_text,
                                                                               strlen(fenced_text)));
    recording_free(&rec);
    free(text);

    /* A selection from message 3 to 8 in that view: 3 and 4. */
    struct export_pick some = {&f, 3, 9};
    CHECK(export_count(chat, &some) == 2);
    text = export_to_text(EXPORT_HAR, chat, &some, &len, &written);
    CHECK(written == 2 && recording_read(&rec, text, len, err, sizeof err) && rec.count == 3);
    CHECK(rec.count == 3 && rec.entries[2].binary);
    recording_free(&rec);
    free(text);

    /* Unfiltered, a selection is the messages between. */
    struct export_pick plain = {NULL, 1, 3};
    text = export_to_text(EXPORT_JSONL, chat, &plain, &len, &written);
    CHECK(written == 2 && recording_read(&rec, text, len, err, sizeof err) && rec.count == 2 &&
          rec.entries[0].kind == RECORDING_SENT);
    recording_free(&rec);
    free(text);

    /* Out of range is clamped, never read past the messages. */
    struct export_pick beyond = {NULL, 5, 100000};
    CHECK(export_count(chat, &beyond) == chat->count - 5);
}

/* Many messages and a big one go through the stream (the writers keep one
 * record at a time) and come back. */
static void test_big(void)
{
    size_t big_len = (size_t)8 << 20;
    char *big = malloc(big_len);
    for (size_t i = 0; i < big_len; i++)
        big[i] = (char)(i * 7);
    for (int format = EXPORT_JSONL; format <= EXPORT_HAR; format++) {
        int many = 100000;
        struct chat chat;
        chat_init(&chat, "ws://127.0.0.1:9/");
        event(&chat, NET_EVENT_CONNECTED, T0, NULL, 0);
        for (int i = 0; i < many; i++) {
            char text[32];
            int n = snprintf(text, sizeof text, "message %d", i);
            received(&chat, T0 + i, text, (size_t)n, false);
        }
        received(&chat, T0 + 200000, big, big_len, true);
        struct export_pick all = {NULL, 0, chat.count};
        size_t len, written;
        char *text = export_to_text((enum export_format)format, &chat, &all, &len, &written);
        struct recording rec = {0};
        char err[256] = "";
        size_t want = (size_t)many + 2;
        CHECK_MSG(recording_read(&rec, text, len, err, sizeof err), "%s", err);
        CHECK_MSG(rec.count == want, "%zu entries", rec.count);
        CHECK(rec.count == want && data_is(&rec.entries[want - 1], big, big_len) &&
              data_is(&rec.entries[want - 2], "message 99999", 13));
        recording_free(&rec);
        free(text);
        chat_free(&chat);
    }
    free(big);
}

static void test_names(void)
{
    char name[64];
    export_default_name(EXPORT_HAR, T0, name, sizeof name);
    CHECK_MSG(strcmp(name, "ponte-2025-12-05-1645.har") == 0, "%s", name);
    char path[64] = "/home/a/ponte-1.jsonl";
    CHECK(export_fix_extension(path, sizeof path, EXPORT_MARKDOWN) && strcmp(path, "/home/a/ponte-1.md") == 0);
    CHECK(export_fix_extension(path, sizeof path, EXPORT_HAR) && strcmp(path, "/home/a/ponte-1.har") == 0);
    CHECK(!export_fix_extension(path, sizeof path, EXPORT_HAR));
    char other[64] = "/home/a.b/notes.txt";
    CHECK(!export_fix_extension(other, sizeof other, EXPORT_HAR) && strcmp(other, "/home/a.b/notes.txt") == 0);
    char small[12] = "a.md";
    CHECK(!export_fix_extension(small, 6, EXPORT_JSONL) && strcmp(small, "a.md") == 0); /* no room */
    CHECK(strcmp(export_extension(EXPORT_JSONL), "jsonl") == 0);
    char count[32];
    export_format_count(1234567, count, sizeof count);
    CHECK(strcmp(count, "1,234,567") == 0);
    export_format_count(999, count, sizeof count);
    CHECK(strcmp(count, "999") == 0);
    i18n_set_lang(I18N_PT_BR);
    export_format_count(1234, count, sizeof count);
    CHECK(strcmp(count, "1.234") == 0);
    i18n_set_lang(I18N_EN);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    i18n_set_lang(I18N_EN);
    struct chat chat;
    build(&chat);
    CHECK(chat.count == 12);
    test_jsonl(&chat);
    test_har(&chat);
    test_markdown(&chat);
    test_picks(&chat);
    chat_free(&chat);
    test_big();
    test_names();
    return check_summary("export");
}
