"""Which attempt counts."""

import pytest

from quizapp.domain.grading import counted_score


@pytest.mark.parametrize(("rule", "expected"), [("best", 90), ("last", 60), ("average", 70)])
def test_each_rule_picks_its_attempt(rule, expected):
    """Three attempts, oldest first: 60, 90, 60."""
    assert counted_score([60, 90, 60], rule) == expected


def test_no_submitted_attempt_counts_nothing():
    """A learner who handed nothing in has no grade, not zero."""
    assert counted_score([], "best") is None


def test_an_unknown_rule_is_refused():
    """A typo in a rule is an error, not a silent default."""
    with pytest.raises(ValueError, match="unknown grading rule"):
        counted_score([50], "median")
