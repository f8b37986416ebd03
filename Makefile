# Every verb installs what it needs into .venv first, so each works on a fresh machine.
PY        ?= python3
VENV      := .venv
VPY       := $(VENV)/bin/python
STAMP     := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_VERBOSITY := error
export JAX_PLATFORMS := cpu
# The suite starts hundreds of child interpreters (CLI, examples, guides, servers): they reuse
# compiled bytecode, as Python does by default, even where the environment turns that off.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: setup demo test test-fast regen check lint bench reliability clean

# Two install levels in one .venv: the demo needs only the SDK and the local server (the
# `server` extra: no dev tools, no torch); every other verb needs everything (`all,dev`).
# A full install also satisfies the demo, so `make test` then `make demo` installs nothing more.
DEMO_STAMP := $(VENV)/.installed-server

$(VPY):
	$(PY) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip

$(DEMO_STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install --quiet -e '.[server]'
	touch $(DEMO_STAMP)

$(STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install --quiet -e '.[all,dev]'
	touch $(STAMP) $(DEMO_STAMP)

setup: $(STAMP)

# The main job: a real fine-tuning run (memorize a phrase, sample it back) against a
# local Tinker-compatible server that the script starts itself.
demo: $(DEMO_STAMP)
	$(VPY) examples/quickstart.py

# The whole test suite (CI runs this): contract check, unit, integration (real local server),
# reliability. pytest-xdist workers (-n auto: three per two cores, one per core for the unit tier
# alone; see tests/conftest.py); each file stays on one worker (--dist loadfile),
# so a file's module-scoped servers and fixtures are built once. Files are handed out in the
# order tests/conftest.py gives (longest first), not re-sorted by test count
# (--no-loadscope-reorder). (Not loadgroup: with pytest 9.2 its xdist_group marks have no
# effect, as pytest-xdist 3.8 cannot rename the test ids.)
test: setup
	$(VPY) codegen.py --check
	$(VPY) -m pytest -q -n auto --dist loadfile --no-loadscope-reorder

# The inner loop: the unit tier only (no server, no child process, no codegen check).
test-fast: setup
	$(VPY) -m pytest -q -n auto --dist loadfile --no-loadscope-reorder tests/unit

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
