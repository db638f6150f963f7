/* SPDX-License-Identifier: MIT */
/* ui: the immediate-mode core (see ui.h). */
#include "ui.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

#define UI_FNV_OFFSET 2166136261u
#define UI_FNV_PRIME 16777619u

void ui_init(struct ui *ui)
{
    memset(ui, 0, sizeof *ui);
    ui->keep_keys_from = -1;
}

void ui_free(struct ui *ui)
{
    free(ui->commands);
    free(ui->arena);
    ui->commands = NULL;
    ui->arena = NULL;
    ui->command_cap = ui->arena_cap = 0;
}

/* ---- input ---------------------------------------------------------------- */

void ui_input_mouse_move(struct ui *ui, int x, int y)
{
    ui->in.mouse_x = x;
    ui->in.mouse_y = y;
}

void ui_input_mouse_button(struct ui *ui, unsigned button, bool down, int clicks, unsigned mods)
{
    if (down) {
        ui->in.mouse_down |= button;
        ui->in.mouse_pressed |= button;
        ui->in.clicks = clicks;
        ui->in.mouse_mods = mods;
        if (button == UI_MOUSE_LEFT) {
            /* A move after it in the same frame must not move the press. */
            ui->in.press_x = ui->in.mouse_x;
            ui->in.press_y = ui->in.mouse_y;
        }
    } else {
        ui->in.mouse_down &= ~button;
        ui->in.mouse_released |= button;
    }
}

void ui_input_wheel(struct ui *ui, float notches)
{
    ui->in.wheel_y += notches;
}

void ui_input_touch(struct ui *ui, bool touch)
{
    ui->in.touch = touch;
}

void ui_input_composing(struct ui *ui, const char *text, int caret)
{
    size_t len = strlen(text);
    if (len >= sizeof ui->in.composing)
        len = sizeof ui->in.composing - 1;
    while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
        len--; /* cut on a code point boundary */
    memcpy(ui->in.composing, text, len);
    ui->in.composing[len] = '\0';
    ui->in.composing_caret = caret < 0 ? 0 : caret;
}

void ui_input_key(struct ui *ui, enum ui_key key, unsigned mods)
{
    if (ui->in.key_count == UI_MAX_KEYS)
        return; /* more than a frame's worth; the platform repeats held keys */
    ui->in.keys[ui->in.key_count++] = (struct ui_key_event){.key = key, .mods = mods};
}

void ui_input_text(struct ui *ui, const char *text)
{
    size_t len = strlen(text);
    if (!len || ui->in.key_count == UI_MAX_KEYS || len > UI_MAX_TEXT - ui->in.text_len)
        return;
    memcpy(ui->in.text + ui->in.text_len, text, len);
    ui->in.keys[ui->in.key_count++] = (struct ui_key_event){
        .key = UI_KEY_NONE,
        .text_start = (uint16_t)ui->in.text_len,
        .text_len = (uint16_t)len,
    };
    ui->in.text_len += len;
}

/* ---- frame ------------------------------------------------------------------ */

bool ui_input_has_room(const struct ui *ui)
{
    return ui->in.key_count < UI_MAX_KEYS && ui->in.text_len + 32 <= UI_MAX_TEXT;
}

bool ui_input_can_take(const struct ui *ui)
{
    return ui_input_has_room(ui) && !ui->in.mouse_pressed && !ui->in.mouse_released;
}

void ui_keep_keys_from(struct ui *ui, int index)
{
    if (ui->keep_keys_from < 0 || index < ui->keep_keys_from)
        ui->keep_keys_from = index;
}

void ui_begin(struct ui *ui, uint64_t now_ms)
{
    ui->keep_keys_from = -1;
    ui->now_ms = now_ms;
    if (ui->in.key_count || ui->in.mouse_pressed)
        ui->last_input_ms = now_ms;
    ui->command_count = 0;
    ui->pressed = 0;
    ui->arena_len = 0;
    ui->cursor = UI_CURSOR_ARROW;
    ui->want_text_input = false;
    ui->next_frame_ms = 0;
    ui->focusable_count = 0;
    ui->clip_depth = 0;
    ui->id_depth = 0;
    ui->mouse_block = (ui_rect){0, 0, 0, 0};
    ui->overlay = (ui_rect){0, 0, 0, 0};
}

