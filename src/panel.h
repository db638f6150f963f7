/* SPDX-License-Identifier: MIT */
/* panel: the side panel of saved messages (Ctrl+B), part of the screen. It
 * shows the list the app keeps (struct saved) and reports what the person
 * asked for as actions; the app changes the list and its file, and says how
 * it went with panel_note.
 *
 *   - a name field and Save: the message box's text under that name (the
 *     text's first line when the name is left empty; a taken name is
 *     replaced);
 *   - the list: a click puts the message in the message box (undoable with
 *     Ctrl+Z), a double click sends it and leaves the message box as it was;
 *     × removes one (with Undo in the note); keys when the list has the
 *     focus: Up/Down, Enter (put in the box), Ctrl+Enter (send), Delete;
 *   - Import… and Export… with a file path (also: a file dropped on the
 *     window imports). */
#ifndef PONTE_PANEL_H
#define PONTE_PANEL_H

#include <stdbool.h>
#include <stdint.h>

#include "saved.h"
#include "ui.h"
#include "widgets.h"

enum panel_file { PANEL_FILE_NONE, PANEL_FILE_IMPORT, PANEL_FILE_EXPORT };

struct panel {
    bool open;
    struct widget_textbox name; /* the name to save under */
    struct widget_textbox path; /* the file to import or export */
    enum panel_file file;       /* the path row, when shown */
    int pick;                   /* the highlighted message (-1: none) */
    bool pick_seen;             /* scroll the pick into view once */
    int scroll;                 /* pixels of the list hidden above */
    struct widget_fling fling;  /* the list after a flick */
    char note[400];             /* how the last action went ("" none) */
    bool note_error, note_undo; /* red; with an Undo link */
    uint64_t note_until;        /* (ms) when it goes; 0: stays */
    int mouse_x, mouse_y;       /* at the last frame, to tell a moving mouse */
    struct wrap note_lines, hint_lines; /* kept, to spare a per-frame allocation */
    /* Where things were drawn in the last frame, for tests. */
    ui_rect rect, name_rect, save_rect, list_rect, import_rect, export_rect, path_rect, go_rect, cancel_rect,
        close_rect, undo_rect;
    ui_rect row_rects[64]; /* the rows drawn (row_first + i) */
    int row_first, row_count;
};

struct panel_actions {
    bool save;               /* save the message box's text under the name field's text */
    int load;                /* i + 1: put message i in the message box */
    int send;                /* i + 1: send message i */
    int remove;              /* i + 1: remove message i */
    bool undo_remove;        /* put back the one removed last */
    const char *import_path; /* (the path field's text, until the next frame) */
    const char *export_path;
    bool closed;             /* the panel closed: the focus goes back to the message box */
};

void panel_init(struct panel *p);
void panel_free(struct panel *p);

/* Opens (focus to the name field when focus_name) or closes it. */
void panel_toggle(struct panel *p, struct ui *ui, bool focus_name);

/* The ids of the name field and of the list, for giving them the focus. */
uint32_t panel_name_id(struct ui *ui, const struct panel *p);
uint32_t panel_list_id(struct ui *ui);

/* The panel's width in a window width wide. */
int panel_width(const struct ui *ui, int width);

/* Draws the panel at r over the list the app keeps (may be NULL: empty);
 * can_save tells whether the message box holds something to save. */
void panel_frame(struct panel *p, struct ui *ui, const struct theme *t, ui_rect r, const struct saved *list,
                 bool can_save, struct panel_actions *a);

/* Shows how an action went: for 6 s, or until the next action when it is
 * an error or offers Undo. */
void panel_note(struct panel *p, uint64_t now_ms, bool error, bool undo, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
