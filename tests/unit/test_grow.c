/* SPDX-License-Identifier: MIT */
/* test_grow: the doubling, the first capacity, the ceiling, and sizes whose
 * byte count would overflow (refused with nothing changed, before any
 * allocation is tried). */
#include "check.h"
#include "grow.h"

#include <stdint.h>

struct pair {
    int a, b;
};

static void test_capacity(void)
{
    CHECK(grow_capacity(0, 0, 16, 100) == 0);   /* nothing needed, nothing had */
    CHECK(grow_capacity(8, 5, 16, 100) == 8);   /* enough already */
    CHECK(grow_capacity(0, 1, 16, 100) == 16);  /* the first size */
    CHECK(grow_capacity(0, 17, 16, 100) == 32);
    CHECK(grow_capacity(0, 3, 0, 100) == 4);    /* no first size: from 1 */
    CHECK(grow_capacity(16, 17, 4, 100) == 32); /* doubles what is there */
    CHECK(grow_capacity(3, 4, 16, 100) == 6);   /* an odd size doubles too */
    CHECK(grow_capacity(40, 41, 16, 100) == 80);
    CHECK(grow_capacity(60, 61, 16, 100) == 100); /* the ceiling, not 120 */
    CHECK(grow_capacity(60, 100, 16, 100) == 100);
    CHECK(grow_capacity(60, 101, 16, 100) == 0);  /* past the ceiling */
    CHECK(grow_capacity(0, 5, 64, 10) == 10);     /* a first size past it */
    CHECK(grow_capacity(SIZE_MAX / 2 + 1, SIZE_MAX, 1, SIZE_MAX) == SIZE_MAX);
    CHECK(grow_capacity(SIZE_MAX / 2, SIZE_MAX / 2 + 1, 1, SIZE_MAX) == SIZE_MAX - 1);
}

static void test_grow(void)
{
    struct pair *items = NULL;
    size_t cap = 0, count = 0;
    bool ok = true;

    CHECK(grow(&items, &cap, 0, sizeof *items, 4) && items == NULL && cap == 0);
    for (int i = 0; i < 1000 && ok; i++) {
        ok = grow(&items, &cap, count + 1, sizeof *items, 4);
        if (ok)
            items[count++] = (struct pair){i, -i};
    }
    CHECK(ok && count == 1000 && cap == 1024);
    ok = true;
    for (size_t i = 0; i < count; i++)
        ok = ok && items[i].a == (int)i && items[i].b == -(int)i;
    CHECK(ok); /* kept across every move */

    struct pair *before = items;
    CHECK(grow(&items, &cap, 1024, sizeof *items, 4) && items == before && cap == 1024);

    /* Overflow: refused, the array and its capacity as they were. */
    CHECK(!grow(&items, &cap, SIZE_MAX / sizeof *items + 1, sizeof *items, 4));
    CHECK(items == before && cap == 1024);
    CHECK(!grow(&items, &cap, SIZE_MAX, sizeof *items, 4) && items == before && cap == 1024);
    CHECK(!grow(&items, &cap, SIZE_MAX / 3, 4, 4) && items == before && cap == 1024);
    free(items);

    /* A ceiling of its own: the last doubling stops at it. */
    char *text = NULL;
    size_t text_cap = 0;
    CHECK(grow_max(&text, &text_cap, 20, 1, 16, 24) && text != NULL && text_cap == 24);
    CHECK(!grow_max(&text, &text_cap, 25, 1, 16, 24) && text_cap == 24);
    CHECK(grow_max(&text, &text_cap, 25, 1, 16, 25) && text_cap == 25);
    free(text);

    char *bytes = NULL;
    size_t bytes_cap = 0;
    CHECK(!grow(&bytes, &bytes_cap, SIZE_MAX, 2, 1) && bytes == NULL && bytes_cap == 0);
    CHECK(grow(&bytes, &bytes_cap, 5, 1, 0) && bytes != NULL && bytes_cap == 8);
    free(bytes);
}

int main(void)
{
    test_capacity();
    test_grow();
    return check_summary("grow");
}
