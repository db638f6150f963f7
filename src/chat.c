/* SPDX-License-Identifier: MIT */
/* chat: see chat.h. */
#include "chat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "utf8.h"

/* Texts up to this size are packed into shared blocks of STORE_BLOCK bytes;
 * longer ones keep the buffer they came in. */
#define STORE_SMALL ((size_t)16 << 10)
#define STORE_BLOCK ((size_t)1 << 20)

void chat_init(struct chat *chat, const char *url)
{
    memset(chat, 0, sizeof *chat);
    chat->first_id = 1;
    chat->connection = CHAT_STARTING;
    chat->ping_rtt_us = -1;
    snprintf(chat->url, sizeof chat->url, "%s", url ? url : "");
}

static void store_free(struct chat_store *st)
{
    for (size_t i = 0; i < st->count; i++)
        free(st->blocks[i]);
    free(st->blocks);
    memset(st, 0, sizeof *st);
}

static bool store_add_block(struct chat_store *st, char *block, size_t size)
{
    if (!grow(&st->blocks, &st->cap, st->count + 1, sizeof *st->blocks, 16))
        return false;
    /* A big text's own block goes before the packing block, so the
     * newest block stays the one being packed. */
    if (st->count && st->size) {
        st->blocks[st->count] = st->blocks[st->count - 1];
        st->blocks[st->count - 1] = block;
    } else {
        st->blocks[st->count] = block;
    }
    st->count++;
    st->bytes += size;
    return true;
}

/* Stores text[0..len) with a NUL. With owned (a malloc'd buffer of len + 1
 * bytes holding the NUL), the store takes it: it keeps a big one as it is
 * and frees a small one after copying. NULL when memory runs out (owned is
 * then still the caller's). */
static const char *store_put(struct chat_store *st, char *owned, const char *text, size_t len)
{
    if (len > STORE_SMALL) {
        char *block = owned;
        if (!block) {
            block = malloc(len + 1);
            if (!block)
                return NULL;
            memcpy(block, text, len);
            block[len] = '\0';
        }
        if (!store_add_block(st, block, len + 1)) {
            if (block != owned)
                free(block);
            return NULL;
        }
        return block;
    }
    if (!st->size || st->size - st->used < len + 1) {
        char *block = malloc(STORE_BLOCK);
        if (!block)
            return NULL;
        size_t keep_size = st->size;
        st->size = 0; /* the new block is appended last */
        if (!store_add_block(st, block, STORE_BLOCK)) {
            st->size = keep_size;
            free(block);
            return NULL;
        }
        st->size = STORE_BLOCK;
        st->used = 0;
    }
    char *at = st->blocks[st->count - 1] + st->used;
    memcpy(at, text, len);
    at[len] = '\0';
    st->used += len + 1;
    free(owned);
    return at;
}

void chat_free(struct chat *chat)
{
    store_free(&chat->store);
    free(chat->messages);
    memset(chat, 0, sizeof *chat);
}

void chat_clear(struct chat *chat)
{
    chat->first_id += chat->count;
    chat->count = 0;
    store_free(&chat->store);
    free(chat->messages);
    chat->messages = NULL;
    chat->cap = 0;
    chat->clears++;
    chat->version++;
}

size_t chat_memory(const struct chat *chat)
{
    return chat->cap * sizeof *chat->messages + chat->store.cap * sizeof *chat->store.blocks +
           chat->store.bytes;
}

void chat_trim(struct chat *chat, size_t keep)
{
    if (chat->count <= keep + 1)
        return;
    /* The "older" line takes the id of the newest dropped message, so the
     * kept ones keep theirs (first_id + index). */
    size_t drop = chat->count - keep; /* including the slot the line takes */
    struct chat_message *kept = malloc((keep + 1) * sizeof *kept);
    struct chat_store store = {0};
    if (!kept)
        return; /* out of memory: try again at the next message */
    size_t already = 0; /* an older line being replaced counts in dropped already */
    if (chat->messages[0].kind == CHAT_EVENT && chat->messages[0].event == CHAT_EVENT_OLDER)
        already = 1;
    memset(&kept[0], 0, sizeof kept[0]);
    kept[0].kind = CHAT_EVENT;
    kept[0].state = CHAT_DONE;
    kept[0].event = CHAT_EVENT_OLDER;
    kept[0].text = "";
    kept[0].time_us = chat->messages[drop - 1].time_us;
    for (size_t i = 0; i < keep; i++) {
        const struct chat_message *m = &chat->messages[drop + i];
        kept[i + 1] = *m;
        if (m->len || m->text[0]) {
            const char *text = store_put(&store, NULL, m->text, m->len);
            if (!text) {
                store_free(&store);
                free(kept);
                return;
            }
            kept[i + 1].text = text;
        }
    }
    chat->dropped += drop - already;
    store_free(&chat->store);
    chat->store = store;
    free(chat->messages);
    chat->messages = kept;
    chat->first_id += drop - 1;
    chat->count = keep + 1;
    chat->cap = keep + 1;
    chat->clears++;
    chat->version++;
}

