"""The learner flow end to end through the test client."""

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from tests.play.helpers import answer_all, question_url, start, submit


def test_home_lists_open_quizzes_and_joins_by_code(client, bank_writer):
    """The home page lists the quiz, and its code (any case) opens it."""
    bank_writer.load()
    assert "Test quiz" in client.get("/").get_data(as_text=True)
    response = client.post("/join", data={"code": " test01 "})
    assert response.status_code == 302
    assert response.location.endswith("/quiz/test-quiz")


def test_unknown_join_code_says_so(client, bank_writer):
    """A wrong code gets a clear message and no redirect."""
    bank_writer.load()
    response = client.post("/join", data={"code": "NOPE99"})
    assert response.status_code == 400
    assert "No quiz has that code" in response.get_data(as_text=True)


def test_start_needs_a_name_and_creates_nothing_without_one(client, bank_writer):
    """Starting without a display name is refused and makes no attempt."""
    bank_writer.load()
    response = client.post("/quiz/test-quiz/start", data={
        "display_name": "   ", "start_token": "0" * 8 + "-0000-0000-0000-" + "0" * 12})
    assert response.status_code == 400
    assert "Type the name your teacher will see" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 0


def test_over_long_name_is_refused(client, bank_writer):
    """A 61-character name gets a message, not a database error."""
    bank_writer.load()
    response = client.post("/quiz/test-quiz/start", data={
        "display_name": "x" * 61, "start_token": "0" * 8 + "-0000-0000-0000-" + "0" * 12})
    assert response.status_code == 400
    assert "under 60 characters" in response.get_data(as_text=True)


def test_double_clicked_start_makes_one_attempt(client, bank_writer):
    """Posting the same start form twice gives the same attempt."""
    bank_writer.load()
    form = {"display_name": "Ann", "start_token": "11111111-2222-3333-4444-555555555555"}
    first = client.post("/quiz/test-quiz/start", data=form)
    second = client.post("/quiz/test-quiz/start", data=form)
    assert first.location == second.location
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1


def test_answers_are_saved_and_shown_again(client, bank_writer):
    """A saved answer is there on reload and the page says how far the learner is."""
    bank_writer.load()
    attempt = start(client)
    client.post(question_url(attempt, 1), data={"answer": "Grace Hopper", "go": "next"})
    page = client.get(question_url(attempt, 1)).get_data(as_text=True)
    assert 'value="Grace Hopper" checked' in page
    assert "Question 1 of 7" in page
    assert "1 answered" in page


def test_review_page_counts_answers_and_names_no_question(client, bank_writer):
    """The review page is about the whole attempt: it says how many are answered."""
    bank_writer.load()
    attempt = start(client)
    client.post(question_url(attempt, 1), data={"answer": "Grace Hopper", "go": "next"})
    page = client.get(f"/attempt/{attempt.public_id}/review").get_data(as_text=True)
    assert "Question 0" not in page and 'aria-current="step"' not in page
    assert "1 of 7 questions answered" in page


def test_closed_browser_resumes_the_same_attempt(client, app, bank_writer):
    """The quiz page offers to resume, and resuming goes to the first unanswered question."""
    bank_writer.load()
    attempt = start(client)
    client.post(question_url(attempt, 1), data={"answer": "Grace Hopper", "go": "next"})
    assert "Resume your attempt" in client.get("/quiz/test-quiz").get_data(as_text=True)
    again = client.post("/quiz/test-quiz/start", data={
        "display_name": "Ann", "start_token": "11111111-2222-3333-4444-555555555555"})
    assert again.location.endswith(f"/attempt/{attempt.public_id}")
    response = client.get(f"/attempt/{attempt.public_id}")
    assert response.location.endswith(question_url(attempt, 2))


def test_another_learner_cannot_open_the_attempt(app, client, bank_writer):
    """An attempt's pages are 404 for a browser that did not start it."""
    bank_writer.load()
    attempt = start(client)
    stranger = app.test_client()
    assert stranger.get(question_url(attempt, 1)).status_code == 404
    assert stranger.get(f"/attempt/{attempt.public_id}/result").status_code == 404


