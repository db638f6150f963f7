/* SPDX-License-Identifier: MIT */
/* ui: the immediate-mode core. No SDL, no lws.
 *
 * Each frame the view calls widget functions; they read the input that the
 * app fed in, update the few bits of state the core keeps (active and
 * focused widget ids), and push typed drawing commands (rect, text, clip)
 * into a flat list that the renderer walks afterwards. Fonts reach the core
 * only through the measuring callbacks, so it runs headless in tests. */
#ifndef PONTE_UI_H
#define PONTE_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    int x, y, w, h;
} ui_rect;

typedef struct {
    uint8_t r, g, b, a;
} ui_color;

#define UI_RGB(hex) ((ui_color){(uint8_t)((hex) >> 16), (uint8_t)((hex) >> 8), (uint8_t)(hex), 255})

/* Text styles; the font module maps each to a face and size. */
enum ui_font {
    UI_FONT_BODY,  /* message text, text box */
    UI_FONT_SMALL, /* time stamps, system lines */
    UI_FONT_LABEL, /* bold: bubble labels, state word, buttons */
    UI_FONT_MONO,  /* JSON and hex dumps in bubbles */
    UI_FONT_COUNT,
};

enum ui_command_kind {
    UI_COMMAND_RECT, /* filled, optionally rounded */
    UI_COMMAND_TEXT,
    UI_COMMAND_CLIP, /* rect: new clip; w < 0 means none */
};

struct ui_command {
    enum ui_command_kind kind;
    ui_rect rect;    /* TEXT: x, y of the top-left corner; w, h measured */
    ui_color color;
    int radius;      /* RECT: corner radius */
    enum ui_font font;
    size_t text;     /* TEXT: offset into the frame's text arena */
    size_t len;
};

/* Keys the widgets understand; the app maps SDL keys onto them. */
enum ui_key {
    UI_KEY_NONE,
    UI_KEY_LEFT,
    UI_KEY_RIGHT,
    UI_KEY_UP,
    UI_KEY_DOWN,
    UI_KEY_HOME,
    UI_KEY_END,
    UI_KEY_BACKSPACE,
    UI_KEY_DELETE,
    UI_KEY_ENTER,
    UI_KEY_TAB,
    UI_KEY_ESCAPE,
    UI_KEY_PAGE_UP,
    UI_KEY_PAGE_DOWN,
    UI_KEY_A, /* with Ctrl: select all, copy, cut, paste */
    UI_KEY_C,
    UI_KEY_X,
    UI_KEY_V,
    UI_KEY_Z, /* with Ctrl: undo (Shift: redo) */
    UI_KEY_Y, /* with Ctrl: redo */
    UI_KEY_F, /* with Ctrl: find */
    UI_KEY_L, /* with Ctrl: clear the conversation */
    UI_KEY_PLUS,  /* with Ctrl: zoom in */
    UI_KEY_MINUS, /* with Ctrl: zoom out */
    UI_KEY_0,     /* with Ctrl: zoom back to 100% */
    UI_KEY_F3,    /* next match (Shift: previous) */
    UI_KEY_F6,    /* to the URL field */
    UI_KEY_D,     /* with Alt: to the URL field */
    UI_KEY_B,     /* with Ctrl: the saved messages */
    UI_KEY_SPACE,
    UI_KEY_O,     /* with Ctrl: open a recording */
};

enum {
    UI_MOD_SHIFT = 1 << 0,
    UI_MOD_CTRL = 1 << 1,
    UI_MOD_ALT = 1 << 2,
};

enum {
    UI_MOUSE_LEFT = 1 << 0,
    UI_MOUSE_RIGHT = 1 << 1,
    UI_MOUSE_MIDDLE = 1 << 2,
};

/* What a widget reports. */
enum {
    UI_RESULT_CLICK = 1 << 0,  /* a button or bubble was activated */
    UI_RESULT_SUBMIT = 1 << 1, /* Enter in a text box */
    UI_RESULT_CHANGE = 1 << 2, /* the text changed */
    UI_RESULT_HOVER = 1 << 3,
    UI_RESULT_PRESS = 1 << 4,  /* the left button went down on it this frame */
    UI_RESULT_DOUBLE = 1 << 5, /* with CLICK: the press was the second of a double click */
};

enum ui_cursor {
    UI_CURSOR_ARROW,
    UI_CURSOR_TEXT,
    UI_CURSOR_HAND,
};

#define UI_MAX_KEYS 128
#define UI_MAX_TEXT 1024
#define UI_MAX_FOCUSABLE 256
#define UI_STACK 16
#define UI_TOUCH_SAMPLES 8       /* finger positions kept for the release velocity */
#define UI_TOUCH_SLOP 8          /* layout units a finger may wander and still tap */
#define UI_TOUCH_VELOCITY_MS 100 /* the release velocity is the finger's over this last stretch */

/* One key press or one piece of typed text (key == UI_KEY_NONE), in the
 * order they happened, so a fast typist's "a, Left, b" edits correctly. */
