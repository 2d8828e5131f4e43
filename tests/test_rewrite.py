"""The rewrite lab tells the truth: a course sentence's gold devices, judged as check() judges."""

import re

import pytest

from medialit.article import load_article
from medialit.assessment import check
from medialit.data import annotations
from medialit.widgets.models import RewriteModel
from medialit.widgets.static import rewrite_html, rewrite_notes_html

ARTICLE = load_article()
P7 = next(s for s in ARTICLE.sentences if s.id == "P7.1")
GOLD_P7 = sorted(
    (f for f in annotations()["framing"] if P7.start <= f["start"] < P7.end),
    key=lambda f: f["start"],
)
GOLD_TEXTS = [f["text"] for f in GOLD_P7]


def _statuses(model):
    notes, problem = model.loaded_terms()
    assert problem == ""
    return {n.text: n.status for n in notes if n.status != "added"}


def _lab(text=None):
    model = RewriteModel("P7.1")
    if text is not None:
        model.set_text(text)
    return model


def test_p7_lab_lists_exactly_the_gold_devices():
    for original in ("P7.1", P7.text, f"  {P7.text}\n"):
        model = RewriteModel(original)
        notes, _ = model.loaded_terms()
        assert model.sentence_id == "P7.1"
        assert [(n.text, n.category) for n in notes] == [
            (f["text"], f["category"]) for f in GOLD_P7
        ]
        assert [n.explanation for n in notes] == [f["explanation"] for f in GOLD_P7]
        assert [n.alternative for n in notes] == [f.get("alternative") for f in GOLD_P7]
    # what gold has for P7 (the lab shows exactly this, and gold treats "push" as ordinary)
    assert {f["category"] for f in GOLD_P7} == {"naming", "loaded", "scare_quotes", "so_called"}
    assert {"unconditionally", "submit to", "so-called", "“peace formula”"} <= set(GOLD_TEXTS)
    assert any(t.startswith("received poorly") for t in GOLD_TEXTS)
    assert not any("push" in t for t in GOLD_TEXTS)
    html = rewrite_html(_lab())
    assert "headline" not in html.lower()
    assert "scare quotes" in html and "so called" in html
    assert "“peace formula” (scare quotes" in html and "““" not in html


#: main's meaning._devices_left skips a device whose words are inside quote marks, so the
def test_untouched_original_has_every_device_still_there():
    assert set(_statuses(_lab()).values()) == {"still there"}
    assert "✔ gone" not in rewrite_notes_html(_lab())


@pytest.mark.parametrize(
    "old, new, device",
    [
        ("unconditionally ", "", "unconditionally"),
        ("submit to", "face", "submit to"),
        ("Kiev’s", "Kyiv’s", "Kiev"),
        ("Welcomed by Moscow, the roadmap", "The roadmap, which Moscow welcomed,", None),
    ],
)
def test_rewriting_away_one_device_makes_only_it_gone(old, new, device):
    device = device or next(t for t in GOLD_TEXTS if t.startswith("Welcomed"))
    before = _statuses(_lab())
    after = _statuses(_lab(P7.text.replace(old, new)))
    assert before[device] == "still there" and after[device] == "gone"
    assert {t: s for t, s in after.items() if t != device} == {
        t: s for t, s in before.items() if t != device
    }


REWRITES = [
    # every device gone
    "Moscow welcomed the roadmap. Reactions in Ukraine and the West were mixed: Zelensky said "
    "some points could be worked with, while Stoltenberg and Biden were sceptical. Ukraine's "
    "backers support its ten-point peace formula, which calls for Russia to withdraw to its "
    "pre-2014 borders, pay reparations and face war crimes tribunals.",
    # the spelling and the intensifier stay
    "Moscow welcomed the roadmap, while Zelensky said some points could be worked with and "
    "Biden was sceptical. Kiev's backers support its ten-point peace formula, which calls for "
    "Russia to unconditionally withdraw to its pre-2014 borders, pay reparations and face war "
    "crimes tribunals.",
    # the doubt marker, the quote marks and "submit to" stay
    "Moscow welcomed the roadmap; Zelensky was open to parts of it and Biden doubted it. "
    "Ukraine's partners back the so-called “peace formula”, under which Russia would withdraw "
    "to its pre-2014 borders, pay reparations and submit to war crimes tribunals.",
    # the two unsourced characterisations stay
    "Welcomed by Moscow, the roadmap was received poorly by Ukraine and its Western backers, "
    "although Zelensky said some points could be worked with. They support Ukraine's ten-point "
    "peace formula: Russia should withdraw to its pre-2014 borders, pay reparations and face "
    "war crimes tribunals.",
    # a label the original did not have is added
    "Moscow welcomed the roadmap, Zelensky was open to parts of it and Biden was sceptical. "
    "The Kiev regime and its allies back the ten-point peace formula, which asks Russia to "
    "withdraw to its pre-2014 borders, pay reparations and face war crimes tribunals.",
]


