"""The general lexicon of judgement words (data/lexicons/evaluative.csv) and camp/creed labels.

The sentences are written for these tests (never taken from a corpus).
"""

import csv
import importlib.util
import json
import sys
from pathlib import Path

import jsonschema
import pytest

import medialit
from medialit.data import lexicon

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "data" / "lexicons" / "README.md").read_text(encoding="utf-8")


def _found(text, technique_start):
    return [
        (d.category, d.text)
        for d in medialit.framing_devices(text)
        if d.technique.startswith(technique_start)
    ]


@pytest.fixture(scope="module")
def schema():
    path = ROOT / "data" / "schemas" / "evaluative.schema.json"
    return jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def test_rows_match_the_schema_and_the_file_is_listed_for_validation(schema):
    from medialit.validation import SCHEMAS

    rows = lexicon("evaluative")
    schema.validate(rows)
    assert SCHEMAS["lexicons/evaluative.csv"] == "evaluative.schema.json"
    kinds = {row["kind"] for row in rows}
    assert kinds == {"evaluative", "booster"}
    assert len({row["term"] for row in rows}) == len(rows)  # one row per word


@pytest.mark.parametrize(
    "change",
    [
        {"polarity": None},  # an evaluative word needs a direction
        {"valence": None, "subjectivity": None},  # and a score from one of the two lexicons
        {"valence": "7.5"},  # VADER's scale ends at 4
        {"term": "Two words"},
        {"origin": "hand-written"},
    ],
)
def test_schema_rejects_a_broken_row(schema, change):
    row = next(r for r in lexicon("evaluative") if r["kind"] == "evaluative" and r["valence"])
    with pytest.raises(jsonschema.ValidationError):
        schema.validate([dict(row, **change)])


def test_readme_gives_origin_version_address_and_licence():
    section = README[README.index("## The general lexicon") :]
    for needed in (
        "vaderSentiment 3.3.2",
        "MIT",
        "textblob 0.20.1",
        "PDDL",
        "https://github.com/cjhutto/vaderSentiment",
        "https://github.com/sloria/TextBlob",
        "benchmarks/build_evaluative_lexicon.py",
    ):
        assert needed in section, needed


def test_file_is_small_and_plain():
    path = ROOT / "data" / "lexicons" / "evaluative.csv"
    assert path.stat().st_size < 60_000
    with path.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == [
            "term",
            "kind",
            "pos",
            "polarity",
            "valence",
            "subjectivity",
            "origin",
        ]


def test_judgement_words_with_their_booster_and_the_thing_judged():
    text = (
        "Brutal attacks went on. It was a shameful deal, and utterly ridiculous, "
        "critics in Great Britain said."
    )
    assert _found(text, "judgement") == [
        ("loaded", "Brutal attacks"),  # opens a sentence: not taken for a name
        ("loaded", "shameful deal"),
        ("loaded", "utterly ridiculous"),  # "Great" in a name is skipped
    ]


def test_every_judgement_device_explains_itself_and_offers_an_alternative():
    devices = [
        d
        for d in medialit.framing_devices("A glorious victory and a disastrous retreat.")
        if d.technique.startswith("judgement")
    ]
    assert [d.text for d in devices] == ["glorious victory", "disastrous retreat"]
    assert "positive" in devices[0].explanation and "negative" in devices[1].explanation
    assert all(d.explanation.endswith(".") and d.alternative for d in devices)


def test_descriptive_words_are_not_judgements():
    # nouns and verbs are left out: news uses them to describe
    assert _found("The war killed many; peace talks failed.", "judgement") == []


def test_project_lexicon_terms_are_not_flagged_twice():
    devices = medialit.framing_devices("Moscow cites legitimate security interests.")
    assert [(d.category, d.technique, d.text) for d in devices] == [
        ("loaded", "loaded language", "legitimate security interests")
    ]


def test_camp_and_creed_labels_but_not_trades():
    text = "The globalists and a Marxist professor met a scientist, a journalist and a lobbyist."
    assert _found(text, "label (a camp") == [("label", "globalists"), ("label", "Marxist")]
    assert _found("The separatists insist on realism.", "label (a camp") == []  # naming row wins


def test_course_article_gains_few_devices():
    article = medialit.load_article()
    new = [
        d.text
        for d in medialit.framing_devices(article.text)
        if d.technique.startswith(("judgement", "label (a camp"))
    ]
    assert len(new) <= 3, new


def _build_module():
    path = ROOT / "benchmarks" / "build_evaluative_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_evaluative_lexicon", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_evaluative_lexicon"] = module
    spec.loader.exec_module(module)
    return module


