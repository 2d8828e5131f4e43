"""Attribution finding: quotes, paraphrases, sources, speakers and bad input."""

import importlib.util
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit
from medialit.analysis import Attribution, quote_spans

from text_pieces import PIECES

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "texts"


@pytest.fixture(scope="module")
def article_text():
    return medialit.load_article().text


@pytest.fixture(scope="module")
def found(article_text):
    return medialit.attributions(article_text)


def _sole(text, *fields):
    """The named fields of the one attribution found in ``text``."""
    (item,) = medialit.attributions(text)
    return tuple(getattr(item, name) for name in fields)


def _at(items, text, fragment):
    """The attribution whose content holds ``fragment``."""
    pos = text.index(fragment)
    matches = [a for a in items if a.start <= pos < a.end]
    assert matches, f"no attribution holds {fragment!r}"
    return matches[0]


# ---------------------------------------------------------- the course article


def test_headline_dash_attribution(article_text, found):
    item = _at(found, article_text, "realistic basis")
    assert item.speaker == "Vladimir Putin"
    assert item.source == "Putin"
    assert item.kind == "mixed"
    assert item.cue == "–"


def test_description_resolves_to_named_person(article_text, found):
    item = _at(found, article_text, "ignoring Russia")
    assert item.source == "the Russian leader"
    assert item.speaker == "Vladimir Putin"
    assert item.kind == "indirect"


def test_attribution_at_end_of_long_paraphrase(article_text, found):
    item = _at(found, article_text, "grateful to China")
    assert item.source == "President Vladimir Putin"
    assert item.cue == "said"
    assert item.content.startswith("Russia is grateful")
    assert item.content.endswith("counteroffensive")
    assert item.kind == "mixed"  # "enormous" is quoted


def test_direct_quote_then_cue(article_text, found):
    item = _at(found, article_text, "Chinese friends")
    assert item.kind == "direct"
    assert item.cue == "said"
    assert item.speaker == "Vladimir Putin"
    assert "“" not in item.content and "”" not in item.content


def test_collective_source_with_relative_clause_and_ing_cue(article_text, found):
    accused = _at(found, article_text, "backtracking")
    saying = _at(found, article_text, "lost trust")
    assert accused.speaker == saying.speaker == "Russia"
    assert (accused.cue, saying.cue) == ("accused", "saying")
    # no subject of its own: it shares the subject of "accused"
    assert (saying.source_start, saying.source_end) == (accused.source_start, accused.source_end)


def test_factive_cue_and_question_then_insisting(article_text, found):
    assert _at(found, article_text, "dustbin").cue == "recalled"
    asked = _at(found, article_text, "How is it possible")
    insisting = _at(found, article_text, "open for talks")
    assert (asked.kind, asked.cue) == ("direct", "asked")
    assert (insisting.kind, insisting.cue, insisting.speaker) == (
        "mixed",
        "insisting",
        "Vladimir Putin",
    )


def test_quote_continued_with_no_new_cue(article_text, found):
    item = _at(found, article_text, "special military operation is not")
    assert item.kind == "direct"
    assert item.speaker == "Vladimir Putin"
    assert item.cue == "" and item.cue_start is None
    assert item.source == "Putin"  # the source phrase of the quote it continues


def test_offsets_match_text(article_text, found):
    for item in found:
        assert article_text[item.start : item.end] == item.content
        if item.cue_start is not None:
            assert article_text[item.cue_start : item.cue_end] == item.cue
        if item.source_start is not None:
            assert article_text[item.source_start : item.source_end] == item.source
    assert [a.start for a in found] == sorted(a.start for a in found)


def test_unattributed_background_sentence(article_text):
    parts = medialit.unattributed(article_text)
    texts = [p.text for p in parts]
    assert any(t.startswith("Moscow and Kiev have not sat down") for t in texts)
    assert not any("Chinese friends" in t for t in texts)
    for part in parts:
        assert article_text[part.start : part.end] == part.text


def test_unattributed_never_overlaps_content(article_text, found):
    for part in medialit.unattributed(article_text):
        for item in found:
            assert part.end <= item.start or item.end <= part.start


