/* SPDX-License-Identifier: MIT */
/* test_textedit: the editing model driven as the composer widget drives it,
 * with the invariants (valid UTF-8, NUL-terminated, caret and anchor on
 * boundaries, undo within its bounds) checked after every step. */
#include "check.h"
#include "textedit.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static bool on_boundary(const struct textedit *te, size_t offset)
{
    return offset <= te->len &&
           (offset == te->len ||
            ((unsigned char)te->text[offset] & 0xC0) != 0x80);
}

static void check_invariants(int line, const struct textedit *te)
{
    CHECK_MSG(te->text != NULL && te->len < te->cap &&
                  te->text[te->len] == '\0' && strlen(te->text) == te->len,
              "line %d: text not a NUL-terminated string of len bytes", line);
    CHECK_MSG(utf8_valid(te->text, te->len), "line %d: invalid UTF-8", line);
    CHECK_MSG(on_boundary(te, te->caret) && on_boundary(te, te->anchor),
              "line %d: caret %zu / anchor %zu off a boundary", line,
              te->caret, te->anchor);
    CHECK_MSG(te->undo_bytes <= TEXTEDIT_MAX_UNDO_BYTES &&
                  te->step_count <= TEXTEDIT_MAX_STEPS &&
                  te->step_done <= te->step_count,
              "line %d: undo holds %zu bytes in %zu steps (%zu done)", line,
              te->undo_bytes, te->step_count, te->step_done);
}

/* Text, caret and anchor in one go, plus the invariants. */
static void expect_state(int line, const struct textedit *te, const char *text,
                         size_t caret, size_t anchor)
{
    check_invariants(line, te);
    CHECK_MSG(te->len == strlen(text) && strcmp(te->text, text) == 0,
              "line %d: text is \"%s\", wanted \"%s\"", line, te->text, text);
    CHECK_MSG(te->caret == caret && te->anchor == anchor,
              "line %d: caret %zu anchor %zu, wanted %zu %zu", line, te->caret,
              te->anchor, caret, anchor);
}

#define EXPECT(te, text, caret, anchor) \
    expect_state(__LINE__, te, text, caret, anchor)

static void set(struct textedit *te, const char *text)
{
    CHECK(textedit_set(te, text, strlen(text)));
}

static void test_init_and_set(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    EXPECT(&te, "", 0, 0);
    set(&te, "h\xC3\xA9llo");
    EXPECT(&te, "h\xC3\xA9llo", 6, 6);
    /* set cleans like insert does; newlines stay. */
    CHECK(textedit_set(&te, "a\r\nb\xFF", 5));
    EXPECT(&te, "a\nb\xEF\xBF\xBD", 6, 6);
    textedit_clear(&te);
    EXPECT(&te, "", 0, 0);
    textedit_free(&te);
    CHECK(te.text == NULL && te.len == 0 && te.cap == 0);
}

static void test_caret_moves(void)
{
    struct textedit te;
    /* h é l l o: starts 0 1 3 4 5, length 6 */
    static const size_t left[] = {5, 4, 3, 1, 0, 0};
    static const size_t right[] = {1, 3, 4, 5, 6, 6};

    CHECK(textedit_init(&te));
    set(&te, "h\xC3\xA9llo");
    for (size_t k = 0; k < 6; k++) {
        textedit_move(&te, TEXTEDIT_LEFT, false);
        EXPECT(&te, "h\xC3\xA9llo", left[k], left[k]);
    }
    for (size_t k = 0; k < 6; k++) {
        textedit_move(&te, TEXTEDIT_RIGHT, false);
        EXPECT(&te, "h\xC3\xA9llo", right[k], right[k]);
    }
    textedit_move(&te, TEXTEDIT_LINE_START, false);
    EXPECT(&te, "h\xC3\xA9llo", 0, 0);
    textedit_move(&te, TEXTEDIT_LINE_END, false);
    EXPECT(&te, "h\xC3\xA9llo", 6, 6);
    /* The one-line names still work for the widget. */
    textedit_move(&te, TEXTEDIT_HOME, false);
    EXPECT(&te, "h\xC3\xA9llo", 0, 0);
    textedit_move(&te, TEXTEDIT_END, false);
    EXPECT(&te, "h\xC3\xA9llo", 6, 6);

    /* An emoji is one step. */
    set(&te, "a\xF0\x9F\x98\x80" "b");
    textedit_move(&te, TEXTEDIT_LEFT, false);
    textedit_move(&te, TEXTEDIT_LEFT, false);
    EXPECT(&te, "a\xF0\x9F\x98\x80" "b", 1, 1);
    textedit_move(&te, TEXTEDIT_RIGHT, false);
    EXPECT(&te, "a\xF0\x9F\x98\x80" "b", 5, 5);

    /* set_caret rounds down to a boundary and clamps. */
    textedit_set_caret(&te, 3, false);
    EXPECT(&te, "a\xF0\x9F\x98\x80" "b", 1, 1);
    textedit_set_caret(&te, 100, false);
    EXPECT(&te, "a\xF0\x9F\x98\x80" "b", 6, 6);
    textedit_set_caret(&te, 0, true);
    EXPECT(&te, "a\xF0\x9F\x98\x80" "b", 0, 6);
    textedit_free(&te);
}

static void test_backspace_delete(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    CHECK(!textedit_backspace(&te));
    CHECK(!textedit_delete(&te));
    EXPECT(&te, "", 0, 0);

    set(&te, "\xC3\xA9");
    CHECK(textedit_backspace(&te));
    EXPECT(&te, "", 0, 0);

    set(&te, "a\xF0\x9F\x98\x80" "b");
    textedit_set_caret(&te, 5, false);
    CHECK(textedit_backspace(&te));
    EXPECT(&te, "ab", 1, 1);

    set(&te, "a\xF0\x9F\x98\x80" "b");
    textedit_set_caret(&te, 1, false);
    CHECK(textedit_delete(&te));
    EXPECT(&te, "ab", 1, 1);

    set(&te, "x\xE2\x82\xAC");
    CHECK(textedit_backspace(&te));
    EXPECT(&te, "x", 1, 1);
    CHECK(textedit_backspace(&te));
    CHECK(!textedit_backspace(&te));
    EXPECT(&te, "", 0, 0);

    set(&te, "\xC3\xA9z");
    textedit_move(&te, TEXTEDIT_DOC_START, false);
    CHECK(textedit_delete(&te));
    EXPECT(&te, "z", 0, 0);
    textedit_move(&te, TEXTEDIT_DOC_END, false);
    CHECK(!textedit_delete(&te));
    EXPECT(&te, "z", 1, 1);
    textedit_free(&te);
}

