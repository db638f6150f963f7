/* SPDX-License-Identifier: MIT */
/* test_history: the sent-message history walked with Up and Down over a
 * real textedit, as the composer drives it, including Ctrl+Z in between. */
#include "check.h"
#include "history.h"
#include "textedit.h"

#include <stdlib.h>
#include <string.h>

/* The composer shows text, with the caret at caret and no selection. line
 * (and step, when not -1) say where the test asked. */
static void expect_shown(int line, long step, const struct textedit *te, const char *text, size_t caret)
{
    CHECK_MSG(te->len == strlen(text) && strcmp(te->text, text) == 0,
              "line %d step %ld: shows \"%s\", wanted \"%s\"", line, step, te->text, text);
    CHECK_MSG(te->caret == caret && te->anchor == caret,
              "line %d step %ld: caret %zu anchor %zu, wanted %zu", line, step, te->caret,
              te->anchor, caret);
}

#define SHOWN(te, text, caret) expect_shown(__LINE__, -1, te, text, caret)

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

/* ---- walks: the composer's keys, one step at a time ---------------------------- */

enum key {
    UP,          /* history_prev, which must move */
    DOWN,        /* history_next, which must move */
    UP_STAYS,    /* history_prev, which must not move */
    DOWN_STAYS,  /* history_next, which must not move */
    UNDO,        /* Ctrl+Z, which must take something back */
    REDO,        /* Ctrl+Y, which must put something back */
    TYPE,        /* typing text */
    SELECT_ALL,  /* Ctrl+A */
    TO_START,    /* Ctrl+Home */
    SEND,        /* Enter: what is shown goes into the history, the box empties */
};

static const char *const key_names[] = {"Up", "Down", "Up (stays)", "Down (stays)", "Undo", "Redo",
                                        "typing", "Select all", "Ctrl+Home", "Send"};

struct step {
    enum key key;
    const char *shown; /* what the composer shows after it (NULL: not looked at) */
    size_t caret;      /* and where its caret is */
    const char *typed; /* TYPE's text */
};

/* Plays the steps; each one's key must do its part, then the composer must
 * show what the step says. line names the table in failure messages. */
static void play(int line, struct history *h, struct textedit *te, const struct step *steps, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const struct step *s = &steps[i];
        bool checked = true, ok = true;
        switch (s->key) {
        case UP: ok = history_prev(h, te); break;
        case DOWN: ok = history_next(h, te); break;
        case UP_STAYS: ok = !history_prev(h, te); break;
        case DOWN_STAYS: ok = !history_next(h, te); break;
        case UNDO: ok = textedit_undo(te); break;
        case REDO: ok = textedit_redo(te); break;
        case TYPE: ok = textedit_insert(te, s->typed, strlen(s->typed)); break;
        case SEND:
            ok = history_push(h, te->text, te->len);
            textedit_clear(te);
            break;
        case SELECT_ALL:
            textedit_select_all(te);
            checked = false;
            break;
        case TO_START:
            textedit_move(te, TEXTEDIT_DOC_START, false);
            checked = false;
            break;
        }
        if (checked)
            CHECK_MSG(ok, "line %d, step %zu: %s did not do its part", line, i, key_names[s->key]);
        if (s->shown)
            expect_shown(line, (long)i, te, s->shown, s->caret);
    }
}

/* A step that checks only its key; one that then looks at the composer;
 * typing. */
#define PRESS(key) {key, NULL, 0, NULL}
#define SHOWS(key, text, caret) {key, text, caret, NULL}
#define TYPED(text) {TYPE, NULL, 0, text}

#define PLAY(h, te, steps) play(__LINE__, h, te, steps, sizeof steps / sizeof steps[0])

/* A history of the given entries, oldest first (NULL-terminated), and a
 * composer holding draft. */
static void start_walk(struct history *h, struct textedit *te, const char *const entries[], const char *draft)
{
    history_init(h);
    CHECK(textedit_init(te));
    for (size_t i = 0; entries[i]; i++)
        push(h, entries[i]);
    type(te, draft);
}

