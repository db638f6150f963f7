/* SPDX-License-Identifier: MIT */
/* msg: the plain structs that cross between the UI thread and the network
 * worker, through the two spsc rings. Each pointer inside has exactly one
 * owner: the side that last pushed or popped the struct holding it. */
#ifndef PONTE_MSG_H
#define PONTE_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pmd.h"

/* Why a connection failed or ended, as data: the UI turns each into words in
 * the person's language, tests assert which one happened. X(name, English). */
#define NET_ERRORS(X)                                                     \
    X(NONE, "no error")                                                   \
    X(REFUSED, "connection refused")                                      \
    X(TIMEOUT, "timed out")                                               \
    X(HOST_NOT_FOUND, "host not found")                                   \
    X(UNREACHABLE, "network unreachable")                                 \
    X(NO_NETWORK, "no network")                                           \
    X(TLS_VERIFY, "TLS: certificate verify failed")                       \
    X(TLS_HANDSHAKE, "TLS handshake failed")                              \
    X(HANDSHAKE, "the server refused the WebSocket handshake")            \
    X(CONNECTION_LOST, "connection lost")                                 \
    X(PING_TIMEOUT, "no answer to pings")                                 \
    X(INVALID_UTF8, "invalid UTF-8 in a text message")                    \
    X(INVALID_CLOSE, "invalid UTF-8 in the close reason")                 \
    X(TOO_BIG, "message too big")                                         \
    X(NOT_CONNECTED, "not connected")                                     \
    X(NO_MEMORY, "out of memory")                                         \
    X(CANCELLED, "cancelled")                                             \
    X(LISTEN, "the built-in echo server could not start")                 \
    X(PROXY_REFUSED, "the proxy refused the connection")                  \
    X(PROXY_DENIED, "the proxy refused the tunnel")                       \
    X(OTHER, "connection failed")

enum net_error {
#define NET_ERROR_ENUM(name, text) NET_ERROR_##name,
    NET_ERRORS(NET_ERROR_ENUM)
#undef NET_ERROR_ENUM
    NET_ERROR_COUNT
};

/* The English words for an error: the transcript's "reason", and the UI's
 * English text (i18n translates them). */
static inline const char *net_error_text(enum net_error error)
{
    static const char *const texts[] = {
#define NET_ERROR_TEXT(name, text) text,
        NET_ERRORS(NET_ERROR_TEXT)
#undef NET_ERROR_TEXT
    };
    return (unsigned)error < NET_ERROR_COUNT ? texts[error] : texts[NET_ERROR_OTHER];
}

enum net_command_kind {
    NET_COMMAND_SEND,    /* a message: data, len, binary; fragments */
    NET_COMMAND_CONNECT, /* connect if not connected; data: another URL (NUL-terminated), or NULL */
    NET_COMMAND_CLOSE,   /* close with code (0: 1000) and data as the reason, if connected */
    NET_COMMAND_RECONNECT, /* close with 1000 if connected, then connect again at once */
    NET_COMMAND_QUIT,    /* close with 1000 if connected, then end the worker */
    NET_COMMAND_LOCAL_ECHO, /* start the built-in echo server if it is not running, and connect to it */
    NET_COMMAND_PING,    /* the person's ping: data, len (at most 125 bytes) */
    NET_COMMAND_PONG,    /* a pong nobody asked for: data, len (at most 125 bytes) */
};

struct net_command {
    enum net_command_kind kind;
    bool binary;
    uint64_t id;         /* SEND: the message id, echoed back in SENT / NOT_SENT */
    char *data;          /* SEND: malloc'd payload (NULL when len is 0) */
    size_t len;
    uint16_t fragments;  /* SEND: in exactly this many frames (0: as many as its size needs) */
    uint16_t code;       /* CLOSE: the close code (0: 1000), checked by frames.c */
};

enum net_event_kind {
    NET_EVENT_LISTENING,  /* the built-in echo server listens on 127.0.0.1:port */
    NET_EVENT_CONNECTING, /* a connection attempt started: data = the URL */
    NET_EVENT_CONNECTED,  /* handshake done: connected says what was agreed */
    NET_EVENT_SENT,       /* message id was handed to the socket in full */
    NET_EVENT_NOT_SENT,   /* message id could not be sent: error says why */
    NET_EVENT_RECEIVED,   /* a whole message: data, len, binary */
    NET_EVENT_CLOSED,     /* the connection ended: code, data = reason, error */
    NET_EVENT_FAILED,     /* a connection attempt failed: error, data = detail */
    NET_EVENT_RETRY,      /* reconnecting after code ms (attempt id); code < 0: not any more */
    NET_EVENT_PONG,       /* our ping came back after code microseconds */
    NET_EVENT_PING_SENT,  /* the person's ping went out: data = payload; error: why it did not */
    NET_EVENT_PONG_SENT,  /* the person's pong went out: data = payload; error: why it did not */
    NET_EVENT_PING_ANSWERED, /* the pong to the person's ping: data = payload, code = microseconds */
};

/* Who ended a connection, for NET_EVENT_CLOSED. */
enum net_closer {
    NET_CLOSER_NONE,   /* nobody sent a close frame: the connection dropped */
    NET_CLOSER_SERVER, /* the server sent the first close frame */
    NET_CLOSER_CLIENT, /* we did (the person asked, or Ponte is quitting) */
};

/* What a handshake agreed, for NET_EVENT_CONNECTED; each field "" when
 * none. Fixed-size: one malloc'd block, owned like net_event.data. */
struct net_connected {
    char protocol[128];   /* the subprotocol the server chose */
    char tls_version[32]; /* "TLSv1.3"; "" for ws:// */
    char tls_cipher[96];  /* OpenSSL's name for the cipher */
    char proxy[136];      /* the proxy's host:port when through one (never the credentials) */
    struct pmd_agreed compression; /* permessage-deflate as agreed (.on false: none) */
};

struct net_event {
    enum net_event_kind kind;
    enum net_error error;
    enum net_closer closer;
    bool binary;
    int code;       /* CLOSED: close code (1006 when none); LISTENING: port; RETRY: ms; PONG,
                     * PING_ANSWERED: us; SENT: the fragments (0: as its size needed) */
    int64_t time_us; /* wall clock, microseconds since the Unix epoch */
    /* RECEIVED / SENT: whether the message went compressed, and then its
     * payload bytes on the wire (else they are its length). */
    uint64_t wire_len;
    bool compressed;
    uint64_t id;    /* SENT / NOT_SENT: the message; RETRY: the attempt, from 1 */
    /* malloc'd, NUL-terminated (not counted in len), or NULL. */
    char *data;
    size_t len;
    /* CONNECTED: malloc'd (NULL when memory ran out: nothing agreed is
     * known), else NULL. Whoever holds the event owns it with data;
     * net_event_free releases both. */
    struct net_connected *connected;
};

#endif
