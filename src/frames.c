/* SPDX-License-Identifier: MIT */
/* frames: see frames.h. */
#include "frames.h"

#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "ascii.h"
#include "msg.h"
#include "utf8.h"

ERROR_TABLE_DEFINE(frames_error_text, enum frames_error, FRAMES_ERROR_COUNT, FRAMES_ERRORS(ERROR_TABLE_TEXT))

void frames_request_free(struct frames_request *r)
{
    free(r->data);
    memset(r, 0, sizeof *r);
}

enum frames_error frames_check_code(int code)
{
    if (code < 1000)
        return FRAMES_CODE_UNUSED;
    if (code == 1004)
        return FRAMES_CODE_RESERVED;
    if (code == 1005 || code == 1006 || code == 1015)
        return FRAMES_CODE_LOCAL; /* RFC 6455 7.4.1: "MUST NOT be set as a status code" */
    if (code >= 1016 && code <= 2999)
        return FRAMES_CODE_UNASSIGNED;
    if (code > 4999)
        return FRAMES_CODE_TOO_HIGH;
    return FRAMES_OK;
}

/* Decimal digits with spaces around them, up to limit; false for anything
 * else (a sign, a second number, nothing). */
static bool parse_number(const char *text, size_t len, unsigned long limit, unsigned long *value)
{
    size_t i = 0, end = len;
    while (i < end && text[i] == ' ')
        i++;
    while (end > i && text[end - 1] == ' ')
        end--;
    if (i == end)
        return false;
    unsigned long v = 0;
    for (; i < end; i++) {
        if (!ascii_is_digit(text[i]))
            return false;
        v = v * 10 + (unsigned long)(text[i] - '0');
        if (v > limit)
            v = limit + 1; /* (stays above, never wraps) */
    }
    *value = v;
    return true;
}

enum frames_error frames_parse_code(const char *text, size_t len, int *code)
{
    unsigned long v;
    if (!parse_number(text, len, 99999, &v))
        return FRAMES_CODE_NOT_A_NUMBER;
    *code = (int)v;
    return frames_check_code(*code);
}

enum frames_error frames_check_close(int code, const char *reason, size_t len)
{
    enum frames_error e = frames_check_code(code);
    if (e != FRAMES_OK)
        return e;
    if (len > FRAMES_REASON_MAX)
        return FRAMES_REASON_TOO_LONG;
    if (len && !utf8_valid(reason, len))
        return FRAMES_REASON_NOT_UTF8; /* RFC 6455 5.5.1: the peer would answer 1007 */
    return FRAMES_OK;
}

enum frames_error frames_parse_count(const char *text, size_t len, unsigned *count)
{
    unsigned long v;
    if (!parse_number(text, len, FRAMES_FRAGMENTS_MAX + 1, &v))
        return FRAMES_COUNT_NOT_A_NUMBER;
    *count = (unsigned)v;
    return v < 2 || v > FRAMES_FRAGMENTS_MAX ? FRAMES_COUNT_RANGE : FRAMES_OK;
}

enum frames_error frames_check_fragments(unsigned count, size_t len)
{
    if (count < 2 || count > FRAMES_FRAGMENTS_MAX)
        return FRAMES_COUNT_RANGE;
    /* The longest fragment is the last: ceil(len / count). */
    if (len / count + (len % count != 0) > FRAMES_FRAGMENT_BYTES)
        return FRAMES_FRAGMENT_TOO_BIG;
    return FRAMES_OK;
}

void frames_fragment_bounds(size_t len, unsigned count, unsigned i, size_t *start, size_t *end)
{
    /* Fragment i is [len*i/count, len*(i+1)/count), computed without the
     * product overflowing: q*i + r*i/count with len = q*count + r. */
    size_t q = len / count, r = len % count;
    *start = q * i + r * i / count;
    *end = q * (i + 1) + r * (i + 1) / count;
}

enum frames_error frames_invalid_payload(const char *text, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    char *bytes = malloc(len + 1);
    if (!bytes)
        return FRAMES_NO_MEMORY;
    size_t n = 0;
    bool escaped = false;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\\' && i + 1 < len && text[i + 1] == '\\') {
            bytes[n++] = '\\';
            i++;
        } else if (text[i] == '\\' && i + 1 < len && text[i + 1] == 'x') {
            int hi = i + 2 < len ? ascii_hex_value(text[i + 2]) : -1;
            int lo = i + 3 < len ? ascii_hex_value(text[i + 3]) : -1;
            if (hi < 0 || lo < 0) {
                free(bytes);
                return FRAMES_ESCAPE;
            }
            bytes[n++] = (char)(hi << 4 | lo);
            escaped = true;
            i += 3;
        } else {
            bytes[n++] = text[i];
        }
    }
    if (!escaped)
        bytes[n++] = (char)0xFF; /* never part of UTF-8 */
    if (utf8_valid(bytes, n)) {
        free(bytes);
        return FRAMES_STILL_UTF8;
    }
    *out = bytes;
    *out_len = n;
    return FRAMES_OK;
}

static char *copy_bytes(const char *data, size_t len)
{
    if (!len)
        return NULL;
    char *copy = malloc(len);
    if (copy)
        memcpy(copy, data, len);
    return copy;
}

