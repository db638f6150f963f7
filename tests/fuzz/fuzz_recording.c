/* SPDX-License-Identifier: MIT */
/* fuzz_recording: the recording readers (transcript and HAR) on arbitrary
 * bytes, and a record built around the bytes read back exactly.
 * - recording_read, recording_read_transcript (with small limits) and
 *   recording_read_har never crash or leak; what they keep is well formed:
 *   at most max_entries entries, each payload NUL-terminated after its len,
 *   a damaged entry with a reason, lines in order and within the input,
 *   the damaged count right; a HAR's entries in order of time (a damaged
 *   one after the entry before it).
 * - Read through a sink (as the loader does), the same entries reach the
 *   sink as are kept without one, and none is kept; turned into the
 *   conversation model (opened.c), every entry that has a line gets one.
 * - A "received" record whose text is the input (escaped as transcript.c
 *   escapes it) reads back as the input with invalid UTF-8 repaired; one
 *   whose base64 is the input reads back as its exact bytes, binary. */
#include "codec.h"
#include "fuzz.h"
#include "json.h"
#include "opened.h"
#include "recording.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

static size_t count_lines(const char *s, size_t n)
{
    size_t lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines;
}

static void check_entries(const struct recording *rec, size_t lines, bool transcript)
{
    size_t damaged = 0, last_line = 0;
    size_t max = rec->max_entries ? rec->max_entries : RECORDING_MAX_ENTRIES;
    FUZZ_CHECK(rec->count <= max && rec->count <= rec->cap);
    for (size_t i = 0; i < rec->count; i++) {
        const struct recording_entry *e = &rec->entries[i];
        FUZZ_CHECK(e->line >= 1 && e->line <= lines);
        if (transcript) /* (a HAR's CONNECTED goes before its messages, on an earlier line) */
            FUZZ_CHECK(e->line > last_line);
        last_line = e->line;
        FUZZ_CHECK(e->data == NULL ? e->len == 0 : e->data[e->len] == '\0');
        if (e->kind == RECORDING_DAMAGED) {
            damaged++;
            FUZZ_CHECK(e->reason != NULL && e->reason[0] != '\0');
        }
        FUZZ_CHECK(strcmp(recording_kind_name(e->kind), "?") != 0);
    }
    FUZZ_CHECK(damaged == rec->damaged);
}

struct sunk {
    const struct recording *kept; /* what the same read kept without a sink */
    size_t at;
    struct opened model;
};

static bool sink_entry(void *user, const struct recording_entry *e)
{
    struct sunk *k = user;
    FUZZ_CHECK(k->at < k->kept->count);
    const struct recording_entry *same = &k->kept->entries[k->at++];
    FUZZ_CHECK(e->kind == same->kind && e->time_us == same->time_us && e->len == same->len &&
               e->line == same->line && (!e->len || memcmp(e->data, same->data, e->len) == 0));
    FUZZ_CHECK(opened_add(&k->model, e));
    return true;
}

/* Through a sink: the same entries, in the same order, none kept. */
static void check_sink(const char *s, size_t n, const struct recording *kept)
{
    char err[256];
    struct sunk k = {.kept = kept};
    opened_init(&k.model);
    struct recording rec = {.sink = sink_entry, .user = &k};
    FUZZ_CHECK(recording_read(&rec, s, n, err, sizeof err));
    FUZZ_CHECK(rec.count == 0 && rec.seen == kept->count && k.at == kept->count && rec.damaged == kept->damaged);
    opened_finish(&k.model, &rec);
    FUZZ_CHECK(k.model.entries == kept->count && k.model.damaged == kept->damaged);
    FUZZ_CHECK(k.model.chat.count <= kept->count);
    recording_free(&rec);
    opened_free(&k.model);
}

static void check_har_order(const struct recording *rec)
{
    int64_t last = 0;
    for (size_t i = 0; i < rec->count; i++) {
        const struct recording_entry *e = &rec->entries[i];
        if (e->kind == RECORDING_DAMAGED)
            continue;
        FUZZ_CHECK(e->time_us >= last);
        last = e->time_us;
    }
}

static void check_readers(const char *s, size_t n)
{
    char err[256];
    size_t lines = count_lines(s, n);
    struct recording rec = {0};

    if (recording_read(&rec, s, n, err, sizeof err)) {
        check_entries(&rec, lines, rec.format == RECORDING_TRANSCRIPT);
        if (rec.format == RECORDING_HAR)
            check_har_order(&rec);
        check_sink(s, n, &rec);
    } else
        FUZZ_CHECK(err[0] != '\0');
    recording_free(&rec);

    struct recording small = {.max_line = 64, .max_entries = 8};
    if (!recording_read_transcript(&small, s, n, 0, err, sizeof err))
        FUZZ_CHECK(strstr(err, "more than 8 entries") != NULL && small.count == 8);
    check_entries(&small, lines, true);
    for (size_t i = 0; i < small.count; i++)
        if (small.entries[i].kind != RECORDING_DAMAGED)
            FUZZ_CHECK(small.entries[i].len <= 64);
    recording_free(&small);

    if (recording_read_har(&rec, s, n, 0, err, sizeof err))
        check_entries(&rec, lines, false);
    recording_free(&rec);
}

static void check_round_trip(const char *s, size_t n)
{
    static const char head[] = "{\"ts\":\"2026-11-25T04:05:06.123456Z\",\"event\":\"received\",";
    struct json_buffer line = {0};
    char err[256];
    size_t repaired_len;
    char *repaired = utf8_repair(s, n, &repaired_len);
    FUZZ_CHECK(repaired != NULL);

    /* As text. */
    FUZZ_CHECK(json_buffer_append_text(&line, head) && json_buffer_append_text(&line, "\"text\":\"") &&
               json_escape_append(&line, s, n) && json_buffer_append_text(&line, "\"}\n"));
    struct recording rec = {0};
    FUZZ_CHECK(recording_read_transcript(&rec, line.data, line.len, 0, err, sizeof err));
    FUZZ_CHECK(rec.count == 1 && rec.damaged == 0);
    const struct recording_entry *e = &rec.entries[0];
    FUZZ_CHECK(e->kind == RECORDING_RECEIVED && !e->binary && e->time_us == INT64_C(1795579506123456));
    FUZZ_CHECK(e->len == repaired_len && memcmp(e->data, repaired, repaired_len) == 0);
    recording_free(&rec);

    /* As base64. */
    line.len = 0;
    size_t b64 = codec_base64_encoded_len(n);
    FUZZ_CHECK(json_buffer_append_text(&line, head) && json_buffer_append_text(&line, "\"base64\":\"") &&
               json_buffer_reserve(&line, b64));
    line.len += codec_base64_encode(s, n, line.data + line.len);
    FUZZ_CHECK(json_buffer_append_text(&line, "\"}"));
    FUZZ_CHECK(recording_read(&rec, line.data, line.len, err, sizeof err));
    FUZZ_CHECK(rec.format == RECORDING_TRANSCRIPT && rec.count == 1);
    e = &rec.entries[0];
    FUZZ_CHECK(e->kind == RECORDING_RECEIVED && e->binary && e->len == n && memcmp(e->data, s, n) == 0);
    recording_free(&rec);

    json_buffer_free(&line);
    free(repaired);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_readers((const char *)data, size);
    check_round_trip((const char *)data, size);
    return 0;
}
