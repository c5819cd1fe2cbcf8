"""What the question page and the answer save read: one plain query into plain objects.

These two run on every learner request. Loading four ORM objects per request cost more
than the page's query itself; the rows are read with one Core statement instead, into
the small read-only views below, which carry what the page, the save and the redirect
use. The rare paths that need the ORM (handing in a timed-out attempt, feedback with its
evidence) load it themselves (see `orm_attempt` and `orm_response`).
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.functions import FunctionElement

from quizapp.bank.models import QuestionVersion
from quizapp.domain.kinds import get_kind
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from quizapp.quizzes.models import Quiz

_attempts, _responses = Attempt.__table__, Response.__table__
_quizzes, _versions = Quiz.__table__, QuestionVersion.__table__
_step = _responses.alias("step")


class _CommaJoined(FunctionElement):
    """Its strings joined with commas: SQLAlchemy's aggregate_strings, with the comma
    written into the statement once. aggregate_strings sends the separator as a value
    rendered into the SQL at every execution: a text substitution on every page."""

    type = sa.String()
    inherit_cache = True


@compiles(_CommaJoined)
def _comma_joined_sqlite(element, compiler, **kw):
    return f"group_concat({compiler.process(element.clauses, **kw)}, ',')"


@compiles(_CommaJoined, "postgresql")
def _comma_joined_postgresql(element, compiler, **kw):
    return f"string_agg({compiler.process(element.clauses, **kw)}, ',')"


# Every page of the attempt as "position:answered:kind", in any order: the progress links
# and the page count, read with the response rather than by a second query.
_STEPS = (
    sa.select(_CommaJoined(
        sa.cast(_step.c.position, sa.String)
        + sa.case((_step.c.answered_at.is_(None), sa.literal_column("':0:'")),
                  else_=sa.literal_column("':1:'"))
        + _versions.c.kind))
    .select_from(_step.join(_versions, _versions.c.id == _step.c.question_version_id))
    .where(_step.c.attempt_id == _attempts.c.id)
    .scalar_subquery()
)
# How many pages the attempt has: all that a save needs of its steps (is this the last?).
_PAGE_COUNT = (sa.select(sa.func.count()).select_from(_step)
               .where(_step.c.attempt_id == _attempts.c.id).scalar_subquery())
# What both read of the response, its attempt, quiz and version.
_FIELDS = (
    _responses.c.id, _responses.c.position, _responses.c.layout, _responses.c.answer,
    _responses.c.answered_at, _responses.c.locked, _responses.c.score,
    _attempts.c.id.label("attempt_id"), _attempts.c.public_id, _attempts.c.feedback,
    _attempts.c.deadline, _attempts.c.submitted_at,
    _quizzes.c.title, _quizzes.c.closes_at,
    _versions.c.id.label("version_id"), _versions.c.question_id, _versions.c.kind,
    _versions.c.prompt, _versions.c.data,
)
_JOINS = (_responses
          .join(_attempts, _attempts.c.id == _responses.c.attempt_id)
          .join(_quizzes, _quizzes.c.id == _attempts.c.quiz_id)
          .join(_versions, _versions.c.id == _responses.c.question_version_id))
_WHERE = (_attempts.c.public_id == sa.bindparam("public_id"),
          _attempts.c.learner_key == sa.bindparam("learner_key"),
          _responses.c.position == sa.bindparam("position"))
# Built once: building a statement costs more than the database takes to run it.
_PAGE = sa.select(*_FIELDS, _STEPS.label("steps")).select_from(_JOINS).where(*_WHERE)
# A save's read: only an attempt not handed in, and only how many pages it has. On
# PostgreSQL the attempt's and the response's rows stay locked until the commit, and a read
# that waited for them sees what the other transaction committed (SQLite has no FOR UPDATE:
# see _take_sqlite_write_lock).
_PAGE_HELD = (sa.select(*_FIELDS, _PAGE_COUNT.label("pages")).select_from(_JOINS)
              .where(*_WHERE, _attempts.c.submitted_at.is_(None))
              .with_for_update(of=[_attempts, _responses]))


@dataclass(slots=True)
class QuizView:
    """What a question page shows of its quiz."""

    title: str
    closes_at: datetime | None


@dataclass(slots=True)
class AttemptView:
    """What a question page and a save use of the attempt."""

    id: int
    public_id: str
    feedback: str
    deadline: datetime | None
    submitted_at: datetime | None
    quiz: QuizView

    # The model's own rules, read from the same fields.
    hand_in_by = property(Attempt.hand_in_by.fget)
    submitted = property(Attempt.submitted.fget)


@dataclass(slots=True)
class VersionView:
    """The question version a response asks."""

    id: int
    question_id: int
    kind: str
    prompt: str
    data: dict[str, Any]


@dataclass(slots=True)
class ResponseView:
    """One response of the attempt, as the page shows it and the save changes it."""

    id: int
    position: int
    layout: dict[str, Any]
    answer: Any
    answered_at: datetime | None
    locked: bool
    score: float | None
    attempt: AttemptView
    question_version: VersionView


class AttemptPage(NamedTuple):
    """A response with its attempt, quiz and version, and the attempt's steps."""

    response: ResponseView
    # How many pages the attempt has.
    pages: int
    # (position, answered, takes an answer) for every page of the attempt, in order; None
    # when read for a save, which needs only how many there are.
    steps: list[tuple[int, bool, bool]] | None


