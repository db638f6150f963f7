/* SPDX-License-Identifier: MIT */
/* net_config: the network settings' defaults, written here once (the
 * worker fills them in, the help text and --print-config show them), and
 * how the command line's options become a struct net_config, for the window
 * and the terminal mode alike. Pure. */
#ifndef PONTE_NET_CONFIG_H
#define PONTE_NET_CONFIG_H

#include "net.h"

struct cli_options;

/* Every setting that has a default, with it: what a zero in a struct
 * net_config stands for. */
struct net_config net_config_defaults(void);

/* config with each zero replaced by its default (a negative
 * ping_interval_s stays: no pings). */
struct net_config net_config_resolve(const struct net_config *config);

/* The options' connection settings. The window reconnects unless
 * --no-reconnect says not to (a kiosk always does); the terminal mode
 * (--headless) only with --reconnect. The caller adds the transcript and
 * the wake-up. */
struct net_config net_config_from_options(const struct cli_options *options);

/* Whether the header "Name: value" (or its "Name:" alone) carries a secret:
 * Authorization, Proxy-Authorization and Cookie, in any case. The
 * transcript and --print-config show their values as ***. */
bool net_config_header_is_secret(const char *header);

#endif
