/* SPDX-License-Identifier: MIT */
/* expect: a received message compared with the recorded one, the diff
 * text, and the run's tally (expect.h). The JSON documents are read with
 * json.c's value reader into a flat tree (pre-order, each node knowing
 * the size of its subtree), compared side by side. */
#include "expect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "junit.h"
#include "recording.h"
#include "utf8.h"

/* ---- a JSON document as a tree --------------------------------------------------------- */

enum jkind { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };

struct jnode {
    enum jkind kind;
    size_t size;          /* nodes in the subtree, itself included */
    size_t count;         /* children */
    size_t key, key_len;  /* in pool: its member name (its parent is an object) */
    size_t val, val_len;  /* in pool: a string's decoded bytes, a number's canonical form */
    size_t at, at_len;    /* in the document: the value as written */
};

struct jdoc {
    const char *src;
    struct jnode *nodes;
    size_t count, cap;
    struct json_buffer pool;
    size_t parent; /* while reading: the container being filled */
};

static void jdoc_free(struct jdoc *d)
{
    free(d->nodes);
    json_buffer_free(&d->pool);
    memset(d, 0, sizeof *d);
}

/* Appends s[0..n) to the pool; *off says where. */
static bool pool_add(struct jdoc *d, const char *s, size_t n, size_t *off)
{
    *off = d->pool.len;
    return json_buffer_append(&d->pool, s, n);
}

/* A number's value as text that is equal for equal values: the sign, the
 * significant digits and the exponent of 0.DIGITS x 10^E ("-" "125" "e3"
 * for -125, -12.5e1, -0.125e3). Zero is "0" whatever its sign. An exponent
 * past +-10^17 is cut there (values that far out are all "too large"). */
static bool canonical_number(struct jdoc *d, const char *s, size_t n, size_t *off, size_t *len)
{
    size_t i = 0;
    bool negative = i < n && s[i] == '-';
    i += negative;
    size_t int_start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    size_t int_end = i, frac_start = i, frac_end = i;
    if (i < n && s[i] == '.') {
        frac_start = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        frac_end = i;
    }
    long long exp = 0;
    const long long cap = 100000000000000000LL;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool minus = i < n && s[i] == '-';
        i += i < n && (s[i] == '-' || s[i] == '+');
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (exp < cap)
                exp = exp * 10 + (s[i] - '0');
        exp = minus ? -exp : exp;
    }
    /* The digits, int then frac, with the point after the int ones;
     * leading zeros move the point left, trailing ones change nothing. */
    long long point = (long long)(int_end - int_start);
    size_t digits = (int_end - int_start) + (frac_end - frac_start), first = 0, last = digits;
#define DIGIT(k) ((k) < int_end - int_start ? s[int_start + (k)] : s[frac_start + (k) - (int_end - int_start)])
    while (first < last && DIGIT(first) == '0') {
        first++;
        point--;
    }
    while (last > first && DIGIT(last - 1) == '0')
        last--;
    *off = d->pool.len;
    if (first == last) {
        *len = 1;
        return json_buffer_append(&d->pool, "0", 1);
    }
    if (negative && !json_buffer_append(&d->pool, "-", 1))
        return false;
    for (size_t k = first; k < last; k++) {
        char digit = DIGIT(k);
        if (!json_buffer_append(&d->pool, &digit, 1))
            return false;
    }
#undef DIGIT
    char e[32];
    snprintf(e, sizeof e, "e%lld", point + exp);
    if (!json_buffer_append_text(&d->pool, e))
        return false;
    *len = d->pool.len - *off;
    return true;
}

static bool read_value(struct json_reader *r, struct jdoc *d, const char *key, size_t key_len, int depth);

static bool on_member(struct json_reader *r, const char *key, void *user, int depth)
{
    return read_value(r, user, key, r->key_len, depth);
}

static bool on_element(struct json_reader *r, void *user, int depth)
{
    return read_value(r, user, NULL, 0, depth);
}

/* The value at r, with its member name (key NULL: an element, or the
 * document), as node d->count and its subtree after it. */
