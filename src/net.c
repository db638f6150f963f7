/* SPDX-License-Identifier: MIT */
/* net: the UI side of the network module (see net.h): net_start with the
 * settings and their defaults, the calls that push commands into the
 * command ring (with a backlog behind it and a budget for unsent bytes),
 * net_poll draining the event ring, the wake-ups of the worker, and
 * net_stop. The worker thread itself is worker.c; what crosses between the
 * two, field by field, is `struct net` in worker.h.
 *
 * The context is created by net_start before the worker exists, so that
 * lws_cancel_service (the one lws call the UI thread makes) has a context
 * to wake from the first moment; the worker creates its vhosts, runs
 * lws_service and destroys the context (once the UI has made its last lws
 * call). */
#include "net.h"

#include <stdio.h>

#include "frames.h"
#include "grow.h"
#include "net_config.h"
#include "platform.h"
#include "worker.h"

/* Messages handed to the worker and not yet written (nor failed) may hold
 * this many bytes, each counted NET_SEND_OVERHEAD more for what it costs to
 * keep (one message alone may be larger): when the socket is slow, the rest
 * waits, in order, in the UI thread's backlog, so the worker never holds
 * more than that whatever is typed or pasted. */
#define NET_MAX_UNSENT ((size_t)16 << 20)

static void lws_log_to_stderr(int level, const char *line)
{
    (void)level;
    fprintf(stderr, "ponte: lws: %s", line);
}

/* The worker's settings (their defaults filled in by net_config_resolve;
 * reconnecting doubles each +-20%, attempt.c). */
static void apply_settings(struct worker *w, const struct net_config *config)
{
    w->insecure = config->insecure;
    w->compression = !config->no_compression;
    w->queue_offline = config->queue_offline;
    w->retry_first_ms = config->retry_first_ms;
    w->retry_max_ms = config->retry_max_ms;
    if (w->retry_max_ms < w->retry_first_ms)
        w->retry_max_ms = w->retry_first_ms;
    w->reconnect = config->reconnect;
    w->ping_interval_s = config->ping_interval_s;
    w->ping_timeout_s = config->ping_timeout_s;
}

struct net *net_start(const struct net_config *given, char *err, size_t errlen)
{
    const struct net_config resolved = net_config_resolve(given), *config = &resolved; /* no zeros left */
    struct net *net = calloc(1, sizeof *net);
    char *ca_copy = NULL;
    if (!net) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    uint32_t capacity = config->ring_capacity;
    net->ring_capacity = capacity;
    net->one_thread = config->deliver != NULL;
    net->deliver = config->deliver;
    net->deliver_user = config->deliver_user;
    net->woken = config->woken;
    if (!net->one_thread && (!spsc_init(&net->commands, sizeof(struct net_command), capacity) ||
                            !spsc_init(&net->events, sizeof(struct net_event), capacity))) {
        snprintf(err, errlen, "cannot create the message queues (capacity %u)", (unsigned)capacity);
        goto fail;
    }
    net->wake = config->wake;
    net->wake_user = config->wake_user;
    net->local_echo = config->local_echo;
    net->connect_at_start = !config->no_connect;
    net->w.timeout_s = config->timeout_s;
    if (!handshake_copy(&net->w, config, err, errlen))
        goto fail;
    apply_settings(&net->w, config);
    net->w.rx.cap = config->max_message;
    if (!config->local_echo) {
        char why[128];
        if (!url_parse(config->url, &net->w.url, why, sizeof why)) {
            snprintf(err, errlen, "invalid URL %s: %s", config->url ? config->url : "(none)", why);
            goto fail;
        }
    }
    if (config->ca_file && !handshake_check_ca_file(config->ca_file, err, errlen))
        goto fail;
    if (config->ca_file && !(ca_copy = dup_bytes(config->ca_file, strlen(config->ca_file)))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }

