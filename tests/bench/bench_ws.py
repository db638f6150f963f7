#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""bench_ws: Ponte's WebSocket path against node's ws and a bare libwebsockets
client, all on the same echo server (npm's ws under node) in one run.

    meson test -C build --benchmark -v ws
    tests/bench/bench_ws.py --ponte build/tests/bench/bench_ws --lws build/tests/bench/bench_lws \
        --tcp build/tests/bench/bench_tcp [--rounds N] [--quick]

Needs node and, once, `npm ci --prefix tests/bench` (the pinned ws), and Xvfb
for Ponte's client (its UI thread sleeps in SDL_WaitEvent, which a window
system wakes). Ponte runs twice: woken as the window is, and as the terminal
mode (--headless) is, SDL without video. The clients and what they measure:
see tests/bench/bench_common.h.

Each measurement runs the clients in turn, --rounds times, the order
rotated every round; the table shows the median of the rounds (and their
spread), then the ratios the project's targets are stated in. Timing is
reported, never asserted: the exit status says only whether everything ran.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH_DIR = HERE

# (mode, count, size, window, warm-up): the same for every client.
FULL = {
    'rtt': ('rtt', 20000, 100, 1, 1000),
    'pipe': ('pipe', 100000, 100, 128, 10000),
    'big': ('big', 100, 1 << 20, 1, 5),
}
QUICK = {
    'rtt': ('rtt', 2000, 100, 1, 200),
    'pipe': ('pipe', 10000, 100, 128, 1000),
    'big': ('big', 10, 1 << 20, 1, 2),
}
CLIENTS = ('ponte', 'ponte-term', 'node', 'lws')
TITLES = {'ponte': 'Ponte, window', 'ponte-term': 'Ponte, terminal', 'node': 'node ws',
          'lws': 'bare lws', 'tcp': 'raw TCP'}


def fail(why):
    print(f'bench_ws: {why}', file=sys.stderr)
    sys.exit(1)


