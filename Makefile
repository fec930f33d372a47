# Two commands: `make run` and `make test`. Both create or update .venv first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PROD_ENV := DJANGO_SETTINGS_MODULE=reintegratie.settings.production \
	SECRET_KEY=check-deploy-only-$$(date +%s)-a-long-random-looking-string-for-the-check \
	ALLOWED_HOSTS=reintegratie.example DATABASE_URL=postgres://postgres@127.0.0.1:5432/reintegratie

.PHONY: run test venv lint lint-imports mypy format migrations-check check-deploy pytest vendor-static bench

$(STAMP): pyproject.toml requirements/constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

run: venv
	$(PY) scripts/run.py

test: venv lint lint-imports mypy migrations-check check-deploy pytest

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The layers of docs/architecture.md (contracts in pyproject.toml) and the types (ADR 0008).
lint-imports: venv
	$(VENV)/bin/lint-imports

mypy: venv
	$(VENV)/bin/mypy

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: venv
	DJANGO_SETTINGS_MODULE=reintegratie.settings.test $(PY) manage.py makemigrations --check --dry-run

check-deploy: venv
	$(PROD_ENV) $(PY) manage.py check --deploy --fail-level WARNING

pytest: venv
	$(PY) -m pytest $(PYTEST_ARGS)

vendor-static:
	scripts/vendor-static.sh

# Issue 18: the national dataset (10 % and 100 %) and every main page against a bare view, the
# scan against its floor query. Its own databases (reintegratie_bench_*); BENCH_ARGS=--snel for a
# quick check. The older scan-only benchmark: $(PY) benchmarks/bench_flag_deadlines.py
bench: venv
	$(PY) benchmarks/bench_paginas.py $(BENCH_ARGS)
