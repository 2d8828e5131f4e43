"""Free text judged on meaning, offline and explainably (the ``text`` scorer's rules).

An answer is read once, left to right (linear time), after it is cut to
``MAX_CHARS`` characters. Then, in this order, each rule can stop the scoring
with a message that says why:

1. **A sentence, not a list of words**: at least ``MIN_WORDS`` words, at least
   ``MIN_FUNCTION_WORDS`` small words such as "the", "is", "that"; no word
   repeated so much that fewer than half the words are different; keywords
   at most ``MAX_KEYWORD_SHARE`` of the words and at most
   ``MAX_CONTENT_KEYWORD_SHARE`` of the content words (above
   ``VERBLESS_KEYWORD_SHARE`` the answer needs a verb); no small words strewn
   between keywords ("the and of ...": a determiner or preposition before a
   word that cannot follow it).
2. **Rewrite tasks** (``rewrite_of`` names a sentence id, a paragraph ``P7``
   or ``"S"``): a rewrite that changes at most ``MAX_CHANGED_SHARE`` of the
   original's words (or 3), stem by stem, scores 0; the answer must say who
   said it (``medialit.analysis.attributions`` finds a source and a cue)
   unless the question sets ``attribution = false``; at least
   ``MIN_FACTS_KEPT`` of the passage's content words and numbers must stay.
3. **Verdicts**: a question with ``verdicts`` scores 0 when the answer gives a
   verdict of that list that is not the right one (and does not negate it),
   or, when it does not give the right one, a word for a wrong one
   (``VERDICT_WORDS``: "accurate" or "holds up" for "supported").
4. **Opposites**: each concept group of the rubric is found when one of its
   (hashed) keywords occurs and is not negated ("not", "no", "never",
   "n't", "nothing"... up to ``NEGATION_SCOPE`` words before it, in the same
   clause). A concept's own opposites (``not = [...]`` in the bank, hashed
   like keywords) or a negated keyword with no plain use of the concept mean
   the answer says the opposite of a key idea: score 0. So does a near-copy
   (``NEAR_COPY`` of the words, in order) of the model answer (compiled word
   by word, hashed) or of an article sentence with a negation put in or left
   out where nothing else changes ("could be" -> "could not be"), and a phrase
   that waves the question away (``DISMISSALS``: "does not matter", "is fine").
5. **On topic**: the answer's other content words must mostly be words of the
   course (the article, the fact cards, the lexicons, the question,
   ``DISCUSSION_WORDS``): at least ``MIN_ON_TOPIC`` of them; and when some are
   not, one at least must tie the answer to the prompt or the article
   (``Course.anchors``); "my" or "our" before a word the course never uses
   ("my teacher") is a story from elsewhere. An answer that strings the
   keywords into a sentence about something else scores 0.
6. **Rewrite tasks again**: every loaded device the course marked in the
   passage (gold framing items of ``annotations.json``) that is still there,
   outside quote marks or a "what he calls" (scare quotes: only while the
   phrase is still quoted), and every loaded word the rewrite brings in (a
   reporting cue of a ``LOADED_CUES`` connotation such as "claimed", a
   one-word loaded term, ``JUDGEMENT_WORDS`` such as "lied") costs one concept,
   and a rewrite still loaded never gets full marks.

The score is concepts found (minus what is still loaded) over ``min_concepts``,
never full while a concept marked ``required`` is missing; the message says how
many of the ideas needed the answer has, and which required idea is missing.

Limits (no grammar, no model; measured on answers written after the rules):
a negation after the keyword ("the plan would not help") is read only through
the rubric's ``not`` phrases; who did what is not read ("China criticised
Putin's war and refused to offer any peace plan" has every keyword); a wrong
fact in right words ("the article must be from 2022") passes; an opposite
judgement in free words ("it only makes it biased") passes unless the rubric
lists it or it is one of ``DISMISSALS``; an off-topic sentence made of course words and one anchor
("the price of Chinese tea in Ukraine") can pass. Free-text scores are
provisional: a teacher reviews them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import NamedTuple

from medialit.analysis.attribution import attributions
from medialit.analysis.cues import connotation
from medialit.assessment import keys
from medialit.data import reporting_verb_forms
from medialit.tokens import QUOTE_FOLD

__all__ = [
    "MAX_CHARS",
    "MIN_WORDS",
    "MIN_FUNCTION_WORDS",
    "MAX_KEYWORD_SHARE",
    "NEGATION_SCOPE",
    "MIN_ON_TOPIC",
    "MIN_FACTS_KEPT",
    "MAX_CONTENT_KEYWORD_SHARE",
    "VERBLESS_KEYWORD_SHARE",
    "MAX_CHANGED_SHARE",
    "NEAR_COPY",
    "DISCUSSION_WORDS",
    "TEXT_WORDS",
    "JUDGEMENT_WORDS",
    "LOADED_CUES",
    "DISMISSALS",
    "VERDICT_WORDS",
    "Judged",
    "Course",
    "Passage",
    "cut",
    "stem",
    "vocabulary",
    "anchors",
    "references",
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
#: a negation word reaches this many words forward (in its clause)
NEGATION_SCOPE = 5
#: share of an answer's other content words that must be words of the course
MIN_ON_TOPIC = 0.5
#: share of the passage's content words a rewrite must keep
MIN_FACTS_KEPT = 0.3
#: keywords may be at most this share of the content words (not "the", "of"...) ...
MAX_CONTENT_KEYWORD_SHARE = 0.85
#: ... and above this share the answer needs a verb
VERBLESS_KEYWORD_SHARE = 0.75
#: a rewrite that changes at most this share of the original's words (or 3) is "unchanged"
MAX_CHANGED_SHARE = 0.15
#: an answer repeating this share of a reference's words in order is a near-copy of it
NEAR_COPY = 0.7

_TOKEN = re.compile(r"[\w][\w'’-]*|[.;:!?()]|[\"“”«»]")
_QUOTE_MARKS = frozenset('"“”«»')
_STOPS = frozenset(".;:!?()")
_SENTENCE_ENDS = frozenset(".;:!?")
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
#: everyday verbs (a sentence needs a verb)
EVERYDAY_VERBS = frozenset(
    """
