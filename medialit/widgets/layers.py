"""Layers for the ArticleExplorer: marked spans, grouped, with details (pure functions).

A layer is a list of ``Mark`` objects (a span of ``Article.text`` with a
group, a short tag such as "D3" and details to show) plus its groups in
order, each with a letter and an underline style for the legend. Layers are
drawn from the one analysis record (``medialit.analysis.record.analyse``:
gold annotations when the article has them, the toolkit otherwise); a layer
that cannot be built carries a ``notice`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from medialit.analysis.cues import connotation
from medialit.analysis.quotes import quote_spans
from medialit.analysis.record import KIND_NAMES, Analysis, analyse
from medialit.article import load_article
from medialit.data import DataError, fact_cards

__all__ = [
    "Mark",
    "Group",
    "Layer",
    "LAYERS",
    "UNDERLINES",
    "build_layer",
    "in_quote_marks",
    "ExplorerModel",
]

#: layer key -> title shown on the switch
LAYERS = {
    "quotes": "Quotes by speaker",
    "types": "Attribution type",
    "cues": "Cue verbs",
    "framing": "Framing devices",
    "claims": "Claims and verdicts",
}

#: underline styles, used in turn for the groups of a layer (never colour alone)
UNDERLINES = ("solid", "dashed", "dotted", "double", "wavy")

#: fixed letters for known groups; other groups get A, B, C ... in order
_LETTERS = {
    "direct": "D",
    "indirect": "I",
    "mixed": "M",
    "unattributed": "W",
    "supported": "S",
    "misleading": "L",
    "unsupported": "U",
    "contested": "C",
    "not_checkable": "N",
}


@dataclass(frozen=True)
class Mark:
    """One marked span: offsets in Article.text, its group, tag and details.

    ``shown`` is the text the details view shows when it differs from ``text``:
    a direct quote inside the article's own quote marks. Everything else (a
    paraphrase, the writer's own words) is shown as ``text``, with no marks added.
    """

    id: str
    start: int
    end: int
    text: str
    group: str
    tag: str = ""
    details: tuple = ()
    fact_cards: tuple = ()
    shown: str = ""


@dataclass(frozen=True)
class Group:
    """A legend entry: the group's name, letter and underline style."""

    name: str
    letter: str
    underline: str
    count: int


@dataclass
class Layer:
    """A layer of marks with its legend, where it came from and any notice."""

    key: str
    title: str
    marks: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    origin: str = "gold annotations"
    notice: str = ""


def _finish(key: str, raw: list, origin: str, notice: str = "") -> Layer:
    """Give each group a letter and style, each mark its tag; sort marks by place."""
    raw = sorted(raw, key=lambda m: (m.start, m.end, m.id))
    order = list(dict.fromkeys(m.group for m in raw))
    letters, used = {}, set(_LETTERS.values())
    spare = (c for c in "ABCEFGHJKOPQRTVXYZ" if c not in used)
    for name in order:
        letters[name] = _LETTERS.get(name) or next(spare, "?")
    counts: dict[str, int] = {}
    marks = []
    for mark in raw:
        counts[mark.group] = counts.get(mark.group, 0) + 1
        marks.append(replace(mark, tag=f"{letters[mark.group]}{counts[mark.group]}"))
    groups = [
        Group(n, letters[n], UNDERLINES[i % len(UNDERLINES)], counts[n])
        for i, n in enumerate(order)
    ]
    return Layer(key, LAYERS[key], marks, groups, origin, notice)


def in_quote_marks(text: str, start: int, end: int, quotations=None) -> str:
    """Return ``text[start:end]`` inside the quote marks of the quotation that holds it.

    The marks are the article's own characters (“…”, «…», "…"); a span that
    already starts and ends inside them is returned as the article has it.

    Args:
        text: the article's text.
        start: where the quoted words begin.
        end: where they end.
        quotations: ``quote_spans(text)``, when already computed.

    Returns:
        The quoted words with the article's opening and closing marks, or
        the span unchanged when no quotation of the text holds it.
    """
    spans = quote_spans(text) if quotations is None else quotations
    holder = next(((a, b) for a, b in spans if a <= start and end <= b), None)
    if holder is None:
        return text[start:end]
    a, b = holder
    words = text[max(start, a + 1) : min(end, b - 1)]
    return f"{text[a]}{words}{text[b - 1]}"


def _relation_marks(key: str, record: Analysis) -> list[Mark]:
    """Marks of the "quotes" or "cues" layer: one per relation (per cue for "cues")."""
    marks = []
    quotations = quote_spans(record.text) if key == "quotes" else []
    for r in record.relations:
        kind = ("Type", KIND_NAMES.get(r.kind, r.kind))
        if key == "quotes":
            note = () if record.automatic else (("Note", r.note),)
            details = (("Speaker", r.speaker), kind, ("Cue", r.cue or "none")) + note
            shown = (
                in_quote_marks(record.text, r.start, r.end, quotations)
                if r.kind == "direct"
                else ""
            )
            marks.append(
                Mark(r.id, r.start, r.end, r.content, r.speaker, details=details, shown=shown)
            )
        elif r.cue and r.cue_start is not None and r.cue_end is not None:
            text = record.text[r.cue_start : r.cue_end]
            details = (("Cue", r.cue), ("Speaker", r.speaker), kind)
            marks.append(
                Mark(r.id, r.cue_start, r.cue_end, text, connotation(r.cue), details=details)
            )
    return marks


