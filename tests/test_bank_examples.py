"""The bank's example answers (right_examples, wrong_examples) and the counts the bank states.

The examples are written by the bank's authors to try any scorer against: this file checks
that they exist, are well formed for their question type and agree with the key. It does NOT
check what today's scorer makes of them (a benchmark and a later test do).
"""

import json
import re
import tomllib
from pathlib import Path

import pytest

from medialit import load_article
from medialit.assessment.keys import canonical, normalise
from medialit.text import word_spans, words

ROOT = Path(__file__).resolve().parent.parent
TEXT_KINDS = ("keywords", "opposite", "off_topic")
REWRITE = re.compile(r'RewriteLab\("([^"]+)",\s*question_id="(\w+)"\)')


def _bank() -> list[dict]:
    out = []
    for path in sorted((ROOT / "data" / "questions").glob("*.toml")):
        for question in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]:
            out.append({**question, "file": path.name})
    return out


def _rewrites() -> dict[str, str]:
    """Question id -> the sentence id a solution's RewriteLab asks the student to rewrite."""
    found = {}
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for original, question_id in REWRITE.findall(source):
            found[question_id] = original
    return found


BANK = _bank()
TEXT = [q for q in BANK if q["type"] == "text"]
OTHER = [q for q in BANK if q["type"] != "text"]
ARTICLE = load_article()
SENTENCES = {s.id: s for s in ARTICLE.sentences}


def _ids(question):
    return question["id"]


def _tokens(text: str) -> list[str]:
    return [w.lower().strip("’'") for w in words(text)]


def _keywords(question: dict) -> set[str]:
    return {
        normalise(w)
        for group in question["rubric"]
        for phrase in group["any"]
        for w in phrase.split()
    }


def _is_keyword(token: str, keywords: set[str]) -> bool:
    return any(token.startswith(k) for k in keywords)


@pytest.mark.parametrize("question", TEXT, ids=_ids)
def test_every_text_question_has_two_right_and_four_kinds_of_wrong_examples(question):
    right = question.get("right_examples", [])
    wrong = question.get("wrong_examples", [])
    assert len(right) >= 2, f"{question['id']}: needs at least two right examples"
    assert len(wrong) >= 4, f"{question['id']}: needs at least four wrong examples"
    kinds = {w["kind"] for w in wrong}
    needed = set(TEXT_KINDS) | ({"unchanged"} if question["id"] in _rewrites() else set())
    assert needed <= kinds, f"{question['id']}: missing kinds {sorted(needed - kinds)}"
    assert all(isinstance(a, str) and a.strip() for a in right + [w["answer"] for w in wrong])


@pytest.mark.parametrize("question", TEXT, ids=_ids)
def test_right_text_examples_are_worded_unlike_the_model_answer(question):
    model = set(_tokens(question.get("model_answer", "")))
    answers = question.get("right_examples", [])
    assert len({normalise(a) for a in answers}) == len(answers), "two right examples are the same"
    for answer in answers:
        mine = set(_tokens(answer))
        overlap = len(mine & model) / max(1, len(mine | model))
        assert overlap < 0.5, (
            f"{question['id']}: a right example repeats the model answer ({overlap:.2f})"
        )


@pytest.mark.parametrize("question", [q for q in TEXT if q["id"] in _rewrites()], ids=_ids)
def test_unchanged_example_is_the_passage_to_rewrite(question):
    original = _rewrites()[question["id"]]
    text = SENTENCES[original].text if original in SENTENCES else original
    unchanged = [
        w["answer"] for w in question.get("wrong_examples", []) if w["kind"] == "unchanged"
    ]
    assert unchanged and all(normalise(a) == normalise(text) for a in unchanged)


@pytest.mark.parametrize("question", TEXT, ids=_ids)
def test_keyword_examples_are_bare_lists_and_off_topic_ones_use_the_keywords(question):
    keywords = _keywords(question)
    for example in question.get("wrong_examples", []):
        tokens = _tokens(example["answer"])
        used = sum(_is_keyword(t, keywords) for t in tokens)
        if example["kind"] == "keywords":
            assert not re.search(r"[.!?;]", example["answer"]), "a keyword list has no sentence"
            assert used >= 0.8 * len(tokens), f"{question['id']}: not a bare keyword list"
        if example["kind"] == "off_topic":
            assert used >= 2, f"{question['id']}: an off-topic example must still use the keywords"
            assert re.search(r"[.!?]$", example["answer"].strip()), (
                "an off-topic example is a sentence"
            )


