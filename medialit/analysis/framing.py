"""Words and structures that frame: found from the lexicons and from patterns.

``framing_devices(text)`` returns ``FramingDevice`` objects. Sources:

* lexicons written by the project (``data/lexicons/naming.csv``,
  ``loaded_terms.csv``): naming choices (Kiev/Kyiv, Donbas/Donbass,
  "special military operation"), labels ("Kiev regime", "orcs", "terrorist
  state"), loaded terms, euphemisms and a few set phrases; terms from every
  side of a conflict are listed and treated alike. Matching ignores case,
  curly apostrophes and accents, and needs whole words; inside one lexicon
  the longest term wins. A naming variant is flagged only when its row
  gives an alternative (so "Kyiv" and "Donbas", the usual forms, are not);
  it is always a ``naming`` device and, when its row says so, also a
  ``euphemism`` or ``label``.
* a general lexicon (``data/lexicons/evaluative.csv``, built from the VADER
  and Pattern sentiment lexicons: see its README): adjectives and adverbs
  that carry a strong judgement are ``loaded`` devices ("judgement word"),
  with a booster before them ("utterly") and the word they describe after
  them ("shameful deal"); names inside a sentence ("Great Britain") and
  words inside a device of the project's lexicons are skipped. Words for a
  camp or creed ("-ist", "-ism", minus ``NOT_LABELS``) are ``label`` devices.
* patterns:
  - ``so_called``: "so-called" / "so called";
  - ``scare_quotes``: a quotation of 1-4 words that no attribution owns
    (it is not the content of, or inside, a found attribution); in the
    headline (see below) such a quotation is a ``headline_quote``; a short
    quotation that an attribution owns but that follows "called", "branded",
    "as", "a", "the", "his" ... is a ``label`` ("quoted label": the speaker's
    name for someone, repeated);
  - ``editorial_insertion``: square brackets inside a quotation;
  - ``agentless``: a passive with no "by" agent: a form of "be" or "get",
    at most one adverb, then a past participle (a word ending in "-ed" or
    one of ``IRREGULAR``), with no "by" in the next four words;
  - ``nominalisation``: "the/a/an/this" + an event noun + "of" (a noun from
    ``EVENT_NOUNS`` or ending in -tion, -sion, -ment, -ure or -al, minus
    ``NOT_EVENTS``), as in "the outbreak of the conflict";
  - ``repetition``: the same run of 2-4 words twice in one sentence (back
    to back, "year after year, year after year", or apart), when the run
    holds a word of four letters or more.

The headline is the first non-blank line, when another non-blank line
follows it, it has at most ``HEADLINE_MAX_WORDS`` words and it does not end
like a body sentence, with a full stop (before a closing quote mark or
bracket, if any). So one line on its own (a sentence taken from an
article, as the rewrite lab passes) has no headline, and neither has a
pasted text whose first line is a sentence of its first paragraph.

Limits (no part-of-speech tagger is available offline): the passive rule
also fires on adjectives that look like participles ("was tired", "is
concerned") and misses passives with two adverbs or an irregular
participle not listed; the nominalisation rule finds only "the X of"
shapes and some of those name no hidden action ("the position of"); scare
quotes cannot tell a sneer from an honest quotation of a title; repetition
ignores repeats across sentences; the general lexicon cannot read context
("fair share", "rich countries" are flagged) and on news others annotated
finds only part of what they marked (``benchmarks/README.md``, PTC).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from medialit.analysis.attribution import attributions
from medialit.analysis.quotes import quote_spans
from medialit.analysis.spans import require_text
from medialit.data import lexicon
from medialit.text import NLTK_DATA, split_sentences
from medialit.tokens import WORD, terms_pattern

__all__ = [
    "FramingDevice",
    "framing_devices",
    "hedges",
    "CATEGORIES",
    "IRREGULAR",
    "EVENT_NOUNS",
    "NOT_LABELS",
    "HEADLINE_MAX_WORDS",
]

#: The framing categories (the gold annotations use the same names).
CATEGORIES = (
    "naming",
    "label",
    "loaded",
    "euphemism",
    "scare_quotes",
    "so_called",
    "agentless",
    "nominalisation",
    "editorial_insertion",
    "headline_quote",
    "repetition",
    "whataboutism",
    "causal_oversimplification",
    "appeal_to_emotion",
    "slogan",
    "selection",
)
IRREGULAR = frozenset(
    "made done given taken seen known held left built sent spent brought thought told found "
    "lost paid put set cut hit hurt shut kept led thrown shown drawn written driven eaten fallen "
    "forgotten hidden beaten broken chosen frozen spoken stolen sworn torn worn born borne bound "
    "caught taught fought bought sold struck hung won begun sunk understood withdrawn shot "
    "fed met read said heard meant felt sought overthrown undertaken overtaken arisen".split()
)
NOT_PARTICIPLES = frozenset("need indeed red bed speed seed shed feed hundred breed bred".split())
EVENT_NOUNS = frozenset(
    "outbreak attack collapse killing killings invasion escalation strike breakdown fall rise "
    "loss losses shutdown crackdown takeover spread start end death deaths destruction shelling "
    "bombing closure failure withdrawal removal arrest imprisonment expansion annexation "
    "occupation rejection cancellation suspension approval dismissal".split()
)
NOT_EVENTS = frozenset(
    "nation mention question section government department environment position portion "
    "station mentality proportion region function statement general principal moment "
    "future nature culture figure measure structure capital".split()
)
#: "-ist"/"-ism" words that name a trade, an act or a quality, not a camp people are put in.
NOT_LABELS = frozenset(
    "list lists artist artists scientist scientists journalist journalists journalism tourist "
    "tourists tourism specialist specialists analyst analysts dentist dentists pianist pianists "
    "finalist finalists chemist chemists physicist physicists economist economists therapist "
    "therapists psychiatrist psychiatrists columnist columnists novelist novelists cyclist "
    "cyclists motorist motorists lobbyist lobbyists strategist strategists linguist linguists "
    "pharmacist pharmacists stylist florist cellist violinist guitarist receptionist "
    "protagonist protagonists antagonist antagonists theorist theorists activist activists "
    "assist assists insist insists exist exists resist resists persist persists consist "
    "consists twist twists mist wrist fist fists christ realism organism organisms mechanism "
    "mechanisms criticism criticisms metabolism autism baptism catechism optimism optimist "
    "optimists pessimism pessimist pessimists idealism idealist heroism tourism exorcism "
    "exorcist".split()
)
#: a first line longer than this is a body paragraph, not a headline
HEADLINE_MAX_WORDS = 20
_FIRST_LINE = re.compile(r"\s*([^\n]*)\n\s*\S")
_FULL_STOP = re.compile(r"\.[\"”’'»)\]]*\s*$")
_IDEOLOGY = re.compile(r"\b(?:[A-Za-z]+-)?[A-Za-z][a-z]{2,}(?:ists?|isms?)\b")
#: Words before a quotation that make it a name for someone or something ("called “X”", "the “X”").
_LABEL_BEFORE = re.compile(
    r"\b(?:called|calls|calling|branded|dubbed|labell?ed|described\s+as|known\s+as|as|an?|"
    r"the|this|these|those|their|his|her|its|our)\s*$",
    re.IGNORECASE,
)
_BE = r"(?:is|are|was|were|be|been|being|got|get|gets|getting)"
_PASSIVE = re.compile(rf"\b{_BE}\s+(?:(\w+ly)\s+)?([a-z]+)\b", re.IGNORECASE)
_NOMINAL = re.compile(r"\b(?:the|a|an|this|that)\s+([a-z]+)\s+of\b", re.IGNORECASE)
_SO_CALLED = re.compile(r"\bso[- ]called\b", re.IGNORECASE)
_BRACKETS = re.compile(r"\[[^\[\]\n]{1,80}\]")
_FOLD = str.maketrans("’‘ʼéèêëáàâäíìîïóòôöúùûüçñ–—", "'''eeeeaaaaiiiioooouuuucn--")
_FUNCTION = frozenset(
    "the a an of to in on at for and or but is are was were be it its this that with as by from "
    "he she they we you i his her their our not no".split()
)


@dataclass(frozen=True)
class FramingDevice:
    """One framing device: its category and technique, where it is, why it matters."""

    category: str
    technique: str
    text: str
    start: int
    end: int
    explanation: str
    alternative: str | None = None


@cache
def _lexicon_patterns() -> tuple:
    """Compile the naming and loaded-term lexicons into (regex, rows by term) pairs (cached)."""
    compiled = []
    for name in ("naming", "loaded_terms"):
        rows = {row["term"].lower().translate(_FOLD): row for row in lexicon(name)}
        compiled.append((name, terms_pattern(rows), rows))
    return tuple(compiled)


def _from_lexicons(text: str, folded: str) -> list[FramingDevice]:
    """Find lexicon terms in ``text`` (matched on the folded copy, same offsets)."""
    found = []
    for name, regex, rows in _lexicon_patterns():
        for match in regex.finditer(folded):
            row = rows[match.group(0).lower()]
            span = (text[match.start() : match.end()], match.start(), match.end())
            if name == "loaded_terms":
                explanation = f"{row['explanation']} Used by: {row['used_by']}."
                found.append(
                    FramingDevice(
                        row["category"], row["technique"], *span, explanation, row["alternative"]
                    )
                )
            elif row["alternative"]:
                explanation = f"{row['note']} Used by: {row['used_by']}."
                for category in dict.fromkeys(("naming", row["category"])):
                    found.append(
                        FramingDevice(
                            category,
                            f"naming choice ({row['group']})",
                            *span,
                            explanation,
                            row["alternative"],
                        )
                    )
    return found


@cache
def _general_lexicon() -> tuple[dict[str, dict], frozenset[str]]:
    """Read ``evaluative.csv``: evaluative rows by term and the booster words (cached)."""
    rows = lexicon("evaluative")
    words = {row["term"]: row for row in rows if row["kind"] == "evaluative"}
    return words, frozenset(row["term"] for row in rows if row["kind"] == "booster")


@cache
def _stopwords() -> frozenset[str]:
    """The course's English stopword list, read from its file (no NLTK import)."""
    path = NLTK_DATA / "corpora" / "stopwords" / "english"
    return frozenset(path.read_text(encoding="utf-8").split())


