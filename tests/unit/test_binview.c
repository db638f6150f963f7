/* SPDX-License-Identifier: MIT */
/* binview and binenc: MessagePack and CBOR laid out as JSON, and JSON
 * encoded as either (round trips through both). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binenc.h"
#include "binview.h"
#include "check.h"
#include "display.h"
#include "i18n.h"
#include "json.h"

/* Bytes from hex digits ("82 a1 61"), into out; returns the count. */
static size_t bytes(const char *hex, unsigned char *out)
{
    size_t n = 0;
    unsigned v;
    int used;
    while (sscanf(hex, " %2x%n", &v, &used) == 1) {
        out[n++] = (unsigned char)v;
        hex += used;
    }
    return n;
}

/* The pretty text of hex read as f, or NULL when it is not one. */
static char *pretty(enum binview_format f, const char *hex)
{
    static unsigned char data[4096];
    size_t n = bytes(hex, data);
    struct json_pretty p = {0};
    if (!binview_write(f, data, n, &p)) {
        json_pretty_free(&p);
        return NULL;
    }
    json_pretty_finish(&p);
    free(p.spans);
    return p.text;
}

/* Whether hex read as f lays out as expected (and binview_is agrees). */
static bool shows(enum binview_format f, const char *hex, const char *expected)
{
    unsigned char data[4096];
    size_t n = bytes(hex, data);
    char *text = pretty(f, hex);
    bool ok = text && !strcmp(text, expected) && binview_is(f, data, n);
    if (!ok)
        fprintf(stderr, "%s as %s: got\n%s\nexpected\n%s\n", hex, binview_format_name(f), text ? text : "(none)",
                expected);
    free(text);
    return ok;
}

static enum binview_format detect(const char *hex)
{
    unsigned char data[4096];
    return binview_detect(data, bytes(hex, data));
}

