"""The gradebook matrix from plain rows, and class codes."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from quizapp.domain.classcodes import ALPHABET, CODE_LENGTH, clean_code, make_class_code
from quizapp.domain.gradebook import (
    AttemptRow,
    EntryRow,
    QuizColumn,
    build_gradebook,
    percent,
    root_of,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def at(minutes):
    """Return a time `minutes` after T0."""
    return T0 + timedelta(minutes=minutes)


QUIZZES = [QuizColumn(1, "Best quiz", "best"), QuizColumn(2, "Last quiz", "last"),
           QuizColumn(3, "Average quiz", "average")]


def test_each_cell_is_the_counted_percent_by_the_quizzes_rule():
    """Best, last (by hand-in time, not row order) and average, per learner and quiz."""
    entries = [EntryRow(10, "Ann"), EntryRow(11, "Bob")]
    attempts = [
        AttemptRow(10, 1, 40.0, at(1)), AttemptRow(10, 1, 80.0, at(2)),
        AttemptRow(10, 1, 60.0, at(3)),
        AttemptRow(10, 2, 90.0, at(5)), AttemptRow(10, 2, 30.0, at(4)),  # 90 is the last
        AttemptRow(10, 3, 50.0, at(1)), AttemptRow(10, 3, 100.0, at(2)),
        AttemptRow(11, 1, 20.0, at(1)),
    ]
    rows = build_gradebook(entries, QUIZZES, attempts)
    assert [(r.name, r.cells) for r in rows] == [
        ("Ann", (80.0, 90.0, 75.0)), ("Bob", (20.0, None, None))]


def test_merged_entries_fold_into_the_one_that_stays_even_through_a_chain():
    """An entry merged into one that was itself merged counts for the last one."""
    entries = [EntryRow(1, "Ann"), EntryRow(2, "Ann (phone)", merged_into=3),
               EntryRow(3, "Ann (tablet)", merged_into=1)]
    attempts = [AttemptRow(2, 1, 70.0, at(1)), AttemptRow(3, 1, 90.0, at(2)),
                AttemptRow(1, 2, 10.0, at(1)), AttemptRow(2, 2, 20.0, at(9))]
    rows = build_gradebook(entries, QUIZZES, attempts)
    assert [(r.entry_id, r.name, r.cells) for r in rows] == [(1, "Ann", (90.0, 20.0, None))]


def test_removed_learners_stay_marked_after_the_others_each_group_by_name():
    """Removed learners keep their scores, listed last; names sort without regard to case."""
    entries = [EntryRow(1, "zoe"), EntryRow(2, "Adam", removed=True), EntryRow(3, "bea")]
    rows = build_gradebook(entries, QUIZZES[:1], [AttemptRow(2, 1, 50.0, at(1))])
    assert [(r.name, r.removed, r.cells) for r in rows] == [
        ("bea", False, (None,)), ("zoe", False, (None,)), ("Adam", True, (50.0,))]


def test_no_quizzes_or_no_learners_give_empty_lines_or_none():
    """A class with nothing assigned has empty rows; an empty class has none."""
    assert build_gradebook([EntryRow(1, "Ann")], [], [])[0].cells == ()
    assert build_gradebook([], QUIZZES, []) == []


def test_a_merge_cycle_cannot_loop_forever():
    """Bad data (two entries merged into each other) still ends."""
    assert root_of(1, {1: 2, 2: 1}) in (1, 2)


@pytest.mark.parametrize(("score", "max_score", "expected"),
                         [(3, 4, 75.0), (0, 5, 0.0), (2.5, 5, 50.0), (0, 0, 0.0)])
def test_percent(score, max_score, expected):
    """A score out of its maximum as a percentage; nothing to score is 0."""
    assert percent(score, max_score) == expected


def test_class_codes_are_six_unambiguous_characters():
    """No 0/O or 1/I/L in a code copied from a board."""
    rng = random.Random(7)
    codes = {make_class_code(rng.choice) for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
    assert not set("0O1IL") & set(ALPHABET)


@pytest.mark.parametrize(("typed", "code"), [(" k7m-xq2 ", "K7MXQ2"), ("K7 MX Q2", "K7MXQ2"),
                                             ("", ""), (None, "")])
def test_typed_codes_are_read_forgivingly(typed, code):
    """Case, spaces and dashes do not matter."""
    assert clean_code(typed) == code
