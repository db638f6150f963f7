/* SPDX-License-Identifier: MIT */
/* cli: the command-line contract. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "cli.h"
#include "net_config.h"

struct run {
    enum cli_result result;
    struct cli_options opts;
    char out[16384];
    char err[16384];
};

static void slurp(FILE *f, char *buf, size_t n)
{
    rewind(f);
    size_t got = fread(buf, 1, n - 1, f);
    buf[got] = '\0';
    fclose(f);
}

/* Runs cli_parse (argv alone) or, layered, cli_load (the files and the
 * environment too) into r. */
static struct run *run_cli(struct run *r, bool layered, int argc, const char *const *args);

static struct run *parse(int argc, const char *const *args)
{
    static struct run r;
    return run_cli(&r, false, argc, args);
}

#define ARGS(...) (int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)), \
                  (const char *[]){__VA_ARGS__}

static void expect_usage_error(int argc, const char *const *args, const char *message)
{
    struct run *r = parse(argc, args);
    CHECK_MSG(r->result == CLI_EXIT_USAGE, "'%s' should be a usage error", args[0]);
    CHECK_MSG(strstr(r->err, message) != NULL, "'%s': stderr lacks '%s': %s", args[0], message, r->err);
    CHECK_MSG(strstr(r->err, "usage: ponte") != NULL, "'%s': no usage on stderr", args[0]);
    CHECK_MSG(!strncmp(r->err, "ponte: ", 7), "'%s': error line must come first", args[0]);
    /* The error is one line: the usage starts right after the first newline. */
    const char *nl = strchr(r->err, '\n');
    CHECK(nl && !strncmp(nl + 1, "usage: ponte", 12));
    CHECK(r->out[0] == '\0');
}

/* ---- configuration: files, environment, command line --------------------------- */

static char config_dir[256];
static const char *env_names[64], *env_values[64];
static int env_count;

static const char *fake_env(const char *name)
{
    for (int i = 0; i < env_count; i++)
        if (!strcmp(env_names[i], name))
            return env_values[i];
    return NULL;
}

static void set_env(const char *name, const char *value)
{
    for (int i = 0; i < env_count; i++)
        if (!strcmp(env_names[i], name)) {
            env_values[i] = value;
            return;
        }
    env_names[env_count] = name;
    env_values[env_count++] = value;
}

static void write_text(const char *path, const char *text)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static struct run *load(int argc, const char *const *args)
{
    static struct run r;
    return run_cli(&r, true, argc, args);
}

static struct run *run_cli(struct run *r, bool layered, int argc, const char *const *args)
{
    char *argv[40];
    argv[0] = "ponte";
    for (int i = 0; i < argc; i++)
        argv[i + 1] = (char *)args[i];
    FILE *out = tmpfile(), *err = tmpfile();
    cli_free(&r->opts);
    memset(r, 0, sizeof *r);
    r->result = layered ? cli_load(argc + 1, argv, fake_env, &r->opts, out, err)
                        : cli_parse(argc + 1, argv, &r->opts, out, err);
    slurp(out, r->out, sizeof r->out);
    slurp(err, r->err, sizeof r->err);
    return r;
}

/* A line of --print-config: the setting, spaces, "# source". */
static bool has_setting(const char *out, const char *setting, const char *source)
{
    for (const char *line = out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        size_t n = strlen(setting);
        if (strncmp(line, setting, n))
            continue;
        const char *p = line + n;
        while (*p == ' ')
            p++;
        if (*p == '#' && p[1] == ' ' && !strncmp(p + 2, source, strlen(source)) && p[2 + strlen(source)] == '\n')
            return true;
    }
    return false;
}

