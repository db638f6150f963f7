/* SPDX-License-Identifier: MIT */
/* test_player: the window's replay driven as app.c drives it, with a fake
 * sender: nothing before the connection, the recorded gaps, the person's
 * Pause and Resume, typing's pause that ends by itself (but not a Pause by
 * hand), a dropped connection, speed 0 paced by SENT events of the right
 * id, pings by PING_SENT, a send that fails, Again, the bar's ticks; what
 * is a recording and what a demo's lines; the bar's words in both
 * languages. */
#include "check.h"
#include "cli.h"
#include "i18n.h"
#include "player.h"
#include "recording.h"

#include <stdlib.h>
#include <string.h>

#define MS 1000
#define S (1000 * MS)

/* Three messages 300 ms apart, then a ping 1 s later. */
static const char transcript[] =
    "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"connected\",\"url\":\"ws://127.0.0.1:9/a\"}\n"
    "{\"ts\":\"2026-11-25T04:05:07.000000Z\",\"event\":\"sent\",\"text\":\"one\"}\n"
    "{\"ts\":\"2026-11-25T04:05:07.300000Z\",\"event\":\"sent\",\"text\":\"two\"}\n"
    "{\"ts\":\"2026-11-25T04:05:07.600000Z\",\"event\":\"sent\",\"text\":\"three\"}\n"
    "{\"ts\":\"2026-11-25T04:05:08.600000Z\",\"event\":\"ping_sent\",\"text\":\"p\"}\n";

/* The fake app: what went out, with the ids it gave. */
struct sink {
    char sent[16][16];
    int count;
    uint64_t next_id;
    bool refuse; /* the next send cannot be queued */
};

static bool fake_send(void *user, const struct replay_item *it, uint64_t *id)
{
    struct sink *s = user;
    if (s->refuse) {
        s->refuse = false;
        return false;
    }
    if (s->count < 16)
        snprintf(s->sent[s->count++], sizeof s->sent[0], "%s%s", it->kind == REPLAY_PING ? "ping:" : "", it->data);
    if (it->kind == REPLAY_MESSAGE)
        *id = ++s->next_id;
    return true;
}

static bool read_recording(struct recording *rec, const char *text)
{
    char err[256] = "";
    bool ok = recording_read(rec, text, strlen(text), err, sizeof err);
    if (!ok)
        fprintf(stderr, "read: %s\n", err);
    return ok;
}

static bool open_player(struct player *p, int64_t now, double speed, bool loop)
{
    struct recording rec = {0};
    char err[256] = "";
    bool ok = read_recording(&rec, transcript) && player_open(p, &rec, now, speed, loop, err, sizeof err);
    recording_free(&rec);
    return ok;
}

