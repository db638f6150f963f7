/* SPDX-License-Identifier: MIT */
/* app_internal: private to the window's files, app.c (the loop and the
 * lifetime of everything) and appsend.c (what the window sends): struct app,
 * its constants, and the calls between the two. UI thread only. */
#ifndef PONTE_APP_INTERNAL_H
#define PONTE_APP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "cli.h"
#include "input.h"
#include "net.h"
#include "opener.h"
#include "player.h"
#include "recent.h"
#include "stage.h"
#include "stats.h"
#include "store.h"
#include "waiter.h"

#define APP_WIDTH 900
#define APP_HEIGHT 640
#define APP_MIN_WIDTH 480
#define APP_MIN_HEIGHT 360
/* Network events handled per loop turn before the screen is drawn again, so
 * a flood cannot keep the window from updating. */
#define APP_EVENTS_PER_TURN 2048
/* A kiosk's pointer hides after this long still. */
#define APP_CURSOR_HIDE_MS 3000
/* A person's typing pauses the demo loop this long. */
#define APP_DEMO_PAUSE_MS 30000

struct app {
    SDL_Window *window;
    SDL_Renderer *renderer;
    struct stage stage; /* the fonts, the ui, the view and the chat model */
    struct net *net;
    /* The registered wake-up event type, and the waiter (X11: the UI
     * sleeps on the display and the worker's pipe; NULL elsewhere, where
     * the worker pushes a wake_type event). Written once before the worker
     * starts (thread creation publishes them), then only read, by both. */
    Uint32 wake_type;
    struct waiter *waiter;
    SDL_Cursor *cursors[3];
    enum ui_cursor cursor;
    bool text_input_on;
    bool first_presented;
    bool running;
    bool dirty;         /* build a frame at the next turn */
    bool force_present; /* present it even if identical (exposed, resized) */
    bool net_more;      /* events left in the ring after a full turn */
    bool input_more;    /* input left in SDL's queue for the next frame (input_take_queued) */
    struct input input;     /* SDL's input into the ui's, and its scale */
    float zoom;             /* the person's zoom (--scale, Ctrl+= / Ctrl+- / Ctrl+0) */
    /* The recent URLs (the connection bar's drop-down) and their file;
     * recent_path is empty when there is nowhere to keep them. */
    struct recent recent;
    char recent_path[PLATFORM_PATH_MAX];
    bool recent_warned;     /* a failure to keep them was said once */
    struct store store;     /* the saved messages (the side panel) and their file */
    int echo_port;          /* the built-in echo server's (its URL is not kept) */

    /* Kiosk: nobody at the keyboard. */
    bool kiosk;
    int quit_hold_ms;       /* the quit keys (input's) held this long quit a kiosk */
    uint64_t quit_held_at;  /* when the keys went down (0: not held) */
    uint64_t cursor_hide_at; /* when the still pointer disappears (0: hidden or not a kiosk) */
    /* The stale-data watchdog (--stale-after). */
    int stale_after_ms;     /* 0: off */
    uint64_t last_data_at;  /* the last message (or the connection) */
    bool stale;             /* reported: the banner shows until data comes */
    char banner[128];
    /* The demo loop (--demo). */
    char **demo_lines;
    size_t demo_count, demo_next;
    int demo_interval_ms;
    uint64_t demo_at;       /* the next line's time */
    uint64_t demo_paused_until; /* a person typed: the loop waits */
    /* A recording replayed (--replay, or --demo with one), and the URL it
     * connects to when none was given (the recorded one; NULL: as given). */
    struct player player;
    const char *replay_url;
    /* A service manager's watchdog (systemd WatchdogSec=), fed from this loop. */
    int watchdog_ms;        /* 0: none */
    uint64_t watchdog_at;
    struct opener opener;   /* recordings opened (--open, Ctrl+O, a dropped file) */
    /* The traffic second by second (main's ring, --stats-csv's file in it),
     * for the live charts. */
    struct stats *stats;
};

/* Out of memory: the bubble of message id says not sent, the text stays. */
void app_not_sent(struct app *app, uint64_t id);
/* Into the conversation and out to the network; false when it could not
 * even be queued (the bubble then says not sent). */
bool app_send_message(struct app *app, const char *data, size_t len, bool binary);
/* A frame the frame menu asked for, with the message box's payload. */
void app_send_frame(struct app *app, const struct framemenu_actions *f);
/* --replay FILE, or --demo FILE when it is a recording (*lines: it is not). */
bool app_open_recording(struct app *app, const struct cli_options *options, bool *lines);
/* The demo file's non-empty lines. */
bool app_load_demo(struct app *app, const char *path);
/* The replay's and the demo's turns: what is due goes out; when each wants
 * the next (SDL ticks; 0: not by itself). */
uint64_t app_play(struct app *app, uint64_t now);
uint64_t app_demo_turn(struct app *app, uint64_t now);

#endif
