/* SPDX-License-Identifier: MIT */
/* app: see app.h.
 *
 * The loop sleeps until an event comes (or the caret's next blink), handles
 * every queued event, and builds a frame only when something changed;
 * render_frame then skips presenting a frame identical to the last one. On
 * X11 it sleeps in the waiter (waiter.c: the display connection and a pipe
 * the network worker writes to); elsewhere in SDL_WaitEvent, and the
 * worker wakes it with one event of a type registered at start-up. */
#include "app.h"
#include "app_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "assets.h"
#include "chat.h"
#include "font.h"
#include "grow.h"
#include "i18n.h"
#include "input.h"
#include "net.h"
#include "net_config.h"
#include "opener.h"
#include "platform.h"
#include "player.h"
#include "recent.h"
#include "stage.h"
#include "service.h"
#include "stats.h"
#include "store.h"
#include "render.h"
#include "transcript.h"
#include "ui.h"
#include "view.h"
#include "waiter.h"
#include "widgets.h"

/* ---- callbacks ----------------------------------------------------------------- */

/* Runs on the worker thread. */
static bool wake_ui(void *user)
{
    const struct app *app = user;
    if (app->waiter)
        return waiter_wake(app->waiter);
    SDL_Event e;
    SDL_zero(e);
    e.type = app->wake_type;
    return SDL_PushEvent(&e) == 1;
}

static char *clipboard_get(void *user)
{
    (void)user;
    if (!SDL_HasClipboardText())
        return NULL;
    char *sdl = SDL_GetClipboardText();
    if (!sdl)
        return NULL;
    size_t len = strlen(sdl);
    char *copy = malloc(len + 1);
    if (copy)
        memcpy(copy, sdl, len + 1);
    SDL_free(sdl);
    return copy;
}

static void clipboard_set(void *user, const char *text)
{
    (void)user;
    SDL_SetClipboardText(text);
}

/* Zoom steps, as browsers have them. */
static const float zoom_steps[] = {0.5f, 0.67f, 0.75f, 0.8f, 0.9f, 1.0f, 1.1f, 1.25f,
                                   1.5f, 1.75f, 2.0f, 2.5f, 3.0f, 3.5f, 4.0f};
#define ZOOM_STEPS (sizeof zoom_steps / sizeof zoom_steps[0])

static void set_min_size(struct app *app);

/* Lays out and rasterises at zoom times the display's density, so text
 * is drawn at its real pixel size. */
static void apply_scale(struct app *app)
{
    float scale = app->zoom * app->input.scale_y;
    if (scale == app->stage.ui.scale)
        return;
    if (app->stage.font && !font_set_scale(app->stage.font, scale)) {
        fprintf(stderr, "ponte: cannot resize the fonts to %.2fx\n", (double)scale);
        return;
    }
    app->stage.ui.scale = scale;
    app->force_present = true;
    app->dirty = true;
    set_min_size(app);
}

/* The smallest window that still holds the zoomed screen. */
static void set_min_size(struct app *app)
{
    int min_w = (int)(APP_MIN_WIDTH * app->zoom), min_h = (int)(APP_MIN_HEIGHT * app->zoom);
    SDL_Rect usable;
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0) {
        min_w = min_w > usable.w ? usable.w : min_w;
        min_h = min_h > usable.h ? usable.h : min_h;
    }
    SDL_SetWindowMinimumSize(app->window, min_w, min_h);
}

static void update_scale(struct app *app)
{
    int ww, wh, ow, oh;
    SDL_GetWindowSize(app->window, &ww, &wh);
    SDL_GetRendererOutputSize(app->renderer, &ow, &oh);
    app->input.scale_x = ww > 0 ? (float)ow / (float)ww : 1.0f;
    app->input.scale_y = wh > 0 ? (float)oh / (float)wh : 1.0f;
    if (app->stage.font)
        apply_scale(app);
}

