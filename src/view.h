/* SPDX-License-Identifier: MIT */
/* view: the screen, built from the chat model every frame: the status bar,
 * the conversation and the input row. Keeps the few things a screen has to
 * remember (the text being typed, where the list is scrolled to, the
 * layouts of the rows near the screen) and reports what the person asked
 * for as actions; the app carries them out.
 *
 * The list is virtual: every message has a height in a vlist (a guess until
 * it is laid out), and only the rows on screen are laid out and drawn, so a
 * frame costs the same with ten messages or a million. The scroll position
 * is a row and an offset into it, so rows above that change height (laid
 * out for the first time) do not move what is on screen. */
#ifndef PONTE_VIEW_H
#define PONTE_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "chat.h"
#include "codec.h"
#include "connbar.h"
#include "findbar.h"
#include "history.h"
#include "keyboard.h"
#include "panel.h"
#include "recent.h"
#include "search.h"
#include "ui.h"
#include "vlist.h"
#include "widgets.h"

struct view_layout;

enum {
    VIEW_MARK_EXPANDED = 1 << 0, /* the same bits as DISPLAY_WHOLE and DISPLAY_RAW */
    VIEW_MARK_RAW = 1 << 1,
};
struct view_mark {
    uint64_t id;
    uint8_t flags;
};

struct view_stats {
    uint64_t layouts_built; /* rows laid out since the start */
    uint64_t rows_drawn;    /* in the last frame */
};

struct view {
    struct widget_textbox input;
    /* What the text box holds: text, or bytes typed as hex or base64 and
     * sent as a binary message. */
    enum view_compose { VIEW_COMPOSE_TEXT, VIEW_COMPOSE_HEX, VIEW_COMPOSE_BASE64 } compose;
    struct codec_error compose_error; /* of the text as it is now (CODEC_OK: fine) */
    uint64_t compose_checked;         /* the text version compose_error is for, + 1 */
    ui_rect compose_rect;             /* the mode button */
    struct history history; /* messages sent, for Up and Down in the text box */
    bool insecure;          /* --insecure: the status bar says so the whole time */
    const struct theme *theme;
    bool started;

    /* Rows: one per message. */
    struct vlist rows;
    size_t messages_synced; /* messages the rows reflect */
    uint64_t chat_clears;  /* chat->clears the rows reflect */
    int layout_width;      /* the list width the heights are for */
    float layout_scale;    /* and the scale */
    int layout_connection; /* and the connection state */

    /* Scrolling. */
    bool follow;           /* keep the newest row in view */
    size_t anchor_row;     /* the row at the top of the list... */
    int anchor_offset;     /* ...and how far into it (negative: the padding above row 0) */
    float scroll_pending;  /* pixels still to scroll smoothly (positive: down) */
    struct widget_fling fling; /* a finger's flick still carrying the list */
    size_t seen_rows;      /* rows the person has seen at the bottom: the rest are "new" */
    int pad_top, pad_bottom; /* pixels around the rows, from the last frame */

    /* Layouts of the rows near the screen: a ring over consecutive rows. */
    struct view_layout *window;
    size_t window_cap, window_head, window_count, window_first;

    /* Text selected in one bubble, in its display bytes. */
    uint64_t sel_id;        /* the message (0: none) */
    size_t sel_anchor, sel_caret;
    uint64_t focused_id;    /* the message whose bubble has the focus (0: none) */
    uint32_t focused_bubble; /* that bubble's ui id, also once it is scrolled away */
    bool clear_requested;
    int zoom_requested;

    /* The few messages the person changed how they look: shown whole
     * (VIEW_MARK_EXPANDED) or raw instead of pretty (VIEW_MARK_RAW). */
    struct view_mark *marks;
    size_t mark_count, mark_cap;

