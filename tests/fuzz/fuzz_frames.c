/* SPDX-License-Identifier: MIT */
/* fuzz_frames: frames_parse_line on arbitrary bytes, as --slash reads a
 * line of stdin (a line feed never inside; anything else may be).
 * - A plain line is one that does not start with '/', and nothing is built.
 * - A refused one names a known error with words, and holds nothing.
 * - A command holds what RFC 6455 allows: a ping or pong of at most 125
 *   bytes; a close with a code frames_check_code accepts and a reason of at
 *   most 123 bytes of UTF-8; 2 to 1000 fragments whose bounds tile the
 *   message; a not-UTF-8 payload; the message after "//" byte for byte. */
#include "frames.h"
#include "fuzz.h"
#include "utf8.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    if (memchr(line, '\n', size))
        return 0;
    struct frames_request r;
    enum frames_error e;
    enum frames_line result = frames_parse_line(line, size, &r, &e);
    switch (result) {
    case FRAMES_LINE_PLAIN:
        FUZZ_CHECK(size == 0 || line[0] != '/');
        FUZZ_CHECK(r.kind == FRAMES_NONE && !r.data && !r.len && e == FRAMES_OK);
        return 0;
    case FRAMES_LINE_REFUSED:
        FUZZ_CHECK(size > 0 && line[0] == '/');
        FUZZ_CHECK(e > FRAMES_OK && e < FRAMES_ERROR_COUNT && frames_error_text(e)[0] != '\0');
        FUZZ_CHECK(r.kind == FRAMES_NONE && !r.data && !r.len);
        return 0;
    case FRAMES_LINE_COMMAND:
        break;
    default:
        FUZZ_CHECK(!"a result frames_parse_line does not have");
    }
    FUZZ_CHECK(e == FRAMES_OK && size > 0 && line[0] == '/');
    FUZZ_CHECK((r.len == 0) == (r.data == NULL));
    switch (r.kind) {
    case FRAMES_PING:
    case FRAMES_PONG:
        FUZZ_CHECK(r.len <= FRAMES_CONTROL_MAX);
        break;
    case FRAMES_CLOSE:
        FUZZ_CHECK(frames_check_code(r.code) == FRAMES_OK && r.len <= FRAMES_REASON_MAX);
        FUZZ_CHECK(utf8_valid(r.data, r.len));
        break;
    case FRAMES_FRAGMENTS: {
        FUZZ_CHECK(r.fragments >= 2 && r.fragments <= FRAMES_FRAGMENTS_MAX);
        size_t expect = 0;
        for (unsigned i = 0; i < r.fragments; i++) {
            size_t s, end;
            frames_fragment_bounds(r.len, r.fragments, i, &s, &end);
            FUZZ_CHECK(s == expect && end >= s && end - s <= FRAMES_FRAGMENT_BYTES);
            expect = end;
        }
        FUZZ_CHECK(expect == r.len);
        break;
    }
    case FRAMES_INVALID_UTF8:
        FUZZ_CHECK(r.len > 0 && !utf8_valid(r.data, r.len) && r.len <= size);
        break;
    case FRAMES_MESSAGE:
        FUZZ_CHECK(size >= 2 && line[1] == '/' && r.len == size - 1 && (!r.len || !memcmp(r.data, line + 1, r.len)));
        break;
    case FRAMES_NONE:
        FUZZ_CHECK(!"a command without a kind");
    }
    frames_request_free(&r);
    return 0;
}
