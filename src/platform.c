/* SPDX-License-Identifier: MIT */
/* platform: see platform.h. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* getifaddrs */
#endif
#include "platform.h"

#include "grow.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(_WIN32)
#include <direct.h>
#include <fcntl.h>
#include <io.h>
#include <winsock2.h> /* (before windows.h, which would bring the old winsock.h) */
#include <windows.h>
#include <iphlpapi.h>
#else
#include <fcntl.h>
#include <ifaddrs.h>
#include <malloc.h>
#include <signal.h>
#include <time.h>
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
#if defined(_WIN32)
    /* (msvcrt has no timespec_get.) 100 ns ticks since 1601. */
    FILETIME ft;
    GetSystemTimePreciseAsFileTime(&ft);
    int64_t ticks = (int64_t)(((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime);
    return (ticks - INT64_C(116444736000000000)) / 10;
#else
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) != TIME_UTC)
        return 0;
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
#endif
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
    /* (Windows: %APPDATA%, beside the settings and the saved messages, so
     * that they roam together.) */
    return base_dir(environment, out, n, "XDG_STATE_HOME", ".local/state", "APPDATA");
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
    char dir[PLATFORM_PATH_MAX];
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
    char buf[PLATFORM_PATH_MAX];
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

bool platform_open_read(const char *path, FILE **f, char *err, size_t errlen)
{
    *f = fopen(path, "rb");
    if (*f || errno == ENOENT)
        return true;
    snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
    return false;
}

FILE *platform_create_file(const char *path, char *tmp, size_t tmp_n, char *err, size_t errlen)
{
    int k = snprintf(tmp, tmp_n, "%s.new", path);
    if (k < 0 || (size_t)k >= tmp_n) {
        snprintf(err, errlen, "the path %s is too long", path);
        return NULL;
    }
    FILE *f = fopen(tmp, "wb");
    if (!f)
        snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
    return f;
}

bool platform_commit_file(FILE *f, const char *tmp, const char *path, bool ok, char *err, size_t errlen)
{
    ok = fclose(f) == 0 && ok;
    if (!ok || !platform_replace_file(tmp, path)) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
        return false;
    }
    return true;
}

bool platform_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    char tmp[PLATFORM_PATH_MAX];
    FILE *f = platform_create_file(path, tmp, sizeof tmp, err, errlen);
    return f && platform_commit_file(f, tmp, path, fwrite(data, 1, len, f) == len, err, errlen);
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

/* ---- the console and standard input --------------------------------------------- */

#if defined(_WIN32)
static bool stdin_is_console(void)
{
    DWORD mode;
    return GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &mode) != 0;
}
#endif

void platform_console_setup(bool headless)
{
#if defined(_WIN32)
    if (!headless) {
        /* ponte.exe is a console program (so the terminal mode works from
         * cmd.exe); started from the Start menu it got a console window of
         * its own, the only process in it: let it go. */
        DWORD ids[2];
        if (GetConsoleProcessList(ids, 2) == 1)
            FreeConsole();
        return;
    }
    SetConsoleOutputCP(CP_UTF8);
    SetConsoleCP(CP_UTF8);
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
#else
    (void)headless;
#endif
}

void platform_keep_freed_memory(size_t bytes)
{
#if defined(__GLIBC__)
    /* glibc otherwise raises its thresholds only as far as the largest
     * block freed so far, and gives the top of the heap back at twice that:
     * a 1 MiB echo (its copy to send, the message received) then faulted
     * in two fresh MiB of pages each time, half of the client's CPU. */
    int n = bytes > (size_t)INT_MAX ? INT_MAX : (int)bytes;
    mallopt(M_TRIM_THRESHOLD, n);
    mallopt(M_MMAP_THRESHOLD, n);
#else
    (void)bytes;
#endif
}

int64_t platform_monotonic_us(void)
{
#if defined(_WIN32)
    static LARGE_INTEGER frequency;
    LARGE_INTEGER now;
    if (!frequency.QuadPart)
        QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&now);
    return (int64_t)(now.QuadPart / frequency.QuadPart * 1000000 +
                     now.QuadPart % frequency.QuadPart * 1000000 / frequency.QuadPart);
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
#endif
}