static void test_insert_cleaning(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    CHECK(textedit_insert(&te, "a\r\nb\nc\rd\te", 11));
    EXPECT(&te, "a\nb\nc\nd\te", 9, 9);

    textedit_clear(&te);
    CHECK(textedit_insert(&te, "x\x01y\x7Fz\x1B", 6));
    EXPECT(&te, "xyz", 3, 3);

    /* NUL counts as a control character inside an explicit length. */
    textedit_clear(&te);
    CHECK(textedit_insert(&te, "p\0q", 3));
    EXPECT(&te, "pq", 2, 2);

    /* C1 controls go (NEL U+0085, CSI U+009B); U+00A0 is not one of them. */
    textedit_clear(&te);
    CHECK(textedit_insert(&te, "1\xC2\x85" "2\xC2\x9B" "3\xC2\xA0" "4", 10));
    EXPECT(&te, "123\xC2\xA0" "4", 6, 6);

    /* Paste of invalid UTF-8: one U+FFFD per maximal subpart. */
    textedit_clear(&te);
    CHECK(textedit_insert(&te, "ok\xC0\x80!", 5));
    EXPECT(&te, "ok\xEF\xBF\xBD\xEF\xBF\xBD!", 9, 9);
    textedit_clear(&te);
    CHECK(textedit_insert(&te, "\xE2\x82" "A\xFF", 4));
    EXPECT(&te, "\xEF\xBF\xBD" "A\xEF\xBF\xBD", 7, 7);
    /* A truncated sequence at the end of one paste does not join the next. */
    textedit_clear(&te);
    CHECK(textedit_insert(&te, "\xC3", 1));
    CHECK(textedit_insert(&te, "\xA9", 1));
    EXPECT(&te, "\xEF\xBF\xBD\xEF\xBF\xBD", 6, 6);

    /* Inserting in the middle keeps both sides. */
    set(&te, "ad");
    textedit_set_caret(&te, 1, false);
    CHECK(textedit_insert(&te, "b\xC3\xA9" "c", 4));
    EXPECT(&te, "ab\xC3\xA9" "cd", 5, 5);
    /* An empty insert changes nothing, and says so. */
    CHECK(!textedit_insert(&te, "", 0));
    EXPECT(&te, "ab\xC3\xA9" "cd", 5, 5);
    /* Nor does one that cleans to nothing, even over a selection. */
    textedit_set_caret(&te, 0, true);
    CHECK(!textedit_insert(&te, "\x1B\x7F", 2));
    EXPECT(&te, "ab\xC3\xA9" "cd", 0, 5);
    textedit_free(&te);
}

static void test_selection(void)
{
    struct textedit te;
    size_t start, end;

    CHECK(textedit_init(&te));
    set(&te, "hello world");
    CHECK(!textedit_has_selection(&te));
    textedit_selection(&te, &start, &end);
    CHECK(start == 11 && end == 11);
    CHECK(!textedit_delete_selection(&te));

    /* Replace a selection made with the mouse. */
    textedit_set_caret(&te, 0, false);
    textedit_set_caret(&te, 5, true);
    CHECK(textedit_has_selection(&te));
    textedit_selection(&te, &start, &end);
    CHECK(start == 0 && end == 5);
    CHECK(textedit_insert(&te, "bye", 3));
    EXPECT(&te, "bye world", 3, 3);

    /* Shift+Left five times selects backwards; typing replaces it. */
    set(&te, "hello world");
    for (int k = 0; k < 5; k++)
        textedit_move(&te, TEXTEDIT_LEFT, true);
    EXPECT(&te, "hello world", 6, 11);
    textedit_selection(&te, &start, &end);
    CHECK(start == 6 && end == 11);
    CHECK(textedit_insert(&te, "th\xC3\xA9re", 6));
    EXPECT(&te, "hello th\xC3\xA9re", 12, 12);

    /* Select all, then Backspace empties the box. */
    textedit_select_all(&te);
    EXPECT(&te, "hello th\xC3\xA9re", 12, 0);
    CHECK(textedit_backspace(&te));
    EXPECT(&te, "", 0, 0);
    textedit_select_all(&te);
    CHECK(!textedit_backspace(&te));

    /* Delete with a selection removes only the selection. */
    set(&te, "abcdef");
    textedit_set_caret(&te, 1, false);
    textedit_set_caret(&te, 4, true);
    CHECK(textedit_delete(&te));
    EXPECT(&te, "aef", 1, 1);

    /* Left/Right without Shift collapse to the selection's start/end,
     * whichever end the caret is on. */
    set(&te, "abcdef");
    textedit_select_all(&te);
    textedit_move(&te, TEXTEDIT_LEFT, false);
    EXPECT(&te, "abcdef", 0, 0);
    textedit_select_all(&te);
    textedit_move(&te, TEXTEDIT_RIGHT, false);
    EXPECT(&te, "abcdef", 6, 6);
    textedit_set_caret(&te, 4, false);
    textedit_set_caret(&te, 2, true);
    textedit_move(&te, TEXTEDIT_LEFT, false);
    EXPECT(&te, "abcdef", 2, 2);
    textedit_set_caret(&te, 4, false);
    textedit_set_caret(&te, 2, true);
    textedit_move(&te, TEXTEDIT_RIGHT, false);
    EXPECT(&te, "abcdef", 4, 4);
    textedit_set_caret(&te, 2, false);
    textedit_set_caret(&te, 4, true);
    textedit_move(&te, TEXTEDIT_LEFT, false);
    EXPECT(&te, "abcdef", 2, 2);

    /* With Shift the selection grows or shrinks from the caret. */
    textedit_set_caret(&te, 2, false);
    textedit_set_caret(&te, 4, true);
    textedit_move(&te, TEXTEDIT_RIGHT, true);
    EXPECT(&te, "abcdef", 5, 2);
    textedit_move(&te, TEXTEDIT_LEFT, true);
    textedit_move(&te, TEXTEDIT_LEFT, true);
    EXPECT(&te, "abcdef", 3, 2);
    textedit_move(&te, TEXTEDIT_LINE_START, true);
    EXPECT(&te, "abcdef", 0, 2);
    textedit_move(&te, TEXTEDIT_LINE_END, false);
    EXPECT(&te, "abcdef", 6, 6);
    CHECK(textedit_delete_selection(&te) == false);
    textedit_free(&te);
}

