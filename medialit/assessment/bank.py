"""The question bank: compiled questions by id, and checking an answer against one.

A bank is built from ``data/questions/*.toml`` when that folder exists (the
instructor's copy), else read from ``data/questions.public.json`` (the
student bundle). Both run the same code: ``medialit.assessment.keys`` hashes
the answers, ``medialit.assessment.scorers`` scores them. A missing or empty
bank is an error (``BankError``), never an empty bank.
"""

from __future__ import annotations

import copy
import difflib
import json
from pathlib import Path

from medialit.article import load_article
from medialit.assessment import keys
from medialit.assessment.coerce import AnswerProblem, is_empty
from medialit.assessment.feedback import NOT_ANSWERED, NOT_ANSWERED_WIDGET, RECORDED, Feedback
from medialit.assessment.scorers import SCORERS
from medialit.data import DataError
from medialit.paths import data_dir

__all__ = ["Bank", "BankError", "load_bank"]


class BankError(DataError):
    """The question bank is missing, empty or cannot be read."""


class Bank:
    """A compiled question bank and the checking logic over it.

    Args:
        compiled: ``{"questions": [...]}`` as made by ``keys.compile_bank``.
        article_text: ``Article.text`` (loaded on first use when None).
        folder: the data folder the bank came from (for its article).
    """

    def __init__(self, compiled: dict, article_text: str | None = None, folder: Path | None = None):
        """Index the compiled questions by id."""
        self.questions = {q["id"]: q for q in compiled.get("questions", [])}
        self._article_text = article_text
        self.folder = folder

    def get(self, question_id) -> dict:
        """Return the compiled question.

        Raises:
            KeyError: the id is unknown; the message names the nearest ids.
        """
        if isinstance(question_id, str) and question_id.strip() in self.questions:
            return self.questions[question_id.strip()]
        near = difflib.get_close_matches(str(question_id), list(self.questions), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else "."
        raise KeyError(f"There is no question {str(question_id)!r}{hint}")

    def public(self, question_id) -> dict:
        """The parts of a question a widget may show (no keys)."""
        q = self.get(question_id)
        fields = keys.PUBLIC_FIELDS + ("options", "concepts")
        return copy.deepcopy({k: q[k] for k in fields if k in q and k != "explanation"})

    def article_text(self) -> str:
        """``Article.text`` of the bank's article (for spans)."""
        if self._article_text is None:
            self._article_text = _article_text(self.folder)
        return self._article_text

    def check(self, question_id, answer, source: str = "cell") -> Feedback:
        """Check an answer (see ``medialit.assessment.scorers``); never raises for an answer.

        Args:
            question_id: the question's id.
            answer: the answer.
            source: "cell" (typed in an answer cell) or "widget": only the message for an
                empty answer differs.

        Raises:
            KeyError: unknown question id.
        """
        q = self.get(question_id)
        points = q.get("points", 1)
        hints = list(q.get("hints", []))
        if is_empty(answer):
            empty = NOT_ANSWERED_WIDGET if source == "widget" else NOT_ANSWERED
            return Feedback(
                q["id"],
                False,
                0.0,
                points,
                empty,
                hints=hints,
                answered=False,
                recorded=bool(q.get("assessed")),
            )
        if q.get(
            "assessed"
        ):  # an assessed bundle holds no key for this question: record, never judge
            return Feedback(q["id"], False, 0.0, points, RECORDED, recorded=True)
        try:
            score, message, details, parts = SCORERS[q["type"]](q, answer, self.article_text)
        except AnswerProblem as problem:
            return Feedback(q["id"], False, 0.0, points, str(problem), hints=hints)
        except Exception as err:  # last guard: a student never sees a traceback
            message = (
                f"This answer could not be checked ({type(err).__name__}). "
                "Check its form and try again."
            )
            return Feedback(q["id"], False, 0.0, points, message, hints=hints)
        score = min(1.0, max(0.0, round(float(score), 9)))
        correct = score >= 1.0
        if correct:
            message = message or "Well done."
        return Feedback(q["id"], correct, score, points, message, details, hints, True, parts)


def _article_text(folder: Path | None) -> str:
    """``Article.text`` of the article in ``folder`` (or the course article)."""
    path = Path(folder) / "article.json" if folder else None
    return load_article(path if path and path.exists() else None).text


def _signature(folder: Path) -> tuple:
    """What identifies a bank on disk: the files and their change times."""
    questions = folder / "questions"
    files = sorted(questions.glob("*.toml")) if questions.is_dir() else []
    files = files or [folder / "questions.public.json"]
    return tuple((str(p), p.stat().st_mtime_ns if p.exists() else 0) for p in files)


_BANKS: dict[str, tuple[tuple, Bank]] = {}


def _compile(folder: Path, signature: tuple) -> dict:
    """Compile the TOML bank, or read the public one; raise BankError when there is none."""
    if any(p.endswith(".toml") for p, _ in signature):
        return keys.compile_bank(folder / "questions", _article_text(folder))
    public = folder / "questions.public.json"
    if not signature[0][1]:
        raise BankError(
            f"No question bank in {folder}: neither questions/*.toml nor questions.public.json "
            "is there. Set MEDIALIT_DATA to the course's data folder."
        )
    try:
        return json.loads(public.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise BankError(f"questions.public.json in {folder} cannot be read ({err}).") from None


def load_bank(folder: Path | None = None) -> Bank:
    """Load the compiled bank of a data folder (cached until its files change).

    Args:
        folder: a data folder; by default ``medialit.paths.data_dir()``.

    Returns:
        A Bank built from ``questions/*.toml`` when present, else from ``questions.public.json``.

    Raises:
        BankError: there is no bank, it cannot be read, or it holds no question.
    """
    folder = Path(folder) if folder else data_dir()
    signature = _signature(folder)
    cached = _BANKS.get(str(folder))
    if cached and cached[0] == signature:
        return cached[1]
    bank = Bank(_compile(folder, signature), folder=folder)
    if not bank.questions:
        raise BankError(f"The question bank in {folder} holds no question.")
    _BANKS[str(folder)] = (signature, bank)
    return bank
