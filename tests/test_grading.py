"""Grading as data: reading answers, limits, which answer counts, reports, LMS files, scale.

The attacks are in test_grading_attacks.py; the sandbox ("runs cleanly") is at the end.
"""

import csv
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "grading"))
import classroom  # noqa: E402

from medialit.assessment import load_bank  # noqa: E402
from medialit.grading import grade_class  # noqa: E402
from medialit.grading.clean import clean_name, read_regular  # noqa: E402
from medialit.grading.course import Question  # noqa: E402
from medialit.grading.limits import MAX_TEXT_CHARS  # noqa: E402
from medialit.grading.read import (  # noqa: E402
    CellAnswer,
    Unreadable,
    answers_file,
    bracket_depth,
    load_json,
    notebook_answers,
)
from medialit.grading.report import Progress, escape_cell  # noqa: E402
from medialit.grading.sandbox import sandbox_problem  # noqa: E402
from medialit.grading.score import REVIEW, bound, score_question  # noqa: E402
from medialit.paths import checkout_root  # noqa: E402

ROOT = checkout_root()
ANSI = re.compile(r"\x1b\[")


def _cells(*sources: str) -> dict:
    return {"cells": [{"cell_type": "code", "source": s} for s in sources]}


def _kinds(*sources: str, qid: str = "ex01_1") -> CellAnswer:
    return notebook_answers(_cells(*sources), [qid])[qid]


@pytest.fixture
def course(tmp_path):
    return classroom.course(tmp_path)


# ---------------------------------------------------------------- reading answer cells
@pytest.mark.parametrize(
    "source, value",
    [
        ('answer_ex01_1 = "b"', "b"),
        (
            'answer_ex01_1 = "Kyiv and " "the West"',
            "Kyiv and the West",
        ),  # implicit concatenation: one string
        ("answer_ex01_1 = -3", -3),  # a sign is part of a literal
        ('answer_ex01_1 = {"a", "b"}', {"a", "b"}),  # a set literal counts
        ('answer_ex01_1: list = ["a"]', ["a"]),  # an annotated assignment counts
        ('answer_ex01_1 = {"H": "mixed"}  # a comment', {"H": "mixed"}),
        ('import x\nanswer_ex01_1 = [[1, 2]]\nprint("unrelated")', [[1, 2]]),
    ],
)
def test_a_plain_literal_counts(source, value):
    assert _kinds(source) == CellAnswer("typed", value)


@pytest.mark.parametrize(
    "source",
    [
        "answer_ex01_1 = frozenset()",
        "answer_ex01_1 = f'{1}'",
        "answer_ex01_1 = 1 + 2",
        "answer_ex01_1 = x",
        "answer_ex01_1 = open('k').read()",
        "answer_ex01_1 = y = 'b'",
        "answer_ex01_1 += 'b'",
        "if True:\n    answer_ex01_1 = 'b'",
        "def f():\n    global answer_ex01_1\n    answer_ex01_1 = 'b'",
        "import answer_ex01_1",
        "[answer_ex01_1 := 'b']",
        "answer_ex01_1, other = 'b', 1",
        "del answer_ex01_1",
        "class answer_ex01_1: pass",
    ],
)
def test_anything_else_that_binds_the_answer_is_for_review(source):
    assert _kinds(source).kind == "review"


def test_placeholders_widgets_syntax_and_missing_cells():
    assert _kinds("answer_ex01_1 = ...  # your answer here").kind == "empty"
    assert _kinds('answer_ex01_1 = ""').kind == "empty"
    assert (
        _kinds("answer_ex01_1 = set()").kind == "empty"
    )  # literal_eval reads set() as the empty set
    assert _kinds("answer_ex01_1 = quiz_ex01_1.answer  # from the widget").kind == "widget"
    assert _kinds('answer_ex01_1 = "b').kind == "syntax"
    assert _kinds("print(1)", 'check("ex01_1", answer_ex01_1)').kind == "missing"
    assert (
        _kinds("check('ex01_1', answer_ex01_1) +").kind == "missing"
    )  # a broken check cell is not an answer cell


