/* SPDX-License-Identifier: MIT */
/* i18n: language choice, the catalog and the strings.
 *
 *   test_i18n                 the tables, both languages, the catalog
 *   test_i18n environment     as ponte starts with no --lang: the language from
 *                             LC_ALL / LC_MESSAGES / LANG (meson runs it with
 *                             LANG=pt_BR.UTF-8, which need not be an installed
 *                             locale) must give Portuguese
 *   test_i18n ARGS...         as ponte starts with these arguments (meson: --lang
 *                             pt_BR with LANG=C.UTF-8, --lang en with LANG=pt_BR)
 *                             the last ARG is the language expected, en or pt_BR */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"
#include "i18n.h"
#include "url.h"
#include "utf8.h"

/* Every reason url_check gives has Portuguese words, found by its code:
 * each of these URLs is refused for a different one, and every row of
 * url.h's table has its own. */
static void test_url_reasons(void)
{
    static const char *const bad[] = {
        "", "http://x/", "x", "ws://u:p@host/", "ws:///path", "ws://[::1/", "ws://[zz]/",
        "ws://[::1]x/", "ws://ho st/", "ws://host:0/", "ws://host/#frag", "ws://host/a b",
    };
    bool seen[URL_ERROR_COUNT] = {false};
    size_t distinct = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct url u;
        char why[128] = "";
        enum url_error error = url_check(bad[i], &u);
        CHECK_MSG(error != URL_OK && error < URL_ERROR_COUNT, "'%s' parsed", bad[i]);
        CHECK(!url_parse(bad[i], &u, why, sizeof why) && strcmp(why, url_error_text(error)) == 0);
        if (error < URL_ERROR_COUNT && !seen[error]) {
            seen[error] = true;
            distinct++;
        }
    }
    CHECK_MSG(distinct >= 10, "only %zu different reasons", distinct);
    for (int e = URL_OK + 1; e < URL_ERROR_COUNT; e++) {
        const char *en = url_error_text((enum url_error)e);
        i18n_set_lang(I18N_EN);
        CHECK(en[0] != '\0' && strcmp(tr_url_error((enum url_error)e), en) == 0);
        i18n_set_lang(I18N_PT_BR);
        const char *pt = tr_url_error((enum url_error)e);
        CHECK_MSG(strcmp(pt, en) != 0 && utf8_valid(pt, strlen(pt)), "no Portuguese for '%s'", en);
        for (int k = URL_OK + 1; k < e; k++)
            CHECK(strcmp(url_error_text((enum url_error)k), en) != 0); /* one row, one reason */
    }
    CHECK(strcmp(tr_url_error(URL_OK), "") == 0 && strcmp(url_error_text(URL_ERROR_COUNT), "") == 0);
    CHECK(strcmp(tr_url_error(URL_PORT), "a porta deve ser um n\xC3\xBAmero de 1 a 65535") == 0);
    i18n_set_lang(I18N_EN);
}

/* main.c's start-up: parse the arguments, then the language from --lang or
 * the environment. The process's locale stays "C" as in ponte (which never
 * calls setlocale): the catalog must not depend on it. */
static void test_startup(int argc, char **argv, const char *want)
{
    struct cli_options options;
    char **args = calloc((size_t)argc + 1, sizeof *args);
    CHECK(args != NULL);
    if (!args)
        return;
    args[0] = "ponte";
    for (int i = 0; i < argc - 1; i++)
        args[i + 1] = argv[i];
    FILE *null_out = fopen("/dev/null", "w");
    CHECK(cli_parse(argc, args, &options, null_out, stderr) == CLI_RUN);
    fclose(null_out);
    free(args);
    const char *locale = setlocale(LC_ALL, "");
    printf("LANG=%s LC_ALL=%s; setlocale(LC_ALL, \"\") gives %s\n", getenv("LANG") ? getenv("LANG") : "(unset)",
           getenv("LC_ALL") ? getenv("LC_ALL") : "(unset)", locale ? locale : "NULL (locale not installed)");
    setlocale(LC_ALL, "C");
    CHECK(i18n_set_lang(options.lang_given ? options.lang : i18n_lang_from_environment()));
    cli_free(&options);
    if (!strcmp(want, "pt_BR")) {
        CHECK(i18n_get_lang() == I18N_PT_BR);
        CHECK_MSG(strstr(i18n_catalog_path(), "pt_BR/LC_MESSAGES/ponte.mo") != NULL, "catalog: %s",
                  i18n_catalog_path());
        CHECK(!strcmp(tr(I18N_STATE_CONNECTING), "Conectando..."));
        CHECK(!strcmp(tr(I18N_STATE_DISCONNECTED), "Websocket desconectado."));
        CHECK(!strcmp(tr(I18N_SEND), "Enviar mensagem"));
        CHECK(!strcmp(tr(I18N_CLOSE), "Finalizar conex\xC3\xA3o"));
        CHECK(!strcmp(tr(I18N_SENT), "Enviado"));
        CHECK(!strcmp(tr(I18N_RECEIVED), "Recebido"));
        CHECK(!strcmp(tr_net_error(NET_ERROR_TIMEOUT), "tempo esgotado"));
    } else {
        CHECK(i18n_get_lang() == I18N_EN && !strcmp(i18n_catalog_path(), ""));
        CHECK(!strcmp(tr(I18N_SEND), "Send message"));
        CHECK(!strcmp(tr(I18N_STATE_DISCONNECTED), "Disconnected"));
    }
}

