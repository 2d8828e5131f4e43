"""Right answers from the instructor's question bank, for timing ``check()``.

Instructors only: it reads ``data/questions/*.toml``. Uses only public names.
"""

from __future__ import annotations

from pathlib import Path

from medialit.assessment.keys import read_question_files
from medialit.paths import data_dir

__all__ = ["benchmark_answers"]


def benchmark_answers(folder: Path | None = None) -> list[tuple[str, object]]:
    """Return (question id, right answer) pairs from the TOML bank.

    Args:
        folder: the data folder (default ``data_dir()``).

    Returns:
        One pair per question; text questions get their model answer.
    """
    pairs = []
    for q in read_question_files(Path(folder or data_dir()) / "questions"):
        if q["type"] == "text":
            answer = q.get("model_answer") or " ".join(g["any"][0] for g in q.get("rubric", []))
        elif q["type"] == "spans":
            answer = [[s["start"], s["end"]] for s in q["answer"]]
        else:
            answer = q["answer"]
        pairs.append((q["id"], answer))
    return pairs
