"""Free text judged on meaning, offline and explainably (the ``text`` scorer's rules).

An answer is read once, left to right (linear time), after it is cut to
``MAX_CHARS`` characters. Then, in this order, each rule can stop the scoring
with a message that says why:

1. **A sentence, not a list of words**: at least ``MIN_WORDS`` words, at least
   ``MIN_FUNCTION_WORDS`` small words such as "the", "is", "that"; no word
   repeated so much that fewer than half the words are different; keywords
   at most ``MAX_KEYWORD_SHARE`` of the words.
2. **Rewrite tasks** (``rewrite_of`` names a sentence id, a paragraph ``P7``
   or ``"S"``): a rewrite that is (nearly) the original (word-level
   similarity above ``MAX_SIMILARITY``) scores 0.
3. **Concepts**: each concept group of the rubric is found when one of its
   (hashed) keywords occurs and is not negated ("not", "no", "never",
   "n't", "nothing"... up to ``NEGATION_SCOPE`` words before it, in the same
   clause). A concept's own opposites (``not = [...]`` in the bank, hashed
   like keywords) or a negated keyword with no plain use of the concept mean
   the answer says the opposite of a key idea: score 0.
4. **Verdicts**: a question with ``verdicts`` scores 0 when the answer gives a
   verdict of that list that is not the right one (and does not negate it).
5. **On topic**: the answer's other words must mostly be words of the course
   (the article, the question, the fact cards): at least ``MIN_ON_TOPIC`` of
   them. An answer that strings the keywords into a sentence about something
   else scores 0.
6. **Rewrite tasks again**: every loaded device the course marked in the
   passage (gold framing items of ``annotations.json``) that is still there,
   outside quote marks or a "what he calls", costs one concept; the answer
   must say who said it (``medialit.analysis.attributions`` finds a source
   and a cue) unless the question sets ``attribution = false``; at least
   ``MIN_FACTS_KEPT`` of the passage's content words must stay.

The score is concepts found (minus devices left) over ``min_concepts``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import NamedTuple

from medialit.analysis.attribution import attributions
from medialit.assessment import keys
from medialit.tokens import QUOTE_FOLD

__all__ = [
    "MAX_CHARS",
    "MIN_WORDS",
    "MIN_FUNCTION_WORDS",
    "MAX_KEYWORD_SHARE",
    "MAX_SIMILARITY",
    "NEGATION_SCOPE",
    "MIN_ON_TOPIC",
    "MIN_FACTS_KEPT",
    "Judged",
    "cut",
    "stem",
    "judge",
    "devices_left",
]

#: answers are cut to this many characters before they are scored
MAX_CHARS = 5000
#: a sentence has at least this many words ...
MIN_WORDS = 5
#: ... and at least this many function words
MIN_FUNCTION_WORDS = 2
#: keywords may be at most this share of the words
MAX_KEYWORD_SHARE = 0.6
#: a rewrite more similar than this to the original is "unchanged"
MAX_SIMILARITY = 0.9
#: a negation word reaches this many words forward (in its clause)
NEGATION_SCOPE = 5
#: share of an answer's other content words that must be words of the course
MIN_ON_TOPIC = 0.5
#: share of the passage's content words a rewrite must keep
MIN_FACTS_KEPT = 0.3

_TOKEN = re.compile(r"[\w][\w'’-]*|[.;:!?()]|[\"“”«»]")
_QUOTE_MARKS = frozenset('"“”«»')
_STOPS = frozenset(".;:!?()")
NEGATORS = frozenset("not no never nothing none nobody neither nor cannot hardly nowhere".split())
#: words that end a negation's reach
_BREAKERS = frozenset(
    "but and while although though yet whereas so because since which who however".split()
)
FUNCTION_WORDS = frozenset(
    """
a an the of to in on at by for from with about into as than that this these those it its
is are was were be been being am has have had do does did will would can could may might
shall should must he she they we you i his her their our your him them us who whom which
what when where why how and or but if so because not no nor there here all any some each
more most very just only also such own same other after before over under again then
""".split()
)
#: everyday words that say nothing about the topic (not counted either way when judging
#: whether an answer is on topic)
EVERYDAY_WORDS = frozenset(
    """
