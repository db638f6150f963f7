/* cli: see cli.h. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "url.h"

#include <ini.h>

#ifndef PONTE_VERSION
#define PONTE_VERSION "unknown"
#endif

void cli_usage(FILE *f)
{
    fputs("usage: ponte [OPTIONS] [URL]\n"
          "       ponte --headless [OPTIONS] URL\n"
          "\n"
          "A WebSocket client. URL is ws://... or wss://..., by default\n"
          CLI_DEFAULT_URL "\n"
          "\n"
          "  --local-echo        start the built-in echo server on 127.0.0.1 (a free\n"
          "                      port) and connect to it\n"
          "  --transcript FILE   append every event to FILE as JSON Lines\n"
          "  --transcript-max SIZE  past SIZE (like 10M), FILE becomes FILE.1 (FILE.1\n"
          "                      FILE.2, ...) and a new FILE starts (default: never)\n"
          "  --transcript-keep N keep N old files (default 5)\n"
          "  --lang en|pt_BR     the language of the window (default: from the locale)\n"
          "  --scale FACTOR      zoom, 0.5 to 4 (default 1; Ctrl+= / Ctrl+- / Ctrl+0\n"
          "                      change it while running)\n"
          "  --theme light|dark  colours (default light; the window has a toggle)\n"
          "\n"
          "Connecting:\n"
          "  -H, --header \"NAME: VALUE\"  add a header to the handshake (repeatable;\n"
          "                      Authorization and Cookie values never reach the transcript)\n"
          "  --protocol NAME     offer a subprotocol (repeatable); the agreed one is shown\n"
          "  --origin ORIGIN     the Origin header\n"
          "  --ca-file PEM       also trust the CAs in PEM (the system's are trusted)\n"
          "  --cert PEM --key PEM  present a client certificate\n"
          "  --insecure          accept any server certificate (shown in red)\n"
          "  --connect-timeout SECONDS  give up an attempt after this long (default 10)\n"
          "  --no-reconnect      do not reconnect when a connection ends (default: reconnect\n"
          "                      after 0.5 s, doubling to 30 s)\n"
          "  --ping-interval SECONDS  ping this often (default 20; 0: never)\n"
          "  --ping-timeout SECONDS   hang up when nothing came for this long (default 30)\n"
          "  --max-message SIZE  refuse bigger messages with 1009 (default 16M; K, M, G)\n"
          "  --queue-offline     keep messages typed while disconnected and send them,\n"
          "                      in order, once connected again (default: not sent)\n"
          "  --proxy URL         connect through an HTTP proxy (CONNECT), for ws:// and\n"
          "                      wss://. URL is [http://][user:password@]host[:port],\n"
          "                      port 1080 when none (as curl); --proxy none connects\n"
          "                      directly. Without --proxy, as curl: wss:// uses\n"
          "                      https_proxy (or HTTPS_PROXY), ws:// uses http_proxy,\n"
          "                      both fall back to all_proxy (or ALL_PROXY); no_proxy\n"
          "                      (or NO_PROXY) lists hosts reached directly: names\n"
          "                      (with their subdomains), IP addresses, or *\n"
          "\n"
          "Terminal mode:\n"
          "  --headless          no window: each line of stdin is sent, each message\n"
          "                      received is printed on stdout (binary as b64:BASE64),\n"
          "                      status on stderr; the end of stdin closes normally.\n"
          "                      Exit status 0 after a normal close, 1 after an error\n"
          "  --binary-stdin      send stdin as binary messages (chunks of up to 64 KiB)\n"
          "  --echo-back         answer every message with the same payload and type,\n"
          "                      until the server closes\n"
          "  --count N           close after N messages received (waiting for them\n"
          "                      past the end of stdin)\n"
          "  --reconnect         reconnect in terminal mode too\n"
          "\n"
          "Kiosk:\n"
          "  --kiosk             fullscreen on the whole display, the screensaver kept off,\n"
          "                      the pointer hidden after 3 s still, scale 2 unless --scale\n"
          "                      says otherwise, always reconnecting; closing the window and\n"
          "                      Ctrl+Q do nothing: hold the quit keys, or send SIGTERM\n"
          "  --quit-keys KEYS    the keys that quit a kiosk when held (default ctrl+alt+q)\n"
          "  --quit-hold SECONDS how long to hold them (default 2; 0: at once)\n"
          "  --osk               an on-screen keyboard (English or Portuguese, with\n"
          "                      accents) slides up when the text box is tapped (default\n"
          "                      in a kiosk; osk = false in the configuration turns it off)\n"
          "  --history N         keep the newest N messages in the window; older ones\n"
          "                      give way to one line saying how many (the transcript\n"
          "                      keeps all; default 1000000, 100000 in a kiosk)\n"
          "  --stale-after SECONDS  no message for this long while connected: a banner\n"
          "                      says so and Ponte reconnects (default: never)\n"
          "  --demo FILE         send FILE's lines one by one, looping, so a demo shows\n"
          "                      traffic by itself; typing pauses it for 30 s\n"
          "  --demo-interval SECONDS  between two demo lines (default 3)\n"
          "\n"
          "Configuration:\n"
          "  --config FILE       read FILE instead of ponte.ini in $XDG_CONFIG_HOME/ponte\n"
          "                      and $XDG_CONFIG_DIRS (each key is a long option's name:\n"
          "                      url = ..., scale = 1.5, insecure = true, header = ...)\n"
          "  --print-config      show the settings in effect and where each came from\n"
          "                      (command line > PONTE_* environment > user file > system\n"
          "                      files), then exit\n"
          "  --help              show this help and exit\n"
          "  --version           show the version and exit\n",
          f);
}


/* ---- values -------------------------------------------------------------- */