def test_the_last_cell_that_binds_the_answer_decides():
    assert _kinds('answer_ex01_1 = "a"', 'answer_ex01_1 = "b"') == CellAnswer("typed", "b")
    assert _kinds('answer_ex01_1 = "b"', "answer_ex01_1 = compute()").kind == "review"
    assert _kinds("answer_ex01_1 = compute()", 'answer_ex01_1 = "b"') == CellAnswer("typed", "b")
    assert _kinds('answer_ex01_1 = "b"', 'answer_ex01_1 = "c').kind == "syntax"


def test_only_the_banks_question_ids_are_read():
    found = notebook_answers(
        _cells('answer_ex01_1 = "b"', 'answer_ex09_9 = "x"'), ["ex01_1", "ex01_2"]
    )
    assert set(found) == {"ex01_1", "ex01_2"} and found["ex01_2"].kind == "missing"


# ---------------------------------------------------------------- bounded JSON
def test_bracket_depth_ignores_brackets_inside_strings():
    assert bracket_depth(b'{"a": [[1]], "b": "[[[[[[", "c": "\\"[[["}', 99) == 3
    assert bracket_depth(b"[" * 100_000, 17) == 17  # stops counting at the limit


def test_json_limits():
    with pytest.raises(Unreadable, match="deeper than 16"):
        load_json(b"[" * 100_000 + b"]" * 100_000, 16, "the answers file")
    with pytest.raises(Unreadable, match="NaN is not allowed"):
        load_json(b'{"a": NaN}', 16, "x")
    with pytest.raises(Unreadable, match="not UTF-8"):
        load_json(b'{"a": "\xff"}', 16, "x")
    assert load_json('\ufeff{"a": 1}'.encode(), 16, "x") == {"a": 1}
    with pytest.raises(Unreadable, match="not a JSON object"):
        answers_file(b"[1]", ["ex01_1"])
    answers, attempts = answers_file(
        json.dumps(
            {
                "ex01_1": "b",
                "ex09_1": "x",
                "_attempts": {"ex01_1": 3, "ex01_2": True, "ex01_3": -1, "ex09_1": 7},
            }
        ).encode(),
        ["ex01_1", "ex01_2", "ex01_3"],
    )
    assert answers == {"ex01_1": "b"} and attempts == {"ex01_1": 3}


# ---------------------------------------------------------------- files and names
@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("alice", "alice"),
        ("al ice", "al_ice"),
        ("Zoë", "Zoë"),
        ("Zoe\u0308", "Zoë"),
        ("=cmd|x", "cmd_x"),
        ("-rf", "rf"),
        ("..", ""),
        ("bob\u202e", "bob"),
        ("a" * 100, "a" * 64),
        ("  x  y ", "x_y"),
        ("李雷", "李雷"),
        ("x\ny", "xy"),
    ],
)
def test_student_ids_are_cleaned_to_the_safe_set(raw, cleaned):
    assert clean_name(raw) == cleaned


def test_read_regular_refuses_links_fifos_and_big_files(tmp_path):
    (tmp_path / "ok").write_bytes(b"12345")
    assert read_regular(tmp_path / "ok", 5) == b"12345"
    with pytest.raises(Unreadable, match="larger than 4 bytes"):
        read_regular(tmp_path / "ok", 4)
    (tmp_path / "link").symlink_to(tmp_path / "ok")
    with pytest.raises(Unreadable, match="symbolic link"):
        read_regular(tmp_path / "link", 5)
    os.mkfifo(tmp_path / "fifo")
    start = time.perf_counter()
    with pytest.raises(Unreadable, match="not a regular file"):
        read_regular(tmp_path / "fifo", 5)  # opened non-blocking: no hang even without a writer
    assert time.perf_counter() - start < 2


