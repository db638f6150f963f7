/* SPDX-License-Identifier: MIT */
/* display: see display.h. */
#include "display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binview.h"
#include "i18n.h"
#include "grow.h"
#include "platform.h"
#include "utf8.h"


struct growing {
    char *data;
    size_t len, cap;
    bool failed;
};

static void put(struct growing *g, const char *s, size_t n)
{
    if (g->failed)
        return;
    /* One byte more: room for the ending NUL. */
    if (n > SIZE_MAX - 1 - g->len || !grow(&g->data, &g->cap, g->len + n + 1, 1, 256)) {
        g->failed = true;
        return;
    }
    memcpy(g->data + g->len, s, n);
    g->len += n;
}

/* True when text can be drawn byte for byte: valid UTF-8 with no control
 * characters but line feeds. */
static bool drawable_as_is(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n') || c == 0x7F)
            return false;
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9F)
            return false; /* a C1 control, U+0080..U+009F */
    }
    return utf8_valid(s, len);
}

/* How the code point cp at text[i] is drawn: the bytes written to out
 * (0 to 4). Tabs become spaces, CR LF one line break, other control
 * characters their visible pictures (U+2400), C1 controls U+FFFD. */
static size_t display_code_point(const char *text, size_t len, size_t i, uint32_t cp, char out[4])
{
    if (cp == '\t') {
        memcpy(out, "    ", 4);
        return 4;
    }
    if (cp == '\r' && i + 1 < len && text[i + 1] == '\n')
        return 0; /* the LF that follows makes the break */
    if (cp == '\r' || cp == '\n') {
        out[0] = '\n';
        return 1;
    }
    if (cp < 0x20)
        return utf8_encode(0x2400 + cp, out);
    if (cp == 0x7F)
        return utf8_encode(0x2421, out);
    if (cp >= 0x80 && cp <= 0x9F)
        return utf8_encode(UTF8_REPLACEMENT, out);
    return utf8_encode(cp, out);
}

/* The message bytes that produce the first `shown` bytes of its display
 * text (the inverse of make_display's walk). */
size_t display_message_bytes(const struct chat_message *m, const struct display *d, size_t shown,
                             unsigned flags)
{
    size_t display_max = flags & DISPLAY_WHOLE ? SIZE_MAX : DISPLAY_MAX;
    if (!d->text)
        return shown;
    if (d->spans) /* pretty JSON: no byte maps back; the cut is counted in its text */
        return m->len;
    size_t produced = 0, i = 0;
    while (i < m->len && i < display_max && produced < shown) {
        uint32_t cp;
        size_t step = utf8_decode(m->text + i, m->len - i, &cp);
        char out[4];
        produced += display_code_point(m->text, m->len, i, cp, out);
        i += step;
    }
    return i;
}

/* The text as drawn: at most DISPLAY_MAX bytes, tabs as spaces, CR LF as a
 * line break, other control characters as their visible pictures (U+2400),
 * C1 controls and invalid bytes as U+FFFD, binary as a hex preview. NULL
 * (and *len 0) when the message's own text can be drawn as it is. */