static int lower_ascii(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int strncasecmp_ascii(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int d = lower_ascii((unsigned char)a[i]) - lower_ascii((unsigned char)b[i]);
        if (d || !a[i])
            return d;
    }
    return 0;
}

static int strcasecmp_ascii(const char *a, const char *b)
{
    return strncasecmp_ascii(a, b, (size_t)-1);
}

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
    if (o->header_count == CLI_MAX_LIST)
        return WHY("at most 32 headers (%s)", v);
    const char *kept = keep(o, v);
    if (!kept)
        return WHY("out of memory");
    o->headers[o->header_count++] = kept;
    return true;
}

static bool apply_protocol(struct cli_options *o, const char *v, char *why, size_t n)
{
    if (!*v || strpbrk(v, " ,\t\r\n"))
        return WHY("takes one name without spaces or commas (got '%s')", v);
    if (o->protocol_count == CLI_MAX_LIST)
        return WHY("at most 32 subprotocols (%s)", v);
    const char *kept = keep(o, v);
    if (!kept)
        return WHY("out of memory");
    o->protocols[o->protocol_count++] = kept;
    return true;
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
        if (!((len == 4 && !strncasecmp_ascii(p, "ctrl", 4)) || (len == 3 && !strncasecmp_ascii(p, "alt", 3)) ||
              (len == 5 && !strncasecmp_ascii(p, "shift", 5))))
            return WHY("must be modifiers (ctrl, alt, shift) and one key joined by '+', like ctrl+alt+q (got '%s')", v);
        p = plus + 1;
    }
    bool letter = strlen(p) == 1 && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z') ||
                                     (p[0] >= '0' && p[0] <= '9'));
    bool fkey = (p[0] == 'f' || p[0] == 'F') && strlen(p) <= 3 && atoi(p + 1) >= 1 && atoi(p + 1) <= 12 &&
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

enum key_kind {
    KEY_FLAG,  /* no value on the command line; true/false in files */
    KEY_VALUE,
    KEY_LIST,  /* repeatable: a higher layer's entries replace a lower's */
};

