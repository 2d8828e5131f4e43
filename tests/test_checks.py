"""Checks API: every question type with right, partly right, wrong and malformed answers."""

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medialit import assessment as checks
from medialit.article import load_article
from medialit.assessment.keys import normalise, read_question_files
from medialit.data import data_dir

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_IDS = ["ex01_1", "ex01_2", "ex01_3", "ex01_4", "ex01_5", "ex01_6", "ex01_7", "l01_1"]


@pytest.fixture(scope="module")
def bank():
    """The compiled fixture bank (article: the course article)."""
    return checks.load_bank(FIXTURES)


@pytest.fixture
def fixture_data(tmp_path, monkeypatch):
    """A data folder with the course article and the fixture questions.

    MEDIALIT_DATA points at it.
    """
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(data_dir() / "article.json", folder / "article.json")
    shutil.copytree(FIXTURES / "questions", folder / "questions")
    monkeypatch.setenv("MEDIALIT_DATA", str(folder))
    return folder


def test_single(bank):
    right = bank.check("ex01_1", "b")
    assert right.correct and right.score == 1 and "factive" in right.message
    assert bank.check("ex01_1", " B ").correct
    assert bank.check("ex01_1", "Recalled").correct  # the option text works too
    wrong = bank.check("ex01_1", "c")
    assert not wrong.correct and wrong.score == 0 and "loaded" in wrong.message
    assert wrong.details == {"c": "not right yet"}
    typo = bank.check("ex01_1", "recaled")
    assert "did you mean ‘b’" not in typo.message and "not an option" in typo.message
    assert bank.check("ex01_1", ["a", "b"]).score == 0
    assert "Pick one" in bank.check("ex01_1", ["a", "b"]).message


def test_multiple_partial_credit(bank):
    assert bank.check("ex01_2", ["a", "b", "d"]).correct
    assert bank.check("ex01_2", {"D", "b", "a"}).correct
    two = bank.check("ex01_2", ["a", "b"])
    assert two.score == pytest.approx(2 / 3) and two.status == "Partly right (1.33 of 2 points)"
    assert "1 more to find" in two.message
    everything = bank.check("ex01_2", ["a", "b", "c", "d"])
    assert everything.score == pytest.approx(2 / 3)
    assert "A table is a thing" in everything.message
    assert everything.details["c"] == "not right yet" and everything.details["a"] == "right"
    assert bank.check("ex01_2", ["a"]).message.startswith("Only one found")
    assert bank.check("ex01_2", "a, b, d").correct


def test_set(bank):
    assert bank.check("ex01_3", ["Putin"]).correct
    wrong = bank.check("ex01_3", ["ukraine"])
    assert wrong.score == 0 and "never quoted" in wrong.message
    mixed = bank.check("ex01_3", ["putin", "ukraine"])
    assert mixed.score == 0 and not mixed.correct
    typo = bank.check("ex01_3", ["putn"])
    assert typo.score == 0 and "did you mean ‘putin’" in typo.message


def test_labels(bank):
    right = {"H": "mixed", "S": "indirect", "P2.1": "direct"}
    assert bank.check("ex01_4", right).correct
    assert bank.check("ex01_4", {" h ": "MIXED", "s": "indirect", "p2.1": "Direct "}).correct
    partly = bank.check("ex01_4", {"H": "mixed", "S": "direct"})
    assert partly.score == pytest.approx(1 / 3) and partly.status == "Partly right (1 of 3 points)"
    assert partly.details == {
        "H": "right",
        "P2.1": "no label yet",
        "S": "not right yet. Who is said to have said it, and is any of it in quote marks?",
    }
    other = bank.check("ex01_4", {"H": "direct", "S": "indirect"})
    assert other.details["H"] == "not right yet"  # an item without its own feedback
    typo = bank.check("ex01_4", {"H": "direkt"})
    assert (
        typo.score == 0 and "‘direkt’ is not a label here; did you mean ‘direct’?" == typo.message
    )
    item = bank.check("ex01_4", {"P9.9": "direct"})
    assert "not an item" in item.message
    assert "dictionary" in bank.check("ex01_4", ["H", "mixed"]).message


