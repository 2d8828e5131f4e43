"""One notebook convention for lessons, solutions and exercises, and counts computed from the text.

The convention (docs/architecture.md, "Notebook conventions"):

- cell ids: ``title``, ``imports``, then ``sec-<slug>`` (text), ``fig-<slug>`` (a figure),
  ``show-<slug>`` (anything else shown: the article, a table, an explorer); a question's cells are
  ``prompt-<id>`` (its text), ``widget-<id>`` (its widget), ``answer-<id>`` (the answer cell)
  and ``<id>`` (the check cell, or the widget itself in a lesson); lessons end with
  ``key-points``, ``glossary``, ``next``; exercises end with ``done``;
- the title cell of a lesson and of an exercise follows one layout built from data/course.toml;
- an answer cell holds one line of one form (below), the check cell only
  ``from medialit import check; check("<id>")`` (it reads ``answer_<id>`` and works when it is
  the first cell run after a restart);
- every question a notebook asks has a widget bound to it in that notebook, of a class that
  shows its type (``WIDGET_FOR``), so no question needs typed Python;
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
EXERCISES = sorted(
    p for folder in ("solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb")
)
FIXED = {"title", "imports", "key-points", "glossary", "next", "done"}
ID_FORMS = (
    re.compile(r"^(sec|fig|show)-[a-z0-9]+(-[a-z0-9]+)*$"),
    re.compile(r"^(prompt|widget|answer)-(l|ex)\d{2}_\d+$"),
    re.compile(r"^(l|ex)\d{2}_\d+$"),
)
WIDGET_VARS = {
    "ChoiceQuiz": "quiz",
    "SentenceLabeler": "labeler",
    "SpanPicker": "picker",
    "RewriteLab": "rewrite",
    "TextAnswer": "text",
    "NumberAnswer": "number",
    "ItemPicker": "items",
}
#: question type -> the widget classes that can answer it
WIDGET_FOR = {
    "single": {"ChoiceQuiz"},
    "multiple": {"ChoiceQuiz"},
    "set": {"ItemPicker", "ChoiceQuiz"},
    "labels": {"SentenceLabeler"},
    "spans": {"SpanPicker"},
    "text": {"TextAnswer", "RewriteLab"},
    "number": {"NumberAnswer"},
}
WIDGET_COMMENT = "  # your answer: what you chose in the widget above"
KEY_COMMENT = "  # the key; students answer in the widget"
TYPED_COMMENT = "  # your answer here"
HOW_TO_ANSWER = """**How to answer:**

1. Run the first code cell (Shift+Enter), then work from top to bottom.
2. Every question has a **widget**: click, tick, mark or type your answer in it, then press its \
**Check** button. Your answer is saved at once in `answers/exercise-{number}.json` and comes back \
after a restart.
3. Under each widget are two optional code cells: the **answer cell** reads the widget, and the \
**check cell** checks it. You never need to type code; if you like, you may write your answer in \
the answer cell instead and run both cells.
4. Check tells you if you are right, partly right or not yet, and gives a hint. You can change \
your answer and check again as often as you like.
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
    return (
        f"# Lesson {stem[:2]} · {lesson['title']}\n\n**Time:** about "
        f"{lesson['teaching_minutes']} minutes of teaching and {lesson['exercise_minutes']} "
        f"minutes of {practice}.\n\n**After this lesson you can:**\n\n{_objectives(lesson)}\n\n"
        "**What you need:** "
    )


def exercise_title(stem: str) -> str:
    """The whole title cell of an exercise (and solution) notebook.

    Args:
        stem: the lesson stem.

    Returns:
        The title cell's text.
    """
    lesson = _lesson(stem)
    link = f"../lessons/{stem}.ipynb"
    return (
        f"# Exercises {stem[:2]} · {lesson['title']}\n\n**Time:** about "
        f"{lesson['exercise_minutes']} minutes. Lesson: [{link}]({link}).\n\n"
        f"**Objectives practised:**\n\n{_objectives(lesson)}\n\n"
        + HOW_TO_ANSWER.format(number=stem[:2])
    )


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
    assert ids[-len(ending) :] == ending, f"{path.name}: must end with {ending}"
    headings = {"key-points": "## Key points", "glossary": "## Glossary", "done": "## Done"}
    for cell in cells:
        if cell["id"] in headings:
            assert cell["source"].startswith(headings[cell["id"]]), (path.name, cell["id"])


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_title_cell(path):
    title = _cells(path)[0]["source"]
    expected = lesson_title(path.stem)
    assert title.startswith(expected) and title[len(expected) :].strip(), (
        f"{path.name}: the title cell must start with:\n{expected}<what you need>"
    )


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_exercise_title_cell_is_the_layout_of_exercise_01(path):
    assert _cells(path)[0]["source"] == exercise_title(path.stem)