make makes made get gets got give gives gave take takes took put say says said tell told know
knows knew think thinks thought see sees saw seem seems look looks sound sounds come comes came
go goes went want wants use uses used let lets keep keeps kept leave leaves learn learns learned
learnt
""".split()
)
#: everyday words that say nothing about the topic (not counted either way when judging
#: whether an answer is on topic)
EVERYDAY_WORDS = EVERYDAY_VERBS | frozenset(
    """
like something someone anything anyone everything everyone nothing nobody thing things way ways
one two many much lot lots few every both either whole part place time times still already
even really well good bad new old big small first last next just maybe perhaps instead
exactly actually simply therefore although meanwhile according whether without within stake
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


#: words for talking about a text: on topic in every question (with the course's own words)
DISCUSSION_WORDS = frozenset(
    """
article articles text texts report reports reported reporting reader readers writer writers
author journalist piece story account accounts version versions word words verb verbs phrase
sentence paragraph headline quote quotes quoted quotation claim claims evidence record source
sources fact facts impression picture suggest suggests imply implies assume assumes present
presents treat treats frame frames framing neutral loaded judge judgement side sides view
distort distorts distorted one-sided incomplete misleading omit omits omission
verdict verdicts rating rate rewrite rewriting answer summary opinion guess estimate
understanding mind sense reading
""".split()
)
_POSSESSIVES = frozenset("my our".split())
#: small verbs that may come with a negation ("offered" -> "did not offer")
_AUXILIARIES = frozenset(
    "do does did is are was were be been has have had will would can could may might "
    "shall should must".split()
)
#: words that point at the article itself: an answer using one is about it
TEXT_WORDS = frozenset(
    "article text writer author piece paragraph headline standfirst sentence quote verb rt".split()
)
#: words that judge a speaker: a neutral rewrite does not bring them in
JUDGEMENT_WORDS = frozenset(
    "lie lies lied lying liar falsely wrongly rightly propaganda absurd absurdly".split()
)
#: phrases that wave the question away (an opposite in any explanation question)
DISMISSALS = (
    "does not matter",
    "doesn't matter",
    "hardly matters",
    "makes no difference",
    "changes nothing",
    "is fine",
    "nothing is missing",
    "nothing wrong with",
    "already balanced",
    "already neutral",
)
#: reporting cues of these connotations judge what they report: a neutral rewrite avoids them
LOADED_CUES = frozenset("doubting factive conceding accusing insisting".split())
#: the course's verdict scale: each verdict and words that give it in other words
VERDICT_WORDS = {
    "supported": (
        "accurate",
        "true",
        "correct",
        "confirm",
        "holds up",
        "backed up",
        "borne out",
        "justified",
        "verified",
        "proven",
        "factual",
        "substantiated",
        "fair",
    ),
    "misleading": ("mislead", "distort", "exaggerat", "one-sided", "skewed", "deceptive"),
    "unsupported": ("unfounded", "baseless", "unproven", "unsubstantiated", "no evidence"),
    "contested": ("disputed", "debated", "controversial"),
    "not checkable": ("uncheckable", "unverifiable", "cannot be checked", "impossible to check"),
}
#: a determiner or preposition before one of these words is not English ("the and of")
_DETERMINERS = frozenset("the a an".split())
_PREPOSITIONS = frozenset("of to in on at by for from with into about than".split())
_NOT_AFTER_PREPOSITION = frozenset(
    "and or nor but of to in on at by for from with is are was were".split()
)
_AFTER_DETERMINER = frozenset("very more most same other own only such few first last next".split())


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
    """A crude, explainable stem: lower case, one common suffix (or a final e) off, Kyiv = Kiev."""
    word = word.replace("’", "'").split("'")[0]
    word = _SPELLINGS.get(word, word)
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= (4 if suffix in ("er", "ers") else 3) and word.endswith(
            suffix
        ):
            return word[: -len(suffix)]
    return word[:-1] if len(word) >= 5 and word.endswith("e") else word


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
        self.sentence: list[int] = []  # sentence number of each word
        self.quoted: list[bool] = []
        self._phrases: tuple | None = None
        clause, sentence, quoted = 0, 0, False
        for token in _tokens(text):
            if token in _STOPS:
                clause += 1
                sentence += token in _SENTENCE_ENDS
            elif token in _QUOTE_MARKS:
                quoted = not quoted
            else:
                if token in _BREAKERS:
                    clause += 1
                self.words.append(token)
                self.clause.append(clause)
                self.sentence.append(sentence)
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
    """Per concept: found plainly, only found negated, opposed; word positions of keywords."""

    plain: set
    negated: set
    opposed: set
    covered: frozenset


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
    return _Concepts(plain, negated - plain, opposed, frozenset(covered))


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


