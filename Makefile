# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint migrate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## run: install, migrate, load the real reference data and the demo data, serve on 127.0.0.1:8000
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_reference_data
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install and run the whole suite (SQLite unless DATABASE_URL is set)
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n $${PYTEST_WORKERS:-2} --dist loadfile -p no:cacheprovider

## bench: benchmarks at 1x and 50x scale (see README)
bench: $(VENV)/.installed-dev
	$(BIN)/python -m nplv.bench

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var
