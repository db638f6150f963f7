/* SPDX-License-Identifier: MIT */
/* platform: the few calls that differ between operating systems, so the
 * rest of the code stays portable C11 + SDL. Where Ponte keeps its files:
 *   Linux and other Unix: the XDG base directories (~/.local/state,
 *     ~/.local/share, ~/.config, /etc/xdg), each with ponte/ under it;
 *   macOS: ~/Library/Application Support/ponte for all three, and
 *     /Library/Application Support/ponte for the system's configuration
 *     (an XDG variable that is set still wins: a person asked for it);
 *   Windows: %LOCALAPPDATA%\ponte and %APPDATA%\ponte. */
#ifndef PONTE_PLATFORM_H
#define PONTE_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* The longest path Ponte builds or keeps, terminator included (Linux's
 * PATH_MAX); a folder that is to get a file name appended leaves room for
 * it (PLATFORM_DIR_MAX). */
#define PLATFORM_PATH_MAX 4096
#define PLATFORM_DIR_MAX (PLATFORM_PATH_MAX - 96)

/* Breaks time_us (microseconds since the Unix epoch) into local time. */
bool platform_local_time(int64_t time_us, struct tm *out);

/* Breaks seconds since the Unix epoch into UTC (thread-safe, unlike gmtime). */
bool platform_utc_time(time_t seconds, struct tm *out);

/* Microseconds since the Unix epoch, from the wall clock. */
int64_t platform_wall_clock_us(void);

/* A read-only view of a whole file (mapped where the system can, so pages
 * are shared and read on demand; else read into memory). NULL on failure
 * or for an empty file. Release with platform_unmap_file. */
const void *platform_map_file(const char *path, size_t *len);
void platform_unmap_file(const void *data, size_t len);

/* The directory for state kept between runs (recent URLs):
 * $XDG_STATE_HOME/ponte, else ~/.local/state/ponte (macOS:
 * ~/Library/Application Support/ponte; Windows: %APPDATA%\ponte, beside
 * the settings and the saved messages, so they roam together). False when
 * there is no home to put it in. */
bool platform_state_dir(char *out, size_t n);

/* The directory for the person's own data (saved messages):
 * $XDG_DATA_HOME/ponte, else ~/.local/share/ponte (macOS:
 * ~/Library/Application Support/ponte; Windows: %APPDATA%\ponte). False
 * when there is no home to put it in. */
bool platform_data_dir(char *out, size_t n);

/* The environment as the configuration reads it: getenv, or a test's own. */
typedef const char *(*platform_lookup)(const char *name);

/* The directory of the person's configuration file (ponte.ini):
 * $XDG_CONFIG_HOME/ponte, else ~/.config/ponte (macOS:
 * ~/Library/Application Support/ponte; Windows: %APPDATA%\ponte). False
 * when there is no home to put it in. */
bool platform_config_dir(platform_lookup lookup, char *out, size_t n);

/* Calls each(dir, context) for every directory of the system's
 * configuration, the least important first: $XDG_CONFIG_DIRS (default
 * /etc/xdg) in reverse, each with ponte/ (macOS: /Library/Application
 * Support/ponte, then $XDG_CONFIG_DIRS only when set; Windows:
 * %PROGRAMDATA%\ponte). Relative entries are skipped. */
void platform_system_config_dirs(platform_lookup lookup, void (*each)(const char *dir, void *context),
                                 void *context);

/* A path as a person types it: a leading "~" or "~/" is the home folder
 * ($HOME; %USERPROFILE% on Windows). False when it does not fit or there
 * is no home to put there. */
bool platform_expand_path(const char *in, char *out, size_t n);

/* Creates the directory and its parents as needed (only the owner may
 * enter the ones it creates). True when it exists afterwards. */
bool platform_make_dirs(const char *path);

/* Puts the file from into place at to, replacing it in one step. */
bool platform_replace_file(const char *from, const char *to);

/* Opens path to read (binary) in *f. A file that is not there is no
 * failure, only nothing to read: true with *f NULL. False with the reason
 * in err when it is there but cannot be opened. */
