/* SPDX-License-Identifier: MIT */
/* replay: what a recording sends again, and when. The recording's outgoing
 * frames (its sent messages, the person's pings and pongs), in order, with
 * the recorded gap before each; a clock that runs at a speed, pauses,
 * resumes and loops. Pure: the window (app.c) and the terminal mode
 * (headless.c) ask it what is due and carry it out.
 *
 * Time: item i is due `gap` recorded microseconds after item i - 1 was
 * handed out, divided by the speed. The first is due at once; after the
 * last, a loop starts over after the recording's tail (from its last sent
 * message to its last entry, at least REPLAY_LOOP_GAP_US). Gaps are
 * measured between hand-outs, not from a fixed start, so a pause, a
 * change of speed or a slow server moves the rest later rather than
 * bunching it up. Speed 0 sends each item as soon as the one before was
 * written (replay_written). */
#ifndef PONTE_REPLAY_H
#define PONTE_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct recording;

/* The pause before a loop starts over when the recording has no tail. */
#define REPLAY_LOOP_GAP_US 1000000
/* A recorded gap longer than this is cut to it: a recording spanning a
 * night replays its messages, not its night (a day at most). */
#define REPLAY_MAX_GAP_US ((int64_t)86400 * 1000000)
#define REPLAY_MAX_SPEED 1000.0

enum replay_kind {
    REPLAY_MESSAGE, /* a text or binary message */
    REPLAY_PING,    /* the person's ping, data its payload */
    REPLAY_PONG,    /* a pong nobody asked for */
};

struct replay_item {
    enum replay_kind kind;
    bool binary;
    bool invalid_utf8;  /* a text message whose bytes are not UTF-8 (sent so on purpose) */
    unsigned fragments; /* a message sent in this many fragments (0: as usual); frames.c allows it */
    char *data;         /* malloc'd, NUL-terminated (not counted in len) */
    size_t len;
    int64_t gap_us;     /* recorded time since the item before (0 for the first) */
    int64_t at_us;      /* recorded time since the first item */
};

/* Zero is "nothing loaded". */
struct replay {
    struct replay_item *items;
    size_t count;
    int64_t duration_us; /* the first item to the last */
    int64_t tail_us;     /* the last item to the recording's end */
    char *url;           /* the first URL the recording names, or NULL */

    /* The clock. */
    double speed;        /* 1: as recorded; 0: as fast as the server takes them */
    bool loop;
    bool started, paused, finished;
    size_t next;         /* the item due next */
    uint64_t passes;     /* whole passes done (loops) */
    uint64_t handed;     /* items handed out so far, all passes */
    int64_t last_at;     /* when the item before next was handed out (caller's clock, us) */
    int64_t paused_at;   /* when it paused */
    bool waiting;        /* speed 0: the item handed out is not written yet */
};

/* The outgoing frames of rec, copied (rec may be freed after). False, with
 * err, when it has none (nothing to replay) or memory ran out. */
bool replay_load(struct replay *r, const struct recording *rec, char *err, size_t errlen);
void replay_free(struct replay *r);

/* Starts (or starts over) at item 0, now, at speed (clamped to 0 ..
 * REPLAY_MAX_SPEED), looping or not. */
void replay_start(struct replay *r, int64_t now_us, double speed, bool loop);

/* The item due at now_us, or NULL; each call hands out at most one (call
 * again for the next). *wait_us (may be NULL) says how long until the next
 * is due: -1 when nothing will be without an outside change (paused,
 * finished, not started, or speed 0 waiting for replay_written). */
const struct replay_item *replay_due(struct replay *r, int64_t now_us, int64_t *wait_us);

/* The item handed out last was written to the socket (or failed): at
 * speed 0 the next is due now. At other speeds it changes nothing. */
void replay_written(struct replay *r, int64_t now_us);

/* Item `next` of pass `passes` (as they were when it was handed out) is
 * to go again, due at once: it never reached the server (the connection
 * went). What was handed out after it goes again too, in order. */
void replay_rewind(struct replay *r, size_t next, uint64_t passes, int64_t now_us);

void replay_pause(struct replay *r, int64_t now_us);
void replay_resume(struct replay *r, int64_t now_us);
/* Changes the speed from now on, keeping how far into the current gap the
 * replay is (a gap half gone at speed 1 is half gone at speed 4 too). */
void replay_set_speed(struct replay *r, double speed, int64_t now_us);

/* Where the replay is in recorded time: the item before next's at_us plus
 * the part of the gap to next gone by (0 .. duration_us). */
int64_t replay_position_us(const struct replay *r, int64_t now_us);

#endif
