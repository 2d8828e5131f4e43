"""Click-to-updated-model timings for each widget (a benchmark, not a test).

``click_timings()`` builds each widget on the course article, then repeats a
"click" (setting a view control, as the front end does) and times until the
model holds the new state (including the saved-answers file write). Answers
go to a temporary folder, never to the working folder. ``benchmarks/run.py``
calls it; it uses only public names of ``medialit``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

from medialit import questions
from medialit.widgets import ArticleExplorer, ChoiceQuiz, RewriteLab, SentenceLabeler, SpanPicker

__all__ = ["click_timings", "first_question_of_type"]


def first_question_of_type(*types: str) -> str | None:
    """Return the id of the first question in the bank with one of ``types`` (or None)."""
    return next((q["id"] for q in questions() if q["type"] in types), None)


def _median_ms(action, repeat: int) -> float:
    """Run ``action(i)`` ``repeat`` times; return the median in milliseconds."""
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _cases():
    """Yield (name, make widget, click(widget, i)) for each widget with a question in the bank."""

    def label(w, i):
        w.choose(w.model.items[i % len(w.model.items)], w.model.labels[i % len(w.model.labels)])

    def choice(w, i):
        ids = w.model.option_ids
        w.choose(ids[i % len(ids)] if not w.model.multiple else ids[: 1 + i % len(ids)])

    yield (
        "ArticleExplorer (switch layer)",
        ArticleExplorer,
        lambda w, i: w.show_layer(w.model.keys[(i + 1) % len(w.model.keys)]),
    )
    qid = first_question_of_type("labels")
    if qid:
        yield f"SentenceLabeler {qid}", lambda: SentenceLabeler(qid), label
    qid = first_question_of_type("spans")
    if qid:
        yield (
            f"SpanPicker {qid}",
            lambda: SpanPicker(qid),
            lambda w, i: w.toggle(i % max(1, len(w.words))),
        )
    qid = first_question_of_type("single", "multiple")
    if qid:
        yield f"ChoiceQuiz {qid}", lambda: ChoiceQuiz(qid), choice
    qid = first_question_of_type("text")
    yield (
        f"RewriteLab {qid or '(no question)'}",
        lambda: RewriteLab("P7.1", qid),
        lambda w, i: w.write(f"Version {i}: {w.model.original}"),
    )


def click_timings(repeat: int = 30) -> dict[str, float]:
    """Time click-to-updated-model for each widget on the course article.

    Args:
        repeat: clicks per widget (after one warm-up click).

    Returns:
        {widget description: median milliseconds}.
    """
    old = os.environ.get("MEDIALIT_ANSWERS")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MEDIALIT_ANSWERS"] = folder
        try:
            results = {}
            for name, make, click in _cases():
                widget = make()
                click(widget, 0)
                results[name] = _median_ms(
                    lambda i, click=click, widget=widget: click(widget, i + 1), repeat
                )
            return results
        finally:
            if old is None:
                os.environ.pop("MEDIALIT_ANSWERS", None)
            else:
                os.environ["MEDIALIT_ANSWERS"] = old
