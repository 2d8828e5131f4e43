"""Answer widgets for the questions no other widget fits: written text, a number, items.

Like the widgets of ``medialit.widgets.views``, each keeps its state in
``.model`` (``medialit.widgets.models``), draws it in ``.view``, saves every
change in the answers file (``medialit.store``) and shows the saved answer
again after a restart; ``.answer`` is what the answer cell under it reads and
the grader reads the same saved answer. Displayed, each gives the live widget
and the companion output with "Run all cells to use the widgets." and a
static view (``medialit.widgets.static``).

DOM classes (all roots also get ``medialit-widget``):

- TextAnswer: root ``medialit-text-answer``; the box ``medialit-text-input``
  (Textarea, saved when it loses focus); ``medialit-progress`` (Label, "42 words").
  For a rewrite question the box starts with the passage and the header shows it.
- NumberAnswer: root ``medialit-number-answer``; the box ``medialit-number-input``
  (Text, saved on Enter or when it loses focus); ``medialit-number-note`` (HTML: a
  one-line message when the text is not a number).
- ItemPicker: root ``medialit-items``; one ``medialit-option`` Checkbox per item (a
  sentence's text or the item's name), inside ``medialit-options``.
- Common: ``medialit-check`` ("Check"), ``medialit-explain`` ("Show explanation"),
  ``medialit-give-up`` ("I give up"), ``medialit-feedback`` (HTML, role "status"),
  ``medialit-explanation`` (HTML).

Keyboard: Tab reaches each box, checkbox and button; Space ticks a checkbox,
the arrow keys move between the checkboxes and stay inside the widget (the
page script of ``medialit.widgets.static``).
"""

from __future__ import annotations

from medialit.widgets import static
from medialit.widgets.models import ItemSetModel, NumberModel, TextModel
from medialit.widgets.views import ChoiceQuiz, _button, _make, _Widget

__all__ = ["TextAnswer", "NumberAnswer", "ItemPicker", "ITEM_CSS"]

#: an ItemPicker's items wrap onto more lines (a checkbox label is one cut line otherwise)
ITEM_CSS = (
    ".medialit-items .medialit-option {height: auto}"
    " .medialit-items .medialit-option .widget-label-basic {height: auto; overflow: visible;"
    " white-space: normal; display: flex; gap: 0.4em; align-items: flex-start; line-height: 1.5}"
    " .medialit-items .medialit-option .widget-label-basic span {white-space: normal;"
    " overflow: visible; text-overflow: clip}"
    " .medialit-items .medialit-option input {flex: none; margin-top: 0.35em}"
)


class _AnswerWidget(_Widget):
    """Check, "Show explanation" and "I give up" buttons, and a feedback area read aloud."""

    def _controls(self):
        """Make the row of buttons and the feedback and explanation areas."""
        explain = _button(
            "Show explanation",
            "Show why the answer is right (after your first check)",
            "info",
            "medialit-explain",
            self.show_explanation,
        )
        give_up = _button(
            "I give up", "Show the explanation now", "flag", "medialit-give-up", self.give_up
        )
        self.result = _make("HTML", classes=("medialit-feedback",))
        self.explanation = _make("HTML", classes=("medialit-explanation",))
        buttons = _make("HBox", [self._check_button(), explain, give_up])
        return [buttons, self.result, self.explanation]

    def _show_feedback(self):
        """Draw the result in an area that screen readers announce."""
        self.result.value = (
            f'<div role="status">{static.verdict_html(self.model.feedback, self.model.message)}'
            "</div>"
        )

    def _draw_explanation(self, text: str) -> str:
        """Show an explanation and return it."""
        self.explanation.value = f"<p><strong>Explanation:</strong> {static.esc(text)}</p>"
        return text

    def show_explanation(self) -> str:
        """Show the explanation (before a first check, the line that says to try first)."""
        return self._draw_explanation(self.model.explain())

    def give_up(self) -> str:
        """Record "I give up" and show the explanation."""
        return self._draw_explanation(self.model.give_up())

    def _changed(self):
        """Clear an old result once the answer changes."""
        self.result.value = ""


