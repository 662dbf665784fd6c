# Everything a newcomer needs: `make run` serves the site, `make test` passes the suite.
# Both create .venv and install the project on first use; nothing else is needed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
PO     := $(wildcard locale/*/LC_MESSAGES/django.po)
MO     := $(PO:.po=.mo)

.DEFAULT_GOAL := help
.PHONY: help install messages db run test lint format bench clean

help:
	@echo "make run    serve the site on http://$(HOST):$(PORT)/ (SQLite under var/)"
	@echo "make test   lint and run the whole test suite"
	@echo "make bench  print the benchmarks (docs/benchmarks.md)"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(STAMP)

# Catalogues are committed compiled too, so a machine without gettext still runs the site.
messages: $(MO)
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@if command -v msgfmt >/dev/null; then msgfmt --check -o $@ $<; \
	else echo "msgfmt not found: using the committed $@"; fi

db: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_facts
	$(PY) manage.py generate_questions
	$(PY) manage.py ensure_admin

run: db
	@echo ""
	@echo "Serving the site on http://$(HOST):$(PORT)/ (Ctrl+C stops it)."
	@echo "Admin: http://$(HOST):$(PORT)/admin/ with the account printed above."
	@echo ""
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# axe-core, for the accessibility checks of the browser tests (npm registry, pinned by the lock).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: install messages lint
	$(PY) manage.py makemigrations --check --dry-run > /dev/null || \
		(echo "Models changed without a migration: run manage.py makemigrations"; exit 1)
	@if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then \
		$(MAKE) --no-print-directory node_modules/axe-core/axe.min.js && $(PY) -m pytest; \
	else \
		echo "Chromium not found at $${CHROMIUM:-/usr/bin/chromium}: SKIPPING the browser tests (tests/e2e)."; \
		echo "Install it with 'apt-get install -y chromium' to run them; .ci/run does."; \
		$(PY) -m pytest -m "not e2e"; \
	fi

# Figures, never timed tests: see docs/benchmarks.md for the latest run.
bench: install
	$(PY) bench/generation.py 7

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
