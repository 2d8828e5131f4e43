"""Saved answers: one JSON file per notebook, written atomically.

Where: the folder named by the environment variable ``MEDIALIT_ANSWERS``,
else ``answers/`` in the current working folder. Which file: the question id
names it, ``lNN_K`` -> ``lesson-NN.json`` and ``exNN_K`` -> ``exercise-NN.json``
(any other id -> ``answers.json``). The file holds ``{question_id: answer}``.

Rules:
- every change is written at once, atomically (a temporary file in the same
  folder, then ``os.replace``), so a crash never leaves half a file;
- an empty answer (``...``, ``None``, ``""``, ``[]``, ``{}``) is never
  written, so a fresh widget cannot overwrite a saved answer;
- a file that is not JSON, or not a JSON object, is renamed to
  ``<name>.corrupt.json`` and the widget starts fresh with a kind notice;
- each check of an answer is counted under ``"_attempts"`` (question id ->
  count) in the same file (``AnswerStore.count_attempt``); the grader reports it;
- "I give up" is recorded under ``"_gave_up"`` (a sorted list of question ids,
  ``AnswerStore.record_give_up``), so the explanation stays open after a restart.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

__all__ = [
    "ATTEMPTS_KEY",
    "GAVE_UP_KEY",
    "AnswerStore",
    "answers_folder",
    "answers_file_name",
    "is_empty",
]

#: the key of an answers file that holds the check attempts (never a question id)
ATTEMPTS_KEY = "_attempts"
#: the key of an answers file that lists the questions given up ("I give up")
GAVE_UP_KEY = "_gave_up"

_LESSON = re.compile(r"^l(\d+)_\w+$")
_EXERCISE = re.compile(r"^ex(\d+)_\w+$")


def answers_folder() -> Path:
    """Return the answers folder: ``$MEDIALIT_ANSWERS`` or ``answers/`` here.

    Returns:
        The folder as a Path (it may not exist yet).
    """
    override = os.environ.get("MEDIALIT_ANSWERS")
    return Path(override) if override else Path.cwd() / "answers"


def answers_file_name(question_id: str) -> str:
    """Return the file name that holds a question's saved answer.

    Args:
        question_id: e.g. ``"ex03_1"`` or ``"l02_3"``.

    Returns:
        ``"exercise-03.json"``, ``"lesson-02.json"`` or ``"answers.json"``.
    """
    text = str(question_id)
    for pattern, stem in ((_EXERCISE, "exercise"), (_LESSON, "lesson")):
        match = pattern.match(text)
        if match:
            return f"{stem}-{int(match.group(1)):02d}.json"
    return "answers.json"


def is_empty(answer) -> bool:
    """Tell whether an answer is empty (nothing chosen, nothing typed).

    Args:
        answer: any answer object.

    Returns:
        True for ``...``, ``None``, blank strings and empty collections.
    """
    if answer is ... or answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, dict, frozenset)):
        return len(answer) == 0
    return False


class AnswerStore:
    """Read and write one question's saved answer.

    Args:
        question_id: the question whose answer this store keeps.
        folder: the answers folder; by default ``answers_folder()``.

    Attributes:
        notice: a kind message for the student when the file could not be
            read (empty when all is well).
    """

    def __init__(self, question_id: str, folder=None):
        self.question_id = str(question_id)
        self.folder = Path(folder) if folder is not None else answers_folder()
        self.path = self.folder / answers_file_name(self.question_id)
        self.notice = ""

    def _read_all(self) -> dict:
        """Read the whole file; move a corrupt one aside and return {}."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError:
            self.notice = "Your saved answers could not be opened, so this starts fresh."
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return data
        self._set_aside()
        return {}

    def _set_aside(self) -> None:
        """Rename a corrupt file to ``<stem>.corrupt.json`` and set the notice."""
        stem = self.path.stem
        target = self.path.with_name(f"{stem}.corrupt.json")
        number = 2
        while target.exists():
            target = self.path.with_name(f"{stem}.corrupt-{number}.json")
            number += 1
        try:
            os.replace(self.path, target)
            kept = f"the old file was kept as {target.name}"
        except OSError:
            kept = f"the old file {self.path.name} was left as it is"
        self.notice = f"Your saved answers could not be read, so this starts fresh; {kept}."

    def load(self, default=None):
        """Return the saved answer for this question, or ``default``.

        Args:
            default: what to return when nothing is saved.
        """
        return self._read_all().get(self.question_id, default)

    def save(self, answer) -> bool:
        """Save the answer (atomically) unless it is empty.

        Args:
            answer: a JSON-compatible answer (sets are saved as sorted lists).

        Returns:
            True when the file was written, False for an empty answer or an
            answer that cannot be saved (then ``notice`` says so).
        """
        if is_empty(answer):
            return False
        if isinstance(answer, (set, frozenset)):
            answer = sorted(answer)
        data = self._read_all()
        data[self.question_id] = answer
        try:
            self._write(data)
        except (OSError, TypeError, ValueError):
            self.notice = (
                "Your answer could not be saved to a file; it still counts in this session."
            )
            return False
        return True

    def count_attempt(self) -> int:
        """Add one check attempt for this question to the file (atomically).

        Returns:
            The new count, or 0 when the file could not be written (never raises).
        """
        data = self._read_all()
        counts = data.get(ATTEMPTS_KEY)
        counts = dict(counts) if isinstance(counts, dict) else {}
        previous = counts.get(self.question_id)
        counts[self.question_id] = (
            previous if isinstance(previous, int) and previous >= 0 else 0
        ) + 1
        data[ATTEMPTS_KEY] = counts
        try:
            self._write(data)
        except (OSError, TypeError, ValueError):
            return 0
        return counts[self.question_id]

    def record_give_up(self) -> bool:
        """Record "I give up" for this question in the file (atomically; never raises).

        Returns:
            True when the file was written.
        """
        data = self._read_all()
        given = data.get(GAVE_UP_KEY)
        given = {q for q in given if isinstance(q, str)} if isinstance(given, list) else set()
        data[GAVE_UP_KEY] = sorted(given | {self.question_id})
        try:
            self._write(data)
        except (OSError, TypeError, ValueError):
            return False
        return True

    def tried(self) -> bool:
        """Whether the file records a check attempt or "I give up" for this question."""
        data = self._read_all()
        counts, given = data.get(ATTEMPTS_KEY), data.get(GAVE_UP_KEY)
        count = counts.get(self.question_id) if isinstance(counts, dict) else None
        return (isinstance(count, int) and count > 0) or (
            isinstance(given, list) and self.question_id in given
        )

    def _write(self, data: dict) -> None:
        """Write ``data`` to the file through a temporary file and os.replace."""
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        handle, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
