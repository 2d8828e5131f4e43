"""Writing the results: CSV files, LMS imports, feedback pages, the run summary.

Files in the output folder (``grades/`` by default):

- ``gradebook.csv``: one row per student and question (score, points, status,
  ``marking`` = ``auto`` (scored by the computer), ``review`` (not a plain value:
  no points until a teacher reviews it) or ``reviewed`` (the teacher's points),
  ``provisional`` = ``yes`` for a score a teacher should still look at (a
  free-text answer marked ``auto``, or one marked ``review``), where the answer
  came from, check attempts, the answer as text);
- ``totals.csv``: one row per student, one column per exercise, the total, and
  how many of the student's answers are still provisional;
- ``canvas.csv``: Canvas's gradebook import layout (Student, ID, SIS User ID,
  SIS Login ID, Section, one column per exercise, a "Points Possible" row);
- ``moodle.csv``: for Moodle's "Import grades from CSV" (Email address,
  Username, ID number, Full name, one column per exercise; map the identifier
  column to the matching user field when importing);
- ``questions.csv``: per question, mean score, answers needing review, the most
  common wrong answer, mean check attempts;
- ``feedback/<student>.html``: a styled, accessible page per student (provisional
  scores say so);
- ``answers.json``: the answers the review page shows (``make review``): every
  answered free-text question and every answer not marked ``auto``, with the
  answer text cut to ``MAX_TEXT_CHARS`` (``ANSWERS_FORMAT`` describes it);
- ``report.txt``: the run summary, also printed on screen.

Every CSV cell that a spreadsheet could read as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``.
The files are plain text: no terminal colour codes anywhere.
"""

from __future__ import annotations

import csv
import html
import json
import os
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from medialit.grading.course import Exercise
from medialit.grading.find import Problem
from medialit.grading.score import StudentResult

__all__ = [
    "SECTIONS",
    "GRADEBOOK_COLUMNS",
    "ROSTER_COLUMNS",
    "escape_cell",
    "load_roster",
    "REVIEW_COLUMNS",
    "ANSWERS_FORMAT",
    "load_reviews",
    "feedback_html",
    "Progress",
    "Rendered",
    "render",
    "Reports",
]

#: the summary's sections, in order: (problem kind, heading)
SECTIONS = (
    ("no notebook", "Folders with no notebook"),
    ("rejected", "Corrupt or rejected files (not opened or not read)"),
    ("extra", "Renamed, copied or extra notebooks (never graded)"),
    ("review", "Questions needing review (no points until a teacher decides)"),
    ("reviewed", "Reviewed by the teacher (grades/review.csv)"),
    ("names", "Student names (changed or refused)"),
    ("layout", "Notebooks found one level down (graded)"),
    ("roster", "Roster"),
    ("runs", "Runs cleanly (optional, in a sandbox; never part of the scores)"),
    ("course", "Course set-up"),
)
GRADEBOOK_COLUMNS = (
    "student",
    "notebook",
    "question",
    "title",
    "points",
    "score",
    "earned",
    "status",
    "marking",
    "provisional",
    "answer_from",
    "attempts",
    "answer",
)
REVIEW_COLUMNS = ("student", "question", "points", "comment")
#: ``answers.json``: ``{"format": 1, "questions": {qid: {title, points, kind, prompt,
#: notebook}}, "answers": [{student, notebook, question, points, machine_points,
#: marking, status, source, answer}]}``; ``points`` are the points that count now,
#: ``machine_points`` the computer's (before a review)
ANSWERS_FORMAT = 1
ROSTER_COLUMNS = (
    "folder",
    "name",
    "canvas_id",
    "sis_user_id",
    "sis_login_id",
    "section",
    "email",
    "username",
    "id_number",
)
#: at most this many lines of one summary section are printed on screen (all go to report.txt)
SCREEN_LINES = 20
#: the questions report keeps at most this many distinct wrong answers per question
_WRONG_KEPT = 2_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.5;
       color: #1b1b1b; background: #ffffff; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #1b1b1b; }
