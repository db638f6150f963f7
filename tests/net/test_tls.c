/* SPDX-License-Identifier: MIT */
/* test_tls: wss:// against servers whose certificates are wrong in one way
 * each, TLS handshakes that cannot succeed, client certificates, and a
 * thousand connect/close cycles on one worker.
 *
 * Every key and certificate is made here, at test time, with the openssl
 * command line, in a temporary directory removed at the end: a CA; server
 * certificates for 127.0.0.1 and localhost signed by it, self-signed,
 * expired, for another host name, and signed by a CA nobody trusts; a
 * client certificate. tests/net/peers/ws_peer.py serves each with --tls;
 * `openssl s_server` stands in where a server must send a TLS alert.
 *
 * What each refusal must say is what OpenSSL's X509_verify_cert_error_string
 * says for the reason (OpenSSL 3.0 words; 1.1 wrote "self signed"), so the
 * person reads why, not only that, the certificate was refused.
 *
 * Environment: as test_net (PONTE_PYTHON, PONTE_PEER); PONTE_TLS_ONLY runs
 * one case by name. */
#define _POSIX_C_SOURCE 200809L /* posix_spawn, pipes, mkdtemp, clock_gettime */
#define _DEFAULT_SOURCE         /* usleep, DT_* */

#include "net_harness.h"

#include <ctype.h>
#include <dirent.h>

/* Under ASan and TSan malloc is the sanitizer's: ask it, not glibc, how
 * much is allocated; and VmRSS grows with its quarantine and shadow memory
 * whatever the program does. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZER_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SANITIZER_MALLOC 1
#endif
#endif
#ifdef SANITIZER_MALLOC
/* From the sanitizer runtime (sanitizer/allocator_interface.h, which
 * Debian's gcc does not install): bytes allocated and not yet freed. */
size_t __sanitizer_get_current_allocated_bytes(void);
#else
#include <malloc.h>
#endif

#ifndef CYCLE_COUNT
#define CYCLE_COUNT 1000
#endif
#define CYCLE_CHECKPOINT 100
#define MIB ((size_t)1 << 20)
/* Growth allowed between cycle 100 and cycle 1,000: well above allocator
 * noise, well below what one leaked connection per cycle would add. */
#define CYCLE_SLACK (2 * MIB)

/* ---- the certificates ------------------------------------------------------------ */

/* Paths inside the temporary directory, filled in by make_pki. */
static struct pki {
    char dir[256];
    char cnf[512];
    char ca[512], ca_key[512];             /* the CA the tests trust */
    char stranger_ca[512], stranger_key[512]; /* a CA nobody trusts */
    char server_key[512], server_csr[512]; /* one key for every server certificate */
    char valid[512];                       /* 127.0.0.1 + localhost, by the CA */
    char self_signed[512];                 /* 127.0.0.1 + localhost, by itself */
    char expired[512];                     /* by the CA, valid for one day in 2020 */
    char wrong_host[512];                  /* wrong.example only, by the CA */
    char stranger[512];                    /* 127.0.0.1 + localhost, by the stranger CA */
    char client[512], client_key[512];     /* "Ponte test client", by the CA */
    char not_pem[512];                     /* a file that holds no PEM at all */
    bool ready;
} pki;

static const char openssl_cnf[] =
    HARNESS_OPENSSL_CNF
    "[self_ext]\n"
    "basicConstraints = CA:FALSE\n"
    "keyUsage = critical,digitalSignature,keyEncipherment\n"
    "extendedKeyUsage = serverAuth\n"
    "subjectAltName = IP:127.0.0.1,DNS:localhost\n"
    "[wrong_ext]\n"
    "basicConstraints = CA:FALSE\n"
    "keyUsage = critical,digitalSignature,keyEncipherment\n"
    "extendedKeyUsage = serverAuth\n"
    "subjectAltName = DNS:wrong.example\n"
    "[client_ext]\n"
    "basicConstraints = CA:FALSE\n"
    "keyUsage = critical,digitalSignature\n"
    "extendedKeyUsage = clientAuth\n"
    /* `openssl x509 -days` counts from now and cannot go back in time;
     * `openssl ca` takes -startdate/-enddate (OpenSSL 3.0 has no
     * -not_before/-not_after on x509), and needs a little database. */
    "[ca]\n"
    "default_ca = expiring\n"
    "[expiring]\n"
    "database = $ENV::PONTE_PKI/index.txt\n"
    "new_certs_dir = $ENV::PONTE_PKI\n"
    "serial = $ENV::PONTE_PKI/serial\n"
    "default_md = sha256\n"
    "policy = any_name\n"
    "unique_subject = no\n"
    "[any_name]\n"
    "commonName = supplied\n";

