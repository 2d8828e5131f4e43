"""Charts of who speaks and how (matplotlib, imported inside the functions).

Each chart function returns a matplotlib Figure with a title, labelled axes
and alt text in ``fig.medialit_alt``; figures are made without pyplot
(``matplotlib.figure.Figure``), so no global state is left behind.
Classes are never told apart by colour alone: bars and cells carry hatching
AND a text label or letter. ``Chart(fig)`` wraps a figure for display as an
``<img alt=...>`` with a ``<figcaption>``. Data come from the one
analysis record (``medialit.analysis.record.analyse``: gold annotations when
the article has them, the toolkit otherwise); the ``*_data`` functions
return its numbers, so they can be tested without drawing. Output is
deterministic: fixed sizes, PNG without software metadata, SVG with a fixed
``svg.hashsalt`` and no date.

The course's own charts are drawn once, by matplotlib, when the course is
authored (``python -m medialit make-figures``, which ``execute-lessons`` runs
first: ``medialit.authoring.lessons.make_figures``) and shipped in
``data/figures/`` with a manifest (data/README.md). Each
stored figure is keyed by a hash of its inputs: the chart's name, the data it
plots, this module's source and the matplotlib version. A chart whose inputs
hash to a stored figure returns it as a ``StoredFigure`` (the same PNG bytes,
the same alt text, matplotlib not imported); any other text (pasted, changed
data, another matplotlib) is drawn live. ``live=True`` always draws.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import metadata
from pathlib import Path
from typing import Any

from medialit.analysis.cues import connotation
from medialit.analysis.record import KIND_NAMES, Analysis, analyse
from medialit.article import load_article
from medialit.data import DataError, load_data
from medialit.paths import data_dir

__all__ = [
    "voice_share",
    "attribution_strip",
    "cue_verbs",
    "framing_by_technique",
    "voice_data",
    "strip_data",
    "cue_data",
    "framing_data",
    "Chart",
    "StoredFigure",
    "figure_bytes",
    "chart_key",
    "matplotlib_version",
    "FIGURES",
]

#: the folder of stored figures inside the data folder, and its manifest
FIGURES = "figures"
_MANIFEST = "figures/manifest.json"

_DPI = 80
_HATCH = {"direct": "///", "indirect": "...", "mixed": "xx", "unattributed": "", "writer": "\\\\"}
_LETTER = {"direct": "D", "indirect": "I", "mixed": "M", "unattributed": "W"}
_FACE = {
    "direct": "#c6dbef",
    "indirect": "#fdd0a2",
    "mixed": "#c7e9c0",
    "unattributed": "#eeeeee",
    "writer": "#dadaeb",
}


def _record(article) -> Analysis:
    """The analysis record of ``article`` (default: the course article)."""
    return analyse(load_article() if article is None else article)


def voice_data(article=None) -> list[dict]:
    """Count each voice's words: direct quote, indirect (paraphrase) and the writer's own.

    Args:
        article: an Article (default: the course article).

    Returns:
        Rows {"name", "direct", "indirect", "writer"}, sources by total words
        (largest first), then one row for the writer (words outside every
        attributed content span). The counts are ``Analysis.voices``.
    """
    record = _record(article)
    rows = [
        {"name": v.name, "direct": v.direct, "indirect": v.indirect, "writer": 0}
        for v in record.voices
    ]
    return rows + [
        {
            "name": "The writer (no source given)",
            "direct": 0,
            "indirect": 0,
            "writer": record.writer_words,
        }
    ]


def strip_data(article=None) -> list[tuple[str, str, str]]:
    """Classify each sentence: (sentence id, class, main speaker or "").

    Args:
        article: an Article (default: the course article).

    Returns:
        One (id, class, speaker) per sentence; class is direct, indirect,
        mixed or unattributed (``Analysis.sentences``).
    """
    return [(s.id, s.kind, s.speaker) for s in _record(article).sentences]


def cue_data(article=None) -> list[tuple[str, dict]]:
    """Count cue verbs by connotation.

    Args:
        article: an Article (default: the course article).

    Returns:
        (connotation, {cue text: count}) pairs, most cues first; cues with
        no letters (a headline's dash) are left out.
    """
    counts: dict[str, dict] = {}
    for relation in _record(article).relations:
        cue = relation.cue
        if any(ch.isalpha() for ch in cue):
            group = counts.setdefault(connotation(cue), {})
            group[cue.lower()] = group.get(cue.lower(), 0) + 1
    return sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))


def framing_data(article=None, categories: Iterable[str] | None = None) -> list[tuple[str, int]]:
    """Count framing devices by technique (gold annotations, else the toolkit).

    Args:
        article: an Article (default: the course article).
        categories: count only devices of these categories (e.g. ``("naming",
            "loaded")``); default: every device.

    Returns:
        (technique, count) pairs, most frequent first.
    """
    wanted = None if categories is None else set(categories)
    counts: dict[str, int] = {}
    for device in _record(article).framing:
        if wanted is None or device.category in wanted:
            counts[device.technique] = counts.get(device.technique, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass(frozen=True)
class StoredFigure:
    """A course chart as matplotlib drew it when the course was authored (``data/figures/``).

    Attributes:
        png: the PNG bytes: what ``figure_bytes(fig, "png")`` gives for the live figure.
        medialit_alt: the alt text, computed from the data as for a live figure.
        draw: draws the same chart live and returns the matplotlib Figure.
    """

    png: bytes
    medialit_alt: str
    draw: Callable[[], Any] = field(repr=False, compare=False)


@cache
def _source() -> str:
    """This module's source (line endings normalised), one input of every figure key."""
    return Path(__file__).read_text(encoding="utf-8").replace("\r\n", "\n")


@cache
def matplotlib_version() -> str:
    """The installed matplotlib's version, read without importing it ("" when missing)."""
    try:
        return metadata.version("matplotlib")
    except metadata.PackageNotFoundError:
        return ""


def _key(chart: str, data) -> str:
    """The hash of a chart's inputs: its name, its data, this module, matplotlib's version."""
    digest = hashlib.sha256()
    for part in (chart, json.dumps(data, sort_keys=True), _source(), matplotlib_version()):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _stored_png(key: str) -> bytes | None:
    """The stored PNG whose inputs hash to ``key``, or None (no manifest, no such figure)."""
    try:
        figures = load_data(_MANIFEST)["figures"]
    except (DataError, KeyError, TypeError):
        return None
    for entry in figures:
        if entry.get("inputs") == key:
            try:
                return (data_dir() / FIGURES / entry["file"]).read_bytes()
            except (OSError, KeyError):
                return None
    return None


def _chart(chart: str, data, draw: Callable, alt: str, live: bool):
    """The stored figure for these inputs, else a figure drawn now (both with alt text)."""

    def drawn():
        fig = draw(data)
        fig.medialit_alt = alt
        return fig

    png = None if live else _stored_png(_key(chart, data))
    return drawn() if png is None else StoredFigure(png, alt, drawn)


def _figure(width: float, height: float):
    """Make a figure and its axes without pyplot (no global state, nothing to close)."""
    from matplotlib.figure import Figure  # heavy (about 0.7 s): only when a chart is drawn

    fig = Figure(figsize=(width, height), dpi=_DPI, layout="constrained")
    return fig, fig.add_subplot()


def _draw_voices(rows: list[dict]):
    """Draw the voice_share bars."""
    fig, ax = _figure(8, 0.55 * len(rows) + 2.0)
    names = [r["name"] for r in rows][::-1]
    for kind, label in (
        ("direct", "direct quote"),
        ("indirect", "indirect (paraphrase)"),
        ("writer", "writer's own"),
    ):
        values = [r[kind] for r in rows][::-1]
        if kind == "indirect":
            left = [r["direct"] for r in rows][::-1]
        elif kind == "writer":
            left = [r["direct"] + r["indirect"] for r in rows][::-1]
        else:
            left = [0] * len(rows)
        ax.barh(
            names,
            values,
            left=left,
            hatch=_HATCH[kind],
            color=_FACE[kind],
            edgecolor="black",
            label=label,
        )
    for y, r in enumerate(rows[::-1]):
        total = r["direct"] + r["indirect"] + r["writer"]
        parts = (
            f"{r['direct']} direct, {r['indirect']} indirect"
            if not r["writer"]
            else f"{r['writer']} own"
        )
        ax.text(total, y, f"  {total} words ({parts})", va="center", fontsize=8)
    ax.set_title("Whose words? Words per voice")
    ax.set_xlabel("Number of words")
    ax.set_ylabel("Voice")
    ax.set_xlim(0, max(1, max(r["direct"] + r["indirect"] + r["writer"] for r in rows)) * 1.6)
    fig.legend(loc="outside lower center", ncol=3, fontsize=8, frameon=False)
    return fig


def voice_share(article=None, *, live: bool = False):
    """Horizontal bars: each voice's words, split into direct, indirect and the writer's own.

    Args:
        article: an Article (default: the course article).
        live: draw with matplotlib now, even when a stored figure matches.

    Returns:
        A matplotlib Figure, or the matching ``StoredFigure``; both carry
        ``medialit_alt`` alt text.
    """
    rows = voice_data(article)
    summary = "; ".join(
        f"{r['name']}: {r['direct']} words quoted directly, {r['indirect']} paraphrased"
        if not r["writer"]
        else f"{r['name']}: {r['writer']} words"
        for r in rows
    )
    alt = f"Horizontal bar chart of words per voice. {summary}."
    return _chart("voice_share", rows, _draw_voices, alt, live)


def _draw_strip(cells: list[tuple[str, str, str]]):
    """Draw the attribution strip: one hatched, lettered cell per sentence."""
    from matplotlib.patches import Patch, Rectangle

    fig, ax = _figure(max(6.0, 0.42 * len(cells) + 1), 3.0)
    for x, (_sid, cls, _) in enumerate(cells):
        ax.add_patch(
            Rectangle((x, 0), 0.95, 1, facecolor=_FACE[cls], hatch=_HATCH[cls], edgecolor="black")
        )
        ax.text(
            x + 0.475,
            0.5,
            _LETTER[cls],
            ha="center",
            va="center",
            fontsize=10,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )
    ax.set_xlim(0, max(1, len(cells)))
    ax.set_ylim(0, 1)
    ax.set_xticks(
        [x + 0.475 for x in range(len(cells))], [c[0] for c in cells], rotation=90, fontsize=8
    )
    ax.set_yticks([])
    ax.set_xlabel("Sentence (in article order)")
    ax.set_title("Who speaks and how, sentence by sentence")
    handles = [
        Patch(
            facecolor=_FACE[k],
            hatch=_HATCH[k],
            edgecolor="black",
            label=f"{_LETTER[k]} = {KIND_NAMES[k]}",
        )
        for k in ("direct", "indirect", "mixed", "unattributed")
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    return fig


def attribution_strip(article=None, *, live: bool = False):
    """A strip with one cell per sentence: hatch and letter show who speaks and how.

    Args:
        article: an Article (default: the course article).
        live: draw with matplotlib now, even when a stored figure matches.

    Returns:
        A matplotlib Figure, or the matching ``StoredFigure``; both carry
        ``medialit_alt`` alt text.
    """
    cells = strip_data(article)
    counts = {k: sum(1 for c in cells if c[1] == k) for k in _LETTER}
    alt = (
        "Strip of "
        + str(len(cells))
        + " sentences in order, each marked by class: "
        + ", ".join(f"{n} {KIND_NAMES[k]}" for k, n in counts.items())
        + ". Sequence: "
        + " ".join(f"{sid}={_LETTER[cls]}" for sid, cls, _ in cells)
        + "."
    )
    return _chart("attribution_strip", cells, _draw_strip, alt, live)


def _bars(pairs, title: str, xlabel: str, ylabel: str, labels):
    """Horizontal bars with hatching and a text label at each bar's end."""
    from matplotlib.ticker import MaxNLocator

    hatches = ("///", "...", "xx", "\\\\", "++", "oo", "--", "**")
    fig, ax = _figure(8, 0.5 * max(1, len(pairs)) + 1.4)
    names = [p[0].replace("_", " ") for p in pairs][::-1]
    values = [p[1] for p in pairs][::-1]
    n = len(pairs)
    for y, (_name, value) in enumerate(zip(names, values)):
        ax.barh(
            [y],
            [value],
            hatch=hatches[(n - 1 - y) % len(hatches)],
            color="#dddddd",
            edgecolor="black",
        )
        ax.text(value, y, f"  {labels[n - 1 - y]}", va="center", fontsize=8)
    ax.set_yticks(range(n), names)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_xlim(0, max([1] + values) * 1.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if not pairs:
        ax.text(0.5, 0.5, "nothing found", transform=ax.transAxes, ha="center")
    return fig


def _cue_bars(data: list[tuple[str, dict]]) -> tuple[list[tuple[str, int]], list[str]]:
    """(connotation, count) pairs and each bar's label ("said ×3, claimed ×1")."""
    pairs = [(c, sum(v.values())) for c, v in data]
    labels = [
        ", ".join(f"{cue} ×{n}" for cue, n in sorted(v.items(), key=lambda kv: (-kv[1], kv[0])))
        for _, v in data
    ]
    return pairs, labels


def _draw_cues(data: list[tuple[str, dict]]):
    """Draw the cue-verb bars."""
    pairs, labels = _cue_bars(data)
    return _bars(pairs, "Cue verbs by connotation", "Number of cues", "Connotation", labels)


def cue_verbs(article=None, *, live: bool = False):
    """Horizontal bars: cue verbs counted by connotation, each bar naming its verbs.

    Args:
        article: an Article (default: the course article).
        live: draw with matplotlib now, even when a stored figure matches.

    Returns:
        A matplotlib Figure, or the matching ``StoredFigure``; both carry
        ``medialit_alt`` alt text.
    """
    data = cue_data(article)
    pairs, labels = _cue_bars(data)
    alt = (
        "Bar chart of cue verbs by connotation: "
        + "; ".join(f"{c}: {n} ({lab})" for (c, n), lab in zip(pairs, labels))
        + "."
    )
    return _chart("cue_verbs", data, _draw_cues, alt, live)


def _draw_framing(pairs: list[tuple[str, int]]):
    """Draw the framing-technique bars."""
    return _bars(
        pairs,
        "Framing devices by technique",
        "Number of devices",
        "Technique",
        [str(n) for _, n in pairs],
    )


def framing_by_technique(
    article=None, categories: Iterable[str] | None = None, *, live: bool = False
):
    """Horizontal bars: framing devices counted by technique.

    Args:
        article: an Article (default: the course article).
        categories: count only devices of these categories (default: every device).
        live: draw with matplotlib now, even when a stored figure matches.

    Returns:
        A matplotlib Figure, or the matching ``StoredFigure``; both carry
        ``medialit_alt`` alt text.
    """
    pairs = framing_data(article, categories)
    alt = (
        "Bar chart of framing devices by technique: "
        + "; ".join(f"{t.replace('_', ' ')}: {n}" for t, n in pairs)
        + "."
    )
    return _chart("framing_by_technique", pairs, _draw_framing, alt, live)


_DATA: dict[str, Callable] = {
    "voice_share": voice_data,
    "attribution_strip": strip_data,
    "cue_verbs": cue_data,
    "framing_by_technique": framing_data,
}


def chart_key(chart: str, article=None, **options) -> str:
    """The hash that names a stored figure: the chart, its data, this module, matplotlib.

    Args:
        chart: a chart function's name, e.g. ``"voice_share"``.
        article: an Article (default: the course article).
        **options: the chart's other arguments (``categories`` for framing_by_technique).

    Returns:
        The SHA-256 hex digest kept as ``inputs`` in ``data/figures/manifest.json``.

    Raises:
        KeyError: ``chart`` is not a chart of this module.
    """
    return _key(chart, _DATA[chart](article, **options))


def figure_bytes(fig, fmt: str = "png") -> bytes:
    """Render a figure to PNG or SVG bytes, deterministically (no date, no software tag).

    Args:
        fig: a matplotlib Figure or a ``StoredFigure`` (its PNG is returned as
            stored; SVG is drawn live).
        fmt: "png" or "svg".
    """
    if isinstance(fig, StoredFigure):
        if fmt == "png":
            return fig.png
        fig = fig.draw()
    import matplotlib

    buffer = io.BytesIO()
    tags = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    with matplotlib.rc_context({"svg.hashsalt": "medialit"}):
        fig.savefig(buffer, format=fmt, metadata=tags, dpi=_DPI)
    return buffer.getvalue()


class Chart:
    """A figure shown as ``<figure><img alt=...><figcaption>`` (alt text always present).

    Args:
        fig: a Figure from one of the chart functions (its ``medialit_alt`` is the alt text).
        caption: the caption (default: the alt text).
    """

    def __init__(self, fig, caption: str | None = None):
        self.fig = fig
        self.alt = getattr(fig, "medialit_alt", "") or "Chart"
        self.caption = caption or self.alt

    def _png(self) -> str:
        """The PNG as base64 text."""
        return base64.b64encode(figure_bytes(self.fig, "png")).decode("ascii")

    def _repr_html_(self) -> str:
        """An <img> with alt text and a <figcaption>."""
        return (
            f'<figure class="medialit-chart"><img src="data:image/png;base64,{self._png()}" '
            f'alt="{escape(self.alt, quote=True)}" style="max-width:100%">'
            f"<figcaption>{escape(self.caption)}</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"Chart: {self.caption}"
