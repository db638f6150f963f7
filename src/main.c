/* main: command line in, exit status out. */
#include "app.h"
#include "cli.h"
#include "i18n.h"

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
    return app_run(&options);
}
