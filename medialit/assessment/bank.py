"""The question bank: compiled questions by id, and checking an answer against one.

A bank is built from ``data/questions/*.toml`` when that folder exists (the
instructor's copy), else read from ``data/questions.public.json`` (the
student bundle). Both run the same code: ``medialit.assessment.keys`` hashes
the answers, ``medialit.assessment.scorers`` scores them. A missing or empty
bank is an error (``BankError``), never an empty bank.

Compiling the TOML files takes about a tenth of a second, which every lesson
would pay on its first widget. So the checkout also stores the compiled bank
in ``data/questions.public.json`` (``python -m medialit make-bank`` writes it)
with ``source``: the SHA-256 of what it was compiled from (the question files,
the article and the compiling code, ``source_digest``). When the TOML files are
there, the stored bank is used only while that digest matches; after any edit
the bank is compiled from the TOML files again, so a stale file can cost time,
never a wrong key.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
from pathlib import Path

from medialit import tokens
from medialit.article import load_article
from medialit.assessment import keys
from medialit.assessment.coerce import AnswerProblem, is_empty
from medialit.assessment.feedback import NOT_ANSWERED, NOT_ANSWERED_WIDGET, RECORDED, Feedback
from medialit.assessment.scorers import SCORERS
from medialit.data import DataError
from medialit.paths import data_dir

__all__ = [
    "Bank",
    "BankError",
    "PUBLIC_FILE",
    "load_bank",
    "source_digest",
    "bank_json",
    "compiled_text",
    "write_compiled",
]

#: the compiled bank in a data folder: stored in the checkout, the only bank of a bundle
PUBLIC_FILE = "questions.public.json"


class BankError(DataError):
    """The question bank is missing, empty or cannot be read."""


class Bank:
    """A compiled question bank and the checking logic over it.

    Args:
        compiled: ``{"questions": [...]}`` as made by ``keys.compile_bank``.
        article_text: ``Article.text`` (loaded on first use when None).
        folder: the data folder the bank came from (for its article).
    """

    def __init__(self, compiled: dict, article_text: str | None = None, folder: Path | None = None):
        """Index the compiled questions by id."""
        self.questions = {q["id"]: q for q in compiled.get("questions", [])}
        self._article_text = article_text
        self.folder = folder

    def get(self, question_id) -> dict:
        """Return the compiled question.

        Raises:
            KeyError: the id is unknown; the message names the nearest ids.
        """
        if isinstance(question_id, str) and question_id.strip() in self.questions:
            return self.questions[question_id.strip()]
        near = difflib.get_close_matches(str(question_id), list(self.questions), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else "."
        raise KeyError(f"There is no question {str(question_id)!r}{hint}")

    def public(self, question_id) -> dict:
        """The parts of a question a widget may show (no keys)."""
        q = self.get(question_id)
        fields = keys.PUBLIC_FIELDS + ("options", "concepts")
        return copy.deepcopy({k: q[k] for k in fields if k in q and k != "explanation"})

    def article_text(self) -> str:
        """``Article.text`` of the bank's article (for spans)."""
        if self._article_text is None:
            self._article_text = _article_text(self.folder)
        return self._article_text

    def check(self, question_id, answer, source: str = "cell") -> Feedback:
        """Check an answer (see ``medialit.assessment.scorers``); never raises for an answer.

        Args:
            question_id: the question's id.
            answer: the answer.
            source: "cell" (typed in an answer cell) or "widget": only the message for an
                empty answer differs.

        Raises:
            KeyError: unknown question id.
        """
        q = self.get(question_id)
        points = q.get("points", 1)
        hints = list(q.get("hints", []))
        if is_empty(answer):
            empty = NOT_ANSWERED_WIDGET if source == "widget" else NOT_ANSWERED
            return Feedback(
                q["id"],
                False,
                0.0,
                points,
                empty,
                hints=hints,
                answered=False,
                recorded=bool(q.get("assessed")),
            )
        if q.get(
            "assessed"
        ):  # an assessed bundle holds no key for this question: record, never judge
            return Feedback(q["id"], False, 0.0, points, RECORDED, recorded=True)
        try:
            score, message, details, parts = SCORERS[q["type"]](q, answer, self.article_text)
        except AnswerProblem as problem:
            return Feedback(q["id"], False, 0.0, points, str(problem), hints=hints)
        except Exception as err:  # last guard: a student never sees a traceback
            message = (
                f"This answer could not be checked ({type(err).__name__}). "
                "Check its form and try again."
            )
            return Feedback(q["id"], False, 0.0, points, message, hints=hints)
        score = min(1.0, max(0.0, round(float(score), 9)))
        correct = score >= 1.0
        if correct:
            message = message or "Well done."
        return Feedback(q["id"], correct, score, points, message, details, hints, True, parts)


