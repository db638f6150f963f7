/* SPDX-License-Identifier: MIT */
/* har: a HAR file saved by a browser's developer tools, read into a
 * recording's entries: every entry's "_webSocketMessages" (Chrome and
 * Firefox: type send/receive, time in seconds since the epoch, opcode 1 text
 * or 2 binary, data as text or base64) becomes sent and received entries
 * after a CONNECTED entry with the entry's request URL; the entries of
 * connections whose times overlap are put in order of time (stably). Pure:
 * json.c's reader and codec.c's base64 (recording.h declares the call). */
#include "recording.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "i18n.h"
#include "json.h"
#include "recording_internal.h"

struct har {
    struct recording *rec;
    unsigned file;
    char *err;
    size_t errlen;
    bool stopped; /* put failed: err already says why */
    bool has_log, has_entries;
    /* The line of a place in the document, counted on from the last place
     * asked about (places only move forward): json_reader_where counts from
     * the start each time, which made a big HAR's read quadratic. */
    size_t line_pos, line;
};

static size_t har_line(struct har *h, const struct json_reader *r)
{
    if (!h->line)
        h->line = 1;
    size_t end = r->pos < r->len ? r->pos : r->len;
    for (const char *p = r->s + h->line_pos, *stop = r->s + end; p < stop; p++) {
        p = memchr(p, '\n', (size_t)(stop - p));
        if (!p)
            break;
        h->line++;
    }
    if (end > h->line_pos)
        h->line_pos = end;
    return h->line;
}

struct har_message {
    char *type, *data;
    size_t data_len;
    double time;
    int64_t opcode;
    bool has_time, has_opcode;
};

static bool har_message_member(struct json_reader *r, const char *key, void *user, int depth)
{
    struct har_message *m = user;
    if (strcmp(key, "type") == 0)
        return recording_json_text(r, &m->type, NULL, key);
    if (strcmp(key, "data") == 0)
        return recording_json_text(r, &m->data, &m->data_len, key);
    if (strcmp(key, "time") == 0)
        return m->has_time = true, recording_json_number(r, depth, &m->time);
    if (strcmp(key, "opcode") == 0)
        return m->has_opcode = true, recording_json_integer(r, depth, &m->opcode);
    return json_skip_value(r, depth);
}

/* The message read as an entry, or why it cannot be one. */
static const char *har_entry(struct har_message *m, struct recording_entry *e)
{
    if (!m->type || (strcmp(m->type, "send") != 0 && strcmp(m->type, "receive") != 0))
        return N_("a WebSocket message's \"type\" is neither \"send\" nor \"receive\"");
    if (!m->has_time || !(m->time >= 0 && m->time < 9.0e9))
        return N_("a WebSocket message without a \"time\" in seconds since 1970");
    if (!m->has_opcode || (m->opcode != 1 && m->opcode != 2))
        return N_("a WebSocket message whose \"opcode\" is neither 1 (text) nor 2 (binary)");
    if (!m->data)
        return N_("a WebSocket message without \"data\"");
    e->kind = m->type[0] == 's' ? RECORDING_SENT : RECORDING_RECEIVED;
    e->direction = recording_direction_of(e->kind);
    e->time_us = (int64_t)(m->time * 1e6 + 0.5);
    if (m->opcode == 2) {
        unsigned char *bytes = NULL;
        size_t n = 0;
        if (!codec_base64_decode(m->data, m->data_len, &bytes, &n, NULL))
            return N_("a binary WebSocket message whose \"data\" is not base64");
        e->data = recording_copy_text((const char *)bytes, n);
        free(bytes);
        if (!e->data)
            return N_("out of memory");
        e->len = n;
        e->binary = true;
    } else {
        e->data = m->data;
        e->len = m->data_len;
        m->data = NULL;
    }
    return NULL;
}

static bool har_message(struct json_reader *r, void *user, int depth)
{
    struct har *h = user;
    struct har_message m = {0};
    struct recording_entry e = {0};
    json_reader_space(r);
    size_t line = har_line(h, r);
    const char *why = json_reader_peek(r, '{') ? NULL : N_("a WebSocket message is an object");
    bool ok = why ? json_skip_value(r, depth) : json_read_object(r, har_message_member, &m, depth);
    if (ok && !why)
        why = har_entry(&m, &e);
    free(m.type);
    free(m.data);
    if (!ok)
        return false;
    e.line = line;
    e.file = h->file;
    if (why) {
        recording_entry_free(&e);
        ok = recording_put_damaged(h->rec, line, h->file, tr_msgid(why), h->err, h->errlen);
    } else {
        ok = recording_put(h->rec, &e, h->err, h->errlen);
    }
    if (!ok) {
        h->stopped = true;
        return json_reader_fail(r, "%s", h->err ? h->err : "stopped");
    }
    return true;
}

struct har_entry {
    struct har *h;
    char *url;
    size_t first; /* where this entry's messages start in rec */
    size_t line;
};

static bool har_request_member(struct json_reader *r, const char *key, void *user, int depth)
{
    if (strcmp(key, "url") == 0)
        return recording_json_text(r, (char **)user, NULL, key);
    return json_skip_value(r, depth); /* the headers and the rest */
}

static bool har_entry_member(struct json_reader *r, const char *key, void *user, int depth)
{
    struct har_entry *he = user;
    if (strcmp(key, "_webSocketMessages") == 0) {
        if (!json_reader_peek(r, '['))
            return json_reader_fail(r, N_("\"_webSocketMessages\" must be a list"));
        return json_read_array(r, har_message, he->h, depth);
    }
    if (strcmp(key, "request") == 0 && json_reader_peek(r, '{'))
        return json_read_object(r, har_request_member, &he->url, depth);
    return json_skip_value(r, depth);
}

