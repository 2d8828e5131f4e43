"""The grading benchmark: grade a class against ``jupyter nbconvert --execute`` of it.

Used by ``benchmarks/run.py``; it uses only public names of ``medialit``.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medialit.authoring import make_exercises
from medialit.grading import grade_class

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["benchmark_grading"]


def _benchmark_exercise(tmp: Path) -> Path:
    """The first exercise notebook, generated from the first solution when exercises/ is empty."""
    found = sorted((ROOT / "exercises").glob("*.ipynb"))
    if found:
        return found[0]
    made = make_exercises(solutions=ROOT / "solutions", exercises=tmp / "exercises")
    if not made:
        raise FileNotFoundError("no exercise or solution notebooks to benchmark grading with")
    return made[0]


def benchmark_grading(n: int = 30, exercise: Path | None = None, data: Path | None = None,
                      jobs: int = 0) -> dict:
    """Time grading ``n`` submissions against ``jupyter nbconvert --execute`` of them.

    Every other submission is the blank exercise, the rest its solution (when
    ``solutions/`` has one), so the class holds answered and unanswered work.

    Args:
        n: number of submissions.
        exercise: the exercise notebook (default: the first in ``exercises/``).
        data: the instructor's data folder.
        jobs: the grader's parallel notebooks (0: all cores; nbconvert runs one at a time).

    Returns:
        ``{"submissions", "grade_seconds", "nbconvert_seconds", "totals"}``; ``totals``
        maps each student folder to the points the grader gave.

    Raises:
        RuntimeError: when nbconvert or the grader did not produce a result for
            every submission (a ratio would then mean nothing).
    """
    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as tmp:
        tmp = Path(tmp)
        exercise = Path(exercise) if exercise else _benchmark_exercise(tmp)
        solution = ROOT / "solutions" / exercise.name
        paths = []
        for k in range(n):
            folder = tmp / "subs" / f"student-{k:02d}"
            folder.mkdir(parents=True)
            source = solution if k % 2 and solution.exists() else exercise
            paths.append(Path(shutil.copy(source, folder / exercise.name)))
        env = {**os.environ, "MEDIALIT_ANSWERS": str(tmp / "answers")}
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                              "--output-dir", str(tmp / "nbconvert"), *map(str, paths)],
                             env=env, capture_output=True, text=True, check=False)
        nbconvert = time.perf_counter() - start
        if run.returncode:
            raise RuntimeError(f"nbconvert failed: {(run.stderr.strip().splitlines() or ['?'])[-1][:200]}")
        start = time.perf_counter()
        grade_class(tmp / "subs", tmp / "grades", jobs=jobs, data=data, progress=None)
        grading = time.perf_counter() - start
        with open(tmp / "grades" / "totals.csv", newline="", encoding="utf-8") as handle:
            totals = {row["student"]: float(row["total"]) for row in csv.DictReader(handle)}
    if len(totals) != n:
        raise RuntimeError(f"the grader reported {len(totals)} of {n} submissions")
    return {"submissions": n, "grade_seconds": grading, "nbconvert_seconds": nbconvert, "totals": totals}
