/* SPDX-License-Identifier: MIT */
/* bench_tcp: the raw TCP loopback copy that tests/bench/bench_ws.py measures the
 * 1 MiB WebSocket messages against: the same bytes, the same pattern (one
 * message in flight, echoed whole before the next goes), without WebSocket
 * framing, masking, a server in node, or any library.
 *
 *   bench_tcp COUNT SIZE WARMUP
 *
 * An echo thread on 127.0.0.1 (a free port) writes back whatever it reads.
 * The main thread writes each message of SIZE bytes and reads SIZE bytes
 * back, polling both directions at once (a message bigger than the socket
 * buffers would otherwise deadlock), then compares them. Both ends set
 * TCP_NODELAY, as libwebsockets and ws do. Prints one JSON line as the
 * clients' `big` mode (see bench_common.h). */
#define _POSIX_C_SOURCE 200809L
#include "bench_common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#define ECHO_BUFFER ((size_t)256 << 10)

static void no_delay(int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* The echo thread: one connection, read and write back until it closes. */
static void *echo_main(void *arg)
{
    int listener = *(int *)arg;
    int fd = accept(listener, NULL, NULL);
    close(listener);
    if (fd < 0)
        return NULL;
    no_delay(fd);
    char *buf = malloc(ECHO_BUFFER);
    for (;;) {
        ssize_t n = buf ? read(fd, buf, ECHO_BUFFER) : -1;
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(fd, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                goto done;
            off += w;
        }
    }
done:
    free(buf);
    close(fd);
    return NULL;
}

/* One message out and its echo back in. */
static bool round_trip(int fd, const char *payload, char *rx, size_t size)
{
    size_t written = 0, got = 0;
    while (got < size) {
        struct pollfd p = {.fd = fd, .events = POLLIN | (written < size ? POLLOUT : 0)};
        if (poll(&p, 1, 10000) <= 0) {
            fprintf(stderr, "bench_tcp: no progress for 10 s\n");
            return false;
        }
        if (p.revents & POLLOUT) {
            ssize_t w = send(fd, payload + written, size - written, 0);
            if (w < 0 && errno != EAGAIN && errno != EINTR) {
                perror("bench_tcp: send");
                return false;
            }
            if (w > 0)
                written += (size_t)w;
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t r = recv(fd, rx + got, size - got, 0);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
                fprintf(stderr, "bench_tcp: the echo ended\n");
                return false;
            }
            if (r > 0)
                got += (size_t)r;
        }
    }
    if (memcmp(rx, payload, size) != 0) {
        fprintf(stderr, "bench_tcp: echo differs\n");
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    struct bench_args a = {.mode = BENCH_BIG, .mode_name = "big", .binary = true, .window = 1};
    if (argc == 4) {
        a.count = atol(argv[1]);
        a.size = (size_t)atol(argv[2]);
        a.warmup = atol(argv[3]);
    }
    if (a.count < 1 || a.size < 1 || a.warmup < 0) {
        fprintf(stderr, "usage: bench_tcp COUNT SIZE WARMUP\n");
        return 2;
    }

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t addr_len = sizeof addr;
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0 ||
        listen(listener, 1) != 0 || getsockname(listener, (struct sockaddr *)&addr, &addr_len) != 0) {
        perror("bench_tcp: listen");
        return 1;
    }
    pthread_t echo;
    if (pthread_create(&echo, NULL, echo_main, &listener) != 0) {
        fprintf(stderr, "bench_tcp: cannot start the echo thread\n");
        return 1;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("bench_tcp: connect");
        return 1;
    }
    no_delay(fd);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);

    char *payload = bench_payload(a.size, true);
    char *rx = malloc(a.size);
    if (!payload || !rx) {
        fprintf(stderr, "bench_tcp: out of memory\n");
        return 1;
    }
    int status = 1;
    for (long i = 0; i < a.warmup; i++)
        if (!round_trip(fd, payload, rx, a.size))
            goto end;
    uint64_t start = bench_now_ns();
    for (long i = 0; i < a.count; i++)
        if (!round_trip(fd, payload, rx, a.size))
            goto end;
    bench_report("tcp", &a, NULL, bench_now_ns() - start, NULL);
    status = 0;
end:
    close(fd);
    pthread_join(echo, NULL);
    free(rx);
    free(payload);
    return status;
}
