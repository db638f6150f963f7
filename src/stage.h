/* SPDX-License-Identifier: MIT */
/* stage: what a frame is made from, wired together once for the window
 * (app.c) and the off-screen screen of the tests alike: the fonts on an SDL
 * renderer, the renderer's command walker, the ui core measuring with those
 * fonts, the view and the chat model it shows. The SDL renderer itself
 * stays its owner's: a window's in the app, a surface's in the tests. */
#ifndef PONTE_STAGE_H
#define PONTE_STAGE_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "chat.h"
#include "font.h"
#include "render.h"
#include "ui.h"
#include "view.h"

struct stage {
    struct font *font;
    struct render *render;
    struct ui ui;
    struct view view;
    struct chat chat;
};

/* Opens the fonts in assets (a folder) at scale (0: 1) on renderer and
 * makes the rest: the ui at that scale with the fonts' measures, an empty
 * view, the chat model for url. False with the reason in err when the
 * fonts or memory fail; close with stage_close all the same. The caller
 * adds the clipboard and its settings. */
bool stage_open(struct stage *s, SDL_Renderer *renderer, const char *assets, float scale, const char *url,
                char *err, size_t errlen);

/* Frees what stage_open made; a zeroed stage, or one whose opening failed,
 * too. */
void stage_close(struct stage *s);

#endif
