/* SPDX-License-Identifier: MIT */
/* test_json: acceptance case by case (in the manner of the y_ / n_ files of
 * the JSONTestSuite), exhaustively for single bytes, escapes and UTF-8 in
 * strings, the exact layout and span kinds of a few documents, the depth and
 * size limits, and random mutations of valid documents checked against
 * properties any correct result has.
 *
 * Every input is copied into a heap block of exactly its length first, so a
 * read past the end is caught by AddressSanitizer builds rather than passing
 * on whatever follows a string literal. */
#include "check.h"
#include "json.h"
#include "xorshift.h"

#include <stdlib.h>
#include <string.h>

static char *copy_exact(const char *s, size_t len)
{
    char *c = malloc(len ? len : 1);

    if (c == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(c, s, len);
    return c;
}

static bool is_layout_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* s[0..len) without the whitespace between tokens. */
static char *tokens_only(const char *s, size_t len, size_t *out_len)
{
    char *t = copy_exact(s, len);
    size_t n = 0;
    bool in_string = false;

    for (size_t i = 0; i < len; i++) {
        if (in_string) {
            t[n++] = s[i];
            if (s[i] == '\\' && i + 1 < len)
                t[n++] = s[++i];
            else if (s[i] == '"')
                in_string = false;
        } else if (!is_layout_space(s[i])) {
            t[n++] = s[i];
            in_string = s[i] == '"';
        }
    }
    *out_len = n;
    return t;
}

/* Properties every successful result has: spans in order, not overlapping,
 * covering every byte that is not layout, each starting the way its kind
 * does; the text holds the input's tokens unchanged, is NUL-terminated, and
 * is itself a document whose layout is itself. Returns the number of
 * problems and describes the first. */
static int check_result(const char *in, size_t len, const struct json_pretty *p)
{
    size_t at = 0, a_len, b_len;
    char *a, *b;
    int problems = 0;
    struct json_pretty again = {0};

#define PROBLEM(...)                                                         \
    do {                                                                     \
        if (problems++ == 0) {                                               \
            fprintf(stderr, "  ");                                           \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

    if (p->text == NULL || p->text[p->len] != '\0')
        PROBLEM("text missing or not NUL-terminated");
    for (size_t k = 0; k < p->span_count && problems == 0; k++) {
        const struct json_span *s = &p->spans[k];
        const char *t = p->text + s->start;

        if (s->len == 0 || s->start < at || s->start + s->len > p->len) {
            PROBLEM("span %zu out of order or out of range", k);
            break;
        }
        for (; at < s->start; at++)
            if (p->text[at] != ' ' && p->text[at] != '\n')
                PROBLEM("byte %zu not covered", at);
        at = s->start + s->len;
        switch (s->kind) {
        case JSON_PUNCT:
            for (size_t i = 0; i < s->len; i++)
                if (!strchr("{}[],:", t[i]))
                    PROBLEM("punct span %zu holds '%c'", k, t[i]);
            break;
        case JSON_KEY:
            if (t[0] != '"' || t[s->len - 1] != '"' || at >= p->len ||
                p->text[at] != ':')
                PROBLEM("key span %zu", k);
            break;
        case JSON_STRING:
            if (t[0] != '"' || t[s->len - 1] != '"')
                PROBLEM("string span %zu", k);
            break;
        case JSON_NUMBER:
            if (t[0] != '-' && (t[0] < '0' || t[0] > '9'))
                PROBLEM("number span %zu", k);
            break;
        case JSON_LITERAL:
            if (!(s->len == 4 && memcmp(t, "true", 4) == 0) &&
                !(s->len == 5 && memcmp(t, "false", 5) == 0) &&
                !(s->len == 4 && memcmp(t, "null", 4) == 0))
                PROBLEM("literal span %zu", k);
            break;
        default:
            PROBLEM("span %zu has kind %d", k, s->kind);
        }
    }
    for (; at < p->len && problems == 0; at++)
        if (p->text[at] != ' ' && p->text[at] != '\n')
            PROBLEM("byte %zu not covered", at);
    if (problems)
        return problems;

    a = tokens_only(in, len, &a_len);
    b = tokens_only(p->text, p->len, &b_len);
    if (a_len != b_len || memcmp(a, b, a_len) != 0)
        PROBLEM("tokens changed");
    free(a);
    free(b);

    if (!json_pretty(p->text, p->len, &again))
        PROBLEM("pretty text is not a document");
    else if (again.len != p->len || memcmp(again.text, p->text, p->len) != 0)
        PROBLEM("layout of the pretty text differs from it");
    json_pretty_free(&again);
#undef PROBLEM
    return problems;
}

/* The value reader's verdict on a whole document: 1 accepted, 0 refused,
 * -1 when it is not comparable with json_is_document (a byte order mark,
 * which the reader skips, or more levels than the reader's depth). A bare
 * scalar, which the reader reads but the layout does not count, is 0. */
static int reader_verdict(const char *in, size_t len)
{
    struct json_reader r;
    char err[128];
    bool ok;

    if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0)
        return -1;
    json_reader_init(&r, in, len, err, sizeof err);
    if (!json_reader_peek(&r, '[') && !json_reader_peek(&r, '{'))
        return 0;
    ok = json_skip_value(&r, 1) && json_read_end(&r);
    if (!ok && strstr(err, "nested deeper") != NULL)
        return -1;
    CHECK_MSG(ok || (strncmp(err, "line ", 5) == 0 && strstr(err, ", column ") != NULL), "%s", err);
    return ok;
}

static void expect(int line, const char *s, size_t len, bool want)
{
    char *in = copy_exact(s, len);
    struct json_pretty p = {0};
    bool cheap = json_is_document(in, len);
    bool full = json_pretty(in, len, &p);
    int reader = reader_verdict(in, len);

    CHECK_MSG(cheap == want && full == want,
              "line %d: is_document %d, pretty %d, wanted %d", line, cheap,
              full, want);
    /* One grammar: the value reader agrees. */
    CHECK_MSG(reader < 0 || reader == want, "line %d: the reader says %d", line, reader);
    if (full)
        CHECK_MSG(check_result(in, len, &p) == 0, "line %d", line);
    else
        CHECK_MSG(p.text == NULL && p.spans == NULL && p.len == 0 &&
                      p.span_count == 0 && p.cap == 0 && p.span_cap == 0,
                  "line %d: not released", line);
    json_pretty_free(&p);
    free(in);
}

/* Y: a document. N: not one. Lengths come from sizeof, so "\0" counts. */
#define Y(lit) expect(__LINE__, lit, sizeof(lit) - 1, true)
#define N(lit) expect(__LINE__, lit, sizeof(lit) - 1, false)

static void test_structure(void)
{
    Y("[]");
    Y("{}");
    Y("[[]]");
    Y("[[],{}]");
    Y("[ [ ] ]");
    Y("[\"\"]");
    Y("[\" \"]");
    Y("[null,1,\"1\",{}]");
    Y("[1,null,null,null,2]");
    Y("[false]");
    Y("[true]");
    Y("{\"asd\":\"sdf\",\"dfg\":\"fgh\"}");
    Y("{\"a\":\"b\",\"a\":\"c\"}");  /* duplicate keys are allowed */
    Y("{\"\":0}");
    Y("{\"foo\\u0000bar\":42}");
    Y("{\"a\":[]}");
    Y("{\"x\":[{\"id\":\"xxx\"}],\"id\":\"yyy\"}");
    Y("{\n\"a\": \"b\"\n}");
    Y("[\"a/*b*/c/*d//e\"]");
    Y("[\"\\\\a\"]");

    N("");
    N("[");
    N("]");
    N("{");
    N("}");
    N("[}");
    N("{]");
    N("[1 true]");
    N("[1:2]");
    N("[\"\":1]");
    N("[,1]");
    N("[1,,2]");
    N("[1,]");
    N("[1,,]");
    N("[,]");
    N("[-]");
    N("[1;2]");
    N("[*]");
    N("[\"a\",\n4\n,1,");
    N("[1,\n1\n,1");
    N("[{}");
    N("[\"a\"");
    N("[1]]");
    N("[1],");
    N("[][]");
    N("{\"a\":1}}");
    N("{\"a\":1,}");
    N("{\"a\":1,,}");
    N("{\"a\":1,,\"b\":2}");
    N("{,}");
    N("{\"a\"}");
    N("{\"a\" \"b\"}");
    N("{\"a\"::1}");
    N("{\"a\",1}");
    N("{\"a\":}");
    N("{:1}");
    N("{1:1}");
    N("{null:null}");
    N("{a:1}");
    N("{'a':1}");
    N("{\"a\":'b'}");
    N("{[:1}");
    N("{\"a\":1 \"b\":2}");
    N("{\"a\":\"a");
    N("{\"a\":1/**/}");
    N("{\"a\":1}//");
    N("{\"a\":1/");
    N("[\"\\u0000\"]//");
    N("{\"a\":b}");
    N("{\"a\":1]");
    N("[\"a\"}");
    N("[{]");
    N("{[]}");
    N("[{\"a\":1,}]");
    N("[\"x\"]]");
    N("<.>");
    N("[<null>]");
    N("[nul]");
    N("[tru]");
    N("[fals]");
    N("[True]");
    N("[NULL]");
    N("[truefalse]");
    N("[true false]");
    N("[nulltrue]");
    N("[undefined]");
    N("['a']");
    N("[a]");
    N("[\xC3\xA5]");       /* an unquoted letter */
    N("[\xE2\x81\xA0]");   /* U+2060 word joiner */
    N("[#]");
}

/* Only an object or an array counts, and nothing but whitespace may follow
 * it. */
static void test_scalars_and_trailing(void)
{
    N("1");
    N("-0.1");
    N("42");
    N("true");
    N("false");
    N("null");
    N("\"asd\"");
    N("\"\"");
    N(" \"\" ");
    N(" 1 ");
    N("2 3");
    N("1 []");
    N("\"a\" {}");

    N("[]x");
    N("[] x");
    N("[] []");
    N("[]{}");
    N("{}[]");
    N("{}}");
    N("[1]1");
    N("[1]\0");
    N("{\"a\":true} \"x\"");
    N("[1] #");
    N("[]\xFF");
    N("[]\xEF\xBB\xBF");
    CHECK(!json_is_document(NULL, 0));
    {
        struct json_pretty p = {0};

        CHECK(!json_pretty(NULL, 0, &p) && p.len == 0 && p.text == NULL);
    }
}

static void test_whitespace(void)
{
    Y(" []");
    Y("[] ");
    Y("\t\n\r []\t\n\r ");
    Y("[ 1 , 2 ]");
    Y("[\n1\n]");
    Y("\r\n{\r\n\"a\"\r\n:\r\n1\r\n,\r\n\"b\"\t:\t[\t]\r\n}\r\n");
    Y("[\"a\"]\n");

    N(" ");
    N("\n\t\r ");
    N("[\f]");
    N("\f[]");
    N("[]\f");
    N("[\v]");
    N("[\x0B" "1]");
    N("[1\f]");
    N("[\0]");
    N("\0[]");
    N("[\xC2\xA0" "1]");           /* no-break space */
    N("[\xE2\x80\x80]");           /* en quad */
    N("[\xE2\x81\xA0" "1]");       /* word joiner */
    N("\xEF\xBB\xBF[]");           /* a byte order mark is not whitespace */
    N("\xEF\xBB\xBF");
    N("\xEF\xBB{}");
    N("\xFF\xFE[\0\"\0]\0");       /* UTF-16 */
    N("[\0\"\0\xE9\0\"\0]\0");
    N("[\\n]");                    /* an escape outside a string */
    N("[\\u000A\"\"]");
    N("[- 1]");
}

static void test_numbers(void)
{
    Y("[0]");
    Y("[-0]");
    Y("[-0.0]");
    Y("[1]");
    Y("[-1]");
    Y("[123]");
    Y("[-123]");
    Y("[123.456789]");
    Y("[123e65]");
    Y("[123e45]");
    Y("[123.456e78]");
    Y("[1E22]");
    Y("[1E-2]");
    Y("[1E+2]");
    Y("[1e-2]");
    Y("[1e+2]");
    Y("[0e1]");
    Y("[0e+1]");
    Y("[0E-0]");
    Y("[0.0]");
    Y("[20e1]");
    Y("[-0.000000000000000000000000000000000000000000000000000000000001]");
    Y("{\"min\":-1.0e+28,\"max\":1.0e+28}");
    /* Sizes no double holds are still JSON; they are only shown. */
    Y("[100000000000000000000000000000000000000000000000000000]");
    Y("[-237462374673276894279832749832423479823246327846]");
    Y("[1.5e+9999]");
    Y("[123e-10000000]");
    Y("[0.4e00669999999999999999999999999999999999999999999999999999999]");
    Y("[1,2,3]");
    Y("[1 ]");
    Y("[1\n]");

    N("[01]");
    N("[-01]");
    N("[00]");
    N("[-00]");
    N("[00.0]");
    N("[-00.0]");
    N("[00e0]");
    N("[0123]");
    N("[+1]");
    N("[++1234]");
    N("[+Inf]");
    N("[Inf]");
    N("[-Inf]");
    N("[Infinity]");
    N("[-Infinity]");
    N("[NaN]");
    N("[-NaN]");
    N("[.5]");
    N("[.2e-3]");
    N("[-.1]");
    N("[.-1]");
    N("[1.]");
    N("[-2.]");
    N("[1.e1]");
    N("[0.e1]");
    N("[2.e3]");
    N("[2.e+3]");
    N("[2.e-3]");
    N("[9.e+]");
    N("[-1.0.]");
    N("[0.1.2]");
    N("[1e]");
    N("[1E]");
    N("[0e]");
    N("[0e+]");
    N("[0E+]");
    N("[1.0e]");
    N("[1.0e+]");
    N("[1.0e-]");
    N("[0.3e]");
    N("[0.3e+]");
    N("[1eE2]");
    N("[1e+-2]");
    N("[1e2.5]");
    N("[1e2e3]");
    N("[-]");
    N("[--1]");
    N("[-a]");
    N("[- 1]");
    N("[-foo]");
    N("[1ea]");
    N("[1.2a-3]");
    N("[1e\xE5]");
    N("[0\xE5]");
    N("[123\xE5]");
    N("[1 000.0]");
    N("[1_000]");
    N("[0x1]");
    N("[0x42]");
    N("[1+2]");
    N("[-1x]");
    N("[\xEF\xBC\x91]");    /* U+FF11 fullwidth digit one */
    N("[123");
    N("[-");
    N("[1.");
    N("[1e");
    N("[1e-");
}

static void test_strings(void)
{
    Y("[\"asd\"]");
    Y("[ \"asd\"]");
    Y("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]");
    Y("[\"\\\"\"]");
    Y("[\"\\\\u0000\"]");
    Y("[\"\\\\n\"]");
    Y("[\"\\u0012\"]");
    Y("[\"\\uFFFF\"]");
    Y("[\"\\u0000\"]");
    Y("[\"\\u002c\"]");
    Y("[\"\\u0060\\u012a\\u12AB\"]");
    Y("[\"\\u0061\\u30af\\u30EA\\u30b9\"]");
    Y("[\"\\uA66D\"]");
    Y("[\"\\u005C\"]");
    Y("[\"\\u0022\"]");
    Y("[\"new\\u000Aline\"]");
    Y("[\"new\\u00A0line\"]");
    Y("[\"\\uD801\\udc37\"]");
    Y("[\"\\ud83d\\ude39\\ud83d\\udc8d\"]");
    Y("[\"\\uDBFF\\uDFFF\"]");
    Y("[\"\\uD834\\uDd1e\"]");
    Y("[\"\x7F\"]");                 /* DEL needs no escape */
    Y("[\"a\x7F" "a\"]");
    Y("[\"\xCF\x80\"]");
    Y("[\"\xE2\x82\xAC\xF0\x9D\x84\x9E\"]");
    Y("[\"\xE2\x80\xA8\"]");         /* U+2028 needs no escape in JSON */
    Y("[\"\xE2\x80\xA9\"]");
    Y("[\"\xEF\xBF\xBF\"]");         /* noncharacters are still characters */
    Y("[\"\xF4\x8F\xBF\xBF\"]");
    Y("[\"\xF0\x9B\xBF\xBF\"]");
    Y("[\"\xE2\x8D\x82\xE3\x88\xB4\xE2\x8D\x82\"]");
    Y("{\"\xC3\xA9\":\"\xF0\x9F\x98\x80\"}");

    /* A lone or mismatched surrogate escape: the grammar allows it (see
     * json.h), so these are documents. */
    Y("[\"\\uD800\"]");
    Y("[\"\\uDADA\"]");
    Y("[\"\\uDFAA\"]");
    Y("{\"\\uDFAA\":0}");
    Y("[\"\\uD800\\n\"]");
    Y("[\"\\uD800\\uD800\"]");
    Y("[\"\\uDd1ea\"]");
    Y("[\"\\ud800abc\"]");
    Y("[\"\\uD888\\u1234\"]");
    Y("[\"\\uDd1e\\uD834\"]");

    N("[\"");
    N("[\"a");
    N("[\"a]");
    N("[\"\\");
    N("[\"\\\"]");
    N("[\"\\\\\"");
    N("[\"\\u");
    N("[\"\\u00");
    N("[\"\\u00A");
    N("[\"\\u00A\"]");
    N("[\"\\u00AG\"]");
    N("[\"\\uqqqq\"]");
    N("[\"\\u-123\"]");
    N("[\"\\u 123\"]");
    N("[\"\\U0041\"]");
    N("[\"\\uD800\\\"]");
    N("[\"\\uD800\\u\"]");
    N("[\"\\uD800\\u1\"]");
    N("[\"\\uD800\\u1x\"]");
    N("[\"\\uD834\\uDd\"]");
    N("[\"\\uD800\\uD800\\x\"]");
    N("[\"\\x00\"]");
    N("[\"\\a\"]");
    N("[\"\\'\"]");
    N("[\"\\0\"]");
    N("[\"\\012\"]");
    N("[\"\\\t\"]");
    N("[\"\\\xF0\x9F\x8C\x80\"]");  /* an escaped emoji */
    N("[\"\\\xE5\"]");
    N("[\"\\u\xE5\"]");
    N("[\\u0020\"asd\"]");
    N("[\"\t\"]");
    N("[\"new\nline\"]");
    N("[\"a\0a\"]");
    N("[\"\x1F\"]");
    N("['single quote']");
    N("[\"\"\"]");
    N("abc");
    N("\"");
    N("[\"\\\\\\\"]");
    N("{\"a\":\"b\\\"}");
}

static void test_invalid_utf8(void)
{
    N("[\"\xFF\"]");
    N("[\"\xE9\"]");                 /* ISO 8859-1 */
    N("[\"\x80\"]");                 /* lone continuation */
    N("[\"\xBF\x80\"]");
    N("[\"\xC0\x80\"]");             /* overlong NUL */
    N("[\"\xC1\xBF\"]");
    N("[\"\xE0\x80\x80\"]");
    N("[\"\xE0\x9F\xBF\"]");
    N("[\"\xF0\x80\x80\x80\"]");
    N("[\"\xF0\x8F\xBF\xBF\"]");
    N("[\"\xFC\x83\xBF\xBF\xBF\xBF\"]");
    N("[\"\xFC\x80\x80\x80\x80\x80\"]");
    N("[\"\xED\xA0\x80\"]");         /* encoded surrogate */
    N("[\"\xED\xBF\xBF\"]");
    N("[\"\xF4\x90\x80\x80\"]");     /* above U+10FFFF */
    N("[\"\xF4\xBF\xBF\xBF\"]");
    N("[\"\xF5\x80\x80\x80\"]");
    N("[\"\xF8\x88\x80\x80\x80\"]");
    N("[\"\xE2\x82\"]");             /* truncated */
    N("[\"\xE2\x82" "A\"]");
    N("[\"\xC3\"]");
    N("[\"\xF0\x9F\x98\"]");
    N("[\"\xE2\x82");
    N("[\"\xC3");
    N("[\"\xE6\x97\xA5\xD1\x88\xFA\"]");
    N("{\"\xB9\":\"0\",}");
    N("{\"\xFF\":1}");
    N("[\xFF]");
    N("[\"a\xFF" "b\"]");
}

/* Every single byte inside a string, every byte after a backslash, every
 * byte in each position of a \u escape: one CHECK per family, the first
 * miss described. */
static void test_exhaustive_bytes(void)
{
    char doc[16];
    int misses = 0, first = -1;

    for (int b = 0; b < 256; b++) {
        bool want = b >= 0x20 && b < 0x80 && b != '"' && b != '\\';

        memcpy(doc, "[\"x\"]", 5);
        doc[2] = (char)b;
        if (json_is_document(doc, 5) != want && misses++ == 0)
            first = b;
    }
    CHECK_MSG(misses == 0, "raw byte 0x%02X in a string", first);

    misses = 0;
    for (int b = 0; b < 256; b++) {
        bool want = b && strchr("\"\\/bfnrt", b);

        memcpy(doc, "[\"\\x\"]", 6);
        doc[3] = (char)b;
        if (json_is_document(doc, 6) != want && misses++ == 0)
            first = b;
    }
    CHECK_MSG(misses == 0, "escape \\ + 0x%02X", first);

    misses = 0;
    for (int pos = 0; pos < 4; pos++)
        for (int b = 0; b < 256; b++) {
            bool want = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') ||
                        (b >= 'A' && b <= 'F');

            memcpy(doc, "[\"\\u0000\"]", 10);
            doc[4 + pos] = (char)b;
            if (json_is_document(doc, 10) != want && misses++ == 0)
                first = pos * 256 + b;
        }
    CHECK_MSG(misses == 0, "\\u escape, digit %d = 0x%02X", first / 256,
              first % 256);

    /* Every byte between a comma and a digit: only whitespace, or what
     * makes a number of the two (a minus sign, a digit other than 0). */
    misses = 0;
    for (int b = 0; b < 256; b++) {
        bool want = (b && strchr(" \t\n\r-", b)) || (b >= '1' && b <= '9');

        memcpy(doc, "[1,x2]", 6);
        doc[3] = (char)b;
        if (json_is_document(doc, 6) != want && misses++ == 0)
            first = b;
    }
    CHECK_MSG(misses == 0, "byte 0x%02X between tokens", first);
}

/* UTF-8 from its definition: the lead byte's high bits give the length,
 * the rest are 10xxxxxx, and the value must need that length, not be a
 * surrogate and not exceed U+10FFFF. Written apart from json.c's table. */
static bool reference_utf8(const unsigned char *s, size_t n)
{
    size_t need;
    uint32_t cp;
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};

    if (s[0] < 0x80) {
        need = 1;
        cp = s[0];
    } else if ((s[0] & 0xE0) == 0xC0) {
        need = 2;
        cp = s[0] & 0x1Fu;
    } else if ((s[0] & 0xF0) == 0xE0) {
        need = 3;
        cp = s[0] & 0x0Fu;
    } else if ((s[0] & 0xF8) == 0xF0) {
        need = 4;
        cp = s[0] & 0x07u;
    } else {
        return false;
    }
    if (n != need)
        return false;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return false;
        cp = cp << 6 | (s[i] & 0x3Fu);
    }
    return cp >= least[need] && !(cp >= 0xD800 && cp <= 0xDFFF) &&
           cp <= 0x10FFFF && cp >= 0x20 && cp != '"' && cp != '\\';
}

