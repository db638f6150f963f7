/* SPDX-License-Identifier: MIT */
/* golden: renders the main screen as a person sees it, one conversation in
 * each theme, language and scale, through the real view, font and renderer
 * on SDL's software renderer, and saves each frame as <dir>/<scene>.bmp.
 * tests/screen/golden.py compares them with the committed references in tests/screen/golden/.
 *
 * Everything that could differ between two runs is pinned: the message
 * times are fixed (and the view shows them in local time, so golden.py and
 * the test's environment set TZ=UTC), the mouse is outside the window, and the
 * frame is taken more than 10 s after the last key, when the caret has
 * stopped blinking and stays lit. Only text the bundled DejaVu faces cover
 * appears, so no fallback font from the machine is ever asked for. */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "binenc.h"
#include "chat.h"
#include "chart_series.h"
#include "check.h"
#include "font.h"
#include "i18n.h"
#include "player.h"
#include "opened.h"
#include "recording.h"
#include "render.h"
#include "row.h"
#include "screen_harness.h"
#include "view.h"

struct scene {
    const char *name;
    enum i18n_lang lang;
    bool dark;
    float scale;
    int w, h;
    bool saved; /* with the saved-messages panel open */
    bool binary; /* MessagePack and CBOR messages, and the composer in MessagePack mode with an error */
    bool frames; /* the frames a person sent, with the frame menu open */
};

/* The scenes whose name ends in "-export": two messages selected as a
 * range, the export bar open with what it saved. */
static bool export_scene(const struct scene *sc)
{
    size_t n = strlen(sc->name);
    return n > 7 && !strcmp(sc->name + n - 7, "-export");
}

static const struct scene scenes[] = {
    {"light-en", I18N_EN, false, 1.0f, 900, 700, false, false, false},
    {"light-pt_BR", I18N_PT_BR, false, 1.0f, 900, 700, false, false, false},
    {"dark-en", I18N_EN, true, 1.0f, 900, 700, false, false, false},
    {"dark-pt_BR", I18N_PT_BR, true, 1.0f, 900, 700, false, false, false},
    {"light-en-scale2", I18N_EN, false, 2.0f, 1800, 1400, false, false, false},
    {"light-en-saved", I18N_EN, false, 1.0f, 1200, 700, true, false, false},
    {"dark-pt_BR-saved", I18N_PT_BR, true, 1.0f, 1200, 700, true, false, false},
    {"light-en-msgpack", I18N_EN, false, 1.0f, 900, 700, false, true, false},
    {"dark-pt_BR-msgpack", I18N_PT_BR, true, 1.0f, 900, 700, false, true, false},
    {"light-en-frames", I18N_EN, false, 1.0f, 900, 700, false, false, true},
    {"dark-pt_BR-frames", I18N_PT_BR, true, 1.0f, 900, 700, false, false, true},
    {"light-en-chart", I18N_EN, false, 1.0f, 900, 700, false, false, false},
    {"dark-pt_BR-chart", I18N_PT_BR, true, 1.0f, 900, 700, false, false, false},
    {"light-pt_BR-chart-scale2", I18N_PT_BR, false, 2.0f, 1280, 960, false, false, false},
    {"light-en-chart-strip", I18N_EN, false, 1.0f, 640, 480, false, false, false},
    {"dark-pt_BR-chart-strip", I18N_PT_BR, true, 2.0f, 1280, 960, false, false, false},
    {"light-en-export", I18N_EN, false, 1.0f, 900, 700, false, false, false},
    {"dark-pt_BR-export", I18N_PT_BR, true, 1.0f, 900, 700, false, false, false},
};

/* A recording opened: shown in place of the conversation (its header, a
 * damaged line, the read-only row), or loading over it (the progress). */
enum { OPENED_NONE, OPENED_SHOWN, OPENED_LOADING };
static const struct opened_scene {
    struct scene scene;
    int opened;
} opened_scenes[] = {
    {{"light-en-opened", I18N_EN, false, 1.0f, 900, 700, false, false, false}, OPENED_SHOWN},
    {{"dark-pt_BR-opened", I18N_PT_BR, true, 1.0f, 900, 700, false, false, false}, OPENED_SHOWN},
    {{"light-en-opened-scale2", I18N_EN, false, 2.0f, 1800, 1400, false, false, false}, OPENED_SHOWN},
    {{"light-pt_BR-opened-loading", I18N_PT_BR, false, 1.0f, 900, 700, false, false, false}, OPENED_LOADING},
    {{"dark-en-opened-loading", I18N_EN, true, 1.0f, 900, 700, false, false, false}, OPENED_LOADING},
};

