# Two entry points: `make run` (extract the bundled corpus into outputs/) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test eval clean

$(BIN)/xinwen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/xinwen
	$(BIN)/xinwen run corpus --out outputs

test: $(BIN)/xinwen
	$(BIN)/python -m pytest -q -rs

eval: $(BIN)/xinwen
	$(BIN)/python tests/gold_docs.py outputs/gold/gold_input.jsonl
	$(BIN)/xinwen run outputs/gold/gold_input.jsonl --out outputs/gold
	$(BIN)/xinwen eval --gold outputs/gold/gold.jsonl --pred outputs/gold --facts-gold tests/gold/facts/facts.jsonl --errors > outputs/gold/errors.txt
	head -6 outputs/gold/errors.txt

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.parquet