static void test_gaps_and_pauses(void)
{
    struct player p = {0};
    struct sink s = {0};
    CHECK(!player_loaded(&p) && player_turn(&p, 0, true, fake_send, &s) == -1);
    int64_t t = 50 * S;
    CHECK(open_player(&p, t, 1, false));
    CHECK(player_loaded(&p));
    /* Nothing before the connection, and nothing to wake up for. */
    CHECK(player_turn(&p, t + 5 * S, false, fake_send, &s) == -1 && s.count == 0);
    CHECK(player_state(&p, t + 5 * S) == PLAYER_OFFLINE);
    /* Connected: the first at once; the bar ticks before the 300 ms gap ends. */
    t += 10 * S;
    CHECK(player_turn(&p, t, true, fake_send, &s) == PLAYER_TICK_US && s.count == 1 && !strcmp(s.sent[0], "one"));
    CHECK(player_state(&p, t) == PLAYER_RUNNING);
    CHECK(player_turn(&p, t + 250 * MS, true, fake_send, &s) == 50 * MS && s.count == 1);
    CHECK(player_turn(&p, t + 300 * MS, true, fake_send, &s) >= 0 && s.count == 2 && !strcmp(s.sent[1], "two"));
    /* The person pauses 100 ms into the next gap: nothing, and no wake-up. */
    player_toggle(&p, t + 400 * MS);
    CHECK(player_state(&p, t + 400 * MS) == PLAYER_HELD);
    CHECK(player_turn(&p, t + 5 * S, true, fake_send, &s) == -1 && s.count == 2);
    /* Resumed: the 200 ms left of the gap. */
    player_toggle(&p, t + 5 * S);
    CHECK(player_turn(&p, t + 5 * S, true, fake_send, &s) == PLAYER_TICK_US && s.count == 2);
    CHECK(player_turn(&p, t + 5 * S + 200 * MS, true, fake_send, &s) >= 0 && s.count == 3);
    t += 5 * S + 200 * MS; /* "three" went out; the ping is 1 s on */
    /* Typing: it waits until the typing pause ends, then goes on. */
    player_typed(&p, t, t + 30 * S);
    CHECK(player_state(&p, t + S) == PLAYER_TYPING);
    CHECK(player_turn(&p, t + S, true, fake_send, &s) == 29 * S && s.count == 3);
    CHECK(player_turn(&p, t + 30 * S, true, fake_send, &s) >= 0 && s.count == 3); /* the whole gap is left */
    CHECK(player_turn(&p, t + 31 * S, true, fake_send, &s) == -1 && s.count == 4 && !strcmp(s.sent[3], "ping:p"));
    CHECK(player_state(&p, t + 31 * S) == PLAYER_FINISHED);
    /* Pause does nothing once finished; Again starts over at once. */
    player_toggle(&p, t + 32 * S);
    CHECK(player_state(&p, t + 32 * S) == PLAYER_FINISHED);
    player_again(&p, t + 40 * S);
    CHECK(player_turn(&p, t + 40 * S, true, fake_send, &s) >= 0 && s.count == 5 && !strcmp(s.sent[4], "one"));
    player_free(&p);
    CHECK(!player_loaded(&p));
}

static void test_typing_and_hand(void)
{
    struct player p = {0};
    struct sink s = {0};
    int64_t t = 0;
    CHECK(open_player(&p, t, 1, false));
    CHECK(player_turn(&p, t, true, fake_send, &s) >= 0 && s.count == 1);
    /* Typing, then a Pause by hand: the end of the typing does not resume it. */
    player_typed(&p, t, t + 30 * S);
    player_toggle(&p, t + 100 * MS); /* typing's pause: this is Resume */
    CHECK(player_state(&p, t + 100 * MS) == PLAYER_RUNNING);
    player_toggle(&p, t + 100 * MS);
    CHECK(player_state(&p, t + 100 * MS) == PLAYER_HELD);
    player_typed(&p, t + 200 * MS, t + 200 * MS + 30 * S);
    CHECK(player_turn(&p, t + 40 * S, true, fake_send, &s) == -1 && s.count == 1);
    CHECK(player_state(&p, t + 40 * S) == PLAYER_HELD);
    /* The connection drops and comes back: it waits, then goes on. */
    player_toggle(&p, t + 41 * S);
    CHECK(player_turn(&p, t + 41 * S, false, fake_send, &s) == -1 && s.count == 1);
    CHECK(player_state(&p, t + 41 * S) == PLAYER_OFFLINE);
    /* (the typing paused it at once: the whole 300 ms gap is left) */
    CHECK(player_turn(&p, t + 60 * S, true, fake_send, &s) == PLAYER_TICK_US && s.count == 1);
    CHECK(player_turn(&p, t + 60 * S + 299 * MS, true, fake_send, &s) == 1 * MS && s.count == 1);
    CHECK(player_turn(&p, t + 60 * S + 300 * MS, true, fake_send, &s) >= 0 && s.count == 2);
    player_free(&p);
}

/* A network event about a send, as the app hands it over. */
static bool event(struct player *p, enum net_event_kind kind, uint64_t id, enum net_error error, int64_t now)
{
    struct net_event ev = {.kind = kind, .id = id, .error = error};
    return player_event(p, &ev, now);
}

