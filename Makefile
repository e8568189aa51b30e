# zenobia — everything a fresh machine with only python3 needs, in a few targets.
PYTHON ?= python3
TOOLS  := .tools
VENV   := .venv
UV     := $(TOOLS)/bin/uv
BIN    := $(VENV)/bin
DB     ?= zenobia.db

.PHONY: install demo test lint typecheck bench eval eval-smoke clean

install: $(VENV)/.installed

# uv lives in its own small venv so that `uv sync` can keep .venv exactly equal to uv.lock.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==0.13.8

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --locked --extra spark --python $(PYTHON)
	touch $@

demo: install
	rm -f demo.db
	$(BIN)/zenobia analyze examples/fa-kes-sample.csv --db demo.db
	$(BIN)/zenobia export --format json --out demo.json --db demo.db
	$(BIN)/zenobia report --out demo.html --db demo.db
	@echo "The store is demo.db, its JSON export demo.json and its report $(CURDIR)/demo.html. Next: $(BIN)/zenobia stats --db demo.db"

lint: install
	$(BIN)/ruff check zenobia tests bench data-build
	$(BIN)/ruff format --check zenobia tests bench data-build

typecheck: install
	$(BIN)/mypy

# The kill test is slow (a few minutes) but guards what matters most: nothing lost or doubled.
test: lint typecheck
	$(BIN)/pytest
	$(BIN)/pytest -m slow tests/test_kills.py
	$(MAKE) eval-smoke

bench: install
	$(BIN)/python bench/run.py --rounds 3

clean:
	rm -rf $(VENV) $(TOOLS) demo.db demo.json demo.html .pytest_cache .mypy_cache .ruff_cache

# Scores on real annotated news (bench/EVAL.md); `make eval EVAL_ARGS=--full` for every document.
eval: install
	$(BIN)/python -m bench.eval $(EVAL_ARGS)

# A few documents per corpus through the whole harness, so that it cannot rot (part of `make test`).
eval-smoke: install
	$(BIN)/python -m bench.eval --sample 3 --processes 1 --no-write --workdir $(CURDIR)/bench/out/eval-smoke
