/* SPDX-License-Identifier: MIT */
/* saved: the saved messages and their JSON file (see saved.h). */
#include "saved.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "json.h"
#include "platform.h"
#include "utf8.h"

static const char *const mode_names[SAVED_MODE_COUNT] = {"text", "hex", "base64", "msgpack", "cbor"};

const char *saved_mode_name(enum saved_mode mode)
{
    return (unsigned)mode < SAVED_MODE_COUNT ? mode_names[mode] : mode_names[0];
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
    if (!grow(&s->items, &s->cap, s->count + 1, sizeof *s->items, 16)) {
        free(copy);
        return false;
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

/* ---- reading (json.c's value reader) ---------------------------------------------- */

/* A longer name is refused rather than cut: it is not one Ponte wrote. */
#define SAVED_NAME_READ_MAX 4096

/* One message being read. */
struct message_fields {
    struct json_buffer name, text;
    bool has_name, has_text;
    int mode;
};

static bool message_member(struct json_reader *r, const char *key, void *user, int depth)
{
    struct message_fields *m = user;
    if (strcmp(key, "name") == 0) {
        m->has_name = true;
        if (!json_reader_peek(r, '"'))
            return json_reader_fail(r, N_("\"name\" must be a string"));
        return json_read_string(r, &m->name, SAVED_NAME_READ_MAX);
    }
    if (strcmp(key, "text") == 0) {
        m->has_text = true;
        if (!json_reader_peek(r, '"'))
            return json_reader_fail(r, N_("\"text\" must be a string"));
        return json_read_string(r, &m->text, SAVED_TEXT_MAX);
    }
    if (strcmp(key, "mode") == 0) {
        struct json_buffer mode = {0};
        if (!json_reader_peek(r, '"'))
            return json_reader_fail(r, N_("\"mode\" must be a string"));
        size_t at = r->pos;
        bool ok = json_read_string(r, &mode, 64);
        if (ok) {
            m->mode = -1;
            for (int i = 0; i < SAVED_MODE_COUNT; i++)
                if (strcmp(mode.data, mode_names[i]) == 0)
                    m->mode = i;
            if (m->mode < 0) {
                r->pos = at;
                ok = json_reader_fail(r, N_("the mode \"%s\" is none of text, hex, base64, msgpack, cbor"), mode.data);
            }
        }
        json_buffer_free(&mode);
        return ok;
    }
    return json_skip_value(r, depth); /* (room for what a later Ponte adds) */
}

static bool message_element(struct json_reader *r, void *user, int depth)
{
    struct saved *out = user;
    if (out->count >= SAVED_MAX)
        return json_reader_fail(r, N_("more than %d messages"), SAVED_MAX);
    struct message_fields m = {.mode = SAVED_TEXT};
    size_t at = (json_reader_space(r), r->pos);
    bool ok;
    if (json_reader_peek(r, '"')) {
        ok = json_read_string(r, &m.text, SAVED_TEXT_MAX); /* a bare string: its text */
        m.has_text = ok;
    } else if (json_reader_peek(r, '{')) {
        ok = json_read_object(r, message_member, &m, depth);
        if (ok && !m.has_text) {
            r->pos = at;
            ok = json_reader_fail(r, N_("a message without \"text\""));
        }
    } else {
        ok = json_reader_fail(r, N_("a message (an object with \"name\" and \"text\") expected"));
    }
    const char *name = m.has_name ? m.name.data : "", *text = m.text.data ? m.text.data : "";
    if (ok && !saved_fits(out, name, text, m.text.len)) {
        r->pos = at;
        ok = json_reader_fail(r, N_("more than %u MiB of text in all"), SAVED_TOTAL_MAX >> 20);
    }
    if (ok && !saved_put(out, name, text, m.text.len, (enum saved_mode)m.mode)) {
        r->pos = at;
        ok = json_reader_fail(r, N_("out of memory"));
    }
    json_buffer_free(&m.name);
    json_buffer_free(&m.text);
    return ok;
}

struct document {
    struct saved *out;
    bool has_messages;
};

static bool document_member(struct json_reader *r, const char *key, void *user, int depth)
{
    struct document *d = user;
    if (strcmp(key, "messages") == 0) {
        d->has_messages = true;
        if (!json_reader_peek(r, '['))
            return json_reader_fail(r, N_("\"messages\" must be a list"));
        return json_read_array(r, message_element, d->out, depth);
    }
    return json_skip_value(r, depth); /* "version", and what a later Ponte adds */
}

bool saved_parse(struct saved *out, const char *json, size_t len, char *err, size_t errlen)
{
    saved_free(out);
    struct json_reader r;
    json_reader_init(&r, json, len, err, errlen);
    bool ok;
    if (json_reader_peek(&r, '[')) {
        ok = json_read_array(&r, message_element, out, 1);
    } else if (json_reader_peek(&r, '{')) {
        struct document d = {.out = out};
        ok = json_read_object(&r, document_member, &d, 1);
        if (ok && !d.has_messages) {
            r.pos = 0;
            ok = json_reader_fail(&r, N_("no \"messages\" list: not a file of saved messages"));
        }
    } else {
        ok = json_reader_fail(&r, r.pos >= len ? N_("the file is empty")
                                              : N_("a saved-messages document starts with '{' or '['"));
    }
    ok = ok && json_read_end(&r);
    if (!ok)
        saved_free(out);
    return ok;
}

/* ---- writing ------------------------------------------------------------------------- */

bool saved_format(const struct saved *s, char **out, size_t *len)
{
    struct json_buffer b = {0};
    bool ok = json_buffer_append_text(&b, "{\n  \"version\": 1,\n  \"messages\": [");
    for (size_t i = 0; i < s->count && ok; i++) {
        const struct saved_message *m = &s->items[i];
        ok = json_buffer_append_text(&b, i ? ",\n    {\"name\": \"" : "\n    {\"name\": \"") &&
             json_escape_append(&b, m->name, strlen(m->name)) &&
             json_buffer_append_text(&b, "\", \"mode\": \"") &&
             json_buffer_append_text(&b, saved_mode_name((enum saved_mode)m->mode)) &&
             json_buffer_append_text(&b, "\", \"text\": \"") && json_escape_append(&b, m->text, m->len) &&
             json_buffer_append_text(&b, "\"}");
    }
    ok = ok && json_buffer_append_text(&b, s->count ? "\n  ]\n}\n" : "]\n}\n");
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
    FILE *f;
    if (!platform_open_read(path, &f, err, errlen))
        return false;
    if (!f)
        return true; /* nothing saved yet */
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
        if (!json_buffer_append(&b, chunk, n)) {
            snprintf(err, errlen, "out of memory reading %s", path);
            ok = false;
            break;
        }
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
