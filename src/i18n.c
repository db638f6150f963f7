/* SPDX-License-Identifier: MIT */
/* i18n: see i18n.h. The language is set once at start-up on the UI thread
 * (before the window exists) and only read afterwards; tests switch it
 * between frames. Lookups go through our own .mo reader, not gettext(3):
 * glibc's gettext picks a catalog only when a matching locale is installed
 * (or LANGUAGE is set and the locale is not "C"), and Windows has no glibc. */
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "grow.h"
#include "mo.h"

/* The keys: English msgids, "context\004msgid" for an entry with one. */
static const char *const keys[I18N_COUNT] = {
#define I18N_KEY(id, text) text,
    I18N_STRINGS(I18N_KEY)
#undef I18N_KEY
};

/* Catalog names in the directory layout gettext uses. */
static const char *const catalog_names[] = {
    [I18N_EN] = NULL,
    [I18N_PT_BR] = "pt_BR",
};

static enum i18n_lang current = I18N_EN;
static unsigned char *catalog_data; /* the .mo file, owned here */
static struct mo_catalog catalog;
static char catalog_path[1024];
static char program_dir[1024];

/* A catalog is a few kilobytes; anything much bigger is not ours. */
#define I18N_MAX_CATALOG (16u << 20)

static bool read_catalog(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    unsigned char *data = NULL;
    size_t size = 0, cap = 0;
    for (;;) {
        if (size == cap && (cap >= I18N_MAX_CATALOG || !grow(&data, &cap, cap + 1, 1, 16384)))
            break;
        size_t n = fread(data + size, 1, cap - size, f);
        size += n;
        if (n == 0)
            break;
    }
    bool ok = !ferror(f) && feof(f) && mo_open(&catalog, data, size);
    fclose(f);
    if (!ok) {
        free(data);
        memset(&catalog, 0, sizeof catalog);
        return false;
    }
    catalog_data = data;
    return true;
}

static void unload_catalog(void)
{
    free(catalog_data);
    catalog_data = NULL;
    memset(&catalog, 0, sizeof catalog);
    catalog_path[0] = '\0';
}

/* Tries <dir>/<name>/LC_MESSAGES/ponte.mo; notes the place in catalog_path
 * (a list of the places tried, while none worked). */
static bool load_from(const char *dir, const char *name)
{
    if (!dir || !*dir)
        return false;
    char path[sizeof catalog_path];
    if (snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/ponte.mo", dir, name) >= (int)sizeof path)
        return false;
    if (read_catalog(path)) {
        snprintf(catalog_path, sizeof catalog_path, "%s", path);
        return true;
    }
    /* Cut short when the list gets long: it is only for a message. */
    size_t used = strlen(catalog_path);
    if (used && used + 2 < sizeof catalog_path) {
        memcpy(catalog_path + used, ", ", 2);
        used += 2;
    }
    size_t room = sizeof catalog_path - 1 - used, length = strlen(path);
    memcpy(catalog_path + used, path, length < room ? length : room);
    catalog_path[used + (length < room ? length : room)] = '\0';
    return false;
}

enum i18n_lang i18n_lang_for_locale(const char *locale)
{
    if (locale && ascii_starts_with(locale, "pt"))
        return I18N_PT_BR;
    return I18N_EN;
}

enum i18n_lang i18n_lang_from_environment(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *value = getenv(vars[i]);
        if (value && *value)
            return i18n_lang_for_locale(value);
    }
    return I18N_EN;
}

bool i18n_set_lang(enum i18n_lang lang)
{
    unload_catalog();
    current = I18N_EN;
    if (lang != I18N_PT_BR)
        return true;
    const char *name = catalog_names[lang];
    bool found = load_from(getenv("PONTE_LOCALEDIR"), name);
    static const char *const relative[] = {"po", "locale", "../share/locale"};
    for (size_t i = 0; i < sizeof relative / sizeof relative[0] && !found && program_dir[0]; i++) {
        char dir[sizeof program_dir + 32];
        snprintf(dir, sizeof dir, "%s%s", program_dir, relative[i]);
        found = load_from(dir, name);
    }
    if (!found
#ifdef PONTE_LOCALEDIR
        && !load_from(PONTE_LOCALEDIR, name)
#endif
#ifdef PONTE_BUILD_LOCALEDIR
        && !load_from(PONTE_BUILD_LOCALEDIR, name)
#endif
    )
        return false;
    current = lang;
    return true;
}

