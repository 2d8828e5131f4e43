"""Layers for the ArticleExplorer: marked spans, grouped, with details (pure functions).

A layer is a list of ``Mark`` objects (a span of ``Article.text`` with a
group, a short tag such as "D3" and details to show) plus its groups in
order, each with a letter and an underline style for the legend. Layers come
from the gold annotations when the article has them (``article.annotations``)
and from the toolkit (``medialit.attributions`` / ``framing_devices``)
otherwise; a layer that cannot be built carries a ``notice`` instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Mark", "Group", "Layer", "LAYERS", "UNDERLINES", "build_layer", "ExplorerModel"]

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
    "direct": "D", "indirect": "I", "mixed": "M", "unattributed": "W",
    "supported": "S", "misleading": "L", "unsupported": "U", "contested": "C", "not_checkable": "N",
}

_TYPE_NAMES = {
    "direct": "direct quote", "indirect": "indirect (paraphrase)", "mixed": "mixed",
    "unattributed": "writer's own (unattributed)",
}


@dataclass(frozen=True)
class Mark:
    """One marked span: offsets in Article.text, its group, tag and details."""

    id: str
    start: int
    end: int
    text: str
    group: str
    tag: str = ""
    details: tuple = ()
    fact_cards: tuple = ()


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
        tag = f"{letters[mark.group]}{counts[mark.group]}"
        marks.append(Mark(mark.id, mark.start, mark.end, mark.text, mark.group, tag, mark.details, mark.fact_cards))
    groups = [Group(n, letters[n], UNDERLINES[i % len(UNDERLINES)], counts[n]) for i, n in enumerate(order)]
    return Layer(key, LAYERS[key], marks, groups, origin, notice)


def _span(item) -> tuple[int, int, str] | None:
    """Read (start, end, text) from a span dict (or None)."""
    if not isinstance(item, dict) or "start" not in item:
        return None
    return int(item["start"]), int(item["end"]), str(item.get("text", ""))


def _cue_connotations() -> dict[str, str]:
    """Map each reporting-verb form to its connotation (empty if the lexicon is missing)."""
    try:
        from medialit.data import lexicon

        rows = lexicon("reporting_verbs")
    except Exception:
        return {}
    return {form.lower(): row.get("connotation") or "other" for row in rows for form in (row.get("forms") or "").split()}


def _connotation(cue: str, table: dict) -> str:
    """Return the connotation of a cue (its last word found in the lexicon)."""
    low = cue.lower().strip()
    if low in table:
        return table[low]
    if low.startswith("according to"):
        return "neutral"
    return next((table[w] for w in reversed(low.split()) if w in table), "other")


def _gold_layer(key: str, gold: dict, article) -> Layer:
    """Build a layer from the gold annotations."""
    names = {s["id"]: s.get("name", s["id"]) for s in gold.get("sources", [])}
    raw = []
    if key == "quotes":
        for a in gold.get("attributions", []):
            s, e, t = _span(a["content"])
            who = names.get(a.get("source"), a.get("source", "?"))
            raw.append(Mark(a["id"], s, e, t, who, details=(("Speaker", who), ("Type", _TYPE_NAMES.get(a["type"], a["type"])),
                                                             ("Cue", (a.get("cue") or {}).get("text", "none")), ("Note", a.get("note", "")))))
    elif key == "types":
        for sent in gold.get("sentences", []):
            raw.append(Mark(sent["id"], sent["start"], sent["end"], sent["text"], sent["class"],
                            details=(("Sentence", sent["id"]), ("Class", _TYPE_NAMES.get(sent["class"], sent["class"])), ("Note", sent.get("note", "")))))
    elif key == "cues":
        table = _cue_connotations()
        for a in gold.get("attributions", []):
            cue = _span(a.get("cue"))
            if cue:
                who = names.get(a.get("source"), a.get("source", "?"))
                raw.append(Mark(a["id"], cue[0], cue[1], cue[2], _connotation(cue[2], table),
                                details=(("Cue", cue[2]), ("Speaker", who), ("Type", _TYPE_NAMES.get(a["type"], a["type"])))))
    elif key == "framing":
        for f in gold.get("framing", []):
            raw.append(Mark(f["id"], f["start"], f["end"], f["text"], f.get("technique", f.get("category", "?")),
                            details=(("Technique", f.get("technique", "")), ("Category", f.get("category", "")),
                                     ("Explanation", f.get("explanation", "")), ("Neutral alternative", f.get("alternative") or "none given"))))
    elif key == "claims":
        for c in gold.get("claims", []):
            raw.append(Mark(c["id"], c["start"], c["end"], c["text"], c.get("verdict", "?"),
                            details=(("Verdict", c.get("verdict", "").replace("_", " ")), ("Reason", c.get("reason", ""))),
                            fact_cards=tuple(c.get("fact_cards", []))))
    return _finish(key, raw, "gold annotations")


def _toolkit_attributions(article):
    """Run ``medialit.attributions`` on the article (ImportError when missing)."""
    from medialit.attribution import attributions

    return attributions(article.text)


def _sentence_class(sentence, found) -> str:
    """Classify a sentence from the attributions that overlap it."""
    kinds = {a.kind for a in found if a.start < sentence.end and a.end > sentence.start}
    if not kinds:
        return "unattributed"
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _toolkit_layer(key: str, article) -> Layer:
    """Build a layer from the toolkit's automatic analysis."""
    origin = "automatic analysis (may contain mistakes)"
    raw = []
    if key == "claims":
        return Layer(key, LAYERS[key], origin=origin, notice="Claims and verdicts need a fact check by people; "
                     "this article has no checked annotations, so this layer is empty.")
    if key == "framing":
        from medialit.framing import framing_devices

        for i, d in enumerate(framing_devices(article.text), start=1):
            raw.append(Mark(f"F{i}", d.start, d.end, d.text, d.technique,
                            details=(("Technique", d.technique), ("Category", d.category),
                                     ("Explanation", d.explanation or ""), ("Neutral alternative", d.alternative or "none given"))))
        return _finish(key, raw, origin)
    found = _toolkit_attributions(article)
    if key == "quotes":
        for i, a in enumerate(found, start=1):
            raw.append(Mark(f"A{i}", a.start, a.end, a.content, a.speaker,
                            details=(("Speaker", a.speaker), ("Type", _TYPE_NAMES.get(a.kind, a.kind)), ("Cue", a.cue or "none"))))
    elif key == "types":
        for s in article.sentences:
            cls = _sentence_class(s, found)
            raw.append(Mark(s.id, s.start, s.end, s.text, cls, details=(("Sentence", s.id), ("Class", _TYPE_NAMES[cls]))))
    elif key == "cues":
        table = _cue_connotations()
        for i, a in enumerate(found, start=1):
            if a.cue and getattr(a, "cue_start", None) is not None:
                raw.append(Mark(f"A{i}", a.cue_start, a.cue_end, article.text[a.cue_start:a.cue_end], _connotation(a.cue, table),
                                details=(("Cue", a.cue), ("Speaker", a.speaker), ("Type", _TYPE_NAMES.get(a.kind, a.kind)))))
    return _finish(key, raw, origin)


