/* SPDX-License-Identifier: MIT */
/* opener: the window's side of opening a recording (UI thread): starts the
 * loader (loader.c) for --open, Ctrl+O's bar and a dropped file, tells
 * what a dropped file is (a recording, saved messages, or neither), takes
 * the finished model and shows it in the view (view_show_recording), keeps
 * the files the open bar offers, and carries out Close and Cancel. It owns
 * the model shown and frees it when the view goes back to the live
 * conversation. */
#ifndef PONTE_OPENER_H
#define PONTE_OPENER_H

#include <stdbool.h>

#include "loader.h"
#include "openbar.h"
#include "view.h"

struct opener {
    struct loader loader;
    struct opened *shown;     /* the model the view shows (NULL: the live one) */
    int shown_progress;       /* the progress the view was last given */
    char offers[OPENBAR_OFFERS][PLATFORM_PATH_MAX]; /* the --transcript file, then the ones opened */
    bool (*wake)(void *user); /* the app's wake-up, for the loader thread */
    void *wake_user;
};

/* What a dropped file is, by its first bytes. */
enum opener_kind {
    OPENER_RECORDING, /* a transcript or a HAR file */
    OPENER_SAVED,     /* JSON that is not a recording: the saved messages' import decides */
    OPENER_NEITHER,   /* not JSON at all, or unreadable */
};

void opener_init(struct opener *o, const char *transcript, bool (*wake)(void *), void *wake_user,
                 struct view *view);
/* Cancels a load, goes back to the live conversation, frees the model. */
void opener_free(struct opener *o, struct view *view);

enum opener_kind opener_kind_of(const char *path);

/* Starts loading path (~ expanded); the header shows its progress. False,
 * with the open bar saying why, when it cannot start. */
bool opener_open(struct opener *o, struct view *view, struct ui *ui, const char *path);

/* A dropped file: a recording opens, saved messages are left to the caller
 * (true: the caller imports them), neither gets the open bar's note. */
bool opener_drop(struct opener *o, struct view *view, struct ui *ui, const char *path);

/* Each loop turn: the progress, or the finished model. True when the
 * screen should change. */
bool opener_poll(struct opener *o, struct view *view);

/* The view's open, close and cancel actions. True when anything changed. */
bool opener_actions(struct opener *o, struct view *view, struct ui *ui, const struct view_actions *a);

#endif
