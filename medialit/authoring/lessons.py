"""Executing the lessons: every lesson is committed with its outputs.

``execute_lessons`` re-executes each lesson with nbclient (kernel ``python3``,
working folder ``lessons/``, answers in a temporary folder) and stores the
outputs in place, so strict nbval can compare them on every test run. Run on
the repository, it first draws the course's figures (``make_figures``): each
entry of ``data/figures/manifest.json`` names a chart, the data file of its
article and its options; matplotlib draws it into the entry's PNG file and the
hash of its inputs (``medialit.plots.chart_key``) is stored beside it, so the
lessons' chart cells show the stored figure without importing matplotlib.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from medialit import plots
from medialit.article import Article, load_article
from medialit.authoring.exercises import normalise_metadata, notebook_bytes
from medialit.data import read_file
from medialit.paths import require_checkout

__all__ = ["execute_lessons", "make_figures"]


def _figure_article(data: Path, name: str) -> Article:
    """The article a figure is drawn from: ``article.json`` or a passage file."""
    if name == "article.json":
        return load_article(data / name)
    record = read_file(data / name)
    return Article(
        headline=record["headline"],
        standfirst=record["standfirst"],
        paragraphs=record["paragraphs"],
        annotations=record["annotations"],
    )


def _draw_entry(data: Path, entry: dict) -> tuple[str, bytes]:
    """(inputs hash, PNG bytes) of one manifest entry, drawn live by matplotlib."""
    article = _figure_article(data, entry["article"])
    options = {"categories": entry["categories"]} if "categories" in entry else {}
    fig = getattr(plots, entry["chart"])(article, live=True, **options)
    return plots.chart_key(entry["chart"], article, **options), plots.figure_bytes(fig, "png")


def make_figures(check: bool = False, data: Path | None = None) -> list[Path]:
    """Draw every figure listed in ``data/figures/manifest.json`` and store its inputs hash.

    Args:
        check: only compare: write nothing, return the figures that are stale
            (a changed hash, or PNG bytes unlike a live drawing).
        data: the data folder (default ``data/`` of the repository).

    Returns:
        With ``check``: the stale figure files (and the manifest, when only its
        hashes are stale). Without: the files written.
    """
    data = Path(data) if data else require_checkout("Drawing the figures") / "data"
    manifest_path = data / plots.FIGURES / "manifest.json"
    manifest = read_file(manifest_path)
    changed = []
    for entry in manifest["figures"]:
        key, png = _draw_entry(data, entry)
        target = data / plots.FIGURES / entry["file"]
        stale = entry.get("inputs") != key or not target.exists() or target.read_bytes() != png
        if stale and not check:
            target.write_bytes(png)
        if stale:
            changed.append(target)
        entry["inputs"], entry["matplotlib"] = key, plots.matplotlib_version()
    if not check:
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        manifest_path.write_text(text, encoding="utf-8")
        changed.append(manifest_path)
    return changed


def _clean_outputs(nb) -> None:
    """Drop run-specific metadata (timings) so stored outputs are stable."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)


def execute_lessons(lessons: Path | None = None, timeout: int = 600) -> list[Path]:
    """Re-execute every lesson with nbclient and store the outputs in place.

    Args:
        lessons: the lessons folder (default ``lessons/`` of the repository,
            after ``make_figures`` has drawn the course's figures).
        timeout: seconds per cell.

    Returns:
        The notebooks executed.
    """
    import nbformat
    from nbclient import NotebookClient

    if lessons is None:
        make_figures()
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
