/* SPDX-License-Identifier: MIT */
/* frames: the odd frames a person sends to test a server, as data. The
 * rules RFC 6455 sets for them (which close codes may go on the wire, how
 * long a control frame's payload and a close reason may be), how a message
 * is split into N fragments, the bytes of a text frame that is not UTF-8,
 * and the terminal mode's slash commands (--slash) that ask for each. The
 * frame menu (framemenu.c) and the terminal mode share these checks, so a
 * frame refused in one is refused in the other, with the same words,
 * before anything is sent. Pure: libc only.
 *
 * The slash commands, one per line of stdin (a line not starting with '/'
 * is a message, as without --slash):
 *   /ping [PAYLOAD]         a ping (PAYLOAD at most 125 bytes)
 *   /pong [PAYLOAD]         a pong nobody asked for
 *   /close [CODE [REASON]]  close with CODE (default 1000) and REASON
 *   /fragments N TEXT       TEXT as one text message in N fragments
 *   /invalid [TEXT]         a text frame whose bytes are not UTF-8: TEXT
 *                           with \xHH escapes as bytes, or with one 0xFF
 *                           byte after it when it has no escape
 *   //TEXT                  the message "/TEXT" */
#ifndef PONTE_FRAMES_H
#define PONTE_FRAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "error_table.h"

#define FRAMES_CONTROL_MAX 125 /* a control frame's payload (RFC 6455 5.5) */
#define FRAMES_REASON_MAX 123  /* a close frame's reason: 125 less the code */
#define FRAMES_FRAGMENTS_MAX 1000
/* One fragment is one frame written from one buffer (the worker's). */
#define FRAMES_FRAGMENT_BYTES ((size_t)64 << 10)

/* X(code, text): why a frame is refused. The text is the English words and
 * the msgid of their translation (tr_frames_error in i18n.c). */
#define FRAMES_ERRORS(X)                                                                           \
    X(FRAMES_CODE_NOT_A_NUMBER, "the close code must be a number")                                 \
    X(FRAMES_CODE_UNUSED, "close codes below 1000 are not used")                                   \
    X(FRAMES_CODE_RESERVED, "close code 1004 is reserved")                                         \
    X(FRAMES_CODE_LOCAL, "close codes 1005, 1006 and 1015 only report a close, and are never sent") \
    X(FRAMES_CODE_UNASSIGNED, "close codes 1016 to 2999 are reserved for the protocol")            \
    X(FRAMES_CODE_TOO_HIGH, "close codes above 4999 do not exist")                                 \
    X(FRAMES_REASON_TOO_LONG, "a close reason holds at most 123 bytes")                            \
    X(FRAMES_REASON_NOT_UTF8, "a close reason must be valid UTF-8")                                \
    X(FRAMES_CONTROL_TOO_LONG, "a ping or pong carries at most 125 bytes")                         \
    X(FRAMES_COUNT_NOT_A_NUMBER, "the number of fragments must be a number")                       \
    X(FRAMES_COUNT_RANGE, "a message goes in 2 to 1000 fragments")                                 \
    X(FRAMES_FRAGMENT_TOO_BIG, "a fragment holds at most 64 KiB: ask for more fragments")          \
    X(FRAMES_ESCAPE, "\\x must be followed by two hex digits")                                     \
    X(FRAMES_STILL_UTF8, "these bytes are valid UTF-8")                                            \
    X(FRAMES_NO_MEMORY, "out of memory")                                                           \
    X(FRAMES_UNKNOWN_COMMAND, "unknown command: /ping, /pong, /close, /fragments, /invalid, or // " \
                              "for a message that starts with /")

enum frames_error { FRAMES_OK, FRAMES_ERRORS(ERROR_TABLE_ENUM) FRAMES_ERROR_COUNT };

/* The English words for error ("" for FRAMES_OK). */
const char *frames_error_text(enum frames_error error);

enum frames_kind {
    FRAMES_NONE,
    FRAMES_MESSAGE,      /* a text message, as a plain line ("//" lines) */
    FRAMES_PING,
    FRAMES_PONG,
    FRAMES_CLOSE,        /* code, and data as the reason */
    FRAMES_FRAGMENTS,    /* data as a text message in `fragments` frames */
    FRAMES_INVALID_UTF8, /* data (not UTF-8) as one text frame */
};

/* What to send. data is malloc'd (NULL when len is 0): frames_request_free. */
struct frames_request {
    enum frames_kind kind;
    char *data;
    size_t len;
    int code;           /* FRAMES_CLOSE */
    unsigned fragments; /* FRAMES_FRAGMENTS */
    bool binary;        /* FRAMES_FRAGMENTS: a binary message (the message box in Hex or Base64) */
};

void frames_request_free(struct frames_request *r);

/* Whether code may be sent in a close frame (RFC 6455 7.4: 1000-1003,
 * 1007-1014 and 3000-4999). */
enum frames_error frames_check_code(int code);
/* A close code typed as decimal digits (spaces around allowed). */
enum frames_error frames_parse_code(const char *text, size_t len, int *code);
/* The code, and a reason of at most 123 bytes of UTF-8. */
enum frames_error frames_check_close(int code, const char *reason, size_t len);
/* A number of fragments typed as decimal digits. */
enum frames_error frames_parse_count(const char *text, size_t len, unsigned *count);
/* count fragments of a message of len bytes: 2 to 1000, none over 64 KiB. */
enum frames_error frames_check_fragments(unsigned count, size_t len);
/* Where fragment i (0-based) of count starts and ends in a message of len
 * bytes: as even as can be, the longer ones last (some are empty when len
 * is below count). */
void frames_fragment_bounds(size_t len, unsigned count, unsigned i, size_t *start, size_t *end);

/* The bytes of a text frame that is not UTF-8: text with each \xHH as that
 * byte (and \\ as one backslash); with no \x escape, text and one 0xFF
 * byte. Refused when the result is valid UTF-8. *out is malloc'd. */
enum frames_error frames_invalid_payload(const char *text, size_t len, char **out, size_t *out_len);

/* Builds a request of kind from a payload (the message box's bytes, or a
 * slash command's text), checking it: the payload's length for a ping or
 * pong, the code and reason for a close (reason: the payload), fragments,
 * the bytes for invalid UTF-8. FRAMES_OK and *out filled, or the error and
 * *out empty. */
enum frames_error frames_build(enum frames_kind kind, const char *payload, size_t len, int code,
                               unsigned fragments, struct frames_request *out);

enum frames_line {
    FRAMES_LINE_PLAIN,   /* not a command: send the line as it is */
    FRAMES_LINE_COMMAND, /* *out holds what to send */
    FRAMES_LINE_REFUSED, /* *error says why; send nothing */
};

/* A line of stdin under --slash (without its line feed). */
enum frames_line frames_parse_line(const char *line, size_t len, struct frames_request *out,
                                   enum frames_error *error);

/* The terminal mode's words (English, for stderr) for an event about a
 * frame the person asked for: "ping sent: DATA", "pong after 412 µs: DATA",
 * "pong sent: DATA", "ping not sent: not connected", "sent in 4 fragments".
 * False (out empty) for every other event. */
struct net_event;
bool frames_event_text(const struct net_event *ev, char *out, size_t n);

#endif
