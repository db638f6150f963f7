/* SPDX-License-Identifier: MIT */
/* waiter: see waiter.h.
 *
 * SDL 2 wakes a thread asleep in SDL_WaitEvent, when another thread pushes
 * an event, by sending an X event to the window through the X server (on
 * Wayland, a round trip through the compositor): 35-45 µs of each network
 * round trip here. The waiter sleeps in poll(2) on the display
 * connection's descriptor, as SDL's own X11 wait does, and on a pipe the
 * worker writes one byte into: the worker's wake-up never leaves Ponte.
 *
 * Before it sleeps it lets SDL read what the display sent (SDL_PumpEvents,
 * which also empties Xlib's own queue and flushes what Xlib has to send)
 * and takes an event SDL queued; after a wake-up by the display it does so
 * again. A signal (SIGINT, SIGTERM: SDL's handler) interrupts poll, and
 * the next SDL_PumpEvents turns it into SDL_QUIT. Any other thread that
 * pushes an SDL event (Ponte has none on Linux; SDL_AddTimer callbacks
 * would be one) is seen by an event watch, which writes the pipe too.
 *
 * X11 only: Wayland needs the wl_display_prepare_read dance around the
 * wait and SDL's key repeat is timed inside its own wait, so there, and on
 * Windows, macOS and KMSDRM, waiter_create says no and the app keeps
 * SDL_WaitEvent. */
#include "waiter.h"

#include <stdlib.h>

#if defined(__unix__) && !defined(__APPLE__) && defined(SDL_VIDEO_DRIVER_X11)
#define WAITER_X11 1
#include <SDL_syswm.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#endif

#if WAITER_X11

/* What the pipe's byte says woke the UI. */
#define WAITER_WORKER 'w' /* the network worker's wake-up */
#define WAITER_PUSHED 'p' /* another thread's SDL_PushEvent */

struct waiter {
    int display_fd;
    int pipe[2];            /* [0] the UI thread reads, [1] any thread writes */
    SDL_threadID ui_thread; /* whose pushes need no wake-up */
    bool pushed;            /* UI thread: an event may be on its way into SDL's queue */
};

/* SDL calls its event watches from SDL_PushEvent, on the pushing thread,
 * before it adds the event: the UI thread, woken, may look a moment too
 * early (see waiter_wait). */
static int watch_pushes(void *user, SDL_Event *e)
{
    (void)e;
    struct waiter *w = user;
    if (SDL_ThreadID() != w->ui_thread) {
        char byte = WAITER_PUSHED;
        if (write(w->pipe[1], &byte, 1) < 0) {
            /* full: the UI has bytes to read already */
        }
    }
    return 1;
}

struct waiter *waiter_create(SDL_Window *window)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11 ||
        !info.info.x11.display)
        return NULL;
    struct waiter *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->display_fd = ConnectionNumber(info.info.x11.display);
    w->ui_thread = SDL_ThreadID();
    if (pipe(w->pipe) != 0) {
        free(w);
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(w->pipe[i], F_SETFD, FD_CLOEXEC);
        fcntl(w->pipe[i], F_SETFL, O_NONBLOCK);
    }
    SDL_AddEventWatch(watch_pushes, w);
    return w;
}

bool waiter_wake(struct waiter *w)
{
    char byte = WAITER_WORKER;
    /* A full pipe (EAGAIN) holds bytes the UI has not read yet: awake
     * already, or about to be. */
    return write(w->pipe[1], &byte, 1) == 1 || errno == EAGAIN;
}

/* Reads what the pipe holds; true if the worker wrote any of it. */
static bool drain_pipe(struct waiter *w)
{
    char bytes[64];
    bool worker = false;
    ssize_t n;
    while ((n = read(w->pipe[0], bytes, sizeof bytes)) > 0)
        for (ssize_t i = 0; i < n; i++) {
            worker |= bytes[i] == WAITER_WORKER;
            w->pushed |= bytes[i] == WAITER_PUSHED;
        }
    return worker;
}

int waiter_wait(struct waiter *w, SDL_Event *e, int timeout_ms)
{
    Uint64 deadline = timeout_ms >= 0 ? SDL_GetTicks64() + (Uint64)timeout_ms : 0;
    for (;;) {
        SDL_PumpEvents();
        if (SDL_PeepEvents(e, 1, SDL_GETEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) == 1) {
            w->pushed = false;
            return WAITER_EVENT;
        }
        int wait = -1;
        if (timeout_ms >= 0) {
            Uint64 now = SDL_GetTicks64();
            if (now >= deadline)
                return WAITER_TIMEOUT;
            wait = (int)(deadline - now);
        }
        /* Another thread's event was announced but is not in the queue
         * yet: look again in a millisecond rather than sleep past it. */
        if (w->pushed) {
            w->pushed = false;
            wait = wait < 0 || wait > 1 ? 1 : wait;
        }
        struct pollfd fds[2] = {{.fd = w->display_fd, .events = POLLIN}, {.fd = w->pipe[0], .events = POLLIN}};
        int n = poll(fds, 2, wait);
        if (n < 0 && errno != EINTR)
            return WAITER_FAILED;
        /* EINTR: a signal; the next SDL_PumpEvents sends SDL_QUIT. */
        if (n > 0 && (fds[1].revents & POLLIN) && drain_pipe(w))
            return WAITER_WOKEN;
        /* The display spoke (or a push): SDL reads it at the loop's top. */
    }
}

void waiter_destroy(struct waiter *w)
{
    if (!w)
        return;
    SDL_DelEventWatch(watch_pushes, w);
    close(w->pipe[0]);
    close(w->pipe[1]);
    free(w);
}

#else

struct waiter *waiter_create(SDL_Window *window)
{
    (void)window;
    return NULL;
}

bool waiter_wake(struct waiter *w)
{
    (void)w;
    return false;
}

int waiter_wait(struct waiter *w, SDL_Event *e, int timeout_ms)
{
    (void)w, (void)e, (void)timeout_ms;
    return WAITER_FAILED;
}

void waiter_destroy(struct waiter *w)
{
    (void)w;
}

#endif
