"""Typed answers in a notebook: one plain line instead of a traceback, and no stale grades.

``from medialit import check`` loads this module. In a Jupyter kernel it then
registers, once, an IPython extension (nothing happens outside a kernel, and
IPython is only imported when the kernel has already loaded it):

- an input transformer turns curly quote marks used as string delimiters
  (“ ” ‘ ’) into straight ones in cells that assign ``answer_...``, and turns
  a cell that still cannot be read (an unclosed bracket, a stray quote) into
  a one-line hint;
- a handler for ``NameError`` in such cells (a bare word such as ``nine``)
  prints one line instead of a traceback;
- ``post_run_cell`` records, for every ``answer_...`` name a cell assigns,
  whether that cell ran cleanly, so ``check`` says "The answer cell above did
  not run cleanly" instead of grading the value an earlier run left behind,
  and whether it reads a widget (``answer_x = widget_x.answer``), so an empty
  answer gets the widget's message ("choose or write your answer above").

``check(question_id)`` without an answer reads ``answer_<question_id>`` from
the notebook, so a check cell run first after a restart says "Run the answer
cell above first" instead of raising. The check cell the exercises use::

    from medialit import check; check("ex03_1")
"""

from __future__ import annotations

import ast
import re
import sys

from medialit.assessment import check as _check
from medialit.assessment.feedback import Feedback

__all__ = [
    "check",
    "install",
    "answer_names",
    "fix_quotes",
    "FAILED",
    "NOT_RUN",
    "STALE",
    "WIDGET_NOT_RUN",
    "FROM_WIDGET",
]

_ASSIGNS = re.compile(r"^\s*(answer_\w+)\s*=", re.MULTILINE)
#: what check says when the answer cell failed at its last run
FAILED = "The answer cell above did not run cleanly: fix it and run it again."
#: what check says when the answer variable does not exist (e.g. after a restart)
NOT_RUN = (
    "Run the answer cell above first: {name} is not set yet (after a restart, "
    "run the cells from the top)."
)
#: what an answer cell says when the widget it reads was not made yet (e.g. after a restart)
WIDGET_NOT_RUN = (
    "The widget {name} is not there yet: run the widget cell above first (after a restart, "
    "run the cells from the top). Your saved answer comes back in it."
)
_QID = r"(?:l|ex)\d{2}_\d+"
#: kept for the widgets and tests: the name -> last run succeeded?
STALE: dict[str, bool] = {}
#: the answer names whose last clean run read a widget's ``.answer``
FROM_WIDGET: set[str] = set()
_MISSING = object()
_STATE = {"installed": False, "cell": ""}


def answer_names(cell: str) -> list[str]:
    """The ``answer_...`` names a cell assigns at the start of a line."""
    return _ASSIGNS.findall(cell)


def _fix_line(line: str) -> str:
    """Straighten curly quotes used as delimiters on one line (text inside straight ones stays)."""
    if '"' not in line:
        line = line.replace("“", '"').replace("”", '"')
    if "'" not in line:
        line = line.replace("‘", "'")
        line = re.sub(r"’(?=\s*(?:[,\]\)\}:#]|$))", "'", line)
    return line


def fix_quotes(lines: list[str]) -> list[str]:
    """An IPython input transformer: straight quote marks in answer cells; hint if unreadable."""
    cell = "".join(lines)
    names = answer_names(cell)
    if not names:
        return lines
    fixed = [_fix_line(line) for line in lines]
    try:
        ast.parse("".join(fixed))
    except SyntaxError as err:
        hint = _syntax_hint(err)
        return [
            f"__import__('medialit.assessment.cells').assessment.cells._failed({names!r}, "
            f"{hint!r})\n"
        ]
    return fixed


def _syntax_hint(err: SyntaxError) -> str:
    """One plain line for a syntax error in an answer cell."""
    text = str(err.msg)
    if "never closed" in text or "unexpected EOF" in text or "was never closed" in text:
        return (
            "This answer cell has a bracket or a quote mark that is opened but never closed: "
            "close it, then run the cell again."
        )
    if "unterminated string" in text or "EOL" in text:
        return 'A quote mark is missing at the end of your text: close the text with ".'
    return (
        f"Python cannot read line {err.lineno} of this answer cell ({text}). Check the quote "
        "marks and brackets, then run it again."
    )