/* The live charts' scenes (chart_series.h): 1 the panel with the read-out
 * of a bar, at a span; 2 the --chart strip. */
static const struct chart_scene {
    const char *name;
    int chart;
    enum chart_span span;
} chart_scenes[] = {
    {"light-en-chart", 1, CHART_SPAN_1_MIN},
    {"dark-pt_BR-chart", 1, CHART_SPAN_15_MIN},
    {"light-pt_BR-chart-scale2", 1, CHART_SPAN_5_MIN},
    {"light-en-chart-strip", 2, CHART_SPAN_1_MIN},
    {"dark-pt_BR-chart-strip", 2, CHART_SPAN_1_MIN},
};

static struct chart_scene chart_scene(const struct scene *sc)
{
    for (size_t i = 0; i < sizeof chart_scenes / sizeof chart_scenes[0]; i++)
        if (!strcmp(chart_scenes[i].name, sc->name))
            return chart_scenes[i];
    return (struct chart_scene){sc->name, 0, CHART_SPAN_1_MIN};
}

/* The panel's list: a JSON order, bytes typed as hex, a greeting. */
static void fill_saved(struct saved *s)
{
    static const char order[] = "{\"event\": \"order\", \"id\": 4211, \"items\": [\"coffee\", \"bread\"]}";
    saved_put(s, "Order", order, strlen(order), SAVED_TEXT);
    saved_put(s, "Ping frame", "89 00", 5, SAVED_HEX);
    static const char greeting[] = "Ol\xC3\xA1, Ponte!\nsecond line";
    saved_put(s, "", greeting, strlen(greeting), SAVED_TEXT);
}

/* 2025-11-25 14:32:05 UTC: the session starts; the messages follow. */
#define T0 1764081125000000LL
#define SECOND 1000000LL

/* Every kind of token and one nested object, in seven lines: with the
 * rest of the conversation that is what 900x700 holds without scrolling
 * the first line away. */
static const char json_doc[] = "{\"user\":{\"name\":\"Ana\"},\"score\":9.5,\"note\":null}";
static const char prose[] =
    "Ponte keeps every message you type: if the connection drops, the bubble says so and one "
    "click puts the text back in the box. Nada se perde \xE2\x80\x94 a mensagem fica guardada at\xC3\xA9 "
    "a conex\xC3\xA3o voltar.";
static const char typed[] = "At\xC3\xA9 logo! Vou testar o tema escuro.";

static char *copy(const char *s)
{
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    memcpy(c, s, n + 1);
    return c;
}

static void event(struct chat *chat, enum net_event_kind kind, int64_t time_us)
{
    struct net_event ev = {.kind = kind, .time_us = time_us, .code = 40475};
    chat_apply(chat, &ev);
}

static void receive(struct chat *chat, const char *s, int64_t time_us)
{
    struct net_event ev = {.kind = NET_EVENT_RECEIVED, .data = copy(s), .len = strlen(s), .time_us = time_us};
    chat_apply(chat, &ev);
}

static void sent(struct chat *chat, const char *s, int64_t time_us, enum net_event_kind outcome)
{
    uint64_t id = chat_add_sent(chat, s, strlen(s), time_us);
    struct net_event ev = {.kind = outcome, .id = id};
    if (outcome == NET_EVENT_NOT_SENT)
        ev.error = NET_ERROR_CONNECTION_LOST;
    chat_apply(chat, &ev);
}

/* A session on the built-in echo server: a short exchange, a JSON
 * document, a long message, and one that could not be sent (its bubble
 * offers to put the text back in the box). */
static void converse(struct chat *chat)
{
    event(chat, NET_EVENT_LISTENING, T0);
    event(chat, NET_EVENT_CONNECTING, T0);
    event(chat, NET_EVENT_CONNECTED, T0);
    sent(chat, "Ol\xC3\xA1, Ponte!", T0 + 3 * SECOND, NET_EVENT_SENT);
    receive(chat, "Ol\xC3\xA1, Ponte!", T0 + 3 * SECOND);
    receive(chat, json_doc, T0 + 9 * SECOND);
    receive(chat, prose, T0 + 21 * SECOND);
    sent(chat, "Ainda est\xC3\xA1 a\xC3\xAD?", T0 + 48 * SECOND, NET_EVENT_NOT_SENT);
}

/* The binary scenes: JSON typed in MessagePack mode went out (shown as
 * its hex dump, switched there), its echo came back (shown as JSON), then
 * a CBOR message with a tag and a byte string; in the box, JSON with a
 * trailing comma. */
