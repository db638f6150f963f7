/* SPDX-License-Identifier: MIT */
/* replaybar: see replaybar.h. */
#include "replaybar.h"

#include <string.h>

#include "i18n.h"
#include "layout.h"

/* In layout units. */
#define REPLAYBAR_H 44
#define REPLAYBAR_PROGRESS_H 3

int replaybar_height(struct ui *ui)
{
    return ui_px(ui, REPLAYBAR_H);
}

/* The speed the one stepping button goes to from speed: the next of the
 * list (from one not in it, the next faster; after max, the slowest). */
static int next_speed(double speed)
{
    for (int i = 0; i < PLAYER_SPEEDS; i++)
        if (player_speeds[i] == speed)
            return (i + 1) % PLAYER_SPEEDS;
    for (int i = 0; i < PLAYER_SPEEDS; i++)
        if (player_speeds[i] > speed)
            return i;
    return PLAYER_SPEEDS - 1;
}

/* What the row shows, measured before it is placed. */
struct bar_words {
    const char *toggle;
    enum button_kind toggle_kind;
    int toggle_w;
    char title[96]; /* "Replay · 3 of 5" */
    char time[64];
    const char *state;
    char speeds[PLAYER_SPEEDS][24];
    int chip_w[PLAYER_SPEEDS], chips_w;
};

static void measure(const struct player *p, struct ui *ui, int64_t now, struct bar_words *w)
{
    const struct replay *r = &p->replay;
    enum player_state state = player_state(p, now);
    bool paused = state == PLAYER_HELD || state == PLAYER_TYPING;
    bool again = state == PLAYER_FINISHED;
    w->toggle = tr(again ? I18N_REPLAY_AGAIN : paused ? I18N_REPLAY_RESUME : I18N_REPLAY_PAUSE);
    w->toggle_kind = again || paused ? BUTTON_PRIMARY : BUTTON_SECONDARY;
    /* As wide as the widest of the three, so nothing moves when it changes. */
    const enum i18n_id labels[] = {I18N_REPLAY_PAUSE, I18N_REPLAY_RESUME, I18N_REPLAY_AGAIN};
    w->toggle_w = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        int bw = widget_button_width(ui, tr(labels[i]));
        w->toggle_w = bw > w->toggle_w ? bw : w->toggle_w;
    }
    char count[64];
    player_count_text(p, count, sizeof count);
    snprintf(w->title, sizeof w->title, "%s \xC2\xB7 %s", tr(I18N_REPLAY_TITLE), count); /* · */
    player_time_text(replay_position_us(r, now), r->duration_us, w->time, sizeof w->time);
    w->state = player_state_text(state);
    w->chips_w = 0;
    for (int i = 0; i < PLAYER_SPEEDS; i++) {
        player_speed_text(player_speeds[i], w->speeds[i], sizeof w->speeds[i]);
        w->chip_w[i] = widget_button_width(ui, w->speeds[i]) - ui_px(ui, 12);
        w->chips_w += w->chip_w[i];
    }
}

/* The speeds: a chip each (the one in use filled), or where the row is
 * narrow one button that steps through them. */
static void speeds_frame(struct replaybar *b, struct ui *ui, const struct theme *t, struct layout_row *row,
                         const struct bar_words *w, bool chips, struct replaybar_actions *a)
{
    double speed = b->player->replay.speed;
    memset(b->speed_rect, 0, sizeof b->speed_rect);
    if (!chips) {
        char label[24];
        player_speed_text(speed, label, sizeof label);
        ui_rect r = layout_right(row, widget_button_width(ui, label));
        if (widget_button(ui, t, label, r, BUTTON_SECONDARY, true) & UI_RESULT_CLICK)
            a->speed = 1 + next_speed(speed);
        return;
    }
    for (int i = PLAYER_SPEEDS - 1; i >= 0; i--) {
        b->speed_rect[i] = layout_right(row, w->chip_w[i]);
        bool on = player_speeds[i] == speed;
        if (widget_button(ui, t, w->speeds[i], b->speed_rect[i], on ? BUTTON_PRIMARY : BUTTON_SECONDARY, true) &
            UI_RESULT_CLICK)
            a->speed = 1 + i;
    }
}

void replaybar_frame(struct replaybar *b, struct ui *ui, const struct theme *t, ui_rect bar,
                     struct replaybar_actions *a)
{
    memset(a, 0, sizeof *a);
    b->rect = bar;
    const struct player *p = b->player;
    int64_t now = (int64_t)ui->now_ms * 1000;
    struct bar_words w;
    measure(p, ui, now, &w);

    ui_draw_rect(ui, bar, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){bar.x, bar.y + bar.h - ui_px(ui, 1), bar.w, ui_px(ui, 1)}, t->bar_border, 0);
    /* The progress, along the bottom edge. */
    const struct replay *r = &p->replay;
    if (r->duration_us > 0 || r->finished) {
        double done = r->duration_us > 0 ? (double)replay_position_us(r, now) / (double)r->duration_us : 1.0;
        int ph = ui_px(ui, REPLAYBAR_PROGRESS_H);
        ui_draw_rect(ui, (ui_rect){bar.x, bar.y + bar.h - ph, (int)(bar.w * done), ph}, t->primary_bg, 0);
    }

    struct layout_row row = layout_bar(ui, &metrics_find, bar, 0);
    b->toggle_rect = layout_left(&row, w.toggle_w);
    if (widget_button(ui, t, w.toggle, b->toggle_rect, w.toggle_kind, true) & UI_RESULT_CLICK) {
        if (r->finished)
            a->again = true;
        else
            a->toggle = true;
    }

    int title_w = ui_text_width(ui, UI_FONT_LABEL, w.title, strlen(w.title));
    int time_w = ui_text_width(ui, UI_FONT_SMALL, w.time, strlen(w.time));
    int gaps = ui_px(ui, metrics_find.gap) * (PLAYER_SPEEDS + 2);
    bool chips = title_w + time_w + w.chips_w + gaps <= layout_rest(&row).w;
    speeds_frame(b, ui, t, &row, &w, chips, a);

    /* The words, in what is left: the title, the time, what it waits for. */
    ui_rect rest = layout_rest(&row);
    if (rest.w <= 0)
        return;
    int label_h = ui_text_height(ui, UI_FONT_LABEL), small_h = ui_text_height(ui, UI_FONT_SMALL);
    int x = rest.x, end = rest.x + rest.w, gap = ui_px(ui, 10);
    x += widget_text_fit(ui, UI_FONT_LABEL, w.title, strlen(w.title), x, rest.y + (rest.h - label_h) / 2, end - x,
                         t->text);
    const char *muted[2] = {w.time, w.state};
    int least = ui_text_width(ui, UI_FONT_SMALL, "\xE2\x80\xA6", 3) * 3; /* a word's start and "…" */
    for (int i = 0; i < 2; i++) {
        if (!*muted[i] || end - x - gap < least)
            continue;
        x += gap;
        x += widget_text_fit(ui, UI_FONT_SMALL, muted[i], strlen(muted[i]), x, rest.y + (rest.h - small_h) / 2,
                             end - x, t->text_muted);
    }
}
