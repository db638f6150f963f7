/* SPDX-License-Identifier: MIT */
/* headless: the terminal mode (--headless). No window: each line of stdin
 * is sent as a text message (or, with --binary-stdin, each chunk as a
 * binary one), each message received is printed as a line on stdout
 * (binary as "b64:" and base64), status and errors go to stderr. The end of
 * stdin closes normally once everything is sent (with --echo-back Ponte
 * answers every message with itself until the server closes); --count N
 * closes after N messages (and waits for them past the end of stdin). Exit status 0 after a normal close, 1 after an
 * error. The same net module and rings as the window. */
#ifndef PONTE_HEADLESS_H
#define PONTE_HEADLESS_H

#include "cli.h"

struct transcript;

/* Runs it; takes the transcript (may be NULL). Returns the exit status. */
int headless_run(const struct cli_options *options, struct transcript *transcript);

#endif