static void test_exhaustive_utf8(void)
{
    unsigned char doc[8] = {'[', '"'};
    long misses = 0;
    unsigned long first = 0;

    /* All two-byte strings, all three-byte strings with a lead of
     * E0..EF, and four-byte strings with every lead F0..F7 and each
     * continuation position swept while the others stay 0x80 / 0xBF. */
    for (unsigned v = 0; v < 0x10000; v++) {
        doc[2] = (unsigned char)(v >> 8);
        doc[3] = (unsigned char)v;
        doc[4] = '"';
        doc[5] = ']';
        if (json_is_document((char *)doc, 6) != reference_utf8(doc + 2, 2) &&
            !(doc[2] < 0x80 && doc[3] < 0x80) && misses++ == 0)
            first = v;
    }
    CHECK_MSG(misses == 0, "two bytes %04lX", first);

    misses = 0;
    for (unsigned long v = 0xE00000; v < 0xF00000; v++) {
        doc[2] = (unsigned char)(v >> 16);
        doc[3] = (unsigned char)(v >> 8);
        doc[4] = (unsigned char)v;
        doc[5] = '"';
        doc[6] = ']';
        if (json_is_document((char *)doc, 7) != reference_utf8(doc + 2, 3) &&
            misses++ == 0)
            first = v;
    }
    CHECK_MSG(misses == 0, "three bytes %06lX", first);

    misses = 0;
    for (unsigned lead = 0xF0; lead <= 0xF7; lead++)
        for (int pos = 1; pos < 4; pos++)
            for (unsigned edge = 0x80; edge <= 0xBF; edge += 0x3F)
                for (unsigned b = 0; b < 256; b++) {
                    unsigned char *u = doc + 2;

                    u[0] = (unsigned char)lead;
                    u[1] = u[2] = u[3] = (unsigned char)edge;
                    u[pos] = (unsigned char)b;
                    doc[6] = '"';
                    doc[7] = ']';
                    if (json_is_document((char *)doc, 8) !=
                            reference_utf8(u, 4) &&
                        misses++ == 0)
                        first = (unsigned long)lead << 24 |
                                (unsigned long)u[1] << 16 | u[2] << 8 | u[3];
                }
    CHECK_MSG(misses == 0, "four bytes %08lX", first);
}