def test_sources_count_quoted_and_paraphrased_words(article_text, found):
    voices = {s.name: s for s in medialit.sources(article_text)}
    putin = voices["Vladimir Putin"]
    quotes = quote_spans(article_text)
    inside = sum(
        len(re.findall(r"\w+(?:[’'\-.]\w+)*", article_text[max(s, a.start) : min(e, a.end)]))
        for a in found
        if a.speaker == "Vladimir Putin" and a.kind == "mixed"
        for s, e in quotes
        if s < a.end and e > a.start
    )
    direct = sum(
        len(re.findall(r"\w+(?:[’'\-.]\w+)*", a.content))
        for a in found
        if a.speaker == "Vladimir Putin" and a.kind == "direct"
    )
    assert putin.direct_words == direct + inside
    assert putin.indirect_words > 0
    first = article_text.index("Putin")
    assert (first, first + len("Putin")) in putin.mentions
    assert voices["Russia"].direct_words == 0


# ------------------------------------------------------------ constructed cases


@pytest.mark.parametrize(
    "text, speaker, cue, kind, content",
    [
        ('"We will win," Anna Berg said.', "Anna Berg", "said", "direct", "We will win"),
        ("“We will win,” said coach Anna Berg.", "Anna Berg", "said", "direct", "We will win"),
        (
            'Anna Berg said: "We will win this match, whatever happens."',
            "Anna Berg",
            "said",
            "direct",
            "We will win this match, whatever happens",
        ),
        (
            "The plan would, the minister said, leave schools short of money.",
            "the minister",
            "said",
            "indirect",
            "The plan would, the minister said, leave schools short of money",
        ),
        (
            "According to the report, prices rose by 4 percent.",
            "the report",
            "According to",
            "indirect",
            "prices rose by 4 percent",
        ),
        (
            "Prices rose by 4 percent, according to the report.",
            "the report",
            "according to",
            "indirect",
            "Prices rose by 4 percent",
        ),
        (
            "The mayor insisted that the budget was 'fair and balanced'.",
            "The mayor",
            "insisted",
            "mixed",
            "the budget was 'fair and balanced'",
        ),
    ],
)
def test_constructed_patterns(text, speaker, cue, kind, content):
    items = medialit.attributions(text)
    assert len(items) == 1, items
    item = items[0]
    assert (item.speaker, item.cue, item.kind, item.content) == (speaker, cue, kind, content)


def test_pronoun_and_surname_resolution():
    text = (
        "Health minister Claire Whitfield spoke on Monday. Whitfield said the offer was final. "
        "She added that talks could resume."
    )
    items = medialit.attributions(text)
    assert [a.speaker for a in items] == ["Claire Whitfield", "Claire Whitfield"]
    assert [a.cue for a in items] == ["said", "added"]


def test_headline_single_quotes_and_dash():
    text = "Budget 'fair to all' – mayor\nMayor Ines Duarte said the plan was fair."
    items = medialit.attributions(text)
    assert items[0].content == "Budget 'fair to all'"
    assert items[0].kind == "mixed"
    assert items[0].speaker == "Ines Duarte"


def test_continued_quote_across_sentences_with_straight_quotes():
    text = '"Selling a building pays for one year," Okafor replied. "Then what?"'
    items = medialit.attributions(text)
    assert [a.content for a in items] == ["Selling a building pays for one year", "Then what?"]
    assert {a.speaker for a in items} == {"Okafor"}


def test_negated_verb_and_cue_inside_quote_are_not_cues():
    assert medialit.attributions("The agreement does not say who will pay.") == []
    items = medialit.attributions('"They said nothing," Lee said.')
    assert len(items) == 1 and items[0].cue_start == len('"They said nothing," Lee ')


# ------------------------------------------------------------------- bad input


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
@pytest.mark.parametrize("func", ["attributions", "unattributed", "sources"])
def test_non_string_gives_clear_type_error(func, bad):
    with pytest.raises(TypeError, match="needs the article as a string"):
        getattr(medialit, func)(bad)


@pytest.mark.parametrize("text", ["", "   \n  ", "No one is quoted here. The sun rose."])
def test_empty_or_unreported_text(text):
    assert medialit.attributions(text) == []
    assert medialit.sources(text) == []


def test_unbalanced_quote_marks_give_partial_results():
    text = '“We are ready," he said. “This never closes. Critics say the plan is late.'
    items = medialit.attributions(text)
    assert any(a.cue == "say" and a.content == "the plan is late" for a in items)


def test_non_english_text_gives_no_traceback():
    text = "«Мы готовы к переговорам», — сказал Путин. Der Minister sagte, der Plan sei gut."
    assert isinstance(medialit.attributions(text), list)
    assert isinstance(medialit.unattributed(text), list)


