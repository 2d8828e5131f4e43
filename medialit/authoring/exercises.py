"""Solutions are the single source: generating the exercises from them.

``make_exercises`` writes ``exercises/NN-slug.ipynb`` from
``solutions/NN-slug.ipynb``:

- code between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes
  ``answer_exNN_K = ...  # your answer here`` (one line per assignment target
  found in the block; ``...  # your answer here`` when there is none);
- markdown between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``
  is removed;
- outputs and execution counts are cleared, cell ids kept, metadata
  normalised; the bytes are the same on every run.
"""

from __future__ import annotations

import re
from pathlib import Path

from medialit.paths import require_checkout

__all__ = [
    "BEGIN",
    "END",
    "strip_solution_code",
    "strip_solution_markdown",
    "exercise_from_solution",
    "notebook_bytes",
    "normalise_metadata",
    "make_exercises",
]

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
_MD_BLOCK = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->.*?<!--\s*END SOLUTION\s*-->\n?", re.S)
_TARGET = re.compile(r"^(\s*)(answer_\w+)\s*=(?!=)")
#: cell metadata kept in generated notebooks (nbval tags, editing locks, slides)
_CELL_KEYS = ("tags", "editable", "deletable", "slideshow", "jupyter")


def strip_solution_code(source: str) -> str:
    """Replace each ``# BEGIN SOLUTION`` ... ``# END SOLUTION`` block of a code cell.

    A target already assigned outside the blocks (e.g. ``answer_ex03_1 =
    labeler_ex03_1.answer`` for a widget question) gets no ``...`` line, so the
    exercise keeps the widget's answer.

    Args:
        source: the cell's source.

    Returns:
        The source with each block replaced by ``answer_x = ...  # your answer here``.
    """
    out: list[str | tuple[list[str], str]] = []
    block: list[str] | None = None
    indent, outside = "", set[str]()
    for line in source.split("\n"):
        stripped = line.strip()
        if block is None and stripped == BEGIN:
            block, indent = [], line[: len(line) - len(line.lstrip())]
        elif block is not None and stripped == END:
            out.append((block, indent))
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
            match = _TARGET.match(line)
            outside.update([match.group(2)] if match else [])
    if block is not None:  # an unclosed block: hide it all the same
        out.append((block, indent))
    lines = []
    for entry in out:
        lines += _placeholders(*entry, outside) if isinstance(entry, tuple) else [entry]
    return "\n".join(lines)


def _placeholders(block: list[str], indent: str, outside: set) -> list[str]:
    """One ``name = ...`` line per assignment target in a solution block."""
    targets: list[tuple[str, str]] = []
    for line in block:
        match = _TARGET.match(line)
        if match and match.group(2) not in [t for _, t in targets]:
            targets.append((match.group(1), match.group(2)))
    if not targets:
        return [f"{indent}...  # your answer here"]
    return [
        f"{space}{name} = ...  # your answer here" for space, name in targets if name not in outside
    ]


def strip_solution_markdown(source: str) -> str:
    """Remove ``<!-- BEGIN SOLUTION -->`` ... ``<!-- END SOLUTION -->`` from markdown.

    Args:
        source: the cell's markdown.

    Returns:
        The markdown without the solution blocks (trailing blank lines trimmed).
    """
    return _MD_BLOCK.sub("", source).rstrip("\n")


def normalise_metadata(nb) -> None:
    """Keep the kernelspec and the kernel's language_info; keep only stable cell keys.

    JupyterLab and Notebook 7 write the kernel's ``language_info`` into a
    notebook as soon as its kernel starts and mark the notebook unsaved when
    it differs from the stored one, so the language_info an executed notebook
    got from its kernel is kept whole; a notebook without one gets
    ``{"name": "python"}``. An exercise keeps its solution's.
    """
    kernelspec = nb.metadata.get("kernelspec") or {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    language = dict(nb.metadata.get("language_info") or {"name": "python"})
    nb.metadata = {"kernelspec": dict(kernelspec), "language_info": language}
    for cell in nb.cells:
        cell.metadata = {k: cell.metadata[k] for k in _CELL_KEYS if k in cell.metadata}


def exercise_from_solution(nb):
    """Turn a solution notebook (nbformat node) into its exercise, in place.

    Args:
        nb: the solution notebook (read with nbformat, version 4).

    Returns:
        The same notebook object, now the exercise.
    """
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = strip_solution_code(cell.source)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = strip_solution_markdown(cell.source)
    normalise_metadata(nb)
    return nb


def notebook_bytes(nb) -> bytes:
    """Serialise a notebook deterministically (indent 1, sorted keys, final newline)."""
    import nbformat

    text = nbformat.writes(nb)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def make_exercises(
    check: bool = False, solutions: Path | None = None, exercises: Path | None = None
) -> list[Path]:
    """Generate ``exercises/NN-slug.ipynb`` from ``solutions/NN-slug.ipynb``.

    Args:
        check: only compare: write nothing, return the files that differ.
        solutions: the solutions folder (default ``solutions/`` of the repository).
        exercises: the exercises folder (default ``exercises/`` of the repository).

    Returns:
        With ``check``: exercise files that are missing, different, or have no
        solution. Without: the files written.
    """
    import nbformat

    if solutions is None or exercises is None:
        root = require_checkout("Making the exercises")
        solutions = solutions or root / "solutions"
        exercises = exercises or root / "exercises"
    solutions, exercises = Path(solutions), Path(exercises)
    changed = []
    sources = sorted(solutions.glob("*.ipynb"))
    for source in sources:
        target = exercises / source.name
        data = notebook_bytes(exercise_from_solution(nbformat.read(source, as_version=4)))
        if check:
            if not target.exists() or target.read_bytes() != data:
                changed.append(target)
        else:
            exercises.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            changed.append(target)
    if check:
        names = {p.name for p in sources}
        changed += [p for p in sorted(exercises.glob("*.ipynb")) if p.name not in names]
    return changed
