/* SPDX-License-Identifier: MIT */
/* taps: the on-screen keyboard tapped faster than frames are built. The
 * taps go into SDL's event queue as X11 or a touch screen puts them there
 * (a move, a press, a release each) and come out as the app takes them:
 * input_take_queued into input_event, then a frame of the view. A busy
 * Ponte (a slow frame, a loaded machine) finds several taps queued at once;
 * each must still count, where it was made. */
#include <stdio.h>
#include <string.h>

#include <SDL.h>

#include "check.h"
#include "i18n.h"
#include "input.h"
#include "screen_harness.h"
#include "utf8.h"
#include "view.h"

struct taker {
    struct screen *s;
    struct input in;
    char sent[4][64]; /* what Send sent, in order */
    int sends;
    int frames;
};

static bool take(void *user, const SDL_Event *e)
{
    struct taker *t = user;
    input_event(&t->in, &t->s->stage.ui, e);
    return true;
}

static void push_mouse(Uint32 type, int x, int y)
{
    SDL_Event e;
    SDL_zero(e);
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.x = x;
        e.motion.y = y;
    } else {
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = x;
        e.button.y = y;
    }
    CHECK(SDL_PushEvent(&e) == 1);
}

/* What xdotool's "mousemove X Y click 1" makes. */
static void push_tap(int x, int y)
{
    push_mouse(SDL_MOUSEMOTION, x, y);
    push_mouse(SDL_MOUSEBUTTONDOWN, x, y);
    push_mouse(SDL_MOUSEBUTTONUP, x, y);
}

/* As app.c's loop: one event, then what else the frame can take, then the
 * frame; until the queue is empty (and a frame more, for keys a widget left
 * for the next one). Sends are kept and the box emptied, as the app does. */
static void take_all(struct taker *t)
{
    SDL_Event e;
    for (bool more = true; more;) {
        more = SDL_PollEvent(&e);
        if (more) {
            take(t, &e);
            input_take_queued(&t->s->stage.ui, take, t);
        }
        struct view_actions a = screen_frame(t->s);
        t->frames++;
        if (a.send && t->sends < 4) {
            snprintf(t->sent[t->sends++], sizeof t->sent[0], "%s", t->s->stage.view.input.edit.text);
            view_sent(&t->s->stage.view);
        }
    }
}

static void key(const struct view *v, int row, int index, int n)
{
    int x, y;
    screen_osk_key(v, row, index, n, &x, &y);
    push_tap(x, y);
}

/* Each key of the layout shown, tapped alone (its press and its release in
 * frames of their own, as a finger's are): it types one character, and no
 * other key the same one. (With the keys' ids the same for "o" and "e",
 * Portuguese "o" typed nothing.) */
static void every_key(struct taker *t, const char *layout, const int n[4])
{
    struct view *v = &t->s->stage.view;
    char seen[48][8];
    int count = 0;
    for (int row = 0; row < 4; row++) {
        for (int k = 0; k < n[row]; k++) {
            textedit_clear(&v->input.edit);
            key(v, row, k, n[row]);
            int frames = t->frames;
            take_all(t);
            const char *typed = v->input.edit.text;
            size_t len = v->input.edit.len;
            /* (Three frames: the press's, the release's, and one with nothing new.) */
            CHECK_MSG(utf8_count(typed, len) == 1 && t->frames - frames == 3, "%s: row %d key %d typed '%s' (%d frames)",
                      layout, row, k, typed, t->frames - frames);
            for (int i = 0; i < count; i++)
                CHECK_MSG(strcmp(seen[i], typed), "%s: row %d key %d typed '%s' as another did", layout, row, k, typed);
            if (count < 48)
                snprintf(seen[count++], sizeof seen[0], "%s", typed);
        }
    }
}

int main(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    i18n_set_lang(I18N_PT_BR); /* (the Portuguese keys: the accents first) */
    static struct screen s;
    CHECK(screen_open(&s, 1280, 800));
    screen_connect_chat(&s.stage.chat);
    struct view *v = &s.stage.view;
    v->osk_enabled = true;
    static struct taker t;
    t.s = &s;
    t.in.scale_x = t.in.scale_y = 1.0f;

    /* The keyboard comes up for the message box, and slides all the way. */
    screen_frame(&s);
    ui_rect box = v->input_rect;
    push_tap(box.x + box.w / 2, box.y + box.h / 2);
    take_all(&t);
    s.now_ms += 300;
    screen_frame(&s);
    screen_frame(&s);
    CHECK(v->osk.open && v->osk.target == NULL && v->osk.rect.h > 0);

    /* "ação" and Send, all queued before Ponte looks: as typed, a frame
     * for each press and each release. (Taken into one frame, they made one
     * click, Send's, on an empty box. And a press and its release in frames
     * of their own lost 'o': its id was 'e''s, and 'e', drawn first, took
     * the release; "açã" went out, as in tests/e2e/kiosk.py now and then.) */
    key(v, 2, 0, 10); /* a */
    key(v, 2, 9, 10); /* ç */
    key(v, 0, 3, 11); /* ã */
    key(v, 1, 8, 10); /* o */
    int x, y;
    screen_osk_enter(v, &x, &y); /* Enviar */
    push_tap(x, y);
    t.frames = 0;
    take_all(&t);
    CHECK_MSG(t.sends == 1 && !strcmp(t.sent[0], "ação"), "%d sent, the first '%s'", t.sends, t.sent[0]);
    CHECK_MSG(t.frames >= 10, "%d frames for five taps", t.frames);

    /* The same key tapped twice in a row, queued: two letters. */
    key(v, 1, 8, 10);
    key(v, 1, 8, 10);
    take_all(&t);
    CHECK_MSG(!strcmp(v->input.edit.text, "oo"), "box '%s'", v->input.edit.text);

    /* Pressed on q, slid to w and let go there, queued: no key typed (as
     * with a finger that changes its mind), not w. */
    int qx, qy, wx, wy;
    screen_osk_key(v, 1, 0, 10, &qx, &qy);
    screen_osk_key(v, 1, 1, 10, &wx, &wy);
    push_mouse(SDL_MOUSEMOTION, qx, qy);
    push_mouse(SDL_MOUSEBUTTONDOWN, qx, qy);
    push_mouse(SDL_MOUSEMOTION, wx, wy);
    push_mouse(SDL_MOUSEBUTTONUP, wx, wy);
    take_all(&t);
    CHECK_MSG(!strcmp(v->input.edit.text, "oo"), "box '%s'", v->input.edit.text);

    /* Every key, in each layout: Portuguese, English, the symbols. */
    every_key(&t, "pt", (const int[]){11, 10, 10, 10});
    i18n_set_lang(I18N_EN);
    every_key(&t, "en", (const int[]){12, 10, 10, 10});
    int unit = (v->osk.rect.w - 2 * 8 - 5 * 6) / 10;
    push_tap(v->osk.rect.x + 8 + unit + 6 + unit / 2, y); /* ?123 (y: the bottom row's, as Send's) */
    take_all(&t);
    CHECK(v->osk.symbols);
    every_key(&t, "symbols", (const int[]){10, 10, 10, 10});

    screen_close(&s);
    SDL_Quit();
    return check_summary("taps");
}
