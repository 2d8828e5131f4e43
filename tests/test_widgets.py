"""Widgets driven through Python: controls set, buttons clicked, models, answers, saved files.

Most tests use a small fake question bank (the widget models' ``question``,
``check`` and ``explain`` monkeypatched) so they do not depend on the lesson
question files; ``test_real_checks_*`` uses the real ``medialit.assessment``
and the real question bank.
"""

import json
import sys
import types
from dataclasses import dataclass, field

import pytest

from medialit.article import Article, load_article
from medialit.widgets import ArticleExplorer, ChoiceQuiz, RewriteLab, SentenceLabeler, SpanPicker
from medialit.widgets.static import esc

ARTICLE = load_article()
ITEMS = ["H", "S", "P1.1", "P2.1"]
KEY_LABELS = {"H": "mixed", "S": "indirect", "P1.1": "mixed", "P2.1": "direct"}
P9 = next(s for s in ARTICLE.sentences if s.id == "P9.3")
SMO = P9.text.index("special military operation")
SMO_SPAN = [P9.start + SMO, P9.start + SMO + len("special military operation")]

BANK = {
    "ex03_1": {
        "type": "labels",
        "prompt": "Label each sentence.",
        "items": ITEMS,
        "labels": ["direct", "indirect", "mixed", "writer"],
        "points": 2,
    },
    "ex03_2": {
        "type": "single",
        "prompt": "Which cue is factive?",
        "points": 1,
        "options": [
            {"id": "a", "text": "said"},
            {"id": "b", "text": "recalled"},
            {"id": "c", "text": "asked"},
        ],
    },
    "ex03_3": {
        "type": "multiple",
        "prompt": "Which cues are loaded?",
        "points": 1,
        "options": [
            {"id": "a", "text": "said"},
            {"id": "b", "text": "insisted"},
            {"id": "c", "text": "accused"},
        ],
    },
    "ex04_1": {"type": "spans", "prompt": "Mark the euphemism.", "passage": "P9.3", "points": 1},
    "ex04_2": {"type": "text", "prompt": "Rewrite neutrally.", "points": 1},
}
KEYS = {"ex03_2": "b", "ex03_3": ["b", "c"], "ex04_1": [SMO_SPAN]}


@dataclass
class FakeFeedback:
    question_id: str
    correct: bool
    score: float
    message: str
    details: list = field(default_factory=list)
    points: int = 1


def fake_check(question_id, answer, source="cell"):
    """A tiny checker with per-item details in the "ID: text" form."""
    if answer is ... or answer is None:
        return FakeFeedback(question_id, False, 0.0, "Not answered yet.")
    kind = BANK[question_id]["type"]
    if kind == "labels":
        right = [i for i in ITEMS if answer.get(i) == KEY_LABELS[i]]
        details = [f"{i}: right" if i in right else f"{i}: not right yet" for i in ITEMS]
        return FakeFeedback(
            question_id,
            len(right) == len(ITEMS),
            len(right) / len(ITEMS),
            "Labels checked.",
            details,
        )
    if kind in ("single", "multiple"):
        key = KEYS[question_id]
        chosen = [answer] if isinstance(answer, str) else list(answer)
        keyset = {key} if isinstance(key, str) else set(key)
        details = {o: ("right" if o in keyset else "not right: think again") for o in chosen}
        score = len(keyset & set(chosen)) / len(keyset | set(chosen))
        return FakeFeedback(question_id, score == 1, score, "Choice checked.", details)
    if kind == "spans":
        return FakeFeedback(
            question_id,
            answer == KEYS[question_id],
            float(answer == KEYS[question_id]),
            "Spans checked.",
        )
    return FakeFeedback(
        question_id, False, 0.5 if "invasion" in str(answer) else 0.0, "Text checked."
    )


@pytest.fixture
def bank(monkeypatch):
    """Replace the bank the widget models read by the fake bank above."""
    from medialit.widgets import models

    fake = types.SimpleNamespace(
        question=lambda qid: dict(BANK[qid]),
        check=fake_check,
        explain=lambda qid: f"Explanation for {qid}.",
    )
    for name in ("question", "check", "explain"):
        monkeypatch.setattr(models, name, getattr(fake, name))
    return fake


