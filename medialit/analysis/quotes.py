"""Quote marks: pairing them into quotations, line by line.

Curly, straight, single and guillemets are paired in one pass; an apostrophe
between letters is never a quote mark; a closing double mark with no letter
before it and a letter after it opens a quotation (a typing slip common in
news copy: ”Fear. ...”); a mark left open at the end of a line is ignored, and
so is a mark inside a markup tag (<tweet author="...">).
"""

from __future__ import annotations

import re

from medialit.analysis.spans import markup_spans, require_text
from medialit.tokens import CLOSE_DOUBLE, OPEN_DOUBLE

__all__ = ["quote_spans"]

#: every character the pairing below looks at (all others leave its state unchanged)
_MARKS = re.compile("[" + re.escape(OPEN_DOUBLE + CLOSE_DOUBLE + "\"‘’'") + "]")


def _is_letter(ch: str) -> bool:
    """Tell whether ``ch`` is a letter or digit (apostrophes sit between these)."""
    return ch.isalnum()


def _closes(before: str, after: str) -> bool:
    """Tell whether a single mark between ``before`` and ``after`` can close a quotation."""
    return not _is_letter(after) and not before.isspace()


def _line_quotes(line: str, offset: int) -> list[tuple[int, int]]:
    """Pair the quote marks of one line; return (start, end) spans including the marks."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    kind: str | None = None
    markup = markup_spans(line)
    for mark in _MARKS.finditer(line):
        i, ch = mark.start(), mark.group(0)
        if markup and any(s < i < e for s, e in markup):
            continue  # an attribute value in markup: <tweet id="1">
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if ch in OPEN_DOUBLE and opened is None:
            opened, kind = i, "d"
        elif ch in CLOSE_DOUBLE and opened is None and not _is_letter(before) and _is_letter(after):
            opened, kind = i, "d"  # a closing mark typed where an opening one belongs
        elif ch in CLOSE_DOUBLE and kind == "d" and opened is not None:
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
        elif ch == "’" and kind == "s" and opened is not None and _closes(before, after):
            spans.append((offset + opened, offset + i + 1))
            opened = kind = None
        if (
            ch == "'"
            and kind == "s"
            and opened is not None
            and opened != i
            and _closes(before, after)
        ):
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
    require_text(text, "quote_spans")
    spans, offset = [], 0
    for line in text.split("\n"):
        spans += _line_quotes(line, offset)
        offset += len(line) + 1
    return spans
