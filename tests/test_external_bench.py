"""benchmarks/external.py: corpus readers and scorers on small corpora written here.

The corpora are synthetic (sentences written for these tests, never taken from
PolNeAR or PTC); every expected figure is worked out by hand in the comments.
"""

import importlib.util
import stat
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

TEXT = (
    "Budget row in Riverton\n"
    "The mayor said the budget was balanced.\n"
    "Critics believe the plan will fail.\n"
    '"We will fight this," said Ann Lee.\n'
)


@pytest.fixture(scope="module")
def ext():
    """Import benchmarks/external.py as a module."""
    spec = importlib.util.spec_from_file_location("external", ROOT / "benchmarks" / "external.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["external"] = module
    spec.loader.exec_module(module)
    return module


def _at(text, phrase, after=0):
    """(start, end) of ``phrase`` in ``text``."""
    start = text.index(phrase, after)
    return start, start + len(phrase)


def _t(number, kind, span, text):
    """One brat T line."""
    return f"T{number}\t{kind} {span[0]} {span[1]}\t{text[span[0] : span[1]]}"


def _ann_lines(text):
    """Gold for TEXT: three relations (one without a written source) and a Discuss span."""
    mayor, said = _at(text, "The mayor"), _at(text, "said")
    content1 = _at(text, "the budget was balanced")
    critics, believe, content2 = (
        _at(text, "Critics"),
        _at(text, "believe"),
        _at(text, "the plan will fail"),
    )
    quote = _at(text, '"We will fight this,"')
    lee, said2 = _at(text, "Ann Lee"), _at(text, "said", quote[1])
    return [
        _t(1, "Source", mayor, text),
        _t(2, "Cue", said, text),
        _t(3, "Content", content1, text),
        _t(4, "Attribution", said, text),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        _t(5, "Source", critics, text),
        _t(6, "Cue", believe, text),
        _t(7, "Content", content2, text),
        _t(8, "Attribution", believe, text),
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        _t(9, "Cue", said2, text),
        _t(10, "Content", quote, text),
        _t(11, "Attribution-no-source", said2, text),
        "E3\tAttribution-no-source:T11 Cue:T9 Content:T10",
        _t(12, "Source", lee, text),
        _t(13, "Discuss", lee, text),
    ]


def _polnear(tmp_path, splits=("dev", "train")):
    """A PolNeAR-shaped folder: one article per split, two annotator files for dev."""
    folder = tmp_path / "polnear"
    for split in splits:
        (folder / split / "text").mkdir(parents=True)
        (folder / split / "attributions").mkdir()
        (folder / split / "text" / "paper_2016-01-01_budget.txt").write_text(TEXT, encoding="utf-8")
        (folder / split / "attributions" / "paper_2016-01-01_budget_aaaa.ann").write_text(
            "\n".join(_ann_lines(TEXT)) + "\n", encoding="utf-8"
        )
    (folder / "dev" / "attributions" / "paper_2016-01-01_budget_bbbb.ann").write_text(
        "T1\tSource 0 6\tBudget\n", encoding="utf-8"
    )  # the second annotator: never read
    return folder


PTC_TEXT = "They are traitors and cowards, and the shameful deal is a disaster.\n"


def _ptc(tmp_path):
    """A PTC-shaped folder with one article and three gold spans."""
    folder = tmp_path / "ptc"
    (folder / "articles").mkdir(parents=True)
    (folder / "labels").mkdir()
    (folder / "articles" / "article1.txt").write_text(PTC_TEXT, encoding="utf-8")
    rows = [
        ("Name_Calling,Labeling", _at(PTC_TEXT, "traitors and cowards")),
        ("Loaded_Language", _at(PTC_TEXT, "shameful")),
        ("Loaded_Language", _at(PTC_TEXT, "disaster")),
    ]
    (folder / "labels" / "article1.task2-TC.labels").write_text(
        "".join(f"1\t{k}\t{s}\t{e}\n" for k, (s, e) in rows), encoding="utf-8"
    )
    return folder


# ------------------------------------------------------------------ readers


def test_polnear_reader_takes_the_first_annotator_and_every_relation_kind(ext, tmp_path):
    docs = ext.load_polnear(_polnear(tmp_path), "dev")
    assert [d.name for d in docs] == ["paper_2016-01-01_budget"]
    rel = docs[0].relations
    assert (
        len(rel) == 3
    )  # two with a source, one Attribution-no-source; the Discuss span is no relation
    assert [TEXT[s:e] for s, e in rel[0].content] == ["the budget was balanced"]
    assert rel[0].source_text == "The mayor" and not rel[0].quoted
    assert rel[2].source == () and rel[2].quoted


def test_polnear_reader_joins_content_fragments(ext, tmp_path):
    text = '"One," he said, "two."\n'
    lines = [
        f"T1\tContent 0 6;16 22\t{text[0:6]} {text[16:22]}",
        "T2\tCue 10 14\tsaid",
        "T3\tSource 7 9\the",
        'T4\tContent 16 22\t"two."',
        "E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3 Content2:T4",
    ]
    (rel,) = ext._relations(text, lines)
    assert rel.content == ((0, 6), (16, 22), (16, 22)) and rel.source_text == "he"


def test_ptc_reader_groups_spans_by_technique(ext, tmp_path):
    (doc,) = ext.load_ptc(_ptc(tmp_path))
    assert doc.name == "article1" and len(doc.spans["Loaded_Language"]) == 2
    assert PTC_TEXT[slice(*doc.spans["Name_Calling,Labeling"][0])] == "traitors and cowards"


def test_missing_folders_raise_for_the_readers(ext, tmp_path):
    with pytest.raises(FileNotFoundError):
        ext.load_polnear(tmp_path / "nowhere", "dev")
    with pytest.raises(FileNotFoundError):
        ext.load_ptc(tmp_path / "nowhere")


def test_paths_come_from_the_argument_then_the_environment(ext, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_POLNEAR", str(tmp_path / "env"))
    assert ext.polnear_path(tmp_path / "arg") == tmp_path / "arg"
    assert ext.polnear_path() == tmp_path / "env"
    monkeypatch.delenv("MEDIALIT_PTC", raising=False)
    assert ext.ptc_path() == ROOT.parent / "shared" / "corpora" / "ptc"


# ------------------------------------------------------------- PolNeAR score


def _run(ext, doc, preds):
    return ext.Run(predictions={doc.name: preds})


def test_half_of_the_shorter_span_is_enough_and_less_is_not(ext):
    gold = ext.Relation(content=((0, 10),), source=(), source_text="", cue=(), quoted=False)
    assert ext._matches(ext.Prediction("indirect", 5, 40, None, ""), gold)  # 5 of the shorter 10
    assert not ext._matches(ext.Prediction("indirect", 6, 40, None, ""), gold)  # 4 of 10
    assert not ext._matches(ext.Prediction("indirect", 10, 12, None, ""), gold)  # touching only


def test_polnear_scores_worked_by_hand(ext, tmp_path):
    (doc,) = ext.load_polnear(_polnear(tmp_path), "dev")
    mayor_content = _at(TEXT, "the budget was balanced")
    quote = _at(TEXT, "We will fight this")
    preds = [
        ext.Prediction("indirect", *mayor_content, _at(TEXT, "The mayor"), "mayor"),  # right source
        ext.Prediction("direct", *quote, None, "Ann Lee"),  # gold has no source: never right
        ext.Prediction("indirect", *_at(TEXT, "Budget row"), None, "nobody"),  # matches nothing
    ]
    scores = ext.score_polnear([doc], _run(ext, doc, preds))
    content = scores["content"]  # 2 of 3 predictions match; 2 of 3 gold are found
    assert (content["matched_predicted"], content["predicted"]) == (2, 3)
    assert (content["matched_gold"], content["gold"]) == (2, 3)
    assert content["f1"] == pytest.approx(2 / 3)
    right = scores["content, right source"]  # only the mayor's relation has its source right
    assert right["precision"] == pytest.approx(1 / 3) and right["recall"] == pytest.approx(1 / 3)
    quoted = scores["quoted"]  # one quoted gold; the direct prediction finds it
    assert (quoted["precision"], quoted["recall"], quoted["f1"]) == (1.0, 1.0, 1.0)
    assert scores["quoted, right source"]["recall"] == 0.0


def test_quoted_recall_counts_a_quote_found_as_any_kind(ext, tmp_path):
    (doc,) = ext.load_polnear(_polnear(tmp_path), "dev")
    preds = [ext.Prediction("indirect", *_at(TEXT, "We will fight this"), None, "Ann Lee")]
    scores = ext.score_polnear([doc], _run(ext, doc, preds))
    assert scores["quoted"]["recall"] == 1.0 and scores["quoted"]["predicted"] == 0
    assert scores["quoted, kinds direct/mixed only"]["recall"] == 0.0


def test_right_source_by_the_speakers_last_word(ext, tmp_path):
    (doc,) = ext.load_polnear(_polnear(tmp_path), "dev")
    gold = doc.relations[1]  # source "Critics"
    content = gold.content[0]
    assert ext._right_source(ext.Prediction("indirect", *content, None, "the critics"), gold)
    assert not ext._right_source(ext.Prediction("indirect", *content, None, "critic"), gold)
    assert ext._right_source(ext.Prediction("indirect", *content, _at(TEXT, "Critics"), "x"), gold)


def test_a_crash_is_counted_with_the_article_and_scores_as_nothing(ext, tmp_path):
    docs = ext.load_polnear(_polnear(tmp_path), "dev")

    def broken(text):
        raise IndexError("list index out of range")

    run = ext.analyse_corpus(docs, broken)
    assert run.errors == [("paper_2016-01-01_budget", "IndexError")]
    assert ext.score_polnear(docs, run)["content"]["recall"] == 0.0


def test_misses_are_sorted_into_classes(ext, tmp_path):
    docs = ext.load_polnear(_polnear(tmp_path), "dev")
    quote = _at(TEXT, "We will fight this")
    preds = [ext.Prediction("direct", *quote, None, "Ann Lee")]
    misses = ext.classify_misses(docs, _run(ext, docs[0], preds))
    content = {k: len(v) for k, v in misses["content"].items()}
    assert content == {
        "other (cue, then content)": 1,  # "said" is a lexicon verb: a plain miss
        "cue is a belief, intention or endorsement word": 1,
    }
    assert list(misses["source"]) == ["no source predicted (continuation)"]


def test_a_colon_before_the_content_is_its_own_class(ext):
    text = "The mayor said: the budget is fine.\n"
    lines = [
        "T1\tSource 0 9\tThe mayor",
        "T2\tCue 10 14\tsaid",
        "T3\tContent 16 34\tthe budget is fine",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
    ]
    doc = ext.Document("colon", text, ext._relations(text, lines))
    misses = ext.classify_misses([doc], ext.Run(predictions={"colon": []}))
    assert list(misses["content"]) == ["content introduced by a colon"]


# ----------------------------------------------------------------- PTC score


def test_ptc_character_overlap_worked_by_hand(ext, tmp_path):
    docs = ext.load_ptc(_ptc(tmp_path))
    shameful = _at(PTC_TEXT, "shameful")
    deal = _at(PTC_TEXT, "shameful deal")  # 8 of its 13 characters are gold
    run = ext.Run(predictions={"article1": {"Loaded_Language": (shameful, deal)}})
    scores = ext.score_ptc(docs, run, ("Loaded_Language", "Name_Calling,Labeling"))
    loaded = scores["Loaded_Language"]
    assert loaded["precision"] == pytest.approx((1 + 8 / 13) / 2)
    assert loaded["recall"] == pytest.approx((1 + 0) / 2)  # "shameful" found, "disaster" not
    assert scores["Name_Calling,Labeling"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "predicted": 0,
        "gold": 1,
    }


def test_medialit_framing_maps_categories_to_techniques(ext):
    spans = ext.medialit_framing("The Kiev regime and its so-called reforms.\n")
    assert "Name_Calling,Labeling" in spans and "Doubt" in spans
    assert all(technique in ext.PTC_REPORTED for technique in spans)


# --------------------------------------------------------------------- rows


def test_missing_corpora_give_not_available_rows(ext, tmp_path, monkeypatch):
    monkeypatch.delenv("TEXTACY_PYTHON", raising=False)
    rows = ext.external_rows(tmp_path / "no-polnear", tmp_path / "no-ptc")
    assert [r["figure"] for r in rows] == ["PolNeAR dev", "PolNeAR train", "PTC"]
    assert all(r["value"].startswith("not available") and r["met"] is None for r in rows)


def test_rows_on_small_corpora_carry_the_targets(ext, tmp_path, monkeypatch):
    monkeypatch.delenv("TEXTACY_PYTHON", raising=False)
    rows = {r["figure"]: r for r in ext.external_rows(_polnear(tmp_path), _ptc(tmp_path))}
    assert rows["PolNeAR dev: content (medialit)"]["target"] == "F1 >= 0.70"
    assert rows["PolNeAR dev: quoted, right source (medialit)"]["target"] == "R >= 0.85"
    assert rows["PolNeAR train: content (medialit)"]["met"] is None  # held out: reported
    assert rows["PolNeAR dev: articles that raise (medialit)"]["value"] == "0/1"
    assert rows["PolNeAR dev: quoted (textacy)"]["value"] == "not run ($TEXTACY_PYTHON not set)"
    assert rows["PolNeAR train+dev: 2 articles, CPU time (medialit)"]["target"] == "< 15 s"
    assert rows["PTC: Loaded_Language (medialit)"]["target"] == "F1 >= 0.30"
    for row in rows.values():
        assert isinstance(row["met"], bool) or row["target"] in ("(reported)", "(comparison)")


def _fake_textacy(tmp_path, stdout, code=0):
    """A stand-in interpreter for textacy that prints ``stdout`` and exits with ``code``."""
    script = tmp_path / "fake-textacy"
    script.write_text(
        f"#!/bin/sh\ncat > /dev/null\necho '{stdout}'\necho 'OSError: no model' >&2\nexit {code}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_textacy_predictions_are_scored_and_its_crashes_counted(ext, tmp_path, monkeypatch):
    docs = ext.load_polnear(_polnear(tmp_path), "dev")
    s, e = _at(TEXT, '"We will fight this,"')
    src = list(_at(TEXT, "Ann Lee"))
    monkeypatch.setenv(
        "TEXTACY_PYTHON",
        str(
            _fake_textacy(
                tmp_path,
                f'[{{"found": [{{"start": {s}, "end": {e}, "speaker": "Lee", "source": {src}}}],'
                ' "seconds": 0.5}]',
            )
        ),
    )
    run = ext.textacy_predictions(docs)
    assert run.errors == [] and run.seconds == 0.5
    assert ext.score_polnear(docs, run)["quoted"]["f1"] == 1.0
    rows = {r["figure"]: r["value"] for r in ext._textacy_rows(docs)}
    assert rows["PolNeAR dev: quoted (textacy)"].startswith("P 1.00 R 1.00 F1 1.00")


def test_textacy_says_why_it_did_not_run(ext, tmp_path, monkeypatch):
    docs = ext.load_polnear(_polnear(tmp_path), "dev")
    monkeypatch.setenv("TEXTACY_PYTHON", str(tmp_path / "nowhere"))
    assert ext.textacy_predictions(docs).startswith("not installed")
    monkeypatch.setenv("TEXTACY_PYTHON", str(_fake_textacy(tmp_path, "[]", code=1)))
    assert ext.textacy_predictions(docs) == "could not run: OSError: no model"
    monkeypatch.setenv(
        "TEXTACY_PYTHON", str(_fake_textacy(tmp_path, '[{"error": "ValueError", "seconds": 0.1}]'))
    )
    assert ext.textacy_predictions(docs).errors == [("paper_2016-01-01_budget", "ValueError")]


def test_main_prints_a_table(ext, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TEXTACY_PYTHON", raising=False)
    assert (
        ext.main(
            ["--polnear", str(_polnear(tmp_path)), "--ptc", str(tmp_path / "none"), "--misses"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("| figure")
    assert (
        "PolNeAR dev: content (medialit)" in out and "| PTC " in out and "missed on content" in out
    )
