/* SPDX-License-Identifier: MIT */
/* display: the text the window shows for messages and events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "display.h"
#include "i18n.h"

static struct chat_message message(const char *text, size_t len)
{
    return (struct chat_message){.text = text, .len = (uint32_t)len, .kind = CHAT_RECEIVED};
}

/* The display text of text (NULL means drawn as it is). */
static char *shown(const char *text, size_t len, unsigned flags, struct display *d)
{
    struct chat_message m = message(text, len);
    display_message(&m, flags, d);
    return d->text;
}

int main(void)
{
    i18n_set_lang(I18N_EN);
    struct display d;

    /* Plain text is drawn as it came: no copy. */
    CHECK(shown("hello, ação 你好", strlen("hello, ação 你好"), 0, &d) == NULL && !d.json);
    display_free(&d);

    /* Tabs become four spaces, CR LF one line break, other controls their
     * visible pictures, C1 controls and invalid bytes U+FFFD. */
    const char raw[] = "a\tb\r\nc\x01" "d\x7f" "e\xC2\x85" "f\xFFg";
    char *t = shown(raw, sizeof raw - 1, 0, &d);
    CHECK(t && !strcmp(t, "a    b\nc\xE2\x90\x81" "d\xE2\x90\xA1" "e\xEF\xBF\xBD" "f\xEF\xBF\xBDg"));
    /* Display bytes map back to message bytes: "a    b\n" is 7 shown, 5 sent. */
    struct chat_message m = message(raw, sizeof raw - 1);
    CHECK(display_message_bytes(&m, &d, 7, 0) == 5);
    display_free(&d);

    /* Over 64 KiB: the first 64 KiB, cut on a code point boundary, and the
     * mapping says how much of the message that is; shown whole, all. */
    size_t big = DISPLAY_MAX + 101; /* odd: pairs of "ç", then one "x" */
    char *long_text = malloc(big + 1);
    for (size_t i = 0; i + 1 < big; i += 2)
        memcpy(long_text + i, "\xC3\xA7", 2); /* ç ç ç … */
    long_text[big - 1] = 'x';
    long_text[big] = '\0';
    long_text[10] = '\t'; /* not drawable as is: a converted copy */
    long_text[11] = 'x';
    t = shown(long_text, big, 0, &d);
    CHECK(t && d.len <= DISPLAY_MAX + 3 && d.len >= DISPLAY_MAX - 4);
    m = message(long_text, big);
    CHECK(display_message_bytes(&m, &d, d.len, 0) <= DISPLAY_MAX);
    display_free(&d);
    t = shown(long_text, big, DISPLAY_WHOLE, &d);
    CHECK(t && d.len == big + 3); /* the tab: 4 bytes for 1 */
    display_free(&d);
    free(long_text);

    /* JSON: an object or array is pretty with spans; raw on request;
     * a broken one or a bare scalar is plain text. */
    const char *doc = "{\"a\":1,\"b\":[true,null]}";
    t = shown(doc, strlen(doc), 0, &d);
    CHECK(d.json && t && d.spans && d.span_count > 5);
    CHECK(strstr(t, "\"a\": 1,\n") && strstr(t, "  \"b\": [\n    true,\n    null\n  ]"));
    display_free(&d);
    CHECK(shown(doc, strlen(doc), DISPLAY_RAW, &d) == NULL && d.json && !d.spans);
    display_free(&d);
    CHECK(shown("{\"a\":", 5, 0, &d) == NULL && !d.json);
    display_free(&d);
    CHECK(shown("42", 2, 0, &d) == NULL && !d.json);
    display_free(&d);
    CHECK(shown("  [1, 2]\n", 9, 0, &d) != NULL && d.json);
    display_free(&d);

    /* Binary: what it is, then a hex dump (offset, hex, ASCII) of the
     * first 512 bytes; shown whole, of up to 64 KiB. */
    unsigned char bytes[1000];
    for (int i = 0; i < 1000; i++)
        bytes[i] = (unsigned char)(i < 256 ? i : 'A' + i % 26);
    m = (struct chat_message){.text = (const char *)bytes, .len = 1000, .kind = CHAT_RECEIVED, .binary = 1};
    display_message(&m, 0, &d);
    CHECK(d.text && !strncmp(d.text, "binary \xC2\xB7 1000 bytes\n", 20));
    CHECK(strstr(d.text, "\n0000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................"));
    CHECK(strstr(d.text, "\n0040  40 41 42 43 44 45 46 47  48 49 4a 4b 4c 4d 4e 4f  @ABCDEFGHIJKLMNO"));
    CHECK(strstr(d.text, "\n01f0 ") && !strstr(d.text, "\n0200 ")); /* 512 bytes: 32 rows */
    CHECK(display_binary_shown(&m, 0) == 512 && display_binary_shown(&m, DISPLAY_WHOLE) == 1000);
    display_free(&d);
    display_message(&m, DISPLAY_WHOLE, &d);
    CHECK(d.text && strstr(d.text, "\n03e0 ") && !strstr(d.text, "\n03f0 "));
    /* The last row is padded so its ASCII column lines up. */
    CHECK(strstr(d.text, "\n03e0  ") && strlen(strstr(d.text, "\n03e0 ")) == 1 + 4 + 1 + 16 * 3 + 1 + 2 + 8);
    display_free(&d);

    /* Events and the status bar, in both languages. */
    struct chat chat;
    chat_init(&chat, "ws://example.com/");
    char line[256];
    struct chat_message ev = {.text = "maintenance", .len = 11, .kind = CHAT_EVENT,
                              .event = NET_EVENT_CLOSED, .closer = NET_CLOSER_SERVER, .code = 1001};
    display_event(&chat, &ev, line, sizeof line);
    CHECK(!strcmp(line, "Closed by server: 1001 going away (maintenance)"));
    ev = (struct chat_message){.text = "", .kind = CHAT_EVENT, .event = NET_EVENT_CONNECTED};
    display_event(&chat, &ev, line, sizeof line);
    CHECK(!strcmp(line, "Connected to ws://example.com/"));
    i18n_set_lang(I18N_PT_BR);
    display_event(&chat, &ev, line, sizeof line);
    CHECK(!strcmp(line, "Conectado a ws://example.com/"));
    i18n_set_lang(I18N_EN);
    /* Retries that failed alike share a line that counts them. */
    ev = (struct chat_message){.text = "example.org: the host name did not resolve", .len = 42,
                               .kind = CHAT_EVENT, .event = NET_EVENT_FAILED,
                               .error = NET_ERROR_HOST_NOT_FOUND, .code = 1};
    display_event(&chat, &ev, line, sizeof line);
    CHECK(!strcmp(line, "Connection failed: host not found (example.org: the host name did not resolve)"));
    ev.code = 4;
    display_event(&chat, &ev, line, sizeof line);
    CHECK(!strcmp(line, "Connection failed: host not found (example.org: the host name did not resolve) (4 times)"));
    ev = (struct chat_message){.text = "", .kind = CHAT_EVENT, .event = NET_EVENT_FAILED,
                               .error = NET_ERROR_NO_NETWORK, .code = 3};
    display_event(&chat, &ev, line, sizeof line);
    CHECK(!strcmp(line, "Connection failed: no network (3 times)"));
    i18n_set_lang(I18N_PT_BR);
    display_event(&chat, &ev, line, sizeof line);
    CHECK_MSG(!strcmp(line, "Falha na conex\xC3\xA3o: sem rede (3 vezes)"), "%s", line);
    i18n_set_lang(I18N_EN);
    display_status_reason(&chat, line, sizeof line);
    CHECK(line[0] == '\0'); /* not disconnected: no reason */
    struct net_event closed = {.kind = NET_EVENT_CLOSED, .code = 1011, .closer = NET_CLOSER_SERVER};
    chat_apply(&chat, &closed);
    display_status_reason(&chat, line, sizeof line);
    CHECK(!strcmp(line, "closed by server: 1011 server error"));
    chat_free(&chat);

    /* The status bar's byte counts. */
    char size[32];
    display_format_bytes(512, size, sizeof size);
    CHECK(!strcmp(size, "512 B"));
    display_format_bytes(1536, size, sizeof size);
    CHECK(!strcmp(size, "1.5 KB"));
    display_format_bytes((uint64_t)3 << 20, size, sizeof size);
    CHECK(!strcmp(size, "3.0 MB"));
    display_format_bytes((uint64_t)5 << 29, size, sizeof size);
    CHECK(!strcmp(size, "2.50 GB"));

    /* A connection's details, joined by middle dots; none while not connected. */
    struct chat up = {.connection = CHAT_CONNECTED, .sent = 2, .received = 3, .bytes_sent = 10,
                      .bytes_received = 2048, .ping_rtt_us = 1500, .connections = 3};
    snprintf(up.protocol, sizeof up.protocol, "chat");
    snprintf(up.proxy, sizeof up.proxy, "proxy:3128");
    char details[512];
    display_connection_details(&up, details, sizeof details);
    CHECK_MSG(!strcmp(details, "chat \xC2\xB7 via proxy proxy:3128 \xC2\xB7 \xE2\x86\x91" "2 (10 B) "
                               "\xE2\x86\x93" "3 (2.0 KB) \xC2\xB7 ping 1.50 ms \xC2\xB7 2 reconnects"),
              "%s", details);
    up.ping_rtt_us = -1;
    up.connections = 1;
    up.sending = 4;
    up.proxy[0] = '\0';
    display_connection_details(&up, details, sizeof details);
    CHECK_MSG(!strcmp(details, "chat \xC2\xB7 \xE2\x86\x91" "2 (10 B) \xE2\x86\x93" "3 (2.0 KB) \xC2\xB7 "
                               "sending 4\xE2\x80\xA6"),
              "%s", details);
    /* Compressed: what was agreed each way, and the bytes on the wire. */
    up.sending = 0;
    up.compression = (struct pmd_agreed){.on = true, .client_window_bits = 15, .server_window_bits = 12,
                                         .server_no_takeover = true};
    up.wire_sent = 7;
    up.wire_received = 300;
    display_connection_details(&up, details, sizeof details);
    CHECK_MSG(!strcmp(details, "chat \xC2\xB7 deflate \xE2\x86\x91" "15-bit window \xE2\x86\x93" "12-bit window, no "
                               "context takeover \xC2\xB7 \xE2\x86\x91" "2 (10 B, 7 B on the wire) \xE2\x86\x93" "3 (2.0 KB, "
                               "300 B on the wire)"),
              "%s", details);
    up.connection = CHAT_DISCONNECTED;
    display_connection_details(&up, details, sizeof details);
    CHECK(details[0] == '\0');
    return check_summary("display");
}
