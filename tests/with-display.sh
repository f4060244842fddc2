#!/bin/sh
# Runs a test with a display: the one already set, or a private Xvfb server and session bus.
if [ -n "$DISPLAY" ] || [ -n "$WAYLAND_DISPLAY" ]; then
  exec "$@"
fi
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$@"
