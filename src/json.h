/* SPDX-License-Identifier: MIT */
/* json: decides whether a received text message is a JSON document and lays
 * it out for reading, with spans that say how to colour each token.
 *
 * Acceptance is RFC 8259, strict, plus three choices of our own:
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
 * strings behave unpredictably); we never decode escapes, we show them as
 * written, so the lone half can do no harm here. Duplicate keys are accepted
 * (the RFC says SHOULD be unique) and numbers of any size are accepted: both
 * are only shown, never used.
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
 * Time and memory are linear in the input; nothing here allocates except
 * json_pretty's output. Pure: libc only, no SDL, safe on any thread that
 * owns its struct json_pretty. */
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

/* Same acceptance as json_pretty, without producing anything (so neither the
 * limit nor memory can make it fail). */
bool json_is_document(const char *in, size_t len);

#endif