p.total { font-size: 1.2rem; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #6b6b6b; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #ececec; }
td.points { white-space: nowrap; text-align: right; }
td.result { white-space: nowrap; font-weight: bold; }
.note { border-left: 4px solid #1b1b1b; padding: 0.25rem 0.75rem; background: #f6f6f6; }
"""


def escape_cell(value):
    """Make one CSV cell safe to open in a spreadsheet.

    Args:
        value: a cell value; numbers pass unchanged.

    Returns:
        The value, with ``'`` before text that starts like a formula.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _num(value: float) -> str:
    """A number without a needless ``.0``."""
    return f"{round(value, 3):g}"


class _Csv:
    r"""A CSV file written row by row (UTF-8, ``\n`` line ends, every text cell escaped)."""

    def __init__(self, path: Path, header):
        """Open the file and write the header."""
        self.handle = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.handle, lineterminator="\n")
        self.row(header)

    def row(self, values) -> None:
        """Write one row."""
        self.writer.writerow([escape_cell(v) for v in values])

    def close(self) -> None:
        """Close the file."""
        self.handle.close()


def load_roster(path: Path) -> tuple[dict[str, dict], list[Problem]]:
    """Read a roster: CSV with a ``folder`` column and any of ``ROSTER_COLUMNS``.

    Args:
        path: the roster file (the teacher's; UTF-8 CSV with a header row).

    Returns:
        ``(folder name -> row, problems)``.
    """
    problems = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if "folder" not in (reader.fieldnames or []):
            return {}, [
                Problem("", "roster", f"{path}: no 'folder' column: the roster was not used")
            ]
        roster = {}
        for row in reader:
            folder = (row.get("folder") or "").strip()
            if folder in roster:
                problems.append(
                    Problem(
                        folder,
                        "roster",
                        f"the roster lists {folder!r} twice: the first row is used",
                    )
                )
            elif folder:
                roster[folder] = {k: (row.get(k) or "").strip() for k in ROSTER_COLUMNS}
    return roster, problems


def _review_row(row: dict, points: dict[str, float]) -> tuple[tuple, tuple] | str:
    """One review.csv row as ``((student, qid), (points, comment))``, or why it is refused."""
    student, qid = (row.get("student") or "").strip(), (row.get("question") or "").strip()
    if not student or qid not in points:
        return (
            f"review.csv: {student or '(no student)'} {qid or '(no question)'}: not a question "
            "of this course: not used"
        )
    try:
        given = float((row.get("points") or "").strip())
    except ValueError:
        return (
            f"review.csv: {student} {qid}: points {row.get('points')!r} is not a number: not used"
        )
    if not 0 <= given <= points[qid]:
        outside = f"{given:g} points is outside 0 to {points[qid]:g}"
        return f"review.csv: {student} {qid}: {outside}: not used"
    return (student, qid), (given, (row.get("comment") or "").strip())


def load_reviews(path: Path, exercises: list[Exercise]) -> tuple[dict, list[Problem]]:
    """Read the teacher's reviews: CSV with ``REVIEW_COLUMNS`` (written by hand or a review page).

    Args:
        path: ``grades/review.csv`` (missing: no reviews).
        exercises: the course's exercises (question ids and points).

    Returns:
        ``((student, question id) -> (points, comment), problems)``; a refused row is a problem.
    """
    if not Path(path).is_file():
        return {}, []
    points = {q.qid: q.points for e in exercises for q in e.questions}
    reviews, problems = {}, []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            found = _review_row(row, points)
            if isinstance(found, str):
                problems.append(Problem("", "reviewed", found))
            else:
                reviews[found[0]] = found[1]
    return reviews, problems


def _status_cell(question) -> str:
    """A result as symbol and words (never colour alone); a provisional score says so."""
    auto_text = question.provisional and question.marking == "auto"
    return f"{question.symbol} {question.status}" + (" (provisional)" if auto_text else "")


def _exercise_section(result) -> list[str]:
    """The feedback page's section for one exercise handed in."""
    esc, ex = html.escape, result.exercise
    parts = [
        f"<section><h2>{esc(ex.title)}: {_num(result.earned)} of {_num(ex.points)} points</h2>"
    ]
    parts += [f'<p class="note"><strong>Note:</strong> {esc(note)}</p>' for note in result.notes]
    parts.append(
        f"<table><caption>{esc(ex.stem)}: your result for each question</caption>"
        '<thead><tr><th scope="col">Question</th><th scope="col">Result</th>'
        '<th scope="col">Points</th><th scope="col">Feedback</th></tr></thead><tbody>'
    )
    for q in result.questions:
        parts.append(
            f'<tr><th scope="row">{esc(q.qid)}: {esc(q.title)}</th>'
            f'<td class="result">{esc(_status_cell(q))}</td>'
            f'<td class="points">{_num(q.earned)} of {_num(q.points)}</td>'
            f"<td>{esc(q.message)}</td></tr>"
        )
    parts.append("</tbody></table></section>")
    return parts


def feedback_html(result: StudentResult, exercises: list[Exercise]) -> str:
    """A styled, accessible feedback page for one student.

    Args:
        result: the student's results.
        exercises: the course's exercises (for the total possible).

    Returns:
        The page (HTML with its CSS inline).
    """
    esc = html.escape
    possible = sum(e.points for e in exercises)
    handed = [r for r in result.exercises if r.handed_in]
    missing = [r.exercise.stem for r in result.exercises if not r.handed_in]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Feedback for {esc(result.student)}</title><style>{_STYLE}</style></head>",
        f"<body><main><h1>Feedback for {esc(result.student)}</h1>",
        f'<p class="total">Total: {_num(result.earned)} of {_num(possible)} points</p>',
        f"<p>Exercises handed in: {len(handed)} of {len(exercises)}."
        + (f" Not handed in: {esc(', '.join(missing))}." if missing else "")
        + "</p>",
    ]
    for exercise_result in handed:
        parts += _exercise_section(exercise_result)
    parts.append(
        "<p>Points marked “for review” are not counted yet: your teacher will look at "
        "those answers. A “(provisional)” score was given by the computer to a written "
        "answer: your teacher may change it after reading your answer.</p></main></body></html>"
    )
    return "\n".join(parts) + "\n"


