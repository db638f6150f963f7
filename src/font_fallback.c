/* SPDX-License-Identifier: MIT */
/* font_fallback: finding installed fonts, for font.c (see font_internal.h).
 * A character no face of a style's chain has is looked for among the
 * system's fonts: through fontconfig where there is one (Linux), in the
 * Windows fonts folder otherwise (platform_fallback_fonts). The first
 * candidate that really has it joins the chain, at the style's size; a
 * search that finds nothing is remembered per style. font_find_installed
 * looks for an installed DejaVu Sans the same way, for a Ponte whose bundled
 * fonts are missing. */
#include "font_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"

/* ---- a fallback face joins the chain ---- */

/* Opens a fallback face for style at the current size; its index, or -1.
 * bold_face: the file's glyphs are bold already (1), not (0), or see its
 * style name (-1). */
static int add_face(struct font *font, enum ui_font style, const char *file, int index, bool color,
                    int bold_face)
{
    struct font_style *st = &font->styles[style];
    if (st->face_count >= FONT_MAX_FACES)
        return -1;
    size_t map_len = 0;
    const void *map = platform_map_file(file, &map_len);
    SDL_RWops *rw = map && map_len <= INT_MAX ? SDL_RWFromConstMem(map, (int)map_len) : NULL;
    TTF_Font *ttf = rw ? TTF_OpenFontIndexDPIRW(rw, 1, st->points, index, font->dpi, font->dpi)
                       : TTF_OpenFontIndexDPI(file, st->points, index, font->dpi, font->dpi);
    char *copy = ttf ? malloc(strlen(file) + 1) : NULL;
    if (!copy) {
        if (ttf)
            TTF_CloseFont(ttf);
        platform_unmap_file(map, map_len);
        return -1;
    }
    strcpy(copy, file);
    /* A bitmap-only face takes the size as a strike index and keeps its
     * height whatever the size: ask for twice the size and see. */
    int h = TTF_FontHeight(ttf);
    bool fixed = TTF_SetFontSizeDPI(ttf, st->points, font->dpi * 2, font->dpi * 2) == 0 &&
                 TTF_FontHeight(ttf) < h + h / 2;
    TTF_SetFontSizeDPI(ttf, st->points, font->dpi, font->dpi);
    TTF_SetFontHinting(ttf, PONTE_HINTING);
    /* The bold style gets bold glyphs even from a regular-only fallback. */
    if (bold_face < 0) {
        const char *name = TTF_FontFaceStyleName(ttf);
        bold_face = name && (strstr(name, "Bold") || strstr(name, "Black") || strstr(name, "Semibold"));
    }
    if (style == UI_FONT_LABEL && !bold_face && !color && !fixed)
        TTF_SetFontStyle(ttf, TTF_STYLE_BOLD);
    struct font_face *f = &st->faces[st->face_count];
    *f = (struct font_face){.ttf = ttf,
                            .file = copy,
                            .index = index,
                            .map = map,
                            .map_len = map_len,
                            .color = color,
                            .fixed = fixed};
    font_face_metrics(f);
    if (f->height <= 0) {
        TTF_CloseFont(ttf);
        platform_unmap_file(map, map_len);
        free(copy);
        memset(f, 0, sizeof *f);
        return -1;
    }
    return st->face_count++;
}

static void drop_last_face(struct font_style *st)
{
    font_face_close(&st->faces[--st->face_count]);
}

static bool has_face(const struct font_style *st, const char *file, int index)
{
    for (int k = 1; k < st->face_count; k++)
        if (st->faces[k].index == index && !strcmp(st->faces[k].file, file))
            return true;
    return false;
}

/* A fallback candidate joins the style's chain if it has cp: its index
 * there, or -1 (already in the chain without the glyph, unreadable, or
 * without cp). */
static int try_face(struct font *font, enum ui_font style, const char *file, int index, bool color,
                    int bold_face, uint32_t cp)
{
    struct font_style *st = &font->styles[style];
    if (has_face(st, file, index))
        return -1; /* already in the chain, and SDL_ttf found no glyph there */
    int k = add_face(font, style, file, index, color, bold_face);
    if (k < 0)
        return -1;
    if (!TTF_GlyphIsProvided32(st->faces[k].ttf, cp)) {
        drop_last_face(st);
        return -1;
    }
    return k;
}