static void zoom(struct app *app, int step)
{
    if (step == VIEW_ZOOM_RESET) {
        app->zoom = 1.0f;
    } else {
        size_t at = 0;
        while (at + 1 < ZOOM_STEPS && zoom_steps[at] < app->zoom - 0.001f)
            at++;
        /* Between steps (--scale 1.3): the next step in that direction. */
        bool on_step = zoom_steps[at] < app->zoom + 0.001f;
        if (step > 0)
            at = on_step ? (at + 1 < ZOOM_STEPS ? at + 1 : at) : at;
        else
            at = at > 0 ? at - 1 : 0;
        app->zoom = zoom_steps[at];
    }
    apply_scale(app);
}

/* A kiosk's pointer shows while it moves and hides after 3 s still. */
static void pointer_moved(struct app *app)
{
    if (!app->kiosk)
        return;
    if (!app->cursor_hide_at)
        SDL_ShowCursor(SDL_ENABLE);
    app->cursor_hide_at = SDL_GetTicks64() + APP_CURSOR_HIDE_MS;
}

/* The app's own deadlines: carried out when due; returns the milliseconds
 * to the next one (0: none), for the loop's wait. */
static int app_timers(struct app *app)
{
    uint64_t now = SDL_GetTicks64(), next = 0;
    if (app->cursor_hide_at) {
        if (now >= app->cursor_hide_at) {
            SDL_ShowCursor(SDL_DISABLE);
            app->cursor_hide_at = 0;
        } else {
            next = app->cursor_hide_at;
        }
    }
    if (app->stale_after_ms && app->stage.chat.connection == CHAT_CONNECTED && !app->stale) {
        uint64_t at = app->last_data_at + (uint64_t)app->stale_after_ms;
        if (now >= at) {
            /* Connected, and nothing for that long: say so, and reconnect. */
            app->stale = true;
            snprintf(app->banner, sizeof app->banner, tr(I18N_STALE), app->stale_after_ms / 1000);
            app->stage.view.banner = app->banner;
            app->dirty = true;
            net_reconnect(app->net);
        } else {
            next = next && next < at ? next : at;
        }
    }
    uint64_t demo_at = app_demo_turn(app, now), replay_at = app_play(app, now);
    if (demo_at)
        next = next && next < demo_at ? next : demo_at;
    if (replay_at)
        next = next && next < replay_at ? next : replay_at;
    if (app->watchdog_ms) {
        if (now >= app->watchdog_at) {
            service_watchdog(); /* the loop turns: Ponte is alive */
            app->watchdog_at = now + (uint64_t)app->watchdog_ms;
        }
        next = next && next < app->watchdog_at ? next : app->watchdog_at;
    }
    if (app->stage.view.chart.open || app->stage.view.chart_strip) {
        /* The charts show whole seconds: a frame when the next one is
         * over, only while they are shown (hidden: no timer at all). */
        uint64_t at = now + (uint64_t)chart_next_ms(platform_wall_clock_us());
        next = next && next < at ? next : at;
    }
    if (app->quit_held_at) {
        uint64_t at = app->quit_held_at + (uint64_t)app->quit_hold_ms;
        if (now >= at) {
            app->running = false;
            return 0;
        }
        next = next && next < at ? next : at;
    }
    return next ? (int)(next - now) + 1 : 0;
}

/* The window's own events: resized, shown again, left, closed. */
static void window_event(struct app *app, const SDL_WindowEvent *w)
{
    switch (w->event) {
    case SDL_WINDOWEVENT_SIZE_CHANGED:
        update_scale(app);
        app->force_present = true;
        break;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_SHOWN:
    case SDL_WINDOWEVENT_RESTORED:
    case SDL_WINDOWEVENT_MAXIMIZED:
        app->force_present = true;
        break;
    case SDL_WINDOWEVENT_LEAVE:
        ui_input_mouse_move(&app->stage.ui, -1, -1);
        break;
    case SDL_WINDOWEVENT_CLOSE:
        /* The window's close button, Alt+F4 through the window manager:
         * a kiosk stays (see the quit keys). */
        if (!app->kiosk)
            app->running = false;
        return;
    case SDL_WINDOWEVENT_ENTER:
    case SDL_WINDOWEVENT_FOCUS_GAINED:
    case SDL_WINDOWEVENT_FOCUS_LOST:
        break;
    default:
        return;
    }
    app->dirty = true;
}

