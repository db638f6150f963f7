/* font: see font.h. The cache is a chained hash table of entries that are
 * also on an LRU list; an entry holds a string's width and, once drawn, its
 * texture. It is bounded both in entries and in texture bytes. */
#include "font.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT_BUCKETS 4096 /* a power of two */
#define FONT_MAX_ENTRIES 8192
#define FONT_MAX_TEXTURE_BYTES ((size_t)64 << 20)
/* Longer strings are measured without caching: they are one-offs (a long
 * text box line, prefixes during a binary search) and would only push
 * useful entries out. */
#define FONT_MAX_CACHED_MEASURE 256

struct font_entry {
    struct font_entry *next_in_bucket;
    struct font_entry *lru_prev, *lru_next; /* most recent at the head */
    uint64_t hash;
    enum ui_font style;
    size_t len;
    int width, height;
    SDL_Texture *texture;
    size_t texture_bytes;
    char text[]; /* len bytes and a NUL */
};

struct font {
    SDL_Renderer *renderer;
    TTF_Font *faces[UI_FONT_COUNT];
    int line_height[UI_FONT_COUNT];
    struct font_entry *buckets[FONT_BUCKETS];
    struct font_entry *lru_head, *lru_tail;
    size_t entries, texture_bytes;
    struct font_stats stats;
    char *scratch; /* NUL-terminated copies for uncached measures */
    size_t scratch_cap;
    bool ttf_started;
};

static const struct {
    const char *file;
    int points;
} font_faces[UI_FONT_COUNT] = {
    [UI_FONT_BODY] = {"DejaVuSans.ttf", 15},
    [UI_FONT_SMALL] = {"DejaVuSans.ttf", 12},
    [UI_FONT_LABEL] = {"DejaVuSans-Bold.ttf", 13},
};

struct font *font_open(SDL_Renderer *renderer, const char *dir, float scale, char *err, size_t errlen)
{
    struct font *font = calloc(1, sizeof *font);
    if (!font) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    font->renderer = renderer;
    if (TTF_Init() != 0) { /* counted: each font_open has its TTF_Quit */
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        free(font);
        return NULL;
    }
    font->ttf_started = true;
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, font_faces[i].file);
        int points = (int)(font_faces[i].points * scale + 0.5f);
        font->faces[i] = TTF_OpenFont(path, points > 4 ? points : 4);
        if (!font->faces[i]) {
            snprintf(err, errlen, "cannot open the font %s: %s", path, TTF_GetError());
            font_close(font);
            return NULL;
        }
        TTF_SetFontHinting(font->faces[i], TTF_HINTING_LIGHT);
        font->line_height[i] = TTF_FontLineSkip(font->faces[i]);
    }
    return font;
}

static void entry_free(struct font *font, struct font_entry *e)
{
    if (e->texture) {
        SDL_DestroyTexture(e->texture);
        font->texture_bytes -= e->texture_bytes;
    }
    font->entries--;
    free(e);
}

void font_close(struct font *font)
{
    if (!font)
        return;
    struct font_entry *e = font->lru_head;
    while (e) {
        struct font_entry *next = e->lru_next;
        entry_free(font, e);
        e = next;
    }
    for (int i = 0; i < UI_FONT_COUNT; i++)
        if (font->faces[i])
            TTF_CloseFont(font->faces[i]);
    if (font->ttf_started)
        TTF_Quit();
    free(font->scratch);
    free(font);
}