static const char msgpack_json[] = "{\"id\": 4211, \"items\": [\"coffee\", \"bread\"], \"total\": 12.5}";
static const char cbor_json_like[] = "a3 62 61 74 c1 1a 69 25 bb e5 63 72 61 77 43 01 02 ff 62 6f 6b f5";
static const char typed_bad_json[] = "{\"id\": 4212, \"items\": [\"tea\",]}";

static void receive_binary(struct chat *chat, const char *data, size_t len, int64_t time_us)
{
    char *copy_of = malloc(len + 1);
    memcpy(copy_of, data, len);
    copy_of[len] = '\0';
    struct net_event ev = {.kind = NET_EVENT_RECEIVED, .data = copy_of, .len = len, .binary = true,
                           .time_us = time_us};
    chat_apply(chat, &ev);
}

/* Returns the sent message's id (its bubble is switched to the hex dump). */
static uint64_t converse_binary(struct chat *chat)
{
    event(chat, NET_EVENT_LISTENING, T0);
    event(chat, NET_EVENT_CONNECTING, T0);
    event(chat, NET_EVENT_CONNECTED, T0);
    char *packed = NULL;
    size_t len = 0;
    struct binenc_error err;
    CHECK(binenc_from_json(BINVIEW_MSGPACK, msgpack_json, strlen(msgpack_json), &packed, &len, &err));
    uint64_t id = chat_add_sent_data(chat, packed, len, true, T0 + 3 * SECOND);
    struct net_event ev = {.kind = NET_EVENT_SENT, .id = id};
    chat_apply(chat, &ev);
    receive_binary(chat, packed, len, T0 + 3 * SECOND);
    free(packed);
    unsigned char cbor[64];
    size_t n = 0;
    for (const char *h = cbor_json_like; *h; h += h[2] ? 3 : 2)
        cbor[n++] = (unsigned char)strtoul((char[3]){h[0], h[1], 0}, NULL, 16);
    receive_binary(chat, (const char *)cbor, n, T0 + 9 * SECOND);
    return id;
}

static void frame_event(struct chat *chat, enum net_event_kind kind, const char *payload, int code, int64_t time_us)
{
    struct net_event ev = {.kind = kind, .data = copy(payload), .len = strlen(payload), .code = code,
                           .time_us = time_us};
    chat_apply(chat, &ev);
}

/* A session testing a server from the frame menu: a ping and its pong, a
 * pong nobody asked for, a message in 4 fragments and its echo, a text
 * frame that is not UTF-8, a close with the person's code and reason, and
 * the connection again. */
static void converse_frames(struct chat *chat)
{
    event(chat, NET_EVENT_LISTENING, T0);
    event(chat, NET_EVENT_CONNECTING, T0);
    event(chat, NET_EVENT_CONNECTED, T0);
    frame_event(chat, NET_EVENT_PING_SENT, "are you there?", 0, T0 + 2 * SECOND);
    frame_event(chat, NET_EVENT_PING_ANSWERED, "are you there?", 412, T0 + 2 * SECOND);
    frame_event(chat, NET_EVENT_PONG_SENT, "unasked", 0, T0 + 5 * SECOND);
    uint64_t id = chat_add_sent(chat, "hello fragmented world", 22, T0 + 8 * SECOND);
    struct net_event ev = {.kind = NET_EVENT_SENT, .id = id, .code = 4};
    chat_apply(chat, &ev);
    receive(chat, "hello fragmented world", T0 + 8 * SECOND);
    id = chat_add_sent_data(chat, "caf\xC3(", 5, false, T0 + 12 * SECOND);
    ev = (struct net_event){.kind = NET_EVENT_SENT, .id = id};
    chat_apply(chat, &ev);
    ev = (struct net_event){.kind = NET_EVENT_CLOSED, .code = 1007, .closer = NET_CLOSER_SERVER,
                            .time_us = T0 + 12 * SECOND};
    chat_apply(chat, &ev);
    event(chat, NET_EVENT_CONNECTING, T0 + 13 * SECOND);
    event(chat, NET_EVENT_CONNECTED, T0 + 13 * SECOND);
}

/* The replay bar over a recording of five messages (0:04.0 in all), as
 * it runs, waits for typing, is paused, has finished; the last in a narrow
 * window, where one button steps through the speeds. */
enum replay_look { REPLAY_LOOK_RUNNING, REPLAY_LOOK_TYPING, REPLAY_LOOK_HELD, REPLAY_LOOK_FINISHED };
struct replay_scene {
    struct scene scene;
    enum replay_look look;
};

