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
	$(BIN)/python -m service.evaluate $(GOLD) --table

# One table: throughput vs razdel, memory (RSS, PSS), HTTP latency under load.
bench: install
	$(BIN)/python -m service.bench

# The image built from the Dockerfile and run on a real Docker engine:
# tests/container/prepare.sh installs and starts one (no registry needed; the
# base image is made locally), the `container` tests run, the engine stops.
CONTAINER_STATE ?= $(or $(TMPDIR),/tmp)/quotes-docker
container-test: install-dev
	@export QUOTES_DOCKER_DIR="$(CONTAINER_STATE)"; \
	trap 'tests/container/prepare.sh stop' EXIT; \
	tests/container/prepare.sh start && \
	DOCKER_HOST="unix://$(CONTAINER_STATE)/docker.sock" QUOTES_REQUIRE_DOCKER=1 \
		$(BIN)/python -m pytest -m container

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
