/* SPDX-License-Identifier: MIT */
/* export.c: see export.h. */
#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codec.h"
#include "display.h"
#include "i18n.h"
#include "json.h"
#include "msg.h"
#include "platform.h"
#include "transcript.h"
#include "utf8.h"

#ifndef PONTE_VERSION
#define PONTE_VERSION "unknown"
#endif

static const char *const extensions[EXPORT_FORMAT_COUNT] = {"jsonl", "har", "md"};

const char *export_extension(enum export_format format)
{
    return (unsigned)format < EXPORT_FORMAT_COUNT ? extensions[format] : extensions[0];
}

/* ---- which messages ----------------------------------------------------------------- */

/* The pick as rows: messages[row_message(first..end)]. */
struct rows {
    const struct find *filter; /* NULL: rows are messages */
    size_t first, end;
};

static struct rows pick_rows(const struct chat *chat, const struct export_pick *pick)
{
    size_t to = pick->to < chat->count ? pick->to : chat->count;
    size_t from = pick->from < to ? pick->from : to;
    struct rows r = {pick->filter && pick->filter->filtered ? pick->filter : NULL, from, to};
    if (r.filter) {
        r.first = find_message_row(r.filter, from);
        r.end = find_message_row(r.filter, to);
    }
    return r;
}

static const struct chat_message *row_message(const struct chat *chat, const struct rows *r, size_t row)
{
    return &chat->messages[r->filter ? find_row_message(r->filter, row) : row];
}

size_t export_count(const struct chat *chat, const struct export_pick *pick)
{
    struct rows r = pick_rows(chat, pick);
    return r.end - r.first;
}

/* ---- JSON Lines ---------------------------------------------------------------------- */

/* A message of the chat as the network event that made it, for the
 * transcript's own writer. False for what no record is written of (the
 * "older messages" line, the echo server's listening line). */
static bool as_event(const struct chat_message *m, struct net_event *ev, struct transcript_place *place)
{
    memset(ev, 0, sizeof *ev);
    memset(place, 0, sizeof *place);
    ev->time_us = m->time_us;
    ev->binary = m->binary;
    ev->data = (char *)m->text; /* (read only: the writer never changes it) */
    ev->len = m->len;
    ev->error = (enum net_error)m->error;
    ev->closer = (enum net_closer)m->closer;
    ev->code = m->code;
    switch (m->kind) {
    case CHAT_SENT:
        /* One still on its way was handed to the worker: a replay sends it. */
        ev->kind = m->state == CHAT_NOT_SENT ? NET_EVENT_NOT_SENT : NET_EVENT_SENT;
        return true;
    case CHAT_RECEIVED:
        ev->kind = NET_EVENT_RECEIVED;
        ev->compressed = m->compressed;
        return true;
    default:
        break;
    }
    if (m->event == CHAT_EVENT_OLDER || m->event == NET_EVENT_LISTENING)
        return false;
    ev->kind = (enum net_event_kind)m->event;
    if (ev->kind == NET_EVENT_CONNECTING || ev->kind == NET_EVENT_CONNECTED)
        place->url = m->text; /* (the line keeps where it went) */
    if (ev->kind == NET_EVENT_PING_ANSWERED)
        ev->code = (int)m->rtt_us;
    return true;
}

static bool write_jsonl(FILE *out, const struct chat *chat, const struct rows *r, size_t *written)
{
    struct transcript *t = transcript_over(out);
    if (!t)
        return false;
    for (size_t row = r->first; row < r->end && transcript_ok(t); row++) {
        struct net_event ev;
        struct transcript_place place;
        const struct chat_message *m = row_message(chat, r, row);
        if (!as_event(m, &ev, &place))
            continue;
        transcript_net_event(t, &ev, &place, m->text, m->len);
        ++*written;
    }
    bool ok = transcript_ok(t);
    transcript_close(t);
    return ok;
}

/* ---- HAR ----------------------------------------------------------------------------- */

/* What the HAR is written with: one line at a time, reused. */
struct har {
    FILE *out;
    struct json_buffer line;
    bool failed;
    bool entry_open, any_entry;
    size_t messages; /* in the open entry */
};

static void har_put(struct har *h, const char *s)
{
    h->failed |= !json_buffer_append_text(&h->line, s);
}