static void test_speed_zero(void)
{
    struct player p = {0};
    struct sink s = {0};
    CHECK(open_player(&p, 0, 0, false));
    /* One at a time, each after the SENT of the one before (its id). */
    CHECK(player_turn(&p, 0, true, fake_send, &s) == -1 && s.count == 1);
    event(&p, NET_EVENT_SENT, 99, NET_ERROR_NONE, 1 * MS); /* another message's */
    CHECK(player_turn(&p, 1 * MS, true, fake_send, &s) == -1 && s.count == 1);
    CHECK(event(&p, NET_EVENT_SENT, 1, NET_ERROR_NONE, 2 * MS)); /* (the app takes a turn at once) */
    CHECK(player_turn(&p, 2 * MS, true, fake_send, &s) == -1 && s.count == 2);
    /* Not sent as too big (its own fault): the next goes. */
    CHECK(event(&p, NET_EVENT_NOT_SENT, 2, NET_ERROR_TOO_BIG, 3 * MS));
    /* A send that cannot be queued ("three"): no SENT will come, the next
     * goes in the same turn. */
    s.refuse = true;
    CHECK(player_turn(&p, 3 * MS, true, fake_send, &s) == -1 && s.count == 3 && !strcmp(s.sent[2], "ping:p"));
    CHECK(player_state(&p, 3 * MS) == PLAYER_FINISHED);
    player_free(&p);

    CHECK(open_player(&p, 0, 0, true));
    s = (struct sink){0};
    CHECK(player_turn(&p, 0, true, fake_send, &s) == -1 && s.count == 1);
    event(&p, NET_EVENT_SENT, 1, NET_ERROR_NONE, 1);
    CHECK(player_turn(&p, 1, true, fake_send, &s) == -1 && s.count == 2);
    event(&p, NET_EVENT_SENT, 2, NET_ERROR_NONE, 2);
    CHECK(player_turn(&p, 2, true, fake_send, &s) == -1 && s.count == 3);
    event(&p, NET_EVENT_SENT, 3, NET_ERROR_NONE, 3);
    CHECK(player_turn(&p, 3, true, fake_send, &s) == -1 && s.count == 4);
    event(&p, NET_EVENT_SENT, 4, NET_ERROR_NONE, 4); /* a message's SENT does not answer the ping */
    CHECK(player_turn(&p, 4, true, fake_send, &s) == -1 && s.count == 4);
    event(&p, NET_EVENT_PING_SENT, 0, NET_ERROR_NONE, 5);
    CHECK(player_turn(&p, 5, true, fake_send, &s) == -1 && s.count == 5 && !strcmp(s.sent[4], "one")); /* looped */
    /* A speed from the bar: 4× (the next gap, 300 ms, takes 75 ms). */
    event(&p, NET_EVENT_SENT, 5, NET_ERROR_NONE, 6);
    player_set_speed(&p, 4, 6);
    CHECK(player_turn(&p, 6, true, fake_send, &s) == PLAYER_TICK_MIN_US && s.count == 5); /* (a tenth at 4×: 25 ms) */
    CHECK(player_turn(&p, 6 + 50 * MS, true, fake_send, &s) == 25 * MS && s.count == 5);
    CHECK(player_turn(&p, 6 + 75 * MS, true, fake_send, &s) >= 0 && s.count == 6);
    player_free(&p);
}

/* The connection went with items in flight: they go again, in order, once
 * connected again; the same item lost twice is let go. */