_JUDGEMENT = {
    "negative": "A word that carries a strong negative judgement tells the reader what to "
    "think of someone or something before the facts do.",
    "positive": "A word that carries a strong positive judgement tells the reader what to "
    "think of someone or something before the facts do.",
}


def _starts_sentence(text: str, start: int) -> bool:
    """Tell whether the word at ``start`` opens the text, a line or a sentence."""
    before = text[max(0, start - 20) : start].rstrip(" \t\"“‘'([")
    return not before or before[-1] in ".!?:;\n—–-"


def _evaluative_words(text: str, taken: list[tuple[int, int]]) -> list[FramingDevice]:
    """Words of the general lexicon (``evaluative.csv``), with a booster just before them.

    The word after one (the thing judged: "disastrous policy") joins the span
    when it follows after one space, is in lower case, is not a stopword of
    the course's list and is not itself in the lexicon. A capitalised word
    inside a sentence is skipped (a name: "Great Britain",
    "New York"), and so is a word inside a device of the project's own
    lexicons (its row explains the term better).
    """
    words, boosters = _general_lexicon()
    tokens = list(WORD.finditer(text))
    found = []
    for i, match in enumerate(tokens):
        row = words.get(match.group(0).lower())
        start, end = match.span()
        if row is None or any(s < end and start < e for s, e in taken):
            continue
        if match.group(0)[0].isupper() and not _starts_sentence(text, start):
            continue
        before = tokens[i - 1] if i else None
        if (
            before is not None
            and before.group(0).lower() in boosters
            and text[before.end() : start].isspace()
        ):
            start = before.start()
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            after is not None
            and text[end : after.start()] == " "
            and after.group(0).islower()
            and after.group(0) not in _stopwords()
            and after.group(0) not in words
        ):
            end = after.end()
        found.append(
            FramingDevice(
                "loaded",
                "judgement word (general lexicon)",
                text[start:end],
                start,
                end,
                _JUDGEMENT[row["polarity"]],
                "say what was done or said, without the judgement",
            )
        )
    return found