static void har_string(struct har *h, const char *s, size_t n)
{
    har_put(h, "\"");
    h->failed |= !json_escape_append(&h->line, s, n);
    har_put(h, "\"");
}

static void har_flush(struct har *h)
{
    if (!h->failed && h->line.len && fwrite(h->line.data, 1, h->line.len, h->out) != h->line.len)
        h->failed = true;
    h->line.len = 0;
}

/* ISO 8601 with milliseconds, as browsers write startedDateTime. */
static void har_date(int64_t time_us, char out[32])
{
    transcript_format_time(time_us, out);
    strcpy(out + 23, "Z"); /* "YYYY-MM-DDTHH:MM:SS.mmm" */
}

static void har_close_entry(struct har *h)
{
    if (!h->entry_open)
        return;
    har_put(h, h->messages ? "\n  ]}" : "]}");
    h->entry_open = false;
}

static void har_open_entry(struct har *h, const char *url, int64_t time_us)
{
    char date[32];
    har_close_entry(h);
    har_date(time_us, date);
    har_put(h, h->any_entry ? ",\n" : "\n");
    har_put(h, "  {\"startedDateTime\":\"");
    har_put(h, date);
    har_put(h, "\",\"time\":0,\n   \"request\":{\"method\":\"GET\",\"url\":");
    har_string(h, url, strlen(url));
    har_put(h, ",\"httpVersion\":\"HTTP/1.1\",\"cookies\":[],\"headers\":[{\"name\":\"Upgrade\",\"value\":"
               "\"websocket\"},{\"name\":\"Connection\",\"value\":\"Upgrade\"}],\"queryString\":[],"
               "\"headersSize\":-1,\"bodySize\":0},\n"
               "   \"response\":{\"status\":101,\"statusText\":\"Switching Protocols\",\"httpVersion\":"
               "\"HTTP/1.1\",\"cookies\":[],\"headers\":[],\"content\":{\"size\":0,\"mimeType\":\"x-unknown\"},"
               "\"redirectURL\":\"\",\"headersSize\":-1,\"bodySize\":0},\n"
               "   \"cache\":{},\"timings\":{\"blocked\":-1,\"dns\":-1,\"ssl\":-1,\"connect\":-1,\"send\":0,"
               "\"wait\":0,\"receive\":0},\n   \"_resourceType\":\"websocket\",\"_webSocketMessages\":[");
    h->entry_open = h->any_entry = true;
    h->messages = 0;
}

/* Seconds since 1970 with every microsecond, written from the integer
 * (a double's printf could round the last digit). */
static void har_time(struct har *h, int64_t time_us)
{
    char s[48];
    if (time_us < 0)
        time_us = 0;
    snprintf(s, sizeof s, "%lld.%06lld", (long long)(time_us / 1000000), (long long)(time_us % 1000000));
    har_put(h, s);
}

static void har_message(struct har *h, const struct chat_message *m)
{
    har_put(h, h->messages++ ? ",\n    {\"type\":\"" : "\n    {\"type\":\"");
    har_put(h, m->kind == CHAT_SENT ? "send" : "receive");
    har_put(h, "\",\"time\":");
    har_time(h, m->time_us);
    har_put(h, m->binary ? ",\"opcode\":2,\"data\":\"" : ",\"opcode\":1,\"data\":");
    if (m->binary) {
        size_t n = codec_base64_encoded_len(m->len);
        if (!h->failed && json_buffer_reserve(&h->line, n)) {
            h->line.len += codec_base64_encode(m->text, m->len, h->line.data + h->line.len);
            h->line.data[h->line.len] = '\0';
        } else {
            h->failed = true;
        }
        har_put(h, "\"}");
    } else {
        /* (Bytes that are not UTF-8 become U+FFFD: a HAR holds text.) */
        har_string(h, m->text, m->len);
        har_put(h, "}");
    }
}

