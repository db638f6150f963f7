/* SPDX-License-Identifier: MIT */
/* cli: see cli.h. The checks of each value, the command line, the
 * configuration files and the PONTE_* variables; what the options print
 * (--help, --print-config) is cli_print.c's. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "cli_table.h"
#include "platform.h"
#include "pmd.h"
#include "url.h"

#include <ini.h>

#ifndef PONTE_VERSION
#define PONTE_VERSION "unknown"
#endif

/* ---- values -------------------------------------------------------------- */

/* A whole number of seconds from 1 (0 too, with zero_ok) to a day. */
static bool parse_seconds(const char *v, bool zero_ok, int *out)
{
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < (zero_ok ? 0 : 1) || n > 86400)
        return false;
    *out = (int)n;
    return true;
}

/* A size: a number of bytes, or with K, M or G (powers of 1024). */
static bool parse_size(const char *v, size_t *out)
{
    char *end = NULL;
    unsigned long long n = strtoull(v, &end, 10);
    if (!*v || end == v || *v == '-')
        return false;
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end || n == 0 || n > (1ull << 32) >> shift)
        return false;
    *out = (size_t)(n << shift);
    return true;
}

/* "Name: value": a token name (no spaces or controls), no line breaks. */
static bool valid_header(const char *h)
{
    const char *colon = strchr(h, ':');
    if (!colon || colon == h)
        return false;
    for (const char *p = h; p < colon; p++)
        if (*p <= ' ' || *p == 0x7F || strchr("()<>@,;\\\"/[]?={}", *p))
            return false;
    for (const char *p = colon; *p; p++)
        if (*p == '\r' || *p == '\n')
            return false;
    return true;
}

/* A copy the options own (values from files and the environment do not
 * outlive their reading; argv's would, but one rule is simpler). */
static const char *keep(struct cli_options *o, const char *v)
{
    struct cli_owned *k = malloc(sizeof *k + strlen(v) + 1);
    if (!k)
        return NULL;
    strcpy(k->text, v);
    k->next = o->owned;
    o->owned = k;
    return k->text;
}

void cli_free(struct cli_options *o)
{
    while (o->owned) {
        struct cli_owned *k = o->owned;
        o->owned = k->next;
        free(k);
    }
}

/* Each key's check and store: false with the reason in why, the options
 * unchanged. A reason that starts with "must", "needs" or "takes" reads
 * after the option's name ("--scale must be ..."); others stand alone. */
typedef bool (*apply_fn)(struct cli_options *o, const char *v, char *why, size_t n);

#define WHY(...) (snprintf(why, n, __VA_ARGS__), false)
#define KEEP(field)                         \
    do {                                    \
        const char *kept_ = keep(o, v);     \
        if (!kept_)                         \
            return WHY("out of memory");    \
        o->field = kept_;                   \
    } while (0)

static bool flag_value(const char *v)
{
    return !strcmp(v, "true");
}

static bool apply_url(struct cli_options *o, const char *v, char *why, size_t n)
{
    struct url parsed;
    char reason[160];
    if (!url_parse(v, &parsed, reason, sizeof reason))
        return WHY("invalid URL '%s': %s", v, reason);
    KEEP(url);
    return true;
}

static bool apply_local_echo(struct cli_options *o, const char *v, char *why, size_t n)
{
    (void)why, (void)n;
    o->local_echo = flag_value(v);
    return true;
}

static bool apply_transcript(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!*v)
        return WHY("needs a file name");
    KEEP(transcript);
    return true;
}

static bool apply_transcript_max(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!strcmp(v, "0")) {
        o->transcript_max = 0;
        return true;
    }
    if (!parse_size(v, &o->transcript_max))
        return WHY("must be a size like 10M or 1G, or 0 for never (got '%s')", v);
    return true;
}

static bool apply_transcript_keep(struct cli_options *o, const char *v, char *why, size_t n)
{
    char *end = NULL;
    long keep = strtol(v, &end, 10);
    if (!*v || *end || keep < 0 || keep > 1000)
        return WHY("must be a whole number from 0 to 1000 (got '%s')", v);
    o->transcript_keep = (int)keep;
    return true;
}

