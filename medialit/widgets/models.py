"""Plain state objects behind the widgets (no ipywidgets here).

Each model holds what the student has chosen, turns it into the answer form
``medialit.check`` takes (see docs/architecture.md "Answers"), saves it
through an ``AnswerStore`` on every change and restores it when a new model
is made for the same question id. Models can be driven and tested without a
browser or a kernel; the views in ``medialit.widgets.views`` only mirror them.
An empty state is the answer ``...`` ("not answered yet") and is never saved.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import NamedTuple

from medialit.article import load_article
from medialit.assessment import check, explain, give_up, load_bank, question
from medialit.assessment.coerce import NOT_A_NUMBER, parse_number
from medialit.data import DataError
from medialit.paths import data_dir
from medialit.store import AnswerStore
from medialit.tokens import word_spans

__all__ = [
    "field",
    "load_question",
    "run_check",
    "feedback_details",
    "status_symbol",
    "QuestionModel",
    "LabelerModel",
    "SpanModel",
    "ChoiceModel",
    "RewriteNote",
    "RewriteModel",
    "word_diff",
]


def field(obj, name: str, default=None):
    """Read ``name`` from a dict or an object, with a default.

    Args:
        obj: a mapping or an object with attributes.
        name: the key or attribute.
        default: returned when missing or None.
    """
    value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    return default if value is None else value


def load_question(question_id: str):
    """Fetch the public parts of a question from the bank (``medialit.assessment``).

    Args:
        question_id: the question's id.

    Returns:
        (question, error): the question (dict or object) and "" when found;
        (None, a kind message) when the id is missing or the bank cannot load.
    """
    try:
        return question(question_id), ""
    except KeyError as err:
        return None, f"This question could not be found: {err.args[0] if err.args else question_id}"
    except Exception as err:  # any data problem: shown to the student, never a traceback
        return None, f"This question could not be loaded ({type(err).__name__}: {err})."


def run_check(question_id: str, answer):
    """Check an answer with ``medialit.check``.

    Args:
        question_id: the question's id.
        answer: the answer in check form.

    Returns:
        (feedback, error): the Feedback and "", or (None, a kind message).
        In strict grading mode (``MEDIALIT_STRICT=1``) AssertionError passes through.
    """
    try:
        return check(question_id, answer, source="widget"), ""
    except AssertionError:
        raise
    except Exception as err:
        return None, f"Your answer could not be checked ({type(err).__name__}: {err})."


_PREFIX = re.compile(r"^\s*([^:]{1,40}?)\s*:\s*(.+)$", re.S)


def _detail_pairs(details):
    """Yield (key, message) pairs from the shapes ``Feedback.details`` may take."""
    if isinstance(details, dict):
        yield from details.items()
        return
    for entry in details or ():
        if isinstance(entry, dict):
            key = next((entry[k] for k in ("item", "id", "option", "key") if k in entry), None)
            text = next(
                (entry[k] for k in ("message", "feedback", "text", "status") if k in entry), ""
            )
            yield key, text
        elif isinstance(entry, (tuple, list)) and len(entry) == 2:
            yield entry[0], entry[1]
        elif isinstance(entry, str):
            match = _PREFIX.match(entry)
            yield (match.group(1), match.group(2)) if match else (None, entry)


def _as_text(value) -> str:
    """Turn one detail value into words (booleans become right / not right yet)."""
    if value is True:
        return "right"
    if value is False:
        return "not right yet"
    return str(value)


def feedback_details(feedback, keys) -> dict[str, str]:
    """Map item or option ids to their feedback text.

    Args:
        feedback: a Feedback (its ``details`` may be a dict, a list of
            "ID: text" strings, (id, text) pairs or dicts).
        keys: the ids to look for (matched ignoring case and spaces).

    Returns:
        {id: text} for the ids that have a detail.
    """
    wanted = {str(k).strip().lower(): k for k in keys}
    found = {}
    for key, value in _detail_pairs(field(feedback, "details", ())):
        norm = str(key).strip().lower() if key is not None else None
        if norm in wanted:
            found[wanted[norm]] = _as_text(value)
    return found


def status_symbol(text: str) -> str:
    """Pick a symbol for a feedback text (the text itself carries the words).

    Args:
        text: a detail message such as "right" or "not right yet".

    Returns:
        "✔" for right, "✘" for not right, "○" for no answer yet, "•" otherwise.
    """
    low = text.strip().lower()
    if low.startswith(("no label", "not answered", "no answer")):
        return "○"
    if re.search(r"\b(not|wrong|missing|isn.t|no)\b", low):
        return "✘"
    if low.startswith(("right", "correct", "yes", "found", "✔")):
        return "✔"
    return "•"


class QuestionModel:
    """Common state of a question widget: the question, the store, the feedback.

    Args:
        question_id: the question's id.
        store: an AnswerStore; by default one for ``question_id``.

    Attributes:
        question: the public question (None when it could not load).
        error: a kind message when the question could not load, else "".
        notice: a message from the store (a corrupt file), else "".
        feedback: the last Feedback, or None.
        message: the last check's message (or why it could not run).
    """

    #: question types this model can show (empty: any)
    types: tuple = ()

    def __init__(self, question_id: str, store: AnswerStore | None = None):
        self.question_id = str(question_id)
        self.question, self.error = load_question(self.question_id)
        kind = self.get("type", "")
        if self.types and self.question is not None and kind not in self.types:
            self.error = (
                f"Question {self.question_id} is a ‘{kind}’ question; this widget shows "
                f"{' or '.join(self.types)} questions."
            )
            self.question = None
        self.store = store if store is not None else AnswerStore(self.question_id)
        self.feedback = None
        self.message = ""
        self.notice = ""

    def get(self, name: str, default=None):
        """Read a field of the question (None-safe)."""
        return field(self.question, name, default) if self.question is not None else default

    def restore(self) -> None:
        """Load the saved answer (if any) and apply it with ``apply``."""
        saved = self.store.load()
        self.notice = self.store.notice
        if saved is not None:
            try:
                self.apply(saved)
            except (TypeError, ValueError, KeyError):
                self.notice = (
                    "Your saved answer to this question did not fit it, so this starts fresh."
                )

    def apply(self, saved) -> None:
        """Set the state from a saved answer (overridden by each model)."""
        raise NotImplementedError

    @property
    def answer(self):
        """The answer in check form, or ``...`` when nothing is chosen."""
        raise NotImplementedError

    def changed(self) -> None:
        """Save the current answer (empty answers are never written)."""
        self.feedback = None
        if self.error:
            return
        self.store.save(self._saved_form())
        self.notice = self.store.notice

    def _saved_form(self):
        """Return the answer as saved to JSON (``...`` for empty)."""
        return self.answer

    def check(self):
        """Check the current answer; keep and return the Feedback (or None).

        Returns:
            The Feedback, or None when the checker could not run (``message`` says why).
        """
        if self.error:
            self.message = self.error
            return None
        self.feedback, problem = run_check(self.question_id, self.answer)
        self.message = problem or str(field(self.feedback, "message", ""))
        return self.feedback

    #: the last explanation fetched ("" before any)
    explanation = ""

    def explain(self) -> str:
        """Fetch the explanation (the "try first" line before an attempt); keep and return it.

        ``medialit.assessment.explain`` opens it after a check with an answer or "I give up".
        """
        try:
            self.explanation = str(explain(self.question_id) or "")
        except Exception as err:  # shown to the student, never a traceback
            self.explanation = f"No explanation is available ({type(err).__name__})."
        return self.explanation

    def give_up(self) -> str:
        """Record "I give up" and return the explanation, which it opens."""
        _record_give_up(self.question_id)
        return self.explain()


class LabelerModel(QuestionModel):
    """One label per sentence (questions of type ``labels``).

    Items that are not sentence ids of the article (e.g. "byline") are shown by name.

    Args:
        question_id: the question's id.
        article: the article whose sentences are shown (default: the course article).
        store: an AnswerStore.
    """

    types = ("labels",)

    def __init__(self, question_id: str, article=None, store: AnswerStore | None = None):
        super().__init__(question_id, store)
        self.items = [str(i) for i in self.get("items", [])]
        self.labels = [str(lab) for lab in self.get("labels", [])]
        self.texts = self._texts(article) if self.items else {}
        self.choices: dict[str, str] = {}
        self.restore()

    def _texts(self, article) -> dict[str, str]:
        """Return each item's sentence text ("" when the item is not a sentence id)."""
        article = load_article() if article is None else article
        by_id = {s.id: s.text for s in article.sentences}
        return {item: by_id.get(item, "") for item in self.items}

    def apply(self, saved) -> None:
        """Restore labels from a saved {item: label} dict (unknown ones dropped)."""
        if not isinstance(saved, dict):
            raise TypeError("saved labels must be a dict")
        self.choices = {k: v for k, v in saved.items() if k in self.items and v in self.labels}

    def set_label(self, item: str, label) -> None:
        """Label one item (``None`` removes its label) and save.

        Raises:
            KeyError: the item or the label is not part of the question.
        """
        if item not in self.items:
            raise KeyError(f"{item!r} is not one of this question's sentences")
        if label is None:
            self.choices.pop(item, None)
        elif label not in self.labels:
            raise KeyError(f"{label!r} is not one of the labels {self.labels}")
        else:
            self.choices[item] = label
        self.changed()

    @property
    def progress(self) -> str:
        """E.g. "7 of 14 labelled"."""
        return f"{len(self.choices)} of {len(self.items)} labelled"

    @property
    def answer(self):
        """{item: label} in question order, or ``...`` when nothing is labelled."""
        if not self.choices:
            return ...
        return {item: self.choices[item] for item in self.items if item in self.choices}

    def item_feedback(self) -> dict[str, str]:
        """Return each item's feedback text from the last check."""
        return feedback_details(self.feedback, self.items) if self.feedback is not None else {}


