/* SPDX-License-Identifier: MIT */
/* test_expect: --expect's pure parts without a socket. JSON paths read
 * (every form, and bad ones named with their column) and written back so
 * that they read again; the structural comparison (members in any order,
 * numbers by value, repeated names, arrays of other lengths, kinds that
 * differ, --ignore paths with wildcards and quoted names); text and binary
 * byte for byte with the offset and context; the run's tally, summary,
 * diff report and JUnit XML (escaped). */
#include "check.h"
#include "expect.h"
#include "jpath.h"
#include "json.h"
#include "junit.h"
#include "recording.h"

#include <stdlib.h>
#include <string.h>

static bool parse(const char *text, struct jpath *p)
{
    char err[256] = "";
    return jpath_parse(text, p, err, sizeof err);
}

static void test_paths(void)
{
    struct jpath p = {0};
    CHECK(parse("$", &p) && p.count == 0);
    CHECK(parse("$.ts", &p) && p.count == 1 && p.steps[0].kind == JPATH_NAME && strcmp(p.steps[0].name, "ts") == 0);
    CHECK(parse("$.a.b", &p) && p.count == 2 && strcmp(p.steps[1].name, "b") == 0);
    CHECK(parse("$.items[*].id", &p) && p.count == 3 && p.steps[1].kind == JPATH_ANY &&
          strcmp(p.steps[2].name, "id") == 0);
    CHECK(parse("$[\"key with space\"]", &p) && p.count == 1 && strcmp(p.steps[0].name, "key with space") == 0);
    CHECK(parse("$['it''s']", &p) == false);
    CHECK(parse("$['q\\'t']", &p) && strcmp(p.steps[0].name, "q't") == 0);
    CHECK(parse("$[\"a\\\"b\\\\c\\u00e7\\n\"]", &p) && strcmp(p.steps[0].name, "a\"b\\c\xC3\xA7\n") == 0);
    CHECK(parse("$.items[0]", &p) && p.count == 2 && p.steps[1].kind == JPATH_INDEX && p.steps[1].index == 0);
    CHECK(parse("$.items[12].x", &p) && p.steps[1].index == 12);
    CHECK(parse("$.*", &p) && p.count == 1 && p.steps[0].kind == JPATH_ANY);
    CHECK(parse("$.a\xC3\xA7\xC3\xA3o", &p) && strcmp(p.steps[0].name, "a\xC3\xA7\xC3\xA3o") == 0);
    CHECK(parse("$[\"\"]", &p) && p.count == 1 && p.steps[0].name_len == 0);

    const char *bad[] = {"", "ts", "$ts", "$.", "$..a", "$[", "$[x]", "$[1", "$[\"a]", "$[-1]",
                         "$[1234567890]", "$[\"a\\q\"]", "$[\"\\u12g4\"]", "$.a b"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[256] = "";
        CHECK_MSG(!jpath_parse(bad[i], &p, err, sizeof err) && p.count == 0 && strstr(err, "column "),
                  "'%s' gave '%s'", bad[i], err);
    }
    char err[256] = "";
    CHECK(!jpath_parse("$.a[x]", &p, err, sizeof err) && strstr(err, "column 5"));
    /* Deep paths: 64 steps, not 65. */
    char deep[200] = "$";
    for (int i = 0; i < 64; i++)
        strcat(deep, "[0]");
    CHECK(parse(deep, &p) && p.count == 64);
    strcat(deep, "[0]");
    CHECK(!parse(deep, &p));
    jpath_free(&p);
}