static bool write_har(FILE *out, const struct chat *chat, const struct rows *r, size_t *written)
{
    struct har h = {.out = out};
    har_put(&h, "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Ponte\",\"version\":\"" PONTE_VERSION
                "\"},\"pages\":[],\"entries\":[");
    for (size_t row = r->first; row < r->end && !h.failed; row++) {
        const struct chat_message *m = row_message(chat, r, row);
        if (m->kind == CHAT_EVENT) {
            if (m->event == NET_EVENT_CONNECTED)
                har_open_entry(&h, m->len ? m->text : chat->url, m->time_us);
            continue;
        }
        if (m->kind == CHAT_SENT && m->state == CHAT_NOT_SENT)
            continue; /* never on the wire */
        if (!h.entry_open) /* (messages before the pick's first connection) */
            har_open_entry(&h, chat->url, m->time_us);
        har_message(&h, m);
        ++*written;
        har_flush(&h);
    }
    har_close_entry(&h);
    har_put(&h, "\n]}}\n");
    har_flush(&h);
    json_buffer_free(&h.line);
    return !h.failed;
}

/* ---- Markdown ------------------------------------------------------------------------ */

struct md {
    FILE *out;
    bool failed;
};

static void md_write(struct md *d, const char *s, size_t n)
{
    if (!d->failed && n && fwrite(s, 1, n, d->out) != n)
        d->failed = true;
}

static void md_puts(struct md *d, const char *s)
{
    md_write(d, s, strlen(s));
}

/* Text in a line of Markdown, with the characters that would format it
 * escaped. */
static void md_escaped(struct md *d, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (!strchr("\\`*_[]<>#|~", s[i]) || !s[i])
            continue;
        md_write(d, s + start, i - start);
        md_write(d, "\\", 1);
        start = i;
    }
    md_write(d, s + start, n - start);
}

/* "2026-12-05 16:45:01" (seconds) or "16:45:01.123" (a message's). */
static void md_time(int64_t time_us, bool date, char *out, size_t n)
{
    struct tm tm;
    if (!platform_local_time(time_us, &tm)) {
        snprintf(out, n, "?");
        return;
    }
    if (date)
        snprintf(out, n, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                 tm.tm_min, tm.tm_sec);
    else
        snprintf(out, n, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
                 (int)((time_us % 1000000 + 1000000) % 1000000 / 1000));
}

/* A fence longer than any run of backticks in the text, so none ends it. */
static size_t md_fence_len(const char *s, size_t n)
{
    size_t most = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        most = run > most ? run : most;
    }
    return most >= 3 ? most + 1 : 3;
}

static void md_fence(struct md *d, size_t len, const char *info)
{
    for (size_t i = 0; i < len; i++)
        md_write(d, "`", 1);
    md_puts(d, info);
    md_write(d, "\n", 1);
}

static void md_block(struct md *d, const char *info, const char *s, size_t n)
{
    size_t fence = md_fence_len(s, n);
    md_fence(d, fence, info);
    md_write(d, s, n);
    if (n && s[n - 1] != '\n')
        md_write(d, "\n", 1);
    md_fence(d, fence, "");
}

static void md_hex(struct md *d, const struct chat_message *m)
{
    char line[DISPLAY_HEX_ROW + 1];
    md_fence(d, 3, "");
    for (size_t row = 0; row < m->len; row += 16) {
        size_t n = display_hex_row(m->text, m->len, row, m->len > 0x10000, line);
        line[n++] = '\n';
        md_write(d, line, n);
    }
    md_fence(d, 3, "");
}

static void md_message(struct md *d, const struct chat *chat, const struct chat_message *m)
{
    char when[80], label[160];
    md_time(m->time_us, false, when, sizeof when);
    if (m->kind == CHAT_EVENT) {
        char line[1024];
        display_event(chat, m, line, sizeof line);
        md_puts(d, "*");
        md_puts(d, when);
        md_puts(d, " \xC2\xB7 ");
        md_escaped(d, line, strlen(line));
        md_puts(d, "*\n\n");
        return;
    }
    const char *what = m->kind == CHAT_RECEIVED ? tr(I18N_RECEIVED)
                       : m->state == CHAT_NOT_SENT ? tr(I18N_NOT_SENT)
                       : m->state == CHAT_SENDING  ? tr(I18N_SENDING)
                                                   : display_sent_label(m, label, sizeof label);
    md_puts(d, "### ");
    md_puts(d, when);
    md_puts(d, " \xC2\xB7 ");
    md_escaped(d, what, strlen(what));
    md_puts(d, "\n\n");
    if (m->binary) {
        snprintf(label, sizeof label, tr(I18N_BINARY_MESSAGE), (size_t)m->len);
        md_puts(d, label);
        md_puts(d, "\n\n");
        md_hex(d, m);
    } else if (!utf8_valid(m->text, m->len)) {
        size_t n = 0;
        char *fixed = utf8_repair(m->text, m->len, &n); /* (U+FFFD where a byte was wrong) */
        if (fixed)
            md_block(d, "", fixed, n);
        d->failed |= !fixed;
        free(fixed);
    } else {
        struct json_pretty p = {0};
        if (json_pretty(m->text, m->len, &p))
            md_block(d, "json", p.text, p.len);
        else
            md_block(d, "", m->text, m->len);
        json_pretty_free(&p);
    }
    md_write(d, "\n", 1);
}

