"""Voices: how many words each source gets, in quote marks and in paraphrase.

One rule counts words for every part of the course (``sources()``, the
charts and the explorer): in a direct quote every word is quoted; in any
other attribution the words inside paired quote marks are quoted and the
rest are paraphrase. The writer's words are those outside every attributed
content span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medialit.analysis.attribution import attributions
from medialit.analysis.quotes import quote_spans
from medialit.analysis.spans import require_text
from medialit.analysis.speakers import PRONOUNS
from medialit.tokens import word_spans, words

__all__ = ["Source", "sources", "split_words", "writer_words"]


@dataclass(frozen=True)
class Source:
    """A voice in the text: its words in quotes, its paraphrased words, its mentions."""

    name: str
    direct_words: int
    indirect_words: int
    mentions: tuple[tuple[int, int], ...]


def split_words(text: str, kind: str, start: int, end: int, quotes) -> tuple[int, int]:
    """Count the (quoted, paraphrased) words of one attribution's content.

    Args:
        text: the whole text.
        kind: "direct", "indirect" or "mixed".
        start: where the content span starts.
        end: where the content span ends.
        quotes: ``quote_spans(text)``.

    Returns:
        (words inside quote marks, the other words of the content).
    """
    total = len(words(text[start:end]))
    if kind == "direct":
        return total, 0
    quoted = sum(
        len(words(text[max(s, start) : min(e, end)])) for s, e in quotes if s < end and e > start
    )
    return quoted, total - quoted


def writer_words(text: str, spans) -> int:
    """Count the words of ``text`` that lie outside every (start, end) content span."""
    return sum(1 for a, _ in word_spans(text) if not any(s <= a < e for s, e in spans))


def _mentions(text: str, name: str, written: set[str]) -> list[tuple[int, int]]:
    """Find the offsets of a speaker's name, surname and written source phrases."""
    forms = {name, *written}
    if " " in name and name[:1].isupper() and not name.lower().startswith("the "):
        forms.add(name.split()[-1])
    forms = {f for f in forms if f and f.lower() not in PRONOUNS}
    spans: set[tuple[int, int]] = set()
    taken: set[int] = set()
    for form in sorted(forms, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if match.start() not in taken:
                spans.add(match.span())
                taken.update(range(*match.span()))
    return sorted(spans)


def sources(text: str) -> list[Source]:
    """List every voice in ``text`` with its quoted words, paraphrased words and mentions.

    Direct quotes and the quoted fragments of mixed attributions count as
    ``direct_words``; the rest of a paraphrase counts as ``indirect_words``
    (``split_words``). Mentions are the offsets of the full name, the surname,
    each source phrase written for the speaker and each pronoun used as its
    source.

    Args:
        text: the article text or any other string.

    Returns:
        Source objects ordered by first mention.

    Raises:
        TypeError: ``text`` is not a string.
    """
    require_text(text, "sources")
    quotes = quote_spans(text)
    totals: dict[str, list] = {}
    for item in attributions(text):
        entry = totals.setdefault(item.speaker, [0, 0, set(), set()])
        quoted, other = split_words(text, item.kind, item.start, item.end, quotes)
        entry[0] += quoted
        entry[1] += other
        if item.source_start is not None:
            entry[2].add(text[item.source_start : item.source_end])
            entry[3].add((item.source_start, item.source_end))
    result = []
    for name, (direct, indirect, written, spans) in totals.items():
        mentions = sorted(set(_mentions(text, name, written)) | spans)
        result.append(Source(name, direct, indirect, tuple(mentions)))
    return sorted(result, key=lambda s: s.mentions[0] if s.mentions else (len(text), 0))
