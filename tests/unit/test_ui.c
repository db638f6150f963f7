/* SPDX-License-Identifier: MIT */
/* ui and widgets, headless: a fake monospace font (8 px per code point,
 * 16 px lines) stands in for SDL_ttf, so every number here is exact. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "utf8.h"
#include "widgets.h"

#define CHAR_W 8
#define LINE_H 16

static size_t measured_bytes; /* how much text the fake font was asked to measure */

static int fake_width(void *user, enum ui_font font, const char *text, size_t len)
{
    (void)user;
    (void)font;
    measured_bytes += len;
    return (int)utf8_count(text, len) * CHAR_W;
}

static int fake_height(void *user, enum ui_font font)
{
    (void)user;
    (void)font;
    return LINE_H;
}

static char clipboard[256];

static char *fake_clip_get(void *user)
{
    (void)user;
    size_t n = strlen(clipboard);
    char *copy = malloc(n + 1);
    memcpy(copy, clipboard, n + 1);
    return copy;
}

static void fake_clip_set(void *user, const char *text)
{
    (void)user;
    snprintf(clipboard, sizeof clipboard, "%s", text);
}

static void setup(struct ui *ui)
{
    ui_init(ui);
    ui->text_width = fake_width;
    ui->text_height = fake_height;
    ui->clipboard_get = fake_clip_get;
    ui->clipboard_set = fake_clip_set;
}

static void click(struct ui *ui, int x, int y)
{
    ui_input_mouse_move(ui, x, y);
    ui_input_mouse_button(ui, UI_MOUSE_LEFT, true, 1, 0);
    ui_input_mouse_button(ui, UI_MOUSE_LEFT, false, 1, 0);
}

static int button_frame(struct ui *ui, ui_rect r, bool enabled)
{
    ui_begin(ui, 0);
    int result = widget_button(ui, &theme_light, "Send", r, BUTTON_PRIMARY, enabled);
    ui_end(ui);
    return result;
}

static void test_button(void)
{
    struct ui ui;
    setup(&ui);
    ui_rect r = {100, 100, 80, 40};
    CHECK(!(button_frame(&ui, r, true) & UI_RESULT_CLICK));

    click(&ui, 140, 120);
    CHECK(button_frame(&ui, r, true) & UI_RESULT_CLICK);
    CHECK(!(button_frame(&ui, r, true) & UI_RESULT_CLICK)); /* once */

    /* Edges: inside at the top-left pixel, outside one past the right. */
    click(&ui, 100, 100);
    CHECK(button_frame(&ui, r, true) & UI_RESULT_CLICK);
    click(&ui, 180, 120);
    CHECK(!(button_frame(&ui, r, true) & UI_RESULT_CLICK));

    /* Pressed inside, released outside: no click. */
    ui_input_mouse_move(&ui, 140, 120);
    ui_input_mouse_button(&ui, UI_MOUSE_LEFT, true, 1, 0);
    CHECK(!(button_frame(&ui, r, true) & UI_RESULT_CLICK));
    ui_input_mouse_move(&ui, 10, 10);
    ui_input_mouse_button(&ui, UI_MOUSE_LEFT, false, 1, 0);
    CHECK(!(button_frame(&ui, r, true) & UI_RESULT_CLICK));

    /* Disabled: no click. */
    click(&ui, 140, 120);
    CHECK(!(button_frame(&ui, r, false) & UI_RESULT_CLICK));

    /* Right button: no click. */
    ui_input_mouse_move(&ui, 140, 120);
    ui_input_mouse_button(&ui, UI_MOUSE_RIGHT, true, 1, 0);
    ui_input_mouse_button(&ui, UI_MOUSE_RIGHT, false, 1, 0);
    CHECK(!(button_frame(&ui, r, true) & UI_RESULT_CLICK));

    /* Keyboard: focused by a click, Enter and Space activate it. */
    click(&ui, 140, 120);
    button_frame(&ui, r, true);
    ui_input_key(&ui, UI_KEY_ENTER, 0);
    CHECK(button_frame(&ui, r, true) & UI_RESULT_CLICK);
    ui_input_key(&ui, UI_KEY_SPACE, 0);
    CHECK(button_frame(&ui, r, true) & UI_RESULT_CLICK);

    /* A clip hides what is outside it from the mouse. */
    click(&ui, 140, 120);
    ui_begin(&ui, 0);
    ui_push_clip(&ui, (ui_rect){0, 0, 120, 200});
    int res = widget_button(&ui, &theme_light, "Send", r, BUTTON_PRIMARY, true);
    ui_pop_clip(&ui);
    ui_end(&ui);
    CHECK(!(res & UI_RESULT_CLICK));

    /* Drawing: a filled rect in the primary colour and the label. */
    ui_input_mouse_move(&ui, 0, 0);
    ui_begin(&ui, 0);
    widget_button(&ui, &theme_light, "Send", r, BUTTON_PRIMARY, true);
    bool rect = false, text = false;
    for (size_t i = 0; i < ui.command_count; i++) {
        const struct ui_command *c = &ui.commands[i];
        if (c->kind == UI_COMMAND_RECT && !memcmp(&c->color, &theme_light.primary_bg, sizeof c->color))
            rect = c->rect.x == r.x && c->rect.w == r.w;
        if (c->kind == UI_COMMAND_TEXT && c->len == 4 && !memcmp(ui_command_text(&ui, c), "Send", 4))
            text = c->rect.x == r.x + (r.w - 32) / 2;
    }
    ui_end(&ui);
    CHECK(rect);
    CHECK(text);
    ui_free(&ui);
}

