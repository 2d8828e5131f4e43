"""The answer widgets (ItemPicker, TextAnswer, NumberAnswer) by keyboard in JupyterLab.

Exercise 02 has one of each. In Lab the arrow keys move between cells in
command mode; inside these widgets they must not: arrows move between an
ItemPicker's items (Space ticks one) and move the caret in a text box. The
focus ring is visible (at least 2 px, 3:1 against the background), the boxes
have accessible names, a number written in words gets a one-line alert, and
leaving a box (Tab, Enter) saves its answer to the answers file.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from jupyter_driver import ROOT, JupyterPage
from keyboard import FOCUS_RING_JS, _Keys, contrast

NOTEBOOK = ROOT / "exercises" / "02-who-speaks.ipynb"
NAMED_JS = "(el) => el.labels.length > 0 || !!el.getAttribute('aria-label')"


def _saved(server) -> dict:
    """The exercise's answers file as the kernel wrote it ({} before any answer)."""
    path = Path(server.env["MEDIALIT_ANSWERS"]) / "exercise-02.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _wait_saved(server, want: dict, timeout: float = 15.0) -> dict:
    """Wait until the answers file holds ``want`` (the kernel writes it); return the file."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        saved = _saved(server)
        if all(saved.get(k) == v for k, v in want.items()):
            return saved
        time.sleep(0.2)
    return _saved(server)


def _ring_is_visible(page) -> None:
    """The focused element has a solid outline of 2 px or more, 3:1 against its background."""
    ring = page.evaluate(FOCUS_RING_JS)
    assert ring["style"] == "solid" and ring["width"] >= 2, ring
    assert contrast(ring["colour"], ring["background"]) >= 3, ring


def test_answer_widgets_work_by_keyboard_in_lab(page, start_server):
    server = start_server("lab", [NOTEBOOK])
    student = JupyterPage(page, server).open(NOTEBOOK.name)
    student.run_all()
    page.locator(".medialit-text-answer.widget-box").wait_for()
    keys = _Keys(page)

    items = page.locator(".medialit-items.widget-box").first
    boxes = items.locator(".medialit-option input[type=checkbox]")
    keys.focus(boxes.nth(0))
    _ring_is_visible(page)
    keys.press("ArrowDown")
    assert boxes.nth(1).evaluate("b => b === document.activeElement")
    keys.press("Space")
    assert boxes.nth(1).is_checked() and not boxes.nth(0).is_checked()
    items.locator(".medialit-progress", has_text="1 of").wait_for()
    keys.press("ArrowUp")
    assert boxes.nth(0).evaluate("b => b === document.activeElement")

    text = page.locator(".medialit-text-answer.widget-box textarea").first
    assert text.evaluate(NAMED_JS)
    keys.focus(text)
    _ring_is_visible(page)
    page.keyboard.type("Ukraine's government is never quoted.")
    keys.press("ArrowUp", "ArrowDown", "Home", "End")
    assert text.evaluate("t => t === document.activeElement")
    keys.press("Tab")  # leaving the box saves it
    page.locator(".medialit-text-answer .medialit-progress", has_text="5 words").wait_for()

    number = page.locator(".medialit-number-answer.widget-box input").first
    assert number.evaluate(NAMED_JS)
    keys.focus(number)
    page.keyboard.type("twelve")
    keys.press("Enter")
    alert = page.locator(".medialit-number-note [role=alert]")
    alert.filter(has_text="could not be read as a number").wait_for()
    number.fill("")
    keys.focus(number)
    page.keyboard.type("12")
    keys.press("Enter")
    alert.wait_for(state="detached")

    want = {"ex02_6": "Ukraine's government is never quoted.", "ex02_4": 12}
    saved = _wait_saved(server, want)
    assert {k: saved.get(k) for k in want} == want and len(saved.get("ex02_1", [])) == 1
