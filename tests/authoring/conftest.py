"""Fixtures of the authoring tests: a logged-in teacher with a set of their own (the
editor's `desk`), and a teacher with a copy of a bundled set (the set pages')."""

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from quizapp.authoring.set_services import duplicate_set
from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion
from quizapp.extensions import db
from tests.authoring.helpers import TEACHER, bundled_source_id, make_teacher_set
from tests.factories import log_in


@dataclass
class Desk:
    """What a teacher works with: their set, the bundled test source, their client."""

    client: object
    user: object
    question_set: QuestionSet
    source_id: int

    def new_url(self, kind=None, set_id=None):
        """Return the URL of a new question's editor."""
        url = f"/teach/sets/{set_id or self.question_set.id}/questions/new"
        return url if kind is None else f"{url}?kind={kind}"

    def edit_url(self, question):
        """Return the URL of a question's editor."""
        return f"/teach/sets/{question.set_id}/questions/{question.id}/edit"


@pytest.fixture
def desk(app, client, bank_writer, make_user):
    """Load the test bank, log a teacher in and give them a set."""
    bank_writer.load(quizzes=[])
    user = make_user(email=TEACHER, name="Owner")
    assert log_in(client, email=TEACHER).status_code == 302
    return Desk(client, user, make_teacher_set(user.id), bundled_source_id())


@pytest.fixture
def teacher(make_user):
    """Return a teacher account."""
    return make_user(email="ada@example.org", name="Ada")


@pytest.fixture
def teacher_client(client, teacher):
    """Return a client logged in as the teacher."""
    assert log_in(client, "ada@example.org").status_code == 302
    return client


@pytest.fixture
def test_set(bank_writer):
    """Load the small test bank (one set of every kind) and return its set."""
    bank_writer.load()
    return set_by_slug("test-set")


@pytest.fixture
def own_set(test_set, teacher):
    """Return the teacher's own copy of the test set."""
    copy = duplicate_set(test_set, teacher)
    db.session.commit()
    return copy


def set_by_slug(slug):
    """Return the set called `slug`."""
    return db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == slug))


def snapshot():
    """Return every set, question, version and evidence row, to prove nothing changed."""
    db.session.expire_all()
    tables = (QuestionSet, Question, QuestionVersion, Evidence)
    return {model.__name__: sorted(
        tuple(sorted((column.name, repr(getattr(row, column.key)))
                     for column in model.__table__.columns))
        for row in db.session.scalars(sa.select(model)))
        for model in tables}
