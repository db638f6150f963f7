// SPDX-License-Identifier: MIT
'use strict';
// The node side of tests/bench/bench_ws.py: npm's `ws` client, measured the same
// way as Ponte's path (tests/bench/bench_ws.c) and the bare libwebsockets client
// (tests/bench/bench_lws.c), against the same echo server.
//
//   node tests/bench/client.js MODE URL COUNT SIZE WINDOW WARMUP
//
// MODE  rtt   COUNT text messages of SIZE bytes, one in flight at a time;
//             p50/p99 of the round trip (send call to echo in hand)
//       pipe  COUNT text messages of SIZE bytes with up to WINDOW in flight
//             (one more is sent as each echo comes back); messages/s
//       big   COUNT binary messages of SIZE bytes, one in flight; MB/s
//             (10^6 bytes of message echoed per second)
// WARMUP messages go first, the same way, and are not counted. Every echo is
// compared with what was sent. Prints one JSON line.

const WebSocket = require('ws');

const [mode, url, countArg, sizeArg, windowArg, warmupArg] = process.argv.slice(2);
const count = Number(countArg);
const size = Number(sizeArg);
const window = Number(windowArg);
const warmup = Number(warmupArg);
if (!['rtt', 'pipe', 'big'].includes(mode) || !url || !(count > 0) || !(size > 0) ||
    !(window > 0) || !(warmup >= 0)) {
  process.stderr.write('usage: client.js rtt|pipe|big URL COUNT SIZE WINDOW WARMUP\n');
  process.exit(2);
}

const binary = mode === 'big';
// The same bytes as the C clients (bench_common.h: bench_payload).
const payload = Buffer.alloc(size);
for (let i = 0; i < size; i++)
  payload[i] = binary ? (i * 131 + 7) & 0xff : 0x61 + (i % 26);

function fail(why) {
  process.stderr.write(`client.js: ${why}\n`);
  process.exit(1);
}

// PONTE_BENCH_DEFLATE=1: offer permessage-deflate (ws's default offer),
// compressing every message sent (threshold 0); otherwise none.
const deflate = process.env.PONTE_BENCH_DEFLATE === '1' ? { threshold: 0 } : false;
const ws = new WebSocket(url, { perMessageDeflate: deflate, maxPayload: 64 * 1024 * 1024 });
ws.on('error', (err) => fail(err.message));
ws.on('close', (code) => {
  if (!finished)
    fail(`the connection closed (${code})`);
});
let finished = false;
let onMessage = null;
ws.on('message', (data, isBinary) => onMessage(data, isBinary));

// Sends n messages, at most `inFlight` unanswered at a time; calls
// perEcho(nanoseconds since the last send) for each echo; resolves with the
// elapsed nanoseconds from the first send to the last echo.
function burst(n, inFlight, perEcho) {
  return new Promise((resolve) => {
    let sent = 0;
    let received = 0;
    let lastSend = 0n;
    const start = process.hrtime.bigint();
    const sendOne = () => {
      sent++;
      lastSend = process.hrtime.bigint();
      ws.send(payload, { binary });
    };
    onMessage = (data, isBinary) => {
      const now = process.hrtime.bigint();
      if (isBinary !== binary || data.length !== size || !payload.equals(data))
        fail(`echo ${received} differs`);
      if (perEcho)
        perEcho(now - lastSend);
      received++;
      if (received === n)
        resolve(now - start);
      else if (sent < n)
        sendOne();
    };
    while (sent < n && sent < inFlight)
      sendOne();
  });
}

function percentile(sorted, which) {
  // As the C clients: p50 = v[n/2], p99 = v[(n-1)*0.99].
  const n = sorted.length;
  return which === 50 ? sorted[Math.floor(n / 2)] : sorted[Math.floor((n - 1) * 0.99)];
}

ws.on('open', async () => {
  const result = { client: 'node-ws', mode, count, size, extensions: ws.extensions };
  let cpu = null; // the process's CPU time (all its threads) from the timed run's start
  if (mode === 'rtt') {
    if (warmup)
      await burst(warmup, 1, null);
    const us = new Float64Array(count);
    let i = 0;
    cpu = process.cpuUsage();
    await burst(count, 1, (ns) => { us[i++] = Number(ns) / 1000; });
    us.sort();
    result.p50_us = percentile(us, 50);
    result.p99_us = percentile(us, 99);
    result.min_us = us[0];
    result.max_us = us[count - 1];
  } else if (mode === 'pipe') {
    if (warmup)
      await burst(warmup, window, null);
    cpu = process.cpuUsage();
    const ns = await burst(count, window, null);
    result.window = window;
    result.seconds = Number(ns) / 1e9;
    result.msgs_per_s = count / result.seconds;
  } else {
    if (warmup)
      await burst(warmup, 1, null);
    cpu = process.cpuUsage();
    const ns = await burst(count, 1, null);
    result.seconds = Number(ns) / 1e9;
    result.mb_per_s = (count * size) / 1e6 / result.seconds;
  }
  const used = process.cpuUsage(cpu);
  result.cpu_us_per_msg = (used.user + used.system) / count;
  finished = true;
  process.stdout.write(JSON.stringify(result) + '\n');
  ws.on('close', () => process.exit(0));
  ws.close(1000);
  setTimeout(() => process.exit(0), 2000).unref();
});
