/* SPDX-License-Identifier: MIT */
/* app: the window and its main loop. Owns everything on the UI thread:
 * SDL, the font, the renderer, the ui context, the view, the chat model,
 * and the handle of the network worker. */
#ifndef PONTE_APP_H
#define PONTE_APP_H

#include "cli.h"

/* Runs Ponte until the window closes; returns the process exit status. */
int app_run(const struct cli_options *options);

struct transcript;

/* Opens --transcript FILE, rotating as --transcript-max and -keep say (the
 * window's and the terminal mode's). NULL, said on stderr, when it cannot. */
struct transcript *app_open_transcript(const struct cli_options *options);

#endif
