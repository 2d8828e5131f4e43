"""Layout of the course's widgets in JupyterLab: nothing scrolls sideways, rings show, icons draw.

One Lab server serves copies of the course's notebooks; each test opens a
notebook from the file browser, runs all cells and measures every live
medialit widget at Lab's default window width (1280 px, the tests' page) and at
1024 px: no widget, no scrolling box inside it and no output area holding it is
wider inside than its box (a horizontal scrollbar), and no label or button in it
cuts its words off. It then moves the focus to
one control of each kind the notebook's widgets have (the way the keyboard
does) and checks the focus ring: a solid outline of at least 3 px, cut off by no
box around it, whose colour has a contrast of at least 3:1 with the background
behind it and with what the same pixels show without focus. A last test shows a
widget with a notice and checks that its icon is drawn (an inline SVG, hidden
from screen readers, with the words beside it).
"""

import nbformat
import pytest

from course import COURSE, course_name, expected_widgets
from keyboard import contrast

KIND = "lab"
#: the page's width first (the tests' default window), then a small laptop's
WIDTHS = (1280, 1024)

#: JavaScript: for each live medialit widget of the notebook shown, the boxes
#: whose content is wider than the box: the widget's root, every box inside it
#: that scrolls, and the output area that holds it; and every box inside it that
#: cuts its text off (a label or button too narrow for its words)
OVERFLOW_JS = """(scope) => Array.from(
  document.querySelectorAll(scope + ' .medialit-widget.widget-box')).map((root) => {
  const name = (e) => e.tagName.toLowerCase() + '.' + Array.from(e.classList)
    .filter((c) => c.startsWith('medialit-') || c.startsWith('widget-')
                   || c.startsWith('jp-')).join('.');
  const scrolls = (e) => /auto|scroll/.test(getComputedStyle(e).overflowX);
  const cuts = (e) => /hidden|clip/.test(getComputedStyle(e).overflowX);
  const wide = (e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth;
  const inside = Array.from(root.querySelectorAll('*'));
  const boxes = [root, ...inside.filter(scrolls)];
  const output = root.closest('.jp-OutputArea-output');
  if (output) boxes.push(output);
  return [
    ...boxes.filter(wide)
      .map((e) => `${name(e)}: ${e.scrollWidth} px of content in ${e.clientWidth} px`),
    ...inside.filter((e) => cuts(e) && wide(e) && e.textContent.trim())
      .map((e) => `${name(e)}: text cut off (${e.scrollWidth} px in ${e.clientWidth} px)`),
  ];
})"""

#: the controls whose focus ring is checked: one of each kind found in the widgets
CONTROLS = {
    "button": ".medialit-widget button.jupyter-button:not(.widget-toggle-button)",
    "toggle button": ".medialit-widget .widget-toggle-buttons button[tabindex='0']",
    "word": ".medialit-widget .medialit-words button[tabindex='0']",
    "radio": ".medialit-widget input[type=radio]",
    "checkbox": ".medialit-widget input[type=checkbox]",
    "select": ".medialit-widget select",
    "text box": ".medialit-widget textarea",
}

#: JavaScript: focus ``element`` as the keyboard does and describe its focus ring:
#: outline style and width, its colour, the first opaque background behind it,
#: and what the ring's pixels show without focus (the element's own outline, or
#: that background where it has none)
FOCUS_RING_JS = """(e) => {
  const opaque = (node) => {
    let back = 'rgba(0, 0, 0, 0)';
    while (node && /rgba\\(.*, 0\\)|transparent/.test(back)) {
      back = getComputedStyle(node).backgroundColor; node = node.parentElement;
    }
    return /, 0\\)$/.test(back) || back === 'transparent' ? 'rgb(255, 255, 255)' : back;
  };
  e.blur();
  const before = getComputedStyle(e);
  const background = opaque(e.parentElement);
  const unfocused = before.outlineStyle !== 'none' && parseFloat(before.outlineWidth) > 0
    ? before.outlineColor : background;
  e.focus();
  const style = getComputedStyle(e);
  const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
  const box = e.getBoundingClientRect();
  const clipped = [];
  for (let n = e.parentElement; n; n = n.parentElement) {
    const st = getComputedStyle(n);
    if (st.overflowX !== 'visible' || st.overflowY !== 'visible') {
      const r = n.getBoundingClientRect();
      const left = r.left + n.clientLeft, top = r.top + n.clientTop;
      if (box.left - reach < left - 0.5 || box.top - reach < top - 0.5
          || box.right + reach > left + n.clientWidth + 0.5
          || box.bottom + reach > top + n.clientHeight + 0.5) {
        clipped.push(n.tagName.toLowerCase() + '.' + Array.from(n.classList).join('.'));
      }
    }
    if (n.classList.contains('jp-OutputArea-output')) break;
  }
  return {visible: e.matches(':focus-visible'), style: style.outlineStyle,
          width: parseFloat(style.outlineWidth), colour: style.outlineColor,
          background, unfocused, clipped};
}"""

