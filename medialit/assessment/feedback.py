"""What a check returns: ``Feedback``, shown as plain text or HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

__all__ = ["Feedback", "NOT_ANSWERED", "NOT_ANSWERED_WIDGET", "RECORDED", "earned_points"]

NOT_ANSWERED = (
    "Not answered yet: replace the ... with your answer, run that cell, then run this one again."
)
#: the same for an answer that came from a widget (nothing chosen or written yet)
NOT_ANSWERED_WIDGET = "Not answered yet: choose or write your answer above, then press Check."
RECORDED = "Your answer is saved. Your teacher will mark it after you hand in the notebook."


def earned_points(score: float, points: float, correct: bool | None = None) -> float:
    """Points earned: score times points, rounded to 2 places, never all unless correct.

    The one rule for the check cell, the widgets and grading ("1.33 of 2 points").

    Args:
        score: 0 to 1.
        points: the question's points.
        correct: whether the answer is fully right (default: ``score >= 1``).
    """
    correct = score >= 1 if correct is None else correct
    earned = round(score * points, 2)
    if not correct and earned >= points:
        earned = round(points - 0.01, 2)
    return earned


@dataclass
class Feedback:
    """The result of checking one answer.

    Attributes:
        question_id: the question's id.
        correct: True only for a fully right answer.
        score: 0 to 1 (partial credit).
        points: the question's points.
        message: what to do next, in plain words.
        details: item or option id -> "right" / "not right yet" / a hint.
        hints: hints of the question (shown when the answer is not right).
        answered: False for ``...``, ``None`` and empty answers.
        recorded: True for an assessed question: the answer is saved, not judged.
    """

    question_id: str
    correct: bool
    score: float
    points: float = 1
    message: str = ""
    details: dict = field(default_factory=dict)
    hints: list = field(default_factory=list)
    answered: bool = True
    parts: tuple = ()
    recorded: bool = False

    @property
    def earned(self) -> float:
        """Points earned (``earned_points``: 2 places, never all the points unless correct)."""
        return earned_points(self.score, self.points, self.correct)

    @property
    def points_text(self) -> str:
        """The one score format: "2 of 3 points" (or "1 of 1 point")."""
        unit = "point" if self.points == 1 else "points"
        return f"{self.earned:g} of {self.points:g} {unit}"

    @property
    def status(self) -> str:
        """The status in words.

        Returns:
            One of "Correct", "Partly right (2 of 3 points)", "Not yet",
            "Not answered yet", "Saved for marking".
        """
        if self.recorded and self.answered:
            return "Saved for marking"
        if self.correct:
            return "Correct"
        if not self.answered:
            return "Not answered yet"
        if self.score > 0:
            return f"Partly right ({self.points_text})"
        return "Not yet"

    @property
    def heading(self) -> str:
        """Symbol, status, question id and points: the first line everywhere."""
        if self.recorded:
            unit = "point" if self.points == 1 else "points"
            points = f"{self.points:g} {unit}"
            return f"{self.symbol} {self.status} ({self.question_id}, {points}, marked later)"
        if self.score > 0 and not self.correct:
            return f"{self.symbol} {self.status} ({self.question_id})"
        return f"{self.symbol} {self.status} ({self.question_id}, {self.points_text})"

    @property
    def symbol(self) -> str:
        """A symbol that goes with the status word (never colour alone)."""
        if self.recorded and self.answered:
            return "✎"
        if self.correct:
            return "✔"
        if not self.answered:
            return "…"
        return "◐" if self.score > 0 else "✘"

    def __str__(self) -> str:
        """Plain text: symbol and status, message, details, first hint."""
        lines = [self.heading]
        if self.message:
            lines.append(self.message)
        lines += [f"  {key}: {text}" for key, text in self.details.items()]
        if self.hints and not self.correct:
            lines += [f"Hint: {hint}" for hint in self.hints[:1]]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        """Symbol and word in bold, the message, the details as a list."""
        esc = html.escape
        state = "correct" if self.correct else ("partly" if self.score > 0 else "not-yet")
        state = "recorded" if self.recorded and self.answered else state
        parts = [
            f'<div class="medialit-feedback medialit-feedback-{state}" role="status">',
            f"<strong>{esc(self.heading)}</strong>",
        ]
        if self.message:
            parts.append(f"<p>{esc(self.message)}</p>")
        if self.details:
            items = "".join(
                f"<li><b>{esc(str(k))}</b>: {esc(str(v))}</li>" for k, v in self.details.items()
            )
            parts.append(f"<ul>{items}</ul>")
        if self.hints and not self.correct:
            parts.append(f"<p><em>Hint:</em> {esc(self.hints[0])}</p>")
        parts.append("</div>")
        return "".join(parts)

    def to_dict(self) -> dict:
        """Return the feedback as plain data (for gradebooks and JSON)."""
        return {
            "question_id": self.question_id,
            "correct": self.correct,
            "score": self.score,
            "points": self.points,
            "earned": self.earned,
            "points_text": self.points_text,
            "status": self.status,
            "symbol": self.symbol,
            "message": self.message,
            "details": dict(self.details),
        }
