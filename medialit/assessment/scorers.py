"""One scorer per question type, in a registry: ``SCORERS[type](question, answer, text)``.

Scoring (the score runs from 0 to 1):

- ``single``: 1 or 0;
- ``multiple`` and ``set``: right picks minus wrong picks, divided by the
  number of right ones (never below 0), so ticking everything earns nothing;
- ``labels``: the share of items with the right label;
- ``spans``: compared word by word; the F1 score (harmonic mean of word
  precision and word recall) of the marked words;
- ``text``: judged on meaning by ``medialit.assessment.meaning``: a sentence,
  not a word list; concept groups found (not negated, no opposite, no wrong
  verdict, on topic) divided by ``min_concepts`` (at most 1); a keyword counts
  when it is a word or phrase of the answer or the start of a word
  ("negotiat" counts for "negotiations"); rewrite tasks are also compared with
  their passage;
- ``number``: 1 within the tolerance, else 0.

Each scorer works only from the compiled (hashed) question and returns a
``Scored`` tuple; it raises ``AnswerProblem`` for an answer of the wrong form.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from medialit.assessment import keys
from medialit.assessment.coerce import (
    AnswerProblem,
    elements,
    is_empty,
    not_here,
    option_id,
    read_number,
    read_spans,
    short,
)
from medialit.data import DataError, fact_cards, lexicon
from medialit.data import annotations as gold_annotations

if TYPE_CHECKING:
    from medialit.assessment import meaning

__all__ = ["Scored", "SCORERS", "register"]


class Scored(NamedTuple):
    """What a scorer found: score (0-1), message, per-item details, (right, of) parts."""

    score: float
    message: str
    details: dict
    parts: tuple


#: a scorer: (compiled question, answer, a function returning Article.text) -> Scored
Scorer = Callable[[dict, object, Callable[[], str]], Scored]
SCORERS: dict[str, Scorer] = {}


def register(kind: str) -> Callable[[Scorer], Scorer]:
    """Register a scorer for the question type ``kind`` (a decorator)."""

    def add(scorer: Scorer) -> Scorer:
        SCORERS[kind] = scorer
        return scorer

    return add


def _h(q: dict, value) -> str:
    """Hash one element with the question's salt."""
    return keys.hash_element(q["salt"], value)


def _mistake(q: dict, parts: list[str]) -> str:
    """Feedback for a known mistake (the whole answer), else ""."""
    return q.get("mistakes", {}).get(keys.mistake_hash(q["salt"], parts), "")


@register("single")
def score_single(q: dict, answer, _text) -> Scored:
    """One option id (or its text); feedback for the option chosen."""
    if isinstance(answer, (list, tuple, set, frozenset)) and len(answer) == 1:
        answer = next(iter(answer))
    elif isinstance(answer, (list, tuple, set, frozenset, dict)):
        raise AnswerProblem('Pick one option only, e.g. "b".')
    chosen = option_id(q, answer)
    key = _h(q, chosen)
    note = q["feedback"].get(key, "") or _mistake(q, [chosen])
    if key in q["key"]:
        return Scored(1.0, note, {}, ())
    note = note or "That option is not the right one yet. Read the hint and try again."
    return Scored(0.0, note, {chosen: "not right yet"}, ())


@register("multiple")
def score_multiple(q: dict, answer, _text) -> Scored:
    """Several option ids; right minus wrong picks."""
    chosen = sorted({option_id(q, e) for e in elements(answer)})
    return _score_set(q, chosen)


@register("set")
def score_set(q: dict, answer, _text) -> Scored:
    """Several item ids (sentence or source ids); right minus wrong picks."""
    chosen = sorted({keys.normalise(e) for e in elements(answer)})
    items = q.get("items") or []
    known = {keys.normalise(i): i for i in items}
    for element in chosen:
        if known and element not in known:
            raise AnswerProblem(not_here(element, "a choice", items))
    return _score_set(q, chosen, known)


