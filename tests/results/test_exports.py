"""Score exports: what a gradebook, Canvas, Moodle and a spreadsheet read from them."""

import csv
import io

import pytest

from quizapp.domain.scoresheets import ATTEMPT_COLUMNS, RESPONSE_COLUMNS
from tests.play.helpers import start
from tests.results.conftest import RIGHT, WRONG, take


def table(response):
    """Return the CSV rows of a download, checking it is served as one."""
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.get_data(as_text=True), newline="")))


def test_attempts_export_has_one_row_per_attempt(app, quiz, teacher_client):
    """Finished and unfinished attempts, with score, percent, times and state."""
    take(app, "Bea", RIGHT)
    take(app, "=cmd|' /C calc'!A0", WRONG)
    start(app.test_client(), name="Dee")
    rows = table(teacher_client.get(f"/teach/quizzes/{quiz.id}/export/attempts.csv"))
    assert tuple(rows[0]) == ATTEMPT_COLUMNS
    by_name = {row[3]: dict(zip(ATTEMPT_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"Bea", "'=cmd|' /C calc'!A0", "Dee"}
    bea = by_name["Bea"]
    assert (bea["score"], bea["max_score"], bea["percent"], bea["status"]) == (
        "4", "4", "100", "submitted")
    assert bea["started_at"].endswith("+00:00") and bea["submitted_at"].endswith("+00:00")
    assert int(bea["time_taken_seconds"]) >= 0
    dee = by_name["Dee"]
    assert (dee["status"], dee["score"], dee["submitted_at"]) == ("in progress", "", "")


def test_responses_export_has_one_row_per_answer(app, quiz, teacher_client):
    """Question id, kind, prompt, given and right answers, score and time of each answer."""
    attempt = take(app, "Cal", WRONG)
    rows = table(teacher_client.get(f"/teach/quizzes/{quiz.id}/export/responses.csv"))
    assert tuple(rows[0]) == RESPONSE_COLUMNS
    records = [dict(zip(RESPONSE_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert len(records) == 4 and {r["attempt_id"] for r in records} == {attempt.public_id}
    multi = next(r for r in records if r["kind"] == "multiple_response")
    assert multi["question_id"] == "test-multiple-response" and multi["version"] == "1"
    assert multi["given_answer"] == "3 | 7" and multi["correct_answer"] == "3 | 12"
    assert float(multi["score"]) == pytest.approx(0.5 - 0.5)
    short = next(r for r in records if r["kind"] == "short_answer")
    assert (short["given_answer"], short["correct_answer"], short["score"]) == (
        "the capital", "Ottawa", "0")
    assert short["answered_at"].endswith("+00:00")


def test_responses_export_shows_the_same_answer_alike_and_no_answer_as_empty(
        app, quiz, teacher_client):
    """Learners who typed the same answers get the same cells; questions not answered yet
    have an empty answer and score."""
    take(app, "Ann", WRONG)
    take(app, "Ben", WRONG)
    start(app.test_client(), name="Dee")
    rows = table(teacher_client.get(f"/teach/quizzes/{quiz.id}/export/responses.csv"))
    records = [dict(zip(RESPONSE_COLUMNS, row, strict=True)) for row in rows[1:]]
    given = {name: sorted((r["kind"], r["given_answer"], r["score"]) for r in records
                          if r["learner"] == name) for name in ("Ann", "Ben", "Dee")}
    assert given["Ann"] == given["Ben"]
    assert ("multiple_response", "3 | 7", "0") in given["Ann"]
    assert [(answer, score) for _kind, answer, score in given["Dee"]] == [("", "")] * 4


def test_gradebook_counts_the_attempt_the_quiz_rule_says(app, quiz, teacher_client):
    """A learner outside a class is one row; "best" keeps their best attempt."""
    from quizapp.extensions import db

    quiz.attempts_allowed = None
    db.session.commit()
    take(app, "Bea", RIGHT)
    rows = table(teacher_client.get(f"/teach/quizzes/{quiz.id}/export/gradebook.csv"))
    assert rows == [["learner", "class", "roster_status", "Test quiz"], ["Bea", "", "", "100"]]


def test_canvas_and_moodle_layouts(app, quiz, teacher_client):
    """Canvas: its five identity columns and a Points Possible row; Moodle: email first."""
    take(app, "Bea", WRONG)
    canvas = table(teacher_client.get(
        f"/teach/quizzes/{quiz.id}/export/gradebook.csv?layout=canvas"))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Test quiz"]
    assert canvas[1] == ["Points Possible", "", "", "", "", "100"]
    assert canvas[2] == ["Bea", "", "", "", "", "0"]
    moodle = table(teacher_client.get(
        f"/teach/quizzes/{quiz.id}/export/gradebook.csv?layout=moodle"))
    assert moodle[0] == ["Email address", "Full name", "Test quiz"]
    assert moodle[1][:2] == ["", "Bea"]


def test_excel_option_adds_a_byte_order_mark(app, quiz, teacher_client):
    """Only the Excel version starts with a BOM."""
    take(app, "Bea", RIGHT)
    plain = teacher_client.get(f"/teach/quizzes/{quiz.id}/export/attempts.csv").data
    excel = teacher_client.get(f"/teach/quizzes/{quiz.id}/export/attempts.csv?excel=1").data
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert excel.startswith(b"\xef\xbb\xbf") and excel[3:] == plain


@pytest.mark.parametrize("query", ["layout=canvas", "layout=excel", "layout="])
def test_a_layout_that_does_not_apply_is_refused(app, quiz, teacher_client, query):
    """Canvas and Moodle layouts are gradebooks; an unknown layout is a 400."""
    assert teacher_client.get(
        f"/teach/quizzes/{quiz.id}/export/attempts.csv?{query}").status_code == 400


def test_the_command_line_writes_the_same_files(app, quiz, teacher_client, runner, tmp_path):
    """`flask scores export` gives byte for byte what the download gives, save the name."""
    take(app, "Bea", RIGHT)
    for kind, layout in (("attempts", "quizapp"), ("responses", "quizapp"),
                         ("gradebook", "canvas"), ("gradebook", "moodle")):
        out = tmp_path / f"{kind}-{layout}.csv"
        result = runner.invoke(args=["scores", "export", "--quiz", "test01", "--kind", kind,
                                     "--layout", layout, "-o", str(out)])
        assert result.exit_code == 0, result.output
        web = teacher_client.get(f"/teach/quizzes/{quiz.id}/export/{kind}.csv?layout={layout}")
        assert out.read_bytes() == web.data


def test_the_command_line_says_what_is_wrong(app, quiz, runner):
    """A wrong code or a layout for the wrong kind: a clear message and exit code 1."""
    result = runner.invoke(args=["scores", "export", "--quiz", "NOPE", "--kind", "attempts"])
    assert result.exit_code == 1 and "no quiz has the join code 'NOPE'" in result.output
    result = runner.invoke(args=["scores", "export", "--quiz", "TEST01", "--kind", "attempts",
                                 "--layout", "canvas"])
    assert result.exit_code == 1 and "--layout applies to --kind gradebook only" in result.output
