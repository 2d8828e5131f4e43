"""One notebook convention for lessons, solutions and exercises, and counts computed from the text.

The convention (docs/architecture.md, "Notebook conventions"):

- cell ids: ``title``, ``imports``, then ``sec-<slug>`` (text), ``fig-<slug>`` (a figure),
  ``show-<slug>`` (anything else shown: the article, a table, an explorer); a question's cells are
  ``prompt-<id>`` (its text), ``widget-<id>`` (its widget, exercises only), ``answer-<id>`` (the
  answer cell) and ``<id>`` (the check cell, or the widget itself in a lesson); lessons end with
  ``key-points``, ``glossary``, ``next``; exercises end with ``done``;
- the title cell of a lesson and of an exercise follows one layout built from data/course.toml;
- an answer cell holds one line of one form (below), the check cell only ``check("<id>", answer_<id>)``;
- a figure is one ``Chart(..., caption="Figure N. ...")`` with its alt text; no second caption.

Counts: every count a lesson 00-03 notebook or question states in words ("three words") is
listed in COUNTS with the function that computes it from the article, or in NOT_COUNTS when
the phrase is an instruction, not a count ("in one sentence").
"""
from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from medialit.article import load_article
from medialit.data import fact_cards, manifest
from medialit.plots import voice_data
from medialit.text import words

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("lessons", "solutions", "exercises")
NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
EXERCISES = sorted(p for folder in ("solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb"))
FIXED = {"title", "imports", "key-points", "glossary", "next", "done"}
ID_FORMS = (
    re.compile(r"^(sec|fig|show)-[a-z0-9]+(-[a-z0-9]+)*$"),
    re.compile(r"^(prompt|widget|answer)-(l|ex)\d{2}_\d+$"),
    re.compile(r"^(l|ex)\d{2}_\d+$"),
)
WIDGET_VARS = {"ChoiceQuiz": "quiz", "SentenceLabeler": "labeler", "SpanPicker": "picker",
               "RewriteLab": "rewrite"}
WIDGET_COMMENT = "  # your answer: what you chose in the widget above"
KEY_COMMENT = "  # the key; students answer in the widget"
TYPED_COMMENT = "  # your answer here"
HOW_TO_ANSWER = """**How to answer:**

1. Run the first code cell (Shift+Enter), then work from top to bottom.
2. Some questions use a **widget**: click your answer in it. Your choice is saved at once in \
`answers/exercise-{number}.json` and comes back after a restart. The cell under the widget reads \
your choice.
3. Other questions have an **answer cell**: replace the three dots `...` with your answer, as the \
question shows, and run the cell.
4. Then run the **check cell** under it. It tells you if you are right, partly right or not yet, \
and gives a hint. You can change your answer and check again as often as you like.
5. Save the notebook (Ctrl+S) when you finish."""


def _cells(path: Path) -> list[dict]:
    """The cells of a notebook, each with its source as one string."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [{**c, "source": "".join(c["source"])} for c in nb["cells"]]


def _lesson(stem: str) -> dict:
    """The manifest entry of a lesson stem."""
    return next(lesson for lesson in manifest()["lessons"] if lesson["stem"] == stem)


def _bank_ids(prefix: str) -> list[str]:
    """The bank's question ids that start with ``prefix``, in bank order."""
    ids = []
    for path in sorted((ROOT / "data" / "questions").glob("*.toml")):
        ids += [q["id"] for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]]
    return [i for i in ids if re.match(rf"^{prefix}_\d+$", i)]


def _objectives(lesson: dict) -> str:
    """The objectives list of a title cell."""
    return "\n".join(f"- **{o['id']}** {o['text']}" for o in lesson["objectives"])


