/* SPDX-License-Identifier: MIT */
/* screen_harness: the off-screen set-up the screen tests, the golden images
 * and the UI benchmark share (see screen_harness.h). */
#include "screen_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "platform.h"

static void clip_set(void *user, const char *text)
{
    struct screen *s = user;
    snprintf(s->clip, sizeof s->clip, "%s", text);
}

/* The fonts as Ponte finds them (assets.c: the build folder's, through
 * PONTE_DATADIR, which the test setup sets), or the source tree's when run
 * by hand from its top. */
static const char *assets_dir(void)
{
    static char dir[PLATFORM_PATH_MAX];
    return assets_find(dir, sizeof dir) ? dir : "assets";
}

bool screen_start(struct screen *s, const struct screen_config *config)
{
    memset(s, 0, sizeof *s);
    s->w = config->w;
    s->h = config->h;
    s->surface = SDL_CreateRGBSurfaceWithFormat(0, s->w, s->h, 32, SDL_PIXELFORMAT_ARGB8888);
    s->renderer = s->surface ? SDL_CreateSoftwareRenderer(s->surface) : NULL;
    if (!s->renderer) {
        snprintf(s->error, sizeof s->error, "no software renderer: %s", SDL_GetError());
        return false;
    }
    if (!stage_open(&s->stage, s->renderer, assets_dir(), config->scale,
                    config->url ? config->url : "ws://127.0.0.1:9/", s->error, sizeof s->error))
        return false;
    s->stage.ui.clipboard_set = clip_set;
    s->stage.ui.clipboard_user = s;
    s->now_ms = 1000;
    return true;
}

bool screen_open(struct screen *s, int w, int h)
{
    if (screen_start(s, &(struct screen_config){.w = w, .h = h}))
        return true;
    fprintf(stderr, "%s\n", s->error);
    return false;
}

struct view_actions screen_frame(struct screen *s)
{
    struct view_actions actions;
    s->now_ms += 16;
    ui_begin(&s->stage.ui, s->now_ms);
    view_frame(&s->stage.view, &s->stage.ui, &s->stage.chat, s->w, s->h, &actions);
    ui_end(&s->stage.ui);
    return actions;
}

bool screen_find_text(const struct screen *s, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < s->stage.ui.command_count; i++) {
        const struct ui_command *c = &s->stage.ui.commands[i];
        if (c->kind != UI_COMMAND_TEXT || c->len < n)
            continue;
        const char *t = ui_command_text(&s->stage.ui, c);
        for (size_t k = 0; k + n <= c->len; k++)
            if (!memcmp(t + k, text, n))
                return true;
    }
    return false;
}

bool screen_text_in(const struct ui *ui, ui_rect area, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < ui->command_count; i++) {
        const struct ui_command *c = &ui->commands[i];
        ui_rect r = c->rect;
        if (c->kind != UI_COMMAND_TEXT || c->len < n || r.x < area.x || r.y < area.y || r.x + r.w > area.x + area.w ||
            r.y + r.h > area.y + area.h)
            continue;
        const char *t = ui_command_text(ui, c);
        for (size_t k = 0; k + n <= c->len; k++)
            if (!memcmp(t + k, text, n))
                return true;
    }
    return false;
}

void screen_click_at(struct screen *s, int x, int y)
{
    ui_input_mouse_move(&s->stage.ui, x, y);
    ui_input_mouse_button(&s->stage.ui, UI_MOUSE_LEFT, true, 1, 0);
    ui_input_mouse_button(&s->stage.ui, UI_MOUSE_LEFT, false, 1, 0);
}

void screen_connect_chat(struct chat *chat)
{
    struct net_event ev = {.kind = NET_EVENT_CONNECTING};
    chat_apply(chat, &ev);
    ev = (struct net_event){.kind = NET_EVENT_CONNECTED, .time_us = 1};
    chat_apply(chat, &ev);
}

void screen_close(struct screen *s)
{
    stage_close(&s->stage);
    if (s->renderer)
        SDL_DestroyRenderer(s->renderer);
    SDL_FreeSurface(s->surface);
}

void screen_osk_key(const struct view *v, int row, int index, int n, int *x, int *y)
{
    ui_rect r = v->osk.rect;
    int gap = 6, pad = 8, key_h = (r.h - 16) / 5;
    int key_w = (r.w - 2 * pad - (n - 1) * gap) / n;
    int x0 = r.x + (r.w - (n * key_w + (n - 1) * gap)) / 2;
    *x = x0 + index * (key_w + gap) + key_w / 2;
    *y = r.y + pad + row * key_h + (key_h - gap) / 2;
}

/* The bottom row's fifth key, two units wide after 1 + 1 + 4 + 1. */
void screen_osk_enter(const struct view *v, int *x, int *y)
{
    ui_rect r = v->osk.rect;
    int gap = 6, pad = 8, key_h = (r.h - 16) / 5, unit = (r.w - 2 * pad - 5 * gap) / 10;
    *x = r.x + pad + 7 * unit + 4 * gap + unit;
    *y = r.y + pad + 4 * key_h + (key_h - gap) / 2;
}
