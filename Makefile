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
.PHONY: help install messages db run serve test lint audit format bench loadtest clean

help:
	@echo "make run       serve the site on http://$(HOST):$(PORT)/ (SQLite under var/)"
	@echo "make test      lint, audit the dependencies and run the whole test suite"
	@echo "make serve     serve it as in production: gunicorn, DEBUG off (README: Production)"
	@echo "make bench     print the benchmarks (docs/benchmarks.md)"
	@echo "make loadtest  a class of 300, then a live class of 300 phones, with worker crashes; the database checked"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(STAMP)

# The load generator (locust) for the benchmarks and the load test.
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	@touch $@

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

# As in production: gunicorn (WEB_CONCURRENCY workers x GUNICORN_THREADS threads), DEBUG
# off, compressed static files with hashed names. On loopback over plain HTTP the secure
# cookies and the HTTPS redirect are off unless set; behind HTTPS in production, leave them
# on (README: Production). DATABASE_URL picks PostgreSQL.
serve: db
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --noinput -v0
	@echo ""
	@echo "Serving the site as in production on http://$(HOST):$(PORT)/ (Ctrl+C stops it)."
	@echo ""
	DJANGO_DEBUG=0 DJANGO_SECURE_COOKIES=$${DJANGO_SECURE_COOKIES:-0} \
	DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-0} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-$(HOST),localhost} \
	GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} \
	$(BIN)/gunicorn config.wsgi -c config/gunicorn.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# axe-core, for the accessibility checks of the browser tests (npm registry, pinned by the lock).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Known-vulnerable dependency versions are refused (tools/audit.py).
audit: install
	$(PY) tools/audit.py

test: install messages lint audit
	$(PY) manage.py makemigrations --check --dry-run > /dev/null || \
		(echo "Models changed without a migration: run manage.py makemigrations"; exit 1)
	@if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then \
		$(MAKE) --no-print-directory node_modules/axe-core/axe.min.js && $(PY) -m pytest; \
	else \
		echo "Chromium not found at $${CHROMIUM:-/usr/bin/chromium}: SKIPPING the browser tests (tests/e2e)."; \
		echo "Install it with 'apt-get install -y chromium' to run them; .ci/run does."; \
		$(PY) -m pytest -m "not e2e"; \
	fi

# Lighthouse, for the page benchmark (npm registry, pinned by its lock).
bench/lighthouse/node_modules/.bin/lighthouse: bench/lighthouse/package.json bench/lighthouse/package-lock.json
	npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error

# Figures, never timed tests: see docs/benchmarks.md for the latest run. PostgreSQL takes
# part where tools/postgres-up can start it.
bench: $(BENCH_STAMP) bench/lighthouse/node_modules/.bin/lighthouse
	@tools/postgres-up >/dev/null 2>&1 || true
	$(PY) -m bench

# Bounded (a few minutes per database), loopback only.
loadtest: $(BENCH_STAMP)
	@tools/postgres-up >/dev/null 2>&1 || true
	$(PY) -m bench.loadtest

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