static void test_lost_with_the_connection(void)
{
    struct player p = {0};
    struct sink s = {0};
    CHECK(open_player(&p, 0, 1, false));
    CHECK(player_turn(&p, 0, true, fake_send, &s) >= 0 && player_turn(&p, 300 * MS, true, fake_send, &s) >= 0);
    CHECK(s.count == 2 && p.flight_count == 2);
    CHECK(!event(&p, NET_EVENT_SENT, 77, NET_ERROR_NONE, 310 * MS)); /* the person's own message */
    CHECK(!event(&p, NET_EVENT_SENT, 1, NET_ERROR_NONE, 310 * MS) && p.flight_count == 1);
    /* "two" went down with the connection: it goes again. */
    CHECK(event(&p, NET_EVENT_NOT_SENT, 2, NET_ERROR_CONNECTION_LOST, 320 * MS) && p.flight_count == 0);
    CHECK(player_turn(&p, 330 * MS, false, fake_send, &s) == -1 && s.count == 2);
    player_count_text(&p, s.sent[15], sizeof s.sent[15]);
    CHECK_MSG(!strcmp(s.sent[15], "1 of 4"), "%s", s.sent[15]);
    /* The chat may say connected before its CLOSED comes: it waits for a
     * new connection all the same. */
    CHECK(player_turn(&p, 340 * MS, true, fake_send, &s) == -1 && s.count == 2);
    CHECK(player_state(&p, 340 * MS) == PLAYER_OFFLINE);
    CHECK(!event(&p, NET_EVENT_CONNECTED, 0, NET_ERROR_NONE, 4 * S));
    CHECK(player_turn(&p, 5 * S, true, fake_send, &s) >= 0 && s.count == 3 && !strcmp(s.sent[2], "two"));
    /* Lost again: let go, and the rest goes on. */
    CHECK(!event(&p, NET_EVENT_NOT_SENT, 3, NET_ERROR_CONNECTION_LOST, 5 * S) && p.flight_count == 0);
    CHECK(player_turn(&p, 5 * S + 300 * MS, true, fake_send, &s) >= 0 && !strcmp(s.sent[3], "three"));
    /* A ping answered before the message queued ahead of it: both done. */
    player_turn(&p, 6 * S + 300 * MS, true, fake_send, &s);
    CHECK_MSG(s.count == 5 && !strcmp(s.sent[4], "ping:p"), "%d: %s", s.count, s.sent[s.count - 1]);
    CHECK(p.flight_count == 2 && !event(&p, NET_EVENT_PING_SENT, 0, NET_ERROR_NONE, 7 * S) && p.flight_count == 0);
    CHECK(!event(&p, NET_EVENT_SENT, 4, NET_ERROR_NONE, 7 * S));
    /* A ping not sent for want of a connection: it goes again. */
    player_again(&p, 8 * S);
    s = (struct sink){0};
    for (int64_t t = 8 * S; s.count < 4; t += 100 * MS)
        player_turn(&p, t, true, fake_send, &s);
    CHECK(event(&p, NET_EVENT_PING_SENT, 0, NET_ERROR_NOT_CONNECTED, 20 * S) && p.flight_count == 0);
    event(&p, NET_EVENT_CONNECTED, 0, NET_ERROR_NONE, 20 * S);
    CHECK(player_turn(&p, 20 * S, true, fake_send, &s) >= 0 && s.count == 5 && !strcmp(s.sent[4], "one"));
    player_free(&p);
}

/* The bar's time wakes the window when the time shown moves: tenths under
 * a minute, seconds past it. */
static void test_ticks(void)
{
    static const char long_one[] =
        "{\"ts\":\"2026-11-25T04:05:07.000000Z\",\"event\":\"sent\",\"text\":\"a\"}\n"
        "{\"ts\":\"2026-11-25T04:06:37.000000Z\",\"event\":\"sent\",\"text\":\"b\"}\n";
    struct recording rec = {0};
    struct player p = {0};
    struct sink s = {0};
    char err[256];
    CHECK(read_recording(&rec, long_one) && player_open(&p, &rec, 0, 1, false, err, sizeof err));
    CHECK(player_turn(&p, 0, true, fake_send, &s) == PLAYER_TICK_LONG_US && s.count == 1);
    CHECK(player_turn(&p, 1300 * MS, true, fake_send, &s) == 700 * MS);
    player_set_speed(&p, 2, 1300 * MS); /* still 1.3 s shown: the next second is 0.35 s away */
    CHECK(player_turn(&p, 1300 * MS, true, fake_send, &s) == 350 * MS);
    player_free(&p);
    recording_free(&rec);
}