def _widget_line(source: str, qid: str) -> str | None:
    """The widget variable of a widget cell, or None when the cell is not one."""
    match = re.fullmatch(rf"(\w+)_{qid} = (\w+)\((.*)\)\n\1_{qid}", source)
    if not match or WIDGET_VARS.get(match.group(2)) != match.group(1):
        return None
    assert f'"{qid}"' in match.group(3), f"{qid}: the widget must name its question"
    return match.group(1)


def check_cell(qid: str) -> str:
    """The one text of a check cell."""
    return f'from medialit import check; check("{qid}")'


def _answer_source(kind: str, qid: str, widget: str | None, key: str = "") -> str:
    """The answer cell a question must have (``key``: the solution's key line)."""
    if kind == "lessons" and not widget:
        return f"answer_{qid} = ...{TYPED_COMMENT}"
    if kind == "lessons":
        return f"answer_{qid} = {widget}_{qid}.answer{WIDGET_COMMENT}"
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
        (cells, {cell id: position}, question ids: in bank order for exercises).
    """
    cells = _cells(path)
    qids = _bank_ids(f"{prefix}{path.stem[:2]}")
    asked = [c["id"] for c in cells if re.fullmatch(rf"{prefix}\d{{2}}_\d+", c["id"])]
    if prefix == "l":  # a lesson may ask its self-checks in another order than the bank
        asked, qids = sorted(asked), sorted(qids)
    assert asked == qids, f"{path.name}: question cells {asked}, bank {qids}"
    return cells, {c["id"]: n for n, c in enumerate(cells)}, qids


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_exercise_questions_have_prompt_widget_answer_and_check_cells(path):
    cells, by_id, qids = _questions_in(path, "ex")
    for qid in qids:
        start = by_id[f"prompt-{qid}"]
        assert cells[start]["source"].startswith(f"### {qid}: "), f"{qid}: prompt heading"
        following = [c["id"] for c in cells[start + 1 : by_id[qid] + 1]]
        assert following in ([f"answer-{qid}", qid], [f"widget-{qid}", f"answer-{qid}", qid]), (
            f"{qid}: after the prompt come [widget-], answer-, check: {following}"
        )
        widget = None
        if f"widget-{qid}" in by_id:
            widget = _widget_line(cells[by_id[f"widget-{qid}"]]["source"], qid)
            assert widget, f"{qid}: widget cell form"
        answer = cells[by_id[f"answer-{qid}"]]["source"]
        key = _key_line(answer, qid, widget) if path.parent.name == "solutions" else ""
        assert answer == _answer_source(path.parent.name, qid, widget, key), f"{qid}: answer cell"
        assert cells[by_id[qid]]["source"] == check_cell(qid), f"{qid}: check cell"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_questions_are_widgets_or_answer_and_check_cells(path):
    cells, by_id, qids = _questions_in(path, "l")
    for qid in qids:
        source = cells[by_id[qid]]["source"]
        if f"answer-{qid}" in by_id:
            assert by_id[f"answer-{qid}"] == by_id[qid] - 1, f"{qid}: answer cell right above"
            widget = None
            if f"widget-{qid}" in by_id:
                assert by_id[f"widget-{qid}"] == by_id[qid] - 2, f"{qid}: widget cell above"
                widget = _widget_line(cells[by_id[f"widget-{qid}"]]["source"], qid)
                assert widget, f"{qid}: widget cell form"
            assert cells[by_id[qid] - 1]["source"] == _answer_source("lessons", qid, widget)
            assert source == check_cell(qid), f"{qid}: check cell"
        else:
            assert re.fullmatch(rf'({"|".join(WIDGET_VARS)})\("{qid}"\)', source), (
                f"{qid}: a lesson question cell is a widget or a check cell"
            )
        if f"prompt-{qid}" in by_id:
            assert by_id[f"prompt-{qid}"] < by_id[qid], f"{qid}: prompt after the question"


def _bound_widget(cells: list[dict], by_id: dict[str, int], qid: str) -> str | None:
    """The class of the widget bound to question ``qid`` in a notebook, or None.

    A widget is bound when it is the question's own cell (a lesson's ``ChoiceQuiz("l01_1")``)
    or its ``widget-<id>`` cell, whose variable the answer cell reads.
    """
    own = re.fullmatch(rf'(\w+)\("{qid}"\)', cells[by_id[qid]]["source"])
    if own:
        return own.group(1)
    if f"widget-{qid}" not in by_id:
        return None
    source = cells[by_id[f"widget-{qid}"]]["source"]
    match = re.fullmatch(rf"(\w+)_{qid} = (\w+)\((.*)\)\n\1_{qid}", source)
    answer = cells[by_id[f"answer-{qid}"]]["source"] if f"answer-{qid}" in by_id else ""
    if not match or f'"{qid}"' not in match.group(3):  # the widget must name its question
        return None
    if not answer.startswith(f"answer_{qid} = {match.group(1)}_{qid}.answer"):
        return None
    return match.group(2)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_question_asked_has_a_widget_bound_to_it(path):
    cells = _cells(path)
    by_id = {c["id"]: n for n, c in enumerate(cells)}
    asked = [c["id"] for c in cells if re.fullmatch(r"(l|ex)\d{2}_\d+", c["id"])]
    assert asked, f"{path.name} asks no question"
    problems = []
    for qid in asked:
        kind, widget = _bank(qid)["type"], _bound_widget(cells, by_id, qid)
        if widget not in WIDGET_FOR[kind]:
            problems.append(
                f"{qid} ({kind}): bound widget {widget}, want one of {WIDGET_FOR[kind]}"
            )
    assert not problems, f"{path.parent.name}/{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_figures_have_one_caption_and_alt_text(path):
    cells = _cells(path)
    figures = [c for c in cells if c["id"].startswith("fig-")]
    for number, cell in enumerate(figures, 1):
        assert cell["cell_type"] == "code", cell["id"]
        assert re.search(rf'Chart\(.+, caption="Figure {number}\. ', cell["source"]), (
            f'{path.name} {cell["id"]}: Chart(..., caption="Figure {number}. ...")'
        )
        html = "".join(
            "".join(o.get("data", {}).get("text/html", "")) for o in cell.get("outputs", [])
        )
        assert '<img src="data:image/png' in html and 'alt="' in html and "<figcaption>" in html, (
            f"{path.name} {cell['id']}: executed figure with alt text and caption"
        )
    seconds = [
        c["id"]
        for c in cells
        if c["cell_type"] == "markdown" and re.match(r"\s*\**Figure \d", c["source"])
    ]
    assert not seconds, f"{path.name}: a figure caption in a text cell too: {seconds}"
    shown = [
        c["id"]
        for c in cells
        if c["cell_type"] == "code"
        and not c["id"].startswith("fig-")
        and re.search(
            r"\b(attribution_strip|voice_share|cue_verbs|framing_by_technique)\(", c["source"]
        )
    ]
    assert not shown, f"{path.name}: a chart outside a fig- cell: {shown}"


# ---------------------------------------------------------------- counts computed from the text

SCOPE = ("00", "01", "02", "03")  # the notebooks and question files these checks cover
_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
]
_NUM = rf"(?:{'|'.join(_NUMBER_WORDS)}|\d+)"
_UNIT = (
    r"(?:words?|sentences?|paragraphs?|quotes?|tokens?|cues?|sources?|voices?|times|"
    r"attributions?|relations?|verbs?|fragments?|ideas?|labels?)"
)
COUNT_PHRASE = re.compile(rf"\b{_NUM}(?:[ -][a-z’']+)?[ -]{_UNIT}\b", re.I)
_LINKS = re.compile(r"\]\([^)]*\)|\b\d{2}-[a-z-]+\.ipynb|`[^`]*`")


def _article():
    """The course article (loaded once)."""
    global _ARTICLE
    try:
        return _ARTICLE
    except NameError:
        _ARTICLE = load_article()
        return _ARTICLE


def _sentence(sid: str) -> str:
    """The text of one sentence of the article."""
    return next(s.text for s in _article().sentences if s.id == sid)


def _quoted_words(text: str) -> list[str]:
    """The words inside curly double quote marks in ``text``."""
    return [w for chunk in re.findall(r"“([^”]*)”", text) for w in words(chunk)]


def _quoted_in_article(phrase: str) -> int:
    """The number of words of ``phrase``, which the article must quote."""
    assert f"“{phrase}”" in _article().text, phrase
    return len(words(phrase))


def _sources() -> int:
    """Sources in the gold sources layer (the venue and the writer are not voices)."""
    return sum(1 for s in _article().annotations["sources"] if s["role"] not in ("venue", "author"))


def _relations_in(sid: str) -> int:
    """First-level attribution relations of one sentence (gold)."""
    return sum(1 for a in _article().annotations["attributions"] if a["sentence"] == sid)


def _total_words() -> int:
    """Words in the article, counted two ways that must agree (text and voice table)."""
    total = sum(r["direct"] + r["indirect"] + r["writer"] for r in voice_data(_article()))
    assert total == len(words(_article().text))
    return total


def _putin_row() -> dict:
    return next(r for r in voice_data(_article()) if r["name"] == "Vladimir Putin")


def _before_source_in_p1() -> int:
    """Words of paragraph 1 before its source is named."""
    text = _sentence("P1.1")
    return len(words(text[: text.index("President Vladimir Putin has said")]))


#: every count phrase in scope that states a count of the text, with how it is computed
COUNTS = {
    "nine body paragraphs": lambda: len(_article().paragraphs),
    "9 paragraphs": lambda: len(_article().paragraphs),
    "three words": lambda: _quoted_in_article("Cold War mentality"),
    "three quoted words": lambda: _quoted_in_article("Cold War mentality"),
    "six sources": _sources,
    "473 words": _total_words,
    "130 words": lambda: _putin_row()["indirect"],
    "40 words": _before_source_in_p1,
    "one quoted word": lambda: len(_quoted_words(_sentence("P1.1"))),
    "one word": lambda: len(_quoted_words(_sentence("P1.1"))),
    "one long sentence": lambda: sum(1 for s in _article().sentences if s.paragraph == "P1"),
    "two attributions": lambda: _relations_in("P5.1"),
    "two attribution relations": lambda: _relations_in("P5.1"),
    "two cues": lambda: _relations_in("P5.1"),
    "two quoted fragments": lambda: len(re.findall(r"“[^”]*”", _sentence("P4.1"))),
}
#: count phrases in scope that are instructions or general statements, not counts of the text
NOT_COUNTS = {
    "one sentence",
    "one-sentence",
    "two sentences",
    "three sentences",
    "one or two sentences",
    "two voices",
    "one voice",
    "one label",
    "one cue",
    "one quote",
    "one attribution",
    "one secondary source",
    "one source",
    "one or two words",
}


def _scoped_texts():
    """(place, text) for every text cell and every question field in scope."""
    for folder in ("lessons", "solutions"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            if path.stem[:2] in SCOPE:
                for cell in _cells(path):
                    if cell["cell_type"] == "markdown":
                        yield f"{folder}/{path.stem} {cell['id']}", cell["source"]
    for path in sorted((ROOT / "data" / "questions").glob("*.toml")):
        if path.stem[:2] in SCOPE:
            for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]:
                shown = {
                    k: v
                    for k, v in q.items()
                    if k not in ("right_examples", "wrong_examples", "rubric")
                }
                yield f"{path.name} {q['id']}", json.dumps(shown, ensure_ascii=False)


def _number(phrase: str) -> int:
    """The number a count phrase states."""
    first = re.split(r"[ -]", phrase)[0].lower()
    return int(first) if first.isdigit() else _NUMBER_WORDS.index(first)


def test_every_count_stated_in_lessons_00_to_03_is_computed_from_the_text():
    unknown, wrong = [], []
    for place, text in _scoped_texts():
        for match in COUNT_PHRASE.finditer(_LINKS.sub(" ", text)):
            phrase = match.group(0).lower()
            if phrase in NOT_COUNTS:
                continue
            if phrase not in COUNTS:
                unknown.append(f"{place}: {match.group(0)!r}")
            elif COUNTS[phrase]() != _number(phrase):
                wrong.append(f"{place}: {phrase!r} but the text gives {COUNTS[phrase]()}")
    assert not wrong, "counts that disagree with the text:\n" + "\n".join(wrong)
    assert not unknown, (
        "counts neither computed (COUNTS) nor marked as instructions "
        "(NOT_COUNTS):\n" + "\n".join(unknown)
    )


def _bank(qid: str) -> dict:
    """One question of the bank, as written."""
    for path in sorted((ROOT / "data" / "questions").glob("*.toml")):
        for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]:
            if q["id"] == qid:
                return q
    raise KeyError(qid)


def test_the_voice_share_numbers_in_the_bank_are_the_voice_table():
    total, putin = _total_words(), _putin_row()
    writer = next(r["writer"] for r in voice_data(_article()) if r["writer"])
    l02_3, ex02_4 = _bank("l02_3"), _bank("ex02_4")
    assert l02_3["answer"] == round(100 * putin["direct"] / total)
    assert f"{putin['direct']} ÷ {total} × 100 ≈ {l02_3['answer']}%" in l02_3["explanation"]
    assert {m["answer"] for m in l02_3["mistakes"]} == {
        round(100 * (putin["direct"] + putin["indirect"]) / total),
        putin["direct"],
    }
    assert ex02_4["answer"] == round(100 * writer / total)
    assert f"{writer} of the article's {total} words" in ex02_4["explanation"]
    assert {m["answer"] for m in ex02_4["mistakes"]} == {100 - ex02_4["answer"], writer}


def test_the_paragraph_count_question_and_its_mistakes_are_counted():
    question, article = _bank("l00_2"), _article()
    assert question["answer"] == len(article.paragraphs)
    mistakes = {m["answer"] for m in question["mistakes"]}
    assert mistakes == {len(article.parts), len(article.parts) - 1, len(article.sentences)}


#: how the lesson's four kinds of cue group the word list's connotations
CUE_KINDS = {
    "neutral": {"neutral", "questioning", "accusing"},
    "factive": {"factive"},
    "loaded": {"insisting", "conceding", "emotive"},
    "doubt": {"doubting"},
}


def _connotations() -> dict[str, str]:
    """Each reporting-verb form of the word list, with its connotation."""
    import csv

    path = ROOT / "data" / "lexicons" / "reporting_verbs.csv"
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines())
    return {form: row["connotation"] for row in rows for form in row["forms"].split()}


def test_lesson_03_cue_table_counts_the_writers_cues_in_the_text():
    cell = next(
        c
        for c in _cells(ROOT / "lessons" / "03-who-says-what.ipynb")
        if c["id"] == "show-cue-table"
    )
    rows = dict(re.findall(r"^\| \*\*(\w+)\*\* \| (.+) \|$", cell["source"], re.M))
    assert set(rows) == set(CUE_KINDS), rows
    tokens = Counter(w.lower() for w in words(_article().text))
    connotations, listed = _connotations(), set()
    for kind, cues in rows.items():
        for cue, count in re.findall(r"(\w+) ×(\d+)", cues):
            assert tokens[cue] == int(count), f"{cue}: the text has it {tokens[cue]} times"
            assert connotations.get(cue) in CUE_KINDS[kind], f"{cue} is not {kind} in the word list"
            listed.add(cue)
    cues = {
        a["cue"]["text"].split()[-1].lower()
        for a in _article().annotations["attributions"]
        if a.get("cue") and any(ch.isalpha() for ch in a["cue"]["text"])
    }
    assert listed == cues, f"the table lists {sorted(listed)}, the gold cues are {sorted(cues)}"


# ---------------------------------------------------------------- citations and quotations

CARD_CITE = re.compile(r"fact cards?\s+(F\d+(?:(?:, | and )F\d+)*)(?:,\s+“([^”]+)”)?")


def _all_scoped_texts():
    """Scoped texts plus the instructor notes of the same lessons."""
    yield from _scoped_texts()
    for path in sorted((ROOT / "docs" / "instructor").glob("*.md")):
        if path.stem[:2] in SCOPE:
            yield f"docs/instructor/{path.name}", path.read_text(encoding="utf-8")


def test_every_fact_card_cited_exists_and_has_the_title_given():
    cards, problems = fact_cards(), []
    for place, text in _all_scoped_texts():
        for match in CARD_CITE.finditer(text.replace("\\u201c", "“").replace("\\u201d", "”")):
            ids = re.findall(r"F\d+", match.group(1))
            problems += [f"{place}: {i} is not a fact card" for i in ids if i not in cards]
            if match.group(2) and len(ids) == 1 and ids[0] in cards:
                if cards[ids[0]]["title"] != match.group(2):
                    problems.append(
                        f"{place}: {ids[0]} is titled “{cards[ids[0]]['title']}”, "
                        f"not “{match.group(2)}”"
                    )
    assert not problems, "\n".join(problems)


def test_quote_marks_are_never_promised_as_exact_words_without_the_translation():
    missing = [
        place
        for place, text in _scoped_texts()
        if re.search(r"exact words", text, re.I) and not re.search(r"translat", text, re.I)
    ]
    assert not missing, f"'exact words' without saying Putin's words are translated: {missing}"


def test_lesson_00_shows_the_article_exactly_as_received():
    from html import escape

    cell = next(
        c for c in _cells(ROOT / "lessons" / "00-start-here.ipynb") if c["id"] == "show-article"
    )
    for label, text in _article().parts:
        assert f"<strong>[{label}]</strong> " in cell["source"], label
        assert escape(text, quote=False) in cell["source"], f"{label} differs from the article"


def test_fact_cards_shown_in_notebooks_are_the_cards_of_facts_json():
    cards, shown = fact_cards(), 0
    for path in NOTEBOOKS:
        for cell in _cells(path):
            match = re.match(
                r"\*\*Fact card (F\d+) · (.+?)\*\* \(how sure: (\w+)\)", cell["source"]
            )
            if cell["cell_type"] != "markdown" or not match:
                continue
            shown += 1
            card = cards[match.group(1)]
            place = f"{path.parent.name}/{path.stem} {cell['id']}"
            assert (match.group(2), match.group(3)) == (card["title"], card["confidence"]), place
            assert card["statement"] in cell["source"], f"{place}: the statement differs"
            for record in card.get("primary", []) + card.get("agency", []):
                assert record["title"].replace("|", "\\|") in cell["source"], (
                    f"{place}: {record['title']!r} is missing"
                )
            assert "'note':" not in cell["source"] and "{'id':" not in cell["source"], place
    assert shown, "no fact card is shown in any notebook"
    raw = [
        f"{p.parent.name}/{p.stem}"
        for p in NOTEBOOKS
        if re.search(r"^cards\[\"F\d+\"\]$", "\n".join(c["source"] for c in _cells(p)), re.M)
    ]
    assert not raw, f"fact cards shown as raw data: {raw}"


def test_instructor_notes_answer_every_question_and_give_each_free_text_item_a_rubric():
    for path in sorted((ROOT / "data" / "questions").glob("*.toml")):
        if path.stem[:2] not in SCOPE:
            continue
        notes = (ROOT / "docs" / "instructor" / f"{path.stem}.md").read_text(encoding="utf-8")
        rubrics = notes.split("## Three-level rubric", 1)[-1].split("\n## ", 1)[0]
        for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]:
            assert f"### {q['id']} " in notes, f"{path.stem}: no answer section for {q['id']}"
            if q["type"] == "text":
                block = rubrics.split(f"**`{q['id']}`**", 1)
                assert len(block) == 2, f"{path.stem}: no three-level rubric for {q['id']}"
                table = block[1].split("**`", 1)[0]
                levels = re.findall(r"^\| (full|partial|not yet) \| (\d+) \|", table, re.M)
                assert [lv for lv, _ in levels] == ["full", "partial", "not yet"], q["id"]
                assert int(levels[0][1]) == q["points"] and int(levels[-1][1]) == 0, q["id"]