def _glued(words: list[str]) -> bool:
    """Whether small words are strewn between keywords ("the and of ...") rather than used."""
    bad = 0
    for first, second in zip(words, words[1:]):
        if first in _DETERMINERS:
            bad += second in FUNCTION_WORDS and second not in _AFTER_DETERMINER
        elif first in _PREPOSITIONS:
            bad += second in _NOT_AFTER_PREPOSITION
    return bad >= 2 or bad > len(words) / 15


def _has_verb(words: list[str]) -> bool:
    """Whether any word looks like a verb (small, reporting or everyday verb; -ed)."""
    verbs = _AUXILIARIES | EVERYDAY_VERBS | reporting_verb_forms()
    return any(w in verbs or (len(w) > 4 and w.endswith("ed")) for w in words)


def _not_a_sentence(reading: _Reading, covered: frozenset) -> str:
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
    content = [n for n, w in enumerate(words) if w not in FUNCTION_WORDS]
    share = sum(n in covered for n in content) / len(content) if len(content) >= 3 else 0
    if (
        len(covered) > MAX_KEYWORD_SHARE * len(words)
        or share > MAX_CONTENT_KEYWORD_SHARE
        or (share > VERBLESS_KEYWORD_SHARE and not _has_verb(words))
        or _glued(words)
    ):
        return (
            "Write a sentence that explains your answer in your own words, not a string "
            "of keywords with small words between them."
        )
    return ""


def _content_stems(words, skip=frozenset()) -> list[str]:
    """Stems of the content words and numbers (no function, everyday or negation words)."""
    return [
        stem(w)
        for n, w in enumerate(words)
        if n not in skip
        and w not in FUNCTION_WORDS
        and w not in EVERYDAY_WORDS
        and w not in NEGATORS
        and (len(w) >= 3 or w.isdigit())
    ]


def vocabulary(*texts: str) -> frozenset[str]:
    """The stems of every word of some texts and of ``DISCUSSION_WORDS`` (the course's words)."""
    words = {w for text in texts for w in _tokens(text) if w[0].isalnum()}
    return frozenset(stem(w) for w in words | set(DISCUSSION_WORDS))


class Course(NamedTuple):
    """What the course says, for judging whether an answer is about it.

    Attributes:
        words: ``vocabulary()`` of the article, the fact cards, the lexicons and the question.
        anchors: stems that tie an answer to this question: the words of the prompt and
            of the article, and ``TEXT_WORDS``.
        references: word lists an answer may copy (the article's sentences).
    """

    words: frozenset
    anchors: frozenset = frozenset()
    references: tuple = ()


