"""Grading a class: ``python -m medialit grade DIR --out grades``.

Submissions: one folder per student (the folder name is the student id)
holding exercise notebooks ``NN-slug.ipynb`` and, optionally, the student's
``answers/`` folder (widget answers, ``exercise-NN.json``).

Submissions are not trusted:

1. Stored outputs are ignored. For each notebook a clean copy is built: a
   set-up cell (strict mode, the student's answers folder, an output cap), the
   import lines of the first code cell, the student's answer cells only
   (cells assigning ``answer_exNN_K`` and the first code cell after each
   ``### exNN_K`` heading, e.g. a widget), a check cell per question
   regenerated from the bank, and a final hidden cell that writes every
   answer value (JSON, ``repr`` as a fallback) to a results file.
2. The clean copies run under ``pytest --nbval-lax`` with pytest-xdist
   (``-n <cores> --dist loadfile``) and a cell timeout, with
   ``MEDIALIT_STRICT=1`` so a wrong answer fails its check cell in the log.
   An endless loop, ``sys.exit``, a crash or a dead kernel costs only that
   notebook: it is reported as an error, the rest is graded.
3. Scores come from ``check()`` in this process, with the instructor's bank,
   on the collected answers; an unanswered notebook answer falls back to the
   widget answer read straight from the submitted ``answers/`` folder.

Outputs in ``--out``: ``gradebook.csv`` (one row per student and question),
``pytest-log.txt`` (the test run, which cells failed), ``totals.csv`` (one row per student, one column per exercise notebook, for an
LMS such as Canvas or Moodle), ``questions.csv`` (mean score and most common
wrong answer per question) and ``feedback/<student>.html``.
"""
from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from medialit.assessment import load_bank
from medialit.assessment.coerce import is_empty
from medialit.paths import data_dir, require_checkout

__all__ = [
    "Submission",
    "find_submissions",
    "clean_notebook",
    "run_notebooks",
    "score_submission",
    "grade_class",
    "write_reports",
]

#: characters a submission may print before the rest is cut
OUTPUT_LIMIT = 1_000_000
_HEADING = re.compile(r"^\s*#{1,6}\s*(ex\d+_\w+?)\b", re.M)
_ASSIGN = re.compile(r"^\s*answer_(ex\d+_\w+)\s*=(?!=)", re.M)
_IMPORT = re.compile(r"^(from\s+[\w.]+\s+)?import\s+[\w., ()*]+$")
_STEM = re.compile(r"^(\d+)")

_SETUP = '''# medialit grading set-up (generated)
import os, sys
os.environ["MEDIALIT_STRICT"] = "1"
os.environ["MEDIALIT_ANSWERS"] = {answers!r}
class _MedialitCappedStream:
    def __init__(self, stream, limit):
        self._stream, self._left = stream, limit
    def write(self, text):
        if self._left <= 0:
            return len(text)
        part = text[: self._left]
        self._left -= len(text)
        self._stream.write(part if self._left > 0 else part + "\\n[output cut by the grader]\\n")
        return len(text)
    def __getattr__(self, name):
        return getattr(self._stream, name)
sys.stdout = _MedialitCappedStream(sys.stdout, {limit})
sys.stderr = _MedialitCappedStream(sys.stderr, {limit})'''

_RESULTS = '''# medialit grading: collect the answers (generated)
import json as _medialit_json
def _medialit_plain(value):
    if value is ...:
        return {{"ellipsis": True}}
    try:
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=repr)
        return {{"json": _medialit_json.loads(_medialit_json.dumps(value, allow_nan=False))}}
    except Exception:
        try:
            return {{"repr": repr(value)[:2000]}}
        except Exception:
            return {{"repr": "(unreadable)"}}
with open({path!r}, "w", encoding="utf-8") as _medialit_file:
    _medialit_json.dump({{q: _medialit_plain(globals().get("answer_" + q, ...)) for q in {ids!r}}}, _medialit_file)'''


