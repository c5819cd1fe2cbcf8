"""The strictest open quiz wins: no page shows a key that an open stricter quiz hides."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from tests.factories import SAMPLE_QUESTIONS, TEST_SOURCE_BODY, make_question, make_quiz
from tests.play.helpers import answer_all, question_url, start, submit

HELD = "held back while another quiz that is still open uses it"


def _load(bank_writer, lenient="after_submit", strict="never", **strict_overrides):
    """Load the test set with a lenient quiz and a strict one over the same questions."""
    bank_writer.load(quizzes=[
        make_quiz(feedback=lenient),
        make_quiz(id="strict-quiz", join_code="STRICT", feedback=strict, **strict_overrides),
    ])


def _close_strict_quiz():
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == "strict-quiz"))
    quiz.closes_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()


@pytest.mark.parametrize("strict", ["never", "after_close"])
def test_immediate_feedback_is_held_back(client, bank_writer, strict):
    """An answer to an embargoed question is saved and locked, with no verdict and no key."""
    _load(bank_writer, lenient="immediate", strict=strict)
    attempt = start(client)
    url = question_url(attempt, 1)
    saved = client.post(url, data={"answer": "Grace Hopper", "go": "check"})
    assert saved.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert HELD in page
    for leak in ("EXPLANATION-", "Wrong", "Right answer", "verdict", "Read it in the source"):
        assert leak not in page
    client.post(url, data={"answer": "Ada Lovelace", "go": "check"})
    db.session.expire_all()
    assert attempt.responses[0].answer == "Grace Hopper"


def test_result_of_a_lenient_quiz_holds_back_embargoed_questions(client, bank_writer):
    """Only the questions the strict quiz draws (by its tag filter) are held back; the score
    counts the others."""
    questions = [make_question(kind) for kind in SAMPLE_QUESTIONS]
    questions[0]["tags"] = ["secret"]
    bank_writer.load(questions=questions, quizzes=[
        make_quiz(), make_quiz(id="strict-quiz", join_code="STRICT", feedback="never",
                               tags=["secret"])])
    attempt = start(client)
    answer_all(client, attempt)
    submit(client, attempt)
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "EXPLANATION-single_choice" not in page
    assert "EXPLANATION-true_false" in page
    assert "1 question is held back" in page
    assert "<strong>6</strong> out of 6" in page
    assert page.count('class="verdict verdict-right"') == 6
    quiz_page = client.get("/quiz/test-quiz").get_data(as_text=True)
    assert "Handed in" in quiz_page and "7 out of 7" not in quiz_page


def test_embargo_lifts_when_the_strict_quiz_closes(client, bank_writer):
    """Once the strict quiz has closed, the lenient quiz shows every key and the full score."""
    _load(bank_writer, closes_at=datetime.now(UTC) + timedelta(days=1))
    attempt = start(client)
    answer_all(client, attempt)
    submit(client, attempt)
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "EXPLANATION-" not in page and "7 questions are held back" in page
    assert "out of" not in page
    _close_strict_quiz()
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "EXPLANATION-single_choice" in page and "held back" not in page
    assert "<strong>7</strong> out of 7" in page


def test_reader_never_marks_an_embargoed_passage(client, bank_writer):
    """Even with every passage shown, the reader marks none that an embargoed question cites."""
    questions = [make_question(kind) for kind in SAMPLE_QUESTIONS]
    questions[6]["tags"] = ["secret"]  # numeric: "heard from 12 experts"
    bank_writer.load(questions=questions, quizzes=[
        make_quiz(), make_quiz(id="strict-quiz", join_code="STRICT", feedback="never",
                               tags=["secret"])])
    page = client.get("/sources/test-source?passages=all").get_data(as_text=True)
    assert "6 passages are marked" in page
    assert '<mark class="evidence-mark">heard from 12 experts</mark>' not in page
    start_at = TEST_SOURCE_BODY.index("heard from 12 experts")
    assert f'id="ev-{start_at}-{start_at + len("heard from 12 experts")}"' not in page
    _close_strict_quiz()
    page = client.get("/sources/test-source?passages=all").get_data(as_text=True)
    assert "7 passages are marked" in page
