/* SPDX-License-Identifier: MIT */
/* binenc: JSON typed in the composer, encoded as MessagePack (msgpack-c's
 * packer) or CBOR (libcbor's encoders) to be sent as a binary message.
 *
 * The JSON is read by json.c's value reader (strict RFC 8259, at most
 * JSON_READ_MAX_DEPTH levels), so its errors name the line and column. Any
 * JSON value may be sent, a bare number too: the person typed it on purpose
 * (only the viewer, binview.h, is wary of scalars). Each value becomes its
 * most compact form:
 * - a number without a fraction or an exponent is an integer (the smallest
 *   encoding that holds it); one outside -2^63 .. 2^64-1 is refused rather
 *   than rounded (BINENC_NUMBER_RANGE);
 * - any other number is a float: 32 bits when that holds it exactly, else
 *   64; one too large even for 64 bits (1e999) is refused the same way;
 * - strings, maps and arrays as themselves (a map keeps its members' order,
 *   and duplicate names, as written).
 * Pure: libc, json.c, msgpack-c and libcbor. */
#ifndef PONTE_BINENC_H
#define PONTE_BINENC_H

#include <stdbool.h>
#include <stddef.h>

#include "binview.h"

enum binenc_fault {
    BINENC_OK,
    BINENC_JSON,         /* not JSON: reason says why, where */
    BINENC_NUMBER_RANGE, /* a number that no integer or float of 64 bits holds */
    BINENC_MEMORY,
};

struct binenc_error {
    enum binenc_fault fault;
    size_t offset, length; /* what is wrong, in the input (length 0: a place, as the end) */
    size_t line, column;   /* of offset, from 1 (columns in characters) */
    char reason[160];      /* BINENC_JSON: json.c's words, "line 1, column 9: ..." */
};

/* Encodes the JSON text json[0..len) as format f (BINVIEW_MSGPACK or
 * BINVIEW_CBOR). True with *out malloc'd (the caller frees it) and *out_len
 * its size; out NULL only checks. False with err filled in (*out NULL). */
bool binenc_from_json(enum binview_format f, const char *json, size_t len, char **out, size_t *out_len,
                      struct binenc_error *err);

#endif
