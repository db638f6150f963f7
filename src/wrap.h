/* SPDX-License-Identifier: MIT */
/* wrap: word wrapping. Pure: the width of text comes from a callback, so
 * it is tested without fonts (tests/test_wrap.c). */
#ifndef PONTE_WRAP_H
#define PONTE_WRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Word wrapping: splits text (no control characters except '\n') into lines
 * no wider than width; a word wider than a line breaks between code points.
 * Stops after max_lines lines (0: no limit), leaving wrap.rest bytes out.
 * Each line costs O(width) to measure, however long the words are. */
struct wrap_line {
    uint32_t start, len; /* bytes into the text */
    int width;           /* measured */
};
struct wrap {
    struct wrap_line *lines;
    size_t count, cap;
    int max_width; /* widest line */
    size_t rest;   /* bytes after the last line, when max_lines cut the text */
};
/* How wide a piece of text is drawn, in pixels. */
struct wrap_measure {
    int (*width)(void *user, const char *text, size_t len);
    void *user;
};
bool wrap_text(const struct wrap_measure *m, const char *text, size_t len, int width, size_t max_lines,
               struct wrap *out);
void wrap_free(struct wrap *w);

#endif
