/* SPDX-License-Identifier: MIT */
/* screen: real frames, headless. The view, the ui core, the real font and
 * the renderer draw into a surface through SDL's software renderer; the
 * test reads the pixels back and clicks through the ui's input. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "chat.h"
#include "check.h"
#include "font.h"
#include "i18n.h"
#include "platform.h"
#include "render.h"
#include "screen_harness.h"
#include "framemenu.h"
#include "view.h"

/* One frame; its actions (screen_harness.c). */
static struct view_actions frame(struct screen *s)
{
    return screen_frame(s);
}

static bool draw(struct screen *s, bool force)
{
    return render_frame(s->stage.render, &s->stage.ui, s->stage.view.theme->window_bg, force);
}

static Uint32 pixel(const struct screen *s, int x, int y)
{
    const Uint32 *row = (const Uint32 *)((const Uint8 *)s->surface->pixels + y * s->surface->pitch);
    return row[x] & 0xFFFFFF;
}

static Uint32 rgb(ui_color c)
{
    return (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
}

/* True when the last frame drew a text command holding text. */
static bool find_text(const struct screen *s, const char *text)
{
    return screen_find_text(s, text);
}

static int count_color(const struct screen *s, ui_rect r, ui_color c)
{
    Uint32 want = rgb(c);
    int n = 0;
    for (int y = r.y; y < r.y + r.h && y < s->h; y++)
        for (int x = r.x; x < r.x + r.w && x < s->w; x++)
            n += pixel(s, x, y) == want;
    return n;
}

/* Bounding box of the pixels of colour c inside r (w = 0 when none). */
static ui_rect find_color(const struct screen *s, ui_rect r, ui_color c)
{
    Uint32 want = rgb(c);
    int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
    for (int y = r.y; y < r.y + r.h && y < s->h; y++)
        for (int x = r.x; x < r.x + r.w && x < s->w; x++)
            if (pixel(s, x, y) == want) {
                x0 = x < x0 ? x : x0;
                y0 = y < y0 ? y : y0;
                x1 = x > x1 ? x : x1;
                y1 = y > y1 ? y : y1;
            }
    if (x1 < 0)
        return (ui_rect){0, 0, 0, 0};
    return (ui_rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

static void click_at(struct screen *s, int x, int y)
{
    screen_click_at(s, x, y);
}

static void click_rect(struct screen *s, ui_rect r)
{
    click_at(s, r.x + r.w / 2, r.y + r.h / 2);
}

/* Where the last frame drew the text command that is exactly text (w = 0: nowhere). */
static ui_rect text_rect(const struct screen *s, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < s->stage.ui.command_count; i++) {
        const struct ui_command *c = &s->stage.ui.commands[i];
        if (c->kind == UI_COMMAND_TEXT && c->len == n && !memcmp(ui_command_text(&s->stage.ui, c), text, n))
            return c->rect;
    }
    return (ui_rect){0, 0, 0, 0};
}

/* The last text command of the last frame that is exactly text and starts
 * in the rows [top, bottom) (w = 0: none). */
static ui_rect last_text_rect_in(const struct screen *s, const char *text, int top, int bottom)
{
    size_t n = strlen(text);
    ui_rect found = {0, 0, 0, 0};
    for (size_t i = 0; i < s->stage.ui.command_count; i++) {
        const struct ui_command *c = &s->stage.ui.commands[i];
        if (c->kind == UI_COMMAND_TEXT && c->len == n && !memcmp(ui_command_text(&s->stage.ui, c), text, n) &&
            c->rect.y >= top && c->rect.y < bottom)
            found = c->rect;
    }
    return found;
}

static ui_rect last_text_rect(const struct screen *s, const char *text)
{
    return last_text_rect_in(s, text, INT_MIN, INT_MAX);
}

/* A finger, as the app feeds it: SDL's mouse events made from touch. */
static void finger_to(struct screen *s, int x, int y)
{
    ui_input_touch(&s->stage.ui, true);
    ui_input_mouse_move(&s->stage.ui, x, y);
}

static void finger_down(struct screen *s, int x, int y)
{
    finger_to(s, x, y);
    ui_input_mouse_button(&s->stage.ui, UI_MOUSE_LEFT, true, 1, 0);
}

static void finger_up(struct screen *s, int x, int y)
{
    finger_to(s, x, y);
    ui_input_mouse_button(&s->stage.ui, UI_MOUSE_LEFT, false, 1, 0);
}

/* A tap at the middle of r: down in one frame, up in the next. Adds the
 * sends to *sends, keeps a recalled message's id; returns how many actions
 * came at the wrong time (with the press, or in the frame after). */
static int tap(struct screen *s, ui_rect r, int *sends, uint64_t *recalled)
{
    int x = r.x + r.w / 2, y = r.y + r.h / 2;
    finger_down(s, x, y);
    struct view_actions a = frame(s);
    int down_actions = a.send || a.recall_id;
    finger_up(s, x, y);
    a = frame(s);
    *sends += a.send;
    if (a.recall_id)
        *recalled = a.recall_id;
    /* Nothing more afterwards. */
    struct view_actions after = frame(s);
    *sends += after.send;
    return down_actions + (after.recall_id != 0);
}

static char *text(const char *s)
{
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    memcpy(copy, s, n + 1);
    return copy;
}

static void connect_chat(struct chat *chat)
{
    screen_connect_chat(chat);
}

static void receive(struct chat *chat, const char *s)
{
    struct net_event ev = {.kind = NET_EVENT_RECEIVED, .data = text(s), .len = strlen(s),
                           .time_us = 1764043506000000};
    chat_apply(chat, &ev);
}

static uint64_t send_ok(struct chat *chat, const char *s)
{
    uint64_t id = chat_add_sent(chat, s, strlen(s), 1764043505000000);
    struct net_event ev = {.kind = NET_EVENT_SENT, .id = id};
    chat_apply(chat, &ev);
    return id;
}

static uint64_t send_failed(struct chat *chat, const char *s)
{
    uint64_t id = chat_add_sent(chat, s, strlen(s), 1764043507000000);
    struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = id, .error = NET_ERROR_NOT_CONNECTED};
    chat_apply(chat, &ev);
    return id;
}

/* A connected chat with 200 messages, "message number 0" to 199, sent and
 * received in turn. */
static void numbered_conversation(struct chat *chat)
{
    connect_chat(chat);
    char line[64];
    for (int i = 0; i < 200; i++) {
        snprintf(line, sizeof line, "message number %d", i);
        if (i % 2)
            receive(chat, line);
        else
            send_ok(chat, line);
    }
}

static bool inside(ui_rect inner, ui_rect outer)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

static bool overlap(ui_rect a, ui_rect b)
{
    ui_rect i = ui_rect_intersect(a, b);
    return i.w > 0 && i.h > 0;
}

/* Layout and hit-testing at one window size, in both languages. */
static void test_layout(int w, int h, enum i18n_lang lang)
{
    i18n_set_lang(lang);
    struct screen s;
    CHECK(screen_open(&s, w, h));
    connect_chat(&s.stage.chat);
    frame(&s);
    struct view *v = &s.stage.view;
    ui_rect window = {0, 0, w, h};
    CHECK_MSG(inside(v->status_rect, window) && inside(v->list_rect, window) &&
                  inside(v->input_rect, window) && inside(v->send_rect, window) &&
                  inside(v->close_rect, window),
              "%dx%d: a control is outside the window", w, h);
    CHECK(v->conn.bar_rect.y == 0 && v->conn.bar_rect.w == w);
    CHECK(v->status_rect.y == v->conn.bar_rect.h && v->status_rect.w == w);
    CHECK(v->list_rect.y == v->status_rect.y + v->status_rect.h);
    CHECK_MSG(inside(v->conn.url_rect, window) && inside(v->conn.connect_rect, window) && !overlap(v->conn.url_rect, v->conn.connect_rect),
              "%dx%d: the connection bar's controls", w, h);
    CHECK_MSG(v->conn.url_rect.w >= 120, "%dx%d: URL field only %d px wide", w, h, v->conn.url_rect.w);
    CHECK(v->input_rect.y > v->list_rect.y + v->list_rect.h - 1);
    CHECK_MSG(!overlap(v->input_rect, v->send_rect) && !overlap(v->send_rect, v->close_rect) &&
                  !overlap(v->input_rect, v->close_rect),
              "%dx%d: controls overlap", w, h);
    CHECK_MSG(v->input_rect.w >= 120, "%dx%d: text box only %d px wide", w, h, v->input_rect.w);
    CHECK(v->send_rect.x < v->close_rect.x && v->input_rect.x < v->send_rect.x);
    CHECK_MSG(v->close_rect.x + v->close_rect.w == w - 12, "%dx%d: close button not at the right", w, h);
    CHECK(v->list_rect.h > 100);

    /* The labels fit their buttons (no "…"). */
    const char *send = tr(I18N_SEND), *close = tr(I18N_CLOSE);
    CHECK_MSG(ui_text_width(&s.stage.ui, UI_FONT_LABEL, send, strlen(send)) <= v->send_rect.w - 8,
              "%dx%d: '%s' does not fit", w, h, send);
    CHECK_MSG(ui_text_width(&s.stage.ui, UI_FONT_LABEL, close, strlen(close)) <= v->close_rect.w - 8,
              "%dx%d: '%s' does not fit", w, h, close);

    /* Hit-testing: Send is disabled while the box is empty, then works. */
    click_rect(&s, v->send_rect);
    CHECK(!frame(&s).send);
    textedit_set(&v->input.edit, "hi", 2);
    frame(&s);
    click_rect(&s, v->send_rect);
    struct view_actions a = frame(&s);
    CHECK_MSG(a.send && !a.close && !a.connect, "%dx%d: click on Send", w, h);
    /* Enter in the box sends too (the click put the focus back there). */
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    CHECK(frame(&s).send);

    click_rect(&s, v->close_rect);
    a = frame(&s);
    CHECK_MSG(a.close && !a.send && !a.connect, "%dx%d: click on Close", w, h);
    /* Between the two buttons: nothing. */
    click_at(&s, v->send_rect.x + v->send_rect.w + 3, v->send_rect.y + 5);
    a = frame(&s);
    CHECK(!a.close && !a.send && !a.connect);

    /* Disconnected: the same button, same place and size, connects. */
    ui_rect close_rect = v->close_rect, send_rect = v->send_rect;
    struct net_event ev = {.kind = NET_EVENT_CLOSED, .code = 1000, .closer = NET_CLOSER_CLIENT};
    chat_apply(&s.stage.chat, &ev);
    frame(&s);
    CHECK(!memcmp(&close_rect, &v->close_rect, sizeof close_rect));
    CHECK(!memcmp(&send_rect, &v->send_rect, sizeof send_rect));
    click_rect(&s, v->close_rect);
    a = frame(&s);
    CHECK_MSG(a.connect && !a.close, "%dx%d: click on Connect", w, h);

    /* The second click of a double click does nothing: no close-and-reconnect. */
    connect_chat(&s.stage.chat);
    frame(&s);
    click_rect(&s, v->close_rect);
    a = frame(&s);
    CHECK(a.close);
    chat_apply(&s.stage.chat, &ev);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 2, 0);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 2, 0);
    a = frame(&s);
    CHECK(!a.connect && !a.close);

    screen_close(&s);
    i18n_set_lang(I18N_EN);
}

