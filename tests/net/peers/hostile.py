#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""hostile: a WebSocket server that breaks the rules on purpose, for
tests/net/test_hostile.c.

    /usr/bin/python3 tests/net/peers/hostile.py --mode MODE

Written on raw sockets (standard library only) so that it can send what a
well-behaved library refuses to: reserved bits, unknown opcodes, oversized
or fragmented control frames, invalid UTF-8, absurd lengths, masked frames,
resets. Binds 127.0.0.1 on a free port, prints the port as the first line
on stdout, then serves every connection in MODE until its stdin closes.
A mode's variant comes from the request path (ws://127.0.0.1:PORT/VARIANT).

What the client did is reported on stdout, one line each:

  closed CODE REASON   the client's close frame (CODE 1005 when it had none)
  eof                  the client closed TCP without a close frame
  reset                the client reset the connection
  pongs N bad B last L answer to the text "report": N pongs came back, B of
                       them carried a payload that is no ping's sent after
                       the last one answered (wrong bytes, a repeat, out of
                       order), L is the index of the last ping answered
  unmasked frame from the client   a frame the client did not mask (a bug)
  got TEXT             any other text message (it is also echoed back)

Modes, handshake:
  reject      answers the upgrade with HTTP 404 and the body "nope"
  badaccept   answers 101 with a wrong Sec-WebSocket-Accept
  hangup      reads the request and closes the connection without answering
  hangup-partial  sends half of the 101 answer, then closes
Modes, after a proper handshake (then echo, see above):
  rsv         a text frame with reserved bit /1, /2 or /3 (RSV1..RSV3) set
  opcode      a frame with reserved opcode /N (decimal, default 3)
  bigping     a ping with a 126-byte payload (needs the 16-bit length)
  fragping    a ping with FIN clear, then its continuation
  fragments   one text message in 1,000 fragments (FRAGMENT below; one
              two-byte character is split between two fragments)
  badutf8     a text message with invalid UTF-8: /byte (0xFF), /truncated
              (ends inside a character), /surrogate (an encoded UTF-16
              surrogate), /overlong (an overlong '/'), /split (invalid, in
              three fragments)
  biglength   a frame header announcing /b63 2^63 bytes (the top bit set,
              which RFC 6455 forbids) or /max 2^63-1 bytes, followed by
              128 KiB of payload and then nothing
  overcap     /CAP: a text message of exactly CAP bytes in one frame, then
              one of CAP+1 bytes in 64 KiB fragments
  pingflood   /flood: 1,000 pings back to back; /paced: 1,000 pings, each
              after the previous one's pong. Then the text "after the pings".
              /ten: waits for the text "go", then 10 pings in one write.
              Ping i carries "i:" then bytes up to i % 126 bytes in all.
  close       a close frame with code /CODE and reason "reason CODE";
              /empty: no payload; /short: a 1-byte payload; /badreason:
              1000 with a reason that is not UTF-8 ("bye \xff\xfe")
  rst         the text "before the reset"; once the client sends anything,
              an RST (SO_LINGER 0, close) instead of a close frame
  trickle     the text TRICKLE, one byte every 100 ms (the handshake answer
              one byte every 2 ms)
  burst       100,000 text messages "burst NNNNNN" (0-based) in one go
  masked      the text "masked hello", masked with a non-zero key
