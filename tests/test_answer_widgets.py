"""The answer widgets (TextAnswer, NumberAnswer, ItemPicker) on the real question bank.

Driven through their controls as a student would: saved at once, shown again after a
restart (a new widget for the same question), checked as widget answers, the explanation
rule, the static fallback, and the grader reading what they saved.
"""

import csv
import json
import shutil
from pathlib import Path

import pytest
from test_conventions import _bank

from medialit import assessment
from medialit.assessment.feedback import NOT_ANSWERED_WIDGET
from medialit.grading import grade_class
from medialit.widgets import ItemPicker, NumberAnswer, TextAnswer, models, static
from medialit.widgets.models import parse_number

ROOT = Path(__file__).resolve().parent.parent


def _right(qid: str):
    """The first of the bank's right examples (then its model answer) that the bank accepts."""
    question = _bank(qid)
    for example in [*question["right_examples"], question.get("model_answer")]:
        if assessment.load_bank().check(qid, example).correct:
            return example
    raise AssertionError(f"{qid}: the bank accepts none of its right examples")


def _saved(tmp_path, name: str) -> dict:
    return json.loads((tmp_path / "answers" / name).read_text(encoding="utf-8"))


@pytest.fixture
def fresh_session(monkeypatch):
    """No question attempted yet in this session (the explanation rule starts over)."""
    monkeypatch.setattr(assessment, "_ATTEMPTED", set())


@pytest.mark.parametrize(
    "text, value",
    [
        ("3404", 3404),
        ("3,404", 3404),
        ("3 404", 3404),
        ("about 3400", 3400),
        ("~ 3,404", 3404),
        ("34,9", 34.9),
        ("34.9", 34.9),
        ("35%", 35),
        (" 9. ", 9),
        ("-2", -2),
    ],
)
def test_numbers_are_read_the_way_people_write_them(text, value):
    assert parse_number(text) == (value, "")


@pytest.mark.parametrize("text", ["nine", "9 or 10", "9 paragraphs and more", "1,23,4", "x9"])
def test_text_that_is_not_a_number_gets_one_kind_line(text):
    value, problem = parse_number(text)
    assert value is None and "could not be read as a number" in problem
    assert "\n" not in problem and not any(ch.isdigit() for ch in problem.replace(text, ""))


def test_blank_number_is_no_answer():
    assert parse_number("  ") == (None, "")


def test_number_answer_saves_restores_and_never_shows_a_traceback(tmp_path):
    right = _right("ex06_4")
    entry = NumberAnswer("ex06_4")
    entry.write("nine")
    assert "could not be read" in entry.note.value and 'role="alert"' in entry.note.value
    assert entry.answer is ... and not (tmp_path / "answers" / "exercise-06.json").exists()
    entry._on_check()
    assert "could not be read" in entry.result.value and "Traceback" not in entry.result.value
    entry.write(f"about {right:,.0f}")
    assert entry.note.value == "" and entry.answer == right
    assert _saved(tmp_path, "exercise-06.json")["ex06_4"] == right
    entry._on_check()
    assert "✔ Correct" in entry.result.value and 'role="status"' in entry.result.value
    again = NumberAnswer("ex06_4")  # a restart: a new widget for the same question
    assert again.answer == right and again.box.value == str(right)


def test_text_answer_saves_on_change_and_comes_back(tmp_path, fresh_session):
    right = _right("ex03_5")
    box = TextAnswer("ex03_5")
    assert box.box.continuous_update is True  # saved as typed: closing the tab loses nothing
    assert box.answer is ... and box.model.original == ""
    assert box.check().message == NOT_ANSWERED_WIDGET
    box.write("   ")
    assert not (tmp_path / "answers" / "exercise-03.json").exists()
    box.write(right)
    assert _saved(tmp_path, "exercise-03.json")["ex03_5"] == right
    assert box.check().correct and "✔ Correct" in box.result.value
    assert TextAnswer("ex03_5").box.value == right


def test_the_explanation_opens_after_a_check_or_i_give_up(fresh_session):
    box = TextAnswer("ex05_5")
    assert box.show_explanation() == assessment.NOT_ATTEMPTED
    explanation = box.give_up()
    assert explanation != assessment.NOT_ATTEMPTED
    assert static.esc(explanation) in box.explanation.value
    entry = NumberAnswer("ex04_5")
    assert entry.show_explanation() == assessment.NOT_ATTEMPTED
    entry.write("1")
    entry.check()
    assert entry.show_explanation() != assessment.NOT_ATTEMPTED


def test_a_rewrite_starts_with_its_passage_which_is_no_answer(tmp_path):
    box = TextAnswer("ex04_4")
    paragraph = models.passage_text("P7")
    assert box.model.passage == "P7" and box.box.value == paragraph
    assert paragraph in box.view.children[0].value and "not an answer" in box.view.children[0].value
    assert box.answer is ... and box.check() is None
    assert box.model.message == models.UNCHANGED and "not an answer" in box.result.value
    box.write(paragraph.replace("  ", " ") + " ")
    assert box.answer is ... and not (tmp_path / "answers" / "exercise-04.json").exists()
    box.write("Moscow welcomed the roadmap.")
    assert _saved(tmp_path, "exercise-04.json") == {"ex04_4": "Moscow welcomed the roadmap."}
    assert TextAnswer("ex04_4").box.value == "Moscow welcomed the roadmap."


