"""Every lesson and exercise rendered by Voila: every widget live, no error.

One Voila server serves the course's folder; each test renders one notebook
(Voila runs all its cells) and checks that every widget shows live, that the
companion outputs stay hidden behind them, and that no cell printed an error
or a warning. (Voila runs a notebook afresh each time: there is nothing to
save or reopen.)
"""

import pytest

from course import COURSE, course_name, expected_widgets
from jupyter_driver import VoilaPage

KIND = "voila"


@pytest.mark.parametrize("path", COURSE, ids=course_name)
def test_in_voila_every_widget_works(path, module_tab, course_server, shot):
    name, expected = course_name(path), expected_widgets(path)
    student = VoilaPage(module_tab, course_server).open(name)
    assert student.wait_live_widget_outputs(expected) == expected
    assert student.widget_states() == ["live"] * expected
    assert student.problems() == []
    shot(module_tab, f"voila-{name.replace('/', '-')}")
    module_tab.goto("about:blank")
