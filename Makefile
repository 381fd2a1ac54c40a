# Task runner for the handbook. Every target sets up what it needs first,
# so on a fresh machine `make serve` and `make test` are the only commands.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000
# Material 9.7+ prints an end-of-life banner on every build; it is not for trainers.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build zensical zensical-serve check fix lint test test-fast test-alone bench browser clean cards

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

## Live preview for trainers: rebuilds on every save.  A broken setup (mkdocs.yml,
## snippets/org.yml) is named with file, line and fix, before starting and on every
## save; page problems are shown on the pages themselves.  Only the pages that
## changed are rebuilt (the navigation of other pages catches up on the next start).
serve: setup
	$(BIN)/handbook serve --dev-addr $(ADDR)

## The standard build (MkDocs + Material): every check first, then strict, into site/,
## then the safety net: no raw Markdown (!!!, {{, |---|, diagram code) on any built page.
build: setup
	$(BIN)/handbook check
	$(BIN)/mkdocs build --strict
	$(BIN)/handbook scan-site site

## The same site built with Zensical, into site/: the same checks first (handbook zensical).
zensical: setup
	$(BIN)/handbook zensical
	$(BIN)/handbook scan-site site

## Zensical's live preview (its own search; the handbook's query data is made by `make zensical`).
zensical-serve: setup
	$(BIN)/handbook zensical --serve --dev-addr $(ADDR)

## Content and setup checks only, without building (fast; what CI and trainers run first).
check: setup
	$(BIN)/handbook check

## Rewrite files into the handbook's encoding and layout (UTF-8, LF, no BOM).
fix: setup
	$(BIN)/handbook fix

## Lint the Python code (ruff, pinned in requirements.txt, configured in pyproject.toml).
lint: setup
	$(BIN)/ruff check .

## Everything: lint, content checks, build tests (both builders), browser tests,
## then every test file once more on its own (no test may depend on another's run).
test: setup browser lint
	$(BIN)/python -m pytest
	$(BIN)/python tools/run_tests_alone.py

## Each test file alone, reusing one MkDocs and one Zensical build.
test-alone: setup browser
	$(BIN)/python tools/run_tests_alone.py

## Fast subset without the browser.
test-fast: setup
	$(BIN)/python -m pytest -m "not browser"

browser:
	@tools/ensure-chromium
	@tools/ensure-cjk-font

## Printable desk cards (A4, A5, a booklet per category) as PDFs in build/cards/.
cards: setup browser
	$(BIN)/python tools/make_cards.py

bench: setup browser
	$(BIN)/python tools/bench_checks.py
	$(BIN)/python tools/bench_search.py --skip-scale
	$(BIN)/python tools/bench_scale.py
	$(BIN)/python tools/bench_preview.py
	$(BIN)/python tools/bench_preview.py --scale 20 --saves 3
	$(BIN)/python tools/bench_builders.py

clean:
	rm -rf site .pytest_cache .cache
	if [ -x $(BIN)/handbook ]; then $(BIN)/handbook generate --clean; fi
