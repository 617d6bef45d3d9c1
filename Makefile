# Every target sets itself up: a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check report linkcheck clean

# The virtual environment, with the exact pins of requirements.txt and this project (editable).
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --config-settings editable_mode=compat -e .
	touch $(STAMP)

## serve: the editors' preview of both languages on http://127.0.0.1:$(PORT)/ (German) and /en/, rebuilt on
##   every edit, with the annotation form; PORT=8001 picks another port
PORT ?= 8000
serve: $(STAMP)
	$(BIN)/python -m edition.site serve --port $(PORT)

## build: the strict build of both languages into site/
build: $(STAMP)
	$(BIN)/python -m edition.site build

# axe-core for the accessibility tests, from package-lock.json (npm ci writes the hidden lock).
# Without npm the browser tests that need it skip with that reason (and fail in CI).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility tests will skip"; fi

## test: every test (browser tests skip with a reason where no Chromium is installed)
test: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m pytest

## check: validate the data files editors change, in seconds
check: $(STAMP)
	$(BIN)/python -m edition.check

## report: the annotations by verdict, by review age (due first) and by last change, as Markdown
report: $(STAMP)
	@$(BIN)/python -m edition.report

## linkcheck: check every URL the site cites, then find or make an archived copy of each (the weekly workflow);
##   updates data/links.json (LEDGER=FILE another), writes reports/linkcheck.{md,json,xml} and reports/needs-action;
##   WARC=DIR keeps WARC copies
# The check's exit 1 (dead links) goes on to the archive, since dead links need their copies most; 2 (an error:
# a broken or busy ledger, a crash) stops.
LEDGER ?= data/links.json
linkcheck: $(STAMP)
	$(BIN)/python -m linkcheck check --ledger $(LEDGER) --markdown reports/linkcheck.md --json reports/linkcheck.json \
		--junit reports/linkcheck.xml || test $$? -eq 1
	$(BIN)/python -m linkcheck archive --ledger $(LEDGER) --report reports/linkcheck.md \
		--check-json reports/linkcheck.json --needs-action reports/needs-action $(if $(WARC),--warc $(WARC))

clean:
	rm -rf site $(VENV)
