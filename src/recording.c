/* SPDX-License-Identifier: MIT */
/* recording.c: see recording.h. */

#include "recording.h"

#include "codec.h"
#include "i18n.h"
#include "json.h"
#include "platform.h"
#include "recording_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
#define RECORDING_NAME(id, name) name,
    RECORDING_KINDS(RECORDING_NAME)
#undef RECORDING_NAME
};

const char *recording_kind_name(enum recording_kind kind)
{
    return (unsigned)kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : "?";
}

void recording_entry_free(struct recording_entry *e)
{
    free(e->data);
    free(e->reason);
    free(e->detail);
    free(e->url);
    free(e->protocol);
}

void recording_free(struct recording *rec)
{
    for (size_t i = 0; i < rec->count; i++)
        recording_entry_free(&rec->entries[i]);
    free(rec->entries);
    free(rec->url);
    recording_free_paths(rec->files, rec->file_count);
    struct recording keep = {.max_line = rec->max_line, .max_entries = rec->max_entries, .sink = rec->sink,
                             .progress = rec->progress, .user = rec->user};
    *rec = keep;
}

char *recording_copy_text(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (c) {
        if (n)
            memcpy(c, s, n);
        c[n] = '\0';
    }
    return c;
}

/* In the person's language: every reason given here is marked N_() and
 * translated as a whole (as json.c's are); tr_msgid reads the catalog only,
 * so a loader thread may call it. */
void recording_fail(char *err, size_t errlen, const char *what)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", tr_msgid(what));
}

/* Appends e (whose strings rec now owns). False, e freed, when the limit is
 * reached or memory runs out. */
bool recording_put(struct recording *rec, struct recording_entry *e, char *err, size_t errlen)
{
    size_t max = rec->max_entries ? rec->max_entries : RECORDING_MAX_ENTRIES;
    if (rec->seen >= max) {
        if (err && errlen)
            snprintf(err, errlen, tr_msgid(N_("more than %zu entries: the rest is not loaded")), max);
        recording_entry_free(e);
        return false;
    }
    if (e->kind == RECORDING_DAMAGED)
        rec->damaged++;
    if (!rec->url && e->url)
        rec->url = recording_copy_text(e->url, strlen(e->url)); /* (NULL if memory ran out: only a header) */
    rec->seen++;
    if (rec->sink && !rec->holding) {
        bool taken = rec->sink(rec->user, e);
        recording_entry_free(e);
        if (!taken)
            recording_fail(err, errlen, N_("out of memory"));
        return taken;
    }
    if (rec->count == rec->cap) {
        size_t cap = rec->cap ? rec->cap * 2 : 64;
        struct recording_entry *grown = realloc(rec->entries, cap * sizeof *grown);
        if (!grown) {
            recording_fail(err, errlen, N_("out of memory"));
            recording_entry_free(e);
            return false;
        }
        rec->entries = grown;
        rec->cap = cap;
    }
    rec->entries[rec->count++] = *e;
    return true;
}

bool recording_put_damaged(struct recording *rec, size_t line, unsigned file, const char *why, char *err,
                           size_t errlen)
{
    struct recording_entry e = {.kind = RECORDING_DAMAGED, .line = line, .file = file};
    e.reason = recording_copy_text(why, strlen(why));
    if (!e.reason) {
        recording_fail(err, errlen, N_("out of memory"));
        return false;
    }
    return recording_put(rec, &e, err, errlen);
}

/* ---- values the reader has no call for --------------------------------- */

/* A number value: checked and skipped by json_skip_value, then converted. */
bool recording_json_number(struct json_reader *r, int depth, double *out)
{
    json_reader_space(r);
    size_t at = r->pos;
    if (at >= r->len || !(r->s[at] == '-' || (r->s[at] >= '0' && r->s[at] <= '9')))
        return json_reader_fail(r, N_("a number expected"));
    if (!json_skip_value(r, depth))
        return false;
    char digits[64];
    size_t n = r->pos - at;
    if (n >= sizeof digits) {
        r->pos = at;
        return json_reader_fail(r, N_("a number too long"));
    }
    memcpy(digits, r->s + at, n);
    digits[n] = '\0';
    *out = strtod(digits, NULL);
    return true;
}