static struct chat_message *append(struct chat *chat)
{
    if (chat->history_cap && chat->count >= chat->history_cap + chat->history_cap / 8)
        chat_trim(chat, chat->history_cap);
    if (!grow(&chat->messages, &chat->cap, chat->count + 1, sizeof *chat->messages, 64))
        return NULL;
    struct chat_message *m = &chat->messages[chat->count];
    memset(m, 0, sizeof *m);
    m->text = "";
    chat->version++;
    return m;
}

/* Makes the message append() returned part of the chat. */
static void commit(struct chat *chat)
{
    chat->count++;
}

static uint32_t clamp_len(size_t len)
{
    return len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
}

uint64_t chat_add_sent(struct chat *chat, const char *text, size_t len, int64_t time_us)
{
    return chat_add_sent_data(chat, text, len, false, time_us);
}

uint64_t chat_add_sent_data(struct chat *chat, const char *text, size_t len, bool binary, int64_t time_us)
{
    struct chat_message *m = append(chat);
    if (!m)
        return 0;
    const char *stored = store_put(&chat->store, NULL, text, len);
    if (!stored)
        return 0;
    m->kind = CHAT_SENT;
    m->state = CHAT_SENDING;
    chat->sending++;
    m->binary = binary;
    /* (Typed text always is UTF-8: only the frame menu sends text that is not.) */
    m->invalid_utf8 = !binary && !utf8_valid(text, len);
    m->text = stored;
    m->len = clamp_len(len);
    m->time_us = time_us;
    commit(chat);
    return chat_id(chat, m);
}

uint64_t chat_id(const struct chat *chat, const struct chat_message *m)
{
    return chat->first_id + (uint64_t)(m - chat->messages);
}

struct chat_message *chat_find(struct chat *chat, uint64_t id)
{
    if (id < chat->first_id || id - chat->first_id >= chat->count)
        return NULL;
    return &chat->messages[id - chat->first_id];
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

/* An event's text (a server's close reason, a failure's detail) goes on
 * one line of the window as a server sent it, so it is cleaned in place:
 * control characters (C0, DEL, C1) become spaces and bytes that are not
 * valid UTF-8 become '?', keeping the length. */
static void clean_line(char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t step = utf8_decode(text + i, len - i, &cp);
        if (cp == UTF8_REPLACEMENT && !(step == 3 && !memcmp(text + i, "\xEF\xBF\xBD", 3))) {
            for (size_t k = 0; k < step; k++)
                text[i + k] = '?';
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
            for (size_t k = 0; k < step; k++)
                text[i + k] = ' ';
        }
        i += step;
    }
}

/* A received message equal to the oldest sent one still waiting is its
 * echo: it gets the round trip. Others leave the waiting ones alone. */
static void match_echo(struct chat *chat, struct chat_message *received)
{
    while (chat->unmatched_count) {
        const struct chat_unmatched *u = &chat->unmatched[chat->unmatched_head];
        const struct chat_message *sent = chat_find(chat, u->id);
        if (!sent || sent->kind != CHAT_SENT) { /* cleared or trimmed away: it can match nothing now */
            chat->unmatched_head = (chat->unmatched_head + 1) % CHAT_UNMATCHED;
            chat->unmatched_count--;
            continue;
        }
        if (sent->len != received->len || sent->binary != received->binary ||
            memcmp(sent->text, received->text, received->len) != 0)
            return;
        int64_t rtt = received->time_us - u->sent_us;
        if (u->sent_us > 0 && received->time_us > 0) /* (times unknown: an echo, no round trip) */
            received->rtt_us = rtt <= 0 ? 1 : rtt > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)rtt;
        chat->unmatched_head = (chat->unmatched_head + 1) % CHAT_UNMATCHED;
        chat->unmatched_count--;
        return;
    }
}

/* Adds a connection event line; takes ev->data. */
static void add_event(struct chat *chat, struct net_event *ev)
{
    struct chat_message *m = append(chat);
    const char *text = "";
    if (m && ev->data) {
        text = store_put(&chat->store, ev->data, ev->data, ev->len);
        if (!text) {
            free(ev->data);
            m = NULL;
        }
    } else {
        free(ev->data);
    }
    ev->data = NULL;
    if (!m)
        return;
    m->kind = CHAT_EVENT;
    m->state = CHAT_DONE;
    m->event = (uint8_t)ev->kind;
    m->error = (uint8_t)ev->error;
    m->closer = (uint8_t)ev->closer;
    m->code = (uint16_t)ev->code;
    m->time_us = ev->time_us;
    m->text = text;
    m->len = clamp_len(ev->len);
    commit(chat);
}

