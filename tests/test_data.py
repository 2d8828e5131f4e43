"""Data files: schemas, cross-file rules and helpful messages for broken copies."""

import json
import shutil
import tomllib
from pathlib import Path

import jsonschema
import pytest

from medialit.validation import (
    check_annotations,
    check_facts,
    check_manifest,
    cross_checks,
    validate_data,
)

DATA = Path(__file__).resolve().parent.parent / "data"
OWN = {
    "article.json": "article.schema.json",
    "annotations.json": "annotations.schema.json",
    "facts.json": "facts.schema.json",
    "course.toml": "course.schema.json",
}


def _load(path: Path):
    text = path.read_text(encoding="utf-8")
    return tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)


def _documents(folder: Path = DATA) -> dict:
    return {name: _load(folder / name) for name in OWN}


@pytest.fixture
def data_copy(tmp_path):
    """A full copy of data/ that a test may break."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def _edit_json(path: Path, change):
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("name", sorted(OWN))
def test_own_files_match_their_schema(name):
    schema = _load(DATA / "schemas" / OWN[name])
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_load(DATA / name)))
    assert errors == []


def test_cross_checks_pass_on_own_files():
    assert cross_checks(_documents()) == []


def test_validate_data_passes_on_the_real_data():
    assert validate_data() == []


def test_validate_data_reads_the_folder_from_the_environment(data_copy, monkeypatch):
    _edit_json(data_copy / "facts.json", lambda d: d["cards"][0].pop("title"))
    monkeypatch.setenv("MEDIALIT_DATA", str(data_copy))
    problems = validate_data()
    assert any(p.startswith("facts.json: cards/0") and "'title'" in p for p in problems)


def test_broken_offset_names_file_and_item(data_copy):
    def shift(d):
        d["attributions"][6]["content"]["start"] += 1

    _edit_json(data_copy / "annotations.json", shift)
    problems = validate_data(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith("annotations.json: attributions/A7 (content): text ")
    assert "does not match the article text" in problems[0]


def test_misspelt_span_text_quotes_both_versions(data_copy):
    def misspell(d):
        d["attributions"][9]["cue"]["text"] = "askd"

    _edit_json(data_copy / "annotations.json", misspell)
    (problem,) = validate_data(data_copy)
    assert "attributions/A10 (cue)" in problem and "'askd'" in problem and "('asked')" in problem


def test_missing_field_names_file_and_item(data_copy):
    _edit_json(data_copy / "annotations.json", lambda d: d["claims"][2].pop("verdict"))
    problems = validate_data(data_copy)
    assert problems and all(p.startswith("annotations.json: claims/2") for p in problems)
    assert any("'verdict' is a required property" in p for p in problems)


def test_offsets_beyond_the_text_are_reported():
    documents = _documents()
    documents["annotations.json"]["framing"][0].update(start=5000, end=5004)
    (problem,) = cross_checks(documents)
    assert problem.startswith("annotations.json: framing/F-kiev-1: offsets 5000-5004 are outside")


def test_unknown_source_and_sentence_are_reported():
    documents = _documents()
    documents["annotations.json"]["attributions"][0].update(source="kremlin", sentence="P12.1")
    problems = cross_checks(documents)
    assert (
        "annotations.json: attributions/A1: source 'kremlin' is not in the sources list" in problems
    )
    assert "annotations.json: attributions/A1: sentence 'P12.1' does not exist" in problems


def test_content_outside_its_sentence_paragraph_is_reported():
    documents = _documents()
    gold = documents["annotations.json"]
    gold["attributions"][1]["sentence"] = "P9.1"
    problems = cross_checks(documents)
    assert any(
        p.startswith("annotations.json: attributions/A2 (content): lies outside paragraph P9")
        for p in problems
    )


def test_sentence_list_must_equal_article_sentences():
    documents = _documents()
    del documents["annotations.json"]["sentences"][-1]
    problems = cross_checks(documents)
    assert any("the article has 15 sentences, the annotations list 14" in p for p in problems)


def test_unknown_fact_card_is_reported_both_ways():
    documents = _documents()
    documents["annotations.json"]["claims"][0]["fact_cards"] = ["F99"]
    problems = cross_checks(documents)
    assert "annotations.json: claims/C1: fact card F99 is not in facts.json" in problems
    assert "facts.json: cards/F6: claim C1 does not cite this card" in problems


def test_card_naming_a_missing_claim_is_reported():
    gold, facts = _load(DATA / "annotations.json"), _load(DATA / "facts.json")
    facts["cards"][0]["claims"].append("C404")
    assert check_facts(gold, facts) == [
        "facts.json: cards/F1: claim C404 is not in annotations.json"
    ]


def test_every_claim_and_card_link_up():
    gold, facts = _load(DATA / "annotations.json"), _load(DATA / "facts.json")
    cards = {c["id"] for c in facts["cards"]}
    assert {f"F{i}" for i in range(1, 13)} <= cards
    assert check_facts(gold, facts) == []


def test_urls_are_given_only_with_a_named_source_and_title():
    names = {"primary": "issuer", "agency": "agency", "secondary": "publisher"}
    for card in _load(DATA / "facts.json")["cards"]:
        for kind, name in names.items():
            for source in card.get(kind, []):
                assert source[name] and source["title"], card["id"]
                for key in ("url", "read_at"):
                    assert source.get(key, "https://").startswith(("https://", "http://")), card[
                        "id"
                    ]


def test_course_manifest_validates_and_objective_ids_are_unique():
    course = _load(DATA / "course.toml")
    assert check_manifest(course) == []
    ids = [o["id"] for lesson in course["lessons"] for o in lesson["objectives"]]
    assert len(ids) == len(set(ids))


def test_duplicate_objective_is_reported():
    course = _load(DATA / "course.toml")
    course["lessons"][1]["objectives"].append(dict(course["lessons"][1]["objectives"][0]))
    assert check_manifest(course) == [
        "course.toml: lessons/01-whose-article: objective 01.1 is used twice"
    ]


def test_objective_in_the_wrong_lesson_is_reported():
    course = _load(DATA / "course.toml")
    course["lessons"][2]["objectives"][0]["id"] = "05.9"
    (problem,) = check_manifest(course)
    assert "objective 05.9 does not start with the lesson number 02" in problem


def test_schema_rejects_a_bad_class_and_a_bad_category():
    schema = _load(DATA / "schemas" / "annotations.schema.json")
    gold = _load(DATA / "annotations.json")
    gold["sentences"][0]["class"] = "writer"
    gold["framing"][0]["category"] = "propaganda"
    paths = {
        tuple(e.absolute_path) for e in jsonschema.Draft202012Validator(schema).iter_errors(gold)
    }
    assert ("sentences", 0, "class") in paths and ("framing", 0, "category") in paths


def test_article_schema_requires_null_for_missing_metadata():
    schema = _load(DATA / "schemas" / "article.schema.json")
    article = _load(DATA / "article.json")
    article["metadata"]["url"]["value"] = "https://example.org/made-up"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(article))


def test_check_annotations_accepts_the_gold_for_its_article():
    from medialit.article import load_article

    assert check_annotations(_load(DATA / "annotations.json"), load_article()) == []


def test_a_csv_row_with_extra_cells_is_reported_not_a_traceback(tmp_path):
    import shutil

    from medialit.data import data_dir

    folder = shutil.copytree(data_dir(), tmp_path / "data")
    path = folder / "lexicons" / "hedges.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "extra,row,with,too,many,cells,here,x\n",
        encoding="utf-8",
    )
    problems = validate_data(folder)
    assert any("lexicons/hedges.csv: cannot be read" in p and "more cells" in p for p in problems)


def test_a_bank_span_whose_text_does_not_match_the_article_is_named(data_copy):
    path = data_copy / "questions" / "04-words-that-frame.toml"
    text = path.read_text(encoding="utf-8")
    good = '"end" = 2111, "text" = "so-called"'
    broken = text.replace(good, good.replace("2111", "2110"))
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    problems = validate_data(data_copy)
    assert problems == [
        "questions/04-words-that-frame.toml: ex04_1 (tolerated 3): text 'so-called' does not "
        "match the article text at 2102-2110 ('so-calle')"
    ]