"""

import argparse
import base64
import hashlib
import os
import socket
import struct
import sys
import threading
import time

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TRICKLE = "trickle \u00e9\u2713"
BURST_COUNT = 100000
PING_COUNT = 1000
TEN_PINGS = 10
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA

_say_lock = threading.Lock()


def say(line):
    """One line on stdout, flushed at once: the test reads it through a pipe."""
    with _say_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def fragment_pieces():
    """1,000 pieces of one message; piece 500 ends with the first byte of
    'é' and piece 501 starts with the second."""
    pieces = [("piece %04d of a fragmented message \u00e9\n" % i).encode() for i in range(1000)]
    pieces[500], pieces[501] = pieces[500][:-2], pieces[500][-2:] + pieces[501]
    return pieces


def ping_payload(i):
    head = b"%d:" % i
    size = max(len(head), i % 126)
    return head + bytes((i * 7 + k) & 0xFF for k in range(size - len(head)))


def frame(opcode, payload=b"", fin=True, rsv=0, mask=None, length=None):
    """One frame as bytes. length overrides the announced payload length."""
    n = len(payload) if length is None else length
    head = bytearray([(0x80 if fin else 0) | rsv | opcode])
    mask_bit = 0x80 if mask else 0
    if n < 126:
        head.append(mask_bit | n)
    elif n < 1 << 16:
        head.append(mask_bit | 126)
        head += struct.pack("!H", n)
    else:
        head.append(mask_bit | 127)
        head += struct.pack("!Q", n)
    if mask:
        head += mask
        payload = bytes(b ^ mask[k & 3] for k, b in enumerate(payload))
    return bytes(head) + payload


class Closed(Exception):
    """The client went away; the message says how ("eof" or "reset")."""


class Conn:
    def __init__(self, sock):
        self.sock = sock
        self.buf = bytearray()
        self.path = "/"
        self.pings_sent = 0
        self.pongs = 0
        self.bad_pongs = 0
        self.last_pong = -1
        self.close_sent = False
        # Writes come from the connection's thread and, in the flood modes,
        # from a second one: one frame (or batch of frames) at a time.
        self.send_lock = threading.Lock()

    # -- reading --------------------------------------------------------------

    def fill(self):
        try:
            data = self.sock.recv(65536)
        except ConnectionResetError:
            raise Closed("reset")
        except OSError:
            raise Closed("eof")
        if not data:
            raise Closed("eof")
        self.buf += data

    def take(self, n):
        while len(self.buf) < n:
            self.fill()
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def read_request(self):
        while b"\r\n\r\n" not in self.buf:
            if len(self.buf) > 65536:
                raise Closed("eof")
            self.fill()
        end = self.buf.index(b"\r\n\r\n") + 4
        head = bytes(self.buf[:end]).decode("latin-1")
        del self.buf[:end]
        lines = head.split("\r\n")
        parts = lines[0].split(" ")
        self.path = parts[1] if len(parts) > 1 else "/"
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        return headers

    def read_frame(self):
        """The client's next frame: (fin, opcode, payload), unmasked."""
        b0, b1 = self.take(2)
        n = b1 & 0x7F
        if n == 126:
            (n,) = struct.unpack("!H", self.take(2))
        elif n == 127:
            (n,) = struct.unpack("!Q", self.take(8))
        mask = self.take(4) if b1 & 0x80 else None
        payload = self.take(n)
        if mask:
            payload = bytes(b ^ mask[k & 3] for k, b in enumerate(payload))
        else:
            say("unmasked frame from the client")
        return bool(b0 & 0x80), b0 & 0x0F, payload

    # -- writing ----------------------------------------------------------------

    def send(self, data):
        with self.send_lock:
            self.sock.sendall(data)

    def send_batches(self, frames):
        """Sends frames in batches of about 64 KiB (another thread may
        write between two batches, never inside a frame)."""
        batch = bytearray()
        try:
            for f in frames:
                batch += f
                if len(batch) >= 65536:
                    self.send(bytes(batch))
                    batch.clear()
            if batch:
                self.send(bytes(batch))
        except OSError:
            pass  # the connection ended first: the reading side reports it

    def accept(self, headers, trickle_ms=0):
        key = headers.get("sec-websocket-key", "").encode()
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        answer = (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                  b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n")
        if trickle_ms:
            self.trickle(answer, trickle_ms)
        else:
            self.send(answer)

    def trickle(self, data, ms):
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for k in range(len(data)):
            self.send(data[k:k + 1])
            time.sleep(ms / 1000.0)

    def variant(self, default=""):
        v = self.path.strip("/")
        return v if v else default

    # -- the echo loop that follows every scripted opening -----------------------

    def on_pong(self, payload):
        self.pongs += 1
        expected = ping_payload(self.last_pong + 1)
        if payload == expected:
            self.last_pong += 1
            return
        # lws may answer only some pings of a flood: accept a later one, as
        # long as the order holds and the payload is exactly that ping's.
        for i in range(self.last_pong + 2, self.pings_sent):
            if payload == ping_payload(i):
                self.last_pong = i
                return
        self.bad_pongs += 1

    def serve(self):
        """Echoes text and binary, reports close frames, pongs and reports;
        returns when the connection ends."""
        message, message_op = bytearray(), None
        while True:
            fin, op, payload = self.read_frame()
            if op == OP_CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
                reason = payload[2:].decode("utf-8", "replace")
                say(("closed %d %s" % (code, reason)).rstrip())
                if not self.close_sent:
                    self.send(frame(OP_CLOSE, payload[:2]))
                return
            if op == OP_PING:
                self.send(frame(OP_PONG, payload))
                continue
            if op == OP_PONG:
                self.on_pong(payload)
                continue
            if op in (OP_TEXT, OP_BINARY):
                message, message_op = bytearray(payload), op
            elif op == OP_CONT:
                message += payload
            if not fin:
                continue
            if message_op == OP_TEXT and message == b"report":
                say("pongs %d bad %d last %d" % (self.pongs, self.bad_pongs, self.last_pong))
                continue
            if message_op == OP_TEXT:
                say("got %s" % message.decode("utf-8", "replace"))
            self.send(frame(message_op, bytes(message)))


# ---- the modes -------------------------------------------------------------------

def mode_reject(c, h):
    c.send(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n"
           b"Connection: close\r\n\r\nnope")
    return False


def mode_badaccept(c, h):
    c.send(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           b"Sec-WebSocket-Accept: " + base64.b64encode(b"\0" * 20) + b"\r\n\r\n")
    return True


def mode_hangup(c, h):
    return False


def mode_hangup_partial(c, h):
    c.send(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConn")
    return False


def mode_rsv(c, h):
    c.accept(h)
    bit = {"1": 0x40, "2": 0x20, "3": 0x10}[c.variant("1")]
    c.send(frame(OP_TEXT, b"reserved bits", rsv=bit))
    return True


def mode_opcode(c, h):
    c.accept(h)
    c.send(frame(int(c.variant("3")), b"what is this"))
    return True


def mode_bigping(c, h):
    c.accept(h)
    c.send(frame(OP_PING, b"p" * 126))
    return True


def mode_fragping(c, h):
    c.accept(h)
    c.send(frame(OP_PING, b"first half ", fin=False) + frame(OP_CONT, b"second half"))
    return True


def mode_fragments(c, h):
    c.accept(h)
    pieces = fragment_pieces()
    out = bytearray()
    for i, piece in enumerate(pieces):
        out += frame(OP_TEXT if i == 0 else OP_CONT, piece, fin=i == len(pieces) - 1)
    c.send(bytes(out))
    return True


BAD_UTF8 = {
    "byte": [b"bad \xff byte"],
    "truncated": [b"ends inside \xe2\x82"],
    "surrogate": [b"surrogate \xed\xa0\x80 here"],
    "overlong": [b"overlong \xc0\xaf slash"],
    "split": [b"split \xe2", b"\x82", b"\x28 invalid"],
}


def mode_badutf8(c, h):
    c.accept(h)
    pieces = BAD_UTF8[c.variant("byte")]
    for i, piece in enumerate(pieces):
        c.send(frame(OP_TEXT if i == 0 else OP_CONT, piece, fin=i == len(pieces) - 1))
    return True


def mode_biglength(c, h):
    c.accept(h)
    length = (1 << 63) if c.variant("b63") == "b63" else (1 << 63) - 1
    head = frame(OP_BINARY, b"", length=length)
    c.send(head + b"\x5a" * (128 << 10))
    return True


def mode_overcap(c, h):
    c.accept(h)
    cap = int(c.variant("1048576"))
    c.send(frame(OP_TEXT, b"c" * cap))
    rest, first = cap + 1, True
    while rest:
        n = min(rest, 64 << 10)
        rest -= n
        c.send(frame(OP_TEXT if first else OP_CONT, b"o" * n, fin=rest == 0))
        first = False
    return True


def mode_pingflood(c, h):
    c.accept(h)
    if c.variant("flood") == "ten":
        # Waits for the client's "go" (so the pings come after the upgrade,
        # on their own), then ten pings in one write: one read for the client.
        while True:
            fin, op, payload = c.read_frame()
            if op == OP_TEXT and payload == b"go":
                break
        c.pings_sent = TEN_PINGS
        c.send(b"".join(frame(OP_PING, ping_payload(i)) for i in range(TEN_PINGS)) +
               frame(OP_TEXT, b"after the pings"))
        return True
    if c.variant("flood") == "paced":
        for i in range(PING_COUNT):
            c.send(frame(OP_PING, ping_payload(i)))
            c.pings_sent += 1
            while c.last_pong < i:
                fin, op, payload = c.read_frame()
                if op == OP_PONG:
                    c.on_pong(payload)
                    if c.bad_pongs:
                        break
                elif op == OP_CLOSE:
                    say("closed during the pings")
                    return False
            if c.bad_pongs:
                break
        c.send(frame(OP_TEXT, b"after the pings"))
        return True
    frames = [frame(OP_PING, ping_payload(i)) for i in range(PING_COUNT)]
    frames.append(frame(OP_TEXT, b"after the pings"))
    c.pings_sent = PING_COUNT
    # From another thread: the client's pongs must be read meanwhile, or
    # both sides could block on full socket buffers.
    threading.Thread(target=c.send_batches, args=(frames,), daemon=True).start()
    return True


def mode_close(c, h):
    c.accept(h)
    v = c.variant("1000")
    if v == "empty":
        payload = b""
    elif v == "short":
        payload = b"\x03"
    elif v == "badreason":
        payload = struct.pack("!H", 1000) + b"bye \xff\xfe"
    else:
        payload = struct.pack("!H", int(v)) + ("reason %s" % v).encode()
    c.send(frame(OP_CLOSE, payload))
    c.close_sent = True
    return True


def mode_rst(c, h):
    c.accept(h)
    c.send(frame(OP_TEXT, b"before the reset"))
    c.read_frame()  # whatever it is: the client has seen the message
    c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.sock.close()
    return False


def mode_trickle(c, h):
    c.accept(h, trickle_ms=2)
    c.trickle(frame(OP_TEXT, TRICKLE.encode()), 100)
    return True


def mode_burst(c, h):
    c.accept(h)
    frames = (frame(OP_TEXT, b"burst %06d" % i) for i in range(BURST_COUNT))
    threading.Thread(target=c.send_batches, args=(frames,), daemon=True).start()
    return True


def mode_masked(c, h):
    c.accept(h)
    c.send(frame(OP_TEXT, b"masked hello", mask=b"\x37\xfa\x21\x3d"))
    return True


MODES = {
    "reject": mode_reject, "badaccept": mode_badaccept, "hangup": mode_hangup,
    "hangup-partial": mode_hangup_partial, "rsv": mode_rsv, "opcode": mode_opcode,
    "bigping": mode_bigping, "fragping": mode_fragping, "fragments": mode_fragments,
    "badutf8": mode_badutf8, "biglength": mode_biglength, "overcap": mode_overcap,
    "pingflood": mode_pingflood, "close": mode_close, "rst": mode_rst, "trickle": mode_trickle,
    "burst": mode_burst, "masked": mode_masked,
}


def handle(sock, mode):
    c = Conn(sock)
    try:
        headers = c.read_request()
        if MODES[mode](c, headers):
            c.serve()
    except Closed as how:
        say(str(how))
    except OSError as e:
        # A reset while we write, or our own RST in mode rst.
        if mode != "rst":
            say("reset" if isinstance(e, (ConnectionResetError, BrokenPipeError)) else "error %s" % e)
    finally:
        try:
            sock.close()
        except OSError:
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", required=True, choices=sorted(MODES))
    args = parser.parse_args()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    say(str(listener.getsockname()[1]))

    def wait_for_stdin_eof():
        while os.read(sys.stdin.fileno(), 4096):
            pass
        os._exit(0)

    threading.Thread(target=wait_for_stdin_eof, daemon=True).start()
    while True:
        sock, _ = listener.accept()
        threading.Thread(target=handle, args=(sock, args.mode), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
