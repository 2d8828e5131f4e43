"""One truth per concept: the chart, the explorer and sources() read the same Analysis record."""

from pathlib import Path

import pytest

import medialit
from medialit import plots
from medialit.analysis import analyse
from medialit.article import Article, load_article
from medialit.widgets.layers import ExplorerModel

TEXTS = sorted((Path(__file__).parent / "texts").glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_chart_explorer_and_sources_agree_on_voices(path):
    article = Article.from_text(path.read_text(encoding="utf-8"))
    chart = {r["name"]: (r["direct"], r["indirect"]) for r in plots.voice_data(article)[:-1]}
    found = {s.name: (s.direct_words, s.indirect_words) for s in medialit.sources(article.text)}
    record = {v.name: (v.direct, v.indirect) for v in analyse(article).voices}
    assert chart == found == record
    quotes = ExplorerModel(article).layer("quotes")
    assert {g.name for g in quotes.groups} == set(found)
    relations = analyse(article).relations
    assert [(m.start, m.end, m.group) for m in quotes.marks] == sorted(
        (r.start, r.end, r.speaker) for r in relations
    )


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_chart_and_explorer_agree_on_sentence_classes(path):
    article = Article.from_text(path.read_text(encoding="utf-8"))
    strip = [(sid, kind) for sid, kind, _ in plots.strip_data(article)]
    types = ExplorerModel(article).layer("types")
    assert [(m.id, m.group) for m in types.marks] == strip


def test_course_article_record_comes_from_the_gold_annotations():
    record = analyse(load_article())
    assert not record.automatic and record.claims
    assert {r.id for r in record.relations} == {
        a["id"] for a in load_article().annotations["attributions"]
    }
    pasted = analyse(Article.from_text(load_article().text))
    assert pasted.automatic and not pasted.claims


def test_charts_leave_matplotlib_settings_alone():
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = None  # as in a fresh kernel, whatever ran before
    before = dict(matplotlib.rcParams)
    plots.voice_share()
    plots.figure_bytes(plots.attribution_strip(), "svg")
    assert dict(matplotlib.rcParams) == before
