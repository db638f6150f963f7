/* SPDX-License-Identifier: MIT */
/* platform: see platform.h. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* getifaddrs */
#endif
#include "platform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(_WIN32)
#include <direct.h>
#include <fcntl.h>
#include <io.h>
#include <winsock2.h>
#include <windows.h>
#include <iphlpapi.h>
#else
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

bool platform_local_time(int64_t time_us, struct tm *out)
{
    time_t seconds = (time_t)(time_us / 1000000);
#if defined(_WIN32)
    return localtime_s(out, &seconds) == 0;
#else
    return localtime_r(&seconds, out) != NULL;
#endif
}

bool platform_utc_time(time_t seconds, struct tm *out)
{
#if defined(_WIN32)
    return gmtime_s(out, &seconds) == 0;
#else
    return gmtime_r(&seconds, out) != NULL;
#endif
}

int64_t platform_wall_clock_us(void)
{
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) != TIME_UTC)
        return 0;
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

const void *platform_map_file(const char *path, size_t *len)
{
#if !defined(_WIN32)
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    void *data = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd); /* the mapping outlives the descriptor */
    if (data == MAP_FAILED)
        return NULL;
    *len = (size_t)st.st_size;
    return data;
#else
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0)
        data = malloc((size_t)size);
    if (data && fread(data, 1, (size_t)size, f) != (size_t)size) {
        free(data);
        data = NULL;
    }
    fclose(f);
    if (data)
        *len = (size_t)size;
    return data;
#endif
}

void platform_unmap_file(const void *data, size_t len)
{
    if (!data)
        return;
#if !defined(_WIN32)
    munmap((void *)data, len);
#else
    (void)len;
    free((void *)data);
#endif
}

static const char *environment(const char *name)
{
    return getenv(name);
}

/* An XDG base directory (variable, else ~/fallback; on macOS, else
 * ~/Library/Application Support, where a Mac application keeps its files)
 * or a Windows folder (windows_variable), with "ponte" under it. */
static bool base_dir(platform_lookup lookup, char *out, size_t n, const char *variable, const char *fallback,
                     const char *windows_variable)
{
    int k;
#if defined(_WIN32)
    (void)variable;
    (void)fallback;
    const char *base = lookup(windows_variable);
    if (!base || !*base)
        return false;
    k = snprintf(out, n, "%s\\ponte", base);
#else
    (void)windows_variable;
#if defined(__APPLE__)
    fallback = "Library/Application Support";
#endif
    /* The XDG base directory spec: a relative path is to be ignored. */
    const char *dir = lookup(variable);
    const char *home = lookup("HOME");
    if (dir && dir[0] == '/')
        k = snprintf(out, n, "%s/ponte", dir);
    else if (home && home[0] == '/')
        k = snprintf(out, n, "%s/%s/ponte", home, fallback);
    else
        return false;
#endif
    return k > 0 && (size_t)k < n;
}

bool platform_state_dir(char *out, size_t n)
{
    return base_dir(environment, out, n, "XDG_STATE_HOME", ".local/state", "LOCALAPPDATA");
}

bool platform_data_dir(char *out, size_t n)
{
    return base_dir(environment, out, n, "XDG_DATA_HOME", ".local/share", "APPDATA");
}

bool platform_config_dir(platform_lookup lookup, char *out, size_t n)
{
    return base_dir(lookup, out, n, "XDG_CONFIG_HOME", ".config", "APPDATA");
}

void platform_system_config_dirs(platform_lookup lookup, void (*each)(const char *dir, void *context),
                                 void *context)
{
    char dir[4096];
#if defined(_WIN32)
    const char *base = lookup("PROGRAMDATA");
    int k = base && *base ? snprintf(dir, sizeof dir, "%s\\ponte", base) : -1;
    if (k > 0 && (size_t)k < sizeof dir)
        each(dir, context);
#else
    const char *list = lookup("XDG_CONFIG_DIRS");
#if defined(__APPLE__)
    each("/Library/Application Support/ponte", context);
    if (!list || !*list)
        return;
#else
    if (!list || !*list)
        list = "/etc/xdg";
#endif
    /* The list is most important first: walk it from the end. */
    const char *end = list + strlen(list);
    while (end > list) {
        const char *start = end;
        while (start > list && start[-1] != ':')
            start--;
        int len = (int)(end - start);
        int k = snprintf(dir, sizeof dir, "%.*s/ponte", len, start);
        if (len > 0 && start[0] == '/' && k > 0 && (size_t)k < sizeof dir)
            each(dir, context);
        end = start > list ? start - 1 : list;
    }
#endif
}