like make makes made get gets got give gives gave take takes took put say says said tell
told know knows knew think thinks thought see sees saw seem seems look looks sound sounds
come comes came go goes went want wants use uses used let lets keep keeps kept leave leaves
something someone anything anyone everything everyone nothing nobody thing things way ways
one two many much lot lots few every both either whole part place time times still already
even really well good bad new old big small first last next just maybe perhaps instead
""".split()
)
_CALLS = frozenset(
    "call calls called considers considered terms termed describes described sees regards".split()
)
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ians",
    "ian",
    "ness",
    "ers",
    "er",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
)
_SPELLINGS = {"kyiv": "kiev"}


class Judged(NamedTuple):
    """What the judge found: score 0-1, message, per-concept details, (found, of) parts."""

    score: float
    message: str
    details: dict
    parts: tuple


def cut(answer: str) -> tuple[str, bool]:
    """Cut an answer to ``MAX_CHARS`` characters.

    Returns:
        (the text, whether it was cut).
    """
    return (answer[:MAX_CHARS], True) if len(answer) > MAX_CHARS else (answer, False)


def stem(word: str) -> str:
    """A crude, explainable stem: lower case, one common suffix off, Kyiv = Kiev."""
    word = word.replace("’", "'").split("'")[0]
    word = _SPELLINGS.get(word, word)
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _tokens(text: str) -> list[str]:
    """Folded tokens: words, clause marks and quote marks (in order)."""
    folded = text.translate(QUOTE_FOLD).casefold()
    return [t.strip("'") or t for t in _TOKEN.findall(folded)]


class _Reading:
    """One pass over an answer: its words, where clauses end, what is quoted."""

    def __init__(self, text: str, lengths=()):
        self.lengths = frozenset(lengths)
        self.words: list[str] = []
        self.clause: list[int] = []  # clause number of each word
        self.quoted: list[bool] = []
        self._phrases: tuple | None = None
        clause, quoted = 0, False
        for token in _tokens(text):
            if token in _STOPS:
                clause += 1
            elif token in _QUOTE_MARKS:
                quoted = not quoted
            else:
                if token in _BREAKERS:
                    clause += 1
                self.words.append(token)
                self.clause.append(clause)
                self.quoted.append(quoted)

    def negated(self, start: int) -> bool:
        """Whether a negation word reaches the word at ``start`` (same clause)."""
        for j in range(start - 1, max(-1, start - 1 - NEGATION_SCOPE), -1):
            if self.clause[j] != self.clause[start]:
                return False
            word = self.words[j]
            if word in NEGATORS or word.endswith(("n't", "n’t")):
                return True
        return False

    def phrases(self, salt: str, longest: int) -> list[tuple[int, int, str, bool]]:
        """(position, size, hash, whole last word) of every phrase of up to ``longest`` words.

        The last word of a phrase also counts by its starts of 3+ letters (stems);
        each distinct phrase is hashed once, so the pass stays linear.
        """
        if self._phrases is not None and self._phrases[0] == (salt, longest):
            return self._phrases[1]
        seen: dict[str, str] = {}
        found = []
        words = self.words
        for i in range(len(words)):
            for size in range(1, min(longest, len(words) - i) + 1):
                head = " ".join(words[i : i + size - 1])
                last = words[i + size - 1]
                skip = len(head) + 1 if head else 0
                for n in range(min(3, len(last)), len(last) + 1):
                    if self.lengths and skip + n not in self.lengths:
                        continue
                    phrase = f"{head} {last[:n]}" if head else last[:n]
                    digest = seen.get(phrase)
                    if digest is None:
                        digest = seen[phrase] = keys.hash_element(salt, phrase)
                    found.append((i, size, digest, n == len(last)))
        self._phrases = ((salt, longest), found)
        return found

    def matches(self, q: dict, lookup: dict, longest: int, prefixes: bool = True):
        """Yield (position, size, value) for each hashed phrase of ``lookup`` in the words."""
        for i, size, digest, whole in self.phrases(q["salt"], max(longest, _longest(q))):
            if size <= longest and (prefixes or whole):
                value = lookup.get(digest)
                if value is not None:
                    yield i, size, value


def _longest(q: dict) -> int:
    """The longest phrase any of the question's hashed lists holds."""
    return max(
        [1, q.get("verdict_longest", 1)]
        + [max(g.get("longest", 1), g.get("not_longest", 1)) for g in q["rubric"]]
    )