static void test_pixels(void)
{
    struct screen s;
    CHECK(screen_open(&s, 900, 640));
    const struct theme *t = s.stage.view.theme;
    connect_chat(&s.stage.chat);
    send_ok(&s.stage.chat, "hello");
    receive(&s.stage.chat, "hello back");
    frame(&s);
    CHECK(draw(&s, true));

    ui_rect list = s.stage.view.list_rect;
    ui_rect left = {list.x, list.y, list.w / 2, list.h};
    ui_rect right = {list.x + list.w / 2, list.y, list.w / 2, list.h};
    /* The sent bubble on the right in its colour, none of it on the left. */
    ui_rect sent = find_color(&s, right, t->sent_bg);
    CHECK_MSG(sent.w > 40 && sent.h > 30, "sent bubble %dx%d", sent.w, sent.h);
    CHECK(count_color(&s, left, t->sent_bg) == 0);
    /* Its right edge is near the list's right edge. */
    CHECK(sent.x + sent.w > list.x + list.w - 60);
    /* The received bubble on the left: white inside a border on the grey
     * background, below the sent one. */
    ui_rect received = find_color(&s, left, t->received_bg);
    CHECK_MSG(received.w > 40 && received.h > 30, "received bubble %dx%d", received.w, received.h);
    CHECK(received.x < list.x + 40);
    CHECK(received.y > sent.y + sent.h - 1);
    CHECK(count_color(&s, left, t->bar_border) > 50);
    /* Text is drawn inside both, in the text colour (the cores of the glyph
     * strokes hit it exactly; their edges are blends). */
    int sent_text = count_color(&s, sent, t->sent_text);
    CHECK_MSG(sent_text > 10, "sent bubble text pixels: %d", sent_text);
    int received_text = count_color(&s, received, t->received_text);
    CHECK_MSG(received_text > 10, "received bubble text pixels: %d", received_text);
    int sent_label = count_color(&s, sent, t->sent_label);
    CHECK_MSG(sent_label > 10, "sent label pixels: %d", sent_label);
    /* The connected dot in the status bar. */
    CHECK(count_color(&s, s.stage.view.status_rect, t->dot_connected) > 20);
    CHECK(count_color(&s, s.stage.view.status_rect, t->dot_disconnected) == 0);
    /* Corners are rounded: the bubble's top-left pixel is background. */
    CHECK(pixel(&s, sent.x, sent.y) != rgb(t->sent_bg));

    /* An identical frame is not drawn again and renders no text. */
    struct font_stats before, after;
    font_get_stats(s.stage.font, &before);
    frame(&s);
    CHECK(!draw(&s, false));
    font_get_stats(s.stage.font, &after);
    CHECK(after.renders == before.renders);
    uint64_t presented, skipped;
    render_get_counts(s.stage.render, &presented, &skipped);
    CHECK(presented == 1 && skipped == 1);
    /* A forced frame (e.g. exposed) is drawn, from the text cache. */
    frame(&s);
    CHECK(draw(&s, true));
    font_get_stats(s.stage.font, &after);
    CHECK(after.renders == before.renders);
    CHECK(after.draw_hits > before.draw_hits);

    /* Not sent: its own colours, on the right, and the status goes red. */
    struct net_event ev = {.kind = NET_EVENT_CLOSED, .code = 1006, .closer = NET_CLOSER_NONE,
                           .error = NET_ERROR_CONNECTION_LOST};
    chat_apply(&s.stage.chat, &ev);
    uint64_t failed = send_failed(&s.stage.chat, "lost one");
    frame(&s);
    CHECK(draw(&s, false));
    ui_rect failed_box = find_color(&s, right, t->failed_bg);
    CHECK_MSG(failed_box.w > 40, "not-sent bubble %dx%d", failed_box.w, failed_box.h);
    CHECK(count_color(&s, left, t->failed_bg) == 0);
    CHECK(count_color(&s, s.stage.view.status_rect, t->dot_disconnected) > 20);
    CHECK(count_color(&s, s.stage.view.status_rect, t->dot_connected) == 0);

    /* Clicking it recalls its text; the second click of a double click
     * does not do it again. */
    click_rect(&s, failed_box);
    struct view_actions a = frame(&s);
    CHECK(a.recall_id == failed);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 2, 0);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 2, 0);
    a = frame(&s);
    CHECK(a.recall_id == 0);
    /* So does Up in the empty box (the double click left the focus on
     * the bubble: click into the box first). */
    click_rect(&s, s.stage.view.input_rect);
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_UP, 0);
    a = frame(&s);
    CHECK(a.recall_id == failed);
    /* Once recalled, the bubble stops offering it (its note goes, it gets
     * shorter) and Up walks the history of what was sent, like a shell;
     * Down comes back to the draft. */
    int64_t tall = view_content_height(&s.stage.view);
    chat_mark_recalled(&s.stage.chat, failed);
    frame(&s);
    CHECK(view_content_height(&s.stage.view) < tall);
    textedit_set(&s.stage.view.input.edit, "first sent", 10);
    view_sent(&s.stage.view);
    textedit_set(&s.stage.view.input.edit, "sent fine", 9);
    view_sent(&s.stage.view);
    CHECK(s.stage.view.input.edit.len == 0);
    textedit_set(&s.stage.view.input.edit, "draft", 5);
    ui_input_key(&s.stage.ui, UI_KEY_UP, 0);
    a = frame(&s);
    CHECK(a.recall_id == 0 && !strcmp(s.stage.view.input.edit.text, "sent fine"));
    ui_input_key(&s.stage.ui, UI_KEY_UP, 0);
    frame(&s);
    CHECK(!strcmp(s.stage.view.input.edit.text, "first sent"));
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, 0);
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, 0);
    frame(&s);
    CHECK(!strcmp(s.stage.view.input.edit.text, "draft"));
    textedit_clear(&s.stage.view.input.edit);
    /* Recall never loses a draft: it goes in at the caret. */
    view_recall(&s.stage.view, "lost one", 8);
    CHECK(!strcmp(s.stage.view.input.edit.text, "lost one"));
    view_recall(&s.stage.view, "!", 1);
    CHECK(!strcmp(s.stage.view.input.edit.text, "lost one!"));
    screen_close(&s);
}

/* Frames until the smooth scrolling has arrived. */
static void settle(struct screen *s)
{
    for (int i = 0; i < 200 && s->stage.view.list.scroll_pending != 0.0f; i++) {
        frame(s);
        if (getenv("DEBUG_SCROLL"))
            fprintf(stderr, "pending %.2f anchor %zu+%d follow %d\n", s->stage.view.list.scroll_pending,
                    s->stage.view.list.anchor_row, s->stage.view.list.anchor_offset, s->stage.view.list.follow);
    }
    CHECK(s->stage.view.list.scroll_pending == 0.0f);
}

static void test_scrolling(void)
{
    struct screen s;
    CHECK(screen_open(&s, 900, 640));
    numbered_conversation(&s.stage.chat);
    char line[64];
    frame(&s);
    struct view *v = &s.stage.view;
    int line_h = font_text_height(s.stage.font, UI_FONT_BODY);
    int64_t max_scroll = view_content_height(v) - v->list_rect.h;
    CHECK(max_scroll > 1000);
    CHECK(v->list.follow && view_scroll_position(v) == max_scroll);

    /* Wheel up: the view glides up three lines a notch, pixel for pixel,
     * asking for frames while it moves and none once it is there. */
    ui_input_mouse_move(&s.stage.ui, 450, 300);
    ui_input_wheel(&s.stage.ui, 3);
    frame(&s);
    CHECK(!v->list.follow && v->list.scroll_pending != 0.0f && s.stage.ui.next_frame_ms > 0);
    settle(&s);
    /* Rows above that get laid out change the guessed total; what counts
     * is the distance from the bottom. */
    int64_t from_bottom = view_content_height(v) - view_scroll_position(v);
    CHECK_MSG(from_bottom == v->list_rect.h + 9 * line_h, "%lld from the bottom, want %d",
              (long long)from_bottom, v->list_rect.h + 9 * line_h);
    /* A touchpad's fraction of a notch moves a fraction of a line. */
    int64_t at = view_scroll_position(v);
    ui_input_wheel(&s.stage.ui, 0.25f);
    frame(&s);
    settle(&s);
    CHECK(at - view_scroll_position(v) == (int64_t)(0.25f * 3 * line_h + 0.5f) ||
          at - view_scroll_position(v) == (int64_t)(0.25f * 3 * line_h));

    /* More messages: the view stays put and a pill counts them. */
    size_t first = v->list.first_drawn;
    int64_t held = view_scroll_position(v);
    receive(&s.stage.chat, "a new one");
    frame(&s);
    CHECK(view_scroll_position(v) == held && v->list.first_drawn == first);
    CHECK(v->list.pill_rect.w > 0);
    receive(&s.stage.chat, "and one more");
    frame(&s);
    char pill[64];
    snprintf(pill, sizeof pill, tr(I18N_NEW_MESSAGES), (size_t)2);
    CHECK(find_text(&s, pill));
    /* Clicking the pill jumps to the newest, and the pill goes. */
    click_rect(&s, v->list.pill_rect);
    frame(&s);
    frame(&s);
    CHECK(v->list.follow && v->list.pill_rect.w == 0);
    CHECK(view_scroll_position(v) == view_content_height(v) - v->list_rect.h);

    /* Back to the bottom by wheel: following again, new messages pull it along. */
    ui_input_wheel(&s.stage.ui, 2);
    frame(&s);
    settle(&s);
    CHECK(!v->list.follow);
    ui_input_wheel(&s.stage.ui, -100);
    frame(&s);
    settle(&s);
    CHECK(v->list.follow && v->list.pill_rect.w == 0);
    int64_t before = view_content_height(v);
    receive(&s.stage.chat, "and another");
    frame(&s);
    CHECK(view_content_height(v) > before &&
          view_scroll_position(v) == view_content_height(v) - v->list_rect.h);
    /* PageUp moves most of a screen. */
    ui_input_key(&s.stage.ui, UI_KEY_PAGE_UP, 0);
    frame(&s);
    settle(&s);
    from_bottom = view_content_height(v) - view_scroll_position(v);
    CHECK(!v->list.follow && from_bottom == v->list_rect.h + v->list_rect.h * 9 / 10);
    /* Ctrl+Home: the first message at the top; Ctrl+End: the newest. */
    ui_input_key(&s.stage.ui, UI_KEY_HOME, UI_MOD_CTRL);
    frame(&s);
    frame(&s);
    CHECK(view_scroll_position(v) == 0 && v->list.first_drawn == 0);
    snprintf(line, sizeof line, "message number %d", 0);
    CHECK(find_text(&s, line));
    ui_input_key(&s.stage.ui, UI_KEY_END, UI_MOD_CTRL);
    frame(&s);
    frame(&s);
    CHECK(v->list.follow && find_text(&s, "and another"));
    /* The scroll bar thumb is drawn. */
    draw(&s, true);
    int sb = 14;
    CHECK(count_color(&s, (ui_rect){v->list_rect.x + v->list_rect.w - sb, v->list_rect.y, sb,
                                    v->list_rect.h},
                      v->theme->scroll_thumb) > 20);
    /* Dragging the thumb to the top shows the first message. */
    ui_rect track = {v->list_rect.x + v->list_rect.w - sb, v->list_rect.y, sb, v->list_rect.h};
    int thumb_y = -1;
    for (int y = track.y; y < track.y + track.h && thumb_y < 0; y++)
        if (pixel(&s, track.x + sb / 2 - 1, y) == rgb(v->theme->scroll_thumb))
            thumb_y = y;
    CHECK(thumb_y > track.y + track.h / 2); /* at the bottom now */
    ui_input_mouse_move(&s.stage.ui, track.x + sb / 2 - 1, thumb_y + 5);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 1, 0);
    frame(&s);
    ui_input_mouse_move(&s.stage.ui, track.x + sb / 2 - 1, track.y - 200);
    frame(&s);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 1, 0);
    frame(&s);
    frame(&s);
    CHECK(!v->list.follow && v->list.first_drawn == 0);
    screen_close(&s);
}

/* Selecting and copying in bubbles, the full date on a time stamp, showing
 * a long message whole, and clearing the conversation. */
