/* i18n: see i18n.h. The language is set once at start-up on the UI thread
 * (before the window exists) and only read afterwards. */
#include "i18n.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const strings[2][I18N_COUNT] = {
    [I18N_EN] = {
#define I18N_EN_TEXT(id, en, pt) en,
        I18N_STRINGS(I18N_EN_TEXT)
#undef I18N_EN_TEXT
    },
    [I18N_PT_BR] = {
#define I18N_PT_TEXT(id, en, pt) pt,
        I18N_STRINGS(I18N_PT_TEXT)
#undef I18N_PT_TEXT
    },
};

static enum i18n_lang current = I18N_EN;

enum i18n_lang i18n_lang_for_locale(const char *locale)
{
    if (locale && tolower((unsigned char)locale[0]) == 'p' && tolower((unsigned char)locale[1]) == 't')
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

void i18n_set_lang(enum i18n_lang lang)
{
    current = lang == I18N_PT_BR ? I18N_PT_BR : I18N_EN;
}

enum i18n_lang i18n_get_lang(void)
{
    return current;
}

const char *tr(enum i18n_id id)
{
    if ((unsigned)id >= I18N_COUNT)
        return "";
    return strings[current][id];
}

/* Portuguese for each net_error; English comes from msg.h's table, which the
 * transcript also uses. */
static const char *const net_error_pt[NET_ERROR_COUNT] = {
    [NET_ERROR_NONE] = "sem erro",
    [NET_ERROR_REFUSED] = "conex\xC3\xA3o recusada",
    [NET_ERROR_TIMEOUT] = "tempo esgotado",
    [NET_ERROR_HOST_NOT_FOUND] = "servidor n\xC3\xA3o encontrado",
    [NET_ERROR_UNREACHABLE] = "rede inacess\xC3\xADvel",
    [NET_ERROR_TLS_VERIFY] = "TLS: falha na verifica\xC3\xA7\xC3\xA3o do certificado",
    [NET_ERROR_TLS_HANDSHAKE] = "falha no handshake TLS",
    [NET_ERROR_HANDSHAKE] = "o servidor recusou o handshake WebSocket",
    [NET_ERROR_CONNECTION_LOST] = "conex\xC3\xA3o perdida",
    [NET_ERROR_PING_TIMEOUT] = "sem resposta aos pings",
    [NET_ERROR_INVALID_UTF8] = "UTF-8 inv\xC3\xA1lido numa mensagem de texto",
    [NET_ERROR_TOO_BIG] = "mensagem grande demais",
    [NET_ERROR_NOT_CONNECTED] = "n\xC3\xA3o conectado",
    [NET_ERROR_NO_MEMORY] = "mem\xC3\xB3ria insuficiente",
    [NET_ERROR_CANCELLED] = "cancelada",
    /* (Split where a letter would continue the \x escape; in parentheses so
     * that clang sees one string, not a missing comma.) */
    [NET_ERROR_LISTEN] = ("o servidor de eco embutido n\xC3\xA3o p\xC3\xB4" "de iniciar"),
    [NET_ERROR_PROXY_REFUSED] = "o proxy recusou a conex\xC3\xA3o",
    [NET_ERROR_PROXY_DENIED] = "o proxy recusou o t\xC3\xBAnel",
    [NET_ERROR_OTHER] = "falha na conex\xC3\xA3o",
};

/* Portuguese for each codec error (the composer's hex and base64). */
static const char *const codec_error_pt[CODEC_CODE_COUNT] = {
    [CODEC_OK] = "sem erro",
    [CODEC_OUT_OF_MEMORY] = "mem\xC3\xB3ria insuficiente",
    [CODEC_HEX_INVALID_CHARACTER] = "n\xC3\xA3o \xC3\xA9 um d\xC3\xADgito hexadecimal",
    [CODEC_HEX_ODD_DIGITS] = "um byte leva dois d\xC3\xADgitos: este grupo tem um n\xC3\xBAmero \xC3\xADmpar",
    [CODEC_HEX_EMPTY_PREFIX] = "0x sem d\xC3\xADgitos depois",
    [CODEC_HEX_MISPLACED_SEPARATOR] = "um separador fica entre dois bytes",
    [CODEC_BASE64_INVALID_CHARACTER] = "n\xC3\xA3o \xC3\xA9 um caractere base64 (A-Z a-z 0-9 + / =)",
    [CODEC_BASE64_TRUNCATED] = "base64 vem em grupos de quatro: o \xC3\xBAltimo tem um",
    [CODEC_BASE64_MISSING_PADDING] = "o \xC3\xBAltimo grupo est\xC3\xA1 incompleto: falta o '='",
    [CODEC_BASE64_MISPLACED_PADDING] = ("'=' s\xC3\xB3 preenche as duas \xC3\xBAltimas posi\xC3\xA7\xC3\xB5" "es"),
    [CODEC_BASE64_AFTER_PADDING] = "h\xC3\xA1 dados depois do '=' que encerra o base64",
    [CODEC_BASE64_TRAILING_BITS] = "este \xC3\xBAltimo caractere tem bits al\xC3\xA9m do \xC3\xBAltimo byte",
};

const char *tr_codec_error(enum codec_code code)
{
    if ((unsigned)code >= CODEC_CODE_COUNT)
        code = CODEC_HEX_INVALID_CHARACTER;
    if (current == I18N_PT_BR && codec_error_pt[code])
        return codec_error_pt[code];
    return codec_error_text(code);
}

/* url_parse's reasons, each with its Portuguese. */
static const char *const url_error_pt[][2] = {
    {"the URL is empty", "a URL est\xC3\xA1 vazia"},
    {"the scheme must be ws:// or wss://", "o esquema deve ser ws:// ou wss://"},
    {"the URL must start with ws:// or wss://", "a URL deve come\xC3\xA7" "ar com ws:// ou wss://"},
    {"user names and passwords in the URL are not supported",
     "usu\xC3\xA1rio e senha na URL n\xC3\xA3o s\xC3\xA3o aceitos"},
    {"the URL has no host", "a URL n\xC3\xA3o tem host"},
    {"an IPv6 address must end with ']'", "um endere\xC3\xA7o IPv6 deve terminar com ']'"},
    {"the IPv6 address is not valid", "o endere\xC3\xA7o IPv6 n\xC3\xA3o \xC3\xA9 v\xC3\xA1lido"},
    {"unexpected text after the IPv6 address", "texto inesperado depois do endere\xC3\xA7o IPv6"},
    {"the host name has a character that is not allowed",
     "o nome do host tem um caractere n\xC3\xA3o permitido"},
    {"the host name is too long", "o nome do host \xC3\xA9 longo demais"},
    {"the port must be a number from 1 to 65535", "a porta deve ser um n\xC3\xBAmero de 1 a 65535"},
    {"a WebSocket URL cannot have a #fragment", "uma URL de WebSocket n\xC3\xA3o pode ter #fragmento"},
    {"the path has a character that must be %-escaped",
     "o caminho tem um caractere que deve ser escrito com %"},
    {"the path is too long", "o caminho \xC3\xA9 longo demais"},
};

const char *tr_url_error(const char *reason)
{
    if (current != I18N_PT_BR)
        return reason;
    for (size_t i = 0; i < sizeof url_error_pt / sizeof url_error_pt[0]; i++)
        if (strcmp(url_error_pt[i][0], reason) == 0)
            return url_error_pt[i][1];
    return reason;
}

const char *tr_net_error(enum net_error error)
{
    if ((unsigned)error >= NET_ERROR_COUNT)
        error = NET_ERROR_OTHER;
    if (current == I18N_PT_BR && net_error_pt[error])
        return net_error_pt[error];
    return net_error_text(error);
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
    default: return tr(I18N_CLOSE_UNKNOWN);
    }
}
