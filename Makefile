# Two commands set everything up on a fresh machine with Python 3.10+:
#   make demo   parse the bundled examples and print a readable summary of each
#   make test   ruff, mypy --strict, mkdocs build --strict, pytest with branch coverage (>= 95%)
# and `make docs` builds the documentation site into site/.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: install demo test lint typecheck docs docs-check pytest test-fast stress compiled bench clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsparse show examples/*.txt

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks fuzz scripts examples/plugin _build setup.py
	$(BIN)/ruff format --check src tests benchmarks fuzz scripts examples/plugin _build setup.py

typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy --config-file examples/plugin/pyproject.toml examples/plugin/src examples/plugin/tests

# The site, from docs/ and the docstrings (mkdocs.yml); `--strict` turns every warning
# (a broken link or anchor, an unresolved cross-reference, a missing page) into a failure.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

docs-check: $(STAMP)
	@out=$$(mktemp -d) && NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir "$$out"; \
	status=$$?; rm -rf "$$out"; exit $$status

# Debian's headless chromium, for the tests that look at the site as a reader's browser
# draws it (tests/test_docs_site.py); installed when missing (as root, as CI runs).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

# The `ci` Hypothesis profile runs enough examples to matter; `make test-fast` uses `dev`.
pytest: $(STAMP) chromium
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(BIN)/pytest --cov --cov-report=term
	$(BIN)/pytest -q -p no:cacheprovider examples/plugin/tests

test: lint typecheck docs-check pytest

# Everything but the `slow` tests (wheels and installs, the documented examples, the fault
# tests, Dask, the browser) with the `dev` profile: under 30 s.  The coverage floor is
# `make pytest`'s, on the whole run.
test-fast: $(STAMP)
	HYPOTHESIS_PROFILE=dev $(BIN)/pytest -q -x -m "not slow"

# The fault tests 30 times beside two CPU-bound processes: a test that passes only on an
# idle machine fails here.
stress: $(STAMP)
	$(BIN)/python scripts/stress_faults.py --runs 30 --hogs 2

# Measurements, and a guard: benchmarks/learning.py exits 1 when a target of learning from a
# corpus is not met (docs/corpus.md), benchmarks/corpus.py when a ratio to the floor, the
# --jobs 2 speed-up or a peak memory is more than 10% worse than benchmarks/baseline.json
# (`make bench BENCH_ARGS=--update-baseline` rewrites it), benchmarks/pipelines.py when a
# pipeline path (iter_results, Dask, datasets, DataTrove, Spark) takes more than 1.25x the
# command's time on the same files (docs/scaling.md#measured).  It runs on the compiled build
# (`make compiled`: NEWSPARSE_COMPILE=1, mypyc, ~15 s of C), its wheel unpacked into
# build/compiled and put first on PYTHONPATH; it times pure Python too.
COMPILED := build/compiled

compiled: $(STAMP)
	rm -rf build
	NEWSPARSE_COMPILE=1 $(BIN)/python -m build --wheel --outdir build/wheel .
	$(BIN)/python -m zipfile -e build/wheel/*.whl $(COMPILED)

bench: compiled
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/hostile.py
	$(BIN)/python benchmarks/keywords_f1.py
	$(BIN)/python -m benchmarks.learning
	PYTHONPATH=$(COMPILED) $(BIN)/python benchmarks/corpus.py $(BENCH_ARGS)
	PYTHONPATH=$(COMPILED) $(BIN)/python -m benchmarks.pipelines

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage build dist site src/*.egg-info