/* An integer that fits int64_t (beyond about 2^53 it is rounded: no
 * recorded code, rtt or delay comes near). */
bool recording_json_integer(struct json_reader *r, int depth, int64_t *out)
{
    double v = 0; /* (set when the call returns true; mingw-w64 gcc -O3 warns all the same) */
    size_t at = (json_reader_space(r), r->pos);
    if (!recording_json_number(r, depth, &v))
        return false;
    if (!(v >= -9.2e18 && v <= 9.2e18) || v != (double)(int64_t)v) {
        r->pos = at;
        return json_reader_fail(r, N_("a whole number expected"));
    }
    *out = (int64_t)v;
    return true;
}

static bool read_bool(struct json_reader *r, int depth, bool *out)
{
    json_reader_space(r);
    size_t at = r->pos;
    if (!json_skip_value(r, depth))
        return false;
    if (r->pos - at == 4 && memcmp(r->s + at, "true", 4) == 0)
        *out = true;
    else if (r->pos - at == 5 && memcmp(r->s + at, "false", 5) == 0)
        *out = false;
    else {
        r->pos = at;
        return json_reader_fail(r, N_("true or false expected"));
    }
    return true;
}

/* A string value into *out (malloc'd, replacing what was there). */
bool recording_json_text(struct json_reader *r, char **out, size_t *len, const char *key)
{
    if (!json_reader_peek(r, '"'))
        return json_reader_fail(r, N_("\"%s\" must be a string"), key);
    struct json_buffer b = {0};
    if (!json_read_string(r, &b, r->len)) {
        json_buffer_free(&b);
        return false;
    }
    free(*out);
    *out = b.data ? b.data : recording_copy_text("", 0);
    if (len)
        *len = b.len;
    if (!*out)
        return json_reader_fail(r, N_("out of memory"));
    return true;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool digits_at(const char *s, int n, int *out)
{
    *out = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *out = *out * 10 + (s[i] - '0');
    }
    return true;
}

/* "YYYY-MM-DDTHH:MM:SS[.f...]Z", as transcript_format_time writes it (six
 * digits of fraction; one to nine are read). */
static bool parse_stamp(const char *s, int64_t *time_us)
{
    int y, mo, d, h, mi, sec;
    size_t n = strlen(s);
    if (n < 20 || !digits_at(s, 4, &y) || s[4] != '-' || !digits_at(s + 5, 2, &mo) || s[7] != '-' ||
        !digits_at(s + 8, 2, &d) || s[10] != 'T' || !digits_at(s + 11, 2, &h) || s[13] != ':' ||
        !digits_at(s + 14, 2, &mi) || s[16] != ':' || !digits_at(s + 17, 2, &sec))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return false;
    const char *p = s + 19;
    int64_t micros = 0;
    if (*p == '.') {
        int k = 0;
        p++;
        for (; *p >= '0' && *p <= '9'; p++, k++)
            if (k < 6)
                micros = micros * 10 + (*p - '0');
        if (k == 0 || k > 9)
            return false;
        for (; k < 6; k++)
            micros *= 10;
    }
    if (p[0] != 'Z' || p[1] != '\0')
        return false;
    int64_t days = days_from_civil(y, mo, d);
    *time_us = ((days * 86400 + h * 3600 + mi * 60 + sec) * 1000000) + micros;
    return true;
}

/* ---- the transcript ----------------------------------------------------- */

struct record {
    struct recording_entry e;
    char *ts, *event, *base64;
    size_t base64_len;
    bool has_text;
};