static bool read_value(struct json_reader *r, struct jdoc *d, const char *key, size_t key_len, int depth)
{
    json_reader_space(r);
    if (r->pos >= r->len)
        return json_reader_fail(r, "%s", "a value expected");
    if (d->count >= EXPECT_MAX_VALUES || !grow(&d->nodes, &d->cap, d->count + 1, sizeof *d->nodes, 64))
        return json_reader_fail(r, "%s", "too many values");
    size_t idx = d->count++, parent = d->parent;
    struct jnode node = {.size = 1, .at = r->pos};
    if (key && !pool_add(d, key, key_len, &node.key))
        return json_reader_fail(r, "%s", "out of memory");
    node.key_len = key_len;
    if (idx)
        d->nodes[parent].count++;
    char c = r->s[r->pos];
    bool ok = true;
    if (c == '{' || c == '[') {
        node.kind = c == '{' ? J_OBJECT : J_ARRAY;
        d->nodes[idx] = node;
        d->parent = idx;
        ok = c == '{' ? json_read_object(r, on_member, d, depth) : json_read_array(r, on_element, d, depth);
        d->parent = parent;
        node = d->nodes[idx]; /* (its count, as the children made it) */
        node.size = d->count - idx;
    } else if (c == '"') {
        struct json_buffer text = {0};
        node.kind = J_STRING;
        ok = json_read_string(r, &text, SIZE_MAX) && pool_add(d, text.data ? text.data : "", text.len, &node.val);
        node.val_len = text.len;
        json_buffer_free(&text);
    } else {
        size_t start = r->pos;
        ok = json_skip_value(r, depth);
        node.kind = c == 'n' ? J_NULL : c == 't' ? J_TRUE : c == 'f' ? J_FALSE : J_NUMBER;
        if (ok && node.kind == J_NUMBER)
            ok = canonical_number(d, r->s + start, r->pos - start, &node.val, &node.val_len);
    }
    node.at_len = r->pos - node.at;
    d->nodes[idx] = node;
    return ok || json_reader_fail(r, "%s", "out of memory");
}

/* Whether s[0..n) is one JSON value; d then holds its tree. */
static bool jdoc_read(struct jdoc *d, const char *s, size_t n)
{
    char err[8];
    struct json_reader r;
    memset(d, 0, sizeof *d);
    d->src = s;
    json_reader_init(&r, s, n, err, sizeof err);
    /* (The pool is never NULL, so that a name's pointer is one even when
     * every name and string is empty.) */
    if (json_buffer_reserve(&d->pool, 64) && read_value(&r, d, NULL, 0, 1) && json_read_end(&r))
        return true;
    jdoc_free(d);
    return false;
}

/* ---- the structural comparison --------------------------------------------------------- */

struct compare {
    const struct jdoc *a, *b; /* recorded, received */
    const struct jpath *ignores;
    size_t ignore_count;
    struct jpath_place place[JSON_READ_MAX_DEPTH + 1];
    size_t depth;
    size_t found;             /* differences */
    struct json_buffer *diff; /* NULL: only counted */
    bool no_memory;
};

static bool ignored(const struct compare *c)
{
    for (size_t i = 0; i < c->ignore_count; i++)
        if (jpath_matches(&c->ignores[i], c->place, c->depth))
            return true;
    return false;
}

/* A value as the diff shows it: as written, on one line, at most ~60 bytes. */
static bool append_value(struct json_buffer *out, const struct jdoc *d, size_t i)
{
    if (!d)
        return json_buffer_append_text(out, tr_msgid(N_("(none)")));
    const char *s = d->src + d->nodes[i].at;
    size_t n = d->nodes[i].at_len, shown = 0;
    bool space = false;
    for (size_t k = 0; k < n && shown < 60; k = utf8_next(s, n, k)) {
        unsigned char ch = (unsigned char)s[k];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = true; /* (whitespace between tokens, or in a string: one space) */
            continue;
        }
        if (space && shown && !json_buffer_append(out, " ", 1))
            return false;
        space = false;
        size_t len = utf8_next(s, n, k) - k;
        if (!json_buffer_append(out, s + k, len))
            return false;
        shown += len;
        if (shown >= 60 && utf8_next(s, n, k) < n)
            return json_buffer_append_text(out, "\xE2\x80\xA6");
    }
    return true;
}

/* One difference at the current place: recorded node ai (of a, or none)
 * against received bi (of b, or none). */
static void differ(struct compare *c, const struct jdoc *a, size_t ai, const struct jdoc *b, size_t bi)
{
    if (c->found++ >= EXPECT_MAX_PLACES || !c->diff)
        return;
    struct json_buffer *o = c->diff;
    bool ok = json_buffer_append(o, "  $", 3);
    for (size_t i = 0; ok && i < c->depth; i++)
        ok = jpath_append_step(o, &c->place[i]);
    ok = ok && json_buffer_append_text(o, ": ") && json_buffer_append_text(o, tr_msgid(N_("recorded"))) &&
         json_buffer_append(o, " ", 1) && append_value(o, a, ai) && json_buffer_append_text(o, ", ") &&
         json_buffer_append_text(o, tr_msgid(N_("received"))) && json_buffer_append(o, " ", 1) &&
         append_value(o, b, bi) && json_buffer_append(o, "\n", 1);
    c->no_memory |= !ok;
}