static void expect_pretty(int line, const char *in, const char *want)
{
    size_t len = strlen(in);
    char *copy = copy_exact(in, len);
    struct json_pretty p = {0};
    bool ok = json_pretty(copy, len, &p);

    CHECK_MSG(ok && strcmp(p.text, want) == 0 && p.len == strlen(want),
              "line %d: got\n%s\nwanted\n%s", line, ok ? p.text : "(false)",
              want);
    if (ok)
        CHECK_MSG(check_result(copy, len, &p) == 0, "line %d", line);
    json_pretty_free(&p);
    free(copy);
}
#define PRETTY(in, want) expect_pretty(__LINE__, in, want)

static void test_layout(void)
{
    PRETTY("[]", "[]");
    PRETTY("{}", "{}");
    PRETTY(" \n[ \t ]\r\n", "[]");
    PRETTY("{ }", "{}");
    PRETTY("[1]", "[\n  1\n]");
    PRETTY("{\"a\":1}", "{\n  \"a\": 1\n}");
    PRETTY("{\"a\":[1,true],\"b\":{}}",
           "{\n"
           "  \"a\": [\n"
           "    1,\n"
           "    true\n"
           "  ],\n"
           "  \"b\": {}\n"
           "}");
    PRETTY("[{},[],{\"a\":[]},[[]],[{}]]",
           "[\n"
           "  {},\n"
           "  [],\n"
           "  {\n"
           "    \"a\": []\n"
           "  },\n"
           "  [\n"
           "    []\n"
           "  ],\n"
           "  [\n"
           "    {}\n"
           "  ]\n"
           "]");
    PRETTY("\r\n\t{ \"a\" :\t1 ,\n\"b\":[ null,false ] , \"c\" : { \"d\" : \"e\" } }\n",
           "{\n"
           "  \"a\": 1,\n"
           "  \"b\": [\n"
           "    null,\n"
           "    false\n"
           "  ],\n"
           "  \"c\": {\n"
           "    \"d\": \"e\"\n"
           "  }\n"
           "}");
    /* Tokens are copied as written: escapes stay escapes, numbers keep
     * their spelling. */
    PRETTY("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\uD83D\\uDE00\"]",
           "[\n  \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\uD83D\\uDE00\"\n]");
    PRETTY("[-0,1E+2,0.5e-10,123456789012345678901234567890,-1.50]",
           "[\n"
           "  -0,\n"
           "  1E+2,\n"
           "  0.5e-10,\n"
           "  123456789012345678901234567890,\n"
           "  -1.50\n"
           "]");
    PRETTY("{\"\xE5\x90\x8D\xE5\x89\x8D\":\"Jos\xC3\xA9 \xF0\x9F\x98\x80\","
           "\"\xC3\xBC\":[\"\\u00fc\",\"a b\"]}",
           "{\n"
           "  \"\xE5\x90\x8D\xE5\x89\x8D\": \"Jos\xC3\xA9 \xF0\x9F\x98\x80\",\n"
           "  \"\xC3\xBC\": [\n"
           "    \"\\u00fc\",\n"
           "    \"a b\"\n"
           "  ]\n"
           "}");
    /* Whitespace inside strings is content, not layout. */
    PRETTY("[\" { [ , : \"]", "[\n  \" { [ , : \"\n]");
}

