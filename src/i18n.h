/* SPDX-License-Identifier: MIT */
/* i18n: every user-visible string of the window in one table, in English;
 * other languages come from gettext catalogs (po/<lang>.po, compiled to .mo by
 * meson) read by src/mo.c, so that they do not depend on the locales the
 * system has installed. The Portuguese connection words in po/pt_BR.po are
 * the original echo demo's. */
#ifndef PONTE_I18N_H
#define PONTE_I18N_H

#include <stdbool.h>

#include "codec.h"
#include "frames.h"
#include "msg.h"
#include "url.h"

enum i18n_lang {
    I18N_EN,
    I18N_PT_BR,
};

/* X(id, msgid). The English text is the msgid of the gettext catalog
 * (po/ponte.pot, po/<lang>.po) and what shows when there is no catalog.
 * N_() and NC_() only mark the text for xgettext; NC_ gives a msgctxt for
 * an English word that needs two translations, and makes the key the one
 * a .mo file uses for it, "context\004msgid". Strings with a printf
 * conversion say so in a comment; a translation takes the same conversions
 * in the same order (xgettext flags them c-format, msgfmt --check checks). */
#define N_(text) text
#define NC_(context, text) context "\004" text
#define I18N_STRINGS(X)                                                                             \
    X(STATE_CONNECTING, N_("Connecting\xE2\x80\xA6"))                                               \
    X(STATE_CONNECTED, N_("Connected"))                                                             \
    X(STATE_DISCONNECTED, N_("Disconnected"))                                                       \
    X(STATE_STARTING, N_("Starting\xE2\x80\xA6"))                                                   \
    X(SEND, N_("Send message"))                                                                     \
    X(CLOSE, N_("Close connection"))                                                                \
    X(CONNECT, N_("Connect"))                                                                       \
    X(SENT, N_("Sent"))                                                                             \
    X(RECEIVED, N_("Received"))                                                                     \
    X(NOT_SENT, N_("Not sent"))                                                                     \
    X(SENDING, N_("Sending\xE2\x80\xA6"))                                                           \
    X(QUEUED, N_("Queued"))                                                                         \
    X(NOT_SENT_NOTE, N_("Click to put it back in the message box"))                                 \
    X(PLACEHOLDER, N_("Type a message and press Enter"))                                            \
    X(EMPTY, N_("No messages yet"))                                                                 \
    X(COPIED, N_("Copied to the clipboard"))                                                        \
    X(SHOW_ALL, N_("Show all"))                                                                     \
    X(SHOW_LESS, N_("Show less"))                                                                   \
    X(SHOW_RAW, N_("Raw"))                                                                          \
    X(SHOW_JSON, N_("JSON"))                                                                        \
    X(THEME_DARK, N_("Dark"))                                                                       \
    X(THEME_LIGHT, N_("Light"))                                                                     \
    X(RECONNECT_NOW, N_("Reconnect now"))                                                           \
    X(DISCONNECT, N_("Disconnect"))                                                                 \
    X(OSK_SPACE, N_("space"))                                                                       \
    X(OSK_SEND, N_("Send"))                                                                         \
    X(KIOSK_HOLD_TO_QUIT, N_("Keep holding to quit"))                                               \
    /* %d: seconds */                                                                               \
    X(STALE, N_("No data for %d s \xE2\x80\x94 reconnecting"))                                       \
    /* The replay bar (replaybar.c, player.c); its count is FIND_OF's "%llu of %llu" */            \
    X(REPLAY_TITLE, N_("Replay"))                                                                   \
    X(REPLAY_PAUSE, N_("Pause"))                                                                    \
    X(REPLAY_RESUME, N_("Resume"))                                                                  \
    X(REPLAY_AGAIN, N_("Again"))                                                                    \
    /* the fastest replay speed: as fast as the server takes the messages */                        \
    X(REPLAY_MAX, N_("max"))                                                                        \
    X(REPLAY_PAUSED, N_("Paused"))                                                                  \
    X(REPLAY_TYPING, N_("Paused while you type"))                                                   \
    X(REPLAY_OFFLINE, N_("Waiting for the connection"))                                             \
    X(REPLAY_FINISHED, N_("Replay finished"))                                                       \
    /* %llu: messages */                                                                            \
    X(OLDER_MESSAGES, N_("%llu older messages no longer shown"))                                    \
    /* %llu: messages */                                                                            \
    X(SENDING_COUNT, N_("sending %llu\xE2\x80\xA6"))                                                \
    X(URL_PLACEHOLDER, N_("ws:// or wss:// address"))                                               \
    X(URL_INVALID, N_("Not a WebSocket URL: %s"))                                                   \
    X(RECENT_URLS, N_("Recent addresses"))                                                          \
    X(FORGET_URL, N_("Forget"))                                                                     \
    X(INSECURE, N_("insecure"))                                                                     \
    /* %d: seconds, %u: attempt */                                                                  \
    X(RECONNECTING, N_("reconnecting in %d s (attempt %u)"))                                        \
    /* %s: time of day */                                                                           \
    X(CONNECTED_SINCE, N_("since %s"))                                                              \
    /* %s: the proxy's host:port */                                                                 \
    X(VIA_PROXY, N_("via proxy %s"))                                                                \
    /* %s: a duration like 0.42 ms */                                                               \
    X(PING_RTT, N_("ping %s"))                                                                      \
    /* %llu: count */                                                                               \
    X(RECONNECTS, N_("%llu reconnects"))                                                            \
    X(RECONNECTS_ONE, N_("1 reconnect"))                                                            \
    /* %d: our window's bits, %s: NO_TAKEOVER or "", %d, %s: the server's */                        \
    X(COMPRESSION_AGREED, N_("deflate \xE2\x86\x91%d-bit window%s \xE2\x86\x93%d-bit window%s"))        \
    X(NO_TAKEOVER, N_(", no context takeover"))                                                     \
    /* %s: message bytes, %s: their bytes on the wire */                                            \
    X(BYTES_ON_WIRE, N_("%s, %s on the wire"))                                                      \
    X(RECEIVED_COMPRESSED, N_("Received compressed"))                                               \
    X(COMPOSE_TEXT, N_("Text"))                                                                     \
    X(COMPOSE_HEX, N_("Hex"))                                                                       \
    X(COMPOSE_BASE64, N_("Base64"))                                                                 \
    X(PLACEHOLDER_HEX, N_("Hex bytes, like 48 65 6c 6c 6f, sent as binary"))                        \
    X(PLACEHOLDER_BASE64, N_("Base64, like SGVsbG8=, sent as binary"))                              \
    /* %s: the reason */                                                                            \
    X(COMPOSE_INVALID, N_("Not sent: %s"))                                                          \
    X(FIND_PLACEHOLDER, N_("Find in messages"))                                                     \
    X(FIND_NONE, N_("No matches"))                                                                  \
    /* %llu: count */                                                                               \
    X(FIND_ONE, N_("1 match"))                                                                      \
    X(FIND_MANY, N_("%llu matches"))                                                                \
    X(FIND_SEARCHING, N_("Searching\xE2\x80\xA6 %llu"))                                             \
    /* %llu: the current hit, %llu: all */                                                          \
    X(FIND_OF, N_("%llu of %llu"))                                                                  \
    X(FIND_ONLY_MATCHES, N_("Only matches"))                                                        \
    X(FILTER_SENT, NC_("filter", "Sent"))                                                           \
    X(FILTER_RECEIVED, NC_("filter", "Received"))                                                   \
    X(FILTER_SYSTEM, NC_("filter", "System"))                                                       \
    /* %zu: count */                                                                                \
    X(NEW_MESSAGE, N_("\xE2\x86\x93 %zu new message"))                                              \
    X(NEW_MESSAGES, N_("\xE2\x86\x93 %zu new messages"))                                            \
    /* %s: URL */                                                                                   \
    X(EVENT_CONNECTED, N_("Connected to %s"))                                                       \
    X(EVENT_CONNECTING_TO, N_("Connecting to %s"))                                                  \
    /* %d: code, %s: name, %s: reason text (may be empty) */                                        \
    X(EVENT_CLOSED_BY_SERVER, N_("Closed by server: %d %s%s"))                                      \
    X(EVENT_CLOSED_BY_CLIENT, N_("Closed by you: %d %s%s"))                                         \
    X(EVENT_CONNECTION_LOST, N_("Connection lost: %d %s"))                                          \
    /* %s: error, %s: detail (may be empty) */                                                      \
    X(EVENT_FAILED, N_("Connection failed: %s%s"))                                                  \
    /* %u: how many attempts in a row failed the same way (two or more) */                         \
    X(EVENT_REPEATED, N_(" (%u times)"))                                                            \
    /* The card over the conversation when the server cannot be reached (no network, a name that does not resolve) */ \
    X(OFFLINE_OFFER, N_("The server cannot be reached from here."))                                \
    X(OFFLINE_USE_ECHO, N_("Use the built-in echo server"))                                         \
    /* %d: port */                                                                                  \
    X(EVENT_LISTENING, N_("Built-in echo server on 127.0.0.1:%d"))                                  \
    /* %s: close code name */                                                                       \
    X(REASON_CLOSED_BY_SERVER, N_("closed by server: %d %s"))                                       \
    X(REASON_CLOSED_BY_CLIENT, N_("closed by you: %d %s"))                                          \
    /* %zu: bytes */                                                                                \
    X(BINARY_MESSAGE, N_("binary \xC2\xB7 %zu bytes"))                                              \
    X(MORE_BYTES, N_("\xE2\x80\xA6 %zu more bytes"))                                                \
    X(CLOSE_NORMAL, N_("normal"))                                                                   \
    X(CLOSE_GOING_AWAY, N_("going away"))                                                           \
    X(CLOSE_PROTOCOL_ERROR, N_("protocol error"))                                                   \
    X(CLOSE_UNSUPPORTED, N_("unsupported data"))                                                    \
    X(CLOSE_NO_STATUS, N_("no status"))                                                             \
    X(CLOSE_ABNORMAL, N_("abnormal closure"))                                                       \
    X(CLOSE_INVALID_PAYLOAD, N_("invalid data"))                                                    \
    X(CLOSE_POLICY, N_("policy violation"))                                                         \
    X(CLOSE_TOO_BIG, N_("message too big"))                                                         \
    X(CLOSE_EXTENSION, N_("missing extension"))                                                     \
    X(CLOSE_SERVER_ERROR, N_("server error"))                                                       \
    X(CLOSE_RESTART, N_("service restart"))                                                         \
    X(CLOSE_TRY_AGAIN, N_("try again later"))                                                       \
    X(CLOSE_BAD_GATEWAY, N_("bad gateway"))                                                         \
    X(CLOSE_TLS, N_("TLS handshake failure"))                                                       \
    X(CLOSE_UNKNOWN, N_("unknown code"))                                                            \
    X(SAVED_TITLE, N_("Saved messages"))                                                            \
    /* the status bar's button that opens the panel */                                              \
    X(SAVED_TOGGLE, N_("Saved"))                                                                    \
    /* the live charts (chart.c): the status bar's button that opens them, the panel's title */     \
    X(CHART_TOGGLE, N_("Chart"))                                                                    \
    X(CHART_TITLE, N_("Traffic"))                                                                   \
    X(CHART_CLOSE, N_("Close"))                                                                     \
    /* the legend: messages received, sent, round trips */                                          \
    X(CHART_IN, N_("in"))                                                                           \
    X(CHART_OUT, N_("out"))                                                                         \
    X(CHART_RTT, N_("round trip"))                                                                  \
    /* the three plots */                                                                           \
    X(CHART_MESSAGES, N_("Messages"))                                                               \
    X(CHART_BYTES, N_("Bytes"))                                                                     \
    X(CHART_ROUND_TRIPS, N_("Round trips"))                                                         \
    /* messages per second, after a number */                                                       \
    X(CHART_UNIT_MESSAGES, N_("msg/s"))                                                             \
    /* the time axis's end (the others are "−30 s", "−5 min": symbols) */                          \
    X(CHART_NOW, N_("now"))                                                                         \
    /* the read-out: %s: received, %s: sent (each with its unit, like 12 msg/s) */                  \
    X(CHART_READOUT_IN_OUT, N_("in %s \xC2\xB7 out %s"))                                            \
    /* %s: the mean, %s: the fastest, %s: the slowest (like 1.2 ms) */                              \
    X(CHART_READOUT_RTT, N_("round trip %s (%s to %s)"))                                            \
    X(CHART_READOUT_NO_RTT, N_("no round trips"))                                                   \
    X(SAVED_NAME_PLACEHOLDER, N_("Name (optional)"))                                                \
    X(SAVED_SAVE, N_("Save"))                                                                       \
    X(SAVED_EMPTY, N_("Nothing saved yet. Type a message below, give it a name here and press "    \
                      "Save."))                                                                     \
    X(SAVED_HINT, N_("Click: to the message box \xC2\xB7 Double-click: send"))                       \
    X(SAVED_IMPORT, N_("Import\xE2\x80\xA6"))                                                       \
    X(SAVED_EXPORT, N_("Export\xE2\x80\xA6"))                                                       \
    X(SAVED_IMPORT_GO, N_("Import"))                                                                \
    X(SAVED_EXPORT_GO, N_("Export"))                                                                \
    X(SAVED_CANCEL, N_("Cancel"))                                                                   \
    X(SAVED_PATH_PLACEHOLDER, N_("File (or drop one on the window)"))                               \
    X(SAVED_UNDO, N_("Undo"))                                                                       \
    /* %s: name */                                                                                  \
    X(SAVED_NOTE_SAVED, N_("Saved \xE2\x80\x9C%s\xE2\x80\x9D."))                                     \
    X(SAVED_NOTE_REPLACED, N_("Saved \xE2\x80\x9C%s\xE2\x80\x9D over its old text."))                \
    X(SAVED_NOTE_REMOVED, N_("Removed \xE2\x80\x9C%s\xE2\x80\x9D."))                                 \
    X(SAVED_NOTE_RESTORED, N_("\xE2\x80\x9C%s\xE2\x80\x9D is back."))                                \
    /* %s: file, %zu: messages added, %zu: messages that were already there */                      \
    X(SAVED_NOTE_IMPORTED, N_("From %s: %zu added, %zu already here."))                             \
    /* %zu: messages, %s: file */                                                                   \
    X(SAVED_NOTE_EXPORTED, N_("Wrote %zu saved messages to %s."))                                   \
    /* %s: file */                                                                                  \
    X(SAVED_NOTE_EXISTS, N_("%s already exists: press Export again to replace it."))                \
    X(SAVED_NOTE_FULL, N_("The list is full (1000 messages, or 16 MiB of text): remove some "       \
                          "first."))                                                                \
    X(SAVED_NOTE_TOO_LONG, N_("Too long to save (over 4 MiB)."))                                     \
    /* %s: what went wrong, with the file's name */                                                 \
    X(SAVED_NOTE_READ_FAILED, N_("Could not read %s. Nothing was changed."))                        \
    X(SAVED_NOTE_WRITE_FAILED, N_("Could not write %s. The change holds until Ponte closes."))      \
    X(SAVED_NOTE_EXPORT_FAILED, N_("Could not export: %s."))                                        \
    /* %s: name, %s: why (a decoding error) */                                                      \
    X(SAVED_NOTE_NOT_SENT, N_("\xE2\x80\x9C%s\xE2\x80\x9D was not sent: %s."))                          \
    X(SAVED_NOTE_NO_FILE, N_("There is no home folder to keep saved messages in: they last until "  \
                             "Ponte closes."))                                                               \
    /* %s: MessagePack or CBOR, %zu: bytes */                                                       \
    X(BINARY_FORMAT, N_("%s \xC2\xB7 %zu bytes"))                                                    \
    /* %s: MessagePack or CBOR */                                                                   \
    X(PLACEHOLDER_ENCODED, N_("JSON, like {\"id\": 1}, sent as %s"))                                \
    /* %zu: line, %zu: column */                                                                    \
    X(COMPOSE_NUMBER_RANGE, N_("line %zu, column %zu: a number too large for 64 bits")) \
    /* The frames a person tests a server with (frames.c, framemenu.c). %s: the payload in quotes, \
     * or FRAME_NO_PAYLOAD */                                                                       \
    X(EVENT_PING_SENT, N_("Ping sent: %s"))                                                         \
    X(EVENT_PONG_SENT, N_("Pong sent: %s"))                                                         \
    /* %s: why (a network error) */                                                                 \
    X(EVENT_PING_NOT_SENT, N_("Ping not sent: %s"))                                                 \
    X(EVENT_PONG_NOT_SENT, N_("Pong not sent: %s"))                                                 \
    /* %s: the round trip, like 412 µs; %s: the payload in quotes, or FRAME_NO_PAYLOAD */           \
    X(EVENT_PING_ANSWERED, N_("Pong after %s: %s"))                                                 \
    X(FRAME_NO_PAYLOAD, N_("no payload"))                                                           \
    /* %u: fragments */                                                                             \
    X(SENT_FRAGMENTS, N_("Sent in %u fragments"))                                                   \
    X(SENT_INVALID_UTF8, N_("Sent as text with invalid UTF-8"))                                     \
    /* Export (exportbar.c, export.c) */                                                            \
    X(EXPORT_WHAT_ALL, N_("Whole conversation"))                                                    \
    X(EXPORT_WHAT_FILTERED, N_("Filtered view"))                                                    \
    X(EXPORT_WHAT_SELECTION, N_("Selection"))                                                       \
    X(EXPORT_PATH_PLACEHOLDER, N_("File to save to"))                                               \
    X(EXPORT_REPLACE, N_("Replace"))                                                                \
    X(EXPORT_EXISTS, N_("This file exists: Replace writes over it"))                                \
    /* %s: the count (1,234), %s: the file */                                                       \
    X(EXPORT_SAVED, N_("Saved %s messages to %s"))                                                  \
    /* %s: the file */                                                                              \
    X(EXPORT_SAVED_ONE, N_("Saved 1 message to %s"))                                                \
    /* %s: the file, %s: why */                                                                     \
    X(EXPORT_FAILED, N_("Could not save %s: %s"))                                                   \
    X(EXPORT_NO_PATH, N_("Type the file to save to"))                                               \
    X(EXPORT_WRITE_FAILED, N_("the file could not be written"))                                     \
    /* %s: how many messages, like 1,234 */                                                         \
    X(EXPORT_SELECTED, N_("%s selected"))                                                           \
    /* %s: the URL (Markdown export's title) */                                                     \
    X(EXPORT_MD_TITLE, N_("Conversation with %s"))                                                  \
    /* %s, %s: date and time */                                                                     \
    X(EXPORT_MD_SPAN, N_("From %s to %s"))                                                          \
    /* %llu: messages */                                                                            \
    X(EXPORT_MD_COUNT, N_("%llu messages"))                                                         \
    /* the button by the message box that opens the frame menu */                                   \
    X(FRAMES_BUTTON, N_("Frames"))                                                                  \
    X(FRAMES_TITLE, N_("Frame-level control"))                                                      \
    X(FRAMES_PAYLOAD_HINT, N_("Payload: the message box's text (Hex and Base64 as bytes)."))        \
    X(FRAMES_PING, N_("Ping"))                                                                      \
    X(FRAMES_PONG, N_("Pong"))                                                                      \
    X(FRAMES_FRAGMENTS_LABEL, N_("Fragments"))                                                      \
    X(FRAMES_SEND_FRAGMENTS, N_("Send in fragments"))                                               \
    X(FRAMES_SEND_INVALID, N_("Send as invalid UTF-8"))                                             \
    X(FRAMES_CODE_LABEL, N_("Close code"))                                                          \
    X(FRAMES_REASON_PLACEHOLDER, N_("Reason (optional)"))                                           \
    X(FRAMES_CLOSE_WITH, N_("Close with code"))                                                     \
    X(FRAMES_NOT_CONNECTED, N_("Frames go to a connected server: connect first."))                  \
    X(FRAMES_DONE, N_("Done"))                                                                      \
    X(FRAMES_RULES, N_("A ping or pong carries up to 125 bytes, a close reason up to 123; codes RFC 6455 "  \
                       "forbids on the wire are refused."))                                         \
    X(CLOSE_REGISTERED, N_("registered code"))                                                      \
    X(CLOSE_PRIVATE, N_("private code"))                                                            \
    /* ---- an opened recording (opened.c, recview.c, openbar.c) ---- */                            \
    /* %u: a line number, %s: why it is not a record */                                             \
    X(EVENT_DAMAGED, N_("Line %u is damaged: %s"))                                                  \
    /* %s: the event's name as recorded */                                                          \
    X(EVENT_UNKNOWN, N_("An event this Ponte does not know: %s"))                                   \
    X(OPEN_READ_ONLY, N_("A recording, read-only: close it to send on the live connection."))       \
    X(OPEN_CLOSE, N_("Close recording"))                                                            \
    /* %s: the file, %d: percent done */                                                            \
    X(OPEN_LOADING, N_("Loading %s\xE2\x80\xA6 %d%%"))                                               \
    /* %llu: how many */                                                                            \
    X(OPEN_MESSAGES, N_("messages: %llu"))                                                           \
    /* %llu: how many */                                                                            \
    X(OPEN_DAMAGED_LINES, N_("damaged lines: %llu"))                                                 \
    X(OPEN_NO_TIME, N_("no times"))                                                                 \
    X(OPEN_BAR_TITLE, N_("Open a recording"))                                                       \
    X(OPEN_BAR_PLACEHOLDER, N_("Path of a Ponte transcript or a HAR file"))                         \
    X(OPEN_BAR_OPEN, N_("Open"))                                                                    \
    /* %s: why */                                                                                   \
    X(OPEN_FAILED, N_("Cannot open the recording: %s"))                                             \
    /* %s: the file */                                                                              \
    X(OPEN_NEITHER, N_("%s is neither a recording (a Ponte transcript or a HAR file) nor saved messages"))