#if !defined(_WIN32)
static int stop_pipe[2] = {-1, -1};

/* A signal handler may only do what is async-signal-safe: one write. */
static void stop_signalled(int signal)
{
    (void)signal;
    int saved = errno;
    if (write(stop_pipe[1], "", 1) < 0) {
        /* full already: a stop is waiting anyway */
    }
    errno = saved;
}
#endif

int platform_stop_fd(void)
{
#if defined(_WIN32)
    return -1;
#else
    if (stop_pipe[0] < 0) {
        if (pipe(stop_pipe) != 0)
            return -1;
        for (int i = 0; i < 2; i++)
            fcntl(stop_pipe[i], F_SETFD, FD_CLOEXEC);
        fcntl(stop_pipe[1], F_SETFL, O_NONBLOCK);
        fcntl(stop_pipe[0], F_SETFL, O_NONBLOCK);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = stop_signalled;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
    }
    return stop_pipe[0];
#endif
}

size_t platform_read_stdin(char *buf, size_t n)
{
#if defined(_WIN32)
    if (n >= 8 && stdin_is_console()) {
        /* UTF-16 from the console, as UTF-8; a surrogate pair split between
         * two reads is kept for the next. At most n / 3 units a time: each
         * unit is at most 3 bytes of UTF-8 (a pair, 4 bytes for 2 units). */
        static wchar_t pending;
        wchar_t wide[4096];
        DWORD want = (DWORD)(n / 3 < 4096 ? n / 3 : 4096), got = 0, start = 0;
        if (pending) {
            wide[0] = pending;
            pending = 0;
            start = 1;
        }
        if (!ReadConsoleW(GetStdHandle(STD_INPUT_HANDLE), wide + start, want - start, &got, NULL))
            return 0;
        got += start;
        if (got == start && start == 0)
            return 0;
        if (got && wide[got - 1] >= 0xD800 && wide[got - 1] < 0xDC00)
            pending = wide[--got];
        /* Ctrl+Z at the start of a line is the console's end of input. */
        for (DWORD i = 0; i < got; i++)
            if (wide[i] == 0x1A && (i == 0 || wide[i - 1] == L'\n'))
                got = i;
        if (!got)
            return 0;
        int bytes = WideCharToMultiByte(CP_UTF8, 0, wide, (int)got, buf, (int)n, NULL, NULL);
        return bytes > 0 ? (size_t)bytes : 0;
    }
    /* A pipe or a file: what is there now (fread would wait for all n). */
    DWORD got = 0;
    DWORD want = n > 0x40000000 ? 0x40000000 : (DWORD)n;
    if (!ReadFile(GetStdHandle(STD_INPUT_HANDLE), buf, want, &got, NULL))
        return 0; /* ERROR_BROKEN_PIPE: the writer is gone, the end */
    return got;
#else
    /* What is there now: a line typed or piped goes on at once (fread
     * would wait for all n bytes). */
    for (;;) {
        ssize_t got = read(STDIN_FILENO, buf, n);
        if (got >= 0)
            return (size_t)got;
        if (errno != EINTR)
            return 0;
    }
#endif
}

/* ---- being asked to stop ------------------------------------------------------------ */

#if defined(_WIN32)
static void (*stop_callback)(void);
static HANDLE stopped_event;
static HHOOK message_hook;

static BOOL WINAPI console_event(DWORD type)
{
    if (!stop_callback)
        return FALSE;
    stop_callback();
    if (type == CTRL_CLOSE_EVENT || type == CTRL_LOGOFF_EVENT || type == CTRL_SHUTDOWN_EVENT) {
        /* The process ends when this returns: give main its clean-up. */
        if (stopped_event)
            WaitForSingleObject(stopped_event, 4000);
    }
    return TRUE;
}

/* Sees the messages the UI thread takes from its queue: a WM_CLOSE there
 * was posted by another program (the close button and Alt+F4 send theirs
 * straight to the window procedure, past the queue). */