static void test_bubbles(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 900, 640));
    connect_chat(&s.stage.chat);
    receive(&s.stage.chat, "hello brave new world");
    frame(&s);
    draw(&s, true);
    struct view *v = &s.stage.view;
    ui_rect bubble = find_color(&s, v->list_rect, v->theme->received_bg);
    CHECK(bubble.w > 100);
    int pad = BUBBLE_PAD_X, line_h = font_text_height(s.stage.font, UI_FONT_BODY);
    int text_y = bubble.y + BUBBLE_PAD_Y + font_text_height(s.stage.font, UI_FONT_LABEL) + 2 + line_h / 2;
    int x0 = bubble.x + pad;
    int brave_a = x0 + font_text_width(s.stage.font, UI_FONT_BODY, "hello ", 6);
    int brave_b = x0 + font_text_width(s.stage.font, UI_FONT_BODY, "hello brave", 11);

    /* Drag across "brave", then Ctrl+C. */
    ui_input_mouse_move(&s.stage.ui, brave_a + 1, text_y);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 1, 0);
    frame(&s);
    ui_input_mouse_move(&s.stage.ui, brave_b - 1, text_y);
    frame(&s);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 1, 0);
    frame(&s);
    draw(&s, true);
    CHECK(count_color(&s, bubble, v->theme->selection) > 50);
    ui_input_key(&s.stage.ui, UI_KEY_C, UI_MOD_CTRL);
    frame(&s);
    CHECK_MSG(!strcmp(s.clip, "brave"), "copied '%s'", s.clip);
    CHECK(find_text(&s, tr(I18N_COPIED)) || (frame(&s), find_text(&s, tr(I18N_COPIED))));
    /* Typing goes back to the text box. */
    ui_input_text(&s.stage.ui, "x");
    frame(&s);
    CHECK(!strcmp(v->input.edit.text, "x"));
    textedit_clear(&v->input.edit);

    /* A double click selects a word. */
    int world_x = x0 + font_text_width(s.stage.font, UI_FONT_BODY, "hello brave new wo", 18);
    click_at(&s, world_x, text_y);
    frame(&s);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 2, 0);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 2, 0);
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_C, UI_MOD_CTRL);
    frame(&s);
    CHECK_MSG(!strcmp(s.clip, "world"), "copied '%s'", s.clip);
    /* A click elsewhere in the list clears it; Ctrl+C with the bubble
     * focused and nothing selected copies the whole message. */
    click_at(&s, bubble.x + bubble.w - 4, bubble.y + 4);
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_C, UI_MOD_CTRL);
    frame(&s);
    CHECK_MSG(!strcmp(s.clip, "hello brave new world"), "copied '%s'", s.clip);

    /* Right click copies the whole message too. */
    s.clip[0] = '\0';
    ui_input_mouse_move(&s.stage.ui, brave_a, text_y);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_RIGHT, true, 1, 0);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_RIGHT, false, 1, 0);
    frame(&s);
    CHECK(!strcmp(s.clip, "hello brave new world"));

    /* Hovering the time shows the full date. */
    int time_x =
        x0 + font_text_width(s.stage.font, UI_FONT_LABEL, tr(I18N_RECEIVED), strlen(tr(I18N_RECEIVED))) + 8 + 4;
    ui_input_mouse_move(&s.stage.ui, time_x, bubble.y + BUBBLE_PAD_Y + 6);
    frame(&s);
    frame(&s);
    CHECK_MSG(strlen(v->list.tooltip) == 19 && v->list.tooltip[4] == '-' && v->list.tooltip[13] == ':', "tooltip '%s'",
              v->list.tooltip);
    CHECK(find_text(&s, v->list.tooltip));

    /* JSON: pretty-printed with coloured keys, strings, numbers and
     * literals; the Raw link shows it as it came. */
    const char *doc = "{\"name\":\"Ponte\",\"ok\":true,\"n\":[1,2]}";
    receive(&s.stage.chat, doc);
    frame(&s);
    draw(&s, true);
    CHECK(find_text(&s, "\"name\"") && !find_text(&s, doc));
    ui_rect list = v->list_rect;
    const struct theme *t = v->theme;
    CHECK(count_color(&s, list, t->json_received[JSON_KEY]) > 10);
    CHECK(count_color(&s, list, t->json_received[JSON_STRING]) > 10);
    CHECK(count_color(&s, list, t->json_received[JSON_NUMBER]) > 3);
    CHECK(count_color(&s, list, t->json_received[JSON_LITERAL]) > 3);
    ui_rect raw = last_text_rect(&s, tr(I18N_SHOW_RAW));
    CHECK(raw.w > 0);
    click_at(&s, raw.x + 2, raw.y + 4);
    frame(&s);
    frame(&s);
    draw(&s, true);
    CHECK(find_text(&s, doc) && find_text(&s, tr(I18N_SHOW_JSON)));
    CHECK(count_color(&s, list, t->json_received[JSON_KEY]) == 0);
    /* Not JSON: a brace that does not close, and a bare number. */
    receive(&s.stage.chat, "{\"broken\": ");
    receive(&s.stage.chat, "42");
    frame(&s);
    CHECK(find_text(&s, "{\"broken\": ") && find_text(&s, "42"));

    /* A message over 64 KiB: shown cut with a note and "Show all". */
    size_t big = 100000;
    char *words = malloc(big + 1);
    for (size_t i = 0; i < big; i++)
        words[i] = i % 6 == 5 ? ' ' : 'a' + (char)(i % 26);
    words[big] = '\0';
    receive(&s.stage.chat, words);
    frame(&s);
    frame(&s);
    CHECK(find_text(&s, tr(I18N_SHOW_ALL)));
    int64_t cut_height = view_content_height(v);
    /* Click the link: find where it was drawn. */
    ui_rect link = last_text_rect(&s, tr(I18N_SHOW_ALL));
    CHECK(link.w > 0);
    click_at(&s, link.x + 3, link.y + 4);
    frame(&s);
    frame(&s);
    CHECK(find_text(&s, tr(I18N_SHOW_LESS)));
    CHECK_MSG(view_content_height(v) > cut_height + 500 * line_h, "whole: %lld px, cut: %lld px",
              (long long)view_content_height(v), (long long)cut_height);
    free(words);

    /* A message of 300,000 line feeds shown whole stops at 100,000 lines
     * and says what it leaves out: no bubble taller than a frame can say. */
    size_t feeds_len = 300000;
    char *feeds = malloc(feeds_len + 1);
    memset(feeds, '\n', feeds_len);
    feeds[feeds_len] = '\0';
    receive(&s.stage.chat, feeds);
    free(feeds);
    frame(&s);
    frame(&s);
    link = last_text_rect(&s, tr(I18N_SHOW_ALL));
    CHECK(link.w > 0);
    int64_t before_all = view_content_height(v);
    click_at(&s, link.x + 3, link.y + 4);
    frame(&s);
    frame(&s);
    int64_t grown = view_content_height(v) - before_all;
    CHECK_MSG(grown > 90000LL * line_h && grown < 100001LL * line_h, "grew %lld px", (long long)grown);
    char more[64];
    snprintf(more, sizeof more, tr(I18N_MORE_BYTES), feeds_len - 100000);
    CHECK_MSG(find_text(&s, more) && find_text(&s, tr(I18N_SHOW_LESS)), "no '%s' with Show less", more);

    /* In a filtered list, copying a bubble copies that bubble's text. */
    chat_clear(&s.stage.chat);
    frame(&s);
    connect_chat(&s.stage.chat);
    receive(&s.stage.chat, "{\"a\":\"AAAA\"}");
    receive(&s.stage.chat, "{\"b\":\"BBBB\"}");
    view_find_open(v, &s.stage.ui);
    view_find_filter(v, false, false, false, true);
    for (int i = 0; i < 4; i++)
        frame(&s);
    CHECK(v->list.find.filtered && v->list.find.rows.count == 2);
    draw(&s, true);
    ui_rect first_bubble = find_color(&s, (ui_rect){v->list_rect.x, v->list_rect.y, v->list_rect.w, 60},
                                      v->theme->received_bg);
    CHECK(first_bubble.w > 0);
    click_at(&s, first_bubble.x + first_bubble.w - 6, first_bubble.y + 20);
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_A, UI_MOD_CTRL);
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_C, UI_MOD_CTRL);
    frame(&s);
    CHECK_MSG(!strcmp(s.clip, "{\n  \"a\": \"AAAA\"\n}"), "copied '%s'", s.clip);
    view_find_close(v, &s.stage.ui);
    frame(&s);

    /* Ctrl+L asks to clear; after chat_clear the list is empty. */
    ui_input_key(&s.stage.ui, UI_KEY_L, UI_MOD_CTRL);
    struct view_actions a = frame(&s);
    CHECK(a.clear);
    chat_clear(&s.stage.chat);
    frame(&s);
    CHECK(v->list.rows.count == 0 && find_text(&s, tr(I18N_EMPTY)));
    receive(&s.stage.chat, "after the clear");
    frame(&s);
    CHECK(v->list.rows.count == 1 && find_text(&s, "after the clear"));
    screen_close(&s);
}

/* Ctrl+F: the find bar counts hits as it searches, Enter and Shift+Enter
 * walk them (scrolling each into view), the filters narrow the list, and
 * Escape puts everything back. */
static void test_find(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 1280, 800));
    connect_chat(&s.stage.chat);
    char line[96];
    int needles = 0, needle_received = 0;
    for (int i = 0; i < 3000; i++) {
        bool hit = i % 100 == 7;
        snprintf(line, sizeof line, "message %d%s", i, hit ? " has a Needle in it" : "");
        needles += hit;
        if (i % 2) {
            receive(&s.stage.chat, line);
            needle_received += hit;
        } else {
            send_ok(&s.stage.chat, line);
        }
    }
    receive(&s.stage.chat, "two needles: needle and NEEDLE");
    frame(&s);
    struct view *v = &s.stage.view;
    ui_input_key(&s.stage.ui, UI_KEY_F, UI_MOD_CTRL);
    frame(&s);
    CHECK(v->findbar.open && v->findbar.rect.h > 0 && v->list_rect.y == v->findbar.rect.y + v->findbar.rect.h);
    CHECK(find_text(&s, tr(I18N_FIND_PLACEHOLDER)));
    ui_input_text(&s.stage.ui, "needle");
    frame(&s);
    for (int i = 0; i < 10; i++)
        frame(&s);
    char want[64];
    snprintf(want, sizeof want, tr(I18N_FIND_MANY), (unsigned long long)(needles + 3));
    CHECK_MSG(find_text(&s, want), "no '%s'", want);
    /* The newest message is on screen with its three hits highlighted. */
    draw(&s, true);
    CHECK(count_color(&s, v->list_rect, v->theme->match_bg) > 100);

    /* Enter goes to the first hit at or below the top of the screen; with
     * the list at the bottom that is the newest message. */
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    frame(&s);
    frame(&s);
    draw(&s, true);
    CHECK(v->list.find.has_current);
    CHECK(count_color(&s, v->list_rect, v->theme->match_current_bg) > 30);
    snprintf(want, sizeof want, tr(I18N_FIND_OF), (unsigned long long)(needles + 1),
             (unsigned long long)(needles + 3));
    CHECK_MSG(find_text(&s, want), "no '%s'", want);
    /* Shift+Enter: back to the hit before, far up the list: it scrolls
     * into view. */
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, UI_MOD_SHIFT);
    frame(&s);
    frame(&s);
    snprintf(want, sizeof want, tr(I18N_FIND_OF), (unsigned long long)needles,
             (unsigned long long)(needles + 3));
    CHECK_MSG(find_text(&s, want), "no '%s'", want);
    /* (Highlighting draws a line in pieces: look for the part before the hit.) */
    snprintf(line, sizeof line, "message %d has a ", 2907);
    CHECK_MSG(!v->list.follow && find_text(&s, line), "follow %d, rows %zu..+%zu, current %zu", v->list.follow,
              v->list.first_drawn, v->list.drawn_count, v->list.find.current);
    /* F3 goes forward again. */
    ui_input_key(&s.stage.ui, UI_KEY_F3, 0);
    frame(&s);
    frame(&s);
    CHECK(find_text(&s, "two "));

    /* Only matches: the list holds just the messages with hits. */
    ui_rect bar = v->findbar.rect;
    ui_rect only = last_text_rect(&s, tr(I18N_FIND_ONLY_MATCHES));
    CHECK(only.w > 0 && only.y >= bar.y && only.y < bar.y + bar.h);
    click_at(&s, only.x + only.w / 2, only.y + only.h / 2);
    for (int i = 0; i < 5; i++)
        frame(&s);
    CHECK(v->list.find.filtered && v->list.find.only_matches);
    CHECK_MSG(v->list.find.rows.count == (size_t)needles + 1, "%zu rows, want %d", v->list.find.rows.count,
              needles + 1);
    CHECK(!find_text(&s, "message 2998")); /* a message without a hit is not drawn */
    /* And hide the sent ones: only received messages with hits remain. */
    ui_rect sent = last_text_rect_in(&s, tr(I18N_FILTER_SENT), bar.y, bar.y + bar.h);
    CHECK(sent.w > 0);
    click_at(&s, sent.x + sent.w / 2, sent.y + sent.h / 2);
    for (int i = 0; i < 5; i++)
        frame(&s);
    CHECK_MSG(v->list.find.rows.count == (size_t)needle_received + 1, "%zu rows, want %d",
              v->list.find.rows.count, needle_received + 1);
    /* A new message with a hit joins the filtered list. */
    receive(&s.stage.chat, "late needle");
    frame(&s);
    frame(&s);
    CHECK_MSG(v->list.find.rows.count == (size_t)needle_received + 2, "%zu rows", v->list.find.rows.count);
    CHECK(find_text(&s, "late "));

    /* What is counted is what is shown: in a JSON message shown pretty the
     * bar finds `": 1` (as drawn), not `":1` (as sent). */
    receive(&s.stage.chat, "{\"aa\":1,\"b\":[2,3]}");
    view_find_filter(v, false, false, false, false);
    view_find_open(v, &s.stage.ui); /* the query selected: typing replaces it */
    frame(&s);
    ui_input_text(&s.stage.ui, "\": 1");
    for (int i = 0; i < 5; i++)
        frame(&s);
    CHECK_MSG(find_text(&s, tr(I18N_FIND_ONE)), "\": 1 in the pretty JSON: not one match");
    ui_input_key(&s.stage.ui, UI_KEY_LEFT, 0);
    ui_input_key(&s.stage.ui, UI_KEY_BACKSPACE, 0); /* `":1` */
    for (int i = 0; i < 5; i++)
        frame(&s);
    CHECK(!strcmp(v->findbar.box.edit.text, "\":1"));
    CHECK_MSG(find_text(&s, tr(I18N_FIND_NONE)), "\":1 counted though not shown");

    /* Escape closes the bar: the whole list again, the focus back in the box. */
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    frame(&s);
    frame(&s);
    CHECK(!v->findbar.open && !v->list.find.filtered && v->findbar.rect.h == 0);
    CHECK(s.stage.ui.focus == v->input.id);
    CHECK(v->list.rows.count == s.stage.chat.count && v->list.follow && find_text(&s, "late needle"));
    draw(&s, true);
    CHECK(count_color(&s, v->list_rect, v->theme->match_bg) == 0);
    screen_close(&s);
}

