/* SPDX-License-Identifier: MIT */
/* mo: a reader for GNU gettext's compiled catalogs (.mo files), keyed by the
 * msgid as xgettext wrote it: "context\004msgid" for an entry with a
 * msgctxt. Pure: it reads a buffer the caller owns and knows nothing of
 * files, locales or environment variables, so lookups do not depend on
 * which locales the system has installed (glibc's gettext() does).
 *
 * The format (GNU gettext manual, "The Format of GNU MO Files"): a header of
 * 32-bit words in the writer's byte order, magic 0x950412de, revision, N,
 * offset of the originals table, offset of the translations table; each
 * table holds N (length, offset) pairs of NUL-terminated strings, the
 * originals sorted by strcmp. The hash table and the system-dependent
 * strings of revision 1 are not used. */
#ifndef PONTE_MO_H
#define PONTE_MO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mo_catalog {
    const unsigned char *data; /* the caller's buffer; must outlive the catalog */
    size_t size;
    uint32_t count;
    uint32_t originals;    /* offset of the originals' (length, offset) table */
    uint32_t translations; /* offset of the translations' table */
    bool swapped;          /* written in the other byte order */
    bool sorted;           /* originals in strcmp order: binary search */
};

/* Checks the whole buffer once (header, both tables, every string inside
 * the buffer and NUL-terminated) so that lookups need no checks. Returns
 * false for anything that is not a well-formed catalog. */
bool mo_open(struct mo_catalog *mo, const void *data, size_t size);
/* The translation of key (for a plural entry, its first form), or NULL when
 * the catalog has no entry or an empty one. */
const char *mo_lookup(const struct mo_catalog *mo, const char *key);

#endif
