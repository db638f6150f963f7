/* i18n: every user-visible string of the window, in English and Brazilian
 * Portuguese, in one table. The Portuguese connection words are the
 * original echo demo's. */
#ifndef PONTE_I18N_H
#define PONTE_I18N_H

#include <stdbool.h>

#include "codec.h"
#include "msg.h"

enum i18n_lang {
    I18N_EN,
    I18N_PT_BR,
};

/* X(id, English, Portuguese). Strings with a printf conversion say so in
 * the id's comment; both languages take the same conversions in order. */
#define I18N_STRINGS(X)                                                                  \
    X(STATE_CONNECTING, "Connecting\xE2\x80\xA6", "Conectando...")                       \
    X(STATE_CONNECTED, "Connected", "Conectado")                                         \
    X(STATE_DISCONNECTED, "Disconnected", "Websocket desconectado.")                     \
    X(STATE_STARTING, "Starting\xE2\x80\xA6", "Iniciando...")                            \
    X(SEND, "Send message", "Enviar mensagem")                                           \
    X(CLOSE, "Close connection", "Finalizar conex\xC3\xA3o")                             \
    X(CONNECT, "Connect", "Conectar")                                                    \
    X(SENT, "Sent", "Enviado")                                                           \
    X(RECEIVED, "Received", "Recebido")                                                  \
    X(NOT_SENT, "Not sent", "N\xC3\xA3o enviado")                                        \
    X(SENDING, "Sending\xE2\x80\xA6", "Enviando...")                                     \
    X(QUEUED, "Queued", "Na fila")                                                       \
    X(NOT_SENT_NOTE, "Click to put it back in the message box",                          \
      "Clique para voltar \xC3\xA0 caixa de mensagem")                                   \
    X(PLACEHOLDER, "Type a message and press Enter", "Digite uma mensagem e tecle Enter") \
    X(EMPTY, "No messages yet", "Nenhuma mensagem ainda")                                \
    X(COPIED, "Copied to the clipboard", "Copiado para a \xC3\xA1rea de transfer\xC3\xAAncia") \
    X(SHOW_ALL, "Show all", "Mostrar tudo")                                              \
    X(SHOW_LESS, "Show less", "Mostrar menos")                                           \
    X(SHOW_RAW, "Raw", "Texto puro")                                                     \
    X(SHOW_JSON, "JSON", "JSON")                                                         \
    X(THEME_DARK, "Dark", "Escuro")                                                      \
    X(THEME_LIGHT, "Light", "Claro")                                                     \
    X(RECONNECT_NOW, "Reconnect now", "Reconectar agora")                                \
    X(DISCONNECT, "Disconnect", "Desconectar")                                           \
    X(OSK_SPACE, "space", "espa\xC3\xA7o")                                              \
    X(OSK_SEND, "Send", "Enviar")                                                        \
    X(KIOSK_HOLD_TO_QUIT, "Keep holding to quit", "Continue segurando para sair")        \
    X(STALE, "No data for %d s \xE2\x80\x94 reconnecting", "Sem dados h\xC3\xA1 %d s \xE2\x80\x94 reconectando") /* %d: seconds */ \
    X(SENDING_COUNT, "sending %llu\xE2\x80\xA6", "enviando %llu...") /* %llu: messages */  \
    X(URL_PLACEHOLDER, "ws:// or wss:// address", "Endere\xC3\xA7o ws:// ou wss://")      \
    X(URL_INVALID, "Not a WebSocket URL: %s", "N\xC3\xA3o \xC3\xA9 uma URL de WebSocket: %s") \
    X(RECENT_URLS, "Recent addresses", "Endere\xC3\xA7os recentes")                        \
    X(FORGET_URL, "Forget", "Esquecer")                                                  \
    X(INSECURE, "insecure", "inseguro")                                                  \
    /* %d: seconds, %u: attempt */                                                      \
    X(RECONNECTING, "reconnecting in %d s (attempt %u)", "reconectando em %d s (tentativa %u)") \
    /* %s: time of day */                                                                \
    X(CONNECTED_SINCE, "since %s", "desde %s")                                           \
    /* %s: the proxy's host:port */                                                      \
    X(VIA_PROXY, "via proxy %s", "pelo proxy %s")                                        \
    /* %s: a duration like 0.42 ms */                                                    \
    X(PING_RTT, "ping %s", "ping %s")                                                    \
    /* %llu: count */                                                                    \
    X(RECONNECTS, "%llu reconnects", "%llu reconex\xC3\xB5" "es")                         \
    X(RECONNECTS_ONE, "1 reconnect", "1 reconex\xC3\xA3o")                                 \
    X(COMPOSE_TEXT, "Text", "Texto")                                                     \
    X(COMPOSE_HEX, "Hex", "Hex")                                                         \
    X(COMPOSE_BASE64, "Base64", "Base64")                                                \
    X(PLACEHOLDER_HEX, "Hex bytes, like 48 65 6c 6c 6f, sent as binary",                \
      "Bytes em hexadecimal, como 48 65 6c 6c 6f, enviados como bin\xC3\xA1rio")           \
    X(PLACEHOLDER_BASE64, "Base64, like SGVsbG8=, sent as binary",                      \
      "Base64, como SGVsbG8=, enviado como bin\xC3\xA1rio")                               \
    /* %s: the reason */                                                                 \
    X(COMPOSE_INVALID, "Not sent: %s", "N\xC3\xA3o enviado: %s")                        \
    X(FIND_PLACEHOLDER, "Find in messages", "Buscar nas mensagens")                      \
    X(FIND_NONE, "No matches", "Nenhum resultado")                                       \
    /* %llu: count */                                                                    \
    X(FIND_ONE, "1 match", "1 resultado")                                                \
    X(FIND_MANY, "%llu matches", "%llu resultados")                                      \
    X(FIND_SEARCHING, "Searching\xE2\x80\xA6 %llu", "Buscando... %llu")                    \
    /* %llu: the current hit, %llu: all */                                               \
    X(FIND_OF, "%llu of %llu", "%llu de %llu")                                           \
    X(FIND_ONLY_MATCHES, "Only matches", "S\xC3\xB3 resultados")                           \
    X(FILTER_SENT, "Sent", "Enviadas")                                                   \
    X(FILTER_RECEIVED, "Received", "Recebidas")                                          \
    X(FILTER_SYSTEM, "System", "Sistema")                                                \
    /* %zu: count */                                                                     \
    X(NEW_MESSAGE, "\xE2\x86\x93 %zu new message", "\xE2\x86\x93 %zu nova mensagem")         \
    X(NEW_MESSAGES, "\xE2\x86\x93 %zu new messages", "\xE2\x86\x93 %zu novas mensagens")     \
    /* %s: URL */                                                                        \
    X(EVENT_CONNECTED, "Connected to %s", "Conectado a %s")                              \
    X(EVENT_CONNECTING_TO, "Connecting to %s", "Conectando a %s")                        \
    X(OLDER_MESSAGES, "%llu older messages no longer shown",                             \
      "%llu mensagens mais antigas n\xC3\xA3o s\xC3\xA3o mais mostradas") /* %llu */         \
    /* %d: code, %s: name, %s: reason text (may be empty) */                             \
    X(EVENT_CLOSED_BY_SERVER, "Closed by server: %d %s%s", "Fechada pelo servidor: %d %s%s") \
    X(EVENT_CLOSED_BY_CLIENT, "Closed by you: %d %s%s", "Fechada por voc\xC3\xAA: %d %s%s")   \
    X(EVENT_CONNECTION_LOST, "Connection lost: %d %s", "Conex\xC3\xA3o perdida: %d %s")  \
    /* %s: error, %s: detail (may be empty) */                                           \
    X(EVENT_FAILED, "Connection failed: %s%s", "Falha na conex\xC3\xA3o: %s%s")          \
    /* %d: port */                                                                       \
    X(EVENT_LISTENING, "Built-in echo server on 127.0.0.1:%d",                           \
      "Servidor de eco embutido em 127.0.0.1:%d")                                        \
    /* %s: close code name */                                                            \
    X(REASON_CLOSED_BY_SERVER, "closed by server: %d %s", "fechada pelo servidor: %d %s") \
    X(REASON_CLOSED_BY_CLIENT, "closed by you: %d %s", "fechada por voc\xC3\xAA: %d %s")  \
    /* %zu: bytes */                                                                     \
    X(BINARY_MESSAGE, "binary \xC2\xB7 %zu bytes", "bin\xC3\xA1rio \xC2\xB7 %zu bytes")      \
    X(MORE_BYTES, "\xE2\x80\xA6 %zu more bytes", "\xE2\x80\xA6 mais %zu bytes")         \
    X(CLOSE_NORMAL, "normal", "normal")                                                  \
    X(CLOSE_GOING_AWAY, "going away", "saindo")                                          \
    X(CLOSE_PROTOCOL_ERROR, "protocol error", "erro de protocolo")                       \
    X(CLOSE_UNSUPPORTED, "unsupported data", "dados n\xC3\xA3o suportados")             \
    X(CLOSE_NO_STATUS, "no status", "sem c\xC3\xB3" "digo")                            \
    X(CLOSE_ABNORMAL, "abnormal closure", "encerramento anormal")                        \
    X(CLOSE_INVALID_PAYLOAD, "invalid data", "dados inv\xC3\xA1lidos")                   \
    X(CLOSE_POLICY, "policy violation", "viola\xC3\xA7\xC3\xA3o de pol\xC3\xADtica")    \
    X(CLOSE_TOO_BIG, "message too big", "mensagem grande demais")                        \
    X(CLOSE_EXTENSION, "missing extension", "extens\xC3\xA3o ausente")                   \
    X(CLOSE_SERVER_ERROR, "server error", "erro no servidor")                            \
    X(CLOSE_RESTART, "service restart", "servi\xC3\xA7o reiniciando")                    \
    X(CLOSE_TRY_AGAIN, "try again later", "tente mais tarde")                            \
    X(CLOSE_BAD_GATEWAY, "bad gateway", "gateway inv\xC3\xA1lido")                       \
    X(CLOSE_TLS, "TLS handshake failure", "falha no handshake TLS")                      \
    X(CLOSE_UNKNOWN, "unknown code", "c\xC3\xB3" "digo desconhecido")

enum i18n_id {
#define I18N_ENUM(id, en, pt) I18N_##id,
    I18N_STRINGS(I18N_ENUM)
#undef I18N_ENUM
    I18N_COUNT
};

/* The language for a POSIX locale value (LC_ALL / LC_MESSAGES / LANG):
 * "pt*" gives Portuguese, anything else (or NULL) English. */
enum i18n_lang i18n_lang_for_locale(const char *locale);
/* The language the environment asks for: the first non-empty of LC_ALL,
 * LC_MESSAGES, LANG. Works whatever locales are installed. */
enum i18n_lang i18n_lang_from_environment(void);

void i18n_set_lang(enum i18n_lang lang);
enum i18n_lang i18n_get_lang(void);
const char *tr(enum i18n_id id);
/* The words for a network error and for a close code (RFC 6455 7.4.1). */
const char *tr_net_error(enum net_error error);
const char *tr_codec_error(enum codec_code code);
/* url_parse's reason (English) in the current language. */
const char *tr_url_error(const char *reason);
const char *tr_close_code(int code);

#endif
