/* SPDX-License-Identifier: MIT */
/* app: the window and its main loop. Owns everything on the UI thread:
 * SDL, the font, the renderer, the ui context, the view, the chat model,
 * and the handle of the network worker. */
#ifndef PONTE_APP_H
#define PONTE_APP_H

#include "cli.h"

/* Runs Ponte until the window closes; returns the process exit status. */
int app_run(const struct cli_options *options);

#endif
