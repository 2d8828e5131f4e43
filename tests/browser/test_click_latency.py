"""The click-to-screen benchmark (``benchmarks/browser.py``) runs and reports every interaction.

It checks what the benchmark reports, never how fast anything is: the upper
bound only catches a broken timer, it is not a latency target.
"""

import importlib.util
import math

from jupyter_driver import ROOT

NAMES = {
    "baseline: plain ipywidgets button",
    "ArticleExplorer: switch layer",
    "ChoiceQuiz: check",
    "SentenceLabeler: check",
    "SpanPicker: toggle a word",
}


def _load_benchmark():
    """Load ``benchmarks/browser.py`` as a module (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location(
        "medialit_browser_bench", ROOT / "benchmarks" / "browser.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_click_to_screen_reports_a_median_for_each_interaction(browser):
    medians = _load_benchmark().click_to_screen(repeat=2, browser=browser)
    assert set(medians) == NAMES
    for name, ms in medians.items():
        assert isinstance(ms, float) and math.isfinite(ms), name
        assert 0 < ms < 30_000, f"{name}: {ms} ms is not a plausible measurement"
