"""Who says what: quotes, paraphrases and their sources, found by rule.

``attributions(text)`` finds attribution relations after the PARC scheme:
a *source* (who), a *cue* (a reporting verb from
``data/lexicons/reporting_verbs.csv``, or "according to") and a *content*
span, of kind ``direct`` (a quotation standing on its own), ``indirect``
(a paraphrase) or ``mixed`` (a paraphrase holding quoted fragments).

How it works (no parser, no model; every rule is listed here):

1. Quote marks are paired line by line (``medialit.analysis.quotes``).
2. Sentences come from ``medialit.text.split_sentences``; sentences are
   joined into one *unit* when a quotation runs across them.
3. A quotation that opens its unit is a direct quote (one attribution per
   sentence inside the quote marks, as in the course's gold annotations).
   Its speech tag is the first reporting verb after it ("...," Putin said;
   "...," said Dr Ortiz) or before it ("Putin said: ...", also when the tag
   ends the previous paragraph: "He said:" then the quote; with no
   reporting verb before the colon, "Ana Ruiz gave her verdict: ...", the
   name or pronoun opening the clause is the source and the colon the
   cue). With no tag, a
   quote that follows a direct quote in the same or the previous paragraph
   continues that speaker's words (and shares that quote's source phrase).
4. Every other reporting verb outside quote marks (``medialit.analysis.cues``)
   opens a paraphrase. The source is the noun phrase before the verb
   (appositives, relative clauses and auxiliaries are stepped over); with no
   subject ("and said", ", insisting that") the source is the previous
   speaker in the unit, and the source phrase the one they share; an
   "-ing" cue with no earlier speaker in its sentence (", saying", "despite
   admitting") takes the name or pronoun that opens the sentence, and one
   that opens the sentence ("Calling the plan a disgrace, Ana Ruiz ...")
   the subject after its clause. The
   content runs from the verb (after "that") to the end of the unit or to
   the next chained reporting verb; when the source and
   verb follow a comma ("..., Putin has said."), the content is the clause
   before them, and a tag set off by commas in mid-sentence ("would, the
   minister said, leave") makes the content run around it. "according to X"
   works either way round. A headline ending in a dash and a short name
   ("... – Putin"), and a quotation closed by a dash and a capitalised name
   ("“...” ― Ana Ruiz"), are attributed to that name.
5. A verb after "not", "never" or "to" is not a cue ("does not say").
6. Speakers are resolved by ``medialit.analysis.speakers``.

``unattributed(text)`` lists what the writer asserts with no source.

Limits: no grammar, so unusual word order, sources that are not subjects
("Hospital managers put the figure at ...", with a verb outside the
lexicon), gendered pronouns with two people in play and quotations running
over several paragraphs can be missed or misread. Offsets are ``str``
indices into the text given.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from medialit.analysis.cues import find_cues
from medialit.analysis.quotes import quote_spans
from medialit.analysis.spans import crosses, require_text, trim
from medialit.analysis.spans import inside as _inside
from medialit.analysis.speakers import PRONOUNS, Speakers, source_before, subject_of
from medialit.text import split_sentences
from medialit.tokens import WORD

__all__ = ["Attribution", "Unattributed", "attributions", "unattributed"]


#: the words before a cue end in a comma and a closing quote mark: '... the demand," says'
_INVERTED_LEAD = re.compile(r"(?:,\s*[”\"’]|[”\"’]\s*,)\s*$")
#: spaces and closing quote marks between a comma and the source after it: '...,” she said'
_CLOSING_MARKS = ' \t\n\xa0”’»"'
#: what may follow a tag that closes its content: a place or time, then the clause's end
#: ('..., Putin said in Moscow.'); a "that" clause after it is the content ('said at a rally that')
_TAG_TAIL = re.compile(
    r"(?:\s+(?:in|on|at|to|during|after|before)\s(?:(?!\bthat\b)[^,.;])*)?\s*(?:[,.;!?]|$)"
)
#: a short place or time phrase, then "that", right after a cue: ' at a rally on Friday that '
_PLACE_THAT = re.compile(r"\s+(?:in|on|at|during|after|before)\s[^,.;:“”\"]{1,60}?\bthat\s+")
#: what an "-ing" cue with no subject of its own follows: ", saying", "and adding", "after saying"
_ING_AFTER = re.compile(r"(?:,|\b(?:and|while|after|before|despite|by|when|without|since))\s*$")
#: what a cue with no subject of its own follows: "..., going on to say", "and went on to add"
_GOES_ON_TO = re.compile(r"\b(?:go|goes|went|going|gone)\s+on\s+to\s*$")
#: at most this many words after a tag that closes its unit ('..., she said on Friday.')
_TAG_TAIL_WORDS = 6
#: a line closing with a dash and a short name: "... – Putin" (headline, no end mark)
_HEADLINE_DASH = re.compile(r"\s[–—―-]\s+((?:[\w’'.]+\s?){1,4})$")
#: a quotation closed by a dash and a capitalised name: "“...” ― Ana Ruiz."
_QUOTE_DASH = re.compile(r"[”\"’]\s*[–—―-]\s*((?:[A-Z][\w’'.\-]*\s?){1,5})\.?\s*$")


@dataclass(frozen=True)
class Attribution:
    """One attribution relation: who (source, speaker), how (cue), what (content).

    Offsets are ``str`` indices into the analysed text; ``cue_start``/``cue_end``
    are None (and ``cue`` is "") when the text has no cue (a quote continued
    with no new speech tag). A continued quote, and a verb with no subject of
    its own ("and said"), share the source phrase of what they continue
    (``source_start``/``source_end`` point at it); those are None only when no
    source is written at all, and then ``source`` repeats ``speaker``.
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


