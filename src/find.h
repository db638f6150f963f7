/* SPDX-License-Identifier: MIT */
/* find: what Ctrl+F finds, as state with no ui: the query, the filters
 * (only messages with hits; hide sent, received, system lines), the hits
 * per message with a running count, the current hit, and the filtered
 * list's rows. The messages are searched a slice per frame, so a million of
 * them never stall the window; new messages are searched as they come.
 * Pure: the list says how many hits a message shows and how high its row
 * is guessed through struct find_source (tests/test_find.c). */
#ifndef PONTE_FIND_H
#define PONTE_FIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chat.h"
#include "search.h"
#include "vlist.h"

/* One message with hits. */
struct find_hit {
    uint32_t message; /* index */
    uint32_t count;   /* hits in it */
    uint64_t before;  /* hits in the messages before it */
};

struct find {
    struct search_query query;
    bool only_matches;                 /* list only messages with hits */
    bool hide_sent, hide_received, hide_system;
    struct find_hit *hits;
    size_t hit_count, hit_cap;
    uint64_t total;                    /* hits found so far */
    size_t hits_scanned;               /* messages searched for the query */
    size_t rows_scanned;               /* messages sorted into the filtered rows */
    bool has_current;                  /* hits[current].occurrence is the current hit */
    size_t current;
    uint32_t occurrence;
    /* The list when filtered: its rows and the message each shows. */
    bool filtered;
    struct vlist rows;
    uint32_t *row_message;
    size_t row_cap;
    uint64_t version;                  /* bumped when the query or a filter changes */
};

/* What find asks of the list about a message. */
struct find_source {
    size_t (*hits)(void *user, const struct chat_message *m); /* the query's hits in the text shown */
    int (*guess)(void *user, const struct chat_message *m);   /* its row's height, guessed */
    void *user;
};

void find_init(struct find *f);
void find_free(struct find *f);

/* Sets the query (its text as typed). */
void find_set_query(struct find *f, const char *text, size_t len);

/* Starts the search over: the hits always; the filtered rows too when they
 * depend on what changed (rows_too: a filter; or the query with "Only
 * matches"). True when the list's rows changed (filtered before or now):
 * the list starts over at the bottom. */
bool find_restart(struct find *f, bool rows_too);

/* Whether the filters show a message of its kind. */
bool find_shown(const struct find *f, const struct chat_message *m);

/* Searches the next slice of messages; true while some are left (ask for
 * another frame). */
bool find_step(struct find *f, const struct chat *chat, const struct find_source *src);

/* Moves the current hit one step (dir > 0: toward newer messages); the
 * first step starts from message top, the first on screen. False when
 * there are no hits. */
bool find_move(struct find *f, int dir, size_t top);

/* The rows of the list: the message a row shows, and the row that shows
 * message msg (or the nearest row after it). */
size_t find_row_message(const struct find *f, size_t row);
size_t find_message_row(const struct find *f, size_t msg);

/* What the count says ("3 of 12", "searching… 40", "no matches"; "" with
 * no query), with messages the messages the list holds. */
void find_count_text(const struct find *f, size_t messages, char *out, size_t n);

#endif
