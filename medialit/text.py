"""Text helpers: sentence splitting, word tokens, concordance and frequencies.

Sentence splitting is rule-based and needs no downloaded model (see
``split_sentences``). Concordance and frequency helpers are built on NLTK,
imported only when they are called, with the course's own NLTK data folder
(``medialit/nltk_data``) on NLTK's search path.
"""

from __future__ import annotations

import re
from pathlib import Path

from medialit.data import reporting_verb_forms
from medialit.tokens import CLOSE_QUOTES, OPEN_QUOTES, WORD, word_spans, words

__all__ = [
    "split_sentences",
    "word_spans",
    "words",
    "concordance",
    "word_frequencies",
    "frequencies_by_source",
    "stopwords",
    "ensure_nltk_data",
    "NLTK_DATA",
]

#: The course's own NLTK data (a stopword list written by the project).
NLTK_DATA = Path(__file__).parent / "nltk_data"


#: Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen col lt sgt capt rep sen gov pres jr sr inc ltd co corp "
    "no vs etc e.g i.e u.s u.k u.n a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec".split()
)

_END = re.compile(r"[.?!]+[”’\"'»)\]]*(?=\s+)")
_TAG_WORDS = 4


def _is_abbreviation(text: str, end: int) -> bool:
    """Tell whether the full stop just before ``end`` closes an abbreviation."""
    match = re.search(r"([\w.]+)\.$", text[:end])
    if not match:
        return False
    word = match.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _starts_speech_tag(rest: str, speech_verbs: frozenset[str]) -> bool:
    """Tell whether ``rest`` opens with a short speech tag ("Putin asked")."""
    tokens = WORD.findall(rest[:80])[: _TAG_WORDS + 1]
    return any(t.lower() in speech_verbs for t in tokens[1:])


def _break_here(paragraph: str, match: re.Match, speech_verbs: frozenset[str]) -> bool:
    """Decide whether the end mark in ``match`` ends a sentence."""
    mark = match.group(0)
    rest = paragraph[match.end() :].lstrip()
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in OPEN_QUOTES):
        return False
    if (
        mark.startswith(".")
        and mark.rstrip(CLOSE_QUOTES + ")]") == "."
        and _is_abbreviation(paragraph, match.start() + 1)
    ):
        return False
    closes_quote = mark[-1] in CLOSE_QUOTES
    if closes_quote and mark[0] in "?!" and _starts_speech_tag(rest, speech_verbs):
        return False
    return True


def split_sentences(text: str, speech_verbs=None) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their (start, end) offsets.

    Rules: a sentence never crosses a line break; it ends at ``.``, ``?`` or
    ``!`` (with any closing quote marks) followed by a space and a capital
    letter, a digit or an opening quote mark; a full stop after a known
    abbreviation or an initial does not end it; a quoted question or
    exclamation followed by a speech tag ("...?" Putin asked) stays one
    sentence. An ellipsis (…) never ends a sentence. Spaces around
    sentences are not part of them.

    Args:
        text: any string; other types give an empty list.
        speech_verbs: lower-case reporting verbs for the speech-tag rule;
            by default the course's reporting-verb lexicon.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if speech_verbs is None:
        speech_verbs = reporting_verb_forms()
    spans = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _END.finditer(line):
            if _break_here(line, match, speech_verbs):
                spans.append(_strip(text, offset + start, offset + match.end()))
                start = match.end()
        spans.append(_strip(text, offset + start, offset + len(line)))
        offset += len(line) + 1
    return [span for span in spans if span]


def _strip(text: str, start: int, end: int):
    """Shrink (start, end) to exclude surrounding spaces; None when empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def ensure_nltk_data():
    """Put the course's NLTK data folder on NLTK's search path; return nltk."""
    import nltk

    folder = str(NLTK_DATA)
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    return nltk


def stopwords() -> frozenset[str]:
    """Return the course's English stopword list (an NLTK corpus, read offline)."""
    ensure_nltk_data()
    from nltk.corpus import stopwords as corpus

    return frozenset(corpus.words("english"))


def concordance(text: str, word: str, width: int = 60, lines: int = 25) -> list[str]:
    """Return keyword-in-context lines for ``word`` in ``text`` (NLTK's concordance).

    Each line shows ``width`` characters around one occurrence; matching
    ignores case. Non-string input gives an empty list.
    """
    if not isinstance(text, str) or not isinstance(word, str) or not word.strip():
        return []
    nltk = ensure_nltk_data()
    corpus = nltk.Text(words(text))
    return [line.line for line in corpus.concordance_list(word.strip(), width=width, lines=lines)]


def word_frequencies(text: str, skip_stopwords: bool = True):
    """Count the words of ``text`` in an NLTK ``FreqDist`` (lower-cased).

    With ``skip_stopwords`` the course's stopword list is left out.
    """
    nltk = ensure_nltk_data()
    skip = stopwords() if skip_stopwords else frozenset()
    return nltk.FreqDist(w.lower() for w in words(text) if w.lower() not in skip)


def frequencies_by_source(pairs, skip_stopwords: bool = True):
    """Count words per source in an NLTK ``ConditionalFreqDist``.

    Args:
        pairs: (source, text) pairs, for example from ``attributions``:
            ``[(a.speaker, a.content) for a in attributions(text)]``.
        skip_stopwords: leave out the course's stopword list.
    """
    nltk = ensure_nltk_data()
    skip = stopwords() if skip_stopwords else frozenset()
    return nltk.ConditionalFreqDist(
        (source, w.lower())
        for source, chunk in pairs
        for w in words(chunk)
        if w.lower() not in skip
    )
