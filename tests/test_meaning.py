"""Free text judged on meaning: the bank's own examples, the issue's examples, adversarial ones.

The bank test reads ``data/questions`` (or ``$MEDIALIT_DATA``): every text
question must carry ``right_examples`` (>= 2) and ``wrong_examples`` (>= 4);
a text question without them FAILS (it is not skipped).
"""

from __future__ import annotations

import time

import pytest

from medialit.assessment import load_bank, meaning
from medialit.assessment.keys import read_question_files
from medialit.paths import data_dir

#: kinds of wrong example that must get no credit at all (score 0); "gamed" ones get less
#: than full marks (a rewrite that adds "he said" but keeps the loaded words earns part)
HARD = ("unchanged", "near_copy", "keywords", "glued", "opposite", "off_topic")
#: the kinds every text question's wrong examples include, and those of rewrite tasks
KINDS = {"keywords", "glued", "opposite", "off_topic"}
REWRITE_KINDS = KINDS | {"unchanged", "near_copy"}


@pytest.fixture(scope="module")
def bank():
    return load_bank(data_dir())


def _questions():
    return read_question_files(data_dir() / "questions")


TEXT = [q for q in _questions() if q["type"] == "text"]


def test_every_text_question_has_examples():
    missing = [
        q["id"]
        for q in TEXT
        if len(q.get("right_examples", [])) < 2 or len(q.get("wrong_examples", [])) < 4
    ]
    assert not missing, f"text questions without enough right/wrong examples: {missing}"


@pytest.mark.parametrize("question", TEXT, ids=lambda q: q["id"])
def test_every_text_question_has_each_kind_of_wrong_example(question):
    """Item 3 of issue 13, by the ``kind`` of each wrong example (data/README.md, "Bank")."""
    kinds = {w["kind"] for w in question.get("wrong_examples", [])}
    needed = REWRITE_KINDS if question.get("rewrite_of") else KINDS
    assert needed <= kinds, f"{question['id']}: no wrong example of kind {sorted(needed - kinds)}"
    model = set(question["model_answer"].casefold().split())
    for answer in question["right_examples"]:
        mine = set(answer.casefold().split())
        assert len(mine & model) < 0.5 * len(mine | model), f"{question['id']}: {answer}"


def _bank_problems(bank, q: dict) -> list:
    """Every example of a question the checker judges otherwise than the bank says."""
    problems = []
    for answer in q.get("right_examples", []):
        if bank.check(q["id"], answer).score < 1:
            problems.append((q["id"], "right", answer))
    for wrong in q.get("wrong_examples", []):
        score = bank.check(q["id"], wrong["answer"]).score
        hard = q["type"] == "text" and wrong["kind"] in HARD
        if (hard and score != 0) or score >= 1:
            problems.append((q["id"], wrong["kind"], wrong["answer"], score))
    return problems


@pytest.mark.parametrize("question", _questions(), ids=lambda q: q["id"])
def test_bank_examples(bank, question):
    """Every right example gets full marks, every wrong one less (text: hard kinds get 0)."""
    assert _bank_problems(bank, question) == []


ISSUE = [  # issue 13: each got full marks before
    ("l00_3", "banana Putin banana China banana peace"),
    ("l00_3", "Putin did not mention China, peace or Ukraine at all."),
]


@pytest.mark.parametrize("question_id, answer", ISSUE)
def test_issue_examples_get_nothing(bank, question_id, answer):
    assert bank.check(question_id, answer).score == 0


def test_issue_rewrite_and_verdict_examples(bank):
    article = bank.article_text()
    standfirst = article[64:173]
    paragraph7 = article[1982:2256]
    assert bank.check("ex07_1", standfirst + " in an interview").score == 0
    unchanged = bank.check("ex04_4", paragraph7)
    assert unchanged.score == 0 and "original" in unchanged.message
    assert bank.check("ex06_5", "Supported: fact card F12 shows Zelensky rejected it.").score == 0
    assert bank.check("ex03_5", "fact said").score == 0


def test_adversarial(bank):
    model = (
        "In an interview with Chinese state television, Vladimir Putin said China's peace "
        "proposals for Ukraine could be a basis for talks."
    )
    assert bank.check("l00_3", model).correct
    cases = {
        "salad": "Putin China peace Ukraine war Beijing talks Kyiv conflict plan",
        "repeated": "Putin Putin Putin China China China peace peace peace",
        "not inserted": model.replace("said", "never said").replace("could be", "could not be"),
        "prompt": bank.public("l00_3")["prompt"],
        "other language": "Putin a dit que les propositions de paix de la Chine pour l'Ukraine.",
        "empty after stripping": " \n\t ",
        "punctuation": "... !!! ???",
    }
    for name, answer in cases.items():
        assert bank.check("l00_3", answer).score < 1, name
    assert bank.check("l00_3", cases["salad"]).score == 0
    assert "Write a sentence" in bank.check("l00_3", cases["repeated"]).message


