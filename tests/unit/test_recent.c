/* SPDX-License-Identifier: MIT */
/* test_recent: the recent-URL list and its file, in a fresh temporary
 * directory: order, moving up, the cap, skipped lines, a round trip through
 * the file, and the state directory from the environment. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "platform.h"
#include "recent.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

static bool is(const struct recent *r, size_t i, const char *url)
{
    return i < r->count && strcmp(r->urls[i], url) == 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

static void test_order(void)
{
    struct recent r = {0};
    CHECK(recent_add(&r, "ws://a/"));
    CHECK(recent_add(&r, "ws://b/"));
    CHECK(recent_add(&r, "ws://c/"));
    CHECK(r.count == 3 && is(&r, 0, "ws://c/") && is(&r, 1, "ws://b/") && is(&r, 2, "ws://a/"));
    /* Used again: to the top, not twice. */
    CHECK(recent_add(&r, "ws://a/"));
    CHECK(r.count == 3 && is(&r, 0, "ws://a/") && is(&r, 1, "ws://c/") && is(&r, 2, "ws://b/"));
    CHECK(recent_add(&r, "ws://a/"));
    CHECK(r.count == 3 && is(&r, 0, "ws://a/"));
    recent_remove(&r, 1);
    CHECK(r.count == 2 && is(&r, 0, "ws://a/") && is(&r, 1, "ws://b/"));
    recent_remove(&r, 5); /* out of range: nothing */
    CHECK(r.count == 2);
    recent_free(&r);
    CHECK(r.count == 0);
}

static void test_cap(void)
{
    struct recent r = {0};
    char url[64];
    for (int i = 0; i < 25; i++) {
        snprintf(url, sizeof url, "wss://host%d.example/", i);
        CHECK(recent_add(&r, url));
    }
    CHECK(r.count == RECENT_MAX);
    CHECK(is(&r, 0, "wss://host24.example/"));
    CHECK(is(&r, RECENT_MAX - 1, "wss://host15.example/"));
    /* The last one moved up keeps the rest in order. */
    CHECK(recent_add(&r, "wss://host15.example/"));
    CHECK(r.count == RECENT_MAX && is(&r, 0, "wss://host15.example/") && is(&r, 1, "wss://host24.example/") &&
          is(&r, RECENT_MAX - 1, "wss://host16.example/"));
    recent_free(&r);
}

static void test_file(void)
{
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/recent-urls", dir);
    struct recent r = {0};
    /* No file yet: an empty list, no error. */
    CHECK(recent_load(&r, path, err, sizeof err));
    CHECK(r.count == 0);

    CHECK(recent_add(&r, "ws://127.0.0.1:8080/chat"));
    CHECK(recent_add(&r, "wss://ws.postman-echo.com/raw"));
    CHECK(recent_add(&r, "wss://[::1]:9443/x?y=z&w"));
    CHECK(recent_save(&r, path, err, sizeof err));
    recent_free(&r);
    CHECK(recent_load(&r, path, err, sizeof err));
    CHECK(r.count == 3 && is(&r, 0, "wss://[::1]:9443/x?y=z&w") && is(&r, 1, "wss://ws.postman-echo.com/raw") &&
          is(&r, 2, "ws://127.0.0.1:8080/chat"));
    /* No temporary file is left behind. */
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.new", path);
    CHECK(access(tmp, F_OK) != 0);
    recent_free(&r);

    /* Lines that are not URLs, blank lines, CRLF, an overlong line, a
     * duplicate (its first, newest place wins) and more than the cap. */
    char *text = malloc(20000);
    CHECK(text != NULL);
    if (!text)
        return;
    strcpy(text, "ws://first/\r\n\nhttp://not-a-websocket/\nnot a url at all\nws://first/\nwss://");
    size_t len = strlen(text);
    memset(text + len, 'a', 10000);
    strcpy(text + len + 10000, ".example/\n");
    for (int i = 0; i < 15; i++) {
        len = strlen(text);
        snprintf(text + len, 20000 - len, "ws://more%d/\n", i);
    }
    write_file(path, text);
    free(text);
    CHECK(recent_load(&r, path, err, sizeof err));
    CHECK_MSG(r.count == RECENT_MAX, "%zu", r.count);
    CHECK(is(&r, 0, "ws://first/"));
    CHECK(is(&r, 1, "ws://more0/"));
    CHECK(is(&r, RECENT_MAX - 1, "ws://more8/"));
    for (size_t i = 0; i < r.count; i++)
        CHECK(strncmp(r.urls[i], "ws", 2) == 0 && strlen(r.urls[i]) < 100);
    recent_free(&r);

    /* A last line without a newline still counts. */
    write_file(path, "ws://a/\nws://b/");
    CHECK(recent_load(&r, path, err, sizeof err));
    CHECK(r.count == 2 && is(&r, 1, "ws://b/"));

    /* A directory that cannot be written: saving says so, and the list
     * stays as it was. */
    char blocked[600];
    snprintf(blocked, sizeof blocked, "%s/no-such-dir/recent-urls", dir);
    err[0] = '\0';
    CHECK(!recent_save(&r, blocked, err, sizeof err));
    CHECK(strstr(err, "cannot write") != NULL);
    CHECK(r.count == 2);
    /* A directory where the file should be: reading says so. */
    CHECK(!recent_load(&r, dir, err, sizeof err) || r.count == 0);
    recent_free(&r);
    remove(path);
}