def anchors(prompt: str, article: str) -> frozenset[str]:
    """The stems that tie an answer to a question.

    Returns:
        The content words of the prompt and of the article, and ``TEXT_WORDS``.
    """
    found = set(_content_stems(_tokens(prompt + "\n" + article)))
    return frozenset(found | {stem(w) for w in TEXT_WORDS})


def references(article: str) -> tuple[list[str], ...]:
    """The article's sentences (and headline lines) as word lists, for near-copy checks."""
    parts = re.split(r"(?<=[.!?…])\s+|\n+| – ", article)
    found = (_Reading(part).words for part in parts)
    return tuple([stem(w) for w in words] for words in found if len(words) >= 4)


def _off_topic(reading: _Reading, course: Course, keyword_positions: set) -> bool:
    """Whether the answer is about something else.

    It is when most of its other content words are not the course's, or when some are not
    and none ties the answer to the prompt or the article (``Course.anchors``).
    """
    stems = _content_stems(reading.words, keyword_positions)
    known = sum(s in course.words for s in stems)
    if course.anchors and known < len(stems) and not set(stems) & course.anchors:
        return True
    if _personal(reading, course, keyword_positions):
        return True
    return len(stems) >= 2 and known < MIN_ON_TOPIC * len(stems)


def _personal(reading: _Reading, course: Course, keyword_positions: set) -> bool:
    """Whether the answer tells of the writer's own things ("my teacher", "our dog").

    A possessive before a word the course never uses (not a keyword) is a story from
    elsewhere.
    """
    words = reading.words
    for n, word in enumerate(words[:-1]):
        following = words[n + 1]
        if word in _POSSESSIVES and n + 1 not in keyword_positions:
            if following not in FUNCTION_WORDS and stem(following) not in course.words:
                return True
    return False


def _keyword_positions(q: dict, reading: _Reading) -> set:
    """Word positions covered by keywords."""
    found, _against, longest = _lookups(q)
    positions: set[int] = set()
    for i, size, _ in reading.matches(q, found, longest):
        positions.update(range(i, i + size))
    return positions


def _is_negator(word: str) -> bool:
    """Whether a word negates what follows it."""
    return word in NEGATORS or word.endswith(("n't", "n’t"))


def _flipped(mine: list[str], theirs: list[str], negator=_is_negator, small=None) -> bool:
    """Whether ``mine`` repeats most of ``theirs`` in order but turns its polarity round.

    A near-copy shares at least ``NEAR_COPY`` of the shorter one's words (negation words
    aside). It is turned round when a negation word is put in or left out at a place where
    nothing else changes but small verbs ("could be" -> "could not be", "offered" ->
    "did not offer"), an odd number of times.
    """
    small = small or (lambda w: w in _AUXILIARIES)
    mine_plain = [w for w in mine if not negator(w)]
    theirs_plain = [w for w in theirs if not negator(w)]
    shorter = min(len(set(mine_plain)), len(set(theirs_plain)))
    if shorter < 4 or len(set(mine_plain) & set(theirs_plain)) < NEAR_COPY * shorter:
        return False
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    same = sum(b.size for b in matcher.get_matching_blocks())
    if same < NEAR_COPY * min(len(mine_plain), len(theirs_plain)):
        return False
    flips = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = mine[i1:i2] + theirs[j1:j2]
        negations = sum(map(negator, mine[i1:i2])) - sum(map(negator, theirs[j1:j2]))
        if tag != "equal" and negations % 2:
            flips += all(negator(w) or small(w) for w in changed)
    return flips % 2 == 1


def _sentences(reading: _Reading) -> list[list[str]]:
    """The answer's words cut into sentences (at . ! ? ; and :)."""
    found: dict[int, list[str]] = {}
    for word, sentence in zip(reading.words, reading.sentence):
        found.setdefault(sentence, []).append(word)
    return list(found.values())


def _copies_negated(q: dict, reading: _Reading, course: Course) -> bool:
    """Whether the answer is a near-copy of the model answer or an article sentence, negated.

    "could be a basis" -> "could not be a basis" (``_flipped``).
    """
    model = q.get("model")
    if model and len(reading.words) <= 2 * len(model):
        salt = q["salt"]
        hashed = ["~" if _is_negator(w) else keys.hash_element(salt, w) for w in reading.words]
        small = {keys.hash_element(salt, w) for w in _AUXILIARIES}
        if _flipped(hashed, model, lambda h: h == "~", small.__contains__):
            return True
    pieces = [[stem(w) for w in piece] for piece in _sentences(reading)[:50]]
    return any(_flipped(piece, ref) for piece in pieces for ref in course.references)


