/* SPDX-License-Identifier: MIT */
/* row: see row.h. */
#include "row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binview.h"
#include "display.h"
#include "i18n.h"
#include "platform.h"

/* A bubble shows at most this many lines, then "… N more bytes". */
#define BUBBLE_MAX_LINES 200
/* Shown whole ("Show all"), still at most this many: a 16 MiB message of
 * line feeds would otherwise make a bubble taller than an int can say. */
#define EXPANDED_MAX_LINES 100000

void row_clear(struct row_layout *l)
{
    wrap_free(&l->wrap);
    free(l->display);
    free(l->spans);
    free(l->matches);
    memset(l, 0, sizeof *l);
}

static void format_time(int64_t time_us, char out[16])
{
    struct tm tm;
    if (platform_local_time(time_us, &tm))
        snprintf(out, 16, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
    else
        snprintf(out, 16, "--:--:--");
}

void row_bubble(const struct chat *chat, const struct chat_message *m, uint8_t marks, const struct row_layout *l,
                char time[64], char more[64], struct bubble *b)
{
    format_time(m->time_us, time);
    memset(b, 0, sizeof *b);
    b->time = time;
    if (m->rtt_us) {
        /* The echo's round trip, after the time: "↩ 0.21 ms" (in the
         * buffer's second half). */
        char *rtt = time + 16;
        double ms = (double)m->rtt_us / 1000.0;
        if (ms < 10.0)
            snprintf(rtt, 48, "\xE2\x86\xA9 %.2f ms", ms);
        else if (ms < 1000.0)
            snprintf(rtt, 48, "\xE2\x86\xA9 %.0f ms", ms);
        else
            snprintf(rtt, 48, "\xE2\x86\xA9 %.1f s", ms / 1000.0);
        b->after_time = rtt;
    }
    b->text = l->display ? l->display : m->text;
    b->wrap = &l->wrap;
    b->font = l->font;
    b->current = SIZE_MAX;
    if (m->kind == CHAT_RECEIVED) {
        b->kind = BUBBLE_RECEIVED;
        b->label = tr(m->compressed ? I18N_RECEIVED_COMPRESSED : I18N_RECEIVED);
    } else if (m->state == CHAT_NOT_SENT) {
        b->kind = BUBBLE_FAILED;
        b->label = tr(I18N_NOT_SENT);
        b->note = m->recalled ? NULL : tr(I18N_NOT_SENT_NOTE);
    } else {
        b->kind = BUBBLE_SENT;
        /* Sending while there is no connection: held for the next one. */
        /* (What it was sent as, in time's second half: a sent message has no round trip.) */
        b->label = m->state != CHAT_SENDING ? display_sent_label(m, time + 16, 48)
                   : tr(chat->connection == CHAT_CONNECTED ? I18N_SENDING : I18N_QUEUED);
    }
    bool expanded = marks & LIST_MARK_EXPANDED;
    if (l->json) {
        /* MessagePack or CBOR: between the pretty text and the hex dump. */
        if (l->format != BINVIEW_NONE)
            b->toggle = marks & LIST_MARK_RAW ? binview_format_name(l->format) : tr(I18N_COMPOSE_HEX);
        else
            b->toggle = tr(marks & LIST_MARK_RAW ? I18N_SHOW_JSON : I18N_SHOW_RAW);
        b->spans = l->spans;
        b->span_count = l->span_count;
    }
    if (l->hidden && !b->note) {
        snprintf(more, 64, tr(I18N_MORE_BYTES), l->hidden);
        b->note = more;
        b->note_link = tr(expanded ? I18N_SHOW_LESS : I18N_SHOW_ALL);
    } else if (expanded && !b->note) {
        b->note_link = tr(I18N_SHOW_LESS);
    }
}

int row_content_width(const struct ui *ui, int list_w)
{
    return list_w - ui_px(ui, ROW_SCROLLBAR_W);
}

static int bubble_max_width(const struct ui *ui, int list_w)
{
    int w = (row_content_width(ui, list_w) - 2 * ui_px(ui, ROW_PAD_X)) * 3 / 4;
    int least = ui_px(ui, 160);
    return w < least ? least : w;
}

/* What a bubble's layout depends on besides its text and the width. */
uint8_t row_key(uint8_t marks, const struct chat_message *m)
{
    return (uint8_t)(m->state | m->recalled << 4 | marks << 5);
}

static int event_height(const struct ui *ui)
{
    return ui_text_height((struct ui *)ui, UI_FONT_SMALL) + ui_px(ui, 8) + ui_px(ui, ROW_GAP);
}

void row_guess_setup(struct row_guess *g, const struct ui *ui, int list_w)
{
    struct ui *mui = (struct ui *)ui;
    g->event_h = event_height(ui);
    g->line_h = ui_text_height(mui, UI_FONT_BODY);
    int text_w = bubble_max_width(ui, list_w) - 2 * ui_px(ui, BUBBLE_PAD_X);
    int char_w = g->line_h * 9 / 20; /* about the width of an average character */
    if (char_w < 1)
        char_w = 1;
    g->per_line = (size_t)(text_w > char_w ? text_w / char_w : 1);
    g->chrome = 2 * ui_px(ui, BUBBLE_PAD_Y) + ui_text_height(mui, UI_FONT_LABEL) + ui_px(ui, 2);
    g->note_h = ui_px(ui, 2) + ui_text_height(mui, UI_FONT_SMALL);
    g->gap = ui_px(ui, ROW_GAP);
}

int row_guess(const struct row_guess *g, const struct chat_message *m, bool lines_too)
{
    if (m->kind == CHAT_EVENT)
        return g->event_h;
    if (m->binary) { /* its hex dump: a header and a line per 16 bytes */
        size_t rows = 1 + (display_binary_shown(m, 0) + 15) / 16;
        return g->chrome + (m->len > DISPLAY_HEX ? g->note_h : 0) + (int)rows * g->line_h + g->gap;
    }
    size_t len = m->len;
    if (len > DISPLAY_MAX)
        len = DISPLAY_MAX;
    size_t lines = 0, para = 0;
    const char *text = m->text;
    while (para <= len && lines < BUBBLE_MAX_LINES) {
        const char *nl = m->binary || !lines_too ? NULL : memchr(text + para, '\n', len - para);
        size_t end = nl ? (size_t)(nl - text) : len;
        lines += (end - para) / g->per_line + 1;
        para = end + 1;
        if (!nl)
            break;
    }
    if (lines > BUBBLE_MAX_LINES)
        lines = BUBBLE_MAX_LINES;
    int chrome = g->chrome;
    if ((m->kind == CHAT_SENT && m->state == CHAT_NOT_SENT) || m->len > DISPLAY_MAX)
        chrome += g->note_h;
    return chrome + (int)lines * g->line_h + g->gap;
}

void row_build(struct ui *ui, const struct chat *chat, const struct chat_message *m, uint8_t marks,
               struct row_layout *l, int list_w)
{
    l->key = row_key(marks, m);
    if (m->kind == CHAT_EVENT) {
        l->height = event_height(ui);
        return;
    }
    bool expanded = marks & LIST_MARK_EXPANDED;
    struct display shown;
    display_message(m, marks, &shown);
    l->display = shown.text;
    l->display_len = shown.len;
    l->spans = shown.spans;
    l->span_count = shown.span_count;
    l->json = shown.json;
    l->format = shown.format;
    l->font = shown.spans || m->binary ? UI_FONT_MONO : UI_FONT_BODY;
    const char *text = l->display ? l->display : m->text;
    size_t len = l->display ? l->display_len : m->len;
    int text_w = bubble_max_width(ui, list_w) - 2 * ui_px(ui, BUBBLE_PAD_X);
    if (!widget_wrap(ui, l->font, text, len, text_w, expanded ? EXPANDED_MAX_LINES : BUBBLE_MAX_LINES,
                     &l->wrap))
        l->wrap.count = 0;
    if (l->spans) /* pretty JSON: count what is left out of the pretty text */
        l->hidden = l->wrap.rest;
    else
        l->hidden = m->binary ? m->len - display_binary_shown(m, marks)
                              : m->len - display_message_bytes(m, &shown, len - l->wrap.rest, marks);
    char time[64], more[64];
    struct bubble b;
    row_bubble(chat, m, marks, l, time, more, &b);
    widget_bubble_size(ui, &b, &l->bubble_w, &l->bubble_h);
    l->height = l->bubble_h + ui_px(ui, ROW_GAP);
}
