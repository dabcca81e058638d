# Two commands from a fresh clone: `make run` and `make test`.
# Both install the versions last tested (constraints.txt); `make constraints` refreshes it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := constraints.txt
# The CLI's own variables win over the defaults: `JCMOCK_PORT=9000 make run` serves on 9000.
HOST ?= $(or $(JCMOCK_HOST),127.0.0.1)
PORT ?= $(or $(JCMOCK_PORT),8080)

.PHONY: run test lint bench install install-test constraints clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg $(CONSTRAINTS)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python setup.cfg $(CONSTRAINTS)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/jcmock serve --host $(HOST) --port $(PORT)

lint: install-test
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python bench/bench.py

# Resolve the newest versions setup.cfg allows in a scratch venv and keep them as the tested set:
# run `make test` after it, and commit constraints.txt with the change that needed it.
constraints:
	rm -rf .constraints-venv
	$(PYTHON) -m venv .constraints-venv
	.constraints-venv/bin/pip install --quiet --upgrade pip
	.constraints-venv/bin/pip install --quiet -e '.[test]'
	.constraints-venv/bin/pip freeze --exclude-editable | grep -v '^jcmock' > $(CONSTRAINTS)
	rm -rf .constraints-venv

clean:
	rm -rf $(VENV) .jcmock *.egg-info
