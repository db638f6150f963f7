/* SPDX-License-Identifier: MIT */
/* extension: permessage-deflate on the worker (pmd.h decides, this does):
 * the extensions lists of the client and echo vhosts, both wrapped round
 * libwebsockets' own deflate (empty messages go uncompressed, lws's output
 * buffer is sized so that it never keeps the caller's input; the client's
 * also counts the payload bytes on the wire each way), what the server's
 * answer agreed, and lws's buffers for the connection. Worker thread only. */
#ifndef PONTE_EXTENSION_H
#define PONTE_EXTENSION_H

#include <stdbool.h>

struct lws;
struct lws_extension;
struct net;

/* The extensions list of a vhost: NULL when compression is off or this
 * libwebsockets must not offer it (pmd_available). The client's counts
 * bytes into the net's worker; the echo server's does not. */
const struct lws_extension *extension_client_list(bool compression);
const struct lws_extension *extension_server_list(bool compression);

/* CLIENT_FILTER_PRE_ESTABLISH, while the server's headers can still be
 * read: what its Sec-WebSocket-Extensions answer agreed (w->pmd). */
void extension_read_answer(struct net *net, struct lws *wsi);

/* CLIENT_ESTABLISHED: sets lws's deflate buffers for the connection when
 * it is compressed (see extension.c) and starts the byte counts. */
void extension_open(struct net *net, struct lws *wsi);

#endif
