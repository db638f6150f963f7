/* SPDX-License-Identifier: MIT */
/* theme: the two colour sets and the sizes every component lays out with
 * (see theme.h). */
#include "theme.h"

#include <math.h>

const struct theme theme_light = {
    .window_bg = UI_RGB(0xF1F5F9),
    .bar_bg = UI_RGB(0xFFFFFF),
    .bar_border = UI_RGB(0xCBD5E1),
    .text = UI_RGB(0x0F172A),
    .text_muted = UI_RGB(0x475569),
    .dot_connecting = UI_RGB(0xD97706),
    .dot_connected = UI_RGB(0x16A34A),
    .dot_disconnected = UI_RGB(0xDC2626),
    .sent_bg = UI_RGB(0x1D4ED8),
    .sent_text = UI_RGB(0xFFFFFF),
    .sent_label = UI_RGB(0xDBEAFE),
    .received_bg = UI_RGB(0xFFFFFF),
    .received_text = UI_RGB(0x0F172A),
    .received_label = UI_RGB(0x475569),
    .failed_bg = UI_RGB(0xFEF2F2),
    .failed_border = UI_RGB(0xDC2626),
    .failed_text = UI_RGB(0x0F172A),
    .failed_label = UI_RGB(0xB91C1C),
    .system_text = UI_RGB(0x475569),
    .primary_bg = UI_RGB(0x1D4ED8),
    .primary_hover = UI_RGB(0x1E40AF),
    .primary_text = UI_RGB(0xFFFFFF),
    .danger_text = UI_RGB(0xB91C1C),
    .connect_bg = UI_RGB(0x15803D),
    .connect_hover = UI_RGB(0x166534),
    .connect_text = UI_RGB(0xFFFFFF),
    .secondary_bg = UI_RGB(0xFFFFFF),
    .secondary_hover = UI_RGB(0xFEF2F2),
    .secondary_border = UI_RGB(0xCBD5E1),
    .disabled_bg = UI_RGB(0xE2E8F0),
    .disabled_text = UI_RGB(0x475569),
    .input_bg = UI_RGB(0xFFFFFF),
    .input_border = UI_RGB(0x94A3B8),
    .input_focus = UI_RGB(0x1D4ED8),
    .input_text = UI_RGB(0x0F172A),
    .placeholder = UI_RGB(0x64748B),
    .selection = UI_RGB(0xBFDBFE),
    .caret = UI_RGB(0x0F172A),
    .scroll_thumb = UI_RGB(0x94A3B8),
    .scroll_thumb_hover = UI_RGB(0x64748B),
    .focus_ring = UI_RGB(0x1D4ED8),
    .json_received = {UI_RGB(0x475569), UI_RGB(0x7C2D12), UI_RGB(0x166534), UI_RGB(0x1D4ED8),
                      UI_RGB(0x7E22CE)},
    .json_sent = {UI_RGB(0xDBEAFE), UI_RGB(0xFDE68A), UI_RGB(0xBBF7D0), UI_RGB(0xFFFFFF),
                  UI_RGB(0xFBCFE8)},
    .match_bg = UI_RGB(0xFDE047),
    .match_current_bg = UI_RGB(0xFB923C),
    .match_text = UI_RGB(0x0F172A),
    .pill_bg = UI_RGB(0x1D4ED8),
    .pill_text = UI_RGB(0xFFFFFF),
    .tooltip_bg = UI_RGB(0x0F172A),
    .tooltip_text = UI_RGB(0xF8FAFC),
    .tag_bg = UI_RGB(0xB91C1C),
    .tag_text = UI_RGB(0xFFFFFF),
    .name = "light",
};