/* Zoom and HiDPI: at scale 1, 1.5 and 2 the fonts are rasterised at the
 * real size and everything is laid out in proportion; every wrapped line
 * still fits its bubble. */
static void test_scales(void)
{
    static const float scales[] = {1.0f, 1.5f, 2.0f};
    int status_h[3], line_h[3], bubble_w[3];
    char prose[600] = "";
    for (int i = 0; i < 12; i++)
        strcat(prose, "Ponte wraps long lines of prose at every zoom. ");
    for (int k = 0; k < 3; k++) {
        static struct screen s;
        float f = scales[k];
        CHECK(screen_open(&s, (int)(900 * f), (int)(640 * f)));
        CHECK(font_set_scale(s.stage.font, f));
        s.stage.ui.scale = f;
        connect_chat(&s.stage.chat);
        receive(&s.stage.chat, "short");
        receive(&s.stage.chat, prose);
        frame(&s);
        CHECK(draw(&s, true));
        status_h[k] = s.stage.view.status_rect.h;
        line_h[k] = font_text_height(s.stage.font, UI_FONT_BODY);
        ui_rect bubble = find_color(&s, s.stage.view.list_rect, s.stage.view.theme->received_bg);
        bubble_w[k] = bubble.w;
        /* Every text line drawn inside the list ends inside the bubbles'
         * right edge. */
        int overflow = 0;
        for (size_t i = 0; i < s.stage.ui.command_count; i++) {
            const struct ui_command *c = &s.stage.ui.commands[i];
            if (c->kind == UI_COMMAND_TEXT && c->font == UI_FONT_BODY && c->rect.y > s.stage.view.list_rect.y &&
                c->rect.y < s.stage.view.list_rect.y + s.stage.view.list_rect.h) {
                int w = font_text_width(s.stage.font, UI_FONT_BODY, ui_command_text(&s.stage.ui, c), c->len);
                overflow += c->rect.x + w > bubble.x + bubble.w;
            }
        }
        CHECK_MSG(overflow == 0, "scale %.1f: %d lines past the bubble", (double)f, overflow);
        screen_close(&s);
    }
    for (int k = 1; k < 3; k++) {
        float f = scales[k];
        CHECK_MSG(status_h[k] == (int)(44 * f + 0.5f), "status bar %d px at %.1fx", status_h[k], (double)f);
        CHECK_MSG(line_h[k] > line_h[0] * f - 3 && line_h[k] < line_h[0] * f + 3, "line %d px at %.1fx, %d at 1x",
                  line_h[k], (double)f, line_h[0]);
        CHECK_MSG(bubble_w[k] > bubble_w[0] * f * 0.9 && bubble_w[k] < bubble_w[0] * f * 1.1,
                  "bubble %d px at %.1fx, %d at 1x", bubble_w[k], (double)f, bubble_w[0]);
    }
}

/* A million messages: a frame lays out only the rows on screen, and going
 * anywhere in the list costs the same. */
static void test_million(void)
{
    struct screen s;
    CHECK(screen_open(&s, 1280, 800));
    connect_chat(&s.stage.chat);
    char line[96];
    for (int i = 0; i < 1000000; i++) {
        int n = snprintf(line, sizeof line, "message %d %s", i,
                         i % 3 ? "short" : "a longer one that takes more of the bubble's width");
        if (i % 2)
            chat_add_sent(&s.stage.chat, line, (size_t)n, i);
        else
            receive(&s.stage.chat, line);
    }
    struct view *v = &s.stage.view;
    uint64_t built = v->list.stats.layouts_built;
    frame(&s);
    uint64_t first_frame = v->list.stats.layouts_built - built;
    CHECK_MSG(first_frame <= 2 * v->list.drawn_count + 2, "first frame laid out %llu rows for %zu drawn",
              (unsigned long long)first_frame, v->list.drawn_count);
    CHECK(v->list.drawn_count > 5 && v->list.drawn_count < 40);
    CHECK(v->list.rows.count == s.stage.chat.count);
    /* Scrolling through already laid-out rows lays out nothing new. */
    built = v->list.stats.layouts_built;
    frame(&s);
    CHECK(v->list.stats.layouts_built == built);
    /* The middle of the list by dragging the thumb: a handful more rows. */
    int sb = 14;
    ui_rect track = {v->list_rect.x + v->list_rect.w - sb, v->list_rect.y, sb, v->list_rect.h};
    built = v->list.stats.layouts_built;
    ui_input_mouse_move(&s.stage.ui, track.x + sb / 2 - 1, track.y + track.h - 30);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 1, 0);
    frame(&s);
    ui_input_mouse_move(&s.stage.ui, track.x + sb / 2 - 1, track.y + track.h / 2);
    frame(&s);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 1, 0);
    frame(&s);
    CHECK(!v->list.follow);
    CHECK_MSG(v->list.stats.layouts_built - built <= 3 * v->list.drawn_count + 4, "%llu layouts for a jump",
              (unsigned long long)(v->list.stats.layouts_built - built));
    CHECK_MSG(v->list.first_drawn > 400000 && v->list.first_drawn < 600000, "the middle is row %zu", v->list.first_drawn);
    /* Ctrl+Home then the wheel: still only rows near the screen. */
    ui_input_key(&s.stage.ui, UI_KEY_HOME, UI_MOD_CTRL);
    frame(&s);
    frame(&s);
    CHECK(v->list.first_drawn == 0 && find_text(&s, "message 0 a longer one that takes more of the bubble's width"));
    built = v->list.stats.layouts_built;
    ui_input_mouse_move(&s.stage.ui, 600, 400);
    ui_input_wheel(&s.stage.ui, -10);
    frame(&s);
    settle(&s);
    CHECK(v->list.stats.layouts_built - built < 40);
    CHECK(v->list.first_drawn > 0 && v->list.first_drawn < 40);
    /* Rows laid out above the anchor do not move it: what is on screen stays. */
    size_t first = v->list.first_drawn;
    int64_t pos = view_scroll_position(v);
    frame(&s);
    CHECK(v->list.first_drawn == first && view_scroll_position(v) == pos);
    /* The memory the view keeps per message: 4 bytes of height, and a little
     * for the block sums. */
    size_t per_row = (v->list.rows.cap * sizeof *v->list.rows.rows + (v->list.rows.blocks + 1) * sizeof *v->list.rows.tree) /
                     v->list.rows.count;
    CHECK_MSG(per_row <= 8, "%zu bytes a row", per_row);
    screen_close(&s);
}

static void test_wrap_and_resize(void)
{
    struct screen s;
    CHECK(screen_open(&s, 1280, 800));
    connect_chat(&s.stage.chat);
    char long_text[2000];
    long_text[0] = '\0';
    for (int i = 0; i < 60; i++)
        strcat(long_text, "wrapping words ");
    receive(&s.stage.chat, long_text);
    /* A single word wider than any bubble, and control characters. */
    char word[400];
    memset(word, 'W', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    receive(&s.stage.chat, word);
    receive(&s.stage.chat, "tab\there\r\nnul\x01 and bell\x07");
    frame(&s);
    int64_t wide_height = view_content_height(&s.stage.view);
    s.w = 480;
    s.h = 360;
    frame(&s);
    CHECK_MSG(view_content_height(&s.stage.view) > wide_height, "narrower window, taller content: %lld vs %lld",
              (long long)view_content_height(&s.stage.view), (long long)wide_height);
    screen_close(&s);

    /* Every line of every bubble fits the bubble at 480 px. */
    CHECK(screen_open(&s, 480, 360));
    connect_chat(&s.stage.chat);
    receive(&s.stage.chat, word);
    receive(&s.stage.chat, long_text);
    frame(&s);
    CHECK(draw(&s, true));
    ui_rect list = s.stage.view.list_rect;
    /* No bubble paints past the list's right edge (minus the scroll bar). */
    CHECK(count_color(&s, (ui_rect){list.x + list.w - 12, list.y, 2, list.h}, s.stage.view.theme->received_bg) == 0);
    screen_close(&s);
}

/* Hostile shapes: thousands of lines, one 64 KiB word, many line feeds.
 * Each bubble stays at most 200 lines tall and says how much it leaves out. */
static void test_huge_messages(void)
{
    struct screen s;
    CHECK(screen_open(&s, 900, 640));
    connect_chat(&s.stage.chat);
    int line_h = font_text_height(s.stage.font, UI_FONT_BODY);

    char *lines = malloc(50001);
    for (int i = 0; i < 5000; i++)
        snprintf(lines + i * 10, 11, "line %04d\n", i);
    receive(&s.stage.chat, lines);
    frame(&s);
    int64_t one = view_content_height(&s.stage.view);
    CHECK_MSG(one < 200 * line_h + 150, "5,000 lines make %lld px", (long long)one);
    CHECK(one > 190 * line_h);
    CHECK(draw(&s, true));
    /* The note under the 200 lines: 50,000 - 200 * 10 bytes left out. */
    char note[64];
    snprintf(note, sizeof note, tr(I18N_MORE_BYTES), (size_t)48000);
    CHECK_MSG(last_text_rect(&s, note).w > 0, "no \"%s\" note drawn", note);

    char *feeds = malloc((64 << 10) + 1);
    memset(feeds, '\n', 64 << 10);
    feeds[64 << 10] = '\0';
    receive(&s.stage.chat, feeds);
    memset(feeds, 'w', 64 << 10);
    receive(&s.stage.chat, feeds);
    frame(&s);
    CHECK_MSG(view_content_height(&s.stage.view) < one + 2 * (200 * line_h + 150), "content %lld px",
              (long long)view_content_height(&s.stage.view));
    CHECK(draw(&s, true));
    free(feeds);
    free(lines);
    screen_close(&s);
}

/* The status bar: what a connection agreed, the insecure tag, and the
 * countdown to the next attempt with Reconnect now. */
/* Connected over TLS with the subprotocol "chat": details for the bar. */
static void connect_with_details(struct chat *chat)
{
    struct net_event ev = {.kind = NET_EVENT_CONNECTING};
    chat_apply(chat, &ev);
    ev = (struct net_event){.kind = NET_EVENT_CONNECTED, .connected = calloc(1, sizeof *ev.connected),
                            .time_us = platform_wall_clock_us()};
    CHECK(ev.connected != NULL);
    if (ev.connected)
        *ev.connected = (struct net_connected){.protocol = "chat", .tls_version = "TLSv1.3",
                                               .tls_cipher = "TLS_AES_256_GCM_SHA384"};
    chat_apply(chat, &ev);
}

static void test_status_details(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 1280, 640));
    s.stage.view.insecure = true;
    connect_with_details(&s.stage.chat);
    struct net_event ev;
    ev = (struct net_event){.kind = NET_EVENT_PONG, .code = 420};
    chat_apply(&s.stage.chat, &ev);
    frame(&s);
    CHECK(find_text(&s, "chat \xC2\xB7 TLSv1.3 TLS_AES_256_GCM_SHA384 \xC2\xB7 since"));
    CHECK(find_text(&s, "ping 0.42 ms"));
    CHECK(find_text(&s, tr(I18N_INSECURE)));
    draw(&s, true);
    CHECK(count_color(&s, s.stage.view.status_rect, s.stage.view.theme->tag_bg) > 50);
    /* Messages the socket has not taken yet: counted, and each bubble says
     * "Sending…" until it has. */
    CHECK(!find_text(&s, "sending"));
    uint64_t a1 = chat_add_sent(&s.stage.chat, "one", 3, 1);
    chat_add_sent(&s.stage.chat, "two", 3, 1);
    frame(&s);
    char sending[64];
    snprintf(sending, sizeof sending, tr(I18N_SENDING_COUNT), 2ULL);
    CHECK_MSG(find_text(&s, sending), "no '%s'", sending);
    CHECK(find_text(&s, tr(I18N_SENDING)));
    ev = (struct net_event){.kind = NET_EVENT_SENT, .id = a1};
    chat_apply(&s.stage.chat, &ev);
    ev = (struct net_event){.kind = NET_EVENT_NOT_SENT, .id = a1 + 1, .error = NET_ERROR_CANCELLED};
    chat_apply(&s.stage.chat, &ev);
    frame(&s);
    CHECK(!find_text(&s, "sending") && !find_text(&s, tr(I18N_SENDING)));

    ev = (struct net_event){.kind = NET_EVENT_CLOSED, .code = 1012, .closer = NET_CLOSER_SERVER};
    chat_apply(&s.stage.chat, &ev);
    ev = (struct net_event){.kind = NET_EVENT_RETRY, .code = 4500, .id = 3, .time_us = platform_wall_clock_us()};
    chat_apply(&s.stage.chat, &ev);
    struct view_actions a = frame(&s);
    char want[96];
    snprintf(want, sizeof want, tr(I18N_RECONNECTING), 5, 3u);
    CHECK_MSG(find_text(&s, want), "no '%s'", want);
    CHECK(find_text(&s, tr(I18N_RECONNECT_NOW)));
    CHECK(s.stage.ui.next_frame_ms > 0 && s.stage.ui.next_frame_ms <= 1001); /* the countdown ticks */
    click_rect(&s, s.stage.view.close_rect);
    a = frame(&s);
    CHECK(a.connect); /* Reconnect now */
    screen_close(&s);
}

