/* chat: the conversation model. Messages in order, the connection state and
 * its last reason, counters. Applies network events; knows nothing of
 * drawing, SDL or lws. UI thread only. */
#ifndef PONTE_CHAT_H
#define PONTE_CHAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"

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

/* CHAT_EVENT messages carry the network event kind that made them. */
struct chat_message {
    uint64_t id;          /* increasing: the index order */
    int64_t time_us;      /* wall clock */
    char *text;           /* payload (or close reason / failure detail); owned, NUL-terminated */
    size_t len;
    uint8_t kind;         /* enum chat_kind */
    uint8_t state;        /* enum chat_state */
    uint8_t binary;
    uint8_t event;        /* enum net_event_kind, for CHAT_EVENT */
    uint8_t error;        /* enum net_error */
    uint8_t closer;       /* enum net_closer */
    uint8_t recalled;     /* a not-sent message whose text was put back in the box */
    uint16_t code;        /* close code or port */
};

enum chat_connection {
    CHAT_STARTING,     /* the worker has not said anything yet */
    CHAT_CONNECTING,
    CHAT_CONNECTED,
    CHAT_DISCONNECTED,
};

struct chat {
    struct chat_message *messages;
    size_t count, cap;
    uint64_t next_id;

    enum chat_connection connection;
    char url[2400];           /* where we connect to */
    /* Why the last connection ended or failed (for the status bar). */
    enum net_error last_error;
    enum net_closer last_closer;
    int last_code;
    bool has_last_close;      /* last_* describe a close (else a failure) */
    char last_detail[256];

    uint64_t sent, received, not_sent;
    uint64_t version;         /* bumped on every change; views cache on it */
};

void chat_init(struct chat *chat, const char *url);
void chat_free(struct chat *chat);

/* Adds a message typed here, in state SENDING; returns its id (0 when out of
 * memory: then nothing was added and the caller keeps the text). */
uint64_t chat_add_sent(struct chat *chat, const char *text, size_t len, int64_t time_us);

/* Applies an event from the worker. Takes ownership of ev->data (it becomes
 * a message's text or is freed). */
void chat_apply(struct chat *chat, struct net_event *ev);

/* The message with this id, or NULL. */
struct chat_message *chat_find(struct chat *chat, uint64_t id);

/* Notes that a message's text went back into the box (the person has it
 * again, so its bubble stops offering it). */
void chat_mark_recalled(struct chat *chat, uint64_t id);

/* The newest message typed here that was not sent and not recalled yet, or
 * NULL. */
const struct chat_message *chat_last_not_sent(const struct chat *chat);
/* The newest message typed here, whatever its state, or NULL. */
const struct chat_message *chat_last_typed(const struct chat *chat);

#endif
