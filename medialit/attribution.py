"""Who says what: quotes, paraphrases and their sources, found by rule.

``attributions(text)`` finds attribution relations after the PARC scheme:
a *source* (who), a *cue* (a reporting verb from
``data/lexicons/reporting_verbs.csv``, or "according to") and a *content*
span, of kind ``direct`` (a quotation standing on its own), ``indirect``
(a paraphrase) or ``mixed`` (a paraphrase holding quoted fragments).

How it works (no parser, no model; every rule is listed here):

1. Quote marks are paired line by line in one pass (curly, straight,
   single and guillemets); an apostrophe between letters is never a quote
   mark; a mark left open at the end of a line is ignored.
2. Sentences come from ``medialit.text.split_sentences``; sentences are
   joined into one *unit* when a quotation runs across them.
3. A quotation that opens its unit is a direct quote (one attribution per
   sentence inside the quote marks, as in the course's gold annotations).
   Its speech tag is
   the first reporting verb after it ("...," Putin said; "...," said Dr
   Ortiz) or before it ("Putin said: ..."). With no tag, a quote that
   follows a direct quote in the same or the previous paragraph continues
   that speaker's words.
4. Every other reporting verb outside quote marks opens a paraphrase.
   The source is the noun phrase before the verb (appositives, relative
   clauses and auxiliaries are stepped over); with no subject ("and
   said", ", insisting that") the source is the previous speaker in the
   unit. The content runs from the verb (after "that") to the end of the
   unit or to the next chained reporting verb; when the source and verb
   follow a comma ("..., Putin has said."), the content is the clause
   before them, and a tag set off by commas in mid-sentence ("would, the
   minister said, leave") makes the content run around it. "according
   to X" works either way round. A headline ending in a dash and a short
   name ("... – Putin") is attributed to that name.
5. A verb after "not", "never" or "to" is not a cue ("does not say").
6. Speakers: titles are dropped ("President Vladimir Putin" -> "Vladimir
   Putin"); a surname alone resolves to the full name found in the text;
   "he", "she" and "who" resolve to the latest named speaker; "the X"
   resolves to a source whose name ends in X, then to a name that X stands
   before as a title ("Mayor Helen Okafor"), and a leader word ("the
   Russian leader") to the person named most often.

Limits: no grammar, so unusual word order, sources that are not subjects
("Hospital managers put the figure at ...", with a verb outside the
lexicon), gendered pronouns with two people in play and quotations running
over several paragraphs can be missed or misread. Offsets are ``str``
indices into the text given.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "Attribution",
    "Unattributed",
    "Source",
    "attributions",
    "unattributed",
    "sources",
    "quote_spans",
]

OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
AUX = frozenset(
    "has have had also later then once again previously repeatedly reportedly publicly "
    "initially earlier now would will had has been is was were just often further "
    "has also".split()
)
LEADING = frozenset("with and but while as so after because when if though although".split())
PRONOUNS = frozenset("he she they who it we i you".split())
DETERMINERS = frozenset("a an the this that these those his her its their our my your".split())
NEGATORS = frozenset("not never to n't cannot would could might may should can must".split())
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
_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")
_CAP_RUN = re.compile(r"\b[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*)*")


@dataclass(frozen=True)
class Attribution:
    """One attribution relation: who (source, speaker), how (cue), what (content).

    Offsets are ``str`` indices into the analysed text; ``cue_start``/``cue_end``
    and ``source_start``/``source_end`` are None when the text has no cue or no
    written source (a quote continued with no new speech tag, or "and said"
    with no subject); then ``source`` repeats ``speaker`` and ``cue`` is "".
    ``kind`` is "direct", "indirect" or "mixed".
    """

    kind: str
    source: str
    speaker: str
    cue: str
    content: str
    start: int
    end: int
    cue_start: int | None = None
    cue_end: int | None = None
    source_start: int | None = None
    source_end: int | None = None


@dataclass(frozen=True)
class Unattributed:
    """A sentence, or part of one, that the writer asserts without a source."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    """A voice in the text: its words in quotes, its paraphrased words, its mentions."""

    name: str
    direct_words: int
    indirect_words: int
    mentions: tuple[tuple[int, int], ...]


def _check_text(text, name: str) -> str:
    """Return ``text`` or raise a clear TypeError when it is not a string.

    Raises:
        TypeError: ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"{name}() needs the article as a string (text), not {type(text).__name__}. "
            f"Try {name}(article.text)."
        )
    return text


