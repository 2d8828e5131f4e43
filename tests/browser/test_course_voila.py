"""Every lesson and exercise rendered by Voila: every widget live, no error.

One Voila server serves the course's folder; each test renders one notebook
(Voila runs all its cells) and checks that every widget shows live, that the
companion outputs stay hidden behind them, and that no cell printed an error
or a warning. (Voila runs a notebook afresh each time: there is nothing to
save or reopen.)
"""
import pytest

from course import COURSE, course_name, expected_widgets
from jupyter_driver import ACTION_TIMEOUT, VoilaPage, start_in


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory):
    """One Voila server for this module, on copies of the course."""
    server = start_in(tmp_path_factory.mktemp("course-voila"), "voila", COURSE, folders=True)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def voila_tab(browser):
    """One browser page for the module."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(ACTION_TIMEOUT)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("path", COURSE, ids=course_name)
def test_in_voila_every_widget_works(path, voila_tab, voila_server, shot):
    name, expected = course_name(path), expected_widgets(path)
    student = VoilaPage(voila_tab, voila_server).open(name)
    assert student.wait_live_widget_outputs(expected) == expected
    assert student.widget_states() == ["live"] * expected
    assert student.problems() == []
    shot(voila_tab, f"voila-{name.replace('/', '-')}")
    voila_tab.goto("about:blank")
