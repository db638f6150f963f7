#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""ws_peer: a WebSocket server that Ponte did not write, for tests/net/test_net.c
and tests/net/test_tls.c.

    /usr/bin/python3 tests/net/peers/ws_peer.py --mode MODE [--tls CERT KEY]
        [--client-ca CA] [--tls-max-version 1.1]

Binds 127.0.0.1 on a free port, prints the port as the first line on stdout
(flushed), then serves until it is killed or its stdin closes. Modes:

  echo    every message comes back unchanged (text stays text, binary stays
          binary); when a connection ends, prints "closed CODE" on stdout,
          where CODE is the close code the client sent (1006 when none)
  close   on the first message, closes with 4000 "bye from peer"
  drop    echoes the first message, then aborts the TCP connection without a
          close frame
  silent  a plain TCP listener that accepts and never answers the upgrade
  reject  answers the upgrade with HTTP 404 and the body "nope"
  huge    on connecting, sends one 20 MiB text message; prints "closed CODE"
  badutf8 on connecting, sends a 2 MiB text frame with an invalid byte
          (0xFF) at offset 70000; prints "closed CODE"
  fragments  on connecting, sends one text message in 1,000 fragments (the
          first 1,000 lines of FRAGMENT_TEXT below), then echoes
  inspect on connecting, sends one text message: JSON with the handshake's
          headers (names in lower case), the agreed subprotocol (it speaks
          "chat" and "v2.json") and the common name of the client's
          certificate (null without one); then echoes
  mute    completes the handshake by hand, then never reads or writes
          again: a peer that is gone but whose TCP connection is not
  sleepy  reads nothing for the first 2 s of a connection (its socket
          buffers fill, the client's socket stops taking data), then echoes
          everything, in order
  describe  answers each message with a text message saying what came, in
          its own words: "binary " and the bytes in hex, or "text " and the
          text (what MessagePack and CBOR modes sent, as the server got it)
  garbage a plain TCP listener that answers whatever arrives first (the
          TLS ClientHello) with bytes that are not TLS, then keeps the
          connection open without another word

--port N binds that port instead of a free one (to restart a server on the
same port).

With --tls: --client-ca CA requires a client certificate signed by CA (the
handshake fails without one); --tls-max-version 1.1 speaks nothing newer
than TLS 1.1 (and allows the old ciphers it needs), a server that a client
holding to TLS 1.2 must refuse.

Uses Debian's `websockets` package through its original asyncio API,
`websockets.legacy.server`, which Debian 12's 10.4 and Debian 13's 15.0 both
have (15.0's default `websockets.serve` is a new implementation with other
arguments: no read_limit, another process_request).
"""

import argparse
import asyncio
import base64
import hashlib
import json
import http
import logging
import os
import socket
import ssl
import sys
import warnings

import websockets
with warnings.catch_warnings():  # 15.0: "websockets.legacy is deprecated"
    warnings.simplefilter("ignore", DeprecationWarning)
    import websockets.legacy.server as legacy_server

CLOSE_REASON = "bye from peer"


def say(line):
    """One line on stdout, flushed at once: the test reads it through a pipe."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def handle_echo(ws, path=None):
    try:
        async for message in ws:
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass
    # close_code is what the client's close frame carried: 1006 when the
    # connection dropped without one, 1005 when the frame had no code.
    await ws.wait_closed()
    say("closed %s" % ws.close_code)


async def handle_describe(ws, path=None):
    try:
        async for message in ws:
            if isinstance(message, bytes):
                await ws.send("binary " + message.hex())
            else:
                await ws.send("text " + message)
    except websockets.ConnectionClosed:
        pass


async def handle_sleepy(ws, path=None):
    # A small queue, so the library itself stops reading early too.
    await asyncio.sleep(2)
    await handle_echo(ws, path)


async def handle_close(ws, path=None):
    try:
        await ws.recv()
        await ws.close(code=4000, reason=CLOSE_REASON)
    except websockets.ConnectionClosed:
        pass


async def handle_drop(ws, path=None):
    try:
        message = await ws.recv()
        await ws.send(message)
        # Let the echo leave before the connection is torn down: abort()
        # discards whatever is still buffered in the transport.
        while ws.transport.get_write_buffer_size():
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
    except websockets.ConnectionClosed:
        return
    ws.transport.abort()  # no close frame, no FIN handshake: an RST


async def finish(ws):
    """Waits for the client's close and says what code it carried."""
    try:
        await ws.wait_closed()
    finally:
        say("closed %s" % ws.close_code)


async def handle_huge(ws, path=None):
    try:
        await ws.send("x" * (20 << 20))
    except websockets.ConnectionClosed:
        pass
    await finish(ws)


async def handle_badutf8(ws, path=None):
    payload = bytearray(b"a" * (2 << 20))
    payload[70000] = 0xFF
    try:
        # send() only takes valid str for text; write the frame directly.
        await ws.write_frame(True, 0x1, bytes(payload))
    except websockets.ConnectionClosed:
        pass
    await finish(ws)


async def handle_inspect(ws, path=None):
    headers = {name.lower(): value for name, value in ws.request_headers.raw_items()}
    client = None
    certificate = ws.transport.get_extra_info("peercert")
    for rdn in (certificate or {}).get("subject", ()):
        for key, value in rdn:
            if key == "commonName":
                client = value
    await ws.send(json.dumps({"headers": headers, "subprotocol": ws.subprotocol,
                              "client": client}))
    await handle_echo(ws)


def fragment_pieces():
    return ["piece %04d of a fragmented message \u00e9\n" % i for i in range(1000)]


async def handle_fragments(ws, path=None):
    try:
        await ws.send(fragment_pieces())  # an iterable: one fragment each
        async for message in ws:
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass


async def refuse(path, request_headers):
    return http.HTTPStatus.NOT_FOUND, [], b"nope"


async def wait_for_stdin_eof():
    """Returns when stdin reaches end of file (the test closed its end)."""
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    fd = sys.stdin.fileno()

    def readable():
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data and not done.done():
            done.set_result(None)

    loop.add_reader(fd, readable)
    try:
        await done
    finally:
        loop.remove_reader(fd)


async def serve_websocket(mode, tls, port):
    handlers = {"echo": handle_echo, "close": handle_close, "drop": handle_drop,
                "reject": handle_echo, "huge": handle_huge, "badutf8": handle_badutf8,
                "fragments": handle_fragments, "inspect": handle_inspect, "sleepy": handle_sleepy,
                "describe": handle_describe}
    options = {"max_size": None, "ssl": tls}
    if mode == "sleepy":
        options["max_queue"] = 1
        options["read_limit"] = 1 << 16
    if mode == "reject":
        options["process_request"] = refuse
    if mode == "inspect":
        options["subprotocols"] = ["chat", "v2.json"]
    async with legacy_server.serve(handlers[mode], "127.0.0.1", port, **options) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        say(str(port))
        await wait_for_stdin_eof()


async def serve_tcp(port, answer):
    """A bare TCP server on 127.0.0.1:port (0: any free one): says its port,
    then runs answer(loop, conn) on each connection it accepts, one after
    the other, until stdin ends. The connections stay open until then."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(16)
    listener.setblocking(False)
    say(str(listener.getsockname()[1]))
    loop = asyncio.get_running_loop()
    kept = []

    async def accept_forever():
        while True:
            conn, _ = await loop.sock_accept(listener)
            kept.append(conn)
            await answer(loop, conn)

    task = asyncio.ensure_future(accept_forever())
    try:
        await wait_for_stdin_eof()
    finally:
        task.cancel()
        for conn in kept:
            conn.close()
        listener.close()


async def answer_nothing(loop, conn):
    """Silent: the connection is kept open, never read, never answered; not
    even the TLS handshake comes, so the client waits for an answer that
    never comes."""


async def answer_upgrade_then_mute(loop, conn):
    """Mute: answers the upgrade by hand, then goes quiet for good: reads
    nothing more (so no pong ever comes back), writes nothing, keeps the
    socket."""
    request = b""
    while b"\r\n\r\n" not in request:
        chunk = await loop.sock_recv(conn, 4096)
        if not chunk:
            break
        request += chunk
    key = ""
    for line in request.decode("latin-1").split("\r\n"):
        if line.lower().startswith("sec-websocket-key:"):
            key = line.split(":", 1)[1].strip()
    accept = base64.b64encode(hashlib.sha1(
        (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
    await loop.sock_sendall(conn, (
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n").encode())


async def answer_garbage(loop, conn):
    """Garbage: answers the ClientHello with text that is no TLS record (an
    HTTP error, as a plain-HTTP server on a TLS port would), then keeps the
    connection open: the client must give up on the junk itself, not on a
    closed connection."""
    try:
        await loop.sock_recv(conn, 4096)
        await loop.sock_sendall(conn, b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 4)
    except OSError:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", required=True,
                        choices=["echo", "close", "drop", "silent", "reject", "huge",
                                 "badutf8", "fragments", "inspect", "mute", "garbage", "sleepy",
                                 "describe"])
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--client-ca", metavar="CA")
    parser.add_argument("--tls-max-version", choices=["1.1"])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    # websockets logs every failed handshake with a traceback; the tests
    # provoke those on purpose.
    logging.basicConfig(level=logging.CRITICAL)

    tls = None
    if args.tls:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.tls[0], args.tls[1])
        if args.client_ca:
            tls.verify_mode = ssl.CERT_REQUIRED
            tls.load_verify_locations(args.client_ca)
        if args.tls_max_version:
            # Debian's OpenSSL refuses TLS < 1.2 at its default security
            # level, on this side too: level 0 lets the server offer it.
            tls.set_ciphers("DEFAULT:@SECLEVEL=0")
            with warnings.catch_warnings():  # "deprecated": that is the point
                warnings.simplefilter("ignore", DeprecationWarning)
                tls.minimum_version = ssl.TLSVersion.TLSv1
                tls.maximum_version = ssl.TLSVersion.TLSv1_1
    elif args.client_ca or args.tls_max_version:
        parser.error("--client-ca and --tls-max-version need --tls")

    try:
        raw = {"silent": answer_nothing, "mute": answer_upgrade_then_mute, "garbage": answer_garbage}
        if args.mode in raw:
            asyncio.run(serve_tcp(args.port if args.mode == "mute" else 0, raw[args.mode]))
        else:
            asyncio.run(serve_websocket(args.mode, tls, args.port))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
