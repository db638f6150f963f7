/* SPDX-License-Identifier: MIT */
/* waiter: the window's UI thread asleep on the display connection and the
 * network worker's wake-up together (X11 and Wayland), so that the worker
 * wakes it without a trip through the window system. Where there is no
 * descriptor to wait on (Windows, macOS, KMSDRM) waiter_create returns
 * NULL and the app waits in SDL_WaitEvent, woken by SDL_PushEvent, as
 * before. UI thread, except waiter_wake. */
#ifndef PONTE_WAITER_H
#define PONTE_WAITER_H

#include <stdbool.h>

#include <SDL.h>

struct waiter;

enum waiter_result {
    WAITER_FAILED = -1, /* poll failed */
    WAITER_TIMEOUT = 0,
    WAITER_EVENT = 1,   /* an SDL event, in *e */
    WAITER_WOKEN = 2,   /* waiter_wake was called */
};

/* After the window exists; NULL where it cannot be done (see above). */
struct waiter *waiter_create(SDL_Window *window);
/* Any thread (the worker's wake callback): ends the wait, or the next one.
 * False when it could not. */
bool waiter_wake(struct waiter *w);
/* SDL_WaitEventTimeout with the worker's wake-up: timeout_ms < 0 waits
 * for ever. */
int waiter_wait(struct waiter *w, SDL_Event *e, int timeout_ms);
void waiter_destroy(struct waiter *w);

#endif
