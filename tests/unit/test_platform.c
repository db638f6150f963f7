/* SPDX-License-Identifier: MIT */
/* platform: where Ponte keeps its files, from a made-up environment.
 * Built twice: as this system has it (the XDG folders), and with __APPLE__
 * defined, which compiles platform.c's macOS branch on this machine, so
 * the Application Support folders are checked although no Mac builds
 * Ponte here (the calls that branch makes are POSIX, which glibc has). */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "platform.h"

/* The environment the tests make up: NAME=value pairs, NULL-terminated. */
static const char *const *fake;

static const char *lookup(const char *name)
{
    size_t n = strlen(name);
    for (const char *const *v = fake; v && *v; v++)
        if (!strncmp(*v, name, n) && (*v)[n] == '=')
            return *v + n + 1;
    return NULL;
}

/* The system's directories as platform_system_config_dirs gives them,
 * joined with '|'. */
static void join(const char *dir, void *context)
{
    char *out = context;
    size_t used = strlen(out);
    snprintf(out + used, 1024 - used, "%s%s", used ? "|" : "", dir);
}

static const char *system_dirs(const char *const *env)
{
    static char out[1024];
    out[0] = '\0';
    fake = env;
    platform_system_config_dirs(lookup, join, out);
    return out;
}

static const char *config_dir(const char *const *env)
{
    static char out[512];
    fake = env;
    return platform_config_dir(lookup, out, sizeof out) ? out : "(none)";
}

static void set(const char *name, const char *value)
{
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
}

static const char *state_dir(void)
{
    static char out[512];
    return platform_state_dir(out, sizeof out) ? out : "(none)";
}

static const char *data_dir(void)
{
    static char out[512];
    return platform_data_dir(out, sizeof out) ? out : "(none)";
}

#define SAME(got, want) CHECK_MSG(!strcmp((got), (want)), "got '%s', want '%s'", (got), (want))

/* Where each folder falls back to under HOME=/home/someone. */
#if defined(__APPLE__)
#define HOME_STATE "/home/someone/Library/Application Support/ponte"
#define HOME_DATA HOME_STATE
#define HOME_CONFIG HOME_STATE
#else
#define HOME_STATE "/home/someone/.local/state/ponte"
#define HOME_DATA "/home/someone/.local/share/ponte"
#define HOME_CONFIG "/home/someone/.config/ponte"
#endif

static void test_user_dirs(void)
{
    set("HOME", "/home/someone");
    set("XDG_STATE_HOME", NULL);
    set("XDG_DATA_HOME", NULL);
    const char *const home[] = {"HOME=/home/someone", NULL};
    SAME(state_dir(), HOME_STATE);
    SAME(data_dir(), HOME_DATA);
    SAME(config_dir(home), HOME_CONFIG);
    /* An XDG variable a person set wins everywhere, each for its own
     * folder; a relative one is ignored (the XDG spec says so). */
    set("XDG_STATE_HOME", "/srv/state");
    set("XDG_DATA_HOME", "/srv/data");
    SAME(state_dir(), "/srv/state/ponte");
    SAME(data_dir(), "/srv/data/ponte");
    const char *const xdg[] = {"HOME=/home/someone", "XDG_CONFIG_HOME=/srv/config", NULL};
    SAME(config_dir(xdg), "/srv/config/ponte");
    set("XDG_STATE_HOME", "relative/state");
    set("XDG_DATA_HOME", "relative/data");
    SAME(state_dir(), HOME_STATE);
    SAME(data_dir(), HOME_DATA);
    const char *const relative[] = {"HOME=/home/someone", "XDG_CONFIG_HOME=config", NULL};
    SAME(config_dir(relative), HOME_CONFIG);
    /* No home (or a relative one): nowhere, not the current folder. */
    set("XDG_STATE_HOME", NULL);
    set("XDG_DATA_HOME", NULL);
    set("HOME", "somewhere");
    SAME(state_dir(), "(none)");
    SAME(data_dir(), "(none)");
    set("HOME", NULL);
    SAME(state_dir(), "(none)");
    SAME(data_dir(), "(none)");
    const char *const none[] = {NULL};
    SAME(config_dir(none), "(none)");
}

static void test_system_dirs(void)
{
    /* The least important first: XDG_CONFIG_DIRS lists the most important
     * first, so it is walked backwards; empty and relative entries are
     * skipped. */
    const char *const list[] = {"XDG_CONFIG_DIRS=/etc/first:relative::/etc/second:", NULL};
    const char *const none[] = {NULL};
    const char *const empty[] = {"XDG_CONFIG_DIRS=", NULL};
#if defined(__APPLE__)
    SAME(system_dirs(none), "/Library/Application Support/ponte");
    SAME(system_dirs(empty), "/Library/Application Support/ponte");
    SAME(system_dirs(list), "/Library/Application Support/ponte|/etc/second/ponte|/etc/first/ponte");
#else
    SAME(system_dirs(none), "/etc/xdg/ponte");
    SAME(system_dirs(empty), "/etc/xdg/ponte");
    SAME(system_dirs(list), "/etc/second/ponte|/etc/first/ponte");
#endif
    const char *const one[] = {"XDG_CONFIG_DIRS=/only", NULL};
    const char *const junk[] = {"XDG_CONFIG_DIRS=::relative:", NULL};
#if defined(__APPLE__)
    SAME(system_dirs(one), "/Library/Application Support/ponte|/only/ponte");
    SAME(system_dirs(junk), "/Library/Application Support/ponte");
#else
    SAME(system_dirs(one), "/only/ponte");
    SAME(system_dirs(junk), "");
#endif
}

/* The folders Ponte makes for its files: with their parents, only for
 * their owner; one already there is no failure. */
static void test_make_dirs(void)
{
    char dir[] = "/tmp/ponte-platform-XXXXXX", deep[100];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(deep, sizeof deep, "%s/a/b/c", dir);
    CHECK(platform_make_dirs(deep));
    struct stat st;
    CHECK(stat(deep, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700);
    CHECK(platform_make_dirs(deep)); /* already there: fine */
    for (int up = 0; up < 4; up++) { /* c, b, a, then dir itself */
        CHECK(rmdir(deep) == 0);
        *strrchr(deep, '/') = '\0';
    }
}

/* A file that is not there is nothing to read, not a failure; one that
 * cannot be opened is, with the path and the reason. */
static void test_open_read(void)
{
    char dir[] = "/tmp/ponte-platform-XXXXXX", path[100], below[120], err[300];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/file", dir);
    FILE *f = (FILE *)1;
    CHECK(platform_open_read(path, &f, err, sizeof err) && f == NULL);
    CHECK(platform_write_file(path, "abc", 3, err, sizeof err));
    CHECK(platform_open_read(path, &f, err, sizeof err) && f != NULL);
    if (f) {
        char got[8] = "";
        CHECK(fread(got, 1, sizeof got, f) == 3 && !memcmp(got, "abc", 3));
        fclose(f);
    }
    snprintf(below, sizeof below, "%s/under", path); /* a file is no folder */
    f = (FILE *)1;
    CHECK(!platform_open_read(below, &f, err, sizeof err) && f == NULL);
    CHECK_MSG(strstr(err, "cannot read") && strstr(err, below), "%s", err);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    test_user_dirs();
    test_system_dirs();
    test_make_dirs();
    test_open_read();
#if defined(__APPLE__)
    return check_summary("platform (macOS folders)");
#else
    return check_summary("platform");
#endif
}
