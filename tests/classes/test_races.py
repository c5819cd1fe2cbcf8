"""Two devices of one class member starting at once share the attempts the quiz allows."""

import sqlalchemy as sa

from quizapp.classes import services
from quizapp.classes.models import RosterEntry
from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.classes.helpers import join, make_class, make_teacher_quiz, teacher_client
from tests.play.test_races import rival_at_first_write


def test_two_devices_racing_for_the_last_attempt_make_one(app, bank_writer, make_user):
    """The second start waits for the first, counts it and is refused."""
    bank_writer.load()
    _, teacher = teacher_client(app, make_user)
    quiz = make_teacher_quiz(teacher, attempts_allowed=1)
    school_class = make_class(teacher)
    services.assign_quiz(school_class, quiz)
    db.session.commit()
    laptop, phone = app.test_client(), app.test_client()
    join(laptop, school_class.join_code, "Ann")
    join(phone, school_class.join_code, "Ann's phone")
    first, second = db.session.scalars(sa.select(RosterEntry).order_by(RosterEntry.id)).all()
    services.merge_entries(second, first)
    db.session.commit()
    url = f"/class/{school_class.id}/quiz/own-quiz/start"
    rival = {"start_token": "77777777-8888-4999-aaaa-bbbbbbbbbbbb"}
    with rival_at_first_write(lambda: phone.post(url, data=rival), before=False) as rivals:
        started = laptop.post(url, data={"start_token": "22222222-3333-4444-9555-666666666666"})
    assert "/attempt/" in started.headers["Location"]
    assert rivals[0].headers["Location"] == f"/class/{school_class.id}"
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1
