/* SPDX-License-Identifier: MIT */
/* recording_internal: private to recording.c (the transcript, the files,
 * telling the formats apart) and har.c (a browser's HAR file): the entries'
 * bookkeeping and the values json.c's reader has no call for. */
#ifndef PONTE_RECORDING_INTERNAL_H
#define PONTE_RECORDING_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "recording.h"

void recording_entry_free(struct recording_entry *e);
/* s[0..n) as a NUL-terminated malloc'd string, or NULL. */
char *recording_copy_text(const char *s, size_t n);
/* err = what, in the person's language (what is marked N_()). */
void recording_fail(char *err, size_t errlen, const char *what);
/* Appends e (whose strings rec now owns), or hands it to rec->sink. False,
 * e freed, when the limit is reached or memory runs out. */
bool recording_put(struct recording *rec, struct recording_entry *e, char *err, size_t errlen);
/* A RECORDING_DAMAGED entry for line of file, saying why. */
bool recording_put_damaged(struct recording *rec, size_t line, unsigned file, const char *why, char *err,
                           size_t errlen);
/* A number, an integer that fits int64_t, a string (malloc'd into *out,
 * replacing what was there; key names it in the error). */
bool recording_json_number(struct json_reader *r, int depth, double *out);
bool recording_json_integer(struct json_reader *r, int depth, int64_t *out);
bool recording_json_text(struct json_reader *r, char **out, size_t *len, const char *key);
/* Whether a kind is sent, received or neither. */
enum recording_direction recording_direction_of(enum recording_kind k);
/* Tells rec->progress how far the reading is (at of len of this file);
 * false when it says stop. */
bool recording_report(struct recording *rec, size_t at, size_t len, char *err, size_t errlen);

#endif
