/* SPDX-License-Identifier: MIT */
/* openbar: the bar that names a recording to open (Ctrl+O), under the
 * status bar: its title, the path field, Open (also Enter), ✕ (also
 * Escape), and under them the files offered (the --transcript file, the
 * recordings opened before), each one click away. SDL2 has no file
 * dialog, so a path typed or pasted (or a file dropped on the window) it
 * is. Its last error shows on a line of its own. */
#ifndef PONTE_OPENBAR_H
#define PONTE_OPENBAR_H

#include <stdbool.h>

#include "widgets.h"

#define OPENBAR_OFFERS 4

struct openbar {
    bool open;
    struct widget_textbox path;
    const char *offers[OPENBAR_OFFERS]; /* the app's: files offered (NULL: none) */
    char error[640];                    /* the last open's failure ("": none) */
    bool focus;                         /* the path field takes the focus at the next frame (a load failed) */
    ui_rect rect;                       /* where it was drawn (h 0: closed) */
};

struct openbar_actions {
    const char *open_path; /* open this file (valid until the next frame) */
    bool close;            /* ✕ or Escape */
};

void openbar_init(struct openbar *b);

/* A path's last part (after '/', or '\\' on Windows' paths): what the bar's
 * offers and the recording's header show. */
const char *openbar_file_name(const char *path);
void openbar_free(struct openbar *b);

/* Opens it with the focus in the path field, all of it selected. */
void openbar_show(struct openbar *b, struct ui *ui);

/* Its height in a window width wide (0 when closed). */
int openbar_height(const struct openbar *b, struct ui *ui, int width);

void openbar_frame(struct openbar *b, struct ui *ui, const struct theme *t, ui_rect bar,
                   struct openbar_actions *a);

#endif