struct ui_key_event {
    enum ui_key key;
    unsigned mods;
    uint16_t text_start, text_len; /* into ui_input.text, for typed text */
    bool used;                     /* taken by a widget this frame */
};

/* Input for one frame, filled by the app between frames. */
struct ui_input {
    int mouse_x, mouse_y;
    unsigned mouse_down;     /* buttons held */
    unsigned mouse_pressed;  /* went down since the last frame */
    unsigned mouse_released; /* went up since the last frame */
    int clicks;              /* 2 for a double click (from the platform) */
    unsigned mouse_mods;     /* UI_MOD_* held when the button went down */
    int press_x, press_y;    /* where the left button last went down */
    /* The pointer is a finger (the platform's mouse events made from touch).
     * Set with each pointer event; it outlives the frame, like the position. */
    bool touch;
    float wheel_y;           /* notches (fractions from touchpads), positive = away from the user (scroll up) */
    struct ui_key_event keys[UI_MAX_KEYS];
    int key_count;
    char text[UI_MAX_TEXT]; /* typed text, UTF-8 */
    size_t text_len;
    /* The input method's text being composed (not typed yet), shown at the
     * caret; composing_caret is a byte offset into it. Kept across frames
     * until the input method changes it. */
    char composing[128];
    int composing_caret;
};

struct ui {
    /* Measuring, provided by the font module (or a fake one in tests). */
    int (*text_width)(void *user, enum ui_font font, const char *text, size_t len);
    int (*text_height)(void *user, enum ui_font font);
    void *font_user;
    /* Clipboard, provided by the app. get returns a malloc'd string or NULL. */
    char *(*clipboard_get)(void *user);
    void (*clipboard_set)(void *user, const char *text);
    void *clipboard_user;

    struct ui_input in;
    uint64_t now_ms; /* set by the app before each frame */
    float scale;     /* pixels per layout unit (zoom times the display's density); 0 means 1 */

    /* State that lives across frames. */
    uint32_t active; /* pressed and held */
    uint32_t pressed; /* the widget the left button went down on in this frame (0: none) */
    int active_clicks; /* the click count of the press that made it active */
    uint32_t focus;  /* receives the keys */
    bool focus_from_keys; /* the focus came by Tab: show it (a click's focus needs no ring) */
    uint64_t last_input_ms;  /* for the caret's blink */
    int keep_keys_from;      /* >= 0: key events from here on wait for the next frame */
    uint32_t focusable[UI_MAX_FOCUSABLE]; /* in drawing order, for Tab */
    int focusable_count;
    int drag_anchor;         /* the active widget's grab offset (scroll bar thumb) */
    /* A finger's press that a scroll area holds back from the widgets in it
     * until it turns out to be a tap or a drag (see ui_touch_scroll). */
    struct ui_touch {
        uint32_t owner;   /* the scroll area (0: none) */
        bool dragging;    /* moved past the slop, or stopped the area's motion: never a tap */
        bool hidden;      /* its press was taken from this frame's input (ui_touch_scroll_end gives it back) */
        int x, y;         /* where the finger went down */
        int clicks;       /* of that press, for the tap */
        unsigned mods;
        int last_y;       /* how far the area has followed the finger */
        struct ui_touch_sample {
            uint64_t ms;
            int y;
        } samples[UI_TOUCH_SAMPLES]; /* a ring, newest at (sample_next - 1) */
        unsigned sample_next, sample_count;
    } touch;

    /* Frame outputs. */
    struct ui_command *commands;
    size_t command_count, command_cap;
    char *arena;
    size_t arena_len, arena_cap;
    enum ui_cursor cursor;
    bool want_text_input;   /* a text box has the focus */
    ui_rect text_input_rect; /* where the IME may show its window */
    int next_frame_ms;      /* > 0: draw again after this long (animation); else when input comes */

    ui_rect mouse_block; /* w > 0: the mouse is not over anything here (an overlay drawn later) */
    ui_rect overlay;     /* the same for the whole frame (a drop-down over everything), until cleared */
    ui_rect clip_stack[UI_STACK];
    int clip_depth;
    uint32_t id_stack[UI_STACK];
    int id_depth;
};

void ui_init(struct ui *ui);
void ui_free(struct ui *ui);

/* Input between frames. */
void ui_input_mouse_move(struct ui *ui, int x, int y);
void ui_input_mouse_button(struct ui *ui, unsigned button, bool down, int clicks, unsigned mods);
void ui_input_wheel(struct ui *ui, float notches);
/* Whether the pointer events that follow come from a finger. */
void ui_input_touch(struct ui *ui, bool touch);
/* The input method's composition (empty when it ends). */
void ui_input_composing(struct ui *ui, const char *text, int caret);
void ui_input_key(struct ui *ui, enum ui_key key, unsigned mods);
void ui_input_text(struct ui *ui, const char *text);
/* True while the input has room for one more key event and one more piece of
 * typed text (32 bytes, SDL's largest): the app stops taking events from the
 * platform when it is false, builds a frame, and takes the rest after. */
