"""Exercises are generated from solutions; the committed exercises do not drift."""

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from medialit.authoring.exercises import (
    make_exercises,
    normalise_metadata,
    strip_solution_code,
    strip_solution_markdown,
)
from medialit.paths import checkout_root

ROOT = checkout_root()

SOLUTIONS = Path(__file__).parent / "fixtures" / "notebooks" / "solutions"


def test_code_blocks_keep_the_assignment_target():
    source = (
        "x = 1\n# BEGIN SOLUTION\nanswer_ex02_3 = {\n    'H': 'direct',\n}\n"
        "# END SOLUTION\nprint(x)"
    )
    assert strip_solution_code(source) == "x = 1\nanswer_ex02_3 = ...  # your answer here\nprint(x)"
    assert (
        strip_solution_code("# BEGIN SOLUTION\nsecret()\n# END SOLUTION")
        == "...  # your answer here"
    )
    assert (
        strip_solution_code("if True:\n    # BEGIN SOLUTION\n    answer_a = 2\n    # END SOLUTION")
        == "if True:\n    answer_a = ...  # your answer here"
    )
    assert (
        strip_solution_code("# BEGIN SOLUTION\nanswer_ex01_1 = 'b'")
        == "answer_ex01_1 = ...  # your answer here"
    )


def test_markdown_blocks_are_removed():
    text = "Prompt.\n<!-- BEGIN SOLUTION -->\nThe answer is b.\n<!-- END SOLUTION -->\nAfter."
    assert strip_solution_markdown(text) == "Prompt.\nAfter."


def test_fixture_solution_gives_expected_exercise(tmp_path):
    written = make_exercises(solutions=SOLUTIONS, exercises=tmp_path / "ex")
    assert [p.name for p in written] == ["01-fixture.ipynb"]
    raw = written[0].read_bytes()
    assert (
        raw.endswith(b"}\n") and b'\n "cells": [\n  {\n   "cell_type"' in raw
    )  # indent 1, sorted keys
    exercise = nbformat.read(written[0], as_version=4)
    solution = nbformat.read(SOLUTIONS / "01-fixture.ipynb", as_version=4)
    assert [c.id for c in exercise.cells] == [c.id for c in solution.cells]
    cells = {c.id: c for c in exercise.cells}
    assert cells["answer-ex01_1"].source == "answer_ex01_1 = ...  # your answer here"
    assert (
        cells["answer-ex01_2"].source
        == "# Pick every reporting verb.\nanswer_ex01_2 = ...  # your answer here"
    )
    assert cells["answer-ex01_4"].source == "answer_ex01_4 = ...  # your answer here"
    assert cells["ex01_1"].source == 'check("ex01_1", answer_ex01_1)'
    assert (
        "The answer is b" not in cells["q-ex01_1"].source
        and "remembered fact" in cells["q-ex01_1"].source
    )
    assert all(
        c.outputs == [] and c.execution_count is None
        for c in exercise.cells
        if c.cell_type == "code"
    )
    assert cells["answer-ex01_1"].metadata == {"tags": ["solution"]}
    assert exercise.metadata == {  # widget state dropped; the solution's language_info kept
        "kernelspec": solution.metadata.kernelspec,
        "language_info": {"name": "python", "version": "3.11.9"},
    }
    assert b"BEGIN SOLUTION" not in raw and b'"b"' not in raw


def test_generation_is_deterministic_and_check_mode_writes_nothing(tmp_path):
    out = tmp_path / "ex"
    assert make_exercises(check=True, solutions=SOLUTIONS, exercises=out) == [
        out / "01-fixture.ipynb"
    ]
    assert not out.exists()
    first = make_exercises(solutions=SOLUTIONS, exercises=out)[0].read_bytes()
    assert make_exercises(check=True, solutions=SOLUTIONS, exercises=out) == []
    assert make_exercises(solutions=SOLUTIONS, exercises=out)[0].read_bytes() == first
    (out / "01-fixture.ipynb").write_bytes(first.replace(b"fixture", b"edited"))
    (out / "99-stale.ipynb").write_bytes(first)
    assert [p.name for p in make_exercises(check=True, solutions=SOLUTIONS, exercises=out)] == [
        "01-fixture.ipynb",
        "99-stale.ipynb",
    ]


def test_empty_folder_pair_has_no_drift(tmp_path):
    (tmp_path / "s").mkdir()
    assert make_exercises(check=True, solutions=tmp_path / "s", exercises=tmp_path / "e") == []


def test_committed_exercises_equal_generated_from_committed_solutions():
    drift = make_exercises(check=True, solutions=ROOT / "solutions", exercises=ROOT / "exercises")
    assert drift == [], f"run `make exercises`: {[p.name for p in drift]} differ from solutions/"


def test_execute_lessons_stores_outputs_without_timings(tmp_path):
    from medialit.authoring.lessons import execute_lessons

    lessons = tmp_path / "lessons"
    lessons.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import os\nprint(os.path.basename(os.getcwd()),"
            " 'answers' in os.environ['MEDIALIT_ANSWERS'] or True)",
            id="one",
        )
    ]
    nbformat.write(nb, lessons / "00-x.ipynb")
    shutil.copy(lessons / "00-x.ipynb", lessons / "01-y.ipynb")
    assert [p.name for p in execute_lessons(lessons)] == ["00-x.ipynb", "01-y.ipynb"]
    first = (lessons / "00-x.ipynb").read_bytes()
    done = nbformat.read(lessons / "00-x.ipynb", as_version=4)
    assert done.cells[0].outputs[0]["text"].startswith("lessons ")
    assert "execution" not in done.cells[0].metadata
    assert done.metadata.language_info == _kernel_language_info()
    execute_lessons(lessons)
    assert (lessons / "00-x.ipynb").read_bytes() == first


def test_widget_answer_line_outside_the_block_is_kept():
    source = (
        "answer_ex03_1 = labeler_ex03_1.answer  # from the widget\n"
        "# BEGIN SOLUTION\nanswer_ex03_1 = {'P3.1': 'writer'}\n# END SOLUTION"
    )
    assert strip_solution_code(source) == "answer_ex03_1 = labeler_ex03_1.answer  # from the widget"


def _kernel_language_info() -> dict:
    """The language_info the python3 kernel (ipykernel) sends when it starts."""
    from ipykernel.ipkernel import IPythonKernel

    return json.loads(json.dumps(IPythonKernel.language_info))


COMMITTED = sorted(
    p for folder in ("lessons", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb")
)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_committed_notebooks_store_what_the_kernel_reports(path):
    """JupyterLab and Notebook 7 mark a notebook unsaved when its kernel's language_info
    or kernelspec differs from the stored one (tests/browser/test_clean_open.py opens them).

    The Python version is compared to major.minor only, so the test runs on any 3.11;
    with another micro version than the authoring one a notebook does show as unsaved.
    """
    stored = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    kernel = _kernel_language_info()
    assert stored["kernelspec"] == {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    language = dict(stored["language_info"])
    version = language.pop("version", "")
    assert language == {k: v for k, v in kernel.items() if k != "version"}
    assert version.split(".")[:2] == kernel["version"].split(".")[:2]


def test_normalise_keeps_the_kernels_language_info():
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"language_info": _kernel_language_info(), "widgets": {"state": {}}}
    normalise_metadata(nb)
    assert nb.metadata["language_info"] == _kernel_language_info()
    assert set(nb.metadata) == {"kernelspec", "language_info"}
    bare = nbformat.v4.new_notebook()
    normalise_metadata(bare)
    assert bare.metadata["language_info"] == {"name": "python"}
