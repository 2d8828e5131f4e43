"""The grading benchmark: speed against ``jupyter nbconvert --execute``, scale and memory.

``grading_rows()`` is what ``benchmarks/run.py`` calls; ``python benchmarks/grading.py``
prints the same figures alone (``--sample K`` times nbconvert on K notebooks only and
scales it up: quicker, marked as an estimate). Figures:

- **speed**: a class of 30 students, each handing in all seven exercises (every
  other student the blank exercises, the rest the solutions), graded by
  ``grade_class`` against one ``jupyter nbconvert --execute`` over the same 210
  files; target at most 0.1x;
- **scale**: 1,000 such students (7,000 notebooks) graded on all cores; target
  under a minute on 2 cores;
- **memory**: the peak resident memory of the grading process and of its largest
  worker, for 100 and for 1,000 students, each in a fresh process; flat means the
  1,000-student figure is within 1.25x of the 100-student one.

It uses only public names of ``medialit``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medialit.grading import grade_class

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["make_class", "benchmark_grading", "scale_run", "grading_rows"]


def make_class(folder: Path, students: int, notebooks: list[Path] | None = None) -> list[Path]:
    """Write a class: each student hands in every exercise (blank or solved, alternately).

    Args:
        folder: the submissions folder to write.
        students: how many students.
        notebooks: the exercise notebooks to hand in (default: all of ``exercises/``).

    Returns:
        Every notebook written.
    """
    notebooks = notebooks or sorted((ROOT / "exercises").glob("*.ipynb"))
    written = []
    for k in range(students):
        student = Path(folder) / f"student-{k:02d}"
        student.mkdir(parents=True)
        for exercise in notebooks:
            solution = ROOT / "solutions" / exercise.name
            source = solution if k % 2 and solution.exists() else exercise
            written.append(Path(shutil.copyfile(source, student / exercise.name)))
    return written


def _nbconvert(paths: list[Path], out: Path) -> float:
    """Seconds for one ``jupyter nbconvert --execute`` over ``paths``.

    Raises:
        RuntimeError: nbconvert failed (a time would then mean nothing).
    """
    env = {**os.environ, "MEDIALIT_ANSWERS": str(out / "answers")}
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--output-dir",
            str(out),
            *map(str, paths),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(
            f"nbconvert failed: {(done.stderr.strip().splitlines() or ['?'])[-1][:200]}"
        )
    return time.perf_counter() - start


def _totals(out: Path) -> dict[str, float]:
    with open(out / "totals.csv", newline="", encoding="utf-8") as handle:
        return {row["student"]: float(row["total"]) for row in csv.DictReader(handle)}


def benchmark_grading(
    n: int = 30,
    exercise: Path | None = None,
    data: Path | None = None,
    jobs: int = 0,
    sample: int = 0,
) -> dict:
    """Time grading ``n`` students against ``jupyter nbconvert --execute`` of the same files.

    Args:
        n: students; each hands in every exercise notebook (or only ``exercise``).
        exercise: one exercise notebook to hand in (default: all of ``exercises/``).
        data: the instructor's data folder.
        jobs: the grader's worker processes (0: all cores; nbconvert runs one at a time).
        sample: time nbconvert on this many files only and scale up (0: all files).

    Returns:
        ``{"submissions", "notebooks", "grade_seconds", "nbconvert_seconds", "estimated",
        "totals"}``; ``totals`` maps each student to the points the grader gave.

    Raises:
        RuntimeError: nbconvert failed, or the grader did not report every student.
    """
    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as tmp:
        tmp = Path(tmp)
        paths = make_class(tmp / "subs", n, [Path(exercise)] if exercise else None)
        timed = paths[: max(1, sample)] if sample else paths
        nbconvert = _nbconvert(timed, tmp / "nbconvert") * len(paths) / len(timed)
        start = time.perf_counter()
        grade_class(tmp / "subs", tmp / "grades", jobs=jobs, data=data, progress=None)
        grading = time.perf_counter() - start
        totals = _totals(tmp / "grades")
    if len(totals) != n:
        raise RuntimeError(f"the grader reported {len(totals)} of {n} students")
    return {
        "submissions": n,
        "notebooks": len(paths),
        "grade_seconds": grading,
        "nbconvert_seconds": nbconvert,
        "estimated": bool(sample),
        "totals": totals,
    }


_MEASURE = """
import json, resource, sys, time
from pathlib import Path
from medialit.grading import grade_class
start = time.perf_counter()
code = grade_class(Path(sys.argv[1]), Path(sys.argv[2]), jobs=int(sys.argv[3]), progress=None)
seconds = time.perf_counter() - start
print(json.dumps({"code": code, "seconds": seconds,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def scale_run(students: int, jobs: int = 0) -> dict:
    """Grade a class of ``students`` in a fresh process; time it and read its peak memory.

    Args:
        students: how many students (each hands in all seven exercises).
        jobs: worker processes (0: all cores).

    Returns:
        ``{"students", "notebooks", "seconds", "self_mb", "worker_mb", "rows"}``.

    Raises:
        RuntimeError: the grader failed or did not grade every notebook.
    """
    with tempfile.TemporaryDirectory(prefix="medialit-scale-") as tmp:
        tmp = Path(tmp)
        paths = make_class(tmp / "subs", students)
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(tmp / "subs"), str(tmp / "grades"), str(jobs)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        if done.returncode:
            raise RuntimeError(
                f"grading failed: {(done.stderr.strip().splitlines() or ['?'])[-1][:200]}"
            )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        with open(tmp / "grades" / "gradebook.csv", encoding="utf-8") as handle:
            rows = sum(1 for _ in handle) - 1
        if result["code"] != 0 or len(_totals(tmp / "grades")) != students:
            raise RuntimeError("the grader did not report every student")
    return {"students": students, "notebooks": len(paths), "rows": rows, **result}


def _row(figure, value, target, met):
    return {"figure": figure, "value": value, "target": target, "met": met, "unit": ""}


def grading_rows(sample: int = 0) -> list[dict]:
    """Every grading figure as rows for ``benchmarks/run.py`` (figure, value, target, met).

    Args:
        sample: passed to :func:`benchmark_grading` (0: nbconvert over every file).
    """
    speed = benchmark_grading(30, sample=sample)
    ratio = speed["grade_seconds"] / speed["nbconvert_seconds"]
    totals = sorted(speed["totals"].items())
    blank = sum(t for _, t in totals[0::2]) / len(totals[0::2])
    answered = sum(t for _, t in totals[1::2]) / len(totals[1::2])
    small, large = scale_run(100), scale_run(1000)
    flat = max(large["self_mb"] / small["self_mb"], large["worker_mb"] / max(small["worker_mb"], 1))
    estimate = f" (estimated from {sample} files)" if speed["estimated"] else ""
    return [
        _row(
            f"grade 30 students x 7 exercises ({os.cpu_count()} cores)",
            f"{speed['grade_seconds']:.2f} s",
            "(reported)",
            None,
        ),
        _row(
            f"nbconvert --execute the same {speed['notebooks']} files{estimate}",
            f"{speed['nbconvert_seconds']:.0f} s",
            "(reported)",
            None,
        ),
        _row(
            "points given: blank / solved (mean)", f"{blank:g} / {answered:g}", "(reported)", None
        ),
        _row("grading / nbconvert ratio", f"{ratio:.4f}", "<= 0.1", ratio <= 0.1),
        _row(
            f"grade 1,000 students ({large['notebooks']:,} notebooks, {large['rows']:,} rows)",
            f"{large['seconds']:.1f} s",
            "< 60 s on 2 cores",
            large["seconds"] < 60,
        ),
        _row("grade 100 students", f"{small['seconds']:.1f} s", "(reported)", None),
        _row(
            "peak RSS, grader / largest worker: 100 students",
            f"{small['self_mb']:.0f} / {small['worker_mb']:.0f} MB",
            "(reported)",
            None,
        ),
        _row(
            "peak RSS, grader / largest worker: 1,000 students",
            f"{large['self_mb']:.0f} / {large['worker_mb']:.0f} MB",
            "(reported)",
            None,
        ),
        _row(
            "memory 1,000 / 100 students (largest ratio)",
            f"{flat:.2f}",
            "<= 1.25 (flat)",
            flat <= 1.25,
        ),
    ]


def main(argv=None) -> int:
    """Print the grading figures as a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sample", type=int, default=0, help="time nbconvert on this many files only"
    )
    args = parser.parse_args(argv)
    rows = grading_rows(args.sample)
    width = max(len(r["figure"]) for r in rows)
    for r in rows:
        met = {True: "yes", False: "NO", None: "-"}[r["met"]]
        print(f"{r['figure']:<{width}}  {r['value']:>22}  {r['target']:<18}  {met}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
