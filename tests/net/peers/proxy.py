#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""proxy: a small HTTP CONNECT proxy for tests/net/test_proxy_net.c and
tests/net/headless.py.

    /usr/bin/python3 tests/net/peers/proxy.py [--mode MODE] [--auth USER:PASSWORD]

Binds 127.0.0.1 on a free port, prints the port as the first line on stdout
(flushed), then serves until its stdin closes. For each request it prints
one line on stdout:

    CONNECT host:port auth=none|ok|wrong -> STATUS

(the credentials themselves never), and when stdin closes, "connects N" (how
many CONNECT requests came) before it exits. Modes:

  tunnel  answer 200 and relay bytes both ways (the default)
  forbid  answer every CONNECT with 403 Forbidden
  hangup  read the request, then close without a word

--auth USER:PASSWORD requires Proxy-Authorization: Basic (the scheme name in
any case) with those credentials, and answers 407 Proxy Authentication
Required with a Proxy-Authenticate challenge otherwise. Anything but CONNECT
gets 405.
"""

import argparse
import base64
import socket
import sys
import threading

lock = threading.Lock()
connects = 0


def say(line):
    with lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def relay(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    for s in (dst, src):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def answer(conn, status, reason, extra=""):
    # One send: lws 4.1.6 reads the answer with a single recv().
    conn.sendall(f"HTTP/1.1 {status} {reason}\r\n{extra}Content-Length: 0\r\n\r\n".encode())


def serve(conn, args):
    global connects
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk or len(data) > 65536:
            conn.close()
            return
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    method, target = (lines[0].split(" ") + ["", ""])[:2]
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if method != "CONNECT":
        say(f"{method} {target} -> 405")
        answer(conn, 405, "Method Not Allowed")
        conn.close()
        return
    with lock:
        connects += 1
    auth = "none"
    given = headers.get("proxy-authorization")
    if given:
        scheme, _, token = given.partition(" ")
        try:
            decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
        except ValueError:
            decoded = None
        auth = "ok" if scheme.lower() == "basic" and args.auth and decoded == args.auth else "wrong"
    if args.mode == "hangup":
        say(f"CONNECT {target} auth={auth} -> hangup")
        conn.close()
        return
    if args.mode == "forbid":
        say(f"CONNECT {target} auth={auth} -> 403")
        answer(conn, 403, "Forbidden")
        conn.close()
        return
    if args.auth and auth != "ok":
        say(f"CONNECT {target} auth={auth} -> 407")
        answer(conn, 407, "Proxy Authentication Required",
               'Proxy-Authenticate: Basic realm="ponte test"\r\n')
        conn.close()
        return
    host, _, port = target.rpartition(":")
    try:
        upstream = socket.create_connection((host, int(port)), timeout=10)
        upstream.settimeout(None)
    except (OSError, ValueError):
        say(f"CONNECT {target} auth={auth} -> 502")
        answer(conn, 502, "Bad Gateway")
        conn.close()
        return
    say(f"CONNECT {target} auth={auth} -> 200")
    conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
    if rest:
        upstream.sendall(rest)
    threading.Thread(target=relay, args=(upstream, conn), daemon=True).start()
    relay(conn, upstream)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["tunnel", "forbid", "hangup"], default="tunnel")
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    args = parser.parse_args()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)

    def accept_loop():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn, args), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    say(str(listener.getsockname()[1]))
    # Until the test closes our stdin.
    while sys.stdin.buffer.read(4096):
        pass
    with lock:
        n = connects
    say(f"connects {n}")
    listener.close()


if __name__ == "__main__":
    main()
