"""Speakers: the source phrase before a cue, and who it stands for.

Titles are dropped ("President Vladimir Putin" -> "Vladimir Putin"); a
surname alone resolves to the full name found in the text; "he", "she" and
"who" resolve to the latest named speaker; "the X" resolves to a source whose
name ends in X, then to a name that X stands before as a title ("Mayor Helen
Okafor"), and a leader word ("the Russian leader") to the person named most
often.
"""

from __future__ import annotations

import re
from collections import Counter

from medialit.analysis.spans import trim

__all__ = ["PRONOUNS", "TITLES", "source_before", "subject_of", "name_in", "Speakers"]

AUX = frozenset(
    "has have had also later then once again previously repeatedly reportedly publicly "
    "initially earlier now would will had has been is was were just often further "
    "has also".split()
)
LEADING = frozenset("with and but while as so after because when if though although".split())
PRONOUNS = frozenset("he she they who it we i you".split())
TITLES = frozenset(
    "president prime minister mayor dr doctor prof professor mr mrs ms miss sir dame lord "
    "lady general gen col colonel capt captain sen senator rep judge king queen prince "
    "chancellor secretary governor councillor opposition health foreign defence leader "
    "lead author nurse chief envoy director spokesman spokeswoman spokesperson".split()
)
NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december the a an in on at of".split()
)
LEADER_WORDS = frozenset("leader president head chief premier ruler".split())
#: a chunk opening with one of these is a time, place or manner, not who spoke
PREPOSITIONS = frozenset("at in on during after before for from by over through under".split())
#: a lower-case adverb just before the cue ("Clinton boldly suggested")
_ADVERB = re.compile(r"[a-z]+ly,?")
#: words that open a clause set before the subject ("After the vote, ...", "Although ...")
CLAUSE_OPENERS = (
    PREPOSITIONS
    | LEADING
    | frozenset(
        "despite although though since until meanwhile however still instead yet then now later "
        "today yesterday tonight moreover furthermore nevertheless nonetheless indeed separately "
        "earlier finally also".split()
    )
)
#: a name (capitalised words, "of"/"de" between them) or a subject pronoun opening a clause
_SUBJECT = re.compile(
    r"(?i:he|she|they|we|it)\b|I\b|[A-Z][\w’'.\-]*(?:\s+(?:(?:of|de|van|von|the)\s+)?[A-Z][\w’'.\-]*)*"
)
#: closing quote marks that can sit before a source phrase (not the straight apostrophe)
_CLOSING = '”’»"'
_BRACKETS = re.compile(r"\s*\([^()]*\)")
#: lower-case words inside a name: "Bill de Blasio", "Ludwig van Beethoven"
_PARTICLES = "de|da|del|della|van|von|der|den|bin|al|le|la|du|dos"
#: a word of a name: capitalised, an initial or title with a full stop, or a particle ("de")
_NAME_WORD = re.compile(rf"[A-Z][\w’'.\-]*|{_PARTICLES}")
_CAP_RUN = re.compile(rf"\b[A-Z][\w’'\-]*(?: (?:(?:{_PARTICLES}) )?[A-Z][\w’'\-]*)*")