static void test_layout(void)
{
    const char *doc = "{\n  \"a\": [\n    1,\n    true,\n    null\n  ],\n  \"b\": {}\n}";
    CHECK(shows(BINVIEW_MSGPACK, "82 a1 61 93 01 c3 c0 a1 62 80", doc));
    CHECK(shows(BINVIEW_CBOR, "a2 61 61 83 01 f5 f6 61 62 a0", doc));
    CHECK(detect("82 a1 61 93 01 c3 c0 a1 62 80") == BINVIEW_MSGPACK);
    CHECK(detect("a2 61 61 83 01 f5 f6 61 62 a0") == BINVIEW_CBOR);

    /* Byte strings, MessagePack's ext types, CBOR's tags. */
    CHECK(shows(BINVIEW_MSGPACK, "92 c4 03 00 ff 10 c4 00", "[\n  h'00ff10',\n  h''\n]"));
    CHECK(shows(BINVIEW_MSGPACK, "92 d4 05 01 c7 02 ff 0a 0b", "[\n  ext(5, h'01'),\n  ext(-1, h'0a0b')\n]"));
    CHECK(shows(BINVIEW_CBOR, "81 c1 1a 65 53 f1 00", "[\n  tag(1, 1700000000)\n]"));
    CHECK(shows(BINVIEW_CBOR, "d9 d9 f7 a1 61 61 01", "tag(55799, {\n  \"a\": 1\n})"));
    CHECK(shows(BINVIEW_CBOR, "81 42 01 02", "[\n  h'0102'\n]"));
    /* Keys that are not strings, as their values. */
    CHECK(shows(BINVIEW_MSGPACK, "82 01 a3 6f 6e 65 c3 90", "{\n  1: \"one\",\n  true: []\n}"));
    CHECK(shows(BINVIEW_CBOR, "a1 81 01 02", "{\n  [\n    1\n  ]: 2\n}"));
    /* Floats: the shortest text that reads back, NaN and the infinities. */
    CHECK(shows(BINVIEW_MSGPACK, "93 ca 3f c0 00 00 cb 3f b9 99 99 99 99 99 9a ca 3f 80 00 00",
                "[\n  1.5,\n  0.1,\n  1.0\n]"));
    CHECK(shows(BINVIEW_CBOR, "84 f9 7e 00 f9 7c 00 fa ff 80 00 00 fb 7f f8 00 00 00 00 00 00",
                "[\n  NaN,\n  Infinity,\n  -Infinity,\n  NaN\n]"));
    CHECK(shows(BINVIEW_CBOR, "82 f9 3c 00 fb c0 09 21 fb 54 44 2d 18", "[\n  1.0,\n  -3.141592653589793\n]"));
    /* Integers at the ends of each format's range. */
    CHECK(shows(BINVIEW_MSGPACK, "93 cf ff ff ff ff ff ff ff ff d3 80 00 00 00 00 00 00 00 ff",
                "[\n  18446744073709551615,\n  -9223372036854775808,\n  -1\n]"));
    CHECK(shows(BINVIEW_CBOR, "83 20 3b ff ff ff ff ff ff ff ff 1b ff ff ff ff ff ff ff ff",
                "[\n  -1,\n  -18446744073709551616,\n  18446744073709551615\n]"));
    CHECK(shows(BINVIEW_CBOR, "82 f7 f6", "[\n  undefined,\n  null\n]"));
    /* Strings: JSON-escaped; bad UTF-8 as U+FFFD. */
    CHECK(shows(BINVIEW_MSGPACK, "92 a3 22 0a 00 a2 c3 28", "[\n  \"\\\"\\n\\u0000\",\n  \"\xEF\xBF\xBD(\"\n]"));
    /* CBOR's indefinite lengths. */
    CHECK(shows(BINVIEW_CBOR, "9f 01 9f ff ff", "[\n  1,\n  []\n]"));
    CHECK(shows(BINVIEW_CBOR, "bf 61 61 01 ff", "{\n  \"a\": 1\n}"));
    CHECK(shows(BINVIEW_CBOR, "82 7f 62 61 62 61 63 ff 5f 41 01 41 02 ff", "[\n  \"abc\",\n  h'0102'\n]"));
    CHECK(shows(BINVIEW_CBOR, "a1 7f 61 6b ff 01", "{\n  \"k\": 1\n}"));
}

static void test_refused(void)
{
    unsigned char data[4096];
    /* A scalar alone, an empty map or array: not shown as JSON. */
    CHECK(detect("05") == BINVIEW_NONE);
    CHECK(detect("a1 61") == BINVIEW_NONE);
    CHECK(detect("80") == BINVIEW_NONE);
    CHECK(detect("90") == BINVIEW_NONE);
    CHECK(detect("a0") == BINVIEW_NONE);
    CHECK(detect("9f ff") == BINVIEW_NONE);
    CHECK(detect("c1 1a 65 53 f1 00") == BINVIEW_NONE); /* a tag over a scalar */
    CHECK(detect("") == BINVIEW_NONE);
    /* Something left over, something missing. */
    CHECK(detect("91 01 01") == BINVIEW_NONE);
    CHECK(detect("92 01") == BINVIEW_NONE);
    CHECK(detect("82 61 61") == BINVIEW_NONE);
    CHECK(!binview_is(BINVIEW_CBOR, data, bytes("9f 01", data)));
    /* Broken: a map ending between a key and its value, chunks of the other
     * kind, a break outside anything indefinite, MessagePack's unused 0xc1. */
    CHECK(!binview_is(BINVIEW_CBOR, data, bytes("bf 61 61 ff", data)));
    CHECK(!binview_is(BINVIEW_CBOR, data, bytes("81 7f 41 01 ff", data)));
    CHECK(!binview_is(BINVIEW_CBOR, data, bytes("82 01 ff", data)));
    CHECK(!binview_is(BINVIEW_MSGPACK, data, bytes("91 c1", data)));
    /* Counts beyond the message: refused at once, nothing allocated for
     * them (msgpack-c's own unpacker would ask for 2^32 objects here). */
    CHECK(detect("dd ff ff ff ff 01") == BINVIEW_NONE);
    CHECK(detect("df ff ff ff ff 01 01") == BINVIEW_NONE);
    CHECK(detect("9b ff ff ff ff ff ff ff ff 01") == BINVIEW_NONE);
    CHECK(detect("bb 7f ff ff ff ff ff ff ff 01") == BINVIEW_NONE);
}

