"""The teacher's review page: free-text answers scored by hand, saved to ``grades/review.csv``.

``make review`` (``python -m medialit review``) opens this page in Voila. It reads
what the last grading run wrote in ``grades/``:

- ``answers.json``: every answered free-text question and every answer not
  marked ``auto`` (``medialit.grading.report.ANSWERS_FORMAT``), with the
  computer's provisional points;
- ``review.csv``: the reviews saved before (``report.REVIEW_COLUMNS``);

and the three-level rubrics of ``docs/instructor/NN-*.md`` (the section
"## Three-level rubric", one ``**`qid`**`` block per question). Question by
question, it shows every student's answer with the rubric and the provisional
score; the teacher types points (0 to the question's points) and a comment.
Save writes ``review.csv`` whole and atomically: the rows of answers the page
shows are replaced by what the page holds (an answer with no points is not
reviewed: its row goes), every other row is kept as it was. The next ``make
grade`` merges the reviews into every CSV and feedback page.

Everything a student wrote reaches the page as text: it is escaped before it
is shown. The logic is :class:`ReviewModel` (no widgets); :func:`review_page`
draws it with ipywidgets; :func:`write_notebook` writes the thin notebook Voila
renders (``grades/review.ipynb``, made afresh each time: never in ``exercises/`` or
the student bundle); :func:`start_voila` serves it to this user only.
"""

from __future__ import annotations

import csv
import html
import json
import math
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from medialit.grading.report import ANSWERS_FORMAT, REVIEW_COLUMNS
from medialit.paths import checkout_root

__all__ = [
    "Level",
    "Rubric",
    "Answer",
    "ReviewQuestion",
    "ReviewModel",
    "NoGradedRun",
    "parse_rubrics",
    "load_rubrics",
    "rubrics_folder",
    "review_page",
    "write_notebook",
    "start_voila",
    "NOTEBOOK_NAME",
    "PAGE_SIZE",
]

#: the notebook ``make review`` writes into the grades folder and Voila renders
NOTEBOOK_NAME = "review.ipynb"
#: answers shown at a time (a long class is split into parts; values are kept across parts)
PAGE_SIZE = 30
#: ``answers.json`` larger than this is not read (1,000 students each writing 5,000 characters
#: for 7 free-text questions: about 40 MB)
MAX_ANSWERS_JSON = 500_000_000
_BLOCK = re.compile(r"^\*\*`(?P<qid>[\w.-]+)`\*\*\s*(?P<note>.*)$", re.M)
_ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")
_LEVEL = re.compile(r"^(full|partial|not yet)\b", re.I)
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*$")


class NoGradedRun(Exception):
    """The grades folder holds no graded run (no ``answers.json``)."""


@dataclass(frozen=True)
class Level:
    """One level of a three-level rubric.

    Attributes:
        name: the level as written, e.g. ``"full"``, ``"partial (about half the points)"``.
        points: the level's points when the table gives them (None otherwise).
        text: what an answer at this level does.
    """

    name: str
    points: float | None
    text: str


@dataclass(frozen=True)
class Rubric:
    """A question's three-level rubric.

    Attributes:
        qid: the question id.
        note: the words after the id (e.g. "(a neutral summary, 3 points):").
        levels: full, partial, not yet (in the order written).
    """

    qid: str
    note: str
    levels: tuple[Level, ...]


def _cells(line: str) -> list[str] | None:
    """The cells of one Markdown table row (None: not a row)."""
    found = _ROW.match(line.strip())
    return [cell.strip() for cell in found.group("cells").split("|")] if found else None


def _level(cells: list[str]) -> Level | None:
    """A table row as a rubric level (None: a header, a rule or another row)."""
    if len(cells) < 2 or not _LEVEL.match(cells[0]):
        return None
    number = _LEADING_NUMBER.match(cells[1]) if len(cells) > 2 else None
    if number:
        return Level(cells[0], float(number.group(1)), " | ".join(cells[2:]))
    return Level(cells[0], None, " | ".join(cells[1:]))