/* What input.c says the app must do besides redrawing. */
static void input_effects(struct app *app, unsigned effect)
{
    if (effect & INPUT_POINTER)
        pointer_moved(app);
    if (effect & INPUT_TYPED) {
        app->demo_paused_until = SDL_GetTicks64() + APP_DEMO_PAUSE_MS;
        player_typed(&app->player, (int64_t)(app->demo_paused_until - APP_DEMO_PAUSE_MS) * 1000,
                     (int64_t)app->demo_paused_until * 1000);
    }
    if (effect & INPUT_CHANGED)
        app->dirty = true;
    if ((effect & INPUT_QUIT) && !app->kiosk) /* (a kiosk quits only by its quit keys) */
        app->running = false;
    if ((effect & INPUT_QUIT_KEYS_DOWN) && !app->quit_held_at) {
        app->quit_held_at = SDL_GetTicks64();
        if (app->quit_hold_ms == 0) {
            app->running = false;
            return;
        }
        app->stage.view.banner = tr(I18N_KIOSK_HOLD_TO_QUIT);
        app->dirty = true;
    }
    if ((effect & INPUT_QUIT_KEYS_UP) && app->quit_held_at) {
        /* Let go before the time is up. */
        app->quit_held_at = 0;
        app->stage.view.banner = app->stale ? app->banner : NULL;
        app->dirty = true;
    }
}

static void handle_event(struct app *app, const SDL_Event *e)
{
    if (e->type == app->wake_type)
        return; /* the network ring is drained after every turn */
    switch (e->type) {
    case SDL_QUIT:
        /* SIGINT, SIGTERM (a service manager), or the system asking: always. */
        app->running = false;
        return;
    case SDL_DROPFILE:
        /* A file dropped on the window: a recording opens; saved messages
         * are imported, with the panel open to say how it went. */
        if (e->drop.file && opener_drop(&app->opener, &app->stage.view, &app->stage.ui, e->drop.file)) {
            app->stage.view.panel.open = true;
            store_import_file(&app->store, e->drop.file, SDL_GetTicks64());
        }
        SDL_free(e->drop.file);
        app->dirty = true;
        return;
    case SDL_WINDOWEVENT:
        window_event(app, &e->window);
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        app->force_present = true;
        app->dirty = true;
        return;
    default:
        input_effects(app, input_event(&app->input, &app->stage.ui, e));
        return;
    }
}

/* handle_event for input_take_queued: false once the app is quitting. */
static bool take_event(void *user, const SDL_Event *e)
{
    struct app *app = user;
    handle_event(app, e);
    return app->running;
}

/* ---- network ------------------------------------------------------------------------ */

/* ---- recent URLs ------------------------------------------------------------------ */

static void recent_failed(struct app *app, const char *why)
{
    if (app->recent_warned)
        return;
    app->recent_warned = true;
    fprintf(stderr, "ponte: the recent URLs are not kept: %s\n", why);
}

/* Adds a URL to the list (add) or forgets one (forget), then writes the
 * list, first taking in what another Ponte may have added meanwhile. */
static void recent_store(struct app *app, const char *add, const char *forget)
{
    char err[PLATFORM_PATH_MAX + 300];
    if (!recent_update(&app->recent, app->recent_path, add, forget, err, sizeof err))
        recent_failed(app, err);
}

static void recent_start(struct app *app)
{
    char dir[PLATFORM_DIR_MAX];
    if (!platform_state_dir(dir, sizeof dir))
        return; /* no home: the list lives only in memory */
    snprintf(app->recent_path, sizeof app->recent_path, "%s/%s", dir, RECENT_FILE);
    char err[512];
    if (!recent_load(&app->recent, app->recent_path, err, sizeof err))
        recent_failed(app, err);
    app->stage.view.recent = &app->recent;
}

/* ---- saved messages ---------------------------------------------------------------- */