def saved(tmp_path, name):
    return json.loads((tmp_path / "answers" / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- SentenceLabeler


def test_labeler_shows_items_progress_and_saves(bank, tmp_path):
    w = SentenceLabeler("ex03_1")
    assert list(w.choices) == ITEMS and w.answer is ...
    assert "Russia is grateful" in w.view.children[3].children[0].value
    w.choices["H"].value = "mixed"
    w.choose("S", "direct")
    assert w.progress.value == "2 of 4 labelled"
    assert w.model.answer == {"H": "mixed", "S": "direct"}
    assert saved(tmp_path, "exercise-03.json") == {"ex03_1": {"H": "mixed", "S": "direct"}}


def test_labeler_check_shows_symbol_and_word_per_sentence(bank):
    w = SentenceLabeler("ex03_1")
    for item in ITEMS:
        w.choose(item, KEY_LABELS[item])
    w.choose("S", "direct")
    [button] = [c for c in w.view.children if getattr(c, "description", "") == "Check"]
    button.click()
    assert w.notes["H"].value == "✔ right"
    assert w.notes["S"].value == "✘ not right yet"
    assert "◐ Partly right (0.75 of 1 point)" in w.result.value  # the one score format
    w.choose("S", "indirect")
    assert w.notes["S"].value == "" and w.result.value == ""
    assert w.check().correct and "✔ Correct" in w.result.value


def test_labeler_restores_after_restart(bank):
    SentenceLabeler("ex03_1").choose("P1.1", "mixed")
    again = SentenceLabeler("ex03_1")
    assert again.choices["P1.1"].value == "mixed"
    assert again.progress.value == "1 of 4 labelled"
    assert again.answer == {"P1.1": "mixed"}


def test_fresh_labeler_does_not_overwrite_saved_answer(bank, tmp_path):
    SentenceLabeler("ex03_1").choose("H", "mixed")
    before = saved(tmp_path, "exercise-03.json")
    fresh = SentenceLabeler("ex03_1")
    fresh.model.choices = {}
    fresh.model.changed()
    assert saved(tmp_path, "exercise-03.json") == before


def test_saved_labels_that_no_longer_fit_are_dropped(bank, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "exercise-03.json").write_text(
        json.dumps({"ex03_1": {"H": "direkt", "S": "direct", "X": "mixed"}})
    )
    assert SentenceLabeler("ex03_1").answer == {"S": "direct"}
    (folder / "exercise-03.json").write_text(json.dumps({"ex03_1": ["not", "a", "dict"]}))
    w = SentenceLabeler("ex03_1")
    assert w.answer is ... and "did not fit" in w.static_html()


def test_corrupt_answers_file_gives_notice_not_traceback(bank, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "exercise-03.json").write_text("{broken", encoding="utf-8")
    w = SentenceLabeler("ex03_1")
    header = w.view.children[0].value
    assert "could not be read" in header and "exercise-03.corrupt.json" in header
    assert w.answer is ...
    w.choose("H", "mixed")
    assert saved(tmp_path, "exercise-03.json") == {"ex03_1": {"H": "mixed"}}


def test_notices_show_an_svg_icon_hidden_from_readers_and_words(bank, tmp_path):
    """The old icon ⓘ is in none of Debian's default fonts (it showed as an empty box)."""
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "exercise-03.json").write_text("{broken", encoding="utf-8")
    labeler = SentenceLabeler("ex03_1")
    explorer = ArticleExplorer(Article.from_text("A plain text. It says little."), ["claims"])
    shown = [
        labeler.view.children[0].value,
        labeler.static_html(),
        explorer.text.value,
        explorer.static_html(),
    ]
    for html in shown:
        notice = html.split('<p class="medialit-notice">', 1)[1].split("</p>", 1)[0]
        assert notice.startswith('<svg aria-hidden="true" focusable="false"')
        words = notice.split("</svg>", 1)[1]
        assert words.startswith(" <strong>Note:</strong> ") and len(words) > 30
        assert all(ord(ch) < 0x2000 for ch in words), words
    assert not any("ⓘ" in html for html in shown)


def test_unknown_question_is_a_kind_message(monkeypatch):
    from medialit.widgets import models

    def question(qid):
        raise KeyError(f"unknown question id {qid!r}; did you mean 'ex03_1'?")

    monkeypatch.setattr(models, "question", question)
    w = SentenceLabeler("ex03_x")
    assert "could not be found" in w.view.children[0].value and "ex03_1" in w.view.children[0].value
    assert w.check() is None and "could not be found" in w.result.value


# ---------------------------------------------------------------- SpanPicker


def test_span_picker_words_answer_and_merge(bank, tmp_path):
    w = SpanPicker("ex04_1")
    words = [b.description for b in w.words]
    assert words[:3] == ["Russia’s", "special", "military"]
    for i in (1, 2, 3):
        w.words[i].value = True
    assert w.answer == [SMO_SPAN]
    assert (
        w.words[1].description == "[special]" and "medialit-word-marked" in w.words[1]._dom_classes
    )
    w.toggle(5)
    assert len(w.answer) == 2 and w.progress.value == "4 words marked"
    w.toggle(5)
    assert saved(tmp_path, "exercise-04.json") == {"ex04_1": [SMO_SPAN]}
    assert w.check().correct and "✔ Correct" in w.result.value


def test_span_picker_clear_keeps_saved_answer_and_restores(bank, tmp_path):
    w = SpanPicker("ex04_1")
    w.toggle(1)
    w.toggle(2)
    w.clear()
    assert w.answer is ... and not any(b.value for b in w.words)
    assert w.words[1].description == "special"
    again = SpanPicker("ex04_1")
    assert [b.value for b in again.words[:4]] == [False, True, True, False]
    assert again.words[2].description == "[military]"


# ---------------------------------------------------------------- ChoiceQuiz


def test_single_choice_feedback_retry_and_explanation(bank, tmp_path):
    q = ChoiceQuiz("ex03_2")
    assert q.answer is ...
    q.options.value = "a"
    assert q.check().correct is False
    assert (
        "✘ Not yet" in q.result.value
        and "✘ <strong>a</strong>: not right: think again" in q.result.value
    )
    assert q.explanation.value == ""
    q.choose("b")
    assert q.result.value == ""
    assert q.check().correct and "Explanation for ex03_2." in q.explanation.value
    assert saved(tmp_path, "exercise-03.json") == {"ex03_2": "b"}
    assert ChoiceQuiz("ex03_2").options.value == "b"


def test_multiple_choice_partial_credit_and_request_explanation(bank):
    q = ChoiceQuiz("ex03_3")
    q.boxes[1].value = True
    assert q.answer == ["b"]
    feedback = q.check()
    assert 0 < feedback.score < 1 and "◐ Partly right (0.5 of 1 point)" in q.result.value
    q.choose(["b", "c"])
    assert q.answer == ["b", "c"] and q.check().correct
    again = ChoiceQuiz("ex03_3")
    assert [b.value for b in again.boxes] == [False, True, True]
    [explain] = [c for c in again.view.children[2].children if c.description == "Show explanation"]
    explain.click()
    assert "Explanation for ex03_3." in again.explanation.value


# ---------------------------------------------------------------- RewriteLab


def test_rewrite_lab_diff_and_notes_without_question(bank):
    lab = RewriteLab("Kiev launched a so-called offensive, officials said.")
    lab.write("Kyiv launched an offensive.")
    notes = lab.notes.value
    assert "<del" in notes and "−Kiev" in notes and "<ins" in notes and "+Kyiv" in notes
    assert lab.answer == "Kyiv launched an offensive."
    assert lab.check() is None


def test_rewrite_lab_quotes_loaded_words_once():
    notes = RewriteLab("P7.1").notes.value
    assert "“Kiev”" in notes and "“peace formula”" in notes
    assert "““" not in notes and "””" not in notes


def test_rewrite_lab_saves_only_changed_text_and_checks(bank, tmp_path):
    from medialit.widgets import models

    lab = RewriteLab("P9.3", question_id="ex04_2")
    assert lab.model.original == P9.text and lab.box.value == P9.text
    assert lab.answer is ...  # the untouched original is not an answer
    assert lab.check() is None and lab.model.message == models.UNCHANGED
    assert "not an answer" in lab.result.value
    lab.write(P9.text + "  ")
    assert lab.answer is ... and not (tmp_path / "answers" / "exercise-04.json").exists()
    assert not (tmp_path / "answers" / "exercise-04.json").exists()
    lab.write("The invasion continued, Putin said.")
    assert saved(tmp_path, "exercise-04.json") == {"ex04_2": "The invasion continued, Putin said."}
    assert lab.check().score == 0.5 and "◐" in lab.result.value
    assert (
        RewriteLab("P9.3", question_id="ex04_2").box.value == "The invasion continued, Putin said."
    )


# ---------------------------------------------------------------- display


@pytest.mark.parametrize(
    "make",
    [
        lambda: SentenceLabeler("ex03_1"),
        lambda: SpanPicker("ex04_1"),
        lambda: ChoiceQuiz("ex03_2"),
        lambda: ChoiceQuiz("ex03_3"),
        lambda: RewriteLab("P2.1", "ex04_2"),
        lambda: ArticleExplorer(),
    ],
)
def test_mimebundle_has_widget_and_deterministic_static_fallback(bank, make):
    first, second = make()._repr_mimebundle_(), make()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in first
    assert (
        first["application/vnd.jupyter.widget-view+json"]["model_id"]
        != second["application/vnd.jupyter.widget-view+json"]["model_id"]
    )
    for mime in ("text/html", "text/plain"):
        assert first[mime] == second[mime]
        assert first["application/vnd.jupyter.widget-view+json"]["model_id"] not in first[mime]
        assert "0x" not in first[mime] and "/tmp" not in first[mime]
    assert first["text/html"].startswith('<div class="medialit-')


def _displayed_companions(monkeypatch, runs, widgets):
    """Display ``widgets`` in the runs ``runs`` (cell id, request id); return their companions."""
    from IPython import display as ipython_display

    from medialit.widgets import views

    shown = []
    monkeypatch.setattr(ipython_display, "display", lambda obj, raw=False: shown.append(obj))
    monkeypatch.setattr(views, "_SCRIPT_SENT", {})
    runs = iter(runs)
    monkeypatch.setattr(views, "_this_run", lambda: next(runs))
    for widget in widgets:
        widget._ipython_display_()
    assert [b["text/plain"] for b in shown[1::2]] == ["Run all cells to use the widgets."] * len(
        widgets
    )
    return [(b["text/html"], w.static_html()) for b, w in zip(shown[1::2], widgets)]


def test_companions_carry_one_short_style_each_and_the_script_once(bank, monkeypatch):
    widgets = [SentenceLabeler("ex03_1"), ChoiceQuiz("ex03_2"), SpanPicker("ex04_1")]
    widgets += [RewriteLab("P2.1"), ArticleExplorer()]
    runs = [("c1", "r1"), ("c1", "r1"), ("c2", "r2"), ("c1", "r3"), ("c3", "r4")]
    companions = _displayed_companions(monkeypatch, runs, widgets)
    # the first widget's run carries the script; the same cell run again carries it again
    assert [html.count("<script>") for html, _ in companions] == [1, 0, 0, 1, 0]
    for html, view in companions:
        assert html.count("<style>") == 1 and html.endswith(f"{view}</div></div>")
        if "<script>" not in html:
            assert len(html.encode()) - len(view.encode()) < 1400  # it was 6182 bytes
    plain = _displayed_companions(monkeypatch, [(None, None)] * 3, widgets[:3])
    assert [html.count("<script>") for html, _ in plain] == [1, 0, 0]


def test_outside_a_kernel_a_run_has_no_ids():
    from medialit.widgets import views

    assert views._this_run() == (None, None)


def test_static_html_shows_state(bank):
    w = SentenceLabeler("ex03_1")
    w.choose("H", "mixed")
    html = w._repr_mimebundle_()["text/html"]
    assert "Label: <em>mixed</em>" in html and "1 of 4 labelled" in html
    q = ChoiceQuiz("ex03_2")
    q.choose("b")
    assert "◉ <strong>b</strong>" in q.static_html() and "○ <strong>a</strong>" in q.static_html()
    s = SpanPicker("ex04_1")
    s.toggle(1)
    assert "<u><strong>[special]</strong></u>" in s.static_html()


def test_roots_have_classes_and_width_limit(bank):
    for w, cls in (
        (SentenceLabeler("ex03_1"), "medialit-labeler"),
        (SpanPicker("ex04_1"), "medialit-spans"),
        (ChoiceQuiz("ex03_2"), "medialit-quiz"),
        (RewriteLab("text"), "medialit-rewrite"),
        (ArticleExplorer(), "medialit-explorer"),
    ):
        assert {"medialit-widget", cls} <= set(w.view._dom_classes)
        assert w.view.layout.max_width == "1200px"


# ---------------------------------------------------------------- ArticleExplorer


def gold_article():
    text = "Putin said “peace is near.”\nThe so-called formula failed, critics insisted."
    art = Article.from_text(text)
    t = art.text

    def span(s):
        i = t.index(s)
        return {"start": i, "end": i + len(s), "text": s}

    art.annotations = {
        "article": "test",
        "sentences": [
            dict(span("Putin said “peace is near.”"), id="P1", **{"class": "direct"}),
            dict(
                span("The so-called formula failed, critics insisted."),
                id="P2",
                **{"class": "indirect"},
            ),
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
                "sentence": "P1",
            },
            {
                "id": "A2",
                "type": "indirect",
                "source": "critics",
                "cue": span("insisted"),
                "content": span("The so-called formula failed"),
                "sentence": "P2",
            },
        ],
        "framing": [
            dict(
                span("so-called"),
                id="F-1",
                category="so_called",
                technique="doubt",
                explanation="Casts doubt.",
                alternative="the",
            )
        ],
        "claims": [
            dict(
                span("formula failed"),
                id="C1",
                verdict="contested",
                reason="Disputed.",
                fact_cards=["F99"],
            )
        ],
    }
    return art


