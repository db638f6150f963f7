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
#include <time.h>

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
 * ~/Library/Application Support/ponte; Windows: %LOCALAPPDATA%\ponte).
 * False when there is no home to put it in. */
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

/* Writes data[0..len) to path through path.new renamed into place, so a
 * crash never leaves half a file. False with the reason in err. */
bool platform_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* Reads up to n bytes of standard input, unbuffered and byte for byte
 * (binary mode on Windows). Returns the bytes read, 0 at the end, -1 on an
 * error. Blocks until something comes. */
long platform_read_stdin(void *buf, size_t n);

/* Whether this machine has a network beyond loopback: an interface that is
 * up and has an address. True when it cannot tell. */
bool platform_network_up(void);

#endif
