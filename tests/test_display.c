/* display: the text the window shows for messages and events. */
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

    /* Binary: what it is, then hex of the first 64 bytes. */
    unsigned char bytes[100];
    for (int i = 0; i < 100; i++)
        bytes[i] = (unsigned char)i;
    m = (struct chat_message){.text = (const char *)bytes, .len = 100, .kind = CHAT_RECEIVED, .binary = 1};
    display_message(&m, 0, &d);
    CHECK(d.text && strstr(d.text, "binary message, 100 bytes") && strstr(d.text, "\n00 01 02") &&
          strstr(d.text, "3f \xE2\x80\xA6") && !strstr(d.text, " 40"));
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
    display_status_reason(&chat, line, sizeof line);
    CHECK(line[0] == '\0'); /* not disconnected: no reason */
    struct net_event closed = {.kind = NET_EVENT_CLOSED, .code = 1011, .closer = NET_CLOSER_SERVER};
    chat_apply(&chat, &closed);
    display_status_reason(&chat, line, sizeof line);
    CHECK(!strcmp(line, "closed by server: 1011 server error"));
    chat_free(&chat);
    return check_summary("display");
}
