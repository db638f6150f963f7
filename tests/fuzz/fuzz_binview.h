/* SPDX-License-Identifier: MIT */
/* fuzz_binview.h: what fuzz_msgpack and fuzz_cbor check, each for its own
 * format's decoder path (binview.c) and encoder (binenc.c):
 * - binview_is and binview_write (with no limit) accept the same inputs,
 *   and binview_detect names a format whenever one accepts;
 * - an accepted input is one whole item: neither a byte less nor a byte
 *   more is accepted (both formats are prefix-free);
 * - the pretty text is valid UTF-8, NUL-terminated with no NUL inside, its
 *   spans in order, inside it and of a known kind;
 * - with a small limit, writing fails or gives the same text;
 * - the same bytes read as JSON: when binenc encodes them, the encoding is
 *   accepted by the decoder whenever the JSON is a non-empty object or
 *   array, and lays out as the same text as json_pretty's when the JSON
 *   is written as json_pretty writes it and has no floats, no escapes, no
 *   DEL (which the viewer escapes) and no -0 (sent as 0). */
#ifndef PONTE_FUZZ_BINVIEW_H
#define PONTE_FUZZ_BINVIEW_H

#include "binenc.h"
#include "binview.h"
#include "fuzz.h"
#include "json.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

static void fuzz_binview_text(const struct json_pretty *p)
{
    size_t covered = 0;

    FUZZ_CHECK(p->text != NULL && p->text[p->len] == '\0' && strlen(p->text) == p->len);
    FUZZ_CHECK(utf8_valid(p->text, p->len));
    for (size_t k = 0; k < p->span_count; k++) {
        const struct json_span *s = &p->spans[k];

        FUZZ_CHECK(s->len > 0 && s->start >= covered && s->start + s->len <= p->len);
        FUZZ_CHECK(s->kind <= JSON_LITERAL);
        covered = s->start + s->len;
    }
}

/* The JSON side: data as JSON text, encoded, decoded again. */
static void fuzz_binview_encode(enum binview_format f, const char *in, size_t size)
{
    char *out = NULL;
    size_t len = 0;
    struct binenc_error err;

    if (!binenc_from_json(f, in, size, &out, &len, &err)) {
        FUZZ_CHECK(out == NULL && err.fault != BINENC_OK && err.offset <= size && err.offset + err.length <= size);
        return;
    }
    FUZZ_CHECK(out != NULL && len > 0 && err.fault == BINENC_OK);
    /* A non-empty object or array (the viewer's rule) decodes again. */
    size_t i = 0;
    while (i < size && (in[i] == ' ' || in[i] == '\t' || in[i] == '\n' || in[i] == '\r'))
        i++;
    size_t j = i + 1;
    while (j < size && (in[j] == ' ' || in[j] == '\t' || in[j] == '\n' || in[j] == '\r'))
        j++;
    bool container = i < size && (in[i] == '{' || in[i] == '[');
    bool empty = container && j < size && (in[j] == '}' || in[j] == ']');
    bool bom = size >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3);
    if (container && !empty && !bom) {
        struct json_pretty p = {0}, expected = {0};

        FUZZ_CHECK(binview_is(f, out, len));
        FUZZ_CHECK(binview_write(f, out, len, &p));
        json_pretty_finish(&p);
        fuzz_binview_text(&p);
        /* Without floats (written another way) and with the text already
         * in json_pretty's layout, the same text. */
        if (memchr(in, '.', size) == NULL && memchr(in, 'e', size) == NULL && memchr(in, 'E', size) == NULL &&
            json_pretty(in, size, &expected) && expected.len == size && !memcmp(expected.text, in, size) &&
            memchr(in, '\\', size) == NULL && memchr(in, 0x7f, size) == NULL && strstr(expected.text, "-0") == NULL)
            FUZZ_CHECK(p.len == expected.len && !memcmp(p.text, expected.text, p.len));
        json_pretty_free(&p);
        json_pretty_free(&expected);
    }
    free(out);
}

static int fuzz_binview(enum binview_format f, const uint8_t *data, size_t size)
{
    struct json_pretty p = {0}, limited = {.limit = 64};
    bool is = binview_is(f, data, size);
    bool written = binview_write(f, data, size, &p);

    FUZZ_CHECK(is == written);
    if (is) {
        FUZZ_CHECK(binview_detect(data, size) != BINVIEW_NONE);
        FUZZ_CHECK(!binview_is(f, data, size - 1));
        uint8_t *more = malloc(size + 1);
        FUZZ_CHECK(more != NULL);
        memcpy(more, data, size);
        more[size] = 0;
        FUZZ_CHECK(!binview_is(f, more, size + 1));
        free(more);
        json_pretty_finish(&p);
        fuzz_binview_text(&p);
        if (binview_write(f, data, size, &limited)) {
            json_pretty_finish(&limited);
            FUZZ_CHECK(limited.len == p.len && !memcmp(limited.text, p.text, p.len));
        }
    }
    json_pretty_free(&p);
    json_pretty_free(&limited);
    fuzz_binview_encode(f, (const char *)data, size);
    return 0;
}

#endif
