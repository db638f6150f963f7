/* SPDX-License-Identifier: MIT */
/* opener: see opener.h. */
#include "opener.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "recording.h"

/* Bytes read to tell what a dropped file is: a transcript's first record
 * fits (a longer first line is taken for saved messages, whose import
 * then says what it is). */
#define OPENER_SNIFF_BYTES 65536

static void offer(struct opener *o, const char *path)
{
    if (!path || !*path)
        return;
    int at = OPENBAR_OFFERS - 1;
    for (int i = 0; i < OPENBAR_OFFERS; i++)
        if (strcmp(o->offers[i], path) == 0)
            at = i;
    /* (The --transcript file stays first.) */
    int first = o->offers[0][0] && at != 0 ? 1 : 0;
    if (at < first)
        return;
    memmove(o->offers[first + 1], o->offers[first], (size_t)(at - first) * sizeof o->offers[0]);
    snprintf(o->offers[first], sizeof o->offers[first], "%s", path);
}

static void publish_offers(struct opener *o, struct view *view)
{
    for (int i = 0; i < OPENBAR_OFFERS; i++)
        view->openbar.offers[i] = o->offers[i][0] ? o->offers[i] : NULL;
}

void opener_init(struct opener *o, const char *transcript, bool (*wake)(void *), void *wake_user,
                 struct view *view)
{
    memset(o, 0, sizeof *o);
    o->wake = wake;
    o->wake_user = wake_user;
    if (transcript)
        platform_expand_path(transcript, o->offers[0], sizeof o->offers[0]);
    publish_offers(o, view);
}

static void drop_shown(struct opener *o, struct view *view)
{
    view_hide_recording(view);
    if (o->shown) {
        opened_free(o->shown);
        free(o->shown);
        o->shown = NULL;
    }
}

void opener_free(struct opener *o, struct view *view)
{
    loader_cancel(&o->loader);
    view->recording.loading = false;
    drop_shown(o, view);
}

enum opener_kind opener_kind_of(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return OPENER_NEITHER;
    char *head = malloc(OPENER_SNIFF_BYTES);
    size_t n = head ? fread(head, 1, OPENER_SNIFF_BYTES, f) : 0;
    fclose(f);
    enum opener_kind kind = OPENER_NEITHER;
    if (head && recording_sniff(head, n) != RECORDING_UNKNOWN) {
        kind = OPENER_RECORDING;
    } else if (head) {
        size_t at = 0;
        while (at < n && (head[at] == ' ' || head[at] == '\t' || head[at] == '\r' || head[at] == '\n'))
            at++;
        if (at < n && (head[at] == '{' || head[at] == '['))
            kind = OPENER_SAVED;
    }
    free(head);
    return kind;
}

static void say(struct view *view, struct ui *ui, const char *text)
{
    snprintf(view->openbar.error, sizeof view->openbar.error, "%.*s", (int)sizeof view->openbar.error - 1, text);
    if (!view->openbar.open)
        openbar_show(&view->openbar, ui);
}

bool opener_open(struct opener *o, struct view *view, struct ui *ui, const char *typed)
{
    char path[PLATFORM_PATH_MAX], err[512], why[700];
    if (!platform_expand_path(typed, path, sizeof path))
        snprintf(path, sizeof path, "%s", typed);
    view->openbar.error[0] = '\0';
    if (!loader_start(&o->loader, path, o->wake, o->wake_user, err, sizeof err)) {
        snprintf(why, sizeof why, tr(I18N_OPEN_FAILED), err);
        say(view, ui, why);
        return false;
    }
    view->recording.loading = true;
    view->recording.progress = 0;
    o->shown_progress = 0;
    snprintf(view->recording.path, sizeof view->recording.path, "%s", path);
    view->openbar.open = false;
    ui_set_focus(ui, view->input.id);
    return true;
}

bool opener_drop(struct opener *o, struct view *view, struct ui *ui, const char *path)
{
    enum opener_kind kind = opener_kind_of(path);
    if (kind == OPENER_SAVED)
        return true;
    if (kind == OPENER_RECORDING) {
        opener_open(o, view, ui, path);
        return false;
    }
    char why[PLATFORM_PATH_MAX + 160];
    snprintf(why, sizeof why, tr(I18N_OPEN_NEITHER), path);
    say(view, ui, why);
    return false;
}

bool opener_poll(struct opener *o, struct view *view)
{
    if (!loader_busy(&o->loader))
        return false;
    struct opened *done = NULL;
    char err[600], why[700];
    if (!loader_take(&o->loader, &done, err, sizeof err)) {
        int now = loader_progress(&o->loader);
        bool moved = now != o->shown_progress;
        o->shown_progress = view->recording.progress = now;
        return moved;
    }
    view->recording.loading = false;
    if (!done) {
        snprintf(why, sizeof why, tr(I18N_OPEN_FAILED), err);
        fprintf(stderr, "ponte: %s\n", why);
        snprintf(view->openbar.error, sizeof view->openbar.error, "%.*s", (int)sizeof view->openbar.error - 1, why);
        view->openbar.open = view->openbar.focus = true;
        textedit_set(&view->openbar.path.edit, view->recording.path, strlen(view->recording.path)); /* (to put right) */
        return true;
    }
    char path[PLATFORM_PATH_MAX];
    snprintf(path, sizeof path, "%s", view->recording.path);
    drop_shown(o, view);
    o->shown = done;
    view_show_recording(view, done, path);
    offer(o, path);
    publish_offers(o, view);
    return true;
}

bool opener_actions(struct opener *o, struct view *view, struct ui *ui, const struct view_actions *a)
{
    bool changed = false;
    if (a->open_path) {
        char path[PLATFORM_PATH_MAX];
        snprintf(path, sizeof path, "%s", a->open_path); /* (the bar's text: loader_start copies it) */
        opener_open(o, view, ui, path);
        changed = true;
    }
    if (a->open_cancel) {
        loader_cancel(&o->loader);
        view->recording.loading = false;
        changed = true;
    }
    if (a->open_close) {
        drop_shown(o, view);
        ui_set_focus(ui, view->input.id);
        changed = true;
    }
    return changed;
}
