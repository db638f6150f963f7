/* SPDX-License-Identifier: MIT */
/* json.c: see json.h.
 *
 * One pass over the input that validates and, when asked, writes the pretty
 * text as it goes. There is no recursion: the only state a nested document
 * needs is, per open level, whether it is an object or an array, and that
 * fits in a 256-bit stack inside the parser struct. The input is never
 * revisited, so the time is linear; the output grows by doubling, so its
 * cost is linear too.
 *
 * Validation and output share one code path (the output calls do nothing
 * when there is no output) so that json_is_document and json_pretty cannot
 * disagree about what is JSON. */
#include "json.h"

#include "ascii.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

struct json_parser {
    const unsigned char *in;
    size_t len, pos;
    struct json_pretty *out; /* NULL: validate only */
    size_t limit;            /* most bytes of out->text */
    unsigned depth;          /* open objects and arrays */
    uint8_t objects[JSON_MAX_DEPTH / 8]; /* bit d set: level d is an object */
};
_Static_assert(JSON_MAX_DEPTH % 8 == 0, "json_parser.objects holds whole bytes");

/* Bytes that may appear in a string as they are: printable ASCII except the
 * quote and the backslash. Everything else needs a closer look. A table
 * keeps the hot loop to one load and one branch per byte. */
static const bool json_plain[256] = {
    [0x20] = 1, [0x21] = 1, /* 0x22 '"' */ [0x23] = 1, [0x24] = 1, [0x25] = 1,
    [0x26] = 1, [0x27] = 1, [0x28] = 1, [0x29] = 1, [0x2A] = 1, [0x2B] = 1,
    [0x2C] = 1, [0x2D] = 1, [0x2E] = 1, [0x2F] = 1, [0x30] = 1, [0x31] = 1,
    [0x32] = 1, [0x33] = 1, [0x34] = 1, [0x35] = 1, [0x36] = 1, [0x37] = 1,
    [0x38] = 1, [0x39] = 1, [0x3A] = 1, [0x3B] = 1, [0x3C] = 1, [0x3D] = 1,
    [0x3E] = 1, [0x3F] = 1, [0x40] = 1, [0x41] = 1, [0x42] = 1, [0x43] = 1,
    [0x44] = 1, [0x45] = 1, [0x46] = 1, [0x47] = 1, [0x48] = 1, [0x49] = 1,
    [0x4A] = 1, [0x4B] = 1, [0x4C] = 1, [0x4D] = 1, [0x4E] = 1, [0x4F] = 1,
    [0x50] = 1, [0x51] = 1, [0x52] = 1, [0x53] = 1, [0x54] = 1, [0x55] = 1,
    [0x56] = 1, [0x57] = 1, [0x58] = 1, [0x59] = 1, [0x5A] = 1, [0x5B] = 1,
    /* 0x5C '\\' */ [0x5D] = 1, [0x5E] = 1, [0x5F] = 1, [0x60] = 1,
    [0x61] = 1, [0x62] = 1, [0x63] = 1, [0x64] = 1, [0x65] = 1, [0x66] = 1,
    [0x67] = 1, [0x68] = 1, [0x69] = 1, [0x6A] = 1, [0x6B] = 1, [0x6C] = 1,
    [0x6D] = 1, [0x6E] = 1, [0x6F] = 1, [0x70] = 1, [0x71] = 1, [0x72] = 1,
    [0x73] = 1, [0x74] = 1, [0x75] = 1, [0x76] = 1, [0x77] = 1, [0x78] = 1,
    [0x79] = 1, [0x7A] = 1, [0x7B] = 1, [0x7C] = 1, [0x7D] = 1, [0x7E] = 1,
    [0x7F] = 1, /* DEL is not a control character in JSON's sense */
};

static void json_skip_space(struct json_parser *p)
{
    while (p->pos < p->len) {
        unsigned char c = p->in[p->pos];

        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return;
        p->pos++;
    }
}

