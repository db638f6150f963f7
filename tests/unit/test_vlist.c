/* SPDX-License-Identifier: MIT */
/* vlist: offsets and lookups over many rows, checked against plain sums. */
#include <stdlib.h>

#include "check.h"
#include "vlist.h"

static uint64_t rng = 88172645463325252ull;
static int next_height(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (int)(rng % 300); /* zero heights too: filtered-out rows */
}

static int guess_ten(void *user, size_t row)
{
    (void)user;
    return (int)(row % 3) * 10;
}

/* Every offset and every lookup agrees with a running sum. */
static void check_against_sums(const struct vlist *l)
{
    int64_t sum = 0;
    int bad_offset = 0, bad_lookup = 0;
    for (size_t r = 0; r < l->count; r++) {
        bad_offset += vlist_offset(l, r) != sum;
        int h = vlist_height(l, r);
        if (h > 0) {
            int64_t top;
            /* The first, a middle and the last pixel of the row map to it. */
            int64_t ys[3] = {sum, sum + h / 2, sum + h - 1};
            for (int k = 0; k < 3; k++)
                bad_lookup += vlist_row_at(l, ys[k], &top) != r || top != sum;
        }
        sum += h;
    }
    CHECK(bad_offset == 0);
    CHECK(bad_lookup == 0);
    CHECK(vlist_offset(l, l->count) == sum && l->total == sum);
}

int main(void)
{
    struct vlist l;
    vlist_init(&l);

    /* Small: exact arithmetic by hand. */
    vlist_push(&l, 10, true);
    vlist_push(&l, 20, false);
    vlist_push(&l, 30, true);
    CHECK(l.total == 60);
    CHECK(vlist_offset(&l, 0) == 0 && vlist_offset(&l, 1) == 10 && vlist_offset(&l, 2) == 30);
    CHECK(vlist_exact(&l, 0) && !vlist_exact(&l, 1) && vlist_height(&l, 1) == 20);
    int64_t top;
    CHECK(vlist_row_at(&l, 0, &top) == 0 && top == 0);
    CHECK(vlist_row_at(&l, 9, &top) == 0);
    CHECK(vlist_row_at(&l, 10, &top) == 1 && top == 10);
    CHECK(vlist_row_at(&l, 59, &top) == 2 && top == 30);
    CHECK(vlist_row_at(&l, 600, &top) == 2 && top == 30); /* past the end: the last row */
    CHECK(vlist_row_at(&l, -5, &top) == 0 && top == 0);
    vlist_set(&l, 1, 25, true);
    CHECK(vlist_exact(&l, 1) && l.total == 65 && vlist_offset(&l, 2) == 35);

    /* Many rows across many blocks and growths, with zero heights. */
    vlist_clear(&l);
    CHECK(l.count == 0 && l.total == 0);
    for (int i = 0; i < 100000; i++)
        CHECK(vlist_push(&l, next_height(), i % 2) || 0);
    check_against_sums(&l);
    /* Change heights here and there, as laying out rows does. */
    for (int i = 0; i < 5000; i++) {
        size_t r = (size_t)next_height() * 331 % l.count;
        vlist_set(&l, r, next_height(), true);
    }
    check_against_sums(&l);
    /* Blocks of nothing but zero heights in the middle. */
    for (size_t r = 1000; r < 5000; r++)
        vlist_set(&l, r, 0, true);
    check_against_sums(&l);

    /* Guessing all heights again (a new width) rebuilds the sums. */
    vlist_guess_all(&l, guess_ten, NULL);
    CHECK(!vlist_exact(&l, 7) && vlist_height(&l, 7) == 10);
    check_against_sums(&l);

    /* A million rows: the target list size. */
    vlist_clear(&l);
    for (int i = 0; i < 1000000; i++)
        vlist_push(&l, 40 + i % 7, false);
    int64_t expect = 0;
    for (int i = 0; i < 1000000; i++)
        expect += 40 + i % 7;
    CHECK(l.total == expect);
    size_t r = vlist_row_at(&l, expect / 2, &top);
    CHECK(top <= expect / 2 && top + vlist_height(&l, r) > expect / 2);
    CHECK(vlist_offset(&l, r) == top);

    vlist_free(&l);
    return check_summary("vlist");
}