@dataclass
class Submission:
    """One student's exercise notebook (or widget answers alone) and its result.

    Attributes:
        student: the student id (the folder name).
        stem: the notebook's stem, e.g. ``"03-who-says-what"``.
        number: the exercise number, e.g. ``"03"``.
        notebook: the submitted notebook (None for widget answers alone).
        answers: the submitted answers folder (may not exist).
        error: why the notebook could not be graded ("" when it ran).
        values: question id -> answer collected from the notebook.
        feedback: question id -> (Feedback, where the answer came from).
    """

    student: str
    stem: str
    number: str
    notebook: Path | None
    answers: Path
    error: str = ""
    values: dict = field(default_factory=dict)
    feedback: dict = field(default_factory=dict)
    clean: Path | None = None
    results: Path | None = None


def find_submissions(folder: Path) -> list[Submission]:
    """List every student's notebooks (and widget-only answer files).

    Args:
        folder: the submissions folder (one sub-folder per student).

    Returns:
        Submissions sorted by student and notebook.
    """
    found = []
    for student in sorted(p for p in Path(folder).iterdir() if p.is_dir()):
        numbers = set()
        for notebook in sorted(student.glob("*.ipynb")):
            match = _STEM.match(notebook.stem)
            if match:
                numbers.add(match.group(1))
                found.append(Submission(student.name, notebook.stem, match.group(1), notebook, student / "answers"))
        for saved in sorted((student / "answers").glob("exercise-*.json")):
            number = saved.stem.split("-", 1)[1]
            if number not in numbers:
                found.append(Submission(student.name, saved.stem, number, None, student / "answers"))
    return found


def _question_ids(bank, number: str) -> list[str]:
    """The bank's exercise questions of one exercise notebook, in bank order."""
    return [qid for qid in bank.questions if qid.startswith(f"ex{number}_")]


def _source(cell) -> str:
    """A cell's source as one string (notebook JSON may hold a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _read_notebook(path: Path) -> dict:
    """Read a notebook as plain JSON (no nbformat: it is slow to import)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError("not a notebook")
    return nb


def _import_lines(nb) -> list[str]:
    """The pure import lines of a notebook's first code cell."""
    first = next((c for c in nb["cells"] if c.get("cell_type") == "code"), None)
    lines = _source(first).splitlines() if first else []
    return [line for line in lines if _IMPORT.match(line.strip())]


def _answer_cells(nb, ids: list[str]) -> dict[str, list[str]]:
    """Group the student's answer cells by question id (other cells are dropped)."""
    cells, current, first_after = defaultdict(list), None, False
    for cell in nb["cells"]:
        source, kind = _source(cell), cell.get("cell_type")
        if kind == "markdown":
            match = _HEADING.search(source)
            if match:
                current, first_after = match.group(1), True
            continue
        if kind != "code":
            continue
        assigned = _ASSIGN.findall(source)
        if assigned:
            cells[assigned[0]].append(source)
        elif current and first_after and "check(" not in source:
            cells[current].append(source)
        first_after = False
    return {qid: cells.get(qid, []) for qid in ids}


def _code(source: str, cell_id: str) -> dict:
    """A fresh code cell (no outputs)."""
    return {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": {},
            "outputs": [], "source": source}


def clean_notebook(source_nb, ids: list[str], answers: Path, results: Path, template=None) -> dict:
    """Build the clean notebook that grading runs (see the module docstring).

    Args:
        source_nb: the student's notebook (notebook JSON as a dict).
        ids: the question ids of this notebook.
        answers: the answers folder the kernel should use.
        results: where the final cell writes the answers.
        template: the instructor's exercise notebook (for the import lines), or None.

    Returns:
        The clean notebook as a dict (nbformat 4.5 JSON).
    """
    imports = _import_lines(template if template is not None else source_nb)
    cells = [_code(_SETUP.format(answers=str(answers), limit=OUTPUT_LIMIT), "grading-setup"),
             _code("\n".join(dict.fromkeys(imports + ["from medialit import check"])), "grading-imports")]
    for qid, sources in _answer_cells(source_nb, ids).items():
        cells += [_code(text, f"answer-{qid}-{n}") for n, text in enumerate(sources)]
        cells.append(_code(f'check("{qid}", answer_{qid})', qid))
    cells.append(_code(_RESULTS.format(path=str(results), ids=ids), "grading-results"))
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return {"cells": cells, "metadata": {"kernelspec": kernelspec}, "nbformat": 4, "nbformat_minor": 5}