/* Length (2..4) of the well-formed UTF-8 sequence at s[0] (a byte >= 0x80),
 * or 0. The lead byte narrows the range of the second byte as in Table 3-7
 * of the Unicode Standard, which alone rules out overlong forms, surrogates
 * and values above U+10FFFF (the same rule as utf8.c, repeated here so this
 * module stands alone). */
static size_t json_utf8_length(const unsigned char *s, size_t len)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t need;

    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (len < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return need;
}

/* json_reserve when the text buffer must grow. */
static bool json_grow(struct json_parser *p, size_t n)
{
    struct json_pretty *o = p->out;
    size_t need, cap;
    char *text;

    if (n > p->limit - o->len)
        return false;
    need = o->len + n + 1;
    /* Doubling keeps the copying linear overall. The first guess is 1.5
     * times the input: compact JSON often needs a little more (one
     * doubling), already indented JSON about the same; json_trim gives the
     * overshoot back. */
    cap = o->cap ? o->cap : p->len + p->len / 2 + 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
    if (cap > p->limit + 1)
        cap = p->limit + 1;
    text = realloc(o->text, cap);
    if (text == NULL)
        return false;
    o->text = text;
    o->cap = cap;
    return true;
}

/* Makes room for n more bytes of text plus the NUL that json_pretty writes
 * once at the end. The limit is checked apart from the capacity because a
 * reused buffer may be larger than this call's limit. */
static bool json_reserve(struct json_parser *p, size_t n)
{
    struct json_pretty *o = p->out;

    if (o->cap - o->len > n && n <= p->limit - o->len)
        return true;
    return json_grow(p, n);
}

static bool json_add_span(struct json_parser *p, size_t start, size_t n,
                          enum json_kind kind)
{
    struct json_pretty *o = p->out;

    if (kind == JSON_PUNCT && o->span_count > 0) {
        struct json_span *last = &o->spans[o->span_count - 1];

        if (last->kind == JSON_PUNCT && last->start + last->len == start) {
            last->len += (uint32_t)n;
            return true;
        }
    }
    if (o->span_count == o->span_cap) {
        /* Typical JSON has a token every 4 to 8 bytes; doubling covers the
         * rest. */
        size_t cap = o->span_cap ? o->span_cap * 2 : p->len / 8 + 16;
        struct json_span *spans;

        /* Every span covers at least one byte of text, so this cannot
         * happen; it keeps the multiplication below visibly safe. */
        if (cap > SIZE_MAX / sizeof *spans)
            return false;
        spans = realloc(o->spans, cap * sizeof *spans);
        if (spans == NULL)
            return false;
        o->spans = spans;
        o->span_cap = cap;
    }
    /* The limit keeps text below 4 GiB, so the casts cannot truncate. */
    o->spans[o->span_count++] = (struct json_span){
        .start = (uint32_t)start, .len = (uint32_t)n, .kind = (uint8_t)kind};
    return true;
}

/* Appends s[0..n) as one token. */
static bool json_put(struct json_parser *p, const void *s, size_t n,
                     enum json_kind kind)
{
    struct json_pretty *o = p->out;

    if (o == NULL)
        return true;
    if (!json_reserve(p, n) || !json_add_span(p, o->len, n, kind))
        return false;
    memcpy(o->text + o->len, s, n);
    o->len += n;
    return true;
}

/* Ends the line and indents the next one to the current depth. */
static bool json_newline(struct json_parser *p)
{
    struct json_pretty *o = p->out;
    size_t n = 1 + 2 * (size_t)p->depth;

    if (o == NULL)
        return true;
    if (!json_reserve(p, n))
        return false;
    o->text[o->len] = '\n';
    memset(o->text + o->len + 1, ' ', n - 1);
    o->len += n;
    return true;
}

static bool json_is_object(const struct json_parser *p)
{
    unsigned d = p->depth - 1;

    return p->objects[d / 8] >> (d % 8) & 1;
}

