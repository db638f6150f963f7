/* SPDX-License-Identifier: MIT */
/* store: the saved messages as the side panel shows them, and their file.
 * Every change first reads the file again (another Ponte may have changed
 * it) and then writes it; a file that cannot be read is never written over.
 * How each action went is told to the panel (panel_note). The format of the
 * file is saved.c's; this module owns the list, its path, the last removal
 * (for Undo) and the export that waits to be confirmed. UI thread. */
#ifndef PONTE_STORE_H
#define PONTE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "panel.h"
#include "platform.h"
#include "saved.h"

struct store {
    struct saved saved;            /* the list, as the file had it last */
    char path[PLATFORM_PATH_MAX];  /* its file; "" when there is nowhere to keep it */
    struct saved_message removed;  /* the one removed last, for Undo (name NULL: none) */
    size_t removed_at;
    char export_confirm[PLATFORM_PATH_MAX]; /* Export pressed on this existing file: again replaces it */
    struct panel *panel;           /* where the notes go */
    uint64_t now_ms;               /* the time of the call being carried out, for the notes */
};

/* What the message box holds: what Save keeps. */
struct store_message {
    const char *text;
    size_t len;
    enum saved_mode mode;
};

/* Sends a saved message (binary: decoded from hex or base64); the app's. */
typedef bool (*store_send_fn)(void *user, const char *data, size_t len, bool binary);

/* Reads the list from the data folder (platform_data_dir); a file that
 * cannot be read is said on stderr and in the panel. */
void store_open(struct store *s, struct panel *panel, uint64_t now_ms);
void store_close(struct store *s);

/* Carries out what the panel asked for (save message under the name field's
 * text, remove, undo, send through send, import, export); true when the
 * panel asked for anything (loading and closing are the view's own). */
bool store_actions(struct store *s, const struct panel_actions *a, const struct store_message *message,
                   store_send_fn send, void *send_user, uint64_t now_ms);

/* Imports the saved messages of the file a person typed or dropped. */
void store_import_file(struct store *s, const char *typed, uint64_t now_ms);

#endif