def _score_set(q: dict, chosen: list[str], names: dict | None = None) -> Scored:
    """Right minus wrong picks over the number of right ones; per-pick details.

    ``names`` maps a normalised id back to the question's spelling for the details.
    """
    details, right, wrong, notes = {}, 0, 0, []
    for element in chosen:
        key = _h(q, element)
        name = (names or {}).get(element, element)
        if key in q["key"]:
            right += 1
            details[name] = "right"
        else:
            wrong += 1
            details[name] = "not right yet"
            if q["feedback"].get(key):
                notes.append(f"{name}: {q['feedback'][key]}")
    size = q["size"]
    score = max(0, right - wrong) / size if size else 0.0
    message = _mistake(q, chosen)
    if not message:
        missing = size - right
        message = f"You found {right} of {size}." + (f" {missing} more to find." if missing else "")
        if wrong:
            message += f" {wrong} of your choices {'is' if wrong == 1 else 'are'} not right yet."
        message = " ".join([message] + notes)
    return Scored(score, message, details, (right, size))


def _read_labels(q: dict, answer, items: dict, labels: dict) -> dict[str, str]:
    """Read a dict item -> label into normalised pairs (empty labels are skipped)."""
    if not isinstance(answer, dict):
        raise AnswerProblem('Give a dictionary of item -> label, like {"P2.1": "direct"}.')
    chosen: dict[str, str] = {}
    for item, label in answer.items():
        norm_item = keys.normalise(item) if isinstance(item, (str, int)) else None
        if norm_item is None or norm_item not in items:
            raise AnswerProblem(not_here(item, "an item", list(items.values())))
        if not isinstance(label, str) or keys.normalise(label) not in labels:
            if is_empty(label):
                continue
            raise AnswerProblem(not_here(label, "a label", list(labels.values())))
        chosen[norm_item] = keys.normalise(label)
    return chosen


@register("labels")
def score_labels(q: dict, answer, _text) -> Scored:
    """A dict item -> label; the share of items labelled right, a hint for each wrong one."""
    items = {keys.normalise(i): i for i in q.get("items", [])}
    labels = {keys.normalise(lab): lab for lab in q.get("labels", [])}
    chosen = _read_labels(q, answer, items, labels)
    details, right = {}, 0
    for norm_item, item in items.items():
        if norm_item not in chosen:
            details[item] = "no label yet"
        elif _h(q, f"{norm_item}={chosen[norm_item]}") in q["key"]:
            right += 1
            details[item] = "right"
        else:
            note = q["feedback"].get(_h(q, norm_item), "")
            details[item] = f"not right yet. {note}" if note else "not right yet"
    size = len(items) or q["size"]
    parts = sorted(f"{k}={v}" for k, v in chosen.items())
    message = _mistake(q, parts) or f"{right} of {size} labels are right."
    return Scored(right / size, message, details, (right, size))


@register("spans")
def score_spans(q: dict, answer, text: Callable[[], str]) -> Scored:
    """[start, end] spans compared word by word (F1 of the marked words).

    Words of the question's ``tolerated`` spans count neither for nor against.
    """
    article = text()
    starts = [str(s) for s in keys.word_starts(article, read_spans(answer, len(article)))]
    tolerated = set(q.get("tolerated", ()))
    counted = [s for s in starts if _h(q, s) not in tolerated]
    hits = sum(_h(q, s) in q["key"] for s in counted)
    size = q["size"]
    precision = hits / len(counted) if counted else 0.0
    recall = hits / size if size else 0.0
    score = 2 * precision * recall / (precision + recall) if hits else 0.0
    extra = len(counted) - hits
    message = _mistake(q, starts) or (
        f"{hits} of the {size} words to mark are marked."
        + (
            f" {extra} marked word{'s are' if extra != 1 else ' is'} not part of the answer."
            if extra
            else ""
        )
    )
    if hits == size and extra == 0:
        score = 1.0
    return Scored(score, message, {}, (hits, size))


_COURSES: dict[tuple, meaning.Course] = {}
#: hash of the article -> ``vocabulary()`` of the article and ``_course_texts()``
_SHARED_WORDS: dict[int, frozenset] = {}


#: the fields of a fact card and of a lexicon row whose words are the course's words
_CARD_FIELDS = ("title", "statement", "note")
_LEXICON_FIELDS = ("term", "forms", "lemma", "explanation", "alternative")


