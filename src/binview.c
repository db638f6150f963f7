/* SPDX-License-Identifier: MIT */
/* binview: see binview.h.
 *
 * Both decoders report items in the order they come, as events: a scalar, a
 * map or an array opening (with its count, or "until a break" for CBOR's
 * indefinite ones), a tag, a break. One writer turns the events into text,
 * keeping its own stack of open levels (how many items each still waits
 * for), so both formats are laid out, checked and limited the same way. */
#include "binview.h"

/* msgpack-c's unpacking state machine keeps a fixed stack of this many
 * levels (32 in its own build); ours may nest deeper, still bounded. It is
 * read by unpack_define.h, which must not have been included before. */
#define MSGPACK_EMBED_STACK_SIZE BINVIEW_DECODE_DEPTH
#include <msgpack/unpack.h>
#include <msgpack/unpack_define.h>

#include <cbor.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define INDEFINITE UINT64_MAX

enum level_kind { LEVEL_ARRAY, LEVEL_MAP, LEVEL_TAG, LEVEL_TEXT_CHUNKS, LEVEL_BYTE_CHUNKS };

struct level {
    uint64_t left; /* items still to come (a map counts keys and values), or INDEFINITE */
    uint64_t done; /* items so far */
    uint8_t kind;  /* enum level_kind */
};

struct writer {
    struct json_pretty *out; /* NULL: only check */
    size_t len;              /* of the input: no container can hold more items */
    bool failed;             /* not one whole item of the format, or out is full */
    bool started, finished;  /* the top item began, ended */
    bool top_checked;        /* the outermost map or array has been seen */
    unsigned top_depth;      /* its level */
    unsigned depth;          /* levels open */
    unsigned indent;         /* maps and arrays open and shown */
    unsigned hidden;         /* the level from which nothing is shown (0: all is) */
    size_t items, bad_utf8;  /* for choosing between the formats */
    struct json_buffer chunks;  /* an indefinite CBOR string's chunks so far */
    struct json_buffer scratch; /* a string's text being escaped */
    struct level stack[BINVIEW_DECODE_DEPTH];
};

static bool fail(struct writer *w)
{
    w->failed = true;
    return false;
}

static bool showing(const struct writer *w)
{
    return w->out != NULL && w->hidden == 0 && !w->failed;
}

static void token(struct writer *w, const char *s, size_t n, enum json_kind kind)
{
    if (showing(w) && !json_pretty_token(w->out, s, n, kind))
        fail(w);
}

static void layout(struct writer *w, const char *s, size_t n)
{
    if (showing(w) && !json_pretty_layout(w->out, s, n))
        fail(w);
}

static void newline(struct writer *w)
{
    if (showing(w) && !json_pretty_newline(w->out, w->indent))
        fail(w);
}

static struct level *top(struct writer *w)
{
    return w->depth ? &w->stack[w->depth - 1] : NULL;
}

/* Whether the item about to start is a map key. */
static bool at_key(struct writer *w)
{
    struct level *l = top(w);
    return l != NULL && l->kind == LEVEL_MAP && l->done % 2 == 0;
}

enum item { ITEM_SCALAR, ITEM_CONTAINER, ITEM_TAG };

/* Before an item: its place in what holds it (a comma and a new line, or
 * the colon after a key). False when no item may come here. */
static bool begin_item(struct writer *w, enum item item)
{
    struct level *l = top(w);

    if (w->failed || w->finished)
        return fail(w);
    w->started = true;
    if (!w->top_checked) {
        if (item == ITEM_SCALAR)
            return fail(w); /* a scalar alone (see binview.h) */
        if (item == ITEM_CONTAINER) {
            w->top_checked = true;
            w->top_depth = w->depth + 1;
        }
    }
    w->items++;
    if (l == NULL || l->kind == LEVEL_TAG)
        return true;
    if (l->kind != LEVEL_ARRAY && l->kind != LEVEL_MAP)
        return fail(w); /* only chunks inside an indefinite string */
    if (l->kind == LEVEL_MAP && l->done % 2 == 1) {
        token(w, ":", 1, JSON_PUNCT);
        layout(w, " ", 1);
    } else {
        if (l->done > 0)
            token(w, ",", 1, JSON_PUNCT);
        newline(w);
    }
    return !w->failed;
}

