"""Changing a quiz never changes attempts already made: their questions, order, deadline
and feedback rule are the ones they started with."""

import re
from datetime import timedelta

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.play.models import Attempt
from quizapp.quizzes.models import Quiz
from quizapp.timeutil import utcnow
from tests.play.helpers import answer_all, question_url, start, submit
from tests.quizzes.helpers import bundled_set, own_set, quiz_form


def _snapshot(attempt):
    """Return what an attempt drew and was promised."""
    db.session.expire_all()
    return (attempt.max_score, attempt.deadline, attempt.feedback,
            [(r.position, r.question_version_id, r.layout) for r in attempt.responses])


def _results(page):
    """Return the score and the reviews of a result page."""
    return re.search(r'<section class="card score-card".*?</ol>', page, re.S).group(0)


def _build(teacher, **settings):
    teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set(), **settings))
    return db.session.scalar(sa.select(Quiz).where(Quiz.bundled.is_(False)))


def test_an_edit_mid_attempt_and_after_submission_leaves_the_attempt_as_it_was(
        teacher, teachers, app):
    """Sets, count, shuffling, time limit, attempts and feedback rule all change; the
    attempt keeps its questions, order, deadline and rule, and its result page."""
    quiz = _build(teacher, question_count="5", time_limit_minutes="30", attempts_allowed="3")
    learner = app.test_client()
    attempt = start(learner, quiz=quiz.slug)
    before = _snapshot(attempt)
    mine = own_set(teachers.me.id, title="Other questions")
    later = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    edited = teacher.post(f"/teach/quizzes/{quiz.id}/edit", data=quiz_form(
        mine, question_count="2", time_limit_minutes="1", attempts_allowed="1",
        feedback="immediate", shuffle_questions=None, shuffle_choices=None, closes_at=later))
    assert edited.status_code == 302
    assert _snapshot(attempt) == before

    # Under the attempt's own rule (after submission), an answer is neither locked nor
    # followed by its feedback, though the quiz now gives feedback at once.
    answer_all(learner, attempt)
    db.session.expire_all()
    assert not any(r.locked for r in attempt.responses)
    page = learner.get(question_url(attempt, 1)).get_data(as_text=True)
    assert 'id="feedback"' not in page
    submit(learner, attempt)
    result = learner.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "out of 5" in result

    teacher.post(f"/teach/quizzes/{quiz.id}/edit", data=quiz_form(
        bundled_set(), question_count="3", feedback="after_submit", title="Renamed"))
    assert _snapshot(attempt) == before
    again = learner.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert _results(again) == _results(result)


def test_an_attempt_handed_in_under_never_stays_hidden_when_the_rule_relaxes(
        teacher, teachers, app):
    """A quiz that showed nothing now shows answers: the earlier attempt still shows none."""
    quiz = _build(teacher, feedback="never")
    learner = app.test_client()
    attempt = start(learner, quiz=quiz.slug)
    answer_all(learner, attempt)
    submit(learner, attempt)
    teacher.post(f"/teach/quizzes/{quiz.id}/edit", data=quiz_form(bundled_set(),
                                                                  feedback="after_submit"))
    page = learner.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "does not show scores or answers" in page and "EXPLANATION-" not in page
    quiz_page = learner.get(f"/quiz/{quiz.slug}").get_data(as_text=True)
    assert "Handed in" in quiz_page and "out of" not in quiz_page
    # A new attempt follows the rule as it is now.
    second = start(learner, quiz=quiz.slug)
    assert second.feedback == "after_submit"


def test_closing_the_quiz_hands_in_an_attempt_in_progress(teacher, teachers, app):
    """Close now: the next request of an attempt in progress finds it handed in."""
    quiz = _build(teacher)
    learner = app.test_client()
    attempt = start(learner, quiz=quiz.slug)
    teacher.post(f"/teach/quizzes/{quiz.id}/close")
    response = learner.get(question_url(attempt, 1))
    assert response.location == f"/attempt/{attempt.public_id}/result"
    db.session.expire_all()
    assert db.session.get(Attempt, attempt.id).submitted