static const struct replay_scene replay_scenes[] = {
    {{"light-en-replay", I18N_EN, false, 1.0f, 900, 700, false, false, false}, REPLAY_LOOK_RUNNING},
    {{"dark-pt_BR-replay-typing", I18N_PT_BR, true, 1.0f, 900, 700, false, false, false}, REPLAY_LOOK_TYPING},
    {{"light-pt_BR-replay-finished", I18N_PT_BR, false, 1.0f, 900, 700, false, false, false}, REPLAY_LOOK_FINISHED},
    {{"dark-en-replay-narrow", I18N_EN, true, 1.0f, 560, 640, false, false, false}, REPLAY_LOOK_HELD},
};

static const char replay_recording[] =
    "{\"ts\":\"2025-11-25T14:32:05.000000Z\",\"event\":\"connected\",\"url\":\"ws://127.0.0.1:40475/\"}\n"
    "{\"ts\":\"2025-11-25T14:32:06.000000Z\",\"event\":\"sent\",\"text\":\"{\\\"op\\\":\\\"subscribe\\\",\\\"topic\\\":\\\"prices\\\"}\"}\n"
    "{\"ts\":\"2025-11-25T14:32:06.800000Z\",\"event\":\"sent\",\"text\":\"Ol\xC3\xA1 de novo!\"}\n"
    "{\"ts\":\"2025-11-25T14:32:07.900000Z\",\"event\":\"sent\",\"text\":\"third\"}\n"
    "{\"ts\":\"2025-11-25T14:32:08.500000Z\",\"event\":\"sent\",\"text\":\"fourth\"}\n"
    "{\"ts\":\"2025-11-25T14:32:10.000000Z\",\"event\":\"sent\",\"text\":\"bye\"}\n";

/* The replayed messages go into the conversation, each echoed. */
static bool replay_into_chat(void *user, const struct replay_item *it, uint64_t *id)
{
    struct chat *chat = user;
    int64_t at = T0 + it->at_us;
    *id = chat_add_sent_data(chat, it->data, it->len, it->binary, at);
    struct net_event ev = {.kind = NET_EVENT_SENT, .id = *id};
    chat_apply(chat, &ev);
    ev = (struct net_event){.kind = NET_EVENT_RECEIVED, .data = malloc(it->len + 1), .len = it->len, .time_us = at};
    memcpy(ev.data, it->data, it->len + 1);
    chat_apply(chat, &ev);
    return true;
}

/* The player as the look has it, its messages in the conversation. */
static bool replay_setup(struct player *p, struct chat *chat, enum replay_look look)
{
    struct recording rec = {0};
    char err[256] = "";
    bool ok = recording_read(&rec, replay_recording, strlen(replay_recording), err, sizeof err) &&
              player_open(p, &rec, 0, 1, false, err, sizeof err);
    recording_free(&rec);
    CHECK_MSG(ok, "the replay's recording: %s", err);
    if (!ok)
        return false;
    event(chat, NET_EVENT_CONNECTING, T0);
    event(chat, NET_EVENT_CONNECTED, T0);
    int64_t end = look == REPLAY_LOOK_FINISHED ? 10 * SECOND : 800 * 1000;
    for (int64_t t = 0; t <= end; t += 100 * 1000)
        player_turn(p, t, true, replay_into_chat, chat);
    if (look == REPLAY_LOOK_HELD)
        player_toggle(p, 950 * 1000);
    if (look == REPLAY_LOOK_TYPING)
        player_typed(p, 950 * 1000, INT64_MAX / 2);
    return true;
}

/* Running: 150 ms into the gap after the second message, whatever the
 * frame's time (the paused ones keep that by themselves). */
static void replay_pin(struct player *p, uint64_t now_ms)
{
    if (player_state(p, (int64_t)now_ms * 1000) == PLAYER_RUNNING)
        p->replay.last_at = (int64_t)now_ms * 1000 - 150 * 1000;
}

/* True when the last frame drew text whole inside area (a text command
 * outside it would be clipped away: drawn, but not seen). */
static bool seen(const struct ui *ui, ui_rect area, const char *text)
{
    return screen_text_in(ui, area, text);
}

