#!/usr/bin/python3
"""Smoke test of `everything-is-a-font --benchmark-ui` (docs/performance-ui.md): a short run
on two lessons prints one JSON object a line, every measurement is there, counts match and
the numbers are sane (positive, percentiles in order). No timing thresholds: those are the
benchmark's to report, not a test's to enforce.

    tests/with-display.sh env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=build/resources \\
        /usr/bin/python3 tests/ui/test-benchmark-ui.py build/app/everything-is-a-font \\
        build/app/everything-is-a-font-cli

(`meson test benchmark-ui` does this.)
"""
import json
import subprocess
import sys

LESSONS = ['xor', 'spirals']
REPEATS = 2
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print('not ok:', what, file=sys.stderr)


def ordered_stats(line, key, n=None):
    stats = line.get(key)
    check(isinstance(stats, dict), f'{line["metric"]} has {key}')
    if not isinstance(stats, dict):
        return
    if n is not None:
        check(stats.get('n') == n, f'{line["metric"]} {key} counts {n} (got {stats.get("n")})')
    values = [stats.get(k) for k in ('p50', 'p95', 'max')]
    check(all(isinstance(v, (int, float)) and v >= 0 for v in values),
          f'{line["metric"]} {key} is numbers >= 0: {values}')
    if all(isinstance(v, (int, float)) for v in values):
        check(values[0] <= values[1] <= values[2], f'{line["metric"]} {key} in order: {values}')


def run(gui, *args, timeout=120):
    return subprocess.run([gui, *args], stdout=subprocess.PIPE, stderr=sys.stderr, text=True,
                          timeout=timeout)


def parse(stdout):
    lines = []
    for text in stdout.splitlines():
        try:
            lines.append(json.loads(text))
        except json.JSONDecodeError:
            check(False, f'a line of JSON: {text!r}')
    for line in lines:
        check(isinstance(line, dict) and 'metric' in line, f'a metric: {line}')
    return [line for line in lines if isinstance(line, dict)]


def check_startup(lines):
    startup = [line for line in lines if line.get('metric') == 'startup']
    check(len(startup) == 1, 'one startup line')
    if startup:
        s = startup[0]
        check(s.get('first_frame_from_main_s', 0) > 0, f'start-up from main > 0: {s}')
        check(s.get('first_frame_from_exec_s', 0) > 0, f'start-up from exec > 0: {s}')
        check(s.get('lesson') == LESSONS[0], f'opened on {LESSONS[0]}: {s.get("lesson")}')
        check(bool(s.get('renderer')), 'a renderer named')


def check_frames(lines):
    frames = [line for line in lines if line.get('metric') == 'frames']
    check([f.get('lesson') for f in frames] == LESSONS, f'frames of {LESSONS}')
    for f in frames:
        check(f.get('frames', 0) > 0 and f.get('fps', 0) > 0, f'frames counted: {f}')
        check(f.get('snapshots', 0) > 0, f'snapshots arrived while counting: {f}')
        ordered_stats(f, 'interval_ms', f.get('frames', 0) - 1)
        ordered_stats(f, 'wall_interval_ms', f.get('frames', 0) - 1)
        ordered_stats(f, 'paint_work_ms', f.get('frames'))
        ordered_stats(f, 'layout_ms', f.get('frames'))
        ordered_stats(f, 'draw_ms', f.get('frames'))
        check(f.get('restarts', -1) >= 0, f'restarts counted: {f}')
        ordered_stats(f, 'snapshot_update_ms', f.get('snapshots'))


def check_slider(lines):
    sliders = [line for line in lines if line.get('metric') == 'slider']
    check([s.get('lesson') for s in sliders] == LESSONS, f'slider changes on {LESSONS}')
    for s in sliders:
        check(s.get('changes') == REPEATS, f'{REPEATS} changes: {s}')
        check(bool(s.get('param')), 'a slider named')
        ordered_stats(s, 'to_snapshot_ms', REPEATS)
        ordered_stats(s, 'to_picture_ms', REPEATS)
        snap, picture = s.get('to_snapshot_ms', {}), s.get('to_picture_ms', {})
        check(picture.get('max', -1) >= snap.get('max', 0),
              f'the picture comes after its snapshot: {s}')


def check_memory(lines, ids):
    visits = [line for line in lines if line.get('metric') == 'visit']
    check([v.get('lesson') for v in visits] == ids, 'every lesson visited in order')
    check(all(v.get('vm_rss_mb', 0) > 0 for v in visits), 'RSS after each visit > 0')
    memory = [line for line in lines if line.get('metric') == 'memory']
    check(len(memory) == 1, 'one memory line')
    if memory:
        m = memory[0]
        check(m.get('lessons_visited') == len(ids), f'{len(ids)} lessons visited: {m}')
        check(0 < m.get('vm_rss_mb', 0) <= m.get('vm_hwm_mb', 0), f'RSS > 0, HWM >= RSS: {m}')
    startup = [line for line in lines if line.get('metric') == 'startup']
    check(bool(startup) and startup[0].get('vm_rss_mb', 0) > 0, 'RSS at start-up > 0')


def main():
    gui, cli = sys.argv[1], sys.argv[2]
    ids = [row.split('\t')[0] for row in
           subprocess.run([cli, 'list'], stdout=subprocess.PIPE, text=True,
                          check=True).stdout.splitlines() if row]

    for bad in (['--lesson', 'xor,no-such-lesson'], ['--benchmark-seconds', '-1'],
                ['--benchmark-repeats', '-1'], ['--screenshot', 'x.png']):
        check(run(gui, '--benchmark-ui', *bad).returncode == 2, f'{bad} refused')

    result = run(gui, '--benchmark-ui', '--lesson', ','.join(LESSONS), '--benchmark-seconds',
                 '1', '--benchmark-repeats', str(REPEATS), '--benchmark-visit', '0.1')
    check(result.returncode == 0, f'exit status 0 (got {result.returncode})')
    lines = parse(result.stdout)
    check(not [line for line in lines if line.get('metric') == 'error'], 'no error lines')
    check_startup(lines)
    check_frames(lines)
    check_slider(lines)
    check_memory(lines, ids)
    check(bool(lines) and lines[-1].get('metric') == 'done' and lines[-1].get('status') == 0,
          'ends with done, status 0')

    if failures:
        print(result.stdout, file=sys.stderr)
        sys.exit(1)
    print(f'ok: {len(lines)} lines, every measurement present')


if __name__ == '__main__':
    main()
