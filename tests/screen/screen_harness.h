/* SPDX-License-Identifier: MIT */
/* screen_harness: the screen the screen tests, the golden images and the UI
 * benchmark draw on. No window: SDL's software renderer draws into a
 * surface, with the stage the app draws on (stage.c: the real font, from the
 * bundled faces in PONTE_DATADIR, the renderer, the ui core, the view and a
 * chat model); what the view puts on the clipboard is kept in clip. Each program builds
 * its own frames (how time passes and what is measured differ). */
#ifndef PONTE_SCREEN_HARNESS_H
#define PONTE_SCREEN_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "stage.h"

struct screen {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    struct stage stage;
    int w, h;
    uint64_t now_ms;
    char clip[1 << 16]; /* what the view put on the clipboard */
    char error[256];    /* why screen_start failed */
};

/* Zero is the default for each field but the size. */
struct screen_config {
    int w, h;
    float scale;     /* the font's and the ui's; 0: 1 */
    const char *url; /* the chat's; NULL: ws://127.0.0.1:9/ (nothing listens on port 9) */
};

/* Opens everything; false (and s->error says why) when something could not
 * be made: close it with screen_close all the same. */
bool screen_start(struct screen *s, const struct screen_config *config);

/* screen_start at w x h with the defaults; a failure is said on stderr. */
bool screen_open(struct screen *s, int w, int h);

/* Frees what screen_start made (also after it failed). */
void screen_close(struct screen *s);

/* What the screen tests share (test_screen, test_framemenu). One frame of
 * the view, 16 ms after the last; its actions. */
struct view_actions screen_frame(struct screen *s);
/* Whether the last frame drew a text command holding text. */
bool screen_find_text(const struct screen *s, const char *text);
/* Whether the last frame drew text holding text whole inside area (a text
 * command outside it would be clipped away: drawn, but not seen). */
bool screen_text_in(const struct ui *ui, ui_rect area, const char *text);
/* A left click at (x, y), taken by the next frame. */
void screen_click_at(struct screen *s, int x, int y);
/* The chat connected, as CONNECTING and CONNECTED make it. */
void screen_connect_chat(struct chat *chat);
/* The middle of the on-screen keyboard's key index of n on row, and of its
 * enter (Send) key, as keyboard.c lays them out at scale 1 (where the last
 * frame drew it). */
void screen_osk_key(const struct view *v, int row, int index, int n, int *x, int *y);
void screen_osk_enter(const struct view *v, int *x, int *y);

#endif
