"""No text makes the analysis raise: every str gives results whose spans slice the text.

The property tests build texts from pieces that have broken rule-based finders
before (quote marks of every kind, dashes, brackets, commas, colons, empty
lines, unusual unicode) and from arbitrary characters; the examples are the
shapes of the crashes measured on real news (issue 14), rewritten as short
sentences of our own.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import medialit
from medialit.analysis import quote_spans

from text_pieces import PIECES

TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=25).map("".join),
    st.text(max_size=200),
)
#: shapes that raised IndexError before issue 14 (a comma chunk left empty before a relative word)
CRASHES = [
    "Ann Lee,, which said the budget was fine.",
    "Ann Lee, ,  which said the budget was fine.",
    "Officials, , which reported the figures, said no.",
]


def _inside(text, start, end):
    return 0 <= start <= end <= len(text)


def _check_attributions(text):
    items = medialit.attributions(text)
    assert [(a.start, a.end) for a in items] == sorted((a.start, a.end) for a in items)
    for a in items:
        assert _inside(text, a.start, a.end) and a.start < a.end
        assert text[a.start : a.end] == a.content
        assert a.kind in ("direct", "indirect", "mixed")
        if a.cue_start is not None:
            assert _inside(text, a.cue_start, a.cue_end) and text[a.cue_start : a.cue_end] == a.cue
        if a.source_start is not None:
            assert _inside(text, a.source_start, a.source_end)
            assert text[a.source_start : a.source_end] == a.source


def _check_the_rest(text):
    parts = medialit.unattributed(text)
    assert [p.start for p in parts] == sorted(p.start for p in parts)
    assert all(_inside(text, p.start, p.end) and text[p.start : p.end] == p.text for p in parts)
    for source in medialit.sources(text):
        assert all(_inside(text, s, e) for s, e in source.mentions)
    devices = medialit.framing_devices(text)
    assert [(d.start, d.end) for d in devices] == sorted((d.start, d.end) for d in devices)
    assert all(_inside(text, d.start, d.end) and text[d.start : d.end] == d.text for d in devices)
    spans = quote_spans(text)
    assert spans == sorted(spans) and all(_inside(text, s, e) for s, e in spans)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_attributions_never_raise_and_their_spans_slice_the_text(text):
    _check_attributions(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_unattributed_sources_and_framing_never_raise(text):
    _check_the_rest(text)


@pytest.mark.parametrize("text", CRASHES)
def test_the_shapes_that_crashed_now_give_results(text):
    _check_attributions(text)
    _check_the_rest(text)
    assert medialit.attributions(text)  # each holds a reporting verb with a source


@pytest.mark.parametrize("name", ["attributions", "unattributed", "sources", "framing_devices"])
@pytest.mark.parametrize("bad", [None, b"Ann Lee said so.", 42, ["Ann Lee said so."]])
def test_bad_types_keep_their_clear_type_error(name, bad):
    with pytest.raises(TypeError, match=rf"{name}\(\) needs"):
        getattr(medialit, name)(bad)
