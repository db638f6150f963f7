/* SPDX-License-Identifier: MIT */
/* fuzz_cli: the whole command line, as a person (or a script) may type it:
 * the input split at NUL bytes into at most 64 arguments after "ponte".
 * - cli_parse never crashes, and answers with one of its three results;
 * - whatever it lets run is what the rest of Ponte relies on: a URL that
 *   url_parse takes, headers that net.c can split into a token name and a
 *   value without line breaks, a scale in range, lists within their caps,
 *   and --cert only with --key;
 * - a refusal writes its reason and the usage (to a scratch file). */
#include "cli.h"
#include "fuzz.h"
#include "url.h"

#include <stdbool.h>
#include <string.h>

#define MAX_ARGS 64

static bool token_char(char c)
{
    return c > ' ' && c != 0x7F && !strchr("()<>@,;\\\"/[]?={}", c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    FUZZ_CHECK(sink != NULL);
    char *text = malloc(size + 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    char *argv[MAX_ARGS + 2] = {"ponte"};
    int argc = 1;
    for (size_t at = 0; at <= size && argc <= MAX_ARGS;) {
        argv[argc++] = text + at;
        at += strlen(text + at) + 1;
    }
    argv[argc] = NULL;

    struct cli_options o;
    enum cli_result r = cli_parse(argc, argv, &o, sink, sink);
    FUZZ_CHECK(r == CLI_RUN || r == CLI_EXIT_OK || r == CLI_EXIT_USAGE);
    if (r == CLI_RUN) {
        struct url u;
        char why[160];
        FUZZ_CHECK(o.url != NULL);
        FUZZ_CHECK(o.local_echo || url_parse(o.url, &u, why, sizeof why));
        FUZZ_CHECK(o.header_count <= CLI_MAX_LIST && o.protocol_count <= CLI_MAX_LIST);
        for (size_t i = 0; i < o.header_count; i++) {
            const char *h = o.headers[i];
            const char *colon = strchr(h, ':');
            FUZZ_CHECK(colon && colon > h);
            for (const char *p = h; p < colon; p++)
                FUZZ_CHECK(token_char(*p));
            FUZZ_CHECK(!strpbrk(colon, "\r\n"));
        }
        for (size_t i = 0; i < o.protocol_count; i++)
            FUZZ_CHECK(o.protocols[i] && o.protocols[i][0]);
        FUZZ_CHECK(o.scale == 0.0f || (o.scale >= CLI_MIN_SCALE && o.scale <= CLI_MAX_SCALE));
        FUZZ_CHECK(!o.cert_file == !o.key_file);
        FUZZ_CHECK(o.connect_timeout_s >= 0 && o.ping_timeout_s >= 0 && o.ping_interval_s >= -1);
    }
    cli_free(&o);
    free(text);
    return 0;
}
