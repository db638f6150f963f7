/* SPDX-License-Identifier: MIT */
/* fuzz_saved: the saved-messages reader on arbitrary bytes.
 * - It never crashes or leaks, and a refusal leaves the list empty with a
 *   reason that says where ("line L, column C: ...").
 * - What it accepts holds only what saved.h promises: at most SAVED_MAX
 *   messages, names valid UTF-8, non-empty, without control characters and
 *   unique, texts valid UTF-8 within SAVED_TEXT_MAX and SAVED_TOTAL_MAX in
 *   all (counted right), a known mode.
 * - Written back out (saved_format) it is a JSON document (json.c agrees)
 *   that reads back to the very same list.
 * - Importing the list into itself adds nothing; into an empty list, all. */
#include "fuzz.h"
#include "json.h"
#include "saved.h"
#include "utf8.h"

#include <string.h>

static bool same(const struct saved *a, const struct saved *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++) {
        const struct saved_message *x = &a->items[i], *y = &b->items[i];
        if (strcmp(x->name, y->name) || x->len != y->len || memcmp(x->text, y->text, x->len) || x->mode != y->mode)
            return false;
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct saved s = {0}, back = {0}, copy = {0};
    char err[256];
    if (!saved_parse(&s, (const char *)data, size, err, sizeof err)) {
        FUZZ_CHECK(s.count == 0 && s.items == NULL);
        FUZZ_CHECK(strncmp(err, "line ", 5) == 0 && strstr(err, ", column ") != NULL);
        return 0;
    }
    FUZZ_CHECK(s.count <= SAVED_MAX && s.bytes <= SAVED_TOTAL_MAX);
    size_t bytes = 0;
    for (size_t i = 0; i < s.count; i++)
        bytes += s.items[i].len;
    FUZZ_CHECK(bytes == s.bytes);
    for (size_t i = 0; i < s.count; i++) {
        const struct saved_message *m = &s.items[i];
        size_t n = strlen(m->name);
        FUZZ_CHECK(n > 0 && n <= SAVED_NAME_MAX + 3 && utf8_valid(m->name, n));
        for (size_t k = 0; k < n; k++)
            FUZZ_CHECK((unsigned char)m->name[k] >= 0x20 && m->name[k] != 0x7F);
        FUZZ_CHECK(m->name[0] != ' ' && m->name[n - 1] != ' ');
        FUZZ_CHECK(m->len <= SAVED_TEXT_MAX && m->text[m->len] == '\0' && utf8_valid(m->text, m->len));
        FUZZ_CHECK(m->mode < SAVED_MODE_COUNT);
        FUZZ_CHECK(saved_find(&s, m->name) == (int)i);
    }
    char *doc;
    size_t len;
    FUZZ_CHECK(saved_format(&s, &doc, &len));
    FUZZ_CHECK(json_is_document(doc, len));
    FUZZ_CHECK(saved_parse(&back, doc, len, err, sizeof err));
    FUZZ_CHECK(same(&s, &back));
    free(doc);
    size_t added, skipped;
    FUZZ_CHECK(saved_import(&back, &s, &added, &skipped));
    FUZZ_CHECK(added == 0 && skipped == s.count && same(&s, &back));
    FUZZ_CHECK(saved_import(&copy, &s, &added, &skipped));
    FUZZ_CHECK(added == s.count && skipped == 0 && same(&s, &copy));
    saved_free(&s);
    saved_free(&back);
    saved_free(&copy);
    return 0;
}