static bool record_member(struct json_reader *r, const char *key, void *user, int depth)
{
    struct record *rc = user;
    struct recording_entry *e = &rc->e;
    if (strcmp(key, "ts") == 0)
        return recording_json_text(r, &rc->ts, NULL, key);
    if (strcmp(key, "event") == 0)
        return recording_json_text(r, &rc->event, NULL, key);
    if (strcmp(key, "text") == 0) {
        rc->has_text = true;
        return recording_json_text(r, &e->data, &e->len, key);
    }
    if (strcmp(key, "base64") == 0)
        return recording_json_text(r, &rc->base64, &rc->base64_len, key);
    if (strcmp(key, "invalid_utf8") == 0)
        return read_bool(r, depth, &e->invalid_utf8);
    if (strcmp(key, "code") == 0 || strcmp(key, "rtt_us") == 0 || strcmp(key, "delay_ms") == 0 ||
        strcmp(key, "fragments") == 0)
        return recording_json_integer(r, depth, &e->number);
    if (strcmp(key, "reason") == 0)
        return recording_json_text(r, &e->reason, NULL, key);
    if (strcmp(key, "detail") == 0)
        return recording_json_text(r, &e->detail, NULL, key);
    if (strcmp(key, "url") == 0)
        return recording_json_text(r, &e->url, NULL, key);
    if (strcmp(key, "protocol") == 0)
        return recording_json_text(r, &e->protocol, NULL, key);
    if (strcmp(key, "by") == 0) {
        char *by = NULL;
        bool ok = recording_json_text(r, &by, NULL, key);
        if (ok)
            e->by = strcmp(by, "server") == 0 ? NET_CLOSER_SERVER
                    : strcmp(by, "client") == 0 ? NET_CLOSER_CLIENT
                                                : NET_CLOSER_NONE;
        free(by);
        return ok;
    }
    return json_skip_value(r, depth); /* proxy, headers, tls, attempt, and what a later Ponte adds */
}

enum recording_direction recording_direction_of(enum recording_kind k)
{
    switch (k) {
    case RECORDING_SENT:
    case RECORDING_NOT_SENT:
    case RECORDING_PING_SENT:
    case RECORDING_PING_NOT_SENT:
    case RECORDING_PONG_SENT:
    case RECORDING_PONG_NOT_SENT:
        return RECORDING_OUT;
    case RECORDING_RECEIVED:
    case RECORDING_PONG_RECEIVED:
        return RECORDING_IN;
    default:
        return RECORDING_NONE;
    }
}

/* Fills rc->e from the fields read; on a damaged record, *why says what. */
static bool record_finish(struct record *rc, const char **why)
{
    struct recording_entry *e = &rc->e;
    if (!rc->ts || !parse_stamp(rc->ts, &e->time_us)) {
        *why = rc->ts ? N_("\"ts\" is not a time like 2026-11-25T04:05:06.123456Z") : N_("no \"ts\"");
        return false;
    }
    if (!rc->event) {
        *why = N_("no \"event\"");
        return false;
    }
    e->kind = RECORDING_OTHER;
    for (int k = 0; k < RECORDING_OTHER; k++)
        if (strcmp(rc->event, kind_names[k]) == 0)
            e->kind = (enum recording_kind)k;
    if (e->kind == RECORDING_OTHER) { /* (its name says more than any "detail" it has) */
        free(e->detail);
        e->detail = rc->event;
        rc->event = NULL;
    }
    e->direction = recording_direction_of(e->kind);
    if (rc->base64) {
        unsigned char *bytes = NULL;
        size_t n = 0;
        if (!codec_base64_decode(rc->base64, rc->base64_len, &bytes, &n, NULL)) {
            *why = N_("\"base64\" is not base64");
            return false;
        }
        free(e->data);
        /* codec gives no NUL after the bytes: add one, as for text. */
        e->data = recording_copy_text((const char *)bytes, n);
        free(bytes);
        if (!e->data) {
            *why = N_("out of memory");
            return false;
        }
        e->len = n;
        e->binary = !e->invalid_utf8;
    }
    return true;
}

/* A line is read alone, so the reader's "line 1, column N: why" says
 * "column N: why" (the entry has the line's number). */
static void column_only(struct json_reader *r, char *why, size_t n)
{
    size_t line, column;
    char prefix[96], rest[256];
    json_reader_where(r, &line, &column);
    int k = snprintf(prefix, sizeof prefix, tr_msgid(N_("line %zu, column %zu: ")), line, column);
    if (k <= 0 || strncmp(why, prefix, (size_t)k) != 0)
        return;
    snprintf(rest, sizeof rest, "%s", why + k);
    snprintf(why, n, tr_msgid(N_("column %zu: %s")), column, rest);
}

/* One line (without its newline) as an entry. False only when the entry
 * could not be kept (limit, memory). */