static int textbox_frame(struct ui *ui, struct widget_textbox *tb)
{
    ui_begin(ui, 0);
    int result = widget_textbox(ui, &theme_light, tb, (ui_rect){0, 0, 200, 40}, "type");
    ui_end(ui);
    return result;
}

static void type(struct ui *ui, const char *text)
{
    ui_input_text(ui, text);
}

static void test_textbox(void)
{
    struct ui ui;
    setup(&ui);
    struct widget_textbox tb = {0};
    textedit_init(&tb.edit);

    /* Not focused: typing goes nowhere. */
    type(&ui, "x");
    textbox_frame(&ui, &tb);
    CHECK(tb.edit.len == 0);

    click(&ui, 20, 20);
    textbox_frame(&ui, &tb);
    CHECK(ui.focus == tb.id);
    CHECK(ui.want_text_input);

    type(&ui, "ol\xC3\xA1");
    CHECK(textbox_frame(&ui, &tb) & UI_RESULT_CHANGE);
    CHECK(!strcmp(tb.edit.text, "ol\xC3\xA1"));

    /* Backspace removes the whole "á". */
    ui_input_key(&ui, UI_KEY_BACKSPACE, 0);
    textbox_frame(&ui, &tb);
    CHECK(!strcmp(tb.edit.text, "ol"));

    /* Keys and text in the order they came: "a", Left, "b" gives "olba". */
    type(&ui, "a");
    ui_input_key(&ui, UI_KEY_LEFT, 0);
    type(&ui, "b");
    textbox_frame(&ui, &tb);
    CHECK(!strcmp(tb.edit.text, "olba"));

    ui_input_key(&ui, UI_KEY_HOME, 0);
    type(&ui, ">");
    ui_input_key(&ui, UI_KEY_END, 0);
    type(&ui, "<");
    textbox_frame(&ui, &tb);
    CHECK(!strcmp(tb.edit.text, ">olba<"));

    /* Ctrl+A, Ctrl+C copies, typing replaces the selection, Ctrl+V pastes. */
    ui_input_key(&ui, UI_KEY_A, UI_MOD_CTRL);
    ui_input_key(&ui, UI_KEY_C, UI_MOD_CTRL);
    textbox_frame(&ui, &tb);
    CHECK(!strcmp(clipboard, ">olba<"));
    type(&ui, "z");
    textbox_frame(&ui, &tb);
    CHECK(!strcmp(tb.edit.text, "z"));
    snprintf(clipboard, sizeof clipboard, "p\xC3\xA9\xFFq\nr");
    ui_input_key(&ui, UI_KEY_V, UI_MOD_CTRL);
    textbox_frame(&ui, &tb);
    CHECK(!strcmp(tb.edit.text, "zp\xC3\xA9\xEF\xBF\xBDq r"));

    /* Ctrl+X cuts. */
    ui_input_key(&ui, UI_KEY_A, UI_MOD_CTRL);
    ui_input_key(&ui, UI_KEY_X, UI_MOD_CTRL);
    textbox_frame(&ui, &tb);
    CHECK(tb.edit.len == 0);
    CHECK(!strcmp(clipboard, "zp\xC3\xA9\xEF\xBF\xBDq r"));

    /* A plain "a" key (no Ctrl) is not select-all; the typed text is what counts. */
    ui_input_key(&ui, UI_KEY_A, 0);
    type(&ui, "a");
    textbox_frame(&ui, &tb);
    CHECK(!strcmp(tb.edit.text, "a"));

    /* Enter submits; what was typed after it in the same batch waits for
     * the next frame instead of being lost. */
    type(&ui, "hi");
    ui_input_key(&ui, UI_KEY_ENTER, 0);
    type(&ui, "wor");
    ui_input_key(&ui, UI_KEY_LEFT, 0);
    type(&ui, "l");
    CHECK(textbox_frame(&ui, &tb) & UI_RESULT_SUBMIT);
    CHECK(!strcmp(tb.edit.text, "ahi"));
    CHECK(ui.in.key_count == 3 && ui.in.text_len == 4);
    textedit_clear(&tb.edit); /* as the app does after sending */
    CHECK(!(textbox_frame(&ui, &tb) & UI_RESULT_SUBMIT));
    CHECK(!strcmp(tb.edit.text, "wolr"));
    CHECK(ui.in.key_count == 0 && ui.in.text_len == 0);
    textedit_set(&tb.edit, "a", 1);

    /* The input buffer says when it is full, so the app stops taking events
     * instead of dropping them. */
    CHECK(ui_input_has_room(&ui));
    for (int i = 0; i < UI_MAX_KEYS - 1; i++)
        ui_input_key(&ui, UI_KEY_NONE + UI_KEY_HOME, 0);
    CHECK(ui_input_has_room(&ui));
    ui_input_key(&ui, UI_KEY_HOME, 0);
    CHECK(!ui_input_has_room(&ui));
    textbox_frame(&ui, &tb);
    CHECK(ui_input_has_room(&ui));
    for (int i = 0; i < (UI_MAX_TEXT - 32) / 4 + 1; i++)
        type(&ui, "abcd");
    CHECK(!ui_input_has_room(&ui));
    textbox_frame(&ui, &tb);
    textedit_set(&tb.edit, "a", 1);

    ui_input_key(&ui, UI_KEY_ENTER, 0);
    CHECK(textbox_frame(&ui, &tb) & UI_RESULT_SUBMIT);

    /* Up is left for others. */
    ui_begin(&ui, 0);
    ui_input_key(&ui, UI_KEY_UP, 0);
    widget_textbox(&ui, &theme_light, &tb, (ui_rect){0, 0, 200, 40}, "type");
    CHECK(ui_take_key(&ui, UI_KEY_UP, 0));
    ui_end(&ui);

    /* A click places the caret: 10 px padding, 8 px per character. */
    textedit_set(&tb.edit, "abcdef", 6);
    click(&ui, 10 + 3 * CHAR_W + 1, 20);
    textbox_frame(&ui, &tb);
    CHECK(tb.edit.caret == 3);

    /* Long text scrolls so the caret stays inside the box. */
    char long_text[100];
    memset(long_text, 'w', 99);
    long_text[99] = '\0';
    textedit_set(&tb.edit, long_text, 99);
    textbox_frame(&ui, &tb);
    CHECK(tb.scroll_x > 0);
    CHECK(99 * CHAR_W - tb.scroll_x <= 200 - 20);
    ui_input_key(&ui, UI_KEY_HOME, 0);
    textbox_frame(&ui, &tb);
    CHECK(tb.scroll_x == 0);

    /* The caret blinks for a while after input, then stays put: no frames
     * are asked for by an idle text box. */
    ui_begin(&ui, 100000);
    widget_textbox(&ui, &theme_light, &tb, (ui_rect){0, 0, 200, 40}, "type");
    CHECK(ui.next_frame_ms == 0);
    ui_end(&ui);
    type(&ui, "k");
    ui_begin(&ui, 200000);
    widget_textbox(&ui, &theme_light, &tb, (ui_rect){0, 0, 200, 40}, "type");
    CHECK(ui.next_frame_ms > 0 && ui.next_frame_ms <= 530);
    ui_end(&ui);

    textedit_free(&tb.edit);
    ui_free(&ui);
}