static void test_choice(void)
{
    /* Both take it: CBOR [24 (in two bytes), ...] or MessagePack {24: 5,
     * 24: 6}; the reading with more items wins (no CBOR encoder writes 5 in
     * two bytes). */
    unsigned char data[16];
    size_t n = bytes("82 18 05 18 06", data);
    CHECK(binview_is(BINVIEW_MSGPACK, data, n) && binview_is(BINVIEW_CBOR, data, n));
    CHECK(binview_detect(data, n) == BINVIEW_MSGPACK);
    /* Only one takes it: that one (CBOR [h'c3', "é"]; as MessagePack a map
     * whose fourth item, a9, announces 9 bytes that are not there). */
    n = bytes("82 41 c3 62 c3 a9", data);
    CHECK(!binview_is(BINVIEW_MSGPACK, data, n));
    CHECK(binview_detect(data, n) == BINVIEW_CBOR);
    CHECK(shows(BINVIEW_CBOR, "82 41 c3 62 c3 a9", "[\n  h'c3',\n  \"\xC3\xA9\"\n]"));
}

static void test_depth(void)
{
    enum { LEVELS = BINVIEW_DECODE_DEPTH };
    unsigned char *deep = malloc(2 * LEVELS + 2);
    /* BINVIEW_DECODE_DEPTH arrays, one in another, around a 1: decoded,
     * laid out to BINVIEW_MAX_DEPTH, the rest as […]. */
    memset(deep, 0x91, LEVELS);
    deep[LEVELS] = 0x01;
    struct json_pretty p = {0};
    CHECK(binview_detect(deep, LEVELS + 1) == BINVIEW_MSGPACK);
    CHECK(binview_write(BINVIEW_MSGPACK, deep, LEVELS + 1, &p));
    json_pretty_finish(&p);
    CHECK(p.text && strstr(p.text, "[\xE2\x80\xA6]") && !strstr(p.text, "1"));
    size_t opens = 0;
    for (size_t i = 0; p.text && i < p.len; i++)
        opens += p.text[i] == '[';
    CHECK(opens == BINVIEW_MAX_DEPTH + 1);
    json_pretty_free(&p);
    /* One level more: not shown as MessagePack at all. */
    unsigned char *deeper = malloc(LEVELS + 2);
    memset(deeper, 0x91, LEVELS + 1);
    deeper[LEVELS + 1] = 0x01;
    CHECK(binview_detect(deeper, LEVELS + 2) == BINVIEW_NONE);
    /* CBOR, indefinite arrays: the same limit. */
    memset(deep, 0x9f, LEVELS);
    memset(deep + LEVELS, 0xff, LEVELS);
    CHECK(binview_detect(deep, 2 * LEVELS) == BINVIEW_CBOR);
    memset(deeper, 0x9f, LEVELS + 1);
    CHECK(binview_detect(deeper, LEVELS + 1) == BINVIEW_NONE);
    free(deep);
    free(deeper);
}

static void test_limit(void)
{
    unsigned char data[64];
    size_t n = bytes("82 a1 61 93 01 c3 c0 a1 62 80", data);
    struct json_pretty p = {.limit = 20};
    CHECK(!binview_write(BINVIEW_MSGPACK, data, n, &p));
    CHECK(p.len <= 20);
    json_pretty_free(&p);
}