/* A recorded session, as a transcript holds it, with one damaged line. */
static const char recorded[] =
    "{\"ts\":\"2025-11-25T14:32:05.000000Z\",\"event\":\"connected\",\"url\":\"wss://stream.example/ticks\"}\n"
    "{\"ts\":\"2025-11-25T14:32:06.000000Z\",\"event\":\"sent\",\"text\":\"{\\\"subscribe\\\":\\\"EURBRL\\\"}\"}\n"
    "{\"ts\":\"2025-11-25T14:32:06.250000Z\",\"event\":\"received\",\"text\":\"{\\\"pair\\\":\\\"EURBRL\\\",\\\"bid\\\":6.1523}\"}\n"
    "{\"ts\":\"2025-11-25T14:32:07.000000Z\",\"event\":\"received\",\"base64\":\"gqRwYWlypkVVUkJSTKNiaWTLQBiexM3ZbHs=\"}\n"
    "{\"ts\":\"2025-11-25T14:32:08.0000\n"
    "{\"ts\":\"2025-11-25T14:32:09.000000Z\",\"event\":\"ping_sent\",\"text\":\"are you there?\"}\n"
    "{\"ts\":\"2025-11-25T14:32:09.000412Z\",\"event\":\"pong_received\",\"rtt_us\":412,\"text\":\"are you there?\"}\n"
    "{\"ts\":\"2025-11-25T14:47:10.000000Z\",\"event\":\"closed\",\"code\":1001,\"reason\":\"maintenance\",\"by\":\"server\"}\n";

/* The recording shown (or loading, over the live conversation). */
static struct opened opened_model;

static void open_scene(struct screen *s, int opened)
{
    if (opened == OPENED_LOADING) {
        converse(&s->stage.chat);
        s->stage.view.recording.loading = true;
        s->stage.view.recording.progress = 420;
        snprintf(s->stage.view.recording.path, sizeof s->stage.view.recording.path, "/var/log/ticks.jsonl");
        return;
    }
    struct recording rec = {0};
    char err[256];
    opened_init(&opened_model);
    CHECK_MSG(recording_read(&rec, recorded, strlen(recorded), err, sizeof err), "%s", err);
    CHECK(opened_from_recording(&opened_model, &rec));
    recording_free(&rec);
    converse(&s->stage.chat); /* (the live one, kept aside) */
    view_show_recording(&s->stage.view, &opened_model, "/var/log/ticks.jsonl");
}

/* The header, the damaged line and the read-only row are there. */
static void check_opened(const struct screen *s, const struct scene *sc, int opened)
{
    const struct view *v = &s->stage.view;
    char damaged[256], header[600];
    if (opened == OPENED_LOADING) {
        snprintf(header, sizeof header, tr(I18N_OPEN_LOADING), "ticks.jsonl", 42);
        CHECK_MSG(seen(&s->stage.ui, v->recording.rect, header), "%s: '%s' is not in the header", sc->name, header);
        return;
    }
    snprintf(damaged, sizeof damaged, tr(I18N_EVENT_DAMAGED), 5u, "");
    recview_summary(&v->recording, header, sizeof header);
    CHECK_MSG(strstr(header, "2025-11-25 14:32:05 \xE2\x80\x93 14:47:10") != NULL, "%s: %s", sc->name, header);
    const char *wanted[] = {damaged, "EURBRL", "maintenance", "412 \xC2\xB5s"};
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        CHECK_MSG(seen(&s->stage.ui, v->list_rect, wanted[i]), "%s: '%s' is not in the list", sc->name, wanted[i]);
    CHECK_MSG(seen(&s->stage.ui, v->recording.rect, "ticks.jsonl"), "%s: no header", sc->name);
    CHECK_MSG(seen(&s->stage.ui, (ui_rect){0, v->input_rect.y - 40, sc->w, sc->h}, tr(I18N_OPEN_READ_ONLY)),
              "%s: no read-only row", sc->name);
}