/* The catalog: where it comes from, the entries with a context. */
static void test_catalog(void)
{
    CHECK(i18n_set_lang(I18N_PT_BR));
    CHECK_MSG(strstr(i18n_catalog_path(), "pt_BR/LC_MESSAGES/ponte.mo") != NULL, "catalog: %s",
              i18n_catalog_path());
    /* The same English word, two translations (msgctxt "filter"). */
    CHECK(!strcmp(tr(I18N_SENT), "Enviado") && !strcmp(tr(I18N_FILTER_SENT), "Enviadas"));
    CHECK(!strcmp(tr(I18N_RECEIVED), "Recebido") && !strcmp(tr(I18N_FILTER_RECEIVED), "Recebidas"));
    CHECK(!strcmp(tr(I18N_FILTER_SYSTEM), "Sistema"));
    CHECK(!strcmp(tr_codec_error(CODEC_HEX_INVALID_CHARACTER), "n\xC3\xA3o \xC3\xA9 um d\xC3\xADgito hexadecimal"));
    /* Nearly every string has its own Portuguese; the few that do not are
     * the same in both languages (JSON, Hex, Base64, normal, ping %s,
     * "%s · %zu bytes" under a MessagePack or CBOR message, the charts'
     * Bytes and msg/s). */
    int same = 0;
    for (int id = 0; id < I18N_COUNT; id++) {
        i18n_set_lang(I18N_EN);
        const char *en = tr((enum i18n_id)id);
        i18n_set_lang(I18N_PT_BR);
        same += strcmp(en, tr((enum i18n_id)id)) == 0;
    }
    CHECK_MSG(same <= 8, "%d strings are English in Portuguese", same);

    /* English needs no catalog, and the context never shows. */
    CHECK(i18n_set_lang(I18N_EN) && !strcmp(i18n_catalog_path(), ""));
    CHECK(!strcmp(tr(I18N_FILTER_SENT), "Sent") && !strcmp(tr(I18N_FILTER_SYSTEM), "System"));

    /* $PONTE_LOCALEDIR first; a folder without the catalog is passed over. */
    setenv("PONTE_LOCALEDIR", "/nonexistent/ponte-locale", 1);
    CHECK(i18n_set_lang(I18N_PT_BR) && !strcmp(tr(I18N_SEND), "Enviar mensagem"));
    CHECK(strstr(i18n_catalog_path(), "/nonexistent/") == NULL);
    unsetenv("PONTE_LOCALEDIR");
    i18n_set_lang(I18N_EN);
}

/* A catalog compiled elsewhere is input: a translation whose printf
 * conversions differ from the English is not used (tr() strings are
 * formats). Writes a little-endian .mo with sorted keys by hand. */