#: a notebook that shows a widget with a notice (a pasted text has no checked claims)
NOTICE_CELLS = [
    "from medialit.article import Article\nfrom medialit.widgets import ArticleExplorer",
    'ArticleExplorer(Article.from_text("A plain text. It says little."), layers=["claims"])',
]


def _overflowing(student) -> dict[int, list[str]]:
    """Measure the widgets at each width; return {width: boxes wider inside than outside}."""
    found = {}
    for width in WIDTHS:
        student.page.set_viewport_size({"width": width, "height": 1000})
        student.page.wait_for_function(f"() => window.innerWidth === {width}")
        student.page.wait_for_timeout(300)  # Lab lays the notebook out again on resize
        found[width] = [
            box for widget in student.page.evaluate(OVERFLOW_JS, student.scope) for box in widget
        ]
    return found


def _focus_rings(student) -> dict[str, dict]:
    """Focus one control of each kind the notebook's widgets have; return their rings."""
    page, rings = student.page, {}
    page.keyboard.press("Escape")  # a key press: the page now shows focus as the keyboard does
    for kind, selector in CONTROLS.items():
        control = page.locator(f"{student.scope} {selector}").first
        if control.count():
            control.scroll_into_view_if_needed()
            rings[kind] = control.evaluate(FOCUS_RING_JS)
    return rings


def _ring_faults(rings: dict[str, dict]) -> list[str]:
    """Return what is wrong with each focus ring (too thin, too faint, not shown)."""
    faults = []
    for kind, ring in rings.items():
        if not ring["visible"] or ring["style"] != "solid" or ring["width"] < 3:
            faults.append(f"{kind}: {ring}")
        elif ring["clipped"]:
            faults.append(f"{kind}: the ring is cut off by {ring['clipped']}")
        elif min(contrast(ring["colour"], ring[side]) for side in ("background", "unfocused")) < 3:
            faults.append(f"{kind}: contrast below 3:1: {ring}")
    return faults


@pytest.mark.parametrize("path", COURSE, ids=course_name)
def test_no_widget_scrolls_sideways_and_every_focus_ring_shows(path, student):
    name, expected = course_name(path), expected_widgets(path)
    student.open_from_file_browser(name)
    student.run_all()
    # (at least: the count comes from the committed outputs, which may predate a new widget)
    assert student.wait_live_widget_outputs(expected) >= expected
    assert len(student.page.evaluate(OVERFLOW_JS, student.scope)) >= expected
    found = _overflowing(student)
    assert found == {width: [] for width in WIDTHS}, f"{name}: horizontal scrollbars"
    rings = _focus_rings(student)
    assert rings, f"{name}: no control to focus"
    assert _ring_faults(rings) == [], f"{name}: focus rings"


def test_the_notice_icon_is_drawn_beside_its_words(student, course_server):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in NOTICE_CELLS]
    nbformat.write(notebook, course_server.root / "notice.ipynb")
    student.open_from_file_browser("notice.ipynb")
    student.run_all()
    assert student.wait_live_widget_outputs(1) == 1
    notice = student.page.locator(f"{student.scope} .medialit-widget .medialit-notice").first
    icon = notice.locator("svg")
    assert icon.get_attribute("aria-hidden") == "true"
    box = icon.bounding_box()
    assert box and box["width"] >= 10 and box["height"] >= 10, box
    drawn = icon.evaluate(
        "s => Array.from(s.children).every((c) => { const b = c.getBBox();"
        " return b.width + b.height > 0 && getComputedStyle(c).visibility === 'visible'; })"
    )
    assert drawn
    words = notice.inner_text().strip()
    assert words.startswith("Note:") and "fact check" in words
