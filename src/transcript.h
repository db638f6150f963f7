/* SPDX-License-Identifier: MIT */
/* transcript: the JSON Lines event log (--transcript FILE).
 *
 * One object per line, written and flushed as each event happens:
 *   {"ts":"2026-11-25T04:05:06.123456Z","event":"sent","text":"hello"}
 * Strings are escaped per RFC 8259: quote, backslash and control characters
 * are escaped, invalid UTF-8 becomes U+FFFD, everything else is written as is.
 * The file is opened for appending, so earlier runs are kept.
 *
 * A record is built with begin / field... / end; end writes the whole line
 * with one fwrite and flushes it, so a crash never leaves half a record from
 * an earlier event behind. Not thread-safe: one thread owns a transcript. */
#ifndef PONTE_TRANSCRIPT_H
#define PONTE_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h" /* json_escape_append, json_buffer */

struct transcript;

/* Opens (creating if needed) path for appending. On failure returns NULL and
 * writes a one-line reason (with the path and strerror) to err. */
struct transcript *transcript_open(const char *path, char *err, size_t errlen);
void transcript_close(struct transcript *t);

/* Records written into a stream the caller owns (an export, export.c):
 * not flushed one by one, not reported on stderr, and left open by
 * transcript_close. transcript_ok says whether every record was written.
 * NULL when memory ran out. */
struct transcript *transcript_over(FILE *file);
bool transcript_ok(const struct transcript *t);

/* Rotation, for a transcript that runs for weeks: once writing a record
 * would take the file past max_bytes, FILE becomes FILE.1 (FILE.1 becomes
 * FILE.2, and so on; FILE.keep is the oldest kept, older ones are deleted)
 * and a new FILE starts. A record is never split: one larger than
 * max_bytes gets a file to itself. max_bytes 0: no rotation. */
void transcript_set_rotation(struct transcript *t, uint64_t max_bytes, unsigned keep);

/* time_us: microseconds since the Unix epoch (UTC). */
void transcript_begin(struct transcript *t, int64_t time_us, const char *event);
void transcript_field_text(struct transcript *t, const char *key,
                           const char *text, size_t len);
void transcript_field_int(struct transcript *t, const char *key, int64_t value);
/* Binary data as standard base64 (RFC 4648, with padding). */
void transcript_field_base64(struct transcript *t, const char *key, const void *data, size_t len);
/* Writes the line and flushes. Returns false when the write failed; the
 * first failure is also reported once on stderr. */
bool transcript_end(struct transcript *t);

/* The record of one network event (see msg.h): "connecting", "connected",
 * "sent", "received", "not_sent", "closed", "error", "reconnecting";
 * the person's frames: "ping_sent" and "pong_sent" (or "ping_not_sent",
 * "pong_not_sent" with "reason"), "pong_received" (with "rtt_us"), and a
 * "sent" in fragments has "fragments"; a payload is "text", or "base64" for
 * binary and for text that is not UTF-8 (then also "invalid_utf8": true).
 * LISTENING, PONG (the keepalive's) and a RETRY that stops reconnecting
 * leave none.
 * payload[0..len): the message, for SENT, RECEIVED and NOT_SENT. */
struct net_event;
struct transcript_place {
    const char *url;     /* the connection's URL */
    const char *proxy;   /* the proxy's host:port (never credentials), or NULL */
    const char *headers; /* CONNECTING's extra headers, "Name: value" lines
                          * with the secrets already ***, or NULL */
};
void transcript_net_event(struct transcript *t, const struct net_event *ev,
                          const struct transcript_place *place, const char *payload, size_t len);

/* Formats time_us as "YYYY-MM-DDTHH:MM:SS.uuuuuuZ" (28 bytes with the NUL). */
void transcript_format_time(int64_t time_us, char out[32]);

#endif
