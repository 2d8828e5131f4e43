"""Every lesson and exercise as a student uses it in Notebook 7: run, save, close, reopen.

One Notebook 7 server serves copies of the course's notebooks; one browser
page opens each by its address, runs all cells, checks that every widget
shows live with no error or warning, saves, leaves the page and shuts the
kernel down (as closing the tab and stopping the kernel does), opens the
notebook again and checks that each widget's place shows the notice and the
static view, never "Error displaying widget", and that the notebook is not
marked unsaved.
"""
import pytest

from course import COURSE, course_name, expected_widgets
from jupyter_driver import ACTION_TIMEOUT, JupyterPage, start_in


@pytest.fixture(scope="module")
def notebook_server(tmp_path_factory):
    """One Notebook 7 server for this module, on copies of the course."""
    server = start_in(tmp_path_factory.mktemp("course-nb7"), "notebook", COURSE, folders=True)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def notebook_tab(browser):
    """One browser page for the module."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(ACTION_TIMEOUT)
    yield context.new_page()
    context.close()


@pytest.fixture
def student(notebook_tab, notebook_server):
    """Drive the module's page; the notebook's kernel is shut down after the test."""
    yield JupyterPage(notebook_tab, notebook_server)
    notebook_tab.goto("about:blank")
    notebook_server.shutdown_kernels()


@pytest.mark.parametrize("path", COURSE, ids=course_name)
def test_in_notebook7_every_widget_works_and_the_saved_notebook_reopens_clean(path, student, shot):
    name, expected = course_name(path), expected_widgets(path)
    student.open(name)
    student.run_all()
    assert student.wait_live_widget_outputs(expected) == expected
    assert student.widget_states() == ["live"] * expected
    assert student.problems() == []
    student.save()
    student.page.goto("about:blank")
    student.server.shutdown_kernels()

    student.open(name)
    assert student.wait_widget_states(["static"] * expected) == ["static"] * expected
    assert student.problems() == [] and student.broken_link_icons() == 0
    assert not student.dirty(), "the reopened notebook shows as unsaved"
    shot(student.page, f"notebook7-{name.replace('/', '-')}-reopened")
