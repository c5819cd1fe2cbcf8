"""Reading a quiz's results: attempts, item analysis and exports, with constant queries.

Exports are generators over rows streamed from the database (`yield_per`), so memory
stays flat whatever the number of attempts.
"""

import json
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from quizapp.auth.models import User
from quizapp.bank.models import Evidence, Question, QuestionVersion
from quizapp.classes import services as classes
from quizapp.classes.models import RosterEntry, SchoolClass
from quizapp.domain import scoresheets
from quizapp.domain.grading import counted_score
from quizapp.domain.itemanalysis import ResponseFact, analyse
from quizapp.domain.kinds import get_kind
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response

STREAM_ROWS = 1000  # rows fetched at a time while an export streams
DESCRIBED_CACHE = 50_000  # answers described and kept while a responses export streams

_entry = aliased(RosterEntry, name="entry")
_target = aliased(RosterEntry, name="merged_into")
LEARNER_COLUMNS = (Attempt.display_name, _entry.display_name.label("entry_name"),
                   _target.display_name.label("target_name"), _entry.removed_at,
                   SchoolClass.name.label("class_name"), User.email)


def _with_learner(statement):
    """Join what names an attempt's learner: roster entry (or the one it merged into), class."""
    return (statement
            .outerjoin(_entry, _entry.id == Attempt.roster_entry_id)
            .outerjoin(_target, _target.id == _entry.merged_into_id)
            .outerjoin(SchoolClass, SchoolClass.id == _entry.class_id)
            .outerjoin(User, User.id == sa.func.coalesce(_target.user_id, _entry.user_id)))


def _learner(row):
    """Return the Learner a row of LEARNER_COLUMNS names."""
    if row.entry_name is None:
        return scoresheets.Learner(name=row.display_name)
    status = "removed" if row.removed_at is not None else "member"
    return scoresheets.Learner(name=row.target_name or row.entry_name,
                               class_name=row.class_name or "", roster_status=status,
                               email=row.email or "")


def _attempts_statement(quiz):
    return _with_learner(
        sa.select(Attempt.id, Attempt.public_id, Attempt.score, Attempt.max_score,
                  Attempt.started_at, Attempt.submitted_at, Attempt.deadline, Attempt.unmarked,
                  Attempt.learner_key, sa.func.coalesce(_target.id, _entry.id).label("entry_id"),
                  *LEARNER_COLUMNS)
    ).where(Attempt.quiz_id == quiz.id).order_by(Attempt.started_at, Attempt.id)


def _attempt_record(quiz, row):
    return scoresheets.AttemptRecord(
        public_id=row.public_id, quiz_title=quiz.title, quiz_code=quiz.join_code,
        learner=_learner(row), score=row.score, max_score=row.max_score,
        started_at=row.started_at, submitted_at=row.submitted_at, deadline=row.deadline,
        provisional=bool(row.unmarked))


def attempt_records(quiz, stream=False):
    """Yield every attempt at `quiz` as an AttemptRecord, oldest first."""
    statement = _attempts_statement(quiz)
    if stream:
        statement = statement.execution_options(yield_per=STREAM_ROWS)
    for row in db.session.execute(statement):
        yield _attempt_record(quiz, row)


def attempt_rows(quiz):
    """Yield the attempts export's rows."""
    for record in attempt_records(quiz, stream=True):
        yield scoresheets.attempt_row(record)


def _versions_used(quiz):
    """Return {version id: version} of every question version the quiz's attempts drew."""
    used = (sa.select(Response.question_version_id).join(Attempt)
            .where(Attempt.quiz_id == quiz.id).distinct())
    versions = db.session.scalars(
        sa.select(QuestionVersion).where(QuestionVersion.id.in_(used))
        .options(selectinload(QuestionVersion.question))).all()
    return {version.id: version for version in versions}


@dataclass(frozen=True)
class _Asked:
    """What every answer to one question version shares in the responses export."""

    kind: object
    data: dict
    question_id: str
    number: int
    prompt: str
    correct: list


def response_rows(quiz):
    """Yield the responses export's rows: one per answer, in attempt and question order."""
    asked = {}
    for vid, version in _versions_used(quiz).items():
        kind = get_kind(version.kind)
        asked[vid] = _Asked(kind, version.data, version.question.slug, version.number,
                            version.prompt, kind.describe(version.data, kind.key(version.data)))
    # The answer as the database holds its JSON: equal texts are described once, unparsed.
    answer_text = sa.cast(Response.answer, sa.Text).label("answer_text")
    statement = _with_learner(
        sa.select(Attempt.public_id, Response.position, answer_text, Response.score,
                  Response.answered_at, Response.question_version_id, *LEARNER_COLUMNS)
        .join(Response, Response.attempt_id == Attempt.id)
    ).where(Attempt.quiz_id == quiz.id).order_by(Attempt.started_at, Attempt.id,
                                                 Response.position)
    described = {}  # the same answers recur across a class: describe each once
    learner = None
    for row in db.session.execute(statement.execution_options(yield_per=STREAM_ROWS)):
        question = asked[row.question_version_id]
        given = (row.question_version_id, row.answer_text)
        if given not in described:
            if len(described) > DESCRIBED_CACHE:
                described.clear()
            answer = None if row.answer_text is None else json.loads(row.answer_text)
            described[given] = question.kind.describe(question.data, answer)
        if learner is None or learner[0] != row.public_id:
            learner = (row.public_id, _learner(row))
        yield scoresheets.response_row(scoresheets.ResponseRecord(
            attempt_id=row.public_id, learner=learner[1], question_id=question.question_id,
            version=question.number, position=row.position, kind=question.kind.name,
            prompt=question.prompt, given=described[given], correct=question.correct,
            score=row.score, answered_at=row.answered_at))


