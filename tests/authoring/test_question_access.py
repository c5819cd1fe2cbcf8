"""Who may write questions where: bundled sets are read-only, another teacher's are not
there, forged forms change nothing."""

import re

import pytest
import sqlalchemy as sa

from quizapp.bank.models import Question, QuestionSet
from quizapp.extensions import db
from tests.authoring.helpers import (
    counts,
    make_teacher_question,
    make_teacher_set,
    question_form,
)
from tests.factories import log_in

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _bundled():
    return db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == "test-set"))


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_bundled_set_is_read_only(desk, method):
    """Writing into, or editing a question of, a bundled set is forbidden: 403."""
    bundled = _bundled()
    question = bundled.questions[0]
    before = counts()
    data = question_form("true_false") if method == "POST" else None
    for url in (desk.new_url("true_false", set_id=bundled.id), desk.edit_url(question)):
        assert desk.client.open(url, method=method, data=data).status_code == 403
    assert counts() == before


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_another_teachers_set_is_not_there(desk, make_user, method):
    """Another teacher's set and questions are a 404, however they are asked for."""
    stranger = make_user(email="stranger@example.org")
    theirs = make_teacher_set(stranger.id, slug="their-set")
    question = make_teacher_question(theirs, "ordering")
    before = counts()
    data = question_form("ordering") if method == "POST" else None
    for url in (desk.new_url("ordering", set_id=theirs.id), desk.new_url(set_id=theirs.id),
                desk.edit_url(question)):
        assert desk.client.open(url, method=method, data=data).status_code == 404
    assert counts() == before


def test_a_question_is_edited_only_under_its_own_set(desk):
    """A question of one set, asked for under another set's address, is a 404."""
    question = make_teacher_question(desk.question_set, "numeric")
    other = make_teacher_set(desk.user.id, slug="second-set")
    url = f"/teach/sets/{other.id}/questions/{question.id}/edit"
    assert desk.client.get(url).status_code == 404
    assert desk.client.get(f"/teach/sets/{desk.question_set.id}/questions/999999/edit"
                           ).status_code == 404
    assert desk.client.get("/teach/sets/999999/questions/new").status_code == 404


def test_an_admin_may_write_in_a_teachers_set(desk, make_user):
    """Admins change every teacher's sets, with that teacher's sources on offer."""
    make_user(email="admin@example.org", role="admin")
    admin = desk.client.application.test_client()
    assert log_in(admin, email="admin@example.org").status_code == 302
    response = admin.post(desk.new_url("true_false"),
                          data=question_form("true_false", desk.source_id))
    assert response.status_code == 302
    assert len(db.session.scalars(sa.select(Question).where(
        Question.set_id == desk.question_set.id)).all()) == 1


def test_visitors_without_an_account_are_sent_to_log_in(client, desk):
    """A learner or a stranger is asked to log in before seeing the editor."""
    anonymous = client.application.test_client()
    response = anonymous.get(desk.new_url("true_false"))
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_a_forged_post_is_refused_and_changes_nothing(desk, csrf_app):
    """Without the form's token the editor refuses the post; with it, the question is saved."""
    question = make_teacher_question(desk.question_set, "true_false")
    before = counts()
    forged = question_form("true_false", desk.source_id, prompt="Forged prompt")
    for url in (desk.new_url("true_false"), desk.edit_url(question)):
        assert desk.client.post(url, data=forged).status_code == 400
        assert desk.client.post(url, data={**forged, "csrf_token": "forged"}).status_code == 400
    assert counts() == before
    db.session.expire_all()
    assert db.session.get(Question, question.id).current_version.number == 1

    page = desk.client.get(desk.edit_url(question)).get_data(as_text=True)
    real = {**forged, "csrf_token": TOKEN.search(page).group(1)}
    assert desk.client.post(desk.edit_url(question), data=real).status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, question.id).current_version.prompt == "Forged prompt"
