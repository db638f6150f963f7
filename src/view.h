/* SPDX-License-Identifier: MIT */
/* view: the screen, built from the chat model every frame. It lays out and
 * calls its components, each in its own file with its own state and
 * actions: the connection bar (connbar.c), the status bar, the find bar
 * (findbar.c), the conversation (list.c), the saved messages (panel.c), the
 * input row with the message box, and the on-screen keyboard (keyboard.c).
 * It keeps what the screen as a whole has to remember (the text being
 * typed, the history) and reports what the person asked for as actions; the
 * app carries them out. */
#ifndef PONTE_VIEW_H
#define PONTE_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "chart.h"
#include "chat.h"
#include "codec.h"
#include "connbar.h"
#include "export.h"
#include "exportbar.h"
#include "findbar.h"
#include "framemenu.h"
#include "history.h"
#include "keyboard.h"
#include "list.h"
#include "openbar.h"
#include "panel.h"
#include "recent.h"
#include "replaybar.h"
#include "recview.h"
#include "ui.h"
#include "widgets.h"

struct view {
    struct widget_textbox input;
    /* What the text box holds: text, or bytes typed as hex or base64, or
     * JSON sent encoded as MessagePack or CBOR (binenc.h), each of these
     * four sent as a binary message. The values are saved.h's modes. */
    enum view_compose {
        VIEW_COMPOSE_TEXT,
        VIEW_COMPOSE_HEX,
        VIEW_COMPOSE_BASE64,
        VIEW_COMPOSE_MSGPACK,
        VIEW_COMPOSE_CBOR,
        VIEW_COMPOSE_COUNT
    } compose;
    struct codec_error compose_error; /* of the text as it is now (CODEC_OK: fine) */
    char compose_reason[200];         /* MessagePack or CBOR: why the JSON is not ("": it is);
                                         what it underlines is in compose_error's range */
    uint64_t compose_checked;         /* the text version compose_error is for, + 1 */
    ui_rect compose_rect;             /* the mode button */
    struct history history; /* messages sent, for Up and Down in the text box */
    bool insecure;          /* --insecure: the status bar says so the whole time */
    const struct theme *theme;
    bool started;

    struct list list; /* the conversation */
    bool clear_requested;
    int zoom_requested;

    /* A notice at the top of the list while it is set (the app's: "Keep
     * holding to quit", "No data for 30 s"). */
    const char *banner;
    ui_rect offer_rect;  /* offline: the strip offering the built-in echo server (h 0: not shown) */
    /* The on-screen keyboard (kiosks with touch): opens when a text box is
     * pressed while osk_enabled (set by the app), and types into the one
     * pressed last: the message box, the URL field, the find box, or the
     * saved-messages panel's name or file, or a field of the frame menu. */
    bool osk_enabled;
    struct keyboard osk;
    struct findbar findbar;      /* the find bar (what it finds: list.find) */
    struct exportbar exportbar;  /* the export bar (Ctrl+S), under the find bar */
    struct connbar conn;         /* the connection bar */
    const struct recent *recent; /* the recent URLs, newest first (the app's; may be NULL) */
    struct panel panel;          /* the saved messages (Ctrl+B) */
    struct framemenu frames;     /* the frame menu, over the message box (its Frames button) */
    struct replaybar replaybar;  /* the replay bar, under the find bar (its player the app's; NULL: none) */
    const struct saved *saved;   /* their list (the app's; may be NULL) */
    /* The message box as it was before a saved message was put in it, so
     * that the double click that sends one leaves it as it was. */
    struct textedit_mark saved_mark; /* the step that put it in */
    int saved_loaded;                /* which (i + 1; 0: none) */
    enum view_compose saved_compose; /* the mode before */

    /* The status bar's whole text when it did not fit and the pointer (or
     * the last touch) is on it: shown under the bar, a part per line. */
    char status_tip[768];

    /* Where things were drawn in the last frame, for tests and the app. */
    ui_rect status_rect, list_rect, input_rect, send_rect, close_rect, theme_rect;
    ui_rect saved_rect; /* the status bar's Saved button */
    ui_rect frames_rect, framemenu_rect; /* the Frames button; the frame menu (h 0: closed) */

    /* ---- an opened recording (openbar.c, recview.c; the app loads it) ---- */
    struct openbar openbar;   /* Ctrl+O: the file to open */
    struct recview recording; /* its header; while one is shown, the list is its conversation */
    /* The live charts (chart.c) of the app's ring (may be NULL): the panel
     * under the conversation (Ctrl+G, the status bar's Chart button), and
     * with chart_strip (--chart) the strip over the message box. */
    struct chart chart;
    const struct stats *stats;
    bool chart_strip;
    ui_rect chart_button_rect; /* the status bar's Chart button */
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
    struct framemenu_actions frames; /* the frame menu's: a frame to build from the message box */
    int zoom;            /* Ctrl+= (1), Ctrl+- (-1), Ctrl+0 (VIEW_ZOOM_RESET); 0: none */
    struct replaybar_actions replay; /* the replay bar's buttons */
    /* An opened recording's. */
    const char *open_path; /* open this recording (valid until the next frame) */
    bool open_close;       /* back to the live conversation */
    bool open_cancel;      /* stop loading one */
    /* The export bar's Save: pick of chat (the conversation the view shows) in
     * format to path (as typed), over a file that is there only with replace. */
    struct view_export {
        bool save, replace;
        enum export_format format;
        const char *path;
        const struct chat *chat;
        struct export_pick pick;
    } export;
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

/* What Send sends: the text, or in hex / base64 mode the decoded bytes (in
 * MessagePack / CBOR mode the JSON encoded) as a binary message (*data
 * malloc'd then). False when the input is not valid
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

/* The export bar: opens it (Ctrl+S) for what chat holds now. */
void view_export_open(struct view *view, struct ui *ui, const struct chat *chat);

/* Scrolling the list as the keys do (for the app and tests). */
void view_scroll_to_top(struct view *view);
void view_scroll_to_bottom(struct view *view);

/* The scroll position in pixels from the top of the content, and the
 * content's height (guessed for rows not laid out yet). */
int64_t view_scroll_position(const struct view *view);
int64_t view_content_height(const struct view *view);

/* ---- an opened recording -------------------------------------------------------------- */

/* Shows o (the caller's, until view_hide_recording) read-only in place of
 * the live conversation, with a list state of its own: the live one's is
 * kept aside, so going back finds it where it was. */
void view_show_recording(struct view *view, const struct opened *o, const char *path);
/* Back to the live conversation (nothing when none is shown). */
void view_hide_recording(struct view *view);
/* Opens the bar that names a recording (Ctrl+O). */
void view_open_bar(struct view *view, struct ui *ui);

#endif