/* A status line too long for the bar: the pointer on the bar shows all of
 * it under the bar, a part per line (the same for a finger's last touch);
 * away from the bar, or when the line fits, no tip. */
static void status_tip_case(int width, bool cut)
{
    static struct screen s;
    CHECK(screen_open(&s, width, 500));
    connect_with_details(&s.stage.chat);
    frame(&s);
    const struct view *v = &s.stage.view;
    CHECK(v->status_tip[0] == '\0');
    ui_rect bar = v->status_rect;
    ui_input_mouse_move(&s.stage.ui, bar.x + 40, bar.y + bar.h / 2);
    frame(&s);
    if (!cut) {
        CHECK_MSG(v->status_tip[0] == '\0', "[%d px] a tip for a line that fits: %s", width, v->status_tip);
        screen_close(&s);
        return;
    }
    CHECK_MSG(strstr(v->status_tip, "\nchat\nTLSv1.3 TLS_AES_256_GCM_SHA384\n") != NULL,
              "[%d px] the tip: \"%s\"", width, v->status_tip);
    /* Drawn: its lines below the bar, on the tip's colour. */
    CHECK(find_text(&s, "TLSv1.3 TLS_AES_256_GCM_SHA384"));
    draw(&s, true);
    ui_rect below = {0, bar.y + bar.h, width, 120};
    CHECK(count_color(&s, below, v->theme->tooltip_bg) > 500);
    ui_input_mouse_move(&s.stage.ui, bar.x + 40, v->list_rect.y + v->list_rect.h / 2);
    frame(&s);
    CHECK(v->status_tip[0] == '\0' && !find_text(&s, "TLSv1.3 TLS_AES_256_GCM_SHA384"));
    finger_down(&s, bar.x + 40, bar.y + bar.h / 2);
    frame(&s);
    finger_up(&s, bar.x + 40, bar.y + bar.h / 2);
    frame(&s);
    CHECK_MSG(v->status_tip[0] != '\0', "[%d px] no tip after a tap on the bar", width);
    screen_close(&s);
}

static void test_status_tip(void)
{
    status_tip_case(520, true);
    status_tip_case(1280, false);
}

/* Offline: retries that fail alike share one line that counts them, and a
 * strip under the list offers the built-in echo server: its button asks for
 * it, in both languages, at a wide and a narrow width (the button goes
 * under the text); it goes once connected, and never covers the list. */
static void test_offline_offer(void)
{
    static const struct {
        int w;
        enum i18n_lang lang;
    } cases[] = {{1280, I18N_EN}, {480, I18N_EN}, {1280, I18N_PT_BR}, {480, I18N_PT_BR}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static struct screen s;
        i18n_set_lang(cases[i].lang);
        CHECK(screen_open(&s, cases[i].w, 640));
        frame(&s);
        ui_rect full_list = s.stage.view.list_rect;
        CHECK(s.stage.view.offer_rect.h == 0);
        for (int k = 0; k < 4; k++) {
            struct net_event ev = {.kind = NET_EVENT_CONNECTING};
            chat_apply(&s.stage.chat, &ev);
            ev = (struct net_event){.kind = NET_EVENT_FAILED, .error = NET_ERROR_NO_NETWORK,
                                    .data = text("example.org"), .len = 11};
            chat_apply(&s.stage.chat, &ev);
        }
        frame(&s);
        char times[32];
        snprintf(times, sizeof times, tr(I18N_EVENT_REPEATED), 4u);
        CHECK_MSG(find_text(&s, times), "[%d %d] no '%s'", cases[i].w, (int)cases[i].lang, times);
        ui_rect offer = s.stage.view.offer_rect;
        CHECK_MSG(offer.h > 0 && offer.y == s.stage.view.list_rect.y + s.stage.view.list_rect.h &&
                      s.stage.view.list_rect.h == full_list.h - offer.h,
                  "[%d] the offer at y %d h %d, the list ends at %d", cases[i].w, offer.y, offer.h,
                  s.stage.view.list_rect.y + s.stage.view.list_rect.h);
        ui_rect button = text_rect(&s, tr(I18N_OFFLINE_USE_ECHO));
        ui_rect words = text_rect(&s, tr(I18N_OFFLINE_OFFER));
        CHECK_MSG(button.w > 0 && words.w > 0, "[%d] the offer's words or button are not drawn", cases[i].w);
        CHECK(button.x >= offer.x && button.x + button.w <= offer.x + offer.w && button.y >= offer.y &&
              button.y + button.h <= offer.y + offer.h);
        CHECK(words.x >= offer.x && words.x + words.w <= offer.x + offer.w);
        /* Side by side when wide, stacked when narrow. */
        if (cases[i].w >= 1000)
            CHECK_MSG(button.y < words.y + words.h, "[%d] wanted the button beside the text", cases[i].w);
        else
            CHECK_MSG(button.y >= words.y + words.h, "[%d] wanted the button under the text", cases[i].w);
        click_rect(&s, button);
        struct view_actions a = frame(&s);
        CHECK_MSG(a.local_echo, "[%d] the button asked for nothing", cases[i].w);
        CHECK(!a.connect && !a.close && !a.connect_url);
        /* Connected (to the echo server): the strip goes, the list is whole. */
        struct net_event ev = {.kind = NET_EVENT_LISTENING, .code = 4242};
        chat_apply(&s.stage.chat, &ev);
        ev = (struct net_event){.kind = NET_EVENT_CONNECTED};
        chat_apply(&s.stage.chat, &ev);
        frame(&s);
        CHECK(s.stage.view.offer_rect.h == 0 && s.stage.view.list_rect.h == full_list.h);
        CHECK(!find_text(&s, tr(I18N_OFFLINE_USE_ECHO)));
        screen_close(&s);
    }
    i18n_set_lang(I18N_EN);
}

/* The message box's text cannot go: why is said, [start, end) of it is
 * underlined in red, Enter sends nothing and there is no payload. */
static void check_refused(struct screen *s, const char *why, size_t start, size_t end)
{
    struct view *v = &s->stage.view;
    CHECK_MSG(find_text(s, why), "no '%s' (the reason: '%s')", why, v->compose_reason);
    CHECK(v->input.mark_start == start && v->input.mark_end == end);
    draw(s, true);
    CHECK(count_color(s, v->input_rect, v->theme->failed_border) > 4);
    ui_input_key(&s->stage.ui, UI_KEY_ENTER, 0);
    struct view_actions a = frame(s);
    CHECK(!a.send);
    char *data = NULL;
    size_t len = 0;
    bool binary = false;
    CHECK(!view_payload(v, &data, &len, &binary) && !data);
}

/* The composer's Hex, Base64, MessagePack and CBOR modes: decoded (or
 * encoded) and sent as binary; input that does not decode is marked, named,
 * and not sent. */
static void test_compose_modes(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 900, 640));
    connect_chat(&s.stage.chat);
    frame(&s);
    struct view *v = &s.stage.view;
    click_rect(&s, v->compose_rect);
    frame(&s);
    frame(&s);
    CHECK(v->compose == VIEW_COMPOSE_HEX && find_text(&s, tr(I18N_COMPOSE_HEX)));
    ui_input_text(&s.stage.ui, "48 65 6c 6c 6f");
    frame(&s);
    char *data = NULL;
    size_t len = 0;
    bool binary = false;
    CHECK(view_payload(v, &data, &len, &binary) && binary && len == 5 && !memcmp(data, "Hello", 5));
    free(data);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    struct view_actions a = frame(&s);
    CHECK(a.send);
    /* A letter that is not hex: underlined, named, Send does nothing. */
    textedit_set(&v->input.edit, "48 6g", 5);
    frame(&s);
    char why[128];
    snprintf(why, sizeof why, tr(I18N_COMPOSE_INVALID), tr_codec_error(CODEC_HEX_INVALID_CHARACTER));
    check_refused(&s, why, 4, 5);
    /* Base64, then back to text. */
    click_rect(&s, v->compose_rect);
    frame(&s);
    CHECK(v->compose == VIEW_COMPOSE_BASE64);
    textedit_set(&v->input.edit, "SGVsbG8=", 8);
    frame(&s);
    CHECK(view_payload(v, &data, &len, &binary) && binary && len == 5 && !memcmp(data, "Hello", 5));
    free(data);
    /* MessagePack: JSON, sent encoded; broken JSON underlined at its
     * error, named with its line and column, not sent. */
    click_rect(&s, v->compose_rect);
    frame(&s);
    frame(&s);
    CHECK(v->compose == VIEW_COMPOSE_MSGPACK && find_text(&s, "MessagePack"));
    /* An empty box is no JSON yet, but nothing is wrong in it: no underline. */
    textedit_set(&v->input.edit, "", 0);
    frame(&s);
    CHECK_MSG(v->input.mark_start == SIZE_MAX && !v->compose_reason[0], "an empty box marked at %zu",
              v->input.mark_start);
    textedit_set(&v->input.edit, "{\"a\": [1, true]}", 16);
    frame(&s);
    CHECK(view_payload(v, &data, &len, &binary) && binary && len == 6 && !memcmp(data, "\x81\xa1" "a\x92\x01\xc3", 6));
    free(data);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = frame(&s);
    CHECK(a.send);
    textedit_set(&v->input.edit, "{\"a\": [1,\n true,]}", 19);
    frame(&s);
    snprintf(why, sizeof why, tr(I18N_COMPOSE_INVALID), "line 2, column 7: a value expected");
    check_refused(&s, why, 16, 17);
    /* A whole number past 64 bits: said in the window's words. */
    textedit_set(&v->input.edit, "[18446744073709551616]", 22);
    frame(&s);
    snprintf(why, sizeof why, tr(I18N_COMPOSE_NUMBER_RANGE), (size_t)1, (size_t)2);
    CHECK_MSG(!strcmp(v->compose_reason, why), "the reason is '%s'", v->compose_reason);
    CHECK(v->input.mark_start == 1 && v->input.mark_end == 21);
    /* CBOR, then back to text. */
    click_rect(&s, v->compose_rect);
    frame(&s);
    frame(&s);
    CHECK(v->compose == VIEW_COMPOSE_CBOR && find_text(&s, "CBOR"));
    textedit_set(&v->input.edit, "{\"a\": [1, true]}", 16);
    frame(&s);
    CHECK(view_payload(v, &data, &len, &binary) && binary && len == 6 && !memcmp(data, "\xa1\x61" "a\x82\x01\xf5", 6));
    free(data);
    click_rect(&s, v->compose_rect);
    frame(&s);
    CHECK(v->compose == VIEW_COMPOSE_TEXT && view_payload(v, &data, &len, &binary) && !binary && len == 16);
    screen_close(&s);
}

/* The connection bar: the field follows the chat's URL, takes another,
 * refuses what is not a URL (underlined, named), and the drop-down of
 * recent URLs opens, picks, forgets and closes by mouse and keys. */