def test_spans_word_by_word(bank):
    whole = [[2643, 2654], [2902, 2928]]
    assert bank.check("ex01_5", whole).correct
    assert bank.check("ex01_5", [{"start": 2643, "end": 2654}, (2902, 2928)]).correct
    half = bank.check("ex01_5", [[2643, 2654]])  # 2 of 5 words, precision 1
    assert half.score == pytest.approx(2 * (2 / 5) / (1 + 2 / 5))
    wide = bank.check("ex01_5", [[2600, 2654], [2902, 2928]])
    assert 0 < wide.score < 1 and "not part of the answer" in wide.message
    assert bank.check("ex01_5", [[0, 5]]).score == 0
    assert "outside the article" in bank.check("ex01_5", [[10, 10**7]]).message
    assert "[start, end]" in bank.check("ex01_5", ["Kiev regime"]).message


def test_text_rubric(bank):
    full = bank.check("ex01_6", "Ukraine's government and NATO are never quoted.")
    assert full.correct and full.details["names Ukraine"] == "found"
    assert bank.check("ex01_6", "The Ukrainian side and the West").correct  # word starts count
    one = bank.check("ex01_6", "Only Kyiv is described in the article.")
    assert one.score == pytest.approx(0.5) and one.details["names the West"] == "not found yet"
    bare = bank.check("ex01_6", "Kyiv.")  # issue 13: a word is not a sentence
    assert bare.score == 0 and "Write a sentence" in bare.message
    assert bank.check("ex01_6", "It is about cooking.").score == 0
    assert "text" in bank.check("ex01_6", 42).message


def test_number_tolerance(bank):
    for value in (42.5, 42, 43, 42.75, "42,5", " 42.5 "):
        assert bank.check("ex01_7", value).correct, value
    for value in (41.99, 43.01, 0):
        assert not bank.check("ex01_7", value).correct, value
    assert bank.check("ex01_7", 57.5).message == "That is the share of the other words."
    assert bank.check("l01_1", 9).correct and not bank.check("l01_1", 9.5).correct
    assert "not a number" in bank.check("l01_1", "nine").message
    assert "infinity" in bank.check("l01_1", float("nan")).message
    assert not bank.check("l01_1", True).correct


@pytest.mark.parametrize("empty", [..., None, "", "   ", [], {}])
def test_not_answered(bank, empty):
    for qid in FIXTURE_IDS:
        feedback = bank.check(qid, empty)
        assert (feedback.correct, feedback.score, feedback.answered) == (False, 0, False)
        assert feedback.status == "Not answered yet" and "..." in feedback.message


def test_unknown_id_names_near_ids(bank):
    with pytest.raises(KeyError, match="ex01_1"):
        bank.check("ex1_1", "b")
    with pytest.raises(KeyError):
        bank.check(None, "b")


def test_reprs_show_symbol_and_word_and_are_stable(bank):
    partly = bank.check("ex01_2", ["a", "b"])
    html = partly._repr_html_()
    assert "◐ Partly right (1.33 of 2 points) (ex01_2)" in html and 'role="status"' in html
    assert "✔ Correct" in bank.check("ex01_1", "b")._repr_html_()
    assert "✘ Not yet" in str(bank.check("ex01_1", "a"))
    assert html == bank.check("ex01_2", ["b", "a"])._repr_html_()
    assert repr(partly) == str(partly) and "0x" not in repr(bank.check("ex01_1", object()))


