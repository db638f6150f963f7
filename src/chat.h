/* SPDX-License-Identifier: MIT */
/* chat: the conversation model. Messages in order, the connection state and
 * its last reason, counters. Applies network events; knows nothing of
 * drawing, SDL or lws. UI thread only. */
#ifndef PONTE_CHAT_H
#define PONTE_CHAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"
#include "url.h"

enum chat_kind {
    CHAT_SENT,     /* typed here; state says how far it got */
    CHAT_RECEIVED,
    CHAT_EVENT,    /* a connection event, drawn as a small centred line */
};

enum chat_state {
    CHAT_SENDING,  /* handed to the worker, not yet written */
    CHAT_DONE,     /* written to the socket (sent) or received */
    CHAT_NOT_SENT, /* error says why */
};

/* One message: 32 bytes, its text lives in the chat's text store. A
 * message's id is not stored: it is first_id + its index (chat_id).
 * CHAT_EVENT messages carry the network event kind that made them. */
/* The first line after messages were dropped for the history cap: "N older
 * messages" (chat->dropped of them). */
#define CHAT_EVENT_OLDER 0xFF
/* An opened recording's (opened.c): a line that was not a record (text:
 * why; rtt_us: its line number; code: its file's index in a rotated set,
 * + 1, 0 when one file), and an event this Ponte does not know (text: its
 * name). */
#define CHAT_EVENT_DAMAGED 0xFE
#define CHAT_EVENT_UNKNOWN 0xFD

struct chat_message {
    int64_t time_us;      /* wall clock */
    const char *text;     /* payload (or close reason / failure detail); NUL-terminated, never NULL */
    uint32_t len;
    uint8_t kind;         /* enum chat_kind */
    uint8_t state;        /* enum chat_state */
    uint8_t event;        /* enum net_event_kind, for CHAT_EVENT (or CHAT_EVENT_OLDER) */
    uint8_t error;        /* enum net_error */
    uint8_t closer;       /* enum net_closer */
    uint8_t binary : 1;
    uint8_t recalled : 1; /* a not-sent message whose text was put back in the box */
    uint8_t compressed : 1; /* RECEIVED: it came compressed (permessage-deflate) */
    uint8_t invalid_utf8 : 1; /* SENT: a text frame whose bytes are not UTF-8 (the frame menu's) */
    uint16_t code;        /* close code or port; SENT: the fragments it went in (0: as usual) */
    uint32_t rtt_us;      /* RECEIVED: the echo's round trip (0: not an echo); PING_ANSWERED: the ping's */
};

/* Texts: small ones packed into large blocks, big ones in their own block,
 * so a message costs no allocator header of its own. */
struct chat_store {
    char **blocks;
    size_t count, cap;
    size_t used, size; /* of the newest packing block */
    size_t bytes;      /* allocated, for the memory figures */
};

enum chat_connection {
    CHAT_STARTING,     /* the worker has not said anything yet */
    CHAT_CONNECTING,
    CHAT_CONNECTED,
    CHAT_DISCONNECTED,
};

#define CHAT_UNMATCHED 1024

struct chat {
    struct chat_message *messages;
    size_t count, cap;
    uint64_t first_id;        /* the id of messages[0] */
    struct chat_store store;
    uint64_t clears;          /* bumped by chat_clear and trims; views start over on it */
    size_t history_cap;       /* keep at most about this many messages (0: all) */
    uint64_t dropped;         /* messages dropped for it so far */

    /* Sent messages no echo has matched yet, oldest first (a ring): a
     * received message equal to the oldest is its echo. */
    struct chat_unmatched {
        uint64_t id;
        int64_t sent_us;
    } unmatched[CHAT_UNMATCHED];
    size_t unmatched_head, unmatched_count;

    enum chat_connection connection;
    char url[URL_TEXT_MAX];   /* where we connect to */
    uint64_t attempts;        /* connection attempts so far */
    /* Why the last connection ended or failed (for the status bar). */
    enum net_error last_error;
    enum net_closer last_closer;
    int last_code;
    bool has_last_close;      /* last_* describe a close (else a failure) */
    char last_detail[256];

    uint64_t sent, received, not_sent;
    uint64_t sending;         /* messages typed here and not yet sent nor failed */
    uint64_t bytes_sent, bytes_received;
    /* Their payload bytes on the wire (less when compressed). */
    uint64_t wire_sent, wire_received;

    /* The connection now (for the status bar). */
    char protocol[128];       /* the subprotocol the server agreed to, or "" */
    char tls[160];            /* TLS version and cipher, or "" */
    char proxy[136];          /* the proxy's host:port when through one, or "" */
    struct pmd_agreed compression; /* permessage-deflate as agreed (.on false: none) */
    int64_t connected_at_us;  /* wall clock; 0 when not connected */
    uint64_t connections;     /* CONNECTED events so far: reconnects are connections - 1 */
    int64_t retry_at_us;      /* > 0: reconnecting at this wall clock time */
    unsigned retry_attempt;
    int64_t ping_rtt_us;      /* the last ping's round trip; < 0: none yet */
    uint64_t version;         /* bumped on every change; views cache on it */
};

void chat_init(struct chat *chat, const char *url);
void chat_free(struct chat *chat);

/* Adds a message typed here, in state SENDING; returns its id (0 when out of
 * memory: then nothing was added and the caller keeps the text). */
uint64_t chat_add_sent(struct chat *chat, const char *text, size_t len, int64_t time_us);
/* The same for a binary message (or a text one, with binary false). */
uint64_t chat_add_sent_data(struct chat *chat, const char *data, size_t len, bool binary, int64_t time_us);

/* Adds a message as a recording has it (opened.c): a copy of m with its
 * own time, kind, state and the rest, its text copied from text[0..len).
 * Counts it as the live events would (sent, received, bytes) and gives an
 * echo its round trip. Returns its id, 0 when out of memory. */
uint64_t chat_add_recorded(struct chat *chat, const struct chat_message *m, const char *text, size_t len);

/* Applies an event from the worker. Takes ownership of ev->data (it becomes
 * a message's text or is freed) and of ev->connected (freed). */
void chat_apply(struct chat *chat, struct net_event *ev);

/* The message with this id, or NULL. */
struct chat_message *chat_find(struct chat *chat, uint64_t id);
/* A message's id. */
uint64_t chat_id(const struct chat *chat, const struct chat_message *m);

/* Forgets every message (the transcript on disk keeps them); the connection
 * state and the counters stay. Later events about forgotten messages are
 * counted but change nothing else. */
void chat_clear(struct chat *chat);

/* Keeps the newest keep messages (their ids stay) behind one "N older
 * messages" line, copying their texts into a fresh store so the memory of
 * the dropped ones is returned. With history_cap set, the chat does this by
 * itself when it holds an eighth more than the cap (so rarely: each trim
 * makes views start over). */
void chat_trim(struct chat *chat, size_t keep);

/* Bytes the model holds: the message array and the text store. */
size_t chat_memory(const struct chat *chat);

/* Notes that a message's text went back into the box (the person has it
 * again, so its bubble stops offering it). */
void chat_mark_recalled(struct chat *chat, uint64_t id);

/* The newest message typed here that was not sent and not recalled yet, or
 * NULL. */
const struct chat_message *chat_last_not_sent(const struct chat *chat);
/* The newest message typed here, whatever its state, or NULL. */
const struct chat_message *chat_last_typed(const struct chat *chat);

#endif
