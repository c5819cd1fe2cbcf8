"""The columns of every score export, and how one record becomes one row.

Records are plain values read from the database by the caller; nothing here queries.
The README's "Exporting scores" section documents each column.
"""

from dataclasses import dataclass
from datetime import datetime

ATTEMPT_COLUMNS = (
    "attempt_id", "quiz", "quiz_code", "learner", "class", "roster_status", "status",
    "score", "max_score", "percent", "started_at", "submitted_at", "time_taken_seconds",
)
RESPONSE_COLUMNS = (
    "attempt_id", "learner", "class", "roster_status", "question_id", "version", "position",
    "kind", "prompt", "given_answer", "correct_answer", "score", "answered_at",
)
GRADEBOOK_COLUMNS = ("learner", "class", "roster_status")
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_COLUMNS = ("Email address", "Full name")
LAYOUTS = ("quizapp", "canvas", "moodle")
# Canvas reads a second row starting with this as each assignment's points possible.
CANVAS_POINTS_ROW = "Points Possible"


@dataclass(frozen=True)
class Learner:
    """Who made an attempt: their name, class and place on its roster ("" with no class)."""

    name: str
    class_name: str = ""
    # "member", "removed" (their attempts stay, marked), or "" for no class.
    roster_status: str = ""
    email: str = ""


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt as the attempts export shows it."""

    public_id: str
    quiz_title: str
    quiz_code: str
    learner: Learner
    score: float | None
    max_score: int
    started_at: datetime
    submitted_at: datetime | None
    deadline: datetime | None
    provisional: bool = False


def percent(score, max_score):
    """Return score as a percentage of max_score, rounded to two places (None if unscored)."""
    if score is None or not max_score:
        return None
    return round(100 * score / max_score, 2)


def attempt_status(record):
    """Name where an attempt stands: in progress, submitted, time ran out, or provisional."""
    if record.submitted_at is None:
        return "in progress"
    if record.deadline is not None and record.submitted_at >= record.deadline:
        status = "time ran out"
    else:
        status = "submitted"
    return f"{status}, marking to do" if record.provisional else status


def attempt_row(record):
    """Return the attempts export's row for one attempt."""
    taken = None
    if record.submitted_at is not None:
        end = min(record.submitted_at, record.deadline or record.submitted_at)
        taken = max(0, round((end - record.started_at).total_seconds()))
    learner = record.learner
    return (record.public_id, record.quiz_title, record.quiz_code, learner.name,
            learner.class_name, learner.roster_status, attempt_status(record), record.score,
            record.max_score, percent(record.score, record.max_score), record.started_at,
            record.submitted_at, taken)


@dataclass(frozen=True)
class ResponseRecord:
    """One answer as the responses export shows it; answers already described as text."""

    attempt_id: str
    learner: Learner
    question_id: str
    version: int
    position: int
    kind: str
    prompt: str
    given: list[str]
    correct: list[str]
    score: float | None
    answered_at: datetime | None


def response_row(record):
    """Return the responses export's row for one answer; lists are joined with " | "."""
    learner = record.learner
    return (record.attempt_id, learner.name, learner.class_name, learner.roster_status,
            record.question_id, record.version, record.position, record.kind, record.prompt,
            " | ".join(record.given), " | ".join(record.correct), record.score,
            record.answered_at)


@dataclass(frozen=True)
class GradebookRow:
    """One learner's counted percent per quiz (None where nothing counts yet)."""

    learner: Learner
    percents: dict[int, float | None]


def gradebook_header(quizzes, layout="quizapp"):
    """Return the gradebook's header for `quizzes` [(id, title)] in `layout`."""
    titles = [title for _id, title in quizzes]
    if layout == "canvas":
        return (*CANVAS_COLUMNS, *titles)
    if layout == "moodle":
        return (*MOODLE_COLUMNS, *titles)
    if layout == "quizapp":
        return (*GRADEBOOK_COLUMNS, *titles)
    raise ValueError(f"unknown layout {layout!r}: use one of {', '.join(LAYOUTS)}")


def gradebook_rows(quizzes, rows, layout="quizapp"):
    """Yield the gradebook's rows (after the header) for `rows` of GradebookRow.

    Canvas gets its "Points Possible" row first, 100 for every quiz, as grades are
    percentages; a Canvas ID or SIS id is not known to Quizapp, so those cells stay
    empty and the email (when the learner has an account) fills "SIS Login ID".
    """
    ids = [quiz_id for quiz_id, _title in quizzes]
    if layout == "canvas":
        yield (CANVAS_POINTS_ROW, "", "", "", "", *[100] * len(ids))
    for row in rows:
        cells = [row.percents.get(quiz_id) for quiz_id in ids]
        learner = row.learner
        if layout == "canvas":
            yield (learner.name, "", "", learner.email, learner.class_name, *cells)
        elif layout == "moodle":
            yield (learner.email, learner.name, *cells)
        else:
            yield (learner.name, learner.class_name, learner.roster_status, *cells)
