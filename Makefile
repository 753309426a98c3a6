# Stockout Radar — the two promised commands work on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= data/demo.duckdb
PORT ?= 8501

.PHONY: run test lint bench demo samples clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files so the install reruns only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

$(DB): | $(VENV)/.installed
	$(BIN)/python -m inventory_core demo --db $(DB)

demo: $(VENV)/.installed
	$(BIN)/python -m inventory_core demo --db $(DB) --rebuild

samples: $(VENV)/.installed
	$(BIN)/python -m inventory_core samples --out data/samples

run: $(VENV)/.installed $(DB)
	STOCKOUT_RADAR_DB=$${STOCKOUT_RADAR_DB:-$(DB)} $(BIN)/streamlit run app.py \
		--server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff format --check inventory_core tests app.py pages ui bench scripts
	$(BIN)/ruff check inventory_core tests app.py pages ui bench scripts
	$(BIN)/mypy inventory_core

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
