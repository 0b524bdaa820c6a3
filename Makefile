# icc_network — set-up, run, test, benchmarks and translations.
# `make run` and `make test` work on a fresh machine: they create .venv and
# install everything they need.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
SCALE ?= small
export FLASK_APP := icc_network:create_app

# PostgreSQL pass of the suite: TEST_DATABASE_URL, or the local server when one answers.
LOCAL_PG_URL := postgresql+psycopg://postgres@127.0.0.1:5432/test
PG_URL := $(or $(TEST_DATABASE_URL),$(shell pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo $(LOCAL_PG_URL)))
PYTEST_ARGS ?=
# The suite runs in parallel (pytest-xdist), one process per core; PYTEST_WORKERS=0 runs it in
# one. Work stealing keeps the long browser journeys spread over the workers.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist worksteal)

.PHONY: run test lint fuzz bench bench-transfer loadtest soak install install-dev assets chromium \
        translations translations-extract translations-update translations-compile clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# The suite also covers the production extras (login limits counted in Redis).
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,postgres,production]'
	touch $@ $(VENV)/.installed

# The load tests: Locust, and what production runs (gunicorn, Redis, PostgreSQL's driver).
$(VENV)/.installed-load: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[load,postgres,production]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed assets translations-compile

install-dev: $(VENV)/.installed-dev assets translations-compile

# Front-end libraries come from the npm registry and are served by the app itself.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Bootstrap is built from its sources with only the components the pages use; every static
# file then gets a versioned name and gzip and brotli copies (served by core/assets.py).
assets: node_modules/.installed $(VENV)/.installed
	$(BIN)/python scripts/vendor_assets.py
	$(BIN)/python scripts/build_assets.py

chromium:
	scripts/ensure_chromium.sh

# A broken catalogue (a placeholder that does not match, say) stops the build.
translations-compile: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d translations

translations-extract: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
	  --project icc_network -o translations/messages.pot .

translations-update: translations-extract
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching \
	  --ignore-obsolete

# Extract, update the catalogues and compile them (translate the new entries in between).
translations: translations-update translations-compile

run: install
	ICC_ENV=development $(BIN)/flask db upgrade
	ICC_ENV=development $(BIN)/flask demo load --if-empty
	ICC_ENV=development $(BIN)/flask serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/lint-imports
	$(BIN)/ruff check .

test: install-dev chromium lint
	TEST_DATABASE_URL= $(BIN)/pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)
	@if [ -n "$(PG_URL)" ]; then \
	  echo "== PostgreSQL pass =="; \
	  TEST_DATABASE_URL="$(PG_URL)" $(BIN)/pytest $(PYTEST_PARALLEL) -m "not browser" $(PYTEST_ARGS); \
	else \
	  echo "No PostgreSQL answered and TEST_DATABASE_URL is not set: PostgreSQL pass skipped."; \
	fi

# A longer run of the fuzzing tests (the suite runs a few examples per route, with a fixed seed).
FUZZ_EXAMPLES ?= 300
fuzz: install-dev
	TEST_DATABASE_URL= FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest $(PYTEST_PARALLEL) -q tests/access/test_fuzz.py $(PYTEST_ARGS)
	@if [ -n "$(PG_URL)" ]; then \
	  TEST_DATABASE_URL="$(PG_URL)" FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest $(PYTEST_PARALLEL) -q tests/access/test_fuzz.py $(PYTEST_ARGS); \
	fi

# SQLite by default; BENCH_DATABASE_URL=postgresql+psycopg://... runs on that database (created
# and generated when missing or out of date). BENCH_ARGS='--compare-skew' adds the lumpy data.
bench: install-dev
	$(BIN)/python -m bench.run --scale $(SCALE) $(if $(BENCH_DATABASE_URL),--database-url "$(BENCH_DATABASE_URL)") $(BENCH_ARGS)

# gunicorn (gunicorn.conf.py) on the benchmark database (BENCH_DATABASE_URL for PostgreSQL),
# loaded over loopback HTTP: each page alone next to /healthz, then readers beside sighting
# submissions, every accepted one checked in the database. Non-zero on errors or lost writes.
LOAD_CLIENTS ?= 8
LOAD_WORKERS ?=
LOAD_SECONDS ?= 30
SOAK_MINUTES ?= 30
LOAD_ARGS ?=
loadtest: $(VENV)/.installed-load assets translations-compile
	$(BIN)/python -m loadtest.run --scale $(SCALE) --clients $(LOAD_CLIENTS) --seconds $(LOAD_SECONDS) \
	  $(if $(LOAD_WORKERS),--workers $(LOAD_WORKERS)) $(LOAD_ARGS)

# The mixed load for SOAK_MINUTES on 4 workers beside the scheduler process; each process's
# memory at the start and the end.
soak: $(VENV)/.installed-load assets translations-compile
	$(BIN)/python -m loadtest.run --scale $(SCALE) --clients $(LOAD_CLIENTS) \
	  --soak-minutes $(SOAK_MINUTES) --workers $(or $(LOAD_WORKERS),4) $(LOAD_ARGS)

# What a phone downloads for the sighting form, first and repeat visit, and its LCP.
bench-transfer: install-dev chromium
	$(BIN)/python -m bench.transfer

clean:
	rm -rf $(VENV) node_modules icc_network/static/vendor icc_network/static_dist .pytest_cache .import_linter_cache .ruff_cache
	find . -name '*.mo' -delete