    /* lws logs only errors, to stderr with our prefix; PONTE_LWS_LOG=<bitmask>
     * shows more (see lws-logs.h). */
    const char *log_env = getenv("PONTE_LWS_LOG");
    lws_set_log_level(log_env ? atoi(log_env) : LLL_ERR, lws_log_to_stderr);

    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    /* No LWS_SERVER_OPTION_VALIDATE_UTF8: assemble checks text itself
     * (lws's check closes from inside its parser, see close_now in worker.h). */
    /* JUST_USE_RAW_ORIGIN: --origin goes out as given (else lws 4.1.6
     * writes "http://" before it). */
    info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS | LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT |
                   LWS_SERVER_OPTION_JUST_USE_RAW_ORIGIN;
    info.port = CONTEXT_PORT_NO_LISTEN;
    info.user = net;
    info.timeout_secs = (unsigned)net->w.timeout_s + 5;
    info.pt_serv_buf_size = (unsigned)NET_READ_CHUNK;
    /* Messages of a MiB and more are allocated and freed at the rate they
     * come: keep freed memory for the next rather than fault it in anew. */
    platform_keep_freed_memory(NET_MAX_UNSENT * 2);
    net->context = lws_create_context(&info);
    if (!net->context) {
        snprintf(err, errlen, "cannot create the network context");
        goto fail;
    }

    net->w.transcript = config->transcript;
    net->w.ca_file = ca_copy;
    if (net->one_thread)
        return net; /* the first net_service begins (worker_begin) */
    net->ui_done = SDL_CreateSemaphore(0);
    if (!net->ui_done) {
        snprintf(err, errlen, "cannot create a semaphore: %s", SDL_GetError());
        net->w.transcript = NULL;
        net->w.ca_file = NULL;
        lws_context_destroy(net->context);
        goto fail;
    }
    net->thread = SDL_CreateThread(worker_main, "ponte-net", net);
    if (!net->thread) {
        snprintf(err, errlen, "cannot start the network thread: %s", SDL_GetError());
        net->w.transcript = NULL;
        net->w.ca_file = NULL;
        lws_context_destroy(net->context);
        goto fail;
    }
    return net;

fail:
    if (net->ui_done)
        SDL_DestroySemaphore(net->ui_done);
    free(ca_copy);
    handshake_free(&net->w);
    spsc_destroy(&net->events);
    spsc_destroy(&net->commands);
    free(net);
    return NULL;
}

/* Wakes the worker to drain the command ring, unless a wake-up is already
 * on its way that it has not answered yet (it re-arms before draining). */
static void wake_worker(struct net *net)
{
    if (!atomic_exchange(&net->commands_pending, true))
        lws_cancel_service(net->context);
}

/* Wakes a worker that parked events, once there is room worth moving
 * them into: the ring at most half full (one wake-up per half ring, not one
 * per event), or empty. */
static void kick_worker_if_stalled(struct net *net, bool empty)
{
    if (!empty && spsc_count(&net->events) > net->ring_capacity / 2)
        return;
    /* (Its drain_commands moves parked events too.) */
    if (atomic_load(&net->worker_stalled) && atomic_exchange(&net->worker_stalled, false))
        wake_worker(net);
}

/* Pushes the oldest backlog commands while the ring has room. */
static size_t send_cost(const struct net_command *cmd)
{
    return cmd->kind == NET_COMMAND_SEND ? cmd->len + NET_SEND_OVERHEAD : 0;
}

/* Into the ring, if there is room and (for a send, unless forced) the
 * budget allows. */
static bool try_push(struct net *net, const struct net_command *cmd, bool force)
{
    size_t cost = send_cost(cmd);
    if (cost && !force) {
        size_t unsent = atomic_load_explicit(&net->unsent_bytes, memory_order_relaxed);
        if (unsent && unsent + cost > NET_MAX_UNSENT)
            return false;
    }
    atomic_fetch_add_explicit(&net->unsent_bytes, cost, memory_order_relaxed);
    if (spsc_push(&net->commands, cmd))
        return true;
    atomic_fetch_sub_explicit(&net->unsent_bytes, cost, memory_order_relaxed);
    return false;
}

/* Pushes the oldest backlog commands while the ring has room and the sends
 * fit the budget (force: whatever the budget). */
