/* SPDX-License-Identifier: MIT */
/* render: see render.h. Rounded corners come from one anti-aliased
 * quarter-disc texture per radius, flipped into place and colour-modulated;
 * the straight parts are plain filled rects. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#define RENDER_MAX_RADIUS 64

struct render {
    SDL_Renderer *renderer;
    struct font *font;
    SDL_Texture *corners[RENDER_MAX_RADIUS + 1];
    uint64_t last_hash;
    bool has_last;
    uint64_t presented, skipped;
};

struct render *render_create(SDL_Renderer *renderer, struct font *font)
{
    struct render *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->renderer = renderer;
    r->font = font;
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    return r;
}

void render_destroy(struct render *r)
{
    if (!r)
        return;
    for (int i = 0; i <= RENDER_MAX_RADIUS; i++)
        if (r->corners[i])
            SDL_DestroyTexture(r->corners[i]);
    free(r);
}

/* The top-left quarter of a disc of the given radius, white, with alpha
 * from 4x4 supersampled coverage. */
static SDL_Texture *corner_texture(struct render *r, int radius)
{
    if (radius > RENDER_MAX_RADIUS)
        radius = RENDER_MAX_RADIUS;
    if (r->corners[radius])
        return r->corners[radius];
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, radius, radius, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    Uint32 *px = s->pixels;
    int pitch = s->pitch / 4;
    float rr = (float)radius * (float)radius;
    for (int y = 0; y < radius; y++) {
        for (int x = 0; x < radius; x++) {
            int inside = 0;
            for (int sy = 0; sy < 4; sy++) {
                for (int sx = 0; sx < 4; sx++) {
                    float dx = (float)radius - (x + (sx + 0.5f) / 4.0f);
                    float dy = (float)radius - (y + (sy + 0.5f) / 4.0f);
                    inside += dx * dx + dy * dy <= rr;
                }
            }
            Uint32 alpha = (Uint32)(inside * 255 / 16);
            px[y * pitch + x] = (alpha << 24) | 0xFFFFFFu;
        }
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(r->renderer, s);
    SDL_FreeSurface(s);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    r->corners[radius] = t;
    return t;
}

static void fill_rect(SDL_Renderer *renderer, int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0)
        return;
    SDL_Rect rect = {x, y, w, h};
    SDL_RenderFillRect(renderer, &rect);
}

static void draw_rect(struct render *r, const struct ui_command *cmd)
{
    ui_rect b = cmd->rect;
    ui_color c = cmd->color;
    SDL_SetRenderDrawColor(r->renderer, c.r, c.g, c.b, c.a);
    /* An opaque fill needs no blending: with a software renderer that is
     * a plain fill instead of a blend per pixel. */
    SDL_SetRenderDrawBlendMode(r->renderer, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    int radius = cmd->radius;
    SDL_Texture *corner = radius > 0 ? corner_texture(r, radius) : NULL;
    if (!corner) {
        fill_rect(r->renderer, b.x, b.y, b.w, b.h);
        return;
    }
    if (radius > RENDER_MAX_RADIUS)
        radius = RENDER_MAX_RADIUS;
    fill_rect(r->renderer, b.x + radius, b.y, b.w - 2 * radius, b.h);
    fill_rect(r->renderer, b.x, b.y + radius, radius, b.h - 2 * radius);
    fill_rect(r->renderer, b.x + b.w - radius, b.y + radius, radius, b.h - 2 * radius);
    SDL_SetTextureColorMod(corner, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(corner, c.a);
    SDL_Rect src = {0, 0, radius, radius};
    SDL_Rect tl = {b.x, b.y, radius, radius};
    SDL_Rect tr = {b.x + b.w - radius, b.y, radius, radius};
    SDL_Rect bl = {b.x, b.y + b.h - radius, radius, radius};
    SDL_Rect br = {b.x + b.w - radius, b.y + b.h - radius, radius, radius};
    SDL_RenderCopyEx(r->renderer, corner, &src, &tl, 0, NULL, SDL_FLIP_NONE);
    SDL_RenderCopyEx(r->renderer, corner, &src, &tr, 0, NULL, SDL_FLIP_HORIZONTAL);
    SDL_RenderCopyEx(r->renderer, corner, &src, &bl, 0, NULL, SDL_FLIP_VERTICAL);
    SDL_RenderCopyEx(r->renderer, corner, &src, &br, 0, NULL,
                     (SDL_RendererFlip)(SDL_FLIP_HORIZONTAL | SDL_FLIP_VERTICAL));
}

static void draw_text(struct render *r, const struct ui *ui, const struct ui_command *cmd)
{
    int w = 0, h = 0;
    /* The texture is already in the command's colour (colour emoji keep
     * their own), so no colour modulation here. */
    SDL_Texture *t =
        font_text_texture(r->font, cmd->font, cmd->color, ui_command_text(ui, cmd), cmd->len, &w, &h);
    if (!t)
        return;
    SDL_Rect dst = {cmd->rect.x, cmd->rect.y, w, h};
    SDL_RenderCopy(r->renderer, t, NULL, &dst);
}

static uint64_t mix(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t frame_hash(const struct ui *ui, ui_color clear)
{
    uint64_t h = mix(14695981039346656037ull, &clear, sizeof clear);
    for (size_t i = 0; i < ui->command_count; i++) {
        const struct ui_command *c = &ui->commands[i];
        int fields[] = {(int)c->kind, c->rect.x, c->rect.y, c->rect.w, c->rect.h, c->radius,
                        (int)c->font, c->color.r, c->color.g, c->color.b, c->color.a};
        h = mix(h, fields, sizeof fields);
        if (c->kind == UI_COMMAND_TEXT)
            h = mix(h, ui_command_text(ui, c), c->len);
    }
    return h;
}

bool render_frame(struct render *r, const struct ui *ui, ui_color clear, bool force)
{
    uint64_t hash = frame_hash(ui, clear);
    if (!force && r->has_last && hash == r->last_hash) {
        r->skipped++;
        return false;
    }
    SDL_RenderSetClipRect(r->renderer, NULL);
    SDL_SetRenderDrawColor(r->renderer, clear.r, clear.g, clear.b, 255);
    SDL_RenderClear(r->renderer);
    for (size_t i = 0; i < ui->command_count; i++) {
        const struct ui_command *cmd = &ui->commands[i];
        switch (cmd->kind) {
        case UI_COMMAND_RECT:
            draw_rect(r, cmd);
            break;
        case UI_COMMAND_TEXT:
            draw_text(r, ui, cmd);
            break;
        case UI_COMMAND_CLIP:
            if (cmd->rect.w < 0) {
                SDL_RenderSetClipRect(r->renderer, NULL);
            } else {
                SDL_Rect clip = {cmd->rect.x, cmd->rect.y, cmd->rect.w, cmd->rect.h};
                SDL_RenderSetClipRect(r->renderer, &clip);
            }
            break;
        }
    }
    SDL_RenderSetClipRect(r->renderer, NULL);
    SDL_RenderPresent(r->renderer);
    r->last_hash = hash;
    r->has_last = true;
    r->presented++;
    return true;
}

void render_get_counts(const struct render *r, uint64_t *presented, uint64_t *skipped)
{
    *presented = r->presented;
    *skipped = r->skipped;
}
