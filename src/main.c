/* SPDX-License-Identifier: MIT */
/* main: command line in, exit status out. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "assets.h"
#include "cli.h"
#include "headless.h"
#include "i18n.h"
#include "platform.h"
#include "proxy.h"
#include "stats.h"
#include "transcript.h"

static const char *environment(const char *name)
{
    return getenv(name);
}

/* The traffic second by second, for the charts and --stats-csv: both modes
 * fill it (static: 48 KiB). */
static struct stats stats;

/* --stats-csv's last rows (the second not over yet included), at the end. */
static int stats_end(int status)
{
    char err[256];
    if (!stats_csv_close(&stats, platform_wall_clock_us(), err, sizeof err))
        fprintf(stderr, "ponte: %s\n", err);
    return status;
}

int main(int argc, char **argv)
{
    struct cli_options options;
    switch (cli_load(argc, argv, environment, &options, stdout, stderr)) {
    case CLI_EXIT_OK:
        cli_free(&options);
        return 0;
    case CLI_EXIT_USAGE:
        cli_free(&options);
        return 2;
    case CLI_RUN:
        break;
    }
    platform_console_setup(options.headless);
    /* Read once, here: the worker thread never calls getenv. */
    proxy_env_read(&options.proxy_env, environment);
    assets_locate_translations();
    if (!i18n_set_lang(options.lang_given ? options.lang : i18n_lang_from_environment()))
        fprintf(stderr, "ponte: no translation found (looked in: %s); showing English\n", i18n_catalog_path());
    stats_init(&stats);
    options.stats = &stats;
    char why[PLATFORM_PATH_MAX + 200];
    if (options.stats_csv && !stats_csv_open(&stats, options.stats_csv, platform_wall_clock_us(), why, sizeof why)) {
        fprintf(stderr, "ponte: %s\n", why);
        cli_free(&options);
        return 2;
    }
    if (options.headless) {
        struct transcript *t = NULL;
        if (options.transcript && !(t = app_open_transcript(&options)))
            return stats_end(1);
        int status = stats_end(headless_run(&options, t));
        cli_free(&options);
        platform_stopped();
        return status;
    }
    int status = stats_end(app_run(&options));
    cli_free(&options);
    platform_stopped();
    return status;
}
