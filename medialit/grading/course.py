"""The instructor's side of grading: which exercises and questions exist, and their titles.

Question ids, points and their order come from the instructor's bank
(``data/questions`` through ``medialit.assessment.load_bank``), never from a
student's copy. The exercise notebook each exercise is handed in as, and the
titles shown in feedback pages, come from the instructor's ``exercises/``
notebooks (``### ex01_3: Title`` headings; ``# Exercises 01 · Title`` on top).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from medialit.grading.read import Unreadable, cell_sources, load_notebook

__all__ = ["Question", "Exercise", "load_exercises", "exercise_numbers"]

_EXERCISE_ID = re.compile(r"^ex(\d+)_\w+$")
_QUESTION_HEADING = re.compile(r"^\s*#{1,6}\s*(ex\d+_\w+?)\s*[:·.–-]\s*(.+?)\s*$", re.M)
_TOP_HEADING = re.compile(r"^\s*#\s+(.+?)\s*$", re.M)


@dataclass(frozen=True)
class Question:
    """One exercise question as the instructor's bank and notebook define it.

    Attributes:
        qid: the question id, e.g. ``"ex03_4"``.
        title: the heading of the question in the exercise notebook.
        points: the question's points.
        kind: the question's type in the bank (``"text"`` for free text, ``"single"`` ...).
        prompt: the question's prompt in the bank (shown on the review page).
    """

    qid: str
    title: str
    points: float
    kind: str = ""
    prompt: str = ""


@dataclass(frozen=True)
class Exercise:
    """One exercise notebook and its questions (bank order).

    Attributes:
        number: e.g. ``"03"``.
        filename: the instructor's notebook name (None when the instructor has none).
        title: the notebook's top heading (or the file stem).
        questions: the questions, in bank order.
    """

    number: str
    filename: str | None
    title: str
    questions: tuple[Question, ...]

    @property
    def stem(self) -> str:
        """The notebook stem, or ``exercise-NN`` when there is no notebook."""
        return self.filename[: -len(".ipynb")] if self.filename else f"exercise-{self.number}"

    @property
    def qids(self) -> list[str]:
        """The question ids, in bank order."""
        return [q.qid for q in self.questions]

    @property
    def points(self) -> float:
        """The points of all questions."""
        return sum(q.points for q in self.questions)


def exercise_numbers(bank) -> dict[str, list[str]]:
    """Exercise number -> its question ids, in bank order.

    Args:
        bank: the instructor's ``Bank``.

    Returns:
        The exercise questions of the bank grouped by notebook number.
    """
    numbers: dict[str, list[str]] = {}
    for qid in bank.questions:
        match = _EXERCISE_ID.match(qid)
        if match:
            numbers.setdefault(f"{int(match.group(1)):02d}", []).append(qid)
    return numbers


def _titles(path: Path) -> tuple[str, dict[str, str]]:
    """The top heading and the question headings of an instructor's notebook."""
    try:
        nb = load_notebook(path.read_bytes())
    except (OSError, Unreadable):
        return "", {}
    markdown = cell_sources(nb, "markdown")
    top = next((m.group(1) for text in markdown for m in [_TOP_HEADING.search(text)] if m), "")
    titles = {m.group(1): m.group(2) for text in markdown for m in _QUESTION_HEADING.finditer(text)}
    return top, titles


def _fallback_title(question: dict) -> str:
    """A question's title from its prompt when the notebook has no heading for it."""
    prompt = " ".join(str(question.get("prompt", "")).split())
    return prompt if len(prompt) <= 80 else prompt[:79] + "…"


def load_exercises(bank, folder: Path) -> tuple[list[Exercise], list[str]]:
    """The exercises to grade, from the bank and the instructor's exercise notebooks.

    Args:
        bank: the instructor's ``Bank``.
        folder: the instructor's ``exercises/`` folder.

    Returns:
        ``(exercises, warnings)``; a warning names each exercise without a
        notebook (only its widget answers can then be graded).
    """
    exercises, warnings = [], []
    for number, qids in exercise_numbers(bank).items():
        templates = sorted(Path(folder).glob(f"{number}-*.ipynb")) if Path(folder).is_dir() else []
        if len(templates) != 1:
            warnings.append(
                f"exercise {number}: {len(templates)} instructor notebooks {number}-*.ipynb in "
                f"{folder} (need one): only widget answers can be graded"
            )
        template = templates[0] if len(templates) == 1 else None
        top, titles = _titles(template) if template else ("", {})
        questions = tuple(
            Question(
                qid,
                titles.get(qid) or _fallback_title(bank.questions[qid]),
                float(bank.questions[qid].get("points", 1)),
                str(bank.questions[qid].get("type", "")),
                " ".join(str(bank.questions[qid].get("prompt", "")).split()),
            )
            for qid in qids
        )
        exercises.append(
            Exercise(
                number,
                template.name if template else None,
                top or (template.stem if template else f"Exercise {number}"),
                questions,
            )
        )
    return exercises, warnings
