"""Gold annotations: spans equal their slices and the layers agree with each other."""

import json
import re
from pathlib import Path

import pytest

from medialit.article import load_article

DATA = Path(__file__).resolve().parent.parent / "data"
GOLD = json.loads((DATA / "annotations.json").read_text(encoding="utf-8"))
ARTICLE = load_article()
TEXT = ARTICLE.text


def _all_spans():
    for s in GOLD["sentences"]:
        yield f"sentences/{s['id']}", s
    for src in GOLD["sources"]:
        for m in src["mentions"]:
            yield f"sources/{src['id']}", m
    for a in GOLD["attributions"]:
        for part in ("source_span", "cue", "content"):
            if a[part] is not None:
                yield f"attributions/{a['id']}/{part}", a[part]
    for layer in ("unattributed", "framing", "claims"):
        for item in GOLD[layer]:
            yield f"{layer}/{item['id']}", item


@pytest.mark.parametrize(
    "where,span", list(_all_spans()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_span_equals_its_slice(where, span):
    assert TEXT[span["start"] : span["end"]] == span["text"], where


def test_gold_is_attached_to_the_course_article():
    assert ARTICLE.annotations["article"] == "rt-putin-china-peace-2023"


def test_sentences_are_exactly_article_sentences():
    assert [(s["id"], s["start"], s["end"]) for s in GOLD["sentences"]] == [
        (s.id, s.start, s.end) for s in ARTICLE.sentences
    ]


def test_every_sentence_has_exactly_one_class():
    ids = [s["id"] for s in GOLD["sentences"]]
    assert len(ids) == len(set(ids))
    assert all(
        s["class"] in {"direct", "indirect", "mixed", "unattributed"} for s in GOLD["sentences"]
    )


def _attributions_by_sentence():
    found = {}
    for a in GOLD["attributions"]:
        found.setdefault(a["sentence"], []).append(a["type"])
    return found


@pytest.mark.parametrize("sentence", GOLD["sentences"], ids=lambda s: s["id"])
def test_class_agrees_with_attribution_layer(sentence):
    types = _attributions_by_sentence().get(sentence["id"], [])
    if sentence["class"] == "unattributed":
        assert types == []
    elif sentence["class"] == "mixed":
        assert "mixed" in types or {"direct", "indirect"} <= set(types)
    else:
        assert types and set(types) == {sentence["class"]}


@pytest.mark.parametrize("sentence", GOLD["sentences"], ids=lambda s: s["id"])
def test_unattributed_sentences_are_covered_whole(sentence):
    whole = [
        u
        for u in GOLD["unattributed"]
        if (u["start"], u["end"]) == (sentence["start"], sentence["end"])
    ]
    assert bool(whole) == (sentence["class"] == "unattributed")


def test_attribution_parts_lie_in_order_within_reach():
    for a in GOLD["attributions"]:
        sentence = next(s for s in ARTICLE.sentences if s.id == a["sentence"])
        assert sentence.start <= a["content"]["start"] < a["content"]["end"] <= sentence.end, a[
            "id"
        ]
        if a["cue"] is not None:
            assert ARTICLE.paragraph_of(a["cue"]["start"]) == sentence.paragraph, a["id"]


def test_every_quote_mark_pair_in_attributed_sentences_is_inside_a_relation():
    """A quoted stretch in a direct or mixed sentence belongs to some attribution's content."""
    contents = [(a["content"]["start"], a["content"]["end"]) for a in GOLD["attributions"]]
    for s in GOLD["sentences"]:
        if s["class"] not in {"direct", "mixed"}:
            continue
        for match in re.finditer(r"[“‘]([^”’]+)", s["text"]):
            pos = s["start"] + match.start(1)
            assert any(start <= pos < end for start, end in contents), (s["id"], match.group(1))


def test_sources_are_the_ones_the_course_teaches():
    ids = {s["id"] for s in GOLD["sources"]}
    assert {"putin", "russia", "ukraine", "west", "china_paper", "cctv", "nato", "writer"} <= ids
    used = {a["source"] for a in GOLD["attributions"]}
    assert used == {"putin", "russia"}


def test_every_kiev_is_marked_as_a_naming_choice():
    marked = {
        f["start"] for f in GOLD["framing"] if f["category"] == "naming" and f["text"] == "Kiev"
    }
    assert marked == {m.start() for m in re.finditer("Kiev", TEXT)}


def test_framing_entries_explain_in_one_sentence():
    for f in GOLD["framing"]:
        assert f["explanation"].count(". ") == 0 and f["explanation"].endswith("."), f["id"]
        assert f["alternative"] is None or f["alternative"] != f["text"], f["id"]


def test_claims_have_fact_cards_and_a_reason():
    cards = {
        c["id"] for c in json.loads((DATA / "facts.json").read_text(encoding="utf-8"))["cards"]
    }
    for claim in GOLD["claims"]:
        assert claim["fact_cards"] and set(claim["fact_cards"]) <= cards, claim["id"]
        assert claim["reason"].endswith("."), claim["id"]
