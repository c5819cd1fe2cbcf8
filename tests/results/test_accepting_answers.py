"""A fair answer the key rejected is accepted: a new version, rescored attempts, a record."""

import sqlalchemy as sa

from quizapp.bank.models import Question, QuestionSet, QuestionVersion
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from quizapp.results.models import AnswerAcceptance, ScoreChange
from tests.play.helpers import question_url, start
from tests.results.conftest import RIGHT, WRONG, take

ACCEPT = "/teach/quizzes/{quiz}/items/{question}/accept"


def short_question():
    return db.session.scalar(sa.select(Question).where(Question.slug == "test-short-answer"))


def counts():
    """Return how many rows the tables acceptance writes to hold."""
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (QuestionVersion, AnswerAcceptance, ScoreChange))


def test_accepting_rescores_every_attempt_and_records_it(app, quiz, teacher_client, teacher):
    """Two learners typed "the capital"; accepting it lifts both scores by one mark."""
    cal, dan = take(app, "Cal", WRONG), take(app, "Dan", WRONG)
    bea = take(app, "Bea", RIGHT)
    question = short_question()
    old_version = question.current_version_id
    response = teacher_client.post(ACCEPT.format(quiz=quiz.id, question=question.id),
                                   data={"answer": "the capital"})
    assert response.status_code == 302
    db.session.expire_all()
    scores = {a.display_name: a.score for a in db.session.scalars(sa.select(Attempt))}
    assert scores == {"Cal": 1, "Dan": 1, "Bea": 4}
    question = short_question()
    assert question.current_version.number == 2
    assert question.current_version.data["accepted"] == ["Ottawa", "the capital"]
    acceptance = db.session.scalar(sa.select(AnswerAcceptance))
    assert (acceptance.answer, acceptance.rescored, acceptance.accepted_by_id) == (
        "the capital", 2, teacher.id)
    assert acceptance.from_version_id == old_version
    assert sorted((c.old_score, c.new_score) for c in acceptance.changes) == [(0, 1), (0, 1)]
    # The attempts keep the version their learners saw.
    for attempt in (cal, dan, bea):
        versions = db.session.scalars(sa.select(Response.question_version_id).where(
            Response.attempt_id == attempt.id)).all()
        assert old_version in versions
    page = teacher_client.get(f"/teach/quizzes/{quiz.id}/items").get_data(as_text=True)
    assert "is now accepted; 2 answers were rescored." in page


def test_an_attempt_in_progress_is_scored_with_the_accepted_answer(app, quiz, teacher_client):
    """An attempt still open when the answer is accepted counts it when handed in."""
    take(app, "Cal", WRONG)
    client = app.test_client()
    attempt = start(client, name="Eve")
    teacher_client.post(ACCEPT.format(quiz=quiz.id, question=short_question().id),
                        data={"answer": "the capital"})
    db.session.expire_all()
    for response in attempt.responses:
        form = WRONG[response.question_version.kind]
        client.post(question_url(attempt, response.position), data={**form, "go": "next"})
    client.post(f"/attempt/{attempt.public_id}/review")
    db.session.expire_all()
    assert db.session.get(Attempt, attempt.id).score == 1


def test_an_answer_the_key_already_accepts_changes_nothing(app, quiz, teacher_client):
    """Accepting "ottawa" again is refused with a message; no version, no record."""
    take(app, "Bea", RIGHT)
    before = counts()
    response = teacher_client.post(ACCEPT.format(quiz=quiz.id, question=short_question().id),
                                   data={"answer": "ottawa"}, follow_redirects=True)
    assert "cannot be added" in response.get_data(as_text=True)
    assert counts() == before


def test_a_question_of_a_bundled_set_cannot_be_changed(app, quiz, teacher_client):
    """Bundled questions change only through their files: 403, nothing changed."""
    take(app, "Cal", WRONG)
    question_set = db.session.scalar(sa.select(QuestionSet))
    question_set.owner_id, question_set.bundled = None, True
    db.session.commit()
    before = counts()
    response = teacher_client.post(ACCEPT.format(quiz=quiz.id, question=short_question().id),
                                   data={"answer": "the capital"})
    assert response.status_code == 403 and counts() == before


def test_a_question_the_quiz_never_drew_is_not_found(app, quiz, teacher_client):
    """Before anyone drew it, a question id is a 404 here."""
    before = counts()
    response = teacher_client.post(ACCEPT.format(quiz=quiz.id, question=short_question().id),
                                   data={"answer": "the capital"})
    assert response.status_code == 404 and counts() == before


def test_an_empty_or_overlong_answer_is_refused(app, quiz, teacher_client):
    """A forged form with no answer, or a novel, is a 400 and changes nothing."""
    take(app, "Cal", WRONG)
    before = counts()
    for answer in ("", "x" * 201):
        response = teacher_client.post(
            ACCEPT.format(quiz=quiz.id, question=short_question().id), data={"answer": answer})
        assert response.status_code == 400
    assert counts() == before


def test_a_forged_accept_without_csrf_token_is_refused(app, quiz, teacher_client):
    """With CSRF on, a POST without the token changes nothing."""
    take(app, "Cal", WRONG)
    app.config["WTF_CSRF_ENABLED"] = True
    before = counts()
    response = teacher_client.post(ACCEPT.format(quiz=quiz.id, question=short_question().id),
                                   data={"answer": "the capital"})
    assert response.status_code == 400 and counts() == before
