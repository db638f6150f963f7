/* SPDX-License-Identifier: MIT */
/* test_replaybar: the replay bar (replaybar.c) in real frames. No bar
 * without a player; with one, under the status bar (and under the find bar
 * when that is open), the list below it. Its buttons ask for Pause /
 * Resume, each speed, and Again once finished; a narrow row has one button
 * that steps through the speeds. At every zoom and width, in both
 * languages, everything it draws is inside it and nothing overlaps: the
 * buttons, and the words (drawn whole or cut with "…" before the next). */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "check.h"
#include "i18n.h"
#include "player.h"
#include "recording.h"
#include "screen_harness.h"
#include "view.h"

static const char recording[] =
    "{\"ts\":\"2025-11-25T14:32:06.000000Z\",\"event\":\"sent\",\"text\":\"one\"}\n"
    "{\"ts\":\"2025-11-25T14:32:06.300000Z\",\"event\":\"sent\",\"text\":\"two\"}\n"
    "{\"ts\":\"2025-11-25T14:32:06.600000Z\",\"event\":\"sent\",\"text\":\"three\"}\n";

static bool nothing(void *user, const struct replay_item *it, uint64_t *id)
{
    (void)it;
    *id = ++*(uint64_t *)user;
    return true;
}

static bool open_player(struct player *p, int64_t now)
{
    struct recording rec = {0};
    char err[256] = "";
    bool ok = recording_read(&rec, recording, strlen(recording), err, sizeof err) &&
              player_open(p, &rec, now, 1, false, err, sizeof err);
    recording_free(&rec);
    CHECK_MSG(ok, "%s", err);
    return ok;
}

static bool inside(ui_rect inner, ui_rect outer)
{
    return inner.w > 0 && inner.h > 0 && inner.x >= outer.x && inner.y >= outer.y &&
           inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

static bool overlap(ui_rect a, ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void click(struct screen *s, ui_rect r)
{
    screen_click_at(s, r.x + r.w / 2, r.y + r.h / 2);
}

static void test_place_and_buttons(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 900, 700));
    screen_connect_chat(&s.stage.chat);
    screen_frame(&s);
    CHECK(s.stage.view.replaybar.rect.h == 0); /* no player, no bar */
    int list_y = s.stage.view.list_rect.y;

    struct player p = {0};
    uint64_t ids = 0;
    CHECK(open_player(&p, (int64_t)s.now_ms * 1000));
    s.stage.view.replaybar.player = &p;
    player_turn(&p, (int64_t)s.now_ms * 1000, true, nothing, &ids);
    struct view_actions a = screen_frame(&s);
    const struct replaybar *bar = &s.stage.view.replaybar;
    CHECK(bar->rect.y == s.stage.view.status_rect.y + s.stage.view.status_rect.h && bar->rect.w == 900);
    CHECK(s.stage.view.list_rect.y == list_y + bar->rect.h);
    CHECK(screen_find_text(&s, "Replay \xC2\xB7 1 of 3") && screen_find_text(&s, "0:00.0 / 0:00.6"));
    CHECK(screen_find_text(&s, tr(I18N_REPLAY_PAUSE)));
    CHECK(!a.replay.toggle && !a.replay.speed && !a.replay.again);

    /* Pause, then each speed. */
    click(&s, bar->toggle_rect);
    a = screen_frame(&s);
    CHECK(a.replay.toggle && !a.replay.again);
    player_toggle(&p, (int64_t)s.now_ms * 1000);
    screen_frame(&s);
    CHECK(screen_find_text(&s, tr(I18N_REPLAY_RESUME)) && screen_find_text(&s, tr(I18N_REPLAY_PAUSED)));
    for (int i = 0; i < PLAYER_SPEEDS; i++) {
        CHECK(inside(bar->speed_rect[i], bar->rect));
        click(&s, bar->speed_rect[i]);
        a = screen_frame(&s);
        CHECK_MSG(a.replay.speed == i + 1, "speed %d: %d", i, a.replay.speed);
    }

    /* With the find bar open the replay bar goes under it. */
    view_find_open(&s.stage.view, &s.stage.ui);
    screen_frame(&s);
    CHECK(bar->rect.y == s.stage.view.findbar.rect.y + s.stage.view.findbar.rect.h);
    CHECK(s.stage.view.list_rect.y == bar->rect.y + bar->rect.h);
    view_find_close(&s.stage.view, &s.stage.ui);

    /* Finished: Again. */
    player_toggle(&p, (int64_t)s.now_ms * 1000);
    for (int k = 0; k < 10 && !p.replay.finished; k++)
        player_turn(&p, (int64_t)s.now_ms * 1000 + k * 300000, true, nothing, &ids);
    CHECK(p.replay.finished);
    screen_frame(&s);
    CHECK(screen_find_text(&s, tr(I18N_REPLAY_AGAIN)) && screen_find_text(&s, tr(I18N_REPLAY_FINISHED)) &&
          screen_find_text(&s, "3 of 3"));
    click(&s, bar->toggle_rect);
    a = screen_frame(&s);
    CHECK(a.replay.again && !a.replay.toggle);

    /* The player gone: the bar too, the list back in its place. */
    s.stage.view.replaybar.player = NULL;
    screen_frame(&s);
    CHECK(bar->rect.h == 0 && s.stage.view.list_rect.y == list_y);
    player_free(&p);
    screen_close(&s);
}

