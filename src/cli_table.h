/* SPDX-License-Identifier: MIT */
/* cli_table: the option table that cli.c (the parser, the configuration
 * files, the PONTE_* variables) and cli_print.c (--help, --print-config)
 * both read; private to the two. Each expands the rows with the columns it
 * needs, so a row's apply_* is cli.c's and its show_* cli_print.c's. */
#ifndef PONTE_CLI_TABLE_H
#define PONTE_CLI_TABLE_H

#include <stdbool.h>

#include "cli.h"

enum key_kind {
    KEY_FLAG,  /* no value on the command line; true/false in files */
    KEY_VALUE,
    KEY_LIST,  /* repeatable: a higher layer's entries replace a lower's */
    KEY_SWITCH, /* a flag whose --no-NAME form sets it false (true/false in files) */
};

/* Every option, one row each: the parser, the usage text, the keys of the
 * configuration files, the PONTE_* variables and --print-config all read it.
 *   X(id, name, short, kind, apply, show, arg, heading, help...)
 * name: the long option without "--", the file's key, PONTE_NAME (upper
 *   case, '-' as '_') in the environment;
 * short: its one-letter form, or 0;
 * apply: checks a value and stores it; show: the value in effect, its
 *   default when none was given (lists: NULL);
 * arg: what --help calls the value ("" for a flag); NULL: no line of its
 *   own (the URL argument; --key, named on --cert's line);
 * heading: NULL, or the group it starts ("" for the first, untitled);
 * help: printf arguments, the text after the option in --help (lines after
 *   the first are indented under it); d holds the network's defaults.
 * Rows are in --help's order, which is also --print-config's. */
