/* SPDX-License-Identifier: MIT */
/* test_frames: the frame rules and the slash commands. Every close code
 * from 0 to 5100 against RFC 6455 7.4's list, reasons at and past 123
 * bytes, fragment bounds covering a message exactly once for every count,
 * the invalid-UTF-8 payloads, and each slash command with its refusals. */
#include "check.h"
#include "frames.h"

#include <stdlib.h>
#include <string.h>

#define LINE(s) (s), strlen(s)

/* RFC 6455 7.4.1 and 7.4.2, with IANA's 1012-1014: what may go on the wire. */
static bool allowed_by_rfc(int code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

static void test_codes(void)
{
    int mismatches = 0;
    for (int code = 0; code <= 5100; code++)
        if ((frames_check_code(code) == FRAMES_OK) != allowed_by_rfc(code))
            mismatches++;
    CHECK_MSG(mismatches == 0, "%d codes judged against RFC 6455", mismatches);
    CHECK(frames_check_code(-1) == FRAMES_CODE_UNUSED);
    CHECK(frames_check_code(999) == FRAMES_CODE_UNUSED);
    CHECK(frames_check_code(1004) == FRAMES_CODE_RESERVED);
    CHECK(frames_check_code(1005) == FRAMES_CODE_LOCAL);
    CHECK(frames_check_code(1006) == FRAMES_CODE_LOCAL);
    CHECK(frames_check_code(1015) == FRAMES_CODE_LOCAL);
    CHECK(frames_check_code(1016) == FRAMES_CODE_UNASSIGNED);
    CHECK(frames_check_code(2999) == FRAMES_CODE_UNASSIGNED);
    CHECK(frames_check_code(5000) == FRAMES_CODE_TOO_HIGH);
    CHECK(frames_check_code(65535) == FRAMES_CODE_TOO_HIGH);

    int code = 0;
    CHECK(frames_parse_code(LINE("4000"), &code) == FRAMES_OK && code == 4000);
    CHECK(frames_parse_code(LINE(" 1001 "), &code) == FRAMES_OK && code == 1001);
    CHECK(frames_parse_code(LINE(""), &code) == FRAMES_CODE_NOT_A_NUMBER);
    CHECK(frames_parse_code(LINE("  "), &code) == FRAMES_CODE_NOT_A_NUMBER);
    CHECK(frames_parse_code(LINE("+1000"), &code) == FRAMES_CODE_NOT_A_NUMBER);
    CHECK(frames_parse_code(LINE("10 00"), &code) == FRAMES_CODE_NOT_A_NUMBER);
    CHECK(frames_parse_code(LINE("1e3"), &code) == FRAMES_CODE_NOT_A_NUMBER);
    CHECK(frames_parse_code(LINE("99999999999999999999999"), &code) == FRAMES_CODE_TOO_HIGH);
    CHECK(frames_parse_code(LINE("1005"), &code) == FRAMES_CODE_LOCAL && code == 1005);

    char reason[200];
    memset(reason, 'r', sizeof reason);
    CHECK(frames_check_close(4000, reason, 123) == FRAMES_OK);
    CHECK(frames_check_close(4000, reason, 124) == FRAMES_REASON_TOO_LONG);
    CHECK(frames_check_close(4000, "\xC3\xA9t\xC3\xA9", 5) == FRAMES_OK);
    CHECK(frames_check_close(4000, "bad \xFF", 5) == FRAMES_REASON_NOT_UTF8);
    CHECK(frames_check_close(1006, "", 0) == FRAMES_CODE_LOCAL);
    for (int e = 1; e < FRAMES_ERROR_COUNT; e++)
        CHECK_MSG(frames_error_text((enum frames_error)e)[0] != '\0', "error %d has words", e);
    CHECK(frames_error_text(FRAMES_OK)[0] == '\0');
}

static void test_fragments(void)
{
    unsigned n = 0;
    CHECK(frames_parse_count(LINE("4"), &n) == FRAMES_OK && n == 4);
    CHECK(frames_parse_count(LINE("1"), &n) == FRAMES_COUNT_RANGE);
    CHECK(frames_parse_count(LINE("1001"), &n) == FRAMES_COUNT_RANGE);
    CHECK(frames_parse_count(LINE("1000"), &n) == FRAMES_OK);
    CHECK(frames_parse_count(LINE("four"), &n) == FRAMES_COUNT_NOT_A_NUMBER);
    CHECK(frames_check_fragments(2, 0) == FRAMES_OK);
    CHECK(frames_check_fragments(2, 2 * FRAMES_FRAGMENT_BYTES) == FRAMES_OK);
    CHECK(frames_check_fragments(2, 2 * FRAMES_FRAGMENT_BYTES + 1) == FRAMES_FRAGMENT_TOO_BIG);
    CHECK(frames_check_fragments(0, 10) == FRAMES_COUNT_RANGE);

    /* Every count: the fragments tile [0, len) in order, each within one
     * byte of the others' size. */
    const size_t lens[] = {0, 1, 3, 7, 100, 999, 1000, 1001, 65536, 200000};
    int bad = 0;
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        for (unsigned count = 2; count <= FRAMES_FRAGMENTS_MAX; count++) {
            size_t expect = 0, least = (size_t)-1, most = 0;
            for (unsigned i = 0; i < count; i++) {
                size_t start, end;
                frames_fragment_bounds(lens[k], count, i, &start, &end);
                if (start != expect || end < start)
                    bad++;
                expect = end;
                least = end - start < least ? end - start : least;
                most = end - start > most ? end - start : most;
            }
            if (expect != lens[k] || most - least > 1)
                bad++;
        }
    }
    CHECK_MSG(bad == 0, "%d bad fragment tilings", bad);
    size_t start, end;
    frames_fragment_bounds(10, 4, 0, &start, &end);
    CHECK(start == 0 && end == 2);
    frames_fragment_bounds(10, 4, 3, &start, &end);
    CHECK(start == 7 && end == 10);
}

