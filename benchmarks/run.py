"""Print every speed and quality figure of the course against its target.

Run with ``make benchmark`` (or ``.venv/bin/python benchmarks/run.py``). It asserts
nothing and is not part of ``make test``: the machines are shared and noisy, so
time-based figures are medians of repeated runs or ratios measured within one run.

Options: ``--quick`` skips the slow figures (clicks in a real browser,
whole-course execution, grading, kernel memory); ``--only NAME`` runs one group
(import, analysis, quality, widgets, browser, checks, course, grading, memory).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _median_ms(func, repeat=25):
    """Return the median wall time of ``func()`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _row(figure, value, target, met, unit=""):
    return {"figure": figure, "value": value, "target": target, "met": met, "unit": unit}


def _fresh_seconds(code, repeat=7):
    """Median of what ``code`` prints (seconds) over ``repeat`` fresh interpreters."""
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
            ).stdout
        )
        for _ in range(repeat)
    ]
    return statistics.median(runs)


def bench_import():
    """``import medialit`` in a fresh interpreter, and a lesson's first cell (medians of 7).

    ``import medialit`` loads its submodules lazily, so the second figure shows
    what a student waits for on a lesson's first cell: the import, the article
    and the first widget built.
    """
    seconds = _fresh_seconds(
        "import time; t = time.perf_counter(); import medialit; print(time.perf_counter() - t)"
    )
    first = _fresh_seconds(
        "import time; t = time.perf_counter(); import medialit; a = medialit.load_article(); "
        "medialit.ArticleExplorer(a); print(time.perf_counter() - t)",
        repeat=5,
    )
    return [
        _row("import medialit", f"{seconds * 1000:.1f} ms", "< 300 ms", seconds < 0.3),
        _row(
            "first cell: import, load article, ArticleExplorer",
            f"{first * 1000:.0f} ms",
            "(reported)",
            None,
        ),
    ]


def bench_analysis():
    """The whole analysis of the course article, cold (first call) and warm (median)."""
    import medialit

    article = medialit.load_article()

    from medialit.analysis import clear_caches

    def analyse():
        clear_caches()  # measure the analysis, not the per-text result cache
        medialit.attributions(article.text)
        medialit.unattributed(article.text)
        medialit.sources(article.text)
        medialit.framing_devices(article.text)

    start = time.perf_counter()
    analyse()
    cold = (time.perf_counter() - start) * 1000
    warm = _median_ms(analyse)
    return [
        _row("analysis of the article, first call", f"{cold:.1f} ms", "(reported)", None),
        _row("analysis of the article, warm (median)", f"{warm:.1f} ms", "< 50 ms", warm < 50),
    ]


def bench_quality():
    """Attribution precision, recall, F1 and speaker accuracy (benchmarks/quality.py).

    The medialit rows score every attribution (direct, indirect, mixed) against
    the gold; the comparison rows score medialit and textacy side by side on
    direct quotes only, the one kind textacy finds.
    """
    from quality import quality_table

    rows = []
    for item in quality_table(textacy=True):
        figure = f"attribution: {item['name']} ({item['tool']})"
        if "error" in item:
            rows.append(_row(figure, item["error"].split(",")[0][:70], "(comparison)", None))
            continue
        target = item.get("target")
        speaker = item.get("speaker_accuracy")
        rows.append(
            _row(
                figure,
                f"P {item['precision']:.2f} R {item['recall']:.2f} F1 {item['f1']:.2f}"
                + (f" speaker {speaker:.2f}" if speaker is not None else ""),
                f"F1 >= {target:.2f}" if target is not None else "(comparison)",
                None if target is None else item["f1"] >= target,
            )
        )
    return rows


def bench_widgets():
    """Click-to-updated-model latency of each widget (median)."""
    from widgets import click_timings

    return [
        _row(f"click to model: {name}", f"{ms:.2f} ms", "< 30 ms", ms < 30)
        for name, ms in click_timings().items()
    ]


def bench_browser():
    """Click to screen in JupyterLab and headless Chromium, against a baseline.

    The code is in benchmarks/browser.py.

    The baseline is a plain ipywidgets button in the same notebook: the round
    trip through the browser, the server and the kernel with no medialit code.
    """
    from browser import BASELINE, click_to_screen

    medians = click_to_screen()
    base = medians.pop(BASELINE)
    rows = [_row(f"click to screen in Lab: {BASELINE}", f"{base:.1f} ms", "(reported)", None)]
    rows += [
        _row(
            f"click to screen in Lab: {name}",
            f"{ms:.1f} ms ({ms / base:.2f} x baseline)",
            "(reported)",
            None,
        )
        for name, ms in medians.items()
    ]
    return rows


def bench_checks():
    """``medialit.check`` latency (median over every question with its right answer)."""
    import medialit

    from answers import benchmark_answers

    pairs = benchmark_answers()
    medialit.check(*pairs[0])

    def run_all():
        for qid, answer in pairs:
            medialit.check(qid, answer)

    per_check = _median_ms(run_all, repeat=15) / len(pairs)
    return [
        _row(
            f"check() over {len(pairs)} questions (median per call)",
            f"{per_check:.3f} ms",
            "< 5 ms",
            per_check < 5,
        )
    ]


def _execute(paths, cwd_of=lambda p: p.parent):
    """Execute notebooks one after another with nbclient; return seconds."""
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(cwd_of(path))}},
        ).execute()
    return time.perf_counter() - start


#: course notebooks / as many trivial ones, executed interleaved (issue 16)
#: each course and trivial notebook runs this many times; the fastest run counts
COURSE_REPEATS = 3
COURSE_RATIO = 1.3


def _stand_in(cells: list[str], path: Path) -> Path:
    """Write a notebook of these code cells (Python 3 kernel) to ``path``; return it."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def _code_cells(path: Path) -> int:
    """How many code cells a notebook has."""
    import nbformat

    return sum(c.cell_type == "code" for c in nbformat.read(path, as_version=4).cells)


def bench_course():
    """Executing all lessons and solutions, as a ratio to as many trivial notebooks.

    Target (issue 16): at most 1.3. ``benchmarks/course_speed.py`` shows where
    a notebook's seconds go, cell by cell.

    Each notebook runs ``COURSE_REPEATS`` times, interleaved with its trivial
    partner (one cell, ``1 + 1``) and with its floor: a notebook of as many code
    cells that imports ipywidgets and does nothing else. The floor is what any
    notebook of that shape with widgets costs (each cell is a round trip to the
    kernel); "course / floor" is what the course's own code adds. Each counts
    with its fastest run (as ``timeit`` does): on a shared machine a kernel start
    alone varies by half, and the fastest run is the one least disturbed by
    other work. The row "each round" shows the ratio of every round, so the
    spread is visible.
    """
    paths = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted(
        (ROOT / "solutions").glob("*.ipynb")
    )
    if not paths:
        return [_row("course execution ratio", "no notebooks", f"<= {COURSE_RATIO}", False)]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MEDIALIT_ANSWERS"] = str(Path(tmp) / "answers")
        trivial = [
            _stand_in(["1 + 1"], Path(tmp) / f"trivial-{i}.ipynb") for i in range(len(paths))
        ]
        floor = [
            _stand_in(
                ["import ipywidgets"] + ["pass"] * (_code_cells(p) - 1),
                Path(tmp) / f"floor-{i}.ipynb",
            )
            for i, p in enumerate(paths)
        ]
        _execute(trivial[:1])  # warm-up: the first kernel start pays for cold caches
        times = {
            kind: [[0.0] * COURSE_REPEATS for _ in paths] for kind in ("plain", "floor", "real")
        }
        for round_ in range(COURSE_REPEATS):
            for i, real in enumerate(paths):  # interleaved
                times["plain"][i][round_] = _execute([trivial[i]])
                times["floor"][i][round_] = _execute([floor[i]])
                times["real"][i][round_] = _execute([real])
    best = {kind: sum(min(t) for t in runs) for kind, runs in times.items()}
    rounds = [
        sum(t[r] for t in times["real"]) / sum(t[r] for t in times["plain"])
        for r in range(COURSE_REPEATS)
    ]
    ratio = best["real"] / best["plain"]
    spread = ", ".join(f"{r:.2f}" for r in rounds)
    n = len(paths)
    return [
        _row(f"execute {n} course notebooks", f"{best['real']:.1f} s", "(reported)", None),
        _row(f"execute {n} trivial notebooks", f"{best['plain']:.1f} s", "(reported)", None),
        _row(
            f"floor: {n} notebooks of as many cells importing ipywidgets",
            f"{best['floor']:.1f} s ({best['floor'] / best['plain']:.2f} x trivial)",
            "(reported)",
            None,
        ),
        _row("course / floor ratio", f"{best['real'] / best['floor']:.2f}", "(reported)", None),
        _row("course / trivial ratio, each round", spread, "(reported)", None),
        _row("course / trivial ratio", f"{ratio:.2f}", f"<= {COURSE_RATIO}", ratio <= COURSE_RATIO),
    ]


def bench_grading():
    """Grading speed and scale (benchmarks/grading.py).

    30 students against nbconvert, then 1,000 students.
    """
    from grading import grading_rows

    return grading_rows()


def bench_memory():
    """Peak resident memory of a lesson's kernel (the heaviest lesson)."""
    import nbformat
    from nbclient import NotebookClient

    peaks = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MEDIALIT_ANSWERS"] = str(Path(tmp) / "answers")
        for path in sorted((ROOT / "lessons").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            nb.cells.append(
                nbformat.v4.new_code_cell(
                    "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
                )
            )
            NotebookClient(
                nb,
                timeout=300,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
            ).execute()
            peaks[path.stem] = int(nb.cells[-1].outputs[0]["text"]) / 1024
    if not peaks:
        return [_row("lesson kernel peak RSS", "no lessons", "< 300 MB", False)]
    name, peak = max(peaks.items(), key=lambda item: item[1])
    return [_row(f"lesson kernel peak RSS (max: {name})", f"{peak:.0f} MB", "< 300 MB", peak < 300)]


GROUPS = {
    "import": bench_import,
    "analysis": bench_analysis,
    "quality": bench_quality,
    "widgets": bench_widgets,
    "browser": bench_browser,
    "checks": bench_checks,
    "course": bench_course,
    "grading": bench_grading,
    "memory": bench_memory,
    "external": lambda: __import__("external").external_rows(),
}
SLOW = {"browser", "course", "grading", "memory", "external"}


def _print_table(rows):
    widths = [
        max(len(str(r[k])) for r in rows + [dict(figure="figure", value="value", target="target")])
        for k in ("figure", "value", "target")
    ]
    header = f"| {'figure':<{widths[0]}} | {'value':<{widths[1]}} | {'target':<{widths[2]}} | met |"
    print(header)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|-----|")
    for r in rows:
        met = {True: "yes", False: "NO", None: "-"}[r["met"]]
        print(
            f"| {r['figure']:<{widths[0]}} | {r['value']:<{widths[1]}}"
            f" | {r['target']:<{widths[2]}} | {met:<3} |"
        )


def main(argv=None):
    """Run the chosen groups and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the slow figures")
    parser.add_argument("--only", choices=sorted(GROUPS), help="run one group")
    args = parser.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    names = [args.only] if args.only else [n for n in GROUPS if not (args.quick and n in SLOW)]
    rows = []
    for name in names:
        print(f"... {name}", file=sys.stderr, flush=True)
        try:
            rows += GROUPS[name]()
        except Exception as err:  # noqa: BLE001 - a benchmark reports, it does not stop
            rows.append(_row(name, f"could not run: {type(err).__name__}: {err}"[:100], "-", False))
    print(
        f"medialit benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    _print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
