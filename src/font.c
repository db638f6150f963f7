/* SPDX-License-Identifier: MIT */
/* font: see font.h.
 *
 * Faces. SDL_ttf 2.20 has no fallback, so each style keeps a chain of faces
 * and text is split into runs by TTF_GlyphIsProvided32: a code point goes to
 * the first face of the chain that has it; when none has it, font_fallback.c
 * asks the system (fontconfig, or the Windows fonts folder) for an installed
 * font that does (once per code point: a miss is remembered), and that font
 * joins the chain at the same pixel size. A code
 * point no font has stays with the bundled face, whose missing-glyph box
 * (DejaVu's .notdef, a visible rectangle) is drawn and measured like any
 * glyph. Marks, variation selectors and joiners stay in the run of the
 * character they modify (unicode.c says which they are), so one face shapes
 * the whole cluster (emoji ZWJ sequences, flags and keycaps become one glyph
 * through SDL_ttf's HarfBuzz).
 *
 * Emoji. A code point with the Unicode Emoji_Presentation property, or one
 * followed by U+FE0F, prefers a colour face (fontconfig's "color" fonts).
 * SDL_ttf 2.20 loads colour glyphs with FT_LOAD_COLOR and TTF_Render*_Blended
 * copies their BGRA pixels, so they keep their colours; the foreground colour
 * only lends its alpha. Noto Color Emoji is a bitmap font with one strike
 * (109 ppem, 128 px high): SDL_ttf takes the point size of such a face as
 * the index of a strike, so the size cannot change. Such a "fixed" face is
 * rendered at its strike and scaled, with a box filter, to the line height.
 *
 * Cache. A chained hash table of entries that are also on an LRU list. An
 * entry is either a string's width (per style) or its texture (per style and
 * colour, because colour emoji rule out colouring one white texture). It is
 * bounded both in entries and in texture bytes. */
#include "font.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font_internal.h"
#include "grow.h"
#include "platform.h"
#include "unicode.h"
#include "utf8.h"

/* Longer strings are measured without caching: they are one-offs (a long
 * text box line, prefixes during a binary search) and would only push
 * useful entries out. */
#define FONT_MAX_CACHED_MEASURE 256

enum entry_kind { ENTRY_WIDTH, ENTRY_TEXTURE };

struct font_entry {
    struct font_entry *next_in_bucket;
    struct font_entry *lru_prev, *lru_next; /* most recent at the head of its kind's list */
    uint64_t used;                          /* font->tick when last used */
    uint64_t hash;
    uint64_t key; /* style, kind and (for a texture) colour */
    size_t len;
    int width, height;
    bool drawn; /* a texture entry was rendered (texture may be NULL: nothing to see) */
    SDL_Texture *texture;
    size_t texture_bytes;
    char text[]; /* len bytes and a NUL */
};

const struct font_bundled font_bundled[UI_FONT_COUNT] = {
    [UI_FONT_BODY] = {"DejaVuSans.ttf", 15},
    [UI_FONT_SMALL] = {"DejaVuSans.ttf", 12},
    [UI_FONT_LABEL] = {"DejaVuSans-Bold.ttf", 13},
    [UI_FONT_MONO] = {"DejaVuSansMono.ttf", 14},
};

/* ---- faces ---- */

void font_face_metrics(struct font_face *f)
{
    f->ascent = TTF_FontAscent(f->ttf);
    f->height = TTF_FontHeight(f->ttf);
}

static void style_metrics(struct font_style *st)
{
    TTF_Font *primary = st->faces[0].ttf;
    st->line_height = TTF_FontLineSkip(primary);
    st->text_height = TTF_FontHeight(primary);
    st->ascent = TTF_FontAscent(primary);
}

static unsigned scale_dpi(float scale)
{
    return (unsigned)lroundf(72.0f * scale);
}