def _lookups(q: dict) -> tuple[dict, dict, int]:
    """Hash -> concept index for keywords and for opposites, and the longest phrase."""
    cached = q.get("_lookups")
    if cached:
        return cached
    found: dict[str, int] = {}
    against: dict[str, int] = {}
    longest = 1
    for index, group in enumerate(q["rubric"]):
        found.update((h, index) for h in group["hashes"])
        against.update((h, index) for h in group.get("not", []))
        longest = max(longest, group.get("longest", 1), group.get("not_longest", 1))
    q["_lookups"] = (found, against, longest)
    return q["_lookups"]


class _Concepts(NamedTuple):
    """Per concept: found plainly, only found negated, opposed; keyword word count."""

    plain: set
    negated: set
    opposed: set
    keyword_words: int


def _concepts(q: dict, reading: _Reading) -> _Concepts:
    """Find each concept's keywords and opposites in the answer."""
    found, against, longest = _lookups(q)
    plain: set[int] = set()
    negated: set[int] = set()
    opposed: set[int] = set()
    covered: set[int] = set()
    for i, size, index in reading.matches(q, found, longest):
        (negated if reading.negated(i) else plain).add(index)
        covered.update(range(i, i + size))
    for i, _size, index in reading.matches(q, against, longest):
        if not reading.negated(i):
            opposed.add(index)
    return _Concepts(plain, negated - plain, opposed, len(covered))


def _wrong_verdicts(q: dict, reading: _Reading) -> list[str]:
    """The wrong verdicts the answer gives (not negated), as written in the answer."""
    lookup = {h: True for h in q.get("wrong_verdicts", [])}
    if not lookup:
        return []
    longest = q.get("verdict_longest", 2)
    return [
        " ".join(reading.words[i : i + size])
        for i, size, _ in reading.matches(q, lookup, longest, prefixes=False)
        if not reading.negated(i)
    ]


def _not_a_sentence(reading: _Reading, keyword_words: int) -> str:
    """Why the answer is a bag of words rather than a sentence, or ""."""
    words = reading.words
    function = sum(w in FUNCTION_WORDS for w in words)
    if len(words) < MIN_WORDS or function < MIN_FUNCTION_WORDS:
        return (
            "Write a sentence that explains your answer: a list of words, however right, "
            "is not an explanation."
        )
    if len(set(words)) < len(words) / 2:
        return "Write a sentence that explains your answer: repeating words does not explain it."
    if keyword_words > MAX_KEYWORD_SHARE * len(words):
        return (
            "Write a sentence that explains your answer in your own words, not a string "
            "of keywords."
        )
    return ""


def _content_stems(words, skip=frozenset()) -> list[str]:
    """Stems of the content words (no function words, no numbers, 3+ letters)."""
    return [
        stem(w)
        for n, w in enumerate(words)
        if n not in skip
        and w not in FUNCTION_WORDS
        and w not in EVERYDAY_WORDS
        and len(w) >= 3
        and not w.isdigit()
    ]


def vocabulary(*texts: str) -> frozenset[str]:
    """The stems of every word of some texts (the course's words)."""
    return frozenset(stem(w) for text in texts for w in _tokens(text) if w[0].isalnum())


def _off_topic(reading: _Reading, course_words: frozenset, keyword_positions: set) -> bool:
    """Whether most of the answer's other content words are not words of the course."""
    stems = _content_stems(reading.words, keyword_positions)
    if len(stems) < 3:
        return False
    known = sum(s in course_words for s in stems)
    return known < MIN_ON_TOPIC * len(stems)


def _keyword_positions(q: dict, reading: _Reading) -> set:
    """Word positions covered by keywords."""
    found, _against, longest = _lookups(q)
    positions: set[int] = set()
    for i, size, _ in reading.matches(q, found, longest):
        positions.update(range(i, i + size))
    return positions


class Passage(NamedTuple):
    """The passage a rewrite task is about: its text and the loaded devices taught in it."""

    text: str
    devices: tuple  # (folded device text, category) pairs


def _similarity(answer_words: list[str], passage_words: list[str]) -> float:
    """Word-level similarity of two word lists (difflib ratio)."""
    matcher = difflib.SequenceMatcher(None, answer_words[:1500], passage_words, autojunk=False)
    return matcher.ratio()


