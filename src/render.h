/* SPDX-License-Identifier: MIT */
/* render: walks the ui's command list and draws it with SDL_Renderer.
 * UI thread. */
#ifndef PONTE_RENDER_H
#define PONTE_RENDER_H

#include <stdbool.h>

#include <SDL.h>

#include "font.h"
#include "ui.h"

struct render;

struct render *render_create(SDL_Renderer *renderer, struct font *font);
void render_destroy(struct render *render);

/* Draws and presents the frame unless it is identical to the last one
 * presented (same commands, same text) and force is false. Returns true
 * when it presented. */
bool render_frame(struct render *render, const struct ui *ui, ui_color clear, bool force);

/* Frames presented and frames skipped as identical, for tests and benches. */
void render_get_counts(const struct render *render, uint64_t *presented, uint64_t *skipped);

#endif
