"""Finding submissions: one folder per student, looked at with ``lstat`` only.

Nothing is opened here and no link is followed: every entry is classified by
``os.scandir`` with ``follow_symlinks=False`` as a folder, a regular file, a
symbolic link or a special file (FIFO, device, socket). A student's notebooks
are looked for in the student's folder and one level down (``dave/exercises/``,
the layout the student README describes).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from medialit.grading.limits import MAX_ENTRIES

__all__ = ["Entry", "Location", "Problem", "scan", "find_students", "locations"]

#: folders one level down that never hold a student's notebooks
_NOT_LOCATIONS = {"answers", "__pycache__", ".ipynb_checkpoints", "__MACOSX"}


@dataclass(frozen=True)
class Problem:
    """Something the run summary reports.

    Attributes:
        student: the student id (or the folder name when it has none yet).
        kind: the summary section (see ``medialit.grading.report.SECTIONS``).
        text: what happened, in plain words.
    """

    student: str
    kind: str
    text: str


@dataclass(frozen=True)
class Entry:
    """One directory entry as ``lstat`` sees it.

    Attributes:
        name: the entry's name.
        path: its path.
        kind: ``"dir"``, ``"file"``, ``"link"`` or ``"special"``.
    """

    name: str
    path: Path
    kind: str


@dataclass
class Location:
    """A folder that may hold a student's notebooks (the student folder or one below).

    Attributes:
        label: the folder relative to the student folder (``""`` for the folder itself).
        entries: its entries, sorted by name.
        truncated: True when the folder held more than ``MAX_ENTRIES`` entries.
    """

    label: str
    entries: list[Entry] = field(default_factory=list)
    truncated: bool = False


def _kind(entry: os.DirEntry) -> str:
    """Classify an entry without following a link."""
    mode = entry.stat(follow_symlinks=False).st_mode
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "special"


def scan(folder: Path, limit: int = MAX_ENTRIES) -> tuple[list[Entry], bool]:
    """List a folder's entries (at most ``limit``), sorted by name.

    Args:
        folder: the folder.
        limit: the most entries read.

    Returns:
        ``(entries, truncated)``.
    """
    entries, truncated = [], False
    with os.scandir(folder) as found:
        for count, entry in enumerate(found):
            if count >= limit:
                truncated = True
                break
            try:
                entries.append(Entry(entry.name, Path(entry.path), _kind(entry)))
            except OSError:
                entries.append(Entry(entry.name, Path(entry.path), "special"))
    return sorted(entries, key=lambda e: e.name), truncated


KIND_WORDS = {
    "link": "a symbolic link",
    "special": "a special file (FIFO, device or socket)",
    "file": "a file",
    "dir": "a folder",
}


def find_students(folder: Path) -> tuple[list[Entry], list[Problem]]:
    """The student folders of a submissions folder; everything else is reported.

    Args:
        folder: the submissions folder.

    Returns:
        ``(student folders, problems)``; links and files at the top are problems.
    """
    entries, truncated = scan(Path(folder), limit=100 * MAX_ENTRIES)
    students, problems = [], []
    for entry in entries:
        if entry.kind == "dir":
            students.append(entry)
        else:
            problems.append(
                Problem(
                    entry.name,
                    "rejected",
                    f"{entry.name!r} is {KIND_WORDS[entry.kind]}, not a student folder: "
                    "not opened, not graded",
                )
            )
    if truncated:
        problems.append(
            Problem(
                "",
                "rejected",
                f"more than {100 * MAX_ENTRIES} entries in the "
                "submissions folder: the rest were not read",
            )
        )
    return students, problems


def locations(student: Entry) -> tuple[list[Location], list[Problem]]:
    """The student folder and each real folder one level down, with their entries.

    Args:
        student: the student's folder (from :func:`find_students`).

    Returns:
        ``(locations, problems)``; the student folder comes first, then its
        sub-folders by name. Linked sub-folders are reported, never entered.
    """
    problems = []
    top_entries, truncated = scan(student.path)
    found = [Location("", top_entries, truncated)]
    for entry in top_entries:
        if entry.name in _NOT_LOCATIONS or entry.name.startswith("."):
            continue
        if entry.kind == "link" and not entry.name.endswith((".ipynb", ".json")):
            problems.append(
                Problem(student.name, "rejected", f"{entry.name}: a symbolic link: not followed")
            )
        elif entry.kind == "dir":
            below, cut = scan(entry.path)
            found.append(Location(entry.name, below, cut))
    for place in found:
        if place.truncated:
            where = f"{place.label}/" if place.label else "the folder"
            problems.append(
                Problem(
                    student.name,
                    "rejected",
                    f"{where} holds more than {MAX_ENTRIES} entries: the rest were not read",
                )
            )
    return found, problems
