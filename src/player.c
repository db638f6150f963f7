/* SPDX-License-Identifier: MIT */
/* player: the window's replay: replay.c's clock with its reasons to wait,
 * and the bar's words (player.h says how it is driven). */
#include "player.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "recording.h"
#include "url.h"

const double player_speeds[PLAYER_SPEEDS] = {0.5, 1, 2, 4, 0};

bool player_is_recording(const struct recording *rec)
{
    if (rec->format == RECORDING_HAR)
        return true;
    return rec->format == RECORDING_TRANSCRIPT && rec->count > 0 && rec->entries[0].kind != RECORDING_DAMAGED;
}

bool player_open(struct player *p, const struct recording *rec, int64_t now, double speed, bool loop, char *err,
                 size_t errlen)
{
    player_free(p);
    if (!replay_load(&p->replay, rec, err, errlen))
        return false;
    replay_start(&p->replay, now, speed, loop);
    /* Nothing goes out before the connection is there. */
    p->offline = true;
    replay_pause(&p->replay, now);
    return true;
}

void player_free(struct player *p)
{
    replay_free(&p->replay);
    memset(p, 0, sizeof *p);
}

bool player_from_options(struct player *p, const struct cli_options *o, int64_t now, enum player_source *source,
                         const char **url, char *err, size_t errlen)
{
    const char *path = o->replay_file ? o->replay_file : o->demo_file;
    bool demo = !o->replay_file;
    *source = PLAYER_NONE;
    *url = NULL;
    if (!path)
        return true;
    struct recording rec = {0};
    char why[512];
    bool ok = false;
    if (!recording_load(&rec, path, why, sizeof why) || (demo && !player_is_recording(&rec))) {
        if (demo)
            *source = PLAYER_LINES; /* (a file that cannot be read: the demo loop says so) */
        else
            snprintf(err, errlen, "cannot replay %s", why);
        ok = demo;
        goto end;
    }
    if (!player_open(p, &rec, now, o->replay_speed >= 0 ? o->replay_speed : 1, demo || o->replay_loop, why,
                     sizeof why)) {
        snprintf(err, errlen, "cannot replay %s: %s", path, why);
        goto end;
    }
    /* The URL given wins (the built-in echo server's too), else the recorded one. */
    const char *recorded = p->replay.url;
    if (recorded && !o->local_echo && !cli_url_given(o)) {
        struct url u;
        if (!url_parse(recorded, &u, why, sizeof why)) {
            snprintf(err, errlen, "the URL recorded in %s cannot be used (%s): %s; give one on the command line",
                     path, recorded, why);
            player_free(p);
            goto end;
        }
        *url = recorded;
    }
    *source = PLAYER_RECORDING;
    ok = true;
end:
    recording_free(&rec);
    return ok;
}

bool player_loaded(const struct player *p)
{
    return p->replay.count > 0;
}

static int64_t sooner(int64_t a, int64_t b)
{
    if (a < 0)
        return b;
    if (b < 0)
        return a;
    return a < b ? a : b;
}

static struct player_flight *flight(struct player *p, uint32_t i)
{
    return &p->flights[(p->flight_head + i) % PLAYER_IN_FLIGHT];
}

/* Hands out what is due; the wait for the next, as replay_due says it. */
static int64_t send_due(struct player *p, int64_t now, player_send_fn send, void *user)
{
    struct replay *r = &p->replay;
    for (int i = 0; i < PLAYER_TURN_MAX; i++) {
        if (p->flight_count == PLAYER_IN_FLIGHT)
            return -1; /* the server is behind: its SENT events call again */
        struct player_flight f = {.index = r->next, .pass = r->passes};
        int64_t wait;
        const struct replay_item *it = replay_due(r, now, &wait);
        if (!it)
            return wait;
        f.kind = it->kind;
        if (send(user, it, &f.id)) {
            *flight(p, p->flight_count++) = f;
        } else {
            replay_written(r, now); /* no SENT will come for it (speed 0: the next goes) */
        }
    }
    return 0; /* more may be due: the next turn, after a frame */
}

int64_t player_turn(struct player *p, int64_t now, bool connected, player_send_fn send, void *user)
{
    if (!player_loaded(p))
        return -1;
    struct replay *r = &p->replay;
    /* (After a loss the chat may still say connected: its CLOSED can come
     * after the NOT_SENT. A new connection is what it waits for.) */
    p->offline = !connected || p->lost;
    if (p->typed_until && now >= p->typed_until)
        p->typed_until = 0;
    bool wait = p->held || p->offline || p->typed_until;
    if (wait)
        replay_pause(r, now);
    else
        replay_resume(r, now);
    if (wait) /* only the end of a typing pause changes it by itself */
        return p->typed_until && !p->held && !p->offline ? p->typed_until - now : -1;
    int64_t next = send_due(p, now, send, user);
    /* The bar's time moves while a gap runs (speed 0 moves with SENT):
     * awake when the time shown changes, not more often. */
    if (!r->finished && !r->waiting && r->speed > 0 && r->duration_us > 0) {
        int64_t unit = r->duration_us < 60 * (int64_t)1000000 ? PLAYER_TICK_US : PLAYER_TICK_LONG_US;
        int64_t left = (int64_t)((double)(unit - replay_position_us(r, now) % unit) / r->speed);
        next = sooner(next, left > PLAYER_TICK_MIN_US ? left : PLAYER_TICK_MIN_US);
    }
    return next;
}

