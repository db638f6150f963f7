/* SPDX-License-Identifier: MIT */
/* replay: the recording's outgoing frames and the clock that hands them out
 * again (replay.h says how time runs). */
#include "replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frames.h"
#include "i18n.h"
#include "recording.h"

static int64_t clamp_gap(int64_t gap)
{
    return gap < 0 ? 0 : gap > REPLAY_MAX_GAP_US ? REPLAY_MAX_GAP_US : gap;
}

static bool outgoing(const struct recording_entry *e, enum replay_kind *kind)
{
    switch (e->kind) {
    case RECORDING_SENT: *kind = REPLAY_MESSAGE; return true;
    case RECORDING_PING_SENT: *kind = REPLAY_PING; return true;
    case RECORDING_PONG_SENT: *kind = REPLAY_PONG; return true;
    default: return false; /* not_sent and the *_not_sent never reached the server */
    }
}

static char *copy_bytes(const char *data, size_t len)
{
    char *c = malloc(len + 1);
    if (c) {
        if (len)
            memcpy(c, data, len);
        c[len] = '\0';
    }
    return c;
}

bool replay_load(struct replay *r, const struct recording *rec, char *err, size_t errlen)
{
    replay_free(r);
    size_t n = 0;
    enum replay_kind kind;
    for (size_t i = 0; i < rec->count; i++)
        n += outgoing(&rec->entries[i], &kind);
    if (!n) {
        snprintf(err, errlen, "%s", tr_msgid(N_("the recording has no sent messages to replay")));
        return false;
    }
    r->items = calloc(n, sizeof *r->items);
    if (!r->items || (rec->url && !(r->url = copy_bytes(rec->url, strlen(rec->url))))) {
        replay_free(r);
        snprintf(err, errlen, "%s", tr_msgid(N_("out of memory")));
        return false;
    }
    int64_t prev = 0, end = 0;
    for (size_t i = 0; i < rec->count; i++) {
        const struct recording_entry *e = &rec->entries[i];
        if (e->time_us > end)
            end = e->time_us;
        if (!outgoing(e, &kind))
            continue;
        struct replay_item *it = &r->items[r->count];
        it->kind = kind;
        it->binary = e->binary;
        it->invalid_utf8 = e->invalid_utf8;
        it->len = e->data ? e->len : 0;
        /* Fragments a recording holds that frames.c would refuse (a
         * hand-edited file): sent as one message, by either sender. */
        unsigned fragments = e->number > 1 && e->number <= 1000000 ? (unsigned)e->number : 0;
        if (kind == REPLAY_MESSAGE && frames_check_fragments(fragments, it->len) == FRAMES_OK)
            it->fragments = fragments;
        if (!(it->data = copy_bytes(e->data, it->len))) {
            replay_free(r);
            snprintf(err, errlen, "%s", tr_msgid(N_("out of memory")));
            return false;
        }
        if (r->count == 0)
            prev = e->time_us;
        it->gap_us = r->count ? clamp_gap(e->time_us - prev) : 0;
        it->at_us = r->count ? r->items[r->count - 1].at_us + it->gap_us : 0;
        /* A recording whose clock went back (a HAR's overlapping sockets)
         * keeps the later time as the reference, so no gap is counted twice. */
        if (e->time_us > prev)
            prev = e->time_us;
        r->count++;
    }
    r->duration_us = r->items[r->count - 1].at_us;
    r->tail_us = clamp_gap(end - prev);
    return true;
}

void replay_free(struct replay *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->items[i].data);
    free(r->items);
    free(r->url);
    memset(r, 0, sizeof *r);
}

static double clamp_speed(double speed)
{
    return !(speed > 0) ? 0 : speed > REPLAY_MAX_SPEED ? REPLAY_MAX_SPEED : speed;
}

void replay_start(struct replay *r, int64_t now_us, double speed, bool loop)
{
    r->speed = clamp_speed(speed);
    r->loop = loop;
    r->started = r->count > 0;
    r->paused = r->finished = r->waiting = false;
    r->next = 0;
    r->passes = r->handed = 0;
    r->last_at = now_us;
}