def test_bad_answer_is_refused_and_changes_nothing(client, bank_writer):
    """Two items given the same place get a message; the saved answer stays as it was."""
    bank_writer.load()
    attempt = start(client)
    position = next(r.position for r in attempt.responses if r.question_version.kind == "ordering")
    response = client.post(question_url(attempt, position),
                           data={"position-0": "1", "position-1": "1", "position-2": "2"})
    assert response.status_code == 400
    assert "different position from 1 to 3" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Response, attempt.responses[position - 1].id).answer is None


def test_forged_choice_is_refused(client, bank_writer):
    """A choice that was never offered is not stored."""
    bank_writer.load()
    attempt = start(client)
    response = client.post(question_url(attempt, 1), data={"answer": "Marie Curie"})
    assert response.status_code == 400
    db.session.expire_all()
    assert attempt.responses[0].answer is None


def test_perfect_attempt_scores_full_marks_once(client, bank_writer):
    """Submitting twice scores once; the result page shows the full score."""
    bank_writer.load()
    attempt = start(client)
    answer_all(client, attempt)
    submit(client, attempt)
    db.session.expire_all()
    first_submitted = db.session.get(Attempt, attempt.id).submitted_at
    submit(client, attempt)
    db.session.expire_all()
    scored = db.session.get(Attempt, attempt.id)
    assert scored.submitted_at == first_submitted
    assert scored.score == 7
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "<strong>7</strong> out of 7" in page
    assert page.count("Right</span>") == 7


def test_answers_cannot_change_after_submission(client, bank_writer):
    """A question page of a submitted attempt leads to the result; nothing is re-saved."""
    bank_writer.load()
    attempt = start(client)
    client.post(question_url(attempt, 1), data={"answer": "Ada Lovelace"})
    submit(client, attempt)
    response = client.post(question_url(attempt, 1), data={"answer": "Grace Hopper"})
    assert response.location.endswith("/result")
    db.session.expire_all()
    assert db.session.get(Response, attempt.responses[0].id).answer == "Ada Lovelace"


def test_result_links_each_explanation_to_its_passage(client, bank_writer):
    """The result page shows explanations and links that open the highlighted passage."""
    bank_writer.load()
    attempt = start(client)
    submit(client, attempt)
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "EXPLANATION-single_choice" in page
    assert "Read it in the source" in page
    assert "/sources/test-source?hl=" in page
    assert "https://example.org/article#:~:text=said%20the%20minister%2C%20Ada%20Lovelace" in page


def test_attempts_allowed_is_enforced(client, bank_writer):
    """Once the allowed attempts are used, starting again is refused with a message."""
    bank_writer.load(quizzes=[{"id": "test-quiz", "title": "Test quiz", "sets": ["test-set"],
                                "join_code": "TEST01", "attempts_allowed": 1}])
    attempt = start(client)
    submit(client, attempt)
    page = client.get("/quiz/test-quiz").get_data(as_text=True)
    token = page.split('name="start_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/quiz/test-quiz/start", data={"display_name": "Ann",
                                                          "start_token": token},
                           follow_redirects=True)
    assert "used every attempt" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1


def test_random_draw_takes_the_asked_number(client, bank_writer):
    """A quiz asking for 3 of 7 questions gives each attempt 3."""
    bank_writer.load(quizzes=[{"id": "test-quiz", "title": "Test quiz", "sets": ["test-set"],
                                "join_code": "TEST01", "question_count": 3}])
    attempt = start(client)
    assert len(attempt.responses) == 3
    assert attempt.max_score == 3


def test_numeric_answer_is_shown_back_exactly(client, bank_writer):
    """A saved 0.125 comes back as 0.125, not rounded, so resaving keeps it."""
    bank_writer.load()
    attempt = start(client)
    position = next(r.position for r in attempt.responses if r.question_version.kind == "numeric")
    client.post(question_url(attempt, position), data={"answer": "0.125"})
    page = client.get(question_url(attempt, position)).get_data(as_text=True)
    assert 'value="0.125"' in page