static bool send_saved(void *user, const char *data, size_t len, bool binary)
{
    return app_send_message(user, data, len, binary);
}

static bool saved_actions(struct app *app, const struct panel_actions *a)
{
    const struct textedit *te = &app->stage.view.input.edit;
    struct store_message message = {te->text, te->len, (enum saved_mode)app->stage.view.compose};
    return store_actions(&app->store, a, &message, send_saved, app, SDL_GetTicks64());
}

static void drain_network(struct app *app)
{
    struct net_event ev;
    int handled = 0;
    while (handled < APP_EVENTS_PER_TURN && net_poll(app->net, &ev)) {
        if (ev.kind == NET_EVENT_LISTENING)
            app->echo_port = ev.code;
        bool remember = ev.kind == NET_EVENT_CONNECTED;
        if (ev.kind == NET_EVENT_RECEIVED || ev.kind == NET_EVENT_CONNECTED) {
            app->last_data_at = SDL_GetTicks64();
            if (ev.kind == NET_EVENT_RECEIVED && app->stale) {
                app->stage.view.banner = NULL; /* data again */
                app->stale = false;
            }
            if (ev.kind == NET_EVENT_CONNECTED)
                app->stale = false; /* (the banner stays until data comes) */
        }
        struct stats_sample sample = stats_sample(&ev, 0); /* (before chat_apply takes the event's parts) */
        if (player_event(&app->player, &ev, (int64_t)SDL_GetTicks64() * 1000))
            app_play(app, SDL_GetTicks64()); /* (speed 0: the next goes while this frame is drawn) */
        chat_apply(&app->stage.chat, &ev);
        if (sample.in && app->stage.chat.count) {
            /* An echo of a sent message: chat.c matched it and timed it. */
            const struct chat_message *m = &app->stage.chat.messages[app->stage.chat.count - 1];
            if (m->kind == CHAT_RECEIVED && m->time_us == ev.time_us)
                sample.rtt_us = m->rtt_us;
        }
        stats_add(app->stats, &sample);
        if (remember) {
            /* A URL that worked joins the recent ones; the built-in echo
             * server's port changes with every run, so its URL does not. */
            char echo[64];
            snprintf(echo, sizeof echo, "ws://127.0.0.1:%d/", app->echo_port);
            if (!app->echo_port || strcmp(app->stage.chat.url, echo) != 0)
                recent_store(app, app->stage.chat.url, NULL);
        }
        net_event_free(&ev);
        handled++;
    }
    app->net_more = handled == APP_EVENTS_PER_TURN;
    if (handled)
        app->dirty = true;
}

/* The export bar's Save: the messages it picked, of the conversation the
 * view showed, written through a temporary file renamed into place (never
 * half a file); never over a file that is there unless the person said
 * Replace. The bar says how it went. */
static void save_export(struct app *app, const struct view_export *e)
{
    struct exportbar *bar = &app->stage.view.exportbar;
    char path[PLATFORM_PATH_MAX], tmp[PLATFORM_PATH_MAX], err[PLATFORM_PATH_MAX + 160] = "", why[256] = "";
    if (!platform_expand_path(e->path, path, sizeof path)) {
        exportbar_done(bar, false, 0, e->path, tr(I18N_EXPORT_WRITE_FAILED));
        return;
    }
    FILE *there = NULL;
    if (!e->replace && (!platform_open_read(path, &there, err, sizeof err) || there)) {
        if (there)
            fclose(there);
        exportbar_exists(bar);
        return;
    }
    size_t written = 0;
    FILE *f = platform_create_file(path, tmp, sizeof tmp, err, sizeof err);
    bool wrote = f && export_write(f, e->format, e->chat, &e->pick, &written, why, sizeof why);
    if (!f || (!platform_commit_file(f, tmp, path, wrote, err, sizeof err) && wrote))
        snprintf(why, sizeof why, "%s", strerror(errno)); /* (the bar names the file itself) */
    exportbar_done(bar, f && wrote && !why[0], written, path, why);
}

