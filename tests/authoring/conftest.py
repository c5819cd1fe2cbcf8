"""Fixtures of the editor tests: a logged-in teacher with a set of their own."""

from dataclasses import dataclass

import pytest

from quizapp.bank.models import QuestionSet
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