static void test_config(void)
{
    snprintf(config_dir, sizeof config_dir, "/tmp/ponte-test-config-XXXXXX");
    CHECK(mkdtemp(config_dir) != NULL);
    char sys1[512], sys2[512], home[512], user[512], sysfile1[600], sysfile2[600], userfile[600], named[600];
    snprintf(sys1, sizeof sys1, "%s/etc1", config_dir);
    snprintf(sys2, sizeof sys2, "%s/etc2", config_dir);
    snprintf(home, sizeof home, "%s/home", config_dir);
    snprintf(user, sizeof user, "%s/home/.config", config_dir);
    snprintf(sysfile1, sizeof sysfile1, "%s/ponte/ponte.ini", sys1);
    snprintf(sysfile2, sizeof sysfile2, "%s/ponte/ponte.ini", sys2);
    snprintf(userfile, sizeof userfile, "%s/ponte/ponte.ini", user);
    snprintf(named, sizeof named, "%s/other.ini", config_dir);
    char dirs[1100];
    snprintf(dirs, sizeof dirs, "%s:%s", sys1, sys2);
    set_env("XDG_CONFIG_DIRS", dirs);
    set_env("HOME", home);

    /* Nothing anywhere: the defaults, each said to be one. */
    struct run *r = load(0, NULL);
    CHECK(r->result == CLI_RUN && !strcmp(r->opts.url, CLI_DEFAULT_URL) && r->err[0] == '\0');

    /* The system files: the first directory of XDG_CONFIG_DIRS wins over
     * the second; the user's file ($HOME/.config without XDG_CONFIG_HOME)
     * over both. Comments, a [ponte] section, spaces around '='. */
    write_text(sysfile2, "# the site's defaults\nscale = 3\ntheme = dark\nping-interval = 5\nheader = X-Site: 2\n");
    write_text(sysfile1, "[ponte]\nscale=2\nheader = X-Site: 1\nheader = X-Also: 1\n");
    write_text(userfile, "; mine\nurl = ws://127.0.0.1:9/mine\nscale = 1.5\ninsecure = yes\n"
                         "header = Cookie: a=1; b=2\n");
    r = load(0, NULL);
    CHECK(r->result == CLI_RUN);
    CHECK(!strcmp(r->opts.url, "ws://127.0.0.1:9/mine"));
    CHECK(r->opts.scale == 1.5f && r->opts.dark && r->opts.ping_interval_s == 5 && r->opts.insecure);
    /* A list is the most important layer's, whole (not merged). */
    CHECK(r->opts.header_count == 1 && !strcmp(r->opts.headers[0], "Cookie: a=1; b=2"));
    CHECK_MSG(r->err[0] == '\0', "%s", r->err);

    /* The environment over the files; the command line over both. */
    set_env("PONTE_SCALE", "2.5");
    set_env("PONTE_THEME", "light");
    set_env("PONTE_HEADER", "X-Env: 1\nX-Env: 2");
    r = load(0, NULL);
    CHECK(r->opts.scale == 2.5f && !r->opts.dark && r->opts.header_count == 2 &&
          !strcmp(r->opts.headers[1], "X-Env: 2"));
    r = load(ARGS("--scale", "0.5", "-H", "X-Cli: 1", "ws://127.0.0.1:9/cli"));
    CHECK(r->result == CLI_RUN && r->opts.scale == 0.5f && r->opts.header_count == 1 &&
          !strcmp(r->opts.url, "ws://127.0.0.1:9/cli"));
    /* --local-echo on the command line beats a URL from a file. */
    r = load(ARGS("--local-echo"));
    CHECK(r->result == CLI_RUN && r->opts.local_echo);

    /* --print-config: each key, its value and where it came from; the
     * cookie's value hidden. */
    r = load(ARGS("--print-config", "--theme", "dark"));
    CHECK(r->result == CLI_EXIT_OK);
    char want[800];
    snprintf(want, sizeof want, "%s:2", userfile);
    CHECK_MSG(has_setting(r->out, "url = ws://127.0.0.1:9/mine", want), "%s", r->out);
    CHECK(has_setting(r->out, "scale = 2.5", "environment PONTE_SCALE"));
    CHECK(has_setting(r->out, "theme = dark", "command line"));
    snprintf(want, sizeof want, "%s:4", sysfile2);
    CHECK_MSG(has_setting(r->out, "ping-interval = 5", want), "%s", r->out);
    CHECK(has_setting(r->out, "max-message = 16777216", "default"));
    CHECK(strstr(r->out, "header = X-Env: 1") != NULL);
    set_env("PONTE_HEADER", "");
    r = load(ARGS("--print-config"));
    CHECK(strstr(r->out, "header = Cookie: ***") != NULL && !strstr(r->out, "a=1"));

    /* Mistakes in a file: named with file, line and key; the key keeps
     * what it had, the rest applies, and Ponte runs. */
    set_env("PONTE_SCALE", "");
    set_env("PONTE_THEME", "");
    write_text(userfile, "scale = huge\nbogus = 1\ninsecure = maybe\nthis line has no equals sign\n"
                         "[elsewhere]\ntheme = dark\n[ponte]\norigin = https://o.example\n");
    r = load(0, NULL);
    CHECK(r->result == CLI_RUN);
    snprintf(want, sizeof want, "ponte: %s:1: scale: must be a number from 0.5 to 4 (got 'huge'); ignored", userfile);
    CHECK_MSG(strstr(r->err, want) != NULL, "no '%s' in\n%s", want, r->err);
    snprintf(want, sizeof want, "ponte: %s:2: unknown key 'bogus' (ignored)", userfile);
    CHECK_MSG(strstr(r->err, want) != NULL, "no '%s' in\n%s", want, r->err);
    snprintf(want, sizeof want, "ponte: %s:3: insecure: must be true or false (got 'maybe')", userfile);
    CHECK_MSG(strstr(r->err, want) != NULL, "no '%s' in\n%s", want, r->err);
    snprintf(want, sizeof want, "ponte: %s:4: not a \"key = value\" line", userfile);
    CHECK_MSG(strstr(r->err, want) != NULL, "no '%s' in\n%s", want, r->err);
    snprintf(want, sizeof want, "ponte: %s:6: unknown section [elsewhere]", userfile);
    CHECK_MSG(strstr(r->err, want) != NULL, "no '%s' in\n%s", want, r->err);
    CHECK(r->opts.scale == 2.0f); /* the system file's */
    CHECK(r->opts.dark);          /* (sysfile2's: [elsewhere] is not ours) */
    CHECK(r->opts.origin && !strcmp(r->opts.origin, "https://o.example"));
    /* The environment's mistakes too. */
    set_env("PONTE_PING_TIMEOUT", "soon");
    r = load(0, NULL);
    CHECK(r->result == CLI_RUN && strstr(r->err, "ponte: environment PONTE_PING_TIMEOUT: ping-timeout: a time-out must be whole seconds"));
    set_env("PONTE_PING_TIMEOUT", "");

    /* XDG_CONFIG_HOME over $HOME/.config. */
    char xdg[600], xdgfile[700];
    snprintf(xdg, sizeof xdg, "%s/xdg", config_dir);
    snprintf(xdgfile, sizeof xdgfile, "%s/ponte/ponte.ini", xdg);
    write_text(xdgfile, "lang = pt_BR\n");
    set_env("XDG_CONFIG_HOME", xdg);
    r = load(0, NULL);
    CHECK(r->opts.lang_given && r->opts.lang == I18N_PT_BR && r->opts.scale == 2.0f);

    /* --config FILE: that file only (no system or user file). */
    write_text(named, "theme = light\nping-timeout = 7\n");
    r = load(ARGS("--config", named));
    CHECK(r->result == CLI_RUN && !r->opts.dark && r->opts.ping_timeout_s == 7 && r->opts.scale == 0.0f &&
          !r->opts.lang_given);
    r = load(ARGS("--config=/nonexistent/ponte.ini"));
    CHECK(r->result == CLI_EXIT_USAGE && strstr(r->err, "cannot read the configuration file /nonexistent/ponte.ini"));
    expect_usage_error(ARGS("--config"), "--config needs a value");

    remove(sysfile1);
    remove(sysfile2);
    remove(userfile);
    remove(named);
    remove(xdgfile);
    cli_free(&load(0, NULL)->opts);
}