static void test_word_moves(void)
{
    struct textedit te;
    /* hello(0..5) ", " w\xC3\xB6rld_x(7..15) " " 42(16..18) "  " foo(20..23) */
    const char *s = "hello, w\xC3\xB6rld_x 42  foo";
    static const size_t lefts[] = {20, 16, 7, 0, 0};
    static const size_t rights[] = {5, 15, 18, 23, 23};

    CHECK(textedit_init(&te));
    set(&te, s);
    CHECK(te.len == 23);
    for (size_t k = 0; k < 5; k++) {
        textedit_move(&te, TEXTEDIT_WORD_LEFT, false);
        EXPECT(&te, s, lefts[k], lefts[k]);
    }
    for (size_t k = 0; k < 5; k++) {
        textedit_move(&te, TEXTEDIT_WORD_RIGHT, false);
        EXPECT(&te, s, rights[k], rights[k]);
    }
    /* From inside a word: to its own start / end. */
    textedit_set_caret(&te, 10, false);
    textedit_move(&te, TEXTEDIT_WORD_LEFT, false);
    EXPECT(&te, s, 7, 7);
    textedit_set_caret(&te, 10, false);
    textedit_move(&te, TEXTEDIT_WORD_RIGHT, false);
    EXPECT(&te, s, 15, 15);
    /* With Shift: Ctrl+Shift+Left selects the last word. */
    textedit_move(&te, TEXTEDIT_DOC_END, false);
    textedit_move(&te, TEXTEDIT_WORD_LEFT, true);
    EXPECT(&te, s, 20, 23);
    /* Without Shift, a word move from a selection starts at the caret. */
    textedit_move(&te, TEXTEDIT_WORD_LEFT, false);
    EXPECT(&te, s, 16, 16);

    /* Non-ASCII letters are word characters. */
    set(&te, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E text");
    textedit_move(&te, TEXTEDIT_DOC_START, false);
    textedit_move(&te, TEXTEDIT_WORD_RIGHT, false);
    EXPECT(&te, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E text", 9, 9);
    textedit_move(&te, TEXTEDIT_WORD_RIGHT, false);
    EXPECT(&te, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E text", 14, 14);
    textedit_move(&te, TEXTEDIT_WORD_LEFT, false);
    textedit_move(&te, TEXTEDIT_WORD_LEFT, false);
    EXPECT(&te, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E text", 0, 0);

    /* Only separators: a word move runs to the end. */
    set(&te, " ,.!");
    textedit_move(&te, TEXTEDIT_WORD_LEFT, false);
    EXPECT(&te, " ,.!", 0, 0);
    textedit_move(&te, TEXTEDIT_WORD_RIGHT, false);
    EXPECT(&te, " ,.!", 4, 4);
    textedit_free(&te);
}

/* A monospace font: 10 units per code point. */
static int mono_width(void *user, const char *text, size_t len)
{
    (void)user;
    return 10 * (int)utf8_count(text, len);
}

/* A proportional font: 'i' 3, 'm' 15, other ASCII 8, non-ASCII 12. Counts
 * its calls and the bytes it measures. */
struct measure {
    size_t calls;
    size_t bytes;
};

static int advance(uint32_t cp)
{
    return cp == 'i' ? 3 : cp == 'm' ? 15 : cp < 0x80 ? 8 : 12;
}

static int prop_width(void *user, const char *text, size_t len)
{
    struct measure *m = user;
    int w = 0;

    if (m != NULL) {
        m->calls++;
        m->bytes += len;
    }
    for (size_t i = 0; i < len;) {
        uint32_t cp;

        i += utf8_decode(text + i, len - i, &cp);
        w += advance(cp);
    }
    return w;
}

static void test_offset_at(void)
{
    struct textedit te;
    /* a é 😀 b: boundaries 0 1 3 7 8 at 0 10 20 30 40 */
    static const struct {
        int x;
        size_t want;
    } mono[] = {{-5, 0}, {0, 0}, {4, 0}, {5, 1},  {14, 1},   {16, 3},
                {24, 3}, {26, 7}, {34, 7}, {35, 8}, {40, 8}, {1000, 8}};
    /* i m i: boundaries 0 1 2 3 at 0 3 18 21 */
    static const struct {
        int x;
        size_t want;
    } prop[] = {{0, 0}, {1, 0}, {2, 1}, {10, 1}, {11, 2}, {19, 2},
                {20, 3}, {21, 3}, {99, 3}};

    CHECK(textedit_init(&te));
    CHECK(textedit_offset_at(&te, 50, mono_width, NULL) == 0);

    set(&te, "a\xC3\xA9\xF0\x9F\x98\x80" "b");
    for (size_t k = 0; k < sizeof mono / sizeof mono[0]; k++) {
        size_t got = textedit_offset_at(&te, mono[k].x, mono_width, NULL);

        CHECK_MSG(got == mono[k].want, "mono x=%d: got %zu, wanted %zu",
                  mono[k].x, got, mono[k].want);
    }

    set(&te, "imi");
    for (size_t k = 0; k < sizeof prop / sizeof prop[0]; k++) {
        size_t got = textedit_offset_at(&te, prop[k].x, prop_width, NULL);

        CHECK_MSG(got == prop[k].want, "prop x=%d: got %zu, wanted %zu",
                  prop[k].x, got, prop[k].want);
    }
    textedit_free(&te);
}

/* On a long mixed line, compare with the nearest boundary found by brute
 * force, and make sure a click measures O(log n) prefixes, not one per
 * boundary. */
static void test_offset_at_long(void)
{
    static const char *pieces[] = {"i", "m", "w", "\xC3\xA9",
                                   "\xF0\x9F\x98\x80", " "};
    struct textedit te;
    char *text = malloc(10001);
    size_t len = 0;
    int *widths; /* width at each byte offset that is a boundary */
    size_t bad = 0, worst_calls = 0, worst_bytes = 0;
    unsigned seed = 1;

    while (len < 9990) {
        const char *p;

        seed = seed * 1103515245u + 12345u;
        p = pieces[(seed >> 16) % 6];
        memcpy(text + len, p, strlen(p));
        len += strlen(p);
    }
    CHECK(textedit_init(&te));
    CHECK(textedit_set(&te, text, len));
    widths = malloc((len + 1) * sizeof *widths);
    widths[0] = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(text + i, len - i, &cp);

        for (size_t k = 1; k < n; k++)
            widths[i + k] = -1;
        widths[i + n] = widths[i] + advance(cp);
        i += n;
    }

    for (int x = -3; x <= widths[len] + 3; x += 7) {
        struct measure m = {0, 0};
        size_t got = textedit_offset_at(&te, x, prop_width, &m);
        size_t best = 0;
        long best_distance = -1;

        for (size_t i = 0; i <= len; i++) {
            long distance = labs((long)widths[i] - x);

            /* Ties go to the later boundary, so <= keeps the last one. */
            if (widths[i] >= 0 &&
                (best_distance < 0 || distance <= best_distance)) {
                best = i;
                best_distance = distance;
            }
        }
        if (got != best) {
            if (bad++ < 5)
                fprintf(stderr, "  x=%d: got %zu, nearest %zu\n", x, got,
                        best);
        }
        if (m.calls > worst_calls)
            worst_calls = m.calls;
        if (m.bytes > worst_bytes)
            worst_bytes = m.bytes;
        if (worst_calls > 20)
            break; /* a search this slow would take minutes over all x */
    }
    CHECK_MSG(bad == 0, "%zu clicks landed off the nearest boundary", bad);
    /* log2(10000) is about 14; allow the two end probes and some slack. */
    CHECK_MSG(worst_calls <= 20, "%zu width calls for one click",
              worst_calls);
    CHECK_MSG(worst_bytes <= 20 * len, "%zu bytes measured for one click",
              worst_bytes);
    free(widths);
    free(text);
    textedit_free(&te);
}

static void test_growth(void)
{
    struct textedit te;
    size_t bad = 0;

    CHECK(textedit_init(&te));
    for (int k = 0; k < 5000; k++) {
        if (!textedit_insert(&te, k % 2 ? "\xC3\xA9" : "x", k % 2 ? 2 : 1) ||
            te.text[te.len] != '\0' || te.len >= te.cap)
            bad++;
    }
    CHECK(bad == 0);
    CHECK(te.len == 7500 && te.caret == 7500);
    CHECK(utf8_count(te.text, te.len) == 5000);
    CHECK(te.cap >= te.len + 1 && te.cap <= 2 * (te.len + 1));
    check_invariants(__LINE__, &te);
    for (int k = 0; k < 5000; k++)
        if (!textedit_backspace(&te))
            bad++;
    CHECK(bad == 0);
    EXPECT(&te, "", 0, 0);
    textedit_free(&te);
}


/* What a paste of text from another program turns into. */
static void test_paste_filter(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    /* CR LF and a lone CR become LF; LF and TAB stay. */
    CHECK(textedit_paste(&te, "a\r\nb\rc\nd\te\r\r\nf\r", 15));
    EXPECT(&te, "a\nb\nc\nd\te\n\nf\n", 13, 13);
    /* NUL, ESC, BEL, DEL and C1 (U+0080, NEL U+0085, CSI U+009B, U+009F)
     * go; NBSP U+00A0 is text. */
    textedit_clear(&te);
    CHECK(textedit_paste(&te, "1\0" "2\x1B[31m3\x07\x7F" "4\xC2\x80\xC2\x85"
                              "5\xC2\x9B\xC2\x9F" "6\xC2\xA0" "7",
                         25));
    EXPECT(&te, "12[31m3456\xC2\xA0" "7", 13, 13);
    textedit_clear(&te);
    CHECK(textedit_paste(&te, "x\xC2\xA0y", 4));
    EXPECT(&te, "x\xC2\xA0y", 4, 4);
    /* Invalid bytes become U+FFFD: a stray continuation, a lead byte cut
     * short by ASCII, an overlong NUL, a surrogate, past U+10FFFF. */
    textedit_clear(&te);
    CHECK(textedit_paste(&te, "\x80" "a\xE2\x82" "b\xC0\x80" "c\xED\xA0\x80"
                              "d\xF4\x90\x80\x80",
                         16));
    EXPECT(&te,
           "\xEF\xBF\xBD" "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD"
           "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
           "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
           37, 37);
    /* Valid multi-byte text passes untouched. */
    textedit_clear(&te);
    CHECK(textedit_paste(&te, "a\xC3\xA7\xC3\xA3o \xE6\x97\xA5 \xF0\x9F\x98\x80", 15));
    EXPECT(&te, "a\xC3\xA7\xC3\xA3o \xE6\x97\xA5 \xF0\x9F\x98\x80", 15, 15);
    /* A paste of only control characters changes nothing. */
    CHECK(!textedit_paste(&te, "\x01\x02\x1B", 3));
    CHECK(te.len == 15);
    textedit_free(&te);
}

/* "foo bar  \nbaz\n\nqux": lines [0,9) [10,13) [14,14) [15,18). */
static const char *lines = "foo bar  \nbaz\n\nqux";

static void test_lines(void)
{
    struct textedit te;
    static const struct {
        size_t at, start, end;
    } cases[] = {
        {0, 0, 9},    {5, 0, 9},    {9, 0, 9},    {10, 10, 13}, {12, 10, 13},
        {13, 10, 13}, {14, 14, 14}, {15, 15, 18}, {18, 15, 18}, {99, 15, 18},
    };

    CHECK(textedit_init(&te));
    set(&te, lines);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t start = textedit_line_start(&te, cases[k].at);
        size_t end = textedit_line_end(&te, cases[k].at);

        CHECK_MSG(start == cases[k].start && end == cases[k].end,
                  "line of %zu: [%zu, %zu), wanted [%zu, %zu)", cases[k].at,
                  start, end, cases[k].start, cases[k].end);
    }

    /* Home/End stay on the caret's line; Ctrl+Home/End go to the ends. */
    textedit_set_caret(&te, 11, false);
    textedit_move(&te, TEXTEDIT_LINE_END, false);
    EXPECT(&te, lines, 13, 13);
    textedit_move(&te, TEXTEDIT_LINE_END, false);
    EXPECT(&te, lines, 13, 13);
    textedit_move(&te, TEXTEDIT_LINE_START, false);
    EXPECT(&te, lines, 10, 10);
    textedit_move(&te, TEXTEDIT_LINE_START, false);
    EXPECT(&te, lines, 10, 10);
    textedit_move(&te, TEXTEDIT_DOC_END, false);
    EXPECT(&te, lines, 18, 18);
    textedit_move(&te, TEXTEDIT_LINE_START, false);
    EXPECT(&te, lines, 15, 15);
    textedit_move(&te, TEXTEDIT_DOC_START, false);
    EXPECT(&te, lines, 0, 0);
    /* Left and Right step over a newline like any character. */
    textedit_set_caret(&te, 13, false);
    textedit_move(&te, TEXTEDIT_RIGHT, false);
    EXPECT(&te, lines, 14, 14);
    textedit_move(&te, TEXTEDIT_RIGHT, false);
    EXPECT(&te, lines, 15, 15);
    textedit_move(&te, TEXTEDIT_LEFT, false);
    textedit_move(&te, TEXTEDIT_LEFT, false);
    textedit_move(&te, TEXTEDIT_LEFT, false);
    EXPECT(&te, lines, 12, 12);

    /* Shift+moves select across lines; typing replaces the selection. */
    textedit_move(&te, TEXTEDIT_LINE_START, true);
    EXPECT(&te, lines, 10, 12);
    textedit_move(&te, TEXTEDIT_WORD_LEFT, true);
    EXPECT(&te, lines, 9, 12);
    textedit_move(&te, TEXTEDIT_LEFT, true);
    EXPECT(&te, lines, 8, 12);
    textedit_move(&te, TEXTEDIT_DOC_END, true);
    EXPECT(&te, lines, 18, 12);
    textedit_move(&te, TEXTEDIT_LINE_START, true);
    EXPECT(&te, lines, 15, 12);
    textedit_move(&te, TEXTEDIT_DOC_START, true);
    EXPECT(&te, lines, 0, 12);
    textedit_move(&te, TEXTEDIT_LINE_END, true);
    EXPECT(&te, lines, 9, 12);
    CHECK(textedit_insert(&te, "X", 1));
    EXPECT(&te, "foo bar  Xz\n\nqux", 10, 10);

    /* Home and End on lines of multi-byte characters. */
    set(&te, "\xC3\xA9\xC3\xA9\n\xF0\x9F\x98\x80\xE6\x97\xA5\n");
    textedit_set_caret(&te, 9, false);
    textedit_move(&te, TEXTEDIT_LINE_START, false);
    EXPECT(&te, "\xC3\xA9\xC3\xA9\n\xF0\x9F\x98\x80\xE6\x97\xA5\n", 5, 5);
    textedit_move(&te, TEXTEDIT_LINE_END, true);
    EXPECT(&te, "\xC3\xA9\xC3\xA9\n\xF0\x9F\x98\x80\xE6\x97\xA5\n", 12, 5);
    textedit_move(&te, TEXTEDIT_DOC_END, false);
    textedit_move(&te, TEXTEDIT_LINE_START, false);
    EXPECT(&te, "\xC3\xA9\xC3\xA9\n\xF0\x9F\x98\x80\xE6\x97\xA5\n", 13, 13);
    textedit_free(&te);
}

/* Runs WORD_RIGHT (or WORD_LEFT) from start until it stops moving, and
 * compares every stop with want[] (n stops). */
static void word_stops(int line, struct textedit *te, size_t start,
                       enum textedit_move move, const size_t *want, size_t n)
{
    textedit_set_caret(te, start, false);
    for (size_t k = 0; k < n; k++) {
        textedit_move(te, move, false);
        check_invariants(line, te);
        CHECK_MSG(te->caret == want[k] && te->anchor == want[k],
                  "line %d: stop %zu at %zu, wanted %zu", line, k, te->caret,
                  want[k]);
    }
}

#define WORD_STOPS(te, start, move, ...)                                 \
    do {                                                                 \
        static const size_t want_[] = {__VA_ARGS__};                     \
        word_stops(__LINE__, te, start, move, want_,                     \
                   sizeof want_ / sizeof want_[0]);                      \
    } while (0)

static void test_word_moves_unicode(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    /* "ação é": a ç ã o at 0 1 3 5, space 6, é 7, length 9. */
    set(&te, "a\xC3\xA7\xC3\xA3o \xC3\xA9");
    WORD_STOPS(&te, 0, TEXTEDIT_WORD_RIGHT, 6, 9, 9);
    WORD_STOPS(&te, 9, TEXTEDIT_WORD_LEFT, 7, 0, 0);
    WORD_STOPS(&te, 3, TEXTEDIT_WORD_RIGHT, 6);
    WORD_STOPS(&te, 3, TEXTEDIT_WORD_LEFT, 0);
    /* A full sentence with Portuguese punctuation. */
    set(&te, "N\xC3\xA3o, obrigado! \xC3\x89 s\xC3\xB3 isso.");
    /* Não(0..4) ", " obrigado(6..14) "! " É(16..18) " " só(19..22) " " isso(23..27) "." */
    WORD_STOPS(&te, 0, TEXTEDIT_WORD_RIGHT, 4, 14, 18, 22, 27, 28, 28);
    WORD_STOPS(&te, 28, TEXTEDIT_WORD_LEFT, 23, 19, 16, 6, 0, 0);

    /* CJK: a run of ideographs is one word; the ideographic comma and full
     * stop split. 日本語、テスト。: 3 bytes each. */
    set(&te, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x80\x81"
             "\xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88\xE3\x80\x82");
    WORD_STOPS(&te, 0, TEXTEDIT_WORD_RIGHT, 9, 21, 24);
    WORD_STOPS(&te, 24, TEXTEDIT_WORD_LEFT, 12, 0);
    /* Mixed with ASCII and fullwidth punctuation (！ U+FF01). */
    set(&te, "ok\xE6\x97\xA5\xEF\xBC\x81" "x");
    WORD_STOPS(&te, 0, TEXTEDIT_WORD_RIGHT, 5, 9);

    /* Emoji are 4-byte word characters: "hi 😀😀 yo". */
    set(&te, "hi \xF0\x9F\x98\x80\xF0\x9F\x98\x80 yo");
    WORD_STOPS(&te, 0, TEXTEDIT_WORD_RIGHT, 2, 11, 14);
    WORD_STOPS(&te, 14, TEXTEDIT_WORD_LEFT, 12, 3, 0);
    textedit_set_caret(&te, 3, false);
    textedit_move(&te, TEXTEDIT_RIGHT, false);
    EXPECT(&te, "hi \xF0\x9F\x98\x80\xF0\x9F\x98\x80 yo", 7, 7);
    textedit_set_caret(&te, 5, false); /* inside the first emoji */
    EXPECT(&te, "hi \xF0\x9F\x98\x80\xF0\x9F\x98\x80 yo", 3, 3);
    textedit_set_caret(&te, 10, true);
    EXPECT(&te, "hi \xF0\x9F\x98\x80\xF0\x9F\x98\x80 yo", 7, 3);

    /* Unicode spaces split words: NBSP, ideographic space U+3000. */
    set(&te, "a\xC3\xA9\xC2\xA0" "b\xE3\x80\x80" "c");
    WORD_STOPS(&te, 0, TEXTEDIT_WORD_RIGHT, 3, 6, 10);
    WORD_STOPS(&te, 10, TEXTEDIT_WORD_LEFT, 9, 5, 0);

    /* Newlines: each one is a stop, and skipping spaces stops at one. */
    set(&te, lines);
    WORD_STOPS(&te, 0, TEXTEDIT_WORD_RIGHT, 3, 7, 9, 10, 13, 14, 15, 18, 18);
    WORD_STOPS(&te, 18, TEXTEDIT_WORD_LEFT, 15, 14, 13, 10, 9, 4, 0, 0);
    /* Spaces at a line's start: Ctrl+Left stops at the line start. */
    set(&te, "ab\n  \xC3\xA9");
    WORD_STOPS(&te, 5, TEXTEDIT_WORD_LEFT, 3, 2, 0);
    WORD_STOPS(&te, 7, TEXTEDIT_WORD_LEFT, 5, 3, 2, 0);
    WORD_STOPS(&te, 2, TEXTEDIT_WORD_RIGHT, 3, 7);
    textedit_free(&te);
}

static void test_select_word_line(void)
{
    struct textedit te;
    static const struct {
        size_t at, start, end;
    } words[] = {
        {0, 0, 3},   {2, 0, 3},   {3, 3, 4},   {4, 4, 7},   {7, 7, 9},
        {8, 7, 9},   {9, 7, 9}, /* on the '\n' after spaces: the spaces */
        {12, 10, 13}, {13, 10, 13}, /* end of a line: the word before */
        {14, 14, 14}, /* an empty line */
        {16, 15, 18}, {18, 15, 18}, {99, 15, 18},
    };
    static const struct {
        size_t at, start, end;
    } line_cases[] = {
        {0, 0, 9}, {9, 0, 9}, {10, 10, 13}, {14, 14, 14}, {17, 15, 18},
    };

    CHECK(textedit_init(&te));
    set(&te, lines);
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        textedit_select_word(&te, words[k].at);
        check_invariants(__LINE__, &te);
        CHECK_MSG(te.anchor == words[k].start && te.caret == words[k].end,
                  "word at %zu: [%zu, %zu), wanted [%zu, %zu)", words[k].at,
                  te.anchor, te.caret, words[k].start, words[k].end);
    }
    for (size_t k = 0; k < sizeof line_cases / sizeof line_cases[0]; k++) {
        textedit_select_line(&te, line_cases[k].at);
        check_invariants(__LINE__, &te);
        CHECK_MSG(te.anchor == line_cases[k].start && te.caret == line_cases[k].end,
                  "line at %zu: [%zu, %zu), wanted [%zu, %zu)", line_cases[k].at,
                  te.anchor, te.caret, line_cases[k].start, line_cases[k].end);
    }

    /* Punctuation is taken one character at a time; a space run whole. */
    set(&te, "a,,b   c");
    textedit_select_word(&te, 1);
    EXPECT(&te, "a,,b   c", 2, 1);
    textedit_select_word(&te, 2);
    EXPECT(&te, "a,,b   c", 3, 2);
    textedit_select_word(&te, 5);
    EXPECT(&te, "a,,b   c", 7, 4);

    /* Multi-byte words, and offsets inside a code point. */
    set(&te, "diga \xC3\xA9 a\xC3\xA7\xC3\xA3o! \xE6\x97\xA5\xE6\x9C\xAC"
             "\xF0\x9F\x98\x80 \xC2\xBF");
    /* diga(0..4) ' ' é(5..7) ' ' ação(8..14) '!' ' ' 日本😀(16..26) ' ' ¿(27..29) */
    textedit_select_word(&te, 6);
    CHECK(te.anchor == 5 && te.caret == 7);
    textedit_select_word(&te, 10);
    CHECK(te.anchor == 8 && te.caret == 14);
    textedit_select_word(&te, 14);
    CHECK(te.anchor == 14 && te.caret == 15);
    textedit_select_word(&te, 24);
    CHECK(te.anchor == 16 && te.caret == 26);
    textedit_select_word(&te, 28);
    CHECK(te.anchor == 27 && te.caret == 29);
    check_invariants(__LINE__, &te);
    /* A line of one emoji, selected whole. */
    set(&te, "x\n\xF0\x9F\x98\x80\ny");
    textedit_select_line(&te, 4);
    EXPECT(&te, "x\n\xF0\x9F\x98\x80\ny", 6, 2);
    set(&te, "");
    textedit_select_word(&te, 0);
    EXPECT(&te, "", 0, 0);
    textedit_select_line(&te, 0);
    EXPECT(&te, "", 0, 0);
    textedit_free(&te);
}

/* What the widget does per visual line: the x offset within one line. */
static void test_offset_at_x(void)
{
    struct textedit te;
    size_t start, end;

    CHECK(textedit_init(&te));
    set(&te, "ab\ncd\xC3\xA9" "f\n");
    start = textedit_line_start(&te, 4);
    end = textedit_line_end(&te, 4);
    CHECK(start == 3 && end == 8);
    /* c d é f at 0 10 20 30 40 */
    CHECK(start + textedit_offset_at_x(te.text + start, end - start, -3,
                                       mono_width, NULL) == 3);
    CHECK(start + textedit_offset_at_x(te.text + start, end - start, 14,
                                       mono_width, NULL) == 4);
    CHECK(start + textedit_offset_at_x(te.text + start, end - start, 24,
                                       mono_width, NULL) == 5);
    CHECK(start + textedit_offset_at_x(te.text + start, end - start, 25,
                                       mono_width, NULL) == 7);
    CHECK(start + textedit_offset_at_x(te.text + start, end - start, 500,
                                       mono_width, NULL) == 8);
    /* The empty last line. */
    CHECK(textedit_offset_at_x(te.text + te.len, 0, 30, mono_width, NULL) == 0);
    textedit_free(&te);
}

/* Types text one code point at a time, as key presses arrive. */
static void type(struct textedit *te, const char *text)
{
    size_t len = strlen(text);

    for (size_t i = 0; i < len;) {
        size_t n = utf8_next(text, len, i) - i;

        CHECK(textedit_insert(te, text + i, n));
        i += n;
    }
}

static size_t undo_all(struct textedit *te)
{
    size_t n = 0;

    while (textedit_undo(te))
        n++;
    return n;
}

static void test_undo_typing(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    CHECK(!textedit_undo(&te) && !textedit_redo(&te));
    type(&te, "hello world");
    EXPECT(&te, "hello world", 11, 11);
    /* A word at a time, not a character. */
    CHECK(textedit_undo(&te));
    EXPECT(&te, "hello", 5, 5);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "", 0, 0);
    CHECK(!textedit_undo(&te));
    CHECK(textedit_redo(&te));
    EXPECT(&te, "hello", 5, 5);
    CHECK(textedit_redo(&te));
    EXPECT(&te, "hello world", 11, 11);
    CHECK(!textedit_redo(&te));

    /* Spaces run on with the word after them; a newline ends a word too. */
    textedit_clear(&te);
    type(&te, "ol\xC3\xA1  a\xC3\xA7\xC3\xA3o\n\xE6\x97\xA5\xF0\x9F\x98\x80!");
    CHECK(undo_all(&te) == 3);
    EXPECT(&te, "", 0, 0);
    CHECK(textedit_redo(&te));
    EXPECT(&te, "ol\xC3\xA1", 4, 4);
    CHECK(textedit_redo(&te));
    EXPECT(&te, "ol\xC3\xA1  a\xC3\xA7\xC3\xA3o", 12, 12);
    CHECK(textedit_redo(&te));
    EXPECT(&te, "ol\xC3\xA1  a\xC3\xA7\xC3\xA3o\n\xE6\x97\xA5\xF0\x9F\x98\x80!", 21, 21);

    /* Any caret move ends the run, even one that lands where it was. */
    textedit_clear(&te);
    type(&te, "ab");
    textedit_move(&te, TEXTEDIT_LEFT, false);
    textedit_move(&te, TEXTEDIT_RIGHT, false);
    type(&te, "c");
    textedit_set_caret(&te, 3, false);
    type(&te, "d");
    textedit_select_all(&te);
    textedit_set_caret(&te, 4, false);
    type(&te, "e");
    CHECK(textedit_undo(&te));
    EXPECT(&te, "abcd", 4, 4);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "abc", 3, 3);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "ab", 2, 2);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "", 0, 0);

    /* Typing, Backspace and Delete runs do not mix. */
    textedit_clear(&te);
    type(&te, "abc");
    CHECK(textedit_backspace(&te));
    CHECK(textedit_backspace(&te));
    type(&te, "xy");
    textedit_move(&te, TEXTEDIT_LINE_START, false);
    CHECK(textedit_delete(&te));
    CHECK(textedit_delete(&te));
    type(&te, "z");
    EXPECT(&te, "zy", 1, 1);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "y", 0, 0);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "axy", 0, 0);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "a", 1, 1);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "abc", 3, 3);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "", 0, 0);
    CHECK(!textedit_undo(&te));
    textedit_free(&te);
}

