/* SPDX-License-Identifier: MIT */
/* store: see store.h. */
#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binenc.h"
#include "codec.h"
#include "i18n.h"
#include "textedit.h"

static void note(struct store *s, bool error, bool undo, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void note(struct store *s, bool error, bool undo, const char *fmt, ...)
{
    char text[sizeof s->panel->note];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    panel_note(s->panel, s->now_ms, error, undo, "%s", text);
}

/* Before a change: the list as the file has it now (another Ponte may have
 * changed it). False, with a note, when the file cannot be read: then
 * nothing is changed, so that a file broken by hand is not overwritten. */
static bool reload(struct store *s)
{
    if (!s->path[0])
        return true; /* (kept in memory only) */
    struct saved disk = {0};
    char err[600];
    if (!saved_load(&disk, s->path, err, sizeof err)) {
        note(s, true, false, tr(I18N_SAVED_NOTE_READ_FAILED), err);
        return false;
    }
    saved_free(&s->saved);
    s->saved = disk;
    return true;
}

/* After a change: the file. False, with a note, when it was not written:
 * then the caller's own note would hide that. */
static bool persist(struct store *s)
{
    if (!s->path[0]) {
        note(s, true, false, "%s", tr(I18N_SAVED_NOTE_NO_FILE));
        return false;
    }
    char dir[PLATFORM_PATH_MAX], err[600];
    snprintf(dir, sizeof dir, "%s", s->path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    if (!platform_make_dirs(dir))
        snprintf(err, sizeof err, "%.500s", dir);
    else if (saved_store(&s->saved, s->path, err, sizeof err))
        return true;
    note(s, true, false, tr(I18N_SAVED_NOTE_WRITE_FAILED), err);
    fprintf(stderr, "ponte: the saved messages were not written: %s\n", err);
    return false;
}

static void forget_removed(struct store *s)
{
    free(s->removed.name);
    free(s->removed.text);
    s->removed = (struct saved_message){0};
}

/* Save: the message box's text under the name field's. */
static void save(struct store *s, const struct store_message *te)
{
    struct panel *p = s->panel;
    if (!reload(s))
        return;
    char name[SAVED_NAME_MAX + 4];
    saved_clean_name(p->name.edit.text, te->text, te->len, name);
    bool existed = saved_find(&s->saved, name) >= 0;
    if (!saved_put(&s->saved, name, te->text, te->len, te->mode)) {
        note(s, true, false, "%s",
                   tr(te->len > SAVED_TEXT_MAX ? I18N_SAVED_NOTE_TOO_LONG : I18N_SAVED_NOTE_FULL));
        return;
    }
    if (persist(s))
        note(s, false, false, tr(existed ? I18N_SAVED_NOTE_REPLACED : I18N_SAVED_NOTE_SAVED), name);
    textedit_clear(&p->name.edit);
    p->pick = saved_find(&s->saved, name);
    p->pick_seen = false;
}

static void remove_at(struct store *s, size_t i)
{
    if (i >= s->saved.count)
        return;
    /* By name: the file may have it in another place. */
    char name[SAVED_NAME_MAX + 4];
    snprintf(name, sizeof name, "%s", s->saved.items[i].name);
    if (!reload(s))
        return;
    int at = saved_find(&s->saved, name);
    if (at < 0)
        return; /* (gone already) */
    forget_removed(s);
    s->removed = s->saved.items[at];
    s->removed_at = (size_t)at;
    s->saved.items[at].name = s->saved.items[at].text = NULL; /* (kept for Undo) */
    saved_remove(&s->saved, (size_t)at);
    if (persist(s))
        note(s, false, true, tr(I18N_SAVED_NOTE_REMOVED), s->removed.name);
}

static void undo_remove(struct store *s)
{
    struct saved_message *m = &s->removed;
    if (!m->name || !reload(s))
        return;
    if (!saved_put(&s->saved, m->name, m->text, m->len, (enum saved_mode)m->mode)) {
        note(s, true, false, "%s", tr(I18N_SAVED_NOTE_FULL));
        return;
    }
    saved_move(&s->saved, (size_t)saved_find(&s->saved, m->name), s->removed_at);
    if (persist(s))
        note(s, false, false, tr(I18N_SAVED_NOTE_RESTORED), m->name);
    s->panel->pick = saved_find(&s->saved, m->name);
    forget_removed(s);
}

void store_import_file(struct store *s, const char *typed, uint64_t now_ms)
{
    s->now_ms = now_ms;
    char path[PLATFORM_PATH_MAX], err[700];
    if (!platform_expand_path(typed, path, sizeof path)) {
        snprintf(err, sizeof err, "%s", typed);
        note(s, true, false, tr(I18N_SAVED_NOTE_READ_FAILED), err);
        return;
    }
    struct saved from = {0};
    if (!saved_load(&from, path, err, sizeof err)) {
        note(s, true, false, tr(I18N_SAVED_NOTE_READ_FAILED), err);
        return;
    }
    /* (A missing file loads as an empty list: say so.) */
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, sizeof err, "%.500s: %.150s", path, strerror(errno));
        note(s, true, false, tr(I18N_SAVED_NOTE_READ_FAILED), err);
        return;
    }
    fclose(f);
    if (!reload(s)) {
        saved_free(&from);
        return;
    }
    size_t added = 0, skipped = 0;
    bool fitted = saved_import(&s->saved, &from, &added, &skipped);
    saved_free(&from);
    bool written = !added || persist(s);
    if (!fitted)
        note(s, true, false, "%s", tr(I18N_SAVED_NOTE_FULL));
    else if (written)
        note(s, false, false, tr(I18N_SAVED_NOTE_IMPORTED), path, added, skipped);
    s->panel->file = PANEL_FILE_NONE;
}

