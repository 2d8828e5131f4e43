"""Static HTML for the widgets (pure functions of a model; deterministic).

The same HTML is used inside the live widgets and as the ``text/html``
fallback that GitHub, nbviewer and exported HTML show without a kernel. It
never holds ids, addresses, timestamps or paths, so nbval can compare it.
Marks are never colour alone: each has an underline style, a bracketed tag
("[D1]") and a legend entry naming both. Inline styles only (static
renderers drop <style> blocks).
"""
from __future__ import annotations

from html import escape

from medialit.widgets.models import field, status_symbol

__all__ = [
    "esc",
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
]

#: a muted palette, always paired with an underline style and a tag
_COLOURS = ("#1f5fa8", "#a8431f", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c", "#ad1457", "#37474f")
_BOX = "max-width:1200px;font-family:inherit;line-height:1.6"


def esc(text) -> str:
    """Escape text for HTML (quotes too)."""
    return escape(str(text), quote=True)


def verdict_html(feedback, message: str = "") -> str:
    """Render a check result with a symbol AND a word, never colour alone.

    Args:
        feedback: a Feedback (``correct``, ``score``, ``message``) or None.
        message: text to show when there is no Feedback (e.g. why the check could not run).
    """
    if feedback is None:
        return f'<p class="medialit-verdict">{esc(message)}</p>' if message else ""
    score = float(field(feedback, "score", 0) or 0)
    if field(feedback, "recorded", False) and field(feedback, "answered", True):
        head = "✎ Saved for marking"  # an assessed question: recorded, not judged
    elif field(feedback, "correct", False):
        head = "✔ Correct"
    elif score > 0:
        head = f"◐ Partly right ({round(score * 100)}%)"
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
    return (f"text-decoration-line:underline;text-decoration-style:{line};"
            f"text-decoration-color:{colour};text-decoration-thickness:2px;text-underline-offset:3px")


def legend_html(layer) -> str:
    """Render a layer's legend: tag letter, underline style (shown and named), group, count."""
    if not layer.groups:
        return ""
    rows = []
    for g in layer.groups:
        sample = f'<span style="{_style(layer, g.name)}">sample</span>'
        rows.append(f"<li><strong>[{esc(g.letter)}…]</strong> {sample} ({esc(g.underline)} underline): "
                    f"{esc(g.name.replace('_', ' '))} — {g.count}</li>")
    return (f'<div class="medialit-legend"><strong>Legend: {esc(layer.title)}</strong> '
            f"(from the {esc(layer.origin)})<ul>{''.join(rows)}</ul></div>")


def _paragraph_html(text: str, start: int, end: int, marks, layer, selected) -> str:
    """Render one paragraph with its marks (innermost mark styles a stretch)."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = sorted({start, end} | {max(start, min(end, p)) for m in inside for p in (m.start, m.end)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = esc(text[a:b])
        cover = [m for m in inside if m.start <= a and m.end >= b]
        if cover:
            inner = min(cover, key=lambda m: (m.end - m.start, m.id))
            piece = f'<span class="medialit-mark" style="{_style(layer, inner.group)}">{piece}</span>'
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
    """Render the details of one mark and the fact cards it cites."""
    if mark is None:
        return '<p class="medialit-details">Choose an item to see its details.</p>'
    rows = "".join(f"<li><strong>{esc(k)}:</strong> {esc(v)}</li>" for k, v in mark.details if v)
    cards_html = "".join(
        f"<li><strong>Fact card {esc(c.get('id', ''))}: {esc(c.get('title', ''))}</strong> "
        f"{esc(c.get('statement', ''))}</li>" for c in cards
    )
    extra = f"<p>Fact cards:</p><ul>{cards_html}</ul>" if cards_html else ""
    return (f'<div class="medialit-details"><p><strong>[{esc(mark.tag)}]</strong> “{esc(mark.text)}”</p>'
            f"<ul>{rows}</ul>{extra}</div>")


def explorer_html(model) -> str:
    """Static rendering of an ArticleExplorer: legend, notice and marked article."""
    layer = model.layer()
    notice = f'<p class="medialit-notice">{esc(layer.notice)}</p>' if layer.notice else ""
    chosen = model.chosen()
    details = mark_details_html(chosen, model.fact_cards(chosen)) if chosen else ""
    return (f'<div class="medialit-explorer" style="{_BOX}"><p><strong>Layer: {esc(layer.title)}</strong></p>'
            f"{notice}{legend_html(layer)}{article_html(model.article, layer, model.selected)}{details}</div>")


def _header(model) -> str:
    """Prompt, load error and store notice of a question model."""
    parts = []
    if getattr(model, "error", ""):
        parts.append(f'<p class="medialit-error">⚠ {esc(model.error)}</p>')
    if getattr(model, "notice", ""):
        parts.append(f'<p class="medialit-notice">ⓘ {esc(model.notice)}</p>')
    prompt = model.get("prompt", "") if hasattr(model, "get") else ""
    if prompt:
        parts.insert(0, f'<p class="medialit-prompt"><strong>{esc(model.question_id)}</strong>: {esc(prompt)}</p>')
    return "".join(parts)


def item_html(item: str, text: str) -> str:
    """Render a labelled item: "[P3.1] sentence text", or the item name alone."""
    return f"<strong>[{esc(item)}]</strong> {esc(text)}" if text else f"<strong>{esc(item)}</strong>"


def labeler_html(model) -> str:
    """Static rendering of a SentenceLabeler: each sentence with its label and feedback."""
    notes = model.item_feedback()
    rows = []
    for item in model.items:
        label = model.choices.get(item, "(no label yet)")
        note = notes.get(item)
        note_html = f" — {status_symbol(note)} {esc(note)}" if note else ""
        rows.append(f"<li>{item_html(item, model.texts.get(item, ''))}<br>"
                    f"Label: <em>{esc(label)}</em>{note_html}</li>")
    labels = ", ".join(esc(lab) for lab in model.labels)
    return (f'<div class="medialit-labeler" style="{_BOX}">{_header(model)}'
            f"<p>Labels: {labels}. {esc(model.progress)}.</p><ol>{''.join(rows)}</ol>"
            f"{verdict_html(model.feedback, model.message)}</div>")


def span_html(model) -> str:
    """Static rendering of a SpanPicker: the passage with marked words in [brackets]."""
    words = []
    for i, (_, _, word) in enumerate(model.tokens):
        words.append(f"<u><strong>[{esc(word)}]</strong></u>" if i in model.selected else esc(word))
    marked = len(model.selected)
    return (f'<div class="medialit-spans" style="{_BOX}">{_header(model)}'
            f"<p>Passage {esc(model.passage)} ({marked} word{'s' if marked != 1 else ''} marked):</p>"
            f"<p>{' '.join(words)}</p>{verdict_html(model.feedback, model.message)}</div>")


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
    expl = f'<p class="medialit-explanation"><strong>Explanation:</strong> {esc(model.explanation)}</p>' if model.explanation else ""
    return (f'<div class="medialit-quiz" style="{_BOX}">{_header(model)}<p>{kind}</p>'
            f"<ul style=\"list-style:none\">{''.join(rows)}</ul>{verdict_html(model.feedback, model.message)}{expl}</div>")


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


def rewrite_notes_html(model) -> str:
    """Render the live notes of a rewrite: loaded terms, attribution, diff."""
    devices, problem = model.loaded_terms()
    if problem:
        terms = esc(problem)
    elif devices:
        terms = "; ".join(f"“{esc(text)}” ({esc(technique.replace('_', ' '))})" for technique, text in devices)
    else:
        terms = "none found"
    missing = model.missing_attribution()
    attribution = f"⚠ {esc(missing)}" if missing else "✔ no attribution lost"
    return (f'<div class="medialit-notes"><p><strong>Loaded or framing words still present:</strong> {terms}</p>'
            f"<p><strong>Attribution:</strong> {attribution}</p>"
            f"<p><strong>Changes</strong> (− deleted, + inserted):</p>{diff_html(model.diff())}</div>")


def rewrite_html(model) -> str:
    """Static rendering of a RewriteLab: original, rewrite and notes."""
    notice = f'<p class="medialit-notice">ⓘ {esc(model.notice)}</p>' if model.notice else ""
    head = f"<p><strong>{esc(model.question_id)}</strong></p>" if model.question_id else ""
    return (f'<div class="medialit-rewrite" style="{_BOX}">{head}{notice}<p><strong>Original:</strong> {esc(model.original)}</p>'
            f"<p><strong>Your version:</strong> {esc(model.text)}</p>{rewrite_notes_html(model)}"
            f"{verdict_html(model.feedback, model.message)}</div>")
