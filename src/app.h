/* SPDX-License-Identifier: MIT */
/* app: the window and its main loop. Owns everything on the UI thread:
 * SDL, the font, the renderer, the ui context, the view, the chat model,
 * and the handle of the network worker. */
#ifndef PONTE_APP_H
#define PONTE_APP_H

#include "cli.h"

/* Runs Ponte until the window closes; returns the process exit status. */
int app_run(const struct cli_options *options);

/* Finds the directory holding the fonts: $PONTE_DATADIR, then assets/,
 * ../assets/ and ../share/ponte/ from the executable's folder (a build
 * folder anywhere, which meson gives a copy of assets/, or an installed tree
 * moved elsewhere), then the data folder compiled in, then the system's font
 * folder when built to use it (-Dsystem_font_dir), then an installed DejaVu
 * Sans that the system's font configuration knows (font_find_installed).
 * Writes it to out; false (with out holding the places tried) when none has
 * the fonts. */
bool app_find_assets(char *out, size_t outlen);
/* Tells i18n where the program is (SDL_GetBasePath), so that translations
 * next to it are found; call before i18n_set_lang. */
void app_locate_translations(void);

#endif