static void test_display(void)
{
    unsigned char data[64];
    size_t n = bytes("82 a1 61 93 01 c3 c0 a1 62 80", data);
    struct chat_message m = {.text = (const char *)data, .len = (uint32_t)n, .kind = CHAT_RECEIVED, .binary = true};
    struct display d;
    display_message(&m, 0, &d);
    CHECK(d.json && d.format == BINVIEW_MSGPACK && d.spans && d.text &&
          !strncmp(d.text, "MessagePack \xC2\xB7 10 bytes\n{\n  \"a\": [", 33));
    /* The spans colour the JSON, not the heading. */
    CHECK(d.span_count > 0 && d.spans[0].start == strlen("MessagePack \xC2\xB7 10 bytes\n") &&
          d.spans[0].kind == JSON_PUNCT && d.spans[1].kind == JSON_KEY);
    display_free(&d);
    /* Raw: the hex dump, still known as MessagePack (for the switch). */
    display_message(&m, DISPLAY_RAW, &d);
    CHECK(d.json && d.format == BINVIEW_MSGPACK && !d.spans && d.text && strstr(d.text, "82 a1 61 93"));
    display_free(&d);
    /* Binary that is neither: the hex dump, no switch. */
    data[0] = 0x05;
    display_message(&m, 0, &d);
    CHECK(!d.json && d.format == BINVIEW_NONE && d.text && strstr(d.text, "05 a1 61 93"));
    display_free(&d);
}

/* ---- binenc ---------------------------------------------------------------------------- */

static bool encodes(enum binview_format f, const char *json, const char *hex)
{
    unsigned char want[256];
    size_t n = bytes(hex, want), len = 0;
    char *out = NULL;
    struct binenc_error err;
    bool ok = binenc_from_json(f, json, strlen(json), &out, &len, &err) && len == n && !memcmp(out, want, n) &&
              err.fault == BINENC_OK;
    if (!ok) {
        fprintf(stderr, "%s as %s: got", json, binview_format_name(f));
        for (size_t i = 0; out && i < len; i++)
            fprintf(stderr, " %02x", (unsigned char)out[i]);
        fprintf(stderr, " (%s)\n", err.reason);
    }
    free(out);
    return ok;
}

static void test_encode(void)
{
    const char *doc = "{\"a\": [1, true, null], \"b\": {}}";
    CHECK(encodes(BINVIEW_MSGPACK, doc, "82 a1 61 93 01 c3 c0 a1 62 80"));
    CHECK(encodes(BINVIEW_CBOR, doc, "a2 61 61 83 01 f5 f6 61 62 a0"));
    /* The smallest integer forms, both ends of the range, -0. */
    CHECK(encodes(BINVIEW_MSGPACK, "[-1, 200, -0, 18446744073709551615, -9223372036854775808]",
                  "95 ff cc c8 00 cf ff ff ff ff ff ff ff ff d3 80 00 00 00 00 00 00 00"));
    CHECK(encodes(BINVIEW_CBOR, "[-1, 200, -0, 18446744073709551615, -9223372036854775808]",
                  "85 20 18 c8 00 1b ff ff ff ff ff ff ff ff 3b 7f ff ff ff ff ff ff ff"));
    /* Floats: 32 bits when exact, else 64. */
    CHECK(encodes(BINVIEW_MSGPACK, "[1.5, 0.1, 2e0]", "93 ca 3f c0 00 00 cb 3f b9 99 99 99 99 99 9a ca 40 00 00 00"));
    CHECK(encodes(BINVIEW_CBOR, "[1.5, 0.1]", "82 fa 3f c0 00 00 fb 3f b9 99 99 99 99 99 9a"));
    /* A scalar alone is sent as typed; a name holding U+0000 whole. */
    CHECK(encodes(BINVIEW_MSGPACK, " 42 ", "2a"));
    CHECK(encodes(BINVIEW_CBOR, "\"h\\u00e9\"", "63 68 c3 a9"));
    CHECK(encodes(BINVIEW_MSGPACK, "{\"a\\u0000b\": 1}", "81 a3 61 00 62 01"));
}