def _ideology_labels(text: str, taken: list[tuple[int, int]]) -> list[FramingDevice]:
    """Words for a camp or a creed ("-ist", "-ism") that can label people."""
    found = []
    for match in _IDEOLOGY.finditer(text):
        word = match.group(0).lower()
        start, end = match.span()
        if (
            word in NOT_LABELS
            or word.endswith(("ologist", "ologists"))
            or any(s < end and start < e for s, e in taken)
        ):
            continue
        found.append(
            FramingDevice(
                "label",
                "label (a camp or creed)",
                match.group(0),
                start,
                end,
                "A word for a camp or a creed, used of people, sorts them into a group "
                "instead of saying what they did or said.",
                "say what the person said or did",
            )
        )
    return found


def _headline(text: str) -> tuple[int, int]:
    """The (start, end) of the text's headline, or (0, 0) when it has none (rule above)."""
    match = _FIRST_LINE.match(text)
    if match is None:
        return 0, 0
    line = match.group(1)
    if _FULL_STOP.search(line) or len(WORD.findall(line)) > HEADLINE_MAX_WORDS:
        return 0, 0
    return match.start(1), match.end(1)


def _quote_devices(text: str) -> list[FramingDevice]:
    """Scare quotes, headline quotes and editorial square brackets."""
    quotes = quote_spans(text)
    owned = sorted((a.start, a.end) for a in attributions(text))
    exact = set(owned)
    starts = [s for s, _ in owned]
    reach = list(accumulate((e for _, e in owned), max))
    headline = _headline(text)
    found = []
    for start, end in quotes:
        inner = text[start + 1 : end - 1]
        for match in _BRACKETS.finditer(inner):
            s = start + 1 + match.start()
            found.append(
                FramingDevice(
                    "editorial_insertion",
                    "words added by the editor",
                    match.group(0),
                    s,
                    s + len(match.group(0)),
                    "Square brackets inside a quotation mark words the speaker did not say: "
                    "the editor decided what the speaker meant.",
                    None,
                )
            )
        n_words = len(WORD.findall(inner))
        if not 1 <= n_words <= 4:
            continue
        if headline[0] <= start < headline[1]:
            found.append(
                FramingDevice(
                    "headline_quote",
                    "quotation marks in a headline",
                    text[start:end],
                    start,
                    end,
                    "Quotation marks in a headline show words as someone's, "
                    "but not whose or in what form: check the body for the exact words.",
                    None,
                )
            )
        elif not _owned(start + 1, end - 1, starts, reach, exact):
            found.append(
                FramingDevice(
                    "scare_quotes",
                    "scare quotes",
                    text[start:end],
                    start,
                    end,
                    "Quotation marks around a short phrase that no one is quoted as saying "
                    "can cast doubt on the words or distance the writer from them.",
                    inner.strip(" ,."),
                )
            )
        elif _LABEL_BEFORE.search(text[max(0, start - 30) : start]):
            found.append(
                FramingDevice(
                    "label",
                    "quoted label",
                    text[start:end],
                    start,
                    end,
                    "A short quotation used as a name for someone or something repeats "
                    "a label that a speaker chose: ask who chose it and why.",
                    "describe them in neutral words, and say who used the label",
                )
            )
    return found


