/* SPDX-License-Identifier: MIT */
/* assemble: one WebSocket message put back together from its fragments,
 * under a size cap, with text checked for UTF-8 as it arrives. Pure: no lws,
 * no SDL; the worker (net.c) feeds it what lws hands its receive callback
 * and turns a refusal into a close code.
 *
 *     struct assemble a = {.cap = 1 << 20};     zero fields mean defaults
 *     assemble_begin(&a, binary);               on the first fragment
 *     switch (assemble_add(&a, in, len, remaining, final)) {
 *     case ASSEMBLE_MESSAGE: assemble_take(&a, &data, &size); ...
 *     case ASSEMBLE_TOO_BIG: close 1009 ...
 *     }
 *     assemble_reset(&a);                       new connection, or teardown
 *
 * A refusal frees the buffer at once and drops the rest of that message:
 * every later piece of it is ASSEMBLE_DISCARDED, until the next begin. */
#ifndef PONTE_ASSEMBLE_H
#define PONTE_ASSEMBLE_H

#include <stdbool.h>
#include <stddef.h>

/* The largest message by default (16 MiB): also the network's default
 * --max-message (net_config_defaults names it), written only here. */
#define ASSEMBLE_DEFAULT_CAP ((size_t)16 << 20)

/* What one piece did to the message; the text is also the close reason the
 * worker sends for a refusal. */
#define ASSEMBLE_RESULTS(X)                                             \
    X(ASSEMBLE_MORE, "more to come")                                    \
    X(ASSEMBLE_MESSAGE, "message complete")                             \
    X(ASSEMBLE_DISCARDED, "part of a refused message")                  \
    X(ASSEMBLE_TOO_BIG, "message too big")     /* refusal: 1009 */      \
    X(ASSEMBLE_NO_MEMORY, "out of memory")     /* refusal: 1011 */      \
    X(ASSEMBLE_INVALID_UTF8, "invalid UTF-8")  /* refusal: 1007 */

enum assemble_result {
#define ASSEMBLE_ENUM(name, text) name,
    ASSEMBLE_RESULTS(ASSEMBLE_ENUM)
#undef ASSEMBLE_ENUM
};

struct assemble {
    /* Set by the owner, before the first begin. */
    size_t cap; /* largest message accepted, in bytes; 0: ASSEMBLE_DEFAULT_CAP;
                 * SIZE_MAX counts as SIZE_MAX - 1 (cap + 1 must fit) */
    /* Grows and trims the buffer; NULL: realloc. What it returns is
     * released with free() (also by whoever takes a message), so it must be
     * realloc underneath; tests use it to fail on purpose. */
    void *(*allocate)(void *ptr, size_t size);

    /* Read-only outside assemble.c. */
    char *data;     /* the message so far, or NULL */
    size_t len;     /* bytes received */
    size_t size;    /* bytes allocated: at most cap + 1 (the + 1 is the NUL) */
    size_t checked; /* text: data[0..checked) is whole, valid UTF-8 code points */
    bool binary;
    bool discard;   /* refused: drop the rest of this message */
    bool complete;  /* a whole message waits for assemble_take */
};

/* Starts a message (its first fragment comes next). Anything unfinished or
 * untaken is dropped; the buffer is kept for reuse. */
void assemble_begin(struct assemble *a, bool binary);

/* Adds a piece of the message: data[0..len) (data may be NULL when len is
 * 0). announced is how many more bytes the sender has already promised
 * (what the frame header said is still to come); final is true on the last
 * piece of the message.
 * Refused (TOO_BIG, NO_MEMORY, INVALID_UTF8) when the message would go over
 * the cap counting what was announced, when memory runs out, or, for text,
 * as soon as a byte makes the UTF-8 invalid: a code point split across
 * pieces waits for the rest, but one cut short by the end of the message is
 * invalid. After MESSAGE, call assemble_take before adding more. */
enum assemble_result assemble_add(struct assemble *a, const void *data, size_t len,
                                  size_t announced, bool final);

/* Hands over the whole message: *data is NUL-terminated, malloc'd (free()
 * it), trimmed near its size, and *len excludes the NUL. False, with *data
 * NULL and *len 0, when no whole message waits. */
bool assemble_take(struct assemble *a, char **data, size_t *len);

/* Drops the message being received, as a refusal from outside would: the
 * rest of it is ASSEMBLE_DISCARDED. */
void assemble_drop(struct assemble *a);

/* Forgets everything but cap and allocate, and frees the buffer: for a new
 * connection, and at teardown. */
void assemble_reset(struct assemble *a);

/* The text for a result ("message too big"). */
const char *assemble_result_text(enum assemble_result result);

#endif
