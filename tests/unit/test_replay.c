/* SPDX-License-Identifier: MIT */
/* test_replay: the replay's clock. From a transcript with sent messages,
 * pings, pongs, messages that were not sent and received ones: which are
 * replayed, with which gaps; speed, pause, resume, a change of speed half
 * way through a gap, speed 0 paced by the writes, looping after the tail,
 * the position shown, and recordings with nothing to replay. */
#include "check.h"
#include "recording.h"
#include "replay.h"

#include <string.h>

#define MS 1000
#define S (1000 * MS)

static const char transcript[] =
    "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"connected\",\"url\":\"ws://127.0.0.1:9/a\"}\n"
    "{\"ts\":\"2026-11-25T04:05:07.000000Z\",\"event\":\"sent\",\"text\":\"one\"}\n"
    "{\"ts\":\"2026-11-25T04:05:07.100000Z\",\"event\":\"received\",\"text\":\"one\"}\n"
    "{\"ts\":\"2026-11-25T04:05:08.000000Z\",\"event\":\"not_sent\",\"text\":\"lost\",\"reason\":\"x\"}\n"
    "{\"ts\":\"2026-11-25T04:05:09.000000Z\",\"event\":\"sent\",\"base64\":\"AAEC\"}\n"
    "{\"ts\":\"2026-11-25T04:05:09.500000Z\",\"event\":\"ping_sent\",\"text\":\"p\"}\n"
    "{\"ts\":\"2026-11-25T04:05:12.500000Z\",\"event\":\"sent\",\"text\":\"three\",\"fragments\":3}\n"
    "{\"ts\":\"2026-11-25T04:05:16.500000Z\",\"event\":\"closed\",\"code\":1000,\"by\":\"client\"}\n";

static bool load(struct replay *r, const char *text)
{
    struct recording rec = {0};
    char err[256] = "";
    bool ok = recording_read(&rec, text, strlen(text), err, sizeof err) && replay_load(r, &rec, err, sizeof err);
    recording_free(&rec);
    if (!ok)
        fprintf(stderr, "load: %s\n", err);
    return ok;
}

static void test_items(void)
{
    struct replay r = {0};
    CHECK(load(&r, transcript));
    CHECK(r.count == 4); /* not_sent and received are not replayed */
    CHECK(r.items[0].kind == REPLAY_MESSAGE && r.items[0].len == 3 && !memcmp(r.items[0].data, "one", 3) &&
          !r.items[0].binary && r.items[0].gap_us == 0 && r.items[0].at_us == 0);
    CHECK(r.items[1].kind == REPLAY_MESSAGE && r.items[1].binary && r.items[1].len == 3 &&
          !memcmp(r.items[1].data, "\x00\x01\x02", 3) && r.items[1].gap_us == 2 * S);
    CHECK(r.items[2].kind == REPLAY_PING && r.items[2].len == 1 && r.items[2].gap_us == 500 * MS);
    CHECK(r.items[3].kind == REPLAY_MESSAGE && r.items[3].fragments == 3 && r.items[3].gap_us == 3 * S &&
          r.items[3].at_us == 5500 * MS);
    CHECK(r.duration_us == 5500 * MS && r.tail_us == 4 * S);
    CHECK(r.url && !strcmp(r.url, "ws://127.0.0.1:9/a"));
    replay_free(&r);
    CHECK(r.items == NULL && r.count == 0);
}

static void test_clock(void)
{
    struct replay r = {0};
    CHECK(load(&r, transcript));
    int64_t wait = 0, t = 100 * S;
    CHECK(replay_due(&r, t, &wait) == NULL && wait == -1); /* not started */
    replay_start(&r, t, 1, false);
    const struct replay_item *it = replay_due(&r, t, &wait);
    CHECK(it == &r.items[0] && wait == 2 * S); /* the first at once; the next 2 s on */
    CHECK(replay_due(&r, t, &wait) == NULL && wait == 2 * S);
    CHECK(replay_due(&r, t + 2 * S - 1, &wait) == NULL && wait == 1);
    CHECK(replay_position_us(&r, t + S) == S);
    /* Woken late: the next gap still runs from when this one was due. */
    CHECK(replay_due(&r, t + 2 * S + 300 * MS, &wait) == &r.items[1] && wait == 200 * MS);
    /* Paused half way through the ping's gap: the rest waits for resume. */
    replay_pause(&r, t + 2 * S + 400 * MS);
    CHECK(replay_due(&r, t + 10 * S, &wait) == NULL && wait == -1);
    CHECK(replay_position_us(&r, t + 10 * S) == 2400 * MS);
    replay_resume(&r, t + 10 * S);
    CHECK(replay_due(&r, t + 10 * S, &wait) == NULL && wait == 100 * MS);
    CHECK(replay_due(&r, t + 10 * S + 100 * MS, &wait) == &r.items[2] && wait == 3 * S);
    /* Twice as fast one second into the 3 s gap: 2 s of recorded time
     * left take 1 s. */
    replay_set_speed(&r, 2, t + 11 * S + 100 * MS);
    CHECK(replay_due(&r, t + 11 * S + 100 * MS, &wait) == NULL && wait == S);
    CHECK(replay_position_us(&r, t + 11 * S + 600 * MS) == 2500 * MS + 2 * S);
    CHECK(replay_due(&r, t + 12 * S + 100 * MS, &wait) == &r.items[3] && wait == -1);
    CHECK(r.finished && r.handed == 4 && r.passes == 1);
    CHECK(replay_due(&r, t + 100 * S, &wait) == NULL && wait == -1);
    CHECK(replay_position_us(&r, t + 100 * S) == r.duration_us);
    replay_free(&r);
}

