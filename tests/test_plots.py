"""Charts: data from gold annotations, titles, labels, alt text, no colour alone, determinism."""

import sys

import pytest

from medialit import plots
from medialit.article import Article


def small_article():
    text = "Putin said “peace is near.”\nThe so-called formula failed, critics insisted. Rain fell."
    art = Article.from_text(text)
    t = art.text

    def span(s):
        i = t.index(s)
        return {"start": i, "end": i + len(s), "text": s}

    art.annotations = {
        "article": "test",
        "sentences": [
            dict(span("Putin said “peace is near.”"), id="P1.1", **{"class": "direct"}),
            dict(
                span("The so-called formula failed, critics insisted."),
                id="P2.1",
                **{"class": "indirect"},
            ),
            dict(span("Rain fell."), id="P2.2", **{"class": "unattributed"}),
        ],
        "sources": [
            {"id": "putin", "name": "Vladimir Putin"},
            {"id": "critics", "name": "Critics"},
        ],
        "attributions": [
            {
                "id": "A1",
                "type": "direct",
                "source": "putin",
                "cue": span("said"),
                "content": span("“peace is near.”"),
            },
            {
                "id": "A2",
                "type": "indirect",
                "source": "critics",
                "cue": span("insisted"),
                "content": span("The so-called formula failed"),
            },
        ],
        "framing": [
            dict(span("so-called"), id="F-1", category="so_called", technique="doubt"),
            dict(span("failed"), id="F-2", category="loaded", technique="loaded language"),
            dict(span("formula"), id="F-3", category="scare_quotes", technique="doubt"),
        ],
        "claims": [],
    }
    return art


def test_voice_data_counts_words_by_voice():
    rows = plots.voice_data(small_article())
    assert rows == [
        {"name": "Critics", "direct": 0, "indirect": 4, "writer": 0},
        {"name": "Vladimir Putin", "direct": 3, "indirect": 0, "writer": 0},
        {"name": "The writer (no source given)", "direct": 0, "indirect": 0, "writer": 6},
    ]


def test_mixed_content_splits_quoted_and_unquoted_words():
    art = Article.from_text("He said the plan is “quite realistic” today.")
    t = art.text
    start = t.index("the plan")
    art.annotations = {
        "sources": [{"id": "he", "name": "He"}],
        "attributions": [
            {
                "id": "A1",
                "type": "mixed",
                "source": "he",
                "content": {"start": start, "end": len(t) - 1, "text": t[start:-1]},
            }
        ],
    }
    assert plots.voice_data(art)[0] == {"name": "He", "direct": 2, "indirect": 4, "writer": 0}


def test_strip_cue_and_framing_data():
    art = small_article()
    assert plots.strip_data(art) == [
        ("P1.1", "direct", "Vladimir Putin"),
        ("P2.1", "indirect", "Critics"),
        ("P2.2", "unattributed", ""),
    ]
    cues = dict(plots.cue_data(art))
    assert cues["neutral"] == {"said": 1} and cues["insisting"] == {"insisted": 1}
    assert plots.framing_data(art) == [("doubt", 2), ("loaded language", 1)]


@pytest.mark.parametrize(
    "chart", ["voice_share", "attribution_strip", "cue_verbs", "framing_by_technique"]
)
def test_chart_has_title_labels_alt_text_and_hatching(chart):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = getattr(plots, chart)(small_article())
    assert plt.get_fignums() == before
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel()
    assert len(fig.medialit_alt) > 30
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert hatched, "classes must be told apart by hatching too"
    texts = [t.get_text() for t in ax.texts]
    assert any(t.strip() for t in texts), "bars and cells carry text labels"


def test_alt_text_names_the_numbers():
    art = small_article()
    assert "Vladimir Putin: 3 words quoted directly" in plots.voice_share(art).medialit_alt
    assert "P1.1=D P2.1=I P2.2=W" in plots.attribution_strip(art).medialit_alt
    assert "doubt: 2" in plots.framing_by_technique(art).medialit_alt


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_output_is_deterministic(fmt):
    a = plots.figure_bytes(plots.voice_share(small_article()), fmt)
    b = plots.figure_bytes(plots.voice_share(small_article()), fmt)
    assert a == b and len(a) > 1000
    if fmt == "svg":
        assert b"<dc:date>" not in a


def test_chart_wrapper_shows_img_alt_and_caption():
    fig = plots.cue_verbs(small_article())
    html = plots.Chart(fig, caption="Figure 1. Cue verbs.")._repr_html_()
    assert html.startswith('<figure class="medialit-chart"><img src="data:image/png;base64,')
    assert (
        'alt="Bar chart of cue verbs by connotation' in html
        and "<figcaption>Figure 1. Cue verbs.</figcaption>" in html
    )
    assert (
        html
        == plots.Chart(
            plots.cue_verbs(small_article()), caption="Figure 1. Cue verbs."
        )._repr_html_()
    )


def test_importing_plots_does_not_import_matplotlib():
    import subprocess

    code = "import medialit.plots, sys; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
