/* platform: the few calls that differ between operating systems, so the
 * rest of the code stays portable C11 + SDL. */
#ifndef PONTE_PLATFORM_H
#define PONTE_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Breaks time_us (microseconds since the Unix epoch) into local time. */
bool platform_local_time(int64_t time_us, struct tm *out);

/* Microseconds since the Unix epoch, from the wall clock. */
int64_t platform_wall_clock_us(void);

/* A read-only view of a whole file (mapped where the system can, so pages
 * are shared and read on demand; else read into memory). NULL on failure
 * or for an empty file. Release with platform_unmap_file. */
const void *platform_map_file(const char *path, size_t *len);
void platform_unmap_file(const void *data, size_t len);

#endif
