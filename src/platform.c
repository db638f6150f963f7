/* platform: see platform.h. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif
#include "platform.h"

bool platform_local_time(int64_t time_us, struct tm *out)
{
    time_t seconds = (time_t)(time_us / 1000000);
#if defined(_WIN32)
    return localtime_s(out, &seconds) == 0;
#else
    return localtime_r(&seconds, out) != NULL;
#endif
}

int64_t platform_wall_clock_us(void)
{
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) != TIME_UTC)
        return 0;
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