static bool write_markdown(FILE *out, const struct chat *chat, const struct rows *r, size_t *written)
{
    struct md d = {.out = out};
    char title[URL_TEXT_MAX + 160], from[80], to[80], count[64];
    int64_t first = r->end > r->first ? row_message(chat, r, r->first)->time_us : 0;
    int64_t last = r->end > r->first ? row_message(chat, r, r->end - 1)->time_us : 0;
    snprintf(title, sizeof title, tr(I18N_EXPORT_MD_TITLE), chat->url);
    md_puts(&d, "# ");
    md_escaped(&d, title, strlen(title));
    md_puts(&d, "\n\n");
    md_time(first, true, from, sizeof from);
    md_time(last, true, to, sizeof to);
    snprintf(title, sizeof title, tr(I18N_EXPORT_MD_SPAN), from, to);
    snprintf(count, sizeof count, tr(I18N_EXPORT_MD_COUNT), (unsigned long long)(r->end - r->first));
    md_puts(&d, title);
    md_puts(&d, " \xC2\xB7 ");
    md_puts(&d, count);
    md_puts(&d, "\n\n---\n\n");
    for (size_t row = r->first; row < r->end && !d.failed; row++) {
        const struct chat_message *m = row_message(chat, r, row);
        if (m->kind == CHAT_EVENT && m->event == CHAT_EVENT_OLDER)
            continue;
        md_message(&d, chat, m);
        ++*written;
    }
    return !d.failed;
}

/* ---- the one entry point --------------------------------------------------------------- */

bool export_write(FILE *out, enum export_format format, const struct chat *chat, const struct export_pick *pick,
                  size_t *written, char *err, size_t errlen)
{
    struct rows r = pick_rows(chat, pick);
    size_t count = 0;
    bool ok = format == EXPORT_HAR        ? write_har(out, chat, &r, &count)
              : format == EXPORT_MARKDOWN ? write_markdown(out, chat, &r, &count)
                                          : write_jsonl(out, chat, &r, &count);
    ok = ok && fflush(out) == 0 && !ferror(out);
    if (!ok && err && errlen)
        snprintf(err, errlen, "%s", ferror(out) ? tr(I18N_EXPORT_WRITE_FAILED) : tr_codec_error(CODEC_OUT_OF_MEMORY));
    if (written)
        *written = count;
    return ok;
}

void export_format_count(uint64_t n, char *out, size_t size)
{
    char digits[32], grouped[48];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n), at = 0;
    char sep = i18n_get_lang() == I18N_PT_BR ? '.' : ',';
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            grouped[at++] = sep;
        grouped[at++] = digits[i];
    }
    grouped[at] = '\0';
    snprintf(out, size, "%s", grouped);
}

/* ---- file names ---------------------------------------------------------------------- */

void export_default_name(enum export_format format, int64_t time_us, char *out, size_t n)
{
    struct tm tm;
    if (!platform_local_time(time_us, &tm))
        memset(&tm, 0, sizeof tm);
    snprintf(out, n, "ponte-%04d-%02d-%02d-%02d%02d.%s", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
             tm.tm_min, export_extension(format));
}

bool export_fix_extension(char *path, size_t n, enum export_format format)
{
    char *dot = strrchr(path, '.');
    if (!dot || strpbrk(dot, "/\\"))
        return false;
    for (int f = 0; f < EXPORT_FORMAT_COUNT; f++) {
        if (strcmp(dot + 1, extensions[f]) != 0)
            continue;
        const char *want = export_extension(format);
        if (f == (int)format || (size_t)(dot + 1 - path) + strlen(want) + 1 > n)
            return false;
        strcpy(dot + 1, want);
        return true;
    }
    return false;
}
