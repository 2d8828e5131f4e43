"""The command line: python -m medialit COMMAND (also installed as medialit).

Every command prints plain text and returns 0 when it worked. See
``python -m medialit --help`` for the list and an example of each.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import webbrowser
from pathlib import Path

from medialit import __version__
from medialit.analysis.report import analyse_text, format_report
from medialit.assessment.bank import PUBLIC_FILE, write_compiled
from medialit.authoring import execute_lessons, make_exercises
from medialit.authoring.bundle import BundleError, build_student_bundle
from medialit.authoring.lessons import make_figures
from medialit.grading import grade_class
from medialit.grading.review import NoGradedRun, ReviewModel, start_voila
from medialit.paths import data_dir
from medialit.text import NLTK_DATA
from medialit.validation import validate_data

__all__ = ["main", "setup_environment"]

LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}
}

DESCRIPTION = "Tools for the medialit course: sourcing, attribution and framing in a news article."

EPILOG = """examples:
  python -m medialit setup                      set up Jupyter and NLTK data in this environment
  python -m medialit validate                   check every data file against its schema
  python -m medialit make-exercises --check     say whether exercises/ is out of date
  python -m medialit execute-lessons            re-run every lesson and store its outputs
  python -m medialit make-figures --check       say whether data/figures/ is up to date
  python -m medialit make-bank --check          say whether the stored compiled bank is fresh
  python -m medialit student-bundle             write dist/student/ and dist/student.zip
  python -m medialit grade submissions          grade a class into grades/
  python -m medialit review                     review free-text answers of grades/ in Voila
  python -m medialit analyse article.txt        sources, quotes and framing of any text file
