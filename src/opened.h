/* SPDX-License-Identifier: MIT */
/* opened: a recording (recording.h) turned into a conversation model
 * (chat.h) to be shown read-only in place of the live one, with what its
 * header says: the span of time, how many messages, how many damaged
 * lines. Pure: entries in, a chat out. The loader (loader.c) feeds it one
 * entry at a time from recording.c's sink, so the entries are never all
 * held as well as the chat.
 *
 * Every entry becomes what the live conversation would have shown for its
 * event: sent and received messages as bubbles (binary, invalid UTF-8,
 * fragments, not sent with its reason), connection events, pings and
 * pongs, closes with their code and who closed, failures, as lines. A
 * damaged line is a line of its own (CHAT_EVENT_DAMAGED: "line 12: why"),
 * at the time of the entry before it. */
#ifndef PONTE_OPENED_H
#define PONTE_OPENED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chat.h"
#include "recording.h"

struct opened {
    struct chat chat;        /* the conversation as recorded */
    int64_t first_us, last_us; /* the span: the first and last entry with a time (0: none) */
    uint64_t messages;       /* sent, not sent and received */
    uint64_t damaged;        /* damaged lines */
    uint64_t entries;        /* every entry read */
    enum recording_format format;
    unsigned file_count;     /* files in the set (a rotated one: more than 1) */
};

/* An empty model (chat with no URL, not connected). */
void opened_init(struct opened *o);
void opened_free(struct opened *o);

/* Adds one entry. False when memory ran out (nothing was added). */
bool opened_add(struct opened *o, const struct recording_entry *e);

/* After the last entry: the URL, the format and the files the header names. */
void opened_finish(struct opened *o, const struct recording *rec);

/* The whole of a recording read already (tests, small files). */
bool opened_from_recording(struct opened *o, const struct recording *rec);

#endif