const struct theme theme_dark = {
    .window_bg = UI_RGB(0x0F172A),
    .bar_bg = UI_RGB(0x1E293B),
    .bar_border = UI_RGB(0x334155),
    .text = UI_RGB(0xF1F5F9),
    .text_muted = UI_RGB(0x94A3B8),
    .dot_connecting = UI_RGB(0xF59E0B),
    .dot_connected = UI_RGB(0x22C55E),
    .dot_disconnected = UI_RGB(0xEF4444),
    .sent_bg = UI_RGB(0x1D4ED8),
    .sent_text = UI_RGB(0xFFFFFF),
    .sent_label = UI_RGB(0xDBEAFE),
    .received_bg = UI_RGB(0x1E293B),
    .received_text = UI_RGB(0xF1F5F9),
    .received_label = UI_RGB(0x94A3B8),
    .failed_bg = UI_RGB(0x450A0A),
    .failed_border = UI_RGB(0xEF4444),
    .failed_text = UI_RGB(0xFEE2E2),
    .failed_label = UI_RGB(0xFCA5A5),
    .system_text = UI_RGB(0x94A3B8),
    .primary_bg = UI_RGB(0x2563EB),
    .primary_hover = UI_RGB(0x1D4ED8),
    .primary_text = UI_RGB(0xFFFFFF),
    .danger_text = UI_RGB(0xFCA5A5),
    .connect_bg = UI_RGB(0x15803D),
    .connect_hover = UI_RGB(0x166534),
    .connect_text = UI_RGB(0xFFFFFF),
    .secondary_bg = UI_RGB(0x1E293B),
    .secondary_hover = UI_RGB(0x450A0A),
    .secondary_border = UI_RGB(0x475569),
    .disabled_bg = UI_RGB(0x334155),
    .disabled_text = UI_RGB(0xCBD5E1),
    .input_bg = UI_RGB(0x0F172A),
    .input_border = UI_RGB(0x64748B),
    .input_focus = UI_RGB(0x60A5FA),
    .input_text = UI_RGB(0xF1F5F9),
    .placeholder = UI_RGB(0x94A3B8),
    .selection = UI_RGB(0x1E40AF),
    .caret = UI_RGB(0xF1F5F9),
    .scroll_thumb = UI_RGB(0x475569),
    .scroll_thumb_hover = UI_RGB(0x64748B),
    .focus_ring = UI_RGB(0x60A5FA),
    .json_received = {UI_RGB(0x94A3B8), UI_RGB(0xFDBA74), UI_RGB(0x86EFAC), UI_RGB(0x93C5FD),
                      UI_RGB(0xD8B4FE)},
    .json_sent = {UI_RGB(0xDBEAFE), UI_RGB(0xFDE68A), UI_RGB(0xBBF7D0), UI_RGB(0xFFFFFF),
                  UI_RGB(0xFBCFE8)},
    .match_bg = UI_RGB(0xFDE047),
    .match_current_bg = UI_RGB(0xFB923C),
    .match_text = UI_RGB(0x0F172A),
    .pill_bg = UI_RGB(0x2563EB),
    .pill_text = UI_RGB(0xFFFFFF),
    .tooltip_bg = UI_RGB(0xF1F5F9),
    .tooltip_text = UI_RGB(0x0F172A),
    .tag_bg = UI_RGB(0xB91C1C),
    .tag_text = UI_RGB(0xFFFFFF),
    .name = "dark",
};

static double channel_luminance(uint8_t c)
{
    double s = c / 255.0;
    return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(ui_color c)
{
    return 0.2126 * channel_luminance(c.r) + 0.7152 * channel_luminance(c.g) +
           0.0722 * channel_luminance(c.b);
}

double theme_contrast(ui_color a, ui_color b)
{
    double la = luminance(a), lb = luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

const struct metrics metrics_bar = {.pad = 12, .gap = 8, .control_h = 40, .radius = 8};
const struct metrics metrics_status = {.pad = 12, .gap = 8, .control_h = 28, .radius = 8};
const struct metrics metrics_find = {.pad = 12, .gap = 6, .control_h = 30, .radius = 8};
