"""A teacher builds, shares, edits, closes and deletes quizzes through the pages."""

import re

import pytest
import sqlalchemy as sa

from quizapp.domain.bankschema import JOIN_CODE, SLUG
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from tests.factories import log_in
from tests.play.helpers import start
from tests.quizzes.helpers import bundled_set, own_set, quiz_form, quiz_rows


def _new_quiz():
    """Return the teacher's quiz made last."""
    return db.session.scalar(
        sa.select(Quiz).where(Quiz.bundled.is_(False)).order_by(Quiz.id.desc()))


def test_a_teacher_builds_an_unlisted_quiz_from_their_set_and_a_bundled_one(teacher, teachers):
    """The quiz is theirs, unlisted, with a readable join code and a slug of its title."""
    mine = own_set(teachers.me.id, published=False)
    response = teacher.post("/teach/quizzes/new", data=quiz_form(
        mine, bundled_set(), question_count="5", time_limit_minutes="20",
        attempts_allowed="2", feedback="immediate", grading="last",
        opens_at="2026-09-01T08:00", closes_at="2026-09-01T09:30"))
    quiz = _new_quiz()
    assert response.status_code == 302 and response.location == f"/teach/quizzes/{quiz.id}"
    assert (quiz.owner_id, quiz.bundled, quiz.listed) == (teachers.me.id, False, False)
    assert {s.slug for s in quiz.sets} == {mine.slug, "test-set"}
    assert JOIN_CODE.match(quiz.join_code) and not set(quiz.join_code) & set("0O1I")
    assert SLUG.match(quiz.slug) and quiz.slug.startswith("week-3-huawei-")
    assert (quiz.question_count, quiz.time_limit_minutes, quiz.attempts_allowed,
            quiz.feedback, quiz.grading) == (5, 20, 2, "immediate", "last")
    assert quiz.opens_at.isoformat() == "2026-09-01T08:00:00+00:00"
    assert quiz.closes_at.isoformat() == "2026-09-01T09:30:00+00:00"


def test_the_quiz_page_shares_link_code_and_qr_code(teacher, teachers):
    """The page shows the absolute link and code; the QR code is an SVG image."""
    teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set()))
    quiz = _new_quiz()
    page = teacher.get(f"/teach/quizzes/{quiz.id}").get_data(as_text=True)
    link = f"http://localhost/quiz/{quiz.slug}"
    assert link in page and quiz.join_code in page
    assert f'src="/teach/quizzes/{quiz.id}/qr.svg"' in page
    qr = teacher.get(f"/teach/quizzes/{quiz.id}/qr.svg")
    assert qr.mimetype == "image/svg+xml" and qr.get_data(as_text=True).startswith("<svg")
    assert link in qr.get_data(as_text=True)  # in its title, for screen readers
    project = teacher.get(f"/teach/quizzes/{quiz.id}/project").get_data(as_text=True)
    assert link in project and quiz.join_code in project
    assert "Your quizzes" in teacher.get("/teach/").get_data(as_text=True)


def test_the_home_page_lists_only_listed_quizzes(teacher, teachers, client):
    """Unlisted: reached by link and code, not listed. Listed: on the home page too."""
    teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set(), title="Hidden quiz"))
    hidden = _new_quiz()
    teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set(), title="Shown quiz",
                                                      listed="y"))
    home = client.get("/").get_data(as_text=True)
    assert "Shown quiz" in home and "Test quiz" in home and "Hidden quiz" not in home
    assert client.get(f"/quiz/{hidden.slug}").status_code == 200
    joined = client.post("/join", data={"code": hidden.join_code.lower()})
    assert joined.location == f"/quiz/{hidden.slug}"


BAD_INPUT = [
    ({"sets": []}, "sets", "Choose at least one question set."),
    ({"title": ""}, "title", "Give the quiz a title."),
    ({"title": "x" * 201}, "title", "Use at most 200 characters"),
    ({"question_count": "8"}, "question_count", "hold only 7 questions"),
    ({"question_count": "0"}, "question_count", "from 1 to 1000"),
    ({"time_limit_minutes": "-5"}, "time_limit_minutes", "whole number of minutes"),
    ({"attempts_allowed": "lots"}, "attempts_allowed", "Not a valid integer"),
    ({"opens_at": "2026-09-02T08:00", "closes_at": "2026-09-01T08:00"}, "closes_at",
     "must close after it opens"),
    ({"opens_at": "next week"}, "opens_at", "Not a valid datetime"),
    ({"tags": ["no-such-tag"]}, "tags", "Choose among the tags listed."),
    ({"feedback": "sometimes"}, "feedback", "Not a valid choice"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD_INPUT,
                         ids=[f"{f}-{i}" for i, (_, f, _) in enumerate(BAD_INPUT)])
def test_bad_input_is_refused_beside_its_field_and_changes_nothing(teacher, teachers, change,
                                                                    field, message):
    """Each mistake: 400, the message beside the field, no quiz added."""
    before = quiz_rows()
    response = teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set(), **change))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(rf'id="{field}-error">(.*?)</p>', page, re.S)
    assert error and message in error.group(1), page[:3000]
    assert quiz_rows() == before


def test_another_teachers_set_forged_into_the_form_is_refused(teacher, teachers):
    """Their set's id (published or not) is not among the choices: refused, nothing added."""
    theirs = own_set(teachers.other.id, title="Their set", published=True)
    before = quiz_rows()
    response = teacher.post("/teach/quizzes/new", data=quiz_form(theirs))
    assert response.status_code == 400
    assert "Choose among your own sets and the bundled ones." in response.get_data(as_text=True)
    assert "Their set" not in teacher.get("/teach/quizzes/new").get_data(as_text=True)
    assert quiz_rows() == before


