"""Fixtures for the real-browser tests: Jupyter servers and a headless Chromium.

Chromium is Debian's ``/usr/bin/chromium`` (never a Playwright download). When
it is missing the tests are skipped with the reason, except under ``CI=true``,
where a missing browser is a failure. Every test here carries the ``browser``
marker, so ``pytest -m "not browser"`` leaves them out.
"""

import os
from pathlib import Path

import pytest

from course import COURSE
from jupyter_driver import (
    ACTION_TIMEOUT,
    ARTIFACTS,
    CHROMIUM,
    LAUNCH_ARGS,
    JupyterPage,
    start_in,
)

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Mark every test in this folder with the ``browser`` marker."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Return Debian's Chromium, or skip (fail under CI=true) when it is missing."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    reason = (
        f"{CHROMIUM} is missing: install Debian's Chromium with "
        "`apt-get install -y chromium` to run the browser tests"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(chromium_path):
    """A headless Chromium shared by all browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


def _tab(browser):
    """Open a page in a fresh browser context; return (context, page)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(ACTION_TIMEOUT)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    """A fresh browser page (its own context) for one test."""
    context, tab = _tab(browser)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def module_tab(browser):
    """One browser page shared by the tests of a module."""
    context, tab = _tab(browser)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def course_server(request, tmp_path_factory):
    """One server for a module, on copies of the course's notebooks in their folders.

    The module names the server's kind in ``KIND`` ("lab", "notebook" or
    "voila") and may list more notebooks to serve in ``EXTRA``.
    """
    kind = request.module.KIND
    notebooks = [*COURSE, *getattr(request.module, "EXTRA", ())]
    server = start_in(tmp_path_factory.mktemp(f"course-{kind}"), kind, notebooks, folders=True)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab_tab(module_tab, course_server):
    """The module's Lab page: notebooks open from its file browser, so Lab loads once."""
    module_tab.goto(course_server.url("/lab", reset=""))
    module_tab.wait_for_selector(".jp-DirListing-itemText")
    return module_tab


@pytest.fixture
def student(lab_tab, course_server):
    """Drive the module's Lab page; the notebook is closed and its kernel shut down after.

    (A module that drives another kind of page defines its own ``student``.)
    """
    driver = JupyterPage(lab_tab, course_server)
    yield driver
    try:
        if driver.name:  # a notebook is open
            driver.close_and_shut_down()
    finally:
        course_server.shutdown_kernels()


@pytest.fixture
def shot():
    """Return a function that saves a page's screenshot as a test artifact.

    Lab and Notebook 7 scroll inside a panel, so the shot shows what is in
    view at that moment (the last widget used), not the whole notebook.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def save(tab, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def start_server(tmp_path):
    """Return a function that starts a server on copies of notebooks.

    The function takes ``kind``, a list of notebook paths, and optionally
    ``data_dir`` and ``notebook`` (Voila's notebook name); it returns the
    running ``JupyterServer``. Every server started is stopped after the test.
    """
    servers = []

    def start(kind, notebooks, data_dir=None, notebook=None):
        server = start_in(tmp_path / f"{kind}-{len(servers)}", kind, notebooks, data_dir, notebook)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
