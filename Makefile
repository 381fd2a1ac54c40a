# Task runner for the handbook. Every target sets up what it needs first,
# so on a fresh machine `make serve` and `make test` are the only commands.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000
# Material 9.7+ prints an end-of-life banner on every build; it is not for trainers.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build check fix test test-fast bench browser clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

## Live preview for trainers: on every save, rebuilds the pages that changed
## (the navigation of other pages catches up on the next `make serve`).
serve: setup
	$(BIN)/mkdocs serve --dirty --dev-addr $(ADDR)

## The standard build: strict, into site/.
build: setup
	$(BIN)/mkdocs build --strict

## Content checks only, without MkDocs (fast; what CI and trainers run first).
check: setup
	$(BIN)/handbook check

## Rewrite files into the handbook's encoding and layout (UTF-8, LF, no BOM).
fix: setup
	$(BIN)/handbook fix

## Everything: content checks, build tests, browser tests.
test: setup browser
	$(BIN)/python -m pytest

## Fast subset without the browser.
test-fast: setup
	$(BIN)/python -m pytest -m "not browser"

browser:
	@tools/ensure-chromium

bench: setup browser
	$(BIN)/python tools/bench_checks.py
	$(BIN)/python tools/bench_search.py --skip-scale
	$(BIN)/python tools/bench_scale.py
	$(BIN)/python tools/bench_preview.py
	$(BIN)/python tools/bench_preview.py --scale 20 --saves 3

clean:
	rm -rf site .pytest_cache