static void test_many_due(void)
{
    /* 1100 messages recorded at one instant, at 1000x: a turn hands out
     * PLAYER_TURN_MAX and asks to be called again at once, up to
     * PLAYER_IN_FLIGHT not yet known sent; then each SENT lets one more go. */
    size_t n = 1100, cap = n * 80 + 1, len = 0;
    char *text = malloc(cap);
    CHECK(text != NULL);
    for (size_t i = 0; text && i < n; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "{\"ts\":\"2026-11-25T04:05:07.000000Z\",\"event\":\"sent\",\"text\":\"m%zu\"}\n", i);
    struct recording rec = {0};
    struct player p = {0};
    char err[256];
    CHECK(text && read_recording(&rec, text) && player_open(&p, &rec, 0, 1000, false, err, sizeof err));
    struct sink s = {0};
    CHECK(player_turn(&p, 0, true, fake_send, &s) == 0);
    CHECK(p.replay.handed == PLAYER_TURN_MAX);
    CHECK(player_turn(&p, 0, true, fake_send, &s) == 0 && player_turn(&p, 0, true, fake_send, &s) == 0);
    CHECK(player_turn(&p, 0, true, fake_send, &s) == 0 && p.replay.handed == PLAYER_IN_FLIGHT);
    /* (no time to show moving: a recording of one instant) */
    CHECK(player_turn(&p, 0, true, fake_send, &s) == -1 && p.replay.handed == PLAYER_IN_FLIGHT);
    CHECK(player_turn(&p, 1, true, fake_send, &s) == -1 && p.replay.handed == PLAYER_IN_FLIGHT);
    CHECK(event(&p, NET_EVENT_SENT, 1, NET_ERROR_NONE, 2));
    CHECK(player_turn(&p, 2, true, fake_send, &s) == -1 && p.replay.handed == PLAYER_IN_FLIGHT + 1);
    for (uint64_t id = 2; id <= n; id++)
        event(&p, NET_EVENT_SENT, id, NET_ERROR_NONE, 3);
    CHECK(player_turn(&p, 3, true, fake_send, &s) == -1 && p.replay.handed == n && p.replay.finished);
    player_free(&p);
    recording_free(&rec);
    free(text);
}

static void test_what_is_a_recording(void)
{
    struct recording rec = {0};
    CHECK(read_recording(&rec, transcript) && player_is_recording(&rec));
    recording_free(&rec);
    memset(&rec, 0, sizeof rec);
    static const char har[] =
        "{\"log\":{\"entries\":[{\"request\":{\"url\":\"wss://example.org/s\"},\"_webSocketMessages\":["
        "{\"type\":\"send\",\"time\":1764081125.5,\"opcode\":1,\"data\":\"hi\"}]}]}}";
    CHECK(read_recording(&rec, har) && player_is_recording(&rec));
    recording_free(&rec);
    /* A demo's lines: not a recording, even when a later line looks like a record. */
    static const char lines[] = "hello there\n{\"ts\":\"2026-11-25T04:05:07Z\",\"event\":\"sent\",\"text\":\"x\"}\n";
    memset(&rec, 0, sizeof rec);
    char err[256];
    bool read = recording_read(&rec, lines, strlen(lines), err, sizeof err);
    CHECK(!read || !player_is_recording(&rec));
    recording_free(&rec);
    memset(&rec, 0, sizeof rec);
    static const char json_lines[] = "{\"type\":\"hello\"}\n{\"type\":\"bye\"}\n";
    read = recording_read(&rec, json_lines, strlen(json_lines), err, sizeof err);
    CHECK(!read || !player_is_recording(&rec));
    recording_free(&rec);
    /* A recording with nothing sent cannot be replayed: why, in words. */
    memset(&rec, 0, sizeof rec);
    static const char received[] = "{\"ts\":\"2026-11-25T04:05:07Z\",\"event\":\"received\",\"text\":\"x\"}\n";
    struct player p = {0};
    CHECK(read_recording(&rec, received) && player_is_recording(&rec));
    CHECK(!player_open(&p, &rec, 0, 1, false, err, sizeof err) && strstr(err, "no sent messages") && !player_loaded(&p));
    recording_free(&rec);
}

/* A file in the working directory (the test's build folder; portable). */
static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(text, 1, strlen(text), f) == strlen(text);
    if (f)
        ok = fclose(f) == 0 && ok;
    return ok;
}

