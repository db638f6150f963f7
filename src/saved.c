/* SPDX-License-Identifier: MIT */
/* saved: the saved messages and their JSON file (see saved.h). */
#include "saved.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "transcript.h" /* json_buffer, json_escape_append */
#include "utf8.h"

#define SAVED_DEPTH_MAX 64 /* nesting skipped inside unknown keys */

static const char *const mode_names[] = {"text", "hex", "base64"};

const char *saved_mode_name(enum saved_mode mode)
{
    return (unsigned)mode < 3 ? mode_names[mode] : mode_names[0];
}

void saved_free(struct saved *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->items[i].name);
        free(s->items[i].text);
    }
    free(s->items);
    *s = (struct saved){0};
}

int saved_find(const struct saved *s, const char *name)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->items[i].name, name) == 0)
            return (int)i;
    return -1;
}

void saved_remove(struct saved *s, size_t i)
{
    if (i >= s->count)
        return;
    free(s->items[i].name);
    free(s->items[i].text);
    s->bytes -= s->items[i].len;
    memmove(&s->items[i], &s->items[i + 1], (s->count - i - 1) * sizeof *s->items);
    s->count--;
}

void saved_move(struct saved *s, size_t i, size_t to)
{
    if (i >= s->count)
        return;
    if (to >= s->count)
        to = s->count - 1;
    struct saved_message m = s->items[i];
    if (to < i)
        memmove(&s->items[to + 1], &s->items[to], (i - to) * sizeof *s->items);
    else
        memmove(&s->items[i], &s->items[i + 1], (to - i) * sizeof *s->items);
    s->items[to] = m;
}

/* Appends the code points of s[0..len) that a name may hold (no control
 * characters; invalid UTF-8 as U+FFFD) to out, up to max bytes; returns the
 * new length. */
static size_t name_append(char *out, size_t at, size_t max, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        i += n;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            cp = ' '; /* a tab or a line break in a name reads as a space */
        char enc[4];
        size_t k = utf8_encode(cp, enc);
        if (at + k > max)
            break;
        memcpy(out + at, enc, k);
        at += k;
    }
    return at;
}

/* Trims spaces around out[0..len) and collapses runs inside; returns the new length. */
static size_t squeeze_spaces(char *out, size_t len)
{
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        if (out[r] == ' ' && (w == 0 || out[w - 1] == ' '))
            continue;
        out[w++] = out[r];
    }
    while (w && out[w - 1] == ' ')
        w--;
    out[w] = '\0';
    return w;
}

void saved_clean_name(const char *name, const char *text, size_t len, char out[SAVED_NAME_MAX + 4])
{
    size_t n = squeeze_spaces(out, name_append(out, 0, SAVED_NAME_MAX, name, strlen(name)));
    if (n)
        return;
    /* No name: the text's first line that is not blank, cut to 40 characters. */
    size_t start = 0;
    while (start < len) {
        size_t end = start;
        while (end < len && text[end] != '\n')
            end++;
        size_t chars = 0, cut = start;
        while (cut < end && chars < 40) {
            cut = utf8_next(text, end, cut);
            chars++;
        }
        n = squeeze_spaces(out, name_append(out, 0, SAVED_NAME_MAX, text + start, cut - start));
        if (n) {
            if (cut < end && n + 3 <= SAVED_NAME_MAX) {
                memcpy(out + n, "\xE2\x80\xA6", 4); /* … */
                n += 3;
            }
            return;
        }
        start = end + 1;
    }
    memcpy(out, "?", 2); /* nothing but blanks (a name is never empty) */
}

bool saved_fits(const struct saved *s, const char *name, const char *text, size_t len)
{
    if (len > SAVED_TEXT_MAX)
        return false;
    char clean[SAVED_NAME_MAX + 4];
    saved_clean_name(name, text, len, clean);
    int at = saved_find(s, clean);
    size_t freed = at >= 0 ? s->items[at].len : 0;
    return s->bytes - freed + len <= SAVED_TOTAL_MAX && (at >= 0 || s->count < SAVED_MAX);
}

