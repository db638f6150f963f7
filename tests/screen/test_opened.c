/* SPDX-License-Identifier: MIT */
/* test_opened: recordings opened in the window (opener.c, loader.c,
 * recview.c, openbar.c) on real frames, the loader on its own thread:
 * - a transcript opened: the header names the file and the span, the
 *   damaged line is in the list with its number, the message box gives way
 *   to the read-only row; find counts the recording's hits and its filters
 *   hide its lines; Close recording (and Escape) brings the live
 *   conversation back where it was scrolled to, its find state its own;
 * - a large one: the header shows the progress while the loader works and
 *   the live conversation is still drawn; Cancel stops it and nothing is
 *   shown; opened again, it loads whole;
 * - a broken file: the open bar says why; a file dropped is told apart by
 *   its first bytes (a recording, saved messages, neither);
 * - the header's strip in both themes' colours, read from the pixels. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

#include "check.h"
#include "i18n.h"
#include "opener.h"
#include "render.h"
#include "screen_harness.h"

static char dir[64];
static SDL_atomic_t wakes;

static bool wake(void *user)
{
    (void)user;
    SDL_AtomicIncRef(&wakes);
    return true;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* The last frame drawn: the header's strip is the theme's colour. */
static void draw_check(struct screen *s, ui_rect r)
{
    render_frame(s->stage.render, &s->stage.ui, s->stage.view.theme->window_bg, true);
    ui_color c = s->stage.view.theme->selection;
    Uint32 want = (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
    int n = 0;
    for (int y = r.y; y < r.y + r.h && y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->surface->pixels + y * s->surface->pitch);
        for (int x = r.x; x < r.x + r.w && x < s->w; x++)
            n += (row[x] & 0xFFFFFF) == want;
    }
    CHECK_MSG(n > r.w * r.h / 2, "%d of the header's %d pixels in the theme's colour", n, r.w * r.h);
}

/* Frames, as the loop turns when woken, until the load is done. */
static bool load(struct screen *s, struct opener *o)
{
    for (int i = 0; i < 2000 && s->stage.view.recording.loading; i++) {
        SDL_Delay(5);
        opener_poll(o, &s->stage.view);
        screen_frame(s);
    }
    screen_frame(s);
    return !s->stage.view.recording.loading;
}

static const char session[] =
    "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"connected\",\"url\":\"ws://recorded.test/\"}\n"
    "{\"ts\":\"2026-11-25T04:05:07.000000Z\",\"event\":\"sent\",\"text\":\"order EURBRL\"}\n"
    "{\"ts\":\"2026-11-25T04:05:07.100000Z\",\"event\":\"received\",\"text\":\"filled EURBRL at 6.15\"}\n"
    "{broken\n"
    "{\"ts\":\"2026-11-25T04:09:10.000000Z\",\"event\":\"closed\",\"code\":1000,\"reason\":\"\",\"by\":\"client\"}\n";