static void test_undo_backspace_delete(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    set(&te, "one two three");
    for (int k = 0; k < 8; k++)
        CHECK(textedit_backspace(&te));
    EXPECT(&te, "one t", 5, 5);
    /* The run of Backspaces is one step. */
    CHECK(textedit_undo(&te));
    EXPECT(&te, "one two three", 13, 13);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "", 0, 0);
    CHECK(textedit_redo(&te));
    CHECK(textedit_redo(&te));
    EXPECT(&te, "one t", 5, 5);

    /* Backspace and Delete over multi-byte characters come back whole and
     * in order. */
    set(&te, "a\xC3\xA9\xF0\x9F\x98\x80\xE6\x97\xA5" "b");
    textedit_set_caret(&te, 10, false);
    for (int k = 0; k < 3; k++)
        CHECK(textedit_backspace(&te));
    EXPECT(&te, "ab", 1, 1);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "a\xC3\xA9\xF0\x9F\x98\x80\xE6\x97\xA5" "b", 10, 10);
    CHECK(textedit_redo(&te));
    EXPECT(&te, "ab", 1, 1);
    CHECK(textedit_undo(&te));
    textedit_set_caret(&te, 1, false);
    for (int k = 0; k < 3; k++)
        CHECK(textedit_delete(&te));
    EXPECT(&te, "ab", 1, 1);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "a\xC3\xA9\xF0\x9F\x98\x80\xE6\x97\xA5" "b", 1, 1);

    /* A long run of Backspaces, held down: one step, exact bytes back. */
    textedit_clear(&te);
    for (int k = 0; k < 3000; k++)
        CHECK(textedit_insert(&te, k % 3 == 0 ? "\xC3\xA7" : k % 3 == 1 ? "x" : "\xF0\x9F\x98\x80", k % 3 == 0 ? 2 : k % 3 == 1 ? 1 : 4));
    {
        char *before = malloc(te.len + 1);
        size_t before_len = te.len;

        memcpy(before, te.text, te.len + 1);
        textedit_set_caret(&te, te.len, false);
        for (int k = 0; k < 2000; k++)
            CHECK(textedit_backspace(&te));
        CHECK(before_len == 7000 && te.len == 2333);
        CHECK(textedit_undo(&te));
        CHECK(te.len == before_len && memcmp(te.text, before, before_len) == 0);
        CHECK(te.caret == before_len);
        free(before);
    }
    check_invariants(__LINE__, &te);

    /* Deleting a selection is a step of its own, restoring the selection;
     * Ctrl+Backspace (select a word left, then Backspace) is one per word. */
    set(&te, "alpha beta gamma");
    textedit_select_word(&te, 8);
    CHECK(textedit_delete(&te));
    CHECK(textedit_backspace(&te));
    EXPECT(&te, "alpha gamma", 5, 5);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "alpha  gamma", 6, 6);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "alpha beta gamma", 10, 6);
    textedit_move(&te, TEXTEDIT_DOC_END, false);
    for (int k = 0; k < 2; k++) {
        textedit_move(&te, TEXTEDIT_WORD_LEFT, true);
        CHECK(textedit_backspace(&te));
    }
    EXPECT(&te, "alpha ", 6, 6);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "alpha beta ", 6, 11);
    textedit_free(&te);
}

