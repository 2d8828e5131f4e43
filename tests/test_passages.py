"""Annotated passages in data/passages/: schema, offsets, and the rules the lessons rely on."""

import json
from pathlib import Path

import jsonschema
import pytest

from medialit import Article
from medialit.text import words

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "data" / "schemas" / "passage.schema.json").read_text(encoding="utf-8"))
PATHS = sorted((ROOT / "data" / "passages").glob("*.json"))


def _article(record: dict) -> Article:
    return Article(
        headline=record["headline"],
        standfirst=record["standfirst"],
        paragraphs=record["paragraphs"],
        annotations=record["annotations"],
    )


def _spans(gold: dict):
    """Yield (where, span) for every span in the gold layers."""
    for layer in ("sentences", "unattributed", "framing"):
        for item in gold[layer]:
            yield f"{layer}/{item['id']}", item
    for source in gold["sources"]:
        for n, mention in enumerate(source["mentions"]):
            yield f"sources/{source['id']}/mentions/{n}", mention
    for a in gold["attributions"]:
        for part in ("source_span", "cue", "content"):
            if a[part] is not None:
                yield f"attributions/{a['id']}/{part}", a[part]


@pytest.fixture(params=PATHS, ids=lambda p: p.name)
def record(request):
    return json.loads(request.param.read_text(encoding="utf-8"))


def test_there_is_a_passage_and_the_schema_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert PATHS, "data/passages/ holds no passage"


def test_passage_matches_its_schema(record):
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(record)
    ]
    assert errors == []


def test_every_span_matches_the_text(record):
    text = _article(record).text
    wrong = [
        (where, s["text"], text[s["start"] : s["end"]])
        for where, s in _spans(record["annotations"])
        if text[s["start"] : s["end"]] != s["text"]
    ]
    assert wrong == []


def test_sentences_are_the_articles_sentences_each_with_one_class(record):
    article = _article(record)
    gold = [(s["id"], s["start"], s["end"]) for s in record["annotations"]["sentences"]]
    assert gold == [(s.id, s.start, s.end) for s in article.sentences]


def test_attributed_sentences_have_a_relation_and_unattributed_ones_none(record):
    gold = record["annotations"]
    with_relation = {a["sentence"] for a in gold["attributions"]}
    for sentence in gold["sentences"]:
        attributed = sentence["class"] != "unattributed"
        assert (sentence["id"] in with_relation) == attributed, sentence["id"]
    sources = {s["id"] for s in gold["sources"]}
    assert {a["source"] for a in gold["attributions"]} <= sources


def test_attribution_types_agree_with_quote_marks(record):
    """A direct relation's content has no unquoted words around it.

    A mixed one holds a quotation.
    """
    text = _article(record).text
    for a in record["annotations"]["attributions"]:
        start, end = a["content"]["start"], a["content"]["end"]
        before, after = text[max(0, start - 1) : start], text[end : end + 2].lstrip(",.?!")
        if a["type"] == "direct":
            assert before in '“‘"' and after[:1] in '”’"', a["id"]
        if a["type"] == "mixed":
            assert any(mark in a["content"]["text"] for mark in '“‘"'), a["id"]


def test_a_constructed_passage_says_so_and_is_short(record):
    article = _article(record)
    assert record["constructed"] is True
    assert "not a real article" in record["notice"].lower()
    assert 120 <= len(words(article.text)) <= 200


def test_every_framing_item_lies_in_one_sentence(record):
    article = _article(record)
    for item in record["annotations"]["framing"]:
        first, last = article.sentence_at(item["start"]), article.sentence_at(item["end"] - 1)
        assert first is not None and first == last, item["id"]


@pytest.mark.parametrize(
    "notebook",
    [
        "lessons/07-putting-it-together.ipynb",
        "solutions/07-putting-it-together.ipynb",
        "exercises/07-putting-it-together.ipynb",
    ],
)
def test_the_passage_shown_in_lesson_and_exercises_07_is_the_data_file(notebook):
    record = json.loads(
        (ROOT / "data" / "passages" / "constructed-dubrava-nova.json").read_text(encoding="utf-8")
    )
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    shown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for part in [record["headline"], record["standfirst"], *record["paragraphs"], record["notice"]]:
        assert part in shown, f"{notebook}: {part[:40]!r} differs from the data file"