#define CLI_OPTIONS(X)                                                                                               \
    X(url, "url", 0, KEY_VALUE, apply_url, show_url, NULL, NULL, "the server (the command line's URL argument)")    \
    X(local_echo, "local-echo", 0, KEY_FLAG, apply_local_echo, show_local_echo, "", "",                             \
      "start the built-in echo server on 127.0.0.1 (a free\nport) and connect to it")                                  \
    X(transcript, "transcript", 0, KEY_VALUE, apply_transcript, show_transcript, "FILE", NULL,                       \
      "append every event to FILE as JSON Lines")                                                                      \
    X(transcript_max, "transcript-max", 0, KEY_VALUE, apply_transcript_max, show_transcript_max, "SIZE", NULL,       \
      "past SIZE (like 10M), FILE becomes FILE.1 (FILE.1\nFILE.2, ...) and a new FILE starts (default: never)")        \
    X(transcript_keep, "transcript-keep", 0, KEY_VALUE, apply_transcript_keep, show_transcript_keep, "N", NULL,      \
      "keep N old files (default %d)", CLI_DEFAULT_TRANSCRIPT_KEEP)                                                    \
    X(lang, "lang", 0, KEY_VALUE, apply_lang, show_lang, "en|pt_BR", NULL,                                           \
      "the language of the window (default: from the locale)")                                                        \
    X(scale, "scale", 0, KEY_VALUE, apply_scale, show_scale, "FACTOR", NULL,                                         \
      "zoom, %g to %g (default 1; Ctrl+= / Ctrl+- / Ctrl+0\nchange it while running)", CLI_MIN_SCALE, CLI_MAX_SCALE)  \
    X(theme, "theme", 0, KEY_VALUE, apply_theme, show_theme, "light|dark", NULL,                                     \
      "colours (default light; the window has a toggle)")                                                             \
    X(header, "header", 'H', KEY_LIST, apply_header, NULL, "\"NAME: VALUE\"", "Connecting:",                         \
      "add a header to the handshake (repeatable;\nAuthorization and Cookie values never reach the transcript)")       \
    X(protocol, "protocol", 0, KEY_LIST, apply_protocol, NULL, "NAME", NULL,                                         \
      "offer a subprotocol (repeatable); the agreed one is shown")                                                    \
    X(origin, "origin", 0, KEY_VALUE, apply_origin, show_origin, "ORIGIN", NULL, "the Origin header")                \
    X(ca_file, "ca-file", 0, KEY_VALUE, apply_ca_file, show_ca_file, "PEM", NULL,                                    \
      "also trust the CAs in PEM (the system's are trusted)")                                                         \
    X(cert, "cert", 0, KEY_VALUE, apply_cert, show_cert, "PEM --key PEM", NULL, "present a client certificate")      \
    X(key, "key", 0, KEY_VALUE, apply_key_file, show_key_file, NULL, NULL, "the client certificate's key")           \
    X(insecure, "insecure", 0, KEY_FLAG, apply_insecure, show_insecure, "", NULL,                                    \
      "accept any server certificate (shown in red)")                                                                 \
    X(connect_timeout, "connect-timeout", 0, KEY_VALUE, apply_connect_timeout, show_connect_timeout, "SECONDS",      \
      NULL, "give up an attempt after this long (default %d)", d.timeout_s)                                           \
    X(no_reconnect, "no-reconnect", 0, KEY_FLAG, apply_no_reconnect, show_no_reconnect, "", NULL,                    \
      "do not reconnect when a connection ends (default: reconnect\nafter %g s, doubling to %g s)",                   \
      d.retry_first_ms / 1000.0, d.retry_max_ms / 1000.0)                                                             \
    X(ping_interval, "ping-interval", 0, KEY_VALUE, apply_ping_interval, show_ping_interval, "SECONDS", NULL,        \
      "ping this often (default %d; 0: never)", d.ping_interval_s)                                                    \
    /* (One space more than the rule gives: lined up with --ping-interval's.) */                                      \
    X(ping_timeout, "ping-timeout", 0, KEY_VALUE, apply_ping_timeout, show_ping_timeout, "SECONDS", NULL,            \
      " hang up when nothing came for this long (default %d)", d.ping_timeout_s)                                      \
    X(max_message, "max-message", 0, KEY_VALUE, apply_max_message, show_max_message, "SIZE", NULL,                   \
      "refuse bigger messages with 1009 (default %zuM; K, M, G)", d.max_message >> 20)                                \
    X(compression, "compression", 0, KEY_SWITCH, apply_compression, show_compression, "", NULL,                      \
      "offer permessage-deflate or not\n"                                                                             \
      "(RFC 7692): offered by default with libwebsockets 4.3.3\n"                                                    \
      "and newer, never with older ones, where --compression\n"                                                      \
      "is an error (--version says which this is)")                                                                  \
    X(queue_offline, "queue-offline", 0, KEY_FLAG, apply_queue_offline, show_queue_offline, "", NULL,                \
      "keep messages typed while disconnected and send them,\nin order, once connected again (default: not sent)")    \
    X(proxy, "proxy", 0, KEY_VALUE, apply_proxy, show_proxy, "URL", NULL,                                            \
      "connect through an HTTP proxy (CONNECT), for ws:// and\n"                                                      \
      "wss://. URL is [http://][user:password@]host[:port],\n"                                                        \
      "port %d when none (as curl); --proxy none connects\n"                                                          \
      "directly. Without --proxy, as curl: wss:// uses\n"                                                             \
      "https_proxy (or HTTPS_PROXY), ws:// uses http_proxy,\n"                                                        \
      "both fall back to all_proxy (or ALL_PROXY); no_proxy\n"                                                        \
      "(or NO_PROXY) lists hosts reached directly: names\n"                                                           \
      "(with their subdomains), IP addresses, or *", PROXY_DEFAULT_PORT)                                              \
    X(headless, "headless", 0, KEY_FLAG, apply_headless, show_headless, "", "Terminal mode:",                        \
      "no window: each line of stdin is sent, each message\n"                                                         \
      "received is printed on stdout (binary as b64:BASE64),\n"                                                       \
      "status on stderr; the end of stdin closes normally.\n"                                                         \
      "Exit status 0 after a normal close, 1 after an error")                                                         \
    X(binary_stdin, "binary-stdin", 0, KEY_FLAG, apply_binary_stdin, show_binary_stdin, "", NULL,                    \
      "send stdin as binary messages (chunks of up to 64 KiB)")                                                       \
    X(echo_back, "echo-back", 0, KEY_FLAG, apply_echo_back, show_echo_back, "", NULL,                                \
      "answer every message with the same payload and type,\nuntil the server closes")                               \
    X(slash, "slash", 0, KEY_FLAG, apply_slash, show_slash, "", NULL,                                                \
      "lines starting with / are frames: /ping [DATA],\n"                                                            \
      "/pong [DATA], /close [CODE [REASON]], /fragments N\n"                                                         \
      "TEXT, /invalid [TEXT]; //TEXT sends /TEXT (not with\n"                                                        \
      "--binary-stdin)")                                                                                             \
    X(count, "count", 0, KEY_VALUE, apply_count, show_count, "N", NULL,                                              \
      "close after N messages received (waiting for them\npast the end of stdin)")                                   \
    X(reconnect, "reconnect", 0, KEY_FLAG, apply_reconnect, show_reconnect, "", NULL, "reconnect in terminal mode too") \
    X(kiosk, "kiosk", 0, KEY_FLAG, apply_kiosk, show_kiosk, "", "Kiosk:",                                            \
      "fullscreen on the whole display, the screensaver kept off,\n"                                                  \
      "the pointer hidden after 3 s still, scale %g unless --scale\n"                                                 \
      "says otherwise, always reconnecting; closing the window and\n"                                                 \
      "Ctrl+Q do nothing: hold the quit keys, or send SIGTERM", CLI_KIOSK_SCALE)                                      \
    X(quit_keys, "quit-keys", 0, KEY_VALUE, apply_quit_keys, show_quit_keys, "KEYS", NULL,                           \
      "the keys that quit a kiosk when held (default %s)", CLI_DEFAULT_QUIT_KEYS)                                     \
    X(quit_hold, "quit-hold", 0, KEY_VALUE, apply_quit_hold, show_quit_hold, "SECONDS", NULL,                        \
      "how long to hold them (default %d; 0: at once)", CLI_DEFAULT_QUIT_HOLD)                                        \
    X(osk, "osk", 0, KEY_FLAG, apply_osk, show_osk, "", NULL,                                                        \
      "an on-screen keyboard (English or Portuguese, with\n"                                                          \
      "accents) slides up when the text box is tapped (default\n"                                                     \
      "in a kiosk; osk = false in the configuration turns it off)")                                                   \
    X(history, "history", 0, KEY_VALUE, apply_history, show_history, "N", NULL,                                      \
      "keep the newest N messages in the window; older ones\n"                                                        \
      "give way to one line saying how many (the transcript\n"                                                        \
      "keeps all; default %d, %d in a kiosk)", CLI_DEFAULT_HISTORY, CLI_KIOSK_HISTORY)                                \
    X(stale_after, "stale-after", 0, KEY_VALUE, apply_stale_after, show_stale_after, "SECONDS", NULL,                \
      "no message for this long while connected: a banner\nsays so and Ponte reconnects (default: never)")           \
    X(demo, "demo", 0, KEY_VALUE, apply_demo, show_demo, "FILE", NULL,                                               \
      "send FILE's lines one by one, looping, so a demo shows\n"                                                     \
      "traffic by itself (a recording: replayed, looping);\ntyping pauses it for 30 s")                              \
    X(demo_interval, "demo-interval", 0, KEY_VALUE, apply_demo_interval, show_demo_interval, "SECONDS", NULL,        \
      "between two demo lines (default %d)", CLI_DEFAULT_DEMO_INTERVAL)                                             \
    X(open, "open", 0, KEY_VALUE, apply_open, show_open, "FILE", "Recordings and charts:",                            \
      "open a recording read-only: a transcript (with its\n"                                                          \
      "rotated files) or a browser's HAR file")                                                                        \
    X(replay, "replay", 0, KEY_VALUE, apply_replay, show_replay, "FILE", NULL,                                       \
      "send the messages recorded in FILE with their recorded\n"                                                      \
      "gaps, to the URL given or the one recorded (stdin is\n"                                                       \
      "not read)")                                                                                                     \
    X(replay_speed, "replay-speed", 0, KEY_VALUE, apply_replay_speed, show_replay_speed, "X", NULL,                  \
      "2: twice as fast; 0: as fast as the server takes them\n(default 1)")                                          \
    X(replay_loop, "replay-loop", 0, KEY_FLAG, apply_replay_loop, show_replay_loop, "", NULL,                        \
      "start the replay over when it ends")                                                                            \
    X(expect, "expect", 0, KEY_FLAG, apply_expect, show_expect, "", NULL,                                            \
      "with --replay --headless: compare each message received\n"                                                     \
      "with the one recorded at its place; differences are\n"                                                         \
      "printed and the exit status is 1")                                                                              \
    X(ignore, "ignore", 0, KEY_LIST, apply_ignore, NULL, "PATH", NULL,                                               \
      "a JSON field --expect leaves out ($.ts, $.items[*].id;\nrepeatable)")                                          \
    X(junit, "junit", 0, KEY_VALUE, apply_junit, show_junit, "FILE", NULL,                                           \
      "write --expect's result to FILE as JUnit XML")                                                                  \
    X(chart, "chart", 0, KEY_FLAG, apply_chart, show_chart, "", NULL,                                                \
      "a strip of live charts (messages, bytes, round trips)\nalong the window's bottom")                             \
    X(stats_csv, "stats-csv", 0, KEY_VALUE, apply_stats_csv, show_stats_csv, "FILE", NULL,                           \
      "append the per-second figures to FILE as CSV")

/* The options that are no setting (not in files, the environment or
 * --print-config), after the settings in --help: X(name, arg, help). */
#define CLI_COMMANDS(X)                                                                                              \
    X("config", "FILE",                                                                                              \
      "read FILE instead of ponte.ini in $XDG_CONFIG_HOME/ponte\n"                                                    \
      "and $XDG_CONFIG_DIRS (each key is a long option's name:\n"                                                     \
      "url = ..., scale = 1.5, insecure = true, header = ...)")                                                       \
    X("print-config", "",                                                                                            \
      "show the settings in effect and where each came from\n"                                                        \
      "(command line > PONTE_* environment > user file > system\n"                                                    \
      "files), then exit")                                                                                            \
    X("help", "", "show this help and exit")                                                                         \
    X("version", "", "show the version and exit")

enum key_id {
#define X(id, ...) KEY_##id,
    CLI_OPTIONS(X)
#undef X
    KEY_COUNT
};
_Static_assert(KEY_COUNT <= CLI_KEYS, "CLI_KEYS is too small");


#endif
