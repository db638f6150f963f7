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
    float scale = config->scale > 0 ? config->scale : 1.0f;
    s->surface = SDL_CreateRGBSurfaceWithFormat(0, s->w, s->h, 32, SDL_PIXELFORMAT_ARGB8888);
    s->renderer = s->surface ? SDL_CreateSoftwareRenderer(s->surface) : NULL;
    if (!s->renderer) {
        snprintf(s->error, sizeof s->error, "no software renderer: %s", SDL_GetError());
        return false;
    }
    s->font = font_open(s->renderer, assets_dir(), scale, s->error, sizeof s->error);
    if (!s->font)
        return false;
    s->render = render_create(s->renderer, s->font);
    ui_init(&s->ui);
    s->ui.text_width = font_text_width;
    s->ui.text_height = font_text_height;
    s->ui.font_user = s->font;
    s->ui.scale = config->scale;
    s->ui.clipboard_set = clip_set;
    s->ui.clipboard_user = s;
    view_init(&s->view);
    chat_init(&s->chat, config->url ? config->url : "ws://127.0.0.1:9/");
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

void screen_close(struct screen *s)
{
    if (s->font) { /* (everything after the font is made once it is) */
        chat_free(&s->chat);
        view_free(&s->view);
        ui_free(&s->ui);
        render_destroy(s->render);
        font_close(s->font);
    }
    if (s->renderer)
        SDL_DestroyRenderer(s->renderer);
    SDL_FreeSurface(s->surface);
}