/* A step written and read back names the same place. */
static void test_path_round_trip(void)
{
    const char *names[] = {"ts", "a b", "q\"uote", "back\\slash", "tab\tnl\n", "a.b", "[x]", "ação", "_$x9",
                           "9lives", ""};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        struct json_buffer b = {0};
        struct jpath_place place = {names[i], strlen(names[i]), 0};
        CHECK(json_buffer_append(&b, "$", 1) && jpath_append_step(&b, &place));
        struct jpath p = {0};
        CHECK_MSG(parse(b.data, &p) && p.count == 1 && jpath_matches(&p, &place, 1), "%s", b.data);
        jpath_free(&p);
        json_buffer_free(&b);
    }
    struct json_buffer b = {0};
    struct jpath_place places[] = {{"items", 5, 0}, {NULL, 0, 3}, {"a b", 3, 0}};
    CHECK(json_buffer_append(&b, "$", 1) && jpath_append_step(&b, &places[0]) && jpath_append_step(&b, &places[1]) &&
          jpath_append_step(&b, &places[2]));
    CHECK(strcmp(b.data, "$.items[3][\"a b\"]") == 0);
    json_buffer_free(&b);
    struct jpath p = {0};
    CHECK(parse("$.items[*][\"a b\"]", &p) && jpath_matches(&p, places, 3) && !jpath_matches(&p, places, 2));
    CHECK(parse("$.items[2][\"a b\"]", &p) && !jpath_matches(&p, places, 3));
    CHECK(parse("$.*.*.*", &p) && jpath_matches(&p, places, 3));
    CHECK(parse("$[3]", &p) && !jpath_matches(&p, places, 1)); /* (an index does not name a member) */
    jpath_free(&p);
}

/* The number of differences, and the diff in *out (freed by the next call). */
static size_t diff_of(const char *a, const char *b, const char **ignores, size_t n, char **out)
{
    static char *last;
    free(last);
    struct jpath paths[8] = {{0}};
    for (size_t i = 0; i < n; i++)
        CHECK(parse(ignores[i], &paths[i]));
    struct expect_side x = {a, strlen(a), false}, y = {b, strlen(b), false};
    struct json_buffer d = {0};
    size_t found = expect_compare(&x, &y, paths, n, &d);
    for (size_t i = 0; i < n; i++)
        jpath_free(&paths[i]);
    last = d.data ? d.data : calloc(1, 1);
    if (out)
        *out = last;
    return found;
}

