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
 * Wayland: the same wait, inside the dance libwayland asks for before
 * anyone reads its descriptor (wl_display_prepare_read, then read_events or
 * cancel_read), as SDL's own Wayland wait does. Ponte does not link
 * libwayland-client: SDL has loaded it, and the waiter finds its functions
 * there (dlopen with RTLD_NOLOAD); without them it says no. SDL repeats a
 * held key inside its own wait, so while a key is down the waiter looks
 * again every WAITER_REPEAT_MS.
 *
 * Windows, macOS, KMSDRM and anything else: waiter_create says no and the
 * app keeps SDL_WaitEvent. */
#include "waiter.h"

#include <stdlib.h>

#if defined(__unix__) && !defined(__APPLE__) && (defined(SDL_VIDEO_DRIVER_X11) || defined(SDL_VIDEO_DRIVER_WAYLAND))
#define WAITER_POLL 1
#include <SDL_syswm.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#endif

#if WAITER_POLL

/* What the pipe's byte says woke the UI. */
#define WAITER_WORKER 'w' /* the network worker's wake-up */
#define WAITER_PUSHED 'p' /* another thread's SDL_PushEvent */

/* While a key is down on Wayland, the longest sleep (SDL times key repeat
 * in its own wait, which the waiter replaces). */
#define WAITER_REPEAT_MS 10

struct wl_display;

/* libwayland-client's calls the wait needs, found in the copy SDL loaded. */
struct wayland {
    struct wl_display *display;
    int (*prepare_read)(struct wl_display *);
    int (*read_events)(struct wl_display *);
    void (*cancel_read)(struct wl_display *);
    int (*flush)(struct wl_display *);
    int (*get_fd)(struct wl_display *);
};

struct waiter {
    struct wayland wl; /* wl.display NULL: X11 */
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

/* The display's descriptor: X11's connection, or Wayland's (with its
 * calls); -1 when neither. */
static int display_fd(SDL_Window *window, struct wayland *wl)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info))
        return -1;
#if defined(SDL_VIDEO_DRIVER_X11)
    if (info.subsystem == SDL_SYSWM_X11 && info.info.x11.display)
        return ConnectionNumber(info.info.x11.display);
#endif
#if defined(SDL_VIDEO_DRIVER_WAYLAND)
    if (info.subsystem == SDL_SYSWM_WAYLAND && info.info.wl.display) {
        void *lib = dlopen("libwayland-client.so.0", RTLD_LAZY | RTLD_NOLOAD);
        if (!lib)
            return -1;
        /* (POSIX dlsym gives an object pointer; the cast through a union
         * keeps -Wpedantic quiet.) */
#define WAITER_FIND(field, name)                                                                   \
    do {                                                                                           \
        union { void *object; __typeof__(wl->field) call; } found = {dlsym(lib, name)};            \
        wl->field = found.call;                                                                    \
    } while (0)
        WAITER_FIND(prepare_read, "wl_display_prepare_read");
        WAITER_FIND(read_events, "wl_display_read_events");
        WAITER_FIND(cancel_read, "wl_display_cancel_read");
        WAITER_FIND(flush, "wl_display_flush");
        WAITER_FIND(get_fd, "wl_display_get_fd");
#undef WAITER_FIND
        dlclose(lib); /* (SDL keeps it loaded) */
        if (!wl->prepare_read || !wl->read_events || !wl->cancel_read || !wl->flush || !wl->get_fd)
            return -1;
        wl->display = info.info.wl.display;
        return wl->get_fd(wl->display);
    }
#endif
    return -1;
}

struct waiter *waiter_create(SDL_Window *window)
{
    struct wayland wl = {0};
    int fd = display_fd(window, &wl);
    if (fd < 0)
        return NULL;
    struct waiter *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->wl = wl;
    w->display_fd = fd;
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

/* Whether a key is held (Wayland's key repeat). */
static bool key_down(void)
{
    int n = 0;
    const Uint8 *keys = SDL_GetKeyboardState(&n);
    for (int i = 0; keys && i < n; i++)
        if (keys[i])
            return true;
    return false;
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
        int n;
        if (w->wl.display) {
            if (key_down() && (wait < 0 || wait > WAITER_REPEAT_MS))
                wait = WAITER_REPEAT_MS;
            /* Non-zero: events wait in libwayland's queue already, which
             * SDL_PumpEvents dispatches. */
            if (w->wl.prepare_read(w->wl.display) != 0)
                continue;
            w->wl.flush(w->wl.display);
            n = poll(fds, 2, wait);
            if (n > 0 && (fds[0].revents & POLLIN))
                w->wl.read_events(w->wl.display);
            else
                w->wl.cancel_read(w->wl.display);
        } else {
            n = poll(fds, 2, wait);
        }
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
