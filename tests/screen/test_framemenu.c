/* SPDX-License-Identifier: MIT */
/* test_framemenu: the frame menu (framemenu.c) in real frames, and the
 * conversation's lines for the frames it sends. The Frames button opens it
 * between the list and the message box (the list gives it room; nothing
 * overlaps, at any size and scale, in either language); each button asks
 * for its frame (by mouse, by finger, by Enter in a field); a code RFC 6455
 * forbids is underlined and named and asks for nothing; a refusal from the
 * app shows; while not connected nothing can be asked for and the menu
 * says why; Escape and Done close it. Both themes draw it in their colours.
 * Then each kind of frame as the conversation shows it, in both languages. */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "chat.h"
#include "check.h"
#include "display.h"
#include "i18n.h"
#include "render.h"
#include "screen_harness.h"
#include "view.h"

static void click(struct screen *s, ui_rect r)
{
    screen_click_at(s, r.x + r.w / 2, r.y + r.h / 2);
}

/* A click, and the actions of the frame that takes it. */
static struct framemenu_actions press(struct screen *s, ui_rect r)
{
    click(s, r);
    return screen_frame(s).frames;
}

static bool inside(ui_rect inner, ui_rect outer)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

static bool overlap(ui_rect a, ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static uint64_t pixel_rgb(const struct screen *s, int x, int y)
{
    const Uint32 *row = (const Uint32 *)((const Uint8 *)s->surface->pixels + y * s->surface->pitch);
    return row[x] & 0xFFFFFF;
}

static Uint32 rgb(ui_color c)
{
    return (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
}

static void set_field(struct widget_textbox *tb, const char *text)
{
    textedit_set(&tb->edit, text, strlen(text));
}

/* Opened at w x h (scale, language): its controls inside it, side by side
 * without overlapping, inside the window; the list above, the message box
 * below. */
static void test_layout(int w, int h, float scale, enum i18n_lang lang)
{
    static struct screen s;
    char name[64];
    snprintf(name, sizeof name, "%dx%d scale %.1f %s", w, h, (double)scale, lang == I18N_EN ? "en" : "pt_BR");
    i18n_set_lang(lang);
    CHECK(screen_start(&s, &(struct screen_config){.w = w, .h = h, .scale = scale}));
    screen_connect_chat(&s.stage.chat);
    struct view *v = &s.stage.view;
    screen_frame(&s);
    int list_before = v->list_rect.h;
    CHECK_MSG(v->frames_rect.w > 0 && inside(v->frames_rect, (ui_rect){0, 0, w, h}), "%s: the Frames button", name);
    /* Inside the message box, beside the mode, left of the text's room. */
    CHECK_MSG(inside(v->frames_rect, v->input_rect) && !overlap(v->frames_rect, v->compose_rect) &&
                  v->frames_rect.x + v->frames_rect.w <= v->compose_rect.x &&
                  v->frames_rect.x >= v->input_rect.x + v->input_rect.w - v->input.reserve_right,
              "%s: the Frames button (%d,%d %dx%d) in the box (%d,%d %dx%d)", name, v->frames_rect.x, v->frames_rect.y,
              v->frames_rect.w, v->frames_rect.h, v->input_rect.x, v->input_rect.y, v->input_rect.w, v->input_rect.h);
    click(&s, v->frames_rect);
    screen_frame(&s);
    screen_frame(&s);
    const struct framemenu *m = &v->frames;
    CHECK_MSG(m->open && m->rect.h > 0, "%s: the menu did not open", name);
    CHECK_MSG(v->list_rect.h == list_before - m->rect.h || v->list_rect.h < list_before, "%s: the list gave no room",
              name);
    CHECK_MSG(v->list_rect.y + v->list_rect.h <= m->rect.y && m->rect.y + m->rect.h <= v->input_rect.y,
              "%s: list %d+%d, menu %d+%d, box at %d", name, v->list_rect.y, v->list_rect.h, m->rect.y, m->rect.h,
              v->input_rect.y);
    ui_rect controls[] = {m->close_rect, m->ping_rect,   m->pong_rect,   m->count_rect,      m->fragments_rect,
                          m->invalid_rect, m->code_rect, m->reason_rect, m->close_with_rect, m->note_rect};
    size_t n = sizeof controls / sizeof controls[0];
    for (size_t i = 0; i < n; i++) {
        CHECK_MSG(controls[i].w > 0 && inside(controls[i], m->rect), "%s: control %zu (%d,%d %dx%d) outside the menu",
                  name, i, controls[i].x, controls[i].y, controls[i].w, controls[i].h);
        for (size_t k = i + 1; k < n; k++)
            CHECK_MSG(!overlap(controls[i], controls[k]), "%s: controls %zu and %zu overlap", name, i, k);
    }
    /* Big enough for a finger: a whole control's height. */
    CHECK_MSG(m->ping_rect.h >= ui_px(&s.stage.ui, 36) - 1, "%s: Ping is %d px high", name, m->ping_rect.h);
    CHECK_MSG(screen_find_text(&s, tr(I18N_FRAMES_TITLE)) && screen_find_text(&s, tr(I18N_FRAMES_PING)) &&
                  screen_find_text(&s, tr(I18N_FRAMES_CLOSE_WITH)),
              "%s: the menu's words", name);
    screen_close(&s);
    i18n_set_lang(I18N_EN);
}

/* Each button asks for its frame; fields are checked. */
static void test_actions(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 900, 640));
    screen_connect_chat(&s.stage.chat);
    struct view *v = &s.stage.view;
    screen_frame(&s);
    ui_input_text(&s.stage.ui, "hello");
    screen_frame(&s);
    click(&s, v->frames_rect);
    screen_frame(&s);
    screen_frame(&s);
    struct framemenu *m = &v->frames;
    CHECK(m->open);
    struct framemenu_actions a = press(&s, m->ping_rect);
    CHECK(a.send == FRAMES_PING);
    a = press(&s, m->pong_rect);
    CHECK(a.send == FRAMES_PONG);
    a = press(&s, m->fragments_rect);
    CHECK(a.send == FRAMES_FRAGMENTS && a.fragments == 4);
    a = press(&s, m->invalid_rect);
    CHECK(a.send == FRAMES_INVALID_UTF8);
    /* The box keeps its text: the app takes the payload from it. */
    CHECK(!strcmp(v->input.edit.text, "hello"));

    /* A finger works as the mouse does: down in one frame, up in the next. */
    ui_input_touch(&s.stage.ui, true);
    ui_input_mouse_move(&s.stage.ui, m->ping_rect.x + 5, m->ping_rect.y + 5);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 1, 0);
    CHECK(screen_frame(&s).frames.send == FRAMES_NONE);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 1, 0);
    CHECK(screen_frame(&s).frames.send == FRAMES_PING);
    ui_input_touch(&s.stage.ui, false);

    /* A close code RFC 6455 forbids: underlined, named, asks for nothing. */
    set_field(&m->code, "1005");
    screen_frame(&s);
    CHECK(m->code.mark_start == 0 && m->code.mark_end == 4);
    CHECK_MSG(screen_find_text(&s, tr_frames_error(FRAMES_CODE_LOCAL)), "the code's error is not shown");
    a = press(&s, m->close_with_rect);
    CHECK(a.send == FRAMES_NONE);
    screen_frame(&s);
    char why[300];
    snprintf(why, sizeof why, tr(I18N_COMPOSE_INVALID), tr_frames_error(FRAMES_CODE_LOCAL));
    CHECK_MSG(screen_find_text(&s, why), "no '%s'", why);
    /* A good one, with Enter in the reason field. */
    set_field(&m->code, "4001");
    click(&s, m->reason_rect);
    screen_frame(&s);
    ui_input_text(&s.stage.ui, "bye now");
    screen_frame(&s);
    CHECK(m->code.mark_start == SIZE_MAX);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = screen_frame(&s).frames;
    CHECK_MSG(a.send == FRAMES_CLOSE && a.code == 4001 && a.reason_len == 7 && !memcmp(a.reason, "bye now", 7),
              "close: send %d code %d reason %zu", a.send, a.code, a.reason_len);
    /* A reason over 123 bytes. */
    char long_reason[130];
    memset(long_reason, 'r', 124);
    long_reason[124] = '\0';
    set_field(&m->reason, long_reason);
    screen_frame(&s);
    CHECK(m->reason.mark_start == 0);
    CHECK(press(&s, m->close_with_rect).send == FRAMES_NONE);
    set_field(&m->reason, "");

    /* Fragments: 1 is refused, Enter in the field sends. */
    set_field(&m->count, "1");
    screen_frame(&s);
    CHECK(press(&s, m->fragments_rect).send == FRAMES_NONE);
    screen_frame(&s);
    snprintf(why, sizeof why, tr(I18N_COMPOSE_INVALID), tr_frames_error(FRAMES_COUNT_RANGE));
    CHECK_MSG(screen_find_text(&s, why), "no '%s'", why);
    set_field(&m->count, "7");
    click(&s, m->count_rect);
    screen_frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = screen_frame(&s).frames;
    CHECK(a.send == FRAMES_FRAGMENTS && a.fragments == 7);

    /* The app refused the payload: said until the next action. */
    framemenu_refused(m, FRAMES_CONTROL_TOO_LONG);
    screen_frame(&s);
    snprintf(why, sizeof why, tr(I18N_COMPOSE_INVALID), tr_frames_error(FRAMES_CONTROL_TOO_LONG));
    CHECK_MSG(screen_find_text(&s, why), "no '%s'", why);
    CHECK(press(&s, m->pong_rect).send == FRAMES_PONG);
    screen_frame(&s);
    CHECK(!screen_find_text(&s, why));
    CHECK(screen_find_text(&s, tr(I18N_FRAMES_RULES)));

    /* Not connected: nothing can be asked for, and it says why. */
    struct net_event closed = {.kind = NET_EVENT_CLOSED, .code = 1006};
    chat_apply(&s.stage.chat, &closed);
    screen_frame(&s);
    CHECK(screen_find_text(&s, tr(I18N_FRAMES_NOT_CONNECTED)));
    CHECK(press(&s, m->ping_rect).send == FRAMES_NONE);
    CHECK(press(&s, m->invalid_rect).send == FRAMES_NONE);
    CHECK(press(&s, m->close_with_rect).send == FRAMES_NONE);
    screen_connect_chat(&s.stage.chat);
    screen_frame(&s);
    CHECK(!screen_find_text(&s, tr(I18N_FRAMES_NOT_CONNECTED)));

    /* Escape closes it, the focus back in the message box; so does Done. */
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    a = screen_frame(&s).frames;
    CHECK(a.closed && !m->open && s.stage.ui.focus == v->input.id);
    screen_frame(&s);
    CHECK(m->rect.h == 0);
    click(&s, v->frames_rect);
    screen_frame(&s);
    CHECK(m->open);
    screen_frame(&s);
    a = press(&s, m->close_rect);
    CHECK(a.closed && !m->open);
    /* The Frames button toggles it too. */
    click(&s, v->frames_rect);
    screen_frame(&s);
    click(&s, v->frames_rect);
    screen_frame(&s);
    CHECK(!m->open);
    screen_close(&s);
}

