/* SPDX-License-Identifier: MIT */
/* session: an open connection, from CLIENT_ESTABLISHED to CLIENT_CLOSED:
 * the queue of messages going out (in frames, a batch per WRITEABLE), the
 * message coming in (assemble.c), our pings, and how it ends (a close we
 * start, the server's, or a drop). Worker thread only (see worker.h). */
#include "worker.h"

#include <stdio.h>

#include "frames.h"
#include "utf8.h"

/* At most this many frames, or about this many bytes, per WRITEABLE. */
#define NET_WRITE_BATCH_FRAMES 16
#define NET_WRITE_BATCH_BYTES ((size_t)256 << 10)
/* A close (or quit) first lets the messages already queued go out, for at
 * most this long; then the close frame goes, whatever is left is reported
 * not sent. */
#define NET_CLOSE_GRACE_US (2 * LWS_USEC_PER_SEC)
/* Once the close frame is due, the connection ends after this long even if
 * the socket never takes it (seconds, for lws_set_timeout). */
#define NET_CLOSE_STUCK_S 3

/* ---- the queue going out --------------------------------------------------------- */

void session_fail_outgoing(struct net *net, enum net_error why)
{
    struct worker *w = &net->w;
    while (w->out_head) {
        struct outgoing *o = w->out_head;
        w->out_head = o->next;
        struct net_event ev = {.kind = NET_EVENT_NOT_SENT, .id = o->cmd.id,
                               .error = why, .binary = o->cmd.binary};
        worker_emit(net, &ev, o->cmd.data, o->cmd.len);
        free(o->cmd.data);
        free(o);
    }
    w->out_tail = NULL;
}

/* With queue_offline, what is queued waits for the next connection
 * instead of being reported not sent (until Ponte quits). */
bool session_holding(const struct worker *w)
{
    return w->queue_offline && !w->quitting;
}

/* The connection ended or never came: the queue fails, or with
 * queue_offline waits (a message half written goes again whole). */
void session_drop_or_hold(struct net *net, enum net_error why)
{
    struct worker *w = &net->w;
    if (session_holding(w)) {
        if (w->out_head)
            w->out_head->offset = w->out_head->frame = 0;
        return;
    }
    session_fail_outgoing(net, why);
}

/* Back to idle, ready for the next attempt: timers, the message being
 * received, how the last one ended, a probe still asking. */
void session_reset(struct net *net)
{
    struct worker *w = &net->w;
    if (w->probe_wsi) /* its callbacks are ignored from now on */
        lws_set_timeout(w->probe_wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
    w->probe_wsi = NULL;
    w->probing = false;
    lws_sul_cancel(&w->attempt_timer);
    lws_sul_cancel(&w->close_timer);
    lws_sul_cancel(&w->ping_timer);
    w->ping_due = false;
    w->state = CONN_IDLE;
    w->wsi = NULL;
    assemble_reset(&w->rx);
    w->rx_paused = false;
    w->close_requested = false;
    w->close_now = false;
    w->close_sent = false;
    w->close_request_code = 0;
    w->close_request_reason_len = 0;
    w->ping_count = 0;
}

/* ---- closing --------------------------------------------------------------------- */

/* Asks for a close frame at the next WRITEABLE, whatever is queued. */
static void close_soon(struct net *net, int code, enum net_error why, const char *reason, size_t n)
{
    struct worker *w = &net->w;
    if (w->close_now || !w->wsi)
        return;
    w->close_now = true;
    w->closer = NET_CLOSER_CLIENT;
    w->close_code = code;
    w->close_error = why;
    if (n > sizeof w->close_reason)
        n = sizeof w->close_reason;
    if (n)
        memcpy(w->close_reason, reason, n);
    w->close_reason_len = n;
    lws_callback_on_writable(w->wsi);
    /* A socket that takes nothing never becomes writable: then the
     * connection ends after this long, without the close frame. */
    lws_set_timeout(w->wsi, PENDING_TIMEOUT_USER_OK, NET_CLOSE_STUCK_S);
}

/* The close the person asked for: 1000, or their code and reason. */
static void close_as_asked(struct net *net)
{
    struct worker *w = &net->w;
    int code = w->close_request_code ? w->close_request_code : LWS_CLOSE_STATUS_NORMAL;
    close_soon(net, code, NET_ERROR_NONE, w->close_request_reason, w->close_request_reason_len);
}

static void close_grace_over(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, close_timer);
    close_as_asked(lws_container_of(w, struct net, w));
}

