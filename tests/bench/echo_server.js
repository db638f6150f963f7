// SPDX-License-Identifier: MIT
'use strict';
// The reference echo server of tests/bench/bench_ws.py: npm's `ws` under node.
// Listens on 127.0.0.1, on a free port, and prints that port alone on the
// first line of stdout. Every message comes back as it came (text as text,
// binary as binary), to every client in turn, until the process is ended
// or its stdin closes.
//
//   node tests/bench/echo_server.js [deflate]
//
// With `deflate` it also accepts permessage-deflate (for the benchmark's
// "1 MiB with compression" row), compressing every message it sends.
// Needs `npm ci --prefix tests/bench` once (installs the pinned ws).

const { WebSocketServer } = require('ws');

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  // No compression on either side unless asked: the benchmark measures the
  // transport.
  perMessageDeflate: process.argv[2] === 'deflate' ? { threshold: 0 } : false,
  // Room for the 1 MiB messages and more.
  maxPayload: 64 * 1024 * 1024,
});

server.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('error', () => {});
});

server.on('listening', () => {
  process.stdout.write(`${server.address().port}\n`);
});

server.on('error', (err) => {
  process.stderr.write(`echo_server: ${err.message}\n`);
  process.exit(1);
});

// The driver ends us by closing our stdin (or by a signal).
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
