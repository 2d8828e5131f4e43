"""Checking answers: ``check(question_id, answer) -> Feedback``.

``check`` always works from the compiled, hashed bank (``medialit.keys``):
built in memory from ``data/questions/*.toml`` when that folder exists (the
instructor's copy), else read from ``data/questions.public.json`` (the
student bundle). Both paths run the same code.

Scoring (``Feedback.score``, 0 to 1):

- ``single``: 1 or 0;
- ``multiple`` and ``set``: right picks minus wrong picks, divided by the
  number of right ones (never below 0), so ticking everything earns nothing;
- ``labels``: the share of items with the right label;
- ``spans``: compared word by word; the F1 score (harmonic mean of word
  precision and word recall) of the marked words;
- ``text``: concept groups found divided by ``min_concepts`` (at most 1); a
  keyword counts when it is a word or phrase of the answer or the start of a
  word ("negotiat" counts for "negotiations");
- ``number``: 1 within the tolerance, else 0.

``check`` never raises for an answer: ``...`` and ``None`` mean "Not answered
yet", a wrong type or a misspelt label gets a kind message. An unknown
question id raises ``KeyError`` naming the nearest ids. With the environment
variable ``MEDIALIT_STRICT=1`` (used when grading), an answer that is not fully
right raises ``AssertionError`` with the feedback, so its check cell fails.
"""
from __future__ import annotations

import copy
import difflib
import html
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from medialit import keys

__all__ = [
    "Feedback",
    "Bank",
    "load_bank",
    "check",
    "questions",
    "question",
    "explain",
    "benchmark_answers",
]

NOT_ANSWERED = "Not answered yet: replace the ... with your answer, run that cell, then run this one again."


@dataclass
class Feedback:
    """The result of checking one answer.

    Attributes:
        question_id: the question's id.
        correct: True only for a fully right answer.
        score: 0 to 1 (partial credit).
        points: the question's points.
        message: what to do next, in plain words.
        details: item or option id -> "right" / "not right yet" / a hint.
        hints: hints of the question (shown when the answer is not right).
        answered: False for ``...``, ``None`` and empty answers.
    """

    question_id: str
    correct: bool
    score: float
    points: float = 1
    message: str = ""
    details: dict = field(default_factory=dict)
    hints: list = field(default_factory=list)
    answered: bool = True
    parts: tuple = ()

    @property
    def status(self) -> str:
        """One of "Correct", "Partly right (a of b)", "Not yet", "Not answered yet"."""
        if self.correct:
            return "Correct"
        if not self.answered:
            return "Not answered yet"
        if self.score > 0:
            part = f" ({self.parts[0]} of {self.parts[1]})" if self.parts else ""
            return f"Partly right{part}"
        return "Not yet"

    @property
    def symbol(self) -> str:
        """A symbol that goes with the status word (never colour alone)."""
        if self.correct:
            return "✔"
        if not self.answered:
            return "…"
        return "◐" if self.score > 0 else "✘"

    def __str__(self) -> str:
        """Plain text: symbol and status, message, details, first hint."""
        earned, points = round(self.score * self.points, 2), self.points
        unit = "point" if points == 1 else "points"
        lines = [f"{self.symbol} {self.status} ({self.question_id}, {earned:g} of {points:g} {unit})"]
        if self.message:
            lines.append(self.message)
        lines += [f"  {key}: {text}" for key, text in self.details.items()]
        if self.hints and not self.correct:
            lines += [f"Hint: {hint}" for hint in self.hints[:1]]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        """Symbol and word in bold, the message, the details as a list."""
        esc = html.escape
        state = "correct" if self.correct else ("partly" if self.score > 0 else "not-yet")
        parts = [
            f'<div class="medialit-feedback medialit-feedback-{state}" role="status">',
            f"<strong>{esc(self.symbol)} {esc(self.status)}</strong> <small>({esc(self.question_id)})</small>",
        ]
        if self.message:
            parts.append(f"<p>{esc(self.message)}</p>")
        if self.details:
            items = "".join(f"<li><b>{esc(str(k))}</b>: {esc(str(v))}</li>" for k, v in self.details.items())
            parts.append(f"<ul>{items}</ul>")
        if self.hints and not self.correct:
            parts.append(f"<p><em>Hint:</em> {esc(self.hints[0])}</p>")
        parts.append("</div>")
        return "".join(parts)

    def to_dict(self) -> dict:
        """Return the feedback as plain data (for gradebooks and JSON)."""
        return {
            "question_id": self.question_id, "correct": self.correct, "score": self.score,
            "points": self.points, "status": self.status, "message": self.message,
            "details": dict(self.details),
        }