static const struct key {
    const char *name; /* the long option without "--", and the config key */
    char short_name;
    enum key_kind kind;
    apply_fn apply;
    int list; /* KEY_LIST: 0 headers, 1 protocols */
} keys[] = {
    {"url", 0, KEY_VALUE, apply_url, 0}, /* the command line's URL argument */
    {"local-echo", 0, KEY_FLAG, apply_local_echo, 0},
    {"transcript", 0, KEY_VALUE, apply_transcript, 0},
    {"transcript-max", 0, KEY_VALUE, apply_transcript_max, 0},
    {"transcript-keep", 0, KEY_VALUE, apply_transcript_keep, 0},
    {"lang", 0, KEY_VALUE, apply_lang, 0},
    {"scale", 0, KEY_VALUE, apply_scale, 0},
    {"theme", 0, KEY_VALUE, apply_theme, 0},
    {"header", 'H', KEY_LIST, apply_header, 0},
    {"protocol", 0, KEY_LIST, apply_protocol, 1},
    {"origin", 0, KEY_VALUE, apply_origin, 0},
    {"ca-file", 0, KEY_VALUE, apply_ca_file, 0},
    {"cert", 0, KEY_VALUE, apply_cert, 0},
    {"key", 0, KEY_VALUE, apply_key_file, 0},
    {"insecure", 0, KEY_FLAG, apply_insecure, 0},
    {"connect-timeout", 0, KEY_VALUE, apply_connect_timeout, 0},
    {"no-reconnect", 0, KEY_FLAG, apply_no_reconnect, 0},
    {"ping-interval", 0, KEY_VALUE, apply_ping_interval, 0},
    {"ping-timeout", 0, KEY_VALUE, apply_ping_timeout, 0},
    {"max-message", 0, KEY_VALUE, apply_max_message, 0},
    {"queue-offline", 0, KEY_FLAG, apply_queue_offline, 0},
    {"proxy", 0, KEY_VALUE, apply_proxy, 0},
    {"headless", 0, KEY_FLAG, apply_headless, 0},
    {"binary-stdin", 0, KEY_FLAG, apply_binary_stdin, 0},
    {"echo-back", 0, KEY_FLAG, apply_echo_back, 0},
    {"count", 0, KEY_VALUE, apply_count, 0},
    {"reconnect", 0, KEY_FLAG, apply_reconnect, 0},
    {"kiosk", 0, KEY_FLAG, apply_kiosk, 0},
    {"quit-keys", 0, KEY_VALUE, apply_quit_keys, 0},
    {"quit-hold", 0, KEY_VALUE, apply_quit_hold, 0},
    {"osk", 0, KEY_FLAG, apply_osk, 0},
    {"history", 0, KEY_VALUE, apply_history, 0},
    {"stale-after", 0, KEY_VALUE, apply_stale_after, 0},
    {"demo", 0, KEY_VALUE, apply_demo, 0},
    {"demo-interval", 0, KEY_VALUE, apply_demo_interval, 0},
};
#define KEY_COUNT (sizeof keys / sizeof keys[0])
_Static_assert(sizeof keys / sizeof keys[0] <= CLI_KEYS, "CLI_KEYS is too small");

static const struct key *find_key(const char *name, size_t len)
{
    for (size_t i = 0; i < KEY_COUNT; i++)
        if (strlen(keys[i].name) == len && !strncmp(keys[i].name, name, len))
            return &keys[i];
    return NULL;
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
        if (k->list == 0)
            o->header_count = 0;
        else
            o->protocol_count = 0;
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
            if (!apply_key(opts, find_key("url", 3), arg, layer, "command line", why, sizeof why))
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
            k = len == 3 && !strncmp(name, "url", 3) ? NULL : find_key(name, len);
            if (!k)
                return usage_error(err, "unknown option %s", arg);
            snprintf(shown, sizeof shown, "--%s", k->name);
            if (eq) {
                if (k->kind == KEY_FLAG)
                    return usage_error(err, "%s takes no value", shown);
                value = eq + 1;
            }
        }
        if (k->kind == KEY_FLAG) {
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
    size_t url = (size_t)(find_key("url", 3) - keys), echo = (size_t)(find_key("local-echo", 10) - keys);
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
    if (o->reconnect && o->no_reconnect)
        return usage_error(err, "%s", "--reconnect and --no-reconnect say opposite things");
    if (!o->cert_file != !o->key_file)
        return usage_error(err, "%s", "--cert and --key go together");
    if (!o->url)
        o->url = CLI_DEFAULT_URL;
    return CLI_RUN;
}

