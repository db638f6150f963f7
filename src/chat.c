/* chat: see chat.h. */
#include "chat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void chat_init(struct chat *chat, const char *url)
{
    memset(chat, 0, sizeof *chat);
    chat->next_id = 1;
    chat->connection = CHAT_STARTING;
    snprintf(chat->url, sizeof chat->url, "%s", url ? url : "");
}

void chat_free(struct chat *chat)
{
    for (size_t i = 0; i < chat->count; i++)
        free(chat->messages[i].text);
    free(chat->messages);
    memset(chat, 0, sizeof *chat);
}

static struct chat_message *append(struct chat *chat)
{
    if (chat->count == chat->cap) {
        size_t cap = chat->cap ? chat->cap * 2 : 64;
        struct chat_message *grown = realloc(chat->messages, cap * sizeof *grown);
        if (!grown)
            return NULL;
        chat->messages = grown;
        chat->cap = cap;
    }
    struct chat_message *m = &chat->messages[chat->count++];
    memset(m, 0, sizeof *m);
    m->id = chat->next_id++;
    chat->version++;
    return m;
}

uint64_t chat_add_sent(struct chat *chat, const char *text, size_t len, int64_t time_us)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return 0;
    memcpy(copy, text, len);
    copy[len] = '\0';
    struct chat_message *m = append(chat);
    if (!m) {
        free(copy);
        return 0;
    }
    m->kind = CHAT_SENT;
    m->state = CHAT_SENDING;
    m->text = copy;
    m->len = len;
    m->time_us = time_us;
    return m->id;
}

struct chat_message *chat_find(struct chat *chat, uint64_t id)
{
    /* Ids grow with the index: binary search. */
    size_t lo = 0, hi = chat->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (chat->messages[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < chat->count && chat->messages[lo].id == id)
        return &chat->messages[lo];
    return NULL;
}

void chat_mark_recalled(struct chat *chat, uint64_t id)
{
    struct chat_message *m = chat_find(chat, id);
    if (m && m->kind == CHAT_SENT && !m->recalled) {
        m->recalled = 1;
        chat->version++;
    }
}

const struct chat_message *chat_last_not_sent(const struct chat *chat)
{
    for (size_t i = chat->count; i-- > 0;) {
        const struct chat_message *m = &chat->messages[i];
        if (m->kind == CHAT_SENT && m->state == CHAT_NOT_SENT && !m->recalled)
            return m;
    }
    return NULL;
}

const struct chat_message *chat_last_typed(const struct chat *chat)
{
    for (size_t i = chat->count; i-- > 0;)
        if (chat->messages[i].kind == CHAT_SENT)
            return &chat->messages[i];
    return NULL;
}

/* Adds a connection event line; takes ev->data. */
static void add_event(struct chat *chat, struct net_event *ev)
{
    struct chat_message *m = append(chat);
    if (!m) {
        free(ev->data);
        ev->data = NULL;
        return;
    }
    m->kind = CHAT_EVENT;
    m->state = CHAT_DONE;
    m->event = (uint8_t)ev->kind;
    m->error = (uint8_t)ev->error;
    m->closer = (uint8_t)ev->closer;
    m->code = (uint16_t)ev->code;
    m->time_us = ev->time_us;
    m->text = ev->data;
    m->len = ev->len;
    ev->data = NULL;
}

void chat_apply(struct chat *chat, struct net_event *ev)
{
    chat->version++;
    switch (ev->kind) {
    case NET_EVENT_LISTENING:
        snprintf(chat->url, sizeof chat->url, "ws://127.0.0.1:%d/", ev->code);
        add_event(chat, ev);
        return;
    case NET_EVENT_CONNECTING:
        chat->connection = CHAT_CONNECTING;
        break;
    case NET_EVENT_CONNECTED:
        chat->connection = CHAT_CONNECTED;
        chat->last_error = NET_ERROR_NONE;
        chat->last_detail[0] = '\0';
        add_event(chat, ev);
        return;
    case NET_EVENT_SENT:
    case NET_EVENT_NOT_SENT: {
        struct chat_message *m = chat_find(chat, ev->id);
        if (m && m->kind == CHAT_SENT) {
            m->state = ev->kind == NET_EVENT_SENT ? CHAT_DONE : CHAT_NOT_SENT;
            m->error = (uint8_t)ev->error;
            if (ev->kind == NET_EVENT_SENT)
                chat->sent++;
            else
                chat->not_sent++;
        }
        break;
    }
    case NET_EVENT_RECEIVED: {
        struct chat_message *m = append(chat);
        if (!m) {
            fprintf(stderr, "ponte: out of memory, a received message was not shown\n");
            break;
        }
        m->kind = CHAT_RECEIVED;
        m->state = CHAT_DONE;
        m->binary = ev->binary;
        m->time_us = ev->time_us;
        m->text = ev->data;
        m->len = ev->len;
        ev->data = NULL;
        chat->received++;
        return;
    }
    case NET_EVENT_CLOSED:
    case NET_EVENT_FAILED:
        chat->connection = CHAT_DISCONNECTED;
        chat->last_error = ev->error;
        chat->last_closer = ev->closer;
        chat->last_code = ev->code;
        chat->has_last_close = ev->kind == NET_EVENT_CLOSED;
        snprintf(chat->last_detail, sizeof chat->last_detail, "%s", ev->data ? ev->data : "");
        add_event(chat, ev);
        return;
    }
    free(ev->data);
    ev->data = NULL;
}
