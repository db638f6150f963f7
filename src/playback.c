/* SPDX-License-Identifier: MIT */
/* playback: --replay and --expect in the terminal mode (playback.h). */
#include "playback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "json.h"
#include "net.h"
#include "platform.h"
#include "recording.h"
#include "replay.h"
#include "url.h"

struct playback {
    const struct cli_options *options;
    struct replay replay;
    struct expect expect;
    bool expecting;
    char *url;
    char suite[256];          /* the recording's file name, JUnit's suite */
    size_t recorded_received; /* messages the recording received */
    int64_t answer_span_us;   /* recorded: its last outgoing frame to its last received message */
    size_t received;
    int64_t last_received_us;
    uint64_t outstanding;     /* frames handed to net and not answered yet */
    int64_t written_all_us;   /* when the last frame was answered (0: not yet) */
    int64_t started_us;
    bool started;
};

static void free_playback(struct playback *p)
{
    replay_free(&p->replay);
    expect_free(&p->expect);
    free(p->url);
    free(p);
}

/* The damaged lines, named; true when there were some. */
static bool name_damaged(const struct recording *rec, const char *path)
{
    size_t shown = 0;
    for (size_t i = 0; i < rec->count && shown < 5; i++) {
        const struct recording_entry *e = &rec->entries[i];
        if (e->kind != RECORDING_DAMAGED)
            continue;
        shown++;
        fprintf(stderr, "ponte: %s:%zu: %s\n", e->file < rec->file_count ? rec->files[e->file] : path, e->line,
                e->reason ? e->reason : "");
    }
    if (rec->damaged > shown)
        fprintf(stderr, tr_msgid(N_("ponte: %s: %zu more damaged lines\n")), path, rec->damaged - shown);
    return rec->damaged > 0;
}

/* What the recording says beyond its frames: how many messages it
 * received and how long after its last outgoing frame the last came. */
static void measure(struct playback *p, const struct recording *rec)
{
    int64_t last_out = 0, last_in = 0;
    for (size_t i = 0; i < rec->count; i++) {
        const struct recording_entry *e = &rec->entries[i];
        if (e->kind == RECORDING_RECEIVED) {
            p->recorded_received++;
            last_in = e->time_us;
        } else if (e->kind == RECORDING_SENT || e->kind == RECORDING_PING_SENT || e->kind == RECORDING_PONG_SENT) {
            last_out = e->time_us;
        }
    }
    int64_t span = last_in - last_out;
    p->answer_span_us = span < 0 ? 0 : span > REPLAY_MAX_GAP_US ? REPLAY_MAX_GAP_US : span;
}

static bool choose_url(struct playback *p, const char *path)
{
    const struct cli_options *o = p->options;
    const char *url = cli_url_given(o) || o->local_echo ? o->url : p->replay.url;
    if (!url) {
        fprintf(stderr, tr_msgid(N_("ponte: %s names no URL: give the server's\n")), path);
        return false;
    }
    struct url u;
    enum url_error why = url_check(url, &u);
    if (why != URL_OK) {
        fprintf(stderr, tr_msgid(N_("ponte: %s: the recorded URL %s: %s\n")), path, url, tr_url_error(why));
        return false;
    }
    if (!(p->url = malloc(strlen(url) + 1))) {
        fprintf(stderr, "ponte: %s\n", tr_msgid(N_("out of memory")));
        return false;
    }
    strcpy(p->url, url);
    return true;
}

struct playback *playback_open(const struct cli_options *options, const char **url)
{
    const char *path = options->replay_file;
    struct playback *p = calloc(1, sizeof *p);
    struct recording rec = {0};
    char err[600];
    if (!p) {
        fprintf(stderr, "ponte: %s\n", tr_msgid(N_("out of memory")));
        return NULL;
    }
    p->options = options;
    p->expecting = options->expect;
    const char *base = path;
    for (const char *c = path; *c; c++)
        if (*c == '/' || *c == '\\')
            base = c + 1;
    snprintf(p->suite, sizeof p->suite, "%s", base);
    bool ok = recording_load(&rec, path, err, sizeof err);
    if (!ok)
        fprintf(stderr, "ponte: %s\n", err);
    if (ok && name_damaged(&rec, path) && p->expecting) {
        /* (A damaged line may have been a message: the places would not match.) */
        fprintf(stderr, tr_msgid(N_("ponte: %s: --expect needs a whole recording\n")), path);
        ok = false;
    }
    if (ok && !replay_load(&p->replay, &rec, err, sizeof err)) {
        fprintf(stderr, "ponte: %s: %s\n", path, err);
        ok = false;
    }
    if (ok && p->expecting &&
        !expect_init(&p->expect, &rec, options->ignores, options->ignore_count, err, sizeof err)) {
        fprintf(stderr, "ponte: %s\n", err);
        ok = false;
    }
    if (ok) {
        measure(p, &rec);
        ok = choose_url(p, path);
    }
    recording_free(&rec);
    if (!ok) {
        free_playback(p);
        return NULL;
    }
    *url = p->url;
    return p;
}

void playback_connected(struct playback *p, int64_t now_us)
{
    if (p->started)
        return;
    p->started = true;
    p->started_us = now_us;
    double speed = p->options->replay_speed < 0 ? 1 : p->options->replay_speed;
    replay_start(&p->replay, now_us, speed, p->options->replay_loop);
}

