#!/bin/sh
# Runs a test with a display: the one already set, or a private Xvfb server and session bus.
# The bus daemon and the services it starts write to stderr, so the test's stdout stays clean
# TAP. A private XDG_RUNTIME_DIR keeps the accessibility bus (~/.cache/at-spi/bus otherwise)
# apart from any other session's, so parallel test runs cannot replace each other's socket.
runtime=$(mktemp -d "${TMPDIR:-/tmp}/eiaf-test-XXXXXX") || exit 1
trap 'rm -rf "$runtime"' EXIT
chmod 700 "$runtime"
export XDG_RUNTIME_DIR="$runtime"
if [ -n "$DISPLAY" ] || [ -n "$WAYLAND_DISPLAY" ]; then
  "$@"
  exit $?
fi
exec 3>&1
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" sh -c 'exec "$@" >&3 3>&-' sh "$@" >&2
