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
from jupyter_driver import JupyterPage

KIND = "notebook"


@pytest.fixture
def student(module_tab, course_server):
    """Drive the module's page; the notebook's kernel is shut down after the test."""
    yield JupyterPage(module_tab, course_server)
    module_tab.goto("about:blank")
    course_server.shutdown_kernels()


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
