/* SPDX-License-Identifier: MIT */
/* fuzz_assemble: messages cut into pieces the fuzzer chooses, with its cap,
 * its announced sizes (honest, just over the cap, 2^63 - 1, SIZE_MAX) and
 * its failing allocation, checked piece by piece against a reference:
 * - a refusal happens exactly when the reference says so, and for the reason
 *   it says: TOO_BIG when what was received plus this piece plus what is
 *   announced passes the cap; NO_MEMORY exactly when an allocation failed;
 *   INVALID_UTF8 on the first piece after which the text received so far
 *   can no longer start valid UTF-8 (decided by trying completions, not by
 *   assemble's incremental scan), or at the end when it is not valid;
 * - after a refusal every piece of that message is DISCARDED;
 * - a delivered message is the concatenation of its pieces, NUL-terminated,
 *   valid UTF-8 when text;
 * - the buffer never holds more than cap + 1 bytes, and nothing leaks.
 *
 * Input: a header byte (cap kind, failing allocation), two cap bytes, then
 * messages: one byte (bit 0 binary, bit 1 dropped from outside), then
 * pieces: a control byte (bit 7 final, bits 4-6 announced kind, bits 0-3
 * length, 15: the length is the next byte) and the piece's bytes. */
#include "assemble.h"
#include "fuzz.h"
#include "utf8.h"
#include "utf8_oracle.h"

#include <stdbool.h>
#include <string.h>

/* The allocate hook: fails the call chosen by the input and anything over
 * 1 MiB (a cap of SIZE_MAX with an honest 2^63 announcement must fail as
 * memory, not reach the real allocator), and records what was asked. */
static struct {
    unsigned calls, fail_at;
    bool failed;
    size_t limit; /* cap + 1: no request may be larger */
} hook;

static void *fuzz_allocate(void *ptr, size_t size)
{
    hook.calls++;
    FUZZ_CHECK(size <= hook.limit);
    if (hook.calls == hook.fail_at || size > (size_t)1 << 20) {
        hook.failed = true;
        return NULL;
    }
    return realloc(ptr, size);
}

/* The input, read a byte at a time; past the end everything is zero. */
struct reader {
    const uint8_t *data;
    size_t size, at;
};

static bool reader_done(const struct reader *r)
{
    return r->at >= r->size;
}

static unsigned reader_byte(struct reader *r)
{
    return r->at < r->size ? r->data[r->at++] : 0;
}

struct piece {
    const uint8_t *bytes;
    size_t len;
    unsigned announce; /* kind, 0..7 */
    unsigned small;    /* for the small kinds */
    bool final;
};

static struct piece read_piece(struct reader *r)
{
    struct piece p;
    unsigned control = reader_byte(r);
    p.final = control & 0x80;
    p.announce = control >> 4 & 7;
    p.small = 0;
    if (p.announce == 2)
        p.small = reader_byte(r);
    else if (p.announce == 7)
        p.small = reader_byte(r) << 8 | reader_byte(r);
    p.len = control & 0x0F;
    if (p.len == 15)
        p.len = reader_byte(r);
    if (p.len > r->size - r->at)
        p.len = r->size - r->at;
    p.bytes = r->data + r->at;
    r->at += p.len;
    if (reader_done(r))
        p.final = true; /* the input ends the message */
    return p;
}

/* Can m[0..n) still start valid UTF-8? Then some split m = whole + tail
 * has whole valid and a tail of at most three bytes that a completion
 * makes valid (a unit is at most four bytes long). */
static bool possible_start(const uint8_t *m, size_t n)
{
    for (size_t k = 0; k <= 3 && k <= n; k++)
        if (utf8_valid((const char *)m, n - k) && utf8_oracle_completable(m + n - k, k))
            return true;
    return false;
}

/* The shortest prefix of m[0..n) that cannot start valid UTF-8, or n + 1.
 * A prefix of a possible start is one too, so binary search finds it. */
