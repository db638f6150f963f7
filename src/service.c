/* SPDX-License-Identifier: MIT */
/* service: see service.h. */
#include "service.h"

#if defined(PONTE_SYSTEMD)
#include <systemd/sd-daemon.h>

void service_ready(void)
{
    sd_notify(0, "READY=1");
}

void service_stopping(void)
{
    sd_notify(0, "STOPPING=1");
}

int service_watchdog_ms(void)
{
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
        return 0;
    uint64_t ms = usec / 2000; /* twice per period: one late turn is not a miss */
    return ms < 1 ? 1 : ms > 86400000 ? 86400000 : (int)ms;
}

void service_watchdog(void)
{
    sd_notify(0, "WATCHDOG=1");
}

#else

void service_ready(void)
{
}

void service_stopping(void)
{
}

int service_watchdog_ms(void)
{
    return 0;
}

void service_watchdog(void)
{
}

#endif