static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    bool ok = f && fputs(text, f) >= 0;
    if (f && fclose(f) != 0)
        ok = false;
    CHECK_MSG(ok, "cannot write %s: %s", path, strerror(errno));
    return ok;
}

static void in_dir(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", pki.dir, name);
}

/* Removes the directory and the files in it (openssl ca leaves a few more
 * than it was asked for). */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[768];
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

static bool make_pki(void)
{
    memset(&pki, 0, sizeof pki);
    const char *tmp = getenv("TMPDIR");
    snprintf(pki.dir, sizeof pki.dir, "%s/ponte-tls-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(pki.dir)) {
        CHECK_MSG(false, "mkdtemp %s: %s", pki.dir, strerror(errno));
        pki.dir[0] = '\0';
        return false;
    }
    in_dir(pki.cnf, sizeof pki.cnf, "openssl.cnf");
    in_dir(pki.ca, sizeof pki.ca, "ca.pem");
    in_dir(pki.ca_key, sizeof pki.ca_key, "ca.key");
    in_dir(pki.stranger_ca, sizeof pki.stranger_ca, "stranger-ca.pem");
    in_dir(pki.stranger_key, sizeof pki.stranger_key, "stranger-ca.key");
    in_dir(pki.server_key, sizeof pki.server_key, "server.key");
    in_dir(pki.server_csr, sizeof pki.server_csr, "server.csr");
    in_dir(pki.valid, sizeof pki.valid, "valid.pem");
    in_dir(pki.self_signed, sizeof pki.self_signed, "self-signed.pem");
    in_dir(pki.expired, sizeof pki.expired, "expired.pem");
    in_dir(pki.wrong_host, sizeof pki.wrong_host, "wrong-host.pem");
    in_dir(pki.stranger, sizeof pki.stranger, "stranger.pem");
    in_dir(pki.client, sizeof pki.client, "client.pem");
    in_dir(pki.client_key, sizeof pki.client_key, "client.key");
    snprintf(pki.not_pem, sizeof pki.not_pem, "%s", pki.cnf);

    char index[512], serial[512], wrong_csr[512], client_csr[512];
    in_dir(index, sizeof index, "index.txt");
    in_dir(serial, sizeof serial, "serial");
    in_dir(wrong_csr, sizeof wrong_csr, "wrong-host.csr");
    in_dir(client_csr, sizeof client_csr, "client.csr");
    if (!write_file(pki.cnf, openssl_cnf) || !write_file(index, "") ||
        !write_file(serial, "1000\n"))
        return false;
    setenv("PONTE_PKI", pki.dir, 1);

#define OPENSSL "/usr/bin/openssl"
#define EC_KEY "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"
    /* EC keys: quick to make. */
    char *ca[] = {OPENSSL, "req", "-x509", "-config", pki.cnf, "-extensions", "ca_ext", EC_KEY,
                  "-keyout", pki.ca_key, "-out", pki.ca, "-days", "2", "-subj", "/CN=Ponte test CA",
                  NULL};
    char *stranger_ca[] = {OPENSSL, "req", "-x509", "-config", pki.cnf, "-extensions", "ca_ext",
                           EC_KEY, "-keyout", pki.stranger_key, "-out", pki.stranger_ca, "-days", "2",
                           "-subj", "/CN=Ponte stranger CA", NULL};
    char *server_csr[] = {OPENSSL, "req", "-new", "-config", pki.cnf, EC_KEY, "-keyout",
                          pki.server_key, "-out", pki.server_csr, "-subj", "/CN=127.0.0.1", NULL};
    char *valid[] = {OPENSSL, "x509", "-req", "-in", pki.server_csr, "-CA", pki.ca, "-CAkey",
                     pki.ca_key, "-set_serial", "2", "-days", "2", "-extfile", pki.cnf,
                     "-extensions", "server_ext", "-out", pki.valid, NULL};
    char *self_signed[] = {OPENSSL, "req", "-x509", "-config", pki.cnf, "-extensions", "self_ext",
                           "-key", pki.server_key, "-out", pki.self_signed, "-days", "2", "-subj",
                           "/CN=127.0.0.1", NULL};
    char *expired[] = {OPENSSL, "ca", "-config", pki.cnf, "-batch", "-notext", "-in",
                       pki.server_csr, "-cert", pki.ca, "-keyfile", pki.ca_key, "-startdate",
                       "20200101000000Z", "-enddate", "20200102000000Z", "-extensions",
                       "server_ext", "-out", pki.expired, NULL};
    char *wrong_request[] = {OPENSSL, "req", "-new", "-config", pki.cnf, "-key", pki.server_key,
                             "-out", wrong_csr, "-subj", "/CN=wrong.example", NULL};
    char *wrong_host[] = {OPENSSL, "x509", "-req", "-in", wrong_csr, "-CA", pki.ca, "-CAkey",
                          pki.ca_key, "-set_serial", "3", "-days", "2", "-extfile", pki.cnf,
                          "-extensions", "wrong_ext", "-out", pki.wrong_host, NULL};
    char *stranger[] = {OPENSSL, "x509", "-req", "-in", pki.server_csr, "-CA", pki.stranger_ca,
                        "-CAkey", pki.stranger_key, "-set_serial", "4", "-days", "2", "-extfile",
                        pki.cnf, "-extensions", "server_ext", "-out", pki.stranger, NULL};
    char *client_request[] = {OPENSSL, "req", "-new", "-config", pki.cnf, EC_KEY, "-keyout",
                              pki.client_key, "-out", client_csr, "-subj", "/CN=Ponte test client",
                              NULL};
    char *client[] = {OPENSSL, "x509", "-req", "-in", client_csr, "-CA", pki.ca, "-CAkey",
                      pki.ca_key, "-set_serial", "5", "-days", "2", "-extfile", pki.cnf,
                      "-extensions", "client_ext", "-out", pki.client, NULL};
#undef EC_KEY
#undef OPENSSL
    char *const *steps[] = {ca,         stranger_ca, server_csr, valid,          self_signed,
                            expired,    wrong_request, wrong_host, stranger,     client_request,
                            client};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char out[4096];
        int rc = run(steps[i], out, sizeof out, 30000);
        CHECK_MSG(rc == 0, "openssl %s (step %zu) failed (%d): %s", steps[i][1], i, rc, out);
        if (rc != 0)
            return false;
    }
    /* The expired one really is: openssl itself says so. */
    char *check[] = {"/usr/bin/openssl", "verify", "-CAfile", pki.ca, pki.expired, NULL};
    char out[4096];
    int rc = run(check, out, sizeof out, 30000);
    CHECK_MSG(rc != 0 && strstr(out, "expired"), "openssl verify of the expired certificate: %s",
              out);
    pki.ready = true;
    return true;
}

