/* SPDX-License-Identifier: MIT */
/* vlist: see vlist.h. */
#include "vlist.h"

#include "grow.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void vlist_init(struct vlist *l)
{
    memset(l, 0, sizeof *l);
}

void vlist_free(struct vlist *l)
{
    free(l->rows);
    free(l->tree);
    memset(l, 0, sizeof *l);
}

void vlist_clear(struct vlist *l)
{
    l->count = 0;
    l->total = 0;
    if (l->tree)
        memset(l->tree, 0, (l->blocks + 1) * sizeof *l->tree);
}

static int row_height(uint32_t v)
{
    return (int)(v & ~VLIST_EXACT);
}

static void tree_add(struct vlist *l, size_t block, int64_t delta)
{
    for (size_t i = block + 1; i <= l->blocks; i += i & (~i + 1))
        l->tree[i] += delta;
}

/* The sum of blocks [0, block). */
static int64_t tree_prefix(const struct vlist *l, size_t block)
{
    int64_t sum = 0;
    for (size_t i = block; i > 0; i -= i & (~i + 1))
        sum += l->tree[i];
    return sum;
}

/* Builds the tree from the rows in O(n). */
static void tree_build(struct vlist *l)
{
    memset(l->tree, 0, (l->blocks + 1) * sizeof *l->tree);
    l->total = 0;
    for (size_t r = 0; r < l->count; r++) {
        int h = row_height(l->rows[r]);
        l->tree[r / VLIST_BLOCK + 1] += h;
        l->total += h;
    }
    /* Each node passes its sum up to its parent once: the linear build. */
    for (size_t i = 1; i <= l->blocks; i++) {
        size_t parent = i + (i & (~i + 1));
        if (parent <= l->blocks)
            l->tree[parent] += l->tree[i];
    }
}

bool vlist_push(struct vlist *l, int height, bool exact)
{
    assert(height >= 0);
    if (l->count == l->cap) {
        /* (whole blocks however large the list: the tree counts blocks) */
        size_t cap = grow_capacity(l->cap, l->cap + 1, 4 * VLIST_BLOCK,
                                   SIZE_MAX / sizeof *l->rows / VLIST_BLOCK * VLIST_BLOCK);
        if (cap == 0)
            return false;
        uint32_t *rows = realloc(l->rows, cap * sizeof *rows);
        if (!rows)
            return false;
        l->rows = rows;
        size_t blocks = cap / VLIST_BLOCK;
        int64_t *tree = realloc(l->tree, (blocks + 1) * sizeof *tree);
        if (!tree)
            return false; /* the rows grew, which is harmless */
        l->tree = tree;
        l->cap = cap;
        l->blocks = blocks;
        tree_build(l);
    }
    l->rows[l->count] = (uint32_t)height | (exact ? VLIST_EXACT : 0);
    tree_add(l, l->count / VLIST_BLOCK, height);
    l->total += height;
    l->count++;
    return true;
}

void vlist_set(struct vlist *l, size_t row, int height, bool exact)
{
    assert(row < l->count && height >= 0);
    int64_t delta = (int64_t)height - row_height(l->rows[row]);
    l->rows[row] = (uint32_t)height | (exact ? VLIST_EXACT : 0);
    if (delta) {
        tree_add(l, row / VLIST_BLOCK, delta);
        l->total += delta;
    }
}

int vlist_height(const struct vlist *l, size_t row)
{
    assert(row < l->count);
    return row_height(l->rows[row]);
}

bool vlist_exact(const struct vlist *l, size_t row)
{
    assert(row < l->count);
    return (l->rows[row] & VLIST_EXACT) != 0;
}

int64_t vlist_offset(const struct vlist *l, size_t row)
{
    assert(row <= l->count);
    if (row == l->count)
        return l->total;
    size_t block = row / VLIST_BLOCK;
    int64_t sum = tree_prefix(l, block);
    for (size_t r = block * VLIST_BLOCK; r < row; r++)
        sum += row_height(l->rows[r]);
    return sum;
}

size_t vlist_row_at(const struct vlist *l, int64_t y, int64_t *top)
{
    assert(l->count > 0);
    if (y < 0)
        y = 0;
    if (y >= l->total) {
        *top = l->total - row_height(l->rows[l->count - 1]);
        return l->count - 1;
    }
    /* Fenwick descent: the last block whose prefix sum is <= y. */
    size_t pos = 0;
    int64_t sum = 0;
    size_t step = 1;
    while (step * 2 <= l->blocks)
        step *= 2;
    for (; step; step /= 2) {
        if (pos + step <= l->blocks && sum + l->tree[pos + step] <= y) {
            pos += step;
            sum += l->tree[pos];
        }
    }
    /* pos blocks lie wholly above y; the row is in block pos (blocks with
     * only zero-height rows are skipped by the scan below). */
    size_t r = pos * VLIST_BLOCK;
    for (; r < l->count; r++) {
        int h = row_height(l->rows[r]);
        if (sum + h > y)
            break;
        sum += h;
    }
    if (r >= l->count) { /* only zero heights after y: cannot happen as y < total */
        r = l->count - 1;
        sum = l->total - row_height(l->rows[r]);
    }
    *top = sum;
    return r;
}

void vlist_guess_all(struct vlist *l, int (*guess)(void *user, size_t row), void *user)
{
    for (size_t r = 0; r < l->count; r++) {
        int h = guess(user, r);
        l->rows[r] = (uint32_t)(h < 0 ? 0 : h);
    }
    if (l->tree)
        tree_build(l);
}
