"""Cleaning what was found: student names, links and special files, sizes, duplicates.

Student ids (the rules are in docs/instructor-guide.md, "What the grader refuses"):

- a student id is the folder name, NFC-normalised, with every run of characters
  outside the safe set (letters and digits of any script, ``.``, ``_``, ``-``)
  replaced by one ``_``, leading and trailing ``.``, ``_`` and ``-`` removed, cut to
  ``MAX_NAME_CHARS`` characters; a changed name is reported;
- two folders whose ids are equal ignoring case (``al ice`` and ``al_ice``) are
  both refused and reported: neither is graded, so neither gets the other's grade;
- a folder whose id would be empty is refused.

Files: only regular files are opened (``lstat`` first, then ``O_NOFOLLOW`` and
``O_NONBLOCK`` with an ``fstat`` check, so a link or FIFO swapped in later is still
refused without blocking), and each is read up to its size limit. One notebook
per exercise counts: the one with the instructor's file name. Copies such as
``01-whose-article (1).ipynb`` and any other notebook are reported, never graded.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from medialit.grading.find import KIND_WORDS, Entry, Location, Problem, scan
from medialit.grading.limits import MAX_NAME_CHARS
from medialit.grading.read import Unreadable

__all__ = ["StudentFiles", "clean_name", "assign_ids", "pick_files", "read_regular"]

_UNSAFE = re.compile(r"[^\w.-]+")
_ANSWERS = re.compile(r"^exercise-(\d+)\.json$")
_NUMBER = re.compile(r"^(\d+)")


@dataclass
class StudentFiles:
    """One student's files to grade (paths only; nothing opened yet).

    Attributes:
        student: the student id.
        folder: the folder name as submitted.
        root: the student's folder (reports name files relative to it).
        notebooks: exercise number -> the notebook to grade.
        answers: exercise number -> the widget answers file to read.
        problems: what the summary reports about this student's files.
    """

    student: str
    folder: str
    root: Path
    notebooks: dict[str, Path] = field(default_factory=dict)
    answers: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def clean_name(raw: str) -> str:
    """Turn a folder name into a student id (see the module docstring).

    Args:
        raw: the folder name.

    Returns:
        The id ("" when nothing usable is left).
    """
    name = unicodedata.normalize("NFC", raw)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip("._-")
    return name[:MAX_NAME_CHARS].rstrip("._-")


def assign_ids(folders: list[Entry]) -> tuple[list[tuple[str, Entry]], list[Problem]]:
    """Give each student folder its id; refuse empty ids and collisions.

    Args:
        folders: the student folders.

    Returns:
        ``([(student id, folder)], problems)``, sorted by id.
    """
    by_key: dict[str, list[tuple[str, Entry]]] = {}
    problems = []
    for folder in folders:
        student = clean_name(folder.name)
        if not student:
            problems.append(
                Problem(
                    folder.name,
                    "names",
                    f"folder {folder.name!r}: its name has no letter or digit: not graded",
                )
            )
            continue
        by_key.setdefault(student.casefold(), []).append((student, folder))
    kept = []
    for group in by_key.values():
        if len(group) > 1:
            names = ", ".join(repr(f.name) for _s, f in group)
            problems.append(
                Problem(
                    group[0][0],
                    "names",
                    f"folders {names} all become the student id "
                    f"{group[0][0]!r}: none of them is graded; rename "
                    "them apart and grade again",
                )
            )
            continue
        student, folder = group[0]
        if student != folder.name:
            problems.append(
                Problem(student, "names", f"folder {folder.name!r} is graded as {student!r}")
            )
        kept.append((student, folder))
    return sorted(kept, key=lambda pair: pair[0]), problems


def _where(place: Location, name: str) -> str:
    """An entry's path relative to the student folder."""
    return f"{place.label}/{name}" if place.label else name


def _notebook_problem(student: str, where: str, name: str, expected: dict[str, str]) -> Problem:
    """The report line for a notebook that is not an exercise file name."""
    match = _NUMBER.match(name)
    target = next((f for f, n in expected.items() if match and n == match.group(1)), None)
    if target:
        text = f"{where}: not graded (only {target} counts; rename it to grade it)"
    else:
        text = f"{where}: not an exercise of this course: not graded"
    return Problem(student, "extra", text)


