/* SPDX-License-Identifier: MIT */
/* assets: where Ponte's data is. Finds the folder of the bundled fonts
 * (the window and the screen tests open it) and tells i18n where the
 * program is, so that the translations beside it are found. */
#ifndef PONTE_ASSETS_H
#define PONTE_ASSETS_H

#include <stdbool.h>
#include <stddef.h>

/* Finds the directory holding the fonts: $PONTE_DATADIR, then assets/,
 * ../assets/ and ../share/ponte/ from the executable's folder (a build
 * folder anywhere, which meson gives a copy of assets/, or an installed tree
 * moved elsewhere), then the data folder compiled in, then the system's font
 * folder when built to use it (-Dsystem_font_dir), then an installed DejaVu
 * Sans that the system's font configuration knows (font_find_installed).
 * Writes it to out; false (with out holding the places tried) when none has
 * the fonts. Needs no SDL_Init. */
bool assets_find(char *out, size_t outlen);

/* Tells i18n where the program is (SDL_GetBasePath), so that translations
 * next to it are found; call before i18n_set_lang. */
void assets_locate_translations(void);

#endif