static char *make_display(const struct chat_message *m, size_t display_max, size_t *out_len)
{
    struct growing g = {0};
    char line[160];
    *out_len = 0;
    if (m->binary) {
        /* What it is, then a hex dump: offset, 16 bytes in hex, the same
         * as ASCII (others as '.'). */
        int n = snprintf(line, sizeof line, tr(I18N_BINARY_MESSAGE), (size_t)m->len);
        put(&g, line, (size_t)n);
        size_t shown = display_binary_shown(m, display_max == SIZE_MAX ? DISPLAY_WHOLE : 0);
        for (size_t row = 0; row < shown; row += 16) {
            n = snprintf(line, sizeof line, "\n%0*zx ", shown > 0x10000 ? 8 : 4, row);
            put(&g, line, (size_t)n);
            for (size_t i = row; i < row + 16; i++) {
                if (i < shown)
                    n = snprintf(line, sizeof line, "%s %02x", i == row + 8 ? " " : "",
                                 (unsigned char)m->text[i]);
                else
                    n = snprintf(line, sizeof line, "%s   ", i == row + 8 ? " " : "");
                put(&g, line, (size_t)n);
            }
            put(&g, "  ", 2);
            for (size_t i = row; i < row + 16 && i < shown; i++) {
                char c = m->text[i];
                put(&g, c >= 0x20 && c < 0x7F ? &c : ".", 1);
            }
        }
    } else {
        size_t limit = m->len;
        if (limit > display_max) {
            limit = display_max;
            while (limit > 0 && ((unsigned char)m->text[limit] & 0xC0) == 0x80)
                limit--;
        }
        bool as_is = drawable_as_is(m->text, limit);
        if (as_is && limit == m->len)
            return NULL;
        if (as_is) {
            put(&g, m->text, limit);
        } else {
            for (size_t i = 0; i < limit;) {
                uint32_t cp;
                size_t step = utf8_decode(m->text + i, limit - i, &cp);
                char out[4];
                put(&g, out, display_code_point(m->text, limit, i, cp, out));
                i += step;
            }
        }
    }
    put(&g, "", 1); /* the NUL */
    if (g.failed) {
        free(g.data);
        return NULL;
    }
    *out_len = g.len - 1;
    return g.data;
}

size_t display_binary_shown(const struct chat_message *m, unsigned flags)
{
    size_t most = flags & DISPLAY_WHOLE ? DISPLAY_MAX : DISPLAY_HEX;
    return m->len < most ? m->len : most;
}

/* ---- messages ------------------------------------------------------------------------ */

/* Only a text that starts with { or [ can be a JSON document worth
 * pretty-printing; this keeps the check off ordinary messages. */
