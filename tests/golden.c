/* SPDX-License-Identifier: MIT */
/* golden: renders the main screen as a person sees it, one conversation in
 * each theme, language and scale, through the real view, font and renderer
 * on SDL's software renderer, and saves each frame as <dir>/<scene>.bmp.
 * tests/golden.py compares them with the committed references in tests/golden/.
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

#include "chat.h"
#include "check.h"
#include "font.h"
#include "i18n.h"
#include "render.h"
#include "view.h"

struct scene {
    const char *name;
    enum i18n_lang lang;
    bool dark;
    float scale;
    int w, h;
    bool saved; /* with the saved-messages panel open */
};

static const struct scene scenes[] = {
    {"light-en", I18N_EN, false, 1.0f, 900, 700, false},
    {"light-pt_BR", I18N_PT_BR, false, 1.0f, 900, 700, false},
    {"dark-en", I18N_EN, true, 1.0f, 900, 700, false},
    {"dark-pt_BR", I18N_PT_BR, true, 1.0f, 900, 700, false},
    {"light-en-scale2", I18N_EN, false, 2.0f, 1800, 1400, false},
    {"light-en-saved", I18N_EN, false, 1.0f, 1200, 700, true},
    {"dark-pt_BR-saved", I18N_PT_BR, true, 1.0f, 1200, 700, true},
};

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

static bool inside(ui_rect inner, ui_rect outer)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

/* True when the last frame drew text whole inside area (a text command
 * outside it would be clipped away: drawn, but not seen). */
static bool seen(const struct ui *ui, ui_rect area, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < ui->command_count; i++) {
        const struct ui_command *c = &ui->commands[i];
        if (c->kind != UI_COMMAND_TEXT || c->len < n || !inside(c->rect, area))
            continue;
        const char *t = ui_command_text(ui, c);
        for (size_t k = 0; k + n <= c->len; k++)
            if (!memcmp(t + k, text, n))
                return true;
    }
    return false;
}

static bool render_scene(const struct scene *sc, const char *assets, const char *dir)
{
    bool ok = false;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, sc->w, sc->h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    char err[256] = "";
    struct font *font = renderer ? font_open(renderer, assets, sc->scale, err, sizeof err) : NULL;
    if (!font) {
        fprintf(stderr, "%s: %s\n", sc->name, err[0] ? err : SDL_GetError());
        if (renderer)
            SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
        return false;
    }
    struct render *render = render_create(renderer, font);
    static struct ui ui; /* large: off the stack */
    static struct view view;
    static struct chat chat;
    ui_init(&ui);
    ui.text_width = font_text_width;
    ui.text_height = font_text_height;
    ui.font_user = font;
    ui.scale = sc->scale;
    view_init(&view);
    view.theme = sc->dark ? &theme_dark : &theme_light;
    chat_init(&chat, "");
    i18n_set_lang(sc->lang);
    converse(&chat);
    static struct saved saved;
    if (sc->saved) {
        fill_saved(&saved);
        view.saved = &saved;
        view.panel.open = true;
        panel_note(&view.panel, 0, false, true, tr(I18N_SAVED_NOTE_REMOVED), "Old greeting");
    }

    /* The mouse is outside the window; the first frame focuses the box,
     * then the text is typed. */
    uint64_t now = 1000;
    struct view_actions actions;
    ui_input_mouse_move(&ui, -100, -100);
    ui_begin(&ui, now);
    view_frame(&view, &ui, &chat, sc->w, sc->h, &actions);
    ui_end(&ui);
    ui_input_text(&ui, typed);
    /* Frames until nothing moves: the list has glided to the bottom and,
     * 20 s after the typing, the caret is lit for good. */
    int frames = 0;
    do {
        now += frames == 1 ? 20000 : 16;
        ui_begin(&ui, now);
        view_frame(&view, &ui, &chat, sc->w, sc->h, &actions);
        ui_end(&ui);
    } while (++frames < 500 && (ui.next_frame_ms > 0 || view.list.scroll_pending != 0.0f || frames < 3));
    CHECK_MSG(ui.next_frame_ms == 0 && view.list.scroll_pending == 0.0f, "%s: still moving after %d frames",
              sc->name, frames);
    CHECK_MSG(!strcmp(view.input.edit.text, typed), "%s: the box holds '%s'", sc->name, view.input.edit.text);

    /* The picture is only worth keeping if the whole conversation is on it. */
    char connected[128];
    snprintf(connected, sizeof connected, tr(I18N_EVENT_CONNECTED), chat.url);
    char listening[128];
    snprintf(listening, sizeof listening, tr(I18N_EVENT_LISTENING), 40475);
    const char *wanted[] = {listening,     connected,   "Ol\xC3\xA1, Ponte!",       "\"name\"", "null",
                            "Ponte keeps", "o voltar.", "Ainda est\xC3\xA1 a\xC3\xAD?", tr(I18N_NOT_SENT)};
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        CHECK_MSG(seen(&ui, view.list_rect, wanted[i]), "%s: '%s' is not in the list", sc->name, wanted[i]);
    CHECK_MSG(seen(&ui, view.input_rect, typed), "%s: the typed text is not in the box", sc->name);
    if (sc->saved) {
        const char *names[] = {"Order", "Ping frame", "Ol\xC3\xA1, Ponte!", "\"event\"", "89 00",
                               tr(I18N_SAVED_TITLE), tr(I18N_SAVED_UNDO), "Old greeting"};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            CHECK_MSG(seen(&ui, view.panel.rect, names[i]), "%s: '%s' is not in the panel", sc->name, names[i]);
        CHECK(view.list_rect.x + view.list_rect.w <= view.panel.rect.x);
    }

    CHECK(render_frame(render, &ui, view.theme->window_bg, true));
    /* Drawn with the bundled faces alone: a fallback face would be
     * whatever this machine has installed. */
    struct font_stats stats;
    font_get_stats(font, &stats);
    CHECK_MSG(stats.fallback_queries == 0, "%s: asked fontconfig %llu times", sc->name,
              (unsigned long long)stats.fallback_queries);
    for (int style = 0; style < UI_FONT_COUNT; style++)
        CHECK(font_face_count(font, (enum ui_font)style) == 1);
    /* 24-bit RGB: the frame has no meaningful alpha, and every reader
     * takes this BMP. */
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_RGB24, 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.bmp", dir, sc->name);
    ok = rgb && SDL_SaveBMP(rgb, path) == 0;
    if (!ok)
        fprintf(stderr, "%s: cannot save %s: %s\n", sc->name, path, SDL_GetError());
    SDL_FreeSurface(rgb);

    chat_free(&chat);
    view_free(&view);
    saved_free(&saved);
    ui_free(&ui);
    render_destroy(render);
    font_close(font);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    i18n_set_lang(I18N_EN);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: golden DIR   (writes DIR/<scene>.bmp)\n");
        return 2;
    }
    const char *assets = getenv("PONTE_DATADIR");
    if (!assets || !*assets)
        assets = "assets";
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    for (size_t i = 0; i < sizeof scenes / sizeof scenes[0]; i++)
        CHECK_MSG(render_scene(&scenes[i], assets, argv[1]), "%s: not rendered", scenes[i].name);
    SDL_Quit();
    return check_summary("golden render");
}
