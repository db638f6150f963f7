/* SPDX-License-Identifier: MIT */
/* fuzz_expect: --expect's path parser and structural comparison on
 * arbitrary bytes. The input is "PATH\nRECORDED\x01RECEIVED" (without
 * \x01 both are the rest; without \n there is no path).
 * - jpath_parse never crashes or leaks; a path it reads, written back step
 *   by step (wildcards as [*]), reads again as the same steps.
 * - expect_compare never crashes or leaks, with the path as an ignore or
 *   not: a message is always as recorded against itself, and two messages
 *   are the same one way round exactly when they are the other way; a diff
 *   is written exactly when there are differences. */
#include "expect.h"
#include "fuzz.h"
#include "jpath.h"
#include "json.h"

#include <stdbool.h>
#include <string.h>

static bool same_steps(const struct jpath *a, const struct jpath *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++) {
        const struct jpath_step *x = &a->steps[i], *y = &b->steps[i];
        if (x->kind != y->kind || (x->kind == JPATH_INDEX && x->index != y->index) ||
            (x->kind == JPATH_NAME && (x->name_len != y->name_len || memcmp(x->name, y->name, x->name_len))))
            return false;
    }
    return true;
}

/* The path written back and read again. */
static void round_trip(const struct jpath *p)
{
    struct json_buffer b = {0};
    bool ok = json_buffer_append(&b, "$", 1);
    for (size_t i = 0; ok && i < p->count; i++) {
        const struct jpath_step *s = &p->steps[i];
        struct jpath_place place = {s->kind == JPATH_NAME ? s->name : NULL, s->name_len, s->index};
        ok = s->kind == JPATH_ANY ? json_buffer_append(&b, "[*]", 3) : jpath_append_step(&b, &place);
    }
    if (ok) {
        struct jpath again = {0};
        char err[200];
        FUZZ_CHECK(jpath_parse(b.data, &again, err, sizeof err));
        FUZZ_CHECK(same_steps(p, &again));
        jpath_free(&again);
    }
    json_buffer_free(&b);
}

static size_t compare(const char *a, size_t na, const char *b, size_t nb, const struct jpath *ignore, bool diff)
{
    struct expect_side x = {a, na, false}, y = {b, nb, false};
    struct json_buffer d = {0};
    size_t found = expect_compare(&x, &y, ignore, ignore ? 1 : 0, diff ? &d : NULL);
    if (diff)
        FUZZ_CHECK((found == 0) == (d.len == 0));
    json_buffer_free(&d);
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    struct jpath path = {0};
    bool have_path = false;
    if (nl) {
        char *text = malloc((size_t)(nl - s) + 1);
        if (!text)
            return 0;
        memcpy(text, s, (size_t)(nl - s));
        text[nl - s] = '\0';
        char err[200] = "";
        if (strlen(text) == (size_t)(nl - s)) { /* (a NUL ends a path given on the command line) */
            have_path = jpath_parse(text, &path, err, sizeof err);
            if (have_path)
                round_trip(&path);
            else
                FUZZ_CHECK(path.count == 0 && strncmp(err, "column ", 7) == 0);
        }
        free(text);
        size -= (size_t)(nl - s) + 1;
        s = nl + 1;
    }
    const char *sep = memchr(s, '\x01', size);
    const char *a = s, *b = sep ? sep + 1 : s;
    size_t na = sep ? (size_t)(sep - s) : size, nb = sep ? size - na - 1 : size;
    const struct jpath *ignore = have_path ? &path : NULL;
    FUZZ_CHECK(compare(a, na, a, na, ignore, true) == 0);
    FUZZ_CHECK(compare(b, nb, b, nb, NULL, false) == 0);
    size_t ab = compare(a, na, b, nb, ignore, true), ba = compare(b, nb, a, na, ignore, false);
    FUZZ_CHECK((ab == 0) == (ba == 0));
    jpath_free(&path);
    return 0;
}
