/* SPDX-License-Identifier: MIT */
/* handshake: what the handshake needs, copied and checked by net_start
 * before the worker exists (extra headers, subprotocols, origin, the client
 * certificate and the CA file, the proxy settings), and the worker's TLS
 * side of it: the headers written into the upgrade request, our OpenSSL
 * info callback and session cache setting, the version and cipher agreed.
 * A file OpenSSL cannot use is named at start, not as a failed attempt. */
#include "worker.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>

#include "net_config.h"

/* ---- copies, on the UI thread before the worker starts ----------------------- */

void handshake_free(struct worker *w)
{
    for (size_t i = 0; i < w->header_count; i++) {
        free(w->headers[i].name);
        free(w->headers[i].value);
    }
    free(w->headers);
    free(w->headers_shown);
    free(w->protocols);
    free(w->origin);
    free(w->cert_file);
    free(w->key_file);
    w->headers = NULL;
    w->headers_shown = NULL;
    w->header_count = 0;
    w->protocols = w->origin = w->cert_file = w->key_file = NULL;
    free(w->proxy_option);
    free((char *)w->proxy_env.http_proxy);
    free((char *)w->proxy_env.https_proxy);
    free((char *)w->proxy_env.all_proxy);
    free((char *)w->proxy_env.no_proxy);
    w->proxy_option = NULL;
    memset(&w->proxy_env, 0, sizeof w->proxy_env);
}

/* The extra handshake headers as the transcript shows them at each
 * CONNECTING: "Name: value" lines, secrets as ***. */
static char *headers_shown(const struct worker *w)
{
    size_t n = 0;
    for (size_t i = 0; i < w->header_count; i++)
        n += strlen(w->headers[i].name) + strlen(w->headers[i].value) + 3;
    char *all = malloc(n + 1);
    if (!all)
        return NULL;
    size_t at = 0;
    for (size_t i = 0; i < w->header_count; i++) {
        const char *value = net_config_header_is_secret(w->headers[i].name) ? "***" : w->headers[i].value;
        at += (size_t)sprintf(all + at, "%s%s %s", i ? "\n" : "", w->headers[i].name, value);
    }
    return all;
}

static bool readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* Loads the pair the way lws will, so that a file OpenSSL cannot use is
 * named now rather than as "the client could not start". */
static bool check_client_certificate(const char *cert, const char *key, char *err, size_t errlen)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    bool ok = false;
    ERR_clear_error();
    if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1)
        snprintf(err, errlen, "the certificate file %s holds no usable certificate (%s)", cert,
                 ERR_reason_error_string(ERR_peek_last_error()));
    else if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
        snprintf(err, errlen, "the key file %s holds no usable key (%s)", key,
                 ERR_reason_error_string(ERR_peek_last_error()));
    else if (SSL_CTX_check_private_key(ctx) != 1)
        snprintf(err, errlen, "the key file %s is not the key of the certificate in %s", key, cert);
    else
        ok = true;
    ERR_clear_error();
    SSL_CTX_free(ctx);
    return ok;
}

bool handshake_copy(struct worker *w, const struct net_config *config, char *err, size_t errlen)
{
    if (config->header_count) {
        w->headers = calloc(config->header_count, sizeof *w->headers);
        if (!w->headers)
            goto oom;
        for (size_t i = 0; i < config->header_count; i++) {
            const char *h = config->headers[i];
            const char *colon = strchr(h, ':');
            if (!colon || colon == h) {
                snprintf(err, errlen, "a header must be \"Name: value\" (got \"%s\")", h);
                return false;
            }
            const char *value = colon + 1;
            while (*value == ' ' || *value == '\t')
                value++;
            w->headers[i].name = dup_bytes(h, (size_t)(colon - h) + 1); /* with the ':' */
            w->headers[i].value = dup_bytes(value, strlen(value));
            w->header_count = i + 1;
            if (!w->headers[i].name || !w->headers[i].value)
                goto oom;
        }
        if (!(w->headers_shown = headers_shown(w)))
            goto oom;
    }
    if (config->protocol_count) {
        size_t n = 0;
        for (size_t i = 0; i < config->protocol_count; i++)
            n += strlen(config->protocols[i]) + 2;
        w->protocols = malloc(n + 1);
        if (!w->protocols)
            goto oom;
        w->protocols[0] = '\0';
        for (size_t i = 0; i < config->protocol_count; i++) {
            if (i)
                strcat(w->protocols, ", ");
            strcat(w->protocols, config->protocols[i]);
        }
    }
    if (config->origin && !(w->origin = dup_bytes(config->origin, strlen(config->origin))))
        goto oom;
    if (!config->cert_file != !config->key_file) {
        snprintf(err, errlen, "a client certificate needs both a certificate and a key file");
        return false;
    }
    if (config->cert_file) {
        if (!readable(config->cert_file)) {
            snprintf(err, errlen, "cannot read the certificate file %s", config->cert_file);
            return false;
        }
        if (!readable(config->key_file)) {
            snprintf(err, errlen, "cannot read the key file %s", config->key_file);
            return false;
        }
        if (!check_client_certificate(config->cert_file, config->key_file, err, errlen))
            return false;
        w->cert_file = dup_bytes(config->cert_file, strlen(config->cert_file));
        w->key_file = dup_bytes(config->key_file, strlen(config->key_file));
        if (!w->cert_file || !w->key_file)
            goto oom;
    }
    if (config->proxy && !(w->proxy_option = dup_bytes(config->proxy, strlen(config->proxy))))
        goto oom;
    if (config->proxy_env) {
        const struct proxy_env *e = config->proxy_env;
        struct proxy_env *c = &w->proxy_env;
        c->https_name = e->https_name;
        c->all_name = e->all_name;
        if ((e->http_proxy && !(c->http_proxy = dup_bytes(e->http_proxy, strlen(e->http_proxy)))) ||
            (e->https_proxy && !(c->https_proxy = dup_bytes(e->https_proxy, strlen(e->https_proxy)))) ||
            (e->all_proxy && !(c->all_proxy = dup_bytes(e->all_proxy, strlen(e->all_proxy)))) ||
            (e->no_proxy && !(c->no_proxy = dup_bytes(e->no_proxy, strlen(e->no_proxy)))))
            goto oom;
    }
    return true;
oom:
    snprintf(err, errlen, "out of memory");
    return false;
}

