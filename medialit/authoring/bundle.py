"""The student bundle: ``python -m medialit student-bundle [--mode practice|assessed]``.

``build_student_bundle`` writes ``dist/student/`` and ``dist/student.zip`` from
the **last commit** (``git archive HEAD`` of the bundled paths), never from the
working tree: it refuses outside a git checkout and when a bundled path has
uncommitted changes or untracked files, so a teacher's test answers and stray
folders cannot slip in. The bundle holds only what students need: lessons,
exercises (outputs cleared), the ``medialit`` package, the data without the
question TOML files (with the compiled ``data/questions.public.json``),
``pyproject.toml``, ``requirements.txt``, the licence and a README for students.

Two modes:

- ``practice`` (default): every question gives immediate feedback from the
  salted, hashed key. Hashing stops anyone from *reading* an answer in the
  files; it does not stop anyone from *trying* answers until one is right, and
  the student README says so.
- ``assessed``: exercise questions keep only what a widget needs to show them
  (prompt, options, items, labels, passage, points); no key, salt, hint,
  explanation, per-option feedback or rubric. ``check()`` records the answer
  and says it will be marked. The gold annotations (``data/annotations.json``)
  are left out, and the lessons' stored outputs are cleared, because both show
  the gold reading of the article that exercises ask for. Lesson self-checks
  keep their feedback.

The zip is deterministic: sorted entries, fixed timestamps and permissions.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path

from medialit.article import load_article
from medialit.assessment.bank import PUBLIC_FILE, bank_json
from medialit.assessment.keys import compile_bank
from medialit.paths import require_checkout

__all__ = [
    "MODES",
    "BundleError",
    "STUDENT_README",
    "ASSESSED_FIELDS",
    "student_readme",
    "assessed_bank",
    "copy_data",
    "committed_tree",
    "build_student_bundle",
    "zip_folder",
]

MODES = ("practice", "assessed")
#: what the bundle takes from the last commit (folders and files), when present
COPY = ("lessons", "exercises", "medialit", "data", "pyproject.toml", "requirements.txt", "LICENSE")
#: the fields an exercise question keeps in an assessed bundle (a widget needs them to show it)
ASSESSED_FIELDS = ("id", "type", "points", "objective", "prompt", "items", "labels", "passage")
_SKIP = {"__pycache__", ".ipynb_checkpoints", "answers", ".pytest_cache", ".hypothesis"}
_EXERCISE = re.compile(r"^ex\d+_\w+$")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class BundleError(Exception):
    """The bundle cannot be built; the message says why and what to do."""


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
- Answer with the widgets, or in the answer cells (replace the `...` with a plain value:
  text in quote marks, a number, or a list such as `["P1.1", "P8.1"]`), then run the check
  cell below. Your teacher's grader reads plain values only: an answer cell that computes
  its answer is looked at by hand.
- Widget answers are saved in the `answers/` folder next to the notebook. Each time you
  check an answer, the count of tries is saved there too, and your teacher sees it.
{mode}
## Handing in

Send your whole `exercises/` folder: the exercise notebooks, with their names unchanged
(`01-whose-article.ipynb`, not `01-whose-article (1).ipynb`), and the `answers/` folder
inside it. A renamed or copied notebook is not graded.
"""

_PRACTICE = """
## Checks tell you at once (practice copy)

The checks compare your answer with a hashed key, so the answers cannot be read in the
files. They can still be found by trying: each check says whether an answer is right, so
trying one answer after another reveals it. That is fine for practice; what counts is
what you can explain.
"""

_ASSESSED = """
## Exercise answers are marked by your teacher (assessed copy)

In the exercises, a check saves your answer and tells you that it will be marked; it does
not say whether the answer is right. The self-checks in the lessons still give feedback.
"""


def student_readme(mode: str) -> str:
    """The student README for a bundle mode.

    Args:
        mode: ``"practice"`` or ``"assessed"``.

    Returns:
        The README text (Markdown).
    """
    return STUDENT_README.format(mode=_ASSESSED if mode == "assessed" else _PRACTICE)


def _check_mode(mode: str) -> None:
    """Refuse an unknown mode."""
    if mode not in MODES:
        raise BundleError(f"unknown bundle mode {mode!r}: use one of {', '.join(MODES)}")


def assessed_bank(compiled: dict) -> dict:
    """Strip every exercise question of a compiled bank to what a widget shows.

    Args:
        compiled: ``keys.compile_bank`` output.

    Returns:
        A new bank: exercise questions hold ``ASSESSED_FIELDS``, option ids and
        texts, and ``"assessed": true``; lesson questions are unchanged.
    """
    questions = []
    for q in compiled.get("questions", []):
        if _EXERCISE.match(str(q.get("id", ""))):
            kept = {k: q[k] for k in ASSESSED_FIELDS if k in q}
            if "options" in q:
                kept["options"] = [
                    {"id": o["id"], "text": o.get("text", o["id"])} for o in q["options"]
                ]
            q = {**kept, "assessed": True}
        questions.append(q)
    return {**compiled, "questions": questions}


