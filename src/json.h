/* SPDX-License-Identifier: MIT */
/* json: Ponte's one JSON module. It reads, in two ways, and writes:
 * - json_pretty / json_is_document decide whether a received text message
 *   is a JSON document and lay it out for reading, with spans that say how
 *   to colour each token (the message list);
 * - the value reader (json_reader) walks a document with callbacks, decodes
 *   its strings and names the line and column of the first error (the saved
 *   messages file, saved.c);
 * - json_buffer and json_escape_append build JSON text (the transcript and
 *   the saved messages file).
 * Both readers share one lexical grammar (json.c), so they cannot disagree
 * on what a string or a number is.
 *
 * Layout acceptance is RFC 8259, strict, plus three choices of our own:
 * - Only an object or an array counts. A bare scalar ("42", "true", "\"hi\"")
 *   is valid JSON, but a one-word chat message shown as a coloured number
 *   would be noise, not help.
 * - At most JSON_MAX_DEPTH nested objects and arrays. The parser keeps its
 *   own small stack, so a hostile `[[[[...` costs no C stack at any depth;
 *   the limit only keeps the indentation readable and the output bounded.
 * - A byte order mark is not whitespace: a message that starts with one is
 *   shown raw.
 * Strings must be valid UTF-8 (RFC 3629: no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF) with no raw control characters. A \u
 * escape naming a lone or mismatched UTF-16 surrogate ("\uD800") is accepted,
 * because the RFC's grammar accepts it (section 8.2 only warns that such
 * strings behave unpredictably); the layout never decodes escapes, it shows
 * them as written, so the lone half can do no harm there (the value reader
 * decodes it as U+FFFD). Duplicate keys are accepted (the RFC says SHOULD be
 * unique) and numbers of any size are accepted: both are only shown, never
 * used.
 *
 * The layout copies every token exactly as written (numbers keep their
 * digits, strings keep their escapes) and only changes whitespace: 2 spaces
 * of indent per level, one member or element per line, `"key": value`, empty
 * `{}` and `[]` kept on one line, no newline at the end. For example
 *   {"a":[1,true],"b":{}}
 * becomes
 *   {
 *     "a": [
 *       1,
 *       true
 *     ],
 *     "b": {}
 *   }
 *
 * Time and memory are linear in the input. Pure: libc and utf8.c only, no
 * SDL, safe on any thread that owns its structs. */
#ifndef PONTE_JSON_H
#define PONTE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 256
/* Default cap on the pretty text. Indentation can make the text far larger
 * than the message (an element 256 levels deep costs 512 bytes of indent),
 * so a hostile message could otherwise ask for gigabytes. 128 MiB leaves
 * room for any plausible layout of a 16 MiB message. */
#define JSON_PRETTY_LIMIT ((size_t)128 << 20)

enum json_kind {
    JSON_PUNCT,   /* { } [ ] , : (neighbours on one line share a span) */
    JSON_KEY,     /* a member name, with its quotes */
    JSON_STRING,  /* a string value, with its quotes */
    JSON_NUMBER,
    JSON_LITERAL, /* true, false, null */
};

/* One token of the pretty text: text[start .. start + len). */
struct json_span {
    uint32_t start, len;
    uint8_t kind; /* enum json_kind */
};

/* Start zeroed (limit may be set). A struct that holds an earlier result may
 * be passed again: its buffers are reused. */
struct json_pretty {
    size_t limit;    /* in: most bytes of text to produce; 0: JSON_PRETTY_LIMIT */
    char *text;      /* NUL-terminated after a true result */
    size_t len, cap; /* len excludes the NUL */
    struct json_span *spans; /* in order, not overlapping, covering every
                                token; whitespace between tokens has none */
    size_t span_count, span_cap;
};

/* True when in[0..len) is one JSON object or array (see above), and out then
 * holds its pretty text and spans, to be released with json_pretty_free.
 * False when it is not, when it is nested too deep, when the text would
 * exceed the limit or when memory runs out; out's buffers are then already
 * freed and every field but limit is zero. */
bool json_pretty(const char *in, size_t len, struct json_pretty *out);

/* Frees the buffers and zeroes every field but limit. */
void json_pretty_free(struct json_pretty *p);

/* Writing a pretty text from another reader (binview.c: MessagePack and
 * CBOR shown as JSON). Start with a zeroed struct (limit may be set); each
 * call is false, and adds nothing, when the text would pass the limit or
 * memory runs out. json_pretty_token adds s[0..n) as one token of kind
 * (neighbouring JSON_PUNCT tokens share a span); json_pretty_layout adds
 * text without a span (spaces, a heading); json_pretty_newline ends the line
 * and indents the next one by 2 * depth spaces. json_pretty_finish
 * NUL-terminates the text (when there is one) and gives back unused room. */
