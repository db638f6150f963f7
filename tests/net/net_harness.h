/* SPDX-License-Identifier: MIT */
/* net_harness: the test thread playing the UI against the network worker,
 * shared by test_net, test_tls, test_hostile and test_proxy_net.
 *
 * config.wake signals a condition variable, the test sleeps on it until
 * events arrive and drains them with net_poll. Every wait has a deadline,
 * so a lost event fails with a message instead of hanging. Peers
 * (tests/net/peers/ws_peer.py) and commands (openssl, python3) run as child
 * processes.
 *
 * Define _POSIX_C_SOURCE 200809L and _DEFAULT_SOURCE before any system
 * header, then include this (it includes net.h and check.h). Everything is static inline: each test
 * uses what it needs.
 *
 * Environment: PONTE_PYTHON (default /usr/bin/python3) and PONTE_PEER
 * (default tests/net/peers/ws_peer.py, relative to the working directory). */
#ifndef PONTE_NET_HARNESS_H
#define PONTE_NET_HARNESS_H

#include "net.h"

#include "check.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* The openssl configuration the TLS tests make their certificates with:
 * a CA, and server certificates for 127.0.0.1 and localhost. */
#define HARNESS_OPENSSL_CNF \
    "[req]\n" \
    "distinguished_name = dn\n" \
    "prompt = no\n" \
    "[dn]\n" \
    "CN = Ponte test\n" \
    "[ca_ext]\n" \
    "basicConstraints = critical,CA:TRUE\n" \
    "keyUsage = critical,keyCertSign,cRLSign\n" \
    "subjectKeyIdentifier = hash\n" \
    "[server_ext]\n" \
    "basicConstraints = CA:FALSE\n" \
    "keyUsage = critical,digitalSignature,keyEncipherment\n" \
    "extendedKeyUsage = serverAuth\n" \
    "subjectAltName = IP:127.0.0.1,DNS:localhost\n" \
    "subjectKeyIdentifier = hash\n" \
    "authorityKeyIdentifier = keyid,issuer\n"

/* The longest any single event may take to arrive while things move. Far
 * above what a healthy run needs even under the sanitizers; it only bounds
 * how long a broken run hangs. */
#define EVENT_TIMEOUT_MS 30000

/* ---- time ------------------------------------------------------------------ */

static inline int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the wake-up: what SDL_PushEvent is to the app --------------------------- */

struct waker {
    pthread_mutex_t lock;
    pthread_cond_t cond; /* on CLOCK_MONOTONIC */
    bool woken;          /* guarded by lock */
    atomic_uint calls;   /* how often the worker called wake */
};

/* A condition variable whose timed waits count on CLOCK_MONOTONIC, the
 * clock of now_ms (a wall clock step cannot stretch or cut a wait). */
static inline void harness_cond_init(pthread_cond_t *cond)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(cond, &attr);
    pthread_condattr_destroy(&attr);
}

static inline void waker_init(struct waker *k)
{
    harness_cond_init(&k->cond);
    pthread_mutex_init(&k->lock, NULL);
    k->woken = false;
    atomic_init(&k->calls, 0);
}

static inline void waker_destroy(struct waker *k)
{
    pthread_cond_destroy(&k->cond);
    pthread_mutex_destroy(&k->lock);
}

/* config.wake: runs on the worker thread. */
static inline bool waker_wake(void *user)
{
    struct waker *k = user;
    atomic_fetch_add(&k->calls, 1);
    pthread_mutex_lock(&k->lock);
    k->woken = true;
    pthread_cond_signal(&k->cond);
    pthread_mutex_unlock(&k->lock);
    return true;
}

/* Sleeps until woken or until deadline (now_ms clock); true when woken. */
static inline bool waker_wait(struct waker *k, int64_t deadline)
{
    struct timespec ts = {.tv_sec = deadline / 1000, .tv_nsec = (deadline % 1000) * 1000000};
    pthread_mutex_lock(&k->lock);
    while (!k->woken) {
        if (pthread_cond_timedwait(&k->cond, &k->lock, &ts) == ETIMEDOUT)
            break;
    }
    bool woken = k->woken;
    k->woken = false;
    pthread_mutex_unlock(&k->lock);
    return woken;
}