/* A 1 MiB paste: each frame measures a bounded window, not the whole text,
 * and editing at both ends still works. */
static void test_long_textbox(void)
{
    struct ui ui;
    setup(&ui);
    struct widget_textbox tb = {0};
    textedit_init(&tb.edit);
    click(&ui, 20, 20);
    textbox_frame(&ui, &tb);
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('a' + i % 26);
    big[n] = '\0';
    snprintf(clipboard, sizeof clipboard, "%s", "");
    CHECK(textedit_insert(&tb.edit, big, n));
    measured_bytes = 0;
    textbox_frame(&ui, &tb);
    CHECK_MSG(measured_bytes < 64 * 1024, "one frame measured %zu bytes", measured_bytes);
    /* The caret is at the end, drawn inside the box. */
    CHECK(tb.edit.caret == n);
    CHECK(tb.caret_x >= 0 && tb.caret_x <= 200 - 20);
    type(&ui, "Z");
    textbox_frame(&ui, &tb);
    CHECK(tb.edit.len == n + 1 && tb.edit.text[n] == 'Z');
    /* Home: the start of the text at the left edge. */
    ui_input_key(&ui, UI_KEY_HOME, 0);
    measured_bytes = 0;
    textbox_frame(&ui, &tb);
    CHECK(measured_bytes < 64 * 1024);
    CHECK(tb.edit.caret == 0 && tb.window_start == 0 && tb.scroll_x == 0 && tb.caret_x == 0);
    type(&ui, "A");
    textbox_frame(&ui, &tb);
    CHECK(tb.edit.text[0] == 'A');
    /* A click lands on the character under the pointer: the 4th one. */
    click(&ui, 10 + 3 * CHAR_W + 1, 20);
    textbox_frame(&ui, &tb);
    CHECK(tb.edit.caret == 3);
    /* Moving right far along the text keeps the caret in the box. */
    for (int i = 0; i < 60; i++)
        ui_input_key(&ui, UI_KEY_RIGHT, UI_MOD_CTRL);
    ui_input_key(&ui, UI_KEY_END, 0);
    measured_bytes = 0;
    textbox_frame(&ui, &tb);
    CHECK(measured_bytes < 64 * 1024);
    CHECK(tb.edit.caret == n + 2 && tb.caret_x >= 0 && tb.caret_x <= 200 - 20);
    free(big);
    textedit_free(&tb.edit);
    ui_free(&ui);
}

