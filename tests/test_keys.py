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


def test_the_stored_compiled_bank_is_fresh():
    """data/questions.public.json is what make-bank writes now (else: run make-bank)."""
    from medialit.assessment.bank import write_compiled
    from medialit.paths import data_dir

    assert not write_compiled(data_dir(), check=True), "run: python -m medialit make-bank"


def _bank_folder(tmp_path):
    """A data folder with the course article, the fixture questions and their stored bank."""
    import shutil

    from medialit.assessment.bank import write_compiled
    from medialit.paths import data_dir

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(data_dir() / "article.json", folder / "article.json")
    shutil.copytree(FIXTURES, folder / "questions")
    assert write_compiled(folder)
    return folder


def test_the_stored_bank_is_read_instead_of_compiling(tmp_path, monkeypatch):
    from medialit.assessment import bank

    folder = _bank_folder(tmp_path)
    compiled = keys.compile_bank(folder / "questions", load_article().text)

    def refuse(*_args):
        raise AssertionError("compiled although the stored bank is fresh")

    monkeypatch.setattr(keys, "compile_bank", refuse)
    loaded = bank.load_bank(folder)
    assert list(loaded.questions) == [q["id"] for q in compiled["questions"]]
    assert loaded.questions["ex01_1"] == compiled["questions"][0]
    assert loaded.check("ex01_1", "b").correct


def test_an_edited_question_file_is_compiled_again(tmp_path):
    from medialit.assessment import bank

    folder = _bank_folder(tmp_path)
    first = folder / "questions" / sorted(p.name for p in (folder / "questions").glob("*.toml"))[0]
    text = first.read_text(encoding="utf-8")
    old_prompt = bank.load_bank(folder).questions["ex01_1"]["prompt"]
    first.write_text(text.replace(old_prompt, "An edited prompt."), encoding="utf-8")
    assert bank.load_bank(folder).questions["ex01_1"]["prompt"] == "An edited prompt."
    # a broken stored file is never trusted either
    (folder / "questions.public.json").write_text("{not json", encoding="utf-8")
    first.write_text(text, encoding="utf-8")
    assert bank.load_bank(folder).questions["ex01_1"]["prompt"] == old_prompt


def test_the_digest_covers_questions_article_and_compiling_code(tmp_path, monkeypatch):
    from medialit.assessment import bank

    folder = _bank_folder(tmp_path)
    before = bank.source_digest(folder)
    article = folder / "article.json"
    article.write_text(article.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert bank.source_digest(folder) != before
    code = tmp_path / "keys.py"
    code.write_text(Path(keys.__file__).read_text(encoding="utf-8") + "# changed\n")
    now = bank.source_digest(folder)
    monkeypatch.setattr(keys, "__file__", str(code))
    assert bank.source_digest(folder) != now