def _failed(names: list[str], hint: str) -> None:
    """Record answer names whose cell failed and print the one-line hint."""
    for name in names:
        STALE[name] = False
    _STATE["failed_now"] = True
    print(f"✘ {hint}")


def _pre_run(info) -> None:
    """Remember the cell about to run."""
    _STATE["cell"] = getattr(info, "raw_cell", "") or ""
    _STATE["failed_now"] = False


def _post_run(result) -> None:
    """Record whether each answer name of the cell was set by a clean run."""
    ok = bool(getattr(result, "success", False)) and not _STATE.get("failed_now")
    cell = str(_STATE["cell"])
    for name in answer_names(cell):
        STALE[name] = ok
        last = re.findall(rf"^\s*{name}\s*=\s*(.+)$", cell, re.MULTILINE)[-1]
        reads_widget = re.fullmatch(r"\w+\.answer\s*(#.*)?", last.strip()) is not None
        (FROM_WIDGET.add if reads_widget else FROM_WIDGET.discard)(name)


def _name_error(shell, etype, value, tb, tb_offset=None):
    """One line for a NameError in an answer cell or for a missing answer; else the usual."""
    cell = _STATE["cell"]
    missing = getattr(value, "name", None) or ""
    if missing.startswith("answer_"):
        print(f"✘ {NOT_RUN.format(name=missing)}")
        return []
    if answer_names(cell) and re.fullmatch(rf"[a-z]+_{_QID}", missing):
        _failed(answer_names(cell), WIDGET_NOT_RUN.format(name=missing))
        return []
    if answer_names(cell):
        _failed(
            answer_names(cell),
            f"Python does not know the word ‘{missing}’. Text goes "
            'between quote marks, like "your words"; numbers are written as digits.',
        )
        return []
    return shell.showtraceback((etype, value, tb), tb_offset=tb_offset)


def install(shell=None) -> bool:
    """Register the extension in the running IPython kernel (once).

    Args:
        shell: an InteractiveShell; by default the running one, if any.

    Returns:
        True when it is (now) installed, False outside IPython.
    """
    if _STATE["installed"]:
        return True
    if shell is None:
        if "IPython" not in sys.modules:
            return False
        shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return False
    shell.input_transformers_cleanup.append(fix_quotes)
    shell.events.register("pre_run_cell", _pre_run)
    shell.events.register("post_run_cell", _post_run)
    shell.set_custom_exc((NameError,), _name_error)
    _STATE["installed"] = True
    return True


def _user_value(name: str):
    """The value of ``name`` in the notebook's namespace, or _MISSING."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is None:
        return _MISSING
    return shell.user_ns.get(name, _MISSING)


def check(question_id: str, answer=_MISSING, source: str = "cell") -> Feedback:
    """``medialit.assessment.check`` that knows the notebook's answer cells.

    Args:
        question_id: e.g. ``"ex03_1"``.
        answer: the answer; when left out, ``answer_<question_id>`` of the notebook.
        source: "cell" or "widget" (see ``medialit.assessment.check``).

    Returns:
        The Feedback; "not answered" with a one-line reason when the answer cell
        failed at its last run or was not run.
    """
    install()
    name = f"answer_{str(question_id).strip()}"
    if source == "cell" and STALE.get(name) is False:
        return _not_run(question_id, FAILED)
    if answer is _MISSING:
        answer = _user_value(name)
        if answer is _MISSING:
            return _not_run(question_id, NOT_RUN.format(name=name))
        if name in FROM_WIDGET:
            source = "widget"
    return _check(question_id, answer, source=source)


def _not_run(question_id: str, message: str) -> Feedback:
    """A "not answered yet" Feedback with a message (the id must exist)."""
    feedback = _check(question_id, ...)
    feedback.message = message
    return feedback


install()