static void compare_nodes(struct compare *c, size_t ai, size_t bi);

/* Children of container i, in order. */
static size_t *children(const struct jdoc *d, size_t i)
{
    size_t n = d->nodes[i].count, *out = malloc((n ? n : 1) * sizeof *out);
    if (!out)
        return NULL;
    for (size_t k = 0, at = i + 1; k < n; k++, at += d->nodes[at].size)
        out[k] = at;
    return out;
}

/* Sorts idx[0..n) by member name, a repeated name in document order (a
 * merge sort: stable, and qsort would need the document in a global). */
static int key_order(const struct jdoc *a, size_t ai, const struct jdoc *b, size_t bi);

static void sort_by_key(const struct jdoc *d, size_t *idx, size_t *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    sort_by_key(d, idx, tmp, half);
    sort_by_key(d, idx + half, tmp, n - half);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        tmp[k++] = key_order(d, idx[j], d, idx[i]) < 0 ? idx[j++] : idx[i++];
    while (i < half)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}

static int key_order(const struct jdoc *a, size_t ai, const struct jdoc *b, size_t bi)
{
    const struct jnode *p = &a->nodes[ai], *q = &b->nodes[bi];
    size_t n = p->key_len < q->key_len ? p->key_len : q->key_len;
    int r = n ? memcmp(a->pool.data + p->key, b->pool.data + q->key, n) : 0;
    return r ? r : p->key_len == q->key_len ? 0 : p->key_len < q->key_len ? -1 : 1;
}

static void enter(struct compare *c, const struct jdoc *d, size_t i, bool element, size_t index)
{
    struct jpath_place *p = &c->place[c->depth++];
    *p = element ? (struct jpath_place){NULL, 0, index}
                 : (struct jpath_place){d->pool.data + d->nodes[i].key, d->nodes[i].key_len, 0};
}

/* A member or element on one side only. */
static void one_side(struct compare *c, const struct jdoc *d, size_t i, bool element, size_t index, bool recorded)
{
    enter(c, d, i, element, index);
    if (!ignored(c))
        differ(c, recorded ? c->a : NULL, i, recorded ? NULL : c->b, i);
    c->depth--;
}

static void compare_objects(struct compare *c, size_t ai, size_t bi)
{
    size_t na = c->a->nodes[ai].count, nb = c->b->nodes[bi].count;
    size_t *ka = children(c->a, ai), *kb = children(c->b, bi);
    size_t *tmp = malloc((na > nb ? na : nb ? nb : 1) * sizeof *tmp);
    if (!ka || !kb || !tmp) {
        free(ka);
        free(kb);
        free(tmp);
        c->no_memory = true;
        return;
    }
    sort_by_key(c->a, ka, tmp, na);
    sort_by_key(c->b, kb, tmp, nb);
    free(tmp);
    size_t i = 0, j = 0;
    while (i < na || j < nb) {
        int order = i == na ? 1 : j == nb ? -1 : key_order(c->a, ka[i], c->b, kb[j]);
        if (order < 0) {
            one_side(c, c->a, ka[i++], false, 0, true);
        } else if (order > 0) {
            one_side(c, c->b, kb[j++], false, 0, false);
        } else {
            enter(c, c->a, ka[i], false, 0);
            compare_nodes(c, ka[i++], kb[j++]);
            c->depth--;
        }
    }
    free(ka);
    free(kb);
}

static void compare_arrays(struct compare *c, size_t ai, size_t bi)
{
    size_t na = c->a->nodes[ai].count, nb = c->b->nodes[bi].count;
    size_t i = ai + 1, j = bi + 1;
    for (size_t k = 0; k < na || k < nb; k++) {
        if (k < na && k < nb) {
            enter(c, c->a, i, true, k);
            compare_nodes(c, i, j);
            c->depth--;
        } else {
            one_side(c, k < na ? c->a : c->b, k < na ? i : j, true, k, k < na);
        }
        if (k < na)
            i += c->a->nodes[i].size;
        if (k < nb)
            j += c->b->nodes[j].size;
    }
}