/* Carries out what the person asked for; true when anything changed. */
static bool apply_actions(struct app *app, const struct view_actions *a)
{
    bool changed = false;
    if (a->send) {
        struct textedit *te = &app->stage.view.input.edit;
        char *bytes = NULL;
        size_t len = 0;
        bool binary = false;
        /* Text as typed; hex or base64 decoded (the view let Send through
         * only when it decodes). */
        if (view_payload(&app->stage.view, &bytes, &len, &binary) &&
            app_send_message(app, binary ? bytes : te->text, len, binary))
            view_sent(&app->stage.view);
        free(bytes);
        changed = true;
    }
    if (a->close) {
        net_close(app->net);
        changed = true;
    }
    if (a->frames.send != FRAMES_NONE) {
        app_send_frame(app, &a->frames);
        changed = true;
    }
    if (a->connect) {
        net_connect(app->net);
        changed = true;
    }
    if (a->connect_url) {
        net_connect_to(app->net, a->connect_url);
        changed = true;
    }
    if (a->local_echo) {
        net_use_local_echo(app->net);
        changed = true;
    }
    if (a->forget_recent > 0 && (size_t)a->forget_recent <= app->recent.count) {
        char *url = app->recent.urls[a->forget_recent - 1];
        app->recent.urls[a->forget_recent - 1] = NULL;
        recent_remove(&app->recent, (size_t)a->forget_recent - 1); /* (frees NULL) */
        recent_store(app, NULL, url);
        free(url);
        changed = true;
    }
    if (a->clear) {
        chat_clear(&app->stage.chat);
        changed = true;
    }
    if (a->theme_changed)
        changed = true;
    if (a->zoom) {
        zoom(app, a->zoom);
        changed = true;
    }
    if (saved_actions(app, &a->saved))
        changed = true;
    if (a->replay.toggle || a->replay.again || a->replay.speed) {
        int64_t now = (int64_t)SDL_GetTicks64() * 1000;
        if (a->replay.toggle)
            player_toggle(&app->player, now);
        if (a->replay.again)
            player_again(&app->player, now);
        if (a->replay.speed)
            player_set_speed(&app->player, player_speeds[a->replay.speed - 1], now);
        changed = true;
    }
    if (opener_actions(&app->opener, &app->stage.view, &app->stage.ui, a))
        changed = true;
    if (a->export.save) {
        save_export(app, &a->export);
        changed = true;
    }
    if (a->recall_id) {
        const struct chat_message *m = chat_find(&app->stage.chat, a->recall_id);
        if (m && m->kind == CHAT_SENT) {
            view_recall(&app->stage.view, m->text, m->len);
            chat_mark_recalled(&app->stage.chat, chat_id(&app->stage.chat, m));
        }
        changed = true;
    }
    return changed;
}

/* ---- frames ------------------------------------------------------------------------- */

static void frame(struct app *app)
{
    int w, h;
    SDL_GetRendererOutputSize(app->renderer, &w, &h);
    struct view_actions actions;
    /* An action changes the model; build again so the frame shows it. */
    for (int pass = 0; pass < 3; pass++) {
        ui_begin(&app->stage.ui, SDL_GetTicks64());
        view_frame(&app->stage.view, &app->stage.ui, &app->stage.chat, w, h, &actions);
        ui_end(&app->stage.ui);
        if (!apply_actions(app, &actions))
            break;
    }
    bool presented =
        render_frame(app->stage.render, &app->stage.ui, app->stage.view.theme->window_bg, app->force_present);
    app->force_present = false;
    if (presented && !app->first_presented) {
        app->first_presented = true;
        service_ready();
        /* For the start-up benchmark (tests/bench/bench_startup.py). */
        if (getenv("PONTE_REPORT_FIRST_FRAME"))
            fprintf(stderr, "ponte: first frame presented\n");
    }
    /* Keys a widget left for the next frame (typed after an Enter). */
    if (app->stage.ui.in.key_count)
        app->dirty = true;

    if (app->stage.ui.cursor != app->cursor && app->cursors[app->stage.ui.cursor]) {
        app->cursor = app->stage.ui.cursor;
        SDL_SetCursor(app->cursors[app->cursor]);
    }
    if (app->stage.ui.want_text_input) {
        ui_rect r = app->stage.ui.text_input_rect;
        SDL_Rect rect = {(int)(r.x / app->input.scale_x), (int)(r.y / app->input.scale_y),
                         (int)(r.w / app->input.scale_x) + 1, (int)(r.h / app->input.scale_y)};
        SDL_SetTextInputRect(&rect);
        if (!app->text_input_on)
            SDL_StartTextInput();
        app->text_input_on = true;
    } else if (app->text_input_on) {
        SDL_StopTextInput();
        app->text_input_on = false;
    }
}

