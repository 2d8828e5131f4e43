"""A report on any text: sources, attributions, unattributed sentences, framing devices.

``analyse_text(text)`` gathers what the toolkit finds in a text a teacher
brings (plain data, ready for JSON); ``format_report(report)`` writes it as
plain text for a terminal. Both say plainly that the findings are automatic
and can be wrong. ``python -m medialit analyse FILE [--json]`` prints one or
the other.
"""

from __future__ import annotations

from medialit.analysis.attribution import attributions, unattributed
from medialit.analysis.framing import framing_devices
from medialit.analysis.record import AUTOMATIC, KIND_NAMES
from medialit.analysis.spans import require_text
from medialit.analysis.voices import sources

__all__ = ["WARNING", "analyse_text", "format_report"]

#: the sentence every report opens with
WARNING = (
    "These are automatic findings: a program found them by rule, and some can be wrong or "
    "missing. Check each one against the text before you use it."
)
_SHOWN = 160


def analyse_text(text: str) -> dict:
    """Analyse ``text`` and return the findings as plain data.

    Args:
        text: any string (an article pasted or read from a file).

    Returns:
        A dict with ``note`` (how the findings were made and that they can be
        wrong), ``counts`` and four lists: ``sources`` (name, quoted and
        paraphrased words, mentions), ``attributions`` (kind, speaker,
        source, cue, content, offsets), ``unattributed`` (text, offsets) and
        ``framing`` (category, technique, text, offsets, explanation,
        alternative). Offsets are ``str`` indices into ``text``.

    Raises:
        TypeError: ``text`` is not a string.
    """
    require_text(text, "analyse_text")
    found = attributions(text)
    voices = sources(text)
    plain = unattributed(text)
    devices = framing_devices(text)
    return {
        "note": f"{AUTOMATIC}. {WARNING}",
        "counts": {
            "characters": len(text),
            "sources": len(voices),
            "attributions": len(found),
            "unattributed": len(plain),
            "framing": len(devices),
        },
        "sources": [
            {
                "name": v.name,
                "quoted_words": v.direct_words,
                "paraphrased_words": v.indirect_words,
                "mentions": len(v.mentions),
            }
            for v in voices
        ],
        "attributions": [
            {
                "kind": a.kind,
                "kind_name": KIND_NAMES[a.kind],
                "speaker": a.speaker,
                "source": a.source,
                "cue": a.cue,
                "content": a.content,
                "start": a.start,
                "end": a.end,
            }
            for a in found
        ],
        "unattributed": [{"text": u.text, "start": u.start, "end": u.end} for u in plain],
        "framing": [
            {
                "category": d.category,
                "technique": d.technique,
                "text": d.text,
                "start": d.start,
                "end": d.end,
                "explanation": d.explanation,
                "alternative": d.alternative,
            }
            for d in devices
        ],
    }


def _short(words: str) -> str:
    """One line of at most ``_SHOWN`` characters."""
    line = " ".join(words.split())
    return line if len(line) <= _SHOWN else line[: _SHOWN - 1].rstrip() + "…"


def _section(title: str, lines: list[str], empty: str) -> list[str]:
    """A titled block of numbered lines, or one line saying it is empty."""
    block = ["", f"{title} ({len(lines)})", "-" * (len(title) + len(str(len(lines))) + 3)]
    return block + ([f"{i}. {line}" for i, line in enumerate(lines, 1)] or [empty])


def format_report(report: dict) -> str:
    """Write a report from ``analyse_text`` as plain text.

    Args:
        report: the dict ``analyse_text`` returned.

    Returns:
        The text: the warning first, then sources, attributions, unattributed
        sentences and framing devices, one numbered line each, with offsets.
    """
    voices = [
        f"{s['name']}: {s['quoted_words']} quoted words, {s['paraphrased_words']} "
        f"paraphrased, {s['mentions']} mentions"
        for s in report["sources"]
    ]
    said = [
        f"[{a['start']}-{a['end']}] {a['kind_name']}, {a['speaker'] or '(no speaker found)'}"
        + (f" ({a['cue']})" if a["cue"] else "")
        + f": {_short(a['content'])}"
        for a in report["attributions"]
    ]
    plain = [f"[{u['start']}-{u['end']}] {_short(u['text'])}" for u in report["unattributed"]]
    framing = [
        f'[{d["start"]}-{d["end"]}] {d["category"]} ({d["technique"]}): "{_short(d["text"])}"'
        f" {d['explanation']}"
        + (f" Neutral alternative: {d['alternative']}." if d["alternative"] else "")
        for d in report["framing"]
    ]
    lines = ["Automatic analysis", "==================", WARNING]
    lines += _section("Sources", voices, "No source found.")
    lines += _section("Attributions", said, "No attribution found.")
    lines += _section(
        "Unattributed (the writer's own words)", plain, "Every sentence is attributed."
    )
    lines += _section("Framing devices", framing, "No framing device found.")
    return "\n".join(lines) + "\n"