def read_page(public_id, learner_key, position):
    """Return the learner's response at `position` as an AttemptPage, in one query.

    None when the attempt is not this learner's or has no such position (ask
    `services.get_attempt` which). The page is read on its own (see `_reading`).
    """
    with _reading() as connection:
        row = connection.execute(_PAGE, _params(public_id, learner_key, position)).one_or_none()
    return _page(row)


def read_page_to_save(public_id, learner_key, position):
    """Return the page as `read_page` does but without its steps, held for a save; None
    when handed in meanwhile.

    Saving and submitting both hold the attempt's row until they commit, so a save either
    goes before the submit, which then counts it, or finds the attempt handed in; and what
    it read no other save changes before it commits. PostgreSQL holds the rows its read
    locks; SQLite holds its one write lock from the start of the transaction. None also
    when the attempt is not this learner's or has no such position (ask
    `services.get_attempt` which).
    """
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        _take_sqlite_write_lock(connection)
    row = connection.execute(
        _PAGE_HELD, _params(public_id, learner_key, position)).one_or_none()
    if row is None:
        # Handed in meanwhile, perhaps: what the session loaded of the attempt is out of date.
        db.session.expire_all()
    return _page(row, held=True)


def _take_sqlite_write_lock(connection):
    """Begin the transaction with SQLite's write lock, unless it holds the lock already.

    SQLite has no FOR UPDATE; a transaction holding its write lock is the only writer until
    it commits, and what it reads then is what it changes. Python's sqlite3 begins a
    transaction only before a write, which takes the lock: one already begun holds it.
    """
    if not connection.connection.driver_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _params(public_id, learner_key, position):
    """Return the parameters of _PAGE."""
    return {"public_id": public_id, "learner_key": learner_key, "position": position}


def _page(row, held=False):
    """Return the AttemptPage a row of _PAGE (or, `held`, _PAGE_HELD) describes, or None
    for no row."""
    if row is None:
        return None
    attempt = AttemptView(row.attempt_id, row.public_id, row.feedback, row.deadline,
                          row.submitted_at, QuizView(row.title, row.closes_at))
    version = VersionView(row.version_id, row.question_id, row.kind, row.prompt, row.data)
    response = ResponseView(row.id, row.position, row.layout, row.answer, row.answered_at,
                            bool(row.locked), row.score, attempt, version)
    if held:
        return AttemptPage(response, row.pages, None)
    steps = _parse_steps(row.steps)
    return AttemptPage(response, len(steps), steps)


@contextmanager
def _reading():
    """Yield a connection for one statement that writes nothing, outside any transaction.

    psycopg opens a transaction for a read, so the read would cost BEGIN and ROLLBACK, two
    round trips more than the statement; and its rollback forgets every prepared statement,
    so PostgreSQL would plan the page's query afresh on every request. In autocommit the
    statement is all that is sent, and it stays prepared. SQLite's driver begins nothing
    for a read, and switching it to autocommit and back would cost it a statement: its
    connection reads as it is.
    """
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            yield connection
        else:
            yield connection.execution_options(isolation_level="AUTOCOMMIT")


def _parse_steps(text):
    """Return the steps written by _STEPS, in order of position."""
    takes = _TAKES_ANSWER
    items = (item.split(":", 2) for item in text.split(","))
    return sorted((int(position), answered == "1", takes[kind])
                  for position, answered, kind in items)


class _TakesAnswer(dict):
    """Whether a kind takes an answer, looked up once per kind."""

    def __missing__(self, kind):
        takes = self[kind] = get_kind(kind).takes_answer
        return takes


_TAKES_ANSWER = _TakesAnswer()


def orm_attempt(attempt):
    """Return the attempt as its ORM object (with its quiz), loading it when it is a view."""
    if isinstance(attempt, Attempt):
        return attempt
    return db.session.get(Attempt, attempt.id, options=[joinedload(Attempt.quiz)])


def orm_response(response):
    """Return the response as its ORM object, loading it when it is a view."""
    if isinstance(response, Response):
        return response
    return db.session.get(Response, response.id,
                          options=[joinedload(Response.question_version)])
