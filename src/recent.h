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

/* Takes in a list another Ponte wrote meanwhile (disk): ours first, in
 * their order, then those of theirs that we lack, in theirs; the cap drops
 * the oldest of theirs. False when out of memory (the list keeps what fit). */
bool recent_merge(struct recent *r, const struct recent *disk);

/* Adds url (add) or forgets one (forget), either may be NULL, and writes the
 * list to path (creating its folder), first merging in what the file holds
 * now. With path NULL or "" the list lives in memory only. Adding the URL
 * that is already the newest writes nothing (a kiosk reconnects often).
 * Goes on after a failure as far as it can; false with the first reason in
 * err. */
bool recent_update(struct recent *r, const char *path, const char *add, const char *forget, char *err,
                   size_t errlen);

void recent_free(struct recent *r);

#endif