static bool render_scene(const struct scene *sc, int opened, const enum replay_look *replay, const char *dir)
{
    bool ok = false;
    static struct screen s; /* large: off the stack */
    if (!screen_start(&s, &(struct screen_config){.w = sc->w, .h = sc->h, .scale = sc->scale,
                                                  .url = replay ? "ws://127.0.0.1:40475/" : ""})) {
        fprintf(stderr, "%s: %s\n", sc->name, s.error);
        screen_close(&s);
        return false;
    }
    s.stage.view.theme = sc->dark ? &theme_dark : &theme_light;
    i18n_set_lang(sc->lang);
    if (sc->binary) {
        uint64_t id = converse_binary(&s.stage.chat);
        struct list *ls = &s.stage.view.list;
        ls->marks = malloc(sizeof *ls->marks);
        ls->marks[0] = (struct list_mark){id, LIST_MARK_RAW};
        ls->mark_count = ls->mark_cap = 1;
        s.stage.view.compose = VIEW_COMPOSE_MSGPACK;
    } else if (sc->frames) {
        converse_frames(&s.stage.chat);
        s.stage.view.frames.open = true;
        textedit_set(&s.stage.view.frames.code.edit, "4001", 4);
    } else if (opened) {
        open_scene(&s, opened);
    } else if (!replay) {
        converse(&s.stage.chat);
    }
    if (export_scene(sc)) {
        /* "Olá, Ponte!" and its echo selected (ids 3 and 4, after the
         * listening and connected lines); the bar as it is after saving
         * them, the focus left in the message box. */
        struct view *v = &s.stage.view;
        v->list.range.range = (struct msgrange){3, 4};
        v->exportbar.open = true;
        v->exportbar.what = EXPORTBAR_SELECTION;
        v->exportbar.format = EXPORT_MARKDOWN;
        static const char path[] = "~/ponte-2025-11-25-1432.md";
        textedit_set(&v->exportbar.path.edit, path, strlen(path));
        exportbar_done(&v->exportbar, true, 2, "/home/ana/ponte-2025-11-25-1432.md", NULL);
    }
    static struct player player;
    if (replay) {
        if (!replay_setup(&player, &s.stage.chat, *replay))
            goto end;
        s.stage.view.replaybar.player = &player;
    }
    static struct saved saved;
    if (sc->saved) {
        fill_saved(&saved);
        s.stage.view.saved = &saved;
        s.stage.view.panel.open = true;
        panel_note(&s.stage.view.panel, 0, false, true, tr(I18N_SAVED_NOTE_REMOVED), "Old greeting");
    }

    static struct stats series;
    const struct chart_scene charted = chart_scene(sc);
    if (charted.chart) {
        chart_series_fill(&series);
        s.stage.view.stats = &series;
        s.stage.view.chart.clock_us = CHART_SERIES_NOW_US;
        s.stage.view.chart.open = charted.chart == 1;
        s.stage.view.chart.span = charted.span;
        s.stage.view.chart_strip = charted.chart == 2;
    }

    /* The mouse is outside the window; the first frame focuses the box,
     * then the text is typed. */
    uint64_t now = 1000;
    struct view_actions actions;
    ui_input_mouse_move(&s.stage.ui, -100, -100);
    ui_begin(&s.stage.ui, now);
    view_frame(&s.stage.view, &s.stage.ui, &s.stage.chat, sc->w, sc->h, &actions);
    ui_end(&s.stage.ui);
    const char *in_box = sc->binary ? typed_bad_json : typed;
    ui_input_text(&s.stage.ui, in_box);
    const struct chart *chart = &s.stage.view.chart;
    if (charted.chart == 1) { /* the pointer on the 46th bar: its read-out */
        ui_rect p = chart->plots[CHART_BYTES];
        ui_input_mouse_move(&s.stage.ui, p.x + (int)((int64_t)p.w * 45 / CHART_POINTS) + 1, p.y + p.h / 2);
    }
    /* Frames until nothing moves: the list has glided to the bottom and,
     * 20 s after the typing, the caret is lit for good. */
    int frames = 0;
    do {
        now += frames == 1 ? 20000 : 16;
        ui_begin(&s.stage.ui, now);
        view_frame(&s.stage.view, &s.stage.ui, &s.stage.chat, sc->w, sc->h, &actions);
        ui_end(&s.stage.ui);
    } while (++frames < 500 &&
             (s.stage.ui.next_frame_ms > 0 || s.stage.view.list.scroll_pending != 0.0f || frames < 3));
    CHECK_MSG(s.stage.ui.next_frame_ms == 0 && s.stage.view.list.scroll_pending == 0.0f,
              "%s: still moving after %d frames", sc->name, frames);
    CHECK_MSG(opened == OPENED_SHOWN || !strcmp(s.stage.view.input.edit.text, in_box), "%s: the box holds '%s'",
              sc->name, s.stage.view.input.edit.text);
    if (opened) {
        check_opened(&s, sc, opened);
        goto draw;
    }
    if (replay) {
        replay_pin(&player, now);
        ui_begin(&s.stage.ui, now);
        view_frame(&s.stage.view, &s.stage.ui, &s.stage.chat, sc->w, sc->h, &actions);
        ui_end(&s.stage.ui);
        /* The bar's words, whole, in the bar; the list under it. */
        const struct replaybar *bar = &s.stage.view.replaybar;
        bool finished = *replay == REPLAY_LOOK_FINISHED, narrow = sc->w < 600;
        char title[96], at[64], speed[16];
        snprintf(title, sizeof title, "%s \xC2\xB7 %s", tr(I18N_REPLAY_TITLE), finished ? "5" : "2");
        player_time_text(finished ? 4000000 : 950000, 4000000, at, sizeof at);
        player_speed_text(0, speed, sizeof speed);
        const char *toggle = tr(finished ? I18N_REPLAY_AGAIN : *replay == REPLAY_LOOK_RUNNING ? I18N_REPLAY_PAUSE
                                                                                                : I18N_REPLAY_RESUME);
        const char *state = player_state_text(player_state(&player, (int64_t)now * 1000));
        const char *bar_wanted[] = {title, toggle, narrow ? "1\xC3\x97" : speed, narrow ? title : at,
                                    narrow || !*state ? title : state};
        for (size_t i = 0; i < sizeof bar_wanted / sizeof bar_wanted[0]; i++)
            CHECK_MSG(seen(&s.stage.ui, bar->rect, bar_wanted[i]), "%s: '%s' is not in the replay bar", sc->name,
                      bar_wanted[i]);
        CHECK(bar->rect.h > 0 && s.stage.view.list_rect.y >= bar->rect.y + bar->rect.h);
        CHECK(narrow ? bar->speed_rect[0].h == 0 : bar->speed_rect[4].x + bar->speed_rect[4].w <= bar->rect.w);
        goto draw;
    }
    if (sc->binary) {
        /* MessagePack as JSON (its name over it, Hex to switch), the sent
         * one as its dump (MessagePack to switch back), CBOR's tag and
         * bytes; the box's error underlined (the ']' after the comma) and
         * said. */
        char heading[64];
        snprintf(heading, sizeof heading, tr(I18N_BINARY_FORMAT), "MessagePack", (size_t)38);
        const char *wanted[] = {heading, "\"coffee\"", "12.5", tr(I18N_COMPOSE_HEX), "MessagePack", "83 a2 69 64",
                                "CBOR", "tag(", "h'0102ff'", "1764080613"};
        for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
            CHECK_MSG(seen(&s.stage.ui, s.stage.view.list_rect, wanted[i]), "%s: '%s' is not in the list",
                      sc->name, wanted[i]);
        char where[64]; /* in the scene's language */
        snprintf(where, sizeof where, tr_msgid("line %zu, column %zu: "), (size_t)1, (size_t)30);
        CHECK_MSG(strstr(s.stage.view.compose_reason, where) == s.stage.view.compose_reason &&
                      strstr(s.stage.view.compose_reason, tr_msgid("a value expected")) != NULL,
                  "%s: the box's error is '%s'", sc->name, s.stage.view.compose_reason);
        CHECK(s.stage.view.input.mark_start == 29 && s.stage.view.input.mark_end == 30);
        goto draw;
    }
    if (charted.chart == 1) {
        CHECK_MSG(chart->readout == 45 && chart->tip_rect.w > 0 && seen(&s.stage.ui, chart->tip_rect, "msg/s") &&
                      seen(&s.stage.ui, chart->rect, tr(I18N_CHART_NOW)),
                  "%s: no read-out", sc->name);
        goto draw;
    }
    if (charted.chart == 2) {
        CHECK_MSG(chart->strip_rect.h > 0 && seen(&s.stage.ui, chart->strip_rect, "msg/s"), "%s: no strip", sc->name);
        goto draw;
    }
    if (export_scene(sc)) {
        /* The bar's choices and note, and the selected bubbles on their band. */
        const struct exportbar *b = &s.stage.view.exportbar;
        char saved_note[160];
        snprintf(saved_note, sizeof saved_note, tr(I18N_EXPORT_SAVED), "2", "/home/ana/ponte-2025-11-25-1432.md");
        const char *in_bar[] = {tr(I18N_EXPORT_WHAT_ALL), tr(I18N_EXPORT_WHAT_SELECTION), "JSON Lines", "HAR",
                                "Markdown", "ponte-2025-11-25-1432.md", saved_note};
        for (size_t i = 0; i < sizeof in_bar / sizeof in_bar[0]; i++)
            CHECK_MSG(seen(&s.stage.ui, b->rect, in_bar[i]), "%s: '%s' is not in the export bar", sc->name,
                      in_bar[i]);
        CHECK(b->rect.y == s.stage.view.status_rect.y + s.stage.view.status_rect.h &&
              s.stage.view.list_rect.y >= b->rect.y + b->rect.h);
        CHECK_MSG(seen(&s.stage.ui, s.stage.view.list_rect, "Ol\xC3\xA1, Ponte!"), "%s: the selection is not shown",
                  sc->name);
        goto draw;
    }

    /* The picture is only worth keeping if the whole conversation is on it. */
    char connected[128];
    snprintf(connected, sizeof connected, tr(I18N_EVENT_CONNECTED), s.stage.chat.url);
    char listening[128];
    snprintf(listening, sizeof listening, tr(I18N_EVENT_LISTENING), 40475);
    const char *wanted[] = {listening,     connected,   "Ol\xC3\xA1, Ponte!",       "\"name\"", "null",
                            "Ponte keeps", "o voltar.", "Ainda est\xC3\xA1 a\xC3\xAD?", tr(I18N_NOT_SENT)};
    char fragments[64];
    snprintf(fragments, sizeof fragments, tr(I18N_SENT_FRAGMENTS), 4u);
    const char *frames_wanted[] = {"are you there?", "412 \xC2\xB5s", "unasked", fragments, tr(I18N_SENT_INVALID_UTF8),
                                   "1007", tr(I18N_FRAMES_TITLE), tr(I18N_FRAMES_CLOSE_WITH)};
    for (size_t i = 0; !sc->frames && i < sizeof wanted / sizeof wanted[0]; i++)
        CHECK_MSG(seen(&s.stage.ui, s.stage.view.list_rect, wanted[i]), "%s: '%s' is not in the list", sc->name,
                  wanted[i]);
    for (size_t i = 0; sc->frames && i < sizeof frames_wanted / sizeof frames_wanted[0]; i++)
        CHECK_MSG(seen(&s.stage.ui, i < 6 ? s.stage.view.list_rect : s.stage.view.frames.rect, frames_wanted[i]),
                  "%s: '%s' is not shown", sc->name, frames_wanted[i]);
    CHECK_MSG(seen(&s.stage.ui, s.stage.view.input_rect, typed), "%s: the typed text is not in the box", sc->name);
    if (sc->saved) {
        const char *names[] = {"Order", "Ping frame", "Ol\xC3\xA1, Ponte!", "\"event\"", "89 00",
                               tr(I18N_SAVED_TITLE), tr(I18N_SAVED_UNDO), "Old greeting"};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            CHECK_MSG(seen(&s.stage.ui, s.stage.view.panel.rect, names[i]), "%s: '%s' is not in the panel",
                      sc->name, names[i]);
        CHECK(s.stage.view.list_rect.x + s.stage.view.list_rect.w <= s.stage.view.panel.rect.x);
    }

draw:
    CHECK(render_frame(s.stage.render, &s.stage.ui, s.stage.view.theme->window_bg, true));
    /* Drawn with the bundled faces alone: a fallback face would be
     * whatever this machine has installed. */
    struct font_stats stats;
    font_get_stats(s.stage.font, &stats);
    CHECK_MSG(stats.fallback_queries == 0, "%s: asked fontconfig %llu times", sc->name,
              (unsigned long long)stats.fallback_queries);
    for (int style = 0; style < UI_FONT_COUNT; style++)
        CHECK(font_face_count(s.stage.font, (enum ui_font)style) == 1);
    /* 24-bit RGB: the frame has no meaningful alpha, and every reader
     * takes this BMP. */
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s.surface, SDL_PIXELFORMAT_RGB24, 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.bmp", dir, sc->name);
    ok = rgb && SDL_SaveBMP(rgb, path) == 0;
    if (!ok)
        fprintf(stderr, "%s: cannot save %s: %s\n", sc->name, path, SDL_GetError());
    SDL_FreeSurface(rgb);

end:
    saved_free(&saved);
    player_free(&player);
    view_hide_recording(&s.stage.view);
    opened_free(&opened_model);
    screen_close(&s);
    i18n_set_lang(I18N_EN);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: golden DIR   (writes DIR/<scene>.bmp)\n");
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    for (size_t i = 0; i < sizeof scenes / sizeof scenes[0]; i++)
        CHECK_MSG(render_scene(&scenes[i], OPENED_NONE, NULL, argv[1]), "%s: not rendered", scenes[i].name);
    for (size_t i = 0; i < sizeof opened_scenes / sizeof opened_scenes[0]; i++)
        CHECK_MSG(render_scene(&opened_scenes[i].scene, opened_scenes[i].opened, NULL, argv[1]), "%s: not rendered",
                  opened_scenes[i].scene.name);
    for (size_t i = 0; i < sizeof replay_scenes / sizeof replay_scenes[0]; i++)
        CHECK_MSG(render_scene(&replay_scenes[i].scene, OPENED_NONE, &replay_scenes[i].look, argv[1]),
                  "%s: not rendered", replay_scenes[i].scene.name);
    SDL_Quit();
    return check_summary("golden render");
}