/* ---- helpers ------------------------------------------------------------------- */

/* net_stop on a thread of its own, so that a worker that never ends fails
 * the case instead of hanging the whole program. */
struct stopper {
    struct net *net;
    pthread_mutex_t lock;
    pthread_cond_t cond; /* on CLOCK_MONOTONIC */
    bool done;           /* guarded by lock */
};

static void *stopper_main(void *arg)
{
    struct stopper *s = arg;
    net_stop(s->net);
    pthread_mutex_lock(&s->lock);
    s->done = true;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* Like harness_stop, but gives up after timeout_ms: then the case fails,
 * and the harness (which the worker may still use) and the stopping thread
 * are left behind; false. */
static bool stop_within(struct harness *h, int timeout_ms, int64_t *took)
{
    struct stopper *s = calloc(1, sizeof *s);
    if (!s)
        return false;
    s->net = h->net;
    harness_cond_init(&s->cond);
    pthread_mutex_init(&s->lock, NULL);
    int64_t start = now_ms(), deadline = start + timeout_ms;
    pthread_t thread;
    bool started = pthread_create(&thread, NULL, stopper_main, s) == 0;
    if (!started) {
        pthread_cond_destroy(&s->cond);
        pthread_mutex_destroy(&s->lock);
        free(s);
        *took = harness_stop(h);
        return true;
    }
    struct timespec ts = {.tv_sec = deadline / 1000, .tv_nsec = (deadline % 1000) * 1000000};
    pthread_mutex_lock(&s->lock);
    while (!s->done && pthread_cond_timedwait(&s->cond, &s->lock, &ts) != ETIMEDOUT)
        continue;
    bool done = s->done;
    pthread_mutex_unlock(&s->lock);
    *took = now_ms() - start;
    CHECK_MSG(done, "[%s] net_stop did not return within %d ms: the worker never ended", h->name,
              timeout_ms);
    if (!done) {
        pthread_detach(thread);
        return false;
    }
    pthread_join(thread, NULL);
    pthread_cond_destroy(&s->cond);
    pthread_mutex_destroy(&s->lock);
    free(s);
    h->net = NULL;
    waker_destroy(&h->waker);
    return true;
}

/* Whether text holds word, ignoring case. */
static bool has_word(const char *text, const char *word)
{
    if (!text)
        return false;
    size_t n = strlen(word);
    for (const char *p = text; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)word[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* Whether text holds at least one of words (NULL-terminated). */
static bool has_any(const char *text, const char *const words[])
{
    for (size_t i = 0; words[i]; i++)
        if (has_word(text, words[i]))
            return true;
    return false;
}

static void tls_url(const struct peer *p, const char *host, char *out, size_t cap)
{
    snprintf(out, cap, "wss://%s:%d/", host, p->port);
}

/* The attempt ends in FAILED with this error, before anything else but
 * CONNECTING; each of words (NULL-terminated) is in the detail. Returns the
 * detail in out (empty when there was none). */
static bool expect_failure(struct harness *h, enum net_error error, const char *const words[],
                           char *out, size_t cap)
{
    struct net_event ev;
    unsigned seen = 0;
    out[0] = '\0';
    if (!wait_event(h, NET_EVENT_FAILED, EVENT_TIMEOUT_MS, &ev, &seen, "connect"))
        return false;
    snprintf(out, cap, "%s", ev.data ? ev.data : "");
    fprintf(stderr, "  [%s] FAILED: %s: \"%s\"\n", h->name, net_error_text(ev.error), out);
    bool ok = ev.error == error;
    CHECK_MSG(ev.error == error, "[%s] error \"%s\", wanted \"%s\" (detail \"%s\")", h->name,
              net_error_text(ev.error), net_error_text(error), out);
    for (size_t i = 0; words && words[i]; i++) {
        bool found = has_word(out, words[i]);
        CHECK_MSG(found, "[%s] the detail \"%s\" does not say \"%s\"", h->name, out, words[i]);
        ok = ok && found;
    }
    /* lws 4.1.6 formats SSL_get_error's code as if it were an OpenSSL
     * error ("error:00000001:lib(0)::reason(1)"): words for nobody. */
    CHECK_MSG(!has_word(out, "lib(0)"), "[%s] the detail \"%s\" names no reason", h->name, out);
    CHECK_MSG(seen == 1u << NET_EVENT_CONNECTING, "[%s] events before FAILED: mask %#x", h->name,
              seen);
    net_event_free(&ev);
    return ok;
}

/* CONNECTING, CONNECTED over TLS (naming the TLS version and cipher), one echo,
 * a clean close. */
static bool expect_tls_session(struct harness *h)
{
    struct net_event ev;
    if (!expect_connected_event(h, false, &ev))
        return false;
    const struct net_connected *c = ev.connected;
    CHECK_MSG(c && !strncmp(c->tls_version, "TLSv1.", 6) && c->tls_cipher[0], "[%s] CONNECTED names TLS \"%s\" \"%s\"",
              h->name, c ? c->tls_version : "(nothing)", c ? c->tls_cipher : "");
    net_event_free(&ev);
    bool ok = echo_once(h, 1, "over TLS \xE2\x9C\x93", 12, false, "echo");
    expect_client_close(h);
    return ok;
}

/* ---- 1. each wrong certificate refused, named; each accepted with insecure ------ */

struct bad_certificate {
    const char *name;
    const char *cert;        /* served with pki.server_key */
    const char *host;        /* in the URL */
    const char *ca_file;     /* trusted besides the system's */
    const char *words[3];    /* what the detail must say */
};

static void test_bad_certificates(void)
{
    if (!pki.ready)
        return;
    /* With the test CA trusted where only one thing may be wrong: chain
     * errors are found before dates and names, so an expired certificate
     * from an unknown CA would only be reported as unknown. */
    const struct bad_certificate cases[] = {
        {"CA not trusted", pki.valid, "127.0.0.1", NULL, {"unable to get local issuer", NULL}},
        {"self-signed", pki.self_signed, "127.0.0.1", NULL, {"self", "signed", NULL}},
        {"self-signed, CA given", pki.self_signed, "127.0.0.1", pki.ca, {"self", "signed", NULL}},
        {"expired", pki.expired, "127.0.0.1", pki.ca, {"expired", NULL}},
        /* lws checks an IP address in the URL against the certificate's IP
         * addresses, a name against its DNS names: both ways are tried. */
        {"wrong IP address", pki.wrong_host, "127.0.0.1", pki.ca, {"IP address mismatch", NULL}},
        {"wrong host name", pki.wrong_host, "localhost", pki.ca, {"hostname mismatch", NULL}},
        {"untrusted CA", pki.stranger, "127.0.0.1", pki.ca, {"unable to get local issuer", NULL}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct bad_certificate *c = &cases[i];
        struct peer p;
        if (!peer_start(&p, "echo", c->cert, pki.server_key))
            continue;
        char url[96], name[96], detail[256];
        tls_url(&p, c->host, url, sizeof url);
        struct harness h;

        snprintf(name, sizeof name, "%s", c->name);
        if (harness_start(&h, name, (struct net_config){.url = url, .ca_file = c->ca_file})) {
            expect_failure(&h, NET_ERROR_TLS_VERIFY, c->words, detail, sizeof detail);
            harness_stop(&h);
        }

        snprintf(name, sizeof name, "%s, insecure", c->name);
        if (harness_start(&h, name, (struct net_config){.url = url, .insecure = true})) {
            expect_tls_session(&h);
            harness_stop(&h);
        }
        peer_stop(&p);
    }
}

/* ---- 2. the right CA: connected, by IP address and by name --------------------- */

static void test_trusted(void)
{
    if (!pki.ready)
        return;
    struct peer p;
    if (!peer_start(&p, "echo", pki.valid, pki.server_key))
        return;
    static const char *const hosts[] = {"127.0.0.1", "localhost"};
    for (size_t i = 0; i < 2; i++) {
        char url[96], name[64];
        tls_url(&p, hosts[i], url, sizeof url);
        snprintf(name, sizeof name, "trusted %s", hosts[i]);
        struct harness h;
        if (harness_start(&h, name, (struct net_config){.url = url, .ca_file = pki.ca})) {
            expect_tls_session(&h);
            harness_stop(&h);
        }
    }
    peer_stop(&p);
}

/* ---- 3. handshakes that cannot succeed ------------------------------------------ */

static void test_handshake_failures(void)
{
    struct harness h;
    struct peer p;
    char url[96], detail[256];

    /* Not TLS at all: an HTTP error where the ServerHello should be. */
    if (peer_start(&p, "garbage", NULL, NULL)) {
        tls_url(&p, "127.0.0.1", url, sizeof url);
        if (harness_start(&h, "garbage", (struct net_config){.url = url, .timeout_s = 5})) {
            static const char *const words[] = {"wrong version number", NULL};
            expect_failure(&h, NET_ERROR_TLS_HANDSHAKE, words, detail, sizeof detail);
            harness_stop(&h);
        }
        peer_stop(&p);
    }

    /* A server that speaks nothing newer than TLS 1.1. OpenSSL 3.0 (Debian
     * 12) still offers 1.1 in its ClientHello, then refuses the server's
     * SHA-1 signature at Debian's default security level ("legacy sigalg
     * disallowed or unsupported"); other builds answer with a protocol
     * version alert; OpenSSL 3.5 (Debian 13) on the server's side hangs up
     * on the ClientHello without an alert, which Ponte names from the
     * handshake's progress (no ServerHello came). Either way a TLS failure
     * with a reason. Insecure does not change it: that is about
     * certificates, not protocol versions. */
    if (!pki.ready)
        return;
    const char *const more[] = {"--tls", pki.valid, pki.server_key, "--tls-max-version", "1.1", NULL};
    if (peer_start_with(&p, "echo", more)) {
        tls_url(&p, "127.0.0.1", url, sizeof url);
        static const char *const reasons[] = {"legacy sigalg", "protocol version",
                                              "unsupported protocol", "no protocols",
                                              "without answering the TLS handshake", NULL};
        const struct net_config configs[] = {{.url = url, .ca_file = pki.ca},
                                             {.url = url, .insecure = true}};
        static const char *const names[] = {"TLS 1.1 server", "TLS 1.1 server, insecure"};
        for (int i = 0; i < 2; i++) {
            if (!harness_start(&h, names[i], configs[i]))
                continue;
            expect_failure(&h, NET_ERROR_TLS_HANDSHAKE, NULL, detail, sizeof detail);
            CHECK_MSG(has_any(detail, reasons), "[%s] the detail \"%s\" gives no reason", names[i],
                      detail);
            harness_stop(&h);
        }
        peer_stop(&p);
    }
}

/* ---- 4. client certificates ---------------------------------------------------- */

/* `openssl s_server` demanding a client certificate signed by the test CA.
 * Python's asyncio drops the alert that says why it refuses one (it aborts
 * the transport with the alert still in its buffer); s_server sends it, as
 * servers in the wild do. It speaks no WebSocket: with -www it answers the
 * upgrade with a status page, which shows the TLS part went through. */
struct tls_server {
    pid_t pid;
    int to_server;
    struct line_reader out;
    int port;
};

static bool tls_server_start(struct tls_server *t)
{
    memset(t, 0, sizeof *t);
    char *argv[] = {"/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", pki.valid,
                    "-key", pki.server_key, "-CAfile", pki.ca, "-Verify", "1",
                    "-verify_return_error", "-www", NULL};
    t->pid = spawn(argv, &t->to_server, &t->out.fd, true);
    CHECK_MSG(t->pid > 0, "cannot start openssl s_server");
    if (t->pid <= 0)
        return false;
    /* A few lines about its settings, then "ACCEPT 127.0.0.1:PORT". */
    char line[256];
    int64_t deadline = now_ms() + 15000;
    while (!t->port && read_line(&t->out, line, sizeof line, deadline))
        if (!strncmp(line, "ACCEPT 127.0.0.1:", 17))
            t->port = atoi(line + 17);
    CHECK_MSG(t->port > 0 && t->port < 65536, "openssl s_server printed no port");
    if (t->port > 0)
        return true;
    kill(t->pid, SIGTERM);
    close(t->to_server);
    close(t->out.fd);
    reap(t->pid, now_ms() + 5000);
    return false;
}

static void tls_server_stop(struct tls_server *t)
{
    kill(t->pid, SIGTERM);
    close(t->to_server);
    close(t->out.fd);
    reap(t->pid, now_ms() + 5000);
}

static void test_client_certificate(void)
{
    if (!pki.ready)
        return;
    char url[96], detail[256];
    struct harness h;
    struct net_event ev;

    /* A server that sends the alert: each refusal in its words. */
    struct tls_server t;
    if (tls_server_start(&t)) {
        snprintf(url, sizeof url, "wss://127.0.0.1:%d/", t.port);
        if (harness_start(&h, "s_server, no client certificate",
                          (struct net_config){.url = url, .ca_file = pki.ca})) {
            static const char *const words[] = {"certificate required", NULL};
            expect_failure(&h, NET_ERROR_TLS_HANDSHAKE, words, detail, sizeof detail);
            harness_stop(&h);
        }
        if (harness_start(&h, "s_server, client certificate from an unknown CA",
                          (struct net_config){.url = url, .ca_file = pki.ca,
                                              .cert_file = pki.stranger,
                                              .key_file = pki.server_key})) {
            static const char *const words[] = {"unknown CA", NULL};
            expect_failure(&h, NET_ERROR_TLS_HANDSHAKE, words, detail, sizeof detail);
            harness_stop(&h);
        }
        /* The right one: TLS goes through, and the WebSocket upgrade meets
         * s_server's status page. */
        if (harness_start(&h, "s_server, client certificate",
                          (struct net_config){.url = url, .ca_file = pki.ca, .cert_file = pki.client,
                                              .key_file = pki.client_key})) {
            static const char *const words[] = {"200 OK", NULL};
            expect_failure(&h, NET_ERROR_HANDSHAKE, words, detail, sizeof detail);
            harness_stop(&h);
        }
        tls_server_stop(&t);
    }

    /* ws_peer: a WebSocket server that wants a certificate. */
    struct peer p;
    const char *const more[] = {"--tls", pki.valid, pki.server_key, "--client-ca", pki.ca, NULL};
    if (!peer_start_with(&p, "inspect", more))
        return;
    tls_url(&p, "127.0.0.1", url, sizeof url);

    /* None given. No alert comes (see above): with TLS 1.3 the client's
     * side of the handshake is over when the server hangs up. But the
     * server did ask for a certificate during it, and that is the reason
     * to give. */
    if (harness_start(&h, "no client certificate", (struct net_config){.url = url, .ca_file = pki.ca})) {
        struct net_event failed;
        unsigned seen = 0;
        if (wait_event(&h, NET_EVENT_FAILED, EVENT_TIMEOUT_MS, &failed, &seen, "connect")) {
            const char *d = failed.data ? failed.data : "";
            fprintf(stderr, "  [%s] FAILED: %s: \"%s\"\n", h.name, net_error_text(failed.error), d);
            CHECK_MSG(failed.error == NET_ERROR_TLS_HANDSHAKE,
                      "[%s] error \"%s\", wanted \"%s\" (detail \"%s\")", h.name,
                      net_error_text(failed.error), net_error_text(NET_ERROR_TLS_HANDSHAKE), d);
            CHECK_MSG(has_word(d, "client certificate"),
                      "[%s] the detail \"%s\" does not say that a client certificate is wanted",
                      h.name, d);
            net_event_free(&failed);
        }
        harness_stop(&h);
    }

    /* The right one: connected, the server saw who, and an echo goes round. */
    if (harness_start(&h, "client certificate",
                      (struct net_config){.url = url, .ca_file = pki.ca, .cert_file = pki.client,
                                          .key_file = pki.client_key})) {
        if (expect_connected(&h, false) &&
            expect_event(&h, NET_EVENT_RECEIVED, EVENT_TIMEOUT_MS, &ev, "what the server saw")) {
            CHECK_MSG(ev.data && strstr(ev.data, "\"client\": \"Ponte test client\""),
                      "[client certificate] the server saw: %s", ev.data ? ev.data : "(none)");
            net_event_free(&ev);
            echo_once(&h, 2, "signed", 6, false, "echo");
            expect_client_close(&h);
        }
        harness_stop(&h);
    }
    peer_stop(&p);
}

/* net_start refuses what it can check at once, in words that name the
 * problem; what only OpenSSL can judge (a file that holds no certificate, a
 * key that does not match) must still end in a failure that names it. */
static void test_client_certificate_files(void)
{
    if (!pki.ready)
        return;
    char missing[512], err[256];
    snprintf(missing, sizeof missing, "%s/no-such-file.pem", pki.dir);
    static const char url[] = "wss://127.0.0.1:9/";
    const struct {
        const char *name;
        const char *cert, *key;
        const char *words[3];
    } refused[] = {
        {"certificate without key", pki.client, NULL, {"certificate", "key", NULL}},
        {"key without certificate", NULL, pki.client_key, {"certificate", "key", NULL}},
        {"certificate missing", missing, pki.client_key, {"certificate", missing, NULL}},
        {"key missing", pki.client, missing, {"key", missing, NULL}},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        struct net_config config = {.url = url, .cert_file = refused[i].cert,
                                    .key_file = refused[i].key, .no_connect = true};
        err[0] = '\0';
        struct net *net = net_start(&config, err, sizeof err);
        CHECK_MSG(net == NULL, "[%s] net_start accepted it", refused[i].name);
        if (net)
            net_stop(net);
        fprintf(stderr, "  [%s] net_start: \"%s\"\n", refused[i].name, err);
        for (size_t k = 0; refused[i].words[k]; k++)
            CHECK_MSG(has_word(err, refused[i].words[k]), "[%s] \"%s\" does not say \"%s\"",
                      refused[i].name, err, refused[i].words[k]);
    }

    /* Readable, but not a certificate / not the certificate's key / no CA
     * at all. (No server needed: nothing gets as far as connecting.) */
    const struct {
        const char *name;
        const char *ca, *cert, *key;
        const char *word;
    } bad[] = {
        {"certificate not PEM", pki.ca, pki.not_pem, pki.client_key, "certificate"},
        {"key not the certificate's", pki.ca, pki.client, pki.server_key, "key"},
        {"CA file not PEM", pki.not_pem, NULL, NULL, "CA file"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct net_config config = {.url = url, .ca_file = bad[i].ca, .cert_file = bad[i].cert,
                                    .key_file = bad[i].key};
        /* On the heap: if net_stop hangs, the worker keeps the wake-up's
         * address and the harness must outlive this frame. */
        struct harness *h = calloc(1, sizeof *h);
        if (!h)
            break;
        h->name = bad[i].name;
        waker_init(&h->waker);
        config.wake = waker_wake;
        config.wake_user = &h->waker;
        err[0] = '\0';
        h->net = net_start(&config, err, sizeof err);
        if (!h->net) {
            /* Refused at once: it must say which file is wrong. */
            fprintf(stderr, "  [%s] net_start: \"%s\"\n", bad[i].name, err);
            CHECK_MSG(has_word(err, bad[i].word), "[%s] \"%s\" does not say \"%s\"", bad[i].name,
                      err, bad[i].word);
            waker_destroy(&h->waker);
            free(h);
            continue;
        }
        /* Or the attempt fails, and the detail says which. */
        struct net_event ev;
        if (wait_event(h, NET_EVENT_FAILED, EVENT_TIMEOUT_MS, &ev, NULL, "connect")) {
            fprintf(stderr, "  [%s] FAILED: %s: \"%s\"\n", bad[i].name, net_error_text(ev.error),
                    ev.data ? ev.data : "");
            CHECK_MSG(has_word(ev.data, bad[i].word) && has_word(ev.data, "file"),
                      "[%s] FAILED %s, detail \"%s\": names neither the file nor the problem",
                      bad[i].name, net_error_text(ev.error), ev.data ? ev.data : "");
            net_event_free(&ev);
        }
        /* And net_stop still ends the worker. */
        int64_t took = 0;
        if (stop_within(h, 5000, &took)) {
            CHECK_MSG(took < 1000, "[%s] net_stop took %" PRId64 " ms", bad[i].name, took);
            free(h);
        }
    }
}

/* ---- 5. a thousand connect/close cycles on one worker --------------------------- */

struct usage {
    size_t rss;  /* VmRSS */
    size_t heap; /* bytes allocated and not freed */
    int fds;     /* open file descriptors */
};

static int count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    while (d && readdir(d))
        n++;
    if (d)
        closedir(d);
    return n;
}

/* Taken with no connection open or under way. The fewest descriptors seen
 * over 200 ms: the echo server's side of the last connection may take a
 * moment to go after the client saw CLOSED. */
static struct usage measure(void)
{
    struct usage u = {0};
    u.fds = count_fds();
    for (int i = 0; i < 20; i++) {
        usleep(10 * 1000);
        int n = count_fds();
        if (n < u.fds)
            u.fds = n;
    }
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            u.rss = (size_t)strtoull(line + 6, NULL, 10) * 1024;
    if (f)
        fclose(f);
#ifdef SANITIZER_MALLOC
    u.heap = __sanitizer_get_current_allocated_bytes();
#else
    u.heap = mallinfo2().uordblks;
#endif
    return u;
}

/* Cycles from .. from + count - 1 of (net_connect, but for the very first:
 * net_start connects), CONNECTING, CONNECTED, one echo, net_close, CLOSED.
 * Returns how many went round. */
static unsigned cycle(struct harness *h, unsigned from, unsigned count)
{
    char text[32];
    for (unsigned i = from; i < from + count; i++) {
        int n = snprintf(text, sizeof text, "cycle %u", i);
        if (i > 0)
            CHECK(net_connect(h->net));
        if (!expect_connected(h, false) ||
            !echo_once(h, i + 1, text, (size_t)n, false, "echo in a cycle"))
            return i - from;
        int failed = check_failed_count;
        expect_client_close(h);
        if (check_failed_count != failed)
            return i - from;
    }
    return count;
}

static void cycles(const char *name, struct net_config config, bool listening)
{
    struct harness h;
    if (!harness_start(&h, name, config))
        return;
    struct net_event ev;
    if (listening && expect_event(&h, NET_EVENT_LISTENING, EVENT_TIMEOUT_MS, &ev, "start"))
        net_event_free(&ev);
    int64_t start = now_ms();
    unsigned done = cycle(&h, 0, CYCLE_CHECKPOINT);
    int64_t paused = now_ms();
    struct usage at100 = measure();
    start += now_ms() - paused;
    if (done == CYCLE_CHECKPOINT)
        done += cycle(&h, CYCLE_CHECKPOINT, CYCLE_COUNT - CYCLE_CHECKPOINT);
    int64_t took = now_ms() - start;
    struct usage at1000 = measure();
    /* And stop in the middle of one more attempt. */
    CHECK(net_connect(h.net));
    int64_t stop = harness_stop(&h);
    int after = count_fds();
    fprintf(stderr,
            "  [%s] %u cycles in %" PRId64 " ms; at %u / %u: VmRSS %zu / %zu KiB, heap %zu / %zu "
            "KiB, fds %d / %d (%d after net_stop); net_stop %" PRId64 " ms\n",
            name, done, took, CYCLE_CHECKPOINT, CYCLE_COUNT, at100.rss >> 10, at1000.rss >> 10,
            at100.heap >> 10, at1000.heap >> 10, at100.fds, at1000.fds, after, stop);
    CHECK_MSG(done == CYCLE_COUNT, "[%s] %u of %u cycles", name, done, CYCLE_COUNT);
    CHECK_MSG(stop < 1000, "[%s] net_stop took %" PRId64 " ms", name, stop);
    if (done != CYCLE_COUNT)
        return;
    CHECK_MSG(at1000.heap < at100.heap + CYCLE_SLACK,
              "[%s] the heap grew by %zu KiB from cycle %u to %u", name,
              (at1000.heap - at100.heap) >> 10, CYCLE_CHECKPOINT, CYCLE_COUNT);
#ifndef SANITIZER_MALLOC
    CHECK_MSG(at1000.rss < at100.rss + CYCLE_SLACK, "[%s] VmRSS grew by %zu KiB from cycle %u to %u",
              name, (at1000.rss - at100.rss) >> 10, CYCLE_CHECKPOINT, CYCLE_COUNT);
#endif
    CHECK_MSG(at1000.fds <= at100.fds, "[%s] %d file descriptors open at cycle %u, %d at %u", name,
              at1000.fds, CYCLE_COUNT, at100.fds, CYCLE_CHECKPOINT);
}

static void test_cycles_local(void)
{
    cycles("cycles, built-in echo", (struct net_config){.local_echo = true}, true);
}

static void test_cycles_tls(void)
{
    if (!pki.ready)
        return;
    struct peer p;
    if (!peer_start(&p, "echo", pki.valid, pki.server_key))
        return;
    char url[96];
    tls_url(&p, "127.0.0.1", url, sizeof url);
    cycles("cycles, wss", (struct net_config){.url = url, .ca_file = pki.ca}, false);
    peer_stop(&p);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    static const struct net_case tests[] = {
        {"bad certificates", test_bad_certificates},
        {"trusted", test_trusted},
        {"handshake failures", test_handshake_failures},
        {"client certificate", test_client_certificate},
        {"client certificate files", test_client_certificate_files},
        {"cycles", test_cycles_local},
        {"cycles tls", test_cycles_tls},
    };
    int64_t begin = now_ms();
    make_pki();
    fprintf(stderr, "certificates: %s (%" PRId64 " ms)\n", pki.ready ? "made" : "FAILED",
            now_ms() - begin);
    run_cases(tests, sizeof tests / sizeof tests[0], "PONTE_TLS_ONLY");
    if (pki.dir[0])
        remove_dir(pki.dir);
    return check_summary("tls");
}