def parse_rubrics(markdown: str) -> dict[str, Rubric]:
    """Read the rubrics of one instructor page (``docs/instructor/NN-*.md``).

    The section starts at a heading ``## Three-level rubric`` and ends at the
    next ``## `` heading. In it, each rubric starts with a line ``**`qid`** ...``
    followed by a table whose rows start with a level (full, partial, not yet),
    then, optionally, the points, then what the answer does.

    Args:
        markdown: the page's text.

    Returns:
        Question id -> rubric (empty when the page has no such section); a block
        whose table has no level row is left out.
    """
    parts = re.split(r"^## Three-level rubric.*$", markdown, maxsplit=1, flags=re.M)
    if len(parts) < 2:
        return {}
    section = re.split(r"^## ", parts[1], maxsplit=1, flags=re.M)[0]
    blocks = list(_BLOCK.finditer(section))
    rubrics = {}
    for n, block in enumerate(blocks):
        end = blocks[n + 1].start() if n + 1 < len(blocks) else len(section)
        rows = [_cells(line) for line in section[block.end() : end].splitlines()]
        levels = tuple(lv for cells in rows if cells for lv in [_level(cells)] if lv)
        if levels:
            rubrics[block.group("qid")] = Rubric(block.group("qid"), block.group("note"), levels)
    return rubrics


def rubrics_folder() -> Path | None:
    """The instructor pages of the checkout (``docs/instructor``), or None outside one."""
    root = checkout_root()
    folder = root / "docs" / "instructor" if root else None
    return folder if folder and folder.is_dir() else None


def load_rubrics(folder: Path | None) -> dict[str, Rubric]:
    """Every rubric of every instructor page in ``folder`` (``NN-*.md``).

    Args:
        folder: the folder of the instructor pages (None: none).

    Returns:
        Question id -> rubric.
    """
    rubrics: dict[str, Rubric] = {}
    if folder is None or not Path(folder).is_dir():
        return rubrics
    for path in sorted(Path(folder).glob("[0-9][0-9]-*.md")):
        rubrics.update(parse_rubrics(path.read_text(encoding="utf-8")))
    return rubrics


@dataclass
class Answer:
    """One student's answer to one question, as the page shows and edits it.

    Attributes:
        student: the student id.
        qid: the question id.
        text: the answer as the grader read it (untrusted: escape before showing).
        machine_points: the computer's points (provisional for free text).
        marking: the grader's marking (``auto``, ``review`` or ``reviewed``).
        status: the grader's status words.
        points: what the teacher typed in the points box ("" for none).
        comment: the teacher's comment.
        saved: the row of ``review.csv`` read when the page opened (None: none).
    """

    student: str
    qid: str
    text: str
    machine_points: float
    marking: str
    status: str
    points: str = ""
    comment: str = ""
    saved: dict | None = None


@dataclass
class ReviewQuestion:
    """A question the page reviews.

    Attributes:
        qid: the question id.
        title: its title.
        points: its points (the most a teacher may give).
        kind: its type in the bank.
        prompt: its prompt.
        answers: every student's answer, by student id.
    """

    qid: str
    title: str
    points: float
    kind: str
    prompt: str
    answers: list[Answer] = field(default_factory=list)


