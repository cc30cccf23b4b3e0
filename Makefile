# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv when it is missing and install into it; `make install`
# is the install step alone and does nothing when pyproject.toml is unchanged.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export HOST PORT

.PHONY: install install-dev run test eval bench container-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/gunicorn --config gunicorn.conf.py "service.app:create_app()"

test: install-dev
	$(BIN)/python -m pytest

# Accuracy on a gold directory (texts/ + gold.jsonl); GOLD=path overrides.
GOLD ?= ../shared/dev/news
eval: install
	$(BIN)/python -m service.evaluate $(GOLD)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
