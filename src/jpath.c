/* SPDX-License-Identifier: MIT */
/* jpath: JSON paths read and written (jpath.h says the grammar). */
#include "jpath.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "utf8.h"

void jpath_free(struct jpath *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->steps[i].name);
    free(p->steps);
    p->steps = NULL;
    p->count = 0;
}

/* A byte a bare .name may hold. */
static bool bare_byte(unsigned char c)
{
    return c > ' ' && c != 0x7f && c != '.' && c != '[' && c != ']' && c != '"' && c != '\'';
}

static int hex_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

struct parser {
    const char *s;
    size_t pos;
    char *err;
    size_t errlen;
};

static bool fail(struct parser *p, const char *why)
{
    snprintf(p->err, p->errlen, tr_msgid(N_("column %zu: %s")), p->pos + 1, tr_msgid(why));
    return false;
}

/* A quoted name after [ : the bytes between the quotes, escapes resolved. */
static bool quoted_name(struct parser *p, struct json_buffer *name)
{
    char quote = p->s[p->pos++];
    for (;;) {
        char c = p->s[p->pos];
        if (c == '\0')
            return fail(p, N_("the name's closing quote is missing"));
        if (c == quote) {
            p->pos++;
            return true;
        }
        if (name->len >= JPATH_MAX_NAME)
            return fail(p, N_("the name is too long"));
        char out[4];
        size_t n = 1;
        out[0] = c;
        if (c == '\\') {
            char e = p->s[p->pos + 1];
            const char *plain = "\"\"''\\\\//b\bf\fn\nr\rt\t";
            const char *hit = e ? strchr(plain, e) : NULL;
            while (hit && (hit - plain) % 2)
                hit = strchr(hit + 1, e); /* (only the escape letters, not their values) */
            if (hit) {
                out[0] = hit[1];
                p->pos += 2;
            } else if (e == 'u') {
                int v = 0;
                for (int i = 2; i < 6; i++) {
                    int h = hex_value(p->s[p->pos + i]);
                    if (h < 0) {
                        p->pos += (size_t)i;
                        return fail(p, N_("\\u takes four hexadecimal digits"));
                    }
                    v = v * 16 + h;
                }
                if (v >= 0xD800 && v <= 0xDFFF)
                    v = 0xFFFD; /* (a lone half: as json.c's reader decodes it) */
                n = utf8_encode((uint32_t)v, out);
                p->pos += 6;
            } else {
                p->pos++;
                return fail(p, N_("unknown escape (use \\\" \\' \\\\ or \\uXXXX)"));
            }
        } else {
            p->pos++;
        }
        if (!json_buffer_append(name, out, n))
            return fail(p, N_("out of memory"));
    }
}

/* One step at p->pos (which is at '.' or '['). */
static bool step(struct parser *p, struct jpath_step *st)
{
    struct json_buffer name = {0};
    bool ok = true;
    if (p->s[p->pos] == '.') {
        p->pos++;
        if (p->s[p->pos] == '*') {
            p->pos++;
            st->kind = JPATH_ANY;
            return true;
        }
        size_t start = p->pos;
        while (bare_byte((unsigned char)p->s[p->pos]))
            p->pos++;
        if (p->pos == start)
            return fail(p, N_("a name expected after '.' (use [\"...\"] for other names)"));
        if (p->pos - start > JPATH_MAX_NAME)
            return fail(p, N_("the name is too long"));
        ok = json_buffer_append(&name, p->s + start, p->pos - start);
        if (!ok)
            return fail(p, N_("out of memory"));
    } else {
        p->pos++; /* '[' */
        char c = p->s[p->pos];
        if (c == '*') {
            p->pos++;
            st->kind = JPATH_ANY;
        } else if (c >= '0' && c <= '9') {
            size_t v = 0, digits = 0;
            while (p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
                if (++digits > 9)
                    return fail(p, N_("the index is too large"));
                v = v * 10 + (size_t)(p->s[p->pos++] - '0');
            }
            st->kind = JPATH_INDEX;
            st->index = v;
        } else if (c == '"' || c == '\'') {
            ok = quoted_name(p, &name);
        } else {
            return fail(p, N_("[ takes a number, * or a quoted name"));
        }
        if (ok && p->s[p->pos] != ']')
            ok = fail(p, N_("']' expected"));
        if (!ok) {
            json_buffer_free(&name);
            return false;
        }
        p->pos++;
        if (st->kind != JPATH_NAME)
            return true;
    }
    if (!name.data && !json_buffer_append(&name, "", 0)) /* (an empty quoted name: "" all the same) */
        return fail(p, N_("out of memory"));
    st->kind = JPATH_NAME;
    st->name = name.data;
    st->name_len = name.len;
    return true;
}

bool jpath_parse(const char *text, struct jpath *out, char *err, size_t errlen)
{
    jpath_free(out);
    struct parser p = {text, 0, err, errlen};
    if (text[0] != '$')
        return fail(&p, N_("a path starts with $"));
    p.pos = 1;
    while (text[p.pos]) {
        if (text[p.pos] != '.' && text[p.pos] != '[') {
            fail(&p, N_("'.' or '[' expected"));
            jpath_free(out);
            return false;
        }
        if (out->count == JPATH_MAX_STEPS) {
            fail(&p, N_("the path is too deep"));
            jpath_free(out);
            return false;
        }
        if (out->count % 8 == 0) {
            struct jpath_step *grown = realloc(out->steps, (out->count + 8) * sizeof *grown);
            if (!grown) {
                fail(&p, N_("out of memory"));
                jpath_free(out);
                return false;
            }
            out->steps = grown;
        }
        struct jpath_step *st = &out->steps[out->count];
        *st = (struct jpath_step){0};
        if (!step(&p, st)) {
            jpath_free(out);
            return false;
        }
        out->count++;
    }
    return true;
}

bool jpath_matches(const struct jpath *p, const struct jpath_place *place, size_t depth)
{
    if (p->count != depth)
        return false;
    for (size_t i = 0; i < depth; i++) {
        const struct jpath_step *s = &p->steps[i];
        const struct jpath_place *at = &place[i];
        if (s->kind == JPATH_ANY)
            continue;
        if (s->kind == JPATH_INDEX ? at->name || at->index != s->index
                                   : !at->name || at->name_len != s->name_len ||
                                         (s->name_len && memcmp(at->name, s->name, s->name_len) != 0))
            return false;
    }
    return true;
}

static bool identifier(const char *s, size_t n)
{
    if (!n || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'))
            return false;
    }
    return true;
}

bool jpath_append_step(struct json_buffer *b, const struct jpath_place *step)
{
    char tmp[32];
    if (!step->name) {
        snprintf(tmp, sizeof tmp, "[%zu]", step->index);
        return json_buffer_append_text(b, tmp);
    }
    if (identifier(step->name, step->name_len))
        return json_buffer_append(b, ".", 1) && json_buffer_append(b, step->name, step->name_len);
    if (!json_buffer_append(b, "[\"", 2))
        return false;
    for (size_t i = 0; i < step->name_len; i++) {
        unsigned char c = (unsigned char)step->name[i];
        bool ok;
        if (c == '"' || c == '\\') {
            tmp[0] = '\\';
            tmp[1] = (char)c;
            ok = json_buffer_append(b, tmp, 2);
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
            ok = json_buffer_append_text(b, tmp);
        } else {
            ok = json_buffer_append(b, (const char *)&c, 1);
        }
        if (!ok)
            return false;
    }
    return json_buffer_append(b, "\"]", 2);
}
