# Mektep: `make run` serves the demo platform, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: run test install translations gate bench browser mailserver clean

$(STAMP): pyproject.toml requirements/constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements/constraints.txt -e ".[test]"
	touch $(STAMP)

# Node test tools (package.json): axe-core, injected into pages by the accessibility tests, and
# vnu-jar, the Nu HTML checker, run on Java. Scripts are ignored: vnu-jar's postinstall would
# try to download a Java runtime; Debian's is installed here when missing instead.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq npm; }
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)
	$(MANAGE) compilemessages -v0 --ignore=.venv
	$(MANAGE) collectstatic --noinput -v0

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) demo_load
	@echo "Platform: http://localhost:8000/  School: http://nurly-bilim.localhost:8000/  Admin: http://admin.localhost:8000/admin/"
	trap 'kill 0' EXIT INT TERM; \
	PYTHONPATH=platform:. $(BIN)/celery -A mektep worker -l warning --concurrency 1 & \
	PYTHONPATH=platform:. $(BIN)/celery -A mektep beat -l warning -s var/celerybeat-schedule & \
	$(MANAGE) runserver 0.0.0.0:8000

# Debian packages the tests drive for real: Chromium (browser tests) and Dovecot (the
# helpdesk's IMAP/POP3 mail intake). Installed once when missing; tests skip without them.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

mailserver:
	@test -x /usr/sbin/dovecot || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd dovecot-pop3d; }

test: install $(NODE_STAMP) browser mailserver
	$(PY) -m pytest -q -p no:logging -n 2

translations: $(STAMP)
	$(MANAGE) translations_make
	$(PY) locale/tools/vendor_catalogue.py --check --quiet
	$(MANAGE) compilemessages -v0 --ignore=.venv

gate: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	PYTHONPATH=platform:. $(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=mektep.settings.production SECRET_KEY=gate-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') DATABASE_URL=sqlite:///var/gate.sqlite3 $(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

# Every benchmark prints its table and exits non-zero when it misses a budget; all run, and
# the target fails if any did. bench/run.py drives Debian's wrk, installed once when missing.
BENCHES := run eds_verify news search stats syndication helpdesk login_burst roster
bench: install
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
	@status=0; for b in $(BENCHES); do echo "== bench/$$b.py"; $(PY) -m bench.$$b || status=1; done; exit $$status

clean:
	rm -rf $(VENV) var