class SpanModel(QuestionModel):
    """Words marked in a passage (questions of type ``spans``).

    Args:
        question_id: the question's id; its ``passage`` is a sentence id or
            a paragraph label of ``article``.
        article: the article (default: the course article).
        store: an AnswerStore.
    """

    types = ("spans",)

    def __init__(self, question_id: str, article=None, store: AnswerStore | None = None):
        super().__init__(question_id, store)
        self.tokens: list[tuple[int, int, str]] = []
        self.selected: set[int] = set()
        self.passage = str(self.get("passage", ""))
        if self.question is not None:
            self._tokenise(article)
        self.restore()

    def _tokenise(self, article) -> None:
        """Find the passage and its word tokens (offsets in Article.text)."""
        article = load_article() if article is None else article
        span = next(((s.start, s.end) for s in article.sentences if s.id == self.passage), None)
        span = span or article.paragraph_spans.get(self.passage)
        if span is None:
            self.error = f"The passage {self.passage!r} of this question is not in the article."
            return
        start, end = span
        text = article.text
        self.tokens = [
            (start + a, start + b, text[start + a : start + b])
            for a, b in word_spans(text[start:end])
        ]

    def apply(self, saved) -> None:
        """Select the words inside saved [start, end] spans."""
        spans = [(int(pair[0]), int(pair[1])) for pair in saved]
        self.selected = {
            i for i, (a, b, _) in enumerate(self.tokens) if any(s <= a and b <= e for s, e in spans)
        }

    def toggle(self, index: int, value: bool | None = None) -> None:
        """Mark or unmark word ``index`` (flip it when ``value`` is None) and save."""
        if not 0 <= index < len(self.tokens):
            raise IndexError(f"there is no word number {index} in this passage")
        on = index not in self.selected if value is None else bool(value)
        (self.selected.add if on else self.selected.discard)(index)
        self.changed()

    def clear(self) -> None:
        """Unmark every word (the saved answer is kept until a new one is made)."""
        self.selected = set()
        self.feedback = None

    @property
    def answer(self):
        """[[start, end], ...] with adjacent marked words merged, or ``...``."""
        spans: list[list[int]] = []
        previous = None
        for index in sorted(self.selected):
            start, end, _ = self.tokens[index]
            if previous is not None and index == previous + 1:
                spans[-1][1] = end
            else:
                spans.append([start, end])
            previous = index
        return spans or ...


