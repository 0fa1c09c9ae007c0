# sailpoint_community.isc — developer entry points. `make help` lists them.
#
# Everything runs from a virtualenv this Makefile creates (.venv, pinned tools from
# requirements-dev.txt). ansible-test and ansible-lint need the collection at
# <dir>/ansible_collections/sailpoint_community/isc, so `make` mirrors the working tree
# into .build/ first (tools/build/build_tree.py). tools/README.md maps the tools.

PYTHON ?= python3.11
PORT ?= 8800
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
BUILD := $(CURDIR)/.build
COLLECTION := $(BUILD)/ansible_collections/sailpoint_community/isc
# SailPoint's official OpenAPI for our endpoints; the simulator's contract tests use it.
ISC_OPENAPI_SPEC ?= $(abspath $(CURDIR)/../shared/sailpoint-api/isc-v3-password-subset.yaml)
# The per-service v1 contract of the same endpoints (api_version: v1), next to the V3 file.
ISC_OPENAPI_SPEC_V1 ?= $(dir $(ISC_OPENAPI_SPEC))isc-v1-password-subset.yaml

export ISC_OPENAPI_SPEC
export ISC_OPENAPI_SPEC_V1
export ANSIBLE_COLLECTIONS_PATH := $(BUILD)
export ANSIBLE_REMOTE_TMP := $(BUILD)/tmp
export PATH := $(BIN):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help test demo simulator setup tree units sanity integration lint bench clean test-live
.PHONY: docs docs-lint changelog galaxy ee test-matrix ruff

help:  ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

test: setup  ## Ruff, unit, sanity, docs lint and site build, changelog, Galaxy, EE, integration and lint checks, with a summary (CI)
	@$(BIN)/python tools/checks/run_checks.py ruff units sanity docs-lint docs changelog galaxy ee integration lint

demo: tree  ## Start the simulator, converge, audit and export a sample tenant with the role, stop it
	@cd $(COLLECTION) && $(BIN)/with-isc-simulator -- bash examples/demo/demo.sh

simulator: setup  ## Run the local ISC simulator in the foreground (PORT=8800)
	@$(BIN)/isc-simulator --port $(PORT)

setup: $(VENV)/.installed  ## Create .venv with the pinned tools

$(VENV)/.installed: requirements.txt requirements-dev.txt simulator/pyproject.toml tools/build/ansible_test_pip.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python tools/build/ansible_test_pip.py
	@touch $@

tree: setup
	@$(BIN)/python tools/build/build_tree.py $(COLLECTION)
	@mkdir -p $(BUILD)/tmp

# The unit tests run from .build: `python -m pytest` puts the current folder, the one holding
# ansible_collections/, on the import path, so the plugins import as ansible_collections.sailpoint_community.isc.
units: tree  ## pytest: unit tests, API client and simulator tests (real HTTP to an in-process simulator)
	cd $(BUILD) && $(BIN)/python -m pytest ansible_collections/sailpoint_community/isc/tests/unit -q
	cd simulator && $(BIN)/python -m pytest -q

sanity: tree  ## ansible-test sanity, no ignore file
	@$(BIN)/python tools/build/ansible_test_pip.py >/dev/null
	cd $(COLLECTION) && $(BIN)/ansible-test sanity --venv --python 3.11 --color no

# The ISC API versions every integration target runs on, each against fresh simulators (tests/integration/
# targets/setup_isc/api_versions.py). ansible-test passes no environment to the targets: a file carries it, in
# setup_isc, since ansible-test copies the targets' folders whole into its work folder but no other file of tests/integration.
ISC_TEST_API_VERSIONS ?= v3 v1

integration: tree  ## ansible-test integration targets against the simulator (TARGETS="a b", ISC_TEST_API_VERSIONS=v1)
	@echo "$(ISC_TEST_API_VERSIONS)" > $(COLLECTION)/tests/integration/targets/setup_isc/api_versions.txt
	cd $(COLLECTION) && $(BIN)/ansible-test integration --local --python 3.11 --color no $(TARGETS)

# The second check reads no noqa comment: a function above the complexity limit is split, never exempted.
ruff: setup  ## ruff: lint and format check of every Python file of the repository (ruff.toml), complexity <= 10 (C901)
	$(BIN)/ruff check .
	$(BIN)/ruff check --select C901 --ignore-noqa .
	$(BIN)/ruff format --check --diff .

lint: tree  ## ansible-lint, production profile
	cd $(COLLECTION) && $(BIN)/ansible-lint --offline --profile production

test-live: tree  ## The integration tests against a real tenant (SAIL_* and ISC_TEST_SOURCES; see tools/live/)
	@cd $(COLLECTION) && $(BIN)/python tools/live/test_live.py

bench: tree  ## Benchmark the role (POLICIES=100 SYNC_GROUPS=50 SOURCES=300 LATENCY=0.15 LARGE=1000 LABEL=after)
	cd $(COLLECTION) && $(BIN)/python tools/bench/bench.py --out $(CURDIR)/bench-results \
		--policies $(or $(POLICIES),100) --groups $(or $(SYNC_GROUPS),50) --sources $(or $(SOURCES),300) \
		--latency $(or $(LATENCY),0.15) --large $(or $(LARGE),1000) --label "$(or $(LABEL),after)"

docs: tree  ## Build the HTML docs site (plugin docs and docs/docsite guides) into docs/build/html, offline; any Sphinx warning fails it
	cd $(COLLECTION) && $(BIN)/python tools/build/build_docs.py --work $(BUILD)/docsite --output $(CURDIR)/docs/build

docs-lint: tree  ## antsibull-docs lint-collection-docs: plugin, role and guide docs (tools/checks/docs_lint.py)
	cd $(COLLECTION) && $(BIN)/python tools/checks/docs_lint.py --plugin-docs --check-extra-docs-refs \
		--validate-collection-refs all --disallow-unknown-collection-refs .

changelog: tree  ## antsibull-changelog lint; CHANGELOG.rst up to date; galaxy.yml on the next version; a fragment for every change to plugins/ or roles/
	cd $(COLLECTION) && $(BIN)/antsibull-changelog lint
	$(BIN)/python tools/checks/check_changelog.py

galaxy: tree  ## Build the Galaxy tarball, check its contents, run galaxy-importer on it
	$(BIN)/python tools/checks/check_galaxy.py $(COLLECTION)

ee: tree  ## ansible-builder: the collection's EE requirements, and examples/execution-environment
	cd $(COLLECTION) && $(BIN)/python tools/checks/check_ee.py $(BUILD)

test-matrix: setup  ## Sanity and integration on every supported ansible-core (tools/checks/matrix.txt); slow
	$(BIN)/python tools/checks/test_matrix.py $(if $(CORES),--only $(CORES)) $(if $(CHECK_INDEX),--check-index)

clean:  ## Remove the virtualenvs (.venv, the matrix's .venv-core-*), the build tree and the docs site
	rm -rf $(VENV) $(CURDIR)/.venv-core-* $(BUILD) $(CURDIR)/docs/build
