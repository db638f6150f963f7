/* SPDX-License-Identifier: MIT */
/* exportbar: see exportbar.h. */
#include "exportbar.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"

/* In layout units: a row of the bar, and the note's room under them. */
#define EXPORT_ROW_H 44
#define EXPORT_NOTE_PAD 6

static const char *const format_names[EXPORT_FORMAT_COUNT] = {"JSON Lines", "HAR", "Markdown"};

void exportbar_init(struct exportbar *b)
{
    memset(b, 0, sizeof *b);
    widget_textbox_init(&b->path, false);
}

void exportbar_free(struct exportbar *b)
{
    widget_textbox_free(&b->path); /* its layout, then its text */
    textedit_free(&b->path.edit);
}

static void what_label(enum exportbar_what what, const struct exportbar_counts *counts, char *out, size_t n)
{
    static const enum i18n_id ids[EXPORTBAR_WHAT_COUNT] = {I18N_EXPORT_WHAT_ALL, I18N_EXPORT_WHAT_FILTERED,
                                                           I18N_EXPORT_WHAT_SELECTION};
    char count[32];
    export_format_count(counts->rows[what], count, sizeof count);
    snprintf(out, n, "%s (%s)", tr(ids[what]), count);
}

static bool offered(enum exportbar_what what, const struct exportbar_counts *counts)
{
    return what == EXPORTBAR_ALL || counts->rows[what] > 0;
}

void exportbar_open(struct exportbar *b, struct ui *ui, const struct exportbar_counts *counts,
                    const char *default_path)
{
    b->open = true;
    b->what = offered(EXPORTBAR_SELECTION, counts)  ? EXPORTBAR_SELECTION
              : offered(EXPORTBAR_FILTERED, counts) ? EXPORTBAR_FILTERED
                                                    : EXPORTBAR_ALL;
    if (!b->path.edit.len && default_path)
        textedit_set(&b->path.edit, default_path, strlen(default_path));
    b->confirm = false;
    b->note[0] = '\0';
    ui_set_focus(ui, widget_textbox_id(ui, &b->path));
    ui_request_frame(ui, 1);
}

void exportbar_close(struct exportbar *b)
{
    b->open = false;
    b->confirm = false;
    b->note[0] = '\0';
    b->rect = (ui_rect){0, 0, 0, 0};
}

/* What the height and the drawing go by. The chips (the what's offered,
 * then the formats, a little apart) flow along rows: the first row ends
 * at ✕, a chip that does not fit starts the next row. */
#define CHIPS (EXPORTBAR_WHAT_COUNT + EXPORT_FORMAT_COUNT)
struct sizes {
    int pad, gap, h, row_h, step, note_h, close_w;
    int chip_w[CHIPS];   /* 0: not offered */
    int chip_x[CHIPS];   /* from the bar's left */
    int chip_row[CHIPS]; /* from 0 */
    int chip_rows;
};

static const char *chip_label(int i, const struct exportbar_counts *counts, char *out, size_t n)
{
    if (i >= EXPORTBAR_WHAT_COUNT)
        return format_names[i - EXPORTBAR_WHAT_COUNT];
    what_label((enum exportbar_what)i, counts, out, n);
    return out;
}

static void measure(struct ui *ui, const struct exportbar *b, const struct exportbar_counts *counts,
                    struct sizes *s)
{
    s->pad = ui_px(ui, metrics_find.pad);
    s->gap = ui_px(ui, metrics_find.gap);
    s->h = ui_px(ui, metrics_find.control_h);
    s->row_h = ui_px(ui, EXPORT_ROW_H);
    s->step = s->row_h - ui_px(ui, 4); /* from one row of controls to the next */
    s->close_w = s->h;
    s->note_h = b->note[0] ? ui_text_height(ui, UI_FONT_SMALL) + 2 * ui_px(ui, EXPORT_NOTE_PAD) : 0;
    int x = s->pad, row = 0;
    for (int i = 0; i < CHIPS; i++) {
        char label[128];
        bool shown = i >= EXPORTBAR_WHAT_COUNT || offered((enum exportbar_what)i, counts);
        s->chip_w[i] = shown ? widget_button_width(ui, chip_label(i, counts, label, sizeof label)) - ui_px(ui, 12) : 0;
        if (!shown)
            continue;
        if (i == EXPORTBAR_WHAT_COUNT)
            x += ui_px(ui, 12); /* the formats a little apart from the what */
        int end = row == 0 ? b->rect.w - s->pad - s->close_w - s->gap : b->rect.w - s->pad;
        if (x > s->pad && x + s->chip_w[i] > end) {
            row++;
            x = s->pad;
        }
        s->chip_x[i] = x;
        s->chip_row[i] = row;
        x += s->chip_w[i] + s->gap;
    }
    s->chip_rows = row + 1;
}

int exportbar_height(struct ui *ui, const struct exportbar *b, int width, const struct exportbar_counts *counts)
{
    struct exportbar tmp = *b;
    tmp.rect.w = width;
    struct sizes s;
    measure(ui, &tmp, counts, &s);
    return s.chip_rows * s.step + s.row_h + s.note_h;
}

/* A toggle: filled when chosen; true when clicked. */
static bool chip(struct ui *ui, const struct theme *t, const char *label, ui_rect r, bool on)
{
    return (widget_button(ui, t, label, r, on ? BUTTON_PRIMARY : BUTTON_SECONDARY, true) & UI_RESULT_CLICK) != 0;
}

