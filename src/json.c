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
#include "grow.h"
#include "i18n.h"
#include "utf8.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
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

static bool json_is_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* ---- the lexical grammar, shared by the layout and the reader ---------- */

static void json_buffer_terminate(struct json_buffer *b)
{
    b->data[b->len] = '\0';
}

/* What can be wrong with a string, and where json_scan_string then stops. */
enum json_string_fault {
    JSON_STRING_FINE,
    JSON_STRING_UNTERMINATED, /* the input ends inside it (at the end) */
    JSON_STRING_CONTROL,      /* a raw control character (at it) */
    JSON_STRING_UTF8,         /* not valid UTF-8 (at the run that holds it) */
    JSON_STRING_ESCAPE,       /* an unknown escape (at its backslash) */
    JSON_STRING_HEX,          /* \u without four hex digits (at the digits) */
    JSON_STRING_LONG,         /* decoded, longer than max */
    JSON_STRING_MEMORY,
};

/* The four hex digits at s[0..4) (len bytes there), or -1. */
static long json_hex4(const unsigned char *s, size_t len)
{
    long v = 0;

    if (len < 4)
        return -1;
    for (int k = 0; k < 4; k++) {
        int d = ascii_hex_value(s[k]);

        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

static bool json_decoded(struct json_buffer *out, size_t max, const void *s, size_t n,
                         enum json_string_fault *fault)
{
    if (out == NULL || n == 0)
        return true;
    if (n > max - out->len)
        *fault = JSON_STRING_LONG;
    else if (!json_buffer_append(out, s, n))
        *fault = JSON_STRING_MEMORY;
    else
        return true;
    return false;
}

/* Scans the string whose opening quote is at in[*at]: RFC 8259's grammar,
 * with raw bytes valid UTF-8. When out is not NULL it receives the decoded
 * value (NUL-terminated, at most max bytes), escapes resolved: a surrogate
 * pair as its code point, a lone surrogate as U+FFFD. Returns the fault,
 * with *at past the closing quote when there is none, else where it is. */
static enum json_string_fault json_scan_string(const unsigned char *in, size_t len, size_t *at,
                                               struct json_buffer *out, size_t max)
{
    enum json_string_fault fault = JSON_STRING_FINE;
    size_t i = *at + 1, run = i;

    if (out != NULL) {
        out->len = 0;
        if (!json_buffer_reserve(out, 0))
            return JSON_STRING_MEMORY;
        json_buffer_terminate(out);
    }
    for (;;) {
        unsigned char c;
        long cp;

        while (i < len && json_plain[in[i]])
            i++;
        if (i < len && in[i] >= 0x80) {
            size_t n = utf8_unit_length((const char *)in + i, len - i);

            if (n == 0) {
                *at = run;
                return JSON_STRING_UTF8;
            }
            i += n;
            continue;
        }
        /* The run of bytes as they are ends here. */
        if (!json_decoded(out, max, in + run, i - run, &fault))
            break;
        if (i == len) {
            fault = JSON_STRING_UNTERMINATED;
            break;
        }
        c = in[i];
        if (c == '"') {
            i++;
            break;
        }
        if (c != '\\') {
            fault = JSON_STRING_CONTROL;
            break;
        }
        if (i + 1 == len) {
            i = len;
            fault = JSON_STRING_UNTERMINATED;
            break;
        }
        const char *simple = strchr("\"\\/bfnrt", in[i + 1]);
        if (simple != NULL && in[i + 1] != '\0') {
            static const char decoded[] = "\"\\/\b\f\n\r\t";

            i += 2;
            run = i;
            if (!json_decoded(out, max, &decoded[simple - "\"\\/bfnrt"], 1, &fault))
                break;
            continue;
        }
        if (in[i + 1] != 'u') {
            fault = JSON_STRING_ESCAPE;
            break;
        }
        i += 2;
        if ((cp = json_hex4(in + i, len - i)) < 0) {
            fault = JSON_STRING_HEX;
            break;
        }
        i += 4;
        run = i;
        if (out == NULL)
            continue;
        if (cp >= 0xD800 && cp <= 0xDBFF && len - i >= 6 && in[i] == '\\' && in[i + 1] == 'u') {
            long low = json_hex4(in + i + 2, len - i - 2);

            if (low < 0) {
                i += 2;
                fault = JSON_STRING_HEX;
                break;
            }
            if (low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
                run = i;
            } /* else the high one stands alone */
        }
        char enc[4];
        if (!json_decoded(out, max, enc, utf8_encode((uint32_t)cp, enc), &fault))
            break; /* (utf8_encode writes a lone surrogate as U+FFFD) */
    }
    *at = i;
    return fault;
}

/* What can be wrong with a number, and where json_scan_number then stops. */
enum json_number_fault {
    JSON_NUMBER_FINE,
    JSON_NUMBER_NONE,     /* no number, or one with a leading zero (at its start) */
    JSON_NUMBER_FRACTION, /* no digit after the '.' (where one should be) */
    JSON_NUMBER_EXPONENT, /* no digit in the exponent (where one should be) */
};

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? at in[*at]; *at
 * past it, or where the fault is. A digit after a leading 0 ("01") is
 * that number's fault, not what follows it. */
static enum json_number_fault json_scan_number(const unsigned char *in, size_t len, size_t *at)
{
    size_t i = *at;

    if (i < len && in[i] == '-')
        i++;
    if (i == len || !ascii_is_digit(in[i]) ||
        (in[i] == '0' && i + 1 < len && ascii_is_digit(in[i + 1])))
        return JSON_NUMBER_NONE;
    while (i < len && ascii_is_digit(in[i]))
        i++;
    if (i < len && in[i] == '.') {
        if (++i == len || !ascii_is_digit(in[i])) {
            *at = i;
            return JSON_NUMBER_FRACTION;
        }
        while (i < len && ascii_is_digit(in[i]))
            i++;
    }
    if (i < len && (in[i] == 'e' || in[i] == 'E')) {
        if (++i < len && (in[i] == '+' || in[i] == '-'))
            i++;
        if (i == len || !ascii_is_digit(in[i])) {
            *at = i;
            return JSON_NUMBER_EXPONENT;
        }
        while (i < len && ascii_is_digit(in[i]))
            i++;
    }
    *at = i;
    return JSON_NUMBER_FINE;
}

/* ---- the pretty text's writer (also public: binview.c lays out MessagePack
 * and CBOR with it) ------------------------------------------------------ */

/* The most bytes of text o may hold: its limit, and below 4 GiB because
 * span offsets are 32 bits and the text keeps a NUL after it. */
static size_t pretty_limit(const struct json_pretty *o)
{
    size_t limit = o->limit ? o->limit : JSON_PRETTY_LIMIT;

    return limit > UINT32_MAX - 1 ? UINT32_MAX - 1 : limit;
}

/* pretty_reserve when the text buffer must grow; hint: the input's size. */
static bool pretty_grow(struct json_pretty *o, size_t limit, size_t hint, size_t n)
{
    if (n > limit - o->len)
        return false;
    /* Doubling keeps the copying linear overall. The first guess is 1.5
     * times the input: compact JSON often needs a little more (one
     * doubling), already indented JSON about the same; json_trim gives the
     * overshoot back. */
    return grow_max(&o->text, &o->cap, o->len + n + 1, 1, hint + hint / 2 + 64, limit + 1);
}

/* Makes room for n more bytes of text plus the NUL that json_pretty writes
 * once at the end. The limit is checked apart from the capacity because a
 * reused buffer may be larger than this call's limit. */
static bool pretty_reserve(struct json_pretty *o, size_t limit, size_t hint, size_t n)
{
    if (o->cap - o->len > n && n <= limit - o->len)
        return true;
    return pretty_grow(o, limit, hint, n);
}

static bool pretty_add_span(struct json_pretty *o, size_t hint, size_t start, size_t n, enum json_kind kind)
{
    if (kind == JSON_PUNCT && o->span_count > 0) {
        struct json_span *last = &o->spans[o->span_count - 1];

        if (last->kind == JSON_PUNCT && last->start + last->len == start) {
            last->len += (uint32_t)n;
            return true;
        }
    }
    /* Typical JSON has a token every 4 to 8 bytes; doubling covers the
     * rest. */
    if (!grow(&o->spans, &o->span_cap, o->span_count + 1, sizeof *o->spans, hint / 8 + 16))
        return false;
    /* The limit keeps text below 4 GiB, so the casts cannot truncate. */
    o->spans[o->span_count++] = (struct json_span){
        .start = (uint32_t)start, .len = (uint32_t)n, .kind = (uint8_t)kind};
    return true;
}

/* Appends s[0..n) as one token of kind, or (kind < 0) as layout, which has
 * no span. */
static bool pretty_put(struct json_pretty *o, size_t limit, size_t hint, const void *s, size_t n, int kind)
{
    if (!pretty_reserve(o, limit, hint, n) ||
        (kind >= 0 && !pretty_add_span(o, hint, o->len, n, (enum json_kind)kind)))
        return false;
    if (n > 0)
        memcpy(o->text + o->len, s, n);
    o->len += n;
    return true;
}

/* Ends the line and indents the next one to depth. */
static bool pretty_newline(struct json_pretty *o, size_t limit, size_t hint, unsigned depth)
{
    size_t n = 1 + 2 * (size_t)depth;

    if (!pretty_reserve(o, limit, hint, n))
        return false;
    o->text[o->len] = '\n';
    memset(o->text + o->len + 1, ' ', n - 1);
    o->len += n;
    return true;
}

bool json_pretty_token(struct json_pretty *o, const void *s, size_t n, enum json_kind kind)
{
    return pretty_put(o, pretty_limit(o), 0, s, n, (int)kind);
}

bool json_pretty_layout(struct json_pretty *o, const char *s, size_t n)
{
    return pretty_put(o, pretty_limit(o), 0, s, n, -1);
}

bool json_pretty_newline(struct json_pretty *o, unsigned depth)
{
    return pretty_newline(o, pretty_limit(o), 0, depth);
}

/* ---- the layout ---------------------------------------------------------- */

static void json_skip_space(struct json_parser *p)
{
    while (p->pos < p->len && json_is_space(p->in[p->pos]))
        p->pos++;
}

/* Appends s[0..n) as one token. */
static bool json_put(struct json_parser *p, const void *s, size_t n,
                     enum json_kind kind)
{
    return p->out == NULL || pretty_put(p->out, p->limit, p->len, s, n, (int)kind);
}

/* Ends the line and indents the next one to the current depth. */
static bool json_newline(struct json_parser *p)
{
    return p->out == NULL || pretty_newline(p->out, p->limit, p->len, p->depth);
}

static bool json_is_object(const struct json_parser *p)
{
    unsigned d = p->depth - 1;

    return p->objects[d / 8] >> (d % 8) & 1;
}

/* The string at p->pos (its opening quote), emitted as kind. */
static bool json_string(struct json_parser *p, enum json_kind kind)
{
    size_t end = p->pos;

    if (json_scan_string(p->in, p->len, &end, NULL, 0) != JSON_STRING_FINE ||
        !json_put(p, p->in + p->pos, end - p->pos, kind))
        return false;
    p->pos = end;
    return true;
}

static bool json_number(struct json_parser *p)
{
    size_t end = p->pos;

    if (json_scan_number(p->in, p->len, &end) != JSON_NUMBER_FINE ||
        !json_put(p, p->in + p->pos, end - p->pos, JSON_NUMBER))
        return false;
    p->pos = end;
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
    /* The space is layout, not a token: no span. */
    if (p->out != NULL && !pretty_put(p->out, p->limit, p->len, " ", 1, -1))
        return false;
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
    p.limit = pretty_limit(out);
    out->len = 0;
    out->span_count = 0;
    if (!json_parse(&p)) {
        /* Not kept for reuse: the failed attempt may have grown the text
         * to the limit, and a caller that shows the message raw should not
         * have to remember to free anything. */
        json_pretty_free(out);
        return false;
    }
    json_pretty_finish(out); /* a document is never empty */
    return true;
}

void json_pretty_finish(struct json_pretty *o)
{
    if (o->text == NULL)
        return;
    o->text[o->len] = '\0';
    json_trim(o);
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

/* ---- writing: the growing buffer and string escapes ------------------- */

bool json_buffer_reserve(struct json_buffer *b, size_t extra)
{
    if (extra >= SIZE_MAX - b->len)
        return false;
    return grow(&b->data, &b->cap, b->len + extra + 1, 1, 64);
}

bool json_buffer_append(struct json_buffer *b, const char *s, size_t n)
{
    if (!json_buffer_reserve(b, n))
        return false;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    json_buffer_terminate(b);
    return true;
}

bool json_buffer_append_text(struct json_buffer *b, const char *s)
{
    return json_buffer_append(b, s, strlen(s));
}

void json_buffer_free(struct json_buffer *b)
{
    free(b->data);
    *b = (struct json_buffer){0};
}

/* Bytes that go out unchanged: printable ASCII but the quote and the
 * backslash. DEL is left out too: it is legal in a JSON string, but a raw
 * DEL is invisible in a terminal or editor, and \u007f is not. */
static bool json_is_plain_out(unsigned char c)
{
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

bool json_escape_append(struct json_buffer *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t start = b->len; /* to undo a partial append */
    size_t i = 0;

    if (!json_buffer_reserve(b, 0))
        return false;
    json_buffer_terminate(b);
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        char escape[6] = {'\\', 0, 0, 0, 0, 0};
        size_t n = 2;
        size_t run = i;

        while (run < len && json_is_plain_out((unsigned char)s[run]))
            run++;
        if (run > i) {
            if (!json_buffer_append(b, s + i, run - i))
                goto fail;
            i = run;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            size_t step = utf8_decode(s + i, len - i, &cp);

            /* A valid U+FFFD and a replaced subpart both come out as the
             * three bytes of U+FFFD; anything else valid is copied as is. */
            if (cp == UTF8_REPLACEMENT) {
                if (!json_buffer_append(b, "\xEF\xBF\xBD", 3))
                    goto fail;
            } else if (!json_buffer_append(b, s + i, step)) {
                goto fail;
            }
            i += step;
            continue;
        }
        switch (c) {
        case '"': escape[1] = '"'; break;
        case '\\': escape[1] = '\\'; break;
        case '\b': escape[1] = 'b'; break;
        case '\f': escape[1] = 'f'; break;
        case '\n': escape[1] = 'n'; break;
        case '\r': escape[1] = 'r'; break;
        case '\t': escape[1] = 't'; break;
        default: /* other C0 controls, NUL among them, and DEL */
            escape[1] = 'u';
            escape[2] = '0';
            escape[3] = '0';
            escape[4] = hex[c >> 4];
            escape[5] = hex[c & 0xF];
            n = 6;
            break;
        }
        if (!json_buffer_append(b, escape, n))
            goto fail;
        i++;
    }
    return true;

fail:
    b->len = start;
    json_buffer_terminate(b);
    return false;
}

/* ---- reading values ---------------------------------------------------- */

void json_reader_init(struct json_reader *r, const char *s, size_t len, char *err, size_t errlen)
{
    *r = (struct json_reader){.s = s, .len = len, .err = err, .errlen = errlen};
    if (errlen)
        err[0] = '\0';
    /* A UTF-8 byte order mark, as some editors write. */
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
}

void json_reader_where(const struct json_reader *r, size_t *line, size_t *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < r->pos && i < r->len; i = utf8_next(r->s, r->len, i)) {
        if (r->s[i] == '\n') {
            ++*line;
            *column = 1;
        } else {
            ++*column;
        }
    }
}

bool json_reader_fail(struct json_reader *r, const char *fmt, ...)
{
    size_t line, column;
    int k;

    if (r->failed)
        return false;
    r->failed = true;
    json_reader_where(r, &line, &column);
    /* In the person's language: every reason given here is marked N_() and
     * translated as a whole, its conversions kept (po_check.py checks). */
    k = snprintf(r->err, r->errlen, tr_msgid(N_("line %zu, column %zu: ")), line, column);
    if (k >= 0 && (size_t)k < r->errlen) {
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(r->err + k, r->errlen - (size_t)k, tr_msgid(fmt), ap);
        va_end(ap);
    }
    return false;
}

void json_reader_space(struct json_reader *r)
{
    while (r->pos < r->len && json_is_space((unsigned char)r->s[r->pos]))
        r->pos++;
}

bool json_reader_peek(struct json_reader *r, char c)
{
    json_reader_space(r);
    return r->pos < r->len && r->s[r->pos] == c;
}

/* c (after whitespace), or the error: "',' or c expected" when what came
 * before was a member or an element, else "c expected". */
static bool json_reader_expect(struct json_reader *r, char c, bool after_item)
{
    if (json_reader_peek(r, c)) {
        r->pos++;
        return true;
    }
    if (r->pos >= r->len)
        return json_reader_fail(r, N_("the file ends where '%c' was expected"), c);
    return after_item ? json_reader_fail(r, N_("',' or '%c' expected"), c) : json_reader_fail(r, N_("'%c' expected"), c);
}

bool json_read_string(struct json_reader *r, struct json_buffer *b, size_t max)
{
    enum json_string_fault fault;
    size_t at;

    if (!json_reader_expect(r, '"', false))
        return false;
    at = --r->pos;
    fault = json_scan_string((const unsigned char *)r->s, r->len, &at, b, max);
    r->pos = at;
    switch (fault) {
    case JSON_STRING_FINE: return true;
    case JSON_STRING_UNTERMINATED: return json_reader_fail(r, N_("the file ends inside a string"));
    case JSON_STRING_CONTROL:
        return json_reader_fail(r, N_("a control character inside a string (write it as an escape)"));
    case JSON_STRING_UTF8: return json_reader_fail(r, N_("a string that is not valid UTF-8"));
    case JSON_STRING_ESCAPE: return json_reader_fail(r, N_("an unknown escape \\%c"), r->s[at + 1]);
    case JSON_STRING_HEX: return json_reader_fail(r, N_("a \\u escape needs four hex digits"));
    case JSON_STRING_LONG: return json_reader_fail(r, N_("a string longer than %zu bytes"), max);
    case JSON_STRING_MEMORY: break;
    }
    return json_reader_fail(r, N_("out of memory"));
}

static bool json_read_number(struct json_reader *r)
{
    size_t at = r->pos;

    switch (json_scan_number((const unsigned char *)r->s, r->len, &at)) {
    case JSON_NUMBER_FINE:
        r->pos = at;
        return true;
    case JSON_NUMBER_NONE: return json_reader_fail(r, N_("a value expected"));
    case JSON_NUMBER_FRACTION:
        r->pos = at;
        return json_reader_fail(r, N_("a digit expected after '.'"));
    case JSON_NUMBER_EXPONENT: break;
    }
    r->pos = at;
    return json_reader_fail(r, N_("a digit expected in the exponent"));
}

static bool json_read_literal(struct json_reader *r, const char *word)
{
    size_t n = strlen(word);

    if (r->len - r->pos >= n && memcmp(r->s + r->pos, word, n) == 0) {
        r->pos += n;
        return true;
    }
    return json_reader_fail(r, N_("a value expected"));
}

/* Consumes c when it comes next (after whitespace). */
static bool json_reader_take(struct json_reader *r, char c)
{
    if (!json_reader_peek(r, c))
        return false;
    r->pos++;
    return true;
}

/* The open of an object or an array at depth: false on an error; *done
 * when it closes at once. */
static bool json_reader_open(struct json_reader *r, char open, char close, int depth, bool *done)
{
    if (depth > JSON_READ_MAX_DEPTH)
        return json_reader_fail(r, N_("nested deeper than %d levels"), JSON_READ_MAX_DEPTH);
    if (!json_reader_expect(r, open, false))
        return false;
    *done = json_reader_take(r, close);
    return true;
}

/* After a member or an element: a comma (another follows) or close (*done).
 * False on an error. */
static bool json_reader_next(struct json_reader *r, char close, bool *done)
{
    *done = !json_reader_take(r, ',');
    return !*done || json_reader_expect(r, close, true);
}

bool json_read_object(struct json_reader *r, json_member_fn member, void *user, int depth)
{
    struct json_buffer key = {0};
    bool done, ok = json_reader_open(r, '{', '}', depth, &done);

    while (ok && !done) {
        if (!json_reader_peek(r, '"'))
            ok = json_reader_fail(r, N_("a member name (in double quotes) expected"));
        else
            ok = json_read_string(r, &key, JSON_READ_MAX_KEY) && json_reader_expect(r, ':', false) &&
                 (r->key_len = key.len, true) && (member ? member(r, key.data, user, depth + 1) : json_skip_value(r, depth + 1)) &&
                 json_reader_next(r, '}', &done);
    }
    json_buffer_free(&key);
    return ok;
}

bool json_read_array(struct json_reader *r, json_element_fn element, void *user, int depth)
{
    bool done, ok = json_reader_open(r, '[', ']', depth, &done);

    while (ok && !done)
        ok = (element ? element(r, user, depth + 1) : json_skip_value(r, depth + 1)) &&
             json_reader_next(r, ']', &done);
    return ok;
}

bool json_skip_value(struct json_reader *r, int depth)
{
    json_reader_space(r);
    if (r->pos >= r->len)
        return json_reader_fail(r, N_("the file ends where a value was expected"));
    switch (r->s[r->pos]) {
    case '{': return json_read_object(r, NULL, NULL, depth);
    case '[': return json_read_array(r, NULL, NULL, depth);
    case '"': return json_read_string(r, NULL, SIZE_MAX);
    case 't': return json_read_literal(r, "true");
    case 'f': return json_read_literal(r, "false");
    case 'n': return json_read_literal(r, "null");
    default: return json_read_number(r);
    }
}

bool json_read_end(struct json_reader *r)
{
    json_reader_space(r);
    return r->pos == r->len || json_reader_fail(r, N_("more after the end of the document"));
}
