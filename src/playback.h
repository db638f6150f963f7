/* SPDX-License-Identifier: MIT */
/* playback: --replay in the terminal mode (headless.c drives it from its
 * one-thread loop): the recording loaded, the URL chosen, each outgoing
 * frame replay.c hands out carried out through net.h, the wait for the
 * answers after the last one, and --expect's checks (expect.c) of what
 * came back, reported at the end on stderr and in --junit's file.
 *
 * The wait after the last frame was written: until as many messages came
 * as the recording received (then PLAYBACK_QUIET_MS more without one, so
 * an extra message is seen), or at most the recording's own time from its
 * last sent frame to its last received message, divided by the speed (at
 * speed 0 as recorded), plus PLAYBACK_GRACE_MS. */
#ifndef PONTE_PLAYBACK_H
#define PONTE_PLAYBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"

#define PLAYBACK_QUIET_MS 500
#define PLAYBACK_GRACE_MS 3000

struct net;
struct net_event;
struct playback;

/* Loads options->replay_file (and --expect's --ignore paths) and chooses
 * the URL: the one given (on the command line, in a configuration file or
 * PONTE_URL), else the recording's. NULL after a message on stderr when
 * the file cannot be read, holds nothing to replay, names no usable URL
 * or a path is bad: exit status 2. *url: the URL to connect to (owned by
 * the playback; ignored with --local-echo). */
struct playback *playback_open(const struct cli_options *options, const char **url);

/* The connection is up: the replay starts (the first time only). */
void playback_connected(struct playback *p, int64_t now_us);

/* Sends what is due; returns the ms until something is (-1: nothing
 * without an event). *next_id numbers the messages (headless.c's ids);
 * *handed counts the messages handed to net (each answered by SENT or
 * NOT_SENT). False when memory ran out. */
bool playback_turn(struct playback *p, struct net *net, int64_t now_us, uint64_t *next_id, uint64_t *handed,
                   int *wait_ms);

/* An event of the connection, as it comes. */
void playback_event(struct playback *p, const struct net_event *ev, int64_t now_us);

/* The replay is over (not looping), every frame written and the answers
 * waited for: time to close. */
bool playback_done(const struct playback *p, int64_t now_us);

/* Whether the replay had started and not finished sending (a connection
 * lost then is an error); n of N for the message. */
bool playback_sending(const struct playback *p, uint64_t *sent, uint64_t *count);

/* The end: --expect's diff and summary on stderr and its JUnit file.
 * Returns false when the check failed (or the report could not be
 * written). Frees p. */
bool playback_finish(struct playback *p);

#endif
