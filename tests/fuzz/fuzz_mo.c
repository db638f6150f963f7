/* SPDX-License-Identifier: MIT */
/* fuzz_mo: mo_open on arbitrary bytes (a .mo file someone put in the locale
 * folder), then lookups.
 * - mo_open never reads outside the buffer (ASan sees the copy's exact size).
 * - An accepted catalog answers for every one of its originals with the
 *   translation of the first equal original (a scan), a NUL-terminated
 *   string inside the buffer, or NULL for an empty one: the binary search
 *   of a sorted table agrees with the scan.
 * - Lookups of keys that are not there return NULL or a string inside the
 *   buffer, never crash. */
#include "fuzz.h"
#include "mo.h"

#include <string.h>

static bool inside(const struct mo_catalog *mo, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    return p >= mo->data && p < mo->data + mo->size && memchr(p, '\0', (size_t)(mo->data + mo->size - p));
}

/* The i-th string of a table, read the way the format says. */
static const char *nth(const struct mo_catalog *mo, uint32_t table, uint32_t i)
{
    const unsigned char *w = mo->data + table + (size_t)i * 8 + 4;
    uint32_t offset = mo->swapped ? (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 | (uint32_t)w[2] << 8 | w[3]
                                  : (uint32_t)w[3] << 24 | (uint32_t)w[2] << 16 | (uint32_t)w[1] << 8 | w[0];
    FUZZ_CHECK(offset < mo->size);
    return (const char *)mo->data + offset;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *copy = malloc(size ? size : 1);
    FUZZ_CHECK(copy != NULL);
    memcpy(copy, data, size);
    struct mo_catalog mo;
    if (mo_open(&mo, copy, size)) {
        for (uint32_t i = 0; i < mo.count && i < 4096; i++) {
            const char *key = nth(&mo, mo.originals, i);
            const char *text = mo_lookup(&mo, key);
            FUZZ_CHECK(!text || (inside(&mo, text) && *text));
            /* The first original equal to key is the one found (sorted
             * tables have no two equal). */
            uint32_t first = 0;
            while (strcmp(nth(&mo, mo.originals, first), key) != 0)
                first++;
            const char *want = nth(&mo, mo.translations, first);
            FUZZ_CHECK(text == (*key && *want ? want : NULL));
        }
        static const char *const probes[] = {"", "Sent", "filter\004Sent", "\xff", "zzzzzzzz"};
        for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
            const char *text = mo_lookup(&mo, probes[i]);
            FUZZ_CHECK(!text || inside(&mo, text));
        }
    }
    free(copy);
    return 0;
}