/* The span kinds of the pretty text, one letter per byte: p k s n l for the
 * kinds, layout spaces and newlines kept, '?' for a byte no span covers. */
static char *kind_map(const struct json_pretty *p)
{
    char *map = copy_exact(p->text, p->len + 1);

    for (size_t i = 0; i < p->len; i++)
        if (map[i] != ' ' && map[i] != '\n')
            map[i] = '?';
    for (size_t k = 0; k < p->span_count; k++)
        memset(map + p->spans[k].start, "pksnl"[p->spans[k].kind],
               p->spans[k].len);
    return map;
}

static void expect_kinds(int line, const char *in, const char *want,
                         size_t want_spans)
{
    struct json_pretty p = {0};
    bool ok = json_pretty(in, strlen(in), &p);
    char *map = ok ? kind_map(&p) : NULL;

    CHECK_MSG(ok && strcmp(map, want) == 0, "line %d: got\n%s\nwanted\n%s",
              line, map ? map : "(false)", want);
    CHECK_MSG(p.span_count == want_spans, "line %d: %zu spans, wanted %zu",
              line, p.span_count, want_spans);
    free(map);
    json_pretty_free(&p);
}
#define KINDS(in, want, spans) expect_kinds(__LINE__, in, want, spans)

static void test_spans(void)
{
    /* {
     *   "a": [
     *     1,
     *     "x y",
     *     null,
     *     {}
     *   ],
     *   "b": -2.5e3,
     *   "c": false
     * }                                                             */
    KINDS("{\"a\":[1,\"x y\",null,{}],\"b\":-2.5e3,\"c\":false}",
          "p\n"
          "  kkkp p\n"
          "    np\n"
          "    sssssp\n"
          "    llllp\n"
          "    pp\n"
          "  pp\n"
          "  kkkp nnnnnnp\n"
          "  kkkp lllll\n"
          "p",
          /* { "a" : [ 1 , "x y" , null , {} ], "b" : -2.5e3 , "c" : false } */
          20);
    /* Closing brackets and the comma after them share one span; the
     * opening bracket stands alone because a newline follows it. */
    KINDS("[[[]],{}]",
          "p\n"
          "  p\n"
          "    pp\n"
          "  pp\n"
          "  pp\n"
          "p",
          6);
    /* A string that looks like a key is still a value, and a key that
     * looks like punctuation is still a key. */
    KINDS("{\"{\":\"a\",\"true\":\"1\"}",
          "p\n"
          "  kkkp sssp\n"
          "  kkkkkkp sss\n"
          "p",
          9);

    /* The kinds by position in the struct, not only via the map. */
    {
        struct json_pretty p = {0};

        CHECK(json_pretty("[true,\"s\",1]", 12, &p));
        CHECK(p.span_count == 7);
        if (p.span_count == 7) {
            static const struct json_span want[7] = {
                {0, 1, JSON_PUNCT},   /* [ */
                {4, 4, JSON_LITERAL}, /* true */
                {8, 1, JSON_PUNCT},   /* , */
                {12, 3, JSON_STRING}, /* "s" */
                {15, 1, JSON_PUNCT},  /* , */
                {19, 1, JSON_NUMBER}, /* 1 */
                {21, 1, JSON_PUNCT},  /* ] */
            };
            bool same = true;

            for (int k = 0; k < 7; k++)
                same = same && p.spans[k].start == want[k].start &&
                       p.spans[k].len == want[k].len &&
                       p.spans[k].kind == want[k].kind;
            CHECK(same);
        }
        json_pretty_free(&p);
    }
}

