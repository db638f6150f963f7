/* view: the screen, built from the chat model every frame: the status bar,
 * the conversation and the input row. Keeps the few things a screen has to
 * remember (the text being typed, the scroll position, each message's
 * wrapped layout) and reports what the person asked for as actions; the app
 * carries them out. */
#ifndef PONTE_VIEW_H
#define PONTE_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "chat.h"
#include "ui.h"
#include "widgets.h"

struct view_layout;

struct view {
    struct widget_textbox input;
    int64_t scroll; /* pixels of content above the visible part */
    bool follow; /* keep the newest message in view */
    bool started;

    /* One layout per chat message, same index. */
    struct view_layout *layouts;
    size_t layout_count, layout_cap;
    int layout_width;      /* the list width the layouts were made for */
    uint64_t chat_version; /* the chat version they reflect */
    int64_t content_height; /* 64-bit: a hostile server can send a lot */
    size_t bubble_count;   /* messages drawn as bubbles (not event lines) */

    /* Where things were drawn in the last frame, for tests and the app. */
    ui_rect status_rect, list_rect, input_rect, send_rect, close_rect;
    const struct theme *theme;
};

struct view_actions {
    bool send;           /* send the input's text (then clear it) */
    bool close;          /* close the connection */
    bool connect;        /* connect again */
    uint64_t recall_id;  /* put this message's text into the input (0: none) */
};

void view_init(struct view *view);
void view_free(struct view *view);

/* Builds one frame for a width x height window. */
void view_frame(struct view *view, struct ui *ui, const struct chat *chat, int width, int height,
                struct view_actions *actions);

/* Puts text into the input: replaces it when the input is empty, else goes
 * in at the caret, so a draft is never lost (unless the input already holds
 * exactly that text). */
void view_recall(struct view *view, const char *text, size_t len);

#endif
