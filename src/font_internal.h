/* SPDX-License-Identifier: MIT */
/* font_internal: private to font.c and font_fallback.c. The structs behind
 * a struct font (its styles, each with its chain of faces) and the few
 * calls between the two files: font.c measures, draws and caches;
 * font_fallback.c finds installed fonts for the characters the chain lacks
 * and adds them to it. */
#ifndef PONTE_FONT_INTERNAL_H
#define PONTE_FONT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL_ttf.h>
#if defined(PONTE_FONTCONFIG)
#include <fontconfig/fontconfig.h>
#endif

#include "font.h"

/* How glyphs are fitted to the pixel grid (see font_open). */
#define PONTE_HINTING TTF_HINTING_NORMAL

#define FONT_BUCKETS 4096 /* a power of two */
#define FONT_MAX_FACES (1 + FONT_MAX_FALLBACKS)
/* Remembered fallback misses per style (a power of two); the memo is
 * cleared when three quarters full, so a flood of odd code points costs at
 * most one search each per clearing. */
#define FONT_MISS_SLOTS 1024
#define FONT_MISS_COLOR (1u << 30) /* a miss of the colour search */

struct font_face {
    TTF_Font *ttf;
    char *file; /* with index: to recognise a font fontconfig offers twice */
    int index;
    /* A fallback's file, mapped: SDL_ttf reads a font file through stdio
     * with a seek and a read per glyph it loads, which made measuring CJK
     * text four times slower than from memory. NULL for the bundled faces. */
    const void *map;
    size_t map_len;
    bool color; /* has colour glyphs: rendered white, so they keep their colours */
    bool fixed; /* a bitmap strike that ignores the size: scaled to the line height */
    int ascent, height;
};

struct font_style {
    struct font_face faces[FONT_MAX_FACES]; /* [0] is the bundled face */
    int face_count;
    int points;
    int line_height;                  /* the bundled face's line skip: what the ui lays out with */
    int text_height;                  /* the bundled face's height: every text texture's height */
    int ascent;                       /* the bundled face's baseline in a texture */
    bool ascii;                       /* the bundled face has all of U+0020..U+007E */
    uint32_t misses[FONT_MISS_SLOTS]; /* code point + 1 (| FONT_MISS_COLOR); 0 is empty */
    size_t miss_count;
};

struct font_entry; /* the cache's, in font.c */

struct font {
    SDL_Renderer *renderer;
    unsigned dpi; /* 72 x scale: SDL_ttf's pixel size is points x dpi / 72 */
    struct font_style styles[UI_FONT_COUNT];
#if defined(PONTE_FONTCONFIG)
    FcConfig *fc;
#endif
    int fc_state;        /* 0: not started yet, 1: ready, -1: failed (no fallback) */
    bool no_color_fonts; /* a colour search found no colour font at all: stop asking */
    struct font_entry *buckets[FONT_BUCKETS];
    /* One LRU list per entry kind, so the texture budget evicts textures
     * only; the entry bound evicts whichever tail was used longer ago. */
    struct font_entry *lru_head[2], *lru_tail[2];
    uint64_t tick;
    size_t entries, texture_bytes, entry_bytes;
    struct font_stats stats;
    char *scratch; /* NUL-terminated copies of runs for SDL_ttf */
    size_t scratch_cap;
    char *whole; /* a NUL-terminated copy of a long uncached string */
    size_t whole_cap;
    struct font_run *runs; /* the runs of the text being measured or drawn */
    size_t runs_cap;
    bool ttf_started;
};

/* The bundled face of each style: its file (in the data folder, or in an
 * installed DejaVu's folder) and its point size. */
struct font_bundled {
    const char *file;
    int points;
};
extern const struct font_bundled font_bundled[UI_FONT_COUNT];

/* font.c: a face's ascent and height, after opening or re-sizing it. */
void font_face_metrics(struct font_face *f);

/* font.c: closes a face, unmaps its file and zeroes it. */
void font_face_close(struct font_face *f);

/* font_fallback.c: the index in style's chain of an installed face that
 * has cp (a colour one if color), added to the chain if need be; -1 when
 * there is none (remembered, so the search is not repeated). */
int font_fallback_face(struct font *font, enum ui_font style, uint32_t cp, bool color);

/* font_fallback.c: frees what the search kept (fontconfig's configuration). */
void font_fallback_close(struct font *font);

#endif
