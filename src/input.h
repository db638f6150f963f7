/* SPDX-License-Identifier: MIT */
/* input: SDL's keyboard, mouse, touch and text events into the ui's input
 * (ui_input_*), in output pixels. What the app must act on besides (the
 * pointer moved, text typed, quit keys) comes back as INPUT_* flags, so the
 * app keeps its own state and this keeps only what translating needs. */
#ifndef PONTE_INPUT_H
#define PONTE_INPUT_H

#include <stdbool.h>

#include <SDL.h>

#include "ui.h"

struct input {
    float scale_x, scale_y; /* output pixels per window unit (the app's, at each resize) */
    bool drop_text;         /* the next SDL_TEXTINPUT comes from a Ctrl shortcut */
    bool quit_keys_set;     /* a kiosk's: quit_key with quit_mods */
    SDL_Keycode quit_key;
    unsigned quit_mods;     /* UI_MOD_* */
};

enum input_effect {
    INPUT_CHANGED = 1 << 0,        /* the ui got input: build a frame */
    INPUT_POINTER = 1 << 1,        /* a mouse (not a finger) moved or clicked */
    INPUT_TYPED = 1 << 2,          /* text came (even text a shortcut drops) */
    INPUT_QUIT = 1 << 3,           /* Ctrl+Q */
    INPUT_QUIT_KEYS_DOWN = 1 << 4, /* the quit keys are all down */
    INPUT_QUIT_KEYS_UP = 1 << 5,   /* one of them was let go */
};

/* "ctrl+alt+q" (checked by cli) into the quit keys; false when it names no
 * key SDL knows. */
bool input_set_quit_keys(struct input *in, const char *keys);

/* Hands one event to the ui; returns INPUT_* flags (0 for an event that is
 * not input). */
unsigned input_event(struct input *in, struct ui *ui, const SDL_Event *e);

/* Takes SDL's queued events, one by one through handle (which returns false
 * to stop: the app is quitting), while this frame's input can take them
 * (ui_input_can_take); the rest stay queued. True when some are left, for
 * after the frame. */
bool input_take_queued(struct ui *ui, bool (*handle)(void *user, const SDL_Event *e), void *user);

#endif
