/* SPDX-License-Identifier: MIT */
/* test_history: the sent-message history walked with Up and Down over a
 * real textedit, as the composer drives it, including Ctrl+Z in between. */
#include "check.h"
#include "history.h"
#include "textedit.h"

#include <stdlib.h>
#include <string.h>

/* The composer shows text, with the caret at caret and no selection. */
static void expect_shown(int line, const struct textedit *te, const char *text,
                         size_t caret)
{
    CHECK_MSG(te->len == strlen(text) && strcmp(te->text, text) == 0,
              "line %d: shows \"%s\", wanted \"%s\"", line, te->text, text);
    CHECK_MSG(te->caret == caret && te->anchor == caret,
              "line %d: caret %zu anchor %zu, wanted %zu", line, te->caret,
              te->anchor, caret);
}

#define SHOWN(te, text, caret) expect_shown(__LINE__, te, text, caret)

static void push(struct history *h, const char *text)
{
    CHECK(history_push(h, text, strlen(text)));
}

static bool entry_is(const struct history *h, size_t i, const char *text)
{
    return i < h->count && h->entries[i].len == strlen(text) &&
           strcmp(h->entries[i].text, text) == 0;
}

static void type(struct textedit *te, const char *text)
{
    CHECK(textedit_insert(te, text, strlen(text)));
}

static void test_push(void)
{
    struct history h;
    char buf[32];

    history_init(&h);
    push(&h, "");
    CHECK(h.count == 0);
    push(&h, "ol\xC3\xA1");
    push(&h, "ol\xC3\xA1"); /* the same as the newest: skipped */
    CHECK(h.count == 1);
    push(&h, "b");
    push(&h, "ol\xC3\xA1"); /* the same as an older one: kept */
    CHECK(h.count == 3 && entry_is(&h, 0, "ol\xC3\xA1") && entry_is(&h, 1, "b") &&
          entry_is(&h, 2, "ol\xC3\xA1"));
    /* Text with newlines is kept as sent. */
    push(&h, "line one\nline two");
    CHECK(entry_is(&h, 3, "line one\nline two"));
    history_free(&h);
    CHECK(h.count == 0 && h.entries == NULL);

    /* At most HISTORY_MAX_ENTRIES: the oldest go. */
    history_init(&h);
    for (int k = 0; k < HISTORY_MAX_ENTRIES + 100; k++) {
        snprintf(buf, sizeof buf, "m%d", k);
        push(&h, buf);
    }
    CHECK(h.count == HISTORY_MAX_ENTRIES);
    CHECK(entry_is(&h, 0, "m100"));
    snprintf(buf, sizeof buf, "m%d", HISTORY_MAX_ENTRIES + 99);
    CHECK(entry_is(&h, h.count - 1, buf));
    history_free(&h);

    /* At most HISTORY_MAX_BYTES: six 1 MiB messages leave the newest that
     * fit; one bigger than the whole budget is not kept. */
    {
        size_t mib = 1u << 20;
        char *big = malloc(5 * mib);
        size_t total = 0;

        history_init(&h);
        for (int k = 0; k < 6; k++) {
            memset(big, 'a' + k, mib);
            CHECK(history_push(&h, big, mib));
            CHECK(h.bytes <= HISTORY_MAX_BYTES);
        }
        for (size_t i = 0; i < h.count; i++)
            total += h.entries[i].len;
        CHECK(h.count == 4 && total == h.bytes && h.bytes == 4 * mib);
        CHECK(h.entries[0].text[0] == 'c' && h.entries[3].text[0] == 'f');
        memset(big, 'z', 5 * mib);
        CHECK(history_push(&h, big, 5 * mib));
        CHECK(h.count == 4 && h.entries[3].text[0] == 'f');
        history_free(&h);
        free(big);
    }
}

static void test_walk(void)
{
    struct history h;
    struct textedit te;

    history_init(&h);
    CHECK(textedit_init(&te));
    /* Nothing sent yet: Up does nothing. */
    type(&te, "dr");
    CHECK(!history_prev(&h, &te));
    CHECK(!history_next(&h, &te));
    SHOWN(&te, "dr", 2);

    push(&h, "one");
    push(&h, "two\nlines");
    push(&h, "tr\xC3\xAAs");
    type(&te, "aft");
    textedit_set_caret(&te, 1, false);
    /* Up: the newest first, caret at the end; on to the oldest, then no
     * further. */
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "tr\xC3\xAAs", 5);
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two\nlines", 9);
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    CHECK(!history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    /* Down: newer, then the draft as it was, then no further. */
    CHECK(history_next(&h, &te));
    SHOWN(&te, "two\nlines", 9);
    CHECK(history_next(&h, &te));
    CHECK(history_next(&h, &te));
    SHOWN(&te, "draft", 5);
    CHECK(!history_next(&h, &te));
    SHOWN(&te, "draft", 5);
    /* The entries are untouched. */
    CHECK(entry_is(&h, 0, "one") && entry_is(&h, 1, "two\nlines") &&
          entry_is(&h, 2, "tr\xC3\xAAs"));

    /* Sending ends the walk: Up starts again from the newest, and what was
     * on screen when sending is the new draft. */
    CHECK(history_prev(&h, &te));
    push(&h, te.text);
    textedit_clear(&te);
    CHECK(h.count == 3); /* the same as the newest */
    type(&te, "new");
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "tr\xC3\xAAs", 5);
    CHECK(history_next(&h, &te));
    SHOWN(&te, "new", 3);

    textedit_free(&te);
    history_free(&h);
}