def _owned(start: int, end: int, starts, reach, exact) -> bool:
    """Tell whether an attribution content span covers text[start:end]."""
    index = bisect_right(starts, start) - 1
    return (start, end) in exact or (index >= 0 and reach[index] >= end)


def _patterns(text: str) -> list[FramingDevice]:
    """So-called, agentless passives and nominalisations."""
    found = []
    for match in _SO_CALLED.finditer(text):
        found.append(
            FramingDevice(
                "so_called",
                "so-called",
                match.group(0),
                *match.span(),
                "'So-called' signals that the writer doubts the name that follows.",
                "(leave it out)",
            )
        )
    for match in _PASSIVE.finditer(text):
        word = match.group(2).lower()
        if not (
            word in IRREGULAR
            or (word.endswith("ed") and len(word) >= 4 and word not in NOT_PARTICIPLES)
        ):
            continue
        if re.match(r"(?:\W+\w+){0,4}?\W+by\b", text[match.end() : match.end() + 40]):
            continue
        found.append(
            FramingDevice(
                "agentless",
                "agentless passive",
                match.group(0),
                *match.span(),
                "A passive with no 'by ...' hides who did it.",
                "name who did it",
            )
        )
    for match in _NOMINAL.finditer(text):
        noun = match.group(1).lower()
        if noun in NOT_EVENTS or not (
            noun in EVENT_NOUNS or noun.endswith(("tion", "sion", "ment", "ure", "al"))
        ):
            continue
        found.append(
            FramingDevice(
                "nominalisation",
                "nominalisation",
                match.group(0),
                *match.span(),
                "Turning an action into a noun ('the outbreak of the conflict') "
                "leaves out who acted.",
                "say who did what",
            )
        )
    return found


