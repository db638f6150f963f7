/* SPDX-License-Identifier: MIT */
/* cli: the command-line contract. Parses and checks the arguments, prints
 * the usage, help and version. Nothing of SDL or lws. */
#ifndef PONTE_CLI_H
#define PONTE_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "i18n.h"
#include "proxy.h"

#define CLI_DEFAULT_URL "wss://ws.postman-echo.com/raw"
#define CLI_DEFAULT_QUIT_KEYS "ctrl+alt+q"
#define CLI_DEFAULT_QUIT_HOLD 2
#define CLI_DEFAULT_DEMO_INTERVAL 3
#define CLI_DEFAULT_TRANSCRIPT_KEEP 5
#define CLI_DEFAULT_HISTORY 1000000      /* messages kept in the window */
#define CLI_KIOSK_HISTORY 100000         /* in a kiosk, which runs for weeks */
#define CLI_KIOSK_SCALE 2.0f /* readable from 3 m on a 1080p display */
#define CLI_MAX_LIST 32 /* repeated options (-H, --protocol) */

#define CLI_KEYS 64 /* keys a configuration file may set (cli.c's table) */

/* Where a setting comes from, the least important first: a higher layer's
 * value wins. */
enum cli_layer {
    CLI_LAYER_DEFAULT,
    CLI_LAYER_SYSTEM_FILE,  /* $XDG_CONFIG_DIRS/ponte/ponte.ini */
    CLI_LAYER_USER_FILE,    /* $XDG_CONFIG_HOME/ponte/ponte.ini, or --config FILE */
    CLI_LAYER_ENVIRONMENT,  /* PONTE_URL, PONTE_SCALE, ... */
    CLI_LAYER_COMMAND_LINE,
};

struct cli_owned {
    struct cli_owned *next;
    char text[];
};

struct stats;

struct cli_options {
    const char *url;        /* the server; CLI_DEFAULT_URL when none is given */
    bool local_echo;        /* --local-echo */
    const char *transcript; /* --transcript FILE, or NULL */
    size_t transcript_max;  /* --transcript-max SIZE: rotate past it; 0: never */
    int transcript_keep;    /* --transcript-keep N old files; -1: default 5 */
    bool lang_given;        /* --lang was given: use lang, not the locale */
    enum i18n_lang lang;
    float scale;            /* --scale FACTOR (0.5 to 4); 0: 1 */
    bool dark;              /* --theme dark */

    /* The connection. */
    const char *headers[CLI_MAX_LIST];   /* -H/--header "Name: value" */
    size_t header_count;
    const char *protocols[CLI_MAX_LIST]; /* --protocol NAME */
    size_t protocol_count;
    const char *origin;                  /* --origin */
    const char *ca_file;                 /* --ca-file PEM */
    const char *cert_file, *key_file;    /* --cert PEM --key PEM */
    bool insecure;                       /* --insecure */
    int connect_timeout_s;               /* --connect-timeout; 0: default */
    bool no_reconnect;                   /* --no-reconnect */
    int ping_interval_s;                 /* --ping-interval; 0: default; -1: off (given as 0) */
    int ping_timeout_s;                  /* --ping-timeout; 0: default */
    size_t max_message;                  /* --max-message SIZE; 0: default */
    int compression;                     /* --compression 1, --no-compression 0; -1: default (pmd.h) */
    bool queue_offline;                  /* --queue-offline */
    const char *proxy;                   /* --proxy URL (checked); "" or "none": direct;
                                          * NULL: the environment decides */
    struct proxy_env proxy_env;          /* not cli_parse's: main reads the environment */

    /* The terminal mode. */
    bool headless;                       /* --headless: no window */
    bool binary_stdin;                   /* --binary-stdin: raw chunks, sent as binary */
    bool echo_back;                      /* --echo-back: answer each message with itself */
    bool slash;                          /* --slash: lines starting with / are frames (frames.h) */
    uint64_t count;                      /* --count N: close after N messages; 0: no limit */
    bool reconnect;                      /* --reconnect (the window reconnects anyway) */