static bool apply_lang(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!strcmp(v, "en"))
        o->lang = I18N_EN;
    else if (!strcmp(v, "pt_BR") || !strcmp(v, "pt-BR"))
        o->lang = I18N_PT_BR;
    else
        return WHY("must be en or pt_BR (got '%s')", v);
    o->lang_given = true;
    return true;
}

static bool apply_scale(struct cli_options *o, const char *v, char *why, size_t n)
{
    char *end = NULL;
    double f = strtod(v, &end);
    if (!*v || *end || !(f >= CLI_MIN_SCALE && f <= CLI_MAX_SCALE))
        return WHY("must be a number from 0.5 to 4 (got '%s')", v);
    o->scale = (float)f;
    return true;
}

static bool apply_theme(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (strcmp(v, "dark") && strcmp(v, "light"))
        return WHY("must be light or dark (got '%s')", v);
    o->dark = !strcmp(v, "dark");
    return true;
}

/* One more entry of a repeatable option's list. */
static bool add_to_list(struct cli_options *o, const char **list, size_t *count, const char *what, const char *v,
                        char *why, size_t n)
{
    if (*count == CLI_MAX_LIST)
        return WHY("at most %d %s (%s)", CLI_MAX_LIST, what, v);
    const char *kept = keep(o, v);
    if (!kept)
        return WHY("out of memory");
    list[(*count)++] = kept;
    return true;
}

static bool apply_header(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!valid_header(v)) {
        char shown[200]; /* one line: control characters as '?' */
        snprintf(shown, sizeof shown, "%s", v);
        for (char *p = shown; *p; p++)
            if ((unsigned char)*p < ' ' || *p == 0x7F)
                *p = '?';
        return WHY("a header must be \"Name: value\" (got \"%s\")", shown);
    }
    return add_to_list(o, o->headers, &o->header_count, "headers", v, why, n);
}

static bool apply_protocol(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!*v || strpbrk(v, " ,\t\r\n"))
        return WHY("takes one name without spaces or commas (got '%s')", v);
    return add_to_list(o, o->protocols, &o->protocol_count, "subprotocols", v, why, n);
}

static bool apply_origin(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!*v || strpbrk(v, "\r\n"))
        return WHY("needs a value without line breaks (got '%s')", v);
    KEEP(origin);
    return true;
}

#define APPLY_FILE(name, field)                                                       \
    static bool name(struct cli_options *o, const char *v, char *why, size_t n)    \
    {                                                                                 \
        if (!*v)                                                                      \
            return WHY("needs a file name");                                          \
        KEEP(field);                                                                  \
        return true;                                                                  \
    }
APPLY_FILE(apply_ca_file, ca_file)
APPLY_FILE(apply_cert, cert_file)
APPLY_FILE(apply_key_file, key_file)

#define APPLY_FLAG(name, field)                                                       \
    static bool name(struct cli_options *o, const char *v, char *why, size_t n)    \
    {                                                                                 \
        (void)why, (void)n;                                                           \
        o->field = flag_value(v);                                                     \
        return true;                                                                  \
    }
APPLY_FLAG(apply_insecure, insecure)
APPLY_FLAG(apply_no_reconnect, no_reconnect)
APPLY_FLAG(apply_queue_offline, queue_offline)
APPLY_FLAG(apply_headless, headless)
APPLY_FLAG(apply_binary_stdin, binary_stdin)
APPLY_FLAG(apply_echo_back, echo_back)
APPLY_FLAG(apply_slash, slash)
APPLY_FLAG(apply_reconnect, reconnect)

static bool apply_connect_timeout(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!parse_seconds(v, false, &o->connect_timeout_s))
        return WHY("a time-out must be whole seconds from 1 to 86400 (got '%s')", v);
    return true;
}

static bool apply_ping_timeout(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!parse_seconds(v, false, &o->ping_timeout_s))
        return WHY("a time-out must be whole seconds from 1 to 86400 (got '%s')", v);
    return true;
}