static void test_tab_focus(void)
{
    struct ui ui;
    setup(&ui);
    struct widget_textbox tb = {0};
    textedit_init(&tb.edit);
    uint32_t ids[3] = {0};
    for (int frame = 0; frame < 5; frame++) {
        if (frame > 0)
            ui_input_key(&ui, UI_KEY_TAB, 0);
        ui_begin(&ui, 0);
        widget_textbox(&ui, &theme_light, &tb, (ui_rect){0, 0, 100, 40}, NULL);
        widget_button(&ui, &theme_light, "One", (ui_rect){110, 0, 50, 40}, BUTTON_PRIMARY, true);
        widget_button(&ui, &theme_light, "Two", (ui_rect){170, 0, 50, 40}, BUTTON_DANGER, true);
        ids[0] = tb.id;
        ids[1] = ui.focusable[1];
        ids[2] = ui.focusable[2];
        ui_end(&ui);
        if (frame == 1)
            CHECK(ui.focus == ids[0]);
        if (frame == 2)
            CHECK(ui.focus == ids[1]);
        if (frame == 3)
            CHECK(ui.focus == ids[2]);
        if (frame == 4)
            CHECK(ui.focus == ids[0]); /* wraps around */
    }
    ui_input_key(&ui, UI_KEY_TAB, UI_MOD_SHIFT);
    ui_begin(&ui, 0);
    widget_textbox(&ui, &theme_light, &tb, (ui_rect){0, 0, 100, 40}, NULL);
    widget_button(&ui, &theme_light, "One", (ui_rect){110, 0, 50, 40}, BUTTON_PRIMARY, true);
    widget_button(&ui, &theme_light, "Two", (ui_rect){170, 0, 50, 40}, BUTTON_DANGER, true);
    ui_end(&ui);
    CHECK(ui.focus == ids[2]);
    textedit_free(&tb.edit);
    ui_free(&ui);
}

/* The algorithm is tested in tests/unit/test_wrap.c; here, that widget_wrap
 * measures with the ui's font. */
static void test_wrap(void)
{
    struct ui ui;
    setup(&ui);
    struct wrap w = {0};
    CHECK(widget_wrap(&ui, UI_FONT_BODY, "hello world", 11, 10 * CHAR_W, 0, &w));
    CHECK(w.count == 2 && w.lines[0].len == 5 && w.lines[1].start == 6 && w.lines[1].width == 5 * CHAR_W);
    CHECK(w.max_width == 5 * CHAR_W);
    wrap_free(&w);
    ui_free(&ui);
}

static void test_scrollbar(void)
{
    struct ui ui;
    setup(&ui);
    ui_rect track = {490, 0, 10, 400};
    int64_t scroll = 0;
    /* Content fits: no scrolling at all. */
    ui_begin(&ui, 0);
    CHECK(widget_scrollbar(&ui, &theme_light, 7, track, 300, 400, &scroll) == 0 && scroll == 0);
    ui_end(&ui);

    /* 4x the view: the thumb is 100 px; dragging it to the bottom scrolls to
     * the end, clamped. */
    ui_input_mouse_move(&ui, 495, 50);
    ui_input_mouse_button(&ui, UI_MOUSE_LEFT, true, 1, 0);
    ui_begin(&ui, 0);
    widget_scrollbar(&ui, &theme_light, 7, track, 1600, 400, &scroll);
    ui_end(&ui);
    CHECK(ui.active == 7);
    ui_input_mouse_move(&ui, 495, 5000);
    ui_begin(&ui, 0);
    CHECK(widget_scrollbar(&ui, &theme_light, 7, track, 1600, 400, &scroll) & UI_RESULT_CHANGE);
    ui_end(&ui);
    CHECK(scroll == 1200);
    ui_input_mouse_move(&ui, 495, 50 + 150);
    ui_begin(&ui, 0);
    widget_scrollbar(&ui, &theme_light, 7, track, 1600, 400, &scroll);
    ui_end(&ui);
    CHECK(scroll == 600); /* 150 px of 300 px travel = half of 1200 */
    ui_input_mouse_button(&ui, UI_MOUSE_LEFT, false, 1, 0);
    ui_begin(&ui, 0);
    widget_scrollbar(&ui, &theme_light, 7, track, 1600, 400, &scroll);
    ui_end(&ui);
    CHECK(ui.active == 0);

    /* A click on the track above the thumb pages up. */
    click(&ui, 495, 10);
    ui_begin(&ui, 0);
    widget_scrollbar(&ui, &theme_light, 7, track, 1600, 400, &scroll);
    ui_end(&ui);
    CHECK(scroll == 200);
    ui_free(&ui);
}

static int count_rects(const struct ui *ui, ui_color c)
{
    int n = 0;
    for (size_t i = 0; i < ui->command_count; i++) {
        const struct ui_command *cmd = &ui->commands[i];
        n += cmd->kind == UI_COMMAND_RECT && !memcmp(&cmd->color, &c, sizeof c);
    }
    return n;
}

/* Search hits in a bubble: a hit that crosses a wrapped line break is
 * highlighted on both lines; the current one in its own colour; JSON spans
 * colour their bytes. */