class Progress:
    """A plain-text progress bar for the class, one line per tenth done.

    Args:
        total: the number of students.
        write: called with each line (no colour codes, no carriage returns).
        width: characters of the bar.
    """

    def __init__(self, total: int, write, width: int = 30):
        """Start at zero."""
        self.total, self.write, self.width = total, write, width
        self.done, self._shown = 0, -1

    def line(self) -> str:
        """The bar as text, e.g. ``grading [#####-----] 15 of 30 students``."""
        filled = self.width * self.done // self.total if self.total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        return f"grading [{bar}] {self.done} of {self.total} students"

    def step(self, count: int = 1) -> None:
        """Count students done; write a line at each tenth and at the end."""
        self.done += count
        tenth = 10 * self.done // self.total if self.total else 10
        if self.write and tenth != self._shown:
            self._shown = tenth
            self.write(self.line())


@dataclass
class Rendered:
    """One student's results made ready to write (done in the worker that graded them).

    Attributes:
        student: the student id.
        folder: the folder name as submitted.
        rows: the gradebook rows.
        page: the feedback page.
        marks: exercise number -> points (exercises handed in).
        problems: what the summary reports.
        questions: (qid, score, marking, attempts, answer, provisional) per question, for
            questions.csv.
        answers: the records of ``answers.json`` (see ``ANSWERS_FORMAT``).
    """

    student: str
    folder: str
    rows: list
    page: str
    marks: dict
    problems: list
    questions: list
    answers: list = field(default_factory=list)

    @property
    def provisional(self) -> int:
        """How many of the student's answers are still provisional."""
        return sum(1 for question in self.questions if question[5])


