/* SPDX-License-Identifier: MIT */
/* loader: see loader.h. */
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "recording.h"

/* The loader thread's: one entry into the model. */
static bool sink(void *user, const struct recording_entry *e)
{
    struct loader *l = user;
    return opened_add(l->result, e);
}

/* The loader thread's: the bar moves; a cancel stops the reading. */
static bool progress(void *user, double fraction)
{
    struct loader *l = user;
    int now = (int)(fraction * 1000.0);
    now = now < 0 ? 0 : now > 1000 ? 1000 : now;
    SDL_AtomicSet(&l->progress, now);
    if (now - l->woken_at >= LOADER_WAKE_STEP) {
        l->woken_at = now;
        l->wake(l->wake_user);
    }
    return SDL_AtomicGet(&l->cancel) == 0;
}

static int loader_main(void *user)
{
    struct loader *l = user;
    struct recording rec = {.sink = sink, .progress = progress, .user = l};
    char why[512] = "";
    l->result = malloc(sizeof *l->result);
    bool ok = l->result != NULL;
    if (ok) {
        opened_init(l->result);
        ok = recording_load(&rec, l->path, why, sizeof why);
    } else {
        snprintf(why, sizeof why, "%s", tr_net_error(NET_ERROR_NO_MEMORY));
    }
    if (ok)
        opened_finish(l->result, &rec);
    recording_free(&rec);
    if (!ok && l->result) {
        opened_free(l->result);
        free(l->result);
        l->result = NULL;
    }
    if (!ok)
        snprintf(l->err, sizeof l->err, "%s", why);
    SDL_AtomicSet(&l->progress, 1000);
    SDL_AtomicSet(&l->done, 1); /* (a full barrier: result and err are written before) */
    l->wake(l->wake_user);
    return 0;
}

bool loader_start(struct loader *l, const char *path, bool (*wake)(void *), void *wake_user, char *err,
                  size_t errlen)
{
    loader_cancel(l);
    snprintf(l->path, sizeof l->path, "%s", path);
    l->wake = wake;
    l->wake_user = wake_user;
    l->woken_at = 0;
    l->result = NULL;
    l->err[0] = '\0';
    SDL_AtomicSet(&l->progress, 0);
    SDL_AtomicSet(&l->cancel, 0);
    SDL_AtomicSet(&l->done, 0);
    l->thread = SDL_CreateThread(loader_main, "ponte-loader", l);
    if (!l->thread)
        snprintf(err, errlen, "%s", SDL_GetError());
    return l->thread != NULL;
}

bool loader_busy(const struct loader *l)
{
    return l->thread != NULL;
}

int loader_progress(const struct loader *l)
{
    return SDL_AtomicGet((SDL_atomic_t *)&l->progress);
}

bool loader_take(struct loader *l, struct opened **result, char *err, size_t errlen)
{
    if (!l->thread || !SDL_AtomicGet(&l->done))
        return false;
    SDL_WaitThread(l->thread, NULL);
    l->thread = NULL;
    *result = l->result;
    l->result = NULL;
    if (!*result)
        snprintf(err, errlen, "%s", l->err);
    return true;
}

void loader_cancel(struct loader *l)
{
    if (!l->thread)
        return;
    SDL_AtomicSet(&l->cancel, 1);
    SDL_WaitThread(l->thread, NULL);
    l->thread = NULL;
    if (l->result) {
        opened_free(l->result);
        free(l->result);
        l->result = NULL;
    }
}