static void test_bubble_highlights(void)
{
    struct ui ui;
    setup(&ui);
    const struct theme *t = &theme_light;
    const char *text = "aaaa needle bbbb needle";
    struct wrap w = {0};
    /* 10 characters a line: "aaaa" | "needle" | "bbbb" | "needle". */
    CHECK(widget_wrap(&ui, UI_FONT_BODY, text, strlen(text), 10 * CHAR_W, 0, &w));
    CHECK(w.count == 4);
    uint32_t hits[2] = {3, 15}; /* "a needle" and "b needle": each crosses a break */
    struct bubble b = {.kind = BUBBLE_RECEIVED, .label = "Received", .text = text, .wrap = &w,
                       .matches = hits, .match_count = 2, .match_len = 8, .current = 1};
    int bw, bh;
    widget_bubble_size(&ui, &b, &bw, &bh);
    struct bubble_input in;
    ui_begin(&ui, 0);
    widget_bubble(&ui, t, 1, (ui_rect){0, 0, bw, bh}, &b, &in);
    ui_end(&ui);
    CHECK(count_rects(&ui, t->match_bg) == 2);         /* "a" on line 1, "needle" on line 2 */
    CHECK(count_rects(&ui, t->match_current_bg) == 2); /* "b" on line 3, "needle" on line 4 */
    /* Text under a hit is drawn in the hit's text colour, the rest plain. */
    int hit_text = 0, plain_text = 0;
    for (size_t i = 0; i < ui.command_count; i++) {
        const struct ui_command *c = &ui.commands[i];
        if (c->kind != UI_COMMAND_TEXT || c->font != UI_FONT_BODY)
            continue;
        hit_text += !memcmp(&c->color, &t->match_text, sizeof c->color);
        plain_text += !memcmp(&c->color, &t->received_text, sizeof c->color);
    }
    CHECK(hit_text >= 4 && plain_text >= 2);

    /* A selection over part of a line: one background from its start to its end. */
    struct bubble s = {.kind = BUBBLE_SENT, .label = "Sent", .text = text, .wrap = &w, .sel_start = 5,
                       .sel_end = 8, .current = SIZE_MAX};
    ui_begin(&ui, 0);
    widget_bubble(&ui, t, 2, (ui_rect){0, 0, bw, bh}, &s, &in);
    ui_end(&ui);
    bool found = false;
    for (size_t i = 0; i < ui.command_count; i++) {
        const struct ui_command *c = &ui.commands[i];
        if (c->kind == UI_COMMAND_RECT && !memcmp(&c->color, &t->selection, sizeof c->color))
            found = c->rect.w == 3 * CHAR_W;
    }
    CHECK(found);
    wrap_free(&w);
    ui_free(&ui);
}

static void test_commands(void)
{
    struct ui ui;
    setup(&ui);
    ui_begin(&ui, 0);
    ui_push_clip(&ui, (ui_rect){0, 0, 100, 100});
    ui_draw_rect(&ui, (ui_rect){200, 200, 10, 10}, UI_RGB(0x123456), 0); /* clipped away */
    ui_draw_rect(&ui, (ui_rect){10, 10, 10, 10}, UI_RGB(0x123456), 50);  /* radius capped */
    ui_draw_text(&ui, UI_FONT_BODY, "hi", 2, 5, 5, UI_RGB(0));
    ui_draw_text(&ui, UI_FONT_BODY, "no", 2, 5, 500, UI_RGB(0)); /* below the clip */
    ui_pop_clip(&ui);
    CHECK(ui.command_count == 4); /* clip, rect, text, clip */
    CHECK(ui.commands[0].kind == UI_COMMAND_CLIP && ui.commands[0].rect.w == 100);
    CHECK(ui.commands[1].kind == UI_COMMAND_RECT && ui.commands[1].radius == 5);
    CHECK(ui.commands[2].kind == UI_COMMAND_TEXT && ui.commands[2].rect.w == 16 &&
          !memcmp(ui_command_text(&ui, &ui.commands[2]), "hi", 2));
    CHECK(ui.commands[3].kind == UI_COMMAND_CLIP && ui.commands[3].rect.w < 0);
    ui_end(&ui);

    /* Ids: the same label under different parents differs. */
    uint32_t plain = ui_id_str(&ui, "x");
    ui_push_id(&ui, 1);
    uint32_t one = ui_id_str(&ui, "x");
    ui_pop_id(&ui);
    ui_push_id(&ui, 2);
    uint32_t two = ui_id_str(&ui, "x");
    ui_pop_id(&ui);
    CHECK(plain != one && one != two && plain == ui_id_str(&ui, "x"));
    /* Small numbers pushed are hashed too: the on-screen keyboard's keys
     * 41 "o" and 35 "e" had one id (0x29 ^ 'o' == 0x23 ^ 'e'). */
    ui_push_id(&ui, 41);
    uint32_t o = ui_id_str(&ui, "o");
    ui_pop_id(&ui);
    ui_push_id(&ui, 35);
    CHECK(o != ui_id_str(&ui, "e"));
    ui_pop_id(&ui);

    ui_rect a = {0, 0, 10, 10}, b = {5, 5, 10, 10};
    ui_rect i = ui_rect_intersect(a, b);
    CHECK(i.x == 5 && i.y == 5 && i.w == 5 && i.h == 5);
    i = ui_rect_intersect(a, (ui_rect){20, 20, 5, 5});
    CHECK(i.w == 0 && i.h == 0);
    ui_free(&ui);
}