bool json_pretty_token(struct json_pretty *o, const void *s, size_t n, enum json_kind kind);
bool json_pretty_layout(struct json_pretty *o, const char *s, size_t n);
bool json_pretty_newline(struct json_pretty *o, unsigned depth);
void json_pretty_finish(struct json_pretty *o);

/* Same acceptance as json_pretty, without producing anything (so neither the
 * limit nor memory can make it fail). */
bool json_is_document(const char *in, size_t len);

/* ---- writing ------------------------------------------------------------ */

/* A growing text buffer, NUL-terminated once anything is in it (data is
 * NULL until then). Start zeroed. */
struct json_buffer {
    char *data;
    size_t len, cap; /* len excludes the NUL */
};

/* Room for extra more bytes and the NUL. False when memory runs out. */
bool json_buffer_reserve(struct json_buffer *b, size_t extra);
/* Appends s[0..n) (or the string s) as it is. False when memory runs out. */
bool json_buffer_append(struct json_buffer *b, const char *s, size_t n);
bool json_buffer_append_text(struct json_buffer *b, const char *s);
void json_buffer_free(struct json_buffer *b);

/* Appends the RFC 8259 escaped form of s[0..len) (without quotes): the quote,
 * the backslash, control characters and DEL escaped, invalid UTF-8 as
 * U+FFFD, everything else as it is. False when memory runs out (b then as it
 * was). */
bool json_escape_append(struct json_buffer *b, const char *s, size_t len);

/* ---- reading values ----------------------------------------------------- */

/* A document read value by value, strict RFC 8259 but for a UTF-8 byte order
 * mark at the start, which is skipped (editors write one). The caller walks
 * it with json_read_object / json_read_array and their callbacks, which
 * read each value with json_read_string or skip it with json_skip_value.
 * The first error is kept, worded for a person and prefixed with where it
 * is: "line 3, column 14: ',' or '}' expected" (lines and columns count from
 * 1, columns in characters). Every read returns false once anything failed. */
#define JSON_READ_MAX_DEPTH 64  /* nested objects and arrays */
#define JSON_READ_MAX_KEY 4096  /* bytes of a member name */

struct json_reader {
    const char *s;
    size_t len, pos; /* pos: the next byte to read */
    size_t key_len;  /* in a member callback: its name's length (a \u0000 in it ends the C string early) */
    char *err;       /* the first error, errlen bytes at most */
    size_t errlen;
    bool failed;
};

void json_reader_init(struct json_reader *r, const char *s, size_t len, char *err, size_t errlen);

/* Records an error at r->pos (only the first one counts); returns false.
 * A caller may set r->pos first to point at what is wrong. */
bool json_reader_fail(struct json_reader *r, const char *fmt, ...);

/* The line and column of r->pos, as an error names them. */
void json_reader_where(const struct json_reader *r, size_t *line, size_t *column);

/* Skips whitespace. */
void json_reader_space(struct json_reader *r);
/* Whether the next byte after whitespace is c (which is not consumed). */
bool json_reader_peek(struct json_reader *r, char c);

/* The string value next (after whitespace), decoded into b as UTF-8 and
 * NUL-terminated: escapes resolved, a surrogate pair as its code point, a
 * lone surrogate as U+FFFD. More than max bytes is an error. b NULL: the
 * string is checked and skipped. */
bool json_read_string(struct json_reader *r, struct json_buffer *b, size_t max);

/* An object (next, after whitespace): member is called for each key with
 * r at its value, which it must read; NULL skips every value. depth counts
 * the levels this one is in (1 for the outermost): deeper than
 * JSON_READ_MAX_DEPTH is an error. */
typedef bool (*json_member_fn)(struct json_reader *r, const char *key, void *user, int depth);
bool json_read_object(struct json_reader *r, json_member_fn member, void *user, int depth);

/* An array, each element read by element (NULL skips them). */
typedef bool (*json_element_fn)(struct json_reader *r, void *user, int depth);
bool json_read_array(struct json_reader *r, json_element_fn element, void *user, int depth);

/* Checks and skips any value. */
bool json_skip_value(struct json_reader *r, int depth);

/* Only whitespace may follow the document. */
bool json_read_end(struct json_reader *r);

#endif