/* Hands one frame to net. False when it was not taken (out of memory, or
 * refused: a ping's payload over 125 bytes), said on stderr. */
static bool send_item(struct net *net, const struct replay_item *it, uint64_t id)
{
    bool ok;
    switch (it->kind) {
    case REPLAY_PING:
        ok = net_ping(net, it->data, it->len);
        break;
    case REPLAY_PONG:
        ok = net_pong(net, it->data, it->len);
        break;
    case REPLAY_MESSAGE:
    default:
        /* (Text that is not UTF-8 goes as it is: nothing checks what goes out.) */
        if (it->fragments > 1)
            ok = net_send_fragments(net, id, it->data, it->len, it->binary, it->fragments);
        else
            ok = net_send(net, id, it->data, it->len, it->binary);
        break;
    }
    if (!ok)
        fprintf(stderr, tr_msgid(N_("ponte: a recorded frame was not sent (%zu bytes)\n")), it->len);
    return ok;
}

static int64_t answer_deadline(const struct playback *p)
{
    double speed = p->replay.speed > 0 ? p->replay.speed : 1;
    return p->written_all_us + (int64_t)((double)p->answer_span_us / speed) + PLAYBACK_GRACE_MS * (int64_t)1000;
}

static bool all_written(const struct playback *p)
{
    return p->started && p->replay.finished && !p->outstanding && p->written_all_us;
}

bool playback_turn(struct playback *p, struct net *net, int64_t now_us, uint64_t *next_id, uint64_t *handed,
                   int *wait_ms)
{
    int64_t wait = -1;
    const struct replay_item *it;
    while (p->started && (it = replay_due(&p->replay, now_us, &wait))) {
        bool message = it->kind == REPLAY_MESSAGE;
        if (send_item(net, it, message ? *next_id + 1 : 0)) {
            p->outstanding++;
            if (message) {
                ++*next_id;
                ++*handed;
            }
        } else {
            replay_written(&p->replay, now_us); /* (no event will say it) */
            if (message)
                return false;
        }
    }
    if (p->replay.finished && !p->outstanding && !p->written_all_us)
        p->written_all_us = now_us;
    if (all_written(p) && !playback_done(p, now_us)) {
        /* Wake for the end of the quiet time, or of the wait (once it is
         * over, headless.c closes: no more wake-ups while it does). */
        int64_t quiet_end = (p->last_received_us > p->written_all_us ? p->last_received_us : p->written_all_us) +
                            PLAYBACK_QUIET_MS * (int64_t)1000;
        int64_t end = p->received >= p->recorded_received && quiet_end < answer_deadline(p) ? quiet_end
                                                                                              : answer_deadline(p);
        int64_t left = end > now_us ? end - now_us : 0;
        wait = wait < 0 || left < wait ? left : wait;
    }
    *wait_ms = wait < 0 ? -1 : (int)((wait + 999) / 1000 > 60000 ? 60000 : (wait + 999) / 1000);
    return true;
}

void playback_event(struct playback *p, const struct net_event *ev, int64_t now_us)
{
    switch (ev->kind) {
    case NET_EVENT_SENT:
    case NET_EVENT_NOT_SENT:
    case NET_EVENT_PING_SENT:
    case NET_EVENT_PONG_SENT:
        if (p->outstanding)
            p->outstanding--;
        replay_written(&p->replay, now_us);
        if (p->replay.finished && !p->outstanding)
            p->written_all_us = now_us;
        break;
    case NET_EVENT_RECEIVED:
        p->received++;
        p->last_received_us = now_us;
        if (p->expecting && !expect_received(&p->expect, ev->data, ev->len, ev->binary))
            fprintf(stderr, "ponte: %s\n", tr_msgid(N_("out of memory")));
        break;
    default:
        break;
    }
}

bool playback_done(const struct playback *p, int64_t now_us)
{
    if (!all_written(p))
        return false;
    int64_t last = p->last_received_us > p->written_all_us ? p->last_received_us : p->written_all_us;
    bool answered = p->received >= p->recorded_received && now_us - last >= PLAYBACK_QUIET_MS * (int64_t)1000;
    return answered || now_us >= answer_deadline(p);
}

bool playback_sending(const struct playback *p, uint64_t *sent, uint64_t *count)
{
    *sent = p->replay.handed;
    *count = p->replay.count;
    return p->started && !p->replay.finished;
}

bool playback_finish(struct playback *p)
{
    bool ok = true;
    if (p->expecting) {
        struct expect *e = &p->expect;
        expect_finish(e);
        struct json_buffer text = {0};
        if (expect_report(e, EXPECT_MAX_PLACES, &text) && text.data)
            fputs(text.data, stderr);
        json_buffer_free(&text);
        char line[300];
        expect_summary(e, line, sizeof line);
        fprintf(stderr, "%s\n", line);
        ok = expect_passed(e);
        if (p->options->junit_file) {
            char err[512] = "";
            double seconds = p->started ? (double)(platform_monotonic_us() - p->started_us) / 1e6 : 0;
            bool built = expect_junit(e, p->suite, seconds, &text);
            if (!built || !platform_write_file(p->options->junit_file, text.data, text.len, err, sizeof err)) {
                fprintf(stderr, tr_msgid(N_("ponte: --junit %s: not written: %s\n")), p->options->junit_file,
                        built ? err : tr_msgid(N_("out of memory")));
                ok = false;
            }
            json_buffer_free(&text);
        }
    }
    free_playback(p);
    return ok;
}