class TextAnswer(_AnswerWidget):
    """Write an answer in a box (``text`` questions); for a rewrite, edit the passage.

    Args:
        question_id: e.g. "ex03_5".
        article: the article a rewrite's passage comes from (default: the course article).
    """

    _root_class = "medialit-text-answer"
    model: TextModel

    def __init__(self, question_id: str, article=None):
        self.model = TextModel(question_id, article)
        label = "Your version:" if self.model.original else "Your answer:"
        self.box = _make(
            "Textarea",
            value=self.model.text,
            description=label,
            placeholder="Write your answer here, in full sentences.",
            tooltip="Your answer is saved as you type",
            continuous_update=True,  # saved as typed: closing the tab loses nothing
            layout={"width": "calc(100% - 4px)", "height": "8em"},  # minus its margins
            style={"description_width": "initial"},
            classes=("medialit-text-input",),
        )
        self.box.observe(lambda change: self._on_text(change["new"]), names="value")
        self.progress = _make("Label", self.model.progress, classes=("medialit-progress",))
        self.view = self._root([self._header(), self.box, self.progress, *self._controls()])

    def _header(self):
        """The prompt, notices and, for a rewrite, the passage and what to do with it."""
        extra = ""
        if self.model.original:
            extra = (
                f"<p><strong>Original ({static.esc(self.model.passage)}):</strong> "
                f"{static.esc(self.model.original)}</p><p>The box starts with the original: "
                "change it into your version. The original itself is not an answer.</p>"
            )
        return _make("HTML", static._header(self.model) + extra, classes=("medialit-header",))

    def _on_text(self, text):
        """Save the text from the box."""
        self.model.set_text(text)
        self.progress.value = self.model.progress
        self._changed()

    def write(self, text: str) -> None:
        """Type a new text into the box (as a student does)."""
        self.box.value = text

    def static_html(self) -> str:
        """Static HTML: the prompt, the passage and the text written."""
        return static.text_answer_html(self.model)

    def plain_text(self) -> str:
        """E.g. "TextAnswer ex03_5: 42 words"."""
        return f"TextAnswer {self.model.question_id}: {self.model.progress}"


class NumberAnswer(_AnswerWidget):
    """Type a number (``number`` questions): "3404", "3,404" and "about 3400" all work.

    Args:
        question_id: e.g. "ex02_4".
    """

    _root_class = "medialit-number-answer"
    model: NumberModel

    def __init__(self, question_id: str):
        self.model = NumberModel(question_id)
        self.box = _make(
            "Text",
            value=self.model.text,
            description="Your number:",
            placeholder="digits",
            tooltip="Your number is saved when you press Enter or leave the box",
            continuous_update=False,
            style={"description_width": "initial"},
            classes=("medialit-number-input",),
        )
        self.box.observe(lambda change: self._on_text(change["new"]), names="value")
        self.note = _make("HTML", self._note(), classes=("medialit-number-note",))
        self.view = self._root([self._header(), self.box, self.note, *self._controls()])

    def _note(self) -> str:
        """The one-line message for text that is not a number ("" otherwise)."""
        problem = self.model.problem
        return f'<p role="alert">✘ {static.esc(problem)}</p>' if problem else ""

    def _on_text(self, text):
        """Read the number from the box."""
        self.model.set_text(text)
        self.note.value = self._note()
        self._changed()

    def write(self, text: str) -> None:
        """Type into the box (as a student does)."""
        self.box.value = text

    def static_html(self) -> str:
        """Static HTML: the prompt and the number typed."""
        return static.number_answer_html(self.model)

    def plain_text(self) -> str:
        """E.g. "NumberAnswer ex02_4: 12"."""
        answer = self.model.answer
        shown = "not answered yet" if answer is ... else f"answer {answer}"
        return f"NumberAnswer {self.model.question_id}: {shown}"


class ItemPicker(ChoiceQuiz):
    """Tick every item that applies (``set`` questions); sentences are shown in full.

    A ChoiceQuiz over the question's items, with an "I give up" button and a count.

    Args:
        question_id: e.g. "ex02_1".
        article: the article the items' sentence ids refer to (default: the course article).
    """

    _root_class = "medialit-items"
    model: ItemSetModel

    def __init__(self, question_id: str, article=None):
        self.model = ItemSetModel(question_id, article)
        self._syncing = False
        self.boxes = [self._box(oid, text) for oid, text in self.model.options]
        self.options = _make("VBox", self.boxes, classes=("medialit-options",))
        self.count = _make("Label", self._count(), classes=("medialit-progress",))
        controls = _AnswerWidget._controls(self)  # type: ignore[arg-type]
        self.view = self._root([self._header(), self.options, self.count, *controls])

    def _header(self):
        """The prompt and notices, with the style that lets long items wrap."""
        html = f"<style>{ITEM_CSS}</style>{static._header(self.model)}"
        return _make("HTML", html, classes=("medialit-header",))

    def _box(self, oid: str, text: str):
        """One item's checkbox, saved on every change."""
        box = _make(
            "Checkbox",
            value=oid in self.model.chosen,
            description=f"{oid}: {text}" if text != oid else oid,
            indent=False,
            layout={"width": "auto"},
            classes=("medialit-option",),
        )
        box.observe(lambda _c: self._on_choice(), names="value")
        return box

    def _count(self) -> str:
        """E.g. "3 of 11 ticked"."""
        return f"{len(self.model.chosen)} of {len(self.model.options)} ticked"

    def _on_choice(self):
        """Save the ticked items and count them."""
        super()._on_choice()
        self.count.value = self._count()

    def give_up(self) -> str:
        """Record "I give up" and show the explanation."""
        self.model.give_up()
        return self.show_explanation()

    def plain_text(self) -> str:
        """E.g. "ItemPicker ex02_1: 3 of 11 ticked"."""
        return f"ItemPicker {self.model.question_id}: {self._count()}"