/* ---- searching the system's fonts ---- */

/* True when dir has every file of font_bundled. */
static bool has_all_faces(const char *dir)
{
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        char path[PLATFORM_PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", dir, font_bundled[i].file) >= (int)sizeof path)
            return false;
        FILE *f = fopen(path, "rb");
        if (!f)
            return false;
        fclose(f);
    }
    return true;
}

#if defined(PONTE_FONTCONFIG)
static bool fc_ready(struct font *font)
{
    if (font->fc_state == 0) {
        /* Our own configuration, not the process-wide one, so closing the
         * font frees it. With no configuration file fontconfig falls back to
         * its built-in one; with no fonts every search simply misses. */
        font->fc = FcInitLoadConfigAndFonts();
        font->fc_state = font->fc ? 1 : -1;
    }
    return font->fc_state > 0;
}

/* Asks fontconfig for an installed font with cp (a colour one if color),
 * in the style's weight, and adds it to the chain: its index, or -1. */
static int query_fallback(struct font *font, enum ui_font style, uint32_t cp, bool color)
{
    struct font_style *st = &font->styles[style];
    if (st->face_count >= FONT_MAX_FACES || (color && font->no_color_fonts) || !fc_ready(font))
        return -1;
    font->stats.fallback_queries++;
    int found = -1;
    FcFontSet *set = NULL;
    FcPattern *pattern = FcPatternCreate();
    FcCharSet *charset = FcCharSetCreate();
    if (!pattern || !charset || !FcCharSetAddChar(charset, cp))
        goto done;
    FcPatternAddCharSet(pattern, FC_CHARSET, charset);
    FcPatternAddString(pattern, FC_FAMILY, (const FcChar8 *)(color ? "emoji" : "sans-serif"));
    FcPatternAddInteger(pattern, FC_WEIGHT, style == UI_FONT_LABEL ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
    if (color)
        FcPatternAddBool(pattern, FC_COLOR, FcTrue);
    if (!FcConfigSubstitute(font->fc, pattern, FcMatchPattern))
        goto done;
    FcDefaultSubstitute(pattern);
    FcResult result;
    /* Sorted best first; the first that really has cp wins. FcFontMatch
     * alone returns the best font even when it lacks the character. */
    set = FcFontSort(font->fc, pattern, FcFalse, NULL, &result);
    bool any_color = false;
    for (int i = 0; set && i < set->nfont && found < 0; i++) {
        FcPattern *candidate = set->fonts[i];
        FcCharSet *has;
        FcChar8 *file;
        int index = 0, weight = FC_WEIGHT_REGULAR;
        FcBool is_color = FcFalse;
        FcPatternGetBool(candidate, FC_COLOR, 0, &is_color);
        any_color = any_color || is_color;
        if (color && !is_color)
            continue;
        if (FcPatternGetCharSet(candidate, FC_CHARSET, 0, &has) != FcResultMatch ||
            !FcCharSetHasChar(has, cp))
            continue;
        if (FcPatternGetString(candidate, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(candidate, FC_INDEX, 0, &index);
        FcPatternGetInteger(candidate, FC_WEIGHT, 0, &weight);
        found = try_face(font, style, (const char *)file, index, is_color, weight >= FC_WEIGHT_DEMIBOLD, cp);
    }
    if (color && set && !any_color)
        font->no_color_fonts = true;
done:
    if (set)
        FcFontSetDestroy(set);
    if (charset)
        FcCharSetDestroy(charset);
    if (pattern)
        FcPatternDestroy(pattern);
    return found;
}

bool font_find_installed(char *dir, size_t n)
{
    /* A configuration of its own, freed here: this runs before any window
     * or struct font exists, and only when the bundled fonts are missing. */
    FcConfig *fc = FcInitLoadConfigAndFonts();
    if (!fc)
        return false;
    bool found = false;
    FcPattern *pattern = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, (const FcChar8 *)"DejaVu Sans", (char *)NULL);
    FcObjectSet *objects = FcObjectSetBuild(FC_FILE, (char *)NULL);
    /* A list, not a match: FcFontMatch always offers some font. Every face
     * of the family is listed (regular, bold, oblique, condensed ...); the
     * regular one's file names the folder, which must have the rest. */
    FcFontSet *set = pattern && objects ? FcFontList(fc, pattern, objects) : NULL;
    for (int i = 0; set && i < set->nfont && !found; i++) {
        FcChar8 *file;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        const char *name = strrchr((const char *)file, '/');
        if (!name || strcmp(name + 1, font_bundled[UI_FONT_BODY].file) != 0)
            continue;
        int k = snprintf(dir, n, "%.*s", (int)(name - (const char *)file), (const char *)file);
        found = k > 0 && (size_t)k < n && has_all_faces(dir);
    }
    if (set)
        FcFontSetDestroy(set);
    if (objects)
        FcObjectSetDestroy(objects);
    if (pattern)
        FcPatternDestroy(pattern);
    FcConfigDestroy(fc);
    return found;
}
#else
/* Without fontconfig (Windows): the system's fonts folder, through
 * platform_fallback_fonts: its colour fonts for emoji, then the named
 * fonts for symbols and scripts, then every other font there. Each
 * candidate is opened and asked; the first that has cp joins the chain. */
static int query_fallback(struct font *font, enum ui_font style, uint32_t cp, bool color)
{
    struct font_style *st = &font->styles[style];
    if (st->face_count >= FONT_MAX_FACES || (color && font->no_color_fonts) || font->fc_state < 0)
        return -1;
    font->stats.fallback_queries++;
    bool bold = style == UI_FONT_LABEL;
    size_t count = 0, color_count = 0;
    char **files = platform_fallback_fonts(bold, &count, &color_count);
    if (!files) {
        font->fc_state = -1; /* no fonts folder: no fallback */
        return -1;
    }
    if (color && color_count == 0)
        font->no_color_fonts = true;
    int found = -1;
    for (size_t i = color ? 0 : color_count; i < (color ? color_count : count) && found < 0; i++)
        found = try_face(font, style, files[i], 0, color, -1, cp);
    platform_free_list(files, count);
    return found;
}

bool font_find_installed(char *dir, size_t n)
{
    /* Without fontconfig (Windows): DejaVu Sans installed in the system's
     * fonts folder or the person's own. */
    static const char *const places[][2] = {{"WINDIR", "Fonts"},
                                            {"LOCALAPPDATA", "Microsoft/Windows/Fonts"}};
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        const char *root = getenv(places[i][0]);
        if (!root || !*root)
            continue;
        int k = snprintf(dir, n, "%s/%s", root, places[i][1]);
        if (k > 0 && (size_t)k < n && has_all_faces(dir))
            return true;
    }
    return false;
}
#endif

/* ---- the memo of misses ---- */

static bool miss_has(const struct font_style *st, uint32_t key)
{
    for (size_t i = (key * 2654435761u) & (FONT_MISS_SLOTS - 1);; i = (i + 1) & (FONT_MISS_SLOTS - 1)) {
        if (st->misses[i] == key)
            return true;
        if (!st->misses[i])
            return false;
    }
}

static void miss_add(struct font_style *st, uint32_t key)
{
    if (st->miss_count >= FONT_MISS_SLOTS / 4 * 3) {
        memset(st->misses, 0, sizeof st->misses);
        st->miss_count = 0;
    }
    size_t i = (key * 2654435761u) & (FONT_MISS_SLOTS - 1);
    while (st->misses[i])
        i = (i + 1) & (FONT_MISS_SLOTS - 1);
    st->misses[i] = key;
    st->miss_count++;
}

int font_fallback_face(struct font *font, enum ui_font style, uint32_t cp, bool color)
{
    struct font_style *st = &font->styles[style];
    uint32_t key = (cp + 1) | (color ? FONT_MISS_COLOR : 0);
    if (miss_has(st, key))
        return -1;
    int k = query_fallback(font, style, cp, color);
    if (k < 0)
        miss_add(st, key);
    return k;
}

void font_fallback_close(struct font *font)
{
#if defined(PONTE_FONTCONFIG)
    if (font->fc)
        FcConfigDestroy(font->fc);
#else
    (void)font;
#endif
}
