/* SPDX-License-Identifier: MIT */
/* test_exportbar: a range of messages and the export bar in real frames. A
 * click on a bubble and a Shift+click on another select the messages
 * between (drawn on a band, a note says how many); Shift+Down from the
 * focused bubble stretches it; Escape ends it; a finger's long press
 * selects one and a long press on another the ones between. Ctrl+S opens
 * the bar with only the choices there are (the selection chosen when there
 * is one), a format's chip changes the file's extension, Enter asks the app
 * to save what was chosen (a pick of the chat shown), an empty file name
 * says so, the app's answers show (Replace for a file that is there, then
 * the result); ✕ and Escape close it. Nothing of the bar leaves it, and it
 * leaves the list its room, at every width and zoom, in both languages. */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "chat.h"
#include "check.h"
#include "i18n.h"
#include "screen_harness.h"
#include "view.h"

static bool inside(ui_rect inner, ui_rect outer)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

static bool overlap(ui_rect a, ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void click(struct screen *s, ui_rect r, unsigned mods)
{
    ui_input_mouse_move(&s->stage.ui, r.x + r.w / 2, r.y + r.h / 2);
    ui_input_mouse_button(&s->stage.ui, UI_MOUSE_LEFT, true, 1, mods);
    ui_input_mouse_button(&s->stage.ui, UI_MOUSE_LEFT, false, 1, mods);
}

/* Where the last frame drew text that is exactly this (w 0: nowhere). */
static ui_rect text_at(const struct screen *s, const char *text)
{
    const struct ui *ui = &s->stage.ui;
    size_t n = strlen(text);
    for (size_t i = 0; i < ui->command_count; i++) {
        const struct ui_command *c = &ui->commands[i];
        if (c->kind == UI_COMMAND_TEXT && c->len == n && !memcmp(ui_command_text(ui, c), text, n))
            return c->rect;
    }
    return (ui_rect){0, 0, 0, 0};
}

static void receive(struct chat *chat, const char *text)
{
    size_t n = strlen(text);
    struct net_event ev = {.kind = NET_EVENT_RECEIVED, .len = n, .time_us = 2000000};
    ev.data = malloc(n + 1);
    memcpy(ev.data, text, n + 1);
    chat_apply(chat, &ev);
}

/* Connected, then m1..m4 received (ids 2..5 after the connected line). */
static void converse(struct screen *s)
{
    screen_connect_chat(&s->stage.chat);
    receive(&s->stage.chat, "m1 alpha");
    receive(&s->stage.chat, "m2 bravo");
    receive(&s->stage.chat, "m3 charlie");
    receive(&s->stage.chat, "m4 delta");
    for (int i = 0; i < 40; i++)
        screen_frame(s); /* glided to the bottom */
}

static const struct msgrange *range_of(const struct screen *s)
{
    return &s->stage.view.list.range.range;
}

static void test_range(void)
{
    static struct screen s;
    if (!screen_open(&s, 900, 700))
        return;
    converse(&s);
    ui_rect m1 = text_at(&s, "m1 alpha"), m3 = text_at(&s, "m3 charlie");
    CHECK(m1.w > 0 && m3.w > 0);
    click(&s, m1, 0);
    screen_frame(&s);
    CHECK(!msgrange_active(range_of(&s))); /* a click alone selects no range */
    click(&s, m3, UI_MOD_SHIFT);
    screen_frame(&s);
    CHECK(range_of(&s)->anchor == 2 && range_of(&s)->end == 4);
    screen_frame(&s);
    char note[64];
    snprintf(note, sizeof note, tr(I18N_EXPORT_SELECTED), "3");
    CHECK_MSG(text_at(&s, note).w > 0, "the note '%s' is shown", note);
    /* The band: the selection's colour beside a selected bubble, not beside the others. */
    const struct theme *t = s.stage.view.theme;
    CHECK(render_frame(s.stage.render, &s.stage.ui, t->window_bg, true));
    ui_rect m4 = text_at(&s, "m4 delta");
    int x = s.stage.view.list_rect.x + s.stage.view.list_rect.w / 2;
    Uint32 in_band = ((const Uint32 *)((const Uint8 *)s.surface->pixels + (m3.y + 2) * s.surface->pitch))[x];
    Uint32 outside = ((const Uint32 *)((const Uint8 *)s.surface->pixels + (m4.y + 2) * s.surface->pitch))[x];
    Uint32 bg = (Uint32)t->window_bg.r << 16 | (Uint32)t->window_bg.g << 8 | t->window_bg.b;
    CHECK_MSG((outside & 0xFFFFFF) == bg && (in_band & 0xFFFFFF) != bg, "band %06x, outside %06x",
              in_band & 0xFFFFFF, outside & 0xFFFFFF);

    /* Shift+Down from the focused bubble (the one Shift+clicked) stretches it. */
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, UI_MOD_SHIFT);
    screen_frame(&s);
    CHECK_MSG(range_of(&s)->anchor == 2 && range_of(&s)->end == 5, "%llu..%llu",
              (unsigned long long)range_of(&s)->anchor, (unsigned long long)range_of(&s)->end);
    /* Escape ends it; a plain click does too. */
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    screen_frame(&s);
    CHECK(!msgrange_active(range_of(&s)));
    click(&s, m1, 0);
    screen_frame(&s);
    click(&s, m3, UI_MOD_SHIFT);
    screen_frame(&s);
    CHECK(msgrange_active(range_of(&s)));
    click(&s, m4, 0);
    screen_frame(&s);
    CHECK(!msgrange_active(range_of(&s)));

    /* A finger held on m2 for half a second, then on m4. */
    ui_input_touch(&s.stage.ui, true);
    ui_rect targets[2] = {text_at(&s, "m2 bravo"), text_at(&s, "m4 delta")};
    for (int k = 0; k < 2; k++) {
        ui_input_mouse_move(&s.stage.ui, targets[k].x + 4, targets[k].y + 4);
        ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 1, 0);
        screen_frame(&s);
        CHECK(s.stage.ui.next_frame_ms > 0); /* a frame is due when the press becomes long */
        for (int i = 0; i < 40; i++)
            screen_frame(&s); /* 640 ms */
        ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 1, 0);
        screen_frame(&s);
        screen_frame(&s);
    }
    CHECK_MSG(range_of(&s)->anchor == 3 && range_of(&s)->end == 5, "long presses: %llu..%llu",
              (unsigned long long)range_of(&s)->anchor, (unsigned long long)range_of(&s)->end);
    ui_input_touch(&s.stage.ui, false);
    screen_close(&s);
}

