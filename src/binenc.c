/* SPDX-License-Identifier: MIT */
/* binenc: see binenc.h.
 *
 * Both formats write a map's or an array's count before its elements, and
 * JSON says it only after them; so the reader first lists the values in the
 * order they come (a map or an array followed by its elements, each map
 * member as its name then its value), counting each container's elements as
 * they come, and the encoder then writes the list front to back: no
 * recursion on the way out, and the reader's own depth limit on the way
 * in. */
#include "binenc.h"

#include <cbor.h>
#include <msgpack.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "json.h"
#include "utf8.h"

enum node_type { NODE_NULL, NODE_FALSE, NODE_TRUE, NODE_UINT, NODE_INT, NODE_FLOAT, NODE_STRING, NODE_ARRAY, NODE_MAP };

struct node {
    uint8_t type; /* enum node_type */
    union {
        uint64_t u;   /* NODE_UINT */
        int64_t i;    /* NODE_INT: below zero */
        double d;     /* NODE_FLOAT */
        size_t count; /* NODE_ARRAY, NODE_MAP: elements, members */
        struct {
            size_t at, len; /* NODE_STRING: in strings */
        } s;
    } v;
};

struct list {
    struct node *nodes;
    size_t count, cap;
    size_t current;             /* the container being read (its index) */
    struct json_buffer strings; /* every string's decoded bytes, one after another */
    struct json_buffer text;    /* the string or number being read */
    bool memory, range;         /* what went wrong, beyond the JSON itself */
    size_t range_at, range_len;
};

static bool add(struct list *l, struct node n)
{
    if (!grow(&l->nodes, &l->cap, l->count + 1, sizeof *l->nodes, 64)) {
        l->memory = true;
        return false;
    }
    l->nodes[l->count++] = n;
    return true;
}

static bool add_string(struct list *l, const char *s, size_t len)
{
    struct node n = {.type = NODE_STRING, .v.s = {l->strings.len, len}};

    if (!json_buffer_append(&l->strings, s, len)) {
        l->memory = true;
        return false;
    }
    return add(l, n);
}

/* The number that ends at r->pos and starts at at: an integer when it has no fraction and no
 * exponent, else a float. */
static bool add_number(struct list *l, struct json_reader *r, size_t at)
{
    size_t len = r->pos - at;
    struct node n = {0};
    char *end;

    l->text.len = 0;
    if (!json_buffer_append(&l->text, r->s + at, len)) {
        l->memory = true;
        return false;
    }
    bool integer = strpbrk(l->text.data, ".eE") == NULL;
    errno = 0;
    if (integer && l->text.data[0] == '-') {
        n.type = NODE_INT;
        n.v.i = strtoll(l->text.data, &end, 10);
        if (n.v.i == 0)
            n = (struct node){.type = NODE_UINT}; /* -0 */
    } else if (integer) {
        n.type = NODE_UINT;
        n.v.u = strtoull(l->text.data, &end, 10);
    } else {
        n.type = NODE_FLOAT;
        n.v.d = strtod(l->text.data, &end);
        if (!isinf(n.v.d))
            errno = 0; /* ERANGE for a value that rounds to 0 or a subnormal: fine */
    }
    if (errno == ERANGE) {
        l->range = true;
        l->range_at = at;
        l->range_len = len;
        r->pos = at;
        return json_reader_fail(r, N_("a number beyond 64 bits"));
    }
    return add(l, n);
}

static bool value(struct json_reader *r, void *user, int depth);

static bool element(struct json_reader *r, void *user, int depth)
{
    struct list *l = user;

    l->nodes[l->current].v.count++;
    return value(r, user, depth);
}

static bool member(struct json_reader *r, const char *key, void *user, int depth)
{
    struct list *l = user;

    l->nodes[l->current].v.count++;
    return add_string(l, key, r->key_len) && value(r, user, depth);
}

static bool value(struct json_reader *r, void *user, int depth)
{
    struct list *l = user;
    size_t at, outer = l->current;
    bool ok;

    json_reader_space(r);
    at = r->pos;
    if (at < r->len && (r->s[at] == '{' || r->s[at] == '[')) {
        bool map = r->s[at] == '{';

        if (!add(l, (struct node){.type = map ? NODE_MAP : NODE_ARRAY}))
            return false;
        l->current = l->count - 1;
        ok = map ? json_read_object(r, member, l, depth) : json_read_array(r, element, l, depth);
        l->current = outer;
        return ok;
    }
    if (at < r->len && r->s[at] == '"')
        return json_read_string(r, &l->text, SIZE_MAX) && add_string(l, l->text.data, l->text.len);
    if (!json_skip_value(r, depth))
        return false;
    switch (r->s[at]) {
    case 't': return add(l, (struct node){.type = NODE_TRUE});
    case 'f': return add(l, (struct node){.type = NODE_FALSE});
    case 'n': return add(l, (struct node){.type = NODE_NULL});
    default: return add_number(l, r, at);
    }
}

/* ---- writing ----------------------------------------------------------------------------- */

static bool fits_float(double d)
{
    return (double)(float)d == d;
}

