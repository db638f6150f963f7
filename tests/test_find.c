/* SPDX-License-Identifier: MIT */
/* find: hits, the current hit, the filters and their rows, without a window. */
#include <string.h>

#include "check.h"
#include "find.h"
#include "i18n.h"

static size_t text_hits(void *user, const struct chat_message *m)
{
    const struct find *f = user;
    return search_all(&f->query, m->text, m->len, NULL, 0);
}

static int row_guess(void *user, const struct chat_message *m)
{
    (void)user;
    return m->kind == CHAT_EVENT ? 20 : 50;
}

#define MESSAGE(k, t) {.text = t, .len = sizeof t - 1, .kind = k}

int main(void)
{
    i18n_set_lang(I18N_EN);
    struct chat_message messages[] = {
        MESSAGE(CHAT_SENT, "apple pie"),         /* 0: 1 hit */
        MESSAGE(CHAT_RECEIVED, "no fruit"),      /* 1 */
        MESSAGE(CHAT_EVENT, "Connected"),        /* 2 */
        MESSAGE(CHAT_RECEIVED, "Apple, APPLE"),  /* 3: 2 hits */
        MESSAGE(CHAT_SENT, "pineapple"),         /* 4: 1 hit */
    };
    struct chat chat = {.messages = messages, .count = 5};
    struct find f;
    find_init(&f);
    struct find_source src = {text_hits, row_guess, &f};
    char count[96];

    /* No query: nothing to count, no rows of its own. */
    CHECK(!find_step(&f, &chat, &src));
    CHECK(f.total == 0 && !f.filtered && f.hits_scanned == 5);
    find_count_text(&f, chat.count, count, sizeof count);
    CHECK(count[0] == '\0');
    CHECK(!find_move(&f, 1, 0));

    /* A query: hits per message with a running count. */
    find_set_query(&f, "apple", 5);
    uint64_t version = f.version;
    CHECK(!find_restart(&f, false)); /* (not filtered: the list stays) */
    CHECK(f.version == version + 1);
    CHECK(!find_step(&f, &chat, &src));
    CHECK(f.total == 4 && f.hit_count == 3);
    CHECK(f.hits[1].message == 3 && f.hits[1].count == 2 && f.hits[1].before == 1);
    find_count_text(&f, chat.count, count, sizeof count);
    CHECK(!strcmp(count, "4 matches"));
    find_count_text(&f, chat.count + 1, count, sizeof count); /* a message not searched yet */
    CHECK(!strcmp(count, "Searching\xE2\x80\xA6 4"));

    /* Stepping: the first step starts from the top of the screen, then
     * walks every occurrence, wrapping at both ends. */
    CHECK(find_move(&f, 1, 2));
    CHECK(f.has_current && f.current == 1 && f.occurrence == 0);
    find_count_text(&f, chat.count, count, sizeof count);
    CHECK(!strcmp(count, "2 of 4"));
    CHECK(find_move(&f, 1, 0) && f.current == 1 && f.occurrence == 1);
    CHECK(find_move(&f, 1, 0) && f.current == 2 && f.occurrence == 0);
    CHECK(find_move(&f, 1, 0) && f.current == 0 && f.occurrence == 0);
    CHECK(find_move(&f, -1, 0) && f.current == 2);
    CHECK(find_move(&f, -1, 0) && f.current == 1 && f.occurrence == 1);
    find_restart(&f, false);
    CHECK(!find_move(&f, 1, 0)); /* (the hits are searched again) */
    find_step(&f, &chat, &src);
    CHECK(find_move(&f, -1, 4) && f.current == 1 && f.occurrence == 1); /* up from message 4: the last before it */
    find_restart(&f, false);
    find_step(&f, &chat, &src);
    CHECK(find_move(&f, 1, 5) && f.current == 0); /* down past the last: the first */

    /* Hiding sent messages filters the rows; the list starts over. */
    f.hide_sent = true;
    CHECK(find_restart(&f, true) && f.filtered);
    CHECK(!find_step(&f, &chat, &src));
    CHECK(f.rows.count == 3 && f.rows.total == 50 + 20 + 50);
    CHECK(find_row_message(&f, 0) == 1 && find_row_message(&f, 2) == 3);
    CHECK(find_message_row(&f, 3) == 2 && find_message_row(&f, 4) == 3 && find_message_row(&f, 0) == 0);
    CHECK(f.total == 2); /* the sent ones' hits are not counted */
    CHECK(find_shown(&f, &messages[2]) && !find_shown(&f, &messages[0]));

    /* Only matches: the rows with hits, moving with the query. */
    f.hide_sent = false;
    f.only_matches = true;
    CHECK(find_restart(&f, false)); /* (only matches: the rows depend on the query) */
    CHECK(!find_step(&f, &chat, &src));
    CHECK(f.rows.count == 3 && find_row_message(&f, 1) == 3 && find_row_message(&f, 2) == 4);
    find_set_query(&f, "fruit", 5);
    find_restart(&f, false);
    find_step(&f, &chat, &src);
    CHECK(f.rows.count == 1 && find_row_message(&f, 0) == 1);

    /* Back to everything: not filtered, but the list still starts over. */
    f.only_matches = false;
    CHECK(find_restart(&f, true) && !f.filtered);
    CHECK(!find_restart(&f, true));
    CHECK(find_message_row(&f, 4) == 4 && find_row_message(&f, 4) == 4);

    /* Found in slices: a long chat takes several steps. */
    enum { MANY = 300000 };
    static struct chat_message many[MANY];
    for (size_t i = 0; i < MANY; i++)
        many[i] = (struct chat_message)MESSAGE(CHAT_RECEIVED, "fruit");
    struct chat big = {.messages = many, .count = MANY};
    find_restart(&f, false);
    int steps = 1;
    while (find_step(&f, &big, &src))
        steps++;
    /* (a slice: 8 MiB, each message counted as its bytes and 64) */
    CHECK_MSG(steps == 3 && f.total == MANY, "%d steps, %llu hits", steps, (unsigned long long)f.total);
    find_free(&f);
    return check_summary("find");
}
