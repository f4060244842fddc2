#!/usr/bin/python3
"""End to end: the digit canvas and the parameter panel driven from outside, as a person or a
screen reader would, through the accessibility tree (dogtail) and the real pointer (xdotool).

    dbus-run-session -- xvfb-run -a /usr/bin/python3 tests/ui/e2e-widgets.py \
        build/tests/ui/e2e-widgets

(`meson test e2e-widgets` does this through tests/with-display.sh.) The program prints one
line per event (see e2e-widgets.c); this script acts, then waits for the line it expects.

GTK 4.8 quirks this works around:
- AT-SPI extents are relative to the window whatever coordinate type is asked for (and asking
  for screen coordinates logs a warning), so the window's origin comes from xdotool.
- Writing a slider's value through AT-SPI sets the GtkRange's adjustment directly: for a log
  slider that is log10 of the value, while reading gives the real value.
- No node ever has the "showing" state, and a node found before its widget was hidden keeps
  "visible" (its extents drop to 0 x 0): what is shown is decided by hit-testing the window
  (getAccessibleAtPoint) at the node's centre.
- A switch is a "check box" with a "toggle" action; a drop-down is a "combo box" without
  actions whose items (labels in a popover) cannot be reached, so the pointer opens it and
  the keyboard chooses.
- GtkGestureDrag's offsets are start point (old layout) to current point (new layout): when
  the page reflows during a stroke the ink jumps. The canvas asks the gesture for its current
  point instead (found here: showing the preview used to grow the row under the sheet).
"""
import math
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 15  # seconds to wait for an expected line

pyatspi = tree = None  # imported once our accessibility bus is up (start_a11y_bus)


def start_a11y_bus():
    """Starts an accessibility bus of this session's own and waits until it owns org.a11y.Bus.

    Without XDG_RUNTIME_DIR, at-spi-bus-launcher puts its socket at ~/.cache/at-spi/bus, one
    path for every session of the user: a test running beside another (or the launcher that
    D-Bus would start, which sees no XDG_RUNTIME_DIR either) replaces the socket, and GTK then
    fails to connect. A private runtime dir, and a launcher started before anything asks for
    the bus, keep each run to itself."""
    global pyatspi, tree
    os.environ['XDG_RUNTIME_DIR'] = tempfile.mkdtemp(prefix='eiaf-e2e-')
    launcher = subprocess.Popen(['/usr/libexec/at-spi-bus-launcher', '--launch-immediately'],
                                stderr=subprocess.DEVNULL)
    owns = ['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path',
            '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner',
            'org.a11y.Bus']
    deadline = time.monotonic() + TIMEOUT
    while 'true' not in subprocess.run(owns, capture_output=True, text=True).stdout:
        if time.monotonic() > deadline or launcher.poll() is not None:
            fail('the accessibility bus did not start')
        time.sleep(0.05)
    address = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.a11y.Bus',
                              '--object-path', '/org/a11y/bus', '--method',
                              'org.a11y.Bus.GetAddress'], capture_output=True, text=True).stdout
    if os.environ['XDG_RUNTIME_DIR'] not in address:
        fail(f'the accessibility bus is not ours: {address.strip()}')

    from dogtail.config import config
    config.checkForA11y = False  # no GSettings toolkit-accessibility key under a bare Xvfb
    config.searchCutoffCount = 20
    config.searchBackoffDuration = 0.25
    config.logDebugToFile = False
    config.logDebugToStdOut = False
    import pyatspi as _pyatspi
    from dogtail import tree as _tree
    pyatspi, tree = _pyatspi, _tree
    return launcher


class Program:
    """The widget program, its stdout read line by line on a thread."""

    def __init__(self, path):
        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env['GTK_A11Y'] = 'atspi'
        self.proc = subprocess.Popen([path], stdout=subprocess.PIPE, text=True, env=env)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip('\n'))

    def expect(self, pattern, timeout=TIMEOUT):
        """The first line matching pattern (earlier lines are skipped)."""
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            seen.append(line)
            match = re.fullmatch(pattern, line)
            if match:
                return match
        fail(f'no line matching {pattern!r} in {timeout} s; saw {seen!r}')

    def settle(self, quiet=0.5):
        """Reads until the program has said nothing for `quiet` seconds; the last line."""
        last = None
        while True:
            try:
                last = self.lines.get(timeout=quiet)
            except queue.Empty:
                return last

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def fail(message):
    print(f'not ok - {message}', flush=True)
    raise SystemExit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f'ok - {message}', flush=True)


def xdotool(*args):
    return subprocess.run(['xdotool', *map(str, args)], check=True, capture_output=True,
                          text=True).stdout


def window_origin(title):
    """Where the window is on the screen (AT-SPI extents are window-relative in GTK 4.8)."""
    wid = xdotool('search', '--sync', '--onlyvisible', '--name', f'^{title}$').split()[0]
    geometry = dict(line.split('=') for line in
                    xdotool('getwindowgeometry', '--shell', wid).split())
    return int(geometry['X']), int(geometry['Y'])


def extents(node):
    """x, y, width, height of a node, relative to its window."""
    e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return e.x, e.y, e.width, e.height


