# One task runner for people and CI. `make run` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SRC := src tests bench scripts

.PHONY: install system-deps run test lint bench format clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,spark]'
	touch $(STAMP)

install: $(STAMP)

# System packages the test suite needs: a JVM for the Spark engine, Chromium for browser tests.
system-deps:
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }

run: install
	$(BIN)/paypath roles compare
	$(BIN)/paypath advise --skills "Python,PyTorch,transformers,distributed training" --years 5 --location California
	@echo "Open http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(BIN)/paypath serve

lint: install
	$(BIN)/ruff check $(SRC)
	$(BIN)/ruff format --check $(SRC)
	$(BIN)/mypy src

test: lint system-deps
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/run_all.py

format: install
	$(BIN)/ruff format $(SRC)
	$(BIN)/ruff check --fix $(SRC)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
