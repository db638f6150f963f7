/* SPDX-License-Identifier: MIT */
/* opened: see opened.h. */
#include "opened.h"

#include <stdio.h>
#include <string.h>

#include "msg.h"

void opened_init(struct opened *o)
{
    memset(o, 0, sizeof *o);
    chat_init(&o->chat, "");
    o->chat.connection = CHAT_DISCONNECTED; /* (a sending bubble would say "Queued") */
}

void opened_free(struct opened *o)
{
    chat_free(&o->chat);
    memset(o, 0, sizeof *o);
}

/* The transcript's "reason" is net_error_text's words: back to the code
 * (another Ponte's words: NET_ERROR_OTHER, and the words kept as text). */
static enum net_error error_of(const char *reason, bool *known)
{
    *known = true;
    for (int i = 0; reason && i < NET_ERROR_COUNT; i++)
        if (strcmp(reason, net_error_text((enum net_error)i)) == 0)
            return (enum net_error)i;
    *known = reason == NULL;
    return reason ? NET_ERROR_OTHER : NET_ERROR_NONE;
}

static uint16_t clamp16(int64_t v)
{
    return v < 0 ? 0 : v > UINT16_MAX ? UINT16_MAX : (uint16_t)v;
}

static uint32_t clamp32(int64_t v)
{
    return v < 0 ? 0 : v > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static bool add_line(struct opened *o, struct chat_message *m, const char *text)
{
    text = or_empty(text);
    m->kind = CHAT_EVENT;
    m->state = CHAT_DONE;
    return chat_add_recorded(&o->chat, m, text, strlen(text)) != 0;
}

/* A message, a bubble. */
static bool add_message(struct opened *o, const struct recording_entry *e, struct chat_message *m)
{
    m->kind = e->kind == RECORDING_RECEIVED ? CHAT_RECEIVED : CHAT_SENT;
    m->state = e->kind == RECORDING_NOT_SENT ? CHAT_NOT_SENT : CHAT_DONE;
    m->binary = e->binary;
    m->invalid_utf8 = e->kind != RECORDING_RECEIVED && e->invalid_utf8;
    if (e->kind == RECORDING_SENT && e->number > 1)
        m->code = clamp16(e->number); /* the fragments it went in */
    if (e->kind == RECORDING_NOT_SENT) {
        bool known;
        m->error = (uint8_t)error_of(e->reason, &known);
        m->recalled = 1; /* (nothing to put back: a recording is not sent from) */
    }
    if (!chat_add_recorded(&o->chat, m, e->data ? e->data : "", e->data ? e->len : 0))
        return false;
    o->messages++;
    return true;
}

/* A ping or pong of the person's, sent or not, and a pong to one. */
static bool add_control(struct opened *o, const struct recording_entry *e, struct chat_message *m)
{
    bool ping = e->kind == RECORDING_PING_SENT || e->kind == RECORDING_PING_NOT_SENT;
    m->event = e->kind == RECORDING_PONG_RECEIVED ? NET_EVENT_PING_ANSWERED
               : ping                             ? NET_EVENT_PING_SENT
                                                  : NET_EVENT_PONG_SENT;
    if (e->kind == RECORDING_PING_NOT_SENT || e->kind == RECORDING_PONG_NOT_SENT) {
        bool known;
        m->error = (uint8_t)error_of(e->reason, &known);
        if (m->error == NET_ERROR_NONE)
            m->error = NET_ERROR_OTHER;
    }
    if (e->kind == RECORDING_PONG_RECEIVED)
        m->rtt_us = e->number > 0 ? clamp32(e->number) : 1;
    m->kind = CHAT_EVENT;
    m->state = CHAT_DONE;
    return chat_add_recorded(&o->chat, m, e->data ? e->data : "", e->data ? e->len : 0) != 0;
}

/* A connection attempt: a line only when it goes somewhere else than the
 * one before (as the live conversation does). */
static bool add_connecting(struct opened *o, const struct recording_entry *e, struct chat_message *m)
{
    const char *url = or_empty(e->url);
    bool elsewhere = strcmp(url, o->chat.url) != 0, first = o->chat.attempts++ == 0;
    snprintf(o->chat.url, sizeof o->chat.url, "%s", url);
    if (!elsewhere || first)
        return true;
    m->event = NET_EVENT_CONNECTING;
    return add_line(o, m, url);
}

static bool add_closed(struct opened *o, const struct recording_entry *e, struct chat_message *m)
{
    m->event = NET_EVENT_CLOSED;
    m->code = clamp16(e->number);
    m->closer = (uint8_t)e->by;
    return add_line(o, m, e->reason);
}

static bool add_failed(struct opened *o, const struct recording_entry *e, struct chat_message *m)
{
    bool known;
    m->event = NET_EVENT_FAILED;
    m->error = (uint8_t)error_of(e->reason, &known);
    m->code = 1; /* (FAILED's code: how many times in a row) */
    if (known)
        return add_line(o, m, e->detail);
    /* Words this Ponte does not have: they are the line. */
    char text[512];
    snprintf(text, sizeof text, "%s%s%s", or_empty(e->reason), e->detail ? ": " : "", or_empty(e->detail));
    return add_line(o, m, text);
}

bool opened_add(struct opened *o, const struct recording_entry *e)
{
    struct chat_message m = {0};
    m.time_us = e->kind == RECORDING_DAMAGED ? o->last_us : e->time_us;
    bool ok = true;
    switch (e->kind) {
    case RECORDING_SENT:
    case RECORDING_RECEIVED:
    case RECORDING_NOT_SENT:
        ok = add_message(o, e, &m);
        break;
    case RECORDING_PING_SENT:
    case RECORDING_PING_NOT_SENT:
    case RECORDING_PONG_SENT:
    case RECORDING_PONG_NOT_SENT:
    case RECORDING_PONG_RECEIVED:
        ok = add_control(o, e, &m);
        break;
    case RECORDING_CONNECTING:
        ok = add_connecting(o, e, &m);
        break;
    case RECORDING_CONNECTED:
        snprintf(o->chat.url, sizeof o->chat.url, "%s", or_empty(e->url));
        o->chat.attempts += o->chat.attempts == 0;
        o->chat.connections++;
        m.event = NET_EVENT_CONNECTED;
        ok = add_line(o, &m, e->url);
        break;
    case RECORDING_CLOSED:
        ok = add_closed(o, e, &m);
        break;
    case RECORDING_ERROR:
        ok = add_failed(o, e, &m);
        break;
    case RECORDING_RECONNECTING:
    case RECORDING_LISTENING:
        break; /* (the live conversation has no line for these either) */
    case RECORDING_OTHER:
        m.event = CHAT_EVENT_UNKNOWN;
        ok = add_line(o, &m, e->detail);
        break;
    case RECORDING_DAMAGED:
        m.event = CHAT_EVENT_DAMAGED;
        m.rtt_us = clamp32((int64_t)e->line);
        ok = add_line(o, &m, e->reason);
        break;
    }
    if (!ok)
        return false;
    o->entries++;
    if (e->kind == RECORDING_DAMAGED) {
        o->damaged++;
    } else if (e->time_us) {
        if (!o->first_us || e->time_us < o->first_us)
            o->first_us = e->time_us;
        if (e->time_us > o->last_us)
            o->last_us = e->time_us;
    }
    return true;
}

void opened_finish(struct opened *o, const struct recording *rec)
{
    o->format = rec->format;
    o->file_count = (unsigned)rec->file_count;
    if (rec->url)
        snprintf(o->chat.url, sizeof o->chat.url, "%s", rec->url);
    o->chat.connection = CHAT_DISCONNECTED;
}

bool opened_from_recording(struct opened *o, const struct recording *rec)
{
    for (size_t i = 0; i < rec->count; i++)
        if (!opened_add(o, &rec->entries[i]))
            return false;
    opened_finish(o, rec);
    return true;
}