static void close_level(struct writer *w)
{
    struct level *l = top(w);
    static const char *const closing[] = {"]", "}", ")"};

    if (w->depth == w->top_depth && l->done == 0)
        fail(w); /* the outermost map or array is empty (see binview.h) */
    if (l->kind == LEVEL_ARRAY || l->kind == LEVEL_MAP) {
        if (w->hidden == w->depth) {
            w->hidden = 0; /* its {…} or […] already stands for all of it */
        } else if (w->hidden == 0) {
            w->indent--;
            if (l->done > 0)
                newline(w);
            token(w, closing[l->kind], 1, JSON_PUNCT);
        }
    } else if (l->kind == LEVEL_TAG) {
        token(w, closing[l->kind], 1, JSON_PUNCT);
    }
    w->depth--;
}

/* After an item: counts it in what holds it, and closes every level that
 * it completes. */
static void end_item(struct writer *w)
{
    for (;;) {
        struct level *l = top(w);

        if (l == NULL) {
            w->finished = true;
            return;
        }
        l->done++;
        if (l->left == INDEFINITE || --l->left > 0)
            return;
        close_level(w);
    }
}

static bool push(struct writer *w, enum level_kind kind, uint64_t left)
{
    if (w->depth == BINVIEW_DECODE_DEPTH)
        return fail(w);
    w->stack[w->depth++] = (struct level){.left = left, .kind = (uint8_t)kind};
    return true;
}

/* A map (of count pairs) or an array opens; count INDEFINITE: until a
 * break. */
static bool open_container(struct writer *w, bool map, uint64_t count)
{
    /* Each item takes a byte at least: a count beyond the input is a lie,
     * refused before anything is counted with it. */
    if (count != INDEFINITE && count > w->len)
        return fail(w);
    if (!begin_item(w, ITEM_CONTAINER) ||
        !push(w, map ? LEVEL_MAP : LEVEL_ARRAY, count == INDEFINITE ? INDEFINITE : map ? 2 * count : count))
        return false;
    if (showing(w)) {
        if (w->indent == BINVIEW_MAX_DEPTH) {
            token(w, map ? "{\xE2\x80\xA6}" : "[\xE2\x80\xA6]", 5, JSON_PUNCT);
            w->hidden = w->depth;
        } else {
            token(w, map ? "{" : "[", 1, JSON_PUNCT);
            w->indent++;
        }
    }
    if (count == 0) {
        close_level(w);
        end_item(w);
    }
    return !w->failed;
}

/* A break: the innermost indefinite map, array or string ends. */
static bool indefinite_end(struct writer *w)
{
    struct level *l = top(w);

    if (w->failed || l == NULL || l->left != INDEFINITE || (l->kind == LEVEL_MAP && l->done % 2 == 1))
        return fail(w);
    if (l->kind == LEVEL_TEXT_CHUNKS || l->kind == LEVEL_BYTE_CHUNKS)
        return false; /* the caller writes the string */
    close_level(w);
    end_item(w);
    return !w->failed;
}

static void scalar(struct writer *w, const char *text, size_t n, enum json_kind kind)
{
    if (!begin_item(w, ITEM_SCALAR))
        return;
    token(w, text, n, kind);
    end_item(w);
}

static void unsigned_value(struct writer *w, uint64_t v)
{
    char text[24];
    int n = snprintf(text, sizeof text, "%llu", (unsigned long long)v);
    scalar(w, text, (size_t)n, JSON_NUMBER);
}

static void signed_value(struct writer *w, int64_t v)
{
    char text[24];
    int n = snprintf(text, sizeof text, "%lld", (long long)v);
    scalar(w, text, (size_t)n, JSON_NUMBER);
}