static void export_file(struct store *s, const char *typed)
{
    char path[PLATFORM_PATH_MAX], err[700];
    if (!platform_expand_path(typed, path, sizeof path)) {
        note(s, true, false, tr(I18N_SAVED_NOTE_EXPORT_FAILED), typed);
        return;
    }
    FILE *f = fopen(path, "rb");
    if (f) {
        fclose(f);
        if (strcmp(s->export_confirm, path) != 0) {
            /* Never over a file without being asked twice. */
            snprintf(s->export_confirm, sizeof s->export_confirm, "%s", path);
            note(s, true, false, tr(I18N_SAVED_NOTE_EXISTS), path);
            return;
        }
    }
    s->export_confirm[0] = '\0';
    if (!saved_store(&s->saved, path, err, sizeof err)) {
        note(s, true, false, tr(I18N_SAVED_NOTE_EXPORT_FAILED), err);
        return;
    }
    note(s, false, false, tr(I18N_SAVED_NOTE_EXPORTED), s->saved.count, path);
    s->panel->file = PANEL_FILE_NONE;
}

/* A double click (or Ctrl+Enter) on a saved message: it goes as it is,
 * decoded first when it was typed as hex or base64, encoded when it is JSON
 * kept as MessagePack or CBOR. */
static void send_saved(struct store *s, size_t i, store_send_fn send, void *send_user)
{
    if (i >= s->saved.count)
        return;
    const struct saved_message *m = &s->saved.items[i];
    if (m->mode == SAVED_TEXT) {
        send(send_user, m->text, m->len, false);
        return;
    }
    if (m->mode == SAVED_MSGPACK || m->mode == SAVED_CBOR) {
        char *encoded = NULL;
        size_t size = 0;
        struct binenc_error why;
        if (binenc_from_json(m->mode == SAVED_CBOR ? BINVIEW_CBOR : BINVIEW_MSGPACK, m->text, m->len, &encoded,
                             &size, &why))
            send(send_user, encoded, size, true);
        else
            note(s, true, false, tr(I18N_SAVED_NOTE_NOT_SENT), m->name, why.reason);
        free(encoded);
        return;
    }
    unsigned char *bytes = NULL;
    size_t len = 0;
    struct codec_error err;
    bool ok = m->mode == SAVED_HEX ? codec_hex_decode(m->text, m->len, &bytes, &len, &err)
                                   : codec_base64_decode(m->text, m->len, &bytes, &len, &err);
    if (ok)
        send(send_user, (const char *)bytes, len, true);
    else
        note(s, true, false, tr(I18N_SAVED_NOTE_NOT_SENT), m->name, tr_codec_error(err.code));
    free(bytes);
}

bool store_actions(struct store *s, const struct panel_actions *a, const struct store_message *message,
                   store_send_fn send, void *send_user, uint64_t now_ms)
{
    s->now_ms = now_ms;
    if (a->save)
        save(s, message);
    if (a->remove)
        remove_at(s, (size_t)a->remove - 1);
    if (a->undo_remove)
        undo_remove(s);
    if (a->send)
        send_saved(s, (size_t)a->send - 1, send, send_user);
    if (a->import_path)
        store_import_file(s, a->import_path, now_ms);
    if (a->export_path)
        export_file(s, a->export_path);
    if (!a->export_path && (a->save || a->remove || a->import_path))
        s->export_confirm[0] = '\0';
    return a->save || a->remove || a->undo_remove || a->send || a->import_path || a->export_path || a->load ||
           a->closed;
}

void store_open(struct store *s, struct panel *panel, uint64_t now_ms)
{
    s->panel = panel;
    s->now_ms = now_ms;
    char dir[PLATFORM_DIR_MAX];
    if (!platform_data_dir(dir, sizeof dir))
        return; /* no home: the list lives only in memory */
    snprintf(s->path, sizeof s->path, "%s/%s", dir, SAVED_FILE);
    char err[600];
    if (!saved_load(&s->saved, s->path, err, sizeof err)) {
        /* Said on stderr and in the panel; the file stays as it is until
         * it reads again (reload refuses to write over it). */
        fprintf(stderr, "ponte: the saved messages cannot be read: %s\n", err);
        note(s, true, false, tr(I18N_SAVED_NOTE_READ_FAILED), err);
    }
}

void store_close(struct store *s)
{
    saved_free(&s->saved);
    forget_removed(s);
}
