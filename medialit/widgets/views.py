"""The widgets students use: ipywidgets views over the plain models.

Each class keeps its state in ``.model`` (see ``medialit.widgets.models``),
draws it in ``.view`` (an ipywidgets VBox) and exposes ``.answer`` (the form
``medialit.check`` takes) and ``.check()``. Displayed, it gives two outputs:
the live widget (with a short ``text/plain``), then a companion ``text/html``
with the notice "Run all cells to use the widgets." and a static rendering,
for places where the widget is not live (a reopened notebook, GitHub,
nbviewer, exported HTML); the companion's style hides it while the widget
shows, and the script that the first companion of a kernel carries gives the
widgets their keyboard behaviour (see ``medialit.widgets.static``).
``_repr_mimebundle_`` still gives one bundle with all three formats.

DOM classes (stable names for browser tests; all roots also get
``medialit-widget``):

- ArticleExplorer: root ``medialit-explorer``; layer switch
  ``medialit-layer-switch`` (ToggleButtons); article ``medialit-article-view``
  (HTML, marks are ``span.medialit-mark`` and tags ``sup.medialit-tag``); item
  picker ``medialit-item-picker`` (Dropdown); details ``medialit-details-view``.
- SentenceLabeler: root ``medialit-labeler``; one ``medialit-sentence`` box per
  sentence holding ``medialit-sentence-text`` (HTML), ``medialit-label-choice``
  (ToggleButtons) and ``medialit-item-feedback`` (HTML); progress
  ``medialit-progress`` (Label, "7 of 14 labelled").
- SpanPicker: root ``medialit-spans``; words ``medialit-word`` (ToggleButton,
  a marked word reads "[word]" with a check icon and class
  ``medialit-word-marked``) inside the box ``medialit-words`` (one Tab stop,
  arrows move between words); ``medialit-progress``; button ``medialit-clear``.
- ChoiceQuiz: root ``medialit-quiz``; options ``medialit-options``
  (RadioButtons) or ``medialit-option`` (one Checkbox each); button
  ``medialit-explain`` ("Show explanation"); ``medialit-explanation`` (HTML).
- RewriteLab: root ``medialit-rewrite``; ``medialit-rewrite-input`` (Textarea);
  ``medialit-notes-view`` (HTML).
- Common: header ``medialit-header`` (HTML: prompt, notices); button
  ``medialit-check`` ("Check"); result ``medialit-feedback`` (HTML, symbol and
  words such as "✔ Correct" / "◐ Partly right" / "✘ Not yet").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medialit.widgets import static
from medialit.widgets.models import (
    ChoiceModel,
    LabelerModel,
    RewriteModel,
    SpanModel,
    status_symbol,
)

if TYPE_CHECKING:
    from medialit.widgets.layers import ExplorerModel

__all__ = ["ArticleExplorer", "SentenceLabeler", "SpanPicker", "RewriteLab", "ChoiceQuiz"]

_WIDTH = "1200px"
#: the MIME type of a live widget's output
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _w():
    """Import ipywidgets on first use (keeps ``import medialit`` light)."""
    import ipywidgets

    return ipywidgets


class _Shared:
    """One Layout and one style object per look, shared by the alike parts of every widget.

    Every ipywidgets control brings its own Layout and style models, and each model
    is one more message to the page when a cell runs: a labeler of twelve sentences
    made about a hundred. Parts that look alike share them (a Layout or a style may
    serve many controls), so a widget makes about a third as many models. One
    ``_Shared`` serves the whole kernel (``_KERNEL``); a part whose Layout changes
    later (the explorer's item picker hides itself) gets its own.
    """

    def __init__(self):
        self._made: dict[tuple, object] = {}

    def layout(self, **settings):
        """The shared ``ipywidgets.Layout`` with these settings."""
        return self._get(_w().Layout, settings)

    def style(self, kind, **settings):
        """The shared style object of class ``kind`` (e.g. ``HTMLStyle``) with these settings."""
        return self._get(kind, settings)

    def _get(self, kind, settings: dict):
        """Make the object of class ``kind`` once per settings, then hand out the same one."""
        key = (kind.__name__, tuple(sorted(settings.items())))
        if key not in self._made:
            self._made[key] = kind(**settings)
        return self._made[key]


#: the Layouts and styles every widget of this kernel shares
_KERNEL = _Shared()


def _make(kind: str, *args, classes=(), layout=None, style=None, **settings):
    """Make an ipywidgets control with the kernel's shared Layout and style.

    Args:
        kind: the ipywidgets class name, e.g. "HTML" or "VBox".
        args: its positional arguments (a box's children, an HTML's value).
        classes: CSS class names, given at once (each ``add_class`` later is one
            more message to the page).
        layout: the settings of its shared Layout, or a Layout of its own.
        style: the settings of its shared style object.
        settings: its other settings.
    """
    made = getattr(_w(), kind)
    if layout is None or isinstance(layout, dict):
        layout = _KERNEL.layout(**(layout or {}))
    trait = made.class_traits().get("style")
    if trait is not None:
        settings["style"] = _KERNEL.style(trait.klass, **(style or {}))
    return made(*args, layout=layout, _dom_classes=tuple(classes), **settings)


def _button(label: str, tooltip: str, icon: str, css: str, action):
    """Make a Button (shared Layout and style) that calls ``action()`` when clicked."""
    button = _make("Button", description=label, tooltip=tooltip, icon=icon, classes=(css,))
    button.on_click(lambda _b: action())
    return button


#: the run that last sent the page's keyboard script: {"cell": id, "request": id}
_SCRIPT_SENT: dict = {}


def _this_run() -> tuple[str | None, str | None]:
    """Return (cell id, request id) of the code running now (None outside a kernel).

    JupyterLab and Notebook 7 name the cell in the execute request's metadata.
    """
    try:
        from IPython import get_ipython

        parent = get_ipython().kernel.get_parent()
    except (AttributeError, ImportError, TypeError):
        return None, None
    cell = (parent.get("metadata") or {}).get("cellId")
    return cell, (parent.get("header") or {}).get("msg_id")


def _sends_script() -> bool:
    """Tell whether the next companion carries the page's script.

    The first widget a kernel shows carries it (the page runs it once); when
    the cell that carried it runs again, its new output carries it again, so
    the notebook keeps one copy for a reloaded page.
    """
    cell, request = _this_run()
    again = cell is not None and _SCRIPT_SENT.get("cell") == cell
    if _SCRIPT_SENT and not (again and _SCRIPT_SENT.get("request") != request):
        return False
    _SCRIPT_SENT.update(cell=cell, request=request)
    return True


class _Widget:
    """Shared behaviour: display (widget + static HTML + plain text), check, answer."""

    _root_class = "medialit-widget"
    view = None
    #: the widget's model; each widget class below declares its own model type
    model: Any

    def _root(self, children):
        """Make the root VBox with the class names and the width limit."""
        return _make(
            "VBox",
            children,
            classes=("medialit-widget", self._root_class),
            layout={"max_width": _WIDTH, "width": "100%"},
        )

    def _header(self):
        """Make the header HTML (prompt, load error, store notice)."""
        return _make("HTML", static._header(self.model), classes=("medialit-header",))

    def _check_button(self):
        """Make the Check button wired to ``self._on_check``."""
        return _button("Check", "Check your answer", "check", "medialit-check", self._on_check)

    def _on_check(self):
        """Run the check from a button click; strict-mode errors become messages."""
        try:
            self.model.check()
        except AssertionError as err:
            self.model.message = str(err)
        self._show_feedback()

    def _show_feedback(self):
        """Draw the last check's result (overridden where items get notes)."""
        self.result.value = static.verdict_html(self.model.feedback, self.model.message)

    @property
    def answer(self):
        """The answer in the form ``medialit.check`` takes (``...`` when none)."""
        return self.model.answer

    def check(self):
        """Check the current answer, show the feedback and return the Feedback."""
        feedback = self.model.check()
        self._show_feedback()
        return feedback

    def static_html(self) -> str:
        """The static HTML rendering of the current state."""
        raise NotImplementedError

    def plain_text(self) -> str:
        """A short plain-text description of the widget."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.plain_text()

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        """Live widget view plus deterministic text/html and text/plain fallbacks."""
        view = {"version_major": 2, "version_minor": 0, "model_id": self.view.model_id}
        return {  # as ipywidgets makes it, without its text/plain: a repr of every child
            WIDGET_VIEW: view,
            "text/html": self.static_html(),
            "text/plain": self.plain_text(),
        }

    def _ipython_display_(self):
        """Display two outputs: the live widget, then its companion (``static.companion_html``).

        The widget's output keeps only its view and a short text/plain; the
        companion holds the notice and the static text/html, which a page shows
        when the widget itself cannot be drawn (a reopened notebook, GitHub),
        and, for the first widget a kernel shows, the page's script.
        """
        from IPython.display import display

        bundle = self._repr_mimebundle_()
        del bundle["text/html"]
        display(bundle, raw=True)
        display(
            {
                "text/html": static.companion_html(self.static_html(), _sends_script()),
                "text/plain": static.RUN_ALL_NOTICE,
            },
            raw=True,
        )


class ArticleExplorer(_Widget):
    """The article with switchable layers, a legend and details for one item.

    Args:
        article: an Article (default: ``medialit.load_article()``); any
            Article works, e.g. one from ``Article.from_text``.
        layers: layer keys to offer, in order (default all: "quotes",
            "types", "cues", "framing", "claims").

    Raises:
        KeyError: a layer key is unknown.
    """

    _root_class = "medialit-explorer"
    model: ExplorerModel

    def __init__(self, article=None, layers=None):
        from medialit.widgets.layers import LAYERS, ExplorerModel  # loads the analysis

        self.model = ExplorerModel(article, layers)
        self.switch = _make(
            "ToggleButtons",
            options=[(LAYERS[k], k) for k in self.model.keys],
            value=self.model.current,
            description="Layer:",
            tooltips=[f"Show {LAYERS[k].lower()}" for k in self.model.keys],
            style={"button_width": "auto"},
            classes=("medialit-layer-switch",),
        )
        self.text = _make("HTML", classes=("medialit-article-view",))
        self.picker = _make(  # its own Layout: it hides itself for a layer with no items
            "Dropdown",
            description="Item:",
            layout=_w().Layout(width="auto", max_width="100%"),
            classes=("medialit-item-picker",),
        )
        self.details = _make("HTML", classes=("medialit-details-view",))
        self._syncing = False
        self._fill_picker()
        self._draw()
        self.switch.observe(self._on_layer, names="value")
        self.picker.observe(self._on_item, names="value")
        self.view = self._root([self.switch, self.text, self.picker, self.details])

    def _fill_picker(self):
        """Offer the items of the current layer in the Dropdown, the chosen one selected.

        A layer with no items (its notice says why) hides the Dropdown.
        """
        marks = self.model.layer().marks
        short = [
            (m.text[:60] + ("…" if len(m.text) > 60 else "")).replace("\n", " ") for m in marks
        ]
        self._syncing = True
        self.picker.options = [(f"[{m.tag}] {s}", m.id) for m, s in zip(marks, short)]
        self.picker.value = self.model.selected
        self.picker.layout.display = None if marks else "none"  # a layer with no items
        self._syncing = False

    def _draw(self):
        """Redraw the article, legend and details from the model."""
        layer = self.model.layer()
        self.text.value = (
            static.notice_html(layer.notice)
            + static.legend_html(layer)
            + static.article_html(self.model.article, layer, self.model.selected)
        )
        chosen = self.model.chosen()
        self.details.value = (
            static.mark_details_html(chosen, self.model.fact_cards(chosen) if chosen else ())
            if layer.marks
            else ""
        )

    def _on_layer(self, change):
        """Switch layers from the ToggleButtons."""
        self.show_layer(change["new"])

    def _on_item(self, change):
        """Choose an item from the Dropdown."""
        if not self._syncing:
            self.show_item(change["new"])

    def show_layer(self, key: str) -> None:
        """Switch to a layer (as a click on the switch does)."""
        self.model.select_layer(key)
        if self.switch.value != key:
            self.switch.value = key
        self._fill_picker()
        self._draw()

    def show_item(self, mark_id) -> None:
        """Choose an item of the current layer (as the Dropdown does)."""
        self.model.select_item(mark_id)
        self._draw()

    @property
    def answer(self):
        """The chosen item's id (the explorer has no question; ``...`` when none)."""
        return self.model.selected if self.model.selected else ...

    def check(self):
        """The explorer has no question to check: returns None."""
        return None

    def static_html(self) -> str:
        """Static HTML: legend and the article with the current layer's marks."""
        return static.explorer_html(self.model)

    def plain_text(self) -> str:
        """E.g. "ArticleExplorer: Quotes by speaker (14 marked)"."""
        layer = self.model.layer()
        return f"ArticleExplorer: {layer.title} ({len(layer.marks)} marked)"


class SentenceLabeler(_Widget):
    """Give each sentence of a ``labels`` question one label.

    Args:
        question_id: e.g. "ex03_1"; items and labels come from ``medialit.checks.question``.
        article: the article the sentence ids refer to (default: the course article).
    """

    _root_class = "medialit-labeler"
    model: LabelerModel

    def __init__(self, question_id: str, article=None):
        self.model = LabelerModel(question_id, article)
        self.choices, self.notes, rows = {}, {}, []
        for item in self.model.items:
            text = _make(
                "HTML",
                static.item_html(item, self.model.texts[item]),
                classes=("medialit-sentence-text",),
            )
            choice = _make(
                "ToggleButtons",
                options=self.model.labels,
                value=self.model.choices.get(item),
                tooltips=[f"{item}: {lab}" for lab in self.model.labels],
                style={"button_width": "auto"},
                classes=("medialit-label-choice",),
            )
            choice.observe(
                lambda change, item=item: self._on_label(item, change["new"]), names="value"
            )
            note = _make("HTML", classes=("medialit-item-feedback",))
            self.choices[item], self.notes[item] = choice, note
            line = _make("HBox", [choice, note])
            rows.append(_make("VBox", [text, line], classes=("medialit-sentence",)))
        self.progress = _make("Label", self.model.progress, classes=("medialit-progress",))
        self.result = _make("HTML", classes=("medialit-feedback",))
        self.view = self._root(
            [self._header(), *rows, self.progress, self._check_button(), self.result]
        )

    def _on_label(self, item, label):
        """Store a label chosen in the view."""
        self.model.set_label(item, label)
        self.progress.value = self.model.progress
        self._clear_notes()

    def choose(self, item: str, label: str) -> None:
        """Label a sentence through its control (as a click does).

        Raises:
            KeyError: the item is not one of the question's sentences.
        """
        self.choices[item].value = label

    def _clear_notes(self):
        """Remove per-sentence feedback once an answer changes."""
        for note in self.notes.values():
            note.value = ""
        self.result.value = ""

    def _show_feedback(self):
        """Draw the overall result and a symbol + words next to each sentence."""
        super()._show_feedback()
        notes = self.model.item_feedback()
        for item, note in self.notes.items():
            text = notes.get(item)
            note.value = f"{status_symbol(text)} {static.esc(text)}" if text else ""

    def static_html(self) -> str:
        """Static HTML: each sentence with its label (and feedback after a check)."""
        return static.labeler_html(self.model)

    def plain_text(self) -> str:
        """E.g. "SentenceLabeler ex03_1: 7 of 14 labelled"."""
        return f"SentenceLabeler {self.model.question_id}: {self.model.progress}"


class SpanPicker(_Widget):
    """Mark words of a passage (``spans`` questions); one ToggleButton per word.

    Args:
        question_id: e.g. "ex04_2"; its ``passage`` is a sentence id or paragraph label.
        article: the article (default: the course article).
    """

    _root_class = "medialit-spans"
    model: SpanModel

    def __init__(self, question_id: str, article=None):
        self.model = SpanModel(question_id, article)
        self.words = []
        for i, (_, _, word) in enumerate(self.model.tokens):
            button = _make(
                "ToggleButton",
                description=word,
                tooltip=f"word {i + 1}: {word}",
                layout={"width": "auto"},
                classes=("medialit-word",),
            )
            button.observe(lambda change, i=i: self._on_word(i, change["new"]), names="value")
            self.words.append(button)
        self._syncing = False
        self._sync_words()
        self.progress = _make("Label", self._count(), classes=("medialit-progress",))
        clear = _button("Clear", "Unmark every word", "eraser", "medialit-clear", self.clear)
        self.result = _make("HTML", classes=("medialit-feedback",))
        passage = _make(
            "Box",
            self.words,
            layout={"display": "flex", "flex_flow": "row wrap"},
            classes=("medialit-words",),
        )
        self.view = self._root(
            [
                self._header(),
                passage,
                self.progress,
                _make("HBox", [self._check_button(), clear]),
                self.result,
            ]
        )

    def _count(self) -> str:
        """E.g. "3 words marked"."""
        n = len(self.model.selected)
        return f"{n} word{'s' if n != 1 else ''} marked"

    def _style_word(self, i: int, on: bool) -> None:
        """Show a marked word as "[word]" with a check icon (not colour alone)."""
        button, word = self.words[i], self.model.tokens[i][2]
        button.description = f"[{word}]" if on else word
        button.icon = "check" if on else ""
        (button.add_class if on else button.remove_class)("medialit-word-marked")

    def _sync_words(self):
        """Set every word button from the model without saving."""
        self._syncing = True
        for i, button in enumerate(self.words):
            on = i in self.model.selected
            button.value = on
            self._style_word(i, on)
        self._syncing = False

    def _on_word(self, i: int, value: bool):
        """Store a word (un)marked in the view."""
        if self._syncing:
            return
        self.model.toggle(i, value)
        self._style_word(i, value)
        self.progress.value = self._count()
        self.result.value = ""

    def toggle(self, index: int) -> None:
        """Flip one word through its button (as a click does)."""
        self.words[index].value = not self.words[index].value

    def clear(self) -> None:
        """Unmark every word (the saved answer stays until you mark new words)."""
        self.model.clear()
        self._sync_words()
        self.progress.value = self._count()
        self.result.value = ""

    def static_html(self) -> str:
        """Static HTML: the passage with marked words in [brackets]."""
        return static.span_html(self.model)

    def plain_text(self) -> str:
        """E.g. "SpanPicker ex04_2: 3 words marked"."""
        return f"SpanPicker {self.model.question_id}: {self._count()}"


class ChoiceQuiz(_Widget):
    """Single or multiple choice with feedback per option, retries and an explanation.

    Args:
        question_id: a question of type "single", "multiple" (or "set").
    """

    _root_class = "medialit-quiz"
    model: ChoiceModel

    def __init__(self, question_id: str):
        self.model = ChoiceModel(question_id)
        self._syncing = False
        labels = [(f"{oid}. {text}", oid) for oid, text in self.model.options]
        if self.model.multiple:
            self.boxes = [
                _make(
                    "Checkbox",
                    value=oid in self.model.chosen,
                    description=label,
                    indent=False,
                    layout={"width": "auto"},
                    classes=("medialit-option",),
                )
                for label, oid in labels
            ]
            for box in self.boxes:
                box.observe(lambda _c: self._on_choice(), names="value")
            options = _make("VBox", self.boxes, classes=("medialit-options",))
        else:
            self.boxes = []
            value = self.model.chosen[0] if self.model.chosen else None
            options = _make(
                "RadioButtons",
                options=labels,
                value=value,
                layout={"width": "auto"},
                classes=("medialit-options",),
            )
            options.observe(lambda _c: self._on_choice(), names="value")
        self.options = options
        explain = _button(
            "Show explanation",
            "Show why the answer is right",
            "info",
            "medialit-explain",
            self.show_explanation,
        )
        self.result = _make("HTML", classes=("medialit-feedback",))
        self.explanation = _make("HTML", classes=("medialit-explanation",))
        self.view = self._root(
            [
                self._header(),
                options,
                _make("HBox", [self._check_button(), explain]),
                self.result,
                self.explanation,
            ]
        )

    def _selected_ids(self):
        """Read the chosen option ids from the controls."""
        if self.model.multiple:
            return [oid for box, oid in zip(self.boxes, self.model.option_ids) if box.value]
        return self.options.value

    def _on_choice(self):
        """Store a choice made in the view (a retry clears the old feedback)."""
        if self._syncing:
            return
        self.model.choose(self._selected_ids())
        self.result.value = ""

    def choose(self, ids) -> None:
        """Choose option(s) through the controls (as clicks do).

        Args:
            ids: one option id (single) or a list of ids (multiple).
        """
        if self.model.multiple:
            wanted = [ids] if isinstance(ids, str) else list(ids or [])
            self._syncing = True
            for box, oid in zip(self.boxes, self.model.option_ids):
                box.value = oid in wanted
            self._syncing = False
            self._on_choice()
        else:
            self.options.value = ids

    def _show_feedback(self):
        """Draw the result, each option's feedback and, when right, the explanation."""
        notes = self.model.option_feedback()
        rows = "".join(
            f"<li>{status_symbol(notes[oid])} <strong>{static.esc(oid)}</strong>:"
            f" {static.esc(notes[oid])}</li>"
            for oid in self.model.option_ids
            if oid in notes
        )
        self.result.value = static.verdict_html(self.model.feedback, self.model.message) + (
            f"<ul>{rows}</ul>" if rows else ""
        )
        if self.model.feedback is not None and getattr(self.model.feedback, "correct", False):
            self.show_explanation()

    def show_explanation(self) -> str:
        """Show the explanation (``medialit.checks.explain``) and return it."""
        text = self.model.explain()
        self.explanation.value = f"<p><strong>Explanation:</strong> {static.esc(text)}</p>"
        return text

    def static_html(self) -> str:
        """Static HTML: the prompt and the options, chosen ones ticked."""
        return static.choice_html(self.model)

    def plain_text(self) -> str:
        """E.g. "ChoiceQuiz ex03_2: answer b"."""
        answer = self.model.answer
        shown = "not answered yet" if answer is ... else f"answer {', '.join(self.model.chosen)}"
        return f"ChoiceQuiz {self.model.question_id}: {shown}"


class RewriteLab(_Widget):
    """Rewrite a sentence or headline and see, live, what changed.

    Args:
        original: the text to rewrite, or a sentence id of the course article ("H", "P7.1").
        question_id: a ``text`` question to check the rewrite against (optional; it also
            turns on saving the rewrite).
    """

    _root_class = "medialit-rewrite"
    model: RewriteModel

    def __init__(self, original, question_id: str | None = None):
        self.model = RewriteModel(original, question_id)
        head = f"<p><strong>Original:</strong> {static.esc(self.model.original)}</p>"
        head = static.notice_html(self.model.notice or self.model.error) + head
        self.box = _make(
            "Textarea",
            value=self.model.text,
            description="Your version:",
            continuous_update=True,
            layout={"width": "auto", "height": "6em"},
            style={"description_width": "initial"},
            classes=("medialit-rewrite-input",),
        )
        self.notes = _make(
            "HTML", static.rewrite_notes_html(self.model), classes=("medialit-notes-view",)
        )
        self.result = _make("HTML", classes=("medialit-feedback",))
        self.box.observe(lambda change: self._on_text(change["new"]), names="value")
        children = [_make("HTML", head, classes=("medialit-header",)), self.box, self.notes]
        if self.model.question_id:
            children += [self._check_button(), self.result]
        self.view = self._root(children)

    def _on_text(self, text):
        """Take the new text and redraw the notes."""
        self.model.set_text(text)
        self.notes.value = static.rewrite_notes_html(self.model)
        self.result.value = ""

    def write(self, text: str) -> None:
        """Type a new version into the text box (as a student does)."""
        self.box.value = text

    def static_html(self) -> str:
        """Static HTML: original, rewrite, notes and diff."""
        return static.rewrite_html(self.model)

    def plain_text(self) -> str:
        """E.g. "RewriteLab ex04_3: 3 words changed"."""
        changed = sum(len(part.split()) for kind, part in self.model.diff() if kind != "same")
        name = f" {self.model.question_id}" if self.model.question_id else ""
        return f"RewriteLab{name}: {changed} word{'s' if changed != 1 else ''} changed"
