/* SPDX-License-Identifier: MIT */
/* expect: --expect's checks. Each message received is compared with the
 * one the recording received at the same place (the i-th with the i-th):
 * - when both are text and both parse as JSON values, structurally:
 *   object members in any order (a name given twice pairs up in order),
 *   numbers by value (1, 1.0 and 1e0 are one number; exactly, by their
 *   digits, not as doubles), strings by their decoded text; the places
 *   --ignore names (jpath.h) left out, everything in them too;
 * - else byte for byte (a text message with a binary one always differs).
 * A document deeper than json.c's reader reads (64 levels), with a member
 * name over 4 KiB or of more than EXPECT_MAX_VALUES values is compared
 * byte for byte.
 *
 * The differences of a message become a readable text (its number and
 * recorded time, then each place with the recorded and the received
 * value, or for text and binary the first differing offset with the bytes
 * around it), at most EXPECT_MAX_PLACES places each. The run's result is
 * a summary line and a JUnit report (junit.h). Pure: no socket, no file. */
#ifndef PONTE_EXPECT_H
#define PONTE_EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jpath.h"
#include "json.h"

struct recording;

#define EXPECT_MAX_PLACES 10          /* places (or offsets) a message's diff names */
#define EXPECT_MAX_VALUES ((size_t)1 << 20) /* values in a document compared structurally */

/* One message as the comparison sees it. */
struct expect_side {
    const char *data;
    size_t len;
    bool binary;
};

/* Compares recorded with received, leaving out the places ignores names.
 * Appends the lines of the differences (each "  " + what + "\n", at most
 * EXPECT_MAX_PLACES, then a line saying how many more) to diff (may be
 * NULL: only counted) and returns how many there are: 0 when the message
 * is as recorded. Out of memory while comparing: one difference saying so. */
size_t expect_compare(const struct expect_side *recorded, const struct expect_side *received,
                      const struct jpath *ignores, size_t ignore_count, struct json_buffer *diff);

enum expect_state {
    EXPECT_WAITING,   /* not received yet */
    EXPECT_SAME,
    EXPECT_DIFFERENT,
    EXPECT_MISSING,   /* never came (expect_finish) */
};

struct expect_message {
    int64_t time_us;  /* when the recording received it (since the epoch) */
    bool binary;
    char *data;       /* malloc'd copy, NUL after len */
    size_t len;
    enum expect_state state;
    char *diff;       /* DIFFERENT, MISSING: the diff's text (malloc'd, lines) */
};

/* A run of checks. Zero is empty; expect_init fills it. */
struct expect {
    struct jpath *ignores;
    size_t ignore_count;
    struct expect_message *recorded; /* the recording's received messages, in order */
    size_t count;
    int64_t start_us;   /* the recording's first time: diffs say +seconds from it */
    size_t received;    /* messages received so far */
    size_t extra;       /* received past the recorded ones */
    struct json_buffer extras; /* lines naming the first extra ones */
    size_t different, missing;
    bool finished;
};

/* The recorded received messages of rec (copied) and the --ignore paths
 * parsed. False, with err, on a bad path (naming it) or out of memory. A
 * recording that received nothing is fine: then any message is extra. */
bool expect_init(struct expect *e, const struct recording *rec, const char *const *ignores, size_t ignore_count,
                 char *err, size_t errlen);
void expect_free(struct expect *e);

/* A message received, compared with the recording's next one. False only
 * when memory ran out (counted as a difference). */
bool expect_received(struct expect *e, const char *data, size_t len, bool binary);

/* The end: what did not come is missing. */
void expect_finish(struct expect *e);

/* True when every recorded message came as recorded and nothing more. */
bool expect_passed(const struct expect *e);

/* "expect: 12 of 12 messages as recorded" or "expect: 3 of 12 messages
 * differ (1 missing, 2 extra)", translated, without a line feed. */
void expect_summary(const struct expect *e, char *out, size_t n);

/* The diff of the first max messages that differ (and a line for the
 * rest, and for extra ones), for stderr. False when memory runs out. */
bool expect_report(const struct expect *e, size_t max, struct json_buffer *out);

/* The JUnit report: one test case per recorded message (and one for extra
 * messages when some came), suite named after the recording. */
bool expect_junit(const struct expect *e, const char *suite, double seconds, struct json_buffer *out);

#endif