enum i18n_id {
#define I18N_ENUM(id, text) I18N_##id,
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

/* Where the program is (SDL_GetBasePath(), ending in a separator), for
 * catalogs next to it: <dir>po (the build tree), <dir>locale,
 * <dir>../share/locale (an installed or relocated tree). NULL forgets it. */
void i18n_set_program_dir(const char *dir);
/* Chooses the language and loads its catalog, <dir>/<lang>/LC_MESSAGES/
 * ponte.mo, from the first of: $PONTE_LOCALEDIR, the places next to the
 * program, the installed locale directory, the build directory's po/
 * (compiled in: tests, and runs where the program's folder is unknown).
 * Returns false (and shows English) when no catalog could be read; English
 * needs none. */
bool i18n_set_lang(enum i18n_lang lang);
/* Where the catalog in use came from (a file name), or "" for English or
 * when none was found; after a failure, the places tried. */
const char *i18n_catalog_path(void);
enum i18n_lang i18n_get_lang(void);
const char *tr(enum i18n_id id);
/* The words for a network error and for a close code (RFC 6455 7.4.1). */
/* The translation of an English text marked N_() where it is used (the
 * JSON reader's reasons); the text itself when there is none. */
const char *tr_msgid(const char *msgid);
const char *tr_net_error(enum net_error error);
const char *tr_codec_error(enum codec_code code);
/* Why a text is not a URL (url_check), in the current language; "" for
 * URL_OK. */
const char *tr_url_error(enum url_error error);
const char *tr_close_code(int code);
/* Why a frame is refused (frames.h), in the current language; "" for FRAMES_OK. */
const char *tr_frames_error(enum frames_error error);

#endif