static void run_loop(struct app *app)
{
    app->running = true;
    app->dirty = true;
    app->force_present = true;
    while (app->running) {
        if (app->dirty) {
            app->dirty = false;
            frame(app);
        }
        SDL_Event e;
        int wait = app->stage.ui.next_frame_ms;
        int timer = app_timers(app);
        if (!app->running)
            break;
        if (timer > 0 && (wait <= 0 || timer < wait))
            wait = timer;
        int got;
        bool woken = false; /* by the worker, through the waiter */
        if (app->net_more || app->input_more || app->dirty) {
            got = SDL_PollEvent(&e);
        } else if (app->waiter) {
            int result = waiter_wait(app->waiter, &e, wait > 0 ? wait : -1);
            woken = result == WAITER_WOKEN;
            got = result == WAITER_EVENT ? 1 : result == WAITER_FAILED ? -1 : 0;
        } else if (wait > 0) {
            got = SDL_WaitEventTimeout(&e, wait);
        } else {
            got = SDL_WaitEvent(&e);
        }
        if (got > 0) {
            handle_event(app, &e);
            /* Take what is queued, but no more than one frame's input can
             * hold (one tap, say): the rest waits in SDL's queue for the
             * next turn. */
            app->input_more = app->running && input_take_queued(&app->stage.ui, take_event, app);
        } else if (woken) {
            /* The network ring is drained below. */
        } else if (wait > 0 && got == 0) {
            /* An animation's next step, or one of the app's timers, is due. */
            app->dirty = true;
        } else if (!app->net_more && !app->input_more && !app->dirty) {
            /* SDL_WaitEvent failed: say so once, and do not spin. */
            static bool reported;
            if (!reported)
                fprintf(stderr, "ponte: waiting for events failed: %s\n", SDL_GetError());
            reported = true;
            SDL_Delay(100);
        }
        drain_network(app);
        if (opener_poll(&app->opener, &app->stage.view))
            app->dirty = true; /* (woken by the loader: its progress, or done) */
    }
}

/* ---- start and stop ------------------------------------------------------------------- */

/* Any thread. */
static void ask_to_quit(void)
{
    SDL_Event e;
    SDL_zero(e);
    e.type = SDL_QUIT;
    SDL_PushEvent(&e);
}

/* The window's first size: the zoom's, within the screen; a kiosk's: the
 * whole display. */
static SDL_Rect window_place(bool kiosk, float zoom)
{
    SDL_Rect r = {SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, (int)(APP_WIDTH * zoom), (int)(APP_HEIGHT * zoom)};
    SDL_Rect usable;
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
        r.w = r.w > usable.w * 9 / 10 ? usable.w * 9 / 10 : r.w;
        r.h = r.h > usable.h * 9 / 10 ? usable.h * 9 / 10 : r.h;
    }
    r.w = r.w < APP_MIN_WIDTH ? APP_MIN_WIDTH : r.w;
    r.h = r.h < APP_MIN_HEIGHT ? APP_MIN_HEIGHT : r.h;
    SDL_Rect whole;
    if (kiosk && SDL_GetDisplayBounds(0, &whole) == 0)
        r = whole; /* also where no window manager makes it fullscreen (a bare X server) */
    return r;
}

