# Two commands for everyone (see README.md):
#   make lab    set up the environment when missing, then open the course in JupyterLab
#   make test   set up the same environment when missing, then run the whole test suite
# Teachers (docs/instructor-guide.md, "Grading"): make grade SUBMISSIONS=folder, then
#   make review   review the free-text answers in Voila (GRADES=grades); make grade again merges
# The environment is a virtual environment in .venv with the pinned versions of
# requirements-dev.txt (the course's requirements.txt plus the test tools).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.medialit-ready
SUBMISSIONS ?= submissions
GRADES ?= grades
PYTEST_ARGS ?=
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab notebook test lint browser-ready grade review exercises lessons student-bundle benchmark clean

$(READY): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt -e .
	$(PY) -m medialit setup
	@# bytecode for the package, as a plain install writes it (PYTHONDONTWRITEBYTECODE machines
	@# would otherwise compile every module again in each kernel: about 0.05 s a notebook)
	$(PY) -m compileall -q medialit
	touch $(READY)

# The server's root is the checkout, so lessons link to exercises/ and back; it opens lesson 00.
lab: $(READY)
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. \
	  --LabApp.default_url=/lab/tree/lessons/00-start-here.ipynb

notebook: $(READY)
	$(VENV)/bin/jupyter notebook $(ROOT_FLAG) --ServerApp.root_dir=. \
	  --JupyterNotebookApp.default_url=/notebooks/lessons/00-start-here.ipynb

# Answers written while notebooks run go to a fresh temporary folder, so one run
# cannot change the next. Each stage runs only when its folder holds notebooks.
SANITIZE := $(if $(wildcard tests/nbval-sanitize.cfg),--nbval-sanitize-with tests/nbval-sanitize.cfg,)
NBVAL := MEDIALIT_ANSWERS=$$(mktemp -d) $(PY) -m pytest -p no:randomly -n 2 --dist loadfile -q

# Lint: ruff (lint and format) and mypy, configured in pyproject.toml; make test runs it first.
lint: $(READY)
	$(PY) -m ruff check medialit benchmarks tests
	$(PY) -m ruff format --check medialit benchmarks tests
	$(PY) -m mypy

# The browser tests need Debian's Chromium (and grading's sandbox needs bubblewrap): install
# them when missing and we can (root with apt-get); otherwise stop with the one command to run.
BROWSER_PACKAGES := chromium bubblewrap
# The accessibility checker the browser tests run (tests/browser/course.py names the same version).
AXE_VERSION := 4.14.1
browser-ready:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/bwrap ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	        echo "== installing $(BROWSER_PACKAGES) (Debian packages)"; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; \
	    else \
	        echo "make test needs Debian's Chromium and bubblewrap. Run:  sudo apt-get install -y $(BROWSER_PACKAGES)"; \
	        exit 1; \
	    fi; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ]; then \
	    if ! command -v npm >/dev/null 2>&1; then \
	        if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	        else echo "The accessibility tests need npm. Run:  sudo apt-get install -y npm"; exit 1; fi; \
	    fi; \
	    echo "== installing axe-core $(AXE_VERSION) (npm registry) for the accessibility tests"; \
	    npm install --prefix . --no-save --no-package-lock --silent axe-core@$(AXE_VERSION); \
	fi

# Unit and browser tests share the two cores: each test file runs whole on one worker.
test: $(READY) lint browser-ready
	$(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)
	@if ls lessons/*.ipynb solutions/*.ipynb >/dev/null 2>&1; then \
	    echo "== nbval (strict): lessons and solutions"; \
	    $(NBVAL) --nbval $(SANITIZE) $(wildcard lessons/*.ipynb solutions/*.ipynb); fi
	@if ls exercises/*.ipynb >/dev/null 2>&1; then \
	    echo "== nbval (lax): exercises"; \
	    $(NBVAL) --nbval-lax $(wildcard exercises/*.ipynb); fi

# SUBMISSIONS reaches the command through the environment, quoted: spaces work and nothing in it runs.
grade: export MEDIALIT_SUBMISSIONS := $(SUBMISSIONS)
grade: $(READY)
	$(PY) -m medialit grade "$$MEDIALIT_SUBMISSIONS"

# The teacher's review page (Voila): free-text answers of the last `make grade` in GRADES, the
# rubrics, your points and comments, saved to GRADES/review.csv; the next `make grade` merges them.
review: export MEDIALIT_GRADES := $(GRADES)
review: $(READY)
	$(PY) -m medialit review --grades "$$MEDIALIT_GRADES"

exercises: $(READY)
	$(PY) -m medialit make-exercises

lessons: $(READY)
	$(PY) -m medialit make-bank
	$(PY) -m medialit execute-lessons

student-bundle: $(READY)
	$(PY) -m medialit student-bundle

benchmark: $(READY)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) dist test-artifacts
