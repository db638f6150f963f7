/* SPDX-License-Identifier: MIT */
/* player: the window's replay (--replay, and --demo with a recording). It
 * drives replay.c's clock from the app's timers and keeps its reasons to
 * wait: the person's Pause, typing in the message box (for a while), and
 * no connection. At speed 0 each item waits for the SENT (or NOT_SENT) of
 * the one before. An item the connection took down with it (NOT_SENT,
 * a ping or pong not sent) goes again, with what followed it, once
 * connected again. It also has the replay bar's words. Pure: the app hands
 * it the time and the connection's state, and carries out what it hands
 * back through a callback, so the unit tests drive it with a fake one.
 *
 * Times are the caller's monotonic microseconds (the window: SDL's ticks). */
#ifndef PONTE_PLAYER_H
#define PONTE_PLAYER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"
#include "replay.h"

struct recording;
struct cli_options;

/* The step of the bar's time: tenths of a second under a minute of
 * total, else seconds; a running replay wakes when the time shown moves. */
#define PLAYER_TICK_US 100000
#define PLAYER_TICK_LONG_US 1000000
#define PLAYER_TICK_MIN_US 50000 /* (a fast replay's bar: 20 times a second at most) */
/* Items handed out in one turn at most: a fast replay of tiny gaps still
 * lets the window draw between turns. */
#define PLAYER_TURN_MAX 256
/* Items handed out and not yet known sent, at most: past that the replay
 * waits for the server (a power of two: a ring). */
#define PLAYER_IN_FLIGHT 1024

/* The speeds the bar offers; 0 is "max" (as fast as the server takes them). */
#define PLAYER_SPEEDS 5
extern const double player_speeds[PLAYER_SPEEDS];

enum player_state {
    PLAYER_RUNNING,
    PLAYER_HELD,     /* the person paused it */
    PLAYER_TYPING,   /* someone is typing in the message box: it waits a while */
    PLAYER_OFFLINE,  /* waiting for the connection */
    PLAYER_FINISHED, /* the last item went out (not looping) */
};

/* An item handed out, until it is known sent. */
struct player_flight {
    size_t index;    /* the item */
    uint64_t pass;   /* in which pass */
    uint64_t id;     /* a message's id in the conversation (0: a ping or pong) */
    enum replay_kind kind;
};

/* Zero is "no replay". */
struct player {
    struct replay replay;   /* the recording's frames and the clock */
    bool held;              /* paused with the bar's button */
    int64_t typed_until;    /* typing pauses it until then (0: not) */
    bool offline;           /* not connected: paused until it is */
    bool lost;              /* the connection took items down: paused until CONNECTED comes */
    /* What was handed out and not yet known sent, oldest first (events
     * come in the order the sends went). */
    struct player_flight flights[PLAYER_IN_FLIGHT];
    uint32_t flight_head, flight_count;
    /* The item sent again after the connection took it down, so a second
     * loss of the same one lets it go instead of trying for ever. */
    size_t retried_index;
    uint64_t retried_pass; /* + 1 (0: none) */
};

/* Sends one item (the app: into the conversation and out to the network).
 * *id: the message's id in the conversation (0: none). False when it could
 * not even be queued: no SENT will come. */
typedef bool (*player_send_fn)(void *user, const struct replay_item *item, uint64_t *id);

/* Whether rec is a recording to replay rather than a demo's lines: a HAR
 * file, or a transcript whose first line is a record. */
bool player_is_recording(const struct recording *rec);

/* Takes rec's outgoing frames and starts the clock at now, waiting for the
 * connection. False, with err, when there is nothing to replay. */
bool player_open(struct player *p, const struct recording *rec, int64_t now, double speed, bool loop, char *err,
                 size_t errlen);
void player_free(struct player *p);

/* What the options' --replay FILE, or --demo FILE, makes of the window. */
enum player_source {
    PLAYER_NONE,      /* neither */
    PLAYER_RECORDING, /* a recording to replay: p is open (a demo's loops) */
    PLAYER_LINES,     /* --demo FILE is a file of lines, for the app's demo loop */
};
/* Reads the file (recording_load: a rotated set too) and opens p at now, at
 * --replay-speed, looping for a demo or with --replay-loop. *url: the
 * recorded URL when none was given (owned by p; NULL: the options' stands).
 * False, with err (a sentence naming the file), when --replay's file cannot
 * be read or replayed, or the recorded URL cannot be used. */
bool player_from_options(struct player *p, const struct cli_options *o, int64_t now, enum player_source *source,
                         const char **url, char *err, size_t errlen);
bool player_loaded(const struct player *p);

/* Sends what is due at now (at most PLAYER_TURN_MAX items) through send,
 * first pausing or resuming for the connection and the typing. Returns
 * the microseconds until it wants to be called again (for the next item,
 * the end of a typing pause, or the bar's next tick; 0: at once), or -1
 * when nothing will change without an outside event. */
int64_t player_turn(struct player *p, int64_t now, bool connected, player_send_fn send, void *user);

/* A network event: the SENT of the oldest item in flight (PING_SENT,
 * PONG_SENT for a ping or pong) is done with it, and at speed 0 lets the
 * next one go; its NOT_SENT (or not-sent ping or pong) because the
 * connection went rewinds the replay to it. True when a turn may now send
 * something (the app takes one at once). */
bool player_event(struct player *p, const struct net_event *ev, int64_t now);

/* Someone typed in the message box at now: it waits until `until` (a
 * Pause by hand stays after that). */
void player_typed(struct player *p, int64_t now, int64_t until);
/* The bar's buttons: Pause / Resume (Resume also ends a typing pause),
 * a speed from player_speeds, Again (from the start, running). */
void player_toggle(struct player *p, int64_t now);
void player_set_speed(struct player *p, double speed, int64_t now);
void player_again(struct player *p, int64_t now);

enum player_state player_state(const struct player *p, int64_t now);

/* The bar's words. "3 of 5": the items sent in this pass (the last pass's
 * all while a loop waits to start over). */
void player_count_text(const struct player *p, char *out, size_t n);
/* "0:01.2 / 0:04.0" (tenths under a minute of total), "1:05 / 2:30",
 * "1:02:03 / 2:00:00". */
void player_time_text(int64_t at_us, int64_t total_us, char *out, size_t n);
/* "0.5×", "2×", "max" (speed 0). */
void player_speed_text(double speed, char *out, size_t n);
/* What the bar says of the state ("" while running). */
const char *player_state_text(enum player_state state);

#endif
