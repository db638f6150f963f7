/* SPDX-License-Identifier: MIT */
/* wrap: word wrapping with a fixed-width "font" (CHAR_W pixels a code point). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "utf8.h"
#include "wrap.h"

#define CHAR_W 8

static size_t measured_bytes; /* how much text the font was asked to measure */

static int fixed_width(void *user, const char *text, size_t len)
{
    (void)user;
    measured_bytes += len;
    return (int)utf8_count(text, len) * CHAR_W;
}

static const struct wrap_measure fixed = {fixed_width, NULL};

static void wrap_case(const char *text, int width_chars, const char *const *expected, size_t n)
{
    struct wrap w = {0};
    CHECK(wrap_text(&fixed, text, strlen(text), width_chars * CHAR_W, 0, &w));
    CHECK_MSG(w.count == n, "'%s' at %d: %zu lines, expected %zu", text, width_chars, w.count, n);
    for (size_t i = 0; i < n && i < w.count; i++) {
        bool same = strlen(expected[i]) == w.lines[i].len &&
                    !memcmp(text + w.lines[i].start, expected[i], w.lines[i].len);
        CHECK_MSG(same, "'%s' line %zu is '%.*s', expected '%s'", text, i, (int)w.lines[i].len,
                  text + w.lines[i].start, expected[i]);
        CHECK((int)utf8_count(text + w.lines[i].start, w.lines[i].len) * CHAR_W <= width_chars * CHAR_W ||
              w.lines[i].len == (uint32_t)utf8_next(text + w.lines[i].start, w.lines[i].len, 0));
    }
    wrap_free(&w);
}

#define LINES(...) (const char *const[]){__VA_ARGS__}, sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *)

static void test_wrap(void)
{
    wrap_case("hello world", 20, LINES("hello world"));
    wrap_case("hello world", 8, LINES("hello", "world"));
    wrap_case("hello world", 11, LINES("hello world"));
    wrap_case("hello world", 10, LINES("hello", "world"));
    wrap_case("a bb ccc dddd", 6, LINES("a bb", "ccc", "dddd"));
    /* A word longer than the line breaks where it must. */
    wrap_case("abcdefghij", 4, LINES("abcd", "efgh", "ij"));
    wrap_case("xy abcdefghij", 4, LINES("xy", "abcd", "efgh", "ij"));
    /* Multi-byte characters are never split. */
    wrap_case("\xC3\xA1\xC3\xA9\xC3\xAD\xC3\xB3\xC3\xBA", 2,
              LINES("\xC3\xA1\xC3\xA9", "\xC3\xAD\xC3\xB3", "\xC3\xBA"));
    /* Hard line breaks, empty lines kept. */
    wrap_case("one\n\ntwo", 20, LINES("one", "", "two"));
    wrap_case("end\n", 20, LINES("end", ""));
    wrap_case("", 20, LINES(""));
    /* Leading spaces of a paragraph stay; spaces at a break go. */
    wrap_case("  indented", 20, LINES("  indented"));
    wrap_case("aaa     bbb", 5, LINES("aaa", "bbb"));
    /* Width 1 char: every character on its own line. */
    wrap_case("abc", 1, LINES("a", "b", "c"));

    struct wrap w = {0};
    /* max_lines stops early and says how much is left. */
    CHECK(wrap_text(&fixed, "aa bb cc dd", 11, 2 * CHAR_W, 2, &w));
    CHECK(w.count == 2 && w.rest == 5); /* "cc dd" */
    CHECK(wrap_text(&fixed, "a\n\n\nb", 6, 100, 2, &w));
    CHECK(w.count == 2 && w.rest == 3);
    CHECK(wrap_text(&fixed, "aa bb", 5, 2 * CHAR_W, 2, &w));
    CHECK(w.count == 2 && w.rest == 0);

    /* A 64 KiB word: linear work, not quadratic. Every line is measured a
     * bounded number of times over at most width-worth of bytes. */
    size_t n = 64 << 10;
    char *word = malloc(n + 1);
    memset(word, 'w', n);
    word[n] = '\0';
    measured_bytes = 0;
    CHECK(wrap_text(&fixed, word, n, 400, 0, &w));
    CHECK(w.count == n / (400 / CHAR_W) + (n % (400 / CHAR_W) != 0));
    CHECK_MSG(measured_bytes < 40 * n, "wrapping 64 KiB measured %zu bytes", measured_bytes);
    free(word);
    wrap_free(&w);
}

int main(void)
{
    test_wrap();
    return check_summary("wrap");
}