/* ---- events ---------------------------------------------------------------- */

static inline const char *kind_name(enum net_event_kind kind)
{
    static const char *const names[] = {"LISTENING", "CONNECTING", "CONNECTED", "SENT",
                                        "NOT_SENT",  "RECEIVED",   "CLOSED",    "FAILED",
                                        "RETRY",     "PONG",       "PING_SENT", "PONG_SENT",
                                        "PING_ANSWERED"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "(bad kind)";
}

static inline const char *closer_name(enum net_closer closer)
{
    return closer == NET_CLOSER_NONE     ? "NONE"
           : closer == NET_CLOSER_SERVER ? "SERVER"
           : closer == NET_CLOSER_CLIENT ? "CLIENT"
                                         : "(bad closer)";
}

/* One line about an event, for failure messages. */
static inline const char *describe(const struct net_event *ev, char *out, size_t cap)
{
    char data[81];
    size_t n = 0;
    if (ev->data && !ev->binary) {
        for (; n < ev->len && n < sizeof data - 1; n++) {
            unsigned char c = (unsigned char)ev->data[n];
            data[n] = c >= 0x20 && c < 0x7F ? (char)c : '.';
        }
    }
    data[n] = '\0';
    snprintf(
        out, cap, "%s id=%" PRIu64 " error=%s code=%d closer=%s binary=%d len=%zu data=\"%s%s\"",
        kind_name(ev->kind), ev->id, net_error_text(ev->error), ev->code, closer_name(ev->closer),
        ev->binary, ev->len, data, ev->len > n && !ev->binary ? "..." : "");
    return out;
}

struct harness {
    struct net *net;
    struct waker waker;
    const char *name; /* the case, in failure messages */
    unsigned events;  /* taken so far */
};

static inline bool harness_start(struct harness *h, const char *name, struct net_config config)
{
    memset(h, 0, sizeof *h);
    h->name = name;
    waker_init(&h->waker);
    config.wake = waker_wake;
    config.wake_user = &h->waker;
    char err[256] = "";
    h->net = net_start(&config, err, sizeof err);
    CHECK_MSG(h->net != NULL, "[%s] net_start failed: %s", name, err);
    if (!h->net)
        waker_destroy(&h->waker);
    return h->net != NULL;
}

/* net_stop, then drop the harness. Returns how long net_stop took, in ms. */
static inline int64_t harness_stop(struct harness *h)
{
    int64_t start = now_ms();
    net_stop(h->net);
    int64_t took = now_ms() - start;
    h->net = NULL;
    waker_destroy(&h->waker);
    return took;
}

/* The next event, in order, sleeping on the wake-up in between. False when
 * nothing arrived before the deadline. */
static inline bool next_event(struct harness *h, int64_t deadline, struct net_event *ev)
{
    for (;;) {
        if (net_poll(h->net, ev)) {
            h->events++;
            return true;
        }
        if (!waker_wait(&h->waker, deadline)) {
            /* A last look. The ring was drained (which re-arms the wake-up)
             * before the wait, so an event found now must have its wake-up
             * on the way; if none comes, one was lost. */
            if (!net_poll(h->net, ev))
                return false;
            bool woken = waker_wait(&h->waker, now_ms() + 1000);
            char text[256];
            CHECK_MSG(woken, "[%s] an event came without a wake-up: %s", h->name,
                      describe(ev, text, sizeof text));
            h->events++;
            return true;
        }
    }
}

/* The next event must be of this kind. On success the caller owns ev->data. */
static inline bool expect_event(struct harness *h, enum net_event_kind kind, int timeout_ms,
                         struct net_event *ev, const char *step)
{
    memset(ev, 0, sizeof *ev);
    if (!next_event(h, now_ms() + timeout_ms, ev)) {
        CHECK_MSG(false, "[%s] %s: no event within %d ms, wanted %s", h->name, step, timeout_ms,
                  kind_name(kind));
        return false;
    }
    char text[256];
    CHECK_MSG(ev->kind == kind, "[%s] %s: wanted %s, got %s", h->name, step, kind_name(kind),
              describe(ev, text, sizeof text));
    if (ev->kind != kind) {
        net_event_free(ev);
        return false;
    }
    return true;
}

/* Takes events until one of this kind, freeing the others; *seen collects
 * the kinds that went by (bit 1 << kind). */
static inline bool wait_event(struct harness *h, enum net_event_kind kind, int timeout_ms,
                       struct net_event *ev, unsigned *seen, const char *step)
{
    int64_t deadline = now_ms() + timeout_ms;
    for (;;) {
        memset(ev, 0, sizeof *ev);
        if (!next_event(h, deadline, ev)) {
            CHECK_MSG(false, "[%s] %s: no %s within %d ms", h->name, step, kind_name(kind),
                      timeout_ms);
            return false;
        }
        if (ev->kind == kind)
            return true;
        if (seen)
            *seen |= 1u << ev->kind;
        net_event_free(ev);
    }
}

/* Takes events until FAILED (*seen collects the kinds before it) and shows
 * it on stderr. On success the caller owns ev->data. */
static inline bool wait_failed(struct harness *h, struct net_event *ev, unsigned *seen, const char *step)
{
    if (!wait_event(h, NET_EVENT_FAILED, EVENT_TIMEOUT_MS, ev, seen, step))
        return false;
    char text[256];
    fprintf(stderr, "  [%s] %s\n", h->name, describe(ev, text, sizeof text));
    return true;
}

/* The event's error is want. (A macro, so that a failure names the test's
 * line.) */
#define CHECK_NET_ERROR(h, ev, want)                                                                           \
    CHECK_MSG((ev)->error == (want), "[%s] error %s, wanted %s", (h)->name, net_error_text((ev)->error),      \
              net_error_text(want))

/* True when nothing arrives for quiet_ms. */
static inline bool expect_quiet(struct harness *h, int quiet_ms, const char *step)
{
    struct net_event ev;
    if (!next_event(h, now_ms() + quiet_ms, &ev))
        return true;
    char text[256];
    CHECK_MSG(false, "[%s] %s: wanted no event, got %s", h->name, step,
              describe(&ev, text, sizeof text));
    net_event_free(&ev);
    return false;
}

/* CONNECTING then CONNECTED (after LISTENING with the built-in server);
 * on success the caller owns the CONNECTED event in ev. */
static inline bool expect_connected_event(struct harness *h, bool listening, struct net_event *ev)
{
    if (listening) {
        if (!expect_event(h, NET_EVENT_LISTENING, EVENT_TIMEOUT_MS, ev, "start"))
            return false;
        CHECK_MSG(ev->code > 0 && ev->code < 65536, "[%s] LISTENING port %d", h->name, ev->code);
        net_event_free(ev);
    }
    if (!expect_event(h, NET_EVENT_CONNECTING, EVENT_TIMEOUT_MS, ev, "connect"))
        return false;
    net_event_free(ev);
    return expect_event(h, NET_EVENT_CONNECTED, EVENT_TIMEOUT_MS, ev, "connect");
}

/* The same, the CONNECTED event dropped. */
static inline bool expect_connected(struct harness *h, bool listening)
{
    struct net_event ev;
    if (!expect_connected_event(h, listening, &ev))
        return false;
    net_event_free(&ev);
    return true;
}

/* Sends one message and checks SENT (same id) then RECEIVED (same bytes). */
static inline bool echo_once(struct harness *h, uint64_t id, const char *data, size_t len, bool binary,
                      const char *step)
{
    struct net_event ev;
    CHECK_MSG(net_send(h->net, id, data, len, binary), "[%s] %s: net_send failed", h->name, step);
    if (!expect_event(h, NET_EVENT_SENT, EVENT_TIMEOUT_MS, &ev, step))
        return false;
    CHECK_MSG(ev.id == id && ev.binary == binary,
              "[%s] %s: SENT id %" PRIu64 " binary %d, wanted %" PRIu64 " %d", h->name, step, ev.id,
              ev.binary, id, binary);
    net_event_free(&ev);
    if (!expect_event(h, NET_EVENT_RECEIVED, EVENT_TIMEOUT_MS, &ev, step))
        return false;
    bool same = ev.len == len && ev.binary == binary && ev.data &&
                (len == 0 || memcmp(ev.data, data, len) == 0) && ev.data[len] == '\0';
    CHECK_MSG(same, "[%s] %s: RECEIVED len %zu binary %d, wanted len %zu binary %d", h->name, step,
              ev.len, ev.binary, len, binary);
    net_event_free(&ev);
    return same;
}

/* net_close, then CLOSED 1000 by the client. */
static inline void expect_client_close(struct harness *h)
{
    struct net_event ev;
    CHECK(net_close(h->net));
    if (!expect_event(h, NET_EVENT_CLOSED, EVENT_TIMEOUT_MS, &ev, "net_close"))
        return;
    CHECK_MSG(ev.code == 1000 && ev.closer == NET_CLOSER_CLIENT && ev.error == NET_ERROR_NONE,
              "[%s] closed with code %d closer %s error %s, wanted 1000 CLIENT no error", h->name,
              ev.code, closer_name(ev.closer), net_error_text(ev.error));
    net_event_free(&ev);
}

/* ---- child processes ---------------------------------------------------------- */

static inline const char *python_path(void)
{
    const char *p = getenv("PONTE_PYTHON");
    return p && *p ? p : "/usr/bin/python3";
}

static inline const char *peer_path(void)
{
    const char *p = getenv("PONTE_PEER");
    return p && *p ? p : "tests/net/peers/ws_peer.py";
}

static inline void set_cloexec(int fd)
{
    fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

/* Spawns argv with stdin and stdout on pipes; stderr is ours, or goes to
 * the stdout pipe too with merge_stderr. */
static inline pid_t spawn(char *const argv[], int *to_child, int *from_child, bool merge_stderr)
{
    int in[2], out[2];
    if (pipe(in) != 0)
        return -1;
    if (pipe(out) != 0) {
        close(in[0]);
        close(in[1]);
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        set_cloexec(in[i]);
        set_cloexec(out[i]);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    if (merge_stderr)
        posix_spawn_file_actions_adddup2(&actions, out[1], 2);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    if (rc != 0) {
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(rc));
        close(in[1]);
        close(out[0]);
        return -1;
    }
    *to_child = in[1];
    *from_child = out[0];
    return pid;
}

/* Waits for pid until deadline, then kills it. Returns the wait status. */
static inline int reap(pid_t pid, int64_t deadline)
{
    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return status;
        if (now_ms() >= deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return status;
        }
        usleep(10000);
    }
}

/* A child's stdout, read line by line. */
struct line_reader {
    int fd;
    char buf[4096];
    size_t len; /* bytes in buf after the last line returned */
};

/* Reads one line (without the newline) into line, keeping what follows in
 * buf. False at end of file or at the deadline. */
static inline bool read_line(struct line_reader *r, char *line, size_t cap, int64_t deadline)
{
    for (;;) {
        char *nl = memchr(r->buf, '\n', r->len);
        if (nl) {
            size_t n = (size_t)(nl - r->buf);
            snprintf(line, cap, "%.*s", (int)n, r->buf);
            r->len -= n + 1;
            memmove(r->buf, nl + 1, r->len);
            return true;
        }
        int64_t left = deadline - now_ms();
        if (left <= 0 || r->len == sizeof r->buf)
            return false;
        struct pollfd p = {.fd = r->fd, .events = POLLIN};
        int ready = poll(&p, 1, (int)left);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return false;
        ssize_t got = read(r->fd, r->buf + r->len, sizeof r->buf - r->len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        r->len += (size_t)got;
    }
}

struct peer {
    pid_t pid;
    int to_peer;
    struct line_reader out;
    int port;
};

/* Spawns program (python3, node) with script and args (NULL-terminated, up
 * to 12, or NULL) and reads the port it prints first: want_port when that
 * is not 0, else any. False when it does not start or prints no such port,
 * with the child ended and the failure counted. */
static inline bool peer_spawn_program(struct peer *p, const char *program, const char *script,
                                      const char *const args[], int want_port)
{
    memset(p, 0, sizeof *p);
    char *argv[16] = {(char *)program, (char *)script};
    char what[256];
    size_t argc = 2, at = (size_t)snprintf(what, sizeof what, "%s", script);
    for (size_t i = 0; args && args[i] && argc < 14; i++) {
        argv[argc++] = (char *)args[i];
        if (at < sizeof what)
            at += (size_t)snprintf(what + at, sizeof what - at, " %s", args[i]);
    }
    argv[argc] = NULL;
    p->pid = spawn(argv, &p->to_peer, &p->out.fd, false);
    CHECK_MSG(p->pid > 0, "cannot start %s %s", program, what);
    if (p->pid <= 0)
        return false;
    char line[64];
    bool got = read_line(&p->out, line, sizeof line, now_ms() + 15000);
    p->port = got ? atoi(line) : 0;
    bool ok = want_port ? p->port == want_port : p->port > 0 && p->port < 65536;
    CHECK_MSG(ok, "%s printed no port%s (got \"%s\")", what, want_port ? " it was given" : "",
              got ? line : "nothing");
    if (!ok) {
        close(p->to_peer);
        close(p->out.fd);
        reap(p->pid, now_ms());
        p->port = 0;
    }
    return ok;
}

static inline bool peer_spawn(struct peer *p, const char *script, const char *const args[], int want_port)
{
    return peer_spawn_program(p, python_path(), script, args, want_port);
}

/* Starts ws_peer.py in mode with up to 8 more arguments (NULL-terminated
 * list, or NULL) and reads its port. */
static inline bool peer_start_with(struct peer *p, const char *mode, const char *const more[])
{
    const char *args[12] = {"--mode", mode};
    for (size_t i = 0; more && more[i] && i < 8; i++)
        args[2 + i] = more[i];
    return peer_spawn(p, peer_path(), args, 0);
}

/* Starts ws_peer.py in mode (with TLS when cert is given) and reads its
 * port. */
static inline bool peer_start(struct peer *p, const char *mode, const char *cert, const char *key)
{
    const char *const more[] = {"--tls", cert, key, NULL};
    return peer_start_with(p, mode, cert ? more : NULL);
}

/* The same, on a given port (to bring a server back where it was). */
static inline bool peer_start_port(struct peer *p, const char *mode, int port)
{
    char port_text[16];
    snprintf(port_text, sizeof port_text, "%d", port);
    return peer_spawn(p, peer_path(), (const char *const[]){"--mode", mode, "--port", port_text, NULL}, port);
}

/* Closes its stdin (the peer's signal to end) and reaps it. */
static inline void peer_stop(struct peer *p)
{
    close(p->to_peer);
    close(p->out.fd);
    reap(p->pid, now_ms() + 5000);
    p->pid = 0;
}

static inline void peer_url(const struct peer *p, bool tls, char *out, size_t cap)
{
    snprintf(out, cap, "%s://127.0.0.1:%d/", tls ? "wss" : "ws", p->port);
}

/* harness_start with config's URL the peer's (wss:// with tls). */
static inline bool harness_start_on(struct harness *h, const struct peer *p, bool tls, const char *name,
                                    struct net_config config)
{
    char url[64];
    peer_url(p, tls, url, sizeof url);
    config.url = url;
    return harness_start(h, name, config);
}

/* Runs argv to completion (at most timeout_ms); its stdout and stderr go to
 * out. Returns the exit code, or -1 when it did not exit normally. */
static inline int run(char *const argv[], char *out, size_t cap, int timeout_ms)
{
    int to_child, from_child;
    pid_t pid = spawn(argv, &to_child, &from_child, true);
    if (pid <= 0)
        return -1;
    close(to_child);
    int64_t deadline = now_ms() + timeout_ms;
    size_t len = 0;
    for (;;) {
        int64_t left = deadline - now_ms();
        struct pollfd p = {.fd = from_child, .events = POLLIN};
        if (left <= 0 || poll(&p, 1, (int)left) <= 0)
            break;
        char scratch[4096];
        ssize_t got = read(from_child, scratch, sizeof scratch);
        if (got <= 0)
            break;
        size_t keep = (size_t)got < cap - 1 - len ? (size_t)got : cap - 1 - len;
        memcpy(out + len, scratch, keep);
        len += keep;
    }
    out[len] = '\0';
    close(from_child);
    int status = reap(pid, deadline);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The files harness_make_certificates writes into its folder. */
static const char *const harness_tls_files[] = {"openssl.cnf", "ca.key",     "ca.pem",
                                        "server.key",  "server.csr", "server.pem"};

/* A CA and a server certificate it signed, made in dir: ca.pem, and
 * server.pem with its key server.key (and what made them: harness_tls_files). */
static inline bool harness_make_certificates(const char *dir)
{
    char cnf[512], ca_key[512], ca_pem[512], key[512], csr[512], pem[512];
    snprintf(cnf, sizeof cnf, "%s/openssl.cnf", dir);
    FILE *f = fopen(cnf, "w");
    bool written = f && fputs(HARNESS_OPENSSL_CNF, f) >= 0;
    if (f && fclose(f) != 0)
        written = false;
    CHECK_MSG(written, "cannot write %s", cnf);
    if (!written)
        return false;
    snprintf(ca_key, sizeof ca_key, "%s/ca.key", dir);
    snprintf(ca_pem, sizeof ca_pem, "%s/ca.pem", dir);
    snprintf(key, sizeof key, "%s/server.key", dir);
    snprintf(csr, sizeof csr, "%s/server.csr", dir);
    snprintf(pem, sizeof pem, "%s/server.pem", dir);
    /* EC keys: quick to make. The server certificate names 127.0.0.1 (the
     * URL's host) and localhost, and is signed by the CA. */
    char *ca[] = {"/usr/bin/openssl", "req", "-x509", "-config", cnf, "-extensions", "ca_ext",
                  "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                  "-keyout", ca_key, "-out", ca_pem, "-days", "2", "-subj", "/CN=Ponte test CA",
                  NULL};
    char *request[] = {"/usr/bin/openssl", "req", "-new", "-config", cnf, "-newkey", "ec",
                       "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
                       "-out", csr, "-subj", "/CN=127.0.0.1", NULL};
    char *sign[] = {"/usr/bin/openssl", "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey",
                    ca_key, "-set_serial", "2", "-days", "2", "-extfile", cnf, "-extensions",
                    "server_ext", "-out", pem, NULL};
    char *const *steps[] = {ca, request, sign};
    for (size_t i = 0; i < 3; i++) {
        char out[4096];
        int rc = run(steps[i], out, sizeof out, 30000);
        CHECK_MSG(rc == 0, "openssl %s failed (%d): %s", steps[i][1], rc, out);
        if (rc != 0)
            return false;
    }
    return true;
}

/* A port on 127.0.0.1 with nothing listening (bound, then closed). */
static inline int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    int port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &alen) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static inline bool make_temp_dir(char *path, size_t cap)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(path, cap, "%s/ponte-net-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    bool ok = mkdtemp(path) != NULL;
    CHECK_MSG(ok, "mkdtemp %s: %s", path, strerror(errno));
    return ok;
}

static inline void remove_in(const char *dir, const char *const names[], size_t count)
{
    char path[512];
    for (size_t i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* One case of a test program, run by run_cases. */
struct net_case {
    const char *name;
    void (*run)(void);
};

/* Runs the cases in order, or only the one named by the environment
 * variable only_variable (for debugging), each with its time and whether
 * it passed on stderr. */
static inline void run_cases(const struct net_case *cases, size_t count, const char *only_variable)
{
    const char *only = getenv(only_variable);
    for (size_t i = 0; i < count; i++) {
        if (only && *only && strcmp(only, cases[i].name) != 0)
            continue;
        int failed_before = check_failed_count;
        int64_t start = now_ms();
        cases[i].run();
        fprintf(stderr, "%s: %s (%" PRId64 " ms)\n", cases[i].name,
                check_failed_count == failed_before ? "ok" : "FAILED", now_ms() - start);
    }
}

#endif