/* n levels of `open`, then `middle`, then n levels of `close`, and a NUL
 * that *len leaves out (so the result can be a `middle` in turn). */
static char *nest(size_t n, const char *open, const char *middle,
                  const char *close, size_t *len)
{
    size_t lo = strlen(open), lm = strlen(middle), lc = strlen(close);
    char *s = malloc(n * (lo + lc) + lm + 1);
    size_t at = 0;

    if (s == NULL)
        exit(2);
    for (size_t i = 0; i < n; i++, at += lo)
        memcpy(s + at, open, lo);
    memcpy(s + at, middle, lm);
    at += lm;
    for (size_t i = 0; i < n; i++, at += lc)
        memcpy(s + at, close, lc);
    s[at] = '\0';
    *len = at;
    return s;
}

/* 1 when both functions accept s, 0 when both reject it, -1 when they
 * disagree. */
static int both(const char *s, size_t len)
{
    struct json_pretty p = {0};
    bool cheap = json_is_document(s, len), full = json_pretty(s, len, &p);

    json_pretty_free(&p);
    return cheap && full ? 1 : !cheap && !full ? 0 : -1;
}

static void test_depth(void)
{
    size_t len;
    char *s;
    struct json_pretty p = {0};

    s = nest(JSON_MAX_DEPTH, "[", "", "]", &len);
    CHECK(json_is_document(s, len));
    CHECK(json_pretty(s, len, &p));
    /* The innermost level sits 255 levels in and stays compact. */
    {
        char want[2 * 255 + 4];

        want[0] = '\n';
        memset(want + 1, ' ', 2 * 255);
        memcpy(want + 1 + 2 * 255, "[]", 3);
        CHECK(p.len > 0 && strstr(p.text, want) != NULL);
        CHECK(check_result(s, len, &p) == 0);
    }
    free(s);

    s = nest(JSON_MAX_DEPTH + 1, "[", "", "]", &len);
    CHECK(both(s, len) == 0);
    free(s);

    s = nest(JSON_MAX_DEPTH, "{\"k\":", "0", "}", &len);
    CHECK(both(s, len) == 1);
    free(s);
    s = nest(JSON_MAX_DEPTH + 1, "{\"k\":", "0", "}", &len);
    CHECK(both(s, len) == 0);
    free(s);

    /* Mixed: 128 objects around 128 arrays is 256, one more array is not. */
    {
        size_t inner_len;
        char *inner = nest(128, "[", "1", "]", &inner_len);

        s = nest(128, "{\"k\":", inner, "}", &len);
        CHECK(both(s, len) == 1);
        free(s);
        free(inner);
        inner = nest(129, "[", "1", "]", &inner_len);
        s = nest(128, "{\"k\":", inner, "}", &len);
        CHECK(both(s, len) == 0);
        free(s);
        free(inner);
    }

    /* Depth is counted per level, not per container seen: many siblings at
     * depth 256 are fine. */
    {
        size_t inner_len;
        char *inner = nest(JSON_MAX_DEPTH - 1, "[", "[],[],[]", "]", &inner_len);

        CHECK(both(inner, inner_len) == 1);
        free(inner);
    }

    /* Hostile depth: a million opening brackets, with and without their
     * closers, and a million nested objects. No recursion, so no crash. */
    s = nest(1000000, "[", "", "", &len);
    CHECK(both(s, len) == 0);
    free(s);
    s = nest(1000000, "[", "", "]", &len);
    CHECK(both(s, len) == 0);
    free(s);
    s = nest(1000000, "{\"a\":", "1", "}", &len);
    CHECK(both(s, len) == 0);
    free(s);
    json_pretty_free(&p);
}