def start_xvfb():
    """Starts a private Xvfb; returns (process, DISPLAY)."""
    xvfb = shutil.which('Xvfb')
    if not xvfb:
        if os.environ.get('DISPLAY'):
            return None, os.environ['DISPLAY']
        fail('Ponte\'s client needs a display: install Xvfb (package xvfb)')
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([xvfb, '-displayfd', str(write_end), '-nolisten', 'tcp',
                             '-screen', '0', '640x480x24'],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as f:
        line = f.readline().strip()
    if not line:
        proc.kill()
        fail('Xvfb did not start')
    return proc, ':' + line


def start_server(node):
    proc = subprocess.Popen([node, os.path.join(BENCH_DIR, 'echo_server.js')],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    if not line.isdigit():
        proc.kill()
        fail('the echo server did not start (see above)')
    return proc, int(line)


def run(cmd, env=None):
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        fail(f'{" ".join(cmd)}: no answer within 300 s')
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        fail(f'{" ".join(cmd)}: exit status {done.returncode}')
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--ponte', required=True, help='the bench_ws executable')
    parser.add_argument('--lws', required=True, help='the bench_lws executable')
    parser.add_argument('--tcp', required=True, help='the bench_tcp executable')
    parser.add_argument('--node', default=shutil.which('node'), help='node (default: from PATH)')
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--quick', action='store_true', help='a tenth of the messages')
    args = parser.parse_args()

    if not args.node:
        fail('node is not installed (Node.js 20 or newer)')
    if not os.path.isfile(os.path.join(BENCH_DIR, 'node_modules', 'ws', 'package.json')):
        fail('tests/bench/node_modules is missing: run `npm ci --prefix tests/bench` '
             f'in the source tree ({os.path.dirname(os.path.dirname(HERE))}) first; it installs the pinned ws')
    plan = QUICK if args.quick else FULL

    xvfb, display = start_xvfb()
    server, port = start_server(args.node)
    url = f'ws://127.0.0.1:{port}/'
    ponte_env = dict(os.environ, DISPLAY=display)
    ponte_env.pop('WAYLAND_DISPLAY', None)
    # The terminal mode (ponte --headless) runs the same rings and worker,
    # but its thread waits in SDL_WaitEvent with no video subsystem.
    terminal_env = dict(os.environ, PONTE_BENCH_WAKE='semaphore')  # as src/headless.c waits now
    commands = {
        'ponte': ([args.ponte], ponte_env),
        'ponte-term': ([args.ponte], terminal_env),
        'node': ([args.node, os.path.join(BENCH_DIR, 'client.js')], None),
        'lws': ([args.lws], None),
    }
    results = {}  # (client, mode) -> list of result dicts, one per round
    try:
        # Everything here shares the machine's cores: anything else running
        # shows in the figures, so say how busy it was.
        print(f'load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores')
        print(f'echo server: node {subprocess.run([args.node, "--version"], capture_output=True, text=True).stdout.strip()}, '
              f'ws {json.load(open(os.path.join(BENCH_DIR, "node_modules", "ws", "package.json")))["version"]}, '
              f'{url}; {args.rounds} rounds, order rotated each round')
        for mode, (name, count, size, window, warmup) in plan.items():
            for r in range(args.rounds):
                shift = r % len(CLIENTS)
                order = CLIENTS[shift:] + CLIENTS[:shift]
                for client in order:
                    base, env = commands[client]
                    res = run(base + [name, url, str(count), str(size), str(window), str(warmup)], env)
                    results.setdefault((client, mode), []).append(res)
                    print(f'  round {r + 1} {mode:4} {client:10} {summary(mode, res)}', flush=True)
                if mode == 'big':
                    res = run([args.tcp, str(count), str(size), str(warmup)])
                    results.setdefault(('tcp', mode), []).append(res)
                    print(f'  round {r + 1} {mode:4} {"tcp":10} {summary(mode, res)}', flush=True)
    finally:
        server.stdin.close()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
        if xvfb:
            xvfb.terminate()
            xvfb.wait()

    print(f'load average after: {os.getloadavg()[0]:.2f}')
    report(plan, results, args.rounds)


def summary(mode, res):
    if mode == 'rtt':
        text = f'p50 {res["p50_us"]:.1f} us  p99 {res["p99_us"]:.1f} us  max {res["max_us"]:.0f} us'
    elif mode == 'pipe':
        text = f'{res["msgs_per_s"]:,.0f} msg/s'
    else:
        text = f'{res["mb_per_s"]:.1f} MB/s'
    if 'ui_wakes_per_message' in res:
        text += f'  ({res["ui_wakes_per_message"]:.2f} UI wake-ups a message'
        if 'p50_to_socket_us' in res:
            # Ponte's round trip in three legs (bench_ws.c, struct legs).
            text += (f'; legs p50: to the socket {res["p50_to_socket_us"]:.0f} us, '
                     f'echo {res["p50_echo_us"]:.0f} us, to the UI {res["p50_to_ui_us"]:.0f} us')
        text += ')'
    return text


def report(plan, results, rounds):
    def values(client, mode, key):
        return [res[key] for res in results.get((client, mode), [])]

    def med(client, mode, key):
        v = values(client, mode, key)
        return statistics.median(v) if v else None

    def cell(client, mode, key, fmt):
        v = values(client, mode, key)
        if not v:
            return '—'
        text = fmt.format(statistics.median(v))
        if len(v) > 1:
            text += ' (' + fmt.format(min(v)) + '–' + fmt.format(max(v)) + ')'
        return text

    rtt, pipe, big = plan['rtt'], plan['pipe'], plan['big']
    rows = [
        (f'round trip p50, µs ({rtt[1]:,} × {rtt[2]} B, 1 in flight)', 'rtt', 'p50_us', '{:.1f}'),
        (f'round trip p99, µs', 'rtt', 'p99_us', '{:.1f}'),
        (f'throughput, msg/s ({pipe[1]:,} × {pipe[2]} B, {pipe[3]} in flight)', 'pipe',
         'msgs_per_s', '{:,.0f}'),
        (f'1 MiB messages, MB/s ({big[1]} × 1 MiB, 1 in flight)', 'big', 'mb_per_s', '{:.1f}'),
    ]
    columns = ('ponte', 'ponte-term', 'node', 'lws', 'tcp')
    table = [['', *(TITLES[c] for c in columns)]]
    for title, mode, key, fmt in rows:
        table.append([title, *(cell(c, mode, key, fmt) for c in columns)])
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    print(f'\nmedian of {rounds} rounds (lowest–highest)')
    for row in table:
        print('  '.join(text.ljust(width) for text, width in zip(row, widths)).rstrip())

    print('\nratios (medians)               window  terminal  bare lws  target')
    ratios = [
        ('p50 ÷ node p50', lambda c: med(c, 'rtt', 'p50_us') / med('node', 'rtt', 'p50_us'),
         '≤ 0.8', lambda x: x <= 0.8),
        ('p99 ÷ node p99', lambda c: med(c, 'rtt', 'p99_us') / med('node', 'rtt', 'p99_us'),
         '≤ 0.5', lambda x: x <= 0.5),
        ('throughput ÷ node throughput',
         lambda c: med(c, 'pipe', 'msgs_per_s') / med('node', 'pipe', 'msgs_per_s'),
         '≥ 2', lambda x: x >= 2),
        ('1 MiB MB/s ÷ raw TCP MB/s', lambda c: med(c, 'big', 'mb_per_s') / med('tcp', 'big', 'mb_per_s'),
         '≥ 0.30', lambda x: x >= 0.30),
    ]
    for title, ratio, target, met in ratios:
        ponte, term, bare = ratio('ponte'), ratio('ponte-term'), ratio('lws')
        print(f'  {title:30} {ponte:6.2f}  {term:7.2f}  {bare:8.2f}   {target:7} '
              f'{"met" if met(ponte) else "MISSED"} by Ponte\'s window path, '
              f'{"met" if met(term) else "MISSED"} by its terminal mode')


if __name__ == '__main__':
    main()
