/* SPDX-License-Identifier: MIT */
/* wrap: word wrapping, a pure algorithm over a width callback (see wrap.h).
 * The message list's bubbles, the text box and the panel's notes use it. */
#include "wrap.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static bool wrap_push(struct wrap *w, size_t start, size_t len, int width)
{
    if (w->count == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 4;
        struct wrap_line *grown = realloc(w->lines, cap * sizeof *grown);
        if (!grown)
            return false;
        w->lines = grown;
        w->cap = cap;
    }
    w->lines[w->count++] = (struct wrap_line){(uint32_t)start, (uint32_t)len, width};
    if (width > w->max_width)
        w->max_width = width;
    return true;
}

/* The longest prefix of text[start..end), cut at a code point boundary,
 * that fits width; at least one code point. Binary search: O(log n) measures. */
static size_t fit_code_points(const struct wrap_measure *m, const char *text, size_t start, size_t end, int width)
{
    size_t lo = utf8_next(text, end, start), hi = end;
    if (m->width(m->user, text + start, lo - start) > width)
        return lo;
    while (lo < hi) {
        size_t cut = lo + (hi - lo + 1) / 2;
        while (cut > lo && cut < end && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
        if (cut == lo) {
            cut = utf8_next(text, end, lo);
            if (cut > hi)
                break;
        }
        if (m->width(m->user, text + start, cut - start) <= width)
            lo = cut;
        else
            hi = cut - 1;
    }
    return lo;
}

/* No glyph that matters is narrower than this many pixels: a piece of text
 * longer than width / WRAP_MIN_ADVANCE code points (4 bytes each at most)
 * cannot fit a line, so it is never measured whole. That keeps wrapping a
 * 64 KiB word linear instead of quadratic. (Zero-width marks only make such
 * a line break a little early.) */
#define WRAP_MIN_ADVANCE 2

bool wrap_text(const struct wrap_measure *m, const char *text, size_t len, int width, size_t max_lines,
               struct wrap *out)
{
    out->count = 0;
    out->max_width = 0;
    out->rest = 0;
    if (width < 1)
        width = 1;
    size_t most_bytes = ((size_t)width / WRAP_MIN_ADVANCE + 1) * 4;
    size_t para = 0;
    for (;;) {
        const char *nl = memchr(text + para, '\n', len - para);
        size_t para_end = nl ? (size_t)(nl - text) : len;
        size_t pos = para;
        if (pos == para_end) {
            if (max_lines && out->count == max_lines) {
                out->rest = len - pos;
                return true;
            }
            if (!wrap_push(out, para, 0, 0))
                return false;
        }
        while (pos < para_end) {
            if (max_lines && out->count == max_lines) {
                out->rest = len - pos;
                return true;
            }
            /* Fill the line with tokens: the spaces before a word and the
             * word. Widths are summed token by token, so each is measured
             * once. */
            size_t line_start = pos, line_end = pos, p = pos;
            int line_w = 0;
            while (p < para_end) {
                size_t tok_end = p;
                while (tok_end < para_end && text[tok_end] == ' ')
                    tok_end++;
                while (tok_end < para_end && text[tok_end] != ' ')
                    tok_end++;
                int tok_w = tok_end - p > most_bytes ? width + 1
                                                     : m->width(m->user, text + p, tok_end - p);
                if (line_end == line_start && tok_w > width) {
                    /* A word longer than the line breaks where it must. */
                    size_t end = tok_end;
                    if (end - line_start > most_bytes) {
                        end = line_start + most_bytes;
                        while (end > line_start + 1 && ((unsigned char)text[end] & 0xC0) == 0x80)
                            end--;
                    }
                    line_end = fit_code_points(m, text, line_start, end, width);
                    line_w = m->width(m->user, text + line_start, line_end - line_start);
                    p = line_end;
                    break;
                }
                if (line_end != line_start && line_w + tok_w > width)
                    break;
                line_end = tok_end;
                line_w += tok_w;
                p = tok_end;
            }
            /* The line as a whole, as it is drawn: the sum of its words
             * misses the kerning between them. */
            if (line_end - line_start > 0 && line_end - line_start <= most_bytes)
                line_w = m->width(m->user, text + line_start, line_end - line_start);
            if (!wrap_push(out, line_start, line_end - line_start, line_w))
                return false;
            /* The spaces where a line breaks are the break itself. */
            while (p < para_end && text[p] == ' ')
                p++;
            pos = p;
        }
        if (!nl)
            return true;
        para = para_end + 1;
    }
}

void wrap_free(struct wrap *w)
{
    free(w->lines);
    memset(w, 0, sizeof *w);
}