/* CBOR's negative integers: -1 - v, down to -2^64. */
static void negative_value(struct writer *w, uint64_t v)
{
    char text[24];
    int n = v == UINT64_MAX ? snprintf(text, sizeof text, "-18446744073709551616")
                            : snprintf(text, sizeof text, "-%llu", (unsigned long long)v + 1);
    scalar(w, text, (size_t)n, JSON_NUMBER);
}

/* The shortest text that reads back as the same value (as a float when
 * single), with a ".0" when it would otherwise look like an integer. */
static void float_value(struct writer *w, double v, bool single)
{
    char text[48];
    if (isnan(v)) {
        scalar(w, "NaN", 3, JSON_LITERAL);
        return;
    }
    if (isinf(v)) {
        scalar(w, v > 0 ? "Infinity" : "-Infinity", v > 0 ? 8 : 9, JSON_LITERAL);
        return;
    }
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*g", precision, v);
        double back = strtod(text, NULL);
        if (single ? (float)back == (float)v : back == v)
            break;
    }
    if (strpbrk(text, ".e") == NULL)
        strcat(text, ".0");
    scalar(w, text, strlen(text), JSON_NUMBER);
}

static void hex_append(struct writer *w, const unsigned char *s, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    struct json_buffer *b = &w->scratch;

    if (!json_buffer_append(b, "h'", 2) || !json_buffer_reserve(b, 2 * n + 1))
        return (void)fail(w);
    for (size_t i = 0; i < n; i++) {
        b->data[b->len++] = digits[s[i] >> 4];
        b->data[b->len++] = digits[s[i] & 15];
    }
    json_buffer_append(b, "'", 1);
}

/* A whole string, text or bytes (a map key in the key's colour). */
static void string_value(struct writer *w, const char *s, size_t n, bool text)
{
    bool key = at_key(w);

    if (text && !utf8_valid(s, n))
        w->bad_utf8++;
    if (!begin_item(w, ITEM_SCALAR))
        return;
    if (showing(w)) {
        w->scratch.len = 0;
        if (!text)
            hex_append(w, (const unsigned char *)s, n);
        else if (!json_buffer_append(&w->scratch, "\"", 1) || !json_escape_append(&w->scratch, s, n) ||
                 !json_buffer_append(&w->scratch, "\"", 1))
            fail(w);
        if (!w->failed)
            token(w, w->scratch.data, w->scratch.len, key ? JSON_KEY : JSON_STRING);
    }
    end_item(w);
}

/* ext(type, h'data'): MessagePack's extension types. */
static void ext_value(struct writer *w, int type, const unsigned char *s, size_t n)
{
    char number[8];
    int k = snprintf(number, sizeof number, "%d", type);

    if (!begin_item(w, ITEM_SCALAR))
        return;
    if (showing(w)) {
        token(w, "ext(", 4, JSON_PUNCT);
        token(w, number, (size_t)k, JSON_NUMBER);
        token(w, ",", 1, JSON_PUNCT);
        layout(w, " ", 1);
        w->scratch.len = 0;
        hex_append(w, s, n);
        if (!w->failed)
            token(w, w->scratch.data, w->scratch.len, JSON_STRING);
        token(w, ")", 1, JSON_PUNCT);
    }
    end_item(w);
}

/* tag(number, item): CBOR's tags; the item follows. */
static void tag_open(struct writer *w, uint64_t tag)
{
    char number[24];
    int k = snprintf(number, sizeof number, "%llu", (unsigned long long)tag);

    if (!begin_item(w, ITEM_TAG))
        return;
    token(w, "tag(", 4, JSON_PUNCT);
    token(w, number, (size_t)k, JSON_NUMBER);
    token(w, ",", 1, JSON_PUNCT);
    layout(w, " ", 1);
    push(w, LEVEL_TAG, 1);
}

/* ---- MessagePack: msgpack-c's state machine with our callbacks ---------------------------- */

/* The state machine's "objects" are a plain 0: the writer has written each
 * item by the time the machine would have built it. */
