/* cli: see cli.h. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "url.h"

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
          "  --help              show this help and exit\n"
          "  --version           show the version and exit\n",
          f);
}

static enum cli_result usage_error(FILE *err, const char *fmt, const char *arg)
{
    fputs("ponte: ", err);
    fprintf(err, fmt, arg);
    fputc('\n', err);
    cli_usage(err);
    return CLI_EXIT_USAGE;
}

/* "--name" or "--name=value": the value of a long option that takes one,
 * from the same argument or the next. NULL (with an error printed) when it
 * is missing. */
static const char *option_value(int argc, char **argv, int *i, const char *arg, size_t name_len,
                                FILE *err, enum cli_result *result)
{
    if (arg[name_len] == '=')
        return arg + name_len + 1;
    if (*i + 1 >= argc) {
        *result = usage_error(err, "%s needs a value", arg);
        return NULL;
    }
    return argv[++*i];
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

static bool is_option(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(arg, name, n) && (arg[n] == '\0' || arg[n] == '=');
}

enum cli_result cli_parse(int argc, char **argv, struct cli_options *opts, FILE *out, FILE *err)
{
    memset(opts, 0, sizeof *opts);
    const char *url = NULL;
    bool options_done = false;
    enum cli_result result = CLI_RUN;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            if (url)
                return usage_error(err, "only one URL can be given (got a second: %s)", arg);
            url = arg;
            continue;
        }
        if (!strcmp(arg, "--")) {
            options_done = true;
        } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            cli_usage(out);
            return CLI_EXIT_OK;
        } else if (!strcmp(arg, "--version")) {
            fprintf(out, "ponte %s\n", PONTE_VERSION);
            return CLI_EXIT_OK;
        } else if (!strcmp(arg, "--local-echo")) {
            opts->local_echo = true;
        } else if (is_option(arg, "--transcript")) {
            const char *v = option_value(argc, argv, &i, arg, strlen("--transcript"), err, &result);
            if (!v)
                return result;
            if (!*v)
                return usage_error(err, "%s needs a file name", "--transcript");
            opts->transcript = v;
        } else if (is_option(arg, "--lang")) {
            const char *v = option_value(argc, argv, &i, arg, strlen("--lang"), err, &result);
            if (!v)
                return result;
            if (!strcmp(v, "en"))
                opts->lang = I18N_EN;
            else if (!strcmp(v, "pt_BR") || !strcmp(v, "pt-BR"))
                opts->lang = I18N_PT_BR;
            else
                return usage_error(err, "--lang must be en or pt_BR (got '%s')", v);
            opts->lang_given = true;
        } else if (is_option(arg, "--scale")) {
            const char *v = option_value(argc, argv, &i, arg, strlen("--scale"), err, &result);
            if (!v)
                return result;
            char *end = NULL;
            double f = strtod(v, &end);
            if (!*v || *end || !(f >= CLI_MIN_SCALE && f <= CLI_MAX_SCALE))
                return usage_error(err, "--scale must be a number from 0.5 to 4 (got '%s')", v);
            opts->scale = (float)f;
        } else if (is_option(arg, "--theme")) {
            const char *v = option_value(argc, argv, &i, arg, strlen("--theme"), err, &result);
            if (!v)
                return result;
            if (!strcmp(v, "dark"))
                opts->dark = true;
            else if (strcmp(v, "light"))
                return usage_error(err, "--theme must be light or dark (got '%s')", v);
        } else if (is_option(arg, "--header") || !strcmp(arg, "-H")) {
            const char *v = !strcmp(arg, "-H") ? (i + 1 < argc ? argv[++i] : NULL)
                                               : option_value(argc, argv, &i, arg, strlen("--header"), err, &result);
            if (!v)
                return !strcmp(arg, "-H") ? usage_error(err, "%s needs a value", "-H") : result;
            if (!valid_header(v)) {
                char shown[200]; /* one line: control characters as '?' */
                snprintf(shown, sizeof shown, "%s", v);
                for (char *p = shown; *p; p++)
                    if ((unsigned char)*p < ' ' || *p == 0x7F)
                        *p = '?';
                return usage_error(err, "a header must be \"Name: value\" (got \"%s\")", shown);
            }
            if (opts->header_count == CLI_MAX_LIST)
                return usage_error(err, "at most 32 headers (%s)", v);
            opts->headers[opts->header_count++] = v;
        } else if (is_option(arg, "--protocol")) {
            const char *v = option_value(argc, argv, &i, arg, strlen("--protocol"), err, &result);
            if (!v)
                return result;
            if (!*v || strpbrk(v, " ,\t\r\n"))
                return usage_error(err, "--protocol takes one name without spaces or commas (got '%s')", v);
            if (opts->protocol_count == CLI_MAX_LIST)
                return usage_error(err, "at most 32 subprotocols (%s)", v);
            opts->protocols[opts->protocol_count++] = v;
        } else if (is_option(arg, "--origin")) {
            const char *v = option_value(argc, argv, &i, arg, strlen("--origin"), err, &result);
            if (!v)
                return result;
            if (!*v || strpbrk(v, "\r\n"))
                return usage_error(err, "--origin needs a value without line breaks (got '%s')", v);
            opts->origin = v;
        } else if (is_option(arg, "--ca-file") || is_option(arg, "--cert") || is_option(arg, "--key")) {
            size_t n = is_option(arg, "--ca-file") ? strlen("--ca-file") : is_option(arg, "--cert") ? 6 : 5;
            const char *v = option_value(argc, argv, &i, arg, n, err, &result);
            if (!v)
                return result;
            if (!*v)
                return usage_error(err, "%s needs a file name", arg);
            if (n == strlen("--ca-file"))
                opts->ca_file = v;
            else if (n == 6)
                opts->cert_file = v;
            else
                opts->key_file = v;
        } else if (!strcmp(arg, "--headless")) {
            opts->headless = true;
        } else if (!strcmp(arg, "--binary-stdin")) {
            opts->binary_stdin = true;
        } else if (!strcmp(arg, "--echo-back")) {
            opts->echo_back = true;
        } else if (!strcmp(arg, "--reconnect")) {
            opts->reconnect = true;
        } else if (is_option(arg, "--count")) {
            const char *v = option_value(argc, argv, &i, arg, strlen("--count"), err, &result);
            if (!v)
                return result;
            char *end = NULL;
            unsigned long long n = strtoull(v, &end, 10);
            if (!*v || *end || *v == '-' || n == 0)
                return usage_error(err, "--count must be a whole number from 1 (got '%s')", v);
            opts->count = n;
        } else if (!strcmp(arg, "--insecure")) {
            opts->insecure = true;
        } else if (!strcmp(arg, "--queue-offline")) {
            opts->queue_offline = true;
        } else if (!strcmp(arg, "--no-reconnect")) {
            opts->no_reconnect = true;
        } else if (is_option(arg, "--connect-timeout") || is_option(arg, "--ping-interval") ||
                   is_option(arg, "--ping-timeout")) {
            const char *name = is_option(arg, "--connect-timeout") ? "--connect-timeout"
                               : is_option(arg, "--ping-interval") ? "--ping-interval"
                                                                   : "--ping-timeout";
            const char *v = option_value(argc, argv, &i, arg, strlen(name), err, &result);
            if (!v)
                return result;
            bool interval = name[7] == 'i';
            int seconds;
            if (!parse_seconds(v, interval, &seconds))
                return usage_error(err, interval ? "--ping-interval must be whole seconds from 0 to 86400 (got '%s')"
                                                 : "a time-out must be whole seconds from 1 to 86400 (got '%s')",
                                   v);
            if (name[2] == 'c')
                opts->connect_timeout_s = seconds;
            else if (interval)
                opts->ping_interval_s = seconds ? seconds : -1;
            else
                opts->ping_timeout_s = seconds;
        } else if (is_option(arg, "--max-message")) {
            const char *v = option_value(argc, argv, &i, arg, strlen("--max-message"), err, &result);
            if (!v)
                return result;
            if (!parse_size(v, &opts->max_message))
                return usage_error(err, "--max-message must be a size from 1 byte to 4G, like 65536, 64K or 16M (got '%s')", v);
        } else if (is_option(arg, "--proxy")) {
            const char *v = option_value(argc, argv, &i, arg, strlen("--proxy"), err, &result);
            if (!v)
                return result;
            struct proxy parsed;
            char why[160];
            /* (The reason, not the URL: it may hold a password.) */
            if (*v && strcmp(v, "none") && !proxy_parse(v, &parsed, why, sizeof why))
                return usage_error(err, "--proxy must be [http://][user:password@]host[:port] or none: %s",
                                   why);
            opts->proxy = v;
        } else if (is_option(arg, "--local-echo")) {
            return usage_error(err, "%s takes no value", "--local-echo");
        } else {
            return usage_error(err, "unknown option %s", arg);
        }
    }

    if (!opts->headless && (opts->binary_stdin || opts->echo_back || opts->count))
        return usage_error(err, "%s", "--binary-stdin, --echo-back and --count go with --headless");
    if (opts->reconnect && opts->no_reconnect)
        return usage_error(err, "%s", "--reconnect and --no-reconnect say opposite things");
    if (!opts->cert_file != !opts->key_file)
        return usage_error(err, "%s", "--cert and --key go together");
    if (url && opts->local_echo)
        return usage_error(err, "--local-echo connects to the built-in server; leave out the URL (%s)",
                           url);
    opts->url = url ? url : CLI_DEFAULT_URL;
    struct url parsed;
    char why[160];
    if (!url_parse(opts->url, &parsed, why, sizeof why)) {
        char line[512];
        snprintf(line, sizeof line, "invalid URL '%s': %s", opts->url, why);
        return usage_error(err, "%s", line);
    }
    return CLI_RUN;
}