# ---------------------------------------------------------------- quote marks

def _is_letter(ch: str) -> bool:
    """Tell whether ``ch`` is a letter or digit (apostrophes sit between these)."""
    return ch.isalnum()


def _line_quotes(line: str, offset: int) -> list[tuple[int, int]]:
    """Pair the quote marks of one line; return (start, end) spans including the marks."""
    spans, opened, kind = [], None, None
    for i, ch in enumerate(line):
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if ch in OPEN_DOUBLE and opened is None:
            opened, kind = i, "d"
        elif ch in CLOSE_DOUBLE and kind == "d":
            spans.append((offset + opened, offset + i + 1))
            opened = kind = None
        elif ch == '"':
            if kind == "s":
                continue
            if opened is None:
                opened, kind = i, "d"
            else:
                spans.append((offset + opened, offset + i + 1))
                opened = kind = None
        elif ch in "‘'" and not (_is_letter(before) and _is_letter(after)):
            if opened is None and (ch == "‘" or not _is_letter(before)) and _is_letter(after):
                opened, kind = i, "s"
        elif ch == "’" and kind == "s" and not _is_letter(after) and not before.isspace():
            spans.append((offset + opened, offset + i + 1))
            opened = kind = None
        if ch == "'" and kind == "s" and opened != i and not _is_letter(after) and not before.isspace():
            spans.append((offset + opened, offset + i + 1))
            opened = kind = None
    return spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of every quotation, quote marks included.

    Args:
        text: the text to scan.

    Returns:
        Spans in text order; unbalanced marks are left out.

    Raises:
        TypeError: ``text`` is not a string.
    """
    _check_text(text, "quote_spans")
    spans, offset = [], 0
    for line in text.split("\n"):
        spans += _line_quotes(line, offset)
        offset += len(line) + 1
    return spans


# ------------------------------------------------------------------- cues

@lru_cache(maxsize=None)
def _cue_pattern() -> re.Pattern:
    """Compile one regex for every reporting-verb form in the lexicon (cached)."""
    from medialit.data import lexicon

    forms = {
        form.replace("_", " ").lower()
        for row in lexicon("reporting_verbs")
        for form in (row["forms"] or "").split()
    }
    forms.add("according to")
    alternatives = "|".join(
        re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w\-’'])(?:{alternatives})(?![\w\-])", re.IGNORECASE)


def _inside(pos: int, spans) -> bool:
    """Tell whether ``pos`` lies in one of ``spans`` (sorted, not overlapping)."""
    index = bisect_right(spans, (pos, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= pos < spans[index][1]


def _prev_word(text: str, pos: int) -> str:
    """Return the lower-cased word just before ``pos`` ("" at the start)."""
    match = re.search(r"([\w’']+)\W*$", text[max(0, pos - 40):pos])
    return match.group(1).lower() if match else ""


def _cues(text: str, start: int, end: int, quotes) -> list[tuple[int, int]]:
    """Find reporting-verb cues in text[start:end] outside quotes and not negated."""
    found = []
    for match in _cue_pattern().finditer(text, start, end):
        word = match.group(0)
        if _inside(match.start(), quotes) or (word[0].isupper() and not word.lower().startswith("according")):
            continue
        prev = _prev_word(text, match.start())
        if prev in NEGATORS or prev in DETERMINERS or prev.endswith("n't"):
            continue
        found.append(match.span())
    return found


# ------------------------------------------------------------------ units

def _units(text: str, quotes) -> list[tuple[int, int]]:
    """Sentences, joined where a quotation runs from one into the next."""
    from medialit.text import split_sentences

    units = []
    for start, end in split_sentences(text):
        if units and _crosses(units[-1][1], quotes):
            units[-1] = (units[-1][0], end)
        else:
            units.append((start, end))
    return units


def _crosses(boundary: int, quotes) -> bool:
    """Tell whether a quotation runs across ``boundary``."""
    index = bisect_right(quotes, (boundary, float("inf"))) - 1
    return index >= 0 and quotes[index][0] < boundary < quotes[index][1]


# --------------------------------------------------------------- speakers

def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces and punctuation at both ends."""
    while start < end and (text[start].isspace() or text[start] in ",;:–—-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.–—-"):
        end -= 1
    return start, end