enum frames_error frames_build(enum frames_kind kind, const char *payload, size_t len, int code,
                               unsigned fragments, struct frames_request *out)
{
    memset(out, 0, sizeof *out);
    enum frames_error e = FRAMES_OK;
    switch (kind) {
    case FRAMES_PING:
    case FRAMES_PONG:
        e = len > FRAMES_CONTROL_MAX ? FRAMES_CONTROL_TOO_LONG : FRAMES_OK;
        break;
    case FRAMES_CLOSE:
        e = frames_check_close(code, payload, len);
        break;
    case FRAMES_FRAGMENTS:
        e = frames_check_fragments(fragments, len);
        break;
    case FRAMES_INVALID_UTF8:
        e = frames_invalid_payload(payload, len, &out->data, &out->len);
        if (e == FRAMES_OK)
            out->kind = kind;
        return e;
    case FRAMES_NONE:
    case FRAMES_MESSAGE:
        break;
    }
    if (e != FRAMES_OK)
        return e;
    out->kind = kind;
    out->code = code;
    out->fragments = fragments;
    out->len = len;
    out->data = copy_bytes(payload, len);
    if (len && !out->data) {
        memset(out, 0, sizeof *out);
        return FRAMES_NO_MEMORY;
    }
    return FRAMES_OK;
}

/* The next word of line[*at..len) (up to a space), and the spaces after it. */
static size_t next_word(const char *line, size_t len, size_t *at)
{
    size_t start = *at;
    while (*at < len && line[*at] != ' ')
        (*at)++;
    size_t n = *at - start;
    if (*at < len)
        (*at)++; /* one space: the rest is the argument as typed */
    return n;
}

static bool word_is(const char *word, size_t n, const char *name)
{
    return strlen(name) == n && memcmp(word, name, n) == 0;
}

enum frames_line frames_parse_line(const char *line, size_t len, struct frames_request *out,
                                   enum frames_error *error)
{
    memset(out, 0, sizeof *out);
    *error = FRAMES_OK;
    if (!len || line[0] != '/')
        return FRAMES_LINE_PLAIN;
    enum frames_error e = FRAMES_OK;
    if (len >= 2 && line[1] == '/') {
        e = frames_build(FRAMES_MESSAGE, line + 1, len - 1, 0, 0, out);
    } else {
        size_t at = 1;
        const char *name = line + 1;
        size_t name_len = next_word(line, len, &at);
        const char *rest = line + at;
        size_t rest_len = len - at;
        if (word_is(name, name_len, "ping")) {
            e = frames_build(FRAMES_PING, rest, rest_len, 0, 0, out);
        } else if (word_is(name, name_len, "pong")) {
            e = frames_build(FRAMES_PONG, rest, rest_len, 0, 0, out);
        } else if (word_is(name, name_len, "close")) {
            int code = 1000;
            size_t arg = at;
            size_t code_len = next_word(line, len, &arg);
            if (code_len)
                e = frames_parse_code(rest, code_len, &code);
            if (e == FRAMES_OK)
                e = frames_build(FRAMES_CLOSE, line + arg, len - arg, code, 0, out);
        } else if (word_is(name, name_len, "fragments")) {
            unsigned count = 0;
            size_t arg = at;
            size_t count_len = next_word(line, len, &arg);
            e = frames_parse_count(rest, count_len, &count);
            if (e == FRAMES_OK)
                e = frames_build(FRAMES_FRAGMENTS, line + arg, len - arg, 0, count, out);
        } else if (word_is(name, name_len, "invalid")) {
            e = frames_build(FRAMES_INVALID_UTF8, rest, rest_len, 0, 0, out);
        } else {
            e = FRAMES_UNKNOWN_COMMAND;
        }
    }
    if (e != FRAMES_OK) {
        frames_request_free(out);
        *error = e;
        return FRAMES_LINE_REFUSED;
    }
    return FRAMES_LINE_COMMAND;
}

bool frames_event_text(const struct net_event *ev, char *out, size_t n)
{
    char payload[FRAMES_CONTROL_MAX + 48];
    if (!ev->len)
        snprintf(payload, sizeof payload, "(no payload)");
    else if (ev->len <= FRAMES_CONTROL_MAX && ev->data && utf8_valid(ev->data, ev->len))
        snprintf(payload, sizeof payload, "%.*s", (int)ev->len, ev->data);
    else
        snprintf(payload, sizeof payload, "(%zu bytes, not UTF-8)", ev->len);
    out[0] = '\0';
    switch (ev->kind) {
    case NET_EVENT_PING_SENT:
    case NET_EVENT_PONG_SENT: {
        const char *what = ev->kind == NET_EVENT_PING_SENT ? "ping" : "pong";
        if (ev->error != NET_ERROR_NONE)
            snprintf(out, n, "%s not sent: %s", what, net_error_text(ev->error));
        else
            snprintf(out, n, "%s sent: %s", what, payload);
        return true;
    }
    case NET_EVENT_PING_ANSWERED:
        snprintf(out, n, "pong after %d \xC2\xB5s: %s", ev->code, payload);
        return true;
    case NET_EVENT_SENT:
        if (ev->code <= 1)
            return false;
        snprintf(out, n, "sent in %d fragments", ev->code);
        return true;
    default:
        return false;
    }
}