/* SDL, the window and its renderer; for a kiosk the quit keys too. */
static bool open_window(struct app *app, const struct cli_options *options)
{
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
    /* A finger arrives as mouse events (SDL_TOUCH_MOUSEID), the one source of
     * touch input Ponte reads (see input.c). */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    /* Closing the window is SDL_WINDOWEVENT_CLOSE alone (a kiosk ignores
     * it); SDL_QUIT then means a signal or the system. */
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "ponte: cannot start SDL video: %s\n", SDL_GetError());
        return false;
    }
    /* The system asking Ponte to end (on Windows: Ctrl+C, the console
     * closed, logging off, taskkill's WM_CLOSE) is SDL_QUIT, as SIGTERM is. */
    platform_on_stop(ask_to_quit);
    app->kiosk = options->kiosk;
    float start_zoom = options->scale > 0 ? options->scale : app->kiosk ? CLI_KIOSK_SCALE : 1.0f;
    SDL_Rect place = window_place(app->kiosk, start_zoom);
    app->window = SDL_CreateWindow("Ponte", place.x, place.y, place.w, place.h,
                                   SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                                       (app->kiosk ? SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS : 0));
    if (!app->window) {
        fprintf(stderr, "ponte: cannot open a window: %s\n", SDL_GetError());
        return false;
    }
    app->renderer = SDL_CreateRenderer(app->window, -1,
                                       SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!app->renderer)
        app->renderer = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_SOFTWARE);
    if (!app->renderer) {
        fprintf(stderr, "ponte: cannot create a renderer: %s\n", SDL_GetError());
        return false;
    }
    update_scale(app);
    app->zoom = start_zoom;
    /* SDL keeps the screensaver off while a window is open; only a kiosk
     * should. */
    if (!app->kiosk) {
        SDL_EnableScreenSaver();
        return true;
    }
    SDL_DisableScreenSaver();
    if (!input_set_quit_keys(&app->input, options->quit_keys ? options->quit_keys : CLI_DEFAULT_QUIT_KEYS)) {
        fprintf(stderr, "ponte: the quit keys %s name no key\n", options->quit_keys);
        return false;
    }
    app->quit_hold_ms = (options->quit_hold_s >= 0 ? options->quit_hold_s : CLI_DEFAULT_QUIT_HOLD) * 1000;
    pointer_moved(app);
    return true;
}

/* The fonts, the renderer, the cursors, the ui, the view and the model. */
static bool open_ui(struct app *app, const struct cli_options *options, const char *assets)
{
    char err[512];
    if (!stage_open(&app->stage, app->renderer, assets, app->zoom * app->input.scale_y,
                    options->local_echo ? "" : app->replay_url ? app->replay_url : options->url, err, sizeof err)) {
        fprintf(stderr, "ponte: %s\n", err);
        return false;
    }
    app->cursors[UI_CURSOR_ARROW] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_ARROW);
    app->cursors[UI_CURSOR_TEXT] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_IBEAM);
    app->cursors[UI_CURSOR_HAND] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_HAND);
    app->stage.ui.clipboard_get = clipboard_get;
    app->stage.ui.clipboard_set = clipboard_set;
    set_min_size(app);
    app->stage.view.theme = options->dark ? &theme_dark : &theme_light;
    app->stage.view.insecure = options->insecure;
    app->stage.view.osk_enabled = options->osk >= 0 ? options->osk : options->kiosk;
    app->stage.chat.history_cap = options->history ? options->history
                                  : app->kiosk     ? CLI_KIOSK_HISTORY
                                                   : CLI_DEFAULT_HISTORY;
    return true;
}

/* The files kept between runs, the watchdogs and the demo. */
static bool open_extras(struct app *app, const struct cli_options *options, bool demo_lines)
{
    recent_start(app);
    store_open(&app->store, &app->stage.view.panel, SDL_GetTicks64());
    app->stage.view.saved = &app->store.saved;
    app->stale_after_ms = options->stale_after_s * 1000;
    if (demo_lines && !app_load_demo(app, options->demo_file))
        return false;
    if (player_loaded(&app->player))
        app->stage.view.replaybar.player = &app->player; /* (a kiosk's demo too: Pause is a tap away) */
    app->demo_interval_ms = (options->demo_interval_s ? options->demo_interval_s : CLI_DEFAULT_DEMO_INTERVAL) * 1000;
    app->stats = options->stats;
    app->stage.view.stats = options->stats;
    app->stage.view.chart_strip = options->chart;
    return true;
}