def test_item_picker_shows_sentences_and_saves_the_ticked_items(tmp_path):
    picker = ItemPicker("ex03_4")
    first = picker.model.option_ids[0]
    assert picker.boxes[0].description == f"{first}: {models.passage_text(first)}"
    assert ItemPicker("ex02_1").boxes[4].description == "china_paper: china paper"
    right = _right("ex03_4")
    picker.choose(right)
    assert sorted(_saved(tmp_path, "exercise-03.json")["ex03_4"]) == sorted(right)
    assert picker.count.value == f"{len(right)} of {len(picker.boxes)} ticked"
    picker._on_check()
    assert "✔ Correct" in picker.result.value
    again = ItemPicker("ex03_4")
    assert sorted(again.answer) == sorted(right)
    assert [b.value for b in again.boxes] == [oid in right for oid in again.model.option_ids]
    assert ItemPicker("ex03_4").check() is not None  # checks as a widget answer
    picker.choose([])
    assert picker.check().message == NOT_ANSWERED_WIDGET


def test_an_empty_widget_check_says_choose_or_write_above():
    for widget in (TextAnswer("ex02_6"), NumberAnswer("ex02_4"), ItemPicker("ex02_1")):
        assert widget.check().message == NOT_ANSWERED_WIDGET, widget.plain_text()


@pytest.mark.parametrize(
    "make",
    [lambda: TextAnswer("ex04_4"), lambda: NumberAnswer("l02_3"), lambda: ItemPicker("l02_1")],
)
def test_each_is_displayed_live_with_the_static_companion(make, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    widget = make()
    widget._ipython_display_()
    live, companion = shown
    assert "application/vnd.jupyter.widget-view+json" in live and "text/html" not in live
    html = companion["text/html"]
    assert static.RUN_ALL_NOTICE in html and widget.static_html() in html
    assert "medialit-widget" in widget.view._dom_classes


def test_static_views_mark_state_with_symbols_and_words(tmp_path):
    picker = ItemPicker("ex03_4")
    picker.choose([picker.model.option_ids[1]])
    html = picker.static_html()
    assert html.count("☑") == 1 and html.count("☐") == len(picker.boxes) - 1
    box = TextAnswer("ex05_5")
    assert "(nothing written yet)" in box.static_html()
    box.write("A <b>bold</b> answer.")
    assert "&lt;b&gt;" in box.static_html() and "<b>" not in box.static_html()
    entry = NumberAnswer("ex04_5")
    entry.write("two")
    assert "could not be read" in entry.static_html()


def test_the_question_type_must_fit_the_widget():
    assert "is a ‘multiple’ question" in TextAnswer("ex01_1").model.error
    assert "is a ‘text’ question" in NumberAnswer("ex01_4").model.error
    assert "could not be found" in ItemPicker("ex99_9").model.error


def test_the_grader_reads_what_the_widgets_saved(tmp_path, monkeypatch):
    """Exercise 02 answered in its widgets only: every widget question gets full marks."""
    student = tmp_path / "subs" / "ana"
    (student / "exercises").mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "02-who-speaks.ipynb", student / "exercises")
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(student / "answers"))
    from medialit.widgets import SentenceLabeler

    ItemPicker("ex02_1").choose(_right("ex02_1"))
    labeler = SentenceLabeler("ex02_2")
    for item, label in _bank("ex02_2")["answer"].items():
        labeler.choose(item, label)
    NumberAnswer("ex02_4").write(str(_right("ex02_4")))
    TextAnswer("ex02_6").write(_right("ex02_6"))
    assert grade_class(tmp_path / "subs", tmp_path / "grades", progress=None) == 0
    with open(tmp_path / "grades" / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = {r["question"]: r for r in csv.DictReader(handle)}
    for qid in ("ex02_1", "ex02_2", "ex02_4", "ex02_6"):
        assert (float(rows[qid]["score"]), rows[qid]["answer_from"]) == (1.0, "widget"), qid
    assert float(rows["ex02_3"]["score"]) == 0  # not answered


def test_a_check_cell_under_a_widget_says_choose_or_write_above():
    from test_cells import _run

    outputs = _run(
        [
            "from medialit import check\nfrom medialit.widgets import NumberAnswer",
            'number_l00_2 = NumberAnswer("l00_2")\nnumber_l00_2',
            "answer_l00_2 = number_l00_2.answer  # your answer: what you chose in the widget above",
            'from medialit import check; check("l00_2")',
            "answer_l00_2 = ...  # your answer here",
            'from medialit import check; check("l00_2")',
            "answer_l00_3 = text_l00_3.answer  # your answer: what you chose in the widget above",
            'from medialit import check; check("l00_3")',
        ]
    )
    # an answer cell run before its widget cell (after a restart): one line, no traceback
    assert "run the widget cell above first" in outputs[6] and "TRACEBACK" not in outputs[6]
    assert outputs[6].count("\n") == 1 and "did not run cleanly" in outputs[7]
    assert NOT_ANSWERED_WIDGET in outputs[3] and "replace the ..." not in outputs[3]
    assert "replace the ..." in outputs[5]
