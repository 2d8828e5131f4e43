"""Every medialit widget in a real browser: JupyterLab, Notebook 7 and Voila.

The notebook ``notebooks/all-widgets.ipynb`` shows one of each widget (and a
second, multiple-choice quiz) on the test question bank ``questions.toml``
(ids ``l98_K``); the tests click and press keys the way a student does (see
``keyboard.py``), read the right answers from that bank (never from the code),
and check what the kernel sends back: feedback, progress, saved answers after
a kernel restart, and what the widgets show while the kernel is gone.
"""

import json

import pytest

from jupyter_driver import (
    ALL_WIDGETS,
    SINGLE_QUIZ,
    WIDGET_COUNTS,
    WIDGET_ROOTS,
    JupyterPage,
    VoilaPage,
    browser_bank,
    choose_label,
    fixture_data_dir,
    pick_option,
    wait_for_widgets,
)
from keyboard import keyboard_work

BANK = browser_bank()


def _wrong_option(question):
    """Return an option id that is not the answer (and has its own feedback)."""
    return next(
        o["id"] for o in question["options"] if o["id"] != question["answer"] and "feedback" in o
    )


def _wrong_label(question, item):
    """Return a label that is not the item's answer."""
    return next(label for label in question["labels"] if label != question["answer"][item])


def _assert_all_rendered(tab, notebook_or_none=None):
    """Each widget class shows as often as the notebook displays it, live, and nothing is broken."""
    for name, count in WIDGET_COUNTS.items():
        assert tab.locator(f".{name}.widget-box").count() == count, f"{name} did not render"
    assert tab.locator(WIDGET_ROOTS).count() == sum(WIDGET_COUNTS.values())
    if notebook_or_none is not None:
        assert notebook_or_none.problems() == []


def _quiz_check_and_read(tab, expected_word):
    """Click the quiz's Check button and wait for a verdict with ``expected_word``."""
    quiz = tab.locator(SINGLE_QUIZ)
    quiz.locator("button.medialit-check").click()
    feedback = quiz.locator(".medialit-feedback", has_text=expected_word)
    feedback.wait_for()
    return feedback.inner_text()


def _labeler_work(tab):
    """Label one sentence wrong, check (partly right), fix it, check (correct)."""
    question = BANK["l98_1"]
    items = question["items"]
    labeler = tab.locator(".medialit-labeler")
    choose_label(tab, 0, _wrong_label(question, items[0]))
    for index, item in enumerate(items[1:], start=1):
        choose_label(tab, index, question["answer"][item])
    labeler.locator(".medialit-progress", has_text=f"{len(items)} of {len(items)}").wait_for()
    labeler.locator("button.medialit-check").click()
    labeler.locator(".medialit-feedback", has_text="Partly right").wait_for()
    notes = labeler.locator(".medialit-item-feedback")
    assert notes.nth(0).inner_text().startswith("✘")  # a symbol and words, not colour alone
    assert notes.nth(1).inner_text().startswith("✔")
    choose_label(tab, 0, question["answer"][items[0]])
    labeler.locator("button.medialit-check").click()
    labeler.locator(".medialit-feedback", has_text="Correct").wait_for()


def _quiz_work(tab):
    """Pick a wrong option (its feedback shows), then the right one (explanation shows)."""
    question = BANK["l98_2"]
    wrong = _wrong_option(question)
    pick_option(tab, wrong)
    text = _quiz_check_and_read(tab, "Not yet")
    option = next(o for o in question["options"] if o["id"] == wrong)
    assert option["feedback"] in text
    pick_option(tab, question["answer"])
    _quiz_check_and_read(tab, "Correct")
    tab.locator(f"{SINGLE_QUIZ} .medialit-explanation", has_text=question["explanation"]).wait_for()


def _spans_work(tab):
    """Mark the answer's words in the SpanPicker and check them."""
    question = BANK["l98_3"]
    picker = tab.locator(".medialit-spans")
    for span in question["answer"]:
        picker.locator("button.medialit-word", has_text=span["text"]).first.click()
    count = len(question["answer"])
    picker.locator(".medialit-progress", has_text=f"{count} words marked").wait_for()
    assert picker.locator(".medialit-word-marked").count() == count
    picker.locator("button.medialit-check").click()
    picker.locator(".medialit-feedback", has_text="Correct").wait_for()