/* The network worker; takes the transcript when it starts. */
static bool start_network(struct app *app, const struct cli_options *options, struct transcript *transcript)
{
    app->wake_type = SDL_RegisterEvents(1);
    if (app->wake_type == (Uint32)-1) {
        fprintf(stderr, "ponte: no SDL event type left to register\n");
        return false;
    }
    struct net_config config = net_config_from_options(options);
    config.transcript = transcript;
    if (app->replay_url)
        config.url = app->replay_url;
    config.wake = wake_ui;
    config.wake_user = app;
    /* X11: the worker wakes the UI through a pipe, not the X server. */
    if (!getenv("PONTE_NO_WAITER"))
        app->waiter = waiter_create(app->window);
    char err[512];
    app->net = net_start(&config, err, sizeof err);
    if (!app->net)
        fprintf(stderr, "ponte: %s\n", err);
    return app->net != NULL;
}

/* Everything, in reverse order of making, whatever was made. */
static void app_close(struct app *app)
{
    if (app->window)
        SDL_HideWindow(app->window);
    opener_free(&app->opener, &app->stage.view); /* (stops a load; before the view goes) */
    net_stop(app->net); /* closes with 1000 and joins the worker */
    waiter_destroy(app->waiter);
    recent_free(&app->recent);
    store_close(&app->store);
    for (size_t i = 0; i < app->demo_count; i++)
        free(app->demo_lines[i]);
    free(app->demo_lines);
    player_free(&app->player);
    stage_close(&app->stage);
    for (int i = 0; i < 3; i++)
        if (app->cursors[i])
            SDL_FreeCursor(app->cursors[i]);
    if (app->renderer)
        SDL_DestroyRenderer(app->renderer);
    if (app->window)
        SDL_DestroyWindow(app->window);
    SDL_Quit();
    free(app);
}

struct transcript *app_open_transcript(const struct cli_options *options)
{
    char err[512];
    struct transcript *t = transcript_open(options->transcript, err, sizeof err);
    if (!t) {
        fprintf(stderr, "ponte: %s\n", err);
        return NULL;
    }
    transcript_set_rotation(t, options->transcript_max,
                            options->transcript_keep >= 0 ? (unsigned)options->transcript_keep
                                                          : CLI_DEFAULT_TRANSCRIPT_KEEP);
    return t;
}

int app_run(const struct cli_options *options)
{
    struct app *app = calloc(1, sizeof *app);
    struct transcript *transcript = NULL;
    int status = 1;
    char assets[PLATFORM_PATH_MAX];
    if (!app) {
        fprintf(stderr, "ponte: out of memory\n");
        return 1;
    }
    if (!assets_find(assets, sizeof assets)) {
        fprintf(stderr, "ponte: cannot find the font DejaVuSans.ttf (looked in: %s); "
                        "set PONTE_DATADIR to the folder that has it, or install DejaVu Sans "
                        "(Debian: fonts-dejavu-core)\n",
                assets);
        goto end;
    }
    if (options->transcript && !(transcript = app_open_transcript(options)))
        goto end;
    bool demo_lines;
    if (!open_window(app, options) || !app_open_recording(app, options, &demo_lines) || !open_ui(app, options, assets) ||
        !open_extras(app, options, demo_lines) || !start_network(app, options, transcript))
        goto end;
    transcript = NULL; /* the worker owns it now */
    opener_init(&app->opener, options->transcript, wake_ui, app, &app->stage.view);
    if (options->open_file)
        opener_open(&app->opener, &app->stage.view, &app->stage.ui, options->open_file);

    app->watchdog_ms = service_watchdog_ms();
    run_loop(app);
    service_stopping();
    status = 0;

end:
    transcript_close(transcript);
    app_close(app);
    return status;
}