struct font *font_open(SDL_Renderer *renderer, const char *dir, float scale, char *err, size_t errlen)
{
    if (!(scale >= 0.25f && scale <= 8.0f)) {
        snprintf(err, errlen, "font scale %g is out of range", (double)scale);
        return NULL;
    }
    struct font *font = calloc(1, sizeof *font);
    if (!font) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    font->renderer = renderer;
    font->dpi = scale_dpi(scale);
    if (TTF_Init() != 0) { /* counted: each font_open has its TTF_Quit */
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        free(font);
        return NULL;
    }
    font->ttf_started = true;
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        struct font_style *st = &font->styles[i];
        char path[PLATFORM_PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, font_bundled[i].file);
        st->points = font_bundled[i].points;
        TTF_Font *ttf = TTF_OpenFontDPI(path, st->points, font->dpi, font->dpi);
        if (!ttf) {
            snprintf(err, errlen, "cannot open the font %s: %s", path, TTF_GetError());
            font_close(font);
            return NULL;
        }
        /* The font's own hinting: FreeType's light hinting snaps the
         * small wave of DejaVu's tilde flat, so "ã" read as "ā". */
        TTF_SetFontHinting(ttf, PONTE_HINTING);
        st->faces[0].ttf = ttf;
        st->face_count = 1;
        font_face_metrics(&st->faces[0]);
        style_metrics(st);
        st->ascii = true;
        for (uint32_t c = 0x20; c < 0x7F; c++)
            st->ascii = st->ascii && TTF_GlyphIsProvided32(ttf, c);
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
    font->entry_bytes -= sizeof *e + e->len + 1;
    free(e);
}

static void cache_clear(struct font *font)
{
    for (int kind = 0; kind < 2; kind++) {
        struct font_entry *e = font->lru_head[kind];
        while (e) {
            struct font_entry *next = e->lru_next;
            entry_free(font, e);
            e = next;
        }
        font->lru_head[kind] = font->lru_tail[kind] = NULL;
    }
    memset(font->buckets, 0, sizeof font->buckets);
}

void font_face_close(struct font_face *f)
{
    TTF_CloseFont(f->ttf);
    platform_unmap_file(f->map, f->map_len);
    free(f->file);
    memset(f, 0, sizeof *f);
}

void font_close(struct font *font)
{
    if (!font)
        return;
    cache_clear(font);
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        struct font_style *st = &font->styles[i];
        for (int k = 0; k < st->face_count; k++)
            font_face_close(&st->faces[k]);
    }
    font_fallback_close(font);
    if (font->ttf_started)
        TTF_Quit();
    free(font->scratch);
    free(font->whole);
    free(font->runs);
    free(font);
}

bool font_set_scale(struct font *font, float scale)
{
    if (!(scale >= 0.25f && scale <= 8.0f))
        return false;
    unsigned dpi = scale_dpi(scale), old = font->dpi;
    bool ok = true;
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        struct font_style *st = &font->styles[i];
        for (int k = 0; k < st->face_count; k++)
            if (!st->faces[k].fixed)
                ok = ok && TTF_SetFontSizeDPI(st->faces[k].ttf, st->points, dpi, dpi) == 0;
    }
    if (!ok) { /* put back what was there; these sizes worked before */
        dpi = old;
        for (int i = 0; i < UI_FONT_COUNT; i++) {
            struct font_style *st = &font->styles[i];
            for (int k = 0; k < st->face_count; k++)
                if (!st->faces[k].fixed)
                    TTF_SetFontSizeDPI(st->faces[k].ttf, st->points, dpi, dpi);
        }
    }
    font->dpi = dpi;
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        struct font_style *st = &font->styles[i];
        for (int k = 0; k < st->face_count; k++)
            font_face_metrics(&st->faces[k]);
        style_metrics(st);
    }
    cache_clear(font);
    return ok;
}

/* The face for cp, given the code points around it and the face of the
 * run it would extend (-1 at the start). */
static int choose_face(struct font *font, enum ui_font style, uint32_t cp, uint32_t prev, uint32_t next,
                       int current)
{
    struct font_style *st = &font->styles[style];
    bool emoji_next = next == 0xFE0F;
    if (cp >= 0x20 && cp < 0x7F && st->ascii && !emoji_next)
        return 0;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0; /* a control character shows as the box (a tab as a space) */
    if (current >= 0 && (unicode_is_extender(cp) || prev == 0x200D)) {
        if (unicode_is_ignorable(cp) || TTF_GlyphIsProvided32(st->faces[current].ttf, cp))
            return current;
    }
    if (unicode_is_ignorable(cp))
        return current >= 0 ? current : 0;
    bool text_next = next == 0xFE0E;
    if (emoji_next || (unicode_is_emoji_presentation(cp) && !text_next)) {
        for (int k = 1; k < st->face_count; k++)
            if (st->faces[k].color && TTF_GlyphIsProvided32(st->faces[k].ttf, cp))
                return k;
        int k = font_fallback_face(font, style, cp, true);
        if (k >= 0)
            return k;
    }
    for (int k = 0; k < st->face_count; k++) {
        if (text_next && st->faces[k].color)
            continue;
        if (TTF_GlyphIsProvided32(st->faces[k].ttf, cp))
            return k;
    }
    int k = font_fallback_face(font, style, cp, false);
    return k >= 0 ? k : 0;
}