static void test_undo_selection_and_redo(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    /* Typing over a selection: undo brings back the text and the
     * selection, with the caret on the side it was. */
    set(&te, "hello world");
    textedit_set_caret(&te, 11, false);
    textedit_set_caret(&te, 6, true);
    type(&te, "th\xC3\xA9re");
    EXPECT(&te, "hello th\xC3\xA9re", 12, 12);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "hello world", 6, 11);
    CHECK(textedit_redo(&te));
    EXPECT(&te, "hello th\xC3\xA9re", 12, 12);
    CHECK(textedit_undo(&te));
    /* Undo of a cut puts the selection back. */
    textedit_select_all(&te);
    CHECK(textedit_delete_selection(&te));
    EXPECT(&te, "", 0, 0);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "hello world", 11, 0);

    /* Moving does not lose redo; a new change does. */
    set(&te, "");
    type(&te, "ab cd");
    CHECK(textedit_undo(&te));
    EXPECT(&te, "ab", 2, 2);
    textedit_move(&te, TEXTEDIT_LEFT, false);
    CHECK(textedit_redo(&te));
    EXPECT(&te, "ab cd", 5, 5);
    CHECK(textedit_undo(&te));
    CHECK(textedit_undo(&te));
    EXPECT(&te, "", 0, 0);
    type(&te, "x");
    CHECK(!textedit_redo(&te));
    EXPECT(&te, "x", 1, 1);
    /* Nor does a change that never happened. */
    CHECK(textedit_undo(&te));
    CHECK(!textedit_backspace(&te));
    CHECK(!textedit_insert(&te, "\x1B", 1));
    CHECK(textedit_redo(&te));
    EXPECT(&te, "x", 1, 1);

    /* Undo after a redo that followed more typing: the steps stay apart. */
    set(&te, "");
    type(&te, "one two");
    CHECK(textedit_undo(&te));
    type(&te, "!");
    EXPECT(&te, "one!", 4, 4);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "one", 3, 3);
    textedit_free(&te);
}

