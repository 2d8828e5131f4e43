"""What a check returns: ``Feedback``, shown as plain text or HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

__all__ = ["Feedback", "NOT_ANSWERED", "RECORDED"]

NOT_ANSWERED = "Not answered yet: replace the ... with your answer, run that cell, then run this one again."
RECORDED = "Your answer is saved. Your teacher will mark it after you hand in the notebook."


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
    def status(self) -> str:
        """One of "Correct", "Partly right (a of b)", "Not yet", "Not answered yet", "Saved for marking"."""
        if self.recorded and self.answered:
            return "Saved for marking"
        if self.correct:
            return "Correct"
        if not self.answered:
            return "Not answered yet"
        if self.score > 0:
            part = f" ({self.parts[0]} of {self.parts[1]})" if self.parts else ""
            return f"Partly right{part}"
        return "Not yet"

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
        earned, points = round(self.score * self.points, 2), self.points
        unit = "point" if points == 1 else "points"
        score = f"{points:g} {unit}, marked later" if self.recorded else f"{earned:g} of {points:g} {unit}"
        lines = [f"{self.symbol} {self.status} ({self.question_id}, {score})"]
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
            f"<strong>{esc(self.symbol)} {esc(self.status)}</strong> <small>({esc(self.question_id)})</small>",
        ]
        if self.message:
            parts.append(f"<p>{esc(self.message)}</p>")
        if self.details:
            items = "".join(f"<li><b>{esc(str(k))}</b>: {esc(str(v))}</li>" for k, v in self.details.items())
            parts.append(f"<ul>{items}</ul>")
        if self.hints and not self.correct:
            parts.append(f"<p><em>Hint:</em> {esc(self.hints[0])}</p>")
        parts.append("</div>")
        return "".join(parts)

    def to_dict(self) -> dict:
        """Return the feedback as plain data (for gradebooks and JSON)."""
        return {
            "question_id": self.question_id, "correct": self.correct, "score": self.score,
            "points": self.points, "status": self.status, "message": self.message,
            "details": dict(self.details),
        }
