#!/usr/bin/env bash
# Browser tests drive Debian's chromium; install it when missing and we are root.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
  echo "apt-get could not install chromium." >&2; exit 1
fi
cat >&2 <<'MSG'
The browser tests need Debian's chromium at /usr/bin/chromium:
  sudo apt-get install chromium
(or run `make test PYTEST_ARGS="-m 'not browser'"` to skip them)
MSG
exit 1
