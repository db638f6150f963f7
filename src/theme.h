/* SPDX-License-Identifier: MIT */
/* theme: the colours of the light and the dark theme, and the sizes every
 * component lays its controls out with. Pure data. */
#ifndef PONTE_THEME_H
#define PONTE_THEME_H

#include "ui.h"

/* Colours. Every text colour is chosen against the background it is drawn
 * on to reach WCAG AA (4.5:1); tests/test_ui.c checks the ratios. */
struct theme {
    ui_color window_bg;      /* the conversation area */
    ui_color bar_bg;         /* status bar and input row */
    ui_color bar_border;
    ui_color text;           /* on bar_bg */
    ui_color text_muted;     /* on bar_bg and window_bg */
    ui_color dot_connecting;
    ui_color dot_connected;
    ui_color dot_disconnected;
    ui_color sent_bg, sent_text, sent_label;
    ui_color received_bg, received_text, received_label;
    ui_color failed_bg, failed_border, failed_text, failed_label;
    ui_color system_text;    /* on window_bg */
    ui_color primary_bg, primary_hover, primary_text;
    ui_color danger_text, connect_bg, connect_hover, connect_text;
    ui_color secondary_bg, secondary_hover, secondary_border;
    ui_color disabled_bg, disabled_text;
    ui_color input_bg, input_border, input_focus, input_text, placeholder, selection, caret;
    ui_color scroll_thumb, scroll_thumb_hover;
    ui_color focus_ring;
    /* JSON syntax colours (enum json_kind order) on received / sent bubbles. */
    ui_color json_received[5], json_sent[5];
    ui_color match_bg, match_current_bg, match_text; /* search hits, drawn with match_text */
    ui_color pill_bg, pill_text;                     /* "↓ N new messages" */
    ui_color tooltip_bg, tooltip_text;
    ui_color tag_bg, tag_text;                       /* a warning in the status bar ("insecure") */
    const char *name;                                /* "light", "dark" */
};

extern const struct theme theme_light, theme_dark;

/* WCAG 2 contrast ratio of two opaque colours (1..21). */
double theme_contrast(ui_color a, ui_color b);

/* The sizes components lay their controls out with, in layout units
 * (ui_px turns them into pixels); a bar's controls sit on one row (see
 * layout_bar in layout.h). */
struct metrics {
    int pad;       /* from a bar's edge to its first control */
    int gap;       /* between two controls */
    int control_h; /* a button's or a field's height */
    int radius;    /* a control's corners */
};
/* The connection bar, the input row and the offline strip; the status
 * bar's smaller buttons; the find bar's. */
extern const struct metrics metrics_bar, metrics_status, metrics_find;

#endif
