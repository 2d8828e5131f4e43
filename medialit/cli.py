"""Command line: ``python -m medialit COMMAND`` (also installed as ``medialit``).

Commands:
    setup             put the course's Jupyter settings and NLTK data into the environment
    validate          check every data file against its schema
    make-exercises    generate exercises/ from solutions/
    execute-lessons   re-execute and store every lesson (for authors)
    student-bundle    write dist/student/ and dist/student.zip
    grade DIR         grade a class's submitted exercise notebooks
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

__all__ = ["main", "setup_environment"]

LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}
}


def setup_environment(prefix: Path | None = None) -> list[Path]:
    """Write the Lab settings overrides and the NLTK data into ``prefix``.

    The overrides stop JupyterLab from asking the internet for news; the
    NLTK data (the course's stopword list) lands in ``share/nltk_data``,
    where NLTK looks without any configuration.
    """
    from medialit.text import NLTK_DATA

    prefix = Path(prefix or sys.prefix)
    settings = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps(LAB_OVERRIDES, indent=2) + "\n", encoding="utf-8")
    nltk_target = prefix / "share" / "nltk_data"
    shutil.copytree(NLTK_DATA, nltk_target, dirs_exist_ok=True)
    return [settings, nltk_target]


def _validate(_args) -> int:
    from medialit.data import validate_data

    problems = validate_data()
    for problem in problems:
        print(problem)
    print("data: all files valid" if not problems else f"data: {len(problems)} problem(s)")
    return 1 if problems else 0


def _setup(_args) -> int:
    for path in setup_environment():
        print(f"wrote {path}")
    return 0


def _make_exercises(args) -> int:
    from medialit.notebooks import make_exercises

    paths = make_exercises(check=args.check)
    for path in paths:
        print(f"differs: {path}" if args.check else path)
    return 1 if args.check and paths else 0


def _execute_lessons(_args) -> int:
    from medialit.notebooks import execute_lessons

    for path in execute_lessons():
        print(f"executed {path}")
    return 0


def _student_bundle(args) -> int:
    from medialit.bundle import BundleError, build_student_bundle

    try:
        print(build_student_bundle(mode=args.mode))
    except BundleError as err:
        print(f"student-bundle refused: {err}", file=sys.stderr)
        return 1
    return 0


def _grade(args) -> int:
    from medialit.grading import grade_class

    return grade_class(Path(args.submissions), Path(args.out), roster=args.roster, jobs=args.jobs,
                       run=args.run, timeout=args.timeout)


def main(argv=None) -> int:
    """Run one command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="medialit", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup", help="write Jupyter settings and NLTK data").set_defaults(run=_setup)
    sub.add_parser("validate", help="validate the data files").set_defaults(run=_validate)
    ex = sub.add_parser("make-exercises", help="generate exercises/ from solutions/")
    ex.add_argument("--check", action="store_true", help="only report drift, write nothing")
    ex.set_defaults(run=_make_exercises)
    sub.add_parser("execute-lessons", help="re-execute the lessons").set_defaults(run=_execute_lessons)
    bundle = sub.add_parser("student-bundle", help="build dist/student from the last commit")
    bundle.add_argument("--mode", choices=("practice", "assessed"), default="practice",
                        help="practice: feedback on every question; assessed: exercises are marked later")
    bundle.set_defaults(run=_student_bundle)
    grade = sub.add_parser("grade", help="grade submitted exercise notebooks")
    grade.add_argument("submissions", help="folder of submissions, one sub-folder or file per student")
    grade.add_argument("--out", default="grades", help="where to write the gradebook (default grades/)")
    grade.add_argument("--roster", type=Path, help="CSV: folder name -> LMS ids (docs/instructor-guide.md)")
    grade.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    grade.add_argument("--run", action="store_true",
                       help="also run each notebook in a sandbox for a 'runs cleanly' column (needs bwrap)")
    grade.add_argument("--timeout", type=int, default=60, help="with --run: seconds per notebook (default 60)")
    grade.set_defaults(run=_grade)
    args = parser.parse_args(argv)
    return args.run(args)
