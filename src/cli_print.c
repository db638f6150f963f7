/* SPDX-License-Identifier: MIT */
/* cli_print: what the options print: --help (cli_usage) and
 * --print-config, both from the rows of cli_table.h, with the network's
 * defaults from net_config_defaults(). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_table.h"
#include "net_config.h"
#include "pmd.h"

/* The value in effect (the default when none was given), as --print-config
 * shows it; d holds the network's defaults. (Lists have none: their
 * entries are printed one a line.) */
typedef void (*show_fn)(const struct cli_options *o, const struct net_config *d, char *v, size_t n);

#define SHOW(name, ...)                                                                        \
    static void name(const struct cli_options *o, const struct net_config *d, char *v, size_t n) \
    {                                                                                          \
        (void)o, (void)d;                                                                      \
        snprintf(v, n, __VA_ARGS__);                                                           \
    }
#define SHOW_FLAG(name, on) SHOW(name, "%s", (on) ? "true" : "false")
#define SHOW_TEXT(name, field) SHOW(name, "%s", o->field ? o->field : "")

SHOW(show_url, "%s", o->local_echo ? "" : o->url)
SHOW_FLAG(show_local_echo, o->local_echo)
SHOW_TEXT(show_transcript, transcript)
SHOW(show_transcript_max, "%zu", o->transcript_max)
SHOW(show_transcript_keep, "%d", o->transcript_keep >= 0 ? o->transcript_keep : CLI_DEFAULT_TRANSCRIPT_KEEP)
SHOW(show_lang, "%s", !o->lang_given ? "" : o->lang == I18N_PT_BR ? "pt_BR" : "en")
SHOW(show_scale, "%g", o->scale > 0 ? o->scale : 1.0)
SHOW(show_theme, "%s", o->dark ? "dark" : "light")
SHOW_TEXT(show_origin, origin)
SHOW_TEXT(show_ca_file, ca_file)
SHOW_TEXT(show_cert, cert_file)
SHOW_TEXT(show_key_file, key_file)
SHOW_FLAG(show_insecure, o->insecure)
SHOW(show_connect_timeout, "%d", o->connect_timeout_s ? o->connect_timeout_s : d->timeout_s)
SHOW_FLAG(show_no_reconnect, o->no_reconnect)
SHOW(show_ping_interval, "%d", o->ping_interval_s < 0 ? 0 : o->ping_interval_s ? o->ping_interval_s : d->ping_interval_s)
SHOW(show_ping_timeout, "%d", o->ping_timeout_s ? o->ping_timeout_s : d->ping_timeout_s)
SHOW(show_max_message, "%zu", o->max_message ? o->max_message : d->max_message)
SHOW_FLAG(show_compression, o->compression >= 0 ? o->compression : pmd_available(PONTE_LWS_VERSION_NUMBER, NULL, 0))
SHOW_FLAG(show_queue_offline, o->queue_offline)
SHOW_FLAG(show_headless, o->headless)
SHOW_FLAG(show_binary_stdin, o->binary_stdin)
SHOW_FLAG(show_echo_back, o->echo_back)
SHOW_FLAG(show_slash, o->slash)
SHOW_FLAG(show_reconnect, o->reconnect)
SHOW_FLAG(show_kiosk, o->kiosk)
SHOW(show_quit_keys, "%s", o->quit_keys ? o->quit_keys : CLI_DEFAULT_QUIT_KEYS)
SHOW(show_quit_hold, "%d", o->quit_hold_s >= 0 ? o->quit_hold_s : CLI_DEFAULT_QUIT_HOLD)
SHOW_FLAG(show_osk, o->osk >= 0 ? o->osk : o->kiosk)
SHOW(show_history, "%zu", o->history ? o->history : o->kiosk ? (size_t)CLI_KIOSK_HISTORY : (size_t)CLI_DEFAULT_HISTORY)
SHOW(show_stale_after, "%d", o->stale_after_s)
SHOW_TEXT(show_demo, demo_file)
SHOW(show_demo_interval, "%d", o->demo_interval_s ? o->demo_interval_s : CLI_DEFAULT_DEMO_INTERVAL)
SHOW_TEXT(show_open, open_file)
SHOW_TEXT(show_replay, replay_file)
SHOW(show_replay_speed, "%g", o->replay_speed >= 0 ? o->replay_speed : 1.0)
SHOW_FLAG(show_replay_loop, o->replay_loop)
SHOW_FLAG(show_expect, o->expect)
SHOW_TEXT(show_junit, junit_file)
SHOW_FLAG(show_chart, o->chart)
SHOW_TEXT(show_stats_csv, stats_csv)

static void show_count(const struct cli_options *o, const struct net_config *d, char *v, size_t n)
{
    (void)d;
    if (o->count) /* (0, no limit, shows as nothing) */
        snprintf(v, n, "%llu", (unsigned long long)o->count);
}