static void test_structural(void)
{
    char *d;
    CHECK(diff_of("{\"a\":1,\"b\":[1,2]}", "{ \"b\" : [1, 2], \"a\" : 1 }", NULL, 0, &d) == 0 && !*d);
    CHECK(diff_of("{\"n\":1}", "{\"n\":1.0}", NULL, 0, NULL) == 0);
    CHECK(diff_of("{\"n\":100}", "{\"n\":1e2}", NULL, 0, NULL) == 0);
    CHECK(diff_of("{\"n\":-0.0125}", "{\"n\":-125E-4}", NULL, 0, NULL) == 0);
    CHECK(diff_of("[0, -0, 0.0, 0e5]", "[0, 0, 0, 0]", NULL, 0, NULL) == 0);
    CHECK(diff_of("[12345678901234567890123]", "[12345678901234567890124]", NULL, 0, NULL) == 1); /* (not as doubles) */
    CHECK(diff_of("[1.5]", "[15e-1]", NULL, 0, NULL) == 0);
    CHECK(diff_of("[0.00123, 120, -7E+2]", "[1.23e-3, 1.2e2, -0.7e3]", NULL, 0, NULL) == 0);
    CHECK(diff_of("[1e99999999999999999999]", "[1e99999999999999999999]", NULL, 0, NULL) == 0);
    CHECK(diff_of("[0.1]", "[0.01]", NULL, 0, NULL) == 1);
    CHECK(diff_of("[10]", "[1]", NULL, 0, NULL) == 1);
    CHECK(diff_of("[\"\\u00e7\"]", "[\"\xC3\xA7\"]", NULL, 0, NULL) == 0); /* strings by their text */
    CHECK(diff_of("42", "42.0", NULL, 0, NULL) == 0);                     /* a bare value is JSON too */
    CHECK(diff_of("{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}", NULL, 0, NULL) == 0);
    CHECK(diff_of("{\"a\":1,\"a\":2}", "{\"a\":2,\"a\":1}", NULL, 0, NULL) == 2); /* a repeated name pairs in order */

    CHECK(diff_of("{\"id\":41,\"name\":\"x\"}", "{\"name\":\"x\",\"id\":42}", NULL, 0, &d) == 1);
    CHECK_MSG(strcmp(d, "  $.id: recorded 41, received 42\n") == 0, "%s", d);
    CHECK(diff_of("{\"a\":{\"b\":[1,{\"c d\":true}]}}", "{\"a\":{\"b\":[1,{\"c d\":false}]}}", NULL, 0, &d) == 1);
    CHECK_MSG(strcmp(d, "  $.a.b[1][\"c d\"]: recorded true, received false\n") == 0, "%s", d);
    CHECK(diff_of("{\"a\":1}", "{\"a\":1,\"ts\":\"now\"}", NULL, 0, &d) == 1);
    CHECK_MSG(strcmp(d, "  $.ts: recorded (none), received \"now\"\n") == 0, "%s", d);
    CHECK(diff_of("{\"a\":1,\"gone\":[1, 2]}", "{\"a\":1}", NULL, 0, &d) == 1);
    CHECK_MSG(strcmp(d, "  $.gone: recorded [1, 2], received (none)\n") == 0, "%s", d);
    CHECK(diff_of("[1,2,3]", "[1,2]", NULL, 0, &d) == 1 && strstr(d, "$[2]: recorded 3, received (none)"));
    CHECK(diff_of("[1]", "[1,{\"x\":1}]", NULL, 0, &d) == 1 && strstr(d, "$[1]: recorded (none), received {\"x\":1}"));
    CHECK(diff_of("{\"a\":\"1\"}", "{\"a\":1}", NULL, 0, &d) == 1 && strstr(d, "recorded \"1\", received 1"));
    CHECK(diff_of("{\"a\":null}", "{\"a\":false}", NULL, 0, NULL) == 1);
    CHECK(diff_of("{\"\":null}", "{\"\":false}", NULL, 0, &d) == 1); /* (an empty name, nothing in the pool) */
    CHECK_MSG(strcmp(d, "  $[\"\"]: recorded null, received false\n") == 0, "%s", d);

    /* --ignore */
    const char *ts[] = {"$.ts"};
    CHECK(diff_of("{\"ts\":1,\"a\":1}", "{\"a\":1,\"ts\":2}", ts, 1, NULL) == 0);
    CHECK(diff_of("{\"a\":1}", "{\"a\":1,\"ts\":2}", ts, 1, NULL) == 0); /* (on one side only, too) */
    CHECK(diff_of("{\"a\":{\"ts\":1}}", "{\"a\":{\"ts\":2}}", ts, 1, NULL) == 1); /* only $.ts, not deeper */
    const char *ids[] = {"$.items[*].id", "$[\"key with space\"]"};
    CHECK(diff_of("{\"items\":[{\"id\":1,\"v\":1},{\"id\":2,\"v\":2}],\"key with space\":1}",
                  "{\"key with space\":2,\"items\":[{\"id\":7,\"v\":1},{\"id\":8,\"v\":2}]}", ids, 2, NULL) == 0);
    CHECK(diff_of("{\"items\":[{\"id\":1,\"v\":1}]}", "{\"items\":[{\"id\":7,\"v\":3}]}", ids, 2, &d) == 1 &&
          strstr(d, "$.items[0].v: recorded 1, received 3"));
    const char *first[] = {"$.items[0]"};
    CHECK(diff_of("{\"items\":[1,2]}", "{\"items\":[9,2]}", first, 1, NULL) == 0);
    CHECK(diff_of("{\"items\":[1,2]}", "{\"items\":[1,9]}", first, 1, NULL) == 1);
    const char *ab[] = {"$.a.b"};
    CHECK(diff_of("{\"a\":{\"b\":{\"deep\":1},\"c\":1}}", "{\"a\":{\"b\":{\"deep\":2},\"c\":1}}", ab, 1, NULL) == 0);
    const char *all[] = {"$"};
    CHECK(diff_of("{\"a\":1}", "[2]", all, 1, NULL) == 0);

    /* Many differences: ten named, then how many more. */
    CHECK(diff_of("[1,1,1,1,1,1,1,1,1,1,1,1,1]", "[2,2,2,2,2,2,2,2,2,2,2,2,2]", NULL, 0, &d) == 13);
    CHECK(strstr(d, "$[9]:") && !strstr(d, "$[10]:") && strstr(d, "and 3 more differences"));
    /* A long value is cut. */
    CHECK(diff_of("{\"s\":\"short\"}",
                  "{\"s\":\"a very long string that goes on and on and on past sixty bytes of text for sure\"}",
                  NULL, 0, &d) == 1 && strstr(d, "\xE2\x80\xA6\n") && strlen(d) < 140);
}

