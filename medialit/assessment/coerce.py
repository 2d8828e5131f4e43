"""Reading a student's answer into the form a scorer needs, with kind messages.

Every function here either returns a clean value or raises ``AnswerProblem``
whose message is written for the student (one plain line, no traceback).
"""

from __future__ import annotations

import difflib
import math
import re

from medialit.assessment.keys import hash_element, normalise

__all__ = [
    "NOT_A_NUMBER",
    "parse_number",
    "AnswerProblem",
    "near",
    "not_here",
    "short",
    "is_empty",
    "example_option",
    "option_id",
    "elements",
    "read_spans",
    "read_number",
]


class AnswerProblem(Exception):
    """An answer that cannot be scored; the message is for the student."""


def near(word: str, choices) -> str:
    """Return the closest choice to a misspelt word, or "" when none is close."""
    lookup = {normalise(c): str(c) for c in choices}
    close = difflib.get_close_matches(normalise(word), list(lookup), n=1, cutoff=0.6)
    return lookup[close[0]] if close else ""


def not_here(value, kind: str, choices) -> str:
    """A kind message for a value that is not one of the choices."""
    close = near(str(value), choices)
    if close:
        return f"‘{value}’ is not {kind} here; did you mean ‘{close}’?"
    return f"‘{value}’ is not {kind} here; the choices are: {', '.join(str(c) for c in choices)}."


def short(value, limit: int = 40) -> str:
    """A short, safe description of a student's value for a message."""
    try:
        text = repr(value)
    except Exception:
        text = f"a {type(value).__name__}"
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_empty(answer) -> bool:
    """Tell whether the student has not answered (``...``, None, blank, empty)."""
    if answer is ... or answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return len(answer) == 0
    return False


def example_option(q: dict) -> str:
    """An option id to show in a message, never a right one (the last wrong option)."""
    wrong = [
        o["id"]
        for o in q["options"]
        if hash_element(q["salt"], normalise(o["id"])) not in q.get("key", [])
    ]
    return (wrong or [q["options"][-1]["id"]])[-1]


def option_id(q: dict, value) -> str:
    """Match a student's value to an option id (id or option text, any case)."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise AnswerProblem(
            f'Give an option as text, like "{example_option(q)}"; {short(value)} is not an option.'
        )
    norm = normalise(value)
    for option in q["options"]:
        if norm in (normalise(option["id"]), normalise(option.get("text", ""))):
            return normalise(option["id"])
    raise AnswerProblem(not_here(value, "an option", [o["id"] for o in q["options"]]))


def elements(answer) -> list:
    """A list of elements from a list, set, tuple or comma-separated text."""
    if isinstance(answer, str):
        return [part for part in re.split(r"[,;]", answer) if part.strip()]
    if isinstance(answer, dict):
        raise AnswerProblem('Give a list of ids, like ["a", "c"], not a dictionary.')
    if not isinstance(answer, (list, tuple, set, frozenset)):
        raise AnswerProblem(f'Give a list of ids, like ["a", "c"]; {short(answer)} is not a list.')
    for element in answer:
        if not isinstance(element, (str, int)) or isinstance(element, bool):
            raise AnswerProblem(
                f'Each choice should be an id as text, like "a"; {short(element)} is not.'
            )
    return list(answer)


def read_spans(answer, limit: int) -> list[tuple[int, int]]:
    """Read [start, end] pairs (or dicts with start and end)."""
    if isinstance(answer, dict) or (
        isinstance(answer, (list, tuple))
        and len(answer) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in answer)
    ):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)):
        raise AnswerProblem(
            "Give a list of [start, end] pairs of character offsets, like [[120, 131]]."
        )
    pairs = []
    for span in answer:
        if isinstance(span, dict):
            span = (span.get("start"), span.get("end"))
        if not (
            isinstance(span, (list, tuple))
            and len(span) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
        ):
            raise AnswerProblem(
                f"Each span should be [start, end] with two whole numbers; {short(span)} is not."
            )
        start, end = span
        if not 0 <= start < end <= limit:
            raise AnswerProblem(
                f"The span {short(list(span))} is outside the article (0 to {limit}) or empty."
            )
        pairs.append((start, end))
    return pairs


NOT_A_NUMBER = (
    "‘{text}’ could not be read as a number. Write it in digits; “about” in front "
    "and a % sign after it are fine."
)
_QUALIFIER = r"(?:about|around|roughly|approximately|approx\.?|nearly|almost|some|circa|c\.|~|≈)"
_NUMBER = re.compile(
    rf"^(?:{_QUALIFIER}\s*)?(?P<sign>[-+−]?)\s*"
    r"(?P<whole>\d{1,3}(?:(?P<sep>[,\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*|\d+)"
    r"(?:[.,](?P<part>\d+))?\s*(?:%|per ?cent|percent)?\.?$",
    re.I,
)


def parse_number(text) -> tuple[float | int | None, str]:
    """Read a number typed in a box, the way a person writes it.

    Accepted: digits ("3404"), thousands grouped in threes by a comma or a space
    ("3,404", "3 404"), a decimal point or a decimal comma that is not followed by
    exactly three digits ("34.9", "34,9"), a sign, "about" (or "around",
    "roughly", "nearly", "~") in front and a "%" after. Anything else, such as a
    number written in words or two numbers, gets a kind message.

    Args:
        text: what the student typed.

    Returns:
        (number, "") with a whole number as an int; (None, "") for a blank box;
        (None, a one-line message) when the text is not a number.
    """
    raw = str(text) if text is not None else ""
    if not raw.strip():
        return None, ""
    match = _NUMBER.match(raw.strip())
    if match is None:
        shown = raw.strip() if len(raw.strip()) <= 40 else raw.strip()[:39] + "…"
        return None, NOT_A_NUMBER.format(text=shown)
    whole = re.sub(r"\D", "", match.group("whole"))
    part = match.group("part")
    value = float(f"{whole}.{part}") if part else int(whole)
    if match.group("sign") in ("-", "−"):
        value = -value
    return value, ""


def read_number(answer, example: str = "12") -> float:
    """Read a number from an int, a float or text such as "3,5".

    Args:
        answer: the student's answer.
        example: the number the message gives as an example (never an accepted one:
            see ``medialit.assessment.scorers.score_number``).

    Raises:
        AnswerProblem: the answer is not an ordinary number.
    """
    value = answer
    if isinstance(answer, str):
        parsed, _problem = parse_number(answer)
        if parsed is None:
            raise AnswerProblem(
                f"Give a number, like {example}; ‘{answer.strip()[:40]}’ is not a number."
            )
        value = parsed
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AnswerProblem(f"Give a number, like {example}; {short(answer)} is not a number.")
    if not math.isfinite(value):
        raise AnswerProblem("Give an ordinary number, not infinity or NaN.")
    return float(value)
