# Two commands on a fresh machine (Python 3.11+):
#   make run    create .venv, install, set up SQLite with ATT&CK and demo data, serve :8000
#   make test   lint and run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: run install test lint bench clean

run: install
	$(BIN)/cidb setup --demo --demo-users
	$(BIN)/cidb serve

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/pages.py

clean:
	rm -rf $(VENV) data test-artifacts
