"""Learners join a class by code, see its quizzes and take them as members."""

import pytest
import sqlalchemy as sa

from quizapp.classes import services
from quizapp.classes.models import RosterEntry
from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.classes.helpers import (
    join,
    make_class,
    make_teacher_quiz,
    snapshot,
    start_in_class,
    take,
    teacher_client,
)
from tests.play.helpers import perfect_form


@pytest.fixture
def world(app, bank_writer, make_user):
    """Return (teacher, their class with the test quiz assigned)."""
    bank_writer.load()
    _, teacher = teacher_client(app, make_user)
    return teacher, make_class(teacher, quizzes=["test-quiz"])


def test_a_learner_joins_by_code_and_sees_the_assigned_quiz(app, world):
    """Case and spaces do not matter; the class page lists the quiz with a start button."""
    _, school_class = world
    client = app.test_client()
    code = school_class.join_code
    response = join(client, f" {code[:3].lower()} {code[3:]} ", "Ann")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/class/{school_class.id}"
    entry = db.session.scalar(sa.select(RosterEntry))
    assert (entry.display_name, entry.class_id) == ("Ann", school_class.id)
    page = client.get(f"/class/{school_class.id}").get_data(as_text=True)
    assert "You are in this class as Ann" in page and "Start Test quiz" in page
    assert "10B History" in client.get("/").get_data(as_text=True)


def test_joining_twice_from_one_browser_keeps_one_entry(app, world):
    """A second join from the same device goes to the same roster entry."""
    _, school_class = world
    client = app.test_client()
    join(client, school_class.join_code, "Ann")
    assert join(client, school_class.join_code, "Annie").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(RosterEntry.id))) == 1


@pytest.mark.parametrize(("code", "name", "message"), [
    ("NOPE42", "Ann", "No class has that code. Check it with your teacher."),
    ("", "Ann", "Type the class code."),
    ("X" * 21, "Ann", "Class codes are 6 letters and digits."),
    ("GOOD", "", "Type the name your teacher will see."),
    ("GOOD", "\u200b\u202e", "Type the name your teacher will see."),
    ("GOOD", "n" * 61, "Keep the name under 60 characters."),
])
def test_a_wrong_code_or_name_says_so_and_changes_nothing(app, world, code, name, message):
    """The message stands beside its field; no roster entry is made."""
    _, school_class = world
    before = snapshot()
    response = join(app.test_client(), school_class.join_code if code == "GOOD" else code, name)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert snapshot() == before


def test_the_home_join_box_takes_class_codes_too(app, world):
    """A class code typed on the home page leads to the class's join form, filled in."""
    _, school_class = world
    client = app.test_client()
    response = client.post("/join", data={"code": school_class.join_code.lower()})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'value="{school_class.join_code}"' in page
    wrong = client.post("/join", data={"code": "NOPE42"})
    assert wrong.status_code == 400
    assert "no class either" in wrong.get_data(as_text=True)


def test_wrong_class_codes_share_the_join_code_limit(app, world):
    """Guesses on either join form count against one budget; the right code never does."""
    _, school_class = world
    app.config["JOIN_RATE_LIMIT"] = "3 per minute"
    client = app.test_client()
    assert join(client, "NOPE42").status_code == 400
    assert client.post("/join", data={"code": "NOPE43"}).status_code == 400
    assert join(client, school_class.join_code).status_code == 302
    assert join(client, "NOPE44").status_code == 400
    assert join(client, "NOPE45").status_code == 429
    assert client.post("/join", data={"code": "NOPE46"}).status_code == 429


def test_a_class_page_is_404_to_a_browser_that_has_not_joined(app, world):
    """Neither its quizzes nor its start button are reachable without joining."""
    _, school_class = world
    client = app.test_client()
    assert client.get(f"/class/{school_class.id}").status_code == 404
    response = client.post(f"/class/{school_class.id}/quiz/test-quiz/start",
                           data={"start_token": "0" * 36})
    assert response.status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 0


def test_starting_from_the_class_records_the_roster_entry(app, world):
    """The attempt carries the member's entry and the name on the roster."""
    _, school_class = world
    client = app.test_client()
    join(client, school_class.join_code, "Ann")
    attempt = start_in_class(client, school_class)
    entry = db.session.scalar(sa.select(RosterEntry))
    assert (attempt.roster_entry_id, attempt.display_name) == (entry.id, "Ann")
    page = client.get(f"/class/{school_class.id}").get_data(as_text=True)
    assert f"/attempt/{attempt.public_id}" in page and "Resume Test quiz" in page
    # A second start (another tab's stale form) resumes the unfinished attempt.
    again = client.post(f"/class/{school_class.id}/quiz/test-quiz/start",
                        data={"start_token": "12345678-1234-4123-8123-123456789012"})
    assert again.headers["Location"] == f"/attempt/{attempt.public_id}"
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1