def test_explorer_gold_layers_tags_styles_and_details():
    e = ArticleExplorer(gold_article())
    html = e.text.value
    assert html.count('class="medialit-mark"') == 2
    assert "[▶A1]" in html and "[B1]" in html and "text-decoration-style:solid" in html
    assert "Vladimir Putin" in html and "Critics" in html and "dashed underline" in html
    e.switch.value = "types"
    assert "[▶D1]" in e.text.value and "[I1]" in e.text.value
    assert [label for label, _ in e.picker.options] == [
        "[D1] Putin said “peace is near.”",
        "[I1] The so-called formula failed, critics insisted.",
    ]
    e.show_layer("cues")
    assert e.model.layer().groups[0].name in ("neutral", "other")
    e.switch.value = "framing"
    e.picker.value = "F-1"
    assert (
        "Casts doubt." in e.details.value and "Neutral alternative:</strong> the" in e.details.value
    )
    assert "[▶A1]" in e.text.value and e.answer == "F-1"
    e.switch.value = "claims"
    assert e.picker.value == "C1" and e.answer == "C1"
    assert "F99" in e.details.value and "contested" in e.details.value


def _details_words(details: str) -> str:
    """The marked text a details view shows (after its "[tag]")."""
    head = details.split("<p><strong>[", 1)[1].split("</p>", 1)[0]
    return head.split("</strong> ", 1)[1]


