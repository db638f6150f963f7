/* SPDX-License-Identifier: MIT */
/* watch: the one-thread mode's file descriptors (net_watch_fd in net.h):
 * stdin and the stop pipe of the terminal mode, served by the same lws
 * loop as the connection, through lws's raw-file role (adopted with
 * LWS_ADOPT_RAW_FILE_DESC on a vhost of their own; built into Debian's lws
 * 4.1.6 and 4.3.5 alike). lws only polls; reading is the owner's, in its
 * readable callback. */
#include "worker.h"

struct net_watch {
    struct net *net;
    struct lws *wsi;
    bool (*readable)(void *user);
    void *user;
    bool ended; /* readable said so, or lws closed it */
};

static int watch_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                          size_t len)
{
    struct net_watch *watch = lws_get_opaque_user_data(wsi);
    switch (reason) {
    case LWS_CALLBACK_RAW_RX_FILE:
        /* Readable, or at its end (a pipe's writer gone with data left
         * comes as readable too). Non-zero closes it. */
        if (watch && !watch->ended && !watch->readable(watch->user)) {
            watch->ended = true;
            return -1;
        }
        return 0;
    case LWS_CALLBACK_RAW_CLOSE_FILE:
        /* A pipe whose writer is gone comes here without RX_FILE when
         * nothing is left to read, or when reading was paused (POLLIN not
         * asked for) with bytes still in it: its owner reads what is left
         * and the end itself (a gone writer's pipe never makes it wait).
         * Also at net_stop, when the context goes: nothing is read then.
         * The watch is gone after this. */
        if (watch) {
            while (!watch->ended && !watch->net->stopping && watch->readable(watch->user))
                ;
            lws_set_opaque_user_data(wsi, NULL);
            free(watch);
        }
        return 0;
    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static const struct lws_protocols watch_protocols[] = {
    {"ponte-watch", watch_callback, 0, 0, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

struct net_watch *net_watch_fd(struct net *net, int fd, bool (*readable)(void *user), void *user)
{
#if defined(_WIN32)
    /* lws on Windows waits on sockets only. */
    (void)net, (void)fd, (void)readable, (void)user, (void)watch_protocols;
    return NULL;
#else
    if (!net->one_thread)
        return NULL;
    if (!net->watch_vhost) {
        struct lws_context_creation_info info;
        memset(&info, 0, sizeof info);
        info.vhost_name = "ponte-watch";
        info.port = CONTEXT_PORT_NO_LISTEN;
        info.protocols = watch_protocols;
        net->watch_vhost = lws_create_vhost(net->context, &info);
        if (!net->watch_vhost)
            return NULL;
    }
    struct net_watch *watch = calloc(1, sizeof *watch);
    if (!watch)
        return NULL;
    watch->net = net;
    watch->readable = readable;
    watch->user = user;
    lws_sock_file_fd_type desc;
    memset(&desc, 0, sizeof desc);
    desc.filefd = fd;
    watch->wsi = lws_adopt_descriptor_vhost(net->watch_vhost, LWS_ADOPT_RAW_FILE_DESC, desc,
                                            "ponte-watch", NULL);
    if (!watch->wsi) {
        free(watch);
        return NULL;
    }
    lws_set_opaque_user_data(watch->wsi, watch);
    return watch;
#endif
}

void net_watch_pause(struct net_watch *watch, bool paused)
{
    if (watch && !watch->ended)
        lws_rx_flow_control(watch->wsi, paused ? 0 : 1);
}