def _check_left(rewrite, question_id="ex04_4", gold=tuple(GOLD_TEXTS)):
    """The gold devices check(question_id) reports as still loaded (its "Still loaded:" list)."""
    feedback = check(question_id, rewrite)
    message = str(feedback.message)
    assert "ideas" in message  # the check reached its device rule (no earlier stop)
    listed = message.split("Still loaded:", 1)[1] if "Still loaded:" in message else ""
    return {t for t in gold if f"“{t}”" in listed}


@pytest.mark.parametrize("rewrite", REWRITES)
def test_lab_and_check_agree_on_the_devices_left(rewrite):
    statuses = _statuses(_lab(rewrite))
    assert set(statuses) == set(GOLD_TEXTS)
    assert {t for t, s in statuses.items() if s == "still there"} == _check_left(rewrite)


def test_the_rewrites_leave_different_devices():
    """The agreement test is not vacuous: the rewrites leave different devices."""
    left = [frozenset(_check_left(r)) for r in REWRITES[1:]]
    assert len(set(left)) == len(left) and all(left)
    assert {"Kiev", "unconditionally"} <= left[0] and "submit to" in left[1]


def test_added_devices_are_listed_and_marked():
    model = _lab(REWRITES[-1])
    notes, _ = model.loaded_terms()
    added = [n for n in notes if n.status == "added"]
    assert [(n.text, n.category) for n in added] == [("Kiev regime", "label")]
    assert "⚠ new in your version" in rewrite_notes_html(model)
    assert not [n for n in _lab().loaded_terms()[0] if n.status == "added"]


def test_scare_quotes_are_gone_only_when_the_quote_marks_go():
    """The scare quotes are the marks: “peace formula” without them is plain (meaning.py rule)."""
    plain = _statuses(_lab(P7.text.replace("“peace formula”", "peace formula")))
    assert plain["“peace formula”"] == "gone"
    assert _statuses(_lab())["“peace formula”"] == "still there"


def test_pasted_non_course_sentence_keeps_the_toolkit_list():
    model = RewriteModel("Kiev launched a so-called offensive, officials said.")
    assert model.sentence_id is None
    notes, problem = model.loaded_terms()
    assert problem == "" and {n.status for n in notes} == {"found"}
    assert {("Kiev", "naming"), ("so-called", "so_called")} <= {(n.text, n.category) for n in notes}
    model.set_text("Kyiv launched an offensive, officials said.")
    assert "so-called" not in [n.text for n in model.loaded_terms()[0]]
    html = rewrite_notes_html(model)
    assert "automatic analysis" in html and "still there" not in html


@pytest.mark.parametrize("original", [None, 7, "", "   ", "P99.9", "H", "“", "x" * 100_000])
@pytest.mark.parametrize("text", [None, "", "“unclosed", "\n\n", "P7.1", "ü" * 50_000])
def test_no_traceback_on_empty_or_odd_input(original, text):
    model = RewriteModel(original)
    model.set_text(text)
    notes, problem = model.loaded_terms()
    assert isinstance(notes, list) and isinstance(problem, str)
    html = rewrite_html(model)
    assert "Traceback" not in html and re.search(r"none found|<li>", html)


@pytest.mark.parametrize(
    "rewrite, left",
    [
        (
            "Russian President Vladimir Putin told Chinese state television that Kiev and Western "
            "countries were ignoring Russia’s legitimate security interests, and he said China’s "
            "proposals could be a basis for talks.",
            {"Kiev", "legitimate security interests"},
        ),
        (
            "Putin said in an interview with CCTV that Ukraine and Western governments were "
            "ignoring what he called Russia’s legitimate security interests, and that China’s "
            "peace proposals could be a basis for talks.",
            set(),
        ),
    ],
)
def test_lab_and_check_agree_on_the_standfirst(rewrite, left):
    """The same agreement for the standfirst (RewriteLab("S") and ex07_1)."""
    model = RewriteModel("S")
    model.set_text(rewrite)
    gold = {n.text for n in model.loaded_terms()[0] if n.status != "added"}
    lab_left = {t for t, s in _statuses(model).items() if s == "still there"}
    assert lab_left == _check_left(rewrite, "ex07_1", tuple(gold)) == left
