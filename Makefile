PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench clean screenshots golden

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/briefing build briefing.yaml --verbose

# The tests start hundreds of briefing processes: each keeps the bytecode of briefing's modules (a machine that
# sets PYTHONDONTWRITEBYTECODE would have every one compile them all again, 0.4 s a process).
test: $(STAMP)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n auto

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

golden: $(STAMP)
	$(BIN)/python tools/make_golden.py

screenshots: $(STAMP)
	$(BIN)/python tools/make_screenshots.py

clean:
	rm -rf out $(VENV)
