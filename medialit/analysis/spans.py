"""Small helpers on spans of a text, shared by the analysis modules."""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["require_text", "trim", "inside", "crosses", "markup_spans"]

#: a markup tag (<tweet author="...">, </p>): neither its quote marks nor its words are text
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")


def require_text(text, name: str) -> str:
    """Return ``text`` or raise a clear TypeError when it is not a string.

    Args:
        text: the value given.
        name: the public function's name, for the message.

    Raises:
        TypeError: ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"{name}() needs the article as a string (text), not {type(text).__name__}. "
            f"Try {name}(article.text)."
        )
    return text


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces and punctuation at both ends."""
    while start < end and (text[start].isspace() or text[start] in ",;:–—-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.–—-"):
        end -= 1
    return start, end


def inside(pos: int, spans) -> bool:
    """Tell whether ``pos`` lies in one of ``spans`` (sorted, not overlapping)."""
    index = bisect_right(spans, (pos, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= pos < spans[index][1]


def crosses(boundary: int, spans) -> bool:
    """Tell whether one of ``spans`` (sorted) runs across ``boundary``."""
    index = bisect_right(spans, (boundary, float("inf"))) - 1
    return index >= 0 and spans[index][0] < boundary < spans[index][1]


def markup_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the spans of the markup tags in text[start:end] (none when it holds no "<")."""
    end = len(text) if end is None else end
    if "<" not in text[start:end]:
        return []
    return [m.span() for m in _MARKUP.finditer(text, start, end)]