static void expect_invalid(const char *text, const char *want, size_t want_len)
{
    char *out = NULL;
    size_t len = 0;
    enum frames_error e = frames_invalid_payload(text, strlen(text), &out, &len);
    CHECK_MSG(e == FRAMES_OK && len == want_len && memcmp(out, want, len) == 0, "\"%s\": %s, %zu bytes", text,
              frames_error_text(e), len);
    free(out);
}

static void test_invalid(void)
{
    expect_invalid("hello", "hello\xFF", 6);
    expect_invalid("", "\xFF", 1);
    expect_invalid("caf\\xc3", "caf\xC3", 4);
    expect_invalid("\\xC0\\xAF", "\xC0\xAF", 2); /* overlong '/' */
    expect_invalid("a\\\\xff\\xfe", "a\\xff\xFE", 6); /* \\ is a backslash; the last escape is the byte */
    char *out = (char *)"x";
    size_t len = 5;
    CHECK(frames_invalid_payload(LINE("\\xc3\\xa9"), &out, &len) == FRAMES_STILL_UTF8 && !out && !len);
    CHECK(frames_invalid_payload(LINE("ab\\x4"), &out, &len) == FRAMES_ESCAPE && !out);
    CHECK(frames_invalid_payload(LINE("ab\\xZZ"), &out, &len) == FRAMES_ESCAPE);
    CHECK(frames_invalid_payload(LINE("ab\\"), &out, &len) == FRAMES_OK && len == 4);
    free(out);
}

/* Parses line: COMMAND of kind with data want (NUL-terminated), or REFUSED with error. */
static void expect_line(int at, const char *line, enum frames_line result, enum frames_kind kind, const char *want,
                        size_t want_len, int code, unsigned fragments, enum frames_error error)
{
    struct frames_request r;
    enum frames_error e = FRAMES_CODE_UNUSED;
    enum frames_line got = frames_parse_line(line, strlen(line), &r, &e);
    CHECK_MSG(got == result && e == error, "line %d: \"%s\": result %d error \"%s\"", at, line, got,
              frames_error_text(e));
    if (got == FRAMES_LINE_COMMAND) {
        CHECK_MSG(r.kind == kind && r.len == want_len && (!want_len || memcmp(r.data, want, want_len) == 0) &&
                      r.code == code && r.fragments == fragments,
                  "line %d: \"%s\": kind %d, %zu bytes, code %d, %u fragments", at, line, r.kind, r.len, r.code,
                  r.fragments);
    } else {
        CHECK_MSG(r.kind == FRAMES_NONE && !r.data && !r.len, "line %d: nothing to send", at);
    }
    frames_request_free(&r);
}

#define PLAIN(line) expect_line(__LINE__, line, FRAMES_LINE_PLAIN, FRAMES_NONE, NULL, 0, 0, 0, FRAMES_OK)
#define COMMAND(line, kind, want, code, n) \
    expect_line(__LINE__, line, FRAMES_LINE_COMMAND, kind, want, sizeof want - 1, code, n, FRAMES_OK)
#define REFUSED(line, error) expect_line(__LINE__, line, FRAMES_LINE_REFUSED, FRAMES_NONE, NULL, 0, 0, 0, error)