static void test_connection_bar(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 900, 640));
    struct view *v = &s.stage.view;
    struct recent recent = {0};
    CHECK(recent_add(&recent, "ws://c.example/"));
    CHECK(recent_add(&recent, "wss://b.example/chat"));
    CHECK(recent_add(&recent, "ws://127.0.0.1:9/"));
    v->recent = &recent;
    connect_chat(&s.stage.chat);
    frame(&s);
    CHECK(strcmp(v->conn.url.edit.text, "ws://127.0.0.1:9/") == 0);
    CHECK(find_text(&s, tr(I18N_DISCONNECT)));
    /* Disconnect closes. */
    click_rect(&s, v->conn.connect_rect);
    struct view_actions a = frame(&s);
    CHECK(a.close && !a.connect && !a.connect_url);

    /* Alt+D: the field, all selected; typing replaces it; the button says
     * Connect; Enter connects there and gives the message box the focus. */
    ui_input_key(&s.stage.ui, UI_KEY_D, UI_MOD_ALT);
    frame(&s);
    CHECK(s.stage.ui.focus == v->conn.url.id && textedit_has_selection(&v->conn.url.edit));
    ui_input_text(&s.stage.ui, "ws://elsewhere:8080/x");
    frame(&s);
    CHECK(!find_text(&s, tr(I18N_DISCONNECT)));
    /* (The status bar names where it is connected, the field shows another.) */
    CHECK(find_text(&s, "ws://127.0.0.1:9/"));
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = frame(&s);
    CHECK(a.connect_url && strcmp(a.connect_url, "ws://elsewhere:8080/x") == 0);
    CHECK(s.stage.ui.focus == v->input.id);
    /* The worker's CONNECTING brings the new URL: the field keeps it, a
     * line says where, and CONNECTED's line too. */
    struct net_event ev = {.kind = NET_EVENT_CONNECTING, .data = text("ws://elsewhere:8080/x"), .len = 21};
    chat_apply(&s.stage.chat, &ev);
    ev = (struct net_event){.kind = NET_EVENT_CONNECTED, .time_us = 2};
    chat_apply(&s.stage.chat, &ev);
    frame(&s);
    CHECK(strcmp(v->conn.url.edit.text, "ws://elsewhere:8080/x") == 0 && !v->conn.edited);
    char line[256];
    snprintf(line, sizeof line, tr(I18N_EVENT_CONNECTING_TO), "ws://elsewhere:8080/x");
    CHECK_MSG(find_text(&s, line), "no '%s'", line);
    snprintf(line, sizeof line, tr(I18N_EVENT_CONNECTED), "ws://elsewhere:8080/x");
    CHECK_MSG(find_text(&s, line), "no '%s'", line);

    /* Not a URL: underlined, named in both languages, Enter does nothing. */
    for (int lang = 0; lang < 2; lang++) {
        i18n_set_lang(lang ? I18N_PT_BR : I18N_EN);
        view_focus_url(v, &s.stage.ui);
        ui_input_text(&s.stage.ui, "http://nope/");
        frame(&s);
        CHECK(s.stage.ui.next_frame_ms > 0 && s.stage.ui.next_frame_ms < 20);
        frame(&s);
        snprintf(line, sizeof line, tr(I18N_URL_INVALID), tr_url_error(URL_SCHEME));
        CHECK_MSG(find_text(&s, line), "no '%s'", line);
        CHECK(v->conn.url.mark_start == 0 && v->conn.url.mark_end == 12);
        draw(&s, true);
        CHECK(count_color(&s, v->conn.url_rect, v->theme->failed_border) > 20);
        ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
        a = frame(&s);
        CHECK(!a.connect && !a.connect_url);
        /* Escape: back to where it is connected. */
        ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
        frame(&s);
        ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0); /* (the first closed the filtered list, if open) */
        frame(&s);
        CHECK(strcmp(v->conn.url.edit.text, "ws://elsewhere:8080/x") == 0 && !v->conn.edited);
        CHECK(!find_text(&s, line));
    }
    i18n_set_lang(I18N_EN);

    /* The ▾: all three, newest first; a click on one connects there. */
    click_rect(&s, v->conn.recent_rect);
    frame(&s);
    frame(&s);
    CHECK(v->conn.list_open && v->conn.dropdown_rect.h > 0);
    CHECK(find_text(&s, "ws://127.0.0.1:9/") && find_text(&s, "wss://b.example/chat") && find_text(&s, "ws://c.example/"));
    int row_h = (v->conn.dropdown_rect.h - 8) / 3;
    /* The list under it does not take the click. */
    click_at(&s, v->conn.dropdown_rect.x + 40, v->conn.dropdown_rect.y + 4 + row_h + row_h / 2);
    a = frame(&s);
    CHECK(a.connect_url && strcmp(a.connect_url, "wss://b.example/chat") == 0);
    CHECK(!v->conn.list_open);
    /* By finger: a tap on the ▾ opens it; a finger put down on the list
     * beside it closes it at once, as a mouse press does, though the list
     * holds that press back until it knows tap from drag. */
    int sends = 0;
    uint64_t recalled = 0;
    tap(&s, v->conn.recent_rect, &sends, &recalled);
    CHECK(v->conn.list_open && v->conn.dropdown_rect.h > 0);
    int beside_y = v->conn.dropdown_rect.y + v->conn.dropdown_rect.h + 40;
    CHECK(beside_y < v->list_rect.y + v->list_rect.h);
    finger_down(&s, v->list_rect.x + v->list_rect.w - 60, beside_y);
    frame(&s);
    CHECK(!v->conn.list_open);
    finger_up(&s, v->list_rect.x + v->list_rect.w - 60, beside_y);
    a = frame(&s);
    CHECK(!a.connect_url && !v->conn.list_open);

    /* Keys: Down opens, Down/Up walk, Shift+Delete forgets, Enter picks. */
    view_focus_url(v, &s.stage.ui);
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, 0);
    frame(&s);
    CHECK(v->conn.list_open && v->conn.pick == 0);
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, 0);
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, 0);
    frame(&s);
    CHECK(v->conn.pick == 2);
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, 0); /* wraps */
    frame(&s);
    CHECK(v->conn.pick == 0);
    ui_input_key(&s.stage.ui, UI_KEY_UP, 0);
    frame(&s);
    CHECK(v->conn.pick == 2);
    ui_input_key(&s.stage.ui, UI_KEY_DELETE, UI_MOD_SHIFT);
    a = frame(&s);
    CHECK(a.forget_recent == 3);
    recent_remove(&recent, 2); /* as the app does */
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, 0);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = frame(&s);
    CHECK(a.connect_url && strcmp(a.connect_url, "ws://127.0.0.1:9/") == 0);

    /* Plain Delete is the field's (the character after the caret): it
     * forgets nothing, only Shift+Delete does. */
    view_focus_url(v, &s.stage.ui);
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_END, 0); /* the caret at the end, nothing selected */
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, 0);
    frame(&s);
    CHECK(v->conn.list_open && v->conn.pick == 0);
    char field[256];
    snprintf(field, sizeof field, "%s", v->conn.url.edit.text);
    ui_input_key(&s.stage.ui, UI_KEY_DELETE, 0);
    a = frame(&s);
    CHECK(a.forget_recent == 0 && v->conn.list_open && v->conn.pick == 0);
    CHECK(strcmp(v->conn.url.edit.text, field) == 0);
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    frame(&s);

    /* Typing filters the list, ignoring the case of letters only: '@' and
     * '`' differ by the case bit but are not one letter in two cases. */
    CHECK(recent_add(&recent, "ws://user@host.example/"));
    view_focus_url(v, &s.stage.ui);
    frame(&s);
    ui_input_text(&s.stage.ui, "USER@HOST");
    frame(&s);
    CHECK(v->conn.list_open && v->conn.list_filtered); /* (it opens only on a match) */
    view_focus_url(v, &s.stage.ui);
    ui_input_text(&s.stage.ui, "user`host");
    frame(&s);
    CHECK(!v->conn.list_open);
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    frame(&s);
    CHECK(strcmp(v->conn.url.edit.text, "ws://elsewhere:8080/x") == 0 && !v->conn.edited);

    /* Disconnected, both buttons read "Connect": a press and a release in
     * separate frames (a slow click) reach the one pressed, each time. */
    ev = (struct net_event){.kind = NET_EVENT_CLOSED, .code = 1000, .closer = NET_CLOSER_CLIENT};
    chat_apply(&s.stage.chat, &ev);
    frame(&s);
    const ui_rect *buttons[2] = {&v->close_rect, &v->conn.connect_rect};
    for (int i = 0; i < 2; i++) {
        ui_rect r = *buttons[i];
        ui_input_mouse_move(&s.stage.ui, r.x + r.w / 2, r.y + r.h / 2);
        ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 1, 0);
        a = frame(&s);
        CHECK(!a.connect);
        ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 1, 0);
        a = frame(&s);
        CHECK_MSG(a.connect || a.connect_url, "button %d: a slow click did not connect", i);
        frame(&s);
    }
    screen_close(&s);
    recent_free(&recent);
}

/* ---- touch ------------------------------------------------------------------ */

/* Slides a finger from (x, y) by dy in steps of step px (past the slop),
 * a frame each (16 ms), and lifts it; with hold, it stays still for 200 ms
 * first (no fling). Checks the list follows it pixel for pixel. */
static void finger_drag(struct screen *s, int x, int y, int dy, int step, bool hold)
{
    struct view *v = &s->stage.view;
    int64_t start = view_scroll_position(v);
    finger_down(s, x, y);
    frame(s);
    int moved = 0;
    while (moved != dy) {
        int left = dy - moved;
        moved += left > step ? step : left < -step ? -step : left;
        bool last = moved == dy && !hold;
        if (last)
            finger_up(s, x, y + moved);
        else
            finger_to(s, x, y + moved);
        frame(s);
        int64_t pos = view_scroll_position(v);
        int64_t end = view_content_height(v) - v->list_rect.h;
        int64_t want = start - moved < 0 ? 0 : start - moved > end ? end : start - moved;
        CHECK_MSG(pos == want, "after %d px: at %lld, want %lld", moved, (long long)pos, (long long)want);
    }
    if (hold) {
        s->now_ms += 200;
        finger_to(s, x, y + moved);
        frame(s);
        finger_up(s, x, y + moved);
        frame(s);
    }
}

/* Frames until the fling stops (at most 400); checks each step is no
 * bigger than the one before (give or take a carried pixel), that the
 * list never leaves its ends and stops at once at one, and that frames
 * are asked for exactly while it moves. Returns how far it went. */
static int64_t fling_out(struct screen *s, int *frames)
{
    struct view *v = &s->stage.view;
    int64_t from = view_scroll_position(v), was = from, last_step = -1;
    int n = 0;
    bool ends = true, shrinking = true, frames_asked = true;
    while (widget_fling_moving(&v->list.fling) && n < 400) {
        frame(s);
        n++;
        int64_t pos = view_scroll_position(v), step = llabs(pos - was);
        int64_t end = view_content_height(v) - v->list_rect.h;
        ends &= pos >= 0 && pos <= end;
        /* At an end it stops at once, asking for no more frames. */
        ends &= (pos != 0 && pos != end) || !widget_fling_moving(&v->list.fling);
        shrinking &= last_step < 0 || step <= last_step + 1;
        if (getenv("DEBUG_FLING"))
            fprintf(stderr, "fling: at %lld step %lld v %.3f next %d\n", (long long)pos, (long long)step,
                    (double)v->list.fling.velocity, s->stage.ui.next_frame_ms);
        frames_asked &=
            widget_fling_moving(&v->list.fling) ? s->stage.ui.next_frame_ms > 0 : s->stage.ui.next_frame_ms == 0;
        last_step = step;
        was = pos;
    }
    CHECK(!widget_fling_moving(&v->list.fling));
    CHECK_MSG(ends && shrinking && frames_asked, "ends %d, shrinking %d, frames asked %d", ends, shrinking,
              frames_asked);
    /* And then it stays. */
    frame(s);
    CHECK(view_scroll_position(v) == was && s->stage.ui.next_frame_ms == 0);
    *frames = n;
    return was - from;
}

