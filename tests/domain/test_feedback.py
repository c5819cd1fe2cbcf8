"""Feedback rules and the embargo: when a key, a score and a passage may show."""

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.domain.feedback import QuizUse, embargoed, hides_from_others, key_shows, score_shows

NOW = datetime(2026, 1, 1, tzinfo=UTC)
EARLIER, LATER = NOW - timedelta(hours=1), NOW + timedelta(hours=1)


@pytest.mark.parametrize(("rule", "closes_at", "submitted", "answered", "shows"), [
    ("immediate", None, False, False, False),
    ("immediate", None, False, True, True),
    ("after_submit", None, False, True, False),
    ("after_submit", None, True, False, True),
    ("after_close", LATER, True, True, False),
    ("after_close", EARLIER, True, False, True),
    ("after_close", None, True, True, False),
    ("never", EARLIER, True, True, False),
])
def test_key_shows_by_rule(rule, closes_at, submitted, answered, shows):
    """Each rule shows the key exactly when it says it will."""
    assert key_shows(rule, closes_at, NOW, submitted, answered) is shows


@pytest.mark.parametrize(("rule", "closes_at", "shows"), [
    ("immediate", None, True), ("after_submit", None, True),
    ("after_close", LATER, False), ("after_close", EARLIER, True), ("never", None, False),
])
def test_score_follows_the_key(rule, closes_at, shows):
    """A submitted attempt's score shows only when its key would."""
    assert score_shows(rule, closes_at, NOW, submitted=True) is shows
    assert score_shows(rule, closes_at, NOW, submitted=False) is False


@pytest.mark.parametrize(("rule", "closes_at", "hides"), [
    ("never", None, True), ("never", LATER, True), ("never", EARLIER, False),
    ("after_close", None, True), ("after_close", LATER, True), ("after_close", EARLIER, False),
    ("after_submit", LATER, False), ("immediate", None, False),
])
def test_only_hiding_quizzes_not_yet_closed_embargo(rule, closes_at, hides):
    """Quizzes that hide answers embargo their questions until they close."""
    assert hides_from_others(rule, closes_at, NOW) is hides


def test_embargo_follows_the_tag_filter():
    """A strict quiz with a tag filter embargoes only the questions it can draw."""
    uses = [
        QuizUse(1, ("people",), ("people",), "never", None),
        QuizUse(2, ("places",), ("people",), "never", None),
        QuizUse(3, ("places",), (), "after_close", LATER),
        QuizUse(4, ("places",), (), "after_close", EARLIER),
        QuizUse(5, (), (), "after_submit", None),
    ]
    assert embargoed(uses, NOW) == {1, 3}
    assert embargoed([], NOW) == frozenset()
