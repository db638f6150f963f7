/* textedit.c: see textedit.h.
 *
 * The text is kept valid UTF-8 at all times (everything coming in passes
 * through textedit_clean), so stepping and rounding to a boundary can rely on
 * the plain lead/continuation byte structure. */
#include "textedit.h"

#include "utf8.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TEXTEDIT_MIN_CAP 16

static bool textedit_is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* need counts the terminating NUL. Doubling keeps typing one character at a
 * time linear overall. */
static bool textedit_reserve(struct textedit *te, size_t need)
{
    size_t cap = te->cap ? te->cap : TEXTEDIT_MIN_CAP;
    char *text;

    if (need <= te->cap)
        return true;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    text = realloc(te->text, cap);
    if (text == NULL)
        return false;
    te->text = text;
    te->cap = cap;
    return true;
}

/* Writes the single-line form of s[0..len) to out when out is not NULL, and
 * returns its length either way, so a caller can measure, reserve, and only
 * then change anything. */
static size_t textedit_clean(const char *s, size_t len, char *out)
{
    size_t n = 0;
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        size_t step = utf8_decode(s + i, len - i, &cp);
        char unit[4];
        size_t k;

        if (cp == '\r' && i + 1 < len && s[i + 1] == '\n')
            step = 2; /* a Windows line end is one break, so one space */
        if (cp == '\r' || cp == '\n' || cp == '\t') {
            cp = ' ';
        } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            i += step;
            continue;
        }
        /* Re-encoding writes valid input back unchanged and turns an invalid
         * subpart into U+FFFD. */
        k = utf8_encode(cp, unit);
        if (out != NULL)
            memcpy(out + n, unit, k);
        n += k;
        i += step;
    }
    return n;
}

/* Text is valid, so backing over continuation bytes lands on a lead byte. */
static size_t textedit_floor(const struct textedit *te, size_t offset)
{
    if (offset > te->len)
        offset = te->len;
    while (offset > 0 && textedit_is_continuation(te->text[offset]))
        offset--;
    return offset;
}

static size_t textedit_prev(const struct textedit *te, size_t offset)
{
    return offset > 0 ? utf8_prev(te->text, te->len, offset) : 0;
}

static size_t textedit_next(const struct textedit *te, size_t offset)
{
    return offset < te->len ? utf8_next(te->text, te->len, offset) : te->len;
}

/* ASCII letters, digits and '_' form words; every non-ASCII code point counts
 * as a letter so that accented and non-Latin words are not split, at the cost
 * of treating non-ASCII punctuation as part of a word. */