/* Recorded node ai against received bi, at c->place. */
static void compare_nodes(struct compare *c, size_t ai, size_t bi)
{
    if (ignored(c))
        return;
    const struct jnode *p = &c->a->nodes[ai], *q = &c->b->nodes[bi];
    if (p->kind != q->kind) {
        differ(c, c->a, ai, c->b, bi);
    } else if (p->kind == J_OBJECT) {
        compare_objects(c, ai, bi);
    } else if (p->kind == J_ARRAY) {
        compare_arrays(c, ai, bi);
    } else if ((p->kind == J_STRING || p->kind == J_NUMBER) &&
               (p->val_len != q->val_len ||
                (p->val_len && memcmp(c->a->pool.data + p->val, c->b->pool.data + q->val, p->val_len)))) {
        differ(c, c->a, ai, c->b, bi);
    }
}

/* ---- text and binary, byte for byte ------------------------------------------------------ */

#define CONTEXT_BEFORE 16
#define CONTEXT_AFTER 32

/* The bytes around offset at, as a quoted escaped string (text) or as hex
 * (binary), marked with … where cut. */
static bool append_context(struct json_buffer *o, const struct expect_side *s, size_t at)
{
    size_t from = at > CONTEXT_BEFORE ? at - CONTEXT_BEFORE : 0;
    size_t to = at + CONTEXT_AFTER < s->len ? at + CONTEXT_AFTER : s->len;
    if (!s->binary) {
        while (from > 0 && ((unsigned char)s->data[from] & 0xC0) == 0x80)
            from--; /* (start on a character) */
        while (to < s->len && ((unsigned char)s->data[to] & 0xC0) == 0x80)
            to++;
    }
    bool ok = json_buffer_append_text(o, from ? "\xE2\x80\xA6" : "");
    if (s->binary) {
        char hex[4];
        for (size_t i = from; ok && i < to; i++) {
            snprintf(hex, sizeof hex, i > from ? " %02x" : "%02x", (unsigned char)s->data[i]);
            ok = json_buffer_append_text(o, hex);
        }
    } else {
        ok = ok && json_buffer_append(o, "\"", 1) && json_escape_append(o, s->data + from, to - from) &&
             json_buffer_append(o, "\"", 1);
    }
    return ok && json_buffer_append_text(o, to < s->len ? "\xE2\x80\xA6" : "");
}

static size_t compare_bytes(const struct expect_side *a, const struct expect_side *b, struct json_buffer *o)
{
    char line[256];
    if (a->binary != b->binary) {
        if (o) {
            snprintf(line, sizeof line, tr_msgid(N_("  recorded a %s message (%zu bytes), received a %s message (%zu bytes)\n")),
                     tr_msgid(a->binary ? N_("binary") : N_("text")), a->len,
                     tr_msgid(b->binary ? N_("binary") : N_("text")), b->len);
            json_buffer_append_text(o, line); /* (out of memory: counted all the same) */
        }
        return 1;
    }
    size_t n = a->len < b->len ? a->len : b->len, at = 0;
    while (at < n && a->data[at] == b->data[at])
        at++;
    if (at == n && a->len == b->len)
        return 0;
    if (!o)
        return 1;
    snprintf(line, sizeof line, tr_msgid(N_("  the bytes differ from offset %zu (recorded %zu bytes, received %zu)\n")),
             at, a->len, b->len);
    bool ok = json_buffer_append_text(o, line) && json_buffer_append_text(o, "    ") &&
              json_buffer_append_text(o, tr_msgid(N_("recorded"))) && json_buffer_append(o, " ", 1) &&
              append_context(o, a, at) && json_buffer_append_text(o, "\n    ") &&
              json_buffer_append_text(o, tr_msgid(N_("received"))) && json_buffer_append(o, " ", 1) &&
              append_context(o, b, at) && json_buffer_append(o, "\n", 1);
    (void)ok; /* (out of memory: the diff is shorter, the difference still counted) */
    return 1;
}