static bool apply_ping_interval(struct cli_options *o, const char *v, char *why, size_t n)
{
    int seconds;
    if (!parse_seconds(v, true, &seconds))
        return WHY("must be whole seconds from 0 to 86400 (got '%s')", v);
    o->ping_interval_s = seconds ? seconds : -1;
    return true;
}

static bool apply_max_message(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!parse_size(v, &o->max_message))
        return WHY("must be a size from 1 byte to 4G, like 65536, 64K or 16M (got '%s')", v);
    return true;
}

static bool apply_proxy(struct cli_options *o, const char *v, char *why, size_t n)
{
    struct proxy parsed;
    char reason[160];
    /* (The reason, not the URL: it may hold a password.) */
    if (*v && strcmp(v, "none") && !proxy_parse(v, &parsed, reason, sizeof reason))
        return WHY("must be [http://][user:password@]host[:port] or none: %s", reason);
    KEEP(proxy);
    return true;
}

static bool apply_count(struct cli_options *o, const char *v, char *why, size_t n)
{
    char *end = NULL;
    unsigned long long count = strtoull(v, &end, 10);
    if (!*v || *end || *v == '-' || count == 0)
        return WHY("must be a whole number from 1 (got '%s')", v);
    o->count = count;
    return true;
}

APPLY_FLAG(apply_kiosk, kiosk)

/* Asking for compression where libwebsockets cannot have it is refused
 * with the reason (pmd.c), not quietly left off. */
static bool apply_compression(struct cli_options *o, const char *v, char *why, size_t n)
{
    bool on = flag_value(v);
    if (on && !pmd_available(PONTE_LWS_VERSION_NUMBER, why, n))
        return false;
    o->compression = on;
    return true;
}

/* "ctrl+alt+q": modifiers (ctrl, alt, shift), then one key: a letter, a
 * digit or F1 to F12. */
static bool apply_quit_keys(struct cli_options *o, const char *v, char *why, size_t n)
{
    const char *p = v;
    for (;;) {
        const char *plus = strchr(p, '+');
        if (!plus)
            break;
        size_t len = (size_t)(plus - p);
        if (!((len == 4 && !ascii_ncasecmp(p, "ctrl", 4)) || (len == 3 && !ascii_ncasecmp(p, "alt", 3)) ||
              (len == 5 && !ascii_ncasecmp(p, "shift", 5))))
            return WHY("must be modifiers (ctrl, alt, shift) and one key joined by '+', like ctrl+alt+q (got '%s')", v);
        p = plus + 1;
    }
    bool letter = strlen(p) == 1 && ascii_is_alnum((unsigned char)p[0]);
    bool fkey = ascii_lower((unsigned char)p[0]) == 'f' && strlen(p) <= 3 && atoi(p + 1) >= 1 && atoi(p + 1) <= 12 &&
                strspn(p + 1, "0123456789") == strlen(p + 1);
    if (p == v || (!letter && !fkey))
        return WHY("must be modifiers (ctrl, alt, shift) and one key joined by '+', like ctrl+alt+q (got '%s')", v);
    KEEP(quit_keys);
    return true;
}

static bool apply_quit_hold(struct cli_options *o, const char *v, char *why, size_t n)
{
    int seconds;
    if (!parse_seconds(v, true, &seconds) || seconds > 60)
        return WHY("must be whole seconds from 0 to 60 (got '%s')", v);
    o->quit_hold_s = seconds;
    return true;
}

static bool apply_osk(struct cli_options *o, const char *v, char *why, size_t n)
{
    (void)why, (void)n;
    o->osk = flag_value(v);
    return true;
}

static bool apply_history(struct cli_options *o, const char *v, char *why, size_t n)
{
    char *end = NULL;
    unsigned long long h = strtoull(v, &end, 10);
    if (!*v || *end || *v == '-' || h < 100 || h > 100000000)
        return WHY("must be a number of messages from 100 to 100000000 (got '%s')", v);
    o->history = (size_t)h;
    return true;
}

static bool apply_stale_after(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!parse_seconds(v, true, &o->stale_after_s))
        return WHY("must be whole seconds from 1 to 86400, or 0 for never (got '%s')", v);
    return true;
}