/* Never the proxy's password. */
static void show_proxy(const struct cli_options *o, const struct net_config *d, char *v, size_t n)
{
    (void)d;
    struct proxy p;
    char why[160];
    if (!o->proxy)
        snprintf(v, n, "(from the environment)");
    else if (!*o->proxy || !strcmp(o->proxy, "none") || !proxy_parse(o->proxy, &p, why, sizeof why))
        snprintf(v, n, "%s", *o->proxy ? o->proxy : "none");
    else
        proxy_format(&p, v, n);
}

/* The rows of cli_table.h as the printing needs them. */
static const struct shown {
    const char *name;
    char short_name;
    enum key_kind kind;
    show_fn show;
    const char *arg;
    const char *heading;
} rows[] = {
#define X(id, name, short_name, kind, apply, show, arg, heading, ...) {name, short_name, kind, show, arg, heading},
    CLI_OPTIONS(X)
#undef X
};

/* ---- --help --------------------------------------------------------------------- */

/* One option's entry: "  --name ARG" padded to the help's column (two
 * spaces after a longer one), then the help, its later lines indented. */
#define USAGE_COLUMN 22

static void usage_entry(FILE *f, char short_name, const char *name, const char *arg, const char *help,
                        bool negated_too)
{
    char left[96];
    int n = short_name      ? snprintf(left, sizeof left, "  -%c, --%s%s%s", short_name, name, *arg ? " " : "", arg)
            : negated_too ? snprintf(left, sizeof left, "  --%s, --no-%s", name, name)
                          : snprintf(left, sizeof left, "  --%s%s%s", name, *arg ? " " : "", arg);
    fprintf(f, "%s%*s", left, n < USAGE_COLUMN ? USAGE_COLUMN - n : 2, "");
    for (const char *p = help; *p; p++) {
        fputc(*p, f);
        if (*p == '\n')
            fprintf(f, "%*s", USAGE_COLUMN, "");
    }
    fputc('\n', f);
}

/* The help text of a row, with the defaults it names. */
static void key_help(enum key_id id, const struct net_config *defaults, char *out, size_t n)
{
    const struct net_config d = *defaults;
    (void)d;
    switch (id) {
#define X(id, name, short_name, kind, apply, show, arg, heading, ...) \
    case KEY_##id:                                                    \
        snprintf(out, n, __VA_ARGS__);                                \
        break;
        CLI_OPTIONS(X)
#undef X
    case KEY_COUNT:
        break;
    }
}

void cli_usage(FILE *f)
{
    const struct net_config d = net_config_defaults();
    fputs("usage: ponte [OPTIONS] [URL]\n"
          "       ponte --headless [OPTIONS] URL\n"
          "\n"
          "A WebSocket client. URL is ws://... or wss://..., by default\n" CLI_DEFAULT_URL "\n",
          f);
    for (size_t i = 0; i < KEY_COUNT; i++) {
        const struct shown *k = &rows[i];
        if (k->heading)
            fprintf(f, "\n%s%s", k->heading, *k->heading ? "\n" : "");
        if (!k->arg)
            continue;
        char help[1024];
        key_help((enum key_id)i, &d, help, sizeof help);
        usage_entry(f, k->short_name, k->name, k->arg, help, k->kind == KEY_SWITCH);
    }
    fputs("\nConfiguration:\n", f);
#define X(name, arg, help) usage_entry(f, 0, name, arg, help, false);
    CLI_COMMANDS(X)
#undef X
}

/* ---- --print-config ---------------------------------------------------------------- */

/* "key = value", then where it came from, in a column. */
static void print_setting(FILE *out, const char *name, const char *value, const char *from)
{
    char line[700];
    int n = snprintf(line, sizeof line, "%s = %s", name, value);
    fprintf(out, "%-*s  # %s\n", n < 40 ? 40 : n, line, from);
}

void cli_print_config(const struct cli_options *o, FILE *out)
{
    const struct net_config d = net_config_defaults();
    for (size_t i = 0; i < KEY_COUNT; i++) {
        const struct shown *k = &rows[i];
        const char *from = o->source[i] ? o->source[i] : "default";
        char value[600] = "";
        if (k->kind != KEY_LIST) {
            k->show(o, &d, value, sizeof value);
            print_setting(out, k->name, value, from);
            continue;
        }
        bool headers = i == KEY_header;
        const char *const *list = headers ? o->headers : i == KEY_protocol ? o->protocols : o->ignores;
        size_t count = headers ? o->header_count : i == KEY_protocol ? o->protocol_count : o->ignore_count;
        if (!count)
            print_setting(out, k->name, "", from);
        for (size_t j = 0; j < count; j++) {
            const char *v = list[j];
            if (headers && net_config_header_is_secret(v))
                snprintf(value, sizeof value, "%.*s ***", (int)(strchr(v, ':') - v + 1), v);
            else
                snprintf(value, sizeof value, "%s", v);
            print_setting(out, k->name, value, from);
        }
    }
    if (o->config_file)
        fprintf(out, "# --config %s\n", o->config_file);
    char why[200];
    if (!pmd_available(PONTE_LWS_VERSION_NUMBER, why, sizeof why))
        fprintf(out, "# %s\n", why);
}