class ChoiceModel(QuestionModel):
    """Single or multiple choice (questions of type ``single``, ``multiple`` or ``set``).

    Args:
        question_id: the question's id.
        store: an AnswerStore.
    """

    types = ("single", "multiple", "set")

    def __init__(self, question_id: str, store: AnswerStore | None = None):
        super().__init__(question_id, store)
        self.kind = str(self.get("type", "single"))
        self.options = self._options()
        self.chosen: list[str] = []
        self.explanation = ""
        self.restore()

    def _options(self) -> list[tuple[str, str]]:
        """Return (id, text) for each option (a set question's items otherwise)."""
        options = self.get("options") or [{"id": i, "text": i} for i in self.get("items", [])]
        return [
            (str(field(o, "id", "")), str(field(o, "text", field(o, "id", "")))) for o in options
        ]

    @property
    def multiple(self) -> bool:
        """True when more than one option may be chosen."""
        return self.kind in ("multiple", "set")

    @property
    def option_ids(self) -> list[str]:
        """The option ids in question order."""
        return [oid for oid, _ in self.options]

    def apply(self, saved) -> None:
        """Restore the choice from a saved id or list of ids."""
        ids = [saved] if isinstance(saved, str) else list(saved)
        self.chosen = [oid for oid in self.option_ids if oid in ids][: None if self.multiple else 1]

    def choose(self, ids) -> None:
        """Set the chosen option(s) and save.

        Args:
            ids: an option id, a list of ids, or None for no choice.

        Raises:
            KeyError: an id is not an option of this question.
        """
        ids = [] if ids is None else [ids] if isinstance(ids, str) else list(ids)
        unknown = [i for i in ids if i not in self.option_ids]
        if unknown:
            raise KeyError(f"{unknown[0]!r} is not an option here")
        self.chosen = [oid for oid in self.option_ids if oid in ids]
        self.changed()

    @property
    def answer(self):
        """An option id (single) or a list of ids (multiple); ``...`` when none."""
        if not self.chosen:
            return ...
        return list(self.chosen) if self.multiple else self.chosen[0]

    def option_feedback(self) -> dict[str, str]:
        """Return each option's feedback text from the last check."""
        return feedback_details(self.feedback, self.option_ids) if self.feedback is not None else {}