/* The string at p->pos (its opening quote), emitted as kind. */
static bool json_string(struct json_parser *p, enum json_kind kind)
{
    const unsigned char *in = p->in;
    size_t len = p->len, i = p->pos + 1;

    for (;;) {
        unsigned char c;

        while (i < len && json_plain[in[i]])
            i++;
        if (i == len)
            return false;
        c = in[i];
        if (c == '"')
            break;
        if (c == '\\') {
            if (len - i < 2)
                return false;
            switch (in[i + 1]) {
            case '"': case '\\': case '/': case 'b':
            case 'f': case 'n': case 'r': case 't':
                i += 2;
                break;
            case 'u':
                if (len - i < 6 || !ascii_is_xdigit(in[i + 2]) ||
                    !ascii_is_xdigit(in[i + 3]) || !ascii_is_xdigit(in[i + 4]) ||
                    !ascii_is_xdigit(in[i + 5]))
                    return false;
                i += 6;
                break;
            default:
                return false;
            }
        } else if (c < 0x20) {
            return false;
        } else {
            size_t n = json_utf8_length(in + i, len - i);

            if (n == 0)
                return false;
            i += n;
        }
    }
    i++; /* the closing quote */
    if (!json_put(p, in + p->pos, i - p->pos, kind))
        return false;
    p->pos = i;
    return true;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
 * What follows the number is the caller's business: "01" stops after the 0
 * and the caller then fails on the 1, as it would on any stray byte. */
static bool json_number(struct json_parser *p)
{
    const unsigned char *in = p->in;
    size_t len = p->len, i = p->pos;

    if (in[i] == '-')
        i++;
    if (i == len || !ascii_is_digit(in[i]))
        return false;
    if (in[i++] != '0')
        while (i < len && ascii_is_digit(in[i]))
            i++;
    if (i < len && in[i] == '.') {
        if (++i == len || !ascii_is_digit(in[i]))
            return false;
        while (i < len && ascii_is_digit(in[i]))
            i++;
    }
    if (i < len && (in[i] == 'e' || in[i] == 'E')) {
        if (++i < len && (in[i] == '+' || in[i] == '-'))
            i++;
        if (i == len || !ascii_is_digit(in[i]))
            return false;
        while (i < len && ascii_is_digit(in[i]))
            i++;
    }
    if (!json_put(p, in + p->pos, i - p->pos, JSON_NUMBER))
        return false;
    p->pos = i;
    return true;
}

static bool json_literal(struct json_parser *p)
{
    const char *word;
    size_t n;

    switch (p->in[p->pos]) {
    case 't': word = "true"; break;
    case 'f': word = "false"; break;
    case 'n': word = "null"; break;
    default: return false;
    }
    n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->in + p->pos, word, n) != 0 ||
        !json_put(p, word, n, JSON_LITERAL))
        return false;
    p->pos += n;
    return true;
}

/* A member's name and colon, from its opening quote (no whitespace before)
 * to the start of its value (whitespace after skipped). */
static bool json_member_name(struct json_parser *p)
{
    if (p->pos == p->len || p->in[p->pos] != '"' ||
        !json_string(p, JSON_KEY))
        return false;
    json_skip_space(p);
    if (p->pos == p->len || p->in[p->pos] != ':')
        return false;
    p->pos++;
    if (!json_put(p, ":", 1, JSON_PUNCT))
        return false;
    if (p->out != NULL) {
        /* The space is layout, not a token: no span. */
        if (!json_reserve(p, 1))
            return false;
        p->out->text[p->out->len++] = ' ';
    }
    json_skip_space(p);
    return true;
}