void ui_end(struct ui *ui)
{
    assert(ui->clip_depth == 0 && "unbalanced ui_push_clip");
    assert(ui->id_depth == 0 && "unbalanced ui_push_id");
    if (!(ui->in.mouse_down & UI_MOUSE_LEFT)) {
        ui->active = 0;
        ui->touch.owner = 0;
        /* A lifted finger points at nothing: no hover or tooltip stays
         * where it was. */
        if (ui->in.touch && (ui->in.mouse_released & UI_MOUSE_LEFT))
            ui->in.mouse_x = ui->in.mouse_y = -1;
    }

    /* Tab and Shift+Tab walk the focusable widgets in drawing order. */
    int kept = ui->keep_keys_from >= 0 ? ui->keep_keys_from : ui->in.key_count;
    for (int i = 0; i < kept; i++) {
        struct ui_key_event *k = &ui->in.keys[i];
        if (k->used || k->key != UI_KEY_TAB || (k->mods & (UI_MOD_CTRL | UI_MOD_ALT)))
            continue;
        if (ui->focusable_count) {
            int at = -1;
            for (int j = 0; j < ui->focusable_count; j++)
                if (ui->focusable[j] == ui->focus)
                    at = j;
            int n = ui->focusable_count;
            int next = (k->mods & UI_MOD_SHIFT) ? (at < 0 ? n - 1 : (at + n - 1) % n)
                                                 : (at + 1) % n;
            ui->focus = ui->focusable[next];
            ui->focus_from_keys = true;
        }
        k->used = true;
    }

    /* Key events left for the next frame move to the front, their text with
     * them: typing that came in the same batch as an Enter is not lost. */
    int count = 0;
    size_t text_base = ui->in.text_len;
    for (int i = kept; i < ui->in.key_count; i++)
        if (ui->in.keys[i].key == UI_KEY_NONE && ui->in.keys[i].text_start < text_base)
            text_base = ui->in.keys[i].text_start;
    for (int i = kept; i < ui->in.key_count; i++) {
        struct ui_key_event k = ui->in.keys[i];
        k.used = false;
        if (k.key == UI_KEY_NONE)
            k.text_start = (uint16_t)(k.text_start - text_base);
        ui->in.keys[count++] = k;
    }
    size_t text_kept = ui->in.text_len - text_base;
    memmove(ui->in.text, ui->in.text + text_base, text_kept);

    ui->in.mouse_pressed = 0;
    ui->in.mouse_released = 0;
    ui->in.clicks = 0;
    ui->in.wheel_y = 0.0f;
    ui->in.key_count = count;
    ui->in.text_len = text_kept;
}

void ui_block_mouse(struct ui *ui, ui_rect r)
{
    ui->mouse_block = r;
}

void ui_unblock_mouse(struct ui *ui)
{
    ui->mouse_block = (ui_rect){0, 0, 0, 0};
}

void ui_set_overlay(struct ui *ui, ui_rect r)
{
    ui->overlay = r;
}

int ui_px(const struct ui *ui, int n)
{
    float scale = ui->scale > 0 ? ui->scale : 1.0f;
    float v = (float)n * scale;
    int px = (int)(v >= 0 ? v + 0.5f : v - 0.5f);
    return n > 0 && px < 1 ? 1 : px;
}

/* ---- ids -------------------------------------------------------------------- */

static uint32_t fnv1a(uint32_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= UI_FNV_PRIME;
    }
    return h;
}

uint32_t ui_id(struct ui *ui, const void *data, size_t len)
{
    uint32_t seed = ui->id_depth ? ui->id_stack[ui->id_depth - 1] : UI_FNV_OFFSET;
    uint32_t id = fnv1a(seed, data, len);
    return id ? id : 1; /* 0 means "no widget" */
}

uint32_t ui_id_str(struct ui *ui, const char *label)
{
    return ui_id(ui, label, strlen(label));
}