static void test_bytes(void)
{
    char *d;
    /* Not JSON on either side: byte for byte. */
    CHECK(diff_of("hello world", "hello world", NULL, 0, &d) == 0);
    CHECK(diff_of("hello world", "hello there", NULL, 0, &d) == 1);
    CHECK_MSG(strstr(d, "from offset 6 (recorded 11 bytes, received 11)") && strstr(d, "recorded \"hello world\"") &&
                  strstr(d, "received \"hello there\""), "%s", d);
    CHECK(diff_of("{\"a\":1}", "not json", NULL, 0, &d) == 1 && strstr(d, "offset 0"));
    CHECK(diff_of("abc", "abcd", NULL, 0, &d) == 1 && strstr(d, "offset 3 (recorded 3 bytes, received 4)"));
    /* A long text: the context around the offset, cut with … */
    char a[300], b[300];
    memset(a, 'x', 299);
    a[299] = '\0';
    memcpy(b, a, sizeof a);
    b[150] = 'Y';
    CHECK(diff_of(a, b, NULL, 0, &d) == 1 && strstr(d, "offset 150") && strstr(d, "\xE2\x80\xA6\"xxxxxxxxxxxxxxxxY"));

    struct expect_side x = {"\x00\x01\x02\x03", 4, true}, y = {"\x00\x01\x09\x03", 4, true}, t = {"\x00\x01", 2, false};
    struct json_buffer o = {0};
    CHECK(expect_compare(&x, &x, NULL, 0, &o) == 0 && !o.data);
    CHECK(expect_compare(&x, &y, NULL, 0, &o) == 1);
    CHECK_MSG(o.data && strstr(o.data, "offset 2") && strstr(o.data, "recorded 00 01 02 03") &&
                  strstr(o.data, "received 00 01 09 03"), "%s", o.data);
    json_buffer_free(&o);
    CHECK(expect_compare(&x, &t, NULL, 0, &o) == 1 &&
          strstr(o.data, "recorded a binary message (4 bytes), received a text message (2 bytes)"));
    json_buffer_free(&o);
    /* Binary JSON-looking bytes are still bytes. */
    struct expect_side j1 = {"{\"a\":1}", 7, true}, j2 = {"{ \"a\":1}", 8, true};
    CHECK(expect_compare(&j1, &j2, NULL, 0, NULL) == 1);
}

static const char recorded[] =
    "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"connected\",\"url\":\"ws://127.0.0.1:9/a\"}\n"
    "{\"ts\":\"2026-11-25T04:05:07.000000Z\",\"event\":\"sent\",\"text\":\"{\\\"id\\\":1}\"}\n"
    "{\"ts\":\"2026-11-25T04:05:07.250000Z\",\"event\":\"received\",\"text\":\"{\\\"id\\\":1,\\\"ts\\\":5}\"}\n"
    "{\"ts\":\"2026-11-25T04:05:08.000000Z\",\"event\":\"sent\",\"text\":\"plain <&>\"}\n"
    "{\"ts\":\"2026-11-25T04:05:08.500000Z\",\"event\":\"received\",\"text\":\"plain <&>\"}\n"
    "{\"ts\":\"2026-11-25T04:05:09.000000Z\",\"event\":\"received\",\"base64\":\"AAEC\"}\n";

static bool load(struct expect *e, const char **ignores, size_t n)
{
    struct recording rec = {0};
    char err[256] = "";
    bool ok = recording_read(&rec, recorded, strlen(recorded), err, sizeof err) &&
              expect_init(e, &rec, ignores, n, err, sizeof err);
    recording_free(&rec);
    if (!ok)
        fprintf(stderr, "load: %s\n", err);
    return ok;
}

