"""Reading submitted files as data: notebooks through ``ast``, answers files as bounded JSON.

Nothing a student wrote is ever executed here. A notebook is JSON; its code
cells are parsed with :func:`ast.parse` and an answer counts only when a cell
assigns a literal to ``answer_<question id>`` at its top level
(``answer_ex03_4 = ["P1.1", "P8.1"]``), evaluated with :func:`ast.literal_eval`
on that one node. What counts as a literal is what ``literal_eval`` accepts:
strings (implicit concatenation ``"a" "b"`` is one string to the parser, so it
counts), numbers (``-3`` and ``1e3`` count), ``True``/``False``/``None``, and
lists, tuples, dicts and sets (``{"a", "b"}``, and ``set()`` for the empty set) of
those. A name, any other call, an f-string or any arithmetic beyond a sign (and
the ``+`` of a complex number) is not a literal.

For each question the last cell (in notebook order) that binds its answer name
decides what the notebook says (see :class:`CellAnswer`):

- ``typed``: a literal; ``empty``: ``...`` or an empty literal (``""``, ``[]``);
- ``widget``: ``<name>.answer`` (the cell that reads a widget): the answer is
  the one the widget saved in the answers file;
- ``review``: anything else that binds the name (a call, a loop, an import, a
  chained or augmented assignment, a cell too long to parse): a teacher decides;
- ``syntax``: a cell that looks like the answer cell but does not parse;
- ``missing``: no cell binds the name.

Answers files (``answers/exercise-NN.json``) are read with a bracket-depth
pre-scan before :func:`json.loads` (a file of 100,000 ``[`` is refused, not a
``RecursionError``), must be UTF-8 JSON objects, and only the bank's question
ids are taken from them.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from medialit.assessment.coerce import is_empty
from medialit.grading.limits import (
    MAX_ANSWERS_DEPTH,
    MAX_ATTEMPTS,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_JSON_DEPTH,
    SHOWN_CHARS,
)

__all__ = [
    "ATTEMPTS_KEY",
    "CellAnswer",
    "Unreadable",
    "bracket_depth",
    "load_json",
    "load_notebook",
    "notebook_answers",
    "answers_file",
    "cell_sources",
]

#: the key of the answers file that counts check attempts per question
ATTEMPTS_KEY = "_attempts"

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPEN = frozenset(b"[{")
_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError)


class Unreadable(Exception):
    """A file that cannot be read as what it should be; the message is for the report."""


@dataclass(frozen=True)
class CellAnswer:
    """What the notebook says about one question's answer.

    Attributes:
        kind: ``typed``, ``empty``, ``widget``, ``review``, ``syntax`` or ``missing``.
        value: the literal (``typed`` and ``empty``), else None.
        source: the cell's code, cut to ``SHOWN_CHARS`` (``review`` and ``syntax``).
    """

    kind: str
    value: object = None
    source: str = ""


def bracket_depth(data: bytes, stop: int) -> int:
    """Return how deep ``[`` and ``{`` nest outside JSON strings (counting stops past ``stop``).

    Args:
        data: the raw file.
        stop: the depth at which counting may stop (the limit plus one is enough).

    Returns:
        The deepest nesting found (at most ``stop``).
    """
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in brackets:
        if byte in _OPEN:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest >= stop:
                    return deepest
        else:
            depth -= 1
    return deepest


def _no_constant(name: str):
    """Refuse NaN and Infinity (not JSON)."""
    raise ValueError(f"{name} is not allowed")


def load_json(data: bytes, max_depth: int, what: str):
    """Parse JSON after checking its encoding and bracket depth.

    Args:
        data: the raw file (at most its size limit).
        max_depth: the deepest bracket nesting allowed.
        what: how the report names the file ("the notebook").

    Returns:
        The parsed value.

    Raises:
        Unreadable: not UTF-8, nested too deep, or not valid JSON.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable(f"{what} is not UTF-8 text") from None
    if bracket_depth(data, max_depth + 1) > max_depth:
        raise Unreadable(f"{what} nests brackets deeper than {max_depth} levels")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as err:
        raise Unreadable(f"{what} is not valid JSON ({str(err)[:80]})") from None


def _source(cell: dict) -> str:
    """A cell's source as one string, or raise Unreadable for a malformed one."""
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    if isinstance(source, str):
        return source
    raise Unreadable("a cell of the notebook has a source that is not text")


def load_notebook(data: bytes) -> dict:
    """Parse a notebook file as data and check the parts the grader reads.

    The file is not validated against the whole nbformat schema (that costs
    milliseconds per notebook and an import of seconds); the grader reads only
    ``cells``, each cell's ``cell_type`` and ``source``, and checks those.

    Args:
        data: the raw file.

    Returns:
        The notebook as a dict.

    Raises:
        Unreadable: the file is not a notebook the grader can read.
    """
    nb = load_json(data, MAX_JSON_DEPTH, "the notebook")
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise Unreadable("the file is not a Jupyter notebook (no list of cells)")
    if len(nb["cells"]) > MAX_CELLS:
        raise Unreadable(f"the notebook has more than {MAX_CELLS} cells")
    for cell in nb["cells"]:
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            raise Unreadable("a cell of the notebook is not a cell")
        _source(cell)
    return nb


def cell_sources(nb: dict, kind: str = "code") -> list[str]:
    """The sources of a (loaded) notebook's cells of one kind, in order.

    Args:
        nb: a notebook returned by :func:`load_notebook`.
        kind: ``"code"`` or ``"markdown"``.

    Returns:
        The cell sources.
    """
    return [_source(c) for c in nb["cells"] if c.get("cell_type") == kind]


def _shown(text: str) -> str:
    """Cut text for the report."""
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _binds(node: ast.AST, names) -> set[str]:
    """Every name of ``names`` that ``node`` (or anything inside it) binds or deletes."""
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and not isinstance(sub.ctx, ast.Load):
            found.add(sub.id)
        elif isinstance(sub, ast.alias):
            found.add(sub.asname or sub.name.split(".")[0])
        elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(sub.name)
        elif isinstance(sub, (ast.Global, ast.Nonlocal)):
            found.update(sub.names)
        elif isinstance(sub, ast.ExceptHandler) and sub.name:
            found.add(sub.name)
        elif isinstance(sub, (ast.MatchAs, ast.MatchStar)) and sub.name:
            found.add(sub.name)
        elif isinstance(sub, ast.MatchMapping) and sub.rest:
            found.add(sub.rest)
    return found & set(names)


def _classify(value: ast.AST, source: str) -> CellAnswer:
    """Classify the value assigned to an answer name."""
    if isinstance(value, ast.Constant) and value.value is Ellipsis:
        return CellAnswer("empty", ...)
    if (
        isinstance(value, ast.Attribute)
        and value.attr == "answer"
        and isinstance(value.value, ast.Name)
    ):
        return CellAnswer("widget")
    try:
        literal = ast.literal_eval(value)
    except _PARSE_ERRORS + (TypeError,):
        return CellAnswer("review", source=_shown(source))
    return CellAnswer("empty" if is_empty(literal) else "typed", literal)


def _plain_target(statement: ast.stmt) -> tuple[str, ast.AST] | None:
    """``(name, value)`` of ``name = value`` or ``name: T = value``, else None."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, value = statement.targets[0], statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None and statement.simple:
        target, value = statement.target, statement.value
    else:
        return None
    return (target.id, value) if isinstance(target, ast.Name) else None


def _segment(lines: list[str], node: ast.stmt) -> str:
    """A statement's source: its whole lines (cheaper than ``ast.get_source_segment``)."""
    return "\n".join(lines[node.lineno - 1 : node.end_lineno or node.lineno])


def _cell_events(
    tree: ast.Module, source: str, names: dict[str, str]
) -> list[tuple[str, CellAnswer]]:
    """(question id, what the cell says) for each answer name the cell binds, in order."""
    events, lines = [], source.splitlines()
    for statement in tree.body:
        text = _segment(lines, statement)
        mentioned = [name for name in names if name in text]
        if not mentioned:
            continue
        plain = _plain_target(statement)
        if plain and plain[0] in names:
            events.append((names[plain[0]], _classify(plain[1], text)))
            inner = _binds(plain[1], mentioned)
        else:
            inner = _binds(statement, mentioned)
        events += [
            (names[name], CellAnswer("review", source=_shown(text))) for name in sorted(inner)
        ]
    return events


def _looks_assigned(source: str, name: str) -> bool:
    """Whether a cell that does not parse seems to assign ``name``."""
    return (
        re.search(rf"^[ \t]*{re.escape(name)}[ \t]*(?::[^=\n]*)?=(?!=)", source, re.M) is not None
    )


def notebook_answers(nb: dict, ids: list[str]) -> dict[str, CellAnswer]:
    """Read what a notebook says about each question's answer (never running it).

    Args:
        nb: a notebook returned by :func:`load_notebook`.
        ids: the question ids to look for (from the instructor's bank).

    Returns:
        Question id -> :class:`CellAnswer` (``missing`` when no cell binds it).
    """
    names = {f"answer_{qid}": qid for qid in ids}
    found = {qid: CellAnswer("missing") for qid in ids}
    for source in cell_sources(nb):
        mentioned = [name for name in names if name in source]
        if not mentioned:
            continue
        if len(source) > MAX_CELL_CHARS:
            found.update({names[n]: CellAnswer("review", source=_shown(source)) for n in mentioned})
            continue
        try:
            tree = ast.parse(source)
        except _PARSE_ERRORS:
            found.update(
                {
                    names[n]: CellAnswer("syntax", source=_shown(source))
                    for n in mentioned
                    if _looks_assigned(source, n)
                }
            )
            continue
        found.update(dict(_cell_events(tree, source, names)))
    return found


def _attempts(raw, ids: list[str]) -> dict[str, int]:
    """Check-attempt counts from the answers file (whole numbers only, capped)."""
    if not isinstance(raw, dict):
        return {}
    counts = {}
    for qid in ids:
        value = raw.get(qid)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            counts[qid] = min(value, MAX_ATTEMPTS)
    return counts


def answers_file(data: bytes, ids: list[str]) -> tuple[dict, dict[str, int]]:
    """Read a widget answers file: the answers and check attempts of ``ids`` only.

    Args:
        data: the raw file (at most ``MAX_ANSWERS_BYTES``).
        ids: the question ids of this exercise (from the instructor's bank).

    Returns:
        ``(answers, attempts)``: question id -> saved answer, question id -> count.

    Raises:
        Unreadable: the file is not a JSON object within the limits.
    """
    document = load_json(data, MAX_ANSWERS_DEPTH, "the answers file")
    if not isinstance(document, dict):
        raise Unreadable("the answers file is not a JSON object")
    answers = {qid: document[qid] for qid in ids if qid in document}
    return answers, _attempts(document.get(ATTEMPTS_KEY), ids)