static bool looks_like_json(const struct chat_message *m)
{
    for (uint32_t i = 0; i < m->len; i++) {
        char c = m->text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

/* A MessagePack or CBOR message as pretty JSON under a line that names its
 * format (binview.h). False when the text would be too long: shown as hex. */
static bool binary_pretty(const struct chat_message *m, bool expanded, struct display *out)
{
    struct json_pretty p = {.limit = expanded ? 0 : 4 * DISPLAY_MAX};
    char line[96];
    int n = snprintf(line, sizeof line, tr(I18N_BINARY_FORMAT), binview_format_name(out->format), (size_t)m->len);
    if (n < 0 || !json_pretty_layout(&p, line, strlen(line)) || !json_pretty_layout(&p, "\n", 1) ||
        !binview_write(out->format, m->text, m->len, &p)) {
        json_pretty_free(&p);
        return false;
    }
    json_pretty_finish(&p);
    out->text = p.text;
    out->len = p.len;
    out->spans = p.spans;
    out->span_count = p.span_count;
    return true;
}

void display_message(const struct chat_message *m, unsigned flags, struct display *out)
{
    memset(out, 0, sizeof *out);
    bool expanded = flags & DISPLAY_WHOLE;
    size_t display_max = expanded ? SIZE_MAX : DISPLAY_MAX;
    if (m->binary) {
        if (m->len <= display_max)
            out->format = (uint8_t)binview_detect(m->text, m->len);
        out->json = out->format != BINVIEW_NONE;
        if (out->json && !(flags & DISPLAY_RAW) && binary_pretty(m, expanded, out))
            return;
        if (!(flags & DISPLAY_RAW))
            out->json = false; /* too big once laid out: the hex dump alone */
        out->text = make_display(m, display_max, &out->len);
        return;
    }
    out->json = looks_like_json(m) && m->len <= display_max && json_is_document(m->text, m->len);
    if (out->json && !(flags & DISPLAY_RAW)) {
        struct json_pretty p = {.limit = expanded ? 0 : 4 * DISPLAY_MAX};
        if (json_pretty(m->text, m->len, &p)) {
            out->text = p.text;
            out->len = p.len;
            out->spans = p.spans;
            out->span_count = p.span_count;
            return;
        }
        out->json = false; /* too big once indented: shown as it came */
    }
    out->text = make_display(m, display_max, &out->len);
}

void display_free(struct display *d)
{
    free(d->text);
    free(d->spans);
    memset(d, 0, sizeof *d);
}

/* ---- events and the status bar --------------------------------------------------- */

/* What to add after "closed by …: CODE name": the server's own reason, or
 * for our closes the error that made us close (unless the code's name says
 * it already); ours are words for the person, not the frame's English. */
static void close_detail(enum net_closer closer, enum net_error error, int code, const char *reason,
                         char *out, size_t n)
{
    out[0] = '\0';
    /* (Our own close carries a reason only when the person gave one.) */
    if ((closer == NET_CLOSER_SERVER || (closer == NET_CLOSER_CLIENT && error == NET_ERROR_NONE)) && reason &&
        *reason)
        snprintf(out, n, " (%s)", reason);
    else if (closer == NET_CLOSER_CLIENT && error != NET_ERROR_NONE &&
             strcmp(tr_net_error(error), tr_close_code(code)) != 0)
        snprintf(out, n, " (%s)", tr_net_error(error));
}

static void format_close(char *out, size_t n, enum i18n_id id, const struct chat_message *m)
{
    char extra[160];
    close_detail((enum net_closer)m->closer, (enum net_error)m->error, m->code, m->text, extra,
                 sizeof extra);
    snprintf(out, n, tr(id), m->code, tr_close_code(m->code), extra);
}

/* A frame's payload on its line: in quotes, or the words for none. */
static void frame_payload(const struct chat_message *m, char *out, size_t n)
{
    if (m->len)
        snprintf(out, n, "\xE2\x80\x9C%s\xE2\x80\x9D", m->text);
    else
        snprintf(out, n, "%s", tr(I18N_FRAME_NO_PAYLOAD));
}

void display_format_us(int64_t us, char *out, size_t n)
{
    if (us < 1000)
        snprintf(out, n, "%lld \xC2\xB5s", (long long)us);
    else if (us < 10000)
        snprintf(out, n, "%.2f ms", (double)us / 1000.0);
    else if (us < 1000000)
        snprintf(out, n, "%.0f ms", (double)us / 1000.0);
    else
        snprintf(out, n, "%.1f s", (double)us / 1e6);
}

const char *display_sent_label(const struct chat_message *m, char *out, size_t n)
{
    if (m->invalid_utf8)
        return tr(I18N_SENT_INVALID_UTF8);
    if (m->code > 1) {
        snprintf(out, n, tr(I18N_SENT_FRAGMENTS), (unsigned)m->code);
        return out;
    }
    return tr(I18N_SENT);
}

void display_event(const struct chat *chat, const struct chat_message *m, char *out, size_t n)
{
    char payload[FRAMES_CONTROL_MAX * 3 + 16], rtt[32];
    switch (m->event) {
    case NET_EVENT_PING_SENT:
    case NET_EVENT_PONG_SENT: {
        bool ping = m->event == NET_EVENT_PING_SENT;
        if (m->error != NET_ERROR_NONE) {
            snprintf(out, n, tr(ping ? I18N_EVENT_PING_NOT_SENT : I18N_EVENT_PONG_NOT_SENT),
                     tr_net_error((enum net_error)m->error));
            return;
        }
        frame_payload(m, payload, sizeof payload);
        snprintf(out, n, tr(ping ? I18N_EVENT_PING_SENT : I18N_EVENT_PONG_SENT), payload);
        return;
    }
    case NET_EVENT_PING_ANSWERED:
        frame_payload(m, payload, sizeof payload);
        display_format_us(m->rtt_us, rtt, sizeof rtt);
        snprintf(out, n, tr(I18N_EVENT_PING_ANSWERED), rtt, payload);
        return;
    case NET_EVENT_LISTENING:
        snprintf(out, n, tr(I18N_EVENT_LISTENING), m->code);
        return;
    case NET_EVENT_CONNECTING:
        snprintf(out, n, tr(I18N_EVENT_CONNECTING_TO), m->text);
        return;
    case CHAT_EVENT_OLDER:
        snprintf(out, n, tr(I18N_OLDER_MESSAGES), (unsigned long long)chat->dropped);
        return;
    case CHAT_EVENT_DAMAGED: /* (an opened recording's: rtt_us holds the line number) */
        snprintf(out, n, tr(I18N_EVENT_DAMAGED), (unsigned)m->rtt_us, m->text);
        return;
    case CHAT_EVENT_UNKNOWN:
        snprintf(out, n, tr(I18N_EVENT_UNKNOWN), m->text);
        return;
    case NET_EVENT_CONNECTED:
        snprintf(out, n, tr(I18N_EVENT_CONNECTED), m->len ? m->text : chat->url);
        return;
    case NET_EVENT_CLOSED:
        if (m->closer == NET_CLOSER_SERVER)
            format_close(out, n, I18N_EVENT_CLOSED_BY_SERVER, m);
        else if (m->closer == NET_CLOSER_CLIENT)
            format_close(out, n, I18N_EVENT_CLOSED_BY_CLIENT, m);
        else
            snprintf(out, n, tr(I18N_EVENT_CONNECTION_LOST), m->code, tr_close_code(m->code));
        return;
    case NET_EVENT_FAILED: {
        bool has_detail = m->text && *m->text;
        char detail[300] = "";
        if (m->error == NET_ERROR_OTHER && has_detail) {
            /* "Connection failed: connection failed (…)" says it twice. */
            snprintf(out, n, tr(I18N_EVENT_FAILED), m->text, "");
        } else {
            if (has_detail)
                snprintf(detail, sizeof detail, " (%s)", m->text);
            snprintf(out, n, tr(I18N_EVENT_FAILED), tr_net_error(m->error), detail);
        }
        /* Retries that failed the same way share the line (chat.c). */
        size_t used = strlen(out);
        if (m->code > 1 && used < n)
            snprintf(out + used, n - used, tr(I18N_EVENT_REPEATED), (unsigned)m->code);
        return;
    }
    default:
        out[0] = '\0';
        return;
    }
}

void display_status_reason(const struct chat *chat, char *out, size_t n)
{
    out[0] = '\0';
    if (chat->connection != CHAT_DISCONNECTED)
        return;
    if (!chat->has_last_close) {
        if (chat->last_detail[0])
            snprintf(out, n, "%s (%s)", tr_net_error(chat->last_error), chat->last_detail);
        else
            snprintf(out, n, "%s", tr_net_error(chat->last_error));
        return;
    }
    char extra[300];
    close_detail(chat->last_closer, chat->last_error, chat->last_code, chat->last_detail, extra,
                 sizeof extra);
    switch (chat->last_closer) {
    case NET_CLOSER_SERVER:
        snprintf(out, n, tr(I18N_REASON_CLOSED_BY_SERVER), chat->last_code,
                 tr_close_code(chat->last_code));
        break;
    case NET_CLOSER_CLIENT:
        snprintf(out, n, tr(I18N_REASON_CLOSED_BY_CLIENT), chat->last_code,
                 tr_close_code(chat->last_code));
        break;
    default:
        snprintf(out, n, "%s: %d %s", tr_net_error(NET_ERROR_CONNECTION_LOST), chat->last_code,
                 tr_close_code(chat->last_code));
        extra[0] = '\0';
        break;
    }
    size_t used = strlen(out);
    snprintf(out + used, n - used, "%s", extra);
}

void display_format_bytes(uint64_t n, char *out, size_t size)
{
    if (n < 1024)
        snprintf(out, size, "%llu B", (unsigned long long)n);
    else if (n < (uint64_t)1 << 20)
        snprintf(out, size, "%.1f KB", (double)n / 1024.0);
    else if (n < (uint64_t)1 << 30)
        snprintf(out, size, "%.1f MB", (double)n / (1 << 20));
    else
        snprintf(out, size, "%.2f GB", (double)n / (1 << 30));
}

/* Message bytes, and beside them their bytes on the wire while the
 * connection is compressed (the counts are since start: messages of an
 * earlier connection count as they went). */
static void bytes_and_wire(uint64_t bytes, uint64_t wire, bool compressed, char *out, size_t n)
{
    char b[32], w[32];
    display_format_bytes(bytes, b, sizeof b);
    if (!compressed) {
        snprintf(out, n, "%s", b);
        return;
    }
    display_format_bytes(wire, w, sizeof w);
    snprintf(out, n, tr(I18N_BYTES_ON_WIRE), b, w);
}

void display_connection_details(const struct chat *chat, char *out, size_t n)
{
    out[0] = '\0';
    if (chat->connection != CHAT_CONNECTED)
        return;
    size_t used = 0;
#define APPEND(...)                                                                             \
    do {                                                                                        \
        if (used < n) {                                                                         \
            int k = snprintf(out + used, n - used, "%s", used ? " \xC2\xB7 " : "");           \
            used += k > 0 ? (size_t)k : 0;                                                      \
        }                                                                                       \
        if (used < n) {                                                                         \
            int k = snprintf(out + used, n - used, __VA_ARGS__);                                \
            used += k > 0 ? (size_t)k : 0;                                                      \
        }                                                                                       \
    } while (0)
    if (chat->protocol[0])
        APPEND("%s", chat->protocol);
    if (chat->tls[0])
        APPEND("%s", chat->tls);
    if (chat->proxy[0])
        APPEND(tr(I18N_VIA_PROXY), chat->proxy);
    const struct pmd_agreed *z = &chat->compression;
    if (z->on)
        APPEND(tr(I18N_COMPRESSION_AGREED), z->client_window_bits, z->client_no_takeover ? tr(I18N_NO_TAKEOVER) : "",
               z->server_window_bits, z->server_no_takeover ? tr(I18N_NO_TAKEOVER) : "");
    struct tm tm;
    if (chat->connected_at_us && platform_local_time(chat->connected_at_us, &tm)) {
        char since[16];
        snprintf(since, sizeof since, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
        APPEND(tr(I18N_CONNECTED_SINCE), since);
    }
    char in[96], outb[96];
    bytes_and_wire(chat->bytes_sent, chat->wire_sent, z->on, outb, sizeof outb);
    bytes_and_wire(chat->bytes_received, chat->wire_received, z->on, in, sizeof in);
    APPEND("\xE2\x86\x91%llu (%s) \xE2\x86\x93%llu (%s)", (unsigned long long)chat->sent, outb,
           (unsigned long long)chat->received, in);
    if (chat->sending)
        APPEND(tr(I18N_SENDING_COUNT), (unsigned long long)chat->sending);
    if (chat->ping_rtt_us >= 0) {
        char rtt[32];
        if (chat->ping_rtt_us < 10000)
            snprintf(rtt, sizeof rtt, "%.2f ms", (double)chat->ping_rtt_us / 1000.0);
        else
            snprintf(rtt, sizeof rtt, "%.0f ms", (double)chat->ping_rtt_us / 1000.0);
        APPEND(tr(I18N_PING_RTT), rtt);
    }
    if (chat->connections > 1) {
        unsigned long long r = chat->connections - 1;
        if (r == 1)
            APPEND("%s", tr(I18N_RECONNECTS_ONE));
        else
            APPEND(tr(I18N_RECONNECTS), r);
    }
#undef APPEND
}
