/* SPDX-License-Identifier: MIT */
/* appsend: what the window sends, each through the conversation first (a
 * Sent bubble, then the network): the message box's text, the frame menu's
 * frames, the saved messages', the demo's lines (--demo with a text file)
 * and a recording's frames replayed (--replay, --demo with a recording,
 * through player.c). Part of the app (app_internal.h). */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frames.h"
#include "grow.h"
#include "platform.h"

/* Out of memory: the bubble of message id says not sent, the text stays. */
void app_not_sent(struct app *app, uint64_t id)
{
    struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = id, .error = NET_ERROR_NO_MEMORY};
    chat_apply(&app->stage.chat, &ev);
}

/* Into the conversation and out to the network (in fragments when more
 * than one); its id, 0 when it could not even be queued (the bubble then
 * says not sent). */
static uint64_t send_message_in(struct app *app, const char *data, size_t len, bool binary, unsigned fragments)
{
    uint64_t id = chat_add_sent_data(&app->stage.chat, data, len, binary, platform_wall_clock_us());
    if (!id)
        return 0;
    if (fragments > 1 ? net_send_fragments(app->net, id, data, len, binary, fragments)
                      : net_send(app->net, id, data, len, binary))
        return id;
    app_not_sent(app, id);
    return 0;
}

bool app_send_message(struct app *app, const char *data, size_t len, bool binary)
{
    return send_message_in(app, data, len, binary, 0) != 0;
}

/* A frame the frame menu asked for, its payload the message box's (a
 * close's, the menu's reason): checked by frames.c (the menu says why
 * when it refuses), then sent; a message (fragments, invalid UTF-8) joins
 * the conversation as a sent one and empties the box, as Send does. */
void app_send_frame(struct app *app, const struct framemenu_actions *f)
{
    struct view *v = &app->stage.view;
    char *bytes = NULL;
    size_t len = f->reason_len;
    bool binary = false;
    const char *payload = f->reason;
    if (f->send != FRAMES_CLOSE) {
        if (!view_payload(v, &bytes, &len, &binary)) {
            free(bytes); /* (the box underlines what does not decode) */
            return;
        }
        payload = binary ? bytes : v->input.edit.text;
    }
    struct frames_request r;
    enum frames_error refused = frames_build(f->send, payload, len, f->code, f->fragments, &r);
    free(bytes);
    framemenu_refused(&v->frames, refused);
    if (refused != FRAMES_OK)
        return;
    r.binary = binary && r.kind == FRAMES_FRAGMENTS; /* (invalid UTF-8 is a text frame, whatever the mode) */
    bool message = r.kind == FRAMES_FRAGMENTS || r.kind == FRAMES_INVALID_UTF8;
    uint64_t id = message ? chat_add_sent_data(&app->stage.chat, r.data, r.len, r.binary, platform_wall_clock_us()) : 0;
    if (message && !id) {
        framemenu_refused(&v->frames, FRAMES_NO_MEMORY);
    } else if (!net_frame(app->net, id, &r)) {
        framemenu_refused(&v->frames, FRAMES_NO_MEMORY);
        if (id)
            app_not_sent(app, id);
    } else if (message) {
        view_sent(v);
        view_scroll_to_bottom(v);
    }
    frames_request_free(&r);
}

/* A recorded frame sent again, as the person's own are: a message (in
 * its fragments, or as the invalid UTF-8 it was) becomes a Sent bubble. */
static bool send_replayed(void *user, const struct replay_item *it, uint64_t *id)
{
    struct app *app = user;
    app->dirty = true;
    if (it->kind == REPLAY_PING)
        return net_ping(app->net, it->data, it->len);
    if (it->kind == REPLAY_PONG)
        return net_pong(app->net, it->data, it->len);
    *id = send_message_in(app, it->data, it->len, it->binary, it->fragments);
    return *id != 0;
}

/* --replay FILE, or --demo FILE when FILE is a recording (*lines: it is
 * not, for app_load_demo). */
bool app_open_recording(struct app *app, const struct cli_options *options, bool *lines)
{
    if (options->replay_file && options->demo_file)
        fprintf(stderr, "ponte: --replay %s is replayed; the demo %s is left out\n", options->replay_file,
                options->demo_file);
    enum player_source source;
    char err[1200];
    if (!player_from_options(&app->player, options, (int64_t)SDL_GetTicks64() * 1000, &source, &app->replay_url, err,
                             sizeof err)) {
        fprintf(stderr, "ponte: %s\n", err);
        return false;
    }
    *lines = source == PLAYER_LINES;
    return true;
}

/* The demo file's non-empty lines (CR LF or LF). */
bool app_load_demo(struct app *app, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "ponte: cannot read the demo file %s\n", path);
        return false;
    }
    char line[65536];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\r\n");
        line[len] = '\0';
        if (!len)
            continue;
        if (!grow(&app->demo_lines, &cap, app->demo_count + 1, sizeof *app->demo_lines, 16))
            break;
        char *copy = malloc(len + 1);
        if (!copy)
            break;
        memcpy(copy, line, len + 1);
        app->demo_lines[app->demo_count++] = copy;
    }
    fclose(f);
    if (!app->demo_count) {
        fprintf(stderr, "ponte: the demo file %s has no lines\n", path);
        return false;
    }
    return true;
}

/* The replay's turn: what is due goes out; when it wants the next (0: not
 * by itself). */
uint64_t app_play(struct app *app, uint64_t now)
{
    if (!player_loaded(&app->player))
        return 0;
    int64_t wait = player_turn(&app->player, (int64_t)now * 1000, app->stage.chat.connection == CHAT_CONNECTED,
                               send_replayed, app);
    return wait >= 0 ? now + (uint64_t)((wait + 999) / 1000) : 0;
}


/* The demo's next line (--demo with a text file), when it is due and the
 * connection is up; when the next is due (0: none by itself). Typing
 * pauses it (demo_paused_until). */
uint64_t app_demo_turn(struct app *app, uint64_t now)
{
    if (!app->demo_count || app->stage.chat.connection != CHAT_CONNECTED)
        return 0;
    uint64_t at = app->demo_at > app->demo_paused_until ? app->demo_at : app->demo_paused_until;
    if (now >= at) {
        const char *line = app->demo_lines[app->demo_next];
        app->demo_next = (app->demo_next + 1) % app->demo_count;
        app_send_message(app, line, strlen(line), false);
        app->dirty = true;
        app->demo_at = now + (uint64_t)app->demo_interval_ms;
        at = app->demo_at;
    }
    return at;
}
