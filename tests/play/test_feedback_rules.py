"""No page shows the answer key before the quiz's feedback rule allows it."""

import re
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


def _result_page(client, attempt):
    return client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)


def _visible_text(page, attempt):
    """Return the page without what differs between two attempts: ids, tokens, clock times."""
    page = page.replace(attempt.public_id, "ID")
    page = re.sub(r'value="[\w.-]{20,}"', "TOKEN", page)
    return re.sub(r"\d{2} \w{3} \d{4} \d{2}:\d{2}", "TIME", page)


def test_never_rule_hands_in_without_score_or_key(client, bank_writer):
    """A quiz whose feedback is 'never' says the answers were handed in, and shows no score."""
    bank_writer.load(quizzes=[make_quiz(feedback="never")])
    attempt = start(client)
    answer_all(client, attempt)
    submit(client, attempt)
    page = _result_page(client, attempt)
    assert "Your answers were handed in." in page
    assert "out of" not in page and "%" not in page.split("<main", 1)[1]
    assert not any(marker in page for marker in LEAK_MARKERS)
    quiz_page = client.get("/quiz/test-quiz").get_data(as_text=True)
    assert "Handed in" in quiz_page and "out of" not in quiz_page


@pytest.mark.parametrize("rule", ["never", "after_close"])
def test_hidden_score_is_no_oracle(app, bank_writer, rule):
    """One right answer and one wrong answer per attempt give the very same pages."""
    closes = datetime.now(UTC) + timedelta(days=1)
    bank_writer.load(quizzes=[make_quiz(feedback=rule, closes_at=closes)])
    pages = []
    for answer in ("Ada Lovelace", "Grace Hopper"):
        client = app.test_client()
        attempt = start(client)
        client.post(question_url(attempt, 1), data={"answer": answer, "go": "review"})
        submit(client, attempt)
        pages.append([_visible_text(client.get(url).get_data(as_text=True), attempt)
                      for url in (f"/attempt/{attempt.public_id}/result", "/quiz/test-quiz")])
    assert pages[0] == pages[1]
    assert "Your answers were handed in." in pages[0][0]


def test_after_close_waits_for_the_close(client, bank_writer):
    """Score and explanations stay hidden while the quiz is open and show once it has closed."""
    closes = datetime.now(UTC) + timedelta(days=1)
    bank_writer.load(quizzes=[make_quiz(feedback="after_close", closes_at=closes)])
    attempt = start(client)
    answer_all(client, attempt)
    submit(client, attempt)
    page = _result_page(client, attempt)
    assert "EXPLANATION-" not in page and "out of" not in page
    assert "once the quiz closes" in page
    attempt.quiz.closes_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    page = _result_page(client, attempt)
    assert "EXPLANATION-single_choice" in page
    assert "<strong>7</strong> out of 7" in page
    assert "7 out of 7" in client.get("/quiz/test-quiz").get_data(as_text=True)


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