def _source_before(text: str, start: int, cue: int) -> tuple[int, int] | None:
    """Find the source phrase in text[start:cue], the stretch before a cue."""
    s, e = _trim(text, start, cue)
    dash = list(re.finditer(r"\s[–—-]\s", text[s:e]))
    if dash:
        s = _trim(text, s + dash[-1].end(), e)[0]
    words = list(re.finditer(r"\S+", text[s:e]))
    while words and words[-1].group(0).lower().strip(",") in AUX:
        words.pop()
    if not words:
        return None
    e = s + words[-1].end()
    rel = list(re.finditer(r"\b(?:that|which|who)\s+([^,]+)$", text[s:e]))
    comma_tag = text[start:cue].rstrip().endswith(",")
    if rel and len(rel[-1].group(1).split()) <= 5 and not comma_tag:
        return _trim(text, s + rel[-1].start(1), e)
    chunks = _chunks(text, s, e)
    head = None
    for c_start, c_end in reversed(chunks):
        chunk = text[c_start:c_end].strip()
        first = chunk.split()[0].lower() if chunk else ""
        if not chunk or chunk.isdigit() or first in ("which", "that") or (
            first in ("a", "an") and head is None and len(chunks) > 1 and c_start != chunks[0][0]
        ) or (first == "who" and len(chunk.split()) > 1):
            continue
        head = (c_start, c_end)
        break
    if head is None:
        return None
    s = head[0]
    rel = list(re.finditer(r"\b(?:that|which)\s+", text[s:head[1]]))
    if rel:
        s += rel[-1].end()
    for c_start, c_end in chunks:
        if c_start > head[0] and text[c_start:c_end].split()[0].lower() in ("which", "that", "who"):
            e = _trim(text, head[0], c_start)[1]
            break
    while True:
        first = re.match(r"\s*([\w’']+)\s+", text[s:e])
        if first and first.group(1).lower() in LEADING and len(text[s:e].split()) > 1:
            s += first.end()
        else:
            break
    s, e = _trim(text, s, e)
    if s >= e or len(text[s:e].split()) > 16:
        return None
    return s, e


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] at commas into (start, end) chunks."""
    chunks, s = [], start
    for match in re.finditer(r",\s*", text[start:end]):
        chunks.append((s, start + match.start()))
        s = start + match.end()
    chunks.append((s, end))
    return chunks


def _name_in(phrase: str) -> str | None:
    """Return the person or organisation name a source phrase heads, titles dropped."""
    for chunk in phrase.split(","):
        chunk = chunk.strip()
        tokens = chunk.split()
        if not tokens or not tokens[-1][:1].isupper() or tokens[-1].lower() in NOT_NAMES:
            continue
        run = []
        for token in reversed(tokens):
            if token[:1].isupper() and token.lower() not in ("the",):
                run.insert(0, token)
            else:
                break
        while len(run) > 1 and run[0].lower().strip(".") in TITLES:
            run.pop(0)
        if tokens[0].lower() == "the" and len(run) == len(tokens) - 1:
            return chunk
        return " ".join(run)
    return None


class _Speakers:
    """Resolve source phrases to speakers across one text."""

    def __init__(self, text: str):
        """Count the capitalised name runs of ``text`` for surname expansion."""
        self.text = text
        self.recent: str | None = None
        self.named: list[tuple[str, str]] = []
        self.seen: set = set()
        runs = Counter()
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
        name = _name_in(phrase)
        if name and not name.lower().startswith("the "):
            speaker = self.full_name(name)
            self.recent = speaker
            return speaker
        if name:
            return name
        words = low.split()
        if words and (words[0] == "the" and len(words) <= 4 or len(words) == 1 and phrase.islower()):
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
        for name, written in self.named:
            if name.lower().endswith(head) and name.lower().startswith("the "):
                return name
        for name, written in self.named:
            if re.search(rf"\b{re.escape(head)}\s+{re.escape(name.split()[0])}", written, re.I):
                return name
        pattern = re.compile(rf"\b(?i:{re.escape(head)}) +((?:[A-Z][\w’'\-]+ ?){{1,3}})")
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


# ----------------------------------------------------------- the analysis

class _Finder:
    """Find the attributions of one text (see the module docstring for the rules)."""

    def __init__(self, text: str):
        """Prepare the quotation spans and the speaker resolver for ``text``."""
        self.text = text
        self.quotes = quote_spans(text)
        self.speakers = _Speakers(text)
        self.found: list[Attribution] = []
        self.last_direct: tuple[str, str, int] | None = None

    def run(self) -> list[Attribution]:
        """Analyse every unit in order and return the attributions sorted by start."""
        self._headline_dash()
        for start, end in _units(self.text, self.quotes):
            self._unit(start, end)
        unique = {(a.start, a.end, a.kind, a.cue_start): a for a in self.found}
        return sorted(unique.values(), key=lambda a: (a.start, a.end))

    # .. helpers
    def _add(self, kind, source_span, speaker, cue_span, content_span):
        """Record one attribution (content trimmed of spaces and edge punctuation)."""
        s, e = _trim(self.text, *content_span)
        if s >= e:
            return None
        text = self.text
        source = text[source_span[0]:source_span[1]] if source_span else ""
        cue = text[cue_span[0]:cue_span[1]] if cue_span else ""
        item = Attribution(
            kind=kind, source=source or speaker, speaker=speaker, cue=cue, content=text[s:e],
            start=s, end=e,
            cue_start=cue_span[0] if cue_span else None, cue_end=cue_span[1] if cue_span else None,
            source_start=source_span[0] if source_span else None,
            source_end=source_span[1] if source_span else None,
        )
        self.found.append(item)
        return item

    def _add_direct(self, src, speaker, cue, inner) -> None:
        """Record a direct quote, one attribution per sentence inside the quote marks."""
        from medialit.text import split_sentences

        for s, e in split_sentences(self.text[inner[0]:inner[1]]) or [(0, inner[1] - inner[0])]:
            self._add("direct", src, speaker, cue, (inner[0] + s, inner[0] + e))

    def _speaker(self, span) -> str:
        """Resolve the source phrase at ``span`` to a speaker and remember it."""
        phrase = self.text[span[0]:span[1]]
        speaker = self.speakers.resolve(phrase)
        if phrase.lower() not in PRONOUNS:
            self.speakers.remember(speaker, phrase)
        return speaker

    def _kind(self, start: int, end: int) -> str:
        """Return "mixed" when a quotation lies inside the content span, else "indirect"."""
        index = bisect_left(self.quotes, (start, 0))
        inside = index < len(self.quotes) and self.quotes[index][1] <= end + 1
        return "mixed" if inside else "indirect"

    # .. headline "... – Putin"
    def _headline_dash(self) -> None:
        """Attribute lines with no end mark that close with a dash and a short name."""
        offset = 0
        for line in self.text.split("\n"):
            match = re.search(r"\s[–—-]\s+((?:[\w’'.]+\s?){1,4})$", line)
            if match and not re.search(r"[.!?]$", line.rstrip()) and not _cues(
                line, match.start(1), len(line), []
            ):
                src = (offset + match.start(1), offset + len(line.rstrip()))
                content = (offset, offset + match.start())
                speaker = self._speaker(src)
                dash = offset + match.start() + 1
                self._add(self._kind(*content), src, speaker, (dash, dash + 1), content)
            offset += len(line) + 1

    # .. one unit
    def _unit(self, start: int, end: int) -> None:
        """Find the direct quotes, then the paraphrases, of one unit."""
        quotes = self.quotes[bisect_left(self.quotes, (start, 0)):bisect_left(self.quotes, (end, 0))]
        self.unit_first = len(self.found)
        cues = _cues(self.text, start, end, quotes)
        used: set = set()
        cursor = start
        first = _trim(self.text, start, end)[0]
        opening = [q for q in quotes if q[0] == first or self.text[first:q[0]].strip() in ("", "—", "–")]
        if opening:
            cursor = self._direct(opening[0], quotes, cues, used, start, end)
        else:
            self._colon_quote(quotes, cues, used, start, end)
        previous = self.last_speaker_in_unit(start)
        for cue in cues:
            if cue in used or cue[0] < cursor:
                continue
            previous = self._indirect(cue, cues, used, start, end, cursor, previous)

    def last_speaker_in_unit(self, start: int):
        """Return (speaker, source span) of the latest attribution in this unit, or None."""
        inside = [a for a in self.found[getattr(self, "unit_first", 0):] if a.start >= start]
        return (inside[-1].speaker, (inside[-1].source_start, inside[-1].source_end)) if inside else None

    def _direct(self, quote, quotes, cues, used, start, end) -> int:
        """Attribute a quotation that opens its unit; return where the tag ends."""
        q_start, q_end = quote
        after = [c for c in cues if c[0] >= q_end and len(self.text[q_end:c[0]].split()) <= 10
                 and not re.search(r"[.!?]\s", self.text[q_end:c[0]])]
        tag_end = q_end
        if after:
            cue = after[0]
            used.add(cue)
            src = self._tag_source(q_end, cue, end)
            speaker = self._speaker(src) if src else (self.last_direct[0] if self.last_direct else "")
            tag_end = cue[1] if not src else max(cue[1], src[1])
        elif self.last_direct and self._same_stretch(q_start):
            cue, src, speaker = None, None, self.last_direct[0]
        else:
            return start
        inner = (q_start + 1, q_end - 1)
        self._add_direct(src, speaker, cue, inner)
        self.last_direct = (speaker, "", q_end)
        for other in quotes:
            if other[0] > q_end and not any(c[0] < other[0] for c in cues if c not in used and c[0] > q_end) \
                    and self.text[tag_end:other[0]].strip(" ,.") == "":
                self._add_direct(src, speaker, None, (other[0] + 1, other[1] - 1))
        return tag_end

    def _tag_source(self, q_end: int, cue, end: int):
        """Find the speaker in a tag: '..., Putin said' or '..., said Dr Ortiz'."""
        before = _trim(self.text, q_end, cue[0])
        if before[0] < before[1]:
            return _source_before(self.text, q_end, cue[0])
        stop = re.search(r"[.;!?]|\s(?:as|after|in|on|at|outside|before|while)\s", self.text[cue[1]:end])
        tail_end = cue[1] + stop.start() if stop else end
        span = _trim(self.text, cue[1], tail_end)
        if span[0] < span[1] and re.search(r"\b[A-Z]", self.text[span[0]:span[1]]):
            return span
        return None

    def _same_stretch(self, q_start: int) -> bool:
        """Tell whether a tagless quote follows a direct quote closely (same or previous paragraph)."""
        if not self.last_direct:
            return False
        between = self.text[self.last_direct[2]:q_start]
        return between.count("\n") <= 1 and len(between) < 400

    def _colon_quote(self, quotes, cues, used, start, end) -> None:
        """Attribute 'Putin said: "..."' and 'Putin said, "..."' quotes."""
        for q_start, q_end in quotes:
            lead = self.text[start:q_start].rstrip()
            if not lead.endswith((":", ",")) or len(self.text[q_start:q_end].split()) < 5:
                continue
            before = [c for c in cues if c[1] <= q_start and self.text[c[1]:q_start].strip() in (":", ",")]
            if before:
                cue = before[-1]
                src = _source_before(self.text, start, cue[0])
                if src:
                    used.add(cue)
                    speaker = self._speaker(src)
                    self._add_direct(src, speaker, cue, (q_start + 1, q_end - 1))
                    self.last_direct = (speaker, "", q_end)

    def _indirect(self, cue, cues, used, start, end, cursor, previous):
        """Attribute the paraphrase a reporting verb opens; return (speaker, source span)."""
        text = self.text
        used.add(cue)
        word = text[cue[0]:cue[1]].lower()
        later = [c for c in cues if c[0] > cue[1] and c not in used]
        if word.startswith("according"):
            return self._according(cue, later, start, end, cursor, previous)
        lead = text[cursor:cue[0]]
        comma_before = re.search(r",\s*([^,]*)$", lead)
        src = _source_before(text, cursor, cue[0])
        ellipsed = src is None or re.search(r"(?:^|[,;]|\band|\bbut|\bwhile|\bby)\s*$", lead.rstrip()) \
            or (word.endswith("ing") and re.search(r"(?:,|\band|\bwhile)\s*$", lead))
        if ellipsed and previous:
            speaker, src = previous[0], None
        elif src is None:
            return previous
        else:
            speaker = self._speaker(src)
        after = text[cue[1]:end]
        mid = re.match(r",\s*(?![\w’']+ing\b)(?!(?:and|but|while)\b)", after)
        if src and comma_before and text[cursor:src[0]].strip().endswith(",") and (
            mid or re.match(r"(?:\s+(?:in|on|at|to|during|after|before)\s[^,.;]*)?\s*(?:[,.;!?]|$)", after)
        ):
            c_start = cursor
            c_end = self._content_end(cue[1], later, end) if mid else src[0]
        else:
            c_start = self._content_start(cue[1], word)
            c_end = self._content_end(c_start, later, end)
        span = _trim(text, c_start, c_end)
        if span[0] >= span[1]:
            return previous
        self._add(self._kind(*span), src, speaker, cue, span)
        return speaker, src

    def _content_start(self, pos: int, word: str) -> int:
        """Skip 'that', 'to', ':' and the listener ('told reporters that') after a cue."""
        rest = self.text[pos:pos + 120]
        match = re.match(r"\s*(?:,\s*)?(?:that\b|:)?\s*", rest)
        if word in ("told", "tell", "tells", "telling"):
            that = re.search(r"\bthat\b", rest[:60])
            if that:
                return pos + that.end()
        return pos + match.end()

    def _content_end(self, pos: int, later, end: int) -> int:
        """End the content before the next chained cue (', saying', 'and said', ', while adding')."""
        for cue in later:
            if cue[0] < pos:
                continue
            gap = self.text[pos:cue[0]]
            chain = re.search(r"(?:,\s*(?:(?:and|but|while|before)\s+)?(?:(?:then|later|also)\s+)?|\s+(?:and|but)\s+)$", gap)
            if chain:
                return pos + chain.start()
            who = re.search(r"(?:,\s*(?:who|which)\s+|(?:,\s*(?:and|but|while|whereas)\s+|;\s*)(?:[\w’'\-]+\s+){1,5})$", gap)
            if who:
                return pos + who.start()
        return end

    def _according(self, cue, later, start, end, cursor, previous):
        """Handle 'according to X, ...' and '..., according to X'."""
        text = self.text
        stop = re.search(r",|[.;!?](?:\s|$)|$", text[cue[1]:end])
        src = _trim(text, cue[1], cue[1] + stop.start())
        if src[0] >= src[1]:
            return previous
        speaker = self._speaker(src)
        if text[cursor:cue[0]].strip(" ,") == "":
            c_start = src[1]
            c_end = self._content_end(c_start, later, end)
        else:
            c_start, c_end = cursor, cue[0]
        span = _trim(text, c_start, c_end)
        if span[0] < span[1]:
            self._add(self._kind(*span), src, speaker, cue, span)
        return speaker, src


def attributions(text: str) -> list[Attribution]:
    """Find every quote and paraphrase in ``text`` with its source, cue and content.

    Args:
        text: the article text (``Article.text``) or any other string.

    Returns:
        Attribution objects ordered by the start of their content; an empty
        list for an empty text or a text with no reporting.

    Raises:
        TypeError: ``text`` is not a string.
    """
    _check_text(text, "attributions")
    if not text.strip():
        return []
    return list(_cached(text))


@lru_cache(maxsize=32)
def _cached(text: str) -> tuple[Attribution, ...]:
    """Analyse ``text`` once; later calls with the same text reuse the frozen results."""
    return tuple(_Finder(text).run())


# ------------------------------------------------- unattributed and sources

def _covered(items: list[Attribution]) -> list[tuple[int, int]]:
    """Every span an attribution occupies: content, source and cue."""
    spans = []
    for a in items:
        spans.append((a.start, a.end))
        if a.source_start is not None:
            spans.append((a.source_start, a.source_end))
        if a.cue_start is not None:
            spans.append((a.cue_start, a.cue_end))
    return spans


def _leftover(text: str, start: int, end: int, spans) -> list[tuple[int, int]]:
    """Parts of text[start:end] outside ``spans`` that hold at least six words."""
    inside = sorted((max(s, start), min(e, end)) for s, e in spans if s < end and e > start)
    parts, cursor = [], start
    for s, e in inside + [(end, end)]:
        if s > cursor:
            part = _trim(text, cursor, s)
            if len(_WORD.findall(text[part[0]:part[1]])) >= 6:
                parts.append(part)
        cursor = max(cursor, e)
    return parts


def unattributed(text: str) -> list[Unattributed]:
    """Find what the writer asserts with no source.

    A sentence with no attribution is returned whole; in a sentence that
    holds attributions, a stretch of six or more words outside every
    content, source and cue span is returned as a part ("Riverton council
    approved the budget on Tuesday, with the mayor warning that ...").

    Args:
        text: the article text or any other string.

    Returns:
        Unattributed objects (text, start, end) in text order.

    Raises:
        TypeError: ``text`` is not a string.
    """
    from medialit.text import split_sentences

    _check_text(text, "unattributed")
    if not text.strip():
        return []
    spans = sorted(_covered(attributions(text)))
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    result = []
    for start, end in split_sentences(text):
        first = bisect_left(starts, start - longest)
        touching = [sp for sp in spans[first:bisect_left(starts, end)] if sp[1] > start]
        if not touching:
            parts = [(start, end)]
        else:
            parts = _leftover(text, start, end, touching)
        result += [Unattributed(text[s:e], s, e) for s, e in parts]
    return result


def _quoted_words(text: str, item: Attribution, quotes) -> int:
    """Count the words of an attribution's content that sit inside quote marks."""
    if item.kind == "direct":
        return len(_WORD.findall(item.content))
    return sum(
        len(_WORD.findall(text[max(s, item.start):min(e, item.end)]))
        for s, e in quotes if s < item.end and e > item.start
    )


def _mentions(text: str, name: str, written: set[str]) -> list[tuple[int, int]]:
    """Find the offsets of a speaker's name, surname and written source phrases."""
    forms = {name, *written}
    if " " in name and name[:1].isupper() and not name.lower().startswith("the "):
        forms.add(name.split()[-1])
    forms = {f for f in forms if f and f.lower() not in PRONOUNS}
    spans, taken = set(), set()
    for form in sorted(forms, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if match.start() not in taken:
                spans.add(match.span())
                taken.update(range(*match.span()))
    return sorted(spans)


def sources(text: str) -> list[Source]:
    """List every voice in ``text`` with its quoted words, paraphrased words and mentions.

    Direct quotes and the quoted fragments of mixed attributions count as
    ``direct_words``; the rest of a paraphrase counts as ``indirect_words``.
    Mentions are the offsets of the full name, the surname, each source
    phrase written for the speaker and each pronoun used as its source.

    Args:
        text: the article text or any other string.

    Returns:
        Source objects ordered by first mention.

    Raises:
        TypeError: ``text`` is not a string.
    """
    _check_text(text, "sources")
    items = attributions(text)
    quotes = quote_spans(text)
    totals: dict[str, list] = {}
    for item in items:
        entry = totals.setdefault(item.speaker, [0, 0, set(), set()])
        quoted = _quoted_words(text, item, quotes)
        entry[0] += quoted
        entry[1] += len(_WORD.findall(item.content)) - quoted
        if item.source_start is not None:
            entry[2].add(text[item.source_start:item.source_end])
            entry[3].add((item.source_start, item.source_end))
    result = []
    for name, (direct, indirect, written, spans) in totals.items():
        mentions = sorted(set(_mentions(text, name, written)) | spans)
        result.append(Source(name, direct, indirect, tuple(mentions)))
    return sorted(result, key=lambda s: s.mentions[0] if s.mentions else (len(text), 0))
