"""No page shows the answer key before the quiz's feedback rule allows it."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from quizapp.domain.kinds import get_kind
from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.factories import make_quiz
from tests.play.helpers import answer_all, question_url, start, submit

LEAK_MARKERS = ("EXPLANATION-", "Right answer", "verdict", "Read it in the source",
                "data-correct", "is-correct")


def _key_texts(response):
    """Return texts that only the answer key would put on a page."""
    version = response.question_version
    data = version.data
    if version.kind == "short_answer":
        return list(data["accepted"])
    if version.kind == "numeric":
        return [f'value="{data["answer"]}"']
    if version.kind == "ordering":
        return [" → ".join(data["items"])]
    return []


@pytest.mark.parametrize("rule", ["immediate", "after_submit", "after_close", "never"])
def test_question_pages_never_send_the_key(client, bank_writer, rule):
    """Before answering, no question page carries explanations, flags or keys."""
    bank_writer.load(quizzes=[make_quiz(feedback=rule)])
    attempt = start(client)
    for response in attempt.responses:
        page = client.get(question_url(attempt, response.position)).get_data(as_text=True)
        for marker in LEAK_MARKERS + tuple(_key_texts(response)):
            assert marker not in page, (response.question_version.kind, marker)
        if response.question_version.kind == "ordering":
            assert response.layout["items"] != response.question_version.data["items"]
    review = client.get(f"/attempt/{attempt.public_id}/review").get_data(as_text=True)
    assert not any(marker in review for marker in LEAK_MARKERS)


def test_answered_pages_do_not_leak_before_submission(client, bank_writer):
    """With feedback after submission, an answered question page still shows no verdict."""
    bank_writer.load()
    attempt = start(client)
    answer_all(client, attempt)
    for response in attempt.responses:
        page = client.get(question_url(attempt, response.position)).get_data(as_text=True)
        assert not any(marker in page for marker in LEAK_MARKERS)


def test_never_rule_shows_only_the_score(client, bank_writer):
    """A quiz whose feedback is 'never' shows the score and no explanation."""
    bank_writer.load(quizzes=[make_quiz(feedback="never")])
    attempt = start(client)
    answer_all(client, attempt)
    submit(client, attempt)
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "<strong>7</strong> out of 7" in page
    assert not any(marker in page for marker in LEAK_MARKERS)


def test_after_close_waits_for_the_close(client, bank_writer):
    """Explanations stay hidden while the quiz is open and show once it has closed."""
    closes = datetime.now(UTC) + timedelta(days=1)
    bank_writer.load(quizzes=[make_quiz(feedback="after_close", closes_at=closes)])
    attempt = start(client)
    submit(client, attempt)
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "EXPLANATION-" not in page
    assert "once the quiz closes" in page
    attempt.quiz.closes_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "EXPLANATION-single_choice" in page


def test_immediate_feedback_shows_after_answering_and_locks(client, bank_writer):
    """With immediate feedback, an answer shows its explanation and can no longer change."""
    bank_writer.load(quizzes=[make_quiz(feedback="immediate")])
    attempt = start(client)
    url = question_url(attempt, 1)
    response = client.post(url, data={"answer": "Grace Hopper", "go": "check"})
    assert response.location.endswith(url + "#feedback")
    page = client.get(url).get_data(as_text=True)
    assert "EXPLANATION-single_choice" in page
    assert "Wrong" in page
    client.post(url, data={"answer": "Ada Lovelace", "go": "check"})
    db.session.expire_all()
    assert attempt.responses[0].answer == "Grace Hopper"
    assert "EXPLANATION-" not in client.get(question_url(attempt, 2)).get_data(as_text=True)


def test_time_limit_submits_when_time_is_up(client, bank_writer):
    """Past the deadline, the next request submits the attempt and shows the result."""
    bank_writer.load(quizzes=[make_quiz(time_limit_minutes=5)])
    attempt = start(client)
    client.post(question_url(attempt, 1), data={"answer": "Ada Lovelace"})
    attempt.deadline = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    response = client.post(question_url(attempt, 2), data={"answer": "3"})
    assert response.location.endswith("/result")
    scored = db.session.scalar(sa.select(Attempt))
    assert scored.submitted and scored.score == 1


def test_scores_follow_the_kind_rules(client, bank_writer):
    """The stored score of each response is the kind's score of the stored answer."""
    bank_writer.load()
    attempt = start(client)
    answer_all(client, attempt)
    submit(client, attempt)
    db.session.expire_all()
    for response in db.session.get(Attempt, attempt.id).responses:
        version = response.question_version
        assert response.score == get_kind(version.kind).score(version.data, response.answer) == 1
