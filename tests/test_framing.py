"""Framing devices: lexicon terms, patterns, lexicon files and bad input."""

import json
from pathlib import Path

import pytest

import medialit
from medialit.analysis.framing import CATEGORIES, FramingDevice, hedges
from medialit.data import lexicon

ROOT = Path(__file__).resolve().parent.parent


def _devices(text, category):
    return [d for d in medialit.framing_devices(text) if d.category == category]


@pytest.fixture(scope="module")
def article_devices():
    article = medialit.load_article()
    return article.text, medialit.framing_devices(article.text)


def test_article_naming_and_labels(article_devices):
    text, devices = article_devices
    kiev = [d for d in devices if d.text == "Kiev"]
    assert len(kiev) == text.count("Kiev")
    assert all(d.category == "naming" and d.alternative == "Kyiv" for d in kiev)
    labels = {d.text for d in devices if d.category == "label"}
    assert "Kiev regime" in labels
    # ordinary wire wording is not flagged;
    # "US-led military bloc" is a naming choice (NATO is named)
    assert "Western backers" not in {d.text for d in devices}
    assert "US-led military bloc" in {d.text for d in devices if d.category == "naming"}
    assert "regime" not in labels  # inside "Kiev regime": the longer device wins


def test_article_patterns(article_devices):
    text, devices = article_devices
    by_category = {}
    for d in devices:
        by_category.setdefault(d.category, []).append(d.text)
        assert text[d.start : d.end] == d.text
        assert d.category in CATEGORIES and d.explanation
    assert by_category["so_called"] == ["so-called"]
    assert "“peace formula”" in by_category["scare_quotes"]
    assert by_category["editorial_insertion"] == ["[Western powers]"]
    assert "the outbreak of" in by_category["nominalisation"]
    assert "year after year, year after year" in by_category["repetition"]
    assert by_category["headline_quote"] == ["‘realistic basis’"]
    # "enormous" and "ready" are quoted inside Putin's attributed words: not scare quotes
    assert "“enormous”" not in by_category["scare_quotes"]
    assert "“ready”" not in by_category["scare_quotes"]


def test_both_sides_terms_get_the_same_lens():
    text = (
        "The orcs shelled the village again, a spokesman for the terrorist state said. "
        "State television said the Kiev regime and its neo-Nazis were to blame."
    )
    labels = {d.text for d in _devices(text, "label")}
    assert labels == {"orcs", "terrorist state", "Kiev regime", "neo-Nazis"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Three people were killed on Sunday.", ["were killed"]),
        ("Three people were killed by a falling tree.", []),
        ("The plan was quietly dropped.", ["was quietly dropped"]),
        ("The road is open.", []),
    ],
)
def test_agentless_passive(text, expected):
    assert [d.text for d in _devices(text, "agentless")] == expected


def test_nominalisation_and_its_stop_list():
    assert [
        d.text for d in _devices("After the withdrawal of troops, talks began.", "nominalisation")
    ] == ["the withdrawal of"]
    assert _devices("The position of the party is clear.", "nominalisation") == []


def test_repetition_rules():
    assert [
        d.text for d in _devices("We warned them, warned them, and they laughed.", "repetition")
    ] == ["warned them, warned them"]
    assert (
        _devices("The city grew and the city slept.", "repetition") == []
    )  # 2 words apart: not counted
    assert [d.text for d in _devices("The city is big and the city is old.", "repetition")] == [
        "the city is"
    ]


def test_naming_flags_only_forms_with_an_alternative():
    text = "Kyiv and Kiev; the Donbas and the Donbass; the special military operation."
    naming = [(d.text, d.alternative) for d in _devices(text, "naming")]
    assert naming == [
        ("Kiev", "Kyiv"),
        ("Donbass", "Donbas"),
        ("special military operation", "the war / the invasion (say whose term each is)"),
    ]
    assert [d.text for d in _devices(text, "euphemism")] == ["special military operation"]


def test_spelling_variants_ignore_apostrophes_and_accents():
    found = {
        d.text for d in _devices("The Western-backed coup d'etat and the coup d’état.", "naming")
    }
    assert found == {"coup d'etat", "coup d’état"}


def test_hedges_and_intensifiers():
    found = hedges("Prices may rise, and the entire plan could fail.")
    assert [(h["term"], h["kind"]) for h in found] == [
        ("may", "hedge"),
        ("entire", "intensifier"),
        ("could", "hedge"),
    ]


@pytest.mark.parametrize("bad", [None, 3.5, b"text"])
def test_non_string_gives_clear_type_error(bad):
    with pytest.raises(TypeError, match="needs the article as a string"):
        medialit.framing_devices(bad)


@pytest.mark.parametrize("text", ["", "  ", "Ничего здесь нет.", 'An "open quote and no close.'])
def test_odd_text_gives_a_list(text):
    assert isinstance(medialit.framing_devices(text), list)


