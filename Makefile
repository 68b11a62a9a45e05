# Werkstation: `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app werkstation
STAMP := $(VENV)/.installed
TRANSLATION_DIRS := $(wildcard werkstation/translations/*)

.PHONY: run test install translations translations-check migrate seed lint migration bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	@for d in $(TRANSLATION_DIRS); do $(BIN)/pybabel -q compile -d $$d || exit 1; done

# Which Dutch strings a language does not translate yet (after merging others' work), as PO entries to fill in.
translations-check: $(STAMP)
	$(BIN)/python -m werkstation.i18n_check

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

# The outbox sender runs next to the server (without MAIL_SERVER it writes .eml files to instance/mail/).
run: seed
	@$(FLASK) demo-logins
	@$(FLASK) outbox send --watch --interval 5 & trap 'kill $$!' EXIT INT TERM; $(FLASK) run --host 127.0.0.1 --port 5000

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check werkstation matching tests bench

# Regenerate the single initial migration from the models (allowed until the first production deployment).
migration: install
	rm -f migrations/versions/*.py
	rm -f /tmp/werkstation-migration.sqlite
	DATABASE_URL=sqlite:////tmp/werkstation-migration.sqlite $(FLASK) db revision --autogenerate --rev-id 0001 -m "initial schema"
	rm -f /tmp/werkstation-migration.sqlite

bench: install
	$(BIN)/python -m matching.bench

clean:
	rm -rf $(VENV) .pytest_cache
