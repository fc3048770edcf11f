# Two commands for a fresh machine: `make serve` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Material prints a long banner about MkDocs 2 on every build; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-python test-js test-browser schemas vectors assets bench clean

## serve: build the course and serve it with live reload on http://127.0.0.1:8000/
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload

## build: build the course into site/ (fails on any warning)
build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

## test: the whole suite (Python, JavaScript scoring, real browser)
# The Python tests (mostly CPU) run beside the browser tests (mostly waiting on Chromium, so
# in two workers, a test file each at a time). The Python group's output follows.
test: $(VENV)/.installed hosts chromium tests/browser/node_modules/.installed tools/node_modules/.installed
	@log=$$(mktemp); \
	$(BIN)/python -m pytest tests/python >"$$log" 2>&1 & python=$$!; \
	$(BIN)/python -m pytest tests/browser -n 2 --dist loadfile; browser=$$?; \
	wait $$python; python_rc=$$?; cat "$$log"; rm -f "$$log"; \
	node --test tests/js/; js=$$?; \
	echo "python: $$python_rc, browser: $$browser, javascript: $$js (0 is passed)"; \
	test $$python_rc -eq 0 -a $$browser -eq 0 -a $$js -eq 0

# gift-pegjs (tests/browser/package.json) reads the GIFT exports back.
test-python: $(VENV)/.installed hosts tests/browser/node_modules/.installed
	$(BIN)/python -m pytest --ignore=tests/browser

test-js:
	node --test tests/js/

test-browser: $(VENV)/.installed hosts chromium tests/browser/node_modules/.installed
	$(BIN)/python -m pytest tests/browser -n 2 --dist loadfile

## schemas: regenerate the JSON Schemas in schemas/ from the models
schemas: $(VENV)/.installed
	$(BIN)/course schema

## vectors: regenerate the shared Python/JavaScript scoring vectors
vectors: $(VENV)/.installed
	$(BIN)/python scripts/make_vectors.py

## assets: minify plugins/coursegen/assets/ into plugins/coursegen/dist/ (what sites get) after editing a script or stylesheet
assets: $(VENV)/.installed tools/node_modules/.installed
	$(BIN)/python scripts/build_assets.py

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The other hosts the suite builds the course on, each in its own environment (README: "Hosts"):
# ProperDocs with MaterialX (its Material is another package of the same import name), and
# Zensical, which reads what `course render` writes.
HOSTS := .venv-hosts
.PHONY: hosts
hosts: $(HOSTS)/properdocs/.installed $(HOSTS)/zensical/.installed

# Made anew, so each holds exactly its extra (the Zensical one no MkDocs: tests/python/test_hosts.py).
$(HOSTS)/%/.installed: pyproject.toml
	rm -rf $(HOSTS)/$*
	$(PYTHON) -m venv $(HOSTS)/$*
	$(HOSTS)/$*/bin/python -m pip install --quiet --upgrade pip
	$(HOSTS)/$*/bin/python -m pip install --quiet -e '.[$*]'
	touch $@

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
.PHONY: chromium
chromium:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium (needs root)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v node >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $@

# esbuild, the minifier of the shipped assets (its binary is a package of the npm registry).
tools/node_modules/.installed: tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --silent
	touch $@

## bench: build time and memory against plain MkDocs and mkdocs-quiz, page weight (prints figures; not a test)
bench: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

## lighthouse: accessibility, best practices and SEO of every page type, light and dark; fails below 100
.PHONY: lighthouse
lighthouse: $(VENV)/.installed chromium tests/browser/node_modules/.installed
	$(BIN)/python scripts/lighthouse.py

clean:
	rm -rf site .pytest_cache tests/browser/node_modules tools/node_modules
