/* SPDX-License-Identifier: MIT */
/* test_platform_windows: src/platform.c's Windows side, run under Wine
 * through meson's exe_wrapper: the folders under %APPDATA%, the
 * configuration files, socket errors as errno values, standard input as
 * bytes, and the fallback fonts from the Windows fonts folder. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <winsock2.h>
#include <windows.h>

#include "../check.h"
#include "platform.h"

static const char *fake_env(const char *name)
{
    if (!strcmp(name, "APPDATA"))
        return "C:\\Users\\someone\\AppData\\Roaming";
    if (!strcmp(name, "PROGRAMDATA"))
        return "C:\\ProgramData";
    return NULL;
}

struct seen {
    char dirs[4][300];
    int count;
};

static void remember(const char *dir, void *ctx)
{
    struct seen *s = ctx;
    if (s->count < 4)
        snprintf(s->dirs[s->count++], sizeof s->dirs[0], "%s", dir);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && !_stricmp(s + a - b, tail);
}

int main(void)
{
    /* Settings, recent URLs and saved messages: all in %APPDATA%\ponte. */
    char dir[4096], want[4096];
    const char *appdata = getenv("APPDATA");
    CHECK(appdata && *appdata);
    snprintf(want, sizeof want, "%s\\ponte", appdata);
    CHECK(platform_state_dir(dir, sizeof dir) && !strcmp(dir, want));
    CHECK(platform_data_dir(dir, sizeof dir) && !strcmp(dir, want));

    /* The machine's configuration folder, and the user's (cli.c reads
     * ponte.ini in each, the machine's first, as the less important). */
    struct seen s = {0};
    platform_system_config_dirs(fake_env, remember, &s);
    CHECK(s.count == 1 && !strcmp(s.dirs[0], "C:\\ProgramData\\ponte"));
    CHECK(platform_config_dir(fake_env, dir, sizeof dir) &&
          !strcmp(dir, "C:\\Users\\someone\\AppData\\Roaming\\ponte"));

    /* A file written through path.new and renamed over an existing one
     * (MoveFileEx: rename() cannot replace on Windows). */
    char tmp[MAX_PATH], path[MAX_PATH + 32], err[256];
    CHECK(GetTempPathA(sizeof tmp, tmp) > 0);
    snprintf(path, sizeof path, "%sponte-platform-test\\sub\\f.txt", tmp);
    snprintf(dir, sizeof dir, "%sponte-platform-test\\sub", tmp);
    CHECK(platform_make_dirs(dir));
    CHECK(platform_write_file(path, "one\r\n", 5, err, sizeof err));
    CHECK(platform_write_file(path, "two\n\x1a", 5, err, sizeof err));
    size_t len = 0;
    const void *data = platform_map_file(path, &len);
    CHECK(data && len == 5 && !memcmp(data, "two\n\x1a", 5));
    platform_unmap_file(data, len);
    remove(path);

    /* Socket errors as the errno values net.c classifies. */
    CHECK(platform_errno_from_socket(WSAECONNREFUSED) == ECONNREFUSED);
    CHECK(platform_errno_from_socket(WSAETIMEDOUT) == ETIMEDOUT);
    CHECK(platform_errno_from_socket(WSAEHOSTUNREACH) == EHOSTUNREACH);
    CHECK(platform_errno_from_socket(WSAENETUNREACH) == ENETUNREACH);
    SetLastError(WSAECONNREFUSED); /* what WSASetLastError does */
    CHECK(platform_socket_error() == ECONNREFUSED);

    /* Fallback fonts: every entry is a file in a fonts folder; colour ones
     * (Segoe UI Emoji) first when there are any; the named fonts before the
     * rest of the folder; no file twice. A new Wine prefix's fonts folder
     * is empty (Wine loads its own fonts from elsewhere); tests/windows/windows.sh
     * puts a CJK font there under its own name, as a user's would be. */
    size_t count = 0, color = 0;
    char **fonts = platform_fallback_fonts(false, &count, &color);
    CHECK(fonts && count >= 1);
    CHECK(color <= count);
    char windir[MAX_PATH];
    GetWindowsDirectoryA(windir, sizeof windir);
    bool all_there = true, extra = false, twice = false;
    for (size_t i = 0; fonts && i < count; i++) {
        all_there = all_there && GetFileAttributesA(fonts[i]) != INVALID_FILE_ATTRIBUTES;
        extra = extra || ends_with(fonts[i], "\\DroidSansFallbackFull.ttf");
        for (size_t k = 0; k < i; k++)
            twice = twice || !_stricmp(fonts[i], fonts[k]);
        if (i < color)
            CHECK(ends_with(fonts[i], "\\seguiemj.ttf"));
    }
    CHECK(all_there);
    CHECK_MSG(extra || !getenv("PONTE_EXPECT_FONT"), "the font tests/windows/windows.sh put in the fonts folder is missing");
    CHECK(!twice);
    platform_free_list(fonts, count);
    return check_summary("platform_windows");
}