static bool json_parse(struct json_parser *p)
{
    json_skip_space(p);
    if (p->pos == p->len || (p->in[p->pos] != '{' && p->in[p->pos] != '['))
        return false; /* empty, or a bare scalar */

    for (;;) {
        /* A value starts at p->pos, whitespace before it already skipped. */
        unsigned char c;
        bool ok;

        if (p->pos == p->len)
            return false;
        c = p->in[p->pos];
        if (c == '{' || c == '[') {
            bool object = c == '{';
            char close = object ? '}' : ']';

            if (p->depth == JSON_MAX_DEPTH)
                return false;
            if (object)
                p->objects[p->depth / 8] |= (uint8_t)(1u << p->depth % 8);
            else
                p->objects[p->depth / 8] &= (uint8_t)~(1u << p->depth % 8);
            p->depth++;
            p->pos++;
            json_skip_space(p);
            if (p->pos < p->len && p->in[p->pos] == close) {
                const char empty[2] = {(char)c, close};

                p->depth--;
                p->pos++;
                ok = json_put(p, empty, 2, JSON_PUNCT);
            } else {
                /* Open: the first member or element is the next value. */
                if (!json_put(p, &c, 1, JSON_PUNCT) || !json_newline(p) ||
                    (object && !json_member_name(p)))
                    return false;
                continue;
            }
        } else if (c == '"') {
            ok = json_string(p, JSON_STRING);
        } else if (c == '-' || ascii_is_digit(c)) {
            ok = json_number(p);
        } else {
            ok = json_literal(p);
        }
        if (!ok)
            return false;

        /* After a value: close levels until a comma starts the next value,
         * or the outermost level closes and only whitespace may follow. */
        for (;;) {
            bool object;

            json_skip_space(p);
            if (p->depth == 0)
                return p->pos == p->len;
            if (p->pos == p->len)
                return false;
            c = p->in[p->pos++];
            object = json_is_object(p);
            if (c == ',') {
                if (!json_put(p, ",", 1, JSON_PUNCT) || !json_newline(p))
                    return false;
                json_skip_space(p);
                if (object && !json_member_name(p))
                    return false;
                break;
            }
            if (c != (object ? '}' : ']'))
                return false;
            p->depth--;
            if (!json_newline(p) || !json_put(p, &c, 1, JSON_PUNCT))
                return false;
        }
    }
}

/* A result usually lives as long as its message, so give back what the
 * doubling left unused when that is a lot. Shrinking cannot fail in a way
 * that matters: on failure the larger block is simply kept. */
static void json_trim(struct json_pretty *o)
{
    if (o->cap - o->len - 1 > o->len / 4 + 4096) {
        char *text = realloc(o->text, o->len + 1);

        if (text != NULL) {
            o->text = text;
            o->cap = o->len + 1;
        }
    }
    if (o->span_cap - o->span_count > o->span_count / 4 + 256) {
        struct json_span *spans =
            realloc(o->spans, o->span_count * sizeof *spans);

        if (spans != NULL) {
            o->spans = spans;
            o->span_cap = o->span_count;
        }
    }
}

bool json_pretty(const char *in, size_t len, struct json_pretty *out)
{
    struct json_parser p = {.in = (const unsigned char *)in, .len = len};

    assert(in != NULL || len == 0);
    assert(out != NULL);
    p.out = out;
    p.limit = out->limit ? out->limit : JSON_PRETTY_LIMIT;
    /* Span offsets are 32 bits, and the text keeps a NUL after it. */
    if (p.limit > UINT32_MAX - 1)
        p.limit = UINT32_MAX - 1;
    out->len = 0;
    out->span_count = 0;
    if (!json_parse(&p)) {
        /* Not kept for reuse: the failed attempt may have grown the text
         * to the limit, and a caller that shows the message raw should not
         * have to remember to free anything. */
        json_pretty_free(out);
        return false;
    }
    out->text[out->len] = '\0'; /* a document is never empty */
    json_trim(out);
    return true;
}

void json_pretty_free(struct json_pretty *p)
{
    size_t limit = p->limit;

    free(p->text);
    free(p->spans);
    *p = (struct json_pretty){.limit = limit};
}

bool json_is_document(const char *in, size_t len)
{
    struct json_parser p = {.in = (const unsigned char *)in, .len = len};

    assert(in != NULL || len == 0);
    return json_parse(&p);
}
