"""Answer keys students cannot read: salted SHA-256 hashes of normalised answers.

``compile_bank`` turns the question bank (``data/questions/*.toml``) into its
public, compiled form: every answer is replaced by salted hashes, one per
element, so ``medialit.check`` can still give partial credit and say which
element is not right yet:

- ``single`` / ``multiple`` / ``set``: one hash per right option or item id;
- ``labels``: one hash per ``item=label`` pair;
- ``spans``: one hash per right word, made from the word's start offset in
  ``Article.text`` (answers are compared word by word);
- ``text``: one hash per normalised keyword or phrase of each rubric concept,
  and of each of its opposites (``not``), with ``required`` copied; one hash per wrong verdict of
  ``verdicts`` (a verdict no concept accepts); ``rewrite_of`` and
  ``attribution`` are copied as they are (they name a passage, not an answer);
  ``model``: the model answer word by word, each word hashed (a negation word
  kept as ``"~"``), so a near-copy that negates it can be told apart;
- ``number``: one hash per accepted value on a decimal grid (answer plus or
  minus the tolerance).

Per-option feedback and the feedback for common mistakes are keyed by the
same hashes. Each question has its own salt, derived from the question id and
a course-wide salt (``salt = "..."`` at the top of a question file, else
``DEFAULT_SALT``), so the compiled file is the same on every build.

Honest limits: hashing stops a student from *reading* the key in
``questions.public.json``; it does not stop anyone from *trying* every option
of a small set (four options are four guesses). ``check()`` answers those
guesses anyway; the point is that the key is not lying in plain sight.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from decimal import Decimal
from pathlib import Path

from medialit.tokens import QUOTE_FOLD, word_spans

__all__ = [
    "DEFAULT_SALT",
    "PUBLIC_FIELDS",
    "normalise",
    "question_salt",
    "hash_element",
    "number_grid",
    "word_starts",
    "canonical",
    "mistake_hash",
    "NEGATORS",
    "model_words",
    "read_question_files",
    "compile_question",
    "compile_bank",
]

#: the course-wide salt used when no question file names one
DEFAULT_SALT = "medialit-course-2023"
#: fields of a question that students may see (everything else is a key)
PUBLIC_FIELDS = (
    "id",
    "type",
    "points",
    "objective",
    "prompt",
    "hints",
    "explanation",
    "items",
    "labels",
    "passage",
    "min_concepts",
    "tolerance",
)
#: most grid values a number question may accept (a wider tolerance is cut down)
MAX_GRID = 2001

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[\w][\w'-]*")
#: words that negate what follows them (the ``text`` scorer's negation words)
NEGATORS = frozenset("not no never nothing none nobody neither nor cannot hardly nowhere".split())


def normalise(value) -> str:
    """Normalise one answer element: text, trimmed, lower case, single spaces.

    Args:
        value: any scalar (numbers are turned into text).

    Returns:
        The normalised text; curly quotes become straight ones.
    """
    text = str(value).translate(QUOTE_FOLD)
    return _SPACES.sub(" ", text).strip().casefold()


def question_salt(course_salt: str, question_id: str) -> str:
    """Derive a question's salt from the course salt and its id.

    Args:
        course_salt: the course-wide salt.
        question_id: e.g. ``"ex03_1"``.

    Returns:
        16 hexadecimal digits.
    """
    return hashlib.sha256(f"{course_salt}\x1f{question_id}".encode()).hexdigest()[:16]


def hash_element(salt: str, value) -> str:
    """Hash one normalised answer element with a question's salt.

    Args:
        salt: the question's salt.
        value: the element (normalised here).

    Returns:
        24 hexadecimal digits of SHA-256.
    """
    return hashlib.sha256(f"{salt}\x1f{normalise(value)}".encode()).hexdigest()[:24]


def _decimals(*numbers) -> int:
    """Return how many decimal places the numbers need (at most 6)."""
    places = 0
    for number in numbers:
        exponent = Decimal(repr(float(number))).normalize().as_tuple().exponent
        places = max(places, -exponent if isinstance(exponent, int) else 0)
    return min(places, 6)


def number_grid(value: float, decimals: int) -> str:
    """Write a number on the grid of ``decimals`` places (the hashed form).

    Args:
        value: the number.
        decimals: decimal places.

    Returns:
        The number as fixed-point text, e.g. ``"9"`` or ``"42.5"``.
    """
    text = f"{value:.{decimals}f}"
    return "0" if text.strip("-0.") == "" else text


def _number_key(answer: float, tolerance: float, salt: str) -> dict:
    """Hash every grid value in [answer - tolerance, answer + tolerance]."""
    decimals = _decimals(answer, tolerance)
    step = 10**-decimals
    low = round((answer - tolerance) / step)
    high = round((answer + tolerance) / step)
    middle = round(answer / step)
    half = (MAX_GRID - 1) // 2
    low, high = max(low, middle - half), min(high, middle + half)
    return {
        "decimals": decimals,
        "key": sorted(
            hash_element(salt, number_grid(k * step, decimals)) for k in range(low, high + 1)
        ),
    }


def word_starts(text: str, spans) -> list[int]:
    """Return the start offsets of the words of ``text`` that any span touches.

    Args:
        text: ``Article.text``.
        spans: (start, end) pairs of character offsets.

    Returns:
        Sorted start offsets of the words that overlap a span.
    """
    words = _cached_words(text)
    found: set[int] = set()
    for start, end in spans:
        found.update(w_start for w_start, w_end in words if w_start < end and w_end > start)
    return sorted(found)


_WORDS_CACHE: dict[int, tuple[str, list]] = {}


def _cached_words(text: str) -> list:
    """Word spans of ``text``, kept for the last few texts seen."""
    key = hash(text)
    cached = _WORDS_CACHE.get(key)
    if cached is None or cached[0] != text:
        if len(_WORDS_CACHE) > 8:
            _WORDS_CACHE.clear()
        cached = (text, word_spans(text))
        _WORDS_CACHE[key] = cached
    return cached[1]


def canonical(kind: str, answer, article_text: str = "") -> list[str]:
    """Turn a (well-formed) answer into its normalised elements.

    Args:
        kind: the question type.
        answer: the answer as written in the bank (or a cleaned student answer).
        article_text: ``Article.text``, needed for ``spans``.

    Returns:
        Sorted element strings: option ids, ``item=label`` pairs, word starts.
    """
    if kind == "single":
        return [normalise(answer)]
    if kind in ("multiple", "set"):
        return sorted({normalise(a) for a in answer})
    if kind == "labels":
        return sorted(f"{normalise(k)}={normalise(v)}" for k, v in answer.items())
    if kind == "spans":
        pairs = [(s["start"], s["end"]) if isinstance(s, dict) else tuple(s) for s in answer]
        return [str(start) for start in word_starts(article_text, pairs)]
    return [normalise(answer)]


def model_words(text: str) -> list[str]:
    """The words of a text as the ``text`` scorer reads them: normalised, no outer apostrophes.

    Args:
        text: any text.

    Returns:
        The words in order.
    """
    return [w.strip("'") or w for w in _WORD.findall(normalise(text))]


def _is_negator(word: str) -> bool:
    """Whether a (normalised) word negates what follows it."""
    return word in NEGATORS or word.endswith("n't")


def _model_key(text: str, salt: str) -> list[str]:
    """The model answer word by word: each word hashed, a negation word as ``"~"``."""
    return ["~" if _is_negator(w) else hash_element(salt, w) for w in model_words(text)]


def _mistake_hash(salt: str, elements: list[str]) -> str:
    """Hash a whole answer (its sorted elements) for mistake feedback."""
    return hash_element(salt, "\x1e".join(elements))


def read_question_files(folder: Path) -> list[dict]:
    """Read every ``*.toml`` question file of a folder, in name order.

    A ``salt`` at the top of a file applies to that file's questions only;
    files without one use ``DEFAULT_SALT``.

    Args:
        folder: the folder holding ``NN-slug.toml`` files.

    Returns:
        The questions in bank order; each gets ``file`` (its file name) and
        ``file_salt`` (its file's salt).
    """
    questions = []
    for path in sorted(Path(folder).glob("*.toml")):
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        salt = document.get("salt", DEFAULT_SALT)
        for question in document.get("questions", []):
            questions.append({**question, "file": path.name, "file_salt": salt})
    return questions


def _public(question: dict) -> dict:
    """Copy the fields a student may see; options lose everything but id and text."""
    public = {name: question[name] for name in PUBLIC_FIELDS if name in question}
    if "options" in question:
        public["options"] = [
            {"id": o["id"], "text": o.get("text", o["id"])} for o in question["options"]
        ]
    if "rubric" in question:
        public["concepts"] = [
            r.get("concept", f"idea {n}") for n, r in enumerate(question["rubric"], 1)
        ]
    return public


def _feedback_keys(question: dict, salt: str) -> dict:
    """Per-option (or per-item) feedback keyed by the hash of the option id."""
    keyed = {}
    for option in question.get("options", []):
        if option.get("feedback"):
            keyed[hash_element(salt, option["id"])] = option["feedback"]
    for item, text in (question.get("feedback") or {}).items():
        keyed[hash_element(salt, item)] = text
    return dict(sorted(keyed.items()))


def _rubric_key(question: dict, salt: str) -> list[dict]:
    """Hash each keyword of each concept group; keep the longest phrase length."""
    groups = []
    for group in question.get("rubric", []):
        words = [normalise(w) for w in group.get("any", [])]
        compiled = {
            "hashes": sorted({hash_element(salt, w) for w in words}),
            "longest": max((len(w.split()) for w in words), default=1),
        }
        if group.get("required"):
            compiled["required"] = True
        opposites = [normalise(w) for w in group.get("not", [])]
        if opposites:
            compiled["not"] = sorted({hash_element(salt, w) for w in opposites})
            compiled["not_longest"] = max(len(w.split()) for w in opposites)
        groups.append(compiled)
    return groups


def _phrase_lengths(question: dict) -> list[int]:
    """The lengths (in characters) of every hashed phrase of a text question.

    The scorer hashes only the answer's phrases of these lengths, which keeps
    checking fast; the lengths say nothing about which words are keys.
    """
    phrases = [w for g in question.get("rubric", []) for w in g.get("any", []) + g.get("not", [])]
    return sorted({len(normalise(w)) for w in phrases + list(question.get("verdicts", []))})


def _verdict_key(question: dict, salt: str) -> dict:
    """Hash the verdicts of ``verdicts`` that no concept accepts (the wrong ones)."""
    right = {normalise(w) for group in question.get("rubric", []) for w in group.get("any", [])}
    wrong = [normalise(v) for v in question.get("verdicts", []) if normalise(v) not in right]
    if not wrong:
        return {}
    return {
        "wrong_verdicts": sorted({hash_element(salt, v) for v in wrong}),
        "verdict_longest": max(len(v.split()) for v in wrong),
    }


def compile_question(question: dict, course_salt: str, article_text: str = "") -> dict:
    """Compile one question: public fields plus hashed keys.

    Args:
        question: the question as read from TOML.
        course_salt: the course-wide salt.
        article_text: ``Article.text`` (for ``spans`` questions).

    Returns:
        The compiled question (JSON-ready, no plain answer).
    """
    kind = question["type"]
    salt = question_salt(course_salt, question["id"])
    compiled = {**_public(question), "salt": salt, "feedback": _feedback_keys(question, salt)}
    if kind == "text":
        compiled["rubric"] = _rubric_key(question, salt)
        compiled.setdefault("min_concepts", len(compiled["rubric"]))
        compiled.update(_verdict_key(question, salt))
        compiled["lengths"] = _phrase_lengths(question)
        for name in ("rewrite_of", "attribution"):
            if name in question:
                compiled[name] = question[name]
        if question.get("model_answer"):
            compiled["model"] = _model_key(question["model_answer"], salt)
    elif kind == "number":
        compiled.update(
            _number_key(float(question["answer"]), float(question.get("tolerance", 0)), salt)
        )
    else:
        elements = canonical(kind, question["answer"], article_text)
        compiled["key"] = sorted(hash_element(salt, e) for e in elements)
        compiled["size"] = len(elements)
        if kind == "spans" and question.get("tolerated"):
            tolerated = set(canonical(kind, question["tolerated"], article_text)) - set(elements)
            compiled["tolerated"] = sorted(hash_element(salt, e) for e in tolerated)
    compiled["mistakes"] = _mistakes(question, kind, salt, article_text)
    return compiled


def _mistakes(question: dict, kind: str, salt: str, article_text: str) -> dict:
    """Feedback for common mistakes, keyed by the hash of the whole wrong answer."""
    keyed = {}
    for mistake in question.get("mistakes", []):
        answer = mistake["answer"]
        if kind == "number":
            decimals = _decimals(float(question["answer"]), float(question.get("tolerance", 0)))
            elements = [number_grid(float(answer), decimals)]
        else:
            elements = canonical(kind, answer, article_text)
        keyed[_mistake_hash(salt, elements)] = mistake["feedback"]
    return dict(sorted(keyed.items()))


def mistake_hash(salt: str, elements: list[str]) -> str:
    """Public alias of the whole-answer hash (used by ``medialit.checks``)."""
    return _mistake_hash(salt, elements)


def compile_bank(folder: Path, article_text: str = "") -> dict:
    """Compile every question file of ``folder`` (usually ``data/questions``).

    Args:
        folder: the folder of ``*.toml`` question files.
        article_text: ``Article.text`` of the bank's article, needed when a
            ``spans`` question exists (its answers are hashed by word offsets).

    Returns:
        ``{"format": 1, "questions": [compiled question, ...]}`` in bank order.

    Raises:
        ValueError: a ``spans`` question exists and no article text was given.
    """
    questions = read_question_files(folder)
    if not article_text and any(q.get("type") == "spans" for q in questions):
        raise ValueError("compile_bank needs the article text to compile spans questions")
    compiled = [compile_question(q, q["file_salt"], article_text) for q in questions]
    return {"format": 1, "questions": compiled}