def test_module_api_uses_data_dir(fixture_data):
    ids = [q["id"] for q in checks.questions()]
    assert ids == FIXTURE_IDS
    assert checks.questions()[1] == {
        "id": "ex01_2",
        "type": "multiple",
        "points": 2,
        "objective": "01.1",
    }
    public = checks.question("ex01_1")
    assert public["options"][1] == {"id": "b", "text": "recalled"}
    assert "answer" not in public and "salt" not in public and "feedback" not in public
    assert public["hints"] == ["Look at paragraph 4."]
    assert checks.explain("ex01_1") == checks.NOT_ATTEMPTED  # issue 13: not before a try
    assert checks.explain("ex01_1", attempted=True).startswith("A factive")
    checks.check("ex01_1", ...)  # no answer: still not attempted
    assert checks.explain("ex01_1") == checks.NOT_ATTEMPTED
    checks.check("ex01_1", "a")
    assert checks.explain("ex01_1").startswith("A factive")
    checks.give_up("ex01_6")
    assert checks.attempted("ex01_6") and checks.explain("ex01_6") != checks.NOT_ATTEMPTED
    widget = checks.check("ex01_2", [], source="widget")
    assert (
        widget.message.startswith("Not answered yet: choose or write")
        and "..." not in widget.message
    )
    assert checks.check("ex01_4", {"H": "mixed"}).score == pytest.approx(1 / 3)


def test_public_json_gives_same_results(fixture_data, bank):
    from medialit.assessment.keys import compile_bank

    public = compile_bank(
        fixture_data / "questions", load_article(fixture_data / "article.json").text
    )
    shutil.rmtree(fixture_data / "questions")
    (fixture_data / "questions.public.json").write_text(json.dumps(public), encoding="utf-8")
    for qid, answer in [
        ("ex01_2", ["a", "b"]),
        ("ex01_5", [[2643, 2654]]),
        ("ex01_6", "Kyiv"),
        ("ex01_7", 42.9),
        ("ex01_4", {"H": "mixed"}),
    ]:
        assert checks.check(qid, answer).score == bank.check(qid, answer).score


def test_strict_mode_raises_for_wrong_answers(fixture_data, monkeypatch):
    monkeypatch.setenv("MEDIALIT_STRICT", "1")
    assert checks.check("ex01_1", "b").correct
    with pytest.raises(AssertionError, match="Not yet"):
        checks.check("ex01_1", "a")
    with pytest.raises(AssertionError, match="Not answered yet"):
        checks.check("ex01_1", ...)


def test_missing_or_empty_bank_is_an_error_not_an_empty_bank(tmp_path, monkeypatch):
    article = data_dir() / "article.json"
    monkeypatch.setenv("MEDIALIT_DATA", str(tmp_path))
    with pytest.raises(checks.BankError, match="No question bank"):
        checks.check("ex01_1", "b")
    shutil.copy(article, tmp_path / "article.json")
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "01-empty.toml").write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(checks.BankError, match="holds no question"):
        checks.load_bank(tmp_path)


def test_a_salt_applies_to_its_own_file_only(tmp_path):
    question = (
        '[[questions]]\nid = "{id}"\nobjective = "01.1"\ntype = "single"\nprompt = "?"\n'
        'options = [{{ id = "a" }}, {{ id = "b" }}]\nanswer = "b"\n'
    )
    (tmp_path / "01-a.toml").write_text(question.format(id="ex01_1"), encoding="utf-8")
    (tmp_path / "02-b.toml").write_text(
        'salt = "other"\n' + question.format(id="ex02_1"), encoding="utf-8"
    )
    from medialit.assessment import keys

    compiled = {q["id"]: q for q in keys.compile_bank(tmp_path)["questions"]}
    assert compiled["ex01_1"]["salt"] == keys.question_salt(keys.DEFAULT_SALT, "ex01_1")
    assert compiled["ex02_1"]["salt"] == keys.question_salt("other", "ex02_1")


answers = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.just(...),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.sets(st.text(max_size=5) | st.integers(), max_size=4)
        | st.dictionaries(st.text(max_size=6) | st.integers(), inner, max_size=4)
        | st.tuples(inner, inner)
        | st.frozensets(st.integers(), max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None, database=None)