void ui_push_id(struct ui *ui, uint32_t id)
{
    assert(ui->id_depth < UI_STACK);
    /* Hashed with the parent's, not kept as given: FNV-1a seeded with small
     * numbers (a row's, a key's index) gives the same id to labels whose
     * first bytes XOR the same way (keys 41 "o" and 35 "e": 0x29 ^ 'o' ==
     * 0x23 ^ 'e'); one drawn before the other then took its release. */
    uint32_t parent = ui->id_depth ? ui->id_stack[ui->id_depth - 1] : UI_FNV_OFFSET;
    unsigned char bytes[4] = {(unsigned char)id, (unsigned char)(id >> 8), (unsigned char)(id >> 16),
                              (unsigned char)(id >> 24)};
    ui->id_stack[ui->id_depth++] = fnv1a(parent, bytes, sizeof bytes);
}

void ui_pop_id(struct ui *ui)
{
    assert(ui->id_depth > 0);
    ui->id_depth--;
}

/* ---- commands ------------------------------------------------------------- */

static struct ui_command *push_command(struct ui *ui)
{
    /* Out of memory: the frame lacks a command; the next one tries again. */
    if (!grow(&ui->commands, &ui->command_cap, ui->command_count + 1, sizeof *ui->commands, 256))
        return NULL;
    struct ui_command *cmd = &ui->commands[ui->command_count++];
    memset(cmd, 0, sizeof *cmd);
    return cmd;
}

static bool rect_visible(const struct ui *ui, ui_rect r)
{
    ui_rect clip = ui_current_clip(ui);
    if (clip.w < 0)
        return true;
    return r.x < clip.x + clip.w && r.y < clip.y + clip.h && r.x + r.w > clip.x &&
           r.y + r.h > clip.y;
}

void ui_draw_rect(struct ui *ui, ui_rect r, ui_color color, int radius)
{
    if (r.w <= 0 || r.h <= 0 || color.a == 0 || !rect_visible(ui, r))
        return;
    struct ui_command *cmd = push_command(ui);
    if (!cmd)
        return;
    cmd->kind = UI_COMMAND_RECT;
    cmd->rect = r;
    cmd->color = color;
    int max_radius = (r.w < r.h ? r.w : r.h) / 2;
    cmd->radius = radius < max_radius ? radius : max_radius;
}

void ui_draw_box(struct ui *ui, ui_rect r, ui_color fill, ui_color border_color, int border, int radius)
{
    if (border > 0) {
        ui_draw_rect(ui, r, border_color, radius);
        ui_draw_rect(ui, ui_rect_inset(r, border, border), fill, radius > border ? radius - border : 0);
    } else {
        ui_draw_rect(ui, r, fill, radius);
    }
}

void ui_draw_text(struct ui *ui, enum ui_font font, const char *text, size_t len, int x, int y,
                  ui_color color)
{
    if (!len)
        return;
    ui_rect r = {x, y, 0, ui_text_height(ui, font)};
    /* Skip text whose line is entirely outside the clip, before measuring. */
    ui_rect clip = ui_current_clip(ui);
    if (clip.w >= 0 && (r.y >= clip.y + clip.h || r.y + r.h <= clip.y))
        return;
    r.w = ui_text_width(ui, font, text, len);
    if (!rect_visible(ui, r))
        return;
    if (len > SIZE_MAX - ui->arena_len || !grow(&ui->arena, &ui->arena_cap, ui->arena_len + len, 1, 4096))
        return;
    struct ui_command *cmd = push_command(ui);
    if (!cmd)
        return;
    memcpy(ui->arena + ui->arena_len, text, len);
    cmd->kind = UI_COMMAND_TEXT;
    cmd->rect = r;
    cmd->color = color;
    cmd->font = font;
    cmd->text = ui->arena_len;
    cmd->len = len;
    ui->arena_len += len;
}

const char *ui_command_text(const struct ui *ui, const struct ui_command *cmd)
{
    return ui->arena + cmd->text;
}

static void emit_clip(struct ui *ui)
{
    struct ui_command *cmd = push_command(ui);
    if (!cmd)
        return;
    cmd->kind = UI_COMMAND_CLIP;
    cmd->rect = ui_current_clip(ui);
}

