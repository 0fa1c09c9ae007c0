# sailpoint_community.isc — developer entry points. `make help` lists them.
#
# Everything runs from a virtualenv this Makefile creates (.venv, pinned tools from
# requirements-dev.txt). ansible-test and ansible-lint need the collection at
# <dir>/ansible_collections/sailpoint_community/isc, so `make` mirrors the working tree
# into .build/ first (tools/build_tree.py).

PYTHON ?= python3.11
PORT ?= 8800
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
BUILD := $(CURDIR)/.build
COLLECTION := $(BUILD)/ansible_collections/sailpoint_community/isc
# SailPoint's official OpenAPI for our endpoints; the simulator's contract tests use it.
ISC_OPENAPI_SPEC ?= $(abspath $(CURDIR)/../shared/sailpoint-api/isc-v3-password-subset.yaml)

export ISC_OPENAPI_SPEC
export ANSIBLE_COLLECTIONS_PATH := $(BUILD)
export ANSIBLE_REMOTE_TMP := $(BUILD)/tmp
export PATH := $(BIN):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help test demo simulator setup tree units sanity integration lint clean

help:  ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

test: setup  ## Unit, sanity, integration and lint checks, with a summary (what CI runs)
	@$(BIN)/python tools/run_checks.py units sanity integration lint

demo: tree  ## Start the simulator, converge, audit and export a sample tenant with the role, stop it
	@cd $(COLLECTION) && $(BIN)/python tools/with_simulator.py -- bash examples/demo/demo.sh

simulator:  ## Run the local ISC simulator in the foreground (PORT=8800)
	@PYTHONPATH=$(CURDIR)/tools $(PYTHON) -m isc_simulator --port $(PORT)

setup: $(VENV)/.installed  ## Create .venv with the pinned tools

$(VENV)/.installed: requirements.txt requirements-dev.txt tools/ansible_test_pip.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python tools/ansible_test_pip.py
	@touch $@

tree: setup
	@$(BIN)/python tools/build_tree.py $(COLLECTION)
	@mkdir -p $(BUILD)/tmp

units: tree  ## pytest: unit tests, API client and simulator tests (real HTTP to an in-process simulator)
	cd $(COLLECTION) && $(BIN)/python -m pytest tests/unit -q

sanity: tree  ## ansible-test sanity, no ignore file
	@$(BIN)/python tools/ansible_test_pip.py >/dev/null
	cd $(COLLECTION) && $(BIN)/ansible-test sanity --venv --python 3.11 --color no

integration: tree  ## ansible-test integration targets against the simulator
	cd $(COLLECTION) && $(BIN)/ansible-test integration --local --python 3.11 --color no

lint: tree  ## ansible-lint, production profile
	cd $(COLLECTION) && $(BIN)/ansible-lint --offline --profile production

clean:  ## Remove the virtualenv and the build tree
	rm -rf $(VENV) $(BUILD)
