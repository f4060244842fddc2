#!/usr/bin/python3
"""End to end on the real app (DESIGN §5): the built everything-is-a-font window driven as a
person or a screen reader would — lesson 26 picked in the sidebar through the accessibility
tree, training started with the "Train" button, a 7 drawn on the "Digit canvas" with the real
pointer, and the network's answer read from the "Prediction: …" label.

    tests/with-display.sh env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=build/resources \
        /usr/bin/python3 tests/ui/e2e-app.py build/app/everything-is-a-font

(`meson test e2e-app` does this.) With EIAF_E2E_SHOT=FILE.png the window is saved there at the
end (`import`, from ImageMagick), for looking at.

The accessibility bus, the dogtail settings and the GTK 4.8 quirks (window-relative extents,
nodes of hidden pages that still say "visible") are handled by e2e-widgets.py's helpers, which
this script loads.
"""
import importlib.util
import os
import re
import subprocess
import sys
import time

LESSON = 'A CNN that reads your handwriting'
TRAINING_TIMEOUT = 300  # seconds: one epoch takes about 3 s here, far more under ASan

_spec = importlib.util.spec_from_file_location(
    'e2e_widgets', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'e2e-widgets.py'))
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)
check, fail, xdotool, extents = e2e.check, e2e.fail, e2e.xdotool, e2e.extents


