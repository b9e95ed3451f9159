# The README's two set-up commands.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install report test lint bench

$(BIN)/aimaq:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'

install: $(BIN)/aimaq

report: install
	$(BIN)/aimaq report --out out/report

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest -q -n 2 --dist loadfile 2>/dev/null || $(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