static bool flush_backlog(struct net *net, bool force)
{
    bool pushed = false;
    while (net->backlog_len && try_push(net, &net->backlog[net->backlog_head], force)) {
        net->backlog_head = (net->backlog_head + 1) % net->backlog_cap;
        net->backlog_len--;
        pushed = true;
    }
    return pushed;
}

static bool backlog_append(struct net *net, const struct net_command *cmd)
{
    if (net->backlog_len == net->backlog_cap) {
        /* Not grow(): the ring is laid out again from its head. */
        size_t most = (size_t)PTRDIFF_MAX / sizeof *net->backlog;
        size_t cap = grow_capacity(net->backlog_cap, net->backlog_len + 1, 64, most);
        /* (The bound again, where gcc 14's allocation-size check sees it.) */
        struct net_command *grown = cap && cap <= most ? malloc(cap * sizeof *grown) : NULL;
        if (!grown)
            return false;
        for (size_t i = 0; i < net->backlog_len; i++)
            grown[i] = net->backlog[(net->backlog_head + i) % net->backlog_cap];
        free(net->backlog);
        net->backlog = grown;
        net->backlog_cap = cap;
        net->backlog_head = 0;
    }
    net->backlog[(net->backlog_head + net->backlog_len) % net->backlog_cap] = *cmd;
    net->backlog_len++;
    return true;
}

/* ---- the one-thread mode --------------------------------------------------------- */

/* Carries out a command now, on the loop's thread, counted against the
 * unsent budget as the ring's are (worker_emit takes it off again). */
static void apply_now(struct net *net, struct net_command cmd)
{
    atomic_fetch_add_explicit(&net->unsent_bytes, send_cost(&cmd), memory_order_relaxed);
    worker_command(net, &cmd);
}

/* The commands that waited, in order (more may join while they run). */
static void apply_backlog(struct net *net)
{
    while (net->backlog_len) {
        struct net_command cmd = net->backlog[net->backlog_head];
        net->backlog_head = (net->backlog_head + 1) % net->backlog_cap;
        net->backlog_len--;
        apply_now(net, cmd);
    }
}

static void backlog_due(lws_sorted_usec_list_t *sul)
{
    apply_backlog(lws_container_of(sul, struct net, backlog_timer));
}

/* A command in the one-thread mode: carried out at once, except a command
 * made while an event is being delivered (the worker is half-way through
 * its own code then), which waits for the next turn of the loop; a send
 * is only appended to the queue, safe anywhere, so it goes at once unless
 * something waits before it. Before the first net_service, everything
 * waits for the vhosts. Once net_stop has begun, only sends are taken (the
 * quit is under way). */
static bool push_one_thread(struct net *net, const struct net_command *cmd)
{
    bool send = cmd->kind == NET_COMMAND_SEND;
    if (net->stopping && !send) {
        free(cmd->data);
        return true;
    }
    if (net->begun && !net->backlog_len && (send || !net->delivering)) {
        apply_now(net, *cmd);
        return true;
    }
    if (!backlog_append(net, cmd))
        return false;
    if (net->begun)
        lws_sul_schedule(net->context, 0, &net->backlog_timer, backlog_due, 1);
    return true;
}

bool net_service(struct net *net)
{
    if (!net->begun) {
        net->begun = true;
        worker_begin(net);
        apply_backlog(net); /* (answered, not carried out, when it failed) */
    }
    return worker_turn(net);
}

void net_wake_loop(struct net *net)
{
    lws_cancel_service(net->context);
}

static void tick(lws_sorted_usec_list_t *sul)
{
    (void)sul; /* only so that the loop's turn ends */
}

void net_wake_in(struct net *net, int ms)
{
    lws_sul_schedule(net->context, 0, &net->tick_timer, tick, (lws_usec_t)ms * LWS_US_PER_MS);
}

/* net_stop's half for the one-thread mode: what waits goes, then the quit;
 * the loop turns until the worker is done (the server's answer to the
 * close, at most NET_QUIT_GRACE_US). */
