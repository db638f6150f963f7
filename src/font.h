/* SPDX-License-Identifier: MIT */
/* font: the SDL_ttf faces behind the ui's text styles, text measuring, and
 * a bounded LRU cache of rendered text, so an unchanged frame makes no
 * TTF_Render* call and a repeated measure no TTF_Size* call. UI thread.
 *
 * Each style has a chain of faces: the bundled DejaVu Sans first, then
 * fallback faces that fontconfig finds for characters DejaVu lacks (CJK,
 * emoji, other scripts), at most FONT_MAX_FALLBACKS per style. Text is split
 * into runs, each drawn with the first face that has its characters; a
 * character no installed font has is drawn as DejaVu's missing-glyph box.
 * Emoji prefer a colour emoji face when one is installed; a colour bitmap
 * face (fixed strike) is scaled to the line height. */
#ifndef PONTE_FONT_H
#define PONTE_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "ui.h"

#define FONT_MAX_FALLBACKS 16 /* fallback faces per style */
#define FONT_MAX_ENTRIES 8192 /* cached widths and textures */
#define FONT_MAX_TEXTURE_BYTES ((size_t)64 << 20)

struct font;

struct font_stats {
    uint64_t measures, measure_hits; /* width requests and those served from the cache */
    uint64_t draws, draw_hits;       /* texture requests and those served from the cache */
    uint64_t renders;                /* TTF_Render* calls */
    uint64_t fallback_queries;       /* fontconfig searches for a character */
    size_t entries, texture_bytes;
    size_t memory_bytes; /* the cache's estimate: entries (struct and text) plus texture bytes */
};

/* Opens DejaVuSans.ttf and DejaVuSans-Bold.ttf from dir. scale multiplies
 * the point sizes to give the pixel size the text is rasterised at, so it
 * includes the display's HiDPI factor (1 for a normal display). Fontconfig
 * is started on the first character DejaVu lacks; if it cannot start, there
 * is no fallback and such characters draw as boxes. */
struct font *font_open(SDL_Renderer *renderer, const char *dir, float scale, char *err, size_t errlen);

/* The folder of an installed DejaVu Sans that has every face font_open
 * needs (DejaVuSans.ttf, DejaVuSans-Bold.ttf, DejaVuSansMono.ttf side by
 * side, as Debian's fonts-dejavu-core has them), asked of the system's font
 * configuration (fontconfig; another system swaps the search here). For a
 * Ponte whose bundled fonts are not found. False when there is none. */
bool font_find_installed(char *dir, size_t n);
void font_close(struct font *font);

/* Re-sizes every face (bundled and fallback) to point size x scale, updates
 * the line heights and empties the cache. False (nothing changed) for a
 * scale outside [0.25, 8] or when SDL_ttf refuses the size. */
bool font_set_scale(struct font *font, float scale);

/* The ui callbacks (user is the struct font). */
int font_text_width(void *font, enum ui_font style, const char *text, size_t len);
int font_text_height(void *font, enum ui_font style);

/* A texture of the text in color (alpha from color.a; colour emoji keep
 * their own colours and take only the alpha); NULL for text that draws
 * nothing. Valid until the next font_text_texture call that evicts it, so
 * use it right away. */
SDL_Texture *font_text_texture(struct font *font, enum ui_font style, ui_color color, const char *text,
                               size_t len, int *w, int *h);

void font_get_stats(const struct font *font, struct font_stats *stats);

/* For tests and diagnostics: how text splits into runs, as drawing does. */
struct font_run {
    size_t start, len; /* bytes of the text */
    int face;          /* 0: the bundled face; 1..: fallbacks in the order found */
    int width;         /* pixels */
    bool color;        /* drawn from a colour face, in its own colours */
};

/* Fills up to max runs and returns how many the text has (0 for ""). */
size_t font_runs(struct font *font, enum ui_font style, const char *text, size_t len, struct font_run *runs,
                 size_t max);

/* How many faces the style has now (1 + fallbacks found so far), and the
 * family name of one of them ("" when out of range). */
int font_face_count(const struct font *font, enum ui_font style);
const char *font_face_name(const struct font *font, enum ui_font style, int face);

#endif
