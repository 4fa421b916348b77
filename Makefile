# newsgraph: `make run` and `make test` are the whole set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
NG := $(VENV)/bin/newsgraph
DB ?= newsgraph.db
HOST ?= 127.0.0.1
PORT ?= 8765
SHARED ?= ../shared

.PHONY: venv test-deps screenshots run serve sample demo test test-slow test-spark test-browser test-all eval eval-pins annotated train train-statements train-triggers bench kb lint clean browser-deps

$(VENV)/.stamp-install: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -U pip setuptools wheel
	$(PIP) install -q -e ".[web]"
	touch $@

# The test suite's own dependencies (the `test` extra: pytest, hypothesis, duckdb...).
$(VENV)/.stamp-test: $(VENV)/.stamp-install
	$(PIP) install -q -e ".[test]"
	touch $@

venv: $(VENV)/.stamp-install
test-deps: $(VENV)/.stamp-test

# Ingest the bundled sample corpus, then serve the UI.
sample: venv
	$(NG) ingest data/sample --db $(DB)

run: sample
	@echo "newsgraph UI: http://$(HOST):$(PORT)/"
	$(NG) serve --db $(DB) --host $(HOST) --port $(PORT)

test: test-deps
	$(VENV)/bin/pytest -q -p no:cacheprovider

# pytest exits 5 when a marker selects no test; that is not a failure here.
test-slow: test-deps
	$(VENV)/bin/pytest -q -p no:cacheprovider -m slow || [ $$? -eq 5 ]

test-spark: test-deps
	$(PIP) install -q -e ".[spark]"
	$(VENV)/bin/pytest -q -p no:cacheprovider -m spark || [ $$? -eq 5 ]

# Debian's chromium drives the browser tests; Playwright never downloads a browser.
browser-deps:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test-browser: test-deps browser-deps
	$(PIP) install -q -e ".[browser]"
	$(VENV)/bin/pytest -q -p no:cacheprovider -m browser || [ $$? -eq 5 ]

# The network, timeline and docs screenshots in docs/screenshots, taken by the browser
# tests over the bundled sample store.
screenshots: test-deps browser-deps
	$(PIP) install -q -e ".[browser]"
	NEWSGRAPH_SCREENSHOTS=docs/screenshots $(VENV)/bin/pytest -q -p no:cacheprovider -m browser tests/test_browser.py -k sample

test-all: test test-slow test-spark test-browser

# The quality gate: score `newsgraph extract` on the annotated corpus's dev and test
# splits and on every file in ../shared/gold; fail when a headline figure falls more than
# 0.01 (or one item's worth) below its pin in bench/eval_pins.json. `make eval-pins` raises the pins that improved.
eval: venv
	$(PY) scripts/eval_gate.py --shared $(SHARED)

eval-pins: venv
	$(PY) scripts/eval_gate.py --shared $(SHARED) --raise-pins

# Rebuild every trained model from data in the repository (seeded), in dependency order, all
# on the annotated corpus's train split. First what reads only the gold and the parse, two at
# a time: the attribution tagger and the statement stance models beside the trigger counts.
# Then what records the extractor's own candidates, so after the tagger (the statements it
# finds are the event models' features): the event type classifier, the event party model,
# the statement-act classifier, and last the event confidence model (trained on the output
# of the whole pipeline). Before, the event models trained ahead of the tagger, on the
# statements of whichever tagger the repository held: not a function of the data alone.
# The event scripts extract the train split again and again (the confidence model's
# out-of-fold pass, twice more): they share spaCy's parses through a cache
# (nlp/parse_cache.py) made new for each run, so no parse outlives the code that made it.
PARSES := $(CURDIR)/.train-parses
train: venv
	$(PIP) install -q -e ".[train]"
	rm -rf $(PARSES)
	$(MAKE) -j2 train-statements train-triggers
	export NEWSGRAPH_PARSE_CACHE=$(PARSES) && \
	  $(PY) scripts/train/train_event_types.py && \
	  $(PY) scripts/train/train_parties.py --shared $(SHARED) && \
	  $(PY) scripts/train/train_speech_events.py && \
	  $(PY) scripts/train/train_confidence.py --shared $(SHARED)
	rm -rf $(PARSES)

train-statements: venv
	$(PY) scripts/train/train_attribution.py
	$(PY) scripts/train/train_stance.py

train-triggers: venv
	$(PY) scripts/train/train_triggers.py --shared $(SHARED)

# Resolve the annotators' batches into the corpus file (fails on any span or layout problem).
annotated:
	$(PYTHON) scripts/annotate/ann.py merge data/annotated/drafts/*.jsonl -o data/annotated/corpus.jsonl
	$(PYTHON) scripts/annotate/splits.py

bench: venv
	$(PIP) install -q -e ".[bench]"
	$(PY) bench/run.py --shared $(SHARED)
	$(PY) bench/stories.py

# Two stories and the reactions to them (data/demo: invented texts) plus the worked example.
demo: venv
	$(NG) ingest data/demo $(wildcard $(SHARED)/examples/putin-khamenei-express.txt) --db demo.db
	$(NG) stories --db demo.db

# Rebuild the bundled knowledge base from ../shared/kb.
kb: venv
	$(PIP) install -q -e ".[kb]"
	$(PY) scripts/build_kb.py --shared $(SHARED)

lint: venv
	$(PIP) install -q -e ".[dev]"
	$(VENV)/bin/ruff check src tests scripts

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
