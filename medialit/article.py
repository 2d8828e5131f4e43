r"""The article as data: ``Article``, its ``Sentence`` objects and ``load_article``.

``Article.text`` is the headline, the standfirst and the body paragraphs
joined by ``"\n"``; every offset in the course (sentences, gold
annotations, tool output) counts characters in that string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from medialit.data import DataError, data_dir, load_data
from medialit.text import split_sentences

__all__ = ["Article", "Sentence", "load_article"]


@dataclass(frozen=True)
class Sentence:
    """One sentence: its id ("P4.1"), text, offsets in ``Article.text`` and paragraph label."""

    id: str
    text: str
    start: int
    end: int
    paragraph: str
    index: int


@dataclass
class Article:
    """A news article: headline, standfirst, body paragraphs and metadata.

    Paragraph labels are "H" (headline), "S" (standfirst) and "P1", "P2", ...
    for the body. ``annotations`` holds the gold layers when the article
    comes from the course's data folder, and is empty otherwise.
    """

    headline: str = ""
    standfirst: str = ""
    paragraphs: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    annotations: dict = field(default_factory=dict)
    furniture: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text, headline=None, standfirst=None, **metadata) -> Article:
        """Build an Article from pasted text: each non-empty line is a paragraph.

        Line endings are normalised and spaces at the ends of lines removed,
        so offsets count in ``Article.text``, not in the string passed in.

        Raises:
            TypeError: ``text`` is not a string.
        """
        if not isinstance(text, str):
            raise TypeError(
                "Article.from_text needs the article as a string (text),"
                f" not {type(text).__name__}."
            )
        lines = [
            line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        ]
        return cls(
            headline=(headline or "").strip(),
            standfirst=(standfirst or "").strip(),
            paragraphs=[line for line in lines if line],
            metadata=dict(metadata),
        )

    @property
    def parts(self) -> list[tuple[str, str]]:
        """Return (label, text) for the headline, standfirst and paragraphs present."""
        labelled = [("H", self.headline), ("S", self.standfirst)]
        labelled += [(f"P{i}", p) for i, p in enumerate(self.paragraphs, start=1)]
        return [(label, part) for label, part in labelled if part]

    @cached_property
    def text(self) -> str:
        """The article text: headline, standfirst and paragraphs joined by newlines."""
        return "\n".join(part for _, part in self.parts)

    @cached_property
    def paragraph_spans(self) -> dict[str, tuple[int, int]]:
        """Return each paragraph label's (start, end) offsets in ``text``."""
        spans, offset = {}, 0
        for label, part in self.parts:
            spans[label] = (offset, offset + len(part))
            offset += len(part) + 1
        return spans

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The sentences of the article, in order, with ids like "P4.2"."""
        result: list[Sentence] = []
        counts: dict[str, int] = {}
        for start, end in split_sentences(self.text):
            label = self.paragraph_of(start)
            counts[label] = counts.get(label, 0) + 1
            sid = (
                label if label in ("H", "S") and counts[label] == 1 else f"{label}.{counts[label]}"
            )
            result.append(Sentence(sid, self.text[start:end], start, end, label, len(result)))
        return result

    def paragraph_of(self, offset: int) -> str:
        """Return the label of the paragraph holding character ``offset``."""
        for label, (start, end) in self.paragraph_spans.items():
            if start <= offset <= end:
                return label
        raise ValueError(f"offset {offset} is outside the article text")

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence holding character ``offset``, or None."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def load_article(path=None) -> Article:
    """Load the course article (or another article JSON file at ``path``).

    The file holds ``headline``, ``standfirst``, ``paragraphs``,
    ``furniture`` and ``metadata``; the gold annotations are attached when
    ``annotations.json`` beside it is for the same article.
    """
    folder, name = (Path(path).parent, Path(path).name) if path else (data_dir(), "article.json")
    raw = load_data(name, folder)
    try:
        gold = load_data("annotations.json", folder)
    except DataError:
        gold = {}
    if gold.get("article") != raw.get("id"):
        gold = {}
    return Article(
        headline=raw["headline"],
        standfirst=raw["standfirst"],
        paragraphs=list(raw["paragraphs"]),
        metadata=raw.get("metadata", {}),
        annotations=gold,
        furniture=list(raw.get("furniture", [])),
    )