def test_one_megabyte_text(article_text):
    big = (article_text + "\n") * (1_000_000 // len(article_text) + 1)
    items = medialit.attributions(big)
    assert len(items) > 1000
    assert all(big[a.start : a.end] == a.content for a in items[-20:])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=30).map("".join))
def test_any_text_gives_results_not_tracebacks(text):
    items = medialit.attributions(text)
    for item in items:
        assert text[item.start : item.end] == item.content
    assert isinstance(medialit.unattributed(text), list)
    assert isinstance(medialit.sources(text), list)
    for device in medialit.framing_devices(text):
        assert text[device.start : device.end] == device.text


def test_results_are_deterministic(article_text):
    first = medialit.attributions(article_text)
    assert first == medialit.attributions(article_text)
    assert "0x" not in repr(first)
    assert isinstance(first[0], Attribution)


# ----------------------------------------------------------- gold test texts


def _quality():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLD = sorted(TEXTS.glob("*.gold.json"))


def test_at_least_four_gold_texts_of_the_right_length():
    assert len(GOLD) >= 4
    for path in GOLD:
        text = (TEXTS / json.loads(path.read_text(encoding="utf-8"))["text"]).read_text(
            encoding="utf-8"
        )
        assert 200 <= len(text.split()) <= 500, path.name


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name)
def test_gold_offsets_match_text(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (TEXTS / gold["text"]).read_text(encoding="utf-8")
    spans = [a["content"] for a in gold["attributions"]] + gold["unattributed"] + gold["framing"]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    assert {a["type"] for a in gold["attributions"]} <= {"direct", "indirect", "mixed"}


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name)
def test_quality_on_gold_texts(path):
    quality = _quality()
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (TEXTS / gold["text"]).read_text(encoding="utf-8")
    rows = [
        {"type": a["type"], "speaker": a["speaker"], **a["content"]} for a in gold["attributions"]
    ]
    predicted = [
        {"type": a.kind, "speaker": a.speaker, "start": a.start, "end": a.end}
        for a in medialit.attributions(text)
    ]
    result = quality.score(predicted, rows)
    assert result["f1"] >= 0.90
    assert result["speaker_accuracy"] >= 0.90


def test_score_counts_type_and_speaker():
    quality = _quality()
    gold = [{"type": "direct", "speaker": "Vladimir Putin", "start": 0, "end": 10}]
    assert (
        quality.score(
            [{"type": "direct", "speaker": "the Vladimir Putin", "start": 2, "end": 10}], gold
        )["f1"]
        == 1
    )
    assert (
        quality.score(
            [{"type": "indirect", "speaker": "Vladimir Putin", "start": 0, "end": 10}], gold
        )["f1"]
        == 0
    )
    assert (
        quality.score([{"type": "direct", "speaker": "Putin", "start": 0, "end": 10}], gold)["f1"]
        == 0
    )
    assert (
        quality.score(
            [{"type": "direct", "speaker": "Vladimir Putin", "start": 0, "end": 4}], gold
        )["f1"]
        == 0
    )


def test_course_article_against_gold_annotations():
    article = medialit.load_article()
    gold = article.annotations
    names = {s["id"]: s["name"].split(" (")[0] for s in gold["sources"]}
    rows = [
        {"type": a["type"], "speaker": names[a["source"]], **a["content"]}
        for a in gold["attributions"]
    ]
    predicted = [
        {"type": a.kind, "speaker": a.speaker, "start": a.start, "end": a.end}
        for a in medialit.attributions(article.text)
    ]
    assert _quality().score(predicted, rows)["f1"] >= 0.95


# ------------------------------------------- rules added for real news (issue 14)


def test_quote_closed_by_a_dash_and_a_name_is_that_persons():
    text = (
        "Letters from readers.\n“The fare rise hurts us. We walk now.” ― Ana Ruiz.\n"
        "“Buses are late.” – Tom Bell\n"
    )
    found = medialit.attributions(text)
    assert [(a.kind, a.speaker, a.cue, a.content) for a in found] == [
        ("direct", "Ana Ruiz", "―", "The fare rise hurts us"),
        ("direct", "Ana Ruiz", "―", "We walk now"),
        ("direct", "Tom Bell", "–", "Buses are late"),
    ]


def test_closing_mark_typed_as_an_opening_one_still_opens_a_quote():
    text = "”Fear. I am afraid,” said Ana Ruiz.\n"
    assert quote_spans(text) == [(0, 20)]
    assert {a.speaker for a in medialit.attributions(text)} == {"Ana Ruiz"}


