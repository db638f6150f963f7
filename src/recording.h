/* SPDX-License-Identifier: MIT */
/* recording: reads a recorded session into a list of entries, for opening
 * it offline, replaying it and checking a server against it. Two formats:
 * - Ponte's own JSON Lines transcript (transcript.c writes it): one object
 *   per line, {"ts":"2026-11-25T04:05:06.123456Z","event":"sent",...}. A
 *   line that is not a record becomes a RECORDING_DAMAGED entry with its
 *   line number and why; the rest still loads. A rotated set (FILE.n ..
 *   FILE.1, FILE) is read oldest first.
 * - A HAR file saved by a browser's developer tools: every entry's
 *   "_webSocketMessages" (Chrome and Firefox: {"type":"send"|"receive",
 *   "time": seconds since the epoch, "opcode": 1 text | 2 binary, "data":
 *   the text, or base64 for binary}) becomes sent and received entries,
 *   after a CONNECTED entry that carries the entry's request URL.
 *
 * The parsers are pure (json.c's reader, codec.c's base64) and are fed
 * bytes; recording_load is the one function that touches files. Bounded:
 * a line longer than max_line is a damaged entry, more than max_entries
 * entries an error, and bad input never aborts. */
#ifndef PONTE_RECORDING_H
#define PONTE_RECORDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h" /* enum net_closer */

/* Defaults for the zero limits of struct recording. A message is at most
 * 16 MiB, its base64 a third more: 32 MiB holds any line Ponte writes. */
#define RECORDING_MAX_LINE ((size_t)32 << 20)
#define RECORDING_MAX_ENTRIES ((size_t)20 * 1000 * 1000)
/* A rotated set longer than this is not one transcript.c wrote. */
#define RECORDING_MAX_FILES 10000

/* What an entry is: the transcript's "event" names, in the same words. */
#define RECORDING_KINDS(X)                 \
    X(RECORDING_SENT, "sent")              \
    X(RECORDING_RECEIVED, "received")      \
    X(RECORDING_NOT_SENT, "not_sent")      \
    X(RECORDING_CONNECTING, "connecting")  \
    X(RECORDING_CONNECTED, "connected")    \
    X(RECORDING_CLOSED, "closed")          \
    X(RECORDING_ERROR, "error")            \
    X(RECORDING_RECONNECTING, "reconnecting") \
    X(RECORDING_LISTENING, "listening")    \
    X(RECORDING_PING_SENT, "ping_sent")    \
    X(RECORDING_PING_NOT_SENT, "ping_not_sent") \
    X(RECORDING_PONG_SENT, "pong_sent")    \
    X(RECORDING_PONG_NOT_SENT, "pong_not_sent") \
    X(RECORDING_PONG_RECEIVED, "pong_received") \
    X(RECORDING_OTHER, "other")     /* an event this Ponte does not know: its name in detail */ \
    X(RECORDING_DAMAGED, "damaged") /* not a record: reason says why, line where */

enum recording_kind {
#define RECORDING_ENUM(id, name) id,
    RECORDING_KINDS(RECORDING_ENUM)
#undef RECORDING_ENUM
};

enum recording_direction {
    RECORDING_NONE, /* an event of the connection, not a frame */
    RECORDING_OUT,  /* sent (or meant to be) by the client */
    RECORDING_IN,   /* received from the server */
};

/* Every string is malloc'd and NUL-terminated, or NULL when the record had
 * none. */
struct recording_entry {
    int64_t time_us; /* microseconds since the Unix epoch (UTC); 0 for a damaged line */
    enum recording_kind kind;
    enum recording_direction direction;
    bool binary;       /* data is a binary message's bytes */
    bool invalid_utf8; /* a text message whose bytes are not UTF-8 (kept exact) */
    char *data;        /* the payload (messages, pings, pongs), len bytes */
    size_t len;
    int64_t number;    /* CLOSED: the close code; PONG_RECEIVED: rtt_us;
                        * RECONNECTING: delay_ms; SENT: fragments (0: one) */
    enum net_closer by; /* CLOSED: who closed first */
    char *reason;      /* CLOSED, NOT_SENT, ERROR, *_NOT_SENT; DAMAGED: why */
    char *detail;      /* ERROR: lws's detail; OTHER: the event's name */
    char *url;         /* CONNECTING, CONNECTED */
    char *protocol;    /* CONNECTED: the subprotocol agreed */
    size_t line;       /* where it was: the line (from 1) in its file */
    unsigned file;     /* which file of the set: an index into recording.files */
};

