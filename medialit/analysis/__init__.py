"""The analysis layer: who says what, and which words frame, in any text.

Modules: ``quotes`` (pairing quote marks), ``cues`` (reporting verbs),
``speakers`` (source phrases and who they stand for), ``attribution`` (the
finder, ``attributions`` and ``unattributed``), ``voices`` (``sources`` and
the one word-counting rule), ``framing`` (``framing_devices``) and
``record`` (``analyse``: the one record charts and widgets read);
``report`` (``analyse_text`` and ``format_report``: the findings on any
text, for ``python -m medialit analyse``) is imported from its module. Every
function here is pure: same text in, same result out, no state kept but
caches.
"""

from medialit.analysis import attribution as _attribution
from medialit.analysis.attribution import Attribution, Unattributed, attributions, unattributed
from medialit.analysis.framing import FramingDevice, framing_devices, hedges
from medialit.analysis.quotes import quote_spans
from medialit.analysis.record import Analysis, analyse
from medialit.analysis.voices import Source, sources

__all__ = [
    "Analysis",
    "Attribution",
    "FramingDevice",
    "Source",
    "Unattributed",
    "analyse",
    "attributions",
    "clear_caches",
    "framing_devices",
    "hedges",
    "quote_spans",
    "sources",
    "unattributed",
]


def clear_caches() -> None:
    """Forget the per-text results cache (benchmarks time the analysis itself)."""
    _attribution._cached.cache_clear()
