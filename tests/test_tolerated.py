"""Spans questions: defensible extra marks (``tolerated``) count neither for nor against."""

from medialit import check

THREE = [[2018, 2033], [2154, 2169], [2225, 2234]]  # received poorly, unconditionally, submit to
SO_CALLED, PEACE_FORMULA = [2102, 2111], [2112, 2127]
WESTERN_BACKERS, PUSH = [2053, 2068], [2086, 2090]


def test_the_three_judgements_alone_get_full_marks():
    assert check("ex04_1", THREE).correct


def test_a_defensible_extra_mark_costs_nothing():
    for extra in (SO_CALLED, PEACE_FORMULA, WESTERN_BACKERS):
        feedback = check("ex04_1", THREE + [extra])
        assert feedback.correct, (extra, str(feedback))
    assert check("ex04_1", THREE + [SO_CALLED, PEACE_FORMULA, WESTERN_BACKERS]).correct


def test_targeted_feedback_still_names_the_extra_mark():
    feedback = check("ex04_1", THREE + [SO_CALLED])
    assert "so-called" in str(feedback) and "costs you nothing" in str(feedback)


def test_an_extra_mark_that_is_not_tolerated_still_costs_points():
    feedback = check("ex04_1", THREE + [PUSH])
    assert not feedback.correct and 0 < feedback.score < 1


def test_tolerated_words_alone_score_nothing():
    feedback = check("ex04_1", [SO_CALLED, PEACE_FORMULA, WESTERN_BACKERS])
    assert feedback.score == 0