def test_one_megabyte_text(article_devices):
    text, devices = article_devices
    big = (text + "\n") * (1_000_000 // len(text) + 1)
    # the headline quote counts once: later copies of the headline are not line 1
    assert len(medialit.framing_devices(big)) >= (len(devices) - 1) * (1_000_000 // len(text))


def test_deterministic(article_devices):
    text, devices = article_devices
    assert medialit.framing_devices(text) == devices
    assert "0x" not in repr(devices) and isinstance(devices[0], FramingDevice)
    assert [(d.start, d.end) for d in devices] == sorted((d.start, d.end) for d in devices)


@pytest.mark.parametrize("name", ["reporting_verbs", "naming", "loaded_terms", "hedges"])
def test_lexicon_rows_match_their_schema(name):
    import jsonschema

    schema = json.loads(
        (ROOT / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    rows = lexicon(name)
    jsonschema.Draft202012Validator(schema).validate(rows)
    broken = [dict(rows[0], extra="x")]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_loaded_terms_cover_both_sides():
    users = " ".join(row["used_by"] for row in lexicon("loaded_terms")).lower()
    assert "russian" in users and "ukrainian" in users


def test_categories_match_the_gold_annotation_schema():
    schema = json.loads(
        (ROOT / "data" / "schemas" / "annotations.schema.json").read_text(encoding="utf-8")
    )
    assert tuple(schema["$defs"]["framing"]["properties"]["category"]["enum"]) == CATEGORIES
    lexicon_categories = {
        row["category"] for name in ("naming", "loaded_terms") for row in lexicon(name)
    }
    assert lexicon_categories <= set(CATEGORIES)


def test_course_article_gold_framing_recall():
    """Most gold framing devices of the article are found.

    The rest need reading, e.g. selection.
    """
    gold = medialit.load_article().annotations["framing"]
    text = medialit.load_article().text
    devices = medialit.framing_devices(text)
    found = [
        g
        for g in gold
        if any(
            d.category == g["category"] and d.start < g["end"] and g["start"] < d.end
            for d in devices
        )
    ]
    assert len(found) / len(gold) >= 0.7


# ---------------------------------------------------------------- the headline rule


def _quotes(text):
    return [
        (d.category, d.text)
        for d in medialit.framing_devices(text)
        if d.category in ("headline_quote", "scare_quotes")
    ]


def test_one_sentence_has_no_headline():
    """P7.1 alone (as the rewrite lab passes it): its scare quotes stay scare quotes."""
    sentence = next(s for s in medialit.load_article().sentences if s.id == "P7.1")
    devices = medialit.framing_devices(sentence.text)
    assert ("scare_quotes", "“peace formula”") in _quotes(sentence.text)
    assert not [d for d in devices if "headline" in d.category + d.technique + d.explanation]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a headline line, then the body: the headline's quotation is a headline quote
        (
            "Water firm fined over 'shocking' pollution\nThe firm was fined £3m on Monday.",
            [("headline_quote", "'shocking'")],
        ),
        # blank lines before the headline and between the lines do not matter
        (
            "\n\n  Water firm fined over 'shocking' pollution\n\nThe firm was fined on Monday.",
            [("headline_quote", "'shocking'")],
        ),
        # the first line is a full sentence of the body (full stop): no headline
        (
            "The firm's 'green' pledge came to nothing.\nIt was fined £3m on Monday.",
            [("scare_quotes", "'green'")],
        ),
        # ... also when a closing quote mark follows the full stop
        (
            "The firm's pledge was 'green.'\nIt was fined £3m on Monday.",
            [("scare_quotes", "'green.'")],
        ),
        # one line only: no headline, even without a full stop
        ("Water firm fined over 'shocking' pollution", [("scare_quotes", "'shocking'")]),
        # a first line of more than HEADLINE_MAX_WORDS words is a paragraph
        (
            "The firm that runs the river works in the north of the county and serves "
            "many towns kept its 'green' pledge for years\nIt was fined on Monday.",
            [("scare_quotes", "'green'")],
        ),
    ],
)
def test_headline_rule(text, expected):
    assert _quotes(text) == expected


def test_pasted_text_with_a_headline_in_the_explorer_record():
    """The explorer's record of a pasted article still finds the headline's quotation."""
    from medialit.analysis import analyse
    from medialit.article import Article

    pasted = Article.from_text(
        "Council approves 'painful' budget – mayor\n"
        "The council approved the budget on Monday, the mayor said."
    )
    record = analyse(pasted)
    assert [(d.category, d.text) for d in record.framing if "quote" in d.category] == [
        ("headline_quote", "'painful'")
    ]
    with_headline = Article.from_text(
        "The council approved the budget on Monday.", headline="Council's 'painful' budget"
    )
    assert ("headline_quote", "'painful'") in [
        (d.category, d.text) for d in analyse(with_headline).framing
    ]