@pytest.mark.parametrize("question", OTHER, ids=_ids)
def test_every_other_question_has_a_wrong_example(question):
    wrong = question.get("wrong_examples", [])
    assert wrong, f"{question['id']}: needs at least one wrong example"
    assert all(w["kind"] in ("wrong", "gamed") for w in wrong)


def _well_formed(question: dict, answer) -> str | None:
    """Return why ``answer`` is not of the question's form, or None."""
    kind = question["type"]
    options = {o["id"] for o in question.get("options", [])}
    items = {normalise(i) for i in question.get("items", [])}
    if kind == "single":
        return (
            None if isinstance(answer, str) and normalise(answer) in options else "not an option id"
        )
    if kind in ("multiple", "set"):
        if not isinstance(answer, list) or len({normalise(a) for a in answer}) != len(answer):
            return "not a list of distinct ids"
        allowed = options if kind == "multiple" else items
        return (
            None
            if not allowed or {normalise(a) for a in answer} <= allowed
            else "an id not offered"
        )
    if kind == "labels":
        labels = {normalise(lab) for lab in question["labels"]}
        ok = (
            isinstance(answer, dict)
            and answer
            and all(normalise(k) in items and normalise(v) in labels for k, v in answer.items())
        )
        return None if ok else "not a dict item -> label"
    if kind == "spans":
        start, end = _passage_bounds(question["passage"])
        ok = (
            isinstance(answer, list)
            and answer
            and all(
                isinstance(p, list) and len(p) == 2 and start <= p[0] < p[1] <= end for p in answer
            )
        )
        return None if ok else "not [start, end] pairs inside the passage"
    if kind == "number":
        return (
            None
            if isinstance(answer, (int, float)) and not isinstance(answer, bool)
            else "not a number"
        )
    return None if isinstance(answer, str) and answer.strip() else "not a text"


def _passage_bounds(passage: str) -> tuple[int, int]:
    if passage in SENTENCES:
        return SENTENCES[passage].start, SENTENCES[passage].end
    return ARTICLE.paragraph_spans[passage]


def _examples(question: dict):
    for answer in question.get("right_examples", []):
        yield "right", answer
    for example in question.get("wrong_examples", []):
        yield example["kind"], example["answer"]


@pytest.mark.parametrize(
    "question", [q for q in BANK if "right_examples" in q or "wrong_examples" in q], ids=_ids
)
def test_examples_are_well_formed_for_their_question_type(question):
    problems = [
        (kind, answer, why)
        for kind, answer in _examples(question)
        if (why := _well_formed(question, answer))
    ]
    assert problems == []


def _agrees(question: dict, answer) -> bool:
    """Whether ``answer`` equals the key (numbers: within the tolerance)."""
    if question["type"] == "number":
        return abs(float(answer) - float(question["answer"])) <= float(question.get("tolerance", 0))
    key = canonical(question["type"], question["answer"], ARTICLE.text)
    tolerated = set(canonical("spans", question.get("tolerated", []), ARTICLE.text)) - set(key)
    given = [e for e in canonical(question["type"], answer, ARTICLE.text) if e not in tolerated]
    return given == key


@pytest.mark.parametrize(
    "question", [q for q in OTHER if "right_examples" in q or "wrong_examples" in q], ids=_ids
)
def test_right_examples_match_the_key_and_wrong_ones_do_not(question):
    for kind, answer in _examples(question):
        if _well_formed(question, answer) is None:
            assert _agrees(question, answer) == (kind == "right"), (question["id"], kind, answer)


def test_right_span_examples_differ_in_form_from_the_key():
    """A right example of a spans question marks the same words with other offsets."""
    for question in (q for q in OTHER if q["type"] == "spans"):
        key = sorted([s["start"], s["end"]] for s in question["answer"])
        for answer in question.get("right_examples", []):
            assert sorted(answer) != key, question["id"]