void ui_push_clip(struct ui *ui, ui_rect r)
{
    assert(ui->clip_depth < UI_STACK);
    if (ui->clip_depth)
        r = ui_rect_intersect(r, ui->clip_stack[ui->clip_depth - 1]);
    ui->clip_stack[ui->clip_depth++] = r;
    emit_clip(ui);
}

void ui_pop_clip(struct ui *ui)
{
    assert(ui->clip_depth > 0);
    ui->clip_depth--;
    emit_clip(ui);
}

ui_rect ui_current_clip(const struct ui *ui)
{
    if (!ui->clip_depth)
        return (ui_rect){0, 0, -1, -1};
    return ui->clip_stack[ui->clip_depth - 1];
}

int ui_text_width(struct ui *ui, enum ui_font font, const char *text, size_t len)
{
    return len ? ui->text_width(ui->font_user, font, text, len) : 0;
}

int ui_text_height(struct ui *ui, enum ui_font font)
{
    return ui->text_height(ui->font_user, font);
}

/* ---- interaction ------------------------------------------------------------ */

static bool point_over(const struct ui *ui, ui_rect r, int x, int y)
{
    if (!ui_rect_contains(r, x, y))
        return false;
    if (ui->mouse_block.w > 0 && ui_rect_contains(ui->mouse_block, x, y))
        return false;
    if (ui->overlay.w > 0 && ui_rect_contains(ui->overlay, x, y))
        return false;
    ui_rect clip = ui_current_clip(ui);
    return clip.w < 0 || ui_rect_contains(clip, x, y);
}

bool ui_mouse_over(const struct ui *ui, ui_rect r)
{
    return point_over(ui, r, ui->in.mouse_x, ui->in.mouse_y);
}

int ui_interact(struct ui *ui, uint32_t id, ui_rect r, bool focusable)
{
    int result = 0;
    /* Hover comes from this frame's mouse position, not from the last
     * frame's: a move and a press that arrive together must hit what is
     * under the pointer now. */
    bool over = ui_mouse_over(ui, r);
    if (focusable && ui->focusable_count < UI_MAX_FOCUSABLE)
        ui->focusable[ui->focusable_count++] = id;
    if (over) {
        result |= UI_RESULT_HOVER;
        if (ui->in.mouse_pressed & UI_MOUSE_LEFT) {
            result |= UI_RESULT_PRESS;
            ui->pressed = id;
            ui->active = id;
            ui->active_clicks = ui->in.clicks;
            if (focusable) {
                ui->focus = id;
                ui->focus_from_keys = false;
            }
        }
    }
    if (ui->active == id && (ui->in.mouse_released & UI_MOUSE_LEFT)) {
        if (over)
            result |= UI_RESULT_CLICK | (ui->active_clicks >= 2 ? UI_RESULT_DOUBLE : 0);
        ui->active = 0;
    }
    return result;
}

void ui_set_focus(struct ui *ui, uint32_t id)
{
    ui->focus = id;
}

bool ui_take_key(struct ui *ui, enum ui_key key, unsigned mods)
{
    unsigned mask = UI_MOD_CTRL | UI_MOD_ALT;
    for (int i = 0; i < ui->in.key_count; i++) {
        struct ui_key_event *k = &ui->in.keys[i];
        if (!k->used && k->key == key && (k->mods & mask) == (mods & mask)) {
            k->used = true;
            return true;
        }
    }
    return false;
}

/* ---- touch ------------------------------------------------------------------ */

static void touch_sample(struct ui_touch *t, uint64_t ms, int y)
{
    struct ui_touch_sample *newest = &t->samples[(t->sample_next - 1) % UI_TOUCH_SAMPLES];
    if (t->sample_count && newest->ms == ms) {
        newest->y = y; /* one position per frame: the latest */
        return;
    }
    t->samples[t->sample_next++ % UI_TOUCH_SAMPLES] = (struct ui_touch_sample){ms, y};
    if (t->sample_count < UI_TOUCH_SAMPLES)
        t->sample_count++;
}

/* The finger's speed over the last UI_TOUCH_VELOCITY_MS: a finger that
 * stopped before it lifted has none, however fast it went before. */
