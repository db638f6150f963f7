/* platform: the few calls that differ between operating systems, so the
 * rest of the code stays portable C11 + SDL. */
#ifndef PONTE_PLATFORM_H
#define PONTE_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Breaks time_us (microseconds since the Unix epoch) into local time. */
bool platform_local_time(int64_t time_us, struct tm *out);

/* Microseconds since the Unix epoch, from the wall clock. */
int64_t platform_wall_clock_us(void);

#endif