def test_a_quiz_not_assigned_to_the_class_cannot_be_started_there(app, world):
    """Even a bundled quiz anyone may take is a 404 under a class it is not assigned to."""
    teacher, school_class = world
    make_teacher_quiz(teacher)
    client = app.test_client()
    join(client, school_class.join_code)
    response = start_in_class(client, school_class, slug="own-quiz")
    assert response.status_code == 404


def test_attempts_allowed_count_per_roster_entry_across_devices(app, world):
    """Two devices merged into one learner share the attempts the quiz allows."""
    teacher, school_class = world
    quiz = make_teacher_quiz(teacher, attempts_allowed=2)
    services.assign_quiz(school_class, quiz)
    db.session.commit()
    laptop, phone = app.test_client(), app.test_client()
    join(laptop, school_class.join_code, "Ann")
    join(phone, school_class.join_code, "Ann on her phone")
    take(laptop, school_class, perfect_form, slug="own-quiz")
    entries = db.session.scalars(sa.select(RosterEntry).order_by(RosterEntry.id)).all()
    services.merge_entries(entries[1], entries[0])
    db.session.commit()
    take(phone, school_class, perfect_form, slug="own-quiz")
    assert "You have used every attempt" in laptop.get(
        f"/class/{school_class.id}").get_data(as_text=True)
    before = snapshot()
    refused = laptop.post(f"/class/{school_class.id}/quiz/own-quiz/start",
                          data={"start_token": "12345678-1234-4123-8123-123456789012"},
                          follow_redirects=True)
    assert "You have used every attempt this quiz allows." in refused.get_data(as_text=True)
    assert snapshot() == before
    counted = db.session.scalars(sa.select(Attempt.roster_entry_id)).all()
    assert counted == [entries[0].id, entries[0].id]


def test_a_removed_learner_cannot_start_and_is_told_why(app, world):
    """Their page says they were taken off the list; a start changes nothing."""
    _, school_class = world
    client = app.test_client()
    join(client, school_class.join_code)
    entry = db.session.scalar(sa.select(RosterEntry))
    services.remove_entry(entry)
    db.session.commit()
    page = client.get(f"/class/{school_class.id}").get_data(as_text=True)
    assert "took you off this class" in page
    before = snapshot()
    response = client.post(f"/class/{school_class.id}/quiz/test-quiz/start",
                           data={"start_token": "12345678-1234-4123-8123-123456789012"},
                           follow_redirects=True)
    assert "took you off this class" in response.get_data(as_text=True)
    assert join(client, school_class.join_code).status_code == 400
    assert snapshot() == before


def test_a_member_opening_an_assigned_quiz_by_its_code_takes_it_as_a_member(app, world):
    """The quiz's own start form records the entry too, and counts against its allowance."""
    teacher, school_class = world
    quiz = make_teacher_quiz(teacher, attempts_allowed=1)
    services.assign_quiz(school_class, quiz)
    db.session.commit()
    laptop, phone = app.test_client(), app.test_client()
    join(laptop, school_class.join_code, "Ann")
    join(phone, school_class.join_code, "Ann")
    take(laptop, school_class, perfect_form, slug="own-quiz")
    first, second = db.session.scalars(sa.select(RosterEntry).order_by(RosterEntry.id)).all()
    services.merge_entries(second, first)
    db.session.commit()
    before = snapshot()
    refused = phone.post("/quiz/own-quiz/start", follow_redirects=True, data={
        "display_name": "Ann", "start_token": "12345678-1234-4123-8123-123456789012"})
    assert "You have used every attempt this quiz allows." in refused.get_data(as_text=True)
    assert snapshot() == before
    assert db.session.scalar(sa.select(Attempt.roster_entry_id)) == first.id


@pytest.mark.parametrize(("feedback", "shown"), [("after_submit", True), ("never", False)])
def test_the_class_page_shows_scores_only_as_the_feedback_rule_allows(app, world, feedback,
                                                                        shown):
    """A quiz that never shows scores says "Handed in", with no counted percent."""
    teacher, school_class = world
    quiz = make_teacher_quiz(teacher, feedback=feedback)
    services.assign_quiz(school_class, quiz)
    db.session.commit()
    client = app.test_client()
    join(client, school_class.join_code)
    take(client, school_class, perfect_form, slug="own-quiz")
    page = client.get(f"/class/{school_class.id}").get_data(as_text=True)
    assert ("Counted: 100.0%" in page) is shown
    assert ("7 out of 7" in page) is shown
    assert ("Handed in" in page) is not shown