def lesson_title(stem: str) -> str:
    """The fixed part of a lesson's title cell (a free "What you need" line follows).

    Args:
        stem: the lesson stem, e.g. ``"03-who-says-what"``.

    Returns:
        The text the title cell must start with.
    """
    lesson = _lesson(stem)
    practice = "exercises" if (ROOT / "solutions" / f"{stem}.ipynb").exists() else "practice"
    return (f"# Lesson {stem[:2]} · {lesson['title']}\n\n**Time:** about "
            f"{lesson['teaching_minutes']} minutes of teaching and {lesson['exercise_minutes']} "
            f"minutes of {practice}.\n\n**After this lesson you can:**\n\n{_objectives(lesson)}\n\n"
            "**What you need:** ")


def exercise_title(stem: str) -> str:
    """The whole title cell of an exercise (and solution) notebook.

    Args:
        stem: the lesson stem.

    Returns:
        The title cell's text.
    """
    lesson = _lesson(stem)
    link = f"../lessons/{stem}.ipynb"
    return (f"# Exercises {stem[:2]} · {lesson['title']}\n\n**Time:** about "
            f"{lesson['exercise_minutes']} minutes. Lesson: [{link}]({link}).\n\n"
            f"**Objectives practised:**\n\n{_objectives(lesson)}\n\n"
            + HOW_TO_ANSWER.format(number=stem[:2]))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_cell_ids_follow_one_scheme(path):
    cells = _cells(path)
    ids = [c["id"] for c in cells]
    assert len(ids) == len(set(ids)), f"{path.name}: ids used twice"
    odd = [i for i in ids if i not in FIXED and not any(f.match(i) for f in ID_FORMS)]
    assert not odd, f"{path.name}: cell ids outside the scheme: {odd}"
    first_code = next(c for c in cells if c["cell_type"] == "code")
    assert ids[0] == "title" and first_code["id"] == "imports", path.name
    ending = ["key-points", "glossary", "next"] if path.parent.name == "lessons" else ["done"]
    assert ids[-len(ending):] == ending, f"{path.name}: must end with {ending}"
    headings = {"key-points": "## Key points", "glossary": "## Glossary", "done": "## Done"}
    for cell in cells:
        if cell["id"] in headings:
            assert cell["source"].startswith(headings[cell["id"]]), (path.name, cell["id"])


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_title_cell(path):
    title = _cells(path)[0]["source"]
    expected = lesson_title(path.stem)
    assert title.startswith(expected) and title[len(expected):].strip(), (
        f"{path.name}: the title cell must start with:\n{expected}<what you need>")


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_exercise_title_cell_is_the_layout_of_exercise_01(path):
    assert _cells(path)[0]["source"] == exercise_title(path.stem)


def _widget_line(source: str, qid: str) -> str | None:
    """The widget variable of a widget cell, or None when the cell is not one."""
    match = re.fullmatch(rf'(\w+)_{qid} = (\w+)\((.*)\)\n\1_{qid}', source)
    if not match or WIDGET_VARS.get(match.group(2)) != match.group(1):
        return None
    assert f'"{qid}"' in match.group(3), f"{qid}: the widget must name its question"
    return match.group(1)


def _answer_source(kind: str, qid: str, widget: str | None, key: str = "") -> str:
    """The answer cell a question must have (``key``: the solution's key line)."""
    if kind == "lessons":
        return f"answer_{qid} = ...{TYPED_COMMENT}"
    head = f"answer_{qid} = {widget}_{qid}.answer{WIDGET_COMMENT}" if widget else ""
    if kind == "exercises":
        return head or f"answer_{qid} = ...{TYPED_COMMENT}"
    block = f"# BEGIN SOLUTION\n{key}\n# END SOLUTION"
    return f"{head}\n{block}" if head else block


def _key_line(source: str, qid: str, widget: str | None) -> str:
    """The solution's key line, checked for its form."""
    match = re.search(rf"^answer_{qid} = .+$", source.split("# BEGIN SOLUTION\n")[-1], re.M)
    assert match, f"{qid}: no key line between the solution markers"
    line = match.group(0)
    assert line.endswith(KEY_COMMENT) == bool(widget), f"{qid}: key line comment: {line!r}"
    return line


