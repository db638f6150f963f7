/* font: the SDL_ttf faces behind the ui's text styles, text measuring, and
 * a bounded LRU cache of rendered text, so an unchanged frame makes no
 * TTF_Render* call and a repeated measure no TTF_Size* call. UI thread. */
#ifndef PONTE_FONT_H
#define PONTE_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "ui.h"

struct font;

struct font_stats {
    uint64_t measures, measure_hits; /* width requests and those served from the cache */
    uint64_t draws, draw_hits;       /* texture requests and those served from the cache */
    uint64_t renders;                /* TTF_Render* calls */
    size_t entries, texture_bytes;
};

/* Opens DejaVuSans.ttf and DejaVuSans-Bold.ttf from dir. scale multiplies
 * the point sizes (1 for a normal display). */
struct font *font_open(SDL_Renderer *renderer, const char *dir, float scale, char *err, size_t errlen);
void font_close(struct font *font);

/* The ui callbacks (user is the struct font). */
int font_text_width(void *font, enum ui_font style, const char *text, size_t len);
int font_text_height(void *font, enum ui_font style);

/* A white texture of the text (colour it with SDL_SetTextureColorMod); NULL
 * for text that draws nothing. Valid until the next font_text_texture call
 * that evicts it, so use it right away. */
SDL_Texture *font_text_texture(struct font *font, enum ui_font style, const char *text, size_t len,
                               int *w, int *h);

void font_get_stats(const struct font *font, struct font_stats *stats);

#endif