def test_explorer_starts_with_the_first_item_chosen_and_its_details_shown():
    e = ArticleExplorer()
    for key in e.model.keys:
        e.show_layer(key)
        first = e.model.layer().marks[0]
        assert e.picker.value == first.id and e.picker.label.startswith(f"[{first.tag}]")
        assert "Choose an item" not in e.details.value
        assert f"<strong>[{first.tag}]</strong>" in e.details.value
        assert f"[▶{first.tag}]" in e.text.value
        assert f"<strong>[{first.tag}]</strong>" in e.static_html()
    empty = ArticleExplorer(Article.from_text("A plain text. It says little."))
    empty.show_layer("claims")
    assert empty.picker.value is None and empty.answer is ...
    assert empty.picker.layout.display == "none" and empty.details.value == ""


def test_explorer_details_put_quote_marks_only_around_direct_quotes():
    e = ArticleExplorer(gold_article())
    e.show_item("A1")  # direct, its span holds the article's marks: shown once
    assert _details_words(e.details.value) == "“peace is near.”"
    e.show_item("A2")  # a paraphrase: no quote marks added
    assert _details_words(e.details.value) == "The so-called formula failed"
    e.show_layer("framing")
    assert _details_words(e.details.value) == "so-called"
    real = ArticleExplorer()
    text, direct = real.model.article.text, 0
    for key in real.model.keys:
        real.show_layer(key)
        for mark in real.model.layer().marks:
            real.show_item(mark.id)
            shown = _details_words(real.details.value)
            if key == "quotes" and ("Type", "direct quote") in mark.details:
                direct += 1
                assert shown[0] in '“«"' and shown[-1] in '”»"', shown
                assert shown[1:-1].strip("“”") in text
            else:
                assert shown == esc(mark.text), (key, mark.tag, shown)
    assert direct >= 5


