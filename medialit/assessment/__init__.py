"""The assessment layer: the question bank, answer keys, scorers and feedback.

``check(question_id, answer) -> Feedback`` is what notebooks call. It never
raises for an answer: ``...`` and ``None`` mean "Not answered yet", a wrong
type or a misspelt label gets a kind message. An unknown question id raises
``KeyError`` naming the nearest ids. With the environment variable
``MEDIALIT_STRICT=1``, an answer that is not fully right raises
``AssertionError`` with the feedback, so its check cell fails. Every check of
an answer (not of an empty one) is counted in the answers file
(``medialit.store.AnswerStore.count_attempt``); the grader reports the
count per question.

Modules: ``keys`` (salted hashes), ``coerce`` (reading answers), ``scorers``
(one per question type), ``feedback`` (``Feedback``), ``bank`` (``Bank``,
``load_bank``).
"""

from __future__ import annotations

import os

from medialit.store import AnswerStore
from medialit.assessment.bank import Bank, BankError, load_bank
from medialit.assessment.feedback import Feedback

__all__ = ["Bank", "BankError", "Feedback", "load_bank", "check", "questions", "question", "explain"]


def check(question_id: str, answer) -> Feedback:
    """Check an answer against the course's question bank.

    Args:
        question_id: e.g. ``"ex03_1"``.
        answer: the answer (forms in docs/architecture.md, "Answers").

    Returns:
        A Feedback (shown as HTML in a notebook).

    Raises:
        KeyError: the question id is unknown (the message names near ids).
        AssertionError: only when ``MEDIALIT_STRICT=1`` and the answer is not fully right.
    """
    feedback = load_bank().check(question_id, answer)
    if feedback.answered:
        _count_attempt(feedback.question_id)
    if os.environ.get("MEDIALIT_STRICT") == "1" and not feedback.correct:
        raise AssertionError(str(feedback))
    return feedback


def _count_attempt(question_id: str) -> None:
    """Count one check attempt in the answers file; a failure to write is never the student's problem."""

    try:
        AnswerStore(question_id).count_attempt()
    except Exception:  # noqa: BLE001 - counting must never stop a check
        pass


def questions() -> list[dict]:
    """Return every question as ``{"id", "type", "points", "objective"}``, in bank order."""
    return [
        {"id": q["id"], "type": q["type"], "points": q.get("points", 1),
         "objective": q.get("objective")}
        for q in load_bank().questions.values()
    ]


def question(question_id: str) -> dict:
    """Return the public parts of one question (prompt, options, items, labels, hints...).

    Raises:
        KeyError: the question id is unknown.
    """
    return load_bank().public(question_id)


def explain(question_id: str) -> str:
    """Return the explanation of a question (shown on request).

    Raises:
        KeyError: the question id is unknown.
    """
    explanation = load_bank().get(question_id).get("explanation")
    return explanation or "There is no explanation for this question yet."
