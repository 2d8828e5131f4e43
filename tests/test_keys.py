"""Hashed keys: the compiled bank holds no plain answer and is reproducible."""

import json
from pathlib import Path

from medialit.article import load_article
from medialit.assessment import keys

FIXTURES = Path(__file__).parent / "fixtures" / "questions"


def test_normalise_and_hash_ignore_case_spaces_and_quotes():
    salt = keys.question_salt("s", "ex01_1")
    assert keys.hash_element(salt, "  Kiev\u2019s  Regime ") == keys.hash_element(
        salt, "kiev's regime"
    )
    assert keys.hash_element(salt, "a") != keys.hash_element(keys.question_salt("s", "ex01_2"), "a")
    assert keys.question_salt("s", "ex01_1") != keys.question_salt("t", "ex01_1")


def test_compiled_bank_is_reproducible_and_has_no_plain_key():
    text = load_article().text
    first = keys.compile_bank(FIXTURES, text)
    assert json.dumps(first, sort_keys=True) == json.dumps(
        keys.compile_bank(FIXTURES, text), sort_keys=True
    )
    by_id = {q["id"]: q for q in first["questions"]}
    for q in first["questions"]:
        assert "model_answer" not in q and "mistakes" in q and '"any":' not in json.dumps(q)
        assert all(len(h) == 24 for h in q.get("key", []))
    # plain keywords of the rubric and the model answer do not appear
    text = json.dumps(by_id["ex01_6"])
    assert "zelensky" not in text and "never quoted." not in text
    # options keep id and text only; feedback is keyed by hash
    assert by_id["ex01_1"]["options"][0] == {"id": "a", "text": "said"}
    assert "b" not in by_id["ex01_1"]["feedback"] and len(by_id["ex01_1"]["feedback"]) == 3
    # per-element hashes: one per right option / label pair / word
    assert by_id["ex01_2"]["size"] == 3 and by_id["ex01_4"]["size"] == 3
    assert by_id["ex01_5"]["size"] == 5


def test_number_grid_covers_the_tolerance():
    compiled = keys.compile_question(
        {"id": "x", "type": "number", "answer": 42.5, "tolerance": 0.5}, "s"
    )
    salt = compiled["salt"]
    assert compiled["decimals"] == 1 and len(compiled["key"]) == 11
    assert keys.hash_element(salt, keys.number_grid(42.0, 1)) in compiled["key"]
    assert keys.hash_element(salt, keys.number_grid(43.1, 1)) not in compiled["key"]


def test_word_starts_follow_words_not_characters():
    text = "The Kiev regime said"
    assert keys.word_starts(text, [(5, 7)]) == [4]
    assert keys.word_starts(text, [(4, 15)]) == [4, 9]
    assert keys.word_starts(text, [(3, 4)]) == []
