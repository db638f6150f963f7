#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""pmd_peer: Debian's python3-websockets as a server that compresses every
message it can (permessage-deflate), for tests/net/test_compression.c.

    /usr/bin/python3 tests/net/peers/pmd_peer.py --mode MODE [--no-takeover]

Prints its port first (as ws_peer.py, whose helpers it uses), then for each
connection "offer X", X the client's Sec-WebSocket-Extensions ("none"
without one), and "closed CODE" when it ends. Modes:

  echo   every message comes back as it came (text or binary)
  bomb   on connecting, one text message of 64 MiB of "a": about 64 KiB
         compressed (a decompression bomb for a client whose cap is lower)

--no-takeover makes it agree to server_no_context_takeover and
client_no_context_takeover (each message compressed on its own).
"""

import argparse
import asyncio
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ws_peer  # noqa: E402 (say, wait_for_stdin_eof, the legacy server)
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory  # noqa: E402

BOMB = 64 << 20


async def handle(ws, mode):
    ws_peer.say("offer " + ws.request_headers.get("Sec-WebSocket-Extensions", "none"))
    try:
        if mode == "bomb":
            await ws.send("a" * BOMB)
        async for message in ws:
            await ws.send(message)
    except Exception:
        pass
    await ws.wait_closed()
    try:
        ws_peer.say("closed %d" % (ws.close_code or 1006))
    except BrokenPipeError:  # the test has stopped reading
        pass


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["echo", "bomb"], required=True)
    parser.add_argument("--no-takeover", action="store_true")
    args = parser.parse_args()
    factory = ServerPerMessageDeflateFactory(server_no_context_takeover=args.no_takeover,
                                             require_client_max_window_bits=False,
                                             client_no_context_takeover=args.no_takeover)

    async def handler(ws, path=None):
        await handle(ws, args.mode)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        server = await ws_peer.legacy_server.serve(handler, "127.0.0.1", 0, max_size=None,
                                                   extensions=[factory], compression=None)
    ws_peer.say(str(next(iter(server.sockets)).getsockname()[1]))
    await ws_peer.wait_for_stdin_eof()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