static void test_loop_and_speed_zero(void)
{
    struct replay r = {0};
    CHECK(load(&r, transcript));
    int64_t wait = 0, t = 5 * S;
    replay_start(&r, t, 10, true);
    CHECK(replay_due(&r, t, &wait) == &r.items[0] && wait == 200 * MS);
    CHECK(replay_due(&r, t + 200 * MS, &wait) == &r.items[1] && wait == 50 * MS);
    CHECK(replay_due(&r, t + 250 * MS, &wait) == &r.items[2] && wait == 300 * MS);
    CHECK(replay_due(&r, t + 550 * MS, &wait) == &r.items[3]);
    /* Starts over after the recording's 4 s tail, at ten times: 0.4 s. */
    CHECK(!r.finished && r.passes == 1 && r.next == 0 && wait == 400 * MS);
    CHECK(replay_position_us(&r, t + 700 * MS) == 0);
    CHECK(replay_due(&r, t + 950 * MS, &wait) == &r.items[0] && r.handed == 5);

    /* Speed 0: each as soon as the one before was written. */
    replay_start(&r, t, 0, false);
    CHECK(replay_due(&r, t, &wait) == &r.items[0] && wait == -1);
    CHECK(replay_due(&r, t + S, &wait) == NULL && wait == -1); /* not written yet */
    replay_written(&r, t + S);
    CHECK(replay_due(&r, t + S, &wait) == &r.items[1]);
    replay_written(&r, t + S);
    CHECK(replay_due(&r, t + S, NULL) == &r.items[2]);
    replay_written(&r, t + S);
    CHECK(replay_due(&r, t + S, NULL) == &r.items[3] && r.finished);
    replay_written(&r, t + S);
    CHECK(replay_due(&r, t + S, NULL) == NULL);
    replay_free(&r);
}

static void test_nothing_to_replay(void)
{
    struct replay r = {0};
    struct recording rec = {0};
    char err[256] = "";
    const char *only_received = "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"received\",\"text\":\"x\"}\n";
    CHECK(recording_read(&rec, only_received, strlen(only_received), err, sizeof err));
    CHECK(!replay_load(&r, &rec, err, sizeof err) && strstr(err, "no sent messages") && r.items == NULL);
    recording_free(&rec);
    /* A clock that went backwards (overlapping sockets): no negative gap. */
    CHECK(load(&r, "{\"ts\":\"2026-11-25T04:05:09.000000Z\",\"event\":\"sent\",\"text\":\"a\"}\n"
                   "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"sent\",\"text\":\"b\"}\n"
                   "{\"ts\":\"2026-11-25T04:05:10.000000Z\",\"event\":\"sent\",\"text\":\"c\"}\n"));
    CHECK(r.count == 3 && r.items[1].gap_us == 0 && r.items[2].gap_us == S && r.duration_us == S);
    replay_free(&r);
    /* Fragments frames.c would refuse (more than it allows): one message. */
    CHECK(load(&r, "{\"ts\":\"2026-11-25T04:05:09.000000Z\",\"event\":\"sent\",\"text\":\"ab\",\"fragments\":999999}\n"));
    CHECK(r.count == 1 && r.items[0].fragments == 0);
    /* Speeds are clamped. */
    replay_start(&r, 0, -5, false);
    CHECK(r.speed == 0);
    replay_start(&r, 0, 1e9, false);
    CHECK(r.speed == REPLAY_MAX_SPEED);
    replay_free(&r);
}

/* A hand-out that never reached the server goes again, at once, with
 * what came after it. */
static void test_rewind(void)
{
    struct replay r = {0};
    CHECK(load(&r, transcript));
    int64_t wait, t = 0;
    replay_start(&r, t, 1, false);
    CHECK(replay_due(&r, t, &wait) == &r.items[0]);
    CHECK(replay_due(&r, t + 2 * S, &wait) == &r.items[1]);
    replay_rewind(&r, 0, 0, t + 2 * S + 10 * MS);
    CHECK(replay_due(&r, t + 2 * S + 10 * MS, &wait) == &r.items[0] && wait == 2 * S);
    /* Paused when rewound: due as soon as it resumes. */
    replay_pause(&r, t + 3 * S);
    replay_rewind(&r, 0, 0, t + 3 * S);
    CHECK(replay_due(&r, t + 9 * S, &wait) == NULL && wait == -1);
    replay_resume(&r, t + 9 * S);
    CHECK(replay_due(&r, t + 9 * S, &wait) == &r.items[0]);
    /* Finished, then the last one failed: it goes again; past the end: nothing. */
    for (int64_t at = t + 10 * S; !r.finished; at += S)
        replay_due(&r, at, &wait);
    replay_rewind(&r, 3, 0, t + 30 * S);
    CHECK(!r.finished && replay_due(&r, t + 30 * S, &wait) == &r.items[3] && r.finished);
    replay_rewind(&r, 4, 0, t + 31 * S);
    CHECK(r.finished);
    replay_free(&r);
}

int main(void)
{
    test_items();
    test_clock();
    test_loop_and_speed_zero();
    test_nothing_to_replay();
    test_rewind();
    return check_summary("replay");
}
