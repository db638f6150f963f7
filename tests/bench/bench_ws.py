#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""bench_ws: Ponte's WebSocket path against node's ws and a bare libwebsockets
client, all on the same echo server (npm's ws under node) in one run.

    meson test -C build --benchmark -v ws
    tests/bench/bench_ws.py --ponte build/tests/bench/bench_ws --lws build/tests/bench/bench_lws \
        --tcp build/tests/bench/bench_tcp [--rounds N] [--quick]

Needs node and, once, `npm ci --prefix tests/bench` (the pinned ws), and Xvfb
for Ponte's window path (its UI thread sleeps as app.c's does, which the
window system wakes). Ponte runs twice: the window's path (a UI thread and
the network worker) and the terminal mode's (--headless: net's one-thread
mode, the lws loop on the one thread). The clients and what they measure:
see tests/bench/bench_common.h.

Besides the timings, each client reports the CPU time it spent (all its
threads) per message of the timed run, and the driver reads the echo
server's (and, for the window, Xvfb's) from /proc over each run, warm-up
and connecting included. A last row runs 1 MiB messages against a second
echo server that compresses (permessage-deflate), for the clients that can
offer it.

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
DEFLATE_CLIENTS = ('ponte', 'ponte-term', 'node')
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


def start_server(node, deflate=False):
    proc = subprocess.Popen([node, os.path.join(BENCH_DIR, 'echo_server.js')] + (['deflate'] if deflate else []),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    if not line.isdigit():
        proc.kill()
        fail('the echo server did not start (see above)')
    return proc, int(line)


def cpu_seconds(pid):
    """User + system CPU seconds of a running process (Linux /proc), or None."""
    if not pid:
        return None
    try:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    except (OSError, IndexError, ValueError):
        return None


def run(cmd, env=None, watch=()):
    """Runs one client; its JSON result, with the CPU microseconds per
    message each process in watch (name, pid) spent meanwhile added as
    '<name>_cpu_us_per_msg'. None when the client says it cannot (exit
    status 3: not offered in this build)."""
    before = {name: cpu_seconds(pid) for name, pid in watch}
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        fail(f'{" ".join(cmd)}: no answer within 300 s')
    if done.returncode == 3:
        return {'unsupported': done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'not offered'}
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        fail(f'{" ".join(cmd)}: exit status {done.returncode}')
    res = json.loads(done.stdout.strip().splitlines()[-1])
    # Messages the server echoed in this run: the timed ones and the warm-up.
    for name, pid in watch:
        messages = int(cmd[-4]) + int(cmd[-1])
        after = cpu_seconds(pid)
        if before[name] is not None and after is not None:
            res[f'{name}_cpu_us_per_msg'] = (after - before[name]) * 1e6 / messages
    return res


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
    deflate_server, deflate_port = start_server(args.node, deflate=True)
    url = f'ws://127.0.0.1:{port}/'
    deflate_url = f'ws://127.0.0.1:{deflate_port}/'
    ponte_env = dict(os.environ, DISPLAY=display)
    ponte_env.pop('WAYLAND_DISPLAY', None)
    # The terminal mode (ponte --headless): net's one-thread mode, as
    # src/headless.c runs it.
    terminal_env = dict(os.environ, PONTE_BENCH_WAKE='one-thread')
    commands = {
        'ponte': ([args.ponte], ponte_env),
        'ponte-term': ([args.ponte], terminal_env),
        'node': ([args.node, os.path.join(BENCH_DIR, 'client.js')], dict(os.environ)),
        'lws': ([args.lws], None),
    }
    xvfb_pid = xvfb.pid if xvfb else None
    results = {}  # (client, mode) -> list of result dicts, one per round
    try:
        # Everything here shares the machine's cores: anything else running
        # shows in the figures, so say how busy it was.
        print(f'load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores')
        print(f'echo server: node {subprocess.run([args.node, "--version"], capture_output=True, text=True).stdout.strip()}, '
              f'ws {json.load(open(os.path.join(BENCH_DIR, "node_modules", "ws", "package.json")))["version"]}, '
              f'{url}; {args.rounds} rounds, order rotated each round')
        modes = list(plan.items()) + [('deflate', plan['big'])]
        for mode, (name, count, size, window, warmup) in modes:
            clients = DEFLATE_CLIENTS if mode == 'deflate' else CLIENTS
            for r in range(args.rounds):
                shift = r % len(clients)
                order = clients[shift:] + clients[:shift]
                for client in order:
                    base, env = commands[client]
                    target, srv = (deflate_url, deflate_server) if mode == 'deflate' else (url, server)
                    if mode == 'deflate':
                        env = dict(env or os.environ, PONTE_BENCH_DEFLATE='1')
                    watch = [('server', srv.pid)] + ([('xvfb', xvfb_pid)] if client == 'ponte' else [])
                    res = run(base + [name, target, str(count), str(size), str(window), str(warmup)], env, watch)
                    results.setdefault((client, mode), []).append(res)
                    print(f'  round {r + 1} {mode:7} {client:10} {summary(name, res)}', flush=True)
                if mode == 'big':
                    res = run([args.tcp, str(count), str(size), str(warmup)])
                    results.setdefault(('tcp', mode), []).append(res)
                    print(f'  round {r + 1} {mode:7} {"tcp":10} {summary(mode, res)}', flush=True)
    finally:
        for proc in (server, deflate_server):
            proc.stdin.close()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        if xvfb:
            xvfb.terminate()
            xvfb.wait()

    print(f'load average after: {os.getloadavg()[0]:.2f}')
    report(plan, results, args.rounds)


def summary(mode, res):
    if 'unsupported' in res:
        return res['unsupported']
    if mode == 'rtt':
        text = f'p50 {res["p50_us"]:.1f} us  p99 {res["p99_us"]:.1f} us  max {res["max_us"]:.0f} us'
    elif mode == 'pipe':
        text = f'{res["msgs_per_s"]:,.0f} msg/s'
    else:
        text = f'{res["mb_per_s"]:.1f} MB/s'
    if 'cpu_us_per_msg' in res:
        text += f'  CPU/msg {res["cpu_us_per_msg"]:.1f} us'
        if 'server_cpu_us_per_msg' in res:
            text += f' (server {res["server_cpu_us_per_msg"]:.1f}'
            if 'xvfb_cpu_us_per_msg' in res:
                text += f', Xvfb {res["xvfb_cpu_us_per_msg"]:.1f}'
            text += ')'
    if res.get('extensions'):
        text += f'  [{res["extensions"]}]'
    if 'ui_wakes_per_message' in res:
        text += f'  ({res["ui_wakes_per_message"]:.2f} UI wake-ups a message'
    if 'p50_to_socket_us' in res:
        # Ponte's round trip in three legs (bench_ws.c, struct legs).
        text += (f'{"; " if "ui_wakes_per_message" in res else "  ("}legs p50: to the socket {res["p50_to_socket_us"]:.0f} us, '
                 f'echo {res["p50_echo_us"]:.0f} us, to the UI {res["p50_to_ui_us"]:.0f} us')
    if 'ui_wakes_per_message' in res or 'p50_to_socket_us' in res:
        text += ')'
    return text


def report(plan, results, rounds):
    def values(client, mode, key):
        return [res[key] for res in results.get((client, mode), []) if key in res]

    def med(client, mode, key):
        v = values(client, mode, key)
        return statistics.median(v) if v else None

    def cell(client, mode, key, fmt):
        v = values(client, mode, key)
        if not v:
            why = [res['unsupported'] for res in results.get((client, mode), []) if 'unsupported' in res]
            return 'not offered' if why else '—'
        text = fmt.format(statistics.median(v))
        if len(v) > 1:
            text += ' (' + fmt.format(min(v)) + '–' + fmt.format(max(v)) + ')'
        return text

    rtt, pipe, big = plan['rtt'], plan['pipe'], plan['big']
    rows = [
        (f'round trip p50, µs ({rtt[1]:,} × {rtt[2]} B, 1 in flight)', 'rtt', 'p50_us', '{:.1f}'),
        ('round trip p99, µs', 'rtt', 'p99_us', '{:.1f}'),
        ('  CPU per message, µs: the client', 'rtt', 'cpu_us_per_msg', '{:.1f}'),
        ('  the server (Xvfb, window)', 'rtt', 'server_cpu_us_per_msg', '{:.1f}'),
        ('', 'rtt', 'xvfb_cpu_us_per_msg', '{:.1f}'),
        (f'throughput, msg/s ({pipe[1]:,} × {pipe[2]} B, {pipe[3]} in flight)', 'pipe',
         'msgs_per_s', '{:,.0f}'),
        ('  CPU per message, µs: the client', 'pipe', 'cpu_us_per_msg', '{:.1f}'),
        ('  the server (Xvfb, window)', 'pipe', 'server_cpu_us_per_msg', '{:.1f}'),
        ('', 'pipe', 'xvfb_cpu_us_per_msg', '{:.1f}'),
        (f'1 MiB messages, MB/s ({big[1]} × 1 MiB, 1 in flight)', 'big', 'mb_per_s', '{:.1f}'),
        ('  CPU per message, µs: the client', 'big', 'cpu_us_per_msg', '{:.0f}'),
        ('  the server', 'big', 'server_cpu_us_per_msg', '{:.0f}'),
        ('1 MiB with compression, MB/s (server compresses)', 'deflate', 'mb_per_s', '{:.1f}'),
        ('  CPU per message, µs: the client', 'deflate', 'cpu_us_per_msg', '{:.0f}'),
    ]
    columns = ('ponte', 'ponte-term', 'node', 'lws', 'tcp')
    table = [['', *(TITLES[c] for c in columns)]]
    for title, mode, key, fmt in rows:
        line = [title, *(cell(c, mode, key, fmt) for c in columns)]
        if not title:  # Xvfb's line: the window's column only
            line = ['  Xvfb (window)', cell('ponte', mode, key, fmt), '', '', '', '']
        table.append(line)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    print(f'\nmedian of {rounds} rounds (lowest–highest)')
    for row in table:
        print('  '.join(text.ljust(width) for text, width in zip(row, widths)).rstrip())

    def ratio(a, b):
        return a / b if a is not None and b else None

    node = {key: med('node', mode, key) for mode, key in
            (('rtt', 'p50_us'), ('rtt', 'p99_us'), ('pipe', 'msgs_per_s'), ('big', 'mb_per_s'))}
    targets = [
        # (what, client, value ÷ reference, target text, met)
        ('terminal p50 ÷ node p50', ratio(med('ponte-term', 'rtt', 'p50_us'), node['p50_us']), '≤ 0.9',
         lambda x: x <= 0.9),
        ('terminal p99 ÷ node p99', ratio(med('ponte-term', 'rtt', 'p99_us'), node['p99_us']), '≤ 0.8',
         lambda x: x <= 0.8),
        ('terminal throughput ÷ node', ratio(med('ponte-term', 'pipe', 'msgs_per_s'), node['msgs_per_s']),
         '≥ 1.0', lambda x: x >= 1.0),
        ('terminal 1 MiB ÷ node', ratio(med('ponte-term', 'big', 'mb_per_s'), node['mb_per_s']), '≥ 1.0',
         lambda x: x >= 1.0),
        ('window p50 ÷ terminal p50', ratio(med('ponte', 'rtt', 'p50_us'), med('ponte-term', 'rtt', 'p50_us')),
         '≤ 1.3', lambda x: x <= 1.3),
        ('window 1 MiB ÷ node', ratio(med('ponte', 'big', 'mb_per_s'), node['mb_per_s']), '≥ 1.0',
         lambda x: x >= 1.0),
    ]
    print('\ntargets (ratios of medians)')
    for title, value, target, met in targets:
        shown = f'{value:.2f}' if value is not None else '—'
        verdict = '' if value is None else ('met' if met(value) else 'MISSED')
        print(f'  {title:30} {shown:>6}   {target:6} {verdict}')
    print('\nfor comparison, ÷ node (window, terminal, bare lws)')
    for title, mode, key in (('p50', 'rtt', 'p50_us'), ('p99', 'rtt', 'p99_us'),
                             ('throughput', 'pipe', 'msgs_per_s'), ('1 MiB', 'big', 'mb_per_s')):
        cells = [ratio(med(c, mode, key), node[key]) for c in ('ponte', 'ponte-term', 'lws')]
        print(f'  {title:12} ' + '  '.join(f'{c:6.2f}' if c is not None else '     —' for c in cells))
    tcp = med('tcp', 'big', 'mb_per_s')
    if tcp:
        print(f'  1 MiB ÷ raw TCP: window {ratio(med("ponte", "big", "mb_per_s"), tcp) or 0:.2f}, '
              f'terminal {ratio(med("ponte-term", "big", "mb_per_s"), tcp) or 0:.2f}, '
              f'node {ratio(node["mb_per_s"], tcp) or 0:.2f}')


if __name__ == '__main__':
    main()