bool handshake_check_ca_file(const char *path, char *err, size_t errlen)
{
    /* lws only logs an unreadable CA file and goes on; say it here. */
    if (!readable(path)) {
        snprintf(err, errlen, "cannot read the CA file %s", path);
        return false;
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    bool loaded = ctx && SSL_CTX_load_verify_locations(ctx, path, NULL) == 1;
    ERR_clear_error();
    SSL_CTX_free(ctx);
    if (!loaded) {
        snprintf(err, errlen, "the CA file %s holds no certificate", path);
        return false;
    }
    return true;
}

/* ---- the worker's TLS ------------------------------------------------------------- */

/* OpenSSL's info callback, on the worker thread inside SSL_connect and
 * SSL_read: keeps the first reason a handshake gave, while it is still on
 * the error queue or in the alert. */
static void tls_info(const SSL *ssl, int where, int ret)
{
    struct net *net = SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));
    struct worker *w = net ? &net->w : NULL;
    if (!w || w->state != CONN_CONNECTING)
        return;
    if (where & SSL_CB_HANDSHAKE_START)
        w->tls_started = w->tunnel_open = true;
    if (where & SSL_CB_HANDSHAKE_DONE)
        w->tls_done = true;
    if ((where & SSL_CB_LOOP) && SSL_get_state(ssl) == TLS_ST_CR_SRVR_HELLO)
        w->tls_server_hello = true;
    if ((where & SSL_CB_LOOP) && SSL_get_state(ssl) == TLS_ST_CR_CERT_REQ)
        w->tls_certificate_requested = true;
    /* A fatal alert from our side while the chain did not verify: the
     * verify callback refused it (one lws accepts, --insecure's, sends
     * none). The result stays on the SSL, whatever lws frees later. */
    if ((where & SSL_CB_WRITE_ALERT) && (ret >> 8) == SSL3_AL_FATAL && !w->tls_verify &&
        SSL_get_verify_result(ssl) != X509_V_OK)
        w->tls_verify = SSL_get_verify_result(ssl);
    if (w->tls_problem[0])
        return;
    if ((where & SSL_CB_ALERT) && (where & SSL_CB_READ)) {
        /* OpenSSL 3.0 has no words for TLS 1.3's certificate_required. */
        const char *alert = (ret & 0xFF) == 116 ? "certificate required" : SSL_alert_desc_string_long(ret);
        snprintf(w->tls_problem, sizeof w->tls_problem, "the server sent the alert \"%s\"", alert);
    } else if ((where & SSL_CB_EXIT) && ret <= 0) {
        /* (-1 is also "wants to read": then the error queue is empty.) */
        unsigned long e = ERR_peek_last_error();
        const char *reason = e ? ERR_reason_error_string(e) : NULL;
#ifdef SSL_R_UNEXPECTED_EOF_WHILE_READING
        /* OpenSSL 3's words for a peer that hung up: no reason at all;
         * failure.c says what the handshake's progress tells instead. */
        if (ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_UNEXPECTED_EOF_WHILE_READING)
            reason = NULL;
#endif
        if (reason)
            snprintf(w->tls_problem, sizeof w->tls_problem, "%s", reason);
    }
}

void handshake_tls_setup(struct net *net, void *ssl_ctx)
{
    SSL_CTX *ctx = ssl_ctx;
    /* Our own info callback on the client SSL_CTX (lws 4.1.6's
     * ssl_info_event_mask crashes on client connections: it reads the
     * context from ex data that holds something else there). */
    SSL_CTX_set_app_data(ctx, net);
    SSL_CTX_set_info_callback(ctx, tls_info);
    /* lws 4.3 turns on OpenSSL's client session cache to keep its own
     * ten sessions for resumption; OpenSSL's internal store, which
     * clients never look in, then kept every TLS 1.3 ticket (two a
     * connection, up to 20,480): a reconnecting kiosk grew by 6 KiB a
     * connection. lws's own list is fed by its callback either way. */
    SSL_CTX_set_session_cache_mode(ctx, SSL_CTX_get_session_cache_mode(ctx) | SSL_SESS_CACHE_NO_INTERNAL_STORE);
}

bool handshake_append_headers(const struct worker *w, struct lws *wsi, unsigned char **p, unsigned char *end)
{
    for (size_t i = 0; i < w->header_count; i++) {
        const struct header *h = &w->headers[i];
        if (lws_add_http_header_by_name(wsi, (const unsigned char *)h->name, (const unsigned char *)h->value,
                                        (int)strlen(h->value), p, end))
            return false;
    }
    return true;
}

void handshake_tls_describe(struct lws *wsi, struct net_connected *c)
{
    SSL *ssl = lws_get_ssl(wsi);
    if (!ssl)
        return;
    snprintf(c->tls_version, sizeof c->tls_version, "%s", SSL_get_version(ssl));
    snprintf(c->tls_cipher, sizeof c->tls_cipher, "%s", SSL_get_cipher_name(ssl));
}

const char *handshake_verify_text(long verify)
{
    return X509_verify_cert_error_string(verify);
}