# Counts the bank states in prose, each computed here from the article text.


def _count_word(word: str) -> int:
    return sum(
        1
        for start, end in word_spans(ARTICLE.text)
        if ARTICLE.text[start:end].rstrip("’s").rstrip("’") == word
    )


def test_the_kiev_count_in_ex04_5_is_the_count_in_the_text():
    question = next(q for q in BANK if q["id"] == "ex04_5")
    total = _count_word("Kiev")
    assert question["answer"] == total == 9
    assert "9 times" in question["explanation"]
    assert ARTICLE.text.count("Kiev’s") == 2 and "“Kiev’s” twice" in question["explanation"]
    assert (
        ARTICLE.text.count("Kiev regime") == 1 and "“Kiev regime” once" in question["explanation"]
    )
    assert "Kyiv" not in ARTICLE.text


def test_the_number_of_phrases_ex04_1_asks_for_is_its_key():
    question = next(q for q in BANK if q["id"] == "ex04_1")
    assert "Mark the three words or phrases" in question["prompt"]
    assert len(question["answer"]) == 3


def test_exercise_06_shows_every_fact_card_its_questions_cite():
    """Exercise 06 loads the cards it needs: each card its questions cite is in its card table."""
    cells = json.loads(
        (ROOT / "solutions" / "06-checking-the-claims.ipynb").read_text(encoding="utf-8")
    )["cells"]
    table = "".join(next(c for c in cells if c["id"] == "sec-cards")["source"])
    shown = set(re.findall(r"^\| (F\d+) \|", table, re.M))
    cited = set()
    for question in (q for q in BANK if q["id"].startswith("ex06_")):
        fields = [question["prompt"], question["explanation"], *question["hints"]]
        cited |= {c for field in fields for c in re.findall(r"\bF\d+\b", field)}
    assert cited - shown == set(), (
        f"cards cited by exercises 06 but not shown: {sorted(cited - shown)}"
    )
    assert "3,404" in table and "25 in 2021" in table, "F11's figures are in the exercise"


# Teacher materials: the rubric for every free-text item, the notes for every question, the totals.


def _notes(stem: str) -> str:
    return (ROOT / "docs" / "instructor" / f"{stem}.md").read_text(encoding="utf-8")


def _stem(question: dict) -> str:
    return question["file"].removesuffix(".toml")


@pytest.mark.parametrize("question", TEXT, ids=_ids)
def test_every_free_text_item_has_a_three_level_rubric_in_its_notes(question):
    notes = _notes(_stem(question))
    start = notes.find(f"**`{question['id']}`**")
    assert start >= 0, f"{question['id']}: no rubric in the lesson's instructor notes"
    table = re.search(r"\n(\|.*\|\n)+", notes[start:]).group(0).strip().splitlines()
    assert len(table) == 2 + 3, f"{question['id']}: the rubric needs exactly three levels"


@pytest.mark.parametrize(
    "question", [q for q in BANK if q["file"][:2] in ("04", "05", "06", "07")], ids=_ids
)
def test_the_notes_give_every_question_of_lessons_04_to_07_its_answer(question):
    notes = _notes(_stem(question))
    section = notes.split(f"### {question['id']} (", 1)
    assert len(section) == 2, f"{question['id']}: missing from the instructor notes"
    assert question["explanation"] in section[1].split("\n### ", 1)[0], (
        f"{question['id']}: stale answer"
    )


def test_the_guide_states_the_manifest_minutes():
    from medialit.data import manifest

    lessons = manifest()["lessons"]
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    teaching = sum(lesson["teaching_minutes"] for lesson in lessons)
    exercises = sum(lesson["exercise_minutes"] for lesson in lessons)
    assert f"Total: {teaching} minutes of teaching and {exercises} minutes of exercises" in guide
    for lesson in lessons:
        minutes = f"{lesson['teaching_minutes']} + {lesson['exercise_minutes']} min"
        line = f"### {lesson['stem'][:2]} {lesson['title']} ({minutes})"
        assert line in guide, line