def _listener_gap(gap: str) -> bool:
    """Tell whether the words between a cue and its quote are a comma or colon, maybe a listener.

    ', “...”', ': “...”', ' her, “...”', ' reporters on Monday: “...”' (at most four words).
    """
    gap = gap.strip()
    return gap[-1:] in (",", ":") and len(gap.split()) <= 4


def _written(span) -> tuple[int, int] | None:
    """Return a source span, or None for a source that is not written ((None, None))."""
    return span if span and span[0] is not None else None


def _units(text: str, quotes) -> list[tuple[int, int]]:
    """Sentences, joined where a quotation runs from one into the next."""
    units: list[tuple[int, int]] = []
    for start, end in split_sentences(text):
        if units and crosses(units[-1][1], quotes):
            units[-1] = (units[-1][0], end)
        else:
            units.append((start, end))
    return units


@dataclass
class _Unit:
    """One unit being analysed.

    Its bounds, quotations, cues, the cues used so far, and the index in
    ``_Finder.found`` of its first attribution.
    """

    start: int
    end: int
    quotes: list
    cues: list
    used: set = field(default_factory=set)
    first: int = 0


class _Finder:
    """Find the attributions of one text (see the module docstring for the rules)."""

    def __init__(self, text: str):
        """Prepare the quotation spans and the speaker resolver for ``text``."""
        self.text = text
        self.quotes = quote_spans(text)
        self.speakers = Speakers(text)
        self.found: list[Attribution] = []
        self.last_direct: tuple[str, tuple[int, int] | None, int] | None = None
        self.dash_lines: list[tuple[int, int]] = []
        #: (source span, speaker, cue) of a unit ending in "He said:", for the next quote
        self.colon_tag: tuple[tuple[int, int], str, tuple] | None = None

    def run(self) -> list[Attribution]:
        """Analyse every unit in order and return the attributions sorted by start."""
        self._dash_lines()
        for start, end in _units(self.text, self.quotes):
            if not any(s <= start < e for s, e in self.dash_lines):
                self._unit(start, end)
        unique = {(a.start, a.end, a.kind, a.cue_start): a for a in self.found}
        return sorted(unique.values(), key=lambda a: (a.start, a.end))

    # .. helpers
    def _add(self, kind, source_span, speaker, cue_span, content_span):
        """Record one attribution (content trimmed of spaces and edge punctuation)."""
        s, e = trim(self.text, *content_span)
        if s >= e:
            return None
        text = self.text
        source = text[source_span[0] : source_span[1]] if source_span else ""
        cue = text[cue_span[0] : cue_span[1]] if cue_span else ""
        item = Attribution(
            kind=kind,
            source=source or speaker,
            speaker=speaker,
            cue=cue,
            content=text[s:e],
            start=s,
            end=e,
            cue_start=cue_span[0] if cue_span else None,
            cue_end=cue_span[1] if cue_span else None,
            source_start=source_span[0] if source_span else None,
            source_end=source_span[1] if source_span else None,
        )
        self.found.append(item)
        return item

    def _add_direct(self, src, speaker, cue, inner) -> None:
        """Record a direct quote, one attribution per sentence inside the quote marks."""
        for s, e in split_sentences(self.text[inner[0] : inner[1]]) or [(0, inner[1] - inner[0])]:
            self._add("direct", src, speaker, cue, (inner[0] + s, inner[0] + e))

    def _speaker(self, span) -> str:
        """Resolve the source phrase at ``span`` to a speaker and remember it."""
        phrase = self.text[span[0] : span[1]]
        speaker = self.speakers.resolve(phrase)
        if phrase.lower() not in PRONOUNS:
            self.speakers.remember(speaker, phrase)
        return speaker

    def _kind(self, start: int, end: int) -> str:
        """Return "mixed" when a quotation lies inside the content span, else "indirect"."""
        index = bisect_left(self.quotes, (start, 0))
        inside = index < len(self.quotes) and self.quotes[index][1] <= end + 1
        return "mixed" if inside else "indirect"

    # .. lines closed by a dash and a name: "... – Putin", "“...” ― Ana Ruiz"
    def _dash_lines(self) -> None:
        """Attribute every line that closes with a dash and a short name (see ``_dash_line``)."""
        offset = 0
        for line in self.text.split("\n"):
            self._dash_line(line, offset)
            offset += len(line) + 1

    def _dash_line(self, line: str, offset: int) -> None:
        """Attribute one line to the name after its closing dash.

        A headline with no end mark ("... – Putin") or a quotation followed by
        a dash and a capitalised name ("“...” ― Ana Ruiz."). The line's units
        are then skipped, so its quotes are not given to another speaker.
        """
        quoted = _QUOTE_DASH.search(line)
        match = quoted or _HEADLINE_DASH.search(line)
        if (
            not match
            or (not quoted and re.search(r"[.!?]$", line.rstrip()))
            or find_cues(line, match.start(1), len(line), [])
        ):
            return
        src = (offset + match.start(1), offset + trim(line, match.start(1), len(line))[1])
        dash = offset + len(line[: match.start(1)].rstrip()) - 1
        content = trim(self.text, offset, dash)
        if content[0] >= content[1]:
            return
        speaker = self._speaker(src)
        cue = (dash, dash + 1)
        if content in self.quotes:
            self._add_direct(src, speaker, cue, (content[0] + 1, content[1] - 1))
        else:
            self._add(self._kind(*content), src, speaker, cue, content)
        self.dash_lines.append((offset, offset + len(line)))

    # .. one unit
    def _unit(self, start: int, end: int) -> None:
        """Find the direct quotes, then the paraphrases, of one unit."""
        quotes = self.quotes[
            bisect_left(self.quotes, (start, 0)) : bisect_left(self.quotes, (end, 0))
        ]
        unit = _Unit(
            start, end, quotes, find_cues(self.text, start, end, quotes), set(), len(self.found)
        )
        tag, self.colon_tag = self.colon_tag, None
        cursor = start
        first = trim(self.text, start, end)[0]
        opening = [
            q for q in quotes if q[0] == first or self.text[first : q[0]].strip() in ("", "—", "–")
        ]
        if opening:
            cursor = self._direct(opening[0], unit, tag)
        else:
            self._colon_quote(unit)
        previous = self._last_speaker(unit)
        for cue in unit.cues:
            if cue in unit.used or cue[0] < cursor:
                continue
            previous = self._indirect(cue, unit, cursor, previous)
        self._remember_colon_tag(unit)
        self._remember_closing_tag(unit)

    def _remember_closing_tag(self, unit: _Unit) -> None:
        """Let a unit that closes on its tag ('..., she said.') go on in the next quote.

        A quotation with no tag of its own that follows closely then continues
        that speaker's words (see ``_same_stretch``).
        """
        found = [a for a in self.found[unit.first :] if a.cue_end]
        if not found:
            return
        last = found[-1]
        tag_end = max(last.cue_end or 0, last.source_end or 0)
        if last.end < tag_end and len(self.text[tag_end : unit.end].split()) <= _TAG_TAIL_WORDS:
            src = _written((last.source_start, last.source_end))
            self.last_direct = (last.speaker, src, unit.end)

    def _remember_colon_tag(self, unit: _Unit) -> None:
        """Keep a unit that ends in a speech tag and a colon ("He said:") for the next quote."""
        if not self.text[unit.start : unit.end].rstrip().endswith(":"):
            return
        if not unit.cues:
            self.colon_tag = self._colon_subject(unit.start, unit.end)
            return
        cue = unit.cues[-1]
        src = source_before(self.text, unit.start, cue[0])
        if src:
            self.colon_tag = (src, self._speaker(src), cue)

    def _colon_subject(self, start: int, end: int):
        """Return (source span, speaker, cue span) for 'Ana Ruiz made this comment:', or None.

        With no reporting verb before the colon, the subject of the clause
        (a name or a pronoun, see ``subject_of``) is the source and the colon
        the cue.
        """
        colon = self.text.rfind(":", start, end)
        subject = subject_of(self.text, start, colon) if colon > start else None
        if not subject or len(self.text[subject[1] : colon].split()) < 2:
            return None
        return subject, self._speaker(subject), (colon, colon + 1)

    def _last_speaker(self, unit: _Unit):
        """Return (speaker, source span) of the latest attribution in this unit, or None."""
        found = [a for a in self.found[unit.first :] if a.start >= unit.start]
        return (
            (found[-1].speaker, (found[-1].source_start, found[-1].source_end)) if found else None
        )

    def _direct(self, quote, unit: _Unit, tag=None) -> int:
        """Attribute a quotation that opens its unit; return where the tag ends.

        Its tag is a reporting verb after it, else ``tag`` (the previous unit
        ended "He said:"), else the previous direct quote's speaker nearby.
        """
        cues, used, quotes = unit.cues, unit.used, unit.quotes
        q_start, q_end = quote
        after = [
            c
            for c in cues
            if c[0] >= q_end
            and len(self.text[q_end : c[0]].split()) <= 10
            and len(split_sentences(self.text[q_end : c[0]])) <= 1
        ]
        tag_end = q_end
        if after:
            cue = after[0]
            used.add(cue)
            src = self._tag_source(q_end, cue, unit.end)
            speaker = (
                self._speaker(src) if src else (self.last_direct[0] if self.last_direct else "")
            )
            tag_end = cue[1] if not src else max(cue[1], src[1])
        elif tag:
            src, speaker, cue = tag
        elif self.last_direct and self._same_stretch(q_start):
            cue, src, speaker = None, self.last_direct[1], self.last_direct[0]
        else:
            return unit.start
        inner = (q_start + 1, q_end - 1)
        self._add_direct(src, speaker, cue, inner)
        self.last_direct = (speaker, src, q_end)
        for other in quotes:
            if (
                other[0] > q_end
                and not any(c[0] < other[0] for c in cues if c not in used and c[0] > q_end)
                and self.text[tag_end : other[0]].strip(" ,.") == ""
            ):
                self._add_direct(src, speaker, None, (other[0] + 1, other[1] - 1))
        return tag_end

    def _tag_source(self, q_end: int, cue, end: int):
        """Find the speaker in a tag: '..., Putin said' or '..., said Dr Ortiz'."""
        before = trim(self.text, q_end, cue[0])
        if before[0] < before[1]:
            return source_before(self.text, q_end, cue[0])
        stop = re.search(
            r"[.;!?]|\s(?:as|after|in|on|at|outside|before|while)\s", self.text[cue[1] : end]
        )
        tail_end = cue[1] + stop.start() if stop else end
        span = trim(self.text, cue[1], tail_end)
        if span[0] < span[1] and re.search(r"\b[A-Z]", self.text[span[0] : span[1]]):
            return span
        return None

    def _same_stretch(self, q_start: int) -> bool:
        """Tell whether a tagless quote follows a direct quote closely.

        Closely means in the same or the previous paragraph.
        """
        if not self.last_direct:
            return False
        between = self.text[self.last_direct[2] : q_start]
        return between.count("\n") <= 1 and len(between) < 400

    def _colon_quote(self, unit: _Unit) -> None:
        """Attribute 'Putin said: "..."' and 'Putin said, "..."' quotes."""
        cues, start = unit.cues, unit.start
        for q_start, q_end in unit.quotes:
            lead = self.text[start:q_start].rstrip()
            if not lead.endswith((":", ",")) or len(self.text[q_start:q_end].split()) < 5:
                continue
            before = [
                c
                for c in cues
                if c[1] <= q_start
                and (_listener_gap(self.text[c[1] : q_start]) or lead.endswith(":"))
            ]
            tag = None
            if before:
                cue = before[-1]
                src = source_before(self.text, start, cue[0]) or self._tag_source(
                    cue[0], cue, q_start
                )
                if src:
                    unit.used.add(cue)
                    tag = (src, self._speaker(src), cue)
            elif lead.endswith(":") and not cues:
                tag = self._colon_subject(start, start + len(lead))
            if tag:
                src, speaker, cue = tag
                self._add_direct(src, speaker, cue, (q_start + 1, q_end - 1))
                self.last_direct = (speaker, src, q_end)

    def _indirect(self, cue, unit: _Unit, cursor: int, previous):
        """Attribute the paraphrase a reporting verb opens; return (speaker, source span)."""
        text, end = self.text, unit.end
        unit.used.add(cue)
        word = text[cue[0] : cue[1]].lower()
        later = [c for c in unit.cues if c[0] > cue[1] and c not in unit.used]
        if word.startswith("according"):
            return self._according(cue, later, end, cursor, previous)
        lead = text[cursor : cue[0]]
        if not lead.strip() and word.endswith("ing") and text[cue[0]].isupper():
            return self._participle(cue, unit) or previous
        if _INVERTED_LEAD.search(lead) and re.match(r"\s+[A-Z]", text[cue[1] : end]):
            inverted = self._inverted(cue, unit, cursor)
            if inverted:
                return inverted
        comma_before = re.search(r",\s*([^,]*)$", lead)
        src = source_before(text, cursor, cue[0])
        no_subject = (word.endswith("ing") and _ING_AFTER.search(lead)) or _GOES_ON_TO.search(lead)
        ellipsed = (
            src is None
            or no_subject
            or re.search(r"(?:^|[,;]|\band|\bbut|\bwhile|\bby)\s*$", lead.rstrip())
        )
        subject = (
            subject_of(text, cursor, cue[0])
            if not previous and (src is None or no_subject)
            else None
        )
        if ellipsed and previous:
            speaker, src, shared = previous[0], None, _written(previous[1])
        elif subject:
            speaker, src, shared = self._speaker(subject), None, subject
        elif src is None:
            return previous
        else:
            speaker, shared = self._speaker(src), None
        after = text[cue[1] : end]
        mid = re.match(r",\s*(?![\w’']+ing\b)(?!(?:and|but|while)\b)", after)
        if (
            src
            and comma_before
            and text[cursor : src[0]].rstrip(_CLOSING_MARKS).endswith(",")
            and (mid or _TAG_TAIL.match(after))
        ):
            c_start = cursor
            c_end = self._content_end(cue[1], later, end) if mid else src[0]
        else:
            c_start = self._content_start(cue[1], word)
            c_end = self._content_end(c_start, later, end)
        span = trim(text, c_start, c_end)
        if span[0] >= span[1]:
            return previous
        self._add(self._kind(*span), src or shared, speaker, cue, span)
        return speaker, src or shared

    def _participle(self, cue, unit: _Unit):
        """Attribute 'Calling the plan “a disgrace,” Ana Ruiz said ...': the source follows.

        The content runs from the cue to the first comma outside quote marks
        (or closing one); the source is the subject after that comma.

        Returns:
            (speaker, source span), or None when no comma or no subject follows.
        """
        for comma in re.finditer(",", self.text[cue[1] : unit.end]):
            pos = cue[1] + comma.start()
            after = self.text[pos + 1 : pos + 2]
            closing = bool(after) and after in '”’»"'
            if _inside(pos, unit.quotes) and not closing:
                continue
            end = pos + 2 if closing else pos
            subject = subject_of(self.text, end, unit.end)
            span = trim(self.text, cue[1], end)
            if not subject or span[0] >= span[1]:
                return None
            speaker = self._speaker(subject)
            self._add(self._kind(*span), subject, speaker, cue, span)
            return speaker, subject
        return None

    def _inverted(self, cue, unit: _Unit, cursor: int):
        """Attribute '... "quoted words," says Ana Ruiz, a nurse.': the source follows the cue.

        Returns:
            (speaker, source span), or None when no name follows the cue.
        """
        src = self._tag_source(cue[0], cue, unit.end)
        span = trim(self.text, cursor, cue[0])
        if not src or span[0] >= span[1]:
            return None
        speaker = self._speaker(src)
        self._add(self._kind(*span), src, speaker, cue, span)
        return speaker, src

    def _content_start(self, pos: int, word: str) -> int:
        """Skip 'that', ':', the listener ('told reporters that') and a place or time after a cue.

        The place or time: 'said at a rally on Friday that ...'.
        """
        rest = self.text[pos : pos + 120]
        match = _PLACE_THAT.match(rest) or re.match(r"\s*(?:,\s*)?(?:that\b|:)?\s*", rest)
        if word in ("told", "tell", "tells", "telling"):
            that = re.search(r"\bthat\b", rest[:60])
            if that:
                return pos + that.end()
        return pos + match.end() if match else pos

    def _content_end(self, pos: int, later, end: int) -> int:
        """End the content before the next chained cue.

        Chained cues are ', saying', 'and said', ', while adding' and the like.
        """
        for cue in later:
            if cue[0] < pos:
                continue
            gap = self.text[pos : cue[0]]
            chain = re.search(
                r"(?:,\s*(?:(?:and|but|while|before)\s+)?(?:(?:then|later|also)\s+)?|\s+(?:and|but)\s+)$",
                gap,
            )
            if chain:
                return pos + chain.start()
            who = re.search(
                r"(?:,\s*(?:who|which)\s+|(?:,\s*(?:and|but|while|whereas)\s+|;\s*)(?:[\w’'\-]+\s+){1,5})$",
                gap,
            )
            if who:
                return pos + who.start()
        return end

    def _according(self, cue, later, end: int, cursor: int, previous):
        """Handle 'according to X, ...' and '..., according to X'."""
        text = self.text
        stop = re.search(r",|[.;!?](?:\s|$)|$", text[cue[1] : end])
        stop_at = stop.start() if stop else end - cue[1]
        src = trim(text, cue[1], cue[1] + stop_at)
        if src[0] >= src[1]:
            return previous
        speaker = self._speaker(src)
        if text[cursor : cue[0]].strip(" ,") == "":
            c_start = src[1]
            c_end = self._content_end(c_start, later, end)
        else:
            c_start, c_end = cursor, cue[0]
        span = trim(text, c_start, c_end)
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
    require_text(text, "attributions")
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
        if a.source_start is not None and a.source_end is not None:
            spans.append((a.source_start, a.source_end))
        if a.cue_start is not None and a.cue_end is not None:
            spans.append((a.cue_start, a.cue_end))
    return spans


def _leftover(text: str, start: int, end: int, spans) -> list[tuple[int, int]]:
    """Parts of text[start:end] outside ``spans`` that hold at least six words."""
    inside = sorted((max(s, start), min(e, end)) for s, e in spans if s < end and e > start)
    parts, cursor = [], start
    for s, e in inside + [(end, end)]:
        if s > cursor:
            part = trim(text, cursor, s)
            if len(WORD.findall(text[part[0] : part[1]])) >= 6:
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
    require_text(text, "unattributed")
    if not text.strip():
        return []
    spans = sorted(_covered(attributions(text)))
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    result = []
    for start, end in split_sentences(text):
        first = bisect_left(starts, start - longest)
        touching = [sp for sp in spans[first : bisect_left(starts, end)] if sp[1] > start]
        if not touching:
            parts = [(start, end)]
        else:
            parts = _leftover(text, start, end, touching)
        result += [Unattributed(text[s:e], s, e) for s, e in parts]
    return result