@given(question_id=st.sampled_from(FIXTURE_IDS), answer=answers)
def test_check_never_raises_and_keeps_score_in_range(question_id, answer):
    feedback = checks.load_bank(FIXTURES).check(question_id, answer)
    assert 0 <= feedback.score <= 1
    assert isinstance(feedback.message, str) and feedback.message
    assert feedback.correct == (feedback.score == 1)
    str(feedback), feedback._repr_html_()


def test_set_details_keep_the_question_spelling_of_ids():
    bank = checks.load_bank(data_dir())
    feedback = bank.check("ex03_4", ["p3.1", "p1.1"])
    assert feedback.details == {"P1.1": "not right yet", "P3.1": "right"}
    assert "P1.1: Read to the end of paragraph 1" in feedback.message


def test_plain_text_feedback_counts_the_question_points(bank):
    partly = bank.check("ex01_4", {"H": "mixed"})
    assert str(partly).splitlines()[0] == "◐ Partly right (1 of 3 points) (ex01_4)"
    assert "✔ Correct (ex01_4, 3 of 3 points)" in str(
        bank.check("ex01_4", {"H": "mixed", "S": "indirect", "P2.1": "direct"})
    )


# Issue 13, item 4: no hint gives the answer away (every hint of every question of the course).

COURSE_QUESTIONS = read_question_files(data_dir() / "questions")
SENTENCE_ID = re.compile(r"\b(?:H|S|P\d+(?:\.\d+)?)\b")


def _hint_gives_away(bank, q: dict, hint: str) -> str:
    """Why ``hint`` holds an accepted answer of ``q`` (or "")."""
    kind, text = q["type"], normalise(hint)
    if kind == "number":
        numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", hint)]
        tolerance = float(q.get("tolerance", 0))
        near = [n for n in numbers if abs(n - float(q["answer"])) <= tolerance]
        return f"the number {near[0]:g}" if near else ""
    if kind in ("single", "multiple"):
        right = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
        texts = [normalise(o["text"]) for o in q["options"] if o["id"] in right]
        return next((f"the option {t!r}" for t in texts if len(t) > 3 and t in text), "")
    if kind == "set":
        ids = {normalise(a) for a in q["answer"]}
        named = {normalise(i) for i in SENTENCE_ID.findall(hint)}
        named |= {i for i in ids if re.search(rf"(?<![\w.]){re.escape(i)}(?![\w])", text)}
        return "every item to pick" if ids <= named else ""
    if kind == "labels":
        for item, label in q["answer"].items():
            pair = rf"\b{re.escape(normalise(item))}\b[^.;]*\b{re.escape(normalise(label))}\b"
            if re.search(pair, text):
                return f"the label of {item}"
        return ""
    if kind == "spans":
        return next(
            (f"the span {s['text']!r}" for s in q["answer"] if normalise(s["text"]) in text), ""
        )
    return "full marks as an answer" if bank.check(q["id"], hint).score >= 1 else ""


@pytest.mark.parametrize("question", COURSE_QUESTIONS, ids=lambda q: q["id"])
def test_no_hint_gives_the_answer(question):
    bank = checks.load_bank(data_dir())
    given = {
        h: why for h in question.get("hints", []) if (why := _hint_gives_away(bank, question, h))
    }
    assert given == {}


def test_the_hint_rule_catches_a_hint_that_gives_the_answer():
    bank = checks.load_bank(data_dir())
    by_id = {q["id"]: q for q in COURSE_QUESTIONS}
    assert _hint_gives_away(bank, by_id["l00_2"], "Give a number, like 9.")
    assert _hint_gives_away(bank, by_id["l03_2"], "Look for “accused” and “saying”.")
    assert _hint_gives_away(bank, by_id["ex06_5"], by_id["ex06_5"]["model_answer"])