static size_t first_impossible(const uint8_t *m, size_t n)
{
    size_t lo = 1, hi = n + 1; /* the answer is in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (possible_start(m, mid))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct reader r = {data, size, 0};
    unsigned head = reader_byte(&r), c1 = reader_byte(&r), c2 = reader_byte(&r);
    size_t cap;
    switch (head & 3) {
    case 0: cap = c1 | c2 << 8; break; /* 0: the default */
    case 1: cap = c1; break;
    case 2: cap = c1 % 16; break;
    default: cap = SIZE_MAX; break;
    }
    /* What assemble holds to: 0 is the default, and cap + 1 must fit. */
    size_t limit = cap == 0 ? ASSEMBLE_DEFAULT_CAP : cap == SIZE_MAX ? SIZE_MAX - 1 : cap;
    memset(&hook, 0, sizeof hook);
    hook.fail_at = head >> 2; /* 0: none */
    hook.limit = limit + 1;

    struct assemble a = {.cap = cap, .allocate = fuzz_allocate};
    uint8_t *message = malloc(size + 1);
    FUZZ_CHECK(message != NULL);
    while (!reader_done(&r)) {
        unsigned kind = reader_byte(&r);
        bool binary = kind & 1, dropped = kind & 2;

        /* The whole message first, for the UTF-8 reference. */
        struct reader ahead = r;
        size_t n = 0;
        for (struct piece p = {.final = false}; !p.final;) {
            p = read_piece(&ahead);
            memcpy(message + n, p.bytes, p.len);
            n += p.len;
        }
        size_t bad_at = binary ? n + 1 : first_impossible(message, n);
        bool valid = binary || utf8_valid((const char *)message, n);
        FUZZ_CHECK(!valid || bad_at == n + 1); /* valid text starts valid text */

        assemble_begin(&a, binary);
        if (dropped)
            assemble_drop(&a);
        bool refused = dropped;
        size_t received = 0;
        for (struct piece p = {.final = false}; !p.final;) {
            p = read_piece(&r);
            size_t announced;
            /* The sum, without wrapping: a 2^63 announcement plus bytes. */
            unsigned __int128 total = (unsigned __int128)received + p.len;
            switch (p.announce) {
            case 0:
            case 1: announced = 0; break;
            case 2:
            case 7: announced = p.small; break;
            case 3: /* exactly up to the cap, or over by one */
            case 4: announced = total <= limit ? limit - (size_t)total + (p.announce == 4) : 0; break;
            case 5: announced = SIZE_MAX / 2; break; /* 2^63 - 1 */
            default: announced = SIZE_MAX; break;
            }
            total += announced;

            hook.failed = false;
            enum assemble_result got = assemble_add(&a, p.bytes, p.len, announced, p.final);
            enum assemble_result want;
            if (refused)
                want = ASSEMBLE_DISCARDED;
            else if ((unsigned __int128)received + p.len > limit || total > limit)
                want = ASSEMBLE_TOO_BIG;
            else if (hook.failed)
                want = ASSEMBLE_NO_MEMORY;
            else if (bad_at <= received + p.len || (p.final && !valid))
                want = ASSEMBLE_INVALID_UTF8;
            else
                want = p.final ? ASSEMBLE_MESSAGE : ASSEMBLE_MORE;
            if (got != want)
                fprintf(stderr, "piece at %zu: got %s, want %s\n", received,
                        assemble_result_text(got), assemble_result_text(want));
            FUZZ_CHECK(got == want);
            FUZZ_CHECK(want == ASSEMBLE_NO_MEMORY || !hook.failed);
            FUZZ_CHECK(a.size <= limit + 1);

            if (got == ASSEMBLE_TOO_BIG || got == ASSEMBLE_NO_MEMORY || got == ASSEMBLE_INVALID_UTF8)
                refused = true;
            if (got == ASSEMBLE_INVALID_UTF8)
                FUZZ_CHECK(!valid);
            if (refused) {
                FUZZ_CHECK(a.data == NULL && a.size == 0);
                continue;
            }
            received += p.len;
            FUZZ_CHECK(a.len == received && memcmp(a.data, message, received) == 0);
            if (got == ASSEMBLE_MESSAGE) {
                char *out;
                size_t out_len;
                FUZZ_CHECK(assemble_take(&a, &out, &out_len));
                FUZZ_CHECK(out_len == n && memcmp(out, message, n) == 0 && out[n] == '\0');
                FUZZ_CHECK(binary || utf8_valid(out, out_len));
                free(out);
                FUZZ_CHECK(!assemble_take(&a, &out, &out_len) && out == NULL);
            }
        }
    }
    assemble_reset(&a);
    free(message);
    return 0;
}