/* Edits to a recalled entry stay for the walk, never in the history. */
static void test_edits_while_walking(void)
{
    struct history h;
    struct textedit te;

    history_init(&h);
    CHECK(textedit_init(&te));
    push(&h, "one");
    push(&h, "two");
    type(&te, "my draft");

    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two", 3);
    type(&te, "!");
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    textedit_move(&te, TEXTEDIT_DOC_START, false);
    type(&te, "\xC3\xA9 ");
    /* Back down: each shows as it was left. */
    CHECK(history_next(&h, &te));
    SHOWN(&te, "two!", 4);
    CHECK(history_next(&h, &te));
    SHOWN(&te, "my draft", 8);
    /* The draft edited too; walking away and back keeps that. */
    type(&te, "?");
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two!", 4);
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "\xC3\xA9 one", 6);
    /* Editing back to the stored text is the stored text again. */
    textedit_select_all(&te);
    type(&te, "one");
    CHECK(history_next(&h, &te));
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    CHECK(h.entries[0].edit == NULL);
    CHECK(history_next(&h, &te));
    CHECK(history_next(&h, &te));
    SHOWN(&te, "my draft?", 9);
    CHECK(entry_is(&h, 0, "one") && entry_is(&h, 1, "two"));

    /* After a send the edits are gone: the stored entries show. */
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two!", 4);
    push(&h, te.text);
    textedit_clear(&te);
    CHECK(h.count == 3 && entry_is(&h, 2, "two!"));
    CHECK(history_prev(&h, &te));
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two", 3);
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    CHECK(history_next(&h, &te));
    CHECK(history_next(&h, &te));
    CHECK(history_next(&h, &te));
    SHOWN(&te, "", 0);

    textedit_free(&te);
    history_free(&h);
}

/* Ctrl+Z takes a load back, and the walk follows. */
static void test_undo_while_walking(void)
{
    struct history h;
    struct textedit te;

    history_init(&h);
    CHECK(textedit_init(&te));
    push(&h, "one");
    push(&h, "two");
    type(&te, "dr");

    /* Undo the first Up: the draft is back, and so is the walk. */
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two", 3);
    CHECK(textedit_undo(&te));
    SHOWN(&te, "dr", 2);
    CHECK(!history_next(&h, &te));
    SHOWN(&te, "dr", 2);
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two", 3);

    /* Undo the second Up: back on "two". */
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    CHECK(textedit_undo(&te));
    SHOWN(&te, "two", 3);
    CHECK(history_next(&h, &te));
    SHOWN(&te, "dr", 2);

    /* Edits on a recalled entry undo first, then the load. */
    CHECK(history_prev(&h, &te));
    type(&te, " more");
    CHECK(textedit_undo(&te));
    SHOWN(&te, "two", 3);
    CHECK(textedit_undo(&te));
    SHOWN(&te, "dr", 2);
    /* A redo puts the load back, and the walk with it. */
    CHECK(textedit_redo(&te));
    SHOWN(&te, "two", 3);
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    CHECK(history_next(&h, &te));
    CHECK(history_next(&h, &te));
    SHOWN(&te, "dr", 2);

    /* Undo the load, then type: the walk is back on the draft, and the
     * typing is the draft now. */
    CHECK(history_prev(&h, &te));
    CHECK(textedit_undo(&te));
    type(&te, "x");
    CHECK(!history_next(&h, &te));
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two", 3);
    CHECK(history_next(&h, &te));
    SHOWN(&te, "drx", 3);

    /* Undo back across several moves at once. */
    CHECK(history_prev(&h, &te));
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    CHECK(textedit_undo(&te));
    CHECK(textedit_undo(&te));
    SHOWN(&te, "drx", 3);
    CHECK(!history_next(&h, &te));
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two", 3);

    /* A draft that is the same as the entry: no step to undo, the walk
     * still moves. */
    CHECK(history_next(&h, &te));
    textedit_select_all(&te);
    type(&te, "two");
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "two", 3);
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    CHECK(textedit_undo(&te));
    SHOWN(&te, "two", 3);
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "one", 3);
    CHECK(history_next(&h, &te));
    CHECK(history_next(&h, &te));
    SHOWN(&te, "two", 3);
    CHECK(!history_next(&h, &te));

    textedit_free(&te);
    history_free(&h);
}

/* Holding Up and Down for a long time keeps the walk's memory bounded. */
static void test_long_walk(void)
{
    struct history h;
    struct textedit te;
    size_t bad = 0;

    history_init(&h);
    CHECK(textedit_init(&te));
    push(&h, "a");
    push(&h, "b\xF0\x9F\x98\x80");
    type(&te, "draft");
    for (int k = 0; k < 3 * TEXTEDIT_MAX_STEPS; k++) {
        if (!history_prev(&h, &te) || !history_next(&h, &te))
            bad++;
    }
    CHECK(bad == 0);
    CHECK(h.load_count <= TEXTEDIT_MAX_STEPS);
    SHOWN(&te, "draft", 5);
    CHECK(history_prev(&h, &te));
    CHECK(history_prev(&h, &te));
    SHOWN(&te, "a", 1);
    CHECK(!history_prev(&h, &te));
    CHECK(textedit_undo(&te));
    SHOWN(&te, "b\xF0\x9F\x98\x80", 5);
    CHECK(history_next(&h, &te));
    SHOWN(&te, "draft", 5);
    textedit_free(&te);
    history_free(&h);
}

int main(void)
{
    test_push();
    test_walk();
    test_edits_while_walking();
    test_undo_while_walking();
    test_long_walk();
    return check_summary("history");
}
