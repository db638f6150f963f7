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
        } else if (is_option(arg, "--local-echo")) {
            return usage_error(err, "%s takes no value", "--local-echo");
        } else {
            return usage_error(err, "unknown option %s", arg);
        }
    }

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
