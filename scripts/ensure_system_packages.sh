#!/usr/bin/env bash
# System packages the suite needs: Debian's chromium (browser tests), a CJK font and Pango
# (WeasyPrint receipts in Chinese). Installed when missing and we are root; otherwise explained.
# With --pdf (make run): only what PDFs need, and a missing package is a warning — the demo
# still runs, its receipts print squares instead of Chinese until the package is installed.
set -u
pdf_only=0
[ "${1:-}" = "--pdf" ] && pdf_only=1
missing=()
[ $pdf_only = 1 ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "CJK SC" || missing+=(fonts-noto-cjk)
ldconfig -p 2>/dev/null | grep -q "libpango-1.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
# HarfBuzz's subsetter: without it WeasyPrint embeds CJK fonts through fontTools, ~5 s per receipt
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset" || missing+=(libharfbuzz-subset0)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} (a minute or two)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null && exit 0
  echo "apt-get could not install ${missing[*]}." >&2
  [ $pdf_only = 1 ] && exit 0
  exit 1
fi
if [ $pdf_only = 1 ]; then
  echo "Receipts and notices print Chinese once these are installed: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
cat >&2 <<MSG
The tests need these Debian packages: ${missing[*]}
  sudo apt-get install ${missing[*]}
(chromium is only for the browser tests: \`make test PYTEST_ARGS="-m 'not browser'"\` skips them)
MSG
exit 1
