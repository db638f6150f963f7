/* test_textedit: the editing model driven as the text box widget drives it,
 * with the invariants (valid UTF-8, NUL-terminated, caret and anchor on
 * boundaries) checked after every step. */
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
    /* set cleans like insert does. */
    CHECK(textedit_set(&te, "a\nb\xFF", 4));
    EXPECT(&te, "a b\xEF\xBF\xBD", 6, 6);
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
    textedit_move(&te, TEXTEDIT_HOME, false);
    CHECK(textedit_delete(&te));
    EXPECT(&te, "z", 0, 0);
    textedit_move(&te, TEXTEDIT_END, false);
    CHECK(!textedit_delete(&te));
    EXPECT(&te, "z", 1, 1);
    textedit_free(&te);
}

static void test_insert_cleaning(void)
{
    struct textedit te;

    CHECK(textedit_init(&te));
    CHECK(textedit_insert(&te, "a\r\nb\nc\rd\te", 11));
    EXPECT(&te, "a b c d e", 9, 9);

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
    /* An empty insert changes nothing. */
    CHECK(textedit_insert(&te, "", 0));
    EXPECT(&te, "ab\xC3\xA9" "cd", 5, 5);
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
    textedit_move(&te, TEXTEDIT_HOME, true);
    EXPECT(&te, "abcdef", 0, 2);
    textedit_move(&te, TEXTEDIT_END, false);
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
    textedit_move(&te, TEXTEDIT_END, false);
    textedit_move(&te, TEXTEDIT_WORD_LEFT, true);
    EXPECT(&te, s, 20, 23);
    /* Without Shift, a word move from a selection starts at the caret. */
    textedit_move(&te, TEXTEDIT_WORD_LEFT, false);
    EXPECT(&te, s, 16, 16);

    /* Non-ASCII letters are word characters. */
    set(&te, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E text");
    textedit_move(&te, TEXTEDIT_HOME, false);
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
    return check_summary("textedit");
}
