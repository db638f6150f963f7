/* SPDX-License-Identifier: MIT */
/* export: writes messages of a conversation (struct chat) to a stream, in
 * one of three formats:
 * - JSON Lines in Ponte's transcript format, record by record through
 *   transcript.c's own writer (transcript_net_event), so that recording.c
 *   reads it back with the same messages, times, directions, binary data,
 *   close codes and events;
 * - HAR 1.2, one entry per connection (each CONNECTED starts one) with the
 *   messages in "_webSocketMessages" as Chrome writes them ({"type":
 *   "send"|"receive", "time": seconds since 1970, "opcode": 1|2, "data":
 *   text, or base64 for binary}); events and messages that were not sent
 *   have no place there and are left out;
 * - Markdown: a title with the URL and the span of time, then a section per
 *   message (its time, Sent or Received, the text in a fence long enough
 *   for any backticks inside, JSON pretty, binary as a hex dump) and an
 *   emphasised line per event, in the person's language (i18n).
 * Pure: no SDL, no lws, no file names; written message by message, so a
 * million messages never make one big buffer. The caller opens the stream
 * (app.c: a temporary file renamed into place). */
#ifndef PONTE_EXPORT_H
#define PONTE_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "chat.h"
#include "find.h"

enum export_format {
    EXPORT_JSONL,
    EXPORT_HAR,
    EXPORT_MARKDOWN,
    EXPORT_FORMAT_COUNT
};

/* Which messages: those of chat->messages[from..to) that filter's rows
 * show (NULL, or a filter that is off: all of them). The whole
 * conversation is {NULL, 0, chat->count}; the filtered view {&find, 0,
 * chat->count}; a selection its first message to its last + 1, with the
 * filter the list has. */
struct export_pick {
    const struct find *filter;
    size_t from, to;
};

/* "jsonl", "har", "md". */
const char *export_extension(enum export_format format);

/* How many messages and event lines a pick holds (what a HAR may leave out
 * included). */
size_t export_count(const struct chat *chat, const struct export_pick *pick);

/* Writes the pick to out. True when everything was written; *written: the
 * messages and events that went out (a HAR's: its messages). err says why
 * not (out of memory, or the stream's write failed). out is not closed. */
bool export_write(FILE *out, enum export_format format, const struct chat *chat, const struct export_pick *pick,
                  size_t *written, char *err, size_t errlen);

/* A count as the person's language writes it: "1,234" (English), "1.234"
 * (Portuguese). */
void export_format_count(uint64_t n, char *out, size_t size);

/* The name a new export gets: "ponte-2026-12-05-1645.jsonl" (local time). */
void export_default_name(enum export_format format, int64_t time_us, char *out, size_t n);

/* When path ends in one of the formats' extensions, it becomes format's
 * (the person changed the format after the name was filled in). True when
 * the path changed. */
bool export_fix_extension(char *path, size_t n, enum export_format format);

#endif