/* Every row of cli.c's option table is in --help, in --print-config, and
 * read from a configuration file and from its PONTE_* variable (ponte.1:
 * tests/man_options.py). A new option needs an example value here. */
static const struct {
    const char *key, *value;
} examples[] = {
    {"url", "ws://127.0.0.1:9/"}, {"local-echo", "true"}, {"transcript", "/tmp/t.jsonl"},
    {"transcript-max", "10M"}, {"transcript-keep", "3"}, {"lang", "pt_BR"}, {"scale", "2"}, {"theme", "dark"},
    {"header", "X-A: 1"}, {"protocol", "chat"}, {"origin", "https://o.example"}, {"ca-file", "ca.pem"},
    {"cert", "cert.pem"}, {"key", "key.pem"}, {"insecure", "true"}, {"connect-timeout", "5"},
    {"no-reconnect", "true"}, {"ping-interval", "5"}, {"ping-timeout", "5"}, {"max-message", "1M"},
    {"compression", "false"},
    {"queue-offline", "true"}, {"proxy", "http://127.0.0.1:3128"}, {"headless", "true"},
    {"binary-stdin", "true"}, {"echo-back", "true"}, {"slash", "true"}, {"count", "3"}, {"reconnect", "true"}, {"kiosk", "true"},
    {"quit-keys", "ctrl+q"}, {"quit-hold", "1"}, {"osk", "true"}, {"history", "500"}, {"stale-after", "60"},
    {"demo", "demo.txt"}, {"demo-interval", "5"}, {"open", "session.jsonl"}, {"replay", "session.jsonl"},
    {"replay-speed", "2.5"}, {"replay-loop", "true"}, {"expect", "true"}, {"ignore", "$.ts"},
    {"junit", "report.xml"}, {"chart", "true"}, {"stats-csv", "stats.csv"},
};