def _course_texts() -> list[str]:
    """The fact cards' text and the lexicons' terms and explanations (no source lists)."""
    texts = []
    try:
        texts += [str(c.get(f, "")) for c in fact_cards().values() for f in _CARD_FIELDS]
        for name in ("reporting_verbs", "loaded_terms", "hedges", "naming"):
            texts += [str(row.get(f) or "") for row in lexicon(name) for f in _LEXICON_FIELDS]
    except DataError:
        pass
    return texts


def _course(q: dict, article: str) -> meaning.Course:
    """What the course says, for this question (cached): its words, anchors and sentences."""
    from medialit.assessment import meaning  # loads with the first free-text check

    key = (q["id"], hash(article))
    if key not in _COURSES:
        own = [
            q.get("prompt", ""),
            q.get("explanation", ""),
            *q.get("hints", []),
            *q.get("concepts", []),
        ]
        shared = _SHARED_WORDS.get(hash(article))
        if shared is None:  # the same for every question: built once
            shared = _SHARED_WORDS[hash(article)] = meaning.vocabulary(article, *_course_texts())
        _COURSES[key] = meaning.Course(
            shared | meaning.vocabulary(*own),
            meaning.anchors(q.get("prompt", ""), article),
            meaning.references(article),
        )
    return _COURSES[key]


def _loaded_words() -> frozenset:
    """Words a neutral rewrite does not bring in.

    Returns:
        The one-word loaded terms of the lexicon and ``meaning.JUDGEMENT_WORDS`` (loaded
        reporting cues are found by ``meaning``).
    """
    from medialit.assessment import meaning  # loads with the first free-text check

    try:
        terms = {row["term"].casefold() for row in lexicon("loaded_terms")}
    except DataError:
        terms = set()
    return frozenset({t for t in terms if " " not in t} | meaning.JUDGEMENT_WORDS)


def _passage(q: dict, article: str) -> meaning.Passage | None:
    """The passage ``rewrite_of`` names, with the gold framing items inside it."""
    from medialit.assessment import meaning  # loads with the first free-text check

    wanted = q.get("rewrite_of")
    try:
        gold = gold_annotations()
    except DataError:
        return None
    inside = [
        s
        for s in gold.get("sentences", [])
        if s["id"] == wanted or s["id"].startswith(f"{wanted}.")
    ]
    if not inside:
        return None
    start, end = min(s["start"] for s in inside), max(s["end"] for s in inside)
    devices = tuple(
        (f["text"], f.get("category", ""))
        for f in gold.get("framing", [])
        if start <= f["start"] < end
    )
    return meaning.Passage(article[start:end], devices, _loaded_words())


@register("text")
def score_text(q: dict, answer, text: Callable[[], str]) -> Scored:
    """Free text judged on meaning (``medialit.assessment.meaning``)."""
    from medialit.assessment import meaning  # loads with the first free-text check

    if not isinstance(answer, str):
        raise AnswerProblem(
            f"Write your answer as text between quote marks; {short(answer)} is not text."
        )
    answer, was_cut = meaning.cut(answer)
    article = text()
    judged = meaning.judge(q, answer, _course(q, article), lambda: _passage(q, article))
    message = judged.message
    if was_cut:
        message = (f"Only the first {meaning.MAX_CHARS} characters were read. " + message).strip()
    return Scored(judged.score, message, judged.details, judged.parts)


def _example_number(q: dict) -> str:
    """A number to give as an example in a message: never one the key accepts."""
    for candidate in (12, 7, 30, 4, 55, 101, 250, 1000):
        grid = keys.number_grid(candidate, q["decimals"])
        if _h(q, grid) not in q["key"]:
            return grid
    return "-1"


@register("number")
def score_number(q: dict, answer, _text) -> Scored:
    """A number within the tolerance (hashed grid of accepted values)."""
    decimals, step = q["decimals"], 10 ** -q["decimals"]
    value = read_number(answer, _example_number(q))
    low = keys.number_grid(math.floor(value / step + 1e-9) * step, decimals)
    high = keys.number_grid(math.ceil(value / step - 1e-9) * step, decimals)
    right = _h(q, low) in q["key"] and _h(q, high) in q["key"]
    mistake = _mistake(q, [keys.number_grid(value, decimals)])
    message = mistake or ("" if right else "Not this number. Count again.")
    return Scored(1.0 if right else 0.0, message, {}, ())