static float touch_velocity(const struct ui_touch *t)
{
    const struct ui_touch_sample *newest = &t->samples[(t->sample_next - 1) % UI_TOUCH_SAMPLES];
    const struct ui_touch_sample *oldest = newest;
    for (unsigned i = 1; i < t->sample_count; i++) {
        const struct ui_touch_sample *s = &t->samples[(t->sample_next - 1 - i) % UI_TOUCH_SAMPLES];
        if (newest->ms - s->ms > UI_TOUCH_VELOCITY_MS)
            break;
        oldest = s;
    }
    if (newest->ms == oldest->ms)
        return 0.0f;
    return (float)(oldest->y - newest->y) / (float)(newest->ms - oldest->ms);
}

/* A finger went down on the area: its press waits (see ui_touch_scroll). */
static void touch_hold(struct ui *ui, uint32_t id, bool moving)
{
    struct ui_touch *t = &ui->touch;
    t->owner = id;
    t->dragging = moving;
    t->x = ui->in.press_x;
    t->y = t->last_y = ui->in.press_y;
    t->clicks = ui->in.clicks;
    t->mods = ui->in.mouse_mods;
    t->sample_count = 0;
    touch_sample(t, ui->now_ms, t->y);
    ui->in.mouse_pressed &= ~(unsigned)UI_MOUSE_LEFT;
    t->hidden = true;
}

/* The finger lifted without leaving the slop: the widgets get the press
 * now, where it was, together with the release: a click. */
static void touch_tap(struct ui *ui)
{
    struct ui_touch *t = &ui->touch;
    ui->in.mouse_pressed |= UI_MOUSE_LEFT;
    ui->in.clicks = t->clicks;
    ui->in.mouse_mods = t->mods;
    ui->in.mouse_x = t->x;
    ui->in.mouse_y = t->y;
    t->hidden = false;
}

void ui_touch_scroll(struct ui *ui, uint32_t id, ui_rect r, bool moving, struct ui_drag *out)
{
    struct ui_touch *t = &ui->touch;
    *out = (struct ui_drag){0, false, 0.0f};
    t->hidden = false;
    if ((ui->in.mouse_pressed & UI_MOUSE_LEFT) && ui->in.touch &&
        point_over(ui, r, ui->in.press_x, ui->in.press_y))
        touch_hold(ui, id, moving);
    if (t->owner != id)
        return;
    int x = ui->in.mouse_x, y = ui->in.mouse_y;
    if (!t->dragging) {
        int slop = ui_px(ui, UI_TOUCH_SLOP);
        int dx = x - t->x, dy = y - t->y;
        t->dragging = dx * dx + dy * dy > slop * slop;
    }
    touch_sample(t, ui->now_ms, y);
    if (t->dragging) {
        /* From where the finger went down: what it touched stays under it. */
        out->dy = t->last_y - y;
        t->last_y = y;
    }
    if (ui->in.mouse_down & UI_MOUSE_LEFT)
        return;
    if (t->dragging) {
        out->released = true;
        out->velocity = touch_velocity(t);
    } else {
        touch_tap(ui);
    }
    t->owner = 0;
}

void ui_touch_scroll_end(struct ui *ui)
{
    if (ui->touch.hidden)
        ui->in.mouse_pressed |= UI_MOUSE_LEFT;
    ui->touch.hidden = false;
}

void ui_request_frame(struct ui *ui, int ms)
{
    if (ms < 1)
        ms = 1;
    if (ui->next_frame_ms <= 0 || ms < ui->next_frame_ms)
        ui->next_frame_ms = ms;
}

/* ---- rects -------------------------------------------------------------------- */

ui_rect ui_rect_inset(ui_rect r, int dx, int dy)
{
    return (ui_rect){r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
}

bool ui_rect_contains(ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

ui_rect ui_rect_intersect(ui_rect a, ui_rect b)
{
    int x1 = a.x > b.x ? a.x : b.x;
    int y1 = a.y > b.y ? a.y : b.y;
    int x2 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y2 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    return (ui_rect){x1, y1, x2 > x1 ? x2 - x1 : 0, y2 > y1 ? y2 - y1 : 0};
}