static void test_large(void)
{
    /* About 5 MB: an array of small objects. */
    size_t cap = 6u << 20, len = 0, items = 0;
    char *s = malloc(cap);
    struct json_pretty p = {0};

    if (s == NULL)
        exit(2);
    s[len++] = '[';
    while (len < (5u << 20)) {
        len += (size_t)snprintf(s + len, cap - len,
                                "%s{\"id\":%zu,\"name\":\"item \\u00e9 %zu\","
                                "\"ok\":%s,\"v\":[1.5e3,null]}",
                                items ? "," : "", items, items,
                                items % 2 ? "true" : "false");
        items++;
    }
    s[len++] = ']';
    CHECK(json_is_document(s, len));
    CHECK(json_pretty(s, len, &p));
    /* Per item: { "id" : n , "name" : s , "ok" : l , "v" : [ n , l ] }
     * is 21 spans; the comma between items shares the span of the brace
     * before it. */
    CHECK_MSG(p.span_count == items * 21 + 2, "%zu spans for %zu items",
              p.span_count, items);
    CHECK(check_result(s, len, &p) == 0);
    /* The buffers grew by doubling past the text; the slack was given
     * back. */
    CHECK(p.cap <= p.len + p.len / 4 + 4097);
    CHECK(p.span_cap <= p.span_count + p.span_count / 4 + 256);
    /* Cut anywhere inside, it is no longer a document. */
    CHECK(!json_is_document(s, len - 1));
    CHECK(!json_is_document(s, len / 2));
    free(s);

    /* One 16 MiB string, and 16 MiB of whitespace. */
    len = (16u << 20) + 4;
    s = malloc(len);
    if (s == NULL)
        exit(2);
    memcpy(s, "[\"", 2);
    memset(s + 2, 'x', len - 4);
    memcpy(s + len - 2, "\"]", 2);
    CHECK(json_pretty(s, len, &p));
    CHECK(p.len == len + 4 && p.span_count == 3);
    CHECK(p.len > 6 && memcmp(p.text, "[\n  \"xxx", 8) == 0 &&
          memcmp(p.text + p.len - 5, "xx\"\n]", 5) == 0);
    memset(s + 1, ' ', len - 2);
    CHECK(json_pretty(s, len, &p));
    CHECK(p.len == 2 && strcmp(p.text, "[]") == 0 && p.span_count == 1);
    s[len / 2] = '\f';
    CHECK(!json_is_document(s, len));
    free(s);
    json_pretty_free(&p);
}

