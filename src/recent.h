/* SPDX-License-Identifier: MIT */
/* recent: the most recently used URLs, newest first, kept in a small text
 * file (one URL per line) between runs. Pure but for the file calls; the
 * app decides where the file lives (platform_state_dir). */
#ifndef PONTE_RECENT_H
#define PONTE_RECENT_H

#include <stdbool.h>
#include <stddef.h>

#define RECENT_MAX 10
#define RECENT_FILE "recent-urls"

struct recent {
    char *urls[RECENT_MAX]; /* malloc'd, newest first */
    size_t count;
};

/* Puts url first (moving it up when it is already there); the oldest goes
 * when there are more than RECENT_MAX. False when out of memory. */
bool recent_add(struct recent *r, const char *url);

/* Forgets the i-th URL. */
void recent_remove(struct recent *r, size_t i);

/* Replaces the list with the file's. A missing file is an empty list;
 * lines that are not ws:// or wss:// URLs are skipped. False (with the
 * list empty and a reason in err) when the file exists but cannot be read. */
bool recent_load(struct recent *r, const char *path, char *err, size_t errlen);

/* Writes the list to path through a temporary file renamed into place, so
 * a crash never leaves half a file. False with a reason in err. */
bool recent_save(const struct recent *r, const char *path, char *err, size_t errlen);

void recent_free(struct recent *r);

#endif
