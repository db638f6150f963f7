/* SPDX-License-Identifier: MIT */
/* stage: see stage.h. */
#include "stage.h"

#include <stdio.h>

bool stage_open(struct stage *s, SDL_Renderer *renderer, const char *assets, float scale, const char *url,
                char *err, size_t errlen)
{
    s->font = font_open(renderer, assets, scale > 0 ? scale : 1.0f, err, errlen);
    if (!s->font)
        return false;
    s->render = render_create(renderer, s->font);
    if (!s->render) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    ui_init(&s->ui);
    s->ui.text_width = font_text_width;
    s->ui.text_height = font_text_height;
    s->ui.font_user = s->font;
    s->ui.scale = scale; /* the fonts were opened at it */
    view_init(&s->view);
    chat_init(&s->chat, url);
    return true;
}

void stage_close(struct stage *s)
{
    if (s->render) { /* (the rest is made once the render is) */
        chat_free(&s->chat);
        view_free(&s->view);
        ui_free(&s->ui);
        render_destroy(s->render);
    }
    font_close(s->font);
}
