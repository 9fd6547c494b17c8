# unzh — the front door.  `make help` lists the targets.
# Needs only Python 3.11+ (as `python3`, or set PYTHON=...); everything else is
# installed from the pinned requirements.txt (every indirect dependency fixed by
# requirements-lock.txt) into .venv on first use.

PYTHON ?= python3
PYTHON313 ?= python3.13
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEED   := data/raw/000_c6292b922524f64f.txt
# the floors lane: the lowest supported versions (requirements-min.txt) in their own venv
MINVENV := .venv-min
MINSTAMP := $(MINVENV)/.installed
PYVERSION_CHECK := import sys; sys.exit(0 if sys.version_info >= (3, 11) else "unzh needs Python 3.11 or newer, found " + sys.version.split()[0])

.DEFAULT_GOAL := help
.PHONY: help figures test test-min test-py313 lint bench clean env lock lab git-filter

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-lock.txt pyproject.toml
	@$(PYTHON) -c '$(PYVERSION_CHECK)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c requirements-lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name python3 > /dev/null
	@touch $(STAMP)

env: $(STAMP) git-filter ## create .venv from the pinned requirements (done automatically by the other targets); install the notebook filter

# notebooks are committed without outputs: git runs tools/nbstrip.py (standard library only) on every
# *.ipynb it stages (.gitattributes); outside a git checkout there is nothing to install
git-filter: ## install the git filter that strips notebook outputs on commit (tools/nbstrip.py)
	@if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then \
	  git config filter.nbstrip.clean "$(PYTHON) tools/nbstrip.py" && \
	  echo "git filter nbstrip installed: notebook outputs are stripped on commit"; \
	else echo "not a git checkout: no notebook filter installed"; fi

# JUPYTER_PATH first: the kernel .venv installs (python3 -> .venv/bin/python) wins over any user kernel of that name
lab: $(STAMP) ## open JupyterLab on the notebooks with the project's kernel; interactive runs write reports/interactive/
	JUPYTER_PATH="$(CURDIR)/$(VENV)/share/jupyter" $(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(LAB_ARGS)

figures: $(STAMP) ## run every notebook headless on the seed document; write figures/ and the tables
	$(BIN)/unzh report $(SEED) --out reports/seed --figures figures --processed data/processed

test: $(STAMP) ## run the test suite (includes executing the notebooks headless)
	$(BIN)/python -m pytest -q

# pytest (the test runner), setuptools + wheel (the wheel test builds offline), jupyterlab and
# playwright (the browser test) are tools, not dependencies of the package: the pinned ones, at the floors too
$(MINSTAMP): requirements-min.txt requirements.txt pyproject.toml
	@$(PYTHON) -c '$(PYVERSION_CHECK)'
	rm -rf $(MINVENV)
	$(PYTHON) -m venv $(MINVENV)
	$(MINVENV)/bin/python -m pip install --quiet --upgrade pip
	$(MINVENV)/bin/python -m pip install --quiet -r requirements-min.txt $$(grep -E '^(pytest|setuptools|wheel|jupyterlab|playwright)==' requirements.txt)
	$(MINVENV)/bin/python -m pip install --quiet --no-deps -e .
	$(MINVENV)/bin/python -m ipykernel install --prefix $(MINVENV) --name python3 > /dev/null
	@touch $(MINSTAMP)

test-min: $(MINSTAMP) ## run the test suite at the lowest supported versions (requirements-min.txt, in .venv-min)
	$(MINVENV)/bin/python -m pytest -q

# Python 3.13: $(PYTHON313), else pyenv's newest 3.13 (a pyenv shim on PATH may not run it).
IS_313 := -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))'
test-py313: ## the test suite on Python 3.13, in .venv-313 (skipped, saying so, without a 3.13)
	@py='$(PYTHON313)'; \
	if ! "$$py" $(IS_313) 2>/dev/null && command -v pyenv >/dev/null; then \
	  v=$$(pyenv versions --bare 2>/dev/null | grep -E '^3\.13\.[0-9]+$$' | sort -t. -k3 -n | tail -n 1); \
	  if [ -n "$$v" ]; then py="$$(pyenv root)/versions/$$v/bin/python3.13"; fi; \
	fi; \
	if "$$py" $(IS_313) 2>/dev/null; then \
	  $(MAKE) --no-print-directory test PYTHON="$$py" VENV=.venv-313; \
	else \
	  echo "make test-py313: no Python 3.13 ($(PYTHON313) does not run, and no pyenv 3.13): skipped"; \
	fi

lint: $(STAMP) ## static checks (ruff)
	$(BIN)/ruff check src tests bench

bench: $(STAMP) ## the benchmarks, each target with PASS/FAIL (segmentation 20 MB, corpus 5/20/100 MB, notebooks; an hour or more; not part of the tests)
	$(BIN)/python bench/bench_segmentation.py
	$(BIN)/python bench/bench_corpus.py --mb 5 20 100 --out bench/results_corpus.md
	$(BIN)/python bench/bench_notebooks.py --out bench/results_notebooks.md

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