def _prepare(subs: list[Submission], bank, work: Path, templates: Path | None) -> None:
    """Write the clean notebooks (and answers copies) into ``work``."""
    for sub in subs:
        if sub.notebook is None:
            continue
        folder = work / _safe(sub.student)
        folder.mkdir(parents=True, exist_ok=True)
        answers = folder / "answers"
        if sub.answers.is_dir() and not answers.exists():
            shutil.copytree(sub.answers, answers)
        try:
            source_nb = _read_notebook(sub.notebook)
        except (OSError, ValueError) as err:  # a broken file is that student's problem only
            sub.error = f"the notebook file could not be read ({type(err).__name__})"
            continue
        template_path = templates / sub.notebook.name if templates else None
        template = _read_notebook(template_path) if template_path and template_path.exists() else None
        sub.results = folder / f"{sub.stem}.results.json"
        sub.clean = folder / f"{sub.stem}.ipynb"
        nb = clean_notebook(source_nb, _question_ids(bank, sub.number), answers, sub.results, template)
        sub.clean.write_text(json.dumps(nb, indent=1, sort_keys=True), encoding="utf-8")


def _safe(name: str) -> str:
    """A file-system-safe version of a student id."""
    return re.sub(r"[^\w.-]", "_", name) or "student"


def _fast_imports(work: Path) -> Path:
    """Write a ``sitecustomize`` that skips an optional, slow import.

    jsonschema (loaded by nbformat in every pytest worker) imports
    ``rfc3987_syntax`` when installed, which builds a grammar for seconds at
    start-up; the grader never validates IRIs, so its processes skip it.
    """
    folder = work / "_site"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(
        "import sys\nsys.modules.setdefault('rfc3987_syntax', None)\n", encoding="utf-8")
    return folder


