"""Item analysis: how each question did across a quiz's submitted attempts.

One pass over the responses, with running sums per question, whatever the number of
learners. For each question:

- facility: the mean score, 0 to 1 (the share right, with partial credit);
- discrimination: the mean score of the top 27% of attempts (by total) minus that of the
  bottom 27%, from -1 to 1; a question the strong get right and the weak get wrong is
  near 1, one that misleads the strong is below 0;
- point-biserial: the correlation of the question's score with the rest of the attempt's
  score (the total without this question), so a question does not correlate with itself;
- answers: how often each answer (each option, for select-all kinds) was given, with
  whether it is marked right, most frequent first.
"""

import math
from dataclasses import dataclass, field

from quizapp.domain.kinds import get_kind

GROUP_SHARE = 0.27  # Kelley's upper and lower groups


@dataclass(frozen=True)
class ResponseFact:
    """One scored response: which attempt and question, what was answered and its score."""

    attempt_id: int
    question_id: int
    kind: str
    data: dict
    answer: object
    score: float


@dataclass
class AnswerCount:
    """One answer given, how often, and whether it is marked right."""

    label: str
    count: int = 0
    right: bool = False
    # The lowest score an answer of this group earned: 1 means every one was marked right.
    lowest: float = 1.0


@dataclass
class QuestionStats:
    """The figures for one question."""

    question_id: int
    responses: int = 0
    answered: int = 0
    facility: float | None = None
    discrimination: float | None = None
    point_biserial: float | None = None
    answers: list[AnswerCount] = field(default_factory=list)


@dataclass
class _Sums:
    n: int = 0
    answered: int = 0
    x: float = 0.0
    y: float = 0.0
    xy: float = 0.0
    xx: float = 0.0
    yy: float = 0.0
    upper: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    answers: dict[str, AnswerCount] = field(default_factory=dict)


def groups(totals):
    """Return the attempt ids of the upper and lower groups, by total score."""
    ranked = sorted(totals, key=lambda attempt: (totals[attempt], attempt))
    size = max(1, round(len(ranked) * GROUP_SHARE)) if len(ranked) >= 2 else 0
    return set(ranked[len(ranked) - size:]), set(ranked[:size])


def analyse(totals, facts):
    """Return {question_id: QuestionStats} from attempt totals and response facts.

    `totals` maps each submitted attempt's id to its total score (in marks); `facts` is
    any iterable of ResponseFact, read once.
    """
    upper, lower = groups(totals)
    sums = {}
    for fact in facts:
        item = sums.setdefault(fact.question_id, _Sums())
        _add(item, fact, totals[fact.attempt_id] - fact.score, upper, lower)
    return {question: _finish(question, item) for question, item in sums.items()}


def _add(item, fact, rest, upper, lower):
    """Fold one response into its question's sums."""
    x = fact.score
    item.n += 1
    item.x += x
    item.y += rest
    item.xy += x * rest
    item.xx += x * x
    item.yy += rest * rest
    if fact.attempt_id in upper:
        item.upper.append(x)
    if fact.attempt_id in lower:
        item.lower.append(x)
    if fact.answer is None:
        return
    item.answered += 1
    kind = get_kind(fact.kind)
    right = {key for key, _label in kind.tally(fact.data, kind.key(fact.data))}
    for key, label in kind.tally(fact.data, fact.answer):
        entry = item.answers.setdefault(key, AnswerCount(label=label))
        entry.count += 1
        entry.lowest = min(entry.lowest, x)
        entry.right = entry.right or key in right


def _finish(question_id, item):
    """Turn one question's sums into its figures."""
    stats = QuestionStats(question_id=question_id, responses=item.n, answered=item.answered)
    stats.facility = item.x / item.n
    if item.upper and item.lower:
        stats.discrimination = (sum(item.upper) / len(item.upper)
                                - sum(item.lower) / len(item.lower))
    spread = (item.n * item.xx - item.x ** 2) * (item.n * item.yy - item.y ** 2)
    if spread > 0:
        stats.point_biserial = (item.n * item.xy - item.x * item.y) / math.sqrt(spread)
    for entry in item.answers.values():
        entry.right = entry.right or entry.lowest >= 1
    stats.answers = sorted(item.answers.values(), key=lambda a: (-a.count, a.label))
    return stats