/* Each apply_* below takes one kind of event. True when the event's data
 * went into the chat (or is freed already); false leaves it to chat_apply
 * to free. */

static bool apply_connecting(struct chat *chat, struct net_event *ev)
{
    chat->connection = CHAT_CONNECTING;
    chat->retry_at_us = 0;
    if (ev->data && strcmp(ev->data, chat->url) != 0) {
        snprintf(chat->url, sizeof chat->url, "%s", ev->data);
        /* Somewhere else now: a line in the conversation says where
         * (not for the first attempt, whose URL is the one given). */
        if (chat->attempts++) {
            add_event(chat, ev);
            return true;
        }
    }
    chat->attempts++;
    return false;
}

static bool apply_connected(struct chat *chat, struct net_event *ev)
{
    chat->connection = CHAT_CONNECTED;
    chat->last_error = NET_ERROR_NONE;
    chat->last_detail[0] = '\0';
    chat->connected_at_us = ev->time_us;
    chat->connections++;
    chat->retry_at_us = 0;
    chat->ping_rtt_us = -1;
    const struct net_connected *c = ev->connected;
    snprintf(chat->protocol, sizeof chat->protocol, "%s", c ? c->protocol : "");
    snprintf(chat->tls, sizeof chat->tls, "%s%s%s", c ? c->tls_version : "",
             c && c->tls_version[0] ? " " : "", c ? c->tls_cipher : "");
    snprintf(chat->proxy, sizeof chat->proxy, "%s", c ? c->proxy : "");
    chat->compression = c ? c->compression : (struct pmd_agreed){0};
    free(ev->connected);
    ev->connected = NULL;
    clean_line(chat->protocol, strlen(chat->protocol));
    clean_line(chat->tls, strlen(chat->tls));
    clean_line(chat->proxy, strlen(chat->proxy));
    /* The event line keeps where it was connected to. */
    free(ev->data);
    ev->len = strlen(chat->url);
    ev->data = malloc(ev->len + 1);
    if (ev->data)
        memcpy(ev->data, chat->url, ev->len + 1);
    else
        ev->len = 0;
    add_event(chat, ev);
    return true;
}

/* SENT and NOT_SENT. */
static void apply_sent(struct chat *chat, const struct net_event *ev)
{
    /* Counted also for a message chat_clear forgot, not for an id
     * never given out. */
    if (ev->id > 0 && ev->id < chat->first_id + chat->count) {
        if (chat->sending)
            chat->sending--;
        if (ev->kind == NET_EVENT_SENT)
            chat->sent++;
        else
            chat->not_sent++;
    }
    struct chat_message *m = chat_find(chat, ev->id);
    if (!m || m->kind != CHAT_SENT)
        return; /* (the id of a dropped message, now the "older" line's) */
    if (ev->kind == NET_EVENT_SENT) {
        chat->bytes_sent += m->len;
        chat->wire_sent += ev->compressed ? ev->wire_len : m->len;
        /* Waits for its echo; the oldest goes when too many wait. */
        if (chat->unmatched_count == CHAT_UNMATCHED) {
            chat->unmatched_head = (chat->unmatched_head + 1) % CHAT_UNMATCHED;
            chat->unmatched_count--;
        }
        size_t at = (chat->unmatched_head + chat->unmatched_count++) % CHAT_UNMATCHED;
        chat->unmatched[at] = (struct chat_unmatched){ev->id, ev->time_us};
    }
    m->state = ev->kind == NET_EVENT_SENT ? CHAT_DONE : CHAT_NOT_SENT;
    m->error = (uint8_t)ev->error;
    if (ev->kind == NET_EVENT_SENT && ev->code > 1)
        m->code = (uint16_t)ev->code; /* the fragments it went in */
}

static bool apply_received(struct chat *chat, struct net_event *ev)
{
    chat->received++;
    chat->bytes_received += ev->len;
    chat->wire_received += ev->compressed ? ev->wire_len : ev->len;
    struct chat_message *m = append(chat);
    const char *text = m ? store_put(&chat->store, ev->data, ev->data ? ev->data : "", ev->len) : NULL;
    if (!text) {
        fprintf(stderr, "ponte: out of memory, a received message was not shown "
                        "(the transcript has it)\n");
        return false;
    }
    ev->data = NULL;
    m->kind = CHAT_RECEIVED;
    m->state = CHAT_DONE;
    m->binary = ev->binary;
    m->compressed = ev->compressed;
    m->time_us = ev->time_us;
    m->text = text;
    m->len = clamp_len(ev->len);
    match_echo(chat, m);
    commit(chat);
    return true;
}

