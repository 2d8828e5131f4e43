"""Grading a class end to end: generated submissions, including malicious ones."""
import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from medialit import assessment as checks
from medialit.data import data_dir
from medialit.grading import clean_notebook, find_submissions, grade_class
from medialit.authoring.exercises import exercise_from_solution

FIXTURES = Path(__file__).parent / "fixtures"
RIGHT = {"ex01_1": '"b"', "ex01_2": '["a", "b", "d"]', "ex01_4": '{"H": "mixed", "S": "indirect", "P2.1": "direct"}',
         "ex01_7": "42.5"}


def _exercise():
    return exercise_from_solution(nbformat.read(FIXTURES / "notebooks/solutions/01-fixture.ipynb", as_version=4))


def _submission(folder: Path, answers: dict, extra: dict = (), replace_check: dict = ()) -> None:
    """Write a student's notebook: fill answers; `extra` adds code after an answer; `replace_check` edits check cells."""
    nb = _exercise()
    for cell in nb.cells:
        for qid, value in answers.items():
            placeholder = f"answer_{qid} = ...  # your answer here"
            if placeholder in cell.source:
                cell.source = cell.source.replace(placeholder, f"answer_{qid} = {value}")
                if qid in dict(extra):
                    cell.source += "\n" + dict(extra)[qid]
        if cell.id in dict(replace_check):
            cell.source = dict(replace_check)[cell.id]
        if cell.cell_type == "code":  # stored outputs that claim success are ignored
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="✔ Correct\n")]
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "01-fixture.ipynb")


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(data_dir() / "article.json", folder / "article.json")
    shutil.copytree(FIXTURES / "questions", folder / "questions")
    return folder


def test_clean_notebook_keeps_answer_cells_only():
    nb = _exercise()
    nb.cells.insert(2, nbformat.v4.new_code_cell("print('not an answer cell')"))
    nb.cells[[c.id for c in nb.cells].index("ex01_1")].source = "print('✔ Correct')"
    clean = clean_notebook(nb, ["ex01_1", "ex01_2"], Path("/a"), Path("/r.json"))
    sources = [c["source"] for c in clean["cells"]]
    assert "print('not an answer cell')" not in sources and "print('✔ Correct')" not in sources
    assert sources[1] == "from medialit import check"
    assert [c["id"] for c in clean["cells"]][3] == "ex01_1" and clean["nbformat"] == 4
    assert sources[2:6] == ["answer_ex01_1 = ...  # your answer here", 'check("ex01_1", answer_ex01_1)',
                            "# Pick every reporting verb.\nanswer_ex01_2 = ...  # your answer here",
                            'check("ex01_2", answer_ex01_2)']
    assert "/r.json" in sources[-1] and "MEDIALIT_STRICT" in sources[0]


@pytest.mark.slow
def test_grade_class_end_to_end(tmp_path, data):
    subs = tmp_path / "subs"
    _submission(subs / "alice", RIGHT)
    _submission(subs / "bob", {"ex01_1": '"c"', "ex01_2": '["a", "b"]', "ex01_7": "57.5"})
    (subs / "bob" / "answers").mkdir()
    (subs / "bob" / "answers" / "exercise-01.json").write_text(json.dumps({"ex01_4": {"H": "mixed", "S": "direct"}}))
    _submission(subs / "carol", {})
    _submission(subs / "dave", {**RIGHT, "ex01_2": '["a"]'}, extra={"ex01_2": "while True:\n    pass"})
    _submission(subs / "erin", RIGHT, extra={"ex01_1": "import os\nos._exit(3)"})
    _submission(subs / "frank", {"ex01_1": '"a"', "ex01_2": '["c"]', "ex01_4": RIGHT["ex01_4"], "ex01_7": "42.5"},
                extra={"ex01_4": "import sys\nsys.exit(0)", "ex01_7": "print('x' * 100_000_000)"},
                replace_check={"ex01_1": "print('✔ Correct')", "ex01_2": "print('✔ Correct')"})
    lines = []
    assert grade_class(subs, tmp_path / "grades", jobs=2, timeout=10, data=data, exercises=tmp_path / "none",
                       progress=lines.append) == 0
    assert any("notebooks done" in line for line in lines)
    with open(tmp_path / "grades" / "gradebook.csv", encoding="utf-8") as handle:
        rows = {(r["student"], r["question"]): r for r in csv.DictReader(handle)}
    assert len(rows) == 6 * 7  # every ex01 question of the bank, answered or not

    def score(student, qid):
        return float(rows[student, qid]["score"])

    assert all(score("alice", q) == 1 for q in RIGHT) and rows["alice", "ex01_1"]["status"] == "Correct"
    assert (score("bob", "ex01_1"), score("bob", "ex01_7")) == (0, 0)
    assert score("bob", "ex01_2") == pytest.approx(2 / 3, abs=1e-3)
    assert score("bob", "ex01_4") == pytest.approx(1 / 3, abs=1e-3) and rows["bob", "ex01_4"]["answer_from"] == "widget"
    assert all(rows["carol", q]["status"] == "Not answered yet" for q in RIGHT)
    assert rows["dave", "ex01_1"]["status"].startswith("error: a cell ran longer than 10 seconds")
    assert rows["erin", "ex01_1"]["status"].startswith("error:") and score("erin", "ex01_1") == 0
    assert (score("frank", "ex01_1"), score("frank", "ex01_2")) == (0, 0)  # edited check cells do not help
    assert (score("frank", "ex01_4"), score("frank", "ex01_7")) == (1, 1)
    with open(tmp_path / "grades" / "totals.csv", encoding="utf-8") as handle:
        totals = {r["student"]: r for r in csv.DictReader(handle)}
    assert totals["alice"]["01-fixture"] == "7" and totals["carol"]["total"] == "0"
    assert float(totals["bob"]["total"]) == pytest.approx(2 * 2 / 3 + 3 * 1 / 3, abs=1e-2)
    with open(tmp_path / "grades" / "questions.csv", encoding="utf-8") as handle:
        stats = {r["question"]: r for r in csv.DictReader(handle)}
    assert stats["ex01_1"]["students"] == "6"
    assert stats["ex01_7"]["most_common_wrong_answer"] == "57.5"
    page = (tmp_path / "grades" / "feedback" / "erin.html").read_text(encoding="utf-8")
    assert "could not be run to the end" in page and "stopped its own Python kernel" in page
    assert "✔ Correct" in (tmp_path / "grades" / "feedback" / "alice.html").read_text(encoding="utf-8")


def test_find_submissions_includes_widget_only_answers(tmp_path):
    (tmp_path / "zoe" / "answers").mkdir(parents=True)
    (tmp_path / "zoe" / "answers" / "exercise-02.json").write_text("{}")
    _submission(tmp_path / "amy", {})
    found = [(s.student, s.stem, s.number, s.notebook is None) for s in find_submissions(tmp_path)]
    assert found == [("amy", "01-fixture", "01", False), ("zoe", "exercise-02", "02", True)]
