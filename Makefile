# The README's two commands: `make run` (set up and start the demo cluster) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install migrate demo run worker test lint browser nginx bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_cluster --port $(PORT)

# Web server and task worker side by side; Ctrl-C stops both.
run: demo
	@echo "站群已就绪：http://www.localhost:$(PORT)/ （后台：http://www.localhost:$(PORT)/admin/）"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --interval 1 & \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py db_worker

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

browser:
	bash scripts/ensure_chromium.sh

# nginx (static-serving tests, deploy config checks) and wrk (make bench).
nginx:
	bash scripts/ensure_nginx.sh

test: install lint browser nginx
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n 2 --dist loadgroup --durations=25 $(PYTEST_ARGS)

# Full static publish of a generated cluster (issue 14); scale it down with e.g.
# `make bench BENCH_SITES=10 BENCH_PAGES=1000`. The cluster is generated once into
# $(BENCH_DATA) and reused.
BENCH_SITES ?= 100
BENCH_PAGES ?= 1000
BENCH_JOBS ?= 1
BENCH_DATA ?= benchmarks/.data

bench: demo nginx
	$(PY) benchmarks/pages.py
	$(PY) benchmarks/static_bench.py
	$(PY) benchmarks/static_full_publish.py --sites $(BENCH_SITES) --pages $(BENCH_PAGES) \
		--jobs $(BENCH_JOBS) --data-dir $(BENCH_DATA)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media static_collected