def source_before(text: str, start: int, cue: int) -> tuple[int, int] | None:
    """Find the source phrase in text[start:cue], the stretch before a cue."""
    s, e = trim(text, start, cue)
    dash = list(re.finditer(r"\s[–—―-]\s", text[s:e]))
    if dash:
        s = trim(text, s + dash[-1].end(), e)[0]
    words = list(re.finditer(r"\S+", text[s:e]))
    while words and (
        words[-1].group(0).lower().strip(",") in AUX or _ADVERB.fullmatch(words[-1].group(0))
    ):
        words.pop()
    if not words:
        return None
    e = s + words[-1].end()
    rel = list(re.finditer(r"\b(that|which|who)\s+([^,]+)$", text[s:e]))
    comma_tag = text[start:cue].rstrip().endswith(",")
    if rel and len(rel[-1].group(2).split()) <= 5 and not comma_tag:
        opener = rel[-1].group(2).split()[0].lower()
        if opener not in PREPOSITIONS and opener not in AUX and not _ADVERB.fullmatch(opener):
            return trim(text, s + rel[-1].start(2), e)  # "the plan that Putin said"
        if rel[-1].group(1) == "who":
            return s + rel[-1].start(1), s + rel[-1].end(1)  # "who in 2010 said": who spoke
    chunks = _chunks(text, s, e)
    head = None
    for c_start, c_end in reversed(chunks):
        chunk = text[c_start:c_end].strip()
        first = chunk.split()[0].lower() if chunk else ""
        if (
            not chunk
            or chunk.isdigit()
            or first in ("which", "that")
            or (first in PREPOSITIONS and c_start != chunks[0][0])
            or (
                first in ("a", "an")
                and head is None
                and len(chunks) > 1
                and c_start != chunks[0][0]
            )
            or (first == "who" and len(chunk.split()) > 1)
        ):
            continue
        head = (c_start, c_end)
        break
    if head is None:
        return None
    s = _name_before_appositive(text, chunks, head)
    rel = list(re.finditer(r"\b(?:that|which)\s+", text[s : head[1]]))
    if rel:
        s += rel[-1].end()
    for c_start, c_end in chunks:
        opening = text[c_start:c_end].split()[:1]
        if c_start > head[0] and opening and opening[0].lower() in ("which", "that", "who"):
            e = trim(text, head[0], c_start)[1]
            break
    while True:
        leading = re.match(r"\s*([\w’']+)\s+", text[s:e])
        if leading and leading.group(1).lower() in LEADING and len(text[s:e].split()) > 1:
            s += leading.end()
        else:
            break
    s, e = trim(text, s, e)
    while s < e and (text[s] in _CLOSING or text[s].isspace()):
        s += 1  # the close of a quotation the source follows: '...,” she said'
    if s >= e or len(text[s:e].split()) > 16:
        return None
    return s, e


