/* SPDX-License-Identifier: MIT */
/* fuzz_transcript: the transcript's JSON string escaping, and whole records,
 * on arbitrary bytes.
 * - json_escape_append's output is valid JSON string content: a strict
 *   reader of RFC 8259 strings (written here) reads it back, and what it
 *   reads is the input with invalid UTF-8 repaired (one U+FFFD per maximal
 *   subpart, as utf8_repair does). Quoted in an array it is a document for
 *   json.c. It has no raw control character or DEL, and it is appended
 *   after what the buffer held.
 * - A record with the input as text and as base64 is one line that is a
 *   JSON object, and its base64 decodes to the input. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, pread, truncate */

#include "codec.h"
#include "fuzz.h"
#include "json.h"
#include "transcript.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool read_u16(const char *s, size_t len, size_t i, uint32_t *value)
{
    *value = 0;
    if (i + 4 > len)
        return false;
    for (size_t k = i; k < i + 4; k++) {
        if (hex_digit(s[k]) < 0)
            return false;
        *value = *value << 4 | (uint32_t)hex_digit(s[k]);
    }
    return true;
}

/* The content of a JSON string (between its quotes) as the text it means.
 * False on anything RFC 8259 refuses, and on a lone surrogate escape. */
static bool read_json_string(const char *s, size_t len, char *out, size_t *n)
{
    size_t i = 0;

    *n = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];

        if (c < 0x20 || c == '"')
            return false;
        if (c >= 0x80) {
            uint32_t cp;
            size_t step = utf8_decode(s + i, len - i, &cp);

            if (!utf8_valid(s + i, step))
                return false;
            memcpy(out + *n, s + i, step);
            *n += step;
            i += step;
            continue;
        }
        if (c != '\\') {
            out[(*n)++] = (char)c;
            i++;
            continue;
        }
        if (++i >= len)
            return false;
        switch (s[i++]) {
        case '"': out[(*n)++] = '"'; break;
        case '\\': out[(*n)++] = '\\'; break;
        case '/': out[(*n)++] = '/'; break;
        case 'b': out[(*n)++] = '\b'; break;
        case 'f': out[(*n)++] = '\f'; break;
        case 'n': out[(*n)++] = '\n'; break;
        case 'r': out[(*n)++] = '\r'; break;
        case 't': out[(*n)++] = '\t'; break;
        case 'u': {
            uint32_t cp, low;

            if (!read_u16(s, len, i, &cp))
                return false;
            i += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 2 > len || s[i] != '\\' || s[i + 1] != 'u' ||
                    !read_u16(s, len, i + 2, &low) || low < 0xDC00 || low > 0xDFFF)
                    return false;
                i += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            *n += utf8_encode(cp, out + *n);
            break;
        }
        default:
            return false;
        }
    }
    return true;
}

static void check_escape(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    struct json_buffer b = {0};
    size_t repaired_len, read_len;
    char *repaired = utf8_repair(in, size, &repaired_len);
    char *read, *document;

    FUZZ_CHECK(repaired != NULL);
    FUZZ_CHECK(json_escape_append(&b, "ab", 2) && b.len == 2);
    FUZZ_CHECK(json_escape_append(&b, in, size));
    FUZZ_CHECK(b.data[b.len] == '\0' && memcmp(b.data, "ab", 2) == 0);
    for (size_t i = 2; i < b.len; i++)
        FUZZ_CHECK((unsigned char)b.data[i] >= 0x20 && b.data[i] != 0x7F);
    read = malloc(b.len + 1);
    FUZZ_CHECK(read != NULL);
    FUZZ_CHECK(read_json_string(b.data + 2, b.len - 2, read, &read_len));
    FUZZ_CHECK(read_len == repaired_len && memcmp(read, repaired, read_len) == 0);
    free(read);

    /* Quoted and in an array: a JSON document. */
    document = malloc(b.len + 4);
    FUZZ_CHECK(document != NULL);
    memcpy(document, "[\"", 2);
    memcpy(document + 2, b.data + 2, b.len - 2);
    memcpy(document + b.len, "\"]", 2);
    FUZZ_CHECK(json_is_document(document, b.len + 2));
    free(document);

    json_buffer_free(&b);
    free(repaired);
}

/* One transcript for the whole run, emptied before each record. */
static struct transcript *transcript;
static int reader = -1; /* read with pread: no stdio buffer to go stale */
static char path[] = "/tmp/ponte-fuzz-transcript-XXXXXX";

static void remove_file(void)
{
    unlink(path);
}

static void check_record(const uint8_t *data, size_t size)
{
    static const char key[] = ",\"base64\":\"";
    char err[256], *line, *b64, *end;
    unsigned char *out;
    size_t line_len, out_len;
    struct stat st;

    if (transcript == NULL) {
        int fd = mkstemp(path);

        FUZZ_CHECK(fd >= 0);
        close(fd);
        atexit(remove_file);
        transcript = transcript_open(path, err, sizeof err);
        reader = open(path, O_RDONLY);
        FUZZ_CHECK(transcript != NULL && reader >= 0);
    }
    FUZZ_CHECK(truncate(path, 0) == 0);
    transcript_begin(transcript, (int64_t)size * 1000003, "fuzz");
    transcript_field_base64(transcript, "base64", data, size);
    transcript_field_text(transcript, "text", (const char *)data, size);
    transcript_field_int(transcript, "size", (int64_t)size);
    FUZZ_CHECK(transcript_end(transcript));

    FUZZ_CHECK(fstat(reader, &st) == 0 && st.st_size > 0);
    line_len = (size_t)st.st_size;
    line = malloc(line_len + 1);
    FUZZ_CHECK(line != NULL);
    FUZZ_CHECK(pread(reader, line, line_len, 0) == (ssize_t)line_len);
    line[line_len] = '\0';
    FUZZ_CHECK(line[line_len - 1] == '\n' && memchr(line, '\n', line_len) == line + line_len - 1);
    FUZZ_CHECK(json_is_document(line, line_len - 1));

    /* The base64 field comes right after the fixed time and event. */
    b64 = strstr(line, key);
    FUZZ_CHECK(b64 != NULL && b64 < line + 60);
    b64 += sizeof key - 1;
    end = strchr(b64, '"');
    FUZZ_CHECK(end != NULL);
    FUZZ_CHECK(codec_base64_decode(b64, (size_t)(end - b64), &out, &out_len, NULL));
    FUZZ_CHECK(out_len == size && memcmp(out, data, size) == 0);
    free(out);
    free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_escape(data, size);
    check_record(data, size);
    return 0;
}
