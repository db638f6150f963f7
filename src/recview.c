/* SPDX-License-Identifier: MIT */
/* recview: see recview.h. */
#include "recview.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"
#include "openbar.h"

#define HEADER_H 44 /* layout units */
#define BAR_TRACK_H 8

int recview_height(const struct recview *r, struct ui *ui)
{
    return r->opened || r->loading ? ui_px(ui, HEADER_H) : 0;
}

/* A time as the list's tooltip gives it: local, to the second. */
static void format_stamp(int64_t us, bool date, char *out, size_t n)
{
    struct tm tm;
    if (!platform_local_time(us, &tm))
        snprintf(out, n, "?");
    else if (date)
        snprintf(out, n, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                 tm.tm_min, tm.tm_sec);
    else
        snprintf(out, n, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void recview_summary(const struct recview *r, char *out, size_t n)
{
    const struct opened *o = r->opened;
    char span[160], from[64], to[64], messages[64], damaged[64] = "";
    if (!o) {
        snprintf(out, n, "%s", openbar_file_name(r->path));
        return;
    }
    if (o->first_us) {
        format_stamp(o->first_us, true, from, sizeof from);
        /* The same day: the end's time alone. */
        struct tm a, b;
        bool same_day = platform_local_time(o->first_us, &a) && platform_local_time(o->last_us, &b) &&
                        a.tm_year == b.tm_year && a.tm_yday == b.tm_yday;
        format_stamp(o->last_us, !same_day, to, sizeof to);
        snprintf(span, sizeof span, "%s \xE2\x80\x93 %s", from, to);
    } else {
        snprintf(span, sizeof span, "%s", tr(I18N_OPEN_NO_TIME));
    }
    snprintf(messages, sizeof messages, tr(I18N_OPEN_MESSAGES), (unsigned long long)o->messages);
    if (o->damaged) {
        static const char dot[] = " \xC2\xB7 ";
        int k = snprintf(damaged, sizeof damaged, "%s", dot);
        snprintf(damaged + k, sizeof damaged - (size_t)k, tr(I18N_OPEN_DAMAGED_LINES), (unsigned long long)o->damaged);
    }
    snprintf(out, n, "%s \xC2\xB7 %s \xC2\xB7 %s%s", openbar_file_name(r->path), span, messages, damaged);
}

/* Loading: the file's name and percent, a bar, Cancel. */
static void loading_frame(struct recview *r, struct ui *ui, const struct theme *t, struct layout_row *row,
                          struct recview_actions *a)
{
    const char *cancel = tr(I18N_SAVED_CANCEL);
    if (widget_button(ui, t, cancel, layout_right(row, widget_button_width(ui, cancel)), BUTTON_SECONDARY, true) &
        UI_RESULT_CLICK)
        a->cancel = true;
    char text[PLATFORM_PATH_MAX + 64];
    snprintf(text, sizeof text, tr(I18N_OPEN_LOADING), openbar_file_name(r->path), r->progress / 10);
    ui_rect rest = layout_rest(row);
    int text_h = ui_text_height(ui, UI_FONT_LABEL), track_h = ui_px(ui, BAR_TRACK_H);
    int text_w = rest.w / 2;
    widget_text_fit(ui, UI_FONT_LABEL, text, strlen(text), rest.x, rest.y + (rest.h - text_h) / 2, text_w, t->text);
    ui_rect track = {rest.x + text_w + ui_px(ui, 8), rest.y + (rest.h - track_h) / 2, rest.w - text_w - ui_px(ui, 8),
                     track_h};
    ui_draw_rect(ui, track, t->disabled_bg, track_h / 2);
    ui_rect done = track;
    done.w = (int)((int64_t)track.w * r->progress / 1000);
    if (done.w > 0)
        ui_draw_rect(ui, done, t->primary_bg, track_h / 2);
}

void recview_frame(struct recview *r, struct ui *ui, const struct theme *t, ui_rect bar, struct recview_actions *a)
{
    memset(a, 0, sizeof *a);
    r->rect = bar;
    if (!bar.h)
        return;
    ui_draw_rect(ui, bar, t->selection, 0);
    ui_draw_rect(ui, (ui_rect){bar.x, bar.y + bar.h - ui_px(ui, 1), bar.w, ui_px(ui, 1)}, t->bar_border, 0);
    struct layout_row row = layout_bar(ui, &metrics_find, bar, 0);
    if (r->loading) {
        loading_frame(r, ui, t, &row, a);
        if (ui_take_key(ui, UI_KEY_ESCAPE, 0))
            a->cancel = true;
        return;
    }
    const char *close = tr(I18N_OPEN_CLOSE);
    if (widget_button(ui, t, close, layout_right(&row, widget_button_width(ui, close)), BUTTON_SECONDARY, true) &
        UI_RESULT_CLICK)
        a->close = true;
    char text[PLATFORM_PATH_MAX + 256];
    recview_summary(r, text, sizeof text);
    ui_rect rest = layout_rest(&row);
    int text_h = ui_text_height(ui, UI_FONT_LABEL);
    widget_text_fit(ui, UI_FONT_LABEL, text, strlen(text), rest.x, rest.y + (rest.h - text_h) / 2, rest.w,
                    t->text);
    if (ui_take_key(ui, UI_KEY_ESCAPE, 0))
        a->close = true;
}

void recview_read_only_row(struct ui *ui, const struct theme *t, ui_rect row)
{
    ui_draw_rect(ui, row, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){row.x, row.y, row.w, ui_px(ui, 1)}, t->bar_border, 0);
    const char *text = tr(I18N_OPEN_READ_ONLY);
    int pad = ui_px(ui, metrics_bar.pad), text_h = ui_text_height(ui, UI_FONT_LABEL);
    widget_text_fit(ui, UI_FONT_LABEL, text, strlen(text), row.x + pad, row.y + (row.h - text_h) / 2, row.w - 2 * pad,
                    t->text_muted);
}
