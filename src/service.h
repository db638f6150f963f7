/* SPDX-License-Identifier: MIT */
/* service: telling a service manager how Ponte is doing, for a systemd
 * unit with Type=notify and WatchdogSec= (sd_notify). Built without
 * libsystemd (-Dsystemd=disabled, other systems), every call does nothing
 * and service_watchdog_ms says 0. */
#ifndef PONTE_SERVICE_H
#define PONTE_SERVICE_H

/* The window is up (READY=1); Ponte is stopping (STOPPING=1). */
void service_ready(void);
void service_stopping(void);

/* How often to say the main loop is alive (half of the unit's WatchdogSec),
 * in milliseconds; 0 when no watchdog is asked for. */
int service_watchdog_ms(void);
void service_watchdog(void);

#endif
