"""A teacher marks the essays of a handed-in attempt; the score stops being provisional."""

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from quizapp.quizzes.models import Quiz
from tests.factories import log_in, make_question, make_quiz
from tests.play.helpers import question_url, start, submit


def _handed_in(app, bank_writer, make_user):
    """Return (teacher's client, attempt) for a handed-in essay at the teacher's quiz."""
    bank_writer.load(questions=[make_question("essay"), make_question("true_false")],
                     quizzes=[make_quiz()])
    teacher = make_user(email="ada@example.org")
    db.session.execute(sa.update(Quiz).values(owner_id=teacher.id))
    db.session.commit()
    learner = app.test_client()
    attempt = start(learner)
    learner.post(question_url(attempt, 1), data={"answer": "Because of allies.", "go": "next"})
    learner.post(question_url(attempt, 2), data={"answer": "false", "go": "review"})
    submit(learner, attempt)
    client = app.test_client()
    log_in(client, "ada@example.org")
    return client, attempt


def test_a_teacher_marks_an_essay_and_the_score_is_final(app, bank_writer, make_user):
    """The page shows the essay and the marker's note; a mark updates the attempt."""
    client, attempt = _handed_in(app, bank_writer, make_user)
    url = f"/teach/attempts/{attempt.public_id}/marking"
    page = client.get(url).get_data(as_text=True)
    assert "Because of allies." in page and "Look for the pressure from allies." in page
    assert "(provisional: 1 to mark)" in page and "Not marked yet." in page
    response = client.post(url, data={"position": "1", "mark": "0.5"})
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Attempt, attempt.id)
    assert (stored.score, stored.unmarked) == (1.5, 0)
    assert "Question 1 is marked." in client.get(url).get_data(as_text=True)


def test_a_bad_mark_is_refused_beside_the_field_and_changes_nothing(app, bank_writer,
                                                                      make_user):
    """A mark outside 0..1, or for an automatic question, changes nothing."""
    client, attempt = _handed_in(app, bank_writer, make_user)
    url = f"/teach/attempts/{attempt.public_id}/marking"
    for data in ({"position": "1", "mark": "2"}, {"position": "1", "mark": "lots"},
                 {"position": "2", "mark": "1"}):
        response = client.post(url, data=data)
        assert response.status_code == 400
    assert "Give a mark from 0 to 1." in client.post(url, data={"position": "1", "mark": "2"})\
        .get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Attempt, attempt.id).unmarked == 1
    assert db.session.scalar(sa.select(Response.score).where(Response.position == 1)) is None
