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

from medialit.assessment.bank import Bank, BankError, load_bank
from medialit.assessment.feedback import Feedback
from medialit.store import AnswerStore

__all__ = [
    "Bank",
    "BankError",
    "Feedback",
    "load_bank",
    "check",
    "questions",
    "question",
    "explain",
    "give_up",
    "attempted",
    "NOT_ATTEMPTED",
]

#: what ``explain`` returns before a first check or "I give up"
NOT_ATTEMPTED = (
    "Try the question first: the explanation opens after your first check (or after “I give up”)."
)
#: question ids checked with an answer, or given up, in this session
_ATTEMPTED: set[str] = set()


def check(question_id: str, answer, source: str = "cell") -> Feedback:
    """Check an answer against the course's question bank.

    A check with an answer (not ``...``) records the question as attempted, so
    ``explain`` gives its explanation from then on.

    Args:
        question_id: e.g. ``"ex03_1"``.
        answer: the answer (forms in docs/architecture.md, "Answers").
        source: "cell" (an answer cell) or "widget" (the empty-answer message says
            "choose or write your answer above" instead of "replace the ...").

    Returns:
        A Feedback (shown as HTML in a notebook).

    Raises:
        KeyError: the question id is unknown (the message names near ids).
        AssertionError: only when ``MEDIALIT_STRICT=1`` and the answer is not fully right.
    """
    feedback = load_bank().check(question_id, answer, source=source)
    if feedback.answered:
        _ATTEMPTED.add(feedback.question_id)
        _count_attempt(feedback.question_id)
    if os.environ.get("MEDIALIT_STRICT") == "1" and not feedback.correct:
        raise AssertionError(str(feedback))
    return feedback


def _count_attempt(question_id: str) -> None:
    """Count one check attempt in the answers file.

    A failure to write is never the student's problem.
    """
    try:
        AnswerStore(question_id).count_attempt()
    except Exception:  # noqa: BLE001 - counting must never stop a check
        pass


def questions() -> list[dict]:
    """Return every question as ``{"id", "type", "points", "objective"}``, in bank order."""
    return [
        {
            "id": q["id"],
            "type": q["type"],
            "points": q.get("points", 1),
            "objective": q.get("objective"),
        }
        for q in load_bank().questions.values()
    ]


def question(question_id: str) -> dict:
    """Return the public parts of one question (prompt, options, items, labels, hints...).

    Raises:
        KeyError: the question id is unknown.
    """
    return load_bank().public(question_id)


def give_up(question_id: str) -> None:
    """Record "I give up" for a question: its explanation opens (``explain``).

    The widgets call this from their "I give up" button and record it in their
    answers store; ``explain(question_id, attempted=True)`` does the same for a
    store that already knows.

    Raises:
        KeyError: the question id is unknown.
    """
    qid = load_bank().get(question_id)["id"]
    _ATTEMPTED.add(qid)
    try:
        AnswerStore(qid).record_give_up()
    except Exception:  # noqa: BLE001 - recording must never stop the student
        pass


def attempted(question_id: str) -> bool:
    """Whether the question was checked with an answer, or given up, now or before.

    The answers file records both, so a restart keeps the explanation open.
    """
    qid = str(question_id).strip()
    if qid in _ATTEMPTED:
        return True
    try:
        return AnswerStore(qid).tried()
    except Exception:  # noqa: BLE001 - an unreadable file means "not yet"
        return False


_tried = attempted


def explain(question_id: str, attempted: bool | None = None) -> str:
    """Return the explanation of a question, once it was attempted.

    Args:
        question_id: the question's id.
        attempted: True when the caller knows the student checked an answer or
            gave up; None asks this session's record and the answers file
            (``check`` with an answer, or ``give_up``).

    Returns:
        The explanation, or ``NOT_ATTEMPTED`` before a first attempt.

    Raises:
        KeyError: the question id is unknown.
    """
    q = load_bank().get(question_id)
    if not (attempted if attempted is not None else _tried(q["id"])):
        return NOT_ATTEMPTED
    return q.get("explanation") or "There is no explanation for this question yet."