bool platform_open_read(const char *path, FILE **f, char *err, size_t errlen);

/* A file written through a stream that appears whole or not at all:
 * platform_create_file opens path.new (its name in tmp) to write;
 * platform_commit_file closes it and, when ok and the close went well,
 * renames it into place, else removes it. NULL / false with the reason in
 * err. */
FILE *platform_create_file(const char *path, char *tmp, size_t tmp_n, char *err, size_t errlen);
bool platform_commit_file(FILE *f, const char *tmp, const char *path, bool ok, char *err, size_t errlen);

/* Writes data[0..len) to path through path.new renamed into place, so a
 * crash never leaves half a file. False with the reason in err. */
bool platform_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* Whether this machine has a network beyond loopback: an interface that is
 * up and has an address. True when it cannot tell. */
bool platform_network_up(void);

/* Makes the standard streams carry bytes as they are: on Windows, binary
 * mode (no CR LF translation, no ^Z as the end) and UTF-8 for the console.
 * A windowed run (headless false) started with a console of its own (from
 * the Start menu, say) lets that console go. Nothing to do elsewhere. */
void platform_console_setup(bool headless);

/* Reads up to n bytes of standard input, as many as there are now (at
 * least one; it waits for that): the count, 0 at its end or on an error. A Windows console is read as UTF-16 and handed on as UTF-8 (its
 * byte-oriented read cannot return UTF-8 input); pipes and files as they
 * are. */
size_t platform_read_stdin(char *buf, size_t n);
/* Asks the allocator to keep up to bytes of freed memory (and to take
 * blocks below that from its heap, not from mmap each time), so that
 * large buffers allocated and freed in a stream (1 MiB messages) reuse
 * pages already in memory instead of faulting in fresh ones: glibc's
 * mallopt; nothing elsewhere. */
void platform_keep_freed_memory(size_t bytes);
/* Microseconds from an arbitrary start that never goes back. */
int64_t platform_monotonic_us(void);
/* POSIX: SIGINT and SIGTERM each write a byte into a pipe whose read end
 * (non-blocking) this returns, for a loop that polls descriptors (the
 * terminal mode); made once. -1 on Windows (platform_on_stop there) or
 * when no pipe can be made. */
int platform_stop_fd(void);

/* Asks for stop() (which must be safe from any thread) when the system
 * asks the program to end: on Windows Ctrl+C and Ctrl+Break, the console
 * being closed, the user logging off or the system shutting down (for the
 * last three the system ends the process once the handler returns, so it
 * waits, up to 4 s, for platform_stopped), and WM_CLOSE posted to the
 * calling thread's windows by another program (taskkill, a service
 * wrapper: what SIGTERM is on Linux; the close button and Alt+F4 send
 * theirs, which stays a window event). On Linux SDL turns SIGINT and
 * SIGTERM into SDL_QUIT, so there is nothing to add. */
void platform_on_stop(void (*stop)(void));

/* The program has cleaned up and is about to return from main. */
void platform_stopped(void);

/* The error of the last socket call as an errno value (ECONNREFUSED, ...):
 * errno itself on POSIX; on Windows, WSAGetLastError() translated. */
int platform_socket_error(void);

/* A socket error code as the system reports it (as libwebsockets prints in
 * "conn fail: N") turned into an errno value (Windows: WSAECONNREFUSED is
 * ECONNREFUSED; the same number elsewhere). */
int platform_errno_from_socket(int code);

/* Where there is no fontconfig (Windows): the font files to try, in order,
 * for a character the chain of faces lacks; *color_count of them first are
 * colour (emoji) fonts. Named fonts of the system's fonts folder first
 * (Segoe UI Emoji, Segoe UI Symbol, Microsoft YaHei, Yu Gothic, Malgun
 * Gothic, Nirmala UI, ...; their bold files for bold), then every other
 * font file in it and in the user's own fonts folder. NULL (count 0)
 * where fontconfig is used. Free with platform_free_list. */
char **platform_fallback_fonts(bool bold, size_t *count, size_t *color_count);
void platform_free_list(char **list, size_t count);

#endif
