"""The teacher's review page in Voila (issue 13, item 3), driven with the keyboard.

A small class is graded in a temporary folder (the grading fixtures: alice, bob and
carol, whose free-text answer carries markup and a script); the test starts Voila
on the review page itself, as ``make review`` does (``start_voila``), picks the
free-text question, types points and a comment with the keyboard, saves, checks
``review.csv``, reloads the page, then grades the class again and checks that the
gradebook and the feedback page carry the teacher's points, marked "reviewed".
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from course import SERIOUS, axe_path, axe_violations
from jupyter_driver import VoilaPage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "grading"))
import classroom  # noqa: E402

from medialit.grading.review import start_voila  # noqa: E402

COMMENT = "Names Ukraine; <b>half</b> of it"


class _Served:
    """The Voila that ``make review`` starts, as the driver's ``VoilaPage`` reads a server."""

    def __init__(self, address: str):
        self.base, self.token = address.split("/?token=")

    def url(self, path: str) -> str:
        """An address on the server with the token added."""
        return f"{self.base}{path}?token={self.token}"


@pytest.fixture
def review_server(tmp_path, monkeypatch):
    """Voila as make review starts it, on a freshly graded class: (server, grades, run again)."""
    subs, grades, data, exercises = classroom.graded_review_class(tmp_path)
    for name in ("JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "JUPYTER_CONFIG_DIR"):
        monkeypatch.setenv(name, str(tmp_path / "voila" / name.lower()))
    process, address = start_voila(grades, classroom.RUBRICS)
    try:
        yield _Served(address), grades, lambda: classroom.grade(subs, grades, data, exercises)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _rows(grades: Path) -> list[dict]:
    with open(grades / "review.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _choose_free_text_question(page) -> None:
    """Move the question list to ex01_6 with the keyboard and wait for its rubric."""
    picker = page.get_by_label("Question")
    picker.focus()
    for _ in range(5):
        if picker.input_value() == "ex01_6" or "ex01_6" in (
            picker.locator("option:checked").inner_text()
        ):
            break
        page.keyboard.press("ArrowDown")
    page.locator("caption", has_text="Rubric for ex01_6").wait_for()


def test_review_page_saves_points_and_comments_that_the_next_grading_merges(
    page, review_server, shot
):
    server, grades, grade_again = review_server
    VoilaPage(page, server).open()
    assert page.evaluate("() => window.pwned === undefined")
    _choose_free_text_question(page)
    assert page.get_by_role("row", name="partial").count() == 1  # the rubric, as a table
    carol = page.locator(".medialit-review-answer", has_text="carol")
    assert "<script>window.pwned = 1</script>" in carol.locator("blockquote").inner_text()
    assert page.evaluate("() => window.pwned === undefined")  # shown as text, never run
    assert "Computer: 0 of 2 points" in carol.inner_text()

    points = page.get_by_label("Points for carol (0 to 2)")
    points.focus()
    page.keyboard.type("1.5")
    page.keyboard.press("Tab")  # to carol's comment box
    assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"
    page.keyboard.type(COMMENT)
    alice = page.get_by_label("Points for alice (0 to 2)")
    alice.focus()
    page.keyboard.type("5")  # more than the question's points
    page.get_by_role("alert").filter(has_text="points must be from 0 to 2").wait_for()

    save = page.get_by_role("button", name="Save reviews")
    save.focus()
    page.keyboard.press("Enter")
    status = page.get_by_role("status").filter(has_text="Saved 1 review(s)")
    status.wait_for()
    assert "alice ex01_6: points must be from 0 to 2: not saved" in status.inner_text()
    shot(page, "voila-review")
    assert _rows(grades) == [
        {"student": "carol", "question": "ex01_6", "points": "1.5", "comment": COMMENT}
    ]
    if axe_path().is_file():
        serious = [v for v in axe_violations(page, [".medialit-review"]) if v["impact"] in SERIOUS]
        assert serious == [], serious

    VoilaPage(page, server).open()  # a reload shows what was saved
    _choose_free_text_question(page)
    assert page.get_by_label("Points for carol (0 to 2)").input_value() == "1.5"
    assert page.get_by_label("Comment for carol").input_value() == COMMENT
    assert page.get_by_label("Points for alice (0 to 2)").input_value() == ""

    run = grade_again()  # the next make grade
    row = run.rows["carol", "ex01_6"]
    assert (row["marking"], row["provisional"], row["earned"]) == ("reviewed", "no", "1.5")
    assert run.total("carol") == 6 + 1.5
    feedback = (grades / "feedback" / "carol.html").read_text(encoding="utf-8")
    assert "Names Ukraine; &lt;b&gt;half&lt;/b&gt; of it" in feedback