"""


def setup_environment(prefix: Path | None = None) -> list[Path]:
    """Write the Lab settings overrides and the NLTK data into ``prefix``.

    The overrides stop JupyterLab from asking the internet for news; the
    NLTK data (the course's stopword list) lands in ``share/nltk_data``,
    where NLTK looks without any configuration.

    Args:
        prefix: the environment's folder (default ``sys.prefix``).

    Returns:
        The files and folders written.
    """
    prefix = Path(prefix or sys.prefix)
    settings = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps(LAB_OVERRIDES, indent=2) + "\n", encoding="utf-8")
    nltk_target = prefix / "share" / "nltk_data"
    shutil.copytree(NLTK_DATA, nltk_target, dirs_exist_ok=True)
    return [settings, nltk_target]


def _validate(_args) -> int:
    """Validate the data files; print each problem."""
    problems = validate_data()
    for problem in problems:
        print(problem)
    print("data: all files valid" if not problems else f"data: {len(problems)} problem(s)")
    return 1 if problems else 0


def _setup(_args) -> int:
    """Set up the environment; print what was written."""
    for path in setup_environment():
        print(f"wrote {path}")
    return 0


def _make_exercises(args) -> int:
    """Generate (or, with --check, compare) the exercises."""
    paths = make_exercises(check=args.check)
    for path in paths:
        print(f"differs: {path}" if args.check else path)
    return 1 if args.check and paths else 0


def _execute_lessons(_args) -> int:
    """Re-execute every lesson."""
    for path in execute_lessons():
        print(f"executed {path}")
    return 0


def _student_bundle(args) -> int:
    """Build the student bundle (from the last commit); say why when it is refused."""
    try:
        print(build_student_bundle(mode=args.mode))
    except BundleError as err:
        print(f"student-bundle refused: {err}", file=sys.stderr)
        return 1
    return 0


def _grade(args) -> int:
    """Grade a class."""
    return grade_class(
        Path(args.submissions),
        Path(args.out),
        roster=args.roster,
        jobs=args.jobs,
        run=args.run_notebooks,
        timeout=args.timeout,
    )


#: what to do when the grades folder holds no graded run (one line)
NO_RUN = (
    "review: {grades} holds no graded run ({why}): grade the class first "
    "(make grade SUBMISSIONS=folder), then run make review"
)


def _review(args) -> int:
    """Open the review page of a grading run in Voila (until Ctrl-C)."""
    grades = Path(args.grades)
    try:
        ReviewModel(grades)
    except NoGradedRun as err:
        print(NO_RUN.format(grades=grades, why=err), file=sys.stderr)
        return 1
    try:
        process, url = start_voila(grades, args.rubrics, args.port)
    except RuntimeError as err:
        print(f"review: {err}", file=sys.stderr)
        return 1
    print(f"review: the page is at {url} (stop with Ctrl-C)", file=sys.stderr)
    if not args.no_browser:
        webbrowser.open(url)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=30)
        return 0


def _analyse(args) -> int:
    """Analyse a text file and print the report (plain text or JSON)."""
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        print(
            f"Cannot read {path}: {err.strerror if isinstance(err, OSError) else err}. "
            "Give a plain UTF-8 text file, one paragraph a line.",
            file=sys.stderr,
        )
        return 1
    report = analyse_text(text)
    print(json.dumps(report, indent=1, ensure_ascii=False) if args.json else format_report(report))
    return 0


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser: one sub-command per task, each with an example."""
    parser = argparse.ArgumentParser(
        prog="python -m medialit",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"medialit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, example: str, run) -> argparse.ArgumentParser:
        found = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  python -m medialit {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        found.set_defaults(run=run)
        return found

    def generator(name: str, help_text: str, check_help: str, run) -> None:
        """A command that writes generated files, or with --check only reports stale ones."""
        made = command(name, help_text, f"{name} --check", run)
        made.add_argument("--check", action="store_true", help=check_help)

    command(
        "setup", "write the Jupyter settings and NLTK data into this environment", "setup", _setup
    )
    command("validate", "check every data file against its schema", "validate", _validate)
    generator(
        "make-exercises",
        "generate exercises/ from solutions/",
        "only report drift, write nothing",
        _make_exercises,
    )
    command(
        "execute-lessons",
        "re-execute every lesson and store its outputs",
        "execute-lessons",
        _execute_lessons,
    )
    bundle = command(
        "student-bundle",
        "write dist/student/ and dist/student.zip from the last commit",
        "student-bundle --mode assessed",
        _student_bundle,
    )
    bundle.add_argument(
        "--mode",
        choices=("practice", "assessed"),
        default="practice",
        help="practice: feedback on every question; assessed: exercises are marked later",
    )
    grade = command(
        "grade",
        "grade a class's submitted exercise notebooks",
        "grade submissions --out grades",
        _grade,
    )
    grade.add_argument("submissions", help="folder of submissions, one sub-folder per student")
    grade.add_argument(
        "--out", default="grades", help="where to write the gradebook (default grades/)"
    )
    grade.add_argument(
        "--roster", type=Path, help="CSV: folder name -> LMS ids (docs/instructor-guide.md)"
    )
    grade.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    grade.add_argument(
        "--run",
        dest="run_notebooks",
        action="store_true",
        help="also run each notebook in a sandbox for a 'runs cleanly' column (needs bwrap)",
    )
    grade.add_argument(
        "--timeout", type=int, default=60, help="with --run: seconds per notebook (default 60)"
    )
    review = command(
        "review",
        "open the review page of a grading run in Voila: free-text answers, rubrics, "
        "your points and comments (saved to grades/review.csv)",
        "review --grades grades",
        _review,
    )
    review.add_argument(
        "--grades", default="grades", help="the grading run's folder (default grades/)"
    )
    review.add_argument(
        "--rubrics", type=Path, help="folder of the instructor pages (default docs/instructor)"
    )
    review.add_argument("--port", type=int, default=0, help="Voila's port (default: a free one)")
    review.add_argument(
        "--no-browser", action="store_true", help="do not open a browser (print the address)"
    )
    analyse = command(
        "analyse",
        "list the sources, attributions, unattributed sentences and "
        "framing devices of a text file (automatic findings: check them)",
        "analyse article.txt --json",
        _analyse,
    )
    analyse.add_argument("file", help="a UTF-8 text file, one paragraph a line")
    analyse.add_argument("--json", action="store_true", help="print JSON instead of plain text")
    generator(
        "make-figures",
        "draw the course's charts into data/figures/ (execute-lessons does it first)",
        "only report stale figures",
        _make_figures,
    )
    generator(
        "make-bank",
        "store the compiled question bank in data/questions.public.json (lessons load it fast)",
        "only report a stale bank",
        _make_bank,
    )
    return parser


def _make_bank(args) -> int:
    """Write (or, with --check, compare) the stored compiled bank."""
    stale = write_compiled(check=args.check)
    target = data_dir() / PUBLIC_FILE
    if args.check:
        print(f"stale: {target}" if stale else f"up to date: {target}")
        return 1 if stale else 0
    print(f"wrote {target}" if stale else f"up to date: {target}")
    return 0


def _make_figures(args) -> int:
    """Draw (or, with --check, compare) the stored figures."""
    paths = make_figures(check=args.check)
    for path in paths:
        print(f"stale: {path}" if args.check else f"wrote {path}")
    return 1 if args.check and paths else 0


def main(argv=None) -> int:
    """Run one command line; return the exit status.

    Args:
        argv: the arguments (default ``sys.argv[1:]``).
    """
    args = _parser().parse_args(argv)
    return args.run(args)
