/* SPDX-License-Identifier: MIT */
/* keyboard: the on-screen keyboard (see keyboard.h). */
#include "keyboard.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define OSK_KEY_H 64 /* a key's height: a fingertip, at scale 1 */
#define KEYBOARD_SLIDE_MS 150

/* Rows of keys, by language; "\t" separates keys (a key is one UTF-8
 * character). The accents come first, as the row a Portuguese typist needs
 * most; the last row holds the special keys. */
static const char *const osk_letters_pt[] = {
    "á\tà\tâ\tã\té\tê\tí\tó\tô\tõ\tú",
    "q\tw\te\tr\tt\ty\tu\ti\to\tp",
    "a\ts\td\tf\tg\th\tj\tk\tl\tç",
    "z\tx\tc\tv\tb\tn\tm\t,\t.\t?",
};
static const char *const osk_letters_en[] = {
    "á\tà\tâ\tã\té\tê\tí\tó\tô\tõ\tú\tç",
    "q\tw\te\tr\tt\ty\tu\ti\to\tp",
    "a\ts\td\tf\tg\th\tj\tk\tl\t'",
    "z\tx\tc\tv\tb\tn\tm\t,\t.\t?",
};
static const char *const osk_symbols[] = {
    "1\t2\t3\t4\t5\t6\t7\t8\t9\t0",
    "-\t/\t:\t;\t(\t)\t$\t&\t@\t\"",
    "[\t]\t{\t}\t#\t%\t*\t+\t=\t_",
    "!\t\\\t|\t~\t<\t>\t€\t£\t^\t`",
};
#define OSK_ROWS 5 /* four of characters, one of special keys */

/* A key's height: a fingertip, but the keyboard takes at most 45% of the
 * window, so the conversation stays in view. */
int keyboard_key_height(const struct ui *ui, int window_h)
{
    int h = ui_px(ui, OSK_KEY_H);
    int most = (window_h * 45 / 100 - ui_px(ui, 16)) / OSK_ROWS;
    if (h > most)
        h = most;
    return h < 24 ? 24 : h;
}

int keyboard_height(const struct ui *ui, int window_h)
{
    return OSK_ROWS * keyboard_key_height(ui, window_h) + ui_px(ui, 16);
}

int keyboard_shown_height(const struct keyboard *k, struct ui *ui, int window_h)
{
    if (!k->open)
        return 0;
    int h = keyboard_height(ui, window_h);
    uint64_t since = ui->now_ms - k->opened_ms;
    if (since < KEYBOARD_SLIDE_MS) {
        h = (int)((uint64_t)h * since / KEYBOARD_SLIDE_MS);
        ui_request_frame(ui, 16);
    }
    return h;
}

void keyboard_open(struct keyboard *k, struct ui *ui, struct widget_textbox *target)
{
    k->target = target;
    if (!k->open) {
        k->open = true;
        k->opened_ms = ui->now_ms;
        ui_request_frame(ui, 1);
    }
}

/* Upper case of a key's character (ASCII and the accented letters). */
static void osk_upper(const char *key, char out[8])
{
    static const char *const pairs[][2] = {
        {"á", "Á"}, {"à", "À"}, {"â", "Â"}, {"ã", "Ã"}, {"é", "É"}, {"ê", "Ê"},
        {"í", "Í"}, {"ó", "Ó"}, {"ô", "Ô"}, {"õ", "Õ"}, {"ú", "Ú"}, {"ç", "Ç"},
    };
    snprintf(out, 8, "%s", key);
    if (out[0] >= 'a' && out[0] <= 'z' && !out[1]) {
        out[0] = (char)(out[0] - 32);
        return;
    }
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (!strcmp(key, pairs[i][0]))
            snprintf(out, 8, "%s", pairs[i][1]);
}

