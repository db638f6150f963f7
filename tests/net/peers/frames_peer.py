#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""frames_peer: a WebSocket server that says which frames it received, for
tests/net/test_frames.c (the frames a person sends from the frame menu or
with --slash) and tests/net/headless.py.

    /usr/bin/python3 tests/net/peers/frames_peer.py [--sleep SECONDS]

Debian's `websockets` (its original asyncio API, websockets.legacy.server,
in Debian 12's 10.4 and Debian 13's 15.0) does everything a server does:
it answers pings with pongs, echoes messages (ws_peer.py's echo: text
stays text, binary stays binary), answers a close with the same close, and
refuses a text message that is not UTF-8 with 1007. Its protocol class is
only taught to report each frame it reads, before it acts on it, one line
on stdout:

    frame OPCODE FIN PAYLOAD_HEX     (PAYLOAD_HEX "-" when empty; a payload over
                                      256 bytes as #LENGTH:FNV-1a-32 in hex)

and, when a connection has ended, "closed CODE" (the code the client sent;
1006 when none). Binds 127.0.0.1 on a free port, prints the port as the
first line on stdout (flushed), then serves until its stdin closes. With
--sleep, it reads nothing for that long after the handshake (the client's
socket fills, and what it sends next waits behind what it is writing).
"""

import asyncio
import logging
import sys
import warnings

with warnings.catch_warnings():  # 15.0: "websockets.legacy is deprecated"
    warnings.simplefilter("ignore", DeprecationWarning)
    import websockets.legacy.server as legacy_server

from ws_peer import handle_echo, say  # (this script's folder is on sys.path)


def fnv1a32(data):
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def shown(data):
    if len(data) > 256:
        return "#%d:%08x" % (len(data), fnv1a32(data))
    return data.hex() or "-"


SLEEP = float(sys.argv[sys.argv.index("--sleep") + 1]) if "--sleep" in sys.argv else 0.0


class Recording(legacy_server.WebSocketServerProtocol):
    """The server's protocol, reporting every frame as it is read."""

    slept = False

    async def read_frame(self, max_size):
        if SLEEP and not self.slept:
            # (The stream's own limit stops reading the socket meanwhile.)
            self.slept = True
            await asyncio.sleep(SLEEP)
        frame = await super().read_frame(max_size)
        say("frame %d %d %s" % (int(frame.opcode), 1 if frame.fin else 0, shown(frame.data)))
        return frame


async def main():
    logging.getLogger("websockets").setLevel(logging.CRITICAL)
    server = await legacy_server.serve(handle_echo, "127.0.0.1", 0, create_protocol=Recording,
                                       ping_interval=None, max_size=None, compression=None)
    say(str(server.sockets[0].getsockname()[1]))
    loop = asyncio.get_running_loop()
    # Until stdin closes: the test's way of ending the peer.
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