static void stop_one_thread(struct net *net)
{
    net->stopping = true;
    if (net->begun) {
        lws_sul_cancel(&net->backlog_timer);
        apply_backlog(net);
        apply_now(net, (struct net_command){.kind = NET_COMMAND_QUIT});
        while (worker_turn(net))
            ;
        lws_sul_cancel(&net->tick_timer);
    }
    worker_end(net);
    /* Never begun: its commands are dropped unanswered (nothing to answer). */
    while (net->backlog_len) {
        free(net->backlog[net->backlog_head].data);
        net->backlog_head = (net->backlog_head + 1) % net->backlog_cap;
        net->backlog_len--;
    }
    free(net->backlog);
    free(net);
}

/* ---- commands in ---------------------------------------------------------------- */

static bool push_command(struct net *net, const struct net_command *cmd)
{
    if (net->one_thread)
        return push_one_thread(net, cmd);
    flush_backlog(net, false);
    /* A send waits behind the sends before it. Connect and close go now,
     * ahead of sends the budget holds back: the person's Close must not
     * wait for a socket that takes nothing (those sends then fail, named). */
    bool now = !net->backlog_len || cmd->kind != NET_COMMAND_SEND;
    if (!(now && try_push(net, cmd, false)) && !backlog_append(net, cmd))
        return false;
    wake_worker(net);
    return true;
}

/* push_command for a command holding a copy made for it: the copy is
 * freed when the push fails. */
static bool push_owned(struct net *net, struct net_command *cmd)
{
    if (push_command(net, cmd))
        return true;
    free(cmd->data);
    return false;
}

size_t net_unsent_bytes(const struct net *net)
{
    return atomic_load_explicit(&((struct net *)net)->unsent_bytes, memory_order_relaxed);
}

size_t net_backlog_count(const struct net *net)
{
    return net->backlog_len;
}

bool net_send(struct net *net, uint64_t id, const char *data, size_t len, bool binary)
{
    struct net_command cmd = {.kind = NET_COMMAND_SEND, .id = id, .len = len, .binary = binary};
    if (len) {
        cmd.data = malloc(len);
        if (!cmd.data)
            return false;
        memcpy(cmd.data, data, len);
    }
    return push_owned(net, &cmd);
}

bool net_send_fragments(struct net *net, uint64_t id, const char *data, size_t len, bool binary,
                        unsigned fragments)
{
    if (frames_check_fragments(fragments, len) != FRAMES_OK)
        return false;
    struct net_command cmd = {.kind = NET_COMMAND_SEND, .id = id, .len = len, .binary = binary,
                              .fragments = (uint16_t)fragments};
    if (len && !(cmd.data = dup_bytes(data, len)))
        return false;
    return push_owned(net, &cmd);
}

/* A ping or pong: its payload NUL-terminated, as the worker may hand it
 * back in an event. */
static bool push_control(struct net *net, enum net_command_kind kind, const void *data, size_t len)
{
    if (len > FRAMES_CONTROL_MAX)
        return false;
    struct net_command cmd = {.kind = kind, .len = len, .data = dup_bytes(data, len)};
    return cmd.data && push_owned(net, &cmd);
}

bool net_ping(struct net *net, const void *data, size_t len)
{
    return push_control(net, NET_COMMAND_PING, data, len);
}

bool net_pong(struct net *net, const void *data, size_t len)
{
    return push_control(net, NET_COMMAND_PONG, data, len);
}

bool net_close_code(struct net *net, int code, const char *reason, size_t len)
{
    if (frames_check_close(code, reason, len) != FRAMES_OK)
        return false;
    struct net_command cmd = {.kind = NET_COMMAND_CLOSE, .code = (uint16_t)code, .len = len};
    if (len && !(cmd.data = dup_bytes(reason, len)))
        return false;
    return push_owned(net, &cmd);
}

