"""A committed lesson or exercise opens in JupyterLab and Notebook 7 without showing as unsaved.

JupyterLab and Notebook 7 write the kernel's ``language_info`` and kernelspec
into a notebook once its kernel starts; a stored value that differs marks the
notebook as modified before the student does anything (Lab: a dot on the tab,
the ``jp-mod-dirty`` class; both: a "leave without saving?" prompt). Each
test opens the committed file, waits for its kernel to be connected and idle,
and checks for a few seconds that the document stays clean: the notebook
model's ``dirty`` flag, the application's dirty status and, in Lab, the tab.
"""

import time

import pytest

from course import COURSE, course_name
from jupyter_driver import JupyterPage, start_in

#: JavaScript: every sign that the open notebook counts as unsaved
DIRTY_JS = """() => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  return {
    model: !!(panel && panel.model && panel.model.dirty),
    app: !!(app.status && app.status.isDirty),
    tabs: document.querySelectorAll('.lm-TabBar-tab.jp-mod-dirty').length,
  };
}"""
CLEAN = {"model": False, "app": False, "tabs": 0}
#: how long the notebook must stay clean once its kernel is idle (seconds)
WATCH = 2.0


@pytest.fixture(scope="module", params=["lab", "notebook"])
def server(request, tmp_path_factory):
    """A JupyterLab, then a Notebook 7 server on copies of the committed notebooks."""
    running = start_in(
        tmp_path_factory.mktemp(f"clean-{request.param}"), request.param, COURSE, folders=True
    )
    yield running
    running.stop()


@pytest.fixture
def student(module_tab, server):
    """Drive the page; the notebook's kernel is shut down after the test."""
    yield JupyterPage(module_tab, server)
    module_tab.goto("about:blank")
    server.shutdown_kernels()


def _signs_over(page, seconds: float) -> dict:
    """Poll the dirty signs for ``seconds``; return the first unclean reading, else CLEAN."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        signs = page.evaluate(DIRTY_JS)
        if signs != CLEAN:
            return signs
        time.sleep(0.2)
    return CLEAN


@pytest.mark.parametrize("path", COURSE, ids=course_name)
def test_committed_notebook_opens_clean(path, student):
    student.open(course_name(path))
    signs = _signs_over(student.page, WATCH)
    language = student.page.evaluate(
        "() => window.jupyterapp.shell.currentWidget.model.getMetadata('language_info')"
    )
    assert signs == CLEAN, f"shows as unsaved on opening ({signs}); the kernel sent {language}"
