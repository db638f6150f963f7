/* SPDX-License-Identifier: MIT */
/* loader: opens a recording in the background. A thread of its own (an
 * SDL_Thread) reads the file or rotated set (recording_load) and builds the
 * conversation model (opened.c) entry by entry, so the window stays
 * responsive and a million messages are never held twice; the UI thread
 * reads its progress, takes the finished model, or cancels it.
 *
 * What crosses between the two threads (ARCHITECTURE.md lists it too):
 * - progress: an atomic, thousandths done, written by the loader, read by
 *   the UI for the bar;
 * - cancel: an atomic the UI sets; the loader reads it at each progress
 *   report (every few thousand lines) and stops;
 * - done: an atomic the loader sets last, after it has written result and
 *   err; the UI reads those two only after seeing done set (SDL's atomics
 *   are full barriers), and joins the thread when it takes them;
 * - the wake-up: the loader calls wake(wake_user) when the progress moved
 *   by a step and when it is done, the same wake-up the network worker
 *   uses (a byte in the waiter's pipe, or SDL_PushEvent).
 * Everything else (path, the thread handle) is written before the thread
 * starts and only read after. */
#ifndef PONTE_LOADER_H
#define PONTE_LOADER_H

#include <stdbool.h>

#include <SDL.h>

#include "opened.h"
#include "platform.h"

/* Thousandths between two wake-ups for the bar. */
#define LOADER_WAKE_STEP 10

struct loader {
    SDL_Thread *thread;       /* NULL: none running or to take */
    char path[PLATFORM_PATH_MAX];
    bool (*wake)(void *user); /* any thread; the app's */
    void *wake_user;
    SDL_atomic_t progress;    /* 0..1000, loader → UI */
    SDL_atomic_t cancel;      /* UI → loader */
    SDL_atomic_t done;        /* loader → UI: result and err are written */
    int woken_at;             /* the loader's: the progress of its last wake-up */
    struct opened *result;    /* the loader's until done; NULL when it failed */
    char err[600];            /* why it failed (the file named) */
};

/* Starts loading path (the thread copies nothing else). False, with err,
 * when the thread could not start. */
bool loader_start(struct loader *l, const char *path, bool (*wake)(void *), void *wake_user, char *err,
                  size_t errlen);

/* Whether a load is running or waiting to be taken. */
bool loader_busy(const struct loader *l);
/* Thousandths done. */
int loader_progress(const struct loader *l);

/* When done: joins the thread and hands over the model (NULL, with err,
 * when it failed or was cancelled). False while still loading. */
bool loader_take(struct loader *l, struct opened **result, char *err, size_t errlen);

/* Asks the loader to stop, waits for it and frees what it made. */
void loader_cancel(struct loader *l);

#endif