class _Problem(Exception):
    """An answer that cannot be scored; the message is for the student."""


def _near(word: str, choices) -> str:
    """Return the closest choice to a misspelt word, or "" when none is close."""
    lookup = {keys.normalise(c): str(c) for c in choices}
    close = difflib.get_close_matches(keys.normalise(word), list(lookup), n=1, cutoff=0.6)
    return lookup[close[0]] if close else ""


def _not_here(value, kind: str, choices) -> str:
    """A kind message for a value that is not one of the choices."""
    near = _near(str(value), choices)
    if near:
        return f"‘{value}’ is not {kind} here; did you mean ‘{near}’?"
    return f"‘{value}’ is not {kind} here; the choices are: {', '.join(str(c) for c in choices)}."


def _short(value, limit: int = 40) -> str:
    """A short, safe description of a student's value for a message."""
    try:
        text = repr(value)
    except Exception:
        text = f"a {type(value).__name__}"
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_empty(answer) -> bool:
    """Tell whether the student has not answered (``...``, None, blank, empty)."""
    if answer is ... or answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return len(answer) == 0
    return False


class Bank:
    """A compiled question bank and the checking logic over it.

    Args:
        compiled: ``{"questions": [...]}`` as made by ``keys.compile_bank``.
        article_text: ``Article.text`` (loaded on first use when None).
    """

    def __init__(self, compiled: dict, article_text: str | None = None):
        """Index the compiled questions by id."""
        self.questions = {q["id"]: q for q in compiled.get("questions", [])}
        self._article_text = article_text
        self.folder = None

    # ---------------------------------------------------------------- lookup
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
            from medialit.article import load_article

            path = self.folder / "article.json" if self.folder else None
            self._article_text = load_article(path if path and path.exists() else None).text
        return self._article_text

    # ---------------------------------------------------------------- check
    def check(self, question_id, answer) -> Feedback:
        """Check an answer (see the module docstring); never raises for an answer.

        Raises:
            KeyError: unknown question id.
        """
        q = self.get(question_id)
        points = q.get("points", 1)
        hints = list(q.get("hints", []))
        if _is_empty(answer):
            return Feedback(q["id"], False, 0.0, points, NOT_ANSWERED, hints=hints, answered=False)
        try:
            score, message, details, parts = getattr(self, f"_check_{q['type']}")(q, answer)
        except _Problem as problem:
            return Feedback(q["id"], False, 0.0, points, str(problem), hints=hints)
        except Exception as err:  # last guard: a student never sees a traceback
            message = f"This answer could not be checked ({type(err).__name__}). Check its form and try again."
            return Feedback(q["id"], False, 0.0, points, message, hints=hints)
        score = min(1.0, max(0.0, round(float(score), 9)))
        correct = score >= 1.0
        if correct:
            message = message or "Well done."
        return Feedback(q["id"], correct, score, points, message, details, hints, True, parts)

    def _h(self, q: dict, value) -> str:
        """Hash one element with the question's salt."""
        return keys.hash_element(q["salt"], value)

    def _mistake(self, q: dict, elements: list[str]) -> str:
        """Feedback for a known mistake (the whole answer), else ""."""
        return q.get("mistakes", {}).get(keys.mistake_hash(q["salt"], elements), "")

    def _option_id(self, q: dict, value) -> str:
        """Match a student's value to an option id (id or option text, any case)."""
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise _Problem(f"Give an option as text, like \"{q['options'][0]['id']}\"; {_short(value)} is not an option.")
        norm = keys.normalise(value)
        for option in q["options"]:
            if norm in (keys.normalise(option["id"]), keys.normalise(option.get("text", ""))):
                return keys.normalise(option["id"])
        raise _Problem(_not_here(value, "an option", [o["id"] for o in q["options"]]))

    def _check_single(self, q, answer):
        """One option id (or its text); feedback for the option chosen."""
        if isinstance(answer, (list, tuple, set, frozenset)) and len(answer) == 1:
            answer = next(iter(answer))
        elif isinstance(answer, (list, tuple, set, frozenset, dict)):
            raise _Problem("Pick one option only, e.g. \"b\".")
        chosen = self._option_id(q, answer)
        key = self._h(q, chosen)
        right = key in q["key"]
        note = q["feedback"].get(key, "") or self._mistake(q, [chosen])
        if right:
            return 1.0, note, {}, ()
        return 0.0, note or "That option is not the right one yet. Read the hint and try again.", {chosen: "not right yet"}, ()

    def _elements(self, answer) -> list:
        """A list of elements from a list, set, tuple or comma-separated text."""
        if isinstance(answer, str):
            return [part for part in re.split(r"[,;]", answer) if part.strip()]
        if isinstance(answer, dict):
            raise _Problem("Give a list of ids, like [\"a\", \"c\"], not a dictionary.")
        if not isinstance(answer, (list, tuple, set, frozenset)):
            raise _Problem(f"Give a list of ids, like [\"a\", \"c\"]; {_short(answer)} is not a list.")
        for element in answer:
            if not isinstance(element, (str, int)) or isinstance(element, bool):
                raise _Problem(f"Each choice should be an id as text, like \"a\"; {_short(element)} is not.")
        return list(answer)

    def _check_multiple(self, q, answer):
        """Several option ids; right minus wrong picks."""
        chosen = sorted({self._option_id(q, e) for e in self._elements(answer)})
        return self._score_set(q, chosen)

    def _check_set(self, q, answer):
        """Several item ids (sentence or source ids); right minus wrong picks."""
        chosen = sorted({keys.normalise(e) for e in self._elements(answer)})
        items = q.get("items") or []
        known = {keys.normalise(i): i for i in items}
        for element in chosen:
            if known and element not in known:
                raise _Problem(_not_here(element, "a choice", items))
        return self._score_set(q, chosen, known)

    def _score_set(self, q, chosen, names=None):
        """Right minus wrong picks over the number of right ones; per-pick details.

        ``names`` maps a normalised id back to the question's spelling for the details.
        """
        details, right, wrong, notes = {}, 0, 0, []
        for element in chosen:
            key = self._h(q, element)
            name = (names or {}).get(element, element)
            if key in q["key"]:
                right += 1
                details[name] = "right"
            else:
                wrong += 1
                details[name] = "not right yet"
                if q["feedback"].get(key):
                    notes.append(f"{name}: {q['feedback'][key]}")
        size = q["size"]
        score = max(0, right - wrong) / size if size else 0.0
        message = self._mistake(q, chosen)
        if not message:
            missing = size - right
            message = f"You found {right} of {size}." + (f" {missing} more to find." if missing else "")
            if wrong:
                message += f" {wrong} of your choices {'is' if wrong == 1 else 'are'} not right yet."
            message = " ".join([message] + notes)
        return score, message, details, (right, size)

    def _check_labels(self, q, answer):
        """A dict item -> label; the share of items labelled right, a hint for each wrong one."""
        if not isinstance(answer, dict):
            raise _Problem("Give a dictionary of item -> label, like {\"P2.1\": \"direct\"}.")
        items = {keys.normalise(i): i for i in q.get("items", [])}
        labels = {keys.normalise(lab): lab for lab in q.get("labels", [])}
        chosen = {}
        for item, label in answer.items():
            norm_item = keys.normalise(item) if isinstance(item, (str, int)) else None
            if norm_item not in items:
                raise _Problem(_not_here(item, "an item", list(items.values())))
            if not isinstance(label, str) or keys.normalise(label) not in labels:
                if _is_empty(label):
                    continue
                raise _Problem(_not_here(label, "a label", list(labels.values())))
            chosen[norm_item] = keys.normalise(label)
        details, right = {}, 0
        for norm_item, item in items.items():
            if norm_item not in chosen:
                details[item] = "no label yet"
            elif self._h(q, f"{norm_item}={chosen[norm_item]}") in q["key"]:
                right += 1
                details[item] = "right"
            else:
                note = q["feedback"].get(self._h(q, norm_item), "")
                details[item] = f"not right yet. {note}" if note else "not right yet"
        size = len(items) or q["size"]
        elements = sorted(f"{k}={v}" for k, v in chosen.items())
        message = self._mistake(q, elements) or f"{right} of {size} labels are right."
        return right / size, message, details, (right, size)

    def _spans(self, answer) -> list[tuple[int, int]]:
        """Read [start, end] pairs (or dicts with start and end)."""
        if isinstance(answer, dict) or (isinstance(answer, (list, tuple)) and len(answer) == 2
                                        and all(isinstance(x, int) and not isinstance(x, bool) for x in answer)):
            answer = [answer]
        if not isinstance(answer, (list, tuple, set, frozenset)):
            raise _Problem("Give a list of [start, end] pairs of character offsets, like [[120, 131]].")
        pairs, limit = [], len(self.article_text())
        for span in answer:
            if isinstance(span, dict):
                span = (span.get("start"), span.get("end"))
            if not (isinstance(span, (list, tuple)) and len(span) == 2
                    and all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
                raise _Problem(f"Each span should be [start, end] with two whole numbers; {_short(span)} is not.")
            start, end = span
            if not 0 <= start < end <= limit:
                raise _Problem(f"The span {_short(list(span))} is outside the article (0 to {limit}) or empty.")
            pairs.append((start, end))
        return pairs

    def _check_spans(self, q, answer):
        """[start, end] spans compared word by word (F1 of the marked words)."""
        starts = [str(s) for s in keys.word_starts(self.article_text(), self._spans(answer))]
        hits = sum(self._h(q, s) in q["key"] for s in starts)
        size = q["size"]
        precision = hits / len(starts) if starts else 0.0
        recall = hits / size if size else 0.0
        score = 2 * precision * recall / (precision + recall) if hits else 0.0
        extra = len(starts) - hits
        message = self._mistake(q, starts) or (
            f"{hits} of the {size} words to mark are marked."
            + (f" {extra} marked word{'s are' if extra != 1 else ' is'} not part of the answer." if extra else "")
        )
        if hits == size and extra == 0:
            score = 1.0
        return score, message, {}, (hits, size)

    def _check_text(self, q, answer):
        """Free text scored by concept groups (found / min_concepts)."""
        if not isinstance(answer, str):
            raise _Problem(f"Write your answer as text between quote marks; {_short(answer)} is not text.")
        found = self._text_hashes(q, answer)
        details, hits = {}, 0
        concepts = q.get("concepts") or [f"idea {n}" for n in range(1, len(q["rubric"]) + 1)]
        for concept, group in zip(concepts, q["rubric"]):
            ok = bool(found & set(group["hashes"]))
            hits += ok
            details[concept] = "found" if ok else "not found yet"
        need = q.get("min_concepts") or len(q["rubric"])
        message = f"Your answer covers {hits} of the {len(q['rubric'])} ideas; {need} are needed."
        return min(1.0, hits / need) if need else 1.0, message, details, (min(hits, need), need)

    def _text_hashes(self, q, text) -> set:
        """Hashes of the answer's words, phrases and word starts (3+ letters)."""
        words = re.findall(r"[\w'’-]+", keys.normalise(text))
        longest = max((g["longest"] for g in q["rubric"]), default=1)
        candidates = set()
        for size in range(1, longest + 1):
            for i in range(len(words) - size + 1):
                head, last = " ".join(words[i:i + size - 1]), words[i + size - 1]
                prefix = f"{head} " if head else ""
                candidates.update(prefix + last[:n] for n in range(min(3, len(last)), len(last) + 1))
        return {self._h(q, c) for c in candidates}

    def _check_number(self, q, answer):
        """A number within the tolerance (hashed grid of accepted values)."""
        value = answer
        if isinstance(answer, str):
            try:
                value = float(answer.strip().replace(",", "."))
            except ValueError:
                raise _Problem(f"Give a number, like 9; ‘{answer}’ is not a number.") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Problem(f"Give a number, like 9; {_short(answer)} is not a number.")
        if not math.isfinite(value):
            raise _Problem("Give an ordinary number, not infinity or NaN.")
        decimals, step = q["decimals"], 10 ** -q["decimals"]
        low = keys.number_grid(math.floor(value / step + 1e-9) * step, decimals)
        high = keys.number_grid(math.ceil(value / step - 1e-9) * step, decimals)
        right = self._h(q, low) in q["key"] and self._h(q, high) in q["key"]
        mistake = self._mistake(q, [keys.number_grid(value, decimals)])
        return (1.0 if right else 0.0), (mistake or ("" if right else "Not this number. Count again.")), {}, ()


def _signature(folder: Path) -> tuple:
    """What identifies a bank on disk: the files and their change times."""
    files = sorted((folder / "questions").glob("*.toml")) if (folder / "questions").is_dir() else []
    files = files or [folder / "questions.public.json"]
    return tuple((str(p), p.stat().st_mtime_ns if p.exists() else 0) for p in files)


_BANKS: dict[str, tuple[tuple, Bank]] = {}


def load_bank(folder: Path | None = None) -> Bank:
    """Load the compiled bank of a data folder (cached until its files change).

    Args:
        folder: a data folder; by default ``medialit.data.data_dir()``.

    Returns:
        A Bank built from ``questions/*.toml`` when present, else from
        ``questions.public.json`` (an empty bank when neither exists).
    """
    from medialit.data import data_dir

    folder = Path(folder) if folder else data_dir()
    signature = _signature(folder)
    cached = _BANKS.get(str(folder))
    if cached and cached[0] == signature:
        return cached[1]
    if any(p.endswith(".toml") for p, _ in signature):
        compiled = keys.compile_bank(folder / "questions")
    elif signature[0][1]:
        compiled = json.loads((folder / "questions.public.json").read_text(encoding="utf-8"))
    else:
        compiled = {"questions": []}
    bank = Bank(compiled)
    bank.folder = folder
    _BANKS[str(folder)] = (signature, bank)
    return bank


def check(question_id: str, answer) -> Feedback:
    """Check an answer against the course's question bank.

    Args:
        question_id: e.g. ``"ex03_1"``.
        answer: the answer (forms in docs/architecture.md, "Answers").

    Returns:
        A Feedback (shown as HTML in a notebook).

    Raises:
        KeyError: the question id is unknown (the message names near ids).
        AssertionError: only when ``MEDIALIT_STRICT=1`` and the answer is not fully right.
    """
    feedback = load_bank().check(question_id, answer)
    if os.environ.get("MEDIALIT_STRICT") == "1" and not feedback.correct:
        raise AssertionError(str(feedback))
    return feedback


def questions() -> list[dict]:
    """Return every question as ``{"id", "type", "points", "objective"}``, in bank order."""
    return [
        {"id": q["id"], "type": q["type"], "points": q.get("points", 1), "objective": q.get("objective")}
        for q in load_bank().questions.values()
    ]


def question(question_id: str) -> dict:
    """Return the public parts of one question (prompt, options, items, labels, hints...).

    Raises:
        KeyError: the question id is unknown.
    """
    return load_bank().public(question_id)


def explain(question_id: str) -> str:
    """Return the explanation of a question (shown on request).

    Raises:
        KeyError: the question id is unknown.
    """
    return load_bank().get(question_id).get("explanation", "There is no explanation for this question yet.")


def benchmark_answers(folder: Path | None = None) -> list[tuple[str, object]]:
    """Return (question id, right answer) pairs from the TOML bank (instructors only).

    Args:
        folder: the data folder (default ``data_dir()``).

    Returns:
        One pair per question; text questions get their model answer.
    """
    from medialit.data import data_dir

    found, _salt = keys.read_question_files(Path(folder or data_dir()) / "questions")
    pairs = []
    for q in found:
        if q["type"] == "text":
            answer = q.get("model_answer") or " ".join(g["any"][0] for g in q.get("rubric", []))
        elif q["type"] == "spans":
            answer = [[s["start"], s["end"]] for s in q["answer"]]
        else:
            answer = q["answer"]
        pairs.append((q["id"], answer))
    return pairs