def test_edit_changes_settings_but_keeps_link_and_code(teacher, teachers):
    """An edit saves the new settings; slug and join code stay, so shared links work."""
    teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set()))
    quiz = _new_quiz()
    slug, code = quiz.slug, quiz.join_code
    form = teacher.get(f"/teach/quizzes/{quiz.id}/edit").get_data(as_text=True)
    assert 'value="Week 3: Huawei"' in form
    response = teacher.post(f"/teach/quizzes/{quiz.id}/edit", data=quiz_form(
        bundled_set(), title="Renamed", question_count="3", listed="y"))
    assert response.status_code == 302
    db.session.expire_all()
    assert (quiz.title, quiz.question_count, quiz.listed) == ("Renamed", 3, True)
    assert (quiz.slug, quiz.join_code) == (slug, code)


def test_a_bad_edit_changes_nothing(teacher, teachers):
    """An edit with a mistake comes back with its message; the quiz is as it was."""
    teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set()))
    quiz = _new_quiz()
    before = quiz_rows()
    response = teacher.post(f"/teach/quizzes/{quiz.id}/edit",
                            data=quiz_form(bundled_set(), title="New", question_count="99"))
    assert response.status_code == 400 and "hold only 7 questions" in response.get_data(
        as_text=True)
    assert quiz_rows() == before


def test_delete_is_refused_once_attempted_and_close_now_is_offered(teacher, teachers, app):
    """With an attempt the quiz stays (409) and can be closed; without, it goes."""
    teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set()))
    quiz = _new_quiz()
    attempt = start(app.test_client(), quiz=quiz.slug)
    page = teacher.get(f"/teach/quizzes/{quiz.id}/delete").get_data(as_text=True)
    assert "cannot be deleted" in page and f'action="/teach/quizzes/{quiz.id}/close"' in page
    before = quiz_rows()
    assert teacher.post(f"/teach/quizzes/{quiz.id}/delete").status_code == 409
    assert quiz_rows() == before
    assert teacher.post(f"/teach/quizzes/{quiz.id}/close").status_code == 302
    db.session.expire_all()
    assert quiz.closes_at is not None and not quiz.is_open(quiz.closes_at)
    assert attempt.hand_in_by == quiz.closes_at  # in progress: handed in at the close

    teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set(), title="Unused"))
    unused = _new_quiz()
    assert teacher.post(f"/teach/quizzes/{unused.id}/delete").location == "/teach/quizzes/"
    assert db.session.get(Quiz, unused.id) is None


def test_other_teachers_quizzes_are_404_and_bundled_ones_403(teacher, teachers, app):
    """Another's quiz is not found on any page; a bundled one may be shared, not changed."""
    other = app.test_client()
    log_in(other, "other@example.org")
    other.post("/teach/quizzes/new", data=quiz_form(bundled_set(), title="Other's quiz"))
    theirs = _new_quiz()
    before = quiz_rows()
    for path in ("", "/qr.svg", "/project", "/edit", "/delete"):
        assert teacher.get(f"/teach/quizzes/{theirs.id}{path}").status_code == 404
    for path in ("/edit", "/close", "/delete"):
        response = teacher.post(f"/teach/quizzes/{theirs.id}{path}",
                                data=quiz_form(bundled_set()))
        assert response.status_code == 404
    assert "Other's quiz" not in teacher.get("/teach/quizzes/").get_data(as_text=True)
    bundled = db.session.scalar(sa.select(Quiz).where(Quiz.slug == "test-quiz"))
    assert teacher.get(f"/teach/quizzes/{bundled.id}").status_code == 200
    for path in ("/edit", "/close", "/delete"):
        response = teacher.post(f"/teach/quizzes/{bundled.id}{path}",
                                data=quiz_form(bundled_set()))
        assert response.status_code == 403
    assert quiz_rows() == before


def test_admins_see_every_teachers_quiz(teacher, teachers, app, make_user):
    """An admin lists and opens another teacher's quiz."""
    teacher.post("/teach/quizzes/new", data=quiz_form(bundled_set(), title="Mine"))
    quiz = _new_quiz()
    make_user("head@example.org", role="admin", name="Head")
    admin = app.test_client()
    log_in(admin, "head@example.org")
    assert "Mine" in admin.get("/teach/quizzes/").get_data(as_text=True)
    assert admin.get(f"/teach/quizzes/{quiz.id}/edit").status_code == 200


def test_forged_posts_are_refused_and_change_nothing(csrf_app, teachers):
    """With CSRF on, a POST without the form's token changes nothing."""
    client = csrf_app.test_client()
    page = client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/account/login", data={"email": "me@example.org",
                                        "password": "correct horse battery",
                                        "csrf_token": token})
    assert client.get("/teach/quizzes/").status_code == 200  # logged in
    mine = Quiz(slug="mine-abcdef", title="Mine", join_code="MINE22", owner_id=teachers.me.id,
                bundled=False, listed=False, sets=[bundled_set()])
    db.session.add(mine)
    db.session.commit()
    before = quiz_rows()
    assert client.post("/teach/quizzes/new", data=quiz_form(bundled_set())).status_code == 400
    for path in ("/edit", "/close", "/delete"):
        response = client.post(f"/teach/quizzes/{mine.id}{path}", data=quiz_form(bundled_set()))
        assert response.status_code == 400
    assert quiz_rows() == before
