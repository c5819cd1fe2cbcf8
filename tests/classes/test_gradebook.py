"""The gradebook page: learners by assigned quizzes, the counted attempt, few queries."""

import pytest
import sqlalchemy as sa

from quizapp.classes import services
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from tests.classes.helpers import blank, join, make_class, take, teacher_client
from tests.factories import make_quiz
from tests.play.helpers import perfect_form
from tests.play.test_query_counts import counting_queries

QUIZZES = [make_quiz(id="best-quiz", title="Best quiz", join_code="BEST01"),
           make_quiz(id="last-quiz", title="Last quiz", join_code="LAST01"),
           make_quiz(id="avg-quiz", title="Average quiz", join_code="AVG001")]
NO_ATTEMPT = '<span aria-hidden="true">–</span><span class="visually-hidden">no attempt</span>'
RULES = {"best-quiz": "best", "last-quiz": "last", "avg-quiz": "average"}


@pytest.fixture
def world(app, bank_writer, make_user):
    """Return (teacher's client, class) with three quizzes, one per grading rule."""
    bank_writer.load(quizzes=QUIZZES)
    for quiz in db.session.scalars(sa.select(Quiz)):
        quiz.grading = RULES[quiz.slug]
    db.session.commit()
    client, teacher = teacher_client(app, make_user)
    return client, make_class(teacher, quizzes=list(RULES))


def cells(page, name):
    """Return the cells of `name`'s row on the gradebook page, as text."""
    row = page.split(f'<th scope="row">{name}', 1)[1].split("</tr>", 1)[0]
    return [cell.split("</td>", 1)[0] for cell in row.split("<td>")[1:]]


def test_each_cell_counts_the_attempt_the_quizzes_rule_says(app, world):
    """Full marks then none: best 100, last 0, average 50; no attempt is a dash."""
    client, school_class = world
    ann, bob = app.test_client(), app.test_client()
    join(ann, school_class.join_code, "Ann")
    join(bob, school_class.join_code, "Bob")
    for slug in RULES:
        take(ann, school_class, perfect_form, slug)
        take(ann, school_class, blank, slug)
    take(bob, school_class, perfect_form, "last-quiz")
    page = client.get(f"/teach/classes/{school_class.id}/gradebook").get_data(as_text=True)
    # Columns are by title: Average, Best, Last.
    assert cells(page, "Ann") == ["50.0%", "100.0%", "0.0%"]
    assert [c == NO_ATTEMPT for c in cells(page, "Bob")] == [True, True, False]
    assert cells(page, "Bob")[2] == "100.0%"


def test_the_gradebook_service_yields_the_same_rows(app, world):
    """gradebook_rows gives entry, name, removed flag and percents in assigned order."""
    _, school_class = world
    ann = app.test_client()
    join(ann, school_class.join_code, "Ann")
    take(ann, school_class, perfect_form, "best-quiz")
    rows = list(services.gradebook_rows(school_class))
    assert [(r.name, r.removed, r.cells) for r in rows] == [("Ann", False, (None, 100.0, None))]
    assert [q.slug for q in services.assigned_quizzes(school_class)] == [
        "avg-quiz", "best-quiz", "last-quiz"]


def test_the_gradebook_costs_the_same_queries_for_two_or_eight_learners(app, world):
    """A constant number of queries, however many learners and attempts."""
    client, school_class = world
    counts = []
    for group in (["A1", "A2"], ["B1", "B2", "B3", "B4", "B5", "B6"]):
        for name in group:
            learner = app.test_client()
            join(learner, school_class.join_code, name)
            take(learner, school_class, perfect_form, "best-quiz")
        with counting_queries() as statements:
            response = client.get(f"/teach/classes/{school_class.id}/gradebook")
        assert response.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 8, counts


def test_an_unassigned_quiz_leaves_the_gradebook_but_its_attempts_stay(app, world):
    """Taking a quiz off the class drops its column; assigning it again brings it back."""
    client, school_class = world
    ann = app.test_client()
    join(ann, school_class.join_code, "Ann")
    take(ann, school_class, perfect_form, "best-quiz")
    best = db.session.scalar(sa.select(Quiz).where(Quiz.slug == "best-quiz"))
    client.post(f"/teach/classes/{school_class.id}/unassign", data={"quiz_id": best.id})
    page = client.get(f"/teach/classes/{school_class.id}/gradebook").get_data(as_text=True)
    assert "Best quiz" not in page and cells(page, "Ann") == [
        NO_ATTEMPT] * 2
    client.post(f"/teach/classes/{school_class.id}/assign", data={"quiz_id": best.id})
    page = client.get(f"/teach/classes/{school_class.id}/gradebook").get_data(as_text=True)
    assert cells(page, "Ann")[1] == "100.0%"