/* "--name" as a word of the help (not inside --no-name). */
static bool names_option(const char *help, const char *option)
{
    size_t n = strlen(option);
    for (const char *at = strstr(help, option); at; at = strstr(at + 1, option))
        if ((at == help || at[-1] == ' ') && strchr(" \n=", at[n]))
            return true;
    return false;
}

static void test_every_option(void)
{
    char dir[] = "/tmp/ponte-test-options-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    set_env("XDG_CONFIG_DIRS", "/nonexistent");
    set_env("XDG_CONFIG_HOME", "");
    set_env("HOME", dir);
    static char help[16384];
    FILE *f = tmpfile();
    cli_usage(f);
    slurp(f, help, sizeof help);
    struct run *r = load(ARGS("--print-config"));
    static char shown[sizeof r->out + 2];
    CHECK(r->result == CLI_EXIT_OK);
    snprintf(shown, sizeof shown, "\n%s", r->out);
    char path[100];
    snprintf(path, sizeof path, "%s/options.ini", dir);
    static char env_name[CLI_KEYS][40];
    CHECK(cli_key_count() >= 35 && cli_key_count() <= CLI_KEYS && cli_key_name(cli_key_count()) == NULL);
    for (size_t i = 0; i < cli_key_count(); i++) {
        const char *name = cli_key_name(i);
        char want[300];
        snprintf(want, sizeof want, "--%s", name);
        CHECK_MSG(!strcmp(name, "url") ? strstr(help, "[URL]") != NULL : names_option(help, want),
                  "--help does not name %s", want);
        snprintf(want, sizeof want, "\n%s = ", name);
        CHECK_MSG(strstr(shown, want) != NULL, "--print-config does not show %s", name);
        const char *value = NULL;
        for (size_t j = 0; j < sizeof examples / sizeof examples[0]; j++)
            if (!strcmp(examples[j].key, name))
                value = examples[j].value;
        CHECK_MSG(value != NULL, "no example value for %s in test_cli.c", name);
        if (!value)
            continue;
        /* The file. */
        char line[200];
        snprintf(line, sizeof line, "%s = %s\n", name, value);
        write_text(path, line);
        r = load(ARGS("--config", path));
        snprintf(want, sizeof want, "%s:1", path);
        CHECK_MSG(r->opts.source[i] && !strcmp(r->opts.source[i], want), "%s = %s was not read from a file: %s",
                  name, value, r->err);
        /* The environment. */
        size_t k = (size_t)snprintf(env_name[i], sizeof env_name[i], "PONTE_");
        for (const char *p = name; *p && k + 1 < sizeof env_name[i]; p++)
            env_name[i][k++] = *p == '-' ? '_' : (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        env_name[i][k] = '\0';
        set_env(env_name[i], value);
        r = load(0, NULL);
        snprintf(want, sizeof want, "environment %.39s", env_name[i]);
        CHECK_MSG(r->opts.source[i] && !strcmp(r->opts.source[i], want), "%s=%s was not read: %s", env_name[i],
                  value, r->err);
        set_env(env_name[i], "");
    }
    remove(path);
    remove(dir);
    cli_free(&load(0, NULL)->opts);
}

/* The options as the network's settings: the same for the window and the
 * terminal mode but for reconnecting; zeros resolve to the defaults. */
static void test_net_config(void)
{
    struct run *r = parse(ARGS("--connect-timeout", "7", "--ping-interval", "0", "-H", "X-A: 1", "ws://127.0.0.1:9/"));
    struct net_config c = net_config_from_options(&r->opts);
    CHECK(!strcmp(c.url, "ws://127.0.0.1:9/") && c.timeout_s == 7 && c.ping_interval_s < 0);
    CHECK(c.header_count == 1 && !strcmp(c.headers[0], "X-A: 1") && c.max_message == 0);
    CHECK(c.reconnect); /* the window reconnects */
    CHECK(!c.transcript && !c.wake && c.proxy_env == &r->opts.proxy_env);
    struct net_config d = net_config_defaults(), resolved = net_config_resolve(&c);
    CHECK(resolved.timeout_s == 7 && resolved.ping_interval_s < 0); /* given: kept (no pings stays) */
    CHECK(resolved.max_message == d.max_message && resolved.ping_timeout_s == d.ping_timeout_s &&
          resolved.ring_capacity == d.ring_capacity && resolved.retry_first_ms == d.retry_first_ms &&
          resolved.retry_max_ms == d.retry_max_ms);
    CHECK(d.timeout_s > 0 && d.max_message > 0 && d.ping_interval_s > 0 && d.ping_timeout_s > 0 &&
          d.retry_first_ms > 0 && d.retry_max_ms >= d.retry_first_ms && d.ring_capacity > 0 &&
          !(d.ring_capacity & (d.ring_capacity - 1)));
    CHECK(net_config_resolve(&(struct net_config){0}).ping_interval_s == d.ping_interval_s);
    r = parse(ARGS("--no-reconnect"));
    CHECK(!net_config_from_options(&r->opts).reconnect);
    r = parse(ARGS("--no-reconnect", "--kiosk"));
    CHECK(net_config_from_options(&r->opts).reconnect); /* a kiosk always comes back */
    r = parse(ARGS("--headless"));
    CHECK(!net_config_from_options(&r->opts).reconnect); /* the terminal mode only when asked */
    r = parse(ARGS("--headless", "--reconnect"));
    CHECK(net_config_from_options(&r->opts).reconnect);
}

/* The headers whose values the transcript and --print-config hide: as a
 * "Name: value" line and as the "Name:" the handshake keeps, in any case;
 * a name that only starts like one is no secret. */
static void test_secret_headers(void)
{
    static const char *const secret[] = {"Authorization: Bearer x", "authorization:", "PROXY-AUTHORIZATION: Basic x",
                                         "Proxy-Authorization:", "Cookie: a=1", "cOOKIE:"};
    static const char *const open[] = {"X-Cookie: a=1", "Cookie2: a=1", "Authorizations: x", "Cookie", "Origin: x", ""};
    for (size_t i = 0; i < sizeof secret / sizeof secret[0]; i++)
        CHECK_MSG(net_config_header_is_secret(secret[i]), "'%s' is a secret", secret[i]);
    for (size_t i = 0; i < sizeof open / sizeof open[0]; i++)
        CHECK_MSG(!net_config_header_is_secret(open[i]), "'%s' is no secret", open[i]);
}

int main(void)
{
    struct run *r = parse(0, NULL);
    CHECK(r->result == CLI_RUN);
    CHECK(!strcmp(r->opts.url, "wss://ws.postman-echo.com/raw"));
    CHECK(!r->opts.local_echo && !r->opts.transcript && !r->opts.lang_given);

    r = parse(ARGS("ws://127.0.0.1:9/x"));
    CHECK(r->result == CLI_RUN && !strcmp(r->opts.url, "ws://127.0.0.1:9/x"));

    r = parse(ARGS("--local-echo", "--transcript", "/tmp/t.jsonl", "--lang", "pt_BR"));
    CHECK(r->result == CLI_RUN);
    CHECK(r->opts.local_echo);
    CHECK(r->opts.transcript && !strcmp(r->opts.transcript, "/tmp/t.jsonl"));
    CHECK(r->opts.lang_given && r->opts.lang == I18N_PT_BR);

    r = parse(ARGS("--transcript=/tmp/x", "--lang=en", "wss://h/"));
    CHECK(r->result == CLI_RUN);
    CHECK(!strcmp(r->opts.transcript, "/tmp/x"));
    CHECK(r->opts.lang_given && r->opts.lang == I18N_EN);
    CHECK(!strcmp(r->opts.url, "wss://h/"));

    r = parse(ARGS("--scale", "2", "--theme", "dark"));
    CHECK(r->result == CLI_RUN && r->opts.scale == 2.0f && r->opts.dark);
    r = parse(ARGS("--scale=0.5", "--theme=light"));
    CHECK(r->result == CLI_RUN && r->opts.scale == 0.5f && !r->opts.dark);
    r = parse(ARGS("--scale", "4"));
    CHECK(r->result == CLI_RUN && r->opts.scale == 4.0f);
    r = parse(0, NULL);
    CHECK(r->opts.scale == 0.0f && !r->opts.dark); /* zero: the default */

    /* The connection options. */
    r = parse(ARGS("-H", "Authorization: Bearer x", "--header=X-Trace: 1", "--protocol", "chat",
                   "--protocol=v2.json", "--origin", "https://example.com", "--ca-file", "ca.pem",
                   "--cert", "c.pem", "--key=k.pem", "--insecure", "--connect-timeout", "5",
                   "--no-reconnect", "--ping-interval", "0", "--ping-timeout=7", "--max-message", "64K",
                   "wss://h/"));
    CHECK(r->result == CLI_RUN);
    CHECK(r->opts.header_count == 2 && !strcmp(r->opts.headers[0], "Authorization: Bearer x") &&
          !strcmp(r->opts.headers[1], "X-Trace: 1"));
    CHECK(r->opts.protocol_count == 2 && !strcmp(r->opts.protocols[1], "v2.json"));
    CHECK(!strcmp(r->opts.origin, "https://example.com") && !strcmp(r->opts.ca_file, "ca.pem"));
    CHECK(!strcmp(r->opts.cert_file, "c.pem") && !strcmp(r->opts.key_file, "k.pem"));
    CHECK(r->opts.insecure && r->opts.no_reconnect && r->opts.connect_timeout_s == 5);
    CHECK(r->opts.ping_interval_s == -1 && r->opts.ping_timeout_s == 7); /* 0: no pings */
    CHECK(r->opts.max_message == 65536);
    r = parse(ARGS("--max-message=16M"));
    CHECK(r->result == CLI_RUN && r->opts.max_message == (size_t)16 << 20);
    r = parse(ARGS("--max-message", "1000"));
    CHECK(r->result == CLI_RUN && r->opts.max_message == 1000);
    expect_usage_error(ARGS("-H", "no colon"), "a header must be \"Name: value\"");
    expect_usage_error(ARGS("-H", ": empty name"), "a header must be");
    expect_usage_error(ARGS("-H", "Bad Name: x"), "a header must be");
    expect_usage_error(ARGS("-H", "X: a\r\nInjected: y"), "a header must be");
    expect_usage_error(ARGS("-H"), "-H needs a value");
    expect_usage_error(ARGS("--protocol", "a b"), "--protocol takes one name");
    expect_usage_error(ARGS("--protocol", "a,b"), "--protocol takes one name");
    expect_usage_error(ARGS("--cert", "c.pem"), "--cert and --key go together");
    expect_usage_error(ARGS("--connect-timeout", "0"), "a time-out must be whole seconds from 1");
    expect_usage_error(ARGS("--ping-timeout", "1.5"), "a time-out must be whole seconds");
    expect_usage_error(ARGS("--ping-interval", "-3"), "--ping-interval must be whole seconds");
    expect_usage_error(ARGS("--max-message", "0"), "--max-message must be a size");
    expect_usage_error(ARGS("--max-message", "5T"), "--max-message must be a size");
    expect_usage_error(ARGS("--max-message", "-1"), "--max-message must be a size");
    expect_usage_error(ARGS("--max-message", "5G"), "--max-message must be a size");

    /* Recordings: the options and how they go together. */
    r = parse(ARGS("--replay", "s.jsonl", "--replay-speed", "0.5", "--replay-loop", "--chart", "--stats-csv", "c.csv"));
    CHECK(r->result == CLI_RUN && !strcmp(r->opts.replay_file, "s.jsonl") && r->opts.replay_speed == 0.5 &&
          r->opts.replay_loop && r->opts.chart && !strcmp(r->opts.stats_csv, "c.csv"));
    r = parse(ARGS("--replay", "s.jsonl", "--replay-speed", "0"));
    CHECK(r->result == CLI_RUN && r->opts.replay_speed == 0); /* as fast as the server takes them */
    r = parse(ARGS("--replay", "s.jsonl", "--replay-speed", ".25"));
    CHECK(r->result == CLI_RUN && r->opts.replay_speed == 0.25);
    r = parse(ARGS("--replay", "s.jsonl"));
    CHECK(r->result == CLI_RUN && r->opts.replay_speed < 0); /* the default, 1 */
    r = parse(ARGS("--headless", "--replay", "s.jsonl", "--expect", "--ignore", "$.ts", "--ignore",
                   "$.items[*].id", "--junit", "r.xml"));
    CHECK(r->result == CLI_RUN && r->opts.expect && r->opts.ignore_count == 2 &&
          !strcmp(r->opts.ignores[1], "$.items[*].id") && !strcmp(r->opts.junit_file, "r.xml"));
    r = parse(ARGS("--open", "s.jsonl"));
    CHECK(r->result == CLI_RUN && !strcmp(r->opts.open_file, "s.jsonl"));
    expect_usage_error(ARGS("--replay", "s.jsonl", "--replay-speed", "inf"), "--replay-speed must be a number from 0 to 1000");
    expect_usage_error(ARGS("--replay", "s.jsonl", "--replay-speed", "1e3"), "--replay-speed must be a number");
    expect_usage_error(ARGS("--replay", "s.jsonl", "--replay-speed", "1001"), "--replay-speed must be a number");
    expect_usage_error(ARGS("--replay", "s.jsonl", "--replay-speed", "1.2.3"), "--replay-speed must be a number");
    expect_usage_error(ARGS("--replay", "s.jsonl", "--replay-speed", "."), "--replay-speed must be a number");
    expect_usage_error(ARGS("--replay-speed", "2"), "--replay-speed and --replay-loop go with --replay");
    expect_usage_error(ARGS("--replay", "s.jsonl", "--expect"), "--expect goes with --replay and --headless");
    expect_usage_error(ARGS("--headless", "--expect"), "--expect goes with --replay and --headless");
    expect_usage_error(ARGS("--ignore", "$.ts"), "--ignore and --junit go with --expect");
    expect_usage_error(ARGS("--headless", "--replay", "s", "--expect", "--ignore", "ts"), "--ignore must be a JSON path");
    expect_usage_error(ARGS("--headless", "--replay", "s", "--expect", "--replay-loop"), "leave out --replay-loop");
    expect_usage_error(ARGS("--headless", "--open", "s.jsonl"), "--open and --chart need the window");
    expect_usage_error(ARGS("--open", "a", "--replay", "b"), "give one of them");
    expect_usage_error(ARGS("--open", ""), "--open needs a file name");
    expect_usage_error(ARGS("--headless", "--replay", "s", "--echo-back"), "leave out --echo-back, --binary-stdin and --count");

    /* --proxy: checked here (exit 2 before any window), decided per connection. */
    r = parse(0, NULL);
    CHECK(r->opts.proxy == NULL); /* the environment decides */
    r = parse(ARGS("--proxy", "http://user:p%40ss@proxy.example:3128", "wss://h/"));
    CHECK(r->result == CLI_RUN && !strcmp(r->opts.proxy, "http://user:p%40ss@proxy.example:3128"));
    r = parse(ARGS("--proxy=proxy.example"));
    CHECK(r->result == CLI_RUN && !strcmp(r->opts.proxy, "proxy.example"));
    r = parse(ARGS("--proxy", "none"));
    CHECK(r->result == CLI_RUN && !strcmp(r->opts.proxy, "none"));
    r = parse(ARGS("--proxy", ""));
    CHECK(r->result == CLI_RUN && !strcmp(r->opts.proxy, ""));
    r = parse(ARGS("--proxy", "[::1]:8080"));
    CHECK(r->result == CLI_RUN);
    expect_usage_error(ARGS("--proxy"), "--proxy needs a value");
    expect_usage_error(ARGS("--proxy", "socks5://p:1080"), "--proxy must be [http://][user:password@]host[:port] or none: SOCKS");
    expect_usage_error(ARGS("--proxy", "https://p"), "https://");
    expect_usage_error(ARGS("--proxy", "http://p:70000"), "port");
    expect_usage_error(ARGS("--proxy", "http://p/path"), "no path");
    expect_usage_error(ARGS("--proxy", "http://u:secret%zz@p"), "escape");
    {
        /* The error names the problem, never the URL: it may hold a password. */
        struct run *bad = parse(ARGS("--proxy=http://u:secret@p:0"));
        CHECK(bad->result == CLI_EXIT_USAGE && !strstr(bad->err, "secret"));
    }

    /* The terminal mode. */
    r = parse(ARGS("--headless", "--binary-stdin", "--echo-back", "--count", "5", "--reconnect", "ws://h/"));
    CHECK(r->result == CLI_RUN && r->opts.headless && r->opts.binary_stdin && r->opts.echo_back &&
          r->opts.count == 5 && r->opts.reconnect);
    expect_usage_error(ARGS("--count", "5"), "go with --headless");
    expect_usage_error(ARGS("--headless", "--count", "0"), "--count must be a whole number from 1");
    expect_usage_error(ARGS("--headless", "--count=x"), "--count must be a whole number");
    expect_usage_error(ARGS("--reconnect", "--no-reconnect"), "say opposite things");

    r = parse(ARGS("--", "ws://h/"));
    CHECK(r->result == CLI_RUN && !strcmp(r->opts.url, "ws://h/"));

    r = parse(ARGS("--help"));
    CHECK(r->result == CLI_EXIT_OK);
    CHECK(strstr(r->out, "usage: ponte [OPTIONS] [URL]") != NULL);
    CHECK(strstr(r->out, "--local-echo") && strstr(r->out, "--transcript FILE") &&
          strstr(r->out, "--lang en|pt_BR") && strstr(r->out, "--version") &&
          strstr(r->out, "--scale FACTOR") && strstr(r->out, "--theme light|dark"));
    CHECK(strstr(r->out, "--proxy URL") && strstr(r->out, "https_proxy") && strstr(r->out, "no_proxy"));
    CHECK(r->err[0] == '\0');

    r = parse(ARGS("--version"));
    CHECK(r->result == CLI_EXIT_OK);
    CHECK(!strncmp(r->out, "ponte ", 6) && strchr(r->out, '\n'));

    expect_usage_error(ARGS("--bogus"), "unknown option --bogus");
    expect_usage_error(ARGS("-x"), "unknown option -x");
    expect_usage_error(ARGS("http://example.com/"), "invalid URL 'http://example.com/'");
    expect_usage_error(ARGS("ws://"), "invalid URL");
    expect_usage_error(ARGS("ws://h:99999/"), "port");
    expect_usage_error(ARGS("ws://a/", "ws://b/"), "only one URL");
    expect_usage_error(ARGS("--transcript"), "--transcript needs a value");
    expect_usage_error(ARGS("--transcript="), "needs a file name");
    expect_usage_error(ARGS("--lang", "fr"), "--lang must be en or pt_BR");
    expect_usage_error(ARGS("--lang"), "--lang needs a value");
    expect_usage_error(ARGS("--scale", "0.4"), "--scale must be a number from 0.5 to 4 (got '0.4')");
    expect_usage_error(ARGS("--scale", "5"), "--scale must be a number from 0.5 to 4");
    expect_usage_error(ARGS("--scale", "2x"), "--scale must be a number");
    expect_usage_error(ARGS("--scale", "nan"), "--scale must be a number");
    expect_usage_error(ARGS("--scale="), "--scale must be a number");
    expect_usage_error(ARGS("--scale"), "--scale needs a value");
    expect_usage_error(ARGS("--theme", "blue"), "--theme must be light or dark (got 'blue')");
    expect_usage_error(ARGS("--local-echo", "ws://h/"), "leave out the URL");
    expect_usage_error(ARGS("--local-echo=yes"), "takes no value");
    /* Kiosk. */
    r = parse(ARGS("--kiosk", "--quit-keys", "ctrl+shift+F12", "--quit-hold", "0"));
    CHECK(r->result == CLI_RUN && r->opts.kiosk && !strcmp(r->opts.quit_keys, "ctrl+shift+F12") &&
          r->opts.quit_hold_s == 0);
    r = parse(ARGS("--kiosk"));
    CHECK(r->result == CLI_RUN && r->opts.quit_keys == NULL && r->opts.quit_hold_s == -1);
    expect_usage_error(ARGS("--quit-keys", "ctrl+alt"), "--quit-keys must be modifiers");
    expect_usage_error(ARGS("--quit-keys", "hyper+q"), "--quit-keys must be modifiers");
    expect_usage_error(ARGS("--quit-keys", "ctrl+F13"), "--quit-keys must be modifiers");
    expect_usage_error(ARGS("--quit-keys", "ctrl+qq"), "--quit-keys must be modifiers");
    expect_usage_error(ARGS("--quit-hold", "61"), "--quit-hold must be whole seconds from 0 to 60");
    r = parse(ARGS("--stale-after", "30", "--demo", "lines.txt", "--demo-interval", "5"));
    CHECK(r->result == CLI_RUN && r->opts.stale_after_s == 30 && !strcmp(r->opts.demo_file, "lines.txt") &&
          r->opts.demo_interval_s == 5);
    expect_usage_error(ARGS("--stale-after", "-1"), "--stale-after must be whole seconds");
    expect_usage_error(ARGS("--demo-interval", "0"), "--demo-interval must be whole seconds from 1 to 3600");
    expect_usage_error(ARGS("--demo="), "--demo needs a file name");
    test_config();
    test_every_option();
    test_net_config();
    test_secret_headers();
    cli_free(&parse(0, NULL)->opts);
    return check_summary("cli");
}
