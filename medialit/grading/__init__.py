"""Grading a class: ``python -m medialit grade DIR --out grades``.

Scores never depend on running student code. The stages, one module each:

1. ``find``: list the student folders and their entries with ``lstat`` only
   (the student folder and one level down, e.g. ``dave/exercises/``);
2. ``clean``: student ids from folder names (a safe set; collisions refused),
   one notebook per exercise (the instructor's file name; copies and extras
   reported), links and special files rejected, files read within size limits;
3. ``read``: notebooks parsed as data with ``ast`` (an answer counts when its
   cell assigns a literal), widget answers from ``answers/exercise-NN.json``
   parsed with size, depth and type limits;
4. ``score``: each question of the instructor's bank checked with
   ``Bank.check`` on the answer that counts (rules in ``medialit.grading.score``);
5. ``report``: gradebook, totals, Canvas and Moodle imports, questions,
   feedback pages and the run summary (``grades/report.txt``, also on screen);
6. ``sandbox`` (optional, ``--run``): each notebook executed in a bubblewrap
   sandbox for a "runs cleanly" column that never feeds the scores;
7. ``review`` (after a run, ``make review``): the teacher's review page, which
   reads ``answers.json`` and writes ``review.csv``; the next run merges it.

Students are graded in parallel worker processes (``jobs``); results are
written as they come, so memory does not grow with the class.
"""

from __future__ import annotations

import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from medialit.assessment import load_bank
from medialit.grading.clean import StudentFiles, assign_ids, pick_files
from medialit.grading.course import Exercise, load_exercises
from medialit.grading.find import Problem, find_students, locations
from medialit.grading.report import Progress, Rendered, Reports, load_reviews, load_roster, render
from medialit.grading.sandbox import public_data, run_in_sandbox, sandbox_problem
from medialit.grading.score import StudentResult, grade_student
from medialit.paths import checkout_root, data_dir

__all__ = ["grade_class"]
#: classes smaller than this are graded in this process (workers cost more than they save)
_SERIAL_BELOW = 40
_WORKER: dict = {}


def _exercises_folder() -> Path:
    """The instructor's ``exercises/`` (in a checkout), else ``exercises/`` here."""
    root = checkout_root()
    return root / "exercises" if root else Path("exercises")


def _say(line: str) -> None:
    """Print a progress or summary line to standard error."""
    print(line, file=sys.stderr, flush=True)


def _collect(
    submissions: Path, exercises: list[Exercise]
) -> tuple[list[StudentFiles], list[Problem], int]:
    """Find every student's files; return ``(files, problems, folders seen)``."""
    folders, problems = find_students(submissions)
    named, name_problems = assign_ids(folders)
    problems += name_problems
    expected = {e.filename: e.number for e in exercises if e.filename}
    students = []
    for student, folder in named:
        places, place_problems = locations(folder)
        files = pick_files(student, folder, places, expected)
        files.problems[:0] = [Problem(student, p.kind, p.text) for p in place_problems]
        students.append(files)
    return students, problems, len(folders)


def _start_worker(data: str, exercises: list[Exercise], reviews: dict) -> None:
    """Load the instructor's bank once per worker process."""
    _WORKER.update(bank=load_bank(Path(data)), exercises=exercises, reviews=reviews)


def _grade_one(files: StudentFiles) -> Rendered:
    """Grade one student in a worker, ready to write; an error costs only this student."""
    try:
        result = grade_student(_WORKER["bank"], files, _WORKER["exercises"], _WORKER["reviews"])
    except Exception as err:  # noqa: BLE001 - one student's files must never stop the class
        problem = Problem(
            files.student,
            "rejected",
            f"could not be graded ({type(err).__name__}); please grade this folder by hand",
        )
        result = StudentResult(files.student, files.folder, [], [*files.problems, problem])
    return render(result, _WORKER["exercises"])