# ---------------------------------------------------------------- which answer counts, limits
def test_typed_value_wins_over_the_widget_and_the_widget_fills_placeholders(course):
    data, _ = course
    bank, question = load_bank(data), Question("ex01_1", "cue verb", 1)
    typed = score_question(bank, question, CellAnswer("typed", "b"), "c", 2)
    assert (typed.score, typed.source, typed.attempts) == (1.0, "typed", 2)
    for cell in (CellAnswer("empty", ...), CellAnswer("widget"), CellAnswer("missing")):
        widget = score_question(bank, question, cell, "b", None)
        assert (widget.score, widget.source) == (1.0, "widget")
    review = score_question(bank, question, CellAnswer("review", source="x = f()"), "b", None)
    assert (review.score, review.status, review.marking) == (0.0, REVIEW, "review")
    assert "saved widget answer: b" in review.answer
    blank = score_question(bank, question, CellAnswer("missing"), ..., None)
    assert (blank.status, blank.source, blank.answer) == ("Not answered yet", "", "")


def test_text_answers_are_cut_and_scoring_stays_fast(course):
    data, _ = course
    bank = load_bank(data)
    assert (
        bound("a" * 20_000) == "a" * 40
    )  # one long word: cut to MAX_WORD_CHARS after MAX_TEXT_CHARS
    assert len(bound("ab " * 10_000)) == MAX_TEXT_CHARS
    question = Question("ex01_6", "not quoted", 2)
    worst = []
    for text in (
        "x" * 100_000,
        " ".join(["y" * 10_000] * 10),
        "ab " * 33_000,
        "Ukraine not quoted " * 5000,
    ):
        start = time.perf_counter()
        score_question(bank, question, CellAnswer("typed", text), ..., None)
        worst.append(time.perf_counter() - start)
    assert max(worst) < 0.5, worst  # before the cut: 59 s for ten 10,000-character words


# ---------------------------------------------------------------- reports
def test_csv_cells_that_look_like_formulas_are_escaped():
    assert [escape_cell(v) for v in ("=1+1", "+1", "-x", "@SUM", "\tx", "\rx", "ok", 3, -1.5)] == [
        "'=1+1",
        "'+1",
        "'-x",
        "'@SUM",
        "'\tx",
        "'\rx",
        "ok",
        3,
        -1.5,
    ]


def test_progress_bar_is_plain_text():
    lines = []
    bar = Progress(20, lines.append, width=10)
    for _ in range(20):
        bar.step()
    assert (
        len(lines) == 11
        and lines[0] == "grading [----------] 1 of 20 students"
        and lines[-1] == "grading [##########] 20 of 20 students"
    )
    assert not any(ANSI.search(line) or "\r" in line for line in lines)