bool saved_put(struct saved *s, const char *name, const char *text, size_t len, enum saved_mode mode)
{
    if (!saved_fits(s, name, text, len))
        return false;
    char clean[SAVED_NAME_MAX + 4];
    saved_clean_name(name, text, len, clean);
    char *copy = malloc(len + 1);
    if (!copy)
        return false;
    memcpy(copy, text, len);
    copy[len] = '\0';
    int at = saved_find(s, clean);
    if (at >= 0) {
        free(s->items[at].text);
        s->bytes = s->bytes - s->items[at].len + len;
        s->items[at].text = copy;
        s->items[at].len = len;
        s->items[at].mode = (uint8_t)mode;
        return true;
    }
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        struct saved_message *items = realloc(s->items, cap * sizeof *items);
        if (!items) {
            free(copy);
            return false;
        }
        s->items = items;
        s->cap = cap;
    }
    size_t name_len = strlen(clean);
    char *kept = malloc(name_len + 1);
    if (kept)
        memcpy(kept, clean, name_len + 1);
    if (!kept) {
        free(copy);
        return false;
    }
    s->items[s->count++] = (struct saved_message){kept, copy, len, (uint8_t)mode};
    s->bytes += len;
    return true;
}

/* ---- reading ------------------------------------------------------------------------- */

struct reader {
    const char *s;
    size_t len, pos;
    char *err;
    size_t errlen;
    bool failed;
};

/* Records the first error, with where it is (line and column count from 1;
 * the column in characters). */