static void test_limit_and_reuse(void)
{
    struct json_pretty p = {0};
    const char *doc = "{\"a\":[1,2]}";
    const char *want = "{\n  \"a\": [\n    1,\n    2\n  ]\n}";
    size_t len, want_len = strlen(want);
    char *s, *before;

    /* The limit is inclusive; a miss releases everything but the limit. */
    p.limit = want_len;
    CHECK(json_pretty(doc, strlen(doc), &p) && strcmp(p.text, want) == 0);
    p.limit = want_len - 1;
    CHECK(!json_pretty(doc, strlen(doc), &p));
    CHECK(p.text == NULL && p.spans == NULL && p.len == 0 && p.cap == 0 &&
          p.span_count == 0 && p.span_cap == 0 && p.limit == want_len - 1);
    CHECK(json_is_document(doc, strlen(doc)));
    p.limit = 0;

    /* Reuse: a second result replaces the first in the same buffers. */
    CHECK(json_pretty("[1,2,3]", 7, &p) && p.span_count == 7);
    before = p.text;
    CHECK(json_pretty("[]", 2, &p) && strcmp(p.text, "[]") == 0 &&
          p.span_count == 1 && p.len == 2);
    CHECK(p.text == before);
    CHECK(!json_pretty("[1,]", 4, &p) && p.text == NULL);
    CHECK(json_pretty(doc, strlen(doc), &p) && strcmp(p.text, want) == 0);

    /* Indentation multiplies: 256 levels deep, each element costs 515
     * bytes of text for 2 of input. The default limit lets this one
     * through; a smaller one stops it, even when the buffer left by the
     * previous result is already big enough. */
    {
        size_t elements = 20000, inner_len = 2 * elements - 1;
        char *inner = malloc(inner_len + 1);

        if (inner == NULL)
            exit(2);
        for (size_t i = 0; i < elements; i++)
            memcpy(inner + 2 * i, i + 1 < elements ? "0," : "0", 2);
        inner[inner_len] = '\0';
        s = nest(JSON_MAX_DEPTH, "[", inner, "]", &len);
        CHECK(json_pretty(s, len, &p) && p.len > elements * 515);
        /* Trimmed: not much more room than text. */
        CHECK(p.cap <= p.len + p.len / 4 + 4097);
        CHECK(p.span_cap <= p.span_count + p.span_count / 4 + 256);
        p.limit = 1u << 20;
        CHECK(!json_pretty(s, len, &p) && p.text == NULL);
        CHECK(json_is_document(s, len));
        CHECK(json_pretty(s, len, &p) == false);
        p.limit = 0;
        CHECK(json_pretty(s, len, &p));
        p.limit = want_len - 1;
        CHECK(!json_pretty(doc, strlen(doc), &p));
        free(s);
        free(inner);
    }
    p.limit = 0;
    json_pretty_free(&p);
    CHECK(p.text == NULL && p.spans == NULL && p.cap == 0 && p.span_cap == 0);
    json_pretty_free(&p); /* twice is harmless */
}

/* Every proper prefix of a document without trailing whitespace is not
 * one: the outermost level has not closed. Each prefix sits in a block of
 * its own length, so an overread shows under AddressSanitizer. */
static void test_prefixes(void)
{
    static const char *const docs[] = {
        "{\"a\":[1,-2.5e+3,true,false,null,\"x\\u00e9\\n\"],\"b\":{}}",
        "[[],{},[{}],\"\xF0\x9F\x98\x80\",0,-0.0E-0]",
        "{\"k\" : [ 1 , 2 ] , \"\\\\\":\"\\\"\"}",
    };
    int misses = 0;

    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        size_t len = strlen(docs[d]);

        for (size_t n = 0; n < len; n++) {
            char *c = copy_exact(docs[d], n);

            if (both(c, n) != 0 && misses++ == 0)
                fprintf(stderr, "  prefix %zu of doc %zu accepted\n", n, d);
            free(c);
        }
        CHECK(both(docs[d], len) == 1);
    }
    CHECK(misses == 0);
}

/* A fixed sequence, so a failure replays. */
static uint32_t rng_state = 0x9E3779B9u;

static uint32_t rng(void)
{
    return xorshift32(&rng_state);
}

/* Random edits (replace, insert, delete, swap in a token-ish byte) of
 * valid documents. Whatever the verdict, json_is_document and json_pretty
 * must agree, and an accepted result must pass check_result. */
static void test_mutations(void)
{
    static const char *const seeds[] = {
        "{\"a\":[1,-2.5e+3,true,false,null,\"x\\u00e9\\n\"],\"b\":{}}",
        "[[],{},[{}],\"\xF0\x9F\x98\x80\",0,-0.0E-0]",
        "{\"k\" : [ 1 , 2 ] , \"\\\\\":\"\\\"\",\"\xC3\xA9\":{\"x\":[[0]]}}",
        "[1,2,3,4,5,6,7,8,9,10]",
    };
    static const char alphabet[] = "{}[],:\" \n\t\\u0123456789-+.eEtrufalsn\x80\xC3\xE2\xF0\xFF";
    char buf[128];
    int disagree = 0, bad = 0, accepted = 0;

    for (int round = 0; round < 200000; round++) {
        const char *seed = seeds[rng() % (sizeof seeds / sizeof seeds[0])];
        size_t len = strlen(seed);
        int edits = 1 + (int)(rng() % 3);
        struct json_pretty p = {0};
        char *c;
        bool cheap, full;

        memcpy(buf, seed, len);
        for (int e = 0; e < edits; e++) {
            size_t at = (size_t)(rng() % (len + 1));
            char b = alphabet[rng() % (sizeof alphabet - 1)];

            switch (rng() % 3) {
            case 0:
                if (at < len)
                    buf[at] = b;
                break;
            case 1:
                if (len + 1 < sizeof buf) {
                    memmove(buf + at + 1, buf + at, len - at);
                    buf[at] = b;
                    len++;
                }
                break;
            default:
                if (at < len) {
                    memmove(buf + at, buf + at + 1, len - at - 1);
                    len--;
                }
            }
        }
        c = copy_exact(buf, len);
        cheap = json_is_document(c, len);
        full = json_pretty(c, len, &p);
        if ((cheap != full || reader_verdict(c, len) != cheap) && disagree++ == 0)
            fprintf(stderr, "  disagreement on %.*s\n", (int)len, c);
        if (full) {
            accepted++;
            if (check_result(c, len, &p) != 0 && bad++ == 0)
                fprintf(stderr, "  bad result for %.*s\n", (int)len, c);
        }
        json_pretty_free(&p);
        free(c);
    }
    CHECK(disagree == 0);
    CHECK(bad == 0);
    /* The mutations are not all fatal, so both verdicts were exercised. */
    CHECK_MSG(accepted > 1000 && accepted < 190000, "%d accepted", accepted);
}