def word_diff(original: str, rewrite: str) -> list[tuple[str, str]]:
    """Compare two texts word by word.

    Args:
        original: the text before.
        rewrite: the text after.

    Returns:
        (kind, words) pairs in order, kind one of "same", "deleted", "inserted".
    """
    before, after = str(original).split(), str(rewrite).split()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    parts = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("deleted", " ".join(before[a1:a2])))
        if b2 > b1:
            parts.append(("inserted", " ".join(after[b1:b2])))
    return parts


class RewriteNote(NamedTuple):
    """One framing device in the rewrite lab's notes.

    Attributes:
        text: the device's words.
        category: its category (``medialit.analysis.framing.CATEGORIES``).
        technique: what it does, in a few words.
        status: "still there" or "gone" (a device the course marks in the original sentence),
            "added" (found by the toolkit in the rewrite, not in the original) or "found"
            (a device the toolkit finds in a text that is not a sentence of the course article).
        explanation: why it matters.
        alternative: a plainer wording, when there is one.
    """

    text: str
    category: str
    technique: str
    status: str
    explanation: str = ""
    alternative: str | None = None


def _course_sentences() -> dict[str, tuple[str, tuple]]:
    """Each course sentence's id -> (text, its gold framing devices); {} without the article."""
    return _sentences_in(str(data_dir()))


@cache
def _sentences_in(folder: str) -> dict[str, tuple[str, tuple]]:
    """``_course_sentences`` for one data folder (cached per folder)."""
    from medialit.analysis import analyse  # the analysis loads with the first rewrite

    try:
        article = load_article()
    except DataError:
        return {}
    framing = analyse(article).framing
    return {
        s.id: (
            s.text,
            tuple(
                sorted((d for d in framing if s.start <= d.start < s.end), key=lambda d: d.start)
            ),
        )
        for s in article.sentences
    }


