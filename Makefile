# Two entry points: `make run` (extract the bundled corpus into outputs/) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test clean

$(BIN)/xinwen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/xinwen
	$(BIN)/xinwen run corpus --out outputs

test: $(BIN)/xinwen
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.parquet
