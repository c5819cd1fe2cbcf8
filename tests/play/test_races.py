"""Requests of one learner that race each other: each race is forced at its worst moment.

A hook on the engine runs the rival request in another thread just before (or just after)
this thread's first hold (a write, a read that locks its rows, or SQLite's write lock taken
at BEGIN), so the interleaving the review found by chance happens every time.
"""

import threading
import time
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.play.helpers import perfect_form, question_url, start

WRITES = ("INSERT INTO attempt", "UPDATE attempt", "UPDATE response")
LOCKING_READ = " FOR UPDATE"  # PostgreSQL's save holds its attempt with the read
WRITE_LOCK = "BEGIN IMMEDIATE"  # SQLite's save takes the write lock before it reads
# Long enough for the rival to reach the lock this thread holds.
RIVAL_HEAD_START = 0.5


@contextmanager
def rival_at_first_write(rival, before=True):
    """Run `rival()` in another thread at this thread's first hold; yield its results.

    With `before`, the rival runs to the end before the write (or locking read) is sent;
    otherwise it starts just after it, while this thread's transaction is still open.
    """
    owner, results, threads = threading.current_thread(), [], []

    def run():
        try:
            results.append(rival())
        except Exception as error:  # noqa: BLE001 - re-raised in the test's thread
            results.append(error)

    def fire(statement):
        holds = (statement.startswith((*WRITES, WRITE_LOCK))
                 or LOCKING_READ in statement)
        if threading.current_thread() is not owner or threads or not holds:
            return False
        threads.append(threading.Thread(target=run))
        threads[0].start()
        return True

    def before_write(conn, cursor, statement, parameters, context, executemany):
        if fire(statement):
            threads[0].join(timeout=30)

    def after_write(conn, cursor, statement, parameters, context, executemany):
        if fire(statement):
            time.sleep(RIVAL_HEAD_START)

    name, listener = (("before_cursor_execute", before_write) if before
                      else ("after_cursor_execute", after_write))
    event.listen(db.engine, name, listener)
    try:
        yield results
    finally:
        event.remove(db.engine, name, listener)
        for thread in threads:
            thread.join(timeout=30)
    for result in results:
        if isinstance(result, Exception):
            raise result


def second_tab(app, client):
    """Return another client of the same browser: same cookie, its own connection."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def acknowledged(response):
    """Tell whether a posted answer got the redirect that says it was saved."""
    return response.status_code == 302 and not response.location.endswith("/result")


def answer_all_but_last(client, attempt):
    """Answer every question but the last one perfectly."""
    for response in attempt.responses[:-1]:
        saved = client.post(question_url(attempt, response.position), data=perfect_form(response))
        assert acknowledged(saved)


def fresh(attempt):
    """Return the attempt as the database has it now."""
    db.session.expire_all()
    return db.session.get(Attempt, attempt.id)


def test_answer_overtaken_by_submit_is_refused_with_a_message(app, client, bank_writer):
    """A submit landing between an answer's read and its write: the answer is refused, said."""
    bank_writer.load()
    attempt = start(client)
    answer_all_but_last(client, attempt)
    last = attempt.responses[-1]
    other = second_tab(app, client)
    with rival_at_first_write(lambda: other.post(f"/attempt/{attempt.public_id}/review")):
        saved = client.post(question_url(attempt, last.position), data=perfect_form(last))
    assert not acknowledged(saved)
    page = client.get(saved.location).get_data(as_text=True)
    assert "already handed in" in page and "was not saved" in page
    scored = fresh(attempt)
    assert scored.responses[-1].answer is None
    assert scored.score == scored.max_score - 1


def test_submit_waits_for_an_answer_being_saved_and_counts_it(app, client, bank_writer):
    """A submit arriving while an answer is being written scores that answer too."""
    bank_writer.load()
    attempt = start(client)
    answer_all_but_last(client, attempt)
    last = attempt.responses[-1]
    other = second_tab(app, client)
    with rival_at_first_write(lambda: other.post(f"/attempt/{attempt.public_id}/review"),
                              before=False) as submits:
        saved = client.post(question_url(attempt, last.position), data=perfect_form(last))
    assert acknowledged(saved)
    assert submits[0].status_code == 302
    scored = fresh(attempt)
    assert scored.submitted
    assert scored.score == scored.max_score


def test_raced_second_start_lands_on_the_first_attempt(app, client, bank_writer):
    """Two starts with different tokens at once make one attempt; both go to it."""
    bank_writer.load()
    first = start(client)
    client.post(f"/attempt/{first.public_id}/review")
    other = second_tab(app, client)
    form = {"display_name": "Ann", "start_token": "22222222-3333-4444-5555-666666666666"}
    rival_form = {"display_name": "Ann", "start_token": "77777777-8888-9999-aaaa-bbbbbbbbbbbb"}
    with rival_at_first_write(lambda: other.post("/quiz/test-quiz/start",
                                                 data=rival_form)) as rivals:
        started = client.post("/quiz/test-quiz/start", data=form)
    assert started.status_code == 302
    assert rivals[0].status_code == 302
    assert started.location == rivals[0].location
    unfinished = db.session.scalar(sa.select(sa.func.count(Attempt.id))
                                   .where(Attempt.submitted_at.is_(None)))
    assert unfinished == 1


def test_database_refuses_a_second_unfinished_attempt(client, bank_writer):
    """Even a writer that skips the checks cannot give a learner two unfinished attempts."""
    bank_writer.load()
    attempt = start(client)
    db.session.add(Attempt(public_id="p2", start_token="t2", quiz_id=attempt.quiz_id,
                           learner_key=attempt.learner_key, display_name="Ann",
                           max_score=attempt.max_score))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_answer_from_a_tab_left_open_after_hand_in_says_it_was_not_saved(client, bank_writer):
    """An answer posted after the attempt was handed in is refused, and the page says so."""
    bank_writer.load()
    attempt = start(client)
    client.post(f"/attempt/{attempt.public_id}/review")
    late = client.post(question_url(attempt, 1), data=perfect_form(attempt.responses[0]))
    assert not acknowledged(late)
    assert "was not saved" in client.get(late.location).get_data(as_text=True)
    assert fresh(attempt).responses[0].answer is None