/* What player_from_options makes of a command line (parsed as main does). */
static bool from_args(struct player *p, int argc, const char **argv, enum player_source *source, const char **url,
                      char *err, size_t errlen)
{
    struct cli_options o;
    bool ok = cli_parse(argc, (char **)argv, &o, stdout, stderr) == CLI_RUN;
    CHECK_MSG(ok, "%s ... does not parse", argv[1]);
    ok = ok && player_from_options(p, &o, 0, source, url, err, errlen);
    if (*url) { /* (owned by p: still good after cli_free) */
        CHECK(p->replay.url == *url);
    }
    cli_free(&o);
    return ok;
}

static void test_from_options(void)
{
    const char *rec = "test_player_rec.jsonl", *lines = "test_player_lines.txt", *bad = "test_player_bad.jsonl";
    CHECK(write_file(rec, transcript) && write_file(lines, "first line\nsecond line\n") &&
          write_file(bad, "{\"ts\":\"2026-11-25T04:05:06Z\",\"event\":\"connected\",\"url\":\"http://x/\"}\n"
                          "{\"ts\":\"2026-11-25T04:05:07Z\",\"event\":\"sent\",\"text\":\"a\"}\n"));
    struct player p = {0};
    enum player_source source;
    const char *url = "x";
    char err[1200] = "";
    /* Neither option: nothing. */
    const char *none[] = {"ponte"};
    CHECK(from_args(&p, 1, none, &source, &url, err, sizeof err) && source == PLAYER_NONE && !url);
    /* --replay with no URL given: the recorded one, at speed 1, once. */
    const char *replay[] = {"ponte", "--replay", rec};
    CHECK(from_args(&p, 3, replay, &source, &url, err, sizeof err) && source == PLAYER_RECORDING);
    CHECK(url && !strcmp(url, "ws://127.0.0.1:9/a") && p.replay.speed == 1 && !p.replay.loop && p.replay.count == 4);
    player_free(&p);
    /* A URL given (even the default one), or the built-in echo server: those stand. */
    const char *given[] = {"ponte", "--replay", rec, "--replay-speed", "0", "--replay-loop", "ws://127.0.0.1:7/given"};
    CHECK(from_args(&p, 7, given, &source, &url, err, sizeof err) && source == PLAYER_RECORDING && !url);
    CHECK(p.replay.speed == 0 && p.replay.loop);
    player_free(&p);
    const char *default_given[] = {"ponte", "--replay", rec, CLI_DEFAULT_URL};
    CHECK(from_args(&p, 4, default_given, &source, &url, err, sizeof err) && !url);
    player_free(&p);
    const char *echo[] = {"ponte", "--local-echo", "--replay", rec};
    CHECK(from_args(&p, 4, echo, &source, &url, err, sizeof err) && source == PLAYER_RECORDING && !url);
    player_free(&p);
    /* A recorded URL that is not ws:// or wss://: said, with the file. */
    const char *bad_url[] = {"ponte", "--replay", bad};
    CHECK(!from_args(&p, 3, bad_url, &source, &url, err, sizeof err) && !player_loaded(&p));
    CHECK_MSG(strstr(err, "URL recorded in test_player_bad.jsonl") && strstr(err, "http://x/"), "%s", err);
    /* Not a recording, or not there: --replay says so. */
    const char *not_one[] = {"ponte", "--replay", lines};
    CHECK(!from_args(&p, 3, not_one, &source, &url, err, sizeof err) && strstr(err, "cannot replay"));
    const char *missing[] = {"ponte", "--replay", "test_player_missing.jsonl"};
    CHECK(!from_args(&p, 3, missing, &source, &url, err, sizeof err) && strstr(err, "test_player_missing"));
    /* --demo: a recording loops (at --replay-speed); lines are the demo loop's. */
    const char *demo[] = {"ponte", "--demo", rec, "--replay-speed", "2"};
    CHECK(from_args(&p, 5, demo, &source, &url, err, sizeof err) && source == PLAYER_RECORDING);
    CHECK(p.replay.loop && p.replay.speed == 2);
    player_free(&p);
    const char *demo_lines[] = {"ponte", "--demo", lines};
    CHECK(from_args(&p, 3, demo_lines, &source, &url, err, sizeof err) && source == PLAYER_LINES &&
          !player_loaded(&p));
    const char *demo_missing[] = {"ponte", "--demo", "test_player_missing.txt"};
    CHECK(from_args(&p, 3, demo_missing, &source, &url, err, sizeof err) && source == PLAYER_LINES);
    remove(rec);
    remove(lines);
    remove(bad);
}

