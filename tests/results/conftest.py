"""A teacher's quiz over the test bank, and learners who take it."""

import pytest
import sqlalchemy as sa

from quizapp.bank.models import QuestionSet
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from tests.factories import log_in, make_question, make_quiz
from tests.play.helpers import answer_all, start, submit


@pytest.fixture
def teacher(make_user):
    """Return a teacher account."""
    return make_user(email="ada@example.org", name="Ada")


@pytest.fixture
def quiz(bank_writer, teacher):
    """Return the test quiz, owned by the teacher, over a set they own."""
    questions = [make_question(kind) for kind in
                 ("single_choice", "short_answer", "multiple_response", "numeric")]
    bank_writer.load(questions=questions, quizzes=[make_quiz(shuffle_choices=False)])
    quiz = db.session.scalar(sa.select(Quiz))
    quiz.owner_id, quiz.bundled, quiz.listed = teacher.id, False, False
    question_set = db.session.scalar(sa.select(QuestionSet))
    question_set.owner_id, question_set.bundled = teacher.id, False
    db.session.commit()
    return quiz


@pytest.fixture
def teacher_client(app, teacher):
    """Return a client logged in as the teacher."""
    client = app.test_client()
    assert log_in(client).status_code == 302
    return client


def take(app, name, answers):
    """Have a new learner take the test quiz: `answers` maps kind to the form fields.

    The learner posts without CSRF tokens (a live server for a browser test turns CSRF on).
    """
    csrf = app.config["WTF_CSRF_ENABLED"]
    app.config["WTF_CSRF_ENABLED"] = False
    try:
        client = app.test_client()
        attempt = start(client, name=name)
        answer_all(client, attempt, lambda response: answers[response.question_version.kind])
        assert submit(client, attempt).status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = csrf
    return attempt


RIGHT = {"single_choice": {"answer": "Ada Lovelace"}, "short_answer": {"answer": "Ottawa"},
         "multiple_response": {"answer": ["3", "12"]}, "numeric": {"answer": "12"}}
WRONG = {"single_choice": {"answer": "Grace Hopper"},
         "short_answer": {"answer": "the capital"},
         "multiple_response": {"answer": ["3", "7"]}, "numeric": {"answer": "40"}}