/* CLOSED and FAILED. */
static bool apply_ended(struct chat *chat, struct net_event *ev)
{
    chat->connection = CHAT_DISCONNECTED;
    chat->connected_at_us = 0;
    chat->protocol[0] = chat->tls[0] = chat->proxy[0] = '\0';
    chat->compression = (struct pmd_agreed){0};
    chat->last_error = ev->error;
    chat->last_closer = ev->closer;
    chat->last_code = ev->code;
    chat->has_last_close = ev->kind == NET_EVENT_CLOSED;
    snprintf(chat->last_detail, sizeof chat->last_detail, "%s", ev->data ? ev->data : "");
    /* A retry that fails as the one before (offline, every few
     * seconds): the same line counts it instead of a new one. */
    struct chat_message *last = chat->count ? chat_find(chat, chat->first_id + chat->count - 1) : NULL;
    if (ev->kind == NET_EVENT_FAILED && last && last->kind == CHAT_EVENT && last->event == NET_EVENT_FAILED &&
        last->error == (uint8_t)ev->error && last->len == clamp_len(ev->len) &&
        (!ev->len || memcmp(last->text, ev->data, ev->len) == 0)) {
        if (last->code < UINT16_MAX)
            last->code++;
        last->time_us = ev->time_us;
        chat->version++;
        return false;
    }
    if (ev->kind == NET_EVENT_FAILED)
        ev->code = 1; /* (FAILED's code: how many times in a row) */
    add_event(chat, ev);
    return true;
}

uint64_t chat_add_recorded(struct chat *chat, const struct chat_message *from, const char *text, size_t len)
{
    struct chat_message *m = append(chat);
    const char *stored = m ? store_put(&chat->store, NULL, text ? text : "", len) : NULL;
    if (!stored)
        return 0;
    *m = *from;
    m->text = stored;
    m->len = clamp_len(len);
    if (m->kind == CHAT_RECEIVED) {
        chat->received++;
        chat->bytes_received += len;
        chat->wire_received += len;
        match_echo(chat, m);
    } else if (m->kind == CHAT_SENT && m->state == CHAT_DONE) {
        chat->sent++;
        chat->bytes_sent += len;
        chat->wire_sent += len;
        if (chat->unmatched_count == CHAT_UNMATCHED) {
            chat->unmatched_head = (chat->unmatched_head + 1) % CHAT_UNMATCHED;
            chat->unmatched_count--;
        }
        size_t at = (chat->unmatched_head + chat->unmatched_count++) % CHAT_UNMATCHED;
        chat->unmatched[at] = (struct chat_unmatched){chat_id(chat, m), m->time_us};
    } else if (m->kind == CHAT_SENT) {
        chat->not_sent++;
    }
    commit(chat);
    return chat_id(chat, m);
}

void chat_apply(struct chat *chat, struct net_event *ev)
{
    chat->version++;
    if (ev->kind != NET_EVENT_RECEIVED && ev->data)
        clean_line(ev->data, ev->len);
    bool taken = false;
    switch (ev->kind) {
    case NET_EVENT_LISTENING:
        snprintf(chat->url, sizeof chat->url, "ws://127.0.0.1:%d/", ev->code);
        add_event(chat, ev);
        taken = true;
        break;
    case NET_EVENT_CONNECTING:
        taken = apply_connecting(chat, ev);
        break;
    case NET_EVENT_CONNECTED:
        taken = apply_connected(chat, ev);
        break;
    case NET_EVENT_RETRY:
        chat->retry_at_us = ev->code >= 0 ? ev->time_us + (int64_t)ev->code * 1000 : 0;
        chat->retry_attempt = (unsigned)ev->id;
        break;
    case NET_EVENT_PONG:
        chat->ping_rtt_us = ev->code;
        break;
    case NET_EVENT_PING_SENT:
    case NET_EVENT_PONG_SENT:
        add_event(chat, ev);
        taken = true;
        break;
    case NET_EVENT_PING_ANSWERED: {
        /* The line keeps the round trip where an echo keeps its own. */
        int64_t rtt = ev->code > 0 ? ev->code : 1;
        ev->code = 0;
        add_event(chat, ev);
        taken = true;
        struct chat_message *last = chat->count ? &chat->messages[chat->count - 1] : NULL;
        if (last && last->kind == CHAT_EVENT && last->event == NET_EVENT_PING_ANSWERED)
            last->rtt_us = (uint32_t)rtt;
        break;
    }
    case NET_EVENT_SENT:
    case NET_EVENT_NOT_SENT:
        apply_sent(chat, ev);
        break;
    case NET_EVENT_RECEIVED:
        taken = apply_received(chat, ev);
        break;
    case NET_EVENT_CLOSED:
    case NET_EVENT_FAILED:
        taken = apply_ended(chat, ev);
        break;
    }
    if (!taken) {
        free(ev->data);
        ev->data = NULL;
    }
}
