/* SPDX-License-Identifier: MIT */
/* mo: see mo.h. */
#include "mo.h"

#include <string.h>

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

static uint32_t mo_word(const struct mo_catalog *mo, size_t offset)
{
    const unsigned char *p = mo->data + offset;
    if (mo->swapped)
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* String i of a table that mo_open has checked. */
static const char *mo_string(const struct mo_catalog *mo, uint32_t table, uint32_t i)
{
    return (const char *)mo->data + mo_word(mo, (size_t)table + (size_t)i * 8 + 4);
}

/* A (length, offset) table of count entries at table, all inside the
 * buffer and each string followed by its NUL. */
static bool mo_table_ok(const struct mo_catalog *mo, uint32_t table)
{
    if (table > mo->size || (mo->size - table) / 8 < mo->count)
        return false;
    for (uint32_t i = 0; i < mo->count; i++) {
        size_t length = mo_word(mo, (size_t)table + (size_t)i * 8);
        size_t offset = mo_word(mo, (size_t)table + (size_t)i * 8 + 4);
        if (offset > mo->size || length >= mo->size - offset || mo->data[offset + length] != '\0')
            return false;
    }
    return true;
}

bool mo_open(struct mo_catalog *mo, const void *data, size_t size)
{
    memset(mo, 0, sizeof *mo);
    if (!data || size < 20)
        return false;
    mo->data = data;
    mo->size = size;
    uint32_t magic = mo_word(mo, 0);
    if (magic == MO_MAGIC_SWAPPED)
        mo->swapped = true;
    else if (magic != MO_MAGIC)
        return false;
    /* Major revisions 0 and 1 share the layout this reader uses. */
    if (mo_word(mo, 4) >> 16 > 1)
        return false;
    mo->count = mo_word(mo, 8);
    mo->originals = mo_word(mo, 12);
    mo->translations = mo_word(mo, 16);
    if (!mo_table_ok(mo, mo->originals) || !mo_table_ok(mo, mo->translations)) {
        memset(mo, 0, sizeof *mo);
        return false;
    }
    mo->sorted = true;
    for (uint32_t i = 1; i < mo->count && mo->sorted; i++)
        mo->sorted = strcmp(mo_string(mo, mo->originals, i - 1), mo_string(mo, mo->originals, i)) < 0;
    return true;
}

const char *mo_lookup(const struct mo_catalog *mo, const char *key)
{
    if (!mo->data || !key || !*key)
        return NULL;
    uint32_t found = mo->count;
    if (mo->sorted) {
        uint32_t lo = 0, hi = mo->count;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            int c = strcmp(key, mo_string(mo, mo->originals, mid));
            if (c == 0) {
                found = mid;
                break;
            }
            if (c < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
    } else {
        for (uint32_t i = 0; i < mo->count && found == mo->count; i++)
            if (strcmp(key, mo_string(mo, mo->originals, i)) == 0)
                found = i;
    }
    if (found == mo->count)
        return NULL;
    const char *text = mo_string(mo, mo->translations, found);
    return *text ? text : NULL;
}