static void test_bar(void)
{
    static struct screen s;
    if (!screen_open(&s, 900, 700))
        return;
    converse(&s);
    struct view *v = &s.stage.view;
    struct exportbar *b = &v->exportbar;
    ui_input_key(&s.stage.ui, UI_KEY_S, UI_MOD_CTRL);
    screen_frame(&s);
    CHECK(b->open && b->what == EXPORTBAR_ALL);
    screen_frame(&s);
    CHECK(b->what_rect[EXPORTBAR_ALL].w > 0 && b->what_rect[EXPORTBAR_FILTERED].w == 0 &&
          b->what_rect[EXPORTBAR_SELECTION].w == 0);
    CHECK(s.stage.ui.focus == widget_textbox_id(&s.stage.ui, &b->path));
    CHECK_MSG(strncmp(b->path.edit.text, "~/ponte-", 8) == 0 && strstr(b->path.edit.text, ".jsonl"), "%s",
              b->path.edit.text);
    CHECK(v->list_rect.y >= b->rect.y + b->rect.h);
    /* The format's chip: the extension follows. */
    click(&s, b->format_rect[EXPORT_HAR], 0);
    screen_frame(&s);
    CHECK(b->format == EXPORT_HAR && strstr(b->path.edit.text, ".har") && !strstr(b->path.edit.text, ".jsonl"));
    /* Enter: the app is asked to save everything, of the chat shown. */
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    struct view_actions a = screen_frame(&s);
    CHECK(a.export.save && !a.export.replace && a.export.format == EXPORT_HAR && a.export.chat == &s.stage.chat);
    CHECK(a.export.pick.filter == NULL && a.export.pick.from == 0 && a.export.pick.to == s.stage.chat.count);
    /* The file is there: Replace, and the next Enter says so. */
    exportbar_exists(b);
    screen_frame(&s);
    CHECK(text_at(&s, tr(I18N_EXPORT_REPLACE)).w > 0 && text_at(&s, tr(I18N_EXPORT_EXISTS)).w > 0);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = screen_frame(&s);
    CHECK(a.export.save && a.export.replace);
    /* Typing another name asks again. */
    ui_input_text(&s.stage.ui, "x");
    screen_frame(&s);
    screen_frame(&s);
    CHECK(!b->confirm && text_at(&s, tr(I18N_SAVED_SAVE)).w > 0);
    exportbar_done(b, true, 1234, "/tmp/x.har", NULL);
    screen_frame(&s);
    char saved[128];
    snprintf(saved, sizeof saved, tr(I18N_EXPORT_SAVED), "1,234", "/tmp/x.har");
    CHECK_MSG(text_at(&s, saved).w > 0, "'%s' is shown", saved);
    /* No name: nothing asked, the bar says why. */
    textedit_set(&b->path.edit, "", 0);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = screen_frame(&s);
    CHECK(!a.export.save && text_at(&s, tr(I18N_EXPORT_NO_PATH)).w > 0);
    textedit_set(&b->path.edit, "~/a.md", 6);

    /* A selection and a filter: offered, the selection chosen on opening;
     * the pick is the range through the filter. */
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    screen_frame(&s);
    CHECK(!b->open && b->rect.h == 0);
    v->list.range.range = (struct msgrange){3, 4};
    view_find_filter(v, false, true, false, true); /* hide sent and system lines */
    for (int i = 0; i < 10; i++)
        screen_frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_S, UI_MOD_CTRL);
    screen_frame(&s);
    screen_frame(&s);
    CHECK(b->open && b->what == EXPORTBAR_SELECTION && b->what_rect[EXPORTBAR_FILTERED].w > 0 &&
          b->what_rect[EXPORTBAR_SELECTION].w > 0 && b->format == EXPORT_MARKDOWN);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = screen_frame(&s);
    CHECK(a.export.save && a.export.pick.filter == &v->list.find && a.export.pick.from == 2 && a.export.pick.to == 4);
    click(&s, b->what_rect[EXPORTBAR_FILTERED], 0);
    screen_frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = screen_frame(&s);
    CHECK(a.export.save && a.export.pick.filter == &v->list.find && export_count(&s.stage.chat, &a.export.pick) == 4);
    /* The selection gone: its choice goes, the bar falls back to everything. */
    msgrange_clear(&v->list.range.range);
    screen_frame(&s);
    screen_frame(&s);
    CHECK(b->what_rect[EXPORTBAR_SELECTION].w == 0 && b->what != EXPORTBAR_SELECTION);
    click(&s, b->close_rect, 0);
    screen_frame(&s);
    CHECK(!b->open);
    screen_close(&s);
}

