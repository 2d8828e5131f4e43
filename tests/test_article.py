"""The article as data: the structured form reproduces the seed text exactly."""

from pathlib import Path

import pytest

from medialit.article import Article, load_article

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seed" / "article.txt"
COPY = REPO / "data" / "article.txt"


def _seed_text() -> str:
    """Return the seed article: the shared seed when present, else the verbatim copy."""
    return (SEED if SEED.exists() else COPY).read_text(encoding="utf-8")


def test_copy_equals_seed_when_both_exist():
    if not SEED.exists():
        pytest.skip("the shared seed is not on this machine; data/article.txt is the reference")
    assert COPY.read_bytes() == SEED.read_bytes()


def test_structured_article_reproduces_seed_character_for_character():
    article = load_article()
    rebuilt = "\n".join([article.text, *article.furniture])
    assert rebuilt == _seed_text().rstrip("\n")


@pytest.mark.parametrize("char", ["‘", "’", "“", "”", "…", "–", "é", "ü"])
def test_special_characters_survive(char):
    article = load_article()
    assert article.text.count(char) == _seed_text().count(char) > 0


def test_fields_of_load_article():
    article = load_article()
    seed_lines = _seed_text().rstrip("\n").split("\n")
    assert article.headline == seed_lines[0]
    assert article.standfirst == seed_lines[1]
    assert article.paragraphs == seed_lines[2:-1]
    assert article.furniture == ["Comments are closed."]
    assert "Comments are closed." not in article.text
    assert [label for label, _ in article.parts] == ["H", "S"] + [f"P{i}" for i in range(1, 10)]


def test_metadata_invents_no_byline_or_url():
    meta = load_article().metadata
    for key in ("byline", "url"):
        assert meta[key]["value"] is None and meta[key]["status"] == "missing"
    assert meta["date"]["status"] == "reconstructed" and meta["date"]["fact_cards"]
    assert meta["outlet"]["status"] == "reconstructed" and "F2" in meta["outlet"]["fact_cards"]


def test_sentence_offsets_slice_the_text():
    article = load_article()
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
        start, end = article.paragraph_spans[sentence.paragraph]
        assert start <= sentence.start < sentence.end <= end
        assert sentence.id == sentence.paragraph or sentence.id.startswith(sentence.paragraph + ".")


def test_sentences_are_in_order_and_do_not_overlap():
    sentences = load_article().sentences
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))


def test_paragraph_spans_cover_the_text_between_newlines():
    article = load_article()
    for label, part in article.parts:
        start, end = article.paragraph_spans[label]
        assert article.text[start:end] == part


def test_from_text_skips_blank_lines_and_normalises_line_endings():
    article = Article.from_text(
        "First paragraph.  \r\n\r\n  Second one.\rThird.\n\n", headline=" A head "
    )
    assert article.paragraphs == ["First paragraph.", "Second one.", "Third."]
    assert article.headline == "A head"
    assert article.text == "A head\nFirst paragraph.\nSecond one.\nThird."
    assert [s.id for s in article.sentences] == ["H", "P1.1", "P2.1", "P3.1"]


def test_from_text_keeps_metadata_and_has_no_gold():
    article = Article.from_text("One line.", outlet="Example")
    assert article.metadata == {"outlet": "Example"}
    assert article.annotations == {}


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
def test_from_text_rejects_non_strings_with_a_clear_message(bad):
    with pytest.raises(TypeError, match="as a string"):
        Article.from_text(bad)


def test_offset_outside_the_text_is_explained():
    with pytest.raises(ValueError, match="outside the article text"):
        load_article().paragraph_of(10_000)
