/* SPDX-License-Identifier: MIT */
/* binview: a binary message that is one whole MessagePack or CBOR map or
 * array, laid out as pretty JSON with colour spans (json.h's writer), as a
 * text JSON message is. The decoding is the libraries': msgpack-c's own
 * unpacking state machine (its unpack_template.h, instantiated here with
 * callbacks that write text instead of building objects) and libcbor's
 * streaming decoder (cbor_stream_decode). Neither builds a tree, so a header
 * that claims 2^32 elements costs nothing, and both keep their own explicit
 * stack, so nesting costs no C stack.
 *
 * Which messages count:
 * - The whole message is one item: nothing may be left over, nothing may be
 *   missing.
 * - The item is a map or an array with at least one element (in CBOR, maybe
 *   under tags: 55799 "self-described CBOR" is common). A scalar alone is
 *   valid in both formats, but nearly every short binary message would then
 *   "decode": any byte below 0x80 is a MessagePack integer and a CBOR one
 *   up to 0x17, so a 1-byte frame would show as a number. An empty map or
 *   array is one byte (0x80, 0x90, 0xa0) that random data hits too often.
 * - At most BINVIEW_DECODE_DEPTH levels of nesting; past BINVIEW_MAX_DEPTH a
 *   map or array is shown as {…} or […] (its contents still decoded).
 * When both formats take a message (rare: their container bytes overlap
 * only in 0x80-0x9f, and then the counts rarely agree), the one whose text
 * strings are valid UTF-8 wins, then the one with more items, then
 * MessagePack, the more common on WebSockets.
 *
 * How things show (JSON where JSON has a word for it, CBOR's diagnostic
 * notation, RFC 8949 section 8, where not):
 *   byte strings         h'00ff10'            (JSON_STRING)
 *   MessagePack ext      ext(5, h'0102')
 *   CBOR tags            tag(1, 1700000000)
 *   map keys that are not strings: as their value, 1: "one"
 *   floats               1.5, 1.0, NaN, Infinity, -Infinity (shortest
 *                        text that reads back to the same value)
 *   CBOR undefined       undefined
 *   text strings         JSON-escaped; invalid UTF-8 as U+FFFD
 * CBOR's simple values other than false, true, null and undefined are
 * refused by libcbor's streaming decoder (0.8 and 0.10), so a message
 * holding one shows as hex.
 * Pure: libc, json.c, msgpack-c's headers and libcbor. */
#ifndef PONTE_BINVIEW_H
#define PONTE_BINVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"

#define BINVIEW_MAX_DEPTH 64      /* levels laid out; deeper maps and arrays show as {…} and […] */
#define BINVIEW_DECODE_DEPTH 1024 /* levels decoded at all; deeper is not shown as either format */

enum binview_format {
    BINVIEW_NONE,
    BINVIEW_MSGPACK,
    BINVIEW_CBOR,
};

/* The format data[0..len) is one whole item of (see above), or
 * BINVIEW_NONE. Allocates nothing. */
enum binview_format binview_detect(const void *data, size_t len);

/* Whether data[0..len) is one whole item of format f, as binview_detect
 * accepts it (for tests and the fuzzers: each decoder alone). */
bool binview_is(enum binview_format f, const void *data, size_t len);

/* Appends the pretty text of data[0..len), read as format f, to out (see
 * json.h's writer; the caller ends it with json_pretty_finish). False when
 * data is not one whole item of f, or the text would pass out's limit, or
 * memory runs out: out may then hold part of it. */
bool binview_write(enum binview_format f, const void *data, size_t len, struct json_pretty *out);

/* "MessagePack", "CBOR" (names, not translated). */
const char *binview_format_name(enum binview_format f);

#endif