static void test_foreign_catalog(void)
{
    static const char *const pairs[][2] = {
        {"Send message", "Mandar"},
        {"sending %llu\xE2\x80\xA6", "a enviar %llu"},
        {"since %s", "desde %d"},
    };
    enum { N = 3 };
    unsigned char buf[512] = {0};
    uint32_t words[7 + N * 4] = {0x950412de, 0, N, 28, 28 + N * 8};
    size_t at = 28 + N * 16;
    for (int i = 0; i < N; i++)
        for (int t = 0; t < 2; t++) {
            size_t len = strlen(pairs[i][t]);
            words[7 + t * N * 2 + i * 2] = (uint32_t)len;
            words[7 + t * N * 2 + i * 2 + 1] = (uint32_t)at;
            memcpy(buf + at, pairs[i][t], len + 1);
            at += len + 1;
        }
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        for (int b = 0; b < 4; b++)
            buf[w * 4 + (size_t)b] = (unsigned char)(words[w] >> (8 * b));
    /* <tmp>/share/locale/pt_BR/LC_MESSAGES/ponte.mo, and an empty <tmp>/bin. */
    static const char *const dirs[] = {"bin", "share", "share/locale", "share/locale/pt_BR",
                                       "share/locale/pt_BR/LC_MESSAGES"};
    char dir[] = "/tmp/ponte-i18n-XXXXXX", path[512], locale[64], bin[64];
    CHECK(mkdtemp(dir) != NULL);
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, dirs[i]);
        CHECK(mkdir(path, 0700) == 0);
    }
    snprintf(locale, sizeof locale, "%s/share/locale", dir);
    snprintf(bin, sizeof bin, "%s/bin/", dir);
    snprintf(path, sizeof path, "%s/pt_BR/LC_MESSAGES/ponte.mo", locale);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(buf, 1, at, f) == at && fclose(f) == 0);

    setenv("PONTE_LOCALEDIR", locale, 1);
    CHECK(i18n_set_lang(I18N_PT_BR) && !strcmp(i18n_catalog_path(), path));
    CHECK(!strcmp(tr(I18N_SEND), "Mandar"));
    CHECK(!strcmp(tr(I18N_SENDING_COUNT), "a enviar %llu"));
    CHECK(!strcmp(tr(I18N_CONNECTED_SINCE), "since %s"));   /* %d for %s: English */
    CHECK(!strcmp(tr(I18N_CLOSE), "Close connection"));     /* not in it: English */

    /* Next to the program: <bin>/../share/locale, before the compiled-in
     * places. */
    unsetenv("PONTE_LOCALEDIR");
    i18n_set_program_dir(bin);
    CHECK(i18n_set_lang(I18N_PT_BR) && strstr(i18n_catalog_path(), "/bin/../share/locale/pt_BR/") != NULL);
    CHECK(!strcmp(tr(I18N_SEND), "Mandar"));
    i18n_set_program_dir(NULL);
    CHECK(i18n_set_lang(I18N_PT_BR) && !strcmp(tr(I18N_SEND), "Enviar mensagem"));
    setenv("PONTE_LOCALEDIR", locale, 1);

    /* A file that is not a catalog is passed over for the next place. */
    f = fopen(path, "wb");
    CHECK(f && fwrite("not a catalog", 1, 13, f) == 13 && fclose(f) == 0);
    CHECK(i18n_set_lang(I18N_PT_BR) && strcmp(i18n_catalog_path(), path) != 0);
    CHECK(!strcmp(tr(I18N_SEND), "Enviar mensagem"));
    unsetenv("PONTE_LOCALEDIR");
    remove(path);
    for (size_t i = sizeof dirs / sizeof dirs[0]; i-- > 0;) {
        snprintf(path, sizeof path, "%s/%s", dir, dirs[i]);
        CHECK(rmdir(path) == 0);
    }
    CHECK(rmdir(dir) == 0);
    i18n_set_lang(I18N_EN);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "environment")) {
        char *none[] = {"pt_BR"};
        test_startup(1, none, "pt_BR");
        return check_summary("i18n environment");
    }
    if (argc > 1) {
        test_startup(argc - 1, argv + 1, argv[argc - 1]);
        return check_summary("i18n startup");
    }
    test_url_reasons();
    test_catalog();
    test_foreign_catalog();
    CHECK(i18n_lang_for_locale("pt_BR.UTF-8") == I18N_PT_BR);
    CHECK(i18n_lang_for_locale("pt_PT") == I18N_PT_BR);
    CHECK(i18n_lang_for_locale("en_US.UTF-8") == I18N_EN);
    CHECK(i18n_lang_for_locale("C.UTF-8") == I18N_EN);
    CHECK(i18n_lang_for_locale("C") == I18N_EN);
    CHECK(i18n_lang_for_locale(NULL) == I18N_EN);
    CHECK(i18n_lang_for_locale("") == I18N_EN);

    /* The environment: LC_ALL wins over LC_MESSAGES over LANG; empty ones
     * are skipped. No locale needs to be installed for this. */
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "pt_BR.UTF-8", 1);
    CHECK(i18n_lang_from_environment() == I18N_PT_BR);
    setenv("LC_MESSAGES", "en_GB.UTF-8", 1);
    CHECK(i18n_lang_from_environment() == I18N_EN);
    setenv("LC_ALL", "pt_BR", 1);
    CHECK(i18n_lang_from_environment() == I18N_PT_BR);
    setenv("LC_ALL", "", 1);
    CHECK(i18n_lang_from_environment() == I18N_EN);
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    CHECK(i18n_lang_from_environment() == I18N_EN);

    /* The original demo's words. */
    i18n_set_lang(I18N_PT_BR);
    CHECK(i18n_get_lang() == I18N_PT_BR);
    CHECK(!strcmp(tr(I18N_STATE_CONNECTING), "Conectando..."));
    CHECK(!strcmp(tr(I18N_STATE_CONNECTED), "Conectado"));
    CHECK(!strcmp(tr(I18N_STATE_DISCONNECTED), "Websocket desconectado."));
    CHECK(!strcmp(tr(I18N_SEND), "Enviar mensagem"));
    CHECK(!strcmp(tr(I18N_CLOSE), "Finalizar conex\xC3\xA3o"));
    CHECK(!strcmp(tr(I18N_SENT), "Enviado"));
    CHECK(!strcmp(tr(I18N_RECEIVED), "Recebido"));
    CHECK(!strcmp(tr(I18N_NOT_SENT), "N\xC3\xA3o enviado"));
    CHECK(!strcmp(tr(I18N_CONNECT), "Conectar"));
    CHECK(!strcmp(tr_net_error(NET_ERROR_REFUSED), "conex\xC3\xA3o recusada"));
    CHECK(!strcmp(tr_close_code(1000), "normal"));

    i18n_set_lang(I18N_EN);
    CHECK(!strcmp(tr(I18N_STATE_CONNECTING), "Connecting\xE2\x80\xA6"));
    CHECK(!strcmp(tr(I18N_SEND), "Send message"));
    CHECK(!strcmp(tr(I18N_CLOSE), "Close connection"));
    CHECK(!strcmp(tr(I18N_SENT), "Sent"));
    CHECK(!strcmp(tr(I18N_RECEIVED), "Received"));
    CHECK(!strcmp(tr(I18N_NOT_SENT), "Not sent"));
    CHECK(!strcmp(tr_net_error(NET_ERROR_TLS_VERIFY), "TLS: certificate verify failed"));
    CHECK(!strcmp(tr_close_code(1006), "abnormal closure"));
    CHECK(!strcmp(tr_close_code(1009), "message too big"));
    CHECK(!strcmp(tr_close_code(4000), "private code"));
    CHECK(!strcmp(tr_close_code(3000), "registered code"));
    CHECK(!strcmp(tr_close_code(2000), "unknown code"));
    CHECK(!strcmp(tr_close_code(5000), "unknown code"));
    CHECK(!strcmp(tr(I18N_COUNT), ""));

    /* Every string in both languages: present, valid UTF-8, and with the
     * same printf conversions in the same order. */
    for (int lang_i = 0; lang_i < 2; lang_i++) {
        i18n_set_lang((enum i18n_lang)lang_i);
        for (int id = 0; id < I18N_COUNT; id++) {
            const char *s = tr((enum i18n_id)id);
            CHECK_MSG(s && *s, "string %d empty in language %d", id, lang_i);
            CHECK_MSG(utf8_valid(s, strlen(s)), "string %d not UTF-8", id);
        }
        for (int e = 0; e < NET_ERROR_COUNT; e++) {
            const char *s = tr_net_error((enum net_error)e);
            CHECK_MSG(s && *s && utf8_valid(s, strlen(s)), "error %d in language %d", e, lang_i);
        }
    }
    for (int id = 0; id < I18N_COUNT; id++) {
        char en[64] = "", pt[64] = "";
        size_t ne = 0, np = 0;
        i18n_set_lang(I18N_EN);
        for (const char *p = tr((enum i18n_id)id); *p && ne < 60; p++)
            if (*p == '%') {
                en[ne++] = p[1];
                if (p[1] == 'z')
                    en[ne++] = p[2];
            }
        i18n_set_lang(I18N_PT_BR);
        for (const char *p = tr((enum i18n_id)id); *p && np < 60; p++)
            if (*p == '%') {
                pt[np++] = p[1];
                if (p[1] == 'z')
                    pt[np++] = p[2];
            }
        CHECK_MSG(!strcmp(en, pt), "string %d: conversions '%s' vs '%s'", id, en, pt);
    }
    return check_summary("i18n");
}
