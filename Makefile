# The two commands a newcomer needs: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)

.PHONY: run test bench deps system-packages services worker beat lint

run: deps
	mkdir -p .data
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: deps services
	$(PY) -m pytest $(PYTEST_ARGS)

bench: deps services
	$(PY) -m bench $(BENCH_ARGS)

deps: system-packages $(STAMP) tests/oidc_peer/node_modules/.package-lock.json

system-packages:
	@bash scripts/install-system-packages.sh

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

tests/oidc_peer/node_modules/.package-lock.json: tests/oidc_peer/package-lock.json
	cd tests/oidc_peer && npm ci --no-audit --no-fund --silent

services:
	@bash scripts/ensure-services.sh

worker: deps
	$(VENV)/bin/celery -A kyosai_portal worker --loglevel=INFO

beat: deps
	$(VENV)/bin/celery -A kyosai_portal beat --loglevel=INFO

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