def _dismissal(reading: _Reading) -> str:
    """The first of ``DISMISSALS`` the answer uses outside quote marks, or ""."""
    text = " ".join(reading.words)
    for phrase in DISMISSALS:
        match = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)
        if match and not reading.quoted[text.count(" ", 0, match.start())]:
            return phrase
    return ""


def _verdict_in_other_words(q: dict, reading: _Reading, covered: frozenset) -> str:
    """A wrong verdict of the course's scale given in other words ("accurate"), or "".

    Only when the answer does not give the right verdict; words that are the rubric's
    own keywords are not read as a verdict.
    """
    wrong_hashes = set(q.get("wrong_verdicts", []))
    if not wrong_hashes:
        return ""
    right_hashes = {h for group in q["rubric"] for h in group["hashes"]}
    text = " ".join(reading.words)
    found, right = "", False
    for verdict, words in VERDICT_WORDS.items():
        digest = keys.hash_element(q["salt"], verdict)
        wrong = digest in wrong_hashes
        if not wrong and digest not in right_hashes:
            continue
        for word in (verdict, *words):
            for match in re.finditer(rf"(?<![\w-]){re.escape(word)}", text):
                index = text.count(" ", 0, match.start())
                if index in covered and wrong or reading.negated(index):
                    continue
                if not wrong:
                    right = True
                elif not found:
                    found = f"{' '.join(reading.words[index : index + len(word.split())])}"
    return "" if right else found


class Passage(NamedTuple):
    """The passage a rewrite task is about: its text, the devices taught in it, loaded words.

    Attributes:
        text: the passage.
        devices: (device text, category) pairs of the gold framing items inside it.
        loaded: word forms that add a judgement when a rewrite brings them in (non-neutral
            reporting verbs and loaded terms of the lexicons, ``JUDGEMENT_WORDS``).
    """

    text: str
    devices: tuple
    loaded: frozenset = frozenset()


def _changed(answer_words: list[str], passage_words: list[str]) -> int:
    """How many words a rewrite added, dropped or replaced (difflib's matching blocks)."""
    matcher = difflib.SequenceMatcher(None, answer_words[:1500], passage_words, autojunk=False)
    same = sum(b.size for b in matcher.get_matching_blocks())
    return len(answer_words) + len(passage_words) - 2 * same


def _nearly_unchanged(answer_words: list[str], passage_words: list[str]) -> bool:
    """Whether a rewrite changes at most ``MAX_CHANGED_SHARE`` of the words (or 3 words).

    Compared stem by stem: "Kyiv" for "Kiev" is no change.
    """
    if len(answer_words) > 2 * len(passage_words) + 10:
        return False
    limit = max(3, MAX_CHANGED_SHARE * len(passage_words))
    changed = _changed([stem(w) for w in answer_words], [stem(w) for w in passage_words])
    return changed <= limit


def _uncalled(reading: _Reading, index: int) -> bool:
    """Whether the word at ``index`` is the writer's own: not quoted, not after "what he calls"."""
    before = set(reading.words[max(0, index - 3) : index])
    return not reading.quoted[index] and not before & _CALLS


def _devices_left(reading: _Reading, passage: Passage) -> list[str]:
    """The passage's devices still in the rewrite, outside quote marks and "what he calls".

    Scare quotes are the device itself: they are left only when the phrase is still quoted.
    """
    starts, pos = {}, 0
    for n, word in enumerate(reading.words):
        starts[pos] = n
        pos += len(word) + 1
    text = " ".join(reading.words)
    left = []
    for device, category in passage.devices:
        phrase = " ".join(w for w in _tokens(device) if w[0].isalnum())
        for match in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
            index = starts.get(match.start())
            if index is None:
                continue
            if reading.quoted[index] if category == "scare_quotes" else _uncalled(reading, index):
                left.append(device)
                break
    return left


def _loaded_added(reading: _Reading, passage: Passage, found: list) -> list[str]:
    """Loaded words the rewrite brings in that the passage does not have (the writer's own).

    Returns:
        ``passage.loaded`` words and reporting cues of a ``LOADED_CUES`` connotation.
    """
    original = set(_Reading(passage.text).words)
    added = []
    for n, word in enumerate(reading.words):
        if word in passage.loaded and word not in original and _uncalled(reading, n):
            added.append(word)
    for relation in found:
        cue = relation.cue.casefold()
        if connotation(cue) in LOADED_CUES and cue.split()[-1] not in original:
            added.append(cue)
    return list(dict.fromkeys(added))