def test_end_to_end_reports(course, tmp_path):
    data, exercises = course
    subs = tmp_path / "subs"
    classroom.honest_class(subs)
    classroom.write_student(subs / "carol", {})  # a blank notebook
    (subs / "erin" / "answers").mkdir(parents=True)  # widget answers alone
    (subs / "erin" / "answers" / "exercise-01.json").write_text(
        json.dumps({"ex01_3": ["putin"], "ex01_1": "b", "_attempts": {"ex01_3": 4}})
    )
    (subs / "zed").mkdir()  # nothing at all
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "folder,name,canvas_id,sis_user_id,sis_login_id,section,email,username,id_number\n"
        'alice,"Smith, Alice",101,S1,asmith,Sec A,alice@example.org,asmith,N1\n'
        "bob,Bob Jones,102,S2,bjones,Sec A,bob@example.org,bjones,N2\n"
        "carol,Carol,103,S3,carol,Sec B,carol@example.org,carol,N3\n"
        "erin,Erin,104,S4,erin,Sec B,erin@example.org,erin,N4\n"
        "frank,Frank,105,S5,frank,Sec B,frank@example.org,frank,N5\n",
        encoding="utf-8",
    )
    run = classroom.grade(subs, tmp_path / "grades", data, exercises, roster=roster)
    assert run.code == 0
    assert run.total("alice") == 12 and run.total("carol") == 0 and run.total("erin") == 2
    assert (
        run.rows["erin", "ex01_3"]["attempts"] == "4"
        and run.rows["erin", "ex01_1"]["answer_from"] == "widget"
    )
    assert (
        run.rows["alice", "ex01_1"]["answer_from"] == "typed"
        and run.rows["alice", "ex01_1"]["marking"] == "auto"
    )
    assert run.rows["alice", "ex01_1"]["title"] == "cue verb"
    assert (
        "zed" in run.totals and run.totals["zed"]["01-fixture"] == ""
    )  # nothing handed in: blank, not 0
    with open(tmp_path / "grades/canvas.csv", encoding="utf-8", newline="") as handle:
        canvas = list(csv.reader(handle))
    assert canvas[0] == [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "Exercise 01: fixture",
    ]
    assert canvas[1] == ["    Points Possible", "", "", "", "", "12"]
    assert canvas[2] == ["Smith, Alice", "101", "S1", "asmith", "Sec A", "12"]
    assert [row[0] for row in canvas[2:]] == [
        "Smith, Alice",
        "Bob Jones",
        "Carol",
        "Erin",
    ]  # zed: not in roster
    with open(tmp_path / "grades/moodle.csv", encoding="utf-8", newline="") as handle:
        moodle = list(csv.reader(handle))
    assert moodle[0] == [
        "Email address",
        "Username",
        "ID number",
        "Full name",
        "Exercise 01: fixture",
    ]
    assert moodle[1] == ["alice@example.org", "asmith", "N1", "Smith, Alice", "12"]
    report = run.report
    assert "zed: not in the roster: left out of canvas.csv and moodle.csv" in report
    assert "the roster lists 'frank' but no such folder was handed in" in report
    assert (
        "zed: no exercise notebook (looked in the folder and one level down): nothing to grade"
        in report
    )
    assert "erin: no exercise notebook" in report
    assert not ANSI.search(report) and report == (tmp_path / "grades/report.txt").read_text(
        encoding="utf-8"
    )
    assert (
        any(line.startswith("grading [") for line in run.lines)
        and "medialit grading summary" in run.lines[-1]
    )
    with open(tmp_path / "grades/questions.csv", encoding="utf-8", newline="") as handle:
        stats = {row["question"]: row for row in csv.DictReader(handle)}
    assert (
        stats["ex01_7"]["most_common_wrong_answer"] == "57.5"
        and stats["ex01_3"]["mean_attempts"] == "4.0"
    )


def test_feedback_pages_are_styled_and_accessible(course, tmp_path):
    data, exercises = course
    classroom.honest_class(tmp_path / "subs")
    classroom.grade(tmp_path / "subs", tmp_path / "grades", data, exercises)
    page = (tmp_path / "grades/feedback/bob.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<style>" in page and "<h1>Feedback for bob</h1>" in page
    assert "<h2>Exercise 01: fixture: " in page and "<caption>" in page and 'scope="col"' in page
    assert "Total: " in page and " of 12 points" in page
    assert "ex01_1: cue verb" in page and "✘ Not yet" in page and "◐ Partly right" in page
    assert "0 of 1" in page  # points per question


def test_a_large_class_in_parallel_matches_one_worker(course, tmp_path):
    data, exercises = course
    subs = tmp_path / "subs"
    for n in range(45):
        typed = classroom.RIGHT if n % 2 else {"ex01_1": '"c"'}
        classroom.write_student(
            subs / f"s{n:02d}", typed, classroom.WIDGETS_RIGHT if n % 3 else None
        )
    one = classroom.grade(subs, tmp_path / "one", data, exercises, jobs=1)
    two = classroom.grade(subs, tmp_path / "two", data, exercises, jobs=2)
    assert one.rows == two.rows and len(one.totals) == 45
    assert (tmp_path / "one/gradebook.csv").read_bytes() == (
        tmp_path / "two/gradebook.csv"
    ).read_bytes()


def test_no_student_folder_is_exit_status_1(course, tmp_path):
    data, exercises = course
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "notes.txt").write_text("x")
    lines = []
    assert (
        grade_class(
            tmp_path / "subs", tmp_path / "g", data=data, exercises=exercises, progress=lines.append
        )
        == 1
    )
    assert "no student folders found" in lines[0] and "'notes.txt' is a file" in lines[1]