#define msgpack_unpack_struct(name) struct binview_msgpack##name
#define msgpack_unpack_func(ret, name) static ret binview_msgpack##name
#define msgpack_unpack_callback(name) binview_msgpack_callback##name
#define msgpack_unpack_object int
#define msgpack_unpack_user struct writer *

static int binview_msgpack_callback_root(struct writer **u)
{
    (void)u;
    return 0;
}

static int result(struct writer *w)
{
    return w->failed ? -1 : 0;
}

#define MSGPACK_INTEGER(name, type, call)                                            \
    static int binview_msgpack_callback_##name(struct writer **u, type d, int *o)     \
    {                                                                                 \
        *o = 0;                                                                       \
        call(*u, d);                                                                  \
        return result(*u);                                                            \
    }
MSGPACK_INTEGER(uint8, uint8_t, unsigned_value)
MSGPACK_INTEGER(uint16, uint16_t, unsigned_value)
MSGPACK_INTEGER(uint32, uint32_t, unsigned_value)
MSGPACK_INTEGER(uint64, uint64_t, unsigned_value)
MSGPACK_INTEGER(int8, int8_t, signed_value)
MSGPACK_INTEGER(int16, int16_t, signed_value)
MSGPACK_INTEGER(int32, int32_t, signed_value)
MSGPACK_INTEGER(int64, int64_t, signed_value)
#undef MSGPACK_INTEGER

static int binview_msgpack_callback_float(struct writer **u, float d, int *o)
{
    *o = 0;
    float_value(*u, d, true);
    return result(*u);
}

static int binview_msgpack_callback_double(struct writer **u, double d, int *o)
{
    *o = 0;
    float_value(*u, d, false);
    return result(*u);
}

#define MSGPACK_LITERAL(name, word)                                                   \
    static int binview_msgpack_callback_##name(struct writer **u, int *o)             \
    {                                                                                 \
        *o = 0;                                                                       \
        scalar(*u, word, strlen(word), JSON_LITERAL);                                 \
        return result(*u);                                                            \
    }
MSGPACK_LITERAL(nil, "null")
MSGPACK_LITERAL(true, "true")
MSGPACK_LITERAL(false, "false")
#undef MSGPACK_LITERAL

static int binview_msgpack_callback_array(struct writer **u, unsigned int n, int *o)
{
    *o = 0;
    open_container(*u, false, n);
    return result(*u);
}

static int binview_msgpack_callback_map(struct writer **u, unsigned int n, int *o)
{
    *o = 0;
    open_container(*u, true, n);
    return result(*u);
}

/* The machine's own bookkeeping of finished items; the writer keeps its own. */
static int binview_msgpack_callback_array_item(struct writer **u, int *c, int o)
{
    (void)c, (void)o;
    return result(*u);
}

static int binview_msgpack_callback_map_item(struct writer **u, int *c, int k, int v)
{
    (void)c, (void)k, (void)v;
    return result(*u);
}

static int binview_msgpack_callback_str(struct writer **u, const char *b, const char *p, unsigned int l, int *o)
{
    (void)b;
    *o = 0;
    string_value(*u, p, l, true);
    return result(*u);
}

static int binview_msgpack_callback_bin(struct writer **u, const char *b, const char *p, unsigned int l, int *o)
{
    (void)b;
    *o = 0;
    string_value(*u, p, l, false);
    return result(*u);
}

/* p: the type byte (signed), then the data. */
static int binview_msgpack_callback_ext(struct writer **u, const char *b, const char *p, unsigned int l, int *o)
{
    (void)b;
    *o = 0;
    if (l == 0)
        fail(*u);
    else
        ext_value(*u, (int8_t)p[0], (const unsigned char *)p + 1, l - 1);
    return result(*u);
}

#include <msgpack/unpack_template.h>