/* Two Pontes share the file: each keeps its own order first and takes in
 * the other's that it lacks. */
static void test_merge(void)
{
    struct recent ours = {0}, disk = {0};
    CHECK(recent_add(&ours, "ws://b/"));
    CHECK(recent_add(&ours, "ws://a/")); /* ours: a, b */
    CHECK(recent_add(&disk, "ws://d/"));
    CHECK(recent_add(&disk, "ws://b/"));
    CHECK(recent_add(&disk, "ws://c/")); /* theirs: c, b, d */
    CHECK(recent_merge(&ours, &disk));
    CHECK(ours.count == 4 && is(&ours, 0, "ws://a/") && is(&ours, 1, "ws://b/") && is(&ours, 2, "ws://c/") &&
          is(&ours, 3, "ws://d/"));
    CHECK(disk.count == 3); /* theirs unchanged */
    recent_free(&disk);
    /* Full: the cap drops the oldest of theirs, never ours. */
    char url[64];
    for (int i = 0; i < RECENT_MAX; i++) {
        snprintf(url, sizeof url, "ws://theirs%d/", i);
        CHECK(recent_add(&disk, url));
    }
    CHECK(recent_merge(&ours, &disk));
    CHECK(ours.count == RECENT_MAX && is(&ours, 0, "ws://a/") && is(&ours, 3, "ws://d/"));
    snprintf(url, sizeof url, "ws://theirs%d/", RECENT_MAX - 1);
    CHECK(is(&ours, 4, url)); /* their newest */
    snprintf(url, sizeof url, "ws://theirs%d/", RECENT_MAX - 6);
    CHECK(is(&ours, RECENT_MAX - 1, url));
    recent_free(&disk);
    recent_free(&ours);
}

/* recent_update: add and forget through the file, merging another
 * writer's change in between; memory only without a path. */
static void test_update(void)
{
    char path[400], err[600];
    snprintf(path, sizeof path, "%s/state/recent-urls", dir);
    struct recent mine = {0}, other = {0};
    CHECK(recent_update(&mine, path, "ws://one/", NULL, err, sizeof err)); /* creates the folder */
    CHECK(recent_update(&other, path, "ws://two/", NULL, err, sizeof err));
    CHECK(other.count == 2 && is(&other, 0, "ws://two/") && is(&other, 1, "ws://one/"));
    CHECK(recent_update(&mine, path, "ws://three/", NULL, err, sizeof err));
    CHECK(mine.count == 3 && is(&mine, 0, "ws://three/") && is(&mine, 1, "ws://one/") && is(&mine, 2, "ws://two/"));
    CHECK(recent_update(&other, path, NULL, "ws://one/", err, sizeof err));
    CHECK(other.count == 2 && is(&other, 0, "ws://two/") && is(&other, 1, "ws://three/"));
    struct recent read = {0};
    CHECK(recent_load(&read, path, err, sizeof err));
    CHECK(read.count == 2 && is(&read, 0, "ws://two/") && is(&read, 1, "ws://three/"));
    /* Already the newest: the file is not touched. */
    unlink(path);
    CHECK(recent_update(&other, path, "ws://two/", NULL, err, sizeof err));
    CHECK(access(path, F_OK) != 0);
    /* A file where the file's folder should be: fails, with the first
     * reason (the reading; the folder cannot be made either). */
    char blocked[500];
    snprintf(blocked, sizeof blocked, "%s/state/recent-urls/x/recent-urls", dir);
    write_file(path, "ws://two/\n");
    CHECK(!recent_update(&mine, blocked, "ws://four/", NULL, err, sizeof err));
    CHECK(strstr(err, "cannot read") != NULL && strstr(err, blocked) != NULL);
    CHECK(is(&mine, 0, "ws://four/")); /* kept in memory all the same */
    /* No path: memory only. */
    CHECK(recent_update(&read, NULL, "ws://five/", NULL, err, sizeof err) && is(&read, 0, "ws://five/"));
    CHECK(recent_update(&read, "", NULL, "ws://five/", err, sizeof err) && !is(&read, 0, "ws://five/"));
    unlink(path);
    snprintf(path, sizeof path, "%s/state", dir);
    rmdir(path);
    recent_free(&read);
    recent_free(&mine);
    recent_free(&other);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/ponte-test-recent-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_order();
    test_cap();
    test_file();
    test_merge();
    test_update();
    rmdir(dir);
    return check_summary("recent");
}
