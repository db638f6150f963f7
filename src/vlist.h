/* SPDX-License-Identifier: MIT */
/* vlist: where each row of a long list of rows of different heights
 * starts, for a view that lays out only the rows on screen.
 *
 * Each row has a height that is either exact (laid out) or a guess; both
 * count the same in offsets. Rows are grouped in blocks of VLIST_BLOCK and a
 * Fenwick tree holds the block sums, so an offset, a lookup by position and
 * a height change cost O(log n + VLIST_BLOCK) with 4 bytes per row. Pure: no
 * SDL, no drawing. */
#ifndef PONTE_VLIST_H
#define PONTE_VLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VLIST_BLOCK 256

struct vlist {
    uint32_t *rows;  /* height, with VLIST_EXACT set once laid out */
    int64_t *tree;   /* 1-based Fenwick tree over block sums */
    size_t count, cap;
    size_t blocks;   /* the tree's size, in blocks */
    int64_t total;
};

#define VLIST_EXACT 0x80000000u
#define VLIST_MAX_HEIGHT 0x7FFFFFFF

void vlist_init(struct vlist *l);
void vlist_free(struct vlist *l);
/* Drops every row. */
void vlist_clear(struct vlist *l);

/* Appends a row; false when memory runs out (nothing added). */
bool vlist_push(struct vlist *l, int height, bool exact);
/* Sets row's height. */
void vlist_set(struct vlist *l, size_t row, int height, bool exact);
int vlist_height(const struct vlist *l, size_t row);
bool vlist_exact(const struct vlist *l, size_t row);

/* The sum of the heights of the rows before row (row may be count). */
int64_t vlist_offset(const struct vlist *l, size_t row);
/* The row that covers position y (0 <= y < total), and its offset in
 * *top; y < 0 gives row 0, y >= total the last row. count must be > 0. */
size_t vlist_row_at(const struct vlist *l, int64_t y, int64_t *top);

/* Sets every row's height from guess(user, row) as not exact, in O(n). */
void vlist_guess_all(struct vlist *l, int (*guess)(void *user, size_t row), void *user);

#endif