def _ignore(_folder, names):
    """Names copytree leaves out (caches, saved answers, compiled files)."""
    return [n for n in names if n in _SKIP or n.endswith((".pyc", ".egg-info"))]


def copy_data(source: Path, target: Path, mode: str = "practice") -> Path:
    """Copy a data folder for students: no question files, the compiled public bank.

    Args:
        source: the instructor's data folder.
        target: the folder to write (must not exist).
        mode: ``"practice"`` or ``"assessed"`` (no exercise keys, no gold annotations).

    Returns:
        ``target``.
    """
    _check_mode(mode)
    gold = {"annotations.json", "figures"}  # the stored figures are drawn from the gold too
    dropped = {"questions"} | (gold if mode == "assessed" else set())
    shutil.copytree(
        source,
        target,
        ignore=lambda folder, names: (
            _ignore(folder, names)
            + ([n for n in names if n in dropped] if Path(folder) == Path(source) else [])
        ),
    )
    questions = Path(source) / "questions"
    compiled = compile_bank(questions, load_article(Path(source) / "article.json").text)
    if mode == "assessed":
        compiled = assessed_bank(compiled)
    (Path(target) / PUBLIC_FILE).write_text(bank_json(compiled), encoding="utf-8")
    return Path(target)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run git in ``root``; the result holds bytes."""
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


def committed_tree(root: Path, target: Path, paths=COPY) -> Path:
    """Extract the bundled paths of the last commit into ``target``.

    Args:
        root: the course folder (inside a git checkout).
        target: an empty folder to extract into.
        paths: the paths to take, relative to ``root``.

    Returns:
        ``target``.

    Raises:
        BundleError: not a git checkout, no commit, or uncommitted changes in ``paths``.
    """
    try:
        found = _git(root, "rev-parse", "--show-toplevel", "--show-prefix")
    except OSError:
        raise BundleError(
            "git is not installed: the bundle is built from the last commit"
        ) from None
    if found.returncode or _git(root, "rev-parse", "--verify", "-q", "HEAD").returncode:
        raise BundleError(
            f"{root} is not a git checkout with a commit: the bundle is built from the last "
            "commit, so put the course in git (git init, git add, git commit) and build again"
        )
    top, prefix = (found.stdout.decode().splitlines() + [""])[:2]
    present = [
        p for p in paths if _git(root, "cat-file", "-e", f"HEAD:{prefix}{p}").returncode == 0
    ]
    if not present:
        raise BundleError(
            "the last commit holds none of the bundled paths: commit the course first"
        )
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *present)
    changed = status.stdout.decode("utf-8", "replace").splitlines()
    if changed:
        listed = "; ".join(line.strip() for line in changed[:10]) + (
            " ..." if len(changed) > 10 else ""
        )
        raise BundleError(
            f"uncommitted changes in the bundled paths ({listed}): commit or remove them, "
            "then build the bundle again"
        )
    archive = _git(
        Path(top), "archive", "--format=tar", f"HEAD:{prefix}" if prefix else "HEAD", "--", *present
    )
    if archive.returncode:
        raise BundleError(
            f"git archive failed: {archive.stderr.decode('utf-8', 'replace').strip()[:200]}"
        )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return Path(target)


def _clear_outputs(path: Path) -> None:
    """Clear a notebook's outputs, execution counts and saved widget state (in place)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb.get("metadata", {}).pop("widgets", None)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


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
            info = zipfile.ZipInfo(
                f"{folder.name}/{path.relative_to(folder).as_posix()}", _FIXED_TIME
            )
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target


def build_student_bundle(
    out: Path = Path("dist"), root: Path | None = None, mode: str = "practice"
) -> Path:
    """Write ``<out>/student/`` and ``<out>/student.zip`` from the last commit.

    Args:
        out: the output folder (default ``dist``).
        root: the course folder (default: the repository holding this package).
        mode: ``"practice"`` or ``"assessed"`` (see the module docstring).

    Returns:
        The zip file.

    Raises:
        BundleError: the bundle cannot be built from the last commit (see :func:`committed_tree`).
    """
    _check_mode(mode)
    root = Path(root) if root else require_checkout("Building the student bundle")
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="medialit-bundle-") as tmp:
        source = committed_tree(root, Path(tmp))
        student = out / "student"
        if student.exists():
            shutil.rmtree(student)
        student.mkdir(parents=True)
        for name in COPY:
            if name != "data" and (source / name).is_dir():
                shutil.copytree(source / name, student / name, ignore=_ignore)
            elif name != "data" and (source / name).is_file():
                shutil.copy2(source / name, student / name)
        if (source / "data").is_dir():
            copy_data(source / "data", student / "data", mode)
    cleared = ["exercises"] + (["lessons"] if mode == "assessed" else [])
    for folder in cleared:
        for notebook in sorted((student / folder).glob("*.ipynb")):
            _clear_outputs(notebook)
    (student / "README.md").write_text(student_readme(mode), encoding="utf-8")
    return zip_folder(student, out / "student.zip")