def _results(
    students: list[StudentFiles], data: Path, exercises: list[Exercise], jobs: int, reviews: dict
):
    """Yield each student's results, in parallel when the class is large enough."""
    _start_worker(str(data), exercises, reviews)
    if jobs <= 1 or len(students) < _SERIAL_BELOW:
        yield from map(_grade_one, students)
        return
    done = 0
    try:
        with ProcessPoolExecutor(
            jobs, initializer=_start_worker, initargs=(str(data), exercises, reviews)
        ) as pool:
            for result in pool.map(_grade_one, students, chunksize=8):
                done += 1
                yield result
    except BrokenProcessPool:  # a worker died: grade the rest here, one by one
        yield from map(_grade_one, students[done:])


def _run_notebooks(
    students: list[StudentFiles], reports: Reports, data: Path, timeout: int, progress
) -> None:
    """The optional "runs cleanly" column: each notebook in its own sandbox, with safe data."""
    with tempfile.TemporaryDirectory(prefix="medialit-public-data-") as tmp:
        os.chmod(tmp, 0o711)
        safe = public_data(data, Path(tmp) / "data")
        bar = Progress(len(students), progress)
        for files in students:
            for _number, notebook in sorted(files.notebooks.items()):
                outcome = run_in_sandbox(notebook, safe, timeout=timeout)
                reports.add_run(
                    files.student, notebook.name, "yes" if outcome.clean else "no", outcome.detail
                )
            bar.step()


def grade_class(
    submissions: Path,
    out: Path = Path("grades"),
    *,
    data: Path | None = None,
    exercises: Path | None = None,
    roster: Path | None = None,
    jobs: int = 0,
    run: bool = False,
    timeout: int = 60,
    progress=_say,
) -> int:
    """Grade every student folder of ``submissions`` and write the reports to ``out``.

    Args:
        submissions: one sub-folder per student (the folder name is the student id).
        out: the output folder.
        data: the instructor's data folder (default ``medialit.data.data_dir()``).
        exercises: the instructor's exercise notebooks (default ``exercises/``).
        roster: an optional CSV mapping folder names to LMS ids (``report.ROSTER_COLUMNS``).
            A teacher's ``<out>/review.csv`` (``report.REVIEW_COLUMNS``), when there, is merged:
            its points replace the grader's for those answers (marked ``reviewed``).
        jobs: worker processes (0: all cores).
        run: also execute each notebook in a sandbox ("runs cleanly"; needs bubblewrap).
        timeout: seconds per notebook in the sandbox.
        progress: called with each progress and summary line (None: quiet).

    Returns:
        0 when the reports were written, 1 when no student folder was found,
        2 when ``run`` was asked for and no sandbox is available.
    """
    if run:
        refusal = sandbox_problem()
        if refusal:
            if progress:
                progress(f"refused: --run needs a sandbox: {refusal}")
            return 2
    data = Path(data) if data else data_dir()
    bank = load_bank(data)
    course, warnings = load_exercises(bank, Path(exercises) if exercises else _exercises_folder())
    students, problems, folders = _collect(Path(submissions), course)
    problems += [Problem("", "course", text) for text in warnings]
    if not students:
        if progress:
            progress(f"no student folders found in {submissions}")
            for problem in problems:
                progress(f"  - {problem.text}")
        return 1
    table, roster_problems = load_roster(Path(roster)) if roster else (None, [])
    if table is None:
        problems.append(
            Problem(
                "",
                "roster",
                "no roster given: canvas.csv and moodle.csv use the folder "
                "names as SIS Login ID and Username",
            )
        )
    reviews, review_problems = load_reviews(Path(out) / "review.csv", course)
    known = {files.student for files in students}
    review_problems += [
        Problem(s, "reviewed", f"review.csv: {s} {q}: no such student was graded: not used")
        for s, q in sorted(reviews)
        if s not in known
    ]
    reports = Reports(Path(out), course, table)
    reports.add_problems(problems + roster_problems + review_problems)
    bar = Progress(len(students), progress)
    for result in _results(students, data, course, jobs or os.cpu_count() or 1, reviews):
        reports.add(result)
        bar.step()
    if run:
        _run_notebooks(students, reports, data, timeout, progress)
    screen = reports.close(len(students), folders)
    if progress:
        progress(screen)
    return 0
