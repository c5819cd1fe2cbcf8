"""Fixtures of the question-set tests: a teacher, logged in, and a copy of a bundled set."""

import pytest
import sqlalchemy as sa

from quizapp.authoring.set_services import duplicate_set
from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion
from quizapp.extensions import db
from tests.factories import log_in


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