static void test_undo_paste_set_clear(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    /* A paste is a step of its own between typing. */
    type(&te, "ab");
    CHECK(textedit_paste(&te, "X\r\nY", 4));
    CHECK(textedit_paste(&te, "Z", 1));
    type(&te, "cd");
    EXPECT(&te, "abX\nYZcd", 8, 8);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "abX\nYZ", 6, 6);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "abX\nY", 5, 5);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "ab", 2, 2);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "", 0, 0);
    /* A paste over a selection. */
    set(&te, "keep this");
    textedit_select_word(&te, 6);
    CHECK(textedit_paste(&te, "\xC3\xA9sto", 5));
    EXPECT(&te, "keep \xC3\xA9sto", 10, 10);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "keep this", 9, 5);

    /* set is one step, restoring the old text and caret; the same text
     * again is no step at all. */
    textedit_clear(&te);
    type(&te, "draft");
    textedit_set_caret(&te, 2, false);
    set(&te, "a recalled message");
    EXPECT(&te, "a recalled message", 18, 18);
    set(&te, "a recalled message");
    set(&te, "a recalled \xC3\xA9 message");
    CHECK(textedit_undo(&te));
    EXPECT(&te, "a recalled message", 18, 18);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "draft", 2, 2);
    CHECK(textedit_redo(&te));
    CHECK(textedit_redo(&te));
    EXPECT(&te, "a recalled \xC3\xA9 message", 21, 21);
    /* A set differing inside a code point (é to è) round-trips. */
    set(&te, "a recalled \xC3\xA8 message");
    CHECK(textedit_undo(&te));
    EXPECT(&te, "a recalled \xC3\xA9 message", 21, 21);
    CHECK(textedit_redo(&te));
    EXPECT(&te, "a recalled \xC3\xA8 message", 21, 21);

    /* clear forgets everything: the fresh start after sending. */
    textedit_clear(&te);
    EXPECT(&te, "", 0, 0);
    CHECK(!textedit_undo(&te) && !textedit_redo(&te));
    CHECK(te.step_count == 0 && te.undo_bytes == 0);
    type(&te, "next");
    CHECK(textedit_undo(&te));
    CHECK(!textedit_undo(&te));
    textedit_free(&te);
}

