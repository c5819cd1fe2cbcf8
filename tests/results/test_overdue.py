"""Attempts whose time ran out while their learner was away count in what a teacher reads:
results, exports and gradebooks hand them in at their deadline (or the quiz's close)."""

import csv
import io
from datetime import timedelta

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.play.models import Attempt
from quizapp.timeutil import utcnow
from tests.play.helpers import answer_all, start
from tests.results.conftest import RIGHT


def rows(response):
    """Return a CSV download as dicts."""
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


def away_learner(app, name, right=True):
    """Have a learner answer every question, then leave without handing in; return the id."""
    client = app.test_client()
    attempt = start(client, name=name)
    if right:
        answer_all(client, attempt, lambda response: RIGHT[response.question_version.kind])
    return attempt.id


def set_deadline(attempt_id, deadline):
    """Give an attempt a deadline, as a time limit would have."""
    db.session.execute(sa.update(Attempt).where(Attempt.id == attempt_id)
                       .values(deadline=deadline))
    db.session.commit()


def test_an_attempt_past_its_deadline_counts_what_was_saved(app, quiz, teacher_client):
    """The results page shows it handed in when time ran out, scored on the saved answers;
    the attempts export agrees; one still within its time stays in progress."""
    gone = away_learner(app, "Gus")
    still = away_learner(app, "Hal", right=False)
    deadline = utcnow() - timedelta(minutes=5)
    set_deadline(gone, deadline)
    set_deadline(still, utcnow() + timedelta(minutes=30))
    page = teacher_client.get(f"/teach/quizzes/{quiz.id}/results").get_data(as_text=True)
    assert "time ran out" in page
    exported = {row["learner"]: row for row in rows(
        teacher_client.get(f"/teach/quizzes/{quiz.id}/export/attempts.csv"))}
    assert exported["Gus"]["status"] == "time ran out"
    assert (exported["Gus"]["score"], exported["Gus"]["percent"]) == ("4", "100")
    assert exported["Gus"]["submitted_at"] == deadline.isoformat(timespec="seconds")
    assert exported["Hal"]["status"] == "in progress"
    db.session.expire_all()
    assert db.session.get(Attempt, gone).submitted_at is not None


def test_closing_a_quiz_hands_in_the_attempts_left_open(app, quiz, teacher_client):
    """A quiz that closed while an attempt was open: its gradebook counts that attempt."""
    away_learner(app, "Ivy")
    closed = utcnow() - timedelta(minutes=1)
    quiz.closes_at = closed
    db.session.commit()
    gradebook = rows(teacher_client.get(f"/teach/quizzes/{quiz.id}/export/gradebook.csv"))
    (ivy,) = gradebook
    assert ivy["learner"] == "Ivy" and ivy[quiz.title] == "100"


def test_reading_twice_hands_in_once(app, quiz, teacher_client):
    """A second look changes nothing: the attempt keeps the hand-in time and score it got."""
    gone = away_learner(app, "Jo")
    set_deadline(gone, utcnow() - timedelta(minutes=5))
    teacher_client.get(f"/teach/quizzes/{quiz.id}/results")
    db.session.expire_all()
    first = db.session.get(Attempt, gone)
    before = (first.submitted_at, first.score)
    teacher_client.get(f"/teach/quizzes/{quiz.id}/results/distribution.svg")
    db.session.expire_all()
    again = db.session.get(Attempt, gone)
    assert (again.submitted_at, again.score) == before
