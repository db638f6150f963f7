/* SPDX-License-Identifier: MIT */
/* saved: the person's saved messages, each a name, a text and how the text
 * is sent (as text, or decoded from hex or base64), kept between runs in a
 * small JSON file ($XDG_DATA_HOME/ponte/saved.json):
 *
 *   {"version": 1, "messages": [{"name": "Order", "mode": "text", "text": "..."}]}
 *
 * Reading is strict RFC 8259 JSON (the error names the line and column) but
 * forgiving in shape, for files made by hand or by other tools: a bare array
 * of messages, a missing mode (text), a missing name (the text's first line),
 * or a bare string as a message all import. Pure but for the file calls; the
 * app decides where the file lives (platform_data_dir). */
#ifndef PONTE_SAVED_H
#define PONTE_SAVED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SAVED_FILE "saved.json"
#define SAVED_MAX 1000                    /* messages in one list */
#define SAVED_NAME_MAX 120                /* bytes of a name (cut on a code point) */
#define SAVED_TEXT_MAX (4u * 1024 * 1024)   /* bytes of one message's text */
#define SAVED_TOTAL_MAX (16u * 1024 * 1024) /* bytes of text in all */
/* A bigger file is not read. It is more than saved_format ever writes (every
 * byte of text escaped as \u00XX, six bytes, and the names and keys), so a
 * list Ponte wrote always reads back. */
#define SAVED_FILE_MAX (6u * SAVED_TOTAL_MAX + (2u << 20))

/* The same values as the composer's modes (view.h VIEW_COMPOSE_*). The
 * file names them, so the numbers may grow but never change: MessagePack and
 * CBOR (JSON text, sent encoded) came after the first three. */
enum saved_mode { SAVED_TEXT, SAVED_HEX, SAVED_BASE64, SAVED_MSGPACK, SAVED_CBOR, SAVED_MODE_COUNT };

struct saved_message {
    char *name; /* malloc'd, valid UTF-8, no control characters, not empty */
    char *text; /* malloc'd, NUL-terminated, valid UTF-8 */
    size_t len; /* of text */
    uint8_t mode; /* enum saved_mode */
};

struct saved {
    struct saved_message *items; /* in the person's order */
    size_t count, cap;
    size_t bytes; /* of text in all (at most SAVED_TOTAL_MAX) */
};

void saved_free(struct saved *s);

/* The index of the message called name, or -1. */
int saved_find(const struct saved *s, const char *name);

/* Whether saved_put would find room for len bytes under name: a message
 * not longer than SAVED_TEXT_MAX, within SAVED_TOTAL_MAX in all, and a place
 * in the list when the name is new. */
bool saved_fits(const struct saved *s, const char *name, const char *text, size_t len);

/* Saves text under name: replaces the text of the message already called
 * so (keeping its place), else adds one at the end. The name is cleaned (see
 * saved_clean_name); an empty one becomes the text's first line. False when
 * it does not fit (saved_fits) or memory runs out. */
bool saved_put(struct saved *s, const char *name, const char *text, size_t len, enum saved_mode mode);

/* Forgets the i-th message. */
void saved_remove(struct saved *s, size_t i);

/* Moves the i-th message to place to (clamped to the last place). */
void saved_move(struct saved *s, size_t i, size_t to);

/* A name as it is kept: invalid UTF-8 repaired, control characters and
 * surrounding spaces dropped, at most SAVED_NAME_MAX bytes; an empty result
 * is the first non-empty line of text (cut to 40 characters with "…"). */
void saved_clean_name(const char *name, const char *text, size_t len, char out[SAVED_NAME_MAX + 4]);

/* Reads a saved-messages document into out (emptied first). False with the
 * reason (and where: "line 3, column 14: ...") in err, and out empty. */
bool saved_parse(struct saved *out, const char *json, size_t len, char *err, size_t errlen);

/* The document for s, as saved_parse reads it (malloc'd into *out, NUL
 * terminated, *len without the NUL). False when memory runs out. */
bool saved_format(const struct saved *s, char **out, size_t *len);

/* Adds from's messages to into, in from's order: one with a name and a text
 * already there (same mode) is skipped; one whose name is taken by another
 * text comes in as "name (2)" (or 3, ...). Counts what was added and skipped;
 * false when into is full or memory runs out (what fitted stays). */
bool saved_import(struct saved *into, const struct saved *from, size_t *added, size_t *skipped);

/* Replaces s with the file's messages. A missing file is an empty list and
 * true. False (s empty, the reason in err) when the file cannot be read or is
 * not a saved-messages document. */
bool saved_load(struct saved *s, const char *path, char *err, size_t errlen);

/* Writes s to path through a temporary file renamed into place, so a crash
 * never leaves half a file. False with a reason in err. */
bool saved_store(const struct saved *s, const char *path, char *err, size_t errlen);

/* The mode's name in the file ("text", "hex", "base64", "msgpack", "cbor"). */
const char *saved_mode_name(enum saved_mode mode);

#endif