def subject_of(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Find the written subject of the clause text[start:end]: a name or a pronoun.

    Comma chunks that open with a preposition or a conjunction ("After the
    vote", "In Ohio") are stepped over; the subject opens the first other
    chunk ("Ana Ruiz, a nurse, then ..." -> "Ana Ruiz").

    Returns:
        The subject's span, or None when that chunk opens with no name or pronoun.
    """
    for c_start, c_end in _chunks(text, start, end):
        c_start = trim(text, c_start, c_end)[0]
        first = re.match(r"[\w’']+", text[c_start:c_end])
        if not first or _opener(first.group(0)):
            continue  # "After the vote", "In 2015", "6 July", "Meanwhile", "Notably"
        match = _SUBJECT.match(text, c_start, c_end)
        if not match or match.group(0).lower() in NOT_NAMES:
            return None
        return trim(text, *match.span())
    return None


def _opener(word: str) -> bool:
    """Tell whether a chunk's first word sets a time, place or link before the subject."""
    low = word.lower()
    return low in CLAUSE_OPENERS or word.isdigit() or (_ADVERB.fullmatch(low) is not None)


def _name_before_appositive(text: str, chunks, head) -> int:
    """Return where the source starts: the head chunk, or the name it stands beside.

    "Adam Schiff, the top Democrat on the committee, said": the "the ..."
    chunk describes the name before it, so the source starts at the name.
    """
    index = chunks.index(head)
    if index == 0 or not text[head[0] : head[1]].lower().startswith("the "):
        return head[0]
    before = text[chunks[index - 1][0] : chunks[index - 1][1]].split()
    if (
        before
        and len(before) <= 5
        and not _opener(before[0])
        and all(_NAME_WORD.fullmatch(w) for w in before)
    ):
        return chunks[index - 1][0]
    return head[0]


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] at commas into (start, end) chunks."""
    chunks, s = [], start
    for match in re.finditer(r",\s*", text[start:end]):
        chunks.append((s, start + match.start()))
        s = start + match.end()
    chunks.append((s, end))
    return chunks


def name_in(phrase: str) -> str | None:
    """Return the person or organisation name a source phrase heads, titles dropped.

    A note in brackets is left out: "Rep. Ana Ruiz (D-Ore.)" -> "Ana Ruiz".
    """
    for chunk in _BRACKETS.sub("", phrase).split(","):
        chunk = chunk.strip()
        tokens = chunk.split()
        if not tokens or not tokens[-1][:1].isupper() or tokens[-1].lower() in NOT_NAMES:
            continue
        run: list[str] = []
        for token in reversed(tokens):
            if token[:1].isupper() and token.lower() not in NOT_NAMES:
                run.insert(0, token)
            else:
                break
        while len(run) > 1 and run[0].lower().strip(".") in TITLES:
            run.pop(0)
        if tokens[0].lower() == "the" and len(run) == len(tokens) - 1:
            return chunk
        return " ".join(run)
    return None


class Speakers:
    """Resolve source phrases to speakers across one text."""

    def __init__(self, text: str):
        """Count the capitalised name runs of ``text`` for surname expansion."""
        self.text = text
        self.recent: str | None = None
        self.named: list[tuple[str, str]] = []
        self.seen: set = set()
        runs: Counter[str] = Counter()
        for match in _CAP_RUN.finditer(text):
            tokens = [t for t in match.group(0).split()]
            while len(tokens) > 1 and tokens[0].lower().strip(".") in TITLES | {"the"}:
                tokens.pop(0)
            if tokens:
                runs[" ".join(tokens)] += 1
        self.runs = runs
        self.cache: dict = {}

    def full_name(self, name: str) -> str:
        """Expand a surname to the longest name in the text that ends with it."""
        if " " in name:
            return name
        if name not in self.cache:
            self.cache[name] = self._expand(name)
        return self.cache[name]

    def _expand(self, name: str) -> str:
        """Find the most frequent 2-3 word name in the text that ends with ``name``."""
        longer = [r for r in self.runs if r.endswith(" " + name) and len(r.split()) <= 3]
        return max(longer, key=lambda r: (self.runs[r], len(r))) if longer else name

    def resolve(self, phrase: str) -> str:
        """Return the speaker a source phrase stands for."""
        low = phrase.lower().strip()
        if low in PRONOUNS:
            return self.recent or phrase
        name = name_in(phrase)
        if name and not name.lower().startswith("the "):
            speaker = self.full_name(name)
            self.recent = speaker
            return speaker
        if name:
            return name
        words = low.split()
        if words and (
            words[0] == "the" and len(words) <= 4 or len(words) == 1 and phrase.islower()
        ):
            return self._description(phrase, words[-1])
        return phrase

    def _description(self, phrase: str, head: str) -> str:
        """Resolve "the union", "the mayor", "the Russian leader" (cached per phrase)."""
        key = (phrase.lower(), len(self.named))
        if key not in self.cache:
            self.cache[key] = self._describe(phrase, head)
        return self.cache[key]

    def _describe(self, phrase: str, head: str) -> str:
        """Resolve a definite description against the speakers seen so far and the text."""
        for name, _written in self.named:
            if name.lower().endswith(head) and name.lower().startswith("the "):
                return name
        for name, written in self.named:
            first = name.split()[:1]
            if first and re.search(rf"\b{re.escape(head)}\s+{re.escape(first[0])}", written, re.I):
                return name
        word = rf"[A-Z][\w’'\-]+ ?(?:(?:{_PARTICLES}) (?=[A-Z]))?"
        pattern = re.compile(rf"\b(?i:{re.escape(head)}) +((?:{word}){{1,3}})")
        for match in pattern.finditer(self.text):
            candidate = match.group(1).strip()
            if candidate[:1].isupper() and match.group(0)[:1].isupper():
                return self.full_name(candidate.split(",")[0].strip())
        if head in LEADER_WORDS and self.named:
            counts = Counter(n for n, _ in self.named if not n.lower().startswith("the "))
            if counts:
                return counts.most_common(1)[0][0]
        return phrase

    def remember(self, speaker: str, written: str) -> None:
        """Record a resolved named speaker (each speaker and wording once)."""
        if (speaker, written) not in self.seen:
            self.seen.add((speaker, written))
            self.named.append((speaker, written))
