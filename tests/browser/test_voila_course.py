"""The whole course in Voila: every question answered with its widgets only; exercises graded.

One Voila server serves the course (copies; its kernels save to one temporary
answers folder). For each exercise notebook the test answers every question in
the rendered page with the widgets alone (clicks on options, labels and words;
typing into the text and number boxes, then Tab or Enter, as a keyboard user
does), presses Check and waits for "✔ Correct". The right answers come from the
bank's ``right_examples`` (the first the bank accepts), never from code. It then
grades that notebook (the committed exercise, which holds no answer) with the
answers file the widgets saved, and expects full points for every question.
Each lesson's self-checks are answered the same way (lessons are not graded).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import tomllib
from pathlib import Path
from urllib.parse import quote

import pytest

from medialit.assessment import load_bank, question
from medialit.grading import grade_class
from medialit.store import AnswerStore
from medialit.widgets.models import SpanModel

from course import EXERCISES, LESSONS, course_name
from jupyter_driver import ROOT, VoilaPage

KIND = "voila"
#: how long (ms) a Check may take to show its verdict on a loaded machine
VERDICT_TIMEOUT = 30_000
#: the roots of the widgets of medialit.widgets.answers
ANSWER_WIDGETS = ".medialit-text-answer, .medialit-number-answer, .medialit-items"


def _written() -> dict[str, dict]:
    """Every question of the bank as written (right examples included), by id."""
    found = {}
    for path in sorted((ROOT / "data" / "questions").glob("*.toml")):
        for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]:
            found[q["id"]] = q
    return found


WRITTEN = _written()


def _right(qid: str):
    """The first right example (then the model answer) the bank accepts."""
    q = WRITTEN[qid]
    for example in [*q.get("right_examples", []), q.get("model_answer")]:
        if example is not None and load_bank().check(qid, example).correct:
            return example
    raise AssertionError(f"{qid}: the bank accepts none of its right examples")


def _ids(qid: str) -> list[str]:
    """The option ids (or items) a choice widget shows, in order."""
    q = question(qid)
    return [o["id"] for o in q["options"]] if q.get("options") else list(q["items"])


def _root(page, qid: str):
    """The live widget of question ``qid`` (found by the id in its header)."""
    if question(qid)["type"] == "text" and WRITTEN[qid].get("rewrite_of"):
        rewrite = page.locator(".medialit-rewrite.widget-box:has(.medialit-check)")
        if rewrite.count():
            return rewrite.first
    header = page.locator(".medialit-header strong", has_text=re.compile(rf"^{qid}$"))
    return page.locator(".medialit-widget.widget-box", has=header).first


def _tick(root, qid: str, values) -> None:
    """Tick the checkboxes (or the one radio button) of the right options."""
    ids = _ids(qid)
    if question(qid)["type"] == "single":
        root.locator(".widget-radio-box label").nth(_option(qid, values)).click()
        return
    boxes = root.locator(".medialit-option input[type=checkbox]")
    wanted = {ids.index(_match(ids, value)) for value in values}
    if question(qid)["type"] != "set":
        for index in sorted(wanted):
            boxes.nth(index).check()
        return
    cut = root.locator(".medialit-option .widget-label-basic").evaluate_all(
        "(ls) => ls.filter((l) => l.scrollWidth > l.clientWidth).length"
    )
    assert cut == 0, f"{qid}: {cut} items are cut off"
    boxes.first.focus()  # the keyboard: arrows move between the items, Space ticks one
    for index in range(len(ids)):
        if index:
            _press(root, "ArrowDown")
        focused = boxes.nth(index).evaluate("(el) => el === document.activeElement")
        assert focused, f"{qid}: ArrowDown did not move to item {index}"
        if index in wanted:
            _press(root, "Space")
    assert [boxes.nth(i).is_checked() for i in range(len(ids))] == [
        i in wanted for i in range(len(ids))
    ]


def _press(root, key: str) -> None:
    """Press a key on the focused element of the page."""
    root.page.keyboard.press(key)


def _match(choices: list[str], value) -> str:
    """The choice that ``value`` names (ignoring case and spaces)."""
    wanted = str(value).strip().lower()
    return next(c for c in choices if c.lower() == wanted)


def _option(qid: str, value) -> int:
    """The position of the single-choice option that ``value`` names (by id or text)."""
    options = question(qid)["options"]
    wanted = str(value).strip().lower()
    return next(n for n, o in enumerate(options) if wanted in (o["id"].lower(), o["text"].lower()))


def _label(root, qid: str, answer: dict) -> None:
    """Click each item's label button in a SentenceLabeler."""
    q = question(qid)
    rows = root.locator(".medialit-sentence")
    for item, label in answer.items():
        row = rows.nth(q["items"].index(_match(q["items"], item)))
        value = _match(q["labels"], label)
        # ipywidgets writes data-value URI-encoded ("not%20checkable")
        row.locator(f'button.widget-toggle-button[data-value="{quote(value)}"]').click()