static bool fail(struct reader *r, const char *fmt, ...)
{
    if (r->failed)
        return false;
    r->failed = true;
    size_t line = 1, col = 1;
    for (size_t i = 0; i < r->pos && i < r->len; i = utf8_next(r->s, r->len, i)) {
        if (r->s[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    int k = snprintf(r->err, r->errlen, "line %zu, column %zu: ", line, col);
    if (k >= 0 && (size_t)k < r->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->err + k, r->errlen - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return false;
}

static void skip_space(struct reader *r)
{
    while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' || r->s[r->pos] == '\n' ||
                               r->s[r->pos] == '\r'))
        r->pos++;
}

static bool peek(struct reader *r, char c)
{
    skip_space(r);
    return r->pos < r->len && r->s[r->pos] == c;
}

static bool expect(struct reader *r, char c)
{
    if (peek(r, c)) {
        r->pos++;
        return true;
    }
    if (r->pos >= r->len)
        return fail(r, "the file ends where '%c' was expected", c);
    return fail(r, "'%c' expected", c);
}

/* After a member or an element: a comma, or the end of its object or array. */
static bool expect_end(struct reader *r, char close)
{
    if (peek(r, close)) {
        r->pos++;
        return true;
    }
    if (r->pos >= r->len)
        return fail(r, "the file ends where '%c' was expected", close);
    return fail(r, "',' or '%c' expected", close);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool read_hex4(struct reader *r, uint32_t *out)
{
    if (r->len - r->pos < 4)
        return fail(r, "a \\u escape needs four hex digits");
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_digit(r->s[r->pos + (size_t)i]);
        if (d < 0)
            return fail(r, "a \\u escape needs four hex digits");
        v = v << 4 | (uint32_t)d;
    }
    r->pos += 4;
    *out = v;
    return true;
}

static bool put_bytes(struct reader *r, struct json_buffer *b, const char *s, size_t n, size_t max)
{
    if (b->len + n > max)
        return fail(r, "a string longer than %zu bytes", max);
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *data = realloc(b->data, cap);
        if (!data)
            return fail(r, "out of memory");
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

/* A string, decoded into b (when b is not NULL) as UTF-8. A lone UTF-16
 * surrogate escape becomes U+FFFD; raw bytes must be valid UTF-8. */
static bool read_string(struct reader *r, struct json_buffer *b, size_t max)
{
    if (!expect(r, '"'))
        return false;
    struct json_buffer scratch = {0};
    if (!b)
        b = &scratch;
    b->len = 0;
    bool ok = put_bytes(r, b, "", 0, max);
    while (ok) {
        size_t start = r->pos;
        while (r->pos < r->len && r->s[r->pos] != '"' && r->s[r->pos] != '\\' && (unsigned char)r->s[r->pos] >= 0x20)
            r->pos++;
        if (r->pos > start) {
            if (!utf8_valid(r->s + start, r->pos - start)) {
                r->pos = start;
                ok = fail(r, "a string that is not valid UTF-8");
                break;
            }
            ok = put_bytes(r, b, r->s + start, r->pos - start, max);
            if (!ok)
                break;
        }
        if (r->pos >= r->len) {
            ok = fail(r, "the file ends inside a string");
            break;
        }
        char c = r->s[r->pos];
        if (c == '"') {
            r->pos++;
            break;
        }
        if (c != '\\') {
            ok = fail(r, "a control character inside a string (write it as an escape)");
            break;
        }
        r->pos++;
        if (r->pos >= r->len) {
            ok = fail(r, "the file ends inside a string");
            break;
        }
        c = r->s[r->pos++];
        const char *simple = strchr("\"\\/bfnrt", c);
        if (simple && c) {
            static const char decoded[] = "\"\\/\b\f\n\r\t";
            ok = put_bytes(r, b, &decoded[simple - "\"\\/bfnrt"], 1, max);
            continue;
        }
        if (c != 'u') {
            r->pos -= 2; /* (the error points at the backslash) */
            ok = fail(r, "an unknown escape \\%c", c);
            break;
        }
        uint32_t cp;
        if (!(ok = read_hex4(r, &cp)))
            break;
        if (cp >= 0xD800 && cp <= 0xDBFF && r->len - r->pos >= 6 && r->s[r->pos] == '\\' && r->s[r->pos + 1] == 'u') {
            size_t back = r->pos;
            uint32_t low;
            r->pos += 2;
            if (!(ok = read_hex4(r, &low)))
                break;
            if (low >= 0xDC00 && low <= 0xDFFF)
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            else
                r->pos = back; /* not a pair: the high one stands alone */
        }
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = UTF8_REPLACEMENT;
        char enc[4];
        ok = put_bytes(r, b, enc, utf8_encode(cp, enc), max);
    }
    if (b == &scratch)
        json_buffer_free(&scratch);
    return ok;
}

static bool read_number(struct reader *r, double *out)
{
    skip_space(r);
    size_t start = r->pos;
    if (r->pos < r->len && r->s[r->pos] == '-')
        r->pos++;
    size_t int_start = r->pos;
    while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
        r->pos++;
    size_t digits = r->pos - int_start;
    if (!digits || (digits > 1 && r->s[int_start] == '0')) {
        r->pos = start;
        return fail(r, "a value expected");
    }
    if (r->pos < r->len && r->s[r->pos] == '.') {
        size_t at = ++r->pos;
        while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
            r->pos++;
        if (r->pos == at)
            return fail(r, "a digit expected after '.'");
    }
    if (r->pos < r->len && (r->s[r->pos] == 'e' || r->s[r->pos] == 'E')) {
        r->pos++;
        if (r->pos < r->len && (r->s[r->pos] == '+' || r->s[r->pos] == '-'))
            r->pos++;
        size_t at = r->pos;
        while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
            r->pos++;
        if (r->pos == at)
            return fail(r, "a digit expected in the exponent");
    }
    if (out) {
        char buf[64];
        size_t n = r->pos - start < sizeof buf - 1 ? r->pos - start : sizeof buf - 1;
        memcpy(buf, r->s + start, n);
        buf[n] = '\0';
        *out = strtod(buf, NULL);
    }
    return true;
}

static bool skip_value(struct reader *r, int depth);

/* Walks an object's members: for each key, calls member (which reads the
 * value); NULL member skips every value. */
typedef bool (*member_fn)(struct reader *r, const char *key, void *user, int depth);

static bool read_object(struct reader *r, member_fn member, void *user, int depth)
{
    if (depth > SAVED_DEPTH_MAX)
        return fail(r, "nested deeper than %d levels", SAVED_DEPTH_MAX);
    if (!expect(r, '{'))
        return false;
    if (peek(r, '}')) {
        r->pos++;
        return true;
    }
    struct json_buffer key = {0};
    bool ok = true;
    for (;;) {
        if (!peek(r, '"')) {
            ok = fail(r, "a member name (in double quotes) expected");
            break;
        }
        if (!(ok = read_string(r, &key, 4096)) || !(ok = expect(r, ':')))
            break;
        ok = member ? member(r, key.data, user, depth + 1) : skip_value(r, depth + 1);
        if (!ok)
            break;
        if (peek(r, ',')) {
            r->pos++;
            continue;
        }
        ok = expect_end(r, '}');
        break;
    }
    json_buffer_free(&key);
    return ok;
}

/* An array: each element through element (NULL skips them). */
typedef bool (*element_fn)(struct reader *r, void *user, int depth);

static bool read_array(struct reader *r, element_fn element, void *user, int depth)
{
    if (depth > SAVED_DEPTH_MAX)
        return fail(r, "nested deeper than %d levels", SAVED_DEPTH_MAX);
    if (!expect(r, '['))
        return false;
    if (peek(r, ']')) {
        r->pos++;
        return true;
    }
    for (;;) {
        if (!(element ? element(r, user, depth + 1) : skip_value(r, depth + 1)))
            return false;
        if (peek(r, ',')) {
            r->pos++;
            continue;
        }
        return expect_end(r, ']');
    }
}

static bool read_literal(struct reader *r, const char *word)
{
    size_t n = strlen(word);
    if (r->len - r->pos >= n && memcmp(r->s + r->pos, word, n) == 0) {
        r->pos += n;
        return true;
    }
    return fail(r, "a value expected");
}

static bool skip_value(struct reader *r, int depth)
{
    skip_space(r);
    if (r->pos >= r->len)
        return fail(r, "the file ends where a value was expected");
    switch (r->s[r->pos]) {
    case '{':
        return read_object(r, NULL, NULL, depth);
    case '[':
        return read_array(r, NULL, NULL, depth);
    case '"':
        return read_string(r, NULL, SIZE_MAX);
    case 't':
        return read_literal(r, "true");
    case 'f':
        return read_literal(r, "false");
    case 'n':
        return read_literal(r, "null");
    default:
        return read_number(r, NULL);
    }
}

/* One message being read. */
struct message_fields {
    struct json_buffer name, text;
    bool has_name, has_text;
    int mode;
};

static bool message_member(struct reader *r, const char *key, void *user, int depth)
{
    struct message_fields *m = user;
    if (strcmp(key, "name") == 0) {
        m->has_name = true;
        if (!peek(r, '"'))
            return fail(r, "\"name\" must be a string");
        return read_string(r, &m->name, 4096);
    }
    if (strcmp(key, "text") == 0) {
        m->has_text = true;
        if (!peek(r, '"'))
            return fail(r, "\"text\" must be a string");
        return read_string(r, &m->text, SAVED_TEXT_MAX);
    }
    if (strcmp(key, "mode") == 0) {
        struct json_buffer mode = {0};
        if (!peek(r, '"'))
            return fail(r, "\"mode\" must be a string");
        size_t at = r->pos;
        bool ok = read_string(r, &mode, 64);
        if (ok) {
            m->mode = -1;
            for (int i = 0; i < 3; i++)
                if (strcmp(mode.data, mode_names[i]) == 0)
                    m->mode = i;
            if (m->mode < 0) {
                r->pos = at;
                ok = fail(r, "the mode \"%s\" is none of text, hex, base64", mode.data);
            }
        }
        json_buffer_free(&mode);
        return ok;
    }
    return skip_value(r, depth); /* (room for what a later Ponte adds) */
}

static bool message_element(struct reader *r, void *user, int depth)
{
    struct saved *out = user;
    if (out->count >= SAVED_MAX)
        return fail(r, "more than %d messages", SAVED_MAX);
    struct message_fields m = {.mode = SAVED_TEXT};
    size_t at = (skip_space(r), r->pos);
    bool ok;
    if (peek(r, '"')) {
        ok = read_string(r, &m.text, SAVED_TEXT_MAX); /* a bare string: its text */
        m.has_text = ok;
    } else if (peek(r, '{')) {
        ok = read_object(r, message_member, &m, depth);
        if (ok && !m.has_text) {
            r->pos = at;
            ok = fail(r, "a message without \"text\"");
        }
    } else {
        ok = fail(r, "a message (an object with \"name\" and \"text\") expected");
    }
    const char *name = m.has_name ? m.name.data : "", *text = m.text.data ? m.text.data : "";
    if (ok && !saved_fits(out, name, text, m.text.len)) {
        r->pos = at;
        ok = fail(r, "more than %u MiB of text in all", SAVED_TOTAL_MAX >> 20);
    }
    if (ok && !saved_put(out, name, text, m.text.len, (enum saved_mode)m.mode)) {
        r->pos = at;
        ok = fail(r, "out of memory");
    }
    json_buffer_free(&m.name);
    json_buffer_free(&m.text);
    return ok;
}

struct document {
    struct saved *out;
    bool has_messages;
};

static bool document_member(struct reader *r, const char *key, void *user, int depth)
{
    struct document *d = user;
    if (strcmp(key, "messages") == 0) {
        d->has_messages = true;
        if (!peek(r, '['))
            return fail(r, "\"messages\" must be a list");
        return read_array(r, message_element, d->out, depth);
    }
    return skip_value(r, depth); /* "version", and what a later Ponte adds */
}

bool saved_parse(struct saved *out, const char *json, size_t len, char *err, size_t errlen)
{
    saved_free(out);
    if (errlen)
        err[0] = '\0';
    struct reader r = {.s = json, .len = len, .err = err, .errlen = errlen};
    /* A UTF-8 byte order mark, as some editors write. */
    if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0)
        r.pos = 3;
    bool ok;
    if (peek(&r, '[')) {
        ok = read_array(&r, message_element, out, 1);
    } else if (peek(&r, '{')) {
        struct document d = {.out = out};
        ok = read_object(&r, document_member, &d, 1);
        if (ok && !d.has_messages) {
            r.pos = 0;
            ok = fail(&r, "no \"messages\" list: not a file of saved messages");
        }
    } else {
        ok = fail(&r, r.pos >= len ? "the file is empty" : "a saved-messages document starts with '{' or '['");
    }
    skip_space(&r);
    if (ok && r.pos < len)
        ok = fail(&r, "more after the end of the document");
    if (!ok)
        saved_free(out);
    return ok;
}

/* ---- writing ------------------------------------------------------------------------- */

static bool append(struct json_buffer *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *data = realloc(b->data, cap);
        if (!data)
            return false;
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n + 1);
    b->len += n;
    return true;
}

bool saved_format(const struct saved *s, char **out, size_t *len)
{
    struct json_buffer b = {0};
    bool ok = append(&b, "{\n  \"version\": 1,\n  \"messages\": [");
    for (size_t i = 0; i < s->count && ok; i++) {
        const struct saved_message *m = &s->items[i];
        ok = append(&b, i ? ",\n    {\"name\": \"" : "\n    {\"name\": \"") &&
             json_escape_append(&b, m->name, strlen(m->name)) && append(&b, "\", \"mode\": \"") &&
             append(&b, saved_mode_name((enum saved_mode)m->mode)) && append(&b, "\", \"text\": \"") &&
             json_escape_append(&b, m->text, m->len) && append(&b, "\"}");
    }
    ok = ok && append(&b, s->count ? "\n  ]\n}\n" : "]\n}\n");
    if (!ok) {
        json_buffer_free(&b);
        return false;
    }
    *out = b.data;
    *len = b.len;
    return true;
}

/* ---- merging ------------------------------------------------------------------------- */

bool saved_import(struct saved *into, const struct saved *from, size_t *added, size_t *skipped)
{
    *added = *skipped = 0;
    for (size_t i = 0; i < from->count; i++) {
        const struct saved_message *m = &from->items[i];
        char name[SAVED_NAME_MAX + 24];
        snprintf(name, sizeof name, "%s", m->name);
        bool same = false;
        for (unsigned n = 2;; n++) {
            int at = saved_find(into, name);
            if (at < 0)
                break;
            const struct saved_message *o = &into->items[at];
            if (o->len == m->len && o->mode == m->mode && memcmp(o->text, m->text, m->len) == 0) {
                same = true;
                break;
            }
            /* Taken by another text: the next free "name (n)", the number
             * kept whole even when the name must be cut for it. */
            char suffix[16];
            int k = snprintf(suffix, sizeof suffix, " (%u)", n);
            size_t keep = strlen(m->name);
            while (keep + (size_t)k > SAVED_NAME_MAX)
                keep = utf8_prev(m->name, keep, keep);
            snprintf(name, sizeof name, "%.*s%s", (int)keep, m->name, suffix);
        }
        if (same) {
            (*skipped)++;
            continue;
        }
        if (!saved_put(into, name, m->text, m->len, (enum saved_mode)m->mode))
            return false;
        (*added)++;
    }
    return true;
}

/* ---- the file -------------------------------------------------------------------------- */

bool saved_load(struct saved *s, const char *path, char *err, size_t errlen)
{
    saved_free(s);
    if (errlen)
        err[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return true;
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    struct json_buffer b = {0};
    bool ok = true;
    char chunk[16384];
    size_t n;
    while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > SAVED_FILE_MAX) {
            snprintf(err, errlen, "%s is bigger than %u MiB: not a file of saved messages", path,
                     SAVED_FILE_MAX >> 20);
            ok = false;
            break;
        }
        if (b.len + n > b.cap) {
            size_t cap = b.cap ? b.cap * 2 : sizeof chunk;
            while (cap < b.len + n)
                cap *= 2;
            char *data = realloc(b.data, cap);
            if (!data) {
                snprintf(err, errlen, "out of memory reading %s", path);
                ok = false;
                break;
            }
            b.data = data;
            b.cap = cap;
        }
        memcpy(b.data + b.len, chunk, n);
        b.len += n;
    }
    if (ok && ferror(f)) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        ok = false;
    }
    fclose(f);
    if (ok) {
        char why[256];
        ok = saved_parse(s, b.data ? b.data : "", b.len, why, sizeof why);
        if (!ok)
            snprintf(err, errlen, "%s, %s", path, why);
    }
    json_buffer_free(&b);
    return ok;
}

bool saved_store(const struct saved *s, const char *path, char *err, size_t errlen)
{
    char *doc;
    size_t len;
    if (!saved_format(s, &doc, &len)) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    bool ok = platform_write_file(path, doc, len, err, errlen);
    free(doc);
    return ok;
}
