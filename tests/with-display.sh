#!/bin/sh
# Runs a test with a display: the one already set, or a private Xvfb server and session bus.
# The bus daemon and the services it starts write to stderr, so the test's stdout stays clean
# TAP.
if [ -n "$DISPLAY" ] || [ -n "$WAYLAND_DISPLAY" ]; then
  exec "$@"
fi
exec 3>&1
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" sh -c 'exec "$@" >&3 3>&-' sh "$@" >&2
