/* main: command line in, exit status out. */
#include <stdio.h>

#include "app.h"
#include "cli.h"
#include "headless.h"
#include "i18n.h"
#include "transcript.h"

int main(int argc, char **argv)
{
    struct cli_options options;
    switch (cli_parse(argc, argv, &options, stdout, stderr)) {
    case CLI_EXIT_OK:
        return 0;
    case CLI_EXIT_USAGE:
        return 2;
    case CLI_RUN:
        break;
    }
    i18n_set_lang(options.lang_given ? options.lang : i18n_lang_from_environment());
    if (options.headless) {
        struct transcript *t = NULL;
        if (options.transcript) {
            char err[512];
            t = transcript_open(options.transcript, err, sizeof err);
            if (!t) {
                fprintf(stderr, "ponte: %s\n", err);
                return 1;
            }
        }
        return headless_run(&options, t);
    }
    return app_run(&options);
}
