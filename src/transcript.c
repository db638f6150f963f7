/* SPDX-License-Identifier: MIT */
/* transcript.c: see transcript.h. */

#include "transcript.h"

#include "codec.h"
#include "json.h"
#include "msg.h"
#include "platform.h"
#include "utf8.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct transcript {
    FILE *file;
    char *path;              /* for the one failure report */
    struct json_buffer line; /* the record being built; kept between records
                                so steady-state logging does not allocate */
    bool out_of_memory;      /* building the current record failed */
    bool reported;           /* a failure has already gone to stderr */
    uint64_t size;           /* bytes in the file */
    uint64_t max_bytes;      /* rotate past this (0: never) */
    unsigned keep;           /* old files kept: FILE.1 .. FILE.keep */
    bool borrowed;           /* transcript_over: the caller's stream, flushed and closed by it */
    bool failed;             /* a record could not be written */
};

/* Fixed-width decimal, by hand rather than snprintf: every field is known
 * to be in range here, and this way the stamp's length is plain to see. */
static char *transcript_put_digits(char *p, int64_t value, int width)
{
    for (int k = width - 1; k >= 0; k--) {
        p[k] = (char)('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

void transcript_format_time(int64_t time_us, char out[32])
{
    int64_t seconds = time_us / 1000000;
    int64_t micros = time_us % 1000000;
    struct tm tm;
    char *p;

    /* Round towards minus infinity, so an instant before 1970 still reads
     * as a date plus a positive fraction. */
    if (micros < 0) {
        micros += 1000000;
        seconds--;
    }
    /* Years outside 0000..9999 do not fit the fixed-width format; clamp to
     * its ends rather than write a longer or malformed stamp. */
    if ((int64_t)(time_t)seconds != seconds ||
        !platform_utc_time((time_t)seconds, &tm) || tm.tm_year < -1900 ||
        tm.tm_year > 9999 - 1900) {
        strcpy(out, seconds < 0 ? "0000-01-01T00:00:00.000000Z"
                                : "9999-12-31T23:59:59.999999Z");
        return;
    }
    p = transcript_put_digits(out, tm.tm_year + 1900, 4);
    *p++ = '-';
    p = transcript_put_digits(p, tm.tm_mon + 1, 2);
    *p++ = '-';
    p = transcript_put_digits(p, tm.tm_mday, 2);
    *p++ = 'T';
    p = transcript_put_digits(p, tm.tm_hour, 2);
    *p++ = ':';
    p = transcript_put_digits(p, tm.tm_min, 2);
    *p++ = ':';
    p = transcript_put_digits(p, tm.tm_sec, 2);
    *p++ = '.';
    p = transcript_put_digits(p, micros, 6);
    *p++ = 'Z';
    *p = '\0';
}

struct transcript *transcript_open(const char *path, char *err, size_t errlen)
{
    struct transcript *t;
    size_t path_len;
    const char *why = "out of memory";

    assert(path != NULL);
    path_len = strlen(path);
    t = calloc(1, sizeof *t);
    if (t == NULL)
        goto fail;
    t->path = malloc(path_len + 1);
    if (t->path == NULL)
        goto fail;
    memcpy(t->path, path, path_len + 1);
    /* "b" keeps Windows from turning "\n" into "\r\n"; POSIX ignores it. */
    t->file = fopen(path, "ab");
    if (t->file == NULL) {
        why = strerror(errno);
        goto fail;
    }
    if (fseek(t->file, 0, SEEK_END) == 0) {
        long at = ftell(t->file);
        t->size = at > 0 ? (uint64_t)at : 0;
    }
    return t;

fail:
    if (err != NULL && errlen > 0)
        snprintf(err, errlen, "cannot open transcript %s: %s", path, why);
    if (t != NULL)
        free(t->path);
    free(t);
    return NULL;
}

struct transcript *transcript_over(FILE *file)
{
    struct transcript *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->file = file;
    t->borrowed = true;
    t->reported = true; /* the caller reports (transcript_ok), not stderr */
    return t;
}

bool transcript_ok(const struct transcript *t)
{
    return !t->failed;
}

void transcript_close(struct transcript *t)
{
    if (t == NULL)
        return;
    if (t->file && !t->borrowed)
        fclose(t->file);
    json_buffer_free(&t->line);
    free(t->path);
    free(t);
}

static void transcript_put(struct transcript *t, const char *s, size_t n)
{
    if (!t->out_of_memory && !json_buffer_append(&t->line, s, n))
        t->out_of_memory = true;
}

static void transcript_put_escaped(struct transcript *t, const char *s,
                                   size_t n)
{
    if (!t->out_of_memory && !json_escape_append(&t->line, s, n))
        t->out_of_memory = true;
}

void transcript_begin(struct transcript *t, int64_t time_us, const char *event)
{
    char stamp[32];

    assert(t != NULL && event != NULL);
    transcript_format_time(time_us, stamp);
    t->line.len = 0;
    t->out_of_memory = false;
    transcript_put(t, "{\"ts\":\"", 7);
    transcript_put(t, stamp, strlen(stamp));
    transcript_put(t, "\",\"event\":\"", 11);
    transcript_put_escaped(t, event, strlen(event));
    transcript_put(t, "\"", 1);
}

static void transcript_put_key(struct transcript *t, const char *key)
{
    assert(key != NULL);
    transcript_put(t, ",\"", 2);
    transcript_put_escaped(t, key, strlen(key));
    transcript_put(t, "\":", 2);
}

void transcript_field_text(struct transcript *t, const char *key,
                           const char *text, size_t len)
{
    assert(t != NULL && (text != NULL || len == 0));
    transcript_put_key(t, key);
    transcript_put(t, "\"", 1);
    transcript_put_escaped(t, text, len);
    transcript_put(t, "\"", 1);
}

void transcript_field_base64(struct transcript *t, const char *key, const void *data, size_t len)
{
    size_t n = codec_base64_encoded_len(len);

    assert(t != NULL && (data != NULL || len == 0));
    transcript_put_key(t, key);
    transcript_put(t, "\"", 1);
    /* Encoded straight into the line, without a copy of a payload that may
     * be megabytes long. */
    if (!t->out_of_memory && json_buffer_reserve(&t->line, n)) {
        t->line.len += codec_base64_encode(data, len, t->line.data + t->line.len);
        t->line.data[t->line.len] = '\0';
    } else {
        t->out_of_memory = true;
    }
    transcript_put(t, "\"", 1);
}

void transcript_field_int(struct transcript *t, const char *key, int64_t value)
{
    char digits[32];

    assert(t != NULL);
    transcript_put_key(t, key);
    snprintf(digits, sizeof digits, "%" PRId64, value);
    transcript_put(t, digits, strlen(digits));
}

void transcript_set_rotation(struct transcript *t, uint64_t max_bytes, unsigned keep)
{
    t->max_bytes = max_bytes;
    t->keep = keep;
}

/* FILE.(n-1) -> FILE.n, ..., FILE -> FILE.1, and a fresh FILE. False (the
 * file unchanged, or reopened as it was) when that did not work. */
static bool rotate(struct transcript *t)
{
    size_t len = strlen(t->path);
    char *from = malloc(len + 16), *to = malloc(len + 16);
    bool ok = from && to;
    if (ok) {
        if (t->file)
            fclose(t->file);
        t->file = NULL;
        if (t->keep == 0) {
            ok = remove(t->path) == 0;
        } else {
            snprintf(to, len + 16, "%s.%u", t->path, t->keep);
            remove(to); /* the oldest goes */
            for (unsigned i = t->keep; i > 1; i--) {
                snprintf(from, len + 16, "%s.%u", t->path, i - 1);
                snprintf(to, len + 16, "%s.%u", t->path, i);
                rename(from, to); /* (missing while the series is young) */
            }
            snprintf(to, len + 16, "%s.1", t->path);
            /* (Windows' rename does not replace: the slot was emptied above.) */
            ok = rename(t->path, to) == 0;
        }
        t->file = fopen(t->path, "ab");
        if (t->file && ok)
            t->size = 0;
        ok = ok && t->file;
    }
    free(from);
    free(to);
    return ok;
}

bool transcript_end(struct transcript *t)
{
    const char *why = "out of memory";
    bool ok;

    assert(t != NULL && (t->line.len > 0 || t->out_of_memory));
    transcript_put(t, "}\n", 2);
    ok = !t->out_of_memory;
    if (ok && t->max_bytes && (t->size > 0 || !t->file) && t->size + t->line.len > t->max_bytes && !rotate(t)) {
        ok = false;
        why = t->file ? "cannot rotate it" : strerror(errno);
    }
    if (ok && !t->file) {
        ok = false;
        why = "it could not be opened again";
    }
    if (ok) {
        errno = 0;
        /* One fwrite of the whole line, then a flush: the record reaches the
         * file as a unit, and before the next event happens. */
        if (fwrite(t->line.data, 1, t->line.len, t->file) != t->line.len ||
            (!t->borrowed && fflush(t->file) != 0)) {
            ok = false;
            why = errno != 0 ? strerror(errno) : "write error";
        } else {
            t->size += t->line.len;
        }
    }
    t->failed |= !ok;
    if (!ok && !t->reported) {
        fprintf(stderr, "ponte: cannot write transcript %s: %s\n", t->path,
                why);
        t->reported = true;
    }
    t->line.len = 0;
    t->out_of_memory = false;
    return ok;
}

/* ---- network events ------------------------------------------------------------ */

static void text_field(struct transcript *t, const char *key, const char *text)
{
    transcript_field_text(t, key, text, strlen(text));
}

/* A payload: "text", or "base64" for binary; a text frame whose bytes are
 * not UTF-8 (the frame menu sends them on purpose) keeps its exact bytes in
 * "base64" with "invalid_utf8": true, as "text" would replace them. */
static void payload_field(struct transcript *t, const char *payload, size_t len, bool binary)
{
    if (binary) {
        transcript_field_base64(t, "base64", payload, len);
    } else if (utf8_valid(payload, len)) {
        transcript_field_text(t, "text", payload, len);
    } else {
        transcript_field_base64(t, "base64", payload, len);
        transcript_put_key(t, "invalid_utf8");
        transcript_put(t, "true", 4);
    }
}

void transcript_net_event(struct transcript *t, const struct net_event *ev,
                          const struct transcript_place *place, const char *payload, size_t len)
{
    switch (ev->kind) {
    case NET_EVENT_LISTENING:
    case NET_EVENT_PONG:
        return;
    case NET_EVENT_RETRY:
        if (ev->code < 0)
            return;
        transcript_begin(t, ev->time_us, "reconnecting");
        transcript_field_int(t, "attempt", (int64_t)ev->id);
        transcript_field_int(t, "delay_ms", ev->code);
        break;
    case NET_EVENT_CONNECTING:
    case NET_EVENT_CONNECTED: {
        transcript_begin(t, ev->time_us, ev->kind == NET_EVENT_CONNECTING ? "connecting" : "connected");
        text_field(t, "url", place->url);
        if (place->proxy) /* host:port only: the credentials never reach the transcript */
            text_field(t, "proxy", place->proxy);
        if (ev->kind == NET_EVENT_CONNECTING && place->headers)
            text_field(t, "headers", place->headers);
        const struct net_connected *c = ev->kind == NET_EVENT_CONNECTED ? ev->connected : NULL;
        if (c && c->protocol[0])
            text_field(t, "protocol", c->protocol);
        if (c && c->tls_version[0]) {
            char tls[sizeof c->tls_version + sizeof c->tls_cipher + 1];
            snprintf(tls, sizeof tls, "%s %s", c->tls_version, c->tls_cipher);
            text_field(t, "tls", tls);
        }
        break;
    }
    case NET_EVENT_SENT:
    case NET_EVENT_RECEIVED:
    case NET_EVENT_NOT_SENT:
        transcript_begin(t, ev->time_us,
                         ev->kind == NET_EVENT_SENT       ? "sent"
                         : ev->kind == NET_EVENT_RECEIVED ? "received"
                                                          : "not_sent");
        payload_field(t, payload, len, ev->binary);
        if (ev->kind == NET_EVENT_SENT && ev->code > 1)
            transcript_field_int(t, "fragments", ev->code);
        if (ev->kind == NET_EVENT_NOT_SENT)
            text_field(t, "reason", net_error_text(ev->error));
        break;
    case NET_EVENT_PING_SENT:
    case NET_EVENT_PONG_SENT: {
        bool ping = ev->kind == NET_EVENT_PING_SENT, sent = ev->error == NET_ERROR_NONE;
        transcript_begin(t, ev->time_us,
                         ping ? (sent ? "ping_sent" : "ping_not_sent") : (sent ? "pong_sent" : "pong_not_sent"));
        payload_field(t, payload, len, false);
        if (!sent)
            text_field(t, "reason", net_error_text(ev->error));
        break;
    }
    case NET_EVENT_PING_ANSWERED:
        transcript_begin(t, ev->time_us, "pong_received");
        transcript_field_int(t, "rtt_us", ev->code);
        payload_field(t, payload, len, false);
        break;
    case NET_EVENT_CLOSED: {
        transcript_begin(t, ev->time_us, "closed");
        transcript_field_int(t, "code", ev->code);
        transcript_field_text(t, "reason", ev->data ? ev->data : "", ev->len);
        const char *by = ev->closer == NET_CLOSER_SERVER   ? "server"
                         : ev->closer == NET_CLOSER_CLIENT ? "client"
                                                           : "none";
        text_field(t, "by", by);
        break;
    }
    case NET_EVENT_FAILED:
        transcript_begin(t, ev->time_us, "error");
        text_field(t, "reason", net_error_text(ev->error));
        if (ev->data)
            transcript_field_text(t, "detail", ev->data, ev->len);
        break;
    }
    transcript_end(t);
}
