# Wuye — two commands: `make run` (demo server + worker) and `make test` (whole suite).
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PO := locale/zh_Hans/LC_MESSAGES/django.po
MO := $(PO:.po=.mo)

.PHONY: run test setup bench lint messages clean pdf-packages

pdf-packages:
	@scripts/ensure_system_packages.sh --pdf

setup: $(VENV)/.installed node_modules/.installed $(MO) var/.static var/pdf-fonts/.built

$(VENV)/.installed: requirements.lock pyproject.toml
	@py=$$(scripts/find_python.sh) || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20+ (Debian: apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(MO): $(PO) $(VENV)/.installed
	$(MANAGE) compilemessages --locale zh_Hans --ignore .venv --ignore node_modules -v 0

# Vendor files and project static files; re-collected only when something changed.
var/.static: node_modules/.installed $(VENV)/.installed $(shell find wuye -path '*/static/*' -type f 2>/dev/null)
	$(MANAGE) vendor_assets
	@echo "Collecting static files (once; about half a minute the first time)…"
	@set -o pipefail; $(MANAGE) collectstatic --noinput -v 2 | awk '/^(Copying|Skipping)/ { n++; if ($$1 == "Copying") c++; if (n % 200 == 0) print "  " n " files…" } END { print "  " n + 0 " static files, " c + 0 " copied" }'
	@touch $@

# The PDFs' fonts, cut down from the installed CJK fonts (about a minute, once; core/pdf.py).
# The command leaves .built out while a system font is missing, so setup tries again later.
var/pdf-fonts/.built: $(VENV)/.installed wuye/core/management/commands/build_pdf_fonts.py
	$(MANAGE) build_pdf_fonts

# The PDF packages first (receipts and notices need a CJK font to print Chinese), then setup.
run: pdf-packages setup
	@echo "Preparing the database…"
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) seed_demo
	@PORT=$(PORT) PY=$(PY) scripts/run.sh

test: setup
	@scripts/ensure_system_packages.sh
	$(PY) -m pytest -n $${PYTEST_WORKERS:-2} $(PYTEST_ARGS)

bench: setup
	$(PY) bench/run_all.py

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

messages: setup
	$(MANAGE) makemessages --locale zh_Hans --ignore .venv --ignore node_modules --ignore var --no-obsolete --add-location file

clean:
	rm -rf $(VENV) node_modules var
