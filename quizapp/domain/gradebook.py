"""A class's gradebook from plain rows: learners by quizzes, each cell the counted percent."""

from dataclasses import dataclass

from quizapp.domain.grading import counted_score


@dataclass(frozen=True)
class EntryRow:
    """A roster entry: who, whether removed, and the entry it was merged into, if any."""

    id: int
    name: str
    removed: bool = False
    merged_into: int | None = None


@dataclass(frozen=True)
class QuizColumn:
    """An assigned quiz and its rule for which attempt counts."""

    id: int
    title: str
    grading: str = "best"


@dataclass(frozen=True)
class AttemptRow:
    """A submitted attempt: whose entry, which quiz, its percent and when it was handed in."""

    entry_id: int
    quiz_id: int
    percent: float
    submitted_at: object


@dataclass(frozen=True)
class GradebookRow:
    """One learner's line: their entry, name, removed flag and a percent (or None) per quiz."""

    entry_id: int
    name: str
    removed: bool
    cells: tuple


def percent(score, max_score):
    """Return `score` out of `max_score` as a percentage (0 when there was nothing to score)."""
    return 100.0 * score / max_score if max_score else 0.0


def root_of(entry_id, merged_into):
    """Follow `merged_into` (entry id -> entry id) from `entry_id` to the entry that stays."""
    seen = set()
    while merged_into.get(entry_id) is not None and entry_id not in seen:
        seen.add(entry_id)
        entry_id = merged_into[entry_id]
    return entry_id


def build_gradebook(entries, quizzes, attempts):
    """Return a GradebookRow per entry still standing, by name, folding merged entries in.

    Each cell is the counted percent of that learner's attempts at that quiz under the
    quiz's grading rule (attempts taken oldest first), or None when they handed none in.
    """
    merged_into = {e.id: e.merged_into for e in entries}
    collected = {}
    for attempt in sorted(attempts, key=lambda a: a.submitted_at):
        key = (root_of(attempt.entry_id, merged_into), attempt.quiz_id)
        collected.setdefault(key, []).append(attempt.percent)
    rows = []
    for entry in entries:
        if entry.merged_into is not None:
            continue
        cells = tuple(counted_score(collected.get((entry.id, quiz.id), []), quiz.grading)
                      for quiz in quizzes)
        rows.append(GradebookRow(entry.id, entry.name, entry.removed, cells))
    return sorted(rows, key=lambda row: (row.removed, row.name.casefold(), row.entry_id))