    /* A notice at the top of the list while it is set (the app's: "Keep
     * holding to quit", "No data for 30 s"). */
    const char *banner;
    ui_rect offer_rect;  /* offline: the strip offering the built-in echo server (h 0: not shown) */
    /* The on-screen keyboard (kiosks with touch): opens when a text box is
     * pressed while osk_enabled (set by the app), and types into the one
     * pressed last: the message box, the URL field, the find box, or the
     * saved-messages panel's name or file. */
    bool osk_enabled;
    struct keyboard osk;
    /* A short note at the bottom of the list ("Copied"), until toast_until. */
    const char *toast;
    uint64_t toast_until;
    /* The hovered time stamp's full date, drawn over everything. */
    char tooltip[64];
    ui_rect tooltip_anchor;

    struct find find;       /* what Ctrl+F finds, and the filters */
    struct findbar findbar; /* its bar */
    struct connbar conn;         /* the connection bar */
    const struct recent *recent; /* the recent URLs, newest first (the app's; may be NULL) */
    struct panel panel;          /* the saved messages (Ctrl+B) */
    const struct saved *saved;   /* their list (the app's; may be NULL) */
    /* The message box as it was before a saved message was put in it, so
     * that the double click that sends one leaves it as it was. */
    struct textedit_mark saved_mark; /* the step that put it in */
    int saved_loaded;                /* which (i + 1; 0: none) */
    enum view_compose saved_compose; /* the mode before */

    /* Where things were drawn in the last frame, for tests and the app. */
    ui_rect status_rect, list_rect, input_rect, send_rect, close_rect, pill_rect, theme_rect;
    ui_rect saved_rect; /* the status bar's Saved button */
    size_t first_drawn, drawn_count; /* rows on screen in the last frame */
    struct view_stats stats;
};

struct view_actions {
    bool send;           /* send the input's text (then clear it) */
    bool close;          /* close the connection */
    bool connect;        /* connect again */
    const char *connect_url; /* connect to this URL instead (checked; valid until the next frame) */
    bool local_echo;     /* offline: start the built-in echo server and connect to it */
    int forget_recent;   /* forget the recent URL at index forget_recent - 1 (0: none) */
    uint64_t recall_id;  /* put this message's text into the input (0: none) */
    bool clear;          /* forget the conversation (Ctrl+L; the transcript keeps it) */
    bool theme_changed;  /* the person switched between light and dark */
    struct panel_actions saved; /* the saved-messages panel's (loading one the view does itself) */
    int zoom;            /* Ctrl+= (1), Ctrl+- (-1), Ctrl+0 (VIEW_ZOOM_RESET); 0: none */
};

#define VIEW_ZOOM_RESET 2

void view_init(struct view *view);
void view_free(struct view *view);

/* Builds one frame for a width x height window (pixels). */
void view_frame(struct view *view, struct ui *ui, const struct chat *chat, int width, int height,
                struct view_actions *actions);

/* The text in the input was sent: it joins the history and the input
 * empties (with its undo steps). */
void view_sent(struct view *view);

/* What Send sends: the text, or in hex / base64 mode the decoded bytes as
 * a binary message (*data malloc'd then). False when the input is not valid
 * for its mode (the text box shows why). */
bool view_payload(struct view *view, char **data, size_t *len, bool *binary);

/* Puts text into the input: replaces it when the input is empty, else goes
 * in at the caret, so a draft is never lost (unless the input already holds
 * exactly that text). */
void view_recall(struct view *view, const char *text, size_t len);

/* Puts the focus in the URL field with its text selected (Alt+D, F6). */
void view_focus_url(struct view *view, struct ui *ui);

/* The find bar: opens it (focused) or closes it. */
void view_find_open(struct view *view, struct ui *ui);
void view_find_close(struct view *view, struct ui *ui);
/* Sets the filters as their toggles do. */
void view_find_filter(struct view *view, bool only_matches, bool hide_sent, bool hide_received,
                      bool hide_system);

/* Scrolling the list as the keys do (for the app and tests). */
void view_scroll_to_top(struct view *view);
void view_scroll_to_bottom(struct view *view);

/* The scroll position in pixels from the top of the content, and the
 * content's height (guessed for rows not laid out yet). */
int64_t view_scroll_position(const struct view *view);
int64_t view_content_height(const struct view *view);

#endif
