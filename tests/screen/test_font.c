/* SPDX-License-Identifier: MIT */
/* font: the real faces, headless. Text is drawn through SDL's software
 * renderer and read back. The CJK and colour emoji checks need the fonts
 * that .ci/run installs (Droid Sans Fallback, Noto Color Emoji): without
 * them they fail, they do not skip. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, mkdtemp, setenv, strdup, clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "check.h"
#include "font.h"

#define W 640
#define H 160

static SDL_Window *window;
static SDL_Renderer *renderer;

static const ui_color white = {255, 255, 255, 255};
static const ui_color black = {0, 0, 0, 255};
static const ui_color red = {220, 0, 0, 255};
static const ui_color blue = {0, 0, 220, 255};
static const ui_color grey_bg = {128, 128, 128, 255};

#define NO_GLYPH "\xf4\x8f\xbf\xbd" /* U+10FFFD: private use, in no font */

static const char *assets_dir(void)
{
    const char *dir = getenv("PONTE_DATADIR");
    return dir && *dir ? dir : "assets";
}

static struct font *open_font(float scale)
{
    char err[512];
    struct font *font = font_open(renderer, assets_dir(), scale, err, sizeof err);
    if (!font)
        fprintf(stderr, "font_open: %s\n", err);
    return font;
}

static int width(struct font *font, enum ui_font style, const char *s)
{
    return font_text_width(font, style, s, strlen(s));
}

/* What one text drew: its size and the pixels of the frame, text at (0,0)
 * on bg. */
struct shot {
    int w, h;
    Uint32 px[W * H];
};