/* The what and format chips where measure put them. */
static void choices(struct exportbar *b, struct ui *ui, const struct theme *t, const struct exportbar_counts *counts,
                    const struct sizes *s, int top)
{
    uint32_t box = widget_textbox_id(ui, &b->path);
    for (int i = 0; i < CHIPS; i++) {
        ui_rect r = {0, 0, 0, 0};
        if (s->chip_w[i])
            r = (ui_rect){b->rect.x + s->chip_x[i], top + s->chip_row[i] * s->step, s->chip_w[i], s->h};
        char label[128];
        const char *text = chip_label(i, counts, label, sizeof label);
        if (i < EXPORTBAR_WHAT_COUNT) {
            b->what_rect[i] = r;
            if (r.w && chip(ui, t, text, r, b->what == (enum exportbar_what)i)) {
                b->what = (enum exportbar_what)i;
                ui_set_focus(ui, box); /* Enter still saves */
            }
            continue;
        }
        enum export_format f = (enum export_format)(i - EXPORTBAR_WHAT_COUNT);
        b->format_rect[f] = r;
        if (chip(ui, t, text, r, b->format == f) && b->format != f) {
            b->format = f;
            char path[1024];
            snprintf(path, sizeof path, "%s", b->path.edit.text ? b->path.edit.text : "");
            if (export_fix_extension(path, sizeof path, b->format))
                textedit_set(&b->path.edit, path, strlen(path));
            b->confirm = false;
            ui_set_focus(ui, box);
        }
    }
}

static void draw(struct exportbar *b, struct ui *ui, const struct theme *t, ui_rect bar,
                 const struct exportbar_counts *counts, struct exportbar_actions *a)
{
    ui_draw_rect(ui, bar, t->bar_bg, 0);
    ui_draw_rect(ui, (ui_rect){bar.x, bar.y + bar.h - ui_px(ui, 1), bar.w, ui_px(ui, 1)}, t->bar_border, 0);
    struct sizes s;
    measure(ui, b, counts, &s);
    struct layout_row row = layout_bar(ui, &metrics_find, bar, s.row_h);

    b->close_rect = layout_right(&row, s.close_w);
    if (widget_button(ui, t, "\xE2\x9C\x95", b->close_rect, BUTTON_SECONDARY, true) & UI_RESULT_CLICK) { /* ✕ */
        a->close = true;
        return;
    }
    if (!offered(b->what, counts))
        b->what = EXPORTBAR_ALL; /* (the selection or the filter went away) */
    choices(b, ui, t, counts, &s, b->close_rect.y);

    /* The file, and Save (Replace once it is known to be there). */
    ui_rect path_bar = {bar.x, bar.y + s.chip_rows * s.step, bar.w, s.row_h};
    struct layout_row path_row = layout_bar(ui, &metrics_find, path_bar, s.row_h);
    const char *save = tr(b->confirm ? I18N_EXPORT_REPLACE : I18N_SAVED_SAVE);
    b->save_rect = layout_right(&path_row, widget_button_width(ui, save));
    bool has_path = b->path.edit.len > 0;
    int pressed = widget_button(ui, t, save, b->save_rect, b->confirm ? BUTTON_DANGER : BUTTON_PRIMARY, has_path);
    int result = widget_textbox(ui, t, &b->path, layout_rest(&path_row), tr(I18N_EXPORT_PATH_PLACEHOLDER));
    if (b->path.edit.version != b->path_version) {
        b->path_version = b->path.edit.version;
        b->confirm = false; /* another file: ask again */
        /* A name typed with a format's extension chooses that format. */
        const char *dot = b->path.edit.text ? strrchr(b->path.edit.text, '.') : NULL;
        for (int i = 0; dot && i < EXPORT_FORMAT_COUNT; i++)
            if (!strcmp(dot + 1, export_extension((enum export_format)i)))
                b->format = (enum export_format)i;
    }
    if ((pressed & UI_RESULT_CLICK) || (result & UI_RESULT_SUBMIT)) {
        if (has_path) {
            a->save = true;
            a->replace = b->confirm;
        } else {
            snprintf(b->note, sizeof b->note, "%s", tr(I18N_EXPORT_NO_PATH));
            b->note_error = true;
        }
        ui_set_focus(ui, widget_textbox_id(ui, &b->path));
    }

    if (b->note[0]) {
        int pad = ui_px(ui, EXPORT_NOTE_PAD);
        int y = path_bar.y + s.step + pad;
        widget_text_fit(ui, UI_FONT_SMALL, b->note, strlen(b->note), bar.x + s.pad, y, bar.w - 2 * s.pad,
                        b->note_error || b->confirm ? t->danger_text : t->text_muted);
    }
    if (ui_take_key(ui, UI_KEY_ESCAPE, 0))
        a->close = true;
}

void exportbar_frame(struct exportbar *b, struct ui *ui, const struct theme *t, ui_rect bar,
                     const struct exportbar_counts *counts, struct exportbar_actions *actions)
{
    memset(actions, 0, sizeof *actions);
    b->rect = bar;
    draw(b, ui, t, bar, counts, actions);
}

void exportbar_exists(struct exportbar *b)
{
    b->confirm = true;
    b->path_version = b->path.edit.version;
    snprintf(b->note, sizeof b->note, "%s", tr(I18N_EXPORT_EXISTS));
    b->note_error = false;
}

void exportbar_done(struct exportbar *b, bool ok, size_t written, const char *path, const char *err)
{
    b->confirm = false;
    b->note_error = !ok;
    if (!ok) {
        snprintf(b->note, sizeof b->note, tr(I18N_EXPORT_FAILED), path, err ? err : "");
    } else if (written == 1) {
        snprintf(b->note, sizeof b->note, tr(I18N_EXPORT_SAVED_ONE), path);
    } else {
        char count[32];
        export_format_count(written, count, sizeof count);
        snprintf(b->note, sizeof b->note, tr(I18N_EXPORT_SAVED), count, path);
    }
}
