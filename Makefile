# Civility: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install install-dev test test-postgres lint format bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/civility migrate --noinput -v0
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/civility demo
	$(BIN)/civility serve --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

lint: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src

format: install-dev
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

# Speed is measured here, never in timed tests.
bench: install
	$(BIN)/python bench/thread_page_bench.py
	$(BIN)/python bench/classifier_bench.py
	$(BIN)/python bench/post_bench.py
	$(BIN)/python bench/import_bench.py --comments 1000000
	$(BIN)/python bench/compare_isso.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

-include mk/*.mk