def test_build_script_selects_by_the_documented_rule(tmp_path):
    """A miniature of the two packages' files: the script keeps what its docstring says."""
    site = tmp_path / "site"
    (site / "vaderSentiment").mkdir(parents=True)
    (site / "textblob" / "en").mkdir(parents=True)
    (site / "vaderSentiment" / "vader_lexicon.txt").write_text(
        "awful\t-3.1\t0.5\t[]\nwar\t-2.9\t0.5\t[]\nnice\t1.8\t0.5\t[]\n:)\t2.0\t0.5\t[]\n"
        "the\t2.5\t0.5\t[]\n",
        encoding="utf-8",
    )
    (site / "vaderSentiment" / "vaderSentiment.py").write_text(
        'BOOSTER_DICT = \\\n    {"very": B_INCR, "fracking": B_INCR, "barely": B_DECR}\n',
        encoding="utf-8",
    )
    (site / "textblob" / "en" / "en-sentiment.xml").write_text(
        '<sentiment><word form="nice" polarity="0.6" subjectivity="1.0" />'
        '<word form="nice" polarity="0.6" subjectivity="0.8" />'
        '<word form="first" polarity="0.5" subjectivity="1.0" />'
        '<word form="first" polarity="0.0" subjectivity="0.0" /></sentiment>',
        encoding="utf-8",
    )
    (site / "textblob" / "en" / "en-lexicon.txt").write_text(
        ";;; header\nawful JJ\nwar NN\nnice JJ\nfirst JJ\nvery RB\nfracking NN\nthe DT\n",
        encoding="utf-8",
    )
    rows = {row["term"]: row for row in _build_module().build(site)}
    # war: a noun; nice: valence 1.8 < 2 but Pattern's average 0.9 / 0.6 qualifies;
    # first: Pattern's average (0.25, 0.5) does not; the: a stopword; :) not a word;
    # fracking: a noun, so not a booster; barely lowers strength
    assert set(rows) == {"awful", "nice", "very"}
    assert rows["awful"]["origin"] == "vader" and rows["awful"]["polarity"] == "negative"
    assert rows["nice"]["origin"] == "pattern" and rows["nice"]["subjectivity"] == "0.9"
    assert rows["very"]["kind"] == "booster" and rows["very"]["polarity"] == ""


def test_an_attributed_short_quotation_after_a_determiner_is_a_quoted_label():
    text = 'Budget row\nSmith said the cuts were "painful", and called the rival plan a "fantasy".'
    devices = [(d.category, d.technique, d.text) for d in medialit.framing_devices(text)]
    assert ("label", "quoted label", '"fantasy"') in devices
    # "were" is no label word: Smith's "painful" is his judgement, not a name
    assert not any(d[1] == "quoted label" and "painful" in d[2] for d in devices)
    assert not any(d[0] == "scare_quotes" for d in devices)  # both are Smith's words


@pytest.fixture(scope="module")
def ext():
    """benchmarks/external.py, imported from its folder."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    return importlib.import_module("external")


def test_ptc_halves_follow_the_article_id(ext):
    assert [ext.ptc_half(n) for n in ("article2", "article111111113", "article")] == [
        "tune",
        "held-out",
        "held-out",
    ]


def test_split_rows_score_each_half(ext, tmp_path):
    text = "They signed a shameful deal. The critics left.\n"
    folder = tmp_path / "ptc"
    (folder / "articles").mkdir(parents=True)
    (folder / "labels").mkdir()
    start = text.index("shameful")
    for number in (2, 3):
        (folder / "articles" / f"article{number}.txt").write_text(text, encoding="utf-8")
    (folder / "labels" / "article2.task2-TC.labels").write_text(
        f"2\tLoaded_Language\t{start}\t{start + len('shameful')}\n", encoding="utf-8"
    )
    (folder / "labels" / "article3.task2-TC.labels").write_text("", encoding="utf-8")
    rows = {r["figure"]: r["value"] for r in ext._ptc_rows(folder, split=True)}
    # the prediction "shameful deal": 8 of its 13 characters are gold in article2, none in article3
    tune = rows["PTC tune (1 articles): Loaded_Language (medialit)"]
    assert tune.startswith("P 0.62 R 1.00 F1 0.76 (1 gold, 1 predicted)")
    held = rows["PTC held-out (1 articles): Loaded_Language (medialit)"]
    assert held.startswith("P 0.00 R 0.00 F1 0.00 (0 gold, 1 predicted)")
    assert "PTC: Loaded_Language (medialit)" in rows  # the table over all articles stays


def test_quotes_are_scored_as_name_calling(ext):
    spans = ext.medialit_framing('Budget row\nThe so-called "reform" passed.\n')
    assert "Name_Calling,Labeling" in spans


def test_main_runs_one_corpus(ext, tmp_path, capsys):
    assert ext.main(["--ptc", str(tmp_path / "none"), "--only", "ptc", "--split"]) == 0
    out = capsys.readouterr().out
    assert "| PTC " in out and "PolNeAR" not in out