def wait_for(what, condition, timeout):
    """condition()'s first true value, polled; fails the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    fail(f'waited {timeout} s for {what}')


def on_screen(app, node):
    """The window shows this node at its centre (hidden pages keep stale nodes in GTK 4.8): the
    hit-tested node there is the node or one of its descendants (a row's label)."""
    box = extents(node)
    x, y, w, h = box
    if w <= 0 or h <= 0:
        return False
    frame = app.child(roleName='frame')
    hit = frame.queryComponent().getAccessibleAtPoint(x + w // 2, y + h // 2,
                                                      e2e.pyatspi.WINDOW_COORDS)
    while hit is not None and hit.getRoleName() != 'frame':
        if (hit.name == node.name and hit.getRoleName() == node.roleName and
                extents(hit) == box):
            return True
        hit = hit.parent
    return False


def shown_node(app, role, name=None, pattern=None):
    """The node of this role, named `name` (or matching `pattern`), that is on screen, or None."""
    for node in app.findChildren(lambda n: n.roleName == role and
                                 (n.name == name if pattern is None else
                                  re.fullmatch(pattern, n.name or '') is not None)):
        if on_screen(app, node):
            return node
    return None


def page_slider(app, name):
    """The slider called `name` on the lesson's own page. Sliders are hit-tested a dozen pixels
    off in GTK 4.8 and hidden pages keep theirs, so it is found through the tree instead: from
    a label naming the lesson up to the first ancestor holding such sliders — for the page's
    heading that is the page, with exactly one (the sidebar's row reaches the whole window)."""
    for label in app.findChildren(lambda n: n.roleName == 'label' and n.name == LESSON):
        node = label.parent
        while node is not None and node.roleName != 'frame':
            sliders = node.findChildren(lambda n: n.roleName == 'slider' and n.name == name)
            if sliders:
                if len(sliders) == 1:
                    return sliders[0]
                break
            node = node.parent
    return None


def pointer_to(origin, node, *then):
    """Moves the pointer to the node's centre, then does `then` there (xdotool commands). No
    --sync: it waits for the pointer to move, and would hang where it already is (the Train
    button takes the place of Pause; the wheel turns at one spot)."""
    x, y, w, h = extents(node)
    xdotool('mousemove', origin[0] + x + w // 2, origin[1] + y + h // 2, *then)


def click(origin, node):
    pointer_to(origin, node, 'click', '1')


def pick_lesson(app, origin):
    """Scrolls the sidebar with the wheel until the lesson's row is on screen, then clicks it."""
    sidebar = app.child(name='Lessons', roleName='list')
    row = sidebar.child(name=LESSON, roleName='list item')
    viewport = sidebar.parent
    for _ in range(60):
        # Geometry, not a hit test: at the sidebar's foot GTK 4.8's hit test is off by a dozen
        # pixels and misses rows that are in view.
        x, y, w, h = extents(row)
        vx, vy, vw, vh = extents(viewport)
        if h > 0 and y >= vy and y + h <= vy + vh:
            break
        pointer_to(origin, viewport, 'click', '5')  # the wheel
        time.sleep(0.05)
    else:
        fail(f'the sidebar row "{LESSON}" never came into view')
    click(origin, row)
    title = wait_for('the lesson page', lambda: shown_node(app, 'label', LESSON), 10)
    check(title is not None, f'the sidebar opens "{LESSON}"')


def status_text(app):
    node = shown_node(app, 'label', pattern=r'(Epoch|Ready|Paused).*')
    return node.name if node else ''


def start_training(app, origin):
    """The page starts training when first shown: pause it, then start it with "Train"."""
    pause = wait_for('the Pause button', lambda: shown_node(app, 'push button', 'Pause'), 10)
    click(origin, pause)
    train = wait_for('the Train button', lambda: shown_node(app, 'push button', 'Train'), 10)
    check(train is not None, 'Pause turns the button into "Train"')
    click(origin, train)
    wait_for('training to run again', lambda: shown_node(app, 'push button', 'Pause'), 10)
    print('ok - "Train" starts training (the button reads "Pause")', flush=True)
    # A slider moved restarts training at once with its value: one epoch (also keeps the run
    # short under the sanitizers).
    epochs = wait_for('the Epochs slider', lambda: page_slider(app, 'Epochs'), 10)
    epochs.value = 1
    restarted = wait_for('the run of one epoch',
                         lambda: re.search(r'Epoch \d+ of 1\b', status_text(app)), 10)
    check(restarted is not None and epochs.value == 1,
          f'the Epochs slider restarts training for 1 epoch: "{status_text(app)}"')
    status = wait_for('the end of the run',
                      lambda: (lambda s: s if s.endswith('finished') else None)(status_text(app)),
                      TRAINING_TIMEOUT)
    m = re.search(r'accuracy (\d+(?:\.\d+)?)%', status)
    check(m is not None and float(m.group(1)) >= 85, f'one epoch reads most digits: "{status}"')


def draw_seven(app, origin):
    canvas = wait_for('the digit canvas', lambda: shown_node(app, 'image', 'Digit canvas'), 10)
    # Along the top, then down to the lower left: a 7, in one stroke.
    top = [(0.28 + 0.045 * i, 0.24) for i in range(11)]
    down = [(0.73 - 0.025 * i, 0.24 + 0.055 * i) for i in range(1, 11)]
    e2e.drag(origin, canvas, top + down)


def main():
    started = time.monotonic()

    def log(what):
        print(f'# {time.monotonic() - started:.1f} s: {what}', flush=True)

    launcher = e2e.start_a11y_bus()
    program = e2e.Program(sys.argv[1])
    try:
        app = wait_for('the app on the accessibility bus',
                       lambda: next((a for a in e2e.tree.root.applications()
                                     if a.name == 'everything-is-a-font'), None), 15)
        origin = e2e.window_origin('Everything Is a Font')
        log('the window is up')
        pick_lesson(app, origin)
        start_training(app, origin)
        log('trained')
        draw_seven(app, origin)
        answer = wait_for('the answer',
                          lambda: shown_node(app, 'label', pattern=r'Prediction: .*'), 10)
        m = re.fullmatch(r'Prediction: (\d) \((\d{1,3})%\)', answer.name)
        check(m is not None, f'the answer reads like "Prediction: 7 (98%)": "{answer.name}"')
        check(m.group(1) == '7', f'the drawn 7 is read as a 7 ({m.group(2)}%)')
        log('done')
        shot = os.environ.get('EIAF_E2E_SHOT')
        if shot:
            wid = xdotool('search', '--onlyvisible', '--name', '^Everything Is a Font$').split()[0]
            subprocess.run(['import', '-window', wid, shot], check=True)
    finally:
        program.stop()
        launcher.terminate()


if __name__ == '__main__':
    main()
