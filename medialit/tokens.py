"""Words, quote marks and term patterns: the one tokeniser of the package.

Every module that counts words, pairs quote marks or matches a list of terms
uses this module, so a word is the same thing in the analysis, the charts and
the answer checks. It imports nothing from the package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "WORD",
    "OPEN_QUOTES",
    "CLOSE_QUOTES",
    "OPEN_DOUBLE",
    "CLOSE_DOUBLE",
    "QUOTE_FOLD",
    "words",
    "word_spans",
    "terms_pattern",
]

#: A word: letters or digits, joined across apostrophes, hyphens and inner
#: full stops ("Kiev’s", "US-led", "U.S").
WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")

#: Every mark that can open or close a quotation (sentence splitting).
OPEN_QUOTES = "“‘\"'«"
CLOSE_QUOTES = "”’\"'»"
#: Double marks that are only ever opening or only ever closing (quote pairing).
OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
#: Curly quote marks folded to straight ones (answer normalisation).
QUOTE_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def word_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the words of ``text`` (see ``WORD``).

    Args:
        text: any string; other types give an empty list.
    """
    if not isinstance(text, str):
        return []
    return [m.span() for m in WORD.finditer(text)]


def words(text: str) -> list[str]:
    """Return the words of ``text`` (see ``WORD``); other types give an empty list."""
    if not isinstance(text, str):
        return []
    return WORD.findall(text)


def terms_pattern(
    terms: Iterable[str], before: str = r"\w\-", multiword: bool = False
) -> re.Pattern:
    """Compile one case-insensitive regex matching any of ``terms`` as whole words.

    The longest term wins where terms overlap.

    Args:
        terms: the words or phrases to find.
        before: characters that may not stand just before a match.
        multiword: let a space in a term match any run of white space.

    Returns:
        The compiled pattern.
    """
    escaped = [re.escape(t) for t in sorted(set(terms), key=lambda t: (-len(t), t))]
    if multiword:
        escaped = [t.replace(r"\ ", r"\s+") for t in escaped]
    return re.compile(rf"(?<![{before}])(?:{'|'.join(escaped)})(?![\w\-])", re.IGNORECASE)