/* Both themes: the menu on the bar's colour, its warning in the tag's. */
static void test_themes(void)
{
    for (int dark = 0; dark < 2; dark++) {
        static struct screen s;
        CHECK(screen_open(&s, 900, 640));
        struct view *v = &s.stage.view;
        v->theme = dark ? &theme_dark : &theme_light;
        screen_connect_chat(&s.stage.chat);
        screen_frame(&s);
        click(&s, v->frames_rect);
        screen_frame(&s);
        set_field(&v->frames.code, "999");
        screen_frame(&s);
        CHECK(render_frame(s.stage.render, &s.stage.ui, v->theme->window_bg, true));
        const struct framemenu *m = &v->frames;
        /* A spot between the title row and the buttons: the menu's background. */
        int x = m->rect.x + m->rect.w - 4, y = m->rect.y + m->rect.h / 2;
        CHECK_MSG(pixel_rgb(&s, x, y) == rgb(v->theme->bar_bg), "%s: the menu's background is %06llx",
                  v->theme->name, (unsigned long long)pixel_rgb(&s, x, y));
        bool tag = false;
        for (int yy = m->note_rect.y; yy < m->note_rect.y + m->note_rect.h && !tag; yy++)
            for (int xx = m->note_rect.x; xx < m->note_rect.x + 40 && !tag; xx++)
                tag = pixel_rgb(&s, xx, yy) == rgb(v->theme->tag_bg);
        CHECK_MSG(tag, "%s: the warning is not on the tag colour", v->theme->name);
        screen_close(&s);
    }
}