static uint64_t hash_text(enum ui_font style, const char *text, size_t len)
{
    uint64_t h = 14695981039346656037ull ^ (uint64_t)style;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)text[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void lru_unlink(struct font *font, struct font_entry *e)
{
    if (e->lru_prev)
        e->lru_prev->lru_next = e->lru_next;
    else
        font->lru_head = e->lru_next;
    if (e->lru_next)
        e->lru_next->lru_prev = e->lru_prev;
    else
        font->lru_tail = e->lru_prev;
    e->lru_prev = e->lru_next = NULL;
}

static void lru_push_front(struct font *font, struct font_entry *e)
{
    e->lru_prev = NULL;
    e->lru_next = font->lru_head;
    if (font->lru_head)
        font->lru_head->lru_prev = e;
    font->lru_head = e;
    if (!font->lru_tail)
        font->lru_tail = e;
}

static void evict_one(struct font *font)
{
    struct font_entry *victim = font->lru_tail;
    if (!victim)
        return;
    lru_unlink(font, victim);
    struct font_entry **slot = &font->buckets[victim->hash & (FONT_BUCKETS - 1)];
    while (*slot != victim)
        slot = &(*slot)->next_in_bucket;
    *slot = victim->next_in_bucket;
    entry_free(font, victim);
}

static struct font_entry *lookup(struct font *font, enum ui_font style, const char *text, size_t len,
                                 bool create)
{
    uint64_t hash = hash_text(style, text, len);
    struct font_entry **bucket = &font->buckets[hash & (FONT_BUCKETS - 1)];
    for (struct font_entry *e = *bucket; e; e = e->next_in_bucket) {
        if (e->hash == hash && e->style == style && e->len == len && !memcmp(e->text, text, len)) {
            lru_unlink(font, e);
            lru_push_front(font, e);
            return e;
        }
    }
    if (!create)
        return NULL;
    while (font->entries >= FONT_MAX_ENTRIES)
        evict_one(font);
    struct font_entry *e = calloc(1, sizeof *e + len + 1);
    if (!e)
        return NULL;
    e->hash = hash;
    e->style = style;
    e->len = len;
    memcpy(e->text, text, len);
    e->width = -1;
    e->next_in_bucket = *bucket;
    *bucket = e;
    lru_push_front(font, e);
    font->entries++;
    return e;
}

static int measure(struct font *font, enum ui_font style, const char *nul_terminated)
{
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font->faces[style], nul_terminated, &w, &h) != 0)
        return 0;
    return w;
}

int font_text_width(void *user, enum ui_font style, const char *text, size_t len)
{
    struct font *font = user;
    if (!len)
        return 0;
    font->stats.measures++;
    if (len > FONT_MAX_CACHED_MEASURE) {
        if (len + 1 > font->scratch_cap) {
            size_t cap = len + 1 > 4096 ? len + 1 : 4096;
            char *grown = realloc(font->scratch, cap);
            if (!grown)
                return 0;
            font->scratch = grown;
            font->scratch_cap = cap;
        }
        memcpy(font->scratch, text, len);
        font->scratch[len] = '\0';
        return measure(font, style, font->scratch);
    }
    struct font_entry *e = lookup(font, style, text, len, true);
    if (!e)
        return 0;
    if (e->width >= 0) {
        font->stats.measure_hits++;
        return e->width;
    }
    e->width = measure(font, style, e->text);
    return e->width;
}

int font_text_height(void *user, enum ui_font style)
{
    struct font *font = user;
    return font->line_height[style];
}

SDL_Texture *font_text_texture(struct font *font, enum ui_font style, const char *text, size_t len,
                               int *w, int *h)
{
    font->stats.draws++;
    struct font_entry *e = lookup(font, style, text, len, true);
    if (!e)
        return NULL;
    if (e->texture) {
        font->stats.draw_hits++;
        *w = e->width;
        *h = e->height;
        return e->texture;
    }
    SDL_Color white = {255, 255, 255, 255};
    font->stats.renders++;
    SDL_Surface *surface = TTF_RenderUTF8_Blended(font->faces[style], e->text, white);
    if (!surface)
        return NULL; /* nothing visible (e.g. only spaces) */
    e->texture = SDL_CreateTextureFromSurface(font->renderer, surface);
    e->width = surface->w;
    e->height = surface->h;
    SDL_FreeSurface(surface);
    if (!e->texture)
        return NULL;
    SDL_SetTextureBlendMode(e->texture, SDL_BLENDMODE_BLEND);
    e->texture_bytes = (size_t)e->width * (size_t)e->height * 4;
    font->texture_bytes += e->texture_bytes;
    /* Keep within the byte budget, never evicting the entry just made. */
    while (font->texture_bytes > FONT_MAX_TEXTURE_BYTES && font->lru_tail != e)
        evict_one(font);
    *w = e->width;
    *h = e->height;
    return e->texture;
}

void font_get_stats(const struct font *font, struct font_stats *stats)
{
    *stats = font->stats;
    stats->entries = font->entries;
    stats->texture_bytes = font->texture_bytes;
}
