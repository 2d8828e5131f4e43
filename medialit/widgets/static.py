"""Static HTML for the widgets (pure functions of a model; deterministic).

The same HTML is used inside the live widgets and as the ``text/html``
fallback that GitHub, nbviewer and exported HTML show without a kernel (in
the companion output displayed after each widget; see the end of this
module, which also holds the page's style and keyboard script). It never
holds ids, addresses, timestamps or paths, so nbval can compare it.
Marks are never colour alone: each has an underline style, a bracketed tag
("[D1]") and a legend entry naming both. Inline styles only (static
renderers drop <style> blocks).
"""

from __future__ import annotations

from html import escape

from medialit.assessment.feedback import earned_points
from medialit.widgets.models import field, status_symbol

__all__ = [
    "esc",
    "INFO_ICON",
    "notice_html",
    "verdict_html",
    "legend_html",
    "article_html",
    "mark_details_html",
    "explorer_html",
    "item_html",
    "labeler_html",
    "span_html",
    "choice_html",
    "diff_html",
    "rewrite_notes_html",
    "rewrite_html",
    "RUN_ALL_NOTICE",
    "FOCUS_COLOUR",
    "PAGE_CSS",
    "PAGE_JS",
    "companion_html",
]

#: a muted palette, always paired with an underline style and a tag
_COLOURS = ("#1f5fa8", "#a8431f", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c", "#ad1457", "#37474f")
_BOX = "max-width:1200px;font-family:inherit;line-height:1.6"


#: the notice icon: an "i" in a circle drawn as inline SVG (no font needed; hidden
#: from assistive technology, which reads the word "Note:" beside it)
INFO_ICON = (
    '<svg aria-hidden="true" focusable="false" width="1em" height="1em" viewBox="0 0 16 16"'
    ' style="vertical-align:-0.15em"><circle cx="8" cy="8" r="7" fill="none"'
    ' stroke="currentColor" stroke-width="1.5"/><path d="M8 7v5" stroke="currentColor"'
    ' stroke-width="1.7"/><circle cx="8" cy="4.5" r="1.1" fill="currentColor"/></svg>'
)


def esc(text) -> str:
    """Escape text for HTML (quotes too)."""
    return escape(str(text), quote=True)


def notice_html(text: str) -> str:
    """Render a notice: the icon, the word "Note:" and the text.

    Args:
        text: the notice (plain text; it is escaped).

    Returns:
        A ``<p class="medialit-notice">``, or "" when ``text`` is empty.
    """
    if not text:
        return ""
    return f'<p class="medialit-notice">{INFO_ICON} <strong>Note:</strong> {esc(text)}</p>'


def verdict_html(feedback, message: str = "") -> str:
    """Render a check result with a symbol AND a word, never colour alone.

    Args:
        feedback: a Feedback (``correct``, ``score``, ``message``) or None.
        message: text to show when there is no Feedback (e.g. why the check could not run).
    """
    if feedback is None:
        return f'<p class="medialit-verdict">{esc(message)}</p>' if message else ""
    score = float(field(feedback, "score", 0) or 0)
    if field(feedback, "status", ""):  # the Feedback's own words: "◐ Partly right (1 of 2 points)"
        head = f"{field(feedback, 'symbol', '')} {field(feedback, 'status', '')}".strip()
    elif field(feedback, "recorded", False) and field(feedback, "answered", True):
        head = "✎ Saved for marking"  # an assessed question: recorded, not judged
    elif field(feedback, "correct", False):
        head = "✔ Correct"
    elif score > 0:
        points = float(field(feedback, "points", 1))
        earned = earned_points(score, points)
        head = f"◐ Partly right ({earned:g} of {points:g} point{'s' if points != 1 else ''})"
    else:
        head = "✘ Not yet"
    text = esc(field(feedback, "message", ""))
    return f'<p class="medialit-verdict"><strong>{head}</strong> {text}</p>'


def _style(layer, group_name: str) -> str:
    """Inline CSS for a group's marks: underline style plus colour."""
    index = next((i for i, g in enumerate(layer.groups) if g.name == group_name), 0)
    group = layer.groups[index] if layer.groups else None
    line = group.underline if group else "solid"
    colour = _COLOURS[index % len(_COLOURS)]
    return (
        f"text-decoration-line:underline;text-decoration-style:{line};"
        f"text-decoration-color:{colour};text-decoration-thickness:2px;text-underline-offset:3px"
    )


def legend_html(layer) -> str:
    """Render a layer's legend: tag letter, underline style (shown and named), group, count."""
    if not layer.groups:
        return ""
    rows = []
    for g in layer.groups:
        sample = f'<span style="{_style(layer, g.name)}">sample</span>'
        rows.append(
            f"<li><strong>[{esc(g.letter)}…]</strong> {sample} ({esc(g.underline)} underline): "
            f"{esc(g.name.replace('_', ' '))} — {g.count}</li>"
        )
    return (
        f'<div class="medialit-legend"><strong>Legend: {esc(layer.title)}</strong> '
        f"(from the {esc(layer.origin)})<ul>{''.join(rows)}</ul></div>"
    )


def _paragraph_html(text: str, start: int, end: int, marks, layer, selected) -> str:
    """Render one paragraph with its marks (innermost mark styles a stretch)."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = sorted(
        {start, end} | {max(start, min(end, p)) for m in inside for p in (m.start, m.end)}
    )
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = esc(text[a:b])
        cover = [m for m in inside if m.start <= a and m.end >= b]
        if cover:
            inner = min(cover, key=lambda m: (m.end - m.start, m.id))
            piece = (
                f'<span class="medialit-mark" style="{_style(layer, inner.group)}">{piece}</span>'
            )
            if any(m.id == selected for m in cover):
                piece = f"<strong>{piece}</strong>"
        out.append(piece)
        for m in inside:
            if m.end == b or (b == end and m.end > end):
                flag = "▶" if m.id == selected else ""
                out.append(f'<sup class="medialit-tag">[{flag}{esc(m.tag)}]</sup>')
    return "".join(out)


def article_html(article, layer, selected: str | None = None) -> str:
    """Render the article paragraph by paragraph, with the layer's marks.

    Args:
        article: an Article.
        layer: a Layer (its marks are drawn; may be empty).
        selected: the id of the chosen mark, drawn in bold with "▶".
    """
    parts = []
    for label, (start, end) in article.paragraph_spans.items():
        body = _paragraph_html(article.text, start, end, layer.marks, layer, selected)
        tag = "h3" if label == "H" else "p"
        parts.append(f'<{tag} class="medialit-para"><strong>[{esc(label)}]</strong> {body}</{tag}>')
    return f'<div class="medialit-article">{"".join(parts)}</div>'


def mark_details_html(mark, cards=()) -> str:
    """Render the details of one mark and the fact cards it cites.

    The marked text is shown as the article has it: a direct quote in the
    article's quote marks (``Mark.shown``), anything else with none added.
    """
    if mark is None:
        return '<p class="medialit-details">Choose an item to see its details.</p>'
    rows = "".join(f"<li><strong>{esc(k)}:</strong> {esc(v)}</li>" for k, v in mark.details if v)
    cards_html = "".join(
        f"<li><strong>Fact card {esc(c.get('id', ''))}: {esc(c.get('title', ''))}</strong> "
        f"{esc(c.get('statement', ''))}</li>"
        for c in cards
    )
    extra = f"<p>Fact cards:</p><ul>{cards_html}</ul>" if cards_html else ""
    return (
        f'<div class="medialit-details">'
        f"<p><strong>[{esc(mark.tag)}]</strong> {esc(mark.shown or mark.text)}</p>"
        f"<ul>{rows}</ul>{extra}</div>"
    )


def explorer_html(model) -> str:
    """Static rendering of an ArticleExplorer: legend, notice and marked article."""
    layer = model.layer()
    notice = notice_html(layer.notice)
    chosen = model.chosen()
    details = mark_details_html(chosen, model.fact_cards(chosen)) if chosen else ""
    return (
        f'<div class="medialit-explorer" style="{_BOX}">'
        f"<p><strong>Layer: {esc(layer.title)}</strong></p>"
        f"{notice}{legend_html(layer)}"
        f"{article_html(model.article, layer, model.selected)}{details}</div>"
    )


def _header(model) -> str:
    """Prompt, load error and store notice of a question model."""
    parts = []
    if getattr(model, "error", ""):
        parts.append(f'<p class="medialit-error">⚠ {esc(model.error)}</p>')
    if getattr(model, "notice", ""):
        parts.append(notice_html(model.notice))
    prompt = model.get("prompt", "") if hasattr(model, "get") else ""
    if prompt:
        parts.insert(
            0,
            f'<p class="medialit-prompt"><strong>{esc(model.question_id)}</strong>:'
            f" {esc(prompt)}</p>",
        )
    return "".join(parts)


def item_html(item: str, text: str) -> str:
    """Render a labelled item: "[P3.1] sentence text", or the item name alone."""
    return (
        f"<strong>[{esc(item)}]</strong> {esc(text)}" if text else f"<strong>{esc(item)}</strong>"
    )


def labeler_html(model) -> str:
    """Static rendering of a SentenceLabeler: each sentence with its label and feedback."""
    notes = model.item_feedback()
    rows = []
    for item in model.items:
        label = model.choices.get(item, "(no label yet)")
        note = notes.get(item)
        note_html = f" — {status_symbol(note)} {esc(note)}" if note else ""
        rows.append(
            f"<li>{item_html(item, model.texts.get(item, ''))}<br>"
            f"Label: <em>{esc(label)}</em>{note_html}</li>"
        )
    labels = ", ".join(esc(lab) for lab in model.labels)
    return (
        f'<div class="medialit-labeler" style="{_BOX}">{_header(model)}'
        f"<p>Labels: {labels}. {esc(model.progress)}.</p><ol>{''.join(rows)}</ol>"
        f"{verdict_html(model.feedback, model.message)}</div>"
    )


def span_html(model) -> str:
    """Static rendering of a SpanPicker: the passage with marked words in [brackets]."""
    words = []
    for i, (_, _, word) in enumerate(model.tokens):
        words.append(f"<u><strong>[{esc(word)}]</strong></u>" if i in model.selected else esc(word))
    marked = len(model.selected)
    return (
        f'<div class="medialit-spans" style="{_BOX}">{_header(model)}'
        f"<p>Passage {esc(model.passage)} ({marked} word{'s' if marked != 1 else ''} marked):</p>"
        f"<p>{' '.join(words)}</p>{verdict_html(model.feedback, model.message)}</div>"
    )


def choice_html(model) -> str:
    """Static rendering of a ChoiceQuiz: options with ☑/☐ (or ◉/○) and feedback."""
    notes = model.option_feedback()
    on, off = ("☑", "☐") if model.multiple else ("◉", "○")
    rows = []
    for oid, text in model.options:
        mark = on if oid in model.chosen else off
        note = notes.get(oid)
        note_html = f" — {status_symbol(note)} {esc(note)}" if note else ""
        rows.append(f"<li>{mark} <strong>{esc(oid)}</strong>. {esc(text)}{note_html}</li>")
    kind = "Choose all that apply." if model.multiple else "Choose one."
    expl = (
        '<p class="medialit-explanation"><strong>Explanation:</strong>'
        f" {esc(model.explanation)}</p>"
        if model.explanation
        else ""
    )
    return (
        f'<div class="medialit-quiz" style="{_BOX}">{_header(model)}<p>{kind}</p>'
        f'<ul style="list-style:none">{"".join(rows)}</ul>'
        f"{verdict_html(model.feedback, model.message)}{expl}</div>"
    )


def diff_html(parts) -> str:
    """Render a word diff: deletions struck through with "−", insertions underlined with "+"."""
    out = []
    for kind, words in parts:
        if kind == "deleted":
            out.append(f'<del title="deleted">−{esc(words)}</del>')
        elif kind == "inserted":
            out.append(f'<ins title="inserted">+{esc(words)}</ins>')
        else:
            out.append(esc(words))
    return f'<p class="medialit-diff">{" ".join(out)}</p>'


_STATUS = {
    "still there": "⚠ still there",
    "gone": "✔ gone",
    "added": "⚠ new in your version (automatic check, may be wrong)",
}


def _note_html(note) -> str:
    """One framing note: symbol and status in words, the words, category, why, alternative."""
    status = f"<strong>{esc(_STATUS[note.status])}:</strong> " if note.status in _STATUS else ""
    why = f" {esc(note.explanation)}" if note.explanation else ""
    instead = f" Instead: {esc(note.alternative)}." if note.alternative else ""
    kind = esc(note.category.replace("_", " "))
    words = note.text if note.text.startswith(("“", "‘", '"', "'")) else f"“{note.text}”"
    return f"<li>{status}{esc(words)} ({kind}: {esc(note.technique)}).{why}{instead}</li>"


def rewrite_notes_html(model) -> str:
    """Render the live notes of a rewrite: framing devices, attribution, diff.

    For a sentence of the course article the devices are the ones the course marks in it,
    each still there or gone, then any the rewrite adds; for other text, what the toolkit finds.
    """
    notes, problem = model.loaded_terms()
    if model.sentence_id:
        head = f"Framing the course marks in {esc(model.sentence_id)}, and any you added:"
    else:
        head = "Loaded or framing words found (automatic analysis, may contain mistakes):"
    if problem:
        terms = f"<p>{esc(problem)}</p>"
    elif notes:
        terms = "<ul>" + "".join(_note_html(n) for n in notes) + "</ul>"
    else:
        terms = "<p>none found</p>"
    missing = model.missing_attribution()
    attribution = f"⚠ {esc(missing)}" if missing else "✔ no attribution lost"
    return (
        '<div class="medialit-notes">'
        f"<p><strong>{head}</strong></p>{terms}"
        f"<p><strong>Attribution:</strong> {attribution}</p>"
        f"<p><strong>Changes</strong> (− deleted, + inserted):</p>{diff_html(model.diff())}</div>"
    )


def rewrite_html(model) -> str:
    """Static rendering of a RewriteLab: original, rewrite and notes."""
    notice = notice_html(model.notice)
    head = f"<p><strong>{esc(model.question_id)}</strong></p>" if model.question_id else ""
    return (
        f'<div class="medialit-rewrite" style="{_BOX}">{head}{notice}'
        f"<p><strong>Original:</strong> {esc(model.original)}</p>"
        f"<p><strong>Your version:</strong> {esc(model.text)}</p>{rewrite_notes_html(model)}"
        f"{verdict_html(model.feedback, model.message)}</div>"
    )


# --- The companion output: what a page shows where a widget cannot run --------------
#
# Each widget is displayed as two outputs: the live widget, then this companion
# (text/html). The companion holds the one-line notice and the static view and
# one short <style> block (a constant string); the first companion a kernel
# sends also holds the page's <script> (see ``companion_html``). Where no style
# applies (GitHub, nbviewer, an untrusted notebook: <style> and <script> are
# dropped) the notice and the static view simply show. Where it applies
# (JupyterLab, Notebook 7, Voila), the companion hides while the widget above it
# shows (live, or greyed with the notice once its kernel is gone), and takes the
# place of a saved widget that Lab can no longer draw ("Error displaying widget:
# model not found" after the notebook is reopened) or that shows as plain text.

#: the one-line notice shown where a widget is not live
RUN_ALL_NOTICE = "Run all cells to use the widgets."

#: the focus ring: a 3 px outline of a blue with at least 4:1 contrast on white, #eee and #111
FOCUS_COLOUR = "#2f6fde"

_CHILD = ".jp-OutputArea-child"
#: an output that is not a live widget: one Lab could not draw as a widget (it gets
#: class jupyter-widgets and text only) or one drawn from a plain format (text/plain,
#: text/html). A :has() may not hold another :has(), so rules that look ahead at the
#: companion name ``.medialit-companion`` inside ``_CHILD``.
_NOT_LIVE = f"{_CHILD}:has(>.jp-OutputArea-output:is(.jupyter-widgets,[data-mime-type]))"
_ACTIVE = ".medialit-widget .widget-toggle-buttons .mod-active"
_GONE = ".jupyter-widgets-disconnected"

PAGE_CSS = "".join(
    [
        f"{_CHILD}:has(.medialit-companion):not({_NOT_LIVE}+*),",
        f"{_NOT_LIVE}:has(+{_CHILD} .medialit-companion){{display:none}}",
        f".medialit-widget :focus-visible{{outline:3px solid {FOCUS_COLOUR}!important;",
        "outline-offset:2px!important;position:relative;z-index:1}",
        # room for the ring: no box inside a widget clips it, the widget's padding holds it
        ".medialit-widget.widget-box{padding:4px}",
        ".medialit-widget .widget-box,.medialit-widget .widget-checkbox label{overflow:visible}",
        # a long option wraps (a checkbox's label would cut it off with "…")
        ".medialit-widget .widget-checkbox{height:auto}",
        ".medialit-widget .widget-checkbox label{white-space:normal}",
        f"{_ACTIVE}{{font-weight:bold;box-shadow:inset 0 0 0 2px currentColor}}",
        f'{_ACTIVE}::before{{content:"\\2714\\a0"}}',
        f".medialit-widget {_GONE}::before{{content:none!important}}",
        f'.medialit-widget{_GONE}::before{{content:"{RUN_ALL_NOTICE}"!important;display:block;',
        "font:bold 14px/1.6 var(--jp-ui-font-family,sans-serif)!important;",
        "color:var(--jp-ui-font-color1,#1a1a1a)!important;padding:4px 0}",
    ]
)

#: the page's keyboard support for medialit widgets (runs once per page). Arrow
#: keys (and Home/End) inside a widget stay in the widget: JupyterLab does not
#: move to another cell. Radio buttons and selects then act as browsers make
#: them; a toggle-button group (a label or layer choice) is a radio group whose
#: arrows choose the next button; the SpanPicker's words are one group whose
#: arrows move between words (Space marks one). Each such group is one Tab stop
#: (roving tabindex) and tells assistive technology what is chosen
#: (aria-checked, aria-pressed). A widget whose kernel is gone cannot be used.
PAGE_JS = """
(() => {
  if (window.medialitKeyboard) return;
  window.medialitKeyboard = true;
  const STEP = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1};
  const GROUPS = '.widget-toggle-buttons, .medialit-words';
  const buttons = (group) => Array.from(group.querySelectorAll('button'));
  const isOn = (button) => button.classList.contains('mod-active');
  const isRadio = (group) => group.classList.contains('widget-toggle-buttons');
  const groupName = (group) => {
    const label = group.querySelector(':scope > .widget-label');
    const sentence = group.closest('.medialit-sentence');
    const item = sentence && sentence.querySelector('.medialit-sentence-text strong');
    if (label && label.textContent.trim()) return label.textContent.trim().replace(/:$/, '');
    if (item) return 'Label for ' + item.textContent.trim();
    return isRadio(group) ? 'Choices' : 'Words of the passage';
  };
  const sync = (group) => {
    const items = buttons(group);
    if (!items.length) return;
    const radio = isRadio(group);
    group.setAttribute('role', radio ? 'radiogroup' : 'group');
    group.setAttribute('aria-label', groupName(group));
    const current = (radio && items.find(isOn)) || items.find((b) => b.dataset.medialitCurrent)
      || items[0];
    for (const b of items) {
      if (radio) {
        b.setAttribute('role', 'radio');
        b.setAttribute('aria-checked', String(isOn(b)));
      } else b.setAttribute('aria-pressed', String(isOn(b)));
      b.tabIndex = b === current ? 0 : -1;
    }
  };
  const choose = (group, items, next) => {
    for (const b of items) delete b.dataset.medialitCurrent;
    next.dataset.medialitCurrent = '1';
    if (isRadio(group) && !isOn(next)) next.click();
    sync(group);
    next.tabIndex = 0;
    next.focus();
  };
  const moves = (event) => (event.key in STEP || event.key === 'Home' || event.key === 'End')
    && !event.altKey && !event.ctrlKey && !event.metaKey;
  // Lab and Notebook 7 match their shortcuts from the key's target upwards and
  // stop at an element marked data-lm-suppress-shortcuts: mark the target for
  // the length of one arrow key's dispatch (this listener runs before theirs).
  window.addEventListener('keydown', (event) => {
    const target = event.target;
    if (!moves(event) || !target.closest || !target.closest('.medialit-widget')) return;
    target.setAttribute('data-lm-suppress-shortcuts', 'true');
    setTimeout(() => target.removeAttribute('data-lm-suppress-shortcuts'));
  }, true);
  const onKey = (event) => {
    if (!moves(event)) return;
    const step = STEP[event.key];
    const edge = !step;
    event.stopPropagation();
    const target = event.target;
    const group = target.tagName === 'BUTTON' && target.closest(GROUPS);
    const boxes = target.type === 'checkbox'
      && Array.from(event.currentTarget.querySelectorAll('input[type=checkbox]'));
    const items = group ? buttons(group) : boxes;
    if (!items) return;
    event.preventDefault();
    const here = items.indexOf(target);
    const next = edge ? (event.key === 'Home' ? 0 : items.length - 1)
      : (here + step + items.length) % items.length;
    if (group) choose(group, items, items[next]);
    else items[next].focus();
  };
  const onFocus = (event) => {
    const group = event.target.tagName === 'BUTTON' && event.target.closest(GROUPS);
    if (!group || isRadio(group)) return;
    for (const b of buttons(group)) delete b.dataset.medialitCurrent;
    event.target.dataset.medialitCurrent = '1';
    sync(group);
  };
  const update = (root) => {
    if (!root.medialitWatched) {
      root.medialitWatched = true;
      root.addEventListener('keydown', onKey);
      root.addEventListener('focusin', onFocus);
    }
    const gone = root.classList.contains('jupyter-widgets-disconnected');
    for (const child of root.children) child.inert = gone;
    root.querySelectorAll(GROUPS).forEach(sync);
  };
  // ipywidgets gives a view its class names only once it is shown, so class
  // changes are watched too; each batch updates the widgets it touched.
  const pending = new Set();
  const flush = () => { pending.forEach(update); pending.clear(); };
  new MutationObserver((records) => {
    for (const record of records) {
      const root = record.target.closest && record.target.closest('.medialit-widget');
      if (root) pending.add(root);
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        node.querySelectorAll('.medialit-widget').forEach((r) => pending.add(r));
      }
    }
    if (pending.size) queueMicrotask(flush);
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                              attributeFilter: ['class']});
  document.querySelectorAll('.medialit-widget').forEach(update);
})();
"""
PAGE_JS = "\n".join(line.strip() for line in PAGE_JS.strip().splitlines())


def companion_html(static_view: str, script: bool = True) -> str:
    """Return the companion output shown after a live widget (see above).

    The style is in every companion (each must hide itself behind its widget
    and stand in for it after a reopen); the script only needs to run once per
    page, so the views send it with the first widget a kernel shows (and again
    when that cell runs again), not with every widget.

    Args:
        static_view: the widget's static HTML rendering.
        script: add the page's keyboard script.

    Returns:
        Deterministic HTML: the page's style (and script), the notice and the static view.
    """
    return (
        f"<style>{PAGE_CSS}</style>{f'<script>{PAGE_JS}</script>' if script else ''}"
        f'<div class="medialit-companion"><p class="medialit-run-notice">'
        f"<strong>{esc(RUN_ALL_NOTICE)}</strong></p>"
        f'<div class="medialit-static">{static_view}</div></div>'
    )


# --- Static views of the answer widgets (medialit.widgets.answers) ------------------------


def _explanation_html(model) -> str:
    """The explanation paragraph, when one was opened."""
    text = getattr(model, "explanation", "")
    if not text:
        return ""
    return f'<p class="medialit-explanation"><strong>Explanation:</strong> {esc(text)}</p>'


def text_answer_html(model) -> str:
    """Static rendering of a TextAnswer: prompt, the passage (for a rewrite) and the text."""
    original = (
        f"<p><strong>Original ({esc(model.passage)}):</strong> {esc(model.original)}</p>"
        if model.original
        else ""
    )
    written = esc(model.text) if model.text.strip() else "(nothing written yet)"
    return (
        f'<div class="medialit-text-answer" style="{_BOX}">{_header(model)}{original}'
        f"<p><strong>Your answer</strong> ({esc(model.progress)}):</p>"
        f'<blockquote style="white-space:pre-wrap">{written}</blockquote>'
        f"{verdict_html(model.feedback, model.message)}{_explanation_html(model)}</div>"
    )


def number_answer_html(model) -> str:
    """Static rendering of a NumberAnswer: prompt and the number typed."""
    typed = esc(model.text) if model.text.strip() else "(no number yet)"
    problem = f"<p>✘ {esc(model.problem)}</p>" if model.problem else ""
    return (
        f'<div class="medialit-number-answer" style="{_BOX}">{_header(model)}'
        f"<p><strong>Your answer:</strong> {typed}</p>{problem}"
        f"{verdict_html(model.feedback, model.message)}{_explanation_html(model)}</div>"
    )


__all__ += ["text_answer_html", "number_answer_html"]