static char *copy(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

static void frame_event(struct chat *chat, enum net_event_kind kind, const char *payload, int code,
                        enum net_error error)
{
    size_t n = strlen(payload);
    struct net_event ev = {.kind = kind, .data = copy(payload, n), .len = n, .code = code, .error = error,
                           .time_us = 1764043505000000};
    chat_apply(chat, &ev);
}

/* Each frame the person sent, as the conversation shows it. */
static void test_conversation(enum i18n_lang lang)
{
    i18n_set_lang(lang);
    static struct screen s;
    CHECK(screen_open(&s, 1000, 900));
    struct chat *chat = &s.stage.chat;
    screen_connect_chat(chat);
    frame_event(chat, NET_EVENT_PING_SENT, "hello", 0, NET_ERROR_NONE);
    frame_event(chat, NET_EVENT_PING_ANSWERED, "hello", 412, NET_ERROR_NONE);
    frame_event(chat, NET_EVENT_PING_ANSWERED, "", 2500, NET_ERROR_NONE);
    frame_event(chat, NET_EVENT_PONG_SENT, "unasked", 0, NET_ERROR_NONE);
    frame_event(chat, NET_EVENT_PING_SENT, "late", 0, NET_ERROR_NOT_CONNECTED);
    uint64_t id = chat_add_sent_data(chat, "in four", 7, false, 1764043505000000);
    struct net_event sent = {.kind = NET_EVENT_SENT, .id = id, .code = 4};
    chat_apply(chat, &sent);
    id = chat_add_sent_data(chat, "caf\xC3(", 5, false, 1764043505000000);
    sent = (struct net_event){.kind = NET_EVENT_SENT, .id = id};
    chat_apply(chat, &sent);
    struct net_event closed = {.kind = NET_EVENT_CLOSED, .code = 4001, .closer = NET_CLOSER_CLIENT,
                               .data = copy("bye now", 7), .len = 7};
    chat_apply(chat, &closed);
    for (int i = 0; i < 40; i++)
        screen_frame(&s);
    char want[8][200], payload[64], rtt[32];
    snprintf(payload, sizeof payload, "\xE2\x80\x9C%s\xE2\x80\x9D", "hello");
    snprintf(want[0], sizeof want[0], tr(I18N_EVENT_PING_SENT), payload);
    display_format_us(412, rtt, sizeof rtt);
    CHECK(!strcmp(rtt, "412 \xC2\xB5s"));
    snprintf(want[1], sizeof want[1], tr(I18N_EVENT_PING_ANSWERED), rtt, payload);
    display_format_us(2500, rtt, sizeof rtt);
    CHECK(!strcmp(rtt, "2.50 ms"));
    snprintf(want[2], sizeof want[2], tr(I18N_EVENT_PING_ANSWERED), rtt, tr(I18N_FRAME_NO_PAYLOAD));
    snprintf(payload, sizeof payload, "\xE2\x80\x9C%s\xE2\x80\x9D", "unasked");
    snprintf(want[3], sizeof want[3], tr(I18N_EVENT_PONG_SENT), payload);
    snprintf(want[4], sizeof want[4], tr(I18N_EVENT_PING_NOT_SENT), tr_net_error(NET_ERROR_NOT_CONNECTED));
    snprintf(want[5], sizeof want[5], tr(I18N_SENT_FRAGMENTS), 4u);
    snprintf(want[6], sizeof want[6], "%s", tr(I18N_SENT_INVALID_UTF8));
    snprintf(want[7], sizeof want[7], tr(I18N_EVENT_CLOSED_BY_CLIENT), 4001, tr(I18N_CLOSE_PRIVATE), " (bye now)");
    for (int i = 0; i < 8; i++)
        CHECK_MSG(screen_find_text(&s, want[i]), "%s: no '%s'", lang == I18N_EN ? "en" : "pt_BR", want[i]);
    CHECK(screen_find_text(&s, "in four"));
    screen_close(&s);
    i18n_set_lang(I18N_EN);
}

int main(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    static const int sizes[][2] = {{900, 640}, {480, 480}, {1280, 800}, {640, 480}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        test_layout(sizes[i][0], sizes[i][1], 1.0f, I18N_EN);
        test_layout(sizes[i][0], sizes[i][1], 1.0f, I18N_PT_BR);
    }
    test_layout(1800, 1400, 2.0f, I18N_EN);
    test_layout(1280, 1000, 2.0f, I18N_PT_BR);
    test_actions();
    test_themes();
    test_conversation(I18N_EN);
    test_conversation(I18N_PT_BR);
    SDL_Quit();
    return check_summary("framemenu");
}
