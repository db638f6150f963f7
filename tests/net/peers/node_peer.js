// SPDX-License-Identifier: MIT
// node_peer: node's `ws` server (Debian's node-ws, NODE_PATH=/usr/share/nodejs)
// with permessage-deflate, for tests/net/test_compression.c. With
// server_no_context_takeover agreed, ws compresses only messages of 1 KiB
// and more (its threshold; with takeover it compresses all), so small
// messages and every control frame (its pongs) go uncompressed on a
// compressed connection.
//
//     NODE_PATH=/usr/share/nodejs node tests/net/peers/node_peer.js
//
// Prints its port first, then "offer X" for each connection (X its
// Sec-WebSocket-Extensions, "none" without one) and "closed CODE" when it
// ends; echoes every message as it came. Ends when stdin closes.
'use strict';
const { WebSocketServer } = require('ws');

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: { serverNoContextTakeover: true },
                                     maxPayload: 64 * 1024 * 1024 });
server.on('listening', () => console.log(String(server.address().port)));
server.on('connection', (ws, request) => {
  console.log('offer ' + (request.headers['sec-websocket-extensions'] || 'none'));
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('close', (code) => console.log('closed ' + code));
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
