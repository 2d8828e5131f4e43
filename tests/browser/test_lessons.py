"""Every lesson, run as a student runs it: Run All in JupyterLab.

One Lab server serves copies of all lessons (found in ``lessons/`` when the
tests are collected) and one Lab page opens them in turn from its file
browser (Lab loads once); each test opens one lesson, runs all cells, checks
that every widget rendered and no cell printed an error or a warning, then
closes the notebook and shuts its kernel down. The
lessons are committed executed, so the number of widget outputs a run must
show is read from the committed file.
"""
import nbformat
import pytest

from jupyter_driver import ACTION_TIMEOUT, NOTEBOOKS, ROOT, JupyterPage, start_in

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
BROKEN = NOTEBOOKS / "broken.ipynb"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def committed_widget_outputs(path) -> int:
    """Count the widget outputs stored in a notebook file."""
    notebook = nbformat.read(path, as_version=4)
    return sum(WIDGET_MIME in output.get("data", {})
               for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.get("outputs", []))


@pytest.fixture(scope="module")
def lesson_server(tmp_path_factory):
    """One Lab server for this module, on copies of the lessons (and a broken notebook)."""
    server = start_in(tmp_path_factory.mktemp("lessons"), "lab", [*LESSONS, BROKEN])
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab_tab(browser, lesson_server):
    """One Lab page for the module: lessons open from its file browser, so Lab loads once."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(ACTION_TIMEOUT)
    tab = context.new_page()
    tab.goto(lesson_server.url("/lab", reset=""))
    tab.wait_for_selector(".jp-DirListing-itemText")
    yield tab
    context.close()


@pytest.fixture
def student(lab_tab, lesson_server):
    """Drive the module's Lab page; the notebook is closed and its kernel shut down after."""
    driver = JupyterPage(lab_tab, lesson_server)
    yield driver
    try:
        driver.close_and_shut_down()
    finally:
        lesson_server.shutdown_kernels()


@pytest.mark.parametrize("lesson", LESSONS, ids=[path.stem for path in LESSONS])
def test_lesson_runs_in_lab_with_every_widget_and_no_error(lesson, student, shot):
    expected = committed_widget_outputs(lesson)
    student.open_from_file_browser(lesson.name)
    student.run_all()
    assert student.wait_live_widget_outputs(expected) == expected
    shot(student.page, f"lesson-{lesson.stem}")
    assert student.problems() == []


def test_the_problem_finder_sees_stderr_and_tracebacks(student):
    student.open_from_file_browser(BROKEN.name)
    student.menu("Run", "Run All Cells")
    student.page.wait_for_selector('.jp-OutputArea-output:has-text("a broken cell")')
    kinds = sorted({problem.split(":")[0] for problem in student.problems()})
    assert kinds == ["error", "stderr"]