static bool msgpack_walk(struct writer *w, const void *data, size_t len)
{
    struct binview_msgpack_context *ctx = malloc(sizeof *ctx);
    size_t off = 0;
    int ret;

    if (ctx == NULL)
        return fail(w);
    binview_msgpack_init(ctx);
    ctx->user = w;
    ret = binview_msgpack_execute(ctx, data, len, &off);
    free(ctx);
    (void)binview_msgpack_data; /* (the template's; unused here) */
    return ret == 1 && off == len && w->finished && !w->failed;
}

/* ---- CBOR: libcbor's streaming decoder --------------------------------------------------- */

static void cbor_uint8(void *u, uint8_t v) { unsigned_value(u, v); }
static void cbor_uint16(void *u, uint16_t v) { unsigned_value(u, v); }
static void cbor_uint32(void *u, uint32_t v) { unsigned_value(u, v); }
static void cbor_uint64(void *u, uint64_t v) { unsigned_value(u, v); }
static void cbor_negint8(void *u, uint8_t v) { negative_value(u, v); }
static void cbor_negint16(void *u, uint16_t v) { negative_value(u, v); }
static void cbor_negint32(void *u, uint32_t v) { negative_value(u, v); }
static void cbor_negint64(void *u, uint64_t v) { negative_value(u, v); }
static void cbor_half_or_single(void *u, float v) { float_value(u, v, true); }
static void cbor_double(void *u, double v) { float_value(u, v, false); }
static void cbor_null(void *u) { scalar(u, "null", 4, JSON_LITERAL); }
static void cbor_undefined(void *u) { scalar(u, "undefined", 9, JSON_LITERAL); }
static void cbor_boolean(void *u, bool v) { scalar(u, v ? "true" : "false", v ? 4 : 5, JSON_LITERAL); }
static void cbor_array(void *u, size_t n) { open_container(u, false, n); }
static void cbor_map(void *u, size_t n) { open_container(u, true, n); }
static void cbor_indefinite_array(void *u) { open_container(u, false, INDEFINITE); }
static void cbor_indefinite_map(void *u) { open_container(u, true, INDEFINITE); }
static void cbor_tag(void *u, uint64_t v) { tag_open(u, v); }

/* A definite string, or one chunk of an indefinite one (of the same
 * kind, else the item is broken). */
static void cbor_string_data(struct writer *w, cbor_data s, size_t n, bool text)
{
    struct level *l = top(w);

    if (l != NULL && (l->kind == LEVEL_TEXT_CHUNKS || l->kind == LEVEL_BYTE_CHUNKS)) {
        if ((l->kind == LEVEL_TEXT_CHUNKS) != text || !json_buffer_append(&w->chunks, (const char *)s, n))
            fail(w);
        return;
    }
    string_value(w, (const char *)s, n, text);
}

static void cbor_text(void *u, cbor_data s, size_t n) { cbor_string_data(u, s, n, true); }
static void cbor_bytes(void *u, cbor_data s, size_t n) { cbor_string_data(u, s, n, false); }

static void cbor_chunks_start(struct writer *w, enum level_kind kind)
{
    struct level *l = top(w);

    /* Not counted as an item here: string_value counts the whole string. */
    if (w->failed || (l != NULL && l->kind != LEVEL_ARRAY && l->kind != LEVEL_MAP && l->kind != LEVEL_TAG) ||
        !w->top_checked)
        return (void)fail(w);
    w->chunks.len = 0;
    push(w, kind, INDEFINITE);
}

static void cbor_text_start(void *u) { cbor_chunks_start(u, LEVEL_TEXT_CHUNKS); }
static void cbor_bytes_start(void *u) { cbor_chunks_start(u, LEVEL_BYTE_CHUNKS); }

static void cbor_break(void *u)
{
    struct writer *w = u;
    struct level *l = top(w);

    if (indefinite_end(w) || w->failed)
        return;
    /* An indefinite string ends: written whole. */
    bool text = l->kind == LEVEL_TEXT_CHUNKS;
    w->depth--;
    string_value(w, w->chunks.len ? w->chunks.data : "", w->chunks.len, text);
}