def test_speech_tag_ending_in_a_colon_gives_the_next_paragraph_its_speaker():
    text = "The mayor spoke first.\n\nTom Bell said:\n\n“We cannot pay for it. Not this year.”\n"
    found = [a for a in medialit.attributions(text) if a.kind == "direct"]
    assert [(a.speaker, a.cue, a.content) for a in found] == [
        ("Tom Bell", "said", "We cannot pay for it"),
        ("Tom Bell", "said", "Not this year"),
    ]


@pytest.mark.parametrize("verb", ["tweeted", "declared", "criticized", "mocked", "lamented"])
def test_communication_verbs_beyond_say_open_attributions(verb):
    text = f"Tom Bell {verb} that the budget was a “disgrace” for the city.\n"
    (item,) = medialit.attributions(text)
    assert (item.kind, item.speaker, item.cue) == ("mixed", "Tom Bell", verb)


def test_a_noun_form_of_a_new_verb_is_not_a_cue():
    assert medialit.attributions("The demands of the union were heard by the council.\n") == []


@pytest.mark.parametrize(
    "text, source",
    [
        (
            "Ana Ruiz, at a press event on Monday, said the fares would rise.\n",
            "Ana Ruiz, at a press event on Monday",
        ),
        ("Ana Ruiz boldly suggested that the fares would rise.\n", "Ana Ruiz"),
        ("On Monday Ana Ruiz said the fares would rise.\n", "On Monday Ana Ruiz"),
    ],
)
def test_source_steps_over_place_and_time_chunks_and_adverbs(text, source):
    (item,) = medialit.attributions(text)
    assert (item.source, item.speaker) == (source, "Ana Ruiz")


def test_a_colon_after_a_longer_tag_still_introduces_the_quote():
    text = "Ana Ruiz told the meeting on Monday: “We will appeal the ruling this week.”\n"
    (item,) = [a for a in medialit.attributions(text) if a.kind == "direct"]
    assert (item.speaker, item.cue, item.content) == (
        "Ana Ruiz",
        "told",
        "We will appeal the ruling this week",
    )


def test_a_speech_tag_holding_a_title_with_a_full_stop_still_tags_the_quote():
    text = "The council met.\n“We will appeal,” Rep. Ana Ruiz (D-Ore.) said on Friday.\n"
    assert _sole(text, "kind", "speaker", "cue", "content") == (
        "direct",
        "Ana Ruiz",
        "said",
        "We will appeal",
    )


def test_a_source_after_a_closing_quote_mark_leaves_the_mark_out():
    text = "Ana Ruiz said the fare was “too high,” she said on Monday, and it would fall.\n"
    sources = {a.source for a in medialit.attributions(text)}
    assert "she" in sources and not any(s.startswith("”") for s in sources)


@pytest.mark.parametrize("noun", ["states", "notes", "claims"])
def test_a_verb_form_heading_a_relative_clause_is_a_noun_not_a_cue(noun):
    text = f"Small island {noun}, which had pushed for a fund, welcomed the decision.\n"
    assert medialit.attributions(text) == []
    (item,) = medialit.attributions("The treaty states that the fund opens in May.\n")
    assert (item.cue, item.content) == ("states", "the fund opens in May")


def test_a_that_clause_after_a_place_is_the_content_even_after_a_comma():
    text = "Before the vote, Ana Ruiz said at a rally that the fares would rise.\n"
    (item,) = medialit.attributions(text)
    assert (item.speaker, item.content) == ("Ana Ruiz", "the fares would rise")
    (item,) = medialit.attributions("The fares will rise, Ana Ruiz said in Leeds.\n")
    assert item.content == "The fares will rise"


def test_a_quote_with_no_tag_after_a_sentence_closing_on_its_tag_continues_that_speaker():
    text = "The rise was needed because “costs have doubled,” Ana Ruiz said. “We have no choice.”\n"
    found = medialit.attributions(text)
    assert [(a.kind, a.speaker, a.source) for a in found] == [
        ("mixed", "Ana Ruiz", "Ana Ruiz"),
        ("direct", "Ana Ruiz", "Ana Ruiz"),
    ]
    assert found[1].content == "We have no choice" and found[1].cue_start is None