def _rewrite_problems(q: dict, answer: str, reading: _Reading, passage: Passage) -> tuple:
    """(message that stops the scoring or "", devices left and loaded words added)."""
    passage_words = _Reading(passage.text).words
    if _nearly_unchanged(reading.words, passage_words):
        return ("This is (nearly) the original passage. Rewrite it in your own neutral words.", [])
    found = [a for a in attributions(answer) if a.cue]
    if q.get("attribution", True) and not any(a.source for a in found):
        return ("Say who said it: name the source and use a reporting verb such as “said”.", [])
    original = set(_content_stems(passage_words))
    kept = original & set(_content_stems(reading.words))
    if original and len(kept) < MIN_FACTS_KEPT * len(original):
        return (
            "Keep the facts of the original: its names, numbers and main words are "
            "mostly missing from your rewrite.",
            [],
        )
    return "", _devices_left(reading, passage) + _loaded_added(reading, passage, found)


def _stop_reason(q: dict, reading: _Reading, found: _Concepts, course: Course) -> str:
    """Why the answer gets no credit at all (rules 4 to 6 of the module docstring), or ""."""
    concepts = q.get("concepts") or [f"idea {n}" for n in range(1, len(q["rubric"]) + 1)]
    wrong = _wrong_verdicts(q, reading) or [_verdict_in_other_words(q, reading, found.covered)]
    if wrong[0]:
        return (
            f"Your verdict “{wrong[0]}” is not the one the evidence supports. "
            "Look at the fact card again."
        )
    against = sorted(found.negated | found.opposed)
    if against:
        return f"Your answer says the opposite of a key idea ({concepts[against[0]]})."
    dismissal = _dismissal(reading)
    if dismissal:
        return (
            f"Your answer waves the question away (“{dismissal}”): say what the article "
            "does and what it changes for a reader."
        )
    if _copies_negated(q, reading, course):
        return "Your answer turns a key idea round: it says “not” where the idea holds."
    if _off_topic(reading, course, set(found.covered)):
        return (
            "Your answer uses some of the right words but is not about this question. "
            "Explain what the article does."
        )
    return ""


def judge(
    q: dict, answer: str, course: Course | frozenset, passage: Callable[[], Passage | None]
) -> Judged:
    """Judge a free-text answer (the rules of this module's docstring).

    Args:
        q: the compiled ``text`` question.
        answer: the student's text (already cut to ``MAX_CHARS``).
        course: the Course (or only its ``vocabulary()``).
        passage: returns the Passage of a rewrite task (None for other questions).

    Returns:
        A Judged tuple.
    """
    course = course if isinstance(course, Course) else Course(frozenset(course))
    reading = _Reading(answer, q.get("lengths", ()))
    need = q.get("min_concepts") or len(q["rubric"])
    concepts = q.get("concepts") or [f"idea {n}" for n in range(1, len(q["rubric"]) + 1)]
    found = _concepts(q, reading)

    def stop(message: str) -> Judged:
        return Judged(0.0, message, {}, (0, need))

    problem = _not_a_sentence(reading, found.covered)
    rewrite = passage() if q.get("rewrite_of") and not problem else None
    left: list[str] = []
    if rewrite:
        problem, left = _rewrite_problems(q, answer, reading, rewrite)
    problem = problem or _stop_reason(q, reading, found, course)
    if problem:
        return stop(problem)
    details = {
        c: ("found" if n in found.plain else "not found yet") for n, c in enumerate(concepts)
    }
    hits = min(need, len(found.plain))
    if left:  # a rewrite that is still loaded is not yet neutral: never full marks
        hits = max(0, min(hits, need - 1, len(found.plain) - len(left)))
    missing = [c for n, c in enumerate(concepts) if q["rubric"][n].get("required")]
    missing = [c for c in missing if details[c] != "found"]
    if missing:  # a required idea is missing: never full marks
        hits = min(hits, need - 1)
    message = f"Your answer has {hits} of the {need} ideas needed."
    if missing:
        message += " A full answer needs this idea too: " + "; ".join(missing) + "."
    if left:
        message += " Still loaded: " + ", ".join(f"“{d}”" for d in left) + "."
    return Judged(hits / need if need else 1.0, message, details, (hits, need))


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
