"""Drive classes through the test client: a teacher's class, learners joining, attempts."""

import re

import sqlalchemy as sa

from quizapp.classes import services
from quizapp.classes.models import RosterEntry, SchoolClass, quiz_class
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from quizapp.quizzes.models import Quiz
from tests.factories import log_in
from tests.play.helpers import answer_all, submit

START_TOKEN = re.compile(r'name="start_token" type="hidden" value="([^"]+)"')


def teacher_client(app, make_user, email="teach@example.org", name="Tess"):
    """Return (client logged in as a new teacher, the teacher)."""
    user = make_user(email=email, name=name)
    client = app.test_client()
    assert log_in(client, email=email).status_code == 302
    return client, user


def make_class(owner, name="10B History", quizzes=()):
    """Commit a class of `owner` with `quizzes` (slugs) assigned; return it."""
    school_class = services.create_class(owner, name)
    for slug in quizzes:
        services.assign_quiz(school_class, quiz_by_slug(slug))
    db.session.commit()
    return school_class


def make_teacher_quiz(owner, slug="own-quiz", join_code="OWN001", **settings):
    """Commit a quiz of `owner` over the test set, as the teacher's quiz builder would."""
    bundled = quiz_by_slug("test-quiz")
    quiz = Quiz(slug=slug, title=settings.pop("title", "Own quiz"), join_code=join_code,
                bundled=False, owner_id=owner.id, shuffle_questions=False,
                sets=list(bundled.sets), **{"feedback": "after_submit", **settings})
    db.session.add(quiz)
    db.session.commit()
    return quiz


def quiz_by_slug(slug):
    """Return the quiz with `slug`."""
    return db.session.scalar(sa.select(Quiz).where(Quiz.slug == slug))


def join(client, code, name="Ann"):
    """Join a class as `client`; return the response."""
    return client.post("/class/join", data={"code": code, "display_name": name})


def start_in_class(client, school_class, slug="test-quiz"):
    """Start (or resume) `slug` from the class page; return the Attempt, or the response."""
    page = client.get(f"/class/{school_class.id}").get_data(as_text=True)
    token = START_TOKEN.search(page).group(1)
    response = client.post(f"/class/{school_class.id}/quiz/{slug}/start",
                           data={"start_token": token})
    if "/attempt/" not in response.headers.get("Location", ""):
        return response
    public_id = response.headers["Location"].rsplit("/", 1)[-1]
    return db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))


def take(client, school_class, form_for, slug="test-quiz"):
    """Start `slug` from the class page, answer with `form_for`, hand in; return the Attempt."""
    attempt = start_in_class(client, school_class, slug)
    answer_all(client, attempt, form_for)
    assert submit(client, attempt).status_code == 302
    db.session.expire_all()
    return attempt


def blank(response):
    """Return no answer at all: the attempt scores zero."""
    return {}


def snapshot():
    """Return every row of the class tables and attempts, to show nothing changed."""
    tables = [SchoolClass.__table__, RosterEntry.__table__, quiz_class,
              Attempt.__table__, Response.__table__]
    db.session.expire_all()
    return {t.name: sorted(map(tuple, db.session.execute(sa.select(t)).all()), key=repr)
            for t in tables}