def _article_text(folder: Path | None) -> str:
    """``Article.text`` of the article in ``folder`` (or the course article)."""
    path = Path(folder) / "article.json" if folder else None
    return load_article(path if path and path.exists() else None).text


def _signature(folder: Path) -> tuple:
    """What identifies a bank on disk: the files and their change times."""
    questions = folder / "questions"
    files = sorted(questions.glob("*.toml")) if questions.is_dir() else []
    files = files or [folder / PUBLIC_FILE]
    return tuple((str(p), p.stat().st_mtime_ns if p.exists() else 0) for p in files)


_BANKS: dict[str, tuple[tuple, Bank]] = {}


def source_digest(folder: Path) -> str:
    """SHA-256 of what the bank of ``folder`` is compiled from.

    That is the question files, ``article.json`` (spans are keyed by its word
    offsets) and the code that compiles them (``keys`` and ``tokens``).
    """
    digest = hashlib.sha256()
    parts = sorted((folder / "questions").glob("*.toml")) + [folder / "article.json"]
    parts += [Path(keys.__file__), Path(tokens.__file__)]
    for path in parts:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def bank_json(compiled: dict) -> str:
    """A compiled bank as the JSON text of a ``questions.public.json`` file."""
    return json.dumps(compiled, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def compiled_text(folder: Path) -> str:
    """The compiled bank of ``folder``'s TOML files, as ``make-bank`` stores it (JSON text)."""
    compiled = keys.compile_bank(folder / "questions", _article_text(folder))
    compiled["source"] = source_digest(folder)
    return bank_json(compiled)


def write_compiled(folder: Path | None = None, check: bool = False) -> bool:
    """Store the compiled bank in ``folder/questions.public.json``; return whether it was stale.

    Args:
        folder: a data folder with ``questions/*.toml`` (default ``data_dir()``).
        check: only compare; write nothing.
    """
    folder = Path(folder) if folder else data_dir()
    target = folder / PUBLIC_FILE
    text = compiled_text(folder)
    stale = not target.exists() or target.read_text(encoding="utf-8") != text
    if stale and not check:
        target.write_text(text, encoding="utf-8")
    return stale


def _stored(folder: Path) -> dict | None:
    """The stored compiled bank when it was compiled from the files there now, else None."""
    try:
        stored = json.loads((folder / PUBLIC_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    fresh = isinstance(stored, dict) and stored.get("source") == source_digest(folder)
    return stored if fresh else None


def _compile(folder: Path, signature: tuple) -> dict:
    """Compile the TOML bank (or take its fresh stored copy), or read the public one.

    Raises:
        BankError: there is neither a TOML bank nor a readable public one.
    """
    if any(p.endswith(".toml") for p, _ in signature):
        stored = _stored(folder)
        return stored or keys.compile_bank(folder / "questions", _article_text(folder))
    public = folder / PUBLIC_FILE
    if not signature[0][1]:
        raise BankError(
            f"No question bank in {folder}: neither questions/*.toml nor {PUBLIC_FILE} "
            "is there. Set MEDIALIT_DATA to the course's data folder."
        )
    try:
        return json.loads(public.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise BankError(f"{PUBLIC_FILE} in {folder} cannot be read ({err}).") from None


def load_bank(folder: Path | None = None) -> Bank:
    """Load the compiled bank of a data folder (cached until its files change).

    Args:
        folder: a data folder; by default ``medialit.paths.data_dir()``.

    Returns:
        A Bank built from ``questions/*.toml`` when present, else from ``questions.public.json``.

    Raises:
        BankError: there is no bank, it cannot be read, or it holds no question.
    """
    folder = Path(folder) if folder else data_dir()
    signature = _signature(folder)
    cached = _BANKS.get(str(folder))
    if cached and cached[0] == signature:
        return cached[1]
    bank = Bank(_compile(folder, signature), folder=folder)
    if not bank.questions:
        raise BankError(f"The question bank in {folder} holds no question.")
    _BANKS[str(folder)] = (signature, bank)
    return bank