def test_explorer_on_pasted_text_has_no_claims_layer():
    e = ArticleExplorer(Article.from_text("A plain text. It says little."))
    assert "automatic analysis" in e.text.value
    e.switch.value = "claims"
    assert "fact check" in e.text.value
    with pytest.raises(KeyError, match="not a layer"):
        ArticleExplorer(layers=["quotes", "colours"])


def test_explorer_uses_toolkit_for_pasted_text(monkeypatch):
    from medialit.analysis import Attribution

    text = "The mayor said the budget is fine. Rain fell."
    from medialit.analysis import record

    def fake(t):
        return [
            Attribution(
                "indirect",
                "The mayor",
                "The mayor",
                "said",
                "the budget is fine",
                t.index("the budget"),
                t.index(" is fine") + 8,
                t.index("said"),
                t.index("said") + 4,
            )
        ]

    monkeypatch.setattr(record, "attributions", fake)
    e = ArticleExplorer(Article.from_text(text), layers=["types", "quotes", "cues"])
    assert [g.name for g in e.model.layer().groups] == ["indirect", "unattributed"]
    e.show_layer("quotes")
    assert "The mayor" in e.text.value and "automatic analysis" in e.text.value
    e.show_layer("cues")
    assert e.model.layer().marks[0].text == "said"