def _sentence_marks(record: Analysis) -> list[Mark]:
    """Marks of the "types" layer: one per sentence, grouped by its class."""
    marks = []
    for s in record.sentences:
        note = () if record.automatic else (("Note", s.note),)
        details = (("Sentence", s.id), ("Class", KIND_NAMES.get(s.kind, s.kind))) + note
        marks.append(Mark(s.id, s.start, s.end, s.text, s.kind, details=details))
    return marks


def _framing_marks(record: Analysis) -> list[Mark]:
    """Marks of the "framing" layer: one per device, grouped by technique."""
    return [
        Mark(
            d.id,
            d.start,
            d.end,
            d.text,
            d.technique,
            details=(
                ("Technique", d.technique),
                ("Category", d.category),
                ("Explanation", d.explanation),
                ("Neutral alternative", d.alternative or "none given"),
            ),
        )
        for d in record.framing
    ]


def _claim_marks(record: Analysis) -> list[Mark]:
    """Marks of the "claims" layer: one per checked claim, grouped by verdict."""
    return [
        Mark(
            c.id,
            c.start,
            c.end,
            c.text,
            c.verdict,
            details=(("Verdict", c.verdict.replace("_", " ")), ("Reason", c.reason)),
            fact_cards=c.fact_cards,
        )
        for c in record.claims
    ]


def _layer(key: str, record: Analysis) -> Layer:
    """Build one layer from the analysis record."""
    if key == "claims" and record.automatic:
        return Layer(
            key,
            LAYERS[key],
            origin=record.origin,
            notice=(
                "Claims and verdicts need a fact check by people; this article has no checked "
                "annotations, so this layer is empty."
            ),
        )
    if key in ("quotes", "cues"):
        marks = _relation_marks(key, record)
    elif key == "types":
        marks = _sentence_marks(record)
    elif key == "framing":
        marks = _framing_marks(record)
    else:
        marks = _claim_marks(record)
    return _finish(key, marks, record.origin)


def build_layer(key: str, article) -> Layer:
    """Build one layer of ``article`` from its analysis record (gold annotations or the toolkit).

    Args:
        key: one of ``LAYERS``.
        article: an Article.

    Returns:
        The Layer; when it cannot be built, an empty Layer whose ``notice`` says why.

    Raises:
        KeyError: ``key`` is not a layer name.
    """
    if key not in LAYERS:
        raise KeyError(f"{key!r} is not a layer; choose one of {', '.join(LAYERS)}")
    try:
        return _layer(key, analyse(article))
    except (KeyError, TypeError, ValueError) as err:
        return Layer(
            key,
            LAYERS[key],
            notice=(
                f"This layer could not be built from the annotations ({type(err).__name__}: {err})."
            ),
        )


class ExplorerModel:
    """State of the ArticleExplorer: the article, the chosen layer and item.

    Args:
        article: an Article (default: the course article).
        layers: the layer keys to offer, in order (default: all of ``LAYERS``).

    Raises:
        KeyError: a layer key is unknown.
    """

    def __init__(self, article=None, layers=None):
        self.article = load_article() if article is None else article
        self.keys = list(layers) if layers else list(LAYERS)
        for key in self.keys:
            if key not in LAYERS:
                raise KeyError(f"{key!r} is not a layer; choose from {', '.join(LAYERS)}")
        self._cache: dict[str, Layer] = {}
        self.current = self.keys[0]
        self.selected: str | None = self._first()

    def _first(self) -> str | None:
        """Return the id of the current layer's first item (None when it has none)."""
        marks = self.layer().marks
        return marks[0].id if marks else None

    def layer(self, key: str | None = None) -> Layer:
        """Return a layer (the current one by default), built once and cached."""
        key = key or self.current
        if key not in self._cache:
            self._cache[key] = build_layer(key, self.article)
        return self._cache[key]

    def select_layer(self, key: str) -> None:
        """Switch to another layer; its first item is chosen.

        Raises:
            KeyError: ``key`` is not offered.
        """
        if key not in self.keys:
            raise KeyError(f"{key!r} is not one of the layers {self.keys}")
        self.current = key
        self.selected = self._first()

    def select_item(self, mark_id: str | None) -> None:
        """Choose an item of the current layer (None for no item).

        Raises:
            KeyError: no item of the current layer has this id.
        """
        if mark_id is not None and mark_id not in {m.id for m in self.layer().marks}:
            raise KeyError(f"{mark_id!r} is not an item of the layer {self.current!r}")
        self.selected = mark_id

    def chosen(self) -> Mark | None:
        """Return the chosen Mark, or None."""
        return next((m for m in self.layer().marks if m.id == self.selected), None)

    def fact_cards(self, mark: Mark) -> list[dict]:
        """Return the fact cards a mark cites (unknown ids give a placeholder card)."""
        if not mark.fact_cards:
            return []
        try:
            cards = fact_cards()
        except DataError:
            cards = {}
        return [
            cards.get(cid, {"id": cid, "title": "(fact card not found)"}) for cid in mark.fact_cards
        ]
