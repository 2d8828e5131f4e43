"""Executing the lessons: every lesson is committed with its outputs.

``execute_lessons`` re-executes each lesson with nbclient (kernel ``python3``,
working folder ``lessons/``, answers in a temporary folder) and stores the
outputs in place, so strict nbval can compare them on every test run.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from medialit.authoring.exercises import normalise_metadata, notebook_bytes
from medialit.paths import require_checkout

__all__ = ["execute_lessons"]


def _clean_outputs(nb) -> None:
    """Drop run-specific metadata (timings) so stored outputs are stable."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)


def execute_lessons(lessons: Path | None = None, timeout: int = 600) -> list[Path]:
    """Re-execute every lesson with nbclient and store the outputs in place.

    Args:
        lessons: the lessons folder (default ``lessons/`` of the repository).
        timeout: seconds per cell.

    Returns:
        The notebooks executed.
    """
    import nbformat
    from nbclient import NotebookClient

    lessons = Path(lessons) if lessons else require_checkout("Executing the lessons") / "lessons"
    done = []
    saved = os.environ.get("MEDIALIT_ANSWERS")
    with tempfile.TemporaryDirectory() as answers:
        os.environ["MEDIALIT_ANSWERS"] = answers
        try:
            for path in sorted(lessons.glob("*.ipynb")):
                nb = nbformat.read(path, as_version=4)
                NotebookClient(
                    nb,
                    timeout=timeout,
                    kernel_name="python3",
                    record_timing=False,
                    resources={"metadata": {"path": str(lessons)}},
                ).execute()
                _clean_outputs(nb)
                normalise_metadata(nb)
                path.write_bytes(notebook_bytes(nb))
                done.append(path)
        finally:
            if saved is None:
                os.environ.pop("MEDIALIT_ANSWERS", None)
            else:
                os.environ["MEDIALIT_ANSWERS"] = saved
    return done
