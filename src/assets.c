/* SPDX-License-Identifier: MIT */
/* assets: see assets.h. */
#include "assets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "font.h"
#include "i18n.h"
#include "platform.h"

static bool has_font(const char *dir)
{
    char path[PLATFORM_PATH_MAX];
    if (snprintf(path, sizeof path, "%s/DejaVuSans.ttf", dir) >= (int)sizeof path)
        return false;
    SDL_RWops *f = SDL_RWFromFile(path, "rb");
    if (!f)
        return false;
    SDL_RWclose(f);
    return true;
}

/* Checks one candidate: copies it to out when it has the font, else adds it
 * to the list of places tried. */
static bool try_assets(const char *dir, char *out, size_t outlen, char *tried, size_t tried_len)
{
    if (has_font(dir)) {
        if (snprintf(out, outlen, "%s", dir) < (int)outlen)
            return true;
    }
    size_t used = strlen(tried);
    if (used + 2 < tried_len && snprintf(tried + used, tried_len - used, "%s%s", used ? ", " : "", dir) < 0)
        tried[used] = '\0';
    return false;
}

bool assets_find(char *out, size_t outlen)
{
    char tried[2048] = "";
    const char *env = getenv("PONTE_DATADIR");
    if (env && *env && try_assets(env, out, outlen, tried, sizeof tried))
        return true;
    char *base = SDL_GetBasePath();
    if (base) {
        static const char *const relative[] = {"assets", "../assets", "../share/ponte"};
        for (size_t i = 0; i < sizeof relative / sizeof relative[0]; i++) {
            char dir[PLATFORM_PATH_MAX];
            if (snprintf(dir, sizeof dir, "%s%s", base, relative[i]) >= (int)sizeof dir)
                continue;
            if (try_assets(dir, out, outlen, tried, sizeof tried)) {
                SDL_free(base);
                return true;
            }
        }
        SDL_free(base);
    }
#ifdef PONTE_INSTALL_DATADIR
    if (try_assets(PONTE_INSTALL_DATADIR, out, outlen, tried, sizeof tried))
        return true;
#endif
#ifdef PONTE_FONT_DIR
    if (try_assets(PONTE_FONT_DIR, out, outlen, tried, sizeof tried))
        return true;
#endif
    /* Last, so a bundled or packaged copy always wins: the same faces from
     * wherever the system installed them (a copied binary, a build whose
     * assets went missing). */
    char installed[PLATFORM_PATH_MAX];
    if (font_find_installed(installed, sizeof installed) && try_assets(installed, out, outlen, tried, sizeof tried))
        return true;
    snprintf(out, outlen, "%s%sthe installed fonts", tried, tried[0] ? ", " : "");
    return false;
}

void assets_locate_translations(void)
{
    char *base = SDL_GetBasePath(); /* needs no SDL_Init */
    i18n_set_program_dir(base);
    SDL_free(base);
}