static void test_walk(void)
{
    struct history h;
    struct textedit te;

    /* Nothing sent yet: Up does nothing. */
    start_walk(&h, &te, (const char *const[]){NULL}, "dr");
    static const struct step nothing[] = {PRESS(UP_STAYS), SHOWS(DOWN_STAYS, "dr", 2)};
    PLAY(&h, &te, nothing);

    push(&h, "one");
    push(&h, "two\nlines");
    push(&h, "tr\xC3\xAAs");
    type(&te, "aft");
    textedit_set_caret(&te, 1, false);
    /* Up: the newest first, caret at the end; on to the oldest, then no
     * further. Down: newer, then the draft as it was, then no further. */
    static const struct step walk[] = {
        SHOWS(UP, "tr\xC3\xAAs", 5), SHOWS(UP, "two\nlines", 9), SHOWS(UP, "one", 3), SHOWS(UP_STAYS, "one", 3),
        SHOWS(DOWN, "two\nlines", 9), PRESS(DOWN), SHOWS(DOWN, "draft", 5), SHOWS(DOWN_STAYS, "draft", 5),
    };
    PLAY(&h, &te, walk);
    /* The entries are untouched. */
    CHECK(entry_is(&h, 0, "one") && entry_is(&h, 1, "two\nlines") &&
          entry_is(&h, 2, "tr\xC3\xAAs"));

    /* Sending ends the walk: Up starts again from the newest, and what was
     * on screen when sending is the new draft. */
    static const struct step send[] = {PRESS(UP), PRESS(SEND)};
    PLAY(&h, &te, send);
    CHECK(h.count == 3); /* the same as the newest */
    static const struct step again[] = {TYPED("new"), SHOWS(UP, "tr\xC3\xAAs", 5), SHOWS(DOWN, "new", 3)};
    PLAY(&h, &te, again);

    textedit_free(&te);
    history_free(&h);
}

/* Edits to a recalled entry stay for the walk, never in the history. */
static void test_edits_while_walking(void)
{
    struct history h;
    struct textedit te;

    start_walk(&h, &te, (const char *const[]){"one", "two", NULL}, "my draft");
    static const struct step edits[] = {
        SHOWS(UP, "two", 3), TYPED("!"), SHOWS(UP, "one", 3), PRESS(TO_START), TYPED("\xC3\xA9 "),
        /* Back down: each shows as it was left. */
        SHOWS(DOWN, "two!", 4), SHOWS(DOWN, "my draft", 8),
        /* The draft edited too; walking away and back keeps that. */
        TYPED("?"), SHOWS(UP, "two!", 4), SHOWS(UP, "\xC3\xA9 one", 6),
        /* Editing back to the stored text is the stored text again. */
        PRESS(SELECT_ALL), TYPED("one"), PRESS(DOWN), SHOWS(UP, "one", 3),
    };
    PLAY(&h, &te, edits);
    CHECK(h.entries[0].edit == NULL);
    static const struct step down[] = {PRESS(DOWN), SHOWS(DOWN, "my draft?", 9)};
    PLAY(&h, &te, down);
    CHECK(entry_is(&h, 0, "one") && entry_is(&h, 1, "two"));

    /* After a send the edits are gone: the stored entries show. */
    static const struct step send[] = {SHOWS(UP, "two!", 4), PRESS(SEND)};
    PLAY(&h, &te, send);
    CHECK(h.count == 3 && entry_is(&h, 2, "two!"));
    static const struct step stored[] = {PRESS(UP),   SHOWS(UP, "two", 3), SHOWS(UP, "one", 3),
                                         PRESS(DOWN), PRESS(DOWN),         SHOWS(DOWN, "", 0)};
    PLAY(&h, &te, stored);

    textedit_free(&te);
    history_free(&h);
}

/* Ctrl+Z takes a load back, and the walk follows. */
static void test_undo_while_walking(void)
{
    struct history h;
    struct textedit te;

    start_walk(&h, &te, (const char *const[]){"one", "two", NULL}, "dr");
    static const struct step undo[] = {
        /* Undo the first Up: the draft is back, and so is the walk. */
        SHOWS(UP, "two", 3), SHOWS(UNDO, "dr", 2), SHOWS(DOWN_STAYS, "dr", 2), SHOWS(UP, "two", 3),
        /* Undo the second Up: back on "two". */
        SHOWS(UP, "one", 3), SHOWS(UNDO, "two", 3), SHOWS(DOWN, "dr", 2),
        /* Edits on a recalled entry undo first, then the load. */
        PRESS(UP), TYPED(" more"), SHOWS(UNDO, "two", 3), SHOWS(UNDO, "dr", 2),
        /* A redo puts the load back, and the walk with it. */
        SHOWS(REDO, "two", 3), SHOWS(UP, "one", 3), PRESS(DOWN), SHOWS(DOWN, "dr", 2),
        /* Undo the load, then type: the walk is back on the draft, and the
         * typing is the draft now. */
        PRESS(UP), PRESS(UNDO), TYPED("x"), PRESS(DOWN_STAYS), SHOWS(UP, "two", 3), SHOWS(DOWN, "drx", 3),
        /* Undo back across several moves at once. */
        PRESS(UP), SHOWS(UP, "one", 3), PRESS(UNDO), SHOWS(UNDO, "drx", 3), PRESS(DOWN_STAYS), SHOWS(UP, "two", 3),
        /* A draft that is the same as the entry: no step to undo, the walk
         * still moves. */
        PRESS(DOWN), PRESS(SELECT_ALL), TYPED("two"), SHOWS(UP, "two", 3), SHOWS(UP, "one", 3),
        SHOWS(UNDO, "two", 3), SHOWS(UP, "one", 3), PRESS(DOWN), SHOWS(DOWN, "two", 3), PRESS(DOWN_STAYS),
    };
    PLAY(&h, &te, undo);

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
