# pocketpress: the daily commands. `make help` lists them.
# EDITION=<slug> and LANGS=<lang,...> restrict a build (LANG is the locale variable: not used).

VENV     := .venv
PP       := $(VENV)/bin/pocketpress
PYTHON   := $(VENV)/bin/python
COMMA    := ,
SELECT   := $(if $(EDITION),--edition $(EDITION)) $(if $(LANGS),--langs $(LANGS))

.PHONY: help pdf epub html all test test-fast lint bench clean status check booklet proof print setup fuzz preview

help:
	@echo "make pdf      build every edition and language to build/<edition>-<lang>.pdf"
	@echo "make epub     build the EPUBs to build/<edition>-<lang>.epub"
	@echo "make all      every format at once (pdf, epub, booklet, print, proof, html): one layout per language"
	@echo "make html     write the print HTML, lines fixed, to build/<edition>-<lang>.html (for debugging styles)"
	@echo "make status   translation status of every edition and language"
	@echo "make booklet  A4 sheets imposed for saddle stitching: build/<edition>-<lang>-booklet.pdf"
	@echo "make print    print-shop PDF with bleed and crop marks: build/<edition>-<lang>-print.pdf"
	@echo "make check    preflight of the built PDFs"
	@echo "make proof    contact sheet of pages and spreads: build/<edition>-<lang>-proof.png"
	@echo "make preview  live preview of the printed pages at http://127.0.0.1:8000/ (EDITION=, LANGS=, PORT=); Ctrl-C stops it"
	@echo "make test     run the tests"
	@echo "make test-fast  the tests without the slow end-to-end ones (seconds)"
	@echo "make fuzz     random Markdown and YAML at the loader and renderer for 60 s (FUZZ_SECONDS=n)"
	@echo "make lint     ruff, ruff format --check, mypy and the import layers (lint-imports)"
	@echo "make bench    time a forced rebuild against WeasyPrint alone"
	@echo "make clean    remove build/"
	@echo "Restrict with EDITION=<slug> and LANGS=<lang,...>; FORCE=1 rebuilds unchanged outputs."

$(VENV)/.installed: pyproject.toml scripts/setup.sh package-lock.json
	@bash scripts/setup.sh

setup: $(VENV)/.installed

pdf: $(VENV)/.installed
	@$(PP) build pdf $(SELECT) $(if $(FORCE),--force) $(if $(STRICT),--strict)

epub: $(VENV)/.installed
	@$(PP) build epub $(SELECT) $(if $(FORCE),--force)

html: $(VENV)/.installed
	@$(PP) build html $(SELECT) $(if $(FORCE),--force)

all: $(VENV)/.installed
	@$(PP) build pdf epub booklet print proof html $(SELECT) $(if $(FORCE),--force)

status: $(VENV)/.installed
	@$(PP) status $(SELECT)

check: $(VENV)/.installed
	@$(PP) check $(SELECT)

booklet: $(VENV)/.installed
	@$(PP) build booklet $(SELECT) $(if $(FORCE),--force)

print: $(VENV)/.installed
	@$(PP) build print $(SELECT) $(if $(FORCE),--force)

proof: $(VENV)/.installed
	@$(PP) build proof $(SELECT) $(if $(FORCE),--force)

preview: $(VENV)/.installed
	@$(PP) preview $(if $(EDITION),--edition $(EDITION)) $(if $(LANGS),--lang $(firstword $(subst $(COMMA), ,$(LANGS)))) $(if $(PORT),--port $(PORT))

test: $(VENV)/.installed
	$(PYTHON) -m pytest -q

test-fast: $(VENV)/.installed
	$(PYTHON) -m pytest -q -m "not slow"
fuzz: $(VENV)/.installed
	POCKETPRESS_FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60) $(PYTHON) -m pytest -q -s -p no:cacheprovider tests/test_fuzz.py

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: $(VENV)/.installed
	@$(PYTHON) scripts/bench.py

clean:
	rm -rf build
