"""Teachers make classes, rename them and assign quizzes; bad input changes nothing."""

import pytest
import sqlalchemy as sa

from quizapp.classes.models import SchoolClass
from quizapp.classes.services import assigned_quizzes
from quizapp.domain.classcodes import ALPHABET
from quizapp.extensions import db
from tests.classes.helpers import (
    make_class,
    make_teacher_quiz,
    quiz_by_slug,
    snapshot,
    teacher_client,
)


@pytest.fixture
def teacher(app, bank_writer, make_user):
    """Return (a logged-in teacher's client, the teacher) with the test bank loaded."""
    bank_writer.load()
    return teacher_client(app, make_user)


def test_a_teacher_makes_a_class_with_a_readable_code(teacher):
    """The new class has the name given and a six-character code shown on its page."""
    client, user = teacher
    response = client.post("/teach/classes/", data={"name": "  10B   History "})
    assert response.status_code == 302
    school_class = db.session.scalar(sa.select(SchoolClass))
    assert (school_class.name, school_class.owner_id) == ("10B History", user.id)
    assert len(school_class.join_code) == 6 and set(school_class.join_code) <= set(ALPHABET)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert school_class.join_code in page and "10B History" in page


def test_codes_are_unique_across_many_classes(teacher):
    """Every class gets a code of its own."""
    client, user = teacher
    codes = {make_class(user, f"Class {i}").join_code for i in range(30)}
    assert len(codes) == 30


def test_the_list_shows_only_the_teachers_own_classes(teacher, make_user):
    """Another teacher's class is neither listed nor reachable."""
    client, user = teacher
    other = make_user(email="other@example.org", name="Otto")
    make_class(user, "Mine")
    theirs = make_class(other, "Theirs")
    page = client.get("/teach/classes/").get_data(as_text=True)
    assert "Mine" in page and "Theirs" not in page
    assert client.get(f"/teach/classes/{theirs.id}").status_code == 404
    assert client.get(f"/teach/classes/{theirs.id}/gradebook").status_code == 404


@pytest.mark.parametrize(("name", "message"), [
    ("", "Give the class a name."), ("   ", "Give the class a name."),
    ("x" * 121, "Keep the class name under 120 characters.")])
def test_a_bad_class_name_is_refused_beside_the_field(teacher, name, message):
    """Making or renaming with an empty or over-long name says why and changes nothing."""
    client, user = teacher
    school_class = make_class(user, "Kept")
    before = snapshot()
    for url in ("/teach/classes/", f"/teach/classes/{school_class.id}/rename"):
        response = client.post(url, data={"name": name})
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
        assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_teacher_renames_their_class(teacher):
    """The new name shows on the class page."""
    client, user = teacher
    school_class = make_class(user)
    response = client.post(f"/teach/classes/{school_class.id}/rename", data={"name": "11C"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(SchoolClass, school_class.id).name == "11C"


def test_a_teacher_assigns_bundled_and_own_quizzes_and_unassigns_them(teacher):
    """Both kinds are offered; once assigned a quiz shows on the page and leaves the list."""
    client, user = teacher
    own = make_teacher_quiz(user)
    school_class = make_class(user)
    for quiz in (quiz_by_slug("test-quiz"), own):
        response = client.post(f"/teach/classes/{school_class.id}/assign",
                               data={"quiz_id": quiz.id})
        assert response.status_code == 302
    db.session.expire_all()
    assert {q.slug for q in assigned_quizzes(school_class)} == {"test-quiz", "own-quiz"}
    page = client.get(f"/teach/classes/{school_class.id}").get_data(as_text=True)
    assert "Unassign Own quiz" in page and '<option value="' not in page
    response = client.post(f"/teach/classes/{school_class.id}/unassign",
                           data={"quiz_id": own.id})
    assert response.status_code == 302
    assert {q.slug for q in assigned_quizzes(school_class)} == {"test-quiz"}


def test_another_teachers_quiz_cannot_be_assigned(teacher, make_user):
    """A forged quiz id of someone else's quiz, an unknown one or a repeat is refused."""
    client, user = teacher
    other = make_user(email="other@example.org", name="Otto")
    theirs = make_teacher_quiz(other, slug="their-quiz", join_code="THEIR1")
    school_class = make_class(user, quizzes=["test-quiz"])
    before = snapshot()
    for quiz_id in (theirs.id, 999999, quiz_by_slug("test-quiz").id, "abc", ""):
        response = client.post(f"/teach/classes/{school_class.id}/assign",
                               data={"quiz_id": quiz_id})
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert ("That quiz cannot be assigned" in page or "Choose a quiz" in page
                or "Not a valid choice" in page or "could not coerce" in page), page
    assert snapshot() == before


def test_unassigning_a_quiz_not_assigned_changes_nothing(teacher):
    """The page says so."""
    client, user = teacher
    school_class = make_class(user)
    before = snapshot()
    response = client.post(f"/teach/classes/{school_class.id}/unassign",
                           data={"quiz_id": quiz_by_slug("test-quiz").id},
                           follow_redirects=True)
    assert "That quiz is not assigned to this class" in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_forged_post_is_refused_and_changes_nothing(app, teacher):
    """Without the form's CSRF token, no class is made, renamed or given a quiz."""
    client, user = teacher
    school_class = make_class(user)
    app.config["WTF_CSRF_ENABLED"] = True  # after logging in: a forger has a session too
    before = snapshot()
    for url, data in (("/teach/classes/", {"name": "Forged"}),
                      (f"/teach/classes/{school_class.id}/rename", {"name": "Forged"}),
                      (f"/teach/classes/{school_class.id}/assign",
                       {"quiz_id": quiz_by_slug("test-quiz").id})):
        assert client.post(url, data=data).status_code == 400
    assert snapshot() == before


def test_the_teacher_home_links_to_classes(teacher):
    """Classes are one click from the teacher's home page."""
    client, _ = teacher
    assert 'href="/teach/classes/"' in client.get("/teach/").get_data(as_text=True)
