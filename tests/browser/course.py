"""The course's notebooks as the browser tests see them, and the accessibility checker.

``COURSE`` is every lesson and exercise notebook (found when the tests are
collected); servers get copies with the course's folder layout, so the
lessons' links to ``../exercises/`` work. How many widgets a notebook must
show is read from the committed files: a lesson's own outputs, or for an
exercise (committed without outputs) those of its solution, from which it is
made.

The accessibility checker is axe-core from the npm registry, never
downloaded at run time: the tests read ``axe.min.js`` from ``$MEDIALIT_AXE``
(default ``node_modules/axe-core/axe.min.js`` in the repository), installed
with ``AXE_INSTALL``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import nbformat

from jupyter_driver import ARTIFACTS, ROOT

__all__ = [
    "AXE_INSTALL",
    "COURSE",
    "EXERCISES",
    "LESSONS",
    "SERIOUS",
    "axe_path",
    "axe_violations",
    "course_name",
    "expected_widgets",
    "save_axe_report",
]

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
COURSE = LESSONS + EXERCISES
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: the axe-core release the tests were written against (npm registry)
AXE_VERSION = "4.14.1"
#: the one command that installs it where the tests look by default
AXE_INSTALL = f"npm install --prefix {ROOT} --no-save --no-package-lock axe-core@{AXE_VERSION}"
#: the impacts that fail a test when a medialit widget has them
SERIOUS = ("serious", "critical")

#: JavaScript: run axe on the elements matching any of the selectors; return its violations
AXE_RUN_JS = """async (selectors) => {
  const found = selectors.filter((s) => document.querySelector(s));
  if (!found.length) return [];
  const result = await axe.run({include: found.map((s) => [s])}, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    rule: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
}"""


def course_name(path: Path) -> str:
    """Return a notebook's path as the servers see it, e.g. ``lessons/00-start-here.ipynb``."""
    return path.resolve().relative_to(ROOT).as_posix()


def _widget_outputs(path: Path) -> int:
    """Count the widget outputs stored in a notebook file."""
    notebook = nbformat.read(path, as_version=4)
    return sum(
        WIDGET_MIME in output.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


def expected_widgets(path: Path) -> int:
    """Return how many widgets notebook ``path`` shows once all its cells have run."""
    if path.parent.name == "exercises":
        return _widget_outputs(ROOT / "solutions" / path.name)
    return _widget_outputs(path)


def axe_path() -> Path:
    """Return where the tests look for ``axe.min.js`` (``$MEDIALIT_AXE`` or the default)."""
    return Path(os.environ.get("MEDIALIT_AXE") or ROOT / "node_modules" / "axe-core" / "axe.min.js")


def axe_violations(page, selectors) -> list[dict]:
    """Run axe-core on ``page`` for the elements matching ``selectors``.

    Args:
        page: a Playwright page (axe is added to it once).
        selectors: CSS selectors of the parts to check.

    Returns:
        One dict per violated rule: ``rule``, ``impact``, ``help``, ``count``
        (elements) and up to three ``targets``.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_path()))
    return page.evaluate(AXE_RUN_JS, list(selectors))


def save_axe_report(name: str, report: dict) -> Path:
    """Write one notebook's axe findings as a test artifact and return its path.

    Args:
        name: the notebook's course name.
        report: {part checked: violations from ``axe_violations``}.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    counts = {
        part: dict(
            Counter(f"{v['rule']} ({v['impact']})" for v in found for _ in range(v["count"]))
        )
        for part, found in report.items()
    }
    path = ARTIFACTS / f"axe-{name.replace('/', '-').removesuffix('.ipynb')}.json"
    path.write_text(
        json.dumps(
            {"notebook": name, "counts": counts, "violations": report}, indent=1, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    return path