/* ---- runs ---- */

static size_t decode(const char *text, size_t len, uint32_t *cp)
{
    unsigned char c = (unsigned char)text[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    return utf8_decode(text, len, cp);
}

static bool push_run(struct font *font, size_t n, size_t start, int face)
{
    if (!grow(&font->runs, &font->runs_cap, n + 1, sizeof *font->runs, 16))
        return false;
    font->runs[n] = (struct font_run){.start = start, .face = face};
    return true;
}

/* Splits text into font->runs (widths not yet known); the run count. On
 * running out of memory the rest of the text joins the last run. */
static size_t split_runs(struct font *font, enum ui_font style, const char *text, size_t len)
{
    size_t n = 0, i = 0;
    int current = -1;
    uint32_t prev = 0, cp = 0, next = 0;
    size_t step = len ? decode(text, len, &cp) : 0;
    while (i < len) {
        size_t next_step = 0;
        next = 0;
        if (i + step < len)
            next_step = decode(text + i + step, len - i - step, &next);
        int face = choose_face(font, style, cp, prev, next, current);
        if (face != current) {
            if (push_run(font, n, i, face)) {
                n++;
                current = face;
            } else if (!n) {
                return 0;
            }
        }
        font->runs[n - 1].len += step;
        prev = cp;
        cp = next;
        i += step;
        step = next_step;
    }
    for (size_t r = 0; r < n; r++)
        font->runs[r].color = font->styles[style].faces[font->runs[r].face].color;
    return n;
}

/* A NUL-terminated copy of text in *buffer, grown as needed. */
static const char *copy_into(char **buffer, size_t *cap, const char *text, size_t len)
{
    if (len + 1 > *cap) {
        size_t grow = len + 1 > 4096 ? len + 1 : 4096;
        char *grown = realloc(*buffer, grow);
        if (!grown)
            return NULL;
        *buffer = grown;
        *cap = grow;
    }
    memcpy(*buffer, text, len);
    (*buffer)[len] = '\0';
    return *buffer;
}

/* A NUL-terminated copy of a run, for SDL_ttf. A tab (the text box keeps
 * them) is measured and drawn as a space, not as the missing-glyph box;
 * the byte count stays, so offsets into the text still hold. */
static const char *scratch_copy(struct font *font, const char *text, size_t len)
{
    char *copy = (char *)copy_into(&font->scratch, &font->scratch_cap, text, len);
    if (copy && memchr(copy, '\t', len))
        for (size_t i = 0; i < len; i++)
            if (copy[i] == '\t')
                copy[i] = ' ';
    return copy;
}

/* Width of text (NUL-terminated) in face f, scaled like it is drawn. */
static int face_width(const struct font_style *st, const struct font_face *f, const char *text)
{
    int w = 0, h = 0;
    if (TTF_SizeUTF8(f->ttf, text, &w, &h) != 0)
        return 0;
    if (f->fixed)
        w = (int)(((long long)w * st->text_height + f->height / 2) / f->height);
    return w;
}

/* Splits and measures; the run count, total width in *width. */
static size_t measure_runs(struct font *font, enum ui_font style, const char *text, size_t len, int *width)
{
    struct font_style *st = &font->styles[style];
    size_t n = split_runs(font, style, text, len);
    *width = 0;
    for (size_t r = 0; r < n; r++) {
        struct font_run *run = &font->runs[r];
        const char *copy = scratch_copy(font, text + run->start, run->len);
        run->width = copy ? face_width(st, &st->faces[run->face], copy) : 0;
        *width += run->width;
    }
    return n;
}

size_t font_runs(struct font *font, enum ui_font style, const char *text, size_t len, struct font_run *runs,
                 size_t max)
{
    int width;
    size_t n = measure_runs(font, style, text, len, &width);
    for (size_t r = 0; r < n && r < max; r++)
        runs[r] = font->runs[r];
    return n;
}

int font_face_count(const struct font *font, enum ui_font style)
{
    return font->styles[style].face_count;
}

const char *font_face_name(const struct font *font, enum ui_font style, int face)
{
    const struct font_style *st = &font->styles[style];
    if (face < 0 || face >= st->face_count)
        return "";
    const char *name = TTF_FontFaceFamilyName(st->faces[face].ttf);
    return name ? name : "";
}

/* ---- the cache ---- */

static uint64_t entry_key(enum ui_font style, enum entry_kind kind, ui_color c)
{
    uint64_t rgba = (uint64_t)c.r << 24 | (uint64_t)c.g << 16 | (uint64_t)c.b << 8 | c.a;
    return (uint64_t)style | (uint64_t)kind << 8 | rgba << 16;
}

static uint64_t hash_text(uint64_t key, const char *text, size_t len)
{
    uint64_t h = 14695981039346656037ull;
    for (int i = 0; i < 8; i++) {
        h ^= (key >> (i * 8)) & 0xFF;
        h *= 1099511628211ull;
    }
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)text[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int entry_kind(const struct font_entry *e)
{
    return (int)((e->key >> 8) & 0xFF);
}

static void lru_unlink(struct font *font, struct font_entry *e)
{
    int kind = entry_kind(e);
    if (e->lru_prev)
        e->lru_prev->lru_next = e->lru_next;
    else
        font->lru_head[kind] = e->lru_next;
    if (e->lru_next)
        e->lru_next->lru_prev = e->lru_prev;
    else
        font->lru_tail[kind] = e->lru_prev;
    e->lru_prev = e->lru_next = NULL;
}

static void lru_push_front(struct font *font, struct font_entry *e)
{
    int kind = entry_kind(e);
    e->used = ++font->tick;
    e->lru_prev = NULL;
    e->lru_next = font->lru_head[kind];
    if (font->lru_head[kind])
        font->lru_head[kind]->lru_prev = e;
    font->lru_head[kind] = e;
    if (!font->lru_tail[kind])
        font->lru_tail[kind] = e;
}

static void evict(struct font *font, struct font_entry *victim)
{
    lru_unlink(font, victim);
    struct font_entry **slot = &font->buckets[victim->hash & (FONT_BUCKETS - 1)];
    while (*slot != victim)
        slot = &(*slot)->next_in_bucket;
    *slot = victim->next_in_bucket;
    entry_free(font, victim);
}

/* Evicts the least recently used entry of either kind. */
static void evict_oldest(struct font *font)
{
    struct font_entry *w = font->lru_tail[ENTRY_WIDTH], *t = font->lru_tail[ENTRY_TEXTURE];
    if (w || t)
        evict(font, !t || (w && w->used < t->used) ? w : t);
}

static struct font_entry *lookup(struct font *font, uint64_t key, const char *text, size_t len)
{
    uint64_t hash = hash_text(key, text, len);
    struct font_entry **bucket = &font->buckets[hash & (FONT_BUCKETS - 1)];
    for (struct font_entry *e = *bucket; e; e = e->next_in_bucket) {
        if (e->hash == hash && e->key == key && e->len == len && !memcmp(e->text, text, len)) {
            lru_unlink(font, e);
            lru_push_front(font, e);
            return e;
        }
    }
    while (font->entries >= FONT_MAX_ENTRIES)
        evict_oldest(font);
    struct font_entry *e = calloc(1, sizeof *e + len + 1);
    if (!e)
        return NULL;
    e->hash = hash;
    e->key = key;
    e->len = len;
    memcpy(e->text, text, len);
    e->width = -1;
    e->next_in_bucket = *bucket;
    *bucket = e;
    lru_push_front(font, e); /* after the key: it picks the list */
    font->entries++;
    font->entry_bytes += sizeof *e + len + 1;
    return e;
}

/* Width of text, which is NUL-terminated (an entry's copy or font->whole). */
static int measure(struct font *font, enum ui_font style, const char *text, size_t len)
{
    struct font_style *st = &font->styles[style];
    size_t n = split_runs(font, style, text, len);
    if (n == 1 && !memchr(text, '\t', len)) /* the common case: no copy per run */
        return face_width(st, &st->faces[font->runs[0].face], text);
    int width;
    measure_runs(font, style, text, len, &width);
    return width;
}

int font_text_width(void *user, enum ui_font style, const char *text, size_t len)
{
    struct font *font = user;
    if (!len)
        return 0;
    font->stats.measures++;
    if (len > FONT_MAX_CACHED_MEASURE) {
        const char *copy = copy_into(&font->whole, &font->whole_cap, text, len);
        return copy ? measure(font, style, copy, len) : 0;
    }
    struct font_entry *e = lookup(font, entry_key(style, ENTRY_WIDTH, (ui_color){0, 0, 0, 0}), text, len);
    if (!e)
        return 0;
    if (e->width >= 0) {
        font->stats.measure_hits++;
        return e->width;
    }
    e->width = measure(font, style, e->text, len);
    return e->width;
}

int font_text_height(void *user, enum ui_font style)
{
    struct font *font = user;
    return font->styles[style].line_height;
}

/* ---- composing runs into one surface ---- */

/* Straight-alpha "over" of one ARGB pixel onto another. */
static void blend_pixel(Uint32 *d, Uint32 s)
{
    Uint32 sa = s >> 24, da = *d >> 24;
    if (sa == 0)
        return;
    if (sa == 255 || da == 0) {
        *d = s;
        return;
    }
    Uint32 keep = da * (255 - sa) / 255; /* the destination's share */
    Uint32 oa = sa + keep;
    Uint32 out = oa << 24;
    for (int shift = 0; shift < 24; shift += 8) {
        Uint32 sc = (s >> shift) & 0xFF, dc = (*d >> shift) & 0xFF;
        out |= ((sc * sa + dc * keep + oa / 2) / oa) << shift;
    }
    *d = out;
}

static Uint32 *pixel_row(SDL_Surface *s, int y)
{
    return (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
}

static void blend_over(SDL_Surface *dst, int dx, int dy, SDL_Surface *src)
{
    for (int y = 0; y < src->h; y++) {
        int ty = dy + y;
        if (ty < 0 || ty >= dst->h)
            continue;
        Uint32 *s = pixel_row(src, y), *d = pixel_row(dst, ty);
        for (int x = 0; x < src->w; x++) {
            int tx = dx + x;
            if (tx >= 0 && tx < dst->w)
                blend_pixel(&d[tx], s[x]);
        }
    }
}

/* Scales src to w x h at (dx, dy) with a box filter (each target pixel is
 * the alpha-weighted mean of the source pixels it covers): a colour emoji
 * strike shrinks about sevenfold, where nearest-pixel sampling would alias. */
static void blend_scaled(SDL_Surface *dst, int dx, int dy, int w, int h, SDL_Surface *src)
{
    for (int y = 0; y < h; y++) {
        int ty = dy + y;
        if (ty < 0 || ty >= dst->h)
            continue;
        int y0 = (int)((long long)y * src->h / h), y1 = (int)((long long)(y + 1) * src->h / h);
        if (y1 <= y0)
            y1 = y0 + 1;
        Uint32 *d = pixel_row(dst, ty);
        for (int x = 0; x < w; x++) {
            int tx = dx + x;
            if (tx < 0 || tx >= dst->w)
                continue;
            int x0 = (int)((long long)x * src->w / w), x1 = (int)((long long)(x + 1) * src->w / w);
            if (x1 <= x0)
                x1 = x0 + 1;
            Uint64 a = 0, r = 0, g = 0, b = 0, count = 0;
            for (int sy = y0; sy < y1 && sy < src->h; sy++) {
                const Uint32 *s = pixel_row(src, sy);
                for (int sx = x0; sx < x1 && sx < src->w; sx++) {
                    Uint32 p = s[sx], pa = p >> 24;
                    a += pa;
                    r += ((p >> 16) & 0xFF) * pa;
                    g += ((p >> 8) & 0xFF) * pa;
                    b += (p & 0xFF) * pa;
                    count++;
                }
            }
            if (!count || !a)
                continue;
            Uint32 out = (Uint32)((a + count / 2) / count) << 24 | (Uint32)((r + a / 2) / a) << 16 |
                         (Uint32)((g + a / 2) / a) << 8 | (Uint32)((b + a / 2) / a);
            blend_pixel(&d[tx], out);
        }
    }
}

/* Renders one run's text (NUL-terminated) as an ARGB8888 surface. */
static SDL_Surface *render_run(struct font *font, const struct font_face *f, const char *text, ui_color c)
{
    SDL_Color fg = f->color ? (SDL_Color){255, 255, 255, c.a} : (SDL_Color){c.r, c.g, c.b, c.a};
    font->stats.renders++;
    SDL_Surface *s = TTF_RenderUTF8_Blended(f->ttf, text, fg);
    if (s && s->format->format != SDL_PIXELFORMAT_ARGB8888) {
        SDL_Surface *converted = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(s);
        s = converted;
    }
    return s;
}

/* The text (NUL-terminated: an entry's copy) as one surface: each run in
 * its face, on the bundled face's baseline; fixed faces scaled to the line.
 * NULL when nothing shows. */
static SDL_Surface *compose(struct font *font, enum ui_font style, ui_color c, const char *text, size_t len)
{
    struct font_style *st = &font->styles[style];
    size_t n = split_runs(font, style, text, len);
    if (n == 1 && font->runs[0].face == 0) /* the common case: one TTF_Render*, no copy */
        return render_run(font, &st->faces[0], text, c);
    int width;
    n = measure_runs(font, style, text, len, &width);
    if (width <= 0)
        return NULL;
    SDL_Surface *out =
        SDL_CreateRGBSurfaceWithFormat(0, width, st->text_height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        return NULL;
    int x = 0;
    for (size_t r = 0; r < n; r++) {
        const struct font_run *run = &font->runs[r];
        const struct font_face *f = &st->faces[run->face];
        const char *copy = scratch_copy(font, text + run->start, run->len);
        SDL_Surface *s = copy ? render_run(font, f, copy, c) : NULL;
        if (s) {
            if (f->fixed)
                blend_scaled(out, x, 0, run->width, st->text_height, s);
            else
                blend_over(out, x, st->ascent - f->ascent, s);
            SDL_FreeSurface(s);
        }
        x += run->width;
    }
    return out;
}

SDL_Texture *font_text_texture(struct font *font, enum ui_font style, ui_color color, const char *text,
                               size_t len, int *w, int *h)
{
    font->stats.draws++;
    if (!len)
        return NULL;
    struct font_entry *e = lookup(font, entry_key(style, ENTRY_TEXTURE, color), text, len);
    if (!e)
        return NULL;
    if (e->drawn) {
        font->stats.draw_hits++;
        *w = e->width;
        *h = e->height;
        return e->texture;
    }
    /* SDL_ttf takes a foreground alpha of 0 as opaque; this draws nothing. */
    SDL_Surface *surface = color.a ? compose(font, style, color, e->text, len) : NULL;
    if (!surface) {
        e->drawn = true; /* nothing visible: no need to try again */
        return NULL;
    }
    e->texture = SDL_CreateTextureFromSurface(font->renderer, surface);
    e->width = surface->w;
    e->height = surface->h;
    SDL_FreeSurface(surface);
    if (!e->texture)
        return NULL;
    e->drawn = true;
    SDL_SetTextureBlendMode(e->texture, SDL_BLENDMODE_BLEND);
    e->texture_bytes = (size_t)e->width * (size_t)e->height * 4;
    font->texture_bytes += e->texture_bytes;
    /* Keep within the byte budget, never evicting the entry just made. */
    while (font->texture_bytes > FONT_MAX_TEXTURE_BYTES && font->lru_tail[ENTRY_TEXTURE] != e)
        evict(font, font->lru_tail[ENTRY_TEXTURE]);
    *w = e->width;
    *h = e->height;
    return e->texture;
}

void font_get_stats(const struct font *font, struct font_stats *stats)
{
    *stats = font->stats;
    stats->entries = font->entries;
    stats->texture_bytes = font->texture_bytes;
    stats->memory_bytes = font->entry_bytes + font->texture_bytes;
}