/* Every control inside the bar, the bar inside the window, the list under
 * it, at narrow and wide widths, at each zoom, in both languages. */
static void test_sizes(void)
{
    static const int widths[] = {360, 520, 900, 1400};
    static const float scales[] = {1.0f, 1.5f, 2.0f};
    for (int lang = 0; lang < 2; lang++) {
        i18n_set_lang(lang ? I18N_PT_BR : I18N_EN);
        for (size_t si = 0; si < sizeof scales / sizeof scales[0]; si++) {
            for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++) {
                static struct screen s;
                int w = (int)(widths[wi] * scales[si]), h = (int)(700 * scales[si]);
                if (!screen_start(&s, &(struct screen_config){.w = w, .h = h, .scale = scales[si]})) {
                    CHECK_MSG(false, "%s", s.error);
                    screen_close(&s);
                    continue;
                }
                converse(&s);
                struct view *v = &s.stage.view;
                struct exportbar *b = &v->exportbar;
                v->list.range.range = (struct msgrange){2, 3};
                view_find_filter(v, false, false, false, true); /* every choice offered */
                screen_frame(&s);
                ui_input_key(&s.stage.ui, UI_KEY_S, UI_MOD_CTRL);
                screen_frame(&s);
                exportbar_done(b, false, 0, "/a/rather/long/path/to/a/folder/ponte.jsonl", "Permission denied");
                screen_frame(&s);
                screen_frame(&s);
                ui_rect window = {0, 0, w, h};
                bool ok = inside(b->rect, window) && inside(b->close_rect, b->rect) && inside(b->save_rect, b->rect) &&
                          v->list_rect.y >= b->rect.y + b->rect.h && v->list_rect.h > 0;
                /* The chips: all there, none over another or over ✕, none past the edge. */
                ui_rect chips[EXPORTBAR_WHAT_COUNT + EXPORT_FORMAT_COUNT];
                memcpy(chips, b->what_rect, sizeof b->what_rect);
                memcpy(chips + EXPORTBAR_WHAT_COUNT, b->format_rect, sizeof b->format_rect);
                int n = EXPORTBAR_WHAT_COUNT + EXPORT_FORMAT_COUNT;
                for (int i = 0; i < n; i++) {
                    ok = ok && chips[i].w > 0 && inside(chips[i], b->rect) && !overlap(chips[i], b->close_rect);
                    for (int k = i + 1; k < n; k++)
                        ok = ok && !overlap(chips[i], chips[k]);
                }
                ok = ok && !overlap(b->save_rect, chips[n - 1]) && b->save_rect.y > chips[n - 1].y;
                CHECK_MSG(ok, "%s at %dx%d, scale %.1f: bar %d,%d %dx%d", lang ? "pt_BR" : "en", w, h,
                          (double)scales[si], b->rect.x, b->rect.y, b->rect.w, b->rect.h);
                screen_close(&s);
            }
        }
    }
    i18n_set_lang(I18N_EN);
}

int main(void)
{
    i18n_set_lang(I18N_EN);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    test_range();
    test_bar();
    test_sizes();
    SDL_Quit();
    return check_summary("exportbar");
}
