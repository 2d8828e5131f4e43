"""Scoring one student: the answers read as data, checked with the instructor's bank.

Which answer counts for a question (the notebook's answer cell decides):

1. the answer cell holds a plain value (a literal): that value is scored, because
   it is what the check cell under it showed the student ("typed");
2. the answer cell reads a widget (``answer_ex01_1 = quiz_ex01_1.answer``), still
   holds ``...``, holds an empty value or is missing: the answer the widget saved in
   ``answers/exercise-NN.json`` is scored ("widget");
3. the answer cell holds anything else (a call, a loop, a computed value) or does
   not parse: no points for now, the question is marked for review and the
   teacher sees the cell (and the saved widget answer, if any).

Before scoring, answers are cut to the documented limits
(``medialit.grading.limits``): a text answer to ``MAX_TEXT_CHARS`` characters,
with every run of word characters longer than ``MAX_WORD_CHARS`` cut to that
length (the present text scorer is quadratic in the length of a word, so this
bounds it: see the benchmark); an answer with more than ``MAX_ELEMENTS``
elements is not scored but marked for review; each element is cut to
``MAX_ELEMENT_CHARS`` characters.

Each result is marked (the ``marking`` column of ``gradebook.csv``):

- ``auto``: scored by the computer. For a free-text question (type ``text``)
  that score is **provisional**: the meaning checks are a first reading, and a
  teacher may change it on the review page (``make review``);
- ``review``: the answer cell holds something other than a plain value (see 3.
  above), so the computer did not score it: no points until a teacher reviews it;
- ``reviewed``: the teacher's points from ``grades/review.csv`` replace the
  computer's (which stay in ``machine``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from medialit.assessment.coerce import is_empty
from medialit.assessment.feedback import earned_points
from medialit.grading.clean import StudentFiles, read_regular
from medialit.grading.course import Exercise, Question
from medialit.grading.find import Problem
from medialit.grading.limits import (
    MAX_ANSWERS_BYTES,
    MAX_ELEMENT_CHARS,
    MAX_ELEMENTS,
    MAX_NOTEBOOK_BYTES,
    MAX_TEXT_CHARS,
    MAX_WORD_CHARS,
    SHOWN_CHARS,
)
from medialit.grading.read import (
    CellAnswer,
    Unreadable,
    answers_file,
    load_notebook,
    notebook_answers,
)

__all__ = [
    "REVIEW",
    "SYNTAX",
    "TOO_LARGE",
    "QuestionResult",
    "ExerciseResult",
    "StudentResult",
    "bound",
    "score_question",
    "apply_review",
    "grade_student",
]

REVIEW = "not a plain value: for review"
SYNTAX = "answer cell has a syntax error: for review"
TOO_LARGE = "answer too large to score: for review"
_REVIEW_MESSAGE = (
    "Your teacher will look at this answer: the grader scores only plain values "
    "(text in quote marks, numbers, lists) and this cell holds something else."
)
_LONG_WORD = re.compile(rf"[\w'’-]{{{MAX_WORD_CHARS + 1},}}")
_MISSING = CellAnswer("missing")


@dataclass
class QuestionResult:
    """One question's result for one student.

    Attributes:
        qid: the question id.
        title: the question's title.
        points: the question's points.
        score: 0 to 1.
        status: the status word(s) ("Correct", "Not yet", ``REVIEW`` ...).
        symbol: a symbol that goes with the status (never colour alone).
        message: the feedback message for the student.
        source: ``"typed"``, ``"widget"`` or ``""`` (nothing answered).
        marking: ``"auto"`` (scored by the bank), ``"review"`` (waiting for a teacher) or
            ``"reviewed"`` (the teacher's points from ``grades/review.csv``).
        attempts: check attempts recorded in the answers file (None: no record).
        answer: the answer as text, cut to ``SHOWN_CHARS`` (for the gradebook).
        kind: the question's type (``"text"`` for free text).
        text: the answer as text, cut to ``MAX_TEXT_CHARS`` (for the review page).
        machine: the computer's points before a teacher's review (None: not reviewed).
    """

    qid: str
    title: str
    points: float
    score: float
    status: str
    symbol: str
    message: str
    source: str = ""
    marking: str = "auto"
    attempts: int | None = None
    answer: str = ""
    kind: str = ""
    text: str = ""
    machine: float | None = None

    @property
    def earned(self) -> float:
        """Points earned (``earned_points``: the check cell's and the widgets' rule)."""
        return earned_points(self.score, self.points)

    @property
    def provisional(self) -> bool:
        """True for a score a teacher should still look at.

        That is an answer for review, or a free-text answer the computer scored.
        """
        if self.marking == "review":
            return True
        return self.marking == "auto" and self.kind == "text" and bool(self.source)

    @property
    def reviewable(self) -> bool:
        """True when the review page shows this answer (free text answered, or not auto)."""
        return self.marking != "auto" or (self.kind == "text" and bool(self.source))


@dataclass
class ExerciseResult:
    """One exercise notebook's results for one student.

    Attributes:
        exercise: the instructor's exercise.
        handed_in: True when a notebook or an answers file was found.
        questions: one result per question (empty when not handed in).
        notes: what the student's feedback page says about this notebook.
    """

    exercise: Exercise
    handed_in: bool
    questions: list[QuestionResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def earned(self) -> float:
        """Points earned in this exercise."""
        return round(sum(q.earned for q in self.questions), 3)


@dataclass
class StudentResult:
    """Everything graded for one student.

    Attributes:
        student: the student id.
        folder: the folder name as submitted.
        exercises: one result per exercise of the course.
        problems: what the run summary reports about this student.
    """

    student: str
    folder: str
    exercises: list[ExerciseResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def earned(self) -> float:
        """Points earned in all exercises."""
        return round(sum(e.earned for e in self.exercises), 3)


class _TooLarge(Exception):
    """An answer with more elements than ``MAX_ELEMENTS``."""


def _cut_text(text: str) -> str:
    """Cut a text answer: length first, then overlong words."""
    return _LONG_WORD.sub(lambda m: m.group()[:MAX_WORD_CHARS], text[:MAX_TEXT_CHARS])


def bound(value):
    """Cut an answer to the documented limits (see the module docstring).

    Args:
        value: a plain value (literal or JSON).

    Returns:
        The value, cut.

    Raises:
        _TooLarge: more than ``MAX_ELEMENTS`` elements in all.
    """
    seen = [0]

    def walk(item, top):
        seen[0] += 1
        if seen[0] > MAX_ELEMENTS + 1:
            raise _TooLarge
        if isinstance(item, str):
            return _cut_text(item) if top else item[:MAX_ELEMENT_CHARS]
        if isinstance(item, dict):
            return {walk(k, False): walk(v, False) for k, v in item.items()}
        if isinstance(item, (list, tuple, set, frozenset)):
            return type(item)(walk(x, False) for x in item)
        return item

    return walk(value, True)


def _text(value, limit: int = SHOWN_CHARS) -> str:
    """An answer as text, at most ``limit`` characters (the gradebook's: ``SHOWN_CHARS``)."""
    if value is ... or value is None:
        return ""
    try:
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=repr)
        text = (
            value
            if isinstance(value, str)
            else json.dumps(value, ensure_ascii=False, sort_keys=True)
        )
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _review(question: Question, status: str, shown: str, attempts) -> QuestionResult:
    """A result held for the teacher (no points until reviewed)."""
    return QuestionResult(
        question.qid,
        question.title,
        question.points,
        0.0,
        status,
        "?",
        _REVIEW_MESSAGE,
        "typed",
        "review",
        attempts,
        shown,
        question.kind,
        _text(shown, MAX_TEXT_CHARS),
    )


def score_question(
    bank, question: Question, cell: CellAnswer, widget, attempts: int | None
) -> QuestionResult:
    """Score one question (see the module docstring for which answer counts).

    Args:
        bank: the instructor's ``Bank``.
        question: the question.
        cell: what the notebook says (``missing`` when there is no notebook).
        widget: the saved widget answer (``...`` when none).
        attempts: check attempts from the answers file, or None.

    Returns:
        The question's result.
    """
    if cell.kind in ("review", "syntax"):
        shown = cell.source + (
            f"  [saved widget answer: {_text(widget)}]" if not is_empty(widget) else ""
        )
        return _review(question, SYNTAX if cell.kind == "syntax" else REVIEW, shown, attempts)
    if cell.kind == "typed":
        value, source = cell.value, "typed"
    elif not is_empty(widget):
        value, source = widget, "widget"
    else:
        value, source = ..., ""
    try:
        value = bound(value)
    except _TooLarge:
        return _review(question, TOO_LARGE, f"more than {MAX_ELEMENTS} elements", attempts)
    feedback = bank.check(question.qid, value)
    return QuestionResult(
        question.qid,
        question.title,
        question.points,
        float(feedback.score),
        feedback.status,
        feedback.symbol,
        feedback.message,
        source if feedback.answered else "",
        "auto",
        attempts,
        _text(value) if feedback.answered else "",
        question.kind,
        _text(value, MAX_TEXT_CHARS) if feedback.answered and question.kind == "text" else "",
    )


def _read(files: StudentFiles, path, reader, what: str, problems: list[Problem]):
    """Run ``reader`` on a file's bytes; a problem is reported, never raised."""
    where = path.relative_to(files.root).as_posix()
    limit = MAX_NOTEBOOK_BYTES if what == "notebook" else MAX_ANSWERS_BYTES
    try:
        return reader(read_regular(path, limit))
    except Unreadable as err:
        problems.append(Problem(files.student, "rejected", f"{where}: {err}"))
        return None


def _grade_exercise(
    bank, files: StudentFiles, exercise: Exercise, problems: list[Problem]
) -> ExerciseResult:
    """Read and score one exercise of one student."""
    notebook, saved = files.notebooks.get(exercise.number), files.answers.get(exercise.number)
    result = ExerciseResult(exercise, bool(notebook or saved))
    if not result.handed_in:
        return result
    cells, widgets, attempts = {}, {}, {}
    if notebook:
        cells = _read(
            files,
            notebook,
            lambda d: notebook_answers(load_notebook(d), exercise.qids),
            "notebook",
            problems,
        )
        if cells is None:
            result.notes.append(
                "The notebook file could not be read, so only the answers saved by the "
                "widgets were counted. Ask your teacher if this looks wrong."
            )
            cells = {}
    if saved:
        read = _read(files, saved, lambda d: answers_file(d, exercise.qids), "answers", problems)
        if read is None:
            result.notes.append(
                "Your saved widget answers could not be read, so only the answer cells "
                "were counted. Ask your teacher if this looks wrong."
            )
        else:
            widgets, attempts = read
    for question in exercise.questions:
        outcome = score_question(
            bank,
            question,
            cells.get(question.qid, _MISSING),
            widgets.get(question.qid, ...),
            attempts.get(question.qid),
        )
        result.questions.append(outcome)
        if outcome.marking == "review":
            problems.append(
                Problem(
                    files.student,
                    "review",
                    f"{exercise.stem} {question.qid}: {outcome.status}: {outcome.answer[:120]}",
                )
            )
    return result


def apply_review(outcome: QuestionResult, points: float, comment: str) -> QuestionResult:
    """Put a teacher's review (from ``grades/review.csv``) in place of the grader's score.

    Args:
        outcome: the grader's result (``auto`` or ``review``).
        points: the teacher's points (0 to the question's points; checked by the caller).
        comment: the teacher's comment for the student ("" for none).

    Returns:
        A new result marked ``reviewed``.
    """
    score = points / outcome.points if outcome.points else 0.0
    symbol = "✔" if score >= 1 else ("◐" if score > 0 else "✘")
    message = comment or "Your teacher reviewed this answer."
    return QuestionResult(
        outcome.qid,
        outcome.title,
        outcome.points,
        score,
        "Reviewed by your teacher",
        symbol,
        message,
        outcome.source,
        "reviewed",
        outcome.attempts,
        outcome.answer,
        outcome.kind,
        outcome.text,
        outcome.earned if outcome.machine is None else outcome.machine,
    )


def _reviewed(result: StudentResult, reviews: dict) -> None:
    """Apply this student's reviews; a review of a question not handed in is reported."""
    used = set()
    for exercise_result in result.exercises:
        for n, outcome in enumerate(exercise_result.questions):
            review = reviews.get((result.student, outcome.qid))
            if review is not None:
                exercise_result.questions[n] = apply_review(outcome, *review)
                used.add(outcome.qid)
    result.problems[:] = [
        p
        for p in result.problems
        if not (p.kind == "review" and any(f" {qid}: " in p.text for qid in used))
    ]
    for (student, qid), _review_row in sorted(reviews.items()):
        if student == result.student and qid not in used:
            result.problems.append(
                Problem(
                    student,
                    "reviewed",
                    f"review.csv: {qid} was not handed in by this student: review not used",
                )
            )
    if used:
        result.problems.append(
            Problem(
                result.student,
                "reviewed",
                f"{len(used)} answer(s) reviewed: " + ", ".join(sorted(used)),
            )
        )


def grade_student(
    bank, files: StudentFiles, exercises: list[Exercise], reviews: dict | None = None
) -> StudentResult:
    """Grade every exercise of one student (a broken file costs only that file).

    Args:
        bank: the instructor's ``Bank``.
        files: the student's files (``medialit.grading.clean.pick_files``).
        exercises: the course's exercises.
        reviews: (student, question id) -> (points, comment) from ``grades/review.csv``.

    Returns:
        The student's results, with the problems found while reading.
    """
    result = StudentResult(files.student, files.folder, problems=list(files.problems))
    for exercise in exercises:
        result.exercises.append(_grade_exercise(bank, files, exercise, result.problems))
    if reviews:
        _reviewed(result, reviews)
    return result
