# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint format typecheck bench bench-api clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cso demo --shared $(SHARED)

# The web system's tests run twice: on SQLite (the default) and on a throwaway PostgreSQL.
WEB_TESTS := src/cso/accounts src/cso/audit src/cso/calls src/cso/units src/cso/dispatch

test: $(STAMP)
	scripts/ensure-chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=cso.config.settings $(BIN)/django-admin makemigrations --check --dry-run
	$(BIN)/pytest
	scripts/with-postgres $(BIN)/pytest $(WEB_TESTS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/triage.py --shared $(SHARED)

bench-api: $(STAMP)
	scripts/with-postgres $(BIN)/python benchmarks/api.py

clean:
	rm -rf $(VENV) var build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
