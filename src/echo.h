/* SPDX-License-Identifier: MIT */
/* echo: the built-in echo server, a listening vhost inside the worker's lws
 * context. Every text or binary message comes back to its sender unchanged,
 * fragment by fragment, in order; a sender that outruns its own reading is
 * paused (rx flow control) instead of buffered without bound.
 * Worker thread only, like everything lws. */
#ifndef PONTE_ECHO_H
#define PONTE_ECHO_H

struct lws_context;
struct lws_extension;
struct lws_vhost;

/* Creates the echo vhost listening on 127.0.0.1 at port (0: a free port the
 * kernel picks), agreeing to the extensions listed (NULL: none; a client's
 * permessage-deflate offer is then answered without it). Returns NULL on
 * failure; *port_out gets the real port. */
struct lws_vhost *echo_start(struct lws_context *context, int port, const struct lws_extension *extensions,
                             int *port_out);

#endif