/* An entry with WebSocket messages gets a CONNECTED entry before them, at
 * the first one's time, carrying its request URL. */
static bool har_element(struct json_reader *r, void *user, int depth)
{
    struct har *h = user;
    struct har_entry he = {.h = h, .first = h->rec->count};
    json_reader_space(r);
    he.line = har_line(h, r);
    if (!json_reader_peek(r, '{'))
        return json_reader_fail(r, N_("a HAR entry is an object"));
    bool ok = json_read_object(r, har_entry_member, &he, depth);
    struct recording *rec = h->rec;
    if (ok && rec->count > he.first) {
        struct recording_entry c = {.kind = RECORDING_CONNECTED, .line = he.line, .file = h->file};
        c.time_us = rec->entries[he.first].time_us;
        c.url = he.url;
        he.url = NULL;
        ok = recording_put(rec, &c, h->err, h->errlen);
        if (ok) { /* moved in front of the messages */
            struct recording_entry moved = rec->entries[rec->count - 1];
            memmove(rec->entries + he.first + 1, rec->entries + he.first,
                    (rec->count - 1 - he.first) * sizeof moved);
            rec->entries[he.first] = moved;
        } else {
            h->stopped = true;
            ok = json_reader_fail(r, "%s", h->err ? h->err : "stopped");
        }
    }
    free(he.url);
    return ok;
}

static bool har_log_member(struct json_reader *r, const char *key, void *user, int depth)
{
    struct har *h = user;
    if (strcmp(key, "entries") == 0) {
        h->has_entries = true;
        if (!json_reader_peek(r, '['))
            return json_reader_fail(r, N_("\"entries\" must be a list"));
        return json_read_array(r, har_element, h, depth);
    }
    return json_skip_value(r, depth);
}

static bool har_member(struct json_reader *r, const char *key, void *user, int depth)
{
    struct har *h = user;
    if (strcmp(key, "log") == 0) {
        h->has_log = true;
        if (!json_reader_peek(r, '{'))
            return json_reader_fail(r, N_("\"log\" must be an object"));
        return json_read_object(r, har_log_member, h, depth);
    }
    return json_skip_value(r, depth);
}

/* A HAR's entries from first on, put in order of time, stably: a damaged
 * entry (no time) keeps its place after the entry before it. */
struct har_key {
    int64_t time_us;
    size_t index;
};

static int har_key_order(const void *a, const void *b)
{
    const struct har_key *x = a, *y = b;
    if (x->time_us != y->time_us)
        return x->time_us < y->time_us ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static bool har_sort(struct recording *rec, size_t first, char *err, size_t errlen)
{
    size_t n = rec->count - first;
    if (n < 2)
        return true;
    struct har_key *keys = malloc(n * sizeof *keys);
    struct recording_entry *sorted = malloc(n * sizeof *sorted);
    if (!keys || !sorted) {
        free(keys);
        free(sorted);
        recording_fail(err, errlen, N_("out of memory"));
        return false;
    }
    int64_t last = 0;
    for (size_t i = 0; i < n; i++) {
        const struct recording_entry *e = &rec->entries[first + i];
        if (e->kind != RECORDING_DAMAGED)
            last = e->time_us;
        keys[i] = (struct har_key){last, i};
    }
    qsort(keys, n, sizeof *keys, har_key_order); /* (the index makes it stable) */
    for (size_t i = 0; i < n; i++)
        sorted[i] = rec->entries[first + keys[i].index];
    memcpy(rec->entries + first, sorted, n * sizeof *sorted);
    free(sorted);
    free(keys);
    return true;
}

/* With a sink: the HAR's entries, in order now, handed over. */
static bool har_hand_over(struct recording *rec, size_t first, char *err, size_t errlen)
{
    bool ok = true;
    for (size_t i = first; i < rec->count; i++) {
        if (ok && !rec->sink(rec->user, &rec->entries[i])) {
            recording_fail(err, errlen, N_("out of memory"));
            ok = false;
        }
        recording_entry_free(&rec->entries[i]);
    }
    rec->count = first;
    return ok;
}

bool recording_read_har(struct recording *rec, const char *data, size_t len, unsigned file, char *err,
                        size_t errlen)
{
    char why[256];
    size_t first = rec->count;
    bool held = rec->holding;
    rec->holding = true;
    struct har h = {.rec = rec, .file = file, .err = why, .errlen = sizeof why};
    struct json_reader r;
    json_reader_init(&r, data, len, why, sizeof why);
    bool ok = json_reader_peek(&r, '{') ? json_read_object(&r, har_member, &h, 1)
                                       : json_reader_fail(&r, N_("a HAR file starts with '{'"));
    ok = ok && json_read_end(&r);
    if (ok && !(h.has_log && h.has_entries)) {
        r.pos = 0;
        ok = json_reader_fail(&r, N_("no \"log\" with \"entries\": not a HAR file"));
    }
    rec->holding = held;
    if (!ok) {
        recording_fail(err, errlen, why);
        return false;
    }
    rec->format = RECORDING_HAR;
    if (!har_sort(rec, first, err, errlen))
        return false;
    if (rec->sink && !rec->holding && !har_hand_over(rec, first, err, errlen))
        return false;
    return recording_report(rec, len, len, err, errlen);
}