void keyboard_frame(struct keyboard *kb, struct ui *ui, const struct theme *t, ui_rect r, int key_h,
                    struct widget_textbox *message_box, bool has_text, struct keyboard_actions *actions)
{
    memset(actions, 0, sizeof *actions);
    kb->rect = r;
    ui_draw_rect(ui, r, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){r.x, r.y, r.w, ui_px(ui, 1)}, t->bar_border, 0);
    const char *const *rows = kb->symbols ? osk_symbols
                              : i18n_get_lang() == I18N_PT_BR ? osk_letters_pt : osk_letters_en;
    int gap = ui_px(ui, 6), pad = ui_px(ui, 8);
    struct widget_textbox *target = kb->target ? kb->target : message_box;
    bool to_message_box = target == message_box;
    struct textedit *te = &target->edit;
    uint32_t input_id = target->id ? target->id : widget_textbox_id(ui, message_box);
    uint64_t version = te->version;
    ui_push_id(ui, ui_id_str(ui, "osk"));
    for (int row = 0; row < OSK_ROWS - 1; row++) {
        /* Split the row into keys. */
        const char *keys[16];
        size_t lens[16];
        int n = 0;
        for (const char *p = rows[row]; *p && n < 16;) {
            size_t len = strcspn(p, "\t");
            keys[n] = p;
            lens[n++] = len;
            p += len + (p[len] == '\t');
        }
        int key_w = (r.w - 2 * pad - (n - 1) * gap) / n;
        int y = r.y + pad + row * key_h;
        int x0 = r.x + (r.w - (n * key_w + (n - 1) * gap)) / 2;
        for (int k = 0; k < n; k++) {
            char label[8], upper[8];
            snprintf(label, sizeof label, "%.*s", (int)lens[k], keys[k]);
            if (kb->shift && !kb->symbols) {
                osk_upper(label, upper);
                snprintf(label, sizeof label, "%s", upper);
            }
            ui_rect key = {x0 + k * (key_w + gap), y, key_w, key_h - gap};
            ui_push_id(ui, (uint32_t)(row * 32 + k + 1));
            int b = widget_button(ui, t, label, key, BUTTON_SECONDARY, true);
            ui_pop_id(ui);
            if (b & UI_RESULT_CLICK) {
                textedit_insert(te, label, strlen(label));
                kb->shift = false;
                ui_set_focus(ui, input_id);
                ui_request_frame(ui, 1);
            }
        }
    }
    /* Shift, ?123, space, backspace, send, hide. */
    int y = r.y + pad + (OSK_ROWS - 1) * key_h;
    int unit = (r.w - 2 * pad - 5 * gap) / 10;
    struct {
        const char *label;
        int units;
    } special[] = {
        {kb->symbols ? "abc" : "\xE2\x87\xA7", 1}, /* ⇧ */
        {kb->symbols ? "abc" : "?123", 1},
        {tr(I18N_OSK_SPACE), 4},
        {"\xE2\x8C\xAB", 1},                    /* ⌫ */
        {to_message_box ? tr(I18N_OSK_SEND) : "\xE2\x86\xB5", 2}, /* ↵: Enter in the other boxes */
        {"\xE2\x8C\xA8\xE2\x86\x93", 1},        /* ⌨↓ hide */
    };
    int x = r.x + pad;
    for (int k = 0; k < 6; k++) {
        ui_rect key = {x, y, special[k].units * unit, key_h - gap};
        if (k == 5)
            key.w = r.x + r.w - pad - x;
        ui_push_id(ui, (uint32_t)(1000 + k));
        enum button_kind kind = k == 4 ? BUTTON_PRIMARY : (k == 0 && kb->shift) ? BUTTON_CONNECT : BUTTON_SECONDARY;
        int b = widget_button(ui, t, special[k].label, key, kind, k != 4 || has_text || !to_message_box);
        ui_pop_id(ui);
        x += key.w + gap;
        if (!(b & UI_RESULT_CLICK))
            continue;
        switch (k) {
        case 0:
            if (kb->symbols)
                kb->symbols = false;
            else
                kb->shift = !kb->shift;
            break;
        case 1:
            kb->symbols = !kb->symbols;
            kb->shift = false;
            break;
        case 2:
            textedit_insert(te, " ", 1);
            break;
        case 3:
            textedit_backspace(te);
            break;
        case 4:
            if (to_message_box) {
                actions->send = has_text;
            } else if (ui_input_has_room(ui)) {
                /* Enter, for the box to take in the next frame as if typed:
                 * Connect in the URL field, Save in the name field... */
                ui_input_key(ui, UI_KEY_ENTER, 0);
                ui_keep_keys_from(ui, ui->in.key_count - 1);
            }
            break;
        case 5:
            kb->open = false;
            break;
        }
        ui_set_focus(ui, input_id);
        ui_request_frame(ui, 1);
    }
    ui_pop_id(ui);
    actions->typed = te->version != version;
}