static void test_words(void)
{
    char out[64];
    player_time_text(0, 1200 * MS, out, sizeof out);
    CHECK_MSG(!strcmp(out, "0:00.0 / 0:01.2"), "%s", out);
    player_time_text(900 * MS + 999, 1200 * MS, out, sizeof out);
    CHECK_MSG(!strcmp(out, "0:00.9 / 0:01.2"), "%s", out);
    player_time_text(5 * S, 1200 * MS, out, sizeof out); /* never past the total */
    CHECK_MSG(!strcmp(out, "0:01.2 / 0:01.2"), "%s", out);
    player_time_text(65 * S + 700 * MS, 150 * S, out, sizeof out);
    CHECK_MSG(!strcmp(out, "1:05 / 2:30"), "%s", out);
    player_time_text((int64_t)3723 * S, (int64_t)7200 * S, out, sizeof out);
    CHECK_MSG(!strcmp(out, "1:02:03 / 2:00:00"), "%s", out);
    player_time_text(-5, 0, out, sizeof out);
    CHECK_MSG(!strcmp(out, "0:00.0 / 0:00.0"), "%s", out);
    player_speed_text(0.5, out, sizeof out);
    CHECK_MSG(!strcmp(out, "0.5\xC3\x97"), "%s", out);
    player_speed_text(4, out, sizeof out);
    CHECK_MSG(!strcmp(out, "4\xC3\x97"), "%s", out);
    player_speed_text(0, out, sizeof out);
    CHECK_MSG(!strcmp(out, "max"), "%s", out);

    struct player p = {0};
    struct sink s = {0};
    CHECK(open_player(&p, 0, 1, true));
    player_count_text(&p, out, sizeof out);
    CHECK_MSG(!strcmp(out, "0 of 4"), "%s", out);
    CHECK(player_turn(&p, 0, true, fake_send, &s) >= 0);
    player_count_text(&p, out, sizeof out);
    CHECK_MSG(!strcmp(out, "1 of 4"), "%s", out);
    for (int64_t t = 0; s.count < 4; t += 100 * MS)
        player_turn(&p, t, true, fake_send, &s);
    player_count_text(&p, out, sizeof out); /* a loop waiting to start over: all of the pass */
    CHECK_MSG(!strcmp(out, "4 of 4"), "%s", out);
    CHECK(!strcmp(player_state_text(PLAYER_RUNNING), ""));
    CHECK(!strcmp(player_state_text(PLAYER_TYPING), "Paused while you type"));

    if (i18n_set_lang(I18N_PT_BR)) {
        player_count_text(&p, out, sizeof out);
        CHECK_MSG(!strcmp(out, "4 de 4"), "%s", out);
        player_speed_text(0, out, sizeof out);
        CHECK_MSG(!strcmp(out, "m\xC3\xA1x."), "%s", out);
        CHECK(!strcmp(player_state_text(PLAYER_FINISHED), "Reprodu\xC3\xA7\xC3\xA3o conclu\xC3\xAD" "da"));
        i18n_set_lang(I18N_EN);
    } else {
        CHECK_MSG(false, "no Portuguese catalog (build the po target first)");
    }
    player_free(&p);
}

int main(void)
{
    test_gaps_and_pauses();
    test_typing_and_hand();
    test_speed_zero();
    test_lost_with_the_connection();
    test_ticks();
    test_many_due();
    test_what_is_a_recording();
    test_from_options();
    test_words();
    return check_summary("player");
}
