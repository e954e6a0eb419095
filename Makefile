# The README's two commands are `make demo` and `make test`; everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
APP_HOST ?= 127.0.0.1:8001
WORKERS ?= 2

.PHONY: demo test lint check-migrations fixtures messages serve varnish bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: re-install only when pyproject.toml changes, so a second run starts at once.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --admin
	@echo "Serving as visitors see it (DEBUG off); DEBUG=1 make demo shows Django's debug pages."
	DEBUG=$${DEBUG-0} $(BIN)/python manage.py runserver $(HOST)

# The standard deployment: Varnish (deploy/varnish.vcl) on HOST in front of gunicorn on
# APP_HOST with the production settings, static files from WhiteNoise, and a Redis with a
# memory limit (unless REDIS_URL names one); deploy/serve starts and stops them together.
# Set SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; ALLOW_HTTP=1 to try it without a TLS proxy
# in front. Uploads are served too unless SERVE_MEDIA=0 (when the proxy in front serves
# MEDIA_ROOT).
serve: $(VENV)/.installed varnish
	DJANGO_SETTINGS_MODULE=osce_site.settings.prod $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=osce_site.settings.prod $(BIN)/python manage.py migrate --noinput
	HOST=$(HOST) APP_HOST=$(APP_HOST) WORKERS=$(WORKERS) deploy/serve

# Debian's Varnish and its modules (xkey), where apt-get can install them.
varnish:
	@if ! command -v varnishd >/dev/null && [ ! -x /usr/sbin/varnishd ] \
	  || ! ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; then \
	  echo "== installing varnish and varnish-modules"; \
	  apt-get install -y varnish varnish-modules >/dev/null 2>&1 \
	  || { apt-get update >/dev/null && apt-get install -y varnish varnish-modules >/dev/null; } \
	  || { echo "install them: apt-get install varnish varnish-modules"; exit 1; }; \
	fi

bench: $(VENV)/.installed-dev
	bench/run

# The HTML checker of the tests (the Nu validator, from npm; it runs on Java). Without npm
# its test skips, except in CI.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund --ignore-scripts --silent && touch $@; \
	else echo "npm not found: the HTML check will be skipped"; fi

test: $(VENV)/.installed-dev node_modules/.installed
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: $(VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

# Write the demo fixtures back from the current database (after editing the demo in the admin).
fixtures: $(VENV)/.installed
	$(BIN)/python manage.py dumpdata taxonomy.term --natural-foreign --natural-primary --indent 1 -o taxonomy/fixtures/taxonomy.json
	$(BIN)/python manage.py dumpdata structures --natural-foreign --natural-primary --indent 1 -o structures/fixtures/structures.json
	$(BIN)/python manage.py dumpdata press.contact press.pressrelease press.releaseimage press.taggedrelease taggit.tag --natural-foreign --natural-primary --indent 1 -o press/fixtures/press_demo.json

# Interface translations: extract the strings into each language's .po file, translate the
# new and fuzzy entries, then `make messages` again compiles them (tests/test_catalogues.py
# fails while a string is untranslated or a .mo is older than its .po).
LOCALES := fr de it ru es
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages $(addprefix -l ,$(LOCALES)) --ignore=.venv --ignore=tests --ignore=node_modules
	$(BIN)/python manage.py compilemessages $(addprefix -l ,$(LOCALES)) --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
