# Recap: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CONSTRAINTS ?= constraints.txt
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run on every core (pytest-xdist; a module marked with an xdist_group stays on one
# worker); set PYTEST_ARGS= to run in one process.
PYTEST_ARGS ?= -n auto --dist loadgroup
# The ten slowest tests are printed after every run, so a slow one is seen early.
PYTEST_REPORT ?= --durations=10
# Python writes bytecode, its default, even where the environment says not to
# (PYTHONDONTWRITEBYTECODE): a run starts two workers and a dozen Django
# processes, and each would compile Recap and its tests again (about 4 s).
unexport PYTHONDONTWRITEBYTECODE

# The page tests, run again without recap.questions (it is optional). Tests of
# questions themselves, and modules that import its models, are left out by
# tests/conftest.py (it says which in the report header); single tests that
# need it are marked @pytest.mark.questions and skipped with that reason.
PAGES_WITHOUT_QUESTIONS ?= tests/core tests/events/test_views.py tests/events/test_programme_days.py \
	tests/speakers tests/resources tests/writeups tests/site/test_home.py \
	tests/test_optional_questions.py

# The apps with a French catalogue (each its own locale/), and the site's
# (site/locale: the base templates, header, footer and demo). `make messages`
# extracts every marked string into the .po files and compiles the .mo files;
# `make messages MESSAGES=events` does one app.
RECAP_APPS = core speakers resources events materials questions writeups discover
MESSAGES ?= $(RECAP_APPS) site
MAKEMESSAGES = makemessages --locale fr --no-location --no-obsolete
# msgfmt leaves the POT-Creation-Date out of the .mo (tests/test_translations.py
# compares the two), and the date changes on every run: dropped from the .po.
NO_POT_DATE = sed -i '/^"POT-Creation-Date: /d'

.PHONY: run test test-without-questions test-clock venv lint format messages bench bench-venue clean docs

# pip installs uv (pinned in the constraints), and uv installs the rest: a
# few seconds where pip took twenty. No bytecode is compiled at install (uv's
# default): each module is compiled when first imported, and kept (see
# PYTHONDONTWRITEBYTECODE above).
$(VENV)/.installed: pyproject.toml setup.py $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) uv
	$(PY) -m uv pip install --quiet --python $(PY) -c $(CONSTRAINTS) -e ".[site,test]"
	touch $@

venv: $(VENV)/.installed

# Where `make run` serves, as a browser opens it (0.0.0.0 and :: listen
# everywhere: links name localhost), for the admin's emails and the login
# printed; a WAGTAILADMIN_BASE_URL in the environment wins.
RUN_HOST = $(if $(filter 0.0.0.0 :: ::1,$(HOST)),localhost,$(HOST))
WAGTAILADMIN_BASE_URL ?= http://$(RUN_HOST):$(PORT)

run: venv
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py load_demo --refresh-dates
	$(PY) manage.py ensure_site --host $(HOST) --port $(PORT)
	WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL) $(PY) manage.py ensure_admin
	WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# LINT=0 and MIGRATIONS_CHECK=0 leave out the checks before the suite: CI runs
# them in its first leg, not again in each leg after it.
LINT ?= 1
MIGRATIONS_CHECK ?= 1

test: venv
ifneq ($(LINT),0)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
endif
ifneq ($(MIGRATIONS_CHECK),0)
	$(PY) manage.py makemigrations --check --dry-run -v 0
endif
	$(PY) -m pytest $(PYTEST_ARGS) $(PYTEST_REPORT)

test-without-questions: venv
	$(PY) -m pytest $(PYTEST_ARGS) --ds=conference.settings.test_without_questions \
		-m "not migrations" $(PAGES_WITHOUT_QUESTIONS)

# The tests that read the clock (marked `clock`, see tests/conftest.py) alone:
# .ci/run runs them once more at a frozen instant of their own, e.g.
# `RECAP_FROZEN_NOW=2026-10-25T00:59:00Z make test-clock` (docs/testing.md).
test-clock: venv
	$(PY) -m pytest $(PYTEST_ARGS) -m "clock and not migrations"

lint:
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

messages: venv
	@for app in $(filter-out site,$(MESSAGES)); do \
		mkdir -p $$app/locale && (cd $$app && ../$(PY) ../manage.py $(MAKEMESSAGES)) || exit 1; \
		$(NO_POT_DATE) $$app/locale/fr/LC_MESSAGES/django.po; \
		(cd $$app && ../$(PY) ../manage.py compilemessages --locale fr) || exit 1; \
	done
	@if echo "$(MESSAGES)" | grep -qw site; then \
		mkdir -p site/locale && \
		$(PY) manage.py $(MAKEMESSAGES) $(foreach app,$(RECAP_APPS),--ignore $(app)) \
			--ignore tests --ignore bench --ignore media --ignore static-collected && \
		$(NO_POT_DATE) site/locale/fr/LC_MESSAGES/django.po && \
		(cd site && ../$(PY) ../manage.py compilemessages --locale fr); \
	fi

# The docs site (docs/, Sphinx with MyST), warnings as errors, as CI builds it.
# The `docs` extra's packages are installed once, without reinstalling Recap.
DOCS_EXTRA = import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["docs"]))

$(VENV)/.docs-installed: $(VENV)/.installed pyproject.toml $(CONSTRAINTS)
	$(PY) -c '$(DOCS_EXTRA)' | $(PY) -m pip install --quiet -c $(CONSTRAINTS) -r /dev/stdin
	touch $@

docs: $(VENV)/.docs-installed
	$(PY) -m sphinx -W --keep-going -n -q -b html docs docs/_build/html

# BENCH_QUICK=1 make bench: small sizes, a smoke test of the bench itself.
# The bench extra (gunicorn, httpx) is for the Q&A part (bench/venue.py).
bench: venv
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e ".[site,bench]"
	$(PY) bench/run.py

# A whole venue on one IP against gunicorn, PostgreSQL and Redis (docs/benchmarks.md).
bench-venue: venv
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e ".[site,bench]"
	$(PY) bench/venue.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache dist build *.egg-info docs/_build
