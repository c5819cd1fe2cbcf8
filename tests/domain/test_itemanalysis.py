"""Item analysis on small classes whose figures can be worked out by hand."""

import statistics

import pytest

from quizapp.domain.itemanalysis import ResponseFact, analyse, groups

CHOICE = {"choices": ["Ottawa", "Paris", "Rome"], "answer": "Ottawa"}
SHORT = {"accepted": ["Ottawa"]}
MULTI = {"choices": ["3", "12", "7", "40"], "answer": ["3", "12"]}


def fact(attempt, question, answer, score, kind="single_choice", data=CHOICE):
    return ResponseFact(attempt_id=attempt, question_id=question, kind=kind, data=data,
                        answer=answer, score=score)


def test_groups_take_the_top_and_bottom_27_percent():
    """Ten attempts: the top three and the bottom three."""
    totals = {i: i for i in range(10)}
    upper, lower = groups(totals)
    assert upper == {7, 8, 9} and lower == {0, 1, 2}


def test_facility_discrimination_and_point_biserial():
    """A question the strong get right and the weak get wrong discriminates fully."""
    # Question 1 tracks the rest of the score; question 2 is answered right by all.
    rows = []
    totals = {}
    for attempt in range(10):
        strong = attempt >= 5
        rest = attempt  # marks earned elsewhere
        rows.append(fact(attempt, 1, "Ottawa" if strong else "Paris", 1.0 if strong else 0.0))
        rows.append(fact(attempt, 2, "Ottawa", 1.0))
        totals[attempt] = rest + (1.0 if strong else 0.0) + 1.0
    stats = analyse(totals, rows)
    first, second = stats[1], stats[2]
    assert first.facility == 0.5 and second.facility == 1.0
    assert first.discrimination == 1.0 and second.discrimination == 0.0
    item = [1.0 if a >= 5 else 0.0 for a in range(10)]
    rests = [totals[a] - item[a] for a in range(10)]
    assert first.point_biserial == pytest.approx(statistics.correlation(item, rests))
    assert second.point_biserial is None  # no spread: no correlation


def test_each_wrong_choice_shows_how_often_it_drew():
    """Answers are counted, most frequent first, with the right one marked."""
    rows = [fact(1, 1, "Paris", 0.0), fact(2, 1, "Paris", 0.0), fact(3, 1, "Ottawa", 1.0),
            fact(4, 1, None, 0.0)]
    stats = analyse({1: 0, 2: 0, 3: 1, 4: 0}, rows)[1]
    assert [(a.label, a.count, a.right) for a in stats.answers] == [
        ("Paris", 2, False), ("Ottawa", 1, True)]
    assert stats.responses == 4 and stats.answered == 3


def test_select_all_counts_every_ticked_choice():
    """Each ticked option is counted on its own, so a popular wrong one stands out."""
    rows = [fact(1, 1, ["3", "7"], 0.17, "multiple_response", MULTI),
            fact(2, 1, ["3", "12"], 1.0, "multiple_response", MULTI)]
    answers = {a.label: (a.count, a.right) for a in analyse({1: 0, 2: 1}, rows)[1].answers}
    assert answers == {"3": (2, True), "7": (1, False), "12": (1, True)}


def test_typed_answers_that_read_the_same_are_counted_together():
    """"Paris", "paris " and "PARIS!" are one answer, shown as first typed."""
    rows = [fact(i, 1, typed, 0.0, "short_answer", SHORT)
            for i, typed in enumerate(["Paris", "paris", "PARIS!"])]
    rows.append(fact(3, 1, "ottawa", 1.0, "short_answer", SHORT))
    stats = analyse(dict.fromkeys(range(4), 0), rows)[1]
    assert [(a.label, a.count, a.right) for a in stats.answers] == [
        ("Paris", 3, False), ("ottawa", 1, True)]