enum cli_result cli_parse(int argc, char **argv, struct cli_options *opts, FILE *out, FILE *err)
{
    memset(opts, 0, sizeof *opts);
    opts->quit_hold_s = -1;
    opts->transcript_keep = -1;
    opts->osk = -1;
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
        if (!strcasecmp_ascii(v, yes[i])) {
            *out = true;
            return true;
        }
        if (!strcasecmp_ascii(v, no[i])) {
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
    if (k->kind == KEY_FLAG) {
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
    char where[4200];
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

struct found_file {
    struct cli_options *o;
    FILE *err;
};

/* One of the files platform_config_files names; a missing one is nothing. */
static void read_found_file(void *ctx, const char *path, bool user)
{
    struct found_file *f = ctx;
    read_file(f->o, path, user ? CLI_LAYER_USER_FILE : CLI_LAYER_SYSTEM_FILE, false, f->err);
}

/* PONTE_SCALE for scale: upper case, '-' as '_'. */
static void env_name(const char *key, char *out, size_t n)
{
    size_t i = 0;
    i += (size_t)snprintf(out, n, "PONTE_");
    for (; *key && i + 1 < n; key++)
        out[i++] = *key == '-' ? '_' : (char)(*key >= 'a' && *key <= 'z' ? *key - 32 : *key);
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
    memset(o, 0, sizeof *o);
    o->quit_hold_s = -1;
    o->transcript_keep = -1;
    o->osk = -1;
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
        struct found_file found = {.o = o, .err = err};
        platform_config_files(lookup, read_found_file, &found);
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

/* ---- --print-config ---------------------------------------------------------------- */

static bool secret_header(const char *h)
{
    static const char *const secrets[] = {"authorization:", "proxy-authorization:", "cookie:"};
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        if (!strncasecmp_ascii(h, secrets[i], strlen(secrets[i])))
            return true;
    return false;
}

/* "key = value", then where it came from, in a column. */
static void print_setting(FILE *out, const char *name, const char *value, const char *from)
{
    char line[700];
    int n = snprintf(line, sizeof line, "%s = %s", name, value);
    fprintf(out, "%-*s  # %s\n", n < 40 ? 40 : n, line, from);
}

void cli_print_config(const struct cli_options *o, FILE *out)
{
    for (size_t i = 0; i < KEY_COUNT; i++) {
        const struct key *k = &keys[i];
        const char *from = o->source[i] ? o->source[i] : "default";
        char value[600] = "";
        switch (k->kind) {
        case KEY_FLAG: {
            bool on = false;
            if (k->apply == apply_local_echo) on = o->local_echo;
            else if (k->apply == apply_insecure) on = o->insecure;
            else if (k->apply == apply_no_reconnect) on = o->no_reconnect;
            else if (k->apply == apply_queue_offline) on = o->queue_offline;
            else if (k->apply == apply_headless) on = o->headless;
            else if (k->apply == apply_binary_stdin) on = o->binary_stdin;
            else if (k->apply == apply_echo_back) on = o->echo_back;
            else if (k->apply == apply_reconnect) on = o->reconnect;
            else if (k->apply == apply_kiosk) on = o->kiosk;
            else if (k->apply == apply_osk) on = o->osk >= 0 ? o->osk : o->kiosk;
            print_setting(out, k->name, on ? "true" : "false", from);
            break;
        }
        case KEY_LIST: {
            size_t count = k->list == 0 ? o->header_count : o->protocol_count;
            if (!count)
                print_setting(out, k->name, "", from);
            for (size_t j = 0; j < count; j++) {
                const char *v = k->list == 0 ? o->headers[j] : o->protocols[j];
                if (k->list == 0 && secret_header(v))
                    snprintf(value, sizeof value, "%.*s ***", (int)(strchr(v, ':') - v + 1), v);
                else
                    snprintf(value, sizeof value, "%s", v);
                print_setting(out, k->name, value, from);
            }
            break;
        }
        case KEY_VALUE:
            if (k->apply == apply_url) snprintf(value, sizeof value, "%s", o->local_echo ? "" : o->url);
            else if (k->apply == apply_transcript) snprintf(value, sizeof value, "%s", o->transcript ? o->transcript : "");
            else if (k->apply == apply_transcript_max) snprintf(value, sizeof value, "%zu", o->transcript_max);
            else if (k->apply == apply_transcript_keep) snprintf(value, sizeof value, "%d", o->transcript_keep >= 0 ? o->transcript_keep : CLI_DEFAULT_TRANSCRIPT_KEEP);
            else if (k->apply == apply_lang) snprintf(value, sizeof value, "%s", !o->lang_given ? "" : o->lang == I18N_PT_BR ? "pt_BR" : "en");
            else if (k->apply == apply_scale) snprintf(value, sizeof value, "%g", o->scale > 0 ? o->scale : 1.0);
            else if (k->apply == apply_theme) snprintf(value, sizeof value, "%s", o->dark ? "dark" : "light");
            else if (k->apply == apply_origin) snprintf(value, sizeof value, "%s", o->origin ? o->origin : "");
            else if (k->apply == apply_ca_file) snprintf(value, sizeof value, "%s", o->ca_file ? o->ca_file : "");
            else if (k->apply == apply_cert) snprintf(value, sizeof value, "%s", o->cert_file ? o->cert_file : "");
            else if (k->apply == apply_key_file) snprintf(value, sizeof value, "%s", o->key_file ? o->key_file : "");
            else if (k->apply == apply_connect_timeout) snprintf(value, sizeof value, "%d", o->connect_timeout_s ? o->connect_timeout_s : 10);
            else if (k->apply == apply_ping_interval) snprintf(value, sizeof value, "%d", o->ping_interval_s < 0 ? 0 : o->ping_interval_s ? o->ping_interval_s : 20);
            else if (k->apply == apply_ping_timeout) snprintf(value, sizeof value, "%d", o->ping_timeout_s ? o->ping_timeout_s : 30);
            else if (k->apply == apply_max_message) snprintf(value, sizeof value, "%zu", o->max_message ? o->max_message : (size_t)16 << 20);
            else if (k->apply == apply_proxy) {
                /* Never the password. */
                struct proxy p;
                char why[160];
                if (!o->proxy)
                    snprintf(value, sizeof value, "(from the environment)");
                else if (!*o->proxy || !strcmp(o->proxy, "none") || !proxy_parse(o->proxy, &p, why, sizeof why))
                    snprintf(value, sizeof value, "%s", *o->proxy ? o->proxy : "none");
                else
                    proxy_format(&p, value, sizeof value);
            } else if (k->apply == apply_quit_keys) {
                snprintf(value, sizeof value, "%s", o->quit_keys ? o->quit_keys : CLI_DEFAULT_QUIT_KEYS);
            } else if (k->apply == apply_quit_hold) {
                snprintf(value, sizeof value, "%d", o->quit_hold_s >= 0 ? o->quit_hold_s : CLI_DEFAULT_QUIT_HOLD);
            } else if (k->apply == apply_history) {
                snprintf(value, sizeof value, "%zu", o->history ? o->history : o->kiosk ? (size_t)CLI_KIOSK_HISTORY : (size_t)CLI_DEFAULT_HISTORY);
            } else if (k->apply == apply_stale_after) {
                snprintf(value, sizeof value, "%d", o->stale_after_s);
            } else if (k->apply == apply_demo) {
                snprintf(value, sizeof value, "%s", o->demo_file ? o->demo_file : "");
            } else if (k->apply == apply_demo_interval) {
                snprintf(value, sizeof value, "%d", o->demo_interval_s ? o->demo_interval_s : CLI_DEFAULT_DEMO_INTERVAL);
            } else if (k->apply == apply_count) {
                if (o->count)
                    snprintf(value, sizeof value, "%llu", (unsigned long long)o->count);
            }
            print_setting(out, k->name, value, from);
            break;
        }
    }
    if (o->config_file)
        fprintf(out, "# --config %s\n", o->config_file);
}
