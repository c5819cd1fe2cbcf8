"""When answers, scores and evidence may show: each quiz's feedback rule, and the embargo.

A quiz's rule says when its own learners see the key (the right answers, explanations
and evidence) and their score. The embargo stops a more lenient quiz from showing what
a stricter one hides: while a quiz whose rule hides answers has not closed, every
question it may draw keeps its key hidden everywhere, whichever quiz or page asks.
"""

from dataclasses import dataclass
from datetime import datetime

# Rules under which a submitted attempt may still not see its key.
HIDING_RULES = ("after_close", "never")


def key_shows(rule, closes_at, now, submitted, answered=False):
    """Tell whether a quiz's own rule lets a learner see a question's key and marks.

    `answered` is whether this one question has been answered (and so locked): under
    `immediate` its feedback shows at once.
    """
    if rule == "immediate":
        return submitted or answered
    if not submitted or rule == "never":
        return False
    if rule == "after_close":
        return closes_at is not None and now >= closes_at
    return True


def score_shows(rule, closes_at, now, submitted):
    """Tell whether a learner may see the score of a submitted attempt.

    The score follows the key: otherwise one answer per attempt reveals it.
    """
    return submitted and key_shows(rule, closes_at, now, submitted=True)


def hides_from_others(rule, closes_at, now):
    """Tell whether a quiz embargoes its questions: it hides answers and has not closed."""
    if rule not in HIDING_RULES:
        return False
    return closes_at is None or now < closes_at


@dataclass(frozen=True)
class QuizUse:
    """A question that a quiz may draw, with what decides whether that quiz embargoes it."""

    question_id: int
    question_tags: tuple[str, ...]
    quiz_tags: tuple[str, ...]
    rule: str
    closes_at: datetime | None


def embargoed(uses, now):
    """Return the ids of questions whose key is hidden everywhere at `now`.

    A question is embargoed while some quiz that may draw it (its set is one of the
    quiz's sets and it passes the quiz's tag filter) hides answers and has not closed.
    """
    return frozenset(
        use.question_id for use in uses
        if hides_from_others(use.rule, use.closes_at, now)
        and (not use.quiz_tags or set(use.quiz_tags) & set(use.question_tags))
    )
