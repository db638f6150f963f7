/* SPDX-License-Identifier: MIT */
/* assemble.c: see assemble.h.
 *
 * The buffer is sized for what the sender has announced (so one large frame
 * is one allocation), at least doubling (so many small fragments are few),
 * never beyond cap + 1; the announcement is checked against the cap before
 * anything is allocated, so a header that claims 2^63 bytes costs nothing.
 * Text is validated incrementally: data[0..checked) is known good and each
 * piece resumes from there, so a message is validated once in total and
 * refused at its first bad byte, not at its end. */
#include "assemble.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Smallest buffer: short messages do not reallocate per fragment. */
#define ASSEMBLE_MIN_SIZE 256
/* take trims a buffer with more than this much to spare. */
#define ASSEMBLE_TRIM_SLACK 64

static const char *const assemble_texts[] = {
#define ASSEMBLE_TEXT(name, text) [name] = text,
    ASSEMBLE_RESULTS(ASSEMBLE_TEXT)
#undef ASSEMBLE_TEXT
};

const char *assemble_result_text(enum assemble_result result)
{
    size_t i = (size_t)result;
    return i < sizeof assemble_texts / sizeof assemble_texts[0] ? assemble_texts[i] : "?";
}

/* The cap in effect; below SIZE_MAX so that cap + 1 (the NUL) fits. */
static size_t assemble_cap(const struct assemble *a)
{
    size_t cap = a->cap ? a->cap : ASSEMBLE_DEFAULT_CAP;
    return cap < SIZE_MAX ? cap : SIZE_MAX - 1;
}

static void *assemble_realloc(const struct assemble *a, void *ptr, size_t size)
{
    return a->allocate ? a->allocate(ptr, size) : realloc(ptr, size);
}

static void assemble_release(struct assemble *a)
{
    free(a->data);
    a->data = NULL;
    a->len = a->size = a->checked = 0;
    a->complete = false;
}

void assemble_begin(struct assemble *a, bool binary)
{
    a->len = a->checked = 0;
    a->binary = binary;
    a->discard = false;
    a->complete = false;
}

void assemble_drop(struct assemble *a)
{
    assemble_release(a);
    a->discard = true;
}

void assemble_reset(struct assemble *a)
{
    assemble_release(a);
    a->binary = false;
    a->discard = false;
}

static enum assemble_result assemble_refuse(struct assemble *a, enum assemble_result why)
{
    assemble_drop(a);
    return why;
}

/* Makes room for need bytes (the NUL included), need <= cap + 1. */
static bool assemble_grow(struct assemble *a, size_t need, size_t announced_total)
{
    size_t limit = assemble_cap(a) + 1;
    size_t want = announced_total; /* what the sender promised, + 1 */
    size_t doubled = a->size <= SIZE_MAX / 2 ? a->size * 2 : SIZE_MAX;

    if (want < doubled)
        want = doubled;
    if (want < ASSEMBLE_MIN_SIZE)
        want = ASSEMBLE_MIN_SIZE;
    if (want > limit)
        want = limit;
    if (want < need)
        want = need;
    char *grown = assemble_realloc(a, a->data, want);
    if (!grown)
        return false;
    a->data = grown;
    a->size = want;
    return true;
}

enum assemble_result assemble_add(struct assemble *a, const void *data, size_t len,
                                  size_t announced, bool final)
{
    /* Take the last message before adding to the next. */
    assert(!a->complete);
    assert(data != NULL || len == 0);
    if (a->discard)
        return ASSEMBLE_DISCARDED;

    /* Over the cap already, or announced to be: a frame header can claim up
     * to 2^63 bytes, and waiting for them would hang the connection. The
     * order of the tests keeps every subtraction from wrapping (len <= cap
     * always holds). */
    size_t cap = assemble_cap(a);
    if (len > cap - a->len || announced > cap - a->len - len)
        return assemble_refuse(a, ASSEMBLE_TOO_BIG);

    size_t need = a->len + len + 1; /* + NUL; <= cap + 1 */
    if (need > a->size && !assemble_grow(a, need, need + announced))
        return assemble_refuse(a, ASSEMBLE_NO_MEMORY);
    if (len)
        memcpy(a->data + a->len, data, len);
    a->len += len;

    /* RFC 6455 8.1: a text message must be valid UTF-8. A code point cut
     * by the end of this piece waits for the next; at the end of the
     * message nothing may be left waiting. */
    if (!a->binary) {
        size_t whole;
        if (!utf8_valid_start(a->data + a->checked, a->len - a->checked, &whole))
            return assemble_refuse(a, ASSEMBLE_INVALID_UTF8);
        a->checked += whole;
        if (final && a->checked != a->len)
            return assemble_refuse(a, ASSEMBLE_INVALID_UTF8);
    }
    if (!final)
        return ASSEMBLE_MORE;
    a->complete = true;
    return ASSEMBLE_MESSAGE;
}

bool assemble_take(struct assemble *a, char **data, size_t *len)
{
    if (!a->complete) {
        *data = NULL;
        *len = 0;
        return false;
    }
    char *out = a->data;
    out[a->len] = '\0';
    if (a->size > a->len + 1 + ASSEMBLE_TRIM_SLACK) {
        char *trimmed = assemble_realloc(a, out, a->len + 1);
        if (trimmed)
            out = trimmed;
    }
    *data = out;
    *len = a->len;
    a->data = NULL;
    a->len = a->size = a->checked = 0;
    a->complete = false;
    return true;
}
