"""The one analysis record that charts and widgets read: ``analyse(article) -> Analysis``.

An article from the course's data folder carries gold annotations, checked
by people; any other text is analysed by the toolkit (``attributions``,
``framing_devices``). ``analyse`` makes that choice once and returns the same
record either way, so every chart, the explorer and ``sources()`` count
voices, classify sentences and name attribution kinds by the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from medialit.analysis.attribution import attributions
from medialit.analysis.framing import framing_devices
from medialit.analysis.quotes import quote_spans
from medialit.analysis.voices import split_words, writer_words

__all__ = [
    "GOLD",
    "AUTOMATIC",
    "KIND_NAMES",
    "Relation",
    "SentenceClass",
    "Device",
    "Claim",
    "Voice",
    "Analysis",
    "analyse",
    "sentence_kind",
]

#: where a record came from, as shown to students
GOLD = "gold annotations"
AUTOMATIC = "automatic analysis (may contain mistakes)"
#: attribution kinds and sentence classes, as named to students
KIND_NAMES = {
    "direct": "direct quote",
    "indirect": "indirect (paraphrase)",
    "mixed": "mixed",
    "unattributed": "writer's own (unattributed)",
}


@dataclass(frozen=True)
class Relation:
    """One attribution relation: who, how (cue) and what (content), with offsets."""

    id: str
    kind: str
    speaker: str
    start: int
    end: int
    content: str
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    note: str = ""


@dataclass(frozen=True)
class SentenceClass:
    """A sentence's class (direct, indirect, mixed, unattributed) and its main speaker."""

    id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str = ""
    note: str = ""


@dataclass(frozen=True)
class Device:
    """A framing device: where it is, its technique and category, why it matters."""

    id: str
    start: int
    end: int
    text: str
    technique: str
    category: str
    explanation: str = ""
    alternative: str | None = None


@dataclass(frozen=True)
class Claim:
    """A checked claim with its verdict, reason and fact cards (gold annotations only)."""

    id: str
    start: int
    end: int
    text: str
    verdict: str
    reason: str
    fact_cards: tuple[str, ...] = ()


@dataclass(frozen=True)
class Voice:
    """A source's words: inside quote marks (direct) and in paraphrase (indirect)."""

    name: str
    direct: int
    indirect: int


@dataclass(frozen=True)
class Analysis:
    """Everything the course shows about one text, from gold annotations or the toolkit."""

    text: str
    origin: str
    relations: tuple[Relation, ...]
    sentences: tuple[SentenceClass, ...]
    framing: tuple[Device, ...]
    claims: tuple[Claim, ...]
    voices: tuple[Voice, ...]
    writer_words: int

    @property
    def automatic(self) -> bool:
        """True when the record comes from the toolkit, not from checked annotations."""
        return self.origin == AUTOMATIC


def sentence_kind(kinds: set[str]) -> str:
    """Classify a sentence from the kinds of the relations overlapping it."""
    if not kinds:
        return "unattributed"
    return next(iter(kinds)) if len(kinds) == 1 else "mixed"


def _gold_relations(gold: dict) -> list[Relation]:
    """Relations from the gold annotations, speakers named by their source's name."""
    names = {s["id"]: s.get("name", s["id"]) for s in gold.get("sources", [])}
    relations = []
    for a in gold.get("attributions", []):
        cue = a.get("cue") or {}
        content = a["content"]
        relations.append(
            Relation(
                a["id"],
                a["type"],
                names.get(a.get("source"), a.get("source", "?")),
                int(content["start"]),
                int(content["end"]),
                str(content.get("text", "")),
                cue.get("text", ""),
                cue.get("start"),
                cue.get("end"),
                a.get("note", ""),
            )
        )
    return relations


def _toolkit_relations(text: str) -> list[Relation]:
    """Relations found by ``attributions``, numbered A1, A2, ..."""
    return [
        Relation(
            f"A{i}",
            a.kind,
            a.speaker,
            a.start,
            a.end,
            a.content,
            a.cue or "",
            a.cue_start,
            a.cue_end,
        )
        for i, a in enumerate(attributions(text), start=1)
    ]


def _sentences(article, relations: list[Relation], gold: dict) -> list[SentenceClass]:
    """Each sentence's class (gold where given, else from the relations) and first speaker."""
    given = {s["id"]: s for s in gold.get("sentences", [])}
    result = []
    for s in article.sentences:
        inside = [r for r in relations if r.start < s.end and r.end > s.start]
        entry = given.get(s.id, {})
        kind = entry.get("class") or sentence_kind({r.kind for r in inside})
        speaker = inside[0].speaker if inside else ""
        result.append(
            SentenceClass(s.id, s.start, s.end, s.text, kind, speaker, entry.get("note", ""))
        )
    return result


def _gold_devices(gold: dict) -> list[Device]:
    """Framing devices from the gold annotations."""
    return [
        Device(
            f["id"],
            f["start"],
            f["end"],
            f["text"],
            f.get("technique") or f.get("category", "?"),
            f.get("category", ""),
            f.get("explanation", ""),
            f.get("alternative"),
        )
        for f in gold.get("framing", [])
    ]


def _toolkit_devices(text: str) -> list[Device]:
    """Framing devices found by ``framing_devices``, numbered F1, F2, ..."""
    return [
        Device(
            f"F{i}",
            d.start,
            d.end,
            d.text,
            d.technique,
            d.category,
            d.explanation or "",
            d.alternative,
        )
        for i, d in enumerate(framing_devices(text), start=1)
    ]


def _claims(gold: dict) -> list[Claim]:
    """Checked claims from the gold annotations."""
    return [
        Claim(
            c["id"],
            c["start"],
            c["end"],
            c["text"],
            c.get("verdict", "?"),
            c.get("reason", ""),
            tuple(c.get("fact_cards", [])),
        )
        for c in gold.get("claims", [])
    ]


def _voices(text: str, relations: list[Relation]) -> list[Voice]:
    """Each speaker's quoted and paraphrased words (``voices.split_words``), most words first."""
    quotes = quote_spans(text)
    totals: dict[str, list[int]] = {}
    for r in relations:
        quoted, other = split_words(text, r.kind, r.start, r.end, quotes)
        entry = totals.setdefault(r.speaker, [0, 0])
        entry[0] += quoted
        entry[1] += other
    voices = [Voice(name, d, i) for name, (d, i) in totals.items()]
    return sorted(voices, key=lambda v: (-(v.direct + v.indirect), v.name))


def analyse(article) -> Analysis:
    """Build the analysis record of an article: gold annotations when it has them, else the toolkit.

    Args:
        article: an ``Article`` (its ``annotations`` hold the gold layers, or are empty).

    Returns:
        The Analysis record.
    """
    gold = getattr(article, "annotations", None) or {}
    text = article.text
    if gold:
        relations, devices, origin = _gold_relations(gold), _gold_devices(gold), GOLD
    else:
        relations, devices, origin = _toolkit_relations(text), _toolkit_devices(text), AUTOMATIC
    return Analysis(
        text=text,
        origin=origin,
        relations=tuple(relations),
        sentences=tuple(_sentences(article, relations, gold)),
        framing=tuple(devices),
        claims=tuple(_claims(gold)),
        voices=tuple(_voices(text, relations)),
        writer_words=writer_words(text, [(r.start, r.end) for r in relations]),
    )