static void test_touch(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 900, 640));
    numbered_conversation(&s.stage.chat);
    char line[64];
    struct view *v = &s.stage.view;
    view_scroll_to_top(v);
    frame(&s);
    frame(&s);
    CHECK(view_scroll_position(v) == 0);

    /* A finger on a bubble's text dragged 200 px up: the list follows it
     * 1:1 and nothing is selected. */
    ui_rect msg = text_rect(&s, "message number 5");
    CHECK(msg.w > 0 && msg.y > v->list_rect.y + 250);
    finger_drag(&s, msg.x + 4, msg.y + msg.h / 2, -200, 20, true);
    CHECK(view_scroll_position(v) == 200 && !v->list.follow);
    CHECK(v->list.sel_id == 0 && !widget_fling_moving(&v->list.fling));
    draw(&s, true);
    CHECK(count_color(&s, v->list_rect, v->theme->selection) == 0);
    /* Back down 120 px, slowly. */
    finger_drag(&s, 450, v->list_rect.y + 100, 120, 10, true);
    CHECK(view_scroll_position(v) == 80);

    /* Sideways across the text: a drag, so no tap, no selection, no scroll. */
    msg = text_rect(&s, "message number 5");
    finger_down(&s, msg.x + 2, msg.y + msg.h / 2);
    frame(&s);
    finger_to(&s, msg.x + msg.w - 2, msg.y + msg.h / 2);
    frame(&s);
    finger_up(&s, msg.x + msg.w - 2, msg.y + msg.h / 2);
    frame(&s);
    CHECK(v->list.sel_id == 0 && view_scroll_position(v) == 80);

    /* The mouse, the same way: selects, as before, and does not scroll. */
    ui_input_touch(&s.stage.ui, false);
    ui_input_mouse_move(&s.stage.ui, msg.x + 2, msg.y + msg.h / 2);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 1, 0);
    frame(&s);
    ui_input_mouse_move(&s.stage.ui, msg.x + msg.w - 2, msg.y + msg.h / 2 - 30);
    frame(&s);
    ui_input_mouse_move(&s.stage.ui, msg.x + msg.w - 2, msg.y + msg.h / 2);
    frame(&s);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 1, 0);
    frame(&s);
    CHECK(v->list.sel_id != 0 && v->list.sel_anchor != v->list.sel_caret && view_scroll_position(v) == 80);
    draw(&s, true);
    CHECK(count_color(&s, v->list_rect, v->theme->selection) > 50);
    ui_input_key(&s.stage.ui, UI_KEY_C, UI_MOD_CTRL);
    frame(&s);
    CHECK_MSG(!strncmp(s.clip, "message number ", 15), "copied '%s'", s.clip);
    /* A tap on the list clears it, as a click does. */
    int sends = 0;
    uint64_t recalled = 0;
    CHECK(tap(&s, (ui_rect){450, v->list_rect.y + 200, 1, 1}, &sends, &recalled) == 0);
    CHECK(v->list.sel_id == 0);

    /* A double tap on a word selects it, as a double click does. */
    msg = text_rect(&s, "message number 5");
    int word_x = msg.x + font_text_width(s.stage.font, UI_FONT_BODY, "message numb", 12);
    finger_down(&s, word_x, msg.y + msg.h / 2);
    frame(&s);
    finger_up(&s, word_x, msg.y + msg.h / 2);
    frame(&s);
    finger_to(&s, word_x, msg.y + msg.h / 2);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 2, 0);
    frame(&s);
    finger_up(&s, word_x, msg.y + msg.h / 2);
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_C, UI_MOD_CTRL);
    frame(&s);
    CHECK_MSG(!strcmp(s.clip, "number"), "copied '%s'", s.clip);

    /* Taps are clicks, one each: Send... */
    view_scroll_to_bottom(v);
    tap(&s, v->input_rect, &sends, &recalled); /* (the bubble tapped above had the focus) */
    ui_input_text(&s.stage.ui, "hi");
    frame(&s);
    CHECK_MSG(!strcmp(v->input.edit.text, "hi"), "input '%s'", v->input.edit.text);
    CHECK(tap(&s, v->send_rect, &sends, &recalled) == 0 && sends == 1);
    /* ...a bubble that was not sent (it comes back to the text box)... */
    textedit_clear(&v->input.edit);
    uint64_t lost = send_failed(&s.stage.chat, "lost words");
    frame(&s);
    frame(&s);
    msg = text_rect(&s, "lost words");
    CHECK(msg.w > 0);
    CHECK(tap(&s, msg, &sends, &recalled) == 0 && recalled == lost && sends == 1);
    /* ...the text box, which opens the on-screen keyboard, and its keys. */
    v->osk_enabled = true;
    s.stage.ui.focus = 0;
    tap(&s, v->input_rect, &sends, &recalled);
    CHECK(s.stage.ui.focus == v->input.id && v->osk.open);
    for (int i = 0; i < 12; i++)
        frame(&s); /* it slides up */
    textedit_clear(&v->input.edit);
    ui_rect q = text_rect(&s, "q");
    CHECK(q.w > 0 && inside(q, v->osk.rect));
    tap(&s, q, &sends, &recalled);
    CHECK_MSG(!strcmp(v->input.edit.text, "q"), "typed '%s'", v->input.edit.text);
    v->osk.open = v->osk_enabled = false;
    textedit_clear(&v->input.edit);
    frame(&s);

    /* A flick: 200 px up in 80 ms, lifted moving (2.5 px/ms). The list
     * goes on, slower each frame, for about 2.5 * 200 / ln 2 = 721 px, and
     * stops; then no more frames are asked for. (Nothing focused: no caret
     * blinks.) */
    view_scroll_to_top(v);
    frame(&s);
    s.stage.ui.focus = 0;
    finger_drag(&s, 200, v->list_rect.y + v->list_rect.h - 40, -200, 40, false);
    CHECK(view_scroll_position(v) == 200 && widget_fling_moving(&v->list.fling) && s.stage.ui.next_frame_ms > 0);
    int frames;
    int64_t went = fling_out(&s, &frames);
    CHECK_MSG(went >= 721 - 8 && went <= 722, "flung %lld px in %d frames", (long long)went, frames);
    CHECK_MSG(frames > 60 && frames < 120, "%d frames", frames);

    /* Toward the top, from 400 px down: it would go 721 px, and stops at
     * the top. */
    view_scroll_to_top(v);
    frame(&s);
    finger_drag(&s, 200, v->list_rect.y + 450, -400, 40, true);
    CHECK(view_scroll_position(v) == 400);
    finger_drag(&s, 200, v->list_rect.y + 100, 200, 40, false);
    CHECK(view_scroll_position(v) == 200 && widget_fling_moving(&v->list.fling));
    went = fling_out(&s, &frames);
    CHECK(went == -200 && view_scroll_position(v) == 0 && v->list.anchor_row == 0);

    /* Toward the end, from 300 px above it: it stops at the end, following
     * the newest again. */
    view_scroll_to_bottom(v);
    frame(&s);
    finger_drag(&s, 450, v->list_rect.y + 100, 300, 30, true);
    int64_t end = view_content_height(v) - v->list_rect.h;
    CHECK(!v->list.follow && view_scroll_position(v) == end - 300);
    finger_drag(&s, 200, v->list_rect.y + v->list_rect.h - 40, -250, 50, false);
    CHECK(widget_fling_moving(&v->list.fling));
    fling_out(&s, &frames);
    CHECK(v->list.follow && view_scroll_position(v) == view_content_height(v) - v->list_rect.h);

    /* A finger stops a fling where it is, and that touch is no tap: the
     * bubble under it gets no press (no focus, no selection). */
    view_scroll_to_top(v);
    frame(&s);
    finger_drag(&s, 200, v->list_rect.y + v->list_rect.h - 40, -200, 40, false);
    frame(&s);
    frame(&s);
    CHECK(widget_fling_moving(&v->list.fling));
    int64_t caught = view_scroll_position(v);
    ui_rect under = {0, 0, 0, 0};
    for (int i = 0; i < 200 && under.w == 0; i++) {
        snprintf(line, sizeof line, "message number %d", i);
        under = text_rect(&s, line);
        if (under.y < v->list_rect.y + 40 || under.y > v->list_rect.y + v->list_rect.h - 80)
            under.w = 0; /* (wholly in the list, away from the pill) */
    }
    CHECK(under.w > 0);
    s.stage.ui.focus = 0;
    v->list.sel_id = 0;
    CHECK(tap(&s, under, &sends, &recalled) == 0);
    CHECK(!widget_fling_moving(&v->list.fling) && v->list.sel_id == 0 && s.stage.ui.focus == 0);
    CHECK(view_scroll_position(v) == caught && s.stage.ui.next_frame_ms == 0);
    /* The next tap there is a click again. */
    tap(&s, under, &sends, &recalled);
    CHECK(v->list.sel_id != 0 && s.stage.ui.focus != 0);
    s.stage.ui.focus = 0;
    /* So do the wheel and the mouse. */
    finger_drag(&s, 200, v->list_rect.y + v->list_rect.h - 40, -200, 40, false);
    frame(&s);
    ui_input_touch(&s.stage.ui, false);
    ui_input_wheel(&s.stage.ui, -1);
    frame(&s);
    CHECK(!widget_fling_moving(&v->list.fling));
    settle(&s);
    finger_drag(&s, 200, v->list_rect.y + v->list_rect.h - 40, -200, 40, false);
    frame(&s);
    ui_input_touch(&s.stage.ui, false);
    ui_input_mouse_move(&s.stage.ui, 10, v->status_rect.y + 5);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 1, 0);
    frame(&s);
    CHECK(!widget_fling_moving(&v->list.fling));
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 1, 0);
    frame(&s);

    /* A tap on the "new messages" pill over the list jumps to the newest,
     * as a click does; a swipe that starts on it scrolls the list. */
    view_scroll_to_top(v);
    frame(&s);
    receive(&s.stage.chat, "one more");
    frame(&s);
    CHECK(v->list.pill_rect.w > 0);
    ui_rect pill = v->list.pill_rect;
    finger_drag(&s, pill.x + pill.w / 2, pill.y + pill.h / 2, -100, 20, true);
    CHECK(!v->list.follow && view_scroll_position(v) == 100);
    CHECK(tap(&s, pill, &sends, &recalled) == 0);
    frame(&s);
    CHECK(v->list.follow && v->list.pill_rect.w == 0 && view_scroll_position(v) == view_content_height(v) - v->list_rect.h);
    screen_close(&s);
}

/* The saved-messages panel (Ctrl+B): it opens beside the list, Save asks
 * for the box's text under the typed name, a click puts a message in the
 * box (undoable, mode and all), a double click sends it and leaves the box
 * as it was, × and Delete remove, the keys walk the list, and Import… /
 * Export… ask for a path. */