def _mark(root, qid: str, spans, tmp: Path) -> None:
    """Click the words of a SpanPicker that the right spans cover."""
    model = SpanModel(qid, store=AnswerStore(qid, folder=tmp))
    model.apply(spans)
    words = root.locator(".medialit-words button")
    for index in sorted(model.selected):
        words.nth(index).click()


def _type(root, selector: str, text: str, key: str) -> None:
    """Type into a box and leave it with ``key`` (Tab or Enter): the widget saves."""
    box = root.locator(selector)
    named = "(el) => el.labels.length > 0 || !!el.getAttribute('aria-label')"
    assert box.evaluate(named), f"{selector}: the box has no accessible name"
    box.focus()
    box.fill(str(text))
    box.press(key)


def answer_with_widget(page, qid: str, tmp: Path) -> None:
    """Answer question ``qid`` in its widget with the bank's right example."""
    root = _root(page, qid)
    root.scroll_into_view_if_needed()
    kind, right = question(qid)["type"], _right(qid)
    if kind in ("single", "multiple", "set"):
        _tick(root, qid, right)
    elif kind == "labels":
        _label(root, qid, right)
    elif kind == "spans":
        _mark(root, qid, right, tmp)
    elif kind == "number":
        _type(root, ".medialit-number-input input", str(right), "Enter")
    elif kind == "text":
        _type(root, "textarea", right, "Tab")
    else:
        raise AssertionError(f"{qid}: no widget for a {kind} question")
    if root.evaluate(f"(r) => r.matches('{ANSWER_WIDGETS}')"):
        width = root.evaluate("(r) => [r.scrollWidth, r.clientWidth]")
        assert width[0] <= width[1], f"{qid}: the widget scrolls sideways ({width})"
    root.locator("button.medialit-check").click()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    verdict = root.locator(".medialit-feedback .medialit-verdict")
    try:
        verdict.filter(has_text="✔ Correct").wait_for(timeout=VERDICT_TIMEOUT)
    except PlaywrightTimeout:
        shown = root.locator(".medialit-feedback").inner_text(timeout=1000)
        raise AssertionError(f"{qid}: no “✔ Correct” after Check; it shows {shown!r}") from None


def _grade(notebook: Path, answers: Path, out: Path) -> dict[str, dict]:
    """Grade one student who handed in ``notebook`` and the widgets' answers file."""
    student = out / "subs" / "voila-student"
    (student / "exercises").mkdir(parents=True)
    shutil.copy(notebook, student / "exercises" / notebook.name)
    shutil.copytree(answers, student / "answers")
    assert grade_class(out / "subs", out / "grades", progress=None) == 0
    with open(out / "grades" / "gradebook.csv", encoding="utf-8", newline="") as handle:
        return {r["question"]: r for r in csv.DictReader(handle)}


@pytest.mark.parametrize("path", EXERCISES, ids=course_name)
def test_each_exercise_answered_in_voila_with_widgets_only_gets_full_points(
    path, module_tab, course_server, tmp_path
):
    number = path.stem[:2]
    qids = [q for q in load_bank().questions if re.fullmatch(rf"ex{number}_\d+", q)]
    student = VoilaPage(module_tab, course_server).open(course_name(path))
    assert student.problems() == []
    for qid in qids:
        answer_with_widget(module_tab, qid, tmp_path)
    answers = Path(course_server.env["MEDIALIT_ANSWERS"])
    saved = answers / f"exercise-{number}.json"
    assert saved.is_file(), f"the widgets saved nothing to {saved}"
    only_this = tmp_path / "answers"
    only_this.mkdir()
    shutil.copy(saved, only_this / saved.name)
    rows = _grade(ROOT / "exercises" / path.name, only_this, tmp_path)
    for qid in qids:
        assert (rows[qid]["answer_from"], float(rows[qid]["score"])) == ("widget", 1.0), qid
    module_tab.goto("about:blank")


def _asked(path: Path) -> list[str]:
    """The question ids a notebook asks (its cells named by a question id)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c["id"] for c in cells if re.fullmatch(r"(l|ex)\d{2}_\d+", c["id"])]


@pytest.mark.parametrize("path", LESSONS, ids=course_name)
def test_each_lesson_self_check_answered_in_voila_with_widgets_only(
    path, module_tab, course_server, tmp_path
):
    qids = _asked(path)
    VoilaPage(module_tab, course_server).open(course_name(path))
    for qid in qids:
        answer_with_widget(module_tab, qid, tmp_path)
    module_tab.goto("about:blank")