bool platform_expand_path(const char *in, char *out, size_t n)
{
    int k;
    if (in[0] == '~' && (in[1] == '\0' || in[1] == '/' || in[1] == '\\')) {
#if defined(_WIN32)
        const char *home = getenv("USERPROFILE");
#else
        const char *home = getenv("HOME");
#endif
        if (!home || !*home)
            return false;
        k = snprintf(out, n, "%s%s", home, in + 1);
    } else {
        k = snprintf(out, n, "%s", in);
    }
    return k >= 0 && (size_t)k < n;
}

static bool make_dir(const char *path)
{
#if defined(_WIN32)
    return _mkdir(path) == 0 || errno == EEXIST;
#else
    return mkdir(path, 0700) == 0 || errno == EEXIST;
#endif
}

bool platform_make_dirs(const char *path)
{
    char buf[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, path, len + 1);
    for (size_t i = 1; i < len; i++) {
        if (buf[i] != '/' && buf[i] != '\\')
            continue;
        char c = buf[i];
        buf[i] = '\0';
        if (!make_dir(buf))
            return false;
        buf[i] = c;
    }
    return make_dir(buf);
}

bool platform_replace_file(const char *from, const char *to)
{
#if defined(_WIN32)
    return MoveFileExA(from, to, MOVEFILE_REPLACE_EXISTING) != 0;
#else
    return rename(from, to) == 0;
#endif
}

bool platform_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    char tmp[4096];
    int k = snprintf(tmp, sizeof tmp, "%s.new", path);
    if (k < 0 || (size_t)k >= sizeof tmp) {
        snprintf(err, errlen, "the path %s is too long", path);
        return false;
    }
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (!ok || !platform_replace_file(tmp, path)) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
        return false;
    }
    return true;
}

bool platform_network_up(void)
{
#if defined(_WIN32)
    /* An adapter that is up and is not the loopback one. */
    ULONG size = 16 * 1024;
    IP_ADAPTER_ADDRESSES *list = NULL;
    ULONG rc = ERROR_BUFFER_OVERFLOW;
    for (int tries = 0; rc == ERROR_BUFFER_OVERFLOW && tries < 3; tries++) {
        free(list);
        list = malloc(size);
        if (!list)
            return true; /* cannot tell: say nothing about the network */
        rc = GetAdaptersAddresses(AF_UNSPEC, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                                                 GAA_FLAG_SKIP_DNS_SERVER, NULL, list, &size);
    }
    bool up = rc != ERROR_SUCCESS; /* cannot tell: as above */
    for (IP_ADAPTER_ADDRESSES *a = rc == ERROR_SUCCESS ? list : NULL; a && !up; a = a->Next)
        up = a->OperStatus == IfOperStatusUp && a->IfType != IF_TYPE_SOFTWARE_LOOPBACK &&
             a->FirstUnicastAddress != NULL;
    free(list);
    return up;
#else
    /* An interface that is up, is not loopback, and has an address. */
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) != 0)
        return true; /* cannot tell: say nothing about the network */
    bool up = false;
    for (struct ifaddrs *i = list; i && !up; i = i->ifa_next)
        up = i->ifa_addr && (i->ifa_flags & IFF_UP) && !(i->ifa_flags & IFF_LOOPBACK) &&
             (i->ifa_addr->sa_family == AF_INET || i->ifa_addr->sa_family == AF_INET6);
    freeifaddrs(list);
    return up;
#endif
}

long platform_read_stdin(void *buf, size_t n)
{
#if defined(_WIN32)
    static bool binary;
    if (!binary) {
        _setmode(_fileno(stdin), _O_BINARY); /* no CR LF translation, no ^Z end */
        binary = true;
    }
    unsigned take = n > (1u << 30) ? 1u << 30 : (unsigned)n;
    int got;
    do
        got = _read(0, buf, take);
    while (got < 0 && errno == EINTR);
    return got;
#else
    ssize_t got;
    do
        got = read(STDIN_FILENO, buf, n);
    while (got < 0 && errno == EINTR);
    return (long)got;
#endif
}