APPLY_FILE(apply_demo, demo_file)

static bool apply_demo_interval(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!parse_seconds(v, false, &o->demo_interval_s) || o->demo_interval_s > 3600)
        return WHY("must be whole seconds from 1 to 3600 (got '%s')", v);
    return true;
}

APPLY_FILE(apply_open, open_file)
APPLY_FILE(apply_replay, replay_file)
APPLY_FILE(apply_junit, junit_file)
APPLY_FILE(apply_stats_csv, stats_csv)
APPLY_FLAG(apply_replay_loop, replay_loop)
APPLY_FLAG(apply_expect, expect)
APPLY_FLAG(apply_chart, chart)

/* Digits with at most one point: strtod alone would take "inf", "nan",
 * hex and exponents too. */
static bool apply_replay_speed(struct cli_options *o, const char *v, char *why, size_t n)
{
    bool digits = strpbrk(v, "0123456789") != NULL;
    size_t points = 0;
    for (const char *p = v; *p; p++)
        points += *p == '.';
    double x = strtod(v, NULL);
    if (!digits || points > 1 || strspn(v, "0123456789.") != strlen(v) || !(x >= 0 && x <= 1000))
        return WHY("must be a number from 0 to 1000, 0 being as fast as the server takes them (got '%s')", v);
    o->replay_speed = x;
    return true;
}

/* A JSON path as --expect reads it: $ then .name, ["name"], [N] or [*]
 * steps. Checked again (and parsed) by expect.c; here only its shape. */
static bool apply_ignore(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (v[0] != '$' || strpbrk(v, "\r\n"))
        return WHY("must be a JSON path starting with $, like $.ts or $.items[*].id (got '%s')", v);
    return add_to_list(o, o->ignores, &o->ignore_count, "paths", v, why, n);
}

/* The rows of cli_table.h as the parser and the readers need them. */
static const struct key {
    const char *name;
    char short_name;
    enum key_kind kind;
    apply_fn apply;
} keys[] = {
#define X(id, name, short_name, kind, apply, show, arg, heading, ...) {name, short_name, kind, apply},
    CLI_OPTIONS(X)
#undef X
};

static const struct key *find_key(const char *name, size_t len)
{
    for (size_t i = 0; i < KEY_COUNT; i++)
        if (strlen(keys[i].name) == len && !strncmp(keys[i].name, name, len))
            return &keys[i];
    return NULL;
}

size_t cli_key_count(void)
{
    return KEY_COUNT;
}

const char *cli_key_name(size_t i)
{
    return i < KEY_COUNT ? keys[i].name : NULL;
}

bool cli_url_given(const struct cli_options *opts)
{
    return opts->source[KEY_url] != NULL;
}

/* Applies one value at a layer (higher layers win). For a list, the first
 * value of a higher layer drops the lower layer's entries. */
static bool apply_key(struct cli_options *o, const struct key *k, const char *v, int layer,
                      const char *source, char *why, size_t n)
{
    size_t i = (size_t)(k - keys);
    if (o->layer[i] > layer)
        return true; /* set higher up already (the command line is read last) */
    if (k->kind == KEY_LIST && o->layer[i] < layer) {
        if (i == KEY_header)
            o->header_count = 0;
        else if (i == KEY_protocol)
            o->protocol_count = 0;
        else
            o->ignore_count = 0;
    }
    if (!k->apply(o, v, why, n))
        return false;
    o->layer[i] = layer;
    const char *kept = keep(o, source);
    o->source[i] = kept ? kept : "";
    return true;
}

/* ---- the command line ------------------------------------------------------ */

static enum cli_result usage_error(FILE *err, const char *fmt, const char *arg)
{
    fputs("ponte: ", err);
    fprintf(err, fmt, arg);
    fputc('\n', err);
    cli_usage(err);
    return CLI_EXIT_USAGE;
}

static bool reads_after_name(const char *why)
{
    return !strncmp(why, "must ", 5) || !strncmp(why, "needs ", 6) || !strncmp(why, "takes ", 6);
}

