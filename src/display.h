/* SPDX-License-Identifier: MIT */
/* display: the words the window shows for a message or an event. A
 * message's text as drawn (control characters as visible pictures, tabs as
 * spaces, invalid bytes as U+FFFD, the first 64 KiB of a long one, binary
 * as a hex preview, a JSON document pretty-printed with colour spans, and a
 * binary one that is MessagePack or CBOR likewise, under its format's name), the
 * line of a connection event, and the status bar's reason. Pure: no SDL, no
 * drawing; the view lays these out and the find bar searches them, so what
 * it counts is what is shown. */
#ifndef PONTE_DISPLAY_H
#define PONTE_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chat.h"
#include "json.h"

/* A longer message shows this much (unless shown whole). */
#define DISPLAY_MAX ((size_t)64 << 10)
/* A binary message shows a hex dump of this many bytes; shown whole, of
 * DISPLAY_MAX bytes. */
#define DISPLAY_HEX 512

/* How the person chose to see a message. */
enum {
    DISPLAY_WHOLE = 1 << 0, /* all of it, not the first DISPLAY_MAX bytes */
    DISPLAY_RAW = 1 << 1,   /* a JSON document as it came, not pretty */
};

struct display {
    char *text; /* owned; NULL: the message's own text is drawn as it is */
    size_t len;
    struct json_span *spans; /* pretty JSON's colours (sorted), or NULL */
    size_t span_count;
    bool json; /* the message is a JSON document (shown pretty unless DISPLAY_RAW) */
    uint8_t format; /* a binary message that is MessagePack or CBOR (enum binview_format;
                       then json too, and DISPLAY_RAW shows the hex dump) */
};

/* The text of a sent or received message as it is drawn. */
void display_message(const struct chat_message *m, unsigned flags, struct display *out);
void display_free(struct display *d);

/* How many bytes of the message the first `shown` bytes of its display
 * text come from (to say how many a cut bubble leaves out). */
size_t display_message_bytes(const struct chat_message *m, const struct display *d, size_t shown,
                             unsigned flags);

/* How many bytes of a binary message its hex dump shows. */
size_t display_binary_shown(const struct chat_message *m, unsigned flags);

/* One line of the hex dump of data[0..len): the offset (8 digits when
 * wide, else 4), the 16 bytes from row in hex, the same as ASCII (others as
 * '.'); no newline. Returns its length. */
#define DISPLAY_HEX_ROW 96
size_t display_hex_row(const char *data, size_t len, size_t row, bool wide, char out[DISPLAY_HEX_ROW]);

/* A sent message's label: "Sent", or what the person sent it as ("Sent in
 * 4 fragments", "Sent as text with invalid UTF-8"); out: room for the words. */
const char *display_sent_label(const struct chat_message *m, char *out, size_t n);

/* A round trip: "412 µs", "1.25 ms", "38 ms", "1.2 s". */
void display_format_us(int64_t us, char *out, size_t n);

/* The line shown for a connection event (CHAT_EVENT), or for a frame the
 * person sent (a ping, its pong, a pong). */
void display_event(const struct chat *chat, const struct chat_message *m, char *out, size_t n);

/* Why the connection is down, for the status bar ("" while connected). */
void display_status_reason(const struct chat *chat, char *out, size_t n);

/* A byte count as the status bar shows it: "512 B", "1.5 KB", "2.0 MB", "1.25 GB". */
void display_format_bytes(uint64_t n, char *out, size_t size);

/* What the status bar says of a connection that is up ("" otherwise): the
 * subprotocol, TLS, the proxy, since when, messages and bytes each way, the
 * last ping's round trip, reconnects. Nothing that changes by itself, so an
 * idle window draws no frames for it. */
void display_connection_details(const struct chat *chat, char *out, size_t n);

#endif
