"""Text helpers: sentences, words, concordance and frequencies (NLTK, offline)."""

import pytest

import medialit
from medialit.text import (
    concordance,
    frequencies_by_source,
    split_sentences,
    stopwords,
    word_frequencies,
    word_spans,
    words,
)


def _sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_split_keeps_abbreviations_and_initials():
    text = "Dr Smith met Mr. Jones at 9 a.m. on Monday. J. K. Rowling was not there."
    assert _sentences(text) == [
        "Dr Smith met Mr. Jones at 9 a.m. on Monday.",
        "J. K. Rowling was not there.",
    ]


def test_split_keeps_question_with_speech_tag():
    text = "“How is it possible?” Putin asked. Then he left."
    assert _sentences(text) == ["“How is it possible?” Putin asked.", "Then he left."]


def test_split_never_crosses_a_line_and_ignores_ellipsis():
    text = "Headline without stop\nWe know… I think so. Yes."
    assert _sentences(text) == ["Headline without stop", "We know… I think so.", "Yes."]


@pytest.mark.parametrize("bad", [None, 5, ""])
def test_split_bad_input(bad):
    assert split_sentences(bad) == []


def test_article_sentences_cover_its_text():
    article = medialit.load_article()
    spans = split_sentences(article.text)
    assert spans == sorted(spans)
    covered = "".join(article.text[s:e] for s, e in spans)
    assert covered.replace(" ", "") == article.text.replace("\n", "").replace(" ", "")


def test_words_join_apostrophes_and_hyphens():
    text = "Kiev’s US-led bloc"
    assert words(text) == ["Kiev’s", "US-led", "bloc"]
    assert [text[s:e] for s, e in word_spans(text)] == words(text)
    assert words(None) == [] and word_spans(3) == []


def test_concordance_finds_each_occurrence():
    text = medialit.load_article().text
    lines = concordance(text, "kiev", width=40)
    assert len(lines) == sum(1 for w in words(text) if w.lower() == "kiev")
    assert all("Kiev" in line for line in lines)
    assert concordance(text, "") == [] and concordance(None, "x") == []


def test_word_frequencies_skip_stopwords():
    freq = word_frequencies("The war and the peace and the war.")
    assert freq["war"] == 2 and "the" not in freq
    assert word_frequencies("The the", skip_stopwords=False)["the"] == 2
    assert "the" in stopwords()


def test_frequencies_by_source_from_attributions():
    text = medialit.load_article().text
    pairs = [(a.speaker, a.content) for a in medialit.attributions(text)]
    cfd = frequencies_by_source(pairs)
    assert set(cfd.conditions()) == {a for a, _ in pairs}
    putin_words = [w.lower() for s, c in pairs if s == "Vladimir Putin" for w in words(c)]
    assert cfd["Vladimir Putin"]["negotiations"] == putin_words.count("negotiations") > 0
