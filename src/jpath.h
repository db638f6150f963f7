/* SPDX-License-Identifier: MIT */
/* jpath: the JSON paths --ignore names and --expect's diff prints. Pure.
 *
 * A path is $ then steps:
 *   .name        a member (name: any bytes but . [ ] " ' space and controls)
 *   ["name"]     a member by any name ('name' too); inside the quotes a
 *                backslash escapes: \" \' \\ \/ \b \f \n \r \t \uXXXX
 *   [N]          an array's element N (from 0)
 *   [*] or .*    any member or element
 * "$" alone is the whole document. A path names a value and everything in
 * it: --ignore '$.a' leaves out $.a.b too.
 *
 * jpath_append_step writes a concrete step the way the parser reads it
 * back (.name when the name is an identifier, else ["..."] with the
 * quote, the backslash and the control characters escaped), so a path in
 * a diff can be given to --ignore as it is printed. */
#ifndef PONTE_JPATH_H
#define PONTE_JPATH_H

#include <stdbool.h>
#include <stddef.h>

struct json_buffer;

#define JPATH_MAX_STEPS 64        /* as deep as json.c's reader goes */
#define JPATH_MAX_NAME 4096       /* bytes of a member name, as json.c's reader */
#define JPATH_MAX_INDEX 999999999 /* [N]: at most nine digits */

enum jpath_kind {
    JPATH_NAME,  /* a member called name */
    JPATH_INDEX, /* element index */
    JPATH_ANY,   /* any member or element */
};

struct jpath_step {
    enum jpath_kind kind;
    char *name; /* JPATH_NAME: malloc'd, NUL-terminated (name_len excludes it; may hold NULs) */
    size_t name_len;
    size_t index; /* JPATH_INDEX */
};

/* Zero is the empty path ("$"). */
struct jpath {
    struct jpath_step *steps;
    size_t count;
};

/* Reads text (NUL-terminated) into *out (emptied first). False, with err
 * naming what is wrong and where (a column from 1), on a bad path or when
 * memory runs out; *out is then empty. */
bool jpath_parse(const char *text, struct jpath *out, char *err, size_t errlen);
void jpath_free(struct jpath *p);

/* One step of a concrete place in a document: a member's name or an
 * element's index. */
struct jpath_place {
    const char *name; /* NULL: an element */
    size_t name_len;
    size_t index;
};

/* Whether p names the place place[0..depth) exactly (a comparison that
 * stops at a place it names leaves out everything in it). */
bool jpath_matches(const struct jpath *p, const struct jpath_place *place, size_t depth);

/* Appends the step as a path writes it (".name", "[\"a b\"]", "[3]").
 * False when memory runs out. */
bool jpath_append_step(struct json_buffer *b, const struct jpath_place *step);

#endif