def quiz_gradebook(quiz):
    """Return GradebookRows for one quiz: each learner's counted percent per its rule.

    A learner is their roster entry (merged entries folded into the one they joined) or,
    outside a class, their browser's learner key.
    """
    learners, percents = {}, {}
    for row in db.session.execute(_attempts_statement(quiz)):
        who = ("entry", row.entry_id) if row.entry_id is not None else ("key", row.learner_key)
        learners[who] = _learner(row)
        percent = scoresheets.percent(row.score, row.max_score)
        if row.submitted_at is not None and percent is not None:
            percents.setdefault(who, []).append(percent)
        else:
            percents.setdefault(who, [])
    return [scoresheets.GradebookRow(learner=learners[who], percents={
                quiz.id: counted_score(percents[who], quiz.grading)})
            for who in sorted(learners, key=lambda w: learners[w].name.casefold())]


def item_analysis(quiz):
    """Return (stats by question id, current version by question id) over submitted attempts."""
    submitted = (Attempt.quiz_id == quiz.id, Attempt.submitted_at.is_not(None))
    totals = dict(db.session.execute(
        sa.select(Attempt.id, Attempt.score).where(*submitted)).all())
    versions = _versions_used(quiz)
    rows = db.session.execute(
        sa.select(Response.attempt_id, Response.question_version_id, Response.answer,
                  Response.score).join(Attempt).where(*submitted, Response.score.is_not(None))
        .execution_options(yield_per=STREAM_ROWS))
    facts = (ResponseFact(attempt_id=r.attempt_id,
                          question_id=versions[r.question_version_id].question_id,
                          kind=versions[r.question_version_id].kind,
                          data=versions[r.question_version_id].data,
                          answer=r.answer, score=r.score) for r in rows)
    stats = analyse({attempt: score or 0 for attempt, score in totals.items()}, facts)
    questions = db.session.scalars(
        sa.select(Question).where(Question.id.in_(stats))
        .options(selectinload(Question.current_version), selectinload(Question.question_set))
    ).all()
    return stats, {question.id: question for question in questions}


def attempt_for_teacher(quiz, public_id):
    """Return the quiz's attempt with this public id and its responses loaded, or None."""
    return db.session.scalar(
        sa.select(Attempt).where(Attempt.quiz_id == quiz.id, Attempt.public_id == public_id)
        .options(selectinload(Attempt.responses).selectinload(Response.question_version)
                 .selectinload(QuestionVersion.evidence).selectinload(Evidence.source)))


def distribution(percents, bins=10):
    """Return how many percents fall in each tenth: [("0–9", count), ...], 100 in the last."""
    counts = [0] * bins
    width = 100 / bins
    for value in percents:
        counts[min(bins - 1, int(value // width))] += 1
    labels = [f"{round(i * width)}–{round((i + 1) * width) - (1 if i < bins - 1 else 0)}"
              for i in range(bins)]
    return list(zip(labels, counts, strict=True))


def quiz_question_or_none(quiz, question_id):
    """Return the question if the quiz's attempts drew it, else None."""
    drawn = (sa.select(QuestionVersion.question_id)
             .join(Response, Response.question_version_id == QuestionVersion.id)
             .join(Attempt).where(Attempt.quiz_id == quiz.id))
    return db.session.scalar(
        sa.select(Question).where(Question.id == question_id, Question.id.in_(drawn))
        .options(selectinload(Question.current_version).selectinload(QuestionVersion.evidence)
                 .selectinload(Evidence.source), selectinload(Question.question_set)))


def export_table(quiz, table, layout="quizapp"):
    """Return (header, rows) of one export of `quiz`; rows is a generator."""
    if table == "attempts":
        return scoresheets.ATTEMPT_COLUMNS, attempt_rows(quiz)
    if table == "responses":
        return scoresheets.RESPONSE_COLUMNS, response_rows(quiz)
    quizzes = [(quiz.id, quiz.title)]
    return (scoresheets.gradebook_header(quizzes, layout),
            scoresheets.gradebook_rows(quizzes, quiz_gradebook(quiz), layout))


def class_gradebook_table(school_class, layout="quizapp"):
    """Return (header, rows) of a class's gradebook: learners by its assigned quizzes."""
    quizzes, rows = classes.gradebook(school_class)
    columns = [(quiz.id, quiz.title) for quiz in quizzes]
    ids = [quiz.id for quiz in quizzes]
    sheet = (scoresheets.GradebookRow(
        learner=scoresheets.Learner(name=row.name, class_name=school_class.name,
                                    roster_status="removed" if row.removed else "member"),
        percents=dict(zip(ids, row.cells, strict=True))) for row in rows)
    return (scoresheets.gradebook_header(columns, layout),
            scoresheets.gradebook_rows(columns, sheet, layout))