static void test_theme_contrast(const struct theme *t)
{
    struct {
        const char *name;
        ui_color fg, bg;
    } pairs[] = {
        {"text on bar", t->text, t->bar_bg},
        {"muted on bar", t->text_muted, t->bar_bg},
        {"muted on window", t->text_muted, t->window_bg},
        {"sent text", t->sent_text, t->sent_bg},
        {"sent label", t->sent_label, t->sent_bg},
        {"received text", t->received_text, t->received_bg},
        {"received label", t->received_label, t->received_bg},
        {"failed text", t->failed_text, t->failed_bg},
        {"failed label", t->failed_label, t->failed_bg},
        {"system text", t->system_text, t->window_bg},
        {"primary button", t->primary_text, t->primary_bg},
        {"primary hover", t->primary_text, t->primary_hover},
        {"danger button", t->danger_text, t->secondary_bg},
        {"danger hover", t->danger_text, t->secondary_hover},
        {"connect button", t->connect_text, t->connect_bg},
        {"connect hover", t->connect_text, t->connect_hover},
        {"input text", t->input_text, t->input_bg},
        {"placeholder", t->placeholder, t->input_bg},
        {"selected text", t->input_text, t->selection},
        {"disabled button", t->disabled_text, t->disabled_bg},
        {"search match", t->match_text, t->match_bg},
        {"current match", t->match_text, t->match_current_bg},
        {"new messages pill", t->pill_text, t->pill_bg},
        {"tooltip", t->tooltip_text, t->tooltip_bg},
        {"status tag", t->tag_text, t->tag_bg},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double c = theme_contrast(pairs[i].fg, pairs[i].bg);
        CHECK_MSG(c >= 4.5, "%s theme, %s: contrast %.2f < 4.5", t->name, pairs[i].name, c);
    }
    for (int k = 0; k < 5; k++) {
        double r = theme_contrast(t->json_received[k], t->received_bg);
        double s = theme_contrast(t->json_sent[k], t->sent_bg);
        CHECK_MSG(r >= 4.5, "%s theme, JSON colour %d on received: %.2f", t->name, k, r);
        CHECK_MSG(s >= 4.5, "%s theme, JSON colour %d on sent: %.2f", t->name, k, s);
    }
}

static void test_contrast(void)
{
    CHECK(theme_contrast(UI_RGB(0x000000), UI_RGB(0xFFFFFF)) > 20.9);
    CHECK(theme_contrast(UI_RGB(0x777777), UI_RGB(0x777777)) < 1.01);
    test_theme_contrast(&theme_light);
    test_theme_contrast(&theme_dark);
    /* The two themes really differ: dark has a dark window. */
    CHECK(theme_contrast(theme_dark.window_bg, UI_RGB(0x000000)) < 2.0);
    CHECK(theme_contrast(theme_light.window_bg, UI_RGB(0xFFFFFF)) < 1.2);
}

/* ---- touch ---------------------------------------------------------------- */

/* One frame of a scroll area (id 42, 500 x 400 at the origin) with a
 * button in it, and a button below it, outside. */
struct touch_frame {
    int inside, outside;
    struct ui_drag drag;
    bool press_after; /* the press the area held back reaches what comes after it */
};

static const ui_rect touch_area = {0, 0, 500, 400};
static const ui_rect touch_in = {100, 100, 80, 40};
static const ui_rect touch_out = {100, 450, 80, 40};

static struct touch_frame touch_frame(struct ui *ui, uint64_t now, bool moving)
{
    struct touch_frame f;
    ui_begin(ui, now);
    ui_touch_scroll(ui, 42, touch_area, moving, &f.drag);
    f.inside = widget_button(ui, &theme_light, "In", touch_in, BUTTON_PRIMARY, true);
    ui_touch_scroll_end(ui);
    f.press_after = ui->in.mouse_pressed & UI_MOUSE_LEFT;
    f.outside = widget_button(ui, &theme_light, "Out", touch_out, BUTTON_PRIMARY, true);
    ui_end(ui);
    return f;
}

static void finger(struct ui *ui, int x, int y)
{
    ui_input_touch(ui, true);
    ui_input_mouse_move(ui, x, y);
}

static void finger_down(struct ui *ui, int x, int y, int clicks)
{
    finger(ui, x, y);
    ui_input_mouse_button(ui, UI_MOUSE_LEFT, true, clicks, 0);
}

static void finger_up(struct ui *ui, int x, int y)
{
    finger(ui, x, y);
    ui_input_mouse_button(ui, UI_MOUSE_LEFT, false, 1, 0);
}