enum recording_format {
    RECORDING_UNKNOWN,
    RECORDING_TRANSCRIPT,
    RECORDING_HAR,
};

/* Start zeroed (the limits may be set); release with recording_free. */
struct recording {
    size_t max_line;    /* 0: RECORDING_MAX_LINE */
    size_t max_entries; /* 0: RECORDING_MAX_ENTRIES */
    enum recording_format format;
    struct recording_entry *entries; /* in file order (a rotated set: oldest file first) */
    size_t count, cap;
    size_t damaged;     /* how many entries are RECORDING_DAMAGED */
    char *url;          /* the first URL the recording names, or NULL */
    char **files;       /* recording_load: the files read, oldest first */
    size_t file_count;
    size_t seen;        /* entries read so far, kept or handed to sink */

    /* Optional, for a loader that builds its own model (opened.c) and runs
     * on a thread of its own (loader.c); kept by recording_free.
     * sink: each entry is handed to it as it is read instead of being kept
     * (the entry is freed after; false stops the reading: out of memory),
     * so a million messages are not held twice. A HAR's entries are still
     * gathered first, to be put in order of time, then handed over.
     * With a sink, recording_load reads a transcript a chunk at a time
 * instead of mapping it whole.
 * progress: now and then, how much is read (0 to 1 over the whole
     * set); false stops the reading (cancelled). */
    bool (*sink)(void *user, const struct recording_entry *e);
    bool (*progress)(void *user, double fraction);
    void *user;
    double progress_from, progress_to; /* recording_load's share for this file (both 0: all) */
    bool holding;                      /* gathering a HAR: put keeps entries even with a sink */
    size_t line_base;                  /* streaming: lines of the file before this chunk */
};

void recording_free(struct recording *rec);

/* The event name a kind is written with ("sent", ...). */
const char *recording_kind_name(enum recording_kind kind);

/* Appends the JSON Lines transcript in data[0..len); file goes into each
 * entry. False only when more than max_entries entries would be kept or
 * memory ran out (err says which; what was read stays); a damaged line is
 * an entry, not a failure. */
bool recording_read_transcript(struct recording *rec, const char *data, size_t len, unsigned file,
                               char *err, size_t errlen);

/* Appends the WebSocket messages of the HAR document in data[0..len), in
 * order of time (stable: a browser lists each connection's messages
 * after the one before, and connections that overlap are merged). False
 * when it is not JSON or not a HAR ("log" with "entries"); err names the
 * line and column. A message without a usable type, time, opcode or data is
 * a damaged entry with the line its object starts on. */
bool recording_read_har(struct recording *rec, const char *data, size_t len, unsigned file,
                        char *err, size_t errlen);

/* What the first bytes of a file look like (a pure sniff, for deciding
 * what a dropped file is): a transcript when its first line is a whole
 * object with an "event"; a HAR when it is an object whose first member
 * is "log"; else RECORDING_UNKNOWN. */
enum recording_format recording_sniff(const char *data, size_t len);

/* Either format, told apart by the content: a first line that is a whole
 * object with an "event" is a transcript, else a HAR is tried, then a
 * transcript again (one whose first line is damaged). False, with err,
 * when it is neither (no valid record and no HAR) or empty. */
bool recording_read(struct recording *rec, const char *data, size_t len, char *err, size_t errlen);

/* The rotated set path belongs to, oldest first: path.n, ..., path.1, path
 * (the numbered files that exist, counting up from 1 until one is missing).
 * *paths is malloc'd, each string too; free with recording_free_paths.
 * False when memory ran out. */
bool recording_rotated_set(const char *path, char ***paths, size_t *count);
void recording_free_paths(char **paths, size_t count);

/* Reads path (and its rotated set) into rec, which is emptied first;
 * rec->files names the files. False, with err (naming the file), when one
 * cannot be read or the content is neither format. */
bool recording_load(struct recording *rec, const char *path, char *err, size_t errlen);

#endif