/* The recorded gap before item next, in the caller's microseconds at the
 * current speed (speed 0: none). */
static int64_t scaled_gap(const struct replay *r)
{
    if (r->speed <= 0)
        return 0;
    int64_t gap = r->next < r->count ? r->items[r->next].gap_us : 0;
    if (r->next == 0 && r->passes > 0) /* a loop starting over */
        gap = r->tail_us > REPLAY_LOOP_GAP_US ? r->tail_us : REPLAY_LOOP_GAP_US;
    if (r->next == 0 && r->passes == 0)
        gap = 0;
    return (int64_t)((double)gap / r->speed);
}

const struct replay_item *replay_due(struct replay *r, int64_t now_us, int64_t *wait_us)
{
    int64_t dummy;
    if (!wait_us)
        wait_us = &dummy;
    *wait_us = -1;
    if (!r->started || r->paused || r->finished || r->waiting)
        return NULL;
    int64_t due = r->last_at + scaled_gap(r);
    if (now_us < due) {
        *wait_us = due - now_us;
        return NULL;
    }
    const struct replay_item *it = &r->items[r->next];
    /* The next gap runs from when this one was due, not from when the
     * caller got round to it, so a late wake-up does not stretch the
     * replay; speed 0 runs from the hand-out. */
    r->last_at = r->speed > 0 ? due : now_us;
    r->handed++;
    r->waiting = r->speed <= 0;
    if (++r->next == r->count) {
        r->passes++;
        if (r->loop)
            r->next = 0;
        else
            r->finished = true;
    }
    if (!r->finished && !r->waiting) {
        int64_t next_due = r->last_at + scaled_gap(r);
        *wait_us = next_due > now_us ? next_due - now_us : 0;
    }
    return it;
}

void replay_written(struct replay *r, int64_t now_us)
{
    if (!r->waiting)
        return;
    r->waiting = false;
    r->last_at = now_us;
}

void replay_rewind(struct replay *r, size_t next, uint64_t passes, int64_t now_us)
{
    if (!r->started || next >= r->count)
        return;
    r->next = next;
    r->passes = passes;
    r->finished = r->waiting = false;
    r->last_at = now_us - scaled_gap(r); /* due now */
    if (r->paused)
        r->paused_at = now_us;
}

void replay_pause(struct replay *r, int64_t now_us)
{
    if (!r->started || r->paused || r->finished)
        return;
    r->paused = true;
    r->paused_at = now_us;
}

void replay_resume(struct replay *r, int64_t now_us)
{
    if (!r->paused)
        return;
    r->paused = false;
    /* The part of the gap gone before the pause stays gone. */
    r->last_at += now_us - r->paused_at;
}

void replay_set_speed(struct replay *r, double speed, int64_t now_us)
{
    speed = clamp_speed(speed);
    if (speed == r->speed)
        return;
    int64_t at = r->paused ? r->paused_at : now_us;
    double old = r->speed;
    if (r->started && !r->finished && old > 0 && speed > 0) {
        /* elapsed recorded time in this gap, kept across the change */
        double recorded = (double)(at - r->last_at) * old;
        r->last_at = at - (int64_t)(recorded / speed);
    } else if (speed <= 0 || old <= 0) {
        r->last_at = at;
    }
    r->waiting = false; /* speed 0 waits only for items handed out while at 0 */
    r->speed = speed;
}

int64_t replay_position_us(const struct replay *r, int64_t now_us)
{
    if (!r->started || !r->count)
        return 0;
    if (r->finished)
        return r->duration_us;
    if (r->next == 0)
        return 0; /* before the first item, or a loop's pause before starting over */
    int64_t base = r->items[r->next - 1].at_us;
    int64_t gap = r->items[r->next].gap_us;
    if (r->speed <= 0)
        return base;
    int64_t at = r->paused ? r->paused_at : now_us;
    int64_t gone = (int64_t)((double)(at - r->last_at) * r->speed);
    if (gone < 0)
        gone = 0;
    return base + (gone < gap ? gone : gap);
}