static void test_saved_panel(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 1100, 700));
    connect_chat(&s.stage.chat);
    struct view *v = &s.stage.view;
    struct panel *p = &v->panel;
    static struct saved list;
    saved_put(&list, "Order", "{\"id\": 1}", 9, SAVED_TEXT);
    saved_put(&list, "Bytes", "de ad", 5, SAVED_HEX);
    saved_put(&list, "Third", "three", 5, SAVED_TEXT);
    v->saved = &list;
    frame(&s);
    CHECK(!p->open && v->list_rect.w == 1100);

    /* Ctrl+B opens it at the right, the name field focused. */
    ui_input_key(&s.stage.ui, UI_KEY_B, UI_MOD_CTRL);
    frame(&s);
    frame(&s);
    CHECK(p->open && p->rect.w > 0 && p->rect.x + p->rect.w == 1100);
    CHECK(v->list_rect.x + v->list_rect.w <= p->rect.x && v->list_rect.w >= 1100 - 330);
    CHECK(s.stage.ui.focus == panel_name_id(&s.stage.ui, p));
    CHECK(find_text(&s, "Order") && find_text(&s, "Bytes") && find_text(&s, "Third"));
    CHECK(p->row_count == 3);

    /* Nothing in the box: Save does nothing. */
    ui_input_text(&s.stage.ui, "Greeting");
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    struct view_actions a = frame(&s);
    CHECK(!a.saved.save);
    textedit_set(&v->input.edit, "hello", 5);
    frame(&s);
    click_rect(&s, p->save_rect);
    a = frame(&s);
    CHECK(a.saved.save && !strcmp(p->name.edit.text, "Greeting"));

    /* A click puts a message in the box, with its mode; Ctrl+Z takes it back. */
    textedit_set(&v->input.edit, "my draft", 8);
    frame(&s);
    click_rect(&s, p->row_rects[1]);
    a = frame(&s);
    CHECK(a.saved.load == 2 && !a.saved.send);
    CHECK(!strcmp(v->input.edit.text, "de ad") && v->compose == VIEW_COMPOSE_HEX);
    CHECK(s.stage.ui.focus == v->input.id);
    CHECK(textedit_undo(&v->input.edit) && !strcmp(v->input.edit.text, "my draft"));
    v->compose = VIEW_COMPOSE_TEXT;

    /* A double click sends it; the box keeps the draft and its mode. */
    frame(&s);
    click_at(&s, p->row_rects[0].x + 20, p->row_rects[0].y + 10);
    a = frame(&s);
    CHECK(a.saved.load == 1 && !strcmp(v->input.edit.text, "{\"id\": 1}"));
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, true, 2, 0);
    ui_input_mouse_button(&s.stage.ui, UI_MOUSE_LEFT, false, 2, 0);
    a = frame(&s);
    CHECK(a.saved.send == 1 && !a.saved.load);
    CHECK(!strcmp(v->input.edit.text, "my draft") && v->compose == VIEW_COMPOSE_TEXT);

    /* × on the hovered row removes it. */
    ui_rect row = p->row_rects[2];
    ui_input_mouse_move(&s.stage.ui, row.x + 20, row.y + 10);
    frame(&s);
    CHECK(p->pick == 2);
    /* The pointer moves up to the first row: one row highlighted once the
     * frames it asks for are drawn, not the old one too. */
    ui_input_mouse_move(&s.stage.ui, p->row_rects[0].x + 20, p->row_rects[0].y + 10);
    frame(&s);
    for (int i = 0; i < 5 && s.stage.ui.next_frame_ms; i++)
        frame(&s);
    draw(&s, true);
    CHECK(p->pick == 0);
    CHECK(count_color(&s, p->row_rects[0], v->theme->selection) > 100);
    CHECK_MSG(count_color(&s, p->row_rects[2], v->theme->selection) == 0, "row 2 still highlighted");
    ui_input_mouse_move(&s.stage.ui, row.x + 20, row.y + 10);
    frame(&s);
    click_at(&s, row.x + row.w - 10, row.y + row.h / 2);
    a = frame(&s);
    CHECK(a.saved.remove == 3 && !a.saved.load);

    /* The keys, with the list focused (as Tab gets there). */
    ui_input_mouse_move(&s.stage.ui, -100, -100);
    frame(&s);
    ui_set_focus(&s.stage.ui, panel_list_id(&s.stage.ui));
    p->pick = 0;
    ui_input_key(&s.stage.ui, UI_KEY_DOWN, 0);
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = frame(&s);
    CHECK(p->pick == 1 && a.saved.load == 2);
    CHECK(s.stage.ui.focus == v->input.id); /* (Enter put it in the box, and the focus with it) */
    ui_set_focus(&s.stage.ui, panel_list_id(&s.stage.ui));
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, UI_MOD_CTRL);
    a = frame(&s);
    CHECK(a.saved.send == 2);
    ui_input_key(&s.stage.ui, UI_KEY_DELETE, 0);
    a = frame(&s);
    CHECK(a.saved.remove == 2);

    /* Export…: a path row, filled in; Enter asks for that path. */
    click_rect(&s, p->export_rect);
    frame(&s);
    frame(&s);
    CHECK(p->file == PANEL_FILE_EXPORT && !strcmp(p->path.edit.text, "~/ponte-saved.json"));
    CHECK(s.stage.ui.focus != panel_name_id(&s.stage.ui, p) && s.stage.ui.focus != v->input.id);
    ui_input_text(&s.stage.ui, "/tmp/out.json"); /* (over the selected default) */
    ui_input_key(&s.stage.ui, UI_KEY_ENTER, 0);
    a = frame(&s);
    CHECK(a.saved.export_path && !strcmp(a.saved.export_path, "/tmp/out.json") && !a.saved.import_path);
    /* Escape leaves the path row; Import… brings it back for importing. */
    ui_input_key(&s.stage.ui, UI_KEY_ESCAPE, 0);
    frame(&s);
    frame(&s);
    CHECK(p->file == PANEL_FILE_NONE && p->import_rect.w > 0);
    click_rect(&s, p->import_rect);
    frame(&s);
    frame(&s);
    click_rect(&s, p->go_rect);
    a = frame(&s);
    CHECK(p->file == PANEL_FILE_IMPORT && a.saved.import_path && !strcmp(a.saved.import_path, "/tmp/out.json"));

    /* A note with Undo; Undo asks for the removed one back. */
    panel_note(p, s.now_ms, false, true, "Removed \u201cThird\u201d.");
    frame(&s);
    CHECK(find_text(&s, tr(I18N_SAVED_UNDO)) && p->undo_rect.w > 0);
    click_rect(&s, p->undo_rect);
    a = frame(&s);
    CHECK(a.saved.undo_remove && !p->note[0]);
    /* A note of success goes by itself after a while. */
    panel_note(p, s.now_ms, false, false, "Saved.");
    frame(&s);
    CHECK(find_text(&s, "Saved.") && s.stage.ui.next_frame_ms > 0);
    s.now_ms += 7000;
    frame(&s);
    CHECK(!find_text(&s, "Saved.") && !p->note[0]);

    /* By finger: a drag scrolls the list with it and loads nothing; a
     * flick keeps it going, slowing, and stops at the end; a tap loads. */
    static struct saved many;
    char name[32];
    for (int i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "message %d", i);
        saved_put(&many, name, name, strlen(name), SAVED_TEXT);
    }
    v->saved = &many;
    p->note[0] = '\0';
    p->scroll = 0;
    frame(&s);
    ui_rect list_r = p->list_rect;
    int fx = list_r.x + 40, fy = list_r.y + list_r.h - 20;
    finger_down(&s, fx, fy);
    a = frame(&s);
    for (int step = 1; step <= 10; step++) {
        finger_to(&s, fx, fy - step * 10);
        a = frame(&s);
        CHECK(!a.saved.load && !a.saved.send);
    }
    CHECK_MSG(p->scroll == 100, "the panel's list scrolled %d px for a 100 px drag", p->scroll);
    s.now_ms += 300; /* held still: no fling */
    frame(&s);
    finger_up(&s, fx, fy - 100);
    a = frame(&s);
    CHECK(!a.saved.load && !a.saved.send && p->scroll == 100 && !widget_fling_moving(&p->fling));
    /* A flick: down, 60 px up in three quick frames, lifted. */
    finger_down(&s, fx, fy);
    frame(&s);
    for (int step = 1; step <= 3; step++) {
        finger_to(&s, fx, fy - step * 20);
        frame(&s);
    }
    finger_up(&s, fx, fy - 60);
    frame(&s);
    CHECK(widget_fling_moving(&p->fling));
    int before = p->scroll, last_step = 1 << 30, frames = 0;
    while (widget_fling_moving(&p->fling) && frames++ < 500) {
        int was = p->scroll;
        frame(&s);
        CHECK(p->scroll >= was && p->scroll - was <= last_step + 1);
        last_step = p->scroll - was;
    }
    int max_scroll = 40 * p->row_rects[0].h; /* (at least the content less the view) */
    CHECK(p->scroll > before + 60 && p->scroll <= max_scroll && !widget_fling_moving(&p->fling));
    frame(&s);
    ui_rect r0 = p->row_rects[2]; /* (a row whole in view) */
    int first = p->row_first + 2;
    int sends = 0;
    uint64_t recalled = 0;
    tap(&s, r0, &sends, &recalled);
    CHECK_MSG(!strcmp(v->input.edit.text, many.items[first].text), "a tap on row %d put '%s' in the box", first,
              v->input.edit.text);
    saved_free(&many);

    /* Nothing saved: the empty list says how to save one. */
    struct saved none = {0};
    v->saved = &none;
    frame(&s);
    CHECK(find_text(&s, "Nothing saved yet"));

    /* The status bar's Saved closes it; the list has the whole width again. */
    click_rect(&s, v->saved_rect);
    frame(&s);
    frame(&s);
    CHECK(!p->open && v->list_rect.w == 1100);
    saved_free(&list);
    screen_close(&s);
}

/* The on-screen keyboard types into the text box pressed last: the
 * saved-messages panel's name (its enter key saves), the URL field (what
 * it types stays), and back to the message box. */
static void test_osk_targets(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 1280, 800));
    connect_chat(&s.stage.chat);
    struct view *v = &s.stage.view;
    struct panel *p = &v->panel;
    v->osk_enabled = true;
    static struct saved list;
    v->saved = &list;
    frame(&s);
    ui_input_key(&s.stage.ui, UI_KEY_B, UI_MOD_CTRL);
    frame(&s);
    textedit_set(&v->input.edit, "hello", 5);
    frame(&s);
    click_rect(&s, p->name_rect);
    frame(&s);
    CHECK(v->osk.open && v->osk.target == &p->name);
    s.now_ms += 300; /* (the slide) */
    frame(&s);
    frame(&s);
    int x, y;
    screen_osk_key(v, 1, 0, 10, &x, &y); /* q */
    click_at(&s, x, y);
    frame(&s);
    frame(&s);
    CHECK_MSG(!strcmp(p->name.edit.text, "q") && !strcmp(v->input.edit.text, "hello"), "name '%s', box '%s'",
              p->name.edit.text, v->input.edit.text);
    screen_osk_enter(v, &x, &y);
    click_at(&s, x, y);
    struct view_actions a = frame(&s);
    bool saved = a.saved.save;
    a = frame(&s); /* (Enter reaches the name field in the next frame) */
    saved |= a.saved.save;
    CHECK(saved && !strcmp(p->name.edit.text, "q"));
    CHECK(!a.send && !strcmp(v->input.edit.text, "hello"));

    /* The URL field: typed by keys, kept while the focus is on them. */
    click_rect(&s, v->conn.url_rect);
    frame(&s);
    CHECK(v->osk.target == &v->conn.url);
    size_t len = v->conn.url.edit.len;
    screen_osk_key(v, 1, 0, 10, &x, &y);
    click_at(&s, x, y);
    frame(&s);
    frame(&s);
    frame(&s);
    CHECK(v->conn.url.edit.len == len + 1 && strchr(v->conn.url.edit.text, 'q') && v->conn.edited);

    /* The message box again, and the panel closed: the keys type there. */
    click_rect(&s, v->input_rect);
    frame(&s);
    CHECK(v->osk.target == NULL);
    screen_osk_key(v, 1, 1, 10, &x, &y); /* w */
    click_at(&s, x, y);
    frame(&s);
    frame(&s);
    CHECK_MSG(strchr(v->input.edit.text, 'w') != NULL, "box '%s'", v->input.edit.text);

    /* The frame menu's reason field (a finger has no other keyboard): the
     * keys type there, and once the menu closes, into the message box. */
    framemenu_toggle(&v->frames, &s.stage.ui);
    frame(&s);
    frame(&s);
    CHECK(v->frames.open && v->frames.reason_rect.w > 0);
    click_rect(&s, v->frames.reason_rect);
    frame(&s);
    CHECK(v->osk.target == &v->frames.reason);
    screen_osk_key(v, 1, 0, 10, &x, &y); /* q */
    click_at(&s, x, y);
    frame(&s);
    frame(&s);
    CHECK_MSG(!strcmp(v->frames.reason.edit.text, "q"), "reason '%s'", v->frames.reason.edit.text);
    framemenu_toggle(&v->frames, &s.stage.ui);
    frame(&s);
    CHECK(v->osk.target == NULL);
    saved_free(&list);
    screen_close(&s);
}

/* A bubble with the focus, scrolled out of the list: typing still goes
 * to the text box (it used to go nowhere). */
static void test_focus_scrolled_away(void)
{
    static struct screen s;
    CHECK(screen_open(&s, 900, 640));
    connect_chat(&s.stage.chat);
    struct view *v = &s.stage.view;
    for (int i = 0; i < 60; i++)
        receive(&s.stage.chat, "a received message, one of many");
    frame(&s);
    settle(&s);
    frame(&s);
    click_at(&s, v->list_rect.x + 40, v->list_rect.y + v->list_rect.h - 30);
    frame(&s);
    frame(&s);
    CHECK(v->list.focused_id != 0);
    uint32_t bubble = s.stage.ui.focus;
    CHECK(bubble != v->input.id);
    ui_input_key(&s.stage.ui, UI_KEY_HOME, UI_MOD_CTRL); /* to the top, far from it */
    frame(&s);
    settle(&s);
    frame(&s);
    /* off screen, still focused */
    CHECK(v->list.first_drawn == 0 && v->list.focused_id == 0 && s.stage.ui.focus == bubble);
    ui_input_text(&s.stage.ui, "typed");
    frame(&s);
    frame(&s);
    CHECK(!strcmp(v->input.edit.text, "typed") && s.stage.ui.focus == v->input.id);
    screen_close(&s);
}

static void test_idle(void)
{
    struct screen s;
    CHECK(screen_open(&s, 900, 640));
    connect_chat(&s.stage.chat);
    frame(&s);
    CHECK(s.stage.ui.focus == s.stage.view.input.id); /* from the first frame */
    /* Right after start the caret blinks: a frame is asked for soon... */
    CHECK(s.stage.ui.next_frame_ms > 0);
    /* ...and after 10 s without input, none: an idle window draws nothing. */
    s.now_ms += 20000;
    frame(&s);
    CHECK(s.stage.ui.next_frame_ms == 0);
    screen_close(&s);
}

int main(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    static const int sizes[][2] = {{900, 640}, {480, 360}, {1280, 800}, {1920, 1080}, {640, 480}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        test_layout(sizes[i][0], sizes[i][1], I18N_EN);
        test_layout(sizes[i][0], sizes[i][1], I18N_PT_BR);
    }
    test_pixels();
    test_scrolling();
    test_touch();
    test_bubbles();
    test_find();
    test_scales();
    test_status_details();
    test_status_tip();
    test_offline_offer();
    test_compose_modes();
    test_connection_bar();
    test_saved_panel();
    test_focus_scrolled_away();
    test_osk_targets();
    test_million();
    test_wrap_and_resize();
    test_huge_messages();
    test_idle();
    SDL_Quit();
    return check_summary("screen");
}