static enum cli_result cli_parse_layer(int argc, char **argv, struct cli_options *opts, int layer, FILE *out,
                                       FILE *err)
{
    bool options_done = false, url_given = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            if (url_given)
                return usage_error(err, "only one URL can be given (got a second: %s)", arg);
            url_given = true;
            char why[512];
            if (!apply_key(opts, &keys[KEY_url], arg, layer, "command line", why, sizeof why))
                return usage_error(err, "%s", why);
            continue;
        }
        if (!strcmp(arg, "--")) {
            options_done = true;
            continue;
        }
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            cli_usage(out);
            return CLI_EXIT_OK;
        }
        if (!strcmp(arg, "--version")) {
            fprintf(out, "ponte %s\n", PONTE_VERSION);
            char why[200];
            if (!pmd_available(PONTE_LWS_VERSION_NUMBER, why, sizeof why))
                fprintf(out, "%s\n", why);
            return CLI_EXIT_OK;
        }
        if (!strcmp(arg, "--print-config")) {
            opts->print_config = true;
            continue;
        }
        const struct key *k = NULL;
        const char *value = NULL;
        char shown[64];
        if (arg[1] != '-') { /* -H VALUE */
            for (size_t j = 0; j < KEY_COUNT && !k; j++)
                if (keys[j].short_name && arg[1] == keys[j].short_name && !arg[2])
                    k = &keys[j];
            if (!k)
                return usage_error(err, "unknown option %s", arg);
            snprintf(shown, sizeof shown, "%s", arg);
        } else {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            if (len == 6 && !strncmp(name, "config", 6)) {
                /* Read by cli_load before the files; here only checked. */
                if (!eq && i + 1 >= argc)
                    return usage_error(err, "%s needs a value", "--config");
                if (!eq)
                    i++;
                continue;
            }
            k = find_key(name, len);
            if (!k && len > 3 && !strncmp(name, "no-", 3) && !eq) { /* --no-compression */
                k = find_key(name + 3, len - 3);
                k = k && k->kind == KEY_SWITCH ? k : NULL;
                value = k ? "false" : NULL;
            }
            k = k == &keys[KEY_url] ? NULL : k; /* (the URL is an argument) */
            if (!k)
                return usage_error(err, "unknown option %s", arg);
            snprintf(shown, sizeof shown, "--%s%s", value ? "no-" : "", k->name);
            if (eq) {
                if (k->kind == KEY_FLAG || k->kind == KEY_SWITCH)
                    return usage_error(err, "%s takes no value", shown);
                value = eq + 1;
            }
        }
        if (k->kind == KEY_FLAG || (k->kind == KEY_SWITCH && !value)) {
            value = "true";
        } else if (!value) {
            if (i + 1 >= argc)
                return usage_error(err, "%s needs a value", shown);
            value = argv[++i];
        }
        char why[512];
        if (!apply_key(opts, k, value, layer, "command line", why, sizeof why)) {
            char line[700];
            snprintf(line, sizeof line, "%s%s%s", reads_after_name(why) ? shown : "",
                     reads_after_name(why) ? " " : "", why);
            return usage_error(err, "%s", line);
        }
    }
    return CLI_RUN;
}

