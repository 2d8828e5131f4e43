"""Truth rules for the course's data (issue 12).

Sources first, attribution respected, sides sourced.

Each rule is a small function that returns the problems it finds; every test runs it on the
real data (no problems) and on a deliberately broken copy (the problem is found), so no test
here can pass whatever the data say.
"""

import copy
import csv
import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DOC = ROOT / "docs" / "sources-and-decisions.md"

#: Words that present a reported claim as the article's own statement of fact.
AS_FACT = re.compile(
    r"\b(states?|stated|asserts?|asserted|presents?|gives?|tells?)\b[^.;]*\bas (a )?fact\b"
    r"|\b(article|writer)\s+(states|asserts|claims)\b",
    re.IGNORECASE,
)
#: A used_by cell that attributes a term to a government, its officials or its media.
SIDE_WORDS = re.compile(
    r"\b(russian|ukrainian|western|chinese|american|kremlin|russia's|ukraine's|china's|moscow's|kyiv's)\b"
    r"[^,;]*\b(officials?|government|governments|media|army|forces|leaders?|ministry|state)\b",
    re.IGNORECASE,
)


def _json(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _rows(name: str) -> list[dict]:
    """Rows of a lexicon as medialit reads them (spaces stripped, empty cells None)."""
    with (DATA / "lexicons" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return [
            {k.strip(): (v.strip() or None) if v else None for k, v in row.items()}
            for row in csv.DictReader(handle)
        ]


# ------------------------------------------------------------------ rules


def cards_without_primary(facts: dict) -> list[str]:
    """Cards that cite no primary record and do not say why (with a secondary source)."""
    return [
        c["id"]
        for c in facts["cards"]
        if not c.get("primary") and not (c.get("primary_unavailable") and c.get("secondary"))
    ]


def sources_without_address_or_reason(facts: dict) -> list[str]:
    """Primary or agency sources with neither an address nor a note saying it was not verified."""
    missing = []
    for card in facts["cards"]:
        for source in card.get("primary", []) + card.get("agency", []):
            if not (
                source.get("url") or source.get("read_at")
            ) and "verified offline" not in source.get("note", ""):
                missing.append(f"{card['id']}: {source['title']}")
    return missing


def reasons_without_their_card(gold: dict) -> list[str]:
    """Claims whose reason names none of the fact cards the claim cites."""
    return [
        c["id"]
        for c in gold["claims"]
        if not any(re.search(rf"\b{cid}\b", c["reason"]) for cid in c["fact_cards"])
    ]


def attributed_claims_told_as_fact(gold: dict) -> list[str]:
    """Claims inside an attribution's content whose reason says the article states them as fact."""
    contents = [(a["content"]["start"], a["content"]["end"]) for a in gold["attributions"]]
    return [
        c["id"]
        for c in gold["claims"]
        if any(s <= c["start"] and c["end"] <= e for s, e in contents)
        and AS_FACT.search(c["reason"])
    ]


def side_rows_without_source(rows: list[dict]) -> list[str]:
    """Lexicon rows that name a side (in side, or in used_by) without a source for it."""
    return [
        r["term"]
        for r in rows
        if (r.get("side") or SIDE_WORDS.search(r["used_by"] or ""))
        and not (r.get("side") and r.get("source"))
    ]


def ids_missing_from_doc(gold: dict, facts: dict, doc: str) -> list[str]:
    """Claim and fact-card ids that the decisions doc does not name."""
    ids = [c["id"] for c in gold["claims"]] + [c["id"] for c in facts["cards"]]
    return [i for i in ids if not re.search(rf"\b{i}\b", doc)]


def doc_framing_ids_not_in_gold(gold: dict, doc: str) -> list[str]:
    """Framing ids the doc cites as current that the gold layer does not have."""
    current = doc.split("## What changed in the gold layers")[0]
    known = {f["id"] for f in gold["framing"]}
    return sorted({i.rstrip("-") for i in re.findall(r"\bF-[a-z0-9-]+", current)} - known)


#: the ex01_3 item names that the article's metadata files under another key
METADATA_KEY = {"author": "byline"}


def metadata_disagreeing_with_key(metadata: dict, key: dict) -> list[str]:
    """ex01_3 items whose keyed status differs from (or is missing in) the article's metadata."""
    found = {item: metadata.get(METADATA_KEY.get(item, item), {}).get("status") for item in key}
    return [
        f"{item}: key {status}, metadata {found[item]}"
        for item, status in key.items()
        if found[item] != status
    ]


def coverage_problems(facts: dict, lesson_text: str) -> list[str]:
    """Coverage cards the lesson does not cite, or with no address and no word it is unverified."""
    problems = []
    for card in facts["cards"]:
        if card.get("kind") != "coverage":
            continue
        if not re.search(rf"\bfact card {card['id']}\b", lesson_text):
            problems.append(f"{card['id']}: not cited in lesson 06")
        records = card.get("primary", []) + card.get("secondary", [])
        if not any(r.get("url") or "not verified offline" in r.get("note", "") for r in records):
            problems.append(f"{card['id']}: no address, and no word that it was not verified")
    return problems


def _markdown(stem: str) -> str:
    """The markdown cells of a lesson, joined."""
    nb = json.loads((ROOT / "lessons" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


#: at most this many questions of the whole bank may be built on one paragraph (issue 12, item 8)
MAX_ITEMS_ON_P7 = 3


def _bank() -> list[dict]:
    """Every question of the bank, in file order."""
    return [
        q
        for path in sorted((DATA / "questions").glob("*.toml"))
        for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]
    ]


def builds_on(question: dict, pid: str, article) -> bool:
    """Whether a question asks about paragraph ``pid`` of the article (not a mere reference).

    It does when its passage or rewrite is in the paragraph, its items are sentences of it,
    an answer span falls inside it, or its prompt or options name the paragraph or quote
    words that only this paragraph has. Hints, feedback and explanations do not count.
    Questions on the constructed passage of lesson 07 are about another text.
    """
    shown = " ".join(
        [question.get("prompt", "")] + [o["text"] for o in question.get("options", [])]
    )
    if "constructed passage" in shown:
        return False
    if any((question.get(k) or "").split(".")[0] == pid for k in ("passage", "rewrite_of")):
        return True
    if any(str(i).split(".")[0] == pid for i in question.get("items", [])):
        return True
    start, end = article.paragraph_spans[pid]
    answer = question.get("answer")
    if isinstance(answer, list) and any(
        isinstance(a, dict) and start <= a.get("start", -1) < end for a in answer
    ):
        return True
    if re.search(rf"\b{pid}(\.\d+)?\b|\bparagraph {pid[1:]}\b", shown):
        return True
    parts = [article.headline, article.standfirst, *article.paragraphs]
    own = article.paragraphs[int(pid[1:]) - 1]
    return any(
        len(words) >= 2 and [t for t in parts if quoted in t] == [own]
        for quoted in re.findall(r"“([^”]+)”", shown)
        for words in [quoted.split()]
    )


def _question(qid: str) -> dict:
    """One question of the bank."""
    for path in sorted((DATA / "questions").glob("*.toml")):
        for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]:
            if q["id"] == qid:
                return q
    raise KeyError(qid)


# ------------------------------------------------------------------ tests


def test_every_coverage_card_is_cited_where_the_coverage_is_compared():
    facts, lesson = _json("facts.json"), _markdown("06-checking-the-claims")
    assert {"F23", "F24", "F25", "F26", "F27", "F28"} <= {
        c["id"] for c in facts["cards"] if c.get("kind") == "coverage"
    }
    assert coverage_problems(facts, lesson) == []
    assert coverage_problems(facts, lesson.replace("fact card F24", "Meduza")) == [
        "F24: not cited in lesson 06"
    ]
    broken = copy.deepcopy(facts)
    next(c for c in broken["cards"] if c["id"] == "F24")["primary"][0].pop("url")
    assert coverage_problems(broken, lesson) == [
        "F24: no address, and no word that it was not verified"
    ]


def test_the_schema_accepts_coverage_cards_and_no_other_kind():
    schema, facts = _json("schemas/facts.schema.json"), _json("facts.json")
    jsonschema.Draft202012Validator(schema).validate(facts)
    broken = copy.deepcopy(facts)
    broken["cards"][-1]["kind"] = "opinion"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_paragraph_7_carries_at_most_three_questions_of_the_whole_bank():
    from medialit.article import load_article

    article, bank = load_article(), _bank()
    on_p7 = [q["id"] for q in bank if builds_on(q, "P7", article)]
    assert len(on_p7) <= MAX_ITEMS_ON_P7, f"questions built on paragraph 7: {on_p7}"
    assert {"ex04_1", "ex04_4"} <= set(on_p7)  # the spans item and the rewrite
    # the rule sees each way a question can build on a paragraph
    probes = [
        {"prompt": "Mark the words.", "passage": "P7.1"},
        {"prompt": "Rate these.", "items": ["P3.1", "P7.1"]},
        {"prompt": "Read paragraph 7 again."},
        {"prompt": "Why “received poorly”?"},
        {"prompt": "Mark it.", "answer": [{"start": 2018, "end": 2033}]},
    ]
    assert all(builds_on(q, "P7", article) for q in probes)
    assert not builds_on({"prompt": "In paragraph 3 of the constructed passage"}, "P3", article)
    assert not builds_on({"prompt": "What does “Western backers” mean?"}, "P7", article)  # S too
    assert not builds_on(_question("l04_2"), "P7", article)  # names P7 only in its explanation


#: count phrases of lessons 04-07 and their questions that state a count of the text, computed
COUNTS_04_07 = {
    "three words": lambda article, q: len(q["answer"]) if q else None,  # ex04_1: its spans
    "one word": lambda article, q: len(re.findall(r"“([^”]*)”", article.sentences[2].text)),
    "9 times": lambda article, q: len(re.findall(r"\bKiev\b", article.text)),
}
#: count phrases there that are not counts of the text (quotations, instructions, references)
NOT_COUNTS_04_07 = {
    "one sentence",
    "one-sentence",
    "two sentences",
    "one paragraph",  # "one paragraph a line" (an instruction)
    "eight times",  # TASS's headline, quoted
    "one side's words",
    "three quote",  # "the three quote marks" of a code cell
    "2 quotes",
    "3 quotes",
    "6 even quotes",
    "8 the quote",
    "9 quotes",  # "paragraph 9 quotes", "P8 the quote": paragraph numbers, not counts
}


def counts_not_computed(places: list[tuple[str, str, dict | None]], article) -> list[str]:
    """Count phrases of lessons 04-07 that are neither computed from the text nor excused."""
    from test_conventions import _LINKS, COUNT_PHRASE, _number

    problems = []
    for place, text, question in places:
        for match in COUNT_PHRASE.finditer(_LINKS.sub(" ", text)):
            phrase = match.group(0).lower()
            if phrase in NOT_COUNTS_04_07:
                continue
            if phrase not in COUNTS_04_07:
                problems.append(f"{place}: {phrase!r} is not computed")
            elif COUNTS_04_07[phrase](article, question) != _number(phrase):
                problems.append(f"{place}: {phrase!r} disagrees with the text")
    return problems


def _places_04_07() -> list[tuple[str, str, dict | None]]:
    """(place, text, question) for the markdown and bank fields of lessons 04-07."""
    places: list[tuple[str, str, dict | None]] = []
    for path in sorted((ROOT / "lessons").glob("0[4-7]-*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                places.append((f"{path.stem} {cell['id']}", "".join(cell["source"]), None))
    for q in _bank():
        if re.match(r"^(l|ex)0[4-7]_", q["id"]):
            shown = {k: v for k, v in q.items() if k not in ("right_examples", "wrong_examples")}
            places.append((q["id"], json.dumps(shown, ensure_ascii=False), q))
    return places


def test_every_count_stated_in_lessons_04_to_07_is_computed_from_the_text():
    from medialit.article import load_article

    article, places = load_article(), _places_04_07()
    assert article.sentences[2].id == "P1.1"
    assert counts_not_computed(places, article) == []
    typed = [("lesson 04", "Paragraph 7 has four loaded words.", None)]
    assert counts_not_computed(typed, article) == ["lesson 04: 'four loaded words' is not computed"]
    wrong = [("ex04_1", "Mark the three words.", {"answer": [{"start": 0}, {"start": 9}]})]
    assert counts_not_computed(wrong, article) == ["ex04_1: 'three words' disagrees with the text"]


def notes_out_of_step(notes: str, questions: list[dict]) -> list[str]:
    """Questions whose prompt or explanation the instructor notes give differently."""
    problems = []
    for q in questions:
        section = re.search(
            rf"^### {q['id']} .*?\n\n(.*?)\n\n\*\*Answer:\*\*.*?\n\n\*\*Why:\*\* (.*?)\n",
            notes,
            re.S | re.M,
        )
        if not section:
            problems.append(f"{q['id']}: no section")
        elif section.groups() != (q["prompt"], q["explanation"]):
            problems.append(f"{q['id']}: prompt or explanation differs from the bank")
    return problems


def test_the_instructor_notes_give_each_prompt_and_explanation_as_the_bank_does():
    problems = []
    for path in sorted((DATA / "questions").glob("*.toml")):
        notes = (ROOT / "docs" / "instructor" / f"{path.stem}.md").read_text(encoding="utf-8")
        questions = tomllib.loads(path.read_text(encoding="utf-8"))["questions"]
        problems += notes_out_of_step(notes, questions)
    assert problems == []
    notes = (ROOT / "docs" / "instructor" / "06-checking-the-claims.md").read_text(encoding="utf-8")
    stale = notes.replace("(fact card F23); nobody", "(fact card F9); nobody")
    assert notes_out_of_step(stale, [_question("l06_6")]) == [
        "l06_6: prompt or explanation differs from the bank"
    ]


def test_the_articles_metadata_statuses_are_the_ex01_3_key():
    metadata, key = _json("article.json")["metadata"], _question("ex01_3")["answer"]
    assert metadata_disagreeing_with_key(metadata, key) == []
    assert metadata["outlet"]["status"] == "reconstructed"  # the copy never names RT
    broken = copy.deepcopy(metadata)
    broken["outlet"]["status"] = "known"
    broken.pop("interviewer")
    assert metadata_disagreeing_with_key(broken, key) == [
        "outlet: key reconstructed, metadata known",
        "interviewer: key reconstructed, metadata None",
    ]


def test_every_card_cites_a_primary_record():
    facts = _json("facts.json")
    assert cards_without_primary(facts) == []
    broken = copy.deepcopy(facts)
    broken["cards"][13].pop("primary")
    assert cards_without_primary(broken) == ["F14"]


def test_the_schema_rejects_a_card_without_a_primary_source():
    schema = _json("schemas/facts.schema.json")
    facts = _json("facts.json")
    jsonschema.Draft202012Validator(schema).validate(facts)
    broken = copy.deepcopy(facts)
    broken["cards"][0]["primary"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)
    excused = copy.deepcopy(broken)
    excused["cards"][0]["primary_unavailable"] = "The record is not published."
    jsonschema.Draft202012Validator(schema).validate(excused)  # it still has secondary sources
    excused["cards"][0].pop("secondary")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(excused)


def test_the_schema_rejects_a_card_without_an_agency_or_a_reason():
    schema = _json("schemas/facts.schema.json")
    broken = _json("facts.json")
    card = next(c for c in broken["cards"] if c.get("agency"))
    card.pop("agency")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_sources_give_an_address_or_say_it_was_not_verified(tmp_path):
    facts = _json("facts.json")
    assert sources_without_address_or_reason(facts) == []
    broken = copy.deepcopy(facts)
    source = broken["cards"][6]["primary"][0]
    source.pop("url")
    source["note"] = "The declaration."
    (tmp_path / "facts.json").write_text(json.dumps(broken), encoding="utf-8")
    reloaded = json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))
    assert sources_without_address_or_reason(reloaded) == [
        "F7: Bucharest Summit Declaration, paragraph 23"
    ]


def test_every_claim_reason_names_its_fact_card():
    gold = _json("annotations.json")
    assert reasons_without_their_card(gold) == []
    broken = copy.deepcopy(gold)
    broken["claims"][0]["reason"] = "The last face-to-face round was in Istanbul."
    assert reasons_without_their_card(broken) == ["C1"]


def test_a_claim_inside_an_attribution_is_never_the_articles_statement_of_fact():
    gold = _json("annotations.json")
    assert attributed_claims_told_as_fact(gold) == []
    broken = copy.deepcopy(gold)
    c12 = next(c for c in broken["claims"] if c["id"] == "C12")
    c12["reason"] = "The article states it as fact with no evidence (F9)."
    assert attributed_claims_told_as_fact(broken) == ["C12"]


def test_an_unattributed_claim_may_be_the_writers_statement():
    gold = copy.deepcopy(_json("annotations.json"))
    c1 = next(c for c in gold["claims"] if c["id"] == "C1")  # P3.1, the writer's own sentence
    c1["reason"] = "The article states it as fact, and the record agrees (F6)."
    assert attributed_claims_told_as_fact(gold) == []


@pytest.mark.parametrize("name", ["naming", "loaded_terms"])
def test_every_row_that_names_a_side_cites_a_source(name):
    rows = _rows(name)
    assert side_rows_without_source(rows) == []
    broken = [dict(r) for r in rows]
    sided = next(r for r in broken if r["side"])
    sided["source"] = None
    unmarked = next(r for r in broken if not r["side"])
    unmarked["used_by"] = "Russian officials and state media"
    assert side_rows_without_source(broken) == [r["term"] for r in broken if r in (sided, unmarked)]


@pytest.mark.parametrize("name", ["naming", "loaded_terms"])
def test_the_lexicon_schema_requires_a_source_with_a_side(name):
    schema = _json(f"schemas/{name}.schema.json")
    rows = _rows(name)
    jsonschema.Draft202012Validator(schema).validate(rows)
    broken = [dict(r) for r in rows]
    next(r for r in broken if r["side"])["source"] = None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_occupied_and_annexation_are_not_one_sides_words():
    rows = {r["term"]: r for r in _rows("naming")}
    for term in ("occupied", "annexation"):
        assert rows[term]["side"] is None and rows[term]["alternative"] is None, term
        assert re.search(r"\bF1[56]\b", rows[term]["source"] or ""), term
    assert rows["reunification"]["side"] and "F15" in rows["reunification"]["source"]


def test_reporting_verbs_include_the_third_person_forms():
    forms = {f for row in _rows("reporting_verbs") for f in row["forms"].split()}
    assert {"recalls", "claims", "states", "says", "notes", "adds", "insists", "tells"} <= forms


def test_the_decisions_doc_names_every_claim_and_card():
    gold, facts, doc = (
        _json("annotations.json"),
        _json("facts.json"),
        DOC.read_text(encoding="utf-8"),
    )
    assert ids_missing_from_doc(gold, facts, doc) == []
    assert ids_missing_from_doc(gold, facts, doc.replace("C14", "C-fourteen")) == ["C14"]


def test_the_decisions_doc_cites_only_framing_ids_the_gold_has():
    gold, doc = _json("annotations.json"), DOC.read_text(encoding="utf-8")
    assert doc_framing_ids_not_in_gold(gold, doc) == []
    assert doc_framing_ids_not_in_gold(gold, "See F-no-such-item.\n" + doc) == ["F-no-such-item"]


def test_the_decisions_doc_covers_the_contested_readings():
    doc = DOC.read_text(encoding="utf-8")
    for anchor in (
        "P8",
        "P1.1",
        "translation",
        "unsupported",
        "Cold War mentality",
        "30 September",
        "4 October",
        "regime",
        "push",
        "so-called",
        "ex01_3",
        "NATO",
        "3,404",
    ):
        assert anchor in doc, anchor