def test_negation_in_a_right_answer_is_not_an_opposite(bank):
    answer = (
        "Putin said China's peace plan could end the war in Ukraine, and that Kyiv "
        "will not negotiate."
    )
    assert bank.check("l00_3", answer).correct


def test_long_answers_are_cut_and_fast(bank):
    long = "Putin said China's peace plan could end the war in Ukraine. " * 2000
    start = time.perf_counter()
    feedback = bank.check("l00_3", long)
    assert time.perf_counter() - start < 0.5  # the benchmark holds the 50 ms target
    assert f"first {meaning.MAX_CHARS} characters" in feedback.message


def test_number_hint_never_gives_the_answer(bank):
    message = bank.check("l00_2", "nine").message
    assert "like 9" not in message and "not a number" in message


CLOSE = [  # right, but worded like the model answer (so not bank examples)
    (
        "ex04_4",
        "Moscow welcomed the roadmap, while reactions in Ukraine and the West were mixed: "
        "Zelensky said some points were worth working with, and Stoltenberg and Biden were "
        "sceptical. Ukraine and its Western backers support Ukraine's peace formula, which calls "
        "for Russia to withdraw to its pre-2014 borders, pay reparations and face war crimes "
        "tribunals.",
    ),
    (
        "ex07_1",
        "In an interview with Chinese state TV, Russian President Vladimir Putin said that Kyiv "
        "and its Western supporters were ignoring what he called Russia's legitimate security "
        "interests.",
    ),
]


@pytest.mark.parametrize("question_id, answer", CLOSE)
def test_close_paraphrases_of_the_model_answer_get_full_marks(bank, question_id, answer):
    feedback = bank.check(question_id, answer)
    assert feedback.correct, feedback.message
    assert "Still loaded" not in feedback.message  # "peace formula" without its scare quotes


def test_a_near_copy_that_negates_the_key_idea_gets_nothing(bank):
    model = (
        "In an interview with Chinese state television, Vladimir Putin said China's peace "
        "proposals for Ukraine could be a basis for talks."
    )
    assert bank.check("l00_3", model).correct
    negated = bank.check("l00_3", model.replace("could be", "could not be"))
    assert negated.score == 0 and "turns a key idea round" in negated.message
    # a negation that is part of the right idea is no flip
    assert bank.check("l00_3", model[:-1] + ", and that Kyiv did not want to negotiate.").correct


def test_a_wrong_verdict_in_other_words_gets_nothing_but_a_right_one_may_use_them(bank):
    accurate = bank.check("ex06_5", "Accurate: F11 shows that civilians died from 2014 to 2021.")
    assert accurate.score == 0 and "“accurate”" in accurate.message
    right = (
        "Misleading: it is true that civilians died, but F11 shows most deaths in 2014 and "
        "2015 and 25 in 2021."
    )
    assert bank.check("ex06_5", right).correct


def test_rewrites_nearly_unchanged_or_with_a_loaded_cue_are_not_full_marks(bank):
    standfirst = bank.article_text().splitlines()[1]
    respelt = standfirst.replace("Kiev", "Kyiv").replace("leader", "president")
    assert "original" in bank.check("ex07_1", respelt).message
    claimed = (
        "In a CCTV interview, Vladimir Putin claimed that Ukraine and the West ignore what he "
        "called Russia's legitimate security interests."
    )
    feedback = bank.check("ex07_1", claimed)
    assert 0 < feedback.score < 1 and "“claimed”" in feedback.message
    said = bank.check("ex07_1", claimed.replace("claimed", "said"))
    assert said.correct


def test_the_message_counts_the_ideas_needed(bank):
    feedback = bank.check("l00_3", "The article says that Putin spoke to the press about it.")
    assert feedback.parts == (1, 3)
    assert "1 of the 3 ideas needed" in feedback.message


def test_the_compiled_model_answer_is_hashed_word_by_word(bank):
    import json

    q = next(q for q in TEXT if q["id"] == "l00_3")
    compiled = bank.get("l00_3")
    words = q["model_answer"].split()
    assert len(compiled["model"]) == len(words) and "model_answer" not in compiled
    text = json.dumps(compiled["model"])
    assert "vladimir" not in text.casefold() and "proposals" not in text
    assert all(h == "~" or len(h) == 24 for h in compiled["model"])


@pytest.mark.parametrize(
    "question_id, answer",
    [
        ("l00_3", "To my mind, Putin says China's plan could bring peace talks on Ukraine."),
        ("l00_3", "My summary: Putin told CCTV that China's plan could end the war in Ukraine."),
        ("ex06_5", "My rating is misleading: F11 shows most deaths in 2014 and 2015, 25 in 2021."),
    ],
)
def test_a_students_own_words_about_the_answer_are_on_topic(bank, question_id, answer):
    assert bank.check(question_id, answer).correct
