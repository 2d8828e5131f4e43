"""Where a course notebook spends its time: each code cell's seconds in a fresh kernel.

Run from the repository root (``PYTHONPATH=$PWD python benchmarks/course_speed.py
[NOTEBOOK ...]``; default: every lesson and solution). For each notebook it prints
the kernel's own timing of each code cell (nbclient's ``execution`` metadata: from
``execute_input`` to ``execute_reply``), slowest first, and the notebook's wall
time and how many widget models it created (each one a comm the kernel opens
and sends its state through: about 2 ms each); ``--charts`` prints only the
cells that draw a chart, and their total.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

__all__ = ["cell_seconds", "main"]

ROOT = Path(__file__).resolve().parent.parent
CHART_WORDS = ("plots.", "Chart(")
#: where nbclient stores the widget models a notebook created
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _stamp(text: str) -> datetime:
    """A kernel timestamp (ISO 8601 with a Z) as a datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def cell_seconds(path: Path) -> tuple[float, list[tuple[float, str, bool]], int]:
    """Execute one notebook in a fresh kernel.

    Args:
        path: the notebook.

    Returns:
        (wall seconds, [(cell seconds, its source on one line, draws a chart), ...]
        in cell order, the number of widget models the notebook created).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    wall = time.perf_counter() - start
    cells = []
    for cell in nb.cells:
        timing = cell.metadata.get("execution", {})
        if cell.cell_type == "code" and "iopub.execute_input" in timing:
            took = (
                _stamp(timing["shell.execute_reply"]) - _stamp(timing["iopub.execute_input"])
            ).total_seconds()
            line = " // ".join(cell.source.splitlines())
            cells.append((took, line[:90], _is_chart(line)))
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    return wall, cells, len(state)


def _is_chart(source: str) -> bool:
    """Whether a cell's source draws a chart (not only imports the module)."""
    return any(w in source for w in CHART_WORDS) and "import" not in source.split("//")[-1]


def main(argv: list[str] | None = None) -> int:
    """Print per-cell timings; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--charts", action="store_true", help="only chart cells")
    args = parser.parse_args(argv)
    paths = args.notebooks or (
        sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
    )
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MEDIALIT_ANSWERS"] = str(Path(tmp) / "answers")
        chart_total = 0.0
        for path in paths:
            wall, cells, models = cell_seconds(path.resolve())
            charts = [c for c in cells if c[2]]
            shown = charts if args.charts else sorted(cells, reverse=True)[:5]
            chart_total += sum(c[0] for c in charts)
            print(
                f"{path.parent.name}/{path.name}: {wall:.2f} s wall, "
                f"{sum(c[0] for c in cells):.2f} s in cells, {models} widget models"
            )
            for took, source, _ in shown:
                print(f"    {took:6.2f} s  {source}")
        print(f"chart cells in total: {chart_total:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