/* The checks between keys, once every layer is in. */
static enum cli_result finish(struct cli_options *o, FILE *err)
{
    const size_t url = KEY_url, echo = KEY_local_echo;
    if (o->url && o->local_echo) {
        /* From the same layer they contradict; else the higher one wins. */
        if (o->layer[url] == o->layer[echo])
            return usage_error(err, "--local-echo connects to the built-in server; leave out the URL (%s)",
                               o->url);
        if (o->layer[url] > o->layer[echo])
            o->local_echo = false;
        else
            o->url = NULL;
    }
    if (!o->headless && (o->binary_stdin || o->echo_back || o->count))
        return usage_error(err, "%s", "--binary-stdin, --echo-back and --count go with --headless");
    if (o->expect && (!o->headless || !o->replay_file))
        return usage_error(err, "%s", "--expect goes with --replay and --headless");
    if ((o->ignore_count || o->junit_file) && !o->expect)
        return usage_error(err, "%s", "--ignore and --junit go with --expect");
    if (o->expect && o->replay_loop)
        return usage_error(err, "%s", "--expect checks one pass: leave out --replay-loop");
    if ((o->replay_loop || o->replay_speed >= 0) && !o->replay_file && !o->demo_file)
        return usage_error(err, "%s", "--replay-speed and --replay-loop go with --replay (or --demo)");
    if (o->replay_file && (o->echo_back || o->binary_stdin || o->count))
        return usage_error(err, "%s", "--replay sends the recording: leave out --echo-back, --binary-stdin and --count");
    if (o->headless && (o->open_file || o->chart))
        return usage_error(err, "%s", "--open and --chart need the window: leave out --headless");
    if (o->open_file && o->replay_file)
        return usage_error(err, "%s", "--open shows a recording, --replay sends one: give one of them");
    if (o->reconnect && o->no_reconnect)
        return usage_error(err, "%s", "--reconnect and --no-reconnect say opposite things");
    if (!o->cert_file != !o->key_file)
        return usage_error(err, "%s", "--cert and --key go together");
    if (!o->url)
        o->url = CLI_DEFAULT_URL;
    return CLI_RUN;
}

/* Nothing given yet: zero, but for the settings whose 0 means something. */
static void clear_options(struct cli_options *o)
{
    memset(o, 0, sizeof *o);
    o->quit_hold_s = -1;
    o->transcript_keep = -1;
    o->osk = -1;
    o->compression = -1;
    o->replay_speed = -1;
}

enum cli_result cli_parse(int argc, char **argv, struct cli_options *opts, FILE *out, FILE *err)
{
    clear_options(opts);
    enum cli_result r = cli_parse_layer(argc, argv, opts, CLI_LAYER_COMMAND_LINE, out, err);
    return r == CLI_RUN ? finish(opts, err) : r;
}

/* ---- configuration files and the environment --------------------------------- */

struct file_reading {
    struct cli_options *opts;
    const char *path;
    int layer;
    int line;     /* of the line being read */
    FILE *f;
    FILE *err;
    char section[64];
};

/* inih reads through this, a line at a time, so the handler knows which. */
static char *read_line(char *str, int num, void *stream)
{
    struct file_reading *r = stream;
    char *got = fgets(str, num, r->f);
    if (got)
        r->line++;
    return got;
}