static bool write_msgpack(const struct list *l, char **out, size_t *out_len)
{
    msgpack_sbuffer sb;
    msgpack_packer pk;
    int bad = 0;

    msgpack_sbuffer_init(&sb);
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    for (size_t i = 0; i < l->count && !bad; i++) {
        const struct node *n = &l->nodes[i];

        switch ((enum node_type)n->type) {
        case NODE_NULL: bad = msgpack_pack_nil(&pk); break;
        case NODE_FALSE: bad = msgpack_pack_false(&pk); break;
        case NODE_TRUE: bad = msgpack_pack_true(&pk); break;
        case NODE_UINT: bad = msgpack_pack_uint64(&pk, n->v.u); break;
        case NODE_INT: bad = msgpack_pack_int64(&pk, n->v.i); break;
        case NODE_FLOAT:
            bad = fits_float(n->v.d) ? msgpack_pack_float(&pk, (float)n->v.d) : msgpack_pack_double(&pk, n->v.d);
            break;
        case NODE_STRING:
            bad = msgpack_pack_str(&pk, n->v.s.len) ||
                  msgpack_pack_str_body(&pk, l->strings.data + n->v.s.at, n->v.s.len);
            break;
        case NODE_ARRAY: bad = msgpack_pack_array(&pk, n->v.count); break;
        case NODE_MAP: bad = msgpack_pack_map(&pk, n->v.count); break;
        }
    }
    if (bad) {
        msgpack_sbuffer_destroy(&sb);
        return false;
    }
    *out_len = sb.size;
    *out = msgpack_sbuffer_release(&sb);
    return true;
}

static bool write_cbor(const struct list *l, char **out, size_t *out_len)
{
    size_t size = 0, at = 0;
    unsigned char *buf;

    /* A head is at most 9 bytes: the exact room, counted first. */
    for (size_t i = 0; i < l->count; i++)
        size += 9 + (l->nodes[i].type == NODE_STRING ? l->nodes[i].v.s.len : 0);
    if ((buf = malloc(size)) == NULL)
        return false;
    for (size_t i = 0; i < l->count; i++) {
        const struct node *n = &l->nodes[i];
        unsigned char *p = buf + at;
        size_t room = size - at, k = 0;

        switch ((enum node_type)n->type) {
        case NODE_NULL: k = cbor_encode_null(p, room); break;
        case NODE_FALSE: k = cbor_encode_bool(false, p, room); break;
        case NODE_TRUE: k = cbor_encode_bool(true, p, room); break;
        case NODE_UINT: k = cbor_encode_uint(n->v.u, p, room); break;
        case NODE_INT: k = cbor_encode_negint((uint64_t)(-(n->v.i + 1)), p, room); break;
        case NODE_FLOAT:
            k = fits_float(n->v.d) ? cbor_encode_single((float)n->v.d, p, room) : cbor_encode_double(n->v.d, p, room);
            break;
        case NODE_STRING:
            k = cbor_encode_string_start(n->v.s.len, p, room);
            if (k > 0 && n->v.s.len > 0) {
                memcpy(p + k, l->strings.data + n->v.s.at, n->v.s.len);
                k += n->v.s.len;
            }
            break;
        case NODE_ARRAY: k = cbor_encode_array_start(n->v.count, p, room); break;
        case NODE_MAP: k = cbor_encode_map_start(n->v.count, p, room); break;
        }
        if (k == 0) { /* cannot happen with the room counted above */
            free(buf);
            return false;
        }
        at += k;
    }
    *out = (char *)buf;
    *out_len = at;
    return true;
}

/* ---- the whole ------------------------------------------------------------------------- */

static void describe(struct binenc_error *err, struct json_reader *r, const struct list *l)
{
    if (l->memory) {
        *err = (struct binenc_error){.fault = BINENC_MEMORY};
        return;
    }
    err->fault = l->range ? BINENC_NUMBER_RANGE : BINENC_JSON;
    err->offset = l->range ? l->range_at : r->pos < r->len ? r->pos : r->len;
    /* The character at the error, or the place at the end. */
    err->length = l->range ? l->range_len : r->pos < r->len ? utf8_next(r->s, r->len, r->pos) - r->pos : 0;
    r->pos = err->offset;
    json_reader_where(r, &err->line, &err->column);
}

bool binenc_from_json(enum binview_format f, const char *json, size_t len, char **out, size_t *out_len,
                      struct binenc_error *err)
{
    struct list l = {0};
    struct json_reader r;
    size_t ignored;
    bool ok;

    *err = (struct binenc_error){.fault = BINENC_OK};
    if (out != NULL)
        *out = NULL;
    if (out_len == NULL)
        out_len = &ignored;
    *out_len = 0;
    json_reader_init(&r, json, len, err->reason, sizeof err->reason);
    ok = value(&r, &l, 1) && json_read_end(&r);
    if (!ok) {
        describe(err, &r, &l);
    } else if (out != NULL) {
        ok = f == BINVIEW_CBOR ? write_cbor(&l, out, out_len) : write_msgpack(&l, out, out_len);
        if (!ok)
            err->fault = BINENC_MEMORY;
    }
    free(l.nodes);
    json_buffer_free(&l.strings);
    json_buffer_free(&l.text);
    return ok;
}