def render(result: StudentResult, exercises: list[Exercise]) -> Rendered:
    """Make one student's gradebook rows and feedback page.

    Args:
        result: the student's results.
        exercises: the course's exercises.

    Returns:
        What :meth:`Reports.add` writes.
    """
    rows, marks, questions, answers = [], {}, [], []
    for exercise_result in result.exercises:
        if not exercise_result.handed_in:
            continue
        marks[exercise_result.exercise.number] = exercise_result.earned
        for q in exercise_result.questions:
            if q.reviewable:
                answers.append(_answer_record(result.student, exercise_result.exercise.stem, q))
            rows.append(
                [
                    result.student,
                    exercise_result.exercise.stem,
                    q.qid,
                    q.title,
                    _num(q.points),
                    f"{q.score:.3f}",
                    _num(q.earned),
                    q.status,
                    q.marking,
                    "yes" if q.provisional else "no",
                    q.source,
                    "" if q.attempts is None else q.attempts,
                    q.answer,
                ]
            )
            questions.append((q.qid, q.score, q.marking, q.attempts, q.answer, q.provisional))
    return Rendered(
        result.student,
        result.folder,
        rows,
        feedback_html(result, exercises),
        marks,
        list(result.problems),
        questions,
        answers,
    )


def _answer_record(student: str, notebook: str, q) -> dict:
    """One record of ``answers.json`` (see ``ANSWERS_FORMAT``)."""
    return {
        "student": student,
        "notebook": notebook,
        "question": q.qid,
        "points": q.earned,
        "machine_points": q.earned if q.machine is None else q.machine,
        "marking": q.marking,
        "status": q.status,
        "source": q.source,
        "answer": q.text or q.answer,
    }


