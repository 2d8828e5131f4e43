"""Every lesson and exercise as a student uses it in JupyterLab, and as axe-core checks it.

One Lab server serves copies of the course's notebooks (in their folders) and
one Lab page opens them in turn from its file browser (Lab loads once). Each
test opens a notebook, runs all cells, checks that every widget shows live
and no cell printed an error or a warning, saves, closes the notebook and
shuts its kernel down, opens it again and checks what the student then sees:
each widget's place shows the notice "Run all cells to use the widgets." and
the static view (never "Error displaying widget"), and the notebook is not
marked unsaved. When axe-core is installed (see ``course.py``) it checks the
live widgets and the static views; a serious or critical finding in them
fails the test, and every finding in the notebook is saved as an artifact.
"""

import os

import pytest

from course import (
    AXE_INSTALL,
    COURSE,
    SERIOUS,
    axe_path,
    axe_violations,
    course_name,
    expected_widgets,
    save_axe_report,
)
from jupyter_driver import NOTEBOOKS

KIND = "lab"
BROKEN = NOTEBOOKS / "broken.ipynb"
BROKEN_NAME = course_name(BROKEN)
EXTRA = [BROKEN]
#: the parts of a notebook axe checks: the medialit widgets, then the rest of the cells
WIDGET_PARTS = (
    ".jp-NotebookPanel:not(.lm-mod-hidden) .medialit-widget",
    ".jp-NotebookPanel:not(.lm-mod-hidden) .medialit-companion",
)
NOTEBOOK_PART = (".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook",)


def _axe(page, name: str, report: dict, part: str) -> None:
    """Check the widgets (and the notebook, for the report) with axe when it is installed."""
    if not axe_path().is_file():
        return
    report[f"{part}: widgets"] = widgets = axe_violations(page, WIDGET_PARTS)
    report[f"{part}: notebook"] = axe_violations(page, NOTEBOOK_PART)
    save_axe_report(name, report)
    serious = [v for v in widgets if v["impact"] in SERIOUS]
    assert serious == [], f"axe: serious findings in the widgets of {name}: {serious}"


@pytest.mark.parametrize("path", COURSE, ids=course_name)
def test_in_lab_every_widget_works_and_the_saved_notebook_reopens_clean(path, student, shot):
    name, expected, report = course_name(path), expected_widgets(path), {}
    student.open_from_file_browser(name)
    student.run_all()
    assert student.wait_live_widget_outputs(expected) == expected
    assert student.widget_states() == ["live"] * expected
    assert student.problems() == []
    _axe(student.page, name, report, "live")
    shot(student.page, f"lab-{name.replace('/', '-')}")
    student.save()
    student.close_and_shut_down()

    student.open_from_file_browser(name)
    assert student.wait_widget_states(["static"] * expected) == ["static"] * expected
    assert student.problems() == [] and student.broken_link_icons() == 0
    assert not student.dirty(), "the reopened notebook shows as unsaved"
    _axe(student.page, name, report, "reopened")
    shot(student.page, f"lab-{name.replace('/', '-')}-reopened")


def test_the_problem_finder_sees_stderr_and_tracebacks(student):
    student.open_from_file_browser(BROKEN_NAME)
    student.menu("Run", "Run All Cells")
    student.page.wait_for_selector('.jp-OutputArea-output:has-text("a broken cell")')
    kinds = sorted({problem.split(":")[0] for problem in student.problems()})
    assert kinds == ["error", "stderr"]


def test_the_accessibility_checker_is_installed():
    if axe_path().is_file():
        return
    reason = f"axe-core is missing at {axe_path()}: install it with `{AXE_INSTALL}`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)
