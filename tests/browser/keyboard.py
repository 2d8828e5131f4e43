"""Keyboard checks on the all-widgets notebook, shared by the Lab, Notebook 7 and Voila tests.

Each check presses real keys with Playwright and then looks at what a student
(and a screen reader) gets: the choice changed, the kernel answered, the focus
stayed in the widget, the notebook did not move to another cell (Lab and
Notebook 7 bind the arrow keys to cell moves), one Tab stop per group, a
visible focus ring, the chosen state named by a symbol and an ARIA state.
"""

from __future__ import annotations

__all__ = ["contrast", "keyboard_work"]

from jupyter_driver import MULTIPLE_QUIZ, SINGLE_QUIZ, browser_bank

BANK = browser_bank()

#: JavaScript: the notebook's active cell (null outside Lab and Notebook 7)
ACTIVE_CELL_JS = """() => {
  const app = window.jupyterapp, panel = app && app.shell.currentWidget;
  return panel && panel.content && 'activeCellIndex' in panel.content
    ? panel.content.activeCellIndex : null;
}"""

#: JavaScript: the focused element's outline and the first opaque background behind it
FOCUS_RING_JS = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  let node = e.parentElement, back = 'rgba(0, 0, 0, 0)';
  while (node && /rgba\\(.*, 0\\)|transparent/.test(back)) {
    back = getComputedStyle(node).backgroundColor; node = node.parentElement;
  }
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          colour: style.outlineColor,
          background: /, 0\\)$/.test(back) ? 'rgb(255, 255, 255)' : back};
}"""


def _rgb(text: str) -> tuple[float, ...]:
    """Parse ``rgb(r, g, b)`` or ``rgba(r, g, b, a)`` into three numbers 0-255."""
    return tuple(float(x) for x in text[text.index("(") + 1 : text.index(")")].split(",")[:3])


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two CSS ``rgb()`` colours."""

    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(_rgb(first)), luminance(_rgb(second))), reverse=True)
    return (high + 0.05) / (low + 0.05)


class _Keys:
    """Press keys on ``page`` and check that the notebook's active cell never moves."""

    def __init__(self, page):
        self.page = page
        self.cell = page.evaluate(ACTIVE_CELL_JS)

    def focus(self, locator) -> None:
        """Focus ``locator`` (the notebook may make its cell the active one)."""
        locator.focus()
        self.cell = self.page.evaluate(ACTIVE_CELL_JS)

    def press(self, *keys: str) -> None:
        """Press ``keys`` in turn; the active cell must stay where it was."""
        for key in keys:
            self.page.keyboard.press(key)
        assert self.page.evaluate(ACTIVE_CELL_JS) == self.cell, f"{keys} moved the notebook's cell"

    def focused(self, selector: str) -> bool:
        """Tell whether the focused element matches ``selector``."""
        return self.page.evaluate("s => document.activeElement.matches(s)", selector)


def _radio_quiz(keys: _Keys) -> None:
    """Arrow keys choose among a quiz's radio buttons; the kernel grades that choice."""
    question = BANK["l98_2"]
    ids = [o["id"] for o in question["options"]]
    quiz = keys.page.locator(SINGLE_QUIZ)
    keys.focus(quiz.locator("input[type=radio]").first)
    steps = ids.index(question["answer"])
    keys.press(*(["ArrowDown", "ArrowUp"] if steps == 0 else ["ArrowDown"] * steps))
    checked = quiz.locator("input[type=radio]").evaluate_all("rs => rs.map(r => r.checked)")
    assert checked.index(True) == steps
    assert keys.focused(f"{SINGLE_QUIZ} input[type=radio]")
    quiz.locator("button.medialit-check").click()
    quiz.locator(".medialit-feedback", has_text="Correct").wait_for()


def _checkbox_quiz(keys: _Keys) -> None:
    """Arrow keys move between a quiz's checkboxes; Space ticks the focused one."""
    quiz = keys.page.locator(MULTIPLE_QUIZ)
    boxes = quiz.locator("input[type=checkbox]")
    keys.focus(boxes.nth(0))
    keys.press("ArrowDown")
    assert boxes.nth(1).evaluate("b => b === document.activeElement")
    keys.press("Space")
    assert boxes.nth(1).is_checked() and not boxes.nth(0).is_checked()
    keys.press("ArrowUp")
    assert boxes.nth(0).evaluate("b => b === document.activeElement")