static char *filled(size_t n, char c)
{
    char *s = malloc(n);

    memset(s, c, n);
    return s;
}

static void test_undo_bounds(void)
{
    struct textedit te;
    size_t big = 10u << 20;
    size_t mib3 = 3u << 20;
    char *huge = filled(big, 'h');
    char *three = filled(mib3, 't');

    /* A 10 MB paste costs the history nothing while it stands, and can be
     * undone; its bytes do not fit to redo it. */
    CHECK(textedit_init(&te));
    type(&te, "ab");
    CHECK(textedit_paste(&te, huge, big));
    check_invariants(__LINE__, &te);
    CHECK(te.len == big + 2 && te.undo_bytes < 1024);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "ab", 2, 2);
    CHECK(te.undo_bytes < 1024);
    CHECK(!textedit_redo(&te));
    CHECK(textedit_undo(&te));
    EXPECT(&te, "", 0, 0);
    /* Deleting 10 MB cannot be undone; the history before it goes too. */
    type(&te, "x");
    CHECK(textedit_paste(&te, huge, big));
    textedit_select_all(&te);
    CHECK(textedit_delete_selection(&te));
    EXPECT(&te, "", 0, 0);
    CHECK(!textedit_undo(&te));
    CHECK(te.undo_bytes == 0 && te.step_count == 0);
    /* A 10 MB text replaced by set: the same. */
    CHECK(textedit_paste(&te, huge, big));
    set(&te, "small");
    CHECK(!textedit_undo(&te));
    EXPECT(&te, "small", 5, 5);

    /* Three 3 MiB deletions do not fit 8 MiB: the oldest goes, with the
     * paste before it; the rest undo and redo exactly. */
    textedit_clear(&te);
    for (int k = 0; k < 3; k++) {
        CHECK(textedit_paste(&te, three, mib3));
        textedit_select_all(&te);
        CHECK(textedit_delete_selection(&te));
        check_invariants(__LINE__, &te);
    }
    CHECK(te.undo_bytes == 2 * mib3);
    CHECK(textedit_undo(&te));
    CHECK(te.len == mib3 && te.caret == mib3 && te.anchor == 0);
    CHECK(textedit_undo(&te));
    CHECK(textedit_undo(&te));
    CHECK(te.len == mib3);
    CHECK(textedit_undo(&te));
    EXPECT(&te, "", 0, 0);
    CHECK(!textedit_undo(&te));
    CHECK(te.undo_bytes <= TEXTEDIT_MAX_UNDO_BYTES);
    for (int k = 0; k < 4; k++)
        CHECK(textedit_redo(&te));
    CHECK(!textedit_redo(&te));
    EXPECT(&te, "", 0, 0);

    /* At most TEXTEDIT_MAX_STEPS steps: the oldest go. */
    textedit_clear(&te);
    for (int k = 0; k < TEXTEDIT_MAX_STEPS + 500; k++) {
        type(&te, "x");
        textedit_move(&te, TEXTEDIT_DOC_END, false);
    }
    CHECK(te.step_count == TEXTEDIT_MAX_STEPS);
    CHECK(undo_all(&te) == TEXTEDIT_MAX_STEPS);
    CHECK(te.len == 500);
    check_invariants(__LINE__, &te);
    textedit_free(&te);
    free(huge);
    free(three);
}