def _number(value, default: float = 0.0) -> float:
    """A finite number from a JSON value, else ``default``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return float(value) if math.isfinite(value) else default


def _text(value, limit: int = 100_000) -> str:
    """A JSON value as text (never anything else), cut to ``limit``."""
    return value[:limit] if isinstance(value, str) else ""


def _fmt(points: float) -> str:
    """Points without a needless ``.0``."""
    return f"{round(points, 3):g}"


class ReviewModel:
    """The review page's state and rules, with no widgets.

    Args:
        grades: the grades folder of a grading run.
        rubrics: the rubrics by question id (see :func:`load_rubrics`).

    Raises:
        NoGradedRun: ``grades/answers.json`` is missing or unreadable.
    """

    def __init__(self, grades: Path, rubrics: dict[str, Rubric] | None = None):
        """Read the grading run's answers and the reviews saved before."""
        self.grades = Path(grades)
        self.rubrics = rubrics or {}
        self.questions: dict[str, ReviewQuestion] = {}
        self.notes: list[str] = []
        self._read_answers()
        self._kept = self._read_saved()

    @property
    def csv_path(self) -> Path:
        """``review.csv`` in the grades folder."""
        return self.grades / "review.csv"

    def _read_answers(self) -> None:
        """Fill ``questions`` from ``answers.json`` (bad records are skipped and counted)."""
        path = self.grades / "answers.json"
        try:
            if not path.is_file():
                raise NoGradedRun(f"{path} is missing")
            if path.stat().st_size > MAX_ANSWERS_JSON:
                raise NoGradedRun(f"{path} is larger than {MAX_ANSWERS_JSON:,} bytes")
            found = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as err:
            raise NoGradedRun(f"{path} could not be read ({type(err).__name__})") from None
        if not isinstance(found, dict) or found.get("format") != ANSWERS_FORMAT:
            raise NoGradedRun(f"{path} is not an answers file of this grader")
        questions: dict = found.get("questions") or {}
        records: list = found.get("answers") or []
        if not isinstance(questions, dict) or not isinstance(records, list):
            raise NoGradedRun(f"{path} is not an answers file of this grader")
        skipped = sum(not self._add(record, questions) for record in records)
        if skipped:
            self.notes.append(f"{skipped} record(s) of answers.json could not be read: skipped")
        order = list(questions)  # the course's order
        self.questions = {
            qid: self.questions[qid] for qid in sorted(self.questions, key=order.index)
        }
        for question in self.questions.values():
            question.answers.sort(key=lambda a: a.student)

    def _question(self, qid: str, info) -> ReviewQuestion:
        """The page's question ``qid`` (made on first use from answers.json's entry)."""
        if qid not in self.questions:
            info = info if isinstance(info, dict) else {}
            self.questions[qid] = ReviewQuestion(
                qid,
                _text(info.get("title"), 200) or qid,
                max(0.0, _number(info.get("points"), 1.0)),
                _text(info.get("kind"), 40),
                _text(info.get("prompt"), 2_000),
            )
        return self.questions[qid]

    def _add(self, record, questions: dict) -> bool:
        """Add one answers.json record; False when it is not a valid record."""
        if not isinstance(record, dict):
            return False
        student, qid = _text(record.get("student"), 200), _text(record.get("question"), 200)
        if not student or not qid or qid not in questions:
            return False
        question = self._question(qid, questions[qid])
        if any(a.student == student for a in question.answers):
            return False
        question.answers.append(
            Answer(
                student,
                qid,
                _text(record.get("answer")),
                _number(record.get("machine_points")),
                _text(record.get("marking"), 20),
                _text(record.get("status"), 200),
            )
        )
        return True

    def answer(self, student: str, qid: str) -> Answer:
        """The answer of ``student`` to ``qid``.

        Raises:
            KeyError: the page has no such answer.
        """
        for found in self.questions[qid].answers:
            if found.student == student:
                return found
        raise KeyError((student, qid))

    def _read_saved(self) -> list[dict]:
        """Put the saved reviews into the answers; return the rows the page does not show."""
        kept: list[dict] = []
        if not self.csv_path.is_file():
            return kept
        with open(self.csv_path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                row = {k: (row.get(k) or "").strip() for k in REVIEW_COLUMNS}
                try:
                    found = self.answer(row["student"], row["question"])
                except KeyError:
                    kept.append(row)
                    continue
                found.points, found.comment, found.saved = row["points"], row["comment"], row
        if kept:
            self.notes.append(
                f"{len(kept)} row(s) of review.csv are for answers this run does not show: "
                "kept as they are"
            )
        return kept

    def problem(self, answer: Answer) -> str:
        """Why ``answer``'s points cannot be saved ("" when they can, or when blank)."""
        top = self.questions[answer.qid].points
        text = answer.points.strip()
        if not text:
            return "give points with the comment, or clear the comment" if answer.comment else ""
        try:
            given = float(text.replace(",", "."))
        except ValueError:
            return f"points must be a number from 0 to {_fmt(top)}"
        if not math.isfinite(given) or not 0 <= given <= top:
            return f"points must be from 0 to {_fmt(top)}"
        return ""

    def set_review(self, student: str, qid: str, points: str, comment: str) -> str:
        """Put the teacher's points and comment for one answer (kept until saved).

        Args:
            student: the student id.
            qid: the question id.
            points: the points as typed ("" for no review).
            comment: the comment for the student.

        Returns:
            Why these points cannot be saved ("" when they can).
        """
        found = self.answer(student, qid)
        found.points, found.comment = str(points), str(comment)
        return self.problem(found)

    def _row(self, found: Answer) -> tuple[dict | None, str]:
        """The row to write for one answer (None: no review), and its problem ("" if none).

        An answer whose points cannot be saved keeps the row saved before, if any.
        """
        problem = self.problem(found)
        if problem:
            kept = " (the review saved before is kept)" if found.saved else ""
            return found.saved, f"{found.student} {found.qid}: {problem}: not saved{kept}"
        if not found.points.strip():
            return None, ""
        given = float(found.points.strip().replace(",", "."))
        row = {
            "student": found.student,
            "question": found.qid,
            "points": _fmt(given),
            "comment": " ".join(found.comment.split()),
        }
        return row, ""

    def save(self) -> tuple[int, list[str]]:
        """Write ``review.csv`` atomically (a temporary file renamed over it).

        Returns:
            ``(reviews written from this page, problems)``: the page's answers
            with points, then a line for each answer whose points cannot be
            saved (its row saved before, if any, is written again).
        """
        rows, problems, written = list(self._kept), [], []
        for found in (a for q in self.questions.values() for a in q.answers):
            row, problem = self._row(found)
            if problem:
                problems.append(problem)
            else:
                written.append((found, row))
            rows += [row] if row else []
        handle, partial = tempfile.mkstemp(prefix=".review-", suffix=".csv", dir=self.grades)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, REVIEW_COLUMNS, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
            os.chmod(partial, 0o644)
            os.replace(partial, self.csv_path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        for found, row in written:
            found.saved = row
        return sum(1 for _found, row in written if row), problems

    # ---------------------------------------------------------------- HTML pieces
    def rubric_html(self, qid: str) -> str:
        """The question's prompt and rubric as an HTML table (everything escaped)."""
        esc, question = html.escape, self.questions[qid]
        head = f"<p><strong>Question:</strong> {esc(question.prompt or question.title)}</p>"
        rubric = self.rubrics.get(qid)
        if rubric is None and question.kind != "text":
            return head + (
                f"<p><strong>Note:</strong> {esc(qid)} is not a free-text question: the answers "
                "below are answer cells the computer could not read as a plain value. "
                "Decide from the cell shown and the answer key (docs/instructor/NN-*.md).</p>"
            )
        if rubric is None:
            return head + (
                f"<p><strong>Note:</strong> No three-level rubric found for {esc(qid)} "
                "(docs/instructor/NN-*.md, section “Three-level rubric”).</p>"
            )
        rows = "".join(
            f'<tr><th scope="row">{esc(lv.name)}</th>'
            f"<td>{'' if lv.points is None else _fmt(lv.points)}</td><td>{esc(lv.text)}</td></tr>"
            for lv in rubric.levels
        )
        return head + (
            f"<table class='medialit-rubric'><caption>Rubric for {esc(qid)} "
            f"{esc(rubric.note)}</caption><thead><tr><th scope='col'>Level</th>"
            "<th scope='col'>Points</th><th scope='col'>What the answer does</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )

    def answer_html(self, found: Answer) -> str:
        """One answer with the computer's score (everything escaped)."""
        esc, top = html.escape, self.questions[found.qid].points
        kind = {
            "auto": "scored by the computer: provisional",
            "review": "not scored by the computer (not a plain value)",
            "reviewed": "reviewed in the last grading run",
        }.get(found.marking, found.marking)
        text = found.text or "(no answer)"
        return (
            f"<h4>{esc(found.student)}</h4>"
            f"<p>Computer: {_fmt(found.machine_points)} of {_fmt(top)} points, "
            f"{esc(found.status)} ({esc(kind)})</p>"
            f'<blockquote class="medialit-answer" style="white-space: pre-wrap">'
            f"{esc(text)}</blockquote>"
        )

    def parts(self, qid: str, size: int = PAGE_SIZE) -> list[tuple[str, int]]:
        """The parts a question's answers are shown in: ``(label, first index)`` each.

        Args:
            qid: the question id.
            size: answers per part.

        Returns:
            E.g. ``[("answers 1 to 30 of 45 (aaron to maya)", 0), ...]``.
        """
        answers = self.questions[qid].answers
        return [
            (
                f"answers {n + 1} to {min(n + size, len(answers))} of {len(answers)} "
                f"({answers[n].student} to {answers[min(n + size, len(answers)) - 1].student})",
                n,
            )
            for n in range(0, len(answers), size)
        ]

    def summary(self) -> str:
        """One line: how many answers, how many with the teacher's points."""
        answers = [a for q in self.questions.values() for a in q.answers]
        given = sum(1 for a in answers if a.points.strip())
        return (
            f"{len(self.questions)} question(s), {len(answers)} answer(s), {given} with your points"
        )


# ---------------------------------------------------------------- the widgets
_STYLE = (
    "<style>"
    ".medialit-rubric { border-collapse: collapse; margin: 0.5rem 0 1rem; }"
    ".medialit-rubric caption { text-align: left; font-weight: bold; }"
    ".medialit-rubric th, .medialit-rubric td { border: 1px solid #6b6b6b; padding: 0.3rem 0.5rem;"
    " text-align: left; vertical-align: top; }"
    ".medialit-review-answer { border-top: 2px solid #1b1b1b; margin-top: 1rem; }"
    "blockquote.medialit-answer { border-left: 4px solid #1b1b1b; background: #f6f6f6;"
    " margin: 0.5rem 0; padding: 0.25rem 0.75rem; }"
    "</style>"
)
_HELP = (
    "<h2>Review free-text answers</h2>"
    "<p>Choose a question. For each answer, type your points (0 to the question's points; "
    "leave the box empty to keep the computer's provisional score) and a comment for the "
    "student, then press <strong>Save reviews</strong>. Saving writes grades/review.csv; "
    "run <code>make grade</code> again to put your points into every CSV and feedback page."
    "</p>"
)


class _Page:
    """The ipywidgets page over a :class:`ReviewModel`."""

    def __init__(self, model: ReviewModel):
        import ipywidgets as w

        self.model, self.w = model, w
        options = [
            (f"{q.qid}: {q.title} ({_fmt(q.points)} points, {len(q.answers)} answers)", q.qid)
            for q in model.questions.values()
        ]
        self.picker = w.Dropdown(
            options=options,
            description="Question",
            layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.part = w.Dropdown(
            description="Answers shown",
            layout=w.Layout(width="100%", display="none"),
            style={"description_width": "initial"},
        )
        self.body = w.VBox()
        self.save_button = w.Button(description="Save reviews", icon="save", tooltip="Save")
        self.status = w.HTML(self._status_html(model.summary()))
        self.picker.observe(lambda change: self.show(change["new"]), names="value")
        self.part.observe(lambda change: self._show_part(change["new"]), names="value")
        self.save_button.on_click(lambda _b: self.save())
        notes = "".join(f"<p><strong>Note:</strong> {html.escape(n)}</p>" for n in model.notes)
        head = w.HTML(_STYLE + _HELP + notes)
        self.view = w.VBox(
            [head, self.picker, self.part, self.body, self.save_button, self.status],
            layout=w.Layout(max_width="1100px"),
        )
        for part, name in (
            (self.view, "medialit-review"),
            (self.picker, "medialit-review-question"),
            (self.save_button, "medialit-review-save"),
            (self.status, "medialit-review-status"),
        ):
            part.add_class(name)
        if options:
            self.show(options[0][1])
        else:
            self.body.children = [w.HTML("<p>No free-text answer to review in this run.</p>")]

    @staticmethod
    def _status_html(text: str) -> str:
        """The status line, in a live region (screen readers hear each change)."""
        return f'<p role="status" aria-live="polite">{html.escape(text)}</p>'

    def _entry(self, found: Answer):
        """The widgets for one answer: the answer, points, comment, a problem line."""
        w, top = self.w, self.model.questions[found.qid].points
        points = w.Text(
            value=found.points,
            description=f"Points for {found.student} (0 to {_fmt(top)})",
            placeholder=f"computer: {_fmt(found.machine_points)}",
            style={"description_width": "initial"},
        )
        comment = w.Textarea(
            value=found.comment,
            description=f"Comment for {found.student}",
            layout=w.Layout(width="100%", height="4em"),
            style={"description_width": "initial"},
        )
        problem = w.HTML()

        def changed(_change=None):
            said = self.model.set_review(found.student, found.qid, points.value, comment.value)
            problem.value = f'<p role="alert">⚠ {html.escape(said)}</p>' if said else ""

        points.observe(changed, names="value")
        comment.observe(changed, names="value")
        points.add_class("medialit-review-points")
        comment.add_class("medialit-review-comment")
        box = w.VBox([w.HTML(self.model.answer_html(found)), points, comment, problem])
        box.add_class("medialit-review-answer")
        return box

    def show(self, qid: str) -> None:
        """Show one question: rubric, then its first part of answers with their boxes."""
        parts = self.model.parts(qid)
        self.qid = qid
        self.part.layout.display = None if len(parts) > 1 else "none"
        self.part.unobserve_all("value")
        self.part.options, self.part.value = parts, 0 if parts else None
        self.part.observe(lambda change: self._show_part(change["new"]), names="value")
        self._show_part(0)

    def _show_part(self, start) -> None:
        """Show the rubric and the answers from ``start`` (one part)."""
        answers = self.model.questions[self.qid].answers[start or 0 :][:PAGE_SIZE]
        rubric = self.w.HTML(self.model.rubric_html(self.qid))
        self.body.children = [rubric, *(self._entry(a) for a in answers)]

    def save(self) -> None:
        """Save; say what was written and what was not."""
        try:
            written, problems = self.model.save()
        except OSError as err:
            self.status.value = self._status_html(
                f"Not saved: {self.model.csv_path} could not be written ({err.strerror})."
            )
            return
        text = (
            f"Saved {written} review(s) to {self.model.csv_path}. "
            "Run make grade again to merge them."
        )
        if problems:
            text += f" {len(problems)} not saved: " + "; ".join(problems)
        self.status.value = self._status_html(text)


def review_page(grades: str | Path = "grades", rubrics: str | Path | None = None):
    """Show the review page (in Voila or a notebook) for a grading run.

    Args:
        grades: the grades folder of the run.
        rubrics: the folder of the instructor pages (default: ``docs/instructor``
            of the checkout).

    Returns:
        The page's root widget (displayed by the notebook), or an HTML message
        when the folder holds no graded run.
    """
    import ipywidgets as w

    folder = Path(rubrics) if rubrics else rubrics_folder()
    try:
        model = ReviewModel(Path(grades), load_rubrics(folder))
    except NoGradedRun as err:
        return w.HTML(
            f"<p><strong>Note:</strong> No graded run to review: {html.escape(str(err))}.</p>"
        )
    return _Page(model).view


def write_notebook(grades: Path, rubrics: Path | None = None) -> Path:
    """Write the thin notebook Voila renders (``grades/review.ipynb``): one call.

    Args:
        grades: the grades folder.
        rubrics: the instructor pages' folder (default: found by the page).

    Returns:
        The notebook's path.
    """
    import nbformat

    grades = Path(grades).resolve()
    call = f"review_page({str(grades)!r}" + (
        f", rubrics={str(Path(rubrics).resolve())!r})" if rubrics else ")"
    )
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(f"from medialit.grading.review import review_page\n{call}")
    ]
    nb.cells[0].id = "review-page"
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = grades / NOTEBOOK_NAME
    nbformat.write(nb, path)
    return path


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str, process: subprocess.Popen, timeout: float) -> bool:
    """Wait until the server at ``url`` answers (False: it stopped or did not answer)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.3)
    return False


def start_voila(
    grades: Path, rubrics: Path | None = None, port: int = 0, timeout: float = 120
) -> tuple[subprocess.Popen, str]:
    """Write the review notebook and start Voila on it, for this user only.

    Voila listens on 127.0.0.1 and asks for a random token, passed in its
    environment (``JUPYTER_TOKEN``), never on its command line, so another user
    of the machine can neither open the page nor read the token in ``ps``.

    Args:
        grades: the grades folder of a grading run.
        rubrics: the instructor pages' folder (default: found by the page).
        port: the port (0: a free one).
        timeout: seconds to wait for Voila to answer.

    Returns:
        ``(the Voila process, the page's address with the token)``; the caller
        stops the process.

    Raises:
        RuntimeError: Voila stopped or did not answer in time.
    """
    notebook = write_notebook(grades, rubrics)
    port = port or _free_port()
    token = secrets.token_urlsafe(24)
    command = [sys.executable, "-m", "voila", str(notebook), "--no-browser", "--token"]
    command += ["--Voila.ip=127.0.0.1", f"--port={port}", "--Voila.port_retries=0"]
    process = subprocess.Popen(
        command, cwd=notebook.parent, env={**os.environ, "JUPYTER_TOKEN": token}
    )
    url = f"http://127.0.0.1:{port}/?token={token}"
    if not _answers(
        f"http://127.0.0.1:{port}/voila/static/voila.js?token={token}", process, timeout
    ):
        process.terminate()
        process.wait(timeout=30)
        raise RuntimeError(f"Voila did not start on port {port} (is the port taken?)")
    return process, url