size_t expect_compare(const struct expect_side *recorded, const struct expect_side *received,
                      const struct jpath *ignores, size_t ignore_count, struct json_buffer *diff)
{
    struct jdoc a, b;
    if (recorded->binary || received->binary || !jdoc_read(&a, recorded->data, recorded->len))
        return compare_bytes(recorded, received, diff);
    if (!jdoc_read(&b, received->data, received->len)) {
        jdoc_free(&a);
        return compare_bytes(recorded, received, diff);
    }
    struct compare c = {.a = &a, .b = &b, .ignores = ignores, .ignore_count = ignore_count, .diff = diff};
    compare_nodes(&c, 0, 0);
    jdoc_free(&a);
    jdoc_free(&b);
    if (c.found > EXPECT_MAX_PLACES && diff) {
        char line[128];
        snprintf(line, sizeof line, tr_msgid(N_("  and %zu more differences\n")), c.found - EXPECT_MAX_PLACES);
        json_buffer_append_text(diff, line);
    }
    if (c.no_memory) {
        if (diff)
            json_buffer_append_text(diff, tr_msgid(N_("  (out of memory while comparing)\n")));
        c.found += !c.found;
    }
    return c.found;
}

/* ---- the run ----------------------------------------------------------------------------- */

void expect_free(struct expect *e)
{
    for (size_t i = 0; i < e->ignore_count; i++)
        jpath_free(&e->ignores[i]);
    free(e->ignores);
    for (size_t i = 0; i < e->count; i++) {
        free(e->recorded[i].data);
        free(e->recorded[i].diff);
    }
    free(e->recorded);
    json_buffer_free(&e->extras);
    memset(e, 0, sizeof *e);
}

bool expect_init(struct expect *e, const struct recording *rec, const char *const *ignores, size_t ignore_count,
                 char *err, size_t errlen)
{
    memset(e, 0, sizeof *e);
    e->ignores = calloc(ignore_count ? ignore_count : 1, sizeof *e->ignores);
    size_t n = 0;
    for (size_t i = 0; i < rec->count; i++)
        n += rec->entries[i].kind == RECORDING_RECEIVED;
    e->recorded = calloc(n ? n : 1, sizeof *e->recorded);
    if (!e->ignores || !e->recorded) {
        expect_free(e);
        snprintf(err, errlen, "%s", tr_msgid(N_("out of memory")));
        return false;
    }
    for (size_t i = 0; i < ignore_count; i++, e->ignore_count++) {
        char why[256];
        if (!jpath_parse(ignores[i], &e->ignores[i], why, sizeof why)) {
            snprintf(err, errlen, tr_msgid(N_("--ignore %s: %s")), ignores[i], why);
            expect_free(e);
            return false;
        }
    }
    for (size_t i = 0; i < rec->count; i++) {
        const struct recording_entry *r = &rec->entries[i];
        if (!e->start_us && r->time_us)
            e->start_us = r->time_us;
        if (r->kind != RECORDING_RECEIVED)
            continue;
        struct expect_message *m = &e->recorded[e->count++];
        m->time_us = r->time_us;
        m->binary = r->binary;
        m->len = r->data ? r->len : 0;
        if (!(m->data = malloc(m->len + 1))) {
            expect_free(e);
            snprintf(err, errlen, "%s", tr_msgid(N_("out of memory")));
            return false;
        }
        if (m->len)
            memcpy(m->data, r->data, m->len);
        m->data[m->len] = '\0';
    }
    return true;
}

/* "message 3 (recorded at 04:05:06.123 UTC, +1.250 s)" */
static void heading(const struct expect *e, size_t i, char *out, size_t n)
{
    int64_t t = e->recorded[i].time_us, day = t / 1000000 % 86400;
    int64_t since = t - e->start_us;
    snprintf(out, n, tr_msgid(N_("message %zu (recorded at %02d:%02d:%02d.%03d UTC, +%.3f s)")), i + 1,
             (int)(day / 3600), (int)(day / 60 % 60), (int)(day % 60), (int)(t / 1000 % 1000),
             (double)since / 1e6);
}

static bool set_diff(struct expect *e, size_t i, const char *lines, size_t len)
{
    char head[200];
    heading(e, i, head, sizeof head);
    struct json_buffer b = {0};
    if (json_buffer_append_text(&b, head) && json_buffer_append_text(&b, ":\n") && json_buffer_append(&b, lines, len)) {
        e->recorded[i].diff = b.data;
        return true;
    }
    json_buffer_free(&b);
    return false;
}