static bool read_line(struct recording *rec, const char *s, size_t n, size_t line, unsigned file, char *err,
                      size_t errlen)
{
    size_t max_line = rec->max_line ? rec->max_line : RECORDING_MAX_LINE;
    char why[256];
    if (n > max_line) {
        snprintf(why, sizeof why, tr_msgid(N_("a line longer than %zu bytes")), max_line);
        return recording_put_damaged(rec, line, file, why, err, errlen);
    }
    struct record rc = {0};
    struct json_reader r;
    const char *problem = NULL;
    json_reader_init(&r, s, n, why, sizeof why);
    bool ok = json_reader_peek(&r, '{') ? json_read_object(&r, record_member, &rc, 1)
                                        : json_reader_fail(&r, N_("a record starts with '{'"));
    ok = ok && json_read_end(&r);
    if (!ok)
        column_only(&r, why, sizeof why);
    if (ok && !record_finish(&rc, &problem)) {
        snprintf(why, sizeof why, "%s", tr_msgid(problem));
        ok = false;
    }
    free(rc.ts);
    free(rc.event);
    free(rc.base64);
    if (!ok) {
        recording_entry_free(&rc.e);
        return recording_put_damaged(rec, line, file, why, err, errlen);
    }
    rc.e.line = line;
    rc.e.file = file;
    return recording_put(rec, &rc.e, err, errlen);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Tells rec->progress how far the reading is (at of len of this file);
 * false when it says stop. */
bool recording_report(struct recording *rec, size_t at, size_t len, char *err, size_t errlen)
{
    if (!rec->progress)
        return true;
    double from = rec->progress_from, to = rec->progress_to > 0 ? rec->progress_to : 1.0;
    if (rec->progress(rec->user, from + (to - from) * (len ? (double)at / (double)len : 1.0)))
        return true;
    recording_fail(err, errlen, N_("cancelled"));
    return false;
}

/* Lines between two progress reports: often enough for a smooth bar and a
 * quick cancel, rarely enough to cost nothing. */
#define RECORDING_REPORT_LINES 4096

bool recording_read_transcript(struct recording *rec, const char *data, size_t len, unsigned file,
                               char *err, size_t errlen)
{
    size_t line = rec->line_base + 1, at = 0;
    if (rec->format == RECORDING_UNKNOWN)
        rec->format = RECORDING_TRANSCRIPT;
    while (at < len) {
        if (line % RECORDING_REPORT_LINES == 0 && !recording_report(rec, at, len, err, errlen))
            return false;
        const char *nl = memchr(data + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (data + at)) : len - at;
        size_t keep = n > 0 && data[at + n - 1] == '\r' ? n - 1 : n; /* (a file edited on Windows) */
        if (!blank(data + at, keep) && !read_line(rec, data + at, keep, line, file, err, errlen))
            return false;
        at += n + 1;
        line++;
    }
    return true;
}

/* ---- either ------------------------------------------------------------- */

static bool has_event_member(struct json_reader *r, const char *key, void *user, int depth)
{
    if (strcmp(key, "event") == 0)
        *(bool *)user = true;
    return json_skip_value(r, depth);
}

/* Whether the first non-blank line is a whole object with an "event". */
static bool looks_like_transcript(const char *data, size_t len)
{
    size_t at = 0;
    while (at < len && (data[at] == ' ' || data[at] == '\t' || data[at] == '\r' || data[at] == '\n'))
        at++;
    const char *nl = memchr(data + at, '\n', len - at);
    size_t n = nl ? (size_t)(nl - (data + at)) : len - at;
    char why[8];
    struct json_reader r;
    bool event = false;
    json_reader_init(&r, data + at, n, why, sizeof why);
    return json_reader_peek(&r, '{') && json_read_object(&r, has_event_member, &event, 1) &&
           json_read_end(&r) && event;
}

static void clear_entries(struct recording *rec)
{
    for (size_t i = 0; i < rec->count; i++)
        recording_entry_free(&rec->entries[i]);
    rec->count = 0;
    rec->damaged = 0;
    rec->seen = 0;
    free(rec->url);
    rec->url = NULL;
    rec->format = RECORDING_UNKNOWN;
}

/* Whether data starts, after blanks, with an object whose first member is
 * "log" (a HAR file; a saved-messages file's is "messages"). */
static bool starts_like_har(const char *data, size_t len)
{
    size_t at = 0;
    while (at < len && (data[at] == ' ' || data[at] == '\t' || data[at] == '\r' || data[at] == '\n'))
        at++;
    if (at >= len || data[at] != '{')
        return false;
    for (at++; at < len && (data[at] == ' ' || data[at] == '\t' || data[at] == '\r' || data[at] == '\n');)
        at++;
    return len - at >= 5 && memcmp(data + at, "\"log\"", 5) == 0;
}

enum recording_format recording_sniff(const char *data, size_t len)
{
    if (looks_like_transcript(data, len))
        return RECORDING_TRANSCRIPT;
    return starts_like_har(data, len) ? RECORDING_HAR : RECORDING_UNKNOWN;
}

bool recording_read(struct recording *rec, const char *data, size_t len, char *err, size_t errlen)
{
    size_t at = 0;
    while (at < len && (data[at] == ' ' || data[at] == '\t' || data[at] == '\r' || data[at] == '\n'))
        at++;
    if (at == len) {
        recording_fail(err, errlen, N_("the file is empty"));
        return false;
    }
    if (looks_like_transcript(data, len))
        return recording_read_transcript(rec, data, len, 0, err, errlen);
    char har_err[256];
    if (recording_read_har(rec, data, len, 0, har_err, sizeof har_err))
        return true;
    clear_entries(rec);
    bool ok = recording_read_transcript(rec, data, len, 0, err, errlen);
    if (ok && rec->seen == rec->damaged) {
        clear_entries(rec);
        if (err && errlen)
            snprintf(err, errlen, tr_msgid(N_("neither a Ponte transcript nor a HAR file (as HAR: %s)")), har_err);
        return false;
    }
    return ok;
}

/* ---- files -------------------------------------------------------------- */

void recording_free_paths(char **paths, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
}

static bool file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

bool recording_rotated_set(const char *path, char ***paths, size_t *count)
{
    size_t len = strlen(path), numbered = 0;
    char *name = malloc(len + 16);
    if (!name)
        return false;
    for (; numbered < RECORDING_MAX_FILES; numbered++) {
        snprintf(name, len + 16, "%s.%zu", path, numbered + 1);
        if (!file_exists(name))
            break;
    }
    char **list = calloc(numbered + 1, sizeof *list);
    bool ok = list != NULL;
    for (size_t i = 0; ok && i < numbered; i++) {
        snprintf(name, len + 16, "%s.%zu", path, numbered - i);
        ok = (list[i] = recording_copy_text(name, strlen(name))) != NULL;
    }
    ok = ok && (list[numbered] = recording_copy_text(path, len)) != NULL;
    free(name);
    if (!ok) {
        if (list)
            recording_free_paths(list, numbered + 1);
        return false;
    }
    *paths = list;
    *count = numbered + 1;
    return true;
}

/* Bytes read at a time when a transcript goes to a sink. */
#define RECORDING_CHUNK ((size_t)4 << 20)

struct stream {
    FILE *f;
    char *buf;
    size_t cap, have;
    uint64_t size, done;  /* the file's bytes, and those handed to the reader */
    double from, to;      /* this file's share of the progress */
    bool skipping;        /* inside a line longer than max_line: dropped up to its end */
};

/* The complete lines at the buffer's start (all of it at the end of the
 * file), read; the rest moves to the front. */
static bool stream_lines(struct recording *rec, struct stream *st, bool end, unsigned file, char *why, size_t n)
{
    if (st->skipping) {
        const char *nl = memchr(st->buf, '\n', st->have);
        size_t k = nl ? (size_t)(nl - st->buf) + 1 : st->have;
        memmove(st->buf, st->buf + k, st->have - k);
        st->have -= k;
        st->done += k;
        st->skipping = !nl;
        rec->line_base += nl != NULL;
    }
    size_t use = st->have;
    while (!end && use > 0 && st->buf[use - 1] != '\n')
        use--;
    double span = st->to - st->from, size = st->size ? (double)st->size : 1.0;
    rec->progress_from = st->from + span * (double)st->done / size;
    rec->progress_to = st->from + span * (double)(st->done + use) / size;
    bool ok = recording_read_transcript(rec, st->buf, use, file, why, n);
    for (const char *p = st->buf, *e = st->buf + use; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
        rec->line_base++;
    memmove(st->buf, st->buf + use, st->have - use);
    st->have -= use;
    st->done += use;
    return ok;
}

/* With a sink, a transcript is read a chunk at a time: nothing of it is
 * held but the chunk (a mapped file's pages count as the process's too),
 * so a million messages cost the model alone. must: a file of a rotated
 * set (a transcript); else one whose first line does not look like a
 * transcript's, or an empty one, is left to the caller (*streamed false). */
static bool stream_transcript(struct recording *rec, const char *path, unsigned file, bool must, bool *streamed,
                              char *why, size_t n)
{
    size_t max_line = rec->max_line ? rec->max_line : RECORDING_MAX_LINE;
    struct stream st = {.f = fopen(path, "rb"), .cap = RECORDING_CHUNK, .from = rec->progress_from,
                        .to = rec->progress_to > 0 ? rec->progress_to : 1.0};
    *streamed = false;
    if (!st.f)
        return true; /* (the caller says why) */
    if (fseek(st.f, 0, SEEK_END) == 0) {
        long size = ftell(st.f);
        st.size = size > 0 ? (uint64_t)size : 0;
    }
    rewind(st.f);
    st.buf = malloc(st.cap);
    bool ok = st.buf != NULL, first = true;
    if (!ok)
        recording_fail(why, n, N_("out of memory"));
    rec->line_base = 0;
    while (ok) {
        size_t got = fread(st.buf + st.have, 1, st.cap - st.have, st.f);
        st.have += got;
        bool end = got == 0;
        if (first && !must && (!st.have || !looks_like_transcript(st.buf, st.have)))
            break;
        first = false;
        *streamed = true;
        if (end && ferror(st.f)) {
            recording_fail(why, n, N_("cannot be read"));
            ok = false;
        } else if (!end && st.have == st.cap && !memchr(st.buf, '\n', st.have) && st.cap <= max_line) {
            char *grown = realloc(st.buf, st.cap * 2); /* a long line: room for it */
            ok = grown != NULL;
            if (ok)
                st.buf = grown, st.cap *= 2;
            else
                recording_fail(why, n, N_("out of memory"));
        } else if (!end && st.have == st.cap && !memchr(st.buf, '\n', st.have) && !st.skipping) {
            char what[96];
            snprintf(what, sizeof what, tr_msgid(N_("a line longer than %zu bytes")), max_line);
            ok = recording_put_damaged(rec, rec->line_base + 1, file, what, why, n);
            st.done += st.have;
            st.have = 0;
            st.skipping = true;
        } else {
            ok = stream_lines(rec, &st, end, file, why, n);
        }
        if (end)
            break;
    }
    rec->line_base = 0;
    rec->progress_from = st.from;
    rec->progress_to = st.to;
    free(st.buf);
    fclose(st.f);
    return ok;
}

bool recording_load(struct recording *rec, const char *path, char *err, size_t errlen)
{
    char why[512];
    recording_free(rec);
    if (!recording_rotated_set(path, &rec->files, &rec->file_count)) {
        recording_fail(err, errlen, N_("out of memory"));
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < rec->file_count; i++) {
        size_t len = 0;
        bool streamed = false;
        rec->progress_from = (double)i / (double)rec->file_count;
        rec->progress_to = (double)(i + 1) / (double)rec->file_count;
        if (rec->sink) {
            ok = stream_transcript(rec, rec->files[i], (unsigned)i, rec->file_count > 1, &streamed, why, sizeof why);
            if (!ok && err && errlen)
                snprintf(err, errlen, "%s: %s", rec->files[i], why);
            if (streamed || !ok)
                continue;
        }
        const void *data = platform_map_file(rec->files[i], &len);
        if (!data) {
            /* NULL for an empty file too: one of a set may be empty. */
            ok = rec->file_count > 1 && file_exists(rec->files[i]);
            if (!ok && err && errlen)
                snprintf(err, errlen, "%s: %s", rec->files[i],
                         tr_msgid(file_exists(rec->files[i]) ? N_("the file is empty") : N_("cannot be read")));
            continue;
        }
        if (rec->file_count == 1)
            ok = recording_read(rec, data, len, why, sizeof why);
        else
            ok = recording_read_transcript(rec, data, len, (unsigned)i, why, sizeof why);
        if (!ok && err && errlen)
            snprintf(err, errlen, "%s: %s", rec->files[i], why);
        platform_unmap_file(data, len);
    }
    return ok;
}
