/* SPDX-License-Identifier: MIT */
/* fuzz_url: url_parse on arbitrary text (up to its first NUL, as the
 * command line gives it).
 * - A refused URL gets a reason that fits the buffer it is given, however
 *   small, and NULL with 0 is allowed.
 * - An accepted one has a host, a port in range and a path that starts with
 *   '/', all NUL-terminated within their arrays; its canonical form
 *   (url_format) parses back to the same address and formats the same; a
 *   buffer one byte too small is refused with a truncated string. */
#include "fuzz.h"
#include "url.h"

#include <stdbool.h>
#include <string.h>

static bool same(const struct url *a, const struct url *b)
{
    return a->tls == b->tls && a->port == b->port && strcmp(a->host, b->host) == 0 &&
           strcmp(a->path, b->path) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    struct url u, again;
    char err[160], small[8], out[URL_HOST_MAX + URL_PATH_MAX + 32], again_out[sizeof out];

    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    if (!url_parse(text, &u, err, sizeof err)) {
        FUZZ_CHECK(err[0] != '\0' && memchr(err, '\0', sizeof err) != NULL);
        memset(small, 'Z', sizeof small);
        FUZZ_CHECK(!url_parse(text, &u, small, 5));
        FUZZ_CHECK(strlen(small) == 4 && small[5] == 'Z');
        FUZZ_CHECK(!url_parse(text, &u, NULL, 0));
        free(text);
        return 0;
    }
    FUZZ_CHECK(memchr(u.host, '\0', sizeof u.host) != NULL && u.host[0] != '\0');
    FUZZ_CHECK(memchr(u.path, '\0', sizeof u.path) != NULL && u.path[0] == '/');
    FUZZ_CHECK(u.port >= 1 && u.port <= 65535);
    FUZZ_CHECK(strchr(u.path, '#') == NULL);
    for (const char *c = u.path; *c; c++)
        FUZZ_CHECK((unsigned char)*c > 0x20 && (unsigned char)*c < 0x7F);

    FUZZ_CHECK(url_format(&u, out, sizeof out));
    FUZZ_CHECK(url_parse(out, &again, err, sizeof err));
    FUZZ_CHECK(same(&u, &again));
    FUZZ_CHECK(url_format(&again, again_out, sizeof again_out) && strcmp(out, again_out) == 0);

    /* Exactly the length and its NUL fit; one byte less does not. */
    {
        size_t need = strlen(out) + 1;
        char *tight = malloc(need);

        FUZZ_CHECK(tight != NULL);
        FUZZ_CHECK(url_format(&u, tight, need) && strcmp(tight, out) == 0);
        FUZZ_CHECK(!url_format(&u, tight, need - 1));
        FUZZ_CHECK(strlen(tight) == need - 2 && memcmp(tight, out, need - 2) == 0);
        free(tight);
    }
    free(text);
    return 0;
}