bool net_frame(struct net *net, uint64_t id, const struct frames_request *r)
{
    switch (r->kind) {
    case FRAMES_MESSAGE:
    case FRAMES_INVALID_UTF8: /* (a text frame: nothing checks what goes out) */
        return net_send(net, id, r->data, r->len, false);
    case FRAMES_FRAGMENTS:
        return net_send_fragments(net, id, r->data, r->len, r->binary, r->fragments);
    case FRAMES_PING:
        return net_ping(net, r->data, r->len);
    case FRAMES_PONG:
        return net_pong(net, r->data, r->len);
    case FRAMES_CLOSE:
        return net_close_code(net, r->code, r->data, r->len);
    case FRAMES_NONE:
        break;
    }
    return false;
}

bool net_connect(struct net *net)
{
    return push_command(net, &(struct net_command){.kind = NET_COMMAND_CONNECT});
}

bool net_connect_to(struct net *net, const char *url)
{
    struct net_command cmd = {.kind = NET_COMMAND_CONNECT, .len = strlen(url)};
    cmd.data = dup_bytes(url, cmd.len);
    return cmd.data && push_owned(net, &cmd);
}

bool net_use_local_echo(struct net *net)
{
    return push_command(net, &(struct net_command){.kind = NET_COMMAND_LOCAL_ECHO});
}

bool net_reconnect(struct net *net)
{
    return push_command(net, &(struct net_command){.kind = NET_COMMAND_RECONNECT});
}

bool net_close(struct net *net)
{
    return push_command(net, &(struct net_command){.kind = NET_COMMAND_CLOSE});
}

bool net_poll(struct net *net, struct net_event *ev)
{
    if (net->one_thread)
        return false; /* its events go to deliver */
    if (flush_backlog(net, false))
        wake_worker(net);
    if (!spsc_pop(&net->events, ev)) {
        /* Re-arm the wake-up, then look once more: an event pushed just
         * before the re-arm is seen here, one pushed after it wakes us. An
         * exchange, not a store: reading the worker's `true` is what makes
         * its push visible to the pop below. */
        atomic_exchange(&net->wake_pending, false);
        if (!spsc_pop(&net->events, ev)) {
            kick_worker_if_stalled(net, true);
            return false;
        }
    }
    atomic_fetch_sub_explicit(&net->inflight_bytes, ev->len, memory_order_relaxed);
    kick_worker_if_stalled(net, false);
    return true;
}

void net_event_free(struct net_event *ev)
{
    free(ev->data);
    free(ev->connected);
    ev->data = NULL;
    ev->connected = NULL;
    ev->len = 0;
}

void net_stop(struct net *net)
{
    if (!net)
        return;
    if (net->one_thread) {
        stop_one_thread(net);
        return;
    }
    /* The worker never waits for the UI (events it cannot push are parked),
     * so it always takes the quit command in the end; until it does, keep
     * feeding it the backlog that comes before. */
    /* The backlog goes first, whatever the budget (the worker reports each
     * of its messages, sent or not, in the transcript). */
    struct net_command quit = {.kind = NET_COMMAND_QUIT};
    bool queued = false;
    while (net->backlog_len || !queued) {
        flush_backlog(net, true);
        if (!queued && !net->backlog_len)
            queued = spsc_push(&net->commands, &quit);
        lws_cancel_service(net->context);
        if (net->backlog_len || !queued)
            SDL_Delay(1);
    }
    SDL_SemPost(net->ui_done); /* no lws call from this thread after this */
    SDL_WaitThread(net->thread, NULL);
    SDL_DestroySemaphore(net->ui_done);

    /* The worker is gone: what is left in the rings and its parked list is
     * ours to free. */
    struct net_event ev;
    while (spsc_pop(&net->events, &ev))
        net_event_free(&ev);
    struct net_command cmd;
    while (spsc_pop(&net->commands, &cmd))
        free(cmd.data);
    free(net->backlog);
    while (net->w.parked_head) {
        struct parked_event *p = net->w.parked_head;
        net->w.parked_head = p->next;
        net_event_free(&p->ev);
        free(p);
    }
    spsc_destroy(&net->events);
    spsc_destroy(&net->commands);
    free(net);
}
