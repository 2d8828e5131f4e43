"""Cues: the reporting verbs (and "according to") that open an attribution.

The verbs come from ``data/lexicons/reporting_verbs.csv``; each form has a
connotation there (neutral, factive, negative ...) that the charts and the
explorer both read through ``connotation``.
"""

from __future__ import annotations

import re
from functools import cache

from medialit.analysis.spans import inside, markup_spans
from medialit.data import DataError, lexicon

__all__ = ["DETERMINERS", "NEGATORS", "find_cues", "cue_connotations", "connotation"]

DETERMINERS = frozenset("a an the this that these those his her its their our my your".split())
NEGATORS = frozenset(
    "not never to without n't cannot would could might may should can must".split()
)


#: "went on to" just before a verb: it reports more words ("went on to say"), it negates nothing
_GOES_ON = re.compile(r"\bon\s+to\s+$")
#: a capitalised name and a colon or comma after an opening verb: "Said Ellis:"
_NAME_AFTER = re.compile(r"\s+[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}\s*[:,]")
#: a comma and a relative pronoun: what follows a noun ("states, which"), never a reporting verb
_RELATIVE_AFTER = re.compile(r",\s*(?:which|who|whose)\b", re.IGNORECASE)
#: a run of word characters and hyphens not glued to a word, hyphen or apostrophe before it
_RUN = re.compile(r"(?<![\w\-’'])[\w\-]+")


@cache
def _cue_forms() -> tuple[frozenset[str], dict[str, re.Pattern]]:
    """Read the lexicon's forms (cached).

    Returns the one-word forms, and for a phrase's first word a pattern for the rest of
    the phrase ("according" -> " to", "pointed" -> " out").
    """
    forms = {
        form.replace("_", " ").lower()
        for row in lexicon("reporting_verbs")
        for form in (row["forms"] or "").split()
    }
    forms.add("according to")
    rests: dict[str, list[str]] = {}
    for form in forms:
        head, _, rest = form.partition(" ")
        if rest:
            rests.setdefault(head, []).append(rest)
    tails = {
        head: re.compile(
            r"\s+(?:"
            + "|".join(
                re.escape(r).replace(r"\ ", r"\s+") for r in sorted(items, key=len, reverse=True)
            )
            + r")(?![\w\-])",
            re.IGNORECASE,
        )
        for head, items in rests.items()
    }
    return frozenset(f for f in forms if " " not in f), tails


def _cue_matches(text: str, start: int, end: int):
    """Yield the spans of lexicon forms in text[start:end], whole words, any case.

    A word run is looked up in a set (fast on long texts); where it opens a
    listed phrase, the longer phrase wins.
    """
    single, tails = _cue_forms()
    for match in _RUN.finditer(text, start, end):
        low = match.group(0).lower()
        tail = tails.get(low)
        rest = tail.match(text, match.end(), end) if tail else None
        if rest:
            yield match.start(), rest.end()
        elif low in single:
            yield match.span()


def _prev_word(text: str, pos: int) -> str:
    """Return the lower-cased word just before ``pos`` ("" at the start)."""
    match = re.search(r"([\w’']+)\W*$", text[max(0, pos - 40) : pos])
    return match.group(1).lower() if match else ""


def _opens_inverted_tag(text: str, start: int, span: tuple[int, int]) -> bool:
    """Tell whether a capitalised verb opening its sentence is a cue.

    It is before a name ("Said Ellis: ...") or it is an "-ing" form opening a
    clause whose subject comes after it ("Calling the plan a disgrace, Ruiz ...").
    """
    if text[start : span[0]].strip():
        return False
    if text[span[0] : span[1]].lower().endswith("ing"):
        return True
    return _NAME_AFTER.match(text, span[1]) is not None


def _negated_or_noun(text: str, pos: int) -> bool:
    """Tell whether the word before ``pos`` negates the verb there or makes it a noun.

    "does not say", "to say", "the claims"; but "went on to say" reports more words.
    """
    prev = _prev_word(text, pos)
    if prev in DETERMINERS or prev.endswith("n't"):
        return True
    return prev in NEGATORS and not _GOES_ON.search(text, max(0, pos - 12), pos)


def find_cues(text: str, start: int, end: int, quotes) -> list[tuple[int, int]]:
    """Find reporting-verb cues in text[start:end] outside quotes and markup, not negated."""
    found = []
    markup = markup_spans(text, start, end)
    for span in _cue_matches(text, start, end):
        word = text[span[0] : span[1]]
        if (
            inside(span[0], quotes)
            or inside(span[0], markup)
            or (
                word[0].isupper()
                and not word.lower().startswith("according")
                and not _opens_inverted_tag(text, start, span)
            )
        ):
            continue
        if _negated_or_noun(text, span[0]):
            continue
        if _RELATIVE_AFTER.match(text, span[1]):
            continue  # a noun with a relative clause: "Small island states, which ..."
        found.append(span)
    return found


@cache
def cue_connotations() -> dict[str, str]:
    """Map each reporting-verb form to its connotation (empty if the lexicon is missing)."""
    try:
        rows = lexicon("reporting_verbs")
    except DataError:
        return {}
    return {
        form.lower(): row.get("connotation") or "other"
        for row in rows
        for form in (row.get("forms") or "").split()
    }


def connotation(cue: str) -> str:
    """Return the connotation of a cue (its last word found in the lexicon), or "other"."""
    table = cue_connotations()
    low = cue.lower().strip()
    if low in table:
        return table[low]
    if low.startswith("according to"):
        return "neutral"
    return next((table[w] for w in reversed(low.split()) if w in table), "other")