def _repetitions(text: str) -> list[FramingDevice]:
    """Runs of 2-4 words said twice in one sentence."""
    found = []
    for s_start, s_end in split_sentences(text, speech_verbs=frozenset()):
        tokens = [
            (m.group(0).lower(), s_start + m.start(), s_start + m.end())
            for m in WORD.finditer(text[s_start:s_end])
        ]
        used: set[int] = set()
        for n in (4, 3, 2):
            seen: dict[tuple[str, ...], int] = {}
            for i in range(len(tokens) - n + 1):
                gram = tuple(t[0] for t in tokens[i : i + n])
                if any(j in used for j in range(i, i + n)) or not any(
                    len(w) >= 4 and w not in _FUNCTION for w in gram
                ):
                    continue
                if gram in seen and seen[gram] + n <= i and (n >= 3 or seen[gram] + n == i):
                    first = seen[gram]
                    start = tokens[first][1]
                    end = tokens[i + n - 1][2]
                    back_to_back = first + n == i
                    span = (start, end) if back_to_back else (tokens[i][1], end)
                    used.update(range(first, first + n))
                    used.update(range(i, i + n))
                    found.append(
                        FramingDevice(
                            "repetition",
                            "repetition",
                            text[span[0] : span[1]],
                            span[0],
                            span[1],
                            "Saying the same words again drives a point home by force, "
                            "not by evidence.",
                            " ".join(gram),
                        )
                    )
                else:
                    seen.setdefault(gram, i)
    return found


def framing_devices(text: str) -> list[FramingDevice]:
    """Find framing devices in ``text``: lexicon terms and pattern matches.

    A short quotation in the headline is a ``headline_quote``. The headline is the first
    non-blank line only when another line follows it, it has at most ``HEADLINE_MAX_WORDS``
    words and it does not end with a full stop: one sentence on its own has no headline.

    Args:
        text: the article text or any other string.

    Returns:
        FramingDevice objects ordered by start (then category); empty for an
        empty text.

    Raises:
        TypeError: ``text`` is not a string.
    """
    require_text(text, "framing_devices")
    if not text.strip():
        return []
    folded = text.translate(_FOLD)
    listed = _from_lexicons(text, folded)
    taken = [(d.start, d.end) for d in listed]
    found = (
        listed
        + _evaluative_words(text, taken)
        + _ideology_labels(text, taken)
        + _quote_devices(text)
        + _patterns(text)
        + _repetitions(text)
    )
    unique = {(d.start, d.end, d.category): d for d in found}
    return sorted(_drop_nested(unique.values()), key=lambda d: (d.start, d.end, d.category))


def _drop_nested(devices) -> list[FramingDevice]:
    """Drop a device that lies inside a longer device of the same category."""
    kept: list[FramingDevice] = []
    reach: dict[str, int] = {}
    for device in sorted(devices, key=lambda d: (d.category, d.start, -d.end)):
        if reach.get(device.category, -1) >= device.end:
            continue
        reach[device.category] = max(reach.get(device.category, -1), device.end)
        kept.append(device)
    return kept


@cache
def _hedge_pattern():
    """Compile the hedges lexicon into one regex and a row lookup (cached)."""
    rows = {row["term"].lower(): row for row in lexicon("hedges")}
    return terms_pattern(rows), rows


def hedges(text: str) -> list[dict]:
    """Find hedges (softening words) and intensifiers (strengthening words).

    Args:
        text: any string.

    Returns:
        Dicts with term, kind ("hedge" or "intensifier"), start, end and
        explanation, in text order.

    Raises:
        TypeError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"hedges() needs a string (text), not {type(text).__name__}.")
    regex, rows = _hedge_pattern()
    return [
        {
            "term": m.group(0),
            "kind": rows[m.group(0).lower()]["kind"],
            "start": m.start(),
            "end": m.end(),
            "explanation": rows[m.group(0).lower()]["explanation"],
        }
        for m in regex.finditer(text)
    ]