/* The value reader on its own: decoded strings, callbacks, the byte order
 * mark, and each error with its line and column. */
struct seen {
    char keys[4][16];
    char values[4][16];
    int count;
};

static bool seen_member(struct json_reader *r, const char *key, void *user, int depth)
{
    struct seen *s = user;
    struct json_buffer value = {0};
    bool ok;

    (void)depth;
    if (s->count == 4 || !json_reader_peek(r, '"'))
        return json_skip_value(r, depth);
    ok = json_read_string(r, &value, 15);
    if (ok) {
        snprintf(s->keys[s->count], sizeof s->keys[0], "%s", key);
        snprintf(s->values[s->count], sizeof s->values[0], "%s", value.data);
        s->count++;
    }
    json_buffer_free(&value);
    return ok;
}

static bool read_members(const char *doc, struct seen *s, char *err, size_t errlen)
{
    struct json_reader r;

    *s = (struct seen){0};
    json_reader_init(&r, doc, strlen(doc), err, errlen);
    return json_read_object(&r, seen_member, s, 1) && json_read_end(&r);
}

static void reader_error(int line, const char *doc, const char *want)
{
    struct seen s;
    char err[128] = "";

    CHECK_MSG(!read_members(doc, &s, err, sizeof err) && strcmp(err, want) == 0,
              "line %d: got \"%s\", wanted \"%s\"", line, err, want);
}

static void test_reader(void)
{
    struct seen s;
    char err[128];

    CHECK(read_members("\xEF\xBB\xBF {\"a\": \"x\\n\\u00e9\", \"n\": [1, {\"deep\": null}], \"b\": \"\"}", &s, err,
                       sizeof err));
    CHECK(s.count == 2 && strcmp(s.keys[0], "a") == 0 && strcmp(s.values[0], "x\n\xC3\xA9") == 0);
    CHECK(strcmp(s.keys[1], "b") == 0 && strcmp(s.values[1], "") == 0 && err[0] == '\0');
    CHECK(read_members("{\"\\ud83d\\ude00\": \"\\ud800|\\udc00|\\ud800\\u0041\"}", &s, err, sizeof err));
    CHECK(strcmp(s.keys[0], "\xF0\x9F\x98\x80") == 0); /* a pair: U+1F600 */
    CHECK(strcmp(s.values[0], "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD" "A") == 0); /* lone halves: U+FFFD */
    CHECK(read_members("{\"k\": \"\\u0000\"}", &s, err, sizeof err) && s.values[0][0] == '\0');

    reader_error(__LINE__, "", "line 1, column 1: the file ends where '{' was expected");
    reader_error(__LINE__, "[]", "line 1, column 1: '{' expected");
    reader_error(__LINE__, "{\"a\": \"b\"\n  \"c\": 1}", "line 2, column 3: ',' or '}' expected");
    reader_error(__LINE__, "{\"a\": \"\xC3\xA9\xC3\xA9\t\"}", "line 1, column 10: a control character inside a string (write it as an escape)");
    reader_error(__LINE__, "{\"a\": \"0123456789abcdef\"}", "line 1, column 24: a string longer than 15 bytes");
    reader_error(__LINE__, "{\"a\": \"\\ud800\\u12x4\"}", "line 1, column 16: a \\u escape needs four hex digits");
    reader_error(__LINE__, "{\"a\": \"\\x\"}", "line 1, column 8: an unknown escape \\x");
    reader_error(__LINE__, "{\"a\": [1.]}", "line 1, column 10: a digit expected after '.'");
    reader_error(__LINE__, "{\"a\": [1e+]}", "line 1, column 11: a digit expected in the exponent");
    reader_error(__LINE__, "{\"a\": [-]}", "line 1, column 8: a value expected");
    reader_error(__LINE__, "{\"a\": 1,}", "line 1, column 9: a member name (in double quotes) expected");
    reader_error(__LINE__, "{\"a\": 1} 2", "line 1, column 10: more after the end of the document");
    reader_error(__LINE__, "{\"a\": [", "line 1, column 8: the file ends where a value was expected");
    reader_error(__LINE__, "{\"a\": \"\\", "line 1, column 9: the file ends inside a string");
    {
        char deep[2 * JSON_READ_MAX_DEPTH + 16];
        size_t n = 0;

        deep[n++] = '{';
        memcpy(deep + n, "\"a\":", 4);
        n += 4;
        for (int i = 1; i < JSON_READ_MAX_DEPTH; i++)
            deep[n++] = '[';
        deep[n] = '\0';
        reader_error(__LINE__, deep, "line 1, column 69: the file ends where a value was expected");
        deep[n++] = '[';
        deep[n] = '\0';
        reader_error(__LINE__, deep, "line 1, column 69: nested deeper than 64 levels");
    }
}

int main(void)
{
    test_reader();
    test_structure();
    test_scalars_and_trailing();
    test_whitespace();
    test_numbers();
    test_strings();
    test_invalid_utf8();
    test_exhaustive_bytes();
    test_exhaustive_utf8();
    test_layout();
    test_spans();
    test_depth();
    test_large();
    test_limit_and_reuse();
    test_prefixes();
    test_mutations();
    return check_summary("json");
}