static void test_marks(void)
{
    struct textedit te;
    struct textedit_mark none, m;

    CHECK(textedit_init(&te));
    none = textedit_mark(&te);
    CHECK(none.id == 0 && textedit_applied(&te, none));
    type(&te, "draft");
    set(&te, "loaded");
    m = textedit_mark(&te);
    CHECK(m.id != 0 && textedit_applied(&te, m));
    /* Typing after it leaves it standing. */
    type(&te, "!");
    CHECK(textedit_applied(&te, m));
    CHECK(textedit_undo(&te));
    CHECK(textedit_applied(&te, m));
    CHECK(textedit_undo(&te));
    CHECK(!textedit_applied(&te, m));
    CHECK(textedit_redo(&te));
    CHECK(textedit_applied(&te, m));
    /* Undone and replaced by another change: gone for good. */
    CHECK(textedit_undo(&te));
    type(&te, "x");
    CHECK(!textedit_applied(&te, m));
    CHECK(textedit_undo(&te));
    CHECK(!textedit_applied(&te, m));
    /* Too old to undo still counts as standing. */
    set(&te, "loaded");
    m = textedit_mark(&te);
    for (int k = 0; k < TEXTEDIT_MAX_STEPS + 1; k++) {
        type(&te, "y");
        textedit_move(&te, TEXTEDIT_DOC_END, false);
    }
    CHECK(textedit_applied(&te, m));
    textedit_free(&te);
}

/* Random edits over multi-byte, control and invalid input: the invariants
 * hold after every call, undoing everything returns to the start, and redoing
 * everything to the last text an edit made. */
static void test_random_edits(void)
{
    static const char *pieces[] = {
        "a", "Z", " ", "\t", "\n", "\r\n", "\r", "\xC3\xA9", "\xC3\xA7\xC3\xA3o",
        "\xE6\x97\xA5", "\xF0\x9F\x98\x80", "\x00", "\x1B", "\x7F", "\xC2\x85",
        "\xFF", "\xE2\x82", "word", ", ", "!",
    };
    size_t npieces = sizeof pieces / sizeof pieces[0];
    struct textedit te;
    char *frontier = NULL;
    size_t frontier_len = 0;
    char *before = NULL;
    unsigned seed = 7;
    size_t bad = 0;

    CHECK(textedit_init(&te));
    for (int round = 0; round < 3; round++) {
        textedit_clear(&te);
        free(frontier);
        frontier = calloc(1, 1);
        frontier_len = 0;
        for (int k = 0; k < 400; k++) {
            const char *p;
            size_t plen;
            bool undoing = false;
            size_t before_len = te.len;

            free(before);
            before = malloc(te.len + 1);
            memcpy(before, te.text, te.len + 1);

            seed = seed * 1103515245u + 12345u;
            p = pieces[(seed >> 8) % npieces];
            plen = p[0] == '\0' ? 1 : strlen(p);
            switch ((seed >> 20) % 14) {
            case 0: case 1: case 2:
                textedit_insert(&te, p, plen);
                break;
            case 3:
                textedit_paste(&te, p, plen);
                break;
            case 4:
                textedit_backspace(&te);
                break;
            case 5:
                textedit_delete(&te);
                break;
            case 6:
                textedit_move(&te, (enum textedit_move)((seed >> 4) % 8), seed & 1);
                break;
            case 7:
                textedit_set_caret(&te, (seed >> 3) % (te.len + 2), seed & 2);
                break;
            case 8:
                if (seed & 1)
                    textedit_select_word(&te, (seed >> 3) % (te.len + 1));
                else
                    textedit_select_line(&te, (seed >> 3) % (te.len + 1));
                break;
            case 9:
                textedit_delete_selection(&te);
                break;
            case 10: case 11:
                textedit_undo(&te);
                undoing = true;
                break;
            case 12:
                textedit_redo(&te);
                undoing = true;
                break;
            case 13:
                if ((seed >> 2) % 4 == 0)
                    CHECK(textedit_set(&te, p, plen));
                break;
            }
            check_invariants(__LINE__, &te);
            /* An edit that changed the text is the new end of redo. */
            if (!undoing &&
                (te.len != before_len || memcmp(te.text, before, te.len) != 0)) {
                free(frontier);
                frontier = malloc(te.len + 1);
                memcpy(frontier, te.text, te.len + 1);
                frontier_len = te.len;
            }
        }
        undo_all(&te);
        if (te.len != 0)
            bad++;
        while (textedit_redo(&te))
            check_invariants(__LINE__, &te);
        if (te.len != frontier_len || memcmp(te.text, frontier, te.len) != 0)
            bad++;
        undo_all(&te);
        if (te.len != 0)
            bad++;
    }
    CHECK_MSG(bad == 0, "%zu rounds did not undo/redo to the expected text", bad);
    free(before);
    free(frontier);
    textedit_free(&te);
}

int main(void)
{
    test_init_and_set();
    test_caret_moves();
    test_backspace_delete();
    test_insert_cleaning();
    test_selection();
    test_word_moves();
    test_offset_at();
    test_offset_at_long();
    test_growth();
    test_paste_filter();
    test_lines();
    test_word_moves_unicode();
    test_select_word_line();
    test_offset_at_x();
    test_undo_typing();
    test_undo_backspace_delete();
    test_undo_selection_and_redo();
    test_undo_paste_set_clear();
    test_undo_bounds();
    test_marks();
    test_random_edits();
    return check_summary("textedit");
}