static void test_touch_tap(void)
{
    struct ui ui;
    setup(&ui);
    /* A tap on the button in the area: nothing while the finger is down
     * (it may yet drag), one click when it lifts, within the slop. */
    finger_down(&ui, 140, 120, 1);
    struct touch_frame f = touch_frame(&ui, 1000, false);
    CHECK(!(f.inside & (UI_RESULT_PRESS | UI_RESULT_CLICK)) && f.drag.dy == 0 && !f.drag.released);
    CHECK(ui.touch.owner == 42 && ui.active == 0);
    CHECK(f.press_after); /* given back after the area */
    finger(&ui, 145, 124); /* 6.4 px: a finger is not a mouse */
    f = touch_frame(&ui, 1050, false);
    CHECK(!(f.inside & (UI_RESULT_PRESS | UI_RESULT_CLICK)) && f.drag.dy == 0);
    finger_up(&ui, 145, 124);
    f = touch_frame(&ui, 1100, false);
    CHECK((f.inside & UI_RESULT_PRESS) && (f.inside & UI_RESULT_CLICK));
    CHECK(f.drag.dy == 0 && !f.drag.released && ui.touch.owner == 0);
    /* Once; and the lifted finger hovers nothing. */
    CHECK(ui.in.mouse_x == -1 && ui.in.mouse_y == -1);
    f = touch_frame(&ui, 1116, false);
    CHECK(!(f.inside & (UI_RESULT_CLICK | UI_RESULT_HOVER)));

    /* Down and up between two frames: still one click. */
    finger_down(&ui, 140, 120, 1);
    finger_up(&ui, 140, 120);
    f = touch_frame(&ui, 1200, false);
    CHECK(f.inside & UI_RESULT_CLICK);
    CHECK(!(touch_frame(&ui, 1216, false).inside & UI_RESULT_CLICK));

    /* The second tap of a double tap keeps its count. */
    finger_down(&ui, 140, 120, 2);
    touch_frame(&ui, 1300, false);
    finger_up(&ui, 140, 120);
    f = touch_frame(&ui, 1350, false);
    CHECK((f.inside & UI_RESULT_CLICK) && (f.inside & UI_RESULT_DOUBLE));

    /* The slop is in layout units: at scale 2, 12 px is still a tap. */
    ui.scale = 2.0f;
    finger_down(&ui, 140, 110, 1);
    touch_frame(&ui, 1400, false);
    finger_up(&ui, 140, 122);
    f = touch_frame(&ui, 1450, false);
    CHECK((f.inside & UI_RESULT_CLICK) && f.drag.dy == 0);
    ui.scale = 0.0f;

    /* A press while the area moves (a fling) only stops it. */
    finger_down(&ui, 140, 120, 1);
    f = touch_frame(&ui, 1500, true);
    finger_up(&ui, 140, 120);
    f = touch_frame(&ui, 1550, false);
    CHECK(!(f.inside & UI_RESULT_CLICK) && f.drag.released && f.drag.velocity == 0.0f);

    /* Outside the area a finger is a mouse: pressed at once (a text box
     * selects by dragging, a key shows it is held). */
    finger_down(&ui, 140, 470, 1);
    f = touch_frame(&ui, 1600, false);
    CHECK((f.outside & UI_RESULT_PRESS) && ui.touch.owner == 0);
    finger_up(&ui, 140, 470);
    f = touch_frame(&ui, 1650, false);
    CHECK(f.outside & UI_RESULT_CLICK);

    /* The mouse is never held back, and never scrolls. */
    ui_input_touch(&ui, false);
    ui_input_mouse_move(&ui, 140, 120);
    ui_input_mouse_button(&ui, UI_MOUSE_LEFT, true, 1, 0);
    f = touch_frame(&ui, 1700, false);
    CHECK((f.inside & UI_RESULT_PRESS) && ui.touch.owner == 0);
    ui_input_mouse_move(&ui, 140, 300);
    f = touch_frame(&ui, 1716, false);
    CHECK(f.drag.dy == 0);
    ui_input_mouse_move(&ui, 150, 125);
    ui_input_mouse_button(&ui, UI_MOUSE_LEFT, false, 1, 0);
    f = touch_frame(&ui, 1732, false);
    CHECK((f.inside & UI_RESULT_CLICK) && !f.drag.released);
    CHECK(ui.in.mouse_x == 150); /* (a mouse stays where it is) */
    ui_free(&ui);
}

static void test_touch_drag(void)
{
    struct ui ui;
    setup(&ui);
    /* Down on the button, then down the screen: the area follows the
     * finger pixel for pixel once it leaves the slop, from where it went
     * down; the button never sees a press. */
    static const int ys[] = {124, 140, 170, 220};
    static const int dys[] = {0, -20, -30, -50};
    int seen = 0;
    finger_down(&ui, 140, 120, 1);
    struct touch_frame f = touch_frame(&ui, 1000, false);
    seen |= f.inside;
    for (int i = 0; i < 4; i++) {
        if (i == 3)
            finger_up(&ui, 140, ys[i]); /* the last move comes with the release */
        else
            finger(&ui, 140, ys[i]);
        f = touch_frame(&ui, 1000 + 16 * (uint64_t)(i + 1), false);
        seen |= f.inside;
        CHECK_MSG(f.drag.dy == dys[i], "move %d: dy %d, want %d", i, f.drag.dy, dys[i]);
    }
    CHECK(!(seen & (UI_RESULT_PRESS | UI_RESULT_CLICK)));
    /* Released moving: 100 px down in 64 ms. */
    CHECK(f.drag.released);
    CHECK_MSG(f.drag.velocity == -100.0f / 64.0f, "velocity %f", (double)f.drag.velocity);
    CHECK(ui.touch.owner == 0 && ui.active == 0);

    /* Upward, as fast; the velocity counts only the last 100 ms. */
    finger_down(&ui, 140, 380, 1);
    touch_frame(&ui, 2000, false);
    for (int i = 1; i <= 10; i++) {
        finger(&ui, 140, 380 - 20 * i);
        f = touch_frame(&ui, 2000 + 20 * (uint64_t)i, false);
        CHECK_MSG(f.drag.dy == 20, "move %d: dy %d", i, f.drag.dy);
    }
    finger_up(&ui, 140, 180);
    f = touch_frame(&ui, 2200, false); /* (in the same frame as the last move) */
    CHECK(f.drag.released && f.drag.dy == 0);
    CHECK_MSG(f.drag.velocity == 1.0f, "velocity %f", (double)f.drag.velocity);

    /* A finger that stops before it lifts leaves nothing moving. */
    finger_down(&ui, 140, 380, 1);
    touch_frame(&ui, 3000, false);
    finger(&ui, 140, 200);
    touch_frame(&ui, 3016, false);
    finger(&ui, 140, 200);
    touch_frame(&ui, 3200, false); /* held still */
    finger_up(&ui, 140, 200);
    f = touch_frame(&ui, 3210, false);
    CHECK(f.drag.released && f.drag.velocity == 0.0f);

    /* The drag can end anywhere, also over the button: no click. */
    finger_down(&ui, 140, 300, 1);
    touch_frame(&ui, 4000, false);
    finger_up(&ui, 140, 120);
    f = touch_frame(&ui, 4016, false);
    CHECK(!(f.inside & UI_RESULT_CLICK) && f.drag.dy == 180);
    ui_free(&ui);
}

