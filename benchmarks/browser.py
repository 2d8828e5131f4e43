"""Click-to-screen latency of the medialit widgets in a real browser (a benchmark, not a test).

``click_to_screen()`` starts JupyterLab on a temporary copy of the browser tests'
notebook ``all-widgets.ipynb`` (with their question bank), opens it in Debian's
headless Chromium, runs it and then times, inside the page, from a click on a
widget until the DOM shows what the kernel sent back. Unlike
``medialit.widgets.bench`` (Python-side model updates only), this includes the
websocket round trip and the widget views' update. A plain ipywidgets button
added to the notebook gives the baseline: the same round trip with no medialit
code, so the medialit figures can be read as ratios to it. Each timed click changes
something only the kernel can change; the step that makes this so (another
option, another label) happens before the timer starts. Run it alone with
``.venv/bin/python benchmarks/browser.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TESTS = ROOT / "tests" / "browser"
#: how long (ms) one timed click may wait for its answer
CLICK_TIMEOUT = 20_000

__all__ = ["BASELINE", "click_to_screen", "main"]

#: the name of the baseline: a plain ipywidgets Button whose callback sets an HTML widget
BASELINE = "baseline: plain ipywidgets button"
#: the cell added to the notebook for the baseline (no medialit code in it)
BASELINE_CELL = """import ipywidgets as widgets
bench_out = widgets.HTML(value="", _dom_classes=["bench-baseline-out"])
bench_button = widgets.Button(description="Baseline")
bench_clicks = []
def bench_click(_b):
    bench_clicks.append(1)
    bench_out.value = f"clicked {len(bench_clicks)}"