void session_close_with(struct net *net, int code, const char *reason, size_t len)
{
    struct worker *w = &net->w;
    if (w->state == CONN_OPEN && !w->close_requested) {
        /* Checked by frames.c before it was asked; checked again, as the
         * frame must never carry what RFC 6455 forbids. */
        if (code && frames_check_close(code, reason, len) != FRAMES_OK)
            code = 0, len = 0;
        w->close_request_code = code;
        if (len > FRAMES_REASON_MAX)
            len = FRAMES_REASON_MAX;
        if (len)
            memcpy(w->close_request_reason, reason, len);
        w->close_request_reason_len = len;
    }
    session_close(net);
}

void session_close(struct net *net)
{
    struct worker *w = &net->w;
    if (w->state == CONN_OPEN) {
        if (w->close_requested)
            return;
        /* What is queued goes out first (session_writeable closes once the queue
         * is empty), within a grace period. */
        w->close_requested = true;
        lws_sul_schedule(net->context, 0, &w->close_timer, close_grace_over, NET_CLOSE_GRACE_US);
        lws_callback_on_writable(w->wsi);
    } else if (w->state == CONN_CONNECTING) {
        w->attempt_cancelled = true;
        if (w->wsi)
            lws_set_timeout(w->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        else
            attempt_failed(net, NET_ERROR_CANCELLED, NULL);
    }
}

/* ---- keepalive ------------------------------------------------------------------- */

static void ping_tick(lws_sorted_usec_list_t *sul);

/* The next look at the connection: when a ping is due, or when the silence
 * would reach the time-out, whichever comes first. */
static void schedule_ping(struct net *net)
{
    struct worker *w = &net->w;
    if (w->state != CONN_OPEN || w->ping_interval_s <= 0)
        return;
    lws_usec_t now = lws_now_usecs();
    lws_usec_t next_ping = w->last_ping_us + (lws_usec_t)w->ping_interval_s * LWS_USEC_PER_SEC;
    lws_usec_t deadline = w->last_rx_us + (lws_usec_t)w->ping_timeout_s * LWS_USEC_PER_SEC;
    lws_usec_t at = next_ping < deadline ? next_ping : deadline;
    lws_sul_schedule(net->context, 0, &w->ping_timer, ping_tick, at > now ? at - now : 1);
}

static void ping_tick(lws_sorted_usec_list_t *sul)
{
    struct worker *w = lws_container_of(sul, struct worker, ping_timer);
    struct net *net = lws_container_of(w, struct net, w);
    if (w->state != CONN_OPEN || !w->wsi)
        return;
    lws_usec_t now = lws_now_usecs();
    if (now - w->last_rx_us >= (lws_usec_t)w->ping_timeout_s * LWS_USEC_PER_SEC) {
        /* Nothing for ping_timeout_s, not even a pong: the peer is gone
         * (a half-open connection looks just like this). Hang up; the
         * close is reported as that, and reconnecting follows. */
        w->close_error = NET_ERROR_PING_TIMEOUT;
        lws_set_timeout(w->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        return;
    }
    if (now - w->last_ping_us >= (lws_usec_t)w->ping_interval_s * LWS_USEC_PER_SEC) {
        w->ping_due = true;
        w->last_ping_us = now;
        lws_callback_on_writable(w->wsi);
    }
    schedule_ping(net);
}

/* The person's ping this pong answers (the oldest with its payload), taken
 * off the list; false when none. */
static bool answer_person_ping(struct net *net, const unsigned char *in, size_t len)
{
    struct worker *w = &net->w;
    for (size_t i = 0; i < w->ping_count; i++) {
        const struct person_ping *p = &w->pings[i];
        if (p->len != len || (len && memcmp(p->payload, in, len) != 0))
            continue;
        lws_usec_t rtt = w->last_rx_us - p->sent_us;
        struct net_event ev = {.kind = NET_EVENT_PING_ANSWERED, .len = len,
                               .code = rtt < 0 ? 0 : rtt > INT32_MAX ? INT32_MAX : (int)rtt};
        ev.data = dup_bytes(in, len);
        if (!ev.data)
            ev.len = 0;
        w->ping_count--;
        memmove(&w->pings[i], &w->pings[i + 1], (w->ping_count - i) * sizeof w->pings[0]);
        worker_emit(net, &ev, ev.data, ev.len);
        return true;
    }
    return false;
}

/* A pong answers the person's ping (by its payload), or carries the time
 * a keepalive ping left (8 bytes, big-endian). */
void session_pong(struct net *net, const unsigned char *in, size_t len)
{
    struct worker *w = &net->w;
    w->last_rx_us = lws_now_usecs();
    if (answer_person_ping(net, in, len))
        return;
    if (len != 8)
        return; /* not ours (an unsolicited pong) */
    uint64_t sent = 0;
    for (int i = 0; i < 8; i++)
        sent = sent << 8 | in[i];
    lws_usec_t rtt = w->last_rx_us - (lws_usec_t)sent;
    if (rtt < 0 || rtt > 3600 * LWS_USEC_PER_SEC)
        return;
    struct net_event ev = {.kind = NET_EVENT_PONG, .code = (int)rtt};
    worker_emit(net, &ev, NULL, 0);
}

/* After assemble refused the message being received (and dropped the rest
 * of it): stops reading and closes at the next WRITEABLE (see close_now)
 * with the code for what was wrong and assemble's words as the reason. */
static void refuse_message(struct net *net, struct lws *wsi, enum assemble_result result)
{
    struct worker *w = &net->w;
    int code = LWS_CLOSE_STATUS_UNEXPECTED_CONDITION;
    enum net_error why = NET_ERROR_NO_MEMORY;
    if (result == ASSEMBLE_TOO_BIG) {
        code = LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE;
        why = NET_ERROR_TOO_BIG;
    } else if (result == ASSEMBLE_INVALID_UTF8) {
        /* RFC 6455 8.1, checked by assemble rather than by lws (whose own
         * check closes from inside its parser; see close_now). */
        code = LWS_CLOSE_STATUS_INVALID_PAYLOAD;
        why = NET_ERROR_INVALID_UTF8;
    }
    if (!w->rx_paused) {
        w->rx_paused = true;
        lws_rx_flow_control(wsi, 0);
    }
    const char *reason = assemble_result_text(result);
    close_soon(net, code, why, reason, strlen(reason));
}

/* Never returns non-zero: see close_now. */
int session_receive(struct net *net, struct lws *wsi, const void *in, size_t len)
{
    struct worker *w = &net->w;
    w->last_rx_us = lws_now_usecs();
    if (lws_is_first_fragment(wsi)) {
        /* RSV1 on a message's first frame: it came compressed (RFC 7692). */
        w->rx_compressed = (lws_get_reserved_bits(wsi) & 0x40) != 0;
        assemble_begin(&w->rx, lws_frame_is_binary(wsi));
        if (w->close_now)
            assemble_drop(&w->rx); /* closing: no new messages */
    }
    /* What the frame header announced is still to come. */
    size_t announced = lws_remaining_packet_payload(wsi);
    enum assemble_result result =
        assemble_add(&w->rx, in, len, announced, lws_is_final_fragment(wsi));
    switch (result) {
    case ASSEMBLE_MORE:
    case ASSEMBLE_DISCARDED:
        return 0;
    case ASSEMBLE_TOO_BIG:
    case ASSEMBLE_NO_MEMORY:
    case ASSEMBLE_INVALID_UTF8:
        w->rx_wire = 0;
        refuse_message(net, wsi, result);
        return 0;
    case ASSEMBLE_MESSAGE:
        break;
    }
    /* The whole message: hand the buffer over, trimmed to size. */
    struct net_event ev = {.kind = NET_EVENT_RECEIVED, .binary = w->rx.binary, .compressed = w->rx_compressed};
    assemble_take(&w->rx, &ev.data, &ev.len);
    ev.wire_len = ev.compressed ? w->rx_wire : ev.len; /* (extension.c counts) */
    w->rx_wire = 0;
    worker_emit(net, &ev, ev.data, ev.len);
    return 0;
}

/* Writes the next frame of the oldest queued message; -1 when the
 * connection is broken. Adds its payload to *bytes. */
static int write_frame(struct net *net, struct lws *wsi, size_t *bytes)
{
    struct worker *w = &net->w;
    struct outgoing *o = w->out_head;
    size_t remaining = o->cmd.len - o->offset;
    size_t chunk = remaining < NET_WRITE_CHUNK ? remaining : NET_WRITE_CHUNK;
    bool first = o->frame == 0;
    bool final = chunk == remaining;
    if (o->cmd.fragments > 1) {
        /* The person asked for exactly this many frames (frames.c keeps
         * each within NET_WRITE_CHUNK). */
        _Static_assert(FRAMES_FRAGMENT_BYTES <= NET_WRITE_CHUNK, "a fragment fits the write buffer");
        size_t start, end;
        frames_fragment_bounds(o->cmd.len, o->cmd.fragments, o->frame, &start, &end);
        chunk = end - start;
        final = o->frame + 1u >= o->cmd.fragments;
    }
    /* lws masks client frames in place: write from a scratch copy so the
     * message itself stays intact for the transcript and the SENT event. */
    if (chunk)
        memcpy(w->write_buf + LWS_PRE, o->cmd.data + o->offset, chunk);
    int flags = lws_write_ws_flags(o->cmd.binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT, first, final);
    int written = lws_write(wsi, w->write_buf + LWS_PRE, chunk, (enum lws_write_protocol)flags);
    if (written < (int)chunk)
        return -1;
    o->offset += chunk;
    o->frame++;
    *bytes += chunk;
    if (final) {
        w->out_head = o->next;
        if (!w->out_head)
            w->out_tail = NULL;
        /* Compressed: all its frames' output went with the writes
         * (extension.c sizes lws's buffer for that). */
        struct net_event ev = {.kind = NET_EVENT_SENT, .id = o->cmd.id, .binary = o->cmd.binary,
                               .code = o->cmd.fragments > 1 ? o->cmd.fragments : 0,
                               .compressed = w->pmd.on && w->tx_compressed,
                               .wire_len = w->pmd.on && w->tx_compressed ? w->tx_wire : o->cmd.len};
        w->tx_wire = 0;
        worker_emit(net, &ev, o->cmd.data, o->cmd.len);
        free(o->cmd.data);
        free(o);
    }
    return 0;
}

/* ---- the person's control frames -------------------------------------------------- */

static void emit_control(struct net *net, bool pong, enum net_error error, const void *payload, size_t len)
{
    struct net_event ev = {.kind = pong ? NET_EVENT_PONG_SENT : NET_EVENT_PING_SENT, .error = error, .len = len};
    ev.data = dup_bytes(payload, len);
    if (!ev.data)
        ev.len = 0;
    worker_emit(net, &ev, ev.data, ev.len);
}

void session_control(struct net *net, bool pong, const char *data, size_t len)
{
    struct worker *w = &net->w;
    struct control_frame *c = NULL;
    enum net_error error = NET_ERROR_NONE;
    if (w->state != CONN_OPEN || !w->wsi || w->close_requested || w->close_now)
        error = NET_ERROR_NOT_CONNECTED;
    else if (len > sizeof c->payload) /* (net.c refuses these) */
        error = NET_ERROR_OTHER;
    else if (!(c = calloc(1, sizeof *c)))
        error = NET_ERROR_NO_MEMORY;
    if (error != NET_ERROR_NONE) {
        emit_control(net, pong, error, data, len);
        return;
    }
    c->pong = pong;
    c->after = w->out_seq;
    c->inside = w->out_head && w->out_head->frame > 0 ? w->out_head->seq : 0;
    c->len = (uint8_t)len;
    if (len)
        memcpy(c->payload, data, len);
    if (w->control_tail)
        w->control_tail->next = c;
    else
        w->control_head = c;
    w->control_tail = c;
    lws_callback_on_writable(w->wsi);
}

void session_fail_controls(struct net *net, enum net_error why)
{
    struct worker *w = &net->w;
    while (w->control_head) {
        struct control_frame *c = w->control_head;
        w->control_head = c->next;
        emit_control(net, c->pong, why, c->payload, c->len);
        free(c);
    }
    w->control_tail = NULL;
}

/* Whether the oldest control frame goes next: in the order it was asked
 * for among the messages, except that it does not wait for the rest of the
 * message that was being written then (it goes between two of its frames,
 * as the keepalive's ping does). */
static bool control_due(const struct worker *w)
{
    const struct control_frame *c = w->control_head;
    const struct outgoing *o = w->out_head;
    return c && (!o || o->seq > c->after || o->seq == c->inside);
}

/* Writes the oldest of the person's control frames, alone in its
 * WRITEABLE as the keepalive's ping is (it may go between the fragments of
 * a message); a ping is remembered until its pong. */
static int write_control(struct net *net, struct lws *wsi)
{
    struct worker *w = &net->w;
    struct control_frame *c = w->control_head;
    w->control_head = c->next;
    if (!w->control_head)
        w->control_tail = NULL;
    unsigned char *p = w->write_buf + LWS_PRE;
    if (c->len)
        memcpy(p, c->payload, c->len); /* (lws masks in place) */
    int written = lws_write(wsi, p, c->len, c->pong ? LWS_WRITE_PONG : LWS_WRITE_PING);
    if (written < (int)c->len) {
        emit_control(net, c->pong, NET_ERROR_CONNECTION_LOST, c->payload, c->len);
        free(c);
        return -1;
    }
    if (!c->pong) {
        if (w->ping_count == NET_PINGS_WAITING) {
            memmove(&w->pings[0], &w->pings[1], (NET_PINGS_WAITING - 1) * sizeof w->pings[0]);
            w->ping_count--;
        }
        struct person_ping *q = &w->pings[w->ping_count++];
        q->sent_us = lws_now_usecs();
        q->len = c->len;
        memcpy(q->payload, c->payload, c->len);
    }
    emit_control(net, c->pong, NET_ERROR_NONE, c->payload, c->len);
    free(c);
    if (w->out_head || w->close_requested || w->control_head)
        lws_callback_on_writable(wsi);
    return 0;
}

int session_writeable(struct net *net, struct lws *wsi)
{
    struct worker *w = &net->w;
    if (w->close_requested && !w->out_head && !w->control_head && !w->close_now)
        close_as_asked(net);
    if (w->close_now) {
        lws_close_reason(wsi, (enum lws_close_status)w->close_code, (unsigned char *)w->close_reason,
                         w->close_reason_len);
        w->close_sent = true;
        return -1; /* from WRITEABLE, not from the parser: safe */
    }
    if (w->ping_due) {
        /* A control frame may go between the frames of a message. Alone
         * in its WRITEABLE: the queue goes on at the next. */
        w->ping_due = false;
        uint64_t now = (uint64_t)lws_now_usecs();
        unsigned char *p = w->write_buf + LWS_PRE;
        for (int i = 0; i < 8; i++)
            p[i] = (unsigned char)(now >> (56 - 8 * i));
        if (lws_write(wsi, p, 8, LWS_WRITE_PING) < 8)
            return -1;
        if (w->out_head || w->close_requested || w->control_head)
            lws_callback_on_writable(wsi);
        return 0;
    }
    if (control_due(w))
        return write_control(net, wsi);
    /* Several frames per WRITEABLE, as lws-ws-state.h allows: after each
     * write, stop if lws_partial_buffered says lws kept part of it back
     * (the socket took less; lws 4.1.6 copies the rest and sends it before
     * anything else, so frames never interleave). Not lws_send_pipe_choked:
     * that also polls the socket, a system call per frame, as costly as the
     * service-loop turn it saves. Bounded, so that reading and timers are
     * not starved by a long queue. */
    size_t frames = 0, bytes = 0;
    while (w->out_head) {
        if (write_frame(net, wsi, &bytes) < 0)
            return -1; /* the connection is broken; CLOSED follows */
        if (++frames == NET_WRITE_BATCH_FRAMES || bytes >= NET_WRITE_BATCH_BYTES ||
            !w->out_head || lws_partial_buffered(wsi) || control_due(w))
            break;
    }
    if (w->out_head || w->close_requested || w->control_head)
        lws_callback_on_writable(wsi);
    return 0;
}

/* The words Ponte closes with when the server's close reason is not UTF-8. */
#define CLOSE_REASON_NOT_UTF8 "invalid UTF-8 in the close reason"

bool session_peer_close(struct net *net, struct lws *wsi, const unsigned char *in, size_t len)
{
    struct worker *w = &net->w;
    if (len > 2 && !utf8_valid((const char *)in + 2, len - 2)) {
        /* RFC 6455 5.5.1 and 8.1: a close reason is UTF-8, and an endpoint
         * that receives invalid UTF-8 fails the connection with 1007. lws
         * would echo the server's frame, bytes and all: instead Ponte's own
         * close goes (lws sends the reason set here when the callback
         * returns non-zero; the frame is complete, so unlike a data frame's
         * callback nothing is left to parse). The server's words are not
         * kept: they are not text. */
        w->closer = NET_CLOSER_CLIENT;
        w->close_code = LWS_CLOSE_STATUS_INVALID_PAYLOAD;
        w->close_error = NET_ERROR_INVALID_CLOSE;
        w->close_reason_len = sizeof CLOSE_REASON_NOT_UTF8 - 1;
        memcpy(w->close_reason, CLOSE_REASON_NOT_UTF8, w->close_reason_len);
        lws_close_reason(wsi, LWS_CLOSE_STATUS_INVALID_PAYLOAD, (unsigned char *)w->close_reason,
                         w->close_reason_len);
        w->close_sent = true;
        return true;
    }
    w->closer = NET_CLOSER_SERVER;
    if (len >= 2) {
        w->close_code = (in[0] << 8) | in[1];
        size_t n = len - 2;
        if (n > sizeof w->close_reason)
            n = sizeof w->close_reason;
        memcpy(w->close_reason, in + 2, n);
        w->close_reason_len = n;
    } else {
        /* No body: 1005, no code. One byte: not even a whole code, a
         * protocol error (RFC 6455 5.5.1). */
        w->close_code = len ? LWS_CLOSE_STATUS_PROTOCOL_ERR : LWS_CLOSE_STATUS_NO_STATUS;
        w->close_reason_len = 0;
    }
    return false;
}

void session_closed(struct net *net)
{
    struct worker *w = &net->w;
    bool by_us = w->closer == NET_CLOSER_CLIENT;
    if (by_us && !w->close_sent) {
        /* Our close frame never got out (the server took no more data):
         * the connection just ended. */
        w->closer = NET_CLOSER_NONE;
        if (w->close_error == NET_ERROR_NONE)
            w->close_error = NET_ERROR_CONNECTION_LOST;
    }
    struct net_event ev = {.kind = NET_EVENT_CLOSED, .closer = w->closer, .error = w->close_error};
    if (w->closer == NET_CLOSER_NONE) {
        ev.code = LWS_CLOSE_STATUS_ABNORMAL_CLOSE; /* 1006: no close frame */
        if (ev.error == NET_ERROR_NONE)
            ev.error = NET_ERROR_CONNECTION_LOST; /* (else why we hung up: no pongs) */
    } else {
        ev.code = w->close_code;
        ev.len = w->close_reason_len;
        ev.data = dup_bytes(w->close_reason, w->close_reason_len);
        if (!ev.data)
            ev.len = 0;
    }
    session_reset(net);
    worker_emit(net, &ev, NULL, 0);
    session_fail_controls(net, by_us ? NET_ERROR_CANCELLED : NET_ERROR_CONNECTION_LOST);
    /* What was still queued when we closed on purpose was cut off by that
     * close; otherwise the connection took it down. */
    session_drop_or_hold(net, by_us ? NET_ERROR_CANCELLED : NET_ERROR_CONNECTION_LOST);
    attempt_next(net, true, ev.code);
}

/* CONNECTED, with what was agreed (a missing struct, when memory ran
 * out, only leaves the status bar without those details). */
static void emit_connected(struct net *net, struct lws *wsi)
{
    struct worker *w = &net->w;
    struct net_event ev = {.kind = NET_EVENT_CONNECTED, .connected = calloc(1, sizeof *ev.connected)};
    struct net_connected *c = ev.connected;
    if (c) {
        snprintf(c->protocol, sizeof c->protocol, "%s", w->agreed_protocol);
        if (w->url.tls)
            handshake_tls_describe(wsi, c);
        _Static_assert(sizeof c->proxy >= sizeof w->proxy_text, "the proxy's host:port fits");
        snprintf(c->proxy, sizeof c->proxy, "%s", w->proxy_text);
        c->compression = w->pmd;
    }
    worker_emit(net, &ev, NULL, 0);
}

void session_open(struct net *net, struct lws *wsi)
{
    struct worker *w = &net->w;
    lws_sul_cancel(&w->attempt_timer);
    w->state = CONN_OPEN;
    w->wsi = wsi;
    w->connected_at = w->last_rx_us = w->last_ping_us = lws_now_usecs();
    emit_connected(net, wsi);
    schedule_ping(net);
    if (w->out_head)
        lws_callback_on_writable(wsi); /* what was held while offline */
    if (w->quitting || w->attempt_cancelled)
        session_close(net);
}