@cache
def _device_keys(text: str) -> frozenset[tuple[str, str]]:
    """(category, folded text) of each device the toolkit finds in ``text`` (cached)."""
    from medialit.analysis import framing_devices

    return frozenset((d.category, d.text.casefold()) for d in framing_devices(text))


class RewriteModel:
    """A rewrite of a sentence or headline, analysed on every change.

    For a sentence of the course article (its id, such as "P7.1", or its exact text) the notes
    list the devices the course marks in it (gold annotations), each still there or gone by
    the rule ``check()`` uses for rewrite tasks (``medialit.assessment.meaning.devices_left``),
    plus devices the toolkit finds in the rewrite that the original did not have. For any other
    text they list what the toolkit (``framing_devices``) finds in the rewrite.

    Args:
        original: the text to rewrite, or a sentence id of the course article ("H", "P7.1").
        question_id: a ``text`` question to check the rewrite against (optional).
        store: an AnswerStore (only used with a question id).
    """

    def __init__(
        self, original: str, question_id: str | None = None, store: AnswerStore | None = None
    ):
        self.original = self._resolve(original)
        self.sentence_id = self._sentence_id(self.original)
        self.question_id = str(question_id) if question_id else None
        self.store = (
            store
            if store is not None
            else (AnswerStore(self.question_id) if self.question_id else None)
        )
        self.text = self.original
        self.feedback = None
        self.message = ""
        self.notice = ""
        self.error = (
            "" if isinstance(original, str) else "RewriteLab needs the original text as a string."
        )
        if self.store is not None:
            saved = self.store.load()
            self.notice = self.store.notice
            if isinstance(saved, str) and saved.strip():
                self.text = saved
        self._original_attribution = self._attribution(self.original)

    @staticmethod
    def _resolve(original) -> str:
        """Return the text of a sentence id of the course article, or ``original`` itself."""
        if not isinstance(original, str):
            return ""
        if re.fullmatch(r"H|S|P\d+\.\d+", original.strip()):
            found = _course_sentences().get(original.strip())
            return found[0] if found else original
        return original

    @staticmethod
    def _sentence_id(text: str) -> str | None:
        """The id of the course sentence whose text ``text`` is (spaces at the ends aside)."""
        wanted = text.strip()
        if not wanted:
            return None
        return next((sid for sid, (t, _) in _course_sentences().items() if t == wanted), None)

    @staticmethod
    def _attribution(text: str):
        """Return (cue words, problem): the attribution cues in ``text``."""
        from medialit.analysis import attributions

        cues = [a.cue for a in attributions(text) if a.cue]
        if re.search(r"\baccording to\b", text, re.I) and "according to" not in [
            c.lower() for c in cues
        ]:
            cues.append("according to")
        return cues, ""

    def set_text(self, text: str) -> None:
        """Take a new rewrite and save it (when there is a question id)."""
        self.text = text if isinstance(text, str) else ""
        self.feedback = None
        if self.store is not None and self.answer is not ...:
            self.store.save(self.text)
            self.notice = self.store.notice

    def loaded_terms(self) -> tuple[list[RewriteNote], str]:
        """Return (notes, problem): the framing devices of the rewrite (see the class doc)."""
        from medialit.analysis import framing_devices
        from medialit.assessment.meaning import Passage, devices_left

        found = framing_devices(self.text)
        if self.sentence_id is None:
            return [self._note(d, "found") for d in found], ""
        sentence, gold = _course_sentences()[self.sentence_id]
        left = set(
            devices_left(self.text, Passage(sentence, tuple((d.text, d.category) for d in gold)))
        )
        notes = [self._note(d, "still there" if d.text in left else "gone") for d in gold]
        before = _device_keys(sentence) | {(d.category, d.text.casefold()) for d in gold}
        notes += [
            self._note(d, "added") for d in found if (d.category, d.text.casefold()) not in before
        ]
        return notes, ""

    @staticmethod
    def _note(device, status: str) -> RewriteNote:
        """A RewriteNote from a gold Device or a toolkit FramingDevice."""
        return RewriteNote(
            device.text,
            device.category,
            device.technique,
            status,
            device.explanation or "",
            device.alternative,
        )

    def missing_attribution(self) -> str:
        """Return a warning when the original named a source and the rewrite does not."""
        before, problem = self._original_attribution
        if problem:
            return problem
        after, _ = self._attribution(self.text)
        if before and not after:
            cues = ", ".join(f"“{c}”" for c in before)
            return f"The original says who is speaking (cue: {cues}); your version no longer does."
        return ""

    def diff(self) -> list[tuple[str, str]]:
        """Word-level differences from the original (see ``word_diff``)."""
        return word_diff(self.original, self.text)

    @property
    def answer(self):
        """The rewrite, or ``...`` when it is blank or still the original."""
        text = self.text.strip()
        return self.text if text and text != self.original.strip() else ...

    def check(self):
        """Check the rewrite against the question (None without a question id)."""
        if not self.question_id:
            self.message = (
                "This rewrite has no question to check against; compare it with the notes above."
            )
            return None
        if self.text.strip() and self.answer is ...:
            self.feedback, self.message = None, UNCHANGED
            return None
        self.feedback, problem = _widget_check(self.question_id, self.answer)
        self.message = problem or str(field(self.feedback, "message", ""))
        return self.feedback