def drag(origin, node, points):
    """Presses, moves through points (relative to node: 0..1) and releases the real pointer."""
    x, y, w, h = extents(node)
    screen = [(origin[0] + x + px * w, origin[1] + y + py * h) for px, py in points]
    args = ['mousemove', '--sync', *map(round, screen[0]), 'mousedown', '1']
    for sx, sy in screen[1:]:
        args += ['mousemove', '--sync', round(sx), round(sy), 'sleep', '0.01']
    args += ['mouseup', '1']
    xdotool(*args)


def shown(app, name, role):
    """Whether a node with this name and role is on screen: found afresh, and what the window
    has at its centre."""
    nodes = app.findChildren(lambda n: n.name == name and n.roleName == role)
    if not nodes:
        return False
    x, y, w, h = extents(nodes[0])
    frame = app.child(roleName='frame')
    hit = frame.queryComponent().getAccessibleAtPoint(x + w // 2, y + h // 2,
                                                      pyatspi.WINDOW_COORDS)
    return hit is not None and hit.name == name and hit.getRoleName() == role


def find(app, name, role):
    return app.child(name=name, roleName=role)


def main():
    launcher = start_a11y_bus()
    program = Program(sys.argv[1])
    try:
        program.expect('ready')
        app = tree.root.application('eiaf-e2e-widgets')
        origin = window_origin('E2E widgets')

        # A slider, found by its visible label; its value is the real value.
        hidden = find(app, 'Hidden neurons', 'slider')
        check(hidden.name == 'Hidden neurons', 'the slider is named by its label only')
        check(hidden.value == 8, 'the slider reads its value')
        hidden.value = 5
        program.expect(r'param hidden 5')
        check(program.settle() is None, 'setting the slider emits the new value once')
        check(hidden.value == 5, 'the slider reads its new value')
        check(app.child(name='5 neurons', roleName='label') is not None,
              'the value is shown with its unit')

        # A log slider: reads the real value; writes go to the slider's log10 position.
        lr = find(app, 'Learning rate', 'slider')
        check(math.isclose(lr.value, 0.1), 'the log slider reads the real value')
        lr.value = math.log10(0.01)
        program.expect(r'param lr 0\.01(0*1)?')
        check(math.isclose(lr.value, 0.01), 'the log slider emits and reads the real value')
        back = find(app, 'Back to Preset: 0.1', 'push button')
        back.doActionNamed('click')
        program.expect(r'param lr 0\.1(0*1)?')
        check(math.isclose(lr.value, 0.1), 'the preset mark puts the value back')

        # The switch: a "check box" with a "toggle" action in GTK 4.8.
        shuffle = find(app, 'Shuffle each epoch', 'check box')
        check(shuffle.checked, 'the switch reads as checked')
        shuffle.doActionNamed('toggle')
        program.expect(r'param shuffle 0')
        check(not shuffle.checked, 'toggling the switch emits 0')

        # The drop-down: its items are not reachable through AT-SPI (they are labels in a
        # popover that never report "showing"), so the pointer opens it and the keys choose.
        optimiser = find(app, 'Optimiser', 'combo box')
        x, y, w, h = extents(optimiser)
        xdotool('mousemove', '--sync', origin[0] + x + w // 2, origin[1] + y + h // 2,
                'click', '1', 'sleep', '0.3', 'key', 'Down', 'key', 'Return')
        program.expect(r'param optimiser 1')
        print('ok - the drop-down chooses with the keyboard', flush=True)

        # The canvas: a vertical stroke with the real pointer, through the middle.
        canvas = find(app, 'Digit canvas', 'image')
        drag(origin, canvas, [(0.5, 0.25 + 0.05 * i) for i in range(11)])
        program.expect(r'canvas empty=0 .*')
        last = program.settle()
        m = re.fullmatch(r'canvas empty=0 mass=(\S+) cx=(\S+) cy=(\S+)', last or '')
        check(m is not None, f'the drawing reaches the program ({last!r})')
        mass, cx, cy = float(m.group(1)), float(m.group(2)), float(m.group(3))
        check(abs(cx - 0.5) < 0.01 and abs(cy - 0.5) < 0.01,
              f'the ink is where the pointer went (centre {cx:.3f}, {cy:.3f})')
        # A band as wide as the brush (0.084 of 280 px) along half the sheet, plus round
        # ends: about 3730 pixels of ink. A hook or a gap at either end would show here.
        check(3730 * 0.95 < mass < 3730 * 1.05, f'the stroke has the right length (ink {mass})')
        check(shown(app, 'What the network sees', 'image'),
              'the preview of what the network sees is shown')

        # Delete, from the keyboard, clears the canvas (it took the focus when drawn on).
        xdotool('key', 'Delete')
        program.expect(r'canvas empty=1 .*')
        print('ok - Delete clears the canvas', flush=True)
        check(not shown(app, 'What the network sees', 'image'), 'the preview goes with the ink')

        # Another stroke, then the Clear button clicked with the real pointer.
        drag(origin, canvas, [(0.3 + 0.04 * i, 0.4) for i in range(11)])
        program.expect(r'canvas empty=0 .*')
        program.settle()
        clear = find(app, 'Clear', 'push button')
        x, y, w, h = extents(clear)
        xdotool('mousemove', '--sync', origin[0] + x + w // 2, origin[1] + y + h // 2,
                'click', '1')
        program.expect(r'canvas empty=1 .*')
        print('ok - the Clear button clears the canvas', flush=True)
    finally:
        program.stop()
        launcher.terminate()


if __name__ == '__main__':
    main()
