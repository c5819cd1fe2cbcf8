"""Pages cost a handful of SQL queries however many questions the quiz has."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from quizapp.extensions import db
from tests.conftest import clear_database
from tests.factories import SAMPLE_QUESTIONS, make_question, make_quiz
from tests.play.helpers import answer_all, question_url, start, submit

KINDS = list(SAMPLE_QUESTIONS)


@contextmanager
def counting_queries():
    """Count the statements sent to the database inside the block."""
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _pages_queries(app, bank_writer, size, rule):
    client = app.test_client()
    questions = [make_question(KINDS[i % len(KINDS)], id=f"q-{i}", prompt=f"Question {i}?")
                 for i in range(size)]
    # A second, stricter quiz makes the pages look up which keys it holds back.
    bank_writer.load(questions=questions, quizzes=[
        make_quiz(feedback=rule),
        make_quiz(id="strict-quiz", join_code="STRICT", feedback="never")])
    attempt = start(client)
    answer_all(client, attempt)
    counts = {}
    with counting_queries() as statements:
        client.get(question_url(attempt, 3))
    counts["question"] = len(statements)
    submit(client, attempt)
    with counting_queries() as statements:
        page = client.get(f"/attempt/{attempt.public_id}/result")
    assert page.status_code == 200
    counts["result"] = len(statements)
    return counts


@pytest.mark.parametrize("rule", ["after_submit", "immediate"])
@pytest.mark.parametrize("page", ["question", "result"])
def test_query_count_does_not_grow_with_the_quiz(app, bank_writer, page, rule):
    """A 100-question quiz costs the same number of queries as a 5-question one."""
    small = _pages_queries(app, bank_writer, 5, rule)
    clear_database()
    large = _pages_queries(app, bank_writer, 100, rule)
    assert large[page] == small[page]
    assert small[page] <= 8
