/* SPDX-License-Identifier: MIT */
/* test_msgrange: a range of messages made by clicks and keys, through the
 * find filter's rows, after new messages, a trim and a clear. */
#include <string.h>

#include "check.h"
#include "chat.h"
#include "find.h"
#include "msgrange.h"

static void fill(struct chat *chat, int n)
{
    chat_init(chat, "ws://127.0.0.1:9/");
    for (int i = 0; i < n; i++)
        chat_add_sent(chat, "x", 1, i);
}

int main(void)
{
    struct chat chat;
    fill(&chat, 10); /* ids 1..10 */
    struct msgrange r = {0};
    CHECK(!msgrange_active(&r) && !msgrange_contains(&r, 3) && msgrange_rows(&r, &chat, NULL) == 0);

    /* Shift+click on 7 after a click on 3: 3..7. */
    msgrange_extend(&r, 3, 7);
    CHECK(msgrange_active(&r) && msgrange_contains(&r, 3) && msgrange_contains(&r, 7) && !msgrange_contains(&r, 8));
    size_t from, to;
    CHECK(msgrange_span(&r, &chat, &from, &to) && from == 2 && to == 7);
    CHECK(msgrange_rows(&r, &chat, NULL) == 5);
    /* A second Shift+click moves the end, the anchor stays; upwards too. */
    msgrange_extend(&r, 9, 1);
    CHECK(r.anchor == 3 && r.end == 1 && msgrange_span(&r, &chat, &from, &to) && from == 0 && to == 3);

    /* Shift+Down from a focused 5 with no range: 5..6, then 5..7; Shift+Up back. */
    msgrange_clear(&r);
    CHECK(msgrange_step(&r, &chat, NULL, 5, 1) && r.anchor == 5 && r.end == 6);
    CHECK(msgrange_step(&r, &chat, NULL, 5, 1) && r.end == 7);
    CHECK(msgrange_step(&r, &chat, NULL, 5, -1) && msgrange_step(&r, &chat, NULL, 5, -1) &&
          msgrange_step(&r, &chat, NULL, 5, -1) && r.end == 4 && msgrange_rows(&r, &chat, NULL) == 2);
    /* Not past either end. */
    msgrange_clear(&r);
    CHECK(!msgrange_step(&r, &chat, NULL, 10, 1) && !msgrange_active(&r));
    CHECK(!msgrange_step(&r, &chat, NULL, 1, -1));
    CHECK(!msgrange_step(&r, &chat, NULL, 0, 1) && !msgrange_step(&r, &chat, NULL, 99, 1));

    /* Through a filter showing messages 1, 4, 5 and 8 (indices): the step
     * skips the hidden ones, the rows count the shown ones. */
    struct find f;
    memset(&f, 0, sizeof f);
    uint32_t shown[] = {1, 4, 5, 8};
    f.filtered = true;
    f.row_message = shown;
    f.rows.count = 4;
    msgrange_clear(&r);
    CHECK(msgrange_step(&r, &chat, &f, 2, 1) && r.anchor == 2 && r.end == 5); /* id 2 = index 1, to index 4 */
    CHECK(msgrange_step(&r, &chat, &f, 2, 1) && r.end == 6 && msgrange_rows(&r, &chat, &f) == 3);
    CHECK(msgrange_span(&r, &chat, &from, &to) && from == 1 && to == 6);
    msgrange_clear(&r);
    CHECK(!msgrange_step(&r, &chat, &f, 3, 1)); /* a hidden message is no start */
    msgrange_extend(&r, 1, 10); /* ids 1..10: four shown rows */
    CHECK(msgrange_rows(&r, &chat, &f) == 4);

    /* Messages that arrive do not move it; a trim keeps what is left; a
     * clear leaves nothing. */
    msgrange_clear(&r);
    msgrange_extend(&r, 2, 4);
    chat_add_sent(&chat, "y", 1, 11);
    CHECK(msgrange_span(&r, &chat, &from, &to) && from == 1 && to == 4);
    chat_trim(&chat, 8); /* keeps ids 4..11 behind the "older" line (id 3) */
    CHECK(msgrange_span(&r, &chat, &from, &to) && from == 0 && to == 2);
    chat_clear(&chat);
    CHECK(!msgrange_span(&r, &chat, &from, &to) && msgrange_rows(&r, &chat, NULL) == 0);
    chat_free(&chat);
    return check_summary("msgrange");
}