# Issue 13, item 4: one score format in the check cell, the widgets and grading.


def test_one_score_format_in_the_check_cell_the_widget_and_grading(tmp_path, monkeypatch):
    from medialit.grading.report import _num, _status_cell
    from medialit.grading.score import QuestionResult
    from medialit.widgets.models import run_check
    from medialit.widgets.static import verdict_html

    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path))
    answer = "The article says that Putin spoke to the press about the war in Ukraine."
    cell = checks.check("l00_3", answer)  # 2 of the 3 ideas: 2/3 of 2 points
    assert cell.points_text == "1.33 of 2 points"
    assert str(cell).splitlines()[0] == "◐ Partly right (1.33 of 2 points) (l00_3)"
    widget, problem = run_check("l00_3", answer)
    assert problem == "" and "◐ Partly right (1.33 of 2 points)" in verdict_html(widget)
    saved = verdict_html(cell.to_dict())  # a Feedback read back as plain data
    assert "◐ Partly right (1.33 of 2 points)" in saved and "%" not in saved
    graded = QuestionResult("l00_3", "", 2, cell.score, cell.status, cell.symbol, cell.message)
    assert _status_cell(graded) == "◐ Partly right (1.33 of 2 points)"
    assert f"{_num(graded.earned)} of 2" == "1.33 of 2"
    almost = checks.load_bank(data_dir()).check("l00_3", answer)
    almost.score = 0.999
    assert almost.points_text == "1.99 of 2 points" == f"{_num(almost.earned)} of 2 points"


def test_an_empty_widget_says_choose_or_write_not_replace_the_dots(tmp_path, monkeypatch):
    from medialit.widgets.models import ChoiceModel, SpanModel
    from medialit.widgets.static import verdict_html

    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path))
    for model in (ChoiceModel("ex01_1"), SpanModel("ex04_1")):
        feedback = model.check()
        assert model.message.startswith("Not answered yet: choose or write"), model.message
        assert "..." not in model.message and "run that cell" not in model.message
        assert "… Not answered yet" in verdict_html(feedback, model.message)
    assert "replace the ..." in checks.check("ex01_1", ...).message  # a cell is told about ...


def test_no_explanation_before_a_first_check_or_giving_up(tmp_path, monkeypatch):
    """Every question of the course: explain() and a widget's "Show explanation" wait."""
    from medialit.widgets.models import ChoiceModel

    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path))
    monkeypatch.setattr(checks, "_ATTEMPTED", set())
    bank = checks.load_bank(data_dir())
    for question in COURSE_QUESTIONS:
        qid = question["id"]
        assert checks.explain(qid) == checks.NOT_ATTEMPTED, qid
        assert "explanation" not in bank.public(qid)
        checks.check(qid, ...)  # nothing answered: still closed
        assert checks.explain(qid) == checks.NOT_ATTEMPTED, qid
    assert not checks._ATTEMPTED
    quiz = ChoiceModel("ex01_1")
    assert quiz.explain() == checks.NOT_ATTEMPTED
    quiz.choose(["a"])
    quiz.check()
    assert quiz.explain() == question_explanation("ex01_1")
    checks.give_up("ex07_1")
    assert checks.explain("ex07_1") == question_explanation("ex07_1")


def question_explanation(qid: str) -> str:
    """The bank's explanation of a question."""
    return next(q["explanation"] for q in COURSE_QUESTIONS if q["id"] == qid)


def test_a_typed_number_and_the_number_box_read_the_same_way():
    from medialit.assessment.coerce import parse_number, read_number

    for text in ("3404", "3,404", "3 404", "about 3400", "34,9", "34.9", "-2", "35%"):
        value, problem = parse_number(text)
        assert problem == "" and read_number(text) == float(value), text
    for text in ("nine", "3404 or 3339", ""):
        with pytest.raises(Exception, match="is not a number"):
            read_number(text)