/* Whether ev is about the item f (the person's own sends are not). */
static bool about(const struct player_flight *f, const struct net_event *ev)
{
    switch (ev->kind) {
    case NET_EVENT_SENT:
    case NET_EVENT_NOT_SENT: return f->kind == REPLAY_MESSAGE && ev->id == f->id;
    case NET_EVENT_PING_SENT: return f->kind == REPLAY_PING;
    case NET_EVENT_PONG_SENT: return f->kind == REPLAY_PONG;
    default: return false;
    }
}

bool player_event(struct player *p, const struct net_event *ev, int64_t now)
{
    if (ev->kind == NET_EVENT_CONNECTED)
        p->lost = false; /* (the app's next turn sees the chat connected) */
    /* The oldest in flight the event is about: messages are answered in
     * order, but a ping or pong may overtake a message queued before it. */
    uint32_t k = 0;
    while (k < p->flight_count && !about(flight(p, k), ev))
        k++;
    if (k == p->flight_count)
        return false;
    struct replay *r = &p->replay;
    bool full = p->flight_count == PLAYER_IN_FLIGHT;
    bool failed = ev->kind == NET_EVENT_NOT_SENT || ev->error != NET_ERROR_NONE;
    /* Gone with the connection (not the item's own fault, nor memory's):
     * it, and all in flight with it, go again once connected, unless the
     * oldest already went again. */
    const struct player_flight *oldest = flight(p, 0);
    bool again = failed && ev->error != NET_ERROR_TOO_BIG && ev->error != NET_ERROR_NO_MEMORY &&
                 !(p->retried_pass == oldest->pass + 1 && p->retried_index == oldest->index);
    if (again) {
        p->retried_index = oldest->index;
        p->retried_pass = oldest->pass + 1;
        replay_rewind(r, oldest->index, oldest->pass, now);
        p->flight_count = 0;
        p->lost = true;
        return true;
    }
    /* Done with it (and with any before it whose answer it overtook). */
    p->flight_head = (p->flight_head + k + 1) % PLAYER_IN_FLIGHT;
    p->flight_count -= k + 1;
    bool was_waiting = r->waiting && p->flight_count == 0;
    if (was_waiting)
        replay_written(r, now);
    return was_waiting || full;
}

void player_typed(struct player *p, int64_t now, int64_t until)
{
    if (!player_loaded(p) || until <= now)
        return;
    if (until > p->typed_until)
        p->typed_until = until;
    replay_pause(&p->replay, now); /* from now, not from the next turn */
}

void player_toggle(struct player *p, int64_t now)
{
    if (!player_loaded(p) || p->replay.finished)
        return;
    if (p->held || p->typed_until) {
        /* Resume: the person's word ends a typing pause too. */
        p->held = false;
        p->typed_until = 0;
        if (!p->offline)
            replay_resume(&p->replay, now);
    } else {
        p->held = true;
        replay_pause(&p->replay, now);
    }
}

void player_set_speed(struct player *p, double speed, int64_t now)
{
    if (player_loaded(p))
        replay_set_speed(&p->replay, speed, now);
}

void player_again(struct player *p, int64_t now)
{
    if (!player_loaded(p))
        return;
    replay_start(&p->replay, now, p->replay.speed, p->replay.loop);
    p->held = false;
    p->typed_until = 0;
    p->flight_count = 0;
    p->retried_pass = 0;
    if (p->offline)
        replay_pause(&p->replay, now);
}

enum player_state player_state(const struct player *p, int64_t now)
{
    if (p->replay.finished)
        return PLAYER_FINISHED;
    if (p->held)
        return PLAYER_HELD;
    if (p->offline)
        return PLAYER_OFFLINE;
    if (p->typed_until && now < p->typed_until)
        return PLAYER_TYPING;
    return PLAYER_RUNNING;
}

void player_count_text(const struct player *p, char *out, size_t n)
{
    const struct replay *r = &p->replay;
    size_t done = r->finished || (r->next == 0 && r->passes > 0) ? r->count : r->next;
    snprintf(out, n, tr(I18N_FIND_OF), (unsigned long long)done, (unsigned long long)r->count);
}

/* One time of the pair, in the pair's format. */
static int clock_text(int64_t us, bool tenths, bool hours, char *out, size_t n)
{
    if (us < 0)
        us = 0;
    long long s = (long long)(us / 1000000);
    if (hours)
        return snprintf(out, n, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    if (tenths)
        return snprintf(out, n, "%lld:%02lld.%lld", s / 60, s % 60, (long long)(us / 100000 % 10));
    return snprintf(out, n, "%lld:%02lld", s / 60, s % 60);
}

void player_time_text(int64_t at_us, int64_t total_us, char *out, size_t n)
{
    bool tenths = total_us < 60 * (int64_t)1000000, hours = total_us >= 3600 * (int64_t)1000000;
    char at[32], total[32];
    clock_text(at_us > total_us ? total_us : at_us, tenths, hours, at, sizeof at);
    clock_text(total_us, tenths, hours, total, sizeof total);
    snprintf(out, n, "%s / %s", at, total);
}

void player_speed_text(double speed, char *out, size_t n)
{
    if (!(speed > 0))
        snprintf(out, n, "%s", tr(I18N_REPLAY_MAX));
    else
        snprintf(out, n, "%g\xC3\x97", speed); /* × */
}

const char *player_state_text(enum player_state state)
{
    switch (state) {
    case PLAYER_HELD: return tr(I18N_REPLAY_PAUSED);
    case PLAYER_TYPING: return tr(I18N_REPLAY_TYPING);
    case PLAYER_OFFLINE: return tr(I18N_REPLAY_OFFLINE);
    case PLAYER_FINISHED: return tr(I18N_REPLAY_FINISHED);
    case PLAYER_RUNNING: break;
    }
    return "";
}