@pytest.mark.slow
def test_the_real_course_solutions_get_full_marks_and_exercises_none(tmp_path):
    subs = tmp_path / "subs"
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for student, source in (("sol", ROOT / "solutions"), ("blank", ROOT / "exercises")):
            (subs / student / "exercises").mkdir(parents=True, exist_ok=True)
            shutil.copy(source / path.name, subs / student / "exercises" / path.name)
    lines = []
    assert grade_class(subs, tmp_path / "grades", progress=lines.append) == 0
    with open(tmp_path / "grades/gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    bank = load_bank()
    typed_cells = {
        r["question"] for r in rows if r["student"] == "sol" and r["answer_from"] == "typed"
    }
    assert typed_cells and all(
        float(r["score"]) == 1
        for r in rows
        if r["question"] in typed_cells and r["student"] == "sol"
    )
    assert all(float(r["score"]) == 0 for r in rows if r["student"] == "blank")
    assert {r["question"] for r in rows} == {q for q in bank.questions if q.startswith("ex")}


# ---------------------------------------------------------------- the command line and the Makefile
def test_cli_grade_with_a_path_holding_spaces(course, tmp_path):
    data, exercises = course
    subs = tmp_path / "my class; rm -rf x"
    classroom.honest_class(subs)
    env = {**os.environ, "MEDIALIT_DATA": str(data), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "medialit", "grade", str(subs), "--out", str(tmp_path / "out dir")],
        cwd=exercises.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (
        tmp_path / "out dir" / "gradebook.csv"
    ).exists() and "medialit grading summary" in done.stderr


def test_make_grade_passes_submissions_as_one_word(tmp_path):
    """``make grade SUBMISSIONS='x; cmd'`` must not run ``cmd`` and must work with spaces."""
    subs = tmp_path / "a class; touch pwned"
    (subs / "alice").mkdir(parents=True)
    done = subprocess.run(
        [
            "make",
            "-f",
            str(ROOT / "Makefile"),
            "-o",
            ".venv/.medialit-ready",
            "grade",
            f"PY={sys.executable}",
            f"SUBMISSIONS={subs}",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert not (tmp_path / "pwned").exists(), "the Makefile ran a command from SUBMISSIONS"
    assert (tmp_path / "grades" / "report.txt").exists(), done.stdout + done.stderr


# ---------------------------------------------------------------- the sandbox ("runs cleanly")
def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def test_run_mode_refuses_without_a_sandbox(course, tmp_path, monkeypatch):
    data, exercises = course
    classroom.honest_class(tmp_path / "subs")
    monkeypatch.setattr("medialit.grading.sandbox.BWRAP", str(tmp_path / "no-bwrap"))
    lines = []
    assert (
        grade_class(
            tmp_path / "subs",
            tmp_path / "g",
            data=data,
            exercises=exercises,
            run=True,
            progress=lines.append,
        )
        == 2
    )
    assert lines == [
        f"refused: --run needs a sandbox: bubblewrap ({tmp_path / 'no-bwrap'}) is not installed; "
        "install it with: apt-get install bubblewrap"
    ]
    assert not (tmp_path / "g").exists()


def test_bubblewrap_is_here_under_ci():
    """Under CI=true the sandbox must work (.ci/run installs bubblewrap); else: why not."""
    problem = sandbox_problem()
    if _ci():
        assert problem == ""
    else:
        assert problem == "" or "bubblewrap" in problem


ESCAPES = """
import os, socket, pathlib, subprocess
assert os.getuid() == 65534 and os.getgid() == 65534, os.getuid()
for secret in [{data!r}, {subs!r}, {out!r}, {package!r}, "/etc/shadow", "/root/.ssh"]:
    assert not os.path.exists(secret), secret
assert not list(pathlib.Path("/sandbox/data").glob("questions/*.toml"))
assert not pathlib.Path("/sandbox/data/annotations.json").exists()
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2)
    raise AssertionError("network reachable")
except OSError:
    pass
for target in ["/sandbox/code/medialit/x.py", "/usr/x", "/sandbox/data/x"]:
    try:
        open(target, "w")
        raise AssertionError("writable: " + target)
    except OSError:
        pass
pids = [p for p in os.listdir("/proc") if p.isdigit()]
assert len(pids) < 20, pids
subprocess.Popen(["sleep", "1000"], start_new_session=True)  # must be killed with the sandbox
"""


def _notebook(tmp_path: Path, name: str, *sources: str) -> Path:
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": f"c{n}",
                "metadata": {},
                "outputs": [],
                "source": s,
            }
            for n, s in enumerate(sources)
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    folder = tmp_path / "subs" / name
    folder.mkdir(parents=True)
    (folder / classroom.NOTEBOOK).write_text(json.dumps(nb), encoding="utf-8")
    return folder


def _sleepers() -> list[str]:
    """Host processes running ``sleep 1000`` (a sandbox left them behind)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if Path(f"/proc/{pid}/cmdline").read_bytes() == b"sleep\x001000\x00":
                found.append(pid)
        except OSError:
            pass
    return found


@pytest.mark.slow
def test_run_mode_sandbox_confines_and_limits_each_notebook(course, tmp_path):
    if sandbox_problem() and not _ci():
        assert "bubblewrap" in sandbox_problem()  # no sandbox here: the refusal is tested above
        return
    data, exercises = course
    out = tmp_path / "grades"
    names = {
        "data": str(data),
        "subs": str(tmp_path / "subs"),
        "out": str(out),
        "package": str(Path(__file__).resolve().parent.parent / "medialit"),
    }
    _notebook(tmp_path, "confined", ESCAPES.format(**names))
    _notebook(tmp_path, "clean", "x = 1", "print(x)")
    _notebook(tmp_path, "loops", "while True:\n    pass")
    _notebook(tmp_path, "eats-memory", "x = bytearray(8 * 1024 ** 3)")
    _notebook(tmp_path, "exits", "import os\nos._exit(0)")
    _notebook(tmp_path, "floods", "import sys\nfor _ in range(300):\n    print('x' * 1_000_000)")
    _notebook(tmp_path, "forks", "import os\nfor _ in range(1000):\n    os.fork() or os._exit(0)")
    start = time.perf_counter()
    run = classroom.grade(tmp_path / "subs", out, data, exercises, run=True, timeout=20)
    assert run.code == 0 and time.perf_counter() - start < 300
    with open(out / "runs.csv", encoding="utf-8", newline="") as handle:
        runs = {row["student"]: row for row in csv.DictReader(handle)}
    assert runs["confined"]["runs_cleanly"] == "yes", runs["confined"]["detail"]
    assert runs["clean"]["runs_cleanly"] == "yes"
    for name in ("loops", "eats-memory", "exits"):
        assert runs[name]["runs_cleanly"] == "no", name
    assert runs["loops"]["detail"] == "a cell ran longer than 20 seconds"
    assert "does not run cleanly" in run.report and all(run.totals[n]["total"] == "0" for n in runs)
    assert _sleepers() == []
    assert (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1_000_000
    )  # kB: the grader stayed small


@pytest.mark.slow
def test_run_mode_runs_every_cell_of_the_notebook_as_handed_in(tmp_path):
    """Exercise 07's widget of ex07_6 needs the passage cell above it (not an answer cell).

    The grader before the sandbox ran a copy holding only the imports and the answer
    cells, so ``passage`` was never defined and ex07_6 logged a NameError; the sandbox
    runs the student's notebook whole, every cell in order.
    """
    if sandbox_problem() and not _ci():
        assert "bubblewrap" in sandbox_problem()  # no sandbox here: the refusal is tested above
        return
    name = "07-putting-it-together.ipynb"
    source = (ROOT / "exercises" / name).read_text(encoding="utf-8")
    assert "passage = Article(" in source and "article=passage" in source
    for student, folder in (("sol", "solutions"), ("blank", "exercises")):
        (tmp_path / "subs" / student).mkdir(parents=True)
        shutil.copy(ROOT / folder / name, tmp_path / "subs" / student / name)
    lines = []
    out = tmp_path / "grades"
    assert grade_class(tmp_path / "subs", out, run=True, timeout=60, progress=lines.append) == 0
    with open(out / "runs.csv", encoding="utf-8", newline="") as handle:
        runs = {row["student"]: row for row in csv.DictReader(handle)}
    for student in ("sol", "blank"):
        assert (runs[student]["runs_cleanly"], runs[student]["detail"]) == (
            "yes",
            "every cell ran without an error",
        ), student
    assert "NameError" not in (out / "report.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the teacher's review (issue 13)
def test_reviews_in_review_csv_are_merged_into_every_output(course, tmp_path):
    data, exercises = course
    subs, out = tmp_path / "subs", tmp_path / "grades"
    classroom.honest_class(subs)
    classroom.write_student(subs / "carol", dict(classroom.RIGHT, ex01_1="compute()"))
    first = classroom.grade(subs, out, data, exercises)
    assert first.rows["carol", "ex01_1"]["marking"] == "review" and first.total("carol") == 6
    (out / "review.csv").write_text(
        "student,question,points,comment\n"
        'carol,ex01_1,1,"compute() returns ""b"": fine"\n'
        "bob,ex01_6,1.5,Half of it\n"  # overrides an automatic score
        "bob,ex01_9,1,x\n"  # no such question
        "alice,ex01_1,5,x\n"  # more than the question's points
        "alice,ex01_2,lots,x\n"  # not a number
        "nobody,ex01_1,1,x\n",
        encoding="utf-8",
    )
    run = classroom.grade(subs, out, data, exercises)
    carol, bob = run.rows["carol", "ex01_1"], run.rows["bob", "ex01_6"]
    assert (carol["marking"], carol["earned"], carol["status"]) == (
        "reviewed",
        "1",
        "Reviewed by your teacher",
    )
    assert (bob["marking"], bob["earned"]) == ("reviewed", "1.5") and run.total("carol") == 7
    assert (
        run.rows["alice", "ex01_1"] == first.rows["alice", "ex01_1"]
    )  # refused reviews change nothing
    page = (out / "feedback/carol.html").read_text(encoding="utf-8")
    assert "compute() returns &quot;b&quot;: fine" in page and "Total: 7 of 12 points" in page
    with open(out / "canvas.csv", encoding="utf-8", newline="") as handle:
        assert ["carol", "", "", "carol", "", "7"] in list(csv.reader(handle))
    for line in (
        "review.csv: bob ex01_9: not a question of this course: not used",
        "review.csv: alice ex01_1: 5 points is outside 0 to 1: not used",
        "review.csv: alice ex01_2: points 'lots' is not a number: not used",
        "review.csv: nobody ex01_1: no such student was graded: not used",
        "carol: 1 answer(s) reviewed: ex01_1",
    ):
        assert line in run.report, line
    assert "Questions needing review (no points until a teacher decides): none" in run.report


def test_unreadable_folders_are_reported_not_raised(course, tmp_path, monkeypatch):
    data, exercises = course
    subs = tmp_path / "subs"
    classroom.honest_class(subs)
    lines = []
    assert (
        grade_class(
            tmp_path / "missing",
            tmp_path / "g",
            data=data,
            exercises=exercises,
            progress=lines.append,
        )
        == 1
    )
    assert "the submissions folder" in lines[1] and "could not be read" in lines[1]
    real = os.scandir

    def refuse(path):
        if str(path).endswith("bob/answers"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr("medialit.grading.find.os.scandir", refuse)
    run = classroom.grade(subs, tmp_path / "grades", data, exercises)
    assert run.code == 0 and run.total("alice") == 12 and run.rows["bob", "ex01_1"]
    assert "bob: answers/ could not be read (Permission denied)" in run.report