def test_real_checks_drive_a_quiz():
    """Uses the real medialit.checks and question bank (fails if the checker is missing)."""
    from medialit import assessment as checks

    single = next(q["id"] for q in checks.questions() if q["type"] == "single")
    quiz = ChoiceQuiz(single)
    assert quiz.answer is ... and quiz.model.options
    assert quiz.check().correct is False
    quiz.choose(quiz.model.option_ids[0])
    feedback = quiz.check()
    assert 0 <= feedback.score <= 1 and quiz.result.value


def test_wrong_widget_for_question_type_is_a_kind_message(bank):
    w = SentenceLabeler("ex03_2")
    assert "‘single’ question" in w.view.children[0].value and w.answer is ...
    assert "ChoiceQuiz" not in w.plain_text() and w.check() is None
    q = ChoiceQuiz("ex03_1")
    assert "‘labels’ question" in q.static_html()


def test_items_that_are_not_sentences_are_shown_by_name(bank, monkeypatch):
    monkeypatch.setitem(
        BANK,
        "ex01_9",
        {"type": "labels", "items": ["byline", "P2.1"], "labels": ["known", "missing"]},
    )
    w = SentenceLabeler("ex01_9")
    assert w.view.children[1].children[0].value == "<strong>byline</strong>"
    assert w.view.children[2].children[0].value.startswith("<strong>[P2.1]</strong> “We are aware")


def test_importing_widgets_does_not_import_ipywidgets():
    import subprocess

    code = "import medialit, medialit.widgets, sys; print('ipywidgets' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def _models_made(make) -> int:
    """How many ipywidgets models ``make()`` creates."""
    from ipywidgets.widgets import widget as ipywidget

    before = len(ipywidget._instances)
    make()
    return len(ipywidget._instances) - before


def test_alike_parts_of_a_widget_share_one_layout_and_style():
    """Every model is a message to the page: a word adds one model, a sentence row five."""
    picker = SpanPicker("ex03_2")
    words = len(picker.model.tokens)
    assert _models_made(lambda: SpanPicker("ex03_2")) <= words + 30
    labeler = SentenceLabeler("ex03_1")
    rows = len(labeler.model.items)
    assert _models_made(lambda: SentenceLabeler("ex03_1")) <= 5 * rows + 20  # 13 a row before
    layouts = {id(b.layout) for b in picker.words} | {id(b.style) for b in picker.words}
    assert len(layouts) == 2
    # once the kernel's shared parts exist, a second widget adds only its own controls
    assert _models_made(lambda: SpanPicker("ex03_2")) <= words + 12
    quiz = ChoiceQuiz("ex03_5")
    assert _models_made(lambda: ChoiceQuiz("ex03_5")) <= 10 + len(quiz.model.options)


def test_classes_are_given_at_once_and_a_private_layout_stays_private():
    """No add_class update per part; the explorer's picker hides without hiding others."""
    quiz = ChoiceQuiz("ex03_5")
    assert quiz.view._dom_classes == ("medialit-widget", "medialit-quiz")
    assert quiz.result._dom_classes == ("medialit-feedback",)
    explorer = ArticleExplorer()
    explorer.picker.layout.display = "none"
    assert explorer.picker.layout is not quiz.result.layout
    assert quiz.result.layout.display is None and ChoiceQuiz("ex03_5").result.layout.display is None