static void test_shown(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 1000, 700));
    struct view *v = &s.stage.view;
    screen_connect_chat(&s.stage.chat);
    char line[64];
    for (int i = 0; i < 200; i++) {
        snprintf(line, sizeof line, "live message %d", i);
        struct net_event ev = {.kind = NET_EVENT_RECEIVED, .data = strdup(line), .len = strlen(line), .time_us = 1};
        chat_apply(&s.stage.chat, &ev);
    }
    screen_frame(&s);
    view_scroll_to_top(v);
    for (int i = 0; i < 30; i++)
        screen_frame(&s);
    int64_t live_at = view_scroll_position(v);
    char path[128];
    snprintf(path, sizeof path, "%s/session.jsonl", dir);
    write_file(path, session);
    struct opener o;
    opener_init(&o, NULL, wake, NULL, v);
    CHECK(opener_open(&o, v, &s.stage.ui, path));
    CHECK(load(&s, &o));
    CHECK(v->recording.opened != NULL && v->recording.rect.h > 0);
    CHECK(screen_find_text(&s, "session.jsonl") && screen_find_text(&s, "2026-11-25"));
    CHECK(screen_find_text(&s, "messages: 2") && screen_find_text(&s, "damaged lines: 1"));
    char damaged[128];
    snprintf(damaged, sizeof damaged, tr(I18N_EVENT_DAMAGED), 4u, "");
    CHECK_MSG(screen_find_text(&s, damaged), "no '%s'", damaged);
    CHECK(screen_find_text(&s, "filled EURBRL") && !screen_find_text(&s, "live message"));
    CHECK(screen_find_text(&s, tr(I18N_OPEN_READ_ONLY)) && !screen_find_text(&s, tr(I18N_SEND)));
    /* The header's strip, in the theme's colour. */
    draw_check(&s, v->recording.rect);

    /* Find: the recording's hits; a filter hides its lines. */
    view_find_open(v, &s.stage.ui);
    ui_input_text(&s.stage.ui, "EURBRL");
    for (int i = 0; i < 10; i++)
        screen_frame(&s);
    CHECK_MSG(v->list.find.total == 2, "%zu hits", (size_t)v->list.find.total);
    view_find_filter(v, false, false, false, true);
    screen_frame(&s);
    CHECK(v->list.find.filtered && v->list.find.rows.count == 2 && !screen_find_text(&s, damaged));
    /* Exporting takes the recording shown, through its filter, not the
     * live conversation behind it. */
    ui_input_key(&s.stage.ui, UI_KEY_S, UI_MOD_CTRL);
    screen_frame(&s);
    CHECK(v->exportbar.open && v->exportbar.what_rect[EXPORTBAR_FILTERED].w > 0);
    ui_rect filtered = v->exportbar.what_rect[EXPORTBAR_FILTERED];
    screen_click_at(&s, filtered.x + filtered.w / 2, filtered.y + filtered.h / 2);
    screen_frame(&s);
    CHECK(v->exportbar.what == EXPORTBAR_FILTERED);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    struct view_actions saved = screen_frame(&s);
    CHECK(saved.export.save && saved.export.chat == &v->recording.opened->chat &&
          saved.export.pick.filter == &v->list.find && saved.export.pick.to == v->recording.opened->chat.count);
    exportbar_close(&v->exportbar);
    screen_frame(&s);
    CHECK(!v->exportbar.open && v->recording.opened != NULL);
    view_find_close(v, &s.stage.ui);
    screen_frame(&s);

    /* Escape: the live conversation, where it was. */
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    struct view_actions a = screen_frame(&s);
    CHECK(a.open_close);
    CHECK(opener_actions(&o, v, &s.stage.ui, &a));
    screen_frame(&s);
    CHECK(!v->recording.opened && v->recording.rect.h == 0 && o.shown == NULL);
    CHECK_MSG(view_scroll_position(v) == live_at, "live list at %lld, was at %lld",
              (long long)view_scroll_position(v), (long long)live_at);
    CHECK(screen_find_text(&s, "live message 0") && screen_find_text(&s, tr(I18N_SEND)));
    CHECK(!v->list.find.filtered && v->list.rows.count == s.stage.chat.count);

    /* Opened again, Close recording's button does the same. */
    CHECK(opener_open(&o, v, &s.stage.ui, path) && load(&s, &o));
    CHECK(v->recording.opened != NULL);
    opener_free(&o, v);
    CHECK(!v->recording.opened);
    screen_close(&s);
    unlink(path);
}

/* A large recording: progress while it loads, the live conversation still
 * drawn; Cancel; opened again, whole. */
