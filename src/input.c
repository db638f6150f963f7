/* SPDX-License-Identifier: MIT */
/* input: see input.h. */
#include "input.h"

#include <stdio.h>
#include <string.h>

#include "ascii.h"

static enum ui_key map_key(SDL_Keycode key)
{
    switch (key) {
    case SDLK_LEFT: return UI_KEY_LEFT;
    case SDLK_RIGHT: return UI_KEY_RIGHT;
    case SDLK_UP: return UI_KEY_UP;
    case SDLK_DOWN: return UI_KEY_DOWN;
    case SDLK_HOME: return UI_KEY_HOME;
    case SDLK_END: return UI_KEY_END;
    case SDLK_BACKSPACE: return UI_KEY_BACKSPACE;
    case SDLK_DELETE: return UI_KEY_DELETE;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER: return UI_KEY_ENTER;
    case SDLK_TAB: return UI_KEY_TAB;
    case SDLK_ESCAPE: return UI_KEY_ESCAPE;
    case SDLK_PAGEUP: return UI_KEY_PAGE_UP;
    case SDLK_PAGEDOWN: return UI_KEY_PAGE_DOWN;
    case SDLK_SPACE: return UI_KEY_SPACE;
    case SDLK_a: return UI_KEY_A;
    case SDLK_c: return UI_KEY_C;
    case SDLK_x: return UI_KEY_X;
    case SDLK_v: return UI_KEY_V;
    case SDLK_z: return UI_KEY_Z;
    case SDLK_y: return UI_KEY_Y;
    case SDLK_f: return UI_KEY_F;
    case SDLK_l: return UI_KEY_L;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS: return UI_KEY_PLUS;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: return UI_KEY_MINUS;
    case SDLK_0:
    case SDLK_KP_0: return UI_KEY_0;
    case SDLK_F3: return UI_KEY_F3;
    case SDLK_F6: return UI_KEY_F6;
    case SDLK_d: return UI_KEY_D;
    case SDLK_b: return UI_KEY_B;
    case SDLK_o: return UI_KEY_O;
    default: return UI_KEY_NONE;
    }
}

static unsigned map_mods(Uint16 mod)
{
    unsigned mods = 0;
    if (mod & KMOD_SHIFT)
        mods |= UI_MOD_SHIFT;
    if (mod & KMOD_CTRL)
        mods |= UI_MOD_CTRL;
#ifdef __APPLE__
    if (mod & KMOD_GUI)
        mods |= UI_MOD_CTRL; /* Cmd does what Ctrl does elsewhere */
#endif
    if (mod & KMOD_ALT)
        mods |= UI_MOD_ALT;
    return mods;
}

bool input_set_quit_keys(struct input *in, const char *keys)
{
    in->quit_mods = 0;
    const char *p = keys;
    for (const char *plus; (plus = strchr(p, '+')); p = plus + 1) {
        int modifier = ascii_lower((unsigned char)p[0]); /* (cli allows ctrl, alt and shift) */
        in->quit_mods |= modifier == 'c' ? UI_MOD_CTRL : modifier == 'a' ? UI_MOD_ALT : UI_MOD_SHIFT;
    }
    char name[16];
    snprintf(name, sizeof name, "%.3s", p); /* (cli allows "q" to "F12") */
    if (name[1])
        name[0] = (char)ascii_upper((unsigned char)name[0]); /* "f5" is "F5" to SDL */
    in->quit_key = SDL_GetKeyFromName(name);
    in->quit_keys_set = in->quit_key != SDLK_UNKNOWN;
    return in->quit_keys_set;
}

static unsigned key_down(struct input *in, struct ui *ui, const SDL_KeyboardEvent *k)
{
    unsigned mods = map_mods(k->keysym.mod);
    if (in->quit_keys_set && k->keysym.sym == in->quit_key && (mods & in->quit_mods) == in->quit_mods) {
        /* (Not by k->repeat: a release SDL missed makes the next press
         * look like a repeat.) */
        return INPUT_QUIT_KEYS_DOWN;
    }
    if (k->keysym.sym == SDLK_q && (mods & UI_MOD_CTRL))
        return INPUT_QUIT;
    /* A shortcut (Ctrl without AltGr, or the left Alt) types nothing,
     * though some platforms still send its character as text right
     * after. (On a Mac, Option types characters: not a shortcut there.) */
    in->drop_text = (k->keysym.mod & KMOD_CTRL) && !(k->keysym.mod & KMOD_RALT);
#if !defined(__APPLE__)
    in->drop_text |= (k->keysym.mod & KMOD_LALT) && !(k->keysym.mod & KMOD_CTRL);
#endif
    enum ui_key key = map_key(k->keysym.sym);
    if (key == UI_KEY_NONE)
        return 0;
    ui_input_key(ui, key, mods);
    return INPUT_CHANGED;
}