bool ui_input_has_room(const struct ui *ui);
/* What the app checks before taking the next event into this frame's input:
 * room (as above), and no button gone down or up yet. The input holds one
 * pointer position and one press and release per button, so a second tap
 * taken into the same frame would leave one click (at the second tap's
 * place: the first is lost), and a move after a press would move the press:
 * after a button's change the frame is built, and the rest waits for the next. */
bool ui_input_can_take(const struct ui *ui);
/* A widget that stops reading keys at event index (e.g. after Enter) leaves
 * that event and the ones after it for the next frame. */
void ui_keep_keys_from(struct ui *ui, int index);

void ui_begin(struct ui *ui, uint64_t now_ms);
/* Ends the frame: releases the active widget, applies Tab, clears the input
 * (but the key events a widget left for the next frame). */
void ui_end(struct ui *ui);

/* Ids: FNV-1a of the bytes mixed with the id stack. */
uint32_t ui_id(struct ui *ui, const void *data, size_t len);
uint32_t ui_id_str(struct ui *ui, const char *label);
void ui_push_id(struct ui *ui, uint32_t id);
void ui_pop_id(struct ui *ui);

/* Drawing commands. Text is copied into the frame's arena. */
void ui_draw_rect(struct ui *ui, ui_rect r, ui_color color, int radius);
/* Draws a rounded rect with a border of `border` pixels in border_color. */
void ui_draw_box(struct ui *ui, ui_rect r, ui_color fill, ui_color border_color, int border, int radius);
void ui_draw_text(struct ui *ui, enum ui_font font, const char *text, size_t len, int x, int y, ui_color color);
void ui_push_clip(struct ui *ui, ui_rect r);
void ui_pop_clip(struct ui *ui);
ui_rect ui_current_clip(const struct ui *ui);
const char *ui_command_text(const struct ui *ui, const struct ui_command *cmd);

/* Layout units to pixels: n times the scale, rounded (at least 1 for n > 0). */
int ui_px(const struct ui *ui, int n);

/* Measuring through the callbacks. */
int ui_text_width(struct ui *ui, enum ui_font font, const char *text, size_t len);
int ui_text_height(struct ui *ui, enum ui_font font);

/* Interaction helpers for widgets. */
bool ui_mouse_over(const struct ui *ui, ui_rect r);
/* Registers a widget at r: updates active; returns UI_RESULT_CLICK
 * when it was pressed and released inside (a click), UI_RESULT_HOVER when
 * under the mouse. With focusable, it joins the Tab order and a click focuses it. */
int ui_interact(struct ui *ui, uint32_t id, ui_rect r, bool focusable);
void ui_set_focus(struct ui *ui, uint32_t id);
/* Until ui_unblock_mouse, widgets under r do not see the mouse: for an
 * overlay that is drawn after what lies beneath it but must take its clicks. */
void ui_block_mouse(struct ui *ui, ui_rect r);
void ui_unblock_mouse(struct ui *ui);
/* The same for the whole frame, alongside ui_block_mouse: r (w > 0) covers
 * a pop-up drawn last; its owner clears it before drawing the pop-up. */
void ui_set_overlay(struct ui *ui, ui_rect r);
/* Takes the first unused press of key whose Ctrl and Alt state equals
 * mods' (Shift is ignored); true when there was one. */
bool ui_take_key(struct ui *ui, enum ui_key key, unsigned mods);
/* What a finger did to a scroll area this frame. */
struct ui_drag {
    int dy;         /* scroll by this many pixels (positive: the finger went up, toward the end) */
    bool released;  /* the finger lifted after dragging... */
    float velocity; /* ...this fast, in pixels per millisecond (positive: toward the end) */
};
/* Touch scrolling for the area r, called each frame before the widgets in r
 * (and ui_touch_scroll_end after them). A finger's press on r is held back
 * from those widgets until it is clear what it is: lifted within
 * UI_TOUCH_SLOP of where it went down, a tap (the press and the release
 * reach the widgets together, at the press's place: one click); moved
 * further, a drag (out->dy each frame, the widgets never see the press).
 * A press while the area is moving (a fling) only stops it: never a tap.
 * The mouse passes through untouched. */
void ui_touch_scroll(struct ui *ui, uint32_t id, ui_rect r, bool moving, struct ui_drag *out);
/* Gives a press held back this frame to what is drawn after the area (a
 * drop-down that closes on any press elsewhere). */
void ui_touch_scroll_end(struct ui *ui);
/* Asks for another frame within ms (animations, caret blink). */
void ui_request_frame(struct ui *ui, int ms);

ui_rect ui_rect_inset(ui_rect r, int dx, int dy);
bool ui_rect_contains(ui_rect r, int x, int y);
ui_rect ui_rect_intersect(ui_rect a, ui_rect b);

#endif