static void test_slash(void)
{
    PLAIN("");
    PLAIN("hello /ping");
    PLAIN(" /ping");
    COMMAND("/ping", FRAMES_PING, "", 0, 0);
    COMMAND("/ping ", FRAMES_PING, "", 0, 0);
    COMMAND("/ping hello there", FRAMES_PING, "hello there", 0, 0);
    COMMAND("/ping  two spaces", FRAMES_PING, " two spaces", 0, 0);
    COMMAND("/pong unasked", FRAMES_PONG, "unasked", 0, 0);
    COMMAND("/close", FRAMES_CLOSE, "", 1000, 0);
    COMMAND("/close 4001", FRAMES_CLOSE, "", 4001, 0);
    COMMAND("/close 4001 going now", FRAMES_CLOSE, "going now", 4001, 0);
    COMMAND("/close 1000 at\xC3\xA9", FRAMES_CLOSE, "at\xC3\xA9", 1000, 0);
    COMMAND("/fragments 4 hello world", FRAMES_FRAGMENTS, "hello world", 0, 4);
    COMMAND("/fragments 3", FRAMES_FRAGMENTS, "", 0, 3);
    COMMAND("/invalid hi", FRAMES_INVALID_UTF8, "hi\xFF", 0, 0);
    COMMAND("/invalid", FRAMES_INVALID_UTF8, "\xFF", 0, 0);
    COMMAND("/invalid a\\xfe", FRAMES_INVALID_UTF8, "a\xFE", 0, 0);
    COMMAND("//ping", FRAMES_MESSAGE, "/ping", 0, 0);
    COMMAND("//", FRAMES_MESSAGE, "/", 0, 0);

    REFUSED("/", FRAMES_UNKNOWN_COMMAND);
    REFUSED("/pingx", FRAMES_UNKNOWN_COMMAND);
    REFUSED("/PING", FRAMES_UNKNOWN_COMMAND);
    REFUSED("/send hello", FRAMES_UNKNOWN_COMMAND);
    REFUSED("/close 1005", FRAMES_CODE_LOCAL);
    REFUSED("/close 999 x", FRAMES_CODE_UNUSED);
    REFUSED("/close 2000", FRAMES_CODE_UNASSIGNED);
    REFUSED("/close 5000", FRAMES_CODE_TOO_HIGH);
    REFUSED("/close bye", FRAMES_CODE_NOT_A_NUMBER);
    REFUSED("/close 1000 \xFF", FRAMES_REASON_NOT_UTF8);
    REFUSED("/fragments", FRAMES_COUNT_NOT_A_NUMBER);
    REFUSED("/fragments x text", FRAMES_COUNT_NOT_A_NUMBER);
    REFUSED("/fragments 1 text", FRAMES_COUNT_RANGE);
    REFUSED("/fragments 1001 text", FRAMES_COUNT_RANGE);
    REFUSED("/invalid \\xc3\\xa9", FRAMES_STILL_UTF8);
    REFUSED("/invalid \\xq", FRAMES_ESCAPE);

    char line[300] = "/ping ";
    memset(line + 6, 'p', 125);
    line[131] = '\0';
    struct frames_request r;
    enum frames_error e;
    CHECK(frames_parse_line(line, strlen(line), &r, &e) == FRAMES_LINE_COMMAND && r.len == 125);
    frames_request_free(&r);
    line[131] = 'p';
    line[132] = '\0';
    CHECK(frames_parse_line(line, strlen(line), &r, &e) == FRAMES_LINE_REFUSED && e == FRAMES_CONTROL_TOO_LONG);
    char close_line[300] = "/close 4000 ";
    memset(close_line + 12, 'c', 124);
    close_line[136] = '\0';
    CHECK(frames_parse_line(close_line, strlen(close_line), &r, &e) == FRAMES_LINE_REFUSED &&
          e == FRAMES_REASON_TOO_LONG);
    close_line[135] = '\0';
    CHECK(frames_parse_line(close_line, strlen(close_line), &r, &e) == FRAMES_LINE_COMMAND && r.len == 123);
    frames_request_free(&r);
}

static void test_build(void)
{
    struct frames_request r;
    CHECK(frames_build(FRAMES_PING, "abc", 3, 0, 0, &r) == FRAMES_OK && r.kind == FRAMES_PING && r.len == 3);
    frames_request_free(&r);
    CHECK(r.kind == FRAMES_NONE && r.data == NULL);
    CHECK(frames_build(FRAMES_FRAGMENTS, "abcdef", 6, 0, 1, &r) == FRAMES_COUNT_RANGE && r.kind == FRAMES_NONE);
    CHECK(frames_build(FRAMES_CLOSE, "why", 3, 3000, 0, &r) == FRAMES_OK && r.code == 3000 && r.len == 3);
    frames_request_free(&r);
    CHECK(frames_build(FRAMES_CLOSE, "", 0, 1016, 0, &r) == FRAMES_CODE_UNASSIGNED && !r.data);
}

int main(void)
{
    test_codes();
    test_fragments();
    test_invalid();
    test_slash();
    test_build();
    return check_summary("frames");
}
