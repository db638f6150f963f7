/* SPDX-License-Identifier: MIT */
/* pmd: permessage-deflate (RFC 7692) as Ponte decides it: whether the
 * libwebsockets it was built with may offer it (and the one line saying why
 * not), the offer itself, and what a server's Sec-WebSocket-Extensions
 * answer agreed. Pure: the worker gathers the facts, this decides. */
#ifndef PONTE_PMD_H
#define PONTE_PMD_H

#include <stdbool.h>
#include <stddef.h>

/* What Ponte offers: the default windows both ways, and the server may
 * choose a smaller window for our side. */
#define PMD_OFFER "permessage-deflate; client_max_window_bits"

/* The first libwebsockets that may offer it, as LWS_LIBRARY_VERSION_NUMBER
 * writes it: up to 4.3.2 the client loops for ever once compression is
 * negotiated and an uncompressed data frame or a control frame (a pong)
 * arrives (lws issues #2749 and #2794; fixed by c097a4440 in 4.3.3). */
#define PMD_FIRST_GOOD_LWS 4003003UL

/* Whether libwebsockets version (LWS_LIBRARY_VERSION_NUMBER's form) may
 * offer compression. When not, why is one line that names the version and
 * the fault (why may be NULL). */
bool pmd_available(unsigned long version, char *why, size_t n);

/* What the server's answer agreed. Zero: no compression. */
struct pmd_agreed {
    bool on;                         /* permessage-deflate is in use */
    unsigned char client_window_bits; /* our side's LZ77 window, 8 to 15 */
    unsigned char server_window_bits; /* the server's */
    bool client_no_takeover;         /* we start each message afresh */
    bool server_no_takeover;         /* the server does */
};

/* Reads a Sec-WebSocket-Extensions answer (NULL or "" when the server
 * sent none: nothing agreed, true). False with the reason in why when it is
 * not an answer RFC 7692 allows to PMD_OFFER: another extension, a
 * parameter twice or unknown, a window outside 8 to 15 (libwebsockets
 * refuses such an answer too; this only names it). */
bool pmd_parse_answer(const char *answer, struct pmd_agreed *out, char *why, size_t n);

#endif