def _select(keys: _Keys) -> None:
    """Arrow keys change the explorer's item picker; the kernel shows that item."""
    explorer = keys.page.locator(".medialit-explorer.widget-box")
    details = explorer.locator(".medialit-details-view")
    before = details.inner_text()
    picker = explorer.locator(".medialit-item-picker select")
    keys.focus(picker)
    start = picker.evaluate("s => s.selectedIndex")
    keys.press("ArrowDown", "ArrowDown")
    assert picker.evaluate("s => s.selectedIndex") == max(start, -1) + 2
    keys.page.wait_for_function(
        "([e, old]) => e.innerText !== old", arg=[details.element_handle(), before]
    )


def _radio_group(keys: _Keys, group, choose_index: int) -> None:
    """A toggle-button group is one Tab stop; arrows choose (role radio, aria-checked, ✔)."""
    buttons = group.locator("button")
    assert group.get_attribute("role") == "radiogroup" and group.get_attribute("aria-label")
    assert buttons.evaluate_all("bs => bs.filter(b => b.tabIndex === 0).length") == 1
    keys.focus(group.locator("button[tabindex='0']"))
    here = buttons.evaluate_all("bs => bs.findIndex(b => b === document.activeElement)")
    steps = (choose_index - here) % buttons.count()
    keys.press(*(["ArrowRight", "ArrowLeft"] if steps == 0 else ["ArrowRight"] * steps))
    chosen = buttons.nth(choose_index)
    keys.page.wait_for_function(
        "b => b.classList.contains('mod-active')", arg=chosen.element_handle()
    )
    assert chosen.get_attribute("role") == "radio"
    assert chosen.get_attribute("aria-checked") == "true"
    assert "✔" in chosen.evaluate("b => getComputedStyle(b, '::before').content")
    assert chosen.evaluate("b => b === document.activeElement && b.tabIndex === 0")


def _labeler_and_layers(keys: _Keys) -> None:
    """Label a sentence and switch the explorer's layer with the arrow keys alone."""
    question = BANK["l98_1"]
    labeler = keys.page.locator(".medialit-labeler.widget-box")
    first = labeler.locator(".medialit-label-choice").nth(0)
    answer = question["labels"].index(question["answer"][question["items"][0]])
    _radio_group(keys, first, answer)
    labeler.locator(".medialit-progress", has_text=f"1 of {len(question['items'])}").wait_for()
    keys.press("Tab")  # one Tab stop per sentence: Tab reaches the next sentence's labels
    assert keys.page.evaluate(
        "() => document.activeElement.closest('.medialit-sentence') === "
        "document.querySelectorAll('.medialit-labeler .medialit-sentence')[1]"
    )
    explorer = keys.page.locator(".medialit-explorer.widget-box")
    layers = explorer.locator(".medialit-layer-switch")
    names = layers.locator("button").all_inner_texts()
    _radio_group(keys, layers, 1)
    explorer.locator(".medialit-article-view", has_text=f"Legend: {names[1].strip()}").wait_for()


def _words(keys: _Keys) -> None:
    """The SpanPicker's words are one Tab stop; arrows move, Space marks (aria-pressed)."""
    words = keys.page.locator(".medialit-spans .medialit-words button")
    assert words.evaluate_all("bs => bs.filter(b => b.tabIndex === 0).length") == 1
    keys.focus(words.nth(0))
    keys.press("ArrowRight")
    assert words.nth(1).evaluate("b => b === document.activeElement")
    ring = keys.page.evaluate(FOCUS_RING_JS)
    assert ring["style"] != "none" and ring["width"] >= 2, ring
    assert contrast(ring["colour"], ring["background"]) >= 3, ring
    keys.press("Space")
    keys.page.locator(".medialit-spans .medialit-progress", has_text="1 word marked").wait_for()
    keys.page.wait_for_function(
        "b => b.getAttribute('aria-pressed') === 'true'", arg=words.nth(1).element_handle()
    )
    keys.press("End")
    assert words.nth(words.count() - 1).evaluate("b => b === document.activeElement")
    keys.press("Tab")
    assert not keys.focused(".medialit-words button"), "Tab should leave the words"
    keys.press("Shift+Tab")
    assert words.nth(words.count() - 1).evaluate("b => b === document.activeElement")
    keys.press("Home", "Space")  # Home: the first word; Space marks it too
    keys.page.locator(".medialit-spans .medialit-progress", has_text="2 words marked").wait_for()
    assert "medialit-word-marked" in words.nth(0).get_attribute("class")
    keys.page.locator(".medialit-spans button.medialit-clear").click()
    keys.page.locator(".medialit-spans .medialit-progress", has_text="0 words marked").wait_for()


def keyboard_work(page) -> None:
    """Run every keyboard check on the all-widgets notebook shown on ``page``."""
    keys = _Keys(page)
    _radio_quiz(keys)
    _checkbox_quiz(keys)
    _select(keys)
    _labeler_and_layers(keys)
    _words(keys)
