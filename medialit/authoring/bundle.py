"""The student bundle: ``python -m medialit student-bundle``.

``build_student_bundle`` writes ``dist/student/`` and ``dist/student.zip``:
lessons, exercises, the data (without ``data/questions/*.toml``, with the
hashed ``data/questions.public.json``), the ``medialit`` package,
``pyproject.toml``, ``requirements.txt``, the licence and a README for
students. No ``solutions/`` and no plain-text key. The zip is deterministic:
sorted entries, fixed timestamps and permissions.
"""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from medialit.article import load_article
from medialit.assessment.keys import compile_bank
from medialit.paths import require_checkout

__all__ = ["STUDENT_README", "build_student_bundle", "zip_folder"]

#: what the bundle copies from the course (folders and files), when present
COPY = ("lessons", "exercises", "medialit", "pyproject.toml", "requirements.txt", "LICENSE")
_SKIP = {"__pycache__", ".ipynb_checkpoints", "answers", ".pytest_cache", ".hypothesis"}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

STUDENT_README = """# Who says what? Sourcing, attribution and framing (student copy)

This folder holds the lessons and the exercises of the course.

## Start

1. Install Python 3.10 or newer.
2. In this folder, run:

       python -m venv .venv
       .venv/bin/python -m pip install -r requirements.txt -e .
       .venv/bin/python -m medialit setup
       .venv/bin/jupyter lab lessons/00-start-here.ipynb

   (On Windows use `.venv\\Scripts\\python` and `.venv\\Scripts\\jupyter`.)

## Working

- Run the cells from top to bottom with Shift+Enter.
- Answer in the answer cells (replace the `...`) or with the widgets, then run the check
  cell below. The check tells you what is right and what is not right yet.
- Widget answers are saved in the `answers/` folder next to the notebook.
- To hand in, send your `exercises/` notebooks and the `exercises/answers/` folder.
"""


def _ignore(_folder, names):
    """Names shutil.copytree leaves out (caches, saved answers, compiled files)."""
    return [n for n in names if n in _SKIP or n.endswith((".pyc", ".egg-info"))]


def _copy_data(source: Path, target: Path) -> None:
    """Copy the data folder without the question files, and add the public bank."""
    shutil.copytree(source, target, ignore=lambda folder, names: _ignore(folder, names) + (
        ["questions"] if Path(folder) == source else []))
    compiled = compile_bank(source / "questions", load_article(source / "article.json").text)
    text = json.dumps(compiled, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    (target / "questions.public.json").write_text(text, encoding="utf-8")


def zip_folder(folder: Path, target: Path) -> Path:
    """Zip a folder deterministically (sorted entries, fixed time, fixed modes).

    Args:
        folder: the folder to pack; entries are named ``<folder name>/...``.
        target: the zip file to write.

    Returns:
        ``target``.
    """
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", _FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target


def build_student_bundle(out: Path = Path("dist"), root: Path | None = None) -> Path:
    """Write ``<out>/student/`` and ``<out>/student.zip``.

    Args:
        out: the output folder (default ``dist``).
        root: the course folder (default: the repository holding this package).

    Returns:
        The zip file.
    """
    root = Path(root) if root else require_checkout("Building the student bundle")
    out = Path(out)
    student = out / "student"
    if student.exists():
        shutil.rmtree(student)
    student.mkdir(parents=True)
    for name in COPY:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, student / name, ignore=_ignore)
        elif source.is_file():
            shutil.copy2(source, student / name)
    _copy_data(root / "data", student / "data")
    (student / "README.md").write_text(STUDENT_README, encoding="utf-8")
    return zip_folder(student, out / "student.zip")