def run_notebooks(paths: list[Path], work: Path, jobs: int, timeout: int, data: Path,
                  progress=print, results: list[Path] = ()) -> Path:
    """Run clean notebooks under pytest + nbval (lax) + xdist in strict mode.

    Args:
        paths: the clean notebooks.
        work: the working folder (pytest's root; the log and JUnit file go here).
        jobs: parallel notebooks.
        timeout: seconds per cell.
        data: the instructor's data folder (``MEDIALIT_DATA`` for the kernels).
        progress: called with a line of text as notebooks finish (None: quiet).
        results: the results files to watch for progress.

    Returns:
        The JUnit XML report file (may be missing if pytest could not start).
    """
    (work / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n", encoding="utf-8")
    junit = work / "junit.xml"
    command = [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env",
               f"--nbval-cell-timeout={timeout}", "-c", str(work / "pytest.ini"), "--rootdir", str(work),
               "-q", "-p", "no:randomly", f"--junitxml={junit}"]
    workers = max(1, min(jobs, len(paths)))
    if workers > 1:
        command += ["-n", str(workers), "--dist", "loadfile"]
    env = {**os.environ, "MEDIALIT_STRICT": "1", "MEDIALIT_DATA": str(data), "MPLBACKEND": "Agg",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(_fast_imports(work)), os.environ.get("PYTHONPATH")]))}
    deadline = time.monotonic() + 120 + (timeout + 10) * 40 * len(paths) / workers
    with open(work / "pytest.log", "wb") as log:
        proc = subprocess.Popen(command + [str(p) for p in paths], cwd=work, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        done = -1
        while proc.poll() is None:
            finished = sum(p.exists() for p in results)
            if progress and finished != done:
                progress(f"grading: {finished} of {len(paths)} notebooks done")
                done = finished
            if time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
            time.sleep(0.2)
    if progress:
        progress(f"grading: {sum(p.exists() for p in results)} of {len(paths)} notebooks finished")
    return junit


def _failure_reasons(junit: Path, timeout: int) -> dict[str, str]:
    """Map a clean notebook's JUnit class name to a kind reason its run went wrong."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(junit).getroot()
    except (OSError, ET.ParseError):
        return {}
    dead, slow = set(), set()
    for case in root.iter("testcase"):
        text = " ".join((f.get("message") or "") + (f.text or "") for f in case if f.tag in ("failure", "error"))
        name = case.get("classname", "")
        if "Kernel dead" in text or "Failed to interrupt kernel" in text:
            dead.add(name)
        elif "Timeout" in text:
            slow.add(name)
    reasons = {name: f"a cell ran longer than {timeout} seconds and was stopped" for name in slow}
    reasons.update({name: "the notebook stopped its own Python kernel (a crash, an exit or a cell "
                          "that could not be stopped)" for name in dead})
    return reasons


def _reason_for(sub: Submission, work: Path, reasons: dict[str, str]) -> str:
    """The failure reason of one clean notebook ("" when it ran normally)."""
    name = sub.clean.relative_to(work).as_posix().replace("/", ".")
    return reasons.get(name, "")


def _read_values(path: Path) -> dict:
    """Read the results file written by the final cell."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    values = {}
    for qid, entry in raw.items():
        if not isinstance(entry, dict):
            continue
        if entry.get("ellipsis"):
            values[qid] = ...
        elif "json" in entry:
            values[qid] = entry["json"]
        else:
            values[qid] = _Unreadable(entry.get("repr", ""))
    return values


class _Unreadable:
    """An answer that was not plain data (only its repr came back)."""

    def __init__(self, text: str):
        """Keep the repr text."""
        self.text = text

    def __repr__(self) -> str:
        """The answer's repr as collected."""
        return self.text


def _widget_answers(sub: Submission) -> dict:
    """The widget answers saved in the submitted answers folder (read directly)."""
    path = sub.answers / f"exercise-{sub.number}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def score_submission(sub: Submission, bank) -> None:
    """Check every question of one submission with the instructor's bank (in place).

    Args:
        sub: the submission (``values`` already collected, or an ``error``).
        bank: the instructor's ``medialit.checks.Bank``.
    """
    widgets = _widget_answers(sub)
    for qid in _question_ids(bank, sub.number):
        value, source = sub.values.get(qid, ...), "notebook"
        if is_empty(value) and not is_empty(widgets.get(qid)):
            value, source = widgets[qid], "widget"
        if isinstance(value, _Unreadable):
            value = object()
        sub.feedback[qid] = (bank.check(qid, value), source, value)


def grade_class(submissions: Path, out: Path = Path("grades"), jobs: int = 0, timeout: int = 60,
                data: Path | None = None, exercises: Path | None = None, progress=print) -> int:
    """Grade every submission and write the reports.

    Args:
        submissions: one sub-folder per student.
        out: where to write the reports.
        jobs: notebooks run in parallel (0: all cores).
        timeout: seconds per cell.
        data: the instructor's data folder (default ``data_dir()``).
        exercises: the instructor's exercise notebooks (import lines); default ``exercises/``.
        progress: called with progress lines (None: quiet).

    Returns:
        0 when grading ran (errors of single submissions are in the reports), 1 without submissions.
    """
    data = Path(data) if data else data_dir()
    bank = load_bank(data)
    subs = find_submissions(Path(submissions))
    if not subs:
        if progress:
            progress(f"no submissions found in {submissions}")
        return 1
    jobs = jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="medialit-grading-") as tmp:
        work = Path(tmp)
        _prepare(subs, bank, work, Path(exercises) if exercises else require_checkout("Grading without an exercises folder") / "exercises")
        runnable = [s for s in subs if s.clean is not None]
        reasons = {}
        if runnable:
            junit = run_notebooks([s.clean for s in runnable], work, jobs, timeout, data, progress,
                                  [s.results for s in runnable])
            reasons = _failure_reasons(junit, timeout)
            Path(out).mkdir(parents=True, exist_ok=True)
            if (work / "pytest.log").exists():
                shutil.copy(work / "pytest.log", Path(out) / "pytest-log.txt")
        for sub in runnable:
            sub.error = _reason_for(sub, work, reasons)
            try:
                sub.values = _read_values(sub.results)
            except (OSError, ValueError):
                sub.error = sub.error or "the notebook did not finish (the kernel stopped)"
    for sub in subs:
        score_submission(sub, bank)
    write_reports(subs, bank, Path(out))
    if progress:
        progress(f"wrote {Path(out) / 'gradebook.csv'}")
    return 0


def _answer_text(value) -> str:
    """A stable text form of an answer, for the questions report."""
    try:
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=repr)
        return json.dumps(value, sort_keys=True, ensure_ascii=False)[:200]
    except (TypeError, ValueError):
        return "(not plain data)"


