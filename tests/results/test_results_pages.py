"""A teacher reads a quiz's attempts, opens one, and sees how each question did."""

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.factories import log_in
from tests.play.helpers import start
from tests.results.conftest import RIGHT, WRONG, take


def test_results_list_every_attempt_live_with_the_distribution(app, quiz, teacher_client):
    """Handed-in and in-progress attempts both show; the chart's numbers are in a table."""
    take(app, "Bea", RIGHT)
    take(app, "Cal", WRONG)
    start(app.test_client(), name="Dee")
    page = teacher_client.get(f"/teach/quizzes/{quiz.id}/results")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    for name in ("Bea", "Cal", "Dee"):
        assert name in text
    assert "in progress" in text and "100.0%" in text
    assert "3 attempts, 2 handed in." in text
    assert '<th scope="row">90–100</th><td>1</td>' in text
    assert f"/teach/quizzes/{quiz.id}/results/distribution.svg" in text


def test_the_chart_is_an_svg_that_runs_no_script(app, quiz, teacher_client):
    """Server-drawn SVG, served with a policy that forbids scripts."""
    take(app, "Bea", RIGHT)
    chart = teacher_client.get(f"/teach/quizzes/{quiz.id}/results/distribution.svg")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert b"<svg" in chart.data and b"<script" not in chart.data
    assert "default-src 'none'" in chart.headers["Content-Security-Policy"]
    assert "script-src" not in chart.headers["Content-Security-Policy"]


def test_one_attempt_shows_answers_beside_the_key_and_evidence(app, quiz, teacher_client):
    """The teacher sees what the learner gave, the right answer and the passage."""
    attempt = take(app, "Cal", WRONG)
    text = teacher_client.get(
        f"/teach/quizzes/{quiz.id}/attempts/{attempt.public_id}").get_data(as_text=True)
    assert "Grace Hopper" in text and "Ada Lovelace" in text
    assert "said the minister, Ada Lovelace" in text
    assert "Read it in the source" in text


def test_an_attempt_of_another_quiz_is_not_found(app, quiz, teacher_client):
    """An attempt id under the wrong quiz is a 404, not a leak."""
    attempt = take(app, "Cal", WRONG)
    assert teacher_client.get(
        f"/teach/quizzes/{quiz.id + 1}/attempts/{attempt.public_id}").status_code == 404


def test_another_teacher_sees_nothing(app, quiz, make_user):
    """Results, chart, attempts, items and exports are all 404 to another teacher."""
    attempt = take(app, "Cal", WRONG)
    make_user(email="bob@example.org", name="Bob")
    client = app.test_client()
    log_in(client, email="bob@example.org")
    for path in ("results", "results/distribution.svg", f"attempts/{attempt.public_id}",
                 "items", "export/attempts.csv", "export/responses.csv",
                 "export/gradebook.csv?layout=canvas"):
        assert client.get(f"/teach/quizzes/{quiz.id}/{path}").status_code == 404, path


def test_item_analysis_counts_answers_and_marks_the_right_one(app, quiz, teacher_client):
    """Facility per question and the wrong choice that drew, with its count."""
    take(app, "Bea", RIGHT)
    take(app, "Cal", WRONG)
    take(app, "Dan", WRONG)
    text = teacher_client.get(f"/teach/quizzes/{quiz.id}/items").get_data(as_text=True)
    assert "Who is the minister?" in text
    assert "33.3%" in text
    assert '<th scope="row">Grace Hopper</th>\n        <td>2</td>' in text
    assert "Accept as right" in text  # "the capital", typed twice, can be accepted


def test_in_progress_attempts_do_not_count_in_item_analysis(app, quiz, teacher_client):
    """Only handed-in attempts are analysed."""
    start(app.test_client(), name="Dee")
    text = teacher_client.get(f"/teach/quizzes/{quiz.id}/items").get_data(as_text=True)
    assert "No attempt has been handed in yet." in text
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1
