# Two commands on a fresh machine with Python 3.11:
#   make run    install into .venv, fetch NLTK data if missing, run all notebooks on seeds/
#   make test   install into .venv, then run the test suite (which also executes every notebook)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run test pipeline bench benchmarks lab clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)
	$(PY) -m helpers.resources

run: setup
	$(PY) -m helpers.notebooks

test: setup
	$(PY) -m pytest

pipeline: setup  ## make pipeline CORPUS=path/to/articles OUT=output/run
	$(PY) -m helpers.pipeline $(or $(CORPUS),seeds) --out $(or $(OUT),output/pipeline)

bench: setup  ## throughput, stage times and peak memory on the shipped corpus (seeds/), or CORPUS=path
	$(PY) -m helpers.bench $(or $(CORPUS),seeds)

benchmarks: setup  ## figures on PolNeAR train and CoNLL-2003 eng.train (skipped with a message when absent)
	$(PY) -m helpers.benchmarks $(if $(POLNEAR),--polnear $(POLNEAR)) $(if $(CONLL),--conll $(CONLL)) $(if $(OUT),--out $(OUT)) $(if $(JOBS),--jobs $(JOBS)) $(if $(LIMIT),--limit $(LIMIT))

lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=.  # the repository root: notebooks/, seeds/ and output/ side by side

clean:
	rm -rf output .pytest_cache