def _questions_in(path: Path, prefix: str) -> tuple[list[dict], dict[str, int], list[str]]:
    """Cells, cell positions by id and the bank's question ids, once the two agree.

    Args:
        path: a notebook.
        prefix: ``"ex"`` (exercise questions) or ``"l"`` (lesson self-checks).

    Returns:
        (cells, {cell id: position}, question ids in bank order).
    """
    cells = _cells(path)
    qids = _bank_ids(f"{prefix}{path.stem[:2]}")
    asked = [c["id"] for c in cells if re.fullmatch(rf"{prefix}\d{{2}}_\d+", c["id"])]
    assert asked == qids, f"{path.name}: question cells {asked}, bank {qids}"
    return cells, {c["id"]: n for n, c in enumerate(cells)}, qids


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_exercise_questions_have_prompt_widget_answer_and_check_cells(path):
    cells, by_id, qids = _questions_in(path, "ex")
    for qid in qids:
        start = by_id[f"prompt-{qid}"]
        assert cells[start]["source"].startswith(f"### {qid}: "), f"{qid}: prompt heading"
        following = [c["id"] for c in cells[start + 1:by_id[qid] + 1]]
        assert following in ([f"answer-{qid}", qid], [f"widget-{qid}", f"answer-{qid}", qid]), (
            f"{qid}: after the prompt come [widget-], answer-, check: {following}")
        widget = None
        if f"widget-{qid}" in by_id:
            widget = _widget_line(cells[by_id[f"widget-{qid}"]]["source"], qid)
            assert widget, f"{qid}: widget cell form"
        answer = cells[by_id[f"answer-{qid}"]]["source"]
        key = _key_line(answer, qid, widget) if path.parent.name == "solutions" else ""
        assert answer == _answer_source(path.parent.name, qid, widget, key), f"{qid}: answer cell"
        assert cells[by_id[qid]]["source"] == f'check("{qid}", answer_{qid})', f"{qid}: check cell"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_questions_are_widgets_or_answer_and_check_cells(path):
    cells, by_id, qids = _questions_in(path, "l")
    for qid in qids:
        source = cells[by_id[qid]]["source"]
        if f"answer-{qid}" in by_id:
            assert by_id[f"answer-{qid}"] == by_id[qid] - 1, f"{qid}: answer cell right above"
            assert cells[by_id[qid] - 1]["source"] == _answer_source("lessons", qid, None)
            assert source == f'check("{qid}", answer_{qid})', f"{qid}: check cell"
        else:
            assert re.fullmatch(rf'({"|".join(WIDGET_VARS)})\("{qid}"\)', source), (
                f"{qid}: a lesson question cell is a widget or a check cell")
        if f"prompt-{qid}" in by_id:
            assert by_id[f"prompt-{qid}"] < by_id[qid], f"{qid}: prompt after the question"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_figures_have_one_caption_and_alt_text(path):
    cells = _cells(path)
    figures = [c for c in cells if c["id"].startswith("fig-")]
    for number, cell in enumerate(figures, 1):
        assert cell["cell_type"] == "code", cell["id"]
        assert re.search(rf'Chart\(.+, caption="Figure {number}\. ', cell["source"]), (
            f"{path.name} {cell['id']}: Chart(..., caption=\"Figure {number}. ...\")")
        html = "".join("".join(o.get("data", {}).get("text/html", ""))
                       for o in cell.get("outputs", []))
        assert '<img src="data:image/png' in html and 'alt="' in html and "<figcaption>" in html, (
            f"{path.name} {cell['id']}: executed figure with alt text and caption")
    seconds = [c["id"] for c in cells if c["cell_type"] == "markdown"
               and re.match(r"\s*\**Figure \d", c["source"])]
    assert not seconds, f"{path.name}: a figure caption in a text cell too: {seconds}"
    shown = [c["id"] for c in cells if c["cell_type"] == "code" and not c["id"].startswith("fig-")
             and re.search(r"\b(attribution_strip|voice_share|cue_verbs|framing_by_technique)\(",
                           c["source"])]
    assert not shown, f"{path.name}: a chart outside a fig- cell: {shown}"