bool expect_received(struct expect *e, const char *data, size_t len, bool binary)
{
    size_t i = e->received++;
    if (e->finished)
        return true;
    if (i >= e->count) {
        if (e->extra++ < EXPECT_MAX_PLACES) {
            char line[160];
            snprintf(line, sizeof line, tr_msgid(N_("message %zu was not in the recording (a %s message of %zu bytes)\n")),
                     i + 1, tr_msgid(binary ? N_("binary") : N_("text")), len);
            return json_buffer_append_text(&e->extras, line);
        }
        return true;
    }
    struct expect_message *m = &e->recorded[i];
    struct expect_side recorded = {m->data, m->len, m->binary}, got = {data, len, binary};
    struct json_buffer diff = {0};
    size_t found = expect_compare(&recorded, &got, e->ignores, e->ignore_count, &diff);
    bool ok = true;
    if (found) {
        m->state = EXPECT_DIFFERENT;
        e->different++;
        ok = set_diff(e, i, diff.data ? diff.data : "", diff.len);
    } else {
        m->state = EXPECT_SAME;
    }
    json_buffer_free(&diff);
    return ok;
}

void expect_finish(struct expect *e)
{
    if (e->finished)
        return;
    e->finished = true;
    for (size_t i = 0; i < e->count; i++) {
        if (e->recorded[i].state != EXPECT_WAITING)
            continue;
        e->recorded[i].state = EXPECT_MISSING;
        e->missing++;
        const char *line = tr_msgid(N_("  never received\n"));
        set_diff(e, i, line, strlen(line));
    }
}

bool expect_passed(const struct expect *e)
{
    return !e->different && !e->missing && !e->extra;
}

void expect_summary(const struct expect *e, char *out, size_t n)
{
    size_t same = e->count - e->different - e->missing, k = 0;
    int w = snprintf(out, n, tr_msgid(N_("expect: %zu of %zu messages as recorded")), same, e->count);
    k = w > 0 && (size_t)w < n ? (size_t)w : n ? n - 1 : 0;
    if (e->different && k < n) {
        w = snprintf(out + k, n - k, tr_msgid(N_("; %zu differ")), e->different);
        k += w > 0 && (size_t)w < n - k ? (size_t)w : n - k - 1;
    }
    if (e->missing && k < n) {
        w = snprintf(out + k, n - k, tr_msgid(N_("; %zu missing")), e->missing);
        k += w > 0 && (size_t)w < n - k ? (size_t)w : n - k - 1;
    }
    if (e->extra && k < n)
        snprintf(out + k, n - k, tr_msgid(N_("; %zu extra")), e->extra);
}

bool expect_report(const struct expect *e, size_t max, struct json_buffer *out)
{
    size_t shown = 0, rest = 0;
    for (size_t i = 0; i < e->count; i++) {
        if (!e->recorded[i].diff)
            continue;
        if (shown++ < max) {
            if (!json_buffer_append_text(out, e->recorded[i].diff))
                return false;
        } else {
            rest++;
        }
    }
    char line[128];
    if (rest) {
        snprintf(line, sizeof line, tr_msgid(N_("and %zu more messages differ\n")), rest);
        if (!json_buffer_append_text(out, line))
            return false;
    }
    if (e->extras.data && !json_buffer_append_text(out, e->extras.data))
        return false;
    if (e->extra > EXPECT_MAX_PLACES) {
        snprintf(line, sizeof line, tr_msgid(N_("and %zu more messages not in the recording\n")),
                 e->extra - EXPECT_MAX_PLACES);
        return json_buffer_append_text(out, line);
    }
    return true;
}

bool expect_junit(const struct expect *e, const char *suite, double seconds, struct json_buffer *out)
{
    size_t n = e->count + (e->extra > 0);
    struct junit_case *cases = calloc(n ? n : 1, sizeof *cases);
    char (*names)[200] = calloc(n ? n : 1, sizeof *names);
    bool ok = cases && names;
    for (size_t i = 0; ok && i < e->count; i++) {
        const struct expect_message *m = &e->recorded[i];
        heading(e, i, names[i], sizeof names[i]);
        cases[i] = (struct junit_case){.name = names[i], .seconds = -1};
        if (m->state == EXPECT_DIFFERENT || m->state == EXPECT_MISSING) {
            cases[i].failure = m->state == EXPECT_MISSING ? tr_msgid(N_("never received"))
                                                          : tr_msgid(N_("differs from the recording"));
            cases[i].details = m->diff;
        }
    }
    if (ok && e->extra) {
        snprintf(names[e->count], sizeof names[e->count], "%s", tr_msgid(N_("no messages beyond the recording")));
        cases[e->count] = (struct junit_case){.name = names[e->count], .seconds = -1,
                                              .failure = tr_msgid(N_("messages not in the recording came")),
                                              .details = e->extras.data};
    }
    ok = ok && junit_write(out, suite, seconds, cases, n);
    free(cases);
    free(names);
    return ok;
}
