# AtC56W+ — the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PG_URL ?= postgres://postgres@127.0.0.1:5432
RUN_ID := $(shell date +%s)$(shell echo $$$$)
HOST ?= 127.0.0.1
PORT ?= 8000
# Two pytest workers: one per core of the machines this project runs on.
TEST_WORKERS ?= 2

.PHONY: axe pictograms demo install setup serve test test-sqlite test-postgres lint messages check-deploy bench load load-fault clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(PY) manage.py compilemessages --ignore=.venv -v 0

setup: install messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py rebuild_index --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0

serve:
	@echo "AtC56W+ on http://$(HOST):$(PORT)/  (demo logins in README.md)"
	@# --nostatic: WhiteNoise serves the collected, hashed static files as in production.
	SERVE_MEDIA=1 $(PY) manage.py runserver --nostatic $(HOST):$(PORT)

demo: setup serve

test: test-sqlite test-postgres

# axe-core checks pages for accessibility inside headless Chromium in the browser tests.
AXE_JS := var/node_modules/axe-core/axe.min.js
$(AXE_JS):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --prefix var --no-save --no-audit --no-fund axe-core@4.14.1; \
	else echo "npm not found: browser tests will skip their accessibility check"; fi

axe: $(AXE_JS)

# The packing station's pictograms (Twemoji, CC BY 4.0) are committed; this re-extracts them
# from the npm package, e.g. after adding a key to shop/logistics/pictograms.py.
pictograms: install
	npm install --silent --prefix var/pictograms --no-save --no-audit --no-fund @twemoji/svg@15.0.0
	$(PY) manage.py pictograms_extract

test-sqlite: messages axe
	$(PY) -m pytest -q -n $(TEST_WORKERS)

test-postgres: messages axe
	DATABASE_URL=$(PG_URL)/atc56w_$(RUN_ID) $(PY) -m pytest -q -n $(TEST_WORKERS)

lint: install
	$(VENV)/bin/ruff check shop forked_apps tests benchmarks
	@# The layers of docs/architecture.md, as contracts in pyproject.toml.
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

check-deploy: install
	@# Production settings as deploy/atc56w.env.example sets them, with a throwaway secret.
	SHOP_ENV=production DEBUG=0 ALLOWED_HOSTS=shop.example.org SHOP_SITE_DOMAIN=shop.example.org \
	CSRF_TRUSTED_ORIGINS=https://shop.example.org \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	$(PY) manage.py check --deploy --fail-level WARNING

bench: install messages
	@# Storefront under load vs vanilla Oscar, SQLite and PostgreSQL (docs/performance.md).
	$(PY) benchmarks/storefront.py $(BENCH_ARGS)

# Locust lives in the `load` extra, installed only by the targets that need it.
LOAD_STAMP := $(VENV)/.installed-load-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
$(LOAD_STAMP): $(STAMP)
	$(PIP) install --quiet -e ".[test,load]"
	rm -f $(VENV)/.installed-load-*
	touch $(LOAD_STAMP)

load: $(LOAD_STAMP) messages
	@# Locust against gunicorn on PostgreSQL (127.0.0.1 only), then the invariants (docs/load.md).
	$(PY) benchmarks/load/run.py $(LOAD_ARGS)

load-fault: $(LOAD_STAMP) messages
	@# The same run with PostgreSQL restarted halfway (docs/load.md).
	$(PY) benchmarks/load/run.py --fault pg-restart $(LOAD_ARGS)

clean:
	rm -rf var
