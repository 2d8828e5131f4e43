"""The teacher's review (issue 13, item 3): provisional scores, the review model, make review.

The page itself is driven in a real browser in tests/browser/test_review.py; here the model
behind it: reading a grading run, the rubrics, bounds, hostile text, saving and merging.
"""

import csv
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "grading"))
import classroom  # noqa: E402

from medialit.cli import main  # noqa: E402
from medialit.grading.review import (  # noqa: E402
    NOTEBOOK_NAME,
    NoGradedRun,
    ReviewModel,
    load_rubrics,
    parse_rubrics,
    rubrics_folder,
    write_notebook,
)
from medialit.paths import checkout_root  # noqa: E402

ROOT = checkout_root()


@pytest.fixture
def graded(tmp_path):
    """A graded class (alice, bob, carol): returns (subs, grades, data, exercises)."""
    return classroom.graded_review_class(tmp_path)


def _model(grades: Path) -> ReviewModel:
    return ReviewModel(grades, load_rubrics(classroom.RUBRICS))


def _review_rows(grades: Path) -> list[dict]:
    with open(grades / "review.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------- provisional scores
def test_free_text_scores_are_provisional_everywhere(graded):
    _subs, grades, _data, _exercises = graded
    with open(grades / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = {(r["student"], r["question"]): r for r in csv.DictReader(handle)}
    alice = rows["alice", "ex01_6"]
    assert (alice["marking"], alice["provisional"], alice["earned"]) == ("auto", "yes", "2")
    assert rows["alice", "ex01_1"]["provisional"] == "no"  # a choice the computer can judge
    assert (rows["carol", "ex01_1"]["marking"], rows["carol", "ex01_1"]["provisional"]) == (
        "review",
        "yes",
    )
    assert rows["bob", "ex01_6"]["provisional"] == "no"  # not answered: nothing to review
    with open(grades / "totals.csv", encoding="utf-8", newline="") as handle:
        totals = {r["student"]: r for r in csv.DictReader(handle)}
    assert [totals[s]["provisional_answers"] for s in ("alice", "bob", "carol")] == ["1", "0", "2"]
    with open(grades / "questions.csv", encoding="utf-8", newline="") as handle:
        stats = {r["question"]: r for r in csv.DictReader(handle)}
    assert stats["ex01_6"]["provisional"] == "2" and stats["ex01_1"]["provisional"] == "1"
    page = (grades / "feedback" / "alice.html").read_text(encoding="utf-8")
    assert "✔ Correct (provisional)" in page and "your teacher may change it" in page
    report = (grades / "report.txt").read_text(encoding="utf-8")
    assert "provisional scores: 3 (free-text answers scored by the computer" in report
    assert "check them with make review" in report


def test_answers_json_holds_what_a_teacher_may_review(graded):
    _subs, grades, _data, _exercises = graded
    found = json.loads((grades / "answers.json").read_text(encoding="utf-8"))
    assert found["format"] == 1 and found["questions"]["ex01_6"]["kind"] == "text"
    assert found["questions"]["ex01_6"]["points"] == 2
    keys = {(a["student"], a["question"]) for a in found["answers"]}
    assert keys == {("alice", "ex01_6"), ("carol", "ex01_6"), ("carol", "ex01_1")}
    carol = next(
        a for a in found["answers"] if a["question"] == "ex01_6" and a["student"] == "carol"
    )
    assert carol["answer"] == classroom.HOSTILE_TEXT and carol["marking"] == "auto"
    assert not [p for p in grades.iterdir() if p.name.startswith(".answers-")]  # renamed into place


def test_long_answers_reach_the_review_cut_to_the_graders_limit(tmp_path):
    data, exercises = classroom.course(tmp_path)
    long = "Ukraine is never quoted. " * 1000  # 25,000 characters
    classroom.write_student(tmp_path / "subs" / "dan", {}, {"ex01_6": long})
    classroom.grade(tmp_path / "subs", tmp_path / "grades", data, exercises)
    model = _model(tmp_path / "grades")
    text = model.answer("dan", "ex01_6").text
    assert text == long[:5_000]  # MAX_TEXT_CHARS: what the grader scored, not the 300 shown


# ---------------------------------------------------------------- rubrics
def test_rubric_tables_with_and_without_a_points_column_are_read():
    text = (
        "# Notes\n\n## Three-level rubric\n\n"
        "**`q1`** (first, 2 points):\n\n| level | points | what |\n|---|---|---|\n"
        "| full | 2 | all of it |\n| partial | 1 | some \\| most |\n| not yet | 0 | none |\n\n"
        "**`q2`** (second):\n\n| level | what the answer does |\n|---|---|\n"
        "| full marks | says it |\n| partial (about half the points) | half |\n"
        "| not yet (0) | no |\n\n**`q3`** no table here\n\n"
        "## Later section\n\n**`q4`**\n\n| full | 9 | not in the rubric section |\n"
    )
    rubrics = parse_rubrics(text)
    assert sorted(rubrics) == ["q1", "q2"]
    q1, q2 = rubrics["q1"], rubrics["q2"]
    assert [(lv.name, lv.points) for lv in q1.levels] == [
        ("full", 2.0),
        ("partial", 1.0),
        ("not yet", 0.0),
    ]
    assert q1.note == "(first, 2 points):" and q1.levels[0].text == "all of it"
    assert [(lv.name, lv.points) for lv in q2.levels] == [
        ("full marks", None),
        ("partial (about half the points)", None),
        ("not yet (0)", None),
    ]
    assert parse_rubrics("# no rubric section\n\n| full | 1 | x |\n") == {}


def test_every_free_text_exercise_question_of_the_course_has_a_three_level_rubric():
    rubrics = load_rubrics(rubrics_folder())
    assert rubrics_folder() == ROOT / "docs" / "instructor"
    text_questions = [
        q["id"]
        for path in sorted((ROOT / "data" / "questions").glob("*.toml"))
        for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]
        if q["type"] == "text"
    ]
    assert len(text_questions) >= 7
    for qid in text_questions:
        levels = [lv.name.split()[0].lower() for lv in rubrics[qid].levels]
        assert levels == ["full", "partial", "not"], qid
        assert all(lv.text for lv in rubrics[qid].levels), qid


# ---------------------------------------------------------------- the model
def test_the_model_shows_each_question_with_every_answer_and_escapes_everything(graded):
    _subs, grades, _data, _exercises = graded
    model = _model(grades)
    assert list(model.questions) == ["ex01_1", "ex01_6"]
    text = model.questions["ex01_6"]
    assert (text.points, text.kind, [a.student for a in text.answers]) == (
        2.0,
        "text",
        ["alice", "carol"],
    )
    carol = model.answer("carol", "ex01_6")
    assert carol.text == classroom.HOSTILE_TEXT
    shown = model.answer_html(carol)
    assert "<script" not in shown and "<img" not in shown and "</blockquote><" not in shown
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in shown
    assert "Computer: 0 of 2 points" in shown and "provisional" in shown
    rubric = model.rubric_html("ex01_6")
    assert "<caption>Rubric for ex01_6 (who is not quoted, 2 points):</caption>" in rubric
    assert '<th scope="row">partial</th><td>1</td>' in rubric
    assert "ex01_1 is not a free-text question" in model.rubric_html("ex01_1")
    assert "No three-level rubric found for ex01_6" in ReviewModel(grades).rubric_html("ex01_6")
    assert model.summary() == "2 question(s), 3 answer(s), 0 with your points"


@pytest.mark.parametrize(
    "points, comment, problem",
    [
        ("2", "", ""),
        ("0", "wrong voice", ""),
        ("1,5", "", ""),  # a decimal comma is read
        ("", "", ""),  # no review
        ("2.5", "", "points must be from 0 to 2"),
        ("-1", "", "points must be from 0 to 2"),
        ("nan", "", "points must be from 0 to 2"),
        ("inf", "", "points must be from 0 to 2"),
        ("lots", "", "points must be a number from 0 to 2"),
        ("", "good", "give points with the comment, or clear the comment"),
    ],
)
def test_points_are_bounded_by_the_questions_points(graded, points, comment, problem):
    _subs, grades, _data, _exercises = graded
    assert _model(grades).set_review("alice", "ex01_6", points, comment) == problem


def test_save_reload_second_save_and_merge(graded):
    subs, grades, data, exercises = graded
    (grades / "review.csv").write_text(
        "student,question,points,comment\n"
        "alice,ex01_2,1,kept: a question the page does not show\n"
        "nobody,ex01_6,1,kept: a student the page does not know\n"
        "carol,ex01_6,2,an earlier review\n",
        encoding="utf-8",
    )
    model = _model(grades)
    assert (model.answer("carol", "ex01_6").points, model.answer("carol", "ex01_6").comment) == (
        "2",
        "an earlier review",
    )
    assert "2 row(s) of review.csv are for answers this run does not show" in model.notes[0]
    model.set_review("carol", "ex01_6", "1", 'Names Ukraine;\n"=not quoted" is half of it')
    model.set_review("alice", "ex01_6", "1.5", "")
    model.set_review("carol", "ex01_1", "9", "too many")  # refused: the row is not written
    assert model.save() == (2, ["carol ex01_1: points must be from 0 to 1: not saved"])
    assert _review_rows(grades) == [
        {"student": "alice", "question": "ex01_2", "points": "1", "comment": "kept: a question "
         "the page does not show"},
        {"student": "nobody", "question": "ex01_6", "points": "1", "comment": "kept: a student "
         "the page does not know"},
        {"student": "alice", "question": "ex01_6", "points": "1.5", "comment": ""},
        {"student": "carol", "question": "ex01_6", "points": "1",
         "comment": 'Names Ukraine; "=not quoted" is half of it'},
    ]  # fmt: skip
    assert not [p for p in grades.iterdir() if p.name.startswith(".review-")]
    again = _model(grades)  # a reload shows what was saved
    assert again.answer("alice", "ex01_6").points == "1.5"
    assert again.answer("carol", "ex01_1").points == ""
    again.set_review("alice", "ex01_6", "", "")  # a second save: alice's review taken back
    again.set_review("carol", "ex01_6", "2.5", "")  # refused: the saved review stays
    assert again.save() == (
        0,
        ["carol ex01_6: points must be from 0 to 2: not saved (the review saved before is kept)"],
    )
    assert [(r["student"], r["question"], r["points"]) for r in _review_rows(grades)] == [
        ("alice", "ex01_2", "1"),
        ("nobody", "ex01_6", "1"),
        ("carol", "ex01_6", "1"),
    ]
    run = classroom.grade(subs, grades, data, exercises)  # the next make grade merges them
    carol, alice = run.rows["carol", "ex01_6"], run.rows["alice", "ex01_6"]
    assert (carol["marking"], carol["provisional"], carol["earned"]) == ("reviewed", "no", "1")
    assert (alice["marking"], alice["earned"]) == ("auto", "2")  # taken back: the computer's
    assert run.rows["alice", "ex01_2"]["marking"] == "reviewed"
    assert "review.csv: nobody ex01_6: no such student was graded: not used" in run.report
    page = (grades / "feedback" / "carol.html").read_text(encoding="utf-8")
    assert "Names Ukraine; &quot;=not quoted&quot; is half of it" in page
    merged = _model(grades)  # the review page after the merge
    shown = merged.answer("carol", "ex01_6")
    assert (shown.marking, shown.machine_points, shown.points) == ("reviewed", 0.0, "1")
    assert "reviewed in the last grading run" in merged.answer_html(shown)


def test_a_failed_write_leaves_review_csv_as_it_was(graded, monkeypatch):
    _subs, grades, _data, _exercises = graded
    (grades / "review.csv").write_text("student,question,points,comment\n", encoding="utf-8")
    model = _model(grades)
    model.set_review("alice", "ex01_6", "1", "")

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("medialit.grading.review.os.replace", refuse)
    with pytest.raises(OSError):
        model.save()
    assert _review_rows(grades) == [] and not list(grades.glob(".review-*"))


@pytest.mark.parametrize(
    "content, why",
    [
        (None, "is missing"),
        ("{not json", "could not be read"),
        ('{"format": 99, "answers": []}', "not an answers file of this grader"),
        ("[" * 100_000, "could not be read"),
    ],
)
def test_no_graded_run_is_said_plainly(tmp_path, content, why):
    if content is not None:
        (tmp_path / "answers.json").write_text(content, encoding="utf-8")
    with pytest.raises(NoGradedRun, match=why):
        ReviewModel(tmp_path)


def test_bad_records_of_answers_json_are_skipped_and_counted(tmp_path):
    records = [
        {"student": "ann", "question": "q1", "answer": "<b>x</b>", "machine_points": 1},
        {"student": "ann", "question": "q1", "answer": "a second copy"},  # a duplicate
        {"student": "bo", "question": "q9", "answer": "no such question"},
        {"student": ["x"], "question": "q1"},
        "not a record",
        {"student": "cy", "question": "q1", "answer": {"a": 1}, "machine_points": "1e999"},
    ]
    (tmp_path / "answers.json").write_text(
        json.dumps(
            {"format": 1, "questions": {"q1": {"points": 2, "kind": "text"}}, "answers": records}
        ),
        encoding="utf-8",
    )
    model = ReviewModel(tmp_path)
    assert [a.student for a in model.questions["q1"].answers] == ["ann", "cy"]
    assert model.answer("cy", "q1").text == "" and model.answer("cy", "q1").machine_points == 0
    assert model.notes == ["4 record(s) of answers.json could not be read: skipped"]
    with pytest.raises(KeyError):
        model.answer("bo", "q9")


# ---------------------------------------------------------------- the notebook and the command
def test_the_review_notebook_is_one_thin_cell(tmp_path):
    grades = tmp_path / "it's grades"
    grades.mkdir()
    path = write_notebook(grades, classroom.RUBRICS)
    assert path == grades.resolve() / NOTEBOOK_NAME
    nb = nbformat.read(path, as_version=4)
    assert [c.cell_type for c in nb.cells] == ["code"]
    assert nb.cells[0].source == (
        "from medialit.grading.review import review_page\n"
        f"review_page({str(grades.resolve())!r}, rubrics={str(classroom.RUBRICS)!r})"
    )


def test_review_page_in_a_kernel_draws_the_widgets(graded):
    _subs, grades, _data, _exercises = graded
    from medialit.grading.review import review_page

    view = review_page(grades, rubrics=classroom.RUBRICS)
    classes = set()

    def walk(widget):
        classes.update(widget._dom_classes)
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(view)
    assert {"medialit-review", "medialit-review-points", "medialit-review-save"} <= classes
    empty = review_page(grades / "nothing")
    assert "No graded run to review" in empty.value


def test_review_command_says_what_to_do_without_a_graded_run(tmp_path, capsys):
    assert main(["review", "--grades", str(tmp_path / "grades")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "holds no graded run" in err[0]
    assert "make grade SUBMISSIONS=folder" in err[0] and "make review" in err[0]


def test_make_review_without_a_graded_run(tmp_path):
    done = subprocess.run(
        ["make", "-f", str(ROOT / "Makefile"), "-o", ".venv/.medialit-ready", "review"]
        + [f"PY={sys.executable}", f"GRADES={tmp_path / 'my grades; touch pwned'}"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and not (tmp_path / "pwned").exists()
    assert "my grades; touch pwned holds no graded run" in done.stderr, done.stderr


def test_grade_run_option_reaches_the_grader(graded, monkeypatch, capsys):
    """``grade --run`` used to collide with the command dispatch (TypeError: bool not callable)."""
    subs, grades, _data, exercises = graded
    monkeypatch.setattr("medialit.grading.sandbox.BWRAP", str(subs / "no-bwrap"))
    monkeypatch.chdir(exercises.parent)
    assert main(["grade", str(subs), "--out", str(grades), "--run"]) == 2
    assert "refused: --run needs a sandbox" in capsys.readouterr().err


def test_a_long_class_is_shown_in_parts_and_typed_values_survive_a_change_of_part(tmp_path):
    from medialit.grading.review import PAGE_SIZE, review_page

    records = [
        {"student": f"s{n:02d}", "question": "q1", "answer": f"answer {n}", "machine_points": 1}
        for n in range(45)
    ]
    (tmp_path / "answers.json").write_text(
        json.dumps(
            {"format": 1, "questions": {"q1": {"points": 2, "kind": "text"}}, "answers": records}
        ),
        encoding="utf-8",
    )
    assert PAGE_SIZE == 30 and ReviewModel(tmp_path).parts("q1") == [
        ("answers 1 to 30 of 45 (s00 to s29)", 0),
        ("answers 31 to 45 of 45 (s30 to s44)", 30),
    ]
    view = review_page(tmp_path)
    part = next(c for c in view.children if getattr(c, "description", "") == "Answers shown")
    body = view.children[view.children.index(part) + 1]

    def boxes():
        return [c for c in body.children if "medialit-review-answer" in c._dom_classes]

    def points_box(entry):
        return next(c for c in entry.children if "medialit-review-points" in c._dom_classes)

    assert part.layout.display is None and len(boxes()) == 30
    points_box(boxes()[0]).value = "2"  # s00, as the teacher types it
    part.value = 30
    assert len(boxes()) == 15 and "s30" in boxes()[0].children[0].value
    part.value = 0
    assert points_box(boxes()[0]).value == "2"  # kept in the model, shown again


def test_voila_serves_the_page_to_this_user_only(graded):
    import urllib.error
    import urllib.request

    from medialit.grading.review import start_voila

    _subs, grades, _data, _exercises = graded
    process, url = start_voila(grades, classroom.RUBRICS)
    try:
        base, token = url.split("/?token=")
        assert base.startswith("http://127.0.0.1:") and len(token) >= 32
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes().decode()
        assert token not in cmdline and str(grades / NOTEBOOK_NAME) in cmdline
        with urllib.request.urlopen(f"{base}/voila/static/voila.js?token={token}") as answer:
            assert answer.status == 200

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *_args, **_kwargs):
                return None  # a redirect is the answer itself

        for stranger in (f"{base}/", f"{base}/?token=wrong"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.build_opener(NoRedirect).open(stranger)
            assert refused.value.code == 302 and "login" in refused.value.headers["Location"]
        assert (grades / NOTEBOOK_NAME).is_file()
    finally:
        process.terminate()
        process.wait(timeout=30)
