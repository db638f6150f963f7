/* SPDX-License-Identifier: MIT */
/* chat: the conversation model applying network events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "check.h"

static char *dup_text(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    memcpy(d, s, n + 1);
    return d;
}

static void apply(struct chat *chat, struct net_event ev)
{
    chat_apply(chat, &ev);
    CHECK(ev.data == NULL && ev.connected == NULL); /* the model took what the event owned or freed it */
}

/* CONNECTED as the worker makes it: what was agreed, each "" when none. */
static struct net_event connected(const char *protocol, const char *tls_version, const char *tls_cipher,
                                  const char *proxy, int64_t time_us)
{
    struct net_connected *c = calloc(1, sizeof *c);
    CHECK(c != NULL);
    if (c) {
        snprintf(c->protocol, sizeof c->protocol, "%s", protocol);
        snprintf(c->tls_version, sizeof c->tls_version, "%s", tls_version);
        snprintf(c->tls_cipher, sizeof c->tls_cipher, "%s", tls_cipher);
        snprintf(c->proxy, sizeof c->proxy, "%s", proxy);
    }
    return (struct net_event){.kind = NET_EVENT_CONNECTED, .connected = c, .time_us = time_us};
}

/* The history cap: a long run keeps at most an eighth over the cap, ids
 * stay valid, a message still being sent when older ones go is marked sent
 * by its id, the "older" line counts what went, and memory stays flat. */
static void test_history_cap(void)
{
    struct chat chat;
    chat_init(&chat, "ws://h/");
    chat.history_cap = 1000;
    apply(&chat, (struct net_event){.kind = NET_EVENT_CONNECTED});
    size_t most = 0, memory_at_2000 = 0, memory_most = 0;
    uint64_t pending = 0, early = 0;
    for (int i = 0; i < 20000; i++) {
        char line[64];
        snprintf(line, sizeof line, "message number %d, padded to be a little longer", i);
        if (i == 5)
            early = chat_add_sent(&chat, "early, long gone", 16, 1);
        if (i == 19950)
            pending = chat_add_sent(&chat, "sent late", 9, 2);
        apply(&chat, (struct net_event){.kind = NET_EVENT_RECEIVED, .data = dup_text(line), .len = strlen(line)});
        most = chat.count > most ? chat.count : most;
        if (i == 2000)
            memory_at_2000 = chat_memory(&chat);
        if (i > 2000)
            memory_most = chat_memory(&chat) > memory_most ? chat_memory(&chat) : memory_most;
    }
    CHECK_MSG(most <= 1000 + 1000 / 8 + 1, "%zu messages at most", most);
    CHECK(chat.messages[0].kind == CHAT_EVENT && chat.messages[0].event == CHAT_EVENT_OLDER);
    CHECK(chat.dropped + chat.count - 1 == 20000 + 2 + 1); /* + the two sent + the connected line */
    CHECK_MSG(memory_most < memory_at_2000 * 2, "memory grew from %zu to %zu", memory_at_2000, memory_most);
    /* The newest is where it was, its id too. */
    const struct chat_message *last = &chat.messages[chat.count - 1];
    CHECK(!strcmp(last->text, "message number 19999, padded to be a little longer"));
    CHECK(chat_find(&chat, chat_id(&chat, last)) == last);
    const struct chat_message *p = chat_find(&chat, pending);
    CHECK(p && !strcmp(p->text, "sent late") && p->state == CHAT_SENDING);
    apply(&chat, (struct net_event){.kind = NET_EVENT_SENT, .id = pending});
    CHECK(chat_find(&chat, pending)->state == CHAT_DONE);
    /* An event about a message long gone changes nothing but the counts. */
    uint64_t sent = chat.sent;
    apply(&chat, (struct net_event){.kind = NET_EVENT_SENT, .id = early});
    CHECK(chat.sent == sent + 1 && chat.messages[0].event == CHAT_EVENT_OLDER);
    chat_free(&chat);
}