/* Everything the bar drew, at w x h and scale, lies inside it, apart. */
static void check_fits(float scale, int w, int h, enum i18n_lang lang)
{
    static struct screen s;
    i18n_set_lang(lang);
    if (!screen_start(&s, &(struct screen_config){.w = w, .h = h, .scale = scale})) {
        CHECK_MSG(false, "%s", s.error);
        screen_close(&s);
        return;
    }
    screen_connect_chat(&s.stage.chat);
    struct player p = {0};
    uint64_t ids = 0;
    CHECK(open_player(&p, (int64_t)s.now_ms * 1000));
    player_turn(&p, (int64_t)s.now_ms * 1000, true, nothing, &ids);
    player_typed(&p, (int64_t)s.now_ms * 1000, INT64_MAX / 2); /* the longest words */
    s.stage.view.replaybar.player = &p;
    screen_frame(&s);
    screen_frame(&s);
    const struct replaybar *bar = &s.stage.view.replaybar;
    ui_rect b = bar->rect;
    CHECK_MSG(b.h > 0 && b.x == 0 && b.w == w, "scale %.2f, %dx%d: the bar is %d wide", (double)scale, w, h, b.w);
    /* The buttons: the toggle, the chips or the one stepping button. */
    ui_rect buttons[PLAYER_SPEEDS + 1] = {bar->toggle_rect};
    int n = 1;
    for (int i = 0; i < PLAYER_SPEEDS; i++)
        if (bar->speed_rect[i].h)
            buttons[n++] = bar->speed_rect[i];
    CHECK_MSG(n == 1 || n == PLAYER_SPEEDS + 1, "scale %.2f, %dx%d: %d chips", (double)scale, w, h, n - 1);
    for (int i = 0; i < n; i++) {
        CHECK_MSG(inside(buttons[i], b), "scale %.2f, %dx%d: button %d outside the bar", (double)scale, w, h, i);
        for (int k = 0; k < i; k++)
            CHECK_MSG(!overlap(buttons[i], buttons[k]), "scale %.2f, %dx%d: buttons %d and %d overlap",
                      (double)scale, w, h, k, i);
    }
    /* The text drawn in the bar's band: inside it, none over another's
     * box (a button's label is inside its button, which is fine). */
    const struct ui *ui = &s.stage.ui;
    ui_rect texts[64];
    int t = 0;
    for (size_t i = 0; i < ui->command_count && t < 64; i++) {
        const struct ui_command *c = &ui->commands[i];
        if (c->kind != UI_COMMAND_TEXT || c->rect.y < b.y || c->rect.y >= b.y + b.h)
            continue;
        CHECK_MSG(inside(c->rect, b), "scale %.2f, %dx%d: '%.*s' outside the bar", (double)scale, w, h, (int)c->len,
                  ui_command_text(ui, c));
        bool on_button = false;
        for (int k = 0; k < n; k++)
            on_button |= inside(c->rect, buttons[k]);
        for (int k = 0; !on_button && k < n; k++)
            CHECK_MSG(!overlap(c->rect, buttons[k]), "scale %.2f, %dx%d: '%.*s' under a button", (double)scale, w,
                      h, (int)c->len, ui_command_text(ui, c));
        if (!on_button)
            texts[t++] = c->rect;
    }
    CHECK_MSG(t >= 1, "scale %.2f, %dx%d: no words in the bar", (double)scale, w, h);
    for (int i = 0; i < t; i++)
        for (int k = 0; k < i; k++)
            CHECK_MSG(!overlap(texts[i], texts[k]), "scale %.2f, %dx%d: words %d and %d overlap", (double)scale, w,
                      h, k, i);
    player_free(&p);
    screen_close(&s);
    i18n_set_lang(I18N_EN);
}

int main(void)
{
    bool video = SDL_Init(SDL_INIT_VIDEO) == 0;
    CHECK_MSG(video, "SDL_Init: %s", SDL_GetError());
    if (!video)
        return check_summary("replaybar");
    test_place_and_buttons();
    const float scales[] = {0.5f, 0.75f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f};
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        /* The window's smallest at that zoom, a usual one, a kiosk's full HD. */
        float z = scales[i] > 1 ? scales[i] : 1;
        int sizes[][2] = {{(int)(480 * z), (int)(360 * z)}, {900, 640}, {1920, 1080}};
        for (size_t k = 0; k < 3; k++) {
            if (k == 1 && z > 1.5f)
                continue; /* (smaller than the window can be at that zoom) */
            check_fits(scales[i], sizes[k][0], sizes[k][1], I18N_EN);
            check_fits(scales[i], sizes[k][0], sizes[k][1], I18N_PT_BR);
        }
    }
    SDL_Quit();
    return check_summary("replaybar");
}
