/* SPDX-License-Identifier: MIT */
/* fuzz_proxy: proxy_parse, proxy_bypass and proxy_decide on arbitrary text.
 * The input is split at its first two NULs: a proxy URL, a no_proxy list
 * and a host (missing parts are empty).
 * - A refused proxy URL gets a reason that fits the buffer it is given,
 *   however small, and never copies the text (it may hold a password).
 * - An accepted one has a host and credentials NUL-terminated within their
 *   arrays, credentials that fit lws 4.1.6's token (at most 93 bytes, no
 *   NUL, a ':' after a non-empty user name), a port in range; its
 *   host:port form parses back to the same host and port.
 * - no_proxy "*" takes every host; a host always matches a list that names
 *   it; proxy_decide agrees with proxy_bypass and proxy_parse. */
#include "fuzz.h"
#include "proxy.h"

#include <stdbool.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 3);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = text[size + 1] = text[size + 2] = '\0';
    const char *url = text;
    const char *no_proxy = url + strlen(url) + 1;
    if (no_proxy > text + size)
        no_proxy = text + size + 1;
    const char *host = no_proxy + strlen(no_proxy) + 1;
    if (host > text + size + 1)
        host = text + size + 2;

    struct proxy p, again;
    char err[160], small[8], out[PROXY_HOST_MAX + 16];
    bool ok = proxy_parse(url, &p, err, sizeof err);
    if (!ok) {
        FUZZ_CHECK(err[0] != '\0' && memchr(err, '\0', sizeof err) != NULL);
        FUZZ_CHECK(!strchr(err, '@')); /* (no reason has one: the URL is never copied) */
        memset(small, 'Z', sizeof small);
        FUZZ_CHECK(!proxy_parse(url, &p, small, 5));
        FUZZ_CHECK(strlen(small) == 4 && small[5] == 'Z');
        FUZZ_CHECK(!proxy_parse(url, &p, NULL, 0));
    } else {
        FUZZ_CHECK(memchr(p.host, '\0', sizeof p.host) != NULL && p.host[0] != '\0');
        FUZZ_CHECK(memchr(p.credentials, '\0', sizeof p.credentials) != NULL);
        size_t n = strlen(p.credentials);
        FUZZ_CHECK(n <= 93);
        if (n)
            FUZZ_CHECK(p.credentials[0] != ':' && strchr(p.credentials, ':') != NULL);
        FUZZ_CHECK(p.port >= 1 && p.port <= 65535);
        FUZZ_CHECK(proxy_format(&p, out, sizeof out));
        FUZZ_CHECK(proxy_parse(out, &again, err, sizeof err));
        FUZZ_CHECK(!strcmp(p.host, again.host) && p.port == again.port && again.credentials[0] == '\0');
    }

    bool bypass = proxy_bypass(no_proxy, host);
    FUZZ_CHECK(proxy_bypass("*", host) == (host[0] != '\0' && strcmp(host, ".") != 0));
    if (host[0] && host[0] != '[' && !strpbrk(host, ", \t\n\v\f\r") && strcmp(host, ".") && host[strlen(host) - 1] != '.') {
        FUZZ_CHECK(proxy_bypass(host, host));
    }

    struct proxy_env env = {.http_proxy = url, .https_proxy = url, .https_name = "https_proxy",
                            .no_proxy = no_proxy};
    struct proxy chosen;
    enum proxy_decision d = proxy_decide(NULL, &env, size & 1, host, &chosen, err, sizeof err);
    if (!url[0] || !strcmp(url, "none") || bypass)
        FUZZ_CHECK(d == PROXY_DIRECT);
    else
        FUZZ_CHECK(d == (ok ? PROXY_VIA : PROXY_INVALID));
    if (d == PROXY_VIA)
        FUZZ_CHECK(!strcmp(chosen.host, p.host) && chosen.port == p.port &&
                   !strcmp(chosen.credentials, p.credentials));
    free(text);
    return 0;
}