# --- Models for the answer widgets of medialit.widgets.answers (text, number, items) --------

#: what a text widget says when a rewrite is still the passage it started with
UNCHANGED = (
    "This is still the original passage, word for word: it is not an answer yet. "
    "Change the words in the box to write your own version, then press Check."
)


#: what a number widget says when its text is not a number (no example number: none gives
#: an answer away)
def _widget_check(question_id: str, answer):
    """``run_check`` for an answer given in a widget (``source="widget"``).

    Returns:
        (feedback, error) as ``run_check`` does.
    """
    try:
        return check(question_id, answer, source="widget"), ""
    except AssertionError:
        raise
    except Exception as err:  # shown to the student, never a traceback
        return None, f"Your answer could not be checked ({type(err).__name__}: {err})."


def _check_model(model):
    """Check a question model's answer as a widget answer; keep and return the Feedback."""
    if model.error:
        model.message = model.error
        return None
    model.feedback, problem = _widget_check(model.question_id, model.answer)
    model.message = problem or str(field(model.feedback, "message", ""))
    return model.feedback


def _record_give_up(question_id: str) -> None:
    """Record "I give up" (``medialit.assessment.give_up``); never raises."""
    try:
        give_up(question_id)
    except Exception:  # noqa: BLE001 - an unknown id already shows its error
        pass


def passage_text(passage: str, article=None) -> str:
    """The text of a sentence id ("S", "P7.1") or a paragraph label ("P7") of the article.

    Args:
        passage: the id or label.
        article: the article (default: the course article).

    Returns:
        The text, or "" when the article has no such part.
    """
    article = load_article() if article is None else article
    found = next((s.text for s in article.sentences if s.id == passage), None)
    if found is not None:
        return found
    span = article.paragraph_spans.get(passage)
    return article.text[span[0] : span[1]] if span else ""


def _rewrite_of(question_id: str) -> str:
    """The passage a rewrite question starts from ("" for other questions)."""
    try:
        return str(load_bank().get(question_id).get("rewrite_of") or "")
    except Exception:  # noqa: BLE001 - a question that cannot load shows its own error
        return ""


class AnswerModel(QuestionModel):
    """What the answer widgets share: a widget check and the explanation rule.

    The explanation opens after a first check with an answer or after "I give
    up" (``medialit.assessment.explain`` and ``give_up``).
    """

    def check(self):
        """Check the current answer as a widget answer; keep and return the Feedback."""
        return _check_model(self)


