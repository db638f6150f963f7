/* SPDX-License-Identifier: MIT */
/* exportbar: the export bar under the status bar (Ctrl+S): what to export
 * (the whole conversation, the filtered view, the selected range: only
 * those there are), the format (JSON Lines, HAR, Markdown), the file (a
 * text field, its extension following the format), Save (also Enter), and
 * what came of it ("Saved 1,234 messages to …", or why not). A file that
 * exists is never written over at the first press: Save turns into
 * Replace, and a second press writes. ✕ or Escape closes it. The app
 * writes the file (export.c through platform.c) and tells the bar how it
 * went. */
#ifndef PONTE_EXPORTBAR_H
#define PONTE_EXPORTBAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "widgets.h"

enum exportbar_what {
    EXPORTBAR_ALL,
    EXPORTBAR_FILTERED,
    EXPORTBAR_SELECTION,
    EXPORTBAR_WHAT_COUNT
};

/* What there is to export now: the rows each choice holds (0: not
 * offered; all is always offered). */
struct exportbar_counts {
    size_t rows[EXPORTBAR_WHAT_COUNT];
};

struct exportbar {
    bool open;
    enum exportbar_what what;
    enum export_format format;
    struct widget_textbox path;
    bool confirm;        /* the file exists: the button says Replace, the next press writes over it */
    uint64_t path_version; /* the path's text version confirm was asked for */
    char note[1200];     /* what came of the last Save, or why not ("": nothing to say) */
    bool note_error;
    ui_rect rect;        /* where it was drawn in the last frame (h 0: closed) */
    ui_rect what_rect[EXPORTBAR_WHAT_COUNT], format_rect[EXPORT_FORMAT_COUNT], save_rect, close_rect;
};

struct exportbar_actions {
    bool save;     /* write what, in format, to the path (as typed: the app expands "~") */
    bool replace;  /* ...even over a file that is there (the person said Replace) */
    bool close;    /* ✕ or Escape */
};

void exportbar_init(struct exportbar *b);
void exportbar_free(struct exportbar *b);

/* Opens the bar, focused on the path, choosing the selection when there is
 * one (else the filtered view when filtered); default_path goes in the
 * field when it is empty (like "~/ponte-2026-12-05-1645.jsonl"). */
void exportbar_open(struct exportbar *b, struct ui *ui, const struct exportbar_counts *counts,
                    const char *default_path);
void exportbar_close(struct exportbar *b);

/* The bar's height in a window width wide, with these choices. */
int exportbar_height(struct ui *ui, const struct exportbar *b, int width, const struct exportbar_counts *counts);

void exportbar_frame(struct exportbar *b, struct ui *ui, const struct theme *t, ui_rect bar,
                     const struct exportbar_counts *counts, struct exportbar_actions *actions);

/* What the app found: the file is there (Save becomes Replace), or how the
 * write went (written messages to path, or err). */
void exportbar_exists(struct exportbar *b);
void exportbar_done(struct exportbar *b, bool ok, size_t written, const char *path, const char *err);

#endif