def write_reports(subs: list[Submission], bank, out: Path) -> None:
    """Write gradebook.csv, totals.csv, questions.csv and feedback/<student>.html.

    Args:
        subs: scored submissions.
        bank: the instructor's bank (question order and points).
        out: the reports folder.
    """
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for sub in subs:
        for qid, (feedback, source, _value) in sub.feedback.items():
            rows.append({
                "student": sub.student, "notebook": sub.stem, "question": qid,
                "score": f"{feedback.score:.3f}", "points": _num(feedback.points),
                "earned": _num(round(feedback.score * feedback.points, 3)),
                "status": f"error: {sub.error}" if sub.error else feedback.status,
                "answer_from": source if feedback.answered else "",
            })
    _write_csv(out / "gradebook.csv", rows, ["student", "notebook", "question", "score", "points",
                                             "earned", "status", "answer_from"])
    _write_totals(out / "totals.csv", subs)
    _write_questions(out / "questions.csv", subs, bank)
    feedback_dir = out / "feedback"
    feedback_dir.mkdir(exist_ok=True)
    for student in sorted({s.student for s in subs}):
        mine = [s for s in subs if s.student == student]
        (feedback_dir / f"{_safe(student)}.html").write_text(_feedback_html(student, mine), encoding="utf-8")


def _num(value) -> str:
    """Write a number without a needless ``.0``."""
    return f"{value:g}"


def _write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    """Write rows as CSV (UTF-8, \\n line ends) with a header."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _write_totals(path: Path, subs: list[Submission]) -> None:
    """One row per student, one column per exercise notebook, and a total."""
    stems = sorted({s.stem for s in subs if s.notebook is not None} or {s.stem for s in subs})
    by_student = defaultdict(dict)
    for sub in subs:
        earned = sum(f.score * f.points for f, _s, _v in sub.feedback.values())
        by_student[sub.student][sub.stem] = by_student[sub.student].get(sub.stem, 0) + earned
    rows = []
    for student, marks in sorted(by_student.items()):
        row = {"student": student, **{stem: _num(round(marks.get(stem, 0), 3)) for stem in stems}}
        row["total"] = _num(round(sum(marks.values()), 3))
        rows.append(row)
    _write_csv(path, rows, ["student", *stems, "total"])


def _write_questions(path: Path, subs: list[Submission], bank) -> None:
    """Per question: answers seen, mean score, the most common wrong answer."""
    scores, wrong = defaultdict(list), defaultdict(Counter)
    for sub in subs:
        for qid, (feedback, _source, value) in sub.feedback.items():
            scores[qid].append(feedback.score)
            if feedback.answered and not feedback.correct:
                wrong[qid][_answer_text(value)] += 1
    rows = []
    for qid in [q for q in bank.questions if q in scores]:
        common = sorted(wrong[qid].items(), key=lambda item: (-item[1], item[0]))
        rows.append({
            "question": qid, "points": _num(bank.questions[qid].get("points", 1)),
            "students": len(scores[qid]), "mean_score": f"{sum(scores[qid]) / len(scores[qid]):.3f}",
            "most_common_wrong_answer": common[0][0] if common else "",
            "times": common[0][1] if common else 0,
        })
    _write_csv(path, rows, ["question", "points", "students", "mean_score", "most_common_wrong_answer", "times"])


def _feedback_html(student: str, subs: list[Submission]) -> str:
    """A plain, kind feedback page for one student."""
    esc = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>Feedback for {esc(student)}</title></head><body>",
             f"<h1>Feedback for {esc(student)}</h1>"]
    for sub in subs:
        earned = sum(f.score * f.points for f, _s, _v in sub.feedback.values())
        possible = sum(f.points for f, _s, _v in sub.feedback.values())
        parts.append(f"<h2>{esc(sub.stem)}: {_num(round(earned, 2))} of {_num(possible)} points</h2>")
        if sub.error:
            parts.append(f"<p><strong>Note:</strong> this notebook could not be run to the end: {esc(sub.error)}. "
                         "Answers saved by the widgets were still counted. Please ask your teacher if this "
                         "looks wrong.</p>")
        parts.append("<ul>")
        for qid, (feedback, _source, _value) in sub.feedback.items():
            parts.append(f"<li><strong>{esc(qid)}: {esc(feedback.symbol)} {esc(feedback.status)}</strong>"
                         f" ({_num(round(feedback.score * feedback.points, 2))} of {_num(feedback.points)})"
                         f"<br>{esc(feedback.message)}</li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