    /* Kiosk. */
    bool kiosk;                          /* --kiosk: fullscreen, no accidental exit, always reconnecting */
    const char *quit_keys;               /* --quit-keys, e.g. "ctrl+alt+q" (checked); NULL: that */
    int quit_hold_s;                     /* --quit-hold SECONDS the keys are held to quit a kiosk; -1: default 2 */
    int osk;                             /* --osk: the on-screen keyboard; -1: default (on in a kiosk) */
    size_t history;                      /* --history N messages kept in the window; 0: default */
    int stale_after_s;                   /* --stale-after SECONDS without a message: banner, reconnect; 0: off */
    const char *demo_file;               /* --demo FILE: its lines sent one by one, looping */
    int demo_interval_s;                 /* --demo-interval SECONDS between them; 0: default 3 */

    /* Recordings and charts. */
    const char *open_file;               /* --open FILE: a recording shown read-only */
    const char *replay_file;             /* --replay FILE: its sent messages sent again, with their gaps */
    double replay_speed;                 /* --replay-speed X; 0: as fast as the server takes them; -1: default 1 */
    bool replay_loop;                    /* --replay-loop */
    bool expect;                         /* --expect: compare what comes back with the recording */
    const char *ignores[CLI_MAX_LIST];   /* --ignore PATH: JSON fields --expect leaves out */
    size_t ignore_count;
    const char *junit_file;              /* --junit FILE: --expect's result as JUnit XML */
    bool chart;                          /* --chart: the strip of live charts */
    const char *stats_csv;               /* --stats-csv FILE: per-second figures appended */
    struct stats *stats;                 /* not cli_parse's: main's per-second ring (stats.h), --stats-csv's file in it */

    /* The configuration. */
    bool print_config;                   /* --print-config */
    const char *config_file;             /* --config FILE, or NULL */
    const char *source[CLI_KEYS];        /* where each key was set ("file:line", ...; NULL: default) */
    int layer[CLI_KEYS];                 /* and at which enum cli_layer */
    struct cli_owned *owned;             /* every string above is a copy kept here: cli_free */
};

#define CLI_MIN_SCALE 0.5f
#define CLI_MAX_SCALE 4.0f

enum cli_result {
    CLI_RUN,        /* start Ponte with the options */
    CLI_EXIT_OK,    /* --help or --version was printed: exit 0 */
    CLI_EXIT_USAGE, /* an error and the usage were printed to err: exit 2 */
};

/* Parses argv alone. Help and version go to out, errors to err. */
enum cli_result cli_parse(int argc, char **argv, struct cli_options *opts, FILE *out, FILE *err);

/* The whole configuration: the system files, the user's file (or --config
 * FILE's), the PONTE_* environment and argv, each over the one before.
 * lookup reads the environment (getenv; tests pass their own). A bad key
 * or value in a file or the environment is named on err with its file and
 * line, and the key keeps what it had; the command line's are usage errors
 * as with cli_parse. --print-config prints the result to out (CLI_EXIT_OK). */
enum cli_result cli_load(int argc, char **argv, const char *(*lookup)(const char *name), struct cli_options *opts,
                         FILE *out, FILE *err);

/* Every key, its value and where it came from, as an ini file would say it
 * (secrets as ***). */
void cli_print_config(const struct cli_options *opts, FILE *out);

/* Frees the copies the options hold (after cli_parse or cli_load). */
void cli_free(struct cli_options *opts);

void cli_usage(FILE *f);

/* The settings, in --help's order: how many, and the i-th's name (the long
 * option, the configuration key); NULL past the end. */
size_t cli_key_count(void);
const char *cli_key_name(size_t i);

/* Whether the URL was given (on the command line, in a configuration file
 * or PONTE_URL), not the default: a replay connects to the recorded one
 * then. */
bool cli_url_given(const struct cli_options *opts);

#endif
