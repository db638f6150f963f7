/* SPDX-License-Identifier: MIT */
/* net_config: see net_config.h. */
#include "net_config.h"

#include <string.h>

#include "ascii.h"
#include "assemble.h"
#include "cli.h"

struct net_config net_config_defaults(void)
{
    return (struct net_config){
        .timeout_s = 10,
        /* The reassembler's own limit (16 MiB), named where it is
         * enforced: one number, not two that could drift apart. */
        .max_message = ASSEMBLE_DEFAULT_CAP,
        .ring_capacity = 4096,
        /* Reconnecting: 0.5 s, doubling to 30 s. */
        .retry_first_ms = 500,
        .retry_max_ms = 30000,
        .ping_interval_s = 20,
        .ping_timeout_s = 30,
    };
}

struct net_config net_config_resolve(const struct net_config *config)
{
    const struct net_config d = net_config_defaults();
    struct net_config c = *config;
    c.timeout_s = c.timeout_s > 0 ? c.timeout_s : d.timeout_s;
    c.max_message = c.max_message ? c.max_message : d.max_message;
    c.ring_capacity = c.ring_capacity ? c.ring_capacity : d.ring_capacity;
    c.retry_first_ms = c.retry_first_ms > 0 ? c.retry_first_ms : d.retry_first_ms;
    c.retry_max_ms = c.retry_max_ms > 0 ? c.retry_max_ms : d.retry_max_ms;
    c.ping_interval_s = c.ping_interval_s ? c.ping_interval_s : d.ping_interval_s;
    c.ping_timeout_s = c.ping_timeout_s > 0 ? c.ping_timeout_s : d.ping_timeout_s;
    return c;
}

struct net_config net_config_from_options(const struct cli_options *o)
{
    return (struct net_config){
        .url = o->url,
        .local_echo = o->local_echo,
        .headers = o->headers,
        .header_count = o->header_count,
        .protocols = o->protocols,
        .protocol_count = o->protocol_count,
        .origin = o->origin,
        .ca_file = o->ca_file,
        .cert_file = o->cert_file,
        .key_file = o->key_file,
        .insecure = o->insecure,
        .no_compression = o->compression == 0,
        .timeout_s = o->connect_timeout_s,
        .max_message = o->max_message,
        .queue_offline = o->queue_offline,
        .reconnect = o->headless ? o->reconnect : !o->no_reconnect || o->kiosk,
        .ping_interval_s = o->ping_interval_s,
        .ping_timeout_s = o->ping_timeout_s,
        .proxy = o->proxy,
        .proxy_env = &o->proxy_env,
    };
}

bool net_config_header_is_secret(const char *header)
{
    static const char *const secrets[] = {"authorization:", "proxy-authorization:", "cookie:"};
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        if (ascii_starts_with(header, secrets[i]))
            return true;
    return false;
}
