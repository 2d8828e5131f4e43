"""Typed answer cells in a real kernel (nbclient): hints instead of tracebacks, no stale grades."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]


def _run(cells: list[str]) -> list[str]:
    """Execute code cells in a fresh kernel.

    Returns:
        Each cell's text output (streams and results).
    """
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    client = nbclient.NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True)
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "MEDIALIT_STRICT")}
    os.environ["PYTHONPATH"] = str(ROOT)  # the kernel imports this checkout's medialit
    os.environ.pop("MEDIALIT_STRICT", None)
    try:
        client.execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    texts = []
    for cell in nb.cells:
        parts = []
        for out in cell.outputs:
            if out.output_type == "stream":
                parts.append(out.text)
            elif out.output_type == "error":
                parts.append(f"TRACEBACK {out.ename}")
            elif "data" in out:
                parts.append(out.data.get("text/plain", ""))
        texts.append("".join(parts))
    return texts


@pytest.fixture(scope="module")
def outputs():
    """One kernel run covering every case."""
    return _run(
        [
            "from medialit import check",
            "answer_l00_2 = 9",
            'check("l00_2")',
            "answer_l00_2 = nine",
            'check("l00_2", answer_l00_2)',
            "answer_l00_3 = “Putin said China’s peace proposals could help end the war"
            " in Ukraine.”",
            'check("l00_3")',
            'answer_l00_1 = ["a", "b"',
            'check("l00_1")',
            "answer_l00_2 = 9",
            'check("l00_2")',
        ]
    )


def test_bare_word_is_one_line_and_the_old_value_is_not_graded(outputs):
    assert "TRACEBACK" not in outputs[3] and "does not know the word ‘nine’" in outputs[3]
    assert outputs[3].count("\n") == 1
    assert "did not run cleanly" in outputs[4] and "Correct" not in outputs[4]


def test_curly_quotes_are_read_as_quote_marks(outputs):
    assert "TRACEBACK" not in outputs[5] and outputs[5] == ""
    assert "Not answered" not in outputs[6] and "TRACEBACK" not in outputs[6]


def test_unclosed_bracket_is_a_hint(outputs):
    assert "TRACEBACK" not in outputs[7] and "never closed" in outputs[7]
    assert "did not run cleanly" in outputs[8]


def test_a_clean_rerun_is_graded_again(outputs):
    assert "✔ Correct" in outputs[2] and "✔ Correct" in outputs[10]


def test_check_cell_first_after_a_restart():
    [out] = _run(['from medialit import check; check("l00_2")'])
    assert "TRACEBACK" not in out and "Run the answer cell above first" in out
    [out] = _run(['from medialit import check; check("l00_2", answer_l00_2)'])
    assert "TRACEBACK" not in out and "answer_l00_2 is not set" in out


def test_no_side_effect_on_plain_import():
    [out] = _run(["import medialit, sys; print('cells' in str(sorted(sys.modules)))"])
    assert out.strip() == "False"
