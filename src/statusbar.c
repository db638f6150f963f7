/* SPDX-License-Identifier: MIT */
/* statusbar: the view's status bar: the connection's state and what it
 * says (the reason, the details, the reconnect countdown, the URL when the
 * field shows another), its Chart, Saved and theme buttons, and the tip
 * under the bar with the whole line when it did not fit. A part of the
 * view (it draws into the view's rects and sets its actions). */
#include "statusbar.h"

#include <stdio.h>
#include <string.h>

#include "display.h"
#include "i18n.h"
#include "layout.h"
#include "platform.h"

/* The whole of a status line that did not fit, for the tip under the bar:
 * the state, then each part of the reason (the details are joined with
 * " · ") and the URL on a line of its own. NULL: no tip. */
static void status_tip(struct view *v, const struct status_line *s)
{
    char *out = v->status_tip;
    size_t n = sizeof v->status_tip, used = 0;
    out[0] = '\0';
    if (!s)
        return;
    static const char dot[] = " \xC2\xB7 ";
    used += (size_t)snprintf(out, n, "%s", s->state);
    for (const char *r = s->reason; r && *r && used < n;) {
        const char *end = strstr(r, dot);
        size_t len = end ? (size_t)(end - r) : strlen(r);
        int k = snprintf(out + used, n - used, "\n%.*s", (int)len, r);
        used += k > 0 ? (size_t)k : 0;
        r = end ? end + sizeof dot - 1 : NULL;
    }
    if (s->url && *s->url && used < n)
        snprintf(out + used, n - used, "\n%s", s->url);
}

/* The status bar: the state and what it says, Saved and the theme's button. */
void statusbar_frame(struct view *v, struct ui *ui, const struct chat *chat, struct view_actions *actions)
{
    const struct theme *t = v->theme;
    /* The URL, when the field shows another (being edited). */
    bool url_shown = strcmp(v->conn.url.edit.text, chat->url) == 0;
    struct status_line s = {.url = url_shown ? NULL : chat->url, .tag = v->insecure ? tr(I18N_INSECURE) : NULL};
    char reason[512];
    display_status_reason(chat, reason, sizeof reason);
    if (chat->connection == CHAT_DISCONNECTED && chat->retry_at_us > 0) {
        /* Counting down: a frame at each new second until the attempt. */
        int64_t left_us = chat->retry_at_us - platform_wall_clock_us();
        int left = left_us > 0 ? (int)((left_us + 999999) / 1000000) : 0;
        size_t used = strlen(reason);
        snprintf(reason + used, sizeof reason - used, "%s", used ? " \xE2\x80\x94 " : "");
        used = strlen(reason);
        snprintf(reason + used, sizeof reason - used, tr(I18N_RECONNECTING), left, chat->retry_attempt);
        if (left_us > 0)
            ui_request_frame(ui, (int)(left_us % 1000000 / 1000) + 1);
    }
    char details[512];
    display_connection_details(chat, details, sizeof details);
    switch (chat->connection) {
    case CHAT_STARTING:
        s.dot = t->dot_connecting;
        s.state = tr(I18N_STATE_STARTING);
        break;
    case CHAT_CONNECTING:
        s.dot = t->dot_connecting;
        s.state = tr(I18N_STATE_CONNECTING);
        break;
    case CHAT_CONNECTED:
        s.dot = t->dot_connected;
        s.state = tr(I18N_STATE_CONNECTED);
        s.reason = details[0] ? details : NULL;
        s.reason_muted = true;
        break;
    case CHAT_DISCONNECTED:
        s.dot = t->dot_disconnected;
        s.state = tr(I18N_STATE_DISCONNECTED);
        s.reason = reason;
        break;
    }
    /* The theme's button at the right; Saved left of it: it opens the
     * panel by mouse or finger. */
    const char *theme_label = tr(t == &theme_dark ? I18N_THEME_LIGHT : I18N_THEME_DARK);
    const char *saved_label = tr(I18N_SAVED_TOGGLE), *chart_label = tr(I18N_CHART_TOGGLE);
    int theme_w = widget_button_width(ui, theme_label), saved_w = widget_button_width(ui, saved_label);
    int chart_w = widget_button_width(ui, chart_label);
    struct layout_row row = layout_bar(ui, &metrics_status, v->status_rect, 0);
    v->theme_rect = layout_right(&row, theme_w);
    v->saved_rect = layout_right(&row, saved_w);
    v->chart_button_rect = layout_right(&row, chart_w); /* (the live charts: chart.c) */
    s.right_reserved = theme_w + saved_w + chart_w + ui_px(ui, 28);
    bool cut = widget_status_bar(ui, t, v->status_rect, &s);
    ui_rect text_area = v->status_rect;
    text_area.w = v->chart_button_rect.x - text_area.x;
    status_tip(v, cut && ui_mouse_over(ui, text_area) ? &s : NULL);
    if (widget_button(ui, t, saved_label, v->saved_rect, v->panel.open ? BUTTON_PRIMARY : BUTTON_SECONDARY, true) &
        UI_RESULT_CLICK) {
        panel_toggle(&v->panel, ui, false);
        ui_set_focus(ui, v->input.id);
    }
    if (widget_button(ui, t, chart_label, v->chart_button_rect, v->chart.open ? BUTTON_PRIMARY : BUTTON_SECONDARY,
                      true) & UI_RESULT_CLICK) {
        chart_toggle(&v->chart, ui);
        ui_set_focus(ui, v->input.id);
    }
    if (widget_button(ui, t, theme_label, v->theme_rect, BUTTON_SECONDARY, true) & UI_RESULT_CLICK) {
        v->theme = t == &theme_dark ? &theme_light : &theme_dark;
        actions->theme_changed = true;
        ui_set_focus(ui, v->input.id);
        ui_request_frame(ui, 1);
    }
}

/* The status tip: a line per part, under the bar, within the window. */
void statusbar_tip_frame(struct view *v, struct ui *ui, int width)
{
    const struct theme *t = v->theme;
    int pad = ui_px(ui, 8), line_h = ui_text_height(ui, UI_FONT_SMALL) + ui_px(ui, 2), w = 0, lines = 0;
    for (const char *p = v->status_tip; p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        int lw = ui_text_width(ui, UI_FONT_SMALL, p, len);
        w = lw > w ? lw : w;
        lines++;
        p = nl ? nl + 1 : NULL;
    }
    int max_w = width - 2 * pad - ui_px(ui, 16);
    w = w < max_w ? w : max_w;
    ui_rect r = {v->status_rect.x + ui_px(ui, 8), v->status_rect.y + v->status_rect.h + ui_px(ui, 4), w + 2 * pad,
                 lines * line_h + 2 * pad};
    ui_draw_rect(ui, r, t->tooltip_bg, ui_px(ui, 6));
    int y = r.y + pad;
    for (const char *p = v->status_tip; p; y += line_h) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        widget_text_fit(ui, UI_FONT_SMALL, p, len, r.x + pad, y, w, t->tooltip_text);
        p = nl ? nl + 1 : NULL;
    }
}
