# unzh — the front door.  `make help` lists the targets.
# Needs only Python 3.11+ (as `python3`, or set PYTHON=...); everything else is
# installed from the pinned requirements.txt (every indirect dependency fixed by
# requirements-lock.txt) into .venv on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEED   := data/raw/000_c6292b922524f64f.txt
# the floors lane: the lowest supported versions (requirements-min.txt) in their own venv
MINVENV := .venv-min
MINSTAMP := $(MINVENV)/.installed
PYVERSION_CHECK := import sys; sys.exit(0 if sys.version_info >= (3, 11) else "unzh needs Python 3.11 or newer, found " + sys.version.split()[0])

.DEFAULT_GOAL := help
.PHONY: help figures test test-min lint bench clean env lock

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-lock.txt pyproject.toml
	@$(PYTHON) -c '$(PYVERSION_CHECK)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c requirements-lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name python3 > /dev/null
	@touch $(STAMP)

env: $(STAMP) ## create .venv from the pinned requirements (done automatically by the other targets)

figures: $(STAMP) ## run every notebook headless on the seed document; write figures/ and the tables
	$(BIN)/unzh report $(SEED) --out reports/seed --figures figures --processed data/processed

test: $(STAMP) ## run the test suite (includes executing the notebooks headless)
	$(BIN)/python -m pytest -q

# pytest (the test runner) and setuptools + wheel (the wheel test builds offline) are tools, not
# dependencies of the package: the pinned ones, at the floors too
$(MINSTAMP): requirements-min.txt requirements.txt pyproject.toml
	@$(PYTHON) -c '$(PYVERSION_CHECK)'
	rm -rf $(MINVENV)
	$(PYTHON) -m venv $(MINVENV)
	$(MINVENV)/bin/python -m pip install --quiet --upgrade pip
	$(MINVENV)/bin/python -m pip install --quiet -r requirements-min.txt $$(grep -E '^(pytest|setuptools|wheel)==' requirements.txt)
	$(MINVENV)/bin/python -m pip install --quiet --no-deps -e .
	$(MINVENV)/bin/python -m ipykernel install --prefix $(MINVENV) --name python3 > /dev/null
	@touch $(MINSTAMP)

test-min: $(MINSTAMP) ## run the test suite at the lowest supported versions (requirements-min.txt, in .venv-min)
	$(MINVENV)/bin/python -m pytest -q

lint: $(STAMP) ## static checks (ruff)
	$(BIN)/ruff check src tests bench

bench: $(STAMP) ## corpus-scale benchmark (~20 MB; several minutes; not part of the tests)
	$(BIN)/python bench/bench_segmentation.py

lock: ## regenerate requirements-lock.txt from requirements.txt (a fresh venv, then pip freeze)
	@$(PYTHON) -c '$(PYVERSION_CHECK)'
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -r requirements.txt
	{ sed -n '/^#/p' requirements-lock.txt; .venv-lock/bin/python -m pip freeze --all --exclude-editable | grep -v "^pip=="; } > .venv-lock/lock
	mv .venv-lock/lock requirements-lock.txt
	rm -rf .venv-lock

clean: ## remove generated files (keeps .venv and the committed figures)
	rm -rf reports data/processed .cache .pytest_cache