bench_button.on_click(bench_click)
widgets.VBox([bench_button, bench_out], _dom_classes=["bench-baseline"])"""

#: JavaScript: click ``click`` inside ``root`` and resolve with the milliseconds
#: until the text of ``watch`` (inside ``root``) differs from before and is not empty
TIMED_CLICK_JS = """async ([root, click, watch, timeout]) => {
  const box = document.querySelector(root);
  const target = box && box.querySelector(click);
  const shown = box && box.querySelector(watch);
  if (!target || !shown) throw new Error(`not found: ${root} ${click} / ${watch}`);
  const before = shown.textContent;
  const done = () => shown.textContent !== before && shown.textContent.trim() !== '';
  return await new Promise((resolve, reject) => {
    let start = 0;
    const observer = new MutationObserver(() => {
      if (!done()) return;
      const elapsed = performance.now() - start;
      observer.disconnect(); clearTimeout(timer); resolve(elapsed);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(
        `no change of ${watch} in ${root} within ${timeout} ms after clicking ${click}`));
    }, timeout);
    observer.observe(box, {subtree: true, childList: true, characterData: true, attributes: true});
    start = performance.now();
    target.click();
  });
}"""


def _driver():
    """Import ``tests/browser/jupyter_driver.py`` (its folder goes on ``sys.path``)."""
    if str(BROWSER_TESTS) not in sys.path:
        sys.path.insert(0, str(BROWSER_TESTS))
    import jupyter_driver

    return jupyter_driver


def _interactions(page, driver, bank: dict) -> list:
    """Return (name, root selector, watched selector, prepare) for each interaction.

    ``prepare(i)`` runs untimed before the i-th click and returns the selector
    (inside the root) of the element to click. It makes sure the click yields a
    new change: before a Check the kernel has cleared the old feedback (another
    option or label was chosen), a layer click asks for another layer, and the
    same word flips on and off so the kernel's word count changes.
    """
    quiz, labels = bank["l98_2"], bank["l98_1"]
    wrong_option = next(o["id"] for o in quiz["options"] if o["id"] != quiz["answer"])
    first = labels["items"][0]
    wrong_label = next(lab for lab in labels["labels"] if lab != labels["answer"][first])
    layer = ".medialit-explorer .medialit-layer-switch button.widget-toggle-button"

    def feedback_cleared(root):
        """Wait until the kernel has emptied the feedback of widget ``root``."""
        page.wait_for_function(
            "s => document.querySelector(s).textContent.trim() === ''",
            arg=f"{root} .medialit-feedback",
        )

    def next_layer(_i):
        """Return the toggle of the layer after the one shown."""
        names = page.locator(layer).evaluate_all("bs => bs.map(b => b.dataset.value)")
        current = page.locator(f"{layer}.mod-active").get_attribute("data-value")
        following = names[(names.index(current) + 1) % len(names)]
        return f'.medialit-layer-switch button.widget-toggle-button[data-value="{following}"]'

    def pick_option(i):
        """Choose a wrong option (even i) or the right one (odd i); return the Check button."""
        driver.pick_option(page, wrong_option if i % 2 == 0 else quiz["answer"])
        feedback_cleared(driver.SINGLE_QUIZ)
        return "button.medialit-check"

    def pick_label(i):
        """Give the first sentence a wrong (even i) or right (odd i) label; return Check."""
        driver.choose_label(page, 0, wrong_label if i % 2 == 0 else labels["answer"][first])
        feedback_cleared(".medialit-labeler")
        return "button.medialit-check"

    return [
        (BASELINE, ".bench-baseline", ".bench-baseline-out", lambda _i: "button"),
        (
            "ArticleExplorer: switch layer",
            ".medialit-explorer.widget-box",
            ".medialit-article-view",
            next_layer,
        ),
        ("ChoiceQuiz: check", driver.SINGLE_QUIZ, ".medialit-feedback", pick_option),
        (
            "SentenceLabeler: check",
            ".medialit-labeler.widget-box",
            ".medialit-feedback",
            pick_label,
        ),
        (
            "SpanPicker: toggle a word",
            ".medialit-spans.widget-box",
            ".medialit-progress",
            lambda _i: "button.medialit-word",
        ),
    ]


def _prime(page, driver, bank: dict) -> None:
    """Give the labeler every right label and check it and the quiz once (untimed).

    After this every Check feedback is non-empty, so a prepare step that makes
    the kernel clear it has something to wait for.
    """
    labels = bank["l98_1"]
    for index, item in enumerate(labels["items"]):
        driver.choose_label(page, index, labels["answer"][item])
    count = len(labels["items"])
    page.locator(".medialit-labeler .medialit-progress", has_text=f"{count} of {count}").wait_for()
    driver.pick_option(page, bank["l98_2"]["answer"])
    for root in (".medialit-labeler", driver.SINGLE_QUIZ):
        page.locator(f"{root} button.medialit-check").click()
        page.locator(f"{root} .medialit-feedback", has_text="Correct").wait_for()


def _measure(notebook, driver, repeat: int) -> dict[str, float]:
    """Time each interaction ``repeat`` times after one warm-up; return medians in ms."""
    page = notebook.page
    bank = driver.browser_bank()
    _prime(page, driver, bank)
    results = {}
    for name, root, watch, prepare in _interactions(page, driver, bank):
        page.locator(root).scroll_into_view_if_needed()
        times = []
        for i in range(repeat + 1):
            click = prepare(i)
            notebook.wait_kernel_idle()
            elapsed = page.evaluate(TIMED_CLICK_JS, [root, click, watch, CLICK_TIMEOUT])
            if i:  # the first click is the warm-up
                times.append(float(elapsed))
            notebook.wait_kernel_idle()  # the rest of the kernel's answer
        results[name] = statistics.median(times)
    return results


def _with_baseline(source: Path, folder: Path) -> Path:
    """Write a copy of notebook ``source`` with the baseline cell at its end; return its path."""
    import nbformat

    nb = nbformat.read(source, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(BASELINE_CELL))
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / source.name)
    return folder / source.name


def click_to_screen(repeat: int = 15, browser=None) -> dict[str, float]:
    """Time click-to-screen for widget interactions in JupyterLab and headless Chromium.

    Starts one Lab server on a temporary copy of ``all-widgets.ipynb`` (with a
    baseline cell added) and the browser tests' question bank, runs the
    notebook, then for each interaction clicks once to warm up and ``repeat``
    more times, each timed inside the page from ``element.click()`` until a
    MutationObserver sees the kernel's answer in the DOM. The server (and a
    browser started here) are stopped at the end, also on failure.

    Args:
        repeat: timed clicks per interaction (after one warm-up click).
        browser: a Playwright Browser to use (the tests pass theirs: one
            process may run only one Playwright); default: start Chromium here.

    Returns:
        {interaction name: median milliseconds}, for the baseline (``BASELINE``:
        the same round trip with no medialit code, to compare with), "ArticleExplorer:
        switch layer", "ChoiceQuiz: check", "SentenceLabeler: check" and
        "SpanPicker: toggle a word".

    Raises:
        RuntimeError: Debian's Chromium is missing, or the server did not start.
    """
    driver = _driver()
    if browser is None:
        return _with_own_browser(driver, repeat)
    with tempfile.TemporaryDirectory(prefix="medialit-browser-bench-") as folder:
        workspace = Path(folder)
        data = driver.fixture_data_dir(workspace / "data")
        notebook = _with_baseline(driver.ALL_WIDGETS, workspace / "src")
        server = driver.start_in(workspace / "lab", "lab", [notebook], data_dir=data)
        context = None
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            context.set_default_timeout(driver.ACTION_TIMEOUT)
            page = context.new_page()
            notebook = driver.JupyterPage(page, server).open(driver.ALL_WIDGETS.name)
            notebook.run_all()
            driver.wait_for_widgets(page)
            page.locator(".bench-baseline button").wait_for()
            return _measure(notebook, driver, repeat)
        finally:
            if context is not None:
                context.close()
            server.stop()


def _with_own_browser(driver, repeat: int) -> dict[str, float]:
    """Start Debian's headless Chromium, run ``click_to_screen`` in it, close it."""
    if not driver.CHROMIUM.is_file():
        raise RuntimeError(
            f"{driver.CHROMIUM} is missing: install Debian's Chromium with "
            "`apt-get install -y chromium` to measure click-to-screen latency"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(driver.CHROMIUM), headless=True, args=driver.LAUNCH_ARGS
        )
        try:
            return click_to_screen(repeat, browser)
        finally:
            browser.close()


def main() -> None:
    """Print the median click-to-screen time of each interaction."""
    for name, ms in click_to_screen().items():
        print(f"{name}: {ms:.1f} ms median")


if __name__ == "__main__":
    main()