/* Sums a fling from t0 in frames of step_ms; returns the pixels and sets
 * the frames it ran. */
static int fling_run(float velocity, float scale, int step_ms, int *frames, bool *steps_shrink)
{
    struct ui ui;
    setup(&ui);
    ui.scale = scale;
    ui.now_ms = 5000;
    struct widget_fling f;
    widget_fling_start(&f, &ui, velocity);
    int total = 0, last = 1 << 30, n = 0;
    *steps_shrink = true;
    float was = f.velocity;
    while (widget_fling_moving(&f) && n < 100000) {
        ui.now_ms += (uint64_t)step_ms;
        int px = widget_fling_step(&f, &ui);
        /* Whole pixels from a shrinking distance: at most one more than
         * the step before (a carried fraction). */
        *steps_shrink &= abs(px) <= abs(last) + 1 && (f.velocity == 0.0f || fabsf(f.velocity) < fabsf(was));
        was = f.velocity;
        last = px;
        total += px;
        n++;
    }
    *frames = n;
    ui_free(&ui);
    return total;
}

static void test_fling(void)
{
    /* 2 px/ms goes v * 200 ms / ln 2 = 577 px, less the few pixels left
     * when it falls under 0.02 px/ms (about 6), in about 1.3 s. */
    int frames;
    bool shrink;
    float travel = 2.0f * WIDGET_FLING_HALF_LIFE_MS / 0.693147f;
    int at60 = fling_run(2.0f, 1.0f, 16, &frames, &shrink);
    CHECK_MSG(at60 <= (int)travel && at60 >= (int)travel - 8, "%d px, want about %.0f", at60, (double)travel);
    CHECK_MSG(frames > 70 && frames < 90, "%d frames", frames);
    CHECK(shrink);
    /* The same at 30 frames a second, or in one late frame. */
    int at30 = fling_run(2.0f, 1.0f, 33, &frames, &shrink);
    CHECK_MSG(abs(at30 - at60) <= 2 && shrink, "%d px at 30 fps, %d at 60", at30, at60);
    int once = fling_run(2.0f, 1.0f, 5000, &frames, &shrink);
    CHECK(frames == 1 && abs(once - (int)travel) <= 1);
    /* Toward the top: the same, negative. */
    CHECK(fling_run(-2.0f, 1.0f, 16, &frames, &shrink) == -at60);

    struct ui ui;
    setup(&ui);
    struct widget_fling f;
    /* Too slow to fling; too fast is capped; both in layout units. */
    widget_fling_start(&f, &ui, 0.1f);
    CHECK(!widget_fling_moving(&f) && widget_fling_step(&f, &ui) == 0);
    widget_fling_start(&f, &ui, -50.0f);
    CHECK(f.velocity == -WIDGET_FLING_MAX);
    ui.scale = 2.0f;
    widget_fling_start(&f, &ui, 0.2f);
    CHECK(!widget_fling_moving(&f));
    widget_fling_start(&f, &ui, 0.4f);
    CHECK(widget_fling_moving(&f));
    widget_fling_stop(&f);
    CHECK(!widget_fling_moving(&f) && widget_fling_step(&f, &ui) == 0);
    /* A clock that goes back moves nothing. */
    ui.now_ms = 1000;
    widget_fling_start(&f, &ui, 3.0f);
    ui.now_ms = 900;
    CHECK(widget_fling_step(&f, &ui) == 0 && widget_fling_moving(&f));
    ui_free(&ui);
}

int main(void)
{
    test_button();
    test_textbox();
    test_tab_focus();
    test_long_textbox();
    test_wrap();
    test_scrollbar();
    test_touch_tap();
    test_touch_drag();
    test_fling();
    test_commands();
    test_bubble_highlights();
    test_contrast();
    return check_summary("ui");
}