static const struct cbor_callbacks cbor_walk_callbacks = {
    .uint8 = cbor_uint8,
    .uint16 = cbor_uint16,
    .uint32 = cbor_uint32,
    .uint64 = cbor_uint64,
    .negint8 = cbor_negint8,
    .negint16 = cbor_negint16,
    .negint32 = cbor_negint32,
    .negint64 = cbor_negint64,
    .byte_string_start = cbor_bytes_start,
    .byte_string = cbor_bytes,
    .string = cbor_text,
    .string_start = cbor_text_start,
    .indef_array_start = cbor_indefinite_array,
    .array_start = cbor_array,
    .indef_map_start = cbor_indefinite_map,
    .map_start = cbor_map,
    .tag = cbor_tag,
    .float2 = cbor_half_or_single,
    .float4 = cbor_half_or_single,
    .float8 = cbor_double,
    .undefined = cbor_undefined,
    .null = cbor_null,
    .boolean = cbor_boolean,
    .indef_break = cbor_break,
};

static bool cbor_walk(struct writer *w, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t pos = 0;

    while (pos < len && !w->finished && !w->failed) {
        struct cbor_decoder_result r = cbor_stream_decode(p + pos, len - pos, &cbor_walk_callbacks, w);

        if (r.status != CBOR_DECODER_FINISHED || r.read == 0)
            return fail(w);
        pos += r.read;
    }
    return pos == len && w->finished && !w->failed;
}

/* ---- choosing and writing ---------------------------------------------------------------- */

static bool walk(enum binview_format f, const void *data, size_t len, struct writer *w)
{
    bool ok;

    w->len = len;
    if (f == BINVIEW_MSGPACK)
        ok = msgpack_walk(w, data, len);
    else if (f == BINVIEW_CBOR)
        ok = cbor_walk(w, data, len);
    else
        ok = false;
    json_buffer_free(&w->chunks);
    json_buffer_free(&w->scratch);
    return ok;
}

/* The first byte of a map or an array (CBOR: or of a tag over one). */
static bool may_start(enum binview_format f, unsigned char c)
{
    if (f == BINVIEW_MSGPACK)
        return (c >= 0x80 && c <= 0x9f) || (c >= 0xdc && c <= 0xdf);
    return c >= 0x80 && c <= 0xdb;
}

static struct writer *checked(enum binview_format f, const void *data, size_t len)
{
    struct writer *w;

    if (len == 0 || !may_start(f, *(const unsigned char *)data) || (w = calloc(1, sizeof *w)) == NULL)
        return NULL;
    if (!walk(f, data, len, w)) {
        free(w);
        return NULL;
    }
    return w;
}

bool binview_is(enum binview_format f, const void *data, size_t len)
{
    struct writer *w = checked(f, data, len);

    free(w);
    return w != NULL;
}

enum binview_format binview_detect(const void *data, size_t len)
{
    struct writer *m = checked(BINVIEW_MSGPACK, data, len);
    struct writer *c = checked(BINVIEW_CBOR, data, len);
    enum binview_format f = BINVIEW_NONE;

    if (m != NULL && c != NULL)
        f = (m->bad_utf8 != c->bad_utf8) ? (m->bad_utf8 < c->bad_utf8 ? BINVIEW_MSGPACK : BINVIEW_CBOR)
            : c->items > m->items   ? BINVIEW_CBOR
                                    : BINVIEW_MSGPACK;
    else if (m != NULL)
        f = BINVIEW_MSGPACK;
    else if (c != NULL)
        f = BINVIEW_CBOR;
    free(m);
    free(c);
    return f;
}

bool binview_write(enum binview_format f, const void *data, size_t len, struct json_pretty *out)
{
    struct writer *w;
    bool ok;

    if (len == 0 || !may_start(f, *(const unsigned char *)data) || (w = calloc(1, sizeof *w)) == NULL)
        return false;
    w->out = out;
    ok = walk(f, data, len, w);
    free(w);
    return ok;
}

const char *binview_format_name(enum binview_format f)
{
    return f == BINVIEW_MSGPACK ? "MessagePack" : f == BINVIEW_CBOR ? "CBOR" : "";
}