def _pick_notebooks(files: StudentFiles, places: list[Location], expected: dict[str, str]) -> dict:
    """Choose one notebook per exercise; report every other notebook. Returns number -> place."""
    chosen_at: dict[str, Location] = {}
    for place in places:
        for entry in place.entries:
            if not entry.name.endswith(".ipynb"):
                continue
            where = _where(place, entry.name)
            number = expected.get(entry.name)
            if entry.kind != "file":
                files.problems.append(
                    Problem(
                        files.student, "rejected", f"{where}: {KIND_WORDS[entry.kind]}: not opened"
                    )
                )
            elif number is None:
                files.problems.append(_notebook_problem(files.student, where, entry.name, expected))
            elif number in files.notebooks:
                first = _where(chosen_at[number], entry.name)
                files.problems.append(
                    Problem(
                        files.student,
                        "extra",
                        f"{where}: a second {entry.name} (graded: {first}): not graded",
                    )
                )
            else:
                files.notebooks[number], chosen_at[number] = entry.path, place
    return chosen_at


def _answers_in(place: Location, files: StudentFiles) -> dict[str, Path]:
    """The exercise answers files of one location's ``answers/`` folder (links refused)."""
    entry = next((e for e in place.entries if e.name == "answers"), None)
    if entry is None:
        return {}
    where = _where(place, "answers")
    if entry.kind != "dir":
        files.problems.append(
            Problem(
                files.student,
                "rejected",
                f"{where}: {KIND_WORDS[entry.kind]}, not a folder: not opened",
            )
        )
        return {}
    found = {}
    entries, note = scan(entry.path)
    if note:
        files.problems.append(Problem(files.student, "rejected", f"{where}/ {note}"))
    for item in entries:
        match = _ANSWERS.match(item.name)
        if not match:
            if ".corrupt" in item.name and item.name.startswith("exercise-"):
                files.problems.append(
                    Problem(
                        files.student,
                        "rejected",
                        f"{where}/{item.name}: answers set aside as unreadable "
                        "while the student worked: not read",
                    )
                )
            continue
        if item.kind != "file":
            files.problems.append(
                Problem(
                    files.student,
                    "rejected",
                    f"{where}/{item.name}: {KIND_WORDS[item.kind]}: not opened",
                )
            )
            continue
        found[f"{int(match.group(1)):02d}"] = item.path
    return found


def _pick_answers(files: StudentFiles, places: list[Location], chosen_at: dict) -> None:
    """One answers file per exercise: beside its notebook, else the first found."""
    candidates: dict[str, list[tuple[Location, Path]]] = {}
    for place in places:
        for number, path in _answers_in(place, files).items():
            candidates.setdefault(number, []).append((place, path))
    for number, options in sorted(candidates.items()):
        beside = [o for o in options if o[0] is chosen_at.get(number)]
        place, path = (beside or options)[0]
        files.answers[number] = path
        for other, extra in options:
            if extra != path:
                files.problems.append(
                    Problem(
                        files.student,
                        "extra",
                        f"{_where(other, 'answers/' + extra.name)}: a second answers "
                        f"file for exercise {number} (read: "
                        f"{_where(place, 'answers/' + path.name)}): not read",
                    )
                )


def pick_files(
    student: str, folder: Entry, places: list[Location], expected: dict[str, str]
) -> StudentFiles:
    """Choose the notebooks and answers files to grade for one student.

    Args:
        student: the student id.
        folder: the student's folder.
        places: the folder and its sub-folders (``medialit.grading.find.locations``).
        expected: the instructor's exercise file name -> exercise number.

    Returns:
        The student's files, with every copy, extra, link or special file reported.
    """
    files = StudentFiles(student, folder.name, folder.path)
    chosen_at = _pick_notebooks(files, places, expected)
    _pick_answers(files, places, chosen_at)
    below = sorted({p.label for p in chosen_at.values() if p.label})
    for label in below:
        files.problems.append(
            Problem(student, "layout", f"notebooks found in {label}/ (one level down): graded")
        )
    if not files.notebooks:
        text = "no exercise notebook (looked in the folder and one level down)" + (
            "; only its widget answers files were read" if files.answers else ": nothing to grade"
        )
        files.problems.append(Problem(student, "no notebook", text))
    return files


def read_regular(path: Path, limit: int) -> bytes:
    """Read a regular file of at most ``limit`` bytes, refusing anything else.

    Args:
        path: the file (already seen as a regular file by ``lstat``).
        limit: the largest size accepted.

    Returns:
        The file's bytes.

    Raises:
        Unreadable: a link, a special file, a file over the limit, or unreadable.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise Unreadable("a symbolic link: not followed") from None
        raise Unreadable(f"could not be opened ({err.strerror})") from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file: not read")
        if info.st_size > limit:
            raise Unreadable(f"larger than {limit:,} bytes: not read")
        data = os.read(handle, limit + 1)
        while len(data) <= limit:
            more = os.read(handle, limit + 1 - len(data))
            if not more:
                break
            data += more
        if len(data) > limit:
            raise Unreadable(f"larger than {limit:,} bytes: not read")
        return data
    finally:
        os.close(handle)