static bool is_true(const char *v, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (!ascii_casecmp(v, yes[i])) {
            *out = true;
            return true;
        }
        if (!ascii_casecmp(v, no[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* One key = value of a file or the environment; a bad one is named and
 * skipped (the key keeps what it had). */
static void apply_setting(struct cli_options *o, const char *where, const char *name, const char *value,
                          int layer, FILE *err)
{
    const struct key *k = find_key(name, strlen(name));
    if (!k) {
        fprintf(err, "ponte: %s: unknown key '%s' (ignored)\n", where, name);
        return;
    }
    char why[512];
    const char *v = value;
    if (k->kind == KEY_FLAG || k->kind == KEY_SWITCH) {
        bool b;
        if (!is_true(value, &b)) {
            fprintf(err, "ponte: %s: %s: must be true or false (got '%s'); ignored\n", where, name, value);
            return;
        }
        v = b ? "true" : "false";
    }
    if (!apply_key(o, k, v, layer, where, why, sizeof why))
        fprintf(err, "ponte: %s: %s: %s; ignored\n", where, name, why);
}

static int on_setting(void *user, const char *section, const char *name, const char *value)
{
    struct file_reading *r = user;
    char where[PLATFORM_PATH_MAX + 16];
    snprintf(where, sizeof where, "%s:%d", r->path, r->line);
    if (section[0] && strcmp(section, "ponte")) {
        if (strcmp(r->section, section))
            fprintf(r->err, "ponte: %s: unknown section [%s] (its keys are ignored)\n", where, section);
        snprintf(r->section, sizeof r->section, "%s", section);
        return 1;
    }
    apply_setting(r->opts, where, name, value, r->layer, r->err);
    return 1;
}

/* Reads one file at a layer. A missing file is nothing (unless it was
 * named with --config); a line that is not "key = value" is named. */
static bool read_file(struct cli_options *o, const char *path, int layer, bool must_exist, FILE *err)
{
    struct file_reading r = {.opts = o, .path = path, .layer = layer, .err = err};
    r.f = fopen(path, "r");
    if (!r.f) {
        if (must_exist)
            fprintf(err, "ponte: cannot read the configuration file %s\n", path);
        return !must_exist;
    }
    int bad = ini_parse_stream(read_line, &r, on_setting, &r);
    if (bad > 0)
        fprintf(err, "ponte: %s:%d: not a \"key = value\" line (ignored)\n", path, bad);
    fclose(r.f);
    return true;
}

/* The system's configuration files: ponte.ini in each of its directories. */
struct system_files {
    struct cli_options *o;
    FILE *err;
};

static void read_system_file(const char *dir, void *context)
{
    struct system_files *files = context;
    char path[PLATFORM_PATH_MAX];
    if (snprintf(path, sizeof path, "%s/ponte.ini", dir) < (int)sizeof path)
        read_file(files->o, path, CLI_LAYER_SYSTEM_FILE, false, files->err);
}

/* PONTE_SCALE for scale: upper case, '-' as '_'. */
static void env_name(const char *key, char *out, size_t n)
{
    size_t i = 0;
    i += (size_t)snprintf(out, n, "PONTE_");
    for (; *key && i + 1 < n; key++)
        out[i++] = *key == '-' ? '_' : (char)ascii_upper((unsigned char)*key);
    out[i] = '\0';
}

static void read_environment(struct cli_options *o, const char *(*lookup)(const char *), FILE *err)
{
    for (size_t i = 0; i < KEY_COUNT; i++) {
        char name[64];
        env_name(keys[i].name, name, sizeof name);
        const char *v = lookup(name);
        if (!v || !*v)
            continue;
        char where[96];
        snprintf(where, sizeof where, "environment %s", name);
        if (keys[i].kind != KEY_LIST) {
            apply_setting(o, where, keys[i].name, v, CLI_LAYER_ENVIRONMENT, err);
            continue;
        }
        /* A list: one entry per line. */
        char *copy = malloc(strlen(v) + 1);
        if (!copy)
            continue;
        strcpy(copy, v);
        for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n"))
            apply_setting(o, where, keys[i].name, line, CLI_LAYER_ENVIRONMENT, err);
        free(copy);
    }
}

enum cli_result cli_load(int argc, char **argv, const char *(*lookup)(const char *), struct cli_options *o,
                         FILE *out, FILE *err)
{
    clear_options(o);
    /* --config first: it decides which files are read. */
    const char *named = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "--config") && i + 1 < argc)
            named = argv[++i];
        else if (!strncmp(argv[i], "--config=", 9))
            named = argv[i] + 9;
    }
    if (named) {
        o->config_file = keep(o, named);
        if (!*named || !read_file(o, named, CLI_LAYER_USER_FILE, true, err)) {
            cli_usage(err);
            return CLI_EXIT_USAGE;
        }
    } else {
        /* The system's directories, the least important first, then the
         * person's (platform.c knows where each system keeps them). */
        struct system_files files = {o, err};
        platform_system_config_dirs(lookup, read_system_file, &files);
        char dir[PLATFORM_DIR_MAX], path[PLATFORM_PATH_MAX];
        if (platform_config_dir(lookup, dir, sizeof dir) &&
            snprintf(path, sizeof path, "%s/ponte.ini", dir) < (int)sizeof path)
            read_file(o, path, CLI_LAYER_USER_FILE, false, err);
    }
    read_environment(o, lookup, err);
    enum cli_result r = cli_parse_layer(argc, argv, o, CLI_LAYER_COMMAND_LINE, out, err);
    if (r != CLI_RUN)
        return r;
    r = finish(o, err);
    if (r == CLI_RUN && o->print_config) {
        cli_print_config(o, out);
        return CLI_EXIT_OK;
    }
    return r;
}
