"""Cues: the reporting verbs (and "according to") that open an attribution.

The verbs come from ``data/lexicons/reporting_verbs.csv``; each form has a
connotation there (neutral, factive, negative ...) that the charts and the
explorer both read through ``connotation``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from medialit.analysis.spans import inside
from medialit.data import DataError, lexicon
from medialit.tokens import terms_pattern

__all__ = ["DETERMINERS", "NEGATORS", "find_cues", "cue_connotations", "connotation"]

DETERMINERS = frozenset("a an the this that these those his her its their our my your".split())
NEGATORS = frozenset("not never to n't cannot would could might may should can must".split())


@lru_cache(maxsize=None)
def _cue_pattern() -> re.Pattern:
    """Compile one regex for every reporting-verb form in the lexicon (cached)."""
    forms = {
        form.replace("_", " ").lower()
        for row in lexicon("reporting_verbs")
        for form in (row["forms"] or "").split()
    }
    forms.add("according to")
    return terms_pattern(forms, before=r"\w\-’'", multiword=True)



def _prev_word(text: str, pos: int) -> str:
    """Return the lower-cased word just before ``pos`` ("" at the start)."""
    match = re.search(r"([\w’']+)\W*$", text[max(0, pos - 40):pos])
    return match.group(1).lower() if match else ""


def find_cues(text: str, start: int, end: int, quotes) -> list[tuple[int, int]]:
    """Find reporting-verb cues in text[start:end] outside quotes and not negated."""
    found = []
    for match in _cue_pattern().finditer(text, start, end):
        word = match.group(0)
        if inside(match.start(), quotes) or (word[0].isupper() and not word.lower().startswith("according")):
            continue
        prev = _prev_word(text, match.start())
        if prev in NEGATORS or prev in DETERMINERS or prev.endswith("n't"):
            continue
        found.append(match.span())
    return found



@lru_cache(maxsize=None)
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