class TextModel(AnswerModel):
    """A written answer (questions of type ``text``).

    For a rewrite question (the bank's ``rewrite_of`` names a passage) the text
    starts as the passage, and the passage itself, unchanged, is no answer.

    Args:
        question_id: the question's id.
        article: the article the passage comes from (default: the course article).
        store: an AnswerStore.
    """

    types = ("text",)

    def __init__(self, question_id: str, article=None, store: AnswerStore | None = None):
        super().__init__(question_id, store)
        passage = _rewrite_of(self.question_id) if self.question is not None else ""
        self.original = passage_text(passage, article) if passage else ""
        self.passage = passage
        self.text = self.original
        self.restore()

    def apply(self, saved) -> None:
        """Show a saved text again."""
        if not isinstance(saved, str):
            raise TypeError("a saved text answer is text")
        self.text = saved

    def set_text(self, text) -> None:
        """Take the text in the box and save it (a blank or unchanged text is never saved)."""
        self.text = text if isinstance(text, str) else ""
        self.changed()

    @property
    def unchanged(self) -> bool:
        """True when a rewrite is still its passage (spaces aside)."""
        return bool(self.original) and self.text.split() == self.original.split()

    @property
    def answer(self):
        """The text, or ``...`` when it is blank or an unchanged passage."""
        return self.text if self.text.strip() and not self.unchanged else ...

    @property
    def progress(self) -> str:
        """E.g. "42 words" or "unchanged"."""
        if self.unchanged:
            return "still the original passage"
        n = len(self.text.split())
        return f"{n} word{'s' if n != 1 else ''}"

    def check(self):
        """Check the text; an unchanged rewrite gets ``UNCHANGED`` and no Feedback."""
        if self.unchanged and not self.error:
            self.feedback, self.message = None, UNCHANGED
            return None
        return super().check()


class NumberModel(AnswerModel):
    """A number typed as text (questions of type ``number``); see ``parse_number``.

    Args:
        question_id: the question's id.
        store: an AnswerStore.
    """

    types = ("number",)

    def __init__(self, question_id: str, store: AnswerStore | None = None):
        super().__init__(question_id, store)
        self.text = ""
        self.value: float | int | None = None
        self.problem = ""
        self.restore()

    def apply(self, saved) -> None:
        """Show a saved number again."""
        if isinstance(saved, bool) or not isinstance(saved, (int, float)):
            raise TypeError("a saved number answer is a number")
        self.value, self.problem = saved, ""
        self.text = str(saved)

    def set_text(self, text) -> None:
        """Read the text in the box; save it when it is a number."""
        self.text = text if isinstance(text, str) else ""
        self.value, self.problem = parse_number(self.text)
        if self.value is None:
            self.feedback = None
            return
        self.changed()

    @property
    def answer(self):
        """The number, or ``...`` when the box is blank or not a number."""
        return ... if self.value is None else self.value

    def check(self):
        """Check the number; text that is not a number gets its message and no Feedback."""
        if self.problem and not self.error:
            self.feedback, self.message = None, self.problem
            return None
        return super().check()


def item_text(item: str, article=None) -> str:
    """How an item of a question is shown: a sentence's text, or the item's name in words.

    Args:
        item: a sentence id ("P3.1") or a name ("china_paper").
        article: the article (default: the course article).
    """
    if re.fullmatch(r"H|S|P\d+\.\d+", item):
        text = passage_text(item, article)
        if text:
            return text
    return item.replace("_", " ")


class ItemSetModel(ChoiceModel):
    """Pick the items that apply (questions of type ``set``), each shown in words.

    Args:
        question_id: the question's id.
        article: the article its sentence ids refer to (default: the course article).
        store: an AnswerStore.
    """

    types: tuple = ("set",)

    def __init__(self, question_id: str, article=None, store: AnswerStore | None = None):
        self._article = article
        super().__init__(question_id, store)

    def _options(self) -> list[tuple[str, str]]:
        """Return (item id, its text) for each item."""
        return [(str(i), item_text(str(i), self._article)) for i in self.get("items", [])]

    def check(self):
        """Check the picked items as a widget answer."""
        return _check_model(self)


__all__ += [
    "UNCHANGED",
    "NOT_A_NUMBER",
    "parse_number",
    "passage_text",
    "item_text",
    "AnswerModel",
    "TextModel",
    "NumberModel",
    "ItemSetModel",
]