def _devices_left(reading: _Reading, passage: Passage) -> list[str]:
    """The passage's devices still in the rewrite, outside quote marks and "what he calls"."""
    joined, starts, pos = [], [], 0
    for word in reading.words:
        starts.append(pos)
        joined.append(word)
        pos += len(word) + 1
    text = " ".join(joined)
    left = []
    for device, _category in passage.devices:
        phrase = " ".join(w for w in _tokens(device) if w[0].isalnum())
        for match in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
            index = starts.index(match.start()) if match.start() in starts else None
            if index is None or reading.quoted[index]:
                continue
            before = set(reading.words[max(0, index - 3) : index])
            if not before & _CALLS:
                left.append(device)
                break
    return left


def _rewrite_problems(q: dict, answer: str, reading: _Reading, passage: Passage) -> tuple:
    """(message that stops the scoring or "", devices left) for a rewrite task."""
    passage_words = _Reading(passage.text).words
    if _similarity(reading.words, passage_words) > MAX_SIMILARITY:
        return ("This is (nearly) the original passage. Rewrite it in your own neutral words.", [])
    if q.get("attribution", True) and not any(a.source and a.cue for a in attributions(answer)):
        return ("Say who said it: name the source and use a reporting verb such as “said”.", [])
    original = set(_content_stems(passage_words))
    kept = original & set(_content_stems(reading.words))
    if original and len(kept) < MIN_FACTS_KEPT * len(original):
        return (
            "Keep the facts of the original: its names, numbers and main words are "
            "mostly missing from your rewrite.",
            [],
        )
    return "", _devices_left(reading, passage)


def judge(
    q: dict, answer: str, course_words: frozenset, passage: Callable[[], Passage | None]
) -> Judged:
    """Judge a free-text answer (the rules of this module's docstring).

    Args:
        q: the compiled ``text`` question.
        answer: the student's text (already cut to ``MAX_CHARS``).
        course_words: ``vocabulary()`` of the article, the question and the fact cards.
        passage: returns the Passage of a rewrite task (None for other questions).

    Returns:
        A Judged tuple.
    """
    reading = _Reading(answer, q.get("lengths", ()))
    need = q.get("min_concepts") or len(q["rubric"])
    concepts = q.get("concepts") or [f"idea {n}" for n in range(1, len(q["rubric"]) + 1)]
    found = _concepts(q, reading)

    def stop(message: str) -> Judged:
        return Judged(0.0, message, {}, (0, need))

    problem = _not_a_sentence(reading, found.keyword_words)
    if problem:
        return stop(problem)
    rewrite = passage() if q.get("rewrite_of") else None
    if rewrite:
        problem, left = _rewrite_problems(q, answer, reading, rewrite)
        if problem:
            return stop(problem)
    else:
        left = []
    wrong = _wrong_verdicts(q, reading)
    if wrong:
        return stop(
            f"Your verdict “{wrong[0]}” is not the one the evidence supports. "
            "Look at the fact card again."
        )
    against = sorted(found.negated | found.opposed)
    if against:
        return stop(f"Your answer says the opposite of a key idea ({concepts[against[0]]}).")
    if _off_topic(reading, course_words, _keyword_positions(q, reading)):
        return stop(
            "Your answer uses some of the right words but is not about this question. "
            "Explain what the article does."
        )
    details = {
        c: ("found" if n in found.plain else "not found yet") for n, c in enumerate(concepts)
    }
    hits = max(0, len(found.plain) - len(left))
    message = (
        f"Your answer covers {len(found.plain)} of the {len(concepts)} ideas; {need} are needed."
    )
    if left:
        message += " Still loaded: " + ", ".join(f"“{d}”" for d in left) + "."
    return Judged(min(1.0, hits / need) if need else 1.0, message, details, (min(hits, need), need))


def devices_left(rewrite: str, passage: Passage) -> list[str]:
    """The passage's devices still in a rewrite, by the rule ``judge`` uses (rule 6).

    The rewrite lab calls this, so its notes and ``check()`` never disagree.

    Args:
        rewrite: the student's rewrite (cut to ``MAX_CHARS``, as an answer is).
        passage: the passage and its (device text, category) pairs.

    Returns:
        The texts of ``passage.devices`` that are still there, in the passage's order.

    Raises:
        TypeError: ``rewrite`` is not a string.
    """
    if not isinstance(rewrite, str):
        raise TypeError(
            f"devices_left() needs the rewrite as a string, not {type(rewrite).__name__}."
        )
    return _devices_left(_Reading(cut(rewrite)[0]), passage)