static void check_error(const char *json, enum binenc_fault fault, size_t offset, size_t length, size_t line,
                        size_t column)
{
    struct binenc_error err;
    char *out = (char *)1;
    CHECK(!binenc_from_json(BINVIEW_MSGPACK, json, strlen(json), &out, NULL, &err) && out == NULL);
    CHECK_MSG(err.fault == fault && err.offset == offset && err.length == length && err.line == line &&
                  err.column == column,
              "%s: fault %d at %zu+%zu, line %zu column %zu (%s)", json, err.fault, err.offset, err.length, err.line,
              err.column, err.reason);
}

static void test_encode_errors(void)
{
    check_error("{\"a\": }", BINENC_JSON, 6, 1, 1, 7);
    check_error("[1,\n 99999999999999999999]", BINENC_NUMBER_RANGE, 5, 20, 2, 2);
    check_error("[-9223372036854775809]", BINENC_NUMBER_RANGE, 1, 20, 1, 2);
    check_error("[1e999]", BINENC_NUMBER_RANGE, 1, 5, 1, 2);
    check_error("", BINENC_JSON, 0, 0, 1, 1);
    check_error("[1] 2", BINENC_JSON, 4, 1, 1, 5);
    check_error("[\"\xC3\xA9\", x]", BINENC_JSON, 7, 1, 1, 7);
    struct binenc_error err;
    CHECK(!binenc_from_json(BINVIEW_CBOR, "[1,]", 4, NULL, NULL, &err) && strstr(err.reason, "line 1, column 4"));
    /* Underflow is no error: it is the nearest float, 0 or subnormal. */
    CHECK(binenc_from_json(BINVIEW_CBOR, "[1e-400, 5e-324]", 16, NULL, NULL, &err));
}

/* JSON -> each format -> the view: the same text json_pretty makes of the
 * JSON itself, for documents whose numbers are written as binview writes
 * them. */
static void test_round_trip(void)
{
    static const char *const docs[] = {
        "{\"a\":[1,true,null],\"b\":{}}",
        "[{\"id\": 4211, \"name\": \"Ol\xC3\xA1\", \"tags\": [\"x\", \"y\\n\\u0000\"], \"price\": 12.5}, -7, []]",
        "{\"deep\": [[[[[[[[{\"k\": false}]]]]]]]], \"e\": 1e+300, \"n\": -0.25}",
        "[18446744073709551615, -9223372036854775808, 0.1, 1.0000001]",
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        struct json_pretty expected = {0};
        CHECK(json_pretty(docs[i], strlen(docs[i]), &expected));
        for (int f = BINVIEW_MSGPACK; f <= BINVIEW_CBOR; f++) {
            char *data = NULL;
            size_t len = 0;
            struct binenc_error err;
            struct json_pretty p = {0};
            CHECK(binenc_from_json((enum binview_format)f, docs[i], strlen(docs[i]), &data, &len, &err));
            CHECK(binview_detect(data, len) == (enum binview_format)f);
            CHECK(binview_write((enum binview_format)f, data, len, &p));
            json_pretty_finish(&p);
            CHECK_MSG(p.text && expected.text && !strcmp(p.text, expected.text), "%s as %s:\n%s\nexpected\n%s",
                      docs[i], binview_format_name((enum binview_format)f), p.text ? p.text : "(none)",
                      expected.text ? expected.text : "");
            /* The same colours: every span the same kind at the same place. */
            bool same = p.span_count == expected.span_count;
            for (size_t k = 0; same && k < p.span_count; k++)
                same = p.spans[k].start == expected.spans[k].start && p.spans[k].len == expected.spans[k].len &&
                       p.spans[k].kind == expected.spans[k].kind;
            CHECK(same);
            json_pretty_free(&p);
            free(data);
        }
        json_pretty_free(&expected);
    }
}

int main(void)
{
    i18n_set_lang(I18N_EN);
    test_layout();
    test_refused();
    test_choice();
    test_depth();
    test_limit();
    test_display();
    test_encode();
    test_encode_errors();
    test_round_trip();
    return check_summary("binview");
}
