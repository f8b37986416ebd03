# Every verb installs what it needs into .venv first, so each works on a fresh machine.
PY        ?= python3
VENV      := .venv
VPY       := $(VENV)/bin/python
STAMP     := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_VERBOSITY := error
export JAX_PLATFORMS := cpu

.PHONY: setup demo test regen check lint bench reliability clean

$(STAMP): pyproject.toml
	test -x $(VPY) || $(PY) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

setup: $(STAMP)

# The main job: a real fine-tuning run (memorize a phrase, sample it back) against a
# local Tinker-compatible server that the script starts itself.
demo: setup
	$(VPY) examples/quickstart.py

# The whole test suite: contract check, unit, integration (real local server), reliability.
test: setup
	$(VPY) codegen.py --check
	$(VPY) -m pytest -q

regen: setup
	$(VPY) codegen.py

check: lint
	$(VPY) codegen.py --check

lint: setup
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VPY) -m mypy

bench: setup
	$(VPY) -m benchmarks.run

reliability: setup
	TINKEX_RELIABILITY_LONG=1 $(VPY) -m pytest -q tests/reliability

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