def build_layer(key: str, article) -> Layer:
    """Build one layer of ``article`` from its gold annotations or the toolkit.

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
    gold = getattr(article, "annotations", None) or {}
    try:
        return _gold_layer(key, gold, article) if gold else _toolkit_layer(key, article)
    except ImportError as err:
        return Layer(key, LAYERS[key], origin="automatic analysis", notice=f"This layer needs a part of the course that is "
                     f"not installed yet ({err.name or err}); the article is shown without marks.")
    except (KeyError, TypeError, ValueError) as err:
        return Layer(key, LAYERS[key], notice=f"This layer could not be built from the annotations ({type(err).__name__}: {err}).")


class ExplorerModel:
    """State of the ArticleExplorer: the article, the chosen layer and item.

    Args:
        article: an Article (default: the course article).
        layers: the layer keys to offer, in order (default: all of ``LAYERS``).

    Raises:
        KeyError: a layer key is unknown.
    """

    def __init__(self, article=None, layers=None):
        if article is None:
            from medialit.article import load_article

            article = load_article()
        self.article = article
        self.keys = list(layers) if layers else list(LAYERS)
        for key in self.keys:
            if key not in LAYERS:
                raise KeyError(f"{key!r} is not a layer; choose from {', '.join(LAYERS)}")
        self._cache: dict[str, Layer] = {}
        self.current = self.keys[0]
        self.selected: str | None = None

    def layer(self, key: str | None = None) -> Layer:
        """Return a layer (the current one by default), built once and cached."""
        key = key or self.current
        if key not in self._cache:
            self._cache[key] = build_layer(key, self.article)
        return self._cache[key]

    def select_layer(self, key: str) -> None:
        """Switch to another layer; the chosen item is reset.

        Raises:
            KeyError: ``key`` is not offered.
        """
        if key not in self.keys:
            raise KeyError(f"{key!r} is not one of the layers {self.keys}")
        self.current, self.selected = key, None

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
            from medialit.data import fact_cards

            cards = fact_cards()
        except Exception:
            cards = {}
        return [cards.get(cid, {"id": cid, "title": "(fact card not found)"}) for cid in mark.fact_cards]