def _rewrite_work(tab):
    """Type the model answer into the RewriteLab and see the kernel redraw the notes."""
    question = BANK["l98_4"]
    rewrite = tab.locator(".medialit-rewrite")
    notes = rewrite.locator(".medialit-notes-view")
    before = notes.inner_text()
    rewrite.locator("textarea").fill(question["model_answer"])
    tab.wait_for_function(
        "([sel, old]) => document.querySelector(sel).innerText !== old",
        arg=[".medialit-rewrite .medialit-notes-view", before],
    )
    rewrite.locator("button.medialit-check").click()
    rewrite.locator(".medialit-feedback", has_text="Correct").wait_for()


def _explorer_work(tab):
    """Switch the ArticleExplorer to its second layer and see its legend change."""
    explorer = tab.locator(".medialit-explorer")
    buttons = explorer.locator(".medialit-layer-switch button.widget-toggle-button")
    second = buttons.nth(1).inner_text().strip()
    buttons.nth(1).click()
    explorer.locator(".medialit-article-view", has_text=f"Legend: {second}").wait_for()


def _assert_answers_restored(tab):
    """After a restart, the widgets show the answers saved before it."""
    labels = BANK["l98_1"]
    for index, item in enumerate(labels["items"]):
        row = tab.locator(".medialit-labeler .medialit-sentence").nth(index)
        active = row.locator("button.widget-toggle-button.mod-active")
        assert active.inner_text().strip() == labels["answer"][item]
    checked = tab.locator(f"{SINGLE_QUIZ} input[type=radio]:checked").locator("xpath=..")
    assert checked.inner_text().startswith(f"{BANK['l98_2']['answer']}.")
    marked = tab.locator(".medialit-spans .medialit-word-marked")
    assert sorted(marked.all_inner_texts()) == sorted(
        f"[{s['text']}]" for s in BANK["l98_3"]["answer"]
    )
    assert tab.locator(".medialit-rewrite textarea").input_value() == BANK["l98_4"]["model_answer"]


@pytest.fixture
def data_copy(tmp_path):
    """A copy of data/ with the browser tests' question bank added."""
    return fixture_data_dir(tmp_path / "data")


def test_lab_every_widget_works_and_answers_survive_a_restart(page, start_server, data_copy, shot):
    server = start_server("lab", [ALL_WIDGETS], data_dir=data_copy)
    notebook = JupyterPage(page, server).open(ALL_WIDGETS.name)
    notebook.run_all()
    wait_for_widgets(page)
    _assert_all_rendered(page, notebook)
    keyboard_work(page)
    _explorer_work(page)
    _labeler_work(page)
    _quiz_work(page)
    _spans_work(page)
    _rewrite_work(page)
    shot(page, "lab-all-widgets")
    saved = json.loads(
        (server.root.parent / "answers" / "lesson-98.json").read_text(encoding="utf-8")
    )
    answered = {key for key in saved if not key.startswith("_")}  # "_attempts": the store's own
    assert answered == {"l98_1", "l98_2", "l98_3", "l98_4", "l98_5"}

    notebook.restart()
    assert notebook.widget_states() == ["disconnected"] * sum(WIDGET_COUNTS.values())
    assert notebook.broken_link_icons() == 0
    shot(page, "lab-all-widgets-kernel-restarted")
    notebook.run_all()
    wait_for_widgets(page)
    _assert_all_rendered(page, notebook)
    _assert_answers_restored(page)
    shot(page, "lab-all-widgets-after-restart")


def test_notebook7_widgets_render_and_keys_and_clicks_reach_the_kernel(
    page, start_server, data_copy, shot
):
    server = start_server("notebook", [ALL_WIDGETS], data_dir=data_copy)
    notebook = JupyterPage(page, server).open(ALL_WIDGETS.name)
    notebook.run_all()
    wait_for_widgets(page)
    _assert_all_rendered(page, notebook)
    keyboard_work(page)
    pick_option(page, BANK["l98_2"]["answer"])
    _quiz_check_and_read(page, "Correct")
    shot(page, "notebook7-all-widgets")


def test_voila_renders_the_widgets_and_keys_and_clicks_run_callbacks(
    page, start_server, data_copy, shot
):
    server = start_server("voila", [ALL_WIDGETS], data_dir=data_copy, notebook=ALL_WIDGETS.name)
    VoilaPage(page, server).open()
    wait_for_widgets(page)
    _assert_all_rendered(page)
    keyboard_work(page)
    question = BANK["l98_2"]
    pick_option(page, _wrong_option(question))
    _quiz_check_and_read(page, "Not yet")
    shot(page, "voila-all-widgets")