def test_quote_marks_inside_markup_open_no_quotation():
    text = '<tweet author="ana" id="1">Great game</tweet>\nAna Ruiz said “we won.”\n'
    assert [text[s:e] for s, e in quote_spans(text)] == ["“we won.”"]
    assert [a.kind for a in medialit.attributions(text)] == ["mixed"]


def test_a_verb_after_without_is_not_a_cue():
    assert medialit.attributions("The mayor left without saying that the fares would rise.\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz, a nurse, marched to the town hall on Monday, saying the fares were too high.\n",
        "After the vote, Ana Ruiz walked out, despite admitting that the fares were too high.\n",
        "Meanwhile, Ana Ruiz attacked the plan, saying the fares were too high.\n",
    ],
)
def test_an_ing_cue_with_no_subject_of_its_own_takes_the_subject_of_its_sentence(text):
    (item,) = medialit.attributions(text)
    assert (item.source, item.speaker) == ("Ana Ruiz", "Ana Ruiz")
    assert item.content.endswith("the fares were too high")


def test_a_relative_who_before_a_time_phrase_is_the_source_not_the_time():
    text = "Ana Ruiz said the fares were fair. Tom Bell, who in 2010 said they were high, agreed.\n"
    item = _at(medialit.attributions(text), text, "they were high")
    assert item.source == "who"


@pytest.mark.parametrize(
    "text",
    [
        "On 6 July, Ana Ruiz made a short comment:\n\n“We will appeal the ruling this week.”\n",
        "Ana Ruiz gave her verdict: “We will appeal the ruling this week.”\n",
    ],
)
def test_a_colon_with_no_reporting_verb_before_it_still_introduces_the_quote(text):
    assert _sole(text, "kind", "source", "cue", "content") == (
        "direct",
        "Ana Ruiz",
        ":",
        "We will appeal the ruling this week",
    )


def test_went_on_to_say_is_a_cue_though_to_say_alone_is_not():
    text = "Ana Ruiz spoke first, going on to say that the fares would rise.\n"
    assert _sole(text, "cue", "content", "source") == ("say", "the fares would rise", "Ana Ruiz")
    assert medialit.attributions("Ana Ruiz declined to say whether the fares would rise.\n") == []


def test_a_capitalised_verb_opening_the_sentence_before_a_name_tags_the_quote():
    text = "Taxes went up. Said Ana Ruiz: “I do not think the plan is fair at all.”\n"
    assert _sole(text, "kind", "speaker", "cue") == ("direct", "Ana Ruiz", "Said")
    assert medialit.attributions("Says the report, which nobody read.\n") == []


def test_an_ing_cue_opening_the_sentence_takes_the_subject_after_its_clause():
    text = "Calling the plan “a disgrace,” Ana Ruiz said she would vote no.\n"
    first = medialit.attributions(text)[0]
    assert (first.cue, first.speaker, first.content) == (
        "Calling",
        "Ana Ruiz",
        "the plan “a disgrace,”",
    )


def test_a_name_with_a_lower_case_particle_is_one_name():
    text = "Mayor Bill de Blasio spoke on Sunday. “We see no link,” the mayor said.\n"
    assert _sole(text, "speaker", "source") == ("Bill de Blasio", "the mayor")
    (item,) = medialit.attributions("Bill de Blasio spoke. Later, Blasio said it was late.\n")
    assert item.speaker == "Bill de Blasio"


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The council’s letter reads: “We will not pay for the new road this year.”\n", "reads"),
        ("Ana Ruiz calls the plan “a disgrace” for the city.\n", "calls"),
        ("Ana Ruiz referenced the “deep cuts” of last year.\n", "referenced"),
    ],
)
def test_verbs_of_written_and_naming_speech_are_cues(text, cue):
    (item,) = medialit.attributions(text)
    assert item.cue == cue and item.kind in ("direct", "mixed")


def test_a_listener_between_the_cue_and_a_comma_still_introduces_the_quote():
    text = "Ana Ruiz told reporters on Monday, “We will appeal the ruling this week.”\n"
    assert _sole(text, "kind", "speaker", "cue") == ("direct", "Ana Ruiz", "told")


def test_a_description_after_a_name_belongs_to_the_name():
    text = (
        "Rep. Ana Ruiz, the top Democrat on the transport committee, said the fares would rise.\n"
    )
    assert _sole(text, "source", "speaker") == (
        "Rep. Ana Ruiz, the top Democrat on the transport committee",
        "Ana Ruiz",
    )
    (item,) = medialit.attributions("In Leeds, the minister said the fares would rise.\n")
    assert item.source == "the minister"