static LRESULT CALLBACK message_seen(int code, WPARAM wparam, LPARAM lparam)
{
    MSG *msg = (MSG *)lparam;
    if (code == HC_ACTION && wparam == PM_REMOVE && msg->message == WM_CLOSE && stop_callback) {
        stop_callback();
        msg->message = WM_NULL; /* handled: not also a window event */
    }
    return CallNextHookEx(message_hook, code, wparam, lparam);
}

/* Sees the messages sent to the UI thread's windows: the session ending. */
static HHOOK sent_hook;
static LRESULT CALLBACK message_sent(int code, WPARAM wparam, LPARAM lparam)
{
    const CWPSTRUCT *msg = (const CWPSTRUCT *)lparam;
    if (code == HC_ACTION && stop_callback &&
        (msg->message == WM_QUERYENDSESSION || (msg->message == WM_ENDSESSION && msg->wParam)))
        stop_callback();
    return CallNextHookEx(sent_hook, code, wparam, lparam);
}
#endif

void platform_on_stop(void (*stop)(void))
{
#if defined(_WIN32)
    stop_callback = stop;
    if (!stopped_event)
        stopped_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    SetConsoleCtrlHandler(console_event, TRUE);
    if (!message_hook)
        message_hook = SetWindowsHookExW(WH_GETMESSAGE, message_seen, NULL, GetCurrentThreadId());
    if (!sent_hook)
        sent_hook = SetWindowsHookExW(WH_CALLWNDPROC, message_sent, NULL, GetCurrentThreadId());
#else
    (void)stop;
#endif
}

void platform_stopped(void)
{
#if defined(_WIN32)
    if (stopped_event)
        SetEvent(stopped_event);
#endif
}

/* ---- sockets ------------------------------------------------------------------------ */

int platform_errno_from_socket(int code)
{
#if defined(_WIN32)
    switch (code) {
    case WSAECONNREFUSED:
        return ECONNREFUSED;
    case WSAETIMEDOUT:
        return ETIMEDOUT;
    case WSAENETUNREACH:
        return ENETUNREACH;
    case WSAEHOSTUNREACH:
        return EHOSTUNREACH;
    case WSAECONNRESET:
        return ECONNRESET;
    case WSAECONNABORTED:
        return ECONNABORTED;
    case WSAEINPROGRESS:
        return EINPROGRESS;
    case WSAEWOULDBLOCK:
        return EAGAIN;
    case WSAEALREADY:
        return EALREADY;
    case WSAENETDOWN:
        return ENETDOWN;
    case WSAEADDRNOTAVAIL:
        return EADDRNOTAVAIL;
    default:
        return code;
    }
#else
    return code;
#endif
}

int platform_socket_error(void)
{
#if defined(_WIN32)
    /* WSAGetLastError is GetLastError (documented so), and this spares
     * every program that links platform.c the winsock library. */
    return platform_errno_from_socket((int)GetLastError());
#else
    return errno;
#endif
}

/* ---- fallback fonts ----------------------------------------------------------------- */

void platform_free_list(char **list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(list[i]);
    free(list);
}

#if defined(_WIN32)
struct font_list {
    char **files;
    size_t count, cap;
};

static bool list_has(const struct font_list *l, const char *file)
{
    for (size_t i = 0; i < l->count; i++)
        if (!_stricmp(l->files[i], file))
            return true;
    return false;
}

static void list_add(struct font_list *l, const char *dir, const char *name)
{
    char file[MAX_PATH * 3];
    if (snprintf(file, sizeof file, "%s\\%s", dir, name) >= (int)sizeof file || list_has(l, file))
        return;
    if (GetFileAttributesA(file) == INVALID_FILE_ATTRIBUTES)
        return;
    if (!grow(&l->files, &l->cap, l->count + 1, sizeof *l->files, 32))
        return;
    char *copy = malloc(strlen(file) + 1);
    if (!copy)
        return;
    strcpy(copy, file);
    l->files[l->count++] = copy;
}

