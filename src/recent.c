/* SPDX-License-Identifier: MIT */
/* recent: see recent.h. */
#include "recent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "url.h"

/* A line longer than any URL url_parse takes is not one. */
#define RECENT_LINE_MAX URL_TEXT_MAX

bool recent_add(struct recent *r, const char *url)
{
    size_t len = strlen(url);
    char *copy = malloc(len + 1);
    if (!copy)
        return false;
    memcpy(copy, url, len + 1);
    size_t at = r->count; /* where it was, or the end */
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->urls[i], url) == 0)
            at = i;
    if (at < r->count) {
        free(r->urls[at]);
    } else if (r->count == RECENT_MAX) {
        at = RECENT_MAX - 1;
        free(r->urls[at]);
    } else {
        r->count++;
    }
    memmove(&r->urls[1], &r->urls[0], at * sizeof r->urls[0]);
    r->urls[0] = copy;
    return true;
}

void recent_remove(struct recent *r, size_t i)
{
    if (i >= r->count)
        return;
    free(r->urls[i]);
    memmove(&r->urls[i], &r->urls[i + 1], (r->count - i - 1) * sizeof r->urls[0]);
    r->count--;
}

void recent_free(struct recent *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->urls[i]);
    r->count = 0;
}

bool recent_load(struct recent *r, const char *path, char *err, size_t errlen)
{
    if (errlen)
        err[0] = '\0';
    recent_free(r);
    FILE *f;
    if (!platform_open_read(path, &f, err, errlen))
        return false;
    if (!f)
        return true; /* no URL used yet */
    /* Newest first in the file: add from the bottom up, so the order holds. */
    char *lines[RECENT_MAX];
    size_t n = 0;
    char line[RECENT_LINE_MAX + 2];
    bool ok = true;
    while (n < RECENT_MAX && fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        if (len && line[len - 1] != '\n' && !feof(f)) {
            /* Too long to be a URL: skip to the end of the line. */
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            continue;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        struct url u;
        char why[128];
        if (!len || !url_parse(line, &u, why, sizeof why))
            continue;
        bool seen = false; /* a duplicate keeps its first, newest place */
        for (size_t i = 0; i < n && !seen; i++)
            seen = strcmp(lines[i], line) == 0;
        if (seen)
            continue;
        lines[n] = malloc(len + 1);
        if (!lines[n]) {
            ok = false;
            break;
        }
        memcpy(lines[n++], line, len + 1);
    }
    if (ferror(f)) {
        snprintf(err, errlen, "cannot read %s", path);
        ok = false;
    }
    fclose(f);
    for (size_t i = n; i-- > 0;) {
        if (ok && !recent_add(r, lines[i]))
            ok = false;
        free(lines[i]);
    }
    if (!ok) {
        if (!err[0])
            snprintf(err, errlen, "out of memory");
        recent_free(r);
    }
    return ok;
}

bool recent_save(const struct recent *r, const char *path, char *err, size_t errlen)
{
    /* One URL a line. */
    size_t len = 0;
    for (size_t i = 0; i < r->count; i++)
        len += strlen(r->urls[i]) + 1;
    char *text = malloc(len + 1);
    if (!text) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    len = 0;
    for (size_t i = 0; i < r->count; i++) {
        size_t n = strlen(r->urls[i]);
        memcpy(text + len, r->urls[i], n);
        text[len + n] = '\n';
        len += n + 1;
    }
    bool ok = platform_write_file(path, text, len, err, errlen);
    free(text);
    return ok;
}

bool recent_merge(struct recent *r, const struct recent *disk)
{
    /* recent_add puts each first, so both go in from the oldest. */
    struct recent merged = {0};
    bool ok = true;
    for (size_t i = disk->count; i-- > 0;) {
        bool ours = false;
        for (size_t j = 0; j < r->count && !ours; j++)
            ours = strcmp(r->urls[j], disk->urls[i]) == 0;
        if (!ours)
            ok &= recent_add(&merged, disk->urls[i]);
    }
    for (size_t i = r->count; i-- > 0;)
        ok &= recent_add(&merged, r->urls[i]);
    recent_free(r);
    *r = merged;
    return ok;
}

/* Keeps the first reason: the later ones follow from it. */
static bool failed(char *err, size_t errlen, const char *why)
{
    if (errlen && !err[0])
        snprintf(err, errlen, "%s", why);
    return false;
}

bool recent_update(struct recent *r, const char *path, const char *add, const char *forget, char *err,
                   size_t errlen)
{
    if (errlen)
        err[0] = '\0';
    if (add && !forget && r->count && !strcmp(r->urls[0], add))
        return true;
    bool ok = true;
    char why[PLATFORM_PATH_MAX + 200];
    bool to_file = path && path[0];
    if (to_file) {
        struct recent disk = {0};
        if (recent_load(&disk, path, why, sizeof why))
            recent_merge(r, &disk);
        else
            ok = failed(err, errlen, why);
        recent_free(&disk);
    }
    if (forget)
        for (size_t i = 0; i < r->count; i++)
            if (strcmp(r->urls[i], forget) == 0)
                recent_remove(r, i--);
    if (add && !recent_add(r, add))
        ok = failed(err, errlen, "out of memory");
    if (!to_file)
        return ok;
    char dir[PLATFORM_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    if (!platform_make_dirs(dir)) {
        snprintf(why, sizeof why, "cannot create %s", dir);
        return failed(err, errlen, why);
    }
    if (!recent_save(r, path, why, sizeof why))
        ok = failed(err, errlen, why);
    return ok;
}