/* SDL gives the caret in code points: the ui wants bytes. */
static void composing(struct ui *ui, const SDL_TextEditingEvent *edit)
{
    const char *text = edit->text;
    int caret = 0;
    for (int cp = 0; text[caret] && cp < edit->start; cp++) {
        caret++;
        while (((unsigned char)text[caret] & 0xC0) == 0x80)
            caret++;
    }
    ui_input_composing(ui, text, caret);
}

unsigned input_event(struct input *in, struct ui *ui, const SDL_Event *e)
{
    switch (e->type) {
    /* Touch: SDL turns the first finger into mouse events marked
     * SDL_TOUCH_MOUSEID, and those are the only ones Ponte takes (the
     * SDL_FINGER* events go unhandled): one source, so one tap is one
     * click. The ui learns which are a finger's, to scroll the list by it. */
    case SDL_MOUSEMOTION:
        ui_input_touch(ui, e->motion.which == SDL_TOUCH_MOUSEID);
        ui_input_mouse_move(ui, (int)(e->motion.x * in->scale_x), (int)(e->motion.y * in->scale_y));
        /* (a finger shows no pointer) */
        return INPUT_CHANGED | (e->motion.which != SDL_TOUCH_MOUSEID ? INPUT_POINTER : 0);
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
        unsigned button = e->button.button == SDL_BUTTON_LEFT    ? UI_MOUSE_LEFT
                          : e->button.button == SDL_BUTTON_RIGHT ? UI_MOUSE_RIGHT
                          : e->button.button == SDL_BUTTON_MIDDLE ? UI_MOUSE_MIDDLE
                                                                  : 0;
        if (!button)
            return 0;
        ui_input_touch(ui, e->button.which == SDL_TOUCH_MOUSEID);
        ui_input_mouse_move(ui, (int)(e->button.x * in->scale_x), (int)(e->button.y * in->scale_y));
        ui_input_mouse_button(ui, button, e->type == SDL_MOUSEBUTTONDOWN, e->button.clicks,
                              map_mods((Uint16)SDL_GetModState()));
        return INPUT_CHANGED | (e->button.which != SDL_TOUCH_MOUSEID ? INPUT_POINTER : 0);
    }
    case SDL_MOUSEWHEEL: {
        /* preciseY: a touchpad's fractions of a notch, for pixel-precise scrolling. */
        float y = e->wheel.preciseY;
        if (e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED)
            y = -y;
        ui_input_wheel(ui, y);
        return INPUT_CHANGED;
    }
    case SDL_KEYUP:
        /* Letting go of the quit keys (any of them). */
        if (in->quit_keys_set && (e->key.keysym.sym == in->quit_key ||
                                  (map_mods(e->key.keysym.mod) & in->quit_mods) != in->quit_mods))
            return INPUT_QUIT_KEYS_UP;
        return 0;
    case SDL_KEYDOWN:
        return key_down(in, ui, &e->key);
    case SDL_TEXTINPUT:
        if (in->drop_text) {
            in->drop_text = false;
            return INPUT_TYPED;
        }
        ui_input_text(ui, e->text.text);
        ui_input_composing(ui, "", 0); /* the composition, if any, became this text */
        return INPUT_TYPED | INPUT_CHANGED;
    case SDL_TEXTEDITING:
        composing(ui, &e->edit);
        return INPUT_CHANGED;
    default:
        return 0;
    }
}

bool input_take_queued(struct ui *ui, bool (*handle)(void *user, const SDL_Event *e), void *user)
{
    SDL_Event e;
    while (ui_input_can_take(ui)) {
        if (!SDL_PollEvent(&e))
            return false;
        if (!handle(user, &e))
            return false;
    }
    /* (Only when one is queued: the app polls while this says so.) */
    return SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
}
