"""Charts: data from gold annotations, titles, labels, alt text, no colour alone, determinism."""

import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from medialit import plots
from medialit.article import Article
from medialit.authoring.lessons import _figure_article, make_figures


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
    code = "import medialit.plots, sys; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_framing_data_counts_only_the_given_categories():
    art = small_article()
    assert plots.framing_data(art, categories=["so_called", "loaded"]) == [
        ("doubt", 1),
        ("loaded language", 1),
    ]
    assert plots.framing_data(art, categories=()) == []
    assert "doubt: 1" in plots.framing_by_technique(art, ["so_called"]).medialit_alt


# Stored figures (data/figures/): drawn by matplotlib when the course is authored.

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "data" / "figures"


def _manifest(folder: Path = FIGURES) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_figure_manifest_matches_its_schema():
    schema = json.loads((ROOT / "data" / "schemas" / "figures.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_manifest()))
    assert errors == []
    files = [entry["file"] for entry in _manifest()["figures"]]
    assert len(set(files)) == len(files) >= 5
    assert sorted(files) == sorted(p.name for p in FIGURES.glob("*.png")), "no orphan PNG"


def test_stored_figures_are_what_matplotlib_draws_now():
    stale = make_figures(check=True)
    assert stale == [], f"run `python -m medialit make-figures`: {[p.name for p in stale]}"


def test_course_charts_come_from_the_store_without_importing_matplotlib():
    code = (
        "import sys, json\n"
        "from medialit import plots\n"
        "from medialit.authoring.lessons import _figure_article\n"
        "from medialit.paths import data_dir\n"
        "out = []\n"
        "for e in json.loads((data_dir() / 'figures/manifest.json').read_text())['figures']:\n"
        "    art = _figure_article(data_dir(), e['article'])\n"
        "    opts = {'categories': e['categories']} if 'categories' in e else {}\n"
        "    fig = getattr(plots, e['chart'])(art, **opts)\n"
        "    html = plots.Chart(fig, caption='Figure 1.')._repr_html_()\n"
        "    out.append([type(fig).__name__, html, fig.medialit_alt])\n"
        "print(json.dumps([out, 'matplotlib' in sys.modules]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    shown, imported = json.loads(run.stdout)
    assert not imported
    for entry, (kind, html, alt) in zip(_manifest()["figures"], shown):
        assert kind == "StoredFigure"
        art = _figure_article(ROOT / "data", entry["article"])
        opts = {"categories": entry["categories"]} if "categories" in entry else {}
        live = getattr(plots, entry["chart"])(art, live=True, **opts)
        assert alt == live.medialit_alt and len(alt) > 30
        assert html == plots.Chart(live, caption="Figure 1.")._repr_html_()
        png = (FIGURES / entry["file"]).read_bytes()
        assert base64.b64encode(png).decode() in html


def test_other_texts_and_changed_data_are_drawn_live():
    from matplotlib.figure import Figure

    assert isinstance(plots.voice_share(small_article()), Figure)
    assert isinstance(plots.framing_by_technique(categories=["loaded"]), Figure)
    stored = plots.attribution_strip()
    assert isinstance(stored, plots.StoredFigure)
    assert plots.figure_bytes(stored, "svg").startswith(b"<?xml")
    assert isinstance(stored.draw(), Figure) and "StoredFigure(" in repr(stored)


def test_make_figures_redraws_stale_entries_and_is_deterministic(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    folder = data / "figures"
    manifest = _manifest(folder)
    manifest["figures"][0]["inputs"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / manifest["figures"][1]["file"]).write_bytes(b"not a png")
    stale = make_figures(check=True, data=data)
    assert [p.name for p in stale] == [e["file"] for e in manifest["figures"][:2]]
    assert (folder / manifest["figures"][1]["file"]).read_bytes() == b"not a png"
    make_figures(data=data)
    assert make_figures(check=True, data=data) == []
    for name in ["manifest.json"] + [e["file"] for e in manifest["figures"]]:
        assert (folder / name).read_bytes() == (FIGURES / name).read_bytes()


def test_changed_annotations_make_the_framing_figures_stale(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    annotations = json.loads((data / "annotations.json").read_text(encoding="utf-8"))
    annotations["framing"] = [f for f in annotations["framing"] if f["category"] != "loaded"]
    (data / "annotations.json").write_text(json.dumps(annotations), encoding="utf-8")
    assert [p.name for p in make_figures(check=True, data=data)] == ["04-word-framing.png"]


CHART_LESSONS = [
    p for p in sorted((ROOT / "lessons").glob("*.ipynb")) if "Chart(" in p.read_text("utf-8")
]

#: run a notebook's code cells in this interpreter (no kernel: widgets work without one)
RUN_CELLS = """
import json, sys
book = json.load(open(sys.argv[1], encoding="utf-8"))
names = {}
for cell in book["cells"]:
    if cell["cell_type"] == "code":
        exec(compile("".join(cell["source"]), cell["id"], "exec"), names)
print(json.dumps("matplotlib" in sys.modules))
"""


@pytest.mark.parametrize("lesson", CHART_LESSONS, ids=lambda p: p.stem)
def test_lesson_charts_are_shown_from_the_store(lesson, tmp_path):
    """A chart cell whose call matches no stored figure would draw live: about 1 s a cell."""
    env = {**os.environ, "MEDIALIT_ANSWERS": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-c", RUN_CELLS, str(lesson)],
        capture_output=True,
        text=True,
        check=True,
        cwd=lesson.parent,
        env=env,
    )
    assert json.loads(run.stdout.splitlines()[-1]) is False, "a chart was drawn live"


def test_assessed_bundle_leaves_out_the_figures_drawn_from_the_gold(tmp_path):
    from medialit.authoring.bundle import copy_data

    practice = copy_data(ROOT / "data", tmp_path / "practice", "practice")
    assessed = copy_data(ROOT / "data", tmp_path / "assessed", "assessed")
    assert (practice / "figures" / "manifest.json").is_file()
    assert not (assessed / "figures").exists() and not (assessed / "annotations.json").exists()