static void list_folder(struct font_list *l, const char *dir)
{
    static const char *const patterns[] = {"*.ttf", "*.ttc", "*.otf"};
    for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
        char glob[MAX_PATH * 3];
        if (snprintf(glob, sizeof glob, "%s\\%s", dir, patterns[p]) >= (int)sizeof glob)
            continue;
        WIN32_FIND_DATAA found;
        HANDLE h = FindFirstFileA(glob, &found);
        if (h == INVALID_HANDLE_VALUE)
            continue;
        do {
            if (!(found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
                list_add(l, dir, found.cFileName);
        } while (FindNextFileA(h, &found));
        FindClose(h);
    }
}
#endif

char **platform_fallback_fonts(bool bold, size_t *count, size_t *color_count)
{
    *count = *color_count = 0;
#if defined(_WIN32)
    /* Emoji first (colour), then the fonts Windows itself falls back to for
     * symbols and the major scripts, the bold file first where there is one. */
    static const char *const color_names[] = {"seguiemj.ttf"};
    static const char *const regular_names[] = {
        "seguisym.ttf", /* Segoe UI Symbol: symbols, arrows, monochrome emoji */
        "msyh.ttc",     /* Microsoft YaHei: Chinese (simplified) */
        "msjh.ttc",     /* Microsoft JhengHei: Chinese (traditional) */
        "YuGothM.ttc",  /* Yu Gothic: Japanese */
        "meiryo.ttc",   /* Meiryo: Japanese (older systems) */
        "malgun.ttf",   /* Malgun Gothic: Korean */
        "Nirmala.ttf",  /* Nirmala UI: the scripts of India */
        "segoeui.ttf",  /* Segoe UI: Arabic, Hebrew, Greek, Cyrillic, ... */
        "LeelawUI.ttf", /* Leelawadee UI: Thai, Lao, Khmer */
        "ebrima.ttf",   /* Ebrima: African scripts */
        "gadugi.ttf",   /* Gadugi: Cherokee, Canadian syllabics */
        "himalaya.ttf", /* Microsoft Himalaya: Tibetan */
        "mmrtext.ttf",  /* Myanmar Text */
        "seguihis.ttf", /* Segoe UI Historic */
        "simsun.ttc",   /* SimSun: CJK on older systems */
        "arialuni.ttf", /* Arial Unicode MS, where Office put it */
    };
    static const char *const bold_names[] = {"seguisb.ttf", "msyhbd.ttc", "msjhbd.ttc", "YuGothB.ttc",
                                             "meiryob.ttc", "malgunbd.ttf", "NirmalaB.ttf", "segoeuib.ttf",
                                             "LeelaUIb.ttf", "ebrimabd.ttf", "gadugib.ttf"};
    struct font_list l = {0};
    char windir[MAX_PATH], fonts[MAX_PATH + 16], user_fonts[MAX_PATH * 2] = "";
    UINT k = GetWindowsDirectoryA(windir, sizeof windir);
    if (k == 0 || k >= sizeof windir)
        return NULL;
    snprintf(fonts, sizeof fonts, "%s\\Fonts", windir);
    /* Fonts installed for one user (Windows 10 1809 and later). */
    const char *local = getenv("LOCALAPPDATA");
    if (local && *local)
        snprintf(user_fonts, sizeof user_fonts, "%s\\Microsoft\\Windows\\Fonts", local);
    for (size_t i = 0; i < sizeof color_names / sizeof color_names[0]; i++)
        list_add(&l, fonts, color_names[i]);
    *color_count = l.count;
    if (bold)
        for (size_t i = 0; i < sizeof bold_names / sizeof bold_names[0]; i++)
            list_add(&l, fonts, bold_names[i]);
    for (size_t i = 0; i < sizeof regular_names / sizeof regular_names[0]; i++)
        list_add(&l, fonts, regular_names[i]);
    list_folder(&l, fonts);
    if (user_fonts[0])
        list_folder(&l, user_fonts);
    *count = l.count;
    return l.files;
#else
    (void)bold;
    return NULL;
#endif
}