static bool textedit_is_word(uint32_t cp)
{
    return cp >= 0x80 || cp == '_' || (cp >= '0' && cp <= '9') ||
           (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static uint32_t textedit_code_point_at(const struct textedit *te, size_t offset)
{
    uint32_t cp;

    utf8_decode(te->text + offset, te->len - offset, &cp);
    return cp;
}

static size_t textedit_word_left(const struct textedit *te, size_t offset)
{
    while (offset > 0 && !textedit_is_word(textedit_code_point_at(
                             te, textedit_prev(te, offset))))
        offset = textedit_prev(te, offset);
    while (offset > 0 && textedit_is_word(textedit_code_point_at(
                             te, textedit_prev(te, offset))))
        offset = textedit_prev(te, offset);
    return offset;
}

static size_t textedit_word_right(const struct textedit *te, size_t offset)
{
    while (offset < te->len &&
           !textedit_is_word(textedit_code_point_at(te, offset)))
        offset = textedit_next(te, offset);
    while (offset < te->len &&
           textedit_is_word(textedit_code_point_at(te, offset)))
        offset = textedit_next(te, offset);
    return offset;
}

/* Removes [start, end) and leaves the caret, without a selection, at start. */
static void textedit_remove(struct textedit *te, size_t start, size_t end)
{
    assert(start <= end && end <= te->len);
    memmove(te->text + start, te->text + end, te->len - end + 1);
    te->len -= end - start;
    te->caret = start;
    te->anchor = start;
}

bool textedit_init(struct textedit *te)
{
    memset(te, 0, sizeof *te);
    if (!textedit_reserve(te, 1))
        return false;
    te->text[0] = '\0';
    return true;
}

void textedit_free(struct textedit *te)
{
    free(te->text);
    memset(te, 0, sizeof *te);
}

/* Cleaned like an insertion, so the text stays one valid line whichever way
 * it arrives. */
bool textedit_set(struct textedit *te, const char *text, size_t len)
{
    size_t n = textedit_clean(text, len, NULL);

    if (!textedit_reserve(te, n + 1))
        return false;
    textedit_clean(text, len, te->text);
    te->text[n] = '\0';
    te->len = n;
    te->caret = n;
    te->anchor = n;
    return true;
}

void textedit_clear(struct textedit *te)
{
    te->text[0] = '\0';
    te->len = 0;
    te->caret = 0;
    te->anchor = 0;
}

bool textedit_insert(struct textedit *te, const char *text, size_t len)
{
    size_t start, end;
    size_t add = textedit_clean(text, len, NULL);
    size_t keep;

    textedit_selection(te, &start, &end);
    keep = te->len - (end - start);
    /* Reserve before touching the selection, so running out of memory leaves
     * the text as it was. */
    if (add > SIZE_MAX - 1 - keep || !textedit_reserve(te, keep + add + 1))
        return false;
    memmove(te->text + start + add, te->text + end, te->len - end + 1);
    textedit_clean(text, len, te->text + start);
    te->len = keep + add;
    te->caret = start + add;
    te->anchor = te->caret;
    return true;
}

bool textedit_backspace(struct textedit *te)
{
    if (textedit_delete_selection(te))
        return true;
    if (te->caret == 0)
        return false;
    textedit_remove(te, textedit_prev(te, te->caret), te->caret);
    return true;
}

bool textedit_delete(struct textedit *te)
{
    if (textedit_delete_selection(te))
        return true;
    if (te->caret == te->len)
        return false;
    textedit_remove(te, te->caret, textedit_next(te, te->caret));
    return true;
}

void textedit_move(struct textedit *te, enum textedit_move move, bool extend)
{
    size_t start, end;
    size_t to = te->caret;
    bool collapse = !extend && textedit_has_selection(te);

    textedit_selection(te, &start, &end);
    switch (move) {
    case TEXTEDIT_LEFT:
        to = collapse ? start : textedit_prev(te, to);
        break;
    case TEXTEDIT_RIGHT:
        to = collapse ? end : textedit_next(te, to);
        break;
    case TEXTEDIT_WORD_LEFT:
        to = textedit_word_left(te, to);
        break;
    case TEXTEDIT_WORD_RIGHT:
        to = textedit_word_right(te, to);
        break;
    case TEXTEDIT_HOME:
        to = 0;
        break;
    case TEXTEDIT_END:
        to = te->len;
        break;
    }
    te->caret = to;
    if (!extend)
        te->anchor = to;
}

void textedit_select_all(struct textedit *te)
{
    te->anchor = 0;
    te->caret = te->len;
}

bool textedit_has_selection(const struct textedit *te)
{
    return te->caret != te->anchor;
}

void textedit_selection(const struct textedit *te, size_t *start, size_t *end)
{
    if (te->caret < te->anchor) {
        *start = te->caret;
        *end = te->anchor;
    } else {
        *start = te->anchor;
        *end = te->caret;
    }
}

bool textedit_delete_selection(struct textedit *te)
{
    size_t start, end;

    textedit_selection(te, &start, &end);
    if (start == end)
        return false;
    textedit_remove(te, start, end);
    return true;
}

/* Binary search over boundaries, assuming a prefix never gets narrower as it
 * grows: O(log n) calls to width(), where a call per boundary would make a
 * click on a long line cost O(n^2) in a measuring font. */
size_t textedit_offset_at(const struct textedit *te, int x,
                          textedit_width_fn width, void *user)
{
    size_t lo = 0, hi = te->len; /* width(lo) < x <= width(hi) */
    int lo_width, hi_width;

    lo_width = width(user, te->text, 0);
    if (te->len == 0 || x <= lo_width)
        return 0;
    hi_width = width(user, te->text, te->len);
    if (x >= hi_width)
        return te->len;
    while (textedit_next(te, lo) < hi) {
        size_t mid = textedit_floor(te, lo + (hi - lo) / 2);
        int mid_width;

        if (mid <= lo)
            mid = textedit_next(te, lo);
        mid_width = width(user, te->text, mid);
        if (mid_width < x) {
            lo = mid;
            lo_width = mid_width;
        } else {
            hi = mid;
            hi_width = mid_width;
        }
    }
    /* Nearest of the two; exactly halfway goes after the character, as a
     * click on a glyph's right half does. */
    return 2 * (long long)x >= (long long)lo_width + hi_width ? hi : lo;
}

void textedit_set_caret(struct textedit *te, size_t offset, bool extend)
{
    te->caret = textedit_floor(te, offset);
    if (!extend)
        te->anchor = te->caret;
}