int main(void)
{
    struct chat chat;
    chat_init(&chat, "ws://example.com/");
    CHECK(chat.connection == CHAT_STARTING);
    CHECK(!strcmp(chat.url, "ws://example.com/"));

    apply(&chat, (struct net_event){.kind = NET_EVENT_LISTENING, .code = 4567});
    CHECK(!strcmp(chat.url, "ws://127.0.0.1:4567/"));
    apply(&chat, (struct net_event){.kind = NET_EVENT_CONNECTING});
    CHECK(chat.connection == CHAT_CONNECTING);
    apply(&chat, (struct net_event){.kind = NET_EVENT_CONNECTED});
    CHECK(chat.connection == CHAT_CONNECTED);
    size_t events = chat.count;
    CHECK(events == 2); /* listening and connected lines */

    uint64_t v0 = chat.version;
    uint64_t a = chat_add_sent(&chat, "hello", 5, 100);
    uint64_t b = chat_add_sent(&chat, "world", 5, 200);
    CHECK(a && b && b > a);
    CHECK(chat.version > v0);
    struct chat_message *ma = chat_find(&chat, a);
    CHECK(ma && ma->kind == CHAT_SENT && ma->state == CHAT_SENDING && !strcmp(ma->text, "hello"));

    apply(&chat, (struct net_event){.kind = NET_EVENT_SENT, .id = a});
    CHECK(chat_find(&chat, a)->state == CHAT_DONE);
    CHECK(chat.sent == 1);
    apply(&chat, (struct net_event){.kind = NET_EVENT_RECEIVED, .data = dup_text("hello"), .len = 5,
                                    .time_us = 300});
    const struct chat_message *last = &chat.messages[chat.count - 1];
    CHECK(last->kind == CHAT_RECEIVED && !strcmp(last->text, "hello") && last->time_us == 300);
    CHECK(chat.received == 1);

    apply(&chat, (struct net_event){.kind = NET_EVENT_NOT_SENT, .id = b,
                                    .error = NET_ERROR_CONNECTION_LOST});
    CHECK(chat_find(&chat, b)->state == CHAT_NOT_SENT);
    CHECK(chat_find(&chat, b)->error == NET_ERROR_CONNECTION_LOST);
    CHECK(chat_last_not_sent(&chat) == chat_find(&chat, b));
    CHECK(chat_last_typed(&chat) == chat_find(&chat, b));
    CHECK(chat.not_sent == 1);
    uint64_t version = chat.version;
    chat_mark_recalled(&chat, b);
    CHECK(chat.version > version);
    CHECK(chat_find(&chat, b)->recalled);
    CHECK(chat_last_not_sent(&chat) == NULL);
    CHECK(chat_last_typed(&chat) == chat_find(&chat, b));

    /* An unknown id changes nothing. */
    size_t count = chat.count;
    apply(&chat, (struct net_event){.kind = NET_EVENT_SENT, .id = 9999});
    CHECK(chat.count == count && chat.sent == 1);
    CHECK(chat_find(&chat, 0) == NULL);

    apply(&chat, (struct net_event){.kind = NET_EVENT_CLOSED, .code = 1000,
                                    .closer = NET_CLOSER_SERVER, .data = dup_text("bye"), .len = 3});
    CHECK(chat.connection == CHAT_DISCONNECTED);
    CHECK(chat.has_last_close && chat.last_code == 1000 && chat.last_closer == NET_CLOSER_SERVER);
    CHECK(!strcmp(chat.last_detail, "bye"));
    last = &chat.messages[chat.count - 1];
    CHECK(last->kind == CHAT_EVENT && last->event == NET_EVENT_CLOSED && last->code == 1000 &&
          !strcmp(last->text, "bye"));

    apply(&chat, (struct net_event){.kind = NET_EVENT_CONNECTING});
    apply(&chat, (struct net_event){.kind = NET_EVENT_FAILED, .error = NET_ERROR_REFUSED});
    CHECK(chat.connection == CHAT_DISCONNECTED && !chat.has_last_close);
    CHECK(chat.last_error == NET_ERROR_REFUSED && chat.last_detail[0] == '\0');

    /* Offline, every retry fails the same way: one line counts them. A
     * different failure, or anything in between, starts a new line. */
    count = chat.count;
    struct chat_message *failed = &chat.messages[chat.count - 1];
    CHECK(failed->event == NET_EVENT_FAILED && failed->code == 1);
    for (int i = 0; i < 3; i++) {
        version = chat.version;
        apply(&chat, (struct net_event){.kind = NET_EVENT_RETRY, .code = 500});
        apply(&chat, (struct net_event){.kind = NET_EVENT_CONNECTING});
        apply(&chat, (struct net_event){.kind = NET_EVENT_FAILED, .error = NET_ERROR_REFUSED,
                                        .time_us = 1000 + i});
        CHECK(chat.version > version);
    }
    CHECK(chat.count == count);
    failed = &chat.messages[chat.count - 1];
    CHECK(failed->code == 4 && failed->time_us == 1002);
    apply(&chat, (struct net_event){.kind = NET_EVENT_FAILED, .error = NET_ERROR_HOST_NOT_FOUND,
                                    .data = dup_text("example.com: the host name did not resolve"), .len = 42});
    apply(&chat, (struct net_event){.kind = NET_EVENT_FAILED, .error = NET_ERROR_HOST_NOT_FOUND,
                                    .data = dup_text("example.com: the host name did not resolve"), .len = 42});
    apply(&chat, (struct net_event){.kind = NET_EVENT_FAILED, .error = NET_ERROR_HOST_NOT_FOUND,
                                    .data = dup_text("example.net: the host name did not resolve"), .len = 42});
    CHECK(chat.count == count + 2);
    CHECK(chat.messages[chat.count - 2].code == 2 && chat.messages[chat.count - 1].code == 1);
    CHECK(!strcmp(chat.last_detail, "example.net: the host name did not resolve"));
    chat_add_sent(&chat, "between", 7, 2000);
    apply(&chat, (struct net_event){.kind = NET_EVENT_FAILED, .error = NET_ERROR_HOST_NOT_FOUND,
                                    .data = dup_text("example.net: the host name did not resolve"), .len = 42});
    CHECK(chat.count == count + 4 && chat.messages[chat.count - 1].code == 1);

    /* Ids stay searchable across many messages. */
    for (int i = 0; i < 1000; i++)
        chat_add_sent(&chat, "x", 1, i);
    uint64_t mid = chat_id(&chat, &chat.messages[chat.count / 2]);
    CHECK(chat_find(&chat, mid) == &chat.messages[chat.count / 2]);
    CHECK(chat_find(&chat, chat_id(&chat, &chat.messages[chat.count - 1])) == &chat.messages[chat.count - 1]);

    /* An empty message is a message. */
    uint64_t e = chat_add_sent(&chat, "", 0, 1);
    CHECK(e && chat_find(&chat, e)->len == 0 && chat_find(&chat, e)->text[0] == '\0');

    /* A server's close reason is shown on one line: control characters
     * become spaces, invalid UTF-8 '?', valid text stays. */
    apply(&chat, (struct net_event){.kind = NET_EVENT_CLOSED, .code = 4000, .closer = NET_CLOSER_SERVER,
                                    .data = dup_text("bye\r\nnow\x01 \xFF ok \xC3\xA7"), .len = 17});
    CHECK(!strcmp(chat.last_detail, "bye  now  ? ok \xC3\xA7"));
    CHECK(!strcmp(chat.messages[chat.count - 1].text, "bye  now  ? ok \xC3\xA7"));

    /* CONNECTED says what was agreed: the subprotocol, the TLS version
     * and cipher (shown together), the proxy. */
    apply(&chat, connected("chat", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "", 777));
    CHECK(!strcmp(chat.protocol, "chat") && !strcmp(chat.tls, "TLSv1.3 TLS_AES_128_GCM_SHA256"));
    CHECK(chat.connection == CHAT_CONNECTED && chat.connected_at_us == 777 && chat.ping_rtt_us < 0);
    CHECK(!strcmp(chat.messages[chat.count - 1].text, chat.url)); /* the line says where */
    apply(&chat, connected("", "", "", "", 0));
    CHECK(chat.protocol[0] == '\0' && chat.tls[0] == '\0' && chat.proxy[0] == '\0');
    /* And, through a proxy, its host:port. */
    apply(&chat, connected("", "TLSv1.3", "X", "proxy.example:3128", 0));
    CHECK(chat.protocol[0] == '\0' && !strcmp(chat.tls, "TLSv1.3 X") && !strcmp(chat.proxy, "proxy.example:3128"));
    apply(&chat, connected("chat", "", "", "127.0.0.1:8080", 0));
    CHECK(!strcmp(chat.protocol, "chat") && chat.tls[0] == '\0' && !strcmp(chat.proxy, "127.0.0.1:8080"));
    apply(&chat, (struct net_event){.kind = NET_EVENT_CLOSED, .code = 1006});
    CHECK(chat.proxy[0] == '\0');
    /* What a server chose is shown on one line too. */
    apply(&chat, connected("a\tb\r\nc", "", "", "", 0));
    CHECK(!strcmp(chat.protocol, "a b  c"));
    /* Memory ran out in the worker: connected, nothing agreed known. */
    apply(&chat, (struct net_event){.kind = NET_EVENT_CONNECTED});
    CHECK(chat.connection == CHAT_CONNECTED && chat.protocol[0] == '\0' && chat.tls[0] == '\0');
    apply(&chat, connected("", "", "", "", 0));
    apply(&chat, (struct net_event){.kind = NET_EVENT_PONG, .code = 420});
    CHECK(chat.ping_rtt_us == 420);
    apply(&chat, (struct net_event){.kind = NET_EVENT_CLOSED, .code = 1006});
    apply(&chat, (struct net_event){.kind = NET_EVENT_RETRY, .code = 500, .id = 1, .time_us = 1000000});
    CHECK(chat.retry_at_us == 1500000 && chat.retry_attempt == 1 && chat.connected_at_us == 0);
    apply(&chat, (struct net_event){.kind = NET_EVENT_RETRY, .code = -1});
    CHECK(chat.retry_at_us == 0);

    /* Echo round trips: a received message equal to the oldest sent one
     * not matched yet gets the time between them. */
    uint64_t e1 = chat_add_sent(&chat, "ping one", 8, 0);
    uint64_t e2 = chat_add_sent(&chat, "ping two", 8, 0);
    apply(&chat, (struct net_event){.kind = NET_EVENT_SENT, .id = e1, .time_us = 1000});
    apply(&chat, (struct net_event){.kind = NET_EVENT_SENT, .id = e2, .time_us = 1100});
    apply(&chat, (struct net_event){.kind = NET_EVENT_RECEIVED, .data = dup_text("unrelated"), .len = 9,
                                    .time_us = 1200});
    CHECK(chat.messages[chat.count - 1].rtt_us == 0); /* not an echo: the sent ones still wait */
    apply(&chat, (struct net_event){.kind = NET_EVENT_RECEIVED, .data = dup_text("ping one"), .len = 8,
                                    .time_us = 1250});
    CHECK(chat.messages[chat.count - 1].rtt_us == 250);
    apply(&chat, (struct net_event){.kind = NET_EVENT_RECEIVED, .data = dup_text("ping one"), .len = 8,
                                    .time_us = 1300});
    CHECK(chat.messages[chat.count - 1].rtt_us == 0); /* "one" was matched; the oldest now is "two" */
    apply(&chat, (struct net_event){.kind = NET_EVENT_RECEIVED, .data = dup_text("ping two"), .len = 8,
                                    .time_us = 1400});
    CHECK(chat.messages[chat.count - 1].rtt_us == 300);
    CHECK(chat.unmatched_count == 0);

    /* A message costs 32 bytes beside its text. */
    CHECK(sizeof(struct chat_message) == 32);

    /* Big texts (over the packing size) and many small ones keep their bytes. */
    size_t big_len = (size_t)3 << 20;
    char *big = malloc(big_len + 1);
    for (size_t i = 0; i < big_len; i++)
        big[i] = (char)('a' + i % 26);
    big[big_len] = '\0';
    apply(&chat, (struct net_event){.kind = NET_EVENT_RECEIVED, .data = big, .len = big_len});
    const struct chat_message *bm = &chat.messages[chat.count - 1];
    CHECK(bm->len == big_len && bm->text[big_len - 1] == (char)('a' + (big_len - 1) % 26) &&
          bm->text[big_len] == '\0');
    size_t first_small = chat.count;
    for (int i = 0; i < 100000; i++) {
        char line[32];
        int n = snprintf(line, sizeof line, "message %d", i);
        apply(&chat, (struct net_event){.kind = NET_EVENT_RECEIVED, .data = dup_text(line),
                                        .len = (size_t)n});
    }
    int intact = 0;
    for (int i = 0; i < 100000; i++) {
        char line[32];
        snprintf(line, sizeof line, "message %d", i);
        intact += !strcmp(chat.messages[first_small + (size_t)i].text, line);
    }
    CHECK(intact == 100000);
    CHECK(bm == &chat.messages[first_small - 1] || chat.messages[first_small - 1].len == big_len);
    /* 100,000 short texts pack: far less than one allocation each. */
    CHECK(chat_memory(&chat) < big_len + 100000 * (32 + 16 + 32));

    /* Clearing forgets the messages, keeps counters and the connection,
     * and ids go on from where they were. */
    uint64_t received = chat.received, last_id = chat_id(&chat, &chat.messages[chat.count - 1]);
    uint64_t pending = chat_add_sent(&chat, "in flight", 9, 5);
    uint64_t clears = chat.clears;
    chat_clear(&chat);
    CHECK(chat.count == 0 && chat.clears == clears + 1 && chat.received == received);
    CHECK(chat.connection == CHAT_DISCONNECTED);
    CHECK(chat_find(&chat, pending) == NULL);
    uint64_t sent_before = chat.sent;
    apply(&chat, (struct net_event){.kind = NET_EVENT_SENT, .id = pending});
    CHECK(chat.sent == sent_before + 1); /* counted, nothing to mark */
    uint64_t after = chat_add_sent(&chat, "after", 5, 6);
    CHECK(after > pending && pending > last_id);
    CHECK(chat_find(&chat, after) == &chat.messages[0] && !strcmp(chat.messages[0].text, "after"));
    CHECK(chat_memory(&chat) < ((size_t)2 << 20));

    chat_free(&chat);
    test_history_cap();
    return check_summary("chat");
}