static void test_loading(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 900, 640));
    struct view *v = &s.stage.view;
    v->theme = &theme_dark;
    screen_connect_chat(&s.stage.chat);
    struct net_event ev = {.kind = NET_EVENT_RECEIVED, .data = strdup("live and well"), .len = 13, .time_us = 1};
    chat_apply(&s.stage.chat, &ev);
    char path[128];
    snprintf(path, sizeof path, "%s/large.jsonl", dir);
    FILE *f = fopen(path, "wb");
    size_t count = 300000;
    for (size_t i = 0; f && i < count; i++)
        fprintf(f, "{\"ts\":\"2026-11-25T04:05:06.000000Z\",\"event\":\"received\",\"text\":\"recorded %zu\"}\n", i);
    if (f)
        fclose(f);
    struct opener o;
    opener_init(&o, NULL, wake, NULL, v);
    CHECK(opener_open(&o, v, &s.stage.ui, path));
    screen_frame(&s);
    char loading[200];
    snprintf(loading, sizeof loading, tr(I18N_OPEN_LOADING), "large.jsonl", 0);
    CHECK(v->recording.loading && strstr(loading, "large.jsonl"));
    *strstr(loading, "large.jsonl") = '\0';
    CHECK_MSG(screen_find_text(&s, loading) && screen_find_text(&s, "live and well"), "no '%s'", loading);
    draw_check(&s, v->recording.rect);
    /* Some progress, then Cancel (Escape). */
    int seen_progress = 0;
    for (int i = 0; i < 2000 && v->recording.loading && seen_progress < 50; i++) {
        SDL_Delay(1);
        opener_poll(&o, v);
        seen_progress = v->recording.progress;
    }
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    struct view_actions a = screen_frame(&s);
    if (v->recording.loading) {
        CHECK(a.open_cancel && seen_progress > 0);
        opener_actions(&o, v, &s.stage.ui, &a);
        screen_frame(&s);
        CHECK(!v->recording.loading && !v->recording.opened && v->recording.rect.h == 0);
        CHECK(screen_find_text(&s, "live and well"));
    } else {
        printf("# the load was done before Cancel (a fast machine): Cancel not checked\n");
    }
    CHECK(opener_open(&o, v, &s.stage.ui, path) && load(&s, &o));
    CHECK_MSG(v->recording.opened && v->recording.opened->messages == count, "%llu messages",
              v->recording.opened ? (unsigned long long)v->recording.opened->messages : 0ULL);
    CHECK(SDL_AtomicGet(&wakes) > 2);
    opener_free(&o, v);
    screen_close(&s);
    unlink(path);
}

/* Broken files, and what a dropped file is. */
static void test_broken(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 900, 640));
    struct view *v = &s.stage.view;
    struct opener o;
    opener_init(&o, "~/not/there.jsonl", wake, NULL, v);
    char path[128], saved[128], picture[128], har[128];
    snprintf(path, sizeof path, "%s/words.txt", dir);
    write_file(path, "just some words\nand more\n");
    screen_frame(&s); /* (the first frame puts the focus in the message box) */
    CHECK(opener_open(&o, v, &s.stage.ui, path) && load(&s, &o));
    CHECK(!v->recording.opened && v->openbar.open);
    CHECK_MSG(strstr(v->openbar.error, "neither a Ponte transcript nor a HAR file"), "%s", v->openbar.error);
    screen_frame(&s);
    CHECK(screen_find_text(&s, "neither a Ponte transcript") && screen_find_text(&s, "there.jsonl"));
    /* The path again, to be put right: typing replaces it. */
    CHECK(s.stage.ui.focus == widget_textbox_id(&s.stage.ui, &v->openbar.path));
    CHECK(v->openbar.path.edit.anchor != v->openbar.path.edit.caret);
    CHECK(opener_open(&o, v, &s.stage.ui, "/nonexistent/file.jsonl") && load(&s, &o));
    CHECK_MSG(strstr(v->openbar.error, "cannot be read"), "%s", v->openbar.error);

    snprintf(saved, sizeof saved, "%s/saved.json", dir);
    write_file(saved, "{\"version\": 1, \"messages\": []}");
    snprintf(picture, sizeof picture, "%s/picture.png", dir);
    write_file(picture, "\x89PNG\r\n");
    snprintf(har, sizeof har, "%s/x.har", dir);
    write_file(har, "{\"log\": {\"entries\": []}}");
    CHECK(opener_kind_of(saved) == OPENER_SAVED && opener_kind_of(picture) == OPENER_NEITHER);
    CHECK(opener_kind_of(har) == OPENER_RECORDING && opener_kind_of("/nonexistent") == OPENER_NEITHER);
    CHECK(opener_drop(&o, v, &s.stage.ui, saved));
    CHECK(!opener_drop(&o, v, &s.stage.ui, picture) && strstr(v->openbar.error, "picture.png"));
    opener_free(&o, v);
    screen_close(&s);
    unlink(path);
    unlink(saved);
    unlink(picture);
    unlink(har);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/ponte-test-opened-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    i18n_set_lang(I18N_EN);
    test_shown();
    test_loading();
    test_broken();
    SDL_Quit();
    rmdir(dir);
    return check_summary("opened (screen)");
}