static bool draw(struct font *font, enum ui_font style, ui_color color, ui_color bg, const char *s,
                 struct shot *shot)
{
    SDL_SetRenderDrawColor(renderer, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(renderer);
    shot->w = shot->h = 0;
    SDL_Texture *t = font_text_texture(font, style, color, s, strlen(s), &shot->w, &shot->h);
    if (t) {
        SDL_Rect dst = {0, 0, shot->w, shot->h};
        SDL_RenderCopy(renderer, t, NULL, &dst);
    }
    SDL_RenderReadPixels(renderer, NULL, SDL_PIXELFORMAT_ARGB8888, shot->px, W * 4);
    return t != NULL;
}

static Uint32 rgb(ui_color c)
{
    return (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
}

/* Pixels in the first w columns that are not bg. */
static int ink(const struct shot *shot, ui_color bg, int w)
{
    int n = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < w && x < W; x++)
            n += (shot->px[y * W + x] & 0xFFFFFF) != rgb(bg);
    return n;
}

/* Pixels whose red, green and blue all differ: colour, not grey. */
static int colourful(const struct shot *shot)
{
    int n = 0;
    for (int i = 0; i < W * H; i++) {
        int r = (shot->px[i] >> 16) & 0xFF, g = (shot->px[i] >> 8) & 0xFF, b = shot->px[i] & 0xFF;
        n += r != g && g != b && r != b && abs(r - g) + abs(g - b) > 40;
    }
    return n;
}

/* Pixels close to c. */
static int near(const struct shot *shot, ui_color c)
{
    int n = 0;
    for (int i = 0; i < W * H; i++) {
        int r = (shot->px[i] >> 16) & 0xFF, g = (shot->px[i] >> 8) & 0xFF, b = shot->px[i] & 0xFF;
        n += abs(r - c.r) < 30 && abs(g - c.g) < 30 && abs(b - c.b) < 30;
    }
    return n;
}

static size_t runs_of(struct font *font, enum ui_font style, const char *s, struct font_run *runs, size_t max)
{
    return font_runs(font, style, s, strlen(s), runs, max);
}

static void test_latin(struct font *font)
{
    struct font_stats before, after;
    font_get_stats(font, &before);
    const char *pt = "Olá, ação! Português: çÇãõÁÉÍÓÚâêô àü «—» 0123 €";
    struct font_run runs[4];
    CHECK(runs_of(font, UI_FONT_BODY, pt, runs, 4) == 1);
    CHECK(runs[0].face == 0 && runs[0].len == strlen(pt));
    CHECK(runs_of(font, UI_FONT_LABEL, pt, runs, 4) == 1 && runs[0].face == 0);
    CHECK(width(font, UI_FONT_BODY, pt) > 0);
    font_get_stats(font, &after);
    CHECK_MSG(after.fallback_queries == before.fallback_queries, "DejaVu should need no fallback here");
    CHECK(font_face_count(font, UI_FONT_BODY) == 1);
    /* A decomposed accent stays with its letter. */
    CHECK(runs_of(font, UI_FONT_BODY, "ac\xcc\xa7\xc3\xa3o", runs, 4) == 1);
}

static void test_cjk(struct font *font)
{
    struct font_run runs[8];
    const char *hello = "你好";
    int w = width(font, UI_FONT_BODY, hello);
    CHECK_MSG(w > 10, "width %d", w);
    size_t n = runs_of(font, UI_FONT_BODY, hello, runs, 8);
    CHECK(n == 1);
    CHECK_MSG(n == 1 && runs[0].face >= 1, "CJK needs a fallback face (install fonts-droid-fallback)");
    CHECK(font_face_count(font, UI_FONT_BODY) >= 2);
    if (n == 1 && runs[0].face >= 1)
        printf("font: CJK from \"%s\"\n", font_face_name(font, UI_FONT_BODY, runs[0].face));

    static struct shot shot;
    CHECK(draw(font, UI_FONT_BODY, black, white, hello, &shot));
    CHECK(shot.w == w);
    int composed_h = shot.h;
    static struct shot latin;
    CHECK(draw(font, UI_FONT_BODY, black, white, "abc", &latin));
    CHECK_MSG(composed_h == latin.h, "a fallback run is %d high, DejaVu text %d", composed_h, latin.h);
    int dots = ink(&shot, white, shot.w);
    CHECK_MSG(dots > 40, "CJK drew %d pixels", dots);
    /* Not boxes: a box is an outline, a real glyph has more ink and no
     * hollow frame; compare with two boxes. */
    static struct shot boxes;
    draw(font, UI_FONT_BODY, black, white, NO_GLYPH NO_GLYPH, &boxes);
    CHECK_MSG(dots != ink(&boxes, white, boxes.w), "CJK looks like missing-glyph boxes");

    /* Mixed text: runs in order, the width is their sum. */
    const char *mixed = "Olá 你好 mundo";
    n = runs_of(font, UI_FONT_BODY, mixed, runs, 8);
    CHECK(n == 3);
    int sum = 0;
    for (size_t i = 0; i < n && i < 8; i++)
        sum += runs[i].width;
    CHECK(sum == width(font, UI_FONT_BODY, mixed));
    CHECK(n == 3 && runs[0].face == 0 && runs[1].face >= 1 && runs[2].face == 0);
    CHECK(n == 3 && runs[1].start == strlen("Olá ") && runs[1].len == strlen("你好"));
    CHECK(draw(font, UI_FONT_BODY, black, white, mixed, &shot) && shot.w == sum);

    /* The bold style finds its own fallback. */
    n = runs_of(font, UI_FONT_LABEL, hello, runs, 8);
    CHECK(n == 1 && runs[0].face >= 1);
    CHECK(width(font, UI_FONT_LABEL, hello) > 10);
}

static void test_emoji(struct font *font)
{
    struct font_run runs[8];
    const char *grin = "😀";
    size_t n = runs_of(font, UI_FONT_BODY, grin, runs, 8);
    CHECK(n == 1);
    CHECK_MSG(n == 1 && runs[0].color, "no colour emoji face (install fonts-noto-color-emoji)");
    int lh = font_text_height(font, UI_FONT_BODY);
    int w = width(font, UI_FONT_BODY, grin);
    CHECK_MSG(w >= lh / 2 && w <= lh * 2, "emoji width %d for line height %d", w, lh);

    static struct shot shot;
    CHECK(draw(font, UI_FONT_BODY, black, grey_bg, grin, &shot));
    CHECK(shot.w == w);
    CHECK_MSG(shot.h <= lh + 4, "emoji texture %d high, line %d", shot.h, lh);
    int colours = colourful(&shot);
    CHECK_MSG(colours > 20, "emoji drew %d colourful pixels", colours);
    /* The text colour does not tint it. */
    CHECK(draw(font, UI_FONT_BODY, blue, grey_bg, grin, &shot) && colourful(&shot) == colours);

    /* Text and emoji in one string: two runs, one texture. */
    n = runs_of(font, UI_FONT_BODY, "oi 😀", runs, 8);
    CHECK(n == 2 && runs[0].face == 0 && runs[1].color);
    CHECK(draw(font, UI_FONT_BODY, black, grey_bg, "oi 😀", &shot) && colourful(&shot) > 20);

    /* Sequences stay in one run: a ZWJ family, a flag, a keycap, a skin
     * tone, a heart asked to be an emoji with U+FE0F. */
    const char *sequences[] = {"👨\u200d👩\u200d👧", "🇧🇷", "1\ufe0f\u20e3", "👍🏽", "❤\ufe0f"};
    for (size_t i = 0; i < sizeof sequences / sizeof *sequences; i++) {
        n = runs_of(font, UI_FONT_BODY, sequences[i], runs, 8);
        CHECK_MSG(n == 1 && runs[0].color, "sequence %zu: %zu runs", i, n);
    }
    /* The ZWJ family is one glyph, not three. */
    CHECK(width(font, UI_FONT_BODY, "👨\u200d👩\u200d👧") < 2 * w);
    /* A heart without U+FE0F is text: DejaVu's. */
    n = runs_of(font, UI_FONT_BODY, "❤", runs, 8);
    CHECK(n == 1 && runs[0].face == 0);
}

static void test_missing(struct font *font)
{
    const char *cps[] = {NO_GLYPH, "\xee\x80\x80" /* U+E000 */};
    int zero = width(font, UI_FONT_BODY, "0");
    for (size_t i = 0; i < 2; i++) {
        for (int style = 0; style < UI_FONT_COUNT; style++) {
            int w = width(font, style, cps[i]);
            int z = width(font, style, "0");
            CHECK_MSG(w > 0 && abs(w - z) <= z / 2 + 1, "box %zu style %d: %d wide, 0 is %d", i, style, w, z);
            static struct shot shot;
            CHECK(draw(font, style, black, white, cps[i], &shot));
            CHECK_MSG(ink(&shot, white, shot.w) >= 2 * font_text_height(font, style) / 2,
                      "box %zu style %d is not visible", i, style);
            /* A box: dark frame with white inside at the middle. */
            int mx = shot.w / 2, my = shot.h / 2;
            CHECK((shot.px[my * W + mx] & 0xFFFFFF) == 0xFFFFFF);
        }
    }
    /* In the middle of text the box takes its place too. */
    CHECK(width(font, UI_FONT_BODY, "a" NO_GLYPH "z") >= width(font, UI_FONT_BODY, "az") + zero / 2);
    /* A miss asks fontconfig once, not on every measure. */
    struct font_stats before, after;
    width(font, UI_FONT_BODY, "x" NO_GLYPH);
    font_get_stats(font, &before);
    for (int i = 0; i < 50; i++) {
        char s[32];
        snprintf(s, sizeof s, "%d" NO_GLYPH, i);
        width(font, UI_FONT_BODY, s);
    }
    font_get_stats(font, &after);
    CHECK_MSG(after.fallback_queries == before.fallback_queries, "%llu fontconfig searches for a known miss",
              (unsigned long long)(after.fallback_queries - before.fallback_queries));
    /* Control characters are boxes too, never silently skipped. */
    CHECK(width(font, UI_FONT_BODY, "a\001z") > width(font, UI_FONT_BODY, "az"));
}

static void test_cache(struct font *font)
{
    static struct shot shot;
    struct font_stats a, b, c;
    font_get_stats(font, &a);
    draw(font, UI_FONT_BODY, red, white, "cache me", &shot);
    draw(font, UI_FONT_BODY, red, white, "cache me", &shot);
    font_get_stats(font, &b);
    CHECK_MSG(b.renders - a.renders == 1, "%llu renders", (unsigned long long)(b.renders - a.renders));
    CHECK(b.draws - a.draws == 2 && b.draw_hits - a.draw_hits == 1);
    CHECK(near(&shot, red) > 10 && near(&shot, blue) == 0);
    /* The colour is part of the key. */
    draw(font, UI_FONT_BODY, blue, white, "cache me", &shot);
    font_get_stats(font, &c);
    CHECK(c.renders - b.renders == 1 && c.draw_hits == b.draw_hits);
    CHECK(near(&shot, blue) > 10 && near(&shot, red) == 0);
    /* Alpha comes from the colour. */
    draw(font, UI_FONT_BODY, (ui_color){0, 0, 0, 0}, white, "cache me", &shot);
    CHECK(ink(&shot, white, W) == 0);
    /* Measures are cached apart from colours. */
    font_get_stats(font, &a);
    width(font, UI_FONT_BODY, "measure me");
    width(font, UI_FONT_BODY, "measure me");
    font_get_stats(font, &b);
    CHECK(b.measures - a.measures == 2 && b.measure_hits - a.measure_hits == 1);
    CHECK(b.memory_bytes >= b.texture_bytes + b.entries * sizeof(void *));
    /* A mixed string is one texture from one TTF_Render* per run, and a
     * repeat renders nothing. */
    font_get_stats(font, &a);
    draw(font, UI_FONT_BODY, black, white, "a 你 😀 b", &shot);
    draw(font, UI_FONT_BODY, black, white, "a 你 😀 b", &shot);
    font_get_stats(font, &b);
    CHECK_MSG(b.renders - a.renders == 5, "%llu renders", (unsigned long long)(b.renders - a.renders));
}

static void test_bounds(struct font *font)
{
    struct font_stats st;
    char s[64];
    for (int i = 0; i < FONT_MAX_ENTRIES + 2000; i++) {
        snprintf(s, sizeof s, "distinct string %d", i);
        width(font, UI_FONT_SMALL, s);
    }
    font_get_stats(font, &st);
    CHECK_MSG(st.entries <= FONT_MAX_ENTRIES, "%zu entries", st.entries);
    /* Wide textures until the byte budget binds. */
    static char wide[400];
    char ws[301];
    memset(ws, 'W', 300);
    ws[300] = '\0';
    int w = 0, h = 0;
    size_t most = 0;
    for (int i = 0; i < 600; i++) {
        snprintf(wide, sizeof wide, "%d %s", i, ws);
        CHECK(font_text_texture(font, UI_FONT_LABEL, black, wide, strlen(wide), &w, &h) != NULL);
        font_get_stats(font, &st);
        most = st.texture_bytes > most ? st.texture_bytes : most;
    }
    CHECK_MSG(most <= FONT_MAX_TEXTURE_BYTES, "%zu texture bytes", most);
    CHECK_MSG(most > FONT_MAX_TEXTURE_BYTES / 2, "the flood should have reached the budget (%zu)", most);
    font_get_stats(font, &st);
    printf("font: flooded cache: %zu entries, %.1f MiB of textures, %.1f MiB in all\n", st.entries,
           st.texture_bytes / 1048576.0, st.memory_bytes / 1048576.0);
    /* Entries without textures: what an entry costs besides its pixels. */
    font_set_scale(font, 1.0f); /* empties the cache */
    for (int i = 0; i < FONT_MAX_ENTRIES; i++) {
        snprintf(s, sizeof s, "mensagem número %d", i);
        width(font, UI_FONT_BODY, s);
    }
    font_get_stats(font, &st);
    CHECK(st.texture_bytes == 0 && st.memory_bytes > 0);
    printf("font: %zu measured strings of about 20 bytes: %.0f bytes per entry\n", st.entries,
           (double)st.memory_bytes / (double)st.entries);
}

static void test_scale(struct font *font)
{
    const char *text = "Escala 你 😀";
    int lh = font_text_height(font, UI_FONT_BODY);
    int w = width(font, UI_FONT_BODY, text);
    struct font_stats st;
    CHECK(font_set_scale(font, 2.0f));
    font_get_stats(font, &st);
    CHECK(st.entries == 0 && st.texture_bytes == 0);
    int lh2 = font_text_height(font, UI_FONT_BODY);
    int w2 = width(font, UI_FONT_BODY, text);
    CHECK_MSG(lh2 >= lh * 2 - 2 && lh2 <= lh * 2 + 2, "line height %d at 1x, %d at 2x", lh, lh2);
    CHECK_MSG(w2 >= w * 2 - 6 && w2 <= w * 2 + 6, "width %d at 1x, %d at 2x", w, w2);
    /* The fallback and emoji faces grew with it. */
    struct font_run runs[4];
    size_t n = runs_of(font, UI_FONT_BODY, "你😀", runs, 4);
    CHECK(n == 2 && runs[0].width > lh2 / 2 && runs[1].width > lh2 / 2);
    static struct shot shot;
    CHECK(draw(font, UI_FONT_BODY, black, grey_bg, "😀", &shot) && shot.h >= lh2 - 2 && colourful(&shot) > 80);
    CHECK(!font_set_scale(font, 0.0f) && !font_set_scale(font, 100.0f));
    CHECK(font_text_height(font, UI_FONT_BODY) == lh2);
    CHECK(font_set_scale(font, 1.0f));
    CHECK(font_text_height(font, UI_FONT_BODY) == lh && width(font, UI_FONT_BODY, text) == w);
}

static void test_no_fontconfig(void)
{
    /* A configuration with no font folders: no fallback, boxes, no crash. */
    char conf[] = "/tmp/ponte-font-XXXXXX";
    int fd = mkstemp(conf);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    const char *xml = "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n";
    CHECK(write(fd, xml, strlen(xml)) == (ssize_t)strlen(xml));
    close(fd);
    const char *old = getenv("FONTCONFIG_FILE");
    char *saved = old ? strdup(old) : NULL;
    setenv("FONTCONFIG_FILE", conf, 1);
    struct font *font = open_font(1.0f);
    CHECK(font != NULL);
    if (font) {
        struct font_run runs[4];
        CHECK(width(font, UI_FONT_BODY, "你好") > 0);
        CHECK(runs_of(font, UI_FONT_BODY, "你好 😀", runs, 4) == 1 && runs[0].face == 0);
        CHECK(font_face_count(font, UI_FONT_BODY) == 1);
        static struct shot shot;
        CHECK(draw(font, UI_FONT_BODY, black, white, "你好", &shot) && ink(&shot, white, shot.w) > 20);
        font_close(font);
    }
    /* No configuration file at all: fontconfig's built-in one, or nothing. */
    setenv("FONTCONFIG_FILE", "/nonexistent/ponte/fonts.conf", 1);
    font = open_font(1.0f);
    CHECK(font != NULL);
    if (font) {
        CHECK(width(font, UI_FONT_BODY, "你好 😀") > 0);
        font_close(font);
    }
    if (saved)
        setenv("FONTCONFIG_FILE", saved, 1);
    else
        unsetenv("FONTCONFIG_FILE");
    free(saved);
    unlink(conf);
}

static void test_broken_bundle(void)
{
    char dir[] = "/tmp/ponte-fontdir-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256], err[512];
    snprintf(path, sizeof path, "%s/DejaVuSans.ttf", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("not a font at all", f);
        fclose(f);
    }
    err[0] = '\0';
    CHECK(font_open(renderer, dir, 1.0f, err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, "cannot open the font") && strstr(err, path), "error: %s", err);
    unlink(path);
    err[0] = '\0';
    CHECK(font_open(renderer, dir, 1.0f, err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, path) != NULL, "error: %s", err);
    rmdir(dir);
}

static bool copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    FILE *out = in ? fopen(to, "wb") : NULL;
    bool ok = in && out;
    char buf[65536];
    size_t got;
    while (ok && (got = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, got, out) == got;
    ok = ok && !ferror(in);
    if (out)
        ok = fclose(out) == 0 && ok;
    if (in)
        fclose(in);
    return ok;
}

/* Removes dir and the files in it (fontconfig's cache files). */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        char path[4200];
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
                unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* A Ponte without its bundled fonts takes the installed DejaVu Sans that
 * fontconfig knows: the folder of its regular face, when the bold and mono
 * faces are there too. */
static void test_installed(void)
{
    char found[4096], err[512];
    /* The system's configuration: Debian's fonts-dejavu-core (which .ci/run
     * installs) has all three faces in one folder. */
    bool system = font_find_installed(found, sizeof found);
    CHECK_MSG(system, "fontconfig knows no DejaVu Sans with all its faces (apt-get install fonts-dejavu-core)");
    if (system) {
        printf("font: the installed DejaVu Sans is in %s\n", found);
        struct font *font = font_open(renderer, found, 1.0f, err, sizeof err);
        CHECK_MSG(font != NULL, "font_open(%s): %s", found, err);
        if (font)
            font_close(font);
    }

    /* A configuration whose only folder holds copies of the bundled faces:
     * that folder, and nowhere else. */
    char base[] = "/tmp/ponte-fc-XXXXXX";
    CHECK(mkdtemp(base) != NULL);
    char fonts[64], cache[64], conf[64];
    snprintf(fonts, sizeof fonts, "%s/fonts", base);
    snprintf(cache, sizeof cache, "%s/cache", base);
    snprintf(conf, sizeof conf, "%s/fonts.conf", base);
    CHECK(mkdir(fonts, 0700) == 0);
    static const char *const faces[] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"};
    for (size_t i = 0; i < sizeof faces / sizeof faces[0]; i++) {
        char from[4200], to[4200];
        snprintf(from, sizeof from, "%s/%s", assets_dir(), faces[i]);
        snprintf(to, sizeof to, "%s/%s", fonts, faces[i]);
        CHECK_MSG(copy_file(from, to), "copying %s to %s", from, to);
    }
    FILE *f = fopen(conf, "w");
    CHECK(f != NULL);
    if (f) {
        fprintf(f, "<?xml version=\"1.0\"?>\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n",
                fonts, cache);
        fclose(f);
    }
    const char *old = getenv("FONTCONFIG_FILE");
    char *saved = old ? strdup(old) : NULL;
    setenv("FONTCONFIG_FILE", conf, 1);
    found[0] = '\0';
    CHECK_MSG(font_find_installed(found, sizeof found) && !strcmp(found, fonts), "found '%s', not %s", found,
              fonts);
    struct font *font = font_open(renderer, fonts, 1.0f, err, sizeof err);
    CHECK_MSG(font != NULL, "font_open(%s): %s", fonts, err);
    if (font)
        font_close(font);
    /* Without the bold face the folder is not taken: font_open would fail. */
    char path[4200];
    snprintf(path, sizeof path, "%s/DejaVuSans-Bold.ttf", fonts);
    unlink(path);
    CHECK(!font_find_installed(found, sizeof found));
    /* Only DejaVu Sans Mono: another family, not taken for DejaVu Sans. */
    snprintf(path, sizeof path, "%s/DejaVuSans.ttf", fonts);
    unlink(path);
    CHECK(!font_find_installed(found, sizeof found));
    if (saved)
        setenv("FONTCONFIG_FILE", saved, 1);
    else
        unsetenv("FONTCONFIG_FILE");
    free(saved);
    remove_dir(fonts);
    remove_dir(cache);
    unlink(conf);
    rmdir(base);
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Uncached measuring (strings over the cache's length limit) of plain
 * Latin text, of text with fallback runs and of CJK alone, and SDL_ttf's
 * own TTF_SizeUTF8 on the Latin text: printed, not asserted. */
static void measure_costs(struct font *font)
{
    static char latin[1200], mixed[1200], cjk[1200];
    while (strlen(latin) < 1000)
        strcat(latin, "Olá, tudo bem? Ação rápida. ");
    while (strlen(mixed) < 1000)
        strcat(mixed, "Olá 你好 😀 tudo bem? ");
    while (strlen(cjk) < 1000)
        strcat(cjk, "你好世界，这是一个测试。");
    char path[1024];
    snprintf(path, sizeof path, "%s/DejaVuSans.ttf", assets_dir());
    TTF_Font *plain = TTF_Init() == 0 ? TTF_OpenFont(path, 15) : NULL;
    if (plain) {
        TTF_SetFontHinting(plain, TTF_HINTING_LIGHT); /* as font.c sets it */
        int w, h, rounds = 200;
        TTF_SizeUTF8(plain, latin, &w, &h);
        double start = now_ns();
        for (int i = 0; i < rounds; i++)
            TTF_SizeUTF8(plain, latin, &w, &h);
        printf("font: TTF_SizeUTF8 alone on Latin: %.1f ns per byte\n",
               (now_ns() - start) / rounds / (double)strlen(latin));
        TTF_CloseFont(plain);
        TTF_Quit();
    }
    const char *texts[] = {latin, mixed, cjk};
    const char *names[] = {"Latin", "Latin+CJK+emoji", "CJK"};
    for (int t = 0; t < 3; t++) {
        size_t len = strlen(texts[t]);
        width(font, UI_FONT_BODY, texts[t]); /* faces found, glyph caches warm */
        int rounds = 200;
        double start = now_ns();
        for (int i = 0; i < rounds; i++)
            width(font, UI_FONT_BODY, texts[t]);
        double ns = (now_ns() - start) / rounds / (double)len;
        struct font_run runs[1];
        size_t n = font_runs(font, UI_FONT_BODY, texts[t], len, runs, 1);
        printf("font: measuring %s: %.1f ns per byte (%zu bytes, %zu runs)\n", names[t], ns, len, n);
    }
}

/* A tab (kept by the text box) is a space, not the missing-glyph box, in
 * widths and on screen. */
static void test_tab(struct font *font)
{
    int space = font_text_width(font, UI_FONT_BODY, "a b", 3);
    CHECK(font_text_width(font, UI_FONT_BODY, "a\tb", 3) == space);
    CHECK(font_text_width(font, UI_FONT_BODY, "\t", 1) == font_text_width(font, UI_FONT_BODY, " ", 1));
    /* Also in a text long enough to skip the cache, and in a mixed one. */
    char longer[600];
    memset(longer, 'x', sizeof longer);
    longer[300] = '\t';
    int with_tab = font_text_width(font, UI_FONT_BODY, longer, sizeof longer);
    longer[300] = ' ';
    CHECK(with_tab == font_text_width(font, UI_FONT_BODY, longer, sizeof longer));
    CHECK(font_text_width(font, UI_FONT_BODY, "\xE4\xBD\xA0\tb", 5) ==
          font_text_width(font, UI_FONT_BODY, "\xE4\xBD\xA0 b", 5));
}

int main(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    window = SDL_CreateWindow("font", 0, 0, W, H, SDL_WINDOW_HIDDEN);
    renderer = window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    CHECK(renderer != NULL);
    if (!renderer)
        return check_summary("font");
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);

    struct font *font = open_font(1.0f);
    CHECK(font != NULL);
    if (font) {
        test_latin(font);
        test_cjk(font);
        test_emoji(font);
        test_missing(font);
        test_tab(font);
        test_cache(font);
        test_scale(font);
        test_bounds(font);
        measure_costs(font);
        struct font_stats st;
        font_get_stats(font, &st);
        printf("font: %d faces for body text, %llu fontconfig searches\n",
               font_face_count(font, UI_FONT_BODY), (unsigned long long)st.fallback_queries);
        font_close(font);
    }
    test_no_fontconfig();
    test_broken_bundle();
    test_installed();

    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return check_summary("font");
}