void i18n_set_program_dir(const char *dir)
{
    /* Too long a path is as good as none: the compiled-in places remain. */
    if (!dir || strlen(dir) >= sizeof program_dir)
        program_dir[0] = '\0';
    else
        memcpy(program_dir, dir, strlen(dir) + 1);
}

enum i18n_lang i18n_get_lang(void)
{
    return current;
}

const char *i18n_catalog_path(void)
{
    return catalog_path;
}

/* The translation of a key, or its English: the text after any context. */
static const char *translate(const char *key)
{
    const char *text = mo_lookup(&catalog, key);
    if (text)
        return text;
    const char *context_end = strchr(key, '\004');
    return context_end ? context_end + 1 : key;
}

/* The next printf conversion from *p on ("%llu" gives "llu", "%%" none),
 * or false at the end. */
static bool next_conversion(const char **p, char *spec, size_t cap)
{
    for (const char *s = *p; (s = strchr(s, '%')) != NULL;) {
        if (s[1] == '%') {
            s += 2;
            continue;
        }
        size_t n = 0;
        for (s++; *s && n + 1 < cap; s++) {
            spec[n++] = *s;
            if (strchr("diouxXeEfFgGaAcspn", *s))
                break;
        }
        spec[n] = '\0';
        *p = *s ? s + 1 : s;
        return true;
    }
    return false;
}

/* Whether a translation takes the same printf conversions as its English:
 * tr() strings are formats, and a catalog is input (msgfmt --check
 * guards ours, not one someone else compiled). */
static bool same_conversions(const char *english, const char *text)
{
    char a[16], b[16];
    for (;;) {
        bool more_a = next_conversion(&english, a, sizeof a), more_b = next_conversion(&text, b, sizeof b);
        if (more_a != more_b || (more_a && strcmp(a, b) != 0))
            return false;
        if (!more_a)
            return true;
    }
}

const char *tr(enum i18n_id id)
{
    if ((unsigned)id >= I18N_COUNT)
        return "";
    const char *text = translate(keys[id]), *context_end = strchr(keys[id], '\004');
    const char *english = context_end ? context_end + 1 : keys[id];
    return text == english || same_conversions(english, text) ? text : english;
}

const char *tr_msgid(const char *msgid)
{
    return translate(msgid);
}

const char *tr_codec_error(enum codec_code code)
{
    if ((unsigned)code >= CODEC_CODE_COUNT)
        code = CODEC_HEX_INVALID_CHARACTER;
    return translate(codec_error_text(code));
}

/* The English words of each reason are its msgid (url.h's table). */
const char *tr_url_error(enum url_error error)
{
    return error == URL_OK ? "" : translate(url_error_text(error));
}

const char *tr_net_error(enum net_error error)
{
    if ((unsigned)error >= NET_ERROR_COUNT)
        error = NET_ERROR_OTHER;
    return translate(net_error_text(error));
}

const char *tr_frames_error(enum frames_error error)
{
    return error == FRAMES_OK ? "" : translate(frames_error_text(error));
}

const char *tr_close_code(int code)
{
    switch (code) {
    case 1000: return tr(I18N_CLOSE_NORMAL);
    case 1001: return tr(I18N_CLOSE_GOING_AWAY);
    case 1002: return tr(I18N_CLOSE_PROTOCOL_ERROR);
    case 1003: return tr(I18N_CLOSE_UNSUPPORTED);
    case 1005: return tr(I18N_CLOSE_NO_STATUS);
    case 1006: return tr(I18N_CLOSE_ABNORMAL);
    case 1007: return tr(I18N_CLOSE_INVALID_PAYLOAD);
    case 1008: return tr(I18N_CLOSE_POLICY);
    case 1009: return tr(I18N_CLOSE_TOO_BIG);
    case 1010: return tr(I18N_CLOSE_EXTENSION);
    case 1011: return tr(I18N_CLOSE_SERVER_ERROR);
    case 1012: return tr(I18N_CLOSE_RESTART);
    case 1013: return tr(I18N_CLOSE_TRY_AGAIN);
    case 1014: return tr(I18N_CLOSE_BAD_GATEWAY);
    case 1015: return tr(I18N_CLOSE_TLS);
    default:
        /* RFC 6455 7.4.2: 3000-3999 registered with IANA, 4000-4999 for
         * private use (a close the person chose is often one of these). */
        if (code >= 3000 && code <= 3999)
            return tr(I18N_CLOSE_REGISTERED);
        if (code >= 4000 && code <= 4999)
            return tr(I18N_CLOSE_PRIVATE);
        return tr(I18N_CLOSE_UNKNOWN);
    }
}