static void test_run(void)
{
    struct expect e;
    char line[256];
    CHECK(load(&e, NULL, 0) && e.count == 3);
    CHECK(expect_received(&e, "{\"ts\":5, \"id\":1}", 16, false));
    CHECK(expect_received(&e, "plain <&>", 9, false));
    CHECK(expect_received(&e, "\x00\x01\x02", 3, true));
    expect_finish(&e);
    CHECK(expect_passed(&e));
    expect_summary(&e, line, sizeof line);
    CHECK_MSG(strcmp(line, "expect: 3 of 3 messages as recorded") == 0, "%s", line);
    struct json_buffer out = {0};
    CHECK(expect_junit(&e, "rec.jsonl", 1.5, &out));
    CHECK_MSG(strstr(out.data, "<testsuite name=\"rec.jsonl\" tests=\"3\" failures=\"0\" errors=\"0\" time=\"1.500\">") &&
                  strstr(out.data, "<testcase name=\"message 2 (recorded at 04:05:08.500 UTC, +2.500 s)\""),
              "%s", out.data);
    json_buffer_free(&out);
    expect_free(&e);

    /* One differs, one is missing; then --ignore $.ts makes the first pass. */
    CHECK(load(&e, NULL, 0));
    CHECK(expect_received(&e, "{\"id\":1,\"ts\":6}", 15, false));
    CHECK(expect_received(&e, "plain <&>", 9, false));
    expect_finish(&e);
    CHECK(!expect_passed(&e) && e.different == 1 && e.missing == 1);
    expect_summary(&e, line, sizeof line);
    CHECK_MSG(strcmp(line, "expect: 1 of 3 messages as recorded; 1 differ; 1 missing") == 0, "%s", line);
    CHECK(expect_report(&e, 10, &out));
    CHECK_MSG(strstr(out.data, "message 1 (recorded at 04:05:07.250 UTC, +1.250 s):\n  $.ts: recorded 5, received 6\n") &&
                  strstr(out.data, "message 3 (recorded at 04:05:09.000 UTC, +3.000 s):\n  never received\n"),
              "%s", out.data);
    json_buffer_free(&out);
    CHECK(expect_junit(&e, "a \"<suite>\" & more", -1, &out));
    CHECK_MSG(strstr(out.data, "name=\"a &quot;&lt;suite&gt;&quot; &amp; more\" tests=\"3\" failures=\"2\"") &&
                  strstr(out.data, "<failure message=\"differs from the recording\" type=\"difference\">"
                                   "message 1 (recorded at 04:05:07.250 UTC, +1.250 s):\n  $.ts: recorded 5, received 6\n</failure>") &&
                  strstr(out.data, "<failure message=\"never received\""),
              "%s", out.data);
    json_buffer_free(&out);
    expect_free(&e);

    const char *ts[] = {"$.ts"};
    CHECK(load(&e, ts, 1));
    CHECK(expect_received(&e, "{\"id\":1,\"ts\":6}", 15, false));
    CHECK(expect_received(&e, "plain <&>", 9, false));
    CHECK(expect_received(&e, "\x00\x01\x02", 3, true));
    CHECK(expect_received(&e, "more", 4, false)); /* extra */
    expect_finish(&e);
    CHECK(!expect_passed(&e) && e.different == 0 && e.extra == 1);
    expect_summary(&e, line, sizeof line);
    CHECK_MSG(strcmp(line, "expect: 3 of 3 messages as recorded; 1 extra") == 0, "%s", line);
    CHECK(expect_junit(&e, "s", -1, &out) && strstr(out.data, "tests=\"4\" failures=\"1\"") &&
          strstr(out.data, "message 4 was not in the recording (a text message of 4 bytes)"));
    json_buffer_free(&out);
    expect_free(&e);

    /* A bad --ignore is named. */
    struct recording rec = {0};
    char err[256] = "";
    const char *bad[] = {"$.ok", "$.items[x]"};
    CHECK(recording_read(&rec, recorded, strlen(recorded), err, sizeof err));
    CHECK(!expect_init(&e, &rec, bad, 2, err, sizeof err));
    CHECK_MSG(strstr(err, "--ignore $.items[x]: column 9:"), "%s", err);
    recording_free(&rec);
}

static void test_junit_escape(void)
{
    struct json_buffer o = {0};
    CHECK(junit_escape_append(&o, "a<b>&\"'\x01\x7f\xff\tz\xEF\xBF\xBE", 15));
    CHECK_MSG(strcmp(o.data, "a&lt;b&gt;&amp;&quot;&apos;\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\tz\xEF\xBF\xBD") == 0,
              "%s", o.data);
    json_buffer_free(&o);
}

int main(void)
{
    test_paths();
    test_path_round_trip();
    test_structural();
    test_bytes();
    test_run();
    test_junit_escape();
    return check_summary("expect");
}
