/* SPDX-License-Identifier: MIT */
/* fuzz_json: the recogniser and the pretty printer on arbitrary bytes.
 * - json_is_document and json_pretty agree on every input.
 * - The pretty text changes only whitespace: with the whitespace outside
 *   strings taken out, it is the input with the same taken out.
 * - The pretty text is itself a document, and laying it out again gives
 *   the same text and the same spans.
 * - The spans are in order, inside the text, of a known kind, and every
 *   byte they leave out is a space or a newline; no line ends in a space
 *   and the text does not end in a newline.
 * - With a limit, the result is the same text when it fits and a failure
 *   with every field zeroed but the limit when it does not; a struct that
 *   holds an earlier result is reused. */
#include "fuzz.h"
#include "json.h"

#include <stdbool.h>
#include <string.h>

/* s without the whitespace outside strings. */
static size_t compact(const char *s, size_t len, char *out)
{
    bool in_string = false, escaped = false;
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        char c = s[i];

        if (in_string) {
            out[n++] = c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            out[n++] = c;
            in_string = c == '"';
        }
    }
    return n;
}

static bool zeroed(const struct json_pretty *p)
{
    return p->text == NULL && p->len == 0 && p->cap == 0 && p->spans == NULL &&
           p->span_count == 0 && p->span_cap == 0;
}

static void check_layout(const struct json_pretty *p)
{
    size_t covered = 0; /* end of the last span */

    FUZZ_CHECK(p->text != NULL && p->text[p->len] == '\0' && strlen(p->text) == p->len);
    FUZZ_CHECK(p->len > 0 && p->text[p->len - 1] != '\n');
    for (size_t i = 0; i + 1 < p->len; i++)
        FUZZ_CHECK(!(p->text[i] == ' ' && p->text[i + 1] == '\n'));
    for (size_t k = 0; k < p->span_count; k++) {
        const struct json_span *s = &p->spans[k];

        FUZZ_CHECK(s->len > 0 && s->start >= covered && s->start + s->len <= p->len);
        FUZZ_CHECK(s->kind <= JSON_LITERAL);
        for (size_t i = covered; i < s->start; i++)
            FUZZ_CHECK(p->text[i] == ' ' || p->text[i] == '\n');
        covered = s->start + s->len;
    }
    for (size_t i = covered; i < p->len; i++)
        FUZZ_CHECK(p->text[i] == ' ' || p->text[i] == '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    struct json_pretty p = {0}, again = {0}, limited = {0};
    bool is = json_is_document(in, size);
    bool ok = json_pretty(in, size, &p);

    FUZZ_CHECK(ok == is);
    if (!ok) {
        FUZZ_CHECK(zeroed(&p));
        return 0;
    }
    check_layout(&p);
    {
        char *a = malloc(size + 1), *b = malloc(p.len + 1);
        size_t an, bn;

        FUZZ_CHECK(a != NULL && b != NULL);
        an = compact(in, size, a);
        bn = compact(p.text, p.len, b);
        FUZZ_CHECK(an == bn && memcmp(a, b, an) == 0);
        free(a);
        free(b);
    }

    /* The struct first holds the layout of a prefix (a document or not),
     * then is reused for the layout of the pretty text. */
    (void)json_pretty(in, size / 2, &again);
    FUZZ_CHECK(json_is_document(p.text, p.len));
    FUZZ_CHECK(json_pretty(p.text, p.len, &again));
    FUZZ_CHECK(again.len == p.len && memcmp(again.text, p.text, p.len) == 0);
    FUZZ_CHECK(again.span_count == p.span_count);
    for (size_t k = 0; k < p.span_count; k++)
        FUZZ_CHECK(again.spans[k].start == p.spans[k].start &&
                   again.spans[k].len == p.spans[k].len && again.spans[k].kind == p.spans[k].kind);

    /* A limit somewhere around the real length. */
    limited.limit = p.len - p.len / 4 + (size > 0 ? data[0] % 64 : 0);
    if (json_pretty(in, size, &limited)) {
        FUZZ_CHECK(p.len <= limited.limit);
        FUZZ_CHECK(limited.len == p.len && memcmp(limited.text, p.text, p.len) == 0);
        json_pretty_free(&limited);
    } else {
        FUZZ_CHECK(p.len > limited.limit);
    }
    FUZZ_CHECK(zeroed(&limited) && limited.limit == p.len - p.len / 4 + (size > 0 ? data[0] % 64 : 0));

    json_pretty_free(&again);
    json_pretty_free(&p);
    FUZZ_CHECK(zeroed(&p));
    return 0;
}