class _Stats:
    """Per-question figures for questions.csv (bounded memory)."""

    def __init__(self):
        """Empty counters."""
        self.scores, self.reviews = defaultdict(list), Counter()
        self.attempts, self.wrong = defaultdict(list), defaultdict(Counter)
        self.provisional: Counter = Counter()

    def add(
        self, qid: str, score: float, marking: str, attempts, answer: str, provisional: bool
    ) -> None:
        """Count one question result."""
        self.scores[qid].append(score)
        if marking == "review":
            self.reviews[qid] += 1
        if provisional:
            self.provisional[qid] += 1
        if attempts is not None:
            self.attempts[qid].append(attempts)
        if answer and marking == "auto" and score < 1:
            wrong = self.wrong[qid]
            wrong[answer[:200]] += 1
            if len(wrong) > _WRONG_KEPT:
                for answer in [a for a, n in wrong.items() if n == 1][: _WRONG_KEPT // 2]:
                    del wrong[answer]


class _AnswersFile:
    """``answers.json`` written record by record (memory flat in class size), then renamed.

    The file appears whole or not at all: it is written to a temporary name in the
    same folder and renamed when closed.
    """

    def __init__(self, path: Path, exercises: list[Exercise]):
        """Start the file with the course's free-text and other questions."""
        self.path = path
        handle, self.partial = tempfile.mkstemp(prefix=".answers-", suffix=".json", dir=path.parent)
        self.handle = os.fdopen(handle, "w", encoding="utf-8")
        questions = {
            q.qid: {
                "title": q.title,
                "points": q.points,
                "kind": q.kind,
                "prompt": q.prompt,
                "notebook": e.stem,
            }
            for e in exercises
            for q in e.questions
        }
        head = json.dumps({"format": ANSWERS_FORMAT, "questions": questions}, ensure_ascii=False)
        self.handle.write(head[:-1] + ', "answers": [')
        self.first = True

    def add(self, records: list[dict]) -> None:
        """Write one student's records."""
        for record in records:
            self.handle.write(
                ("\n" if self.first else ",\n") + json.dumps(record, ensure_ascii=False)
            )
            self.first = False

    def close(self) -> None:
        """End the file and put it in place."""
        self.handle.write("\n]}\n")
        self.handle.close()
        os.chmod(self.partial, 0o644)
        os.replace(self.partial, self.path)


class Reports:
    """Every output file of a grading run, written as students are graded.

    Args:
        out: the output folder.
        exercises: the course's exercises.
        roster: folder name -> roster row (None: no roster).
    """

    def __init__(self, out: Path, exercises: list[Exercise], roster: dict | None = None):
        """Create the folder and start gradebook.csv."""
        self.out, self.exercises, self.roster = Path(out), exercises, roster
        (self.out / "feedback").mkdir(parents=True, exist_ok=True)
        self.gradebook = _Csv(self.out / "gradebook.csv", GRADEBOOK_COLUMNS)
        self.totals: list[tuple[str, str, dict[str, float], int]] = []
        self.answers = _AnswersFile(self.out / "answers.json", exercises)
        self.problems: list[Problem] = []
        self.stats = _Stats()
        self.runs: list[tuple[str, str, str, str]] = []

    def add(self, done: Rendered) -> None:
        """Write one student's rows and feedback page (see :func:`render`); keep the totals."""
        for row in done.rows:
            self.gradebook.row(row)
        for question in done.questions:
            self.stats.add(*question)
        self.totals.append((done.student, done.folder, done.marks, done.provisional))
        self.answers.add(done.answers)
        self.problems += done.problems
        (self.out / "feedback" / f"{done.student}.html").write_text(done.page, encoding="utf-8")

    def add_problems(self, problems: list[Problem]) -> None:
        """Add problems found outside any one student's grading."""
        self.problems += problems

    def add_run(self, student: str, notebook: str, clean: str, detail: str) -> None:
        """Record one notebook's sandbox run (the optional "runs cleanly" column)."""
        self.runs.append((student, notebook, clean, detail))
        if clean != "yes":
            self.problems.append(
                Problem(student, "runs", f"{notebook}: does not run cleanly: {detail}")
            )

    def _write_totals(self) -> None:
        """totals.csv: one row per student, one column per exercise, the total."""
        table = _Csv(
            self.out / "totals.csv",
            ["student", *(e.stem for e in self.exercises), "total", "provisional_answers"],
        )
        for student, _folder, marks, provisional in sorted(self.totals):
            table.row(
                [
                    student,
                    *(_num(marks[e.number]) if e.number in marks else "" for e in self.exercises),
                    _num(sum(marks.values())),
                    provisional,
                ]
            )
        table.close()

    def _lms_rows(self):
        """(roster row, student id, marks) for the LMS files; unknown folders reported."""
        rows = []
        for student, folder, marks, _provisional in sorted(self.totals):
            if self.roster is None:
                rows.append(
                    ({"name": student, "sis_login_id": student, "username": student}, marks)
                )
                continue
            entry = self.roster.get(folder) or self.roster.get(student)
            if entry is None:
                self.problems.append(
                    Problem(
                        student,
                        "roster",
                        f"{student}: not in the roster: left out of canvas.csv and moodle.csv",
                    )
                )
            else:
                rows.append(({**entry, "name": entry["name"] or student}, marks))
        if self.roster is not None:
            seen = {key for s, f, _m, _p in self.totals for key in (s, f)}
            self.problems += [
                Problem(
                    folder,
                    "roster",
                    f"the roster lists {folder!r} but no such folder was handed in",
                )
                for folder in sorted(set(self.roster) - seen)
            ]
        return rows

    def _write_lms(self) -> None:
        """canvas.csv and moodle.csv from the roster (or the folder names)."""
        titles = [e.title for e in self.exercises]
        canvas = _Csv(
            self.out / "canvas.csv",
            ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *titles],
        )
        canvas.row(
            ["    Points Possible", "", "", "", "", *(_num(e.points) for e in self.exercises)]
        )
        moodle = _Csv(
            self.out / "moodle.csv",
            ["Email address", "Username", "ID number", "Full name", *titles],
        )
        for entry, marks in self._lms_rows():
            grades = [_num(marks[e.number]) if e.number in marks else "" for e in self.exercises]
            canvas.row(
                [
                    entry["name"],
                    entry.get("canvas_id", ""),
                    entry.get("sis_user_id", ""),
                    entry.get("sis_login_id", ""),
                    entry.get("section", ""),
                    *grades,
                ]
            )
            moodle.row(
                [
                    entry.get("email", ""),
                    entry.get("username", ""),
                    entry.get("id_number", ""),
                    entry["name"],
                    *grades,
                ]
            )
        canvas.close()
        moodle.close()

    def _write_questions(self) -> None:
        """questions.csv: per question, the class's figures."""
        table = _Csv(
            self.out / "questions.csv",
            [
                "question",
                "title",
                "points",
                "students",
                "mean_score",
                "for_review",
                "provisional",
                "mean_attempts",
                "most_common_wrong_answer",
                "times",
            ],
        )
        stats = self.stats
        for exercise in self.exercises:
            for q in exercise.questions:
                scores = stats.scores.get(q.qid)
                if not scores:
                    continue
                common = sorted(stats.wrong[q.qid].items(), key=lambda item: (-item[1], item[0]))[
                    :1
                ]
                tries = stats.attempts.get(q.qid)
                table.row(
                    [
                        q.qid,
                        q.title,
                        _num(q.points),
                        len(scores),
                        f"{sum(scores) / len(scores):.3f}",
                        stats.reviews[q.qid],
                        stats.provisional[q.qid],
                        f"{sum(tries) / len(tries):.1f}" if tries else "",
                        common[0][0] if common else "",
                        common[0][1] if common else 0,
                    ]
                )
        table.close()

    def _write_runs(self) -> None:
        """runs.csv, when notebooks were run in the sandbox."""
        if self.runs:
            table = _Csv(self.out / "runs.csv", ["student", "notebook", "runs_cleanly", "detail"])
            for row in sorted(self.runs):
                table.row(row)
            table.close()

    def summary(self, students: int, folders: int) -> tuple[str, str]:
        """The run summary: ``(full text for report.txt, shorter text for the screen)``."""
        head = [
            f"medialit grading summary: {students} students graded from {folders} folders",
            f"exercises: {len(self.exercises)}; "
            f"questions: {sum(len(e.questions) for e in self.exercises)}",
            f"written to {self.out}: gradebook.csv, totals.csv, canvas.csv, moodle.csv, "
            "questions.csv, answers.json, "
            f"report.txt, feedback/ ({len(self.totals)} pages)"
            + (", runs.csv" if self.runs else ""),
        ]
        provisional = sum(self.stats.provisional.values())
        if provisional:
            head.append(
                f"provisional scores: {provisional} (free-text answers scored by the computer "
                "and answers for review): check them with make review"
            )
        full, screen = list(head), list(head)
        by_kind = defaultdict(list)
        for problem in self.problems:
            by_kind[problem.kind].append(problem)
        for kind, heading in SECTIONS:
            found = by_kind.get(kind, [])
            if kind == "runs" and not self.runs:
                continue
            lines = [
                f"  - {p.student}: {p.text}"
                if p.student and not p.text.startswith(p.student)
                else f"  - {p.text}"
                for p in found
            ]
            title = f"\n{heading}: {len(found) or 'none'}"
            full += [title, *lines]
            screen += [title, *lines[:SCREEN_LINES]]
            if len(lines) > SCREEN_LINES:
                screen.append(
                    f"  ... and {len(lines) - SCREEN_LINES} more: see {self.out / 'report.txt'}"
                )
        return "\n".join(full) + "\n", "\n".join(screen)

    def close(self, students: int, folders: int) -> str:
        """Write the remaining files and report.txt; return the on-screen summary."""
        self.gradebook.close()
        self.answers.close()
        self._write_totals()
        self._write_lms()
        self._write_questions()
        self._write_runs()
        full, screen = self.summary(students, folders)
        (self.out / "report.txt").write_text(full, encoding="utf-8")
        return screen
